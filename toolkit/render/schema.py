"""Template schemas (``templates/NAME.yaml``) and validation of data records.

A schema lists a template's fields with their Chinese labels and types
(text, int, number, date, list, table). ``validate`` coerces every record to those
types and reports *every* problem of *every* record at once, so a user fixes
the spreadsheet in one go.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from toolkit.cn.dates import parse_date
from toolkit.cn.numbers import cn_to_int
from toolkit.cn.text import compact
from toolkit.errors import UsageError, library_words
from toolkit.resources import TEMPLATES_DIR

TYPES = ("text", "int", "number", "date", "list", "table")
DRAFT = "draft"  # templates/draft.yaml: the facts ``tuanwen draft`` writes from (no .docx of its own)
TYPE_CN = {"text": "文本", "int": "整数", "number": "数字", "date": "日期", "list": "列表", "table": "表格"}
_EXPECTED = {
    "int": "应为整数，如 32",
    "number": "应为数字，如 4.5",
    "date": "应为日期，如 2004-05",
    "list": "应为列表（每行一项，或用顿号、逗号分隔）",
    "table": "应为表格（若干行，每行按列填写）",
    "text": "应为文字",
}
_SCIENTIFIC = re.compile(r"^\s*\d(?:\.\d+)?E\+(?:1[0-9]|[2-9]\d)\s*$", re.I)  # 3.20106E+17 (CSV from Excel)
_LIST_SPLIT = re.compile(r"[、，,；;]+")


@dataclass(slots=True)
class Field:
    name: str
    label: str
    type: str = "text"
    required: bool = False
    description: str = ""
    example: Any = None
    columns: list[Field] = field(default_factory=list)
    choices: tuple[str, ...] = ()  # the only values a text field takes (性别: 男, 女)

    def describe(self) -> str:
        """``“出生年月”(birth)`` for messages."""
        return f"“{self.label}”({self.name})"


@dataclass(slots=True)
class Schema:
    name: str
    title: str = ""
    description: str = ""
    filename: str = ""
    fields: list[Field] = field(default_factory=list)
    path: Path | None = None

    def field(self, key: str) -> Field | None:
        return match_field(self.fields, key)

    def example_record(self) -> dict[str, Any]:
        """A record of the fields' examples: a copy the caller may change."""
        return copy.deepcopy({f.name: f.example for f in self.fields if f.example is not None})


def norm_key(text: object) -> str:
    """Key used to match a column header to a field: no spaces, half-width, lower case."""
    return unicodedata.normalize("NFKC", compact(str(text))).lower()


def match_field(fields: list[Field], key: object) -> Field | None:
    """The field whose name or label equals ``key`` (ignoring spaces and width)."""
    k = norm_key(key)
    for f in fields:
        if k in (norm_key(f.name), norm_key(f.label)):
            return f
    return None


def _field(raw: Any, where: str) -> Field:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise UsageError(f"{where}：每个字段都要有 name")
    ftype = raw.get("type", "text")
    if ftype not in TYPES:
        raise UsageError(f"{where}：字段 {raw['name']} 的类型“{ftype}”无效，应为 {'/'.join(TYPES)} 之一")
    columns = [_field(c, where) for c in raw.get("columns") or []]
    if ftype == "table" and not columns:
        raise UsageError(f"{where}：表格字段 {raw['name']} 缺少 columns")
    choices = raw.get("choices") or []
    if not isinstance(choices, list) or (choices and ftype != "text"):
        raise UsageError(f"{where}：字段 {raw['name']} 的 choices 应是文字字段的可选值列表")
    return Field(name=str(raw["name"]), label=str(raw.get("label") or raw["name"]), type=ftype,
                 required=bool(raw.get("required", False)), description=str(raw.get("description") or ""),
                 example=raw.get("example"), columns=columns, choices=tuple(map(str, choices)))


def parse_schema(raw: Any, where: str = "模板说明", path: Path | None = None) -> Schema:
    if not isinstance(raw, dict) or not isinstance(raw.get("fields"), list):
        raise UsageError(f"{where}格式不对：应包含 fields 列表")
    return Schema(name=str(raw.get("name") or (path.stem if path else "")), title=str(raw.get("title") or ""),
                  description=str(raw.get("description") or ""), filename=str(raw.get("filename") or ""),
                  fields=[_field(f, where) for f in raw["fields"]], path=path)


def builtin_names() -> list[str]:
    """Names of the built-in templates (a .docx with its .yaml beside it)."""
    return sorted(p.stem for p in TEMPLATES_DIR.glob("*.yaml") if p.with_suffix(".docx").is_file())


def load_schema(name_or_path: str | Path) -> Schema:
    """Load a built-in schema by name, or a schema .yaml by path."""
    import yaml

    path = Path(name_or_path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = TEMPLATES_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        names = "、".join(builtin_names()) or "（无）"
        raise UsageError(f"找不到模板“{name_or_path}”。内置模板有：{names}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UsageError(f"模板说明 {path.name} 无法解析（不是有效的 YAML 或不是 UTF-8 编码）",
                         detail=library_words(exc)) from None
    return parse_schema(raw, f"模板说明 {path.name}", path)


@dataclass(slots=True)
class TemplateSpec:
    path: Path
    schema: Schema | None
    builtin: str | None  # name of a built-in template, for prepare_context

    @property
    def stem(self) -> str:
        return self.builtin or self.path.stem


def resolve_template(template: str | Path) -> TemplateSpec:
    """A built-in name, or a .docx path (with an optional NAME.yaml schema beside it)."""
    path = Path(template)
    if path.suffix.lower() == ".docx":
        if not path.is_file():
            raise UsageError(f"找不到模板文件 {path}")
        sibling = path.with_suffix(".yaml")
        builtin = path.stem if path.resolve().parent == TEMPLATES_DIR.resolve() else None
        return TemplateSpec(path, load_schema(sibling) if sibling.is_file() else None, builtin)
    if str(template) in builtin_names():
        return TemplateSpec(TEMPLATES_DIR / f"{template}.docx", load_schema(str(template)), str(template))
    names = "、".join(builtin_names()) or "（无）"
    raise UsageError(f"找不到模板“{template}”：应为内置模板名（{names}）或 .docx 文件路径")


# --- coercion -------------------------------------------------------------

class _Bad(Exception):
    """A value that does not fit its field's type."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple, dict)) and not value)


def _coerce_int(value: Any) -> int:
    if isinstance(value, bool):
        raise _Bad
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _Bad
    s = str(value).strip()
    n = cn_to_int(s)
    # '32', '三十二', '32人', '五名' — but not '32.5' or '约30'
    if n is None or re.match(r"^[\d０-９]+[.．]\d", s):
        raise _Bad
    return n


_DECIMAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:小时|学时|h|H|分)?\s*$")


def _coerce_number(value: Any) -> int | float:
    """A measure that may have decimals (4.5 hours); whole numbers stay integers."""
    if isinstance(value, bool):
        raise _Bad
    if isinstance(value, (int, float)):
        x = float(value)
    else:
        m = _DECIMAL.match(unicodedata.normalize("NFKC", str(value)))
        if not m:
            return _coerce_int(value)  # 三十 is a number too
        x = float(m.group(1))
    if x < 0:
        raise _Bad
    return int(x) if x.is_integer() else x


def _coerce_date(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1900 <= value <= 2100:
        raise _Bad(f"应为日期，如 2019-05，实际只有年份“{value:g}”；请写上月份")  # not an Excel serial of 1905
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 100000:
        # An Excel serial date that arrived as a number (CSV exports)
        value = dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    d = parse_date(value)
    if d is None or not d.valid:
        raise _Bad
    return d.iso()


def _coerce_list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value]
    else:
        text = str(value)
        # Items that are sentences (lines, or text with 。) keep their commas: one item per line.
        by_line = "\n" in text.strip() or "。" in text
        items = [s.strip() for s in (text.splitlines() if by_line else _LIST_SPLIT.split(text))]
    return [s for s in items if s]


def _coerce_text(value: Any) -> str:
    if (isinstance(value, float) and abs(value) >= 1e15) or (isinstance(value, str) and _SCIENTIFIC.match(value)):
        # Excel keeps 15 significant digits: an 18-digit ID typed as a number has lost its last ones
        shown = f"{value:.5E}" if isinstance(value, float) else value.strip()
        raise _Bad(f"是长数字，但 Excel 把它存成了数值（{shown}），末几位已经丢失；"
                   "请把这一列设为“文本”格式后重新输入（或在数字前加英文单引号 '）")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if not value.time() else value
    if isinstance(value, (dict, list, tuple)):
        raise _Bad
    return str(value).strip()


_COERCE = {"int": _coerce_int, "number": _coerce_number, "date": _coerce_date, "list": _coerce_list,
           "text": _coerce_text}


def _shown(value: Any) -> str:
    s = str(value)
    return s if len(s) <= 30 else s[:30] + "…"


# Names row j (from 1) of a table field, whose values are the dict given, in messages.
RowNamer = Callable[[Field, int, dict], str]


def _coerce_fields(fields: list[Field], record: dict, where: str, errors: list[str],
                   fill: Callable[[Field], Any] | None, row_where: RowNamer | None = None) -> dict[str, Any]:
    """Coerce one record (or one table row); append messages to ``errors``."""
    out: dict[str, Any] = {}
    keyed = {norm_key(k): v for k, v in record.items()}
    for f in fields:
        value = record[f.name] if f.name in record else keyed.get(norm_key(f.name), keyed.get(norm_key(f.label)))
        if is_blank(value):
            if f.required and fill is None:
                errors.append(f"{where}：缺少必填字段{f.describe()}")
            out[f.name] = fill(f) if f.required and fill else ([] if f.type in ("list", "table") else "")
            continue
        if f.type == "table":
            out[f.name] = _coerce_table(f, value, where, errors, fill,
                                        row_where or (lambda t, j, _: f"{where}“{t.label}”第{j}行"))
            continue
        try:
            out[f.name] = _COERCE[f.type](value)
            if f.choices and out[f.name] not in f.choices:
                raise _Bad(f"只能是 {' 或 '.join(f.choices)}，实际为“{_shown(value)}”")
        except _Bad as exc:
            errors.append(f"{where}：字段{f.describe()} {exc.args[0] if exc.args else _EXPECTED[f.type]}"
                          + ("" if exc.args else f"，实际为“{_shown(value)}”"))
    return out


def _coerce_table(f: Field, value: Any, where: str, errors: list[str],
                  fill: Callable[[Field], Any] | None, row_where: RowNamer) -> list[dict]:
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(r, dict) for r in value):
        errors.append(f"{where}：字段{f.describe()} {_EXPECTED['table']}，实际为“{_shown(value)}”")
        return []
    return [_coerce_fields(f.columns, row, row_where(f, i, row), errors, fill) for i, row in enumerate(value, 1)]


def validate(schema: Schema, records: list[dict], fill_missing: Callable[[Field], Any] | None = None,
             describe: Callable[[int], str] = lambda i: f"第{i + 1}条记录",
             describe_row: Callable[[int, Field, int, dict], str] | None = None) -> tuple[list[dict], list[str]]:
    """Coerce ``records`` to the schema's types.

    Returns the coerced records and the list of Chinese error messages, one
    per problem, for every record. Blank optional fields become ``""`` (lists
    and tables ``[]``) so templates can test them. With ``fill_missing``
    (``--draft``), a blank required field takes ``fill_missing(field)``
    instead of being an error. ``describe(i)`` names record ``i`` (from 0) in the messages,
    ``describe_row(i, table, j, row)`` row ``j`` (from 1) of its table field ``table`` (by default
    ``第1条记录“推荐对象”第2行``).
    """
    coerced, errors = [], []
    for i, record in enumerate(records):
        row_where = (lambda t, j, row, i=i: describe_row(i, t, j, row)) if describe_row else None
        coerced.append(_coerce_fields(schema.fields, record, describe(i), errors, fill_missing, row_where))
    return coerced, errors
