"""Imports go along the flow: model ← cn ← read ← extract ← check ← report ← app, and render ← app.

Read statically (ast) over every module of the toolkit, imports inside functions included: a lazy
import is a dependency all the same, it only hides a cycle. Language tools (``lang``) are used by
the layers above cn only through their public names. The shared utilities (errors, files, office,
fonts, …) import nothing of the layers but the bottom: the model and cn.
"""

from __future__ import annotations

import ast
from pathlib import Path

import toolkit

ROOT = Path(toolkit.__file__).parent
FLOW = ("model", "cn", "read", "extract", "check", "report", "app")  # each may import those before it
LANG_USERS = ("extract", "check", "report", "render", "app")
# What each part may import, besides itself and the utilities.
ALLOWED = {
    **{layer: set(FLOW[:k]) | ({"lang"} if layer in LANG_USERS else set()) for k, layer in enumerate(FLOW)},
    "lang": {"model", "cn"},
    "render": {"model", "cn", "lang"},
}
ALLOWED["app"] |= {"render"}
# The kinds table is domain vocabulary beside the document model: the bottom of the flow.
SAME_LEVEL = {"kinds": "model"}
UTILITIES = {"errors", "files", "outputs", "batch", "faults", "resources", "sheets", "office", "ooxml", "timelimit",
             "config", "fonts"}


def _part(module: str) -> str:
    """``toolkit.read.docx`` → ``read``; ``toolkit.kinds`` → ``model``; ``toolkit.__version__`` (a name
    of the package itself) → ``toolkit``."""
    parts = module.split(".")
    if len(parts) < 2 or not (ROOT / parts[1]).is_dir() and not (ROOT / f"{parts[1]}.py").is_file():
        return "toolkit"
    return SAME_LEVEL.get(parts[1], parts[1])


def _imports() -> list[tuple[str, int, str, list[str]]]:
    """(importing module's file, line, imported module, names imported from it) for every import of the
    toolkit's own modules, wherever in the file it stands."""
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        package = module if rel.name == "__init__" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out += [(str(rel), node.lineno, a.name, []) for a in node.names if a.name.startswith("toolkit")]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("toolkit"):
                    continue
                names = [a.name for a in node.names]
                if node.module is None or target == "toolkit":  # from . import faults: the modules named
                    out += [(str(rel), node.lineno, f"{target}.{n}", []) for n in names]
                else:
                    out.append((str(rel), node.lineno, target, names))
    return out


def test_imports_follow_the_flow():
    wrong = []
    for source, line, target, _ in _imports():
        importer, imported = _part(source.replace("/", ".")), _part(target)
        if importer == imported or imported in UTILITIES or imported == "toolkit":
            continue
        allowed = {"model", "cn"} if importer in UTILITIES else ALLOWED.get(importer)
        if allowed is None or imported not in allowed:
            wrong.append(f"{source}:{line} ({importer}) imports {target}")
    assert not wrong, "imports against the flow:\n" + "\n".join(wrong)


def test_language_tools_used_through_public_names():
    private = [f"{source}:{line} imports {n} from {target}" for source, line, target, names in _imports()
               if _part(target) == "lang" and _part(source.replace("/", ".")) != "lang"
               for n in names if n.startswith("_")]
    assert not private, "\n".join(private)


def test_the_walk_sees_lazy_imports():
    """The check itself: an import inside a function is found."""
    found = {(source, target) for source, _, target, _ in _imports()}
    assert ("toolkit/app/check", "toolkit.report") in found
