"""English verb and noun patterns that map event mentions to CAMEO codes.

The default lexicon is `coding/data/verbs.yaml` + `coding/data/nouns.yaml`; extra YAML files (same format,
either a list of verb entries, or a mapping with `verbs:` and/or `nouns:` lists) extend it.

Verb entry fields: lemma, code (required); prep, particle (optional str); objects, manner (optional lists of
lemmas; manner: adverbs one of which must modify the verb); no_target (optional bool); note (optional str).
Noun entry fields: lemma, code (required); preps, source_preps, target_preps, objects (optional lists); note.
A noun entry with `objects` applies only when one of them is the lemma of what the noun is about: the object of
one of its prepositions ("appeal *for restraint*", "investigation *into fraud*") or a compound modifier ("a
*fraud* investigation"); such an entry is preferred over the same lemma's entries without `objects`.
Any unknown code, missing or mistyped field raises E204.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from newsevents.coding.ontology import Ontology
from newsevents.errors import NewsEventsError, error

VERB_FIELDS = {"lemma", "code", "prep", "particle", "objects", "manner", "no_target", "note"}
NOUN_FIELDS = {"lemma", "code", "preps", "source_preps", "target_preps", "objects", "note"}


@dataclass(frozen=True)
class VerbPattern:
    lemma: str
    code: str
    prep: str | None = None
    particle: str | None = None
    objects: tuple[str, ...] = ()
    no_target: bool = False
    note: str = ""
    manner: tuple[str, ...] = ()  # required manner adverbs: "reacted *angrily* to" (the adverb makes the code)

    @property
    def specificity(self) -> int:
        """Higher is more specific: required objects or manner count 2, a particle 2, a target preposition 1."""
        return (2 if self.objects else 0) + (2 if self.manner else 0) + (2 if self.particle else 0) + \
            (1 if self.prep else 0)

    @property
    def rule(self) -> str:
        """A short readable id for the entry, e.g. 'verb:impose[sanction|tariff]+on->163'."""
        s = f"verb:{self.lemma}"
        if self.particle:
            s += f"_{self.particle}"
        if self.objects:
            s += "[" + "|".join(self.objects) + "]"
        if self.manner:
            s += "(" + "|".join(self.manner) + ")"
        if self.prep:
            s += f"+{self.prep}"
        return f"{s}->{self.code}"


@dataclass(frozen=True)
class NounPattern:
    lemma: str
    code: str
    preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    target_preps: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    note: str = ""

    @property
    def rule(self) -> str:
        """e.g. 'noun:appeal->020', 'noun:appeal[restraint|ceasefire]->0256'."""
        objs = "[" + "|".join(self.objects) + "]" if self.objects else ""
        return f"noun:{self.lemma}{objs}->{self.code}"


class Lexicon:
    def __init__(self, verbs: Sequence[VerbPattern], nouns: Sequence[NounPattern]):
        self._verbs: dict[str, list[VerbPattern]] = {}
        self._nouns: dict[str, list[NounPattern]] = {}
        for v in verbs:
            self._verbs.setdefault(v.lemma, []).append(v)
        for n in nouns:
            self._nouns.setdefault(n.lemma, []).append(n)
        for pats in self._verbs.values():
            # Most specific first. At equal specificity, entries that need a target come before
            # `no_target` ones ("struck X" -> 190 before intransitive "workers struck" -> 143); otherwise
            # file order is kept (sort is stable; extra files come after the defaults).
            pats.sort(key=lambda p: (-p.specificity, p.no_target))
        self._n_verbs = len(verbs)
        self._n_nouns = len(nouns)

    @classmethod
    def load(cls, extra_files: Sequence[str] = ()) -> "Lexicon":
        if not extra_files:
            return _load_default()
        verbs, nouns = _default_entries()
        verbs, nouns = list(verbs), list(nouns)
        for f in extra_files:
            v, n = _read_file(Path(f))
            verbs += v
            nouns += n
        return cls(verbs, nouns)

    def verbs(self, lemma: str) -> list[VerbPattern]:
        return list(self._verbs.get(lemma, ()))

    def nouns(self, lemma: str) -> list[NounPattern]:
        return list(self._nouns.get(lemma, ()))

    def verb_lemmas(self) -> list[str]:
        return sorted(self._verbs)

    def all_verbs(self) -> list[VerbPattern]:
        return [p for pats in self._verbs.values() for p in pats]

    def all_nouns(self) -> list[NounPattern]:
        return [p for pats in self._nouns.values() for p in pats]

    def __len__(self) -> int:
        return self._n_verbs + self._n_nouns


# ---------------------------------------------------------------- parsing

def _str(entry: dict, key: str, bad, required: bool = False) -> str | None:
    v = entry.get(key)
    if v is None:
        if required:
            raise bad(f"missing field '{key}'")
        return None
    if key == "code" and isinstance(v, int):
        raise bad(f"code {v!r} must be a quoted string (leading zeros matter)")
    if not isinstance(v, str) or not v.strip():
        raise bad(f"field '{key}' must be a non-empty string")
    return v.strip()


def _list(entry: dict, key: str, bad) -> tuple[str, ...]:
    v = entry.get(key)
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
        raise bad(f"field '{key}' must be a non-empty list of strings")
    return tuple(x.strip() for x in v)


def _parse_verbs(items, file: str, ontology: Ontology, offset: int = 0) -> list[VerbPattern]:
    out = []
    for n, entry in enumerate(items, start=1 + offset):
        def bad(reason, n=n):
            return error("E204", file=file, n=n, reason=reason)
        if not isinstance(entry, dict):
            raise bad("entry is not a mapping")
        unknown = set(entry) - VERB_FIELDS
        if unknown:
            raise bad(f"unknown field(s) {sorted(unknown)}")
        code = _str(entry, "code", bad, required=True)
        if code not in ontology:
            raise bad(f"unknown CAMEO code {code!r}")
        no_target = entry.get("no_target", False)
        if not isinstance(no_target, bool):
            raise bad("field 'no_target' must be true or false")
        out.append(VerbPattern(
            lemma=_str(entry, "lemma", bad, required=True).lower(), code=code,
            prep=_str(entry, "prep", bad), particle=_str(entry, "particle", bad),
            objects=_list(entry, "objects", bad), no_target=no_target,
            note=_str(entry, "note", bad) or "", manner=_list(entry, "manner", bad)))
    return out


def _parse_nouns(items, file: str, ontology: Ontology) -> list[NounPattern]:
    out = []
    for n, entry in enumerate(items, start=1):
        def bad(reason, n=n):
            return error("E204", file=file, n=n, reason=reason)
        if not isinstance(entry, dict):
            raise bad("entry is not a mapping")
        unknown = set(entry) - NOUN_FIELDS
        if unknown:
            raise bad(f"unknown field(s) {sorted(unknown)}")
        code = _str(entry, "code", bad, required=True)
        if code not in ontology:
            raise bad(f"unknown CAMEO code {code!r}")
        out.append(NounPattern(
            lemma=_str(entry, "lemma", bad, required=True).lower(), code=code,
            preps=_list(entry, "preps", bad), source_preps=_list(entry, "source_preps", bad),
            target_preps=_list(entry, "target_preps", bad),
            objects=tuple(x.lower() for x in _list(entry, "objects", bad)), note=_str(entry, "note", bad) or ""))
    return out


class _Loader(yaml.SafeLoader):
    """SafeLoader where only true/false are booleans: YAML 1.1 would read the prepositions `on`/`off`
    and words like `yes`/`no` as booleans."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))


def _parse_yaml(text: str, file: str):
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise error("E204", file=file, n=0, reason=f"not valid YAML: {exc}".replace("\n", " ")) from None


def _read_file(path: Path) -> tuple[list[VerbPattern], list[NounPattern]]:
    """An extra lexicon file: a list of verb entries, or a mapping with `verbs` and/or `nouns` lists."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error("E204", file=file, n=0, reason=f"cannot read file: {exc.strerror or exc}") from None
    data = _parse_yaml(text, file)
    onto = Ontology.load()
    if data is None:
        return [], []
    if isinstance(data, list):
        return _parse_verbs(data, file, onto), []
    if isinstance(data, dict) and set(data) <= {"verbs", "nouns"}:
        verbs, nouns = data.get("verbs") or [], data.get("nouns") or []
        if not isinstance(verbs, list) or not isinstance(nouns, list):
            raise error("E204", file=file, n=0, reason="'verbs' and 'nouns' must be lists")
        return _parse_verbs(verbs, file, onto), _parse_nouns(nouns, file, onto)
    raise error("E204", file=file, n=0,
                reason="file must be a list of verb entries or a mapping with 'verbs'/'nouns' lists")


def _data_text(name: str) -> str:
    return resources.files("newsevents.coding").joinpath("data", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _default_entries() -> tuple[tuple[VerbPattern, ...], tuple[NounPattern, ...]]:
    onto = Ontology.load()
    verbs = _parse_yaml(_data_text("verbs.yaml"), "verbs.yaml")
    nouns = _parse_yaml(_data_text("nouns.yaml"), "nouns.yaml")
    if not isinstance(verbs, list) or not isinstance(nouns, list):
        raise error("E204", file="verbs.yaml/nouns.yaml", n=0, reason="each file must be a YAML list")
    return tuple(_parse_verbs(verbs, "verbs.yaml", onto)), tuple(_parse_nouns(nouns, "nouns.yaml", onto))


@functools.lru_cache(maxsize=1)
def _load_default() -> Lexicon:
    verbs, nouns = _default_entries()
    return Lexicon(verbs, nouns)


__all__ = ["VerbPattern", "NounPattern", "Lexicon", "NewsEventsError"]
