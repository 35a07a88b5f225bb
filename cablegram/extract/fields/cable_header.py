"""Labelled header fields of telegrams and enciphered cables, as printed or translated.

    From: Washington No. 49201 Time: 6:40 Date: 27/X/1962      Special No. 1664-1665 / Spec. No. 1754 - 1765
    Rec'd: October 28, 1962, 4:17 a.m.                           Repeated to: London, Paris / Info: USUN
    6148 27/X/62                                                 To our No. 1967

Each line may hold several label-value pairs; a value is what stands up to the next label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.extract.fields.names import split_names
from cablegram.record import Party
from cablegram.values.dates import ParsedDate, parse_date

LABELS = {
    "from": "from", "to": "to", "time": "time", "date": "date", "sent": "sent", "dispatched": "sent",
    "received": "received", "rec'd": "received", "recd": "received", "repeated to": "repeated",
    "info": "repeated", "copies to": "repeated", "special no": "special", "spec. no": "special", "spec no": "special",
    "no": "number", "number": "number", "tel. no": "number", "telegram no": "number", "cable no": "number",
    "control": "control", "action": "action", "origin": "origin", "subject": "subject", "subj": "subject",
    "participants": "participants", "present": "participants", "memorandum for": "to", "for": "to",
}
_LABEL = re.compile(r"(?<![\w.])(?P<label>" + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True))
                    + r")\.?\s*:\s*", re.I)
_SPECIAL = re.compile(r"^(?:Special|Spec\.?)\s+No\.?\s*(?P<n>\d+(?:\s*[-–,]\s*\d+)*)\s*$", re.I)
_NUMBER_DATE = re.compile(r"^(?P<n>\d{3,6})\s+(?P<date>\d{1,2}\s*[/.]\s*[IVX]+\s*[/.]\s*\d{2,4})$")
_REPLY = re.compile(r"^(?:To|In\s+reply\s+to|Re:?|Reference:?|Ref:?)\s+(?P<whose>our|your|my)\s+(?:tel\.?\s+|telegram\s+)?"
                    r"No\.?\s*(?P<n>[\w/-]+)\.?$", re.I)
_RECEIVED_LINE = re.compile(r"^(?:Received|Rec'd|Recd)\.?\s*:?\s+(?P<when>.+)$", re.I)
_FROM_CAPS = re.compile(r"^From\s+(?P<place>[A-ZА-ЯЁ]{3,}(?:\s+[A-ZА-ЯЁ]{3,})?)(?:\s+(?P<rest>.*))?$")  # 'From WASHINGTON'
_DISTRIBUTION = re.compile(r"\b(?:distribution(?:\s+list)?|distributed\s+to|copies\s+(?:sent\s+)?to|sent\s+to|"
                           r"разослано|рассылка)\s*[:\-–—]?\s*(?P<names>[^.;]+)", re.I)
_PLACE_NUMBER = re.compile(r"^(?P<place>[A-ZА-ЯЁ][\w .'-]+?)\s+No\.?\s*(?P<n>\d[\w/-]*)$")


@dataclass
class CableFields:
    sender_place: str | None = None
    to: list[Party] = field(default_factory=list)
    date: ParsedDate | None = None
    sent: ParsedDate | None = None
    received_text: str | None = None
    distribution: list[Party] = field(default_factory=list)
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    replies_to: list[str] = field(default_factory=list)
    subject: str | None = None
    participants: list[str] = field(default_factory=list)


def _pairs(line: str) -> list[tuple[str, str]]:
    marks = list(_LABEL.finditer(line))
    if not marks or marks[0].start() != 0:
        return []
    return [(LABELS[m.group("label").lower()], line[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(line)]
             .strip(" ,;")) for i, m in enumerate(marks)]


def read_cable_line(line: str, fields: CableFields) -> bool:
    """Take what a telegram header line says into ``fields``; False when the line is no such field."""
    line = line.strip()
    if m := _SPECIAL.match(line):
        fields.identifiers.append(("special_number", re.sub(r"\s+", "", m.group("n"))))
        return True
    if m := _NUMBER_DATE.match(line):
        fields.identifiers.append(("cable_number", m.group("n")))
        fields.date = fields.date or parse_date(m.group("date"))
        return True
    if m := _REPLY.match(line):
        fields.replies_to.append(line)
        return True
    if m := _RECEIVED_LINE.match(line):
        fields.received_text = m.group("when")
        return True
    if (m := _FROM_CAPS.match(line)) and not _pairs(line):
        fields.sender_place = m.group("place")
        rest = m.group("rest") or ""
        return not rest or read_cable_line(rest, fields) or True
    pairs = _pairs(line)
    if not pairs:
        return False
    time = date = None
    for label, value in pairs:
        if label == "from":
            if m := _PLACE_NUMBER.match(value):
                fields.sender_place = m.group("place")
                fields.identifiers.append(("cable_number", m.group("n")))
            else:
                fields.sender_place = value
        elif label == "to":
            fields.to += [Party(name=n) for n in split_names(value)] or []
        elif label == "time":
            time = value
        elif label in {"date", "sent"}:
            date = value
        elif label == "received":
            fields.received_text = value
        elif label == "subject":
            fields.subject = value
        elif label == "participants":
            fields.participants += split_names(value)
        elif label == "repeated":
            fields.distribution += [Party(name=n) for n in split_names(value)]
        elif label in {"number", "special", "control"}:
            scheme = {"number": "cable_number", "special": "special_number", "control": "control_number"}[label]
            fields.identifiers.append((scheme, value))
    if date:
        parsed = parse_date(f"{date} {time}" if time and re.match(r"^\d{1,2}[:.]\d\d$", time) else date)
        if parsed and time and "T" not in parsed.iso and (t := re.match(r"^(\d{1,2})[:.](\d\d)$", time)):
            parsed = ParsedDate(f"{parsed.iso[:10]}T{int(t.group(1)):02d}:{t.group(2)}", f"{date} {time}")
        fields.date = fields.date or parsed
    return True


def distribution_in_note(note: str) -> list[Party]:
    """Copies named in a translator's or editor's note: 'Distribution: Khrushchev, Kozlov, Brezhnev'."""
    m = _DISTRIBUTION.search(note)
    return [Party(name=n) for n in split_names(m.group("names"))] if m else []
