"""Amounts and the thing they measure: "$14.9 billion" -> "acquisition", "90%" -> "earnings".

The amounts are spaCy's MONEY, QUANTITY and PERCENT entities, widened to a currency sign just before them,
plus bare numbers followed by a currency or percent word ("200 mln dlrs", "12 pct": `data/amounts.yaml`).
The object is found in the dependency parse, from the amount's head word outwards:

1. "90% of average earnings", "3.5 mln tonnes of wheat": the noun after "of";
2. otherwise up the heads: the first noun the amount modifies ("the $14.9 billion acquisition");
   through prepositions and adjectives ("a deal worth $5 million", "rise by £1,400");
3. at a verb: its object, else its subject ("Maternity pay ... is to rise by £1,400" -> "pay");
4. failing all that, the nearest noun in the sentence.
The object span includes its compound words ("maternity pay"). `value` is the number with its multiplier
(14.9e9), or None when the text holds no number.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

import yaml

from ..records import Amount, Span

_KINDS = ("MONEY", "QUANTITY", "PERCENT")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_NOUNS = ("NOUN", "PROPN")
_OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    text = resources.files("newsevents.knowledge").joinpath("data", "amounts.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        "mult": {str(k).lower(): float(v) for k, v in data["multipliers"].items()},
        "words": {str(k).lower(): float(v) for k, v in data["number_words"].items()},
        "currency": frozenset(str(w).lower() for w in data["currency_words"]),
        "signs": frozenset(data["currency_signs"]),
        "percent": frozenset(str(w).lower() for w in data["percent_words"]),
    }


def parse_value(text: str) -> float | None:
    """"$14.9 billion" -> 14.9e9, "£1,400" -> 1400.0, "90%" -> 90.0, "two million" -> 2e6."""
    t = _tables()
    words = re.findall(r"[A-Za-z]+|\d[\d,]*(?:\.\d+)?|\.\d+", text)
    value = None
    for w in words:
        lw = w.lower()
        if _NUMBER.fullmatch(w):
            try:
                value = float(w.replace(",", "")) if value is None else value
            except ValueError:
                continue
        elif lw in t["mult"] and value is not None:
            value *= t["mult"][lw]
        elif lw in t["words"] and lw != "a":
            n = t["words"][lw]
            value = n if value is None else (value * n if n >= 100 else value)
    return value


class AmountFinder:
    def __init__(self):
        self.t = _tables()

    def _spans(self, doc) -> list[tuple[str, object]]:
        out = []
        for ent in doc.ents:
            if ent.label_ in _KINDS:
                start, end = ent.start, ent.end
                if start > 0 and doc[start - 1].text in self.t["signs"]:
                    start -= 1
                # "£600m": a multiplier glued to the number that NER left out
                if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_.rstrip(".") in self.t["mult"]:
                    end += 1
                out.append((ent.label_, doc[start:end]))
            elif ent.label_ == "CARDINAL":
                end = ent.end
                if end < len(doc) and doc[end].lower_ in self.t["mult"]:
                    end += 1
                one = doc[end].lower_ if end < len(doc) else ""
                two = f"{one} {doc[end + 1].lower_}" if end + 1 < len(doc) else ""
                if two in self.t["percent"]:
                    out.append(("PERCENT", doc[ent.start:end + 2]))
                elif one in self.t["percent"]:
                    out.append(("PERCENT", doc[ent.start:end + 1]))
                elif one in self.t["currency"]:
                    out.append(("MONEY", doc[ent.start:end + 1]))
                elif ent.start > 0 and doc[ent.start - 1].text in self.t["signs"]:
                    out.append(("MONEY", doc[ent.start - 1:ent.end]))
        return out

    def __call__(self, doc) -> list[Amount]:
        amounts = []
        for kind, span in self._spans(doc):
            obj = self._object(doc, span)
            text, end = span.text, span.end_char
            if text.endswith(".") and len(text) > 1:  # "$500m." at the end of a sentence
                text, end = text[:-1], end - 1
            amounts.append(Amount(
                kind=kind, span=Span(span.start_char, end, text), value=parse_value(text),
                object=Span(obj.start_char, obj.end_char, obj.text) if obj is not None else None))
        return amounts

    # ------------------------------------------------------------------ object
    def _object(self, doc, span):
        inside = range(span.start, span.end)
        root = span.root
        # 1. "90% of average earnings"
        for tok in [root] + [t for t in span if t is not root]:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in _NOUNS), None)
                    if pobj is not None and pobj.i not in inside:
                        return _phrase(doc, pobj)
        # 2./3. up the heads
        tok = root
        for _ in range(5):
            head = tok.head
            if head.i == tok.i:
                break
            if head.i in inside:
                tok = head
                continue
            if head.pos_ in _NOUNS and not _numeric(head):
                return _phrase(doc, head)
            if head.pos_ in ("VERB", "AUX"):
                for deps in (_OBJECT_DEPS, _SUBJECT_DEPS):
                    cand = next((c for c in head.children if c.dep_ in deps and c.i not in inside
                                 and c.pos_ in _NOUNS and not _numeric(c) and c.i not in _subtree(root)), None)
                    if cand is not None:
                        return _phrase(doc, cand)
                break
            tok = head
        # 4. nearest noun in the sentence
        sent = root.sent
        best, dist = None, None
        for t in sent:
            if t.i in inside or t.pos_ not in _NOUNS or _numeric(t) or t.ent_type_ in _KINDS + ("CARDINAL",):
                continue
            d = min(abs(t.i - span.start), abs(t.i - (span.end - 1)))
            if dist is None or d < dist:
                best, dist = t, d
        return _phrase(doc, best) if best is not None else None


def _numeric(tok) -> bool:
    """A number or an amount word ("32bn", "600", "$", "dlrs", "pct"), not a thing an amount can measure."""
    t = _tables()
    low = tok.lower_
    return (tok.like_num or any(c.isdigit() for c in tok.text) or tok.ent_type_ in _KINDS or tok.is_currency
            or low in t["currency"] or low in t["percent"] or low in t["mult"] or low in ("dlr", "vs"))


def _subtree(tok) -> set[int]:
    return {t.i for t in tok.subtree}


def _phrase(doc, tok):
    """The noun with the compound words before it ("maternity pay", "battery plant")."""
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(start, tok.i + 1) \
            and not _numeric(doc[start - 1]):
        start -= 1
    return doc[start:tok.i + 1]
