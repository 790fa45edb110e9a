"""Every user-facing error in one registry of coded, actionable messages.

Use `Errors.E101.format(...)` to build the message and raise `NewsEventsError(code, message)`
(or record a `Rejection`). Codes: E1xx input, E2xx pipeline/model, E3xx store, E4xx CLI/options, E5xx api/web.
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
    E110 = "unsupported file type '{suffix}' (use .txt, .html, .htm, .html.gz, .json, .jsonl, .csv, .sgm)"
    E111 = "HTML page has no extractable main text"
    E112 = "invalid date '{value}' (use YYYY-MM-DD)"
    # pipeline / model
    E201 = ("spaCy pipeline '{name}' is not installed. Install it with "
            "`pip install -r requirements-model.txt` (or `make install`), or choose another with NEWSEVENTS_MODEL")
    E202 = "spaCy pipeline '{name}' lacks the '{component}' component the coder needs (it needs parser and ner)"
    E203 = "ontology table {table} is broken: {reason}"
    # store
    E301 = "database {path} is locked by another writer; wait for it to finish or use another --db"
    E302 = "database {path} has schema version {found}, newer than this newsevents ({supported}); upgrade newsevents"
    E303 = "database {path} does not exist; create it with `newsevents run PATH --db {path}`"
    # cli
    E401 = "unknown export format '{value}' (choose gdelt, plover or parquet)"
    E402 = "no input given; pass files, folders, or '-' for stdin"


class NewsEventsError(Exception):
    """An error with a registry code; str() is the one-line message shown to users."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{message} [{code}]")
        self.code = code
        self.message = message


def error(code: str, **kwargs) -> NewsEventsError:
    """Build a NewsEventsError from the registry: `raise error("E101")`."""
    return NewsEventsError(code, getattr(Errors, code).format(**kwargs))
