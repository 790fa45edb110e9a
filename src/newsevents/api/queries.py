"""The SQL behind the HTTP API: one filter model, one WHERE builder, and the list, detail and aggregate queries.

Every value a user sends reaches DuckDB as a bound parameter. The only pieces of SQL chosen from user input
are column names and date-bucket units, and those are looked up in fixed tables here (never formatted in).
All aggregation runs in DuckDB, so the dashboard stays fast on a store of hundreds of thousands of events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date

from ..coding.ontology import PLOVER_TYPES
from ..errors import error
from ..store.filters import Filters, where_clause

MODES = ("asserted", "planned", "hypothetical", "negated", "reported")
QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}

MAX_LIMIT = 500          # events per page
MAX_DYADS = 500
MAX_PLACES = 5000
CONTEXT_CHARS = 600      # article text shown on each side of an evidence sentence

_CODE_RE = re.compile(r"^[A-Z0-9]{1,32}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2,3}$")
_CAMEO_RE = re.compile(r"^[0-9]{1,4}$")
_ROOT_RE = re.compile(r"^(0[1-9]|1[0-9]|20)$")


class QueryError(Exception):
    """A bad parameter: becomes a 422 JSON error with code E502."""

    def __init__(self, param: str, reason: str):
        self.param = param
        self.reason = reason
        super().__init__(error("E502", param=param, reason=reason).message)


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_date(param: str, value: str | None) -> Date | None:
    value = _blank(value)
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise QueryError(param, error("E112", value=value[:40]).message)
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise QueryError(param, error("E112", value=value[:40]).message) from None


def _code(param: str, value: str | None, pattern: re.Pattern = _CODE_RE, what: str = "an actor code") -> str | None:
    value = _blank(value)
    if value is None:
        return None
    value = value.upper()
    if not pattern.match(value):
        raise QueryError(param, f"'{value[:40]}' is not {what}")
    return value


def _text(param: str, value: str | None, limit: int) -> str | None:
    value = _blank(value)
    if value is not None and len(value) > limit:
        raise QueryError(param, f"longer than {limit} characters")
    return value


def _list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def parse_filters(raw: dict[str, str | None]) -> Filters:
    """Validate the filter parameters of a request (strings as sent) into a `Filters`; raises QueryError."""
    since = parse_date("since", raw.get("since"))
    until = parse_date("until", raw.get("until"))
    if since and until and since > until:
        raise QueryError("since", f"{since} is after until={until}")
    quads = []
    for v in _list(raw.get("quad_class")):
        if v not in {"1", "2", "3", "4"}:
            raise QueryError("quad_class", f"'{v[:20]}' is not a QuadClass (1, 2, 3 or 4; comma-separated)")
        quads.append(int(v))
    modes = []
    for v in _list(raw.get("mode")):
        if v.lower() not in MODES:
            raise QueryError("mode", f"'{v[:40]}' is not a mode (choose from {', '.join(MODES)})")
        modes.append(v.lower())
    plovers = []
    for v in _list(raw.get("plover")):
        if v.upper() not in PLOVER_TYPES:
            raise QueryError("plover", f"'{v[:40]}' is not a PLOVER category ({', '.join(sorted(PLOVER_TYPES))})")
        plovers.append(v.upper())
    return Filters(
        since=since, until=until,
        actor=_code("actor", raw.get("actor")),
        country=_code("country", raw.get("country"), _COUNTRY_RE, "an ISO3 country code"),
        source=_code("source", raw.get("source")),
        target=_code("target", raw.get("target")),
        code=_code("code", raw.get("code"), _CAMEO_RE, "a CAMEO code prefix (1 to 4 digits)"),
        root=_code("root", raw.get("root"), _ROOT_RE, "a CAMEO root code (01 to 20)"),
        plover=tuple(dict.fromkeys(plovers)), quad_class=tuple(sorted(set(quads))), mode=tuple(dict.fromkeys(modes)),
        place=_text("place", raw.get("place"), 200),
        q=_text("q", raw.get("q"), 500),
        article=_text("article", raw.get("article"), 200),
    )


# ---------------------------------------------------------------------------- helpers
def _rows(cur, sql: str, params: list) -> list[dict]:
    cur.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _one(cur, sql: str, params: list) -> dict | None:
    rows = _rows(cur, sql, params)
    return rows[0] if rows else None


def _round(value, digits: int = 2):
    return None if value is None else round(float(value), digits)


# ---------------------------------------------------------------------------- events
LIST_COLUMNS = ("id", "article_id", "date", "source_code", "source_name", "source_country", "target_code",
                "target_name", "target_country", "verb", "code", "root_code", "plover", "quad_class", "goldstein",
                "mode", "place_name", "place_country", "sentence")

SORTS = {  # public name -> column (the only way a column name gets into SQL)
    "date": "date", "goldstein": "goldstein", "quad_class": "quad_class", "code": "code", "source": "source_code",
    "target": "target_code", "plover": "plover", "mode": "mode", "place": "place_name", "article": "article_id",
}
DEFAULT_SORT = "-date"


def parse_sort(value: str | None) -> tuple[str, str]:
    value = _blank(value) or DEFAULT_SORT
    desc = value.startswith("-")
    name = value.lstrip("-+")
    if name not in SORTS:
        raise QueryError("sort", f"cannot sort by '{name[:40]}' (choose from {', '.join(SORTS)}; '-' before "
                                 "a name sorts descending)")
    return SORTS[name], "DESC" if desc else "ASC"


def parse_int(param: str, value: str | None, default: int, *, minimum: int, maximum: int | None = None) -> int:
    """An integer parameter; values above `maximum` are capped (a huge limit gets the largest page)."""
    value = _blank(value)
    if value is None:
        return default
    try:
        n = int(value)
    except ValueError:
        raise QueryError(param, f"'{value[:40]}' is not a whole number") from None
    if n < minimum:
        raise QueryError(param, f"must be at least {minimum}")
    return min(n, maximum if maximum is not None else _MAX_BIGINT)  # DuckDB refuses a LIMIT/OFFSET past BIGINT


_MAX_BIGINT = 2**63 - 1


def list_events(cur, f: Filters, *, sort: tuple[str, str], limit: int, offset: int) -> dict:
    where, params = where_clause(f)
    total = cur.execute(f"SELECT count(*) FROM events {where}", params).fetchone()[0]
    column, direction = sort
    cols = ", ".join(LIST_COLUMNS)
    items = _rows(cur, f"SELECT {cols} FROM events {where} "
                       f"ORDER BY {column} {direction} NULLS LAST, article_id, sentence_index, verb_start, id "
                       "LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _span(row: dict, prefix: str, text: str | None) -> dict | None:
    start, end = row.get(f"{prefix}_start"), row.get(f"{prefix}_end")
    if start is None or end is None:
        return None
    s0 = row.get("sentence_start") or 0
    span_text = text[start - s0:end - s0] if text is not None and start >= s0 else None
    return {"start": start, "end": end, "text": span_text}


def get_event(cur, event_id: str) -> dict | None:
    row = _one(cur, "SELECT * FROM events WHERE id = ?", [event_id])
    if row is None:
        return None
    from ..coding.ontology import Ontology

    cameo = Ontology.load().get(row["code"])
    row["code_name"] = cameo.name if cameo else None
    row["quad_class_name"] = QUAD_CLASSES.get(row["quad_class"])
    sentence = row.get("sentence")
    row["evidence"] = {
        "text": sentence, "start": row.get("sentence_start"), "end": row.get("sentence_end"),
        "source_span": _span(row, "source", sentence), "verb_span": _span(row, "verb", sentence),
        "target_span": _span(row, "target", sentence),
    }
    s, e = row.get("sentence_start"), row.get("sentence_end")
    article = _one(cur, """
        SELECT id, title, date, source, url, author, n_events, length(text) AS length,
               CASE WHEN ? IS NULL THEN NULL ELSE substring(text, greatest(? - ?, 0) + 1, ? - greatest(? - ?, 0)) END
                   AS before,
               CASE WHEN ? IS NULL THEN NULL ELSE substring(text, ? + 1, ?) END AS after
        FROM articles WHERE id = ?""", [s, s, CONTEXT_CHARS, s, s, CONTEXT_CHARS, e, e, CONTEXT_CHARS,
                                        row["article_id"]])
    if article is not None:
        before, after = article.pop("before"), article.pop("after")
        row["context"] = {"before": before, "after": after,
                          "truncated_before": s is not None and s > CONTEXT_CHARS,
                          "truncated_after": e is not None and e + CONTEXT_CHARS < article["length"]}
    else:
        row["context"] = None
    row["article"] = article
    return row


def get_article(cur, article_id: str) -> dict | None:
    article = _one(cur, "SELECT id, url, title, source, date, author, path, language, text, ingested_at, n_events "
                        "FROM articles WHERE id = ?", [article_id])
    if article is None:
        return None
    article["entities"] = _rows(cur, 'SELECT label, text, start, "end", actor_code FROM entities '
                                     'WHERE article_id = ? ORDER BY start, "end"', [article_id])
    cols = ", ".join(LIST_COLUMNS + ("sentence_index", "sentence_start", "sentence_end", "source_start",
                                     "source_end", "verb_start", "verb_end", "target_start", "target_end"))
    article["events"] = _rows(cur, f"SELECT {cols} FROM events WHERE article_id = ? "
                                   "ORDER BY sentence_index, verb_start, id", [article_id])
    return article


# ---------------------------------------------------------------------------- aggregates
BUCKETS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _auto_bucket(cur, where: str, params: list) -> str:
    first, last = cur.execute(f"SELECT min(date), max(date) FROM events {where}", params).fetchone()
    if first is None:
        return "day"
    days = (last - first).days
    return "day" if days <= 180 else "week" if days <= 3 * 365 else "month" if days <= 30 * 365 else "year"


def timeline(cur, f: Filters, *, bucket: str = "auto") -> dict:
    """Events per time bucket split by QuadClass, with the mean Goldstein score of the bucket."""
    where, params = where_clause(f, extra=["date IS NOT NULL"])
    if bucket == "auto":
        bucket = _auto_bucket(cur, where, params)
    if bucket not in BUCKETS:
        raise QueryError("bucket", f"'{bucket[:20]}' is not one of auto, {', '.join(BUCKETS)}")
    rows = _rows(cur, f"""
        SELECT CAST(date_trunc(?, date) AS DATE) AS date,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4,
               count(*) AS total, avg(goldstein) AS goldstein
        FROM events {where} GROUP BY 1 ORDER BY 1""", [BUCKETS[bucket]] + params)
    for r in rows:
        r["goldstein"] = _round(r["goldstein"])
    return {"bucket": bucket, "items": rows}


def dyads(cur, f: Filters, *, limit: int = 60) -> dict:
    """Top pairs of different countries (source -> target) with their count and mean Goldstein score."""
    where, params = where_clause(f, extra=["source_country IS NOT NULL", "target_country IS NOT NULL",
                                           "source_country <> ''", "target_country <> ''",
                                           "source_country <> target_country"])
    rows = _rows(cur, f"""
        SELECT source_country AS source, target_country AS target, count(*) AS count,
               avg(goldstein) AS goldstein,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               count(*) OVER () AS dyads
        FROM events {where} GROUP BY 1, 2 ORDER BY count DESC, source, target LIMIT ?""", params + [limit])
    total = rows[0]["dyads"] if rows else 0
    for r in rows:
        r.pop("dyads")
        r["goldstein"] = _round(r["goldstein"])
    return {"total": total, "items": rows}


def places(cur, f: Filters, *, limit: int = 1000) -> dict:
    """Events by resolved place: coordinates, count, mean Goldstein and the most frequent QuadClass."""
    where, params = where_clause(f, extra=["place_lat IS NOT NULL", "place_lon IS NOT NULL"])
    rows = _rows(cur, f"""
        WITH per_quad AS (
            SELECT place_name, place_country, place_lat, place_lon, quad_class,
                   count(*) AS n, sum(goldstein) AS g, count(goldstein) AS ng
            FROM events {where} GROUP BY ALL)
        SELECT place_name AS name, place_country AS country, place_lat AS lat, place_lon AS lon,
               sum(n) AS count, sum(g) / nullif(sum(ng), 0) AS goldstein,
               arg_max(quad_class, n * 8 - coalesce(quad_class, 0)) AS quad_class,
               count(*) OVER () AS places
        FROM per_quad GROUP BY ALL ORDER BY count DESC, name LIMIT ?""", params + [limit])
    total = rows[0]["places"] if rows else 0
    for r in rows:
        r.pop("places")
        r["count"] = int(r["count"])
        r["goldstein"] = _round(r["goldstein"])
    return {"total": total, "items": rows}


def meta(cur) -> dict:
    """What the store holds, for the dashboard's headline and filter choices."""
    from ..coding.ontology import Ontology

    counts = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events")}
    first, last = cur.execute("SELECT min(date), max(date) FROM events").fetchone()
    return {
        **counts, "first_date": first, "last_date": last,
        "modes": list(MODES), "plover": sorted(PLOVER_TYPES),
        "quad_classes": [{"value": k, "name": v} for k, v in QUAD_CLASSES.items()],
        "cameo_roots": [{"code": c.code, "name": c.name} for c in Ontology.load().roots()],
        "sorts": list(SORTS),
    }
