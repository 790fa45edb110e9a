"""Every user-facing error in one registry of coded, actionable messages.

Use `Errors.E101.format(...)` to build the message and raise `NewsEventsError(code, message)`
(or record a `Rejection`). Codes: E1xx input, E2xx pipeline/model, E3xx store, E4xx CLI/options, E5xx api/web,
E6xx actor tables, E7xx live ingestion.
"""
from __future__ import annotations


class Errors:
    # input
    E101 = "file not found"
    E102 = "cannot read file: {reason}"
    E103 = "empty file (no text after cleaning)"
    E104 = "binary file, not text (NUL bytes or undecodable content)"
    E105 = "malformed JSON on line {line}: {reason}"
    E106 = "JSON object on line {line} has no usable 'text' field"
    E107 = "CSV has no column '{column}' (columns: {columns}); choose one with --text-column"
    E108 = "not valid gzip: {reason}"
    E109 = "file is larger than the {limit} limit"
    E110 = ("unsupported file type '{suffix}' (use .txt, .html, .htm, .json, .jsonl, .ndjson, .csv, .sgm, "
            "or one of these gzipped, e.g. .html.gz)")
    E111 = "HTML page has no extractable main text"
    E112 = "invalid date '{value}' (use YYYY-MM-DD)"
    E113 = "gzip data decompresses to more than the {limit} limit"
    E114 = "symbolic link to a folder that is already being read ({target}); skipped to avoid a loop"
    E115 = "article text has {found} characters, more than the {limit}-character limit"
    E116 = "CSV row {row} has {found} fields but the header has {expected}"
    E117 = "CSV row {row} has no text in column '{column}'"
    E118 = "no <REUTERS> document with a <BODY> found (is this a Reuters-21578 .sgm file?)"
    E119 = "not a regular file (a device, pipe or socket)"
    # pipeline / model
    E201 = ("spaCy pipeline '{name}' is not installed. Install it with "
            "`pip install -r requirements-model.txt` (or `make install`), or choose another with NEWSEVENTS_MODEL")
    E202 = "spaCy pipeline '{name}' lacks the '{component}' component the coder needs (it needs parser and ner)"
    E203 = "ontology table {table} is broken: {reason}"
    E204 = "lexicon {file} entry {n} is invalid: {reason}"
    # store
    E301 = ("database {path} is in use by another process{holder} (a run writing it, or a server reading it); "
            "wait for it to finish or use another --db")
    E302 = "database {path} has schema version {found}, newer than this newsevents ({supported}); upgrade newsevents"
    E303 = "database {path} does not exist; create it with `newsevents run PATH --db {path}`"
    # cli
    E401 = "unknown export format '{value}' (choose gdelt, gkg, plover or parquet)"
    E402 = "no input given; pass files, folders, or '-' for stdin"
    # engines (a run cannot go on; what was stored stays stored and the same command resumes)
    E403 = "unknown engine '{value}' (choose {choices})"
    E404 = ("a worker process died (out of memory?); everything coded before is stored: run the same command "
            "again to resume, with fewer --workers if memory is short")
    E405 = "cannot reach the Dask scheduler at {address}: {reason}"
    E406 = "the Dask cluster at {address} has no workers: {reason}"
    E407 = ("Dask workers died while coding a batch ({reason}); everything coded before is stored: run the same "
            "command again to resume")
    # api / web (newsevents.api)
    E501 = "no {kind} with id '{id}'"
    E502 = "invalid value for '{param}': {reason}"
    E503 = "unknown query parameter '{param}' (this endpoint takes: {known}); see /docs"
    E504 = ("database {path} is busy: another process is writing to it; try again when it has finished "
            "(or serve a copy of the file)")
    E505 = "database {path} is not available: {reason}"
    E506 = "no such endpoint '{path}'; the API is described at /docs and /openapi.json"
    E507 = "{method} is not allowed on '{path}'; the API is read-only (use GET)"
    E508 = "internal error while answering {path}: {reason}"
    E509 = "cannot serve on {host}:{port}: {reason}"
    # actor tables (newsevents.actors)
    E601 = "actor table {path} not found"
    E602 = "actor table {path} is broken: {reason}"
    E603 = "actor table {path} has an unknown format: {reason}"
    # live ingestion (newsevents.live: watch, fetch)
    E701 = "refused {url}: only http and https URLs are fetched"
    E702 = ("refused {url}: host {host} resolves to a private, loopback or reserved address ({address}); "
            "pass --allow-private to fetch it")
    E703 = "cannot resolve host {host} of {url}: {reason}"
    E704 = "timed out fetching {url} ({attempts} attempts, {seconds:g} s each); the host is slow or unreachable"
    E705 = "HTTP {status} from {url}"
    E706 = "refused {url}: larger than the {limit} download limit"
    E707 = "refused {url}: content type '{ctype}' is not {expected}"
    E708 = "{url} is disallowed for newsevents by the site's robots.txt; skipped"
    E709 = "cannot fetch {url}: {reason}"
    E710 = "cannot parse {kind} {url}: {reason}"
    E711 = "{path} line {line}: {reason}"
    E712 = "{path}: no sources (write one feed, sitemap or page URL per line)"
    E713 = "invalid interval '{value}' (use seconds, or a number with s, m, h or d: 90s, 15m, 1h)"
    E714 = "too many redirects from {url} (more than {limit})"
    E715 = ("robots.txt of {host} cannot be fetched ({reason}); the site is treated as disallowed until it "
            "answers")
    E716 = "cannot read sources file {path}: {reason}"
    E717 = "cannot code the article of {url}: {reason} (a bug in newsevents; please report it with the URL)"


class NewsEventsError(Exception):
    """An error with a registry code; str() is the one-line message shown to users."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{message} [{code}]")
        self.code = code
        self.message = message


def error(code: str, **kwargs) -> NewsEventsError:
    """Build a NewsEventsError from the registry: `raise error("E101")`."""
    return NewsEventsError(code, getattr(Errors, code).format(**kwargs))
