"""The one place that loads the spaCy pipeline.

The coder needs a dependency parser (who did what to whom) and NER (actors, places); the pipeline is
checked for both when it is loaded, so a wrong model fails here and not in the middle of a run.
"""
from __future__ import annotations

import functools
import importlib.util

from .errors import error
from .settings import Settings

REQUIRED_COMPONENTS = ("parser", "ner")


@functools.lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    nlp = spacy.load(name, exclude=["textcat"])
    for component in REQUIRED_COMPONENTS:
        if component not in nlp.pipe_names:
            raise error("E202", name=name, component=component)
    return nlp


def model_name(settings: Settings | None = None) -> str:
    """The first of the configured pipelines that is installed."""
    settings = settings or Settings.from_env()
    for name in settings.models:
        if importlib.util.find_spec(name) is not None:
            return name
    raise error("E201", name=" or ".join(settings.models))


def load(settings: Settings | None = None):
    """Return the shared spaCy `Language` (loaded once per process)."""
    return _load(model_name(settings))
