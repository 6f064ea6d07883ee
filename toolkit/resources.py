"""Where the shipped data lives (``templates/`` and ``corpus/`` beside the package), and whether an
optional extra is installed."""

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates"
CORPUS_DIR = ROOT / "corpus"


def installed(*modules: str) -> bool:
    """Can every one of ``modules`` be imported (is the extra that brings them installed)?"""
    try:
        for name in modules:
            importlib.import_module(name)
    except ImportError:
        return False
    return True
