"""The generate side: data files that blow up, templates that lie or loop, control characters in
data, hostile output names, two runs into one folder, and runs interrupted by Ctrl-C or a hard kill.

Every refusal is exit 2 with a Chinese message naming the file and what is wrong; nothing is left in
the output folder but complete documents (``outdirs`` counts our temporary files as leftovers).
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import struct
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import docx
from lxml import etree
from openpyxl import Workbook

from .corpus import ROOT, Context, Run, case

# A user template without a schema: the fields are whatever the template reads.
FORM = ["推优登记表", "姓名：{{ 姓名 }}", "团支部：{{ 团支部 }}"]


def template(folder: Path, lines: list[str] = FORM, name: str = "表.docx") -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    path = folder / name
    d.save(path)
    return path


def inputs(ctx: Context) -> Path:
    src = ctx.dir / "in"
    src.mkdir()
    return src


def people(n: int) -> list[dict]:
    return [{"姓名": f"团员{i:04d}", "团支部": "化工2201团支部"} for i in range(n)]


def refused(args: list[str], message: str, **kw) -> Run:
    return Run(["generate", *args, "-o", "out"], exit_codes=(2,), message=message, outdirs=["out"],
               unsafe=[nothing_written], **kw)


def nothing_written(work: Path, proc) -> str | None:
    out = work / "out"
    left = [p.name for p in out.iterdir()] if out.is_dir() else []
    return f"a refused run left files in out/: {left[:5]}" if left else None


def documents_open(work: Path, proc) -> str | None:
    """Every .docx under out/ under its final name is whole: a zip whose XML parts all parse."""
    for path in (work / "out").glob("*.docx"):
        try:
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    if name.endswith(".xml") or name.endswith(".rels"):
                        etree.fromstring(zf.read(name))
        except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError) as exc:
            return f"{path.name} cannot be opened: {exc}"
    return None


# --- data files that blow up -----------------------------------------------------------------

@case("gen-json-deep")
def json_deep(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "深.json").write_text("[" * 100_000 + "]" * 100_000)
    return refused([str(template(src)), "in/深.json"], r"深\.json.*嵌套层数过深")


@case("gen-yaml-deep")
def yaml_deep(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "深.yaml").write_text("- " * 50 + "[" * 100_000 + "]" * 100_000 + "\n")
    return refused([str(template(src)), "in/深.yaml"], r"深\.yaml.*嵌套层数过深")


@case("gen-json-huge-number")
def json_number(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "数.json").write_text('[{"姓名": ' + "9" * 100_000 + ', "团支部": "一支部"}]')
    return refused([str(template(src)), "in/数.json"], r"数\.json.*数字有 100000 位")


@case("gen-yaml-huge-number")
def yaml_number(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "数.yaml").write_text("- 姓名: " + "9" * 100_000 + "\n  团支部: 一支部\n")
    return refused([str(template(src)), "in/数.yaml"], r"数\.yaml 第1行的数字有 100000 位")


def _yaml_bomb(field: str) -> str:
    """Billion laughs in YAML: nine aliases of nine aliases …, nine levels: 9**9 strings."""
    lines = ['a: &a ["哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈", '
             '"哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈", "哈哈哈哈哈哈哈哈哈哈"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]")
    lines.append(f"{field}: *i")
    return "\n".join(lines) + "\n"


@case("gen-yaml-alias-bomb-builtin")
def yaml_bomb(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "炸弹.yaml").write_text(_yaml_bomb("masthead"))
    return refused(["bulletin", "in/炸弹.yaml"], r"炸弹\.yaml.*别名炸弹")


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, change) -> bytes:
    """The package ``data`` with each member passed through ``change(name, bytes)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info)))
    return out.getvalue()


@case("gen-xlsx-dimension-xfd")
def xlsx_dimension(ctx: Context) -> Run:
    src = inputs(ctx)
    data = _rezip(_xlsx([["姓名", "团支部"], ["张三", "一支部"]]), lambda n, b: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', b) if n.endswith("sheet1.xml") else b)
    (src / "范围.xlsx").write_bytes(data)
    return refused([str(template(src)), "in/范围.xlsx"], r"范围\.xlsx.*A1:XFD1048576.*超出了可读取的范围")


@case("gen-xlsx-cell-xfd")
def xlsx_cell(ctx: Context) -> Run:
    src = inputs(ctx)
    wb = Workbook()
    wb.active.append(["姓名", "团支部"])
    wb.active.append(["张三", "一支部"])
    wb.active["XFD1048576"] = "远处的一格"
    wb.save(src / "远格.xlsx")
    # the dimension openpyxl writes names the far cell too: take it out, so the cell itself is met
    data = _rezip((src / "远格.xlsx").read_bytes(), lambda n, b: re.sub(
        rb'<dimension ref="[^"]*"/>', b"", b) if n.endswith("sheet1.xml") else b)
    (src / "远格.xlsx").write_bytes(data)
    return refused([str(template(src)), "in/远格.xlsx"], r"远格\.xlsx.*XFD1048576.*超出了可读取的范围")


@case("gen-xlsx-sharedstrings-bomb")
def xlsx_sst_bomb(ctx: Context) -> Run:
    """sharedStrings.xml inflating to 2 GB from a few MB (honest headers, zip64)."""
    src = inputs(ctx)
    base = _xlsx([["姓名", "团支部"], ["张三", "一支部"]])
    path = src / "共享串.xlsx"
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/sharedStrings.xml":
                zout.writestr(info.filename, zin.read(info))
        with zout.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            block = (b"<si><t>" + b"A" * 4000 + b"</t></si>") * 256
            for _ in range(2 * 2**30 // len(block)):
                fh.write(block)
            fh.write(b"</sst>")
    return refused([str(template(src)), "in/共享串.xlsx"], r"共享串\.xlsx.*sharedStrings\.xml.*压缩炸弹")


def _understate(data: bytes, member: str, size: int) -> bytes:
    """The zip ``data`` with ``member``'s uncompressed size written as ``size`` in its local header
    and its central directory entry: a zip that lies about its sizes."""
    raw = bytearray(data)
    name = member.encode()
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := raw.find(sig, at)) >= 0:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", raw, at + offset, size)
            at += 4
    return bytes(raw)


@case("gen-template-zip-lies")
def template_lies(ctx: Context) -> Run:
    """A template whose picture says 1 KB but inflates to 1 GB."""
    src = inputs(ctx)
    tpl = template(src)
    out = io.BytesIO()
    with zipfile.ZipFile(tpl) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        with zout.open("word/media/image1.png", "w", force_zip64=False) as fh:
            chunk = b"\0" * 2**20
            for _ in range(1000):
                fh.write(chunk)
    tpl.write_bytes(_understate(out.getvalue(), "word/media/image1.png", 1024))
    (src / "名单.json").write_text(json.dumps(people(2), ensure_ascii=False))
    return refused([str(tpl), "in/名单.json"], r"模板 表\.docx.*(已损坏|压缩炸弹)")


@case("gen-template-zip-bomb")
def template_bomb(ctx: Context) -> Run:
    """A template whose headers are honest, but whose picture inflates to 1 GB."""
    src = inputs(ctx)
    tpl = template(src)
    with zipfile.ZipFile(tpl, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("word/media/image1.png", "w",
                                                                        force_zip64=True) as fh:
        for _ in range(1024):
            fh.write(b"\0" * 2**20)
    (src / "名单.json").write_text(json.dumps(people(2), ensure_ascii=False))
    return refused([str(tpl), "in/名单.json"], r"模板 表\.docx.*压缩炸弹")


# --- template render budget ------------------------------------------------------------------

@case("gen-template-nested-loops")
def nested_loops(ctx: Context) -> Run:
    src = inputs(ctx)
    tpl = template(src, ["{% for i in range(100000) %}{% for j in range(100000) %}"
                         "{% endfor %}{% endfor %}{{ 姓名 }}"])
    (src / "名单.json").write_text(json.dumps(people(1), ensure_ascii=False))
    return refused([str(tpl), "in/名单.json"], r"模板 表\.docx 生成一份文档超过 \d+ 秒")


@case("gen-template-output-flood")
def output_flood(ctx: Context) -> Run:
    src = inputs(ctx)
    tpl = template(src, ["{% for i in range(100000) %}{% for j in range(100000) %}{{ 姓名 }}{{ 团支部 }}"
                         "{% endfor %}{% endfor %}"])
    (src / "名单.json").write_text(json.dumps([{"姓名": "张" * 5000, "团支部": "一支部"}], ensure_ascii=False))
    return refused([str(tpl), "in/名单.json"], r"模板 表\.docx 生成的一份文档超过 \d+ MB")


@case("gen-template-string-times")
def string_times(ctx: Context) -> Run:
    src = inputs(ctx)
    tpl = template(src, ["{{ 姓名 * 1000000000 }}"])
    (src / "名单.json").write_text(json.dumps(people(1), ensure_ascii=False))
    return refused([str(tpl), "in/名单.json"], r"模板 表\.docx 生成的一份文档超过 \d+ MB")


# --- control characters in data --------------------------------------------------------------

@case("gen-control-characters")
def control_characters(ctx: Context) -> Run:
    """\\x01 and \\x1b in records (the first one included), from a workbook (Excel writes them as
    _x0001_) and from JSON: every document written opens, and the warning names record and field."""
    src = inputs(ctx)
    data = _rezip(_xlsx([["姓名", "团支部"], ["王CTRLA子涵", "化工2201团支部"], ["李四", "化工CTRLB[31m2202团支部"]]),
                  lambda n, b: b.replace(b"CTRLA", b"_x0001_").replace(b"CTRLB", b"_x001B_"))
    (src / "名单.xlsx").write_bytes(data)
    return Run(["generate", str(template(src)), "in/名单.xlsx", "-o", "out", "--name", "{姓名}.docx"],
               exit_codes=(0,), outdirs=["out"],
               message=r"王子涵（数据文件第2行）“姓名”中有不可见的控制字符（U\+0001）.*\n"
                       r".*李四（数据文件第3行）“团支部”中有不可见的控制字符（U\+001B）",
               unsafe=[documents_open, _count("out", 2)])


@case("gen-control-characters-json")
def control_characters_json(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps([{"姓名": "张\u0001三", "团支部": "一\ud800支部\u001b"}]))
    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out"], exit_codes=(0,), outdirs=["out"],
               message=r"第1条记录（张三）“姓名”中有不可见的控制字符", unsafe=[documents_open, _count("out", 1)])


def _count(folder: str, n: int, pattern: str = "*"):
    def check(work: Path, proc) -> str | None:
        found = sorted(p.name for p in (work / folder).glob(pattern))
        return None if len(found) == n else f"expected {n} files {pattern} in {folder}/, found {found[:5]}"
    return check


# --- names -----------------------------------------------------------------------------------

def _names_clean(work: Path, proc) -> str | None:
    for path in (work / "out").iterdir():
        if path.suffix != ".docx" or not path.stem:
            return f"output named {path.name!r}"
        bad = [c for c in path.name if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp", "Cs")]
        if bad:
            return f"invisible characters {[hex(ord(c)) for c in bad]} in {path.name!r}"
    return None


@case("gen-name-dots")
def name_dots(ctx: Context) -> Run:
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps(people(3), ensure_ascii=False))
    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out", "--name", "..."], exit_codes=(0,),
               outdirs=["out"], unsafe=[_names_clean, _count("out", 3)])


@case("gen-name-invisible")
def name_invisible(ctx: Context) -> Run:
    """A right-to-left override that shows ``张三xcod.exe`` as ``张三exe.docx``, zero-width and bidi
    characters, in --name and in the data."""
    src = inputs(ctx)
    rows = [{"姓名": "张三\u202excod.exe", "团支部": "一\u200b支部\u2066"},
            {"姓名": "\ufeff李四\u200d", "团支部": "二支部\u061c"}, {"姓名": "..", "团支部": "."}]
    (src / "名单.json").write_text(json.dumps(rows, ensure_ascii=False))
    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out", "--name", "\u202e{团支部}_{姓名}\u200b"],
               exit_codes=(0,), outdirs=["out"], unsafe=[_names_clean, _count("out", 3)])


# --- two runs into one folder ----------------------------------------------------------------

_HOLD = """
import sys, time
from pathlib import Path
from toolkit.files import folder_lock
with folder_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@case("gen-folder-busy")
def folder_busy(ctx: Context) -> Run:
    """Another run is writing into out/ (it holds the folder's lock): refused, nothing touched."""
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps(people(3), ensure_ascii=False))
    (ctx.dir / "out").mkdir()
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(ctx.dir / "out"), "120"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()

    def release(work: Path, proc) -> str | None:
        holder.kill()
        holder.wait()
        holder.stdout.close()
        return None

    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out", "--force"], exit_codes=(2,),
               message=r"输出文件夹 out 正由另一个 tuanwen 进程（进程号 \d+）写入", unsafe=[release, _count("out", 0, "*.docx")])


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@case("gen-stale-leftovers")
def stale_leftovers(ctx: Context) -> Run:
    """What a run killed hard leaves (its lock, its staging folder with half a document): the next run
    takes the lock over, removes the staging folder and writes every document."""
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps(people(3), ensure_ascii=False))
    out = ctx.dir / "out"
    staging = out / f".~tw-{_dead_pid()}-generate-x1y2"
    staging.mkdir(parents=True)
    (staging / "0.docx").write_bytes(b"PK\x03\x04half")
    (out / ".~tw-lock").write_text(f"{_dead_pid()}\n")
    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out"], exit_codes=(0,), outdirs=["out"],
               unsafe=[documents_open, _count("out", 3)])


@case("gen-existing-kept")
def existing_kept(ctx: Context) -> Run:
    """An output name that exists is refused without --force, and the file is kept as it was."""
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps(people(3), ensure_ascii=False))
    out = ctx.dir / "out"
    out.mkdir()
    (out / "表_2.docx").write_bytes(b"the user's own file")
    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out"], exit_codes=(2,), outdirs=["out"],
               inputs=["in", "out"], message=r"输出文件已存在：表_2\.docx.*--force", unsafe=[_count("out", 1)])


# --- interrupted runs --------------------------------------------------------------------------

@case("gen-ctrl-c")
def ctrl_c(ctx: Context) -> Run:
    """Ctrl-C while documents are being rendered: 已中止, no traceback, nothing half-written, no
    temporary files, and the message says what was written."""
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps(people(1500), ensure_ascii=False))
    return Run(["generate", str(template(src)), "in/名单.json", "-o", "out", "--jobs", "2"], exit_codes=(1,),
               outdirs=["out"], interrupt=(signal.SIGINT, "out/.~tw-*-generate-*/1*.docx"),
               message=r"(未写入任何文档|已写入 \d+ 份文档).*\n(.*\n)*已中止。", unsafe=[documents_open])


@case("gen-hard-kill")
def hard_kill(ctx: Context) -> Run:
    """SIGKILL while documents are being rendered: no half-finished document under its final name;
    the next run removes what the killed one left and writes every document."""
    src = inputs(ctx)
    (src / "名单.json").write_text(json.dumps(people(1500), ensure_ascii=False))
    args = ["generate", str(template(src)), "in/名单.json", "-o", "out", "--jobs", "2"]

    def next_run(work: Path, proc) -> str | None:
        again = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args, "--force"], cwd=work,
                               capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        left = [p.name for p in (work / "out").iterdir() if p.name.startswith(".~tw-")]
        if again.returncode != 0 or left:
            return f"the run after a hard kill: exit {again.returncode}, left {left}: {again.stderr[-300:]}"
        return documents_open(work, proc) or _count("out", 1500)(work, proc)

    return Run(args, exit_codes=(137,), interrupt=(signal.SIGKILL, "out/.~tw-*-generate-*/1*.docx"),
               unsafe=[documents_open, next_run])
