"""Document → Extraction: the kind, the records (forms, tally and log rows) and
document-level fields, all values under the contract's canonical keys.

>>> from toolkit.extract import extract
>>> ex = extract(doc)          # doc from toolkit.read.read(path)
>>> ex.kind, [r.values for r in ex.records], ex.total, ex.fields
"""

from __future__ import annotations

from ..model import Document, Extraction
from .fields import document_fields
from .forms import extract_forms
from .kind import classify
from ..kinds import kind as kind_entry
from .labels import ALL_KEYS, FORM_KEYS, canonical
from .normalize import normalize
from .tables import table_rows
from .vote import parse_vote

__all__ = ["extract", "classify", "canonical", "normalize", "parse_vote",
           "ALL_KEYS", "FORM_KEYS"]


def extract(doc: Document, kind: str | None = None) -> Extraction:
    """Extract ``doc``; ``kind`` overrides the detected kind (e.g. from a classifier)."""
    kind = kind or classify(doc)[0]
    records, total = [], None
    entry = kind_entry(kind)
    if entry.rows:
        records, total = table_rows(sorted(doc.tables, key=lambda t: (t.position, t.index)))
    elif entry.record:
        records = extract_forms(doc)
    return Extraction(kind=kind, records=records, total=total, fields=document_fields(doc, kind, records))
