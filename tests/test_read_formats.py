"""Recognition by content, plain text, Excel, guards and the batch API."""

from __future__ import annotations

import time
import zipfile

import docx
import openpyxl
import pytest

from toolkit.errors import ReadError
from toolkit.app.pipeline import read_many
from toolkit.read import collect, detect_format, read


def _docx(path, text="第一段"):
    d = docx.Document()
    d.add_paragraph(text)
    d.save(path)
    return path


def test_detect_by_content(tmp_path):
    cases = {
        "a.docx": _docx(tmp_path / "src.docx").read_bytes(),
        "b.pdf": b"junk before the header\n%PDF-1.4\n%...",
        "c.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "WordDocument".encode("utf-16-le"),
        "d.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "Workbook".encode("utf-16-le"),
        "e.txt": "团支部\n".encode("gbk"),
        "f.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 50,
        "g.docx": b"",
        "h.bin": bytes(range(256)) * 4,
        "i.zip": b"",
        "j.doc": "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>总结</body></html>".encode(),
    }
    for name, data in cases.items():
        if name != "i.zip":
            (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "i.zip", "w") as zf:
        zf.writestr("a.txt", "x")
    with zipfile.ZipFile(tmp_path / "k.odt", "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    got = {name: detect_format(tmp_path / name) for name in [*cases, "k.odt"]}
    assert got == {"a.docx": "docx", "b.pdf": "pdf", "c.doc": "doc", "d.xls": "xls", "e.txt": "txt",
                   "f.png": "image", "g.docx": "empty", "h.bin": "unknown", "i.zip": "zip", "j.doc": "html",
                   "k.odt": "odt"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_txt_encodings(tmp_path, encoding):
    path = tmp_path / "总结.txt"
    path.write_bytes("一、基本情况\r\n\r\n  本学期共开展活动5次。\n　　结束\n".encode(encoding))
    doc = read(path)
    assert doc.format == "txt"
    assert [p.text for p in doc.paragraphs][:2] == ["一、基本情况", "本学期共开展活动5次。"]
    assert [p.index for p in doc.paragraphs] == [1, 3, 4]  # one paragraph per line: the blank line keeps its number


_TRADITIONAL = "團支部推優大會決議\n同意推薦張三同志為入黨積極分子，全體團員一致通過。\n"
_JAPANESE = "学校の青年団の会議です。\nこれは推薦の文書です。\n"


@pytest.mark.parametrize("text,encoding,note", [
    (_TRADITIONAL, "big5", "Big5"), (_JAPANESE, "shift_jis", "Shift_JIS"),
    ("团支部推优大会决议\n全体团员一致通过。\n", "utf-32", None),
    ("团支部推优大会决议\n全体团员一致通过。\n", "utf-32-be", None),
    ("团支部推优大会决议\n全体团员一致通过。\n", "utf-16-le", None),
], ids=["big5", "shift_jis", "utf-32", "utf-32-be-no-bom", "utf-16-le-no-bom"])
def test_txt_encodings_not_guessed_as_gb18030(tmp_path, text, encoding, note):
    """Big5, Shift_JIS and UTF-32 text would all 'decode' as something else (GB18030, UTF-16)
    into invented characters; each is read as what it is, with a note for the legacy ones."""
    path = tmp_path / "总结.txt"
    path.write_bytes(text.encode(encoding))
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == text.split()
    assert bool(note) == any(note in n for n in doc.notes) if note else not doc.notes


@pytest.mark.parametrize("data", [
    bytes(range(0x81, 0xFF)) * 20,  # private-use and rare characters in every legacy reading
    "團".encode("big5") + bytes([0xFA, 0x40]) * 30,  # Big5 user-defined area
], ids=["rare-and-private", "big5-user-defined"])
def test_txt_that_reads_as_garbage_in_every_encoding_is_refused(tmp_path, data):
    path = tmp_path / "乱码.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="无法识别文本编码"):
        read(path)


def test_gb_text_with_rare_name_characters_stays_gb18030():
    from toolkit.cn.encoding import detect_text

    text = "推优名单：王璇、李翀、赵翯、钱堃、孙喆、周昉、吴玥\n"
    assert detect_text(text.encode("gbk")) == (text, "gb18030")


def test_mislabelled_document_is_read_with_a_note(tmp_path):
    path = tmp_path / "登记表.pdf"
    _docx(path, "内容其实是 Word")
    doc = read(path)
    assert doc.format == "docx" and doc.paragraphs[0].text == "内容其实是 Word"
    assert any(".pdf" in n and "Word" in n for n in doc.notes)


def test_non_documents_are_skipped_or_errors(tmp_path):
    photo = tmp_path / "照片.docx"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    with pytest.raises(ReadError, match="图片") as exc:
        read(photo)
    assert exc.value.status == "error"  # a picture is read by OCR: a broken one is unreadable (contract)

    empty = tmp_path / "空.docx"
    empty.touch()
    with pytest.raises(ReadError, match="文件为空") as exc:
        read(empty)
    assert exc.value.status == "error"

    lock = tmp_path / "~$登记表.docx"
    lock.write_bytes(b"\x04fafa" + b"\0" * 157)
    with pytest.raises(ReadError, match="锁定文件"):
        read(lock)

    xls = tmp_path / "汇总.xls"  # an OLE2 container that names a workbook but holds none
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "Workbook".encode("utf-16-le"))
    with pytest.raises(ReadError, match="已损坏.*旧版 Excel") as exc:
        read(xls)
    assert exc.value.status == "error"

    locked = tmp_path / "加密.docx"  # a password-protected .docx is an OLE2 container
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ReadError, match="加密"):
        read(locked)

    web = tmp_path / "网页.doc"  # Word's “另存为网页”, renamed: read as the page it is, with a note
    web.write_text("<html><body><p>总结</p></body></html>", encoding="utf-8")
    doc = read(web)
    assert [p.text for p in doc.paragraphs] == ["总结"] and "网页" in doc.notes[0]
    web.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="没有任何文字") as exc:
        read(web)
    assert exc.value.status == "error"

    with pytest.raises(ReadError, match="不存在"):
        read(tmp_path / "没有这个文件.docx")


def test_size_limit(tmp_path):
    path = _docx(tmp_path / "big.docx")
    with pytest.raises(ReadError, match="文件过大"):
        read(path, max_bytes=1000)


def test_time_limit(tmp_path, monkeypatch):
    import toolkit.read.txt as txt

    def slow(path):
        time.sleep(5)

    monkeypatch.setattr(txt, "read_txt", slow)
    path = tmp_path / "a.txt"
    path.write_text("慢", encoding="utf-8")
    with pytest.raises(ReadError, match="超时"):
        read(path, timeout=0.2)


def test_xlsx_sheets_merged_cells_and_titles(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "推优汇总"
    ws["A1"] = "2026年推优汇总表"
    ws.merge_cells("A1:D1")
    ws.append(["序号", "团支部", "姓名", "赞成"])
    ws.append([1, "化工2201团支部", "王子涵", 27.0])
    ws.append(["合计", None, None, "=SUM(D3:D3)"])
    ws.merge_cells("A4:C4")
    ws["F20"] = None  # touched but empty: trimmed
    wb.create_sheet("空表")
    path = tmp_path / "汇总.xlsx"
    wb.save(path)
    doc = read(path)
    assert [p.text for p in doc.paragraphs] == ["推优汇总", "空表"]
    t = doc.tables[0]
    assert t.title == "推优汇总" and (t.nrows, t.ncols) == (4, 4)
    assert t.grid() == [["2026年推优汇总表", None, None, None], ["序号", "团支部", "姓名", "赞成"],
                        ["1", "化工2201团支部", "王子涵", "27"], ["合计", None, None, ""]]
    assert doc.tables[1].cells == [] and doc.tables[1].position == 2


def test_collect_and_read_many(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    _docx(tmp_path / "b" / "2.docx", "二")
    _docx(tmp_path / "1.docx", "一")
    (tmp_path / "~$1.docx").write_bytes(b"\x04abcd" + b"\0" * 157)
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / "c.txt").write_bytes(b"")
    refused = {}
    listed = collect([tmp_path, tmp_path / "1.docx"], refused)
    # hidden names are listed as skipped, a hidden folder once (not entered): nothing vanishes unsaid
    assert listed == [str(tmp_path / n) for n in (".DS_Store", ".git", "1.docx", "b/2.docx", "c.txt", "~$1.docx")]
    assert {p: e.status for p, e in refused.items()} == {str(tmp_path / ".DS_Store"): "skipped",
                                                         str(tmp_path / ".git"): "skipped"}
    files = [f for f in listed if f not in refused]
    for jobs in (1, 2):
        results = list(read_many(files, jobs=jobs))
        assert [p for p, _ in results] == files
        kinds = [r.paragraphs[0].text if not isinstance(r, ReadError) else r.status for _, r in results]
        assert kinds == ["一", "二", "error", "error"]


def test_all_doc_files_of_a_batch_in_one_conversion(tmp_path, monkeypatch):
    import toolkit.office as render_pdf

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "WordDocument".encode("utf-16-le")
    paths = []
    for branch in ("化工2201", "生物2201", "材料2201"):
        folder = tmp_path / branch
        folder.mkdir()
        path = folder / "登记表.doc"  # same name in every folder
        path.write_bytes(ole + branch.encode())
        paths.append(str(path))
    calls = []

    def fake_soffice(files, outdir, fmt, timeout=None, label=None):  # stands in for LibreOffice
        calls.append(list(files))
        done = {}
        for f in files:
            out = outdir / (f.stem + ".docx")
            _docx(out, f.read_bytes()[len(ole):].decode())
            done[f] = out
        return done

    monkeypatch.setattr(render_pdf, "soffice_convert", fake_soffice)
    results = list(read_many([*paths, str(tmp_path / "化工2201")], jobs=1))
    assert len(calls) == 1 and len(calls[0]) == 3
    for (path, doc), branch in zip(results, ("化工2201", "生物2201", "材料2201")):
        assert doc.path == path and doc.format == "doc" and doc.paragraphs[0].text == branch
    assert isinstance(results[3][1], ReadError)  # a folder given to read_many is not a file


@pytest.mark.soffice
def test_odt_read_through_libreoffice(tmp_path):
    from toolkit.office import soffice_convert

    src = _docx(tmp_path / "总结.docx", "一、基本情况")
    odt = soffice_convert([src], tmp_path, "odt")[src.resolve()]
    doc = read(odt)  # alone: converted by its own LibreOffice run
    assert doc.format == "doc" and doc.path == str(odt)
    assert [p.text for p in doc.paragraphs] == ["一、基本情况"]
