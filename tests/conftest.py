"""Shared fixtures: one spaCy-backed pipeline per test session, and paths to the bundled and shared data."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE = SAMPLES / "biden-kishida-summit.txt"
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def pipeline():
    from newsevents.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not beside the project")
    return CORPORA
