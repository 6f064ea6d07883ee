"""Broken and truncated files of every format the toolkit reads, in one round."""

from __future__ import annotations

import io
import json
import zipfile

import docx

from .corpus import Context, Run, case


def _docx_bytes(text: str = "推优登记表\n姓名：张三") -> bytes:
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _files_listed(name: str):
    def check(work, proc) -> str | None:
        report = json.loads(proc.stdout or "{}")
        listed = {f["file"] for f in report.get("files", [])}
        return None if name in listed or f"in/{name}" in listed else f"{name} missing from check's files"
    return check


@case("truncated-files")
def truncated(ctx: Context) -> Run:
    src = ctx.dir / "in"
    src.mkdir()
    whole = _docx_bytes()
    (src / "截断.docx").write_bytes(whole[: len(whole) // 2])
    (src / "截断.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    (src / "空.xlsx").write_bytes(b"")
    (src / "正常.docx").write_bytes(whole)
    names = ["in/截断.docx", "in/截断.pdf", "in/空.xlsx", "in/正常.docx"]
    return Run(["check", "in", "--format", "json", "--jobs", "2"], listed=names)


@case("zip-members-garbage")
def zip_garbage(ctx: Context) -> Run:
    src = ctx.dir / "in"
    src.mkdir()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<not xml")
        zf.writestr("word/document.xml", b"\x00\xff" * 100)
    (src / "坏.docx").write_bytes(buf.getvalue())
    return Run(["convert", "in", "-o", "out/汇总.xlsx"], listed=["坏.docx"], report="out/汇总.xlsx",
               outdirs=["out"])
