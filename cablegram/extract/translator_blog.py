"""Translated documents as translators publish them on their blogs.

A series label ('Cuban Missile Crisis, Document 29'), a date-and-title line, the document's header and text
with translator's notes and page-break markers, attachments, and then the blog's furniture: 'Published by
NAME', the translator's bio, 'Leave a Reply' and a comment form. The blog's author is the translator.
"""

from __future__ import annotations

from cablegram.extract.fields.boilerplate import TAIL_START, Furniture, is_translator_bio
from cablegram.extract.fields.header import SERIES
from cablegram.extract.fields.notes import INLINE_NOTE, LINE_NOTE, PAGE_BREAK
from cablegram.extract.generic import GenericExtractor, notes_in_cyrillic
from cablegram.read.base import Text
from cablegram.record import Record
from cablegram.values.languages import translation_source


class TranslatorBlogExtractor(GenericExtractor):
    name = "translator_blog"

    def match(self, text: Text) -> float:
        lines = [line.strip() for line in text.text.split("\n")]
        score = 0.0
        if any(SERIES.match(line) for line in lines[:10] if line):
            score += 0.3
        if INLINE_NOTE.search(text.text) or any(LINE_NOTE.match(line) for line in lines):
            score += 0.3
        if any(PAGE_BREAK.match(line) for line in lines if line):
            score += 0.1
        if any(TAIL_START.match(line) for line in lines[len(lines) // 3:]):
            score += 0.2
        return min(score, 0.9)

    def attribute(self, record: Record, furniture: Furniture, text: Text) -> None:
        super().attribute(record, furniture, text)
        translated = is_translator_bio(furniture.bio) or any(n.kind == "translator_note" for n in record.notes)
        if translated and furniture.author:
            record.translator = furniture.author
        record.original_language = record.original_language or translation_source(furniture.bio) or (
            "ru" if notes_in_cyrillic(record.notes) else None)
