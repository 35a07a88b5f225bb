"""Any document with a header of short lines above its text: the fallback layout, and the base of others.

Reads the header (series label, date, title, markings, numbers, addressees), the text, notes in brackets,
footnotes, the signature, and attachments after a page break that are documents of their own
('to Paragraph IV of Protocol No. 63' / 'SPECIAL FOLDER' / 'HAVANA' / 'SOVIET AMBASSADOR').
"""

from __future__ import annotations

import re

from cablegram.entities.resolve import resolve_entities
from cablegram.extract.base import finish_record, known_places, split_signature, tidy_body
from cablegram.extract.fields.archival import take_archival_tail
from cablegram.extract.fields.boilerplate import Furniture, strip_furniture
from cablegram.extract.fields.cable_header import distribution_in_note
from cablegram.extract.fields.directives import find_directives
from cablegram.extract.fields.doctype import doc_type_of
from cablegram.extract.fields.header import ATTACHMENT, Header, parse_header
from cablegram.extract.fields.notes import split_page_breaks, take_footnotes, take_inline_notes
from cablegram.extract.fields.parties import parse_party, parties_of_heading
from cablegram.extract.fields.references import find_references
from cablegram.extract.fields.source_note import parse_source_note, split_source_note
from cablegram.read.base import Text
from cablegram.record import Identifier, Markings, Note, Party, Record, Reference
from cablegram.values.dates import find_dates, parse_partial_date

_APPROVE = re.compile(r"\b(?:Approve|Confirm|Adopt)\s+the\s+(?:draft\s+|text\s+of\s+(?:the\s+)?)?"
                      r"(?P<what>(?:[^.(]|(?<=\b[A-Z])\.)+?)\s*"
                      r"\((?:see\s+)?(?:attachment|enclosure|annex)", re.I)
_TELEGRAM_NUMBER = re.compile(r"^(\d{2,6})\.\s+\S")  # '1042. Policy. Embtel 1041.': a telegram's number
NUMBER_SCHEMES = {"protocol": "protocol", "telegram": "cable_number", "airgram": "airgram_number"}


class GenericExtractor:
    name = "generic"

    def match(self, text: Text) -> float:
        return 0.1

    def extract(self, text: Text) -> list[Record]:
        cleaned, furniture = strip_furniture(text.text)
        sections = split_page_breaks(cleaned)
        main_text = "\n".join(s for s in sections if not _is_attachment(s) or s is sections[0])
        attachments = [s for s in sections[1:] if _is_attachment(s)]
        places = known_places()
        record, header = self._read_document(main_text, places)
        record.layout = self.name
        record.id = ""
        parts = [self._read_attachment(a, places, record, header, i) for i, a in enumerate(attachments, 1)]
        for part in parts:
            for marking in part.markings.as_written:
                header.markings.add(marking)
            record.notes += part.notes
        record.markings = Markings.model_validate(header.markings.to_dict())
        record.references += find_references(record.body, record.date, record.from_, record.to)
        record.body = "\n\n".join([record.body] + [p.body for p in parts]).strip()
        record.directives = find_directives(record.body)
        for part in parts:
            record.references += [r for r in part.references if r not in record.references]
        if not record.from_ and record.signed and not record.signed.role:
            record.from_ = [Party(name=record.signed.name)]  # no heading names the sender: the signatory is
        self.attribute(record, furniture, text)
        record = finish_record(record, text)
        record.parts = [finish_record(p, text, i).to_dict() for i, p in enumerate(parts, 1)]
        resolve_entities(record)
        for i, p in enumerate(record.parts, 1):
            p["id"] = f"{record.id}-part{i}"
        return [record]

    def attribute(self, record: Record, furniture: Furniture, text: Text) -> None:
        """Who published this copy; layouts that know more (a translator's blog) say more."""
        if furniture.author and not record.provenance.publisher:
            record.provenance.publisher = furniture.author
        record.provenance.source_url = record.provenance.source_url or text.meta.get("url")

    def _read_document(self, text: str, places: set[str]) -> tuple[Record, Header]:
        text, source_line = split_source_note(text)
        text, inline_notes = take_inline_notes(text)
        body, footnotes = take_footnotes(text)
        body, tail_notes, archive = take_archival_tail(body)
        lines = body.split("\n")
        header = parse_header(lines, places)
        body = tidy_body("\n".join(lines[header.page_lines:]))  # the document's own header is its text too
        record = Record(id="", title=header.title, series_title=header.series_title, place=header.place,
                        body=body, notes=footnotes + inline_notes + tail_notes)
        record.provenance.archive = archive
        if header.date:
            record.date, record.date_as_written = header.date.iso, header.date.as_written
        if source_line:
            self._read_source_note(record, header, source_line)
        for candidate in [header.title or "", *header.headings]:
            doc_type, written = doc_type_of(candidate)
            if doc_type:
                record.doc_type, record.doc_type_as_written = doc_type, written  # type: ignore[assignment]
                break
        senders, recipients = parties_of_heading(header.title or "")
        if header.issuer:
            senders = [parse_party(header.issuer)]
        elif not senders and header.letterhead:
            senders = [Party(name=header.letterhead)]
        record.from_ = senders
        record.to = header.to or recipients
        scheme = NUMBER_SCHEMES.get(record.doc_type or "", "number")
        record.identifiers = [Identifier(scheme=scheme, value=n) for n in header.numbers]
        self._read_cable_fields(record, header, "\n".join(lines[header.lines:]).strip())
        _, record.signed = split_signature("\n".join(lines[header.lines:]))
        record.headings = header.headings  # type: ignore[attr-defined]
        return record, header

    def _read_cable_fields(self, record: Record, header: Header, running: str) -> None:
        """What a telegram's labelled header lines say: numbers, times, sender's place, copies."""
        cable = header.cable
        if header.item_number:
            record.identifiers.insert(0, Identifier(scheme="item_number", value=header.item_number))
        record.identifiers += [Identifier(scheme=s, value=v) for s, v in cable.identifiers]
        if cable.date and (record.date is None or len(cable.date.iso) > len(record.date)):
            record.date, record.date_as_written = cable.date.iso, cable.date.as_written
        if cable.sender_place and (cable.sender_place in header.known_places or cable.sender_place.isupper()):
            record.place = record.place or cable.sender_place
        elif cable.sender_place and not record.from_:
            record.from_ = [parse_party(cable.sender_place)]  # 'FROM: McGeorge Bundy' on a memorandum
        if cable.subject:
            record.subject = cable.subject  # type: ignore[attr-defined]
        if cable.participants:
            record.participants = cable.participants  # type: ignore[attr-defined]
        record.to = record.to or cable.to
        record.distribution += cable.distribution
        if record.doc_type == "telegram" and record.date and "T" in record.date:
            record.sent = record.date
        if record.doc_type == "telegram" and (m := _TELEGRAM_NUMBER.match(running)):
            record.identifiers.append(Identifier(scheme="cable_number", value=m.group(1)))
        if cable.received_text and (when := parse_partial_date(cable.received_text, int((record.date or "0")[:4] or 0))):
            record.received = when.iso
        record.references += [Reference(text=line, doc_type="telegram") for line in cable.replies_to]
        for note in record.notes:
            if note.kind in {"translator_note", "editorial_note"}:
                record.distribution += distribution_in_note(note.text)

    def _read_source_note(self, record: Record, header: Header, line: str) -> None:
        note = parse_source_note(line)
        record.notes.insert(0, Note(kind="source_note", text=note.text))
        for marking in note.markings:
            header.markings.add(marking)
        record.distribution += note.repeated_to
        record.provenance.archive = record.provenance.archive or note.archive
        if note.translated and re.search(r"\b(?:Russian|Soviet)\b", note.text):
            record.original_language = record.original_language or "ru"
        if note.received and record.date and (when := parse_partial_date(note.received, int(record.date[:4]))):
            record.received = when.iso
        if record.date is None and note.event_day:
            # an undated document: dated by what its source note says of it, and flagged as inferred
            years = [d.iso[:4] for d in find_dates(note.text + "\n" + record.body)]
            year = int(years[0]) if years else None
            if year and (day := parse_partial_date(note.event_day, year)):
                record.date, record.date_inferred = day.iso, True  # type: ignore[attr-defined]
                if note.event_passed:  # sent or handed over that day: written no later
                    record.date_not_after = day.iso  # type: ignore[attr-defined]

    def _read_attachment(self, text: str, places: set[str], parent: Record, parent_header: Header,
                         index: int) -> Record:
        lines = text.strip().split("\n")
        label = lines[0].strip()
        part, header = self._read_document("\n".join(lines[1:]), places)
        part.body = tidy_body(text)
        _, part.signed = split_signature(part.body)
        part.doc_type_as_written = part.doc_type_as_written
        part.markings = Markings.model_validate(header.markings.to_dict())
        part.date = part.date or parent.date
        approved = _APPROVE.search(parent.body)
        title = approved.group("what") if approved else (parent_header.headings[-1] if parent_header.headings else None)
        if (title and not part.title) or (part.title and part.title.isupper() and title):
            part.title = title[:1].upper() + title[1:] if title else None
        if part.title and not part.doc_type:
            part.doc_type, part.doc_type_as_written = doc_type_of(part.title)  # type: ignore[assignment]
        if part.doc_type is None and part.to and re.search(r"\bYou\s+(?:are|should|must)\b", part.body):
            part.doc_type = "instructions"
        for p in part.to:
            p.place = p.place or header.place
        part.from_ = part.from_ or list(parent.from_)
        part.series_title = None
        part.attachment_label = label  # type: ignore[attr-defined]
        part.references = find_references(part.body, part.date, part.from_, part.to)
        return part


def _is_attachment(section: str) -> bool:
    first = next((line.strip() for line in section.split("\n") if line.strip()), "")
    return bool(ATTACHMENT.match(first))


def notes_in_cyrillic(notes: list[Note]) -> bool:
    return any(re.search(r"[а-яё]{3,}", n.text, re.I) for n in notes if n.kind == "translator_note")
