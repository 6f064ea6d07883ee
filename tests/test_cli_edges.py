"""CLI edges of ``tuanwen check`` and ``convert``: exit-code policy (--exit-zero, --fail-on), --quiet,
a .zip of submissions read as a folder."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from cli import main
from toolkit.read import archive

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


# --- a .zip of submissions, read as a folder -----------------------------------------------------

def _gbk_zip(path, name: str, data: bytes) -> None:
    """A zip as QQ/Windows Explorer make it: the member name in GBK bytes, no UTF-8 flag."""
    raw = name.encode("gbk")
    placeholder = "x" * len(raw)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(placeholder, data)
    blob = path.read_bytes().replace(placeholder.encode(), raw)
    path.write_bytes(blob)
    assert not zipfile.ZipFile(path).infolist()[0].flag_bits & 0x800


def _json(*args):
    import json

    result = _check(*args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_zip_members_are_read_as_a_folder(tmp_path):
    sub = tmp_path / "收到的材料.zip"
    with zipfile.ZipFile(sub, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("化工2201/总结.txt", WITH_ERROR)
        z.writestr("tuanwen.toml", "[tuiyou]\nmax_share = 0.3\n")
        z.writestr("__MACOSX/化工2201/._总结.txt", b"\0")
    code, data = _json(sub)
    files = {f["file"]: f for f in data["files"]}
    member = f"{sub}/化工2201/总结.txt"
    assert files[member]["status"] == "ok" and files[member]["kind"] == "summary"
    assert files[f"{sub}/tuanwen.toml"]["status"] == "skipped"
    assert files[f"{sub}/__MACOSX/化工2201/._总结.txt"]["status"] == "skipped"
    assert code == 1 and {f["file"] for f in data["findings"]} == {member}
    assert {f["rule"] for f in data["findings"]} >= {"TW500"} and not any(f["rule"] == "TW620" for f in data["findings"])


def test_zip_names_in_gbk_are_decoded(tmp_path):
    sub = tmp_path / "qq.zip"
    _gbk_zip(sub, "团支部/登记表.txt", WARNING_ONLY.encode("utf-8"))
    code, data = _json(sub)
    assert [f["file"] for f in data["files"]] == [f"{sub}/团支部/登记表.txt"]


def test_zip_slip_members_are_refused(tmp_path):
    sub = tmp_path / "evil.zip"
    with zipfile.ZipFile(sub, "w") as z:
        z.writestr("../../逃逸.txt", WARNING_ONLY)
        z.writestr("/etc/绝对.txt", WARNING_ONLY)
        link = zipfile.ZipInfo("链接.txt")
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/passwd")
        z.writestr("正常.txt", WARNING_ONLY)
    code, data = _json(sub)
    status = {f["file"].removeprefix(f"{sub}/"): f for f in data["files"]}
    assert status["正常.txt"]["status"] == "ok"
    for name in ("../../逃逸.txt", "etc/绝对.txt", "链接.txt"):  # shown as evil.zip/etc/绝对.txt
        assert status[name]["status"] == "skipped" and "不安全" in status[name]["error"], name
    assert not (tmp_path.parent / "逃逸.txt").exists() and not (tmp_path / "逃逸.txt").exists()


def test_zip_bombs_and_corrupt_zips_are_reported(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", b"0" * (8 * 2**20))
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(archive.MAX_MEMBERS + 1):
            z.writestr(f"{i}.txt", b"")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bomb.read_bytes()[:200])
    (tmp_path / "ok.txt").write_text(WARNING_ONLY, encoding="utf-8")
    code, data = _json(tmp_path)
    status = {f["file"]: f for f in data["files"]}
    assert status[str(bomb)]["status"] == "error" and "压缩炸弹" in status[str(bomb)]["error"]
    assert status[str(many)]["status"] == "error" and "过多" in status[str(many)]["error"]
    assert status[str(broken)]["status"] == "error" and "损坏" in status[str(broken)]["error"]
    assert status[str(tmp_path / "ok.txt")]["status"] == "ok" and code == 0


def test_convert_reads_zip_members(tmp_path):
    import json

    sub = tmp_path / "in.zip"
    with zipfile.ZipFile(sub, "w") as z:
        z.writestr("一/总结.txt", WARNING_ONLY)
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["convert", str(sub), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert [r["文件"] for r in json.loads(out.read_text(encoding="utf-8"))] == [f"{sub}/一/总结.txt"]


def test_member_names_decode_property():
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.text(alphabet="团支部登记表总结化工生物二零一abc_-. ", min_size=1, max_size=20))
    def roundtrip(name):
        info = zipfile.ZipInfo(name.encode("gbk").decode("cp437"))
        assert archive.member_name(info) == name

    roundtrip()


# --- tuanwen.toml validated ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("[eligibility]\nmin_agee = 16\n", ["min_agee", "是不是“min_age”"]),
    ("[eligibility]\nmax_age = \"28\"\n", ["max_age", "应为整数", '"28"']),
    ("[tuiyou]\nmax_share = \"两成\"\n", ["max_share", "应为数字"]),
    ("[vote]\nmajority_base = \"到会\"\n", ["majority_base", "应到 或 实到"]),
    ("[dupe]\nthreshold = 0.9\n", ["[dupe]", "duplicate"]),
    ("min_age = 16\n", ["min_age", "“[eligibility]”"]),
    ("[eligibility]\nmin_age = 16 17\n", ["第 2 行第 14 列", "语法错误"]),
])
def test_bad_config_is_refused_in_chinese(files, tmp_path, text, expected):
    cfg = tmp_path / "tuanwen.toml"
    cfg.write_text(text, encoding="utf-8")
    result = _check(files / "warn.txt", "--config", cfg)
    assert result.exit_code == 2 and "Traceback" not in result.output
    for words in expected:
        assert words in result.stderr, (words, result.stderr)
    assert not any(w in result.stderr for w in ("Expected", "Invalid", "line"))


def test_good_config_passes_and_every_default_validates(files, tmp_path):
    from toolkit.config import Config, validate

    assert validate(Config().to_dict()) == []
    assert validate({"tuiyou": {"max_share": 1}, "vote": {"majority_base": "实到"}}) == []  # int where a share is
    cfg = tmp_path / "tuanwen.toml"
    cfg.write_text("[eligibility]\nmin_age = 16\n[date]\ntoday = \"2026-11-22\"\n", encoding="utf-8")
    assert _check(files / "warn.txt", "--config", cfg).exit_code == 0


def test_config_inside_a_checked_folder_is_not_a_submission(files):
    (files / "tuanwen.toml").write_text("[eligibility]\nmin_age = 16\n", encoding="utf-8")
    code, data = _json(files)
    entry = next(f for f in data["files"] if f["file"].endswith("tuanwen.toml"))
    assert entry["status"] == "skipped" and not any(f["file"] == entry["file"] for f in data["findings"])


# --- automatic --jobs ----------------------------------------------------------------------------

@pytest.mark.parametrize("cores, items, expected", [
    (2, 15, 1),  # a small round runs in one process
    (2, 1, 1),
    (2, 0, 1),
    (2, 32, 2),
    (2, 2000, 2),  # never more than the cores
    (8, 40, 2),  # never more than the work pays for
    (1, 500, 1),
])
def test_default_jobs_from_files_and_cores(monkeypatch, cores, items, expected):
    from toolkit import batch

    monkeypatch.setattr(batch.os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert batch.default_jobs(items) == expected
    assert batch.default_jobs() == cores
