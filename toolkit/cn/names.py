"""Chinese personal names: does a short word read as a person's name?

A name is a surname (one character, or one of the compound surnames) and a
given name of one or two characters. The surnames below cover well over
99% of the population (the commonest few hundred of the 2020 census
ranking, plus the compound ones still in use). A word that the dictionary
knows as an ordinary word (``高一``, ``宣传``, ``社会实践``) is not taken for a
name even when it starts with a surname character.
"""

from __future__ import annotations

import re

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
    "柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班"
    "储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云"
    "容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居"
    "揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由凤韶钮"
)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 司徒 夏侯 尉迟 长孙 宇文 公孙 端木 独孤 轩辕 南宫 西门 百里 呼延 万俟 "
    "闻人 赫连 澹台 公冶 宗政 濮阳 太叔 申屠 钟离 拓跋 完颜 第五".split()
)
# The middle dots that join the parts of a transliterated (Uyghur, Tibetan, foreign) name.
NAME_DOTS = "·•・‧"
_DOTTED = re.compile(f"[\u4e00-\u9fff]{{1,8}}(?:[{NAME_DOTS}][\u4e00-\u9fff]{{1,8}})+")
# A word this common in the dictionary is an ordinary word, even if a surname starts it (宣传, 高明 unless tagged nr).
COMMON_WORD = 50
_NUMERALS = set("一二三四五六七八九十")


# The separator of a transcribed name (阿依古丽·买买提) is the middle dot U+00B7 (GB/T 15834:
# 间隔号), typed as whatever dot the keyboard gives: bullet, katakana dot, full stop.
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\s*[·•・･‧∙⋅．.]\s*(?=[\u4e00-\u9fff])")


def unify_name_dots(name: str) -> str:
    """``阿依古丽•买买提`` → ``阿依古丽·买买提``: one person written with any dot is one name."""
    return _NAME_DOT.sub("·", name)


def split_name(word: str) -> tuple[str, str] | None:
    """``(surname, given name)`` when ``word`` has a name's shape, else ``None``."""
    for n in (2, 1):
        surname, given = word[:n], word[n:]
        if (surname in COMPOUND_SURNAMES if n == 2 else surname in SURNAMES) and 1 <= len(given) <= 2:
            return surname, given
    return None


def looks_like_name(word: str, known: frozenset[str] | set[str] = frozenset()) -> bool:
    """``word`` reads as a person's name: one the round knows, a transliterated
    name in parts joined by a middle dot (阿依古丽·买买提), or a surname and a
    given name that the dictionary does not know as an ordinary word (a word it
    tags as a person's name, 李娜, still is one)."""
    if word in known or _DOTTED.fullmatch(word):
        return True
    if not split_name(word):
        return False
    from .segment import pos_tokenizer, word_freq

    return word_freq(word) < COMMON_WORD or pos_tokenizer().word_tag_tab.get(word, "").startswith("nr")


def names_list(items: list[str], known: frozenset[str] | set[str] = frozenset()) -> bool:
    """Every item reads as a name, and at least one is more than a surname
    and a numeral: ``张三、李丽、王五`` is a list of people, ``高一、高二`` is not."""
    return all(looks_like_name(w, known) for w in items) and any(
        w in known or _DOTTED.fullmatch(w) or not set(split_name(w)[1]) <= _NUMERALS for w in items)


# Two or more short words joined by 、 (和/及 before the last): a list that may be of people.
_LISTED = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[、，,][\u4e00-\u9fff]{2,4})*(?:、|和|及|与)[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])")
_JOINER = re.compile("、|和|及|与")  # what every list has
_MAX_SENTENCE = 400


def listed_names(text: str, known: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The people of ``text`` named in a list (分别是龙思远、韦晓彤、蒙浩然): every item of a
    list of names, each a name by :func:`names_list`."""
    found: set[str] = set()
    # Sentence by sentence, and not in a run-on one: a list that fails at its end is tried
    # again from each character, so the cost grows with the square of the sentence.
    sentences = [s for s in re.split(r"[。！？；!?;\n]", text) if len(s) <= _MAX_SENTENCE and _JOINER.search(s)]
    for m in (m for s in sentences for m in _LISTED.finditer(s)):
        items = re.split(r"[、，,]|和|及|与", m.group())
        # the list's first item may carry the words before it (分别是龙思远): keep its tail
        head = items[0]
        items[0] = next((head[k:] for k in range(len(head) - 1) if split_name(head[k:])), head)
        if len(items) >= 2 and names_list(items, known):
            found.update(items)
    return found
