"""Guards that keep a batch alive: file size, length, pages, zip bombs, XML entities.

Every reader goes through these, so one hostile or broken submission costs
at most ``max_bytes`` of input before it is reported (and at most ``TIMEOUT``
seconds: see ``toolkit.timelimit``).
"""

from __future__ import annotations

import zipfile

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
    inflate all of it into memory in one call (it trusts the declared size only to cut the result)."""
    total = 0
    for info in zf.infolist():
        size = _real_size(zf, info)
        total += size
        if size > 4 * 1024 * 1024 and size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(f"文件疑似“压缩炸弹”（{info.filename} 解压后异常巨大），已拒绝处理")
        if size != info.file_size:
            raise ReadError(f"文件已损坏或被篡改：{info.filename} 解压后的大小与文件头中记录的不符，已拒绝处理")
        if total > MAX_UNZIPPED:
            raise ReadError(f"文件解压后超过 {MAX_UNZIPPED // 2**20} MB，疑似“压缩炸弹”，已拒绝处理")


_CHUNK = 1 << 20


def _real_size(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """What ``info`` really inflates to, counted chunk by chunk (never more than
    ``MAX_UNZIPPED`` + one chunk in memory or counted); stored or unknown methods: the declared size."""
    if info.compress_type != zipfile.ZIP_DEFLATED or zf.fp is None:
        return info.file_size
    import struct
    import zlib

    fp = zf.fp
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ReadError(f"文件已损坏：{info.filename} 的文件头无效")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    inflate = zlib.decompressobj(-15)
    left, size = info.compress_size, 0
    try:
        while left > 0 and not inflate.eof:
            data = fp.read(min(_CHUNK, left))
            if not data:
                break
            left -= len(data)
            while data and not inflate.eof:
                size += len(inflate.decompress(data, _CHUNK))
                data = inflate.unconsumed_tail
                if size > MAX_UNZIPPED:
                    raise ReadError(f"文件解压后超过 {MAX_UNZIPPED // 2**20} MB，疑似“压缩炸弹”，已拒绝处理")
    except zlib.error as exc:
        raise ReadError(f"文件已损坏：{info.filename} 无法解压") from exc
    return size
