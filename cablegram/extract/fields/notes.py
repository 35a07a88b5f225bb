"""Notes beside the text: footnotes, translator's notes, editorial notes, page-break markers."""

from __future__ import annotations

import re

from cablegram.record import Note

PAGE_BREAK = re.compile(
    r"^[\s\-—–_=*~.]*\[?\s*(?:page\s+break|end\s+of\s+page|new\s+page|page\s+\d+(?:\s+of\s+\d+)?)\s*\]?[\s\-—–_=*~.]*$",
    re.I)
FOOTNOTE = re.compile(r"^\s*\[(?P<label>\d{1,3}|[*†a-z])\]\s*(?P<text>\S.*)$")
_NOTE_KINDS = [
    (r"translator(?:'s|’s|s)?\s+note|translator’s\s+comment|trans(?:\.|lator)\s+note|note\s+of\s+the\s+translator|"
     r"примечание\s+переводчика|прим\.\s*пер(?:\.|евод\w*)", "translator_note"),
    (r"editor(?:'s|’s|s)?\s+note|editorial\s+note|ed\.\s+note", "editorial_note"),
]
INLINE_NOTE = re.compile(
    r"\[\s*(?P<head>" + "|".join(p for p, _ in _NOTE_KINDS) + r")\s*[:.\-–—]?\s*(?P<text>[^\]]+?)\s*\]", re.I)
LINE_NOTE = re.compile(r"^\s*(?P<head>" + "|".join(p for p, _ in _NOTE_KINDS) + r")\s*[:.\-–—]\s*(?P<text>.+)$", re.I)


def _kind_of(head: str) -> str:
    for pattern, kind in _NOTE_KINDS:
        if re.fullmatch(pattern, head, re.I):
            return kind
    return "editorial_note"


def split_page_breaks(text: str) -> list[str]:
    """The text cut at page-break marker lines, the markers themselves dropped."""
    sections: list[list[str]] = [[]]
    for line in text.split("\n"):
        if PAGE_BREAK.match(line) and line.strip():
            sections.append([])
        else:
            sections[-1].append(line)
    return ["\n".join(s) for s in sections]


def take_inline_notes(text: str) -> tuple[str, list[Note]]:
    """Translator's and editor's notes in brackets or on lines of their own, taken out of the text."""
    notes: list[Note] = []

    def keep(m: re.Match[str]) -> str:
        notes.append(Note(kind=_kind_of(m.group("head")), text=m.group("text").strip()))
        return ""

    text = INLINE_NOTE.sub(keep, text)
    lines = []
    for line in text.split("\n"):
        m = LINE_NOTE.match(line)
        if m:
            keep(m)
        else:
            lines.append(line)
    return "\n".join(lines), notes


def take_footnotes(text: str) -> tuple[str, list[Note]]:
    """Footnotes written as '[1] text' in a block at the end; a footnote runs until the next one."""
    lines = text.rstrip().split("\n")
    starts = [i for i, line in enumerate(lines) if FOOTNOTE.match(line)]
    if not starts or sum(1 for line in lines[starts[-1]:] if line.strip()) > 12:
        return text, []  # no block of notes at the end
    start = starts[-1]
    for i in reversed(starts[:-1]):
        if start - i > 12:
            break
        start = i
    notes: list[Note] = []
    current: list[str] = []
    label = ""
    for line in lines[start:]:
        m = FOOTNOTE.match(line)
        if m:
            if current:
                notes.append(Note(kind="footnote", label=label, text=" ".join(current).strip()))
            label, current = m.group("label"), [m.group("text")]
        elif line.strip():
            current.append(line.strip())
    if current:
        notes.append(Note(kind="footnote", label=label, text=" ".join(current).strip()))
    return "\n".join(lines[:start]).rstrip() + "\n", notes
