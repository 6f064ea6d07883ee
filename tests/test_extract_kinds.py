"""Every kind the genre has: a 简报/团讯/要讯/工作动态 is a bulletin whatever its
masthead (a line, a table, a brand name with only 期号, 编印单位 and 报送/分送),
and the other kinds keep theirs. Real .docx files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from toolkit.extract import classify
from toolkit.read import read

NEWS = ["为深入学习贯彻党的二十大精神，团工委于10月20日组织开展主题团日活动，各基层团支部共120余名团员青年参加。",
        "活动中，团员青年围绕岗位建功畅谈体会，纷纷表示要在建设中贡献青春力量。"]
BULLETINS = {
    "团讯": ["经开团讯", "第3期", "共青团某某经济开发区工作委员会编          2025年10月25日", "团工委组织开展主题团日活动",
            *NEWS, "报送：区党工委", "分送：各基层团组织"],
    "要讯带期号": ["团情要讯（第5期）", "共青团某某县委员会办公室              2025年11月2日", "全县团干部培训班开班", *NEWS],
    "总期号": ["共青团某某学院委员会", "工作简报", "2025年第4期（总第18期）", "编印单位：某某学院团委", *NEWS,
            "报：校团委", "送：各团支部"],
    "品牌刊头": ["青春律动", "第2期", "主办：共青团某某镇委员会", "镇团委开展志愿服务进社区活动", *NEWS,
             "抄送：镇党委", "分送：各村团支部"],
    "团学动态": ["团学动态", "2025年第9期", "某某中学团委编", "我校团委举行新团员入团仪式", *NEWS],
    "快讯": ["某某医院团委快讯", "第7期", "医院团委组织青年志愿者开展义诊", *NEWS, "报送：院党委  分送：各团支部"],
    "工作动态": ["团建工作动态（第3期）", *NEWS],
    "村团讯": ["共青团某某村支部委员会", "团讯", "第1期", *NEWS],
}
OTHERS = {
    "notice": ["共青团某某县委员会文件", "某团发〔2025〕12号", "关于开展2025年度推优入党工作的通知", "各乡镇团委：",
               "为做好推优入党工作，现将有关事项通知如下。", "一、推荐对象", "二、工作要求",
               "共青团某某县委员会", "2025年10月8日", "抄送：县委组织部"],
    "summary": ["某某村团支部2025年度工作总结", "今年以来，支部选派3名团员参加第3期青马工程培训班。",
                "一、加强思想引领", "二、服务青年成长", "某某村团支部", "2025年12月20日"],
    # A sentence among the first lines names no kind (志愿服务…时长 is a volunteer-hours title's cue).
    "summary with hours": ["柳湾村团支部2026年度工作总结", "今年以来，村团支部开展志愿服务6次，累计服务时长180小时。",
                           "组织青年参加技能培训两期，参训40人次。", "柳湾村团支部", "2026年12月10日"],
    "summary with a slogan title": ["青春心向党，建功新时代——某某镇团委2026年工作总结",
                                    "开展志愿服务12次，累计服务时长300小时。", "一、加强思想引领", "二、服务青年成长"],
    "minutes": ["团支部大会推优会议记录", "会议时间：2025年10月20日", "会议地点：村委会会议室", "主持人：李明",
                "记录人：王芳", "应到会31人，实到29人。", "会议对王某进行表决：赞成25票，反对3票，弃权1票。"],
}


def write(path: Path, lines: list[str], masthead_rows: int = 0) -> Path:
    d = docx.Document()
    if masthead_rows:
        t = d.add_table(rows=masthead_rows, cols=1)
        for i, line in enumerate(lines[:masthead_rows]):
            t.cell(i, 0).text = line
    for line in lines[masthead_rows:]:
        d.add_paragraph(line)
    d.save(path)
    return path


@pytest.mark.parametrize("masthead_rows", [0, 3])
@pytest.mark.parametrize("name", sorted(BULLETINS))
def test_bulletin_layouts(tmp_path, name, masthead_rows):
    kind, confidence = classify(read(str(write(tmp_path / "a.docx", BULLETINS[name], masthead_rows))))
    assert kind == "bulletin" and confidence > 0


@pytest.mark.parametrize("kind", sorted(OTHERS))
def test_other_kinds_stay(tmp_path, kind):
    assert classify(read(str(write(tmp_path / "a.docx", OTHERS[kind]))))[0] == kind.split()[0]
