"""Decode bytes whose encoding nobody wrote down: UTF-8, Windows-1251, KOI8-R, CP866, Windows-1252."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

# charset-normalizer guesses wrong on short Cyrillic inputs unless the candidates are limited.
CYRILLIC_CODECS = ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"]
_RUSSIAN_LOWER = re.compile(r"[а-яё]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_CYRILLIC_IN_LATIN_WORD = re.compile(r"(?<=[a-zA-Z])[а-яёА-ЯЁ]|[а-яёА-ЯЁ](?=[a-zA-Z])")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Never fails: undecodable bytes become U+FFFD as a last resort."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CYRILLIC_CODECS).best()
    if best is not None:
        text = str(best)
        cyrillic = _CYRILLIC.findall(text)
        high_bytes = sum(1 for b in data if b >= 0x80)
        # Russian prose is mostly lower-case letters; a wrong Cyrillic codec gives capitals and symbols.
        # ... and Cyrillic letters stand in words of their own, not inside Latin ones ('Dorticуs')
        mixed = len(_CYRILLIC_IN_LATIN_WORD.findall(text))
        if cyrillic and len(_RUSSIAN_LOWER.findall(text)) >= 0.6 * high_bytes and mixed < 0.3 * len(cyrillic):
            return text, best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"
