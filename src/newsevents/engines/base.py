"""What the engines share: batch coding with a bounded window, the worker-side function, Ctrl-C handling,
and a quick count of the documents in the inputs (for the progress bar's ETA).

Design: `newsevents.pipeline.run` reads the inputs, skips stored articles, records rejections and writes every
`settings.batch_size` coded articles in one transaction. It asks its `pipeline` argument only for
`code(articles, default_date)`. An engine passes a `BatchCoder` there: it cuts the stream of fresh articles into
batches of `batch_size`, sends up to `window` batches ahead to an executor (worker processes, Dask, or inline),
and yields the coded articles back in input order. So the parent stays the only writer, results are written in
input order (the store ends up the same as with the plain in-process run), and memory is bounded by
`window * batch_size` articles whatever the size of the corpus.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date as Date
from pathlib import Path

from ..errors import Errors, NewsEventsError
from ..records import Article, CodedArticle
from ..settings import Settings


class EngineError(NewsEventsError):
    """A run cannot go on because of the engine (a worker died, the cluster is unreachable); what was stored
    stays stored and the same command resumes. `EngineError("E404")`: a registry code and its fields."""

    def __init__(self, code: str, **fields):
        super().__init__(code, getattr(Errors, code).format(**fields))


# ---------------------------------------------------------------------------------------------- worker side
class WorkerError(Exception):
    """A NewsEventsError raised in a worker, in a form that survives pickling (code, message)."""

    def __init__(self, code: str, message: str):
        super().__init__(code, message)

    def to_error(self) -> NewsEventsError:
        return NewsEventsError(*self.args)


_PIPELINES: dict[str, object] = {}
_PIPELINE_LOCK = threading.Lock()


def _settings_key(settings: Settings) -> str:
    return repr(settings)


def worker_pipeline(settings: Settings):
    """The Pipeline of this process for these settings, loaded on first use and kept for the process's life."""
    from ..pipeline import Pipeline

    key = _settings_key(settings)
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = _PIPELINES[key] = Pipeline(settings)
    return pipe


def code_batch(articles: Sequence[Article], default_date: Date | None, settings: Settings) -> list[CodedArticle]:
    """The task every worker runs: code one batch with the process's Pipeline (one batch at a time)."""
    with _PIPELINE_LOCK:  # a Dask worker with several threads must not share one spaCy pipeline at once
        try:
            return list(worker_pipeline(settings).code(articles, default_date))
        except NewsEventsError as exc:
            raise WorkerError(exc.code, exc.message) from None


# ---------------------------------------------------------------------------------------------- executors
class Executor:
    """Where batches are coded. `submit` returns a handle, `result(handle)` the coded articles (in order)."""

    window = 1  # how many batches may be in flight

    def describe(self) -> str:
        return type(self).__name__

    def submit(self, batch: list[Article], default_date: Date | None):
        raise NotImplementedError

    def result(self, handle) -> list[CodedArticle]:
        raise NotImplementedError

    def close(self, abort: bool = False) -> None:
        pass


class InlineExecutor(Executor):
    """Codes in this process, when the result is asked for (no read-ahead, no copies)."""

    window = 1

    def __init__(self, settings: Settings, pipeline=None):
        self.settings = settings
        self.pipeline = pipeline

    def describe(self) -> str:
        return "in-process"

    def submit(self, batch, default_date):
        return batch, default_date

    def result(self, handle):
        batch, default_date = handle
        if self.pipeline is None:
            from ..pipeline import Pipeline

            self.pipeline = Pipeline(self.settings)
        return list(self.pipeline.code(batch, default_date))


# ---------------------------------------------------------------------------------------------- Ctrl-C
class Interrupt:
    """First Ctrl-C: finish and store the current batch, then stop (KeyboardInterrupt). Second: stop now."""

    def __init__(self):
        self.requested = False
        self._previous = None
        self._installed = False

    def _handler(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self) -> "Interrupt":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.getsignal(signal.SIGINT)
            signal.signal(signal.SIGINT, self._handler)
            self._installed = True
        return self

    def __exit__(self, *exc) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False


@contextlib.contextmanager
def sigint_blocked():
    """Block SIGINT while child processes are started: they inherit the mask (and ignore Ctrl-C from the
    terminal), so only the parent decides how a run stops. A signal that arrives meanwhile is delivered after."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# ---------------------------------------------------------------------------------------------- the coder
class BatchCoder:
    """Stands in for `Pipeline` in `pipeline.run`: batches of fresh articles go to an executor, coded
    articles come back in input order. The executor is made when the first batch is ready (a re-run over an
    already stored corpus never starts workers nor loads spaCy): `make_executor(batches_ahead, exhausted)`
    gets how many batches are already read and whether that is the whole input."""

    def __init__(self, settings: Settings, make_executor: Callable[[int, bool], Executor], *,
                 read_ahead: int, interrupt: Interrupt | None = None):
        self.settings = settings
        self.batch_size = max(1, settings.batch_size)
        self.make_executor = make_executor
        self.read_ahead = max(1, read_ahead)
        self.interrupt = interrupt
        self.executor: Executor | None = None
        self.in_flight = 0
        self.batches_done = 0
        self.description = "nothing to code"

    def _stop_requested(self) -> bool:
        return self.interrupt is not None and self.interrupt.requested

    def code(self, articles: Iterable[Article], default_date: Date | None = None) -> Iterator[CodedArticle]:
        batches = _batched(articles, self.batch_size)
        queue: deque = deque()
        exhausted = False
        ok = False
        try:
            ahead = list(itertools.islice(batches, self.read_ahead))
            if not ahead:
                ok = True
                return
            exhausted = len(ahead) < self.read_ahead
            self.executor = self.make_executor(len(ahead), exhausted)
            self.description = self.executor.describe()
            for batch in ahead:
                queue.append(self.executor.submit(batch, default_date))
            del ahead
            self.in_flight = len(queue)
            while queue:
                handle = queue.popleft()
                try:
                    coded = self.executor.result(handle)
                except WorkerError as exc:
                    raise exc.to_error() from None
                self.in_flight = len(queue)
                # top the window up before handing the results to the writer: the workers keep busy meanwhile
                while not exhausted and not self._stop_requested() and len(queue) < self.executor.window:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    queue.append(self.executor.submit(batch, default_date))
                    self.in_flight = len(queue)
                yield from coded
                self.batches_done += 1
                if self._stop_requested():  # the caller has stored this batch by the time we get here
                    raise KeyboardInterrupt
            ok = True
        finally:
            self.in_flight = 0
            self.close(abort=not ok)

    def close(self, abort: bool = False) -> None:
        if self.executor is not None:
            executor, self.executor = self.executor, None
            executor.close(abort=abort)


class _ReadHook:
    """Wraps the Store for `pipeline.run`: every id look-up (one per input batch) reports how many articles
    were read and how many of them are already stored (`on_read(read, stored)`), and a Ctrl-C with nothing in
    flight stops the run there (a long skip phase stops at once)."""

    def __init__(self, store, on_read: Callable[[int, int], None] | None, coder: BatchCoder, interrupt: Interrupt):
        self._store, self._on_read, self._coder, self._interrupt = store, on_read, coder, interrupt

    def stored_ids(self, ids):
        if self._interrupt.requested and self._coder.in_flight == 0:
            raise KeyboardInterrupt
        ids = list(ids)
        found = self._store.stored_ids(ids)
        if self._on_read is not None and ids:
            self._on_read(len(ids), len(found))
        return found

    def __getattr__(self, name):
        return getattr(self._store, name)


def run_with(paths: Sequence[str], store, settings: Settings | None, make_executor, *, read_ahead: int,
             default_date: Date | None = None, strict: bool = False, stdin=None,
             on_progress: Callable | None = None, on_read: Callable[[int, int], None] | None = None,
             stats: dict | None = None):
    """`pipeline.run` with the coding done by `make_executor`'s executor; returns the RunReport.
    `stats`, when given, gets "coded_by": where the coding ran ("in-process", "2 worker processes", ...)."""
    from ..pipeline import run as run_pipeline

    settings = settings or Settings.from_env()
    with Interrupt() as interrupt:
        coder = BatchCoder(settings, make_executor, read_ahead=read_ahead, interrupt=interrupt)
        try:
            return run_pipeline(paths, _ReadHook(store, on_read, coder, interrupt), settings,
                                default_date=default_date, strict=strict, stdin=stdin, on_progress=on_progress,
                                pipeline=coder)
        except WorkerError as exc:
            raise exc.to_error() from None
        finally:
            coder.close(abort=True)  # no-op after a normal end (the generator closed it already)
            if stats is not None:
                stats["coded_by"] = coder.description


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


# ---------------------------------------------------------------------------------------------- counting
def count_documents(paths: Sequence[str], settings: Settings | None = None) -> int | None:
    """A quick estimate of how many documents the inputs hold, for a progress bar's ETA; None when unknown
    (standard input, a JSON array too large to count cheaply). One document per .txt/.html file, one per
    non-blank line of .jsonl, data rows of .csv (lines - 1; quoted newlines make it an over-estimate),
    <REUTERS> elements of .sgm. Files are walked as ingest walks them (sorted, hidden entries skipped)."""
    from ..ingest.files import format_of

    settings = settings or Settings()
    total = 0
    for name in paths:
        name = os.fspath(name)
        if name == "-":
            return None
        root = Path(name)
        files: Iterable[Path]
        if root.is_dir():
            files = _walk_files(root)
        else:
            files = [root]
        for path in files:
            kind = format_of(path.name)
            if kind is None:
                continue
            n = _count_file(path, kind, settings)
            if n is None:
                return None
            total += n
    return total


def _walk_files(root: Path) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    stack.append(Path(entry.path))
                    continue
            except OSError:
                continue
            yield Path(entry.path)


def _count_file(path: Path, kind: str, settings: Settings) -> int | None:
    if kind in ("txt", "html"):
        return 1
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            return 0  # rejected by ingest
        opener = _open_gz if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as fh:
            if kind == "jsonl":
                return sum(1 for line in fh if line.strip())
            if kind == "csv":
                return max(0, sum(1 for line in fh if line.strip()) - 1)
            if kind == "sgm":
                return fh.read().count(b"<REUTERS")
            if kind == "json":
                if size > 5 * 1024 * 1024:
                    return None
                data = json.loads(fh.read())
                return len(data) if isinstance(data, list) else 1
    except (OSError, ValueError, EOFError):
        return 0  # ingest will reject it
    return None


def _open_gz(path, mode):
    import gzip

    return gzip.open(path, mode)
