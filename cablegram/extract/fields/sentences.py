"""Sentences of a text, not cut after initials or abbreviations ('N.S. Khrushchev', 'тов. Павлов', 'Mr. Rusk')."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

ABBREVIATIONS = {"mr", "mrs", "dr", "gen", "col", "st", "no", "nos", "vol", "pp", "p", "cf", "etc", "i.e", "e.g",
                 "тов", "г", "гг", "т", "см", "стр", "u.s", "u.n", "d.c", "jr", "sr", "ed", "eds", "op", "cit"}
_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s)|\n\s*\n")


def sentences(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, sentence) for each sentence of ``text``; the last few texts' are kept, since directives,
    references and signatures all read the same body."""
    return _sentences(text)


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(_split(text))


def _split(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in _END.finditer(text):
        before = text[max(start, m.start() - 64):m.start()]  # the word before the stop is all that matters
        word = re.search(r"([\w.]+)$", before)
        if m.group(0).startswith(".") and word:
            w = word.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or (len(w) <= 2 and w[:1].isalpha() and word.group(1)[:1].isupper()):
                continue
        chunk = text[start:m.end()]
        if chunk.strip():
            yield start + len(chunk) - len(chunk.lstrip()), chunk.strip()
        start = m.end()
    if text[start:].strip():
        rest = text[start:]
        yield start + len(rest) - len(rest.lstrip()), rest.strip()
