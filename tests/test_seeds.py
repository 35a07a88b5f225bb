"""The two seed documents read exactly as their gold says, field by field and check by check."""

from __future__ import annotations

from typing import Any

import pytest
from check_gold import run_checks
from score_records import field_ok, gold_expectations

from cablegram.pipeline import extract_file
from tests.conftest import SEEDS, seed_golds

GOLDS = seed_golds()


def record_for(gold: dict[str, Any]) -> dict[str, Any]:
    records = extract_file(SEEDS / gold["source"])
    assert len(records) == 1
    return records[0].to_dict()


@pytest.mark.parametrize("gold", GOLDS, ids=[g["source"] for g in GOLDS])
def test_every_expected_field_scores(gold: dict[str, Any]) -> None:
    record = record_for(gold)
    missed = {f: v for f, v in gold_expectations(gold).items() if not field_ok(f, v, record)}
    assert missed == {}


@pytest.mark.parametrize("gold", GOLDS, ids=[g["source"] for g in GOLDS])
def test_every_gold_check_passes(gold: dict[str, Any]) -> None:
    failed = [name for name, ok in run_checks(gold["checks"], record_for(gold)) if not ok]
    assert failed == []


def test_wilson_center_record_fields_exactly() -> None:
    gold = next(g for g in GOLDS if g["source"].startswith("000"))
    record, expect = record_for(gold), gold["expect"]
    assert record["title"] == expect["title"]
    assert record["date"] == expect["date"]
    assert record["from"][0]["name"] == expect["from"][0]["name"]
    assert record["from"][0]["role"] == expect["from"][0]["role"]
    assert record["to"][0]["name"] == expect["to"][0]["name"]
    assert record["translator"] == expect["translator"]
    assert record["summary"] == expect["summary"]
    for key, value in expect["provenance"].items():
        assert record["provenance"][key] == value
    assert {"scheme": "wilson_center", "value": "111985"} in record["identifiers"]
    assert record["signed"]["date_as_written"] == gold["checks"]["signed"]["date_as_written"]


def test_protocol_extract_fields_exactly() -> None:
    gold = next(g for g in GOLDS if g["source"].startswith("003"))
    record, expect = record_for(gold), gold["expect"]
    assert record["title"] == expect["title"]
    assert record["series_title"] == expect["series_title"]
    assert [p["name"] for p in record["to"]] == [p["name"] for p in expect["to"]]
    assert record["from"][0]["name"] == expect["from"][0]["name"]
    assert record["markings"]["classification"] == expect["markings"]["classification"]
    assert record["markings"]["handling"] == expect["markings"]["handling"]
    assert expect["identifiers"][0] in record["identifiers"]
    assert record["translator"] == expect["translator"]


def test_attachment_is_addressed_to_the_ambassador_in_havana() -> None:
    gold = next(g for g in GOLDS if g["source"].startswith("003"))
    [part] = record_for(gold)["parts"]
    assert part["doc_type"] == "instructions"
    assert part["title"].startswith("Instructions to the Soviet Embassy in Cuba")
    assert part["to"][0]["name"] == "SOVIET AMBASSADOR" and part["to"][0]["place"] == "HAVANA"
    assert "special_folder" in part["markings"]["handling"]


def test_cover_name_pavlov_resolves_to_pliyev_in_october_1962() -> None:
    gold = next(g for g in GOLDS if g["source"].startswith("003"))
    pavlov = [m for m in record_for(gold)["mentions"] if m["text"] == "Pavlov"]
    assert pavlov and pavlov[0]["entity_id"] == "pliyev-issa"


def test_mention_offsets_point_into_the_body() -> None:
    for gold in GOLDS:
        record = record_for(gold)
        for mention in record["mentions"]:
            assert record["body"][mention["start"]:mention["end"]] == mention["text"]
