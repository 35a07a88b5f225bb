"""The header of a document: the short lines above its text.

Series labels ('Cuban Missile Crisis, Document 29'), date-and-title lines ('28 October 1962 / Extract from
Protocol No. 63 ...'), letterheads, markings ('TOP SECRET'), numbers ('No. P63/IV'), address lines ('To Comrades
Khrushchev, Mikoyan, Gromyko'), cable addresses ('HAVANA' over 'SOVIET AMBASSADOR'), dates ('from 28 October 1962').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.extract.fields.cable_header import CableFields, read_cable_line
from cablegram.extract.fields.parties import OFFICES, parties_of_address_line
from cablegram.record import Party
from cablegram.values.dates import ParsedDate, is_date_line, parse_date
from cablegram.values.markings import MarkingSet, is_marking_line

HEAD_NUMBER = re.compile(r"^(?P<n>\d{1,4}[A-Za-z]?)\.\s+(?P<title>[A-ZА-ЯЁ].{5,})$")  # '84. Letter From ...'
SERIES = re.compile(r"^(?P<series>[^,]{3,80},\s*(?:Document|Doc\.|Item|No\.)\s*\d+[A-Za-z]?)\s*$")
NUMBER = re.compile(r"^(?:No\.|№|Nr\.|N)\s*(?P<number>[\w/.\-–]+(?:\s*[-–]\s*[\w/]+)?)\.?$")
DATE_TITLE = re.compile(r"^(?P<a>[^/]+?)\s+/\s+(?P<b>.+)$")
DATELINE = re.compile(r"^(?P<place>[A-ZА-ЯЁ][\w .'’-]{1,40}?),\s+(?P<date>.+)$")
FROM_DATE = re.compile(r"^(?:from|of|dated|от)\s+(?P<date>.+)$", re.I)
ATTACHMENT = re.compile(
    r"^(?:to\s+(?:paragraph|item|point|§)\s+\S+\s+of\s+(?:the\s+)?protocol|(?:attachment|enclosure|annex|appendix)\b|"
    r"приложение\b|к\s+пункту\s+\S+\s+протокола)", re.I)
PROTOCOL_OF = re.compile(r"^(?:extract\s+from\s+)?protocol\s+(?:No\.\s*\S+\s+)?of\s+the\s+(?:meeting|session)\s+of\s+"
                         r"(?:the\s+)?(?P<body>.+?)\.?$", re.I)
MEMO_FOR = re.compile(r"^(?:MEMORANDUM|MEMO|NOTE|LETTER)\s+(?:FOR|TO)\s+(?:THE\s+)?(?P<to>.+?)\.?$", re.I)
LETTERHEAD = re.compile(r"\b(?:PARTY|COMMITTEE|MINISTRY|EMBASSY|DEPARTMENT|COUNCIL|GOVERNMENT|OFFICE|UNION)\b")
_OFFICE_CAPS = re.compile(rf"\b(?:{OFFICES.upper()}|EMBASSY|MISSION|DELEGATION|РЕЗИДЕНТ|ПОСОЛ)\b")


@dataclass
class Header:
    series_title: str | None = None
    title: str | None = None
    date: ParsedDate | None = None
    issuer: str | None = None
    letterhead: str | None = None
    place: str | None = None
    to: list[Party] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    markings: MarkingSet = field(default_factory=MarkingSet)
    headings: list[str] = field(default_factory=list)
    cable: CableFields = field(default_factory=CableFields)
    item_number: str | None = None  # a publication's number for the item, above its title ('No. 13')
    title_index: int | None = None
    known_places: set[str] = field(default_factory=set)
    lines: int = 0  # how many lines the header took
    page_lines: int = 0  # how many of them are the publisher's (series label, date and title), not the document's


def is_heading(line: str) -> bool:
    """A line that is not running text: short, or a title that does not end as a sentence does."""
    words = line.split()
    ends_sentence = line.rstrip().rstrip("\"”’')]").endswith((".", ":", ",", ";", "!", "?"))
    return 0 < len(words) <= 40 and len(line) <= 250 and not (ends_sentence and len(words) > 8)


def is_place_line(line: str, known_places: set[str]) -> bool:
    """'HAVANA' over an addressee, or a known place alone on its line ('Washington')."""
    word = line.strip().rstrip(".,")
    if word in known_places or word.title() in known_places:
        return True
    return word.upper() == word and word.isalpha() and len(word.split()) == 1


_GAP = re.compile(r"(?<=\S)\s{3,}(?=\S)")
_DATE_CELL = re.compile(r"^(?P<date>.+?\d{4})\s*(?:г\.)?\s*(?:at\s+\d{1,4}|№\s*\d+|No\.\s*\d+)?\.?$")


def header_cells(lines: list[str]) -> list[tuple[int, str]]:
    """(line index, cell) for the header's lines: columns set apart by wide gaps are cells of their own, and a
    title that runs on into lines starting in lower case is one cell."""
    cells: list[tuple[int, str]] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if cells and line[:1].islower() and lines[i - 1].strip() and cells[-1][0] == i - 1 \
                and not _GAP.search(lines[i - 1].strip()):
            cells[-1] = (i, cells[-1][1] + " " + line)
            continue
        parts = _GAP.split(line) if line else [""]
        cells += [(i, part.strip()) for part in parts]
    return cells


def parse_header(lines: list[str], known_places: set[str] = frozenset()) -> Header:  # type: ignore[assignment]
    """Read header lines from the top until the first line of running text."""
    head = Header(known_places=set(known_places))
    stop = len(lines)
    for i, line in header_cells(lines):
        if not line:
            if head.page_lines == i:
                head.page_lines = i + 1
            continue
        if line.startswith(("Dear ", "Уважаемый")) or not _classify(line, head, known_places):
            stop = i
            break
        if head.page_lines == i and (SERIES.match(line) or DATE_TITLE.match(line) or NUMBER.match(line)):
            head.page_lines = i + 1
        if head.title is None and head.headings and head.title_index is None:
            head.title_index = i
    head.lines = stop
    if head.title is None and head.headings:
        head.title = head.headings.pop(0)
        if head.title_index is not None and head.page_lines == head.title_index:
            head.page_lines = head.title_index + 1  # the publication's heading above the document, not its text
    if head.title and (m := HEAD_NUMBER.match(head.title)):
        head.item_number = head.item_number or m.group("n")
        head.title = m.group("title")
    return head


def _classify(line: str, head: Header, known_places: set[str]) -> bool:
    """Take what a header line says into ``head``; False when the line is running text, not header."""
    if head.series_title is None and (m := SERIES.match(line)):
        head.series_title = m.group("series")
    elif is_marking_line(line):
        head.markings.add(line)
    elif m := NUMBER.match(line):
        if head.title is None and not head.headings and head.item_number is None:
            head.item_number = m.group("number")
        else:
            head.numbers.append(m.group("number"))
    elif read_cable_line(line, head.cable):
        pass
    elif (m := _DATE_CELL.match(line)) and is_date_line(m.group("date")) and head.date is None:
        head.date = parse_date(m.group("date"))
    elif (m := DATE_TITLE.match(line)) and (is_date_line(m.group("a")) or is_date_line(m.group("b"))):
        date_part, title_part = (m.group("a"), m.group("b")) if is_date_line(m.group("a")) else (m.group("b"), m.group("a"))
        head.date = head.date or parse_date(date_part)
        head.title = head.title or title_part.strip()
    elif is_date_line(line) or ((m := FROM_DATE.match(line)) and is_date_line(m.group("date"))):
        head.date = head.date or parse_date(line)
    elif (m := DATELINE.match(line)) and is_date_line(m.group("date")):  # 'Washington, December 14, 1962.'
        head.date = head.date or parse_date(m.group("date"))
        head.place = head.place or m.group("place").strip()
    elif (parties := parties_of_address_line(line)) is not None:
        head.to += parties
    elif m := PROTOCOL_OF.match(line):
        head.issuer = head.issuer or m.group("body")
        head.headings.append(line)
    elif m := MEMO_FOR.match(line):  # 'MEMORANDUM FOR THE PRESIDENT': a title that names the addressee
        head.headings.append(line)
        if not head.to:
            head.to.append(Party(name=m.group("to").title() if m.group("to").isupper() else m.group("to")))
    elif is_place_line(line, known_places) and head.place is None:
        head.place = line.strip().rstrip(".,")
    elif line.upper() == line and _OFFICE_CAPS.search(line) and not head.to:
        head.to.append(Party(name=line.strip().rstrip(".,"), place=head.place))
    elif not is_heading(line):
        return False
    elif LETTERHEAD.search(line) and head.letterhead is None and not head.headings:
        head.letterhead = line
    else:
        head.headings.append(line)
    return True
