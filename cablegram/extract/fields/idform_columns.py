"""Column-wise identification forms: every label first, then every value, and a blank field leaves no line.

Values cannot be lined up with labels by position, so they are recognised by their shape, in the order the form
prints them: the record number by its digits, the agency as the short name before it, the document date by its
slashes, the page count as the number after it, the document type and the classification by their vocabularies,
the date of last review as the next date. What stands between the record number and the document date is the
record series, the agency file number, the originator (a short agency name), and from, to and title; when there
are fewer lines than fields, the lines are given out only where that is not a guess.
"""

from __future__ import annotations

import re

from cablegram.extract.fields.idform import (
    CLASSIFICATION_VALUE,
    DOCUMENT_HEADING,
    DOCUMENT_TYPE_VALUE,
    FORM_DATE,
    HEADING,
    PAGES,
    IdForm,
    Label,
    clean_value,
    is_noise,
    record_number_in,
)

# An agency or originator: 'CIA', 'FBI', 'DOS', 'STATE', 'WH', 'SSCIA', 'INSCOM/CSF', and OCR's 'ClA', 'cIA'
AGENCY_CODE = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z][A-Za-z&/.-]{1,9}$")
# A record number as the anchor of the values, however garbled: '124-{0332-10018', '202-10002-1L0124'
_NUMBER_LINE = re.compile(r"^\W*\d[\w@]{1,2}\W?\s*-\s*\S{4,7}\s*-\s*\S{4,7}\W*$")
# An agency file number: '80T01357A', '62-109090-356', 'CR 105-30972-68', 'R-398' (a series has words, commas)
_FILE_NUMBER = re.compile(r"^(?:[A-Z]{1,3}\s)?[\w()/-]*\d[\w()/-]*$")
_KIND_WORD = re.compile(r"\b(?:REPORT|MEMO(?:RANDUM)?|CABLE|TELEGRAM|LETTER|MINUTES|TRANSCRIPT|DEPOSITION|TESTIMONY)\b",
                        re.I)
_VERSION = re.compile(r"^v\d\.\S*(?:\s+\S{1,2})?$")  # 'v9.1', 'v9.1 7': the form program's version


def is_date(value: str) -> bool:
    return bool(FORM_DATE.fullmatch(value.strip(" .:;'")))


def read_columns(lines: list[str], labels: list[Label], form: IdForm) -> None:
    """Fill the fields the rows left open from the block of values."""
    values, split = _value_lines(lines, labels, form)
    record = next((k for k, (_, v) in enumerate(values) if record_number_in(v) or _NUMBER_LINE.match(v)), None)
    if record is None and "record_number" not in form.fields:
        return
    if record is None:  # the number stood beside its label: the values start with the agency's, if any
        before = values[:split or 0]
        record = len(before) - 1
    else:
        before = values[:record]
        if record_number_in(values[record][1]):
            form.fields.setdefault("record_number", values[record][1])
    codes = [v for _, v in before if AGENCY_CODE.match(v)]
    if codes and "agency" not in form.fields:
        form.fields["agency"] = codes[-1]
    date = None
    if "date" not in form.fields:
        date = next((k for k in range(record + 1, len(values)) if is_date(values[k][1])), None)
    if date is not None:
        form.fields["date"] = values[date][1]
        _assign_middle(values[record + 1:date], None if split is None else split - record - 1, form)
    after = values[(date if date is not None else record) + 1:]
    read = [values[k][0] for k in (record, date) if k is not None and k >= 0]
    if date is not None and after and "pages" not in form.fields and (m := PAGES.match(after[0][1])):
        form.fields["pages"] = m.group("n")
        read.append(after.pop(0)[0])
    read.append(_assign_tail(after, form, subjects=date is not None))
    form.end = max([form.end] + [line + 1 for line in read])


def read_agency(lines: list[str], labels: list[Label], form: IdForm) -> None:
    """Agency and record number when a row-wise form prints them as a column of their own, above ORIGINATOR."""
    if "agency" in form.fields and "record_number" in form.fields:
        return
    label_lines = {x.line for x in labels}
    end = next((x.line for x in labels if x.name in {"originator", "from", "to", "title"}), labels[0].line)
    texts = [clean_value(lines[i]) for i in range(max(0, labels[0].line - 6), end)
             if i not in label_lines and i not in form.used and lines[i].strip() and not is_noise(lines[i])
             and not HEADING.search(lines[i])]
    record = next((k for k, v in enumerate(texts) if record_number_in(v)), None)
    if record is not None:
        form.fields.setdefault("record_number", texts[record])
    codes = [v for v in texts[:record] if AGENCY_CODE.match(v)]
    if codes:
        form.fields.setdefault("agency", codes[-1])


def _value_lines(lines: list[str], labels: list[Label], form: IdForm) -> tuple[list[tuple[int, str]], int | None]:
    """The lines that may be values, in order (line, value); and where among them DOCUMENT INFORMATION stands."""
    label_lines = {x.line for x in labels}
    limit = min(len(lines), labels[-1].line + 120)
    values: list[tuple[int, str]] = []
    split: int | None = None
    breaks = 0
    for i in range(labels[0].line, limit):
        line = lines[i].strip()
        if line == "[page break]" and i > labels[-1].line:
            breaks += 1
            if breaks == 2:  # a right-hand column may be read after the first page's stamp, never later
                break
        if split is None and DOCUMENT_HEADING.match(line):
            split = len(values)
        if i in label_lines or i in form.used or not line or is_noise(line) or HEADING.search(line):
            continue
        value = clean_value(line)
        if value and not _VERSION.match(value):
            values.append((i, value))
    return values, split


def _assign_middle(middle: list[tuple[int, str]], split: int | None, form: IdForm) -> None:
    """Series, file number, originator, from, to and title: the values between record number and date."""
    agency_slots = [f for f in ("record_series", "agency_file_number") if f not in form.fields]
    document_slots = [f for f in ("originator", "from", "to", "title") if f not in form.fields]
    texts = [v for _, v in middle]
    if split is None or not 0 <= split <= len(texts):
        if len(texts) == len(agency_slots) + len(document_slots):
            split = len(agency_slots)
        else:
            # the originator is the first agency name after the series (which may be 'HQ' or 'JFK' itself)
            first = min(1, len(agency_slots))
            split = next((k for k in range(first, len(texts)) if AGENCY_CODE.match(texts[k])), None)
            if split is None:
                return
    _assign_agency_part(texts[:split], agency_slots, form)
    document = texts[split:]
    if "originator" in document_slots and document:
        at = next((k for k, v in enumerate(document) if AGENCY_CODE.match(v)), None)
        if at is not None and at <= 1:
            form.fields["originator"] = document.pop(at)
    assign_heading_fields(document, form)


def _assign_agency_part(texts: list[str], slots: list[str], form: IdForm) -> None:
    if not texts or not slots:
        return
    if len(slots) == 2 and len(texts) >= 2:
        form.fields["record_series"] = " ".join(texts[:-1])
        form.fields["agency_file_number"] = texts[-1]
    elif len(slots) == 2:
        form.fields["agency_file_number" if _FILE_NUMBER.match(texts[0]) else "record_series"] = texts[0]
    else:
        form.fields[slots[0]] = " ".join(texts)


def _assign_tail(after: list[tuple[int, str]], form: IdForm, subjects: bool) -> int:
    """Subjects, document type, classification and date of last review; the line of the last value read."""
    kind = next((k for k, (_, v) in enumerate(after[:15]) if DOCUMENT_TYPE_VALUE.search(v)), None)
    if kind is None:
        return -1
    if subjects and kind and "subjects" not in form.fields:
        form.fields["subjects"] = "; ".join(v for _, v in after[:kind])
    form.fields.setdefault("document_type", after[kind][1])
    last = after[kind][0]
    following = after[kind + 1:kind + 7]
    if following and CLASSIFICATION_VALUE.match(following[0][1]) and len(following[0][1]) <= 20:
        form.fields.setdefault("classification", following[0][1])
        last = following[0][0]
    review = next(((line, v) for line, v in following if is_date(v)), None)
    if review is not None:
        form.fields.setdefault("last_review", review[1])
        last = review[0]
    return last


def assign_heading_fields(lines: list[str], form: IdForm) -> None:
    """From, to and title: the lines between originator and date, for the fields the rows left open.

    A blank field leaves no line, so when there are fewer lines than fields the title is the line that reads like
    one (long) and the short lines are the parties; what stays ambiguous is left out rather than guessed.
    """
    slots = [f for f in ("from", "to", "title") if f not in form.fields]
    if not lines or not slots:
        return
    if len(lines) >= len(slots):
        for slot, value in zip(slots, lines, strict=False):
            form.fields[slot] = value
        if len(lines) > len(slots):
            form.fields[slots[-1]] = " ".join(lines[len(slots) - 1:])
        return
    if "title" in slots and _reads_as_title(lines[-1]):
        form.fields["title"] = lines.pop()
    slots = [s for s in slots if s != "title"]
    if lines and len(lines) == len(slots) and not any(_reads_as_title(v) for v in lines):
        for slot, value in zip(slots, lines, strict=True):
            form.fields[slot] = value


def _reads_as_title(value: str) -> bool:
    return len(value) > 30 or len(value.split()) >= 5 or bool(_KIND_WORD.search(value))
