"""Findings on files read from pictures (scans, photos: ``Document.ocr``).

Every such finding says where its text came from (``ocr`` in the JSON, and
``来源：图片识别`` in the message a person reads). A value recognised with
low confidence, or an ID number whose check character does not fit (most
likely a misread digit, see ``read/ocr.py``), is never the basis of an
``error``: a finding that rests on one becomes a warning asking to verify
against the original.
"""

from __future__ import annotations

from ..model import Document, Extraction
from ..read.ocr import Place, low_confidence, place
from .engine import Finding

SOURCE = "来源：图片识别"
VERIFY = "图片识别可能有误，请核对原件"

def doubtful(doc: Document, ex: Extraction) -> set[Place]:
    """The places a finding must not rest on for an error: text recognised
    with low confidence, and every place of a record holding such a value."""
    low = low_confidence(doc)
    out = set(low)
    for rec in [*ex.records, *([ex.total] if ex.total else [])]:
        places = {place(loc) for loc in rec.where.values()}
        if rec.location is not None:
            places.add(place(rec.location))
        if places & low:
            out |= places
    return out


def mark(findings: list[Finding], scanned: dict[str, set[Place]]) -> None:
    """Mark the findings on the files in ``scanned`` (file → doubtful places)."""
    for f in findings:
        doubt = scanned.get(f.file)
        if doubt is None:
            continue
        f.ocr = True
        whole_file = place(f.location) == (None, None, None, None)
        if f.severity == "error" and (place(f.location) in doubt or (whole_file and doubt)):
            f.severity = "warning"
            f.message += f"（{VERIFY}）"
        f.message += f"（{SOURCE}）"
