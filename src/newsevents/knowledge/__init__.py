"""Document knowledge: what an article is about, beyond its events (GDELT's Global Knowledge Graph, ours).

    from newsevents.knowledge import Knowledge
    k = Knowledge(nlp, actors=ActorResolver.load(), places=PlaceResolver.load())   # once
    lang = k.language(article)                       # English is coded; other languages are only stored
    knowledge = k.analyze(article, doc, events, entities=entities, date=date)   # per article

`analyze` returns an `ArticleKnowledge` (records.py) with:
* names: persons, organisations and places, counted, with the offsets of every mention, resolved to actor
  codes and GeoNames records (`names.py`); the raw `Entity` records get their `actor_code` filled;
* themes of the taxonomy in `themes/` with the offsets of the words that triggered them (`themes.py`);
* tone (VADER) of the document; every event gets the tone of its evidence sentence (`tone.py`);
* quotations with their speakers (`quotes.py`) and amounts with their objects (`amounts.py`);
* the language (`language.py`) and a MinHash signature for near-duplicate detection (`signature.py`).

Everything heavy (matchers, VADER's lexicon, the language model) is built once per `Knowledge`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..records import Article, ArticleKnowledge, Entity, Event
from . import language as language_mod
from .amounts import AmountFinder
from .language import Language
from .names import NameIndex, fullest_person
from .quotes import QuoteFinder
from .signature import signature as article_signature
from .themes import ThemeMatcher, taxonomy
from .tone import ToneScorer

__all__ = ["Knowledge", "Language", "analyze", "taxonomy"]

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


class Knowledge:
    """The knowledge stage, built once per spaCy pipeline."""

    def __init__(self, nlp, *, actors=None, places=None):
        self.nlp = nlp
        self.themes = ThemeMatcher(nlp)
        self.tone = ToneScorer()
        self.names = NameIndex(actors=actors, places=places)
        self.quotes = QuoteFinder(actors=actors)
        self.amounts = AmountFinder()

    @staticmethod
    def language(article: Article) -> Language:
        return language_mod.detect(article.text, article.language)

    def analyze(self, article: Article, doc, events: Sequence[Event], *, entities: Sequence[Entity] | None = None,
                date=None, language: Language | None = None, memory=None) -> ArticleKnowledge:
        """The knowledge of one parsed article. Sets `tone` on the events and `actor_code` on the entities;
        `memory` (the coder's ArticleMemory of the article) lets a name resolve as the article introduced it."""
        lang = language or self.language(article)
        knowledge = ArticleKnowledge(article_id=article.id, language=lang.code, language_score=lang.score,
                                     language_source=lang.source, coded=lang.coded,
                                     signature=article_signature(article.text))
        if not lang.coded:
            return knowledge
        date = date or article.date
        if entities is None:
            entities = [Entity(article.id, e.label_, e.text, e.start_char, e.end_char)
                        for e in doc.ents if e.label_ in _ENTITY_LABELS]
        cache: dict[str, dict] = {}
        knowledge.tone, cache = self.tone.document(doc, cache)
        for ev in events:
            scores = cache.get(ev.sentence)
            if scores is None:
                scores = cache[ev.sentence] = self.tone.scores(ev.sentence)
            ev.tone = self.tone.tone_of(scores)
        countries = Counter(a.country for ev in events for a in (ev.source, ev.target) if a and a.country)
        knowledge.names = self.names(entities, date=date, memory=memory,
                                     context_countries=[c for c, _ in countries.most_common()])
        knowledge.themes = self.themes(doc)
        same = len(doc) > 0 and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text)
        knowledge.quotations = self.quotes(doc, date=date, text=article.text if same else None)
        persons = [n for n in knowledge.names if n.kind == "person"]
        for q in knowledge.quotations:  # "Ms Hewitt" -> "Patricia Hewitt", the fullest form of the article
            full = fullest_person(q.speaker_name, persons)
            if full is not None:
                q.speaker_name = full.name
                q.speaker_code = full.actor_code or q.speaker_code
        knowledge.amounts = self.amounts(doc)
        return knowledge


_DEFAULT: dict[int, Knowledge] = {}


def analyze(article: Article, doc, events: Sequence[Event] = (), **kwargs) -> ArticleKnowledge:
    """`Knowledge.analyze` with a stage built (once) for the default spaCy pipeline and resolvers."""
    from .. import nlp as nlp_stage
    from ..actors import ActorResolver
    from ..geo import PlaceResolver

    nlp = nlp_stage.load()
    stage = _DEFAULT.get(id(nlp))
    if stage is None:
        stage = _DEFAULT[id(nlp)] = Knowledge(nlp, actors=ActorResolver.load(), places=PlaceResolver.load())
    return stage.analyze(article, doc, events, **kwargs)
