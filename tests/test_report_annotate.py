"""Annotated .docx copies: a Word comment at each finding's paragraph or cell."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from test_ooxml_places import assert_same_places

from toolkit.check.engine import CheckResult, FileStatus, Finding
from toolkit.errors import UsageError
from toolkit.model import Location
from toolkit.report import annotate
from toolkit.report.annotate import AUTHOR, _Layout, _text

ID = "110101200405061090"


def _hidden_run(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.hidden = True


def _text_box(paragraph, text: str) -> None:
    """A VML text box anchored in ``paragraph`` (readers list its text after it)."""
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:100pt;height:30pt">'
        f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>"))


def _content_control(document, text: str) -> None:
    document.element.body.find(qn("w:sectPr")).addprevious(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="说明"/></w:sdtPr><w:sdtContent>'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>"))


def build_form(path: Path) -> Path:
    """A submission with the awkward parts: empty and whitespace paragraphs, runs,
    a content control, merged cells, a nested table, hidden and deleted text, a text box."""
    d = docx.Document()
    d.add_paragraph("推优工作总结")                                   # p1
    d.add_paragraph("")                                              # p2 (empty: numbered, not read)
    d.add_paragraph("   ")                                           # p3
    p = d.add_paragraph("经团支部大会表决，确定刘一诺、陈佳琪")          # p4
    p.add_run("4人为推荐对象，共推荐5人。")
    _content_control(d, "内容控件中的段落")                           # p5
    t = d.add_table(rows=4, cols=4)                                  # table 1
    for c, text in enumerate(["姓名", "王子涵", "身份证号", ID]):
        t.cell(0, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0)).text = "表决情况"
    for (r, c), text in {(1, 1): "应到32人", (1, 2): "实到30人", (1, 3): "赞成27票",
                         (2, 1): "反对2票", (2, 2): "弃权1票"}.items():
        t.cell(r, c).text = text
    t.cell(2, 3).add_table(rows=1, cols=1).cell(0, 0).text = "嵌套"   # table 2
    t.cell(3, 0).text = "签字"
    t.cell(3, 1).merge(t.cell(3, 3))
    p = d.add_paragraph("联系电话：13812345678，xx学院团委。")          # p6
    _hidden_run(p, "隐藏的字")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="9" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'))
    _text_box(p, "文本框里的话")                                      # p7
    _hidden_run(d.add_paragraph(), "只有隐藏文字")                    # p8
    t2 = d.add_table(rows=2, cols=2)                                 # table 3
    t2.cell(1, 1).text = "右下"
    d.add_paragraph("最后一段")                                       # p9
    d.save(path)
    return path


def comment_anchors(path: Path) -> dict[str, tuple[str, str]]:
    """Comment text → (the text its range covers, the text of the paragraph where it starts)."""
    d = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in d.comments}
    open_ids: dict[int, list[str]] = {}
    out: dict[str, tuple[str, str]] = {}
    starts: dict[int, str] = {}
    for el in d.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            cid = int(el.get(qn("w:id")))
            open_ids[cid] = []
            starts[cid] = _text(next(a for a in el.iterancestors() if a.tag == qn("w:p")))
        elif el.tag == qn("w:commentRangeEnd"):
            cid = int(el.get(qn("w:id")))
            out[texts[cid]] = ("".join(open_ids.pop(cid)), starts[cid])
        elif el.tag == qn("w:t"):
            for parts in open_ids.values():
                parts.append(el.text or "")
    return out


def _finding(path, message, severity="error", **loc) -> Finding:
    return Finding(str(path), "TW999", "placeholder", severity, message, Location(**loc), "")


@pytest.fixture
def form(tmp_path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    return build_form(folder / "登记表_化工2201团支部_王子涵.docx")


def test_layout_counts_as_readers_do(form):
    layout = _Layout(docx.Document(str(form)).element.body)
    assert [_text(p) for p in layout.paragraphs if _text(p).strip()] == [  # empty ones are numbered too
        "推优工作总结", "经团支部大会表决，确定刘一诺、陈佳琪4人为推荐对象，共推荐5人。", "内容控件中的段落",
        "联系电话：13812345678，xx学院团委。", "文本框里的话", "最后一段"]
    assert len(layout.tables) == 3
    grid = layout.grids[0]
    assert _text(grid[(3, 1)]) == "表决情况"          # covered by the vertical merge
    assert grid[(4, 2)] is grid[(4, 4)]             # one cell spanning three columns
    assert _text(layout.grids[1][(1, 1)]) == "嵌套"  # the nested table comes right after its parent
    assert _text(layout.grids[2][(2, 2)]) == "右下"


def test_comments_at_each_place(form, tmp_path, capsys):
    before = (form.read_bytes(), os.stat(form).st_mtime_ns)
    findings = [
        _finding(form, "“共推荐5人”与所列4个姓名不符", paragraph=4),
        _finding(form, "“陈佳琪4人”跨两个文字块", paragraph=4),
        _finding(form, "文本框提示", "info", paragraph=7),
        _finding(form, "表决情况有误", table=1, row=3, col=1),
        _finding(form, "签字栏为空", "warning", table=1, row=4, col=3),
        _finding(form, f"身份证号{ID}校验位错误", table=1, row=1, col=4),
        _finding(form, "嵌套表格", table=2, row=1, col=1),
        _finding(form, "第三张表", table=3, row=2, col=2),
        _finding(form, "整份文件的问题", "warning"),
        _finding(form, "位置超出范围", paragraph=99),
        _finding(form, "整行的问题", table=1, row=2),
    ]
    res = CheckResult([FileStatus(str(form), "registration_form")], findings)
    out = tmp_path / "批注"
    written = annotate(res, out)
    assert written == [out.resolve() / "登记表_化工2201团支部_王子涵_批注.docx"]
    assert (form.read_bytes(), os.stat(form).st_mtime_ns) == before  # the original is untouched
    assert "写出 1 份带批注的 .docx 副本" in capsys.readouterr().err

    anchors = comment_anchors(written[0])
    assert len(anchors) == len(findings)
    by_msg = {k.split("】", 1)[1].rsplit("（规则", 1)[0]: v for k, v in anchors.items()}
    assert by_msg["“共推荐5人”与所列4个姓名不符"][0] == "共推荐5人"  # just the quoted words
    assert by_msg["“陈佳琪4人”跨两个文字块"][0] == "陈佳琪4人"
    assert by_msg["文本框提示"][0] == "文本框里的话"
    assert by_msg["表决情况有误"][0] == "表决情况"
    assert by_msg["签字栏为空"] == ("", "")  # an empty merged cell still gets its comment
    assert by_msg["身份证号110101********1090校验位错误"][0] == ID  # masked in the comment only
    assert by_msg["嵌套表格"][0] == "嵌套"
    assert by_msg["第三张表"][0] == "右下"
    assert by_msg["整份文件的问题"][0] == "推优工作总结"
    assert by_msg["（第99段）位置超出范围"][0] == "推优工作总结"  # unknown place: said in the comment
    assert by_msg["整行的问题"][0] == "表决情况"
    # The copy still reads the same; comments carry the tool's name.
    copy = docx.Document(str(written[0]))
    assert [p.text for p in copy.paragraphs][:1] == ["推优工作总结"]
    assert "经团支部大会表决，确定刘一诺、陈佳琪4人为推荐对象，共推荐5人。" in [p.text for p in copy.paragraphs]
    assert {c.author for c in copy.comments} == {AUTHOR}
    assert all(c.text.startswith("【") for c in copy.comments)


def test_show_pii_keeps_numbers_in_comments(form, tmp_path):
    res = CheckResult([FileStatus(str(form))], [_finding(form, f"身份证号{ID}校验位错误", table=1, row=1, col=4)])
    [copy] = annotate(res, tmp_path / "out", show_pii=True, echo=False)
    assert ID in next(iter(comment_anchors(copy)))


def test_only_docx_files_with_findings_get_copies(form, tmp_path, capsys):
    pdf = form.with_name("总结.pdf")
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    fake = form.with_name("假的.docx")
    fake.write_bytes(b"%PDF-1.4\n%%EOF\n")  # a PDF under a .docx name
    clean = build_form(form.with_name("没有问题.docx"))
    broken = form.with_name("损坏.docx")
    broken.write_bytes(b"PK\x03\x04junk")
    res = CheckResult(
        [FileStatus(str(form)), FileStatus(str(pdf), "summary"), FileStatus(str(fake)), FileStatus(str(clean)),
         FileStatus(str(broken), status="error", error="文件已损坏")],
        [_finding(form, "问题", paragraph=1), _finding(pdf, "问题", page=1, paragraph=1),
         _finding(fake, "问题", paragraph=1)])
    written = annotate(res, tmp_path / "out")
    assert [p.name for p in written] == ["登记表_化工2201团支部_王子涵_批注.docx"]
    err = capsys.readouterr().err
    assert "2 份不是 .docx 的文件" in err and "总结.pdf" in err and "假的.docx" in err


def test_copy_names_are_safe_masked_and_distinct(tmp_path):
    a = build_form(tmp_path / f"登记表_{ID}.docx")
    (tmp_path / "二").mkdir()
    b = build_form(tmp_path / "二" / f"登记表_{ID}.docx")
    res = CheckResult([FileStatus(str(a)), FileStatus(str(b))],
                      [_finding(a, "问题", paragraph=1), _finding(b, "问题", paragraph=1)])
    written = annotate(res, tmp_path, echo=False)  # into the inputs' own folder
    assert [p.name for p in written] == ["登记表_110101________1090_批注.docx", "登记表_110101________1090_批注_2.docx"]
    assert all(p.parent == tmp_path.resolve() for p in written)
    assert a.exists() and b.exists()
    # A copy never replaces an input, even one named like a copy.
    c = build_form(tmp_path / "x_批注.docx")
    d = build_form(tmp_path / "x.docx")
    before = c.read_bytes()
    res = CheckResult([FileStatus(str(c)), FileStatus(str(d))], [_finding(d, "问题", paragraph=1)])
    [copy] = annotate(res, tmp_path, echo=False)
    assert copy.name == "x_批注_2.docx" and c.read_bytes() == before


def test_agrees_with_the_reader(form):
    """Paragraph and cell numbering match toolkit.read's document model (also on every builder's
    document and every public .docx: tests/test_ooxml_places.py)."""
    assert_same_places(form)


def test_a_document_that_already_has_comments(form, tmp_path):
    res = CheckResult([FileStatus(str(form))], [_finding(form, "第一轮", paragraph=1)])
    [first] = annotate(res, tmp_path / "一", echo=False)
    res = CheckResult([FileStatus(str(first))], [_finding(first, "第二轮", paragraph=2)])
    [second] = annotate(res, tmp_path / "二", echo=False)
    comments = list(docx.Document(str(second)).comments)
    assert len({c.comment_id for c in comments}) == 2
    assert {c.text.split("】")[1].split("（")[0] for c in comments} == {"第一轮", "第二轮"}


def test_output_folder_that_is_a_file(form, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("x")
    with pytest.raises(UsageError, match="文件夹"):
        annotate(CheckResult([FileStatus(str(form))], [_finding(form, "问题", paragraph=1)]), target)


def test_many_copies_in_worker_processes(form, tmp_path):
    paths = []
    for i in range(9):
        paths.append(form.with_name(f"表{i}.docx"))
        paths[-1].write_bytes(form.read_bytes())
    res = CheckResult([FileStatus(str(p)) for p in paths],
                      [_finding(p, f"第{i}份的问题", paragraph=1) for i, p in enumerate(paths)])
    written = annotate(res, tmp_path / "out", echo=False, jobs=2)
    assert [p.name for p in written] == [f"表{i}_批注.docx" for i in range(9)]
    assert [next(iter(comment_anchors(p))).startswith(f"【错误·占位符未替换】第{i}份") for i, p in enumerate(written)] == [True] * 9
