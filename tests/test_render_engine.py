"""The compile-once engine: same text as a plain docxtpl render, sandboxed, safe XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate, RichText, RichTextParagraph
from lxml import etree

from toolkit.errors import UsageError
from toolkit.render.engine import CompiledTemplate, compile_template, draft_marker, redden_markers
from toolkit.render.schema import builtin_names, load_schema

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def part_texts(docx: bytes | Path) -> dict[str, str]:
    """Text of every word/*.xml part, run by run, in document order."""
    src = io.BytesIO(docx) if isinstance(docx, bytes) else docx
    out = {}
    with zipfile.ZipFile(src) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(zf.read(name))
                out[name] = "".join(t.text or "" for t in root.iter(W_T))
    return out


def docxtpl_render(path: Path, context: dict) -> dict[str, str]:
    tpl = DocxTemplate(path)
    tpl.render(context)
    buf = io.BytesIO()
    tpl.save(buf)
    return part_texts(buf.getvalue())


FIXTURE_CONTEXTS = {
    "dynamic_table_tpl.docx": {"col_labels": ["水果", "蔬菜", "石头"],
                               "tbl_contents": [{"label": "黄", "cols": ["香蕉", "辣椒", "黄玉"]},
                                                {"label": "红", "cols": ["苹果", "番茄", "红宝石"]}]},
    "vertical_merge_tpl.docx": {"category": "团费", "total_price": 30,
                                "items": [{"desc": "笔", "qty": 2, "price": 5}, {"desc": "纸", "qty": 4, "price": 5}]},
    # {{p mysubdoc}} takes a paragraph object in docxtpl (plain text there: tests/test_qa_generate.py)
    "header_footer_tpl_utf8.docx": {"title": "标题", "company_name": "化工学院团委", "date": "2026-11-22",
                                    "mysubdoc": RichTextParagraph(RichText("附件"))},
    "footnotes_tpl.docx": {"a_jinja_variable": "脚注变量"},
    "horizontal_merge_tpl.docx": {},
    "less_cells_after_loop_tpl.docx": {},
    "vertical_merge_nested_tpl.docx": {},
}


@pytest.mark.parametrize("name", sorted(FIXTURE_CONTEXTS))
def test_same_text_as_docxtpl_on_its_fixtures(realdocs, name):
    path = realdocs / "fixtures_docxtpl" / name
    context = FIXTURE_CONTEXTS[name]
    ours = part_texts(CompiledTemplate(path).render(context))
    assert ours == docxtpl_render(path, context)


@pytest.mark.skipif(not builtin_names(), reason="内置模板尚未就绪")
@pytest.mark.parametrize("name", builtin_names() or ["-"])
def test_same_text_as_docxtpl_for_builtin_templates(name):
    from toolkit.render.prepare import prepare_context
    from toolkit.render.schema import validate
    from toolkit.resources import TEMPLATES_DIR

    schema = load_schema(name)
    records, errors = validate(schema, [schema.example_record()])
    assert not errors
    context = prepare_context(name, schema, records[0])
    path = TEMPLATES_DIR / f"{name}.docx"
    assert part_texts(CompiledTemplate(path).render(context)) == docxtpl_render(path, context)


def test_compiled_once_and_cached(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ a }}")
    path = tmp_path / "t.docx"
    doc.save(path)
    assert compile_template(path) is compile_template(path)
    tpl = compile_template(path)
    first, second = tpl.render({"a": "一"}), tpl.render({"a": "二"})
    assert part_texts(first)["word/document.xml"] == "一"
    assert part_texts(second)["word/document.xml"] == "二"
    # every member of the template is in the output, each once
    names = zipfile.ZipFile(io.BytesIO(second)).namelist()
    assert sorted(names) == sorted(zipfile.ZipFile(path).namelist())


def test_entities_are_not_expanded(tmp_path):
    doc = Document()
    doc.add_paragraph("X")
    path = tmp_path / "t.docx"
    doc.save(path)
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(evil, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                secret = tmp_path / "secret.txt"
                secret.write_text("TOPSECRET", encoding="utf-8")
                data = data.decode().replace("?>", f'?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>', 1)
                data = data.replace(">X<", ">&x;{{ a }}<").encode()
            zout.writestr(info, data)
    try:
        out = CompiledTemplate(evil).render({"a": "1"})
    except UsageError:
        return  # refusing is fine too
    assert "TOPSECRET" not in part_texts(out)["word/document.xml"]


def test_sandbox_blocks_internals(tmp_path):
    for src in ["{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}",
                "{{ a.__class__.__subclasses__() }}"]:
        doc = Document()
        doc.add_paragraph(src)
        path = tmp_path / "t.docx"
        doc.save(path)
        with pytest.raises(UsageError, match="不允许"):
            CompiledTemplate(path).render({"a": "x"})


def test_undefined_variable_is_named(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ 团支部 }}")
    path = tmp_path / "t.docx"
    doc.save(path)
    with pytest.raises(UsageError, match="“团支部”没有数据"):
        CompiledTemplate(path).render({})


def test_broken_template_file(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(UsageError, match="无法作为 .docx 打开"):
        CompiledTemplate(path)


def test_draft_marker_keeps_run_properties():
    xml = ('<w:p><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">姓名：'
           + draft_marker("姓名") + '。</w:t></w:r></w:p>')
    out = redden_markers(xml)
    assert '<w:rPr><w:b/><w:color w:val="FF0000"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">【待填：姓名】' in out
    assert out.count("<w:r>") == 3
    etree.fromstring(out.replace("<w:p>", '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'))


def test_an_example_record_is_the_callers_own_copy():
    from toolkit.render.schema import load_schema

    schema = load_schema("points")
    first = schema.example_record()
    first["members"].clear()
    assert schema.example_record()["members"]
