"""Document knowledge: names, themes, tone, quotations, amounts and language, on the sample and real articles,
stored in DuckDB and exported as GDELT GKG 2.1."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLE
from newsevents.records import Article

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc_news" / "bbc"


def _read(path: Path) -> Article:
    from newsevents.ingest import read_file

    [article] = list(read_file(path))
    return article


def _bbc(name: str) -> Article:
    path = BBC / name
    if not path.is_file():
        pytest.skip("../shared/corpora/bbc_news is not beside the project")
    return _read(path)


@pytest.fixture(scope="module")
def sample(pipeline):
    [coded] = list(pipeline.code([_read(SAMPLE)], default_date=date(2024, 4, 8)))
    return coded


# ---------------------------------------------------------------------------- taxonomy
def test_taxonomy_has_forty_documented_themes():
    from newsevents.knowledge import taxonomy

    themes = taxonomy()
    assert len(themes) >= 40
    ids = [t.id for t in themes]
    assert len(set(ids)) == len(ids)
    readme = (Path(__file__).resolve().parents[1] / "src" / "newsevents" / "knowledge" / "themes" /
              "README.md").read_text(encoding="utf-8")
    for t in themes:
        assert t.label and t.description and len(t.terms) >= 10, t.id
        assert f"| `{t.id}` |" in readme, f"{t.id} missing from themes/README.md"
    for needed in ("military", "elections", "trade", "investment", "sanctions", "protest", "terrorism", "energy",
                   "health", "migration", "corruption", "economy", "technology", "diplomacy"):
        assert needed in ids


# ---------------------------------------------------------------------------- the sample
def test_sample_themes_with_trigger_offsets(sample):
    text = sample.article.text
    themes = {t.id: t for t in sample.knowledge.themes}
    for needed in ("military", "diplomacy", "trade", "investment", "elections"):
        assert needed in themes, f"{needed} not found in the sample: {sorted(themes)}"
    for theme in themes.values():
        assert theme.count == len(theme.triggers) > 0
        for span in theme.triggers:
            assert text[span.start:span.end] == span.text
    assert "alliance" in {s.text.lower() for s in themes["diplomacy"].triggers}
    assert "acquisition" in {s.text.lower() for s in themes["investment"].triggers}
    assert "re-election" in {s.text.lower() for s in themes["elections"].triggers}
    assert any("military" in s.text.lower() for s in themes["military"].triggers)


def test_sample_names_are_counted_and_resolved(sample):
    text = sample.article.text
    names = {(n.kind, n.name): n for n in sample.knowledge.names}
    kishida = names[("person", "Fumio Kishida")]  # "Kishida" and "Kishida's" join the full name
    assert kishida.count >= 5 and kishida.actor_code == "JPNGOV"
    assert names[("person", "Biden")].actor_code == "USAGOV"
    japan = names[("place", "Japan")]
    assert japan.geonames_id == 1861060 and japan.country == "JPN" and japan.count >= 5
    assert names[("place", "North Carolina")].feature == "adm1"
    assert names[("organisation", "Nippon Steel")].actor_code == "JPNBUS"
    for n in sample.knowledge.names:
        assert n.count == len(n.mentions)
        for m in n.mentions:
            assert text[m.start:m.end] == m.text
    # the raw entity mentions carry their actor codes too
    assert any(e.text == "Japan" and e.actor_code == "JPN" for e in sample.entities)


def test_sample_tone_and_event_tone(sample):
    tone = sample.knowledge.tone
    assert tone.words > 400
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=0.01)
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=0.01)
    assert tone.tone > 0 and -1 <= tone.score <= 1  # a cooperative summit story
    assert sample.events and all(ev.tone is not None and -100 <= ev.tone <= 100 for ev in sample.events)


def test_sample_language_and_signature(sample):
    k = sample.knowledge
    assert k.language == "en" and k.coded and sample.article.language == "en"
    assert k.signature is not None and len(k.signature) == 128


# ---------------------------------------------------------------------------- BBC articles
def test_bbc_quotations_have_their_speakers(pipeline):
    [coded] = list(pipeline.code([_bbc("politics/001.txt")]))
    text = coded.article.text
    quotes = coded.knowledge.quotations
    by_start = {q.quote.text[:25]: q for q in quotes}
    for q in quotes:
        assert text[q.quote.start:q.quote.end] == q.quote.text
        if q.speaker:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
    # Ms Hewitt said: "We have already doubled ..."  -> the fullest name of the article
    hewitt = by_start["We have already doubled t"]
    assert hewitt.verb == "said" and hewitt.speaker.text == "Ms Hewitt" and hewitt.speaker_name == "Patricia Hewitt"
    # the next paragraph of the same quotation continues it
    assert by_start["We are going to extend th"].speaker_name == "Patricia Hewitt"
    # The Shadow Secretary ..., Theresa May, said: "These plans ..."
    assert by_start["These plans were announce"].speaker_name == "Theresa May"
    # "...," he said.  -> he, named after the last person before it
    frost = by_start["While the majority of any"]
    assert frost.speaker.text == "he" and frost.speaker_name == "David Frost"
    # the one-word scare quote "desperate" is no quotation
    assert not any(q.quote.text.startswith("desperate") for q in quotes)


def test_bbc_amounts_have_their_objects(pipeline):
    [coded] = list(pipeline.code([_bbc("business/027.txt")]))
    amounts = {a.span.text: a for a in coded.knowledge.amounts}
    deal = amounts["$4.5bn"]  # "its $4.5bn acquisition of US firm ISG"
    assert deal.kind == "MONEY" and deal.value == pytest.approx(4.5e9) and deal.object.text == "acquisition"
    assert amounts["70 million tonnes"].value == pytest.approx(7e7)
    for a in coded.knowledge.amounts:
        assert coded.article.text[a.span.start:a.span.end] == a.span.text
        if a.object:
            assert coded.article.text[a.object.start:a.object.end] == a.object.text
    [coded] = list(pipeline.code([_bbc("politics/001.txt")]))
    pct = [a for a in coded.knowledge.amounts if a.kind == "PERCENT"]
    assert pct and pct[0].value == 90.0 and pct[0].object.text == "earnings"  # 90% of average earnings


def test_bbc_tone_separates_bad_news_from_good(pipeline):
    from newsevents.knowledge.tone import ToneScorer

    scorer = ToneScorer()
    assert scorer.tone_of(scorer.scores("The summit was a great success and both leaders praised the deal.")) > 0
    assert scorer.tone_of(scorer.scores("The attack killed dozens and left the city in terror.")) < 0
    texts = [_bbc(f"business/{i:03d}.txt") for i in range(1, 31)]
    tones = [c.knowledge.tone for c in pipeline.code(texts)]
    assert all(t is not None and t.words > 50 for t in tones)
    assert min(t.tone for t in tones) < 0 < max(t.tone for t in tones)  # not a constant


def test_tone_of_sentences_without_lexicon_words_is_vaders_own():
    """`ToneScorer.scores` answers sentences with no VADER lexicon word itself (neutral) and gives every other
    sentence to VADER: the same scores as VADER's for every sentence of 40 BBC articles."""
    import re

    from newsevents.knowledge.tone import ToneScorer

    scorer = ToneScorer()
    sentences = [s for i in range(1, 41) for s in re.split(r"(?<=[.!?])\s+|\n+", _bbc(f"politics/{i:03d}.txt").text)
                 if s.strip()]
    sentences += ["The talks ended on Friday.", "Ministers met in Brussels (again)...", "no", "\u2019Tis done"]
    short = [s for s in sentences if scorer._no_lexicon_word(s)]
    assert 20 < len(short) < len(sentences) - 100  # the short cut is taken, and not for everything
    assert "The talks ended on Friday." in short and "no" not in short  # "no" is itself a lexicon word
    for s in sentences:
        assert scorer.scores(s) == scorer.vader.polarity_scores(s), s


def test_bbc_themes_fit_the_sections(pipeline):
    expected = {"politics/001.txt": {"social_welfare", "political_parties"},
                "business/027.txt": {"investment", "business_corporate"},
                "tech/001.txt": {"technology"},
                "sport/001.txt": {"sports"}}
    for name, needed in expected.items():
        [coded] = list(pipeline.code([_bbc(name)]))
        found = {t.id for t in coded.knowledge.themes}
        assert needed <= found, (name, sorted(found))


def test_lowercase_terms_do_not_fire_inside_names(pipeline):
    article = Article(id="names", text="Bill Clinton visited the West Bank and toured a Nippon Steel plant.")
    [coded] = list(pipeline.code([article]))
    triggers = {s.text for t in coded.knowledge.themes for s in t.triggers}
    assert not {"Bill", "Bank", "Steel"} & triggers


# ---------------------------------------------------------------------------- language
def test_language_detection_rules():
    from newsevents.knowledge.language import detect

    assert detect("Der Bundeskanzler traf am Dienstag den französischen Präsidenten in Berlin, um über die "
                  "Lage in der Ukraine und die Zukunft der Europäischen Union zu sprechen.").code == "de"
    english = detect("Israeli troops raided a camp in the West Bank on Tuesday.")
    assert english.code == "en" and english.coded
    assert detect("Obama meets Merkel").code == "en"  # too short to tell: English by default
    assert detect("anything", declared="French").code == "fr"
    assert detect("anything", declared="en-GB").source == "declared"


def test_non_english_article_is_stored_marked_and_not_coded(tmp_path):
    src = tmp_path / "mixed.jsonl"
    rows = [
        {"id": "fr1", "date": "2024-04-08", "text": (
            "Le président français a rencontré mardi le chancelier allemand à Berlin. Les deux dirigeants ont "
            "promis de renforcer la coopération militaire et de soutenir l'Ukraine face à la Russie.")},
        {"id": "en1", "date": "2024-04-08", "text": (
            "Japanese Prime Minister Fumio Kishida will visit Washington next week to meet President Joe Biden.")},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "k.duckdb"
    res = subprocess.run([sys.executable, "-m", "newsevents.cli", "run", str(src), "--db", str(db), "-q",
                          "--workers", "1"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        langs = dict(con.execute("SELECT id, language FROM articles").fetchall())
        assert langs == {"fr1": "fr", "en1": "en"}
        coded = dict(con.execute("SELECT article_id, coded FROM article_knowledge").fetchall())
        assert coded == {"fr1": False, "en1": True}
        per_article = dict(con.execute("SELECT article_id, count(*) FROM events GROUP BY 1").fetchall())
        assert per_article.get("fr1", 0) == 0 and per_article["en1"] > 0
    finally:
        con.close()


# ---------------------------------------------------------------------------- store and GKG export
@pytest.fixture(scope="module")
def knowledge_store(tmp_path_factory, pipeline):
    from newsevents.pipeline import run
    from newsevents.store import Store

    if not BBC.is_dir():
        pytest.skip("../shared/corpora/bbc_news is not beside the project")
    db = tmp_path_factory.mktemp("gkg") / "k.duckdb"
    with Store(db) as store:
        run([str(SAMPLE), str(BBC / "politics" / "001.txt"), str(BBC / "business" / "027.txt")], store,
            default_date=date(2024, 4, 8), pipeline=pipeline)
    return db


def test_knowledge_is_stored_and_queryable(knowledge_store):
    from newsevents.store import Store

    with Store(knowledge_store, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*) FROM article_knowledge").fetchone()[0] == 3
        themes = con.execute("SELECT a.path, t.theme, t.starts, t.triggers FROM article_themes t "
                             "JOIN articles a ON a.id = t.article_id WHERE t.theme = 'military'").fetchall()
        assert any(p.endswith("biden-kishida-summit.txt") and len(s) == len(tr) > 0 for p, _, s, tr in themes)
        speakers = {r[0] for r in con.execute("SELECT speaker_name FROM article_quotations").fetchall()}
        assert {"Patricia Hewitt", "Theresa May"} <= speakers
        assert con.execute("SELECT count(*) FROM article_amounts WHERE object = 'acquisition'").fetchone()[0] >= 1
        assert con.execute("SELECT count(*) FROM events WHERE tone IS NULL").fetchone()[0] == 0
        kishida = con.execute("SELECT count, actor_code FROM article_names WHERE name = 'Fumio Kishida'").fetchone()
        assert kishida[0] >= 5 and kishida[1] == "JPNGOV"


def test_gkg_export_has_27_columns_and_parses(knowledge_store, tmp_path):
    from newsevents.knowledge import taxonomy
    from newsevents.store import Store
    from newsevents.store.export import export
    from newsevents.store.gkg import gkg_columns

    with Store(knowledge_store, read_only=True) as store:
        counts = export(store, "gkg", tmp_path)
    assert counts == {"articles": 3}
    lines = (tmp_path / "gkg.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    assert header == gkg_columns() and len(header) == 27
    col = {name: i for i, name in enumerate(header)}
    ids = {t.id for t in taxonomy()}
    for line in lines[1:]:
        row = line.split("\t")
        assert len(row) == 27
        v1 = [t for t in row[col["V1THEMES"]].split(";") if t]
        v2 = [t for t in row[col["V2ENHANCEDTHEMES"]].split(";") if t]
        assert v1 and set(v1) <= ids
        for item in v2:
            theme, offset = item.rsplit(",", 1)
            assert theme in ids and int(offset) >= 0
        tone = [float(x) for x in row[col["V1.5TONE"]].split(",")]
        assert len(tone) == 7 and tone[0] == pytest.approx(tone[1] - tone[2], abs=0.01) and tone[6] > 0
        for loc in filter(None, row[col["V2ENHANCEDLOCATIONS"]].split(";")):
            parts = loc.split("#")
            assert len(parts) == 9 and int(parts[0]) in (1, 2, 3, 4, 5) and int(parts[8]) >= 0
        for q in filter(None, row[col["V2.1QUOTATIONS"]].split("#")):
            offset, length, _verb, quote = q.split("|")
            assert int(offset) >= 0 and int(length) > 0 and quote
        for amount in filter(None, row[col["V2.1AMOUNTS"]].split(";")):
            value, _obj, offset = amount.split(",")
            float(value), int(offset)
    sample_row = next(l.split("\t") for l in lines[1:] if "Kishida" in l)
    assert "military" in sample_row[col["V1THEMES"]] and "Fumio Kishida" in sample_row[col["V1PERSONS"]]


def test_names_resolve_as_the_article_introduced_them(pipeline):
    """A name no table knows takes what the article said of the person ("Mr Quimby" after "Toyota chief
    executive Zorblat Quimby"), in the names and in the stored entities, as the coder's events do."""
    text = ("Carmaker settles dispute\n\nToyota chief executive Zorblat Quimby met union leaders on Monday. "
            "Mr Quimby said the talks had gone well.")
    [coded] = list(pipeline.code([Article(id="kq", text=text)], default_date=date(2024, 4, 8)))
    quimby = [e for e in coded.entities if e.text.endswith("Quimby")]
    assert len(quimby) == 2 and all(e.actor_code == "JPNBUS" for e in quimby), [(e.text, e.actor_code) for e in quimby]
    [name] = [n for n in coded.knowledge.names if n.name.endswith("Quimby")]
    assert name.actor_code == "JPNBUS"
