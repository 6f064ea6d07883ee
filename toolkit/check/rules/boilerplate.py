"""Boilerplate rules (TW150–199): residue of template websites (范文网站)."""

from __future__ import annotations

import re
from typing import Iterator

from ...lang import patterns
from ...model import Location
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import Unit, excerpt, units

# Entries whose line heads a list of links (related articles, searches).
_LIST_HEADS = frozenset({"为你推荐", "相关列表标题"})
# A line of such a list: a short title, no sentence inside (a 。，；！？ would make it prose).
_TITLE_LINE = re.compile(r"^[^。，；！？,;!?]{4,40}$")
_HEAD_ONLY = re.compile(r"^\s*[【\[]?[\u4e00-\u9fffA-Za-z]{2,12}[】\]]?\s*[：:]?\s*$")


def _titles_after(paragraphs: list[Unit], i: int) -> int:
    """How many title-shaped lines follow the list heading at ``paragraphs[i]``."""
    n = 0
    for unit in paragraphs[i + 1:]:
        if not _TITLE_LINE.match(unit.text.strip()):
            break
        n += 1
    return n


@rule("TW150", "boilerplate", "error", "范文网站残留：如“本站为你精心整理”“首页 > 范文”“相关文章”“浏览次数：”")
def residue(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：从范文网站复制总结时留下的文字：推荐语（“本站为你精心整理”“为你推荐”）、网站名（文秘写作网）、
    合集编号（“篇一：”“（精选5篇）”）、下载提示、版权声明和“范文”字样；以及按形状识别的网页部件：
    导航路径（“首页 > 范文 > 工作总结”）、“相关文章”“相关搜索”栏目及其下的标题列表（一并计入同一条问题）、
    文章头尾的字段（“时间: 作者: 栏目:”“浏览次数：”“责任编辑：”）、网络来源（“来源：网络”）、
    版权和备案行、文章网址。页眉页脚也检查。
    不报：通知里引用的官方平台网址（如智慧团建）、“来源：县团委”这样的出处、句子里的操作路径；
    “xx”“××”占位字样归占位符规则。
    原因：范文残留说明材料是从网上照抄的，未经本支部核实改写。
    示例：“本文由文秘写作网为你精心整理”“首页 > 范文 > 工作总结”。
    依据：项目词库 corpus/boilerplate.yaml（每条带必须报和必须不报的例句）；确定的残留报错误，
    较弱的迹象（单独的“范文”二字、孤立的“责任编辑”行）报警告。
    """
    paragraphs = list(units(sub.doc, cells=False))
    margins = [Unit(t, Location(), "paragraph") for t in sub.doc.headers + sub.doc.footers if t.strip()]
    cells = list(units(sub.doc, paragraphs=False))
    skip: set[int] = set()
    for i, unit in enumerate([*paragraphs, *margins, *cells]):
        if i in skip:
            continue
        for entry, m in patterns.boilerplate().finditer(unit.text):
            more = ""
            if entry.name in _LIST_HEADS and i < len(paragraphs) and _HEAD_ONLY.match(unit.text):
                n = _titles_after(paragraphs, i)
                skip.update(range(i + 1, i + 1 + n))
                more = f"（及其后{n}行文章标题）" if n else ""
            yield Hit(f"{entry.message}：“{m.group().strip()}”{more}，应删除", unit.location,
                      excerpt(unit.text, m.start(), m.end()), entry.severity)
