"""Fixtures of the web page's tests: the demo round, the application, a client that polls jobs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from toolkit.app.web import create_app
from toolkit.app.web.uploads import Limits

ADDRESS = "http://127.0.0.1:8730"


@pytest.fixture(scope="session")
def demo_round(tmp_path_factory) -> Path:
    """``tuanwen demo``'s folder: 提交材料/ (with a damaged file) and 团委材料/."""
    from toolkit.app.demo import run_demo

    folder = tmp_path_factory.mktemp("web-demo") / "demo"
    run_demo(folder)
    return folder


def make_client(root: Path, limits: Limits = Limits()):
    from starlette.testclient import TestClient

    client = TestClient(create_app(root, limits=limits), base_url=ADDRESS)
    client.headers["Origin"] = ADDRESS  # what a browser sends with the page's forms
    return client


@pytest.fixture
def client(tmp_path):
    with make_client(tmp_path / "jobs") as c:
        c.get("/")  # the session cookie
        yield c


def wait(client, job_url: str, seconds: float = 300) -> dict:
    """Poll the job's status until it ends (the bound only keeps a broken run from hanging)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        status = client.get(f"{job_url}/status").json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.2)
    raise AssertionError(f"任务未结束：{status}")

