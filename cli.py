"""tuanwen command line (click). Each command is a thin wrapper: parse the options,
call the toolkit, turn a ``TuanwenError`` into a Chinese message and an exit code.

Exit codes (contract): 0 success, 1 ``check`` found errors, 2 usage error or
nothing could be done. Heavy modules are imported inside the commands so that
start-up stays fast.
"""

from __future__ import annotations

import signal
import sys


def _interrupted_while_starting(signum, frame):
    raise SystemExit("\n已中止。")  # message on stderr, exit 1, no traceback


# Ctrl-C while the modules load stops quietly; once a command runs it gets KeyboardInterrupt as
# usual (restored in _Group.main), so that it can clean up and say what it did.
signal.signal(signal.SIGINT, _interrupted_while_starting)

from functools import wraps  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

from toolkit.errors import TuanwenError  # noqa: E402

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _friendly(fn):
    """Report toolkit and file-system errors as plain Chinese text and exit 2."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TuanwenError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(2)
        except BrokenPipeError:  # `tuanwen rules | head`: click closes quietly
            raise
        except OSError as exc:  # an output folder that cannot be made, a full disk …
            from toolkit.errors import describe_os_error

            click.echo(f"错误：{describe_os_error(exc)}", err=True)
            sys.exit(2)

    return wrapper


# click's own usage errors are English; the contract wants Chinese messages.
_CLICK_MESSAGES = [
    (r"No such command '(.+)'\.", "没有命令“{0}”；用 tuanwen --help 查看全部命令"),
    (r"Got unexpected extra arguments? \((.+)\)", "多余的参数：{0}"),
    (r"Option '(.+)' requires an argument\.", "选项 {0} 后面需要一个值"),
    (r"Option '(.+)' does not take a value\.", "选项 {0} 不带值"),
    (r"'(.*)' is not one of (.+)\.", "“{0}”不是可选的值，可选：{1}"),
    (r"(?:Path|File|Directory) '(.+)' does not exist\.", "“{0}”不存在"),
    (r"(?:Path|File) '(.+)' is a directory\.", "“{0}”是文件夹，这里要的是文件"),
    (r"Directory '(.+)' is a file\.", "“{0}”是文件，这里要的是文件夹"),
    (r"'(.*)' is not a valid integer(?: range)?\.", "“{0}”不是整数"),
]


def _chinese(message: str) -> str:
    import re

    for pattern, text in _CLICK_MESSAGES:
        if m := re.fullmatch(pattern, message.strip(), re.S):
            return text.format(*m.groups())
    return message


def _usage_message(exc: click.UsageError) -> str:
    """``错误：…`` naming what is wrong, then the usage line and where to find help, all in Chinese."""
    ctx = exc.ctx
    hint = ""
    if isinstance(exc, click.BadParameter):  # MissingParameter is one too
        hint = _placeholders(exc.param_hint or (exc.param.get_error_hint(ctx) if exc.param and ctx else ""))
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "")
        message = f"缺少{'选项' if kind == 'option' else '参数'} {hint}"
    elif isinstance(exc, click.NoSuchOption):
        message = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            message += f"（是不是 {'、'.join(sorted(exc.possibilities))}？）"
    elif isinstance(exc, click.BadParameter):
        message = f"{hint} 的值无效：{_chinese(exc.message)}"
    else:
        message = _chinese(exc.message)
    lines = [f"错误：{message}"]
    if ctx is not None:
        lines.append(ctx.get_usage())
        lines.append(f"用 {ctx.command_path} --help 查看说明。")
    return "\n".join(lines)


# click's placeholders in usage lines and option lists, as the user reads them.
_PLACEHOLDERS = {"OPTIONS": "选项", "COMMAND": "命令", "ARGS": "参数", "PATHS": "文件或文件夹", "TEMPLATE": "模板",
                 "DATA": "数据文件", "NAME": "模板名", "OUTDIR": "输出文件夹", "CODE": "规则代码", "FILE": "文件",
                 "DIRECTORY": "文件夹", "PATH": "路径", "INTEGER": "整数", "FLOAT": "数字", "TEXT": "文字"}


def _placeholders(text: str) -> str:
    import re

    return re.sub(r"\b[A-Z]{3,}\b", lambda m: _PLACEHOLDERS.get(m.group(), m.group()), text)


class _Formatter(click.HelpFormatter):
    """``--help`` in Chinese: click's usage prefix, section headings and placeholders."""

    _SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _placeholders(args), "用法：" if prefix is None else prefix)

    def section(self, name: str):
        return super().section(self._SECTIONS.get(name, name))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's option list, aligned by display width (a Chinese character takes two columns)."""
        from click.formatting import wrap_text

        from toolkit.cn.text import display_width, pad

        rows = [(_placeholders(term), text.replace("[required]", "（必填）")) for term, text in rows]
        first = min(max((display_width(t) for t, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(indent + term)
            if not text:
                self.write("\n")
                continue
            if display_width(term) <= first - col_spacing:
                self.write(pad("", first - display_width(term)))
            else:
                self.write("\n" + indent + " " * first)
            lines = wrap_text(text, max(self.width - first - self.current_indent, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first}{line}\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")


class _Context(click.Context):
    formatter_class = _Formatter


class _ChineseHelp:
    """Mixed into commands and the group: Chinese help headings and help-option text."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "显示本说明并退出。"
        return option


def _set_verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:  # an environment variable, so that worker processes see it too
        import os

        from toolkit.errors import VERBOSE_ENV

        os.environ[VERBOSE_ENV] = "1"


def _config_option():
    """``--config FILE``: the thresholds ``check`` applies and ``generate`` follows (default ./tuanwen.toml)."""
    return click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                        help="配置文件（默认 ./tuanwen.toml）。")


def _verbose_option() -> click.Option:
    """``--verbose``, on the group and on every command (before or after the command's name)."""
    return click.Option(["--verbose"], is_flag=True, expose_value=False, is_eager=True, callback=_set_verbose,
                        help="出错时另起一行显示所用程序库的原始说明（英文），供排查问题。")


class _Command(_ChineseHelp, click.Command):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_verbose_option())


class _Group(_ChineseHelp, click.Group):
    """The command group, with click's usage errors (exit 2) and help told in Chinese."""

    command_class = _Command

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_verbose_option())

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            click.echo(_usage_message(exc), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{_chinese(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已中止。", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="tuanwen", message="tuanwen %(version)s", help="显示版本并退出。")
def main() -> None:
    """团文 tuanwen：共青团基层文书的生成、批量转换与审查。"""


@main.command()
@click.argument("outdir", required=False, default="tuanwen-demo", type=click.Path(path_type=Path))
@_friendly
def demo(outdir: Path) -> None:
    """用内置样例数据跑通全流程：生成一轮材料、转换、审查、出报告。"""
    from toolkit.app.demo import run_demo

    run_demo(outdir)


@main.command()
@click.argument("name", required=False)
@click.option("--sheet", type=click.Path(path_type=Path), help="写出该模板的空白录入表（.xlsx）。")
@click.option("--example", type=click.Path(path_type=Path), help="写出示例数据（.yaml/.json/.xlsx）。")
@_friendly
def templates(name: str | None, sheet: Path | None, example: Path | None) -> None:
    """列出内置模板，或查看某个模板（也可以是 .docx 路径）的字段。"""
    from toolkit.app.templates import command

    command(name, sheet=sheet, example=example)


@main.command()
@click.argument("template")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出文件夹。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转成 PDF。")
@click.option("--name", "pattern", help="文件名模式，如 '{团支部}_{姓名}.docx'。")
@click.option("--draft", is_flag=True, help="缺失字段以红色【待填：字段】标出，而不是报错。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option("--jobs", type=int, default=None, help="并行进程数（默认按文件数和核心数自动选择，文件少时只用一个进程）。")
@_config_option()
@_friendly
def generate(template: str, data: Path, outdir: Path, pdf: bool, pattern: str | None, draft: bool,
             force: bool, jobs: int | None, config: Path | None) -> None:
    """按数据（.yaml/.json/.csv/.xlsx）逐条生成文档。"""
    from toolkit.app.generate import generate_command

    generate_command(template, data, outdir, pdf=pdf, pattern=pattern, draft=draft, force=force, jobs=jobs,
                     config=config)


def _cluster_options(fn):
    """``--cluster`` and ``--upload`` (convert and check): the per-file work on a Dask cluster."""
    fn = click.option("--upload", is_flag=True,
                      help="把文件内容发给集群的工作进程（它们看不到本机的文件夹时用）。")(fn)
    return click.option("--cluster", metavar="地址",
                        help="在 Dask 集群上处理：local（本机启动 --jobs 个工作进程）或调度器地址 tcp://主机:端口；"
                             "需要 pip install \"tuanwen[cluster]\"。")(fn)


def _cluster(address: str | None, upload: bool):
    from toolkit.app.cluster import Cluster
    from toolkit.errors import UsageError

    if address is None:
        if upload:
            raise UsageError("--upload 要和 --cluster 一起用")
        return None
    return Cluster(address, upload=upload)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))  # str: reported as given
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（.xlsx/.csv/.json/.jsonl）。")
@click.option("--jobs", type=int, default=None, help="并行进程数（默认按文件数和核心数自动选择，文件少时只用一个进程）。")
@click.option("--text", "text_dir", type=click.Path(file_okay=False, path_type=Path), help="另把每份文档的文字写成 Markdown 到此文件夹。")
@_cluster_options
@_friendly
def convert(paths: tuple[str, ...], out: Path | None, jobs: int | None, text_dir: Path | None,
            cluster: str | None, upload: bool) -> None:
    """把一轮提交材料（文件或文件夹）转换成一张表。"""
    from toolkit.app.convert import convert_command

    convert_command(list(paths), out, jobs=jobs, text_dir=text_dir, cluster=_cluster(cluster, upload))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))  # str: reported as given
@click.option("--register", "registers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="团委自己的汇总表或分表领取登记表，可多次给出。")
@click.option("--roster", "rosters", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="团员名册（.xlsx/.docx/.pdf），作为核对推荐对象的依据，可多次给出。")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "xlsx", "html"]), default="text",
              help="报告格式（默认 text）。")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="报告文件（默认输出到屏幕）。")
@click.option("--annotate", type=click.Path(file_okay=False, path_type=Path), help="把批注写进 .docx 副本，放到此文件夹。")
@click.option("--jobs", type=int, default=None, help="并行进程数（默认按文件数和核心数自动选择，文件少时只用一个进程）。")
@click.option("--select", help="只用这些规则（代码或前缀，逗号分隔）。")
@click.option("--ignore", help="不用这些规则（代码或前缀，逗号分隔）。")
@_config_option()
@click.option("--show-pii", is_flag=True, help="报告中显示完整的身份证号和手机号。")
@click.option("--quiet", "-q", is_flag=True, help="不显示进度条和结尾的统计行（报告照常写出）。")
@click.option("--exit-zero", is_flag=True, help="发现错误也以 0 退出（一个文件都读不了时仍为 2）。")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              help="发现这一级别或更严重的问题时以 1 退出（默认 error）。")
@_cluster_options
@_friendly
def check(paths, registers, rosters, fmt, output, annotate, jobs, select, ignore, config, show_pii, quiet, exit_zero,
          fail_on, cluster, upload) -> None:
    """审查提交材料，单份审查并与其他材料、登记表交叉核对。"""
    from toolkit.app.check import check_command

    code = check_command(list(paths), registers=list(registers), rosters=list(rosters), fmt=fmt, output=output,
                         annotate=annotate,
                         jobs=jobs, select=select, ignore=ignore, config=config, show_pii=show_pii,
                         quiet=quiet, fail_on=None if exit_zero else fail_on, cluster=_cluster(cluster, upload))
    sys.exit(code)


@main.command()
@click.argument("code", required=False)
@_friendly
def rules(code: str | None) -> None:
    """列出全部审查规则：代码、类别、严重程度、说明；给出代码（如 TW305）时用中文解释这条规则。"""
    from toolkit.app.check import rules_command

    rules_command(code)


@main.command()
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="输出 .docx。")
@click.option("--keywords", is_flag=True, help="打印主要关键词。")
@_friendly
def draft(data: Path, out: Path, keywords: bool) -> None:
    """根据事实数据起草一份工作总结。"""
    from toolkit.app.draft import draft_command

    draft_command(data, out, keywords=keywords)


@main.command()
@click.option("--host", help="监听的地址（默认 127.0.0.1，只有本机能打开）；改成其他地址（如 0.0.0.0）会让局域网中的电脑也能打开，启动时会警告。")
@click.option("--port", type=int, help="端口（默认 8730）。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
@_friendly
def serve(host: str | None, port: int | None, no_browser: bool) -> None:
    """在本机打开团文网页：审查、汇总、生成、起草，不用敲命令。"""
    from toolkit.app.web import serve as run_server

    given = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    run_server(**given, open_browser=not no_browser)


if __name__ == "__main__":
    main()
