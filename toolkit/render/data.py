"""Load data records for ``generate`` from .yaml/.json/.csv/.xlsx.

Spreadsheets are matched to the schema by column header (field name or
Chinese label, ignoring spaces and full-width forms); the header row is found
even under a title row. Table fields come from spreadsheets in two ways:

* flat: columns of the table's columns, one row per table row. Scalar fields
  may sit in columns beside them (filled down, so they need only be written on
  a group's first row); consecutive rows with the same scalar values become one
  record.
* a sheet per table field, named by the field's label (what ``templates NAME
  --sheet`` writes), beside a first sheet holding one record's scalar fields.

A row whose filled cells all start with ``例：`` is the example row of a blank
workbook and is skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import json
from pathlib import Path
from typing import Any

from ..errors import UsageError, describe_os_error, library_words
from ..read.txt import decode_text
from .schema import Field, Schema, is_blank, match_field

EXAMPLE_PREFIX = "例："
_HEADER_SCAN = 20


def load_records(path: Path, schema: Schema | None = None) -> list[dict[str, Any]]:
    """Read every record of a data file; ``UsageError`` (Chinese) when it cannot."""
    path = Path(path)
    suffix = path.suffix.lower()
    loaders = {".yaml": _load_yaml, ".yml": _load_yaml, ".json": _load_json, ".csv": _load_csv, ".xlsx": _load_xlsx}
    if suffix not in loaders:
        hint = "，请在 Excel 中另存为 .xlsx" if suffix in (".xls", ".et", ".ods") else ""
        raise UsageError(f"不支持的数据文件类型“{path.suffix or path.name}”：应为 .yaml、.json、.csv 或 .xlsx{hint}")
    try:
        records = loaders[suffix](path, schema)
    except OSError as exc:
        raise UsageError(f"无法读取数据文件 {path.name}：{describe_os_error(exc).split('：', 1)[-1]}",
                         detail=library_words(exc)) from None
    if not records:
        raise UsageError(f"数据文件 {path.name} 中没有任何记录")
    return records


# --- YAML / JSON -----------------------------------------------------------

def _records_of(raw: Any, name: str) -> list[dict]:
    if isinstance(raw, dict) and isinstance(raw.get("records"), list):
        raw = raw["records"]
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise UsageError(f"数据文件 {name} 应为一条记录（键值对）或记录列表")
    for i, rec in enumerate(raw, 1):
        if not isinstance(rec, dict):
            raise UsageError(f"数据文件 {name} 第{i}条记录不是键值对（实际为“{str(rec)[:30]}”）")
    return raw


def _load_yaml(path: Path, schema: Schema | None) -> list[dict]:
    import yaml

    try:
        raw = yaml.safe_load(_decode(path.read_bytes(), path.name))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise UsageError(f"数据文件 {path.name} {where}不是有效的 YAML：{getattr(exc, 'problem', exc)}") from None
    return _records_of(raw, path.name)


def _load_json(path: Path, schema: Schema | None) -> list[dict]:
    try:
        raw = json.loads(_decode(path.read_bytes(), path.name))
    except json.JSONDecodeError as exc:
        raise UsageError(f"数据文件 {path.name} 第{exc.lineno}行第{exc.colno}列不是有效的 JSON（括号、引号或逗号有误）",
                         detail=library_words(exc)) from None
    return _records_of(raw, path.name)


def _decode(data: bytes, name: str) -> str:
    # The readers' detection: BOMs (UTF-8, UTF-16), then UTF-8, then GB18030 ⊇ GBK.
    text = decode_text(data)
    if text is None:
        raise UsageError(f"数据文件 {name} 的编码无法识别：请保存为 UTF-8 或 GBK")
    return text


# --- CSV / XLSX ------------------------------------------------------------

def _load_csv(path: Path, schema: Schema | None) -> list[dict]:
    text = _decode(path.read_bytes(), path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    return rows_to_records(rows, schema, path.name)


def _load_xlsx(path: Path, schema: Schema | None) -> list[dict]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UsageError(f"数据文件 {path.name} 无法作为 .xlsx 打开，文件可能已损坏", detail=library_words(exc)) from None
    try:
        sheets = {ws.title: [[_xlsx_value(c) for c in r] for r in ws.iter_rows()] for ws in wb.worksheets}
    finally:
        wb.close()
    first, *others = sheets
    tables: list[tuple[Field, list]] = []
    if schema:
        for title in others:
            f = match_field([f for f in schema.fields if f.type == "table"], title)
            if f:
                tables.append((f, sheets[title]))
    records = rows_to_records(sheets[first], schema, f"{path.name}“{first}”页", allow_empty=bool(tables))
    if tables:
        records = records or [{}]
        if len(records) > 1:
            raise UsageError(f"数据文件 {path.name}：表格字段在单独的工作表中填写时，“{first}”页只能填一条记录")
        for f, rows in tables:
            records[0][f.name] = _table_rows(rows, f, f"{path.name}“{f.label}”页")
    return records


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _xlsx_value(cell: Any) -> Any:
    """A cell's value; a date shown without its day (``yyyy-mm``, ``yyyy"年"m"月"``, what Excel
    makes of a typed ``2004-05``) is the month ``2004-05``, not the 1st of that month."""
    value = getattr(cell, "value", None)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        shown = _FORMAT_LITERALS.sub("", str(getattr(cell, "number_format", "") or "")).lower()
        if "y" in shown and "m" in shown and "d" not in shown:
            return f"{value.year:04d}-{value.month:02d}"
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _is_example(row: list) -> bool:
    filled = [v for v in row if not is_blank(v)]
    return bool(filled) and all(isinstance(v, str) and v.startswith(EXAMPLE_PREFIX) for v in filled)


def _find_header(rows: list[list], fields: list[Field], where: str) -> int:
    """Index of the header row: the early row naming the most fields."""
    best, best_hits = -1, 0
    for i, row in enumerate(rows[:_HEADER_SCAN]):
        hits = sum(1 for v in row if not is_blank(v) and _match_any(fields, v))
        if hits > best_hits:
            best, best_hits = i, hits
    if best < 0:
        names = "、".join(f.label for f in fields[:8])
        raise UsageError(f"{where}：找不到表头行（前{_HEADER_SCAN}行中没有一列是模板字段，如 {names}）")
    return best


def _match_any(fields: list[Field], header: Any) -> Field | None:
    f = match_field(fields, header)
    if f:
        return f
    for t in fields:
        if t.type == "table" and match_field(t.columns, header):
            return t
    return None


def _body(rows: list[list], header: int) -> list[list]:
    out = []
    for row in rows[header + 1:]:
        row = [_cell(v) for v in row]
        if all(is_blank(v) for v in row) or _is_example(row):
            continue
        out.append(row)
    return out


def _table_rows(rows: list[list], f: Field, where: str) -> list[dict]:
    header = _find_header(rows, f.columns, where)
    cols = [(j, match_field(f.columns, h)) for j, h in enumerate(rows[header]) if not is_blank(h)]
    return [{c.name: row[j] for j, c in cols if c and j < len(row)} for row in _body(rows, header)]


def rows_to_records(rows: list[list], schema: Schema | None, where: str,
                    allow_empty: bool = False) -> list[dict]:
    """Turn spreadsheet rows (header somewhere near the top) into records."""
    if schema is None:
        return _plain_records(rows, where)
    header = _find_header(rows, schema.fields, where)
    scalars: dict[int, Field] = {}
    table_cols: dict[int, tuple[Field, Field]] = {}
    for j, h in enumerate(rows[header]):
        if is_blank(h):
            continue
        f = match_field(schema.fields, h)
        if f and f.type != "table":
            scalars[j] = f
            continue
        for t in schema.fields:
            c = match_field(t.columns, h) if t.type == "table" else None
            if c:
                table_cols[j] = (t, c)
                break
    body = _body(rows, header)
    if not body and not allow_empty:
        raise UsageError(f"{where}：表头下面没有数据行")
    if not table_cols:
        # unmatched columns are kept under their header so that a misspelt one can be pointed out
        keys = {j: (scalars[j].name if j in scalars else str(h).strip())
                for j, h in enumerate(rows[header]) if not is_blank(h)}
        return [{k: row[j] for j, k in keys.items() if j < len(row)} for row in body]
    return _grouped(body, scalars, table_cols)


def _grouped(body: list[list], scalars: dict[int, Field], table_cols: dict[int, tuple[Field, Field]]) -> list[dict]:
    """Flat rows → one record per run of rows sharing the scalar values (filled down)."""
    records: list[dict] = []
    current: dict[str, Any] = {}
    key = None
    for row in body:
        values = {f.name: row[j] if j < len(row) else None for j, f in scalars.items()}
        if any(not is_blank(v) for v in values.values()) or key is None:
            merged = {k: (current.get(k) if is_blank(v) else v) for k, v in values.items()}
            if key is None or merged != current:
                current, key = merged, object()
                records.append(dict(current))
        tables: dict[str, dict] = {}
        for j, (t, c) in table_cols.items():
            if j < len(row) and not is_blank(row[j]):
                tables.setdefault(t.name, {})[c.name] = row[j]
        for name, cells in tables.items():
            records[-1].setdefault(name, []).append(cells)
    return records


def _plain_records(rows: list[list], where: str) -> list[dict]:
    """Without a schema: the first row with two or more filled cells is the header."""
    filled = [i for i, r in enumerate(rows[:_HEADER_SCAN]) if sum(not is_blank(v) for v in r) >= 2]
    header = filled[0] if filled else 0
    if not rows:
        raise UsageError(f"{where}：是空的")
    names = [str(h).strip() if not is_blank(h) else None for h in rows[header]]
    return [nest({n: row[j] for j, n in enumerate(names) if n and j < len(row)}) for row in _body(rows, header)]


def nest(record: dict[str, Any]) -> dict[str, Any]:
    """``{'person.name': 'x'}`` → ``{'person': {'name': 'x'}}`` (user templates' nested paths)."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        *parents, leaf = str(key).split(".") if "." in str(key) else [key]
        node = out
        for p in parents:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise UsageError(f"列名“{key}”与列“{p}”冲突")
        node[leaf] = value
    return out
