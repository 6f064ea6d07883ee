"""``tuanwen check`` and ``tuanwen rules`` through the CLI: the JSON contract,
exit codes, rule selection, bad files, and a realistic round."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main
from rounds.build_round import build_round
from rounds.helpers import write_docx

CONTRACT_LOCATION = {"page", "paragraph", "table", "row", "col"}
KINDS = {"registration_form", "tally", "register_log", "summary", "notice", "bulletin", "minutes", "unknown"}


@pytest.fixture(scope="module")
def planted_round(tmp_path_factory):
    out = tmp_path_factory.mktemp("round")
    planted = build_round(out, n_branches=8, plant=True)
    return out, planted


@pytest.fixture(scope="module")
def clean_round(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    build_round(out, n_branches=8, plant=False)
    return out


def _run(*args):
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    return result


def _json(*args):
    result = _run(*args, "--format", "json", "--jobs", "2")
    return result.exit_code, json.loads(result.stdout)


def test_planted_mistakes_all_found(planted_round):
    out, planted = planted_round
    code, data = _json(out)
    assert code == 1
    found: dict[str, set[str]] = {}
    for f in data["findings"]:
        found.setdefault(f["file"].rsplit("/", 1)[-1], set()).add(f["rule"])
    for name, codes in planted.items():
        assert codes <= found.get(name, set()), (name, codes, found.get(name))
    # Every category the inspector owns is among the planted mistakes.
    categories = {f["category"] for f in data["findings"]}
    assert {"placeholder", "count", "arithmetic", "vote", "eligibility", "id-number", "date", "punctuation",
            "format", "register"} <= categories
    # No error beyond what was planted.
    for f in data["findings"]:
        name = f["file"].rsplit("/", 1)[-1]
        if f["severity"] == "error":
            assert f["rule"] in planted.get(name, set()), f


def test_clean_round_has_no_findings(clean_round):
    code, data = _json(clean_round)
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert data["findings"] == [], data["findings"]
    assert code == 0
    assert all(f["status"] == "ok" for f in data["files"])
    kinds = {f["file"].rsplit("/", 1)[-1].split("_")[0]: f["kind"] for f in data["files"]}
    assert kinds["登记表"] == "registration_form" and kinds["总结"] == "summary" and kinds["通知"] == "notice"


def test_json_matches_contract(planted_round):
    out, _ = planted_round
    _, data = _json(out)
    assert set(data) == {"files", "findings"}
    for f in data["files"]:
        assert set(f) <= {"file", "kind", "status", "error"} and f["kind"] in KINDS
        assert f["file"].startswith(str(out))
    for f in data["findings"]:
        assert set(f) == {"file", "rule", "category", "severity", "message", "location", "excerpt"}
        assert set(f["location"]) == CONTRACT_LOCATION
        assert f["severity"] in ("error", "warning", "info")
        assert f["message"] and len(f["excerpt"]) <= 90
        assert f["location"]["paragraph"] or f["location"]["table"]
    # ID numbers masked by default, shown with --show-pii.
    assert "********" in json.dumps([f for f in data["findings"] if f["rule"] == "TW402"], ensure_ascii=False)


def test_register_option_and_kinds(planted_round, tmp_path):
    out, _ = planted_round
    forms = sorted(out.glob("登记表_*.docx"))
    code, data = _json(*forms, "--register", out / "推优汇总表.docx", "--register", out / "分表领取登记表.docx")
    kinds = {f["file"].rsplit("/", 1)[-1]: f["kind"] for f in data["files"]}
    assert kinds["推优汇总表.docx"] == "tally" and kinds["分表领取登记表.docx"] == "register_log"
    rules = {f["rule"] for f in data["findings"]}
    assert {"TW701", "TW703", "TW705"} <= rules


def test_select_and_ignore(planted_round):
    out, _ = planted_round
    _, data = _json(out, "--select", "TW3,eligibility")
    assert {f["category"] for f in data["findings"]} <= {"vote", "eligibility"} and data["findings"]
    _, data = _json(out, "--select", "format", "--ignore", "TW601,TW602")
    assert data["findings"] == []
    _, data = _json(out, "--select", "format")
    assert {f["rule"] for f in data["findings"]} == {"TW601", "TW602"}
    result = _run(out, "--select", "TW999")
    assert result.exit_code == 2 and "没有剩下任何规则" in result.output


def test_bad_files_are_reported_and_batch_goes_on(tmp_path):
    good = write_docx(tmp_path / "总结_化工2201团支部.docx", ["化工2201团支部工作总结", "全体团员积极参与,气氛热烈。"])
    (tmp_path / "登记表_损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "照片.docx").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    code, data = _json(tmp_path)
    status = {f["file"].rsplit("/", 1)[-1]: f for f in data["files"]}
    assert status["登记表_损坏.docx"]["status"] == "error" and status["登记表_损坏.docx"]["error"]
    assert status["照片.docx"]["status"] == "error"  # a picture, read by OCR: this one is broken
    assert status[good.name]["status"] == "ok"
    assert code == 0  # only a warning on the readable file
    assert [f["rule"] for f in data["findings"]] == ["TW551"]


def test_mislabelled_file_is_read_and_reported(tmp_path):
    (tmp_path / "总结_生物2201团支部.docx").write_text("生物2201团支部工作总结\n全体团员积极参与。\n", encoding="utf-8")
    (tmp_path / "总结_化工2201团支部.txt").write_text("化工2201团支部工作总结\n全体团员积极参与。\n", encoding="utf-8")
    code, data = _json(tmp_path)
    assert {f["file"].rsplit("/", 1)[-1]: f["status"] for f in data["files"]} == {
        "总结_生物2201团支部.docx": "ok", "总结_化工2201团支部.txt": "ok"}
    found = [(f["file"].rsplit("/", 1)[-1], f["rule"]) for f in data["findings"]]
    assert found == [("总结_生物2201团支部.docx", "TW620")]
    assert "扩展名为 .docx" in data["findings"][0]["message"]


def test_exit_code_2_when_nothing_readable(tmp_path):
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04 broken")
    result = _run(tmp_path / "坏.docx", "--format", "json")
    assert result.exit_code == 2


def test_reports_to_files_and_annotate(planted_round, tmp_path):
    out, _ = planted_round
    result = _run(out, "--format", "xlsx", "-o", tmp_path / "报告.xlsx", "--annotate", tmp_path / "批注", "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert (tmp_path / "报告.xlsx").stat().st_size > 0
    assert list((tmp_path / "批注").glob("*.docx"))
    assert "报告已写入" in result.stderr


def test_config_file(planted_round, tmp_path):
    out, planted = planted_round
    form = out / next(name for name, codes in planted.items() if "TW351" in codes)
    cfg = tmp_path / "tuanwen.toml"
    cfg.write_text("[eligibility]\nmin_age = 16\n", encoding="utf-8")
    _, data = _json(form, "--select", "TW351", "--config", cfg)
    assert data["findings"] == []
    _, data = _json(form, "--select", "TW351")
    assert len(data["findings"]) == 1


def test_rules_command():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["代码", "类别", "级别"]
    for code in ("TW101", "TW201", "TW251", "TW301", "TW351", "TW401", "TW451", "TW551", "TW601", "TW701"):
        assert any(line.startswith(code) for line in lines), code


def test_paragraph_numbers_count_blank_paragraphs_as_python_docx_does(tmp_path):
    import docx

    d = docx.Document()
    for text in ["化工2201团支部推优工作总结", "", "本支部认真开展推优工作。", "   ", "推优对彖经支部大会表决产生。"]:
        d.add_paragraph(text)
    d.save(tmp_path / "总结.docx")
    code, data = _json(tmp_path / "总结.docx")
    [finding] = [f for f in data["findings"] if f["rule"] == "TW500"]
    expected = next(i for i, p in enumerate(docx.Document(tmp_path / "总结.docx").paragraphs, 1) if "对彖" in p.text)
    assert finding["location"]["paragraph"] == expected == 5
