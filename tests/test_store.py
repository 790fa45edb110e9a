"""The DuckDB store: whole articles per transaction, idempotent re-runs, migrations, clear lock errors, exports."""
from __future__ import annotations

import copy
import csv
import json
import subprocess
import sys
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import SAMPLES
from newsevents.errors import NewsEventsError
from newsevents.records import Article
from newsevents.store import Store
from newsevents.store.filters import Filters
from newsevents.store.schema import SCHEMA_VERSION

ARTICLES = [
    Article(id="a1", text="Russian troops attacked the Ukrainian city of Kharkiv on Monday.", date=date(2024, 3, 5)),
    Article(id="a2", text="China's foreign minister met Brazil's president in Brasilia.", date=date(2024, 3, 6)),
]


@pytest.fixture(scope="module")
def coded(pipeline):
    return list(pipeline.code(ARTICLES))


def test_batch_is_stored_once(tmp_path, coded):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        n = store.write_batch(coded)
        assert n == sum(len(c.events) for c in coded) > 0
        assert store.write_batch(coded) == 0  # replay after an interruption writes nothing twice
        counts = store.counts()
    assert counts["articles"] == 2 and counts["events"] == n
    with Store(db, read_only=True) as store:
        rows = store.events(Filters(actor="RUS"))
        assert rows and all("RUS" in (r["source_code"] + r["target_code"]) for r in rows)
        assert store.schema_version == SCHEMA_VERSION


def test_writer_uses_one_duckdb_thread_and_readers_keep_theirs(tmp_path, coded):
    """A store that writes batches runs DuckDB on one thread (its statements are small); a reader is left as
    DuckDB sets it up."""
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        before = store.con.execute("SELECT current_setting('threads')").fetchone()[0]
        store.write_batch(coded)
        assert store.con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT current_setting('threads')").fetchone()[0] == before


def test_failed_batch_leaves_nothing_half_written(tmp_path, coded):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        batch = copy.deepcopy(coded)
        batch[1].events[0].code = None  # violates NOT NULL: the whole batch must roll back
        with pytest.raises(duckdb.Error):
            store.write_batch(batch)
        assert store.counts()["articles"] == 0 and store.counts()["events"] == 0


def test_newer_schema_is_refused(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 1])
    with pytest.raises(NewsEventsError) as exc:
        Store(db)
    assert exc.value.code == "E302"


def test_missing_store_for_reading(tmp_path):
    with pytest.raises(NewsEventsError) as exc:
        Store(tmp_path / "nope.duckdb", read_only=True)
    assert exc.value.code == "E303" and "nope.duckdb" in str(exc.value)


def test_second_writer_gets_a_clear_message(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(30)"),
        str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(NewsEventsError) as exc:
            Store(db)
        assert exc.value.code == "E301"
        assert f"(PID {holder.pid})" in exc.value.message  # names the process to wait for
    finally:
        holder.kill()


def test_cli_run_stores_sample_and_rerun_skips(tmp_path):
    db = tmp_path / "cli.duckdb"
    cmd = [sys.executable, "-m", "newsevents.cli", "run", str(SAMPLES), "--db", str(db), "--date", "2024-04-08"]
    first = subprocess.run(cmd, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert "coded 1 articles" in first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True)
    assert "coded 0 articles" in second.stderr and "skipped 1" in second.stderr
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1


def test_cli_rejects_bad_input_but_codes_the_rest(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Israeli troops raided a camp in the West Bank on Tuesday.\n")
    (tmp_path / "in" / "bad.jsonl").write_text('{"id": 1, "text": \n')
    db = tmp_path / "x.duckdb"
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(tmp_path / "in"), "--db", str(db)],
                         capture_output=True, text=True)
    assert res.returncode == 1
    rejected = [l for l in res.stderr.splitlines() if l.startswith("rejected:")]
    assert len(rejected) == 1 and "bad.jsonl" in rejected[0]
    assert "coded 1 articles" in res.stderr


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, pipeline):
    from newsevents.pipeline import run

    db = tmp_path_factory.mktemp("exp") / "e.duckdb"
    with Store(db) as store:
        run([str(SAMPLES)], store, default_date=date(2024, 4, 8), pipeline=pipeline)
    return db


def test_gdelt_export_loads_as_gdelt(sample_store, tmp_path):
    from newsevents.store.export import export, gdelt_columns

    with Store(sample_store, read_only=True) as store:
        counts = export(store, "gdelt", tmp_path)
    n = counts["events"]  # one Events row per happening; one Mentions row per coded sentence of a happening
    assert n > 0
    with open(tmp_path / "events.tsv", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header[:61] == gdelt_columns()["events"] and len(body) == n
    for row in body:  # what a GDELT reader expects of the columns it parses
        assert len(row) == len(header)
        int(row[0])
        assert len(row[1]) == 8 and row[1].startswith("2024")
        assert row[28] == row[26][:2] and 1 <= int(row[29]) <= 4
        assert -10 <= float(row[30]) <= 10
    with open(tmp_path / "mentions.tsv", newline="") as f:
        mentions = list(csv.reader(f, delimiter="\t"))
    assert len(mentions[0]) == 16 and len(mentions) == counts["mentions"] + 1 and counts["mentions"] >= n


def test_plover_and_parquet_exports(sample_store, tmp_path):
    from newsevents.store.export import export

    with Store(sample_store, read_only=True) as store:
        export(store, "plover", tmp_path / "p.jsonl")
        counts = export(store, "parquet", tmp_path / "pq")
    recs = [json.loads(l) for l in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert recs and all(r["event_type"] and r["mode"] and r["evidence"]["text"] for r in recs)
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == counts["events"] == len(recs)


def test_many_rejected_rows_are_all_stored_and_the_summary_stays_short(tmp_path):
    """A CSV dump with 30 rows without text: all 30 land in the rejections table (one insert), the terminal
    shows 20 of them and says where the rest are, and the exit code is 1."""
    dump = tmp_path / "dump.csv"
    rows = ["id,title,text"] + [f"{i},headline {i}," for i in range(30)]
    dump.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "r.duckdb"
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(dump), "--db", str(db), "--quiet"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stderr
    shown = [line for line in res.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(shown) == 20 and all("E117" in line for line in shown)
    assert "... and 10 more rejected inputs" in res.stderr and "rejected 30." in res.stderr
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*), count(DISTINCT reason) FROM rejections").fetchone() == (30, 30)
    strict_db = tmp_path / "strict.duckdb"
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(dump), "--db", str(strict_db),
                          "--quiet", "--strict"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 1 and "rejected 1." in res.stderr, res.stderr  # --strict stops at the first
    with Store(strict_db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM rejections").fetchone() == (1,)
