"""The default archive: one SQLite file in a folder the user names."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from cablegram.errors import NotFound
from cablegram.record import Record
from cablegram.search.index import SearchIndex, SearchResult
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
        self.index = SearchIndex(self.root / "index")
        self.changed: set[str] = set()  # records added, replaced or removed since the last flush (semantic index)
        if self.index.created and self.count():
            self.reindex()  # an archive from before the index, or an index deleted: rebuilt from the records

    def close(self) -> None:
        self.flush()
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
            self.index.delete(old)
            self.changed.update(old)
            self.conn.executemany("DELETE FROM mentions WHERE record_id = ?", [(i,) for i in old])
            self.conn.execute("DELETE FROM records WHERE source_path = ?", (path,))
            self.conn.execute("INSERT OR REPLACE INTO sources(path, sha256, ingested_at) VALUES (?, ?, ?)",
                              (path, sha256, now))
            for position, record in enumerate(records):
                self._put(record, path, position)

    def _put(self, record: Record, path: str, position: int) -> None:
        data = record.to_dict()
        # the same document reached by another path: the newest copy wins, the id stays stable
        self.entities.put_mentions(record)
        self.conn.execute(
            "INSERT OR REPLACE INTO records(id, source_path, position, title, date, doc_type, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (record.id, path, position, record.title, record.date, record.doc_type,
             json.dumps(data, ensure_ascii=False)))
        self.index.add([self.entities.apply_to_record(Record.from_dict(data))])
        self.changed.add(record.id)

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

    def search(self, query: str, limit: int = 20, offset: int = 0, sort: str = "relevance",
               facets: bool = True) -> SearchResult:
        """Hits, snippets and facet counts for a query in the query language (docs/search.md)."""
        self.flush()
        return self.index.search(query, limit=limit, offset=offset, sort=sort, facets=facets,
                                 expand_entity=self.entities.aliases_of)

    # the search index ----------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Make what was ingested searchable. Embedding for search by meaning (the semantic extra) waits for the
        first search by meaning, which embeds what the semantic index lacks: ingest stays as fast as without the
        extra. CABLEGRAM_SEMANTIC=eager embeds here instead."""
        self.index.commit()
        if self.changed and os.environ.get("CABLEGRAM_SEMANTIC", "").lower() == "eager":
            from cablegram.search.semantic import sync

            sync(self, self.changed)
        self.changed.clear()

    def reindex(self, record_ids: list[str] | None = None) -> int:
        """Rebuild the search index entry of these records (all, when None) from what the archive keeps."""
        if record_ids is None:
            self.index.writer.delete_all_documents()
            rows = self.conn.execute("SELECT id FROM records").fetchall()
            record_ids = [r["id"] for r in rows]
        self.index.add(self.get(i) for i in record_ids)
        self.index.commit()
        return len(record_ids)

    def merge_entities(self, keep: str, other: str) -> None:
        self.entities.merge(keep, other)
        self.reindex(self.entities.records_naming([keep, other]))

    def split_entity(self, entity_id: str, variant: str, new_id: str | None = None) -> str:
        created = self.entities.split(entity_id, variant, new_id)
        self.reindex(self.entities.records_naming([entity_id]))
        return created
