"""MinHash signatures of articles for near-duplicate detection (datasketch).

An article's shingles are its overlapping `SHINGLE_WORDS`-word sequences, taken from the lower-cased word
characters of its text (punctuation, spacing and case do not matter). Its signature is a `NUM_PERM`-value
MinHash of those shingles (fixed `SEED`, so signatures from any run or machine compare). Two articles whose
estimated Jaccard similarity is at least `THRESHOLD` are near-duplicates: the same wire story republished
with another headline, a byline or boilerplate added. The store keeps the signatures and looks up
candidates with datasketch's MinHashLSH (`newsevents.store.dedup`).
"""
from __future__ import annotations

import functools
import re

import numpy as np

NUM_PERM = 128
SEED = 1
SHINGLE_WORDS = 5
THRESHOLD = 0.8
SCHEME = "affine32"  # datasketch >= 2.0 permutation scheme; signatures of different schemes never compare

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@functools.lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def minhash(text: str):
    """The datasketch MinHash of the text's shingles."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m


def signature(text: str) -> list[int]:
    """The signature as plain integers (what the store keeps)."""
    return [int(v) for v in minhash(text).hashvalues]


def from_signature(values):
    """A LeanMinHash back from stored integers."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.asarray(values, dtype=np.uint32), scheme=SCHEME)


def similarity(a, b) -> float:
    """Estimated Jaccard similarity of two signatures (lists of ints or MinHash objects)."""
    va = np.asarray(getattr(a, "hashvalues", a), dtype=np.uint64)
    vb = np.asarray(getattr(b, "hashvalues", b), dtype=np.uint64)
    return float(np.count_nonzero(va == vb)) / float(len(va))
