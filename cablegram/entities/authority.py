"""The authority file: people, organisations and places with their name variants, aliases and posts.

Built from data files shipped in ``entities/data/`` and any a user adds (``<archive>/authority/*.json``):
``authority.json`` (curated Soviet, Cuban and US actors of 1958-1964, bodies and places) and the persons lists of
FRUS volumes (``*-persons.json``), whose descriptions name each person's posts. A person listed in both becomes
one entity. Spellings are generated, not listed by hand: every Cyrillic variant is transliterated by each system
(see ``transliterate.py``), and every full name gives its short forms ('Nikita S. Khrushchev' -> 'Khrushchev',
'N.S. Khrushchev', 'N. S. Khrushchev').
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from cablegram.entities.transliterate import latin_variants, spelling_key, strip_accents
from cablegram.values.dates import find_dates


@dataclass(frozen=True)
class Alias:
    """A cover name or other name used for a period: 'Pavlov' for Pliyev in 1962."""

    name: str
    start: str | None = None
    end: str | None = None
    note: str | None = None

    def holds_on(self, date: str | None) -> bool:
        return _within(date, self.start, self.end)


@dataclass(frozen=True)
class Post:
    """An office held for a period: 'Soviet Ambassador to Cuba', 1962-06 to 1968-01."""

    title: str
    start: str | None = None
    end: str | None = None

    def holds_on(self, date: str | None) -> bool:
        return _within(date, self.start, self.end)


def _within(date: str | None, start: str | None, end: str | None) -> bool:
    if not date:
        return True
    return (start is None or date[: len(start)] >= start) and (end is None or date[: len(end)] <= end)


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    variants: list[str] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)  # ids of this entity elsewhere: 'frus1961-63v06:p_KNS2'
    sources: list[str] = field(default_factory=list)
    listed: frozenset[str] = frozenset()  # the names its curators wrote; they win over generated ones

    def all_names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.variants]))

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "variants": self.all_names()[1:],
                "aliases": [a.__dict__ for a in self.aliases], "posts": [p.__dict__ for p in self.posts],
                "xrefs": self.xrefs, "sources": self.sources}


@dataclass
class Authority:
    entities: dict[str, Entity]
    xref_index: dict[str, str] = field(default_factory=dict)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id) or self.entities.get(self.xref_index.get(entity_id, ""))

    def canonical_id(self, entity_id: str) -> str:
        """The authority id of an id given elsewhere ('frus1961-63v06:p_KNS2' -> 'khrushchev-nikita')."""
        return entity_id if entity_id in self.entities else self.xref_index.get(entity_id, entity_id)


# Name forms ----------------------------------------------------------------------------------------------------

_TITLE_WORDS = {"President", "Ambassador", "Attorney", "General", "Comrade", "Chairman", "Premier", "Secretary",
                "Minister", "Mr.", "Prince", "King", "Marshal", "Admiral", "Senator", "Generalissimo", "Lord"}


def name_forms(full: str) -> list[str]:
    """'Nikita S. Khrushchev' -> itself, 'Khrushchev', 'N.S. Khrushchev', 'N. S. Khrushchev', 'Nikita Khrushchev'."""
    words = re.sub(r",?\s+(?:Jr\.?|Sr\.?|I{2,3})$", "", full).split()
    if "," in full or len(words) < 2 or words[0] in _TITLE_WORDS or (words[0].isupper() and len(words[0]) > 2) \
            or not all(w[:1].isupper() or w in {"de", "van", "von", "da", "la"} for w in words):
        return [full]
    surname = words[-1]
    given = [w for w in words[:-1]]
    initials = [w[0] + "." for w in given if w[0].isalpha()]
    forms = [full, surname, "".join(initials) + " " + surname, " ".join(initials) + " " + surname,
             given[0] + " " + surname, initials[0] + " " + surname]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def inverted(name: str) -> str:
    """'Kennedy, John F.' -> 'John F. Kennedy'; 'Chiang Kai-shek, Generalissimo' stays as the volume has it."""
    if "," not in name:
        return name
    surname, _, given = name.partition(",")
    given = re.sub(r"\((?:Lord|Lady)\)|\bJr\.?|\bSr\.?", "", given).strip(" ,")
    if not given or given in {"Generalissimo", "Prince", "Prince Norodom"}:
        return surname.strip()
    return f"{given} {surname.strip()}"


# Posts from a FRUS persons-list description ----------------------------------------------------------------------

def posts_of_description(text: str) -> list[Post]:
    """'Ambassador to the Soviet Union until July 1962; Ambassador at Large from October 1962' -> two posts."""
    posts: list[Post] = []
    for part in re.split(r";\s*|,\s*(?=thereafter\b)", text):
        part = re.sub(r"^(?:and\s+)?thereafter\s+|^after\s+\w+\s+\d{4},\s*", "", part.strip())
        start = end = None
        if m := re.search(r"\s+until\s+(.+)$", part):
            dates = find_dates(m.group(1))
            end = dates[0].iso if dates else None
            part = part[: m.start()]
        if m := re.search(r"\s+from\s+(.+)$", part):
            dates = find_dates(m.group(1))
            start = dates[0].iso if dates else None
            part = part[: m.start()]
        if m := re.search(r"\s+(?P<a>[A-Z][a-z]+)-(?P<b>[A-Z][a-z]+ \d{4})$", part):
            b = find_dates(m.group("b"))
            a = find_dates(f"{m.group('a')} {m.group('b')[-4:]}")
            start, end = (a[0].iso if a else None), (b[0].iso if b else None)
            part = part[: m.start()]
        if posts and start is None and posts[-1].end:
            start = posts[-1].end  # 'thereafter': from when the last post ended
        if part:
            posts.append(Post(part.strip(" ."), start, end))
    return posts


# Loading ---------------------------------------------------------------------------------------------------------

def _curated(raw: dict[str, Any]) -> Entity:
    entity = Entity(id=raw["id"], kind=raw["kind"], name=raw["name"], variants=list(raw.get("variants", [])),
                    aliases=[Alias(a["name"], a.get("from"), a.get("to"), a.get("note")) for a in raw.get("aliases", [])],
                    posts=[Post(p["title"], p.get("from"), p.get("to")) for p in raw.get("posts", [])],
                    xrefs=list(raw.get("xrefs", [])), sources=[raw.get("source", "curated")])
    entity.listed = frozenset([entity.name, *entity.variants])
    return entity


def _generate_variants(entity: Entity) -> None:
    """Add the spellings nobody should have to list: short forms of full names, transliterations of Cyrillic."""
    generated: list[str] = []
    for name in entity.all_names():
        if entity.kind == "person" and not re.search(r"[А-Яа-я]", name):
            generated += name_forms(name)
        if re.search(r"[А-Яа-я]", name) and len(name.split()) <= 3:
            generated += latin_variants(name)
    for alias in entity.aliases:
        if re.search(r"[А-Яа-я]", alias.name):
            continue
    entity.variants = list(dict.fromkeys(v for v in [*entity.variants, *generated] if v != entity.name))


def _same_person(entity: Entity, surname: str, given: str) -> bool:
    key = spelling_key(surname)
    if not any(spelling_key(n.split()[-1]) == key for n in entity.all_names() if n.split()):
        return False
    first = spelling_key(given)[:1]  # Conrad and Konrad Adenauer are one man
    return not first or any(spelling_key(n)[:1] == first for n in entity.all_names() if len(n.split()) > 1)


def _merge_persons_list(entities: dict[str, Entity], raw: dict[str, Any], source: str) -> None:
    prefix = raw.get("entity_id_prefix", "")
    for person in raw["persons"]:
        written = person["name"]
        surname, _, given = written.partition(",")
        if not given and " " in surname.strip():  # 'Bolshakov Georgi N.' printed without its comma
            surname, _, given = surname.strip().partition(" ")
        full = inverted(f"{surname.strip()}, {given.strip()}" if given else surname)
        posts = posts_of_description(person.get("description") or "")
        xref = prefix + person["id"]
        people = (e for e in entities.values() if e.kind == "person")
        match = next((e for e in people if _same_person(e, surname.strip(), given.strip())), None)
        if match is None:
            slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(f"{surname} {given}").lower()).strip("-") or person["id"].lower()
            match = entities.setdefault(slug, Entity(id=slug, kind="person", name=full))
        match.variants += [v for v in (full, written) if v not in match.all_names()]
        match.posts += [p for p in posts if p.title not in {q.title for q in match.posts}]
        match.xrefs.append(xref)
        match.sources.append(source)


def _data_files(extra: Path | None) -> list[tuple[str, str]]:
    files = [(p.name, p.read_text("utf-8")) for p in resources.files("cablegram.entities").joinpath("data").iterdir()
             if p.name.endswith(".json")]
    if extra and extra.is_dir():
        files += [(str(p), p.read_text("utf-8")) for p in sorted(extra.glob("*.json"))]
    return sorted(files, key=lambda f: (not f[0].endswith("authority.json"), f[0]))


def load_authority(extra: Path | None = None) -> Authority:
    """The authority file that ships with cablegram, plus a user's files in ``extra`` (by default the folder
    that CABLEGRAM_AUTHORITY names; the CLI sets it to the archive's ``authority/`` folder when there is one)."""
    if extra is None and os.environ.get("CABLEGRAM_AUTHORITY"):
        extra = Path(os.environ["CABLEGRAM_AUTHORITY"])
    return _load(extra)


@lru_cache(maxsize=4)
def _load(extra: Path | None) -> Authority:
    entities: dict[str, Entity] = {}
    for name, text in _data_files(extra):
        raw = json.loads(text)
        if "persons" in raw:
            _merge_persons_list(entities, raw, name)
        for item in raw.get("entities", []):
            entity = _curated(item)
            entities[entity.id] = entity
    for entity in entities.values():
        _generate_variants(entity)
    xrefs = {x: e.id for e in entities.values() for x in e.xrefs}
    return Authority(entities, xrefs)
