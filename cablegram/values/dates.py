"""Dates as diplomatic documents write them, parsed to ISO 8601 at the precision written.

"28 October 1962", "October 28, 1962, 5 p.m.", "28/X/62", "27/X/1962", "28 октября 1962 г.",
"1962-10-28", "October 1962". Every date form in cablegram goes through this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # Russian, nominative and genitive
    "январь": 1, "января": 1, "февраль": 2, "февраля": 2, "март": 3, "марта": 3, "апрель": 4,
    "апреля": 4, "май": 5, "мая": 5, "июнь": 6, "июня": 6, "июль": 7, "июля": 7, "август": 8,
    "августа": 8, "сентябрь": 9, "сентября": 9, "октябрь": 10, "октября": 10, "ноябрь": 11,
    "ноября": 11, "декабрь": 12, "декабря": 12,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
         "x": 10, "xi": 11, "xii": 12}

_MONTH = r"(?P<month>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_TIME = (r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*"
         r"(?P<ampm>a\.\s?m\.|p\.\s?m\.|am\b|pm\b|noon|midnight))?")
_PATTERNS = [
    # 1962-10-28 / 1962-10-28T06:40
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d\d)(?:-(?P<day>\d\d)(?:T(?P<hour>\d\d):(?P<minute>\d\d))?)?(?!\d)"),
    # October 28, 1962, 5 p.m.
    re.compile(r"(?<![\w])" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME, re.I),
    # 28 October 1962 / 28 октября 1962 г.
    re.compile(r"(?<![\w])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR
               + r"(?:\s*(?:г\.|года))?" + _TIME, re.I),
    # 28/X/62, 27/X/1962, 28.X.62
    re.compile(r"(?<![\w/])(?P<day>\d{1,2})\s*[/.]\s*(?P<roman>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[/.]\s*"
               r"(?P<year>(?:19)?\d\d)(?![\w/])", re.I),
    # October 1962
    re.compile(r"(?<![\w])" + _MONTH + r",?\s+" + _YEAR + r"(?!\d)", re.I),
]
_PARTIAL = [
    # 28 October / October 28 (year from context)
    re.compile(r"(?<![\w])(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?![\w])", re.I),
    re.compile(r"(?<![\w])" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\w])", re.I),
]


@dataclass(frozen=True)
class ParsedDate:
    """A date found in text: its ISO value at the written precision, and where it was."""

    iso: str
    as_written: str
    start: int = 0
    end: int = 0

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}.get(len(self.iso), "minute")

    @property
    def day(self) -> str:
        return self.iso[:10]


def _valid(year: int, month: int, day: int | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31) and 1800 <= year <= 2099


def _iso(match: re.Match[str], default_year: int | None = None) -> str | None:
    groups = match.groupdict()
    if groups.get("roman"):
        month = ROMAN[groups["roman"].lower()]
    elif groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        month = MONTHS[groups["month"].lower().rstrip(".")]
    raw_year = groups.get("year")
    if raw_year is None:
        if default_year is None:
            return None
        year = default_year
    else:
        year = int(raw_year)
        if year < 100:
            year += 1900
    day = int(groups["day"]) if groups.get("day") else None
    if not _valid(year, month, day):
        return None
    iso = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    hour = groups.get("hour")
    if hour is not None and day:
        h, minute = int(hour), int(groups.get("minute") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(" ", "")
        if ampm.startswith("p") and h < 12:
            h += 12
        elif ampm.startswith("a") and h == 12:
            h = 0
        elif ampm == "noon":
            h = 12
        elif ampm == "midnight":
            h = 0
        if h < 24 and minute < 60:
            iso += f"T{h:02d}:{minute:02d}"
    return iso


def find_dates(text: str) -> list[ParsedDate]:
    """Every full date in ``text``, in order; overlapping forms keep the longest match."""
    found: list[ParsedDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            iso = _iso(m)
            if iso:
                found.append(ParsedDate(iso, m.group(0).strip().rstrip(","), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> ParsedDate | None:
    """The first full date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0] if dates else None


def parse_partial_date(text: str, year: int) -> ParsedDate | None:
    """A day and month without a year ('on 28 October'), completed with ``year`` from context."""
    full = parse_date(text)
    if full:
        return full
    for pattern in _PARTIAL:
        m = pattern.search(text)
        if m:
            iso = _iso(m, default_year=year)
            if iso:
                return ParsedDate(iso, m.group(0).strip(), m.start(), m.end())
    return None


def is_date_line(line: str) -> bool:
    """True when a line is nothing but a date (a dateline or a date heading)."""
    stripped = line.strip()
    if not re.search(r"[ap]\.\s?m\.$", stripped):
        stripped = stripped.rstrip(".")
    d = parse_date(stripped)
    return d is not None and len(d.as_written) >= len(stripped) - 2
