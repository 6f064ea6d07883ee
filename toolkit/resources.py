"""Where the shipped data lives: ``templates/`` and ``corpus/`` beside the package."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates"
CORPUS_DIR = ROOT / "corpus"
