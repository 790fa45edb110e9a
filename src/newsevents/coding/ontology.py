"""The CAMEO event ontology: codes, names, Goldstein scores, QuadClass and PLOVER category.

Read from the package's own table `coding/data/cameo.csv` (see `coding/data/README.md` for where each
column's facts come from). The table is validated when loaded; a broken table raises E203.
"""
from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from newsevents.errors import error

TABLE = "cameo.csv"
COLUMNS = ("code", "name", "root", "goldstein", "quad_class", "plover")
ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "STATEMENT",  # newsevents extension for CAMEO 01x (PLOVER has no public-statement category)
})


# Mutual relations: "X met Y" is also "Y met X" (consult, negotiate, agree, cooperate). The coder codes them both
# ways; the store merges both directions into one happening.
MUTUAL_CODES = frozenset({"036", "040", "044", "046", "057", "060", "061", "062", "063", "064"})


def is_mutual(code: str) -> bool:
    return code[:3] in MUTUAL_CODES


def quad_class_of_root(root: str) -> int:
    """GDELT's QuadClass for a CAMEO root: 01-05 verbal coop, 06-09 material coop, 10-14 verbal conflict,
    15-20 material conflict."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover: str

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2


class Ontology:
    """All CAMEO event codes. `Ontology.load()` is cached; instances are read-only."""

    def __init__(self, codes: list[CameoCode]):
        self._codes = {c.code: c for c in codes}
        self._order = list(codes)

    @classmethod
    def load(cls) -> "Ontology":
        return _load_default()

    @classmethod
    def from_text(cls, text: str, table: str = TABLE) -> "Ontology":
        """Parse and validate a CSV table in the cameo.csv format (raises E203 if broken)."""
        def broken(reason: str):
            return error("E203", table=table, reason=reason)

        reader = csv.DictReader(io.StringIO(text))
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise broken(f"columns are {reader.fieldnames}, expected {list(COLUMNS)}")
        codes: list[CameoCode] = []
        seen: set[str] = set()
        for line, row in enumerate(reader, start=2):
            try:
                code = row["code"].strip()
                c = CameoCode(code=code, name=row["name"].strip(), root=row["root"].strip(),
                              goldstein=float(row["goldstein"]), quad_class=int(row["quad_class"]),
                              plover=row["plover"].strip())
            except (ValueError, AttributeError, TypeError) as exc:
                raise broken(f"line {line}: {exc}") from None
            if not code.isdigit() or len(code) not in (2, 3, 4):
                raise broken(f"line {line}: bad code {code!r}")
            if code in seen:
                raise broken(f"line {line}: duplicate code {code}")
            seen.add(code)
            if c.root != code[:2]:
                raise broken(f"line {line}: code {code} has root {c.root!r}, expected {code[:2]}")
            if not c.name:
                raise broken(f"line {line}: code {code} has no name")
            if not -10.0 <= c.goldstein <= 10.0:
                raise broken(f"line {line}: code {code} Goldstein {c.goldstein} outside [-10, 10]")
            if c.plover not in PLOVER_TYPES:
                raise broken(f"line {line}: code {code} has unknown PLOVER type {c.plover!r}")
            codes.append(c)
        by_code = {c.code: c for c in codes}
        for r in ROOTS:
            if r not in by_code:
                raise broken(f"root code {r} is missing")
        for c in codes:
            if c.root not in by_code:
                raise broken(f"code {c.code}: root {c.root} does not exist")
            if len(c.code) == 4 and c.code[:3] not in by_code:
                raise broken(f"code {c.code}: parent {c.code[:3]} does not exist")
            if c.quad_class != quad_class_of_root(c.root):
                raise broken(f"code {c.code}: quad_class {c.quad_class} does not match root {c.root} "
                             f"(expected {quad_class_of_root(c.root)})")
        return cls(codes)

    def __getitem__(self, code: str) -> CameoCode:
        return self._codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str, default: CameoCode | None = None) -> CameoCode | None:
        return self._codes.get(code, default)

    def codes(self) -> list[CameoCode]:
        return list(self._order)

    def roots(self) -> list[CameoCode]:
        return [self._codes[r] for r in ROOTS]


@functools.lru_cache(maxsize=1)
def _load_default() -> Ontology:
    text = resources.files("newsevents.coding").joinpath("data", TABLE).read_text(encoding="utf-8")
    return Ontology.from_text(text, TABLE)
