"""Benchmark: the typo check on the prose of the genre, with errors injected.

bench/genre_prose.txt holds correct sentences of 工作总结, 通知, 会议记录 and 简报
from 乡镇, 村, 机关, 企业, 医院, 中学 and 高校 branches, written for this purpose
(no file in corpus/ contains them). A generator injects one error per
sentence from the confusion classes below, the slips office staff make:

  的地得        adverbial 地 → 的 (认真地学习), complement 得 → 的 (完成得很好)
  在再          the preposition 在 → 再
  以已          以 ↔ 已 inside a word (已经 → 以经, 以便 → 已便)
  既即          既 ↔ 即 inside a word (即将 → 既将, 立即 → 立既)
  做作          做 ↔ 作 inside a word (工作 → 工做, 作用 → 做用)
  截止截至      截至 before a date → 截止
  成语          one character of a set phrase → a same-sound character
  近音          one character of a word → a z/zh c/ch s/sh n/l in/ing en/eng neighbour
  形近          one character of a word → a look-alike character
  同音词        a word → another dictionary word of the same sound (jieba keeps it whole)
  重字          the first character of a word doubled across a word boundary (是否 → 是是否)

Every correct sentence is scored too (false alarms count as much as misses).
Sentence-level: a flagged erroneous sentence is a hit, a flagged correct one a
false alarm. Target (issue 8): precision ≥ 0.9 with recall ≥ 0.6.

    python bench/typo_genre.py [--split all|dev|held-out] [--seed 1] [--show]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.lang.proofread import suspects  # noqa: E402
from toolkit.cn.segment import pos_tokenizer, tokenizer  # noqa: E402
from toolkit.lang.typo import confusion, near_sound  # noqa: E402

PROSE = Path(__file__).with_name("genre_prose.txt")
_DATE_START = tuple("0123456789一二三四五六七八九十〇本目今去上")
_DEGREE = ("很", "非常", "十分", "特别", "比较", "更加", "更", "较", "格外", "紧张", "井然有序", "有声有色")


def prose(split: str = "all") -> list[str]:
    lines = [ln.strip() for ln in PROSE.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if split == "all":
        return lines
    held = split == "held-out"
    return [ln for i, ln in enumerate(lines) if (i % 3 == 2) == held]


def _tokens(text: str) -> list[tuple[int, str, str]]:
    out, pos = [], 0
    for p in pos_tokenizer().cut(text):
        out.append((pos, p.word, p.flag))
        pos += len(p.word)
    return out


def _replace(text: str, at: int, new: str, n: int = 1) -> str:
    return text[:at] + new + text[at + n:]


def _is_word(w: str) -> bool:
    return tokenizer().FREQ.get(w, 0) > 0


# Each injector returns the sentence with one error, or None where its class has no site.
Injector = Callable[[str, random.Random], "str | None"]


def _pick(rng: random.Random, sites: list) -> object | None:
    return rng.choice(sites) if sites else None


def inj_de(text: str, rng: random.Random) -> str | None:
    toks = _tokens(text)
    sites = [pos for k, (pos, w, f) in enumerate(toks) if w == "地" and f == "uv"]
    sites += [pos for k, (pos, w, f) in enumerate(toks)
              if w == "得" and f == "ud" and k + 1 < len(toks) and toks[k + 1][1].startswith(_DEGREE)]
    at = _pick(rng, sites)
    return None if at is None else _replace(text, at, "的")


def inj_zai(text: str, rng: random.Random) -> str | None:
    at = _pick(rng, [pos for pos, w, f in _tokens(text) if w == "在" and f == "p"])
    return None if at is None else _replace(text, at, "再")


def _swap_in_word(text: str, rng: random.Random, pairs: dict[str, str]) -> str | None:
    sites = []
    for pos, w, _ in _tokens(text):
        if len(w) < 2:
            continue
        for i, ch in enumerate(w):
            if ch in pairs and not _is_word(w[:i] + pairs[ch] + w[i + 1:]):
                sites.append((pos + i, pairs[ch]))
    site = _pick(rng, sites)
    return None if site is None else _replace(text, site[0], site[1])


def inj_yi(text: str, rng: random.Random) -> str | None:
    return _swap_in_word(text, rng, {"以": "已", "已": "以"})


def inj_ji(text: str, rng: random.Random) -> str | None:
    return _swap_in_word(text, rng, {"即": "既", "既": "即"})


def inj_zuo(text: str, rng: random.Random) -> str | None:
    return _swap_in_word(text, rng, {"作": "做", "做": "作"})


def inj_jiezhi(text: str, rng: random.Random) -> str | None:
    sites = [i for i in range(len(text)) if text.startswith("截至", i) and text[i + 2:i + 3].startswith(_DATE_START)]
    at = _pick(rng, sites)
    return None if at is None else _replace(text, at, "截止", 2)


def _char_in_word(text: str, rng: random.Random, candidates: Callable[[str], str],
                  keep: Callable[[str, str], bool], min_len: int = 2, tags: tuple[str, ...] = ()) -> str | None:
    sites = []
    for pos, w, f in _tokens(text):
        if len(w) < min_len or (tags and not f.startswith(tags)) or f.startswith(("nr", "ns", "nt", "m")):
            continue
        for i, ch in enumerate(w):
            for c in candidates(ch):
                new = w[:i] + c + w[i + 1:]
                if keep(w, new):
                    sites.append((pos + i, c))
    site = _pick(rng, sites)
    return None if site is None else _replace(text, site[0], site[1])


def _nonword(old: str, new: str) -> bool:
    return not _is_word(new)


def inj_idiom(text: str, rng: random.Random) -> str | None:
    return _char_in_word(text, rng, lambda ch: confusion().get(ch, ("",))[0], _nonword, 4, ("i", "l"))


def inj_near(text: str, rng: random.Random) -> str | None:
    return _char_in_word(text, rng, lambda ch: near_sound().get(ch, ""), _nonword)


def inj_shape(text: str, rng: random.Random) -> str | None:
    return _char_in_word(text, rng, lambda ch: confusion().get(ch, ("", "", ""))[2], _nonword)


def inj_homophone(text: str, rng: random.Random) -> str | None:
    freq = tokenizer().FREQ
    return _char_in_word(text, rng, lambda ch: confusion().get(ch, ("",))[0],
                         lambda old, new: len(old) == 2 and freq.get(new, 0) >= 100)


def inj_doubled(text: str, rng: random.Random) -> str | None:
    toks = _tokens(text)
    sites = [pos for k, (pos, w, f) in enumerate(toks)
             if len(w) >= 2 and f.startswith(("v", "d", "a")) and k > 0 and toks[k - 1][1][-1] != w[0]]
    at = _pick(rng, sites)
    return None if at is None else _replace(text, at, text[at] * 2)


CLASSES: dict[str, Injector] = {
    "的地得": inj_de, "在再": inj_zai, "以已": inj_yi, "既即": inj_ji, "做作": inj_zuo,
    "截止截至": inj_jiezhi, "成语": inj_idiom, "近音": inj_near, "形近": inj_shape,
    "同音词": inj_homophone, "重字": inj_doubled,
}


def dataset(sentences: list[str], seed: int = 1) -> list[tuple[str, str | None]]:
    """(sentence, error class) pairs: every correct sentence (class None) and,
    for each class, up to its share of erroneous ones, one error each."""
    rng = random.Random(seed)
    out: list[tuple[str, str | None]] = [(s, None) for s in sentences]
    for name, inject in CLASSES.items():
        for s in sentences:
            bad = inject(s, rng)
            if bad and bad != s:
                out.append((bad, name))
    return out


def score(data: list[tuple[str, str | None]]) -> tuple[float, float, Counter, Counter, list[str]]:
    """Sentence-level precision, recall, hits and totals per class, false alarms."""
    hits, totals, false_alarms = Counter(), Counter(), []
    for text, cls in data:
        found = bool(suspects(text))
        if cls is None:
            if found:
                false_alarms.append(text)
            continue
        totals[cls] += 1
        hits[cls] += found
    tp = sum(hits.values())
    # Precision over a balanced set: as many correct sentences as erroneous ones.
    n_clean = sum(1 for _, c in data if c is None)
    fp = len(false_alarms) * sum(totals.values()) / max(1, n_clean)
    return tp / max(1e-9, tp + fp), tp / max(1, sum(totals.values())), hits, totals, false_alarms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="all", choices=("all", "dev", "held-out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = ap.parse_args()
    data = dataset(prose(args.split), args.seed)
    precision, recall, hits, totals, false_alarms = score(data)
    print(f"体裁文本（{args.split}）：正确句 {sum(1 for _, c in data if c is None)}，植入错误句 {sum(totals.values())}")
    for cls in CLASSES:
        if totals[cls]:
            print(f"  {cls:<6} 检出 {hits[cls]:>3}/{totals[cls]:<3} {hits[cls] / totals[cls]:.2f}")
    print(f"句级精确率 {precision:.3f}（按正确句与错误句等量折算；误报 {len(false_alarms)} 句），召回率 {recall:.3f}")
    print("目标：精确率 ≥ 0.9，召回率 ≥ 0.6")
    if args.show:
        for text in false_alarms:
            print("误报：", text, suspects(text))
        for text, cls in data:
            if cls and not suspects(text):
                print(f"漏报[{cls}]：", text)


if __name__ == "__main__":
    main()
