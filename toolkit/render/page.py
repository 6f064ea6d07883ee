"""The page of the built-in forms and lists (not GB/T 9704's 公文 page): A4 with narrower
margins, the title in 18 pt. The template builder lays the pages out with these numbers and
``prepare`` breaks a long title into lines that fit them."""

from __future__ import annotations

from toolkit.cn import gbt9704

FORM_MARGINS_MM = {"top": 20.0, "bottom": 18.0, "left": 25.0, "right": 20.0}  # portrait
FORM_LANDSCAPE_LEFT_MM = 20.0  # the left margin of a landscape page (the binding edge is short)
FORM_TITLE_PT = 18.0


def form_title_chars() -> int:
    """Full-width characters of a title on one line of a portrait form page."""
    width_mm = gbt9704.PAGE_MM[0] - FORM_MARGINS_MM["left"] - FORM_MARGINS_MM["right"]
    return int(width_mm / 25.4 * 72 / FORM_TITLE_PT)
