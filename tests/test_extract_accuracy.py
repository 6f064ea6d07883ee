"""Form field accuracy on random forms in every layout (tests/rounds/form_layouts.py):
random people, branches and votes, label spellings, spacings, date styles; the
vote in cells or as one sentence in the 团支部意见 cell. Target ≥ 99 % of fields
(bench/bench_extract_fields.py measures it on more forms); here every field of
every sampled form must come back, and a PDF made by LibreOffice too."""

from __future__ import annotations

import random
import subprocess

import pytest

from rounds.form_layouts import LAYOUTS, random_form
from toolkit.extract import extract
from toolkit.read import read


def fields(path) -> dict:
    records = extract(read(str(path))).records
    assert len(records) == 1, path
    return records[0].values


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_field_in_every_layout(tmp_path, layout, seed):
    path, _, truth = random_form(random.Random(f"{layout}{seed}"), tmp_path, layout=layout)
    got = fields(path)
    assert {k: got.get(k) for k in truth} == truth


@pytest.mark.soffice
@pytest.mark.parametrize("layout", ["vertical", "six", "lines"])
def test_every_field_through_pdf(tmp_path, layout):
    path, _, truth = random_form(random.Random(layout), tmp_path, layout=layout)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(path)],
                   check=True, capture_output=True, timeout=180)
    got = fields(tmp_path / "pdf" / (path.stem + ".pdf"))
    assert {k: got.get(k) for k in truth} == truth
