"""The FastAPI application: a read-only HTTP API over the store, and the dashboard that uses it.

The store is opened read-only when a request comes and shared by the requests that overlap (each gets its own
cursor); it is closed again once the server has been idle for a moment, so the server does not keep the file:
`newsevents run` can add articles while the server runs, and later requests see them. While a writer holds the
file, a request is retried once after a short wait and then answered 503.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Optional

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NewsEventsError, error
from . import queries
from .queries import Filters, QueryError

log = logging.getLogger("newsevents.api")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("newsevents")
    except Exception:  # running from a source tree that is not installed
        return "0"


__version__ = _version()

LOCK_RETRY_SECONDS = 0.3
SECURITY_HEADERS = {
    # Everything the page needs comes from this server: no CDN, no inline script, no third-party request.
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class ApiError(Exception):
    """An error answered as JSON {"error": message, "code": code} with an HTTP status."""

    def __init__(self, status: int, code: str, **kwargs):
        self.status = status
        self.code = code
        self.message = error(code, **kwargs).message
        super().__init__(self.message)


def _json_error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    # messages quote what the client sent: control characters are shown escaped, so an error stays one line
    # (no CR/LF from a query string reaches a client's log)
    message = "".join(c if c >= " " and c != "\x7f" else f"\\x{ord(c):02x}" for c in message)
    return JSONResponse({"error": message, "code": code}, status_code=status, headers=headers)


def static_dir() -> Path:
    return Path(str(resources.files("newsevents.web") / "static"))


# ---------------------------------------------------------------------------- the store, per request
def _open(path: str):
    from ..store import Store

    return Store(path, read_only=True)


def open_store(path: str):
    """Open the store read-only; one retry after a short wait when a writer holds the file."""
    for attempt in (1, 2):
        try:
            return _open(path)
        except NewsEventsError as exc:
            if exc.code == "E301":
                if attempt == 1:
                    time.sleep(LOCK_RETRY_SECONDS)
                    continue
                raise ApiError(503, "E504", path=path) from None
            if exc.code == "E303":
                raise ApiError(503, "E505", path=path, reason="the file does not exist") from None
            raise ApiError(503, "E505", path=path, reason=exc.message) from None
        except Exception as exc:  # a damaged file, a file that is not DuckDB, ...
            raise ApiError(503, "E505", path=path, reason=str(exc).splitlines()[0][:300]) from None
    raise AssertionError("unreachable")


class SharedStore:
    """One read-only connection shared by concurrent requests (a cursor each), closed after `idle_seconds`
    without requests so that a writer in another process can take the file."""

    def __init__(self, path: str, idle_seconds: float = 1.0):
        self.path = path
        self.idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._store = None
        self._users = 0
        self._timer: threading.Timer | None = None

    def cursor(self):
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._store is None:
                self._store = open_store(self.path)
            cur = self._store.con.cursor()
            self._users += 1
            return cur

    def release(self, cur) -> None:
        try:
            cur.close()
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._store is not None:
                    if self.idle_seconds <= 0:
                        self._close_locked()
                    else:
                        self._timer = threading.Timer(self.idle_seconds, self._close_if_idle)
                        self._timer.daemon = True
                        self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0:
                self._close_locked()

    def _close_locked(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._close_locked()

    @property
    def is_open(self) -> bool:
        return self._store is not None


# ---------------------------------------------------------------------------- parameters
_F = {
    "since": "First date, YYYY-MM-DD.",
    "until": "Last date, YYYY-MM-DD.",
    "actor": "Actor code prefix on either side, e.g. JPN or USAGOV.",
    "country": "ISO3 country of either actor, e.g. UKR.",
    "source": "Source actor code prefix or source country (dyad with `target`).",
    "target": "Target actor code prefix or target country (dyad with `source`).",
    "code": "CAMEO code prefix: 04 finds every consult (040-046), 042 one code.",
    "root": "CAMEO root code, exactly (01-20).",
    "plover": "PLOVER category (CONSULT, ASSAULT, ...); comma-separated for several.",
    "quad_class": "QuadClass 1-4; comma-separated for several (1,2 = cooperation).",
    "mode": "asserted, planned, hypothetical, negated or reported; comma-separated for several.",
    "place": "Place name (case-insensitive, exact) or the ISO3 country of the place.",
    "q": "Words in the evidence sentence (case-insensitive substring).",
    "article": "Article id.",
}


def filter_params(
    since: Optional[str] = Query(None, description=_F["since"]),
    until: Optional[str] = Query(None, description=_F["until"]),
    actor: Optional[str] = Query(None, description=_F["actor"]),
    country: Optional[str] = Query(None, description=_F["country"]),
    source: Optional[str] = Query(None, description=_F["source"]),
    target: Optional[str] = Query(None, description=_F["target"]),
    code: Optional[str] = Query(None, description=_F["code"]),
    root: Optional[str] = Query(None, description=_F["root"]),
    plover: Optional[str] = Query(None, description=_F["plover"]),
    quad_class: Optional[str] = Query(None, description=_F["quad_class"]),
    mode: Optional[str] = Query(None, description=_F["mode"]),
    place: Optional[str] = Query(None, description=_F["place"]),
    q: Optional[str] = Query(None, description=_F["q"]),
    article: Optional[str] = Query(None, description=_F["article"]),
) -> Filters:
    return queries.parse_filters(dict(
        since=since, until=until, actor=actor, country=country, source=source, target=target, code=code,
        root=root, plover=plover, quad_class=quad_class, mode=mode, place=place, q=q, article=article))


def _known_params(request: Request, known: tuple[str, ...]) -> None:
    """A misspelt parameter (?actr=JPN) is a 400, not a silently unfiltered answer."""
    for name in request.query_params.keys():
        if name not in known:
            raise ApiError(400, "E503", param=name[:60], known=", ".join(known) or "no parameters")
    for name in known:
        if len(request.query_params.getlist(name)) > 1:
            raise QueryError(name, "given more than once (use a comma-separated list)")


# ---------------------------------------------------------------------------- the app
def create_app(db_path: str | Path, *, idle_seconds: float = 1.0) -> FastAPI:
    """The API and dashboard over the store in `db_path`, opened read-only while requests come in and closed
    after `idle_seconds` without one."""
    db_path = str(db_path)
    shared = SharedStore(db_path, idle_seconds)
    app = FastAPI(
        title="newsevents API",
        version=__version__,
        description=("Read-only access to a newsevents store: coded events (CAMEO, PLOVER, QuadClass, Goldstein) "
                     "with their evidence, the articles they come from, and aggregates for charts. Every list "
                     "and aggregate endpoint takes the same filters. Errors are JSON "
                     "`{\"error\": message, \"code\": \"E5xx\"}`."),
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",  # /docs below is served offline
    )
    app.state.db_path = db_path
    app.state.store = shared
    app.router.add_event_handler("shutdown", shared.close)
    static = static_dir()

    def store_cursor() -> Iterator:
        cur = shared.cursor()
        try:
            yield cur
        finally:
            shared.release(cur)

    # ------------------------------------------------------------------ errors
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        headers = {"Retry-After": "2"} if exc.status == 503 else None
        return _json_error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(QueryError)
    async def _query_error(request: Request, exc: QueryError):
        return _json_error(422, "E502", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        errs = exc.errors()
        first = errs[0] if errs else {}
        param = str((first.get("loc") or ["?"])[-1])
        return _json_error(422, "E502", error("E502", param=param, reason=first.get("msg", "invalid")).message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        path = request.url.path[:200]
        if exc.status_code == 404:
            return _json_error(404, "E506", error("E506", path=path).message)
        if exc.status_code == 405:
            return _json_error(405, "E507", error("E507", method=request.method, path=path).message)
        return _json_error(exc.status_code, "E508", error("E508", path=path, reason=str(exc.detail)).message)

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception):
        log.exception("error answering %s", request.url.path)
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        return _json_error(500, "E508", error("E508", path=request.url.path[:200], reason=reason).message)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.url.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # ------------------------------------------------------------------ API
    @app.get("/api/health", tags=["meta"], summary="Is the server up (does not open the store)")
    def health():
        return {"ok": True, "version": __version__}

    @app.get("/api/meta", tags=["meta"], summary="What the store holds and the values filters accept")
    def meta(request: Request, con=Depends(store_cursor)):
        _known_params(request, ())
        return {"db": Path(db_path).name, **queries.meta(con)}

    @app.get("/api/events", tags=["events"], summary="Events matching the filters, sorted and paginated")
    def events(
        request: Request,
        f: Filters = Depends(filter_params),
        sort: Optional[str] = Query(None, description=(
            f"Sort column, one of {', '.join(queries.SORTS)}; '-' before it sorts descending "
            f"(default {queries.DEFAULT_SORT}).")),
        limit: Optional[str] = Query(None, description=f"Page size, 1-{queries.MAX_LIMIT} (default 50; "
                                                       "larger values are capped)."),
        offset: Optional[str] = Query(None, description="Events to skip (default 0)."),
        con=Depends(store_cursor),
    ):
        """Returns `{total, limit, offset, items}`: `total` counts every matching event, `items` is one page."""
        _known_params(request, Filters.PARAMS + ("sort", "limit", "offset"))
        return queries.list_events(
            con, f, sort=queries.parse_sort(sort),
            limit=queries.parse_int("limit", limit, 50, minimum=1, maximum=queries.MAX_LIMIT),
            offset=queries.parse_int("offset", offset, 0, minimum=0))

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its evidence and article")
    def event(event_id: str, request: Request, con=Depends(store_cursor)):
        """The full event row, `evidence` {text, start, end, source_span, verb_span, target_span} (offsets into
        the article text), `context` (article text before and after the sentence) and an `article` summary."""
        _known_params(request, ())
        row = queries.get_event(con, event_id)
        if row is None:
            raise ApiError(404, "E501", kind="event", id=event_id[:100])
        return row

    @app.get("/api/articles/{article_id}", tags=["articles"], summary="One article with entities and events")
    def article(article_id: str, request: Request, con=Depends(store_cursor)):
        _known_params(request, ())
        row = queries.get_article(con, article_id)
        if row is None:
            raise ApiError(404, "E501", kind="article", id=article_id[:100])
        return row

    @app.get("/api/stats/timeline", tags=["stats"], summary="Events per day (or week/month) by QuadClass")
    def stats_timeline(
        request: Request,
        f: Filters = Depends(filter_params),
        bucket: Optional[str] = Query(None, description="day, week, month, year or auto (default: by range)."),
        con=Depends(store_cursor),
    ):
        """`{bucket, items: [{date, q1, q2, q3, q4, total, goldstein}]}`; goldstein is the bucket's mean."""
        _known_params(request, Filters.PARAMS + ("bucket",))
        return queries.timeline(con, f, bucket=(bucket or "auto").strip().lower())

    @app.get("/api/stats/dyads", tags=["stats"], summary="Top country dyads with counts and mean Goldstein")
    def stats_dyads(
        request: Request,
        f: Filters = Depends(filter_params),
        limit: Optional[str] = Query(None, description=f"How many dyads, 1-{queries.MAX_DYADS} (default 60)."),
        con=Depends(store_cursor),
    ):
        """Pairs of different countries, source -> target: `{total, items: [{source, target, count, goldstein,
        cooperation, conflict}]}`."""
        _known_params(request, Filters.PARAMS + ("limit",))
        return queries.dyads(con, f, limit=queries.parse_int("limit", limit, 60, minimum=1,
                                                             maximum=queries.MAX_DYADS))

    @app.get("/api/stats/places", tags=["stats"], summary="Events by place with coordinates")
    def stats_places(
        request: Request,
        f: Filters = Depends(filter_params),
        limit: Optional[str] = Query(None, description=f"How many places, 1-{queries.MAX_PLACES} (default 1000)."),
        con=Depends(store_cursor),
    ):
        """`{total, items: [{name, country, lat, lon, count, goldstein, quad_class}]}`; quad_class is the most
        frequent QuadClass of the place's events."""
        _known_params(request, Filters.PARAMS + ("limit",))
        return queries.places(con, f, limit=queries.parse_int("limit", limit, 1000, minimum=1,
                                                              maximum=queries.MAX_PLACES))

    # ------------------------------------------------------------------ pages
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index():
        return FileResponse(static / "index.html", headers={"Cache-Control": "no-cache"})

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs():
        return FileResponse(static / "docs.html", headers={"Cache-Control": "no-cache"})

    @app.api_route("/favicon.ico", methods=["GET", "HEAD"], include_in_schema=False)
    def favicon():
        return FileResponse(static / "icon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=static), name="static")
    return app


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Run the server until interrupted (uvicorn)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level=log_level, access_log=False)
