from __future__ import annotations

import sqlite3
from pathlib import Path

from cablegram.ingest import ingest
from cablegram.store import Archive
from cablegram.store.migrations import STEPS
from tests.conftest import SEEDS


def test_a_new_archive_is_at_the_latest_schema(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        assert archive.schema_version == len(STEPS)
    conn = sqlite3.connect(tmp_path / "archive.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(STEPS)


def test_reopening_keeps_records(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        report = ingest([SEEDS], archive)
    assert report.records == 2 and report.ok
    with Archive(tmp_path) as archive:
        assert archive.count() == 2
        ids = [row["id"] for row in archive.summaries()]
        assert {archive.get(str(i)).id for i in ids} == set(ids)


def test_the_same_file_always_gets_the_same_id(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a, Archive(tmp_path / "b") as b:
        ingest([SEEDS], a)
        ingest([SEEDS], b)
        assert [r["id"] for r in a.summaries()] == [r["id"] for r in b.summaries()]
