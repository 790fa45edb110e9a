"""Event dates: the article date, moved by the relative expressions of the event's sentence."""
from __future__ import annotations

from datetime import date as Date, timedelta

_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def resolve_relative_date(sent, base: Date | None) -> Date | None:
    """Shift `base` by the first relative day expression in the sentence.

    "yesterday" / "tomorrow" move by a day; a weekday name moves to that day in the past for past-tense
    sentences and in the future otherwise (the article's own weekday is its date). Week-level phrases ("this week", "last week") keep the
    base date: the day is not known, and the article date is the best estimate.
    """
    if base is None:
        return None
    past = any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "ccomp") for t in sent)
    for tok in sent:
        if tok.ent_type_ not in ("DATE", "TIME"):
            continue
        word = tok.lower_
        if word in _DAY_OFFSETS:
            return base + timedelta(days=_DAY_OFFSETS[word])
        if word in _WEEKDAYS:
            target = _WEEKDAYS.index(word)
            # the article's own weekday is the article's day ("on Wednesday" in Wednesday's paper)
            if past:
                return base - timedelta(days=(base.weekday() - target) % 7)
            return base + timedelta(days=(target - base.weekday()) % 7)
    return base
