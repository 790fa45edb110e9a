"""The Dask engine: the pipeline function over partitions of the input on a Dask cluster.

    run(paths, store, settings, scheduler=None, workers=None, ...) -> RunReport

Without `scheduler` a `distributed.LocalCluster` is started (`workers` processes, one thread each) and closed at
the end; with `scheduler="tcp://HOST:PORT"` the run uses that cluster's workers, which need newsevents and the
spaCy pipeline installed (the same versions as here) but neither the input files nor the store.

Design (why the parent reads and writes, and the cluster only codes):

* Partitions are batches of `settings.batch_size` fresh articles, cut from the input stream in input order:
  files in the order ingest walks them (sorted), records of a JSONL/CSV file in line order, so a large JSONL
  file is spread over many partitions by its lines. The same inputs and store always give the same partitions.
* This process reads the inputs and skips the articles already stored *before* anything is sent, so a resumed
  run codes only what is missing; articles go to the workers as task arguments, which works on any cluster
  with no shared file system.
* Each partition is one task (`Pipeline.code` on the worker, the Pipeline loaded once per worker process);
  a task whose worker dies is retried on another (`retries=2`).
* Results come back to this process, which writes each partition in one transaction with `Store.write_batch`,
  in partition order: DuckDB has a single writer, a crash leaves only whole partitions behind, and the store
  is the same as after the in-process run. At most `2 * threads` partitions are in flight, so memory on
  both sides stays flat.

Workers writing Parquet parts that are loaded afterwards would need a file system shared by every worker and
this process, a second copy of every result on disk, and a separate skip/cleanup protocol for parts of an
interrupted run; for the sizes the coder produces (events and entities are small next to the article text that
has to be sent anyway) returning the results directly is simpler and as fast.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date as Date

from ..settings import Settings
from .base import EngineError, Executor, code_batch, run_with, sigint_blocked


class ClusterError(EngineError):
    """The Dask cluster cannot be reached or has no workers."""


class DaskExecutor(Executor):
    def __init__(self, settings: Settings, *, scheduler: str | None = None, workers: int = 2, client=None):
        from distributed import Client, LocalCluster

        self.settings = settings
        self.cluster = None
        self.own_client = client is None
        self.futures: set = set()
        if client is None:
            with sigint_blocked():  # cluster processes and threads inherit it: Ctrl-C is this process's alone
                if scheduler:
                    try:
                        client = Client(scheduler, timeout=settings.dask_connect_timeout)
                    except (OSError, TimeoutError, ValueError) as exc:
                        raise ClusterError("E405", address=scheduler, reason=exc) from None
                else:
                    self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=logging.ERROR)
                    client = Client(self.cluster)
        self.client = client
        try:
            client.wait_for_workers(1, timeout=settings.dask_worker_wait)
        except (TimeoutError, OSError) as exc:
            self.close(abort=True)
            raise ClusterError("E406", address=client.scheduler.address, reason=exc) from None
        threads = sum(client.nthreads().values())
        self.window = max(2, 2 * threads)

    def describe(self) -> str:
        info = self.client.nthreads()
        where = "a local Dask cluster" if self.cluster is not None else f"Dask at {self.client.scheduler.address}"
        return f"{where}: {len(info)} workers, {sum(info.values())} threads"

    def submit(self, batch, default_date):
        fut = self.client.submit(code_batch, batch, default_date, self.settings, pure=False, retries=2)
        self.futures.add(fut)
        return fut

    def result(self, handle):
        from distributed.scheduler import KilledWorker

        try:
            return handle.result()
        except KilledWorker as exc:
            raise ClusterError("E407", reason=exc) from None
        finally:
            self.futures.discard(handle)
            handle.release()

    def close(self, abort: bool = False) -> None:
        if abort and self.futures:
            try:
                self.client.cancel(list(self.futures))
            except Exception:  # the cluster may already be gone
                pass
        self.futures.clear()
        if self.own_client:
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()
                self.cluster = None


def run(paths: Sequence[str], store, settings: Settings | None = None, *, scheduler: str | None = None,
        workers: int | None = None, default_date: Date | None = None, strict: bool = False, stdin=None,
        on_progress: Callable | None = None, on_read: Callable[[int, int], None] | None = None, client=None,
        stats: dict | None = None):
    """Read, code on the Dask cluster and store; returns the RunReport.

    `client`: an existing `distributed.Client` to use (left open); else `scheduler` is connected to, else a
    LocalCluster of `workers` processes (default: one per core) is started for the run. The cluster is only
    contacted once there is something to code."""
    from .. import nlp as nlp_stage
    from .local import default_workers

    settings = settings or Settings.from_env()
    workers = default_workers() if workers is None else max(1, int(workers))

    def make_executor(batches_ahead: int, exhausted: bool) -> Executor:
        if client is None and not scheduler:
            nlp_stage.model_name(settings)  # the local workers use this machine's spaCy pipeline
        return DaskExecutor(settings, scheduler=scheduler, workers=workers, client=client)

    return run_with(paths, store, settings, make_executor, read_ahead=2 * workers, default_date=default_date,
                    strict=strict, stdin=stdin, on_progress=on_progress, on_read=on_read, stats=stats)
