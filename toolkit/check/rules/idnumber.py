"""Citizen ID numbers (TW400–TW449), GB 11643-1999, against the form."""

from __future__ import annotations

from typing import Iterator

from ...cn.idcard import IdInfo, check_char, parse_id
from ...model import Record
from ...config import Config
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
    """检查：身份证号不是17位数字加一位数字或X，或其中的出生日期不是真实日期。
    原因：多一位或少一位的号码无法确认身份，智慧团建系统也会拒收。
    示例：“11010120040506109”（只有17位）。
    依据：GB 11643-1999《公民身份号码》。
    """
    for rec, info in _ids(sub):
        if not info.well_formed:
            yield _hit(rec, f"身份证号“{info.number}”有{len(info.number)}位，应为18位（17位数字加1位数字或X）")
        elif info.birth is None:
            yield _hit(rec, f"身份证号中的出生日期“{info.number[6:14]}”不是有效日期")


@rule("TW402", "id-number", "error", "身份证号校验位错误")
def check_character(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：身份证号第18位与由前17位算出的校验码（ISO 7064 MOD 11-2）不符。
    原因：校验码不符几乎总是某一位数字录错了。
    示例：“110101200405061091”，校验码应为0。
    依据：GB 11643-1999《公民身份号码》。
    """
    for rec, info in _ids(sub):
        if info.well_formed and not info.check_ok:
            yield _hit(rec, f"身份证号校验位应为{check_char(info.number[:17])}，实为{info.number[17]}，号码可能有误")


@rule("TW403", "id-number", "error", "身份证号中的出生日期与表中出生日期不符")
def birth_mismatch(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：身份证号中的出生日期与表中出生日期不符，按表中的精度比较（“2004年5月”与“20040506”相符）。
    原因：两者必有一个录错，而年龄检查依赖出生日期。
    示例：出生日期“2004年6月”，身份证号“110101200405061090”。
    依据：GB 11643-1999《公民身份号码》（第7–14位为出生日期）。
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
    """检查：身份证号的性别位（第17位，奇数为男、偶数为女）与表中性别不符。
    原因：号码或性别有一个录错。
    示例：性别“女”，身份证号第17位为9。
    依据：GB 11643-1999《公民身份号码》。
    """
    for rec, info in _ids(sub):
        gender = str(rec.values.get("性别") or "").strip()
        if info.well_formed and gender in ("男", "女") and info.gender != gender:
            yield _hit(rec, f"身份证号第17位表示性别为{info.gender}，表中性别为{gender}", "性别")


@rule("TW405", "id-number", "warning", "身份证号地区码不存在")
def area_code(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：身份证号前两位不是现行的省级行政区划代码。
    原因：通常是第一位数字录错；代码表只到省级，比较粗，所以报警告。
    示例：身份证号“990101……”，没有代码为99的省级行政区。
    依据：GB/T 2260《中华人民共和国行政区划代码》。
    """
    for rec, info in _ids(sub):
        if info.well_formed and info.check_ok and not info.area_ok:
            yield _hit(rec, f"身份证号前两位“{info.number[:2]}”不是有效的省级行政区划代码")
