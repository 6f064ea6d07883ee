"""Convert documents with LibreOffice: one ``soffice`` process for a whole batch.

Starting LibreOffice costs seconds, so every file of a batch goes to one
``soffice --headless --convert-to FMT`` call. A private profile
(``-env:UserInstallation``) keeps it from clashing with an office the user has
open.

Nothing LibreOffice converts may reach the network: a submission with a linked
(not embedded) picture would otherwise make the auditor's machine request the
link (a tracking pixel, or a request into the office network). So soffice runs
in a network namespace of its own where the system allows it (``unshare -rn``:
no interface but a downed loopback), and its profile never updates links and
sends any HTTP(S) request to a closed local port, which covers systems without
user namespaces. The 公文 fonts reach it mapped to free stand-ins through a
fontconfig file of the toolkit's own (``toolkit/fonts.py``). Results are written
into a temporary folder inside OUTDIR and moved into place, so a cut-off
conversion never leaves half a file.

Used by ``generate --pdf`` (docx → pdf) and by the readers (doc → docx).
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import quoteattr

from toolkit.errors import TuanwenError
from toolkit.files import temp_prefix
from toolkit.fonts import write_fontconfig

INSTALL_HINT = "请先安装 LibreOffice：sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk（Windows/macOS 请从 libreoffice.org 下载安装）"
_CANDIDATES = (
    "soffice", "libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class SofficeMissing(TuanwenError):
    """LibreOffice is not installed (message carries the install hint)."""


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None."""
    env = os.environ.get("TUANWEN_SOFFICE")
    if env:
        return env if Path(env).is_file() else None
    for name in _CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    return None


_DEAD_PROXY = ("127.0.0.1", 9)  # the discard port: nothing listens there, so a request goes nowhere
# Profile settings (path, property, type, value) that keep a conversion offline.
_OFFLINE_SETTINGS = (
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "boolean", "true"),
    ("org.openoffice.Office.Common/Security/Scripting", "DisableActiveContent", "boolean", "true"),
    ("org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "int", "3"),
    ("org.openoffice.Office.Writer/Content/Update", "Link", "int", "2"),  # 2: never update links
    ("org.openoffice.Office.Calc/Content/Update", "Link", "int", "2"),
    ("org.openoffice.Inet/Settings", "ooInetProxyType", "int", "1"),  # 1: manual proxy
    ("org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "string", _DEAD_PROXY[0]),
    ("org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "int", str(_DEAD_PROXY[1])),
    ("org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "string", _DEAD_PROXY[0]),
    ("org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "int", str(_DEAD_PROXY[1])),
    ("org.openoffice.Inet/Settings", "ooInetNoProxy", "string", ""),
)


def write_offline_profile(profile: Path) -> None:
    """Seed a fresh LibreOffice profile with the settings that keep it offline."""
    items = "".join(f'<item oor:path={quoteattr("/" + path)}><prop oor:name={quoteattr(name)} oor:op="fuse">'
                    f"<value>{value}</value></prop></item>\n" for path, name, _type, value in _OFFLINE_SETTINGS)
    user = Path(profile) / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}</oor:items>\n", encoding="utf-8")


@functools.lru_cache(maxsize=1)
def offline_prefix() -> tuple[str, ...]:
    """``unshare -rn`` when this system lets an ordinary user start a process without network
    (Linux with user namespaces); otherwise nothing, and the profile settings alone guard."""
    exe = shutil.which("unshare")
    if not exe:
        return ()
    try:
        ok = subprocess.run([exe, "-rn", "true"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (exe, "-rn") if ok else ()


def _offline_env() -> dict[str, str]:
    proxy = f"http://{_DEAD_PROXY[0]}:{_DEAD_PROXY[1]}"
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    env.update(http_proxy=proxy, https_proxy=proxy, ftp_proxy=proxy, all_proxy=proxy,
               HTTP_PROXY=proxy, HTTPS_PROXY=proxy, FTP_PROXY=proxy, ALL_PROXY=proxy)
    return env


def _run(cmd: list[str], timeout: float, fonts: Path, watch: Callable[[], None] | None = None) -> None:
    """Run soffice; ``watch`` is called every fraction of a second while it works (progress)."""
    with tempfile.TemporaryFile() as err:
        # New session so that a timeout kills soffice.bin too, not only the wrapper script.
        proc = subprocess.Popen([*offline_prefix(), *cmd], stdout=subprocess.DEVNULL, stderr=err,
                                start_new_session=True, env={**_offline_env(), "FONTCONFIG_FILE": str(fonts)})
        deadline = time.monotonic() + timeout
        try:
            while True:
                try:
                    proc.wait(timeout=0.3 if watch else max(0.0, deadline - time.monotonic()))
                    break
                except subprocess.TimeoutExpired:
                    if time.monotonic() >= deadline:
                        raise
                    if watch:
                        watch()
        except subprocess.TimeoutExpired:
            if hasattr(os, "killpg"):
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
            proc.wait()
            raise TuanwenError(f"LibreOffice 转换超时（超过 {timeout:.0f} 秒），已中止") from None
        if proc.returncode != 0:
            err.seek(0)
            said = err.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise TuanwenError(f"LibreOffice 转换失败（退出码 {proc.returncode}）", detail=said[0] or None)


class _Progress:
    """A progress bar on a terminal for one conversion: files appear in ``folder`` as soffice writes them."""

    def __init__(self, label: str | None, total: int, folder: Path, ext: str) -> None:
        self.bar = None
        self.done = 0  # files of finished batches (their outputs have been moved away)
        self.folder, self.ext = folder, ext
        if label and total > 1 and sys.stderr.isatty():
            import click

            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.shown = 0

    @property
    def watch(self) -> Callable[[], None] | None:
        return self._update if self.bar is not None else None

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(max(0, self.done - self.shown))
            self.bar.render_finish()

    def _update(self) -> None:
        made = self.done + sum(1 for _ in self.folder.glob(f"*.{self.ext}"))
        if made > self.shown:
            self.bar.update(made - self.shown)
            self.shown = made


def _unique_stem_batches(files: list[Path]) -> list[list[Path]]:
    """soffice names outputs by stem: files sharing a stem go to separate runs."""
    batches: list[list[Path]] = []
    for f in files:
        for batch in batches:
            if all(g.stem != f.stem for g in batch):
                batch.append(f)
                break
        else:
            batches.append([f])
    return batches


def soffice_convert(files: list[Path], outdir: Path, fmt: str = "pdf",
                    timeout: float | None = None, label: str | None = None) -> dict[Path, Path]:
    """Convert ``files`` to ``fmt`` (``pdf``, ``docx``, ``docx:"MS Word 2007 XML"`` …) into ``outdir``.

    Returns ``{input: output}`` for every file LibreOffice converted; a file
    it could not convert is absent from the result (the caller reports it).
    An existing output is replaced. Raises ``SofficeMissing`` when LibreOffice
    is not installed, ``TuanwenError`` on timeout or failure. With ``label``, a
    progress bar on a terminal counts the files as LibreOffice writes them.
    """
    files = [Path(f).resolve() for f in files]
    if not files:
        return {}
    exe = find_soffice()
    if exe is None:
        raise SofficeMissing(INSTALL_HINT)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ext = fmt.split(":", 1)[0]
    timeout = timeout if timeout is not None else 60 + 3 * len(files)
    done: dict[Path, Path] = {}
    with tempfile.TemporaryDirectory(prefix="tw-soffice-profile-") as profile, \
            tempfile.TemporaryDirectory(prefix=temp_prefix() + "convert-", dir=outdir) as tmp:
        write_offline_profile(Path(profile))
        fonts = write_fontconfig(Path(profile))  # the 公文 fonts' free stand-ins, for this process only
        bar = _Progress(label, len(files), Path(tmp), ext)
        for batch in _unique_stem_batches(files):
            _run([exe, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                  f"-env:UserInstallation={Path(profile).as_uri()}",
                  "--convert-to", fmt, "--outdir", tmp, *map(str, batch)], timeout, fonts, bar.watch)
            bar.done += len(batch)
            for f in batch:
                made = Path(tmp) / f"{f.stem}.{ext}"
                if made.is_file() and made.stat().st_size > 0:
                    target = outdir / made.name
                    os.replace(made, target)
                    done[f] = target
        bar.close()
    return done
