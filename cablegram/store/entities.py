"""Entities in the archive: which records name whom, and the user's decisions to merge and split entities.

Decisions are kept apart from what extraction found and applied whenever mentions are read, so a re-ingest,
which rewrites the mentions, never undoes them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from cablegram.entities.authority import load_authority
from cablegram.entities.transliterate import spelling_key
from cablegram.errors import NotFound
from cablegram.record import Party, Record

UNRESOLVED = "unresolved:"


def unresolved_id(text: str) -> str:
    """The id a name nobody resolved is listed under: every spelling of it together ('unresolved:ivancenko')."""
    return UNRESOLVED + spelling_key(text).replace(" ", "-")


class EntityStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # writing -----------------------------------------------------------------------------------------------------

    def put_mentions(self, record: Record) -> None:
        self.conn.execute("DELETE FROM mentions WHERE record_id = ?", (record.id,))
        rows = [(record.id, m.entity_id, m.text, m.type, "mention", m.start, m.end) for m in record.mentions]
        for role, parties in (("from", record.from_), ("to", record.to), ("distribution", record.distribution)):
            rows += [(record.id, p.entity_id, p.name, "person", role, None, None) for p in parties]
        for part in record.parts:
            for role in ("from", "to"):
                rows += [(record.id, p.get("entity_id"), p.get("name", ""), "person", role, None, None)
                         for p in part.get(role) or []]
        self.conn.executemany('INSERT INTO mentions(record_id, entity_id, text, type, role, start, "end") '
                              "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def merge(self, keep: str, other: str) -> None:
        """``other`` is the same entity as ``keep``: its mentions are listed under ``keep`` from now on."""
        self._require(keep)
        self._require(other)
        self._decide("merge", keep, other, None)

    def split(self, entity_id: str, variant: str, new_id: str | None = None) -> str:
        """Mentions of ``entity_id`` written as ``variant`` (in any spelling) are another entity: returns its id."""
        self._require(entity_id)
        new_id = new_id or f"{entity_id}~{spelling_key(variant).replace(' ', '-')}"
        self._decide("split", entity_id, new_id, variant)
        return new_id

    def _decide(self, action: str, entity_id: str, other: str, variant: str | None) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.conn:
            self.conn.execute("INSERT INTO entity_decisions(action, entity_id, other, variant, made_at) "
                              "VALUES (?, ?, ?, ?, ?)", (action, entity_id, other, variant, now))

    def _require(self, entity_id: str) -> None:
        if not self.describe(entity_id, documents=False):
            raise NotFound(f"no entity with id {entity_id!r}", "Find ids with `cablegram entities QUERY`.")

    def aliases_of(self, entity_id: str) -> list[str]:
        """Every id the index may hold for an entity: its own, those merged into it, its ids in markup."""
        ids = [entity_id, *(d["other"] for d in self.decisions() if d["action"] == "merge" and d["entity_id"] == entity_id)]
        authority = load_authority()
        out: list[str] = []
        for i in ids:
            entity = authority.get(i)
            out += [i, *(entity.xrefs if entity else [])]
        return out

    def records_naming(self, entity_ids: list[str]) -> list[str]:
        marks = ",".join("?" * len(entity_ids))
        rows = self.conn.execute(f"SELECT DISTINCT record_id FROM mentions WHERE entity_id IN ({marks})", entity_ids)
        return [r["record_id"] for r in rows]

    # applying decisions ---------------------------------------------------------------------------------------

    def decisions(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM entity_decisions ORDER BY n").fetchall()

    def resolve(self, entity_id: str | None, text: str, decisions: list[sqlite3.Row] | None = None) -> str:
        """The id a mention is listed under, decisions applied in the order they were made."""
        current = entity_id or unresolved_id(text)
        for d in self.decisions() if decisions is None else decisions:
            if d["action"] == "split" and d["entity_id"] == current and spelling_key(text) == spelling_key(d["variant"]):
                current = d["other"]
            elif d["action"] == "merge" and d["other"] == current:
                current = d["entity_id"]
        return current

    def apply_to_record(self, record: Record) -> Record:
        decisions = self.decisions()
        if not decisions:
            return record
        for mention in record.mentions:
            if mention.entity_id or mention.type == "person":
                resolved = self.resolve(mention.entity_id, mention.text, decisions)
                mention.entity_id = None if resolved.startswith(UNRESOLVED) else resolved
        for party in [*record.from_, *record.to, *record.distribution]:
            _apply_party(self, party, decisions)
        return record

    # reading -------------------------------------------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        decisions = self.decisions()
        out = []
        for row in self.conn.execute("SELECT m.*, r.title, r.date FROM mentions m JOIN records r ON r.id = m.record_id"):
            item = dict(row)
            if item["entity_id"] is None and item["type"] != "person" and item["role"] == "mention":
                continue
            item["entity_id"] = self.resolve(item["entity_id"], item["text"], decisions)
            out.append(item)
        return out

    def listing(self, query: str | None = None) -> list[dict[str, Any]]:
        """Entities {id, name, kind, variants} the authority knows or the archive names; QUERY matches any
        variant in any script and spelling ('Alexeyev' and 'Алексеев' find Alekseev)."""
        authority = load_authority()
        decisions = self.decisions()
        merged_away = {d["other"] for d in decisions if d["action"] == "merge"}
        entities: dict[str, dict[str, Any]] = {
            e.id: {"id": e.id, "name": e.name, "kind": e.kind, "variants": e.all_names()[1:]}
            for e in authority.entities.values()}
        for row in self.rows():
            entry = entities.setdefault(row["entity_id"], {"id": row["entity_id"], "name": row["text"],
                                                           "kind": row["type"], "variants": []})
            if row["text"] != entry["name"] and row["text"] not in entry["variants"]:
                entry["variants"].append(row["text"])
        for d in decisions:
            if d["action"] == "split":
                entities.setdefault(d["other"], {"id": d["other"], "name": d["variant"], "kind": "person", "variants": []})
        listed = [e for e in entities.values() if e["id"] not in merged_away]
        if query:
            listed = [e for e in listed if _matches(query, [e["name"], *e["variants"]])]
        return sorted(listed, key=lambda e: (e["kind"], e["name"].casefold()))

    def describe(self, entity_id: str, documents: bool = True) -> dict[str, Any] | None:
        """An entity with its variants, aliases, posts, and (when ``documents``) the records naming it under
        every spelling and the entities named beside it."""
        authority = load_authority()
        entity = authority.get(entity_id)
        known = {e["id"]: e for e in self.listing()} if entity is None else {}
        if entity is None and entity_id not in known:
            return None
        described: dict[str, Any] = entity.to_dict() if entity else {**known[entity_id], "aliases": [], "posts": []}
        if not documents:
            return described
        rows = self.rows()
        mine = [r for r in rows if r["entity_id"] == entity_id]
        by_record: dict[str, dict[str, Any]] = {}
        for r in mine:
            doc = by_record.setdefault(r["record_id"], {"id": r["record_id"], "title": r["title"], "date": r["date"],
                                                         "as": [], "roles": []})
            if r["text"] not in doc["as"]:
                doc["as"].append(r["text"])
            if r["role"] not in doc["roles"]:
                doc["roles"].append(r["role"])
        described["documents"] = sorted(by_record.values(), key=lambda d: (d["date"] is None, d["date"] or ""))
        described["spellings"] = sorted({r["text"] for r in mine})
        beside = Counter(entity for _, entity in {(r["record_id"], r["entity_id"]) for r in rows
                                                  if r["record_id"] in by_record and r["entity_id"] != entity_id
                                                  and not r["entity_id"].startswith(UNRESOLVED)})
        names = {e.id: e.name for e in authority.entities.values()}
        ranked = sorted(beside.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
        described["co_mentioned"] = [{"id": i, "name": names.get(i, i), "documents": n} for i, n in ranked[:100]]
        return described


def _apply_party(store: EntityStore, party: Party, decisions: list[sqlite3.Row]) -> None:
    if party.entity_id:
        resolved = store.resolve(party.entity_id, party.name, decisions)
        party.entity_id = None if resolved.startswith(UNRESOLVED) else resolved


def _matches(query: str, names: list[str]) -> bool:
    q, key = query.casefold().strip(), spelling_key(query)
    return any(q in n.casefold() or (key and key in spelling_key(n)) for n in names)
