"""NARA JFK records as OCR left them: the identification form, the markdown wrapper, the layout chosen.

The expectations come from the corpus's form gold (``nara-ocr-forms.jsonl``, copied beside the documents) and, for
the column-wise form, from reading the OCR text by eye; never from cablegram's own output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cablegram.errors import EmptyDocument
from cablegram.extract import choose_layout
from cablegram.extract.nara_form import parse_us_date
from cablegram.pipeline import extract_file
from cablegram.read import read_file
from cablegram.read.ocr_markdown import unwrap
from cablegram.record import Record
from tests.conftest import DOCUMENTS

NARA = DOCUMENTS / "nara"
GOLD = [json.loads(line) for line in (NARA / "nara-ocr-forms.jsonl").read_text("utf-8").splitlines() if line]
FILES = sorted(p for p in NARA.iterdir() if p.suffix in {".md", ".txt"} and p.name != "PROVENANCE.md")
EMPTY = {"jfk_doc_206.md"}
FORMS = [g["file"] for g in GOLD] + ["jfk_doc_944.md"]
NOT_FORMS = ["jfk_doc_1.md", "jfk_doc_874.md", "page_0100.txt"]
LEVELS = {"SECRET": "secret", "TOP SECRET": "top_secret", "CONFIDENTIAL": "confidential", "UNCLASSIFIED": "unclassified"}
WRAPPER = re.compile(r"```|^#{1,2} (?:Document|Page \d+)\s*$|^\[page break\]$", re.M)


def record_of(name: str) -> Record:
    records = extract_file(NARA / name)
    assert len(records) == 1
    return records[0]


def words(text: str | None) -> str:
    return " ".join((text or "").split())


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_form_fields_match_the_gold(gold: dict[str, Any]) -> None:
    record = record_of(gold["file"])
    assert record.layout == "nara_form"
    assert {"scheme": "nara_record_number", "value": gold["record_number"]} in [i.to_dict() for i in record.identifiers]
    assert record.provenance.publisher == gold["agency"]
    assert record.provenance.archive and "JFK Assassination Records Collection" in record.provenance.archive
    if gold["title"]:
        assert words(record.title) == words(gold["title"])
    month, day, year = gold["date"].split("/")
    assert record.date == f"{int(year) + (1900 if len(year) == 2 else 0)}-{int(month):02d}-{int(day):02d}"
    assert record.date_as_written == gold["date"]
    assert record.markings.classification == LEVELS.get(gold["classification"].upper())
    assert [p.name for p in record.from_] == ([gold["from"]] if gold["from"] else [])
    assert [p.name for p in record.to] == ([gold["to"]] if gold["to"] else [])


def test_document_type_that_says_nothing_leaves_the_title_to_say() -> None:
    # 'PAPER' names no kind; the title calls the record a cable
    assert record_of("jfk_doc_105.md").doc_type == "telegram"
    # 'PAPER, TEXTUAL DOCUMENT' and a title naming no kind either: nothing is guessed
    assert record_of("jfk_doc_2.md").doc_type is None
    assert record_of("jfk_doc_1033.md").doc_type == "memorandum"  # 'MEMORANDUM FOR THE RECORD'


def test_column_wise_form_read_by_the_shape_of_its_values() -> None:
    # jfk_doc_944: all labels, then 'FBI / 124-10 158-1006! / HQ / 105-82555-1ST NR 5373 / ... / FBI / LEG, BR /
    # DIRECTOR, FBI / 01/08/1965 / 1 / ... / PAPER, TEXTUAL DOCUMENT / Secret'; the page stamp reads 124-10158-10061
    record = record_of("jfk_doc_944.md")
    assert record.layout == "nara_form"
    assert {"scheme": "nara_record_number", "value": "124-10158-10061"} in [i.to_dict() for i in record.identifiers]
    assert record.provenance.publisher == "FBI"
    assert (record.date, record.markings.classification) == ("1965-01-08", "secret")
    assert ([p.name for p in record.from_], [p.name for p in record.to]) == (["LEG, BR"], ["DIRECTOR, FBI"])
    assert record.title is None  # blank on the form


def test_the_body_is_the_text_after_the_form() -> None:
    body = record_of("jfk_doc_105.md").body
    # the cable comes first; a second form, from a later review, is a page of the file like any other
    assert body.index("END OF MESSAGE") < body.index("RECORD NUMBER")
    assert "IDENTIFICATION FORM" not in body[:body.index("END OF MESSAGE")]
    body = record_of("jfk_doc_2.md").body
    assert "DOCUMENT TYPE" not in body and "Document Number" in body


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_file_extracts_and_no_wrapper_leaks(path: Path, schema: dict[str, Any]) -> None:
    if path.name in EMPTY:
        with pytest.raises(EmptyDocument):
            extract_file(path)
        return
    for record in extract_file(path):
        assert record.body.strip()
        assert not WRAPPER.search(record.body)
        jsonschema.validate(record.to_dict(), schema)


@pytest.mark.parametrize("name", FORMS)
def test_layout_chooser_picks_the_form_layout_for_forms(name: str) -> None:
    assert choose_layout(read_file(NARA / name))[1].chosen == "nara_form"


OTHERS = [NARA / n for n in NOT_FORMS] + sorted((DOCUMENTS / "seeds").glob("*.txt")) + sorted(
    (DOCUMENTS / "encodings").glob("*.txt"))


@pytest.mark.parametrize("path", OTHERS, ids=[p.name for p in OTHERS])
def test_layout_chooser_leaves_other_documents_alone(path: Path) -> None:
    chosen = choose_layout(read_file(path))[1]
    assert chosen.chosen != "nara_form"
    assert chosen.scores["nara_form"] == 0.0


def test_an_unreadable_form_still_gives_a_record(tmp_path: Path) -> None:
    # the form's labels lost to OCR: no form to read, and the generic layout reads the file instead
    text = (NARA / "jfk_doc_2.md").read_text("utf-8")
    garbled = re.sub(r"(RECORD (?:NUMBER|SERIES)|AGENCY FILE NUMBER|ORIGINATOR|DOCUMENT TYPE|CURRENT STATUS|"
                     r"RESTRICTIONS|DATE OF LAST REVIEW|OPENING CRITERIA)", lambda m: m.group(0).lower(), text)
    path = tmp_path / "jfk_doc_2.md"
    path.write_text(garbled, "utf-8")
    records = extract_file(path)
    assert records[0].layout != "nara_form" and records[0].body


def test_ocr_markdown_becomes_text_with_page_breaks() -> None:
    text, pages = unwrap("# Document\n\n## Page 1\n\n```text\nFirst page.\n\nNW 50953 DocId:32112623 Page 1\n"
                         "Second page.\nHW 50953 Docld:32112623 Page 2\n\n```\n")
    assert text == "First page.\n\n[page break]\nSecond page."
    assert pages == 2
    assert read_file(NARA / "jfk_doc_2.md").format == "ocr_markdown"
    assert read_file(NARA / "page_0100.txt").format == "text"


@pytest.mark.parametrize(("written", "iso"), [
    ("06/01/64", "1964-06-01"), ("12/14/1963", "1963-12-14"), ("4/22/1963", "1963-04-22"),
    ("00/00/1975", "1975"), ("06/00/64", "1964-06"), ("01/01/1900", None), ("00/00/0000", None),
    ("61/01/9088", None), ("— 11/26/1963", "1963-11-26"),
])
def test_form_dates_are_month_first(written: str, iso: str | None) -> None:
    assert parse_us_date(written)[0] == iso


@pytest.mark.parametrize("name", ["jfk_doc_300-excerpt.md", "jfk_doc_1.md", "jfk_doc_874.md"])
def test_a_scanned_page_with_a_stray_label_is_not_an_archive_record_page(name: str) -> None:
    """A table of contents' 'CONTENTS' and 'Summary:' lines are not the labelled fields of a Wilson Center page."""
    chosen = choose_layout(read_file(NARA / name))[1]
    assert chosen.chosen in {"generic", "nara_form"}, chosen.scores


def test_the_wilson_center_record_page_is_still_read_as_one() -> None:
    seed = next((DOCUMENTS / "seeds").glob("000_*.txt"))
    assert choose_layout(read_file(seed))[1].chosen == "archive_record"
