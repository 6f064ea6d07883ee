"""Typo rules (TW500–549): the lexicon, canonical formulations, doubled
characters, confusable characters and function characters in context. Data:
corpus/typos.yaml, corpus/formulations.yaml, corpus/confusion.tsv,
corpus/near_sound.tsv (see toolkit/lang)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ...cn.names import listed_names
from ...cn.outline import DOC_NUMBER
from ...kinds import GENRE_TYPOS, scope_names
from ...lang import patterns, typo, usage
from ...config import Config
from ..engine import Finding, Hit, Round, Submission, rule
from ..text import excerpt, units


def names_in(sub: Submission) -> set[str]:
    """People and branches a submission names: never typos."""
    keys = ("姓名", "团支部", "组织", "单位", "发文机关")
    names = {str(r.values[k]) for r in sub.extraction.records for k in keys if r.values.get(k)}
    names.update(str(sub.extraction.fields[k]) for k in keys if sub.extraction.fields.get(k))
    return names


@rule("TW500", "typo", "error", "错别字（词库）：如“对彖”“一下几点”“再接再励”")
def lexicon(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：项目词库（corpus/typos.yaml）中的错别字，每个词条都带必须报和必须不报的语境（同 textlint prh 的 specs）。
    原因：错别字出现在上报的正式材料中有损严肃性，也可能改变意思（“对彖”不成词）。
    示例：“经支部大会表决，确定推优对彖三名”，“对彖”应为“对象”；“再接再励”应为“再接再厉”。
    依据：《现代汉语词典》《通用规范汉字表》；项目词库 corpus/typos.yaml。
    """
    for unit in units(sub.doc):
        for entry, m in patterns.typos().finditer(unit.text):
            yield Hit(f"错别字：“{entry.name}”应为“{entry.right}”", unit.location,
                      excerpt(unit.text, m.start(), m.end()))


@rule("TW501", "typo", "error", "不规范表述：如“习近平新时代特色社会主义思想”缺“中国”")
def formulation(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：规范表述（corpus/formulations.yaml）的错误写法：“两学一作”应为“两学一做”，
    “三会二制一课”应为“三会两制一课”。确定的错误写法报错误；不提倡的简称（缺“中国”的“共产主义青年团”）报警告。
    原因：党团的规范表述有固定写法，写错或缺字在正式材料中是政治性差错。
    示例：“深入学习习近平新时代特色社会主义思想”，缺“中国”。
    依据：中央文件中的规范表述；项目词库 corpus/formulations.yaml。
    """
    for unit in units(sub.doc):
        for entry, m in patterns.formulations().finditer(unit.text):
            yield Hit(f"“{m.group()}”不是规范表述，应为“{entry.right}”", unit.location,
                      excerpt(unit.text, m.start(), m.end()), entry.severity)


_PAIR = re.compile(r"([\u4e00-\u9fff])\1")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
FAKE_BOLD = 0.3  # the share of a paragraph's characters in doubled pairs that marks a glyph artefact


@rule("TW502", "typo", "warning", "字词重复：如“的的”“我们我们”“是是否”")
def doubled(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：一个字或词误写了两遍（“的的”“我们我们”），包括两份分属不同词的情形
    （“是是否”“了了解”“我们们”：一份属于词，另一份无所属）。
    不报正常的重叠：词典中的词（谢谢、常常、天天）、词的边界（学生生活 = 学生 + 生活）、
    动词形容词重叠（研究研究、高高兴兴）和人名；标题、表头和表格中的短格不是口语，
    其中重复的词（“有效有效票数”“统计统计表”）照报，单字重复在这里可能是仿粗体，不报；一段中三成以上的字成对重复是 PDF 仿粗体造成的重影
    （“计计分比比百百”），不报。
    原因：重字是打字或修改时的疏忽。
    示例：“支部召开了了团员大会”。
    依据：通用事理（没有国家标准条款）；分词用 jieba 词典。
    """
    names = names_in(sub)
    for unit in units(sub.doc):
        # A paragraph whose characters come in pairs is a PDF's fake-bold glyphs (计计分比比百百), not slips.
        pairs = len(_PAIR.findall(unit.text))
        if pairs >= 3 and 2 * pairs >= FAKE_BOLD * len(CJK_CHAR.findall(unit.text)):
            continue
        label = _label(unit.text)
        if unit.kind == "cell" and not label:
            continue  # prose in a cell: left as it was read before (TW502 reads labels there)
        found = {(s.start, s.end): s for s in typo.doubled(unit.text, names) if unit.kind != "cell"}
        if label:  # a heading or label does not reduplicate words (有效有效票数); a doubled glyph may be fake bold
            found |= {(s.start, s.end): s for s in typo.doubled(unit.text, names, speech=False) if len(s.suggestion) > 1}
        for s in found.values():
            yield Hit(f"“{s.text}”疑似重复，应为“{s.suggestion}”", unit.location,
                      excerpt(unit.text, s.start, s.end))


_CLAUSE_MARK = re.compile(r"[，。；！？,;!?]")
LABEL_CHARS = 30  # a heading, label or cell of at most this many characters and no clause marks


def _label(text: str) -> bool:
    return len(text.strip()) <= LABEL_CHARS and not _CLAUSE_MARK.search(text)


# A short name in quotes or title marks, not a sentence.
_NAMED = re.compile(r"“[^”。！？；]{1,16}”|《[^》]{1,30}》")
# A government agency's short name: level, two or three characters, the kind of body.
_AGENCY = re.compile(r"[省市县区州旗镇乡][\u4e00-\u9fff]{2,3}?(?:局|委|办|厅|署)")
# Documents whose prose the confusion statistics were tuned for.
_GENRE_PROSE = scope_names(GENRE_TYPOS)


@rule("TW503", "typo", "warning", "疑似错别字：同音或形近字使词语不完整，如“朋唷”")
def confusable(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：某个字使句子留下零散单字，而换成同音或形近字（混淆集取自 pycorrector 的数据，corpus/confusion.tsv）
    就能组成 jieba 词典中的常用词，且语言模型概率明显提高；或者用了一个真实的词，而本文体要的是
    同音的另一个词（该词不在本文体词汇 corpus/genre_words.txt 中，比只差一个同音字的本文体词罕见20倍以上，
    或罕见8倍以上且本文体词与前后字的搭配见于项目自己的文本：“报公私团委”应为“公司”，“全体团圆”应为“团员”，
    “全家团圆”不报）。
    从严：最常用的虚词从不怀疑；本轮材料中的人名、支部名、同一句中并列的人名（“分别是龙思远、韦晓彤”）、
    机关简称（“县卫健局”）和 jieba 标为专名的词跳过；数量词后的名词（“两个字”）、带“了/着/过”的动词
    （“领到了”）、同一段中两次单用的字（“推免、外推”）不报；引号、书名号里的
    活动名和标题（“研途有你”“壹家人”常有意用谐音）跳过；
    同一文件中在相同上下文重复出现的视为有意用法。只检查本文体的文章（工作总结、通知、简报、会议记录），
    手册、规范和财务报告中的术语会让统计失准。
    原因：同音、形近错字输入法常见，词库收不全。
    示例：“大家朋唷相助”，“朋唷”应为“朋友”。
    依据：在 SIGHAN-2015 上由 bench/bench_typo.py 测量；配置项 [typo] confusable_margin（默认 0，
    调到 2–4 证据要求更高，报得更少更准）。
    """
    if sub.extraction.kind not in _GENRE_PROSE:
        return
    names = names_in(sub)
    margin = config.typo.confusable_margin
    hits: list[tuple[str, Hit]] = []
    for unit in units(sub.doc, cells=False):
        here = names | listed_names(unit.text, names)  # 分别是龙思远、韦晓彤、蒙浩然
        found = [*typo.confusables(unit.text, here, margin), *typo.misplaced(unit.text, here)]
        if not found:
            continue
        taken = [(m.start(), m.end()) for _, m in patterns.typos().finditer(unit.text)]
        # A 发文字号's issuer (石直团〔2026〕11号) is an abbreviation, not words; template-site
        # residue (小编为大家整理) is TW150's.
        taken += [m.span("org") for m in DOC_NUMBER.finditer(unit.text)]
        taken += [m.span() for _, m in patterns.boilerplate().finditer(unit.text)]
        # An activity's or a title's name in quotes plays on sounds on purpose (“研途有你”, “壹家人”).
        taken += [m.span() for m in _NAMED.finditer(unit.text)]
        # An agency's short name (县卫健局, 市发改委) is an abbreviation, not words.
        taken += [m.span() for m in _AGENCY.finditer(unit.text)]
        for s in found:
            if any(a < s.end and s.start < b for a, b in taken):
                continue
            hits.append((unit.text[max(0, s.start - 1):s.end + 1] + s.suggestion,
                         Hit(f"“{s.text}”疑为错别字，可能应为“{s.suggestion}”", unit.location,
                             excerpt(unit.text, s.start, s.end))))
    # The same suspect in the same surroundings twice is a usage (京内, 推研), not a slip.
    seen = Counter(key for key, _ in hits)
    yield from (hit for key, hit in hits if seen[key] == 1)


@rule("TW504", "typo", "warning", "的/地/得、在/再、以/已用错：如“认真的学习”“完成的很好”“再活动中”")
def function_characters(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：虚词用错：状语用了“的”应为“地”（“认真的学习了”）、补语用了“的”应为“得”（“完成的很好”），
    领属用了“地”应为“的”（“我们地工作”），介词用了副词“再”应为“在”（“再活动中”“再学校礼堂召开”），
    “以”“已”互误（“以完成了”“已书面形式向……”）。
    根据 jieba 的词性判断；有歧义的结构（“热烈的讨论”可以是名词短语）不报。
    词级的错误（以经、既将、工做、截止2026年）归 TW500。只检查本文体的文章，同 TW503。
    原因：的、地、得和在、再、以、已用错是公文中最常见的用字错误。
    示例：“全体团员认真的学习了团章”。
    依据：《现代汉语词典》的用法说明；由 bench/typo_genre.py 测量。
    """
    if sub.extraction.kind not in _GENRE_PROSE:
        return
    for unit in units(sub.doc):
        taken = [(m.start(), m.end()) for _, m in patterns.typos().finditer(unit.text)]
        for s in usage.misuses(unit.text):
            if not any(a < s.end and s.start < b for a, b in taken):
                yield Hit(f"“{s.text}”用字有误：{s.reason}，应为“{s.suggestion}”", unit.location,
                          excerpt(unit.text, s.start, s.end))


_QUOTED = re.compile(r"“([^”]+)”")
# Statistical rules whose suspicion a name from another file of the round can explain.
_NAME_SENSITIVE = ("TW502", "TW503")


def spare_round_names(findings: list[Finding], rnd: Round) -> list[Finding]:
    """Drop statistical typo findings inside a name found anywhere in the round.

    Document rules run file by file and know only their own file's names; a
    summary naming 李逐川 must not get “逐” flagged because his form came in a
    different file. A finding is dropped when its flagged text lies in a name
    of the round that occurs in its excerpt (precision first)."""
    names = {n for sub in (*rnd.submissions, *rnd.registers) for n in names_in(sub) if len(n) >= 2}
    if not names:
        return findings

    def inside_name(f: Finding) -> bool:
        m = _QUOTED.search(f.message)
        return bool(m) and any(m.group(1) in n and n in f.excerpt for n in names)

    return [f for f in findings if not (f.rule in _NAME_SENSITIVE and inside_name(f))]
