"""Compile a docxtpl template once, render it many times, in a Jinja sandbox.

docxtpl re-opens the .docx, re-parses and re-patches its XML for every
record. Here the zip is read once; every part that holds Jinja (document,
headers, footers, footnotes, core properties) goes through docxtpl's own
pre-processing (``DocxTemplate.patch_xml``) and is compiled once in an
``ImmutableSandboxedEnvironment``; all other members are kept as raw bytes.
Rendering a record is then: render the compiled parts, apply docxtpl's
post-processing, write a new zip.

Templates are untrusted: XML is parsed without entity expansion or network
access, values are XML-escaped (autoescape), and a template cannot reach
Python internals (the sandbox turns ``''.__class__`` into an error).
"""

from __future__ import annotations

import copy
import io
import os
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from toolkit.errors import UsageError, library_words
from toolkit.render.limits import (DEFAULT_MAX_OUTPUT, DEFAULT_MAX_TEMPLATE_PART, DEFAULT_RENDER_SECONDS, mb,
                                   read_zip)

DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PART_TYPES = {_RELS + t for t in ("header", "footer", "footnotes", "endnotes")}
_JINJA = re.compile(r"\{\{|\{%|\{#")
# Structure-changing docxtpl tags: only these need docxtpl's table/ID fix-up pass.
_TREE_FIX = re.compile(r"\{%-?\s*(?:tc\s|hm\s*%|colspan\s)|docPr")

# --draft: a missing value is wrapped in these private-use characters, then the
# rendered run is split and the marker run coloured red.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_MARKED_RUN = re.compile(r"<w:r(?:\s[^>]*)?>(?:(?!</w:r>).)*?\ue000.*?</w:r>", re.DOTALL)
_RPR = re.compile(r"<w:rPr>.*?</w:rPr>", re.DOTALL)
_MARK = re.compile("\ue000(.*?)\ue001", re.DOTALL)
# CT_RPr children that come after w:color (schema order matters to Word).
_AFTER_COLOR = re.compile(r"<w:(?:spacing|w|kern|position|sz|szCs|highlight|u|effect|bdr|shd|fitText|"
                          r"vertAlign|rtl|cs|em|lang|eastAsianLayout|specVanish|oMath)[\s/>]")


def draft_marker(label: str) -> str:
    """The context value that renders as a red ``【待填：标签】``."""
    return f"{MARK_OPEN}【待填：{label}】{MARK_CLOSE}"


def check_marker(value: Any, note: str) -> str:
    """``value`` followed by a red ``【待核：说明】``: data a --draft document was written with
    although the checker rejects it."""
    return f"{value}{MARK_OPEN}【待核：{note}】{MARK_CLOSE}"


def safe_parser() -> etree.XMLParser:
    """An lxml parser for untrusted XML: no entities, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


# After docxtpl's patch, ``{{r x}}`` stands between runs and ``{{p x}}`` between paragraphs,
# where docxtpl expects a RichText/Subdoc object; data files give plain text instead.
_RUN_SLOT = re.compile(r"(</w:r>)\{\{(.*?)\}\}(?=<w:r[ >])", re.DOTALL)
_PARA_SLOT = re.compile(r"(</w:p>)\{\{(.*?)\}\}", re.DOTALL)


def _as_run(value: Any) -> Any:
    """Plain text in a ``{{r}}`` slot becomes a run (RichText and the like pass through)."""
    from markupsafe import Markup, escape

    if hasattr(value, "__html__"):
        return value
    return Markup('<w:r><w:t xml:space="preserve">%s</w:t></w:r>') % escape(str(value))


def _as_paragraph(value: Any) -> Any:
    """Plain text in a ``{{p}}`` slot becomes a paragraph."""
    from markupsafe import Markup

    return value if hasattr(value, "__html__") else Markup("<w:p>%s</w:p>") % _as_run(value)


class _OverBudget(Exception):
    """The document being rendered would grow past ``DEFAULT_MAX_OUTPUT``."""


def _env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from toolkit.render.filters import FILTERS

    class Sandbox(ImmutableSandboxedEnvironment):
        """``'x' * 10**9`` and ``9 ** 9 ** 9`` are refused before they are computed: the output
        budget only sees what is written, and these would take the memory or the time first."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 \
                    and right * max(abs(left), 2).bit_length() > DEFAULT_MAX_OUTPUT:
                raise _OverBudget
            if operator == "*" and isinstance(left, int) != isinstance(right, int):
                seq, n = (right, left) if isinstance(left, int) else (left, right)
                if isinstance(seq, (str, list, tuple)) and len(seq) * n > DEFAULT_MAX_OUTPUT:
                    raise _OverBudget
            return super().call_binop(context, operator, left, right)

    env = Sandbox(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
    env.filters.update(FILTERS, _docx_run=_as_run, _docx_paragraph=_as_paragraph)
    return env


def _red_rpr(rpr: str) -> str:
    rpr = re.sub(r"<w:color\b[^>]*/>", "", rpr)
    color = '<w:color w:val="FF0000"/>'
    if not rpr:
        return f"<w:rPr>{color}</w:rPr>"
    m = _AFTER_COLOR.search(rpr)
    at = m.start() if m else rpr.rindex("</w:rPr>")
    return rpr[:at] + color + rpr[at:]


def _redden_run(m: re.Match) -> str:
    run = m.group(0)
    rpr_m = _RPR.search(run)
    rpr = rpr_m.group(0) if rpr_m else ""
    red = _red_rpr(rpr)
    return _MARK.sub(lambda mk: '</w:t></w:r><w:r>' + red + '<w:t xml:space="preserve">' + mk.group(1)
                     + '</w:t></w:r><w:r>' + rpr + '<w:t xml:space="preserve">', run)


def redden_markers(xml: str) -> str:
    """Split every run that holds a draft marker so the marker is its own red run."""
    if MARK_OPEN not in xml:
        return xml
    xml = _MARKED_RUN.sub(_redden_run, xml)
    return xml.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")  # markers outside text (attributes)


@dataclass(slots=True)
class _Part:
    template: Any  # jinja2.Template
    tree_fix: bool  # run docxtpl's fix_tables / fix_docpr_ids after rendering


_PART_CN = (("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注"), ("endnotes", "尾注"), ("core", "文档属性"))


def _part_cn(part: str) -> str:
    return next((cn for key, cn in _PART_CN if key in posixpath.basename(part)), "正文")


def _place(part: str, src: str, lineno: int | None) -> str:
    """``页眉第2段“……”处``: where a syntax error is, for a user who sees paragraphs, not XML lines.
    The compiled source holds one paragraph per line, after a first line of preamble."""
    where = _part_cn(part)
    if not lineno:
        return f"{where}中"
    lines = src.split("\n")
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]) if lineno <= len(lines) else ""
    text = text.strip()
    shown = f"“{text[:40]}{'…' if len(text) > 40 else ''}”" if text else ""
    return f"{where}第{max(lineno - 1, 1)}段{shown}处"


_SYNTAX_CN = (
    (re.compile(r"Encountered unknown tag '(end\w+)'"), "多余的“{0}”，前面没有与之对应的开始标签"),
    (re.compile(r"Encountered unknown tag '(\w+)'"), "不认识的标签“{0}”"),
    (re.compile(r"Unexpected end of template.*?'(end\w+)'", re.S), "缺少“{0}”，标签没有闭合"),
    (re.compile(r"no filter named '([^']+)'", re.I), "没有名为“{0}”的过滤器（本工具提供的有 {filters}）"),
)


def _syntax_cn(message: str) -> str:
    """The Jinja message in Chinese (the original is the error's detail, shown with --verbose)."""
    for pattern, cn in _SYNTAX_CN:
        m = pattern.search(message)
        if m:
            from toolkit.render.filters import FILTERS

            return cn.format(*m.groups(), filters='、'.join(FILTERS))
    return "标记的写法不对（应为 {{ 字段 }}、{% if … %}…{% endif %}、{% for … %}…{% endfor %} 这样的形式）"


def _translate(exc: Exception, where: str, place: str = "") -> UsageError:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    if isinstance(exc, _OverBudget):
        return UsageError(f"模板{where}生成的一份文档超过 {mb(DEFAULT_MAX_OUTPUT)}，已停止：请检查模板中的循环"
                          "（如 {% for %} 嵌套在很大的范围上）或重复")
    if isinstance(exc, SecurityError):
        return UsageError(f"模板{where}试图访问不允许的内部属性，已拒绝渲染", detail=library_words(exc))
    if isinstance(exc, UndefinedError):
        name = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        what = (name.group(2) or name.group(1)) if name else str(exc)
        return UsageError(f"模板{where}用到的字段“{what}”没有数据")
    if isinstance(exc, TemplateSyntaxError):
        return UsageError(f"模板{where}{place or f'第{exc.lineno}行附近'}语法有误：{_syntax_cn(exc.message or '')}",
                          detail=library_words(exc))
    return UsageError(f"模板{where}渲染失败；请检查模板中的 {{{{ }}}} 与 {{% %}} 标记", detail=library_words(exc))


class CompiledTemplate:
    """A .docx template parsed and compiled once; ``render(context)`` → .docx bytes."""

    def __init__(self, path: Path) -> None:
        from docxtpl import DocxTemplate

        self.path = Path(path)
        # docxtpl's patch/post-processing methods work on strings only; the
        # instance never loads the document.
        self._tpl = DocxTemplate(self.path)
        self._env = _env()
        self.members = read_zip(self.path, f"模板 {self.path.name}")
        self.sources: dict[str, str] = {}  # patched Jinja source per part (for variable discovery)
        self.parts: dict[str, _Part] = {}
        blobs = {i.filename: data for i, data in self.members}
        main = self._main_part(blobs)
        for name in [main, *self._related(blobs, main), "docProps/core.xml"]:
            if name in blobs and name not in self.parts:
                self._compile(name, blobs[name], tree_fix=name == main)
        self._templated = [i for i, _ in self.members if i.filename in self.parts]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as base:
            for info, data in self.members:
                if info.filename not in self.parts:
                    base.writestr(copy.copy(info), data, compress_type=zipfile.ZIP_DEFLATED)
        self._base = buf.getvalue()

    # -- reading the package ------------------------------------------------
    def _xml(self, name: str, blob: bytes) -> etree._Element:
        try:
            return etree.fromstring(blob, safe_parser())
        except etree.XMLSyntaxError as exc:
            raise UsageError(f"模板 {self.path.name} 的 {name} 不是有效的 XML", detail=library_words(exc)) from None

    def _targets(self, blobs: dict[str, bytes], rels_name: str, base: str, types: set[str]) -> list[str]:
        if rels_name not in blobs:
            return []
        out = []
        for rel in self._xml(rels_name, blobs[rels_name]):
            if rel.get("Type") in types and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                out.append(target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target)))
        return out

    def _main_part(self, blobs: dict[str, bytes]) -> str:
        found = self._targets(blobs, "_rels/.rels", "", {_RELS + "officeDocument"})
        if not found or found[0] not in blobs:
            raise UsageError(f"模板 {self.path.name} 不是 Word 文档（缺少正文部分）")
        return found[0]

    def _related(self, blobs: dict[str, bytes], main: str) -> list[str]:
        folder, file = posixpath.split(main)
        return self._targets(blobs, posixpath.join(folder, "_rels", file + ".rels"), folder, _PART_TYPES)

    def _compile(self, name: str, blob: bytes, tree_fix: bool) -> None:
        if len(blob) > DEFAULT_MAX_TEMPLATE_PART:
            raise UsageError(f"模板 {self.path.name} 的 {name} 有 {mb(len(blob))}，超过上限 {mb(DEFAULT_MAX_TEMPLATE_PART)}，已拒绝")
        src = self._tpl.xml_to_string(self._xml(name, blob))
        if not _JINJA.search(src):
            return
        src = self._tpl.patch_xml(src)
        src = _RUN_SLOT.sub(r"\1{{ (\2)|_docx_run }}", src)
        src = _PARA_SLOT.sub(r"\1{{ (\2)|_docx_paragraph }}", src)
        self.sources[name] = src
        # as docxtpl.render_xml_part: one paragraph per line, for error line numbers
        src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)
        try:
            template = self._env.from_string(src)
        except Exception as exc:  # TemplateSyntaxError and friends
            raise _translate(exc, f" {self.path.name} ", _place(name, src, getattr(exc, "lineno", None))) from None
        self.parts[name] = _Part(template, tree_fix and bool(_TREE_FIX.search(src)))

    # -- rendering ----------------------------------------------------------
    def _render_part(self, part: _Part, context: dict, budget: list[int]) -> str:
        """One part's XML; ``budget`` holds the characters the document may still have."""
        out = io.StringIO()  # compact however small the chunks (a list of them is not)
        try:
            for chunk in part.template.generate(context):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise _OverBudget
                out.write(chunk)
        except Exception as exc:
            raise _translate(exc, f" {self.path.name} ") from None
        xml = out.getvalue()
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in xml for c in "\t\a\n\f"):
            xml = self._tpl.resolve_listing(xml)
        xml = redden_markers(xml)
        if "<!DOCTYPE" in xml or "<!ENTITY" in xml:
            raise UsageError(f"模板 {self.path.name} 生成了带 DTD 声明的内容，已拒绝")
        if part.tree_fix:
            tree = self._tpl.fix_tables(xml)
            self._tpl.docx_ids_index = 1000
            self._tpl.fix_docpr_ids(tree)
            xml = self._tpl.xml_to_string(tree)
        return xml

    def render(self, context: dict[str, Any]) -> bytes:
        """Render one document within the budget (time and size); returns the .docx file's bytes.
        Every rendered part is parsed again, so that a document Word cannot open is never written."""
        from toolkit.errors import ReadError
        from toolkit.timelimit import deadline

        budget = [DEFAULT_MAX_OUTPUT]
        try:
            with deadline(DEFAULT_RENDER_SECONDS):
                rendered = {name: self._render_part(part, context, budget) for name, part in self.parts.items()}
        except ReadError:  # the deadline ran out
            raise UsageError(f"模板 {self.path.name} 生成一份文档超过 {DEFAULT_RENDER_SECONDS:g} 秒，已停止："
                             "请检查模板中的循环（如 {% for %} 嵌套在很大的范围上）") from None
        for name, xml in rendered.items():
            try:
                etree.fromstring(xml.encode("utf-8"), safe_parser())
            except etree.XMLSyntaxError as exc:
                raise UsageError(f"模板 {self.path.name} 生成的文档无法打开：{_part_cn(name)}（{name}）"
                                 f"不是有效的 XML（第{exc.lineno}行），已拒绝写入") from None
        # The static members were compressed once into ``_base``; appending the
        # rendered parts to a copy of it avoids recompressing styles, fonts and
        # images for every record (the templated parts move to the end of the
        # zip, which OPC allows).
        buf = io.BytesIO(self._base)
        with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
            for info in self._templated:
                info = copy.copy(info)
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, (DECLARATION + rendered[info.filename]).encode("utf-8"))
        return buf.getvalue()

    # -- introspection ------------------------------------------------------
    def variables(self) -> list[str]:
        """Every variable path the template reads: ``name``, ``person.name``, ``candidates[].name``."""
        paths: set[str] = set()
        for src in self.sources.values():
            paths |= variable_paths(self._env.parse(src))
        return sorted(paths)

    def top_level(self) -> list[str]:
        """Top-level names the template needs from the context."""
        return sorted({re.split(r"[.\[]", p, maxsplit=1)[0] for p in self.variables()})


_GLOBALS = {"range", "loop", "cycler", "joiner", "namespace", "lipsum", "dict", "true", "false", "none"}


def variable_paths(ast) -> set[str]:
    """Walk a Jinja AST and collect the context paths it reads.

    Attribute and constant-key chains become dotted paths; a ``for`` target
    stands for ``ITER[]``, so ``{% for c in candidates %}{{ c.name }}`` gives
    ``candidates[].name``. Names set inside the template are local.
    """
    from jinja2 import nodes

    found: set[str] = set()

    def path(node, scope: dict[str, str | None]) -> str | None:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return None if node.name in _GLOBALS else node.name
        if isinstance(node, nodes.Getattr):
            base = path(node.node, scope)
            return base and f"{base}.{node.attr}"
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            base = path(node.node, scope)
            key = node.arg.value
            return base and (f"{base}.{key}" if isinstance(key, str) else f"{base}[]")
        return None

    def local_names(target) -> list[str]:
        return [n.name for n in target.find_all(nodes.Name)] + ([target.name] if isinstance(target, nodes.Name) else [])

    def visit(node, scope: dict[str, str | None]) -> None:
        if isinstance(node, nodes.For):
            visit(node.iter, scope)
            inner = dict(scope, loop=None)
            it = path(node.iter, scope)
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = f"{it}[]" if it else None
            else:
                inner.update(dict.fromkeys(local_names(node.target)))
            for child in [*node.body, *node.else_, *([node.test] if node.test else [])]:
                visit(child, inner)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            scope.update(dict.fromkeys(local_names(node.target)))
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            scope = dict(scope, **dict.fromkeys(a.name for a in node.args), caller=None, varargs=None, kwargs=None)
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
            p = path(node.node.node, scope)  # x.items() reads x
            if p:
                found.add(p)
            for child in [*node.args, *node.kwargs]:
                visit(child, scope)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            p = path(node, scope)
            if p:
                found.add(p)
                return
        for child in node.iter_child_nodes():
            visit(child, scope)

    visit(ast, {})
    # 'person' is implied by 'person.name'
    return {p for p in found if not any(q.startswith(p + ".") or q.startswith(p + "[") for q in found)}


_CACHE: dict[tuple[str, int], CompiledTemplate] = {}


def compile_template(path: Path) -> CompiledTemplate:
    """The compiled template for ``path``, built once per process (forked workers
    inherit it); a changed file is compiled afresh."""
    stat = os.stat(path)
    key = (os.fspath(path), stat.st_mtime_ns)
    if key not in _CACHE:
        _CACHE[key] = CompiledTemplate(Path(path))
    return _CACHE[key]
