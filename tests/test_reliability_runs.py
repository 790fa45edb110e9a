"""Interrupted and concurrent runs of the real command: `newsevents run` over 300 BBC articles is killed with
SIGKILL several times at seeded random points (before its first write, the moment a batch reaches the
write-ahead log, and in the middle of coding) and stopped once with Ctrl-C (SIGINT); the store ends identical to
an uninterrupted run. A second `run` on the same store meanwhile gets E301 and exit code 2, and the HTTP API
answers 503 while the writer holds the file. (tests/test_engines.py has the single-kill test of the worker
engine; tests/test_store.py the Store-level lock message.)"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from newsevents.ingest import iter_articles
from newsevents.pipeline import run as run_inprocess
from newsevents.settings import Settings
from newsevents.store import Store

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc_news" / "bbc"
N_ARTICLES = 300
SEED = 20241128
BIN = Path(sys.executable).with_name("newsevents")
RESUME = "interrupted: everything coded so far is stored; run the same command again to resume."
FIGURES: dict = {}  # what happened, for docs/RELIABILITY.md (printed with -s)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    if not BBC.is_dir():
        pytest.skip("../shared/corpora/bbc_news is not beside the project")
    files = sorted(BBC.glob("*/*.txt"))
    folder = tmp_path_factory.mktemp("bbc300") / "bbc"
    folder.mkdir()
    for path in sorted(random.Random(SEED).sample(files, N_ARTICLES)):
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return folder


def snapshot(db: Path) -> dict:
    """Everything that must come out the same: articles (with a hash of their text), events, entities per
    article, happenings and the near-duplicate links."""
    with Store(db, read_only=True) as store:
        q = lambda sql: store.con.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": q("SELECT id, n_events, md5(text), duplicate_of FROM articles ORDER BY id"),
            "events": q("SELECT id, article_id, sentence_index, code, source_code, target_code, mode, place_name, "
                        "happening_id FROM events ORDER BY id"),
            "entities": q("SELECT article_id, count(*), sum(start) FROM entities GROUP BY 1 ORDER BY 1"),
            "happenings": q("SELECT id, num_mentions, num_articles FROM happenings ORDER BY id"),
            "rejections": q("SELECT count(*) FROM rejections"),
        }


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory, pipeline) -> dict:
    """The uninterrupted run (in this process, with the session's pipeline)."""
    db = tmp_path_factory.mktemp("reference") / "ref.duckdb"
    with Store(db) as store:
        report = run_inprocess([str(corpus)], store, Settings.from_env(), pipeline=pipeline)
    assert report.articles_coded + report.articles_skipped == N_ARTICLES and not report.rejected
    return snapshot(db)


def run_cmd(corpus: Path, db: Path) -> list[str]:
    """`newsevents run FOLDER --db DB --workers 1` (the installed command; `python -m newsevents.cli` without)."""
    head = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "newsevents.cli"]
    return [*head, "run", str(corpus), "--db", str(db), "--workers", "1", "--quiet"]


def start_run(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(run_cmd(corpus, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wal_size(db: Path) -> int:
    try:
        return os.path.getsize(str(db) + ".wal")
    except OSError:
        return -1


def wait_for_commit(proc: subprocess.Popen, db: Path, timeout: float = 120) -> bool:
    """Until a batch of articles reaches the write-ahead log (it grows by more than the schema's few KB);
    False if the run ended first."""
    low = wal_size(db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        size = wal_size(db)
        low = size if low < 0 else min(low, size) if size >= 0 else low
        if size >= 0 and size - max(low, 0) > 50_000:
            return True
        time.sleep(0.002)
    raise AssertionError("no batch was written within the timeout")


def check_partial(db: Path, reference: dict) -> int:
    """After an interruption: only whole articles, each with exactly the events and entities of the
    uninterrupted run, and no event twice. Returns the number of articles stored."""
    if not db.exists():
        return 0
    snap = snapshot(db)
    ref_articles = {a[0]: a for a in reference["articles"]}
    stored = {a[0] for a in snap["articles"]}
    assert all(a == ref_articles[a[0]] or a[:3] == ref_articles[a[0]][:3] for a in snap["articles"])
    ref_events = {e[0]: e for e in reference["events"]}
    events = [e for e in snap["events"]]
    assert len({e[0] for e in events}) == len(events)
    assert {e[0] for e in events} == {e for e, row in ref_events.items() if row[1] in stored}
    assert all(e[:8] == ref_events[e[0]][:8] for e in events)  # (happening ids may still grow with the store)
    ref_entities = {e[0]: e for e in reference["entities"]}
    assert snap["entities"] == [ref_entities[a] for a in sorted(stored) if a in ref_entities]
    return len(stored)


def test_killed_and_interrupted_runs_resume_to_the_uninterrupted_store(corpus, reference, tmp_path):
    """Four interruptions at seeded random points, then one run to the end: identical to the reference."""
    rng = random.Random(SEED)
    db = tmp_path / "killed.duckdb"
    plan = [
        ("SIGKILL", "before the first write", rng.uniform(1.0, 6.0)),
        ("SIGKILL", "as a batch reaches the log", 0.0),
        ("SIGKILL", "while coding the next batch", rng.uniform(0.5, 6.0)),
        ("SIGINT", "while coding the next batch", rng.uniform(0.1, 3.0)),
    ]
    stored, landed = 0, []
    t_start = time.monotonic()
    for sig, when, delay in plan:
        proc = start_run(corpus, db)
        try:
            if when == "before the first write":
                time.sleep(delay)
                running = proc.poll() is None
            else:
                running = wait_for_commit(proc, db)
                time.sleep(delay)
                running = running and proc.poll() is None
            if running:
                proc.send_signal(signal.SIGKILL if sig == "SIGKILL" else signal.SIGINT)
            out, err = proc.communicate(timeout=180)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
        if not running:
            continue  # the run ended before the signal (a much faster machine); nothing to check here
        landed.append(f"{sig} {when} (+{delay:.1f} s)")
        if sig == "SIGKILL":
            assert proc.returncode == -signal.SIGKILL
        else:  # Ctrl-C: the batch in progress is stored, then a clean stop with the resume message
            assert proc.returncode == 130, err
            assert err.strip().splitlines()[-1] == RESUME
        now = check_partial(db, reference)
        assert now >= stored
        if sig == "SIGINT":
            assert now > stored and (now - stored) % Settings().batch_size == 0  # whole batches only
        stored = now
    assert len(landed) >= 3, landed
    assert 0 < stored < len(reference["articles"])

    # the last run skips every input whose article is stored (the corpus holds one text twice: both copies are
    # skipped when it is stored) and codes the rest
    stored_ids = {a[0] for a in snapshot(db)["articles"]}
    inputs = [a.id for a in iter_articles([str(corpus)], Settings.from_env())]
    proc = start_run(corpus, db)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert f"skipped {sum(i in stored_ids for i in inputs)} already stored" in err
    assert snapshot(db) == reference
    FIGURES["interruptions"] = landed
    FIGURES["kill test seconds"] = round(time.monotonic() - t_start)
    print(f"\ninterruptions survived: {landed}; {stored} articles stored before the last run")


def test_a_second_run_on_the_same_store_gets_E301_and_the_first_is_intact(corpus, reference, tmp_path):
    """While one `run` writes: a second `run` stops at once with one line (E301) and exit code 2; the API
    serving the same file answers 503 (E504) and /api/health still 200; once the run ends, the store is what
    an undisturbed run stores and the API serves it. (All 300 articles: a run of 130 could end before the
    second one started.)"""
    from newsevents.api import create_app

    from test_api import ServerThread

    db = tmp_path / "busy.duckdb"
    Store(db).close()
    with ServerThread(create_app(db, idle_seconds=0.1)) as url, httpx.Client(base_url=url, timeout=30) as api:
        assert api.get("/api/events").json()["total"] == 0
        time.sleep(0.5)  # the server has let go of the file: a writer can take it
        first = start_run(corpus, db)
        try:
            assert wait_for_commit(first, db)  # the first batch is stored, the second being coded
            busy = api.get("/api/events")
            assert busy.status_code == 503 and busy.json()["code"] == "E504", busy.text
            assert busy.headers["retry-after"] and api.get("/api/health").status_code == 200
            t0 = time.monotonic()
            second = subprocess.run(run_cmd(corpus, db), capture_output=True, text=True, timeout=120)
            assert first.poll() is None, "the first run ended before the second one tried"
            assert second.returncode == 2, second.stderr
            lines = second.stderr.strip().splitlines()
            assert lines == [f"error: database {db} is in use by another process (PID {first.pid}) (a run writing "
                             f"it, or a server reading it); wait for it to finish or use another --db [E301]"]
            assert time.monotonic() - t0 < 30
            out, err = first.communicate(timeout=300)
        finally:
            if first.poll() is None:
                first.kill()
                first.wait(timeout=30)
        assert first.returncode == 0, err
        assert api.get("/api/events").json()["total"] == len(reference["events"])
    assert snapshot(db) == reference
