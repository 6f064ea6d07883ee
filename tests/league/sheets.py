"""Score and progress sheets (积分表, 百分考核表, 建团进度表) written as real .docx and
.xlsx in the layouts branches use, clean by default; tests change one cell to plant a mistake."""

from __future__ import annotations

from pathlib import Path

import docx
from openpyxl import Workbook

Rows = list[list[object]]


def write_docx(path: Path, before: list[str], rows: Rows, after: list[str] = (), extra: Rows | None = None) -> Path:
    """Paragraphs, a table (first row the header), optionally a second table, paragraphs."""
    d = docx.Document()
    for text in before:
        d.add_paragraph(text)
    for table in (rows, extra) if extra else (rows,):
        t = d.add_table(rows=len(table), cols=len(table[0]))
        t.style = "Table Grid"
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = "" if value is None else str(value)
    for text in after:
        d.add_paragraph(text)
    d.save(path)
    return path


def write_xlsx(path: Path, title: str, rows: Rows, after: list[str] = (), sheet: str = "Sheet1") -> Path:
    """A title row merged across, the header and data rows (numbers stay numbers), notes below."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    width = len(rows[0])
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for row in rows:
        ws.append(list(row))
    for text in after:
        ws.append([text])
    wb.save(path)
    return path


# --- 积分表 ----------------------------------------------------------------
ITEM_HEAD = ["序号", "类别", "评价项目", "评分方式", "分值", "评价", "得分"]


def item_rows() -> Rows:
    """One member's 三亮三比 sheet: yes/no, A–D and ※ (负面清单) items, 加分, 合计 (total 90 of 100)."""
    return [ITEM_HEAD,
            [1, "亮身份", "佩戴团徽、亮明团员身份", "是否", 10, "是", 10],
            [2, "亮身份", "按时交纳团费", "是否", 10, "是", 10],
            [3, "比学习", "参加“青年大学习”", "ABCD", 20, "B", 12],
            [4, "比学习", "参加团课和主题团日", "ABCD", 20, "A", 20],
            [5, "比服务", "志愿服务", "ABCD", 20, "A", 20],
            [6, "比作为", "岗位建功", "ABCD", 10, "C", 4],
            [7, "负面清单", "※无故不参加组织生活", "是否", 10, "是", 10],
            [8, "加分项", "加分（经团支部审批）", "", "", "", 4],
            ["合计", "", "", "", "", "", 90]]


MEMBER_HEAD = ["序号", "姓名", "第一季度", "第二季度", "第三季度", "第四季度", "加分", "年度积分", "负面清单", "等次", "排名",
               "是否推优"]


def member_rows() -> Rows:
    """A branch's annual 积分汇总表 (full marks 100, 加分 included in 年度积分)."""
    return [MEMBER_HEAD,
            [1, "王子涵", 23, 24, 22, 24, 3, 96, "无", "优秀", 1, "是"],
            [2, "陈雨桐", 22, 23, 23, 22, 0, 90, "无", "优秀", 2, "是"],
            [3, "刘一诺", 20, 19, 21, 20, 0, 80, "无", "良好", 3, "否"],
            [4, "赵景行", 18, 20, 19, 21, 0, 78, "无", "良好", 4, "否"],
            [5, "孙若溪", 15, 16, 14, 17, 0, 62, "受到警告处分", "合格", 5, "否"]]


# --- 百分考核表 --------------------------------------------------------------
ASSESS_HEAD = ["序号", "考核项目", "具体要求", "分值", "评分标准", "自查得分", "检查得分"]


def assessment_rows(scores: tuple[float, ...] = (18, 14, 19, 13, 9, 9)) -> Rows:
    maxima = (20, 15, 20, 15, 15, 15)
    names = ("思想引领", "组织建设", "团员发展", "“三会两制一课”", "志愿服务", "基础台账")
    rows: Rows = [ASSESS_HEAD]
    for i, (name, top, got) in enumerate(zip(names, maxima, scores), 1):
        rows.append([i, name, f"按要求完成{name}工作", top, "未完成一项扣2分，扣完为止", got, got])
    rows.append(["合计", "", "", sum(maxima), "", sum(scores), sum(scores)])
    return rows


# --- 建团进度表 --------------------------------------------------------------
ORG_HEAD = ["序号", "团组织名称", "组织类型", "成立时间", "团员人数"]


def org_rows(n: int = 12) -> Rows:
    """``n`` organisations: eight built before 10月17日, the rest in the week to 10月23日."""
    kinds = ("村团支部", "企业团支部", "社区团支部", "青年社会组织团支部")
    rows: Rows = [ORG_HEAD]
    for i in range(1, n + 1):
        day = 8 + i if i <= 8 else 17 + (i - 8)
        rows.append([i, f"青山第{i}{kinds[i % 4]}", kinds[i % 4].removesuffix("团支部"), f"2026-10-{day:02d}", 5 + i % 3])
    return rows


TOWN_HEAD = ["序号", "乡镇", "目标数", "上周累计", "本周新建", "累计建成", "完成率", "差额", "进度情况"]


def town_rows() -> Rows:
    return [TOWN_HEAD,
            [1, "湖坊镇", 20, 8, 4, 12, "60%", 8, "正常"],
            [2, "罗家镇", 20, 10, 5, 15, "75%", 5, "正常"],
            [3, "塘山镇", 20, 20, 2, 22, "110%", 0, "已完成"]]
