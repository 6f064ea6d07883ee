"""The inspector's reports (text, json, xlsx, html) and annotated .docx copies.

    write_report(result, "html", Path("审查报告.html"), contexts=...)
    annotate(result, Path("批注副本"))

ID and phone numbers are masked everywhere unless ``show_pii``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Mapping

from ..check.engine import REGISTRY, CheckResult, Rule
from ..errors import UsageError
from .annotate import annotate, annotate_by_branch
from .context import context_key, document_contexts
from .run import RunInfo, run_info
from .view import build_view

FORMATS = ("text", "json", "xlsx", "html")

__all__ = ["FORMATS", "RunInfo", "annotate", "annotate_by_branch", "context_key", "document_contexts", "render", "run_info", "write_report"]


def render(result: CheckResult, fmt: str, *, show_pii: bool = False, rules: Mapping[str, Rule] | None = None,
           contexts: dict[str, dict[str, str]] | None = None, color: bool = False,
           run: RunInfo | None = None, base: Path | None = None) -> str | bytes:
    """The report as text (text, json, html) or bytes (xlsx). ``rules`` (default:
    the rules registered so far) give the xlsx 规则 sheet and the html tooltips;
    ``run`` (date, version, settings) heads the xlsx and html reports; with ``base``
    (the report's folder) the xlsx links each file name to the file."""
    if fmt not in FORMATS:
        raise UsageError(f"不支持的报告格式“{fmt}”，可选：{'、'.join(FORMATS)}")
    rules = dict(REGISTRY) if rules is None else rules
    view = build_view(result, show_pii=show_pii, contexts=contexts, run=run)
    if fmt == "text":
        from .text import render_text

        return render_text(view, color=color)
    if fmt == "json":
        data = {"files": [s.to_dict() for s in view.files], "findings": [f.to_dict() for f in view.findings]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(view, rules, base)
    from .html import render_html

    return render_html(view, rules)


def write_report(result: CheckResult, fmt: str, output: Path | None = None, *, show_pii: bool = False,
                 rules: Mapping[str, Rule] | None = None, contexts: dict[str, dict[str, str]] | None = None,
                 run: RunInfo | None = None) -> None:
    """Write the report to ``output`` (atomically) or, for text and json, to stdout."""
    if fmt in ("xlsx", "html") and output is None:
        raise UsageError(f"{fmt} 格式的报告需要用 -o 指定输出文件，例如 -o 审查报告.{fmt}")
    if output is not None and Path(output).is_dir():
        raise UsageError(f"报告输出路径“{output}”是一个文件夹，请给出文件名，例如 -o 审查报告.{fmt}")
    color = output is None and sys.stdout.isatty()
    data = render(result, fmt, show_pii=show_pii, rules=rules, contexts=contexts, color=color, run=run,
                  base=Path(output).parent if output is not None else None)
    if output is None:
        import click

        click.echo(data, nl=False)
        return
    from ..files import atomic_write_bytes, atomic_write_text

    if isinstance(data, bytes):
        atomic_write_bytes(Path(output), data)
    else:
        atomic_write_text(Path(output), data)
