"""What every layout extractor is, and what happens to every Record once a layout has read it."""

from __future__ import annotations

import re
from typing import Protocol

from cablegram.entities.authority import load_authority
from cablegram.entities.mentions import find_mentions
from cablegram.entities.resolve import resolve_entities
from cablegram.extract.fields.directives import find_directives
from cablegram.extract.fields.references import find_references
from cablegram.extract.fields.signature import parse_role_signature, parse_signature
from cablegram.read.base import Text
from cablegram.record import Record, Signed
from cablegram.values.languages import RUSSIAN_ARCHIVES, detect_language


class Extractor(Protocol):
    """One layout: says how well a text fits it (0..1) and reads Records out of it."""

    name: str

    def match(self, text: Text) -> float: ...

    def extract(self, text: Text) -> list[Record]: ...


def known_places() -> set[str]:
    return {v for e in load_authority().entities.values() if e.kind == "place" for v in (e.name, *e.variants)}


def tidy_body(text: str) -> str:
    """Paragraphs without indentation or runs of blank lines."""
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def split_signature(body: str) -> tuple[str, Signed | None]:
    """The signature on the last line of a body, if there is one; the body keeps it."""
    lines = [line for line in body.rstrip().split("\n") if line.strip()]
    if not lines:
        return body, None
    last = lines[-1].strip()
    return body, parse_signature(last) or parse_role_signature(last)


def finish_record(record: Record, text: Text, index: int = 0) -> Record:
    """What every layout shares: id, language, mentions, directives, references."""
    if not record.id:
        record.id = text.sha256[:16] + (f"-{index}" if index else "")
    record.source_path = str(text.path)
    record.language = record.language or detect_language(record.body)
    if record.original_language is None and record.language != "ru" and RUSSIAN_ARCHIVES.search(
            f"{record.provenance.archive or ''} {' '.join(n.text for n in record.notes if n.kind == 'source_note')}"):
        record.original_language = "ru"  # an English text of a document held in a Russian archive is a translation
    record.mentions = find_mentions(record.body, record.date)
    if not record.directives:
        record.directives = find_directives(record.body)
    if not record.references:
        record.references = find_references(record.body, record.date, record.from_, record.to)
    return resolve_entities(record)
