"""FRUS volumes in TEI (the Office of the Historian's XML): one Record per ``<div type="document">``.

The markup already says what other layouts have to guess: the head names the document, ``persName`` and
``gloss`` typed ``from``/``to`` mark its parties, the dateline's ``<date when>`` its date at the precision the
editors knew it, ``<note type="source">`` where the original is and how it was marked, and every ``persName``
with ``@corresp`` points into the volume's list of persons. So this layout reads the markup, and only the
free text of the head and of the source note goes through the shared parsers (parties, doc types, markings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any

from cablegram.entities.resolve import resolve_entities
from cablegram.errors import UnsupportedFormat
from cablegram.extract.base import finish_record
from cablegram.extract.fields.doctype import doc_type_of
from cablegram.extract.fields.parties import parties_of_heading
from cablegram.extract.fields.sentences import sentences
from cablegram.read.base import Text
from cablegram.read.tei import FRUS, NS, XML_ID, TEIText, local, note_text, parse_tei, render_content, tei_text_of
from cablegram.record import Identifier, Markings, Mention, Note, Party, Provenance, Record, Reference, Signed
from cablegram.values.markings import MarkingSet, is_marking_line

PUBLISHER = "Office of the Historian, U.S. Department of State"
SOURCE_URL = "https://history.state.gov/historicaldocuments/{volume}/{doc}"
_NUMBER = re.compile(r"^\s*\d+[A-Za-z]?\.\s+")  # '84. ' before a head
# heads that name a message by another word: 'Oral Statement by ...', 'Informal Communication From ...'
_MESSAGE = re.compile(r"^(?:oral\s+statement|informal\s+communication)\b", re.I)
_STATEMENT = re.compile(r"(?:^|(?<=[.)]))\s*(?P<s>[A-Z][^.]*)")  # candidate sentences of a source note
_ARCHIVE = re.compile(r"(?:Library|Archives?|Records|Ministry of Foreign Affairs|^Department of State)$")
_CLOSING = re.compile(r"^(?:Sincerely|Respectfully|Faithfully|Cordially)(?: yours)?,?\s*", re.I)


@dataclass
class Volume:
    """What every document of a volume shares: its id, title, and the file's hash the record ids start with."""

    id: str
    title: str
    sha16: str


@dataclass
class Name:
    """A persName or gloss in a head: its text, its @type (from/to) and the entity it points at."""

    text: str
    type: str | None
    entity_id: str | None
    person: bool


def documents(root: Any) -> list[Any]:
    return list(root.iterfind(".//tei:div[@type='document']", NS))


def entity_id(volume: str, element: Any) -> str | None:
    """'#p_KNS2' on a persName in frus1961-63v06 -> 'frus1961-63v06:p_KNS2'."""
    refs = (element.get("corresp") or "").split()
    return f"{volume}:{refs[0].lstrip('#')}" if refs else None


def _is_note(el: Any) -> bool:
    return local(el) == "note"


class FRUSTEIExtractor:
    """A FRUS volume in TEI: its documents, read from the markup."""

    name = "frus_tei"

    def match(self, text: Text) -> float:
        root = text.root if isinstance(text, TEIText) else None
        return 1.0 if root is not None and root.find(".//tei:div[@type='document']", NS) is not None else 0.0

    def extract(self, text: Text) -> list[Record]:
        if not isinstance(text, TEIText):
            raise UnsupportedFormat(f"{text.path.name}: the FRUS layout reads TEI files only")
        root = text.root
        title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='complete']", NS)
        volume = Volume(id=root.get(XML_ID) or text.path.stem, sha16=text.sha256[:16],
                        title=tei_text_of(title) if title is not None else text.meta.get("tei_title", ""))
        divs = documents(root)
        doc_ids = [div.get(XML_ID) or str(i) for i, div in enumerate(divs, 1)]  # d1 ... d120 in FRUS
        ids = {doc_id: f"{volume.sha16}-{doc_id}" for doc_id in doc_ids}  # one file, many records: stable ids
        records = []
        for div, doc_id in zip(divs, doc_ids, strict=True):
            record, mentions = read_document(div, doc_id, volume)
            record.id = ids[doc_id]
            record = finish_record(record, text)
            record.mentions = merge_mentions(mentions, record.mentions)
            resolve_entities(record)  # the markup's person ids become the authority's
            link_references(div, doc_id, record, ids)
            records.append(record)
        return records


def read_document(div: Any, doc_id: str, volume: Volume) -> tuple[Record, list[Mention]]:
    """One document's Record (id and shared finishing left to the caller) and the mentions its markup tags."""
    head = div.find("tei:head", NS)
    rendered_head = render_content(head, frozenset({"persName", "gloss"}), skip=_is_note) if head is not None else None
    title = _NUMBER.sub("", rendered_head.text).strip() if rendered_head else None
    record = Record(id="", title=title or None, layout="frus_tei", language="en",
                    series_title=f"{volume.title}, Document {div.get('n')}" if volume.title and div.get("n") else None,
                    identifiers=[Identifier(scheme="frus", value=f"{volume.id}/{doc_id}")],
                    provenance=Provenance(publisher=PUBLISHER, source_url=SOURCE_URL.format(volume=volume.id, doc=doc_id)))
    if title:
        doc_type, written = doc_type_of(title)
        if message := _MESSAGE.match(title):
            doc_type, written = "message", message.group(0)
        record.doc_type, record.doc_type_as_written = doc_type, written  # type: ignore[assignment]
        names = [Name(rendered_head.text[s:e], el.get("type"), entity_id(volume.id, el), local(el) == "persName")
                 for el, s, e in rendered_head.spans] if rendered_head else []
        record.from_, record.to = parties(title, names)
    read_dateline(div, record)
    body = render_content(div, skip=lambda el: el.getparent() is div and local(el) in {"head", "dateline"})
    record.body = body.text
    mentions = [Mention(text=body.text[s:e], type="person", entity_id=entity_id(volume.id, el), start=s, end=e)
                for el, s, e in body.spans]
    read_notes(div, record)
    record.signed = signature(div)
    read_lists(div, record)
    return record, mentions


def read_lists(div: Any, record: Record) -> None:
    """A memorandum of conversation's SUBJECT and PARTICIPANTS lists, kept as the text layouts keep them."""
    for kind in ("subject", "participants"):
        lists = div.findall(f"tei:list[@type='{kind}']", NS)
        items = [render_content(item, skip=_is_note).text for lst in lists for item in lst.iterfind("tei:item", NS)]
        if items and kind == "subject":
            record.subject = "; ".join(items)  # type: ignore[attr-defined]
        elif items:
            record.participants = items  # type: ignore[attr-defined]


def parties(title: str, names: list[Name]) -> tuple[list[Party], list[Party]]:
    """Senders and addressees: the head's wording parsed as any heading, then matched to its tagged names."""
    senders, recipients = parties_of_heading(title)
    found = []
    for side, side_parties in (("from", senders), ("to", recipients)):
        refined = [p for party in side_parties for p in refine(party, [n for n in names if n.type in (side, None)])]
        if not refined:  # a heading the shared parser cannot split ('Oral Statement by ...'): the tags say
            refined = [Party(name=n.text, entity_id=n.entity_id) for n in names if n.type == side]
        found.append(refined)
    return found[0], found[1]


def refine(party: Party, names: list[Name]) -> list[Party]:
    """'Chairmen Khrushchev and Brezhnev' -> two chairmen; 'Secretary of State Rusk at Geneva' -> Rusk, at Geneva."""
    phrase = " ".join(x for x in (party.role, party.name) if x)
    tagged = [(m.start(), m.end(), n) for n in names if n.person
              if (m := re.search(rf"(?<!\w){re.escape(n.text)}(?!\w)", phrase))]
    tagged.sort(key=lambda t: t[0])
    if not tagged:
        return [party.model_copy(update={"name": re.sub(r"^the\s+", "", party.name)})]
    if len(tagged) == 1 and tagged[0][2].text == party.name:
        return [party.model_copy(update={"entity_id": tagged[0][2].entity_id})]
    role = re.sub(r"^the\s+", "", phrase[: tagged[0][0]].strip()) or party.role
    if role and len(tagged) > 1:
        role = re.sub(r"men\b", "man", role)  # 'Chairmen' of two names is each one's 'Chairman'
    at = re.match(r"^at\s+(?P<place>.+)$", phrase[tagged[-1][1]:].strip())
    return [Party(name=n.text, role=role or None, place=at.group("place") if at else None, entity_id=n.entity_id)
            for _, _, n in tagged]


def read_dateline(div: Any, record: Record) -> None:
    """Date and place: the dateline's <date> at the precision it gives, else the FRUS date range if it is narrow."""
    dateline = div.find("tei:dateline", NS)
    place = dateline.find(".//tei:placeName", NS) if dateline is not None else None
    record.place = tei_text_of(place) if place is not None else None
    when = dateline.find(".//tei:date", NS) if dateline is not None else None
    inferred = False
    if when is not None:
        record.date_as_written = tei_text_of(when) or None
        inferred = bool(re.search(r"inferred|imprecise", when.get("ana") or ""))
        for attr in ("when", "from", "notBefore"):
            if value := when.get(attr):
                record.date = value[:16] if attr == "when" and "T" in value else value[:10]
                inferred = inferred or attr != "when"
                break
    low, high = div.get(f"{FRUS}doc-dateTime-min"), div.get(f"{FRUS}doc-dateTime-max")
    if record.date is None and low and high and 0 <= _days(low, high) <= 31:
        record.date, inferred = low[:10], low[:10] != high[:10]
    if inferred and low and high and low[:10] != high[:10]:  # the editors' range for a date they inferred
        record.date_not_before, record.date_not_after = low[:10], high[:10]  # type: ignore[attr-defined]
    if inferred:
        record.date_inferred = True  # type: ignore[attr-defined]  # the editors supplied it
    if record.date and "T" in record.date and record.doc_type == "telegram":
        record.sent = record.date


def _days(low: str, high: str) -> int:
    """Days from one ISO date (or date-time) to another; -1 when either is no date."""
    try:
        return (Date.fromisoformat(high[:10]) - Date.fromisoformat(low[:10])).days
    except ValueError:
        return -1


def read_notes(div: Any, record: Record) -> None:
    """Footnotes with their labels, and the source note: its citation, archive and markings."""
    for note in div.iterfind(".//tei:note", NS):
        if any(local(a) == "note" for a in note.iterancestors()):
            continue
        text = note_text(note)
        if note.get("type") != "source":
            record.notes.append(Note(kind="footnote", label=note.get("n"), text=text))
            continue
        text = re.sub(r"^Source:\s*", "", text)
        record.notes.insert(0, Note(kind="source_note", text=text))
        statement = marking_statement(text)
        markings = MarkingSet()
        if statement:
            markings.add(statement)
        record.markings = Markings.model_validate(markings.to_dict())
        if statement and statement.lower().startswith("no classification marking"):
            record.markings.classification = None  # '..., but the Department of State classified it Top Secret'
        record.citation = citation_of(text, statement)
        first = record.citation.split(",")[0].strip() if record.citation else ""
        record.provenance.archive = first if _ARCHIVE.search(first) else None


def marking_statement(source_note: str) -> str | None:
    """The sentence of a source note that gives the markings: 'Secret; Eyes Only; Niact; Elite.'"""
    for m in _STATEMENT.finditer(source_note):
        sentence = m.group("s").strip()
        if sentence.lower().startswith("no classification marking") or is_marking_line(sentence.split(";")[0]):
            return sentence
    return None


def citation_of(source_note: str, statement: str | None) -> str | None:
    """Where the source text is: what the source note says before its markings, else its first sentence."""
    before = source_note.split(statement)[0] if statement and source_note.find(statement) > 0 else ""
    if not before:
        before = next((s for _, s in sentences(source_note)), "")
    return before.strip().rstrip(".").strip() or None


def signature(div: Any) -> Signed | None:
    """The first signer in the closer ('N. Khrushchev' / 'Chairman of the Council of Ministers of the USSR'),
    else a name after 'Sincerely,' in the last paragraph."""
    signed = div.find("tei:closer//tei:signed", NS)
    if signed is not None:
        first = signed.find(".//tei:item", NS)
        lines = [re.sub(r"(?<=[a-z])\.$", "", re.sub(r"\[\w+\]", "", line).strip(" ,"))
                 for line in render_content(first if first is not None else signed, skip=_is_note).text.split("\n")]
        lines = [line for line in lines if line]
        return Signed(name=lines[0], role=lines[1] if len(lines) > 1 else None) if lines else None
    last = div.findall("tei:p", NS)[-1:]
    names = last[0].findall("tei:persName", NS) if last else []
    if names and _CLOSING.match(tei_text_of(last[0])):
        return Signed(name=tei_text_of(names[-1]))
    return None


def merge_mentions(tagged: list[Mention], found: list[Mention]) -> list[Mention]:
    """The persons the markup tags, and what the authority file resolves where the markup tags nothing (places,
    bodies, untagged people); its unresolved guesses ('Mr. Chairman') are left out, the markup knows better."""
    spans = [(m.start or 0, m.end or 0) for m in tagged]
    extra = [m for m in found if m.entity_id and not any((m.start or 0) < e and s < (m.end or 0) for s, e in spans)]
    return sorted(tagged + extra, key=lambda m: m.start or 0)


def link_references(div: Any, doc_id: str, record: Record, ids: dict[str, str]) -> None:
    """Documents of the same volume that this one speaks of. The editors' footnote after 'your message of
    December 11th[1]' says which document that is ('Document 83'): the reference the text gives is resolved to
    it; other '<ref target="#dN">' in the text and notes are kept as references of their own."""
    def targets(el: Any) -> list[str]:
        found = [_target(ref) for ref in el.iterfind(".//tei:ref", NS)]
        return [t for t in dict.fromkeys(found) if t in ids and t != doc_id]

    notes = {n.get("n"): targets(n) for n in div.iterfind(".//tei:note", NS) if n.get("type") != "source"}
    linked = set()
    for reference in record.references:
        at = record.body.find(reference.text)
        marker = re.match(r"[^\s\[]{0,4}\[(\w+)\]", record.body[at + len(reference.text):]) if at >= 0 else None
        if reference.resolved_id is None and marker and len(notes.get(marker.group(1)) or []) == 1:
            target = notes[marker.group(1)][0]
            reference.resolved_id = ids[target]
            linked.add(target)
    for ref in div.iterfind(".//tei:ref", NS):
        target = _target(ref)
        if target in ids and target != doc_id and target not in linked:
            record.references.append(Reference(text=tei_text_of(ref), resolved_id=ids[target]))
            linked.add(target)


def _target(ref: Any) -> str:
    """'#d60fn1' (a footnote of d60) -> 'd60'; a target in another volume ('frus1961-63v11#d243') stays apart."""
    return re.sub(r"fn\d+$", "", (ref.get("target") or "").lstrip("#"))


def persons_of_volume(path: Path) -> list[dict[str, str | None]]:
    """The volume's list of persons: id, name as printed, a suffix printed after it ('III'), description."""
    return persons_of_root(parse_tei(path, path.read_bytes()))


def persons_of_root(root: Any) -> list[dict[str, str | None]]:
    volume = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='volume']", NS)
    running_head = tei_text_of(volume) if volume is not None else None
    persons = []
    for div in root.iterfind(".//tei:div", NS):
        if div.get(XML_ID) != "persons":
            continue
        for item in div.iterfind(".//tei:item", NS):
            person = item.find(".//tei:persName[@{http://www.w3.org/XML/1998/namespace}id]", NS)
            if person is None:
                continue
            name = tei_text_of(person)
            rest = tei_text_of(item)[len(name):].lstrip(" ,")
            suffix = re.match(r"^(?P<s>[IVX]+|Jr\.|Sr\.)(?:,\s*|\s+)", rest)
            description = rest[suffix.end():] if suffix else rest
            if running_head and description.endswith(" " + running_head):  # the page's running head ran in
                description = description[: -len(running_head)].rstrip()
            persons.append({"id": person.get(XML_ID), "name": name, "name_suffix": suffix.group("s") if suffix else None,
                            "description": description})
    return persons
