"""百分考核表 of a branch: 项目, 要求, 分值, 评分标准, 自查得分, 检查得分 per row
(``assessment_item``), a 合计 row, and the stated 总分, 等次 and 推优 count."""

from __future__ import annotations

from typing import Any

from ..cn.scoring import to_score
from ..kinds import ASSESSMENT
from ..model import Document, Extraction, Record
from .sheet import ListSpec, labelled, read_lists

# Record kinds: an item row; the sheet's own stated facts (团支部, 等次, 总分, 推优人数).
ITEM, SHEET = "assessment_item", "assessment_sheet"
ITEMS = ListSpec(
    synonyms={
        "序号": ("序号", "编号"),
        "项目": ("项目", "考核项目", "考评项目", "一级指标", "工作项目", "类别", "考核类别", "指标"),
        "要求": ("要求", "具体要求", "考核要求", "考核内容", "考核内容及要求", "工作要求", "内容及要求", "考评内容",
               "二级指标", "考核指标"),
        "分值": ("分值", "标准分", "满分", "分数", "权重分", "分值（分）", "基本分", "应得分"),
        "评分标准": ("评分标准", "评分细则", "扣分标准", "评分办法", "计分办法", "评分说明", "考核标准", "评分方法"),
        "自查得分": ("自查得分", "自评得分", "自评分", "自查分", "自查", "自评", "自评分数", "自查评分"),
        "检查得分": ("检查得分", "考核得分", "考评得分", "核查得分", "实得分", "检查分", "得分", "复核得分", "评定得分",
                 "考核评分", "上级评分", "团委评分"),
        "备注": ("备注", "说明", "扣分原因", "扣分说明"),
    },
    anchors=frozenset({"分值"}), kind=ITEM, scores=frozenset({"分值", "自查得分", "检查得分"}),
)
FIELDS = {
    "团支部": ("团支部", "被考核单位", "被考核团支部", "考核对象", "参评单位", "单位名称", "团支部名称"),
    "等次": ("等次", "考核等次", "考核结果", "评定等次", "考核等级", "评定结果"),
    "总分": ("总分", "考核总分", "合计得分", "总得分", "最终得分"),
    "推优人数": ("推优人数", "推荐人数", "推荐入党积极分子人数", "本年度推优人数", "推优名额"),
}


def looks_like(keys: set[str]) -> bool:
    """Whether a list's header keys (under :data:`ITEMS`) are a 百分考核 sheet's."""
    return "分值" in keys and bool(keys & {"自查得分", "评分标准"})


def extract_assessment(doc: Document) -> Extraction:
    records, totals = read_lists(doc, (ITEMS,))
    found = labelled(doc, FIELDS, (ITEMS,))
    if found:
        values: dict[str, Any] = {k: v for k, (v, _) in found.items()}
        for key in ("总分", "推优人数"):
            if key in values and (x := to_score(str(values[key]).rstrip("人名个"))) is not None:
                values[key] = int(x) if x.is_integer() else x
        records.insert(0, Record(kind=SHEET, values=values,
                                 where={k: loc for k, (_, loc) in found.items()}))
    fields = {"团支部": found["团支部"][0]} if "团支部" in found else {}
    return Extraction(kind=ASSESSMENT, records=records, total=totals[0] if totals else None, fields=fields)
