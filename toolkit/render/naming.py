"""Output file names from a pattern such as ``{团支部}_{姓名}.docx``.

Placeholders are field names or Chinese labels, plus ``{序号}`` (the record's
number from 1). Names are cleaned with ``toolkit.files.safe_filename`` and
checked with ``inside`` so that data cannot steer a file out of OUTDIR;
duplicates within one batch get ``_2``, ``_3`` …
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from toolkit.errors import UsageError
from toolkit.files import inside

from .schema import Schema, is_blank, match_field

SEQ = ("序号", "n", "index")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def default_pattern(schema: Schema | None, stem: str) -> str:
    return (schema.filename if schema and schema.filename else "") or f"{stem}_{{序号}}.docx"


def _value(key: str, record: dict[str, Any], schema: Schema | None, number: int) -> str:
    key = key.strip()
    if key in SEQ:
        return str(number)
    f = match_field(schema.fields, key) if schema else None
    name = f.name if f else key
    if name not in record:
        known = "、".join([f"{x.label}({x.name})" for x in schema.fields if x.type != "table"] if schema
                         else list(record)) or "（无）"
        raise UsageError(f"文件名模式中的“{{{key}}}”不是模板字段。可用的有：{known}、序号")
    value = record[name]
    if isinstance(value, list):
        value = "、".join(map(str, value))
    # strip the --draft marker's private-use delimiters (see engine.draft_marker)
    return "" if is_blank(value) else str(value).replace("\ue000", "").replace("\ue001", "")


def output_paths(pattern: str, records: list[dict[str, Any]], outdir: Path,
                 schema: Schema | None = None) -> list[Path]:
    """One safe, distinct ``.docx`` path inside ``outdir`` per record."""
    if re.search(r"[{}]", _PLACEHOLDER.sub("", pattern)):
        raise UsageError(f"文件名模式“{pattern}”中的花括号不成对：字段应写成 {{字段名}}，如 {{团支部}}_{{姓名}}.docx")
    if not pattern.lower().endswith(".docx"):
        pattern += ".docx"
    taken: set[str] = set()
    paths = []
    for i, record in enumerate(records, 1):
        name = _PLACEHOLDER.sub(lambda m: _value(m.group(1), record, schema, i), pattern)
        path = inside(outdir, name)
        stem, n = path.stem, 1
        while path.name.lower() in taken:
            n += 1
            path = path.with_name(f"{stem}_{n}{path.suffix}")
        taken.add(path.name.lower())
        paths.append(path)
    return paths
