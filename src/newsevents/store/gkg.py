"""GDELT GKG 2.1 export of the article knowledge: one tab-separated row per stored article, 27 columns in the
order of `data/gkg_columns.yaml` (a header row first, as in our Events and Mentions files; no quoting, like
GDELT's files: tabs and newlines inside values become spaces).

How our knowledge fills GDELT's fields (empty where we have nothing to say):

| column | ours |
|---|---|
| GKGRECORDID | ingestion time YYYYMMDDHHMMSS, "-", the article id |
| V2.1DATE | the article's date (YYYYMMDD000000), else its ingestion time |
| V2SOURCECOLLECTIONIDENTIFIER | 1 (web) when the article has a URL, else 2 (citation only: the identifier is a path or id) |
| V2SOURCECOMMONNAME, V2DOCUMENTIDENTIFIER | source (else URL host); URL, else input path, else article id |
| V1THEMES, V2ENHANCEDTHEMES | theme ids of `knowledge/themes/` ("military;diplomacy;"); "theme,offset;" per trigger |
| V1LOCATIONS, V2ENHANCEDLOCATIONS | "type#name#country#adm1#lat#long#geonamesid" (type 1 country, 2 US state, 3 US city, 4 city, 5 ADM1; country codes are ISO3, not FIPS); the enhanced form adds an empty ADM2 and the offset of every mention |
| V1PERSONS, V1ORGANIZATIONS (+ ENHANCED) | names ";"; "name,offset;" per mention |
| V1.5TONE | tone,positive,negative,polarity,activity,self/group,word count (VADER, see knowledge/tone.py) |
| V2GCAM | "wc:WORDS,vader.compound:SCORE" |
| V2.1QUOTATIONS | "offset\\|length\\|verb\\|quote" joined by "#" |
| V2.1ALLNAMES | "name,offset;" for every person, organisation and place mention |
| V2.1AMOUNTS | "value,object,offset;" |
| V2.1TRANSLATIONINFO | "srclc:LANG;eng:untranslated" for an article not in English (stored, not coded) |
| V2EXTRASXML | <PAGE_TITLE>, <PAGE_AUTHORS>, and ours: <NE_LANGUAGE>, <NE_DUPLICATE_OF> |
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

_STRUCT = re.compile(r"[\t\r\n;#|,]+")
_SPACE = re.compile(r"[\t\r\n]+")


@functools.lru_cache(maxsize=1)
def gkg_columns() -> list[str]:
    text = resources.files("newsevents.store").joinpath("data", "gkg_columns.yaml").read_text("utf-8")
    return yaml.safe_load(text)["gkg"]


def _clean(text) -> str:
    """A free-text value inside a delimited GKG field: no tabs, newlines or GKG delimiters."""
    return " ".join(_STRUCT.sub(" ", str(text or "")).split())


def _flat(text) -> str:
    return " ".join(_SPACE.sub(" ", str(text or "")).split())


def _num(x) -> str:
    if x is None:
        return ""
    return f"{x:.4f}".rstrip("0").rstrip(".") if isinstance(x, float) else str(x)


def _grouped(con, sql: str) -> dict[str, list[dict]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    out: dict[str, list[dict]] = {}
    for row in cur.fetchall():
        rec = dict(zip(names, row))
        out.setdefault(rec["article_id"], []).append(rec)
    return out


def write_gkg(store, out: Path) -> int:
    """Write `out/gkg.tsv`; returns the number of article rows."""
    con = store.con
    cur = con.execute("""
        SELECT a.id, a.url, a.title, a.source, a.date, a.author, a.path, a.language, a.ingested_at,
               a.duplicate_of, k.coded, k.words, k.tone, k.positive, k.negative, k.polarity, k.activity,
               k.self_group, k.score
        FROM articles a LEFT JOIN article_knowledge k ON k.article_id = a.id
        ORDER BY a.ingested_at, a.id""")
    names = [d[0] for d in cur.description]
    articles = [dict(zip(names, r)) for r in cur.fetchall()]
    themes = _grouped(con, "SELECT article_id, theme, starts FROM article_themes ORDER BY article_id, theme")
    ents = _grouped(con, "SELECT article_id, kind, name, starts, geonames_id, feature, country, adm1, lat, lon "
                         "FROM article_names ORDER BY article_id, starts[1], name")
    quotes = _grouped(con, 'SELECT article_id, start, "end", verb, quote FROM article_quotations '
                           "ORDER BY article_id, start")
    amounts = _grouped(con, "SELECT article_id, value, object, start FROM article_amounts "
                            "WHERE value IS NOT NULL ORDER BY article_id, start")
    cols = gkg_columns()
    with open(out / "gkg.tsv", "w", newline="", encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for a in articles:  # plain tab-separated lines, no quoting (as GDELT's files): fields hold no tab
            f.write("\t".join(_row(a, themes.get(a["id"], []), ents.get(a["id"], []), quotes.get(a["id"], []),
                                   amounts.get(a["id"], []))) + "\n")
    return len(articles)


def _row(a: dict, themes: list[dict], names: list[dict], quotes: list[dict], amounts: list[dict]) -> list[str]:
    added = a["ingested_at"].strftime("%Y%m%d%H%M%S") if a["ingested_at"] else "00000000000000"
    date = a["date"].strftime("%Y%m%d") + "000000" if a["date"] else added
    host = re.match(r"^[a-zA-Z]+://([^/:]+)", a["url"] or "")
    common = a["source"] or (host.group(1) if host else "")
    ident = a["url"] or a["path"] or a["id"]

    v1themes = "".join(f"{_clean(t['theme'])};" for t in themes)
    v2themes = "".join(f"{_clean(t['theme'])},{s};" for t in themes for s in (t["starts"] or []))

    places = [n for n in names if n["kind"] == "place" and n["lat"] is not None]
    persons = [n for n in names if n["kind"] == "person"]
    orgs = [n for n in names if n["kind"] == "organisation"]

    def loc(n: dict) -> list[str]:
        us = n["country"] == "USA"
        kind = {"country": 1, "adm1": 2 if us else 5}.get(n["feature"], 3 if us else 4)
        return [str(kind), _clean(n["name"]), n["country"] or "", n["adm1"] or "", _num(n["lat"]), _num(n["lon"]),
                str(n["geonames_id"] or "")]

    v1loc = ";".join("#".join(loc(n)) for n in places)
    v2loc = ";".join("#".join(loc(n)[:4] + [""] + loc(n)[4:] + [str(s)]) for n in places
                     for s in (n["starts"] or []))
    v1persons = ";".join(_clean(n["name"]) for n in persons)
    v2persons = ";".join(f"{_clean(n['name'])},{s}" for n in persons for s in (n["starts"] or []))
    v1orgs = ";".join(_clean(n["name"]) for n in orgs)
    v2orgs = ";".join(f"{_clean(n['name'])},{s}" for n in orgs for s in (n["starts"] or []))
    tone = "" if a["tone"] is None else ",".join(_num(a[k]) for k in (
        "tone", "positive", "negative", "polarity", "activity", "self_group", "words"))
    gcam = "" if a["words"] is None else f"wc:{a['words']},vader.compound:{_num(a['score'])}"
    quotations = "#".join(f"{q['start']}|{q['end'] - q['start']}|{_clean(q['verb'])}|{_clean(q['quote'])}"
                          for q in quotes)
    allnames = ";".join(f"{_clean(n)},{s}" for n, s in sorted(
        ((n["name"], s) for n in names for s in (n["starts"] or [])), key=lambda x: x[1]))
    amts = "".join(f"{_num(m['value'])},{_clean(m['object'])},{m['start']};" for m in amounts)
    translation = "" if a["coded"] is not False else f"srclc:{_clean(a['language'])};eng:untranslated"
    extras = f"<PAGE_TITLE>{escape(_flat(a['title']))}</PAGE_TITLE>" if a["title"] else ""
    if a["author"]:
        extras += f"<PAGE_AUTHORS>{escape(_flat(a['author']))}</PAGE_AUTHORS>"
    if a["language"]:
        extras += f"<NE_LANGUAGE>{escape(_flat(a['language']))}</NE_LANGUAGE>"
    if a["duplicate_of"]:
        extras += f"<NE_DUPLICATE_OF>{escape(_flat(a['duplicate_of']))}</NE_DUPLICATE_OF>"
    row = [f"{added}-{a['id']}", date, "1" if a["url"] else "2", common, ident, "", "", v1themes, v2themes,
           v1loc, v2loc, v1persons, v2persons, v1orgs, v2orgs, tone, "", gcam, "", "", "", "", quotations,
           allnames, amts, translation, extras]
    return [_flat(v) for v in row]

