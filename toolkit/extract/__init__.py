"""Document → Extraction: the kind, the records (forms, tally and log rows),
document-level fields, all values under the contract's canonical keys, and the
outline (发文字号, title, headings, 成文日期 with their locations).

>>> from toolkit.extract import extract
>>> ex = extract(doc)          # doc from toolkit.read.read(path)
>>> ex.kind, [r.values for r in ex.records], ex.total, ex.fields, ex.outline.date
"""

from __future__ import annotations

from typing import Callable

from ..cn.outline import locate
from ..kinds import ASSESSMENT, BUILD_PROGRESS, POINTS, REGISTRATION_FORM
from ..kinds import kind as kind_entry
from ..model import Document, Extraction, Location, Mark, Record
from .assessment import extract_assessment
from .fields import document_fields
from .forms import extract_forms
from .kind import classify, title_lines
from .league import list_facts, person_forms
from .labels import ALL_KEYS, FORM_KEYS, canonical
from .normalize import normalize
from .points import extract_points
from .progress import extract_progress
from .tables import table_rows
from .vote import parse_vote

__all__ = ["extract", "classify", "canonical", "normalize", "parse_vote",
           "ALL_KEYS", "FORM_KEYS", "FORMS"]

# How the records of a kind that is not a list (``Kind.rows``) are found: one
# record per filled-in form. A list kind's rows need no entry here.
FORMS: dict[str, Callable[[Document], list[Record]]] = {REGISTRATION_FORM: extract_forms}


# The League's score and progress sheets, each read by its own module.
SHEETS = {POINTS: extract_points, ASSESSMENT: extract_assessment, BUILD_PROGRESS: extract_progress}


def extract(doc: Document, kind: str | None = None) -> Extraction:
    """Extract ``doc``; ``kind`` overrides the detected kind (e.g. from a classifier)."""
    kind = kind or classify(doc)[0]
    records, total = [], None
    entry = kind_entry(kind)
    if kind in SHEETS:
        sheet = SHEETS[kind](doc)
        records, total = sheet.records, sheet.total
    elif entry.rows:
        records, total = table_rows(sorted(doc.tables, key=lambda t: (t.position, t.index)))
        if not records and entry.form_keys:
            records = person_forms(doc, entry)
    elif kind in FORMS:
        records = FORMS[kind](doc)
    outline = locate(doc.paragraphs, doc.tables)
    if outline.title is None and (titles := title_lines(doc, 1)):  # not a 公文: the first title line
        outline.title = Mark(titles[0], Location())
    fields = list_facts(doc, entry.facts) | document_fields(doc, kind, [] if kind in SHEETS else records, outline)
    return Extraction(kind=kind, records=records, total=total, fields=fields | (sheet.fields if kind in SHEETS else {}),
                      outline=outline)
