"""The .docx reader on documents built here: what python-docx skips must be read."""

from __future__ import annotations

import zipfile

import docx
import pytest

from toolkit.errors import ReadError
from toolkit.read import read
from toolkit.read.docx import REVISION_NOTE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

STYLES = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="Num"><w:name w:val="编号正文"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def p(text: str = "", ppr: str = "", runs: str | None = None) -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs if runs is not None else r(text)}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def num(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def make_docx(path, body: str, *, header: str | None = None, core: str | None = None,
              doctype: str = "", extra: dict[str, bytes] | None = None) -> str:
    """A minimal but complete WordprocessingML package around ``body``."""
    rels = [f'<Relationship Id="rStyles" Type="{REL}/styles" Target="styles.xml"/>',
            f'<Relationship Id="rNum" Type="{REL}/numbering" Target="numbering.xml"/>']
    parts = {"word/styles.xml": STYLES, "word/numbering.xml": NUMBERING}
    if header is not None:
        rels.append(f'<Relationship Id="rH" Type="{REL}/header" Target="header1.xml"/>')
        rels.append(f'<Relationship Id="rF" Type="{REL}/footer" Target="/word/footer1.xml"/>')
        parts["word/header1.xml"] = f"<w:hdr {NS}>{p(header)}</w:hdr>"
        parts["word/footer1.xml"] = f"<w:ftr {NS}>{p('— 1 —')}</w:ftr>"
    pkg_rels = [f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>']
    if core is not None:
        pkg_rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
                        'relationships/metadata/core-properties" Target="docProps/core.xml"/>')
        parts["docProps/core.xml"] = core
    rel_xml = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        zf.writestr("_rels/.rels", rel_xml.format("".join(pkg_rels)))
        zf.writestr("word/_rels/document.xml.rels", rel_xml.format("".join(rels)))
        zf.writestr("word/document.xml", f'<?xml version="1.0"?>{doctype}<w:document {NS}><w:body>{body}'
                    "</w:body></w:document>")
        for name, data in {**parts, **(extra or {})}.items():
            zf.writestr(name, data)
    return str(path)


def texts(doc) -> list[str]:
    return [para.text for para in doc.paragraphs]


def test_automatic_numbering_is_visible(tmp_path):
    body = "".join([
        p("基本情况", num(1)), p("组织建设", num(1, 1)), p("学习教育", num(1, 1)),
        p("每周一次", num(1, 2)), p("每月一次", num(1, 2)),
        p("主要做法", num(1)), p("思想引领", num(1, 1)),
        p("第一项", num(2)), p("第二项", num(2)), p("圆点项", num(3)),
        p("从五开始", num(4)), p("样式里的编号", '<w:pStyle w:val="Num"/>'),
        p("同一列表的另一实例", num(5)),
    ])
    doc = read(make_docx(tmp_path / "n.docx", body))
    assert texts(doc) == ["一、基本情况", "（一）组织建设", "（二）学习教育", "1. 每周一次", "2. 每月一次",
                          "二、主要做法", "（一）思想引领", "甲. 第一项", "乙. 第二项", "圆点项",
                          "五、从五开始", "丙. 样式里的编号", "丁. 同一列表的另一实例"]


def test_text_box_read_once(tmp_path):
    box = f"<w:txbxContent>{p('文本框里的标题')}</w:txbxContent>"
    runs = (r("正文") + "<w:r><mc:AlternateContent>"
            f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
            f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>")
    doc = read(make_docx(tmp_path / "tb.docx", p(runs=runs)))
    assert texts(doc) == ["正文", "文本框里的标题"]


def test_content_controls_fields_hyperlinks_tabs_breaks(tmp_path):
    sdt_block = f"<w:sdt><w:sdtPr><w:alias w:val=\"姓名\"/></w:sdtPr><w:sdtContent>{p('块级控件')}</w:sdtContent></w:sdt>"
    sdt_inline = ("<w:sdt><w:sdtContent>" + r("张三") + "</w:sdtContent></w:sdt>")
    placeholder = ("<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" + r("单击或点击此处输入文字。")
                   + "</w:sdtContent></w:sdt>")
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("7") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    link = '<w:hyperlink r:id="x">' + r("链接文字") + "</w:hyperlink>"
    box = ('<w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>' + r("男")
           + '<w:r><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>' + r("女") + r("；团员")
           + '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="0"/>'
           '<w:checked/></w:checkBox></w:ffData></w:fldChar></w:r>'
           '<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = (sdt_block + p(runs=r("姓名：") + sdt_inline + placeholder) + p(runs=box)
            + p(runs=r("第") + field + r("页"))
            + p(runs=link + "<w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r>")
            + p(runs='<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' + r("可见")))
    doc = read(make_docx(tmp_path / "sdt.docx", body))
    assert texts(doc) == ["块级控件", "姓名：张三", "☑男□女；团员☑", "第7页", "链接文字\t甲\n乙", "可见"]


def test_tracked_changes_accepted(tmp_path):
    runs = (r("推荐") + '<w:ins w:id="1" w:author="a">' + r("王五") + "</w:ins>"
            + '<w:del w:id="2" w:author="a"><w:r><w:delText>李四</w:delText></w:r></w:del>' + r("为对象"))
    doc = read(make_docx(tmp_path / "rev.docx", p(runs=runs)))
    assert texts(doc) == ["推荐王五为对象"]
    assert REVISION_NOTE in doc.notes


def test_merged_and_nested_tables(tmp_path):
    nested = f"<w:tbl>{'<w:tr>' + tc('内1') + tc('内2') + '</w:tr>'}</w:tbl>"
    rows = [
        "<w:tr>" + tc("姓名") + tc("张三", '<w:gridSpan w:val="2"/>') + tc("照片", '<w:vMerge w:val="restart"/>') + "</w:tr>",
        "<w:tr>" + tc("性别") + tc("男") + tc("民族") + tc("", "<w:vMerge/>") + "</w:tr>",
        "<w:tr>" + tc("旧式") + tc("横向", '<w:hMerge w:val="restart"/>') + tc("", '<w:hMerge/>')
        + f"<w:tc>{p('外')}{nested}</w:tc>" + "</w:tr>",
    ]
    doc = read(make_docx(tmp_path / "t.docx", p("前言") + f"<w:tbl>{''.join(rows)}</w:tbl>" + p("后记")))
    outer, inner = doc.tables
    assert outer.grid() == [["姓名", "张三", None, "照片"], ["性别", "男", "民族", None],
                            ["旧式", "横向", None, "外\n内1\t内2"]]
    photo = next(c for c in outer.cells if c.text == "照片")
    assert (photo.rowspan, photo.colspan) == (2, 1)
    assert next(c for c in outer.cells if c.text == "张三").colspan == 2
    assert next(c for c in outer.cells if c.text == "横向").colspan == 2
    assert inner.parent == (1, 3, 4) and inner.rows() == [["内1", "内2"]]
    assert outer.position == 1 and texts(doc) == ["前言", "后记"]


def test_headings_styles_pages(tmp_path):
    body = (p("总结", '<w:pStyle w:val="1"/>') + p("小节", '<w:pStyle w:val="H2"/>')
            + p("正文在第一页") + p(runs='<w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r>'))
    doc = read(make_docx(tmp_path / "h.docx", body))
    assert [(x.style, x.level, x.page) for x in doc.paragraphs] == [
        ("heading 1", 1, 1), ("标题 2", 2, 1), ("Normal", None, 1), ("Normal", None, 2)]
    assert doc.pages == 2


def test_header_footer_and_metadata(tmp_path):
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            "<dc:creator>王老师</dc:creator><cp:lastModifiedBy>团支书</cp:lastModifiedBy>"
            "<dcterms:created>2026-03-01T08:00:00Z</dcterms:created>"
            "<dcterms:modified>2026-03-02T09:00:00Z</dcterms:modified><dc:title>工作总结</dc:title>"
            "</cp:coreProperties>")
    doc = read(make_docx(tmp_path / "hf.docx", p("正文"), header="化工学院团委", core=core))
    assert doc.headers == ["化工学院团委"] and doc.footers == ["— 1 —"]
    m = doc.metadata
    assert (m.author, m.last_modified_by, m.created, m.modified, m.title) == (
        "王老师", "团支书", "2026-03-01T08:00:00Z", "2026-03-02T09:00:00Z", "工作总结")


def test_python_docx_document(tmp_path):
    d = docx.Document()
    d.core_properties.author = "李华"
    d.sections[0].header.paragraphs[0].text = "页眉文字"
    d.add_heading("推优登记表", level=1)
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text = "姓名"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "赵六"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "表决"
    t.cell(1, 1).text = "应到32人"
    d.add_paragraph("团支部（盖章）")
    path = tmp_path / "pd.docx"
    d.save(path)
    doc = read(path)
    assert texts(doc) == ["推优登记表", "团支部（盖章）"]
    assert doc.paragraphs[0].level == 1
    assert doc.tables[0].grid() == [["姓名", "赵六", None], ["表决", "应到32人", ""], [None, "", ""]]
    assert doc.headers == ["页眉文字"] and doc.metadata.author == "李华"


def test_entities_not_expanded(tmp_path):
    doctype = '<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    body = p(runs="<w:r><w:t>x&b;y</w:t></w:r>")
    doc = read(make_docx(tmp_path / "e.docx", body, doctype=doctype))
    assert "AAAA" not in doc.all_text()
    xxe = '<!DOCTYPE w:document [<!ENTITY f SYSTEM "file:///etc/passwd">]>'
    doc = read(make_docx(tmp_path / "x.docx", p(runs="<w:r><w:t>前&f;后</w:t></w:r>"), doctype=xxe))
    assert "root:" not in doc.all_text()


def test_zip_bomb_rejected(tmp_path):
    path = make_docx(tmp_path / "bomb.docx", p("正文"), extra={"word/media/big.bin": b"\0" * (64 * 2**20)})
    with pytest.raises(ReadError, match="压缩炸弹"):  # from the zip directory, before unpacking
        read(path)


def test_corrupt_docx(tmp_path):
    good = make_docx(tmp_path / "g.docx", p("正文"))
    data = open(good, "rb").read()
    bad = tmp_path / "损坏.docx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match="损坏") as exc:
        read(bad)
    assert exc.value.status == "error"
