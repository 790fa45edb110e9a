"""The local engine: the pipeline over N worker processes on this machine.

    run(paths, store, settings, workers=None, ...) -> RunReport

* Workers are spawned (not forked: spaCy, DuckDB and threads do not survive a fork well), each loads the
  Pipeline once, then codes batches of `settings.batch_size` articles and sends back the coded articles.
* The parent reads the inputs, skips stored articles, and is the only writer to DuckDB: one transaction per
  batch, batches written in input order, so the store ends up exactly as after the in-process run.
* At most `2 * workers` batches are in flight: memory stays flat whatever the size of the corpus.
* Ctrl-C: the batch being waited for is finished and stored, then the run stops (a second Ctrl-C stops at
  once). Workers ignore Ctrl-C themselves and exit when the parent is gone, even after a SIGKILL.
* `workers=1`, or an input that fits in one batch, is coded in-process: no process start, no model copy.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date as Date

from ..settings import Settings
from .base import EngineError, Executor, InlineExecutor, code_batch, run_with, sigint_blocked



def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init_worker() -> None:
    """In each worker: ignore Ctrl-C (the parent stops the run), and exit when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = multiprocessing.parent_process()
    if parent is not None:
        def watch() -> None:
            from multiprocessing.connection import wait

            wait([parent.sentinel])
            os._exit(0)

        threading.Thread(target=watch, name="newsevents-parent-watch", daemon=True).start()


class ProcessExecutor(Executor):
    def __init__(self, settings: Settings, workers: int):
        self.settings = settings
        self.workers = workers
        self.window = 2 * workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker)

    def describe(self) -> str:
        return f"{self.workers} worker processes"

    def submit(self, batch, default_date):
        with sigint_blocked():  # worker processes start inside submit(): they inherit the blocked SIGINT
            return self.pool.submit(code_batch, batch, default_date, self.settings)

    def result(self, handle):
        try:
            return handle.result()
        except BrokenProcessPool:
            raise EngineError("E404") from None

    def close(self, abort: bool = False) -> None:
        if abort:
            for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
                if proc.is_alive():
                    proc.terminate()
            self.pool.shutdown(wait=True, cancel_futures=True)
        else:
            self.pool.shutdown(wait=True)


def run(paths: Sequence[str], store, settings: Settings | None = None, *, workers: int | None = None,
        default_date: Date | None = None, strict: bool = False, stdin=None,
        on_progress: Callable | None = None, on_read: Callable[[int, int], None] | None = None,
        pipeline=None, stats: dict | None = None):
    """Read, code over `workers` processes (default: one per core) and store; returns the RunReport.

    `pipeline` (an already loaded Pipeline) is used when the coding happens in-process."""
    from .. import nlp as nlp_stage

    settings = settings or Settings.from_env()
    workers = default_workers() if workers is None else max(1, int(workers))

    def make_executor(batches_ahead: int, exhausted: bool) -> Executor:
        n = min(workers, batches_ahead) if exhausted else workers
        if n <= 1:
            return InlineExecutor(settings, pipeline)
        nlp_stage.model_name(settings)  # a missing spaCy pipeline is reported here, not by every worker
        return ProcessExecutor(settings, n)

    return run_with(paths, store, settings, make_executor, read_ahead=2 * workers, default_date=default_date,
                    strict=strict, stdin=stdin, on_progress=on_progress, on_read=on_read, stats=stats)
