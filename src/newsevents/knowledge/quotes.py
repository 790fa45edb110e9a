"""Direct quotations and their speakers.

Quotations are the text between quotation marks: curly marks pair explicitly; a straight mark (") opens when
it follows a space or the start of a line (or "(", ":", a dash) and is followed by a non-space, and closes
otherwise. A quotation still open when the next one opens ends there (news copy that runs a quotation over
several paragraphs repeats the opening mark and drops the closing one). Quotations shorter than `min_words`
words are not kept (scare quotes: the plan was "desperate").

The speaker is the subject of a speech verb (`data/quotes.yaml`) standing next to the quotation in the same
sentence: after it ("...," X said / "...," said X) or before it (X said: "..."). A pronoun speaker ("he said")
is reported as written and named after the last person named before the quotation. A quotation that follows
the previous one with nothing in between continues it and has its speaker. Quotations whose speaker the text
does not give are kept with no speaker.
"""
from __future__ import annotations

import bisect
import functools
import re
from importlib import resources

import yaml

from ..records import Quotation, Span
from .names import usable_actor

_OPEN_BEFORE = frozenset(" \t\n([{:—–-/")
_MARKS = frozenset('"“”\'‘’')
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})


@functools.lru_cache(maxsize=1)
def _config() -> dict:
    text = resources.files("newsevents.knowledge").joinpath("data", "quotes.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["speech_verbs"] = frozenset(data["speech_verbs"])
    return data


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the quoted text, without the marks."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    n = len(text)
    for m in re.finditer(r"[\"“”]", text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < n else " "
        if ch == "“":
            is_open = True
        elif ch == "”":
            is_open = False
        else:
            is_open = before in _OPEN_BEFORE and not after.isspace()
        if is_open:
            if open_at is not None:  # unclosed quotation: it ends where the next one opens
                spans.append((open_at, i))
            open_at = i + 1
        elif open_at is not None:
            spans.append((open_at, i))
            open_at = None
    if open_at is not None:
        # an unclosed quotation at the end runs to the end of its paragraph
        end = text.find("\n", open_at)
        spans.append((open_at, n if end < 0 else end))
    out = []
    for s, e in spans:
        while e > s and text[e - 1] in " \t\n,":
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append((s, e))
    return out


class QuoteFinder:
    def __init__(self, actors=None):
        cfg = _config()
        self.verbs = cfg["speech_verbs"]
        self.min_words = int(cfg.get("min_words", 3))
        self.after = int(cfg.get("verb_window_after", 6))
        self.before = int(cfg.get("verb_window_before", 5))
        self.actors = actors

    def __call__(self, doc, *, date=None, text: str | None = None) -> list[Quotation]:
        """Quotations of `doc` (`text`, if given, must be the doc's text: it saves rebuilding it)."""
        text = doc.text if text is None else text
        if '"' not in text and "“" not in text:
            return []
        spans = quote_spans(text)
        if not spans:
            return []
        inside = _Inside(spans)
        starts = doc.to_array("IDX").tolist()  # token start offsets, without building Token objects
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        out: list[Quotation] = []
        prev: Quotation | None = None
        prev_end = -1
        for s, e in spans:
            quote_text = text[s:e]
            if len(quote_text.split()) < self.min_words:
                prev = None
                continue
            q = Quotation(quote=Span(s, e, quote_text))
            found = self._speaker(doc, text, s, e, inside, starts, persons)
            if found is not None:
                verb, subj = found
                q.verb = verb.text
                if subj is not None:
                    q.speaker = Span(subj.start_char, subj.end_char, subj.text)
                    q.speaker_name, q.reason = self._name(subj, persons, s)
            elif prev is not None and prev.speaker is not None and _only_marks(text[prev_end:s]):
                q.verb, q.speaker, q.speaker_name = prev.verb, prev.speaker, prev.speaker_name
                q.reason = "continues the previous quotation"
            if q.speaker_name and self.actors is not None:
                try:
                    actor = usable_actor(self.actors.resolve(q.speaker_name, date=date))
                except Exception:
                    actor = None
                q.speaker_code = actor.code if actor is not None else ""
            if not q.reason:
                q.reason = "no speech verb next to the quotation" if not q.verb else q.reason or \
                    "speech verb without a subject"
            out.append(q)
            prev, prev_end = q, e
        return out

    # ------------------------------------------------------------------ speaker
    def _speaker(self, doc, text: str, s: int, e: int, inside: "_Inside", starts: list[int], persons: list):
        """(speech verb token, subject span or None) next to the quotation [s, e), else None."""
        # after the closing mark: not when the quotation ended a sentence and a new one starts ("...." She said)
        i = bisect.bisect_left(starts, e)
        ended = text[e - 1] in ".!?"
        count = 0
        while i < len(doc) and count < self.after:
            t = doc[i]
            if inside(t.idx) or "\n" in t.text:
                break
            if t.is_punct or t.is_space or t.text in _MARKS:
                if t.text in ".!?;":
                    break
                i += 1
                continue
            if count == 0 and ended and t.text[:1].isupper():
                break
            count += 1
            if t.lemma_ in self.verbs and t.pos_ in ("VERB", "AUX"):
                return t, self._subject(doc, t, inside, persons)
            i += 1
        # before the opening mark
        i = bisect.bisect_left(starts, s) - 1
        count = 0
        while i >= 0 and count < self.before:
            t = doc[i]
            if inside(t.idx) or t.text in ".!?;" or "\n" in t.text:
                break
            if t.is_punct or t.is_space or t.text in _MARKS:
                i -= 1
                continue
            count += 1
            if t.lemma_ in self.verbs and t.pos_ in ("VERB", "AUX"):
                return t, self._subject(doc, t, inside, persons)
            i -= 1
        return None

    @staticmethod
    def _subject(doc, verb, inside, persons):
        subj = next((c for c in verb.children if c.dep_ in _SUBJ and not inside(c.idx)), None)
        if subj is None:  # "...," said Mr Smith: a name right after the verb
            nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ in ("PROPN", "NOUN") and not inside(nxt.idx):
                subj = nxt
                while subj.head.i != subj.i and subj.dep_ == "compound" and subj.head.i > subj.i:
                    subj = subj.head
        if subj is None:
            return None
        # a named person in the subject (appositions included) is the speaker's name
        for ent in persons:
            if subj.left_edge.i <= ent.start and ent.end <= subj.right_edge.i + 1 and not inside(ent.start_char):
                return ent
        # "The Shadow Secretary ..., Theresa May, said": the name in apposition
        appos = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None and not inside(appos.idx):
            subj = appos
        lefts = [c.i for c in subj.lefts if c.dep_ in ("compound", "poss", "amod", "nmod", "case")]
        start = min([subj.i] + [doc[i].left_edge.i for i in lefts])
        end = subj.i + 1
        while end < len(doc) and doc[end].dep_ == "case" and doc[end].head.i == subj.i:
            end += 1
        return doc[start:end]

    @staticmethod
    def _name(subj, persons, quote_start: int) -> tuple[str, str]:
        if len(subj) == 1 and subj[0].lower_ in _PRONOUNS:
            before = [p for p in persons if p.end_char <= quote_start and p.end_char <= subj.start_char] or \
                [p for p in persons if p.end_char <= quote_start]
            if before:
                return before[-1].text, f"pronoun '{subj.text}' read as the last person named before it"
            return "", f"pronoun '{subj.text}' with no person named before it"
        return subj.text, "subject of the speech verb"


class _Inside:
    """Is a character offset inside one of the quotations?"""

    def __init__(self, spans):
        self.spans = spans

    def __call__(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.spans)


def _only_marks(text: str) -> bool:
    return all(c.isspace() or c in '"“”,.' for c in text)
