"""Themes: the taxonomy of `themes/*.yaml` matched with spaCy's PhraseMatcher (see themes/README.md).

Matching rules (documented in themes/README.md):

* a term written in lower case matches case-insensitively (LOWER) as written, and also as a lemma (LEMMA):
  the term "sanction" matches "sanction", "sanctions", "sanctioned"; a term given in an inflected form
  ("talks", "clashes") matches only as written, since no text lemma equals an inflected form;
* a term with a capital letter (a name or acronym: "NATO", "Pentagon", "Labour") matches with its exact case
  (ORTH), so "WHO"-like clashes with common words cannot happen;
* a lower-case term does not count inside a name or a date (a PERSON, ORG, GPE, LOC, FAC, DATE or TIME
  entity): "bank" in "West Bank", "bill" in "Bill Clinton", "steel" in "Nippon Steel", "labour" in "Labour",
  "march" in "March"; names and institutions are matched by capitalised terms ("Congress", "Labour");
* a theme's `exclude` phrases cancel the terms they contain ("trade" in "trade union");
* overlapping triggers of one theme count once (the longest is kept).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

from ..errors import error
from ..records import Span, ThemeHit

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME"})


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def taxonomy() -> tuple[Theme, ...]:
    """Every theme of the bundled taxonomy, sorted by id."""
    folder = resources.files("newsevents.knowledge").joinpath("themes")
    themes = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        where = f"knowledge/themes/{entry.name}"
        try:
            data = yaml.safe_load(entry.read_text("utf-8"))
        except yaml.YAMLError as exc:
            raise error("E204", file=where, n=0, reason=str(exc).splitlines()[0]) from None
        if not isinstance(data, dict):
            raise error("E204", file=where, n=0, reason="not a mapping")
        for key in ("id", "label", "description", "terms"):
            if not data.get(key):
                raise error("E204", file=where, n=0, reason=f"missing '{key}'")
        terms = data["terms"]
        bad = [i for i, t in enumerate(terms) if not isinstance(t, str) or not t.strip()]
        if bad:
            raise error("E204", file=where, n=bad[0] + 1, reason="a term must be a non-empty string")
        themes.append(Theme(str(data["id"]), str(data["label"]), " ".join(str(data["description"]).split()),
                            tuple(t.strip() for t in terms), tuple(data.get("exclude") or ())))
    ids = [t.id for t in themes]
    if len(set(ids)) != len(ids):
        raise error("E204", file="knowledge/themes", n=0, reason="duplicate theme id")
    return tuple(themes)


class ThemeMatcher:
    """The whole taxonomy compiled into three PhraseMatchers (built once per spaCy pipeline)."""

    def __init__(self, nlp, themes: tuple[Theme, ...] | None = None):
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        self.themes = {t.id: t for t in (themes or taxonomy())}
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.exclude = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._key = {}  # matcher key (hash) -> (theme id, kind)
        for theme in self.themes.values():
            exact, lower = [], []
            for term in theme.terms:
                (lower if term == term.lower() else exact).append(term)
            key = f"{theme.id}"
            if exact:
                self.exact.add(key, [nlp.make_doc(t) for t in exact])
            if lower:
                docs = [nlp.make_doc(t) for t in lower]
                self.lower.add(key, docs)
                # the term itself as the lemma sequence: matches any inflection whose lemmas equal the term
                self.lemma.add(key, [Doc(nlp.vocab, words=[t.text for t in d], lemmas=[t.text for t in d])
                                     for d in docs])
            if theme.exclude:
                self.exclude.add(key, [nlp.make_doc(t) for t in theme.exclude])
            self._key[nlp.vocab.strings[key]] = theme.id

    def __call__(self, doc) -> list[ThemeHit]:
        """Themes found in `doc`, most triggered first, with the character offsets of every trigger."""
        found: dict[str, set[tuple[int, int]]] = {}
        names = [(e.start, e.end) for e in doc.ents if e.label_ in _NAME_LABELS]
        for matcher, lowercase in ((self.exact, False), (self.lower, True), (self.lemma, True)):
            for key, start, end in matcher(doc):
                if lowercase and _inside_name(start, end, names):
                    continue
                found.setdefault(self._key[key], set()).add((start, end))
        excluded: dict[str, list[tuple[int, int]]] = {}
        if found:
            for key, start, end in self.exclude(doc):
                excluded.setdefault(self._key[key], []).append((start, end))
        hits = []
        for theme_id, spans in found.items():
            stops = excluded.get(theme_id, [])
            kept = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in stops)]
            kept = _longest(kept)
            if not kept:
                continue
            theme = self.themes[theme_id]
            triggers = [Span(doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text) for s, e in kept]
            hits.append(ThemeHit(theme.id, theme.label, len(triggers), triggers))
        hits.sort(key=lambda h: (-h.count, h.id))
        return hits


def _inside_name(start: int, end: int, names: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in names)


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop spans overlapping a longer (or earlier equally long) one; result in text order."""
    chosen: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(e <= a or s >= b for a, b in chosen):
            chosen.append((s, e))
    return sorted(chosen)
