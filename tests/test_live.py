"""Live ingestion against a real HTTP server on 127.0.0.1 (started here, free port): RSS, Atom, sitemaps and
article pages built from the raw pages of the article-extraction benchmark (read at test time), robots.txt,
conditional requests, changed pages, slow/failing/oversized/disallowed/private sources."""
from __future__ import annotations

import gzip
import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from newsevents.errors import NewsEventsError
from newsevents.live import Watcher, fetch_pages, parse_interval, parse_sources
from newsevents.live.feeds import normalize_url, parse_feed, parse_sitemap, sniff
from newsevents.live.fetcher import Fetcher, FetchError, GuardedBackend, HostLimiter
from newsevents.settings import Settings

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BENCH = CORPORA / "article_extraction_benchmark" / "html"
ROBOTS = b"User-agent: newsevents\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n"


# --------------------------------------------------------------------------------------------- test site
def _raw(prefix: str) -> bytes:
    files = sorted(BENCH.glob(prefix + "*.html.gz"))
    if not files:
        pytest.skip(f"benchmark page {prefix} is missing")
    return gzip.decompress(files[0].read_bytes())


def _plain(prefix: str, extra: str = "") -> bytes:
    """A simple page (title + paragraphs, no date anywhere) built from a raw benchmark page."""
    import lxml.html

    doc = lxml.html.fromstring(_raw(prefix))
    title = " ".join((doc.findtext(".//title") or "").split())
    paras = [" ".join(p.text_content().split()) for p in doc.iter("p")]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [p for p in paras if len(p.split()) >= 12][:8])
    if extra:
        body += f"<p>{html.escape(extra)}</p>"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
            f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>").encode("utf-8")


@dataclass
class Route:
    body: bytes
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    etag: bool = True
    last_modified: str | None = "Wed, 20 Nov 2019 10:00:00 GMT"
    gzip: bool = False
    length: bool = True  # send Content-Length
    headers: dict = field(default_factory=dict)


@dataclass
class Hit:
    path: str
    headers: dict
    status: int


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)  # answered requests
    asked: list[str] = field(default_factory=list)  # every request path, logged as it arrives
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits_of(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            site.asked.append(self.path)
            route = site.routes.get(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            if route is None:
                site.hits.append(Hit(self.path, headers, 404))
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                time.sleep(route.delay)
            etag = '"' + hashlib.sha1(route.body).hexdigest()[:12] + '"' if route.etag else None
            if route.status == 200 and (
                    (etag and headers.get("if-none-match") == etag) or
                    (not etag and route.last_modified and headers.get("if-modified-since") == route.last_modified)):
                site.hits.append(Hit(self.path, headers, 304))
                self.send_response(304)
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                return
            site.hits.append(Hit(self.path, headers, route.status))
            body = route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.ctype)
            if route.gzip and "gzip" in headers.get("accept-encoding", ""):
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            if etag:
                self.send_header("ETag", etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if route.length:
                self.send_header("Content-Length", str(len(body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (timeout, size limit)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture()
def site():
    if not BENCH.is_dir():
        pytest.skip("../shared/corpora/article_extraction_benchmark is not beside the project")
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    server.handle_error = lambda *a: None
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    s.routes["/robots.txt"] = Route(ROBOTS, ctype="text/plain")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def _settings(**kw) -> Settings:
    base = dict(live_host_interval=0.0, live_timeout=2.0, live_retries=1, live_backoff=0.01, live_workers=2,
                live_allow_private=True)  # the test server is on 127.0.0.1
    base.update(kw)
    return Settings(**base)


def _rss(site: Site, items: list[tuple[str, str, str | None]]) -> bytes:
    out = ["<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Test Wire</title>",
           f"<link>{site.base}/</link><description>test</description>"]
    for path, title, pub in items:
        out.append(f"<item><title>{html.escape(title)}</title><link>{site.url(path)}</link>"
                   + (f"<pubDate>{pub}</pubDate>" if pub else "") + "</item>")
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


def _atom(site: Site, entries: list[tuple[str, str, str]]) -> bytes:
    out = ["<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>",
           "<title>Test Atom</title><id>urn:test:atom</id><updated>2019-11-20T10:00:00Z</updated>"]
    for path, title, updated in entries:
        out.append(f"<entry><title>{html.escape(title)}</title><id>urn:test:{path}</id>"
                   f"<link rel='alternate' href='{path}'/><updated>{updated}</updated></entry>")
    out.append("</feed>")
    return "".join(out).encode("utf-8")


def _urlset(site: Site, paths: list[tuple[str, str | None]]) -> bytes:
    out = ["<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"]
    for path, lastmod in paths:
        out.append(f"<url><loc>{html.escape(site.url(path))}</loc>"
                   + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    out.append("</urlset>")
    return "".join(out).encode("utf-8")


def _sitemap_index(site: Site, paths: list[str]) -> bytes:
    inner = "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>" for p in paths)
    return ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex "
            f"xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{inner}</sitemapindex>").encode("utf-8")


def _feeds_file(tmp_path: Path, lines: list[str]) -> list:
    path = tmp_path / "FEEDS.txt"
    path.write_text("# sources for the test\n" + "\n".join(lines) + "\n", encoding="utf-8")
    from newsevents.live import read_sources

    return read_sources(path)


def _q(db: Path, sql: str, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


XML = "application/rss+xml"


# --------------------------------------------------------------------------------------------- the main cycle
def test_first_cycle_codes_everything_second_cycle_nothing(site, tmp_path, pipeline):
    site.routes.update({
        "/news/sweden.html": Route(_raw("dc7ccccc1f")),  # raw page with its own date
        "/news/sweden-copy.html": Route(_raw("dc7ccccc1f")),  # the same article re-published at another URL
        "/news/helicopter.html": Route(_plain("7916ecca96"), last_modified=None),  # no page date: feed date
        "/news/sondland.html": Route(_raw("82b6d780c7")),  # listed by RSS, Atom and the sitemap
        "/news/tories.html": Route(_raw("e7994d5500"), etag=False),  # Last-Modified only
        "/news/world.html": Route(_plain("833caf3bdb")),  # no date anywhere: fetch date
        "/page/amnesty.html": Route(_plain("d90bda7ed1")),  # a page listed directly in the sources file
    })
    site.routes["/rss.xml"] = Route(_rss(site, [
        ("/news/sweden.html", "Sweden drops investigation", "Wed, 20 Nov 2019 08:00:00 GMT"),
        ("/news/sweden-copy.html", "Sweden drops investigation (copy)", "Wed, 20 Nov 2019 09:00:00 GMT"),
        ("/news/helicopter.html", "Helicopter crash", "Tue, 19 Nov 2019 07:00:00 GMT"),
        ("/news/sondland.html#comments", "Sondland", None),
    ]), ctype=XML, gzip=True)
    site.routes["/atom.xml"] = Route(_atom(site, [
        ("/news/tories.html", "Tories", "2019-11-20T09:00:00Z"),
        ("/news/sondland.html", "Sondland", "2019-11-20T09:30:00Z"),
    ]), ctype="application/atom+xml")
    site.routes["/sitemap.xml"] = Route(_sitemap_index(site, ["/sitemap-news.xml"]), ctype="application/xml")
    site.routes["/sitemap-news.xml"] = Route(_urlset(site, [
        ("/news/world.html", None), ("/news/sondland.html?utm_source=feed", "2019-11-20")]), ctype="text/xml")
    sources = _feeds_file(tmp_path, [
        f"{site.url('/rss.xml')}   name='Test Wire' language=en country=GBR",
        f"{site.url('/atom.xml')}  # an Atom feed",
        f"{site.url('/sitemap.xml')} type=sitemap",
        f"{site.url('/page/amnesty.html')}",
    ])
    db = tmp_path / "live.duckdb"
    watcher = Watcher(sources, str(db), _settings(), pipeline=pipeline)
    try:
        first = watcher.cycle()
        assert first.failures == [], first.failures
        assert first.new_articles == 6 and first.duplicates == 1 and first.events > 0, first.line()
        assert "cycle 1: polled 4 sources" in first.line() and "6 new articles" in first.line()
        # every page fetched once, whatever number of listings named it
        assert len([h for h in site.hits_of("/news/sondland.html") if h.status == 200]) == 1
        assert [h.headers.get("user-agent", "") for h in site.hits][0].startswith("newsevents/0.1 (+")
        assert all("gzip" in h.headers.get("accept-encoding", "") for h in site.hits)

        n_articles = _q(db, "SELECT count(*) FROM articles")[0][0]
        n_events = _q(db, "SELECT count(*) FROM events")[0][0]
        assert n_articles == 6 and n_events == first.events
        dates = dict(_q(db, "SELECT url, date_source FROM live_versions"))
        assert dates[site.url("/news/sweden.html")] == "page"
        assert dates[site.url("/news/helicopter.html")] == "feed"
        assert dates[site.url("/news/world.html")] == "fetch"
        rows = dict(((u, (str(d), s)) for u, d, s in _q(
            db, "SELECT a.url, a.date, a.source FROM articles a")))
        assert rows[site.url("/news/helicopter.html")] == ("2019-11-19", "Test Wire")  # feed date, outlet name=
        assert rows[site.url("/news/sweden.html")][0] == "2019-11-20"
        copy = _q(db, "SELECT new_article, article_id FROM live_versions WHERE url = ?",
                  [site.url("/news/sweden-copy.html")])[0]
        original = _q(db, "SELECT article_id FROM live_versions WHERE url = ?", [site.url("/news/sweden.html")])[0]
        assert copy == (False, original[0])
        country = _q(db, "SELECT country, language FROM live_urls WHERE url = ?", [site.url("/news/sweden.html")])
        assert country == [("GBR", "en")]

        site.hits.clear()
        second = watcher.cycle()
        assert second.failures == [] and second.new_articles == 0 and second.new_versions == 0
        assert second.events == 0 and second.duplicates == 0, second.line()
        assert _q(db, "SELECT count(*) FROM articles")[0][0] == n_articles
        assert _q(db, "SELECT count(*) FROM events")[0][0] == n_events
        for path in ("/rss.xml", "/atom.xml", "/sitemap.xml", "/sitemap-news.xml", "/page/amnesty.html"):
            hits = site.hits_of(path)
            assert len(hits) == 1 and hits[0].status == 304, (path, hits)
            assert "if-none-match" in hits[0].headers
        assert not any(h.path.startswith("/news/") for h in site.hits)  # known pages are not fetched again
    finally:
        watcher.close()

    # a restarted watcher carries on from the store: still nothing new, still conditional requests
    site.hits.clear()
    again = Watcher(sources, str(db), _settings(), pipeline=pipeline)
    try:
        third = again.cycle()
    finally:
        again.close()
    assert third.new_articles == 0 and third.events == 0 and third.failures == []
    assert {h.status for h in site.hits if h.path != "/robots.txt"} == {304}


def test_last_modified_only_gets_if_modified_since(site, tmp_path, pipeline):
    site.routes["/news/tories.html"] = Route(_plain("e7994d5500"), etag=False)
    db = tmp_path / "lm.duckdb"
    settings = _settings()
    first = fetch_pages([site.url("/news/tories.html")], str(db), settings, pipeline=pipeline, allow_private=True)
    assert first.new_articles == 1
    second = fetch_pages([site.url("/news/tories.html")], str(db), settings, pipeline=pipeline, allow_private=True)
    assert second.new_articles == 0 and second.unchanged == 1
    last = site.hits_of("/news/tories.html")[-1]
    assert last.status == 304 and last.headers["if-modified-since"] == "Wed, 20 Nov 2019 10:00:00 GMT"
    assert "if-none-match" not in last.headers


# --------------------------------------------------------------------------------------------- changes
def test_changed_page_becomes_a_new_version(site, tmp_path, pipeline):
    site.routes["/page/live.html"] = Route(_plain("d90bda7ed1"))
    site.routes["/news/world.html"] = Route(_plain("833caf3bdb"))
    site.routes["/atom.xml"] = Route(_atom(site, [("/news/world.html", "World", "2019-11-20T09:00:00Z")]),
                                     ctype="application/atom+xml")
    sources = _feeds_file(tmp_path, [site.url("/page/live.html") + " type=page", site.url("/atom.xml")])
    db = tmp_path / "changes.duckdb"
    watcher = Watcher(sources, str(db), _settings(), pipeline=pipeline)
    try:
        assert watcher.cycle().new_articles == 2
        # the page is rewritten; the feed says its entry was updated and that page changed too
        site.routes["/page/live.html"] = Route(_plain("d90bda7ed1", extra=(
            "Update: Iran's government rejected the Amnesty International report on Thursday and accused "
            "foreign media of spreading lies about the protests.")))
        site.routes["/news/world.html"] = Route(_plain("833caf3bdb", extra=(
            "The European Union said on Wednesday that it would keep its position on the settlements.")))
        site.routes["/atom.xml"] = Route(_atom(site, [("/news/world.html", "World", "2019-11-21T12:00:00Z")]),
                                         ctype="application/atom+xml")
        second = watcher.cycle()
        assert second.new_versions == 2 and second.new_articles == 0 and second.failures == [], second.line()
        # a new ETag with the same text is not a new version
        site.routes["/page/live.html"].last_modified = "Thu, 21 Nov 2019 10:00:00 GMT"
        site.routes["/page/live.html"].body += b"\n<!-- rebuilt -->"
        third = watcher.cycle()
        assert third.new_versions == 0 and third.unchanged == 1, third.line()
    finally:
        watcher.close()
    versions = _q(db, "SELECT version, article_id, new_article FROM live_versions WHERE url = ? ORDER BY version",
                  [site.url("/page/live.html")])
    assert [v[0] for v in versions] == [1, 2] and versions[0][1] != versions[1][1] and versions[1][2]
    stored = {r[0] for r in _q(db, "SELECT id FROM articles")}
    assert {versions[0][1], versions[1][1]} <= stored  # the old version and its events stay
    assert _q(db, "SELECT versions, article_id FROM live_urls WHERE url = ?",
              [site.url("/page/live.html")])[0] == (2, versions[1][1])
    assert _q(db, "SELECT count(*) FROM articles")[0][0] == 4


def test_changes_can_be_ignored(site, tmp_path, pipeline):
    site.routes["/page/live.html"] = Route(_plain("d90bda7ed1"))
    sources = _feeds_file(tmp_path, [site.url("/page/live.html")])
    db = tmp_path / "ignore.duckdb"
    watcher = Watcher(sources, str(db), _settings(live_page_changes="ignore"), pipeline=pipeline)
    try:
        assert watcher.cycle().new_articles == 1
        site.routes["/page/live.html"] = Route(_plain("d90bda7ed1", extra="A new paragraph was added here."))
        site.hits.clear()
        second = watcher.cycle()
    finally:
        watcher.close()
    assert second.new_versions == 0 and not site.hits_of("/page/live.html")


# --------------------------------------------------------------------------------------------- failures
def test_slow_host_times_out_and_the_others_go_on(site, tmp_path, pipeline):
    site.routes["/news/world.html"] = Route(_plain("833caf3bdb"))
    site.routes["/rss.xml"] = Route(_rss(site, [("/news/world.html", "World", None)]), ctype=XML)
    site.routes["/slow.xml"] = Route(_rss(site, []), ctype=XML, delay=3.0)
    sources = _feeds_file(tmp_path, [site.url("/slow.xml"), site.url("/rss.xml")])
    db = tmp_path / "slow.duckdb"
    failures = []
    watcher = Watcher(sources, str(db), _settings(live_timeout=0.4), pipeline=pipeline, on_failure=failures.append)
    try:
        report = watcher.cycle()
    finally:
        watcher.close()
    assert report.new_articles == 1 and report.sources_failed == 1
    assert [f.code for f in report.failures] == ["E704"] and failures == report.failures
    assert report.failures[0].source == site.url("/slow.xml") and "timed out" in str(report.failures[0])
    assert report.seconds < 3.0  # the slow host did not hold the cycle
    assert site.asked.count("/slow.xml") == 2  # one retry
    assert _q(db, "SELECT source, code FROM live_failures") == [(site.url("/slow.xml"), "E704")]


def test_failing_source_is_reported(site, tmp_path, pipeline):
    site.routes["/news/world.html"] = Route(_plain("833caf3bdb"))
    site.routes["/rss.xml"] = Route(_rss(site, [("/news/world.html", "World", None),
                                                ("/news/gone.html", "Gone", None)]), ctype=XML)
    site.routes["/broken.xml"] = Route(b"oops", ctype="text/plain", status=500)
    site.routes["/garbage.xml"] = Route(b"this is no feed at all", ctype="text/plain")
    sources = _feeds_file(tmp_path, [site.url("/broken.xml"), site.url("/rss.xml"), site.url("/garbage.xml")])
    db = tmp_path / "fail.duckdb"
    watcher = Watcher(sources, str(db), _settings(live_max_attempts=2), pipeline=pipeline)
    try:
        report = watcher.cycle()
        codes = {(f.source.rsplit("/", 1)[-1], f.code) for f in report.failures}
        assert codes == {("broken.xml", "E705"), ("garbage.xml", "E710"), ("rss.xml", "E705")}, report.failures
        assert report.new_articles == 1 and report.sources_failed == 2
        assert "HTTP 500" in str(next(f for f in report.failures if f.code == "E705" and "broken" in f.url))
        assert len(site.hits_of("/broken.xml")) == 2  # retried once
        assert len(site.hits_of("/news/gone.html")) == 1  # a 404 is not retried within the cycle
        watcher.cycle()  # the missing page is tried again, then given up
        watcher.cycle()
    finally:
        watcher.close()
    assert len(site.hits_of("/news/gone.html")) == 2
    state = _q(db, "SELECT state, attempts FROM live_urls WHERE url = ?", [site.url("/news/gone.html")])
    assert state == [("failed", 2)]


def test_robots_disallow_is_honoured(site, tmp_path, pipeline):
    site.routes["/news/world.html"] = Route(_plain("833caf3bdb"))
    site.routes["/private/secret.html"] = Route(_plain("7916ecca96"))
    site.routes["/private/feed.xml"] = Route(_rss(site, []), ctype=XML)
    site.routes["/rss.xml"] = Route(_rss(site, [("/news/world.html", "World", None),
                                                ("/private/secret.html", "Secret", None)]), ctype=XML)
    sources = _feeds_file(tmp_path, [site.url("/rss.xml"), site.url("/private/feed.xml")])
    db = tmp_path / "robots.duckdb"
    watcher = Watcher(sources, str(db), _settings(), pipeline=pipeline)
    try:
        report = watcher.cycle()
    finally:
        watcher.close()
    assert report.new_articles == 1
    assert sorted(f.code for f in report.failures) == ["E708", "E708"]
    assert not any(h.path.startswith("/private/") for h in site.hits)
    assert len(site.hits_of("/robots.txt")) == 1  # fetched once per host
    assert _q(db, "SELECT state FROM live_urls WHERE url = ?", [site.url("/private/secret.html")]) == [("blocked",)]


def test_redirects_and_gzip_files(site):
    site.routes["/old.html"] = Route(b"", status=301, headers={"Location": "/news/a.html"})
    site.routes["/news/a.html"] = Route(b"<html><body><p>moved here</p></body></html>")
    site.routes["/sneaky.html"] = Route(b"", status=302, headers={"Location": "/private/x.html"})
    site.routes["/loop.html"] = Route(b"", status=302, headers={"Location": "/loop.html"})
    site.routes["/sitemap.xml.gz"] = Route(gzip.compress(_urlset(site, [("/news/a.html", None)])),
                                           ctype="application/x-gzip")
    with Fetcher(_settings(), allow_private=True) as fetcher:
        got = fetcher.get(site.url("/old.html"))
        assert got.final_url == site.url("/news/a.html") and got.url == site.url("/old.html")
        assert b"moved here" in got.content
        for path, code in (("/sneaky.html", "E708"), ("/loop.html", "E714")):
            with pytest.raises(FetchError) as exc:
                fetcher.get(site.url(path))
            assert exc.value.code == code
        sitemap = fetcher.get(site.url("/sitemap.xml.gz"), kind="feed")
        assert parse_sitemap(sitemap.content, sitemap.final_url).entries[0].url == site.url("/news/a.html")
    assert not any(h.path.startswith("/private/") for h in site.hits)


def test_robots_unreachable_disallows_the_host(site):
    site.routes["/robots.txt"] = Route(b"down", ctype="text/plain", status=503)
    site.routes["/a.html"] = Route(_plain("833caf3bdb"))
    with Fetcher(_settings(live_retries=0), allow_private=True) as fetcher:
        with pytest.raises(FetchError) as exc:
            fetcher.get(site.url("/a.html"))
    assert exc.value.code == "E715" and not site.hits_of("/a.html")


def test_private_address_is_refused_without_allow_private(site, tmp_path, pipeline):
    site.routes["/rss.xml"] = Route(_rss(site, []), ctype=XML)
    sources = _feeds_file(tmp_path, [site.url("/rss.xml"), site.url("/rss.xml").replace("127.0.0.1", "localhost")])
    watcher = Watcher(sources, str(tmp_path / "p.duckdb"), _settings(), pipeline=pipeline, allow_private=False)
    try:
        report = watcher.cycle()
    finally:
        watcher.close()
    assert [f.code for f in report.failures] == ["E702", "E702"]
    assert "--allow-private" in report.failures[0].reason
    assert site.hits == []  # not even robots.txt was asked for
    # the guard on the socket refuses too (as for a name that re-resolves to a private address after the check)
    with Fetcher(_settings(live_allow_private=False)) as fetcher:
        assert isinstance(fetcher.client._transport._pool._network_backend, GuardedBackend)
        fetcher.check_address = lambda url: None
        fetcher.check_robots = lambda url: None
        with pytest.raises(FetchError) as exc:
            fetcher.get(site.url("/rss.xml"))
    assert exc.value.code == "E702" and site.asked == []


def test_only_http_and_https(tmp_path):
    with Fetcher(_settings()) as fetcher:
        for url in ("ftp://127.0.0.1/feed.xml", "file:///etc/passwd", "javascript:alert(1)"):
            with pytest.raises(FetchError) as exc:
                fetcher.get(url)
            assert exc.value.code == "E701"
    with pytest.raises(NewsEventsError) as exc:
        parse_sources("ftp://127.0.0.1/feed.xml\n")
    assert exc.value.code == "E711" and "line 1" in str(exc.value)


def test_oversized_and_wrong_type_downloads_are_refused(site, tmp_path, pipeline):
    big = _plain("833caf3bdb").replace(b"</article>", b"<p>" + b"padding words " * 20000 + b"</p></article>")
    site.routes["/big.html"] = Route(big)
    site.routes["/big-unannounced.html"] = Route(big, length=False)  # no Content-Length: stopped while reading
    bomb = b"<html><body><p>" + b" " * (3 * 1024 * 1024) + b"</p></body></html>"
    site.routes["/bomb.html"] = Route(bomb, gzip=True)  # small on the wire, large once unpacked
    site.routes["/image.html"] = Route(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ctype="image/png")
    site.routes["/ok.html"] = Route(_plain("7916ecca96"))
    urls = [site.url(p) for p in ("/big.html", "/big-unannounced.html", "/bomb.html", "/image.html", "/ok.html")]
    report = fetch_pages(urls, str(tmp_path / "big.duckdb"), _settings(live_max_page_bytes=100_000),
                         pipeline=pipeline, allow_private=True)
    codes = {f.url.rsplit("/", 1)[-1]: f.code for f in report.failures}
    assert codes == {"big.html": "E706", "big-unannounced.html": "E706", "bomb.html": "E706",
                     "image.html": "E707"}, report.failures
    assert report.new_articles == 1
    assert "larger than the 97.66 KB download limit" in str(report.failures[0])


def test_per_source_limit_leaves_the_rest_for_the_next_run(site, tmp_path, pipeline):
    pages = {"/news/a.html": "833caf3bdb", "/news/b.html": "7916ecca96", "/news/c.html": "e7994d5500"}
    for path, prefix in pages.items():
        site.routes[path] = Route(_plain(prefix))
    site.routes["/rss.xml"] = Route(_rss(site, [(p, p, None) for p in pages]), ctype=XML)
    sources = _feeds_file(tmp_path, [site.url("/rss.xml")])
    db = tmp_path / "limit.duckdb"
    settings = _settings(live_max_pages_per_source=2)
    first = Watcher(sources, str(db), settings, pipeline=pipeline)
    report = first.cycle()
    first.close()
    assert report.new_articles == 2 and report.waiting == 1
    second = Watcher(sources, str(db), settings, pipeline=pipeline)  # a restart
    report = second.cycle()
    second.close()
    assert report.new_articles == 1 and report.waiting == 0
    assert site.hits_of("/rss.xml")[-1].status == 304
    assert _q(db, "SELECT count(*) FROM articles")[0][0] == 3


# --------------------------------------------------------------------------------------------- command line
def test_cli_watch_and_fetch(site, tmp_path, pipeline, monkeypatch):
    from typer.testing import CliRunner

    import newsevents.pipeline as pipeline_module
    from newsevents.cli import app

    monkeypatch.setattr(pipeline_module, "Pipeline", lambda settings=None: pipeline)
    fast = Settings.from_env
    monkeypatch.setattr(Settings, "from_env", classmethod(
        lambda cls, **kw: fast(**{"live_host_interval": 0.0, "live_backoff": 0.01, "live_timeout": 2.0, **kw})))
    site.routes["/news/world.html"] = Route(_plain("833caf3bdb"))
    site.routes["/news/helicopter.html"] = Route(_plain("7916ecca96"))
    site.routes["/rss.xml"] = Route(_rss(site, [("/news/world.html", "World", None)]), ctype=XML)
    site.routes["/broken.xml"] = Route(b"", status=500)
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text(f"{site.url('/rss.xml')} name=Wire\n{site.url('/broken.xml')}\n", encoding="utf-8")
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    res = runner.invoke(app, ["watch", str(feeds), "--db", db, "--allow-private", "--cycles", "2", "--every", "1s"])
    assert res.exit_code == 0, res.output
    assert "cycle 1: polled 2 sources (1 failed)" in res.output and "1 new articles" in res.output
    assert "cycle 2:" in res.output and "HTTP 500" in res.output
    res = runner.invoke(app, ["fetch", site.url("/news/helicopter.html"), site.url("/news/missing.html"),
                              "--db", db, "--allow-private"])
    assert res.exit_code == 1 and "HTTP 404" in res.output and "1 new articles" in res.output
    res = runner.invoke(app, ["fetch", site.url("/news/helicopter.html"), "--db", db])
    assert res.exit_code == 1 and "E702" in res.output
    res = runner.invoke(app, ["watch", str(feeds), "--db", db, "--every", "soon"])
    assert res.exit_code == 2 and "E713" in res.output


# --------------------------------------------------------------------------------------------- units
def test_sources_file():
    sources = parse_sources(
        "# my feeds\n\n"
        "https://Example.ORG:443/rss.xml  name=\"The Example Times\" language=en country=gbr\n"
        "https://example.org/rss.xml   # the same feed again: read once\n"
        "http://example.org/sitemap.xml type=sitemap  # trailing comment\n"
        "http://example.org/page.html#top\n")
    assert [(s.url, s.name, s.language, s.country, s.type, s.line) for s in sources] == [
        ("https://example.org/rss.xml", "The Example Times", "en", "GBR", "auto", 3),
        ("http://example.org/sitemap.xml", None, None, None, "sitemap", 5),
        ("http://example.org/page.html", None, None, None, "auto", 6),
    ]
    for bad, what in (("https://e.org/x colour=red", "colour=red"), ("https://e.org/x type=podcast", "podcast")):
        with pytest.raises(NewsEventsError) as exc:
            parse_sources(bad, "F.txt")
        assert exc.value.code == "E711" and what in str(exc.value) and "F.txt line 1" in str(exc.value)
    with pytest.raises(NewsEventsError) as exc:
        parse_sources("# nothing\n")
    assert exc.value.code == "E712"


def test_urls_are_normalised():
    assert normalize_url("HTTP://Example.com:80/a?utm_source=x&id=3#frag") == "http://example.com/a?id=3"
    assert normalize_url("b.html", "https://example.com/news/") == "https://example.com/news/b.html"
    assert normalize_url("mailto:x@example.com") is None
    assert normalize_url("https://user:pw@example.com/") is None


def test_feed_and_sitemap_parsing():
    rss = (b"<rss version='2.0'><channel><title>W</title><item><title>A</title><link>/a.html</link>"
           b"<pubDate>Tue, 19 Nov 2019 07:00:00 GMT</pubDate></item><item><guid>https://x.org/b</guid></item>"
           b"</channel></rss>")
    listing = parse_feed(rss, "https://x.org/feed")
    assert [(e.url, str(e.date)) for e in listing.entries] == [("https://x.org/a.html", "2019-11-19"),
                                                               ("https://x.org/b", "None")]
    news = (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url><loc>https://x.org/c</loc>"
            b"<lastmod>2019-11-21</lastmod><news:news><news:publication_date>2019-11-20T10:00:00Z"
            b"</news:publication_date><news:title>C</news:title></news:news></url></urlset>")
    entry = parse_sitemap(news, "https://x.org/sitemap.xml").entries[0]
    assert (entry.url, str(entry.date), entry.title, entry.updated) == ("https://x.org/c", "2019-11-20", "C",
                                                                        "2019-11-21")
    evil = (b"<?xml version='1.0'?><!DOCTYPE u [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            b"<urlset><url><loc>https://x.org/&x;</loc></url></urlset>")
    assert all("root:" not in e.url for e in parse_sitemap(evil, "https://x.org/s").entries)
    assert sniff(b"<?xml version='1.0'?><urlset>") == "sitemap"
    assert sniff(b"<!DOCTYPE html><html>") == "page"
    assert sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("90s") == 90 and parse_interval("1h") == 3600
    assert parse_interval("30") == 30 and parse_interval(2.5) == 2.5
    for bad in ("soon", "-5m", "0", "5 minutes"):
        with pytest.raises(NewsEventsError) as exc:
            parse_interval(bad)
        assert exc.value.code == "E713"


def test_host_rate_limit():
    now = [0.0]
    slept = []

    def sleep(s):
        slept.append(round(s, 3))
        now[0] += s

    limiter = HostLimiter(0.5, sleep=sleep, clock=lambda: now[0])
    for _ in range(3):
        limiter.wait("a.example")
    limiter.wait("b.example")  # another host does not wait
    assert slept == [0.5, 0.5]
    limiter.set_delay("a.example", 2.0)  # a robots.txt Crawl-delay
    limiter.wait("a.example")
    limiter.wait("a.example")
    assert slept[-1] == 2.0


def test_an_article_that_breaks_the_coder_does_not_stop_the_others(site, tmp_path, pipeline):
    class Picky:  # the real pipeline, except that it fails on one article
        def code(self, articles, default_date=None):
            articles = list(articles)
            if any("Amnesty" in a.text for a in articles):
                raise RuntimeError("boom")
            return pipeline.code(articles, default_date)

    site.routes["/a.html"] = Route(_plain("d90bda7ed1"))
    site.routes["/b.html"] = Route(_plain("833caf3bdb"))
    report = fetch_pages([site.url("/a.html"), site.url("/b.html")], str(tmp_path / "poison.duckdb"), _settings(),
                         pipeline=Picky(), allow_private=True)
    assert report.new_articles == 1 and [f.code for f in report.failures] == ["E717"]
    assert "boom" in report.failures[0].reason
