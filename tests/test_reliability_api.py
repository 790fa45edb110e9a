"""Hostile requests against the HTTP API on a real server (uvicorn on 127.0.0.1): path traversal, raw bytes and
odd Unicode in every filter, huge pages and offsets, malformed dates, concurrent requests while the server opens
and closes the store, and schemathesis generating requests from /openapi.json. Every answer is JSON, 4xx or a
normal (possibly empty) result, never 5xx, and the store file does not change. (tests/test_api.py has the SQL
injection strings in every filter, unknown parameters and the read-only methods; tests/test_dashboard.py shows
that article text with <script> is shown as text.)"""
from __future__ import annotations

import hashlib
import os
import socket
import threading
from pathlib import Path

import httpx
import pytest

from test_api import ServerThread, build_store

SCALE = float(os.environ.get("NEWSEVENTS_FUZZ_SCALE", "1"))
FILTERS = ("since", "until", "actor", "country", "source", "target", "code", "root", "plover", "quad_class", "mode",
           "place", "q", "article")
LISTS = ("/api/events", "/api/stats/timeline", "/api/stats/dyads", "/api/stats/places")
REQUESTS = {"count": 0}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline) -> Path:
    return build_store(tmp_path_factory.mktemp("hostile") / "hostile.duckdb", pipeline)


@pytest.fixture(scope="module")
def server(store_path):
    from newsevents.api import create_app

    before = digest(store_path)
    with ServerThread(create_app(store_path, idle_seconds=0.05)) as url:
        yield url
    assert digest(store_path) == before, "a request changed the store file"


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def get(api, path: str, **params) -> httpx.Response:
    REQUESTS["count"] += 1
    return api.get(path, params=params or None)


def assert_json_answer(resp: httpx.Response, allowed=(200, 400, 404, 405, 422)) -> dict:
    """A JSON body; an error is {"error": one line, "code": "E5xx"}; never a 5xx."""
    assert resp.status_code in allowed, (resp.request.url, resp.status_code, resp.text[:300])
    assert resp.headers["content-type"].startswith("application/json"), resp.headers
    body = resp.json()
    if resp.status_code >= 400:
        assert set(body) == {"error", "code"} and body["code"].startswith("E5"), body
        assert "\n" not in body["error"]
    return body


def raw_get(url: str, target: bytes, extra: bytes = b"") -> tuple[int, bytes]:
    """A GET with the request target sent byte for byte (clients normalise '..' and encodings away)."""
    REQUESTS["count"] += 1
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + b"\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


# ---------------------------------------------------------------------------- paths
TRAVERSALS = [
    b"/static/../../../../etc/passwd", b"/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", b"/static/..%2f..%2f..%2fetc%2fpasswd",
    b"/static/%252e%252e/%252e%252e/etc/passwd", b"/static/..\\..\\..\\etc\\passwd", b"/static//etc/passwd",
    b"/static/%00", b"/static/js/../../../../../../etc/passwd", b"//etc/passwd", b"/..%2f..%2fetc%2fpasswd",
    b"/api/events/..%2F..%2F..%2Fetc%2Fpasswd", b"/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/api/articles/..", b"/api/events/%00", b"/api/events/%ff%fe%fd", b"/api/articles/" + b"A" * 20_000,
    b"/api/events/x%0d%0aX-Injected:%201", b"/api/events/%F0%9F%98%80", b"/api/../openapi.json%00",
]


@pytest.mark.parametrize("target", TRAVERSALS, ids=[t[:40].decode() for t in TRAVERSALS])
def test_path_traversal_and_odd_ids_are_404_json_and_read_no_file(server, target):
    status, body = raw_get(server, target)
    assert status in (400, 404), (target, status, body[:200])
    if status == 404:
        assert body.startswith(b'{"error":') and (b'"code":"E501"' in body or b'"code":"E506"' in body), body[:200]
    assert b"root:" not in body and b"X-Injected" not in body.split(b'"error"')[0]


# ---------------------------------------------------------------------------- values
HOSTILE_VALUES = [
    "\x00", "a\x00b", "\u202eJPN", "ＪＰＮ", "٠٤", "०४", "JPN\r\nX-Injected: 1", "%", "_", "%_%", "\\", "\\%",
    "'", '"', "`", ";", "--", "/*", "*/", "0x41", "1e308", "-1", "99999999999999999999999999999", "NaN", "null",
    "[]", "{}", "<script>alert(1)</script>", "../../etc/passwd", "😀" * 50, "x" * 199, "x" * 201, " ", "\t",
    ",", ",,,", "1,2,3,4,1", "3,", "ASSAULT,", "asserted,,planned", "2024-04-08T00:00:00", "2024-4-8",
]


def test_hostile_values_in_every_filter_get_json_and_never_5xx(api, everything_total):
    for value in HOSTILE_VALUES:
        for param in FILTERS:
            for path in LISTS:
                resp = get(api, path, **{param: value})
                body = assert_json_answer(resp, allowed=(200, 422))
                assert "x-injected" not in resp.headers
                if resp.status_code == 200 and path == "/api/events":
                    assert body["total"] <= everything_total
    # nothing in the store changed: the whole list is still the same
    assert get(api, "/api/events", limit="500").json()["total"] == everything_total


@pytest.fixture(scope="module")
def everything_total(api) -> int:
    return get(api, "/api/events", limit="500").json()["total"]


@pytest.mark.parametrize("value", ["2024-13-01", "2024-02-30", "2023-02-29", "0000-01-01", "24-04-08", "2024/04/08",
                                   "٢٠٢٤-٠٤-٠٨", "2024-04-08\x00", "2024-04-08 ", "+2024-04-08", "2024-W15-1",
                                   "99999-01-01", "-2024-04-08", "2024-04", "today"])
def test_malformed_dates_are_422_naming_the_parameter(api, value):
    for param in ("since", "until"):
        resp = get(api, "/api/events", **{param: value})
        if value == "2024-04-08 ":  # surrounding white space is trimmed: a valid date
            assert resp.status_code == 200
            continue
        body = assert_json_answer(resp, allowed=(422,))
        assert body["code"] == "E502" and param in body["error"]


def test_huge_pages_are_capped_and_bad_paging_refused(api, everything_total):
    from newsevents.api.queries import MAX_DYADS, MAX_LIMIT, MAX_PLACES

    for limit in ("1000000", str(10**30), "500"):
        body = assert_json_answer(get(api, "/api/events", limit=limit))
        assert body["limit"] == MAX_LIMIT and len(body["items"]) == min(MAX_LIMIT, everything_total)
    assert assert_json_answer(get(api, "/api/stats/dyads", limit=str(10**12)))["items"] is not None
    assert len(assert_json_answer(get(api, "/api/stats/dyads", limit=str(10**12)))["items"]) <= MAX_DYADS
    assert len(assert_json_answer(get(api, "/api/stats/places", limit=str(10**12)))["items"]) <= MAX_PLACES
    # 10**30 was a 500 (DuckDB cannot cast it to BIGINT); offsets are now capped at the largest BIGINT
    for offset in (str(10**30), "9223372036854775807", str(everything_total)):
        body = assert_json_answer(get(api, "/api/events", offset=offset))
        assert body["items"] == [] and body["total"] == everything_total
    for param, value in (("limit", "0"), ("limit", "-5"), ("limit", "1e3"), ("limit", "0x10"), ("offset", "-1"),
                         ("offset", "1.5"), ("limit", "\x00"), ("limit", "٥٠٠٠٠٠٠")):
        resp = get(api, "/api/events", **{param: value})
        if value == "٥٠٠٠٠٠٠":  # Python reads Unicode digits as a number: capped like any other
            assert assert_json_answer(resp)["limit"] == MAX_LIMIT
            continue
        assert assert_json_answer(resp, allowed=(422,))["code"] == "E502"


def test_many_parameters_and_a_huge_query_string(api):
    resp = api.get("/api/events?" + "&".join(f"p{i}=1" for i in range(2000)))
    REQUESTS["count"] += 1
    assert assert_json_answer(resp, allowed=(400,))["code"] == "E503"
    resp = api.get("/api/events", params={"q": "x" * 60_000})
    REQUESTS["count"] += 1
    assert assert_json_answer(resp, allowed=(422,))["code"] == "E502"


def test_concurrent_requests_while_the_store_is_opened_and_closed(server, everything_total):
    """Eight clients at once against a server that closes the store after 50 ms idle: no 5xx, same answers."""
    errors: list = []

    def client(n: int) -> None:
        with httpx.Client(base_url=server, timeout=30) as c:
            for i in range(int(40 * SCALE)):
                path = ("/api/events", "/api/stats/timeline", "/api/meta", "/api/stats/dyads")[(n + i) % 4]
                resp = c.get(path)
                REQUESTS["count"] += 1
                if resp.status_code != 200 or (path == "/api/events" and resp.json()["total"] != everything_total):
                    errors.append((path, resp.status_code, resp.text[:200]))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:5]


# ---------------------------------------------------------------------------- schemathesis
def test_schemathesis_generated_requests_from_the_openapi_document(server):
    """Requests generated from /openapi.json for every operation, valid and invalid (schemathesis, positive and
    negative modes, a bounded number of examples): no 5xx, every error a JSON {error, code}."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable

    schema = schemathesis.openapi.from_url(server + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}",
                                              "/api/stats/timeline", "/api/stats/dyads", "/api/stats/places",
                                              "/api/meta", "/api/health"}
    failures, sent = [], [0]
    for op in operations:
        # an operation without query parameters has no invalid form (/api/health; an id is any string)
        modes = [schemathesis.GenerationMode.POSITIVE] + ([schemathesis.GenerationMode.NEGATIVE] if op.query else [])
        for mode in modes:
            @settings(max_examples=int(60 * SCALE), deadline=None, derandomize=SCALE <= 1, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def call(case):
                resp = case.call(base_url=server, timeout=30)
                sent[0] += 1
                ctype = resp.headers.get("content-type") or ""
                ctype = ctype[0] if isinstance(ctype, list) else ctype  # (schemathesis keeps a list per header)
                if resp.status_code >= 500 or (resp.status_code >= 400 and not (
                        ctype.startswith("application/json") and set(resp.json()) == {"error", "code"})):
                    failures.append((case.method, case.formatted_path, case.query, resp.status_code,
                                     resp.text[:200]))

            try:
                call()
            except Unsatisfiable:  # (should not happen with the modes above)
                assert mode == schemathesis.GenerationMode.NEGATIVE
    REQUESTS["count"] += sent[0]
    REQUESTS["schemathesis"] = sent[0]
    assert not failures, failures[:5]
    assert sent[0] >= 8 * min(20, int(60 * SCALE))


def test_zz_requests_tried():
    print(f"\nhostile requests sent: {REQUESTS['count']} (schemathesis: {REQUESTS.get('schemathesis', 0)})")
