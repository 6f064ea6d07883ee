"""Fields wherever a form puts them, as real .docx/.xlsx files: the vote written
as one sentence in the 团支部意见 cell (its date is the 表决日期, the year taken
from the form when the sentence leaves it out), label synonyms of real
templates, and any spelling of labels, spacing and date styles giving one record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rounds.helpers import table_docx
from toolkit.extract import extract
from toolkit.kinds import SYNONYMS
from toolkit.extract.vote import vote_date
from toolkit.read import read

PERSON = [
    ["姓名", "王梓萱", "性别", "女", "民族", "回族"],
    ["出生年月", "2005.03", "入团年月", "2019.05", "团内任职", "宣传委员"],
    ["公民身份号码", "370102200503124427", "", "联系电话", "13905310000", ""],
    ["所在团支部", "临床医学2301团支部", "", "", "", ""],
]
PERSON_MERGES = [((2, 1), (2, 2)), ((2, 4), (2, 5)), ((3, 1), (3, 5))]


def opinion_form(path: Path, opinion: str) -> Path:
    rows = PERSON + [["团支部意见", opinion, "", "", "", ""]]
    return table_docx(path, rows, PERSON_MERGES + [((4, 1), (4, 5))])


def values(path: Path) -> dict:
    ex = extract(read(str(path)))
    assert ex.kind == "registration_form"
    assert len(ex.records) == 1
    return ex.records[0].values


VOTE = "应到会31人，实到29人，同意25票，不同意3票，弃权1票，同意推荐该同志为入党积极分子人选。"


@pytest.mark.parametrize("opinion, date", [
    (f"10月20日召开团员大会，{VOTE}\n团支部书记（签字）：李明\n2025年10月22日", "2025-10-20"),
    (f"12月28日召开支部大会，{VOTE}\n签字：李明  2026年1月5日", "2025-12-28"),
    (f"2025年10月20日，团支部召开团员大会进行表决，{VOTE}", "2025-10-20"),
    (f"经2025.10.20团支部大会表决，{VOTE}\n2025年10月22日", "2025-10-20"),
    (f"经二〇二五年十月二十日团支部大会无记名投票：\n{VOTE}\n2025-10-22", "2025-10-20"),
    (f"十月二十日召开团员大会，{VOTE}\n2025年10月22日", "2025-10-20"),
])
def test_vote_sentence_in_the_opinion_cell_gives_counts_and_date(tmp_path, opinion, date):
    v = values(opinion_form(tmp_path / "表.docx", opinion))
    assert (v["应到人数"], v["实到人数"], v["赞成票"], v["反对票"], v["弃权票"]) == (31, 29, 25, 3, 1)
    assert v["表决日期"] == date
    assert v["团内职务"] == "宣传委员" and v["入团时间"] == "2019-05" and v["身份证号"] == "370102200503124427"


def test_year_from_the_file_when_the_form_has_no_dated_signature(tmp_path):
    path = opinion_form(tmp_path / "表.docx", f"10月20日召开团员大会，{VOTE}")
    d = docx.Document(path)
    d.core_properties.created = dt.datetime(2025, 10, 24, 9, 0)
    d.save(path)
    assert values(path)["表决日期"] == "2025-10-20"


@pytest.mark.parametrize("signed", ["二〇二五年十月二十二日", "２０２５年１０月２２日", "2025.10.22"])
def test_year_from_a_signature_in_any_spelling_before_the_file_dates(tmp_path, signed):
    """python-docx's own template says 2013 in the file's dates: the signature's year wins."""
    path = opinion_form(tmp_path / "表.docx", f"10月20日召开团员大会，{VOTE}\n团支部书记（签字）：{signed}")
    assert docx.Document(path).core_properties.created.year == 2013
    assert values(path)["表决日期"] == "2025-10-20"


def test_signature_date_alone_is_not_the_vote_date(tmp_path):
    v = values(opinion_form(tmp_path / "表.docx", f"经团支部大会表决，{VOTE}\n2025年10月22日"))
    assert v["赞成票"] == 25 and "表决日期" not in v


def test_labelled_vote_date_wins_over_the_sentence(tmp_path):
    rows = PERSON + [["表决时间", "2025年10月21日", "", "", "", ""],
                     ["团支部意见", f"10月20日召开团员大会，{VOTE}", "", "", "", ""]]
    path = table_docx(tmp_path / "表.docx", rows, PERSON_MERGES + [((4, 1), (4, 5)), ((5, 1), (5, 5))])
    assert values(path)["表决日期"] == "2025-10-21"


@pytest.mark.parametrize("text, expected", [
    ("10月20日召开团员大会，应到会31人，实到29人", (None, 10, 20)),
    ("2025年10月20日，支部召开团员大会，应到31人", (2025, 10, 20)),
    ("团支部于11月3日举行大会，实到29人，赞成25票", (None, 11, 3)),
    ("应到31人，实到29人，赞成25票。2025年10月22日", None),  # the date follows the figures
    ("9月1日开学以来支部开展了很多活动。经讨论，应到31人，实到29人", None),  # another sentence
    ("出生日期2005.03 应到31人", None),
])
def test_vote_date_must_pass_and_must_fail(text, expected):
    assert vote_date(text) == expected


def test_xlsx_form_with_vote_sentence(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["入团积极分子推荐表"])
    for row in PERSON:
        ws.append([x or None for x in row])
    ws.append(["团支部意见", f"10月20日召开团员大会，{VOTE} 2025年10月22日"])
    path = tmp_path / "表.xlsx"
    wb.save(path)
    v = values(path)
    assert v["表决日期"] == "2025-10-20" and v["赞成票"] == 25 and v["姓名"] == "王梓萱"


@pytest.mark.parametrize("fmt, birth", [
    ('yyyy"年"m"月"', "2005-03"), ("yyyy-mm", "2005-03"), ("mmm-yy", "2005-03"), ('[$-804]yyyy"年"m"月";@', "2005-03"),
    ("yyyy/m/d", "2005-03-12"), ('yyyy"年"m"月"d"日"', "2005-03-12"),
])
def test_xlsx_date_cell_is_as_precise_as_its_format_shows(tmp_path, fmt, birth):
    """A date typed as 2005年3月 is stored as 2005-03-01: its day is Excel's, not the person's
    (taken as the day, it disagreed with the ID number's 12th)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in PERSON:
        ws.append([x or None for x in row])
    ws["B2"] = dt.datetime(2005, 3, 12 if "d" in fmt.replace("[$-804]", "") else 1)
    ws["B2"].number_format = fmt
    path = tmp_path / "表.xlsx"
    wb.save(path)
    assert values(path)["出生日期"] == birth


@pytest.mark.parametrize("label, key", [
    ("姓名 Name", "姓名"), ("出生年月\nDate of Birth", "出生日期"), ("身份证号码 ID No.", "身份证号"),
    ("ID No./公民身份号码", "身份证号"), ("所在团支部 Branch：", "团支部"), ("赞成票 For", "赞成票"),
])
def test_bilingual_labels(label, key):
    from toolkit.extract import canonical

    assert canonical(label) == key


@pytest.mark.parametrize("text", ["Name", "团支部书记 Secretary", "团员 Member", "ID"])
def test_english_beside_a_value_is_no_label(text):
    from toolkit.extract import canonical

    assert canonical(text) is None


def test_candidates_side_by_side_are_one_record_each(tmp_path):
    """Labels down the first column, one column per candidate: a record for each column."""
    rows = [["项目", "推荐对象一", "推荐对象二"], ["姓名", "王梓萱", "韦丽娟"], ["性别", "女", "女"],
            ["出生年月", "2005.03", "2004.11"], ["公民身份号码", "370102200503124427", "450103200411160025"],
            ["所在团支部", "护理部团支部", "护理部团支部"], ["赞成票", "20", "19"]]
    ex = extract(read(str(table_docx(tmp_path / "表.docx", rows))))
    assert [(r.values["姓名"], r.values["出生日期"], r.values["赞成票"]) for r in ex.records] == [
        ("王梓萱", "2005-03", 20), ("韦丽娟", "2004-11", 19)]


def test_a_form_with_a_photo_column_is_one_record(tmp_path):
    """A value merged across, or a 照片 cell merged down the side, is not a second person."""
    rows = [["姓名", "王梓萱", "照片"], ["性别", "女", ""], ["出生年月", "2005.03", ""],
            ["公民身份号码", "370102200503124427", ""], ["所在团支部", "护理部团支部", ""], ["联系电话", "13905310000", ""]]
    ex = extract(read(str(table_docx(tmp_path / "表.docx", rows, merges=[((0, 2), (4, 2)), ((5, 1), (5, 2))]))))
    assert len(ex.records) == 1 and ex.records[0].values["姓名"] == "王梓萱"
    rows = [["姓名", "王梓萱", "照片"], ["性别", "女", ""], ["出生年月", "2005.03", ""],
            ["公民身份号码", "370102200503124427", ""], ["所在团支部", "护理部团支部", ""], ["联系电话", "13905310000", ""]]
    ex = extract(read(str(table_docx(tmp_path / "表2.docx", rows, merges=[((0, 2), (2, 2))]))))  # empty cells below
    assert len(ex.records) == 1 and ex.records[0].values["联系电话"] == "13905310000"


@pytest.mark.parametrize("label, key", [
    ("团内任职", "团内职务"), ("现任职务", "团内职务"), ("团内职务", "团内职务"), ("公民身份号码", "身份证号"),
    ("入团年月", "入团时间"), ("表决时间", "表决日期"), ("同意票", "赞成票"), ("不同意票", "反对票"),
    ("不同意票数", "反对票"), ("到会人数", "实到人数"), ("出生年月（  岁）", "出生日期"), ("手  机", "联系电话"),
])
def test_synonyms_of_real_templates(label, key):
    from toolkit.extract import canonical

    assert canonical(label) == key


# Any spelling of the labels, any spacing inside them, any date style: one record.
CANON = {"姓名": "王梓萱", "性别": "女", "民族": "回族", "出生日期": "2005-03", "身份证号": "370102200503124427",
         "入团时间": "2019-05", "团支部": "临床医学2301团支部", "团内职务": "宣传委员", "联系电话": "13905310000",
         "应到人数": 31, "实到人数": 29, "赞成票": 25, "反对票": 3, "弃权票": 1, "表决日期": "2025-10-20"}
RAW = {"姓名": "王梓萱", "性别": "女", "民族": "回族", "身份证号": "370102200503124427",
       "团支部": "临床医学2301团支部", "团内职务": "宣传委员", "联系电话": "13905310000",
       "应到人数": "31", "实到人数": "29", "赞成票": "25", "反对票": "3", "弃权票": "1"}
DATES = {"出生日期": (2005, 3, None), "入团时间": (2019, 5, None), "表决日期": (2025, 10, 20)}
MONTH_STYLES = ("{y}.{m:02d}", "{y}年{m}月", "{y}-{m:02d}", "{y}/{m}")
DAY_STYLES = ("{y}年{m}月{d}日", "{y}.{m}.{d}", "{y}-{m:02d}-{d:02d}", "{y}/{m:02d}/{d:02d}")
# Only the synonyms a form would use for its own fields (not 支部/电话 shorthand, which tests above cover).
LABELS = {k: [s for s in SYNONYMS[k] if len(s) >= 2 and s not in ("得票数", "推荐时间", "推荐日期")] for k in CANON}


@st.composite
def spelled_form(draw):
    rows = []
    for key in CANON:
        label = draw(st.sampled_from(LABELS[key]))
        if len(label) <= 3 and draw(st.booleans()):
            label = draw(st.sampled_from(("\u3000", "  ", " "))).join(label)
        if key in DATES:
            y, m, d = DATES[key]
            value = draw(st.sampled_from(DAY_STYLES if d else MONTH_STYLES)).format(y=y, m=m, d=d)
        else:
            value = RAW[key]
        rows.append((label + draw(st.sampled_from(("", "：", ":"))), value))
    layout = draw(st.sampled_from(("vertical", "four", "lines", "run")))
    return layout, draw(st.permutations(rows))


def write(path: Path, layout: str, rows: list[tuple[str, str]]) -> Path:
    if layout == "vertical":
        return table_docx(path, [list(r) for r in rows])
    if layout == "four":
        pairs = [rows[i:i + 2] for i in range(0, len(rows), 2)]
        return table_docx(path, [[x for pr in p for x in pr] + ["", ""] * (2 - len(p)) for p in pairs])
    d = docx.Document()
    d.add_heading("推优登记表", level=1)
    if layout == "run":  # labels and values glued in one paragraph
        d.add_paragraph("".join(label.rstrip("：:") + value for label, value in rows))
    for label, value in rows if layout == "lines" else ():
        d.add_paragraph(f"{label.rstrip('：:')}：{value}")
    d.save(path)
    return path


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spelled_form())
def test_any_spelling_extracts_the_same_record(tmp_path, form):
    layout, rows = form
    got = values(write(tmp_path / "表.docx", layout, rows))
    assert {k: got.get(k) for k in CANON} == CANON


RUN = "姓 名王某性 别男出生日期2005.03民 族汉籍 贯山东济南入团年月2019.05团内职务团支部书记所在团支部机电2302团支部联系电话13800000001"


def run_docx(path: Path, lines: list[str], in_cell: bool = False) -> Path:
    d = docx.Document()
    d.add_paragraph("入团积极分子推荐表")
    if in_cell:
        d.add_table(rows=1, cols=1).cell(0, 0).text = "\n".join(lines)
    for line in lines if not in_cell else ():
        d.add_paragraph(line)
    d.save(path)
    return path


RUN_VALUES = {"姓名": "王某", "性别": "男", "出生日期": "2005-03", "民族": "汉", "入团时间": "2019-05",
              "团内职务": "团支部书记", "团支部": "机电2302团支部", "联系电话": "13800000001"}


@pytest.mark.parametrize("in_cell", [False, True])
def test_labels_and_values_run_together(tmp_path, in_cell):
    v = values(run_docx(tmp_path / "表.docx", [RUN, "应到会31人实到29人赞成25票反对3票弃权1票"], in_cell))
    assert {k: v.get(k) for k in RUN_VALUES} == RUN_VALUES
    assert (v["实到人数"], v["赞成票"], v["弃权票"]) == (29, 25, 1)


@pytest.mark.soffice
def test_run_together_form_through_doc(tmp_path):
    import subprocess

    src = run_docx(tmp_path / "表.docx", [RUN])
    out = tmp_path / "doc"
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=120)
    v = values(out / "表.doc")
    assert {k: v.get(k) for k in RUN_VALUES} == RUN_VALUES


@pytest.mark.parametrize("text, branch, key", [
    ("姓名王某性别男民族汉团支部临床医学2301团支部推优时间2025年10月20日", "临床医学2301团支部", "表决日期"),
    ("姓名王某性别男民族汉所在团支部机电2302团支部团支部推优时间2025.10.20", "机电2302团支部", "表决日期"),
    ("姓 名王某性 别女民 族汉所属团支部城关镇机关团支部推优日期2025年10月20日", "城关镇机关团支部", "表决日期"),
])
def test_a_branch_name_keeps_its_own_label_word(text, branch, key):
    """A value ending in its own label (…团支部) before a longer label that begins
    with that word (团支部推优时间): the word belongs to the value."""
    from toolkit.extract.labels import find_run_labels

    found = find_run_labels(text)
    stops = [s for s, _, _ in found[1:]] + [len(text)]
    got = {k: text[e:stop] for (_, e, k), stop in zip(found, stops)}
    assert got["团支部"] == branch and key in got


@pytest.mark.parametrize("prose", [
    "经团支部大会讨论，应到31人，实到29人，赞成25票，同意推荐。",
    "团支部书记姓名变更后，支部联系电话也已更新，请各位团员知悉。",
])
def test_prose_is_not_run_together_labels(prose):
    from toolkit.extract.labels import find_run_labels

    assert find_run_labels(prose) == []


@pytest.mark.parametrize("line, counts", [
    ("表决日期2026年10月13日应到人数16实到人数14赞成票12反对票2弃权票0", (16, 14, 12, 2, 0)),
    ("应到人数16实到人数14，赞成票12，反对票2，弃权票0。", (16, 14, 12, 2, 0)),
])
def test_vote_line_run_together(tmp_path, line, counts):
    v = values(run_docx(tmp_path / "表.docx", [RUN, line]))
    assert tuple(v[k] for k in ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")) == counts
    if "表决日期" in line:
        assert v["表决日期"] == "2026-10-13"


def test_vote_words_in_prose_are_not_a_vote_line():
    from toolkit.extract.labels import find_run_labels

    assert find_run_labels("应到人数较多，实到人数不足，赞成票未过半，会议改期。") == []


@pytest.mark.parametrize("when, date", [("时间：2026年10月13日　16:00", "2026-10-13"), ("日期：2026年10月13日", "2026-10-13"),
                                        ("议程：介绍2026年10月13日以来的工作", None)])
def test_minutes_time_line_is_the_meeting_date(tmp_path, when, date):
    d = docx.Document()
    for line in ["英语2301团支部团员大会会议记录", when, "地点：行政楼会议室", "应到会团员16人，实到会14人。",
                 "岳某：赞成14票，反对0票，弃权2票。", "记录人：柏某"]:
        d.add_paragraph(line)
    d.save(tmp_path / "m.docx")
    ex = extract(read(str(tmp_path / "m.docx")))
    assert ex.kind == "minutes" and ex.fields.get("表决日期") == date and ex.fields["实到人数"] == 14


def test_a_template_file_date_before_the_person_is_no_year(tmp_path):
    path = opinion_form(tmp_path / "表.docx", f"10月20日召开团员大会，{VOTE}")
    d = docx.Document(path)
    d.core_properties.created = d.core_properties.modified = dt.datetime(2013, 12, 23)
    d.save(path)
    assert values(path)["表决日期"] == "10月20日"  # left as written rather than a wrong year


@pytest.mark.parametrize("line, keys", [
    ("出生年月：2004.05公民身份号码：110101200405061092", ["出生日期", "身份证号"]),  # read from a scan
    ("联系电话：13800000000入团时间：2019.05", ["联系电话", "入团时间"]),
    ("团支部：机电2302团支部书记：李四", ["团支部"]),  # 团支部书记 is no label, the digits no boundary for it
])
def test_a_label_may_follow_a_figure(line, keys):
    from toolkit.extract.labels import find_labels

    assert [k for _, _, k in find_labels(line)] == keys
