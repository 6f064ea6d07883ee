"""Our own outputs, recognised so that a later run over the same folder does not read them back as
submissions (``convert 提交 -o 提交/汇总.xlsx`` run twice must not count every record twice).

Workbooks and annotated copies carry ``MARK`` in their document properties (keywords); the text
outputs are known by how they begin or end (a Markdown text version ends with ``MD_MARK``, the HTML
report names its generator). ``tuanwen.toml`` (the checker's settings) is no submission either.
"""

from __future__ import annotations

import os
import re
import zipfile

MARK = "tuanwen-output"
MD_MARK = "<!-- 由团文 tuanwen 转换 -->"
HTML_MARK = '<meta name="generator" content="tuanwen">'
CONFIG_NAME = "tuanwen.toml"

OWN_OUTPUT = "这是团文自己写出的结果文件（汇总表、报告、批注副本或文字版），不是提交材料，已跳过"
CONFIG_FILE = "这是团文的配置文件（tuanwen.toml），不是提交材料，已跳过"

_TEXT_HEADS = [
    re.compile(r'^\ufeff?文件,类型,'),                      # convert .csv
    re.compile(r'^\[\s*\{\s*"文件": '),                    # convert .json
    re.compile(r'^\{"文件": '),                             # convert .jsonl
    re.compile(r'^\{\s*"files": \[\s*(\]|\{\s*"file": )'),  # check --format json
]
_TEXT_TAILS = [re.compile(re.escape(MD_MARK) + r"\s*$"),
               re.compile(r"共 \d+ 份文件：已审查 \d+ 份，无法读取 \d+ 份，跳过 \d+ 份")]  # check's text report
_PROBE = 1024
_TAIL = 65536  # the text report's summary line comes before its list of unreadable files


def is_own_output(path: str) -> bool:
    """True when ``path`` is a file this toolkit wrote (see the module's doc)."""
    ext = os.path.splitext(path)[1].lower()
    try:
        if ext in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as z:
                return MARK.encode() in z.read("docProps/core.xml")[:65536]
        with open(path, "rb") as fh:
            head = fh.read(_PROBE)
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - _TAIL))
            tail = fh.read()
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, NotImplementedError):
        return False
    head_text = head.decode("utf-8", "ignore")
    tail_text = tail.decode("utf-8", "ignore")
    if ext in (".html", ".htm"):
        return HTML_MARK in head_text
    return any(p.search(head_text) for p in _TEXT_HEADS) or any(p.search(tail_text) for p in _TEXT_TAILS)


def not_a_submission(path: str) -> str | None:
    """Why a file found under a named folder is not a submission, or None."""
    if os.path.basename(path) == CONFIG_NAME:
        return CONFIG_FILE
    return OWN_OUTPUT if is_own_output(path) else None
