"""Load data records for ``generate`` from .yaml/.json/.csv/.xlsx/.xls/.ods.

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
import functools
import io
import re
import json
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..cn.encoding import detect_text
from ..errors import UsageError, describe_os_error, library_words
from ..sheets import Sheet, shows_month, workbook_format
from . import limits
from .schema import Field, Schema, is_blank, match_field

EXAMPLE_PREFIX = "例："
_HEADER_SCAN = 20


class Records(list):
    """The records of a data file; ``rows[i]`` is the row of the sheet (or line of the .csv) that
    record ``i`` starts on, ``None`` where the format has no rows (.yaml, .json); ``places[i]`` maps
    a table field's name to where each of its rows stands in the file (``第7行``, ``“推荐对象”页第3行``),
    and is empty where the format has no rows. ``ignored``: the headers of a sheet with table columns
    that name no field (their values are in no record: a sheet without table columns keeps them as keys)."""

    def __init__(self, records: Iterable[dict] = (), rows: Iterable[int | None] | None = None) -> None:
        super().__init__(records)
        self.rows: list[int | None] = list(rows) if rows is not None else [None] * len(self)
        self.places: list[dict[str, list[str]]] = [{} for _ in self]
        self.ignored: list[str] = []


def load_records(path: Path, schema: Schema | None = None) -> Records:
    """Read every record of a data file; ``UsageError`` (Chinese) when it cannot."""
    path = Path(path)
    suffix = path.suffix.lower()
    loaders = {".yaml": _load_yaml, ".yml": _load_yaml, ".json": _load_json, ".csv": _load_csv, ".xlsx": _load_xlsx,
               ".xls": _load_xls, ".et": _load_xls, ".ods": _load_ods}
    if suffix not in loaders:
        raise UsageError(f"不支持的数据文件类型“{path.suffix or path.name}”：应为 .yaml、.json、.csv、.xlsx、.xls 或 .ods")
    try:
        size = path.stat().st_size
        if size > limits.DEFAULT_MAX_DATA_BYTES:
            raise UsageError(f"数据文件 {path.name} 有 {limits.mb(size)}，超过上限 {limits.mb(limits.DEFAULT_MAX_DATA_BYTES)}："
                             "一轮材料的数据不会这么大，请检查是否选错了文件")
        loader = loaders[suffix]
        if loader in _WORKBOOKS.values():  # a workbook by its content: WPS's .et is either, an .xls may be a .xlsx
            loader = _WORKBOOKS.get(workbook_format(str(path)) or "", loader)
        records = loader(path, schema)
    except OSError as exc:
        raise UsageError(f"无法读取数据文件 {path.name}：{describe_os_error(exc).split('：', 1)[-1]}",
                         detail=library_words(exc)) from None
    if not records:
        raise UsageError(f"数据文件 {path.name} 中没有任何记录")
    _check_values(records, path.name)
    return records if isinstance(records, Records) else Records(records)


def _check_values(raw: Any, name: str) -> None:
    """Refuse values beyond the limits (nesting, long text, long numbers, and how many values there
    are with YAML aliases expanded), walking the records as a template would, but counting."""
    seen = 0
    stack = [(raw, 0)]
    while stack:
        value, depth = stack.pop()
        seen += 1
        if seen > limits.DEFAULT_MAX_VALUES:
            raise UsageError(f"数据文件 {name} 展开后超过 {limits.DEFAULT_MAX_VALUES} 个值"
                             "（YAML 中的别名层层引用，疑似“别名炸弹”），已拒绝")
        if depth > limits.DEFAULT_MAX_DEPTH:
            raise _too_deep(name)
        if isinstance(value, str) and len(value) > limits.DEFAULT_MAX_TEXT:
            raise UsageError(f"数据文件 {name} 中有一个值长达 {len(value)} 个字符（以“{value[:20]}”开头），"
                             f"超过上限 {limits.DEFAULT_MAX_TEXT} 个字符")
        if isinstance(value, int) and value.bit_length() > limits.DEFAULT_MAX_DIGITS * 10 // 3:
            raise _too_long_number(name)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for pair in value.items() for v in pair)
        elif isinstance(value, (list, tuple)):
            stack.extend((v, depth + 1) for v in value)


# Characters that make a .docx unreadable (XML 1.0 forbids most of them) and that nobody types on
# purpose: C0 and C1 controls except tab and line breaks, lone surrogates, the two non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_controls(records: Records, schema: Schema | None = None) -> list[str]:
    """Remove control characters from every value of ``records`` (in place); return one Chinese
    warning per value changed, naming the record (its 姓名 and row where known) and the field."""
    warnings: list[str] = []

    def label(key: Any, fields: list[Field]) -> tuple[str, list[Field]]:
        f = match_field(fields, key) if fields else None
        return (f.label if f else str(key)), (f.columns if f else [])

    def clean(value: Any, where: str, fields: list[Field], who: str) -> Any:
        if isinstance(value, str):
            found = sorted(set(_CONTROL.findall(value)))
            if found:
                codes = "、".join(f"U+{ord(c):04X}" for c in found)
                warnings.append(f"{who}“{where}”中有不可见的控制字符（{codes}），已删除")
                return _CONTROL.sub("", value)
        elif isinstance(value, dict):
            for k in value:
                shown, columns = label(k, fields)
                value[k] = clean(value[k], f"{where}{'的' if where else ''}{shown}", columns, who)
        elif isinstance(value, list):
            for j, item in enumerate(value):
                value[j] = clean(item, f"{where}第{j + 1}{'行' if isinstance(item, dict) else '项'}", fields, who)
        return value

    fields = schema.fields if schema else []
    for i, record in enumerate(records):
        who = describe_record(records, i, schema)
        for k, value in record.items():
            shown, columns = label(k, fields)
            table = match_field(fields, k) if fields else None
            if table is None or table.type != "table" or not isinstance(value, list):
                record[k] = clean(value, shown, columns, who)
                continue
            for j, row in enumerate(value, 1):  # a table row is named by its person and its own row
                value[j - 1] = (clean(row, "", columns, describe_row(records, i, table, j, row)) if isinstance(row, dict)
                                else clean(row, f"{shown}第{j}项", columns, who))
    return warnings


def _person(values: dict, fields: list[Field]) -> str:
    """The 姓名 a record or table row gives, as it can be shown ("" when none)."""
    name = next((v.strip() for k, v in values.items() if isinstance(v, str) and v.strip()
                 and (str(k).strip() in ("姓名", "name") or ((f := match_field(fields, k)) and f.label == "姓名"))), "")
    return _CONTROL.sub("", name)[:20]


def describe_record(records: Records, i: int, schema: Schema | None = None) -> str:
    """Record ``i`` (from 0) as the user finds it: by the person and the row of the sheet they see
    (``张三（数据文件第5行）``), by its place in the file where the format has no rows (``第3条记录（张三）``)."""
    name = _person(records[i], schema.fields if schema else [])
    row = records.rows[i] if i < len(records.rows) else None
    if row:
        return f"{name}（数据文件第{row}行）" if name else f"数据文件第{row}行"
    return f"第{i + 1}条记录" + (f"（{name}）" if name else "")


def describe_row(records: Records, i: int, table: Field, j: int, row: dict) -> str:
    """Row ``j`` (from 1) of table field ``table`` of record ``i``, whose values are ``row``, as the
    user finds it: by the person and the row of the sheet they see (``陈雨桐（数据文件“推荐对象”页第3行）``),
    by its place in the record where the format has no rows (``陈雨桐（“推荐对象”第2行）``)."""
    name = _person(row, table.columns)
    places = records.places[i].get(table.name, []) if i < len(records.places) else []
    if j <= len(places):
        where = f"数据文件{places[j - 1]}"
    else:
        where = (f"第{i + 1}条记录" if len(records) > 1 else "") + f"“{table.label}”第{j}行"
    return f"{name}（{where}）" if name else where


def _too_deep(name: str, where: str = "") -> UsageError:
    return UsageError(f"数据文件 {name} {where}嵌套层数过深（超过 {limits.DEFAULT_MAX_DEPTH} 层），"
                      "不是一份记录数据，已拒绝")


def _too_long_number(name: str, where: str = "", digits: int | None = None) -> UsageError:
    size = f"有 {digits} 位" if digits else "位数过多"
    return UsageError(f"数据文件 {name} {where}的数字{size}，超过上限 {limits.DEFAULT_MAX_DIGITS} 位"
                      "（如果是编号，请加引号写成文本）")


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


def _yaml_loader(name: str):
    """A safe YAML loader that refuses deep nesting and long numbers where they are written."""
    import yaml

    class Loader(yaml.SafeLoader):
        def __init__(self, stream) -> None:
            super().__init__(stream)
            self.depth = 0

        def compose_node(self, parent, index):
            self.depth += 1
            try:
                if self.depth > limits.DEFAULT_MAX_DEPTH:
                    raise _too_deep(name, f"第{self.peek_event().start_mark.line + 1}行")
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_yaml_int(self, node):
            digits = sum(c.isdigit() for c in node.value)
            if digits > limits.DEFAULT_MAX_DIGITS:
                raise _too_long_number(name, f"第{node.start_mark.line + 1}行", digits)
            return super().construct_yaml_int(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader


def _load_yaml(path: Path, schema: Schema | None) -> list[dict]:
    import yaml

    try:
        raw = yaml.load(_decode(path.read_bytes(), path.name), _yaml_loader(path.name))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise UsageError(f"数据文件 {path.name} {where}不是有效的 YAML：{getattr(exc, 'problem', exc)}") from None
    return _records_of(raw, path.name)


def _json_int(name: str, text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > limits.DEFAULT_MAX_DIGITS:
        raise _too_long_number(name, "", digits)
    return int(text)


def _load_json(path: Path, schema: Schema | None) -> list[dict]:
    try:
        raw = json.loads(_decode(path.read_bytes(), path.name), parse_int=functools.partial(_json_int, path.name))
    except json.JSONDecodeError as exc:
        raise UsageError(f"数据文件 {path.name} 第{exc.lineno}行第{exc.colno}列不是有效的 JSON（括号、引号或逗号有误）",
                         detail=library_words(exc)) from None
    except RecursionError:  # the parser recurses once per level, and stops long before memory runs out
        raise _too_deep(path.name) from None
    return _records_of(raw, path.name)


_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f]")


def _decode(data: bytes, name: str) -> str:
    # The readers' detection: BOMs (UTF-8, UTF-16), then UTF-8, then GB18030 ⊇ GBK.
    found = detect_text(data)
    if found is None and b"\0" not in data:
        # A stray control character (a cell pasted from elsewhere) makes the readers call a file
        # binary; the encoding is told from the rest (in UTF-8 and GB18030 such a byte is never part
        # of a longer character), and strip_controls removes the character, naming the record.
        masked = detect_text(_CONTROL_BYTES.sub(b" ", data))
        found = (data.decode(masked[1]), masked[1]) if masked else None
    if not found:
        raise UsageError(f"数据文件 {name} 的编码无法识别：请保存为 UTF-8 或 GBK")
    return found[0]


# --- CSV / XLSX ------------------------------------------------------------

def _load_csv(path: Path, schema: Schema | None) -> list[dict]:
    text = _decode(path.read_bytes(), path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t，")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = _bounded(reader, path.name)
    except csv.Error:  # a cell longer than the csv module's own limit, or a stray NUL
        raise UsageError(f"数据文件 {path.name} 第{reader.line_num}行无法读取：单元格过长或含有空字符") from None
    return rows_to_records(rows, schema, path.name)


def _load_xlsx(path: Path, schema: Schema | None) -> Records:
    from openpyxl import load_workbook

    what = f"数据文件 {path.name}"
    # openpyxl inflates what it reads without a limit: count the real bytes first (a sharedStrings part
    # that inflates to gigabytes, a zip whose headers understate its sizes)
    limits.read_zip(path, what, keep=False, max_member=limits.DEFAULT_MAX_DATA_BYTES)
    try:
        with path.open("rb") as fh:  # the open file: openpyxl refuses a name not ending in .xlsx (WPS's .et)
            wb = load_workbook(fh, read_only=True, data_only=True)
            try:
                sheets = {}
                for ws in wb.worksheets:
                    if (ws.max_row or 0) > limits.DEFAULT_MAX_ROWS or (ws.max_column or 0) > limits.DEFAULT_MAX_COLUMNS:
                        raise UsageError(f"{what}“{ws.title}”页声明的范围是 {ws.calculate_dimension()}，超出了可读取的范围"
                                         f"（最多 {limits.DEFAULT_MAX_ROWS} 行、{limits.DEFAULT_MAX_COLUMNS} 列）：请删去表格"
                                         "右边和下面多余的行列（或把数据复制到新工作簿），保存后再试")
                    ws.reset_dimensions()  # and a smaller one is not trusted either: the cells are read as they are
                    sheets[ws.title] = _bounded(([_xlsx_value(c) for c in r] for r in ws.iter_rows()),
                                                f"{path.name}“{ws.title}”页", spreadsheet=True)
            finally:
                wb.close()
    except UsageError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken or hostile package
        raise UsageError(f"{what} 无法作为 .xlsx 打开：文件已损坏，或不是 Excel 工作簿", detail=library_words(exc)) from None
    return _sheets_records(sheets, path, schema)


def _load_xls(path: Path, schema: Schema | None) -> Records:
    """An Excel 97–2003 workbook (.xls; WPS's .et is one too), read as the submission reader reads it."""
    from ..sheets.xls import xls_sheets

    return _read_sheets(path, schema, lambda: xls_sheets(path.read_bytes())[1], "Excel 工作簿")


def _load_ods(path: Path, schema: Schema | None) -> Records:
    """An OpenDocument spreadsheet (.ods), read as the submission reader reads it."""
    import zipfile

    from ..sheets.ods import ods_sheets

    limits.read_zip(path, f"数据文件 {path.name}", keep=False, max_member=limits.DEFAULT_MAX_DATA_BYTES)

    def sheets():
        with zipfile.ZipFile(path) as zf:
            # One past the limits, so that ``_bounded`` names the first cell beyond them.
            yield from ods_sheets(zf, max_rows=limits.DEFAULT_MAX_ROWS + 1, max_cols=limits.DEFAULT_MAX_COLUMNS + 1,
                                  max_cells=limits.DEFAULT_MAX_VALUES)

    return _read_sheets(path, schema, sheets, "OpenDocument 表格")


def _read_sheets(path: Path, schema: Schema | None, sheets: Callable[[], Iterable[Sheet]], kind: str) -> Records:
    """Records from the ``Sheet``s a reader gives (its ReadError becomes a UsageError naming the file)."""
    from ..errors import ReadError

    try:
        found = {s.name: _bounded(([_sheet_value(c) for c in row] for row in s.rows), f"{path.name}“{s.name}”页",
                                  spreadsheet=True) for s in sheets()}
    except ReadError as exc:
        raise UsageError(f"数据文件 {path.name} 无法作为{kind}读取：{exc.message}", detail=exc.detail) from None
    return _sheets_records(found, path, schema)


def _load_xmlss(path: Path, schema: Schema | None) -> Records:
    """An Excel 2003 XML spreadsheet (what many web systems export as .xls), read as the reader reads it."""
    from ..sheets.xmlss import xmlss_sheets

    def sheets():
        with path.open("rb") as fh:
            yield from xmlss_sheets(fh, max_rows=limits.DEFAULT_MAX_ROWS + 1, max_cols=limits.DEFAULT_MAX_COLUMNS + 1,
                                    max_cells=limits.DEFAULT_MAX_VALUES)

    return _read_sheets(path, schema, sheets, "Excel 2003 XML 表格")


_WORKBOOKS = {"xlsx": _load_xlsx, "xls": _load_xls, "ods": _load_ods, "xmlss": _load_xmlss}


def _sheets_records(sheets: dict[str, list[list]], path: Path, schema: Schema | None) -> Records:
    """The records of a workbook's sheets (each a list of rows of values): the first sheet's rows,
    and a table field's rows from the sheet named by its label."""
    what = f"数据文件 {path.name}"
    if not sheets:
        raise UsageError(f"{what} 中没有工作表")
    first, *others = sheets
    tables: list[tuple[Field, str]] = []
    if schema:
        for title in others:
            f = match_field([f for f in schema.fields if f.type == "table"], title)
            if f:
                tables.append((f, title))
    records = rows_to_records(sheets[first], schema, f"{path.name}“{first}”页", allow_empty=bool(tables))
    if tables:
        records = records or Records([{}])
        if len(records) > 1:
            raise UsageError(f"数据文件 {path.name}：表格字段在单独的工作表中填写时，“{first}”页只能填一条记录")
        for f, title in tables:
            numbered, ignored = _table_rows(sheets[title], f, f"{path.name}“{f.label}”页")
            records[0][f.name] = [row for _, row in numbered]
            records.places[0][f.name] = [f"“{title}”页第{n}行" for n, _ in numbered]
            records.ignored += ignored
    return records


def _bounded(rows: Iterable[Sequence[Any]], where: str, spreadsheet: bool = False) -> list[list]:
    """The rows of a sheet or .csv without trailing blank cells and rows; data beyond the row and
    column limits, or a value longer than the text limit, is refused naming its cell."""
    from openpyxl.utils import get_column_letter

    def cell(i: int, j: int) -> str:
        return f"单元格 {get_column_letter(j)}{i} " if spreadsheet else f"第{i}行第{j}列"

    out: list[list] = []
    for i, row in enumerate(rows, 1):
        last = len(row)
        while last and is_blank(row[last - 1]):
            last -= 1
        if not last:
            if i <= limits.DEFAULT_MAX_ROWS:
                out.append([])
            continue
        if i > limits.DEFAULT_MAX_ROWS:
            first = next(j for j, v in enumerate(row, 1) if not is_blank(v))
            raise UsageError(f"数据文件 {where}的{cell(i, first)}有内容，"
                             f"超出了可读取的范围（最多 {limits.DEFAULT_MAX_ROWS} 行）")
        if last > limits.DEFAULT_MAX_COLUMNS:
            raise UsageError(f"数据文件 {where}的{cell(i, last)}有内容，"
                             f"超出了可读取的范围（最多 {limits.DEFAULT_MAX_COLUMNS} 列）")
        for j, value in enumerate(row[:last], 1):
            if isinstance(value, str) and len(value) > limits.DEFAULT_MAX_TEXT:
                raise UsageError(f"数据文件 {where}的{cell(i, j)}长达 {len(value)} 个字符，"
                                 f"超过上限 {limits.DEFAULT_MAX_TEXT} 个字符")
        out.append(list(row[:last]))
    while out and not out[-1]:
        out.pop()
    return out


# How a workbook writes a character XML cannot hold (a control character is _x0001_): Excel shows
# the character, so the data has it (and strip_controls removes it).
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xlsx_value(cell: Any) -> Any:
    """A cell's value (``_sheet_value``), with what .xlsx escapes (``_x0001_``) unescaped."""
    value = getattr(cell, "value", None)
    if isinstance(value, str) and "_x" in value:
        return _XSTRING_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return _sheet_value(cell)


def _sheet_value(cell: Any) -> Any:
    """A cell's value; a date shown without its day (``yyyy-mm``, ``yyyy"年"m"月"``, what Excel
    makes of a typed ``2004-05``) is the month ``2004-05``, not the 1st of that month."""
    value = getattr(cell, "value", None)
    if isinstance(value, dt.datetime) and value.time() == dt.time() \
            and shows_month(getattr(cell, "number_format", None)):
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


def _body(rows: list[list], header: int) -> list[tuple[int, list]]:
    """The data rows under the header, each with its row number in the sheet (or .csv)."""
    out = []
    for number, row in enumerate(rows[header + 1:], header + 2):
        row = [_cell(v) for v in row]
        if all(is_blank(v) for v in row) or _is_example(row):
            continue
        out.append((number, row))
    return out


def _table_rows(rows: list[list], f: Field, where: str) -> tuple[list[tuple[int, dict]], list[str]]:
    """The rows of a table field's own sheet, each with its row number in the sheet; and the
    headers that name none of its columns."""
    header = _find_header(rows, f.columns, where)
    cols = [(j, match_field(f.columns, h)) for j, h in enumerate(rows[header]) if not is_blank(h)]
    ignored = [str(rows[header][j]).strip() for j, c in cols if c is None]
    return [(n, {c.name: row[j] for j, c in cols if c and j < len(row)}) for n, row in _body(rows, header)], ignored


def rows_to_records(rows: list[list], schema: Schema | None, where: str,
                    allow_empty: bool = False) -> Records:
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
        return Records(({k: row[j] for j, k in keys.items() if j < len(row)} for _, row in body),
                       [n for n, _ in body])
    records = _grouped(body, scalars, table_cols)
    # a column beside table columns cannot be kept as a key (rows of one record differ in it): named
    records.ignored = [str(h).strip() for j, h in enumerate(rows[header])
                       if not is_blank(h) and j not in scalars and j not in table_cols]
    return records


def _grouped(body: list[tuple[int, list]], scalars: dict[int, Field],
             table_cols: dict[int, tuple[Field, Field]]) -> Records:
    """Flat rows → one record per run of rows sharing the scalar values (filled down)."""
    records = Records()
    current: dict[str, Any] = {}
    key = None
    for number, row in body:
        values = {f.name: row[j] if j < len(row) else None for j, f in scalars.items()}
        if any(not is_blank(v) for v in values.values()) or key is None:
            merged = {k: (current.get(k) if is_blank(v) else v) for k, v in values.items()}
            if key is None or merged != current:
                current, key = merged, object()
                records.append(dict(current))
                records.rows.append(number)
                records.places.append({})
        tables: dict[str, dict] = {}
        for j, (t, c) in table_cols.items():
            if j < len(row) and not is_blank(row[j]):
                tables.setdefault(t.name, {})[c.name] = row[j]
        for name, cells in tables.items():
            records[-1].setdefault(name, []).append(cells)
            records.places[-1].setdefault(name, []).append(f"第{number}行")
    return records


def _plain_records(rows: list[list], where: str) -> Records:
    """Without a schema: the first row with two or more filled cells is the header."""
    filled = [i for i, r in enumerate(rows[:_HEADER_SCAN]) if sum(not is_blank(v) for v in r) >= 2]
    header = filled[0] if filled else 0
    if not rows:
        raise UsageError(f"{where}：是空的")
    names = [str(h).strip() if not is_blank(h) else None for h in rows[header]]
    body = _body(rows, header)
    return Records((nest({n: row[j] for j, n in enumerate(names) if n and j < len(row)}) for _, row in body),
                   [n for n, _ in body])


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
