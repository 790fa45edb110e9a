"""Text normalisation and boilerplate removal for scraped news text.

`normalize_text` only fixes characters and whitespace. `clean_text` also drops junk lines:

1. Characters: NFC; non-breaking and other odd spaces and tabs -> " "; zero-width characters, soft hyphens and
   control characters removed; every line ending (CRLF, CR, U+2028, form feed, ...) -> "\\n"; U+2029 -> paragraph break.
2. Lines: runs of spaces collapsed, lines stripped; one or more blank lines become one paragraph break ("\\n\\n");
   lines inside a paragraph stay joined by "\\n".
3. Edges: walking inward from the start and from the end, lines are dropped until the first *real* line. A line is
   dropped when it is a known junk phrase (data/boilerplate.yaml: "Share.", "Exit mobile version", "Advertisement",
   copyright, "Follow us on ...", sign-up prompts, reporter credits, bare URLs/e-mails), when it is *menu-like*
   (at least two short segments separated by two or more spaces, tabs, or "|", "•", "·", "»", "›", ">" or "/";
   each segment made of capitalised words, e.g. "Weather     Live Markets"), or when it is not a *real line*.
   A real line has 8+ words, or 4+ words and ends with ".", "!", "?" or "…" (closing quotes/brackets allowed
   after it). So short verbless lines ("Pick Six Newsletter", "Comments", "78,000") go, long ones stay.
   A *headline* stops the walk at the start and is kept: a line that is not junk or menu-like, stands alone in its
   paragraph, has 2-25 words and no final full stop, and is either directly followed by a real line, or is the
   first line of the text, has a lower-case word and some real line after it (BBC: headline, blank, body; BBC
   sport previews: headline, venue/date lines, body).
   At the end, a run of more than MAX_SHORT_TAIL (6) short lines is a list or table that belongs to the article
   (qualified teams, results, line-ups): it is kept, and only known junk and menu-like lines in it are dropped.
   If no line of the text is real or a headline, the edge rule is not applied (a one-line input such as
   "Russia invades Ukraine" is kept) and only known junk phrases and menu-like lines are dropped.
4. Body: inside the text only lines whose whole text is a known junk phrase ("Advertisement", "Share this") or that
   start a short link line ("Read more: ...", "Related: ...", "Watch: ...") are dropped.

`article_id` hashes the casefolded, whitespace-collapsed text, so the same text always gets the same id.

`repair_escapes` runs after the id is taken (see the readers): HTML character references that reached plain text
undecoded ("AT&amp;T", "&#39;") or with their "&" lost, as throughout the AG News dump ("doesn #39;t", "the
#36;10 million", " quot;phone sex quot;"), become the characters they stand for. The parser reads "doesn #39;t"
as three words and "Dubai #39;s ruler" without its possessive. Taking the id first keeps the ids of articles
already stored when a repair rule is added: a re-run skips them instead of storing them twice.
"""
from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# Spaces that are not U+0020, and tabs: all become a plain space.
_ODD_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Invisible characters removed outright (ZWJ/ZWNJ are kept: some scripts need them).
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\u180e"
_TRANSLATE = {ord(c): " " for c in _ODD_SPACES}
_TRANSLATE.update({ord(c): None for c in _INVISIBLE})
_TRANSLATE.update({ord(c): "\n" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028"})
_TRANSLATE[0x2029] = "\n\n"
# Remaining C0/C1 control characters (not \n) are dropped.
_CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x84\x86-\x9f]")
_SPACES_RE = re.compile(r" {2,}")
_MENU_SPLIT_RE = re.compile(r" {2,}|\s+[|•·»›>/]\s+|\s*[|•·]\s*")
_SENT_END_RE = re.compile(r"[.!?…][\"'”’)\]»]*$")
_KEY_DROP_RE = re.compile(r"[^\w\s]|[\d_]")
# At the end of a text, more than this many short lines in a row are a list or table of the article, not junk.
MAX_SHORT_TAIL = 6
# Edge patterns are only tried on lines up to this long: a credit or cookie notice is short, and some patterns
# ('cookie ... use') take time quadratic in the line's length (a 1 MB line of 'cookie' took an hour).
EDGE_MAX_CHARS = 1000


@dataclass(frozen=True)
class _Rules:
    phrases: frozenset[str]
    prefixes: tuple[str, ...]
    prefix_re: re.Pattern
    edge_re: tuple[re.Pattern, ...]


def _key(line: str) -> str:
    """Casefold, drop punctuation and digits, collapse spaces: 'Share this!' -> 'share this'."""
    s = line.casefold().replace("’", "").replace("'", "")
    return " ".join(_KEY_DROP_RE.sub(" ", s).split())


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = yaml.safe_load(resources.files("newsevents.ingest").joinpath("data/boilerplate.yaml").read_text("utf-8"))
    phrases = frozenset(_key(p) for p in data.get("phrases", []))
    prefixes = tuple(sorted({p.casefold() for p in data.get("prefixes", [])}, key=len, reverse=True))
    prefix_re = re.compile(r"^(?:%s)\s*(?::|>|»|\||–|—|-|\.\.\.|…)" % "|".join(re.escape(p) for p in prefixes))
    edge = tuple(re.compile(p, re.IGNORECASE) for p in data.get("edge_patterns", []))
    return _Rules(phrases, prefixes, prefix_re, edge)


def _prepare(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TRANSLATE)
    return _CONTROL_RE.sub("", text)


@dataclass
class _Line:
    text: str
    menu: bool
    para: int  # paragraph number


def _split(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    para = 0
    for rawline in _prepare(raw).split("\n"):
        stripped = rawline.strip(" ")
        if not stripped:
            para += 1
            continue
        text = _SPACES_RE.sub(" ", stripped)
        lines.append(_Line(text, _is_menu(stripped), para))
    return lines


def _join(lines: list[_Line]) -> str:
    out: list[str] = []
    prev = None
    for line in lines:
        if prev is not None:
            out.append("\n" if line.para == prev else "\n\n")
        out.append(line.text)
        prev = line.para
    return "".join(out)


def normalize_text(raw: str) -> str:
    """Characters and whitespace only (steps 1-2 of the module docstring); no line is dropped."""
    return _join(_split(raw))


def _is_menu(stripped: str) -> bool:
    """Two or more short segments separated by wide gaps or separator characters, each made of capitalised
    words (at most one lower-case word each, as in "Terms of Use"), and no final sentence punctuation."""
    if _SENT_END_RE.search(stripped):
        return False
    segments = [s.split() for s in _MENU_SPLIT_RE.split(stripped) if s.strip()]
    return len(segments) >= 2 and all(
        len(seg) <= 5 and sum(1 for w in seg if w[:1].islower()) <= 1 for seg in segments)


def is_real_line(line: str) -> bool:
    """Stops the edge walk: 8+ words, or 4+ words ending with '.', '!', '?' or '…'."""
    words = line.split()
    return len(words) >= 8 or (len(words) >= 4 and bool(_SENT_END_RE.search(line)))


def is_junk_phrase(line: str) -> bool:
    """A known junk line anywhere in a text: an exact junk phrase or a short link line ('Read more: ...')."""
    rules = _rules()
    if _key(line) in rules.phrases:
        return True
    return len(line.split()) < 16 and bool(rules.prefix_re.match(line.casefold()))


def is_edge_junk(line: str) -> bool:
    """Junk when it sits at the start or end of a text (credits, copyright, sign-up prompts, bare links)."""
    if is_junk_phrase(line):
        return True
    if len(line) > EDGE_MAX_CHARS:
        return False
    low = line.casefold().replace("’", "'")
    return any(p.search(low) for p in _rules().edge_re)


def _is_headline(lines: list[_Line], i: int) -> bool:
    """A headline: alone in its paragraph, 2-25 words, no final full stop, and directly followed by a real line;
    or the first line of the text, with a lower-case word in it (not a bare run of capitalised menu words) and
    a real line somewhere after it (BBC sport previews put a venue/date box between headline and body)."""
    line = lines[i]
    n = len(lines)
    if i + 1 >= n or lines[i + 1].para == line.para or (i > 0 and lines[i - 1].para == line.para):
        return False
    if not 2 <= len(line.text.split()) <= 25 or line.text.rstrip("\"'”’)]»").endswith("."):
        return False
    has_lower = any(w[:1].islower() for w in line.text.split())
    following = lines[i + 1:] if i == 0 and has_lower else lines[i + 1:i + 2]
    return any(is_real_line(ln.text) and not is_edge_junk(ln.text) and not ln.menu for ln in following)


def _clean_lines(lines: list[_Line], keep_headline: bool) -> list[_Line]:
    n = len(lines)
    start = 0
    found = False
    while start < n:
        line = lines[start]
        if is_edge_junk(line.text) or line.menu:
            start += 1
            continue
        if is_real_line(line.text) or (keep_headline and _is_headline(lines, start)):
            found = True
            break
        start += 1
    if not found:  # no real line anywhere: keep everything but known junk phrases and menus
        return [ln for ln in lines if not is_junk_phrase(ln.text) and not ln.menu]
    end = n
    short_run = 0
    while end > start + 1:
        line = lines[end - 1]
        if is_edge_junk(line.text) or line.menu:
            end -= 1
        elif not is_real_line(line.text):
            end -= 1
            short_run += 1
        else:
            break
    tail: list[_Line] = []
    if short_run > MAX_SHORT_TAIL:  # a long run of short lines is a list or table of the article: keep it
        tail = [ln for ln in lines[end:] if not (is_edge_junk(ln.text) or ln.menu)]
    return [lines[start]] + [ln for ln in lines[start + 1:end] if not is_junk_phrase(ln.text)] + tail


def clean_text(raw: str, *, keep_headline: bool = True) -> str:
    """Boilerplate removal and whitespace normalisation for plain text (see the module docstring).
    `keep_headline=False` is for text whose title is known separately (HTML)."""
    lines = _split(raw)
    if not lines:
        return ""
    return _join(_clean_lines(lines, keep_headline))


def split_headline(text: str) -> str | None:
    """The headline of a cleaned text: a first paragraph of one short line without a final full stop,
    followed by at least one more paragraph. Returns None when the text does not start with one."""
    first, sep, rest = text.partition("\n\n")
    if not sep or not rest.strip() or "\n" in first:
        return None
    words = first.split()
    tail = first.rstrip("\"'”’)]»")
    if not 1 <= len(words) <= 25 or (tail.endswith(".") and not tail.endswith("...")):
        return None
    return first


# "&name;" / "&#NN;" as written, or with the "&" turned into a space (the space is part of the damage).
_ESCAPE_RE = re.compile(r"&(#\d{2,5}|#x[0-9a-fA-F]{2,4}|quot|amp|apos|lt|gt|nbsp);| (#\d{2,5}|quot|amp|apos|lt|gt);")


def _unescaped(m: re.Match) -> str:
    char = html.unescape(f"&{m.group(1) or m.group(2)};")
    if char == "\xa0":
        return " "
    return char if char.isprintable() else ""


def repair_escapes(text: str) -> str:
    """Decode character references left in plain text, including the "&"-lost form (module docstring)."""
    if ";" not in text:
        return text
    return _ESCAPE_RE.sub(_unescaped, text)


def article_id(text: str) -> str:
    """Stable id of a text: sha1 of the casefolded, whitespace-collapsed text, first 16 hex characters."""
    norm = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
