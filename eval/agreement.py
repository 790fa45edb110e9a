#!/usr/bin/env python3
"""Agreement between two independent event annotations of the same sentences.

Scores annotation B against annotation A with the measures `newsevents evaluate` uses for the coder (levels
(a) root + source country + target country, (b) root code per sentence, (c) full code + full actor codes;
PLOVER category), so the figures read on the same scale as the coder's: how well can anything agree with one
annotator's gold? F1 is symmetric (swapping A and B swaps precision and recall). Also reported: agreement on
whether a sentence holds any codable event, with Cohen's kappa.

Usage:
    python eval/agreement.py A.jsonl B.jsonl     # lines {"id", "events": [...]} ; only ids in both are scored
"""
from __future__ import annotations

import json
import sys
from collections import Counter

from newsevents.coding.ontology import Ontology
from newsevents.evaluate import PRF, _tuples


def _events(path: str) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r["events"] for line in f if line.strip()
                for r in [json.loads(line)] if not r.get("skip")}


def agreement(a: dict[str, list[dict]], b: dict[str, list[dict]]) -> dict:
    ontology = Ontology.load()
    ids = sorted(set(a) & set(b))
    levels = {level: PRF() for level in "abc"}
    both = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    plover = PRF()
    for i in ids:
        ta, tb = _tuples(a[i]), _tuples(b[i])
        for level in "abc":
            levels[level].add(ta[level], tb[level])
        pa = Counter({ontology[e["code"]].plover for e in a[i] if e["code"] in ontology})
        pb = Counter({ontology[e["code"]].plover for e in b[i] if e["code"] in ontology})
        plover.add(pa, pb)
        both[(bool(a[i]), bool(b[i]))] += 1
    n = len(ids)
    observed = (both[(True, True)] + both[(False, False)]) / n if n else 0.0
    a_yes = (both[(True, True)] + both[(True, False)]) / n if n else 0.0
    b_yes = (both[(True, True)] + both[(False, True)]) / n if n else 0.0
    expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {"sentences": n, "levels": {k: v.as_dict() for k, v in levels.items()}, "plover": plover.as_dict(),
            "has_event": {"agreement": round(observed, 4), "kappa": round(kappa, 4),
                          "a_only": both[(True, False)], "b_only": both[(False, True)],
                          "both": both[(True, True)], "neither": both[(False, False)]}}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    result = agreement(_events(argv[0]), _events(argv[1]))
    print(f"{result['sentences']} sentences annotated by both\n")
    print(f"{'level':<46}{'P':>7}{'R':>7}{'F1':>7}")
    names = {"a": "(a) root + source country + target country", "b": "(b) root code per sentence",
             "c": "(c) full code + full actor codes"}
    for level, name in names.items():
        d = result["levels"][level]
        print(f"{name:<46}{d['precision']:>7.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}")
    d = result["plover"]
    print(f"{'PLOVER category per sentence':<46}{d['precision']:>7.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}")
    h = result["has_event"]
    print(f"\nsentence holds a codable event: agreement {h['agreement']:.3f}, Cohen's kappa {h['kappa']:.3f} "
          f"(both {h['both']}, neither {h['neither']}, only A {h['a_only']}, only B {h['b_only']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
