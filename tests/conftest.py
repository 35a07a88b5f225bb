from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).parent
DOCUMENTS = TESTS / "documents"
SEEDS = DOCUMENTS / "seeds"
sys.path.insert(0, str(TESTS / "tools"))


def seed_golds() -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((SEEDS / "gold").glob("*.json"))]


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    from importlib import resources

    return json.loads(resources.files("cablegram.schema").joinpath("record.schema.json").read_text())
