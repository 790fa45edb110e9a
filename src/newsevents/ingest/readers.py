"""One reader per input format. Each takes decoded/raw content and yields `Article`s, or `Rejection`s for single
bad records (JSON lines, CSV rows); a problem with the whole input is signalled by raising `Reject`."""
from __future__ import annotations

import csv
import html as htmllib
import io
import json
import logging
import re
from datetime import date as Date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Iterator

from newsevents.records import Article, Rejection
from newsevents.settings import Settings

from .clean import _key, article_id, clean_text, normalize_text, repair_escapes, split_headline
from .decode import Reject, decode_bytes, is_utf8, one_line

log = logging.getLogger(__name__)
# trafilatura logs a warning for every page it finds little in; keep that out of the user's terminal unless the
# application configures logging (a NullHandler only stops Python's last-resort stderr handler).
logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("htmldate").addHandler(logging.NullHandler())
logging.getLogger("courlan").addHandler(logging.NullHandler())

# HTML pages: put the page title in front of the main text (see the package docstring).
HTML_TITLE_IN_TEXT = True
# trafilatura's time grows faster than the number of tags (100,000 empty <div>s: 15 s; 330,000: over 2 minutes);
# real news pages have a few thousand, so a page with more tags than this is rejected (E109) before extraction.
MAX_HTML_TAGS = 100_000

Item = Article | Rejection
_BOM_PREFIXES = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


# ---------------------------------------------------------------------------------------------------- helpers
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\s)")
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def parse_date(value: Any) -> Date | None:
    """ISO date or datetime ('2024-04-08', '2024-04-08T10:00:00Z'), YYYYMMDD, or an RFC 2822 date; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_RE.match(value) or _COMPACT_RE.match(value)
    if m:
        try:
            return Date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _opt_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _check_length(text: str, settings: Settings) -> None:
    if len(text) > settings.max_article_chars:
        raise Reject("E115", found=len(text), limit=settings.max_article_chars)


# white space and invisible characters (what cleaning may drop or collapse), counted one by one (str.count is fast)
_DROPPABLE = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x85\xa0\xad\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
              "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff")


def _check_raw_length(raw: str, settings: Settings) -> None:
    """Reject before cleaning a text whose characters other than white space pass the limit: cleaning (which
    only drops white space, invisible characters and junk lines) of 50 MB of short lines takes minutes."""
    if len(raw) > settings.max_article_chars:
        found = len(raw) - sum(raw.count(c) for c in _DROPPABLE)
        if found > settings.max_article_chars:
            raise Reject("E115", found=found, limit=settings.max_article_chars)


def _record_article(rec: dict, text_key: str, where: str, settings: Settings,
                    empty_code: str, **empty_kw) -> Item:
    """Build an Article from one JSON object or CSV row (keys already mapped); a Rejection when unusable."""
    raw = rec.get(text_key)
    if not isinstance(raw, str):
        return Rejection(where[0], empty_code, one_line(_fmt(empty_code, **empty_kw)))
    try:
        _check_raw_length(raw, settings)
    except Reject as r:
        return Rejection(where[0], r.code, r.reason)
    text = clean_text(raw)
    if not text:
        return Rejection(where[0], empty_code, one_line(_fmt(empty_code, **empty_kw)))
    try:
        _check_length(text, settings)
    except Reject as r:
        return Rejection(where[0], r.code, r.reason)
    given_id = rec.get("id")
    aid = _opt_str(given_id) if given_id is not None else None
    title = rec.get("title")
    return Article(
        id=aid or article_id(text),
        text=repair_escapes(text),
        title=repair_escapes(normalize_text(title)) or None if isinstance(title, str) else None,
        url=_opt_str(rec.get("url")),
        source=_opt_str(rec.get("source")),
        date=parse_date(rec.get("date")),
        author=_opt_str(rec.get("author")),
        path=where[1],
        language=_opt_str(rec.get("language")),
    )


def _fmt(code: str, **kw) -> str:
    from newsevents.errors import Errors
    return getattr(Errors, code).format(**kw)


# ---------------------------------------------------------------------------------------------------- plain text
def read_txt(text: str, path: str, settings: Settings) -> Iterator[Item]:
    """The whole file is one article. A first line that is a headline (see clean.py) becomes `title` and stays
    the first paragraph of `text`."""
    _check_raw_length(text, settings)
    cleaned = clean_text(text)
    if not cleaned:
        raise Reject("E103")
    _check_length(cleaned, settings)
    text = repair_escapes(cleaned)
    yield Article(id=article_id(cleaned), text=text, title=split_headline(text), path=path)


# ---------------------------------------------------------------------------------------------------- HTML
def _same_headline(line: str, title: str) -> bool:
    """The first body line repeats the title: same words, or a short line sharing 70%+ of its words with it
    ('Coronavirus: New York ramps up mass burials amid outbreak' vs 'New York ramps up mass burials amid virus
    outbreak')."""
    a, b = _key(line), _key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    if len(a.split()) > 30 or _SENT_END_RE.search(line.strip()):
        return False  # a lede sentence that reuses the headline's words is body text
    return min(len(wa), len(wb)) >= 3 and len(wa & wb) >= 0.7 * min(len(wa), len(wb))


_TITLE_SEP_RE = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")
_SENT_END_RE = re.compile(r"[.!?…][\"'”’)\]»]*$")


def _compact(text: str | None) -> str:
    return re.sub(r"\W+", "", (text or "").casefold())


def _strip_site(title: str, sitename: str | None, hostname: str | None) -> str:
    """'NASA adds five companies ... - SpaceNews.com' -> 'NASA adds five companies ...' when the last segment
    names the site (its name or host name)."""
    parts = _TITLE_SEP_RE.split(title)
    if len(parts) < 2:
        return title
    tail = _compact(parts[-1])
    host = _compact((hostname or "").removeprefix("www."))
    names = {n for n in (_compact(sitename), host, host.removesuffix("com"), host.removesuffix("couk")) if len(n) >= 3}
    if tail in names or any(len(tail) >= max(4, len(n) / 2) and (tail.startswith(n) or n.startswith(tail))
                            for n in names):
        head = title[: title.rfind(parts[-1])]
        head = re.sub(r"\s+(?:\||-|–|—|::|·|»)\s*$", "", head).strip()
        if head:
            return head
    return title


def read_html(data: bytes | str, path: str, settings: Settings) -> Iterator[Item]:
    """Main text and metadata with trafilatura, then the same junk-line cleaning as plain text."""
    import trafilatura  # imported lazily: it is slow to import and only needed for HTML

    content: bytes | str = data
    if isinstance(data, bytes):
        # UTF-8 or BOM-marked pages are decoded here; other bytes go to trafilatura, which honours <meta charset>
        # (decode_bytes still runs on them, to reject binary content with E104).
        decoded = decode_bytes(data)
        if is_utf8(data) or data.startswith(_BOM_PREFIXES):
            content = decoded
    if isinstance(content, str) and not content.strip():
        raise Reject("E103")
    if content.count("<" if isinstance(content, str) else b"<") > MAX_HTML_TAGS:
        raise Reject("E109", limit=f"{MAX_HTML_TAGS:,}-tag HTML")
    try:
        doc = trafilatura.bare_extraction(content, with_metadata=True, include_comments=False,
                                          favor_precision=True, as_dict=False)
    except Exception as exc:  # trafilatura/lxml failures on hostile input
        log.debug("trafilatura failed on %s: %s", path, exc)
        doc = None
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        raise Reject("E111")
    title = normalize_text(doc.title or "") or None
    if title:
        title = _strip_site(title, doc.sitename, doc.hostname)
    _check_raw_length(doc.text, settings)
    body_raw = doc.text.replace("\n", "\n\n")  # trafilatura puts one paragraph per line
    if title:
        first, _, rest = body_raw.lstrip().partition("\n")
        if _same_headline(first, title):
            body_raw = rest
    body = clean_text(body_raw, keep_headline=False)
    if not body:
        raise Reject("E111")
    text = f"{title}\n\n{body}" if HTML_TITLE_IN_TEXT and title else body
    _check_length(text, settings)
    yield Article(
        id=article_id(text),
        text=repair_escapes(text),
        title=repair_escapes(title) if title else title,
        url=_opt_str(doc.url),
        source=_opt_str(doc.sitename) or _opt_str(doc.hostname),
        date=parse_date(doc.date),
        author=_opt_str(doc.author),
        path=path,
        language=_opt_str(getattr(doc, "language", None)),
    )


# ---------------------------------------------------------------------------------------------------- JSON
def _json_keys(settings: Settings) -> dict[str, str]:
    """Record field -> Article field. JSON and CSV share the column names of Settings."""
    return {
        settings.csv_id_column: "id",
        settings.csv_text_column: "text",
        settings.csv_title_column: "title",
        settings.csv_date_column: "date",
        settings.csv_url_column: "url",
        "source": "source",
        "author": "author",
        "language": "language",
    }


def _map_record(obj: dict, keys: dict[str, str]) -> dict:
    out: dict = {}
    for name, value in obj.items():
        field = keys.get(name) if isinstance(name, str) else None
        if field and field not in out:
            out[field] = value
    return out


def _json_item(obj: Any, line: int, path: str, settings: Settings) -> Item:
    where = (f"{path}:{line}", f"{path}#{line}")
    if not isinstance(obj, dict):
        return Rejection(where[0], "E106", _fmt("E106", line=line))
    rec = _map_record(obj, _json_keys(settings))
    return _record_article(rec, "text", where, settings, "E106", line=line)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def read_jsonl(text: str, path: str, settings: Settings) -> Iterator[Item]:
    """One JSON object per line; a bad line is a Rejection naming `file:line`, the others go through."""
    seen = False
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.strip()
        if not line:
            continue
        seen = True
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Rejection(f"{path}:{lineno}", "E105", _fmt("E105", line=lineno, reason=reason))
            continue
        yield _json_item(obj, lineno, path, settings)
    if not seen:
        raise Reject("E103")


def read_json(text: str, path: str, settings: Settings) -> Iterator[Item]:
    """One JSON object, or an array of objects (each parsed in turn, so the records before a syntax error still
    go through). A file that is really JSON Lines (several values) is read as JSON Lines."""
    dec = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    if start == len(text):
        raise Reject("E103")
    if text[start] != "[":
        try:
            obj, end = dec.raw_decode(text, start)
        except json.JSONDecodeError as exc:
            if "\n" in text.strip():
                yield from read_jsonl(text, path, settings)
                return
            raise Reject("E105", line=exc.lineno, reason=exc.msg) from None
        except RecursionError:
            raise Reject("E105", line=1, reason="nested too deeply") from None
        if text[end:].strip():
            yield from read_jsonl(text, path, settings)
            return
        yield _json_item(obj, _line_of(text, start), path, settings)
        return
    pos = start + 1
    ws = re.compile(r"\s*")
    pos = ws.match(text, pos).end()
    if text.startswith("]", pos):
        raise Reject("E103")
    while True:
        try:
            obj, end = dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            line = exc.lineno
            yield Rejection(f"{path}:{line}", "E105", _fmt("E105", line=line, reason=exc.msg))
            return
        except RecursionError:
            line = _line_of(text, pos)
            yield Rejection(f"{path}:{line}", "E105", _fmt("E105", line=line, reason="nested too deeply"))
            return
        yield _json_item(obj, _line_of(text, pos), path, settings)
        pos = ws.match(text, end).end()
        if text.startswith(",", pos):
            pos = ws.match(text, pos + 1).end()
            continue
        if text.startswith("]", pos):
            return
        line = _line_of(text, pos)
        yield Rejection(f"{path}:{line}", "E105", _fmt("E105", line=line, reason="expected ',' or ']'"))
        return


# ---------------------------------------------------------------------------------------------------- CSV
def _find_column(header: list[str], name: str) -> int | None:
    if name in header:
        return header.index(name)
    folded = [h.strip().casefold() for h in header]
    return folded.index(name.casefold()) if name.casefold() in folded else None


def read_csv(text: str, path: str, settings: Settings) -> Iterator[Item]:
    """Header row, then one article per row. Columns are named by Settings (csv_text_column, ...); matching is
    exact first, then case-insensitive. Rows are numbered as in a spreadsheet (the header is row 1)."""
    if not text.strip():
        raise Reject("E103")
    first_line = text.lstrip("\n").split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        for cand in ("\t", ";", "|"):
            if cand in first_line:
                delimiter = cand
                break
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, settings.max_article_chars * 4 + 1024))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
        except (csv.Error, StopIteration) as exc:
            raise Reject("E102", reason=f"CSV header: {exc}") from None
        text_col = _find_column(header, settings.csv_text_column)
        if text_col is None:
            raise Reject("E107", column=settings.csv_text_column,
                         columns=", ".join(repr(h) for h in header) or "none")
        cols = {
            "id": _find_column(header, settings.csv_id_column),
            "title": _find_column(header, settings.csv_title_column),
            "date": _find_column(header, settings.csv_date_column),
            "url": _find_column(header, settings.csv_url_column),
            "source": _find_column(header, "source"),
            "author": _find_column(header, "author"),
            "language": _find_column(header, "language"),
        }
        row_no = 1
        said = False  # a header with no data rows is an empty file (E103), not a silent nothing
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row_no += 1
                said = True
                # the parser lost its place (a field past the size limit): what follows would be read as millions
                # of broken rows, so the rest of the file is skipped
                yield Rejection(f"{path}:row {row_no}", "E102", one_line(_fmt(
                    "E102", reason=f"CSV row {row_no}: {exc}; the rest of the file is skipped")))
                break
            row_no += 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            said = True
            where = (f"{path}:row {row_no}", f"{path}#{row_no}")
            if len(row) != len(header):
                yield Rejection(where[0], "E116", _fmt("E116", row=row_no, found=len(row), expected=len(header)))
                continue
            rec = {"text": row[text_col]}
            for field, idx in cols.items():
                if idx is not None and row[idx].strip():
                    rec[field] = row[idx]
            yield _record_article(rec, "text", where, settings, "E117", row=row_no, column=header[text_col])
        if not said:
            raise Reject("E103")
    finally:
        csv.field_size_limit(old_limit)


# ---------------------------------------------------------------------------------------------------- Reuters SGML
# Open and close tags are found one after the other and the element bodies exclude "<", so hostile input
# ("<REUTERS>" repeated, no close) takes linear time, not quadratic.
_REUTERS_OPEN_RE = re.compile(r"<REUTERS\b([^<>]*)>", re.I)
_REUTERS_CLOSE_RE = re.compile(r"</REUTERS>", re.I)
_NEWID_RE = re.compile(r'\bNEWID\s*=\s*"?(\d+)', re.I)
_DATE_RE = re.compile(r"<DATE>([^<]*)</DATE>", re.I)
_TITLE_RE = re.compile(r"<TITLE>([^<]*)</TITLE>", re.I)
_BODY_RE = re.compile(r"<BODY>(.*?)(?:</BODY>|</TEXT>|$)", re.S | re.I)
_DATELINE_RE = re.compile(r"<DATELINE>([^<]*)</DATELINE>", re.I)
# "NEW YORK, March 3 -": a place, a month and a day
_DATELINE_SHAPE_RE = re.compile(
    r"[A-Za-z][A-Za-z.'& -]*(?:, [A-Za-z][A-Za-z. ]*)?, "
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? ?\d{1,2} -+(?: |$)", re.I)
_REUTERS_DATE_RE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_SIGNATURE_RE = re.compile(r"(?<!\s)\s*\bReuters?\b\s*(?:\x03\s*)?$", re.I)  # (?<!\s): one try per space run
_CTRL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _reuters_date(value: str) -> Date | None:
    m = _REUTERS_DATE_RE.search(value)
    if not m or m.group(2).lower() not in _MONTHS:
        return None
    try:
        return Date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


def reuters_lead(document: str) -> str:
    """The words of the story that the collection left inside the <DATELINE> element of one Reuters-21578
    document, after the dateline itself ('Brazil's "Cruzado" anti-' in "RIO DE JANEIRO, Feb 26 - Brazil's
    "Cruzado" anti-", before a <BODY> that starts "inflation plan"), with the separator the body needs; "" for
    the usual dateline alone. The dateline is not put in the text: parsed with the first sentence, it becomes
    that sentence's subject ("GENEVA, April 13 - Some 340 GATT staff staged a strike": GENEVA staged it)."""
    m = _DATELINE_RE.search(document)
    line = " ".join(_CTRL_RE.sub(" ", htmllib.unescape(m.group(1))).split()) if m else ""
    shape = _DATELINE_SHAPE_RE.match(line)
    rest = line[shape.end():].strip() if shape else ""
    # a word hyphenated at the line end ("anti-" / "inflation") continues in the body
    return rest if rest.endswith("-") else f"{rest} " if rest else ""


def _reuters_body(raw: str) -> str:
    """Decode entities, drop the 'Reuter &#3;' signature and control characters, and unwrap the 70-column lines:
    a line that starts with white space starts a new paragraph."""
    body = htmllib.unescape(raw)
    body = body.rstrip().rstrip("\x03").rstrip()
    body = _SIGNATURE_RE.sub("", body)
    body = _CTRL_RE.sub("", body)
    paragraphs: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if paragraphs and paragraphs[-1]:
                paragraphs.append("")
            continue
        if line[:1].isspace() or not paragraphs or not paragraphs[-1]:
            if paragraphs and not paragraphs[-1]:
                paragraphs[-1] = line.strip()
            else:
                paragraphs.append(line.strip())
        else:
            paragraphs[-1] += " " + line.strip()
    return normalize_text("\n\n".join(p for p in paragraphs if p))


def read_sgm(text: str, path: str, settings: Settings) -> Iterator[Item]:
    """Reuters-21578: one Article per <REUTERS> document that has a <BODY> (others are skipped silently)."""
    found = False
    pos = 0
    while (m := _REUTERS_OPEN_RE.search(text, pos)) and (close := _REUTERS_CLOSE_RE.search(text, m.end())):
        attrs, inner = m.group(1), text[m.end():close.start()]
        pos = close.end()
        body_m = _BODY_RE.search(inner)
        if not body_m:
            continue
        newid_m = _NEWID_RE.search(attrs)
        newid = newid_m.group(1) if newid_m else str(m.start())
        title_m = _TITLE_RE.search(inner)
        title = normalize_text(_CTRL_RE.sub("", htmllib.unescape(title_m.group(1)))) if title_m else ""
        try:
            _check_raw_length(body_m.group(1), settings)
        except Reject as r:
            found = True
            yield Rejection(f"{path}#{newid}", r.code, r.reason)
            continue
        body = _reuters_body(body_m.group(1))
        if not body:
            continue
        found = True
        body = reuters_lead(inner) + body
        text_out = f"{title}\n\n{body}" if title else body
        date_m = _DATE_RE.search(inner)
        where = f"{path}#{newid}"
        if len(text_out) > settings.max_article_chars:
            yield Rejection(where, "E115", _fmt("E115", found=len(text_out), limit=settings.max_article_chars))
            continue
        yield Article(
            id=f"reuters-{newid}",
            text=text_out,
            title=title or None,
            source="Reuters",
            date=_reuters_date(date_m.group(1)) if date_m else None,
            path=where,
            language="en",
        )
    if not found:
        raise Reject("E118")
