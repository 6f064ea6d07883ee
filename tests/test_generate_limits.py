"""generate's guards: data files within limits, the render budget, control characters, output names
and the output folder's lock. Must-refuse and must-pass cases side by side; the hostile corpus
(tests/hostile/cases_generate.py) runs the same classes end to end under time and memory caps."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, strategies as st
from openpyxl import Workbook

from toolkit.errors import UsageError
from toolkit.files import LOCK_NAME, folder_lock, safe_filename
from toolkit.render import limits
from toolkit.render.data import load_records, strip_controls
from toolkit.render.engine import CompiledTemplate

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- data files -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, message", [
    ("deep.json", "[" * 5000 + "]" * 5000, "嵌套层数过深"),
    ("deep.yaml", "[" * 5000 + "]" * 5000, "第1行嵌套层数过深"),
    ("num.json", '[{"a": ' + "1" * 5000 + "}]", "数字有 5000 位"),
    ("num.yaml", "- a: 1\n- a: -" + "1" * 5000 + "\n", "第2行的数字有 5000 位"),
    ("long.json", json.dumps([{"a": "字" * (limits.DEFAULT_MAX_TEXT + 1)}]), "超过上限"),
])
def test_data_files_beyond_the_limits_are_refused_naming_the_file(tmp_path, name, text, message):
    with pytest.raises(UsageError, match=f"数据文件 {name.replace('.', '[.]')}.*{message}"):
        load_records(write(tmp_path, name, text))


def test_yaml_alias_bomb_is_refused_but_ordinary_aliases_are_read(tmp_path):
    bomb = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    bomb += [f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    with pytest.raises(UsageError, match="别名炸弹"):
        load_records(write(tmp_path, "bomb.yaml", "\n".join(bomb) + "\n"))
    shared = "common: &c {团支部: 化工2201团支部}\nrecords:\n  - {<<: *c, 姓名: 张三}\n  - {<<: *c, 姓名: 李四}\n"
    assert [r["团支部"] for r in load_records(write(tmp_path, "ok.yaml", shared))] == ["化工2201团支部"] * 2


def test_ordinary_numbers_and_nesting_are_read(tmp_path):
    record = {"姓名": "张三", "身份证号": 110105200405010021, "推荐对象": [{"姓名": "李四", "票数": [1, 2]}]}
    assert load_records(write(tmp_path, "ok.json", json.dumps([record], ensure_ascii=False))) == [record]


def _workbook(tmp_path: Path, cells: dict[str, object], name: str = "d.xlsx") -> Path:
    wb = Workbook()
    wb.active.append(["姓名", "团支部"])
    for ref, value in cells.items():
        wb.active[ref] = value
    path = tmp_path / name
    wb.save(path)
    return path


@pytest.mark.parametrize("ref, message", [("XFD1048576", "A1:XFD1048576"), ("A200000", "A1:B200000"),
                                          ("ALM2", "A1:ALM2")])
def test_sheet_beyond_the_range_is_refused(tmp_path, ref, message):
    with pytest.raises(UsageError, match=f"d[.]xlsx“Sheet”页声明的范围是 {message}"):
        load_records(_workbook(tmp_path, {"A2": "张三", "B2": "一支部", ref: "远"}))


def test_far_cell_is_found_when_the_dimension_understates(tmp_path):
    path = _workbook(tmp_path, {"A2": "张三", "B2": "一支部", "C150000": "远"})
    data = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(data, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            zout.writestr(info, body.replace(b'<dimension ref="A1:C150000"/>', b'<dimension ref="A1:B2"/>'))
    path.write_bytes(data.getvalue())
    with pytest.raises(UsageError, match="单元格 C150000 有内容，超出了可读取的范围"):
        load_records(path)


def test_blank_styled_cells_far_away_do_not_refuse_a_sheet(tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "团支部"])
    wb.active.append(["张三", "一支部"])
    wb.active["Z5000"].number_format = "@"  # formatted, empty
    wb.save(tmp_path / "d.xlsx")
    assert load_records(tmp_path / "d.xlsx") == [{"姓名": "张三", "团支部": "一支部"}]


def test_zip_inflating_past_the_cap_is_refused_by_the_bytes_it_inflates(tmp_path, monkeypatch):
    path = _workbook(tmp_path, {"A2": "张三", "B2": "一支部"})
    monkeypatch.setattr(limits, "DEFAULT_MAX_UNZIPPED", 1000)
    with pytest.raises(UsageError, match="解压后超过.*压缩炸弹"):
        load_records(path)


def test_csv_cell_past_the_csv_limit(tmp_path):
    path = write(tmp_path, "d.csv", "姓名,团支部\n张三,\"" + "长" * 200_000 + "\"\n")
    with pytest.raises(UsageError, match="d[.]csv.*(超过上限|单元格过长)"):
        load_records(path)


# --- control characters ------------------------------------------------------------------------

def test_control_characters_are_stripped_naming_record_row_and_field(tmp_path):
    path = write(tmp_path, "d.csv", "姓名,团支部,获奖情况\n张\x01三,一支部,\n李四,二\x1b支部\t(含制表符),\"甲\n乙\x7f\"\n")
    records = load_records(path)
    warnings = strip_controls(records)
    assert warnings == ["张三（数据文件第2行）“姓名”中有不可见的控制字符（U+0001），已删除",
                        "李四（数据文件第3行）“团支部”中有不可见的控制字符（U+001B），已删除",
                        "李四（数据文件第3行）“获奖情况”中有不可见的控制字符（U+007F），已删除"]
    assert records[1] == {"姓名": "李四", "团支部": "二支部\t(含制表符)", "获奖情况": "甲\n乙"}


def test_excel_escapes_are_the_characters_they_stand_for(tmp_path):
    path = _workbook(tmp_path, {"A2": "王CTRL子涵", "B2": "_x005F_x0041_"})
    data = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(data, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info).replace(b"CTRL", b"_x0001_"))
    path.write_bytes(data.getvalue())
    records = load_records(path)
    assert records[0] == {"姓名": "王\x01子涵", "团支部": "_x0041_"}
    assert strip_controls(records) and records[0]["姓名"] == "王子涵"


# --- render budget --------------------------------------------------------------------------------

def _template(tmp_path: Path, line: str) -> CompiledTemplate:
    d = docx.Document()
    d.add_paragraph(line)
    d.save(tmp_path / "t.docx")
    return CompiledTemplate(tmp_path / "t.docx")


@pytest.mark.parametrize("line", ["{{ x * 1000000000 }}", "{{ 2 ** 100000000 }}",
                                  "{% for i in range(100000) %}{% for j in range(100000) %}{{ x }}{% endfor %}{% endfor %}"])
def test_render_budget_refuses_floods(tmp_path, line, monkeypatch):
    monkeypatch.setattr("toolkit.render.engine.DEFAULT_MAX_OUTPUT", 2**20)
    with pytest.raises(UsageError, match=r"模板 t\.docx 生成的一份文档超过 1 MB"):
        _template(tmp_path, line).render({"x": "张三" * 10})


def test_render_budget_refuses_a_loop_that_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("toolkit.render.engine.DEFAULT_RENDER_SECONDS", 0.5)
    tpl = _template(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    with pytest.raises(UsageError, match=r"模板 t\.docx 生成一份文档超过 0\.5 秒"):
        tpl.render({})


def test_ordinary_repetition_renders(tmp_path):
    tpl = _template(tmp_path, "{{ '—' * 20 }}{% for i in range(3) %}{{ x }}{% endfor %}{{ 2 ** 10 }}")
    out = docx.Document(io.BytesIO(tpl.render({"x": "张三"})))
    assert out.paragraphs[0].text == "—" * 20 + "张三" * 3 + "1024"


# --- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    (".", "_"), ("..", "_"), ("...", "_"), ("....docx", "_.docx"), ("../..docx", "_.docx"),
    ("张三\u202excod.exe", "张三xcod.exe"), ("\ufeff李\u200b四\u2066.docx", "李四.docx"),
    ("王五 . .docx", "王五.docx"), ("CON.docx", "_CON.docx"),
])
def test_safe_filename_examples(name, expected):
    assert safe_filename(name) == expected


@given(st.text(max_size=60), st.sampled_from(["", ".docx", ".pdf"]))
def test_safe_filename_is_always_a_visible_name_in_the_folder(stem, ext):
    name = safe_filename(stem + ext)
    assert name not in ("", ".", "..") and "/" not in name and "\\" not in name and not name.startswith(".")
    assert not any(unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp", "Cs") for c in name)
    assert name.endswith(ext) and len(name) > len(ext)
    name.encode("utf-8")


# --- the output folder's lock ----------------------------------------------------------------------

_TRY = """
import sys
from pathlib import Path
from toolkit.errors import UsageError
from toolkit.files import folder_lock
try:
    with folder_lock(Path(sys.argv[1])):
        print("got it")
except UsageError as exc:
    print(exc)
"""


def _other_run(folder: Path) -> str:
    return subprocess.run([sys.executable, "-c", _TRY, str(folder)], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_folder_lock_refuses_a_second_run_and_is_released(tmp_path):
    with folder_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text().strip().isdigit()
        assert "正由另一个 tuanwen 进程" in _other_run(tmp_path)
    assert not (tmp_path / LOCK_NAME).exists()
    assert _other_run(tmp_path).strip() == "got it"


def test_stale_lock_of_a_dead_run_is_taken_over(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / LOCK_NAME).write_text(f"{dead.pid}\n")
    assert _other_run(tmp_path).strip() == "got it"
    assert not (tmp_path / LOCK_NAME).exists()
