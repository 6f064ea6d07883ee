"""Random registration forms in the layouts branches use, with the record each
must give: a person, a branch and a vote drawn at random, written with any of
the label spellings, spacings, date styles and layouts seen on real forms
(vertical two columns with a 照片 cell, four- and six-column grids, labels
above values, label lines, labels and values run together, an .xlsx sheet,
content controls, a text box; the vote in cells or as one sentence in the
团支部意见 cell). Used by tests/test_extract_accuracy.py and
bench/bench_extract_fields.py.

>>> path, truth = random_form(random.Random(1), tmp_dir)
"""

from __future__ import annotations

import random
from pathlib import Path

import docx
import openpyxl
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from toolkit.cn.numbers import int_to_cn

from .helpers import fill_table

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "子涵梓萱浩然一诺欣怡宇轩思远佳琪明轩若曦雨桐俊杰诗雨博文晨阳嘉怡天佑静怡志强秀英建华丽娟海燕"
NATIONS = ("汉族", "回族", "满族", "壮族", "蒙古族", "土家族", "苗族", "藏族")
BRANCHES = ("化工2201团支部", "经济管理学院会计2302团支部", "滨海新区管委会机关团支部", "某某有限公司第一团支部",
            "东村团支部", "县人民医院团支部", "高二（3）班团支部", "临床医学2301团支部", "镇卫生院团支部")
POSTS = ("团支部书记", "组织委员", "宣传委员", "团员", "无", "文体委员", "团小组长")
# Spellings seen on real forms, per canonical key.
LABELS = {
    "姓名": ("姓名", "姓  名", "姓　　名", "被推荐人姓名", "推荐对象"),
    "性别": ("性别", "性  别", "性　别"),
    "民族": ("民族", "民  族"),
    "出生日期": ("出生年月", "出生日期", "出生年月（岁）", "出生年月日"),
    "身份证号": ("身份证号", "公民身份号码", "身份证号码", "居民身份证号码"),
    "入团时间": ("入团时间", "入团年月", "入团日期"),
    "团支部": ("所在团支部", "团支部", "所在支部", "团支部名称"),
    "团内职务": ("团内职务", "现任职务", "团内任职", "担任职务"),
    "联系电话": ("联系电话", "手机号码", "手  机", "联系方式"),
    "应到人数": ("应到人数", "应到会人数", "应到"),
    "实到人数": ("实到人数", "实到会人数", "实到", "到会人数"),
    "赞成票": ("赞成票", "同意票", "赞成票数", "赞成"),
    "反对票": ("反对票", "不同意票", "反对票数", "反对"),
    "弃权票": ("弃权票", "弃权票数", "弃权"),
    "表决日期": ("表决日期", "表决时间", "会议时间", "大会召开时间"),
}
PERSON_KEYS = ("姓名", "性别", "民族", "出生日期", "身份证号", "入团时间", "团支部", "团内职务", "联系电话")
VOTE_KEYS = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票", "表决日期")
LAYOUTS = ("vertical", "four", "six", "below", "lines", "run", "xlsx", "controls", "textbox")
W = nsdecls("w")
_SHAPES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:v="urn:schemas-microsoft-com:vml"')


def _id_number(rng: random.Random, y: int, m: int, d: int, female: bool) -> str:
    body = f"{rng.choice(('110101', '370102', '320106', '440305', '510104'))}{y:04d}{m:02d}{d:02d}"
    body += f"{rng.randint(10, 99)}{rng.choice((0, 2, 4, 6, 8)) + (not female)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def _month(rng: random.Random, y: int, m: int) -> str:
    return rng.choice((f"{y}.{m:02d}", f"{y}年{m}月", f"{y}-{m:02d}", f"{y}/{m}", f"{y}.{m}"))


def _day(rng: random.Random, y: int, m: int, d: int) -> str:
    return rng.choice((f"{y}年{m}月{d}日", f"{y}.{m}.{d}", f"{y}-{m:02d}-{d:02d}", f"{y}/{m:02d}/{d:02d}"))


def random_record(rng: random.Random) -> tuple[dict, dict]:
    """(raw texts as a branch writes them, the canonical record convert must give)."""
    female = rng.random() < 0.5
    by, bm, bd = rng.randint(1998, 2008), rng.randint(1, 12), rng.randint(1, 28)
    jy, jm = by + rng.randint(13, 15), rng.randint(1, 12)
    vy, vm, vd = rng.randint(2024, 2026), rng.randint(1, 12), rng.randint(1, 28)
    total = rng.randint(12, 60)
    present = rng.randint(total // 2 + 1, total)
    no, abstain = rng.randint(0, 3), rng.randint(0, 2)
    yes = present - no - abstain
    ident = _id_number(rng, by, bm, bd, female)
    phone = "1" + rng.choice("3589") + "".join(str(rng.randint(0, 9)) for _ in range(9))
    name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
    truth = {"姓名": name, "性别": "女" if female else "男", "民族": rng.choice(NATIONS),
             "出生日期": f"{by}-{bm:02d}", "身份证号": ident, "入团时间": f"{jy}-{jm:02d}",
             "团支部": rng.choice(BRANCHES), "团内职务": rng.choice(POSTS), "联系电话": phone,
             "应到人数": total, "实到人数": present, "赞成票": yes, "反对票": no, "弃权票": abstain,
             "表决日期": f"{vy}-{vm:02d}-{vd:02d}"}
    raw = dict(truth)
    raw["出生日期"], raw["入团时间"] = _month(rng, by, bm), _month(rng, jy, jm)
    raw["表决日期"] = _day(rng, vy, vm, vd)
    if rng.random() < 0.3:
        raw["身份证号"] = ident.lower() if ident.endswith("X") else f"{ident[:6]} {ident[6:14]} {ident[14:]}"
    if rng.random() < 0.3:
        raw["联系电话"] = f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
    if rng.random() < 0.2:
        raw["性别"] = "☑男 □女" if not female else "□男 ☑女"
    if rng.random() < 0.2:  # the age beside the birth month (出生年月（岁）)
        raw["出生日期"] += f"（{vy - by}岁）"
    if rng.random() < 0.15:
        raw["表决日期"] = f"{_cn_digits(vy)}年{int_to_cn(vm)}月{int_to_cn(vd)}日"
    for k, unit in (("应到人数", "人"), ("实到人数", "人"), ("赞成票", "票"), ("反对票", "票"), ("弃权票", "票")):
        number = int_to_cn(truth[k]) if rng.random() < 0.1 else str(truth[k])
        raw[k] = f"{number}{unit}" if rng.random() < 0.3 else number
    return raw, truth


def _vote_sentence(rng: random.Random, truth: dict) -> str:
    y, m, d = (int(x) for x in truth["表决日期"].split("-"))
    when = f"{m}月{d}日" if rng.random() < 0.6 else f"{y}年{m}月{d}日"
    head = rng.choice((f"{when}召开团员大会，", f"{when}，团支部召开团员大会进行表决，", f"经{when}支部大会表决，"))
    body = (f"应到会{truth['应到人数']}人，实到{truth['实到人数']}人，"
            f"{rng.choice(('同意', '赞成'))}{truth['赞成票']}票，{rng.choice(('不同意', '反对'))}{truth['反对票']}票，"
            f"弃权{truth['弃权票']}票，同意推荐。")
    return f"{head}{body}\n团支部书记（签字）：\n{y}年{m}月{d}日"


def _cn_digits(n: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))


def _labelled(rng: random.Random, raw: dict, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, value) per key: a spelling of the label, sometimes with a required
    mark or a colon, in a random order of the person fields."""
    out = []
    for k in keys:
        label = rng.choice(LABELS[k])
        label = rng.choice(("", "", "*")) + label + rng.choice(("", "", "：", ":"))
        out.append((label, str(raw[k])))
    return out


def _table_docx(path: Path, rows: list[list[str]], merges=(), opinion: str | None = None,
                title: str = "推优登记表") -> Path:
    d = docx.Document()
    d.add_heading(title, level=1)
    if opinion is not None:
        rows = rows + [["团支部意见", opinion] + [""] * (len(rows[0]) - 2)]
        merges = [*merges, ((len(rows) - 1, 1), (len(rows) - 1, len(rows[0]) - 1))]
    table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    fill_table(table, rows, merges)
    d.save(path)
    return path


def _pairs_grid(pairs: list[tuple[str, str]], per_row: int) -> list[list[str]]:
    rows = []
    for i in range(0, len(pairs), per_row):
        chunk = pairs[i:i + per_row]
        row = [x for p in chunk for x in p]
        rows.append(row + [""] * (2 * per_row - len(row)))
    return rows


def _set_control(cell, value: str) -> None:
    """Put ``value`` in a content control in ``cell`` (block or inline at random by parity)."""
    p = cell.paragraphs[0]
    p._p.append(parse_xml(f'<w:sdt {W}><w:sdtPr><w:alias w:val="填写"/></w:sdtPr>'
                          f'<w:sdtContent><w:r><w:t xml:space="preserve">{value}</w:t></w:r></w:sdtContent></w:sdt>'))


def write_form(rng: random.Random, path: Path, layout: str, raw: dict, truth: dict) -> Path:
    """Write one form in ``layout``; returns the file written (extension may change)."""
    sentence = rng.random() < 0.5
    keys = PERSON_KEYS + (VOTE_KEYS if not sentence else ())
    pairs = _labelled(rng, raw, keys)
    opinion = _vote_sentence(rng, truth) if sentence else None
    if layout == "vertical":
        rows = [[label, value, ""] for label, value in pairs]
        rows[0][2] = "照片"
        return _table_docx(path, rows, [((0, 2), (3, 2))], opinion)
    if layout in ("four", "six"):
        return _table_docx(path, _pairs_grid(pairs, 2 if layout == "four" else 3), (), opinion)
    if layout == "below":
        rows = []
        for i in range(0, len(pairs), 5):
            chunk = pairs[i:i + 5] + [("", "")] * (5 - len(pairs[i:i + 5]))
            rows += [[p[0] for p in chunk], [p[1] for p in chunk]]
        return _table_docx(path, rows, (), opinion)
    if layout == "controls":
        d = docx.Document()
        d.add_heading("推优登记表", level=1)
        grid = _pairs_grid(pairs, 2)
        table = d.add_table(rows=len(grid), cols=4)
        for r, row in enumerate(grid):
            for c in (0, 2):
                table.cell(r, c).text = row[c]
                if row[c + 1]:
                    _set_control(table.cell(r, c + 1), row[c + 1])
        if opinion is not None:
            d.add_paragraph("团支部意见：" + opinion.replace("\n", " "))
        d.save(path)
        return path
    if layout == "xlsx":
        path = path.with_suffix(".xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["推优登记表"])
        for row in _pairs_grid(pairs, 2):
            ws.append([x or None for x in row])
        if opinion is not None:
            ws.append(["团支部意见", opinion.replace("\n", " ")])
        wb.save(path)
        return path
    lines = [f"{label.rstrip('：:')}：{value}" for label, value in pairs]
    if opinion is not None:
        lines.append("团支部意见：" + opinion.replace("\n", " "))
    d = docx.Document()
    d.add_paragraph("推优登记表")
    if layout == "lines":
        for i in range(0, len(lines), 2):
            d.add_paragraph("    ".join(lines[i:i + 2]))
    elif layout == "run":
        d.add_paragraph("".join(label.replace(" ", rng.choice(("", " "))) + value for label, value in pairs))
        if opinion is not None:
            d.add_paragraph(opinion.replace("\n", " "))
    else:  # textbox
        body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in lines)
        d.add_paragraph()._p.append(parse_xml(
            f'<w:r {_SHAPES}><w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent>'
            f'</v:textbox></v:shape></w:pict></w:r>'))
    d.save(path)
    return path


def random_form(rng: random.Random, folder: Path, index: int = 0, layout: str | None = None) -> tuple[Path, str, dict]:
    """(file, layout, canonical record) for one random form written into ``folder``."""
    raw, truth = random_record(rng)
    layout = layout or rng.choice(LAYOUTS)
    return write_form(rng, folder / f"form{index:04d}.docx", layout, raw, truth), layout, truth
