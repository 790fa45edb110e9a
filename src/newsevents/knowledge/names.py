"""Persons, organisations and places named in an article, counted, with the offsets of every mention.

Grouping:
* persons: a shorter name joins the fullest name of the article that ends with it or contains it
  ("Kishida" -> "Fumio Kishida", "Ms Hewitt" -> "Patricia Hewitt"); titles ("Mr", "President") are not part
  of the name;
* organisations: by their text without a leading "the" and a trailing possessive;
* places (GPE, LOC, FAC): by the GeoNames record they resolve to (`PlaceResolver`, with the article's countries
  as context), else by their text.
Every group carries the actor code its fullest name resolves to (`ActorResolver`, at the article's date, with
the coder's memory of the article: "Eddington" after "BA chief executive Rod Eddington" is GBRBUS) and, for places, the GeoNames id, country and point. The raw `Entity` records get their `actor_code` filled too.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..records import Entity, Name, Span

KIND = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_TITLES = frozenset("""mr mrs ms miss dr prof sir dame lord lady president vice prime minister premier chancellor
senator sen rep gov governor gen general col colonel capt captain king queen prince princess pope rev
secretary judge justice chairman chief ambassador mayor""".split())
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_THE = re.compile(r"^(?:the|The)\s+")


def usable_actor(actor):
    """The actor, unless it is a bare role word read into a name ("General Election" -> MIL, "Labour" -> LAB,
    "spokesman" -> GOV): without a country only organisations and groups stand for themselves."""
    if actor is not None and not actor.country and actor.kind not in ("igo", "org", "group"):
        return None
    return actor


def clean_name(text: str) -> str:
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", text).strip()
    return _THE.sub("", text).strip()


def _person_tokens(text: str) -> list[str]:
    toks = [t for t in re.split(r"\s+", clean_name(text)) if t]
    while len(toks) > 1 and toks[0].lower().rstrip(".") in _TITLES:
        toks = toks[1:]
    return toks


class NameIndex:
    """Builds the `Name` records of an article from its entity mentions."""

    def __init__(self, actors=None, places=None):
        self.actors = actors
        self.places = places

    def __call__(self, entities: Sequence[Entity], *, date=None, context_countries: Sequence[str] = (),
                 text: str = "", memory=None) -> list[Name]:
        actor_cache: dict[str, object] = {}

        def actor(name: str):
            if self.actors is None or not name:
                return None
            if name not in actor_cache:
                try:
                    found = self.actors.resolve(name, date=date, memory=memory)
                except Exception:  # a resolver failure must not lose the article's knowledge
                    found = None
                actor_cache[name] = usable_actor(found)
            return actor_cache[name]

        # fill the raw entities' actor codes
        for e in entities:
            if not e.actor_code:
                a = actor(clean_name(e.text))
                e.actor_code = a.code if a else ""

        persons = [e for e in entities if e.label == "PERSON"]
        orgs = [e for e in entities if e.label == "ORG"]
        places = [e for e in entities if KIND.get(e.label) == "place"]
        # NER slips: "Kishida's" tagged ORG when "Fumio Kishida" is a person of the article; "G7" tagged GPE
        person_words = {w for e in persons for w in _person_tokens(e.text)}
        moved = [e for e in orgs if tuple(_person_tokens(e.text)) and
                 all(w in person_words for w in _person_tokens(e.text))]
        persons += moved
        orgs = [e for e in orgs if e not in moved]
        for e in list(places):
            a = actor(clean_name(e.text))
            if a is not None and a.kind in ("igo", "org") and (self.places is None or not self.places.knows(e.text)):
                places.remove(e)
                orgs.append(e)
        names = self._persons(persons, actor) + self._orgs(orgs, actor)
        names += self._places(places, actor, context_countries)
        names.sort(key=lambda n: (-n.count, n.mentions[0].start))
        return names

    # ------------------------------------------------------------------ kinds
    def _persons(self, mentions: list[Entity], actor) -> list[Name]:
        full: dict[tuple[str, ...], list[Entity]] = {}
        for e in mentions:
            toks = tuple(_person_tokens(e.text))
            if toks:
                full.setdefault(toks, []).append(e)
        keys = sorted(full, key=lambda k: (-len(k), k))
        owner: dict[tuple[str, ...], tuple[str, ...]] = {}
        for k in keys:  # longest first, so every fuller name already knows whether it is a group's root
            longer = [o for o in keys if len(o) > len(k) and owner[o] == o and _contains(o, k)]
            if len(longer) == 1:
                owner[k] = longer[0]
            else:
                owner[k] = _unique_best(longer, k) or k if longer else k
        groups: dict[tuple[str, ...], list[Entity]] = {}
        for k, es in full.items():
            groups.setdefault(owner[k], []).extend(es)
        out = []
        for k, es in groups.items():
            name = " ".join(k)
            out.append(self._name("person", name, es, actor(name)))
        return out

    def _orgs(self, mentions: list[Entity], actor) -> list[Name]:
        groups: dict[str, list[Entity]] = {}
        for e in mentions:
            key = clean_name(e.text)
            if key:
                groups.setdefault(key.lower(), []).append(e)
        out = []
        for es in groups.values():
            name = Counter(clean_name(e.text) for e in es).most_common(1)[0][0]
            out.append(self._name("organisation", name, es, actor(name)))
        return out

    def _places(self, mentions: list[Entity], actor, context_countries) -> list[Name]:
        resolved: dict[str, object] = {}
        groups: dict[object, list[Entity]] = {}
        place_names = [e.text for e in mentions]
        for e in mentions:
            key = clean_name(e.text)
            if not key:
                continue
            if key not in resolved:
                place = None
                if self.places is not None:
                    try:
                        place = self.places.resolve(key, context_countries=list(context_countries),
                                                    context_places=place_names)
                    except Exception:
                        place = None
                resolved[key] = place
            place = resolved[key]
            gkey = ("g", place.geonames_id) if place is not None and place.geonames_id is not None else \
                ("n", place.name if place is not None else key.lower())
            groups.setdefault(gkey, []).append(e)
        out = []
        for es in groups.values():
            text = Counter(clean_name(e.text) for e in es).most_common(1)[0][0]
            place = resolved.get(text) or next((resolved[clean_name(e.text)] for e in es
                                                if resolved.get(clean_name(e.text))), None)
            a = actor(text)
            n = self._name("place", place.name if place is not None else text, es, a)
            if place is not None:
                n.geonames_id, n.feature = place.geonames_id, place.feature
                n.country, n.adm1 = place.country, place.adm1
                n.lat, n.lon, n.reason = place.lat, place.lon, place.reason
            else:
                n.reason = "not in the gazetteer"
                n.country = a.country if a is not None else None
            out.append(n)
        return out

    @staticmethod
    def _name(kind: str, name: str, mentions: list[Entity], actor) -> Name:
        mentions = sorted(mentions, key=lambda e: e.start)
        return Name(
            kind=kind, name=name, count=len(mentions),
            mentions=[Span(e.start, e.end, e.text) for e in mentions], label=mentions[0].label,
            actor_code=actor.code if actor is not None else "",
            country=actor.country if actor is not None else None,
            reason=actor.reason if actor is not None else "no actor table entry",
        )


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _unique_best(longer: list[tuple[str, ...]], short: tuple[str, ...]) -> tuple[str, ...] | None:
    """Among several fuller names containing `short`, the one ending with it if only one does."""
    ending = [o for o in longer if o[-len(short):] == short]
    return ending[0] if len(ending) == 1 else None


def fullest_person(name: str, persons: Sequence[Name]) -> Name | None:
    """The one person of `persons` whose name contains `name` ("Ms Hewitt" -> "Patricia Hewitt")."""
    toks = tuple(_person_tokens(name)) if name else ()
    if not toks:
        return None
    found = [p for p in persons if _contains(tuple(p.name.split()), toks)]
    return found[0] if len(found) == 1 else None
