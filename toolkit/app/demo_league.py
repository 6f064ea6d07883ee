"""The League's own records in ``tuanwen demo`` (issue 12): the college's 团员名册 as the
智慧团建 platform exports it (.xlsx, the platform's column names), a branch's 教育评议
结果表, two "3+1+1" records and a branch's 志愿服务时长记录, each with a planted
mistake that the check finds. Everything is fictional; ID numbers are generated.
"""

from __future__ import annotations

import io
from typing import Any

from ..cn.idcard import make_id

ROSTER_HEAD = ("序号", "姓名", "性别", "民族", "公民身份号码", "出生日期", "入团年月", "团员编号", "所在团支部", "团内职务",
               "政治面貌", "是否递交入党申请书", "递交入党申请书时间", "最近一次教育评议结果", "团籍状态", "手机号码")
_SURNAMES = "李张刘陈杨黄吴徐孙马朱胡郭何高罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
_GIVEN = ("子轩", "浩然", "欣妍", "思远", "雨萱", "宇航", "佳怡", "俊杰", "诗涵", "博文", "可馨", "嘉怡", "明哲", "若彤",
          "天佑", "静怡", "泽宇", "梦瑶", "晨阳", "书涵", "一鸣", "紫萱", "昊天", "语桐", "文博", "雅婷", "家豪", "心怡",
          "俊熙", "诗琪", "皓轩", "佳琪", "志远", "欣然")
NOT_ON_ROSTER = "黄若曦"  # her form names a member the roster does not list (TW800)
FAILED_REVIEW = "赵景行"  # graded 不合格 last autumn (TW805)
EXAM_LATE = "王子涵"  # his 统一考试 is dated after the 推优 vote (TW821)
REVIEW_BRANCH, STEPS_BRANCH, HOURS_BRANCH = "化工2202团支部", "化工2201团支部", "生物2201团支部"


def _member(branch: str, name: str, gender: str, birth: str, joined: str, seq: int, post: str = "团员",
            grade: str = "合格", applied: bool = False) -> dict[str, Any]:
    number = f"{joined[:4]}3201{seq:04d}"
    return {"name": name, "gender": gender, "ethnicity": "汉族",
            "id_number": make_id("320106", birth, seq, gender == "男"), "birth": f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
            "join_date": joined, "member_no": number, "branch": branch,
            "post": post, "politics": "共青团员", "applied": "是" if applied else "否",
            "apply_date": "2024-10" if applied else "", "grade": grade, "status": "正常",
            "phone": f"139{52000000 + seq * 7919:08d}"}


def roster(candidates: list[tuple], sizes: dict[str, int]) -> list[dict[str, Any]]:
    """Every member of the four branches: the candidates (with the ID numbers the
    registry has, whatever their forms say) and classmates up to the branch's size."""
    members, seq = [], 100
    for i, (branch, name, gender, birth, joined, post, *_rest) in enumerate(candidates, 1):
        if name != NOT_ON_ROSTER:
            members.append(_member(branch, name, gender, birth, joined, i, post,
                                   "不合格" if name == FAILED_REVIEW else "优秀", applied=True))
    for b, (branch, size) in enumerate(sizes.items()):
        have = sum(1 for c in candidates if c[0] == branch)
        for k in range(size - have):
            seq += 1
            name = _SURNAMES[(seq * 7) % len(_SURNAMES)] + _GIVEN[(seq * 5 + b) % len(_GIVEN)]
            gender = "女" if _GIVEN.index(name[1:]) % 2 else "男"
            birth = f"2004{1 + k % 12:02d}{1 + k % 27:02d}"
            members.append(_member(branch, name, gender, birth, "2019-05", seq))
    members[-1]["member_no"] = "2018" + members[-1]["member_no"][4:]  # 入团 2019, numbered 2018 (TW806)
    members[-2]["join_date"] = "2017-09"  # 13 when joining: the birth year was mistyped (TW352)
    members[-2]["member_no"] = "2017" + members[-2]["member_no"][4:]
    members[-3]["status"] = "满28周岁离团"  # not a candidate: no finding
    return members


def roster_xlsx(members: list[dict[str, Any]], title: str) -> bytes:
    """The roster as the platform exports it: a title row, then its own column names."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "团员名册"
    ws.append([title])
    ws.append(list(ROSTER_HEAD))
    keys = ("name", "gender", "ethnicity", "id_number", "birth", "join_date", "member_no", "branch", "post",
            "politics", "applied", "apply_date", "grade", "status", "phone")
    for i, m in enumerate(members, 1):
        ws.append([i, *(m[k] for k in keys)])
    for column in ("E", "H", "P"):  # long numbers stay text (no 3.2E+17)
        for cell in ws[column]:
            cell.number_format = "@"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def review(members: list[dict[str, Any]]) -> dict[str, Any]:
    """化工2202团支部's 教育评议 sheet: one party member graded although not to be (TW812)."""
    rows = [m for m in members if m["branch"] == REVIEW_BRANCH]
    out = []
    for i, m in enumerate(rows):
        grade = m["grade"] if m["grade"] == "不合格" else ("优秀" if i % 4 == 0 else "合格")
        out.append({"name": m["name"], "gender": m["gender"], "politics": m["politics"], "grade": grade, "note": ""})
    out[-1] |= {"politics": "中共预备党员", "grade": "合格"}
    return {"title": f"{REVIEW_BRANCH}2025年度团员教育评议结果表", "branch": REVIEW_BRANCH, "meeting_date": "2025-11-20",
            "expected": len(rows), "present": len(rows) - 2, "members": out, "secretary": "李思远",
            "date": "2025-11-21"}


def steps(forms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """化工2201团支部's "3+1+1" records of its two candidates."""
    out = []
    for f in forms:
        if f["branch"] != STEPS_BRANCH:
            continue
        out.append({"name": f["name"], "branch": f["branch"], "ideal_date": "2026-03-12",
                    "ideal_content": "参加“青年大学习”专题学习并撰写心得体会",
                    "exam_date": "2026-10-20" if f["name"] == EXAM_LATE else "2026-04-10", "exam_score": 86,
                    "review_date": "2025-11-20", "review_grade": "合格", "vote_date": f["vote_date"],
                    "vote_result": f"应到{f['expected']}人，实到{f['present']}人，赞成{f['votes_for']}票，通过",
                    "opinion": "该同志已完成推优前各环节，同意推荐。", "secretary": "陈雨桐", "date": "2026-10-21"})
    return out


def hours(forms: list[dict[str, Any]], tally_only: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    """生物2201团支部's 志愿服务时长记录: 黄若曦 has 12 hours (TW832); a classmate has 26
    hours on one day (TW830)."""
    plan = {"杨明轩": (8, 6, 8), "黄若曦": (6, 6), tally_only["name"]: (12, 8)}
    people = {f["name"]: f["id_number"] for f in forms} | {tally_only["name"]: tally_only["id_number"]}
    services = ("社区敬老院陪伴服务", "校运会志愿服务", "图书馆整理书架")
    rows = []
    for name, spans in plan.items():
        for k, h in enumerate(spans):
            rows.append({"name": name, "id_number": people[name], "service": services[k % 3],
                         "date": f"2026-0{3 + k}-1{k}", "hours": h, "certifier": "校青年志愿者协会"})
    classmate = next(m for m in members if m["branch"] == HOURS_BRANCH and m["name"] not in people)
    for h, service in ((14, "马拉松赛事服务"), (12, "赛后场地清理")):
        rows.append({"name": classmate["name"], "id_number": classmate["id_number"], "service": service,
                     "date": "2026-04-19", "hours": h, "certifier": "市志愿服务联合会"})
    return {"title": f"{HOURS_BRANCH}2026年志愿服务时长记录表", "unit": HOURS_BRANCH, "rows": rows,
            "filler": "黄若曦", "date": "2026-10-18"}
