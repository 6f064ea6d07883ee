"""Extraction on Document objects built in memory: labels, normalisation, vote
sentence, form grids, tally/log tables, kind. Real-file layouts are in
test_extract_layouts.py."""

from __future__ import annotations

import pytest

from toolkit.extract import canonical, classify, extract, normalize, parse_vote
from toolkit.model import Cell, Document, Paragraph, Table


def grid_table(rows, spans=(), index=1, position=0):
    """A Table from rows of texts; ``None`` marks a position covered by a span;
    ``spans`` holds (row, col, rowspan, colspan) from 1."""
    span = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    covered, cells = set(), []
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            if (r, c) in covered or text is None:
                continue
            rs, cs = span.get((r, c), (1, 1))
            covered |= {(rr, cc) for rr in range(r, r + rs) for cc in range(c, c + cs)}
            cells.append(Cell(r, c, text, rs, cs))
    return Table(index, cells, position=position)


def doc(paragraphs=(), tables=()):
    return Document("x.docx", "docx", paragraphs=[Paragraph(i, t) for i, t in enumerate(paragraphs, 1)],
                    tables=list(tables))


EXPECTED = {
    "姓名": "张三", "性别": "男", "民族": "汉族", "出生日期": "2004-05", "身份证号": "11010120040506109X",
    "入团时间": "2018-05", "团支部": "化工2201团支部", "团内职务": "组织委员", "联系电话": "13812345678",
    "应到人数": 32, "实到人数": 30, "赞成票": 27, "反对票": 2, "弃权票": 1, "表决日期": "2026-05-12",
}


@pytest.mark.parametrize("label,key", [
    ("姓 名", "姓名"), ("姓　　名：", "姓名"), ("出生年月", "出生日期"), ("公民身份号码", "身份证号"),
    ("入团年月", "入团时间"), ("所在支部", "团支部"), ("现任职务", "团内职务"), ("手机号码", "联系电话"),
    ("应到会人数", "应到人数"), ("联系电话（手机）", "联系电话"), ("*姓名", "姓名"),
])
def test_synonyms_map_to_canonical_keys(label, key):
    assert canonical(label) == key


@pytest.mark.parametrize("text", ["团支部书记", "张三", "同意", "2004.05", "化工2201团支部"])
def test_values_are_not_labels(text):
    assert canonical(text) is None


@pytest.mark.parametrize("key,raw,value", [
    ("出生日期", "2004.05", "2004-05"), ("出生日期", "2004年5月", "2004-05"), ("出生日期", "2004-05", "2004-05"),
    ("出生日期", "二〇〇四年五月", "2004-05"), ("表决日期", "2026年5月12日", "2026-05-12"),
    ("应到人数", "三十二人", 32), ("应到人数", "３２", 32), ("赞成票", "27票", 27),
    ("身份证号", "110101 20040506 109x", "11010120040506109X"), ("联系电话", "138-1234-5678", "13812345678"),
    ("身份证号", "'11010120040506109X", "11010120040506109X"), ("身份证号", "110101-20040506-109X", "11010120040506109X"),
    ("身份证号", "11010-120040506-109X", "11010-120040506-109X"),  # not the number's groups: left as written
    ("性别", "女性", "女"), ("姓名", "张 三", "张三"), ("出生日期", "待定", "待定"), ("姓名", "  ", None),
])
def test_normalize(key, raw, value):
    assert normalize(key, raw) == value


def test_vote_sentence_arabic_and_chinese():
    want = {"应到人数": 32, "实到人数": 30, "赞成票": 27, "反对票": 2, "弃权票": 1}
    assert parse_vote("应到会32人，实到会30人，赞成27票，反对2票，弃权1票") == want
    assert parse_vote("应到三十二人，实到三十人，同意二十七票，不同意两票，弃权一票。") == want
    assert parse_vote("本支部共有团员32名，大家踊跃发言") == {}


@pytest.mark.parametrize("text", [
    "会议应到人数：32；实到人数：30。赞成票：27，反对票：2，弃权票：1。",
    "应到人数32，实到人数 30，赞成票数为27，反对票数2，弃权票数1",
    "应到会人数：三十二；实到会人数：三十；同意票：二十七；不同意票：二；弃权票：一",
])
def test_vote_labels_without_units(text):
    """After a label naming what is counted (应到人数, 赞成票) minutes often leave the unit out."""
    assert parse_vote(text) == {"应到人数": 32, "实到人数": 30, "赞成票": 27, "反对票": 2, "弃权票": 1}


@pytest.mark.parametrize("text", ["同意票须超过应到人数的1/2", "赞成票占实到人数的95%", "赞成票2/3以上通过",
                                  "应到人数10月统计", "实到人数29.5", "赞成票数：25分"])
def test_a_bare_figure_must_end_at_the_label(text):
    assert parse_vote(text) == {}


SIX_COLUMN = grid_table([
    ["推优登记表", None, None, None, None, None],
    ["姓 名", "张三", "性　别", "男", "民族", "汉族"],
    ["出生年月", "2004.05", "身份证号", "11010120040506109x", "入团年月", "2018年5月"],
    ["所在团支部", "化工2201团支部", None, "职务", "组织委员", None],
    ["联系电话", "138 1234 5678", "表决日期", "2026年5月12日", None, None],
    ["团支部大会表决情况", "应到会三十二人，实到会30人，赞成27票，反对2票，弃权1票", None, None, None, None],
    ["团支部意见", "同意", None, None, None, None],
], spans=[(1, 1, 1, 6), (4, 2, 1, 2), (4, 5, 1, 2), (5, 4, 1, 3), (6, 2, 1, 5), (7, 2, 1, 5)])


def test_six_column_grid_with_merged_cells():
    ex = extract(doc(tables=[SIX_COLUMN]))
    assert ex.kind == "registration_form"
    [rec] = ex.records
    assert rec.values == EXPECTED
    assert (rec.where["姓名"].table, rec.where["姓名"].row, rec.where["姓名"].col) == (1, 2, 2)


def test_values_below_labels():
    table = grid_table([
        ["姓名", "性别", "民族", "出生日期", "身份证号"],
        ["张三", "男", "汉族", "2004年5月", "11010120040506109X"],
        ["入团时间", "团支部", "团内职务", "联系电话", "表决日期"],
        ["2018.05", "化工2201团支部", "组织委员", "13812345678", "2026.5.12"],
        ["应到人数", "实到人数", "赞成票", "反对票", "弃权票"],
        ["32", "30", "27", "2", "1"],
    ])
    [rec] = extract(doc(["推优登记表"], [table])).records
    assert rec.values == EXPECTED


def test_label_lines_without_table():
    lines = [
        "推优登记表",
        "姓名：张三    性别：男    民族：汉族",
        "出生年月：2004.05    公民身份号码：11010120040506109X",
        "入团年月：2018年5月    所在团支部：化工2201团支部    团内职务：组织委员",
        "手机：13812345678   表决日期：2026年5月12日",
        "表决情况：应到会32人，实到会30人，赞成27票，反对2票，弃权1票。",
    ]
    ex = extract(doc(lines))
    assert ex.kind == "registration_form"
    assert ex.records[0].values == EXPECTED
    assert ex.records[0].where["性别"].paragraph == 2


@pytest.mark.parametrize("line, expected", [
    ("所在团支部：东风村团支部团内职务：团员", {"团支部": "东风村团支部", "团内职务": "团员"}),
    ("所在团组织:高三（2）班团支部团内职务:无", {"团支部": "高三（2）班团支部", "团内职务": "无"}),
    ("姓名：欧阳子墨性别：男民族：回族", {"姓名": "欧阳子墨", "性别": "男", "民族": "回族"}),
    ("团内职务：团支部书记", {"团内职务": "团支部书记"}),  # a label word inside a value is no label
    # after a blank the next word is no glued label: 党支部 is not 支部
    ("所在团支部：化工2201团支部 所在党支部：化工党支部", {"团支部": "化工2201团支部"}),
])
def test_labels_glued_to_the_value_before_them(line, expected):
    from toolkit.extract.forms import line_pairs
    from toolkit.model import Location

    assert {p.key: p.raw for p in line_pairs(line, Location())} == expected


def test_two_forms_in_one_document():
    other = grid_table([["姓名", "李四", "性别", "女"], ["出生年月", "2005.01", "民族", "回族"]], index=2, position=3)
    ex = extract(doc(["推优登记表", "", "", "推优登记表"], [SIX_COLUMN, other]))
    assert [r.values["姓名"] for r in ex.records] == ["张三", "李四"]
    assert ex.records[1].values["性别"] == "女"


TALLY = grid_table([
    ["化工学院推优汇总表"] + [None] * 8,
    ["序号", "团支部", "姓名", "表决情况", None, None, None, None, "备注"],
    [None, None, None, "应到", "实到", "赞成", "反对", "弃权", None],
    ["1", "化工2201团支部", "张三", "32", "30", "27", "2", "1", ""],
    ["2", None, "李四", "32", "30", "28", "1", "1", ""],
    ["3", "", "", "", "", "", "", "", ""],
    ["合计", None, None, "64", "60", "55", "3", "2", ""],
    ["填表人：王五    日期：2026年5月20日"] + [None] * 8,
], spans=[(1, 1, 1, 9), (2, 1, 2, 1), (2, 2, 2, 1), (2, 3, 2, 1), (2, 4, 1, 5), (2, 9, 2, 1), (4, 2, 2, 1),
          (7, 1, 1, 3), (8, 1, 1, 9)])


def test_tally_two_row_header_total_and_empty_rows():
    ex = extract(doc(tables=[TALLY]))
    assert ex.kind == "tally"
    assert [r.values for r in ex.records] == [
        {"序号": 1, "团支部": "化工2201团支部", "姓名": "张三", "应到人数": 32, "实到人数": 30, "赞成票": 27, "反对票": 2, "弃权票": 1},
        {"序号": 2, "团支部": "化工2201团支部", "姓名": "李四", "应到人数": 32, "实到人数": 30, "赞成票": 28, "反对票": 1, "弃权票": 1},
    ]
    assert ex.records[1].where["赞成票"].row == 5 and ex.records[1].where["赞成票"].col == 6
    assert ex.total.values == {"应到人数": 64, "实到人数": 60, "赞成票": 55, "反对票": 3, "弃权票": 2}
    assert ex.fields["title"] == "化工学院推优汇总表"


def test_log_with_group_headers():
    table = grid_table([
        ["分表领取及上交登记表", None, None, None, None, None, None],
        ["团支部", "领取情况", None, None, "上交情况", None, "备注"],
        [None, "份数", "领取人", "日期", "份数", "日期", None],
        ["化工2201团支部", "3", "王五", "2026.5.8", "2", "2026.5.15", ""],
        ["化工2202团支部", "两份", "赵六", "2026年5月8日", "", "", "未交"],
        ["合计", "5", "", "", "2", "", ""],
    ], spans=[(1, 1, 1, 7), (2, 1, 2, 1), (2, 2, 1, 3), (2, 5, 1, 2), (2, 7, 2, 1)])
    ex = extract(doc(tables=[table]))
    assert ex.kind == "register_log"
    assert ex.records[0].kind == "log_row"
    assert ex.records[0].values == {"团支部": "化工2201团支部", "领取份数": 3, "领取人": "王五", "领取日期": "2026-05-08",
                                    "上交份数": 2, "上交日期": "2026-05-15"}
    assert ex.records[1].values["领取份数"] == 2 and ex.records[1].values["备注"] == "未交"
    assert ex.total.values == {"领取份数": 5, "上交份数": 2}


def test_table_continued_on_next_page():
    first = grid_table([["序号", "团支部", "姓名", "赞成票"], ["1", "化工2201团支部", "张三", "27"],
                        ["2", "化工2201团支部", "李四", "26"]])
    second = grid_table([["3", "化工2202团支部", "王五", "20"]], index=2, position=1)
    ex = extract(doc(tables=[first, second]))
    assert [r.values["姓名"] for r in ex.records] == ["张三", "李四", "王五"]
    assert ex.records[2].where["姓名"].table == 2


@pytest.mark.parametrize("lines,kind", [
    (["关于开展2026年度推优入党工作的通知", "院团发〔2026〕7号", "各团支部：", "现将有关事项通知如下。"], "notice"),
    (["团学简报", "第5期", "学院团委编", "一、活动开展情况"], "bulletin"),
    (["化工2201团支部2026年上半年工作总结", "一、基本情况", "二、主要做法", "三、存在不足"], "summary"),
    (["化工2201团支部推优大会会议记录", "会议时间：2026年5月12日", "主持人：王五", "记录人：赵六"], "minutes"),
    (["今天天气很好。"], "unknown"),
])
def test_kind_from_titles(lines, kind):
    assert classify(doc(lines))[0] == kind


def test_document_fields():
    ex = extract(doc(["化工2201团支部2026年上半年工作总结", "一、基本情况", "二、主要做法", "共青团化工2201团支部",
                      "2026年7月3日"]))
    assert ex.fields["团支部"] == "化工2201团支部"
    assert ex.fields["成文日期"] == "2026-07-03"


def test_minutes_vote_in_fields():
    ex = extract(doc(["推优大会会议记录", "会议时间：2026年5月12日", "主持人：王五", "记录人：赵六",
                      "表决结果：应到会32人，实到会30人，赞成27票，反对2票，弃权1票。"]))
    assert ex.kind == "minutes"
    assert ex.fields["应到人数"] == 32 and ex.fields["实到人数"] == 30
    assert "赞成票" not in ex.fields  # a candidate's votes are not the meeting's


def test_unknown_word_in_a_label_row_is_not_a_value():
    table = grid_table([
        ["姓名", "张三", "性别", "男", "民族", "汉族"],
        ["应到人数", "实到人数", "赞成票", "反对票", "弃权票", "赞成率"],
        ["32", "30", "27", "2", "1", "84%"],
    ])
    [rec] = extract(doc(["推优登记表"], [table])).records
    assert rec.values["弃权票"] == 1


def test_second_list_further_down_a_sheet_and_dashes():
    table = grid_table([
        ["序号", "姓名", "赞成票", "弃权票"],
        ["1", "张三", "27", "1"],
        ["", "", "", ""],
        ["序号", "候选人姓名", "赞成票数", "弃权票数"],
        ["1", "—", "—", "—"],
        ["2", "李四", "3", "0"],
    ])
    ex = extract(doc(["选举计票汇总表"], [table]))
    assert [r.values for r in ex.records] == [
        {"序号": 1, "姓名": "张三", "赞成票": 27, "弃权票": 1},
        {"序号": 2, "姓名": "李四", "赞成票": 3, "弃权票": 0},
    ]


def test_field_list_of_a_specification_is_not_a_form():
    table = grid_table([["字段", "说明"], ["姓名", ""], ["性别", ""], ["民族", ""], ["出生年月", ""],
                        ["身份证号", ""], ["备注", "支持批量上传"]])
    assert extract(doc(["系统需求说明"], [table])).kind == "unknown"


def test_minutes_meeting_table_in_fields():
    table = grid_table([["团支部", "化工2201团支部", None, None], ["会议时间", "2026年10月14日 19:00", "会议地点", "教室"],
                        ["应到人数", "32人", "实到人数", "30人"]], spans=[(1, 2, 1, 3)])
    ex = extract(doc(["团支部大会推优会议记录"], [table]))
    assert ex.kind == "minutes"
    assert (ex.fields["团支部"], ex.fields["应到人数"], ex.fields["实到人数"]) == ("化工2201团支部", 32, 30)
    assert ex.fields["表决日期"] == "2026-10-14"


@pytest.mark.parametrize("lines", [
    ["团学简报", "第5期", "化学工程学院团委编印", "化工2201团支部开展主题团日活动", "3月15日，化工2201团支部组织全体团员……",
     "生物2202团支部参加志愿服务", "（供稿：化工2201团支部）"],
    ["关于开展2026年推优工作的通知", "各团支部：", "化工2201团支部、生物2202团支部须于10月20日前报送材料。",
     "共青团化学工程学院委员会", "2026年10月8日"],
])
def test_college_bulletin_or_notice_is_not_a_branch_document(lines):
    ex = extract(doc(lines))
    assert ex.kind in ("bulletin", "notice")
    assert "团支部" not in ex.fields


@pytest.mark.parametrize("lines", [
    ["化工2201团支部简报", "第2期", "本支部开展主题团日活动"],
    ["化工2201团支部关于召开推优大会的通知", "全体团员：", "定于10月14日召开推优大会。", "化工2201团支部",
     "2026年10月8日"],
    ["团情简报", "第1期", "主题团日活动顺利开展", "编印单位：共青团化工2201团支部"],
])
def test_branch_bulletin_or_notice_is_attributed_to_its_issuer(lines):
    assert extract(doc(lines)).fields["团支部"] == "化工2201团支部"


def test_summary_signature_not_a_sentence_naming_a_branch():
    ex = extract(doc(["2026年上半年工作总结", "一、基本情况", "本学期与生物2202团支部联合开展活动。", "二、主要做法",
                      "共青团化工2201团支部", "2026年7月3日"]))
    assert ex.fields["团支部"] == "化工2201团支部"
