"""Undated documents in a numbered series, dated by their neighbours.

Documentary editions are printed in chronological order, and their editors place a document whose dateline
says "undated" where it belongs: FRUS marks such dates "inferred from document content and sibling dates" and
gives the range from the document before to the document after. cablegram does the same when a file's name
numbers it within a series (``frus1961-63v06_d30.txt`` after ``..._d29.txt``) and its dateline says it is
undated: the date becomes that of the nearest dated document before it, flagged ``date_inferred``, with an
editorial note naming both neighbours. Nothing is inferred when the neighbours are out of date order (the
series is not chronological) or when no neighbour within a few numbers carries a date.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from cablegram.errors import CablegramError
from cablegram.record import Note, Record

_NUMBERED = re.compile(r"^(?P<prefix>.*?\D)?(?P<n>\d+)$")
# the dateline of an undated document: 'Moscow, undated.', '[Washington, undated]', 'Undated', 'Без даты'
_UNDATED = re.compile(r"^\W*(?:[^\W\d][\w.' -]{0,40},\s*)?(?i:undated|n\.\s?d\.|без\s+даты)\W*$", re.MULTILINE)
_REACH = 3  # neighbours looked at on each side

DateOf = Callable[[Path], "str | None"]


def says_undated(record: Record) -> bool:
    """Whether the document's own dateline says it bears no date (not merely that none was found)."""
    head = "\n".join(record.body.split("\n")[:8])
    return record.doc_type != "editorial_note" and bool(_UNDATED.search(head))


def date_by_neighbours(record: Record, path: Path, date_of: DateOf) -> None:
    """Date ``record`` (read from ``path``) by the dated documents around it in its series, when it says undated.

    A date its source note gives is kept ('made the oral statement on September 13'), except the day it was sent
    or handed over, which only says it was written no later: the series then says from when.
    """
    if not says_undated(record):
        return
    upper: str | None = getattr(record, "date_not_after", None)
    if record.date and not (getattr(record, "date_inferred", False) and upper):
        return
    before = _nearest_dated(_neighbours(path, -1), date_of)
    after = _nearest_dated(_neighbours(path, +1), date_of)
    if before is None:
        return
    bounds = [d for d in (upper, after[1] if after else None) if d]
    if bounds and min(bounds) < before[1]:
        return  # a series not in date order, or a source note against it: no place to read a date from
    record.date, record.date_inferred = before[1], True  # type: ignore[attr-defined]
    record.date_not_before = record.date  # type: ignore[attr-defined]
    if bounds:
        record.date_not_after = min(bounds)  # type: ignore[attr-defined]
    between = f"after {before[0]} ({before[1]})" + (f" and before {after[0]} ({after[1]})" if after else "")
    record.notes.append(Note(kind="editorial_note", text=f"Undated; dated by its place in the series: {between}."))


def _nearest_dated(paths: Iterator[Path], date_of: DateOf) -> tuple[str, str] | None:
    """(file stem, day) of the first of ``paths`` whose document is dated."""
    for path in paths:
        try:
            date = date_of(path)
        except (CablegramError, OSError):  # unreadable, or gone since the folder was listed
            continue
        if date:
            return path.stem, date[:10]
    return None


def _neighbours(path: Path, step: int) -> Iterator[Path]:
    """The files numbered next to ``path`` in its folder, nearest first, in the direction of ``step``."""
    m = _NUMBERED.match(path.stem)
    if not m:
        return
    prefix, n = m.group("prefix") or "", int(m.group("n"))
    try:
        numbered = _series(path.parent, prefix, path.suffix, path.parent.stat().st_mtime_ns)
    except OSError:
        return
    for k in range(1, _REACH + 1):
        if (neighbour := numbered.get(n + step * k)) is not None:
            yield neighbour


@lru_cache(maxsize=64)
def _series(folder: Path, prefix: str, suffix: str, mtime: int) -> dict[int, Path]:
    """The numbered files of a series in ``folder``; ``mtime`` keys the cache to the folder's contents."""
    found: dict[int, Path] = {}
    for p in folder.glob(f"{glob.escape(prefix)}*{glob.escape(suffix)}"):
        m = _NUMBERED.match(p.stem)
        if m and (m.group("prefix") or "") == prefix and p.suffix == suffix:
            found[int(m.group("n"))] = p
    return found
