"""Throughput benchmark: bare spaCy vs the full newsevents run, 1 vs 2 processes, and the skip speed.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--procs 1,2] [--markdown FILE]

The corpus is built from ../shared/corpora: every BBC article (bbc_news/bbc/*/*.txt) and every AG News test row
(title + description), interleaved in a fixed order so any --limit prefix has the same mix, written as one
JSONL file in a temporary folder. Then, each in a fresh child process:

  bare-P   `nlp.pipe` of the same spaCy pipeline exactly as `spacy.load` gives it (without the memoised
           attribute_ruler + lemmatizer, the numpy NER decoder and the paragraph-break rule of the full run: the
           same annotations, `tests/test_nlp_rules.py`), over the same cleaned texts
           (ingest done before the clock) with P processes (spaCy's own n_process)
  full-P   the full run (ingest, spaCy, coding, actors, places, DuckDB writes) into a fresh store with the
           local engine and P worker processes (P=1: in-process)
  skip     the full run again over the already stored corpus (every article is skipped)

Rates are documents, sentences and words (tokens that are not punctuation or space) per second, measured from
the moment the first 64 documents are done to the end, so the start-up (model loading, process start) is left
out; the wall time with start-up is printed too. Peak RSS is the largest sum of resident memory over the child
process and all its descendants, sampled every 0.2 s; the full runs also give RSS against documents done, from
which the growth per 1,000 documents and the RSS at 50,000 documents are extrapolated (a straight line through
the second half of the run).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
FIRST = 64  # documents done before the clock starts


# ------------------------------------------------------------------------------------------------ corpus
def build_corpus(out: Path, limit: int | None) -> int:
    """Write BBC articles and AG News rows, interleaved by their proportion, as JSONL; returns the count."""
    bbc_dir = CORPORA / "bbc_news" / "bbc"
    bbc = sorted(bbc_dir.glob("*/*.txt"))
    with open(CORPORA / "ag_news" / "test.csv", newline="", encoding="utf-8") as f:
        ag = list(csv.reader(f))
    total = len(bbc) + len(ag)
    n = total if limit is None else min(limit, total)
    written = 0
    bi = ai = 0
    with open(out, "w", encoding="utf-8") as fh:
        while written < n:
            # take from BBC while its share of what is written is below its share of the whole
            if bi < len(bbc) and (ai >= len(ag) or bi * total <= written * len(bbc)):
                path = bbc[bi]
                bi += 1
                text = path.read_bytes().decode("utf-8", errors="replace")
                rec = {"id": f"bbc/{path.parent.name}/{path.stem}", "text": text, "source": "bbc"}
            else:
                _cls, title, desc = ag[ai]
                ai += 1
                desc = desc.replace("\\n", "\n").replace("\\", " ").replace("#36;", "$").replace("#39;", "'")
                rec = {"id": f"ag/{ai}", "text": f"{title}\n\n{desc}", "source": "ag_news"}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            written += 1
    return written


# ------------------------------------------------------------------------------------------------ memory
class TreeSampler(threading.Thread):
    """Samples the RSS of this process and all its descendants; keeps the peak and (progress, MB) points."""

    def __init__(self, progress=lambda: 0, every: float = 0.2):
        super().__init__(daemon=True)
        import psutil

        self.proc = psutil.Process()
        self.progress, self.every = progress, every
        self.peak = 0
        self.points: list[tuple[int, float]] = []
        self.cpu_seen: dict[int, float] = {}
        self._halt = threading.Event()
        self._procs: list = []
        self._scanned = float("-inf")

    def procs(self, fresh: bool = False) -> list:
        """This process and its descendants. Finding the descendants reads every process of the machine (~1 ms
        of CPU, in this process, counted in the figures): the sampling thread does it at most once a second."""
        now = time.monotonic()
        if fresh or now - self._scanned >= 1.0:
            self._procs, self._scanned = [self.proc, *self.proc.children(recursive=True)], now
        return self._procs

    def sample(self) -> int:
        import psutil

        total = 0
        for p in self.procs():
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def cpu(self, fresh: bool = True) -> float:
        """CPU seconds (user + system) used so far by this process and every descendant seen (a process that
        has ended counts with its last sample)."""
        import psutil

        for p in self.procs(fresh):
            try:
                t = p.cpu_times()
                self.cpu_seen[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        return sum(self.cpu_seen.values())

    def run(self) -> None:
        while not self._halt.is_set():
            rss = self.sample()
            self.cpu(fresh=False)
            self.peak = max(self.peak, rss)
            self.points.append((self.progress(), rss / 2**20))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# ------------------------------------------------------------------------------------------------ children
def _articles(corpus: Path):
    from newsevents.ingest import iter_articles
    from newsevents.records import Article

    return [a for a in iter_articles([str(corpus)]) if isinstance(a, Article)]


def child_bare(corpus: Path, procs: int) -> dict:
    from newsevents import nlp as nlp_stage
    from newsevents.settings import Settings

    settings = Settings.from_env()
    texts = [a.text for a in _articles(corpus)]
    import spacy

    nlp = spacy.load(nlp_stage.model_name(settings), exclude=["textcat"])  # exactly as spaCy loads it
    done = {"n": 0}
    sampler = TreeSampler(lambda: done["n"])
    sampler.start()
    sents = words = 0
    counting = 0.0  # time spent counting sentences and words, taken off the clock
    t0 = time.perf_counter()
    t_first = None
    kw = {"n_process": procs} if procs > 1 else {}
    for doc in nlp.pipe(texts, batch_size=settings.nlp_batch_size, **kw):
        c0 = time.perf_counter()
        sents += sum(1 for _ in doc.sents)
        words += sum(1 for t in doc if not (t.is_punct or t.is_space))
        done["n"] += 1
        counting += time.perf_counter() - c0
        if done["n"] == FIRST:
            t_first, first_sents, first_words, first_counting = time.perf_counter(), sents, words, counting
            cpu_first = sampler.cpu()
    t1 = time.perf_counter()
    cpu_end = sampler.cpu()
    sampler.stop()
    return {"docs": done["n"], "sents": sents, "words": words, "wall": t1 - t0 - counting,
            "steady": t1 - t_first - (counting - first_counting),
            "steady_docs": done["n"] - FIRST, "steady_sents": sents - first_sents,
            "steady_words": words - first_words, "peak_rss_mb": sampler.peak / 2**20,
            "steady_cpu": cpu_end - cpu_first - (counting - first_counting)}


def child_full(corpus: Path, db: Path, procs: int) -> dict:
    from newsevents.engines.local import run
    from newsevents.settings import Settings
    from newsevents.store import Store

    settings = Settings.from_env(db_path=str(db))
    state = {"n": 0, "t_first": None, "n_first": 0, "cpu_first": 0.0, "cpu_last": 0.0, "t_last": None}

    def own_cpu() -> tuple[float, float]:
        """CPU seconds of this process (all its threads) and of its main thread (this callback's thread)."""
        t = os.times()
        return t.user + t.system, time.thread_time()

    def on_progress(r):
        state["n"] = r.articles_coded + r.articles_skipped
        if state["t_first"] is None and state["n"] >= FIRST:
            state["t_first"], state["n_first"], state["cpu_first"] = time.perf_counter(), state["n"], sampler.cpu()
            state["own_first"] = own_cpu()
        state["cpu_last"], state["t_last"] = sampler.cpu(), time.perf_counter()
        state["own_last"] = own_cpu()

    sampler = TreeSampler(lambda: state["n"])
    sampler.start()
    stats: dict = {}
    t0 = time.perf_counter()
    with Store(db) as store:
        report = run([str(corpus)], store, settings, workers=procs, on_progress=on_progress, stats=stats)
        counts = store.counts()
    t1 = time.perf_counter()
    sampler.stop()
    docs = report.articles_coded + report.articles_skipped
    steady = t1 - state["t_first"] if state["t_first"] else t1 - t0
    return {"docs": docs, "coded": report.articles_coded, "skipped": report.articles_skipped,
            "events": report.events, "wall": t1 - t0, "steady": steady,
            "steady_docs": docs - state["n_first"] if state["t_first"] else docs,
            "peak_rss_mb": sampler.peak / 2**20, "rss_points": sampler.points,
            "store": counts, "coded_by": stats.get("coded_by"),
            "steady_cpu": state["cpu_last"] - state["cpu_first"] if state["t_first"] else None,
            "steady_cpu_wall": state["t_last"] - state["t_first"] if state["t_first"] else None,
            # the same window split: this process (reading, writing; the coding too when in-process) and its
            # main thread; the rest of `steady_cpu` is the worker processes'
            "steady_cpu_parent": state["own_last"][0] - state["own_first"][0] if state["t_first"] else None,
            "steady_cpu_parent_main": state["own_last"][1] - state["own_first"][1] if state["t_first"] else None}


# ------------------------------------------------------------------------------------------------ parent
def run_child(kind: str, corpus: Path, procs: int, db: Path | None) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--corpus", str(corpus), "--procs", str(procs)]
    if db is not None:
        cmd += ["--db", str(db)]
    started = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        raise SystemExit(f"{kind}-{procs} failed")
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["process_wall"] = time.perf_counter() - started
    return out


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    except (OSError, ValueError, IndexError):
        mem = 0.0
    import spacy

    from newsevents import nlp as nlp_stage

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem, 1), "python": platform.python_version(),
            "spacy": spacy.__version__, "model": nlp_stage.model_name(), "os": platform.platform()}


def growth(points: list, total_docs: int) -> tuple[float, float]:
    """MB per 1,000 documents (least squares over the second half of the run) and the RSS at 50,000 docs."""
    top: dict[int, float] = {}
    for d, m in points:  # the largest RSS seen at each count (drops the samples taken while workers shut down)
        top[d] = max(m, top.get(d, 0.0))
    points = sorted(top.items())
    pts = [(d, m) for d, m in points if d >= total_docs / 2]
    if len(pts) < 3 or pts[-1][0] == pts[0][0]:
        return 0.0, max((m for _, m in points), default=0.0)
    n = len(pts)
    mx = sum(d for d, _ in pts) / n
    my = sum(m for _, m in pts) / n
    sxx = sum((d - mx) ** 2 for d, _ in pts)
    slope = sum((d - mx) * (m - my) for d, m in pts) / sxx if sxx else 0.0
    peak = max(m for _, m in points)
    return slope * 1000, peak + max(0.0, slope) * max(0, 50_000 - total_docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="Use only the first N documents of the corpus.")
    ap.add_argument("--procs", default="1,2", help="Process counts to measure (default 1,2).")
    ap.add_argument("--markdown", default=None, help="Also write the results table to this file.")
    ap.add_argument("--json", default=None, help="Also write the raw measurements (with RSS curves) here.")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--db", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    procs_list = [int(p) for p in args.procs.split(",")]

    if args.child:
        procs = procs_list[0]
        corpus = Path(args.corpus)
        if args.child == "bare":
            out = child_bare(corpus, procs)
        else:
            out = child_full(corpus, Path(args.db), procs)
        print(json.dumps(out))
        return

    if not CORPORA.is_dir():
        raise SystemExit(f"{CORPORA} not found: the benchmark needs the shared corpora beside the project")
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = build_corpus(corpus, args.limit)
        print(f"corpus: {n} documents ({corpus.stat().st_size / 2**20:.1f} MB JSONL)", flush=True)
        results: dict[str, dict] = {}
        for p in procs_list:
            results[f"bare-{p}"] = r = run_child("bare", corpus, p, None)
            print(f"bare-{p}: {r['docs']} docs in {r['wall']:.1f} s", flush=True)
        for p in procs_list:
            db = Path(tmp) / f"full-{p}.duckdb"
            results[f"full-{p}"] = r = run_child("full", corpus, p, db)
            print(f"full-{p}: {r['coded']} coded, {r['events']} events in {r['wall']:.1f} s ({r['coded_by']})",
                  flush=True)
        last = procs_list[-1]
        results["skip"] = r = run_child("full", corpus, last, Path(tmp) / f"full-{last}.duckdb")
        print(f"skip: {r['skipped']} skipped in {r['wall']:.1f} s", flush=True)
    load_end = os.getloadavg()
    text = report(results, n, machine(), load_start, load_end, procs_list)
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text, encoding="utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


def report(results: dict, n: int, mach: dict, load_start, load_end, procs_list) -> str:
    bare1 = results[f"bare-{procs_list[0]}"]
    sents_per_doc = bare1["sents"] / bare1["docs"]
    words_per_doc = bare1["words"] / bare1["docs"]
    lines = [
        f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['memory_gb']} GB; Python {mach['python']}, "
        f"spaCy {mach['spacy']} ({mach['model']}); {mach['os']}.",
        f"Load average (1/5/15 min) at start {'/'.join(f'{x:.1f}' for x in load_start)}, at end "
        f"{'/'.join(f'{x:.1f}' for x in load_end)} (the machine is shared).",
        f"Corpus: {n} documents (BBC + AG News), {bare1['sents']} sentences, {bare1['words']} words.",
        "",
        "| run | documents/s | sentences/s | words/s | wall with start-up (s) | peak RSS of the process tree (MB) "
        "| CPU ms per document | cores obtained |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rates = {}
    cpu_per_doc: dict[str, float] = {}
    for key, r in results.items():
        if key == "skip":
            rate = r["docs"] / r["wall"]
            words = rate * words_per_doc
            sents = rate * sents_per_doc
        elif key.startswith("bare"):
            rate = r["steady_docs"] / r["steady"]
            sents = r["steady_sents"] / r["steady"]
            words = r["steady_words"] / r["steady"]
        else:
            rate = r["steady_docs"] / r["steady"]
            sents = rate * sents_per_doc
            words = rate * words_per_doc
        rates[key] = rate
        cpu = r.get("steady_cpu")
        if cpu and key != "skip":
            cpu_ms = f"{1000 * cpu / r['steady_docs']:.1f}"
            cores = f"{cpu / (r.get('steady_cpu_wall') or r['steady']):.2f}"
            cpu_per_doc[key] = cpu / r["steady_docs"]
        else:
            cpu_ms = cores = "-"
        lines.append(f"| {key} | {rate:.1f} | {sents:.0f} | {words:.0f} | {r['wall']:.1f} | {r['peak_rss_mb']:.0f} "
                     f"| {cpu_ms} | {cores} |")
    lines.append("")
    for p in procs_list:
        lines.append(f"- full/bare with {p} process{'es' if p > 1 else ''}: {rates[f'full-{p}'] / rates[f'bare-{p}']:.2f}")
    for p in procs_list:
        if f"full-{p}" in cpu_per_doc and f"bare-{p}" in cpu_per_doc:
            lines.append(f"- CPU per document, bare/full with {p} process{'es' if p > 1 else ''}: "
                         f"{cpu_per_doc[f'bare-{p}'] / cpu_per_doc[f'full-{p}']:.2f}")
    if len(procs_list) > 1:
        a, b = procs_list[0], procs_list[-1]
        lines.append(f"- {b} processes / {a}: bare {rates[f'bare-{b}'] / rates[f'bare-{a}']:.2f}, "
                     f"full {rates[f'full-{b}'] / rates[f'full-{a}']:.2f}")
        for kind in ("bare", "full"):
            ka, kb = f"{kind}-{a}", f"{kind}-{b}"
            if ka in cpu_per_doc and kb in cpu_per_doc:
                lines.append(f"- {kind}: CPU per document with {b} processes / with {a}: "
                             f"{cpu_per_doc[kb] / cpu_per_doc[ka]:.2f}; on {b} idle cores the {b}-process run "
                             f"would reach at most {b * cpu_per_doc[ka] / cpu_per_doc[kb]:.2f}x the {a}-process rate")
    ratios = ", ".join(f"{rates['skip'] / rates[f'full-{p}']:.0f}x the {p}-process coding rate"
                       for p in reversed(procs_list))
    lines.append(f"- skip (re-run over the stored corpus, whole command incl. start-up) / coding: {ratios}")
    for p in procs_list:
        r = results[f"full-{p}"]
        per_k, at_50k = growth(r["rss_points"], r["docs"])
        lines.append(f"- memory, full-{p}: peak {r['peak_rss_mb']:.0f} MB; growth over the second half "
                     f"{per_k:+.1f} MB per 1,000 documents; extrapolated to 50,000 documents: {at_50k:.0f} MB")
    for p in procs_list:
        r = results[f"full-{p}"]
        if r.get("steady_cpu_parent") is not None and r.get("steady_docs"):
            n, own, main = r["steady_docs"] / 1000, r["steady_cpu_parent"], r["steady_cpu_parent_main"]
            lines.append(f"- CPU ms per document, full-{p}: calling process {own / n:.1f} (main thread {main / n:.1f}, "
                         f"other threads {(own - main) / n:.1f}), worker processes {(r['steady_cpu'] - own) / n:.1f}")
    full_events = {results[f"full-{p}"]["events"] for p in procs_list}
    lines.append(f"- events stored: {', '.join(str(results[f'full-{p}']['events']) for p in procs_list)} "
                 f"({'the same' if len(full_events) == 1 else 'DIFFERENT'} for every process count)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
