"""Engines: the same pipeline function (`Pipeline.code`) run over many cores or a Dask cluster.

    local  newsevents.engines.local.run   N worker processes on this machine (N=1: in-process)
    dask   newsevents.engines.dask.run    tasks on a Dask cluster (a LocalCluster when no scheduler is given)

Every engine goes through `newsevents.pipeline.run`, so reading the inputs, skipping stored articles, recording
rejections and writing each batch in one transaction are the same code for all of them; an engine only decides
where the batches of fresh articles are coded. The parent process is the only writer to DuckDB, batches are
written in input order, and at most a few batches are in flight, so memory does not grow with the corpus.
"""
from __future__ import annotations

from ..errors import error
from .base import count_documents

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "count_documents", "run"]


def run(engine: str, paths, store, settings=None, **kwargs):
    """Dispatch to `local.run` or `dask.run` by name."""
    if engine == "local":
        from .local import run as run_local

        return run_local(paths, store, settings, **kwargs)
    if engine == "dask":
        from .dask import run as run_dask

        return run_dask(paths, store, settings, **kwargs)
    raise error("E403", value=engine, choices=" or ".join(ENGINES))
