"""tuanwen.toml for the League sheets: [points], [assessment], [build_progress] are
known sections whose bands and checkpoints are checked item by item, in Chinese."""

from __future__ import annotations

from toolkit.config import Config, validate
from toolkit.cn.progress import parse_checkpoints
from toolkit.cn.scoring import band_of, parse_bands


def test_defaults_are_valid_and_round_trip():
    written = {k: Config().to_dict()[k] for k in ("points", "assessment", "build_progress")}
    assert not validate(written)
    assert Config.from_dict(written) == Config()
    assert Config().build_progress.target == 20 and Config().points.extra_cap == 0.1


def test_bad_band_and_checkpoint_named():
    problems = validate({"points": {"bands": ["优秀:90", "良好七十五"]},
                         "build_progress": {"checkpoints": ["10月15日:50%"], "targett": 20}})
    text = "\n".join(problems)
    assert "“良好七十五”应写成“等次:最低分数”" in text
    assert "“10月15日:50%”应写成“日期:百分比”" in text
    assert "是不是“target”" in text


def test_bands_and_checkpoints_parse():
    bands = parse_bands(["合格:60", "优秀:90", "不合格:0", "良好:75"])
    assert [b.name for b in bands] == ["优秀", "良好", "合格", "不合格"]
    assert band_of(89.5, 100, bands) == "良好" and band_of(90, 100, bands) == "优秀" and band_of(45, 50, bands) == "优秀"
    cps = parse_checkpoints(["2026-10-31:100%", "2026-10-15:50%"])
    assert [c.share for c in cps] == [0.5, 1.0] and cps[0].required(20) == 10 and cps[0].required(15) == 8
