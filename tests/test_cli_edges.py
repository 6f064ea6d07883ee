"""CLI edges of ``tuanwen check``: exit-code policy (--exit-zero, --fail-on), --quiet."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import main

WARNING_ONLY = "关于开展主题团日活动的工作总结\n本学期团支部全体团员认真的学习了团的知识。\n"  # TW504 的/地
WITH_ERROR = "关于开展主题团日活动的工作总结\n希望全体团员再接再励，争取更好成绩。\n"  # TW500 lexicon


@pytest.fixture
def files(tmp_path):
    (tmp_path / "warn.txt").write_text(WARNING_ONLY, encoding="utf-8")
    (tmp_path / "err.txt").write_text(WITH_ERROR, encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return tmp_path


def _check(*args):
    return CliRunner().invoke(main, ["check", *map(str, args), "--jobs", "1"])


@pytest.mark.parametrize("name, extra, code", [
    ("warn.txt", [], 0),
    ("warn.txt", ["--fail-on", "error"], 0),
    ("warn.txt", ["--fail-on", "warning"], 1),
    ("err.txt", [], 1),
    ("err.txt", ["--fail-on", "warning"], 1),
    ("err.txt", ["--exit-zero"], 0),
    ("err.txt", ["--exit-zero", "--fail-on", "warning"], 0),
    ("broken.docx", ["--exit-zero"], 2),  # nothing could be read: still 2
])
def test_exit_code_policy(files, name, extra, code):
    result = _check(files / name, *extra)
    assert result.exit_code == code, result.output


def test_fail_on_refuses_other_levels(files):
    result = _check(files / "warn.txt", "--fail-on", "info")
    assert result.exit_code == 2 and "错误" in result.output


def test_quiet_drops_summary_but_writes_report(files, tmp_path):
    out = tmp_path / "报告.json"
    loud = _check(files / "err.txt", "--format", "json", "-o", out)
    assert "审查了" in loud.stderr
    out.unlink()
    quiet = _check(files / "err.txt", "--format", "json", "-o", out, "--quiet")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    assert '"severity": "error"' in out.read_text(encoding="utf-8")
