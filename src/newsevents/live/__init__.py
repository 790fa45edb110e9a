"""Live ingestion: follow feeds, sitemaps and pages and code new articles as they appear.

    newsevents watch FEEDS.txt [--every 15m] [--cycles N]   # Watcher(sources, db).run(every, cycles)
    newsevents fetch URL...                                 # fetch_pages(urls, db)

* `feeds`: the sources file (`read_sources`), URL normalisation, RSS/Atom (feedparser) and sitemap (lxml)
  parsing into entries;
* `fetcher`: polite, bounded HTTP (httpx): robots.txt, per-host rate limit, retries with backoff, conditional
  requests, size and content-type limits, public addresses only unless allowed;
* `state`: the live_* tables of the store (seen URLs, validators, page versions, failure log);
* `watcher`: the cycle that ties them to the pipeline and the store.
"""
from .feeds import Source, parse_sources, read_sources
from .fetcher import Fetcher, FetchError
from .watcher import CycleReport, Failure, Watcher, fetch_pages, parse_interval

__all__ = ["Source", "read_sources", "parse_sources", "Fetcher", "FetchError", "Watcher", "CycleReport", "Failure",
           "fetch_pages", "parse_interval"]
