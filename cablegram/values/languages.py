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


# The commonest short words of each language: enough to tell the languages of diplomatic archives apart.
STOPWORDS = {
    "en": "the of and to in that is was for it with as on be by this are have not which from at",
    "es": "de la que el en los del se las por un para con una su al lo como más pero sus le",
    "fr": "de la le et les des en du un une est que pour dans qui au sur par pas avec ce",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
    "it": "di che il la per un in del della non una sono le si con da dei al gli",
    "pt": "de que o a do da em um para com não uma os no se na por mais as dos",
    "pl": "i w nie na się z do że jest to jak o ale po co tak za od przez",
    "ru": "и в не на что с по как это к он из а то за от у о же так для",
    "uk": "і в не на що з та як це до він із а то за від у про же так для",
}
_WORDS = {lang: set(words.split()) for lang, words in STOPWORDS.items()}
RUSSIAN_ARCHIVES = re.compile(r"\b(?:RGANI|AVP\s?RF|AP\s?RF|APRF|GARF|RGASPI|RGAE|TsAMO|RGVA|TsKhSD|RTsKhIDNI|"
                              r"Russian\s+Federation|Russian\s+State|Archive\s+of\s+the\s+President\s+of\s+Russia|"
                              r"SVR\s+of\s+Russia)\b")


def detect_language(text: str) -> str | None:
    """The language of a text: its script first, then which language's common words it uses most.

    Good enough for the languages the archive holds; mixed texts go by the majority.
    """
    cyrillic = len(re.findall(r"[а-яёА-ЯЁіїєІЇЄ]", text))
    latin = len(re.findall(r"[a-zA-Z]", text))
    if cyrillic + latin < 20:
        return None
    words = re.findall(r"[^\W\d_]+", text.lower()[:20000])
    candidates = ["ru", "uk"] if cyrillic > latin else ["en", "es", "fr", "de", "it", "pt", "pl"]
    counts = {lang: sum(1 for w in words if w in _WORDS[lang]) for lang in candidates}
    if cyrillic > latin and not re.search(r"[іїєІЇЄ]", text):
        return "ru"
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] else candidates[0]


def translation_source(text: str) -> str | None:
    """The source language a translator's note or bio names: 'RU-EN translator' -> 'ru'."""
    for m in _PAIR.finditer(text):
        src, dst = m.group(1).lower(), m.group(2).lower()
        if src in NAMES.values() and dst in NAMES.values() and src != dst:
            return src
    named = _FROM.search(text)
    return code_of(named.group(1)) if named else None
