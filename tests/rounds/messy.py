"""A messy round as it arrives in an inbox: files mislabelled (a .docx that is a .doc, an .xls that is an
.xlsx, a CSV or a web page, a .pdf that is a picture, WPS names), empty and password-protected files,
photos, lock files, nested folders, one file name in two folders, names with spaces, emoji and great
length. ``build`` writes it and says, per file, what a reader must make of it.

    python tests/rounds/messy.py OUTDIR
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from rounds.build_round import Person, form, tally  # noqa: E402

PEOPLE = [Person("欧阳雨桐", "女", "20040912", "2019年9月", "护理部团支部", 24, 23, 21, 1, 1),
          Person("买买提·艾力", "男", "20030415", "2018年5月", "急诊科团支部", 19, 19, 17, 2, 0),
          Person("张  伟", "男", "20050101", "2020年4月", "行政后勤团支部", 31, 29, 26, 2, 1),
          Person("林晓", "女", "20041230", "2019年12月", "护理部团支部", 24, 23, 22, 0, 1),
          Person("周子墨", "男", "20040606", "2019年6月", "药剂科团支部", 16, 15, 14, 1, 0)]
LONG = "登记表_" + "市第一人民医院团委二〇二六年度推荐优秀团员作为党的发展对象人选" * 2 + "_最终修改版.docx"


@dataclass
class Expect:
    """What a reader must make of one file: its status, a word its reason (or note) contains,
    and the person whose form it is (the record convert must give)."""

    status: str
    says: str = ""
    person: Person | None = None
    mislabelled: bool = False


@dataclass
class Messy:
    folder: Path
    files: dict[str, Expect] = field(default_factory=dict)  # path relative to ``folder``


def _tally_sheet(people: list[Person]) -> list[list[object]]:
    rows: list[list[object]] = [["序号", "姓名", "性别", "团支部", "应到人数", "实到人数", "赞成", "反对", "弃权"]]
    rows += [[i, p.name, p.gender, p.branch, p.total, p.present, p.yes, p.no, p.abstain]
             for i, p in enumerate(people, 1)]
    return rows


def _legacy_doc(docx_path: Path) -> bytes | None:
    """The .doc LibreOffice makes of a .docx (None without LibreOffice)."""
    if not shutil.which("soffice"):
        return None
    with tempfile.TemporaryDirectory(prefix="tw-messy-") as tmp:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                        "doc", "--outdir", tmp, str(docx_path)], capture_output=True, timeout=180)
        made = Path(tmp) / (docx_path.stem + ".doc")
        return made.read_bytes() if made.exists() else None


def _encrypted_pdf(text: str, tmp: Path) -> bytes | None:
    if not shutil.which("soffice"):
        return None
    import docx

    d = docx.Document()
    d.add_paragraph(text)
    d.save(tmp / "加密源.docx")
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"tw2026"}}')
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                    options, "--outdir", str(tmp), str(tmp / "加密源.docx")], capture_output=True, timeout=180)
    made = tmp / "加密源.pdf"
    return made.read_bytes() if made.exists() else None


def _encrypted_ooxml(data: bytes) -> bytes | None:
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        return None
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("tw2026", out)
    return out.getvalue()


def build(folder: Path) -> Messy:
    import openpyxl
    from PIL import Image

    m = Messy(folder)
    one, two, deep = folder / "护理部", folder / "急诊科", folder / "行政后勤" / "第二批" / "补交"
    for d in (one, two, deep):
        d.mkdir(parents=True, exist_ok=True)

    def put(rel: str, data: bytes | None, expect: Expect) -> None:
        if data is not None:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(data)
            m.files[rel] = expect

    # Forms: one name in two folders, a name with spaces and emoji, a very long name.
    form(one / "登记表.docx", PEOPLE[0], 0)
    m.files["护理部/登记表.docx"] = Expect("ok", person=PEOPLE[0])
    form(two / "登记表.docx", PEOPLE[1], 1)
    m.files["急诊科/登记表.docx"] = Expect("ok", person=PEOPLE[1])
    rel = "行政后勤/第二批/补交/登记表 张伟 🎉 (1).docx"
    form(folder / rel, PEOPLE[2], 2)
    m.files[rel] = Expect("ok", person=PEOPLE[2])
    form(folder / LONG, PEOPLE[3], 0)
    m.files[LONG] = Expect("ok", person=PEOPLE[3])
    # A .doc sent as .docx, and as WPS's .wps (which is a Word 97 file).
    with tempfile.TemporaryDirectory(prefix="tw-messy-") as tmp:
        form(Path(tmp) / "药剂科.docx", PEOPLE[4], 1)
        legacy = _legacy_doc(Path(tmp) / "药剂科.docx")
        locked_pdf = _encrypted_pdf("急诊科团支部工作总结", Path(tmp))
    put("登记表_药剂科周子墨.docx", legacy, Expect("ok", "旧版 Word", PEOPLE[4], mislabelled=True))
    put("药剂科/登记表（金山文字）.wps", legacy, Expect("ok", person=PEOPLE[4]))
    # The office's tally: as .xlsx named .xls, as CSV named .xls, as a web page named .xls, as WPS's .et.
    wb = openpyxl.Workbook()
    for row in _tally_sheet(PEOPLE):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    put("汇总表.xls", buf.getvalue(), Expect("ok", "Excel", mislabelled=True))
    put("汇总表（金山表格）.et", buf.getvalue(), Expect("ok"))
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(_tally_sheet(PEOPLE))
    put("汇总表_系统导出.xls", text.getvalue().encode("gbk"), Expect("ok", "CSV", mislabelled=True))
    cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in _tally_sheet(PEOPLE))
    page = f'<html><head><meta charset="utf-8"></head><body><table>{cells}</table></body></html>'
    put("汇总表_网页导出.xls", page.encode(), Expect("ok", "网页", mislabelled=True))
    # Unreadable: empty, password-protected, pictures (blank: nothing to recognise), lock files.
    put("空白.docx", b"", Expect("error", "为空"))
    put("急诊科/空白.pdf", b"", Expect("error", "为空"))
    put("加密.docx", _encrypted_ooxml((one / "登记表.docx").read_bytes()), Expect("error", "加密"))
    put("加密.xlsx", _encrypted_ooxml(buf.getvalue()), Expect("error", "加密"))
    put("急诊科/加密.pdf", locked_pdf, Expect("error", "加密"))
    picture = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(picture, format="PNG")
    put("扫描件.pdf", picture.getvalue(), Expect("error", "图片"))
    put("护理部/合影 2026.jpg", picture.getvalue(), Expect("error", "图片"))
    put("护理部/~$登记表.docx", b"\x05lock" + b"\0" * 100, Expect("error", "锁定文件"))
    put("护理部/.DS_Store", b"\0\0\0\1Bud1" + b"\0" * 60, Expect("skipped", "隐藏"))
    return m


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for rel, e in build(out).files.items():
        print(f"{e.status}\t{rel}")


if __name__ == "__main__":
    main()
