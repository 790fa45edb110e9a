"""HTTP API and dashboard over the store: `create_app(db_path)` builds the FastAPI app, `serve` runs it."""
from __future__ import annotations

from .app import create_app, serve

__all__ = ["create_app", "serve"]
