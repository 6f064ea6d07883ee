"""公文 layout of a submitted 通知 read from the .docx XML (TW607–TW611) against
the GB/T 9704-2012 table that the templates are built with."""

from __future__ import annotations

import random
from datetime import date

import pytest

from rounds.helpers import NOTICE_DEVIATIONS, check, gongwen_docx, write_docx
from rounds.varied import _town, notice_lines
from toolkit.cn import gbt9704
from toolkit.read.docx_layout import read_layout

LINES = notice_lines(_town(random.Random(3)), "滨开团发〔2026〕5号", date(2026, 10, 8))
LAYOUT_RULES = "TW607,TW608,TW609,TW610,TW611"


def _codes(findings) -> set[str]:
    return {f.rule for f in findings}


def test_our_generated_notice_passes(tmp_path):
    """The built-in template rendered by ``generate`` with its example data."""
    from toolkit.app.generate import generate_command
    from toolkit.render.schema import load_schema
    import yaml

    data = tmp_path / "notice.yaml"
    data.write_text(yaml.safe_dump([{f.name: f.example for f in load_schema("notice").fields}], allow_unicode=True),
                    encoding="utf-8")
    made = generate_command("notice", data, tmp_path / "out", force=True)
    layout = read_layout(str(made[0]))
    assert layout.page_numbers
    assert all(abs(layout.margins_mm[k] - v) < 0.1 for k, v in gbt9704.MARGINS_MM.items())
    assert _codes(check(made, "format")) == set()


def test_conforming_notice_built_directly_passes(tmp_path):
    path = tmp_path / "通知.docx"
    gongwen_docx(path, LINES)
    assert _codes(check([path], "format")) == set()


EXPECTED = {"page-size": ("TW607", "warning"), "margins": ("TW608", "warning"), "body-font": ("TW609", "warning"),
            "title-font": ("TW610", "warning"), "no-page-number": ("TW611", "warning")}


@pytest.mark.parametrize("deviation", NOTICE_DEVIATIONS)
def test_deviating_notice_fails(tmp_path, deviation):
    path = tmp_path / "通知.docx"
    gongwen_docx(path, LINES, deviation)
    found = [(f.rule, f.severity) for f in check([path], LAYOUT_RULES)]
    assert found == [EXPECTED[deviation]]


def test_messages_name_what_and_expected(tmp_path):
    path = tmp_path / "通知.docx"
    gongwen_docx(path, LINES, "body-font")
    (finding,) = check([path], "TW609")
    assert "宋体" in finding.message and "仿宋" in finding.message and "16磅" in finding.message
    assert finding.location.paragraph is not None


def test_informal_notice_without_doc_number_is_not_judged(tmp_path):
    """A branch's own notice (no 发文字号, python-docx's Letter page, no footer) is no 公文."""
    path = write_docx(tmp_path / "通知.docx", ["关于召开团员大会的通知", "各位团员：", "定于周五下午召开团员大会。",
                                               "特此通知。", "会计2302团支部", "2026年10月9日"])
    assert _codes(check([path], LAYOUT_RULES)) == set()


def test_unreadable_layout_is_silent(tmp_path):
    from toolkit.read.docx_layout import read_layout as rl

    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    assert rl(str(bad)) is None
