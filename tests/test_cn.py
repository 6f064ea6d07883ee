"""Chinese helpers: numerals, dates, ID numbers, masking, text clean-up."""

import pytest

from toolkit.cn.dates import age_at, format_cn_date, full_dates, normalize_date, parse_date
from toolkit.cn.idcard import make_id, parse_id
from toolkit.cn.numbers import cn_to_int, int_to_cn
from toolkit.cn.pii import mask_pii
from toolkit.cn.text import map_radicals, squeeze_cjk_spaces
from toolkit.files import inside, safe_filename


@pytest.mark.parametrize("text,expected", [
    ("2004.05", "2004-05"), ("2004年5月", "2004-05"), ("2004-05", "2004-05"),
    ("二〇〇四年五月", "2004-05"), ("2004/5/3", "2004-05-03"), ("２００４年５月３日", "2004-05-03"),
    ("20040503", "2004-05-03"), ("2004年", "2004"), ("无", None), ("", None),
])
def test_normalize_date(text, expected):
    assert normalize_date(text) == expected


def test_impossible_date_is_parsed_but_invalid():
    d = parse_date("2026年9月31日")
    assert d is not None and not d.valid


@pytest.mark.parametrize("text,expected", [
    ("签字：二〇二五年十月二十二日", ["2025-10-22"]), ("２０２５年１０月２２日", ["2025-10-22"]),
    ("2025.10.22 填表 2025年11月3日", ["2025-10-22", "2025-11-03"]),
    ("2025年10月", []), ("2025年9月31日", []), ("手机13920251012", []), ("10月22日", []),
])
def test_full_dates_in_any_spelling(text, expected):
    assert [d.iso() for d in full_dates(text)] == expected


@pytest.mark.parametrize("typed", ["阿依古丽·买买提", "阿依古丽•买买提", "阿依古丽・买买提", "阿依古丽．买买提",
                                   "阿依古丽.买买提", "阿依古丽 · 买买提", "阿依古丽‧买买提"])
def test_a_minority_name_with_any_dot_is_one_name(typed):
    from toolkit.extract.normalize import normalize

    assert normalize("姓名", typed) == "阿依古丽·买买提"


@pytest.mark.parametrize("text", ["A.B", "2025.10", "张三", "王　芳"])
def test_dots_outside_a_name_are_kept(text):
    from toolkit.cn.names import unify_name_dots

    assert unify_name_dots(text) == text


def test_format_cn_date_has_no_leading_zeros():
    assert format_cn_date("2026-01-09") == "2026年1月9日"


def test_age_at_counts_whole_years():
    assert age_at("2004-05-06", "2022-05-05") == 17
    assert age_at("2004-05-06", "2022-05-06") == 18


@pytest.mark.parametrize("text,n", [("32", 32), ("三十二人", 32), ("五名", 5), ("２８", 28), ("十", 10), ("二〇二六", 2026)])
def test_cn_to_int(text, n):
    assert cn_to_int(text) == n


def test_int_to_cn():
    assert [int_to_cn(i) for i in (1, 10, 12, 25)] == ["一", "十", "十二", "二十五"]


def test_id_number_roundtrip_and_check_char():
    number = make_id("110101", "20040506", 54, male=False)
    info = parse_id(number)
    assert info.check_ok and info.gender == "女" and info.birth.iso() == "2004-05-06"
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    assert not parse_id(bad).check_ok


def test_mask_pii():
    assert mask_pii("身份证110101200405061090，电话13812345678") == "身份证110101********1090，电话138****5678"


def test_text_cleanup():
    assert map_radicals("⽣活") == "生活"
    assert squeeze_cjk_spaces("共 32 人 参加") == "共32人参加"


def test_safe_filename_cannot_escape(tmp_path):
    assert "/" not in safe_filename("../../etc/passwd")
    assert inside(tmp_path, "../x.docx").parent == tmp_path.resolve()
    assert inside(tmp_path, "..").parent == tmp_path.resolve()
