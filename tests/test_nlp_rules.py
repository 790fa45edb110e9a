"""The memoised attribute_ruler + lemmatizer of `nlp.load()` annotates exactly as spaCy's stock components do, and
the stock components stay where the memoised ones would not be exact."""
from __future__ import annotations

import pytest

from newsevents import nlp as nlp_stage

ATTRS = ("ORTH", "NORM", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START", "ENT_IOB", "ENT_TYPE")
# texts with every kind of rule: tag -> POS, word-specific lemmas, and the two-token patterns ("gon na",
# "got ta", "let 's", "ai n't", "y' all", "c'm on", "there is")
TRICKY = [
    "We're gonna win this, and they're gotta know it. Let's go, y'all! C'mon, c'mon.",
    "There is no doubt. There's a risk, there were two, there are many; they ain't ready and it ain't over.",
    "Is there a plan? Was there ever? LET'S SEE what's gonna happen.",
    "  \n\nHe said:\n\n  \"We will not.\"  \t ",
]


def _annotations(doc) -> list:
    from spacy.attrs import IDS

    return [doc.to_array([IDS[a] for a in ATTRS]).tolist(), [str(t.morph) for t in doc], [t.lemma_ for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents]]


@pytest.fixture(scope="module")
def texts(corpora) -> list[str]:
    paths = sorted((corpora / "bbc_news" / "bbc").glob("*/*.txt"))[::15][:120]
    return TRICKY + [p.read_bytes().decode("utf-8", errors="replace") for p in paths]


def test_pipelines():
    fast, stock = nlp_stage.load(), nlp_stage.load(stock=True)
    assert nlp_stage.RULES_NAME in fast.pipe_names
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    assert "attribute_ruler" in stock.pipe_names and "lemmatizer" in stock.pipe_names
    assert fast.pipe_names.index(nlp_stage.RULES_NAME) == stock.pipe_names.index("attribute_ruler")


def test_same_annotations_token_by_token(texts):
    fast, stock = nlp_stage.load(), nlp_stage.load(stock=True)
    got = [_annotations(d) for d in nlp_stage.pipe(fast, texts)]
    want = [_annotations(d) for d in nlp_stage.pipe(stock, texts)]
    for text, g, w in zip(texts, got, want):
        assert g == w, text[:80]
    # the two-token rules did apply (else the check above would not cover them)
    doc = fast("We're gonna win. Let's go.")
    assert [t.lemma_ for t in doc][2:4] == ["go", "to"] and doc[7].lemma_ == "us"


def test_same_annotations_when_the_cache_starts_over(texts, monkeypatch):
    stock = nlp_stage.load(stock=True)
    nlp = nlp_stage._load.__wrapped__(nlp_stage.model_name())  # a pipeline of its own, with an empty cache
    monkeypatch.setattr(nlp_stage, "_CACHE_MAX", 300)
    rules = nlp.get_pipe(nlp_stage.RULES_NAME)
    sizes = []
    for text in texts[:30]:
        doc = nlp(text)
        sizes.append(len(rules.cache))
        assert _annotations(doc) == _annotations(stock(text))
    assert max(sizes) <= 300 + max(len(t.split()) * 3 for t in texts[:30])
    assert any(b < a for a, b in zip(sizes, sizes[1:]))  # it did start over


@pytest.mark.parametrize("pattern", [{"ENT_TYPE": "GPE"}, {"IS_SENT_START": True}, {"_": {"x": 1}}])
def test_stock_components_stay_when_a_rule_looks_beyond_its_token(pattern):
    import spacy

    nlp = spacy.load(nlp_stage.model_name(), exclude=["textcat"])
    nlp.get_pipe("attribute_ruler").add([[pattern]], {"MORPH": "Foreign=Yes"})
    assert nlp_stage._memoise_rules(nlp) is False
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names


def test_stock_components_stay_for_an_operator_pattern():
    import spacy

    nlp = spacy.load(nlp_stage.model_name(), exclude=["textcat"])
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], {"LEMMA": "x"})
    assert nlp_stage._memoise_rules(nlp) is False
    assert nlp_stage.RULES_NAME not in nlp.pipe_names


def test_a_blank_line_ends_a_sentence():
    """A headline above the first paragraph is its own sentence (the parser alone joins them)."""
    doc = nlp_stage.load()("Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner "
                           "jumped 76% to $1.13bn.\nThe firm said so.")
    starts = [s.text.strip()[:9] for s in doc.sents]
    assert starts[:2] == ["Ad sales ", "Quarterly"]


# ---------------------------------------------------------------------------- the NER decoder in numpy
def _ents(doc) -> list:
    from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE

    return [doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).tolist(), [(e.start, e.end, e.label_) for e in doc.ents]]


def test_ner_is_decoded_with_numpy_and_stock_keeps_spacys_decoder():
    from spacy.pipeline import EntityRecognizer

    from newsevents.nlp_ner import FastNER

    assert isinstance(nlp_stage.load().get_pipe("ner"), FastNER)
    assert type(nlp_stage.load(stock=True).get_pipe("ner")) is EntityRecognizer
    assert nlp_stage.load().pipe_names[-1] == "ner"


@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_same_entities_in_any_batch(texts, batch_size):
    fast, stock = nlp_stage.load(), nlp_stage.load(stock=True)
    sample = texts[:4] + texts[4::4]
    got = [_ents(d) for d in fast.pipe(sample, batch_size=batch_size)]
    want = [_ents(d) for d in stock.pipe(sample, batch_size=batch_size)]
    assert got == want
    assert sum(len(g[1]) for g in got) > 300  # entities of every kind were compared
    assert _ents(fast(sample[5])) == _ents(stock(sample[5]))  # one doc alone (`__call__`)


def test_preset_entities_go_through_spacys_decoder():
    from spacy.tokens import Doc, Span

    nlp = nlp_stage.load()
    fast = nlp.get_pipe("ner")
    doc = nlp.make_doc("Fumio Kishida met Joe Biden in Washington on Friday.")
    for name, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    doc.set_ents([Span(doc, 3, 5, label="ORG")], default="unmodified")  # "Joe Biden", preset as an ORG
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    fast(doc)
    fast.ner(copy)
    assert _ents(doc) == _ents(copy)
    assert ("Joe Biden", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_spacys_decoder_stays_for_a_model_it_does_not_decode():
    import spacy
    from spacy.pipeline import EntityRecognizer

    from newsevents import nlp_ner

    nlp = spacy.load(nlp_stage.model_name(), exclude=["textcat"])
    nlp.get_pipe("ner").cfg["beam_width"] = 4  # beam search: not the greedy decoder
    assert nlp_ner.install(nlp, nlp_stage._CHECK_TEXT) is False
    assert type(nlp.get_pipe("ner")) is EntityRecognizer
    nlp.get_pipe("ner").cfg["beam_width"] = 1
    assert nlp_ner.install(nlp, nlp_stage._CHECK_TEXT) is True
    assert type(nlp.get_pipe("ner")) is nlp_ner.FastNER
