"""Text read from pictures: scans, phone photos, image-only PDF pages, a
.docx whose body is pictures. Needs the ``[ocr]`` extra (rapidocr-onnxruntime:
the PP-OCRv4 models ship in its wheel and run on the CPU; nothing is
downloaded).

A page picture is prepared (``scan.py``), its text lines recognised, and
each line becomes one positioned "character" of the kind the PDF reader
groups (``pdfium.PageData``), with the table lines found in the picture as
its edges; ``pdf.Pages``/``pdf.assemble`` then make paragraphs and tables
exactly as for a PDF with a text layer. So scans come out as the same
``Document`` and go through the same extraction. Each piece of text keeps
its recognition confidence (``Paragraph.conf``/``Cell.conf``).
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Iterable

from ..cn.idcard import check_char
from ..errors import ReadError
from ..model import Document, Location, Record
from ..resources import installed

MISSING = ('读取扫描件和照片需要安装图片识别组件：pip install "tuanwen[ocr]"'
           '（在源码目录中为 pip install -e ".[ocr]"）')
LOW_CONF = 0.9  # below this a recognised line is "please verify", never the basis of an error
PAGE_WIDTH = 595.0  # a picture is measured as an A4 page in points, as a PDF page is
TYPED_AROUND = 60  # characters: a .docx with less typed text than this around pictures is a pasted scan
MAX_PAGES = 30  # pages of one picture file read (a 30-page scan is not one submission's form)
PAGE_TIME = 60.0  # seconds added to a file's time budget per page recognised (a page takes a few on one core)
_MAX_SIDE = 2400  # pixels: larger pictures are scaled down first (phone photos are 4000+)
# Text lines are found on a copy this size (an A4 page at ~90 dpi: body text ~13 px high, well
# within what the detector sees); the lines are then cut from the full picture for recognition.
# rapidocr's own limit is overridden by its size steps (a 2000-pixel input for any large page).
DET_SIDE = 1024
# Recognition pads a batch of lines to the widest one and, by default, to at least 320 pixels
# (6.7 heights): a form's many two-character labels then cost as much as long lines. Its model takes
# any width, so lines go one at a time (a fifth faster than batches of six on a form's page), each
# padded to one height at least. Padding also made the model less sure of short figures: a "2"
# batched with wider cells scored 0.78, alone 0.97.
_REC_SHAPE = [3, 48, 48]
_REC_BATCH = 1
# A line is recognised with blank paper above and below it, this share of its height on each side:
# scaled to the model's height the text is smaller and the line shorter, which saves a fifth of the
# recognition time. More than this lowers the model's confidence on short figures (a "26" in a cell
# read right, but below LOW_CONF, would turn a vote error into a "please verify" warning).
REC_MARGIN = 0.15
SECOND_LOOK_PAD = 0.1  # paper added left and right, as a share of the height, for a doubtful line's second reading
MAX_PIXELS = 80_000_000  # a page photo has ~12 million; a small file claiming far more is a bomb
# opencv reads this once, when it first decodes: a picture above it is refused before memory is taken.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))

Place = tuple[int | None, int | None, int | None, int | None]  # paragraph, table, row, col

_engine = None  # one per process: loading the models costs about a second


def available() -> bool:
    """Is the ``[ocr]`` extra installed?"""
    return installed("cv2", "rapidocr_onnxruntime")


def require() -> None:
    if not available():
        raise ReadError(MISSING)


def engine():
    """The OCR models, loaded on first use in this process. One thread each:
    batches read files in parallel (``--jobs``), one process per core."""
    global _engine
    if _engine is None:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False,
                           rec_img_shape=_REC_SHAPE, rec_batch_num=_REC_BATCH)
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return _engine


# -- pictures → pages ----------------------------------------------------------
def decode(data: bytes) -> list:
    """The pages of a picture file (several for a multi-page TIFF)."""
    import cv2
    import numpy as np

    buf = np.frombuffer(data, np.uint8)
    try:
        ok, pages = cv2.imdecodemulti(buf, cv2.IMREAD_UNCHANGED)
        if not ok or not pages:
            img = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
            pages = [img] if img is not None else []
    except cv2.error:  # opencv refuses a picture over OPENCV_IO_MAX_IMAGE_PIXELS with an error
        pages = []
    if not pages:
        raise ReadError("图片已损坏、过大或格式不受支持，无法识别")
    return list(pages)


def read_image(path: str) -> Document:
    """A picture file (.jpg .png .bmp .tif …, multi-page TIFF too) as a Document."""
    require()
    with open(path, "rb") as fh:
        pages = decode(fh.read())
    return read_pictures(path, "image", pages)


def read_pictures(path: str, fmt: str, pictures: Iterable) -> Document:
    """Each picture one page of a Document of format ``fmt``."""
    from .pdf import Pages, assemble

    doc = Document(path=path, format=fmt, ocr=True)
    pages = Pages()
    n = 0
    for n, picture in enumerate(pictures, start=1):
        if n > MAX_PAGES:
            doc.notes.append(f"图片超过 {MAX_PAGES} 页，第 {MAX_PAGES + 1} 页起未识别")
            break
        pages.add(page_data(picture), n)
    doc.pages = min(n, MAX_PAGES)
    if not pages.chars:
        raise ReadError("图片中没有识别出文字（可能太模糊、太暗或不是文档）")
    doc.notes.append(note())
    return assemble(doc, pages)


def note(pages: list[int] | None = None) -> str:
    """The reader's remark on a document read (in part) from pictures."""
    where = f"第{'、'.join(map(str, pages))}页是扫描页，其" if pages else "本文件的"
    return f"{where}文字由图片识别得到（来源：图片识别），请以原件为准"


def read_pdf_page(page, data):
    """A PDF page without a text layer: its rendering, recognised, in the
    page's own coordinates (points)."""
    dpi = 200
    bitmap = page.render(scale=dpi / 72)
    try:
        picture = bitmap.to_numpy().copy()
    finally:
        bitmap.close()
    out = page_data(picture, width=data.width)
    out.images = data.images
    return out


# -- one page ------------------------------------------------------------------
def page_data(picture, width: float = PAGE_WIDTH):
    """A page picture → ``pdfium.PageData`` (positions in points, the page
    ``width`` points wide): a "character" per recognised text line (split
    where a table line crosses it) and the table lines as edges."""
    import cv2

    from ..timelimit import extend
    from .pdfium import PageData
    from .scan import prepare, rulings

    extend(PAGE_TIME)
    h, w = picture.shape[:2]
    if max(h, w) > _MAX_SIDE:
        f = _MAX_SIDE / max(h, w)
        picture = cv2.resize(picture, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    grey, masks, lines = _recognise(prepare(picture))
    scale = width / grey.shape[1]
    data = PageData(width=width, height=grey.shape[0] * scale)
    data.edges = rulings(masks, scale)
    verticals = [e for e in data.edges if e["orientation"] == "v"]
    for box, text, score in lines:
        data.chars.extend(_split(_char(box, text, score, scale), verticals))
    return data


def _recognise(grey):
    """The page turned upright, its table lines (``scan.line_masks``), and its
    text lines as (box, text, score).

    Upright: a quarter turn when most text boxes stand taller than wide; a
    half turn when the direction classifier, asked about the longest lines,
    says most are upside down. The boxes found before a turn are turned with
    the page, not detected again. Text is recognised with the table lines
    painted out."""
    import cv2
    import numpy as np

    from .scan import line_masks, without_lines

    eng = engine()
    boxes = _detect(grey)
    sizes = [(np.ptp(b[:, 0]), np.ptp(b[:, 1])) for b in boxes]
    if sum(bh > 1.5 * bw for bw, bh in sizes) > sum(bw > 1.5 * bh for bw, bh in sizes):
        h = grey.shape[0]
        grey = cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)
        # (x, y) → (h-1-y, x); the corner that was bottom-left is now top-left
        boxes = [np.array([[h - 1 - y, x] for x, y in b[[3, 0, 1, 2]]], dtype=np.float32) for b in boxes]
    masks = line_masks(grey)
    if not boxes:
        return grey, masks, []
    clean = without_lines(grey, masks)
    boxes = _uncovered([part for box in boxes for part in _split_gaps(clean, box)])
    crops = [_margin(c) for c in eng.get_crop_img_list(cv2.cvtColor(clean, cv2.COLOR_GRAY2BGR), boxes)]
    longest = sorted(range(len(boxes)), key=lambda i: -crops[i].shape[1])[:12]
    _, labels, _ = eng.text_cls([crops[i] for i in longest])
    if sum(label == "180" and score > 0.8 for label, score in labels) > len(labels) / 2:
        h, w = grey.shape
        grey = cv2.rotate(grey, cv2.ROTATE_180)
        masks = (cv2.rotate(masks[0], cv2.ROTATE_180), cv2.rotate(masks[1], cv2.ROTATE_180))
        boxes = [np.array([[w - 1 - x, h - 1 - y] for x, y in b[[2, 3, 0, 1]]], dtype=np.float32) for b in boxes]
        crops = [np.ascontiguousarray(np.rot90(c, 2)) for c in crops]
    results, _ = eng.text_rec(crops)
    results = [_second_look(crop, text, float(score)) for crop, (text, score) in zip(crops, results)]
    return grey, masks, [(b, _fix(text), score) for b, (text, score) in zip(boxes, results)
                         if text.strip() and score >= 0.5]


_FIGURE = re.compile(r"\d{1,4}")  # a count in a cell: 应到 28, 赞成 21, 弃权 2


def _second_look(crop, text: str, score: float) -> tuple[str, float]:
    """A lone short figure read with low confidence, read again with a little
    more paper left and right. On a few characters the model's confidence is
    erratic (a crisp "21" scored 0.77, and 0.998 with the paper; a count in
    doubt turns the vote error it shows into a "please verify" warning): when
    both readings give the same figure, the surer one stands; when they
    differ, the figure stays in doubt. Longer text is left as read: there a
    second reading agreed on misreads too (a label fragment, a phone number
    missing a digit)."""
    import unicodedata

    import cv2

    figure = unicodedata.normalize("NFKC", text).strip()
    if score >= LOW_CONF or not _FIGURE.fullmatch(figure):
        return text, score
    pad = max(1, int(SECOND_LOOK_PAD * crop.shape[0]))
    wider = cv2.copyMakeBorder(crop, 0, 0, pad, pad, cv2.BORDER_CONSTANT, value=(255, 255, 255))
    (again, again_score), = engine().text_rec([wider])[0]
    if unicodedata.normalize("NFKC", again).strip() == figure:
        return text, max(score, float(again_score))
    return text, score


def _margin(crop):
    import cv2

    pad = int(REC_MARGIN * crop.shape[0])
    return cv2.copyMakeBorder(crop, pad, pad, 0, 0, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def _split_gaps(grey, box) -> list:
    """A detected line cut at wide blank gaps (``姓名：张三        性别：男``):
    the recogniser reads a long gap as a stray character. A gap counts when no
    ink crosses it for more than the line's height."""
    import numpy as np

    x0, y0 = (int(v) for v in box.min(axis=0))
    x1, y1 = (int(v) + 1 for v in box.max(axis=0))
    h = y1 - y0
    if h <= 0 or x1 - x0 < 4 * h or abs(float(box[1][1] - box[0][1])) > h / 3:
        return [box]  # short, or slanted (not level after deskew): leave it whole
    strip = grey[max(0, y0 + h // 5):max(0, y1 - h // 5), max(0, x0):x1]
    inked = (strip < 128).any(axis=0) if strip.size else np.array([])
    parts, start, blank = [], None, 0
    for x, dark in enumerate(inked):
        if dark:
            if start is None:
                start = x
            elif blank > 1.2 * h:
                parts.append((start, x - blank))
                start = x
            blank = 0
        else:
            blank += 1
    if start is None or not parts:
        return [box]
    parts.append((start, len(inked) - blank))
    pad = h // 4
    return [np.array([[x0 + a - pad, y0], [x0 + b + pad, y0], [x0 + b + pad, y1], [x0 + a - pad, y1]], np.float32)
            for a, b in parts]


def _uncovered(boxes: list) -> list:
    """The boxes less those lying within a wider box of the same row. The
    detector's boxes of neighbouring run-in fields overlap (``姓名：张三`` and
    ``性别：男`` on one line); cut at their blank gaps, the second leaves a
    sliver of the first's last character, read as a stray one (``张三111``)."""
    spans = [(float(b[:, 0].min()), float(b[:, 0].max()), float(b[:, 1].min()), float(b[:, 1].max())) for b in boxes]

    def covers(j: int, i: int) -> bool:
        (ax0, ax1, ay0, ay1), (bx0, bx1, by0, by1) = spans[i], spans[j]
        wider = bx1 - bx0 > ax1 - ax0 or (bx1 - bx0 == ax1 - ax0 and j < i)
        same_row = min(ay1, by1) - max(ay0, by0) > 0.5 * min(ay1 - ay0, by1 - by0)
        return wider and same_row and min(ax1, bx1) - max(ax0, bx0) >= 0.6 * (ax1 - ax0)

    return [b for i, b in enumerate(boxes) if not any(covers(j, i) for j in range(len(boxes)) if j != i)]


# Recogniser slips a reader would never make: the letter O in a Chinese-numeral year (二O一八年).
_CN_ZERO = re.compile(r"(?<=[〇零一二三四五六七八九])[OoＯ0０](?=[〇零一二三四五六七八九OoＯ0０]*年)")


def _fix(text: str) -> str:
    fixed = _CN_ZERO.sub("〇", text)
    while fixed != text:  # each pass fixes the zeros after a fixed one (二OO五年)
        text, fixed = fixed, _CN_ZERO.sub("〇", fixed)
    return fixed


def _detect(grey) -> list:
    """Text line boxes (full-picture pixels), found on a copy at most ``DET_SIDE`` pixels long."""
    import cv2

    f = min(1.0, DET_SIDE / max(grey.shape[:2]))
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    boxes, _ = engine().text_det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    return [] if boxes is None or len(boxes) == 0 else [b / f for b in boxes]


def _char(box, text: str, score: float, scale: float) -> dict:
    xs, ys = [p[0] for p in box], [p[1] for p in box]
    x0, x1, top, bottom = min(xs) * scale, max(xs) * scale, min(ys) * scale, max(ys) * scale
    conf = float(score)
    if _bad_id(text):
        conf = min(conf, LOW_CONF / 2)  # a misread digit, most likely: verify, never an error
    # The detector's box reaches past the glyphs; the font is about 3/4 of it.
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": 0.75 * (bottom - top),
            "conf": conf}


_ID_LIKE = re.compile(r"(?<![0-9])\d{17}[0-9Xx×](?![0-9])")


def _bad_id(text: str) -> bool:
    """An 18-character ID number whose GB 11643 check character does not fit."""
    return any(check_char(m[:17]) != m[17].upper().replace("×", "X")
               for m in _ID_LIKE.findall(text.replace(" ", "")))


def _width(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 else 1.0  # Latin letters and digits are half as wide as CJK


def _split(char: dict, verticals: list[dict]) -> list[dict]:
    """A recognised line cut where a table line crosses it (the detector may
    read two neighbouring cells as one line); the text shared out by width."""
    size = char["bottom"] - char["top"]
    mid = (char["top"] + char["bottom"]) / 2
    cuts = sorted(e["x0"] for e in verticals if char["x0"] + size / 2 < e["x0"] < char["x1"] - size / 2
                  and e["top"] <= mid <= e["bottom"])
    text = char["text"]
    if not cuts or len(text) < 2:
        return [char]
    per = (char["x1"] - char["x0"]) / (sum(_width(c) for c in text) or 1.0)
    groups: list[list[str]] = [[]]
    starts = [char["x0"]]
    x, at = char["x0"], 0
    for ch in text:
        w = _width(ch) * per
        while at < len(cuts) and x + w / 2 > cuts[at]:
            at += 1
            groups.append([])
            starts.append(x)
        groups[-1].append(ch)
        x += w
    out = []
    for chars, left in zip(groups, starts):
        piece = "".join(chars)
        if piece.strip():
            out.append(dict(char, text=piece.strip(), x0=left, x1=left + sum(_width(c) for c in piece) * per))
    return out


_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"  # a picture (DrawingML)
_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"  # a picture in older Word's VML


def _body_pictures(path: str) -> list[bytes]:
    """The pictures of a .docx body (not headers, not linked ones), in document order, as stored."""
    import zipfile

    from .limits import check_zip, parse_xml

    r_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    out = []
    with zipfile.ZipFile(path) as zf:
        check_zip(zf)
        names = set(zf.namelist())
        if "word/_rels/document.xml.rels" not in names:
            return []
        rels = parse_xml(zf.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels if r.get("TargetMode") != "External"}
        for el in parse_xml(zf.read("word/document.xml")).iter(_BLIP, _IMAGEDATA):
            rid = el.get(r_ns + "embed") if el.tag == _BLIP else el.get(r_ns + "id")
            member = posixpath.normpath(posixpath.join("word", target.get(rid or "") or "")).lstrip("/")
            if rid and member in names and member.startswith("word/media/"):
                out.append(zf.read(member))
    return out


def mostly_pictures(path: str, typed: Document) -> bool:
    """A .docx whose typed text is a line or two (a heading, a name) around
    pictures in its body: the content is in the pictures."""
    if any(c.text for t in typed.tables for c in t.cells):
        return False
    return sum(len(p.text) for p in typed.paragraphs) < TYPED_AROUND and bool(_body_pictures(path))


def read_docx_pictures(path: str, typed: Document | None = None) -> Document:
    """A .docx whose body is pictures (a scan or photo pasted into Word); the
    few ``typed`` paragraphs around them, if any, come first."""
    require()
    pictures = []
    for data in _body_pictures(path):
        try:
            pictures.extend(decode(data))
        except ReadError:
            continue  # one unreadable picture: the others still count
    try:
        if not pictures:
            raise ReadError("文档中的图片无法识别")
        doc = read_pictures(path, "docx", pictures)
    except ReadError:
        if typed is None:
            raise ReadError("文档中只有图片，图片中没有识别出文字（可能太模糊、太暗或不是文档）") from None
        return typed
    if typed is not None and typed.paragraphs:
        n = len(typed.paragraphs)
        for p in doc.paragraphs:
            p.index += n
        for t in doc.tables:
            t.position += n
        doc.paragraphs[:0] = typed.paragraphs
        doc.metadata = typed.metadata
    return doc


# -- confidence ------------------------------------------------------------------
def place(loc: Location) -> Place:
    return (loc.paragraph, loc.table, loc.row, loc.col)


def confidences(doc: Document) -> dict[Place, float]:
    """The recognition confidence of each recognised paragraph and cell."""
    out: dict[Place, float] = {(p.index, None, None, None): p.conf for p in doc.paragraphs if p.conf is not None}
    out.update({(None, t.index, c.row, c.col): c.conf for t in doc.tables for c in t.cells if c.conf is not None})
    return out


def low_confidence(doc: Document) -> set[Place]:
    """The paragraphs and cells whose text was recognised with low confidence."""
    return {where for where, conf in confidences(doc).items() if conf < LOW_CONF}


def to_verify(doc: Document, record: Record) -> list[str]:
    """The record's fields whose values were recognised with low confidence."""
    low = low_confidence(doc)
    return [key for key, loc in record.where.items() if place(loc) in low]
