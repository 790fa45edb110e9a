"""`newsevents evaluate` on event, actor and place gold lines; the actor/place gold files point into the corpora."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.evaluate import haversine_km, line_kind, load_mentions, split_code

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold"

# Three events the coder gets and one it misses (it codes no meeting with a person no table knows).
EVENTS = [
    {"id": "e1", "text": "Russian troops attacked Ukrainian soldiers in Kharkiv.", "date": "2022-05-01",
     "events": [{"source": "RUSMIL", "target": "UKRMIL", "code": "190"}]},
    {"id": "e2", "text": "Japanese Prime Minister Fumio Kishida met President Joe Biden in Washington on Wednesday.",
     "date": "2024-04-10", "events": [{"source": "JPNGOV", "target": "USAGOV", "code": "040"},
                                      {"source": "USAGOV", "target": "JPNGOV", "code": "040"}]},
    {"id": "e3", "text": "The French president met Zorblat Quimby in Paris on Monday.", "date": "2024-04-10",
     "events": [{"source": "FRAGOV", "target": "USABUS", "code": "040"}]},
]
# Three actors (two resolvable, one unknown person) and one non-actor (a product).
ACTORS = [
    {"kind": "actor", "id": "a1", "text": "Japanese officials", "sentence": "Japanese officials met Chinese diplomats.",
     "date": "2024-04-10", "code": "JPNGOV"},
    {"kind": "actor", "id": "a2", "text": "Toyota", "sentence": "Toyota raised its profit forecast.",
     "date": "2024-04-10", "code": "JPNBUS"},
    {"kind": "actor", "id": "a3", "text": "the iPhone", "sentence": "Sales of the iPhone fell.",
     "date": "2024-04-10", "code": ""},
    {"kind": "actor", "id": "a4", "text": "Zorblat Quimby", "sentence": "Zorblat Quimby, a banker, resigned.",
     "date": "2024-04-10", "code": "USABUS"},
]
# Two places the gazetteer has, one village it lacks, one name that is not a place.
PLACES = [
    {"kind": "place", "id": "p1", "text": "Kharkiv", "sentence": EVENTS[0]["text"], "date": "2022-05-01",
     "geonames_id": 706483, "country": "UKR", "lat": 49.98, "lon": 36.25, "feature": "city"},
    {"kind": "place", "id": "p2", "text": "Paris", "sentence": "Ministers met in Paris on Monday.",
     "date": "2024-04-10", "geonames_id": 2988507, "country": "FRA", "lat": 48.85, "lon": 2.35, "feature": "city"},
    {"kind": "place", "id": "p3", "text": "Blaengwynfi", "sentence": "He was a doctor in Blaengwynfi, Wales.",
     "date": "2005-01-15", "geonames_id": None, "country": "GBR", "lat": 51.655, "lon": -3.605, "feature": "other"},
    {"kind": "place", "id": "p4", "text": "Mr Clarke", "sentence": "MPs backed Mr Clarke.", "date": "2005-01-15",
     "geonames_id": None, "country": None, "lat": None, "lon": None, "feature": "none"},
]


def test_line_kinds_and_codes():
    assert [line_kind(x) for x in (EVENTS[0], ACTORS[0], PLACES[0])] == ["event", "actor", "place"]
    assert line_kind({"id": "x", "text": "t", "code": "USA"}) == "actor"
    assert line_kind({"id": "x", "text": "t", "geonames_id": None, "lat": None}) == "place"
    assert split_code("USAGOV") == ("USA", "GOV")
    assert split_code("JPN") == ("JPN", "")
    assert split_code("UNO") == ("UNO", "")
    assert split_code("BUS") == ("", "BUS")
    assert round(haversine_km(51.5085, -0.1257, 48.8534, 2.3488)) == 344  # London - Paris


def test_evaluate_command_on_inline_gold(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(x) + "\n" for x in EVENTS + ACTORS + PLACES), encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "4 actor mentions" in result.output and "4 place mentions" in result.output
    r = json.loads(report.read_text(encoding="utf-8"))

    # events: 3 of 4 gold events found, nothing spurious
    a = r["level_a_root_source_country_target_country"]
    assert (a["tp"], a["fp"], a["fn"]) == (3, 0, 1)
    assert a["precision"] == 1.0 and a["recall"] == 0.75 and a["f1"] == pytest.approx(0.8571, abs=1e-4)
    b = r["level_b_root"]
    assert (b["tp"], b["fp"], b["fn"]) == (2, 0, 1)
    c = r["level_c_full_code_full_actors"]
    assert (c["tp"], c["fp"], c["fn"]) == (3, 0, 1)
    assert r["plover_accuracy"] == 0.75

    # actors: a1, a2 right; a3 rightly unresolved; a4 unknown alone, its role (BUS) read from "a banker" in
    # its sentence, its country nowhere to be read
    for mode, roles in (("alone", 2), ("in_context", 3), ("in_article", 3)):
        m = r["actors"][mode]
        assert (m["exact"]["correct"], m["exact"]["n"]) == (3, 4)
        assert (m["country"]["correct"], m["country"]["n"]) == (2, 3)
        assert (m["role"]["correct"], m["role"]["n"]) == (roles, 3)
        assert (m["non_actor_rejected"]["correct"], m["non_actor_rejected"]["n"]) == (1, 1)
    assert [x["id"] for x in r["actors"]["worst_misses"]] == ["a4"]

    # places: both known places exact; the village is not found; "Mr Clarke" is not a place
    p = r["places"]
    assert (p["exact_geonames_id"]["correct"], p["exact_geonames_id"]["n"]) == (2, 2)
    assert (p["country"]["correct"], p["country"]["n"]) == (2, 3)
    assert (p["within_161km"]["correct"], p["within_161km"]["n"]) == (2, 3)
    assert (p["non_place_rejected"]["correct"], p["non_place_rejected"]["n"]) == (1, 1)
    assert [x["id"] for x in p["worst_misses"]] == ["p3"]


def test_mention_gold_refs_resolve(corpora):
    for name, kind in (("actors.jsonl", "actor"), ("places.jsonl", "place")):
        path = GOLD / name
        items = load_mentions(path, corpora)
        assert len(items) >= 150 and {i.kind for i in items} == {kind}
        assert len({i.id for i in items}) == len(items)
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert not {"text", "sentence", "mention"} & set(rec), "gold lines carry no corpus text"
            r, s = rec["ref"], rec["sentence_ref"]
            assert r["file"] == s["file"] and s["start"] <= r["start"] < r["end"] <= s["end"]
            text = (corpora / r["file"]).read_text(encoding="utf-8", errors="replace")
            mention = text[r["start"]:r["end"]]
            assert mention and mention == mention.strip()
        for i in items:
            assert i.text and i.text in i.sentence
    actors = load_mentions(GOLD / "actors.jsonl", corpora)
    assert sum(not i.gold["code"] for i in actors) >= 5  # negatives are kept


def test_gold_sentences_read_as_ingest_gives_them(corpora, tmp_path):
    """A ref into AG News is coded the way a run would code that row (escapes repaired), and the gold sentence
    still marks the same words inside its article."""
    from newsevents.evaluate import load_gold

    text = (corpora / "ag_news" / "test.csv").read_text(encoding="utf-8", errors="replace")
    start = text.index(" #39;s ") - 40
    end = text.index(".", start + 50) + 1
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "ref": {"file": "ag_news/test.csv", "start": start, "end": end},
                                "date": "2004-09-01", "events": []}) + "\n", encoding="utf-8")
    item, = load_gold(gold, corpora)
    sentence = " ".join(text[start:end].replace("\\", " ").split())
    assert "#39;" in sentence and "#39;" not in item.text
    assert " ".join(item.sentence.split()) == sentence.replace(" #39;", "'")
