"""The statistical kind classifier, measured on held-out texts written for this test."""

from __future__ import annotations

from toolkit.lang.classify import classify_text

HELD_OUT = [
    ("registration_form", "推荐入党积极分子人选登记表\n姓名\n黄若曦\n性别\n女\n出生年月\n2004.10\n入团时间\n2019.03\n团内职务\n团支书\n团支部大会表决意见"),
    ("registration_form", "姓名：吴思远  性别：男  出生日期：2003年6月\n身份证号：\n入团时间：2018年5月\n所在团支部：机械2203团支部"),
    ("registration_form", "团员登记表\n姓名\n民族\n籍贯\n入团时间\n入团地点\n介绍人\n本人签字"),
    ("tally", "推优结果汇总表\n序号\n团支部\n姓名\n应到人数\n实到人数\n赞成票\n反对票\n弃权票\n1\n2\n合计"),
    ("tally", "2026年团员发展情况统计\n学院\n发展人数\n团员总数\n占比\n总计"),
    ("tally", "主题团日活动开展情况一览表\n团支部\n活动次数\n参加人次\n合计"),
    ("register_log", "推荐表领取和上交登记\n团支部\n领取份数\n领取人\n上交份数\n上交日期\n备注"),
    ("register_log", "表格发放回收登记表\n序号\n支部\n发放数量\n领取人签名\n回收数量"),
    ("summary", "团支部2025-2026学年第一学期工作总结\n本学期，我支部在院团委的正确领导下，认真落实各项工作任务，现总结如下。\n一、主要工作"),
    ("summary", "青年志愿者服务队年度工作汇报\n一年来，服务队累计开展活动20次，服务时长500小时。存在的问题是经费不足。下一步将拓展服务项目。"),
    ("summary", "二、取得的成效\n支部凝聚力不断增强，3名同学被确定为入党积极分子。\n三、存在的问题\n四、今后的打算"),
    ("notice", "关于开展团员教育评议工作的通知\n各团支部：\n根据上级要求，现就2026年团员教育评议工作通知如下：\n一、评议时间"),
    ("notice", "院团发〔2026〕15号\n关于举办团支部书记培训班的通知\n各团总支：\n特此通知。\n附件：报名表"),
    ("bulletin", "团委工作简报\n第9期\n院团委编\n2026年6月1日\n【工作动态】我院召开青马工程结业式\n报送：校团委"),
    ("bulletin", "志愿者工作动态\n2026年第2期\n本期要目：一、暑期实践出征；二、社区服务"),
    ("minutes", "团支部推优大会会议记录\n时间：2026年5月15日\n地点：实验楼101\n主持人：刘一诺\n记录人：杨明轩\n应到31人，实到29人"),
    ("minutes", "支部委员会会议记录\n参会人员：\n会议议题：\n讨论情况：\n会议决定：\n记录人："),
]


def test_classifier_accuracy_on_held_out_texts():
    right = [kind for kind, text in HELD_OUT if classify_text(text)[0] == kind]
    assert len(right) / len(HELD_OUT) >= 0.85


def test_classifier_is_deterministic_and_gives_a_probability():
    kind, p = classify_text(HELD_OUT[0][1])
    assert (kind, p) == classify_text(HELD_OUT[0][1])
    assert 0 < p <= 1
