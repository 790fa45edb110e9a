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
@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively) or '-' for stdin."),
    db: str = DB_OPTION,
    date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for articles that carry none."),
    strict: bool = typer.Option(False, help="Stop at the first input that cannot be read."),
    actors: list[str] = typer.Option([], "--actors", help="Extra actor table (YAML/CSV); repeatable."),
    text_column: str = typer.Option("text", help="CSV column holding the article text."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
):
    """Read articles, code their events and store everything in the DuckDB file.

    Inputs: .txt, .html/.htm/.html.gz, .json/.jsonl, .csv and Reuters .sgm files. Articles already in the
    store are skipped, so running again after an interruption resumes where it stopped. Bad inputs are
    reported one line each; the exit code is 1 if any input was rejected.
    """
    from .pipeline import Pipeline, run as run_pipeline
    from .settings import Settings
    from .store import Store

    default_date = _parse_date(date)
    settings = Settings.from_env(db_path=db, extra_actor_files=tuple(actors), csv_text_column=text_column)
    try:
        pipeline = Pipeline(settings)
        with Store(db) as store:
            progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal)
            with progress:
                task = progress.add_task("coding", total=None)

                def on_progress(r):
                    progress.update(task, description=f"{r.articles_coded} articles, {r.events} events",
                                    advance=0)

                report = run_pipeline(paths, store, settings, default_date=default_date, strict=strict,
                                      stdin=sys.stdin, on_progress=on_progress, pipeline=pipeline)
            counts = store.counts()
    except NewsEventsError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        err.print("interrupted: everything coded so far is stored; run the same command again to resume.", markup=False)
        raise typer.Exit(130)
    for rej in report.rejected:
        err.print(f"rejected: {rej}", markup=False)
    err.print(
        f"coded {report.articles_coded} articles ({report.events} events), skipped {report.articles_skipped} "
        f"already stored, rejected {len(report.rejected)}. Store {db}: {counts['articles']} articles, "
        f"{counts['events']} events.", markup=False)
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


def _print_table(rows: list[dict]) -> None:
    table = Table(show_lines=False)
    for col in _TABLE_COLUMNS:
        table.add_column(col, overflow="fold", max_width=60 if col == "evidence" else None)
    for r in rows:
        table.add_row(*[str(r.get(c) if r.get(c) is not None else "") for c in _TABLE_COLUMNS])
    out.print(table)
    out.print(f"{len(rows)} events")


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

    try:
        with Store(db, read_only=True) as store:
            rows = store.events(actor=actor, code=code, since=_parse_date(since), until=_parse_date(until),
                                mode=mode, limit=limit or None)
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


# ---------------------------------------------------------------------------- export
@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="gdelt (Events + Mentions TSV), plover "
                                        "(JSONL) or parquet (every table)."),
    out_path: str = typer.Option(..., "--out", "-o", help="Folder (gdelt, parquet) or file (plover)."),
    db: str = DB_OPTION,
):
    """Export the store in GDELT 2.0, PLOVER or Parquet form."""
    from .store import Store
    from .store.export import export as do_export

    try:
        with Store(db, read_only=True) as store:
            counts = do_export(store, format.value, out_path)
    except NewsEventsError as exc:
        _fail(exc)
    err.print(f"wrote {', '.join(f'{n} {t}' for t, n in counts.items())} to {out_path}", markup=False)


# ---------------------------------------------------------------------------- evaluate
@app.command()
def evaluate(
    gold: list[str] = typer.Argument(..., help="Gold JSONL files (eval/gold/dev.jsonl ...)."),
    corpora: str = typer.Option("../shared/corpora", help="Folder the gold 'ref' paths point into."),
    report: Optional[str] = typer.Option(None, "--report", help="Also write the full report as JSON here."),
    worst: int = typer.Option(15, help="How many worst misses to list."),
):
    """Score the coder against gold sentences: P/R/F1 at three levels, PLOVER accuracy, per-root table."""
    from .evaluate import evaluate as run_eval, format_report, load_gold
    from .pipeline import Pipeline

    items = [item for path in gold for item in load_gold(path, corpora)]
    result = run_eval(items, Pipeline(), worst=worst)
    out.print(format_report(result), markup=False)
    if report:
        Path(report).write_text(json.dumps(result.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8")


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
