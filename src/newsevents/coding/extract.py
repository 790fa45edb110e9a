"""Who did what to whom: event extraction from a dependency-parsed spaCy `Doc`.

For every sentence the coder finds triggers (verbs and nouns in the lexicon), then reads the parse around
each trigger: the subject (or the passive agent, or the subject inherited through "are set to meet") is
the source; the direct object, the passive subject, or the object of the pattern's preposition is the
target. Coordinated actors give one event per pair. The actor phrases are resolved by the actors stage;
the mode (asserted / planned / hypothetical / negated / reported) comes from the words that govern the
trigger (`data/modes.yaml`).
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from importlib import resources

import yaml

from ..actors import ActorResolver, ArticleMemory, tokenize
from ..actors.resolver import _HONORIFICS as _HONORIFIC_WORDS
from ..records import Actor, Event, Span
from .dates import resolve_relative_date
from .lexicon import Lexicon, NounPattern, VerbPattern
from .ontology import Ontology, is_mutual

# Dependencies that end a noun phrase: clauses, coordination and attachments are not part of the actor's name.
_PHRASE_STOP = {"relcl", "acl", "advcl", "conj", "cc", "punct", "prep", "appos", "dep", "parataxis", "case"}
_SUBJECT_DEPS = {"nsubj", "csubj"}
_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
_THING_PRONOUNS = {"it", "its", "itself"}
# Head nouns that name one person (with the resolver's title words): antecedents for "he"/"she", never for "it".
_PERSON_NOUNS = {"spokesman", "spokeswoman", "official", "man", "woman", "leader", "chief", "chairman", "chairwoman",
                 "executive", "negotiator", "analyst", "economist", "lawyer", "director", "head", "envoy", "diplomat",
                 "ambassador", "governor", "mayor", "senator", "congressman", "lawmaker", "king", "queen", "prince",
                 "general", "commander", "boss", "founder", "owner", "trader", "dealer", "source", "judge",
                 "candidate", "politician", "scientist", "expert", "banker", "manager", "president", "minister",
                 "secretary", "premier", "chancellor", "commissioner", "administrator", "adviser", "advisor"}
# "the company", "the union", "the government": definite descriptions that point back to an actor already named.
_DESCRIPTION_ROLES = {
    "company": "BUS", "firm": "BUS", "group": "BUS", "bank": "BUS", "carrier": "BUS", "airline": "BUS",
    "insurer": "BUS", "retailer": "BUS", "lender": "BUS", "concern": "BUS", "maker": "BUS", "carmaker": "BUS",
    "automaker": "BUS", "manufacturer": "BUS", "operator": "BUS", "brewer": "BUS", "conglomerate": "BUS",
    "broker": "BUS", "supplier": "BUS", "producer": "BUS", "giant": "BUS", "corporation": "BUS",
    "union": "LAB", "newspaper": "MED", "paper": "MED", "network": "MED", "broadcaster": "MED",
}
# "the city", "the town", "the province": the local authority of the place named last.
_PLACE_AUTHORITIES = {"city", "town", "municipality", "province"}
# Descriptions of a government or one of its members: they take the country of the government last named.
_GOV_DESCRIPTIONS = {"government", "minister", "president", "premier", "administration", "ministry", "cabinet",
                     "chancellor", "official", "officials", "authorities", "authority", "regime", "spokesman",
                     "spokeswoman", "secretary"}
_PERSON_TITLES = {"minister", "president", "premier", "chancellor", "secretary"}
# Nouns that describe one person already named ("The US tycoon, who ...": see `_learn_described_subject`).
_DESCRIBED_PEOPLE = {"tycoon", "magnate", "businessman", "businesswoman", "entrepreneur", "billionaire",
                     "millionaire", "financier", "investor", "banker", "executive", "boss", "chief", "chairman",
                     "chairwoman", "founder", "owner", "politician", "lawmaker", "legislator", "mp", "senator",
                     "congressman", "congresswoman", "minister", "diplomat", "envoy", "ambassador", "official",
                     "activist", "campaigner", "cleric", "lawyer", "economist", "analyst", "journalist",
                     "broadcaster", "presenter", "commander", "general", "officer", "soldier", "rebel", "leader"}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Nouns of a description set before a person's name ("Formerly one of Mr Brown's closest aides, Ed Balls ...")
_FRONTED_PEOPLE = _DESCRIBED_PEOPLE | {"aide", "adviser", "advisor", "spokesman", "spokeswoman", "boss", "head"}
_MENTION_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT", "dative", "oprd", "poss"}
# Prepositions that commonly carry the target when the pattern names none ("met with", "aid to").
_DEFAULT_TARGET_PREPS = ("with", "to", "against", "toward", "towards", "on", "from")
_JOINING_PREPS = {"between", "among", "amongst"}
# Nouns for what an actor said, did or holds: "her call", "its record", "his plan" stand for that actor.
# texts whose author speaks through them ("The report said ..."): the author is who issued it
_AUTHORED_TEXTS = {"report", "study", "survey", "review", "inquiry", "paper"}
_OWNED_ACTS = {"call", "plan", "proposal", "record", "policy", "decision", "statement", "remark", "comment", "idea",
               "stance", "position", "view", "bid", "offer", "request", "demand", "appeal", "handling", "failure",
               "leadership", "budget", "strategy", "government", "administration", "claim", "conduct", "approach"}
# "warned that it could lead to ...": the clause's subject is the danger, not the one criticised; "asked
# whether the Lib Dems would ...": a question, not an appeal to them.
_WARNING_LEMMAS = {"warn", "caution", "fear", "worry", "ask", "query", "question", "wonder"}
# Attachments of a non-actor object that name whom the act is aimed at.
_OBJECT_TARGET_PREPS = {"against", "on", "to", "toward", "towards", "with"}
# Nominal events that need no target: appeals to no one in particular ("his appeal for restraint"),
# statements, and force postures ("the deployment of F-15s").
_NO_TARGET_NOUN_ROOTS = {"01", "02", "15"}
# An agreement to buy or merge is the deal itself (gold rules: agreed business deals are 061), not an intent.
_DEAL_GOVERNORS = {"agree"}
_FUTURE_MODALS = {"will", "would", "shall", "'ll"}
_ACTOR_LABELS = {"GPE", "NORP", "ORG", "PERSON"}
_TOPIC_VERBS = {"discuss", "debate"}
_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# "Monday's attack", "last year's meeting": a time, not the actor.
_TIME_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
# Modifiers saying that a role word covers several countries (or not the one in view): no country is guessed.
_MULTINATIONAL = {"african", "european", "asian", "arab", "latin", "western", "international", "foreign",
                  "world", "regional", "global", "multinational", "nordic", "scandinavian", "balkan",
                  "caribbean", "gulf", "overseas", "allied", "creditor", "g7", "g-7", "industrialized",
                  "industrialised", "developing", "oil-producing", "member"}
# Participles that hand a phrase over to the actor in their "by" phrase: "a consortium led by Sony".
_LED_BY = {"lead", "head", "own", "control", "run", "back", "sponsor", "found", "chair", "organise", "organize"}
# Verbs whose subject may be the event that fails ("talks broke down", "the negotiations collapsed")
_FAILING_VERBS = {"break", "collapse", "founder"}
# Nouns that are an event only as a state someone is in or put in ("on alert", "in a state of alert")
_STATUS_NOUNS = {"alert"}
# Verbs of undergoing: "banks face strikes", "Iraq suffered attacks": their subject is the event's target
_UNDERGOING = {"face", "suffer", "endure", "undergo", "experience", "weather", "brave", "survive", "sustain"}
# Deals with a buyer and a seller, lender and borrower: coded one way ("Sony agreed to acquire MGM" is Sony -> MGM),
# unlike mergers, joint ventures and agreements, which are mutual.
# Extradition (063, judicial cooperation) goes one way too: from the holder to the requester.
_DIRECTED_DEALS = {"acquire", "buy", "purchase", "sell", "take", "lend", "invest", "finance", "fund", "bid",
                   "extradite", "supply", "ship", "export", "deliver", "provide"}
# Head nouns that, with "two"/"both", stand for the last two countries named, and the role they give.
_PAIR_HEADS = {"country": "", "nation": "", "side": "", "power": "", "neighbour": "", "neighbor": "", "state": "",
               "superpower": "", "government": "GOV", "leader": "GOV", "capital": "GOV", "army": "MIL",
               "military": "MIL"}
# Verbs that link a subject to a predicate adjective ("is optimistic", "remained concerned").
_COPULAS = {"be", "remain", "feel", "sound", "seem", "appear", "become", "stay"}
# Refusing to speak (011) names the withheld speech act as the verb of its to-clause ("refused to say").
_SILENCE_CODES = {"011"}
_MODE_PRIORITY = ("negated", "hypothetical", "planned", "reported")
# Which governing link lets a speech verb make its complement "reported".
_CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "dobj", "prep", "nsubj",
                 "nsubjpass", "attr", "oprd", "appos", "npadvmod"}


@functools.lru_cache(maxsize=1)
def _gazetteer():
    from ..geo import PlaceResolver  # loaded once per process, only when a sentence names a place
    return PlaceResolver.load()


def _data(name: str) -> dict:
    return yaml.safe_load(resources.files("newsevents.coding").joinpath("data", name).read_text("utf-8"))


@dataclass(frozen=True)
class ModeRules:
    planned_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    planned_governors: frozenset[str]
    hypothetical_governors: frozenset[str]
    reported_governors: frozenset[str]
    negating_governors: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    planned_modifiers: frozenset[str]
    negating_modifiers: frozenset[str]
    hypothetical_markers: frozenset[str]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "ModeRules":
        raw = _data("modes.yaml")
        return cls(**{k: frozenset(str(w).lower() for w in v) for k, v in raw.items()})


@functools.lru_cache(maxsize=1)
def _intent_rules() -> tuple[dict[str, str], frozenset[str]]:
    raw = _data("intent.yaml")
    return {str(k): str(v) for k, v in raw["intent_of"].items()}, frozenset(raw["intent_governors"])


@functools.lru_cache(maxsize=1)
def _intent_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _data("intent.yaml").get("intent_nouns", ()))


@functools.lru_cache(maxsize=1)
def _public_employees() -> tuple[str, ...]:
    return tuple(str(w).lower() for w in _data("intent.yaml").get("public_employees", ()))


@functools.lru_cache(maxsize=1)
def _threat_rules() -> tuple[dict[str, str], frozenset[str]]:
    raw = _data("intent.yaml")
    return ({str(k): str(v) for k, v in (raw.get("threat_of") or {}).items()},
            frozenset(raw.get("threat_governors") or ()))


@functools.lru_cache(maxsize=1)
def _refusal_rules() -> tuple[dict[str, str], frozenset[str]]:
    raw = _data("intent.yaml")
    return ({str(k): str(v) for k, v in (raw.get("refusal_of") or {}).items()},
            frozenset(raw.get("refusal_governors") or ()))


@functools.lru_cache(maxsize=1)
def _advice_rules() -> tuple[dict[str, str], frozenset[str]]:
    raw = _data("intent.yaml")
    return ({str(k): str(v) for k, v in (raw.get("advice_modals") or {}).items()},
            frozenset(raw.get("advice_reporters") or ()))


@functools.lru_cache(maxsize=1)
def _non_event_heads() -> frozenset[str]:
    raw = _data("non_events.yaml")
    return frozenset(w.lower() for key in ("market_heads", "sport_heads") for w in raw.get(key, ()))


@functools.cache
def _disaster_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in _data("non_events.yaml").get("disaster_heads", ()))


@dataclass
class _Trigger:
    token: object  # spacy Token
    code: str
    rule: str
    sources: list  # tokens heading source phrases
    targets: list  # tokens heading target phrases
    no_target: bool
    symmetric: bool = False  # "X and Y met": every pair, both ways
    intent_source: tuple | None = None  # set when an intent governor turns the event into its 03x counterpart
    governor: object | None = None  # that intent governor's token
    consumed: tuple[int, ...] = ()  # object nouns the verb entry already codes ("hold talks")
    threat: bool = False  # the governor threatens the event ("threatened to kill"): coded as its 13x threat
    refusal: bool = False  # the governor refuses the event ("refused to meet"): coded as its 12x rejection
    fallback: tuple = ()  # target heads to try when `targets` name no actor ("considered a complaint against Japan")
    owners: tuple = ()  # then these: whose the thing acted on is ("backed Mr Brown's plan", "actions by the EC")
    refers_to: str = ""  # root of the definite event an agentless passive is about ("the talks were called off")
    civil_code: str = ""  # a noun's unarmed sense, when its armed one was taken for lack of a telling preposition
    sayers: tuple = ()  # who said the intent (`intent_source`) will be done; another actor reports a plan


class EventCoder:
    """Codes events from parsed documents. Build once, call `code_doc` per article."""

    def __init__(self, lexicon: Lexicon | None = None, ontology: Ontology | None = None,
                 actors: ActorResolver | None = None, plain_statements: bool = False):
        self.plain_statements = plain_statements
        self.lexicon = lexicon or Lexicon.load()
        self.ontology = ontology or Ontology.load()
        self.actors = actors or ActorResolver.load()
        self.modes = ModeRules.load()
        self._quotes_of = None  # (doc, its quotations): computed once per article, see `_quote_triggers`
        self._quote_tools = None
        self.intent_of, self.intent_governors = _intent_rules()
        self.threat_of, self.threat_governors = _threat_rules()
        self.refusal_of, self.refusal_governors = _refusal_rules()
        self.non_event_heads = _non_event_heads()
        self.advice_modals, self.advice_reporters = _advice_rules()

    # ------------------------------------------------------------------ public
    def code_doc(self, doc, *, article_id: str, date: Date | None = None,
                 memory: ArticleMemory | None = None, max_sentence_tokens: int = 200) -> list[Event]:
        """All events of one article. `doc` is the parsed cleaned text; offsets refer to it."""
        memory = memory if memory is not None else ArticleMemory()
        context = _ArticleContext(self.actors, memory, date)
        context.learn_article(doc)
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            if len(sent) > max_sentence_tokens:
                continue  # pathological sentence: parses of run-on text are not worth coding
            context.learn_sentence(sent)
            events.extend(self._code_sentence(sent, index, article_id, date, context))
            context.remember_owners(sent)
        return events

    def actor_at(self, doc, start: int, end: int, *, date: Date | None = None) -> Actor | None:
        """The actor this coder reads in the phrase at doc.text[start:end] when it stands in an actor position,
        with the article read up to that sentence as `code_doc` reads it (the article's main country, names and
        titles learnt sentence by sentence). How `newsevents evaluate` scores actors in their article."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        context = _ArticleContext(self.actors, ArticleMemory(), date)
        context.learn_article(doc)
        for sent in doc.sents:
            if sent.start > span.root.i:
                break
            context.learn_sentence(sent)
        head = span.root
        if head.pos_ not in ("NOUN", "PROPN", "PRON"):  # "the AFL-CIO" of "the AFL-CIO umbrella": its name
            head = next((t for t in reversed(span) if t.pos_ in ("NOUN", "PROPN") and not (
                span.start <= t.head.i < span.end and t.head is not t)), head)
        found = context.actors_for(head)
        return found[0] if found else None

    # ------------------------------------------------------------------ sentence
    def _code_sentence(self, sent, index: int, article_id: str, date: Date | None,
                       context: "_ArticleContext") -> list[Event]:
        triggers = []
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "amod", "compound"):
                trig = self._verb_trigger(tok)
            elif tok.pos_ in ("NOUN", "PROPN"):
                trig = self._noun_trigger(tok)
            elif (tok.pos_ in ("ADJ", "VERB") and tok.dep_ in ("acomp", "oprd")) or (
                    tok.pos_ == "ADJ" and tok.dep_ == "conj" and tok.head.dep_ in ("acomp", "oprd")):
                trig = self._adj_trigger(tok)  # "he felt positive and *optimistic*": a conjunct of the predicate
            else:
                trig = None
            if trig is not None:
                triggers.append(trig)
            if tok.pos_ in ("VERB", "AUX") and (advice := self._advice_trigger(tok)) is not None:
                triggers.append(advice)
        triggers += self._quote_triggers(sent, triggers)

        # A statement or intent verb whose complement is itself an event is coded through that event
        # ("pledged to send aid" is 033, not a pledge plus a sending).
        consumed = {i for t in triggers for i in t.consumed}
        # ... unless the governor's own entry codes that noun ("offered *aid* to Ukraine" is offer[aid] 033,
        # "agreed to a *ceasefire*" agree_to[ceasefire] 0871): the governor is then the event
        governors = {t.governor.i for t in triggers if t.governor is not None and t.token.i not in consumed}
        triggers = [t for t in triggers
                    if t.token.i not in governors and t.token.i not in consumed and not _reports_a_clause(t)]
        # "urged the world to back a peacekeeping force", "calls on Japan to stop selling": what an appeal or
        # demand asks for is its content, not an event that happened
        asking = {t.token.i for t in triggers if t.code[:2] in ("02", "10")}
        # "accused Japan of reneging on an agreement": what someone is accused of is alleged, the accusation is the news
        # (not when no accuser is named: "a policeman was hunted after being accused of killing a British couple")
        accusing = {t.token.i for t in triggers if t.code[:3] == "112" and t.sources and not any(
            c.dep_ in ("nsubjpass", "auxpass") for c in t.token.children)}
        triggers = [t for t in triggers if not _accused_of(t.token, accusing)]
        triggers = [t for t in triggers if not _asked_for(t.token, asking)
                    or any(c.dep_ == "poss" for c in t.token.children)]  # "in time for *his* visit": his own
        # "said the government should consider fines": the appeal is the event, the advised act its content
        advised = {t.token.i for t in triggers if t.rule.startswith("clause:")}
        triggers = [t for t in triggers if t.rule.startswith("clause:") or not (
            t.token.i in advised or (_governing_verb(t.token) is not None and _governing_verb(t.token).i in advised
                                     and t.token.pos_ in ("NOUN", "PROPN")))]
        sentence_date = resolve_relative_date(sent, date)
        text = sent.text.rstrip()
        start = sent.start_char + (len(text) - len(text.lstrip()))
        text = text.lstrip()
        out: list[Event] = []
        seen: set[tuple] = set()
        for trig in triggers:
            mode = self._mode(trig.token)
            code = trig.code
            sources = trig.sources
            if trig.sayers and (said := [a for t in trig.sayers for a in context.actors_for(t)]) and not any(
                    a.code == s.code or (a.country and a.country == s.country)
                    for a in said for t in trig.intent_source for s in context.actors_for(t)):
                # "Greenidge (Guyana) said a World Bank mission would visit Georgetown": another's planned act, reported
                # (042), not an intent; "a spokesman said the company will work with the EPA" is the company's
                trig.intent_source = None
            if trig.intent_source is not None:
                code = self._threat_code(code) if trig.threat else self._refusal_code(code) if trig.refusal \
                    else self._intent_code(code)
                sources = list(trig.intent_source)
                mode = "asserted" if mode in ("reported", "planned") or (trig.refusal and mode == "negated") \
                    else mode
            if code not in self.ontology or (code == "010" and not self.plain_statements):
                continue  # "X said ..." alone is not news; the specific kinds of statement (011-019) are
            cameo = self.ontology[code]
            # '"We will not give in," said the Iraqi minister': "I" and "we" in reported speech are the speaker
            sources = [x for t in sources for x in (_outer_speaker(t, self.advice_reporters) or [t])]
            src_actors = [a for t in sources for a in context.actors_for(t)]
            if not src_actors and (climbed := _past_inherited_thing(
                    trig.token, sources, self.modes.reported_governors if code[:2] not in _SAID_ROOTS else ())):
                # "declared that the violence amounted to genocide and urged the world", "knew it was time to
                # surrender": a subject inherited from another clause that is a thing does no act; whoever
                # governs that clause does
                sources = climbed
                src_actors = [a for t in sources for a in context.actors_for(t)]
            if trig.civil_code and code == trig.code and src_actors and \
                    all(a.role in _UNARMED_ROLES for a in src_actors):
                code, cameo = trig.civil_code, self.ontology[trig.civil_code]  # "the seamen's strike" is no air strike
                trig.rule = f"{trig.rule.rsplit('->', 1)[0]}->{code} (unarmed source)"
            if code[:2] in _FORCE_ROOTS and trig.token.pos_ in ("VERB", "AUX") and sources and all(
                    self._unarmed_event(t, src_actors) for t in sources):
                continue  # "the seamen's strike, which has badly hit the port", "sanctions hurt Iraq": no force used
            # "The proposal, strongly backed by Britain": the Commission's, named a sentence before
            tgt_actors = [a for t in trig.targets for a in (_earlier_owners(t, context) or context.actors_for(t))]
            if not tgt_actors and trig.fallback:
                tgt_actors = [a for t in trig.fallback for a in context.actors_for(t)]
            if not tgt_actors and trig.owners:
                tgt_actors = [a for t in trig.owners for a in context.actors_for(t)]
            if not tgt_actors and code[:2] in _RESPONSE_ROOTS:
                # "China protested after Japan deployed troops", "protests erupted after Japan's prime minister visited
                # the shrine": a reaction aimed at no one named is aimed at whoever did what it reacts to
                tgt_actors = [a for t in _reacted_to(trig.token) for a in context.actors_for(t)
                              if all(a.code != s.code for s in src_actors)]
            if not tgt_actors:  # "the United States rejected the plan": Iran's, named a sentence before
                tgt_actors = next((found for i in trig.consumed
                                   if (found := _earlier_owners(trig.token.doc[i], context))), [])
            if not tgt_actors and code[:2] in _FORCE_ROOTS:
                # "bombed targets in Iraq's rebel-held city of Falluja": force used on things is used on the
                # country where they are
                tgt_actors = context.place_actors(trig.targets)
                if not tgt_actors and code[:2] != "17" and not (trig.symmetric and len(src_actors) >= 2):
                    # "Israeli warplanes bombed targets in Gaza", "carried out ethnic cleansing in Kosovo": with no
                    # one named, violence is done to the country where it happens
                    where = _act_country(trig.token, context) or (
                        _act_country(gov, context) if (gov := _governing_verb(trig.token)) is not None else None)
                    if where:
                        tgt_actors = [Actor(where, where, where, None, "country",
                                            f"no target named: the country where the {trig.token.text} happened",
                                            None)]
            elif not tgt_actors and code[:2] in _JUDGED_ROOTS and code not in _SILENCE_CODES:
                # "condemned the killings in Darfur", "criticised the elections in Belarus", "investigate abuses in
                # Sudan": a judgement of a thing done in another country is aimed at that country
                places = [o for t in trig.targets if t.pos_ == "NOUN" and not t.ent_type_ for c in t.children
                          if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS for o in c.children if o.dep_ == "pobj"]
                tgt_actors = [a for a in context.place_actors(places, things=False)
                              if all(a.country != s.country for s in src_actors)]
            if not sources and code[:2] == "14" and trig.token.pos_ in ("NOUN", "PROPN") and \
                    not _is_definite_event(trig.token) and (where := _act_country(trig.token, context) or next(
                        (a.country for a in tgt_actors if a.country), None) or context.main_country):
                # "recent protests against a new austerity program": with no protester named, a protest, strike
                # or riot is the population's, of where it happens (or whose government it targets)
                src_actors = [Actor(where + "CVL", f"(the population of {where})", where, "CVL", "implicit",
                                    f"no protester named: the population of {where}", None)]
            if not src_actors and tgt_actors and code[:2] in ("18", "20"):
                # "an Australian engineer was abducted in Yemen", "killed in an Israeli airstrike": no doer named
                src_actors = self._unnamed_perpetrators(trig.token, context)
            if not tgt_actors and len(src_actors) >= 2 and any(_is_reciprocal(t) for t in trig.targets):
                tgt_actors = list(src_actors)  # "both sides accused each other"
            # "balked at Washington's demand": a market word someone owns is that actor's act, not the market
            if self._is_non_event(sources) or self._is_non_event([t for t in trig.targets if not _owner_modifiers(t)]) \
                    or _has_score(trig) \
                    or _is_background(trig):
                continue
            pairs = self._pairs(src_actors, tgt_actors, trig)
            if not sources and not trig.targets and (_is_definite_event(trig.token) or (
                    _is_bare_subject(trig.token) and not pairs)):
                # "the talks", "the attack", "the arrest" with no one named: the same kind of event the article
                # coded last (a few sentences back) names its actors; so does a bare event noun that is what its
                # clause is about ("talks will begin", "fighting resumed"): it continues the one named before
                pairs = context.earlier_pairs(code[:2])
                if trig.symmetric:
                    pairs += [(t, s) for s, t in pairs if t is not None and (t, s) not in pairs]
            elif not sources and trig.refers_to:
                pairs = context.earlier_pairs(trig.refers_to)
            if not tgt_actors and code[:3] == "175" and trig.targets and not trig.no_target and not any(
                    t.lemma_.lower() in _DISSENT or any(q.code[:2] == "14" for q in self.lexicon.nouns(t.lemma_.lower()))
                    for t in trig.targets):
                continue  # "a crackdown on bad debts, on corruption": aimed at an act or a thing, not at people (on
                # protests, dissent or unrest it is aimed at the protesters)
            if not tgt_actors and (code[:2] in _IMPLICIT_TARGET_ROOTS or trig.rule.startswith("clause:")) \
                    and not trig.symmetric:
                # "warned that small firms could be crippled by the move", "went on strike for higher wages",
                # "demanded a security plan": a complaint, demand or protest with no one named is aimed at the
                # source's own government, as a human coder reads it (gold rules: such codes take a target)
                where = _act_country(trig.token, context)
                # (an IGO or NGO has no country of its own: it acts abroad wherever it acts, "the EU criticised the
                # elections in Belarus")
                # (a strike "against" a law or plan is political: aimed at the government, not the employers)
                against = any(c.dep_ == "prep" and c.lower_ == "against" for c in trig.token.subtree)
                pairs = [(s, t) if t is not None else (s, _implicit_target(s, code, where, against))
                         if s.country or where else (s, None)
                         for s, t in (pairs or [(s, None) for s in src_actors])]
                pairs = [(s, t) for s, t in pairs if t is not None or trig.no_target]
            if not tgt_actors and not pairs and code[:2] == "03" and not trig.symmetric and \
                    trig.token.lemma_.lower() in _PUBLIC_PLEDGES:
                # "the government promised there will be no price rises", "his pledge on tax cuts": a pledge made
                # to no one named by a government, party or parliament is made to the country's public
                pairs = [(s, Actor(s.country + "CVL", f"(the population of {s.country})", s.country, "CVL",
                                   "implicit", f"no one named: a pledge by {s.code} is made to its public", None))
                         for s in src_actors if s.country and s.role in _PLEDGING_ROLES]
            location = _location(trig.token)
            verb = Span(trig.token.idx, trig.token.idx + len(trig.token.text), trig.token.text)
            coded = [(src, tgt, code) for src, tgt in pairs]
            if code == "190":  # "striking workers clashed with police": a violent protest met by violent repression
                coded = [x for src, tgt, c in coded for x in _street_clash(src, tgt) or [(src, tgt, c)]]
            for src, tgt, ecode in coded:
                key = (src.code, tgt.code if tgt else "", ecode)  # one event per dyad and code in a sentence
                if key in seen:
                    continue
                seen.add(key)
                ecameo = self.ontology[ecode]
                context.remember_pair(ecode[:2], src, tgt)
                if trig.code[:2] != ecode[:2]:  # "said talks will resume" (036): "the talks" later are those talks
                    context.remember_pair(trig.code[:2], src, tgt)
                out.append(Event(
                    article_id=article_id, sentence_index=index, sentence=text,
                    sentence_start=start, sentence_end=start + len(text),
                    source=src, target=tgt, verb=verb, code=ecode, root_code=ecameo.root,
                    plover=ecameo.plover, quad_class=ecameo.quad_class, goldstein=ecameo.goldstein,
                    mode=mode, date=sentence_date, location=location,
                    rule=trig.rule if ecode == code else f"{trig.rule} (police and civilians: {ecode})",
                ))
        return out

    def _quote_triggers(self, sent, triggers: list) -> list[_Trigger]:
        """A quotation whose words are plainly evaluative and code no event of their own is the speaker's
        statement of that judgement ('"It's a worrying step," said the Liberal Democrat spokesman': 111; '"I expect
        strong job creation," Brock told reporters': 013; praise of an actor the quotation names: 051). The
        quotations and their speakers are the knowledge stage's (`knowledge/quotes.py`); how evaluative the words
        are is VADER's compound score (`knowledge/tone.py`), beyond +-`_QUOTE_TONE`."""
        text = sent.text
        if '"' not in text and "\u201c" not in text:
            return []
        doc = sent.doc
        if self._quotes_of is None or self._quotes_of[0] is not doc:
            from ..knowledge.quotes import QuoteFinder
            from ..knowledge.tone import ToneScorer
            if self._quote_tools is None:
                self._quote_tools = (QuoteFinder(), ToneScorer())
            self._quotes_of = (doc, self._quote_tools[0](doc))
        out = []
        for q in self._quotes_of[1]:
            if q.speaker is None or not q.verb:
                continue
            speaker = doc.char_span(q.speaker.start, q.speaker.end, alignment_mode="expand")
            if speaker is None or not (sent.start <= speaker.root.i < sent.end):
                continue
            qs, qe = q.quote.start, q.quote.end
            if any(qs <= t.token.idx < qe and t.code != "010" for t in triggers):
                continue  # the quotation's own words code an event: that is the news (not a plain "we have to say")
            verb = speaker.root.head if speaker.root.head.pos_ in ("VERB", "AUX") else speaker.root
            compound = self._quote_tools[1].scores(q.quote.text)["compound"]
            # the actor the words judge is the one they are about: the subject of the quoted clause ("China has been a
            # wonderful partner"), or its owner ("China's policy is a disgrace"); a market or place merely mentioned
            # ("growth in the Indian telecoms market") is not judged
            named = [e.root for e in doc.ents if qs <= e.start_char and e.end_char <= qe
                     and e.label_ in ("GPE", "NORP", "ORG", "PERSON") and (e.root.dep_ in ("nsubj", "nsubjpass") or (
                         e.root.dep_ == "poss" and e.root.head.dep_ in ("nsubj", "nsubjpass")))]
            # '"...," the French government said *of the American tariffs*': what the words are said of
            about = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
                     for o in c.children if o.dep_ == "pobj"]
            if compound <= -_QUOTE_TONE:
                code = "111"
            elif compound >= _QUOTE_TONE:
                code = "051" if named else "013"
            else:
                continue
            trig = _Trigger(verb, code, f"quote:tone {compound:+.2f}->{code}", [speaker.root], about + named,
                            no_target=code == "013")
            trig.owners = tuple(m for t in about for m in _owner_modifiers(t))  # "the American tariffs": the US's
            out.append(trig)
        return out

    def _unnamed_perpetrators(self, tok, context) -> list[Actor]:
        """Who did an assault (18) or mass violence (20) that names its victims but not its doer: the owner of the
        attack it was done in ("killed in an *Israeli* airstrike"), else, when the place is clear, that place's
        country, as the gold rules code unknown perpetrators ("kidnapped in Beirut" -> LBN); not a disaster or
        accident ("killed in a bus accident"), which is no event at all."""
        if any(t.lemma_.lower() in _disaster_heads() for t in tok.sent):
            return []
        holders = [tok] + ([tok.head] if tok.head.i != tok.i else [])
        for h in holders:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "by"):
                    for o in c.children:
                        if o.dep_ == "pobj" and any(q.code[:2] in _FORCE_ROOTS
                                                    for q in self.lexicon.nouns(o.lemma_.lower())):
                            owners = [a for m in _owner_modifiers(o) for a in context.actors_for(m)]
                            if owners:
                                return owners
        where = _act_country(tok, context, scene_only=True) or (
            _act_country(gov, context, scene_only=True) if (gov := _governing_verb(tok)) is not None else None)
        if not where:
            return []
        return [Actor(where, where, where, None, "country",
                      f"no perpetrator named: the country where the {tok.text} happened", None)]

    def _pairs(self, sources: list[Actor], targets: list[Actor], trig: _Trigger) -> list[tuple]:
        if trig.symmetric and not targets and len(sources) >= 2:
            return [(a, b) for a, b in itertools.permutations(sources, 2) if a.code != b.code or a.name != b.name]
        if not sources:
            return []
        if not targets:
            return [(s, None) for s in sources] if trig.no_target else []
        pairs = [(s, t) for s in sources for t in targets if not (s.code == t.code and s.name == t.name)]
        if trig.symmetric and trig.intent_source is None:  # "agreed to cooperate with Iran": Iran stated nothing
            pairs += [(t, s) for s, t in pairs]
        return pairs

    def _unarmed_event(self, tok, actors: list) -> bool:
        """Whether `tok` names an event that uses no force: a strike, boycott, sanction or protest (not a riot),
        or a noun whose unarmed sense its unarmed actors take ("the seamen's strike")."""
        if tok.pos_ != "NOUN" or (nt := self._noun_trigger(tok)) is None:
            return False
        if nt.code[:2] not in _FORCE_ROOTS and nt.code[:3] != "145":
            return True
        return bool(nt.civil_code) and bool(actors) and all(a.role in _UNARMED_ROLES for a in actors)

    def _is_non_event(self, heads: list) -> bool:
        return any(t.lemma_.lower() in self.non_event_heads and not t.ent_type_ and not _is_pair(t) for t in heads)

    def _threat_code(self, code: str) -> str:
        for key in (code, code[:3], code[:2], "13"):
            if key in self.threat_of and self.threat_of[key] in self.ontology:
                return self.threat_of[key]
        return "130"

    def _reacts_to(self, verb, noun=None, code: str = "") -> bool:
        """A verb that judges, rejects, investigates or punishes what it is about ("Japan condemned the attack",
        "Iran rejected the offer", "police cracked down on the protests", "used tear gas to break up a
        demonstration"; an entry naming the noun counts when it codes another kind of act: "announced tariffs" is
        the tariffs): its subject did not do that act."""
        about = _object_lemma(noun) if noun is not None else None
        return any(q.code[:2] in _REACTION_ROOTS and (not q.objects or (about in q.objects and q.code[:2] != code[:2]))
                   and
                   (not q.particle or any(c.lower_ == q.particle for c in verb.children))
                   for q in self.lexicon.verbs(verb.lemma_.lower()))

    def _refusal_code(self, code: str) -> str | None:
        for key in (code, code[:3], code[:2]):
            if key in self.refusal_of and self.refusal_of[key] in self.ontology:
                return self.refusal_of[key]
        return None

    def _intent_code(self, code: str) -> str:
        for key in (code, code[:3], code[:2]):
            if key in self.intent_of and self.intent_of[key] in self.ontology:
                return self.intent_of[key]
        return code

    # ------------------------------------------------------------------ triggers
    def _verb_trigger(self, verb) -> _Trigger | None:
        patterns = self.lexicon.verbs(verb.lemma_.lower())
        if not patterns:
            return None
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _is_reduced_passive(verb)
        objects = _objects(verb, passive)
        if not passive and not objects and verb.lemma_.lower() in _FAILING_VERBS:
            # "talks broke off last autumn", "the negotiations collapsed": the event is the subject, done as in
            # "the talks were broken off", by those who held it
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
            if subjects and any(_object_lemma(subjects[0]) in p.objects for p in patterns):
                passive, objects = True, subjects
        object_lemmas = {_object_lemma(o) for o in objects}
        clauses = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        best, best_score = None, None
        for p in patterns:
            if p.particle and not _has_particle(verb, objects, p.particle):
                continue
            if p.manner and not any(c.dep_ == "advmod" and c.lemma_.lower() in p.manner for c in verb.children):
                continue  # "reacted *angrily* to", "responded *warmly* to": a neutral verb the adverb judges
            if p.objects:
                # "call for a ceasefire": the listed noun may follow the particle instead of being the object
                found = object_lemmas | ({_object_lemma(o) for o in _prep_objects(verb, objects, (p.particle,))}
                                         if p.particle else set())
                if p.code in _SILENCE_CODES:  # "refused to say"
                    found |= {c.lemma_.lower() for c in clauses}
                if not found.intersection(p.objects):
                    continue
            score = (2 if p.objects else 0) + (2 if p.particle else 0) + (2 if p.manner else 0)
            if p.prep:  # a pattern naming a preposition fits best when it is there, worst when it is not
                score += 1 if _prep_objects(verb, objects, (p.prep,)) else -0.5
            if best_score is None or score > best_score:
                best, best_score = p, score
        if best is None:
            return None
        if best.code[:2] == "15" and not best.objects and not passive and objects and not any(
                o.pos_ == "PRON" or _object_lemma(o) in _ARMED_THINGS for o in objects):
            return None  # "reinforce its equity capital", "mobilise larger resources", "deployed considerable efforts"
        if best.code == "112" and verb.lemma_.lower() == "charge" and not any(c.dep_ == "ccomp" for c in verb.children) \
                and (passive or verb.dep_ in ("relcl", "acl") or any(
                    c.dep_ in ("dobj", "dative") and c.pos_ != "PROPN" for c in verb.children)):
            return None  # "the price it charges customers", "could charge a fee": a price; "charged that ..." accuses
        if best.code == "030" and verb.lemma_.lower() == "agree" and any(
                c.dep_ == "ccomp" and not _own_commitment(c) for c in verb.children):
            # "both sides agreed (that) there was little point in talks": agreeing on a view is accord (019), not an
            # intent to do something ("MIM agreed it will not buy shares" is)
            best = next((p for p in patterns if p.code == "019"), best)
        if best.code[:2] == "12" and verb.lemma_.lower() == "deny" and any(c.dep_ == "ccomp" for c in verb.children):
            # "denied (that) he was responding to the protests": a denial (016), not a refusal of a request
            best = next((p for p in patterns if p.code == "016"), best)
        sources, targets = self._verb_roles(verb, best, passive, objects)
        order = _ordering_verb(verb)
        if order is not None and (passive or _is_small_clause(verb)) and best.code[:2] in _ORDERED_ROOTS:
            # "the judge ordered Warner jailed", "ordered the two men deported": the one who orders it does it (the
            # order carried out is the event, not a demand, 10x, besides)
            patients = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or (
                [verb.head] if verb.dep_ == "acl" else [c for c in order.children if c.dep_ == "dobj"])
            sources, targets = _with_conjuncts(_subjects(order)), _with_conjuncts(patients)
        else:
            order = None
        joint = len(sources) >= 2 and _is_joint(verb, best, objects, len(sources))  # ("Indian and Pakistani
        # troops" is one phrase: the pairs of its actors are made later)
        if not targets and not best.no_target and not joint and not (best.code[:2] in ("10", "13") and
                _condition_subjects([verb, *clauses])):  # "warned of a military response *if Kosovo* ...": (below)
            # among equally fitting entries, one that needs no target codes a sentence that has none
            alt = next((p for p in patterns if p.no_target and p.code[:2] != best.code[:2]
                        and (not p.particle or _has_particle(verb, objects, p.particle)) and not p.objects), None)
            if alt is not None:
                best = alt
        # Mutual codes go both ways, but an offer or intent aimed at someone is one-sided ("offered talks to
        # China": China offered nothing); "A and B agreed (to) X" is a joint act of A and B with each other.
        lemma = verb.lemma_.lower()
        symmetric = lemma not in _DIRECTED_DEALS and (
            (is_mutual(best.code) and not (best.code[:2] == "03" and targets)) or
            (not targets and _is_joint(verb, best, objects, len(sources))))
        trig = _Trigger(verb, best.code, best.rule, sources, targets, best.no_target, symmetric=symmetric)
        if order is not None and sources:
            trig.governor = order
        # an object that is a thing, not an actor, may name the actor it is aimed at: "considered a complaint
        # *against* Japan", "criticised the tariffs *on* Japanese imports"
        trig.fallback = tuple(o for t in targets if t.pos_ == "NOUN" and not t.ent_type_ for c in t.children
                              if c.dep_ == "prep" and c.lower_ in _OBJECT_TARGET_PREPS
                              for o in c.children if o.dep_ == "pobj")
        # "praised the efforts made *by the armed forces*": whoever made the thing the act is about
        trig.fallback += tuple(o for t in targets if t.pos_ == "NOUN" and not t.ent_type_ for c in t.children
                               if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children if a.dep_ == "agent"
                               for o in a.children if o.dep_ == "pobj")
        # "backed *Mr Brown's* plan", "denounced *EC* oilseed policies", "supported all actions *by the European
        # Commission*": the thing acted on belongs to, or was done by, the one the act is aimed at
        things = [t for t in targets if t.pos_ == "NOUN" and not t.ent_type_]
        trig.owners = tuple(m for t in things for m in _owner_modifiers(t)) + tuple(
            o for t in things for c in t.children if c.dep_ == "prep" and c.lower_ == "by"
            for o in c.children if o.dep_ == "pobj")
        if best.code[:2] in ("02", "10", "11") and verb.lemma_.lower() not in _WARNING_LEMMAS:
            # "complained that Japanese chipmakers continue to dump", "charged that the Justice Department
            # mishandled ...", "demanded that Israel withdraw": the one the complaint, charge or demand is
            # about is the subject of the clause
            trig.fallback += tuple(s for c in verb.children if c.dep_ == "ccomp" and
                                   not any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
                                   for s in c.children if s.dep_ == "nsubj" and s.pos_ != "PRON")
        if best.objects:
            trig.consumed = tuple(o.i for o in objects if _object_lemma(o) in best.objects)
            if best.particle:
                # "threatened Turkey with *sanctions*": the threatened sanctions are no event; "agreed to a
                # *ceasefire*" is agree_to[ceasefire] (0871: a truce agreed is declared), not an intent
                trig.consumed += tuple(o.i for o in _prep_objects(verb, objects, (best.particle,))
                                       if _object_lemma(o) in best.objects)
            if best.code in _SILENCE_CODES:
                trig.consumed += tuple(c.i for c in clauses if c.lemma_.lower() in best.objects)
        governor = verb.head if verb.dep_ == "xcomp" else None
        glemma = governor.lemma_.lower() if governor is not None else ""
        intent_noun = verb.head if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and \
            verb.head.lemma_.lower() in _intent_nouns() and verb.head.dep_ == "dobj" else None
        if intent_noun is not None and trig.intent_source is None and self._intent_code(best.code) != best.code:
            # "expressed/signalled/indicated their willingness to negotiate": the intent (03x) of the to-clause's
            # act, stated by the subject of the verb that names the willingness, which is no second event
            trig.intent_source = _intent_sources(intent_noun.head)
            trig.governor = intent_noun.head
        elif glemma in _DEAL_GOVERNORS and best.code.startswith("061"):
            trig.governor = governor  # "agreed to acquire MGM": the deal is made, the agreement is not a second event
        elif glemma in self.threat_governors and not best.code.startswith("13"):
            trig.intent_source = _intent_sources(governor)  # "threatened to kill a hostage": 13x
            trig.governor, trig.threat = governor, True
        elif glemma in self.refusal_governors and self._refusal_code(best.code):
            trig.intent_source = _intent_sources(governor)  # "refused to meet the rebels": 125
            trig.governor, trig.refusal = governor, True
        elif glemma in self.intent_governors:
            trig.intent_source = _intent_sources(governor)  # "pledged to send aid": 033
            trig.governor = governor
        elif sources and self._intent_code(best.code) != best.code and verb.dep_ == "ccomp" and \
                verb.head.lemma_.lower() in self.advice_reporters and \
                any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in verb.children):
            # "the EU said it will deliver 3m euros of aid", "Tokyo said it would lift the sanctions": a cooperative
            # act someone says they will do is a statement of intent (03x), made by the clause's own subject
            trig.intent_source = tuple(sources)
            if verb.head.lemma_.lower() not in _BELIEF_VERBS and not all(
                    d.pos_ == "PRON" for d in sources):  # (unless the sayer is another: below)
                trig.sayers = tuple(_subjects(verb.head))
        if best.code[:2] in ("10", "13") or trig.threat:
            # "threatened to make a complaint *if the EC* does not remedy the situation": a threat or demand is
            # aimed at whoever its condition is about
            holders = [verb, *clauses] + ([governor] if trig.threat else [])
            trig.fallback += tuple(_condition_subjects(holders))
        if passive and not sources and trig.intent_source is None and trig.consumed:
            # "talks were held in Geneva between Iran and Iraq", "the Iran-Iraq talks were called off", "a truce
            # was agreed between Israel and Hamas": an agentless passive names no one who acted, but the joint
            # event it is about names both parties, and they are the ones who held, called off or agreed it
            for o in objects:
                if o.i in trig.consumed and (nt := self._noun_trigger(o)) is not None and nt.symmetric and \
                        len(nt.sources) >= 1:
                    trig.sources, trig.symmetric = list(nt.sources), True
                    trig.targets = trig.targets or list(nt.targets)
                    break
            else:  # "the talks were called off": whoever held the talks the article reported last
                trig.refers_to = next((q.code[:2] for o in objects if o.i in trig.consumed and _is_definite_event(o)
                                       for q in self.lexicon.nouns(o.lemma_.lower())[:1]), "")
        return trig

    def _advice_trigger(self, verb) -> _Trigger | None:
        """A clause with should/ought/must under a verb of saying ("the report said the government should
        consider fines"): the sayer appeals to (020) or demands of (100) the clause's subject."""
        if verb.dep_ == "conj" and verb.head.dep_ in ("ccomp", "parataxis"):
            verb_clause = verb.head  # "warned that the deal raises issues and should be scrutinized"
        else:
            verb_clause = verb
        if verb_clause.dep_ not in ("ccomp", "parataxis") or \
                verb_clause.head.lemma_.lower() not in self.advice_reporters:
            return None
        modal = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in self.advice_modals), None)
        if modal is None or any(c.dep_ == "neg" for c in verb.children):
            return None
        code = self.advice_modals[modal]
        sources, node = [], verb_clause.head
        for _ in range(3):  # '"We believe these demands should be resisted," said David Frost': the outer sayer
            sources = [s for s in _subjects(node) if s.pos_ != "PRON" or s.lower_ not in ("we", "i", "you")]
            if sources or node.dep_ not in ("ccomp", "parataxis") or \
                    node.head.lemma_.lower() not in self.advice_reporters:
                break
            node = node.head
        targets = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] or \
            [c for c in verb_clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return _Trigger(verb, code, f"clause:{modal}->{code}", _with_conjuncts(sources), _with_conjuncts(targets),
                        no_target=False)

    def _adj_trigger(self, adj) -> _Trigger | None:
        """A predicate adjective of a copula ("I am optimistic", "he is worried about Pakistan"): the copula's
        subject is the source, the pattern's preposition (if present) the target."""
        cop = adj.head.head if adj.dep_ == "conj" else adj.head
        if cop is adj or cop.lemma_.lower() not in _COPULAS:
            return None
        patterns = [p for p in self.lexicon.verbs(adj.lower_) or self.lexicon.verbs(adj.lemma_.lower())
                    if not p.objects and not p.particle]
        if not patterns:
            return None
        p = patterns[0]
        targets = _prep_objects(adj, [], (p.prep,)) if p.prep else []
        return _Trigger(adj, p.code, p.rule, _with_conjuncts(_subjects(cop)), _with_conjuncts(targets),
                        p.no_target)

    def _verb_roles(self, verb, p: VerbPattern, passive: bool, objects: list) -> tuple[list, list]:
        if passive:
            sources = [pobj for c in verb.children if c.dep_ == "agent" for pobj in c.children if pobj.dep_ == "pobj"]
            if not sources and p.code[:3] in _SENDING_CODES:
                # "will be extradited from Austria to Turkey", "migrants deported to Libya from Italy": with no
                # agent, the country people are sent away from is the one sending them
                sources = _prep_objects(verb, [], ("from",))
        else:
            sources = _subjects(verb)
        prep_targets = _prep_objects(verb, objects, (p.prep,)) if p.prep else []
        if prep_targets:
            targets = prep_targets
        elif p.objects:
            # the listed thing may follow the particle ("warned *of retaliation against NATO*"); it is never the
            # target itself ("threatened Turkey *with sanctions*"), and neither is a time ("*on Monday*")
            things = objects + [o for o in (_prep_objects(verb, objects, (p.particle,)) if p.particle else [])
                                if _object_lemma(o) in p.objects and o not in objects]
            targets = [t for t in _prep_objects(verb, things, _DEFAULT_TARGET_PREPS)
                       if t.ent_type_ not in _TIME_LABELS and _object_lemma(t) not in p.objects]
            if not targets:  # "settled a Justice Department investigation", "expelled Iraq's diplomats"
                targets = [m for o in things if _object_lemma(o) in p.objects for m in _owner_modifiers(o)]
            if not targets:  # "agreed to the demands *of the United Nations*": whose they are
                targets = [x for o in things if _object_lemma(o) in p.objects for c in o.children
                           if c.dep_ == "prep" and c.lower_ in ("of", "by") for x in c.children
                           if x.dep_ == "pobj" and x.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")]
            if not targets:
                # "carried out an incursion *into northern Iraq*", "carried out killings *of civilians*": the event noun
                # a light verb takes names its target with the prepositions of its own noun entry
                targets = [x for o in things if _object_lemma(o) in p.objects for c in o.children
                           if c.dep_ == "prep" and any(c.lower_ in q.target_preps for q in self.lexicon.nouns(
                               o.lemma_.lower())) for x in c.children if x.dep_ == "pobj"]
            if not targets and p.particle:  # "threatened *Turkey* with sanctions", "warned *Iran* of sanctions"
                targets = [o for o in objects if _object_lemma(o) not in p.objects]
        else:
            # "discussed Iraq with Blair": what is discussed is the topic, not the one discussed with
            targets = [o for o in objects] if verb.lemma_.lower() not in _TOPIC_VERBS else []
            if p.code[:2] == "15":  # "deployed 2,000 troops to Mindanao": the forces moved are not the target
                targets = [o for o in targets if o.lemma_.lower() not in _MILITARY_ASSETS | _POLICE_WORDS]
            if not targets:
                targets = [c for c in verb.children if c.dep_ == "dative"]
            if not targets:
                targets = _prep_objects(verb, [], _DEFAULT_TARGET_PREPS)
        if not targets and p.code[:2] in ("03", "06", "07"):
            # "pledged $500 million *to rebuild Lebanon*": aid or cooperation is for whom its purpose names
            targets = [o for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.i > verb.i and
                       any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                       for o in c.children if o.dep_ == "dobj" and o.ent_type_ in ("GPE", "NORP", "ORG")]
        return _with_conjuncts(sources), _with_conjuncts(targets)

    def _noun_trigger(self, noun) -> _Trigger | None:
        patterns = self.lexicon.nouns(noun.lemma_.lower())
        if not patterns or noun.dep_ == "compound" or (noun.dep_ == "conj" and noun.head.dep_ in ("amod", "compound")
                                                        and noun.head.head.pos_ in ("NOUN", "PROPN")):
            return None  # a modifier: "technical and financial *cooperation* treaties" are treaties
        if noun.ent_type_ in ("DATE", "TIME"):
            return None  # "a letter dated *March* 12": a month, no march
        preps = {c.lower_: c for c in noun.children if c.dep_ == "prep"}
        # "a series of air strikes *on Gaza*", "a new round of talks *with Iran*": what the quantity's phrase takes
        # is the event's
        place = noun.head.head if _quantified(noun) else noun
        if place is not noun:
            for c in place.children:
                if c.dep_ == "prep" and c.i > noun.i:
                    preps.setdefault(c.lower_, c)
        if any(q.code[:2] in _OBJECTING_ROOTS for q in patterns):
            # "objections to the tribunal *from the United States*": the parser hangs the source on the object
            for c in noun.children:
                for o in c.children:
                    if c.dep_ == "prep" and o.dep_ == "pobj":
                        for q in o.children:
                            if q.dep_ == "prep" and q.lower_ in ("from", "by") and q.i > o.i:
                                preps.setdefault(q.lower_, q)
        if place.dep_ == "nsubjpass":  # "a truce was agreed *between Israel and Hamas*": the parser hangs it on the verb
            for c in place.head.children:
                if c.dep_ == "prep" and c.lower_ in _JOINING_PREPS:
                    preps.setdefault(c.lower_, c)
        elif place.dep_ == "dobj":  # "extended a loan of $1 billion *to Indonesia*", "drew criticism *from Australia*"
            for c in place.head.children:
                if c.dep_ in ("prep", "dative") and c.i > noun.i and \
                        (c.lower_ in _OBJECT_TARGET_PREPS or c.lower_ == "from") and \
                        not any(o.ent_type_ in _TIME_LABELS for o in c.children if o.dep_ == "pobj"):  # "on Monday"
                    preps.setdefault(c.lower_, c)
        # "calls for the mayor to apologise": the parser makes "for ... to" a clause of the noun; its subject is
        # the one called on, as in "calls for the mayor"
        asked = [x for c in noun.children if c.dep_ in ("advcl", "acl") and _for_clause(c)
                 for x in c.children if x.dep_ == "nsubj"]
        # entries with `objects` apply only when the noun is about one of them ("appeal for restraint",
        # "investigation into fraud", "a fraud investigation"), and then they win over the plain entries
        about = _noun_objects(noun)
        patterns = [q for q in patterns if not q.objects or about & set(q.objects)]
        if not patterns:
            return None
        patterns = [q for q in patterns if q.objects] or patterns
        if noun.lemma_.lower() in _STATUS_NOUNS and not (
                noun.head.lower_ in ("on", "of") and noun.dep_ == "pobj" and
                noun.head.head.pos_ in ("VERB", "AUX", "NOUN")
                and (noun.head.lower_ == "on" or noun.head.head.lemma_.lower() == "state")):
            return None  # "the army is on high alert", "a state of alert" is a state; "a terror alert" a notice
        if patterns[0].objects and "of" in preps:
            # "a war of words *between* Russia and Ukraine": the parser hangs the noun's attachments on what it
            # is of
            wanted = {x for q in patterns for x in q.objects}
            for o in preps["of"].children:
                if o.dep_ == "pobj" and _object_lemma(o) in wanted:
                    for c in o.children:
                        if c.dep_ == "prep":
                            preps.setdefault(c.lower_, c)
        # the first entry whose target (or symmetric) preposition is present; else the first entry
        p: NounPattern = next((q for q in patterns if any(n in preps for n in (*q.target_preps, *q.preps))
                               or (asked and "for" in q.target_preps)), patterns[0])
        pobjs = lambda names: [o for n in names if n in preps for o in preps[n].children if o.dep_ == "pobj"]
        if noun.lemma_.lower() in self.non_event_heads and not any(c.dep_ == "poss" for c in noun.children) and \
                not pobjs((*p.source_preps, *p.target_preps, *p.preps)):
            return None  # "weak demand", "block trades": a market word, unless someone's or aimed at someone
        sources = pobjs(p.source_preps)
        if not sources and "of" in preps:  # "the arrest of the opposition leader *by Egyptian police*": the parser
            # hangs "by" on what the act is of
            sources = [o for x in preps["of"].children if x.dep_ == "pobj" for c in x.children
                       if c.dep_ == "prep" and c.lower_ in p.source_preps for o in c.children if o.dep_ == "pobj"]
        if not sources:  # "a complaint *made by the Tower commission*", "the sanctions imposed by the UN"
            sources = [o for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children
                       if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        targets = pobjs(p.target_preps)
        if asked and "for" in p.target_preps:
            targets += asked
        # "talks between A and B" joins both sides; "talks with B" names only the other side.
        between = pobjs([n for n in p.preps if n in _JOINING_PREPS])
        targets += pobjs([n for n in p.preps if n not in _JOINING_PREPS])
        if not sources:
            sources = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in _TIME_LABELS]
        paired = False
        if not sources:
            sources = [c for c in noun.children
                       if c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")]
            # "Iran-Iraq talks", "Greek-Turkish talks": two countries joined by a hyphen, the first hanging off
            # the second (the parser often tags only one of them as a name)
            for c in noun.children:
                x = _hyphen_partner(c)
                if x is not None and self.actors.country_of(x.text) and self.actors.country_of(c.text):
                    sources = [t for t in sources if t not in (c, x)] + [x, c]
                    paired = True
        if not sources:  # "the U.S.-Japan talks" as one token, wherever the parser hangs it
            sources = [t for t in noun.subtree if t.i < noun.i and _is_hyphen_pair(t)][:1]
        # "the Israeli-Palestinian ceasefire", "the U.S.-Japan trade dispute": the two sides of a bilateral event (not
        # for force: "the Iran-Iraq war" is most often named as background)
        symmetric = paired and len(sources) == 2 and not targets and p.code[:2] not in _FORCE_ROOTS
        if between:
            sides = _with_conjuncts(between)
            if len(sides) == 1 and not sources and _is_pair(sides[0]):
                sources, symmetric = sides, True  # "talks between the two sides"
            elif len(sides) >= 2 and not sources:
                sources, symmetric = sides, True
            else:
                targets += between
        governor = _governing_verb(noun)
        inside_subject = governor is not None and (_in_subject_of(noun, governor) or (
            _is_circumstance(noun, governor) and not _is_purpose_meeting(noun, p.code)))
        if not sources and governor is not None:
            # "jailed five al Qaeda supporters *for the bombing* of a tanker", "arrested a man *in the kidnapping*
            # of a girl", "was charged *with the murder* of ...": the one punished or blamed did the act
            sources = _culprits(noun, governor)
        undergone = governor is not None and not inside_subject and governor.lemma_.lower() in _UNDERGOING and \
            noun.i > governor.i
        if undergone:  # "West German banks face selective strikes", "Iraq suffered attacks by Iran": done to them
            targets = targets or _subjects(governor)
        elif not sources and governor is not None and not inside_subject and \
                not self._reacts_to(governor, noun, p.code):
            sources = _subjects(governor)  # "Japan stresses cooperation with ...": the actor of the governing verb
        elif sources and not targets and not between and governor is not None and not inside_subject and \
                not is_mutual(p.code) and "from" in preps and any(o in sources for o in pobjs(["from"])):
            # "produced a missile with technological help *from China*", "faced criticism from X": what comes
            # from someone goes to the subject of the clause
            targets = _subjects(governor)
        elif sources and not targets and not between and governor is not None and not inside_subject and \
                not is_mutual(p.code) and noun.head.i != noun.i and governor.i in (noun.head.i, noun.head.head.i) and \
                any(q.code[:2] in (("08", "12") if p.code[:2] in _ANSWERED_ROOTS else
                                   ("11", "12", "14") if p.code[:2] == "16" else ()) and
                    (not q.particle or any(c.lower_ == q.particle for c in governor.children))
                    for q in self.lexicon.verbs(governor.lemma_.lower())):
            # "North Korea rejected Washington's demand", "Iran accepted the American offer": an appeal, offer,
            # demand, accusation or threat that someone accepts or rejects was addressed to that someone; so is a
            # sanction that someone denounces, rejects or protests ("Cuba denounced the American embargo")
            targets = _subjects(governor)
        trig = _Trigger(noun, p.code, p.rule, _with_conjuncts(sources), _with_conjuncts(targets),
                        no_target=p.code[:2] in _NO_TARGET_NOUN_ROOTS, symmetric=symmetric or (is_mutual(p.code) and not targets))
        if p.code[:2] in _FORCE_ROOTS and not any(n in preps for n in (*p.target_preps, *p.preps)):
            # "a strike by seamen": an air strike or a labour strike, told apart by who strikes (_code_sentence)
            trig.civil_code = next((q.code for q in patterns if q.code[:2] not in _FORCE_ROOTS), "")
        if p.objects:  # "the breakdown *of talks*": the talks are what broke down, not a second event
            trig.consumed = tuple(o.i for o in pobjs(["of"]) if _object_lemma(o) in p.objects)
        if p.code[:2] == "09" and sources:
            # "an investigation into fraud *by* a unit of Tenneco": whoever committed what is investigated (the
            # parser may hang "by" on the verb that governs the investigation)
            things = [t for t in targets if t.pos_ == "NOUN" and not t.ent_type_]
            bys = [c for t in things for c in t.children if c.dep_ == "prep" and c.lower_ == "by"]
            if things and noun.dep_ == "dobj" and not any(c.dep_ in ("nsubjpass", "auxpass") for c in noun.head.children):
                bys += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > noun.i]
            trig.fallback = tuple(o for c in bys for o in c.children if o.dep_ == "pobj")
        if governor is not None and not inside_subject and governor.lemma_.lower() in self.intent_governors:
            trig.intent_source = _intent_sources(governor)
            trig.governor = governor
        return trig

    # ------------------------------------------------------------------ mode
    def _mode(self, trigger) -> str:
        """The mode signalled nearest to the trigger: its own auxiliaries and modifiers first, then each
        governing word in turn ("Congress debating assistance" is hypothetical even inside "have not confirmed")."""
        node, link, depth = trigger, None, 0
        while depth < 8:
            found = self._mode_signals(node, trigger, link)
            for mode in _MODE_PRIORITY:
                if mode in found:
                    return mode
            if node.head is node or node.dep_ not in _CLAUSE_LINKS or node.dep_ == "relcl" or (
                    node.dep_ == "acl" and node.tag_ in ("VBN", "VBG")):
                # a relative clause has its own mode: "no comment on the attack, which followed his appeal"; so has
                # a participle that describes its noun ("denied permission to check on migrants *deported* to Libya")
                break
            link = node.dep_
            node, depth = node.head, depth + 1
        return "asserted"

    def _mode_signals(self, node, trigger, link) -> set[str]:
        m = self.modes
        found: set[str] = set()
        for c in node.children:
            lem = c.lemma_.lower()
            if c.dep_ == "neg" or (c.dep_ == "det" and lem == "no"):
                found.add("negated")
            elif c.dep_ == "aux" and c.tag_ == "MD":
                if lem in m.hypothetical_modals:
                    found.add("hypothetical")
                elif lem in m.planned_modals:
                    found.add("planned")
            elif c.dep_ == "mark" and lem in m.hypothetical_markers:
                found.add("hypothetical")
            elif c.dep_ in ("amod", "compound") and node.pos_ in ("NOUN", "PROPN"):
                if lem in m.hypothetical_modifiers:
                    found.add("hypothetical")
                elif lem in m.planned_modifiers:
                    found.add("planned")
                elif lem in m.negating_modifiers:
                    found.add("negated")
        if node is not trigger and node.pos_ in ("VERB", "AUX", "ADJ"):
            lem = node.lemma_.lower()
            if lem in m.negating_governors:
                # "wants to prevent it *by signing this deal*": the means of preventing something is done
                if link != "prep" or not any(c.dep_ == "prep" and c.lower_ in ("by", "through") and
                                             c.left_edge.i <= trigger.i <= c.right_edge.i for c in node.children):
                    found.add("negated")
            elif lem in m.hypothetical_governors:
                found.add("hypothetical")
            elif lem in m.planned_governors:
                found.add("planned")
            elif lem in m.reported_governors and link in ("ccomp", "conj", "advcl", "parataxis"):
                found.add("reported")
        if node.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBP", "VBZ") for c in node.children) \
                and any(c.ent_type_ == "DATE" for c in node.subtree):
            found.add("planned")  # "are meeting next week": the present progressive with a date is a plan
        return found


_LOCATIVE_WORDS = frozenset({"in", "near", "outside", "around", "inside", "across", "into"})
_BASED = frozenset({"base", "based", "headquarter", "headquartered"})  # "Osaka-based", "headquartered in Osaka"


class _ArticleContext:
    """Resolves actor phrases within one article, with a memory for later mentions and pronouns."""

    def __init__(self, actors: ActorResolver, memory: ArticleMemory, date: Date | None):
        self.actors, self.memory, self.date = actors, memory, date
        self.mentions: list[_Mention] = []  # actors named so far, in text order within each sentence
        self.sent_no = -1
        self.dateline_start = self.dateline_end = 0  # tokens of a dateline ("BAGHDAD (Reuters) -") name no actor
        self._cache: dict[int, list[Actor]] = {}
        self._place_countries: dict[str, str | None] = {}
        self.sentence_countries: list[str] = []
        self.main_country: str | None = None
        self._ents: list = []  # the document's entities, and where each starts (learn_article)
        self._ent_starts: list[int] = []
        self.history: list[str] = []  # countries named in earlier sentences, in order
        self._sentence_named: list[tuple[int, str]] = []  # (token index, country) in this sentence
        self._events: dict[str, list[tuple]] = {}  # root -> (sentence, source, target) of its latest events
        self._owners: dict[str, tuple] = {}  # "proposal" -> (sentence, owners) of the latest one with an owner
        self._short_names: dict[str, tuple] = {}  # "Stone" -> (actor, "Stone Container Co", sentence number)
        self._org_heads: list[tuple] = []  # (("Bank",), actor, "Bank of England", sentence): for "the Bank"
        self._unknown_subject: tuple | None = None  # (sentence, entity): an unknown person as a subject
        self._lead_description: tuple | None = None  # (sentence, actor, text): "The former chief financial officer
        # at US telecoms firm WorldCom has ...", a person the lead describes without naming
        self._authors: dict[str, list[Actor]] = {}  # "report" -> who issued the latest one with a named author

    def place_country(self, ent) -> str | None:
        """The country of a named place: a country, demonym or capital from the actor tables, else the
        gazetteer's reading of a city or region ("police in Vancouver" are Canadian police)."""
        text = ent.text.replace("\u2019", "'")
        if text in self._place_countries:
            return self._place_countries[text]
        country = self.actors.country_of(text)
        if country is None and ent.label_ in ("GPE", "LOC", "FAC"):
            place = _gazetteer().resolve(text)
            country = getattr(place, "country", None) or None
        self._place_countries[text] = country
        return country

    def remember_pair(self, root: str, src: Actor, tgt: Actor | None) -> None:
        pairs = self._events.setdefault(root, [])
        if pairs and pairs[0][0] != self.sent_no:
            pairs.clear()  # only the latest sentence with such an event counts
        pairs.append((self.sent_no, src, tgt))

    def earlier_pairs(self, root: str) -> list[tuple]:
        """The actors of the latest event with this root in an earlier sentence, up to three sentences back."""
        pairs = self._events.get(root) or []
        return [(s, t) for n, s, t in pairs if 0 < self.sent_no - n <= 3]

    def remember_owners(self, sent) -> None:
        """Whose plan, proposal or decision this sentence names ("a second Commission proposal", "Iran's plan")."""
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _OWNED_ACTS:
                continue
            # its owner, "its" plan, or who made, presented or submitted it
            owners = _owner_modifiers(tok) or [c for c in tok.children if c.dep_ == "poss"] or (
                _subjects(tok.head) if tok.dep_ == "dobj" else [])
            found = [a for o in owners for a in self.actors_for(o)]
            if found:
                self._owners[tok.lemma_.lower()] = (self.sent_no, found)

    def earlier_owners(self, lemma: str) -> list[Actor]:
        """The owner of the latest such thing named in an earlier sentence, up to three back ("the proposal")."""
        n, found = self._owners.get(lemma, (-9, []))
        return list(found) if 0 < self.sent_no - n <= 3 else []

    def place_actors(self, heads, things: bool = True) -> list[Actor]:
        """The country of the first place named inside the phrases of `heads` that are things, not actors (with
        `things=False`: inside any of the phrases, which are place phrases)."""
        for h in heads:
            if things and (h.ent_type_ or h.pos_ != "NOUN"):
                continue
            for t in h.subtree:
                if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B":
                    ent = _ent_at(t)
                    country = self.place_country(ent) if ent is not None else None
                    if country:
                        return [Actor(country, ent.text, country, None, "country",
                                      f"'{ent.text}': where the {h.text} acted on are", _span(ent[0], ent[-1]))]
        return []

    def learn_article(self, doc) -> None:
        """The country the article names most often: the fallback context for actors without one."""
        self._ents = list(doc.ents)  # `sent.ents` would rebuild every entity of the document for each sentence
        self._ent_starts = [e.start for e in self._ents]
        named = Counter(c for ent in self._ents if ent.label_ in ("GPE", "NORP")
                        for c in [self.place_country(ent)] if c)
        self.main_country = named.most_common(1)[0][0] if named else None
        self.memory.context_country = self.main_country  # a cue for surnames listed people share
        self.dateline_start, self.dateline_end = _dateline(doc)

    def _mistagged_places(self, ents) -> list[tuple[int, str]]:
        """"Fighting in Grozny" with Grozny tagged PERSON: a name the actor tables do not know, the object of a
        locative preposition, that the gazetteer knows as a place, is that place (its country is context)."""
        out = []
        for ent in ents:
            if ent.label_ not in ("PERSON", "ORG") or ent.root.dep_ != "pobj" or \
                    ent.root.head.lower_ not in _LOCATIVE_WORDS or not all(t.text[:1].isupper() for t in ent):
                continue
            text = ent.text.replace("\u2019", "'")
            if self.actors.resolve(text, date=self.date, memory=self.memory) is not None:
                continue
            place = _gazetteer().resolve(text)
            if getattr(place, "country", None):
                out.append((ent.start, place.country))
        return out

    def _in_dateline(self, i: int) -> bool:
        return self.dateline_start <= i < self.dateline_end

    def _ents_of(self, sent) -> list:
        """The entities inside `sent`, as `sent.ents` gives them."""
        lo = bisect.bisect_left(self._ent_starts, sent.start)
        hi = bisect.bisect_left(self._ent_starts, sent.end)
        return [e for e in self._ents[lo:hi] if e.end <= sent.end]

    def learn_sentence(self, sent) -> None:
        """Resolve the sentence's person/org mentions in order, so titles introduce names for later, and
        note the countries the sentence names (the context for "police", "rebels" without a country)."""
        self.history.extend(c for _, c in self._sentence_named)
        del self.history[:-20]
        ents = self._ents_of(sent)
        self._sentence_named = [(ent.start, c) for ent in ents if ent.label_ in ("GPE", "NORP", "LOC", "FAC")
                                for c in [self.place_country(ent)] if c] + self._mistagged_places(ents)
        self._sentence_named.sort()
        self.sentence_countries = [c for _, c in self._sentence_named]
        self.sent_no += 1
        unknown = None  # a person this sentence names as its subject without saying who they are
        for ent in ents:
            if ent.label_ in ("PERSON", "ORG"):
                found = self._resolve(ent.root)
                if ent.label_ == "PERSON":
                    if not found and ((found := self._learn_post(ent)) or (found := self._named_after_lead(ent)) or
                                      (found := self._fronted_description(ent))):
                        self._cache[ent.root.i] = found  # this sentence's mention is that person too
                        self.mentions.append(_Mention(self.sent_no, ent.root.i, ent.root.dep_ in _SUBJ_DEPS, ent.root,
                                                      found, "person"))
                    self._learn_introduction(ent, found)
                    if not found and unknown is None and ent.root.dep_ in _SUBJ_DEPS and \
                            not self._in_dateline(ent.root.i):
                        unknown = ent
                else:
                    self._learn_short_name(ent, found)
                    self._learn_organisation(ent, found)
        for tok in sent:  # every actor phrase, in order, so that later pronouns and descriptions find it
            if tok.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ in _MENTION_DEPS:
                self._resolve(tok)
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in _AUTHORED_TEXTS:
                self._learn_author(tok)
        self._learn_described_subject(sent, ents)
        self._unknown_subject = (self.sent_no, unknown) if unknown is not None else None
        self._learn_lead_description(sent)

    def _learn_lead_description(self, sent) -> None:
        """Wire leads describe before they name: "The former chief financial officer at US telecoms firm WorldCom
        has finished giving evidence ... Scott Sullivan admitted ...". The subject of an opening sentence that is a
        description of one person ("the/a" + a person noun, resolved to a role) waits for the next sentence."""
        self._lead_description = None
        if self.sent_no > 2:
            return
        subj = next((t for t in sent if t.dep_ in _SUBJ_DEPS), None)
        if subj is not None and subj.lower_ == "one":  # "One of Japan's best-known businessmen was arrested"
            subj = next((o for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                         if o.dep_ == "pobj" and o.tag_ == "NNS"), None)
            if subj is None or subj.lemma_.lower() not in _DESCRIBED_PEOPLE:
                return
            toks, found = [subj], self._resolve(subj)
        elif subj is None or subj.pos_ != "NOUN" or subj.tag_ != "NN" or \
                subj.lemma_.lower() not in _DESCRIBED_PEOPLE:
            return
        else:
            toks = _phrase_tokens(subj)
            found = self._cache.get(subj.i) or []
            if toks[0].lower_ not in ("the", "a", "an"):
                return
        if len(found) != 1 or not found[0].role or \
                found[0].kind not in ("role", "person", "country") or found[0].reason.startswith(("pronoun", "remembered", "'")):
            return
        self._lead_description = (self.sent_no, found[0], " ".join(_text_of(toks).split()))

    def _fronted_description(self, ent) -> list[Actor]:
        """"Formerly one of Mr Brown's closest Treasury aides, Ed Balls hinted ...", "Once the boss of Kerrow Steel,
        Tom Kerr ...": a description of a person set before an unknown name with a comma (the parser makes both
        subjects of the verb) is what the name is."""
        root = ent.root
        if root.dep_ not in _SUBJ_DEPS or ent.start == 0 or ent.doc[ent.start - 1].text != ",":
            return []
        for c in root.head.children:
            if c.dep_ not in _SUBJ_DEPS or c.i >= ent.start:
                continue
            desc = c
            if c.lower_ == "one":  # "one of X's closest aides"
                desc = next((o for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                             if o.dep_ == "pobj"), None)
            if desc is None or desc.pos_ != "NOUN" or desc.lemma_.lower() not in _FRONTED_PEOPLE:
                continue
            found = self._resolve(desc)
            if len(found) == 1 and found[0].role and found[0].kind in ("role", "person", "country") and \
                    not found[0].reason.startswith(("pronoun", "'")):
                a = found[0]
                text = " ".join(_text_of(_phrase_tokens(desc)).split())
                return [Actor(a.code, ent.text, a.country, a.role, "person",
                              f"described before the name as '{text}': {a.reason}", _span(ent[0], ent[-1]))]
        return []

    def _named_after_lead(self, ent) -> list[Actor]:
        """"Scott Sullivan admitted ...": an unknown person who opens the sentence after a lead that described
        someone without naming them is that someone."""
        lead = self._lead_description
        if lead is None or lead[0] != self.sent_no - 1 or ent.root.dep_ not in _SUBJ_DEPS or \
                any(t.ent_type_ == "PERSON" for t in ent.sent if t.i < ent.start) or \
                not all(t.text[:1].isupper() for t in ent if t.is_alpha):
            return []
        a = lead[1]
        return [Actor(a.code, ent.text, a.country, a.role, "person",
                      f"named after the sentence before described '{lead[2]}': {a.reason}", _span(ent[0], ent[-1]))]

    def _learn_described_subject(self, sent, ents) -> None:
        """"Malcolm Glazer has made a fresh approach to buy Manchester United. The US tycoon, who ...": a person
        named as the subject of one sentence, unknown to the tables, and described as the subject of the next
        ("the US tycoon", "the Labour MP") is what the description says; a later "Mr Glazer" is that actor."""
        prev = self._unknown_subject
        if prev is None or prev[0] != self.sent_no - 1:
            return
        for tok in sent:
            if tok.ent_type_ == "PERSON" or (tok.pos_ == "PRON" and tok.dep_ in _SUBJ_DEPS):
                return  # someone else comes first
            if tok.dep_ not in _SUBJ_DEPS:
                continue
            toks = _phrase_tokens(tok)
            if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in _DESCRIBED_PEOPLE or \
                    toks[0].lower_ != "the":
                return
            found = self._cache.get(tok.i) or []
            if len(found) != 1 or not found[0].country or not found[0].role or found[0].kind == "person":
                return
            ent, actor = prev[1], found[0]
            words = [t for t in ent if t.is_alpha and t.lower_.rstrip(".") not in _HONORIFIC_WORDS]
            if not words or not all(t.text[:1].isupper() for t in words):
                return
            name = tokenize(" ".join(t.text for t in words))
            if self.memory.lookup(tuple(t.norm for t in name)) is not None or self.actors.country_of(name[-1].orig):
                return
            where = f"described in sentence {self.sent_no + 1} as '{' '.join(_text_of(toks).split())}'"
            self.memory.remember(name, Actor(actor.code, ent.text, actor.country, actor.role, "person",
                                             f"{where}: {actor.reason}"))
            return

    def _learn_short_name(self, ent, found: list[Actor]) -> None:
        """A company named in full ("Stone Container Co", "Alliant Computer Systems Inc") is later called by its
        first word ("Stone", "Alliant's new computer"): remember that word for names nothing else resolves. Any
        organisation named in full is remembered for a capitalised short form ("the Bank", "the Stock Exchange")."""
        words = []
        for t in ent:
            if not (t.is_alpha and t.text[:1].isupper()):
                break
            words.append(t)
        named = [t for t in words if t.lower_ != "the"]
        if named and len(found) == 1 and (found[0].country or found[0].kind in ("igo", "ngo", "group")) and \
                (len(named) >= 2 or len(named) < len(ent)):
            self._org_heads.append((tuple(t.text for t in named), found[0], ent.text, self.sent_no + 1))
        first = words[0] if words else None
        if len(words) < 2 or first.pos_ != "PROPN" or first.is_stop or first.text in self._short_names or \
                first.lower_ in self.actors.t.roles or self.actors.country_of(first.text):
            return
        if words[-1] is not ent.root:  # "Alliant Computer Systems Inc <ALNT>": the name's own head
            found = self._resolve(words[-1]) or self._resolve(ent.root)
        if len(found) != 1 or found[0].role != "BUS" or found[0].kind not in ("org", "role"):
            return
        self._short_names[first.text] = (found[0], " ".join(t.text for t in words), self.sent_no + 1)

    def _learn_organisation(self, ent, found: list[Actor]) -> None:
        """An organisation no table knows, described where it is first named ("Fabrikam, a Japanese company",
        "Fabrikam, a unit of Toyota", "Osaka-based Fabrikam", "Japan's Fabrikam"): remember its whole name with
        what the description says, so that a later bare "Fabrikam" is that actor."""
        if len(found) != 1 or self._in_dateline(ent.root.i) or not found[0].country:
            return
        actor = found[0]
        if actor.reason.startswith(("pronoun", "remembered", "short for")) or actor.kind == "person":
            return
        if "from context (" in actor.reason and "from context (a place named in the actor's phrase)" not in actor.reason:
            # a guess from the sentence or the article, not what the description says: only the role an
            # apposition gives is learnt ("The Sierra Club, an environmental group"), the country stays context
            if not actor.role or not any(c.dep_ == "appos" for c in ent.root.children):
                return
            actor = Actor(actor.role, actor.name, None, actor.role, actor.kind, actor.reason.split("; country ")[0],
                          actor.span)
        if "\n\n" in _text_of(_phrase_tokens(ent.root)):
            return  # a headline run into the first sentence
        words = [t for t in ent if t.lower_ != "the"]
        of = next((k for k, t in enumerate(words) if t.lower_ == "of"), None)
        if of and words[of - 1].i == ent.root.i and self.actors.country_of(" ".join(t.text for t in words[of + 1:])):
            words = words[:of]  # "Fabrikam of Japan": the name is before the country
        elif not words or words[-1].i != ent.end - 1:
            return
        if not words or not all(
                t.text[:1].isupper() and (t.is_alpha or t.text.rstrip(".").replace("-", "").isalpha()) for t in words):
            return
        text = " ".join(t.text for t in words)
        name = tokenize(text)
        if not name or self.memory.lookup(tuple(t.norm for t in name)) is not None or \
                self.actors.country_of(name[-1].orig) or self.actors.resolve(text, date=self.date) is not None:
            return  # a name the tables know reads the same everywhere
        where = f"described in sentence {self.sent_no + 1} as '{' '.join(_text_of(_phrase_tokens(ent.root)).split())}'"
        self.memory.remember(name, Actor(actor.code, text, actor.country, actor.role, "org",
                                         f"{where}: {actor.reason}"), whole_only=True)

    def _of_owner(self, head, text: str, first) -> Actor | None:
        """A role word without a country whose "of" phrase names the body or country it belongs to ("Leaders of
        the European Union", "officials of the Arab League"): the phrase read with that "of" part."""
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ != "of":
                continue
            for o in c.children:
                if o.dep_ != "pobj" or not (o.ent_type_ or o.pos_ == "PROPN"):
                    continue
                query = f"{text} of {_text_of(_phrase_tokens(o))}".replace("\u2019", "'")
                found = self.actors.resolve(query, date=self.date, memory=self.memory,
                                            context=first.doc[first.i:o.i + 1])
                if found is not None and (found.country or found.kind in ("igo", "ngo", "group")):
                    return found
        return None

    def _base_place(self, head) -> tuple[str, str] | None:
        """Where an organisation is based, as its phrase says: "Osaka-based", "based/headquartered in Osaka",
        "which is based in Osaka" -> (country, place)."""
        for c in head.children:
            if c.lemma_.lower() not in _BASED or c.dep_ not in ("amod", "acl", "relcl"):
                continue
            for t in c.subtree:
                if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B" and (ent := _ent_at(t)) is not None:
                    country = self.place_country(ent)
                    if country:
                        return country, ent.text
        return None

    def _short_reference(self, toks) -> list[Actor]:
        """"the Bank" after "the Bank of England", "the Stock Exchange" after "The London Stock Exchange": a
        capitalised short form of an organisation named before in the article is that organisation."""
        if len(toks) == 1 and toks[0].dep_ in ("compound", "nmod") and toks[0].is_alpha and \
                toks[0].text[:1].isupper() and not toks[0].is_sent_start and toks[0].pos_ == "PROPN":
            words = (toks[0].text,)  # "a second Commission proposal" after "the European Commission"
        elif len(toks) < 2 or toks[0].lower_ != "the" or not all(t.is_alpha and t.text[:1].isupper() for t in toks[1:]):
            return []
        else:
            words = tuple(t.text for t in toks[1:])
        for named, actor, full, n in reversed(self._org_heads):
            longer = len(named) > len(words) or len(full.split()) > len(words) + full.lower().startswith("the ")
            if named[-len(words):] == words and longer:
                return [Actor(actor.code, _text_of(toks), actor.country, actor.role, actor.kind,
                              f"short for '{full}' (named in sentence {n}): {actor.reason}",
                              _span(toks[0], toks[-1]))]
        return []

    def _named_first_word(self, toks) -> list[Actor]:
        """A bare name ("Asahi", "Asahi's profits") that is the first word of an organisation the article named in
        full before ("Asahi Breweries") stands for that organisation, whatever else the tables call by the word."""
        names = [t for t in toks if t.lower_ not in ("'s", "\u2019s", "'", "the")]
        if len(names) != 1 or not names[0].text[:1].isupper():
            return []
        word = names[0].text
        for named, actor, full, n in reversed(self._org_heads):
            if len(named) >= 2 and named[0] == word and n <= self.sent_no:
                return [Actor(actor.code, word, actor.country, actor.role, actor.kind,
                              f"short for '{full}' (named in sentence {n}): {actor.reason}",
                              _span(names[0], names[0]))]
        return []

    def _short_name(self, toks) -> list[Actor]:
        """"Stone" alone (or "Stone's") after "Stone Container Co" was named: that company."""
        names = [t for t in toks if t.lower_ not in ("'s", "'")]
        if len(names) != 1 or names[0].text not in self._short_names or names[0].ent_type_ not in ("ORG", "PERSON"):
            return []  # the word as a name, not the city ("Shanghai" after "Shanghai Automotive Industry Corp")
        head = names[0]
        actor, full, n = self._short_names[head.text]
        return [Actor(actor.code, head.text, actor.country, actor.role, actor.kind,
                      f"short for '{full}' (named in sentence {n}): {actor.reason}", _span(head, head))]

    def _learn_post(self, ent) -> list[Actor]:
        """"Tom Kerr, who heads the Kerrow Steel company", "Ana Silva, who leads the dockers' union": an unknown
        person whose relative clause says which body they head, run or own is of that body (its country and role);
        [] when no such clause names an actor."""
        for c in ent.root.children:
            if c.dep_ != "relcl" or c.lemma_.lower() not in _POST_VERBS or \
                    not any(s.lower_ in ("who", "that") for s in c.children if s.dep_ in _SUBJ_DEPS):
                continue
            for o in c.children:
                if o.dep_ != "dobj":
                    continue
                body = self._resolve(o)
                if len(body) == 1 and body[0].role and body[0].kind != "person":
                    a = body[0]
                    return [Actor(a.code, ent.text, a.country, a.role, "person",
                                  f"'{ent.text}, who {c.text} {_text_of(_phrase_tokens(o))}': {a.reason}",
                                  _span(ent[0], ent[-1]))]
        return []

    def _learn_introduction(self, ent, found: list[Actor]) -> None:
        """A person introduced with what they are ("analyst John Pincavage of PaineWebber", "Hans Mast, adviser
        to Credit Suisse", "Malcolm Glazer, the US tycoon"): remember the name with the actor the whole phrase
        resolved to, so that a later "Pincavage" or "Mr Mast" is that actor."""
        if len(found) != 1 or self._in_dateline(ent.root.i):
            return
        actor = found[0]
        # (a remembered word is not the name: "Tory MP Jonathan Sayeed" after a headline's "Tory" still teaches
        # "Sayeed"; a name already in the memory is caught below)
        if actor.reason.startswith(("pronoun", "short for")) or not (actor.country or actor.role):
            return
        phrase = _text_of(_phrase_tokens(ent.root))
        if "\n\n" in phrase:
            return  # a headline run into the first sentence: its words describe someone else
        words = [t for t in ent if t.is_alpha or t.text.rstrip(".").isalpha()]
        while words and (words[0].lower_.rstrip(".") in _HONORIFIC_WORDS or words[0].lower_ in self.actors.t.roles):
            words.pop(0)  # "Mr", "Chief executive" are not part of the name
        if not words or not all(t.text[:1].isupper() for t in words) or words[-1].i != ent.end - 1:
            return
        alone = self.actors.resolve(" ".join(t.text for t in words), date=self.date) \
            if actor.reason.startswith("person:") else None
        if alone is not None:
            # a listed person: the table knows the name. "Tory leader Michael Howard" (the party's entry decided the
            # phrase) still teaches the article which Howard a later "Mr Howard" is, when the two agree
            name = tokenize(" ".join(t.text for t in words))
            if alone.kind == "person" and alone.country == actor.country and len(name) > 1 and \
                    self.memory.lookup((name[-1].norm,)) is None:
                self.memory.remember(name, alone)
            return  # ("Mr Balls, a prospective Labour MP": an unknown name learns what the phrase says, below)
        name = tokenize(" ".join(t.text for t in words))
        if self.memory.lookup(tuple(t.norm for t in name)) is not None or self.actors.country_of(name[-1].orig):
            return
        where = f"introduced in sentence {self.sent_no + 1} as '{' '.join(phrase.split())}'"
        kind = actor.kind if actor.kind in ("org", "igo", "ngo", "group") else "person"  # NER calls firms people too
        self.memory.remember(name, Actor(actor.code, actor.name, actor.country, actor.role, kind,
                                         f"{where}: {actor.reason}"))

    def _country_of(self, token) -> str | None:
        ent = _ent_at(token)
        return self.place_country(ent) if ent is not None and ent.start == token.i else None

    def _with_country(self, actor: Actor, head) -> Actor:
        """A role without a country ("rebels", "police") takes the first country the sentence names, else the
        article's most mentioned country so far: how a human coder reads "police clashed with strikers in Cadiz"."""
        if actor.country and actor.role == "BUS" and "; company form '" in actor.reason and \
                "the article's country" not in actor.reason and _foreign_listing(head):
            # "Talbot Motor Corp <TALB.T>": listed on another exchange, so the form's home country says nothing
            actor = Actor(actor.role, actor.name, None, actor.role, actor.kind,
                          actor.reason.split("; company form '")[0], actor.span)
        if actor.country or not actor.role or actor.kind not in ("role", "unknown", "person", "org"):
            return actor  # ("org": a company known only by its name, "Stone Container Co", "Air Deccan")
        if any(t.lower_ in _MULTINATIONAL for t in head.subtree if t.i < head.i or t is head):
            return actor  # "African leaders", "foreign diplomats": many countries or another one, not this one
        own = [c for t in head.subtree if t.ent_type_ in ("GPE", "NORP") and t.ent_iob_ == "B"
               for c in [self._country_of(t)] if c]
        if not own and " ".join(t.lower_ for t in head.subtree).replace("-", " ").endswith("secretary general"):
            # "the Secretary General": the head of the international body the article last named
            igo = next((m.actors[0] for m in self._candidates(head.i) if m.actors[0].kind == "igo"), None)
            if igo is not None:
                return Actor(igo.code, actor.name, None, igo.role, "igo",
                             f"{actor.reason}; the head of {igo.name}, named before", actor.span)
        gov = self._gov_country(head.i) if actor.role == "GOV" and head.lemma_.lower() in _GOV_DESCRIPTIONS \
            else None
        partner = self._coordinated_country(head) if not own else None
        if own:
            country, why = own[0], "a place named in the actor's phrase"
        elif partner:
            # "U.S. Government and industry officials": the country of the phrase it is coordinated with
            country, why = partner, "the country of the coordinated phrase"
        elif actor.role == "BUS" and actor.kind in ("org", "role") and _us_ticker(head):
            country, why = "USA", "a stock symbol without an exchange suffix after the name: listed in the US"
        elif actor.kind == "person" and actor.role == "BUS" and (firm := self._firm_country()):
            # "Chief executive Bill Gammell" in an article about Cairn Energy, "a UK oil firm", and India's oil
            country, why = firm, "the country of the company the article names most"
        elif actor.kind == "person" and self.main_country:  # "Treasury Secretary Mario Brodersohn"
            country, why = self.main_country, "the article's most named country"
        elif actor.kind == "person":
            # no place named in the article: the one country of the actors named so far ("Senate Republicans
            # urged the White House to name CFTC Commissioner Kalo Hineman"), else no guess
            named = Counter(m.actors[0].country for m in self.mentions if m.actors[0].country)
            if len(named) != 1:
                return Actor(actor.code, actor.name, actor.country, actor.role, actor.kind,
                             f"{actor.reason}; no country in context (the article names no place, and "
                             f"{len(named) or 'no'} countries among its actors)", actor.span)
            country, why = next(iter(named)), "the country of every actor named so far"
        elif gov:
            country, why = gov, "the government named last"
        elif (back := self._same_noun_before(head, actor.role)) is not None:
            # "Colombian rebels kidnapped a tourist ... The rebels demanded a ransom from France": the same ones
            country, why = back
        elif self.sentence_countries:
            country, why = self.sentence_countries[0], "first country named in the sentence"
        elif self.main_country:
            country, why = self.main_country, "the article's most named country"
        elif (named := Counter(m.actors[0].country for m in self.mentions if m.actors[0].country)):
            # no place named anywhere: the country of the actors named so far ("the Justice Department ...,
            # two senior senators charged")
            country, why = named.most_common(1)[0][0], "the country of the actors named so far"
        else:
            return Actor(actor.code, actor.name, actor.country, actor.role, actor.kind,
                         f"{actor.reason}; no country in context (no place or actor with a country named in the "
                         "phrase, the sentence or the article so far)", actor.span)
        return Actor(country + actor.role, actor.name, country, actor.role, actor.kind,
                     f"{actor.reason}; country {country} from context ({why})", actor.span)

    def _same_noun_before(self, head, role: str) -> tuple[str, str] | None:
        """"the rebels", "the police": the country of the latest earlier mention with the same noun and role
        (this sentence before it, else up to three sentences back)."""
        toks = _phrase_tokens(head)
        if head.pos_ != "NOUN" or len(toks) != 2 or toks[0].lower_ != "the":
            return None
        lemma = head.lemma_.lower()
        for m in self._candidates(head.i):
            a = m.actors[0]
            if len(m.actors) == 1 and m.head.lemma_.lower() == lemma and a.role == role and a.country:
                return a.country, f"the same '{m.head.text}' named before ({a.code})"
        return None

    def _coordinated_country(self, head) -> str | None:
        """The country of the actor that the common noun `head` is coordinated with ("U.S. Government and industry
        officials" -> USA for "industry officials"); None for a person or a phrase without a country."""
        if head.pos_ != "NOUN" or head.dep_ != "conj" or head.head.pos_ not in ("NOUN", "PROPN"):
            return None
        found = self._resolve(head.head)
        if len(found) == 1 and found[0].country and found[0].kind == "country":
            return found[0].country
        return None

    def _firm_country(self) -> str | None:
        """The country of the company the article has named most often so far (None when it names none)."""
        firms = Counter(m.actors[0].country for m in self.mentions
                        if len(m.actors) == 1 and m.actors[0].role == "BUS" and _is_named(m)
                        and m.actors[0].country)
        return firms.most_common(1)[0][0] if firms else None

    def actors_for(self, head) -> list[Actor]:
        return self._resolve(head)

    def _resolve(self, head) -> list[Actor]:
        if head.i in self._cache:
            return self._cache[head.i]
        result: list[Actor] = []
        if self._in_dateline(head.i):
            pass  # "BAGHDAD (Reuters) -": the dateline is not an actor
        elif head.pos_ == "PRON":
            result = self._pronoun(head)
        elif (x := _hyphen_partner(head)) is not None and self.actors.country_of(x.text) and \
                (c := self.actors.country_of(head.text)):
            result = [Actor(c, head.text, c, None, "country", f"'{head.text}': one side of '{x.text}-{head.text}'",
                            _span(head, head))]
        elif _is_hyphen_pair(head) and all(self.actors.country_of(x) for x in head.text.split("-")):
            result = [Actor(c, head.text, c, None, "country", f"'{head.text}': one side of a hyphenated pair",
                            _span(head, head)) for c in (self.actors.country_of(x) for x in head.text.split("-"))]
        else:
            result = self._pair_phrase(head)
            if result is None:
                result = self._coordinated_nationalities(head)
            if result is None:
                result = self._description(head)
            if result is None:
                result = [self._with_country(a, head) for a in self._resolve_phrase(head)]
        self._cache[head.i] = result
        if result and self._names_actor(head):
            self.mentions.append(_Mention(self.sent_no, head.i, head.dep_ in _SUBJ_DEPS, head, result,
                                          _mention_kind(head, result, self.actors)))
        return result

    def _names_actor(self, head) -> bool:
        """A phrase whose own head names the actor ("Yukos", "the minister", "it"), not one that only holds an
        actor in an attachment ("the sale of Yukos"): only those are antecedents."""
        low, lemma = head.lower_, head.lemma_.lower()
        return head.pos_ in ("PROPN", "PRON") or bool(head.ent_type_) or low in self.actors.t.roles or \
            lemma in self.actors.t.roles or lemma in _PERSON_NOUNS or lemma in _DESCRIPTION_ROLES

    def _candidates(self, before: int):
        """Mentions to look back at: this sentence before `before` (nearest first), then each earlier sentence
        (its subjects first, in order, then its other mentions from the end), up to three sentences back."""
        same = [m for m in self.mentions if m.sent == self.sent_no and m.i < before]
        same.sort(key=lambda m: -m.i)
        out = list(same)
        for back in range(1, 4):
            prev = [m for m in self.mentions if m.sent == self.sent_no - back]
            prev.sort(key=lambda m: m.i)
            out += [m for m in prev if m.subject] + [m for m in reversed(prev) if not m.subject]
        return out

    def _pronoun(self, head) -> list[Actor]:
        """he/she -> the last person, it/its -> the last country or organisation, they -> the last group;
        in this sentence the subject of a verb that governs the pronoun comes first ("the army said it")."""
        p = head.lower_
        want = "person" if p in _PERSON_PRONOUNS else "plural" if p in _PLURAL_PRONOUNS else \
            "thing" if p in _THING_PRONOUNS else None
        if want is None:
            return []
        cands = [m for m in self._candidates(head.i) if m.kind == want or (want == "plural" and m.kind == "thing"
                                                                           and m.collective)]
        if head.dep_ in ("dobj", "pobj", "dative"):  # "X supplied him": not X itself
            verb = head.head if head.dep_ != "pobj" else head.head.head
            cands = [m for m in cands if not (m.subject and m.head.head.i == verb.i)]
        ancestors = {a.i for a in head.ancestors}
        governing = [m for m in cands if m.sent == self.sent_no and m.subject and m.head.head.i in ancestors]
        for m in governing + cands:
            return [Actor(a.code, head.text, a.country, a.role, a.kind, f"pronoun '{head.text}' -> {a.name}",
                          _span(head, head)) for a in m.actors]
        return []

    def _coordinated_nationalities(self, head) -> list[Actor] | None:
        """"Israeli and Palestinian officials", "American and Soviet negotiators": one actor per nationality,
        each read with the head noun ("Soviet negotiators")."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        for m in head.children:
            if m.dep_ not in ("amod", "compound") or m.i > head.i:
                continue
            group = [m, *m.conjuncts]
            if len(group) < 2 or not all(x.i < head.i and self.actors.country_of(x.text) for x in group):
                continue
            out = []
            for x in group:
                a = self.actors.resolve(f"{x.text} {head.text}", date=self.date, memory=self.memory)
                if a is None:
                    return None
                out.append(Actor(a.code, f"{x.text} {head.text}", a.country, a.role, a.kind,
                                 f"{a.reason}; one of the coordinated nationalities of '{head.text}'",
                                 _span(x, head)))
            return out
        return None

    def _description(self, head) -> list[Actor] | None:
        """"the company", "the union", "the minister", "the government": the actor named before that fits."""
        toks = _phrase_tokens(head)
        if len(toks) != 2 or toks[0].lower_ not in ("the", "this") or head.ent_type_:
            return None
        lemma = head.lemma_.lower()
        if lemma in _PLACE_AUTHORITIES:
            # "the city has been negotiating with ...": the local authority of the place named last
            named = [c for i, c in self._sentence_named if i < head.i] or self.history or \
                ([self.main_country] if self.main_country else [])
            if named:
                c = named[-1]
                return [Actor(c + "GOV", head.text, c, "GOV", "role",
                              f"'{head.text}': the authority of the place named last ({c})", _span(toks[0], head))]
            return None
        role = _DESCRIPTION_ROLES.get(lemma)
        cands = self._candidates(head.i)
        if role is not None:
            for m in cands:
                a = m.actors[0]
                if a.role == role and _is_named(m) and a.country and len(m.actors) == 1:
                    return [Actor(a.code, head.text, a.country, a.role, a.kind,
                                  f"'{head.text}' -> {a.name}", _span(toks[0], head))]
            return None
        if lemma in _PERSON_TITLES and head.tag_ == "NN":
            for m in cands:
                a = m.actors[0]
                if m.kind == "person" and a.role == "GOV" and a.country and len(m.actors) == 1:
                    return [Actor(a.code, head.text, a.country, a.role, a.kind,
                                  f"'{head.text}' -> {a.name}", _span(toks[0], head))]
        return None

    def _gov_country(self, before: int) -> str | None:
        """The country of the government named last (this sentence before `before`, else earlier). A pronoun does
        not name one: "He said ..." about an economist introduced as "Washington representative" of a Chinese
        institute leaves "the government" of an article about China to China."""
        for m in self._candidates(before):
            a = m.actors[0]
            if a.role == "GOV" and a.country and len(m.actors) == 1 and m.head.pos_ != "PRON":
                return a.country
        return None

    def _pair_phrase(self, head) -> list[Actor] | None:
        """"the two countries", "both sides", "the two governments": the last two countries named before the
        phrase (in this sentence, else in the sentences before it), as a human coder reads them."""
        if not _is_pair(head):
            return None
        role = _PAIR_HEADS[head.lemma_.lower()]
        before = [c for i, c in self._sentence_named if i < head.i]
        after = [c for i, c in self._sentence_named if i > head.i]
        chosen: list[str] = []
        for c in reversed(self.history + before):
            if c not in chosen:
                chosen.append(c)
            if len(chosen) == 2:
                break
        if len(chosen) < 2:
            for c in after:
                if c not in chosen:
                    chosen.append(c)
                if len(chosen) == 2:
                    break
        if len(chosen) < 2:
            return None
        role = role or None
        chosen.reverse()
        return [Actor(c + (role or ""), head.text, c, role, "country",
                      f"'{head.text}' -> the last two countries named ({', '.join(chosen)})", _span(head, head))
                for c in chosen]

    def _learn_author(self, noun) -> None:
        """Who issued a report, study or survey: "a report by two MPs' committees", "the committee's report",
        "a report drawn up by the OECD". Later "The report said ..." is its author speaking."""
        by = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.children
              if o.dep_ == "pobj"]
        by += [o for v in noun.children if v.dep_ == "acl" and v.tag_ == "VBN" for a in v.children
               if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        by += [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        found = [a for o in by for a in self._resolve(o)]
        if found:
            self._authors[noun.lemma_.lower()] = found

    def _text_author(self, head, toks) -> list[Actor]:
        """"The report said": the author of the latest such text the article named with its author."""
        if head.pos_ != "NOUN" or len(toks) != 2 or toks[0].lower_ not in ("the", "this"):
            return []
        return [Actor(a.code, _text_of(toks), a.country, a.role, a.kind,
                      f"'{_text_of(toks)}': the {head.lower_} by {a.name}, named before", _span(toks[0], head))
                for a in self._authors.get(head.lemma_.lower(), [])]

    def _names_in_person_span(self, head) -> list[Actor]:
        """"Kerry Attacks Bush" tagged as one PERSON: a name the tables do not know, in which two or more single
        words are each a known person, is those people; the head word stands for its own ("Bush" -> USAGOV)."""
        ent = _ent_at(head)
        if ent is None or ent.label_ != "PERSON" or len(ent) < 3:
            return []
        known = {}
        for t in ent:
            if t.is_alpha and t.text[:1].isupper():
                a = self.actors.resolve(t.text, date=self.date, memory=self.memory)
                if a is not None and a.kind == "person":
                    known[t.i] = a
        a = known.get(head.i)
        if len(known) < 2 or a is None:
            return []
        return [Actor(a.code, head.text, a.country, a.role, a.kind,
                      f"{a.reason} (one of the known people inside '{ent.text}', a span tagged as one name)",
                      _span(head, head))]

    def _resolve_phrase(self, head, depth: int = 0) -> list[Actor]:
        toks = [t for t in _phrase_tokens(head) if not self._in_dateline(t.i)]
        if not toks:
            return []
        ent = _ent_at(head) if head.pos_ == "PROPN" else None
        if ent is not None and ent.label_ == "ORG" and ent.end > toks[-1].i + 1 and ent.start >= toks[0].i:
            # "The Reserve Bank of Australia", "McDonald's": the "of" phrase or the "'s" is part of the name
            rest = [t for t in ent if t.i > toks[-1].i]
            if rest and not any(t.pos_ == "CCONJ" or t.text in (",", ";") for t in rest) and \
                    (rest[0].lower_ == "of" or (len(rest) == 1 and rest[0].lower_ in ("'s", "\u2019s"))):
                toks = sorted({*toks, *(t for t in rest if not t.is_punct)}, key=lambda t: t.i)
            elif rest and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in rest):
                # "Stone Container Co <STO>": a ticker after the name can leave "Co" outside the head's phrase
                toks = sorted({*toks, *rest}, key=lambda t: t.i)
        if head.pos_ == "PROPN" and (end := next((c for c in head.children if c.dep_ == "conj" and c.i == head.i + 2 and
                                                  head.doc[head.i + 1].lower_ in ("&", "and") and
                                                  c.lower_ in _FIRM_ENDINGS and c.text[:1].isupper()), None)):
            toks = toks + [head.doc[head.i + 1], end]  # "Stifel Nicolaus & Company": the firm's whole name
        if ent is not None and ent.label_ == "PERSON" and ent.start < toks[0].i and toks[0].i - 1 > 0 and \
                head.doc[toks[0].i - 1].text == "-" and not head.doc[toks[0].i - 2].whitespace_ and \
                not head.doc[toks[0].i - 1].whitespace_:
            # "Lee Hun-jai": the parser left the name's first words outside the phrase of its last syllable
            toks = [t for t in ent if t.i < toks[0].i] + toks
        if self._org_heads and (short := self._short_reference(toks)):
            return short
        first, last = toks[0], toks[-1]
        text = _text_of(toks)
        appos = [c for c in head.children if c.dep_ == "appos"]
        query = text + "".join(", " + _text_of(_appos_tokens(a)) for a in appos)
        # the phrase's place in its sentence lets the resolver tell a location ("a rally in Moscow") from an actor
        actor = self.actors.resolve(query.replace("\u2019", "'"), date=self.date, memory=self.memory,
                                    context=first.doc[first.i:last.i + 1])
        if actor is not None and actor.kind == "country" and head.ent_type_ == "PERSON" and head.i > 0 and \
                head.doc[head.i - 1].ent_type_ == "PERSON" and head.doc[head.i - 1].text[:1].isupper() and \
                (c := self.actors.country_of(head.text)) and (ent := _ent_at(head)) is not None and \
                self.actors.country_of(head.doc[ent.start:head.i + 1].text) == c:
            # "Lynndie R. England", "Michael Jordan": a person's surname, not the country ("Papua New Guinea"
            # tagged as a person is still the country: its words before "Guinea" name another one)
            return []
        if actor is not None and actor.kind == "country" and head.ent_type_ == "PERSON" and \
                (ent := _ent_at(head)) is not None and ent.start < head.i and ent.label_ == "PERSON" and \
                not self.actors.country_of(head.text) and \
                all(t.is_alpha and t.text[:1].isupper() for t in head.doc[ent.start:head.i + 1]) and \
                self.actors.country_of(head.doc[ent.start].text) == actor.country:
            return []  # "Chad Hurley", "Paris Hilton": a given name, not the country or its capital
        if actor is not None and actor.kind == "org" and self._org_heads and (own := self._named_first_word(toks)):
            return own  # "Asahi" after "Asahi Breweries": the company this article named, not the newspaper
        if actor is not None and actor.country is None and actor.kind == "role" and \
                (owner := self._of_owner(head, text, first)) is not None:
            actor = owner  # "Leaders of the European Union": the body's leaders, not the sentence's first country
        if (actor is None or (actor.country is None and actor.kind in ("org", "role"))) and \
                head.ent_type_ == "ORG" and (based := self._base_place(head)) is not None:
            country, where = based  # "Osaka-based Fabrikam", "Fabrikam, which is based in Osaka"
            role = actor.role if actor is not None else None
            why = (actor.reason + "; " if actor is not None else "") + f"based in '{where}' ({country})"
            return [Actor(country + (role or ""), text, country, role, "org", why, _span(first, last))]
        if actor is None and last is head and head.pos_ in ("NOUN", "PROPN") and \
                (ccs := [t for t in toks if t.dep_ == "cc" and t.head.i != head.i]):
            # "the refineries were calm and oil workers had ...": the parser coordinated "calm" with "oil"; the
            # words after the last "and" are the phrase of the head noun when the whole reads as no actor
            rest = [t for t in toks if t.i > ccs[-1].i]
            found = self.actors.resolve(_text_of(rest), date=self.date, memory=self.memory,
                                        context=first.doc[rest[0].i:last.i + 1]) if rest else None
            if found is not None and (found.role or (head.pos_ == "PROPN" and found.country)):
                return [Actor(found.code, _text_of(rest), found.country, found.role, found.kind, found.reason,
                              _span(rest[0], last))]  # `_resolve` adds the country of the context
        if actor is not None:
            return [Actor(actor.code, text, actor.country, actor.role, actor.kind, actor.reason, _span(first, last))]
        if self._short_names and (short := self._short_name(toks)):
            return short
        if actor is None and head.ent_type_ == "PERSON" and (own := self._names_in_person_span(head)):
            return own
        if actor is None and self._authors and (author := self._text_author(head, toks)):
            return author
        if head.lower_ in self.actors.t.document_heads:
            return []  # "the government's Consumer Credit Bill": a text, not its author
        if depth < 2:  # "the component of Kishida's visit": the actor sits inside an "of" phrase
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            found = self._resolve_phrase(o, depth + 1)
                            if found:
                                return found
            for c in head.children:
                if c.dep_ == "poss" and c.pos_ != "PRON":
                    return self._resolve_phrase(c, depth + 1)
                if c.dep_ == "poss" and c.lower_ in _PERSON_PRONOUNS | _PLURAL_PRONOUNS | _THING_PRONOUNS and \
                        head.lemma_.lower() in _OWNED_ACTS:  # "her call was backed", "criticised its record"
                    return self._pronoun(c)
            for c in head.children:  # "a consortium led by Sony": the leader stands for the group
                if c.dep_ == "acl" and c.lemma_.lower() in _LED_BY:
                    for a in c.children:
                        if a.dep_ == "agent":
                            for o in a.children:
                                if o.dep_ == "pobj":
                                    found = self._resolve_phrase(o, depth + 1)
                                    if found:
                                        return found
        return []


# Words that end a firm's name after "&"/"and" ("Stifel Nicolaus & Company", as resolver._FIRM_ENDINGS)
_FIRM_ENDINGS = {"co", "company", "sons", "partners", "associates", "cie"}
# "X, who heads/leads/runs/chairs/owns/founded the Y": the verbs of a post in a body
_POST_VERBS = {"head", "lead", "run", "chair", "own", "found", "manage", "direct", "co-found", "command"}


@dataclass
class _Mention:
    sent: int  # sentence number in the article
    i: int  # head token index
    subject: bool
    head: object  # spacy Token
    actors: list
    kind: str  # person | plural | thing
    collective: bool = False


def _mention_kind(head, actors: list, resolver) -> str:
    low = head.lower_
    if low in _PERSON_PRONOUNS:
        return "person"
    if low in _PLURAL_PRONOUNS or head.tag_ in ("NNS", "NNPS") or len(actors) > 1 or \
            any(c.dep_ == "conj" for c in head.children):
        return "plural"
    if low in _THING_PRONOUNS:
        return "thing"
    a = actors[0]
    word = resolver.t.roles.get(low) or resolver.t.roles.get(head.lemma_.lower())
    if head.ent_type_ == "PERSON" or (head.ent_type_ not in ("ORG", "GPE", "NORP") and (
            head.lemma_.lower() in _PERSON_NOUNS or (word is not None and word.title))):
        return "person"
    if a.kind == "person" and head.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
        return "person"
    return "thing"


def _dateline_end(doc, start: int = 0) -> int:
    """End of a leading dateline ("BAGHDAD (Reuters) -", "BAGHDAD --", "Reuters -", "WASHINGTON (CBS)"): the
    token after its dash, or after the agency's closing bracket; 0 when the text (from token `start`: the first
    body paragraph after a headline) starts without one."""
    head = [t for t in doc[start:start + 12]]
    for k, t in enumerate(head):
        if t.text in ("-", "--", "\u2014", "\u2013") and 0 < k <= 8 and head[k - 1].whitespace_ and t.whitespace_:
            before = [x for x in head[:k] if x.is_alpha]
            inside = {x.i for j, x in enumerate(head[:k]) if any(o.text == "(" for o in head[:j]) and
                      not any(c.text == ")" for c in head[:j])}
            after = head[k + 1] if k + 1 < len(head) else None
            if before and after is not None and after.text[:1].isupper() and \
                    all(x.is_upper or x.i in inside or k <= 2 for x in before):
                return start + k + 1
            return 0
        if t.text == ")" and 0 < k <= 8 and k + 1 < len(head) and head[k + 1].text[:1].isupper():
            o = next((j for j, x in enumerate(head[:k]) if x.text == "("), None)
            if o is not None and o > 0 and all(x.is_upper or not x.is_alpha for x in head[:o]):
                return start + (k + 2 if k + 1 < len(head) and head[k + 1].text in ("-", "--") else k + 1)
        if t.text in (".", "!", "?"):
            return 0
    return 0


def _dateline(doc) -> tuple[int, int]:
    """(start, end) of the wire dateline: at the very start, or opening the first body paragraph after a headline
    ("Kerry Attacks Bush\n\nReuters - Democratic challenger John Kerry ..."; the headline is not part of it:
    headlines carry actors). (0, 0) when there is none."""
    end = _dateline_end(doc)
    if end:
        return 0, end
    for t in doc[:40]:
        if "\n" in t.text_with_ws and t.i + 1 < len(doc):
            start = t.i + 1
            while start < len(doc) and doc[start].is_space:
                start += 1
            end = _dateline_end(doc, start) if start < len(doc) else 0
            return (start, end) if end else (0, 0)
    return 0, 0


# ---------------------------------------------------------------------- parse helpers
def _phrase_tokens(head) -> list:
    keep = [head]
    for c in head.children:
        if c.dep_ in _PHRASE_STOP:
            continue
        keep.extend(c.subtree)
    keep.sort(key=lambda t: t.i)
    while len(keep) > 1 and keep[0].is_punct:
        keep.pop(0)
    while len(keep) > 1 and keep[-1].is_punct:
        keep.pop()
    return keep


def _appos_tokens(appos) -> list:
    """An apposition with the "of/for/at/from/to" phrases that say whose it is ("Hans Mast, senior economic
    adviser to Credit Suisse", "Bill Gammell, chief executive of Cairn Energy")."""
    keep = _phrase_tokens(appos)
    for c in appos.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "from", "to") and c.i > appos.i:
            keep.extend(c.subtree)
    return sorted(set(keep), key=lambda t: t.i)


def _text_of(tokens) -> str:
    doc = tokens[0].doc
    return doc[tokens[0].i: tokens[-1].i + 1].text


def _span(first, last) -> Span:
    start, end = first.idx, last.idx + len(last.text)
    return Span(start, end, first.doc[first.i:last.i + 1].text)  # (doc.text is rebuilt from every token per call)


# Sending people away: extradite (063), deport or expel people (174).
_SENDING_CODES = {"063", "174"}
# Verbs whose object is the one who does what their to-clause says ("forced the government to promise").
_OBJECT_CONTROL = {"force", "urge", "ask", "persuade", "order", "tell", "allow", "permit", "invite", "encourage",
                   "press", "pressure", "push", "compel", "oblige", "require", "request", "call", "instruct",
                   "authorize", "authorise", "prompt", "enable", "advise", "remind", "appeal", "convince", "direct",
                   "beg", "implore", "lead", "cause", "drive", "induce", "empower", "mandate"}
# Verbs whose object is kept "from" doing something ("prevented the protesters *from attacking*"): the object
# would have done it, not the subject (the mode rules mark the act negated).
_OBJECT_KEPT_FROM = {"prevent", "stop", "bar", "block", "ban", "prohibit", "keep", "deter", "restrain", "dissuade",
                     "discourage", "forbid", "hinder", "preclude", "debar"}


# "A and B agreed a truce", "A and B exchanged fire", "A and B restored diplomatic relations": what the verb or its
# object says is done between the parties, so a conjoined subject with no one else named acts on each other.
_JOINT_VERBS = {"agree", "exchange", "trade"}
_JOINT_OBJECTS = {"relation", "tie", "contact"}


def _is_joint(verb, p: VerbPattern, objects, parties: int) -> bool:
    """(Three or more parties agreeing is a multilateral act, often at a forum the sentence does not name: each
    party's own act, not one with each of the others.)"""
    return is_mutual(p.code) or parties <= 2 and (verb.lemma_.lower() in _JOINT_VERBS or bool(
        p.objects and {_object_lemma(o) for o in objects} & _JOINT_OBJECTS & set(p.objects)))


def _condition_subjects(holders) -> list:
    """The subjects of the if/unless clauses of these verbs ("... if the EC does not remedy the situation")."""
    return [s for h in holders for c in h.children if c.dep_ == "advcl" and
            any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"]


_FIRST_PERSON = {"i", "we"}


def _outer_speaker(tok, reporters) -> list:
    """The sayer of the reported clause a first-person pronoun stands in ('"We will not give in," said the
    minister', 'the minister said: "I have asked Japan to ..."'), or [] when it is not in reported speech."""
    if tok.pos_ != "PRON" or tok.lower_ not in _FIRST_PERSON:
        return []
    node = tok.head
    for _ in range(6):
        if node.dep_ in ("ccomp", "parataxis") and node.head.i != node.i and \
                node.head.lemma_.lower() in reporters:
            said = [s for s in _subjects(node.head) if not (s.pos_ == "PRON" and s.lower_ in _FIRST_PERSON)]
            if said:
                return said
        if node.head.i == node.i:
            break
        node = node.head
    return []


# Verbs whose object, with a passive participle, is what the one who orders it has done ("ordered Warner jailed").
_ORDERING = {"order", "command"}
_BELIEF_VERBS = {"think", "believe", "feel", "expect", "hope"}
_ORDERED_ROOTS = {"08", "16", "17", "18", "19", "20"}  # acts done to the one named: release, expel, jail, ...


def _own_commitment(clause) -> bool:
    """"(agreed) *it will not buy* shares": a clause in which the speaker commits itself (a pronoun, a future
    modal)."""
    return any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in clause.children) and \
        any(c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in clause.children)


def _ordering_verb(verb):
    """The verb of ordering a passive participle carries out: "ordered Warner *jailed*", "ordered the men (to be)
    *deported*", "ordered that the prisoners be *released*"; None otherwise."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "dobj" and \
            verb.head.head.lemma_.lower() in _ORDERING:
        return verb.head.head
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _ORDERING and (
            any(c.dep_ == "auxpass" for c in verb.children) or _is_small_clause(verb)):
        return verb.head
    return None


# Codes of reactions (disapprove, reject, protest, reduce relations) and the conjunctions of what they react to.
_RESPONSE_ROOTS = {"11", "12", "14", "16"}
_REACTION_MARKS = {"after", "when", "because", "since"}


def _reacted_to(verb) -> list:
    """The doers of the act a reaction follows: "protested *after Japan deployed* troops" (an adverbial clause
    whose active subject is named, not a pronoun: "protested after they were arrested" names no one else)."""
    if verb.pos_ in ("NOUN", "PROPN"):  # "protests erupted after ...": the clause hangs on the noun's verb
        if verb.dep_ != "nsubj":
            return []
        verb = verb.head
    return [s for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and
            any(m.dep_ in ("mark", "advmod") and m.lower_ in _REACTION_MARKS for m in c.children)
            for s in c.children if s.dep_ == "nsubj" and s.pos_ != "PRON"]


def _is_small_clause(verb) -> bool:
    """"ordered Warner *jailed*": a bare past participle with a subject the parser read as active, is passive."""
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ == "ccomp" and not any(
        c.dep_ in ("aux", "auxpass", "dobj", "mark") for c in verb.children)


def _intent_sources(governor) -> tuple | None:
    """Who states the intent: every conjunct of the governor's subject ("Britain, France and Germany agreed to
    cooperate" is three agreements), or None when it has no subject."""
    subj = _subjects(governor)
    if not subj and governor.pos_ == "ADJ" and governor.dep_ in ("acomp", "oprd"):
        subj = _subjects(governor.head)  # "Iran is *ready* to resume talks": the copula's subject
    return tuple(_with_conjuncts(subj) or subj[:1]) or None


# Subordinating conjunctions the parser may read as prepositions ("as civil servants joined ...").
_CLAUSE_CONJUNCTIONS = frozenset({"as", "after", "before", "since", "until", "because", "while", "when"})


def _subjects(verb, depth: int = 0) -> list:
    subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS or c.dep_ == "nsubjpass"]
    if verb.dep_ == "relcl" and (not subj or subj[0].tag_ in ("WP", "WDT")):
        return [verb.head]  # "the militant commander who was killed": the relative pronoun stands for its noun
    if subj or depth > 4:
        return subj
    if depth and verb.tag_ == "VBN" and (agents := [o for c in verb.children if c.dep_ == "agent"
                                                    for o in c.children if o.dep_ == "pobj"]):
        return agents  # "the efforts made *by the armed forces* in combatting the insurgency": they combat it
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _OBJECT_CONTROL:
        # "forced the government to promise", "urged Japan to open", "called on Tokyo to stop": the object of
        # the governing verb does what its to-clause says
        held = [c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")] or \
            [o for c in verb.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and c.i < verb.i
             for o in c.children if o.dep_ == "pobj"]
        if held:
            return held
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_.lower() in _OBJECT_KEPT_FROM \
            and (kept := [c for c in verb.head.head.children if c.dep_ in ("dobj", "nsubjpass")]):
        return kept  # "the police prevented the protesters from attacking the embassy": the protesters would have
    if verb.dep_ in ("advcl", "conj") and (held := [o for c in verb.head.children if c.dep_ == "prep" and c.i < verb.i and
                                          c.lower_ in _CLAUSE_CONJUNCTIONS for o in c.children
                                          if o.dep_ == "pobj" and o.right_edge.i + 1 == verb.i]):
        # "services were affected as civil servants in Wales joined the strike": the parser reads the conjunction
        # as a preposition and the advcl's subject as its object, right before the verb
        return held
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ("for", "of") and \
            verb.head.head.pos_ == "VERB" and (judged := [o for o in verb.head.head.children if o.dep_ == "dobj" and (
                o.pos_ in ("PROPN", "PRON") or o.ent_type_ in _ACTOR_LABELS or any(
                    m.dep_ in ("amod", "compound", "poss") and m.ent_type_ in _ACTOR_LABELS for m in o.children))]):
        return judged  # "criticised Israel for killing civilians", "accused Syria of sending arms": the one judged
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep") and verb.head is not verb:
        # "claimed responsibility for slaughtering ...": climb through the preposition to its verb
        return _subjects(verb.head, depth + 1)
    return []


def _street_clash(src, tgt) -> list[tuple]:
    """A clash between police and civilians (protesters, strikers, students) is a violent protest (145) by the
    civilians and violent repression (175) by the police, both ways whichever side the sentence names first."""
    if src is None or tgt is None:
        return []
    for civ, cop in ((src, tgt), (tgt, src)):
        if cop.role == "COP" and civ.role in _PROTESTING_ROLES:
            return [(civ, cop, "145"), (cop, civ, "175")]
    return []


def _past_inherited_thing(trigger, sources: list, reporters=()) -> list:
    """The subjects one clause further up when a verb's subject was inherited from another clause (a conjunct,
    a to-clause, a "by signing" phrase) and is a thing, not an actor: "the violence ... amounted to genocide
    and urged the world" (the parser hangs "urged" on "amounted"), "wants to prevent it by signing this deal"
    under "rising demand could spark another crisis". A verb's own subject is kept ("the bombs killed 35"), and
    a sayer is not the doer of a deed he reports ("officials said the storm hit the coast and killed 30": only
    what is said, asked or judged climbs to a verb of saying, see `reporters`)."""
    if trigger.pos_ not in ("VERB", "AUX") or not sources or any(
            s.head.i == trigger.i or s.pos_ != "NOUN" or s.ent_type_ for s in sources):
        return []
    clause = sources[0].head  # the verb the thing is the subject of
    if clause.pos_ not in ("VERB", "AUX") or clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or \
            clause.head.i == clause.i or clause.head.lemma_.lower() in reporters:
        return []
    return [s for s in _subjects(clause.head) if s.i not in {x.i for x in sources}]


def _objects(verb, passive: bool) -> list:
    if passive:
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "relcl" and (not subj or subj[0].tag_ in ("WP", "WDT")):
            return [verb.head]  # "the commander who was killed"
        if not subj and _is_reduced_passive(verb) and (verb.lemma_.lower() not in _LED_BY or
                                                       verb.head.lemma_.lower() in _OWNED_ACTS):
            return [verb.head]  # "the proposal, backed by Britain": the modified noun is the patient
        return subj
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "attr")]
    # "delivered 3m euros *of aid*", "sent 500 tonnes of food", "approved $50 million in aid": an amount's "of"/"in"
    # names what is handed over; "held a new round *of talks*", "imposed a range *of sanctions*": what is counted
    return objs + [o for c in objs if c.lemma_.lower() in _AMOUNT_NOUNS or c.ent_type_ in ("MONEY", "QUANTITY")
                   for p in c.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                   for o in p.children if o.dep_ == "pobj"] + [
        o for c in objs if c.lemma_.lower() in _QUANTITY_NOUNS and c.pos_ == "NOUN" for p in c.children
        if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]


_AMOUNT_NOUNS = {"euro", "dollar", "pound", "yen", "ton", "tonne", "million", "billion", "package", "shipment",
                 "consignment", "cargo", "load", "amount", "sum", "worth"}


_DISSENT = {"dissent", "unrest", "opposition", "dissident", "activism", "resistance"}
# Nouns of judgement, demand and protest (their source may hang on their object: "objections to X *from Y*").
_OBJECTING_ROOTS = {"10", "11", "12", "13", "14"}
# Nouns of quantity whose "of" phrase is what is meant: "held a new round of talks", "a series of air strikes".
_QUANTITY_NOUNS = {"round", "series", "wave", "spate", "string", "number", "lot", "couple", "handful", "host",
                   "range", "raft", "flurry", "volley", "barrage", "set", "package"}


def _quantified(noun) -> bool:
    """Whether `noun` is the "of" object of a noun of quantity ("a series *of strikes*")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _QUANTITY_NOUNS \
        and noun.head.head.pos_ == "NOUN"


def _object_lemma(tok) -> str:
    """The lemma an object is matched by; singular "arm" is a business unit ("sold its production arm"),
    only plural "arms" are weapons."""
    if tok.lower_ == "arm":
        return "unit"
    if tok.lemma_.lower() == "state":  # "declared a state of emergency", "a state of siege": the emergency
        what = [o.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children if o.dep_ == "pobj"]
        if what and what[0] in ("emergency", "siege", "war", "alert"):
            return what[0]
    return tok.lemma_.lower()


def _noun_objects(noun) -> set[str]:
    """Lemmas of what an event noun is about: the objects of its prepositions (with their conjuncts) and its
    compound modifiers ("appeal for restraint and calm", "investigation into fraud", "a fraud investigation").
    A direct object also gets its verb's later prepositions, where the parser often hangs them."""
    out = set()
    kids = list(noun.children)
    if noun.dep_ == "dobj":  # the parser often hangs the complement on the verb: "followed [his appeal] for restraint"
        kids += [c for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i]
    for c in kids:
        if c.dep_ == "compound" and c.head.i == noun.i:
            out.add(_object_lemma(c))
        elif c.dep_ == "prep":
            for o in c.children:
                if o.dep_ == "pobj":
                    out.update(_object_lemma(t) for t in _with_conjuncts([o]))
    return out


# Resigning is 0831 (accede to demands for a change of leadership) only when the verb says it yields to pressure.
_RESIGN_LEMMAS = {"resign", "quit", "step", "abdicate", "relinquish"}
_PRESSURE_WORDS = {"pressure", "demand", "call", "protest", "criticism", "outcry", "ultimatum", "clamour", "clamor"}
_POLICE_WORDS = {"police", "policeman", "officer", "gendarme", "reservist", "reserve", "reinforcement", "guard"}
# Aircraft, ships and units "flying to" or "arriving in" a country are deployed there, not visiting it.
_MILITARY_ASSETS = {"fighter", "jet", "plane", "aircraft", "bomber", "warplane", "squadron", "helicopter", "warship",
                    "ship", "vessel", "troop", "soldier", "unit", "battalion", "brigade", "force", "submarine", "carrier"}
# What a force posture verb with no listed objects (deploy, mobilise, reinforce, fortify) moves or builds up when it
# is military: forces, their units and weapons, and the places they hold.
_ARMED_THINGS = _MILITARY_ASSETS | _POLICE_WORDS | {
    "army", "navy", "military", "militia", "garrison", "division", "regiment", "contingent", "detachment", "fleet",
    "peacekeeper", "marine", "commando", "paratrooper", "gunboat", "destroyer", "frigate", "tank", "artillery",
    "missile", "rocket", "warhead", "weapon", "arm", "battery", "launcher", "defence", "defense", "position",
    "border", "frontier", "line", "front", "base", "outpost", "checkpoint", "man"}
# Background wars: "scene of the war between Iran and Iraq", "since the war": the war is not this sentence's news.
_WAR_LEMMAS = {"war", "conflict", "fighting"}
_BACKGROUND_PREPS = {"of", "during", "since", "throughout", "after", "before", "following", "until", "from"}


_FORCE_ROOTS = {"17", "18", "19", "20"}
# Roots whose act judges or answers a thing (a statement about it, praise, a probe, criticism, a rejection, a
# sanction): with no actor named it is aimed at the country where that thing is.
_JUDGED_ROOTS = {"01", "05", "09", "11", "12", "16"}  # (not 011, declining to comment: aimed at no one)
# Nominal acts addressed to someone (appeal, offer, demand, accusation, threat): whoever accepts or rejects one
# is the one it was addressed to.
_ANSWERED_ROOTS = {"02", "03", "10", "11", "13"}
# Roots whose events always have someone they are aimed at: with nobody named, the source's own government.
# How evaluative a quotation's words must be (VADER compound, -1..1) to make it a judgement of the speaker's.
_QUOTE_TONE = 0.5
# nouns of places an adjective or compound country names the location of ("in the Baghdad slum", "a Gaza camp")
_PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "district", "area", "capital", "camp",
                          "slum", "suburb", "neighborhood", "neighbourhood", "border", "coast", "port", "state"})
_IMPLICIT_TARGET_ROOTS = {"05", "09", "10", "11", "12", "13", "14", "16", "17"}


_STATE_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


# Sources whose acts with no one named are not aimed at their own government except when they are claims on it
# (demands, complaints, rejections, threats, protests: 10-14): a firm's deal, probe or sanction is aimed at other
# firms, an armed group's coercion at the people it holds.
_NON_STATE_ROLES = {"BUS", "REB", "INS", "SEP", "CRM", "UAF"}
# Pledges with no addressee made by these are made to the public (gold rules: "030 to the country's CVL")
_PUBLIC_PLEDGES = {"pledge", "promise", "vow", "guarantee"}
_PLEDGING_ROLES = {"GOV", "OPP", "LEG"}
# Civilians whose clash with police is a violent protest
_PROTESTING_ROLES = {"LAB", "CVL", "EDU", "OPP", "AGR", "REL"}
# Who bears no arms: their "strike" is a labour strike
_UNARMED_ROLES = {"LAB", "CVL", "EDU", "BUS", "MED", "REL", "HLH", "AGR", "OPP", "NGO", "LEG", "JUD", "ELI"}
_CLAIM_ROOTS = {"10", "11", "12", "13", "14"}
# Acts done by saying (statements, appeals, intents, consultations, judgements, demands, threats)
_SAID_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13"}
# Verbs of these roots judge, reject, investigate or punish an act; their subject is not the act's author.
_REACTION_ROOTS = {"09", "11", "12", "16", "17"}
_POPULATION_CODES = ("1723", "1724", "175")  # impose curfew, state of emergency or martial law; violent repression


def _act_country(trigger, context, *, scene_only: bool = False) -> str | None:
    """The country of the place the act is said to happen in ("protested in Paris", "at the embassy in Seoul").
    `scene_only`: not a country that only qualifies a person or thing there ("near a *US* convoy", "the car of a
    *US* journalist"), for rules that take the scene's country as the doer's."""
    holders = [trigger] + ([trigger.head] if trigger.head.i != trigger.i else [])
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for o in c.children:
                    if o.dep_ != "pobj":
                        continue
                    for t in [o, *o.subtree]:
                        if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B":
                            ent = _ent_at(t)
                            if ent is None or (scene_only and ent.root.dep_ in ("compound", "amod", "nmod") and
                                               not ent.root.head.ent_type_ and ent.root.head.pos_ == "NOUN" and
                                               ent.root.head.lemma_.lower() not in _PLACE_NOUNS):
                                continue
                            country = context.place_country(ent)
                            if country:
                                return country
    return None


def _implicit_target(src: Actor, code: str = "", where: str | None = None, political: bool = False) -> Actor | None:
    """Who an act with no one named is aimed at: the government of the source's country, or, when the source
    is itself the state (a regulator's probe, a seizure by the Kremlin), the country's businesses. Abroad
    ("Iranian pilgrims protested in Mecca") it is the host government; a firm's or an armed group's act that is
    not a claim (10-14) has no implicit target."""
    if code and code[:2] not in _CLAIM_ROOTS and src.role in _NON_STATE_ROLES:
        return None
    if code.startswith(_POPULATION_CODES):  # a curfew, a state of emergency, violent repression: the population
        c = where or src.country
        return Actor(c + "CVL", f"(the population of {c})", c, "CVL", "implicit",
                     f"no target named: a curfew, emergency or repression by {src.code} is aimed at the population",
                     None)
    if where and where != src.country:
        return Actor(where + "GOV", f"(the government of {where})", where, "GOV", "implicit",
                     f"no target named: the government of the country where {src.code} acted", None)
    if src.role in _STATE_ROLES:
        return Actor(src.country + "BUS", f"(businesses of {src.country})", src.country, "BUS", "implicit",
                     f"no target named: a state actor's act ({src.code}) aimed at its country's businesses", None)
    if code == "143" and not political and src.role == "LAB" and src.country and \
            not any(w in src.name.lower() for w in _public_employees()):
        return Actor(src.country + "BUS", f"(employers of {src.country})", src.country, "BUS", "implicit",
                     f"no target named: a labour strike by {src.code} is aimed at the strikers' employers", None)
    return Actor(src.country + "GOV", f"(the government of {src.country})", src.country, "GOV", "implicit",
                 f"no target named: the government of the source's country ({src.code})", None)


_DEFINITE = {"the", "this", "that", "these", "those"}


def _earlier_owners(tok, context) -> list:
    """Whose "the plan", "the proposal", "the decision" is: the owner of the last one named (up to three sentences
    back), when this one names none."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _OWNED_ACTS or not _is_definite_event(tok) or \
            _owner_modifiers(tok) or any(c.dep_ == "poss" for c in tok.children):
        return []
    return context.earlier_owners(tok.lemma_.lower())


def _is_definite_event(tok) -> bool:
    """An event noun that points back: "the attack", "these talks", "the three days of talks"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and \
        any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.head.children)


def _is_bare_subject(tok) -> bool:
    """An event noun without article that is what its clause is about: "talks will begin", "fighting resumed"."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") and not any(
        c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in tok.children)


def _for_clause(verb) -> bool:
    """A "for X to do Y" clause: marked by "for", with "to" and a subject."""
    kids = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in kids) and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and any(c.dep_ == "nsubj" for c in kids)


def _asked_for(tok, asking: set[int]) -> bool:
    """Whether `tok` lies in the to-clause of one of the appeal or demand verbs `asking`."""
    node, hops = tok, 0
    while node.head is not node and hops < 8:
        if node.head.i in asking and (node.dep_ == "xcomp" or (node.dep_ in ("advcl", "acl") and _for_clause(node))):
            return True  # "urged Tokyo to ban imports", "calls for the mayor to apologise"
        if node.dep_ == "relcl":
            return False
        node, hops = node.head, hops + 1
    return False


def _accused_of(tok, accusing: set[int]) -> bool:
    """Whether `tok` lies in the "of V-ing" of one of the accusations `accusing` ("accused Blair *of performing* U-turns
    over rules on using force")."""
    node, hops = tok, 0
    while node.head is not node and hops < 8:
        if node.dep_ == "pcomp" and node.head.lower_ == "of" and (
                node.head.head.i in accusing or node.head.head.head.i in accusing):
            return True
        if node.dep_ == "relcl":
            return False
        node, hops = node.head, hops + 1
    return False


def _is_background(trig) -> bool:
    tok, code = trig.token, trig.code
    lemma = tok.lemma_.lower()
    if code.startswith("0831") and lemma in _RESIGN_LEMMAS:
        return not any(t.lemma_.lower() in _PRESSURE_WORDS for c in tok.children
                       if c.dep_ in ("prep", "advcl", "agent") for t in c.subtree)
    if code[:3] in ("042", "043") and any(t.lemma_.lower() in _MILITARY_ASSETS for t in trig.sources):
        return True
    if code.startswith("19") and tok.pos_ == "NOUN" and lemma in _WAR_LEMMAS and tok.dep_ == "pobj":
        return tok.head.lower_ in _BACKGROUND_PREPS
    return False


def _has_score(trig) -> bool:
    """'beat Southern Mississippi 27-3': a sport result, not a use of force."""
    if trig.code[:2] not in ("17", "18", "19", "20"):
        return False
    for h in [trig.token, *trig.targets]:
        toks = list(h.subtree)
        for k, t in enumerate(toks):
            if len(parts := t.text.replace("\u2013", "-").split("-")) == 2 and \
                    all(p.isdigit() and len(p) <= 3 for p in parts):
                return True
            if t.text in ("-", "\u2013") and 0 < k < len(toks) - 1 and toks[k - 1].i == t.i - 1 and \
                    toks[k + 1].i == t.i + 1 and all(x.text.isdigit() and len(x.text) <= 3
                                                     for x in (toks[k - 1], toks[k + 1])):
                return True  # the tokenizer may split "27-3" into three tokens
    return False


def _is_pair(head) -> bool:
    """"the two countries", "both sides": a phrase standing for the last two countries named."""
    return head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in _PAIR_HEADS and any(
        c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet", "quantmod", "amod")
        for c in head.children)


def _hyphen_partner(tok):
    """The modifier joined to `tok` by a hyphen in front of it ("Iran" in "Iran-Iraq talks"), else None."""
    if tok.dep_ not in ("compound", "amod") or not tok.text[:1].isupper():
        return None
    for x in tok.children:
        if x.dep_ in ("compound", "amod") and x.i < tok.i and x.text[:1].isupper() and \
                [t.text for t in tok.doc[x.i + 1:tok.i]] == ["-"]:
            return x
    return None


def _is_hyphen_pair(tok) -> bool:
    """One token joining two names with a hyphen ("U.S.-Japan", "Greek-Turkish"); the context checks both are
    countries."""
    parts = tok.text.split("-")
    return len(parts) == 2 and all(p[:1].isupper() for p in parts) and tok.ent_type_ in ("GPE", "NORP", "ORG")


def _is_reduced_passive(verb) -> bool:
    """A past participle modifying a noun ("the proposal, backed by Britain", "migrants deported to Libya")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN", "PRON")


def _is_reciprocal(tok) -> bool:
    """'each other', 'one another': the target is the other source."""
    return (tok.lower_ == "other" and any(c.lower_ == "each" for c in tok.children)) or \
        (tok.lower_ == "another" and any(c.lower_ == "one" for c in tok.children))


def _prep_objects(verb, objects, names: Iterable[str]) -> list:
    names = tuple(names)
    out = []
    for holder in [verb, *objects]:
        for c in holder.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in names:
                out.extend(o for o in c.children if o.dep_ == "pobj")
            if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in names and \
                    not any(o.dep_ == "pobj" for o in c.children):
                # "walked *out of* the talks", "walked *away from* the talks", "backed *out of* the deal": the
                # parser hangs the second preposition on the particle
                out.extend(o for q in c.children if q.dep_ == "prep" and q.lower_ in ("of", "from")
                           for o in q.children if o.dep_ == "pobj")
    return out


def _has_particle(verb, objects, particle: str) -> bool:
    return any(c.lower_ == particle and c.dep_ in ("prt", "prep", "advmod", "dative")
               for holder in (verb, *objects) for c in holder.children)


def _with_conjuncts(tokens: list) -> list:
    out = []
    for t in tokens:
        for x in (t, *t.conjuncts):
            if x not in out and (x.pos_ in ("NOUN", "PROPN", "PRON") or _is_reciprocal(x) or
                                 x.ent_type_ in ("NORP", "GPE") or (x.pos_ == "ADJ" and x.text[:1].isupper())):
                out.append(x)
        for c in t.children:  # "countries, such as the Philippines"
            if c.dep_ == "prep" and c.lower_ in ("as", "like", "including"):
                out.extend(o for o in c.children if o.dep_ == "pobj" and o not in out)
    return out


def _owner_modifiers(noun) -> list:
    """The actor a matched object noun belongs to: its possessor, else a named compound or nationality modifier
    ("Iraq's diplomats", "a Justice Department investigation", "the Soviet proposal")."""
    poss = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON" and c.ent_type_ not in _TIME_LABELS]
    if poss:
        return poss
    return [c for c in noun.children if c.dep_ in ("compound", "amod") and c.ent_type_ in ("GPE", "NORP", "ORG")
            and c.ent_iob_ in ("B", "I")] or [
        g for c in noun.children if c.dep_ == "compound" and c.ent_type_ == "PRODUCT" for g in c.children
        if g.dep_ == "compound" and g.ent_type_ == "ORG"]  # "30 *Airbus* A320 planes": the maker of the product


def _governing_verb(noun):
    node, hops = noun, 0
    while node.head is not node and hops < 6:
        node, hops = node.head, hops + 1
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


# Prepositions that make a nominal event the reason or time of the verb, not its act: "jailed them *for* the
# bombing", "protested *over* the killing", "met *after* the attack". The verb's subject did not do the event.
_CIRCUMSTANCE_PREPS = {"for", "over", "after", "since", "despite", "following", "amid", "about", "because",
                       "before", "during"}


def _is_purpose_meeting(noun, code: str) -> bool:
    """'arrived in Moscow *for talks* with Soviet leaders', 'will fly to South Korea *for deployment*': a meeting
    or a deployment that is the purpose of the trip is done by the one who travels."""
    return code[:2] in ("04", "15") and noun.dep_ == "pobj" and noun.head.lower_ == "for"


def _is_circumstance(noun, verb) -> bool:
    node, hops = noun, 0
    while node.i != verb.i and node.head.i != node.i and hops < 8:
        hops += 1
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in _CIRCUMSTANCE_PREPS:
            # "called for talks", "went on strike" stay: the particle of a verb pattern is not a circumstance
            return not (node.head.head.i == verb.i and node.head.lower_ == "for" and verb.lemma_.lower() in
                        {"call", "push", "press", "appeal", "ask", "plead", "lobby", "campaign", "vote"})
        node = node.head
    return False


# Verbs that punish, accuse or blame someone for an act named by a noun ("jailed X for the bombing of Y").
# "fin" is the pinned model's lemma of "fined".
_CULPRIT_VERBS = {"arrest", "jail", "imprison", "sentence", "convict", "charge", "indict", "detain", "prosecute",
                  "try", "execute", "hang", "accuse", "blame", "suspect", "punish", "fine", "fin", "condemn"}
_OWNING_VERBS = {"claim", "admit", "accept", "take"}  # ... responsibility or credit for an act
_CULPRIT_PREPS = {"for", "in", "over", "of", "with"}
_OWNED_UP = {"responsibility", "credit"}


def _culprits(noun, verb) -> list:
    """The person a punishing or blaming verb is aimed at, when the nominal act is what they are punished for."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in _CULPRIT_PREPS:
        return []
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.lemma_.lower() in _OWNING_VERBS:  # "Hamas claimed responsibility for the bombing": the claimant did it
        return _subjects(verb) if any(h.lemma_.lower() in _OWNED_UP for h in held) else []
    if verb.lemma_.lower() not in _CULPRIT_VERBS:
        return []
    attach = noun.head.head
    if attach.i != verb.i and not any(attach.i == h.i for h in held):
        return []
    return held


def _in_subject_of(noun, verb) -> bool:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj") and noun in c.subtree:
            return True
    return False


def _reports_a_clause(trig: _Trigger) -> bool:
    """'X said (that) Y attacked Z': the statement only reports; the news is the clause it carries."""
    return trig.code in _REPORTING_CODES and not trig.rule.startswith("quote:") and trig.token.pos_ in ("VERB",
                                                                                                     "AUX") and any(
        c.dep_ in ("ccomp", "xcomp", "parataxis") for c in trig.token.children)


# Statement codes that only carry the clause they report ("said that", "hoped that", "feared that"); denials,
# admissions and the like are news in themselves and stay.
_REPORTING_CODES = {"010", "012", "013"}


def _location(trigger) -> Span | None:
    holders = [trigger]
    gov = trigger.head if trigger.head is not trigger else None
    if gov is not None:
        holders.append(gov)
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                for o in c.children:
                    if o.dep_ == "pobj":
                        place = _place_in(o)
                        if place is not None:
                            return place
    # "a trip to a plant in North Carolina": the place of the event's own phrase
    for t in trigger.subtree:
        if t.dep_ == "prep" and t.lower_ in _PLACE_PREPS and t.head is not trigger:
            for o in t.children:
                if o.dep_ == "pobj" and (place := _place_in(o)) is not None:
                    return place
    return None


def _place_in(tok) -> Span | None:
    """The GPE/LOC/FAC entity at or under `tok` ("a plant in North Carolina" -> North Carolina)."""
    for t in [tok, *tok.subtree]:
        if t.ent_type_ in _PLACE_LABELS:
            ent = _ent_at(t)
            if ent is not None:
                return Span(ent.start_char, ent.end_char, ent.text)
    return None


_ENTS_OF: list = [None, {}]  # the last Doc asked about, and its entity by token index


def _is_named(m) -> bool:
    """A mention of an organisation or group by its name: known to the tables, or a capitalised name described
    in the phrase ("Cairn Energy, a UK oil firm" resolves through its apposition, as a country and a role)."""
    return m.actors[0].kind in ("org", "group") or (m.head.pos_ == "PROPN" and m.head.ent_type_ == "ORG")


def _us_ticker(head) -> bool:
    """"Stone Container Co <STO>", "Alliant Computer Systems Inc <ALNT>": wire copy follows a company's name
    with its stock symbol; a plain symbol is a US listing, other exchanges add a suffix ("<TOYO.T>", "<THNL.L>")."""
    doc = head.doc
    ent = _ent_at(head)
    end = ent.end if ent is not None else head.i + 1
    for i in range(max(head.i - 1, 1), min(end + 1, len(doc) - 2)):
        if doc[i].text == "<" and doc[i + 2].text == ">" and doc[i - 1].text[:1].isupper() and \
                _TICKER.fullmatch(doc[i + 1].text):
            return True
    return False


_TICKER = re.compile(r"[A-Z][A-Z0-9]{0,5}")
_FOREIGN_TICKER = re.compile(r"[A-Z][A-Z0-9]{0,5}\.[A-Z]{1,3}")


def _foreign_listing(head) -> bool:
    """"Talbot Motor Corp <TALB.T>": a stock symbol with another exchange's suffix after the company's name."""
    doc = head.doc
    ent = _ent_at(head)
    end = ent.end if ent is not None else head.i + 1
    return any(doc[i].text == "<" and doc[i + 2].text == ">" and _FOREIGN_TICKER.fullmatch(doc[i + 1].text)
               for i in range(max(head.i - 1, 1), min(end + 1, len(doc) - 2)))


def _ent_at(token):
    """The entity that covers `token`, or None. `doc.ents` builds every entity Span anew at each call, so the
    entities are indexed once per Doc (entities never overlap)."""
    doc = token.doc
    if _ENTS_OF[0] is not doc:
        _ENTS_OF[:] = [doc, {i: e for e in doc.ents for i in range(e.start, e.end)}]
    return _ENTS_OF[1].get(token.i)
