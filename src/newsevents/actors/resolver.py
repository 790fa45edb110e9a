"""Resolve a noun phrase as written in a sentence to a CAMEO-style actor code.

Tables (package data in ``actors/data``, extendable with extra files of the same formats):

* countries.csv      ISO3 code, aliases, demonyms/adjectives (on top of pycountry's exact names)
* places.csv         capitals and seats of government used as metonyms ("Washington", "the Kremlin")
* roles.yaml         role codes with their signal words and the titles that may precede a name
* groups.yaml        IGOs, NGOs and armed/political groups with their CAMEO known-group code
* organisations.yaml companies and news outlets with their country and role (BUS/MED)
* people.yaml        office holders with dated offices, so a name resolves by the article date
* nonactors.yaml     phrases that must never resolve ("Latin America", "Washington state")

Everything is indexed once at load by normalised token sequences; ``resolve`` tokenises the phrase,
takes the longest match at each position, and combines what it found (see ``_decide``).

Rules, in order of precedence:
1. A person (people table or article memory) decides the code: the office held on the date
   (intervals are half-open, ``start <= date < end``, ``end`` = successor's first day); out of office
   -> country + ELI ("former ..."); no date -> latest office. "X administration/government" -> the
   government X led; "X's <role word>" -> X's country + that role; "former" -> ELI. A surname shared by
   people in office with different codes is ambiguous and ignored unless the phrase names a country.
   A one-word alias next to another unknown capitalised word is a different person ("Hunter Biden"), unless
   those words are the person's own given names or initials ("Vladimir V. Putin"). "Former <title>" before a
   person who holds another listed office on the date dates the title, not the person ("Former Finance Minister
   Noboru Takeshita" as the ruling party's secretary-general is GOV).
2. An organisation or known group named in the head beats country words ("U.S. Steel" -> USABUS).
3. Otherwise country (name, demonym, possessive, capital/seat) + role (the head noun; a marked modifier
   such as "opposition"/"rebel" wins). A capital or seat alone is a metonym ("Washington" -> USAGOV,
   "Brussels" -> EEC); with a role word it is a location ("Beijing police" -> CHNCOP).
4. The phrase is split at uncovered commas (apposition), "and" (not between two unknown capitalised words:
   "Ways and Means Committee") and prepositions: only "of/in/from/at/for"
   parts and appositions may supply a missing country or group ("police in Paris", "a spokesman for the
   IMF"); "to/with/against/..." parts name someone else and are ignored.
5. A role word alone gives the bare role ("LEG"), or the article's main country if the memory knows it.
   "Congress" is USALEG unless another country is named (or the memory's main country is another one).
6. A title before unknown capitalised words (or an apposition with a title) resolves the name and is
   remembered in the ArticleMemory (full name and surname).
7. A capital, seat or state is not an actor when its spelling says it is a location (a dateline in capitals,
   "central Baghdad"); a state or province (places.csv kind "region") alone stands for its government.
   With ``resolve(..., context=span)`` (the mention's spaCy Span in its parsed sentence) the syntax decides:
   a dateline, the object of "in/at/near ...", a modifier ("Baghdad airport") or the possessor of a place
   noun is a location; a state is an actor only as a participant (subject, object, "with/against/to ...").
   An unknown name then also takes the title or apposition around it ("Shock jock Howard Stern"), and a name
   with a role but no country the country around it ("India's low-cost carrier Air Deccan"); a common noun
   never does ("the deletion of government e-mails" is not the government).
8. Organisation-name words count only inside a capitalised name: "X Party" -> OPP (ruling parties are
   listed in people.yaml), "X Motors" -> BUS, "Air X" -> BUS (roles.yaml name_heads/name_starts).
9. A staff word with an organisation in an "of/for/at" part takes the organisation's role ("a spokesman for
   Toyota" -> JPNBUS); "adviser/consultant/aide to X" names whom they work for. A country in brackets in a
   company name is its local branch ("Citicorp Investment Bank (Singapore) Ltd" -> SGPBUS). "Former" makes
   an official an elite (ELI), not a business, media or civil-society person ("ex-finance chief" stays BUS).
10. A phrase whose head noun names a text or an index (nonactors.yaml document_heads: "the government's Consumer
   Credit Bill", "the Kyoto Protocol", "the Standard and Poor's 500 index") is no actor, whoever owns it.
Case matters for proper names: "US"/"WHO"/"AP" only in capitals, "Japan" only capitalised (relaxed when the
whole phrase is lower-case, except for all-capital abbreviations).
"""
from __future__ import annotations

import bisect
import csv
import datetime
import html
import io
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import yaml

from ..errors import error
from ..records import Actor

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster when available
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILES = (
    "countries.csv",
    "places.csv",
    "roles.yaml",
    "groups.yaml",
    "organisations.yaml",
    "people.yaml",
    "nonactors.yaml",
)

# Roles that, as a modifier, say more than the head noun ("opposition lawmakers", "rebel soldiers").
_MARKED_ROLES = ("OPP", "REB", "INS", "SEP", "UAF", "SPY", "CRM", "REF")
# Prepositions whose object may tell the actor's country or organisation ("police in Paris",
# "Defence Minister X of the Czech Republic", "a spokesman for the IMF"); others ("to", "with",
# "against", ...) introduce a different participant and are ignored.
_SUPPLY_PREPS = {"of", "in", "from", "at", "for", "inside"}
_OTHER_PREPS = {
    "to", "with", "against", "on", "over", "by", "near", "into", "toward", "towards", "across", "under",
    "about", "between", "among", "after", "before", "during", "without", "within", "than", "via", "outside",
    "behind", "amid", "despite", "like", "through", "throughout", "onto", "upon", "beyond", "alongside",
}
_CONJ = {"and", "or", "&", "nor", "plus"}
# Words that end a firm's name after "&"/"and" ("Stifel Nicolaus & Company", "Smith and Sons")
_FIRM_ENDINGS = {"co", "company", "sons", "partners", "associates", "cie"}
# Nouns of bodies that end a name with an "and" inside it ("Trade and Industry Ministry")
_NAME_BODIES = {"ministry", "department", "committee", "commission", "council", "agency", "board", "bureau",
                "authority", "institute", "federation", "association", "union", "court", "tribunal"}
# Name heads that say only that a body is an association (roles.yaml BUS name_heads): a role word in the name
# ("Medical", "Workers", "Farmers") tells its sector and wins.
_WEAK_NAME_HEADS = {"association", "federation", "consortium", "confederation"}
# "adviser to Credit Suisse": after these words "to" names whom the person works for
_ADVISERS = {"adviser", "advisers", "advisor", "advisors", "consultant", "consultants", "counsel", "aide", "aides",
             "counsellor", "counselor", "economist", "economists"}
# Roles of private life: "former" does not make their holders elites (ELI is for former officials)
_PRIVATE_ROLES = {"BUS", "MED", "EDU", "HLH", "LAB", "AGR", "CVL", "NGO", "REL"}
# Words for the staff of any body: with an organisation in an "of/for/at" part the organisation's role is theirs
# ("a spokesman for Toyota", "Hans Mast, adviser to Credit Suisse" -> BUS), not the word's own role.
_STAFF_WORDS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokesmen", "adviser",
                "advisers", "advisor", "advisors", "aide", "aides", "economist", "economists", "chairman",
                "chairwoman", "director", "directors", "executive", "executives", "head", "consultant",
                "consultants", "counsel", "analyst", "analysts", "employees", "staff"}
# Words for someone who speaks or acts for a body: after a role word of that body they take its role ("an army
# spokesman" is MIL, "a union official" LAB, "Senate Banking Committee Chairman ..." LEG). Collective words for
# a workforce ("employees", "staff") are not among them: "government employees" are workers.
_REPRESENTATIVES = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "official", "officials",
                    "aide", "aides", "chairman", "chairwoman", "chair", "director", "head", "chief", "adviser",
                    "advisers", "advisor", "advisors", "source", "sources", "representative", "representatives",
                    "economist"}
# Posts a person holds in a body that the "of/for/at" phrase after them names ("head of the metalworkers union")
_POSTS = _REPRESENTATIVES | _STAFF_WORDS | {"leader", "leaders", "president", "member", "members", "founder",
                                            "owner", "boss", "secretary", "officer", "officers", "governor", "general"}
_CLAUSE = {"who", "which", "that", "whose", "whom", "said", "says", "say", "told", "has", "have", "had",
           "is", "are", "was", "were", "will", "would"}
_APPOS = {",", ";", ":", "(", ")", "[", "]", "-", "--"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "madame", "herr",
               "monsieur", "senor", "sheikh", "prof", "professor"}
# Words capitalised only because they open a sentence or a wire marker ("Both Babangida and ...", "MORE Greenidge
# said"): never the given name of the person whose surname follows.
_FUNCTION_WORDS = {"both", "all", "each", "every", "either", "neither", "some", "many", "most", "more", "also",
                   "only", "even", "but", "so", "yet", "then", "now", "when", "while", "if", "as", "this", "these",
                   "those", "his", "her", "their", "its", "our", "other", "another", "such", "no", "not", "meanwhile",
                   "however", "instead", "still", "later", "earlier", "today", "yesterday", "since", "once", "though",
                   "although", "because", "where", "there", "here", "what", "how", "why"}

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.&][A-Za-z0-9]+)*\.?|'s\b|'|[,;:()\[\]]|--|-")


# --------------------------------------------------------------------------------------------------
# tokens


@dataclass(frozen=True)
class Tok:
    norm: str
    orig: str  # as written, periods removed ("U.S." -> "US")
    glued: bool = False  # a hyphen inside a word ("Multi-Employer"), not a dash between phrases


_NON_DECOMPOSING = str.maketrans({"\u0131": "i", "\u0142": "l", "\u0141": "L", "\u00f8": "o", "\u00d8": "O",
                                  "\u0111": "d", "\u0110": "D", "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE",
                                  "\u0153": "oe", "\u00fe": "th"})


_EX_PREFIX = re.compile(r"\b([Ee]x)-(?=[A-Za-z])")


def _fold(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)  # "&lt;STO>" in wire copy is "<STO>", not the title "Lt"
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("\u2013", " - ").replace("\u2014", " - ")
    if "x-" in text or "X-" in text:
        text = _EX_PREFIX.sub(r"\1 ", text)  # "ex-chief economic adviser" is a former adviser, not "ex" + apposition
    text = text.translate(_NON_DECOMPOSING)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def tokenize(text: str) -> list[Tok]:
    toks = []
    folded = _fold(text)
    for m in _TOKEN.finditer(folded):
        raw = m.group(0)
        orig = raw.replace(".", "") if raw not in (".",) else raw
        if not orig:
            continue
        if raw == "-" and 0 < m.start() and m.end() < len(folded) and folded[m.start() - 1].isalpha() and \
                folded[m.end()].isalpha():  # ("F-15E fighters": a model number, split as before)
            toks.append(Tok("-", "-", True))
            continue
        toks.append(Tok(orig.lower(), orig))
    return toks


def norm_key(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text))


def _pattern(alias: str) -> tuple[int, ...]:
    """Case requirement per token: 2 = all capitals (US, WHO), 1 = initial capital, 0 = any."""
    pat = []
    for t in tokenize(alias):
        letters = [c for c in t.orig if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            pat.append(2)
        elif letters and t.orig[0].isupper():
            pat.append(1)
        else:
            pat.append(0)
    return tuple(pat)


def _case_ok(pattern: tuple[int, ...], toks: Sequence[Tok], relax_initial: bool) -> bool:
    for req, tok in zip(pattern, toks):
        if req == 2:
            letters = [c for c in tok.orig if c.isalpha()]
            if not all(c.isupper() for c in letters):
                return False
        elif req == 1 and not relax_initial:
            first = tok.orig[0]
            if first.isalpha() and not first.isupper():
                return False
    return True


def _is_cap(tok: Tok) -> bool:
    return tok.orig[:1].isupper()


# --------------------------------------------------------------------------------------------------
# syntactic use of a mention (when the caller gives the parsed sentence)

# A place that is the object of these prepositions is named as a location ("a rally in Moscow"); "to",
# "from", "with", "against" ... may introduce an actor ("a letter to Moscow") and are not listed.
_LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within", "into",
                   "through", "along", "beyond", "toward", "towards", "outside", "off", "onto", "across"}
# Words before a place that name a part of it: "central Baghdad", "northern Florida", "downtown Moscow".
_LOCATIVE_ADJ = {"central", "downtown", "northern", "southern", "eastern", "western", "north", "south", "east",
                 "west", "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                 "southeastern", "southwestern", "greater", "suburban", "rural", "inner", "outer", "upstate",
                 "coastal", "metropolitan", "midtown", "war-torn", "besieged", "occupied"}
# Nouns whose possessor or "of" object is a place, not an actor: "Dubai's airport", "the streets of Baghdad".
_PLACE_NOUNS = {"airport", "airports", "port", "ports", "harbour", "harbor", "street", "streets", "suburb",
                "suburbs", "outskirts", "centre", "center", "downtown", "district", "districts", "neighbourhood",
                "neighborhood", "market", "markets", "exchange", "bourse", "hospital", "hospitals", "hotel",
                "hotels", "city", "cities", "town", "towns", "state", "states", "province", "provinces", "region",
                "regions", "area", "areas", "heart", "coast", "capital", "skyline", "residents", "citizens",
                "people", "population", "county", "counties", "village", "villages", "island", "islands", "border",
                "borders", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                "part", "parts", "rest", "stadium", "university",
                "school", "schools", "zoo", "museum", "prison", "jail", "camp", "base", "plant", "factory",
                "mill", "office", "offices", "headquarters", "branch", "subsidiary", "unit"}
_DATELINE_MARKS = {"(", "--", "-", "\u2014", "\u2013", ":"}


_AGENT_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "agent", "csubj"}
_AGENT_PREPS = {"by", "with", "against", "to", "on", "between", "toward", "towards"}


def mention_use(context) -> str:
    """How a mention is used in its parsed sentence: "location: <why>" when it is named as a place (a
    dateline, the object of a locative preposition, a modifier of another noun, the possessor of a place noun);
    "agent: <why>" when it is a participant (subject, object, agent, object of "with/against/to/by ...");
    else "other". `context` is the spaCy Span (or Token) of the mention inside its parsed sentence."""
    span = context if hasattr(context, "root") else context.doc[context.i:context.i + 1]
    doc, root = span.doc, span.root
    sent = root.sent
    # dateline: a run of proper nouns and commas opening the sentence, in capitals or followed by "(Reuters)"/"--"
    j = sent.start
    while j < sent.end and (doc[j].pos_ == "PROPN" or doc[j].text == "," or
                            (doc[j].text.isupper() and doc[j].is_alpha)):
        j += 1
    if j > sent.start and span.start >= sent.start and span.end <= j:
        first = doc[sent.start]
        nxt = doc[j].text if j < sent.end else ""
        if (first.is_alpha and first.text.isupper() and len(first.text) >= 4) or nxt in _DATELINE_MARKS:
            return "location: dateline"
    if span.end < len(doc) and doc[span.end].lower_ in _PLACE_NOUNS and doc[span.end].pos_ == "NOUN":
        return f"location: followed by '{doc[span.end].text}'"  # "Nairobi airport", however it is parsed
    r = root
    while r.dep_ in ("conj", "appos") and r.head is not r and r.head.i < r.i:  # "Alabama, Florida and Mississippi"
        r = r.head
    head = r.head
    if r.dep_ == "pobj":
        prep = head.lower_
        if prep in _LOCATIVE_PREPS:
            return f"location: object of '{prep}'"
        if prep == "of" and head.head.lower_ in _PLACE_NOUNS:
            return f"location: '{head.head.text} of ...'"
    if r.dep_ in ("compound", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i > r.i:
        return f"location: modifier of '{head.text}'"
    if r.dep_ == "poss" and head.lower_ in _PLACE_NOUNS:
        return f"location: possessor of '{head.text}'"
    if r.dep_ in _AGENT_DEPS:
        return f"agent: {r.dep_} of '{head.text}'"
    if r.dep_ == "pobj" and head.lower_ in _AGENT_PREPS:
        return f"agent: object of '{head.lower_}'"
    return "other"


# titles that are ranks of the armed forces and also of sports teams ("US captain Hal Sutton"), and the words of
# a sentence that make it about sport
_SPORTS_TITLES = {"captain", "capt", "skipper", "vice-captain"}
_SPORTS_WORDS = {"team", "cup", "match", "squad", "game", "tournament", "championship", "league", "club",
                 "season", "player", "coach", "golf", "football", "soccer", "rugby", "cricket", "tennis",
                 "baseball", "basketball", "hockey", "olympics", "innings", "wicket", "goal", "striker",
                 "midfielder", "goalkeeper", "teammate", "final", "semi-final", "quarter-final", "medal"}


def _in_sports_sentence(context) -> bool:
    """Whether the mention's sentence is about sport (a team, cup, match, squad ...)."""
    return _sentence_flags(context)[0]


# occupations that strike as organised labour: in a sentence about a strike they are LAB, as the gold rules code
# workers on strike ("civil servants joined the UK-wide strike", "striking teachers"), else their own role
_STRIKING_TRADES = {"civil servants", "civil servant", "civil service", "public servants", "teachers", "teacher",
                    "doctors", "nurses", "lecturers", "firefighters", "pilots", "seamen", "journalists"}
_STRIKE_WORDS = {"strike", "strikes", "striking", "walkout", "walkouts", "stoppage", "stoppages", "picket",
                 "pickets", "picketing"}


def _in_strike_sentence(context) -> bool:
    """Whether the mention's sentence is about a labour strike (strike, walkout, stoppage, picket)."""
    return _sentence_flags(context)[1]


# (doc, {(sentence start, end): (about sport, about a strike)}) of the last document asked about: every mention
# of a sentence asks the same (speed only; replaced as one tuple, so a thread never reads another doc's flags)
_LAST_SENTENCES: list = [None]


def _sentence_flags(context) -> tuple[bool, bool]:
    root = context.root if hasattr(context, "root") else context
    doc = root.doc
    entry = _LAST_SENTENCES[0]
    if entry is None or entry[0] is not doc:
        # the sentence bounds `Token.sent` finds (from each token's sentence start), for the whole doc at once
        bounds = None
        if doc.has_annotation("SENT_START") and not (doc.user_hooks or doc.user_token_hooks or doc.user_span_hooks):
            starts = [i for i, s in enumerate(doc.to_array("SENT_START").tolist()) if s == 1 or i == 0]
            bounds = starts + [len(doc)]
        entry = _LAST_SENTENCES[0] = (doc, {}, bounds)
    bounds = entry[2]
    if bounds is None:
        sent = root.sent
        start, end = sent.start, sent.end
    else:
        k = bisect.bisect_right(bounds, root.i) - 1
        start, end = bounds[k], bounds[k + 1]
    flags = entry[1].get((start, end))
    if flags is None:
        words = [(t.lemma_.lower(), t.lower_) for t in doc[start:end]]
        flags = entry[1][(start, end)] = (
            any(lemma in _SPORTS_WORDS or lower in _SPORTS_WORDS for lemma, lower in words),
            any(lower in _STRIKE_WORDS for _, lower in words))
    return flags


def _is_name(context) -> bool:
    """The mention is a name (its head a proper noun): only a name takes the words around it ("the deletion of
    government e-mails" is not the government)."""
    if context is None:
        return False
    root = context.root if hasattr(context, "root") else context
    return root.pos_ == "PROPN"


def wider_phrase(context) -> str | None:
    """The mention with the words around it that describe the same entity: left modifiers of its head
    ("Shock jock Howard Stern", "Commissioner Kalo Hineman", "carrier Air Deccan") and an apposition
    ("Malcolm Glazer, the American tycoon"). None when there is nothing more."""
    span = context if hasattr(context, "root") else context.doc[context.i:context.i + 1]
    doc, root = span.doc, span.root
    if root.pos_ not in ("PROPN", "NOUN"):
        return None
    left = span.start
    for c in root.lefts:
        if c.i < span.start and c.dep_ in ("compound", "amod", "nmod", "det", "punct"):
            left = min(left, c.left_edge.i)
    if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ in ("NOUN", "PROPN"):
        # "India's low-cost carrier Air Deccan": the noun the name is in apposition to describes it
        left = min(left, root.head.left_edge.i)
    k = span.start  # the run of nouns just before the name, however it is parsed ("Talk radio presenter X")
    while k > span.sent.start and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[k - 1].ent_type_ in (
            "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
        k -= 1
    left = min(left, k)
    text = doc[left:span.end].text
    for c in root.rights:
        if c.i >= span.end and c.dep_ == "appos":
            text += ", " + doc[c.left_edge.i:c.right_edge.i + 1].text
        elif c.i >= span.end and c.dep_ == "prep" and c.lower_ in ("of", "from", "at"):
            text += " " + doc[c.i:c.right_edge.i + 1].text  # "Ana Ruiz of Chile", "Jim Parton, from Oxfam"
    return text if text != span.text else None


# --------------------------------------------------------------------------------------------------
# records


@dataclass
class Country:
    code: str
    name: str
    aliases: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)


@dataclass
class Place:
    name: str
    country: str
    code: str  # metonym code when the place stands alone ("USAGOV", "EEC", "USAMIL")
    kind: str  # capital | seat | weakseat | region (a state or province: an actor only when it acts)
    aliases: set[str] = field(default_factory=set)


@dataclass
class RoleWord:
    word: str
    role: str
    title: bool  # may precede a person's name ("Prime Minister Fumio Kishida")
    name_only: bool = False  # counts only before a capitalised name ("General Tanaka", not "general elections")
    name_head: bool = False  # counts only as the capitalised last word of a name ("Islamic Party", "Tata Motors")
    name_start: bool = False  # counts only as the capitalised first word of a name ("Air Deccan")


@dataclass
class Group:
    code: str
    name: str
    kind: str  # igo | ngo | group
    aliases: set[str] = field(default_factory=set)


@dataclass
class Org:
    name: str
    country: str
    role: str
    aliases: set[str] = field(default_factory=set)

    @property
    def code(self) -> str:
        return self.country + self.role


@dataclass
class Office:
    role: str
    office: str
    start: datetime.date | None
    end: datetime.date | None
    country: str | None = None
    code: str | None = None  # overrides country+role (e.g. "UNO" for a UN Secretary-General)

    def holds(self, d: datetime.date) -> bool:
        return (self.start is None or self.start <= d) and (self.end is None or d < self.end)

    def span(self) -> str:
        return f"{self.start.isoformat() if self.start else '?'}..{self.end.isoformat() if self.end else ''}"


@dataclass
class Person:
    name: str
    country: str
    aliases: set[str] = field(default_factory=set)
    title_aliases: set[str] = field(default_factory=set)  # surnames that match only after a title ("May")
    offices: list[Office] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    table: str  # country | demonym | place | role | group | org | person | tperson | block | memory
    ref: object
    pattern: tuple[int, ...]
    alias: str


@dataclass
class Match:
    start: int
    end: int
    entries: list[Entry]
    region: int = 0

    @property
    def tables(self) -> set[str]:
        return {e.table for e in self.entries}

    def first(self, *tables: str) -> Entry | None:
        for e in self.entries:
            if e.table in tables:
                return e
        return None


# --------------------------------------------------------------------------------------------------
# memory


@dataclass
class _Remembered:
    code: str
    country: str | None
    role: str | None
    kind: str
    reason: str
    name: str


class ArticleMemory:
    """Per-article memory: names introduced with a title or apposition are remembered for later mentions.

    ``main_country`` (ISO3) may be set by the caller (e.g. from the dateline); a bare role word such as
    "lawmakers" then takes that country. The resolver never guesses it.
    """

    def __init__(self, main_country: str | None = None):
        self.names: dict[tuple[str, ...], _Remembered] = {}
        self.main_country: str | None = main_country
        # the country the article is about, as its reader sees it (set by the coder): only a cue for a surname
        # that several listed people share ("Howard" in a British article is Michael Howard), never a guess
        self.context_country: str | None = None
        self.max_len = 0

    def remember(self, name_tokens: Sequence[Tok], actor: Actor, whole_only: bool = False) -> None:
        """Remember a name; a person's surname alone too, unless `whole_only` (an organisation's last word,
        "Steel" of "Acme Steel", is not its name)."""
        if not name_tokens:
            return
        full = " ".join(t.orig for t in name_tokens)
        rec = _Remembered(actor.code, actor.country, actor.role, actor.kind, actor.reason, full)
        keys = [tuple(t.norm for t in name_tokens)]
        if len(name_tokens) > 1 and not whole_only:
            keys.append((name_tokens[-1].norm,))
        for k in keys:
            self.names[k] = rec
            self.max_len = max(self.max_len, len(k))

    def remember_acronym(self, acronym: str, name: str, actor: Actor) -> None:
        """"the Options Clearing Corp" was resolved: a later "OCC" is the same organisation."""
        rec = _Remembered(actor.code, actor.country, actor.role, actor.kind,
                          f"{actor.reason}; '{acronym}' = initials of '{name}'", name)
        self.names.setdefault((acronym.lower(),), rec)
        self.max_len = max(self.max_len, 1)

    def lookup(self, key: tuple[str, ...]) -> _Remembered | None:
        return self.names.get(key)

    def __len__(self) -> int:
        return len(self.names)


# --------------------------------------------------------------------------------------------------
# loading


def _split_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split("|") if v.strip()]
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value).strip()]


def _date(value, path: str, where: str) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise error("E602", path=path, reason=f"{where}: invalid date {value!r} (use YYYY-MM-DD)") from None


_CODE_RE = re.compile(r"^[A-Z0-9]{2,6}$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")


class _Tables:
    def __init__(self):
        self.countries: dict[str, Country] = {}
        self.places: dict[str, Place] = {}
        self.roles: dict[str, RoleWord] = {}
        self.role_labels: dict[str, str] = {}
        self.groups: dict[str, Group] = {}
        self.orgs: dict[str, Org] = {}
        self.people: dict[str, Person] = {}
        self.nonactors: set[str] = set()
        self.nonactor_heads: set[str] = set()  # head nouns that make a phrase a non-actor ("U.S. dollars")
        self.document_heads: set[str] = set()  # texts, even when an actor owns them ("the government's bill")
        self.legal_forms: dict[str, list[str]] = {}  # "gmbh" -> [DEU, AUT, CHE]: where a company form is used
        self.sources: list[str] = []

    # ---- pycountry base
    def add_pycountry(self) -> None:
        import pycountry

        for c in pycountry.countries:
            rec = self.countries.setdefault(c.alpha_3, Country(c.alpha_3, getattr(c, "common_name", None) or c.name))
            for attr in ("name", "official_name", "common_name"):
                v = getattr(c, attr, None)
                # exact names only, never pycountry's fuzzy search; "Korea, Republic of" style names are
                # left to countries.csv
                if v and "," not in v and "(" not in v:
                    rec.aliases.add(v)

    # ---- dispatch
    def load_file(self, path: str) -> None:
        p = Path(path)
        if not p.is_file():
            raise error("E601", path=path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise error("E602", path=path, reason=f"cannot read: {exc}") from None
        suffix = p.suffix.lower()
        if suffix in (".yaml", ".yml"):
            try:
                data = yaml.load(text, Loader=_YAML_LOADER)
            except yaml.YAMLError as exc:
                reason = str(exc).replace("\n", " ")
                raise error("E602", path=path, reason=f"invalid YAML: {reason}") from None
            self._load_yaml(data, path, p.stem)
        elif suffix == ".csv":
            self._load_csv(text, path)
        else:
            raise error("E603", path=path, reason=f"unsupported file type '{suffix}' (use .yaml, .yml or .csv)")
        self.sources.append(str(path))

    def _load_yaml(self, data, path: str, stem: str) -> None:
        keys = ("countries", "places", "roles", "groups", "organisations", "organizations", "people", "nonactors",
                "nonactor_heads", "document_heads", "legal_forms")
        if isinstance(data, list):  # a bare list: the file name says which table
            table = next((k for k in keys if stem.lower().startswith(k[:5])), None)
            if table is None:
                raise error("E603", path=path, reason="a bare list needs a file name starting with the table "
                                                      f"name, or a top-level key ({', '.join(keys)})")
            data = {table: data}
        if not isinstance(data, dict) or not data:
            raise error("E603", path=path, reason=f"expected a mapping with one of the keys {', '.join(keys)}")
        unknown = [k for k in data if k not in keys]
        if unknown:
            raise error("E603", path=path, reason=f"unknown table key(s) {', '.join(map(str, unknown))} "
                                                  f"(expected {', '.join(keys)})")
        for key, value in data.items():
            if value is None:
                continue
            if key == "roles":
                self._load_roles(value, path)
                continue
            if key == "nonactors":
                for v in _split_list(value):
                    self.nonactors.add(v)
                continue
            if key == "nonactor_heads":
                for v in _split_list(value):
                    self.nonactor_heads.add(v.lower())
                continue
            if key == "legal_forms":
                if not isinstance(value, dict):
                    raise error("E602", path=path, reason="'legal_forms' must map a form to its countries")
                for form, countries in value.items():
                    where = f"legal_forms entry {form!r}"
                    isos = [self._iso(c, path, where) for c in _split_list(countries)]
                    if not isos:
                        raise error("E602", path=path, reason=f"{where}: no country")
                    self.legal_forms[norm_key(str(form))] = isos
                continue
            if key == "document_heads":
                for v in _split_list(value):
                    self.document_heads.add(v.lower())
                continue
            if not isinstance(value, list):
                raise error("E602", path=path, reason=f"'{key}' must be a list of entries")
            for i, item in enumerate(value, 1):
                if not isinstance(item, dict):
                    raise error("E602", path=path, reason=f"{key} entry {i} is not a mapping")
                where = f"{key} entry {i} ({item.get('name') or item.get('code') or '?'})"
                if key == "countries":
                    self._add_country(item, path, where)
                elif key == "places":
                    self._add_place(item, path, where)
                elif key == "groups":
                    self._add_group(item, path, where)
                elif key in ("organisations", "organizations"):
                    self._add_org(item, path, where)
                elif key == "people":
                    self._add_person(item, path, where)

    def _load_csv(self, text: str, path: str) -> None:
        reader = csv.DictReader(io.StringIO(text))
        cols = set(reader.fieldnames or [])
        rows = list(reader)
        if {"code", "demonyms"} <= cols or cols == {"code", "aliases"}:
            kind, fn = "countries", self._add_country
        elif {"name", "country", "code", "kind"} <= cols:
            kind, fn = "places", self._add_place
        elif {"name", "country", "start"} <= cols:
            kind, fn = "people", self._add_person
        elif {"name", "country", "role"} <= cols:
            kind, fn = "organisations", self._add_org
        elif {"code", "name", "kind"} <= cols:
            kind, fn = "groups", self._add_group
        else:
            raise error("E603", path=path, reason=f"unrecognised CSV columns {sorted(cols)}")
        for i, row in enumerate(rows, 2):
            row = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k}
            fn(row, path, f"{kind} line {i} ({row.get('name') or row.get('code') or '?'})")

    # ---- tables
    def _need(self, item: dict, key: str, path: str, where: str) -> str:
        v = item.get(key)
        if v is None or str(v).strip() == "":
            raise error("E602", path=path, reason=f"{where}: missing '{key}'")
        return str(v).strip()

    def _iso(self, value: str, path: str, where: str) -> str:
        if not _ISO3_RE.match(value):
            raise error("E602", path=path, reason=f"{where}: country must be an ISO3 code, got {value!r}")
        return value

    def _add_country(self, item, path, where):
        code = self._iso(self._need(item, "code", path, where), path, where)
        rec = self.countries.setdefault(code, Country(code, str(item.get("name") or code)))
        if item.get("name"):
            rec.name = str(item["name"])
            rec.aliases.add(rec.name)
        rec.aliases.update(_split_list(item.get("aliases")))
        rec.demonyms.update(_split_list(item.get("demonyms")))

    def _add_place(self, item, path, where):
        name = self._need(item, "name", path, where)
        country = self._iso(self._need(item, "country", path, where), path, where)
        code = str(item.get("code") or (country + "GOV")).strip()
        kind = str(item.get("kind") or "capital").strip()
        if kind not in ("capital", "seat", "weakseat", "region"):
            raise error("E602", path=path, reason=f"{where}: kind must be capital, seat, weakseat or region")
        self.places[name] = Place(name, country, code, kind, set(_split_list(item.get("aliases"))))

    def _load_roles(self, value, path):
        if not isinstance(value, dict):
            raise error("E602", path=path, reason="'roles' must map role codes to {label, words, titles}")
        for role, spec in value.items():
            role = str(role)
            if not _CODE_RE.match(role):
                raise error("E602", path=path, reason=f"role code {role!r} is not a CAMEO-style code")
            spec = spec or {}
            if not isinstance(spec, dict):
                raise error("E602", path=path, reason=f"role {role}: expected a mapping with words/titles")
            if spec.get("label"):
                self.role_labels[role] = str(spec["label"])
            for w in _split_list(spec.get("words")):
                self.roles[w.lower()] = RoleWord(w.lower(), role, False)
            for w in _split_list(spec.get("titles")):
                self.roles[w.lower()] = RoleWord(w.lower(), role, True)
            for w in _split_list(spec.get("name_titles")):
                self.roles[w.lower()] = RoleWord(w.lower(), role, True, True)
            for w in _split_list(spec.get("name_heads")):
                self.roles[w.lower()] = RoleWord(w.lower(), role, False, False, True)
            for w in _split_list(spec.get("name_starts")):
                self.roles[w.lower()] = RoleWord(w.lower(), role, False, False, False, True)

    def _add_group(self, item, path, where):
        code = self._need(item, "code", path, where)
        if not _CODE_RE.match(code):
            raise error("E602", path=path, reason=f"{where}: code {code!r} is not a CAMEO-style code")
        kind = str(item.get("kind") or "igo")
        if kind not in ("igo", "ngo", "group"):
            raise error("E602", path=path, reason=f"{where}: kind must be igo, ngo or group")
        name = str(item.get("name") or code)
        self.groups[code] = Group(code, name, kind, set(_split_list(item.get("aliases"))) | {name})

    def _add_org(self, item, path, where):
        name = self._need(item, "name", path, where)
        country = self._iso(self._need(item, "country", path, where), path, where)
        role = str(item.get("role") or "BUS").strip()
        if not _CODE_RE.match(role):
            raise error("E602", path=path, reason=f"{where}: role {role!r} is not a role code")
        self.orgs[name] = Org(name, country, role, set(_split_list(item.get("aliases"))) | {name})

    def _add_person(self, item, path, where):
        name = self._need(item, "name", path, where)
        country = self._iso(self._need(item, "country", path, where), path, where)
        offices_raw = item.get("offices")
        if offices_raw is None:
            offices_raw = [{k: item.get(k) for k in ("role", "office", "start", "end", "code", "country")}]
        if not isinstance(offices_raw, list) or not offices_raw:
            raise error("E602", path=path, reason=f"{where}: 'offices' must be a non-empty list")
        offices = []
        for j, o in enumerate(offices_raw, 1):
            if not isinstance(o, dict):
                raise error("E602", path=path, reason=f"{where}: office {j} is not a mapping")
            w = f"{where} office {j}"
            role = str(o.get("role") or "GOV").strip()
            start = _date(o.get("start"), path, w)
            end = _date(o.get("end"), path, w)
            if start is None:
                raise error("E602", path=path, reason=f"{w}: missing 'start'")
            if end is not None and end < start:
                raise error("E602", path=path, reason=f"{w}: end {end} is before start {start}")
            ocountry = o.get("country") or country
            offices.append(Office(role, str(o.get("office") or role), start, end,
                                  self._iso(str(ocountry), path, w), (str(o["code"]) if o.get("code") else None)))
        prev = self.people.get(name)
        if prev is not None and prev.country == country and (
                (offices_raw is not item.get("offices") and path.endswith(".csv")) or item.get("more_offices")):
            # a CSV people file has one row per office; a YAML entry marked `more_offices: true` adds offices
            # (and aliases) to a person listed earlier
            prev.offices.extend(offices)
            prev.aliases.update(_split_list(item.get("aliases")))
            prev.title_aliases.update(_split_list(item.get("title_aliases")))
            return
        self.people[name] = Person(name, country, set(_split_list(item.get("aliases"))) | {name},
                                   set(_split_list(item.get("title_aliases"))), offices)


# --------------------------------------------------------------------------------------------------
# resolver


@dataclass
class _Found:
    """What one region of the phrase contains."""

    countries: list[tuple[str, str]] = field(default_factory=list)  # (iso3, why)
    places: list[Place] = field(default_factory=list)
    roles: list[RoleWord] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    persons: list[tuple[Match, list]] = field(default_factory=list)
    memory: list[tuple[Match, _Remembered]] = field(default_factory=list)
    titles: list[tuple[Match, RoleWord]] = field(default_factory=list)
    names: list[list[Tok]] = field(default_factory=list)  # unknown capitalised token runs

    def has_actor(self) -> bool:
        return bool(self.countries or self.places or self.roles or self.groups or self.orgs or self.persons
                    or self.memory)


_CACHE: dict[tuple, "ActorResolver"] = {}


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return (None, None)


class ActorResolver:
    """Noun phrase -> Actor. Build with ``ActorResolver.load()``."""

    def __init__(self, tables: _Tables):
        self.t = tables
        self.index: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len = 1
        self._build()

    # ---- construction
    @classmethod
    def load(cls, extra_files: Sequence[str] = ()) -> "ActorResolver":
        paths = tuple(os.fspath(f) for f in extra_files)
        key = tuple((p, *_stamp(p)) for p in paths)  # a changed extra file is loaded again
        if key in _CACHE:
            return _CACHE[key]
        t = _Tables()
        t.add_pycountry()
        for name in DEFAULT_FILES:
            t.load_file(str(DATA_DIR / name))
        for f in paths:
            t.load_file(f)
        r = cls(t)
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[key] = r
        return r

    def _add(self, alias: str, table: str, ref) -> None:
        key = norm_key(alias)
        if not key:
            return
        entry = Entry(table, ref, _pattern(alias), alias)
        lst = self.index.setdefault(key, [])
        if any(e.table == table and e.ref is ref and e.pattern == entry.pattern for e in lst):
            return  # the same spelling twice; "Hamas" and "HAMAS" stay two entries (different case rules)
        lst.append(entry)
        self.max_len = max(self.max_len, len(key))

    def _build(self) -> None:
        t = self.t
        for c in t.countries.values():
            for a in c.aliases:
                self._add(a, "country", c)
            for a in c.demonyms:
                self._add(a, "demonym", c)
                if not a.endswith(("s", "ese", "ss")):
                    self._add(a + "s", "demonym", c)  # "Americans", "Czechs", "Israelis"
                if a.endswith("man"):
                    self._add(a[:-3] + "men", "demonym", c)
        for p in t.places.values():
            for a in {p.name} | p.aliases:
                self._add(a, "place", p)
        for w in t.roles.values():
            self._add(w.word, "role", w)
        for g in t.groups.values():
            for a in g.aliases:
                self._add(a, "group", g)
        for o in t.orgs.values():
            for a in o.aliases:
                self._add(a, "org", o)
        for p in t.people.values():
            for a in p.aliases:
                self._add(a, "person", p)
            for a in p.title_aliases:
                self._add(a, "tperson", p)
        for n in t.nonactors:
            self._add(n, "block", None)

    def sizes(self) -> dict[str, int]:
        return {
            "countries": len(self.t.countries),
            "places": len(self.t.places),
            "role_words": len(self.t.roles),
            "groups": len(self.t.groups),
            "organisations": len(self.t.orgs),
            "people": len(self.t.people),
            "offices": sum(len(p.offices) for p in self.t.people.values()),
            "nonactors": len(self.t.nonactors),
            "index_keys": len(self.index),
        }

    # ---- matching
    def _key_lengths(self) -> dict[str, tuple[int, ...]]:
        """The lengths of the index keys by their first word, longest first (rebuilt when the index grows)."""
        stamp = (id(self.index), len(self.index))
        if getattr(self, "_lengths_stamp", None) != stamp:
            lengths: dict[str, set[int]] = {}
            for key in self.index:
                lengths.setdefault(key[0], set()).add(len(key))
            self._lengths = {w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}
            self._lengths_stamp = stamp
        return self._lengths

    def _scan(self, toks: list[Tok], memory: ArticleMemory | None) -> list[Match]:
        relax = not any(c.isupper() for t in toks for c in t.orig)
        matches: list[Match] = []
        i, n = 0, len(toks)
        # only the lengths of the keys that start with the word at i can match there (the index's, the memory's)
        norms = [t.norm for t in toks]
        by_first = self._key_lengths()
        remembered: dict[str, set[int]] = {}
        if memory is not None:
            for key in memory.names:
                remembered.setdefault(key[0], set()).add(len(key))
        while i < n:
            found = None
            lengths = by_first.get(norms[i], ())
            if norms[i] in remembered:
                lengths = sorted(remembered[norms[i]].union(lengths), reverse=True)
            for length in lengths:
                if length > n - i:
                    continue
                key = tuple(norms[i:i + length])
                span = toks[i:i + length]
                entries = []
                if memory is not None:
                    rec = memory.lookup(key)
                    if rec is not None and all(_is_cap(t) or relax for t in span):
                        entries.append(Entry("memory", rec, (), rec.name))
                for e in self.index.get(key, ()):
                    if relax and e.table == "person" and any(x.table == "role" for x in self.index[key]):
                        continue  # lower-case "labour" is the role word, not the party "Labour"
                    if e.table == "tperson":
                        prev = toks[i - 1].norm if i else ""
                        if not (prev in _HONORIFICS or (prev in self.t.roles and self.t.roles[prev].title)):
                            continue
                    if _case_ok(e.pattern, span, relax) and not any(x.ref is e.ref for x in entries):
                        entries.append(e)
                if entries:
                    found = Match(i, i + length, entries)
                    break
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches

    def _regions(self, toks: list[Tok], matches: list[Match]) -> tuple[list[tuple[str, int, int]], list[Match]]:
        """Split the phrase at uncovered commas/prepositions/conjunctions.

        Returns regions as (kind, start, end) where kind is "head", "appos", "conj" or a preposition, and
        assigns each match its region index. A relative clause ("who ...") ends the phrase.
        """
        covered = [None] * len(toks)
        for m in matches:
            for k in range(m.start, m.end):
                covered[k] = m
        regions = [["head", 0, len(toks)]]
        for k, tok in enumerate(toks):
            if covered[k] is not None:
                continue
            kind = None
            if tok.orig in _APPOS and not tok.glued:
                kind = "appos"
            elif tok.norm == "to" and k > 0 and toks[k - 1].norm in _ADVISERS:
                kind = "adviser to"
            elif tok.norm in _SUPPLY_PREPS or tok.norm in _OTHER_PREPS:
                kind = tok.norm
            elif tok.norm in _CONJ and not self._inside_a_name(toks, covered, k):
                kind = "conj"
            elif tok.norm in _CLAUSE and k > 0:
                regions[-1][2] = k
                regions.append(["clause", k, len(toks)])
                break
            if kind:
                regions[-1][2] = k
                regions.append([kind, k + 1, len(toks)])
        for m in matches:
            for ri, (_, s, e) in enumerate(regions):
                if s <= m.start < e or (m.start < s and ri == 0):
                    m.region = ri
                    break
            else:
                m.region = len(regions) - 1
        return [tuple(r) for r in regions], matches

    @staticmethod
    def _inside_a_name(toks: list[Tok], covered: list, k: int) -> bool:
        """"Ways and Means Committee", "Smith and Wesson": an "and" between two capitalised words that no table
        entry knows is part of one name, not a list of two actors ("Britain and France" are known)."""
        if toks[k].norm not in ("and", "&") or k == 0 or k + 1 >= len(toks):
            return False
        before, after = toks[k - 1], toks[k + 1]
        if not (_is_cap(before) and _is_cap(after) and before.orig[0].isalpha() and after.orig[0].isalpha() and
                after.norm not in _HONORIFICS and before.norm not in _HONORIFICS and after.norm != "the"):
            return False
        if covered[k - 1] is None and covered[k + 1] is None:
            return True
        if k + 2 == len(toks) and after.norm in _FIRM_ENDINGS:
            return True  # "Stifel Nicolaus & Company", "Jefferies and Co": the firm's name, not two actors

        def word_only(j: int) -> bool:  # no table entry, or only a role word ("Industry"), covers token j
            return covered[j] is None or covered[j].tables == {"role"}

        # "the International Trade and Industry Ministry", "the Defence and Foreign Affairs Committee": capitalised
        # words that only role words cover, running on after the "and" to the noun of a body that ends the name
        if not word_only(k - 1):
            return False
        j = k + 1
        while j < len(toks) and _is_cap(toks[j]) and toks[j].orig[0].isalpha() and word_only(j):
            j += 1
        return j - (k + 1) >= 2 and toks[j - 1].norm in _NAME_BODIES

    def _collect(self, toks, matches, regions, date) -> list[_Found]:
        found = [_Found() for _ in regions]
        covered = set()
        for m in matches:
            covered.update(range(m.start, m.end))

        def loose_name_token(k: int) -> bool:
            if k < 0 or k >= len(toks) or k in covered:
                return False
            t = toks[k]
            return t.orig[0].isalpha() and _is_cap(t) and t.norm not in _HONORIFICS \
                and t.norm not in ("the", "a", "an") and t.norm not in _SUPPLY_PREPS | _OTHER_PREPS | _CONJ | _CLAUSE \
                and t.norm not in _FUNCTION_WORDS

        # a one-word alias inside a longer unknown name is someone else: "Zhao Lijian" is not Zhao Ziyang,
        # "Hunter Biden" is not Joe Biden
        def own_given_names(m) -> bool:
            """"Vladimir V. Putin", "Colin L. Powell": the words before the surname are the person's own given
            names and initials, not another person's ("Hunter Biden")."""
            k, before = m.start - 1, []
            while loose_name_token(k):
                before.insert(0, toks[k])
                k -= 1
            if not before or loose_name_token(m.end):
                return False
            words = [t.norm for t in before if len(t.norm) > 1]
            initials = [t.norm for t in before if len(t.norm) == 1]
            for e in m.entries:
                if e.table not in ("person", "tperson"):
                    continue
                for full in {e.ref.name, *e.ref.aliases}:
                    key = norm_key(full)
                    if len(key) < 2 or key[-1] != toks[m.start].norm:
                        continue
                    given = key[:-1]
                    if words and tuple(words) == given[:len(words)]:
                        return True
                    if not words and initials and all(i == g[0] for i, g in zip(initials, given)):
                        return True
            return False

        kept = []
        for m in matches:
            if m.end - m.start == 1 and any(e.table in ("person", "tperson", "memory") for e in m.entries) \
                    and (loose_name_token(m.start - 1) or loose_name_token(m.end)) and not own_given_names(m):
                covered.difference_update(range(m.start, m.end))
                continue
            kept.append(m)
        matches = kept
        for m in matches:
            f = found[m.region]
            if "block" in m.tables:
                continue
            e = m.first("memory")
            if e:
                f.memory.append((m, e.ref))
                continue
            pers = [e.ref for e in m.entries if e.table in ("person", "tperson")]
            if pers:
                f.persons.append((m, pers))
                continue
            e = m.first("org")
            if e:
                f.orgs.append(e.ref)
                continue
            e = m.first("group")
            if e:
                f.groups.append(e.ref)
                continue
            e = m.first("place")
            if e:
                f.places.append(e.ref)
                continue
            e = m.first("country", "demonym")
            if e:
                why = "country name" if e.table == "country" else "demonym"
                if m.end < len(toks) and toks[m.end].norm == "'s":
                    why = "possessive"
                f.countries.append((e.ref.code, f"{why} '{' '.join(t.orig for t in toks[m.start:m.end])}'"))
                continue
            e = m.first("role")
            if e:
                if e.ref.name_only and not (m.end < len(toks) and _is_cap(toks[m.end])):
                    continue
                if e.ref.name_head and not (_is_cap(toks[m.start]) and m.start > 0 and (_is_cap(toks[m.start - 1]) or (
                        toks[m.start - 1].norm in ("&", "and") and m.start > 1 and _is_cap(toks[m.start - 2])))):
                    continue  # ("Jefferies and Co": the "and" is inside the firm's name)
                if e.ref.name_head and toks[m.start - 1].norm in _HONORIFICS:
                    continue  # "Mr Steel", "Mrs Herald": a surname, not a company or a newspaper
                if e.ref.name_start and not (_is_cap(toks[m.start]) and m.end < len(toks) and _is_cap(toks[m.end])):
                    continue
                f.roles.append(e.ref)
                if e.ref.title:
                    f.titles.append((m, e.ref))
        # unknown capitalised runs (possible names)
        for ri, (_, s, e) in enumerate(regions):
            run: list[Tok] = []
            for k in range(s, e):
                tok = toks[k]
                if k not in covered and _is_cap(tok) and tok.orig[0].isalpha() and tok.norm not in _HONORIFICS \
                        and tok.norm not in ("the", "a", "an") and tok.orig not in _APPOS:
                    run.append(tok)
                else:
                    if run:
                        found[ri].names.append(run)
                    run = []
            if run:
                found[ri].names.append(run)
        return found

    # ---- people
    def _person_actor(self, persons: list[Person], date, cue_countries: set[str], name: str):
        """Pick the person and office for the date. Returns (Person, Office|None, code, role, reason) or None."""
        cands = persons
        if cue_countries:
            narrowed = [p for p in cands if p.country in cue_countries
                        or any(o.country in cue_countries for o in p.offices)]
            if narrowed:
                cands = narrowed
        if date is None:
            options = []
            for p in cands:
                o = max(p.offices, key=lambda o: o.start or datetime.date.min)
                options.append((p, o))
            codes = {self._office_code(p, o) for p, o in options}
            if len(codes) > 1:
                return None
            p, o = max(options, key=lambda po: po[1].start or datetime.date.min)
            return p, o, self._office_code(p, o), o.role, (
                f"person: {p.name}, {o.office} {o.span()} (no date given: latest office)")
        in_office = [(p, o) for p in cands for o in p.offices if o.holds(date)]
        if in_office:
            # first listed office of each person is the senior one
            seen, uniq = set(), []
            for p, o in in_office:
                if p.name not in seen:
                    seen.add(p.name)
                    uniq.append((p, o))
            codes = {self._office_code(p, o) for p, o in uniq}
            if len(codes) > 1:
                return None
            p, o = uniq[0]
            return p, o, self._office_code(p, o), o.role, f"person: {p.name}, {o.office} {o.span()}"
        # nobody in office: most recent former holder (or the earliest future one)
        past = [(p, o) for p in cands for o in p.offices if o.end is not None and o.end <= date]
        if past:
            p, o = max(past, key=lambda po: po[1].end)
            if len({q.country for q, _ in past}) > 1 and len(cands) > 1:
                return None
            return p, o, p.country + "ELI", "ELI", (
                f"person: {p.name}, former {o.office} ({o.span()}), not in office on {date.isoformat()}")
        future = [(p, o) for p in cands for o in p.offices]
        if len({q.country for q, _ in future}) > 1:
            return None
        p, o = min(future, key=lambda po: po[1].start)
        if o.start is not None and (o.start - date).days > 3650:
            return None  # ten years or more before any listed office: the name means someone else ("Carney" in 1987)
        return p, o, p.country + "ELI", "ELI", (
            f"person: {p.name}, not yet in a listed office on {date.isoformat()} ({o.office} from {o.start})")

    @staticmethod
    def _office_code(p: Person, o: Office) -> str:
        return o.code or ((o.country or p.country) + o.role)

    # ---- public API
    def resolve(self, text: str, *, date: datetime.date | None = None,
                memory: ArticleMemory | None = None, context=None) -> Actor | None:
        """`context`: optionally the spaCy Span (or Token) of the mention in its parsed sentence. With it a
        capital, seat or state named as a location ("a rally in Moscow", a dateline, "Baghdad airport") is not
        an actor, a state that acts ("Texas sued ...") is its government, and an unknown name takes the title
        or apposition around it ("Shock jock Howard Stern")."""
        use = mention_use(context) if context is not None else None
        sports = context is not None and _in_sports_sentence(context)
        strike = context is not None and _in_strike_sentence(context)
        actor, _ = self._resolve(text, date, memory, trace=None, use=use, sports=sports, strike=strike)
        countryless = actor is not None and not actor.country and actor.role and \
            actor.kind not in ("igo", "ngo", "group")
        if (actor is None or countryless) and _is_name(context) and not (use or "").startswith("location"):
            # an unknown name takes the words around it; a role without a country ("Air Deccan" -> BUS) the
            # country they give ("India's low-cost carrier Air Deccan")
            wider = wider_phrase(context)
            if wider:
                found, _ = self._resolve(wider, date, memory if actor is None else None, trace=None, use=use,
                                         sports=sports, strike=strike)
                if found is not None and (actor is None or (found.country and found.role == actor.role)):
                    actor = replace(found, name=text,
                                    reason=f"{found.reason} (from the words around the mention: '{wider}')")
        return actor

    def explain(self, text: str, *, date: datetime.date | None = None) -> str:
        trace: list[str] = []
        actor, _ = self._resolve(text, date, None, trace=trace)
        lines = [f"phrase: {text!r}" + (f" (date {date.isoformat()})" if date else " (no date)")]
        lines += trace
        if actor is None:
            lines.append("result: not an actor")
        else:
            lines.append(f"result: {actor.code} (kind {actor.kind}, country {actor.country or '-'}, "
                         f"role {actor.role or '-'})")
            lines.append(f"reason: {actor.reason}")
        return "\n".join(lines)

    def country_of(self, text: str) -> str | None:
        toks = tokenize(text)
        for m in self._scan(toks, None):
            if "block" in m.tables:
                continue
            e = m.first("country", "demonym")
            if e:
                return e.ref.code
            e = m.first("place")
            if e:
                return e.ref.country
        return None

    # ---- combination
    def _resolve(self, text: str, date, memory, trace, use=None, sports: bool = False, strike: bool = False):
        toks = tokenize(text)
        if not toks:
            return None, None
        matches = self._scan(toks, memory)
        regions, matches = self._regions(toks, matches)
        found = self._collect(toks, matches, regions, date)
        written = self._written_as_location(toks, matches)
        if written:
            use = "location: " + written
            if "dateline" in written and len(regions) > 1 and regions[1][0] == "appos":
                # "BEIJING - Chinese Premier Wen Jiabao": the words after the dateline are the phrase
                rest = " ".join(t.orig for t in toks[regions[1][1]:])
                if trace is not None:
                    trace.append(f"dateline dropped: resolving '{rest}'")
                return self._resolve(rest, date, memory, trace, None, sports=sports, strike=strike)
        if trace is not None and use:
            trace.append(f"use in the sentence: {use}")
        if trace is not None:
            trace.append("tokens: " + " ".join(t.orig for t in toks))
            for m in matches:
                rk = regions[m.region][0]
                desc = "; ".join(self._describe(e) for e in m.entries)
                trace.append(f"  [{rk}] '{' '.join(t.orig for t in toks[m.start:m.end])}' -> {desc}")
            if not matches:
                trace.append("  no table entry matches")
        ages = [k for k in range(1, len(regions)) if regions[k][0] == "appos" and regions[k][2] > regions[k][1] and
                all(t.orig.isdigit() for t in toks[regions[k][1]:regions[k][2]])]
        if ages:  # "Robert Jackson, 58, MP for Wantage": an age says nothing of who the person is
            regions = [r for k, r in enumerate(regions) if k not in ages]
            found = [f for k, f in enumerate(found) if k not in ages]
        head = found[0]
        appos_name = None
        # "the head of the IMF", "thousands of Israeli troops": an empty head takes its "of" object
        if not head.has_actor() and len(regions) > 1 and regions[1][0] in ("of", "from", "for", "appos"):
            if trace is not None:
                trace.append(f"head has no actor word: using the '{regions[1][0]}' part as head")
            merged = found[1]
            appos_name = head.names[0] if regions[1][0] == "appos" and head.names else None
            found = [merged] + found[2:]
            regions = [("head",) + tuple(regions[1][1:])] + list(regions[2:])
            head = found[0]
            if appos_name is not None and not head.has_actor() and len(regions) > 1 and \
                    regions[1][0] in ("of", "for", "at") and regions[0][2] > regions[0][1] and \
                    toks[regions[0][2] - 1].norm in _POSTS and regions[1][2] > regions[1][1] and \
                    toks[regions[1][1]].norm not in ("its", "his", "her", "their"):  # ("head of its bond department":
                # a unit of someone named elsewhere)
                # "Ana Silva, head of the metalworkers union": the post names no body, its "of" part does
                if trace is not None:
                    trace.append(f"'{toks[regions[0][2] - 1].orig}' of a body: using the '{regions[1][0]}' part")
                found = [found[1]] + found[2:]
                regions = [("head",) + tuple(regions[1][1:])] + list(regions[2:])
                head = found[0]
        hs, he = regions[0][1], regions[0][2]
        if he > hs and toks[he - 1].norm in self.t.nonactor_heads and not (
                head.persons or head.memory or head.orgs or head.groups or head.roles):
            if trace is not None:
                trace.append(f"head noun '{toks[he - 1].orig}' is never an actor (a currency, ...)")
            return None, None
        if he > hs and toks[he - 1].norm in self.t.document_heads and \
                not any(m.end == he for m, _ in head.persons + head.memory) and \
                (not _is_cap(toks[he - 1]) or (he - 2 >= hs and _is_cap(toks[he - 2]) and toks[he - 2].norm != "the")):
            # a capitalised "Bill"/"Act" is a text only at the end of a name ("Consumer Credit Bill"), else it may
            # be a first name ("the Bill and Melinda Gates Foundation")
            if trace is not None:
                trace.append(f"head noun '{toks[he - 1].orig}' names a thing (a bill, a treaty, an index), "
                             "not who made it")
            return None, None
        others = [(regions[i][0], found[i]) for i in range(1, len(found)) if regions[i][0] != "clause"]
        support = [(k, f) for k, f in others if k in ("appos", "conj", "adviser to") or k in _SUPPLY_PREPS]
        actor, learn = self._decide(text, toks, head, support, date, memory, trace, appos_name, use, sports,
                                    strike)
        if actor is not None and actor.role == "BUS" and not actor.country and actor.kind in ("org", "role") and \
                (form := self._legal_form(toks[regions[0][1]:regions[0][2]], memory)) is not None:
            # "Bedrijswagenfabriek Daf BV", "Hoechst AG": a company form used in one country (or a few, one of
            # which is the article's) tells where the company is registered
            actor = replace(actor, code=form[0] + "BUS", country=form[0], reason=f"{actor.reason}; {form[1]}")
        local = self._local_branch(toks, matches)
        if actor is not None and local and actor.role == "BUS" and actor.country and actor.country != local[0]:
            # "Citicorp Investment Bank (Singapore) Ltd": the company's branch registered in that country
            actor = replace(actor, code=local[0] + "BUS", country=local[0],
                            reason=f"{actor.reason}; '({local[1]})' in the company's name -> its {local[0]} branch")
        if actor is not None and memory is not None:
            self._learn_acronym(toks, regions[0], actor, memory)
        if actor is not None and memory is not None and learn:
            memory.remember(learn, actor)
            if trace is not None:
                trace.append(f"remembered name '{' '.join(t.orig for t in learn)}'")
        return actor, learn

    def _learn_acronym(self, toks, region, actor: Actor, memory: ArticleMemory) -> None:
        """An organisation named in full ("the Options Clearing Corp") teaches its initials ("OCC")."""
        if actor.kind == "person" or (actor.kind == "country" and not actor.role):
            return
        words = [t for t in toks[region[1]:region[2]] if t.norm not in ("the", "of", "and", "for", "&")]
        if len(words) < 2 or not all(_is_cap(t) and t.orig[0].isalpha() and t.orig[1:].islower() for t in words):
            return
        acronym = "".join(t.orig[0] for t in words)
        if (acronym.lower(),) not in self.index:
            memory.remember_acronym(acronym, " ".join(t.orig for t in words), actor)

    def _legal_form(self, toks: list[Tok], memory: ArticleMemory | None) -> tuple[str, str] | None:
        """(country, why) of the company form that ends a capitalised name ("Daf BV" -> NLD, "Acme Inc" -> USA):
        the article's country when the form is used there too, else the country listed first for the form (for a
        form used in more than three countries, "Corp", only when the article's country is unknown)."""
        forms = self.t.legal_forms
        for k in range(len(toks) - 1, 0, -1):
            for n in (2, 1):
                if k - n < 0 or not (_is_cap(toks[k - n]) and toks[k - n].orig[0].isalpha()):
                    continue
                isos = forms.get(tuple(t.norm for t in toks[k - n + 1:k + 1]))
                if isos is None:
                    continue
                form = " ".join(t.orig for t in toks[k - n + 1:k + 1])
                here = memory.context_country if memory is not None else None
                if here in isos:
                    return here, f"company form '{form}' is used in {here}, the article's country"
                if here is None or len(isos) <= 3:
                    return isos[0], f"company form '{form}' -> {isos[0]}"
                return None  # a form of many countries in an article about another: the context decides
        return None

    @staticmethod
    def _local_branch(toks: list[Tok], matches: list[Match]) -> tuple[str, str] | None:
        """A country in brackets inside a capitalised company name: "Citicorp Investment Bank (Singapore) Ltd",
        "Morgan Stanley (Japan)"."""
        for m in matches:
            e = m.first("country")
            if e is None or m.start < 2 or m.end >= len(toks):
                continue
            if toks[m.start - 1].orig == "(" and toks[m.end].orig == ")" and _is_cap(toks[m.start - 2]) and \
                    toks[m.start - 2].orig[0].isalpha():
                return e.ref.code, " ".join(t.orig for t in toks[m.start:m.end])
        return None

    @staticmethod
    def _former_title_differs(toks: list[Tok], name_start: int, office) -> bool:
        """"Former Finance Minister Noboru Takeshita" while he leads the ruling party: the title after "former"
        names none of the words of the office held on the date, so it is an earlier title ("former President
        Trump" while president keeps ELI: the same title)."""
        at = next((i for i in range(name_start) if toks[i].norm in ("former", "ex")), None)
        if at is None:
            return False
        title = {t.norm for t in toks[at + 1:name_start]} - {"the", "'s", "-", "of"} - _HONORIFICS
        office = set(norm_key(office.office))
        return bool(title) and not (title & office)

    @staticmethod
    def _written_as_location(toks: list[Tok], matches: list[Match]) -> str | None:
        """A capital, seat or state whose spelling says it is a location: a dateline in capitals ("DUBLIN"),
        a part of the place ("central Baghdad", "northern Florida")."""
        for m in matches:
            e = m.first("place")
            if e is None or m.region != 0 or e.ref.kind == "weakseat" or len(m.entries) > 1:
                continue
            span = toks[m.start:m.end]
            letters = [c for t in span for c in t.orig if c.isalpha()]
            if len(letters) >= 4 and all(c.isupper() for c in letters) and 2 not in e.pattern:
                return f"'{' '.join(t.orig for t in span)}' in capitals (a dateline)"
            if m.start > 0 and toks[m.start - 1].norm in _LOCATIVE_ADJ and not _is_cap(toks[m.start - 1]):
                return f"'{toks[m.start - 1].orig} {' '.join(t.orig for t in span)}' names part of a place"
        return None

    def _describe(self, e: Entry) -> str:
        r = e.ref
        if e.table in ("country", "demonym"):
            return f"{e.table} {r.code} ({r.name})"
        if e.table == "place":
            return f"{r.kind} {r.name}: {r.code} (location {r.country})"
        if e.table == "role":
            return f"{'title' if r.title else 'role word'} '{r.word}' -> {r.role}"
        if e.table == "group":
            return f"{r.kind} {r.code} ({r.name})"
        if e.table == "org":
            return f"organisation {r.name}: {r.code}"
        if e.table in ("person", "tperson"):
            offs = ", ".join(f"{o.office} {o.span()}" for o in r.offices)
            return f"person {r.name} [{offs}]"
        if e.table == "memory":
            return f"remembered {r.name}: {r.code}"
        if e.table == "block":
            return "non-actor phrase"
        return e.table

    def _decide(self, text, toks, head: _Found, support, date, memory, trace, appos_name=None, use=None,
                sports: bool = False, strike: bool = False):
        def note(msg):
            if trace is not None:
                trace.append(msg)

        def mk(code, country, role, kind, reason):
            return Actor(code=code, name=text, country=country, role=role, kind=kind, reason=reason)

        former = any(t.norm in ("former", "ex") for t in toks)
        supplied: list[Org] = []  # the organisation that supplied the country, if one did

        def support_country():
            for kind, f in support:
                if f.countries:
                    iso, why = f.countries[0]
                    return iso, f"{why} ('{kind}' part)"
                for p in f.places:
                    return p.country, f"{p.kind} {p.name} as location ('{kind}' part)"
                for o in f.orgs:
                    supplied.append(o)
                    return o.country, f"organisation {o.name} ('{kind}' part)"
            return None

        def pick_role(roles: list[RoleWord]) -> RoleWord | None:
            if not roles:
                return None
            for r in roles[:-1]:
                if r.role in _MARKED_ROLES:
                    return r
            if len(roles) > 1 and roles[-1].name_head and roles[-1].word in _WEAK_NAME_HEADS:
                return roles[-2]  # "American Medical Association": the sector word, not the kind of body
            if len(roles) > 1 and roles[-1].word in _REPRESENTATIVES:
                # a bare "committee" is no body of its own here: "Executive committee chairman Leo Melamed" of
                # an exchange is not a lawmaker ("Senate Banking Committee Chairman" has "Senate")
                body = [r for r in roles[:-1] if r.word not in _REPRESENTATIVES and
                        r.word not in ("committee", "committees")]
                if body:
                    return body[-1]  # "an army spokesman" (MIL), "a court official" (JUD), "Senate aide" (LEG)
            return roles[-1]

        # 1. people: remembered names first, then the people table
        if head.memory:
            m, rec = head.memory[0]
            role = "ELI" if former else rec.role
            code = (rec.country + role) if (former and rec.country) else rec.code
            note(f"remembered name '{rec.name}' from earlier in the article")
            return mk(code, rec.country, role, rec.kind, f"remembered: {rec.reason}"), None
        cues = {iso for iso, _ in head.countries} | {p.country for p in head.places}
        if not cues and memory is not None and (memory.main_country or memory.context_country):
            cues = {memory.main_country or memory.context_country}  # "Howard" in an Australian article is John Howard
        for m, persons in head.persons:
            res = self._person_actor(persons, date, cues, text)
            if res is None:
                note(f"name '{' '.join(t.orig for t in toks[m.start:m.end])}' is ambiguous on this date; ignored")
                continue
            p, o, code, role, reason = res
            country = o.country or p.country
            following = toks[m.end:]
            follow_norms = {t.norm for t in following}
            poss = bool(following) and following[0].norm == "'s"
            gov_offices = [x for x in p.offices if x.role == "GOV"]
            if follow_norms & {"administration", "government", "cabinet", "regime"} and gov_offices and role != "GOV":
                held = [x for x in gov_offices if date is not None and x.holds(date)]
                gov = held[0] if held else max(gov_offices, key=lambda x: x.start)
                code, role, country = self._office_code(p, gov), "GOV", gov.country or p.country
                reason += f"; '{' '.join(t.orig for t in toks[m.start:m.end])} administration' is the government"
            elif poss:
                rw = pick_role([r for r in head.roles if r.role not in ("GOV", "ELI")])
                if rw is not None:
                    code, role = country + rw.role, rw.role
                    reason += f"; possessive + role word '{rw.word}' -> {rw.role}"
            elif former and role != "ELI" and date is not None and o.holds(date) and \
                    self._former_title_differs(toks, m.start, o):
                # "Former Finance Minister Noboru Takeshita" as the ruling party's leader: "former" dates the
                # title, the office held on the date is what the person is
                reason += "; 'former' qualifies an earlier title, not the office held on the date"
            elif former and role != "ELI":
                code, role = country + "ELI", "ELI"
                reason += "; 'former' -> ELI"
            note("a person's office beats everything else in the phrase")
            learn = list(toks[m.start:m.end]) if memory is not None else None
            return mk(code, country, role, "person", reason), learn

        # 2. organisations and groups named in the head
        if head.orgs:
            o = head.orgs[0]
            note("an organisation name beats country words inside or around it")
            sector = next((r for r in head.roles if r.name_head and r.role == "BUS"), None)
            if o.role != "BUS" and o.country and sector is not None and len(head.orgs) == 1:
                # "Asahi Breweries" is not the newspaper Asahi Shimbun: a company sharing the name
                return mk(o.country + "BUS", o.country, "BUS", "org",
                          f"organisation name {o.name} + '{sector.word.capitalize()}': a company of the "
                          f"{o.country} name -> BUS"), None
            return mk(o.code, o.country, o.role, "org", f"organisation: {o.name} ({o.country} {o.role})"), None
        if head.groups:
            g = head.groups[0]
            note("a known group/IGO code stands alone")
            return mk(g.code, None, None, g.kind, f"{g.kind}: {g.name}"), None

        # 3. country + role
        country = head.countries[0] if head.countries else None
        role_w = pick_role(head.roles)
        if role_w is not None and sports and role_w.word in _SPORTS_TITLES:
            note(f"'{role_w.word}' in a sentence about sport: a team's {role_w.word}, not an officer")
            role_w = None  # "US captain Hal Sutton named his Ryder Cup team": the country, no role
        if role_w is not None and strike and role_w.word in _STRIKING_TRADES and role_w.role != "LAB":
            note(f"'{role_w.word}' in a sentence about a strike: workers on strike -> LAB")
            role_w = replace(role_w, role="LAB")
        located = (use or "").startswith("location")
        states = [p for p in head.places if p.kind == "region"]
        seats = [p for p in head.places if p.kind not in ("capital", "region")]
        capitals = [p for p in head.places if p.kind == "capital"]
        weak = [p for p in seats if p.kind == "weakseat"]
        seats = [p for p in seats if p.kind == "seat"]
        if role_w is None and (head.countries or head.places):
            for kind, f in support:  # "U.S. and Japanese officials": the shared head noun
                if kind == "conj" and f.roles:
                    role_w = pick_role(f.roles)
                    break
        role = role_w.role if role_w else None
        role_why = f"role word '{role_w.word}' -> {role}" if role_w else ""

        # unknown name introduced by a title (or an apposition with a title)
        title = head.titles[0] if head.titles else None
        name_run = None
        if head.names:
            if title is not None:
                tend = title[0].end
                for run in head.names:
                    pos = next(k for k in range(len(toks)) if toks[k] is run[0])
                    if pos == tend:
                        name_run = run
                        break
            elif not head.has_actor() and any(f.titles for _, f in support):
                name_run = head.names[0]
                k, f = next((k, f) for k, f in support if f.titles)
                title = f.titles[0]
                role_w = pick_role(f.roles)
                role, role_why = role_w.role, f"title '{title[1].word}' in apposition -> {role_w.role}"
        if name_run is None and appos_name is not None and title is not None:
            name_run = appos_name  # "Jan Novak, the Czech defence minister"
        if former and (title is not None or name_run is not None) and role not in _PRIVATE_ROLES:
            role, role_why = "ELI", "'former' + title -> ELI"  # a former official; a former chief executive
            # of a company is still business ("ex-finance chief Scott Sullivan")

        if (seats or capitals or states) and not country and role is None and located and not weak:
            note(f"a place named as a location is not an actor ({use})")
            return None, None
        if states and not country and not seats and not capitals:
            g = states[0]
            if role is None:
                # with the sentence: an actor only as a participant ("Texas sued ..."); without it (the coder
                # asks only about actor positions) the state stands for its government
                if use is None or use.startswith("agent"):
                    how = f"acting in the sentence ({use})" if use else "named alone"
                    return mk(g.code, g.country, g.code[3:] if len(g.code) == 6 else None, "country",
                              f"state or province {how}: {g.name} -> {g.code}"), None
                note(f"{g.name} is a state or province not acting in the sentence ({use}): a location")
                return None, None
            country = (g.country, f"{g.name} as location")
        if seats and not country:
            s = seats[0]
            if role is None or role == "GOV" or role == (s.code[3:] if len(s.code) == 6 else None):
                note(f"{s.name} is a seat of government")
                return mk(s.code, s.country, s.code[3:] if len(s.code) == 6 else None, "country",
                          f"seat of government: {s.name} -> {s.code}"), None
            country = (s.country, f"seat {s.name}")
        if capitals and not country:
            c = capitals[0]
            if role is None:
                kind = "igo" if len(c.code) == 3 and c.code != c.country else "country"
                rl = c.code[3:] if len(c.code) == 6 else None
                return mk(c.code, c.country if kind == "country" else None, rl, kind,
                          f"capital used as metonym: {c.name} -> {c.code}"), None
            country = (c.country, f"{c.name} as location")
        why_country = country[1] if country else ""
        country = country[0] if country else None
        if country is None and weak:
            w = weak[0]
            other = support_country()
            if other:
                country, why_country = other
            elif memory is not None and memory.main_country and memory.main_country != w.country:
                country, why_country = memory.main_country, "article's main country (memory)"
            else:
                country, why_country = w.country, f"'{w.name}' with no other country -> {w.country}"
            if role is None:
                role, role_why = w.code[3:], f"'{w.name}' -> {w.code[3:]}"
        elif weak and role is None and len(weak[0].code) == 6:
            # "the Mexican Congress", "Philippine Senate": the body's role, the named country
            role, role_why = weak[0].code[3:], f"'{weak[0].name}' -> {weak[0].code[3:]}"
        if country is None and (role is not None or name_run is not None):
            sc = support_country()
            if sc:
                country, why_country = sc
        if country is None and role is not None:
            # a group or organisation in an "of/for/at" part: "a spokesman for the IMF", "workers at Toyota"
            for kind, f in support:
                if kind in ("appos", "conj"):
                    continue
                if f.groups:
                    g = f.groups[0]
                    return mk(g.code, None, None, g.kind, f"{g.kind}: {g.name} ('{kind}' part); {role_why}"), None
        if country is None and role is not None and memory is not None and memory.main_country:
            country, why_country = memory.main_country, "article's main country (memory)"

        learn = None
        if name_run is not None and memory is not None and (country or role):
            learn = name_run
        org_name = role_w is not None and (role_w.name_head or role_w.name_start) and name_run is None
        if org_name:
            where = "ending in" if role_w.name_head else "starting with"
            role_why = f"organisation name {where} '{role_w.word.capitalize()}' -> {role}"
        if country and role and supplied and role_w is not None and role_w.word in _STAFF_WORDS and \
                supplied[0].country == country:
            role, role_why = supplied[0].role, f"'{role_w.word}' of an organisation -> its role {supplied[0].role}"
        if country and role:
            reason = f"{why_country} + {role_why}"
            if name_run:
                reason = f"title: {' '.join(t.orig for t in name_run)}, {reason}"
            return mk(country + role, country, role, "person" if name_run else ("org" if org_name else "country"),
                      reason), learn
        if country:
            if head.roles == [] and not seats and head.names and name_run is None and not head.countries:
                return None, None
            return mk(country, country, None, "country", why_country), None
        if role:
            reason = f"{role_why}; country unknown (not guessed)"
            if name_run:
                reason = f"title: {' '.join(t.orig for t in name_run)}, {reason}"
            return mk(role, None, role, "person" if name_run else ("org" if org_name else "role"), reason), learn
        # nothing in the head: maybe an apposition names the actor ("the firm, a unit of Toyota")
        for kind, f in support:
            if f.orgs:
                o = f.orgs[0]
                return mk(o.code, o.country, o.role, "org", f"organisation: {o.name} ('{kind}' part)"), None
        return None, None
