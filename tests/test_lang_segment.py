"""The shared jieba tokenizer: user dictionary, cache outside site-packages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.cn.segment import cache_dir, cut, pos_tokenizer, tagged, tokenizer, words


def test_field_terms_are_single_tokens():
    words = cut("团支部召开推优入党大会，入党积极分子参加青年大学习和主题团日，落实三会两制一课。")
    for term in ("团支部", "推优入党", "入党积极分子", "青年大学习", "主题团日", "三会两制一课"):
        assert term in words


def test_jieba_cache_lives_in_the_user_cache_folder():
    tk = tokenizer()
    assert Path(tk.tmp_dir) == cache_dir()
    assert "site-packages" not in str(tk.tmp_dir)
    assert tokenizer() is tk  # built once per process


# The tagged pairs are computed from the dictionary segmentation (one pass per sentence); they must be
# exactly the pairs jieba's own tagger gives. Its tagger differs from the tokenizer only outside
# Chinese text, so the alphabet mixes the genre's characters with letters, digits and marks.
_ALPHABET = ("的地得再在以已团支部员青年志愿服务工作总结开展活动认真学习完成很好我们大会召开了"
             "abcXYZ0123456789.%-+#&_，。、；：！？（）“”《》 \t\n０１２ＡＢ〇—…·")


def _tagger_pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((p.word, p.flag) for p in pos_tokenizer().cut(text, HMM=False))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_tagged_is_what_the_tagger_gives(text):
    assert tagged(text) == _tagger_pairs(text)
    assert tuple(w for w, _ in tagged(text)) == words(text)


# words() is jieba's dictionary-only cut done in one pass of our own (for speed): it must give
# jieba's very tokens, ties and letter runs included.
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_words_is_jiebas_cut(text):
    assert words(text) == tuple(tokenizer().lcut(text, HMM=False))


def test_words_on_the_genre_prose_and_the_corpus():
    root = Path(__file__).resolve().parent.parent
    lines = (root / "bench" / "genre_prose.txt").read_text("utf-8").splitlines()
    for path in sorted((root / "corpus").rglob("*.yaml")):
        lines += path.read_text("utf-8").splitlines()
    for line in lines:
        assert words(line) == tuple(tokenizer().lcut(line, HMM=False)), line


def test_tagged_on_the_genre_prose():
    prose = (Path(__file__).resolve().parent.parent / "bench" / "genre_prose.txt").read_text("utf-8")
    for line in prose.splitlines():
        assert tagged(line) == _tagger_pairs(line)


def test_no_dictionary_word_is_latin_or_spans_the_runs_the_tagger_splits():
    # What tagged() assumes: letters and digits are never a dictionary word (the tagger tags their
    # runs eng), and no word holds a character on which the tagger, not the tokenizer, splits.
    tk = tokenizer()
    odd = [w for w, f in tk.FREQ.items() if f and (re.fullmatch(r"[a-zA-Z0-9]+", w) or re.search(r"[%\-]", w))]
    assert odd == []


def test_user_dictionary_tags_are_there_before_any_cut():
    # A fresh process: jieba's tagger merges the user dictionary's tags on its first cut only.
    probe = "from toolkit.cn.segment import pos_tokenizer; print(pos_tokenizer().word_tag_tab.get('推优入党'))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "v"
