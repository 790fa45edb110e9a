"""Which language an article is in: English articles are coded, others are stored and marked, not coded.

The detector is py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams that ships
inside the package, so nothing is downloaded). Rules:

* a language the input declares (JSON/CSV `language` field, HTML metadata, Reuters = English) is trusted
  (`source = "declared"`); names like "English", "eng" or "en-GB" are reduced to the ISO 639-1 code;
* otherwise the first `SAMPLE_CHARS` characters are classified (`source = "detected"`); a non-English answer
  is accepted only when its probability is at least `MIN_PROB` (`MIN_PROB_SHORT` for texts under
  `SHORT_CHARS` characters, where the detector is less reliable);
* anything the detector cannot tell with that confidence (very short texts, tables of figures, "zxx" =
  no linguistic content) is taken as English (`source = "default"`), since English is what the pipeline reads.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

SAMPLE_CHARS = 2000
SHORT_CHARS = 200
MIN_PROB = 0.5
MIN_PROB_SHORT = 0.8
CODED_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 (or the detector's code when there is none)
    score: float  # probability of `code` (1.0 when declared)
    source: str  # declared | detected | default

    @property
    def coded(self) -> bool:
        return self.code in CODED_LANGUAGES


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=256)
def normalise(declared: str) -> str | None:
    """'en', 'EN', 'en-GB', 'eng', 'English' -> 'en'; None when it names no language."""
    value = declared.strip().replace("_", "-")
    if not value:
        return None
    base = value.split("-")[0].lower()
    if len(base) == 2 and base.isalpha():
        return base
    try:
        import pycountry

        lang = pycountry.languages.lookup(value if len(base) != 3 else base)
    except LookupError:
        return None
    return getattr(lang, "alpha_2", None) or lang.alpha_3


def detect(text: str, declared: str | None = None) -> Language:
    """The language of `text` (see the module doc for the rules)."""
    if declared:
        code = normalise(declared)
        if code:
            return Language(code, 1.0, "declared")
    sample = text[:SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return Language("en", 0.0, "default")
    code, prob = _identifier().classify(sample)
    prob = float(prob)
    if code == "en":
        return Language("en", round(prob, 4), "detected")
    needed = MIN_PROB_SHORT if len(text.strip()) < SHORT_CHARS else MIN_PROB
    if code == "zxx" or prob < needed:
        return Language("en", round(prob, 4), "default")
    return Language(code, round(prob, 4), "detected")
