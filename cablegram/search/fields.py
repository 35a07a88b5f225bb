"""What of a Record the search index holds, field by field: the schema and the document made from a Record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import tantivy

from cablegram.entities.authority import load_authority
from cablegram.record import Party, Record

# (field, tokenizer, stored, fast): text fields are stemmed English; facets and filters are raw and fast
TEXT_FIELDS = {"title": 3.0, "body": 1.0, "summary": 1.5, "notes": 0.5, "parties": 2.0, "names": 1.0,
               "provenance": 0.5}
RAW_FACETS = ["doc_type", "year", "month", "classification", "language", "original_language", "archive", "persons",
              "places", "organizations"]


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=name in {"title", "body"}, tokenizer_name="en_stem")
    for name in ("from_text", "to_text"):
        sb.add_text_field(name, tokenizer_name="default")
    for name in ("entities", "from_entities", "to_entities", "handling"):
        sb.add_text_field(name, tokenizer_name="raw")
    for name in RAW_FACETS:
        sb.add_text_field(name, tokenizer_name="raw", fast=True, stored=name == "doc_type")
    sb.add_date_field("date", stored=True, indexed=True, fast=True)
    sb.add_text_field("date_text", stored=True, tokenizer_name="raw")  # the ISO date at its precision, for hits
    return sb.build()


def to_datetime(iso: str | None, end: bool = False) -> dt.datetime | None:
    """'1962', '1962-10', '1962-10-28' or '1962-10-28T06:40' as a datetime (the first or, with ``end``, the last
    moment of the period written)."""
    if not iso:
        return None
    parts = iso[:10].split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        day = int(parts[2])
    elif end:
        day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    else:
        day = 1
    if "T" in iso and not end:
        hour, minute = (int(x) for x in iso[11:16].split(":"))
        return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)
    return dt.datetime(year, month, day, 23, 59, 59, tzinfo=dt.UTC) if end else dt.datetime(year, month, day, tzinfo=dt.UTC)


def _names(parties: list[Party]) -> list[str]:
    return [" ".join(x for x in (p.name, p.role, p.place) if x) for p in parties]


def to_document(record: Record) -> tantivy.Document:
    authority = load_authority()
    kinds: dict[str, set[str]] = {"person": set(), "place": set(), "organization": set()}
    entity_names: set[str] = set()
    for m in record.mentions:
        if m.entity_id:
            kinds.setdefault(m.type, set()).add(m.entity_id)
    parties = [*record.from_, *record.to, *record.distribution]
    for part in record.parts:  # an attachment's addressee is named by the document too
        parties += [Party.model_validate(p) for side in ("from", "to") for p in part.get(side) or []]
    ids = {p.entity_id for p in parties if p.entity_id} | {i for s in kinds.values() for i in s}
    for entity_id in ids:
        entity = authority.get(entity_id)
        if entity:
            entity_names.add(entity.name)
    doc: dict[str, Any] = {
        "id": record.id, "title": record.title or "", "body": record.body, "summary": record.summary or "",
        "notes": " ".join(n.text for n in record.notes), "parties": " ; ".join(_names(parties)),
        "names": " ; ".join(sorted(entity_names)), "from_text": " ; ".join(_names(record.from_)),
        "to_text": " ; ".join(_names(record.to)),
        "provenance": " ; ".join(x for x in (record.provenance.archive, record.provenance.publisher,
                                             *record.provenance.chain, record.translator) if x),
        "entities": sorted(ids), "from_entities": sorted({p.entity_id for p in record.from_ if p.entity_id}),
        "to_entities": sorted({p.entity_id for p in record.to if p.entity_id}),
        "handling": list(record.markings.handling), "doc_type": record.doc_type or "none",
        "classification": record.markings.classification or "none", "language": record.language or "none",
        "original_language": record.original_language or "none",
        "archive": record.provenance.archive or record.provenance.publisher or "none",
        "persons": sorted(kinds["person"] | {p.entity_id for p in parties if p.entity_id and
                                              (e := authority.get(p.entity_id)) and e.kind == "person"}),
        "places": sorted(kinds["place"]), "organizations": sorted(kinds["organization"]),
        "date_text": record.date or "",
    }
    if record.date:
        doc["year"], doc["month"] = record.date[:4], record.date[:7] if len(record.date) >= 7 else "none"
        doc["date"] = to_datetime(record.date)
    else:
        doc["year"], doc["month"] = "none", "none"
    return tantivy.Document(**{k: v for k, v in doc.items() if v is not None})
