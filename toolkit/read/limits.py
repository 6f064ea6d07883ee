"""Guards that keep a batch alive: file size, length, pages, zip bombs, XML entities.

Every reader goes through these, so one hostile or broken submission costs
at most ``max_bytes`` of input before it is reported (and at most ``TIMEOUT``
seconds: see ``toolkit.timelimit``).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import Iterator

from lxml import etree

from ..errors import ReadError, library_words

MAX_BYTES = 64 * 1024 * 1024  # a submission larger than this is not a form or a report
TIMEOUT = 60.0  # seconds per file
MAX_UNZIPPED = 256 * 1024 * 1024  # total uncompressed size of a .docx/.xlsx package
MAX_RATIO = 200  # uncompressed/compressed size of one large member
MAX_PART = 64 * 1024 * 1024  # one XML part that is parsed (document.xml, a sheet)
# A long 工作总结 runs to 20,000 characters, a thick yearbook to 500,000: beyond a million
# characters or a thousand pages a file is not a submission (a log, a data dump, a book).
MAX_CHARS = 1_000_000
MAX_PAGES = 1000


def too_long(chars: int) -> ReadError:
    return ReadError(f"文字过多（约 {chars / 10_000:.0f} 万字，上限 {MAX_CHARS // 10_000} 万字），"
                     "不像一份提交材料，已跳过；如确需审查，请拆分后分别提交")


def too_many_pages(pages: int) -> ReadError:
    return ReadError(f"页数过多（{pages} 页，上限 {MAX_PAGES} 页），不像一份提交材料，已跳过；如确需审查，请拆分后分别提交")

# No entity expansion, no DTD loading, no network, no huge trees (billion laughs, XXE).
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True)


def parse_xml(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError("文件已损坏，其中的 XML 无法解析", detail=library_words(exc)) from exc


def check_zip(zf: zipfile.ZipFile) -> None:
    """Reject a package whose members would unpack to something huge, judged by what they
    really inflate to: headers that understate a member's size would otherwise let ``zipfile``
    inflate all of it into memory in one call (it trusts the declared size only to cut the result).
    For packages handed whole to a library (openpyxl) or unpacked whole (archives); a reader that
    takes its parts through :func:`read_member` needs only :func:`check_declared`."""
    total = 0
    for info in zf.infolist():
        size = _real_size(zf, info)
        total += size
        _check_ratio(info, size)
        if size != info.file_size:
            raise _misstated(info)
        if total > MAX_UNZIPPED:
            raise _too_big()


def check_declared(zf: zipfile.ZipFile) -> None:
    """Reject a package whose members say they unpack to something huge. Enough for a reader
    that inflates members only through :func:`read_member`, which never inflates more than a
    member declares: the rest (pictures, themes) is never inflated at all."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        _check_ratio(info, info.file_size)
        if total > MAX_UNZIPPED:
            raise _too_big()


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes of one member, inflated a chunk at a time and never beyond what its header
    declares (at most ``MAX_PART``): a header that understates its member is refused."""
    if info.file_size > MAX_PART:
        raise ReadError(f"文档内容过大（{info.filename} 超过 {MAX_PART // 2**20} MB），已拒绝处理")
    if info.compress_type != zipfile.ZIP_DEFLATED or zf.fp is None:
        with zf.open(info) as fh:
            return fh.read(info.file_size)  # a bounded read: zipfile inflates at most what is asked
    chunks, size = [], 0
    for chunk in _inflated(zf, info):
        size += len(chunk)
        if size > info.file_size:
            raise _misstated(info)
        chunks.append(chunk)
    data = b"".join(chunks)
    if size != info.file_size:
        raise _misstated(info)
    if zlib.crc32(data) != info.CRC:
        raise ReadError(f"文件已损坏：{info.filename} 的校验值不符")
    return data


def _check_ratio(info: zipfile.ZipInfo, size: int) -> None:
    if size > 4 * 1024 * 1024 and size > MAX_RATIO * max(info.compress_size, 1):
        raise ReadError(f"文件疑似“压缩炸弹”（{info.filename} 解压后异常巨大），已拒绝处理")


def _misstated(info: zipfile.ZipInfo) -> ReadError:
    return ReadError(f"文件已损坏或被篡改：{info.filename} 解压后的大小与文件头中记录的不符，已拒绝处理")


def _too_big() -> ReadError:
    return ReadError(f"文件解压后超过 {MAX_UNZIPPED // 2**20} MB，疑似“压缩炸弹”，已拒绝处理")


_CHUNK = 1 << 20


def _real_size(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """What ``info`` really inflates to, counted chunk by chunk (never more than
    ``MAX_UNZIPPED`` + one chunk in memory or counted); stored or unknown methods: the declared size."""
    if info.compress_type != zipfile.ZIP_DEFLATED or zf.fp is None:
        return info.file_size
    size = 0
    for chunk in _inflated(zf, info):
        size += len(chunk)
        if size > MAX_UNZIPPED:
            raise _too_big()
    return size


def _inflated(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A deflated member's bytes as they inflate, at most ``_CHUNK`` at a time, read from its
    local header on (what the central directory says of its size is not trusted)."""
    fp = zf.fp
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ReadError(f"文件已损坏：{info.filename} 的文件头无效")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    at = info.header_offset + 30 + name_len + extra_len
    inflate = zlib.decompressobj(-15)
    left = info.compress_size
    try:
        while left > 0 and not inflate.eof:
            fp.seek(at)  # the caller may have read elsewhere in between
            data = fp.read(min(_CHUNK, left))
            if not data:
                break
            at += len(data)
            left -= len(data)
            while data and not inflate.eof:
                yield inflate.decompress(data, _CHUNK)
                data = inflate.unconsumed_tail
    except zlib.error as exc:
        raise ReadError(f"文件已损坏：{info.filename} 无法解压") from exc
