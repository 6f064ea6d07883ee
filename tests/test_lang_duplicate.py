"""Near-duplicate submissions (TW750) on real .docx files."""

from __future__ import annotations

import pytest

from docx import Document as DocxDocument

from toolkit.app.check import run_check
from toolkit.check.engine import select_rules
from toolkit.lang.duplicate import find_duplicates

HEAD = ["{branch}2026年上半年工作总结", "一、主要做法"]
TAIL = ["二、存在的不足", "三、下一步打算", "{branch}", "2026年6月28日"]

ORIGINAL = [
    "本学期，{branch}以“青春心向党”为主题，组织全体团员赴市烈士陵园开展主题团日活动，{a}同学担任讲解员，带领大家重温入团誓词。",
    "活动结束后，支部召开分享会，{b}等12名团员结合专业学习谈了体会，大家一致认为要把红色传统转化为刻苦学习的动力。",
    "在志愿服务方面，支部与社区建立结对关系，每周三下午安排4名团员到社区图书室整理图书、辅导小学生作业，累计服务时长达到186小时。",
    "在青年大学习方面，支部书记每周一在班级群中提醒，团小组长逐一核对，本学期参学率稳定在96%以上，位居学院前列。",
    "推优入党工作严格按程序进行，经团支部大会无记名投票，推荐{a}、{b}两名同学为入党积极分子人选，并在学院网站公示五天。",
    "存在的问题主要是活动形式还比较单一，部分团员参与的主动性不强，支部委员之间的分工还不够明确。",
    "下一步，支部将结合专业特点开展科技志愿服务，完善团员积分管理办法，把每一名团员都纳入到具体的工作项目中。",
]

INDEPENDENT = [
    "三月中旬，{branch}组织团员前往革命纪念馆参观学习，通过讲解员的介绍，同学们了解了本地早期党组织的斗争历程。",
    "参观后，每位团员撰写了一篇心得体会，支部从中选出五篇优秀文章在公众号上推送，阅读量累计超过一千次。",
    "志愿服务以“关爱留守儿童”为重点，支部联系了两所乡村小学，利用周末开展线上陪伴辅导，共有21名团员参与。",
    "青年大学习由宣传委员负责统计，对连续两周未完成的同学进行个别谈心，学期平均完成率为93%。",
    "推优工作中，支部先组织团员民主测评，再召开团支部大会投票表决，最终确定{a}同学为推优人选。",
    "不足之处在于支部活动经费较少，部分活动只能在校内开展，与其他支部的交流也比较少。",
    "今后将积极争取学院支持，拓展校外实践基地，并与兄弟支部开展联学联建。",
]


def write(path, branch, body, a, b):
    d = DocxDocument()
    for t in HEAD + body + TAIL:
        d.add_paragraph(t.format(branch=branch, a=a, b=b))
    d.save(path)
    return str(path)


def test_copy_with_names_swapped_is_caught_and_independent_text_is_not(tmp_path):
    files = [
        write(tmp_path / "总结_化工2201.docx", "化工2201团支部", ORIGINAL, "王子涵", "陈佳琪"),
        write(tmp_path / "总结_化工2202.docx", "化工2202团支部", ORIGINAL, "刘一诺", "杨明轩"),  # the copy
        write(tmp_path / "总结_生物2201.docx", "生物2201团支部", INDEPENDENT, "黄若曦", "赵欣怡"),
        write(tmp_path / "总结_生物2202.docx", "生物2202团支部", INDEPENDENT[:3] + ORIGINAL[5:], "周浩然", "吴思远"),
    ]
    result, _ = run_check(files, rules=select_rules("TW750"), jobs=1)
    assert {f.kind for f in result.files} == {"summary"}
    found = [f for f in result.findings if f.rule == "TW750"]
    # The copied pair, reported on both files, with its copied span.
    copy = [f for f in found if "化工" in f.file]
    assert sorted(f.file for f in copy) == sorted(files[:2])
    for f in copy:
        assert f.category == "duplicate"
        assert "相似度" in f.message and "第3–7段≈对方第3–7段" in f.message
        assert f.location.paragraph == 3
        assert "本文：" in f.excerpt and "对方：" in f.excerpt
    assert {f.message.split("”")[0] for f in copy} == {f"与“{files[0]}", f"与“{files[1]}"}
    # 生物2202 reuses three of 生物2201's paragraphs and adds two: a copy with
    # paragraphs dropped and added (its two 化工 paragraphs are too few to count).
    rest = [f for f in found if "生物" in f.file]
    assert sorted(f.file for f in rest) == sorted(files[2:])
    assert all("3段内容几乎相同" in f.message and "第3–5段≈对方第3–5段" in f.message for f in rest)


def test_common_template_is_discounted():
    template = [(i, f"根据院团委统一要求，各团支部须按照本模板第{i}部分的格式如实填写有关情况。") for i in range(1, 9)]
    docs = [template + [(9, f"本支部第{k}号的具体做法：" + "不同的内容" * k + "各不相同。")] for k in range(1, 7)]
    assert find_duplicates(docs, 0.8) == []


def test_names_only_differ_pair_is_found_directly():
    a = [(i, t.format(branch="甲团支部", a="王子涵", b="陈佳琪")) for i, t in enumerate(ORIGINAL, 1)]
    b = [(i, t.format(branch="乙团支部", a="刘一诺", b="杨明轩")) for i, t in enumerate(ORIGINAL, 1)]
    c = [(i, t.format(branch="丙团支部", a="黄若曦", b="赵欣怡")) for i, t in enumerate(INDEPENDENT, 1)]
    pairs = find_duplicates([a, c, b], 0.8)
    assert [(p.a, p.b) for p in pairs] == [(0, 2)]
    assert pairs[0].similarity > 0.85 and len(pairs[0].copied) == len(ORIGINAL)


# Paragraph-level copies, built from genre sentences no other test uses.
def _pool() -> list[str]:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import typo_genre

    return typo_genre.prose()


def _doc(paragraphs: list[str]) -> list[tuple[int, str]]:
    return list(enumerate(["团支部工作总结", *paragraphs, "特此总结。"], 1))


def test_copy_with_a_paragraph_dropped_and_one_added_is_found_with_its_spans():
    pool = _pool()
    original = pool[0:8]
    copy = pool[0:3] + pool[4:8] + pool[60:62]  # 4th dropped, two new at the end
    others = [pool[k:k + 8] for k in range(10, 58, 8)]
    docs = [_doc(original), *(_doc(o) for o in others), _doc(copy)]
    pairs = find_duplicates(docs, 0.8)
    assert [(p.a, p.b) for p in pairs] == [(0, len(docs) - 1)]
    from toolkit.lang.duplicate import spans
    assert spans(pairs[0].copied) == [(2, 4, 2, 4), (6, 9, 5, 8)]
    assert pairs[0].share == 7 / 8  # seven of the shorter document's eight paragraphs


def test_a_few_shared_paragraphs_are_not_a_copy():
    pool = _pool()
    a = pool[0:8]
    b = pool[0:2] + pool[20:28]  # two of ten paragraphs shared: quoting a common source, not copying
    docs = [_doc(a), _doc(b), _doc(pool[40:48]), _doc(pool[50:58])]
    assert find_duplicates(docs, 0.8) == []


def test_shared_template_with_each_branch_name_is_not_a_copy():
    pool = _pool()
    template = ["根据{b}工作安排，现将本支部上半年开展主题团日活动和青年大学习的情况总结如下。",
                "{b}全体团员认真对照团员先进性评价标准，逐项开展自查，并形成自查报告。",
                "下一步，{b}将按照上级团组织的统一部署，继续抓好团员教育管理各项工作。"]
    branches = ["村团支部", "机关团支部", "卫生院团支部", "第一中学团支部", "化工2201团支部", "公司第一团支部"]
    # three template paragraphs and two of their own: without the template discount, a copy
    docs = [_doc([t.format(b=br) for t in template] + pool[k * 8:k * 8 + 2]) for k, br in enumerate(branches)]
    assert find_duplicates(docs, 0.8) == []


def test_the_same_file_twice_is_one_submission_not_a_copy(tmp_path):
    (tmp_path / "村").mkdir()
    body = _pool()[0:6]
    files = [write(tmp_path / "村/团支部总结.docx", "村团支部", body, "", ""),
             write(tmp_path / "村/团支部总结(1).docx", "村团支部", body, "", ""),
             write(tmp_path / "社区团支部总结.docx", "社区团支部", body, "", "")]
    result, _ = run_check(files, rules=select_rules("TW750"), jobs=1)
    found = [f for f in result.findings if f.rule == "TW750"]
    # the two files in 村/ are one submission; the 社区 branch's copy of it is the pair reported
    assert sorted(f.file for f in found) == sorted([files[0], files[2]])
    assert all("团支部总结(1).docx" not in f.message for f in found)


@pytest.mark.parametrize("bullet", ["", "•", "● "])
def test_a_file_and_its_text_export_in_another_folder_are_one_submission(tmp_path, bullet):
    """总结.docx sent by the branch and 总结.txt made from it (another folder, same
    text, its list bullets written out): one submission. The same name with other
    names inside is still a copy."""
    for folder in ("原件", "转换", "社区"):
        (tmp_path / folder).mkdir()
    body = _pool()[0:6]
    original = write(tmp_path / "原件/团支部总结.docx", "村团支部", body, "", "")
    export = tmp_path / "转换/团支部总结.txt"
    lines = [p.text for p in DocxDocument(original).paragraphs]
    export.write_text("\n".join(lines[:2] + [bullet + x for x in lines[2:]]), encoding="utf-8-sig")
    copy = write(tmp_path / "社区/团支部总结.docx", "社区团支部", body, "", "")
    result, _ = run_check([original, str(export), copy], rules=select_rules("TW750"), jobs=1)
    found = [f for f in result.findings if f.rule == "TW750"]
    assert sorted(f.file for f in found) == sorted([original, copy])


# A large round: prose of its own in every document (random common characters: no two documents
# share a sentence), the 团委's notice pasted into many of them, and real copies among a few.
_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


def _prose(rng, length: int) -> str:
    text = "".join(rng.choice(_HAN) for _ in range(length))
    return "，".join(text[k:k + 12] for k in range(0, length, 12)) + "。"


def test_text_in_many_documents_of_a_large_round_is_template_and_copies_are_still_found(monkeypatch):
    """300 documents: the same notice pasted into 60 of them (20 %, under the 30 % share) and a
    paragraph each fills with its branch's name in 60 others are template text (a text in
    TEMPLATE_DOCS documents is handed out, not copied); a whole copy with a name swapped and
    four documents sharing three paragraphs are still found, pair by pair. A round this large
    finds its template text the same way against a sample of its documents."""
    import random

    from toolkit.lang import duplicate

    rng = random.Random(5)
    notice = [_prose(rng, 60) for _ in range(3)]
    docs = [[_prose(rng, 72) for _ in range(5)] for _ in range(300)]
    for k in range(100, 160):
        docs[k] = notice + docs[k][:2]
    for k in range(160, 220):
        docs[k][0] = f"根据上级团委统一部署，{k}号团支部认真组织全体团员开展了“学习二十大、永远跟党走”主题教育活动。"
    docs[250] = [t.replace(docs[3][0][:4], "王子涵") for t in docs[3]]  # a whole copy, a name swapped
    ring = [_prose(rng, 72) for _ in range(3)]
    for k in (20, 40, 60, 80):
        docs[k] = ring + docs[k][3:]
    expected = [(3, 250), (20, 40), (20, 60), (20, 80), (40, 60), (40, 80), (60, 80)]
    numbered = [list(enumerate(d, 1)) for d in docs]
    assert len(numbered) > duplicate.TEMPLATE_DOCS / duplicate.COMMON_SHARE  # the cap applies, not the share
    assert [(p.a, p.b) for p in find_duplicates(numbered, 0.8)] == expected
    monkeypatch.setattr(duplicate, "SAMPLE_DOCS", 100)
    assert [(p.a, p.b) for p in find_duplicates(numbered, 0.8)] == expected


def test_a_text_shared_by_fewer_documents_than_the_cap_is_still_a_copy():
    """Eight documents of a large round sharing the same four paragraphs: a copy, every pair."""
    import random

    rng = random.Random(6)
    docs = [[_prose(rng, 72) for _ in range(5)] for _ in range(300)]
    shared = [_prose(rng, 72) for _ in range(4)]
    group = list(range(0, 300, 37))
    for k in group:
        docs[k] = shared + docs[k][4:]
    pairs = find_duplicates([list(enumerate(d, 1)) for d in docs], 0.8)
    assert [(p.a, p.b) for p in pairs] == [(a, b) for i, a in enumerate(group) for b in group[i + 1:]]
