"""Reading a batch of submissions: the one way ``check``, ``convert`` and the web page read a round.

    batch = gather(paths, registers)        # files given and found under folders, with the refused ones
    with stage(batch) as staged:            # .zip unpacked, every .doc of the round in ONE LibreOffice run
        tasks = [(source, settings) for source in staged.sources]
        for result in run(work, tasks, jobs=…, progress=…):   # in input order
            …

Two kinds of work, kept apart so that a cluster can run the first anywhere (issue 13):

- **per-file work**: a top-level function of one picklable task (a tuple whose first item is a
  ``Source``) that returns, never raises (one bad file never stops a batch). ``read_source`` is
  the part every command shares: read and extract one file within a deadline.
- **round work** (rules across files, reports): the caller's, in its own process, over the
  per-file results.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from .. import faults
from ..batch import WORKER_DIED, progress_bar, run_parallel
from ..errors import ReadError, unexpected
from ..files import temp_prefix
from ..model import Document, Extraction
from ..outputs import CONFIG_FILE, OWN_OUTPUT
from ..read import collect, convert_legacy, read, reader_modules
from ..read.archive import expand
from ..read.limits import MAX_BYTES
from ..timelimit import DOC_BUDGET, deadline
from .cluster import Cluster

T = TypeVar("T", bound=tuple)
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Source:
    """One file of a batch, as a worker gets it (picklable)."""

    name: str  # the path as given or found under a folder; a .zip member: the archive's path + its own
    unpacked: str | None = None  # a .zip member: the file it was unpacked to
    converted: str | None = None  # LibreOffice's .docx of a legacy .doc (.rtf, .odt)
    error: ReadError | None = None  # why it is not read (refused when found, conversion failed)

    @property
    def file(self) -> str:
        """The file to read."""
        return self.unpacked or self.name


@dataclass(slots=True)
class Batch:
    """The files of one run as found, before anything is read."""

    files: list[str]
    registers: list[str] = field(default_factory=list)  # the office's own tally and log (``--register``)
    refused: dict[str, ReadError] = field(default_factory=dict)  # name → why it is not read

    @property
    def names(self) -> list[str]:
        """Every file once: the submissions, then the registers not among them."""
        return self.files + [f for f in self.registers if f not in self.files]

    @property
    def submissions(self) -> list[str]:
        """The files an output must never replace (our own earlier outputs and tuanwen.toml are not
        submissions: writing over them is allowed)."""
        return [f for f in self.names if str(self.refused.get(f, "")) not in (OWN_OUTPUT, CONFIG_FILE)]


def gather(paths: Iterable[str | os.PathLike], registers: Iterable[str | os.PathLike] = ()) -> Batch:
    """Files given and under folders given (see ``read.collect``); nothing is read yet."""
    refused: dict[str, ReadError] = {}
    files = collect(paths, refused)
    # A register that is also a submission (given by another spelling: 汇总表.xls and ./汇总表.xls, or
    # under a folder given) goes by the submission's name, so that it is read and listed once.
    spelling = {os.path.realpath(f): f for f in reversed(files)}
    return Batch(files, [spelling.get(os.path.realpath(r), r) for r in collect(registers, refused)], refused)


@dataclass(slots=True)
class Staged:
    """A batch ready to read: each .zip replaced by its members, legacy files converted."""

    sources: list[Source]
    registers: set[str]  # names of the register files that are not also submissions

    @property
    def readable(self) -> list[Source]:
        return [s for s in self.sources if s.error is None]


@contextmanager
def stage(batch: Batch, max_bytes: int = MAX_BYTES) -> Iterator[Staged]:
    """Unpack the batch's .zip files and convert all its legacy Word files with ONE LibreOffice
    run (starting it costs seconds); the unpacked and converted files live until the block ends."""
    with tempfile.TemporaryDirectory(prefix=temp_prefix() + "batch-") as tmp:
        refused = dict(batch.refused)
        unpacked: dict[str, str] = {}  # a .zip member's name → the unpacked file
        files = expand(batch.files, refused, tmp, unpacked)
        registers = expand(batch.registers, refused, tmp, unpacked)
        names = files + [f for f in registers if f not in files]
        real = {n: unpacked.get(n, n) for n in names if n not in refused}
        converted, failed = convert_legacy(list(real.values()), tmp, max_bytes)
        sources = [Source(n, unpacked.get(n), converted.get(real.get(n, "")),
                          refused.get(n) or failed.get(real.get(n, ""))) for n in names]
        yield Staged(sources, set(registers) - set(files))


def read_document(source: Source) -> Document:
    """Read one file; the Document names it as the user gave it. Raises ReadError."""
    if source.error is not None:
        raise source.error
    doc = read(source.file, converted=source.converted)
    doc.path = source.name
    return doc


def read_source(source: Source, seconds: float | None = DOC_BUDGET) -> tuple[Document, Extraction]:
    """Read and extract one file within ``seconds`` (the per-file part every command shares).
    Raises ReadError."""
    from ..extract import extract

    faults.worker_reading(source.name)
    with deadline(seconds):
        doc = read_document(source)
        return doc, extract(doc)


def run(work: Callable[[T], R], tasks: Sequence[T], *, jobs: int | None = None, label: str | None = None,
        progress: Callable[[int, int], None] | None = None, lost: Callable[[T], R],
        cluster: Cluster | None = None) -> Iterator[R]:
    """``work`` over ``tasks`` on ``jobs`` processes (or on ``cluster``: ``app.cluster``), results
    in order. Each task is a tuple whose first item is its ``Source``. ``label``: a progress bar on
    a terminal; ``progress(done, total)`` is called after each result (the web page's progress).
    ``lost(task)``: the result for a task whose worker died twice."""
    if cluster is not None:
        from . import cluster as dask_cluster

        results = progress_bar(dask_cluster.run(work, tasks, cluster, jobs=jobs, lost=lost), len(tasks), label)
    else:
        preload = ["toolkit.read", "toolkit.extract", *reader_modules(t[0].file for t in tasks)]
        results = run_parallel(work, tasks, jobs, label=label, preload=preload, lost=lost)
    for done, result in enumerate(results, 1):
        if progress is not None:
            progress(done, len(tasks))
        yield result


def _read_task(task: tuple[Source]) -> Document | ReadError:
    """Per-file work of ``read_many``: the Document, or why it could not be read."""
    source, = task
    faults.worker_reading(source.name)
    try:
        return read_document(source)
    except ReadError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch
        return unexpected(exc, "读取")


def read_many(paths: Iterable[str | os.PathLike], jobs: int | None = None) -> Iterator[tuple[str, Document | ReadError]]:
    """Read ``paths`` (files; a .zip as its members) without extraction: (name, Document or
    ReadError) in order. One bad file never stops the batch."""
    with stage(Batch([os.fspath(p) for p in paths])) as staged:
        tasks = [(s,) for s in staged.sources]
        for (source,), result in zip(tasks, run(_read_task, tasks, jobs=jobs,
                                                lost=lambda task: ReadError(WORKER_DIED))):
            yield source.name, result
