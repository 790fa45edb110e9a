"""Tone with VADER (vaderSentiment), per sentence and per document, on GDELT's tone scales.

VADER scores a sentence with `pos`, `neg`, `neu` (shares of the sentence's sentiment mass, summing to 1) and
`compound` (-1..1). We report, like GDELT's V1.5TONE:

* positive = 100 * pos, negative = 100 * neg (of the document: averages over sentences weighted by their words);
* tone = positive - negative (-100..100), polarity = positive + negative;
* score = the mean compound of the sentences (the document score, -1..1);
* activity = percent of words that are verbs, self_group = percent of words that are first-person plural
  pronouns (GDELT's "activity reference" and "self/group reference" densities, computed from the parse).

An event's `tone` is the tone of its evidence sentence.
"""
from __future__ import annotations

import functools

from ..records import Tone

_SELF_GROUP = frozenset({"we", "us", "our", "ours", "ourselves"})


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.lru_cache(maxsize=1)
def _strip_punc():
    """VADER's own stripping of a word's edge punctuation (`SentiText._strip_punc_if_word`); None when one of
    its emoji is an ASCII character (then `ToneScorer._no_lexicon_word` never applies)."""
    from vaderSentiment.vaderSentiment import SentiText

    if any(k.isascii() for k in _vader().emojis):
        return None
    return SentiText._strip_punc_if_word


class ToneScorer:
    """Scores sentences once each (events reuse their sentence's score)."""

    def __init__(self):
        self.vader = _vader()

    def scores(self, text: str) -> dict:
        if not text.strip():
            return {"pos": 0.0, "neg": 0.0, "neu": 1.0, "compound": 0.0}
        if self._no_lexicon_word(text):  # what VADER gives such a sentence, without its per-character pass
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
        return self.vader.polarity_scores(text)

    def _no_lexicon_word(self, text: str) -> bool:
        """No word of the text is in VADER's lexicon, and it has no emoji. VADER's valences then are all 0
        (only lexicon words carry one; boosters, negations, "but" and punctuation only scale a valence that is
        there), so its scores are exactly neg 0, neu 1, pos 0, compound 0. Its emoji are all non-ASCII
        characters: only ASCII text is judged here. Words are VADER's own: split at white space, edge
        punctuation stripped as `SentiText` strips it."""
        strip = _strip_punc()
        if strip is None or not text.isascii():
            return False
        lexicon = self.vader.lexicon
        return not any(strip(w).lower() in lexicon for w in text.split())

    @staticmethod
    def tone_of(scores: dict) -> float:
        return round(100.0 * (scores["pos"] - scores["neg"]), 3)

    def document(self, doc, cache: dict[str, dict]) -> tuple[Tone, dict[str, dict]]:
        """Tone of a parsed document; `cache` maps sentence text -> VADER scores and is filled here."""
        import numpy as np
        from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, POS

        arr = doc.to_array([IS_PUNCT, IS_SPACE, POS, LOWER])
        is_word = (arr[:, 0] == 0) & (arr[:, 1] == 0)
        verb = doc.vocab.strings["VERB"]
        selfs_h = np.array([doc.vocab.strings[w] for w in _SELF_GROUP], dtype=arr.dtype)
        cum = np.concatenate([[0], np.cumsum(is_word)])
        words = int(cum[-1])
        if words == 0:
            return Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0), cache
        verbs = int(np.count_nonzero(is_word & (arr[:, 2] == verb)))
        selfs = int(np.count_nonzero(is_word & np.isin(arr[:, 3], selfs_h)))
        pos = neg = compound = 0.0
        weight = n_sents = 0
        for sent in doc.sents:
            n = int(cum[sent.end] - cum[sent.start])
            if n == 0:
                continue
            text = sent.text
            s = cache.get(text)
            if s is None:
                s = cache[text] = self.scores(text)
            pos += s["pos"] * n
            neg += s["neg"] * n
            compound += s["compound"]
            weight += n
            n_sents += 1
        positive, negative = 100.0 * pos / weight, 100.0 * neg / weight
        return Tone(
            tone=round(positive - negative, 3), positive=round(positive, 3), negative=round(negative, 3),
            polarity=round(positive + negative, 3), score=round(compound / n_sents, 4),
            activity=round(100.0 * verbs / words, 3), self_group=round(100.0 * selfs / words, 3), words=words,
        ), cache
