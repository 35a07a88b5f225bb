"""Russian names in Latin letters, the ways archives, libraries and newspapers write them, and a key that
makes the spellings of one name equal.

Алексеев is Alekseyev (BGN/PCGN), Alekseev (Library of Congress), Alekseev/Alekseev (scholarly, with
diacritics elsewhere) and Alexeyev or Alexeev in the press. ``spelling_key`` maps all of them, and the
Cyrillic, to one key ('aleksev'); ``latin_variants`` generates the spellings a reader will meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_COMMON = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m",
           "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f"}
SCHEMES: dict[str, dict[str, str]] = {
    # US Board on Geographic Names / Permanent Committee on Geographical Names, without diacritics
    "bgn_pcgn": {**_COMMON, "е": "e", "ё": "yo", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
                 "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"},
    # Library of Congress (ALA-LC), without its ligatures and diacritics
    "library_of_congress": {**_COMMON, "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch",
                            "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia"},
    # the scholarly (scientific) system of Slavists
    "scholarly": {**_COMMON, "е": "e", "ё": "ë", "ж": "ž", "й": "j", "х": "x", "ц": "c", "ч": "č", "ш": "š",
                  "щ": "šč", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "ju", "я": "ja"},
}
_SCORER_CYRILLIC = SCHEMES["library_of_congress"]


def transliterate(text: str, scheme: str = "bgn_pcgn") -> str:
    """Cyrillic letters in ``text`` written in Latin letters by ``scheme``; other characters kept."""
    table = SCHEMES[scheme]
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in table:
            out.append(ch)
            continue
        latin = table[low]
        prev = text[i - 1] if i else " "
        if scheme == "bgn_pcgn" and low == "е" and (not prev.isalpha() or prev in VOWELS or prev.lower() in "йъь"):
            latin = "ye"  # BGN/PCGN writes е as ye at the start of a word and after vowels: Alekseyev
        if scheme == "bgn_pcgn" and low == "ё" and not (not prev.isalpha() or prev in VOWELS):
            latin = "e"  # Khrushchev, not Khrushchyov, in BGN's simplified form
        if ch.isupper():
            latin = latin[:1].upper() + latin[1:] if not (i + 1 < len(text) and text[i + 1].isupper()) else latin.upper()
        out.append(latin)
    return "".join(out)


# Spellings the press uses beside the systems: Alexeyev, Krushchev, Khruschev, Mikoian, Dobrinin.
_PRESS = [("ks", "x"), ("yev", "ev"), ("eyev", "eev"), ("shch", "sch"), ("shch", "sh"), ("kh", "h"), ("kh", "k"),
          ("iy", "y"), ("yu", "iu"), ("ya", "ia"), ("ts", "tz"), ("y", "i")]


def latin_variants(cyrillic: str, limit: int = 16) -> list[str]:
    """Every system's spelling of a Cyrillic name, and the press's common variants of them."""
    found: list[str] = []
    for scheme in SCHEMES:
        spelled = transliterate(cyrillic, scheme)
        if spelled not in found:
            found.append(spelled)
        ascii_form = strip_accents(spelled).replace("ʹ", "").replace("ʺ", "")
        if ascii_form not in found:
            found.append(ascii_form)
    base = transliterate(cyrillic, "bgn_pcgn")
    frontier = [base]
    for old, new in _PRESS:
        for spelled in list(frontier):
            if old in spelled.lower():
                variant = re.sub(re.escape(old), new, spelled, flags=re.I)
                variant = " ".join(w[:1].upper() + w[1:] for w in variant.split(" "))
                if variant not in found:
                    found.append(variant)
                    frontier.append(variant)
        if len(found) >= limit:
            break
    return found[:limit]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def spelling_key(name: str) -> str:
    """One key for every spelling of a name, in any script: Alekseev = Alekseyev = Alexeyev = Алексеев."""
    text = name.casefold().replace("ё", "е")
    if re.search(r"[а-я]", text):
        text = "".join(_SCORER_CYRILLIC.get(c, c) for c in text)
    text = strip_accents(text)
    text = re.sub(r"[^a-z0-9 ]+", "", text)
    for old, new in (("x", "ks"), ("shch", "sc"), ("sch", "sc"), ("kh", "k"), ("ye", "e"), ("iy", "i"), ("yi", "i"),
                     ("ie", "e"), ("ii", "i"), ("tz", "ts"), ("j", "y"), ("w", "v"), ("ph", "f"), ("ck", "k")):
        text = text.replace(old, new)
    text = re.sub(r"(?<=[a-z])y(?=[aeiou])|(?<=[aeiou])y(?=[a-z])", "", text)  # Mikoyan/Mikoian
    text = re.sub(r"y\b", "i", text).replace("ia", "a").replace("iu", "u")  # Kennedy/Кеннеди
    text = text.replace("c", "k").replace("ts", "c")  # Dorticos/Дортикос
    return re.sub(r"([a-z])\1+", r"\1", " ".join(text.split()))
