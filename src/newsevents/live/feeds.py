"""The sources file, URL normalisation, and reading feeds (feedparser) and sitemaps (lxml) into entries.

Sources file (FEEDS.txt): one feed, sitemap or page URL per line, then optional ``key=value`` settings::

    # comments start with '#'
    https://example.org/rss.xml        name=Reuters language=en country=GBR
    https://example.org/sitemap.xml    type=sitemap
    https://example.org/news/page.html name="The Example Times"

Keys: ``name`` (the outlet, stored as the article's ``source``), ``language``, ``country`` (ISO3, kept with
each URL found) and ``type`` (``feed``, ``sitemap`` or ``page``; by default the content decides). Values with
spaces are quoted. A URL that appears twice is read once (the first line wins).
"""
from __future__ import annotations

import io
import re
import shlex
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from newsevents.errors import error
from newsevents.ingest.readers import parse_date

SOURCE_KEYS = ("name", "language", "country", "type")
SOURCE_TYPES = ("auto", "feed", "sitemap", "page")


@dataclass(frozen=True)
class Source:
    """One line of the sources file."""

    url: str
    name: str | None = None
    language: str | None = None
    country: str | None = None
    type: str = "auto"  # auto | feed | sitemap | page
    line: int = 0


@dataclass(frozen=True)
class Entry:
    """An article URL found in a feed or sitemap, with what the listing says about it."""

    url: str
    title: str | None = None
    date: Date | None = None  # publication date given by the feed or sitemap
    updated: str | None = None  # the listing's own change marker (updated / lastmod), compared as text


@dataclass
class Listing:
    kind: str  # feed | sitemap
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index


class ListingError(ValueError):
    """The content is not a feed or sitemap that can be read."""


# ------------------------------------------------------------------------------------------- sources file
def read_sources(path: str | Path) -> list[Source]:
    """Parse a sources file; NewsEventsError E716 (unreadable), E711 (bad line) or E712 (no source)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error("E716", path=path, reason="file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error("E716", path=path, reason=getattr(exc, "strerror", None) or str(exc)) from None
    return parse_sources(text, str(path))


_COMMENT_RE = re.compile(r"(^|\s)#.*$")


def parse_sources(text: str, path: str = "FEEDS.txt") -> list[Source]:
    sources: list[Source] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), 1):
        line = _COMMENT_RE.sub("", raw).strip()  # '#' starts a comment at the line start or after a space
        if not line:
            continue
        try:
            words = shlex.split(line, comments=False, posix=True)
        except ValueError as exc:
            raise error("E711", path=path, line=n, reason=f"cannot split the line: {exc}") from None
        url, options = words[0], {}
        for word in words[1:]:
            key, eq, value = word.partition("=")
            key = key.strip().lower()
            if not eq or key not in SOURCE_KEYS:
                raise error("E711", path=path, line=n,
                            reason=f"unknown setting '{word}' (use {', '.join(k + '=...' for k in SOURCE_KEYS)})")
            options[key] = value.strip() or None
        kind = (options.pop("type", None) or "auto").lower()
        if kind not in SOURCE_TYPES:
            raise error("E711", path=path, line=n, reason=f"type={kind} is not one of feed, sitemap, page")
        norm = normalize_url(url)
        if norm is None:
            raise error("E711", path=path, line=n, reason=f"'{url}' is not an http or https URL")
        if norm in seen:
            continue
        seen.add(norm)
        country = options.get("country")
        sources.append(Source(url=norm, name=options.get("name"), language=options.get("language"),
                              country=country.upper() if country else None, type=kind, line=n))
    if not sources:
        raise error("E712", path=path)
    return sources


# ------------------------------------------------------------------------------------------- URLs
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)


def normalize_url(url: str | None, base: str | None = None) -> str | None:
    """The form under which a URL is remembered: absolute, http(s) only, scheme and host in lower case,
    default port and fragment dropped, tracking parameters (utm_*, fbclid, gclid, ...) removed.
    None for anything that is not an http(s) URL."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return None
    netloc = host.lower()
    if ":" in netloc:  # IPv6 literal
        netloc = f"[{netloc}]"
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc += f":{port}"
    if parts.username or parts.password:
        return None  # credentials in a URL are never followed
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _TRACKING.match(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


# ------------------------------------------------------------------------------------------- sniffing
_HEAD_RE = re.compile(rb"<(rss|feed|rdf:RDF|urlset|sitemapindex|html|!doctype\s+html)\b", re.IGNORECASE)


def sniff(content: bytes, content_type: str = "") -> str:
    """'feed', 'sitemap' or 'page' from the first root element (or the content type when that says HTML)."""
    m = _HEAD_RE.search(content[:8192])
    if m:
        tag = m.group(1).lower()
        if tag in (b"urlset", b"sitemapindex"):
            return "sitemap"
        if tag in (b"rss", b"feed", b"rdf:rdf"):
            return "feed"
        return "page"
    if content_type in ("text/html", "application/xhtml+xml"):
        return "page"
    return "feed"  # let the feed parser decide (and say why not)


# ------------------------------------------------------------------------------------------- feeds
def parse_feed(content: bytes, url: str, content_type: str = "") -> Listing:
    """RSS 0.9x/1.0/2.0 or Atom via feedparser; relative links are resolved against `url`."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A BytesIO, never a str: feedparser would treat a string that looks like a URL or path as one to open.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, resolve_relative_uris=False,
                              sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom feed found"
        raise ListingError(str(reason))
    listing = Listing(kind="feed", title=_clean(parsed.feed.get("title")))
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            guid = item.get("id") or ""
            link = guid if guid.startswith(("http://", "https://")) else None
        norm = normalize_url(link, url)
        if norm is None:
            continue
        raw = dict(item)  # plain lookups: feedparser's own mapping of 'updated' to 'published' warns
        when = raw.get("published_parsed") or raw.get("updated_parsed") or raw.get("created_parsed")
        day = None
        if when:
            try:
                day = Date(when.tm_year, when.tm_mon, when.tm_mday)
            except (ValueError, AttributeError):
                day = None
        updated = raw.get("updated") or raw.get("published")
        listing.entries.append(Entry(url=norm, title=_clean(item.get("title")), date=day,
                                     updated=_clean(updated)))
    return listing


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


# ------------------------------------------------------------------------------------------- sitemaps
def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(content: bytes, url: str) -> Listing:
    """A sitemap (<urlset>) or sitemap index (<sitemapindex>), with Google News extensions when present.
    Entry date: <news:publication_date>, else <lastmod>; the change marker is <lastmod>."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True, recover=True)
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ListingError(str(exc)) from None
    if root is None:
        raise ListingError("empty document")
    kind = _local(root.tag)
    listing = Listing(kind="sitemap")
    if kind == "sitemapindex":
        for child in root:
            if _local(child.tag) == "sitemap":
                loc = _child_text(child, "loc")
                norm = normalize_url(loc, url)
                if norm:
                    listing.sitemaps.append(norm)
        return listing
    if kind != "urlset":
        raise ListingError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")
    for child in root:
        if _local(child.tag) != "url":
            continue
        norm = normalize_url(_child_text(child, "loc"), url)
        if norm is None:
            continue
        lastmod = _child_text(child, "lastmod")
        published = title = None
        for sub in child:
            if _local(sub.tag) == "news":
                published = _child_text(sub, "publication_date")
                title = _child_text(sub, "title")
        listing.entries.append(Entry(url=norm, title=title, date=parse_date(published) or parse_date(lastmod),
                                     updated=lastmod))
    return listing


def _child_text(element, name: str) -> str | None:
    for sub in element:
        if _local(sub.tag) == name:
            return _clean(sub.text)
    return None
