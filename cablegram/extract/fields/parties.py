"""Senders and addressees as headings and address lines name them.

'Cable from USSR Ambassador to Cuba Alekseev to Soviet Ministry of Foreign Affairs',
'Telegram From the Embassy in the Soviet Union to the Department of State',
'To Comrades Khrushchev, Mikoyan, Gromyko', 'SOVIET AMBASSADOR' under 'HAVANA'.
"""

from __future__ import annotations

import re

from cablegram.extract.fields.names import split_names, strip_title, title_of
from cablegram.record import Party

OFFICES = (r"Ambassador|Minister|Secretary(?:-General)?|President|Chairman|Premier|Representative|Delegate|"
           r"Consul(?:-General)?|Counselor|Counsellor|Attach[ée]|Advis[eo]r|Assistant|Director|Chief|Commander|"
           r"Charg[ée]\s+d'Affaires|Envoy|Head|Leader|Deputy|Resident|Chancellor|Governor|Senator")
# words that join a role to its place: 'Ambassador to Cuba', 'Embassy in the Soviet Union'
_ROLE_JOIN = re.compile(rf"\b(?:{OFFICES}|Delegation|Mission)\s+(?:to|in|at)\s*$", re.I)
MULTIWORD_PLACES = ["the Soviet Union", "the United States", "the United Nations", "the United Kingdom",
                    "the USSR", "the Federal Republic of Germany", "the Dominican Republic", "New York",
                    "the Vatican", "West Berlin", "East Berlin", "Latin America"]
_PLACE = r"(?:" + "|".join(re.escape(p) for p in MULTIWORD_PLACES) + r"|(?:the\s+)?[A-Z][\w.-]+)"
_ROLE_THEN_NAME = re.compile(
    rf"^(?P<role>.*?\b(?:{OFFICES})(?:\s+(?:to|in|at|of)\s+{_PLACE})?)\s+(?P<name>(?:[A-Z]\.\s?)*[A-Z][\w'’-]+"
    rf"(?:\s+[A-Z][\w'’-]+){{0,2}})$")
_PAREN_NAME = re.compile(r"^(?P<role>.+?)\s*\((?P<name>[^()]+)\)\s*$")


def parse_party(phrase: str) -> Party:
    """One party: 'USSR Ambassador to Cuba Alekseev' -> name Alekseev, role 'USSR Ambassador to Cuba'."""
    phrase = re.sub(r"\s+", " ", phrase).strip().strip(",.;:")
    m = _PAREN_NAME.match(phrase)
    if m:
        return Party(name=m.group("name").strip(), role=re.sub(r"^the\s+", "", m.group("role")).strip())
    m = _ROLE_THEN_NAME.match(phrase)
    if m and not re.search(r"\b(?:of|the|and)$", m.group("role")):
        name = m.group("name")
        # the 'name' may be the rest of an office: 'Secretary of State' is no person
        if not re.match(rf"(?:{OFFICES})\b", name):
            return Party(name=name, role=m.group("role").strip())
    title = title_of(phrase)
    if title and title.lower().rstrip("s") in {"comrade", "mr.", "mr", "mrs."}:
        return Party(name=strip_title(phrase))
    return Party(name=phrase)


def split_at_to(text: str) -> tuple[str, str | None]:
    """Split 'A to B' at the ' to ' that is not part of a role such as 'Ambassador to Cuba'."""
    for m in re.finditer(r"\s+to\s+", text, re.I):
        if not _ROLE_JOIN.search(text[: m.start()] + " to"):
            return text[: m.start()], text[m.end():]
    return text, None


def parties_of_heading(heading: str) -> tuple[list[Party], list[Party]]:
    """Senders and addressees named in a heading: '... from A to B', '... to B'."""
    heading = _SUBJECT.sub("", heading)
    m = re.search(r"\b(?:from|by)\s+", heading, re.I)
    if m:
        sender, recipient = split_at_to(heading[m.end():])
        senders = [parse_party(p) for p in split_parties(sender)]
    else:
        m = re.search(r"\bto\s+", heading, re.I)
        if not m:
            return [], []
        senders, recipient = [], heading[m.end():]
    recipients = [parse_party(p) for p in split_parties(recipient)] if recipient else []
    return senders, recipients


_SUBJECT = re.compile(r"\s+(?:regarding|concerning|about|on\s+the\s+(?:question|subject|issue)s?\s+of|"
                      r"with\s+the\s+text\s+of|"
                      r"in\s+connection\s+with|transmitting|enclosing|re:)\s+.*$", re.I)


def split_parties(text: str) -> list[str]:
    """'President Kennedy and Prime Minister Macmillan' -> both; 'Ministry of Foreign Affairs' stays one.
    What the heading says of the subject ('... regarding the course of ...') is not a party."""
    text = _SUBJECT.sub("", text.strip())
    text = re.sub(r"\s*[:;(].*$", "", text) if ":" in text else text
    parts = re.split(r",\s+(?:and\s+)?(?=[A-Z])|\s+and\s+(?=(?:President|Prime|Chairman|Premier|Secretary|the)\b)",
                     text)
    return [p for p in (x.strip() for x in parts) if p]


ADDRESS_LINE = re.compile(r"^\s*(?:To|TO|Addressed\s+to|Кому|Товарищам?|Тов\.)\s*:?\s+(?P<rest>\S.*)$")


def parties_of_address_line(line: str) -> list[Party] | None:
    """'To Comrades Khrushchev, Mikoyan, Gromyko' -> three parties; None when the line is no address."""
    m = ADDRESS_LINE.match(line)
    if not m or len(line) > 200:
        return None
    rest = m.group("rest")
    if re.match(r"(?:Comrades?|Товарищ)", rest) or re.fullmatch(r"[\w .,'’-]+", rest):
        return [Party(name=n) for n in split_names(rest)]
    return [parse_party(rest)]
