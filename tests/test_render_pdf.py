"""PDF through one LibreOffice process: A4 pages with the Chinese text; missing soffice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document
from docx.shared import Mm

from cli import main
from toolkit import office as pdfmod


def _template(folder: Path) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    doc.add_paragraph("推优登记表：{{ 姓名 }}，{{ 团支部 }}")
    path = folder / "t.docx"
    doc.save(path)
    return path


def _data(folder: Path) -> Path:
    data = folder / "d.yaml"
    data.write_text(yaml.safe_dump([{"姓名": "王子涵", "团支部": "化工2201团支部"},
                                    {"姓名": "李思远", "团支部": "生物2201团支部"}], allow_unicode=True),
                    encoding="utf-8")
    return data


@pytest.mark.soffice
def test_pdf_batch_is_a4_with_chinese_text(tmp_path):
    import pdfplumber

    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["generate", str(_template(tmp_path)), str(_data(tmp_path)), "-o", str(out),
                                    "--pdf", "--name", "{团支部}_{姓名}"])
    assert res.exit_code == 0, res.output
    assert "已转换 2 份 PDF" in res.output
    pdf = out / "化工2201团支部_王子涵.pdf"
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        assert abs(page.width - 595.3) < 2 and abs(page.height - 841.9) < 2  # A4 in points
        assert "王子涵" in page.extract_text().replace(" ", "")
    assert (out / "生物2201团支部_李思远.pdf").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".~tw")]


def test_missing_soffice_still_writes_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("TUANWEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["generate", str(_template(tmp_path)), str(_data(tmp_path)), "-o", str(out),
                                    "--pdf"])
    assert res.exit_code == 0, res.output
    assert "apt-get install libreoffice-writer-nogui" in res.output
    assert len(list(out.glob("*.docx"))) == 2 and not list(out.glob("*.pdf"))


def test_same_stem_files_go_to_separate_runs(tmp_path):
    a, b, c = tmp_path / "x" / "a.docx", tmp_path / "y" / "a.doc", tmp_path / "b.docx"
    batches = pdfmod._unique_stem_batches([a, b, c])
    assert batches == [[a, c], [b]]


@pytest.mark.soffice
@pytest.mark.parametrize("namespace", [True, False], ids=["network-namespace", "profile-only"])
def test_linked_pictures_are_never_fetched(tmp_path, monkeypatch, namespace):
    """LibreOffice converting files with linked pictures requests nothing, also where no network
    namespace is available (the profile's link and proxy settings alone must hold)."""
    from tests.hostile.cases_read import external_docx, linked_odt, linked_rtf
    from tests.hostile.corpus import Listener

    if not namespace:
        monkeypatch.setattr(pdfmod, "offline_prefix", lambda: ())
    listener = Listener()
    try:
        files = {"a.odt": linked_odt(listener.url), "b.rtf": linked_rtf(listener.url),
                 "c.docx": external_docx(listener.url)}
        for name, data in files.items():
            (tmp_path / name).write_bytes(data)
        done = pdfmod.soffice_convert([tmp_path / n for n in files], tmp_path / "out", "pdf")
    finally:
        listener.close()
    assert len(done) == 3
    assert listener.hits == []
