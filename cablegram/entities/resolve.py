"""Every party and mention of a Record resolved to the authority file, by name, cover name, or post at the date."""

from __future__ import annotations

from collections.abc import Iterable

from cablegram.entities.authority import load_authority
from cablegram.entities.mentions import resolve_name
from cablegram.entities.roles import resolve_role
from cablegram.record import Party, Record


def resolve_party(party: Party, date: str | None) -> None:
    """Give ``party`` the entity it stands for: 'A. Alekseev' by name, 'SOVIET AMBASSADOR' in 'HAVANA' by post."""
    if party.entity_id:
        party.entity_id = load_authority().canonical_id(party.entity_id)
        return
    party.entity_id = resolve_name(party.name, date) or resolve_role(
        " ".join(x for x in (party.role, party.name) if x), party.place, date)


def resolve_entities(record: Record) -> Record:
    """Parties of the record, its directives, references and parts; mentions tagged elsewhere
    ('frus1961-63v06:p_KNS2') get the authority's id, the id they came with kept as ``xref``."""
    authority = load_authority()
    for party in _parties(record):
        resolve_party(party, record.date)
    for mention in record.mentions:
        if mention.entity_id and mention.entity_id not in authority.entities:
            canonical = authority.canonical_id(mention.entity_id)
            if canonical != mention.entity_id:
                mention.xref = mention.entity_id  # type: ignore[attr-defined]
                mention.entity_id = canonical
    for part in record.parts:
        for side in ("from", "to", "distribution"):
            for raw in part.get(side) or []:
                party = Party.model_validate(raw)
                resolve_party(party, part.get("date") or record.date)
                raw["entity_id"] = party.entity_id
    return record


def _parties(record: Record) -> Iterable[Party]:
    yield from record.from_
    yield from record.to
    yield from record.distribution
    for directive in record.directives:
        if directive.target:
            yield directive.target
    for reference in record.references:
        yield from reference.from_
        yield from reference.to
