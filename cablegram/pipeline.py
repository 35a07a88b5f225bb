"""The whole flow for a file: read, extract. Ingest into an archive lives in ingest.py."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cablegram.extract import extract_text
from cablegram.extract.series import date_by_neighbours
from cablegram.read import read_file
from cablegram.record import Record


def extract_file(path: Path) -> list[Record]:
    """Every Record a file holds; raises a CablegramError with a reason when it cannot be read."""
    records = extract_text(read_file(path))
    if len(records) == 1:
        date_by_neighbours(records[0], path, _own_date)
    return records


def _own_date(path: Path) -> str | None:
    """The date a file's document gives itself (a neighbour's, for dating an undated document)."""
    stat = path.stat()
    return _date_of_file(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _date_of_file(path: Path, mtime: int, size: int) -> str | None:
    """Read once per version of the file: neighbours of several undated documents are asked more than once."""
    records = extract_text(read_file(path))
    return records[0].date if len(records) == 1 else None
