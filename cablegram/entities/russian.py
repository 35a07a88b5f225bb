"""Names in Russian text, found by natasha's NER model (which ships inside its package: nothing downloads)
and put in the nominative ('Алексееву' -> 'Алексеев') before they are resolved against the authority file."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cablegram.entities.transliterate import spelling_key
from cablegram.record import Mention

if TYPE_CHECKING:
    from cablegram.entities.mentions import Gazetteer

KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}


@lru_cache(maxsize=1)
def _natasha() -> tuple[Any, Any, Any, Any]:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsNERTagger(embedding), NewsMorphTagger(embedding), MorphVocab()


def _is_verb(vocab: Any, word: str) -> bool:
    """The dictionary's likeliest reading of a word is a verb ('Ознакомьте', 'Доложите')."""
    parses = vocab.parse(word)
    return bool(parses) and str(parses[0].tag.POS) in {"VERB", "INFN"}


def russian_mentions(text: str, date: str | None, gaz: Gazetteer, taken: list[Mention]) -> list[Mention]:
    from natasha import Doc

    from cablegram.entities.mentions import _choose, _overlaps

    segmenter, ner, morph, vocab = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner)
    doc.tag_morph(morph)
    found: list[Mention] = []
    for span in doc.spans:
        if _overlaps(span.start, span.stop, taken + found):
            continue
        tokens = [t for t in doc.tokens if span.start <= t.start < span.stop]
        if tokens and all(t.pos in {"VERB", "ADV", "ADP", "PRON", "CCONJ"} or _is_verb(vocab, t.text) for t in tokens):
            continue  # 'Ознакомьте' at the start of a sentence is an order, not a person
        span.normalize(vocab)
        normal = span.normal or span.text
        candidates = gaz.surface.get(normal) or gaz.surface.get(normal.split()[-1]) \
            or gaz.keys.get(spelling_key(normal.split()[-1]))
        chosen = _choose(candidates, date, text[max(0, span.start - 40):span.start], gaz.authority) if candidates else None
        kind = chosen.kind if chosen else KINDS.get(span.type, "person")
        found.append(Mention(text=span.text, type=kind, entity_id=chosen.entity_id if chosen else None,
                             start=span.start, end=span.stop))
    return found
