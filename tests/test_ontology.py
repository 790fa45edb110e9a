"""The CAMEO ontology table: complete, clean, consistent with GDELT's reference facts."""
from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from newsevents.coding.ontology import CameoCode, Ontology, PLOVER_TYPES, quad_class_of_root
from newsevents.errors import NewsEventsError

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"
ROOTS = [f"{i:02d}" for i in range(1, 21)]
EXPECTED_QUAD = {**{r: 1 for r in ROOTS[0:5]}, **{r: 2 for r in ROOTS[5:9]},
                 **{r: 3 for r in ROOTS[9:14]}, **{r: 4 for r in ROOTS[14:20]}}


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return Ontology.load()


def _reference(name: str) -> dict[str, str]:
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"reference file {path} not present")
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {c.strip(): v for c, v in (r.split("\t", 1) for r in rows)}


def test_load_is_cached(onto):
    assert Ontology.load() is onto


def test_all_311_codes_including_106(onto):
    codes = [c.code for c in onto.codes()]
    assert len(codes) == 311 == len(set(codes))
    assert "106" in onto and onto["106"].name == "Demand withdrawal" and onto["106"].goldstein == -5.0
    assert sum(len(c) == 2 for c in codes) == 20
    assert sum(len(c) == 3 for c in codes) == 147
    assert sum(len(c) == 4 for c in codes) == 144


def test_every_root_present_with_its_quad_class(onto):
    roots = onto.roots()
    assert [r.code for r in roots] == ROOTS
    for r in roots:
        assert r.root == r.code
        assert r.quad_class == EXPECTED_QUAD[r.code], r
        assert quad_class_of_root(r.code) == EXPECTED_QUAD[r.code]


def test_every_code_consistent_with_its_root(onto):
    for c in onto.codes():
        assert isinstance(c, CameoCode)
        assert c.root == c.code[:2] and c.root in onto
        assert c.quad_class == EXPECTED_QUAD[c.root], c
        assert -10.0 <= c.goldstein <= 10.0
        assert c.plover in PLOVER_TYPES
        if len(c.code) == 4:
            assert c.code[:3] in onto


def test_names_are_clean(onto):
    for c in onto.codes():
        assert c.name == c.name.strip() and "  " not in c.name and c.name.isascii(), c
    assert onto["044"].name == "Meet at a 'third' location"
    assert "material" in onto["033"].name and "matyerial" not in onto["033"].name
    assert onto["2041"].name == "Use chemical, biological, or radiological weapons"
    assert onto["19"].name == "Fight"
    assert onto["0874"].name == "Retreat or surrender militarily"


def test_lookup_and_errors(onto):
    assert onto["190"].goldstein == -10.0 and onto["190"].plover == "ASSAULT"
    assert "999" not in onto and "" not in onto
    with pytest.raises(KeyError):
        onto["999"]


def test_goldstein_matches_gdelt_reference_for_all_codes(onto):
    ref = _reference("CAMEO.goldsteinscale.txt")
    assert set(ref) == {c.code for c in onto.codes()}
    for code, value in ref.items():
        assert onto[code].goldstein == pytest.approx(float(value)), code


def test_names_match_gdelt_reference_apart_from_documented_fixes(onto):
    ref = _reference("CAMEO.eventcodes.txt")
    assert set(ref) == {c.code for c in onto.codes()}
    fixed = {"044", "033", "2041"}
    for code, name in ref.items():
        if code in fixed:
            continue
        assert onto[code].name.lower() == " ".join(name.split()).lower(), code


def test_plover_crosswalk_decisions(onto):
    expect = {
        "010": "STATEMENT", "019": "STATEMENT", "020": "REQUEST", "036": "AGREE", "042": "CONSULT",
        "046": "CONSULT", "050": "COOPERATE", "051": "SUPPORT", "055": "CONCEDE", "057": "AGREE",
        "061": "COOPERATE", "073": "AID", "081": "CONCEDE", "0841": "RETREAT", "085": "CONCEDE",
        "0871": "RETREAT", "0874": "RETREAT", "091": "ACCUSE", "106": "REQUEST", "112": "ACCUSE",
        "129": "REJECT", "138": "THREATEN", "145": "PROTEST", "154": "MOBILIZE", "163": "SANCTION",
        "173": "COERCE", "1823": "ASSAULT", "195": "ASSAULT", "2042": "ASSAULT",
    }
    for code, plover in expect.items():
        assert onto[code].plover == plover, code
    for c in onto.codes():
        if c.root == "01":
            assert c.plover == "STATEMENT"
    used = {c.plover for c in onto.codes()}
    assert used == PLOVER_TYPES  # all 16 PLOVER types plus the STATEMENT extension are used


def _mutate(good: str, fn) -> str:
    """Parse the shipped table, let `fn` change the rows, write it back as CSV text."""
    import io
    rows = list(csv.reader(io.StringIO(good)))
    rows = fn(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _set(code: str, col: int, value: str):
    def fn(rows):
        return [r[:col] + [value] + r[col + 1:] if r[0] == code else r for r in rows]
    return fn


def test_broken_table_raises_e203():
    good = resources.files("newsevents.coding").joinpath("data", "cameo.csv").read_text(encoding="utf-8")
    cases = {
        "quad_class 2 does not match root 19": _mutate(good, _set("190", 4, "2")),
        "outside [-10, 10]": _mutate(good, _set("191", 3, "-12.0")),
        "root 99 does not exist": _mutate(good, lambda rows: rows + [["991", "Bogus", "99", "0.0", "1", "STATEMENT"]]),
        "root code 07 is missing": _mutate(good, lambda rows: [r for r in rows if r[0] != "07"]),
        "duplicate code 190": _mutate(good, lambda rows: rows + [["190", "Again", "19", "-10.0", "4", "ASSAULT"]]),
        "unknown PLOVER type 'CHAT'": _mutate(good, _set("044", 5, "CHAT")),
        "parent 029 does not exist": _mutate(good, lambda rows: rows + [["0299", "Orphan", "02", "0.0", "1", "REQUEST"]]),
        "columns": good.replace("code,name,root", "kode,name,root", 1),
        "bad goldstein": _mutate(good, _set("010", 3, "lots")),
    }
    for needle, text in cases.items():
        assert text != good, needle
        with pytest.raises(NewsEventsError) as exc:
            Ontology.from_text(text, "cameo.csv")
        assert exc.value.code == "E203"
        assert "ontology table cameo.csv is broken" in str(exc.value)
        if needle != "bad goldstein":
            assert needle in str(exc.value), (needle, str(exc.value))
    assert len(Ontology.from_text(good)) == 311


def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("newsevents.coding").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_actor_types_table():
    rows = _csv("actor_types.csv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes)) == 39
    assert {"GOV", "MIL", "REB", "COP", "UIS", "IGO", "NGO", "BUS", "LEG", "SET"} <= set(codes)
    assert all(len(c) == 3 and c.isupper() for c in codes)
    assert all(r["label"] == r["label"].strip() and r["label"] for r in rows)


def test_known_groups_table():
    rows = _csv("known_groups.csv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    by = {r["code"]: r for r in rows}
    assert {r["kind"] for r in rows} == {"igo", "ngo", "armed", "party"}
    assert "Eastern and Southern Africa" in by["CEM"]["label"]
    assert by["WTO"]["label"] == "World Trade Organization (WTO)"
    assert "PSE" not in by
    assert by["NAT"]["kind"] == "igo" and by["HMS"]["kind"] == "armed"
    assert by["AMN"]["kind"] == "ngo" and by["LKD"]["kind"] == "party"
    assert all("?" not in r["label"] for r in rows)


def test_reference_codes_cover_known_groups():
    ref = _reference("CAMEO.knowngroup.txt")
    ours = {r["code"] for r in _csv("known_groups.csv")}
    assert ours == set(ref) - {"PSE"}


def test_package_never_reads_shared_folder():
    src = Path(__file__).resolve().parents[1] / "src" / "newsevents"
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "shared/reference" not in text and "/work/shared" not in text, path
