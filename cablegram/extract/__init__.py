"""Layouts: Text to Records. Each extractor says how well a text fits it; the best fit reads it."""

from __future__ import annotations

from dataclasses import dataclass

from cablegram.errors import EmptyDocument
from cablegram.extract.archive_record import ArchiveRecordExtractor
from cablegram.extract.base import Extractor
from cablegram.extract.frus_tei import FRUSTEIExtractor
from cablegram.extract.generic import GenericExtractor
from cablegram.extract.nara_form import NARAFormExtractor
from cablegram.extract.translator_blog import TranslatorBlogExtractor
from cablegram.read.base import Text
from cablegram.record import Record

# FRUSTEIExtractor reads only TEI with FRUS document divisions (match 1.0, else 0.0), so it goes first
GENERIC = GenericExtractor()
EXTRACTORS: list[Extractor] = [FRUSTEIExtractor(), ArchiveRecordExtractor(), TranslatorBlogExtractor(),
                               NARAFormExtractor(), GENERIC]


@dataclass
class LayoutChoice:
    """Which layout read a text, and how the others scored: for explaining a wrong pick."""

    chosen: str
    scores: dict[str, float]


def choose_layout(text: Text) -> tuple[Extractor, LayoutChoice]:
    scored = [(extractor.match(text), i, extractor) for i, extractor in enumerate(EXTRACTORS)]
    # a layout must fit better than the generic reader to be chosen: on a tie the generic one reads the text
    best = max(scored, key=lambda s: (s[0], s[2] is GENERIC, -s[1]))
    return best[2], LayoutChoice(best[2].name, {e.name: round(score, 3) for score, _, e in scored})


def extract_text(text: Text) -> list[Record]:
    """Records read out of one Text by the layout that fits it best."""
    if not text.text.strip():
        raise EmptyDocument(f"{text.path.name}: the file holds no text")
    extractor, _ = choose_layout(text)
    return extractor.extract(text)
