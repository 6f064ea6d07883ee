"""Scans and phone photos (issue 9): read by OCR into the same Document, the
same extraction, findings marked as read from pictures.

The scans are made from the project's own forms (``scans.py``) once per test
session; each page is recognised once (OCR is CPU-heavy) and the results are
shared by the tests. The wider sweep and the speed are in bench/bench_ocr.py.
"""

from __future__ import annotations

import json
import sys
import zlib
import struct
from pathlib import Path

import pytest

from toolkit.errors import ReadError
from toolkit.extract import FORM_KEYS, extract
from toolkit.read import ocr, read

needs_ocr = pytest.mark.skipif(not ocr.available(), reason="未安装图片识别组件（[ocr] 扩展）")


@pytest.fixture(scope="session")
def scans(tmp_path_factory):
    """{file name: (path, expected fields)} for every scan of ``scans.SCANS``."""
    from conftest import HAS_SOFFICE

    if not ocr.available() or not HAS_SOFFICE:
        pytest.skip("需要 [ocr] 扩展和 LibreOffice")
    import scans as made

    out = tmp_path_factory.mktemp("scans")
    srcs = made.sources(out)
    return {s.name: made.make(s, srcs, out) for s in made.SCANS}


@pytest.fixture(scope="session")
def readings(scans):
    """{file name: (Document, Extraction)}: every scan read once."""
    out = {}
    for name, (path, _) in scans.items():
        doc = read(path, timeout=None)
        out[name] = (doc, extract(doc))
    return out


@needs_ocr
def test_field_accuracy_over_every_scan(scans, readings):
    """Per field over all scans (every container, resolution, damage and layout): ≥ 95 %."""
    right = dict.fromkeys(FORM_KEYS, 0)
    misses = []
    forms = 0
    for name, (_, wants) in scans.items():
        doc, ex = readings[name]
        assert ex.kind == "registration_form", name
        assert len(ex.records) == len(wants), name  # several forms in one file: one record each
        for rec, want in zip(ex.records, wants):
            forms += 1
            for key in FORM_KEYS:
                if rec.values.get(key) == want[key]:
                    right[key] += 1
                else:
                    misses.append(f"{name} {key}: {rec.values.get(key)!r} ≠ {want[key]!r}")
    assert sum(right.values()) / (forms * len(FORM_KEYS)) >= 0.95, misses
    assert all(n / forms >= 0.75 for n in right.values()), misses  # no field lost wholesale


@needs_ocr
def test_every_container_is_read_as_the_same_model(readings):
    formats = {name.rsplit(".", 1)[1]: doc.format for name, (doc, _) in readings.items()}
    assert formats == {"jpg": "image", "pdf": "pdf", "docx": "docx", "png": "image", "tif": "image"}
    for name, (doc, _) in readings.items():
        assert doc.ocr, name
        assert doc.tables or doc.paragraphs, name
        # confidence travels with every piece of text
        assert all(p.conf is not None for p in doc.paragraphs), name
        assert all(c.conf is not None for t in doc.tables for c in t.cells if c.text), name
        assert any("来源：图片识别" in n for n in doc.notes), name


@needs_ocr
def test_tables_rebuilt_from_the_ruling_lines(readings):
    doc, _ = readings["登记表_斜拍.jpg"]  # photographed at an angle on a desk
    grid = doc.tables[0].rows()
    assert grid[0][:6] == ["姓名", "李娜", "性别", "女", "民族", "壮族"]
    votes = next(r for r in grid if "应到人数" in r)
    assert votes[votes.index("应到人数"):votes.index("应到人数") + 5] == ["应到人数", "实到人数", "赞成票", "反对票", "弃权票"]


@needs_ocr
def test_table_lines_are_not_read_as_characters(scans, readings):
    """Text is recognised with the table lines painted out: a box drawn close
    to a cell's border must not bring back a stroke of it as a character
    (a 300 dpi page turned a quarter read its vote header as 实到人数[)."""
    for name, (doc, _) in readings.items():
        stray = [c.text for t in doc.tables for c in t.cells if any(ch in c.text for ch in "[]|丨")]
        assert not stray, (name, stray)
    _, ex = readings["登记表_竖放.pdf"]
    assert {k: ex.records[0].values.get(k) for k in FORM_KEYS} == scans["登记表_竖放.pdf"][1][0]


@needs_ocr
def test_painting_out_table_lines_keeps_the_text():
    """An A4 page at ~200 dpi: a ruled table with figures touching its
    borders, an underline, and a title whose strokes are as long as a short rule."""
    import cv2
    import numpy as np

    from toolkit.read.scan import line_masks, rulings, without_lines

    page = np.full((2400, 1700), 255, np.uint8)
    for y in (1000, 1100, 1200):
        cv2.line(page, (100, y), (1600, y), 0, 3)
    for x in (100, 500, 900, 1600):
        cv2.line(page, (x, 1000), (x, 1200), 0, 3)
    cv2.line(page, (1000, 1700), (1500, 1700), 0, 3)  # a signature line
    ruled = page.copy()
    for text, at, scale, thick in (("1 1 11", (600, 300), 3.0, 8),  # title-size strokes (~66 px), no rule near
                                   ("21", (502, 1080), 1.5, 3),  # touching the cell's left border
                                   ("26", (600, 1180), 1.5, 3), ("2026", (1050, 1690), 1.5, 3)):
        cv2.putText(page, text, at, cv2.FONT_HERSHEY_SIMPLEX, scale, 0, thick)
    ink = (page < 128) & (ruled > 128)
    masks = line_masks(page)
    clean = without_lines(page, masks)
    assert (clean[1000, 110:1590] == 255).all() and (clean[1010:1190, 900] == 255).all()  # rules gone
    assert (clean[1700, 1010:1490] == 255).all()
    kept = (clean[ink] < 128).mean()
    assert kept > 0.97, kept  # the text stays (but where it touches a rule)
    assert (clean[200:320, 550:1300] == page[200:320, 550:1300]).all()  # the title's strokes too
    edges = rulings(masks, 1.0)
    assert sum(e["orientation"] == "h" and e["x1"] - e["x0"] > 1000 for e in edges) == 3
    assert sum(e["orientation"] == "v" and e["bottom"] - e["top"] > 150 for e in edges) == 4


@needs_ocr
def test_stamp_and_signature_do_not_break_their_row(scans, readings):
    """A red seal and a signature over the 团支部意见 rows: the vote sentence
    stays whole in its cell and the row keeps its label."""
    doc, ex = readings["登记表_拍照.jpg"]
    rows = doc.tables[0].rows()
    opinion = next(r for r in rows if r[0] == "团支部意见")
    sentence = next(t for t in opinion[1:] if t)
    assert "应到会28人" in sentence and "弃权2票" in sentence.replace("\n", "")
    assert "同意推荐陈雨桐同志" in sentence.replace("\n", "")
    want = scans["登记表_拍照.jpg"][1][0]
    assert {k: ex.records[0].values.get(k) for k in FORM_KEYS} == want


@needs_ocr
def test_quarter_turn_and_pale_copy(scans, readings):
    for name in ("登记表_横放.png", "登记表_贴图.docx"):
        _, ex = readings[name]
        assert ex.records[0].values["姓名"] == scans[name][1][0]["姓名"], name


@needs_ocr
def test_check_marks_every_finding_and_keeps_confident_errors(scans, tmp_path):
    """check --format json on a scan of a form whose vote fails (赞成12 of
    应到28): the file and each finding carry ocr: true, the message says
    来源：图片识别, and the vote error, read with confidence, stays an error."""
    from click.testing import CliRunner

    import cli
    import scans as made

    planted = dict(made.PEOPLE[0], name="赵一鸣", gender="男", seq=5, votes_for=12, votes_against=10,
                   votes_abstain=4)
    pdf = made.generated_forms(tmp_path, [planted])[0][0]
    scan = made.save(made.spoil(made.render(pdf, 200), made.Spoil(angle=1.5, noise=4, seed=9)),
                     tmp_path / "赞成票不足.jpg")
    out = tmp_path / "r.json"
    res = CliRunner().invoke(cli.main, ["check", str(scan), "--format", "json", "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 1, res.output
    report = json.loads(out.read_text(encoding="utf-8"))
    entry = report["files"][0]
    assert entry["status"] == "ok" and entry["kind"] == "registration_form" and entry["ocr"] is True
    for f in report["findings"]:
        assert f["ocr"] is True and "来源：图片识别" in f["message"], f
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors and {f["category"] for f in errors} == {"vote"}, report["findings"]


def test_low_confidence_is_never_the_basis_of_an_error():
    from toolkit.check.engine import Finding
    from toolkit.check.scanned import doubtful, mark
    from toolkit.model import Cell, Document, Extraction, Location, Paragraph, Record, Table

    cells = [Cell(1, 1, "应到人数", conf=0.99), Cell(1, 2, "32", conf=0.99), Cell(2, 1, "赞成票", conf=0.99),
             Cell(2, 2, "12", conf=0.55)]
    doc = Document("a.jpg", "image", [Paragraph(1, "推优登记表", conf=0.99)], [Table(1, cells)], ocr=True)
    rec = Record("registration_form", {"应到人数": 32, "赞成票": 12},
                 {"应到人数": Location(table=1, row=1, col=2), "赞成票": Location(table=1, row=2, col=2)},
                 Location(table=1))
    doubt = doubtful(doc, Extraction("registration_form", [rec]))
    on_vote = Finding("a.jpg", "TW301", "vote", "error", "赞成票未超过应到人数的一半", Location(table=1, row=1, col=2))
    on_title = Finding("a.jpg", "TW100", "placeholder", "error", "标题有误", Location(paragraph=1))
    elsewhere = Finding("b.docx", "TW301", "vote", "error", "赞成票未超过应到人数的一半", Location(table=1, row=1, col=2))
    mark([on_vote, on_title, elsewhere], {"a.jpg": doubt})
    assert on_vote.severity == "warning" and "核对原件" in on_vote.message and on_vote.ocr
    assert on_title.severity == "error" and on_title.ocr and "来源：图片识别" in on_title.message
    assert elsewhere.severity == "error" and not elsewhere.ocr and "图片" not in elsewhere.message
    assert on_vote.to_dict()["ocr"] is True and "ocr" not in elsewhere.to_dict()


def test_id_numbers_checked_before_they_become_findings():
    """A recognised ID number whose check character does not fit is a likely
    misread: its text counts as low confidence (a warning to verify, never an error)."""
    from toolkit.cn.idcard import make_id

    good = make_id("410105", "20050317", 41, False)
    misread = good[:10] + ("3" if good[10] != "3" else "8") + good[11:]
    box = [[0, 0], [100, 0], [100, 10], [0, 10]]
    assert ocr._char(box, f"身份证号{good}", 0.99, 1.0)["conf"] == 0.99
    assert ocr._char(box, f"身份证号{misread}", 0.99, 1.0)["conf"] < ocr.LOW_CONF


@needs_ocr
def test_a_doubtful_short_figure_is_read_twice(monkeypatch):
    """A lone figure read with low confidence is read again with more paper
    around it: the same figure → the surer score; another → still in doubt;
    longer text is never read again."""
    import numpy as np

    class Recogniser:
        def __init__(self, answer):
            self.answer, self.calls = answer, 0

        def text_rec(self, crops):
            self.calls += 1
            return [self.answer], 0.0

    crop = np.full((40, 30, 3), 255, np.uint8)
    for answer, text, score, want in ((("21", 0.99), "21", 0.77, 0.99), (("２１", 0.98), "21", 0.77, 0.98),
                                      (("27", 0.99), "21", 0.77, 0.77), (("21", 0.6), "21", 0.77, 0.77)):
        monkeypatch.setattr(ocr, "_engine", Recogniser(answer))
        assert ocr._second_look(crop, text, score) == (text, want)
    for text, score in (("21", 0.95), ("13803719264", 0.8), ("人数", 0.8), ("实到26", 0.8)):
        rec = Recogniser(("x", 1.0))
        monkeypatch.setattr(ocr, "_engine", rec)
        assert ocr._second_look(crop, text, score) == (text, score) and rec.calls == 0


def test_a_sliver_within_a_wider_box_of_its_row_is_dropped():
    """Run-in fields: the detector's box of 性别：男 reaches into 张三's last
    character; cut at its gaps, that sliver (read as 111) goes, as does the
    second of two equal boxes; boxes of other rows and neighbours stay."""
    import numpy as np

    def box(x0, y0, x1, y1):
        return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)

    name, sliver, gender = box(423, 411, 579, 460), box(549, 416, 577, 457), box(627, 416, 679, 457)
    below, twin = box(540, 470, 580, 515), box(423, 411, 579, 460)
    kept = ocr._uncovered([name, sliver, gender, below, twin])
    assert [tuple(b[0]) for b in kept] == [(423, 411), (627, 416), (540, 470)]


def test_line_cut_where_a_table_line_crosses_it():
    line = {"text": "姓名王子涵", "x0": 0.0, "x1": 100.0, "top": 0.0, "bottom": 20.0, "size": 15.0, "conf": 1.0}
    parts = ocr._split(line, [{"x0": 40.0, "top": -5.0, "bottom": 30.0}])
    assert [p["text"] for p in parts] == ["姓名", "王子涵"]
    assert parts[0]["x1"] <= 40.0 <= parts[1]["x0"]


def test_chinese_numeral_zero_misread_as_letter():
    assert ocr._fix("二O一八年五月") == "二〇一八年五月"
    assert ocr._fix("二0O五年") == "二〇〇五年"
    assert ocr._fix("ABC2O1") == "ABC2O1"


# -- without the [ocr] extra ------------------------------------------------------------
def _png(path: Path) -> Path:
    """A small white PNG written without any image library."""
    w, h = 40, 30

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\0" + b"\xff" * w for _ in range(h))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def _image_pdf(path: Path) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.new_native(40, 30, pdfium.raw.FPDFBitmap_BGRA)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, 40, 30)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
    page.insert_obj(image)
    page.gen_content()
    pdf.save(str(path))
    return path


def _picture_docx(path: Path, png: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_picture(str(png))
    d.save(str(path))
    return path


@pytest.fixture
def without_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as when not installed
    monkeypatch.setattr(ocr, "_engine", None)
    assert not ocr.available()


def test_without_the_extra_every_scan_is_listed_with_what_to_install(tmp_path, without_extra):
    from toolkit.app.check import run_check

    src = tmp_path / "in"
    src.mkdir()
    png = _png(src / "照片.png")
    _image_pdf(src / "扫描件.pdf")
    _picture_docx(src / "贴图.docx", png)
    (src / "说明.txt").write_text("各团支部：\n请按时提交推优材料。\n", encoding="utf-8")
    for name in ("照片.png", "扫描件.pdf", "贴图.docx"):
        with pytest.raises(ReadError, match=r'pip install "tuanwen\[ocr\]"') as exc:
            read(src / name)
        assert exc.value.status == "error"
    result, _ = run_check([str(src)], jobs=1)
    status = {Path(f.file).name: f for f in result.files}
    assert set(status) == {"照片.png", "扫描件.pdf", "贴图.docx", "说明.txt"}
    for name in ("照片.png", "扫描件.pdf", "贴图.docx"):
        assert status[name].status == "error" and "tuanwen[ocr]" in status[name].error, name
    assert status["说明.txt"].status == "ok"  # everything else works


@needs_ocr
def test_picture_without_text_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(ReadError, match="没有识别出文字") as exc:
        read(_png(tmp_path / "空白.png"))
    assert exc.value.status == "error"


def test_annotate_says_pictures_get_no_comments(tmp_path):
    from toolkit.check.engine import CheckResult, FileStatus, Finding
    from toolkit.model import Location
    from toolkit.report.annotate import annotate

    scan = _picture_docx(tmp_path / "贴图.docx", _png(tmp_path / "p.png"))
    finding = Finding(str(scan), "TW301", "vote", "warning", "赞成票未超过应到人数的一半（来源：图片识别）",
                      Location(table=1, row=9, col=2), ocr=True)
    result = CheckResult([FileStatus(str(scan), "registration_form", ocr=True)], [finding])
    written = annotate(result, tmp_path / "批注", echo=False)
    assert written == []
    from toolkit.report.annotate import annotate_summary

    line = annotate_summary(tmp_path, [], [], [], ["贴图.docx"])
    assert "无法在图片中加批注" in line and "报告" in line


def test_convert_rows_say_where_their_values_came_from():
    from toolkit.app.convert import _mark_scanned, _record_row
    from toolkit.model import Cell, Document, Location, Record, Table

    doc = Document("a.jpg", "image", tables=[Table(1, [Cell(1, 1, "姓名", conf=0.99), Cell(1, 2, "张三", conf=0.99),
                                                     Cell(2, 1, "赞成票", conf=0.99), Cell(2, 2, "27", conf=0.6)])],
                   ocr=True)
    rec = Record("registration_form", {"姓名": "张三", "赞成票": 27},
                 {"姓名": Location(table=1, row=1, col=2), "赞成票": Location(table=1, row=2, col=2)})
    result = {"records": [_record_row("a.jpg", "registration_form", rec)]}
    _mark_scanned(doc, [rec], result)
    assert result["ocr"] is True
    assert result["records"][0]["来源"] == "图片识别" and result["records"][0]["待核对"] == "赞成票"
