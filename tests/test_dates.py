"""Relative dates in a sentence move the article date the way a reader would."""
from datetime import date

import pytest

from newsevents.coding.dates import resolve_relative_date

WEDNESDAY = date(2024, 4, 10)


@pytest.mark.parametrize("text, expected", [
    ("Police arrested two men yesterday.", date(2024, 4, 9)),
    ("The ministers will meet tomorrow.", date(2024, 4, 11)),
    ("Rebels attacked the town on Monday.", date(2024, 4, 8)),
    ("The leaders will meet on Friday.", date(2024, 4, 12)),
    ("Troops withdrew on Wednesday.", WEDNESDAY),
    ("Leaders meet this week.", WEDNESDAY),
])
def test_relative_days(pipeline, text, expected):
    sent = next(pipeline.nlp(text).sents)
    assert resolve_relative_date(sent, WEDNESDAY) == expected


def test_no_base_date_stays_unknown(pipeline):
    assert resolve_relative_date(next(pipeline.nlp("He left yesterday.").sents), None) is None
