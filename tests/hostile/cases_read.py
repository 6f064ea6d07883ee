"""The reading side: files that make us fetch a URL, huge files, small files that need huge memory,
encodings that would be guessed wrong, and library messages in English."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from .corpus import Context, Run, case

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"


# --- builders shared by the cases below --------------------------------------------------------

def docx_bytes(lines: list[str] | str = "推优登记表\n姓名：张三") -> bytes:
    d = docx.Document()
    for line in (lines.splitlines() if isinstance(lines, str) else lines):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _linked_picture(d: docx.document.Document, url: str) -> None:
    """A picture whose bytes live at ``url`` (``r:link``, TargetMode External), not in the package."""
    from docx.oxml import parse_xml

    rid = d.part.relate_to(url, RT.IMAGE, is_external=True)
    d.add_paragraph().add_run()._r.append(parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<wp:inline><wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="p"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>'))


def external_docx(url: str, text: str = "推优登记表\n姓名：张三") -> bytes:
    """A .docx that points outside itself every way Word allows: a linked picture, a hyperlink,
    an attached template (settings part) and a linked OLE object."""
    from docx.oxml import parse_xml

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    _linked_picture(d, f"{url}/docx-image.png")
    rid = d.part.relate_to(f"{url}/docx-link", RT.HYPERLINK, is_external=True)
    d.add_paragraph()._p.append(parse_xml(
        f'<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}">'
        '<w:r><w:t>点此查看</w:t></w:r></w:hyperlink>'))
    ole = d.part.relate_to(f"{url}/docx-ole.xls", RT.OLE_OBJECT, is_external=True)
    d.add_paragraph().add_run()._r.append(parse_xml(
        '<w:object xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" r:id="{ole}" '
        'UpdateMode="Always"/></w:object>'))
    settings = d.part._settings_part
    tid = settings.relate_to(f"{url}/docx-template.dotm", _ATTACHED_TEMPLATE, is_external=True)
    settings.element.insert(0, parse_xml(
        f'<w:attachedTemplate xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{tid}"/>'))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def linked_odt(url: str) -> bytes:
    """An OpenDocument text whose only picture is a link to ``url``."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               '<office:body><office:text><text:p>推优登记表 姓名：张三</text:p><text:p>'
               '<draw:frame draw:name="p1" svg:width="2cm" svg:height="2cm">'
               f'<draw:image xlink:href="{url}/odt-image.png" xlink:type="simple" xlink:show="embed" '
               'xlink:actuate="onLoad"/></draw:frame></text:p></office:text></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def linked_rtf(url: str) -> bytes:
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\pard Tuiyou\\par"
            f'{{\\field{{\\*\\fldinst INCLUDEPICTURE "{url}/rtf-image.png" \\\\d}}{{\\fldrslt }}}}\\par}}'
            ).encode("ascii")


def linked_doc(ctx: Context, target: Path) -> None:
    """A Word 97 .doc with a linked picture, made by LibreOffice from the .odt (which keeps the link
    as an INCLUDEPICTURE field); converted offline, so building it requests nothing."""
    from toolkit.office import soffice_convert

    stage = ctx.dir / "build"
    stage.mkdir()
    (stage / "linked.odt").write_bytes(linked_odt(ctx.url))
    made = soffice_convert([stage / "linked.odt"], stage, "doc")
    target.write_bytes(made[(stage / "linked.odt").resolve()].read_bytes())


def _json_listed(*names: str):
    """An ``unsafe`` check: each name is in check's JSON ``files`` with a Chinese error when unreadable."""
    def check(work, proc) -> str | None:
        files = {Path(f["file"]).name: f for f in json.loads(proc.stdout or "{}").get("files", [])}
        for name in names:
            if name not in files:
                return f"{name} missing from check's files"
            if files[name].get("error") and not _CJK.search(files[name]["error"]):
                return f"{name}: error not in Chinese: {files[name]['error']}"
        return None
    return check


def _check_json(*names: str, unsafe: list | None = None, **kw) -> Run:
    return Run(["check", "in", "--format", "json", "--jobs", "2"], unsafe=[_json_listed(*names), *(unsafe or [])],
               **kw)


# --- nothing the toolkit runs may touch the network ---------------------------------------------

@case("linked-picture-odt")
def linked_picture_odt(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/链接图片.odt").write_bytes(linked_odt(ctx.url))
    return _check_json("链接图片.odt")


@case("linked-picture-rtf")
def linked_picture_rtf(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/链接图片.rtf").write_bytes(linked_rtf(ctx.url))
    return Run(["convert", "in", "-o", "out/汇总.json"], listed=["链接图片.rtf"], report="out/汇总.json")


@case("linked-picture-doc")
def linked_picture_doc(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    linked_doc(ctx, ctx.dir / "in/链接图片.doc")
    (ctx.dir / "in/链接图片2.odt").write_bytes(linked_odt(ctx.url))
    return Run(["convert", "in", "-o", "out/汇总.xlsx"], listed=["链接图片.doc", "链接图片2.odt"],
               report="out/汇总.xlsx", outdirs=["out"])


@case("docx-external-relationships")
def docx_external(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/外部关系.docx").write_bytes(external_docx(ctx.url))
    return Run(["check", "in", "--format", "json", "--annotate", "批注"], unsafe=[_json_listed("外部关系.docx")],
               outdirs=["批注"])


@case("template-linked-picture-pdf")
def template_linked_picture(ctx: Context) -> Run:
    (ctx.dir / "模板.docx").write_bytes(external_docx(ctx.url, "推优登记表\n姓名：{{ 姓名 }}"))
    (ctx.dir / "数据.json").write_text(json.dumps([{"姓名": "张三"}, {"姓名": "李四"}], ensure_ascii=False),
                                     encoding="utf-8")
    return Run(["generate", "模板.docx", "数据.json", "-o", "out", "--pdf"], inputs=["模板.docx", "数据.json"],
               outdirs=["out"], exit_codes=(0,))


# --- encodings guessed silently ---------------------------------------------------------------

_ENCODED = {  # file name: (text, encoding)
    "繁体.txt": ("團支部推優大會決議\n同意推薦張三同志為入黨積極分子，全體團員一致通過。\n", "big5"),
    "日文.txt": ("学校の青年団の会議です。\nこれは推薦の文書です。\n", "shift_jis"),
    "utf32.txt": ("团支部推优大会决议\n全体团员一致通过。\n", "utf-32"),
    "utf16无标记.txt": ("团支部推优大会决议\n全体团员一致通过。\n", "utf-16-le"),
}


def _texts_read_right(work: Path, proc) -> str | None:
    written = "\n".join(p.read_text("utf-8") for p in (work / "out/文字").glob("*.md"))
    for name, (text, _enc) in _ENCODED.items():
        if text.splitlines()[0] not in written:
            return f"{name}: its text is not in the Markdown output (garbled or missing)"
    rows = json.loads((work / "out/汇总.json").read_text("utf-8"))
    bad = [r for r in rows if "乱码" in str(r.get("文件", r.get("file", "")))]
    if not bad or "无法识别文本编码" not in json.dumps(bad, ensure_ascii=False):
        return "the undecodable file is not reported as such"
    return None


@case("encodings-not-guessed")
def encodings(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    for name, (text, enc) in _ENCODED.items():
        (ctx.dir / "in" / name).write_bytes(text.encode(enc))
    (ctx.dir / "in/乱码.txt").write_bytes(bytes(range(0x81, 0xFF)) * 20)
    return Run(["convert", "in", "-o", "out/汇总.json", "--text", "out/文字"], report="out/汇总.json",
               listed=[*_ENCODED, "乱码.txt"], outdirs=["out"], unsafe=[_texts_read_right])


# --- big files ---------------------------------------------------------------------------------

_SUBJECTS = ["我支部", "全体团员", "团支部委员会", "青年志愿者服务队", "各团小组", "新发展团员"]
_VERBS = ["认真开展", "积极参加", "组织学习", "深入推进", "扎实做好", "按时完成"]
_OBJECTS = ["主题团日活动", "“三会两制一课”", "团员教育评议", "推优入党工作", "志愿服务活动", "团费收缴工作",
            "青年大学习", "社会实践调研"]


def genre_text(chars: int, seed: int = 0, newline: bool = True) -> str:
    """Prose of the genre (a 工作总结's sentences, with figures and dates), about ``chars`` long."""
    import random

    rnd = random.Random(seed)
    out, n = [], 0
    while n < chars:
        s = (f"{rnd.randint(2019, 2026)}年{rnd.randint(1, 12)}月，{rnd.choice(_SUBJECTS)}{rnd.choice(_VERBS)}"
             f"{rnd.choice(_OBJECTS)}，参与{rnd.randint(3, 400)}人次，的的确确取得了实效。"
             + ("\n" if newline and rnd.random() < 0.3 else ""))
        out.append(s)
        n += len(s)
    return "".join(out)


def big_docx(path: Path, xml_bytes: int) -> None:
    """A .docx whose document.xml is about ``xml_bytes`` long, of varied text (so it compresses
    like a real document, not like a zip bomb)."""
    template = io.BytesIO(docx_bytes("x"))
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item))
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
                     b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            written, seed = 0, 0
            while written < xml_bytes:
                chunk = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
                                for line in genre_text(20_000, seed).splitlines()).encode()
                fh.write(chunk)
                written += len(chunk)
                seed += 1
            fh.write(b"</w:body></w:document>")


def _error_said(name: str, pattern: str):
    """An ``unsafe`` check: check's JSON lists ``name`` as unreadable with a message matching ``pattern``."""
    def check(work, proc) -> str | None:
        files = {Path(f["file"]).name: f for f in json.loads(proc.stdout or "{}").get("files", [])}
        got = files.get(name, {}).get("error") or ""
        return None if re.search(pattern, got) else f"{name}: expected an error like {pattern!r}, got {got!r}"
    return check


@case("huge-txt-many-lines")
def huge_txt_lines(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    block = genre_text(200_000).encode("utf-8")
    with open(ctx.dir / "in/日志.txt", "wb") as fh:
        for _ in range(50 * 2**20 // len(block) + 1):
            fh.write(block)
    (ctx.dir / "in/正常.docx").write_bytes(docx_bytes())
    return _check_json("日志.txt", "正常.docx", unsafe=[_error_said("日志.txt", "过大|过多")])


@case("huge-txt-one-line")
def huge_txt_line(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    block = genre_text(200_000, newline=False).encode("utf-8")
    with open(ctx.dir / "in/一行.txt", "wb") as fh:
        for _ in range(50 * 2**20 // len(block) + 1):
            fh.write(block)
    (ctx.dir / "in/正常.docx").write_bytes(docx_bytes())
    return Run(["convert", "in", "-o", "out/汇总.xlsx"], listed=["一行.txt", "正常.docx"], report="out/汇总.xlsx",
               outdirs=["out"])


@case("huge-docx-60mb-xml")
def huge_docx(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    big_docx(ctx.dir / "in/超长.docx", 60 * 2**20)
    (ctx.dir / "in/正常.docx").write_bytes(docx_bytes())
    return _check_json("超长.docx", "正常.docx", unsafe=[_error_said("超长.docx", "过大|过多")])


@case("long-line-checked-in-linear-time")
def long_line(ctx: Context) -> Run:
    """Half a million characters in one paragraph, under the limits: every rule runs to the end
    (the excerpt of every finding used to walk the whole line)."""
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/总结.txt").write_text("关于开展团日活动的工作总结\n" + genre_text(500_000, newline=False),
                                         encoding="utf-8")
    return _check_json("总结.txt", timeout=300)


# --- small files, huge memory ------------------------------------------------------------------

def grid_bomb_docx() -> bytes:
    """A small .docx whose table claims 99,999,999 grid columns before a row and across a cell."""
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("推优登记表")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = ["姓名", "性别", "团支部"][c] if r == 0 else f"值{r}{c}"
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    tr = table.rows[1]._tr
    tr.insert(0, parse_xml(f'<w:trPr {w}><w:gridBefore w:val="99999999"/><w:wBefore w:w="0" w:type="dxa"/></w:trPr>'))
    tc = table.rows[2].cells[0]._tc
    tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {w} w:val="99999999"/>'))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def xlsx_bytes(sheet_xml_patch=None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "团支部"])
    ws.append(["张三", "男", "化工2201团支部"])
    buf = io.BytesIO()
    wb.save(buf)
    if sheet_xml_patch is None:
        return buf.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml_patch(data)
            dst.writestr(item, data)
    return out.getvalue()


def _sheet_wide(data: bytes) -> bytes:
    data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
    return data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                          b"</mergeCells>", 1)


def _far_row(data: bytes) -> bytes:
    return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>tail</t></is>'
                                          b"</c></row></sheetData>", 1)


def understated_zip(member: str, real: bytes, base: bytes) -> bytes:
    """``base`` (a package) with ``member`` replaced by ``real``, its headers claiming 1 KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, real if item.filename == member else src.read(item))
    data = bytearray(out.getvalue())
    size = len(real).to_bytes(4, "little")
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size in each header
        at = data.find(sig)
        while at != -1:
            name_len = int.from_bytes(data[at + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
            start = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[start:start + name_len] == member.encode() and data[at + offset:at + offset + 4] == size:
                data[at + offset:at + offset + 4] = (1024).to_bytes(4, "little")
            at = data.find(sig, at + 4)
    return bytes(data)


@case("docx-grid-before-huge")
def docx_grid(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/网格.docx").write_bytes(grid_bomb_docx())
    return Run(["check", "in", "--format", "json", "--annotate", "批注"], unsafe=[_json_listed("网格.docx")],
               outdirs=["批注"])


@case("docx-grid-before-huge-convert")
def docx_grid_convert(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/网格.docx").write_bytes(grid_bomb_docx())
    return Run(["convert", "in", "-o", "out/汇总.xlsx", "--text", "out/文字"], listed=["网格.docx"],
               report="out/汇总.xlsx", outdirs=["out"])


@case("xlsx-sheet-wide-merge")
def xlsx_merge(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/合并.xlsx").write_bytes(xlsx_bytes(_sheet_wide))
    (ctx.dir / "in/远行.xlsx").write_bytes(xlsx_bytes(_far_row))
    return _check_json("合并.xlsx", "远行.xlsx")


@case("xlsx-sheet-wide-merge-convert")
def xlsx_merge_convert(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/合并.xlsx").write_bytes(xlsx_bytes(_sheet_wide))
    (ctx.dir / "in/远行.xlsx").write_bytes(xlsx_bytes(_far_row))
    return Run(["convert", "in", "-o", "out/汇总.json"], listed=["合并.xlsx", "远行.xlsx"], report="out/汇总.json")


@case("zip-understates-size")
def zip_understates(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    body = b"<w:p><w:r><w:t>" + "团支部".encode() * 10 + b"</w:t></w:r></w:p>"
    xml = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
           b'main"><w:body>' + body * 3_000_000 + b"</w:body></w:document>")  # ~180 MB of XML
    (ctx.dir / "in/谎报.docx").write_bytes(understated_zip("word/document.xml", xml, docx_bytes()))
    sheet = xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(sheet)) as zf:
        strings = zf.read("xl/worksheets/sheet1.xml")
    padded = strings.replace(b"</sheetData>", b"</sheetData>" + b"<!--" + b"x" * 200_000_000 + b"-->", 1)
    (ctx.dir / "in/谎报.xlsx").write_bytes(understated_zip("xl/worksheets/sheet1.xml", padded, sheet))
    return _check_json("谎报.docx", "谎报.xlsx")


# --- English in messages -----------------------------------------------------------------------

# Words a Chinese message may hold: formats, products, the options it names.
_ALLOWED = {"docx", "doc", "xlsx", "xls", "pdf", "txt", "odt", "rtf", "csv", "json", "jsonl", "yaml", "yml", "toml",
            "xml", "utf", "gbk", "big", "shift_jis", "word", "wps", "excel", "libreoffice", "verbose", "select",
            "ignore", "endif", "endfor", "for", "if", "sudo", "apt", "get", "install", "writer", "nogui", "fonts",
            "noto", "cjk", "windows", "macos", "org", "markdown", "zip", "force", "name", "jobs"}
_WORDS = re.compile(r"[A-Za-z_]{3,}")


def english_in(text: str) -> list[str]:
    """English words in ``text`` beyond file names, formats and products (the library's words)."""
    text = re.sub(r"“[^”]*”|\S+\.(?:docx|doc|xlsx|json|yaml|toml|txt|pdf|xml)\b|\w+/\S+", "", text)
    return [w for w in _WORDS.findall(text) if w.lower() not in _ALLOWED]


def _all_chinese(work: Path, proc) -> str | None:
    texts = [proc.stderr]
    try:
        texts += [f.get("error") or "" for f in json.loads(proc.stdout or "{}").get("files", [])]
    except json.JSONDecodeError:
        texts.append(proc.stdout)
    words = [w for t in texts for w in english_in(t)]
    return f"English in a message: {words}" if words else None


def _broken_members() -> dict[str, bytes]:
    """Files whose parsers fail in their own words: bad XML in a .docx part, a workbook without
    its workbook part, a workbook whose sheet is not XML."""
    files = {}
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as src:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                dst.writestr(item, b"<w:document><unclosed>" if item.filename == "word/document.xml"
                             else src.read(item))
        files["坏XML.docx"] = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes())) as src:
        members = {item.filename: src.read(item) for item in src.infolist()}
    for name, skip, patch in (("缺工作簿.xlsx", "xl/workbook.xml", {}),
                              ("坏表.xlsx", None, {"xl/worksheets/sheet1.xml": b"<worksheet><row r='x'"})):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for member, data in members.items():
                if member != skip:
                    dst.writestr(member, patch.get(member, data))
        files[name] = out.getvalue()
    return files


@case("library-words-not-shown")
def library_words_hidden(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    for name, data in _broken_members().items():
        (ctx.dir / "in" / name).write_bytes(data)
    return _check_json(*_broken_members(), unsafe=[_all_chinese])


@case("library-words-data-file")
def library_words_data(ctx: Context) -> Run:
    (ctx.dir / "坏.json").write_text('[{"姓名": "张三",}]', encoding="utf-8")
    return Run(["generate", "tuiyou-form", "坏.json", "-o", "out"], inputs=["坏.json"], exit_codes=(2,),
               message="不是有效的 JSON", unsafe=[_all_chinese], outdirs=["out"])


@case("library-words-config")
def library_words_config(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    (ctx.dir / "in/总结.docx").write_bytes(docx_bytes())
    (ctx.dir / "tuanwen.toml").write_text("[typo\nconfusable_margin = ", encoding="utf-8")
    return Run(["check", "in"], exit_codes=(2,), message="配置文件", unsafe=[_all_chinese])


@case("library-words-template-syntax")
def library_words_template(ctx: Context) -> Run:
    (ctx.dir / "模板.docx").write_bytes(docx_bytes("推优登记表\n姓名：{{ 姓名 }\n{% if %}"))
    (ctx.dir / "数据.json").write_text('[{"姓名": "张三"}]', encoding="utf-8")
    return Run(["generate", "模板.docx", "数据.json", "-o", "out"], inputs=["模板.docx", "数据.json"],
               exit_codes=(2,), message="语法有误", unsafe=[_all_chinese], outdirs=["out"])


def _detail_shown(work: Path, proc) -> str | None:
    return None if re.search(r"详情：\w+(Error|Exception)", proc.stderr) else "--verbose shows no detail line"


@case("library-words-with-verbose")
def library_words_verbose(ctx: Context) -> Run:
    (ctx.dir / "坏.json").write_text('[{"姓名": "张三",}]', encoding="utf-8")
    return Run(["--verbose", "generate", "tuiyou-form", "坏.json", "-o", "out"], inputs=["坏.json"],
               exit_codes=(2,), unsafe=[_detail_shown])
