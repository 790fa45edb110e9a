"""Ingest: files, folders and standard input -> cleaned `Article`s (or one-line `Rejection`s, never exceptions).

Public API::

    iter_articles(paths, settings=None, *, stdin=None) -> Iterator[Article | Rejection]
    read_file(path, settings=None) -> Iterator[Article | Rejection]
    clean_text(raw) -> str
    article_id(text) -> str
    repair_escapes(text) -> str

Paths: a file, a folder (read recursively, entries sorted by name, hidden entries skipped, files with unknown
suffixes skipped silently, a symbolic link back to a folder already being read reported once with E114), or "-"
for standard input (JSON if it starts with "{" or "[", HTML if it starts with "<", else plain text; gzip data
is unpacked first). An explicitly named file with an unknown suffix is E110; a missing one E101.

Formats (suffixes are matched case-insensitively; any of them may also be gzipped, e.g. ".html.gz", ".jsonl.gz"):

* ``.txt``: the whole file is one article, cleaned by `clean_text`. **Headline choice:** when the first line is
  a headline (BBC layout: headline, blank line, body), it becomes ``title`` *and stays the first paragraph of
  ``text``*, because the headline often states the event ("Sweden drops rape investigation"). The id is the
  hash of that text.
* ``.html``/``.htm``: trafilatura (``favor_precision``, no comments) gives main text, title, date, author, url
  and site name (-> ``source``); the body then gets the same junk-line cleaning (without the headline rule).
  For the same reason as for .txt, ``text`` = title + blank line + body (a first body line that repeats the
  title is dropped); set ``readers.HTML_TITLE_IN_TEXT = False`` to keep the body alone.
* ``.json`` (one object, or an array of objects) and ``.jsonl``/``.ndjson`` (one object per line): fields
  ``text`` (required), ``id``, ``title``, ``date``, ``url`` (named by the Settings csv_*_column options, so
  ``--text-column`` works for JSON too), and ``source``, ``author``, ``language``. A given ``id`` is kept
  (as a string); otherwise the id is `article_id` of the cleaned text. A bad line/record is a Rejection whose
  path is ``file:LINE``; the other records still go through. Articles from records have path ``file#LINE``.
* ``.csv``: a header row, columns named by Settings (exact match, then case-insensitive); the delimiter is ","
  unless the header has none and has a tab, ";" or "|". Rows are numbered like a spreadsheet (header = row 1):
  a ragged row or a row without text is a Rejection ``file:row N``; articles have path ``file#N``.
* ``.sgm`` (Reuters-21578): one article per ``<REUTERS>`` with a ``<BODY>``; id ``reuters-NEWID``, title from
  ``<TITLE>``, date from ``<DATE>``, text = title + blank line + body (entities decoded, "Reuter &#3;"
  signature removed, 70-column lines unwrapped into paragraphs), source "Reuters".

Repairs: after cleaning, character references left in the text ("AT&amp;T", "&#39;") or left with their "&" lost
("doesn #39;t", as throughout the AG News dump) are decoded by `repair_escapes`; the id is taken before that, so a
repair never changes the id of an article already stored.
Decoding: a BOM (UTF-8/16/32) wins; else strict UTF-8; else cp1252 (latin-1 for its 5 undefined bytes). NUL bytes
without a BOM, or mostly control characters (or, after the fallback, mostly non-ASCII) -> E104 binary.
Limits: a file over ``max_file_bytes`` is rejected before it is read (E109); gzip output is capped at
``max_gunzip_bytes`` while decompressing (E113); an article over ``max_article_chars`` is rejected (E115).
Dates: ISO date/datetime, YYYYMMDD or RFC 2822 -> ``datetime.date``; an unparseable date in JSON/CSV leaves
``date=None`` (the article is kept).
"""
from .clean import article_id, clean_text, normalize_text, repair_escapes
from .files import FORMATS, iter_articles, read_file
from .readers import parse_date

__all__ = ["iter_articles", "read_file", "clean_text", "article_id", "normalize_text", "repair_escapes", "parse_date",
           "FORMATS"]
