"""Red-team QA: clean prose written the way a careful secretary writes it (numbers
with 万, percentages, 2025—2026学年, 19:30, PPT/QQ群/2.0版, URLs, 《》, quotes over
two sentences, ordered lists, a 通知 with 发文字号 and 附件) gets no error and
no warning; then one mistake at a time is planted and found at its paragraph,
with its severity and a Chinese message."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Docx

from toolkit.app.check import run_check
from toolkit.lang import typo

SUM = [
    "化工2201团支部2025—2026学年第一学期工作总结",
    "本学期，化工2201团支部在学院团委的指导下，围绕“学习强国、青春建功”主题，扎实开展各项工作。现将有关情况总结如下。",
    "一、基本情况",
    "本支部现有团员40名，其中入党积极分子12名，占团员总数的30%。本学期共召开团支部大会6次，其中主题团日活动3次、组织生活会2次、推优大会1次。",
    "二、主要做法",
    "（一）加强思想引领",
    "1. 组织团员观看《榜样9》专题节目，撰写观后感40篇。",
    "2. 依托QQ群和微信公众号推送学习资料，累计阅读量达1.2万次。",
    "（二）开展志愿服务",
    "支部组织团员参加社区志愿服务，累计服务时长达520小时，人均13小时。全年共募集爱心图书约3000册。",
    "（1）每周三19:30在实训楼开展学业帮扶；",
    "（2）制作PPT课件15份，整理《高等数学》复习资料2.0版。",
    "三、取得成效",
    "支部团员四级考试通过率达95.5%，较上学年提高了8.5个百分点。支部获评校级“五四红旗团支部”。活动报道发布于https://www.example.edu.cn/news/2026/1009.html，受到广泛关注。",
    "正如一位同学所说：“志愿服务让我懂得了责任。也让我看到了自己的成长。”",
    "四、存在不足",
    "一是部分团员参与积极性不高；二是活动形式有待创新。",
    "五、下一步打算",
    "下一步，支部将继续以习近平新时代中国特色社会主义思想为指导，认真学习贯彻党的二十大精神，推动支部工作再上新台阶。",
    "共青团化工2201团支部",
    "2026年1月10日"]
NOT = [
    "共青团化学化工学院委员会文件",
    "院团发〔2026〕7号",
    "关于开展2026年度推优入党工作的通知",
    "各团支部：",
    "根据《共青团推优入党工作实施办法》要求，经研究，决定开展2026年度推优入党工作。现将有关事项通知如下。",
    "一、推荐对象",
    "年满18周岁、团龄满1年的共青团员。",
    "二、工作安排",
    "（一）10月9日至10月15日，各团支部召开团支部大会进行民主推荐。",
    "（二）10月20日17:00前，各团支部将推优汇总表电子版发送至邮箱tw@example.edu.cn。",
    "三、工作要求",
    "各团支部要严格标准、规范程序，确保推优工作公平、公正、公开。",
    "附件：1.推优登记表",
    "2.推优汇总表",
    "共青团化学化工学院委员会",
    "2026年10月9日"]
BUL = [
    "团 学 简 报",
    "第5期",
    "化学化工学院团委编                2026年10月20日",
    "【本期要目】",
    "学院召开2026年度推优入党工作部署会",
    "化工2201团支部开展“青春心向党”主题团日活动",
    "学院召开2026年度推优入党工作部署会",
    "10月9日下午，学院团委在实训楼201会议室召开推优入党工作部署会，各团支部书记共32人参加会议。会议由学院团委书记主持。",
    "会上，学院团委副书记解读了《共青团推优入党工作实施办法》，并就推荐条件、推荐程序和材料报送等作了具体说明。他强调，推优工作要坚持标准、严格程序，做到“成熟一个、推荐一个”。",
    "化工2201团支部开展“青春心向党”主题团日活动",
    "10月15日晚，化工2201团支部在线上线下同步开展主题团日活动，全体团员40人参加。活动分为“学”“讲”“做”三个环节，同学们结合所学专业，畅谈了对新时代青年使命的认识。",
    "据统计，本学期学院共开展主题团日活动56场，参与团员2300余人次，覆盖率达98%以上。",
    "报：校团委",
    "送：学院党委",
    "发：各团支部"]
MIN = [
    "化工2201团支部推优大会会议记录",
    "会议时间：2026年10月12日19:30",
    "会议地点：实训楼305教室",
    "主持人：李明（团支部书记）",
    "记录人：王芳",
    "应到人数：32人    实到人数：30人",
    "缺席人员：赵强（病假）、孙丽（事假）",
    "会议议程：",
    "1. 团支部书记介绍推优工作要求和候选人基本情况；",
    "2. 候选人作自我介绍；",
    "3. 全体到会团员无记名投票；",
    "4. 当场计票并公布结果。",
    "表决结果：",
    "张三：赞成27票，反对2票，弃权1票；",
    "李丽：赞成28票，反对1票，弃权1票。",
    "根据表决结果，张三、李丽2名同学赞成票均超过应到会人数的半数，确定为本支部推优对象，报学院团委审核。",
    "记录人：王芳",
    "2026年10月12日"]

CLEAN = {"summary": SUM, "notice": NOT, "bulletin": BUL, "minutes": MIN}


def save(path: Path, lines: list[str]) -> Path:
    d = Docx()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)
    return path


def check(paths):
    result, _ = run_check([str(p) for p in paths], jobs=1)
    return result


def test_clean_documents_get_no_findings(tmp_path):
    paths = [save(tmp_path / f"{kind}.docx", lines) for kind, lines in CLEAN.items()]
    result = check(paths)
    assert {Path(s.file).stem: s.kind for s in result.files} == {k: k for k in CLEAN}
    # The notice's text is clean; its page is python-docx's (Letter, no footer): the
    # 公文 layout rules (TW607–TW611) rightly warn about that, and only that.
    layout = {"TW607", "TW608", "TW609", "TW610", "TW611"}
    assert [(f.rule, f.message) for f in result.findings if f.rule not in layout] == []
    assert {f.severity for f in result.findings} <= {"warning"}


@pytest.mark.parametrize("sentence", [
    "认真学习贯彻党的二十大精神。",          # 习贯 is not 习惯 here
    "团组织要时刻服务团员青年。",            # 刻服 is not 克服
    "据本报消息，活动圆满结束。",            # 报消 is not 报销
    "三个学期成绩累计排名前20%。",           # 绩累 is not 积累
])
def test_lexicon_reads_words_across_boundaries(tmp_path, sentence):
    result = check([save(tmp_path / "s.docx", ["化工2201团支部工作总结", sentence])])
    assert not [f for f in result.findings if f.category == "typo"]


@pytest.mark.parametrize("sentence", [
    "10月9日至10月15日，各团支部召开团支部大会进行民主推荐。",
    "请于10月20日前将材料报至学院团委办公室。",
    "五是加强宣传引导。",
    "会议地点：实训楼305教室",
])
def test_confusable_check_leaves_function_words_and_field_terms(sentence):
    assert list(typo.confusables(sentence)) == []


# (document, paragraph from 0, old, new, rule, severity)
PLANTED = [
    (SUM, 1, "化工2201团支部在学院团委", "××团支部在学院团委", "TW102", "error"),
    (SUM, 3, "其中主题团日活动3次、组织生活会2次、推优大会1次。", "经支部大会表决，确定张三、李丽、王五为推优对象，共推荐4人。",
     "TW201", "error"),
    (SUM, 3, "其中主题团日活动3次", "其中主题团日活动4次", "TW251", "error"),
    (SUM, 3, "占团员总数的30%", "占团员总数的35%", "TW252", "error"),
    (SUM, 6, "撰写观后感40篇", "于2025年9月31日撰写观后感40篇", "TW451", "error"),
    (SUM, 1, "本学期，化工", "本学期,化工", "TW551", "warning"),
    (SUM, 14, "自己的成长。”", "自己的成长。", "TW552", "warning"),
    (SUM, 16, "有待创新。", "有待创新...", "TW553", "warning"),
    (NOT, 1, "〔2026〕7号", "[2026]7号", "TW601", "error"),
    (NOT, 1, "〔2026〕7号", "〔2026〕第7号", "TW602", "error"),
    (NOT, 5, "一、推荐对象", "一、推荐对象。", "TW604", "error"),
    (NOT, 12, "附件：1.推优登记表", "附件：1.推优登记表。", "TW606", "error"),
    (NOT, 15, "2026年10月9日", "2026年10月09日", "TW603", "error"),
    (MIN, 13, "弃权1票", "弃权3票", "TW301", "error"),
    (MIN, 14, "赞成28票，反对1票", "赞成16票，反对13票", "TW305", "error"),
]


@pytest.mark.parametrize("lines, index, old, new, code, severity", PLANTED,
                         ids=[f"{p[4]}-{p[1]}" for p in PLANTED])
def test_one_planted_mistake_is_found(tmp_path, lines, index, old, new, code, severity):
    planted = list(lines)
    assert old in planted[index]
    planted[index] = planted[index].replace(old, new, 1)
    findings = check([save(tmp_path / "d.docx", planted)]).findings
    hits = [f for f in findings if f.rule == code]
    assert len(hits) == 1, [(f.rule, f.message) for f in findings]
    assert hits[0].severity == severity and hits[0].location.paragraph == index + 1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in hits[0].message)
    assert not [f for f in findings if f.rule != code and f.severity == "error"]
