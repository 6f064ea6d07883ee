"""Office documents saved as one XML file, which used to be read as plain text (their markup as the
words): Excel 2003 XML spreadsheets (web systems export them as .xls), Word 2003 XML and 标文通 (UOF)
text documents, flat OpenDocument files (.fods/.fodt).

The Word XML, UOF and flat ODF files are written by LibreOffice from a .docx/.xlsx made here; the
SpreadsheetML files are written as the web systems write them, from a string template.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as Docx

from cli import main
from toolkit.errors import ReadError
from toolkit.read import read
from toolkit.read.detect import detect_format

from test_read_ods import PEOPLE, TITLE, calc, cells, tally_rows, write_xlsx

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
         '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"'
         ' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
         ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
         '<Styles><Style ss:ID="Default" ss:Name="Normal"/><Style ss:ID="s21"><NumberFormat ss:Format="yyyy&quot;年&quot;m&quot;月&quot;"/>'
         '</Style><Style ss:ID="s22"><NumberFormat ss:Format="Short Date"/></Style></Styles>\n')


def _data(value) -> str:
    if hasattr(value, "year"):
        return f'<Cell ss:StyleID="s21"><Data ss:Type="DateTime">{value:%Y-%m-%d}T00:00:00.000</Data></Cell>'
    if isinstance(value, int):
        return f'<Cell><Data ss:Type="Number">{value}</Data></Cell>'
    return f'<Cell><Data ss:Type="String">{value}</Data></Cell>' if value != "" else "<Cell/>"


def spreadsheetml(rows: list[list]) -> str:
    """The tally of test_read_ods as a web system's 'Excel' export: merges by MergeAcross/MergeDown,
    the cells under a merge left out (the next written cell carries ss:Index), a rich-text cell."""
    out = [_HEAD, '<Worksheet ss:Name="汇总"><Table ss:ExpandedColumnCount="10">\n']
    out.append(f'<Row><Cell ss:MergeAcross="9"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40">'
               f'<B>{rows[0][0][:4]}</B><Font>{rows[0][0][4:]}</Font></ss:Data></Cell></Row>\n')
    top = "".join(f'<Cell ss:MergeDown="1"><Data ss:Type="String">{h}</Data></Cell>' for h in rows[1][:5])
    out.append(f'<Row>{top}<Cell ss:MergeAcross="4"><Data ss:Type="String">{rows[1][5]}</Data></Cell></Row>\n')
    sub = "".join(_data(h) for h in rows[2][5:])
    out.append(f'<Row><Cell ss:Index="6"><Data ss:Type="String">{rows[2][5]}</Data></Cell>{sub[sub.index("</Cell>") + 7:]}'
               "</Row>\n")
    for row in rows[3:]:
        out.append("<Row>" + "".join(_data(v) for v in row) + "</Row>\n")
    out.append("</Table></Worksheet>\n")
    out.append('<Worksheet ss:Name="说明"><Table><Row ss:Index="2"><Cell><Data ss:Type="String">'
               "填表人：李主任&#10;联系电话：0771-1234567</Data></Cell></Row></Table></Worksheet>\n</Workbook>\n")
    return "".join(out)


def test_spreadsheetml_named_xls_reads_like_the_xlsx(tmp_path):
    web = tmp_path / "推优汇总表.xls"
    web.write_text(spreadsheetml(tally_rows()), encoding="utf-8")
    doc, xlsx = read(web), read(write_xlsx(tmp_path / "same.xlsx", tally_rows()))
    assert detect_format(web) == "xmlss" and doc.format == "xml"
    assert cells(doc) == cells(xlsx)
    assert doc.tables[0].rows()[0][0] == TITLE and doc.tables[0].rows()[3][4] == "2001-05"
    assert "Excel 2003 XML 表格" in doc.notes[0]  # named .xls: TW620's note, as for an HTML or CSV "Excel"


def test_spreadsheetml_round_is_converted_and_checked(tmp_path):
    folder = tmp_path / "材料"
    folder.mkdir()
    (folder / "急诊科.xls").write_text(spreadsheetml(tally_rows()), encoding="utf-8")
    (folder / "药剂科.xls").write_text(spreadsheetml(tally_rows(total_for=33)), encoding="utf-8")
    out = tmp_path / "汇总.json"
    assert CliRunner().invoke(main, ["convert", str(folder), "-o", str(out)]).exit_code == 0
    rows = [r for r in json.loads(out.read_text("utf-8")) if Path(r["文件"]).name == "急诊科.xls" and "姓名" in r]
    assert [r["姓名"] for r in rows] == [p[2] for p in PEOPLE] and rows[2]["实到人数"] == 8
    report = json.loads(CliRunner().invoke(main, ["check", str(folder), "--format", "json"]).output)
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert {Path(f["file"]).name for f in errors} == {"药剂科.xls"} and errors[0]["location"]["row"]


def test_spreadsheetml_limits_and_damage(tmp_path):
    far = tmp_path / "远.xml"
    far.write_text(_HEAD + '<Worksheet ss:Name="表"><Table><Row ss:Index="150000"><Cell ss:Index="3">'
                   '<Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>', encoding="utf-8")
    with pytest.raises(ReadError, match="过大"):
        read(far)
    cut = tmp_path / "坏.xml"
    cut.write_text(spreadsheetml(tally_rows())[:900], encoding="utf-8")
    with pytest.raises(ReadError, match="Excel 2003 XML"):
        read(cut)


@pytest.mark.soffice
def test_word_xml_uof_and_flat_odf_are_read(tmp_path):
    """Word 2003 XML (also handed in as .doc), 标文通 .uot and flat .fodt go through LibreOffice like a .doc;
    a flat .fods is read like the .ods."""
    lines = ["护理部团支部2026年上半年工作总结", "一、基本情况", "本支部现有团员26名，其中护士23名。"]
    src = tmp_path / "总结.docx"
    doc = Docx()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(src)
    uot, = calc([src], tmp_path / "uot", "uot")
    wordml, = calc([src], tmp_path / "xml", "xml:MS Word 2003 XML")
    fodt, = calc([src], tmp_path / "fodt", "fodt")
    fods, = calc([write_xlsx(tmp_path / "t.xlsx", tally_rows())], tmp_path / "fods", "fods")
    as_doc = tmp_path / "总结_2003.doc"
    as_doc.write_bytes(wordml.read_bytes())
    assert [detect_format(p) for p in (uot, wordml, fodt, fods)] == ["uof", "wordml", "odt", "ods"]
    for path in (uot, wordml, fodt, as_doc):
        got = read(path)
        assert [p.text for p in got.paragraphs] == lines, path
    assert "Word 2003 XML" in read(as_doc).notes[0]
    assert cells(read(fods)) == cells(read(tmp_path / "t.xlsx"))
