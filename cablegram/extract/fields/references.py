"""Other documents a text speaks of: 'N.S. Khrushchev's letter to F. Castro', 'our message to President
Kennedy on 28 October', 'the letter [from Khrushchev to Kennedy]', 'your message of December 11th'.

Sender, addressee and date are resolved from context: 'our' is the document's sender, 'your' its addressee,
a reference without a sender shares the sender of the reference before it in the same sentence, and a day
without a year takes the document's year. A reference that gives no date at all is dated by the document
that speaks of it, and flagged ``date_inferred``.
"""

from __future__ import annotations

import re

from cablegram.extract.fields.doctype import doc_type_of
from cablegram.extract.fields.names import TITLED_PERSON, strip_title
from cablegram.extract.fields.sentences import sentences
from cablegram.record import Party, Reference
from cablegram.values.dates import parse_partial_date

_DOC = (r"(?i:letters?|messages?|telegrams?|cables?|notes?|statements?|reply|replies|responses?|answers?|"
        r"proposals?|appeals?|memorandum|communications?|instructions|reports?)")
_ANY_DOC = re.compile(_DOC)
_QUALIFIER = r"(?:(?i:latest|last|recent|new|personal|confidential|private|oral|written|previous|earlier)\s+)*"
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?"


def _name(group: str) -> str:
    return rf"(?P<{group}>{TITLED_PERSON})"


_OWNER = rf"(?:(?P<owner>{TITLED_PERSON})(?:'s|’s)|(?P<pronoun>(?i:our|your|his|my|their|her)))"
_DATE_AFTER = rf"(?:\s+(?i:on|of|dated|from)\s+(?P<date>{_DAY}))?"
PATTERNS = [
    # the letter [from Khrushchev to Kennedy]; the letter from N.S. Khrushchev to Fidel Castro
    re.compile(rf"\b(?i:the|a|this|that)\s+{_QUALIFIER}(?P<type>{_DOC})\s+\[?(?i:from)\s+{_name('sender')}"
               rf"\s+(?i:to)\s+{_name('to')}\]?{_DATE_AFTER}"),
    # N.S. Khrushchev's letter to F. Castro; our 28 October message; your message of December 11th
    re.compile(rf"{_OWNER}\s+(?:(?P<date_before>{_DAY})\s+)?{_QUALIFIER}(?P<type>{_DOC})"
               rf"(?:\s+(?i:to)\s+{_name('to')})?{_DATE_AFTER}"),
    # the latest message to Kennedy; a message to President Kennedy on 28 October
    re.compile(rf"\b(?i:the|a|this|that)\s+{_QUALIFIER}(?P<type>{_DOC})\s+(?i:to)\s+{_name('to')}"
               rf"{_DATE_AFTER}"),
]


def _year_of(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def find_references(text: str, doc_date: str | None, senders: list[Party],
                    recipients: list[Party]) -> list[Reference]:
    """Every reference to another document in ``text``, merged when they name the same one."""
    found: list[Reference] = []
    for _, sentence in sentences(text):
        if not _ANY_DOC.search(sentence):
            continue  # most sentences speak of no document: skip the costly patterns
        taken: list[tuple[int, int]] = []
        last_sender: list[Party] = []
        hits = []
        for pattern in PATTERNS:
            for m in pattern.finditer(sentence):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    taken.append((m.start(), m.end()))
                    hits.append(m)
        for m in sorted(hits, key=lambda h: h.start()):
            groups = m.groupdict()
            owned = groups.get("sender") or groups.get("owner") or groups.get("pronoun")
            sender = _sender(groups, senders, recipients) if owned else last_sender
            if not owned and not sender and re.search(r"\b(?:we|our|I|my)\b", sentence):
                sender = list(senders)  # 'we have disclosed them in a message to ...'
            last_sender = sender or last_sender
            to = [Party(name=strip_title(groups["to"]))] if groups.get("to") else []
            if groups.get("pronoun", "") and groups["pronoun"].lower() == "your" and not to:
                to = list(senders)
            ref = Reference(text=m.group(0).strip(), doc_type=doc_type_of(groups["type"])[0], to=to,
                            **{"from": sender})
            if not (ref.from_ or ref.to) or (ref.doc_type is None and not (groups.get("owner") or groups.get("to"))):
                continue  # 'the letter' or 'your proposal' alone says too little to be linked
            written = groups.get("date") or groups.get("date_before")
            year = _year_of(doc_date)
            parsed = parse_partial_date(written, year) if written and year else None
            if parsed and doc_date and year and parsed.iso[:10] > doc_date[:10] and not re.search(r"\d{4}", written or ""):
                parsed = parse_partial_date(written or "", year - 1)  # a document spoken of is older: December in April
            if parsed:
                ref.date = parsed.iso
            elif doc_date:
                ref.date, ref.date_inferred = doc_date[:10], True
            found.append(ref)
    return _merge(found)


def _sender(groups: dict[str, str | None], senders: list[Party], recipients: list[Party]) -> list[Party]:
    if groups.get("sender"):
        return [Party(name=strip_title(groups["sender"] or ""))]
    if groups.get("owner"):
        return [Party(name=strip_title(groups["owner"] or ""))]
    pronoun = (groups.get("pronoun") or "").lower()
    if pronoun in {"our", "my"}:
        return list(senders)
    if pronoun == "your":
        return list(recipients)
    return []


def _key(ref: Reference) -> tuple[str, ...]:
    def surname(p: Party) -> str:
        return p.name.split()[-1].lower() if p.name.split() else ""
    return (",".join(sorted(map(surname, ref.from_))), ",".join(sorted(map(surname, ref.to))),
            ref.date or "", ref.doc_type or "")


def _merge(refs: list[Reference]) -> list[Reference]:
    seen: dict[tuple[str, ...], Reference] = {}
    for ref in refs:
        seen.setdefault(_key(ref), ref)
    return list(seen.values())
