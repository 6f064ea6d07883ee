"""The 公文 fonts, and the free fonts that stand in for them in PDF output.

A .docx names the fonts a Chinese office's Word or WPS has (方正小标宋简体,
仿宋_GB2312, 楷体_GB2312, 黑体, 宋体). LibreOffice on a server or a Linux
desktop rarely has them, and left to itself falls back to one sans-serif face
for everything (often with Japanese glyph forms). So every 公文 font is mapped
on purpose to the closest free face a distribution ships, always with
Simplified Chinese forms, and the mapping reaches LibreOffice through a
fontconfig file of the toolkit's own (``FONTCONFIG_FILE`` for the soffice
process only; the user's own font settings are not touched):

- 小标宋 → Noto Serif CJK SC, bold (a heavy serif like 小标宋's);
- 仿宋 → Noto Serif CJK SC: the only free 仿宋 in Debian (cwTeX 仿宋, fonts-cwtex-fs)
  is a Big5 font without the GB2312 characters, so a serif stands in;
- 楷体 → AR PL KaitiM GB (a GB2312 楷体), else AR PL UKai CN;
- 黑体 → Noto Sans CJK SC;
- 宋体 → Noto Serif CJK SC.

In the .docx each 公文 font also names a Windows fallback (``w:altName``): see
:data:`ALT_NAMES`.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from .cn import gbt9704


@dataclass(frozen=True, slots=True)
class Face:
    """A free face standing in for a 公文 font in PDF output."""

    families: tuple[str, ...]  # first installed one wins
    bold: bool  # drawn bold whatever the run asks (小标宋 is a heavy face)
    packages: str  # the Debian/Ubuntu packages that install it
    role: str  # what the 公文 font is used for, as told to the user


_SERIF = ("Noto Serif CJK SC",)
_NOTO = "fonts-noto-cjk"
TITLE = Face(_SERIF, True, _NOTO, "标题（小标宋）")
BODY = Face(_SERIF, False, _NOTO, "正文（仿宋）")
KAI = Face(("AR PL KaitiM GB", "AR PL UKai CN"), False, "fonts-arphic-gkai00mp fonts-arphic-ukai", "二级标题（楷体）")
HEI = Face(("Noto Sans CJK SC",), False, _NOTO, "一级标题（黑体）")
SONG = Face(_SERIF, False, _NOTO, "表格和页码（宋体）")

# Every spelling of a 公文 font a template or a user's .docx may name.
FACES: dict[str, Face] = {
    **dict.fromkeys(gbt9704.TITLE_FONTS, TITLE),
    **dict.fromkeys(gbt9704.BODY_FONTS, BODY),
    **dict.fromkeys(("楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi", "华文楷体", "STKaiti"), KAI),
    **dict.fromkeys(("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "微软雅黑", "Microsoft YaHei"), HEI),
    **dict.fromkeys(("宋体", "SimSun", "新宋体", "NSimSun", "华文宋体", "STSong"), SONG),
}

# What Word and WPS use when a 公文 font is missing (w:altName in the .docx font table): the
# Windows font of the same style that every Chinese Windows has.
ALT_NAMES: dict[str, str] = {
    "方正小标宋简体": "华文中宋",
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "黑体": "SimHei",
    "宋体": "SimSun",
}


def _match(name: str, face: Face, family: str) -> str:
    weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if face.bold else ""
    return (f'<match target="pattern"><test name="family"><string>{escape(name)}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{escape(family)}</string></edit>'
            f'{weight}</match>\n')


def fontconfig_xml(installed: frozenset[str] | None = None) -> str:
    """A fontconfig file: the system's settings, then each 公文 font mapped to its
    stand-in (the first of its families that is installed), then Chinese text
    in any other font drawn with Simplified Chinese forms."""
    installed = installed_families() if installed is None else installed
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    rules = []
    for name, face in FACES.items():
        family = next((f for f in face.families if f in installed), face.families[0])
        rules.append(_match(name, face, family))
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            f'<include ignore_missing="yes">{escape(system)}</include>\n{"".join(rules)}'
            '<match target="pattern"><test name="lang" compare="contains"><string>zh</string></test>'
            '<edit name="family" mode="append"><string>Noto Serif CJK SC</string><string>Noto Sans CJK SC</string>'
            '</edit></match>\n</fontconfig>\n')


def write_fontconfig(folder: Path) -> Path:
    """Write the toolkit's fontconfig file into ``folder``; returns its path (for ``FONTCONFIG_FILE``)."""
    path = Path(folder) / "fonts.conf"
    path.write_text(fontconfig_xml(), encoding="utf-8")
    return path


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Font families fontconfig knows (empty where fontconfig is absent, e.g. Windows)."""
    exe = shutil.which("fc-list")
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def missing_faces(names: set[str] | None = None) -> list[str]:
    """Chinese lines naming each stand-in font that is not installed and what
    installs it (for ``generate --pdf``); empty when all are there or fontconfig
    is absent (LibreOffice on Windows and macOS uses the system's own fonts)."""
    installed = installed_families()
    if not installed:
        return []
    faces = {FACES[n] for n in (names or ALT_NAMES) if n in FACES}
    lines = []
    for face in sorted(faces, key=lambda f: f.role):
        if not any(f in installed for f in face.families):
            lines.append(f"PDF 的{face.role}需要字体“{face.families[0]}”，本机未安装，将以其他字体代替；"
                         f"安装方法：sudo apt-get install {face.packages}")
    return lines
