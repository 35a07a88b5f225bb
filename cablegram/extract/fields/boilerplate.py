"""Page furniture that is not the document: blog author bios, comment forms, share buttons.

A blog post saved as text ends with "Published by NAME", the author's bio, "Leave a Reply" and a
comment form. Everything from the first such line on is furniture; the author's name is kept,
since on a translator's blog the author is the translator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that starts the furniture at the end of a page.
TAIL_START = re.compile(
    r"^\s*(?:Published\s+by|Posted\s+by|Written\s+by|Author:|About\s+the\s+author|Leave\s+a\s+(?:Reply|comment)|"
    r"Share\s+this:?|Like\s+this:?|Related(?:\s+posts?)?:?$|%d\s+bloggers\s+like\s+this|Fill\s+in\s+your\s+details|"
    r"Post\s+navigation|Previous\s+(?:Post|article)|Next\s+(?:Post|article)|Subscribe\b|Comments?\s*\(\d+\)|"
    r"\d+\s+(?:Comments?|Responses?)\b|You\s+are\s+commenting\s+using|Tags?:|Categories:|Filed\s+under)", re.I)
# Lines that are furniture wherever they stand.
FURNITURE_LINE = re.compile(
    r"^\s*(?:Share\s+this:?|Click\s+to\s+(?:share|print|email)|Like\s+Loading\.*|Loading\.*|Tweet|Email|Print|"
    r"Facebook|Twitter|LinkedIn|Reddit|Pinterest|WhatsApp|Telegram\s*$|Skip\s+to\s+content|Menu|Search(?:\s+for:)?|"
    r"Advertisements|Report\s+this\s+ad|Privacy\s*&\s*Cookies.*|Powered\s+by\s+WordPress.*|Blog\s+at\s+WordPress\.com\.?|"
    r"Create\s+a\s+free\s+website.*|Follow\s+Following|Sign\s+me\s+up|Already\s+have\s+a\s+WordPress\.com\s+account.*)\s*$",
    re.I)
_BYLINE = re.compile(r"^\s*(?:Published|Posted|Written)\s+by\s+(?P<name>.+?)\s*$", re.I)


@dataclass
class Furniture:
    """What the furniture told us: the page author and their bio."""

    author: str | None = None
    bio: str = ""


def strip_furniture(text: str) -> tuple[str, Furniture]:
    """Return the text without page furniture, and what the furniture said about the author."""
    lines = text.split("\n")
    found = Furniture()
    cut = len(lines)
    # the tail starts at the first furniture line in the last part of the page
    for i, line in enumerate(lines):
        if i >= len(lines) * 0.3 and TAIL_START.match(line):
            cut = i
            break
    tail = lines[cut:]
    for j, line in enumerate(tail):
        byline = _BYLINE.match(line)
        if byline and found.author is None:
            found.author = byline.group("name")
            bio = []
            for following in tail[j + 1:]:
                if TAIL_START.match(following):
                    break
                bio.append(following)
            found.bio = "\n".join(bio).strip()
    kept = [line for line in lines[:cut] if not FURNITURE_LINE.match(line)]
    return "\n".join(kept).rstrip() + "\n", found


def is_translator_bio(bio: str) -> bool:
    return bool(re.search(r"\btranslat(?:or|ion|e|ing)\b", bio, re.I))
