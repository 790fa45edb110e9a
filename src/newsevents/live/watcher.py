"""Watch cycles: poll the sources, fetch the new pages, code the new articles, remember everything.

One cycle (`Watcher.cycle`):

1. Every source is polled (several at once, one host at a time): a feed or sitemap is fetched with the
   validators stored for it; a 304 means nothing new. Its entries go into ``live_urls``: a URL never seen
   is queued (``pending``); a known URL is queued again only when its feed ``updated`` / sitemap
   ``lastmod`` moved (and ``live_page_changes`` is "version"). A sitemap index has its child sitemaps read
   (up to ``live_max_sitemaps``). A page source (``type=page``, or a line whose content turns out to be
   HTML) is itself the article: it is fetched every cycle with its validators.
2. Pending URLs of the sources are fetched, at most ``live_max_pages_per_source`` per source per cycle (the
   rest wait for the next cycle, so a large sitemap never floods one cycle).
3. Each page goes through the same HTML path as ``newsevents run`` (`ingest.readers.read_html`: trafilatura
   and the junk-line cleaning). Its content hash decides: the same hash as the URL's latest version ->
   unchanged; a hash already stored (the article came through another feed, URL or run) -> a version row
   pointing to the existing article, nothing coded; otherwise a new article is coded and stored. For a
   known URL that is a new version: a new article (new id) linked to the URL by ``live_versions``; the old
   version and its events stay.
4. The article date is the page's own date, else the feed's or sitemap's date for the entry, else the day
   it was fetched; ``live_versions.date_source`` says which (``page``, ``feed`` or ``fetch``).

Failures never stop a cycle: each is logged (``live_failures``, and `on_failure`) with its source, and a
failing page is tried again in later cycles up to ``live_max_attempts`` times. Everything is in the store,
so a watcher started again on the same file carries on where the last one stopped. The store is opened
for each cycle and closed between cycles, so other commands can read it while a watch waits.
"""
from __future__ import annotations

import dataclasses
import itertools
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsevents.errors import error
from newsevents.ingest.decode import Reject
from newsevents.ingest.readers import read_html
from newsevents.records import Article
from newsevents.settings import Settings

from .feeds import Listing, ListingError, Source, normalize_url, parse_feed, parse_sitemap, sniff
from .fetcher import Fetched, FetchError, Fetcher
from .state import HttpRow, LiveState, UrlRow, content_hash

log = logging.getLogger(__name__)

DATE_SOURCES = ("page", "feed", "fetch")


@dataclass(frozen=True)
class Failure:
    source: str  # the line of the sources file it belongs to
    url: str  # what failed (the source itself, a child sitemap or a page)
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason} [{self.code}]"


@dataclass
class CycleReport:
    """What one cycle did; `line()` is the progress line printed after it."""

    cycle: int = 0
    sources: int = 0
    sources_failed: int = 0
    pages_fetched: int = 0
    new_articles: int = 0
    new_versions: int = 0  # known pages whose text changed, coded again
    duplicates: int = 0  # pages whose text was already stored
    unchanged: int = 0  # pages fetched again (or answered 304) with the same text
    events: int = 0
    waiting: int = 0  # pending pages left for later cycles
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"fetched {self.pages_fetched} pages: {self.new_articles} new articles, {self.new_versions} new "
                f"versions, {self.duplicates} duplicates, {self.unchanged} unchanged, {self.events} events; "
                f"{len(self.failures)} failures; {self.waiting} waiting [{self.seconds:.1f} s]")

    def line(self) -> str:
        failed = f" ({self.sources_failed} failed)" if self.sources_failed else ""
        return f"cycle {self.cycle}: polled {self.sources} sources{failed}, {self.summary()}"


@dataclass
class _Poll:
    source: Source
    url: str
    kind: str  # what was asked: auto | feed | sitemap | page
    fetched: Fetched | None = None
    listing: Listing | None = None
    failure: FetchError | None = None
    depth: int = 0
    info: HttpRow | None = None  # what an earlier fetch learnt about the URL


@dataclass
class _Candidate:
    row: UrlRow
    fetched: Fetched
    article: Article
    chash: str
    date_source: str


_INTERVAL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_interval(value: str | float | int) -> float:
    """'90s', '15m', '1h', '1d' or a number of seconds -> seconds; NewsEventsError E713 otherwise."""
    if isinstance(value, (int, float)) and value > 0:
        return float(value)
    m = _INTERVAL_RE.match(str(value))
    if not m or float(m.group(1)) <= 0:
        raise error("E713", value=value)
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2).lower()]


class Watcher:
    """Polls `sources` into the DuckDB file `db_path`; `cycle()` once, `run()` until stopped."""

    def __init__(self, sources: Sequence[Source], db_path: str, settings: Settings | None = None, *,
                 pipeline=None, allow_private: bool | None = None, fetcher: Fetcher | None = None,
                 on_failure: Callable[[Failure], None] | None = None):
        self.sources = list(sources)
        self.db_path = str(db_path)
        self.settings = settings or Settings.from_env()
        self._pipeline = pipeline
        self.fetcher = fetcher or Fetcher(self.settings, allow_private=allow_private)
        self.on_failure = on_failure
        self.cycles = 0
        self._by_url = {s.url: s for s in self.sources}

    @property
    def pipeline(self):
        if self._pipeline is None:
            from newsevents.pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def close(self) -> None:
        self.fetcher.close()

    # ------------------------------------------------------------------------------------------- loop
    def run(self, every: float | None = None, cycles: int = 0, *,
            on_cycle: Callable[[CycleReport], None] | None = None,
            on_error: Callable[[int, Exception], None] | None = None, sleep=time.sleep) -> None:
        """Cycle every `every` seconds (from the start of one to the start of the next) until `cycles` are done
        (0: until interrupted). An error that breaks a whole cycle (e.g. the store locked by another writer)
        is reported through `on_error` and the next cycle is tried as planned."""
        every = self.settings.live_every if every is None else every
        done = 0
        while True:
            started = time.monotonic()
            try:
                report = self.cycle()
                if on_cycle:
                    on_cycle(report)
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # one broken cycle must not end a watch
                log.debug("cycle failed", exc_info=True)
                if on_error:
                    on_error(self.cycles, exc)
            done += 1
            if cycles and done >= cycles:
                return
            sleep(max(0.0, every - (time.monotonic() - started)))

    def cycle(self) -> CycleReport:
        from newsevents.store import Store

        self.cycles += 1
        started = time.monotonic()
        report = CycleReport(cycle=self.cycles, sources=len(self.sources))
        self.fetcher.new_cycle()
        with Store(self.db_path) as store:
            state = LiveState(store.con, max_attempts=self.settings.live_max_attempts)
            pages = self._poll_sources(state, report)
            handled = {row.url for row, _ in pages}
            rows, report.waiting = state.pending([s.url for s in self.sources],
                                                 self.settings.live_max_pages_per_source, handled)
            pages += self._fetch_pages(state, rows)
            self._store_pages(store, state, pages, report)
        report.seconds = time.monotonic() - started
        return report

    # ------------------------------------------------------------------------------------------- stage 1
    def _poll_sources(self, state: LiveState, report: CycleReport) -> list[tuple[UrlRow, Fetched | FetchError]]:
        policy = self.settings.live_page_changes
        urls = [s.url for s in self.sources]
        known, rows = state.http(urls), state.rows(urls)
        jobs: list[_Poll] = []
        for source in self.sources:
            info = known.get(source.url)
            kind = source.type if source.type != "auto" else (info.kind if info and info.kind else "auto")
            if kind == "page" and policy == "ignore" and source.url in rows and rows[source.url].versions:
                continue  # changes of known pages are ignored: never fetched again
            jobs.append(_Poll(source, source.url, kind, info=info))
        pages: list[tuple[UrlRow, Fetched | FetchError]] = []
        failed_sources: set[str] = set()
        depth = 0
        while jobs:
            results = self._parallel(self._poll, jobs)
            children: list[_Poll] = []
            state.begin()
            try:
                for job in results:
                    if job.failure is not None:
                        failed_sources.add(job.source.url)
                        self._fail(state, report, job.source.url, job.url, job.failure)
                        if job.kind == "page":
                            pages.append((state.ensure_page_source(job.source), job.failure))
                        continue
                    if job.kind == "page":  # the source is itself an article page (200 or 304)
                        pages.append((state.ensure_page_source(job.source), job.fetched))
                        continue
                    listing = job.listing
                    if listing.entries:
                        state.add_entries(job.source, job.source.name or listing.title, listing.entries,
                                          refetch_changed=policy == "version")
                    if depth < 2:
                        children += [_Poll(job.source, child, "sitemap", depth=depth + 1)
                                     for child in listing.sitemaps[: self.settings.live_max_sitemaps]]
                    if not job.fetched.not_modified:  # only now: its entries are remembered
                        state.save_validators(job.fetched, job.url, kind=job.kind, children=listing.sitemaps)
            finally:
                state.commit()
            child_info = state.http([c.url for c in children])
            for child in children:
                child.info = child_info.get(child.url)
            jobs = children
            depth += 1
        report.sources_failed = len(failed_sources)
        return pages

    def _poll(self, job: _Poll) -> _Poll:
        """Fetch one source or child sitemap (in a worker thread: no store access here)."""
        fetch_kind = {"page": "page", "feed": "feed", "sitemap": "feed"}.get(job.kind, "source")
        # validators only when we know what the URL is (and, for a sitemap index, its children)
        validators = job.info.validators if job.info and job.info.kind and job.kind != "auto" else None
        try:
            fetched = self.fetcher.get(job.url, kind=fetch_kind, validators=validators)
        except FetchError as exc:
            job.failure = exc
            return job
        job.fetched = fetched
        if fetched.not_modified:  # nothing new: a page is unchanged, a feed has no new entries
            if job.kind != "page":
                job.listing = Listing(kind=job.kind, sitemaps=list(job.info.children) if job.info else [])
            return job
        if job.kind == "auto":
            job.kind = sniff(fetched.content, fetched.content_type)
        if job.kind == "page":
            return job
        try:
            job.listing = (parse_sitemap(fetched.content, fetched.final_url) if job.kind == "sitemap"
                           else parse_feed(fetched.content, fetched.final_url, fetched.content_type))
        except ListingError as exc:
            job.failure = FetchError("E710", kind=job.kind, url=job.url, reason=str(exc))
        except Exception as exc:  # a parser bug on hostile input must not stop the cycle
            job.failure = FetchError("E710", kind=job.kind, url=job.url, reason=f"{type(exc).__name__}: {exc}")
        return job

    # ------------------------------------------------------------------------------------------- stage 2
    def _fetch_pages(self, state: LiveState, rows: list[UrlRow]) -> list[tuple[UrlRow, Fetched | FetchError]]:
        if not rows:
            return []
        validators = state.validators([r.url for r in rows if r.versions > 0])

        def get(row: UrlRow) -> tuple[UrlRow, Fetched | FetchError]:
            try:
                return row, self.fetcher.get(row.url, kind="page", validators=validators.get(row.url))
            except FetchError as exc:
                return row, exc

        return self._parallel(get, rows)

    def _parallel(self, fn, items: list) -> list:
        if len(items) <= 1:
            return [fn(i) for i in items]
        with ThreadPoolExecutor(max_workers=max(1, self.settings.live_workers)) as pool:
            return list(pool.map(fn, items))

    # ------------------------------------------------------------------------------------------- stage 3
    def _store_pages(self, store, state: LiveState, pages: list[tuple[UrlRow, Fetched | FetchError]],
                     report: CycleReport) -> None:
        candidates: list[_Candidate] = []
        state.begin()
        try:
            for row, result in pages:
                if isinstance(result, FetchError):
                    if row.source != row.url:  # page sources were logged when polled
                        self._fail(state, report, row.source, row.url, result)
                    state.record_page_failure(row, result.code, result.reason)
                    continue
                report.pages_fetched += 1
                if result.not_modified:
                    report.unchanged += 1
                    state.record_unchanged(row, result)
                    continue
                try:
                    article, date_source = self._extract(row, result)
                except Reject as exc:
                    failure = FetchError.plain(exc.code, f"{row.url}: {exc.reason}")
                    self._fail(state, report, row.source, row.url, failure)
                    state.record_page_failure(row, failure.code, failure.reason)
                    continue
                chash = content_hash(article.text)
                if chash == row.content_hash or (row.versions and self.settings.live_page_changes == "ignore"):
                    report.unchanged += 1
                    state.record_unchanged(row, result)
                    continue
                candidates.append(_Candidate(row, result, article, chash, date_source))
            # the same text already stored (another URL, another feed, `newsevents run`) is not coded again
            known = state.known_hashes([c.chash for c in candidates])
            stored = store.stored_ids(c.article.id for c in candidates)
            fresh: list[_Candidate] = []
            taken: dict[str, str] = {}
            for c in candidates:
                existing = known.get(c.chash) or taken.get(c.chash) or (c.article.id if c.article.id in stored
                                                                        else None)
                if existing:
                    report.duplicates += 1
                    self._record(state, c, existing, new_article=False)
                else:
                    taken[c.chash] = c.article.id
                    fresh.append(c)
        finally:
            state.commit()
        for batch in _batched(fresh, self.settings.batch_size):
            try:
                coded = list(self.pipeline.code(c.article for c in batch))
            except Exception:  # find the article that breaks the coder; code the others
                log.debug("coding a batch failed; coding one by one", exc_info=True)
                coded, kept = [], []
                for c in batch:
                    try:
                        coded += list(self.pipeline.code([c.article]))
                        kept.append(c)
                    except Exception as exc:
                        failure = FetchError("E717", url=c.row.url, reason=f"{type(exc).__name__}: {exc}")
                        state.begin()
                        try:
                            self._fail(state, report, c.row.source, c.row.url, failure)
                            state.record_page_failure(c.row, failure.code, failure.reason)
                        finally:
                            state.commit()
                batch = kept
            report.events += store.write_batch(coded)
            state.begin()
            try:
                for c in batch:
                    if c.row.versions:
                        report.new_versions += 1
                    else:
                        report.new_articles += 1
                    self._record(state, c, c.article.id, new_article=True)
            finally:
                state.commit()

    def _record(self, state: LiveState, c: _Candidate, article_id: str, *, new_article: bool) -> None:
        state.record_version(c.row, c.fetched, article_id=article_id, chash=c.chash, new_article=new_article,
                             date=c.article.date, date_source=c.date_source, title=c.article.title)

    def _extract(self, row: UrlRow, fetched: Fetched) -> tuple[Article, str]:
        """The article of a fetched page (Reject when it has no main text), with its date and the date's source."""
        content: bytes | str = fetched.content
        if fetched.charset and fetched.charset not in ("utf-8", "utf8"):
            try:
                content = fetched.content.decode(fetched.charset)
            except (LookupError, UnicodeDecodeError):
                content = fetched.content  # let the ingest decoder (and <meta charset>) decide
        article = next(iter(read_html(content, row.url, self.settings)))
        if article.date:
            date, date_source = article.date, "page"
        elif row.feed_date:
            date, date_source = row.feed_date, "feed"
        else:
            date, date_source = fetched.fetched_at.date(), "fetch"
        source = self._by_url.get(row.source)
        name = source.name if source else None
        outlet = name or article.source or row.outlet or urlsplit(fetched.final_url).hostname
        language = (source.language if source else None) or row.language or article.language
        article = dataclasses.replace(
            article, url=normalize_url(fetched.final_url) or fetched.final_url, title=article.title or row.feed_title,
            source=outlet, date=date, language=language, path=row.url)
        return article, date_source

    def _fail(self, state: LiveState, report: CycleReport, source: str, url: str, exc: FetchError) -> None:
        failure = Failure(source=source, url=url, code=exc.code, reason=exc.reason)
        report.failures.append(failure)
        state.log_failure(source, url, exc.code, exc.reason)
        if self.on_failure:
            self.on_failure(failure)


def fetch_pages(urls: Iterable[str], db_path: str, settings: Settings | None = None, *, pipeline=None,
                allow_private: bool | None = None,
                on_failure: Callable[[Failure], None] | None = None) -> CycleReport:
    """`newsevents fetch`: fetch, extract, code and store these pages once (a page already stored is fetched
    with its validators and only coded again when its text changed)."""
    unique = dict.fromkeys(normalize_url(url) or url for url in urls)
    sources = [Source(url=url, type="page") for url in unique]
    watcher = Watcher(sources, db_path, settings, pipeline=pipeline, allow_private=allow_private,
                      on_failure=on_failure)
    try:
        return watcher.cycle()
    finally:
        watcher.close()


def _batched(items: Iterable, size: int):
    it = iter(items)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch
