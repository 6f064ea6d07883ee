"""Citizen ID numbers (TW400–TW449), GB 11643-1999, against the form."""

from __future__ import annotations

from typing import Iterator

from ...cn.idcard import IdInfo, check_char, parse_id
from ...model import Record
from ..config import Config
from ..engine import Hit, Submission, rule
from ..text import record_excerpt, to_date, who, where


def _ids(sub: Submission) -> Iterator[tuple[Record, IdInfo]]:
    for rec in sub.extraction.records:
        number = str(rec.values.get("身份证号") or "")
        if sum(ch.isdigit() for ch in number) >= 6:  # not 无, 见附件 or a template marker
            yield rec, parse_id(number)


def _hit(rec: Record, message: str, *keys: str, severity: str | None = None) -> Hit:
    return Hit(f"{who(rec)}{message}", where(rec, "身份证号"), record_excerpt(rec, ("身份证号", *keys)), severity)


@rule("TW401", "id-number", "error", "身份证号格式错误")
def malformed(sub: Submission, config: Config) -> Iterator[Hit]:
    """An ID number that is not 17 digits and a digit or X, or whose birth digits
    are not a date.

    Why: a number with a missing or extra digit cannot identify the member and
    will be rejected by the 智慧团建 system. Example: ``11010120040506109``
    (17 characters). Source: GB 11643-1999.
    """
    for rec, info in _ids(sub):
        if not info.well_formed:
            yield _hit(rec, f"身份证号“{info.number}”有{len(info.number)}位，应为18位（17位数字加1位数字或X）")
        elif info.birth is None:
            yield _hit(rec, f"身份证号中的出生日期“{info.number[6:14]}”不是有效日期")


@rule("TW402", "id-number", "error", "身份证号校验位错误")
def check_character(sub: Submission, config: Config) -> Iterator[Hit]:
    """An ID number whose 18th character does not match the check character
    computed from the first 17 digits (ISO 7064 MOD 11-2).

    Why: a wrong check character almost always means a mistyped digit.
    Example: ``110101200405061091`` where the check character should be 0.
    Source: GB 11643-1999.
    """
    for rec, info in _ids(sub):
        if info.well_formed and not info.check_ok:
            yield _hit(rec, f"身份证号校验位应为{check_char(info.number[:17])}，实为{info.number[17]}，号码可能有误")


@rule("TW403", "id-number", "error", "身份证号中的出生日期与表中出生日期不符")
def birth_mismatch(sub: Submission, config: Config) -> Iterator[Hit]:
    """The birth date in the ID number against the form's 出生日期, compared at
    the form's precision (``2004年5月`` matches ``20040506``).

    Why: one of the two was mistyped, and the age checks depend on it.
    Source: GB 11643-1999 (digits 7–14 are the birth date).
    """
    for rec, info in _ids(sub):
        form = to_date(rec.values.get("出生日期"))
        if not info.birth or not form or not form.valid:
            continue
        mine = (info.birth.year, info.birth.month if form.month else None, info.birth.day if form.day else None)
        if mine != (form.year, form.month, form.day):
            yield _hit(rec, f"身份证号中的出生日期为{info.birth}，表中出生日期为{form}，二者不符", "出生日期")


@rule("TW404", "id-number", "error", "身份证号中的性别与表中性别不符")
def gender_mismatch(sub: Submission, config: Config) -> Iterator[Hit]:
    """The gender digit (17th, odd for men, even for women) against 性别.

    Why: a mismatch means a mistyped number or gender. Source: GB 11643-1999.
    """
    for rec, info in _ids(sub):
        gender = str(rec.values.get("性别") or "").strip()
        if info.well_formed and gender in ("男", "女") and info.gender != gender:
            yield _hit(rec, f"身份证号第17位表示性别为{info.gender}，表中性别为{gender}", "性别")


@rule("TW405", "id-number", "warning", "身份证号地区码不存在")
def area_code(sub: Submission, config: Config) -> Iterator[Hit]:
    """The first two digits are not a province-level code in use (GB/T 2260).

    Why: usually a mistyped first digit. A warning: the list of codes is
    coarse (province level only). Example: ``990101…``. Source: GB/T 2260.
    """
    for rec, info in _ids(sub):
        if info.well_formed and info.check_ok and not info.area_ok:
            yield _hit(rec, f"身份证号前两位“{info.number[:2]}”不是有效的省级行政区划代码")
