"""The DuckDB store: articles, coded events and entity mentions in one embedded file."""
from .db import Store, event_row

__all__ = ["Store", "event_row"]
