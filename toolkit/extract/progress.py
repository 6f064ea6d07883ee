"""大团委 建团进度: a 乡镇's list of new organisations (``progress_org``: 名称, 类型,
成立时间) or a county's weekly table of 乡镇 (``progress_town``: 目标, 本周新建,
累计, 完成率, 差额, 进度), the checkpoints a report states (``10月15日前完成50%``)
and the figures its own sentences state (本周新建3个，累计建成12个 …)."""

from __future__ import annotations

import re
from typing import Any

from ..cn.dates import normalize_date
from ..cn.numbers import cn_to_int
from ..cn.text import compact
from ..kinds import BUILD_PROGRESS
from ..model import Document, Extraction, Location, Record
from .sheet import ListSpec, labelled, read_lists

# Record kinds: a new organisation, a 乡镇's row of a county table, a sentence stating figures.
ORG, TOWN, STATED_ROW = "progress_org", "progress_town", "progress_stated"
_TOWN = ("乡镇", "所属乡镇", "乡镇名称", "乡镇（街道）", "乡镇(街道)", "镇街", "乡镇街道", "乡镇团委", "街道")
ORGS = ListSpec(
    synonyms={
        "序号": ("序号", "编号"),
        "名称": ("团组织名称", "组织名称", "名称", "新建团组织名称", "直属团组织名称", "团组织", "新建团组织", "直属团组织"),
        "类型": ("类型", "组织类型", "团组织类型", "建团类型", "所属领域", "领域", "建团领域", "组织形式", "建团方式"),
        "成立时间": ("成立时间", "成立日期", "建立时间", "组建时间", "建团时间", "批复时间", "成立年月", "组建日期"),
        "团员数": ("团员人数", "团员数", "团员数量"),
        "书记": ("书记", "负责人", "团组织书记", "书记姓名"),
        "乡镇": _TOWN,
        "备注": ("备注", "说明"),
    },
    anchors=frozenset({"名称"}), kind=ORG, counts=frozenset({"团员数"}), dates=frozenset({"成立时间"}),
)
TOWNS = ListSpec(
    synonyms={
        "序号": ("序号", "编号"),
        "乡镇": (*_TOWN, "单位"),
        "目标": ("目标数", "目标任务", "任务数", "目标", "应建数", "计划数", "目标任务数", "任务目标"),
        "上周累计": ("上周累计", "上周累计数", "截至上周累计", "上期累计"),
        "本周新建": ("本周新建", "本周新建数", "本周新增", "本周完成", "本周建成", "本周新建团组织数"),
        "累计": ("累计建成", "累计", "累计新建", "累计完成", "已建成", "已建数", "完成数", "累计数", "累计建成数",
               "累计新建团组织数"),
        "完成率": ("完成率", "完成比例", "完成百分比", "任务完成率", "完成进度"),
        "差额": ("差额", "缺口", "还差", "尚差", "未完成数", "剩余", "距目标差", "差距"),
        "进度": ("进度情况", "是否达到进度", "是否达标", "进度评价", "状态", "进展情况", "是否按进度", "进度"),
        "备注": ("备注", "说明"),
    },
    anchors=frozenset({"本周新建", "累计"}), kind=TOWN,
    counts=frozenset({"目标", "上周累计", "本周新建", "累计", "差额"}),
)
FIELDS = {
    "乡镇": ("乡镇", "乡镇团委", "填报单位", "所属乡镇", "单位"),
    "目标": ("目标任务", "目标数", "任务数", "建团目标", "目标"),
    "截至日期": ("截至日期", "统计截至", "截止日期", "截至时间", "统计时间", "统计日期", "填报日期", "报告日期"),
}
_DATE = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}"
_CHECKPOINT = re.compile(rf"({_DATE})(?:前|之前|以前)[^；。，,]{{0,16}}?(\d+(?:\.\d+)?)\s*[%％]")
_AS_OF = re.compile(rf"(?:截至|截止|截止到|截至到)\s*({_DATE})")
_NUM = r"(\d+|[零〇一二两三四五六七八九十百]+)"
# The report's own figures, as its sentences state them.
STATED = {
    "本周新建": re.compile(rf"本周(?:新建|新增|建成|完成)[^，。；0-9]{{0,8}}?{_NUM}\s*个"),
    "累计": re.compile(rf"(?:(?:累计|共计|总计)(?:新建|建成|完成|组建)?|已(?:新建|建成|组建))[^，。；0-9]{{0,8}}?{_NUM}\s*个"),
    "完成率": re.compile(r"(?:完成率|完成(?:了)?(?:目标)?(?:任务)?(?:数)?的|完成比例)[为达]?\s*(\d+(?:\.\d+)?)\s*[%％]"),
    "差额": re.compile(rf"(?:还差|尚差|差额|缺口|距目标还差|距离目标还差)(?:为)?\s*{_NUM}\s*个"),
}


def looks_like(keys: set[str]) -> bool:
    """Whether a list's header keys (under :data:`TOWNS` or :data:`ORGS`) are a progress sheet's."""
    return bool({"本周新建", "累计"} <= keys or "名称" in keys and keys & {"成立时间", "类型"})


def _year(text: str, default: int | None) -> str | None:
    """A checkpoint or report date without a year takes the report's year."""
    if re.match(r"\d{4}", text) or default is None:
        return normalize_date(text)
    return normalize_date(f"{default}年{text}")


def stated_figures(doc: Document) -> list[Record]:
    """One ``progress_stated`` record per paragraph that states the report's figures."""
    out = []
    for p in doc.paragraphs:
        text = compact(p.text)
        values: dict[str, Any] = {}
        for key, pattern in STATED.items():
            if (m := pattern.search(text)) is not None:
                values[key] = float(m[1]) if key == "完成率" else cn_to_int(m[1])
        if values:
            out.append(Record(kind=STATED_ROW, values=values | {"原文": p.text.strip()},
                              location=Location(page=p.page, paragraph=p.index)))
    return out


def extract_progress(doc: Document) -> Extraction:
    records, totals = read_lists(doc, (TOWNS, ORGS))
    found = labelled(doc, FIELDS, (TOWNS, ORGS))
    fields: dict[str, Any] = {k: v for k, (v, _) in found.items()}
    if "目标" in fields:
        fields["目标"] = cn_to_int(str(fields["目标"]))
    text = compact(doc.all_text())
    if "截至日期" in fields:
        fields["截至日期"] = normalize_date(fields["截至日期"])
    if not fields.get("截至日期") and (m := _AS_OF.search(text)):
        fields["截至日期"] = normalize_date(m[1])
    year = int(fields["截至日期"][:4]) if fields.get("截至日期") else None
    points = {}
    for m in _CHECKPOINT.finditer(text):
        if (due := _year(m[1], year)) and len(due) == 10:
            points[due] = float(m[2])
    fields["节点"] = [f"{d}:{s:g}%" for d, s in sorted(points.items())]
    records += stated_figures(doc)
    return Extraction(kind=BUILD_PROGRESS, records=records, total=totals[0] if totals else None,
                      fields={k: v for k, v in fields.items() if v not in (None, "", [])})
