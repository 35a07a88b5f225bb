"""Security markings in English and Russian, normalised while keeping what was written.

"TOP SECRET", "SPECIAL FOLDER", "Secret; Priority", "Eyes Only", "СОВЕРШЕННО СЕКРЕТНО", "ОСОБАЯ ПАПКА",
"Экз. № 2". The classification is the highest level found; handling and precedence are kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Most restrictive first: the first level that matches a marking is its level.
LEVELS: list[tuple[str, str]] = [
    (r"top[\s-]+secret|совершенно\s+секретно|strictly\s+secret|sovershenno\s+sekretno", "top_secret"),
    (r"secret|секретно|sekretno", "secret"),
    (r"confidential|конфиденциально", "confidential"),
    (r"restricted", "restricted"),
    (r"limited\s+official\s+use|official\s+use\s+only|для\s+служебного\s+пользования", "limited_official_use"),
    (r"unclassified", "unclassified"),
]
RANK = {level: i for i, (_, level) in enumerate(LEVELS)}

HANDLING: list[tuple[str, str]] = [
    (r"special\s+folder|особая\s+папка|osobaya\s+papka", "special_folder"),
    (r"eyes\s+only", "eyes_only"),
    (r"\bnodis\b", "nodis"),
    (r"\bexdis\b", "exdis"),
    (r"\blimdis\b|limit(?:ed)?\s+distribution", "limdis"),
    (r"\bnoforn\b|no\s+foreign\s+dissem", "noforn"),
    (r"(?:making\s+)?cop(?:ying|ies)\s+(?:is\s+)?prohibited|копировать\s+запрещается|снятие\s+копий\s+запрещается",
     "copying_prohibited"),
    (r"\bpersonal\b|лично", "personal"),
]

PRECEDENCE: list[tuple[str, str]] = [
    (r"\bflash\b", "flash"),
    (r"\bniact\b|night\s+action", "niact"),
    (r"operational\s+immediate", "operational_immediate"),
    (r"top\s+priority|вне\s+очереди", "top_priority"),
    (r"\bimmediate\b|\burgent\b|срочно|srochno", "immediate"),
    (r"\bpriority\b", "priority"),
    (r"\broutine\b", "routine"),
]

_COPY = re.compile(r"(?:copy\s+no\.?|экз\.?\s*(?:№|N)|экземпляр\s*(?:№|N))\s*(?P<n>\d+)", re.I)

# A line that is nothing but markings: what the header of a cable or protocol looks like.
_MARKING_WORDS = "|".join(p for p, _ in LEVELS + HANDLING + PRECEDENCE)
_MARKING_LINE = re.compile(
    r"^\s*(?:(?:" + _MARKING_WORDS + r"|" + _COPY.pattern + r")[\s;,./]*(?:and\s+)?)+\s*$", re.I)


def classification_of(text: str) -> str | None:
    """The security level a marking names, or None ('No classification marking, but ... Top Secret' is None)."""
    if re.match(r"\s*no\s+classification", text, re.I):
        return None
    for pattern, level in LEVELS:
        if re.search(r"\b(?:" + pattern + r")\b", text, re.I):
            return level
    return None


def handling_of(text: str) -> list[str]:
    return [code for pattern, code in HANDLING if re.search(pattern, text, re.I)]


def precedence_of(text: str) -> str | None:
    for pattern, code in PRECEDENCE:
        if re.search(pattern, text, re.I):
            return code
    return None


# Components of a marking sentence that are transmission instructions, not markings.
NOT_HANDLING = re.compile(r"^(?:verbatim\s+text|ban|plain\s+text|no\s+distribution\s+outside.*)$", re.I)


def marking_sentence(sentence: str) -> list[str] | None:
    """The markings in a source note's sentence ('Secret; Eyes Only; Niact; Elite.'), or None if it is prose.

    The first component must be a security level, a handling caption or 'No classification marking'; unknown
    captions after it are kept (they become handling 'other').
    """
    text = sentence.strip().rstrip(".")
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts or len(text) > 160:
        return None
    first = parts[0]
    if not (re.match(r"no\s+classification\s+marking", first, re.I) or is_marking_line(first)):
        return None
    if any(len(p.split()) > 5 for p in parts[1:]):
        return None
    return [text]


def is_marking_line(line: str) -> bool:
    """True for a line such as 'TOP SECRET', 'SPECIAL FOLDER', 'Secret; Priority', 'Copy No. 12'."""
    stripped = line.strip()
    return bool(stripped) and len(stripped) < 80 and bool(_MARKING_LINE.match(stripped))


@dataclass
class MarkingSet:
    """Markings gathered from a document, combined into the Record's ``markings``."""

    as_written: list[str] = field(default_factory=list)

    def add(self, marking: str) -> None:
        marking = marking.strip().rstrip(".")
        if marking and marking not in self.as_written:
            self.as_written.append(marking)

    def to_dict(self) -> dict[str, object]:
        levels = [lvl for m in self.as_written if (lvl := classification_of(m))]
        handling: list[str] = []
        precedence = None
        copy_number = None
        for m in self.as_written:
            handling += [h for h in handling_of(m) if h not in handling]
            for part in m.split(";")[1:]:
                known = handling_of(part) or precedence_of(part) or classification_of(part)
                if part.strip() and not known and not NOT_HANDLING.match(part.strip()) and "other" not in handling:
                    handling.append("other")
            precedence = precedence or precedence_of(m)
            if copy_match := _COPY.search(m):
                copy_number = copy_number or copy_match.group("n")
        return {
            "classification": min(levels, key=RANK.__getitem__) if levels else None,
            "as_written": list(self.as_written),
            "handling": handling,
            "precedence": precedence,
            "copy_number": copy_number,
        }
