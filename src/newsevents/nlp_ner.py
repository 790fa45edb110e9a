"""spaCy's `ner` component with its greedy decoder in numpy: the same entities, a third of the time.

Installed by `nlp.load()` (not by `load(stock=True)`) through `install(nlp)`, which checks it first.
"""
from __future__ import annotations

# spaCy's NER is a transition system decoded in Cython, one token per step: at every step each of its 74 moves
# is checked for validity, and in the spaCy build for this Python every state look-up those checks make
# (`StateC.B_`) takes and releases the GIL (PyGILState_Ensure; seen with `perf`): about 60% of the NER's time
# here, more than the whole parser takes. `FastNER` computes the same decisions with numpy, from
# the model's own layers run on the same sub-batches as spaCy's `Parser.pipe`: outside an entity a state's
# features are its token and two padding slots, so those scores come from one matrix product for every token
# of a sub-batch; only the steps inside an entity (where the features name the entity's first token) are
# scored one at a time. The validity rules are the BILUO rules of spaCy's `ner.pyx` for documents without
# preset entities (a sub-batch with any preset entity goes through spaCy's own decoder). It is checked when the
# pipeline is loaded (same entities as spaCy on a sample text, or spaCy's component stays).
_NER_FACTORY = "newsevents_fast_ner"
_BEGIN, _IN, _LAST, _UNIT, _OUT = 1, 2, 3, 4, 5


class _Fallback(Exception):
    """A case `FastNER` does not decode itself (non-finite scores): spaCy's decoder does it."""


class FastNER:
    """spaCy's `ner` component with its greedy decoder in numpy (see above); anything else is the component's."""

    def __init__(self, ner):
        import numpy

        self.ner = ner
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        kinds = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}
        self.kind = numpy.array([kinds[n[0]] for n in names])
        self.label = numpy.array([ner.vocab.strings.add(n[2:]) if len(n) > 2 else 0 for n in names], dtype="uint64")
        self.index = {(k, lab): i for i, (k, lab) in enumerate(zip(self.kind.tolist(), self.label.tolist()))}
        labelled = self.label != 0
        self.begins = (self.kind == _BEGIN) & labelled  # valid outside an entity when the token may start one
        self.units = (self.kind == _UNIT) & labelled  # valid outside an entity on a non-space token
        self.outs = self.kind == _OUT  # always valid outside an entity

    def __getattr__(self, name):  # labels, moves, model, cfg ...: the stock component's
        if name.startswith("__") or name == "ner":
            raise AttributeError(name)
        return getattr(self.ner, name)

    def __call__(self, doc):
        self._annotate([doc])
        return doc

    def pipe(self, docs, *, batch_size: int = 256):
        """As spaCy's `Parser.pipe`: batches, each parsed in sub-batches of a quarter of it, sorted by length."""
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            for sub in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2)):
                self._annotate(list(sub))
            yield from batch

    def _annotate(self, docs) -> None:
        from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IS_SPACE, SENT_START
        from spacy.tokens import Span

        arrays = [d.to_array([SENT_START, IS_SPACE, ENT_IOB, ENT_TYPE, ENT_KB_ID]) for d in docs]
        found = None
        if any(len(d) for d in docs) and not any(a[:, 2:].any() for a in arrays):
            try:
                found = self._decode(docs, arrays)
            except _Fallback:
                found = None
        if found is None:
            self.ner.set_annotations(docs, self.ner.predict(docs))
            return
        for doc, ents in zip(docs, found):
            # no token had an entity value before: "outside" is what spaCy's "unmodified" + O for the rest gives
            doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents], default="outside")

    def _scores(self, unmaxed, n_h: int, n_p: int, weights, out_bias):
        """Scores of every move for states with these summed features (+ bias), as spaCy's `predict_states`."""
        import numpy
        from blis.py import gemm

        pieces = unmaxed.reshape(len(unmaxed), n_h, n_p)
        hidden = pieces[:, :, 0]
        for p in range(1, n_p):  # maxout: the first largest piece
            hidden = numpy.where(pieces[:, :, p] > hidden, pieces[:, :, p], hidden)
        scores = gemm(numpy.ascontiguousarray(hidden), weights, trans2=True, beta=0.0)
        scores += out_bias
        if not numpy.isfinite(scores).all():
            raise _Fallback
        return scores

    def _decode(self, docs, arrays) -> list[list[tuple[int, int, int]]]:
        """(start, end, label) of the entities of each doc."""
        import numpy

        tok2vec, lower, upper = self.ner.model.layers  # the weights as they are now
        bias = lower.get_param("b").ravel()
        weights, out_bias = upper.get_param("W"), upper.get_param("b")
        tokvecs, _ = tok2vec(docs, is_train=False)
        cached, _ = lower(tokvecs, False)  # (tokens + 1, features, hidden, pieces); row 0 is the padding
        rows, n_f, n_h, n_p = cached.shape
        feats = cached.reshape(rows, n_f, n_h * n_p)
        # outside an entity: features (token, padding, padding), summed in spaCy's order
        unmaxed = numpy.zeros((rows - 1, n_h * n_p), dtype="f")
        unmaxed += feats[1:, 0]
        unmaxed += feats[0, 1]
        unmaxed += feats[0, 2]
        unmaxed += bias
        scores = self._scores(unmaxed, n_h, n_p, weights, out_bias)
        cols = numpy.concatenate(arrays)
        lengths = [len(d) for d in docs]
        ends = numpy.cumsum(lengths)
        last = numpy.zeros(rows - 1, dtype=bool)
        last[ends[numpy.asarray(lengths) > 0] - 1] = True  # no token after it
        next_starts = numpy.zeros(rows - 1, dtype=bool)
        next_starts[:-1] = cols[1:, 0] == 1
        next_starts &= ~last  # the next token starts a sentence: an entity cannot run on
        space = cols[:, 1] != 0
        valid = self.outs | (self.begins & (~last & ~next_starts & ~space)[:, None]) | \
            (self.units & ~space[:, None])
        guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
        kinds = self.kind[guess]
        may_go_on = (~last & ~next_starts).tolist()  # In is valid (else the entity ends here)
        out = []
        for n, end in zip(lengths, ends.tolist()):
            off = end - n
            ents: list[tuple[int, int, int]] = []
            t = 0
            for p in numpy.flatnonzero(kinds[off:end] != _OUT).tolist():
                if p < t:  # inside an entity opened before
                    continue
                g = int(guess[off + p])
                label = int(self.label[g])
                if kinds[off + p] == _UNIT:
                    ents.append((p, p + 1, label))
                    t = p + 1
                    continue
                start, t = p, p + 1  # Begin: the entity stays open until a Last
                go_on, stop = self.index.get((_IN, label)), self.index[(_LAST, label)]
                while True:
                    row = off + t + 1  # features: the token, the entity's first token, the token before
                    u = numpy.zeros(n_h * n_p, dtype="f")
                    u += feats[row, 0]
                    u += feats[off + start + 1, 1]
                    u += feats[row - 1, 2]
                    u += bias
                    sc = self._scores(u[None, :], n_h, n_p, weights, out_bias)[0]
                    t += 1
                    if go_on is not None and may_go_on[off + t - 1] and \
                            (sc[go_on] > sc[stop] or (sc[go_on] == sc[stop] and go_on < stop)):
                        continue  # In
                    ents.append((start, t, label))  # Last
                    break
            out.append(ents)
        return out


def install(nlp, check_text: str) -> bool:
    """Replace the `ner` component by `FastNER` if that is safe for this pipeline (see above): True if done.
    `check_text` must hold entities; both decoders must give it (and its last paragraph) the same ones."""
    from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE
    from spacy.language import Language
    from spacy.pipeline import EntityRecognizer
    from spacy.pipeline._parser_internals.ner import BiluoPushDown
    from spacy.tokens import Doc

    if "ner" not in nlp.pipe_names:
        return False
    ner = nlp.get_pipe("ner")
    model = ner.model
    if type(ner) is not EntityRecognizer or type(ner.moves) is not BiluoPushDown \
            or ner.cfg.get("beam_width", 1) != 1 or list(ner.postprocesses) or len(model.layers) != 3 \
            or not model.attrs.get("has_upper") or model.attrs.get("unseen_classes") \
            or model.layers[1].get_dim("nF") != 3:
        return False
    docs = [nlp.make_doc(text) for text in (check_text, check_text.split("\n\n")[-1], "Biden.")]
    for name, proc in nlp.pipeline:
        if name != "ner":
            docs = [proc(d) for d in docs]
    ids = [ENT_IOB, ENT_TYPE, ENT_KB_ID]
    stock = [Doc(nlp.vocab).from_bytes(d.to_bytes()) for d in docs]
    ner.set_annotations(stock, ner.predict(stock))
    try:  # anything this decoder does not expect (move names, layer shapes, blis missing): spaCy's stays
        fast = FastNER(ner)
        fast._annotate(docs)
    except Exception:
        return False
    if [d.to_array(ids).tolist() for d in docs] != [d.to_array(ids).tolist() for d in stock] \
            or not any(d.ents for d in docs):
        return False
    if not Language.has_factory(_NER_FACTORY):
        Language.factory(_NER_FACTORY, default_config={"handle": ""},
                         func=lambda nlp, name, handle: _HANDOVER.pop(handle))
    handle = str(id(fast))
    _HANDOVER[handle] = fast
    nlp.replace_pipe("ner", _NER_FACTORY, config={"handle": handle})
    return True


_HANDOVER: dict[str, FastNER] = {}  # spaCy makes components from factories: this hands the object over
