"""``tuanwen serve`` as a user runs it: the address printed, Ctrl-C stops it and removes its
temporary folders, another host warns, a taken port is said in Chinese."""

from __future__ import annotations

import glob
import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--no-browser", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_started(server: subprocess.Popen) -> str:
    line = server.stdout.readline()  # blocks until the server says where it is (or dies)
    assert "团文网页已启动" in line, server.stderr.read()
    return line.split("：", 1)[1].strip()


def test_serve_prints_its_address_and_stops_cleanly_on_ctrl_c():
    import httpx

    port = free_port()
    server = start("--port", str(port))
    try:
        address = wait_started(server)
        assert address == f"http://127.0.0.1:{port}/"
        page = httpx.get(address + "check")
        assert page.status_code == 200 and "开始审查" in page.text
        assert glob.glob(os.path.join(tempfile.gettempdir(), f".~tw-{server.pid}-web-*"))
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=120)
    assert server.returncode == 0, err
    assert "已停止" in out and "Traceback" not in err
    assert not glob.glob(os.path.join(tempfile.gettempdir(), f".~tw-{server.pid}-web-*"))


def test_another_host_needs_the_flag_and_warns():
    server = start("--host", "0.0.0.0", "--port", str(free_port()))
    try:
        wait_started(server)
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=120)
    assert "警告" in err and "局域网" in err


def test_a_taken_port_is_said_in_chinese():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "serve", "--no-browser", "--port", str(port)],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "端口" in done.stderr and f"--port {port + 1}" in done.stderr and "Error" not in done.stderr
