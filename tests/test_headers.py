"""Header grammars on real documents: US telegrams and their source notes, Soviet cipher telegrams, letters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from score_records import field_ok, gold_expectations

from cablegram.extract.fields.cable_header import CableFields, read_cable_line
from cablegram.extract.fields.source_note import parse_source_note
from cablegram.pipeline import extract_file
from tests.conftest import DOCUMENTS

FRUS = DOCUMENTS / "frus-text"
SERIES = DOCUMENTS / "frus-series"
CABLES = DOCUMENTS / "soviet-cables"
GOLDS = sorted(FRUS.glob("*.json"))


def record(path: Path) -> dict[str, Any]:
    return extract_file(path)[0].to_dict()


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.stem for p in GOLDS])
def test_frus_plain_text_matches_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text())
    got = record(FRUS / gold["source"])
    expect = gold_expectations(gold)
    if gold.get("date_inferred"):
        expect.pop("date")  # the editors' date for an undated document is not in its text
    assert {f: v for f, v in expect.items() if not field_ok(f, v, got)} == {}


def test_us_telegram_dateline_time_is_the_sent_time() -> None:
    got = record(FRUS / "frus1961-63v06_d103.txt")
    assert got["date"] == "1963-05-19T11:15" and got["sent"] == "1963-05-19T11:15"
    assert got["place"] == "Washington"
    assert {"scheme": "cable_number", "value": "2508"} in got["identifiers"]
    assert got["markings"]["precedence"] == "priority"


def test_source_note_is_a_note_not_text() -> None:
    got = record(FRUS / "frus1961-63v06_d61.txt")
    assert "Source:" not in got["body"]
    source = [n for n in got["notes"] if n["kind"] == "source_note"]
    assert source and source[0]["text"].startswith("Kennedy Library, National Security Files")
    assert got["markings"]["as_written"] == ["Secret; Eyes Only; Niact; Elite"]
    assert got["markings"]["precedence"] == "niact"
    gold = json.loads((FRUS / "frus1961-63v06_d61.json").read_text())
    footnotes = [n["label"] for n in got["notes"] if n["kind"] == "footnote"]
    assert footnotes == [str(i) for i in range(1, gold["footnote_count"] + 1)]


def test_repeated_to_becomes_distribution() -> None:
    note = parse_source_note("Source: Department of State, Presidential Correspondence: Lot 66 D 204. Secret; Priority; "
                             "Verbatim Text; Eyes Only. Drafted by Davis. Repeated to Tokyo, London, Geneva, and Paris.")
    assert [p.name for p in note.repeated_to] == ["Tokyo", "London", "Geneva", "Paris"]
    assert note.markings == ["Secret; Priority; Verbatim Text; Eyes Only"]
    assert note.archive == "Department of State, Presidential Correspondence: Lot 66 D 204"


def test_an_undated_document_is_dated_by_its_source_note_and_flagged() -> None:
    got = record(FRUS / "frus1961-63v06_d117.txt")
    gold = json.loads((FRUS / "frus1961-63v06_d117.json").read_text())
    assert got["date"] == gold["date"] and got["date_inferred"] is True


@pytest.mark.parametrize("number", [30, 49, 98])
def test_an_undated_document_is_dated_by_its_place_in_the_series(number: int) -> None:
    """The editors dated these 'from document content and sibling dates'; the gold date is theirs, from the TEI."""
    got = record(SERIES / f"frus1961-63v06_d{number}.txt")
    gold = json.loads((SERIES / f"frus1961-63v06_d{number}.json").read_text())
    before = json.loads((SERIES / f"frus1961-63v06_d{number - 1}.json").read_text())["date"]
    after = json.loads((SERIES / f"frus1961-63v06_d{number + 1}.json").read_text())["date"]
    assert (got["date"], got["date_inferred"]) == (gold["date"], True)
    assert got["date_not_before"] == before[:10] and got["date_not_after"] <= after[:10]
    assert any(n["kind"] == "editorial_note" and f"d{number - 1}" in n["text"] for n in got["notes"])


def test_the_day_an_undated_message_was_delivered_bounds_it_and_the_series_dates_it() -> None:
    got = record(SERIES / "frus1961-63v06_d49.txt")  # 'when he delivered the message to the White House on July 5'
    assert (got["date"], got["date_not_after"]) == ("1962-07-04", "1962-07-05")


def test_a_date_the_source_note_gives_outranks_the_series() -> None:
    got = record(SERIES / "frus1961-63v06_d117.txt")  # 'made the oral statement to Dobrynin on September 13'
    gold = json.loads((SERIES / "frus1961-63v06_d117.json").read_text())
    assert got["date"] == gold["date"] and "date_not_before" not in got


def test_no_date_from_a_series_out_of_date_order_or_a_file_not_numbered(tmp_path: Path) -> None:
    for name, source in [("a_1.txt", "d29"), ("a_2.txt", "d30"), ("a_3.txt", "d15"), ("letter.txt", "d30")]:
        (tmp_path / name).write_text((SERIES / f"frus1961-63v06_{source}.txt").read_text())
    # a_3 (May 1961) after a_1 (December 1961): the folder is not in date order
    assert record(tmp_path / "a_2.txt")["date"] is None
    assert record(tmp_path / "letter.txt")["date"] is None
    (tmp_path / "a_3.txt").unlink()
    assert record(tmp_path / "a_2.txt")["date"] == "1961-12-30"


def test_a_dated_document_is_never_redated_by_its_neighbours() -> None:
    gold = json.loads((SERIES / "frus1961-63v06_d31.json").read_text())
    assert record(SERIES / "frus1961-63v06_d31.txt")["date"][:10] == gold["date"][:10]


@pytest.mark.parametrize(("name", "expect"), [
    ("no13_page_0077.txt", {"date": "1963-11-22", "special_number": "1969", "from": "A.F. Dobrynin",
                            "role": "USSR Ambassador to USA", "to": "USSR MFA", "copy": "12", "signed": "A. DOBRYNIN",
                            "archive": "RGANI. F. 3. Op. 66. D. 471. L. 5 - 6"}),
    ("no21_page_0087.txt", {"date": "1963-11-23", "special_number": "1977", "from": "A.F. Dobrynin",
                            "role": "USSR Ambassador to USA", "to": "USSR MFA", "copy": "12", "signed": "A. Dobrynin",
                            "archive": "RGANI. F. 3. Op. 66. D. 328. L. 104"}),
    ("no9_page_0056.txt", {"date": "1963-10-22", "special_number": "1754-1765", "from": "A.F. Dobrynin",
                           "role": "USSR Ambassador to USA", "to": "CC CPSU", "copy": None, "signed": None,
                           "archive": None}),
])
def test_soviet_cipher_telegram_headers(name: str, expect: dict[str, Any]) -> None:
    got = record(CABLES / name)
    assert got["doc_type"] == "telegram"
    assert got["date"] == expect["date"]
    assert got["place"] == "Washington"
    assert {"scheme": "special_number", "value": expect["special_number"]} in got["identifiers"]
    assert got["from"][0]["name"] == expect["from"] and got["from"][0]["role"] == expect["role"]
    assert [p["name"] for p in got["to"]] == [expect["to"]]
    assert got["markings"]["classification"] == "top_secret"
    assert got["markings"]["copy_number"] == expect["copy"]
    assert (got["signed"] or {}).get("name") == expect["signed"]
    assert got["provenance"]["archive"] == expect["archive"]
    assert not got["body"].startswith("No.")  # the publication's number and heading are not the cable's text
    assert "RGANI" not in got["body"]


def test_kgb_cable_number_and_page_furniture() -> None:
    got = record(CABLES / "no23_page_0088.txt")
    assert {"scheme": "cable_number", "value": "1023"} in got["identifiers"]
    assert got["from"][0]["name"] == "KGB resident in Washington"
    assert got["markings"]["copy_number"] == "1"
    assert not got["body"].rstrip().endswith("84")
    assert any("stamp" in n["text"] for n in got["notes"])


def test_labelled_cable_header_lines() -> None:
    fields = CableFields()
    for line in ["From: Washington No. 49201 Time: 6:40 Date: 27/X/1962", "Special No. 1664-1665", "6148 27/X/62",
                 "Rec'd: October 28, 1962, 4:17 a.m.", "Repeated to: London, Paris and USUN", "To our No. 1967"]:
        assert read_cable_line(line, fields), line
    assert fields.sender_place == "Washington"
    assert fields.date is not None and fields.date.iso == "1962-10-27T06:40"
    assert ("cable_number", "49201") in fields.identifiers and ("cable_number", "6148") in fields.identifiers
    assert ("special_number", "1664-1665") in fields.identifiers
    assert fields.received_text == "October 28, 1962, 4:17 a.m."
    assert [p.name for p in fields.distribution] == ["London", "Paris", "USUN"]
    assert fields.replies_to == ["To our No. 1967"]
    assert not read_cable_line("The Ambassador received me at 6:40.", CableFields())


def test_from_a_place_in_capitals_and_a_distribution_list_in_a_translators_note() -> None:
    from cablegram.extract.fields.cable_header import distribution_in_note

    fields = CableFields()
    assert read_cable_line("From WASHINGTON   Special No. 1664-1665", fields)
    assert fields.sender_place == "WASHINGTON" and ("special_number", "1664-1665") in fields.identifiers
    names = [p.name for p in distribution_in_note("Distribution: Khrushchev, Kozlov, Brezhnev, Kosygin")]
    assert names == ["Khrushchev", "Kozlov", "Brezhnev", "Kosygin"]


def test_memorandum_for_the_president() -> None:
    from cablegram.extract.fields.header import parse_header

    head = parse_header(["MEMORANDUM FOR THE PRESIDENT", "", "FROM: McGeorge Bundy",
                         "SUBJECT: Khrushchev letter of October 26", "", "TOP SECRET", "",
                         "The letter received last night is the most important we have had from him, and it deserves care."])
    assert head.title == "MEMORANDUM FOR THE PRESIDENT"
    assert [p.name for p in head.to] == ["President"]
    assert head.cable.sender_place == "McGeorge Bundy"  # the generic layout makes a non-place 'from' the sender
    assert head.cable.subject == "Khrushchev letter of October 26"
    assert head.markings.to_dict()["classification"] == "top_secret"
