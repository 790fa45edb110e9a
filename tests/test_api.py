"""The HTTP API, through a real uvicorn server on a loopback port, over a real store coded from the bundled sample
plus a few hand-written articles (one of them carrying `<script>alert(1)</script>`)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from conftest import SAMPLES
from newsevents.store import Store

SCRIPT = "<script>alert(1)</script>"
EXTRA_ARTICLES = [
    {"id": "xss-1", "title": f"Talks {SCRIPT} in Geneva", "date": "2024-04-02",
     "text": f"Russian troops attacked the Ukrainian city of Kharkiv on Monday. {SCRIPT} Ukrainian officials "
             "condemned the strike and said they would ask the United Nations for help."},
    {"id": "ex-2", "title": "China and Brazil", "date": "2024-04-03",
     "text": "China's foreign minister met Brazil's president in Brasilia on Wednesday. The two governments signed "
             "an agreement on trade and agreed to expand cooperation on energy."},
    {"id": "ex-3", "title": "Israeli raid", "date": "2024-04-05",
     "text": "Israeli troops raided a refugee camp in the West Bank on Friday. Palestinian officials accused Israel "
             "of killing civilians."},
    {"id": "ex-4", "title": "Aid to Sudan", "date": "2024-04-06", "url": "javascript:alert(2)",
     "text": "The United States pledged humanitarian aid to Sudan on Saturday. Egypt's president praised the "
             "decision and urged both sides to negotiate a ceasefire in Khartoum."},
    {"id": "ex-5", "title": "Sanctions", "date": "2024-04-10",
     "text": "The European Union imposed sanctions on Iran on Wednesday after Iranian forces seized a ship in the "
             "Strait of Hormuz. France demanded the release of the crew."},
    {"id": "ex-6", "title": "Visit", "date": "2024-04-11",
     "text": "India's prime minister visited Tokyo on Thursday and met Japanese business leaders. North Korea "
             "threatened South Korea with military action."},
]


# ---------------------------------------------------------------------------- helpers (shared with the dashboard tests)
def build_store(db: Path, pipeline) -> Path:
    """A store coded from samples/ and EXTRA_ARTICLES."""
    from newsevents.pipeline import run

    extra = db.parent / "extra.jsonl"
    extra.write_text("\n".join(json.dumps(a) for a in EXTRA_ARTICLES) + "\n", encoding="utf-8")
    with Store(db) as store:
        report = run([str(SAMPLES), str(extra)], store, default_date=date(2024, 4, 8), pipeline=pipeline)
    assert not report.rejected and report.events > 10
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def counts(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        tables = sorted(r[0] for r in store.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall())
        return {"tables": tables, **store.counts()}


# ---------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "api.duckdb", pipeline)


@pytest.fixture(scope="module")
def api(store_path):
    from newsevents.api import create_app

    with ServerThread(create_app(store_path, idle_seconds=0.2)) as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            yield client


@pytest.fixture(scope="module")
def everything(api) -> list[dict]:
    body = api.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == len(body["items"]) > 10
    return body["items"]


def ids(resp: httpx.Response) -> set[str]:
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total"] == len(body["items"])
    return {e["id"] for e in body["items"]}


# ---------------------------------------------------------------------------- listing and filters
def test_list_counts_every_event_and_pages_through_them(api, store_path, everything):
    assert len(everything) == counts(store_path)["events"]
    seen, offset = [], 0
    while True:
        body = api.get("/api/events", params={"limit": 7, "offset": offset}).json()
        assert body["total"] == len(everything) and body["limit"] == 7 and body["offset"] == offset
        if not body["items"]:
            break
        seen += [e["id"] for e in body["items"]]
        offset += 7
    assert seen == [e["id"] for e in everything]  # stable order, no overlap, no gap
    dates = [e["date"] for e in everything]
    assert dates == sorted(dates, reverse=True)  # default sort: newest first


@pytest.mark.parametrize("params, keep", [
    ({"actor": "rus"}, lambda e: e["source_code"].startswith("RUS") or e["target_code"].startswith("RUS")),
    ({"actor": "USAGOV"}, lambda e: "USAGOV" in (e["source_code"][:6], e["target_code"][:6])),
    ({"country": "UKR"}, lambda e: "UKR" in (e["source_country"], e["target_country"])),
    ({"source": "USA", "target": "JPN"},
     lambda e: (e["source_code"].startswith("USA") or e["source_country"] == "USA")
     and (e["target_code"].startswith("JPN") or e["target_country"] == "JPN")),
    ({"code": "04"}, lambda e: e["code"].startswith("04")),
    ({"code": "190"}, lambda e: e["code"].startswith("190")),
    ({"root": "19"}, lambda e: e["root_code"] == "19"),
    ({"plover": "consult"}, lambda e: e["plover"] == "CONSULT"),
    ({"plover": "ASSAULT,SANCTION"}, lambda e: e["plover"] in ("ASSAULT", "SANCTION")),
    ({"quad_class": "3,4"}, lambda e: e["quad_class"] in (3, 4)),
    ({"quad_class": "1"}, lambda e: e["quad_class"] == 1),
    ({"mode": "planned"}, lambda e: e["mode"] == "planned"),
    ({"mode": "hypothetical,asserted"}, lambda e: e["mode"] in ("hypothetical", "asserted")),
    ({"place": "kharkiv"}, lambda e: e["place_name"] == "Kharkiv"),
    ({"place": "UKR"}, lambda e: e["place_country"] == "UKR"),
    ({"q": "Refugee Camp"}, lambda e: "refugee camp" in e["sentence"].lower()),
    ({"q": "alliance"}, lambda e: "alliance" in e["sentence"].lower()),
    ({"since": "2024-04-02", "until": "2024-04-06"}, lambda e: "2024-04-02" <= e["date"] <= "2024-04-06"),
    ({"since": "2024-04-08"}, lambda e: e["date"] >= "2024-04-08"),
    ({"article": "xss-1"}, lambda e: e["article_id"] == "xss-1"),
    ({"actor": "JPN", "quad_class": "2", "mode": "asserted"},
     lambda e: "JPN" in (e["source_code"][:3], e["target_code"][:3]) and e["quad_class"] == 2
     and e["mode"] == "asserted"),
])
def test_filters_select_exactly_the_matching_events(api, everything, params, keep):
    expected = {e["id"] for e in everything if keep(e)}
    assert expected, f"the test store has no event for {params}"
    assert ids(api.get("/api/events", params={**params, "limit": 500})) == expected


def test_filters_that_match_nothing_give_an_empty_page(api):
    for params in ({"actor": "ZZZ"}, {"q": "no such words anywhere"}, {"since": "2030-01-01"},
                   {"place": "Atlantis"}, {"q": "%"}, {"q": "_"}):
        body = api.get("/api/events", params=params).json()
        assert body == {"total": 0, "limit": 50, "offset": 0, "items": []}, params


@pytest.mark.parametrize("sort, key, reverse", [
    ("goldstein", "goldstein", False), ("-goldstein", "goldstein", True), ("quad_class", "quad_class", False),
    ("code", "code", False), ("-date", "date", True), ("date", "date", False),
])
def test_sorting(api, sort, key, reverse):
    items = api.get("/api/events", params={"sort": sort, "limit": 500}).json()["items"]
    values = [e[key] for e in items]
    assert values == sorted(values, reverse=reverse)


def test_huge_limit_is_capped_and_bad_paging_is_refused(api):
    body = api.get("/api/events", params={"limit": 10**9}).json()
    assert body["limit"] == 500
    for params in ({"limit": 0}, {"limit": -5}, {"limit": "ten"}, {"offset": -1}, {"limit": "1e3"}):
        resp = api.get("/api/events", params=params)
        assert resp.status_code == 422 and resp.json()["code"] == "E502", params
    assert api.get("/api/stats/dyads", params={"limit": 10**6}).status_code == 200
    assert api.get("/api/stats/places", params={"limit": 10**6}).status_code == 200


# ---------------------------------------------------------------------------- one event, one article
def test_event_has_its_evidence_and_article(api, everything):
    # the attack as told in its own sentence (a later "the strike" is another mention of it)
    attack = next(e for e in everything if e["article_id"] == "xss-1" and e["code"].startswith("19")
                  and e["verb"] == "attacked")
    ev = api.get(f"/api/events/{attack['id']}").json()
    evidence = ev["evidence"]
    assert evidence["text"] == ev["sentence"] == "Russian troops attacked the Ukrainian city of Kharkiv on Monday."
    assert evidence["verb_span"]["text"] == "attacked"
    assert evidence["source_span"]["text"] == "Russian troops"
    assert evidence["target_span"]["text"].endswith("Ukrainian city")
    assert ev["code_name"] and ev["quad_class_name"] == "Material conflict"
    assert ev["article"]["id"] == "xss-1" and ev["article"]["title"] == EXTRA_ARTICLES[0]["title"]
    assert "text" not in ev["article"]  # a summary, not the whole text
    art = api.get("/api/articles/xss-1").json()
    text = art["text"]
    s, e = evidence["start"], evidence["end"]
    assert text[s:e] == evidence["text"]
    for role in ("source", "verb", "target"):
        span = evidence[f"{role}_span"]
        assert text[span["start"]:span["end"]] == span["text"]
    ctx = ev["context"]
    assert text[s - len(ctx["before"]):s] == ctx["before"] and text[e:e + len(ctx["after"])] == ctx["after"]
    assert SCRIPT in ctx["after"]  # returned as data: escaping is the page's job (it uses text nodes)


def test_article_has_text_entities_and_events(api):
    art = api.get("/api/articles/xss-1").json()
    assert SCRIPT in art["text"] and art["title"] == EXTRA_ARTICLES[0]["title"]
    assert art["date"] == "2024-04-02" and art["n_events"] == len(art["events"]) > 0
    assert any(ent["text"] == "Kharkiv" for ent in art["entities"])
    assert all(ev["article_id"] == "xss-1" for ev in art["events"])
    assert api.get("/api/articles/ex-2").status_code == 200  # an article without events


def test_unknown_ids_and_paths_are_404_json(api):
    for path, kind in (("/api/events/0000000000000000", "event"), ("/api/articles/nope", "article")):
        resp = api.get(path)
        assert resp.status_code == 404 and resp.headers["content-type"].startswith("application/json")
        body = resp.json()
        assert body["code"] == "E501" and kind in body["error"]
    resp = api.get("/api/nothing/here")
    assert resp.status_code == 404 and resp.json()["code"] == "E506"


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize("params", [
    {"since": "2024-13-01"}, {"since": "yesterday"}, {"until": "2024-02-30"}, {"until": "20240401"},
    {"since": "2024-04-10", "until": "2024-04-01"}, {"quad_class": "5"}, {"quad_class": "1;2"},
    {"mode": "maybe"}, {"plover": "DANCE"}, {"code": "4a"}, {"root": "21"}, {"country": "U-K"},
    {"sort": "sentence"}, {"sort": "date; DROP TABLE events"}, {"q": "x" * 501},
])
def test_bad_filter_values_are_422_json(api, params):
    for path in ("/api/events", "/api/stats/timeline", "/api/stats/dyads", "/api/stats/places"):
        if "sort" in params and path != "/api/events":
            continue
        resp = api.get(path, params=params)
        assert resp.status_code == 422, (path, params, resp.text)
        body = resp.json()
        assert body["code"] == "E502" and set(body) == {"error", "code"}
        assert next(iter(params)) in body["error"]


def test_unknown_parameter_is_400_and_a_repeated_one_422(api):
    resp = api.get("/api/events", params={"actr": "JPN"})
    assert resp.status_code == 400 and resp.json()["code"] == "E503" and "actr" in resp.json()["error"]
    resp = api.get("/api/events?actor=JPN&actor=USA")
    assert resp.status_code == 422 and resp.json()["code"] == "E502"
    assert api.get("/api/stats/timeline", params={"sort": "date"}).status_code == 400


def test_api_is_read_only(api):
    resp = api.post("/api/events", json={})
    assert resp.status_code == 405 and resp.json()["code"] == "E507"
    assert api.delete("/api/events/x").status_code == 405


INJECTIONS = [
    "'; DROP TABLE events; --", "' OR '1'='1", "JPN' OR 1=1 --", "1) OR (1=1", "\" OR \"\"=\"",
    "%' UNION SELECT * FROM articles --", "x'); DELETE FROM events; --", "\\'; DROP TABLE articles; --",
    "Robert'); DROP TABLE entities;--",
]


def test_sql_injection_strings_are_only_data(api, store_path):
    before = counts(store_path)
    for payload in INJECTIONS:
        for param in ("actor", "country", "source", "target", "code", "root", "plover", "quad_class", "mode",
                      "place", "q", "article", "since", "until", "sort", "bucket"):
            for path in ("/api/events", "/api/stats/timeline", "/api/stats/dyads", "/api/stats/places"):
                resp = api.get(path, params={param: payload})
                assert resp.status_code in (200, 400, 422), (path, param, payload, resp.status_code, resp.text)
                body = resp.json()
                if resp.status_code == 200:
                    assert body["items"] == [] and body.get("total", 0) == 0, (path, param, payload)
                else:
                    assert body["code"].startswith("E5")
        for path in ("/api/events/", "/api/articles/"):
            resp = api.get(path + quote("x" + payload, safe=""))
            assert resp.status_code == 404 and resp.json()["code"] in ("E501", "E506")
    assert counts(store_path) == before
    assert api.get("/api/events").json()["total"] == before["events"]


# ---------------------------------------------------------------------------- aggregates
def test_timeline_counts_by_day_and_quad_class(api, everything):
    body = api.get("/api/stats/timeline").json()
    assert body["bucket"] == "day"
    by_day = {r["date"]: r for r in body["items"]}
    assert sum(r["total"] for r in body["items"]) == len([e for e in everything if e["date"]])
    for day, row in by_day.items():
        evs = [e for e in everything if e["date"] == day]
        assert row["total"] == len(evs) == row["q1"] + row["q2"] + row["q3"] + row["q4"]
        assert row["q4"] == sum(e["quad_class"] == 4 for e in evs)
        assert row["goldstein"] == pytest.approx(sum(e["goldstein"] for e in evs) / len(evs), abs=0.01)
    week = api.get("/api/stats/timeline", params={"bucket": "week"}).json()
    assert week["bucket"] == "week" and sum(r["total"] for r in week["items"]) == sum(r["total"] for r in body["items"])
    conflict = api.get("/api/stats/timeline", params={"quad_class": "3,4"}).json()["items"]
    assert all(r["q1"] == r["q2"] == 0 for r in conflict)
    assert sum(r["total"] for r in conflict) == sum(e["quad_class"] in (3, 4) for e in everything)
    assert api.get("/api/stats/timeline", params={"bucket": "hour"}).status_code == 422


def test_dyads_count_pairs_of_countries(api, everything):
    items = api.get("/api/stats/dyads").json()["items"]
    assert items and items == sorted(items, key=lambda d: -d["count"])
    for d in items:
        evs = [e for e in everything if e["source_country"] == d["source"] and e["target_country"] == d["target"]]
        assert d["source"] != d["target"] and d["count"] == len(evs)
        assert d["goldstein"] == pytest.approx(sum(e["goldstein"] for e in evs) / len(evs), abs=0.01)
    assert ("JPN", "USA") in {(d["source"], d["target"]) for d in items}
    rus = api.get("/api/stats/dyads", params={"actor": "RUS"}).json()["items"]
    assert rus and all("RUS" in (d["source"], d["target"]) for d in rus)
    assert api.get("/api/stats/dyads", params={"limit": 1}).json()["items"] == items[:1]


def test_places_have_coordinates_counts_and_dominant_quad_class(api, everything):
    body = api.get("/api/stats/places").json()
    located = [e for e in everything if e["place_name"]]
    assert sum(p["count"] for p in body["items"]) == len(located) and body["total"] == len(body["items"])
    for p in body["items"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and 1 <= p["quad_class"] <= 4
    kharkiv = next(p for p in body["items"] if p["name"] == "Kharkiv")
    evs = [e for e in everything if e["place_name"] == "Kharkiv"]
    quads = [e["quad_class"] for e in evs]
    assert kharkiv["count"] == len(evs) and quads.count(kharkiv["quad_class"]) == max(quads.count(q) for q in quads)
    only4 = api.get("/api/stats/places", params={"quad_class": "4"}).json()["items"]
    assert only4 and all(p["quad_class"] == 4 for p in only4)


def test_meta_openapi_and_offline_docs(api, store_path):
    meta = api.get("/api/meta").json()
    assert meta["events"] == counts(store_path)["events"] and meta["first_date"] <= meta["last_date"]
    spec = api.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/stats/timeline",
                 "/api/stats/dyads", "/api/stats/places"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "actor", "q", "sort", "limit", "offset", "quad_class", "place"} <= names
    docs = api.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert "cdn" not in docs.text.lower() and "http" not in docs.text.replace("http-equiv", "")
    assert api.get("/redoc").status_code == 404


def test_pages_are_served_with_a_strict_content_policy(api):
    page = api.get("/")
    assert page.status_code == 200 and "<title>newsevents dashboard</title>" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    for asset in ("/static/vendor/d3/d3.min.js", "/static/vendor/topojson-client/topojson-client.min.js",
                  "/static/vendor/world-atlas/countries-110m.json", "/static/js/main.js", "/static/css/dashboard.css"):
        assert api.get(asset).status_code == 200, asset
    assert api.head("/").status_code == 200


# ---------------------------------------------------------------------------- the store file is shared with writers
def test_a_writer_gets_the_file_between_requests_and_locks_give_503(api, store_path, tmp_path):
    from newsevents.api import create_app

    db = tmp_path / "copy.duckdb"
    shutil.copy(store_path, db)
    with ServerThread(create_app(db, idle_seconds=0.1)) as url, httpx.Client(base_url=url, timeout=30) as client:
        total = client.get("/api/events").json()["total"]
        time.sleep(0.5)  # idle: the server has let go of the file
        writer = subprocess.Popen([sys.executable, "-c", (
            "import duckdb, sys\n"
            "con = duckdb.connect(sys.argv[1])\n"
            "print('ready', flush=True)\n"
            "sys.stdin.readline()\n"
            "con.execute(\"INSERT INTO events (id, article_id, code, root_code, quad_class, goldstein, date) "
            "VALUES ('w1', 'xss-1', '042', '04', 1, 1.9, DATE '2024-04-09')\")\n"
            "con.close()\n"), str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "ready"
            t0 = time.monotonic()
            resp = client.get("/api/events")
            assert resp.status_code == 503 and resp.headers.get("retry-after")
            assert resp.json()["code"] == "E504" and "busy" in resp.json()["error"]
            assert time.monotonic() - t0 >= 0.25  # it waited and tried again before giving up
            writer.stdin.write("go\n")
            writer.stdin.flush()
            assert writer.wait(timeout=30) == 0
        finally:
            writer.kill()
        assert client.get("/api/events").json()["total"] == total + 1
        assert client.get("/api/events/w1").status_code == 200


def test_missing_store_is_503_json(tmp_path):
    from newsevents.api import create_app

    with ServerThread(create_app(tmp_path / "none.duckdb")) as url:
        resp = httpx.get(url + "/api/events", timeout=30)
    assert resp.status_code == 503 and resp.json()["code"] == "E505" and "does not exist" in resp.json()["error"]


# ---------------------------------------------------------------------------- 100,000 events
def test_fast_on_a_hundred_thousand_events(tmp_path):
    from newsevents.api import create_app

    db = tmp_path / "big.duckdb"
    with Store(db) as store:
        store.con.execute("""
            INSERT INTO articles (id, title, date, text, ingested_at, n_events)
            SELECT 'a' || i, 'Article ' || i, DATE '2020-01-01' + CAST(i % 1500 AS INTEGER),
                   'Country ' || (i % 50) || ' met country ' || ((i * 7) % 50) || '.', now(), 10
            FROM range(10000) t(i)""")
        store.con.execute("""
            INSERT INTO events (id, article_id, sentence_index, sentence, sentence_start, sentence_end,
                source_code, source_country, target_code, target_country, verb, verb_start, verb_end,
                code, root_code, plover, quad_class, goldstein, mode, date, place_name, place_country,
                place_lat, place_lon)
            SELECT 'e' || i, 'a' || (i // 10), 0, 'Country ' || (i % 50) || ' met country ' || ((i * 7) % 50) || '.',
                   0, 30, 'C' || lpad(CAST(i % 50 AS VARCHAR), 2, '0') || 'GOV', 'C' || lpad(CAST(i % 50 AS VARCHAR), 2, '0'),
                   'C' || lpad(CAST((i * 7) % 50 AS VARCHAR), 2, '0'), 'C' || lpad(CAST((i * 7) % 50 AS VARCHAR), 2, '0'),
                   'met', 11, 14, lpad(CAST(1 + i % 20 AS VARCHAR), 2, '0') || '0', lpad(CAST(1 + i % 20 AS VARCHAR), 2, '0'),
                   'CONSULT', 1 + i % 4, (i % 21) - 10.0, 'asserted', DATE '2020-01-01' + CAST((i // 10) % 1500 AS INTEGER),
                   'Place ' || (i % 700), 'C' || lpad(CAST(i % 50 AS VARCHAR), 2, '0'), (i % 140) - 70.0, (i % 340) - 170.0
            FROM range(100000) t(i)""")
    with ServerThread(create_app(db)) as url, httpx.Client(base_url=url, timeout=60) as client:
        client.get("/api/meta")  # warm up
        for path, params in [("/api/events", {}), ("/api/events", {"offset": 99950, "sort": "goldstein"}),
                             ("/api/events", {"q": "country 12", "quad_class": "1,2"}), ("/api/stats/timeline", {}),
                             ("/api/stats/dyads", {}), ("/api/stats/places", {}),
                             ("/api/stats/places", {"since": "2021-01-01", "actor": "C07"})]:
            t0 = time.monotonic()
            resp = client.get(path, params=params)
            elapsed = time.monotonic() - t0
            assert resp.status_code == 200, resp.text
            assert elapsed < 3.0, f"{path} {params} took {elapsed:.2f}s"
        assert client.get("/api/events").json()["total"] == 100000
        tl = client.get("/api/stats/timeline").json()
        assert tl["bucket"] == "month" and sum(r["total"] for r in tl["items"]) == 100000
        assert len(client.get("/api/events", params={"limit": 100000}).json()["items"]) == 500
