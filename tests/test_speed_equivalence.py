"""Speed-only shortcuts give exactly what the plain computation they replace gives (real pipeline, real corpus)."""
from __future__ import annotations

from newsevents import nlp as nlp_stage


def test_sentence_flags_of_a_mention_are_those_of_its_sentence(corpora):
    from newsevents.actors import resolver

    paths = sorted((corpora / "bbc_news" / "bbc").glob("sport/*.txt"))[:8] + \
        sorted((corpora / "bbc_news" / "bbc").glob("business/*.txt"))[:8]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    texts.append("Nurses went on strike in Leeds. The captain of the England team said the match was lost.")
    seen = set()
    for doc in nlp_stage.pipe(nlp_stage.load(), texts):
        for tok in list(doc)[::-1]:  # out of order: the cache must not depend on the order of the questions
            sent = tok.sent
            want = (any(t.lemma_.lower() in resolver._SPORTS_WORDS or t.lower_ in resolver._SPORTS_WORDS
                        for t in sent), any(t.lower_ in resolver._STRIKE_WORDS for t in sent))
            assert resolver._sentence_flags(tok) == want, (tok.text, sent.text)
            assert resolver._sentence_flags(doc[tok.i:tok.i + 1]) == want  # a Span asks for its root's sentence
            seen.add(want)
    assert seen == {(False, False), (True, False), (False, True)}
