"""The canonical example must come out right: the events an analyst reads in the Biden-Kishida article."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from conftest import SAMPLE


@pytest.fixture(scope="module")
def events(pipeline):
    from newsevents.ingest import read_file

    [article] = list(read_file(SAMPLE))
    [coded] = list(pipeline.code([article], default_date=date(2024, 4, 8)))
    return coded.article, coded.events


def _find(events, *, countries=None, root=None, code=None, mode=None):
    found = []
    for ev in events:
        pair = (ev.source.country if ev.source else None, ev.target.country if ev.target else None)
        if countries and pair != countries:
            continue
        if root and ev.root_code not in root:
            continue
        if code and not ev.code.startswith(code):
            continue
        if mode and ev.mode != mode:
            continue
        found.append(ev)
    return found


def test_junk_lines_are_removed(events):
    article, _ = events
    assert article.text.startswith("President Biden and Japan")
    assert article.text.rstrip().endswith("economic cooperation.")
    assert "Live Markets" not in article.text and "Exit mobile version" not in article.text


def test_summit_is_a_planned_usa_jpn_meeting_in_washington(events):
    _, evs = events
    for pair in (("USA", "JPN"), ("JPN", "USA")):
        meetings = _find(evs, countries=pair, root={"03", "04"}, mode="planned")
        assert meetings, f"no planned meeting {pair}"
        assert any(e.source.code.endswith("GOV") and e.target.code.endswith("GOV") for e in meetings)
    first = [e for e in evs if e.sentence_index == 0 and e.root_code in ("03", "04")]
    assert first and all(e.place is not None and e.place.name.startswith("Washington") for e in first)
    assert all(e.place.country == "USA" for e in first)


def test_visit_to_north_carolina_is_a_planned_visit(events):
    _, evs = events
    visits = [e for e in _find(evs, code="042", mode="planned") if e.source.country == "JPN"]
    assert visits
    assert any(e.place is not None and e.place.name == "North Carolina" for e in visits)


def test_japan_intends_to_cooperate_with_us_and_philippines(events):
    _, evs = events
    intents = _find(evs, root={"03"})
    targets = {e.target.country for e in intents if e.source.country == "JPN" and e.target}
    assert {"USA", "PHL"} <= targets


def test_steel_acquisition_is_a_hypothetical_business_event(events):
    _, evs = events
    deals = [e for e in evs if e.source and e.target and e.source.code == "JPNBUS" and e.target.code == "USABUS"]
    assert deals, "no Nippon Steel -> U.S. Steel event"
    assert all(e.mode == "hypothetical" for e in deals)
    assert all(e.root_code == "06" for e in deals)


def test_no_event_comes_from_junk_and_every_event_has_evidence(events):
    article, evs = events
    assert evs
    for ev in evs:
        assert article.text[ev.sentence_start:ev.sentence_end] == ev.sentence
        assert article.text[ev.verb.start:ev.verb.end] == ev.verb.text
        for actor in (ev.source, ev.target):
            if actor is not None and actor.span is not None:
                assert article.text[actor.span.start:actor.span.end] == actor.span.text
        assert ev.date == date(2024, 4, 8)
        assert ev.mode in {"asserted", "planned", "hypothetical", "negated", "reported"}


def test_cli_code_jsonl_output_contract(tmp_path):
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "s1", "text": "Japanese Prime Minister Fumio Kishida will visit "
                                                    "Washington next week.", "date": "2024-04-01"}) + "\n")
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "code", str(src), "--format", "jsonl"],
                         capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows
    row = rows[0]
    for key in ("article_id", "sentence", "source", "target", "code", "root_code", "plover", "quad_class",
                "goldstein", "mode", "date", "evidence"):
        assert key in row
    assert row["article_id"] == "s1"
    assert row["source"] == "JPNGOV" and row["target"].startswith("USA")
    assert row["code"] == "042" and row["mode"] == "planned"
    assert set(row["evidence"]) >= {"text", "start", "end", "source_span", "verb_span", "target_span"}
