"""Chinese names of categories and severities, shared by every report writer."""

from __future__ import annotations

CATEGORY_LABELS: dict[str, str] = {
    "placeholder": "占位符未替换",
    "count": "数量不符",
    "arithmetic": "计算错误",
    "vote": "表决",
    "eligibility": "资格条件",
    "id-number": "身份证号",
    "date": "日期",
    "typo": "错别字",
    "punctuation": "标点",
    "boilerplate": "模板残留",
    "duplicate": "雷同",
    "register": "登记核对",
    "format": "公文格式",
}

SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# Most serious first: sorting and summary columns follow this order.
SEVERITY_ORDER: tuple[str, ...] = ("error", "warning", "info")

STATUS_LABELS: dict[str, str] = {"ok": "已审查", "error": "无法读取", "skipped": "已跳过"}

KIND_LABELS: dict[str, str] = {
    "registration_form": "推优登记表",
    "tally": "推优汇总表",
    "register_log": "分表领取及上交登记表",
    "summary": "工作总结",
    "notice": "通知",
    "bulletin": "简报",
    "minutes": "会议记录",
    "unknown": "未识别",
}


def category_label(code: str) -> str:
    return CATEGORY_LABELS.get(code, code)


def severity_label(code: str) -> str:
    return SEVERITY_LABELS.get(code, code)


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code)


def kind_label(code: str) -> str:
    return KIND_LABELS.get(code, code)
