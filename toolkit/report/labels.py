"""Chinese names of categories and severities, shared by every report writer."""

from __future__ import annotations

from .. import kinds
from ..check.categories import CATEGORIES

CATEGORY_LABELS: dict[str, str] = {c.name: c.label for c in CATEGORIES}

SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}

# Most serious first: sorting and summary columns follow this order.
SEVERITY_ORDER: tuple[str, ...] = ("error", "warning", "info")

STATUS_LABELS: dict[str, str] = {"ok": "已审查", "error": "无法读取", "skipped": "已跳过"}
# convert only reads a file: 已审查 would claim an inspection it did not make
READ_STATUS_LABELS: dict[str, str] = STATUS_LABELS | {"ok": "已读取"}


def category_label(code: str) -> str:
    return CATEGORY_LABELS.get(code, code)


def severity_label(code: str) -> str:
    return SEVERITY_LABELS.get(code, code)


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code)


def read_status_label(code: str) -> str:
    return READ_STATUS_LABELS.get(code, code)


def kind_label(code: str) -> str:
    return kinds.label(code)
