"""Correct 公文 notices (GB/T 9704-2012) built the many ways offices build them, and
planted layout mistakes.

Differs on purpose from ``rounds.helpers.gongwen_docx`` (one way: the Normal style
carries the body type, the title run its own) and ``rounds.varied.notice_lines`` (one
text): here the type comes from run formatting, custom styles, the document
defaults or the theme; fonts go by their other names; the 版头 is text, a table
holding the 发文字号 and 签发人, a text box or a picture; the 落款 is pushed right
by alignment, full-width spaces, tabs or an indent; the title may break over two
lines; the page number is a simple or a complex field; and the texts come from
several organisations (村, 医院, 企业, 中学, 机关) and topics.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from toolkit.cn import gbt9704
from toolkit.cn.outline import number as marker

# (organisation, its 发文字号 prefix, its branches' word)
ORGS = (
    ("共青团白沙镇红旗村委员会", "红村团发", "各村民小组团小组"),
    ("共青团南湖市第二人民医院委员会", "南二医团委发", "各科室团支部"),
    ("共青团星河电气股份有限公司委员会", "星电团发", "各车间团支部"),
    ("共青团松岭县第一中学委员会", "松一中团发", "各年级团总支、各班团支部"),
    ("共青团清源市财政局机关委员会", "清财机团发", "局属各单位团支部"),
    ("共青团东坪乡委员会", "东坪团字", "各村团支部、乡直机关团支部"),
)

TOPICS = (
    ("开展“学思践悟”主题团日活动", ["为深化团员理想信念教育，经研究，决定在全体团员中开展主题团日活动。",
                               ("一、", "活动时间"), "即日起至本年12月底，各团支部至少组织两次集中学习。",
                               ("一、", "活动内容"), ("（一）", "集中学习"), "围绕团章和团的基本知识组织学习，做好学习记录。",
                               ("（一）", "实践锻炼"), "结合本单位实际开展志愿服务，每名团员参加不少于一次。",
                               ("一、", "工作要求"), "各团支部要认真组织，按时报送活动开展情况。"]),
    ("做好年度团费收缴工作", ["按照团费收缴、使用和管理的有关规定，现就做好本年度团费收缴工作通知如下。",
                          ("一、", "收缴标准"), "团员按月交纳团费，学生团员和无固定收入团员每月交纳0.2元。",
                          ("一、", "收缴方式"), "各团支部统一收缴，填写团费收缴登记表后交团委。",
                          ("一、", "时间安排"), ("（一）", "上半年"), "6月20日前完成上半年收缴。",
                          ("（一）", "下半年"), "12月15日前完成下半年收缴。"]),
    ("评选表彰本年度优秀团员和优秀团干部", ["为树立先进典型，激励广大团员青年，决定开展年度评选表彰工作。",
                                   ("一、", "评选范围"), "全体在册团员和专兼职团干部。",
                                   ("一、", "评选程序"), "各团支部召开会议民主推荐，公示无异议后上报。",
                                   ("一、", "名额分配"), "优秀团员按团员总数的百分之十推荐，优秀团干部每支部一名。"]),
)

ATTACHMENTS = ("推荐对象汇总表", "活动开展情况统计表", "团费收缴登记表")

# The axes a correct notice is built along (the first value of each is the plainest).
TYPE_VIA = ("direct", "styles", "defaults", "theme")
BODY_NAMES = ("仿宋_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FangSong_GB2312", "方正仿宋简体")
TITLE_NAMES = ("方正小标宋简体", "方正小标宋_GBK", "小标宋", "FZXiaoBiaoSong-B05S", "方正小标宋_GB2312", "华文中宋")
HEADS = ("text", "table", "textbox", "image")
CLOSINGS = ("right", "spaces", "tabs", "indent")
FIELDS = ("simple", "complex")

# Planted mistakes and the (rule, severity) each must give.
MISTAKES = {
    "title-font": ("TW610", "warning"),  # 黑体 at the right size
    "title-size": ("TW610", "warning"),  # 小标宋 三号
    "body-size": ("TW609", "warning"),  # 仿宋 四号 (14 pt)
    "body-font": ("TW609", "warning"),  # 宋体 at the right size
    "attach-stop": ("TW606", "error"),  # 附件：名称。
    "attach-colon": ("TW551", "warning"),  # 附件:名称 (a half-width colon, as anywhere in Chinese text)
    "attach-list": ("TW606", "warning"),  # 附件：名称、名称
    "attach-sep": ("TW606", "warning"),  # 附件：1、名称
    "date-chinese": ("TW603", "error"),  # 二〇二六年十月九日
    "date-zero": ("TW603", "error"),  # 2026年10月09日
    "number-brackets": ("TW601", "error"),  # [2026] / 【2026】 / （2026）
    "number-zero": ("TW602", "error"),  # 〔2026〕07号
}


@dataclass(frozen=True)
class Build:
    """How one notice is built and what it says."""

    org: int = 0
    topic: int = 0
    type_via: str = "direct"
    body_font: str = BODY_NAMES[0]
    title_font: str = TITLE_NAMES[0]
    head: str = "text"
    closing: str = "right"
    field: str = "simple"
    attachments: int = 2
    title_break: bool = False  # the title in two lines (a line break inside its paragraph)
    imprint: bool = False  # a 版记 (抄送, 印发机关和日期) at the end
    seq: int = 7
    dated: date = date(2026, 10, 9)
    mistake: str | None = None


def covering(n: int = 12, seed: int = 0) -> list[Build]:
    """``n`` correct builds that together take every value of every axis (a covering
    array, not the product), the rest drawn at random."""
    rng = random.Random(seed)
    axes = (TYPE_VIA, BODY_NAMES, TITLE_NAMES, HEADS, CLOSINGS, FIELDS)
    out = []
    for i in range(n):
        via, body, title, head, closing, fld = (a[i % len(a)] if i < len(a) else rng.choice(a) for a in axes)
        out.append(Build(org=i % len(ORGS), topic=i % len(TOPICS), type_via=via, body_font=body, title_font=title,
                         head=head, closing=closing, field=fld, attachments=rng.choice((0, 1, 2, 3)),
                         title_break=rng.random() < 0.4, imprint=rng.random() < 0.5, seq=rng.randint(1, 40),
                         dated=date(2026, rng.randint(1, 10), rng.randint(1, 28))))
    return out


def planted(seed: int = 1) -> list[Build]:
    """One build per mistake, each on a differently built notice."""
    base = covering(len(MISTAKES), seed)
    return [replace(b, mistake=m, attachments=max(b.attachments, 2 if m in ("attach-list", "attach-sep") else 1))
            for b, m in zip(base, MISTAKES)]


# --- writing --------------------------------------------------------------------------

def _fonts(el, name: str) -> None:
    rpr = el.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _size(el, points: float) -> None:
    rpr = el.get_or_add_rPr()
    for tag in ("w:sz", "w:szCs"):
        rpr.append(parse_xml(f'<{tag} {nsdecls("w")} w:val="{round(points * 2)}"/>'))


class _Writer:
    def __init__(self, b: Build) -> None:
        self.b = b
        self.d = docx.Document()
        body_pt = 14.0 if b.mistake == "body-size" else gbt9704.BODY_PT
        body_font = "宋体" if b.mistake == "body-font" else b.body_font
        title_pt = 16.0 if b.mistake == "title-size" else gbt9704.TITLE_PT
        title_font = "黑体" if b.mistake == "title-font" else b.title_font
        self.body, self.title = (body_font, body_pt), (title_font, title_pt)
        self._page()
        self._type_source()

    def _page(self) -> None:
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Mm(gbt9704.PAGE_MM[0]), Mm(gbt9704.PAGE_MM[1])
        m = gbt9704.MARGINS_MM
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (
            Mm(m["top"]), Mm(m["bottom"]), Mm(m["left"]), Mm(m["right"]))

    def _type_source(self) -> None:
        """Where the body and title type are set, once for the document (run formatting is in ``run``)."""
        via, styles = self.b.type_via, self.d.styles
        if via == "styles":
            for sid, (font, pt) in (("公文正文", self.body), ("公文标题", self.title)):
                s = styles.add_style(sid, WD_STYLE_TYPE.PARAGRAPH)
                s.base_style = styles["Normal"]
                _fonts(s.element, font)
                s.font.size = Pt(pt)
        elif via in ("defaults", "theme"):
            rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
            for tag in ("w:sz", "w:szCs"):
                rpr.find(qn(tag)).set(qn("w:val"), str(round(self.body[1] * 2)))
            rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
            if via == "defaults":
                rpr.find(qn("w:rFonts")).set(qn("w:eastAsia"), self.body[0])
                for attr in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
                    rpr.find(qn("w:rFonts")).attrib.pop(qn(attr), None)
            else:  # the theme's minor (body) East-Asian font is the 仿宋, its major one the title's font
                theme = next(p for p in self.d.part.package.parts if p.partname.endswith("theme1.xml"))
                xml = theme.blob.decode("utf-8")
                minor, major = xml.index("<a:minorFont>"), xml.index("<a:majorFont>")
                for start, font in sorted(((major, self.title[0]), (minor, self.body[0])), reverse=True):
                    at = xml.index('<a:font script="Hans" typeface="', start)
                    end = xml.index('"', at + len('<a:font script="Hans" typeface="'))
                    xml = xml[:at] + f'<a:font script="Hans" typeface="{font}' + xml[end:]
                theme._blob = xml.encode("utf-8")
                s = styles.add_style("公文标题", WD_STYLE_TYPE.PARAGRAPH)
                fonts = s.element.get_or_add_rPr().get_or_add_rFonts()
                fonts.set(qn("w:eastAsiaTheme"), "majorEastAsia")
                s.font.size = Pt(self.title[1])

    def paragraph(self, text: str = "", kind: str = "body", align: int | None = None):
        """A paragraph of ``kind`` (body, title, heading1, heading2, head, small)."""
        via = self.b.type_via
        style = "公文标题" if kind == "title" and via in ("styles", "theme") else "公文正文" if via == "styles" else None
        p = self.d.add_paragraph(style=style)
        if align is not None:
            p.alignment = align
        if text:
            self.run(p, text, kind)
        return p

    def run(self, p, text: str, kind: str = "body"):
        r = p.add_run(text)
        own = {"heading1": ("黑体", gbt9704.BODY_PT), "heading2": ("楷体_GB2312", gbt9704.BODY_PT),
               "head": (self.b.title_font, 30.0), "small": (self.body[0], gbt9704.IMPRINT_PT)}.get(kind)
        if kind == "head":
            r.font.color.rgb = docx.shared.RGBColor(0xE0, 0, 0)
        if own is None and self.b.type_via == "direct":
            own = self.title if kind == "title" else self.body
        elif kind == "title" and self.b.type_via in ("defaults",):
            own = self.title
        if own is not None:
            _fonts(r._r, own[0])
            _size(r._r, own[1])
        return r


def _text_box(text: str, font: str) -> str:
    """A paragraph's run holding a VML text box with ``text`` (how WPS and older Word keep a 红头)."""
    return (f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word">'
            f'<w:pict><v:shape style="position:absolute;margin-top:0;width:156mm;height:20mm;'
            f'mso-position-horizontal:center" stroked="f"><w10:wrap type="topAndBottom"/><v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>'
            f'<w:rFonts w:eastAsia="{font}"/><w:color w:val="FF0000"/><w:sz w:val="60"/></w:rPr>'
            f'<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def _red_png() -> io.BytesIO:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 80), "white")
    ImageDraw.Draw(img).rectangle((20, 60, 580, 64), fill=(220, 0, 0))
    out = io.BytesIO()
    img.save(out, "PNG")
    out.seek(0)
    return out


def _rule_below(p) -> None:
    """The red line under the 版头 (a bottom border of the paragraph)."""
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="1" w:color="FF0000"/></w:pBdr>'))


def doc_number(b: Build, org: tuple[str, str, str]) -> str:
    y, n = b.dated.year, b.seq
    if b.mistake == "number-brackets":
        return f"{org[1]}{'[【（'[b.seq % 3]}{y}{']】）'[b.seq % 3]}{n}号"
    if b.mistake == "number-zero":
        return f"{org[1]}〔{y}〕{n:02d}号" if n < 10 else f"{org[1]}〔{y}〕第{n}号"
    return f"{org[1]}〔{y}〕{n}号"


def _head(w: _Writer, b: Build, org: tuple[str, str, str], number: str) -> None:
    if b.head == "text":
        w.paragraph(f"{org[0]}文件", "head", align=1)
        _rule_below(w.paragraph(number, align=1))
    elif b.head == "textbox":
        p = w.paragraph(align=1)
        p._p.append(parse_xml(_text_box(f"{org[0]}文件", b.title_font)))
        _rule_below(w.paragraph(number, align=1))
    elif b.head == "image":  # the 红头 is a picture of the letterhead; the number is text below it
        w.paragraph(align=1).add_run().add_picture(_red_png(), width=Mm(156))
        _rule_below(w.paragraph(number, align=1))
    else:  # a borderless table: the 发文机关标志 over the 发文字号 and 签发人
        t = w.d.add_table(rows=2, cols=2)
        top = t.cell(0, 0).merge(t.cell(0, 1))
        top.paragraphs[0].alignment = 1
        w.run(top.paragraphs[0], f"{org[0]}文件", "head")
        w.run(t.cell(1, 0).paragraphs[0], number)
        t.cell(1, 1).paragraphs[0].alignment = 2
        w.run(t.cell(1, 1).paragraphs[0], "签发人：" + ("郑明远", "韩秋实", "梁书言")[b.seq % 3])
        _rule_below(w.paragraph())


def _closing(w: _Writer, b: Build, text: str, pad: int) -> None:
    if b.closing == "right":
        p = w.paragraph(text, align=2)
        p.paragraph_format.right_indent = Pt(gbt9704.BODY_PT * 4)
    elif b.closing == "spaces":
        w.paragraph("\u3000" * pad + text)
    elif b.closing == "tabs":
        p = w.paragraph()
        w.run(p, text).element.addprevious(parse_xml(f'<w:r {nsdecls("w")}><w:tab/><w:tab/><w:tab/><w:tab/></w:r>'))
        p.paragraph_format.tab_stops.add_tab_stop(Mm(100))
    else:
        p = w.paragraph(text)
        p.paragraph_format.left_indent = Pt(gbt9704.BODY_PT * pad)


def _footer(w: _Writer, b: Build) -> None:
    p = w.d.sections[0].footer.paragraphs[0]
    p.alignment = 2
    p.add_run("— ")
    if b.field == "simple":
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    else:
        for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT </w:instrText>',
                    '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>', '<w:fldChar w:fldCharType="end"/>'):
            p._p.append(parse_xml(f'<w:r {nsdecls("w")}>{xml}</w:r>'))
    p.add_run(" —")


def build_notice(path: Path, b: Build) -> Path:
    """Write the notice ``b`` describes to ``path`` (.docx)."""
    org = ORGS[b.org % len(ORGS)]
    title, items = TOPICS[b.topic % len(TOPICS)]
    w = _Writer(b)
    _head(w, b, org, doc_number(b, org))
    w.paragraph()
    title_text = f"关于{title}的通知"
    p = w.paragraph(kind="title", align=1)
    if b.title_break:
        cut = len(title_text) // 2
        w.run(p, title_text[:cut], "title").add_break()
        w.run(p, title_text[cut:], "title")
    else:
        w.run(p, title_text, "title")
    w.paragraph()
    w.paragraph(f"{org[2]}：")
    counters = {"一、": 0, "（一）": 0}
    for item in items:
        if isinstance(item, tuple):
            level = 1 if item[0] == "一、" else 2
            if level == 1:
                counters["（一）"] = 0
            counters[item[0]] += 1
            w.paragraph(marker(level, counters[item[0]]) + item[1], "heading1" if level == 1 else "heading2")
        else:
            p = w.paragraph()
            p.paragraph_format.first_line_indent = Pt(gbt9704.BODY_PT * 2)
            w.run(p, item)
    w.paragraph("特此通知。").paragraph_format.first_line_indent = Pt(gbt9704.BODY_PT * 2)
    _attachments(w, b)
    w.paragraph()
    _closing(w, b, org[0], 10)
    d = b.dated
    when = {"date-chinese": "二〇二六年十月九日", "date-zero": f"{d.year}年{d.month:02d}月{d.day:02d}日"}.get(
        b.mistake, f"{d.year}年{d.month}月{d.day}日")
    _closing(w, b, when, 12)
    if b.imprint:
        w.paragraph()
        w.paragraph("抄送：上级团委组织部。", "small")
        w.paragraph(f"{org[0].removeprefix('共青团').removesuffix('委员会')}团委办公室\u3000\u3000\u3000\u3000"
                    f"{d.year}年{d.month}月{d.day}日印发", "small")
    _footer(w, b)
    w.d.save(path)
    return path


def _attachments(w: _Writer, b: Build) -> None:
    names = list(ATTACHMENTS[:b.attachments])
    if not names:
        return
    w.paragraph()
    if b.mistake == "attach-list":
        w.paragraph("附件：" + "、".join(names))
        return
    colon = ":" if b.mistake == "attach-colon" else "："
    stop = "。" if b.mistake == "attach-stop" else ""
    if len(names) == 1:
        w.paragraph(f"附件{colon}{names[0]}{stop}").paragraph_format.left_indent = Pt(gbt9704.BODY_PT * 2)
        return
    for i, name in enumerate(names, 1):
        lead = f"附件{colon}" if i == 1 else "\u3000" * 3
        sep = "、" if b.mistake == "attach-sep" else "."
        w.paragraph(f"{lead}{i}{sep}{name}{stop if i == len(names) else ''}").paragraph_format.left_indent = \
            Pt(gbt9704.BODY_PT * 2)


def build_all(folder: Path, builds: list[Build]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [build_notice(folder / f"通知_{i:02d}_{b.type_via}_{b.head}_{b.mistake or 'ok'}.docx", b)
            for i, b in enumerate(builds)]

