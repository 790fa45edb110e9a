"""Engines: worker processes and a Dask cluster store exactly what the in-process run stores, and a run killed
half-way resumes to the same store."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsevents.pipeline import run as run_inprocess
from newsevents.settings import Settings
from newsevents.store import Store

POLITICS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc_news" / "bbc" / "politics"
N_ARTICLES = 40
BATCH = 8  # small batches: 5 of them, so both workers get some and the store is written in steps


def _settings() -> Settings:
    return Settings.from_env(batch_size=BATCH)


@pytest.fixture(scope="module")
def bbc_dir(tmp_path_factory) -> Path:
    if not POLITICS.is_dir():
        pytest.skip("../shared/corpora/bbc_news is not beside the project")
    folder = tmp_path_factory.mktemp("bbc") / "politics"
    folder.mkdir()
    for path in sorted(POLITICS.glob("*.txt"))[:N_ARTICLES]:
        shutil.copy(path, folder / path.name)
    return folder


def snapshot(db: Path) -> dict:
    """What must be identical: every event (id and codes), every article id and the entities."""
    with Store(db, read_only=True) as store:
        q = store.con.execute
        return {
            "events": q("SELECT id, article_id, sentence_index, code, source_code, target_code, mode, place_name "
                        "FROM events ORDER BY id").fetchall(),
            "articles": q("SELECT id, n_events FROM articles ORDER BY id").fetchall(),
            "entities": q('SELECT article_id, label, text, start FROM entities '
                          'ORDER BY article_id, start, label').fetchall(),
        }


@pytest.fixture(scope="module")
def reference(bbc_dir, tmp_path_factory, pipeline) -> dict:
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    with Store(db) as store:
        report = run_inprocess([str(bbc_dir)], store, _settings(), pipeline=pipeline)
    assert report.articles_coded == N_ARTICLES and report.events > 0
    snap = snapshot(db)
    assert len(snap["events"]) == report.events
    return snap


def test_local_engine_with_two_workers_stores_the_same_events(bbc_dir, reference, tmp_path):
    from newsevents.engines.local import run

    db = tmp_path / "local.duckdb"
    stats: dict = {}
    written = []
    with Store(db) as store:
        report = run([str(bbc_dir)], store, _settings(), workers=2, stats=stats,
                     on_progress=lambda r: written.append(r.articles_coded))
    assert stats["coded_by"] == "2 worker processes"
    assert report.articles_coded == N_ARTICLES
    assert written == list(range(BATCH, N_ARTICLES + 1, BATCH))  # one transaction per batch, in order
    assert snapshot(db) == reference


def test_dask_engine_on_a_local_cluster_stores_the_same_events(bbc_dir, reference, tmp_path):
    distributed = pytest.importorskip("distributed")
    from newsevents.engines.dask import run

    db = tmp_path / "dask.duckdb"
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        stats: dict = {}
        with Store(db) as store:
            report = run([str(bbc_dir)], store, _settings(), client=client, stats=stats)
        assert stats["coded_by"].endswith("2 workers, 2 threads")
    assert report.articles_coded == N_ARTICLES
    assert snapshot(db) == reference


KILLABLE = textwrap.dedent("""
    import sys, time
    from newsevents.engines.local import run
    from newsevents.settings import Settings
    from newsevents.store import Store

    def stored(report):
        print("stored", report.articles_coded, flush=True)
        time.sleep(0.5)  # leave the test time to kill the run half-way

    if __name__ == "__main__":
        with Store(sys.argv[2]) as store:
            run([sys.argv[1]], store, Settings.from_env(batch_size=int(sys.argv[3])), workers=2,
                on_progress=stored)
        print("done", flush=True)
""")


def test_killed_local_run_resumes_to_the_same_store(bbc_dir, reference, tmp_path, pipeline):
    import psutil

    from newsevents.engines.local import run

    script = tmp_path / "killable.py"
    script.write_text(KILLABLE)
    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([sys.executable, str(script), str(bbc_dir), str(db), str(BATCH // 2)],
                            stdout=subprocess.PIPE, text=True)
    workers = []
    try:
        for line in proc.stdout:
            if line.startswith("stored") and int(line.split()[1]) >= 2 * BATCH:
                workers = psutil.Process(proc.pid).children(recursive=True)
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert workers, "the run ended before it could be killed"
    _, alive = psutil.wait_procs(workers, timeout=30)  # workers notice the parent is gone and exit
    assert not alive

    with Store(db, read_only=True) as store:  # only whole articles, each with all its events
        partial = store.con.execute(
            "SELECT count(*), sum(n_events), (SELECT count(*) FROM events) FROM articles").fetchone()
    assert 2 * BATCH <= partial[0] < N_ARTICLES and partial[1] == partial[2]

    with Store(db) as store:
        report = run([str(bbc_dir)], store, _settings(), workers=1, pipeline=pipeline)
    assert report.articles_skipped == partial[0] and report.articles_coded == N_ARTICLES - partial[0]
    assert snapshot(db) == reference


def test_count_documents(tmp_path):
    from newsevents.engines import count_documents

    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / "c.csv").write_text("id,text\n1,x\n2,y\n3,z\n")
    (tmp_path / ".hidden.txt").write_text("skipped")
    (tmp_path / "notes.md").write_text("skipped")
    assert count_documents([str(tmp_path)]) == 1 + 2 + 3
    assert count_documents(["-"]) is None


def test_cli_refuses_an_unknown_engine(tmp_path):
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(tmp_path), "--db",
                          str(tmp_path / "x.duckdb"), "--engine", "spark"], capture_output=True, text=True)
    assert res.returncode == 2 and "spark" in res.stderr and "local or dask" in res.stderr


def test_an_unreachable_scheduler_is_one_coded_error_and_the_store_is_untouched(bbc_dir, tmp_path):
    """Nothing listens on port 1: the run stops with E405 naming the address, before anything is written."""
    from newsevents.engines.dask import run as run_dask
    from newsevents.errors import NewsEventsError

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        with pytest.raises(NewsEventsError) as exc:
            run_dask([bbc_dir], store, Settings(dask_connect_timeout=2), scheduler="tcp://127.0.0.1:1")
        assert exc.value.code == "E405" and "tcp://127.0.0.1:1" in str(exc.value)
        assert "\n" not in str(exc.value)
        assert store.counts()["articles"] == 0
