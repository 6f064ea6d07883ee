"""Office formats beyond Word/Excel/PDF: OpenDocument spreadsheets that repeat a row or a cell
millions of times in a few bytes, entity bombs and outside links in their XML, password-protected
ones; WPS and presentation files that are not what the toolkit reads; .ods data for ``generate``."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .corpus import Context, Run, case

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:xlink="http://www.w3.org/1999/xlink"')
_LAUGHS = ('<!DOCTYPE office:document-content [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
           + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>")


def _cell(text: str, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not text:
        return f"<table:table-cell{rep}/>"
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p></table:table-cell>'


def _row(cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{cells}</table:table-row>"


def ods_bytes(path: Path, tables: str, *, doctype: str = "", manifest: str = "<manifest/>") -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest)
        zf.writestr("content.xml", f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content {_NS}>'
                                   f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
                                   "</office:document-content>")


def _table(rows: str, name: str = "汇总") -> str:
    return f'<table:table table:name="{name}">{rows}</table:table>'


def _hostile_ods(folder: Path, url: str) -> list[str]:
    """The .ods files of the cases below, written into ``folder``; their names."""
    files = {
        # 900 filled cells × 90,000 rows written as two elements: 81 million cells if expanded.
        "重复炸弹.ods": _table(_row(_cell("满", 900), 90_000)),
        # Calc's own way: a million empty rows and 16,384 empty cells per row after the content.
        "百万空行.ods": _table(_row(_cell("姓名") + _cell("王一") + _cell("", 16382))
                             + _row(_cell("", 16384), 1_048_575)),
        "实体炸弹.ods": _table(_row(_cell("&i;"))),
        "外部图片.ods": _table(_row(f'<table:table-cell><draw:frame><draw:image xlink:href="{url}/ods-image.png"'
                                   ' xlink:type="simple"/></draw:frame><text:p>推优汇总表</text:p></table:table-cell>')),
        "加密.ods": _table(_row(_cell("x"))),
        "远处一格.ods": _table(_row(_cell("姓名") + _cell("", 60_000) + _cell("备注"))),
    }
    for name, tables in files.items():
        ods_bytes(folder / name, tables, doctype=_LAUGHS if name == "实体炸弹.ods" else "",
                  manifest=("<manifest><file-entry><encryption-data/></file-entry></manifest>" if name == "加密.ods"
                            else "<manifest/>"))
    return list(files)


@case("ods-repeats-entities-links")
def ods_hostile(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    names = _hostile_ods(ctx.dir / "in", ctx.url)
    return Run(["convert", "in", "-o", "out/汇总.json"], listed=names, report="out/汇总.json", outdirs=["out"])


@case("ods-hostile-check")
def ods_hostile_check(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    names = _hostile_ods(ctx.dir / "in", ctx.url)
    return Run(["check", "in", "--format", "json", "-o", "out/报告.json"], listed=names, report="out/报告.json",
               outdirs=["out"])


@case("wps-and-presentations")
def wps_and_presentations(ctx: Context) -> Run:
    """Files named as WPS saves them whose content is a presentation, nothing known, nothing at all,
    or a spreadsheet under a presentation's name."""
    folder = ctx.dir / "in"
    folder.mkdir()
    with zipfile.ZipFile(folder / "团课.dps", "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p:presentation/>")
    with zipfile.ZipFile(folder / "演示.odp", "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.presentation")
        zf.writestr("content.xml", "<x/>")
    (folder / "旧版.et").write_bytes(b"\x00\x01\x02WPS" + bytes(range(256)) * 16)
    (folder / "旧版.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)  # OLE with no known stream
    (folder / "空.dps").write_bytes(b"")
    ods_bytes(folder / "其实是表格.dps", _table(_row(_cell("姓名") + _cell("王一"))))
    names = ["团课.dps", "演示.odp", "旧版.et", "旧版.wps", "空.dps", "其实是表格.dps"]
    return Run(["convert", "in", "-o", "out/汇总.xlsx"], listed=names, report="out/汇总.xlsx", outdirs=["out"])


@case("ods-data-for-generate")
def ods_data(ctx: Context) -> Run:
    """``generate`` from .ods data that repeats a filled row 90,000 times and has an entity bomb."""
    ods_bytes(ctx.dir / "数据.ods", _table(_row(_cell("姓名") + _cell("团支部")) + _row(_cell("王一", 900), 90_000)),
              doctype=_LAUGHS)
    return Run(["generate", "tuiyou-form", "数据.ods", "-o", "out"], inputs=["数据.ods"], exit_codes=(2,),
               outdirs=["out"], message="数据.ods")


_SS = ('<?xml version="1.0"?>{doctype}<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
       'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表"><Table>{rows}</Table>'
       "</Worksheet></Workbook>")


@case("spreadsheetml-jumps-and-entities")
def spreadsheetml_hostile(ctx: Context) -> Run:
    """Web-system "Excel" exports (SpreadsheetML named .xls) that jump a million rows or columns ahead
    in one attribute, expand entities, or nest rich text thousands deep."""
    folder = ctx.dir / "in"
    folder.mkdir()
    cell = '<Cell ss:Index="{c}"><Data ss:Type="String">{t}</Data></Cell>'
    files = {
        "跳行.xls": _SS.format(doctype="", rows='<Row ss:Index="1048576">' + cell.format(c=1, t="x") + "</Row>"),
        "跳列.xls": _SS.format(doctype="", rows="<Row>" + cell.format(c=16384, t="x") + "</Row>"),
        "实体.xls": _SS.format(doctype=_LAUGHS.replace("office:document-content", "Workbook"),
                             rows="<Row>" + cell.format(c=1, t="&i;") + "</Row>"),
        "深层.xls": _SS.format(doctype="", rows="<Row><Cell><Data ss:Type=\"String\">" + "<B>" * 5000 + "x"
                                                + "</B>" * 5000 + "</Data></Cell></Row>"),
        "合并巨大.xls": _SS.format(doctype="", rows='<Row><Cell ss:MergeAcross="16383" ss:MergeDown="1048575">'
                                                  '<Data ss:Type="String">标题</Data></Cell></Row>'),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Run(["check", "in", "--format", "json", "-o", "out/报告.json"], listed=list(files),
               report="out/报告.json", outdirs=["out"])
