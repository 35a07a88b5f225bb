"""The authority file: people, organisations and places with their name variants, aliases and posts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Alias:
    """A cover name or other name used for a period: 'Pavlov' for Pliyev in 1962."""

    name: str
    start: str | None = None
    end: str | None = None
    note: str | None = None

    def holds_on(self, date: str | None) -> bool:
        if not date:
            return True
        return (self.start is None or date[: len(self.start)] >= self.start) and (
            self.end is None or date[: len(self.end)] <= self.end)


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    variants: tuple[str, ...] = ()
    aliases: tuple[Alias, ...] = ()
    posts: tuple[dict[str, Any], ...] = field(default=())


@dataclass
class Authority:
    entities: dict[str, Entity]

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)


def _entity(raw: dict[str, Any]) -> Entity:
    return Entity(
        id=raw["id"], kind=raw["kind"], name=raw["name"], variants=tuple(raw.get("variants", [])),
        aliases=tuple(Alias(a["name"], a.get("from"), a.get("to"), a.get("note")) for a in raw.get("aliases", [])),
        posts=tuple(raw.get("posts", [])))


@lru_cache(maxsize=1)
def load_authority() -> Authority:
    """The authority file that ships with cablegram."""
    raw = json.loads(resources.files("cablegram.entities").joinpath("data/authority.json").read_text("utf-8"))
    return Authority({e["id"]: _entity(e) for e in raw["entities"]})
