"""What ``generate`` accepts from a data file or a user template, in one place.

A data file or a template comes from the user's machine but may have been made by anyone: a JSON
file nested 100,000 levels deep, a 100,000-digit number, a sheet whose last cell is XFD1048576, a
YAML alias bomb, a zip whose headers lie about its sizes. Each limit below is far beyond what a real
round of paperwork needs and far below what would take the machine's memory or time; going over one
is refused with a Chinese message naming the file and the limit.

Zips are read by counting the bytes as they are inflated (never trusting the sizes the zip declares),
and only in the two compression methods Office writes (stored, deflated): other methods inflate a
whole block in one call, beyond any count.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from toolkit.errors import UsageError, library_words

# --- data files (.yaml/.json/.csv/.xlsx) ---------------------------------------------------------
DEFAULT_MAX_DATA_BYTES = 32 * 2**20  # a data file, or one inflated part of an .xlsx
DEFAULT_MAX_DEPTH = 32  # nesting of lists and mappings (records → table rows → values)
DEFAULT_MAX_DIGITS = 40  # digits of one number (an ID number written as a number has 18)
DEFAULT_MAX_TEXT = 100_000  # characters of one value
DEFAULT_MAX_VALUES = 1_000_000  # values in all records, with YAML aliases expanded
DEFAULT_MAX_ROWS = 100_000  # rows of one sheet or .csv
DEFAULT_MAX_COLUMNS = 1_000  # columns of one sheet or .csv

# --- zip packages: an .xlsx data file, a .docx template ------------------------------------------
DEFAULT_MAX_UNZIPPED = 128 * 2**20  # all members of one package, inflated
DEFAULT_MAX_TEMPLATE_PART = 32 * 2**20  # one XML part of a template that is parsed and compiled

# --- rendering one document ----------------------------------------------------------------------
DEFAULT_RENDER_SECONDS = 20.0  # time to render one document (a real one takes well under a second)
DEFAULT_MAX_OUTPUT = 16 * 2**20  # characters of one rendered document's XML (a 50-page one has ~3 MB)

_OFFICE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_CHUNK = 1 << 16


def mb(n: int) -> str:
    return f"{n / 2**20:g} MB"


def read_zip(path: Path, what: str, *, keep: bool = True,
             max_total: int | None = None, max_member: int | None = None) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """Every member of the zip at ``path``, inflated with the real bytes counted.

    ``what`` names the file in messages (``数据文件 x.xlsx``, ``模板 y.docx``). With ``keep=False``
    the members are only counted (the list holds empty bytes): a package checked before a library
    opens it. ``UsageError`` when the package is not a zip, uses a method Office does not, or
    inflates past ``max_total`` in all or ``max_member`` in one member.
    """
    max_total = max_total or DEFAULT_MAX_UNZIPPED
    out = []
    total = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.compress_type not in _OFFICE_METHODS:
                    raise UsageError(f"{what} 中的 {info.filename} 使用了 Office 不用的压缩方式，已拒绝")
                parts, size = [], 0
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if max_member is not None and size > max_member:
                            raise UsageError(f"{what} 中的 {info.filename} 解压后超过 {mb(max_member)}，"
                                             "疑似“压缩炸弹”，已拒绝")
                        if total > max_total:
                            raise UsageError(f"{what} 解压后超过 {mb(max_total)}，疑似“压缩炸弹”，已拒绝")
                        if keep:
                            parts.append(chunk)
                out.append((info, b"".join(parts)))
    except RuntimeError:  # zipfile's word for an encrypted member
        raise UsageError(f"{what} 已加密，请先在 Office 中去掉密码再使用") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, ValueError) as exc:
        crc = "CRC" in str(exc)
        raise UsageError(f"{what} 无法作为 {Path(path).suffix or 'zip'} 打开：文件已损坏"
                         + ("（内容与压缩包记录的大小或校验值不符）" if crc else ""), detail=library_words(exc)) from None
    return out
