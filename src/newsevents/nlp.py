"""The one place that loads the spaCy pipeline.

The coder needs a dependency parser (who did what to whom) and NER (actors, places); the pipeline is
checked for both when it is loaded, so a wrong model fails here and not in the middle of a run.
"""
from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable, Iterator

from .errors import error
from .settings import Settings

REQUIRED_COMPONENTS = ("parser", "ner")


@functools.lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    nlp = spacy.load(name, exclude=["textcat"])
    for component in REQUIRED_COMPONENTS:
        if component not in nlp.pipe_names:
            raise error("E202", name=name, component=component)
    return nlp


def model_name(settings: Settings | None = None) -> str:
    """The first of the configured pipelines that is installed."""
    settings = settings or Settings.from_env()
    for name in settings.models:
        if importlib.util.find_spec(name) is not None:
            return name
    raise error("E201", name=" or ".join(settings.models))


def load(settings: Settings | None = None):
    """Return the shared spaCy `Language` (loaded once per process)."""
    return _load(model_name(settings))


# ---------------------------------------------------------------------------- parsing pathological text
# spaCy's memory grows with the characters in one batch (about 1.5 GB for a 500,000-character doc) and its
# tokenizer takes time quadratic in the length of a run without white space (20,000 "(" take a minute). So
# `pipe` parses a long text in pieces (at most PIECE_CHARS, cut at a paragraph break, else a line break, a
# full stop or a space), batches at most BATCH_CHARS characters, and cuts a run of more than MAX_RUN_CHARS
# non-space characters into tokens of that length without the tokenizer. The pieces are joined back into one
# Doc, so `doc.text` is the text and every offset stays valid. Texts within the limits parse as with nlp.pipe.
PIECE_CHARS = 20_000
BATCH_CHARS = 100_000
MAX_RUN_CHARS = 100
_LONG_RUN_RE = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))


def _cut(text: str) -> list[str]:
    if len(text) <= PIECE_CHARS:
        return [text]
    pieces, start = [], 0
    while len(text) - start > PIECE_CHARS:
        end = start + PIECE_CHARS
        for sep in ("\n\n", "\n", ". ", " "):
            at = text.rfind(sep, start + PIECE_CHARS // 2, end)
            if at >= 0:
                end = at + len(sep)
                break
        pieces.append(text[start:end])
        start = end
    return pieces + [text[start:]]


def _tokenize(nlp, text: str):
    if not _LONG_RUN_RE.search(text):
        return text  # the usual case: nlp.pipe tokenizes it
    from spacy.tokens import Doc

    parts, pos = [], 0
    for m in _LONG_RUN_RE.finditer(text):
        if m.start() > pos:
            parts.append(nlp.make_doc(text[pos:m.start()]))
        words = [m.group()[i:i + MAX_RUN_CHARS] for i in range(0, m.end() - m.start(), MAX_RUN_CHARS)]
        parts.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
        pos = m.end()
    if pos < len(text):
        parts.append(nlp.make_doc(text[pos:]))
    return Doc.from_docs(parts, ensure_whitespace=False)


def pipe(nlp, texts: Iterable[str], batch_size: int = 32) -> Iterator:
    """`nlp.pipe` that stays linear in time and bounded in memory on any text: one Doc per text, in order."""
    from spacy.tokens import Doc

    batch: list = []  # (str or Doc, last piece of its text?)
    parsed: list = []
    size = 0

    def flush():
        nonlocal parsed
        for doc, (_, last) in zip(nlp.pipe([p for p, _ in batch], batch_size=len(batch)), batch):
            parsed.append(doc)
            if last:
                yield parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)
                parsed = []

    for text in texts:
        pieces = _cut(text)
        for k, piece in enumerate(pieces):
            if batch and (len(batch) >= batch_size or size + len(piece) > BATCH_CHARS):
                yield from flush()
                batch, size = [], 0
            batch.append((_tokenize(nlp, piece), k == len(pieces) - 1))
            size += len(piece)
    if batch:
        yield from flush()
