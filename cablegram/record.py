"""The Record and its parts: one document as the archive holds it.

Mirrors ``record.schema.json`` (copied into ``cablegram/schema/``). A Record is the only thing
that crosses from extraction to everything after it: the store, the search index, the web.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DocType = Literal[
    "telegram", "airgram", "letter", "message", "memorandum", "memorandum_of_conversation",
    "minutes", "protocol", "instructions", "report", "intelligence_report", "note", "statement",
    "diary", "transcript", "paper", "editorial_note", "other",
]
Classification = Literal[
    "top_secret", "secret", "confidential", "restricted", "limited_official_use", "unclassified"
]
Handling = Literal[
    "special_folder", "eyes_only", "nodis", "exdis", "limdis", "noforn", "copying_prohibited",
    "personal", "other",
]
Precedence = Literal[
    "flash", "niact", "operational_immediate", "immediate", "priority", "routine", "top_priority"
]
NoteKind = Literal["footnote", "translator_note", "editorial_note", "source_note"]
MentionType = Literal["person", "organization", "place"]
DirectiveKind = Literal["report_back", "distribute", "act", "transmit", "other"]


class Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="allow")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


class Party(Model):
    """A sender, addressee or copy holder, as the document names them."""

    name: str
    role: str | None = None
    place: str | None = None
    entity_id: str | None = None


class Signed(Model):
    name: str
    role: str | None = None
    date: str | None = None
    date_as_written: str | None = None


class Markings(Model):
    classification: Classification | None = None
    as_written: list[str] = Field(default_factory=list)
    handling: list[Handling] = Field(default_factory=list)
    precedence: Precedence | None = None
    copy_number: str | None = None


class Identifier(Model):
    scheme: str
    value: str


class Provenance(Model):
    archive: str | None = None
    chain: list[str] = Field(default_factory=list)
    publisher: str | None = None
    source_url: str | None = None


class Note(Model):
    kind: NoteKind
    label: str | None = None
    text: str


class Mention(Model):
    text: str
    type: MentionType
    entity_id: str | None = None
    start: int | None = None
    end: int | None = None


class Directive(Model):
    kind: DirectiveKind
    text: str
    target: Party | None = None


class Reference(Model):
    """Another document this one speaks of: 'N.S. Khrushchev's letter to F. Castro'."""

    text: str
    doc_type: str | None = None
    date: str | None = None
    date_inferred: bool = False
    from_: list[Party] = Field(default_factory=list, alias="from")
    to: list[Party] = Field(default_factory=list)
    resolved_id: str | None = None


class Record(Model):
    id: str
    title: str | None = None
    series_title: str | None = None
    doc_type: DocType | None = None
    doc_type_as_written: str | None = None
    date: str | None = None
    date_as_written: str | None = None
    sent: str | None = None  # ISO date-time a telegram was sent, local time of the sender, when written
    received: str | None = None  # ISO date-time it was received, when written ('Received 4:17 a.m.')
    place: str | None = None
    from_: list[Party] = Field(default_factory=list, alias="from")
    to: list[Party] = Field(default_factory=list)
    distribution: list[Party] = Field(default_factory=list)
    signed: Signed | None = None
    markings: Markings = Field(default_factory=Markings)
    identifiers: list[Identifier] = Field(default_factory=list)
    language: str | None = None
    original_language: str | None = None
    translator: str | None = None
    provenance: Provenance = Field(default_factory=Provenance)
    citation: str | None = None
    summary: str | None = None
    body: str = ""
    notes: list[Note] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    parts: list[dict[str, Any]] = Field(default_factory=list)
    layout: str | None = None
    source_path: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls.model_validate(data)
