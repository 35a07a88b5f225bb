"""The whole flow for a file: read, extract. Ingest into an archive lives in ingest.py."""

from __future__ import annotations

from pathlib import Path

from cablegram.extract import extract_text
from cablegram.read import read_file
from cablegram.record import Record


def extract_file(path: Path) -> list[Record]:
    """Every Record a file holds; raises a CablegramError with a reason when it cannot be read."""
    return extract_text(read_file(path))
