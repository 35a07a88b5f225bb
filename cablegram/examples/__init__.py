"""The example documents bundled with cablegram, for `cablegram demo` (see documents/PROVENANCE.md)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def example_paths() -> list[Path]:
    """The folder of bundled example documents."""
    return [Path(str(resources.files("cablegram.examples").joinpath("documents")))]
