"""Shared fixtures: the public test documents beside the project, LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None


@pytest.fixture(scope="session")
def realdocs() -> Path:
    """``../shared/realdocs`` (public documents written by others); skip when absent."""
    if not REALDOCS.is_dir():
        pytest.skip("../shared/realdocs 不存在")
    return REALDOCS


def pytest_collection_modifyitems(config, items):
    if HAS_SOFFICE:
        return
    skip = pytest.mark.skip(reason="未安装 LibreOffice（soffice）")
    for item in items:
        if "soffice" in item.keywords:
            item.add_marker(skip)
