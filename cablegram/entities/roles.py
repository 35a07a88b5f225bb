"""Who held a post on a day: 'SOVIET AMBASSADOR' in 'HAVANA' on 28 October 1962 is Aleksandr Alekseev.

A role as documents write it ('USSR Ambassador to Cuba', 'the Soviet Ambassador in Havana', 'SOVIET AMBASSADOR'
under 'HAVANA') and a post as the authority file has it ('Soviet Ambassador to Cuba') are reduced to the same
words: the office, the country it serves, the country it is held in (a capital stands for its country).
"""

from __future__ import annotations

import re

from cablegram.entities.authority import Authority, load_authority

COUNTRY = {
    "soviet": "ussr", "ussr": "ussr", "russian": "ussr", "soviet union": "ussr", "moscow": "ussr", "советский": "ussr",
    "us": "usa", "u.s.": "usa", "american": "usa", "united states": "usa", "usa": "usa", "washington": "usa",
    "cuba": "cuba", "cuban": "cuba", "havana": "cuba", "гавана": "cuba", "куба": "cuba",
    "united kingdom": "uk", "british": "uk", "london": "uk", "france": "france", "french": "france", "paris": "france",
    "united nations": "un", "un": "un", "new york": "un", "turkey": "turkey", "ankara": "turkey",
    "germany": "germany", "bonn": "germany", "berlin": "berlin",
}
OFFICES = ["ambassador", "charge d'affaires", "foreign minister", "minister of foreign affairs", "secretary of state",
           "secretary of defense", "attorney general", "secretary-general", "prime minister", "president", "premier",
           "chairman", "permanent representative", "commander", "resident", "consul", "посол"]
US_OFFICES = {"secretary of state", "secretary of defense", "attorney general"}  # titles only Washington used
_DEPUTY = re.compile(r"\b(?:first\s+deputy|deputy|vice|assistant|under|acting|special\s+assistant\s+to\s+the)\s*$")
_ALIASES = {"minister of foreign affairs": "foreign minister", "посол": "ambassador", "premier": "chairman"}


def _country_in(text: str) -> str | None:
    hits = [(m.start(), c) for name, c in COUNTRY.items()
            if (m := re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text))]
    return min(hits)[1] if hits else None


def role_parts(role: str, place: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(office, the country it serves, the country it is held in):
    'USSR Ambassador to Cuba' and 'SOVIET AMBASSADOR' in 'HAVANA' -> ('ambassador', 'ussr', 'cuba')."""
    text = role.lower().replace("’", "'")
    found = [(m.start(), m.end(), o) for o in OFFICES if (m := re.search(rf"\b{re.escape(o)}\b", text))]
    if not found:
        return None, None, None
    start, end, office = min(found)
    office = _ALIASES.get(office, office)
    if _DEPUTY.search(text[:start]):
        office = "deputy " + office  # a deputy foreign minister is not the foreign minister
    sending = _country_in(text[:start]) or ("usa" if office in US_OFFICES else None)
    host = _country_in(text[end:]) or (_country_in(place.lower()) if place else None)
    return office, sending, host


def resolve_role(role: str, place: str | None, date: str | None, authority: Authority | None = None) -> str | None:
    """The one entity that held the office a role names on ``date``; None when none or several fit."""
    if not date:
        return None
    office, sending, host = role_parts(role, place)
    if office is None or not (sending or host):
        return None
    authority = authority or load_authority()
    holders = set()
    for entity in authority.entities.values():
        for post in entity.posts:
            post_office, post_sending, post_host = role_parts(post.title)
            if post_office != office or not (post.start and post.holds_on(date)):
                continue
            if (sending and post_sending and sending != post_sending) or (host and post_host and host != post_host):
                continue
            if (host and post_host) or (sending and post_sending and not host):
                holders.add(entity.id)
    return holders.pop() if len(holders) == 1 else None
