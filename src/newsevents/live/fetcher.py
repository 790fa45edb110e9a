"""Polite, bounded HTTP for live ingestion.

`Fetcher.get(url, kind=..., cached=...)` returns a `Fetched` (status 200 with the body, or 304 when the
server says the copy we hold is current) or raises `FetchError` carrying an E7xx code. Every request:

* is http or https only (E701), to a host whose every address is public unless private ones are allowed
  (E702). The check runs before each request and again when the socket is opened (`GuardedBackend`
  connects to the address it has just checked), so a name that re-resolves elsewhere is refused too;
* identifies itself with the User-Agent of `Settings.live_user_agent`, and honours the host's robots.txt
  (fetched once per host and `live_robots_ttl`, read with urllib.robotparser; a robots.txt that is missing
  (4xx) allows everything, one that cannot be fetched (5xx, network error) disallows the host, as RFC 9309
  asks; its Crawl-delay raises the host's interval up to `live_max_crawl_delay`);
* waits its turn: at least `live_host_interval` seconds between two requests to the same host, across
  threads;
* sends If-None-Match / If-Modified-Since when the caller passes the validators it stored;
* has a timeout per attempt, and is retried with exponential backoff after a timeout, a connection error,
  429 or 5xx (a Retry-After header is honoured up to 60 s);
* follows at most `live_max_redirects` redirects itself, checking each new URL as above;
* is read in a stream and given up as soon as it passes the size limit of its kind (E706); gzip and deflate
  are decoded here, with the limit applied to the decoded size, so a compression bomb stops early; a body
  that is itself a gzip file (sitemap.xml.gz) is unpacked under the same limit;
* has its Content-Type checked against what the kind expects (E707).

Proxies from the environment are not used: the address checks must see the real peer.
"""
from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from newsevents.errors import Errors
from newsevents.ingest.decode import Reject, gunzip, human_size, one_line
from newsevents.settings import Settings

log = logging.getLogger(__name__)

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                       "text/xml", "application/x-rss+xml", "application/feed+xml"})
GZIP_TYPES = frozenset({"application/gzip", "application/x-gzip", "application/octet-stream"})
# What each kind of download may be. "source" is a line of the sources file: a feed, a sitemap or a page.
EXPECTED = {
    "page": (PAGE_TYPES, "an HTML page"),
    # servers often label feeds text/html or text/plain: the content decides (sniffing, then the parsers)
    "feed": (XML_TYPES | GZIP_TYPES | PAGE_TYPES | {"text/plain"}, "an RSS/Atom feed or XML sitemap"),
    "source": (XML_TYPES | GZIP_TYPES | PAGE_TYPES | {"text/plain"}, "a feed, a sitemap or an HTML page"),
}
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A download that failed; `code` is an E7xx registry code, str() the one-line message."""

    def __init__(self, code: str, **kwargs):
        self.code = code
        self.reason = one_line(getattr(Errors, code).format(**kwargs), 400)
        self.retryable = False
        self.retry_after: float | None = None
        self.status: int | None = None  # the HTTP status, for E705
        super().__init__(self.reason)

    def __str__(self) -> str:
        return f"{self.reason} [{self.code}]"

    @classmethod
    def plain(cls, code: str, reason: str) -> "FetchError":
        """A FetchError with a ready message (e.g. an ingest rejection of a fetched page)."""
        exc = cls.__new__(cls)
        Exception.__init__(exc, reason)
        exc.code, exc.reason = code, one_line(reason, 400)
        exc.retryable, exc.retry_after, exc.status = False, None, None
        return exc


@dataclass(frozen=True)
class Validators:
    """What a server told us about our copy of a URL, sent back on the next request of it."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    status: int  # 200, or 304 (not modified: `content` is empty)
    content: bytes
    content_type: str  # lower case, without parameters ("" when the server sent none)
    charset: str | None
    validators: Validators
    fetched_at: datetime  # UTC, naive

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# ------------------------------------------------------------------------------------------- address checks
def _bad_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def resolve_public(host: str, port: int, url: str, allow_private: bool) -> list[str]:
    """Every address of `host`; FetchError E702 if one of them is not public (unless allowed), E703 if none."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        addresses = [host.strip("[]")]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise FetchError("E703", host=host, url=url, reason=getattr(exc, "strerror", None) or str(exc)) from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        if not addresses:
            raise FetchError("E703", host=host, url=url, reason="no address")
    if not allow_private:
        for address in addresses:
            if _bad_address(address):
                raise FetchError("E702", url=url, host=host, address=address)
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """Opens sockets only to addresses that passed `resolve_public`, connecting to the checked address itself
    (TLS still verifies and sends SNI for the host name)."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = resolve_public(host, port, f"{host}:{port}", allow_private=False)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except httpcore.ConnectError as exc:  # try the next address of the host
                last = exc
        raise last  # type: ignore[misc]


# ------------------------------------------------------------------------------------------- rate limit
class HostLimiter:
    """At least `interval` seconds (or the host's own Crawl-delay) between two requests to one host.
    Each caller reserves the next free slot under a lock, then sleeps until it outside the lock."""

    def __init__(self, interval: float, sleep=time.sleep, clock=time.monotonic):
        self.interval = max(0.0, interval)
        self._delays: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self._sleep = sleep
        self._clock = clock

    def set_delay(self, host: str, seconds: float) -> None:
        with self._lock:
            self._delays[host] = max(0.0, seconds)

    def wait(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            at = max(now, self._next.get(host, 0.0))
            self._next[host] = at + max(self.interval, self._delays.get(host, 0.0))
        if at > now:
            self._sleep(at - now)


# ------------------------------------------------------------------------------------------- robots.txt
@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: fetching it failed -> the host is treated as disallowed
    checked: float
    failure: str = ""


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


# ------------------------------------------------------------------------------------------- fetcher
class Fetcher:
    """One HTTP client for a watch run (thread-safe: pages of several hosts are fetched at once)."""

    def __init__(self, settings: Settings | None = None, *, allow_private: bool | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.settings = settings or Settings()
        s = self.settings
        self.allow_private = s.live_allow_private if allow_private is None else allow_private
        self.user_agent = s.live_user_agent
        if transport is None:
            transport = httpx.HTTPTransport(retries=0, trust_env=False)
            pool = getattr(transport, "_pool", None)
            if not self.allow_private and hasattr(pool, "_network_backend"):
                pool._network_backend = GuardedBackend()
        self.client = httpx.Client(
            transport=transport, trust_env=False, follow_redirects=False,
            timeout=httpx.Timeout(s.live_timeout),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"})
        self.limiter = HostLimiter(s.live_host_interval)
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def new_cycle(self) -> None:
        """Forget robots.txt files that could not be fetched, so the next cycle asks again."""
        with self._lock:
            for key in [k for k, r in self._robots.items() if r.parser is None]:
                del self._robots[key]

    # ---------------------------------------------------------------- public
    def get(self, url: str, *, kind: str = "page", validators: Validators | None = None) -> Fetched:
        """Download `url` as a `kind` ("page", "feed", "source" or "robots"); see the module docstring."""
        self.check_address(url)
        if kind != "robots":
            self.check_robots(url)
        limit = self._limit(kind)
        s = self.settings
        attempts = max(1, s.live_retries + 1)
        for attempt in range(attempts):
            try:
                return self._follow(url, kind, validators, limit)
            except FetchError as exc:
                if not exc.retryable:
                    raise
                if attempt + 1 >= attempts:
                    if exc.code == "E704":
                        raise FetchError("E704", url=url, attempts=attempts, seconds=s.live_timeout) from None
                    raise
                pause = s.live_backoff * (2 ** attempt)
                if exc.retry_after is not None:
                    pause = max(pause, min(exc.retry_after, 60.0))
                log.debug("retrying %s in %.2f s after %s", url, pause, exc)
                time.sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover

    def check_address(self, url: str) -> None:
        """FetchError E701 for anything but http(s), E702 for a private address (unless allowed), E703 when the
        host does not resolve."""
        check_scheme(url)
        parts = urlsplit(url)
        resolve_public(parts.hostname or "", parts.port or (443 if parts.scheme.lower() == "https" else 80), url,
                       self.allow_private)

    def check_robots(self, url: str) -> None:
        """FetchError E708 when robots.txt disallows `url` for us, E715 when it cannot be fetched."""
        key = _host_key(url)
        with self._lock:
            host_lock = self._robots_locks.setdefault(key, threading.Lock())
        with host_lock:  # one robots.txt download per host, however many threads ask
            entry = self._robots.get(key)
            if entry is None or time.monotonic() - entry.checked > self.settings.live_robots_ttl:
                entry = self._load_robots(key)
                self._robots[key] = entry
        if entry.parser is None:
            raise FetchError("E715", host=urlsplit(key).netloc, reason=entry.failure)
        if not entry.parser.can_fetch(self.user_agent, url):
            raise FetchError("E708", url=url)

    # ---------------------------------------------------------------- internals
    def _limit(self, kind: str) -> int:
        s = self.settings
        return {"page": s.live_max_page_bytes, "robots": s.live_max_robots_bytes}.get(kind, s.live_max_feed_bytes)

    def _load_robots(self, key: str) -> _Robots:
        url = key + "/robots.txt"
        parser = RobotFileParser(url)
        try:
            fetched = self.get(url, kind="robots")
        except FetchError as exc:
            status = exc.status
            if status is not None and 400 <= status < 500 and status != 429:  # no robots.txt: no restriction
                parser.parse([])
                return _Robots(parser, time.monotonic())
            return _Robots(None, time.monotonic(), exc.reason)
        text = fetched.content.decode("utf-8", errors="replace") if fetched.content_type.startswith("text/") \
            or not fetched.content_type else ""
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.user_agent)
        if delay:
            try:
                self.limiter.set_delay(urlsplit(key).netloc, min(float(delay), self.settings.live_max_crawl_delay))
            except (TypeError, ValueError):
                pass
        return _Robots(parser, time.monotonic())

    def _follow(self, url: str, kind: str, validators: Validators | None, limit: int) -> Fetched:
        current = url
        for hop in range(self.settings.live_max_redirects + 1):
            check_scheme(current)
            if hop and kind != "robots":
                self.check_robots(current)
            result = self._once(current, kind, validators if hop == 0 else None, limit)
            if isinstance(result, Fetched):
                result.url = url
                return result
            current = result  # the next URL of a redirect
        raise FetchError("E714", url=url, limit=self.settings.live_max_redirects)

    def _once(self, url: str, kind: str, validators: Validators | None, limit: int) -> Fetched | str:
        self.check_address(url)
        parts = urlsplit(url)
        headers = {}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        self.limiter.wait(parts.netloc.lower())
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                if status in _REDIRECT_STATUS and resp.headers.get("location"):
                    return urljoin(url, resp.headers["location"].strip())
                if status == 304:
                    return self._result(url, resp, b"", validators)
                if status != 200:
                    exc = FetchError("E705", status=status, url=url)
                    exc.retryable = status in _RETRY_STATUS
                    exc.retry_after = _retry_after(resp.headers.get("retry-after"))
                    exc.status = status
                    raise exc
                ctype, _ = _content_type(resp.headers.get("content-type", ""))
                if kind != "robots":
                    _check_type(url, kind, ctype)
                length = resp.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise FetchError("E706", url=url, limit=human_size(limit))
                body = self._read(url, resp, limit, started)
                result = self._result(url, resp, body, None)
        except httpx.TimeoutException:
            exc = FetchError("E704", url=url, attempts=1, seconds=self.settings.live_timeout)
            exc.retryable = True
            raise exc from None
        except FetchError:
            raise
        except (httpx.TransportError, httpx.DecodingError, httpx.InvalidURL) as exc:
            err = FetchError("E709", url=url, reason=_reason(exc))
            err.retryable = isinstance(exc, (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError))
            raise err from None
        if result.content.startswith(b"\x1f\x8b"):  # a gzip file as the body (sitemap.xml.gz)
            try:
                result.content = gunzip(result.content, limit)
            except Reject as exc:
                if exc.code == "E113":
                    raise FetchError("E706", url=url, limit=human_size(limit)) from None
                raise FetchError("E709", url=url, reason=exc.reason) from None
        if kind == "page" and result.content_type == "" and not result.content.lstrip()[:1] == b"<":
            raise FetchError("E707", url=url, ctype="(none)", expected=EXPECTED["page"][1])
        return result

    def _read(self, url: str, resp: httpx.Response, limit: int, started: float) -> bytes:
        """The body, decoded from gzip/deflate here so that the size limit applies to what is unpacked."""
        encoding = resp.headers.get("content-encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(wbits=47)  # gzip or zlib header, detected
        elif encoding == "deflate":
            decoder = _DeflateDecoder()
        elif encoding in ("", "identity"):
            decoder = None
        else:
            raise FetchError("E709", url=url, reason=f"unsupported content encoding '{encoding}'")
        out: list[bytes] = []
        size = raw = 0
        deadline = started + self.settings.live_timeout * 3
        try:
            for chunk in resp.iter_raw(65536):
                raw += len(chunk)
                if raw > limit:
                    raise FetchError("E706", url=url, limit=human_size(limit))
                if time.monotonic() > deadline:  # a host that trickles bytes is as bad as a silent one
                    raise httpx.ReadTimeout("download too slow")
                if decoder is None:
                    size += len(chunk)
                    out.append(chunk)
                    continue
                buf = chunk
                while buf:
                    piece = decoder.decompress(buf, limit - size + 1)
                    size += len(piece)
                    if size > limit:
                        raise FetchError("E706", url=url, limit=human_size(limit))
                    out.append(piece)
                    buf = decoder.unconsumed_tail
            if decoder is not None:
                tail = decoder.flush()
                size += len(tail)
                if size > limit:
                    raise FetchError("E706", url=url, limit=human_size(limit))
                out.append(tail)
        except zlib.error as exc:
            raise FetchError("E709", url=url, reason=f"bad {encoding} data: {exc}") from None
        return b"".join(out)

    def _result(self, url: str, resp: httpx.Response, body: bytes, sent: Validators | None) -> Fetched:
        ctype, charset = _content_type(resp.headers.get("content-type", ""))
        etag = resp.headers.get("etag") or (sent.etag if sent else None)
        modified = resp.headers.get("last-modified") or (sent.last_modified if sent else None)
        return Fetched(url=url, final_url=url, status=resp.status_code, content=body, content_type=ctype,
                       charset=charset, validators=Validators(etag, modified), fetched_at=utcnow())


class _DeflateDecoder:
    """HTTP 'deflate' is zlib-wrapped by the standard, raw deflate by some servers: try zlib, fall back."""

    def __init__(self):
        self._dec = zlib.decompressobj()
        self._first = True

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._first:
            self._first = False
            try:
                return self._dec.decompress(data, max_length)
            except zlib.error:
                self._dec = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._dec.decompress(data, max_length)

    @property
    def unconsumed_tail(self) -> bytes:
        return self._dec.unconsumed_tail

    def flush(self) -> bytes:
        return self._dec.flush()


# ------------------------------------------------------------------------------------------- helpers
def check_scheme(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError("E701", url=url) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("E701", url=url)


def _content_type(header: str) -> tuple[str, str | None]:
    main, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return main.strip().lower(), charset


def _check_type(url: str, kind: str, ctype: str) -> None:
    allowed, expected = EXPECTED.get(kind, EXPECTED["source"])
    if not ctype:  # no header: the content decides later
        return
    if ctype in allowed or (kind != "page" and ctype.endswith("+xml")):
        return
    raise FetchError("E707", url=url, ctype=ctype, expected=expected)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
