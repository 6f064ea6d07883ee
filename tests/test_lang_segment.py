"""The shared jieba tokenizer: user dictionary, cache outside site-packages."""

from __future__ import annotations

from pathlib import Path

from toolkit.cn.segment import cache_dir, cut, tokenizer


def test_field_terms_are_single_tokens():
    words = cut("团支部召开推优入党大会，入党积极分子参加青年大学习和主题团日，落实三会两制一课。")
    for term in ("团支部", "推优入党", "入党积极分子", "青年大学习", "主题团日", "三会两制一课"):
        assert term in words


def test_jieba_cache_lives_in_the_user_cache_folder():
    tk = tokenizer()
    assert Path(tk.tmp_dir) == cache_dir()
    assert "site-packages" not in str(tk.tmp_dir)
    assert tokenizer() is tk  # built once per process
