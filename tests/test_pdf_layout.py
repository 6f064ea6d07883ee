"""Layout that holds on paper, read back from LibreOffice's PDFs: the 落款 and the
成文日期 stay on the page of the text's last lines whatever the text's length
(GB/T 9704-2012 7.3.5), and the date is never wrapped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
import yaml

from toolkit.cn import gbt9704
from toolkit.render.catalog import write_example
from toolkit.app.generate import generate_command
from toolkit.office import soffice_convert
from toolkit.render.schema import load_schema

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# About four lines: each step moves the 落款 down by that much, so over the steps it meets the
# foot of a page at several offsets (a page holds 22 lines).
FILLER = ("各团支部要把这项工作同日常团务结合起来，做到有布置、有检查、有总结，确保各项要求落到实处；"
          "对工作中发现的问题，要及时研究解决，重要情况及时向院团委报告。")
LENGTHS = range(0, 12)


def _variants(root: Path, name: str, grow) -> list[tuple[int, Path]]:
    base = root / f"{name}.yaml"
    write_example(load_schema(TEMPLATES / f"{name}.yaml"), base)
    (record,) = yaml.safe_load(base.read_text("utf-8"))
    out = []
    for n in LENGTHS:
        data = root / f"{name}-{n}.yaml"
        data.write_text(yaml.safe_dump([grow(dict(record), n)], allow_unicode=True), "utf-8")
        (docx,) = generate_command(name, data, root / f"{name}-{n}", pattern=f"{name}-{n}")
        out.append((n, docx))
    return out


def _more_plans(record: dict, n: int) -> dict:
    record["plans"] = list(record["plans"]) + [FILLER] * n
    return record


# 抄送 lists of no, one and three lines: the 版记 at the foot of the page is as tall as its text.
LONG_CC = ["学院党委", "校团委组织部", "校团委宣传部", "校团委办公室", "各学院团委", "学院学生会", "学院研究生会",
           "学院青年志愿者协会"]


def _more_closing(record: dict, n: int) -> dict:
    record["closing"] = list(record.get("closing") or []) + [FILLER] * n
    if n % 3 == 1:
        record["cc"] = LONG_CC
    elif n % 3 == 2:
        record.pop("cc", None)
    return record


def _more_news(record: dict, n: int) -> dict:
    items = [dict(item) for item in record["items"]]
    items[-1]["paragraphs"] = list(items[-1]["paragraphs"]) + [FILLER[:40]] * n
    record["items"] = items
    return record


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, list[tuple[int, Path, dict]]]:
    """Summaries, notices and bulletins of growing length, as PDFs (one LibreOffice run)."""
    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        pytest.skip("未安装 LibreOffice（soffice）")
    root = tmp_path_factory.mktemp("layout")
    made = {"summary": _variants(root, "summary", _more_plans), "notice": _variants(root, "notice", _more_closing),
            "bulletin": _variants(root, "bulletin", _more_news)}
    out = soffice_convert([d for v in made.values() for _, d in v], root / "pdf")
    records = {name: yaml.safe_load((root / f"{name}.yaml").read_text("utf-8"))[0] for name in made}
    return {name: [(n, out[d.resolve()], records[name]) for n, d in v] for name, v in made.items()}


def _lines(pdf: Path) -> list[tuple[int, str]]:
    """(page, text) of every line but the page numbers, in reading order."""
    with pdfplumber.open(pdf) as doc:
        return [(i, line["text"].replace(" ", "")) for i, page in enumerate(doc.pages, 1)
                for line in page.extract_text_lines() if not line["text"].startswith("—")]


@pytest.mark.soffice
@pytest.mark.parametrize("name, signer", [("summary", "org"), ("notice", "signer")])
def test_signature_and_date_stay_with_the_last_lines(pdfs, name, signer):
    pages_seen = set()
    for n, pdf, record in pdfs[name]:
        lines = _lines(pdf)
        at = next(i for i, (_, text) in enumerate(lines) if text == record[signer])
        page, _ = lines[at]
        date = next((p, t) for p, t in lines[at + 1:] if "年" in t and "月" in t)
        assert date[0] == page, f"{name} +{n}: 成文日期 on page {date[0]}, 落款 on page {page}"
        assert date[1].endswith("日"), f"{name} +{n}: the date is wrapped: {date[1]!r}"
        before = lines[at - 1]
        assert before[0] == page, f"{name} +{n}: 落款 alone at the top of page {page}"
        pages_seen.add(len({p for p, _ in lines}))
    assert len(pages_seen) >= 2  # the lengths tried moved the 落款 across a page break


# The foot of the 版心: GB/T 9704-2012 5.2.1's bottom margin above the bottom of the page.
FOOT_PT = (gbt9704.PAGE_MM[1] - gbt9704.MARGINS_MM["bottom"]) / 25.4 * 72


@pytest.mark.soffice
def test_imprint_at_the_foot_of_the_last_page(pdfs):
    """The 版记 (抄送, 印发) is on the last page, its last rule on the foot of the 版心
    (GB/T 9704-2012 7.4), below the 成文日期 and not over it, whatever the text's length and
    however many lines the 抄送 takes (a wrapped one continues under the first name)."""
    for n, pdf, record in pdfs["notice"]:
        with pdfplumber.open(pdf) as doc:
            last = doc.pages[-1]
            words = [(i, line) for i, page in enumerate(doc.pages, 1) for line in page.extract_text_lines()]
            printed = [(i, line) for i, line in words if line["text"].replace(" ", "").endswith("印发")]
            assert [i for i, _ in printed] == [len(doc.pages)], f"notice +{n}: 印发 line not (only) on the last page"
            rules = sorted(r["top"] for r in last.lines if r["width"] > 400)
            assert rules and abs(rules[-1] - FOOT_PT) < 1.5, f"notice +{n}: last rule at {rules[-1:]}, foot {FOOT_PT:.1f}"
            assert printed[0][1]["bottom"] < rules[-1]
            signed = next(k for k, (_, line) in enumerate(words) if line["text"].replace(" ", "") == record["signer"])
            page, date = words[signed + 1]  # the 成文日期, under the 署名
            cc = [line for i, line in words if line["text"].startswith("抄送：")]
            top = cc[0]["top"] if cc else printed[0][1]["top"]
            assert page < len(doc.pages) or date["bottom"] < rules[0] < top, f"notice +{n}: 版记 over the 成文日期"
            if n % 3 == 1:  # three lines of 抄送, the later ones under the first name
                first = cc[0]["x0"] + 3 * gbt9704.IMPRINT_PT
                below = [line for line in last.extract_text_lines() if cc[0]["top"] < line["top"] < printed[0][1]["top"]]
                assert len(below) == 2 and all(abs(line["x0"] - first) < 1 for line in below), below
            else:
                assert bool(cc) == (n % 3 == 0)


def test_imprint_anchored_for_word(tmp_path):
    """In Word's model too: the 版记 is a text box anchored to the last paragraph of the body,
    at the bottom of the 版心 (margin), text kept above and below it, as tall as its rows."""
    import zipfile

    from lxml import etree

    from toolkit.ooxml.ns import W

    v = "{urn:schemas-microsoft-com:vml}"
    data = tmp_path / "notice.yaml"
    write_example(load_schema(TEMPLATES / "notice.yaml"), data)
    (docx,) = generate_command("notice", data, tmp_path / "out", pattern="notice")
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    (shape,) = body.findall(W + "p")[-1].iter(v + "shape")
    style = dict(item.split(":", 1) for item in shape.get("style").split(";"))
    assert style["mso-position-vertical"] == "bottom" and style["mso-position-vertical-relative"] == "margin"
    assert 2 * 28.95 < float(style["height"].removesuffix("pt")) < 2 * 31  # 抄送 and 印发, a line each
    assert shape.find("{urn:schemas-microsoft-com:office:word}wrap").get("type") == "topAndBottom"
    assert "印发" in "".join(shape.itertext())


@pytest.mark.soffice
def test_bulletin_distribution_never_split(pdfs):
    """The 简报's 报/送/发 rows and its 共印 line stay on one page, wherever the text ends."""
    pages_seen = set()
    for n, pdf, record in pdfs["bulletin"]:
        lines = _lines(pdf)
        rows = [(p, t) for p, t in lines if re.match(r"[报送发]：", t) or t.startswith("（共印")]
        assert len(rows) == 4, rows
        assert len({p for p, _ in rows}) == 1, f"bulletin +{n}: {rows}"
        pages_seen.add(len({p for p, _ in lines}))
    assert len(pages_seen) >= 2  # the lengths tried moved the rows across a page break


@pytest.mark.soffice
def test_signature_lines_print(tmp_path):
    """The minutes' 签字 lines are tab leaders: drawn in the PDF, both of them (an underlined
    blank at the end of a line is not), and not taken for an unfilled blank (TW103)."""
    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        pytest.skip("未安装 LibreOffice（soffice）")
    data = tmp_path / "minutes.yaml"
    write_example(load_schema(TEMPLATES / "minutes.yaml"), data)
    (docx,) = generate_command("minutes", data, tmp_path / "out", pattern="minutes")
    pdf = soffice_convert([docx], tmp_path / "pdf")[docx.resolve()]
    signs = [text for _, text in _lines(pdf) if "（签字）" in text]
    assert len(signs) == 1
    assert re.fullmatch(r"主持人（签字）：_{5,}记录人（签字）：_{5,}", signs[0]), signs[0]
    from toolkit.app.check import run_check

    result, _ = run_check([str(docx), str(pdf)])
    assert not [f for f in result.findings if f.rule == "TW103"]


@pytest.mark.soffice
def test_dates_from_excel_date_cells_fit_their_cells(tmp_path):
    """Dates typed as Excel dates (to the day) print as 年月 under 出生年月/入团时间/入党申请时间,
    each on one line of its narrow cell."""
    import datetime as dt

    import openpyxl

    from toolkit.render.catalog import workbook_bytes

    if not shutil.which("soffice") and not shutil.which("libreoffice"):
        pytest.skip("未安装 LibreOffice（soffice）")
    sheet = tmp_path / "登记表.xlsx"
    sheet.write_bytes(workbook_bytes(load_schema(TEMPLATES / "tuiyou-form.yaml"), True))
    wb = openpyxl.load_workbook(sheet)
    ws = wb.active
    header = [c.value for c in ws[1]]
    for label, day in (("出生日期", dt.datetime(2004, 5, 15)), ("入团时间", dt.datetime(2019, 12, 28)),
                       ("入党申请时间", dt.datetime(2024, 10, 14))):
        cell = ws.cell(2, header.index(label) + 1, day)
        cell.number_format = "yyyy-mm-dd"
    wb.save(sheet)
    (docx,) = generate_command("tuiyou-form", sheet, tmp_path / "out", pattern="form")
    pdf = soffice_convert([docx], tmp_path / "pdf")[docx.resolve()]
    text = [t for _, t in _lines(pdf)]
    assert any("出生年月2004年5月年龄" in t and "入团时间2019年12月" in t for t in text), text[:6]
    assert any("入党申请时间2024年10月" in t for t in text), text[:6]
    assert not any(re.fullmatch(r"\d{0,2}日", t) for t in text)  # no day wrapped onto a line of its own
