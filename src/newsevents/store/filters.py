"""Event filters as one typed record and the one function that turns them into SQL.

The CLI (`newsevents events`), the exports and the HTTP API all filter events through `where_clause`, so a
filter means the same everywhere. Every value reaches DuckDB as a bound parameter.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date


@dataclass(frozen=True)
class Filters:
    """The filters every list and aggregate endpoint understands (all optional, combined with AND)."""

    since: Date | None = None
    until: Date | None = None
    actor: str | None = None          # actor code prefix on either side ("JPN", "USAGOV")
    country: str | None = None        # ISO3 country of either actor
    source: str | None = None         # source actor code prefix or source country
    target: str | None = None         # target actor code prefix or target country
    code: str | None = None           # CAMEO code prefix ("04" = every consult, "042")
    root: str | None = None           # CAMEO root code, exactly ("04")
    plover: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    mode: tuple[str, ...] = ()
    place: str | None = None          # place name (case-insensitive) or ISO3 country of the place
    q: str | None = None              # words in the evidence sentence
    article: str | None = None        # article id

    PARAMS = ("since", "until", "actor", "country", "source", "target", "code", "root", "plover", "quad_class",
              "mode", "place", "q", "article")


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(f: Filters, *, extra: list[str] | None = None) -> tuple[str, list]:
    """The WHERE clause (with its bound parameters) for a set of filters; shared by every query below."""
    where, params = list(extra or []), []
    if f.since:
        where.append("date >= ?")
        params.append(f.since)
    if f.until:
        where.append("date <= ?")
        params.append(f.until)
    if f.actor:
        where.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
        params += [f.actor, f.actor]
    if f.country:
        where.append("(source_country = ? OR target_country = ?)")
        params += [f.country, f.country]
    if f.source:
        where.append("(starts_with(source_code, ?) OR source_country = ?)")
        params += [f.source, f.source]
    if f.target:
        where.append("(starts_with(target_code, ?) OR target_country = ?)")
        params += [f.target, f.target]
    if f.code:
        where.append("starts_with(code, ?)")
        params.append(f.code)
    if f.root:
        where.append("root_code = ?")
        params.append(f.root)
    for column, values in (("plover", f.plover), ("quad_class", f.quad_class), ("mode", f.mode)):
        if values:
            where.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params += list(values)
    if f.place:
        where.append("(lower(place_name) = lower(?) OR place_country = upper(?))")
        params += [f.place, f.place]
    if f.q:
        where.append("sentence ILIKE ? ESCAPE '\\'")
        params.append(_like_pattern(f.q))
    if f.article:
        where.append("article_id = ?")
        params.append(f.article)
    return ("WHERE " + " AND ".join(where)) if where else "", params
