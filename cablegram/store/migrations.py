"""The archive's schema, as numbered steps: a database at version N runs steps N+1.. to reach the latest.

The version lives in SQLite's ``PRAGMA user_version``; a release that changes the schema appends a step,
never edits one that has shipped.
"""

from __future__ import annotations

import sqlite3

STEPS: list[str] = [
    # 1: records, where they came from, and a full-text index over what a reader searches
    """
    CREATE TABLE sources (
        path TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE records (
        id TEXT PRIMARY KEY,
        source_path TEXT NOT NULL REFERENCES sources(path) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        title TEXT,
        date TEXT,
        doc_type TEXT,
        json TEXT NOT NULL
    );
    CREATE INDEX records_source ON records(source_path);
    CREATE INDEX records_date ON records(date);
    CREATE VIRTUAL TABLE records_fts USING fts5(
        id UNINDEXED, title, body, notes, summary, parties, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 2: who and what each record names, for entity pages; the user's merge and split decisions
    """
    CREATE TABLE mentions (
        record_id TEXT NOT NULL,
        entity_id TEXT,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'mention',
        start INTEGER,
        "end" INTEGER
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_record ON mentions(record_id);
    CREATE TABLE entity_decisions (
        n INTEGER PRIMARY KEY AUTOINCREMENT,
        action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
        entity_id TEXT NOT NULL,
        other TEXT NOT NULL,
        variant TEXT,
        made_at TEXT NOT NULL
    );
    """,
    # 3: search moves to the tantivy index in the archive's index/ folder
    """
    DROP TABLE records_fts;
    """,
]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to the latest schema; returns the version it is at."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, step in enumerate(STEPS[version:], start=version + 1):
        with conn:
            conn.executescript(step)
            conn.execute(f"PRAGMA user_version = {number}")
    return len(STEPS)
