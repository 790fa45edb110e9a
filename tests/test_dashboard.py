"""The dashboard in headless Chromium (Debian's /usr/bin/chromium driven by Playwright), served by
`newsevents serve` over a store coded from the sample and the hand-written articles of test_api.py.

Skipped only when /usr/bin/chromium (or Playwright) is missing on a developer machine; on CI (CI=true) a
missing browser is a failure (`make browser` installs it).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from test_api import SCRIPT, build_store, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ON_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str):
    if ON_CI:
        pytest.fail(f"{reason} (CI=true: the dashboard tests must run; `make browser` installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def playwright_api():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium (`make browser`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """`newsevents serve` in a subprocess on a free loopback port."""
    db = build_store(tmp_path_factory.mktemp("dash") / "sample.duckdb", pipeline)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"newsevents serve did not start: {proc.stdout.read() if proc.poll() is not None else ''}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(playwright_api):
    b = playwright_api.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield b
    b.close()


class Recorder:
    def __init__(self):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
    rec = Recorder()
    # record every request; anything not for our server is refused (and fails the test below)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server + "/")
                  else route.abort())
    pg = context.new_page()
    pg.on("request", lambda r: rec.requests.append(r.url))
    pg.on("pageerror", lambda e: rec.errors.append(f"pageerror: {e}"))
    pg.on("console", lambda m: rec.errors.append(f"console: {m.text}") if m.type == "error" else None)
    pg.on("dialog", lambda d: (rec.dialogs.append(d.message), d.dismiss()))
    pg.rec = rec
    yield pg
    context.close()
    outside = [u for u in rec.requests if urlparse(u).hostname != "127.0.0.1"]
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert not rec.dialogs, f"a dialog opened (script ran?): {rec.dialogs}"


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#events tbody tr[data-id]", timeout=20000)
    page.wait_for_selector("#map circle.place", timeout=20000)
    page.wait_for_selector("#timeline rect.bar", timeout=20000)
    page.wait_for_selector("#network .node", timeout=20000)


def table_total(page) -> int:
    return int(page.text_content("#table-count").split()[0].replace(",", ""))


def test_every_view_renders_from_local_files_only(page, server):
    load(page, server + "/")
    total = httpx.get(server + "/api/events").json()["total"]
    assert page.locator("#map circle.place").count() == httpx.get(server + "/api/stats/places").json()["total"] > 0
    assert page.locator("#map path.country").count() > 150  # the offline Natural Earth countries
    assert page.locator("#timeline rect.bar").count() > 0
    assert page.locator("#timeline path.goldstein-line").count() == 1
    assert page.locator("#network .node").count() >= 2 and page.locator("#network path.edge").count() >= 1
    assert page.locator("#events tbody tr[data-id]").count() == min(total, 50)
    assert table_total(page) == total
    assert f"{total} events" in page.text_content("#summary")
    assert not page.rec.errors, page.rec.errors
    paths = {urlparse(u).path for u in page.rec.requests}
    assert {"/static/vendor/d3/d3.min.js", "/static/vendor/world-atlas/countries-110m.json",
            "/api/stats/timeline", "/api/stats/dyads", "/api/stats/places", "/api/events"} <= paths
    shot = os.environ.get("NEWSEVENTS_SCREENSHOT")  # `NEWSEVENTS_SCREENSHOT=docs/dashboard.png pytest ...`
    if shot:
        row = page.locator("#events tbody tr[data-id]").filter(has_text="Biden").first
        row.click()
        page.wait_for_selector("#detail mark.verb")
        page.set_viewport_size({"width": 1440, "height": 1240})  # charts, evidence and the top of the table
        page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
        page.wait_for_timeout(500)
        page.screenshot(path=shot)


def test_clicking_an_event_shows_its_evidence_highlighted(page, server):
    load(page, server + "/?article=xss-1&sort=date")
    row = page.locator("#events tbody tr[data-id]").filter(has_text="attacked").first
    row.click()
    page.wait_for_selector("#detail mark.verb")
    evidence = page.locator("#detail .evidence")
    assert evidence.text_content() == "Russian troops attacked the Ukrainian city of Kharkiv on Monday."
    assert evidence.locator("mark.verb").text_content() == "attacked"
    assert evidence.locator("mark.source").text_content() == "Russian troops"
    assert evidence.locator("mark.target").text_content().endswith("Ukrainian city")
    assert "selected" in (row.get_attribute("class") or "")
    assert "event=" in page.url  # the selected event is part of the link
    # the article's <script> is shown as text, never run or parsed as markup
    assert SCRIPT in page.text_content("#detail .context")
    assert SCRIPT in page.text_content("#detail .article-title")
    assert page.locator("#detail script, #detail .context *:not(mark):not(span)").count() == 0
    page.click("#detail button.whole")
    page.wait_for_selector("#detail button.whole", state="detached")
    context = page.text_content("#detail .context")
    assert context.startswith("Russian troops attacked") and SCRIPT in context
    assert page.locator("script").count() == 3  # only the page's own three scripts exist
    assert not page.rec.errors, page.rec.errors


def test_a_linked_event_opens_with_the_page(page, server):
    ev = httpx.get(server + "/api/events", params={"q": "refugee camp"}).json()["items"][0]
    load(page, f"{server}/?event={ev['id']}")
    page.wait_for_selector("#detail mark.verb")
    assert page.locator("#detail .evidence mark.verb").text_content() == ev["verb"]
    assert page.locator(f"#events tbody tr[data-id='{ev['id']}']").get_attribute("class") == "selected"


def test_filters_live_in_the_url_and_apply_to_every_view(page, server):
    load(page, server + "/?actor=RUS")
    expected = httpx.get(server + "/api/events", params={"actor": "RUS"}).json()["total"]
    assert table_total(page) == expected
    assert page.input_value("#filters input[name=actor]") == "RUS"
    assert page.locator("#network .node").count() == 2  # RUS and UKR
    page.fill("#filters input[name=actor]", "JPN")
    page.select_option("#filters select[name=quad_class]", "1,2")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => document.body.dataset.filters.includes('JPN')")
    query = parse_qs(urlparse(page.url).query)
    assert query["actor"] == ["JPN"] and query["quad_class"] == ["1,2"]
    want = httpx.get(server + "/api/events", params={"actor": "JPN", "quad_class": "1,2"}).json()["total"]
    page.wait_for_function(f"() => document.querySelector('#table-count').textContent.startsWith('{want} ')")
    codes = page.locator("#events tbody tr[data-id] td:nth-child(5)").all_text_contents()
    assert codes and set(codes) <= {"1", "2"}
    page.reload()
    page.wait_for_selector("#events tbody tr[data-id]")
    assert page.input_value("#filters input[name=actor]") == "JPN" and table_total(page) == want
    page.go_back()
    page.wait_for_function("() => document.querySelector('#filters input[name=actor]').value === 'RUS'")
    page.click("#reset")
    page.wait_for_function("() => document.body.dataset.filters === '{}'")
    assert urlparse(page.url).query == ""


def test_map_network_and_table_controls_set_filters(page, server):
    load(page, server + "/")
    # click, as a person would, a circle whose centre is not covered by another one (places can share coordinates)
    free = page.evaluate("""() => [...document.querySelectorAll('#map circle.place')].findIndex((c) => {
        const r = c.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === c; })""")
    assert free >= 0
    page.locator("#map circle.place").nth(free).click()
    page.wait_for_function("() => new URL(location).searchParams.has('place')")
    place = parse_qs(urlparse(page.url).query)["place"][0]
    want = httpx.get(server + "/api/events", params={"place": place}).json()["total"]
    page.wait_for_function(f"() => document.querySelector('#table-count').textContent.startsWith('{want} ')")
    page.click("#reset")
    page.wait_for_function("() => document.body.dataset.filters === '{}'")
    page.wait_for_selector("#network path.edge")
    page.locator("#network path.edge").first.dispatch_event("click")
    page.wait_for_function("() => new URL(location).searchParams.has('source')")
    q = parse_qs(urlparse(page.url).query)
    assert q["source"] and q["target"]
    page.click("#reset")
    page.wait_for_function("() => document.body.dataset.filters === '{}'")
    page.click("#events th button[data-sort=goldstein]")
    page.wait_for_function("() => new URL(location).searchParams.get('sort') === 'goldstein'")
    page.wait_for_selector("#events th[aria-sort=ascending] button[data-sort=goldstein]")
    values = [float(v) for v in page.locator("#events tbody tr[data-id] td.num").all_text_contents()]
    assert values == sorted(values)
    assert not page.rec.errors, page.rec.errors


def test_table_pages_through_results(page, server):
    total = httpx.get(server + "/api/events").json()["total"]
    assert total > 20
    load(page, server + "/?size=10")
    rows = lambda: page.locator("#events tbody tr[data-id]").evaluate_all("trs => trs.map(t => t.dataset.id)")
    first = rows()
    assert len(first) == 10 and page.is_disabled("#prev")
    assert page.text_content("#page-info") == f"1–10 of {total}"
    page.click("#next")
    page.wait_for_function("() => new URL(location).searchParams.get('offset') === '10'")
    page.wait_for_function("() => document.querySelector('#page-info').textContent.startsWith('11–')")
    second = rows()
    assert len(second) == 10 and not set(first) & set(second) and not page.is_disabled("#prev")
    want = httpx.get(server + "/api/events", params={"limit": 10, "offset": 10}).json()["items"]
    assert second == [e["id"] for e in want]
    page.select_option("#page-size", "25")
    page.wait_for_function("() => new URL(location).searchParams.get('size') === '25'")
    page.wait_for_function("() => document.querySelector('#page-info').textContent.startsWith('1–')")
    assert not parse_qs(urlparse(page.url).query).get("offset")
    assert len(rows()) == min(25, total)
