"""Languages: names to ISO 639-1 codes, and the language a text is written in."""

from __future__ import annotations

import re

NAMES = {
    "russian": "ru", "english": "en", "spanish": "es", "german": "de", "french": "fr", "polish": "pl",
    "portuguese": "pt", "chinese": "zh", "czech": "cs", "hungarian": "hu", "italian": "it",
    "bulgarian": "bg", "romanian": "ro", "ukrainian": "uk", "japanese": "ja", "korean": "ko",
    "vietnamese": "vi", "mongolian": "mn", "serbian": "sr", "croatian": "hr", "slovak": "sk",
    "русский": "ru", "английский": "en", "испанский": "es", "немецкий": "de", "французский": "fr",
}
# "RU-EN translator", "translated from the Russian"
_PAIR = re.compile(r"\b([A-Z]{2})\s*[-–>→]\s*([A-Z]{2})\b")
_FROM = re.compile(r"translat\w*\s+from\s+(?:the\s+)?(\w+)", re.I)


def code_of(name: str | None) -> str | None:
    """'Russian' -> 'ru'; a code is returned as it is; unknown names give None."""
    if not name:
        return None
    key = name.strip().strip(".").lower()
    if key in NAMES.values():
        return key
    first = key.split()[0] if key.split() else key
    return NAMES.get(key) or NAMES.get(first)


def detect_language(text: str) -> str | None:
    """The language of a text by its script: Cyrillic text is Russian, Latin text English.

    Good enough for the two languages the archive holds most; mixed texts go by the majority.
    """
    cyrillic = len(re.findall(r"[а-яёА-ЯЁ]", text))
    latin = len(re.findall(r"[a-zA-Z]", text))
    if cyrillic + latin < 20:
        return None
    return "ru" if cyrillic > latin else "en"


def translation_source(text: str) -> str | None:
    """The source language a translator's note or bio names: 'RU-EN translator' -> 'ru'."""
    for m in _PAIR.finditer(text):
        src, dst = m.group(1).lower(), m.group(2).lower()
        if src in NAMES.values() and dst in NAMES.values() and src != dst:
            return src
    named = _FROM.search(text)
    return code_of(named.group(1)) if named else None
