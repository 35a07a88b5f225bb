"""Agreement with the identification-form gold: field by field, the form as read and the Record made of it.

    .venv/bin/python bench/nara_forms.py [/work/shared/corpora/jfk-ocr] [--show FIELD]

The gold (``nara-ocr-forms.jsonl``) holds the OCR text of 74 row-wise forms, trimmed of separator noise. Two
columns are printed: ``form`` compares the values ``fields.idform`` read (text against text, normalised), and
``record`` compares the Record the layout made of them (the record number identifier, the publisher, the parties,
the title, the ISO date, the doc_type and the classification level). The gold's dates and classifications are
turned into ISO dates and levels here, by code of this script's own, so a parser bug cannot agree with itself.
The Record's doc_type is counted only where the form's DOCUMENT TYPE names a kind (CABLE, MEMORANDUM, REPORT...);
where it says 'PAPER, TEXTUAL DOCUMENT' or nothing, the kinds the Record took from the title are listed instead.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path
from typing import Any

from cablegram.extract.fields.idform import read_form, record_number_in
from cablegram.pipeline import extract_file
from cablegram.read import read_file
from cablegram.record import Record

CORPUS = Path("/work/shared/corpora/jfk-ocr")
FIELDS = ["record_number", "agency", "from", "to", "title", "date", "document_type", "classification"]
LEVELS = {"T": "top_secret", "TOP SECRET": "top_secret", "S": "secret", "SECRET": "secret", "C": "confidential",
          "CONFIDENTIAL": "confidential", "U": "unclassified", "UNCLASSIFIED": "unclassified"}
KINDS = {"CABLE": "telegram", "MEMORANDUM": "memorandum", "MEMORANDA": "memorandum", "REPORT": "report",
         "TRANSCRIPT": "transcript", "DEPOSITION": "transcript", "LETTER": "letter"}


def norm(text: str | None) -> str:
    """Upper case, letters and digits only, single spaces: what OCR separators and case cannot change."""
    return " ".join(re.sub(r"[^0-9A-Z]+", " ", (text or "").upper()).split())


def gold_iso(date: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", date.strip())
    if not m or date.strip() == "01/01/1900" or int(m[3]) == 0:
        return None
    month, day, year = int(m[1]), int(m[2]), int(m[3]) + (1900 if len(m[3]) == 2 else 0)
    if month == 0:
        return str(year)
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


def gold_level(value: str) -> str | None:
    return LEVELS.get(norm(value)) if value else None


def gold_kind(value: str) -> str | None:
    return KINDS.get(norm(value)) if value else None


def record_value(field: str, record: Record) -> Any:
    if field == "record_number":
        return next((i.value for i in record.identifiers if i.scheme == "nara_record_number"), "")
    if field == "agency":
        return norm(record.provenance.publisher)
    if field in ("from", "to"):
        return norm("; ".join(p.name for p in (record.from_ if field == "from" else record.to)))
    if field == "title":
        return norm(record.title)
    if field == "date":
        return record.date
    if field == "document_type":
        return record.doc_type
    return record.markings.classification


def gold_value(field: str, gold: dict[str, Any], for_record: bool) -> Any:
    value = str(gold.get(field) or "")
    if not for_record:
        return value if field == "record_number" else norm(value)
    if field == "record_number":
        return value
    return {"date": gold_iso, "classification": gold_level, "document_type": gold_kind}.get(field, norm)(value)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=CORPUS)
    ap.add_argument("--show", action="append", default=[], help="print every disagreement on this field")
    args = ap.parse_args()
    golds = [json.loads(line) for line in (args.corpus / "nara-ocr-forms.jsonl").read_text().splitlines() if line]
    tally = {f: [0, 0, 0, 0] for f in FIELDS}  # form agrees, of; record agrees, of
    from_title: collections.Counter[str] = collections.Counter()
    chosen = 0
    for gold in golds:
        path = args.corpus / "nara-ocr" / gold["file"]
        form = read_form(read_file(path).text.split("\n"))
        record = extract_file(path)[0]
        chosen += record.layout == "nara_form"
        for field in FIELDS:
            read = form.fields.get(field, "")
            as_read = (record_number_in(read) or "") if field == "record_number" else norm(read)
            expected = gold_value(field, gold, True)
            ok_form = as_read == gold_value(field, gold, False)
            ok_record = record_value(field, record) == expected
            tally[field][0] += ok_form
            tally[field][1] += 1
            if field == "document_type" and expected is None:
                # the form names no kind ('PAPER, TEXTUAL DOCUMENT' or blank): the title may ('... CABLE RE ...')
                from_title[record.doc_type or "none"] += 1
                continue
            tally[field][2] += ok_record
            tally[field][3] += 1
            if field in args.show and not (ok_form and ok_record):
                print(f"  {gold['file']}: {field} gold {gold.get(field)!r} form {read!r} "
                      f"record {record_value(field, record)!r}")
    print(f"{len(golds)} forms with gold; the nara_form layout read {chosen} of them")
    print(f"{'field':16} {'form':>13} {'record':>13}")
    for field, (ok_form, n_form, ok_record, n_record) in tally.items():
        print(f"{field:16} {ok_form:3}/{n_form:<3} {ok_form / n_form:5.0%} {ok_record:3}/{n_record:<3} "
              f"{ok_record / max(n_record, 1):5.0%}")
    print("document_type, record: only where the form names a kind; where it does not, the Record's doc_type "
          "(from the title) is " + ", ".join(f"{kind} {n}" for kind, n in from_title.most_common()))


if __name__ == "__main__":
    main()
