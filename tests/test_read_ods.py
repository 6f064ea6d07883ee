"""OpenDocument spreadsheets (.ods) and the WPS/presentation files branches send.

The .ods files are written by LibreOffice Calc (``soffice --convert-to ods``) from workbooks made
here, so they carry what Calc really writes (a sheet's unused remainder as one row repeated a million
times, styles in two parts, covered cells under a merge); a few structural cases (repetition, a
password, damage) are written as the XML itself. .xls files come from xlwt, .doc (saved as .wps)
from LibreOffice Writer.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from cli import main
from toolkit.errors import ReadError, UsageError
from toolkit.read import read

xlwt = pytest.importorskip("xlwt")

# A county hospital's 团委 tally, laid out as its office does: a title over the width, a two-row
# header (表决情况 over 应到…弃权), months as Excel dates shown 2001年5月, a 合计 row.
TITLE = "县人民医院团委2026年推荐优秀团员入党汇总表"
TOP = ["序号", "团支部", "姓名", "性别", "出生年月", "表决情况", "", "", "", ""]
SUB = ["", "", "", "", "", "应到人数", "实到人数", "赞成票", "反对票", "弃权票"]
PEOPLE = [
    [1, "急诊科团支部", "覃雨桐", "女", dt.datetime(2001, 5, 1), 18, 17, 15, 1, 1],
    [2, "药剂科团支部", "欧阳子墨", "男", dt.datetime(1999, 11, 1), 12, 12, 11, 0, 1],
    [3, "后勤保障部团支部", "热依拉·艾则孜", "女", dt.datetime(2000, 2, 1), 9, 8, 8, 0, 0],
]
MONTH = 'yyyy"年"m"月"'


def tally_rows(total_for: int | None = None) -> list[list]:
    votes = [sum(p[c] for p in PEOPLE) for c in range(5, 10)]
    if total_for is not None:
        votes[2] = total_for
    return [[TITLE], TOP, SUB, *PEOPLE, ["合计", "", f"{len(PEOPLE)}人", "", "", *votes]]


def write_xlsx(path: Path, rows: list[list], notes: str | None = "填表人：李主任\n联系电话：0771-1234567") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    for row in rows:
        ws.append(row)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if isinstance(value, dt.datetime):
                ws.cell(r, c).number_format = MONTH
    ws.merge_cells("A1:J1")
    ws.merge_cells("F2:J2")
    for col in "ABCDE":
        ws.merge_cells(f"{col}2:{col}3")
    if notes:
        wb.create_sheet("说明")["A2"] = notes
    wb.save(path)
    return path


def write_xls(path: Path, rows: list[list]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("汇总")
    month = xlwt.easyxf(num_format_str=MONTH)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == "" or (r, c) in {(0, j) for j in range(1, 10)}:
                continue
            ws.write(r, c, value, month) if isinstance(value, dt.datetime) else ws.write(r, c, value)
    ws.merge(0, 0, 0, 9)
    ws.merge(1, 1, 5, 9)
    for c in range(5):
        ws.merge(1, 2, c, c)
    book.save(str(path))
    return path


def calc(paths: list[Path], outdir: Path, fmt: str = "ods") -> list[Path]:
    """The workbooks (or documents) converted by LibreOffice in one run; skip without Calc."""
    from toolkit.office import soffice_convert

    done = soffice_convert(paths, outdir, fmt)
    if len(done) < len(paths):
        pytest.skip("LibreOffice 未能转换（表格需要 Calc：sudo apt-get install libreoffice-calc-nogui）")
    return [done[p.resolve()] for p in paths]


def cells(doc) -> list[list[tuple]]:
    return [[(c.row, c.col, c.text, c.rowspan, c.colspan) for c in t.cells] for t in doc.tables]


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The clean tally and one with a wrong 合计 of 赞成票, each as .xlsx and as Calc's .ods."""
    base = tmp_path_factory.mktemp("ods")
    src = base / "src"
    src.mkdir()
    xlsx = {"clean": write_xlsx(src / "clean.xlsx", tally_rows()),
            "wrong": write_xlsx(src / "wrong.xlsx", tally_rows(total_for=33))}
    ods = dict(zip(xlsx, calc(list(xlsx.values()), base / "ods")))
    return {**{f"{k}.xlsx": v for k, v in xlsx.items()}, **{f"{k}.ods": v for k, v in ods.items()}}


@pytest.mark.soffice
def test_ods_reads_like_the_xlsx(made):
    ods, xlsx = read(made["clean.ods"]), read(made["clean.xlsx"])
    assert ods.format == "ods" and not ods.notes
    assert [p.text for p in ods.paragraphs] == [p.text for p in xlsx.paragraphs] == ["汇总", "说明"]
    assert cells(ods) == cells(xlsx)
    grid = ods.tables[0].rows()
    assert grid[0][0] == TITLE and grid[3][4] == "2001-05" and grid[4][2] == "欧阳子墨"
    assert ods.tables[1].rows()[1][0] == "填表人：李主任\n联系电话：0771-1234567"
    assert ods.metadata.created  # from meta.xml


@pytest.mark.soffice
def test_ods_named_xlsx_is_read_and_named(made, tmp_path):
    renamed = tmp_path / "汇总表.xlsx"
    renamed.write_bytes(made["clean.ods"].read_bytes())
    doc = read(renamed)
    assert doc.format == "ods" and "OpenDocument 表格" in doc.notes[0]


def _ods(path: Path, body: str, *, manifest: str = "", styles: str = "") -> Path:
    """A minimal .ods: ``body`` is the spreadsheet's tables."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest or "<manifest/>")
        zf.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
                                   f"<office:automatic-styles>{styles}</office:automatic-styles>"
                                   f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
                                   "</office:document-content>")
    return path


def _cell(text: str, repeat: int = 1, attrs: str = "") -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not text:
        return f"<table:table-cell{rep}{attrs}/>"
    return f'<table:table-cell office:value-type="string"{rep}{attrs}><text:p>{escape(text)}</text:p></table:table-cell>'


def _row(cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{cells}</table:table-row>"


def test_what_a_cell_shows(tmp_path):
    """Spaces written as text:s, a line break, a comment (not the cell's words), a boolean, a month
    date by its style, a number that is whole, a covered cell under a merge."""
    styles = ('<number:date-style style:name="N1"><number:year/><number:text>年</number:text><number:month/>'
              '<number:text>月</number:text></number:date-style>'
              '<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>')
    body = ('<table:table table:name="登记">'
            '<table:table-column table:number-columns-repeated="2"/>'
            '<table:table-column table:default-cell-style-name="ce1"/>'
            + _row('<table:table-cell office:value-type="string"><text:p>姓<text:s text:c="2"/>名</text:p>'
                   '<office:annotation><text:p>批注：核对</text:p></office:annotation></table:table-cell>'
                   '<table:table-cell office:value-type="string"><text:p>王<text:line-break/>一诺</text:p>'
                   '</table:table-cell>'
                   '<table:table-cell office:value-type="date" office:date-value="2016-05-01"><text:p>2016年5月'
                   '</text:p></table:table-cell>')
            + _row('<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p>'
                   '</table:table-cell><table:table-cell office:value-type="float" office:value="32">'
                   '<text:p>32</text:p></table:table-cell>'
                   '<table:table-cell office:value-type="date" office:date-value="2001-05-03T00:00:00"'
                   ' table:style-name="other"><text:p>2001-05-03</text:p></table:table-cell>')
            + _row(_cell("合计", attrs=' table:number-columns-spanned="2"') + "<table:covered-table-cell/>" + _cell("x"))
            + "</table:table>")
    doc = read(_ods(tmp_path / "a.ods", body, styles=styles))
    assert doc.tables[0].rows() == [["姓  名", "王\n一诺", "2016-05"], ["是", "32", "2001-05-03"],
                                    ["合计", "", "x"]]
    assert doc.tables[0].cells[6].colspan == 2


def test_repetition_is_counted_not_expanded(tmp_path):
    body = ('<table:table table:name="表1">' + _row(_cell("姓名") + _cell("", 16000) + _cell("备注"))
            + _row(_cell("同一行"), 3) + _row(_cell("", 16384), 1_048_000) + "</table:table>")
    with pytest.raises(ReadError, match="过大"):  # 备注 in column 16002: beyond the 1,000 columns of a sheet
        read(_ods(tmp_path / "wide.ods", body))
    body = ('<table:table table:name="表1">' + _row(_cell("姓名") + _cell("", 16000))
            + _row(_cell("同一行"), 3) + _row(_cell("", 16384), 1_048_000) + "</table:table>")
    assert read(_ods(tmp_path / "tail.ods", body)).tables[0].rows() == [["姓名"]] + [["同一行"]] * 3
    body = '<table:table table:name="表1">' + _row(_cell("", 2), 200_000) + _row(_cell("末行")) + "</table:table>"
    with pytest.raises(ReadError, match="过大"):  # content below row 100,000
        read(_ods(tmp_path / "deep.ods", body))
    body = '<table:table table:name="表1">' + _row(_cell("满", 900), 90_000) + "</table:table>"
    with pytest.raises(ReadError, match="过大"):  # 81 million cells written as two elements
        read(_ods(tmp_path / "bomb.ods", body))


def test_password_and_damage_are_named(tmp_path):
    locked = _ods(tmp_path / "加密.ods", _row(_cell("x")),
                  manifest='<manifest:manifest><manifest:file-entry><manifest:encryption-data/>'
                           '</manifest:file-entry></manifest:manifest>')
    with pytest.raises(ReadError, match="已加密"):
        read(locked)
    whole = _ods(tmp_path / "a.ods", '<table:table table:name="表1">' + _row(_cell("x")) + "</table:table>")
    cut = tmp_path / "坏.ods"
    cut.write_bytes(whole.read_bytes()[:-40])  # the zip's directory cut off
    with pytest.raises(ReadError, match="已损坏"):
        read(cut)
    bad = tmp_path / "坏XML.ods"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[: len(data) // 2] if info.filename == "content.xml" else data)
    with pytest.raises(ReadError, match="OpenDocument 表格（.ods）") as exc:
        read(bad)
    assert exc.value.status == "error"


_TEXT = st.text(alphabet="团支部王李张0123456789 ", min_size=1, max_size=6).map(str.strip).filter(bool)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(st.just(""), _TEXT), min_size=1, max_size=7), min_size=1, max_size=12))
def test_runs_of_equal_cells_and_rows_read_as_the_grid(tmp_path, grid):
    """However a writer compresses a sheet (equal neighbouring cells and rows as one element with a
    repeat count), the reader gives back the grid, trimmed as a sheet is."""
    def runs(items):
        out = []
        for item in items:
            if out and out[-1][0] == item:
                out[-1][1] += 1
            else:
                out.append([item, 1])
        return out

    rows = "".join(_row("".join(_cell(t, n) for t, n in runs(row)), times) for row, times in runs([tuple(r) for r in grid]))
    path = _ods(tmp_path / "g.ods", f'<table:table table:name="表">{rows}</table:table>')
    width = max((max((j + 1 for j, t in enumerate(r) if t), default=0) for r in grid), default=0)
    expected = [r + [""] * (width - len(r)) for r in grid]
    expected = [r[:width] for r in expected]
    while expected and not any(expected[-1]):
        expected.pop()
    assert read(path).tables[0].rows() == expected  # an empty sheet too: no rows, like an empty .xlsx sheet


def test_presentations_and_wps_proprietary_files_say_why(tmp_path):
    pptx = tmp_path / "团课课件.dps"
    with zipfile.ZipFile(pptx, "w") as zf:  # what WPS 演示 and PowerPoint save: an OOXML presentation
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p:presentation/>")
    with pytest.raises(ReadError, match="演示文稿.*另存为 PDF") as exc:
        read(pptx)
    assert exc.value.status == "skipped"
    old = tmp_path / "汇总.et"
    old.write_bytes(b"\x00\x01WPS-ET\x00" + bytes(range(256)) * 4)  # neither OOXML nor BIFF
    with pytest.raises(ReadError, match="旧版 WPS.*另存为”.xlsx 格式") as exc:
        read(old)
    assert exc.value.status == "skipped"


# --- generate from .xls and .ods data ---------------------------------------------------------


def _texts(folder: Path) -> dict[str, str]:
    from docx import Document

    out = {}
    for f in sorted(folder.glob("*.docx")):
        doc = Document(f)
        out[f.name] = "\n".join([p.text for p in doc.paragraphs]
                                + [c.text for t in doc.tables for row in t.rows for c in row.cells])
    return out


@pytest.mark.soffice
def test_generate_from_xls_and_ods_as_from_xlsx(tmp_path):
    """The blank data-entry workbook, filled in and saved by Calc as .ods and by xlwt as .xls (WPS's .et
    too), renders the same documents as the .xlsx; a month stays a month."""
    sheet = tmp_path / "录入.xlsx"
    run = CliRunner().invoke
    assert run(main, ["templates", "tuiyou-tally", "--example", str(sheet)]).exit_code == 0
    wb = openpyxl.load_workbook(sheet)
    ws = wb.worksheets[-1]
    birth = next(c.column for c in ws[1] if c.value in ("出生日期", "birth"))
    for r in range(2, ws.max_row + 1):  # the months typed as Excel dates shown 2004年5月
        if isinstance(ws.cell(r, birth).value, str):
            ws.cell(r, birth).value = dt.datetime.strptime(ws.cell(r, birth).value, "%Y-%m")
            ws.cell(r, birth).number_format = MONTH
    wb.save(sheet)
    ods, = calc([sheet], tmp_path / "ods")
    book = xlwt.Workbook(encoding="utf-8")
    for ws in openpyxl.load_workbook(sheet).worksheets:
        out = book.add_sheet(ws.title)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, dt.datetime):
                    out.write(c.row - 1, c.column - 1, c.value, xlwt.easyxf(num_format_str=c.number_format))
                elif c.value is not None:
                    out.write(c.row - 1, c.column - 1, c.value)
    book.save(str(tmp_path / "录入.xls"))
    (tmp_path / "录入.et").write_bytes((tmp_path / "录入.xls").read_bytes())
    made = {}
    for data in (sheet, ods, tmp_path / "录入.xls", tmp_path / "录入.et"):
        out = tmp_path / f"out{data.suffix}"
        result = run(main, ["generate", "tuiyou-tally", str(data), "-o", str(out)])
        assert result.exit_code == 0, result.output
        made[data.suffix] = _texts(out)
    assert made[".ods"] == made[".xls"] == made[".et"] == made[".xlsx"] and made[".xlsx"]
    body = next(iter(made[".ods"].values()))
    assert "2004年5月" in body and "2004年5月1日" not in body  # a month stays a month


def test_generate_names_a_broken_ods_data_file(tmp_path):
    bad = tmp_path / "数据.ods"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = CliRunner().invoke(main, ["generate", "tuiyou-tally", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "数据.ods" in result.output and "Traceback" not in result.output


def test_load_records_refuses_ods_beyond_the_limits(tmp_path):
    from toolkit.render.data import load_records

    body = '<table:table table:name="表1">' + _row(_cell("姓名")) + _row(_cell("", 2), 150_000) \
        + _row(_cell("王一")) + "</table:table>"
    with pytest.raises(UsageError, match="数据.ods“表1”页.*100000 行"):
        load_records(_ods(tmp_path / "数据.ods", body))


# --- a round with these files ------------------------------------------------------------------


@pytest.mark.soffice
def test_a_round_of_office_formats_lists_every_file_once(made, tmp_path):
    """Tallies as .ods, .xls, .et (BIFF and OOXML), a summary as .wps (Word 97 inside) and .odt, a
    presentation as .dps, an unreadable WPS file: convert and check list each file once, read the
    tallies alike, and find the wrong 合计 in the .ods where they find it in the .xlsx."""
    from docx import Document

    round_ = tmp_path / "材料"
    round_.mkdir()
    (round_ / "急诊科_汇总表.ods").write_bytes(made["clean.ods"].read_bytes())
    (round_ / "药剂科_汇总表.ods").write_bytes(made["wrong.ods"].read_bytes())
    write_xls(round_ / "后勤部_汇总表.xls", tally_rows())
    (round_ / "护理部_汇总表.et").write_bytes((round_ / "后勤部_汇总表.xls").read_bytes())
    (round_ / "检验科_汇总表.et").write_bytes(made["clean.xlsx"].read_bytes())
    src = tmp_path / "src"
    src.mkdir()
    for stem, lines in {"急诊": ("急诊科团支部2026年上半年工作总结", "一、基本情况",
                                  "本支部现有团员18名，上半年开展主题团日活动3次，夜班青年轮流参加。"),
                        "药剂": ("药剂科团支部2026年上半年工作总结", "一、主要工作",
                                  "围绕合理用药宣传，组织青年药师进社区义诊两场，服务群众一百余人次。")}.items():
        doc = Document()
        for line in lines:
            doc.add_paragraph(line)
        doc.save(src / f"{stem}.docx")
    word97, = calc([src / "急诊.docx"], src, "doc")
    (round_ / "急诊科_总结.wps").write_bytes(word97.read_bytes())
    odt, = calc([src / "药剂.docx"], src, "odt")
    (round_ / "药剂科_总结.odt").write_bytes(odt.read_bytes())
    with zipfile.ZipFile(round_ / "团课课件.dps", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p:presentation/>")
    (round_ / "旧表.et").write_bytes(b"\x00\x01WPS-ET\x00" + bytes(range(256)) * 4)
    names = sorted(p.name for p in round_.iterdir())

    out = tmp_path / "汇总.json"
    result = CliRunner().invoke(main, ["convert", str(round_), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text("utf-8"))
    by_file: dict[str, list] = {}
    for r in records:
        by_file.setdefault(Path(r["文件"]).name, []).append(r)
    assert sorted(by_file) == names
    people = [p[2] for p in PEOPLE]
    for name in ("急诊科_汇总表.ods", "后勤部_汇总表.xls", "护理部_汇总表.et", "检验科_汇总表.et"):
        rows = [r for r in by_file[name] if r.get("类型") == "tally"]
        assert [r["姓名"] for r in rows] == people, name
        assert rows[0]["出生日期"] == "2001-05" and rows[1]["赞成票"] == 11
    assert {r.get("status") for r in by_file["团课课件.dps"] + by_file["旧表.et"]} == {"skipped"}

    result = CliRunner().invoke(main, ["check", str(round_), "--format", "json"])
    report = json.loads(result.output)
    files = {Path(f["file"]).name: f for f in report["files"]}
    assert sorted(files) == names and len(report["files"]) == len(names)
    assert {n for n, f in files.items() if f["status"] == "ok"} == set(names) - {"团课课件.dps", "旧表.et"}
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert {Path(f["file"]).name for f in errors} == {"药剂科_汇总表.ods"}, errors
    wrong = CliRunner().invoke(main, ["check", str(made["wrong.xlsx"]), "--format", "json"])
    expected = [(f["rule"], f["location"]) for f in json.loads(wrong.output)["findings"] if f["severity"] == "error"]
    assert [(f["rule"], f["location"]) for f in errors] == expected and expected
    assert not any(f["severity"] == "warning" and Path(f["file"]).suffix in (".ods", ".xls", ".et")
                   for f in report["findings"]), report["findings"]
