"""Archive record pages such as the Wilson Center Digital Archive's, saved as text or HTML.

    October 28, 1962
    Cable from USSR Ambassador to Cuba Alekseev to Soviet Ministry of Foreign Affairs
    Citation:  "...", October 28, 1962, Wilson Center Digital Archive, <archive>; <chain>; translation by ...
    Summary:   ...
    Original Language:  Russian
    Contents:  Translation - English
               <date line> <the text> <signature line> [1] <footnotes>
"""

from __future__ import annotations

import re

from cablegram.extract.base import finish_record, split_signature, tidy_body
from cablegram.extract.fields.citation import parse_citation
from cablegram.extract.fields.doctype import doc_type_of
from cablegram.extract.fields.notes import take_footnotes, take_inline_notes
from cablegram.extract.fields.parties import parties_of_heading
from cablegram.read.base import Text
from cablegram.record import Identifier, Markings, Provenance, Record
from cablegram.values.dates import is_date_line, parse_date
from cablegram.values.languages import code_of
from cablegram.values.markings import MarkingSet, is_marking_line

LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z&' ]{2,40})(?::\s*(?P<rest>.*)|\s*$)")  # 'Summary:' or 'Summary' alone
# not a record page's label: 'CONTENTS' in capitals, or a table of contents' 'Summary: and Conclusion 58'
_TABLE_OF_CONTENTS = re.compile(r"^[A-Z\W]+$|\d+\s*$")
KNOWN_LABELS = {"citation", "summary", "original language", "contents", "credits", "associated people & organizations",
                "associated places", "associated topics", "subjects discussed", "document information", "source",
                "rights", "original uploaded date", "type", "language", "record id", "record number", "keywords",
                "original archive", "translator", "donors", "people", "places", "topics", "collections"}
CONTENT_LINE = re.compile(r"^(?P<kind>Translation|Transcript|Original|Transcription)\s*[-–—:]\s*(?P<lang>\w+)\s*$", re.I)
_URL_NUMBER = re.compile(r"/(?:document|documents|record|item)/(?P<n>[\w-]+)/?$")


def _sections(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Lines above the first label, and each label's lines."""
    top: list[str] = []
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        m = LABEL.match(line.strip())
        if m and m.group("label").lower() in KNOWN_LABELS:
            current = fields.setdefault(m.group("label").lower(), [])
            if (m.group("rest") or "").strip():
                current.append((m.group("rest") or "").strip())
            continue
        (current if current is not None else top).append(line)
    return top, fields


class ArchiveRecordExtractor:
    name = "archive_record"

    def match(self, text: Text) -> float:
        labels = {m.group("label").lower() for line in text.text.split("\n")[:400]
                  if (m := LABEL.match(line.strip())) and m.group("label").lower() in KNOWN_LABELS
                  and not _TABLE_OF_CONTENTS.search(m.group(0))}
        found = len(labels & {"citation", "summary", "original language", "contents"})
        # an archive's record page has several of these; one 'Summary:' alone is as likely a line of a scanned page
        return min(1.0, 0.3 * found) if found >= 2 else 0.05 * found

    def extract(self, text: Text) -> list[Record]:
        top, fields = _sections(text.text.split("\n"))
        header = [line.strip() for line in top if line.strip()]
        record = Record(id="", layout=self.name)
        for line in header:
            if is_date_line(line) and record.date is None:
                date = parse_date(line)
                record.date, record.date_as_written = (date.iso, date.as_written) if date else (None, None)
            elif record.title is None and not is_marking_line(line):
                record.title = line
        citation = parse_citation(" ".join(fields.get("citation", []))) if "citation" in fields else None
        if citation:
            record.citation = citation.text
            record.title = record.title or citation.title
            record.date = record.date or citation.date
            record.translator = citation.translator
            record.provenance = Provenance(archive=citation.archive, chain=citation.chain,
                                           publisher=citation.publisher, source_url=citation.url or text.meta.get("url"))
        if record.provenance.source_url and (m := _URL_NUMBER.search(record.provenance.source_url)):
            scheme = re.sub(r"\W+", "_", (record.provenance.publisher or "archive").lower())
            scheme = "wilson_center" if "wilson" in scheme else scheme
            record.identifiers.append(Identifier(scheme=scheme, value=m.group("n")))
        record.summary = " ".join(" ".join(fields.get("summary", [])).split()) or None
        record.original_language = code_of(" ".join(fields.get("original language", [])))
        if record.title:
            record.doc_type, record.doc_type_as_written = doc_type_of(record.title)  # type: ignore[assignment]
            senders, recipients = parties_of_heading(record.title)
            record.from_, record.to = senders, recipients
        self._read_contents(record, fields.get("contents", []))
        return [finish_record(record, text)]

    def _read_contents(self, record: Record, lines: list[str]) -> None:
        markings = MarkingSet()
        while lines and (not lines[0].strip() or CONTENT_LINE.match(lines[0].strip())
                         or is_date_line(lines[0]) or is_marking_line(lines[0])):
            line = lines.pop(0).strip()
            if m := CONTENT_LINE.match(line):
                record.language = code_of(m.group("lang"))
            elif is_marking_line(line):
                markings.add(line)
            elif line and record.date is None and (date := parse_date(line)):
                record.date, record.date_as_written = date.iso, date.as_written
        body, footnotes = take_footnotes("\n".join(lines))
        body, inline = take_inline_notes(body)
        record.notes = footnotes + inline
        record.body = tidy_body(body)
        record.markings = Markings.model_validate(markings.to_dict())
        _, record.signed = split_signature(record.body)
