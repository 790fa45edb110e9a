#!/usr/bin/env python3
"""Deterministic, seeded selection of candidate sentences for the CAMEO gold set.

Reads the read-only corpora under /work/shared/corpora (AG News test.csv,
BBC news, Reuters-21578), splits their text into sentences with a simple
regex splitter, and draws candidate sentences in three ways (see
eval/gold/README.md for the full description):

  (a) "random"      plain seeded random draw from political/business news
  (b) "root-NN"     stratified draw per CAMEO root 01..20 from sentences that
                    contain keywords suggested by the CAMEO category definitions
  (c) "noevent-*"   sentences from sport news and market reports (expected to
                    hold no codable event)
  (d) "random2"     a second plain random draw (seed 2025), excluding (a)-(c)

Each candidate is written as a *reference* (file path relative to the corpora
root + character offsets into ``open(path, encoding="utf-8",
errors="replace").read()``); the sentence text itself is never written.

Usage:
    python eval/select_sentences.py                 # writes eval/gold/candidates.jsonl
    python eval/select_sentences.py --show DRAW [N] # print the first N candidates
                                                    # of a draw with their text
                                                    # (stdout only, for annotators)
    python eval/select_sentences.py --split         # annotations.jsonl -> dev.jsonl, test.jsonl
    python eval/select_sentences.py --verify FILE.. # check refs of gold files
"""
from __future__ import annotations

import glob
import json
import os
import random
import re
import sys

CORPORA = "/work/shared/corpora"
SEED = 2024
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "gold", "candidates.jsonl")

AG_DATE = "2004-09-01"
BBC_DATE = "2005-01-15"

# How many candidates each draw lists (the annotator works through each list in
# order; see README for how many were actually annotated).
N_RANDOM_PER_SOURCE = 60      # (a) per source: AG, BBC, Reuters
N_PER_ROOT = 40               # (b) ranked list per root stratum
N_NOEVENT_PER_POOL = 20       # (c) per no-event pool
N_RANDOM2_PER_SOURCE = 40     # (d) second random draw, per source

MIN_LEN, MAX_LEN = 30, 400

# --------------------------------------------------------------------------
# sentence splitting
# --------------------------------------------------------------------------
ABBR = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "maj",
    "sen", "rep", "gov", "pres", "prof", "rev", "inc", "corp", "co", "ltd",
    "plc", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sep", "sept",
    "oct", "nov", "dec", "jr", "sr", "mt", "ft", "fig", "dept", "est", "approx",
    "adm", "cmdr", "gov't", "messrs", "bros", "e.g", "i.e", "etc", "cf",
    "ave", "blvd", "cos", "bhd", "dlrs", "pct", "govt", "calif", "fla", "mass", "wash", "penn", "conn", "tex",
    "ill", "mich", "ariz", "colo", "ore", "okla", "tenn", "wis", "minn",
    "ky", "ind", "neb", "nev", "ala", "ga", "md", "va", "pa", "la", "mo",
}
# sentence end: ., ! or ? (possibly repeated), optional closing quotes/brackets,
# followed by whitespace and an (optionally quoted) capital letter or digit.
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)$")


def _is_abbrev(block: str, dot_pos: int) -> bool:
    """True if the '.' at dot_pos ends an abbreviation or an initial."""
    m = _WORD_BEFORE.search(block, 0, dot_pos)
    if not m:
        return False
    w = m.group(1)
    if w.lower().rstrip(".") in ABBR:
        return True
    if len(w) == 1 and w.isupper():          # initial: "J. Smith"
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w):   # U.S / U.N / e.g
        return True
    return False


def split_sentences(text: str, start: int, end: int):
    """Yield (s, e) offsets of sentences inside text[start:end]."""
    block = text[start:end]
    cuts = []
    for m in _END.finditer(block):
        p = m.start()
        if block[p] == "." and m.group(0).startswith(".") and len(m.group(0).rstrip("\"')]")) == 1:
            if _is_abbrev(block, p):
                continue
        cuts.append(m.end())
    prev = 0
    for c in cuts + [len(block)]:
        seg = block[prev:c]
        ls = len(seg) - len(seg.lstrip())
        s, e = prev + ls, prev + len(seg.rstrip())
        if e > s:
            yield start + s, start + e
        prev = c


def usable(sent: str) -> bool:
    if not (MIN_LEN <= len(sent) <= MAX_LEN):
        return False
    letters = sum(ch.isalpha() for ch in sent)
    lower = sum(ch.islower() for ch in sent)
    digits = sum(ch.isdigit() for ch in sent)
    if letters < 20 or lower < 0.5 * letters:      # headlines / tables in caps
        return False
    if digits > 0.25 * len(sent):                   # tables, figures
        return False
    if len(sent.split()) < 5:
        return False
    if not re.match(r"[\"'(\[]*[A-Z0-9]", sent):          # must start like a sentence
        return False
    if not re.search(r"[.!?][\"')\]]*$", sent):           # truncated leads / fragments
        return False
    return True


# --------------------------------------------------------------------------
# corpus readers: each yields sentence records
# --------------------------------------------------------------------------
def read(path: str) -> str:
    return open(path, encoding="utf-8", errors="replace").read()


_AG_ROW = re.compile(r'^"(\d)","((?:[^"]|"")*)","((?:[^"]|"")*)"$')
_AG_AGENCY = r"(?:AP|AFP|Reuters|Canadian Press|CP|AFX|UPI|Xinhua|SPACE\.com|Sports Network|[A-Z][A-Za-z.]+\.com)"
_SEP = r"(?:\s+--?\s+|\s*:\s+)"
_AG_DATELINE = re.compile(
    r"\s*(?:" + _AG_AGENCY + r"\s+--?\s+)?"
    r"(?:\d{1,2} [A-Z][a-z]+ \d{4}\s+--?\s+)?"
    r"(?:[A-Z][A-Z.'&-]+(?: [A-Z][A-Z.'&-]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*"
    r"(?:, (?:[A-Z][a-z]{2}\.? \d{1,2}|\d{1,2} [A-Z][a-z]+))?(?: \([^()]{1,30}\))?" + _SEP + r")?"
)


def ag_sentences():
    """AG News test.csv: description field of every row. yields dicts."""
    rel = "ag_news/test.csv"
    text = read(os.path.join(CORPORA, rel))
    pos = 0
    for rowno, line in enumerate(text.split("\n"), start=1):
        m = _AG_ROW.match(line)
        if m:
            cls = int(m.group(1))
            d0 = pos + m.start(3)
            d1 = pos + m.end(3)
            pm = _AG_DATELINE.match(text, d0, d1)
            if pm and pm.end() > d0:
                d0 = pm.end()
            for i, (s, e) in enumerate(split_sentences(text, d0, d1)):
                yield {
                    "id": f"ag-{rowno:04d}-{i}", "source": "ag", "cls": cls,
                    "ref": {"file": rel, "start": s, "end": e},
                    "date": AG_DATE, "text": text[s:e],
                }
        pos += len(line) + 1


def bbc_sentences(category: str):
    abbrev = {"politics": "pol", "business": "bus", "sport": "spo"}[category]
    for path in sorted(glob.glob(os.path.join(CORPORA, "bbc_news/bbc", category, "*.txt"))):
        rel = os.path.relpath(path, CORPORA)
        num = os.path.splitext(os.path.basename(path))[0]
        text = read(path)
        # line 1 is the headline; body paragraphs are separated by blank lines
        first_nl = text.find("\n")
        body_start = first_nl + 1 if first_nl >= 0 else len(text)
        i = 0
        for pm in re.finditer(r"[^\n]+", text[body_start:]):
            p0, p1 = body_start + pm.start(), body_start + pm.end()
            for s, e in split_sentences(text, p0, p1):
                yield {
                    "id": f"bbc-{abbrev}-{num}-{i}", "source": "bbc", "cat": category,
                    "ref": {"file": rel, "start": s, "end": e},
                    "date": BBC_DATE, "text": text[s:e],
                }
                i += 1


MONTHS = {m: i for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
_FIN_TITLE = re.compile(
    r"&lt;|\b(QTLY|DIVIDEND|DIV|BONDS?|NOTES?|SHR|EARNS?|YIELDS?|PCT|STOCK|OFFERING|"
    r"DEBENTURES?|CONVERTIBLE|EUROBONDS?|SPLIT|MLN|BILLION|BILLS?|NET|PROFIT|"
    r"LOSS|RESULTS|QTR|TENDER|MERGER|ACQUI\w*|STAKE|BUYS?|SELLS?)\b")


def _tags(doc: str, tag: str):
    m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), doc, re.S)
    return re.findall(r"<D>(.*?)</D>", m.group(1)) if m else []


def reuters_docs():
    for path in sorted(glob.glob(os.path.join(CORPORA, "reuters21578", "reut2-*.sgm"))):
        rel = os.path.relpath(path, CORPORA)
        text = read(path)
        for m in re.finditer(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>.*?</REUTERS>", text, re.S):
            doc = m.group(0)
            b = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if not b:
                continue
            dm = re.search(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})", doc)
            date = f"{dm.group(3)}-{MONTHS[dm.group(2)]:02d}-{int(dm.group(1)):02d}"
            tm = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S)
            b0 = m.start() + b.start(1)
            b1 = m.start() + b.end(1)
            # drop the trailing "Reuter" sign-off and control-character references
            tail = re.search(r"\s*(?:Reuter|REUTER)?\s*(?:&#\d+;\s*)*$", text[b0:b1])
            if tail:
                b1 = b0 + tail.start()
            yield {
                "newid": int(m.group(1)), "file": rel, "text": text,
                "topics": _tags(doc, "TOPICS"), "places": _tags(doc, "PLACES"),
                "people": _tags(doc, "PEOPLE"), "orgs": _tags(doc, "ORGS"),
                "title": tm.group(1) if tm else "", "date": date,
                "body": (b0, b1),
            }


def reuters_sentences(doc):
    text = doc["text"]
    b0, b1 = doc["body"]
    paras, p = [], b0
    for m in re.finditer(r"\n[ \t]{2,}", text[b0:b1]):
        paras.append((p, b0 + m.start()))
        p = b0 + m.end()
    paras.append((p, b1))
    spans = [se for (p0, p1) in paras for se in split_sentences(text, p0, p1)]
    for i, (s, e) in enumerate(spans):
        yield {
            "id": f"reu-{doc['newid']}-{i}", "source": "reuters",
            "ref": {"file": doc["file"], "start": s, "end": e},
            "date": doc["date"], "text": text[s:e],
        }


def reuters_political(doc) -> bool:
    """Documents whose metadata suggests politics / international news."""
    if not doc["places"]:
        return False
    topics = set(doc["topics"])
    if topics and not topics & {"trade", "ship"}:
        return False                 # commodity / finance categories only
    if _FIN_TITLE.search(doc["title"]):
        return False                 # corporate finance notices
    return True


MARKET_TOPICS = {"money-fx", "interest", "dlr", "gold", "crude", "grain", "wheat",
                 "sugar", "coffee", "cocoa", "cotton", "copper", "silver"}


def reuters_market(doc) -> bool:
    t = set(doc["topics"])
    return bool(t) and t <= MARKET_TOPICS and not doc["people"]


# --------------------------------------------------------------------------
# keyword strata, written from the CAMEO codebook's root definitions
# --------------------------------------------------------------------------
ROOT_KEYWORDS = {
    "01": r"said in a statement|declined to comment|refused to comment|no comment|optimistic|pessimistic|"
          r"claimed responsibility|denied (?:any )?(?:responsibility|involvement)|condolence|sympathy|"
          r"is considering|are considering|agreed with|welcomed the",
    "02": r"appeal(?:ed|s)? (?:to|for)|urg(?:e|ed|es|ing)|called on|call(?:ed)? for|pleaded|plea for|asked .* to",
    "03": r"will meet|plans? to meet|offered to|pledged?|promised?|vowed to|ready to|willing to|"
          r"intends? to|agreed to hold talks|prepared to",
    "04": r"\bmet\b|meeting with|talks with|visit(?:ed|s|ing)?|telephoned|phone call|"
          r"held talks|consult(?:ed|ations)|hosted|summit|mediat(?:e|ed|ion|or)|negotiat(?:e|ed|ions)",
    "05": r"signed? (?:an? |the )?(?:agreement|accord|treaty|deal|pact)|praised?|endorsed?|"
          r"recogni[sz]ed|apologi[sz]ed?|apology|forgave|defended|backed",
    "06": r"cooperat(?:e|ion)|joint (?:venture|exercise|military)|extradit\w+|shared? intelligence|"
          r"trade agreement|military cooperation",
    "07": r"\baid\b|assistance|loan to|donat(?:e|ed|ion)|relief supplies|humanitarian|asylum|grant(?:ed)? .*credit",
    "08": r"released?|freed|lifted (?:the )?(?:ban|sanctions|curfew|embargo)|eased?|ceasefire|cease-fire|"
          r"truce|withdr[ae]w|withdrawal|surrender(?:ed)?|conceded?|allowed? (?:UN|inspectors)|backed down",
    "09": r"investigat(?:e|ed|ing|ion)|inquiry|probe|inspect(?:ed|ion)|looking into",
    "10": r"demand(?:ed|s)?|insisted|ultimatum|called for .* (?:resign|withdraw|release)|must",
    "11": r"critici[sz](?:e|ed|es|m)|condemn(?:ed|s)?|denounc(?:e|ed)|accus(?:e|ed|ing|ation)|"
          r"blamed?|sued|lawsuit|convicted|found guilty|complain(?:ed|t)",
    "12": r"reject(?:ed|s)?|refused?|turned down|rebuffed|vetoe?d?|snubbed|ruled out|defied|opposed",
    "13": r"threat(?:en|ened|ens)?|warned|ultimatum|retaliat(?:e|ion|ory)",
    "14": r"protest(?:s|ed|ers)?|demonstrat(?:ion|ors|ed)|rally|rallies|strike|hunger strike|"
          r"boycott|riot(?:s|ed|ing)?|(?-i:march(?:ed|es|ing)?)",
    "15": r"troops massed|massed troops|alert|mobili[sz](?:e|ed|ation)|reinforcements|military exercises?|"
          r"deployed|deployment|state of readiness|sent troops|show of force",
    "16": r"sanctions?|embargo|cut ties|broke off|severed|suspend(?:ed)? (?:aid|talks|relations)|"
          r"expell?(?:ed)?|recalled (?:its )?ambassador|halt(?:ed)? (?:talks|aid)|tariffs?|retaliatory",
    "17": r"arrest(?:ed|s)?|detain(?:ed|s)?|seized?|confiscat\w+|curfew|state of emergency|martial law|"
          r"deport(?:ed)?|banned|crackdown|charged with|jailed",
    "18": r"attack(?:ed|s)?|bomb(?:ing|ed|s)?|kill(?:ed|ing|s)?|wound(?:ed|ing)?|abduct(?:ed|ion)?|"
          r"kidnap\w*|hostages?|assassinat\w+|suicide bomb\w*|car bomb|torture|gunmen|beheaded",
    "19": r"fighting|clashe[sd]|shell(?:ed|ing)|air ?strikes?|bombard\w*|artillery|tanks|"
          r"occup(?:y|ied|ation)|blockade|offensive|battle|fired on|missiles?|warplanes",
    "20": r"massacre\w*|genocide|ethnic cleansing|mass killings?|mass graves?|chemical weapons|"
          r"biological weapons|nuclear (?:test|explosion|blast)|mass expulsion|atrocit\w+|slaughter\w*",
}
ROOT_RE = {r: re.compile(r"\b(?:%s)\b" % k, re.I) for r, k in ROOT_KEYWORDS.items()}
MARKET_RE = re.compile(r"\b(stocks?|shares|Dow|Nasdaq|index|futures|prices?|dollar|yen|euro|"
                       r"bonds?|Treasur(?:y|ies)|crude|oil|barrel|traders?)\b")


# --------------------------------------------------------------------------
def build_pools():
    ag = list(ag_sentences())
    ag = [s for s in ag if usable(s["text"])]
    bbc_pol = [s for s in bbc_sentences("politics") if usable(s["text"])]
    bbc_bus = [s for s in bbc_sentences("business") if usable(s["text"])]
    bbc_spo = [s for s in bbc_sentences("sport") if usable(s["text"])]
    reu_pol, reu_mkt = [], []
    for doc in reuters_docs():
        if reuters_political(doc):
            reu_pol.extend(s for s in reuters_sentences(doc) if usable(s["text"]))
        elif reuters_market(doc):
            reu_mkt.extend(s for s in reuters_sentences(doc) if usable(s["text"]))
    pools = {
        "ag_world_business": [s for s in ag if s["cls"] in (1, 3)],
        "bbc_politics_business": bbc_pol + bbc_bus,
        "reuters_political": reu_pol,
        "ag_sport": [s for s in ag if s["cls"] == 2],
        "bbc_sport": bbc_spo,
        "ag_business_market": [s for s in ag if s["cls"] == 3 and MARKET_RE.search(s["text"])],
        "reuters_market": reu_mkt,
    }
    return pools


def draw(pools):
    rng = random.Random(SEED)
    taken: set[str] = set()
    out = []

    def emit(draw_name, items, n):
        k = 0
        for s in items:
            if k >= n:
                break
            if s["id"] in taken:
                continue
            taken.add(s["id"])
            out.append({"id": s["id"], "ref": s["ref"], "date": s["date"],
                        "draw": draw_name, "rank": k})
            k += 1

    # (a) plain random draw, equal share from each political/business source
    for name in ("ag_world_business", "bbc_politics_business", "reuters_political"):
        pool = pools[name]
        emit("random", rng.sample(pool, min(len(pool), N_RANDOM_PER_SOURCE * 3)),
             N_RANDOM_PER_SOURCE)
    # (b) stratified keyword draw per root; pool = union of the three
    # political/business pools; ranked by a seeded shuffle
    union = (pools["ag_world_business"] + pools["bbc_politics_business"]
             + pools["reuters_political"])
    for root in sorted(ROOT_RE):
        matches = [s for s in union if ROOT_RE[root].search(s["text"])]
        rng.shuffle(matches)
        emit(f"root-{root}", matches, N_PER_ROOT)
    # (c) no-event pools
    for name in ("bbc_sport", "ag_sport", "ag_business_market", "reuters_market"):
        pool = pools[name]
        emit(f"noevent-{name}", rng.sample(pool, min(len(pool), N_NOEVENT_PER_POOL * 3)),
             N_NOEVENT_PER_POOL)
    # (d) a second plain random draw (session 4), its own seed so every earlier candidate stays as it was; it
    # also leaves out the sentences of the actor/place mention gold files, whose draws excluded (a)-(c) only
    rng2 = random.Random(SEED + 1)
    for path in glob.glob(os.path.join(HERE, "gold", "actors*.jsonl")) + \
            glob.glob(os.path.join(HERE, "gold", "places*.jsonl")):
        taken |= {json.loads(line)["id"].rsplit("@", 1)[0] for line in open(path, encoding="utf-8") if line.strip()}
    for name in ("ag_world_business", "bbc_politics_business", "reuters_political"):
        pool = pools[name]
        emit("random2", rng2.sample(pool, min(len(pool), N_RANDOM2_PER_SOURCE * 3)), N_RANDOM2_PER_SOURCE)
    return out


# --------------------------------------------------------------------------
def verify(paths):
    """Read each ref back; check it is exactly one sentence of our splitter."""
    cache = {}
    starts = {}
    bad = 0
    n = 0
    for p in paths:
        for line in open(p, encoding="utf-8"):
            if not line.strip():
                continue
            rec = json.loads(line)
            n += 1
            ref = rec["ref"]
            f = ref["file"]
            if f not in cache:
                cache[f] = read(os.path.join(CORPORA, f))
            text = cache[f]
            s, e = ref["start"], ref["end"]
            span = text[s:e]
            probs = []
            if not span or span != span.strip():
                probs.append("leading/trailing whitespace or empty")
            if "text" in rec or "sentence" in rec:
                probs.append("record contains text")
            # independent surface checks: sentence-initial character, sentence-final
            # punctuation, preceded by a sentence end or a block boundary, no
            # paragraph break inside
            if not re.match(r"[\"'(\[]*[A-Z0-9]", span):
                probs.append("does not start like a sentence")
            if not re.search(r"[.!?][\"')\]]*$", span):
                probs.append("does not end with sentence-final punctuation")
            before = text[max(0, s - 300):s].rstrip()
            # (Reuters ends a wire page with "MORE": the next paragraph starts a sentence)
            if not (before == "" or re.search(r"([.!?][\"')\]]*|\n|>|--?|:|\",\"|\)|\\\\|\bMORE)$", before)
                    or text[s - 1:s] == "\n"):
                probs.append("not at a sentence start: %r" % before[-20:])
            if "\n\n" in span or re.search(r"\n[ \t]{2,}", span):
                probs.append("paragraph break inside span")
            # must be a sentence of the splitter: recompute the sentences of the
            # enclosing block and check (s, e) is one of them
            if f not in starts:
                starts[f] = _sentence_set(f, text)
            if (s, e) not in starts[f]:
                probs.append("not exactly one sentence")
            if probs:
                bad += 1
                print(p, rec["id"], probs)
    print(f"verified {n} refs, {bad} problems")
    return bad == 0


def _sentence_set(rel, text):
    sset = set()
    if rel.startswith("ag_news/"):
        for s in ag_sentences():
            sset.add((s["ref"]["start"], s["ref"]["end"]))
    elif rel.startswith("bbc_news/"):
        cat = rel.split("/")[2]
        for s in bbc_sentences(cat):
            if s["ref"]["file"] == rel:
                sset.add((s["ref"]["start"], s["ref"]["end"]))
    else:
        for doc in reuters_docs():
            if doc["file"] == rel:
                for s in reuters_sentences(doc):
                    sset.add((s["ref"]["start"], s["ref"]["end"]))
    return sset


# --------------------------------------------------------------------------
# dev/test split of the annotated sentences
# --------------------------------------------------------------------------
ANNOTATIONS = os.path.join(HERE, "gold", "annotations.jsonl")
TEST_SHARE = 0.4


def split(ann_path=ANNOTATIONS):
    """Seeded, stratified split of annotations.jsonl into dev.jsonl / test.jsonl.

    Stratum of a sentence = the rarest CAMEO root among its events (rarity by
    event count over the whole annotated set), or "none" for sentences without
    events.  Sentences whose text is identical (duplicate articles in the
    corpora) are kept together in one split.  Within each stratum the units are
    sorted by id, shuffled with random.Random(SEED) and the first
    round(TEST_SHARE * n) (at least 1 when n >= 2) go to test.

    A sentence already in dev.jsonl or test.jsonl stays there (with its duplicates): a test sentence must never
    move into dev once rules were tuned on dev. Sentences annotated later are split among themselves by the rule
    above.
    """
    recs = [json.loads(l) for l in open(ann_path, encoding="utf-8") if l.strip()]
    recs = [r for r in recs if not r.get("skip")]
    root_count = {}
    for r in recs:
        for e in r["events"]:
            root_count[e["code"][:2]] = root_count.get(e["code"][:2], 0) + 1
    cache = {}

    def text_of(r):
        f = r["ref"]["file"]
        if f not in cache:
            cache[f] = read(os.path.join(CORPORA, f))
        return " ".join(cache[f][r["ref"]["start"]:r["ref"]["end"]].split())

    units = {}
    for r in recs:
        units.setdefault(text_of(r), []).append(r)
    placed = {}
    for name in ("dev", "test"):
        path = os.path.join(HERE, "gold", f"{name}.jsonl")
        if os.path.exists(path):
            placed.update((json.loads(l)["id"], name) for l in open(path, encoding="utf-8") if l.strip())
    dev, test = [], []
    strata = {}
    for members in units.values():
        earlier = {placed[m["id"]] for m in members if m["id"] in placed}
        if earlier:
            (test if "test" in earlier else dev).extend(members)
            continue
        roots = {e["code"][:2] for m in members for e in m["events"]}
        key = min(roots, key=lambda x: (root_count[x], x)) if roots else "none"
        strata.setdefault(key, []).append(sorted(members, key=lambda m: m["id"]))
    rng = random.Random(SEED)
    for key in sorted(strata):
        us = sorted(strata[key], key=lambda u: u[0]["id"])
        rng.shuffle(us)
        n_test = round(TEST_SHARE * len(us))
        if len(us) >= 2:
            n_test = max(1, n_test)
        for i, u in enumerate(us):
            (test if i < n_test else dev).extend(u)
    keep = ("id", "ref", "date", "events", "note")
    for name, rows in (("dev", dev), ("test", test)):
        rows.sort(key=lambda r: r["id"])
        with open(os.path.join(HERE, "gold", f"{name}.jsonl"), "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({k: r[k] for k in keep if k in r}) + "\n")
    print(f"dev {len(dev)}  test {len(test)}")


def main(argv):
    if argv[:1] == ["--split"]:
        split(*argv[1:2])
        return 0
    if argv[:1] == ["--verify"]:
        return 0 if verify(argv[1:]) else 1
    pools = build_pools()
    if argv[:1] == ["--stats"]:
        for k, v in pools.items():
            print(k, len(v))
        return 0
    cands = draw(pools)
    if argv[:1] == ["--show"]:
        # print candidates of one draw with text (stdout only, never saved)
        want = argv[1]
        n = int(argv[2]) if len(argv) > 2 else 10 ** 9
        skip = int(argv[3]) if len(argv) > 3 else 0
        cache = {}
        for c in cands:
            if c["draw"] != want or not (skip <= c["rank"] < skip + n):
                continue
            f = c["ref"]["file"]
            if f not in cache:
                cache[f] = read(os.path.join(CORPORA, f))
            print(json.dumps({"id": c["id"], "rank": c["rank"], "date": c["date"]}))
            print("   ", cache[f][c["ref"]["start"]:c["ref"]["end"]].replace("\n", " "))
        return 0
    with open(OUT, "w", encoding="utf-8") as fh:
        for c in cands:
            fh.write(json.dumps(c) + "\n")
    print(f"wrote {len(cands)} candidates to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
