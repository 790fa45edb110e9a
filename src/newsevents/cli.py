"""The `newsevents` command line: a thin layer over the pipeline and the store."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date as Date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import NewsEventsError, error

app = typer.Typer(
    help=(
        "newsevents turns news articles into event data: who did what to whom, when and where, coded in "
        "CAMEO and PLOVER with the evidence sentence for every event.\n\n"
        "Typical use:\n\n"
        "  newsevents run articles/ --db news.duckdb      # read, code and store\n\n"
        "  newsevents events --db news.duckdb --actor JPN # look at what was found\n\n"
        "  newsevents export --db news.duckdb --format gdelt --out gdelt/"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
actors_app = typer.Typer(help="Inspect the actor tables.", no_args_is_help=True)
places_app = typer.Typer(help="Inspect the gazetteer.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
app.add_typer(places_app, name="places")

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    gkg = "gkg"
    plover = "plover"
    parquet = "parquet"


DB_OPTION = typer.Option("newsevents.duckdb", "--db", envvar="NEWSEVENTS_DB", help="DuckDB file of the store.")


def _parse_date(value: Optional[str]) -> Optional[Date]:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(error("E112", value=value).message) from None


def _fail(exc: NewsEventsError) -> None:
    err.print(f"error: {exc}", markup=False)
    raise typer.Exit(2)


# ---------------------------------------------------------------------------- run
MAX_REJECTIONS_SHOWN = 20  # a dump with thousands of bad rows should not bury the summary
@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or '-' for stdin."),
    db: str = DB_OPTION,
    date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for articles that carry none."),
    strict: bool = typer.Option(False, help="Stop at the first input that cannot be read."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor table (YAML/CSV); repeatable."),
    text_column: str = typer.Option("text", help="CSV column holding the article text."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    window: Optional[int] = typer.Option(None, "--window", min=1, metavar="DAYS", show_default="7, or the store's",
                                         help="Days a happening spans: event mentions with the same actors, root "
                                              "code and place within DAYS of its first mention are merged into "
                                              "one happening. A new value rebuilds the store's happenings."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, show_default="number of cores",
                                          help="Worker processes coding in parallel (1: code in this process). "
                                               "With --engine dask and no --scheduler: workers of the local "
                                               "cluster."),
    engine: str = typer.Option("local", "--engine", help="local: worker processes on this machine; dask: tasks "
                               "on a Dask cluster (a local one unless --scheduler is given)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                            help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                                                 "(implies --engine dask)."),
):
    """Read articles, code their events and store everything in the DuckDB file.

    Inputs: .txt, .html/.htm/.html.gz, .json/.jsonl, .csv and Reuters .sgm files. Articles already in the
    store are skipped, so running again after an interruption resumes where it stopped. Bad inputs are
    reported one line each; the exit code is 1 if any input was rejected.

    Coding runs on --workers processes (default: one per core); this process reads the inputs and is the only
    writer to the store. Ctrl-C stores the batch in progress and stops; run the same command to resume.
    """
    import time

    from rich.progress import TimeRemainingColumn

    from .engines import ENGINES, count_documents, run as run_engine
    from .engines.local import default_workers
    from .settings import Settings
    from .store import Store

    default_date = _parse_date(date)
    if scheduler:
        engine = "dask"
    if engine not in ENGINES:
        raise typer.BadParameter(f"'{engine}' is not an engine; choose {' or '.join(ENGINES)}",
                                 param_hint="--engine")
    n_workers = workers or default_workers()
    settings = Settings.from_env(db_path=db, extra_actor_files=tuple(actors), csv_text_column=text_column)
    show = not quiet and err.is_terminal
    started = time.perf_counter()
    try:
        with Store(db, window_days=window) as store:
            total = count_documents(paths, settings) if show else None
            progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                TextColumn("{task.fields[docs]}"), TextColumn("{task.fields[rate]}"),
                                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                console=err, disable=not show)
            with progress:
                task = progress.add_task("reading", total=total, docs="", rate="")
                seen = {"skipped": 0, "report": None}

                def refresh():
                    r = seen["report"]
                    coded, events, rejected = (r.articles_coded, r.events, len(r.rejected)) if r else (0, 0, 0)
                    done = coded + seen["skipped"] + rejected
                    elapsed = max(time.perf_counter() - started, 1e-6)
                    progress.update(task, completed=done,
                                    description=f"{coded} coded, {seen['skipped']} skipped, {events} events",
                                    docs=f"{done}/{total} docs" if total else f"{done} docs",
                                    rate=f"{done / elapsed:.1f} docs/s")

                def on_read(n, stored):
                    seen["skipped"] += stored
                    refresh()

                def on_progress(r):
                    seen["report"] = r
                    refresh()

                stats: dict = {}
                kwargs = dict(default_date=default_date, strict=strict, stdin=sys.stdin, on_progress=on_progress,
                              on_read=on_read, workers=n_workers, stats=stats)
                if engine == "dask":
                    kwargs["scheduler"] = scheduler
                report = run_engine(engine, paths, store, settings, **kwargs)
            counts = store.counts()
    except NewsEventsError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        err.print("interrupted: everything coded so far is stored; run the same command again to resume.", markup=False)
        raise typer.Exit(130)
    elapsed = time.perf_counter() - started
    for rej in report.rejected[:MAX_REJECTIONS_SHOWN]:
        err.print(f"rejected: {rej}", markup=False)
    if len(report.rejected) > MAX_REJECTIONS_SHOWN:
        err.print(f"... and {len(report.rejected) - MAX_REJECTIONS_SHOWN} more rejected inputs, all listed in the "
                  f"store: duckdb {db} \"SELECT * FROM rejections\"", markup=False)
    err.print(
        f"coded {report.articles_coded} articles ({report.events} events), skipped {report.articles_skipped} "
        f"already stored, rejected {len(report.rejected)}. Store {db}: {counts['articles']} articles, "
        f"{counts['events']} events.", markup=False)
    docs = report.articles_coded + report.articles_skipped
    where = f"{engine} engine: {stats.get('coded_by', 'nothing to code')}"
    err.print(f"took {elapsed:.1f} s: {docs / max(elapsed, 1e-6):.1f} documents/s, "
              f"{report.events / max(elapsed, 1e-6):.1f} events/s ({where}).", markup=False)
    if report.rejected:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------- code
@app.command()
def code(
    paths: list[str] = typer.Argument(..., help="Files, folders or '-' for stdin."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
    date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for articles that carry none."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor table (YAML/CSV); repeatable."),
    text_column: str = typer.Option("text", help="CSV column holding the article text."),
):
    """Code articles and print their events; store nothing.

    With --format jsonl each line is one event: article_id, sentence, source, target, code, root_code,
    plover, quad_class, goldstein, mode, date and evidence {text, start, end, source_span, verb_span,
    target_span} (offsets into the cleaned article text).
    """
    from .ingest import iter_articles
    from .pipeline import Pipeline
    from .records import Article
    from .settings import Settings
    from .store.db import event_id

    default_date = _parse_date(date)
    settings = Settings.from_env(extra_actor_files=tuple(actors), csv_text_column=text_column)
    rejected = []
    try:
        pipeline = Pipeline(settings)

        def articles():
            for item in iter_articles(paths, settings, stdin=sys.stdin):
                if isinstance(item, Article):
                    yield item
                else:
                    rejected.append(item)
                    err.print(f"rejected: {item}", markup=False)

        events = []
        for coded in pipeline.code(articles(), default_date):
            for ev in coded.events:
                ev.id = event_id(ev)
                if format is OutputFormat.jsonl:
                    out.print(json.dumps(ev.to_dict(), ensure_ascii=False, default=str), markup=False)
                else:
                    events.append(ev)
    except NewsEventsError as exc:
        _fail(exc)
    if format is OutputFormat.csv:
        _print_csv([_flat(ev.to_dict()) for ev in events])
    elif format is OutputFormat.table:
        _print_table([_flat(ev.to_dict()) for ev in events])
    if rejected:
        raise typer.Exit(1)


def _flat(d: dict) -> dict:
    ev = d.pop("evidence")
    place = d.pop("place") or {}
    d["place"] = place.get("name", "")
    d["evidence"] = ev["text"]
    return d


def _print_csv(rows: list[dict]) -> None:
    if not rows:
        return
    w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)


_TABLE_COLUMNS = ("date", "source", "code", "target", "mode", "plover", "goldstein", "place", "evidence")
_EVIDENCE_CHARS = 90


def _print_table(rows: list[dict]) -> None:
    """One line per event, at least 150 columns wide even when piped, the evidence cut to fit."""
    table = Table(show_lines=False, box=None, pad_edge=False, header_style="bold")
    lines = []
    for r in rows:
        cells = [str(r.get(c) if r.get(c) is not None else "") for c in _TABLE_COLUMNS]
        evidence = " ".join(cells[-1].split())
        cells[-1] = evidence if len(evidence) <= _EVIDENCE_CHARS else evidence[:_EVIDENCE_CHARS - 1] + "…"
        lines.append(cells)
    for i, col in enumerate(_TABLE_COLUMNS):
        fixed = max([len(col)] + [len(cells[i]) for cells in lines]) if col != "evidence" else None
        table.add_column(col, no_wrap=True, overflow="ellipsis", min_width=fixed)
    for cells in lines:
        table.add_row(*cells)
    Console(highlight=False, width=max(out.width, 180)).print(table)
    out.print(f"{len(rows)} events", markup=False)


# ---------------------------------------------------------------------------- events
@app.command()
def events(
    db: str = DB_OPTION,
    actor: Optional[str] = typer.Option(None, help="Actor code prefix on either side, e.g. JPN or USAGOV."),
    code: Optional[str] = typer.Option(None, help="CAMEO code prefix, e.g. 04 (all consults) or 042."),
    since: Optional[str] = typer.Option(None, help="First date, YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Last date, YYYY-MM-DD."),
    mode: Optional[str] = typer.Option(None, help="asserted, planned, hypothetical, negated or reported."),
    limit: int = typer.Option(100, help="At most this many events (0: all)."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
):
    """Query the events in the store."""
    from .store import Store
    from .store.filters import Filters

    try:
        with Store(db, read_only=True) as store:
            filters = Filters(actor=actor.upper() if actor else None, code=code, since=_parse_date(since),
                              until=_parse_date(until), mode=(mode,) if mode else ())
            rows = store.events(filters, limit=limit or None)
    except NewsEventsError as exc:
        _fail(exc)
    flat = [{"date": r["date"], "source": r["source_code"], "code": r["code"], "target": r["target_code"],
             "mode": r["mode"], "plover": r["plover"], "goldstein": r["goldstein"], "place": r["place_name"],
             "evidence": r["sentence"], "id": r["id"], "article_id": r["article_id"]} for r in rows]
    if format is OutputFormat.jsonl:
        for r in rows:
            out.print(json.dumps(r, ensure_ascii=False, default=str), markup=False)
    elif format is OutputFormat.csv:
        _print_csv(flat)
    else:
        _print_table(flat)


# ---------------------------------------------------------------------------- happenings
@app.command()
def happenings(
    db: str = DB_OPTION,
    actor: Optional[str] = typer.Option(None, help="Actor code prefix on either side, e.g. JPN or USAGOV."),
    root: Optional[str] = typer.Option(None, help="CAMEO root code, e.g. 04."),
    min_mentions: int = typer.Option(1, "--min-mentions", help="Only happenings with at least this many mentions."),
    limit: int = typer.Option(50, help="At most this many (0: all)."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f"),
):
    """List happenings: event mentions merged across sentences and articles, most mentioned first.

    Mentions with the same source, target, root code and place within the store's window (see `run --window`)
    are one happening; near-duplicate articles are not counted.
    """
    from .store import Store

    try:
        with Store(db, read_only=True) as store:
            rows = store.happenings(actor=actor, root=root, min_mentions=min_mentions, limit=limit or None)
    except NewsEventsError as exc:
        _fail(exc)
    if format is OutputFormat.jsonl:
        for r in rows:
            out.print(json.dumps(r, ensure_ascii=False, default=str), markup=False)
        return
    flat = [{"first_seen": r["first_seen"], "last_seen": r["last_seen"], "source": r["source_code"],
             "code": r["code"], "target": r["target_code"], "place": r["place_name"], "mentions": r["num_mentions"],
             "articles": r["num_articles"], "sources": r["num_sources"],
             "evidence": " ".join((r["sentence"] or "").split()), "id": r["id"]}
            for r in rows]
    if format is OutputFormat.csv:
        _print_csv(flat)
        return
    table = Table(show_lines=False)
    cols = ("first_seen", "last_seen", "source", "code", "target", "place", "mentions", "articles", "sources",
            "evidence")
    for col in cols:
        table.add_column(col, overflow="fold", max_width=60 if col == "evidence" else None)
    for r in flat:
        table.add_row(*[str(r[c]) if r[c] is not None else "" for c in cols])
    out.print(table)
    out.print(f"{len(flat)} happenings", markup=False)


# ---------------------------------------------------------------------------- export
@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="gdelt (Events from happenings + Mentions "
                                        "TSV), gkg (GDELT GKG 2.1 TSV of the article knowledge), plover "
                                        "(JSONL) or parquet (every table)."),
    out_path: str = typer.Option(..., "--out", "-o", help="Folder (gdelt, gkg, parquet) or file (plover)."),
    db: str = DB_OPTION,
):
    """Export the store in GDELT 2.0 (Events, Mentions, GKG 2.1), PLOVER or Parquet form."""
    from .store import Store
    from .store.export import export as do_export

    try:
        with Store(db, read_only=True) as store:
            counts = do_export(store, format.value, out_path)
    except NewsEventsError as exc:
        _fail(exc)
    err.print(f"wrote {', '.join(f'{n} {t}' for t, n in counts.items())} to {out_path}", markup=False)


# ---------------------------------------------------------------------------- live ingestion
ALLOW_PRIVATE_OPTION = typer.Option(False, "--allow-private",
                                    help="Also fetch private, loopback and reserved addresses (refused by default).")


def _say(text: str) -> None:
    err.print(text, markup=False, soft_wrap=True)


@app.command()
def watch(
    feeds: str = typer.Argument(..., help="Sources file: one feed, sitemap or page URL per line, optionally "
                                "followed by name=, language=, country=, type=feed|sitemap|page; '#' comments."),
    every: str = typer.Option("15m", "--every", help="Time from the start of one cycle to the next: 90s, 15m, 1h."),
    db: str = DB_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    cycles: int = typer.Option(0, "--cycles", help="Stop after this many cycles (0: run until stopped)."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor table (YAML/CSV); repeatable."),
):
    """Follow RSS/Atom feeds, sitemaps and pages; code every new article as it appears, until stopped.

    Each cycle polls every source (conditional requests, robots.txt, a rate limit per host), fetches the new
    pages, codes them and prints one progress line; failures are printed and logged per source and never stop
    the other sources. Everything is remembered in the store, so a watch started again carries on where the
    last one stopped.
    """
    from .live import Watcher, parse_interval, read_sources
    from .pipeline import Pipeline
    from .settings import Settings

    try:
        interval = parse_interval(every)
        sources = read_sources(feeds)
        settings = Settings.from_env(db_path=db, extra_actor_files=tuple(actors), live_allow_private=allow_private)
        pipeline = Pipeline(settings)
    except NewsEventsError as exc:
        _fail(exc)
    watcher = Watcher(sources, db, settings, pipeline=pipeline, on_failure=lambda f: _say(f"failed: {f}"))
    _say(f"watching {len(sources)} sources every {every} into {db}; Ctrl-C stops.")
    try:
        watcher.run(interval, cycles, on_cycle=lambda r: _say(r.line()),
                    on_error=lambda n, exc: _say(f"cycle {n} failed: {exc}"))
    except KeyboardInterrupt:
        _say("stopped: everything coded so far is stored; the next watch carries on from there.")
    finally:
        watcher.close()


@app.command()
def fetch(
    urls: list[str] = typer.Argument(..., help="Page URLs (http or https)."),
    db: str = DB_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    actors: list[str] = typer.Option([], "--actors", help="Extra actor table (YAML/CSV); repeatable."),
):
    """Fetch these pages once: extract the article, code it and store it.

    A page already stored is fetched with a conditional request and coded again only when its text changed.
    The exit code is 1 if any page failed.
    """
    from .live import fetch_pages
    from .pipeline import Pipeline
    from .settings import Settings

    try:
        settings = Settings.from_env(db_path=db, extra_actor_files=tuple(actors), live_allow_private=allow_private)
        report = fetch_pages(urls, db, settings, pipeline=Pipeline(settings),
                             on_failure=lambda f: _say(f"failed: {f}"))
    except NewsEventsError as exc:
        _fail(exc)
    _say(report.summary())
    if report.failures:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------- evaluate
@app.command()
def evaluate(
    gold: list[str] = typer.Argument(..., help="Gold JSONL files (eval/gold/dev.jsonl ...)."),
    corpora: str = typer.Option("../shared/corpora", help="Folder the gold 'ref' paths point into."),
    report: Optional[str] = typer.Option(None, "--report", help="Also write the full report as JSON here."),
    worst: int = typer.Option(15, help="How many worst misses to list."),
    sentence_only: bool = typer.Option(False, "--sentence-only", help="Code each gold sentence alone instead of "
                                       "inside its article (names and pronouns then lack their antecedents)."),
):
    """Score the coder against gold files: events (P/R/F1 at three levels, PLOVER accuracy, per-root table),
    actor mentions (exact code, country, role) and place mentions (GeoNames id, country, within 161 km).

    The kind of each gold line is its "kind" field ("event", "actor", "place"), else what its fields say."""
    from .evaluate import (evaluate as run_eval, evaluate_actors, evaluate_places, format_actor_report,
                           format_place_report, format_report, load_gold, load_mentions)
    from .pipeline import Pipeline

    items = [item for path in gold for item in load_gold(path, corpora, context=not sentence_only)]
    mentions = [m for path in gold for m in load_mentions(path, corpora)]
    pipeline = Pipeline()
    full: dict = {}
    parts = []
    if items or not mentions:
        result = run_eval(items, pipeline, worst=worst)
        parts.append(format_report(result))
        full = result.as_dict()
    if any(m.kind == "actor" for m in mentions):
        actors_result = evaluate_actors(mentions, pipeline, worst=worst)
        parts.append(format_actor_report(actors_result))
        full["actors"] = actors_result.as_dict()
    if any(m.kind == "place" for m in mentions):
        places_result = evaluate_places(mentions, pipeline, worst=worst)
        parts.append(format_place_report(places_result))
        full["places"] = places_result.as_dict()
    out.print("\n\n".join(parts), markup=False)
    if report:
        Path(report).write_text(json.dumps(full, indent=2, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------------------- lookups
@actors_app.command("lookup")
def actors_lookup(
    name: str = typer.Argument(..., help="A name or noun phrase, e.g. 'Kishida' or 'Japanese officials'."),
    date: Optional[str] = typer.Option(None, help="Date the mention is from (offices change)."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor table (YAML/CSV)."),
):
    """Explain how a name resolves to an actor code."""
    from .actors import ActorResolver

    out.print(ActorResolver.load(tuple(actors)).explain(name, date=_parse_date(date)), markup=False)


@places_app.command("lookup")
def places_lookup(
    name: str = typer.Argument(..., help="A place name, e.g. 'Washington'."),
    context: str = typer.Option("", help="Text around the mention, used to disambiguate."),
):
    """Explain how a place name resolves to a GeoNames record."""
    from .geo import PlaceResolver

    out.print(PlaceResolver.load().explain(name, context=context), markup=False)


# ---------------------------------------------------------------------------- serve
@app.command()
def serve(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to listen on. The default answers this machine only; "
                                               "0.0.0.0 exposes the store to your network."),
    port: int = typer.Option(8000, help="TCP port."),
):
    """Serve the store read-only: the dashboard at /, the JSON API under /api, its description at /docs.

    The store is opened for each request and closed after it, so `newsevents run` can keep adding articles
    while the server runs (requests made while it writes get a 503 asking to retry).
    """
    import socket
    from pathlib import Path as _Path

    from .api import serve as run_server

    if not _Path(db).exists():
        _fail(error("E303", path=db))
    try:  # say clearly when the port is taken, before uvicorn starts
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        _fail(error("E509", host=host, port=port, reason=exc.strerror or str(exc)))
    err.print(f"serving {db} at http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}/ "
              f"(API description at /docs); Ctrl+C stops")
    try:
        run_server(db, host=host, port=port, log_level="warning")
    except OSError as exc:
        _fail(error("E509", host=host, port=port, reason=exc.strerror or str(exc)))
    except KeyboardInterrupt:
        pass


def main() -> None:
    app()


if __name__ == "__main__":
    main()
