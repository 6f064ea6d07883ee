"""Recognise a file by its content (magic bytes), not by its name.

Contract: "A file whose content is not what its name says is reported, never
guessed silently." ``detect_format`` says what the bytes are; ``mismatch_note``
words the remark a reader adds when the name disagrees.
"""

from __future__ import annotations

import os
import zipfile

from ..cn.encoding import decode_text, is_binary
from ..sheets import ODS_MIME, OLE_MAGIC, SPREADSHEETML_NS, XML_SEARCH

FORMATS = ("docx", "pdf", "doc", "xlsx", "xls", "xmlss", "txt", "rtf", "odt", "wordml", "uof", "ods", "html", "slides",
           "uof-other", "zip", "7z", "rar", "image", "empty", "unknown")
ARCHIVES = ("zip", "7z", "rar")  # archives of submissions, read as folders (read/archive.py)

# What each format is called in messages, and the extensions that may carry it.
NAMES = {"docx": "Word 文档（.docx）", "pdf": "PDF", "doc": "旧版 Word 文档（.doc）",
         "xlsx": "Excel 表格（.xlsx）", "xls": "旧版 Excel 表格（.xls）", "txt": "纯文本", "csv": "文本格式的表格（CSV）",
         "rtf": "RTF 文档", "odt": "OpenDocument 文档（.odt）", "ods": "OpenDocument 表格（.ods）",
         "xmlss": "Excel 2003 XML 表格", "wordml": "Word 2003 XML 文档", "uof": "标文通（UOF）文字文档",
         "uof-other": "标文通（UOF）表格或演示文稿", "slides": "演示文稿（幻灯片）", "html": "网页（HTML/MHT）", "zip": "压缩包", "7z": "7-Zip 压缩包", "rar": "RAR 压缩包",
         "image": "图片", "unknown": "无法识别的内容"}
EXTENSIONS = {"docx": {".docx", ".docm", ".dotx", ".wps"}, "pdf": {".pdf"},
              "doc": {".doc", ".dot", ".wps"}, "xlsx": {".xlsx", ".xlsm", ".et"},
              "xls": {".xls", ".et"}, "txt": {".txt", ".text", ".csv", ".md", ""},
              "csv": {".csv", ".tsv", ".txt"},
              "rtf": {".rtf", ".doc"}, "odt": {".odt", ".fodt"}, "ods": {".ods", ".fods"},
              "xmlss": {".xml"}, "wordml": {".xml"}, "uof": {".uot", ".uof"},
              "slides": {".pptx", ".ppt", ".pps", ".ppsx", ".dps", ".dpt", ".odp"}, "html": {".html", ".htm", ".mht", ".mhtml"}, "zip": {".zip"}, "7z": {".7z"}, "rar": {".rar"},
              "image": {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp"}}

_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_7Z = b"7z\xbc\xaf\x27\x1c"
_RAR = b"Rar!\x1a\x07"  # then \x00 (RAR 1.5–4) or \x01\x00 (RAR 5)
_PDF_SEARCH = 4096  # some producers put junk (a banner, a BOM) before %PDF


def _ole_kind(path: str) -> str:
    """Tell a Word .doc from an Excel .xls (or an encrypted .docx) by the
    stream names in the OLE2 directory (stored as UTF-16LE)."""
    with open(path, "rb") as fh:
        data = fh.read()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") + b"\x00\x00" in data:
        return "xls"
    if "PowerPoint Document".encode("utf-16-le") in data:  # PowerPoint's .ppt and WPS 演示's .dps
        return "slides"
    return "unknown"


def _zip_kind(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            mimetype = zf.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError):
        return "broken-zip"
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("ppt/") for n in names):
            return "slides"
    for kind, mime in _ODF:
        if mimetype.startswith(mime):
            return "encrypted" if _odf_encrypted(path) else kind
    return "zip"


_ODF = (("odt", b"application/vnd.oasis.opendocument.text"), ("ods", ODS_MIME),
        ("slides", b"application/vnd.oasis.opendocument.presentation"))


def _odf_encrypted(path: str) -> bool:
    """An OpenDocument file saved with a password: its manifest lists how each part was encrypted."""
    try:
        with zipfile.ZipFile(path) as zf, zf.open("META-INF/manifest.xml") as fh:
            return b"encryption-data" in fh.read(2**20)  # inflated in steps: a lying header costs nothing
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False


# Office documents saved as one XML file, known by their root element's namespace or type, searched
# for in the file's start.
_XML_KINDS = ((SPREADSHEETML_NS, "xmlss"),
              (b"schemas.microsoft.com/office/word/2003/wordml", "wordml"),
              (b'uof:mimetype="vnd.uof.text"', "uof"),
              (b"uof:mimetype=", "uof-other"),
              (b'office:mimetype="application/vnd.oasis.opendocument.text', "odt"),
              (b'office:mimetype="application/vnd.oasis.opendocument.spreadsheet', "ods"),
              (b'office:mimetype="application/vnd.oasis.opendocument.presentation', "slides"))


def _xml_kind(path: str) -> str | None:
    with open(path, "rb") as fh:
        head = fh.read(XML_SEARCH)
    return next((kind for mark, kind in _XML_KINDS if mark in head), None)


def sniff(path: str) -> str:
    """Like ``detect_format`` but with two extra answers the readers need:
    ``broken-zip`` (a truncated package) and ``encrypted`` (a password-protected
    Office file, which is an OLE2 container)."""
    size = os.path.getsize(path)
    if size == 0:
        return "empty"
    with open(path, "rb") as fh:
        head = fh.read(_PDF_SEARCH)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_7Z):
        return "7z"
    if head.startswith(_RAR):
        return "rar"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"
    text = decode_text(head, partial=len(head) < size)
    if text is not None:
        start = text.lstrip("\ufeff \t\r\n")[:1024].lower()
        if start.startswith(("<!doctype html", "<html", "mime-version:")) or "<html" in start[:300]:
            return "html"
        if start.startswith("<"):
            return _xml_kind(path) or "txt"
        return "txt"
    return "unknown" if is_binary(head) else "txt"  # text in an encoding we cannot tell: the reader says so


def detect_format(path: str | os.PathLike) -> str:
    """What the file's content is: ``docx`` ``pdf`` ``doc`` ``xlsx`` ``xls``
    ``xmlss`` ``txt`` ``rtf`` ``odt`` ``wordml`` ``uof`` ``ods`` ``html`` ``slides`` ``uof-other`` ``zip`` ``7z`` ``rar`` ``image`` ``empty`` or ``unknown``."""
    kind = sniff(os.fspath(path))
    return {"broken-zip": "zip", "encrypted": "unknown"}.get(kind, kind)


def read_as(kind: str, has_tables: bool) -> str:
    """The format a file was read as, given what ``sniff`` said: text that held a table is a CSV."""
    return "csv" if kind == "txt" and has_tables else kind


def mismatch(path: str, fmt: str) -> str | None:
    """“文件扩展名为 .pdf，但内容是图片” when the extension does not fit the content, else None."""
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTENSIONS.get(fmt, ()):
        return None
    return f"文件扩展名为 {ext or '（无扩展名）'}，但内容是{NAMES[fmt]}"


def mismatch_note(path: str, fmt: str) -> str | None:
    """A Chinese remark when the file's extension does not fit its content."""
    words = mismatch(path, fmt)
    return f"{words}，已按{NAMES[fmt]}读取" if words else None
