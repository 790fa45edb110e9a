"""Evaluation of the coder against gold annotations.

A gold line is `{"id", "text" | "ref", "date", "events": [{"source", "target", "code"}]}`; a `ref`
(`{"file", "start", "end"}`) points into a corpus file under `--corpora` (read as UTF-8 with undecodable bytes
replaced) so that the gold set carries no publisher text. Each text is coded with the normal pipeline.

Scores (precision, recall, F1 over the multiset of tuples per sentence):
  (a) root code + source country + target country  (country = first three letters of the actor code)
  (b) root code alone
  (c) full code + full actor codes
plus the PLOVER category accuracy (gold events whose PLOVER type the coder found in that sentence), a
per-root table at level (b), and the worst misses with their evidence.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from .coding.ontology import Ontology
from .records import Article

DEFAULT_CORPORA = Path("../shared/corpora")


@dataclass
class GoldItem:
    id: str
    text: str
    date: Date | None
    events: list[dict]


def load_gold(path: str | Path, corpora: str | Path = DEFAULT_CORPORA) -> list[GoldItem]:
    corpora = Path(corpora)
    cache: dict[str, str] = {}
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj.get("skip"):
            continue  # kept in the file with the annotator's reason, not scored
        if "text" in obj:
            text = obj["text"]
        elif "ref" not in obj:
            raise ValueError(f"{path}:{n}: gold line has neither 'text' nor 'ref'")
        else:
            ref = obj["ref"]
            if ref["file"] not in cache:
                cache[ref["file"]] = (corpora / ref["file"]).read_text(encoding="utf-8", errors="replace")
            text = cache[ref["file"]][ref["start"]:ref["end"]]
        # Wire copy is hard-wrapped and AG News marks line breaks with a backslash: layout, not text.
        text = " ".join(text.replace("\\", " ").split())
        day = Date.fromisoformat(obj["date"]) if obj.get("date") else None
        items.append(GoldItem(str(obj.get("id", f"{Path(path).name}:{n}")), text, day, obj.get("events", [])))
    return items


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Counter, pred: Counter) -> None:
        hit = sum((gold & pred).values())
        self.tp += hit
        self.fp += sum(pred.values()) - hit
        self.fn += sum(gold.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    levels: dict[str, PRF] = field(default_factory=lambda: {"a": PRF(), "b": PRF(), "c": PRF()})
    per_root: dict[str, PRF] = field(default_factory=dict)
    plover_hits: int = 0
    plover_total: int = 0
    misses: list[dict] = field(default_factory=list)
    sentences: int = 0

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "level_a_root_source_country_target_country": self.levels["a"].as_dict(),
            "level_b_root": self.levels["b"].as_dict(),
            "level_c_full_code_full_actors": self.levels["c"].as_dict(),
            "plover_accuracy": round(self.plover_hits / self.plover_total, 4) if self.plover_total else None,
            "per_root": {r: p.as_dict() for r, p in sorted(self.per_root.items())},
            "worst_misses": self.misses,
        }


def _country(code: str) -> str:
    return (code or "")[:3]


def _tuples(events: list[dict]) -> dict[str, Counter]:
    return {
        "a": Counter((e["code"][:2], _country(e["source"]), _country(e.get("target", ""))) for e in events),
        "b": Counter({e["code"][:2] for e in events}),
        "c": Counter((e["code"], e["source"], e.get("target", "")) for e in events),
    }


def evaluate(items: list[GoldItem], pipeline, *, worst: int = 15) -> Report:
    ontology = Ontology.load()
    articles = [Article(id=i.id, text=i.text, date=i.date) for i in items]
    report = Report(sentences=len(items))
    rows = []
    for item, coded in zip(items, pipeline.code(articles)):
        # Gold annotates what was done, planned or possible, never what did not happen: negated events
        # are coded (with their mode) but are not counted as predictions of an event.
        pred = [{"source": e.source.code if e.source else "", "target": e.target.code if e.target else "",
                 "code": e.code} for e in coded.events if e.mode != "negated"]
        gold_t, pred_t = _tuples(item.events), _tuples(pred)
        for level in ("a", "b", "c"):
            report.levels[level].add(gold_t[level], pred_t[level])
        for root in set(gold_t["b"]) | set(pred_t["b"]):
            report.per_root.setdefault(root, PRF()).add(
                Counter({root: gold_t["b"][root]}), Counter({root: pred_t["b"][root]}))
        found_plover = {ontology[e["code"]].plover for e in pred}
        for e in item.events:
            report.plover_total += 1
            if e["code"] in ontology and ontology[e["code"]].plover in found_plover:
                report.plover_hits += 1
        errors = sum(((gold_t["a"] - pred_t["a"]) + (pred_t["a"] - gold_t["a"])).values())
        if errors:
            rows.append({"id": item.id, "errors": errors, "text": item.text,
                         "gold": [f"{e['source']}-{e['code']}->{e.get('target', '')}" for e in item.events],
                         "predicted": [f"{e['source']}-{e['code']}->{e['target']}" for e in pred],
                         "evidence": [f"{e.rule} ({e.mode}): {e.verb.text}" for e in coded.events]})
    rows.sort(key=lambda r: (-r["errors"], r["id"]))
    report.misses = rows[:worst]
    return report


def format_report(report: Report) -> str:
    lines = [f"{report.sentences} sentences", "",
             f"{'level':44} {'P':>6} {'R':>6} {'F1':>6}   tp   fp   fn"]
    names = {"a": "(a) root + source country + target country", "b": "(b) root code per sentence",
             "c": "(c) full code + full actor codes"}
    for level, name in names.items():
        p = report.levels[level]
        lines.append(f"{name:44} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f} {p.tp:4} {p.fp:4} {p.fn:4}")
    if report.plover_total:
        lines.append(f"PLOVER category accuracy: {report.plover_hits / report.plover_total:.3f} "
                     f"({report.plover_hits}/{report.plover_total})")
    lines += ["", "per root (level b):", f"{'root':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}"]
    for root, p in sorted(report.per_root.items()):
        lines.append(f"{root:6} {p.precision:6.3f} {p.recall:6.3f} {p.f1:6.3f} {p.tp + p.fn:5}")
    lines += ["", "worst misses (level a):"]
    for m in report.misses:
        lines.append(f"- {m['id']}: {m['text'][:160]}")
        lines.append(f"    gold: {', '.join(m['gold']) or '(none)'}")
        lines.append(f"    got:  {', '.join(m['predicted']) or '(none)'}  [{'; '.join(m['evidence'])}]")
    return "\n".join(lines)
