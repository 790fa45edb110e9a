"""Reading and writing the DuckDB store.

Writes are batched: `write_batch` inserts a list of coded articles with their events and entities in one
transaction (Arrow tables, not row-by-row inserts), so an article and its events land together or not at
all, and an interrupted run leaves only whole articles behind.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import date as Date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import error
from ..records import CodedArticle, Event, Rejection
from .dedup import NearDuplicates
from .happenings import query as query_happenings, update as update_happenings
from .knowledge_rows import knowledge_tables
from .filters import Filters, where_clause
from .schema import (ARTICLE_COLUMNS, ENTITY_COLUMNS, EVENT_COLUMNS, MIGRATIONS, REJECTION_COLUMNS,
                     SCHEMA_VERSION)


def event_id(ev: Event) -> str:
    key = "|".join([ev.article_id, str(ev.sentence_index), str(ev.verb.start),
                    ev.source.code if ev.source else "", ev.target.code if ev.target else "", ev.code,
                    str(ev.source.span.start) if ev.source and ev.source.span else "",
                    str(ev.target.span.start) if ev.target and ev.target.span else ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _actor_cols(actor, prefix: str) -> dict:
    return {
        f"{prefix}_code": actor.code if actor else "",
        f"{prefix}_name": actor.name if actor else None,
        f"{prefix}_country": actor.country if actor else None,
        f"{prefix}_role": actor.role if actor else None,
        f"{prefix}_kind": actor.kind if actor else None,
        f"{prefix}_start": actor.span.start if actor and actor.span else None,
        f"{prefix}_end": actor.span.end if actor and actor.span else None,
        f"{prefix}_reason": actor.reason if actor else None,
    }


def event_row(ev: Event) -> dict:
    """One events-table row (also the flat form used by CSV/table output)."""
    place = ev.place
    row = {
        "id": ev.id or event_id(ev), "article_id": ev.article_id, "sentence_index": ev.sentence_index,
        "sentence": ev.sentence, "sentence_start": ev.sentence_start, "sentence_end": ev.sentence_end,
        **_actor_cols(ev.source, "source"), **_actor_cols(ev.target, "target"),
        "verb": ev.verb.text, "verb_start": ev.verb.start, "verb_end": ev.verb.end,
        "code": ev.code, "root_code": ev.root_code, "plover": ev.plover, "quad_class": ev.quad_class,
        "goldstein": ev.goldstein, "mode": ev.mode, "date": ev.date,
        "location": ev.location.text if ev.location else None,
        "place_name": place.name if place else None,
        "place_geonames_id": place.geonames_id if place else None,
        "place_feature": place.feature if place else None,
        "place_country": place.country if place else None,
        "place_adm1": place.adm1 if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "place_reason": place.reason if place else None,
        "rule": ev.rule,
        "tone": ev.tone,
    }
    return row


_ARROW_TYPES = {
    "date": pa.date32(), "ingested_at": pa.timestamp("us"), "rejected_at": pa.timestamp("us"),
    "n_events": pa.int32(),
    "sentence_index": pa.int32(), "sentence_start": pa.int32(), "sentence_end": pa.int32(),
    "source_start": pa.int32(), "source_end": pa.int32(), "target_start": pa.int32(), "target_end": pa.int32(),
    "verb_start": pa.int32(), "verb_end": pa.int32(), "quad_class": pa.int32(), "goldstein": pa.float64(),
    "place_geonames_id": pa.int64(), "place_lat": pa.float64(), "place_lon": pa.float64(),
    "start": pa.int32(), "end": pa.int32(),
    "tone": pa.float64(), "duplicate_similarity": pa.float64(),
}


def _arrow(rows: list[dict], columns: Sequence[str]) -> pa.Table:
    return pa.table({c: pa.array([r[c] for r in rows], type=_ARROW_TYPES.get(c, pa.string())) for c in columns})


class Store:
    """A DuckDB file holding articles, events and entities. Use as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False, window_days: int | None = None):
        """`window_days`: the happening window for writes (None: the store's, else 7; see store/happenings.py)."""
        self.path = str(path)
        self.window_days = window_days
        self._dups: NearDuplicates | None = None
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise error("E303", path=self.path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                pid = re.search(r"PID (\d+)", str(exc))  # DuckDB names the process holding the lock
                raise error("E301", path=self.path, holder=f" (PID {pid.group(1)})" if pid else "") from None
            raise
        self.read_only = read_only
        self._one_thread = False  # set at the first write, see write_batch
        self._check_version()
        if window_days is not None and not read_only:
            self.set_happening_window(window_days)

    # ------------------------------------------------------------------ schema
    def _version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'").fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0

    def _check_version(self) -> None:
        found = self._version()
        if found > SCHEMA_VERSION:
            raise error("E302", path=self.path, found=found, supported=SCHEMA_VERSION)
        if found < SCHEMA_VERSION and not self.read_only:
            self.migrate()

    def migrate(self) -> None:
        """Apply every migration the store has not seen, each in its own transaction."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
        for version in range(self._version(), SCHEMA_VERSION):
            self.con.execute("BEGIN TRANSACTION")
            for stmt in MIGRATIONS[version]:
                self.con.execute(stmt)
            self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [version + 1, _now()])
            self.con.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return self._version()

    # ------------------------------------------------------------------ writes
    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, coded: Sequence[CodedArticle]) -> int:
        """Insert whole articles with their events and entities in one transaction; returns events written.

        Articles already stored are skipped, so a batch can be replayed after an interruption.
        """
        if not coded:
            return 0
        already = self.stored_ids(c.article.id for c in coded)
        fresh, seen = [], set(already)
        for c in coded:
            if c.article.id not in seen:
                seen.add(c.article.id)
                fresh.append(c)
        if not fresh:
            return 0
        if not self._one_thread:
            # A writer's statements are small (one batch): DuckDB's other threads add CPU time (~25% of the
            # write) and no speed. Set once: changing it back and forth starts and stops threads every batch.
            self.con.execute("SET threads TO 1")
            self._one_thread = True
        now = _now()
        if self._dups is None:
            self._dups = NearDuplicates(self.con)
        try:
            dups = self._dups.assign([(c.article.id, c.knowledge.signature if c.knowledge else None) for c in fresh])
        except BaseException:
            self._dups.rollback()
            raise
        articles = [{
            "id": a.id, "url": a.url, "title": a.title, "source": a.source, "date": a.date, "author": a.author,
            "path": a.path, "language": a.language, "text": a.text, "ingested_at": now, "n_events": len(c.events),
            "duplicate_of": dups[a.id][0] if a.id in dups else None,
            "duplicate_similarity": dups[a.id][1] if a.id in dups else None,
        } for c in fresh for a in [c.article]]
        events, ids = [], set()
        for c in fresh:
            for ev in c.events:
                ev.id = ev.id or event_id(ev)
                if ev.id not in ids:
                    ids.add(ev.id)
                    events.append(event_row(ev))
        entities = [{"article_id": e.article_id, "label": e.label, "text": e.text, "start": e.start,
                     "end": e.end, "actor_code": e.actor_code} for c in fresh for e in c.entities]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert("articles", _arrow(articles, ARTICLE_COLUMNS))
            if events:
                self._insert("events", _arrow(events, EVENT_COLUMNS))
            if entities:
                self._insert("entities", _arrow(entities, ENTITY_COLUMNS))
            for table, data in knowledge_tables(fresh).items():
                self._insert(table, data)
            update_happenings(self.con, [e["id"] for e in events], self.window_days)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            self._dups.rollback()
            raise
        self._dups.commit()
        return len(events)

    def set_happening_window(self, days: int) -> None:
        """Use a happening window of `days` days; a window other than the store's rebuilds every happening."""
        self.window_days = days
        self.con.execute("BEGIN TRANSACTION")
        try:
            update_happenings(self.con, [], days)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, data: pa.Table) -> None:
        self.con.register("_batch", data)
        try:
            cols = ", ".join(f'"{c}"' for c in data.column_names)
            self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _batch")
        finally:
            self.con.unregister("_batch")

    def record_rejections(self, rejections: Sequence[Rejection]) -> None:
        """Record inputs that could not be read, all in one statement."""
        if rejections:
            now = _now()
            rows = [{"path": r.path, "code": r.code, "reason": r.reason, "rejected_at": now} for r in rejections]
            self._insert("rejections", _arrow(rows, REJECTION_COLUMNS))

    # ------------------------------------------------------------------ reads
    def events(self, filters: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Stored events matching the filters (all of them by default), in date and reading order."""
        where, params = where_clause(filters or Filters())
        sql = f"SELECT * FROM events {where} ORDER BY date NULLS LAST, article_id, sentence_index, verb_start, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "events", "entities", "rejections", "happenings")}

    def happenings(self, *, actor: str | None = None, root: str | None = None, min_mentions: int = 1,
                   limit: int | None = None) -> list[dict]:
        """Stored happenings (merged events), most mentioned first; see store/happenings.py for the rule."""
        return query_happenings(self.con, actor=actor, root=root, min_mentions=min_mentions, limit=limit)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
