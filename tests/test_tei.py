"""FRUS volumes in TEI, read from the markup: every document of a real volume against the gold made from it.

The excerpt (tests/documents/frus/, see its PROVENANCE.md) keeps 26 whole documents chosen for the volume's
quirks, with their gold copied verbatim; the whole volume is the copy bundled for the demo.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from score_records import doc_type_norm

from cablegram.errors import UnreadableFile, UnsupportedFormat
from cablegram.extract import choose_layout
from cablegram.extract.frus_tei import persons_of_volume
from cablegram.ingest import ingest
from cablegram.pipeline import extract_file
from cablegram.read import read_file
from cablegram.read.tei import TEIText
from cablegram.record import Record
from cablegram.store import Archive
from tests.conftest import DOCUMENTS

FRUS = DOCUMENTS / "frus"
EXCERPT = FRUS / "frus1961-63v06-excerpt.xml"
VOLUME = Path(str(resources.files("cablegram.examples").joinpath("documents/frus1961-63v06.xml")))
GOLDS = [json.loads(p.read_text("utf-8")) for p in sorted((FRUS / "gold").glob("*_d*.json"))]
PREFIX = "frus1961-63v06:"


def canon(frus_id: str) -> str:
    """The authority's id for a person of the volume's list (the list seeds the authority file)."""
    from cablegram.entities.authority import load_authority

    return load_authority().canonical_id(frus_id)


def _kind(entity_id: str) -> str | None:
    from cablegram.entities.authority import load_authority

    entity = load_authority().get(entity_id)
    return entity.kind if entity else None


def source_id(mention: Any) -> str:
    """The id a mention came with from the markup, before the authority file resolved it."""
    return getattr(mention, "xref", None) or mention.entity_id or ""


@cache
def records() -> dict[str, Record]:
    """The excerpt's Records by document id (d84 ...)."""
    return {r.identifiers[0].value.split("/")[1]: r for r in extract_file(EXCERPT)}


def record_for(gold: dict[str, Any]) -> Record:
    return records()[gold["id"]]


def words(text: str | None) -> set[str]:
    """A party as written, as a set of words: no articles, brackets, or plural of a shared office."""
    return {re.sub(r"men$", "man", t) for t in re.findall(r"[\w’'-]+", (text or "").lower()) if t not in {"the", "and"}}


def written(record: Record, side: str) -> str | None:
    parties = record.from_ if side == "from" else record.to
    return " and ".join(" ".join(x for x in (p.role, p.name, p.place and "at " + p.place) if x)
                        for p in parties) or None


def colon(text: str) -> str:
    return re.sub(r":\s*", ": ", text)


GOLD_IDS = [g["id"] for g in GOLDS]


def test_the_excerpt_holds_the_documents_its_gold_describes() -> None:
    assert len(GOLDS) == 26
    assert sorted(records()) == sorted(GOLD_IDS)


@pytest.mark.parametrize("gold", GOLDS, ids=GOLD_IDS)
def test_title_doc_type_and_date_as_the_gold(gold: dict[str, Any]) -> None:
    record = record_for(gold)
    assert record.title == gold["title"]
    assert record.doc_type == doc_type_norm(gold["doc_type"])
    if gold["date"] is None:
        assert record.date is None
    else:
        assert record.date is not None and record.date[:10] == gold["date"]
    # to the minute where the dateline gives a time, in the local time it is written in
    assert (record.date or "")[10:] == (gold["date_time_local"][10:16] if gold["date_time_local"] else "")
    assert record.place == gold["place"]
    inferred = gold["date"] is not None and (gold["date_inferred"] or gold["date_precision"] == "range")
    assert bool(getattr(record, "date_inferred", False)) == inferred


@pytest.mark.parametrize("gold", GOLDS, ids=GOLD_IDS)
def test_sender_and_addressee_as_the_gold(gold: dict[str, Any]) -> None:
    record = record_for(gold)
    for side in ("from", "to"):
        assert words(written(record, side)) == words(gold[side]), side
        parties = record.from_ if side == "from" else record.to
        typed = {canon(PREFIX + t["corresp"]) for t in gold[f"{side}_tagged"] if t["corresp"]}
        in_head = {canon(PREFIX + p["id"]) for p in gold["persons"] if "head" in p["zones"]}
        # the typed names, and an untyped one the heading gives the same side ('Chairmen Khrushchev and Brezhnev')
        people = {p.entity_id for p in parties if not p.entity_id or _kind(p.entity_id) == "person"}
        assert typed <= people <= in_head | {None}, side  # bodies ('Department of State') resolve too: not checked


@pytest.mark.parametrize("gold", GOLDS, ids=GOLD_IDS)
def test_markings_from_the_source_note_as_the_gold(gold: dict[str, Any]) -> None:
    markings = record_for(gold).markings
    assert markings.classification == gold["markings"]["classification"]
    assert set(markings.handling) == set(gold["markings"]["handling"])
    assert markings.precedence == gold["markings"]["precedence"]
    assert markings.as_written == gold["markings"]["as_written"]


@pytest.mark.parametrize("gold", GOLDS, ids=GOLD_IDS)
def test_notes_and_signature_as_the_gold(gold: dict[str, Any]) -> None:
    record = record_for(gold)
    footnotes = [n for n in record.notes if n.kind == "footnote"]
    assert len(footnotes) == gold["footnote_count"]
    source = [n.text for n in record.notes if n.kind == "source_note"]
    # a name in italics glued to a colon ('United States:<hi>John F. Kennedy</hi>') gets its space back
    assert [colon(s) for s in source] == ([colon(gold["source_note"].removeprefix("Source: "))]
                                          if gold["source_note"] else [])
    for note in footnotes:
        assert note.text not in record.body
        assert f"[{note.label}]" in record.body
    assert "Source:" not in record.body
    if gold["signed"]:
        assert record.signed is not None and record.signed.name == gold["signed"][0]


@pytest.mark.parametrize("gold", GOLDS, ids=GOLD_IDS)
def test_mentions_are_the_tagged_persons_at_their_offsets(gold: dict[str, Any]) -> None:
    record = record_for(gold)
    persons = {p["id"]: p for p in gold["persons"]}
    tagged = [m for m in record.mentions if source_id(m).startswith(PREFIX)]
    for mention in record.mentions:
        assert mention.start is not None and mention.end is not None
        assert record.body[mention.start:mention.end] == mention.text
    for mention in tagged:
        person = persons[source_id(mention).removeprefix(PREFIX)]
        assert mention.entity_id == canon(source_id(mention))
        assert mention.text in person["mentions"]
    assert {source_id(m).removeprefix(PREFIX) for m in tagged} == {
        p["id"] for p in gold["persons"] if {"body", "closer"} & set(p["zones"])}


def test_a_letter_read_in_full() -> None:
    record = records()["d84"]
    assert record.from_[0].model_dump(exclude_none=True) == {
        "name": "Kennedy", "role": "President", "entity_id": canon("frus1961-63v06:p_KJF2")}
    assert record.body.startswith("Dear Mr. Chairman: I was glad to have your message of December 11th[1] and")
    assert "your representative, Mr. Kuznetsov, and our representatives" in record.body  # 'Mr.<persName>'
    assert record.body.endswith("our personal good wishes for the coming year.[3]")
    assert record.identifiers[0].model_dump() == {"scheme": "frus", "value": "frus1961-63v06/d84"}
    assert record.provenance.publisher == "Office of the Historian, U.S. Department of State"
    assert record.provenance.source_url == "https://history.state.gov/historicaldocuments/frus1961-63v06/d84"
    assert record.provenance.archive == "Department of State"
    assert record.citation == "Department of State, Presidential Correspondence: Lot 77 D 163"
    assert record.language == "en"
    [message] = [r for r in record.references if r.text == "your message of December 11th"]
    assert message.resolved_id == records()["d83"].id  # footnote 1: 'Document 83'


def test_parties_the_heading_parser_alone_gets_wrong() -> None:
    [khrushchev, brezhnev] = records()["d108"].from_
    assert (khrushchev.role, brezhnev.role, brezhnev.entity_id) == ("Chairman", "Chairman", canon(PREFIX + "p_BLI1"))
    [rusk] = records()["d15"].to
    assert (rusk.name, rusk.role, rusk.place) == ("Rusk", "Secretary of State", "Geneva")
    assert records()["d94"].from_[0].role == "Attorney General"
    assert records()["d93"].to[0].model_dump(exclude_none=True) == {
        "name": "Dobrynin", "role": "Soviet Ambassador to the United States", "entity_id": canon(PREFIX + "p_DAF1")}


def test_a_telegram_keeps_its_local_time_and_an_undated_letter_is_flagged() -> None:
    moscow = records()["d112"]
    assert (moscow.date, moscow.sent, moscow.date_as_written) == ("1963-07-27T01:00", "1963-07-27T01:00",
                                                                  "July 27, 1963, 1 a.m.")
    undated = records()["d30"]
    assert (undated.date, undated.date_as_written, getattr(undated, "date_inferred", False)) == (
        "1961-12-30", "undated", True)
    assert records()["d20"].date is None  # an editorial note spans the volume


def test_a_memorandum_of_conversation_keeps_its_subject_and_participants() -> None:
    memcon = records()["d116"].to_dict()
    assert memcon["subject"] == "United States Actions in Cuba"
    assert memcon["participants"][0] == "Ambassador Anatoliy F. Dobrynin, USSR"
    assert memcon["from"] == [] and memcon["to"] == []


def test_ids_are_stable_unique_and_name_the_document() -> None:
    sha16 = hashlib.sha256(EXCERPT.read_bytes()).hexdigest()[:16]
    ids = [r.id for r in extract_file(EXCERPT)]
    assert ids == [r.id for r in records().values()]
    assert len(set(ids)) == len(ids) == 26
    assert all(re.fullmatch(rf"{sha16}-d\d+", i) for i in ids)
    assert records()["d84"].id == f"{sha16}-d84"


def test_records_are_valid_against_the_schema(schema: dict[str, Any]) -> None:
    for record in records().values():
        jsonschema.validate(record.to_dict(), schema)


def test_persons_list_as_the_gold() -> None:
    gold = json.loads((FRUS / "gold" / "persons.json").read_text("utf-8"))
    assert persons_of_volume(EXCERPT) == gold
    shipped = json.loads(resources.files("cablegram.entities").joinpath("data/frus1961-63v06-persons.json")
                         .read_text("utf-8"))
    assert shipped["persons"] == gold
    assert shipped["source"]["commit"] == "068783a11dd40e9cd8b6f8016da1c95f91306678"
    assert shipped["entity_id_prefix"] == PREFIX


def test_the_reader_keeps_the_tree_and_the_layout_is_chosen_by_it() -> None:
    text = read_file(EXCERPT)
    assert isinstance(text, TEIText) and text.format == "tei"
    assert "Dear Mr. Chairman: I was glad to have your message of December 11th[1]" in text.text
    extractor, choice = choose_layout(text)
    assert extractor.name == "frus_tei" and choice.scores["frus_tei"] == 1.0


def test_tei_without_frus_documents_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "letter.xml"
    path.write_text('<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
                    "<head>Letter from Chairman Khrushchev to President Kennedy</head><p>Dear Mr. President,</p>"
                    "<p>We write to you.</p></body></text></TEI>", "utf-8")
    [record] = extract_file(path)
    assert record.layout == "generic" and "We write to you." in record.body


@pytest.mark.parametrize(("content", "error"), [
    ('<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><p>unclosed</text></TEI>', UnreadableFile),
    ('<?xml version="1.0"?><catalog><book/></catalog>', UnsupportedFormat),
])
def test_broken_or_other_xml_is_a_clear_error(tmp_path: Path, content: str, error: type[Exception]) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(content, "utf-8")
    with pytest.raises(error, match=r"broken\.xml"):
        extract_file(path)


def test_the_whole_volume_is_120_documents() -> None:
    volume = extract_file(VOLUME)
    assert [r.identifiers[0].value for r in volume] == [f"frus1961-63v06/d{n}" for n in range(1, 121)]
    assert len({r.id for r in volume}) == 120


def test_ingest_holds_every_document_and_a_second_ingest_is_unchanged(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        first = ingest([EXCERPT], archive)
        assert first.ok and first.records == 26 and archive.count() == 26
        second = ingest([EXCERPT], archive)
        assert second.unchanged == [str(EXCERPT)] and second.records == 0 and archive.count() == 26
        assert archive.get(records()["d84"].id).title == "Letter From President Kennedy to Chairman Khrushchev"


def test_extract_prints_every_document_as_jsonl_and_refuses_json() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cablegram", "extract", str(EXCERPT), *args],
                              capture_output=True, text=True, timeout=120)

    lines = run("--jsonl").stdout.strip().split("\n")
    assert [json.loads(line)["identifiers"][0]["value"] for line in lines] == [f"frus1961-63v06/{i}" for i in
                                                                               records()]
    refused = run("--json")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip() == f"cablegram: {EXCERPT} holds 26 documents: use --jsonl"
