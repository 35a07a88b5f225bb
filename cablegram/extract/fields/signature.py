"""The signature block at the foot of a document: '28/X/62 A. Alekseev', 'A. GROMYKO', 'SECRETARY of the TsK'."""

from __future__ import annotations

import re

from cablegram.extract.fields.names import INITIALS, SURNAME
from cablegram.record import Signed
from cablegram.values.dates import parse_date

_NAME = (rf"(?:{INITIALS}\s?(?:{SURNAME}|[A-ZА-ЯЁ]{{2,}})|[A-ZА-ЯЁ][a-zа-яё]+\s+(?:[A-Z]\.\s?)?[A-ZА-ЯЁ][a-zа-яё]+|"
         rf"[A-ZА-ЯЁ]{{3,}})")
_SIGNATURE = [re.compile(rf"^(?P<name>{_NAME})$"), re.compile(rf"^(?P<date>.+?)\s+(?P<name>{_NAME})$"),
              re.compile(rf"^(?P<name>{_NAME}),?\s+(?P<date>.+)$")]
_ROLE_ONLY = re.compile(r"^\s*(?P<role>(?:SECRETARY|CHAIRMAN|MINISTER|AMBASSADOR|СЕКРЕТАРЬ|ПРЕДСЕДАТЕЛЬ)\b[\w .]{0,60})$",
                        re.I)


def parse_signature(line: str) -> Signed | None:
    """A signature line with a name, and a date beside it if written; None when the line is something else."""
    line = line.strip()
    if not line or len(line) > 70 or (line.endswith((".", ":", ",")) and not re.search(r"\b[A-Z]\.$", line)):
        if not re.search(rf"{INITIALS}\s?{SURNAME}\.?$", line):
            return None
    for pattern in _SIGNATURE:
        m = pattern.match(line.rstrip("."))
        if not m:
            continue
        written = m.groupdict().get("date")
        date = parse_date(written) if written else None
        if written and (date is None or len(date.as_written) < len(written.strip(" ,")) - 1):
            continue  # words beside the name that are not a date: not a signature
        return Signed(name=m.group("name"), date=date.iso if date else None,
                      date_as_written=date.as_written if date else None)
    return None


def parse_role_signature(line: str) -> Signed | None:
    """A signature by office alone, as Soviet protocol extracts have it: 'SECRETARY of the TsK'."""
    m = _ROLE_ONLY.match(line.strip())
    if m and line.strip()[:1].isupper() and not line.strip().endswith("."):
        return Signed(name=m.group("role").strip(), role=m.group("role").strip())
    return None
