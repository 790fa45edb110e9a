"""DuckDB schema and its migrations.

Each migration is a list of SQL statements; `MIGRATIONS[n]` brings a store from version n to n+1.
A new column or table is a new migration appended here, never an edit of an old one, so every store
ever written can be brought up to date by `migrate`.
"""
from __future__ import annotations

ARTICLE_COLUMNS = ["id", "url", "title", "source", "date", "author", "path", "language", "text",
                   "ingested_at", "n_events", "duplicate_of", "duplicate_similarity"]

EVENT_COLUMNS = [
    "id", "article_id", "sentence_index", "sentence", "sentence_start", "sentence_end",
    "source_code", "source_name", "source_country", "source_role", "source_kind", "source_start", "source_end",
    "source_reason",
    "target_code", "target_name", "target_country", "target_role", "target_kind", "target_start", "target_end",
    "target_reason",
    "verb", "verb_start", "verb_end",
    "code", "root_code", "plover", "quad_class", "goldstein", "mode", "date",
    "location", "place_name", "place_geonames_id", "place_feature", "place_country", "place_adm1",
    "place_lat", "place_lon", "place_reason",
    "rule", "tone",
]

ENTITY_COLUMNS = ["article_id", "label", "text", "start", "end", "actor_code"]

REJECTION_COLUMNS = ["path", "code", "reason", "rejected_at"]

MIGRATIONS: list[list[str]] = [
    # 0 -> 1: the first release
    [
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, source VARCHAR, date DATE, author VARCHAR,
            path VARCHAR, language VARCHAR, text VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL,
            n_events INTEGER NOT NULL)""",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence_index INTEGER, sentence VARCHAR,
            sentence_start INTEGER, sentence_end INTEGER,
            source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_role VARCHAR,
            source_kind VARCHAR, source_start INTEGER, source_end INTEGER, source_reason VARCHAR,
            target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_role VARCHAR,
            target_kind VARCHAR, target_start INTEGER, target_end INTEGER, target_reason VARCHAR,
            verb VARCHAR, verb_start INTEGER, verb_end INTEGER,
            code VARCHAR NOT NULL, root_code VARCHAR NOT NULL, plover VARCHAR, quad_class INTEGER,
            goldstein DOUBLE, mode VARCHAR, date DATE,
            location VARCHAR, place_name VARCHAR, place_geonames_id BIGINT, place_feature VARCHAR,
            place_country VARCHAR, place_adm1 VARCHAR, place_lat DOUBLE, place_lon DOUBLE, place_reason VARCHAR,
            rule VARCHAR)""",
        "CREATE INDEX events_article ON events(article_id)",
        """CREATE TABLE entities (
            article_id VARCHAR NOT NULL, label VARCHAR, text VARCHAR, start INTEGER, "end" INTEGER,
            actor_code VARCHAR)""",
        """CREATE TABLE rejections (
            path VARCHAR, code VARCHAR, reason VARCHAR, rejected_at TIMESTAMP)""",
    ],
    # 1 -> 2: live ingestion (newsevents.live): HTTP validators per URL, seen URLs, page versions with the
    # source of their date, and the failure log
    [
        """CREATE TABLE live_http (
            url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, status INTEGER, fetched_at TIMESTAMP,
            kind VARCHAR, children VARCHAR[])""",
        """CREATE TABLE live_urls (
            url VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, outlet VARCHAR, language VARCHAR, country VARCHAR,
            feed_title VARCHAR, feed_date DATE, feed_updated VARCHAR, state VARCHAR NOT NULL,
            attempts INTEGER NOT NULL, error VARCHAR, versions INTEGER NOT NULL, article_id VARCHAR,
            content_hash VARCHAR, first_seen TIMESTAMP NOT NULL, last_fetched TIMESTAMP)""",
        """CREATE TABLE live_versions (
            url VARCHAR NOT NULL, version INTEGER NOT NULL, article_id VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL, new_article BOOLEAN NOT NULL, date DATE, date_source VARCHAR NOT NULL,
            title VARCHAR, fetched_at TIMESTAMP NOT NULL, PRIMARY KEY (url, version))""",
        "CREATE INDEX live_versions_hash ON live_versions(content_hash)",
        """CREATE TABLE live_failures (
            failed_at TIMESTAMP NOT NULL, source VARCHAR, url VARCHAR, code VARCHAR, reason VARCHAR)""",
    ],
    # document knowledge, near-duplicates and happenings (newsevents.knowledge, store/dedup.py,
    # store/happenings.py): per-article tone, names, themes, quotations, amounts and MinHash signature;
    # articles.duplicate_of links a near-duplicate to its original; events get the tone of their sentence
    # and the happening they are a mention of
    [
        "ALTER TABLE articles ADD COLUMN duplicate_of VARCHAR",
        "ALTER TABLE articles ADD COLUMN duplicate_similarity DOUBLE",
        "ALTER TABLE events ADD COLUMN tone DOUBLE",
        "ALTER TABLE events ADD COLUMN happening_id VARCHAR",
        """CREATE TABLE article_knowledge (
            article_id VARCHAR PRIMARY KEY, language VARCHAR, language_score DOUBLE, language_source VARCHAR,
            coded BOOLEAN NOT NULL, words INTEGER, tone DOUBLE, positive DOUBLE, negative DOUBLE,
            polarity DOUBLE, activity DOUBLE, self_group DOUBLE, score DOUBLE)""",
        """CREATE TABLE article_names (
            article_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR NOT NULL, label VARCHAR,
            count INTEGER NOT NULL, starts INTEGER[], ends INTEGER[], actor_code VARCHAR, geonames_id BIGINT,
            feature VARCHAR, country VARCHAR, adm1 VARCHAR, lat DOUBLE, lon DOUBLE, reason VARCHAR)""",
        "CREATE INDEX article_names_article ON article_names(article_id)",
        """CREATE TABLE article_themes (
            article_id VARCHAR NOT NULL, theme VARCHAR NOT NULL, label VARCHAR, count INTEGER NOT NULL,
            starts INTEGER[], ends INTEGER[], triggers VARCHAR[])""",
        "CREATE INDEX article_themes_article ON article_themes(article_id)",
        """CREATE TABLE article_quotations (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote VARCHAR,
            verb VARCHAR, speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER, speaker_name VARCHAR,
            speaker_code VARCHAR, reason VARCHAR)""",
        """CREATE TABLE article_amounts (
            article_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, text VARCHAR, value DOUBLE, start INTEGER,
            "end" INTEGER, object VARCHAR, object_start INTEGER, object_end INTEGER)""",
        """CREATE TABLE article_signatures (
            article_id VARCHAR PRIMARY KEY, minhash UINTEGER[] NOT NULL)""",
        """CREATE TABLE happenings (
            id VARCHAR NOT NULL, source_code VARCHAR, target_code VARCHAR, root_code VARCHAR NOT NULL,
            place_key VARCHAR NOT NULL, first_seen DATE, last_seen DATE, num_mentions INTEGER NOT NULL,
            num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL, avg_tone DOUBLE,
            first_event_id VARCHAR NOT NULL, mentions VARCHAR[] NOT NULL, window_days INTEGER NOT NULL)""",
        """CREATE TABLE store_settings (
            name VARCHAR PRIMARY KEY, value VARCHAR)""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
