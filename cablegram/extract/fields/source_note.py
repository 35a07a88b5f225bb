"""The source note printed editions put under a document: where the original is, its markings, who drafted it,
where it was repeated, when it was received.

    Source: Department of State, Presidential Correspondence: Lot 66 D 204. Secret; Eyes Only; Niact; Elite.
    Drafted by Davis; cleared by Kohler. Repeated to Geneva and London. Received 4:17 a.m.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.extract.fields.names import split_names
from cablegram.extract.fields.sentences import sentences
from cablegram.record import Party
from cablegram.values.markings import marking_sentence

SEPARATOR = re.compile(r"^\s*[_\-—=*]{8,}\s*$")
SOURCE = re.compile(r"^\s*Source:\s*(?P<text>\S.*)$")
_REPEATED = re.compile(r"^(?:Repeated|Also\s+sent|Sent)\s+to\s+(?P<to>.+?)\.?$", re.I)
_RECEIVED = re.compile(r"\b(?:Received|Rec'd)\s+(?:at\s+)?(?P<when>.+?)\.?$", re.I)
_EVENT = re.compile(r"\b(?:(?P<passed>transmitted|sent|delivered|handed)|made|dated|written|signed|drafted)\b"
                    r"[^.;]*?\b(?:on|of)\s+"
                    r"(?P<day>(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?)")
_OF_A_COPY = re.compile(r"\bcop(?:y|ies)\b[^.;,]*\b(?:was|were)\s*$", re.I)  # 'a copy was sent to Thompson on July 7'
_TRANSLATION = re.compile(r"\b(?:Soviet|Department\s+of\s+State|Embassy|unofficial|official)\s+translation\b|"
                          r"\btranslation\s+(?:by|from)\b|\bRussian[- ]language\s+text\b", re.I)


@dataclass
class SourceNote:
    text: str
    archive: str | None = None
    markings: list[str] = field(default_factory=list)
    repeated_to: list[Party] = field(default_factory=list)
    received: str | None = None
    translated: bool = False
    event_day: str | None = None  # the first day the note says the document was sent, made or handed over
    event_passed: bool = False  # the day it was sent or handed over: the document is no later than that


def split_source_note(text: str) -> tuple[str, str | None]:
    """The text above a separator line, and the 'Source: ...' paragraph below it (None when there is none)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if SEPARATOR.match(line):
            below = "\n".join(lines[i + 1:]).strip()
            m = SOURCE.match(below.split("\n", 1)[0]) if below else None
            if m:
                rest = below.split("\n", 1)
                return "\n".join(lines[:i]).rstrip() + "\n" + ("\n" + rest[1] if len(rest) > 1 else ""), rest[0]
    for i, line in enumerate(lines):
        if SOURCE.match(line) and i > len(lines) // 2:
            return "\n".join(lines[:i] + lines[i + 1:]), line
    return text, None


def _event(sentence: str) -> re.Match[str] | None:
    """Where a sentence says the document itself was sent or made; not what befell a copy of it."""
    for event in _EVENT.finditer(sentence):
        if not _OF_A_COPY.search(sentence[max(0, event.start() - 30):event.start()]):
            return event
    return None


def parse_source_note(line: str) -> SourceNote:
    m = SOURCE.match(line)
    text = m.group("text").strip() if m else line.strip()
    note = SourceNote(text=text, translated=bool(_TRANSLATION.search(text)))
    for i, (_, sentence) in enumerate(sentences(text)):
        if i == 0:
            note.archive = sentence.rstrip(".")
        if (found := marking_sentence(sentence)) is not None:
            note.markings += found
        elif rep := _REPEATED.match(sentence):
            note.repeated_to += [Party(name=n) for n in split_names(rep.group("to"))]
        elif rec := _RECEIVED.search(sentence):
            note.received = rec.group("when")
        if note.event_day is None and (event := _event(sentence)):
            note.event_day, note.event_passed = event.group("day"), bool(event.group("passed"))
    return note
