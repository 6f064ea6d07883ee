"""The batch and output side of check and convert: names that are not UTF-8, formula injection,
a worker killed mid-batch, outputs that would replace submissions, inputs that vanish from an
output, symbolic links, masking gaps, a full disk and stale temporary files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import docx

from .corpus import Context, Run, case

ID = "320106200405061091"  # a wrong check digit: TW402 quotes the number
PII_FORMS = [ID, f"ID{ID}", "320106 20040506 1091", "320106850506123", "139-5123-4567", "139 5123 4567",
             "+86 139 5123 4567", "025-83591234"]
FULL_NUMBERS = ["320106200405061091", "320106850506123", "13951234567", "83591234"]
SECRET = "机密：这一行不应出现在任何输出里"


def _form(path: Path, name: str = "王子涵", branch: str = "化工2201团支部", extra: str = "") -> None:
    d = docx.Document()
    d.add_paragraph("推优登记表")
    table = d.add_table(rows=3, cols=4)
    for (r, c), text in {(0, 0): "姓名", (0, 1): name, (0, 2): "性别", (0, 3): "男",
                         (1, 0): "身份证号", (1, 1): "11010120040506109X", (1, 2): "团支部", (1, 3): branch,
                         (2, 0): "联系电话", (2, 1): "13812345678"}.items():
        table.cell(r, c).text = text
    if extra:
        d.add_paragraph(extra)
    d.save(path)


def _round(ctx: Context, names: list[str]) -> Path:
    src = ctx.dir / "in"
    src.mkdir(exist_ok=True)
    for i, name in enumerate(names):
        _form(src / name, f"王{i}")
    return src


def _everything_text(work: Path, proc) -> str:
    """stdout, stderr and every file the command wrote (outside ``in`` and ``elsewhere``), as text."""
    parts = [proc.stdout, proc.stderr]
    for p in work.rglob("*"):
        if p.is_file() and not p.is_symlink() and p.relative_to(work).parts[0] not in ("in", "elsewhere"):
            if p.suffix in (".xlsx", ".docx"):  # an annotated copy: our comments, not the copied document
                import zipfile
                with zipfile.ZipFile(p) as z:
                    parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()
                              if n.endswith(".xml") and (p.suffix == ".xlsx" or n == "word/comments.xml")]
            else:
                parts.append(p.read_text("utf-8", "replace"))
    return "\n".join(parts)


def _no_formulas(report: str):
    def check(work: Path, proc) -> str | None:
        path = work / report
        if not path.exists():
            return f"{report} not written"
        if path.suffix == ".csv":
            cells = [c for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for c in row]
            bad = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-(?![\d.]+$)", c)]
            return f"live formulas in {report}: {bad[:3]}" if bad else None
        import openpyxl
        wb = openpyxl.load_workbook(path)
        bad = [f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if c.data_type == "f"]
        return f"live formulas in {report}: {bad[:3]}" if bad else None
    return check


def _absent(*texts: str):
    def check(work: Path, proc) -> str | None:
        everything = _everything_text(work, proc)
        found = [t for t in texts if t in everything]
        return f"found in the outputs: {found}" if found else None
    return check


def _says(pattern: str, where: str = "stderr"):
    def check(work: Path, proc) -> str | None:
        return None if re.search(pattern, getattr(proc, where)) else f"{where} does not say {pattern!r}"
    return check


# 1. Names that are not UTF-8 (GBK bytes from a .zip packed on Chinese Windows, and bytes nothing decodes).

def _gbk_round(ctx: Context) -> list[str]:
    src = ctx.dir / "in"
    src.mkdir()
    d = os.fsencode(src)
    _form(Path(os.fsdecode(d + b"/" + "登记表_张三.docx".encode("gbk"))))
    Path(os.fsdecode(d + b"/" + "总结.txt".encode("gbk"))).write_text("化工2201团支部工作总结\n本学期开展活动3次。",
                                                                   encoding="gbk")
    _form(Path(os.fsdecode(d + b"/\xff\xfe\x80.docx")), "李四")
    return ["登记表_张三.docx", "总结.txt", "%FF%FE%80.docx"]


for _fmt in ("json",):
    @case(f"non-utf8-names-check-{_fmt}")
    def _check_stdout(ctx: Context, fmt=_fmt) -> Run:
        return Run(["check", "in", "--format", fmt, "--jobs", "2"], listed=_gbk_round(ctx))

for _fmt in ("xlsx", "html"):
    @case(f"non-utf8-names-check-{_fmt}")
    def _check_file(ctx: Context, fmt=_fmt) -> Run:
        names = _gbk_round(ctx)
        return Run(["check", "in", "--format", fmt, "-o", f"out/报告.{fmt}", "--annotate", "out/批注"],
                   listed=names if fmt == "xlsx" else [], report=f"out/报告.{fmt}" if fmt == "xlsx" else None,
                   outdirs=["out"], unsafe=[_says("报告已写入")])

for _ext in ("xlsx", "csv"):
    @case(f"non-utf8-names-convert-{_ext}")
    def _convert(ctx: Context, ext=_ext) -> Run:
        return Run(["convert", "in", "-o", f"out/汇总.{ext}", "--text", "out/文字版", "--jobs", "2"],
                   listed=_gbk_round(ctx), report=f"out/汇总.{ext}", outdirs=["out"])


# 2. Formula injection: a file name, a 姓名 and a 团支部 that Excel would run.

def _injection_round(ctx: Context) -> None:
    src = ctx.dir / "in"
    src.mkdir()
    _form(src / "登记表.docx", '=HYPERLINK("http://127.0.0.1:9/x","点我查看")', "=cmd|'/C calc'!A0")
    _form(src / "@登记表.docx", "+1+2", "-1+2")
    (ctx.dir / "=1+1.txt").write_text("化工2201团支部工作总结\n=1+1 @SUM(A1)", encoding="utf-8")


for _ext in ("xlsx", "csv"):
    @case(f"formula-injection-convert-{_ext}")
    def _inject_convert(ctx: Context, ext=_ext) -> Run:
        _injection_round(ctx)
        return Run(["convert", "=1+1.txt", "in", "-o", f"out/汇总.{ext}"], inputs=["in", "=1+1.txt"],
                   listed=["=1+1.txt", "@登记表.docx"], report=f"out/汇总.{ext}", outdirs=["out"],
                   unsafe=[_no_formulas(f"out/汇总.{ext}")])


@case("formula-injection-check-xlsx")
def _inject_check(ctx: Context) -> Run:
    _injection_round(ctx)
    return Run(["check", "=1+1.txt", "in", "--format", "xlsx", "-o", "out/报告.xlsx"], inputs=["in", "=1+1.txt"],
               listed=["=1+1.txt", "@登记表.docx"], report="out/报告.xlsx", outdirs=["out"],
               unsafe=[_no_formulas("out/报告.xlsx")])


# 3. A worker killed mid-batch (test-only hook: the worker SIGKILLs itself on this file).

_DIE = {"TUANWEN_TEST_FAULTS": "die:致命"}
_DEATH_ROUND = [f"{i:02d}_登记表.docx" for i in range(8)] + ["03_致命.docx"]

for _ext in ("json", "xlsx"):
    @case(f"worker-killed-convert-{_ext}")
    def _killed_convert(ctx: Context, ext=_ext) -> Run:
        _round(ctx, _DEATH_ROUND)
        return Run(["convert", "in", "-o", f"out/汇总.{ext}", "--jobs", "2"], env=_DIE, listed=_DEATH_ROUND,
                   report=f"out/汇总.{ext}", outdirs=["out"], timeout=90,
                   unsafe=[_says("进程两次意外终止", "stdout")])


@case("worker-killed-check")
def _killed_check(ctx: Context) -> Run:
    _round(ctx, _DEATH_ROUND)
    return Run(["check", "in", "--format", "json", "--jobs", "2"], env=_DIE, listed=_DEATH_ROUND, timeout=90,
               unsafe=[_says("进程两次意外终止", "stdout")])


# 4. Outputs that would replace submissions.

@case("output-replaces-submission-convert")
def _replace_convert(ctx: Context) -> Run:
    src = _round(ctx, ["a.docx"])
    (src / "汇总.xlsx").write_bytes(b"a branch's own workbook")
    return Run(["convert", "in", "-o", "in/汇总.xlsx"], exit_codes=(2,), message="会覆盖")


@case("output-replaces-submission-check")
def _replace_check(ctx: Context) -> Run:
    _round(ctx, ["x.docx", "y.docx"])
    return Run(["check", "in", "-o", "in/x.docx"], exit_codes=(2,), message="会覆盖")


@case("outputs-inside-the-input-folder")
def _outputs_inside(ctx: Context) -> Run:
    # The text versions and the table go into the submitted folder, next to a submitted a.md:
    # nothing submitted is replaced, and a second run reads none of our outputs back.
    src = _round(ctx, ["a.docx", "b.docx"])
    (src / "a.md").write_text("化工2201团支部工作总结\n本学期开展活动3次。", encoding="utf-8")
    (src / "tuanwen.toml").write_text("[check]\n", encoding="utf-8")
    (src / "汇总.xlsx").write_bytes(b"")  # stands for the table a first run wrote: replaced below
    from toolkit.app.convert import write_xlsx
    write_xlsx(src / "汇总.xlsx", [])  # our own output from an earlier run (it carries our mark)

    def second_run(work: Path, proc) -> str | None:
        data = json.loads((work / "in" / "汇总.json").read_text("utf-8")) if (work / "in" / "汇总.json").exists() else []
        status = {Path(e["文件"]).name: e.get("status", "ok") for e in data}
        if status.get("汇总.xlsx") != "skipped" or status.get("tuanwen.toml") != "skipped":
            return f"our own output or the settings read as a submission: {status}"
        return None
    return Run(["convert", "in", "-o", "in/汇总.json", "--text", "in"], inputs=["in/a.md", "in/a.docx", "in/b.docx"],
               listed=["a.docx", "b.docx", "a.md", "tuanwen.toml"], report="in/汇总.json", outdirs=["in"],
               unsafe=[second_run])


@case("annotate-into-the-input-folder")
def _annotate_inside(ctx: Context) -> Run:
    src = _round(ctx, ["a.docx"])
    _form(src / "a_批注.docx", "李四")  # a submission that happens to carry our copy's name
    _form(src / "b.docx", "王子涵", extra=f"身份证号 {ID}")
    return Run(["check", "in", "--annotate", "in", "--format", "json"], inputs=["in/a.docx", "in/a_批注.docx", "in/b.docx"],
               listed=["a.docx", "a_批注.docx", "b.docx"], outdirs=["in"])


# 5. Every input in every output format.

def _mixed_round(ctx: Context) -> list[str]:
    src = _round(ctx, ["登记表.docx"])
    (src / ".隐藏的登记表.docx").write_bytes((src / "登记表.docx").read_bytes())
    (src / ".git").mkdir()
    (src / ".git" / "HEAD").write_text("ref")
    (src / "总结.txt").write_text("化工2201团支部工作总结\n本学期开展活动3次。", encoding="utf-8")  # no records
    (src / "其实是文本.docx").write_text("化工2201团支部工作总结\n本学期开展活动2次。", encoding="utf-8")
    (src / "坏.docx").write_bytes(b"PK\x03\x04broken")
    return ["登记表.docx", ".隐藏的登记表.docx", ".git", "总结.txt", "其实是文本.docx", "坏.docx"]


for _ext in ("csv", "jsonl"):
    @case(f"every-input-listed-convert-{_ext}")
    def _listed_convert(ctx: Context, ext=_ext) -> Run:
        names = _mixed_round(ctx)
        return Run(["convert", "in", "-o", f"out/汇总.{ext}"], listed=names + ["但内容是纯文本"],
                   report=f"out/汇总.{ext}", outdirs=["out"])


@case("every-input-listed-convert-summary")
def _listed_summary(ctx: Context) -> Run:
    return Run(["convert", "in"], listed=_mixed_round(ctx) [1:3] + ["其实是文本.docx", "但内容是纯文本", "坏.docx"])


for _fmt in ("text",):
    @case(f"every-input-listed-check-{_fmt}")
    def _listed_check(ctx: Context, fmt=_fmt) -> Run:
        return Run(["check", "in", "--format", fmt], listed=_mixed_round(ctx) + ["但内容是纯文本"])


@case("every-input-listed-check-html")
def _listed_html(ctx: Context) -> Run:
    names = _mixed_round(ctx)

    def listed(work: Path, proc) -> str | None:
        page = (work / "out" / "报告.html").read_text("utf-8")
        missing = [n for n in names + ["但内容是纯文本"] if n not in page]
        return f"missing from the html report: {missing}" if missing else None
    return Run(["check", "in", "--format", "html", "-o", "out/报告.html"], outdirs=["out"], unsafe=[listed])


# 6. Symbolic links: a loop, a dangling link, links that leave the named folder.

def _link_round(ctx: Context) -> list[str]:
    src = _round(ctx, ["登记表.docx"])
    (ctx.dir / "elsewhere").mkdir()
    secret = ctx.dir / "elsewhere" / "secret.txt"
    secret.write_text(f"化工2201团支部工作总结\n{SECRET}", encoding="utf-8")
    (src / "etc_passwd.txt").symlink_to("/etc/passwd")
    (src / "机密.txt").symlink_to(secret)
    (src / "外面").symlink_to(ctx.dir / "elsewhere")
    (src / "循环.docx").symlink_to(src / "循环.docx")
    (src / "失效.docx").symlink_to(ctx.dir / "不存在.docx")
    return ["登记表.docx", "etc_passwd.txt", "机密.txt", "外面", "循环.docx", "失效.docx"]


@case("symlinks-check-json")
def _links_json(ctx: Context) -> Run:
    return Run(["check", "in", "--format", "json"], listed=_link_round(ctx), unsafe=[_absent(SECRET, "root:x:0:0")])


@case("symlinks-check-annotate")
def _links_annotate(ctx: Context) -> Run:
    names = _link_round(ctx)
    return Run(["check", "in", "--annotate", "out", "--format", "text"], listed=names, outdirs=["out"],
               unsafe=[_absent(SECRET, "root:x:0:0")])


@case("symlinks-convert")
def _links_convert(ctx: Context) -> Run:
    names = _link_round(ctx)
    return Run(["convert", "in", "-o", "out/汇总.xlsx", "--text", "out/文字版"], listed=names,
               report="out/汇总.xlsx", outdirs=["out"], unsafe=[_absent(SECRET, "root:x:0:0")])


@case("symlink-loop-named")
def _loop_named(ctx: Context) -> Run:
    _round(ctx, ["a.docx"])
    (ctx.dir / "环").symlink_to(ctx.dir / "环")
    return Run(["check", "in", "环", "--format", "json"], inputs=["in"], exit_codes=(0, 1, 2))


# 7. Personal numbers in every written form, in every report format.

def _pii_round(ctx: Context) -> None:
    src = ctx.dir / "in"
    src.mkdir()
    _form(src / "登记表_139 5123 4567.docx", extra="；".join(PII_FORMS))
    d = docx.Document()
    d.add_paragraph("推优登记表")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "姓名", "李四"
    t.cell(1, 0).text, t.cell(1, 1).text = "身份证号", ID
    d.save(src / f"登记表_{ID}.docx")


for _fmt in ("text", "json", "xlsx", "html"):
    @case(f"pii-masked-check-{_fmt}")
    def _pii(ctx: Context, fmt=_fmt) -> Run:
        _pii_round(ctx)
        out = [] if fmt in ("text", "json") else ["-o", f"out/报告.{fmt}"]
        return Run(["check", "in", "--format", fmt, *out, "--annotate", "out/批注"], outdirs=["out"],
                   unsafe=[_absent(*FULL_NUMBERS, *PII_FORMS)])


# 8. A full disk (test-only hook: writes of these outputs fail with ENOSPC).

@case("full-disk-convert-text")
def _full_convert(ctx: Context) -> Run:
    _round(ctx, [f"{i}_登记表.docx" for i in range(6)])
    return Run(["convert", "in", "-o", "out/汇总.json", "--text", "out/文字版", "--jobs", "2"],
               env={"TUANWEN_TEST_FAULTS": "enospc:3_登记表,enospc:汇总"}, exit_codes=(2,), outdirs=["out"],
               message="磁盘空间不足", unsafe=[_absent("无法读取："), _says("写出 5 份，1 份未写出")])


@case("full-disk-check-report")
def _full_check(ctx: Context) -> Run:
    _round(ctx, ["a.docx", "b.docx"])
    return Run(["check", "in", "--format", "xlsx", "-o", "out/报告.xlsx"], env={"TUANWEN_TEST_FAULTS": "enospc:报告"},
               exit_codes=(2,), outdirs=["out"], message="未写出：报告", unsafe=[_absent("无法读取：")])


# 9. A run killed hard left its temporary files: the next run removes them (Ctrl-C: tests/test_interrupts.py).

@case("stale-temporary-files-removed")
def _stale(ctx: Context) -> Run:
    _round(ctx, ["a.docx"])
    out = ctx.dir / "out"
    (out / "文字版").mkdir(parents=True)
    (out / ".~tw-999999999-abc.xlsx").write_bytes(b"half a workbook")
    (out / "文字版" / ".~tw-999999999-def.md").write_text("half")
    return Run(["convert", "in", "-o", "out/汇总.xlsx", "--text", "out/文字版"], listed=["a.docx"],
               report="out/汇总.xlsx", outdirs=["out"])
