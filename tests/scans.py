"""Test scans and phone photos made from the project's own forms.

A form is generated (``tuanwen generate tuiyou-form … --pdf``, or a layout of
``test_extract_layouts`` through LibreOffice), its PDF page rendered with
pypdfium2 at a scanner's resolution, then spoiled the way paper is: turned a
few degrees or a quarter turn, blurred, noised, JPEG-compressed, paled,
photographed at an angle on a desk, stamped in red and signed over. Each
picture is saved as a .jpg/.png/.tif, an image-only PDF or a picture in a
.docx. ``SCANS`` lists the set the tests read; ``bench/bench_ocr.py`` sweeps
wider with ``variants``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import yaml

from toolkit.app.generate import generate_command
from toolkit.cn.idcard import make_id

ROOT = Path(__file__).resolve().parent.parent

# Three candidates unlike the template's example (values the forms print).
PEOPLE = [
    {"name": "陈雨桐", "gender": "女", "ethnicity": "回族", "birth": "2005-03", "area": "410105",
     "day": "20050317", "seq": 41, "join_date": "2020-04", "post": "宣传委员", "branch": "材料2302团支部",
     "phone": "13803719264", "expected": 28, "present": 26, "votes_for": 21, "votes_against": 3,
     "votes_abstain": 2, "vote_date": "2026-10-20", "secretary": "周文博"},
    {"name": "欧阳明轩", "gender": "男", "ethnicity": "汉族", "birth": "2004-11", "area": "330106",
     "day": "20041102", "seq": 17, "join_date": "2019-12", "post": "团支书", "branch": "电气2203团支部",
     "phone": "15057182346", "expected": 35, "present": 33, "votes_for": 30, "votes_against": 1,
     "votes_abstain": 2, "vote_date": "2026-09-28", "secretary": "何思琪"},
    {"name": "李娜", "gender": "女", "ethnicity": "壮族", "birth": "2003-07", "area": "450103",
     "day": "20030709", "seq": 62, "join_date": "2018-07", "post": "组织委员", "branch": "护理2301团支部",
     "phone": "18977126608", "expected": 40, "present": 38, "votes_for": 36, "votes_against": 0,
     "votes_abstain": 2, "vote_date": "2026-11-03", "secretary": "梁海燕"},
]


def _id(p: dict) -> str:
    return make_id(p["area"], p["day"], p["seq"], p["gender"] == "男")


def expected(p: dict) -> dict:
    """The canonical fields extraction must give for person ``p``."""
    return {"姓名": p["name"], "性别": p["gender"], "民族": p["ethnicity"], "出生日期": p["birth"],
            "身份证号": _id(p), "入团时间": p["join_date"], "团支部": p["branch"], "团内职务": p["post"],
            "联系电话": p["phone"], "应到人数": p["expected"], "实到人数": p["present"], "赞成票": p["votes_for"],
            "反对票": p["votes_against"], "弃权票": p["votes_abstain"], "表决日期": p["vote_date"]}


def generated_forms(out: Path, people: list[dict] = PEOPLE) -> list[tuple[Path, dict]]:
    """The built-in 推优登记表, one PDF per person, as ``tuanwen generate --pdf`` makes it."""
    records = []
    for p in people:
        rec = {k: v for k, v in p.items() if k not in ("area", "day", "seq")}
        rec.update(id_number=_id(p), apply_date="2025-03", sign_date=p["vote_date"],
                   performance="思想上积极要求进步，按时参加团支部组织生活，学习认真，成绩优良。",
                   awards="无处分。", opinion=f"同意推荐{p['name']}同志作为入党积极分子人选。")
        records.append(rec)
    data = out / "forms.yaml"
    data.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    # Written unchecked: some test forms carry a planted mistake (a vote that fails) for check to find.
    generate_command("tuiyou-form", data, out / "forms", pdf=True, force=True, check_data=False)
    pdfs = {pdf.name: pdf for pdf in (out / "forms").glob("*.pdf")}
    return [(next(pdf for name, pdf in pdfs.items() if p["name"] in name), expected(p)) for p in people]


def layout_forms(out: Path) -> list[tuple[Path, dict]]:
    """Branch layouts of ``test_extract_layouts`` (six-column grid, label lines,
    labels above values) through LibreOffice."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_extract_layouts import EXPECTED, below_labels, label_lines, six_column

    from toolkit.office import soffice_convert

    made = [build(out / f"{build.__name__}.docx") for build in (six_column, label_lines, below_labels)]
    pdfs = soffice_convert(made, out / "layouts", "pdf")
    return [(pdfs[p.resolve()], dict(EXPECTED)) for p in made]


# -- pictures -----------------------------------------------------------------------
def render(pdf: Path, dpi: int) -> np.ndarray:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = doc[0].render(scale=dpi / 72)
        return bitmap.to_numpy()[:, :, :3].copy()
    finally:
        doc.close()


@dataclass(frozen=True)
class Spoil:
    """What happens to a page between the printer and the auditor."""

    angle: float = 0.0  # degrees, counter-clockwise
    quarter: int = 0  # quarter turns clockwise
    blur: int = 0  # Gaussian kernel size (odd), 0 for none
    noise: float = 0.0  # standard deviation of grey noise
    pale: bool = False  # a faint photocopy
    photo: bool = False  # photographed at an angle on a desk
    stamp: bool = False  # a red round seal over the 团支部意见
    scribble: bool = False  # a handwritten signature over the 签字 line
    seed: int = 0


def spoil(img: np.ndarray, s: Spoil) -> np.ndarray:
    rng = np.random.default_rng(s.seed)
    h, w = img.shape[:2]
    if s.stamp:
        centre = (int(w * 0.62), int(h * 0.75))
        cv2.circle(img, centre, int(w * 0.09), (40, 40, 220), max(3, w // 300))
        cv2.circle(img, centre, int(w * 0.015), (40, 40, 220), -1)
    if s.scribble:
        pts = np.array([[int(w * (0.55 + 0.02 * i)), int(h * 0.77 + rng.integers(-h // 80, h // 80))]
                        for i in range(12)], np.int32)
        cv2.polylines(img, [pts], False, (30, 30, 30), max(2, w // 500))
    if s.pale:
        img = (255 - (255 - img.astype(np.float32)) * 0.45).astype(np.uint8)
    if s.angle:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), s.angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), borderValue=(255, 255, 255))
    if s.photo:
        desk = np.full((int(h * 1.25), int(w * 1.3), 3), (70, 90, 110), np.uint8)
        dh, dw = desk.shape[:2]
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        dst = np.float32([[dw * 0.12, dh * 0.08], [dw * 0.86, dh * 0.11], [dw * 0.92, dh * 0.93], [dw * 0.07, dh * 0.9]])
        img = cv2.warpPerspective(img, cv2.getPerspectiveTransform(src, dst), (dw, dh), dst=desk,
                                  borderMode=cv2.BORDER_TRANSPARENT)
    if s.blur:
        img = cv2.GaussianBlur(img, (s.blur, s.blur), 0)
    if s.noise:
        img = np.clip(img + rng.normal(0, s.noise, img.shape[:2])[:, :, None], 0, 255).astype(np.uint8)
    for _ in range(s.quarter % 4):
        img = cv2.rotate(img, cv2.ROTATE_90_CLOCKWISE)
    return img


def save(pages: np.ndarray | list[np.ndarray], path: Path, quality: int = 80) -> Path:
    """Pictures as ``path``'s kind: .jpg/.png (one page), .tif or an image-only
    .pdf (a page each), or a .docx holding them."""
    pages = pages if isinstance(pages, list) else [pages]
    jpegs = []
    for img in pages:
        ok, jpeg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        jpegs.append(jpeg.tobytes())
    if path.suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument.new()
        tmp = path.with_suffix(".tmp.jpg")
        for img, jpeg in zip(pages, jpegs):
            h, w = img.shape[:2]
            page = pdf.new_page(595, 595 * h / w)
            image = pdfium.PdfImage.new(pdf)
            tmp.write_bytes(jpeg)
            image.load_jpeg(str(tmp), inline=True)
            image.set_matrix(pdfium.PdfMatrix().scale(595, 595 * h / w))
            page.insert_obj(image)
            page.gen_content()
        pdf.save(str(path))
        tmp.unlink()
    elif path.suffix == ".docx":
        import io

        import docx
        from docx.shared import Cm

        d = docx.Document()
        for jpeg in jpegs:
            d.add_picture(io.BytesIO(jpeg), width=Cm(16))
        d.save(str(path))
    elif path.suffix in (".jpg", ".jpeg"):
        path.write_bytes(jpegs[0])
    elif path.suffix in (".tif", ".tiff"):
        assert cv2.imwritemulti(str(path), pages)
    else:
        assert cv2.imwrite(str(path), pages[0])
    return path


@dataclass(frozen=True)
class Scan:
    name: str  # file name: its extension says the container
    source: int | tuple[int, ...]  # index into generated_forms() + layout_forms(); several: one page each
    dpi: int
    spoil: Spoil = field(default_factory=Spoil)


# The set the tests read: every container, resolution and kind of damage once
# or twice, every layout; ten pages (OCR is slow on a shared CPU).
SCANS = [
    Scan("登记表_拍照.jpg", 0, 200, Spoil(angle=3, noise=6, stamp=True, scribble=True, seed=1)),
    Scan("登记表_扫描.pdf", (1, 2), 150, Spoil(angle=-3, blur=3, noise=8, seed=2)),  # two forms, a page each
    Scan("登记表_斜拍.jpg", 2, 300, Spoil(photo=True, noise=4, seed=3)),
    Scan("登记表_贴图.docx", 0, 200, Spoil(pale=True, blur=3, seed=4)),
    Scan("登记表_横放.png", 1, 150, Spoil(quarter=1, seed=5)),
    # 300 dpi, a quarter turn the other way: text boxes drawn close to cell borders took in the lines
    Scan("登记表_竖放.pdf", 0, 300, Spoil(quarter=3)),
    Scan("六列表格.jpg", 3, 200, Spoil(angle=2, noise=6, seed=6)),
    Scan("标签行.tif", 4, 300, Spoil(angle=-2, blur=3, seed=7)),
    Scan("标签在上.jpg", 5, 150, Spoil(noise=5, stamp=True, seed=8)),
]


def sources(out: Path) -> list[tuple[Path, dict]]:
    out.mkdir(parents=True, exist_ok=True)
    return generated_forms(out) + layout_forms(out)


def make(scan: Scan, srcs: list[tuple[Path, dict]], out: Path) -> tuple[Path, list[dict]]:
    """The scan's file, and the fields of each form in it, page by page."""
    chosen = [srcs[i] for i in (scan.source if isinstance(scan.source, tuple) else (scan.source,))]
    pages = [spoil(render(pdf, scan.dpi), scan.spoil) for pdf, _ in chosen]
    return save(pages, out / scan.name), [want for _, want in chosen]
