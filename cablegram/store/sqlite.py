"""The default archive: one SQLite file in a folder the user names."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from cablegram.errors import BadQuery, NotFound
from cablegram.record import Record
from cablegram.store.entities import EntityStore
from cablegram.store.migrations import migrate


class Archive:
    """Records kept on disk under ``root`` (``root/archive.sqlite``)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.path = self.root / "archive.sqlite"
        self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.schema_version = migrate(self.conn)
        self.entities = EntityStore(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # sources -------------------------------------------------------------------------------------------------

    def source_sha(self, path: str) -> str | None:
        row = self.conn.execute("SELECT sha256 FROM sources WHERE path = ?", (path,)).fetchone()
        return row["sha256"] if row else None

    def replace_source(self, path: str, sha256: str, records: list[Record]) -> None:
        """Store ``records`` as everything the file at ``path`` holds, replacing what it held before."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.conn:
            old = [r["id"] for r in self.conn.execute("SELECT id FROM records WHERE source_path = ?", (path,))]
            self.conn.executemany("DELETE FROM records_fts WHERE id = ?", [(i,) for i in old])
            self.conn.executemany("DELETE FROM mentions WHERE record_id = ?", [(i,) for i in old])
            self.conn.execute("DELETE FROM records WHERE source_path = ?", (path,))
            self.conn.execute("INSERT OR REPLACE INTO sources(path, sha256, ingested_at) VALUES (?, ?, ?)",
                              (path, sha256, now))
            for position, record in enumerate(records):
                self._put(record, path, position)

    def _put(self, record: Record, path: str, position: int) -> None:
        data = record.to_dict()
        # the same document reached by another path: the newest copy wins, the id stays stable
        self.conn.execute("DELETE FROM records_fts WHERE id = ?", (record.id,))
        self.entities.put_mentions(record)
        self.conn.execute(
            "INSERT OR REPLACE INTO records(id, source_path, position, title, date, doc_type, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record.id, path, position, record.title, record.date, record.doc_type,
             json.dumps(data, ensure_ascii=False)))
        parties = " ".join(p.name for p in [*record.from_, *record.to, *record.distribution])
        self.conn.execute(
            "INSERT INTO records_fts(id, title, body, notes, summary, parties) VALUES (?, ?, ?, ?, ?, ?)",
            (record.id, record.title or "", record.body, " ".join(n.text for n in record.notes),
             record.summary or "", parties))

    # reading -------------------------------------------------------------------------------------------------

    def get(self, record_id: str) -> Record:
        """A record as stored, with the user's entity merges and splits applied to its mentions and parties."""
        row = self.conn.execute("SELECT json FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(f"no record with id {record_id!r}")
        return self.entities.apply_to_record(Record.from_dict(json.loads(row["json"])))

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM records").fetchone()[0])

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[dict[str, str | None]]:
        """{id, title, date, doc_type} for every record, in date order (undated last)."""
        rows = self.conn.execute(
            "SELECT id, title, date, doc_type FROM records ORDER BY date IS NULL, date, title LIMIT ? OFFSET ?",
            (limit if limit is not None else -1, offset))
        return [dict(r) for r in rows]

    def records(self) -> Iterator[Record]:
        for row in self.conn.execute("SELECT json FROM records ORDER BY date IS NULL, date"):
            yield Record.from_dict(json.loads(row["json"]))

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[int, list[dict[str, object]]]:
        """(total, hits) for a full-text query: words, "phrases", OR, NOT, prefix*."""
        match = to_fts_query(query)
        try:
            total = self.conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH ?",
                                      (match,)).fetchone()[0]
            rows = self.conn.execute(
                "SELECT f.id, r.title, r.date, r.doc_type, bm25(records_fts, 0, 8.0, 1.0, 0.5, 2.0, 4.0) AS score, "
                "snippet(records_fts, 2, char(2), char(3), ' … ', 24) AS snippet "
                "FROM records_fts f JOIN records r ON r.id = f.id WHERE records_fts MATCH ? "
                "ORDER BY score LIMIT ? OFFSET ?", (match, limit, offset)).fetchall()
        except sqlite3.OperationalError as exc:
            raise BadQuery(f"cannot read the query {query!r}: {exc}") from exc
        hits = [{"id": r["id"], "title": r["title"], "date": r["date"], "doc_type": r["doc_type"],
                 "score": round(-r["score"], 4), "snippet": r["snippet"]} for r in rows]
        return int(total), hits


_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


def to_fts_query(query: str) -> str:
    """A user's query as FTS5 syntax: words are quoted so punctuation is safe; AND/OR/NOT and prefix* kept."""
    out: list[str] = []
    for token in _TOKEN.findall(query):
        if token in {"AND", "OR", "NOT", "(", ")"}:
            out.append(token)
        elif token.startswith('"'):
            inner = token.strip('"').replace('"', "")
            if inner.strip():
                out.append(f'"{inner}"')
        else:
            prefix = token.endswith("*")
            word = token.rstrip("*").replace('"', "")
            if word:
                out.append(f'"{word}"' + ("*" if prefix else ""))
    if not out:
        raise BadQuery("the query is empty", "Type one or more words to search for.")
    return " ".join(out)
