"""Every built-in template on paper (LibreOffice PDFs of their examples): dates print whole on
one line, even the widest (two-digit month and day) in narrow cells, no line breaks inside a
label, long titles break between words; the first page of each is pictured in
``docs/templates/`` for review.

The pictures are written to ``docs/templates/`` when ``TUANWEN_SCREENSHOTS=1`` (else to a
temporary folder, so that running the tests leaves the repository as it was)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from itertools import accumulate
from pathlib import Path

import pdfplumber
import pytest
import yaml

from toolkit.app.generate import generate_command
from toolkit.cn.segment import cut
from toolkit.cn.text import display_width
from toolkit.office import soffice_convert
from toolkit.read.docx import read_docx
from toolkit.render.catalog import builtin_schemas
from toolkit.render.schema import Field

ROOT = Path(__file__).resolve().parents[1]
NAMES = [s.name for s in builtin_schemas()]
DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?")
# A date that is a value of its own: a cell, a line, or after its label (填表日期：…); running text
# may wrap anywhere.
DATE_VALUE = re.compile(rf"(?:[\u4e00-\u9fff（）]{{1,10}}：)?({DATE.pattern})(?:印发)?")


def _widest(fields: list[Field], values: dict) -> dict:
    """``values`` with every date moved to 28 December of its year (the widest date printed)."""
    out = dict(values)
    for f in fields:
        value = out.get(f.name)
        if f.type == "date" and isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\d$", value):
            out[f.name] = value[:4] + "-12-28"
        elif f.columns and isinstance(value, list):
            out[f.name] = [_widest(f.columns, row) if isinstance(row, dict) else row for row in value]
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """(docx, pdf) of every built-in template's example with the widest dates (one LibreOffice run);
    the data is not checked: a date moved to December may come out of order, which is no matter here."""
    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        pytest.skip("未安装 LibreOffice（soffice）")
    root = tmp_path_factory.mktemp("pages")
    made = {}
    for schema in builtin_schemas():
        data = root / f"{schema.name}.yaml"
        record = _widest(schema.fields, schema.example_record())
        data.write_text(yaml.safe_dump([record], allow_unicode=True), "utf-8")
        (made[schema.name],) = generate_command(schema.name, data, root / schema.name, pattern=schema.name,
                                                check_data=False)
    out = soffice_convert(list(made.values()), root / "pdf")
    return {name: (docx, out[docx.resolve()]) for name, docx in made.items()}


@pytest.mark.soffice
@pytest.mark.parametrize("name", NAMES)
def test_dates_print_whole(pdfs, name):
    docx, pdf = pdfs[name]
    values = (DATE_VALUE.fullmatch(token) for token in read_docx(str(docx)).all_text().split())
    dates = Counter(m.group(1) for m in values if m)
    assert any(d.endswith("12月28日") or d.endswith("12月") for d in dates), dates  # the widest were printed
    with pdfplumber.open(pdf) as doc:
        lines = "\n".join(re.sub(r"\s", "", line["text"]) for page in doc.pages for line in page.extract_text_lines())
    wrapped = {d: n - lines.count(d) for d, n in dates.items() if lines.count(d) < n}
    assert not wrapped, f"{name}: dates wrapped in the PDF (date: times)"


# A label run into its value (应到人数：32, 团支部书记（签字）：…).
LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}(?:（[\u4e00-\u9fff]{1,4}）)?：")


@pytest.mark.soffice
@pytest.mark.parametrize("name", NAMES)
def test_labels_print_whole(pdfs, name):
    """No line of the page breaks inside a label (实到/人数)."""
    docx, pdf = pdfs[name]
    labels = {m for p in read_docx(str(docx)).paragraphs for part in p.text.split() for m in LABEL.findall(part)}
    with pdfplumber.open(pdf) as doc:
        lines = "\n".join(re.sub(r"\s", "", line["text"]) for page in doc.pages for line in page.extract_text_lines())
    assert not [label for label in labels if label not in lines], f"{name}: labels broken in the PDF"


# A branch name longer than the examples': its titles take two lines on a portrait page.
LONG_BRANCH = "临床医学院临床医学2301团支部"


@pytest.mark.soffice
def test_long_titles_break_between_words(tmp_path):
    """Every template's title, made long, prints in lines broken between words (jieba) and of
    balanced length: never 建团进度周/报."""
    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        pytest.skip("未安装 LibreOffice（soffice）")
    made, titles = {}, {}
    for schema in builtin_schemas():
        record = schema.example_record()
        if "title" not in record:
            continue
        record["title"] = titles[schema.name] = LONG_BRANCH + str(record["title"]).split("团支部", 1)[-1]
        data = tmp_path / f"{schema.name}.yaml"
        data.write_text(yaml.safe_dump([record], allow_unicode=True), "utf-8")
        (made[schema.name],) = generate_command(schema.name, data, tmp_path / schema.name, pattern=schema.name,
                                                check_data=False)
    out = soffice_convert(list(made.values()), tmp_path / "pdf")
    for name, docx in made.items():
        title = titles[name]
        with pdfplumber.open(out[docx.resolve()]) as doc:
            lines = [re.sub(r"\s", "", line["text"]) for line in doc.pages[0].extract_text_lines()]
        start = next(i for i, line in enumerate(lines) if line and title.startswith(line))
        shown: list[str] = []
        for line in lines[start:]:
            if not title.startswith("".join(shown) + line):
                break
            shown.append(line)
        assert "".join(shown) == title, f"{name}: {shown}"
        ends = set(accumulate(len(w) for w in cut(title, hmm=True)))
        assert all(end in ends for end in accumulate(len(line) for line in shown)), f"{name}: {shown}"
        widths = [display_width(line) / 2 for line in shown]
        assert max(widths) - min(widths) <= 4, f"{name}: unbalanced {shown}"


@pytest.mark.soffice
def test_first_page_pictures(pdfs, tmp_path):
    """``docs/templates/NAME.png``: the first page of each template's example, for review."""
    if not shutil.which("pdftoppm"):
        pytest.skip("未安装 pdftoppm（poppler-utils）")
    folder = ROOT / "docs" / "templates" if os.environ.get("TUANWEN_SCREENSHOTS") else tmp_path
    for name, (_, pdf) in pdfs.items():
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "45", "-png", "-singlefile", str(pdf),
                        str(folder / name)], check=True)
        assert (folder / f"{name}.png").stat().st_size > 0
