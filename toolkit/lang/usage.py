"""Function characters in the wrong place, judged by jieba's parts of speech.

The characters office staff confuse most are each a word of its own, so no
lexicon of misspelt words can catch them: 的/地/得 (认真的学习 → 认真地学习,
完成的很好 → 完成得很好), the preposition 在 written 再 (再活动中 → 在活动中),
the adverb 已 written 以 (以完成了 → 已完成了). Each rule reads the tagged
tokens around the character and fires only in the construction where one
reading is impossible; anything ambiguous (热烈的讨论 may be a noun phrase)
is left alone. Word-level slips (以经, 既将, 工做, 截止2026年) are lexicon
entries (corpus/typos.yaml), where each has its specs.
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from ..cn.segment import pos_tokenizer, tagged
from .typo import Suspect


class Tok(NamedTuple):
    start: int
    word: str
    flag: str


# Tags of a modifier that makes the next verb adverbial: adverbial adjectives,
# adverbs, idioms, set phrases, state words (认真, 不断, 有条不紊, 高高兴兴).
_ADVERBIAL = ("ad", "d", "i", "l", "z")
_DEGREE = frozenset("很 非常 十分 特别 比较 更加 更 较 相当 格外 越来越 极为 尤为 极其 不 不够 不太 太 还 还是 都 也 最".split())
# Adverbs that make an attribute, not an adverbial (原来的指定主题).
_ATTRIBUTIVE = frozenset("原来 本来 原先 当初 起初 当时 从前 过去 唯一 一般 共同 所有 全部 一切 大概 一向".split())
# Verbs whose 的 introduces what they produce (出现的弄虚作假、取得的成效): never complements.
_RELATIVE_VERBS = frozenset("出现 存在 发生 提出 遇到 反映 取得 获得 涌现 发现 暴露 形成 产生 造成 带来".split())
# Adjectives that quantify a following noun (做的很多工作): not complements.
_QUANTITY = frozenset("很多 不少 许多 很少 较多 较少 更多 诸多 大量".split())
# Heads that make "X的 + verb + head" a noun phrase (认真的学习态度, 积极的参与热情).
_NOUN_HEADS = frozenset("""态度 精神 氛围 热情 劲头 习惯 方式 方法 能力 效果 过程 成果 情况 状态 环境 机制 意识 风气 时间
内容 形式 质量 水平 作风 意愿 积极性 主动性 动力 经验 成效 目标 任务 要求 需求 精力 信心 决心 过程中
仪式 活动 大会 会议 典礼 场面 现场 队伍 人员 对象 工程 项目""".split())
# Verbs after which an adverbial 的 + verb is a nominalised object (进行了热烈的讨论).
_LIGHT_VERBS = frozenset("进行 开展 给予 受到 得到 引起 作出 做出 加以 予以 获得 赢得 表示 致以 展开 经过 通过".split())
_PUNCT = frozenset("，。；：！？、,.;:!?）)” \n")
_PERSONAL = frozenset("我 你 他 她 它 我们 你们 他们 她们 咱们 大家 自己".split())
# Places a preposition 在 introduces (再学校礼堂召开 → 在学校礼堂召开).
_PLACE_ENDS = tuple("室厅堂场馆楼村镇乡校院区处点家中心广场社区基地车间单位医院学校")
_LOCATIVE = frozenset("中 上 下 里 内 外 前 后 期间 之际 之中 之下 之上 之前 之后 以来 前后 方面 过程中 基础上 前提下".split())


def _tag(text: str) -> list[Tok]:
    out, pos = [], 0
    # Dictionary words only (no HMM): the HMM glues a slip to its neighbour (再新冠 → 再新).
    for word, flag in tagged(text):
        out.append(Tok(pos, word, flag))
        pos += len(word)
    return out


def _reduplicated(w: str) -> bool:
    """早早, 高高兴兴, 静悄悄: reduplicated forms modify verbs."""
    return (len(w) == 2 and w[0] == w[1]) or (len(w) == 4 and w[0] == w[1] and w[2] == w[3]) \
        or (len(w) == 3 and w[1] == w[2])


def _adverbial_de(toks: list[Tok], k: int) -> Suspect | None:
    """认真的学习了 / 积极的参与志愿服务: a modifier + 的 + a verb with an aspect
    particle or an object is an adverbial, written 地."""
    if k == 0 or k + 2 >= len(toks):
        return None
    mod, verb, after = toks[k - 1], toks[k + 1], toks[k + 2]
    adverbial = mod.flag.startswith(("ad", "d", "i", "z")) or _reduplicated(mod.word)
    if not (adverbial or (mod.flag in ("a", "l") and len(mod.word) >= 2)):
        return None
    if mod.word in _DEGREE or mod.word in _ATTRIBUTIVE or verb.flag != "v" or len(verb.word) < 2:
        return None
    if any(t.word in _LIGHT_VERBS for t in toks[max(0, k - 4):k - 1]):
        return None
    # After a verb or in a list of modifiers the phrase is a noun phrase
    # (填写简要的申请信息, 规范、严格的推荐程序).
    if k >= 2 and (toks[k - 2].flag == "v" or toks[k - 2].word in ("、", "和", "与", "及")):
        return None
    # 了/着/过 or a result (认识到) make it a predicate; so does an object after
    # an adverbial modifier, unless it heads a noun phrase (认真的学习态度).
    # A plain adjective + verb + noun is too often a noun phrase (强大的查询功能).
    aspect = after.word in ("了", "着", "过", "到")
    j = k + 2  # the noun phrase after the verb ends at its last noun: that is the head
    while j + 1 < len(toks) and toks[j + 1].flag.startswith("n") and toks[j].flag.startswith("n"):
        j += 1
    obj = (after.flag.startswith(("n", "vn", "r")) and not after.flag.startswith("nr")
           and toks[j].word not in _NOUN_HEADS)
    if not (aspect or (adverbial and obj)):
        return None
    return Suspect(toks[k].start, toks[k].start + 1, "的", "地", "usage",
                   f"“{mod.word}的{verb.word}”修饰动词，应用“地”")


def _descriptive(t: Tok) -> bool:
    """A set phrase that describes how something went (有声有色, 如火如荼, 圆满成功),
    not a noun phrase jieba also tags ``l`` (重要依据, 合同规定)."""
    if t.flag.startswith(("i", "z")):
        return True
    w = t.word
    return t.flag == "l" and len(w) == 4 and (
        w[0] == w[2] or _reduplicated(w) or pos_tokenizer().word_tag_tab.get(w[2:], "x").startswith(("a", "v")))


def _complement_de(toks: list[Tok], k: int) -> Suspect | None:
    """完成的很好 / 开展的有声有色: a verb + 的 + a degree phrase ending the clause
    is a complement, written 得."""
    if k == 0 or k + 1 >= len(toks):
        return None
    verb = toks[k - 1]
    if verb.flag != "v" or verb.word in ("说", "讲", "是", "有") or verb.word in _RELATIVE_VERBS:
        return None
    j = k + 1
    if toks[j].word in _QUANTITY:
        return None
    degree = toks[j].word in _DEGREE
    if degree:
        j += 1
    if j >= len(toks) or toks[j].word in _QUANTITY:
        return None
    head = toks[j]
    # A degree adverb (完成的很好) or a descriptive set phrase (开展的有声有色)
    # ending the clause; a bare adjective (取得的成效) may be a noun.
    ends = j + 1 >= len(toks) or toks[j + 1].word[0] in _PUNCT and toks[j + 1].word[0] != "、"
    if not ends or not (head.flag.startswith(("a", "i", "l", "z")) if degree else _descriptive(head)):
        return None
    return Suspect(toks[k].start, toks[k].start + 1, "的", "得", "usage",
                   f"“{verb.word}的{''.join(t.word for t in toks[k + 1:j + 1])}”是补语，应用“得”")


def _personal_di(toks: list[Tok], k: int) -> Suspect | None:
    """我们地工作: a pronoun never takes the adverbial 地; the possessive is 的."""
    if k == 0 or k + 1 >= len(toks) or toks[k - 1].word not in _PERSONAL:
        return None
    if not toks[k + 1].flag.startswith(("n", "vn")):
        return None
    return Suspect(toks[k].start, toks[k].start + 1, "地", "的", "usage",
                   f"“{toks[k - 1].word}地{toks[k + 1].word}”表示领属，应用“的”")


def _zai_for_preposition(toks: list[Tok], k: int) -> Suspect | None:
    """再活动中 / 再学校礼堂召开 / 再2026年: the adverb 再 where the preposition
    在 is meant (a place, a time or a locative frame follows)."""
    if k + 1 >= len(toks):
        return None
    nxt = toks[k + 1]
    if nxt.flag == "t" or nxt.word.isdigit():
        return Suspect(toks[k].start, toks[k].start + 1, "再", "在", "usage", "时间之前应用介词“在”")
    chars = 0
    for j in range(k + 1, min(len(toks), k + 8)):
        t = toks[j]
        if t.word[0] in _PUNCT or t.flag in ("v", "p") or t.flag.startswith("u") and t.word != "的":
            # a place noun phrase right before the verb: 再学校礼堂召开
            prev = toks[j - 1]
            if j > k + 1 and t.flag == "v" and prev.flag.startswith(("n", "s")) and prev.word.endswith(_PLACE_ENDS) \
                    and not prev.flag.startswith("nr"):
                return Suspect(toks[k].start, toks[k].start + 1, "再", "在", "usage", "地点之前应用介词“在”")
            return None
        chars += len(t.word)
        if chars > 20:
            return None
        if t.word in _LOCATIVE and j > k + 1:
            return Suspect(toks[k].start, toks[k].start + 1, "再", "在", "usage",
                           f"“再…{t.word}”是介词结构，应用“在”")
    return None


def _yi_for_already(toks: list[Tok], k: int) -> Suspect | None:
    """以完成了注册: 以 + a verb + 了 is the adverb 已 (以 … 为 frames excepted)."""
    if k + 2 >= len(toks) or toks[k + 1].flag != "v" or toks[k + 2].word != "了":
        return None
    rest = "".join(t.word for t in toks[k + 3:k + 12])
    if "为" in rest.split("，")[0].split("。")[0]:
        return None
    return Suspect(toks[k].start, toks[k].start + 1, "以", "已", "usage",
                   f"“以{toks[k + 1].word}了”表示已经完成，应用“已”")


def _yi_before_noun(toks: list[Tok], k: int) -> Suspect | None:
    """请已书面形式反映: the adverb 已 never governs a noun; the preposition 以 does."""
    if k + 2 >= len(toks) or toks[k + 1].flag not in ("n", "nz") or len(toks[k + 1].word) < 2:
        return None
    if not toks[k + 2].flag.startswith("p"):
        return None
    return Suspect(toks[k].start, toks[k].start + 1, "已", "以", "usage",
                   f"“已{toks[k + 1].word}”中“已”后接名词，应为介词“以”")


_RULES = {
    ("的", "uj"): (_adverbial_de, _complement_de),
    ("地", "uv"): (_personal_di,),
    ("再", "d"): (_zai_for_preposition,),
    ("以", "p"): (_yi_for_already,),
    ("已", "d"): (_yi_before_noun,),
}


def misuses(text: str, names: Iterable[str] = ()) -> Iterator[Suspect]:
    """的/地/得, 在/再 and 以/已 used where the construction demands the other."""
    if not any(ch in text for ch in "的地再以已"):
        return
    toks = _tag(text)
    for k, t in enumerate(toks):
        for check in _RULES.get((t.word, t.flag), ()):
            s = check(toks, k)
            if s:
                yield s
                break
