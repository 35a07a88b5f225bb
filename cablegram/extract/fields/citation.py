"""A citation printed with a record: title, date, publisher, archive, how the copy travelled, translator, URL.

'"Cable from ...", October 28, 1962, Wilson Center Digital Archive, Archive of Foreign Policy, Russian
Federation (AVP RF), Moscow; copy obtained by NHK (Japanese Television), provided to CWIHP, and on file at
National Security Archive, Washington, D.C.; translation by Vladimir Zaemsky. https://.../document/111985'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cablegram.values.dates import parse_date

_URL = re.compile(r"https?://\S+[^\s.,;)]")
_QUOTED_TITLE = re.compile(r"^\s*[\"“](?P<title>.+?)[\"”]\s*,?\s*")
_TRANSLATOR = re.compile(r"\b(?:translat(?:ion|ed)\s+(?:from\s+\w+\s+)?by|translator:?)\s+(?P<name>[^.;]+?)\s*(?:[.;]|$)",
                         re.I)
# verbs that begin a step of the custody chain
_CHAIN_STEP = re.compile(r"(?:^|,\s*(?:and\s+)?|;\s*)(?=(?:copy\s+)?(?:obtained|provided|donated|on\s+file|"
                         r"deposited|received|transferred|acquired|published|released|declassified|courtesy)\b)",
                         re.I)
ARCHIVE_WORDS = re.compile(r"\b(?:Archiv\w*|Library|Collection|Records|Papers|Fond|Center|Centre|AVP|RGANI|"
                           r"APRF|TsKhSD|GARF|NARA|Museum)\b", re.I)


@dataclass
class Citation:
    text: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    archive: str | None = None
    chain: list[str] = field(default_factory=list)
    translator: str | None = None
    url: str | None = None


def parse_citation(text: str) -> Citation:
    text = " ".join(text.split())
    out = Citation(text=text)
    url = _URL.search(text)
    if url:
        out.url = url.group(0)
        text = (text[: url.start()] + text[url.end():]).strip()
    translator = _TRANSLATOR.search(text)
    if translator:
        out.translator = translator.group("name").strip()
        text = (text[: translator.start()] + text[translator.end():]).strip()
    title = _QUOTED_TITLE.match(text)
    if title:
        out.title = title.group("title").strip().rstrip(",")
        text = text[title.end():]
    segments = [s.strip(" .,") for s in text.split(";") if s.strip(" .,")]
    if not segments:
        return out
    head = segments[0]
    date = parse_date(head)
    if date and head.find(date.as_written) <= 2:
        out.date = date.iso
        head = head[head.find(date.as_written) + len(date.as_written):].strip(" ,")
    # 'Publisher, Archive, Place': the publisher is the first item, the archive the rest
    first, _, rest = head.partition(",")
    if (rest and not ARCHIVE_WORDS.search(first)) or (rest and ARCHIVE_WORDS.search(rest)):
        out.publisher, out.archive = first.strip(), rest.strip() or None
    elif ARCHIVE_WORDS.search(head):
        out.archive = head
    else:
        out.publisher = head or None
    for segment in segments[1:]:
        steps = [_trim(s) for s in _CHAIN_STEP.split(segment) if s.strip(" ,.")]
        out.chain += [re.sub(r"^and\s+", "", s) for s in steps]
    return out


def _trim(text: str) -> str:
    """Strip separators, keeping the period of an abbreviation such as 'D.C.'."""
    text = text.strip(" ,")
    return text if re.search(r"\b[A-Z]\.$", text) else text.rstrip(".")
