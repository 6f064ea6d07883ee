"""积分表 (三亮三比 / 团员先进性评价): two lists a sheet may carry.

- items (``points_item``): 评价项目, 分值, 评分方式, 评价 (是/否, A–D), 得分 — one
  member's sheet; ``※`` before an item or a 负面清单 column marks the negative list;
- members (``points_member``): 姓名, 第一…第四季度, 加分, 年度积分/总分, 负面清单,
  等次, 排名, 是否推优 — a branch's quarterly or annual 积分汇总表.
"""

from __future__ import annotations

import re
from typing import Any

from ..cn.scoring import to_score
from ..kinds import POINTS
from ..model import Document, Extraction, Record
from .sheet import ListSpec, labelled, read_lists

# Record kinds: an item row, a member row, one member's own sheet (its stated 姓名, 等次 …).
ITEM, MEMBER, SHEET = "points_item", "points_member", "points_sheet"
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
_Q = {"第一季度": "一1", "第二季度": "二2", "第三季度": "三3", "第四季度": "四4"}


def _quarter(key: str) -> tuple[str, ...]:
    cn, n = _Q[key]
    return tuple(f"{a}{b}" for a in (f"第{cn}季度", f"{cn}季度", f"第{n}季度", f"{n}季度", f"Q{n}")
                 for b in ("", "积分", "得分", "分"))


ITEMS = ListSpec(
    synonyms={
        "序号": ("序号", "编号"),
        "类别": ("类别", "类型", "一级指标", "模块", "评价维度", "项目类别"),
        "项目": ("评价项目", "项目", "积分项目", "评价内容", "考评内容", "评价指标", "二级指标", "具体项目", "指标", "内容"),
        "负面事项": ("负面清单", "负面清单事项", "负面清单项目", "负面清单内容", "负面事项"),
        "评分方式": ("评分方式", "计分方式", "评分办法", "评价方式", "赋分方式", "计分办法", "评分标准"),
        "分值": ("分值", "满分", "标准分", "最高分", "分数上限", "最高分值", "基准分"),
        "评价": ("评价", "评定", "档次", "评价档次", "等级", "完成情况", "是否完成", "是否达到", "评价结果", "评价等次"),
        "触及": ("是否触及", "触及情况", "有无", "是否存在", "是否违反", "有无违反"),
        "得分": ("得分", "实际得分", "实得分", "评分", "计分", "积分", "得分情况"),
        "备注": ("备注", "说明"),
    },
    anchors=frozenset({"分值", "触及"}), kind=ITEM, scores=frozenset({"分值", "得分"}),
)
MEMBERS = ListSpec(
    synonyms={
        "序号": ("序号", "编号"),
        "姓名": ("姓名", "团员姓名", "名字"),
        "团支部": ("团支部", "所在团支部", "支部"),
        **{q: _quarter(q) for q in QUARTERS},
        "加分": ("加分", "加分项", "附加分", "奖励加分", "加分分值", "加分项得分"),
        "加分审批": ("加分审批", "加分审批情况", "加分是否审批", "审批情况", "是否审批", "审批意见", "支部审批"),
        "年度积分": ("年度积分", "全年积分", "基础积分", "季度积分合计", "积分小计", "小计", "基础分"),
        "总分": ("总分", "总积分", "年度总分", "年度总积分", "最终得分", "总得分", "合计", "积分合计", "年度得分", "综合得分"),
        "负面清单": ("负面清单", "负面清单情况", "负面情况", "是否触及负面清单", "违反负面清单情况", "负面清单事项"),
        "等次": ("等次", "考核等次", "评价等次", "档次", "考核档次", "等级", "评定等次", "评价结果", "考核结果"),
        "排名": ("排名", "名次", "排序", "积分排名"),
        "是否推优": ("是否推优", "推优", "是否推荐", "推荐情况", "是否列入推优名单", "推优情况", "推优意见"),
        "备注": ("备注", "说明"),
    },
    anchors=frozenset({"姓名"}), kind=MEMBER,
    scores=frozenset({*QUARTERS, "加分", "年度积分", "总分"}), counts=frozenset({"排名"}),
)
# The sheet's own facts: whose sheet (an item sheet), full marks, the stated result.
FIELDS = {
    "姓名": ("姓名", "团员姓名"),
    "团支部": ("团支部", "所在团支部", "支部名称"),
    "满分": ("满分", "总分值", "满分值"),
    "等次": ("等次", "考核等次", "评价等次", "年度等次", "评定等次", "考核档次"),
    "是否推优": ("是否推优", "是否推荐", "推优意见", "是否列入推优名单"),
    "负面清单": ("负面清单", "负面清单情况"),
}
_FULL = re.compile(r"满分(?:为|值为|值)?\s*(\d+(?:\.\d+)?)\s*分|总分(?:为|值为)?\s*(\d+(?:\.\d+)?)\s*分")


def looks_like(keys: set[str]) -> bool:
    """Whether a list's header keys (under :data:`ITEMS` or :data:`MEMBERS`) are a points sheet's."""
    return bool(keys & {"评价", "评分方式", "负面事项", "触及"} and "分值" in keys
                or "姓名" in keys and keys & {*QUARTERS, "年度积分", "负面清单", "加分"})


def extract_points(doc: Document) -> Extraction:
    """Items, members and, for one member's sheet, a ``points_sheet`` record of its
    stated facts (姓名, 等次, 是否推优 …) with where each was found."""
    records, totals = read_lists(doc, (ITEMS, MEMBERS))
    found = labelled(doc, FIELDS, (ITEMS, MEMBERS))
    full = to_score(found.pop("满分")[0]) if "满分" in found else None
    if full is None and (m := _FULL.search(doc.all_text())):
        full = float(m[1] or m[2])
    if set(found) - {"团支部"}:  # one member's own sheet
        records.insert(0, Record(kind=SHEET, values={k: v for k, (v, _) in found.items()},
                                 where={k: loc for k, (_, loc) in found.items()}))
    fields: dict[str, Any] = {"满分": full} if full is not None else {}
    if "团支部" in found:
        fields["团支部"] = found["团支部"][0]
    return Extraction(kind=POINTS, records=records, total=totals[0] if totals else None, fields=fields)
