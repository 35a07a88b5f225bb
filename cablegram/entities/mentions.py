"""Mentions of people, organisations and places in a text, with offsets, resolved where the authority knows them.

A first pass: every name variant and alias in the authority file, matched as whole words (longest first), plus
people named with a title or initials that the authority does not know ('Comrade Ivanov', 'N.P. Petrov'),
kept unresolved.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cablegram.entities.authority import Alias, Authority, load_authority
from cablegram.extract.fields.names import INITIALS, SURNAME
from cablegram.record import Mention

_TITLED_UNKNOWN = re.compile(
    rf"\b(?:President|Comrades?|Chairman|Premier|Mr\.|Mrs\.|Ambassador|General|Marshal|Admiral|Colonel|Senator|"
    rf"Secretary|Minister|тов\.|товарищ[ауи]?)\s+(?P<name>{SURNAME})|(?<![\w.])(?P<initials>{INITIALS} ?{SURNAME})")


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, list[tuple[str, str, Alias | None]]]]:
    authority = load_authority()
    names: dict[str, list[tuple[str, str, Alias | None]]] = {}
    for entity in authority.entities.values():
        for variant in {entity.name, *entity.variants}:
            names.setdefault(variant, []).append((entity.id, entity.kind, None))
            if len(variant) > 3 and variant.upper() != variant:  # headers write names in capitals: HAVANA
                names.setdefault(variant.upper(), []).append((entity.id, entity.kind, None))
        for alias in entity.aliases:
            names.setdefault(alias.name, []).append((entity.id, entity.kind, alias))
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])"), names


def find_mentions(text: str, date: str | None = None, authority: Authority | None = None) -> list[Mention]:
    """Mentions in ``text`` in order; ``date`` decides which aliases hold (cover names change)."""
    pattern, names = _matcher()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        candidates = [c for c in names[m.group(0)] if c[2] is None or c[2].holds_on(date)]
        if not candidates:
            continue
        entity_id, kind, _ = candidates[0]
        found.append(Mention(text=m.group(0), type=kind, entity_id=entity_id,
                             start=m.start(), end=m.end()))
        taken.append((m.start(), m.end()))
    for m in _TITLED_UNKNOWN.finditer(text):
        group = "name" if m.group("name") else "initials"
        start, end = m.start(group), m.end(group)
        if any(start < e and s < end for s, e in taken):
            continue
        found.append(Mention(text=m.group(group), type="person", entity_id=None, start=start, end=end))
        taken.append((start, end))
    return sorted(found, key=lambda x: x.start or 0)
