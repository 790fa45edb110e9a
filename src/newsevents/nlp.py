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
def _load(name: str, stock: bool = False):
    import spacy

    _register_paragraph_breaks()
    nlp = spacy.load(name, exclude=["textcat"])
    for component in REQUIRED_COMPONENTS:
        if component not in nlp.pipe_names:
            raise error("E202", name=name, component=component)
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    if not stock:
        _memoise_rules(nlp)
        from .nlp_ner import install as _fast_ner

        _fast_ner(nlp, _CHECK_TEXT)
    return nlp


def model_name(settings: Settings | None = None) -> str:
    """The first of the configured pipelines that is installed."""
    settings = settings or Settings.from_env()
    for name in settings.models:
        if importlib.util.find_spec(name) is not None:
            return name
    raise error("E201", name=" or ".join(settings.models))


def load(settings: Settings | None = None, *, stock: bool = False):
    """Return the shared spaCy `Language` (loaded once per process), with `paragraph_breaks` before the parser.

    `stock=True` keeps spaCy's own attribute_ruler, lemmatizer and NER decoder; by default the first two are replaced
    by their memoised equivalent (`CachedRules`) and the NER's decoder by one in numpy (`nlp_ner.FastNER`): the same
    annotations, each checked when loaded."""
    return _load(model_name(settings), stock)


PARAGRAPH_BREAKS = "newsevents_paragraph_breaks"


@functools.lru_cache(maxsize=1)
def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc):
        """A blank line ends a sentence. The parser alone joins a headline or a dateline line to the first
        sentence below it ("Ad sales boost Time Warner profit\n\nQuarterly profits at ...") in nearly every
        BBC article; the parser keeps boundaries set before it."""
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                doc[tok.i + 1].is_sent_start = True
        return doc


# ---------------------------------------------------------------------------- memoised attribute_ruler + lemmatizer
# The attribute_ruler (tag -> POS and morphology, a few word-specific rules) and the rule lemmatizer spend their time
# in Python per token, ~25% of the spaCy time here, though what they give a token depends only on the token itself
# (its text and norm, the tag and dependency label the tagger and parser gave it) except for a few two-token
# patterns ("gon na", "let 's", "there is"). `CachedRules` runs the two stock components once per distinct
# (text, norm, tag, dep, pos, morph, lemma) of a token, on a Doc made of such tokens, and reuses what they set
# (tag, POS, morphology, lemma, dep) for every later token with the same values. The stretches of a Doc where a
# multi-token pattern could match (judged from the words, tags and labels the pattern names, a superset of its
# matches) go through the stock components as a Doc of their own, so they get exactly what the stock components
# give them in place. When the pipeline is loaded it is checked that every pattern reads only such attributes of
# its tokens, that the lemmatizer is spaCy's own rule or lookup lemmatizer, and that a sample text gets the same
# annotations both ways; if a check fails, the stock components stay.
RULES_NAME = "attribute_ruler+lemmatizer"
_RULES_FACTORY = "newsevents_cached_rules"
_LEXICAL = {"ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "LANG"}  # and IS_*, LIKE_*
_TOKEN_OWN = {"NORM", "TAG", "DEP", "POS", "MORPH", "LEMMA"}
_CACHE_MAX = 200_000  # distinct tokens (~45 MB); the cache starts over when it is full
_CHECK_TEXT = (
    "The Japanese prime minister met President Biden at the White House on Friday, and they're gonna talk again. "
    "She didn't say whether Tokyo would buy 12 more F-35 fighters for $1.2bn; let's see, officials said.\n\n"
    "Protesters ain't leaving: riot police fired tear gas at crowds in Cairo's Tahrir Square, wounding dozens.  "
    "There were no injuries, and there's no sign y'all got ta go. \"We are deeply concerned,\" the U.N. spokesman "
    "told reporters, urging all sides to show restraint."
)


def _lexical(key: str) -> bool:
    """An attribute of the word itself (the same for every token of that text)."""
    return key in _LEXICAL or (key.startswith(("IS_", "LIKE_")) and key != "IS_SENT_START")


def _literals(tok: dict, vocab) -> list[tuple[int, list[int]]]:
    """What a token pattern requires where it names the values: [(column in `CachedRules.COLS`, hashes)]."""
    out = []
    for k, v in tok.items():
        k = {"TEXT": "ORTH"}.get(k.upper(), k.upper())
        values = [v] if isinstance(v, str) else v.get("IN") if isinstance(v, dict) and list(v) == ["IN"] else None
        if k in CachedRules.COLS and values and all(isinstance(x, str) for x in values):
            out.append((CachedRules.COLS.index(k), sorted({vocab.strings.add(x) for x in values})))
    return out


class CachedRules:
    """The attribute_ruler and the lemmatizer of a pipeline, memoised per token (see above)."""

    COLS = ("ORTH", "NORM", "TAG", "DEP", "POS", "MORPH", "LEMMA", "LOWER")  # the key is all but LOWER
    OUT = ("TAG", "POS", "MORPH", "LEMMA", "DEP")

    def __init__(self, nlp, ruler, lemmatizer, multi_patterns: list[list[dict]]):
        from spacy.attrs import IDS

        self.vocab = nlp.vocab
        self.ruler, self.lemmatizer = ruler, lemmatizer
        self.col_ids = [IDS[a] for a in self.COLS]
        self.key_ids = self.col_ids[:-1]
        self.out_ids = [IDS[a] for a in self.OUT]
        # each multi-token pattern as its length and, per token, what that token must be
        self.multi = [(len(p), [_literals(tok, self.vocab) for tok in p]) for p in multi_patterns]
        self.key_dtype = f"V{8 * len(self.key_ids)}"
        self.out_dtype = f"V{8 * len(self.out_ids)}"
        self.cache: dict[bytes, bytes] = {}  # key values -> values set (OUT), both as the bytes of their uint64s

    def _stock(self, doc):
        return self.lemmatizer(self.ruler(doc))

    def _doc_of(self, rows):
        """A Doc of tokens with these values (rows of KEY), as the tagger and parser left them."""
        from spacy.tokens import Doc

        doc = Doc(self.vocab, words=[self.vocab.strings[r] for r in rows[:, 0].tolist()], spaces=[True] * len(rows))
        return doc.from_array(self.key_ids[1:], rows[:, 1:])

    def _run_stock(self, rows):
        """What the stock components set on a Doc of tokens with these values, in order (rows of OUT)."""
        return self._stock(self._doc_of(rows)).to_array(self.out_ids)

    def _learn(self, rows, keys: list[bytes]) -> None:
        """Learn what the stock components give tokens with these (distinct, unknown) values: all in one Doc,
        except that the tokens where a multi-token pattern could match across two of them are learnt alone."""
        import numpy

        doc = self._doc_of(rows)
        segments = self._segments(doc.to_array(self.col_ids)) if self.multi else []
        outs = numpy.ascontiguousarray(self._stock(doc).to_array(self.out_ids), dtype="uint64")
        for start, end in segments:
            for i in range(start, end):
                outs[i] = self._run_stock(rows[i:i + 1])[0]
        self.cache.update(zip(keys, outs.view(self.out_dtype).ravel().tolist()))

    def _segments(self, cols) -> list[tuple[int, int]]:
        """Token ranges (merged when they touch) where a multi-token pattern could match."""
        import numpy

        n = cols.shape[0]
        windows = []
        for length, tokens in self.multi:
            if n < length:
                continue
            ok = numpy.ones(n - length + 1, dtype=bool)
            for j, needs in enumerate(tokens):
                for col, values in needs:
                    column = cols[j:n - length + 1 + j, col]
                    hit = column == values[0]
                    for v in values[1:]:
                        hit |= column == v
                    ok &= hit
            windows.extend((int(i), int(i) + length) for i in numpy.flatnonzero(ok))
        merged: list[list[int]] = []
        for start, end in sorted(windows):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(s, e) for s, e in merged]

    def __call__(self, doc):
        import numpy

        if not len(doc):
            return self._stock(doc)
        cols = doc.to_array(self.col_ids)
        rows = numpy.ascontiguousarray(cols[:, :-1])
        keys = rows.view(self.key_dtype).ravel().tolist()  # one bytes object per token
        cache = self.cache
        missing = {k: i for i, k in enumerate(keys) if k not in cache}
        if missing and len(cache) + len(missing) > _CACHE_MAX:
            cache.clear()
            missing = {k: i for i, k in enumerate(keys)}
        if missing:
            self._learn(rows[list(missing.values())], list(missing))
        out = numpy.frombuffer(b"".join([cache[k] for k in keys]), dtype="uint64").reshape(len(keys), -1)
        segments = self._segments(cols) if self.multi else ()
        if segments:
            out = out.copy()
            for start, end in segments:
                out[start:end] = self._run_stock(rows[start:end])
        doc.from_array(self.out_ids, out)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


def _memoise_rules(nlp) -> bool:
    """Replace the attribute_ruler and the lemmatizer by `CachedRules` if that is safe for this pipeline."""
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer

    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names \
            or names.index("lemmatizer") != names.index("attribute_ruler") + 1:
        return False
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if type(ruler) is not AttributeRuler or not isinstance(lemmatizer, Lemmatizer) \
            or lemmatizer.mode not in ("rule", "lookup") \
            or getattr(type(lemmatizer), f"{lemmatizer.mode}_lemmatize") \
            is not getattr(Lemmatizer, f"{lemmatizer.mode}_lemmatize") \
            or type(lemmatizer).__call__ is not Lemmatizer.__call__:
        return False
    multi = []
    for rule in ruler.patterns:
        for pattern in rule["patterns"]:
            if not isinstance(pattern, list):
                return False  # a phrase pattern: not handled here
            for tok in pattern:
                if any(k.upper() == "OP" or not (_lexical(k.upper()) or k.upper() in _TOKEN_OWN) for k in tok):
                    return False  # an operator, or an attribute beyond the token itself (entity, sentence start)
            if len(pattern) > 1:
                multi.append(pattern)
    if not Language.has_factory(_RULES_FACTORY):
        Language.factory(_RULES_FACTORY, default_config={"handle": ""},
                         func=lambda nlp, name, handle: _HANDOVER.pop(handle))
    # the rule lemmatizer asks `form in index` of word lists (up to 57,528 words for nouns) for every suffix rule
    # of every new token: ~0.1 ms a token, most of what learning a token costs. The same words as frozensets
    # answer the same (it only tests membership and emptiness)
    index = lemmatizer.lookups.get_table("lemma_index") if lemmatizer.lookups.has_table("lemma_index") else {}
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)
    cached = CachedRules(nlp, ruler, lemmatizer, multi)
    ids = cached.key_ids + cached.out_ids
    expected = nlp(_CHECK_TEXT).to_array(ids)
    for _ in range(2):  # cold cache, then warm
        doc = nlp.make_doc(_CHECK_TEXT)
        for name, proc in nlp.pipeline:
            doc = cached(doc) if name == "attribute_ruler" else doc if name == "lemmatizer" else proc(doc)
        if doc.to_array(ids).tolist() != expected.tolist():
            return False
    handle = str(id(cached))
    _HANDOVER[handle] = cached  # spaCy makes components from factories: this one hands the object over
    nlp.add_pipe(_RULES_FACTORY, name=RULES_NAME, before="attribute_ruler", config={"handle": handle})
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    return True


_HANDOVER: dict[str, CachedRules] = {}


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
