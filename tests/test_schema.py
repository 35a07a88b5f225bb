"""Every Record cablegram makes from the test documents is valid against record.schema.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cablegram.pipeline import extract_file
from tests.conftest import DOCUMENTS

FILES = sorted(p for p in DOCUMENTS.rglob("*") if p.suffix in {".txt", ".html", ".htm"})


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DOCUMENTS)) for p in FILES])
def test_record_is_valid(path: Path, schema: dict[str, Any]) -> None:
    for record in extract_file(path):
        data = record.to_dict()
        jsonschema.validate(data, schema)
        for part in data["parts"]:
            jsonschema.validate(part, schema)


def test_schema_rejects_what_it_should(schema: dict[str, Any]) -> None:
    """The check above can fail: a Record with a date the schema forbids is refused."""
    record = extract_file(DOCUMENTS / "seeds" / "000_95bb0fc191ff6699.txt")[0].to_dict()
    record["date"] = "28/X/62"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
