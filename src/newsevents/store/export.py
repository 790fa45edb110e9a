"""Exports of the store: GDELT 2.0 Events/Mentions and GKG 2.1 (tab-separated), PLOVER JSONL, Parquet.

GDELT layout notes: an Events row is a happening (store/happenings.py: event mentions merged by dyad, root
code, place and time window), described by its first mention, with NumMentions/NumSources/NumArticles and
AvgTone from the happening's counts; a Mentions row is one coded sentence (an `events` row) of a happening.
GLOBALEVENTID is the first 15 hex digits of the happening id read as an integer; country codes are ISO3
(GDELT's geo fields use FIPS, which we do not carry); our extra columns (Mode, EventId, ArticleId, PLOVER,
evidence offsets of the first mention, HappeningId, LastSeen) follow GDELT's 61 columns.
The GKG layout is described in store/gkg.py.
"""
from __future__ import annotations

import csv
import functools
import json
from importlib import resources
from pathlib import Path

import yaml

from ..errors import error

FORMATS = ("gdelt", "gkg", "plover", "parquet")
EVENT_EXTRA_COLUMNS = ["Mode", "EventId", "ArticleId", "PLOVER", "SentenceText", "SourceSpan", "VerbSpan",
                       "TargetSpan", "HappeningId", "LastSeen"]
_GEO_TYPE = {"country": 1, "adm1": 5, "city": 4}


@functools.lru_cache(maxsize=1)
def gdelt_columns() -> dict[str, list[str]]:
    text = resources.files("newsevents.store").joinpath("data", "gdelt_columns.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def export(store, fmt: str, out: str | Path) -> dict[str, int]:
    """Write the store in `fmt` under `out` (a folder for gdelt, gkg and parquet, a file for plover)."""
    if fmt not in FORMATS:
        raise error("E401", value=fmt)
    out = Path(out)
    if fmt == "plover":
        return {"events": _plover(store, out)}
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        return _gdelt(store, out)
    if fmt == "gkg":
        from .gkg import write_gkg

        return {"articles": write_gkg(store, out)}
    return _parquet(store, out)


def _global_id(event_id: str) -> int:
    return int(event_id[:15], 16)


def _gdelt_event(ev: dict, article: dict, counts: tuple = (1, 1, 1), tone="", root=None) -> list:
    """GDELT's 61 Events columns for event `ev`; `counts` = (NumMentions, NumSources, NumArticles)."""
    day = ev["date"] or (article.get("date"))
    sqldate = day.strftime("%Y%m%d") if day else ""
    geo = _geo(ev)
    actor = lambda p: [ev[f"{p}_code"] or "", ev[f"{p}_name"] or "", ev[f"{p}_country"] or "",
                       ev[f"{p}_code"] if ev[f"{p}_kind"] in ("igo", "group") else "", "", "", "",
                       ev[f"{p}_role"] or "", "", ""]
    added = article["ingested_at"].strftime("%Y%m%d%H%M%S") if article.get("ingested_at") else ""
    row = [
        _global_id(ev["id"]), sqldate, day.strftime("%Y%m") if day else "", day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *actor("source"), *actor("target"),
        (1 if ev["sentence_index"] == 0 else 0) if root is None else int(bool(root)), ev["code"], ev["code"][:3],
        ev["root_code"], ev["quad_class"], ev["goldstein"], *counts, "" if tone is None else tone,
        *([""] * 8), *([""] * 8),  # actor geo: not resolved separately yet
        *geo, added, article.get("url") or "",
    ]
    return row


def _geo(ev: dict) -> list:
    if ev["place_lat"] is None:
        return [""] * 8
    return [_GEO_TYPE.get(ev["place_feature"], 4), ev["place_name"] or "", ev["place_country"] or "",
            ev["place_adm1"] or "", "", ev["place_lat"], ev["place_lon"], ev["place_geonames_id"] or ""]


def _span(ev: dict, prefix: str) -> str:
    start, end = ev[f"{prefix}_start"], ev[f"{prefix}_end"]
    return f"{start}-{end}" if start is not None else ""


def _articles(store) -> dict[str, dict]:
    cur = store.con.execute("SELECT id, url, title, source, date, ingested_at, length(text) AS len FROM articles")
    names = [d[0] for d in cur.description]
    return {r[0]: dict(zip(names, r)) for r in cur.fetchall()}


def _gdelt(store, out: Path) -> dict[str, int]:
    """events.tsv: one row per happening; mentions.tsv: one row per event mention counted in a happening."""
    cols = gdelt_columns()
    articles = _articles(store)
    cur = store.con.execute("""
        SELECT h.id AS happening_id, h.first_seen, h.last_seen, h.num_mentions, h.num_sources, h.num_articles,
               h.avg_tone, h.first_event_id,
               (SELECT bool_or(m.sentence_index = 0) FROM events m WHERE m.happening_id = h.id) AS is_root
        FROM happenings h ORDER BY h.first_seen NULLS LAST, h.id""")
    names = [d[0] for d in cur.description]
    happenings = [dict(zip(names, r)) for r in cur.fetchall()]
    first = {e["id"]: e for e in _events_by_id(store, [h["first_event_id"] for h in happenings])}
    tones = dict(store.con.execute("SELECT article_id, tone FROM article_knowledge").fetchall())
    n_mentions = 0
    with open(out / "events.tsv", "w", newline="", encoding="utf-8") as f_ev, \
            open(out / "mentions.tsv", "w", newline="", encoding="utf-8") as f_me:
        w_ev = csv.writer(f_ev, delimiter="\t", lineterminator="\n")
        w_me = csv.writer(f_me, delimiter="\t", lineterminator="\n")
        w_ev.writerow(cols["events"] + EVENT_EXTRA_COLUMNS)
        w_me.writerow(cols["mentions"])
        for h in happenings:
            ev = first[h["first_event_id"]]
            art = articles.get(ev["article_id"], {})
            sentence = " ".join((ev["sentence"] or "").split())
            row = _gdelt_event(ev, art, (h["num_mentions"], h["num_sources"], h["num_articles"]),
                               h["avg_tone"], h["is_root"])
            row[0] = _global_id(h["happening_id"])
            w_ev.writerow(row + [
                ev["mode"], ev["id"], ev["article_id"], ev["plover"], sentence,
                _span(ev, "source"), _span(ev, "verb"), _span(ev, "target"), h["happening_id"],
                h["last_seen"].strftime("%Y%m%d") if h["last_seen"] else ""])
        for ev in store.events():
            if not ev.get("happening_id"):
                continue  # mentions in near-duplicate articles are not counted again
            art = articles.get(ev["article_id"], {})
            stamp = (ev["date"].strftime("%Y%m%d") + "000000") if ev["date"] else ""
            added = art["ingested_at"].strftime("%Y%m%d%H%M%S") if art.get("ingested_at") else ""
            doc_tone = tones.get(ev["article_id"])
            w_me.writerow([
                _global_id(ev["happening_id"]), stamp, added, 1, art.get("source") or "",
                art.get("url") or ev["article_id"], ev["sentence_index"] + 1,
                ev["source_start"] if ev["source_start"] is not None else -1,
                ev["target_start"] if ev["target_start"] is not None else -1,
                ev["verb_start"], 1, 50 if ev["mode"] == "asserted" else 20, art.get("len") or 0,
                "" if doc_tone is None else doc_tone, "", ""])
            n_mentions += 1
    return {"events": len(happenings), "mentions": n_mentions}


def _events_by_id(store, ids: list[str]) -> list[dict]:
    if not ids:
        return []
    cur = store.con.execute("SELECT * FROM events WHERE id IN (SELECT unnest(?))", [ids])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def plover_record(ev: dict) -> dict:
    """One event in PLOVER's JSON form (event type, mode, actors, evidence)."""
    return {
        "id": ev["id"],
        "date": ev["date"].isoformat() if ev["date"] else None,
        "event_type": ev["plover"],
        "mode": ev["mode"],
        "cameo_code": ev["code"],
        "quad_class": ev["quad_class"],
        "goldstein": ev["goldstein"],
        "actor": {"code": ev["source_code"], "text": ev["source_name"], "country": ev["source_country"],
                  "sector": ev["source_role"]},
        "recipient": {"code": ev["target_code"], "text": ev["target_name"], "country": ev["target_country"],
                      "sector": ev["target_role"]},
        "location": None if ev["place_lat"] is None else {
            "name": ev["place_name"], "geonames_id": ev["place_geonames_id"], "country": ev["place_country"],
            "lat": ev["place_lat"], "lon": ev["place_lon"]},
        "evidence": {"article_id": ev["article_id"], "sentence": ev["sentence_index"], "text": ev["sentence"],
                     "start": ev["sentence_start"], "end": ev["sentence_end"]},
    }


def _plover(store, out: Path) -> int:
    events = store.events()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for ev in events:
            f.write(json.dumps(plover_record(ev), ensure_ascii=False, default=str) + "\n")
    return len(events)


def _parquet(store, out: Path) -> dict[str, int]:
    """One Parquet file per table of the store."""
    counts = {}
    tables = [r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
        "ORDER BY table_name").fetchall()]
    for table in tables:
        path = out / f"{table}.parquet"
        store.con.execute(f"COPY \"{table}\" TO '{_sql_path(path)}' (FORMAT PARQUET)")
        counts[table] = store.con.execute(f"SELECT count(*) FROM \"{table}\"").fetchone()[0]
    return counts


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")

