"""What live ingestion remembers in the store (tables of migration 1 -> 2 in store/schema.py).

* ``live_http``: per URL (feed, sitemap or page) the ETag / Last-Modified of the last 200, sent back as
  If-None-Match / If-Modified-Since, with what the URL turned out to be (``kind``) and, for a sitemap
  index, its child sitemaps (read again when the index answers 304). A page's validators are saved only
  once its article is stored, so a 304 can never hide a page that was not coded.
* ``live_urls``: every article URL seen, with the source line that found it and its state: ``pending``
  (to fetch), ``done``, ``failed`` (given up after ``live_max_attempts`` tries, or a permanent error) or
  ``blocked`` (robots.txt). ``versions`` counts the stored versions; ``content_hash`` is the latest one.
* ``live_versions``: one row per stored version of a URL: the article it points to, its content hash, whether
  this fetch added a new article (false: the text was already stored, from another URL or another run),
  the article date and its ``date_source`` (page | feed | fetch).
* ``live_failures``: one row per failure: when, which source, which URL, the error code and message.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date as Date, datetime

from .feeds import Entry, Source
from .fetcher import Fetched, Validators, utcnow

# A failed page with one of these codes is not tried again (the others are, up to live_max_attempts times).
PERMANENT = frozenset({"E701", "E702", "E706", "E707", "E708", "E717", "E111", "E104", "E115", "E103"})


def content_hash(text: str) -> str:
    """sha256 of the NFC, casefolded, whitespace-collapsed text (the normalisation of `article_id`)."""
    norm = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class HttpRow:
    validators: Validators | None
    kind: str | None  # feed | sitemap | page: what the URL turned out to be
    children: list[str]  # the child sitemaps of a sitemap index


@dataclass
class UrlRow:
    url: str
    source: str
    outlet: str | None
    language: str | None
    country: str | None
    feed_title: str | None
    feed_date: Date | None
    feed_updated: str | None
    state: str
    attempts: int
    versions: int
    content_hash: str | None


_URL_COLUMNS = ("url, source, outlet, language, country, feed_title, feed_date, feed_updated, state, attempts, "
                "versions, content_hash")


class LiveState:
    """Reads and writes the live_* tables through the store's connection (main thread only)."""

    def __init__(self, con, *, max_attempts: int = 3):
        self.con = con
        self.max_attempts = max_attempts

    # ---------------------------------------------------------------- HTTP validators
    def http(self, urls: list[str]) -> dict[str, HttpRow]:
        """What is known about these URLs from earlier fetches: validators, kind and child sitemaps."""
        if not urls:
            return {}
        rows = self.con.execute(
            "SELECT url, etag, last_modified, kind, children FROM live_http WHERE url IN (SELECT unnest(?))",
            [list(urls)]).fetchall()
        return {u: HttpRow(Validators(e, m) if e or m else None, k, list(c or [])) for u, e, m, k, c in rows}

    def validators(self, urls: list[str]) -> dict[str, Validators]:
        return {u: r.validators for u, r in self.http(urls).items() if r.validators}

    def save_validators(self, fetched: Fetched, url: str | None = None, *, kind: str = "page",
                        children: list[str] | None = None) -> None:
        v = fetched.validators
        self.con.execute(
            """INSERT INTO live_http VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET
               etag = excluded.etag, last_modified = excluded.last_modified, status = excluded.status,
               fetched_at = excluded.fetched_at, kind = excluded.kind, children = excluded.children""",
            [url or fetched.url, v.etag, v.last_modified, fetched.status, fetched.fetched_at, kind, children or []])

    # ---------------------------------------------------------------- URLs
    def rows(self, urls: list[str]) -> dict[str, UrlRow]:
        if not urls:
            return {}
        cur = self.con.execute(f"SELECT {_URL_COLUMNS} FROM live_urls WHERE url IN (SELECT unnest(?))",
                               [list(urls)])
        return {r[0]: UrlRow(*r) for r in cur.fetchall()}

    def add_entries(self, source: Source, outlet: str | None, entries: list[Entry], *, refetch_changed: bool) -> int:
        """Remember the entries of a listing; returns how many URLs are new or queued again.
        A known URL is queued again only when `refetch_changed` and the listing's change marker moved."""
        unique: dict[str, Entry] = {}
        for e in entries:
            unique.setdefault(e.url, e)
        known = self.rows(list(unique))
        now = utcnow()
        fresh, requeue, marks = [], [], []
        for url, e in unique.items():
            row = known.get(url)
            if row is None:
                fresh.append([url, source.url, outlet, source.language, source.country, e.title, e.date, e.updated,
                              "pending", 0, None, 0, None, None, now, None])
            elif e.updated and e.updated != row.feed_updated:
                if row.feed_updated and refetch_changed and row.state == "done":
                    requeue.append([e.updated, e.date or row.feed_date, e.title or row.feed_title, url])
                else:
                    marks.append([e.updated, url])
        if fresh:
            self.con.executemany(
                "INSERT INTO live_urls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                fresh)
        if requeue:
            self.con.executemany(
                """UPDATE live_urls SET state = 'pending', attempts = 0, feed_updated = ?, feed_date = ?,
                   feed_title = ? WHERE url = ?""", requeue)
        if marks:
            self.con.executemany("UPDATE live_urls SET feed_updated = ? WHERE url = ?", marks)
        return len(fresh) + len(requeue)

    def ensure_page_source(self, source: Source) -> UrlRow:
        """The live_urls row of a page listed in the sources file (its own source)."""
        self.con.execute(
            "INSERT INTO live_urls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [source.url, source.url, source.name, source.language, source.country, None, None, None, "pending", 0,
             None, 0, None, None, utcnow(), None])
        return self.rows([source.url])[source.url]

    def pending(self, sources: list[str], per_source: int, exclude: set[str]) -> tuple[list[UrlRow], int]:
        """Pending URLs of these sources, oldest first, at most `per_source` each; and how many wait longer."""
        if not sources:
            return [], 0
        cur = self.con.execute(
            f"""SELECT {_URL_COLUMNS} FROM live_urls WHERE state = 'pending' AND source IN (SELECT unnest(?))
                ORDER BY first_seen, rowid""", [list(sources)])  # rowid: the order of the listing
        chosen, waiting, counts = [], 0, {}
        for r in cur.fetchall():
            row = UrlRow(*r)
            if row.url in exclude:
                continue
            if counts.get(row.source, 0) >= per_source:
                waiting += 1
                continue
            counts[row.source] = counts.get(row.source, 0) + 1
            chosen.append(row)
        return chosen, waiting

    # ---------------------------------------------------------------- outcomes
    def known_hashes(self, hashes: list[str]) -> dict[str, str]:
        """content hash -> article id, for hashes already stored by live ingestion."""
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, article_id FROM live_versions WHERE content_hash IN (SELECT unnest(?))",
            [list(hashes)]).fetchall()
        return {h: a for h, a in rows}

    def record_version(self, row: UrlRow, fetched: Fetched, *, article_id: str, chash: str, new_article: bool,
                       date: Date | None, date_source: str, title: str | None) -> int:
        version = row.versions + 1
        self.con.execute("INSERT INTO live_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         [row.url, version, article_id, chash, new_article, date, date_source, title,
                          fetched.fetched_at])
        self.con.execute(
            """UPDATE live_urls SET state = 'done', attempts = 0, error = NULL, versions = ?, article_id = ?,
               content_hash = ?, last_fetched = ? WHERE url = ?""",
            [version, article_id, chash, fetched.fetched_at, row.url])
        self.save_validators(fetched, row.url)
        row.versions, row.content_hash, row.state = version, chash, "done"
        return version

    def record_unchanged(self, row: UrlRow, fetched: Fetched) -> None:
        self.con.execute("UPDATE live_urls SET state = 'done', attempts = 0, error = NULL, last_fetched = ? "
                         "WHERE url = ?", [fetched.fetched_at, row.url])
        self.save_validators(fetched, row.url)

    def record_page_failure(self, row: UrlRow, code: str, reason: str) -> str:
        """Count a failed fetch of a page; returns its new state."""
        attempts = row.attempts + 1
        if code == "E708":
            new_state = "blocked"
        elif code in PERMANENT or attempts >= self.max_attempts:
            new_state = "failed"
        else:
            new_state = "pending"
        if row.versions > 0 and new_state != "blocked":
            new_state = "done" if new_state == "failed" else new_state  # keep the stored version as current
        self.con.execute("UPDATE live_urls SET state = ?, attempts = ?, error = ?, last_fetched = ? WHERE url = ?",
                         [new_state, attempts, f"{reason} [{code}]", utcnow(), row.url])
        row.state, row.attempts = new_state, attempts
        return new_state

    def log_failure(self, source: str, url: str, code: str, reason: str, at: datetime | None = None) -> None:
        self.con.execute("INSERT INTO live_failures VALUES (?, ?, ?, ?, ?)",
                         [at or utcnow(), source, url, code, reason])

    # ---------------------------------------------------------------- transactions
    def begin(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.con.execute("COMMIT")
