"""Page pictures made ready for OCR, and the ruling lines of their tables.

Scans and phone photos come skewed, at an angle, pale, with red stamps and
signatures over the text. What opencv does well fixes each before the text
is recognised (``ocr.py``):

- ``flatten``: a photo of a sheet on a darker desk → the sheet alone, square
  on (perspective from the sheet's four corners);
- ``ink``: grey levels from the darkest channel kept for black/blue-black
  print, so a red stamp fades to light grey and the print under it shows;
  pale scans stretched to full contrast;
- ``deskew``: the small angle (a few degrees) at which text rows line up best;
- ``line_masks``/``rulings``: horizontal and vertical table lines
  (morphological opening with long thin kernels), as pdfplumber-style edges
  for ``ruling.py``; ``without_lines`` paints them over before the text is
  recognised. Handwriting and stamps are curved and short, so they never
  become lines.

Quarter turns (90/180/270) are judged from the recognised text in ``ocr.py``.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW = 6.0  # degrees; more than this is a quarter turn or a photo, not a skewed scan


def to_bgr(img: np.ndarray) -> np.ndarray:
    """Any decoded picture (grey, BGR, BGRA; 8 or 16 bit) as 8-bit BGR on white."""
    if img.dtype != np.uint8:
        img = cv2.normalize(img, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[2] == 4:  # transparent parts are paper
        alpha = img[:, :, 3:4].astype(np.float32) / 255
        return (img[:, :, :3] * alpha + 255 * (1 - alpha)).astype(np.uint8)
    return img


def ink(img: np.ndarray) -> np.ndarray:
    """Grey page where only dark ink is dark: each pixel's brightest channel
    (red and blue stamps become light), stretched between paper and ink."""
    grey = cv2.max(cv2.max(img[:, :, 0], img[:, :, 1]), img[:, :, 2]) if img.ndim == 3 else img
    lo, hi = np.percentile(grey[::4, ::4], (1, 90))  # ink and paper levels; most of a page is paper
    if hi - lo < 10:
        return grey
    levels = (np.arange(256, dtype=np.float32) - lo) * (255.0 / (hi - lo))
    return cv2.LUT(grey, np.clip(levels, 0, 255).astype(np.uint8))


def flatten(img: np.ndarray) -> np.ndarray:
    """The sheet of a photo, warped square on; the picture unchanged when no
    sheet stands out from a background (a scan is all sheet)."""
    h, w = img.shape[:2]
    scale = 800 / max(h, w)
    small = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)  # paper is the bright part
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return img
    sheet = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(sheet) / (small.shape[0] * small.shape[1])
    if not 0.2 < area < 0.92:  # no sheet, or the sheet is the whole picture
        return img
    quad = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True)
    if len(quad) != 4 or not cv2.isContourConvex(quad):
        return img
    corners = _order(quad.reshape(4, 2).astype(np.float32) / scale)
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(img, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.float32([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])


def skew_angle(grey: np.ndarray) -> float:
    """Degrees to rotate by so that text rows and rules run level: the angle
    whose row profile of ink is sharpest (coarse, then fine)."""
    scale = 1000 / max(grey.shape)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, dark = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    h, w = dark.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(dark, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    return float(max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness))


def rotate(img: np.ndarray, angle: float) -> np.ndarray:
    """``img`` turned by ``angle`` degrees (counter-clockwise), corners kept, paper-white fill."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    fill = 255 if img.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=fill)


def prepare(img: np.ndarray) -> np.ndarray:
    """A decoded page picture → a level, square-on, high-contrast grey page."""
    grey = ink(flatten(to_bgr(img)))
    angle = skew_angle(grey)
    return rotate(grey, angle) if abs(angle) >= 0.1 else grey


def line_masks(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pixels of the horizontal and of the vertical table lines of a level
    grey page: morphological opening with long thin kernels, short gaps of
    broken or faint lines bridged along their direction."""
    h, w = grey.shape
    dark = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    masks = []
    for kernel, bridge in (((max(20, w // 25), 1), (9, 1)), ((1, max(20, h // 50)), (1, 9))):
        lines = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        masks.append(cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, bridge)))
    return masks[0], masks[1]


def without_lines(grey: np.ndarray, masks: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The page with its table lines painted over in paper white. A text box
    drawn close to a cell's border takes in a stretch of the line, which the
    recogniser reads as a character (``实到人数[``, ``|28``). Horizontal lines
    are longer than any stroke of a glyph; an upright stroke of a large title
    can be as long as the shortest vertical line, so vertical lines go only
    where they meet a horizontal one (a table's rules meet, a glyph's stroke
    does not reach a rule)."""
    across, upright = masks
    count, labels = cv2.connectedComponents(upright, connectivity=8)
    meets = cv2.dilate(across, np.ones((5, 5), np.uint8)) > 0
    joined = np.zeros(count, bool)
    joined[np.unique(labels[meets & (upright > 0)])] = True
    joined[0] = False
    lines = (across > 0) | joined[labels]
    fringe = cv2.dilate(lines.astype(np.uint8), np.ones((3, 3), np.uint8))  # the lines' anti-aliased edges
    out = grey.copy()
    out[fringe > 0] = 255
    return out


def rulings(masks: tuple[np.ndarray, np.ndarray], scale: float) -> list[dict]:
    """The table lines of ``line_masks`` as pdfplumber-style edges, in the
    page's units (``scale`` units per pixel)."""
    edges: list[dict] = []
    for orientation, lines in zip("hv", masks):
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, bw, bh, _area in stats[1:count]:
            if orientation == "h" and bw >= 3 * bh:
                mid = (y + bh / 2) * scale
                edges.append(_edge("h", x * scale, (x + bw) * scale, mid, mid))
            elif orientation == "v" and bh >= 3 * bw:
                mid = (x + bw / 2) * scale
                edges.append(_edge("v", mid, mid, y * scale, (y + bh) * scale))
    return edges


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"object_type": "line", "orientation": orientation, "x0": x0, "x1": x1, "top": top,
            "bottom": bottom, "width": x1 - x0, "height": bottom - top, "doctop": top}
