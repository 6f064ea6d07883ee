"""Fonts of the PDFs LibreOffice makes from the built-in templates: the 公文 fonts
mapped on purpose to free faces with Simplified Chinese forms (never Japanese),
title, body and heading faces distinct; the .docx keeps the 公文 names with
Windows fallbacks; a missing stand-in is named with what installs it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest

from toolkit import fonts
from toolkit.app.generate import generate_command
from toolkit.office import soffice_convert
from toolkit.render.catalog import write_example
from toolkit.render.schema import load_schema

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
BUILTIN = ["notice", "summary", "bulletin", "tuiyou-form", "tuiyou-tally", "handout-log", "minutes"]
# The stand-ins: Noto Serif/Sans CJK (their CFF is named ...jp for every language face), AR PL KaitiM GB / UKai.
ALLOWED = re.compile(r"^(?:[A-Z]{6}\+)?(NotoSerifCJK|NotoSansCJK|GBZenKai|ZenKai)")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every built-in template's example, as .docx and PDF (one LibreOffice run)."""
    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        pytest.skip("未安装 LibreOffice（soffice）")
    root = tmp_path_factory.mktemp("fonts")
    made: dict[str, Path] = {}
    for name in BUILTIN:
        data = root / f"{name}.yaml"
        write_example(load_schema(TEMPLATES / f"{name}.yaml"), data)
        (docx,) = generate_command(name, data, root / name, pattern=name)
        made[name] = docx
    out = soffice_convert(list(made.values()), root / "pdf")
    return {name: out[docx.resolve()] for name, docx in made.items()}


def _pdffonts(pdf: Path) -> list[str]:
    if not shutil.which("pdffonts"):
        pytest.skip("未安装 pdffonts（poppler-utils）")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


@pytest.mark.soffice
@pytest.mark.parametrize("name", BUILTIN)
def test_only_the_mapped_chinese_faces(pdfs, name):
    names = _pdffonts(pdfs[name])
    assert names and all(ALLOWED.match(n) for n in names), names


def _face(pdf, text: str) -> str:
    """The font of the first line whose text starts with ``text``."""
    for page in pdf.pages:
        for line in page.extract_text_lines():
            if line["text"].replace(" ", "").startswith(text):
                return line["chars"][0]["fontname"].split("+")[-1]
    raise AssertionError(f"no line starts with {text!r}")


@pytest.mark.soffice
def test_title_body_and_headings_are_distinct_faces(pdfs):
    with pdfplumber.open(pdfs["summary"]) as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
        title = max(chars, key=lambda c: c["size"])["fontname"].split("+")[-1]
        body = _face(pdf, "2026年，学院团委")
        h1 = _face(pdf, "一、")
    assert "Serif" in title and "Bold" in title  # 小标宋: a heavy serif
    assert "Serif" in body and "Regular" in body  # 仿宋: a serif
    assert "Sans" in h1  # 黑体
    assert len({title, body, h1}) == 3
    with pdfplumber.open(pdfs["notice"]) as pdf:
        h2 = _face(pdf, "（一）")
        assert "ZenKai" in h2 and h2 not in (title, body, h1)  # the notice's second-level heading: 楷体


def _glyph_cids(pdf: Path) -> dict[str, set[int]]:
    """The glyphs in each embedded font, by CID (Noto CJK subsets name glyphs ``cidNNNN``)."""
    from pdfminer.pdftypes import resolve1

    out: dict[str, set[int]] = {}
    with pdfplumber.open(pdf) as doc:
        for xref in doc.doc.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = doc.doc.getobj(objid)
                except Exception:  # noqa: BLE001  (free or broken objects)
                    continue
                if isinstance(obj, dict) and "FontFile" in obj and "FontName" in obj:
                    data = resolve1(obj["FontFile"]).get_data()
                    out[obj["FontName"].name] = {int(n) for n in re.findall(rb"/cid(\d+)", data)}
    return out


@pytest.mark.soffice
def test_chinese_glyph_forms_are_simplified_not_japanese(pdfs):
    """The Noto CJK collection shares one CFF across languages; the language shows in
    which glyph a character maps to: 直 is cid27746 in the SC face, cid27745 in JP."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    path = subprocess.run(["fc-match", "-f", "%{file}", "Noto Serif CJK SC"], capture_output=True, text=True).stdout
    if not path.endswith(".ttc"):
        pytest.skip("Noto Serif CJK 不是字体集合（.ttc），无需此项检查")
    faces = {f["name"].getDebugName(1): f.getBestCmap() for f in ttlib.TTCollection(path).fonts}
    sc, jp = faces["Noto Serif CJK SC"], faces["Noto Serif CJK JP"]
    with pdfplumber.open(pdfs["summary"]) as pdf:
        text = {c["text"] for p in pdf.pages for c in p.chars if "SerifCJK" in c["fontname"] and "Regular" in c["fontname"]}
    differ = {ch for ch in text if ord(ch) in sc and sc[ord(ch)] != jp.get(ord(ch))}
    assert len(differ) >= 5  # enough characters whose forms differ to tell
    glyphs = next(v for k, v in _glyph_cids(pdfs["summary"]).items() if "SerifCJK" in k and "Regular" in k)
    used_sc = {int(sc[ord(ch)][3:]) for ch in differ}
    used_jp = {int(jp[ord(ch)][3:]) for ch in differ} - used_sc
    assert used_sc <= glyphs and not used_jp & glyphs


def test_docx_keeps_the_gongwen_names_with_windows_fallbacks():
    for name in BUILTIN:
        with zipfile.ZipFile(TEMPLATES / f"{name}.docx") as z:
            table = z.read("word/fontTable.xml").decode("utf-8")
            document = z.read("word/document.xml").decode("utf-8")
        used = set(re.findall(r'w:eastAsia="([^"]+)"', document))
        assert used and used <= set(fonts.ALT_NAMES), (name, used)
        for font in used:
            entry = re.search(rf'<w:font w:name="{font}">(.*?)</w:font>', table, re.S)
            assert entry, (name, font)
            assert f'w:altName w:val="{fonts.ALT_NAMES[font]}"' in entry.group(1)
            assert 'w:charset w:val="86"' in entry.group(1)  # GB2312


def test_fontconfig_maps_every_gongwen_font():
    xml = fonts.fontconfig_xml(frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN"}))
    assert "<string>仿宋_GB2312</string>" in xml and "<string>方正小标宋简体</string>" in xml
    # 楷体 falls back to UKai CN where KaitiM GB is missing; 小标宋 is drawn bold.
    kai = re.search(r"<string>楷体_GB2312</string></test>(.*?)</match>", xml).group(1)
    assert "AR PL UKai CN" in kai
    title = re.search(r"<string>方正小标宋简体</string></test>(.*?)</match>", xml).group(1)
    assert "Noto Serif CJK SC" in title and "<const>bold</const>" in title
    assert "JP" not in xml
    assert '<include ignore_missing="yes">' in xml  # the system's settings stay in force


def test_missing_face_is_named_with_what_installs_it(monkeypatch):
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC"}))
    lines = fonts.missing_faces()
    assert lines == ["PDF 的二级标题（楷体）需要字体“AR PL KaitiM GB”，本机未安装，将以其他字体代替；"
                     "安装方法：sudo apt-get install fonts-arphic-gkai00mp fonts-arphic-ukai"]
    monkeypatch.setattr(fonts, "installed_families", lambda: frozenset())  # no fontconfig (Windows): nothing to say
    assert fonts.missing_faces() == []
