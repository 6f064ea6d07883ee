"""Sample data of the demo round's League sheets: a branch's 积分汇总表, a 百分考核表
and a 乡镇's 建团进度周报, each with one mistake planted the way offices make it."""

from __future__ import annotations

from typing import Any

# 化工2202团支部 fails its 百分考核 (under 60) yet sends two 推优 forms: TW864 on the forms.
FAILING_BRANCH = "化工2202团支部"


def points() -> dict[str, Any]:
    """生物2201团支部's annual points; 许嘉禾 hit the 负面清单 but is marked for 推优 (TW856)."""
    def member(name: str, q: tuple[int, int, int, int], extra: int = 0, negative: str = "无", rec: str = "否"):
        return {"name": name, "q1": q[0], "q2": q[1], "q3": q[2], "q4": q[3], "extra": extra,
                "negative": negative, "recommended": rec}

    return {"title": "生物2201团支部2026年度团员“三亮三比”积分汇总表", "branch": "生物2201团支部", "year": 2026,
            "full_marks": 100, "filler": "杨明轩", "fill_date": "2026-12-20",
            "members": [member("杨明轩", (24, 23, 24, 23), 2, rec="是"), member("黄若曦", (23, 23, 22, 23), rec="是"),
                        member("许嘉禾", (22, 23, 23, 22), 1, "无故缺席组织生活3次", "是"),
                        member("林书瑶", (19, 20, 18, 20)), member("何思远", (16, 15, 17, 15))]}


def assessment() -> dict[str, Any]:
    items = [("思想引领", 20, 11), ("组织建设", 15, 8), ("三会两制一课", 20, 10), ("推优入党", 15, 9),
             ("志愿服务", 15, 7), ("基础台账", 15, 8)]
    return {"title": f"{FAILING_BRANCH}2026年度工作百分考核表", "branch": FAILING_BRANCH, "assessor": "张晓彤",
            "date": "2026-10-12", "items": [{"project": p, "requirement": f"按学院团委要求完成{p}工作", "max_score": m,
                                              "criteria": "未完成一项扣2分，扣完为止", "self_score": s, "check_score": s}
                                             for p, m, s in items]}


def build_progress() -> dict[str, Any]:
    """A 乡镇's weekly report; one organisation dated after the report's own date (TW873)."""
    orgs = [("青石镇上林村团支部", "村", "2026-10-09"), ("青石镇东湖路社区团支部", "社区", "2026-10-12"),
            ("青石镇青年创业园团支部", "园区", "2026-10-14"), ("青石镇物流企业联合团支部", "企业", "2026-10-19"),
            ("青石镇新联会青年团支部", "青年社会组织", "2026-10-28")]
    return {"title": "青石镇大团委建团进度周报", "town": "青石镇", "target": 20, "week_end": "2026-10-23",
            "checkpoints": [{"due": "2026-10-30", "share": 50}, {"due": "2026-11-30", "share": 100}],
            "orgs": [{"name": n, "type": t, "founded": d, "members": 6, "secretary": ""} for n, t, d in orgs],
            "filler": "刘畅", "date": "2026-10-23"}


# (template, data file name, record) in the order the demo writes them.
SHEETS = (("points", "积分表", points), ("assessment", "百分考核表", assessment), ("build-progress", "建团进度", build_progress))
