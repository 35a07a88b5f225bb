"""Patterns for names of people as documents write them: 'N.S. Khrushchev', 'Comrade Pavlov', 'U Thant'."""

from __future__ import annotations

import re

TITLES = (r"President|Comrades?|Chairman|Premier|Prime\s+Minister|Mr\.?|Mrs\.?|Miss|Ambassador|General|Marshal|"
          r"Admiral|Colonel|Col\.|Gen\.|Captain|Secretary(?:-General)?|Minister|Senator|Governor|Dr\.?|Sr\.|"
          r"Señor|Senor|Chancellor|Pope|King|Queen|Prince|Товарищ(?:у|а|и|ам)?|тов\.")
_UPPER = "A-ZА-ЯЁ"
_LOWER = "a-zа-яёáéíóúñüç"
SURNAME = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}]+)?"
INITIALS = rf"(?:[{_UPPER}]\. ?){{1,3}}"
# 'N.S. Khrushchev', 'Fidel Castro', 'Carlos Rafael Rodriguez', 'U Thant', 'Khrushchev'
PERSON = rf"(?:{INITIALS} ?{SURNAME}|U\s+Thant|{SURNAME}(?:\s+{SURNAME}){{0,2}})"
TITLED_PERSON = rf"(?:(?:{TITLES})\s+)?{PERSON}"
_TITLE_PREFIX = re.compile(rf"^(?:the\s+)?(?:(?:{TITLES})\s+)+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def strip_title(name: str) -> str:
    """'Comrade Pavlov' -> 'Pavlov'; 'President Kennedy' -> 'Kennedy'; 'Dorticos'' -> 'Dorticos'."""
    name = _POSSESSIVE.sub("", name.strip())
    stripped = _TITLE_PREFIX.sub("", name).strip()
    return stripped or name


def title_of(name: str) -> str | None:
    m = _TITLE_PREFIX.match(name.strip())
    return m.group(0).strip() if m else None


def split_names(text: str) -> list[str]:
    """'Comrades Khrushchev, Mikoyan, Gromyko' -> ['Khrushchev', 'Mikoyan', 'Gromyko']."""
    text = re.sub(rf"^\s*(?:{TITLES})\s+", "", text.strip().rstrip("."), flags=re.I)
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*", text)
    return [n.strip() for n in names if n.strip()]
