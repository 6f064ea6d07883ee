"""Any submission → one ``Document`` (toolkit.model).

    read(path) -> Document                      # raises ReadError(message_cn, status)
    convert_legacy(paths, tmp) -> ({path: docx}, {path: ReadError})   # all .doc in one LibreOffice run
    collect(paths) -> list[str]                 # files and folders → files, in order
    detect_format(path) -> str                  # by content: docx pdf doc xlsx xls txt …

A batch (parallel reading, one LibreOffice run) is read by ``toolkit.app.pipeline``.

Files are recognised by content. When the name disagrees with the content
but the content is a document type the toolkit reads (a PDF named .docx), the
file is read as what it is and ``Document.notes`` says so; when the content
is not a document (a photo named .docx), ReadError with status "skipped".
"""

from __future__ import annotations

import errno
import os
import tempfile
from typing import Iterable

from ..errors import ReadError, describe_os_error
from ..files import TEMP_PREFIX, shown
from ..model import Document
from .detect import NAMES, detect_format, mismatch, mismatch_note, read_as, sniff
from ..timelimit import deadline
from .limits import MAX_BYTES, MAX_CHARS, TIMEOUT, too_long

__all__ = ["read", "collect", "detect_format", "convert_legacy", "ReadError", "MAX_BYTES", "TIMEOUT"]

LOCK_FILE = "这是 Word/WPS 打开文档时生成的临时锁定文件（~$ 开头），不是文档本身；请提交原文件"
_LEGACY = ("doc", "rtf", "odt", "wordml", "uof")  # read through LibreOffice (converted to .docx)
READABLE = ".docx .doc .wps .pdf .xlsx .xls .et .ods .odt .rtf .txt .csv"
# What WPS saves in the common formats, for a WPS file whose content is none of them (a WPS
# proprietary one: LibreOffice opens none of these either).
WPS_SAVE_AS = {".wps": ".docx", ".wpt": ".docx", ".et": ".xlsx", ".ett": ".xlsx", ".dps": "PDF", ".dpt": "PDF"}
MAX_TEXT_BYTES = 4 * MAX_CHARS  # four bytes per character at most (UTF-8, UTF-32)
NOTHING_READ = {**dict.fromkeys(("xlsx", "xls", "ods", "xmlss"), "表格中没有任何内容"),
                "txt": "文件中没有文字"}


def read(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES, timeout: float | None = TIMEOUT,
         converted: str | None = None) -> Document:
    """Read one submission. Raises ReadError with a Chinese message (status
    "error" for an unreadable file, "skipped" for a type the toolkit does not read).

    ``timeout`` (seconds) applies where signals work (a process's main thread).
    ``converted`` is the .docx that ``convert_legacy`` made of a .doc ``path``
    (the Document still names ``path``); without it a .doc is converted alone.
    """
    path = os.fspath(path)
    with deadline(timeout):
        return _read(path, max_bytes, converted)


def _read(path: str, max_bytes: int, converted: str | None = None) -> Document:
    if not os.path.exists(path):
        raise ReadError("文件不存在")
    if not os.path.isfile(path):
        raise ReadError("不是普通文件", "skipped")
    size = os.path.getsize(path)
    if os.path.basename(path).startswith("~$") and size < 4096:
        raise ReadError(LOCK_FILE)
    if size > max_bytes:
        raise ReadError(f"文件过大（{size / 2**20:.1f} MB，上限 {max_bytes / 2**20:.0f} MB），已跳过")
    kind = sniff(path)
    ext = os.path.splitext(path)[1].lower() or "（无扩展名）"
    if kind == "empty":
        raise ReadError("文件为空")
    if kind == "encrypted":
        raise ReadError("文件已加密（设置了打开密码），请提交未加密版本")
    if kind == "broken-zip":
        raise ReadError(f"文件已损坏，无法作为 {ext} 打开")
    if kind == "image":  # a scan or photo, whatever its name says
        from .ocr import read_image
        try:
            doc = read_image(path)
        except ReadError as exc:
            if words := mismatch(path, kind):  # a photo named .pdf: say so, it explains the failure
                exc.message = f"{words}：{exc.message}"
            raise
        note = mismatch_note(path, kind)
        if note:
            doc.notes.insert(0, note)
        return doc
    if kind == "uof-other":
        raise ReadError(f"内容是{NAMES[kind]}，无法直接读取；请用 WPS 打开后“另存为”.xlsx 或 PDF 格式，重新提交", "skipped")
    if kind == "slides":
        raise ReadError(f"内容是{NAMES[kind]}，不是可审查的文档；如需审查，请另存为 PDF 后重新提交", "skipped")
    if kind == "unknown" and ext in WPS_SAVE_AS:
        raise ReadError(f"无法识别的内容：可能是旧版 WPS 的专有格式，也可能文件已损坏；"
                        f"请用 WPS 打开后“另存为”{WPS_SAVE_AS[ext]} 格式，重新提交", "skipped")
    if kind in ("zip", "7z", "rar", "unknown"):
        what = "无法识别的内容" if kind == "unknown" else f"内容是{NAMES[kind]}"
        raise ReadError(f"{what}，不是可读取的文档（支持 {READABLE}）", "skipped")
    if kind == "txt" and size > MAX_TEXT_BYTES:  # more characters than MAX_CHARS in any encoding: not decoded
        raise ReadError(f"文本文件过大（{size / 2**20:.1f} MB，纯文本上限 {MAX_TEXT_BYTES / 2**20:.0f} MB，"
                        f"约 {MAX_CHARS // 10_000} 万字），不像一份提交材料，已跳过；如确需审查，请拆分后分别提交")
    doc = _read_as(kind, path, converted)
    chars = sum(len(p.text) for p in doc.paragraphs) + sum(len(c.text) for t in doc.tables for c in t.cells)
    if chars > MAX_CHARS:
        raise too_long(chars)
    if not doc.paragraphs and not any(c.text for t in doc.tables for c in t.cells):
        raise ReadError(NOTHING_READ.get(kind, "文档中没有任何文字内容"))
    note = mismatch_note(path, read_as(kind, bool(doc.tables)))
    if note:
        doc.notes.insert(0, note)
    return doc


def _read_as(kind: str, path: str, converted: str | None) -> Document:
    if kind == "docx":
        from .docx import PICTURES_ONLY, read_docx
        try:
            doc = read_docx(path)
        except ReadError as exc:
            if exc.message != PICTURES_ONLY:
                raise
            doc = None
        from .ocr import mostly_pictures, read_docx_pictures  # a scan or photo pasted into Word
        return read_docx_pictures(path, doc) if doc is None or mostly_pictures(path, doc) else doc
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(path)
    if kind == "xlsx":
        from .xlsx import read_xlsx
        return read_xlsx(path)
    if kind == "xls":
        from .xls import read_xls
        return read_xls(path)
    if kind == "ods":
        from .ods import read_ods
        from .xlsx import MAX_CELLS, MAX_COLS, MAX_ROWS
        return read_ods(path, max_rows=MAX_ROWS, max_cols=MAX_COLS, max_cells=MAX_CELLS)
    if kind == "xmlss":
        from .xlsx import MAX_CELLS, MAX_COLS, MAX_ROWS
        from .xmlss import read_xmlss
        return read_xmlss(path, max_rows=MAX_ROWS, max_cols=MAX_COLS, max_cells=MAX_CELLS)
    if kind == "txt":
        from .txt import read_txt
        return read_txt(path)
    if kind == "html":
        from .html import read_html
        return read_html(path)
    return _read_legacy(path, converted)


def _read_legacy(path: str, converted: str | None) -> Document:
    from .doc import CONVERT_FAILED, convert_docs

    if converted is None:
        with tempfile.TemporaryDirectory(prefix="tw-doc-") as tmp:
            out = convert_docs([path], tmp).get(path)
            if out is None:
                raise ReadError(CONVERT_FAILED)
            doc = _read_as("docx", out, None)
    else:
        doc = _read_as("docx", converted, None)  # as a .docx, pictures included
    doc.path, doc.format = path, "doc"  # the model's name for every format read through LibreOffice
    return doc


# What reading each kind imports (by extension: a hint, a mislabelled file just
# imports its reader when met). A batch loads these once before its workers fork.
_READER_MODULES = {".docx": ("toolkit.read.docx",), ".doc": ("toolkit.read.docx",),
                   ".pdf": ("toolkit.read.pdf", "toolkit.read.pdfium"),
                   ".xlsx": ("toolkit.read.xlsx",), ".txt": ("toolkit.read.txt",),
                   ".xls": ("toolkit.read.xls",), ".et": ("toolkit.read.xls",), ".ods": ("toolkit.read.ods",),
                   **{ext: ("toolkit.read.ocr",) for ext in (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")}}


def reader_modules(paths: Iterable[str]) -> list[str]:
    """The reader modules that reading ``paths`` will need, judged by extension."""
    exts = {os.path.splitext(p)[1].lower() for p in paths}
    return list(dict.fromkeys(m for ext in sorted(exts) for m in _READER_MODULES.get(ext, ())))


HIDDEN = "名称以“.”开头的隐藏文件，已跳过；如确是提交材料，请去掉名称开头的“.”"
HIDDEN_FOLDER = "名称以“.”开头的隐藏文件夹，其中的文件未读取；如确是提交材料，请去掉名称开头的“.”"
NO_ENTRY = "无法打开这个文件夹（{reason}），其中的文件未能读取"
LINK_OUTSIDE = "这是指向所给文件夹之外（{target}）的快捷方式（符号链接），出于安全未读取"
LINK_LOOP = "这是循环的快捷方式（符号链接指向自己），无法读取"
LINK_DANGLING = "这是失效的快捷方式（符号链接指向的文件不存在）"


def _link_problem(path: str, roots: list[str]) -> tuple[str, str] | None:
    """Why the symbolic link ``path`` found under a named folder is not followed, and the status
    (a broken link is unreadable, one that leaves the folders is skipped), or None."""
    try:
        os.stat(path)
    except OSError as exc:
        return (LINK_LOOP if exc.errno == errno.ELOOP else LINK_DANGLING), "error"
    target = os.path.realpath(path)
    if any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
        return None
    return LINK_OUTSIDE.format(target=shown(target)), "skipped"


def collect(paths: Iterable[str | os.PathLike], refused: dict[str, ReadError] | None = None) -> list[str]:
    """Files given, and files under folders given (recursively, sorted), as
    paths joined onto what was given. Each file is listed once, under the first
    spelling it came by. A path that does not exist is kept (read reports it).

    Nothing under a named folder goes missing without a word: hidden files
    (``.DS_Store``) and hidden folders (``.git``, listed once, not entered), a
    folder that cannot be entered, symbolic links that leave the named folders,
    loop or lead nowhere (listed, never followed), our own outputs and
    ``tuanwen.toml`` are listed with the reason they are not read, put in
    ``refused`` (pass these as the files' errors). Office lock files (``~$…``)
    are kept so that they are reported; our own temporary files (``.~tw-…``)
    are left out.
    """
    from ..outputs import not_a_submission

    refused = {} if refused is None else refused
    given = [os.fspath(p) for p in paths]
    roots = [os.path.realpath(p) for p in given if os.path.isdir(p)]
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str, reason: str | None = None, status: str = "skipped") -> None:
        key = os.path.realpath(path) if reason is None else os.path.abspath(path)
        if key not in seen:  # one file given twice (./a.docx, a.docx, via its folder) is read once
            seen.add(key)
            out.append(path)
            if reason:
                refused[path] = ReadError(reason, status)

    for p in given:
        if not os.path.isdir(p):
            add(p)
            continue
        found: list[tuple[str, str | None, str]] = []

        def cannot_enter(exc: OSError, found=found) -> None:
            reason = describe_os_error(exc).split("：", 1)[-1]
            found.append((exc.filename or p, NO_ENTRY.format(reason=reason), "error"))

        for root, dirs, files in os.walk(p, onerror=cannot_enter):
            for d in list(dirs):
                full = os.path.join(root, d)
                if d.startswith("."):
                    found.append((full, HIDDEN_FOLDER, "skipped"))
                elif os.path.islink(full):
                    problem = _link_problem(full, roots)
                    if problem:
                        found.append((full, *problem))
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                full = os.path.join(root, f)
                if f.startswith(TEMP_PREFIX):
                    continue
                if f.startswith("."):
                    found.append((full, HIDDEN, "skipped"))
                    continue
                if os.path.islink(full):
                    problem = _link_problem(full, roots)
                    if problem:
                        found.append((full, *problem))
                        continue
                found.append((full, not_a_submission(full), "skipped"))
        found.sort(key=lambda item: os.path.relpath(item[0], p).split(os.sep))
        for path, reason, status in found:
            add(path, reason, status)
    return out


def convert_legacy(paths: list[str], tmp: str, max_bytes: int = MAX_BYTES
                   ) -> tuple[dict[str, str], dict[str, ReadError]]:
    """Convert every legacy Word file among ``paths`` (by content) to .docx in
    ``tmp`` with ONE LibreOffice run. Returns {path: converted .docx} and
    {path: ReadError} for those that failed; pass the former to ``read(path,
    converted=…)`` in the workers."""
    from .doc import CONVERT_FAILED, convert_docs

    legacy = []
    for p in paths:
        try:
            if (not os.path.basename(p).startswith("~$") and 0 < os.path.getsize(p) <= max_bytes
                    and sniff(p) in _LEGACY):
                legacy.append(p)
        except OSError:
            continue
    if not legacy:
        return {}, {}
    try:
        converted = convert_docs(legacy, tmp)
    except ReadError as exc:
        return {}, {p: exc for p in legacy}
    return converted, {p: ReadError(CONVERT_FAILED) for p in legacy if p not in converted}
