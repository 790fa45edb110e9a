"""Happenings: one record per thing that happened, merged from the event mentions of every article.

Rule (README, "One event per happening"): two event mentions belong to the same happening when they share

* the dyad: source code and target code, in that order (``USAGOV`` -> ``JPNGOV``); for mutual codes
  (meet, negotiate, agree, cooperate: ``coding.ontology.MUTUAL_CODES``), which the coder emits in both
  directions, the pair in alphabetical order, so both directions are one happening;
* the CAMEO root code (``04``);
* the place: the same GeoNames id, else the same country when a place has no id, else both have no place;
* the time window: a happening starts at its earliest mention and takes every mention dated less than
  `window_days` days after it (default 7: the first day and the six after it); the next mention with the
  same key starts the next happening. Mentions with no date form one undated happening per key.

Mentions from near-duplicate articles (``articles.duplicate_of``) are not counted: their events keep
``happening_id`` NULL. Counts are over the whole store: ``num_mentions`` (event mentions), ``num_articles``
(distinct articles), ``num_sources`` (distinct outlets: the article's source, else its URL's host, else
"unknown"), ``avg_tone`` (mean tone of the mentions' evidence sentences), ``first_seen``/``last_seen``
(dates of the first and last mention) and ``mentions`` (event ids in date order).

The partition is a function of the set of mentions, not of the order they arrived in: an update recomputes,
for every key a batch touches, the happenings from the last one that starts on or before the batch's
earliest new date (earlier ones cannot change), inside the batch's transaction. A happening's id is a hash
of its key and its first day, so adding articles later updates its counts instead of making a new one, and
re-running the same input (whose articles are skipped) changes nothing.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date as Date

import pyarrow as pa

from ..coding.ontology import MUTUAL_CODES

DEFAULT_WINDOW_DAYS = 7
SETTING = "happening_window_days"

PLACE_KEY = ("CASE WHEN e.place_geonames_id IS NOT NULL THEN 'g' || CAST(e.place_geonames_id AS VARCHAR) "
             "WHEN e.place_country IS NOT NULL THEN 'c' || e.place_country ELSE '' END")
SOURCE_KEY = ("coalesce(nullif(a.source, ''), nullif(regexp_extract(a.url, '^[a-zA-Z]+://([^/:]+)', 1), ''), "
              "'unknown')")
# Mutual codes (coding.ontology.MUTUAL_CODES) are coded in both directions; a happening keys them by the
# ordered pair, so "Biden and Kishida met" is one happening, not one per direction.
_MUTUAL = "substr(e.code, 1, 3) IN ({})".format(", ".join(f"'{c}'" for c in sorted(MUTUAL_CODES)))
_SWAP = f"({_MUTUAL} AND e.target_code < e.source_code)"
_SOURCE_KEY_EXPR = f"CASE WHEN {_SWAP} THEN e.target_code ELSE e.source_code END"
_TARGET_KEY_EXPR = f"CASE WHEN {_SWAP} THEN e.source_code ELSE e.target_code END"
DYAD_KEY = f"{_SOURCE_KEY_EXPR} AS source_code, {_TARGET_KEY_EXPR} AS target_code"
_KEY = ("source_code", "target_code", "root_code", "place_key")

HAPPENING_COLUMNS = ["id", "source_code", "target_code", "root_code", "place_key", "first_seen", "last_seen",
                     "num_mentions", "num_articles", "num_sources", "avg_tone", "first_event_id", "mentions",
                     "window_days"]
_TYPES = {"first_seen": pa.date32(), "last_seen": pa.date32(), "num_mentions": pa.int32(),
          "num_articles": pa.int32(), "num_sources": pa.int32(), "avg_tone": pa.float64(),
          "mentions": pa.list_(pa.string()), "window_days": pa.int32()}


def happening_id(key: tuple, first_seen: Date | None) -> str:
    text = "|".join([*(k or "" for k in key), first_seen.isoformat() if first_seen else "undated"])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def stored_window(con) -> int | None:
    rows = con.execute("SELECT value FROM store_settings WHERE name = ?", [SETTING]).fetchall()
    return int(rows[0][0]) if rows else None


def update(con, event_ids: Sequence[str], window_days: int | None = None) -> int:
    """Bring the happenings up to date after `event_ids` were inserted (call inside the write transaction).

    A window different from the store's (or a store whose happenings were never built) rebuilds them all.
    Returns the number of happenings written."""
    current = stored_window(con)
    window = int(window_days or current or DEFAULT_WINDOW_DAYS)
    if window < 1:
        raise ValueError("the happening window must be at least one day")
    if current != window:
        con.execute("INSERT OR REPLACE INTO store_settings VALUES (?, ?)", [SETTING, str(window)])
        return rebuild(con, window)
    if not event_ids:
        return 0
    con.register("_new_events", pa.table({"id": pa.array(list(event_ids), pa.string())}))
    try:
        keys = con.execute(f"""
            SELECT {DYAD_KEY}, e.root_code, {PLACE_KEY} AS place_key,
                   min(e.date) AS dmin, bool_or(e.date IS NULL) AS undated
            FROM events e JOIN _new_events n ON e.id = n.id JOIN articles a ON a.id = e.article_id
            WHERE a.duplicate_of IS NULL
            GROUP BY ALL""").fetchall()
    finally:
        con.unregister("_new_events")
    return _recompute(con, keys, window)


def rebuild(con, window: int) -> int:
    """Recompute every happening of the store from its events."""
    con.execute("DELETE FROM happenings")
    con.execute("UPDATE events SET happening_id = NULL WHERE happening_id IS NOT NULL")
    keys = con.execute(f"""
        SELECT {DYAD_KEY}, e.root_code, {PLACE_KEY} AS place_key,
               min(e.date) AS dmin, bool_or(e.date IS NULL) AS undated
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE a.duplicate_of IS NULL
        GROUP BY ALL""").fetchall()
    return _recompute(con, keys, window)


def _recompute(con, key_rows: list[tuple], window: int) -> int:
    if not key_rows:
        return 0
    keys = pa.table({
        "source_code": pa.array([r[0] for r in key_rows], pa.string()),
        "target_code": pa.array([r[1] for r in key_rows], pa.string()),
        "root_code": pa.array([r[2] for r in key_rows], pa.string()),
        "place_key": pa.array([r[3] for r in key_rows], pa.string()),
        "dmin": pa.array([r[4] for r in key_rows], pa.date32()),
        "undated": pa.array([bool(r[5]) for r in key_rows], pa.bool_()),
    })
    con.register("_keys", keys)
    try:
        # where each touched key's recomputation starts: the last happening starting on or before the
        # earliest new date (earlier happenings cannot change), else that date
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _touched AS
            SELECT k.source_code, k.target_code, k.root_code, k.place_key, k.undated,
                   coalesce((SELECT max(h.first_seen) FROM happenings h
                             WHERE h.source_code IS NOT DISTINCT FROM k.source_code
                               AND h.target_code IS NOT DISTINCT FROM k.target_code
                               AND h.root_code = k.root_code AND h.place_key = k.place_key
                               AND h.first_seen <= k.dmin), k.dmin) AS start
            FROM _keys k""")
    finally:
        con.unregister("_keys")
    try:
        con.execute("""
            DELETE FROM happenings h USING _touched t
            WHERE h.source_code IS NOT DISTINCT FROM t.source_code
              AND h.target_code IS NOT DISTINCT FROM t.target_code
              AND h.root_code = t.root_code AND h.place_key = t.place_key
              AND ((h.first_seen IS NOT NULL AND h.first_seen >= t.start)
                   OR (h.first_seen IS NULL AND t.undated))""")
        rows = con.execute(f"""
            SELECT e.id, {DYAD_KEY}, e.root_code, {PLACE_KEY} AS place_key, e.date,
                   e.article_id, {SOURCE_KEY} AS outlet, e.tone
            FROM events e JOIN articles a ON a.id = e.article_id
            JOIN _touched t ON {_SOURCE_KEY_EXPR} IS NOT DISTINCT FROM t.source_code
                AND {_TARGET_KEY_EXPR} IS NOT DISTINCT FROM t.target_code
                AND e.root_code = t.root_code AND {PLACE_KEY} = t.place_key
            WHERE a.duplicate_of IS NULL
              AND ((e.date IS NOT NULL AND e.date >= t.start) OR (e.date IS NULL AND t.undated))
            ORDER BY e.date NULLS LAST, e.article_id, e.sentence_index, e.verb_start, e.id""").fetchall()
    finally:
        con.execute("DROP TABLE IF EXISTS _touched")
    happenings, links = _cluster(rows, window)
    if not happenings:
        return 0
    con.register("_happenings", pa.table({c: pa.array([h[c] for h in happenings], type=_TYPES.get(c, pa.string()))
                                          for c in HAPPENING_COLUMNS}))
    con.register("_links", pa.table({"event_id": pa.array([l[0] for l in links], pa.string()),
                                     "happening_id": pa.array([l[1] for l in links], pa.string())}))
    try:
        cols = ", ".join(HAPPENING_COLUMNS)
        con.execute(f"INSERT INTO happenings ({cols}) SELECT {cols} FROM _happenings")
        con.execute("""UPDATE events SET happening_id = l.happening_id FROM _links l
                       WHERE events.id = l.event_id
                         AND events.happening_id IS DISTINCT FROM l.happening_id""")
    finally:
        con.unregister("_happenings")
        con.unregister("_links")
    return len(happenings)


def _cluster(rows: list[tuple], window: int) -> tuple[list[dict], list[tuple[str, str]]]:
    """Greedy windows over date-ordered mentions, key by key."""
    by_key: dict[tuple, list[tuple]] = {}
    for row in rows:
        by_key.setdefault(tuple(row[1:5]), []).append(row)
    happenings, links = [], []
    for key in sorted(by_key, key=lambda k: tuple(x or "" for x in k)):
        groups: list[list[tuple]] = []
        undated: list[tuple] = []
        for row in by_key[key]:  # already in date order
            day = row[5]
            if day is None:
                undated.append(row)
            elif groups and (day - groups[-1][0][5]).days < window:
                groups[-1].append(row)
            else:
                groups.append([row])
        if undated:
            groups.append(undated)
        for group in groups:
            first = group[0][5]
            hid = happening_id(key, first)
            tones = [r[8] for r in group if r[8] is not None]
            happenings.append({
                "id": hid, "source_code": key[0], "target_code": key[1], "root_code": key[2], "place_key": key[3],
                "first_seen": first, "last_seen": group[-1][5], "num_mentions": len(group),
                "num_articles": len({r[6] for r in group}), "num_sources": len({r[7] for r in group}),
                "avg_tone": round(sum(tones) / len(tones), 3) if tones else None,
                "first_event_id": group[0][0], "mentions": [r[0] for r in group], "window_days": window,
            })
            links.extend((r[0], hid) for r in group)
    return happenings, links


def query(con, *, actor: str | None = None, root: str | None = None, min_mentions: int = 1,
          limit: int | None = None) -> list[dict]:
    """Stored happenings, most mentioned first. `actor` matches a code prefix on either side."""
    where, params = ["h.num_mentions >= ?"], [int(min_mentions)]
    if actor:
        where.append("(starts_with(h.source_code, ?) OR starts_with(h.target_code, ?))")
        params += [actor.upper(), actor.upper()]
    if root:
        where.append("h.root_code = ?")
        params.append(root)
    sql = ("SELECT h.*, e.code, e.plover, e.quad_class, e.goldstein, e.source_name, e.target_name, e.place_name, "
           "e.sentence FROM happenings h JOIN events e ON e.id = h.first_event_id WHERE " + " AND ".join(where) +
           " ORDER BY h.num_mentions DESC, h.first_seen NULLS LAST, h.id")
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
