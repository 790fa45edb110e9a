"""Near-duplicate articles: MinHash signatures in DuckDB, a datasketch MinHashLSH index over them.

Exact duplicates never reach the store (an article's id is its given id or the hash of its text). Near
duplicates (the same wire story with another headline, a byline or boilerplate added) are found here:
every article's MinHash signature (`newsevents.knowledge.signature`) is stored in `article_signatures`; the
first write of a `Store` session rebuilds the LSH index from that table, and each later article is looked up
in it. A candidate whose estimated Jaccard similarity reaches the threshold (0.8 by default) makes the new
article a near-duplicate: it is stored with `articles.duplicate_of` = the original (the candidate's own
original if the candidate is itself a duplicate), and its events are not counted again in the happenings.
Among several candidates the most similar wins, then the smallest article id, so the choice does not depend
on the order of the index. Articles of the same batch see each other (in input order).

The index changes only when the batch's transaction commits (`commit`); after a rollback it is rebuilt.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..knowledge import signature as sig


class NearDuplicates:
    def __init__(self, con, threshold: float = sig.THRESHOLD):
        self.con = con
        self.threshold = threshold
        self._lsh = None
        self._root: dict[str, str] = {}  # duplicate article id -> its original
        self._pending: list[tuple[str, np.ndarray, str | None]] = []

    # ------------------------------------------------------------------ index
    def _index(self):
        if self._lsh is None:
            from datasketch import MinHashLSH

            lsh = MinHashLSH(threshold=self.threshold, num_perm=sig.NUM_PERM)
            root: dict[str, str] = {}
            cur = self.con.execute(
                "SELECT s.article_id, s.minhash, a.duplicate_of FROM article_signatures s "
                "JOIN articles a ON a.id = s.article_id")
            with lsh.insertion_session() as session:
                while rows := cur.fetchmany(10_000):
                    for article_id, values, original in rows:
                        session.insert(article_id, sig.from_signature(values), check_duplication=False)
                        if original:
                            root[article_id] = original
            self._lsh, self._root = lsh, root
        return self._lsh

    def _signatures(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        rows = self.con.execute("SELECT article_id, minhash FROM article_signatures "
                                "WHERE article_id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0]: np.asarray(r[1], dtype=np.uint32) for r in rows}

    # ------------------------------------------------------------------ API
    def assign(self, items: Sequence[tuple[str, Sequence[int] | None]]) -> dict[str, tuple[str, float]]:
        """For (article id, signature) in input order: {article id: (original id, similarity)} of the near
        duplicates among them. The articles are staged for the index until `commit`."""
        lsh = self._index()
        found: dict[str, tuple[str, float]] = {}
        staged: list[tuple[str, np.ndarray, str | None]] = []
        for article_id, values in items:
            if values is None:
                continue
            vec = np.asarray(values, dtype=np.uint32)
            cands = [c for c in lsh.query(sig.from_signature(vec)) if c != article_id]
            stored = self._signatures(cands)
            scored = [(sig.similarity(vec, v), c) for c, v in stored.items()]
            if staged:  # `sig.similarity` with every article staged before it, in one numpy comparison
                same = np.count_nonzero(np.vstack([v for _, v, _ in staged]) == vec, axis=1) / float(len(vec))
                scored += [(float(s), c) for s, (c, _, _) in zip(same, staged) if c != article_id]
            scored = [(s, c) for s, c in scored if s >= self.threshold]
            original = None
            if scored:
                best_sim = max(s for s, _ in scored)
                best = min(c for s, c in scored if s == best_sim)
                staged_roots = {c: r for c, _, r in staged}
                original = staged_roots.get(best) or self._root.get(best) or best
                found[article_id] = (original, round(best_sim, 4))
            staged.append((article_id, vec, original))
        self._pending.extend(staged)
        return found

    def commit(self) -> None:
        if self._lsh is not None:
            for article_id, vec, original in self._pending:
                if article_id not in self._lsh:
                    self._lsh.insert(article_id, sig.from_signature(vec), check_duplication=False)
                if original:
                    self._root[article_id] = original
        self._pending = []

    def rollback(self) -> None:
        self._pending = []
        self._lsh = None  # rebuilt from the committed table on next use
