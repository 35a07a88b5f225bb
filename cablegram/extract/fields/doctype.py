"""The kind of document a heading names: 'Cable from ...' is a telegram, 'Extract from Protocol' a protocol."""

from __future__ import annotations

import re

# Longer names first, so 'Memorandum of Conversation' wins over 'Memorandum'.
KINDS: list[tuple[str, str]] = [
    (r"editorial\s+note", "editorial_note"),
    (r"memorandum\s+of\s+(?:a\s+)?(?:telephone\s+)?conversation|record\s+of\s+(?:a\s+)?conversation|memcon|"
     r"telephone\s+conversation|запись\s+беседы", "memorandum_of_conversation"),
    (r"memorandum\s+(?:of|for\s+the\s+record\s+of)\s+(?:a\s+)?(?:meeting|discussion)|summary\s+record|"
     r"record\s+of\s+action|minutes|стенограмма", "minutes"),
    (r"(?:extract\s+from\s+(?:the\s+)?)?protocol|выписка\s+из\s+протокола|протокол|decision\s+of\s+the\s+presidium|"
     r"resolution\s+of\s+the", "protocol"),
    (r"intelligence\s+(?:report|memorandum|note|information\s+cable)|national\s+intelligence\s+estimate|"
     r"information\s+report", "intelligence_report"),
    (r"(?:circular\s+)?airgram", "airgram"),
    (r"(?:enciphered\s+|ciphered\s+|coded\s+|circular\s+)?(?:cable(?:gram)?|telegram|ciphergram|шифротелеграмма|"
     r"телеграмма)", "telegram"),
    (r"(?:oral\s+|verbal\s+)?message|oral\s+statement|informal\s+communication|послание", "message"),
    (r"letter|письмо", "letter"),
    (r"instructions?|directives?|указания|директивы", "instructions"),
    (r"memorandum|memo|памятная\s+записка|записка", "memorandum"),
    (r"report|despatch|dispatch|донесение|доклад|отчет", "report"),
    (r"(?:diplomatic\s+)?note|aide-m[ée]moire", "note"),
    (r"statement|speech|communiqu[ée]|заявление", "statement"),
    (r"diary|journal|дневник", "diary"),
    (r"transcript", "transcript"),
    (r"(?:briefing\s+|position\s+)?paper|talking\s+points", "paper"),
]
_KIND = re.compile(r"\b(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(KINDS)) + r")\b", re.I)


def doc_type_of(heading: str) -> tuple[str | None, str | None]:
    """(doc_type, as written) for the first kind of document a heading names, or (None, None)."""
    # only what names the document itself counts: the part before ' from ' or ' to ' mostly does
    m = _KIND.search(heading)
    if not m:
        return None, None
    for i, (_, kind) in enumerate(KINDS):
        if m.group(f"k{i}"):
            return kind, m.group(0)
    return None, None
