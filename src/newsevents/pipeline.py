"""The pipeline function: articles in, coded articles out.

    ingest -> nlp (spaCy) -> coding (events, actors) -> geo (places) -> store

`Pipeline.code` is the one function every engine runs (locally, or over partitions on a Dask cluster);
`run` adds reading the inputs and writing batches into the store.
"""
from __future__ import annotations

import dataclasses
import gc
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from . import nlp as nlp_stage
from .actors import ActorResolver, ArticleMemory
from .coding.extract import EventCoder
from .geo import PlaceResolver
from .knowledge import Knowledge
from .records import Article, CodedArticle, Entity, Event, Rejection
from .settings import Settings

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


_FROZEN = False


def _freeze_once() -> None:
    """Move what is loaded so far out of the cyclic collector's sight: the full collections a long run triggers no
    longer walk the ~300,000 objects of the pipeline and tables each time (~0.4 ms per document). Once per
    process (the first Pipeline, usually the only one): frozen objects are never collected, so a process that
    makes many Pipelines (tests) freezes only the first."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


class Pipeline:
    """Loads the spaCy pipeline, the coder tables and the gazetteer once; codes any number of articles."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.nlp = nlp_stage.load(self.settings)
        self.actors = ActorResolver.load(self.settings.extra_actor_files)
        self.coder = EventCoder(actors=self.actors, plain_statements=self.settings.code_plain_statements)
        self.places = PlaceResolver.load()
        self.knowledge = Knowledge(self.nlp, actors=self.actors, places=self.places)
        _freeze_once()

    def code(self, articles: Iterable[Article], default_date: Date | None = None) -> Iterator[CodedArticle]:
        """Code articles in order (spaCy batches them); the article's own date wins over `default_date`."""
        stream, texts = itertools.tee(articles)
        docs = nlp_stage.pipe(self.nlp, (a.text for a in texts), batch_size=self.settings.nlp_batch_size)
        for article, doc in zip(stream, docs):
            yield self.code_parsed(article, doc, default_date)

    def code_parsed(self, article: Article, doc, default_date: Date | None = None) -> CodedArticle:
        date = article.date or default_date
        language = self.knowledge.language(article)
        if article.language != language.code:
            article = dataclasses.replace(article, language=language.code)
        if not language.coded:  # stored with its language, not coded as if it were English
            knowledge = self.knowledge.analyze(article, doc, [], language=language)
            return CodedArticle(article=article, knowledge=knowledge)
        memory = ArticleMemory()
        events = self.coder.code_doc(doc, article_id=article.id, date=date, memory=memory,
                                     max_sentence_tokens=self.settings.max_sentence_tokens)
        entities = [Entity(article.id, e.label_, e.text, e.start_char, e.end_char)
                    for e in doc.ents if e.label_ in _ENTITY_LABELS]
        self._locate(events, entities, doc)
        knowledge = self.knowledge.analyze(article, doc, events, entities=entities, date=date, language=language,
                                           memory=memory)
        return CodedArticle(article=article, events=events, entities=entities, knowledge=knowledge)

    def _locate(self, events: list[Event], entities: list[Entity], doc) -> None:
        """Give each event the place of its own sentence, else the article's most mentioned place."""
        countries = Counter(a.country for ev in events for a in (ev.source, ev.target) if a and a.country)
        context = [c for c, _ in countries.most_common()]
        place_names = [e.text for e in entities if e.label in _PLACE_LABELS]
        cache: dict[str, object] = {}

        def resolve(name: str):
            if name not in cache:
                cache[name] = self.places.resolve(name, context_countries=context, context_places=place_names)
            return cache[name]

        focus = None
        for name, _ in Counter(place_names).most_common(5):
            focus = resolve(name)
            if focus is not None:
                break
        # an event whose sentence names no place takes the place the article states for the same happening
        # (same actors, same root code: "meet in Washington" ... "the summit"), else the article's focus
        stated: dict[tuple, object] = {}
        own = [resolve(ev.location.text) if ev.location else None for ev in events]
        for ev, place in zip(events, own):
            if place is not None:
                stated.setdefault(_happening_key(ev), place)
        for ev, place in zip(events, own):
            ev.place = place or stated.get(_happening_key(ev)) or focus


def _happening_key(ev: Event) -> tuple:
    return frozenset(a.code for a in (ev.source, ev.target) if a), ev.root_code


@dataclass
class RunReport:
    """What a run did: the numbers printed at its end."""

    articles_coded: int = 0
    articles_skipped: int = 0  # already in the store
    events: int = 0
    rejected: list[Rejection] = field(default_factory=list)


def run(paths: Sequence[str], store, settings: Settings | None = None, *, default_date: Date | None = None,
        strict: bool = False, stdin=None, on_progress: Callable[[RunReport], None] | None = None,
        pipeline: Pipeline | None = None) -> RunReport:
    """Read inputs, code new articles and store them batch by batch (each batch one transaction)."""
    from .ingest import iter_articles

    settings = settings or Settings.from_env()
    report = RunReport()
    pipeline = pipeline or Pipeline(settings)

    def fresh_articles() -> Iterator[Article]:
        for batch in _batched(iter_articles(paths, settings, stdin=stdin), settings.batch_size):
            articles = [a for a in batch if isinstance(a, Article)]
            stored = store.stored_ids(a.id for a in articles)
            rejected = [r for r in batch if isinstance(r, Rejection)]
            if strict:
                rejected = rejected[:1]
            report.rejected.extend(rejected)
            store.record_rejections(rejected)
            for item in batch:
                if isinstance(item, Rejection):
                    if strict:
                        return
                elif item.id in stored:
                    report.articles_skipped += 1
                else:
                    stored.add(item.id)  # the same article twice in one input is stored once
                    yield item

    for coded in _batched(pipeline.code(fresh_articles(), default_date), settings.batch_size):
        report.events += store.write_batch(coded)
        report.articles_coded += len(coded)
        if on_progress:
            on_progress(report)
    return report


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch

