"""What documentary publications print under a document: its archival reference, stamps, the page number.

    A. DOBRYNIN
    RGANI. F. 3. Op. 66. D. 471. L. 5 - 6. Copy. Typewritten text on cipher telegram form of the 10th Department.
    *On the first page at top stamp "to Khrushchev N.S."
    73
"""

from __future__ import annotations

import re

from cablegram.record import Note

# Russian archives cite fond (F.), opis (Op.), delo (D.) and list (L.): 'RGANI. F. 3. Op. 66. D. 471. L. 5 - 6.'
ARCHIVAL_REFERENCE = re.compile(
    r"^(?P<archive>(?:[A-ZА-ЯЁ][\w ]{0,40}?|Archive\s+of\s+[^.]+?))\.?\s+(?:F|Ф)\.\s*[\w-]+\.\s*(?:Op|Оп)\.\s*[\w-]+\.?"
    r"(?:\s*(?:D|Д)\.\s*[\w-]+\.?)?(?:\s*(?:L|Л)\.\s*[\d\s,–-]+\.?)?")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$")
_LABEL = r"(?:\[[^\]]{0,60}\]\s*)?"  # '[Note at bottom of page:]', as translators mark where a note stood
_STAMP = re.compile(rf"^\s*{_LABEL}\*+\s*(?P<text>\S.*)$")
_BARE_LABEL = re.compile(r"^\s*\[[^\]]{0,60}:\]\s*$")


def take_archival_tail(body: str) -> tuple[str, list[Note], str | None]:
    """The body without its trailing archival reference, stamp notes and page number; those as notes."""
    lines = body.rstrip().split("\n")
    notes: list[Note] = []
    archive = None
    while lines:
        line = lines[-1].strip()
        if not line or _PAGE_NUMBER.match(line) or _BARE_LABEL.match(line):
            lines.pop()
        elif m := _STAMP.match(line):
            notes.insert(0, Note(kind="editorial_note", text=m.group("text")))
            lines.pop()
        elif m := ARCHIVAL_REFERENCE.match(line):
            notes.insert(0, Note(kind="source_note", text=line))
            archive = archive or m.group(0).strip().rstrip(".")
            lines.pop()
        else:
            break
    return "\n".join(lines), notes, archive
