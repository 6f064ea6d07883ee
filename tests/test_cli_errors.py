"""File-system failures reach the user as a Chinese sentence and exit 2, never a traceback."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main


def test_unwritable_output_is_a_chinese_error(tmp_path):
    (tmp_path / "登记表.txt").write_text("姓名：王子涵\n性别：男\n", encoding="utf-8")
    blocker = tmp_path / "不是文件夹.txt"
    blocker.write_text("", encoding="utf-8")
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["convert", str(tmp_path / "登记表.txt"), "-o",
                                           str(blocker / "结果.xlsx"), "--jobs", jobs])
        assert result.exit_code == 2, result.output
        assert "无法读写文件" in result.output and "已有同名的文件或文件夹" in result.output
        assert "Traceback" not in result.output


def test_help_is_chinese():
    for args in (["--help"], ["check", "--help"], ["generate", "--help"]):
        result = CliRunner().invoke(main, args, prog_name="tuanwen")
        assert result.exit_code == 0
        assert result.output.startswith("用法：tuanwen") and "选项：" in result.output
        for english in ("Usage:", "Options:", "Commands:", "Show this message", "[required]", "[default:"):
            assert english not in result.output, (args, english)
