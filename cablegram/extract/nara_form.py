"""Records of the NARA JFK Assassination Records Collection that open with their Identification Form.

    JFK ASSASSINATION SYSTEM / IDENTIFICATION FORM
    AGENCY : CIA                      RECORD NUMBER : 104-10004-10143      AGENCY FILE NUMBER : 201-289248
    FROM : DIRECTOR   TO : JMWAVE     TITLE : DIRECTOR CABLE RE TRAVEL TO SAO PAULO.    DATE : 12/14/1963
    DOCUMENT TYPE : PAPER             CLASSIFICATION : SECRET                  CURRENT STATUS : ...
    <the record itself, page after page>

The form is NARA's description of the record, so it is trusted for the Record's head (title, date, parties,
classification, numbers); the OCR of the record itself, often handwriting and stamps, rarely could be. The body
is the text after the form. ``fields.idform`` finds the form's values however OCR scattered them; this module
says what they mean.

Dates on the form are American, month first ('06/01/64', '12/14/1963', '00/00/1975' for a year alone); they are
parsed here and not in ``values/dates.py``, whose day-first '28/X/62' reading would get them wrong.
"""

from __future__ import annotations

import re

from cablegram.extract.base import finish_record, split_signature, tidy_body
from cablegram.extract.fields.doctype import doc_type_of
from cablegram.extract.fields.idform import IdForm, read_form, record_number_in
from cablegram.extract.fields.notes import PAGE_BREAK
from cablegram.read.base import Text
from cablegram.record import Identifier, Markings, Note, Party, Provenance, Record
from cablegram.values.markings import classification_of

ARCHIVE = "National Archives and Records Administration (NARA), JFK Assassination Records Collection"
_US_DATE = re.compile(r"(?<![\d/])(?P<m>\d{1,2})\s?/\s?(?P<d>\d{1,2})\s?/\s?(?P<y>\d{4}|\d{2})(?![\d/])")
# The form's classification in one letter, as the 1990s forms print it
_LEVEL_LETTERS = {"T": "TOP SECRET", "S": "SECRET", "C": "CONFIDENTIAL", "U": "UNCLASSIFIED"}
# Document types the form names that doc_type_of does not know, and those that say nothing about the kind
_KINDS = {"memoranda": "memorandum", "deposition": "transcript", "cable": "telegram"}
_SAYS_NOTHING = re.compile(r"^\W*(?:paper|textual\s+document|paper\W+textual\s+document|other|unknown)?\W*$", re.I)
_NO_PARTY = re.compile(r"^\W*(?:no\s+(?:from|to|ta)|none|n/?a|unknown|restricted)\W*$", re.I)
_NOTE_FIELDS = [("originator", "Originator"), ("record_series", "Record series"), ("pages", "Pages"),
                ("subjects", "Subjects"), ("restrictions", "Restrictions"), ("current_status", "Current status"),
                ("last_review", "Date of last review"), ("opening_criteria", "Opening criteria"),
                ("comments", "Comments")]


def parse_us_date(value: str) -> tuple[str | None, str | None]:
    """(ISO date, as written) of a form date, month first: '06/01/64' -> 1964-06-01, '00/00/1975' -> 1975.

    00 means unknown and lowers the precision; '01/01/1900' is the collection's "no date" placeholder. Two-digit
    years are of the 1900s: the forms were printed in the 1990s about records of the 1940s to the 1990s.
    """
    m = _US_DATE.search(value)
    if not m:
        return None, None
    written = m.group(0)
    month, day, year = int(m.group("m")), int(m.group("d")), int(m.group("y"))
    year += 1900 if len(m.group("y")) == 2 else 0
    if not 1901 <= year <= 2030 or month > 12 or day > 31 or (month == 0 and day != 0):
        return None, written
    if month == 0:
        return f"{year:04d}", written
    return (f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")), written


def agency_name(value: str) -> str | None:
    """'CIA' out of 'ClA', 'cIA', '. FBI', 'NARA j'; longer names as written."""
    value = value.strip(" .,;:")
    if not value:
        return None
    if re.fullmatch(r"[A-Za-z]{2,6}", value) and sum(c.isupper() for c in value) >= len(value) - 2:
        return value.replace("l", "I").upper()
    return value


def doc_type_of_form(document_type: str, title: str) -> tuple[str | None, str | None]:
    """The kind the form's DOCUMENT TYPE names, or else the one the title opens with ('DIRECTOR CABLE RE ...')."""
    if document_type and not _SAYS_NOTHING.match(document_type):
        word = document_type.strip(" .,;:").lower()
        if word in _KINDS:
            return _KINDS[word], document_type
        kind, written = doc_type_of(document_type)
        if kind and kind != "paper":
            return kind, written
    # only what the title calls the record itself: the words before 'RE', 'ON', 'CONCERNING'...
    head = re.split(r"\b(?:RE|REGARDING|CONCERNING|ABOUT|ON|OF|TO|FROM|FOR|WITH)\b", title, maxsplit=1)[0]
    kind, written = doc_type_of(title)
    at = title.find(written) if written else -1
    # 'Ngo Dinh Nhu's Statement on Withdrawal' is a report about a statement
    if not kind or kind in {"paper", "note"} or at >= len(head.rstrip()) or re.search(r"['’]s\s*$", title[:at]):
        return None, None
    return kind, written


def markings_of(value: str) -> Markings:
    """The form's CLASSIFICATION as markings: 'SECRET', 'Secret', 'S', 'U'."""
    value = value.strip(" .,;:")
    if not value:
        return Markings()
    first = value.split()[0].upper()
    level = classification_of(_LEVEL_LETTERS.get(first, value)) if len(first) == 1 else classification_of(value)
    if level is None:
        return Markings()
    return Markings.model_validate({"classification": level, "as_written": [value]})


def _parties(value: str) -> list[Party]:
    value = value.strip(" ,;:")
    return [] if not value or _NO_PARTY.match(value) else [Party(name=value)]


class NARAFormExtractor:
    name = "nara_form"

    def match(self, text: Text) -> float:
        form = read_form(text.text.split("\n", 400)[:400])
        if not form.is_form:
            return 0.0
        return 0.95 if len(form.labels) >= 10 else 0.8

    def extract(self, text: Text) -> list[Record]:
        lines = text.text.split("\n")
        form = read_form(lines)
        if not form.is_form:  # chosen by hand, or the form unreadable after all: the generic reading still holds
            from cablegram.extract.generic import GenericExtractor

            return GenericExtractor().extract(text)
        record = Record(id="", layout=self.name)
        self.read_fields(record, form, lines[:form.start])
        # pages apart by a blank line; the page-break markers themselves are no part of the text
        record.body = tidy_body("\n".join("" if PAGE_BREAK.match(line) and line.strip() else line
                                          for line in lines[form.end:]))
        _, record.signed = split_signature(record.body)
        return [finish_record(record, text)]

    def read_fields(self, record: Record, form: IdForm, above: list[str]) -> None:
        """The Record's head out of the form; ``above`` is the text over it, with the record number stamp."""
        f = form.fields
        record.title = f.get("title") or None
        record.date, record.date_as_written = parse_us_date(f.get("date", ""))
        record.from_, record.to = _parties(f.get("from", "")), _parties(f.get("to", ""))
        record.markings = markings_of(f.get("classification", ""))
        record.doc_type, record.doc_type_as_written = doc_type_of_form(  # type: ignore[assignment]
            f.get("document_type", ""), record.title or "")
        number = record_number_in(f.get("record_number", "")) or record_number_in(" ".join(above[:6]))
        if number:
            record.identifiers.append(Identifier(scheme="nara_record_number", value=number))
        file_number = f.get("agency_file_number", "").strip(" .,;:")
        if file_number and re.search(r"\d", file_number):
            record.identifiers.append(Identifier(scheme="agency_file_number", value=file_number))
        record.provenance = Provenance(archive=ARCHIVE, publisher=agency_name(f.get("agency", "")))
        described = [f"{label}: {f[key]}" for key, label in _NOTE_FIELDS if f.get(key)]
        if described:
            record.notes.append(Note(kind="source_note", label="JFK Assassination System Identification Form",
                                     text="\n".join(described)))
