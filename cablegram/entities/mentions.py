"""Mentions of people, organisations and places in a text, with offsets, resolved to the authority file.

English and other Latin-script text: every name variant and alias in the authority file, matched as whole,
capitalised words by one Aho-Corasick automaton (longest match first), then names written in a spelling the
file does not list but that has the same spelling key ('Alexeyev'), then people named with a title or initials
that the file does not know ('Comrade Ivanov', 'N.P. Petrov'), kept unresolved. Russian text: natasha's NER
model (shipped inside its package) finds the names and gives their nominative form ('Алексееву' -> 'Алексеев'),
which is resolved the same way. Why a gazetteer for English rather than a statistical model: docs/entities.md.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import ahocorasick

from cablegram.entities.authority import Alias, Authority, Entity, load_authority
from cablegram.entities.transliterate import spelling_key
from cablegram.extract.fields.names import INITIALS, SURNAME
from cablegram.record import Mention

_TITLED_UNKNOWN = re.compile(
    rf"\b(?:President|Comrades?|Chairman|Premier|Mr\.|Mrs\.|Ambassador|General|Marshal|Admiral|Colonel|Senator|"
    rf"Secretary|Minister|тов\.|товарищ[ауи]?)\s+(?P<name>{SURNAME})|(?<![\w.])(?P<initials>{INITIALS} ?{SURNAME})")
_CAPITALISED = re.compile(r"(?<![\w.'’-])[A-ZА-ЯЁ][a-zа-яёáéíóúñ'’-]{3,}(?![\w])")
_OFFICE_BEFORE = re.compile(r"((?:[A-Z][a-z]+\s+){0,3}(?:[A-Z][a-z]+))\s*$")
NOT_NAMES = {"Chairman", "President", "Comrade", "Comrades", "Secretary", "Minister", "Ambassador", "General",
             "Premier", "Mister", "Dear", "Sincerely", "Respectfully", "Department", "Embassy", "Government"}


@dataclass(frozen=True)
class Candidate:
    entity_id: str
    kind: str
    alias: Alias | None
    listed: bool


@dataclass
class Gazetteer:
    automaton: ahocorasick.Automaton
    surface: dict[str, list[Candidate]]
    keys: dict[str, list[Candidate]]  # spelling key of a one-word person name -> candidates
    authority: Authority


_GAZETTEERS: dict[int, Gazetteer] = {}


def gazetteer(authority: Authority | None = None) -> Gazetteer:
    """The matcher for an authority file, built once per file."""
    authority = authority or load_authority()
    if id(authority) not in _GAZETTEERS:
        _GAZETTEERS[id(authority)] = _build(authority)
    return _GAZETTEERS[id(authority)]


def _build(authority: Authority) -> Gazetteer:
    surface: dict[str, list[Candidate]] = {}
    keys: dict[str, list[Candidate]] = {}

    def add(name: str, entity: Entity, alias: Alias | None) -> None:
        candidate = Candidate(entity.id, entity.kind, alias, name in entity.listed or alias is not None)
        for form in {name, name.upper()} if len(name) > 3 else {name}:
            surface.setdefault(form, []).append(candidate)
        if entity.kind == "person" and len(name.split()) == 1 and not re.search(r"[а-яё]", name, re.I):
            keys.setdefault(spelling_key(name), []).append(candidate)

    for entity in authority.entities.values():
        for name in entity.all_names():
            add(name, entity, None)
        for alias in entity.aliases:
            add(alias.name, entity, alias)
    automaton = ahocorasick.Automaton()
    for form in surface:
        automaton.add_word(form.lower(), form.lower())
    automaton.make_automaton()
    return Gazetteer(automaton, surface, keys, authority)


def _choose(candidates: list[Candidate], date: str | None, before: str, authority: Authority) -> Candidate | None:
    """The candidate a mention most likely means: an alias in its period, an office named just before it
    ('Attorney General Kennedy'), a name its curators listed, else the first."""
    live = [c for c in candidates if c.alias is None or c.alias.holds_on(date)]
    if not live:
        return None
    office = _OFFICE_BEFORE.search(before)
    if office and len({c.entity_id for c in live}) > 1:
        words = office.group(1).lower()
        for c in live:
            entity = authority.get(c.entity_id)
            if entity and any(words in p.title.lower() and p.holds_on(date) for p in entity.posts):
                return c
    dated = [c for c in live if _holds_office_on(authority.get(c.entity_id), date)]
    ranked = sorted(dated or live, key=lambda c: (not c.listed, c.alias is None))
    return ranked[0]


def _holds_office_on(entity: Entity | None, date: str | None) -> bool:
    return bool(entity and date and any(p.start and p.holds_on(date) for p in entity.posts))


def _gazetteer_hits(text: str, date: str | None, gaz: Gazetteer) -> list[Mention]:
    lowered = text.lower()
    hits: list[tuple[int, int, str]] = []
    for end, key in gaz.automaton.iter(lowered):
        start = end - len(key) + 1
        if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-")) or \
                (end + 1 < len(text) and text[end + 1].isalnum()):
            continue
        written = text[start:end + 1]
        if written not in gaz.surface:
            continue  # 'cuba' is not 'Cuba': names are capitalised as listed (or all in capitals)
        hits.append((start, end + 1, written))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    found: list[Mention] = []
    last_end = -1
    for start, end, written in hits:
        if start < last_end:
            continue
        chosen = _choose(gaz.surface[written], date, text[max(0, start - 40):start], gaz.authority)
        if chosen is None:
            continue
        found.append(Mention(text=written, type=chosen.kind, entity_id=chosen.entity_id,
                             start=start, end=end))
        last_end = end
    return found


def _overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(start < (m.end or 0) and (m.start or 0) < end for m in taken)


def _overlap_test(taken: list[Mention]) -> Callable[[int, int], bool]:
    """``_overlaps`` for many questions about the same mentions: sorted once, then a binary search for each.
    A long OCR file has thousands of mentions and tens of thousands of capitalised words (10 s for 1.3 MB)."""
    spans = sorted((m.start or 0, m.end or 0) for m in taken)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # the furthest end of the spans so far

    def overlaps(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, end)  # the spans that start before ``end``
        return before > 0 and reach[before - 1] > start

    return overlaps


def _spelling_hits(text: str, date: str | None, gaz: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """Names in a spelling the file does not list, with the key of one it does: 'Alexeyev', 'Krushchov'."""
    found: list[Mention] = []
    overlaps = _overlap_test(taken)
    for m in _CAPITALISED.finditer(text):
        if m.group(0) in NOT_NAMES or overlaps(m.start(), m.end()):
            continue
        candidates = gaz.keys.get(spelling_key(m.group(0)))
        if candidates and (chosen := _choose(candidates, date, text[max(0, m.start() - 40):m.start()], gaz.authority)):
            found.append(Mention(text=m.group(0), type="person", entity_id=chosen.entity_id, start=m.start(),
                                 end=m.end()))
    return found


def _unknown_people(text: str, taken: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    overlaps = _overlap_test(taken)
    last_end = -1  # matches come in order and do not overlap one another
    for m in _TITLED_UNKNOWN.finditer(text):
        group = "name" if m.group("name") else "initials"
        start, end = m.start(group), m.end(group)
        if m.group(group) in NOT_NAMES or start < last_end or overlaps(start, end):
            continue
        found.append(Mention(text=m.group(group), type="person", entity_id=None, start=start, end=end))
        last_end = end
    return found


def find_mentions(text: str, date: str | None = None, authority: Authority | None = None) -> list[Mention]:
    """Mentions in ``text`` in order; ``date`` decides which aliases hold (cover names change) and who held a post."""
    gaz = gazetteer(authority)
    found = _gazetteer_hits(text, date, gaz)
    found += _spelling_hits(text, date, gaz, found)
    if re.search(r"[А-Яа-яЁё]{3}", text):
        from cablegram.entities.russian import russian_mentions

        found += russian_mentions(text, date, gaz, found)
    found += _unknown_people(text, found)
    return sorted(found, key=lambda x: x.start or 0)


def resolve_name(name: str, date: str | None = None, authority: Authority | None = None) -> str | None:
    """The entity a name as written stands for ('A. Alekseev', 'Comrade Pavlov', 'Алексеев'), or None."""
    gaz = gazetteer(authority)
    stripped = re.sub(r"^(?:the\s+)?(?:Comrades?|Mr\.|Mrs\.|President|Chairman|Premier|Ambassador|General)\s+", "",
                      name.strip())
    for form in (name.strip(), stripped):
        if form in gaz.surface and (chosen := _choose(gaz.surface[form], date, name, gaz.authority)):
            return chosen.entity_id
    # a name inside a longer phrase stands for the phrase only when it is most of it: 'Comrade N.S. Khrushchev'
    # is Khrushchev, 'the Embassy in the Soviet Union' is not the Soviet Union
    mentions = [m for m in find_mentions(stripped, date, authority) if m.entity_id and len(m.text) >= 0.6 * len(stripped)]
    return mentions[-1].entity_id if mentions else None
