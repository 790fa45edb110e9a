"""Plain typed records that flow one way through the pipeline.

ingest -> Article; nlp + coding -> Event (with Actor, Span, Evidence); store keeps them.
Every stage takes and returns these, so each stage can be tested alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field, asdict
from datetime import date as Date


@dataclass(frozen=True)
class Article:
    """One news article after ingest: `text` is the cleaned text that is stored; all offsets refer to it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # outlet or collection name
    date: Date | None = None
    author: str | None = None
    path: str | None = None  # where it was read from (file, file#row, "-")
    language: str | None = None


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read: one line naming the file and the problem."""

    path: str
    code: str  # error code from newsevents.errors, e.g. "E101"
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason} [{self.code}]"


@dataclass(frozen=True)
class Span:
    """Character span in the article's cleaned text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A resolved (or unresolved) actor mention.

    `code` is CAMEO-style: country ISO3 + role ("USAGOV", "JPNBUS"), an IGO code ("NATO"), or a bare role
    ("LEG") when the country is unknown. `reason` says how it was resolved, or why not, instead of a silent null.
    """

    code: str
    name: str
    country: str | None = None
    role: str | None = None
    kind: str = "unknown"  # country | person | org | igo | role | unknown
    reason: str = ""
    span: Span | None = None


@dataclass(frozen=True)
class Place:
    name: str
    geonames_id: int | None
    feature: str  # country | adm1 | adm2 | city | landmark | water | region
    country: str | None  # ISO3
    adm1: str | None
    lat: float
    lon: float
    reason: str = ""
    span: Span | None = None


@dataclass
class Event:
    """One coded event mention with its evidence."""

    article_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    source: Actor | None
    target: Actor | None
    verb: Span
    code: str
    root_code: str
    plover: str
    quad_class: int
    goldstein: float
    mode: str  # asserted | planned | hypothetical | negated | reported
    date: Date | None = None
    location: Span | None = None  # the place phrase tied to the event in its sentence, if any
    place: Place | None = None  # filled by the geo stage
    rule: str = ""  # which lexicon entry produced it
    id: str = ""
    tone: float | None = None  # VADER tone of the evidence sentence (knowledge stage), -100..100

    def to_dict(self) -> dict:
        """The documented output contract (README, 'Output contract')."""
        src, tgt = self.source, self.target
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence": self.sentence_index,
            "source": src.code if src else "",
            "source_name": src.name if src else "",
            "target": tgt.code if tgt else "",
            "target_name": tgt.name if tgt else "",
            "code": self.code,
            "root_code": self.root_code,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "mode": self.mode,
            "tone": self.tone,
            "date": self.date.isoformat() if self.date else None,
            "place": asdict(self.place) if self.place else None,
            "evidence": {
                "text": self.sentence,
                "start": self.sentence_start,
                "end": self.sentence_end,
                "source_span": _span(src.span if src else None),
                "verb_span": _span(self.verb),
                "target_span": _span(tgt.span if tgt else None),
            },
        }


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


@dataclass
class Entity:
    """A named-entity mention kept as document knowledge."""

    article_id: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    text: str
    start: int
    end: int
    actor_code: str = ""


@dataclass
class Tone:
    """VADER tone of a text on GDELT's scales: `tone` = positive - negative, `polarity` = positive + negative
    (percent of the text's sentiment mass, 0..100 each), `score` = mean VADER compound of the sentences (-1..1);
    `activity` and `self_group` are the percent of words that are verbs / first-person plural pronouns."""

    tone: float
    positive: float
    negative: float
    polarity: float
    score: float
    activity: float = 0.0
    self_group: float = 0.0
    words: int = 0


@dataclass
class Name:
    """A person, organisation or place named in an article, with every mention of it."""

    kind: str  # person | organisation | place
    name: str  # the fullest form the article uses
    count: int
    mentions: list[Span]
    label: str = ""  # spaCy label of the first mention
    actor_code: str = ""
    geonames_id: int | None = None
    feature: str | None = None  # places: country | adm1 | adm2 | city | landmark | water | region
    country: str | None = None  # ISO3
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    reason: str = ""


@dataclass
class ThemeHit:
    """A theme of the taxonomy (knowledge/themes/) found in an article, with the words that triggered it."""

    id: str
    label: str
    count: int
    triggers: list[Span]


@dataclass
class Quotation:
    """A direct quotation and, where the text says who spoke, its speaker."""

    quote: Span  # the quoted words, without the quote marks
    verb: str = ""  # the speech verb ("said", "told")
    speaker: Span | None = None  # the speaker as written ("Ms Hewitt", "he")
    speaker_name: str = ""  # the speaker's name (a pronoun resolved to the last person named before it)
    speaker_code: str = ""  # actor code of the speaker, if it resolves
    reason: str = ""


@dataclass
class Amount:
    """A MONEY, QUANTITY or PERCENT expression and the noun it quantifies ("$14.9 billion" -> "acquisition")."""

    kind: str  # MONEY | QUANTITY | PERCENT
    span: Span
    value: float | None
    object: Span | None = None


@dataclass
class ArticleKnowledge:
    """What the knowledge stage finds in one article (newsevents.knowledge.analyze)."""

    article_id: str
    language: str  # ISO 639-1 code
    language_score: float  # detector probability (1.0 when the input declared the language)
    language_source: str  # declared | detected | default (too short or too unsure to tell: English)
    coded: bool  # False for non-English articles: stored, not coded
    tone: Tone | None = None
    names: list[Name] = field(default_factory=list)
    themes: list[ThemeHit] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    signature: list[int] | None = None  # MinHash of word shingles (near-duplicate detection)


@dataclass
class CodedArticle:
    """What the pipeline returns for one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    knowledge: ArticleKnowledge | None = None
