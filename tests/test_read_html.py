"""Web pages standing in for documents: Word's “另存为网页” (.htm/.mht, often renamed .doc) and the
HTML table office systems export as “.xls”. Read as what they are, with a note, never skipped."""

from __future__ import annotations

import json
import quopri

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from cli import main
from rounds.build_round import Person, form
from toolkit.read import read

WANG = Person("王子涵", "男", "20040515", "2019年5月", "化工2201团支部", 33, 32, 30, 1, 1)
# A two-row header (表决情况 over its five columns), a title row across the table, GBK as old systems write.
EXPORT = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>td {{ mso-number-format:"\\@"; }}</style></head><body>
<table border=1>
<tr><td colspan=9>东风村团委推荐优秀团员作为党的发展对象人选汇总表</td></tr>
<tr><td rowspan=2>序号</td><td rowspan=2>姓名</td><td rowspan=2>所在团支部</td><td rowspan=2>出生年月</td>
<td colspan=5>表决情况</td></tr>
<tr><td>应到</td><td>实到</td><td>赞成</td><td>反对</td><td>弃权</td></tr>
{rows}
</table><p>填表人：李红　　2026年11月12日</p></body></html>"""
PEOPLE = [("1", "王子涵", "东风村团支部", "2004.05", 33, 32, 30, 1, 1),
          ("2", "阿依古丽·买买提", "张家村团支部", "2003年11月", 28, 27, 25, 2, 0)]


def _convert(tmp_path, path) -> list[dict]:
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text("utf-8"))


def test_html_table_named_xls_converts_column_by_column(tmp_path):
    rows = "\n".join("<tr>" + "".join(f"<td>{v}</td>" for v in p) + "</tr>" for p in PEOPLE)
    path = tmp_path / "汇总表.xls"
    path.write_bytes(EXPORT.format(rows=rows).encode("gbk"))
    doc = read(path)
    assert ".xls" in doc.notes[0] and "网页" in doc.notes[0]
    [table] = doc.tables
    assert table.rows()[2] == ["", "", "", "", "应到", "实到", "赞成", "反对", "弃权"]
    assert [p.text for p in doc.paragraphs] == ["填表人：李红\u3000\u30002026年11月12日"]
    records = [r for r in _convert(tmp_path, path) if "status" not in r]
    assert [r["类型"] for r in records] == ["tally", "tally"]
    for rec, (_, name, branch, _, total, present, yes, no, abstain) in zip(records, PEOPLE):
        assert (rec["姓名"], rec["团支部"]) == (name, branch)
        assert [rec[k] for k in ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")] == [total, present, yes, no, abstain]
    assert [r["出生日期"] for r in records] == ["2004-05", "2003-11"]


@pytest.mark.soffice
def test_word_saved_as_web_page_reads_like_the_docx(tmp_path):
    from toolkit.office import soffice_convert

    source = tmp_path / "src" / "登记表.docx"
    source.parent.mkdir()
    form(source, WANG, 1)
    [page] = soffice_convert([source], tmp_path / "web", "html:HTML (StarWriter)").values()
    renamed = tmp_path / "登记表_王子涵.doc"  # sent on as .doc, as offices do
    renamed.write_bytes(page.read_bytes())
    expected = {k: v for k, v in _convert(tmp_path, source)[0].items() if k != "文件"}
    got = [r for r in _convert(tmp_path, renamed) if "status" not in r]
    assert [{k: v for k, v in r.items() if k != "文件"} for r in got] == [expected]


def test_mht_is_read_from_its_html_part(tmp_path):
    html = "<html><body><p class=MsoNormal>东风村团支部工作总结</p><p>支部共有团员28名。</p></body></html>"
    body = quopri.encodestring(html.encode("gb18030")).decode("ascii")
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n"
           "------=_NextPart\r\nContent-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
           "Content-Type: text/html; charset=\"gb2312\"\r\n\r\n" + body + "\r\n------=_NextPart--\r\n")
    path = tmp_path / "总结.mht"
    path.write_text(mht, encoding="ascii")
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["东风村团支部工作总结", "支部共有团员28名。"] and not doc.notes


def test_scripts_styles_and_nested_tables(tmp_path):
    path = tmp_path / "页.htm"
    path.write_text("<html><head><title>x</title><script>alert(1)</script></head><body>开头<div><p>一</p>"
                    "<table><tr><td>甲<table><tr><td>内</td></tr></table></td><td>乙</td></tr></table>"
                    "</div>结尾</body></html>", encoding="utf-8")
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["开头", "一", "结尾"]
    assert [t.rows() for t in doc.tables] == [[["甲内", "乙"]]] and doc.tables[0].position == 2


_cell = st.text(st.sampled_from("王李张化工团支部2201男女年月，。、 0123456789"), max_size=6).map(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_cell, min_size=1, max_size=5), min_size=1, max_size=6))
def test_any_html_table_reads_back(tmp_path_factory, rows):
    width = max(map(len, rows))
    html = "<table>" + "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in rows) + "</table>"
    path = tmp_path_factory.mktemp("h") / "表.html"
    path.write_text(f"<html><body><p>表</p>{html}</body></html>", encoding="utf-8")
    [table] = read(path).tables
    shown = [[" ".join(v.split()) for v in r] + [""] * (width - len(r)) for r in rows]  # HTML collapses spaces
    assert table.rows() == shown


def test_spans_that_claim_millions_of_cells_are_refused(tmp_path):
    from toolkit.errors import ReadError

    path = tmp_path / "表.xls"
    path.write_text("<html><body><table>" + "<tr><td colspan=1000>x</td></tr>" * 5000 + "</table></body></html>",
                    encoding="utf-8")
    with pytest.raises(ReadError, match="表格过大"):
        read(path)
