"""Near-duplicate articles and happenings: one event record per thing that happened, across articles and runs."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE, SAMPLES
from newsevents.records import Article
from newsevents.store import Store

REUTERS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578" / "reut2-000.sgm"
WASHINGTON = 4140963


def _wire_copies(folder: Path) -> Path:
    """The sample twice, as two outlets would republish it: other headline, other junk lines."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "a-wire.txt").write_text(
        "Biden and Kishida to meet in Washington\n\n" + text + "\n\nReporting by Jane Doe; Editing by John Roe\n",
        encoding="utf-8")
    (folder / "b-reprint.txt").write_text(
        "Japan's leader heads to the White House as allies look past the election\n\n" + text +
        "\n\nCopyright 2024 Example Wire. Follow us for more world news every day.\n"
        "Click here to subscribe to our morning newsletter.\n", encoding="utf-8")
    return folder


def _run(paths, db: Path, *extra: str) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", *map(str, paths), "--db", str(db),
                          "--date", "2024-04-08", "-q", "--workers", "1", *extra], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return res


def _table(db: Path, sql: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def _meeting(db: Path) -> list[tuple]:
    return _table(db, "SELECT id, num_mentions, num_articles, num_sources, place_key, first_seen, last_seen, "
                      "mentions FROM happenings WHERE source_code = 'JPNGOV' AND target_code = 'USAGOV' "
                      "AND root_code = '04'")


# ---------------------------------------------------------------------------- near-duplicates
def test_same_story_with_other_boilerplate_is_linked_not_counted(tmp_path):
    folder = _wire_copies(tmp_path / "wire")
    db = tmp_path / "d.duckdb"
    _run([folder], db)
    rows = _table(db, "SELECT path, duplicate_of, duplicate_similarity FROM articles ORDER BY path")
    assert len(rows) == 2  # both stored ...
    (p1, dup1, _), (p2, dup2, sim) = rows
    assert p1.endswith("a-wire.txt") and dup1 is None
    original = _table(db, "SELECT id FROM articles WHERE duplicate_of IS NULL")[0][0]
    assert p2.endswith("b-reprint.txt") and dup2 == original and 0.8 <= sim < 1.0  # ... one linked to the other
    # the copy's events are stored but not counted in the happenings
    counted = _table(db, "SELECT DISTINCT e.article_id FROM events e WHERE e.happening_id IS NOT NULL")
    assert counted == [(original,)]
    assert _table(db, "SELECT max(num_articles) FROM happenings")[0][0] == 1


def test_samples_plus_copies_make_one_meeting_happening(tmp_path):
    folder = _wire_copies(tmp_path / "wire")
    db = tmp_path / "m.duckdb"
    _run([SAMPLES, folder], db)
    arts = _table(db, "SELECT path, duplicate_of FROM articles")
    originals = [p for p, d in arts if d is None]
    assert len(arts) == 3 and len(originals) == 1 and originals[0].endswith("biden-kishida-summit.txt")
    [meeting] = _meeting(db)  # "set to meet in Washington" ... "the summit" ... "the summit": one happening
    hid, mentions, n_articles, n_sources, place, first, last, ids = meeting
    assert mentions >= 3 and n_articles == 1 and n_sources == 1
    assert place == f"g{WASHINGTON}" and first == last == date(2024, 4, 8)
    assert len(ids) == mentions
    linked = _table(db, f"SELECT count(*) FROM events WHERE happening_id = '{hid}'")[0][0]
    assert linked == mentions
    # a meeting is mutual: both directions the coder emits are mentions of this one happening
    assert _table(db, "SELECT count(*) FROM happenings WHERE source_code = 'USAGOV' AND target_code = 'JPNGOV' "
                      "AND root_code = '04'")[0][0] == 0
    assert _table(db, f"SELECT count(DISTINCT source_code) FROM events WHERE happening_id = '{hid}'")[0][0] == 2


def test_reuters_duplicates_are_linked(pipeline, tmp_path):
    if not REUTERS.is_file():
        pytest.skip("../shared/corpora/reuters21578 is not beside the project")
    from newsevents.ingest import read_file

    wanted = {"reuters-175", "reuters-190", "reuters-893", "reuters-991", "reuters-16", "reuters-4"}
    articles = [a for a in read_file(REUTERS) if isinstance(a, Article) and a.id in wanted]
    assert len(articles) == len(wanted)
    with Store(tmp_path / "r.duckdb") as store:
        store.write_batch(list(pipeline.code(articles)))
        links = dict(store.con.execute("SELECT id, duplicate_of FROM articles").fetchall())
    # reprinted wire stories with a changed headline: BRAZIL DEBT MOVE(S), JAPAN (TO) END ... IMPORT CONTROLS,
    # the BankAmerica equity offer
    assert links["reuters-190"] == "reuters-175" and links["reuters-991"] == "reuters-893"
    assert links["reuters-16"] == "reuters-4"
    assert links["reuters-175"] is None and links["reuters-893"] is None and links["reuters-4"] is None


def test_near_duplicates_found_across_runs(pipeline, tmp_path):
    """The signatures live in the store: a copy arriving in a later session is still recognised."""
    text = SAMPLE.read_text(encoding="utf-8")
    first = Article(id="first", text=text, date=date(2024, 4, 8))
    copy = Article(id="copy", text="Exclusive: the summit\n\n" + text + "\n\nAll rights reserved by the wire.",
                   date=date(2024, 4, 8))
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        store.write_batch(list(pipeline.code([first])))
    with Store(db) as store:  # a new session rebuilds the LSH index from the stored signatures
        store.write_batch(list(pipeline.code([copy])))
        assert store.con.execute("SELECT duplicate_of FROM articles WHERE id = 'copy'").fetchone()[0] == "first"


# ---------------------------------------------------------------------------- happenings
LATER = [  # two other outlets report the meeting two and three days later
    {"id": "t1", "date": "2024-04-10", "source": "Example Times", "text": (
        "Biden and Kishida meet in Washington\n\nPresident Joe Biden and Japanese Prime Minister Fumio Kishida "
        "met in Washington and agreed to deepen defence ties between their countries, officials "
        "said.")},
    {"id": "t2", "date": "2024-04-11", "source": "Another Daily", "text": (
        "Kishida wraps up Washington summit\n\nJapanese Prime Minister Fumio Kishida held talks with President "
        "Joe Biden in Washington, where the two leaders pledged closer military cooperation.")},
]


def test_later_articles_update_counts_and_rerun_changes_nothing(tmp_path):
    db = tmp_path / "h.duckdb"
    _run([SAMPLES], db)
    [before] = _meeting(db)
    later = tmp_path / "later.jsonl"
    later.write_text("".join(json.dumps(r) + "\n" for r in LATER), encoding="utf-8")
    _run([later], db)
    [after] = _meeting(db)
    assert after[0] == before[0]  # same happening, counts updated
    added = _table(db, f"SELECT count(*) FROM events WHERE article_id IN ('t1', 't2') AND happening_id = '{after[0]}'")
    assert added[0][0] >= 2 and after[1] == before[1] + added[0][0]  # the later reports' mentions ...
    assert after[2] == 3 and after[3] == 3  # ... from 3 articles of 3 outlets
    assert after[5] == date(2024, 4, 8) and after[6] == date(2024, 4, 11)
    snapshot = _table(db, "SELECT * FROM happenings ORDER BY id")
    links = _table(db, "SELECT id, happening_id FROM events ORDER BY id")
    _run([SAMPLES, later], db)  # the same input again: everything is skipped, nothing changes
    assert _table(db, "SELECT * FROM happenings ORDER BY id") == snapshot
    assert _table(db, "SELECT id, happening_id FROM events ORDER BY id") == links
    # the mentions of a happening are its events
    hid = after[0]
    assert sorted(after[7]) == sorted(r[0] for r in _table(db, f"SELECT id FROM events WHERE happening_id = '{hid}'"))


def test_window_option_splits_and_rebuilds(tmp_path):
    db = tmp_path / "w.duckdb"
    later = tmp_path / "later.jsonl"
    later.write_text("".join(json.dumps(r) + "\n" for r in LATER), encoding="utf-8")
    _run([SAMPLES, later], db, "--window", "2")  # Apr 8 | Apr 10-11: two happenings
    meetings = sorted(_meeting(db), key=lambda r: r[5])
    assert [(m[5], m[6]) for m in meetings] == [(date(2024, 4, 8), date(2024, 4, 8)),
                                                (date(2024, 4, 10), date(2024, 4, 11))]
    assert _table(db, "SELECT value FROM store_settings WHERE name = 'happening_window_days'") == [("2",)]
    _run([later], db, "--window", "7")  # a new window rebuilds every happening
    [meeting] = _meeting(db)
    assert meeting[2] == 3 and meeting[5] == date(2024, 4, 8) and meeting[6] == date(2024, 4, 11)


def test_partition_does_not_depend_on_arrival_order(pipeline, tmp_path):
    texts = {
        "d01": ("2024-03-01", "Russian forces shelled the Ukrainian city of Kharkiv on Friday."),
        "d04": ("2024-03-04", "Russian troops attacked Kharkiv in Ukraine again on Monday."),
        "d09": ("2024-03-09", "Russian forces shelled Kharkiv in Ukraine overnight."),
        "d12": ("2024-03-12", "Russian artillery attacked the Ukrainian city of Kharkiv on Tuesday."),
        "d15": ("2024-03-15", "Russian forces shelled Kharkiv, Ukraine, on Friday."),
    }
    articles = [Article(id=k, text=t, date=date.fromisoformat(d), source=f"outlet-{k}") for k, (d, t) in
                texts.items()]
    coded = {c.article.id: c for c in pipeline.code(articles)}
    results = []
    for name, order, batches in (("fwd", sorted(coded), 1), ("rev", sorted(coded, reverse=True), 5)):
        with Store(tmp_path / f"{name}.duckdb") as store:
            items = [coded[k] for k in order]
            size = max(1, len(items) // batches)
            for i in range(0, len(items), size):
                store.write_batch(items[i:i + size])
            results.append(store.con.execute(
                "SELECT id, source_code, target_code, root_code, place_key, first_seen, last_seen, num_mentions, "
                "num_articles, list_sort(mentions) FROM happenings ORDER BY id").fetchall())
    assert results[0] == results[1] and results[0]
    kharkiv = [r for r in results[0] if r[1].startswith("RUS") and r[2].startswith("UKR") and r[3] in ("18", "19")]
    assert kharkiv
    for r in kharkiv:
        assert (r[6] - r[5]).days < 7  # no happening spans more than the window


def test_cluster_rule_is_greedy_from_the_first_mention():
    from newsevents.store.happenings import _cluster, happening_id

    key = ("RUS", "UKR", "19", "g706483")
    days = [date(2024, 3, d) for d in (1, 3, 7, 8, 14, 20, 21)]
    rows = [(f"e{i}", *key, d, f"a{i}", f"s{i % 2}", 1.0) for i, d in enumerate(days)]
    rows.append(("u0", *key, None, "a9", "s0", None))
    happenings, links = _cluster(rows, 7)
    spans = [(h["first_seen"], h["last_seen"], h["num_mentions"]) for h in happenings]
    assert spans == [(date(2024, 3, 1), date(2024, 3, 7), 3), (date(2024, 3, 8), date(2024, 3, 14), 2),
                     (date(2024, 3, 20), date(2024, 3, 21), 2), (None, None, 1)]
    assert happenings[0]["id"] == happening_id(key, date(2024, 3, 1)) and happenings[0]["num_sources"] == 2
    assert len(links) == len(rows)


def test_gdelt_export_counts_come_from_happenings(tmp_path):
    from newsevents.store.export import export, gdelt_columns

    db = tmp_path / "g.duckdb"
    later = tmp_path / "later.jsonl"
    later.write_text("".join(json.dumps(r) + "\n" for r in LATER), encoding="utf-8")
    _run([SAMPLES, _wire_copies(tmp_path / "wire"), later], db)
    with Store(db, read_only=True) as store:
        counts = export(store, "gdelt", tmp_path / "out")
        n_happenings = store.counts()["happenings"]
        total_mentions = store.con.execute("SELECT sum(num_mentions) FROM happenings").fetchone()[0]
        [meeting] = [h for h in store.happenings(actor="USAGOV", root="04")
                     if h["source_code"] == "JPNGOV" and h["target_code"] == "USAGOV"]
    assert counts == {"events": n_happenings, "mentions": total_mentions}
    with open(tmp_path / "out" / "events.tsv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header = rows[0]
    assert header[:61] == gdelt_columns()["events"]
    col = {name: i for i, name in enumerate(header)}
    by_id = {r[col["HappeningId"]]: r for r in rows[1:]}
    assert len(by_id) == n_happenings
    row = by_id[meeting["id"]]
    assert int(row[col["NumMentions"]]) == meeting["num_mentions"] >= 5
    assert int(row[col["NumArticles"]]) == 3 and int(row[col["NumSources"]]) == 3
    assert row[col["ActionGeo_FeatureID"]] == str(WASHINGTON) and row[col["SQLDATE"]] == "20240408"
    assert row[col["LastSeen"]] == "20240411"
    with open(tmp_path / "out" / "mentions.tsv", newline="", encoding="utf-8") as f:
        mentions = list(csv.reader(f, delimiter="\t"))[1:]
    assert len(mentions) == total_mentions
    assert sum(1 for m in mentions if m[0] == row[0]) == meeting["num_mentions"]
