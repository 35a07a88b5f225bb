"""The "JFK Assassination System Identification Form" as OCR leaves it: labels here, values there.

Every record of the NARA JFK collection may start with a one-page form: AGENCY, RECORD NUMBER, RECORD SERIES,
AGENCY FILE NUMBER, ORIGINATOR, FROM, TO, TITLE, DATE, PAGES, SUBJECTS, DOCUMENT TYPE, CLASSIFICATION,
RESTRICTIONS, CURRENT STATUS, DATE OF LAST REVIEW, OPENING CRITERIA, COMMENTS. OCR reads it in one of two ways:

- by rows: ``TITLE : DISCUSSION BETWEEN ...`` with the value beside its label (wrapped values continue below);
- by columns: every label first, then every value, with blank fields simply missing, so values cannot be
  lined up with labels by position. They are recognised by what they look like instead (``idform_columns``).

Most forms are one or the other; some are mixed. The values are kept as written, trimmed of OCR separator noise
('RECORD NUMBER: — 124-...', '= CIA', 'PAGES: «10'); what they mean is for the layout to say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# (field, label pattern). Longer labels first: 'AGENCY FILE NUMBER' before 'AGENCY', 'DATE OF LAST REVIEW'
# before 'DATE'. Upper case only: the form prints its labels in capitals, running text rarely starts so.
LABELS: list[tuple[str, str]] = [
    ("agency_file_number", r"AGENCY\s*[FP]ILE\s*NUMBER"),
    ("originator", r"(?:AGENCY\s+)?ORIGINATOR"),
    ("agency", r"A\s?GENCY(?!\s*(?:[FP]ILE|INFORMAT|ORIGINATOR))"),
    ("record_number", r"RECORD[\s:'’”\"_-]*NUMBER"),
    ("record_series", r"RECORDS?[\s_]*SER[IJ1l]ES"),
    ("last_review", r"DATE\s*OF\s*LAST[\s-]*REVIEW|REVIEW\s*_?\s*DATE|UPDATE\s+DATE"),
    ("date", r"DATE(?!\s*(?:OF\b|EXEMPT|ACQ|DISTR))"),
    ("from", r"[FP]ROM"),
    ("to", r"TO"),
    ("title", r"TITLE"),
    ("pages", r"PAGES?"),
    ("subjects", r"SU[BR][JI]ECTS?"),
    ("document_type", r"DOCUMENT[\s._]*TYPE"),
    ("classification", r"(?:ORIGINAL\s+|NEW\s+)?CLASS[IT]FICATION"),
    ("restrictions", r"RESTRICTIONS?"),
    ("current_status", r"(?:CURRENT\s*)?STATUS"),
    ("opening_criteria", r"OPENING\s*CRITER[IT]A"),
    ("comments", r"COMMENTS?"),
]
# Labels specific to the form: TO, FROM, DATE and SUBJECT also head every cable and memorandum.
DISTINCTIVE = {"record_number", "record_series", "agency_file_number", "originator", "document_type",
               "current_status", "opening_criteria", "last_review", "restrictions"}
FORM_ORDER = ["agency", "record_number", "record_series", "agency_file_number", "originator", "from", "to", "title",
              "date", "pages", "subjects", "document_type", "classification", "restrictions", "current_status",
              "last_review", "opening_criteria", "comments"]
MULTI_LINE = {"title", "subjects", "record_series", "from", "to", "comments", "restrictions", "opening_criteria"}

_SEP = r"[\s:;=+¢«»—–_~|.'\"”’‘“,*-]"
_MULTIWORD = {"agency_file_number", "record_number", "record_series", "last_review", "document_type",
              "current_status", "opening_criteria"}
_LABEL_LINE = re.compile(
    r"^(?P<pre>[^A-Za-z\n]{0,8}(?:[a-z]{1,4}[^A-Za-z\n]{1,4})?)"
    r"(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in LABELS) + r")"
    r"(?P<sep>" + _SEP + r"*)(?P<value>.*)$")
# The form's own print: its heading, section heads, print date and page, the restricted-item key; and the
# release stamp and page breaks around it. 'Date:' in mixed case is the print date; 'DATE:' is a label.
# Searched, not matched: the release stamp stands anywhere on its line.
HEADING = re.compile("|".join([
    r"^\W*(?i:JFK|JPK)\s+(?i:ASSASS)",  # 'JFK ASSASSINATION SYSTEM', 'JFK Assassination System Date: 4/16/201'
    r"^\W*(?i:[i(]?\s*de\s*nti\w*\s*\w*)\s+F\w{2,4}\W*$",  # 'IDENTIFICATION FORM', 'ide nti cation Form'
    r"^\W*(?:AGENCY|Agency|(?i:D[oe]cu?ment))\W+\S?(?i:n[fi])",  # 'AGENCY INFORMATION', 'Agency !nformat on'
    r"^\W*(?:[a-z]{1,3}\s+)?(?:Date|Page)\s*(?::|$)",  # the print date and page: 'Date: 09/20/93', 'Page:1'
    r"^\W*\W?R\W?\W?\s*-\s*ITEM\s+IS\s+RESTRICTED",
    r"^\W*(?:National\s+Archives|Hits?\s+\w{1,3}\W|Kennedy\s+Assassination\s+Collection)",
    r"RELEASE\s+UNDER\s+THE\s+PRESIDENT",
    r"^\[page break\]$",
    r"^\W*(?:[a-z]{1,3}\s+)?(?:ORIGINAL|NEW)\W*$",
]))
DOCUMENT_HEADING = re.compile(r"^\W*(?i:D[oe]cu?ment)\W+\S?(?i:n[fi])")
# The FBI form prints ORIGINAL and NEW CLASSIFICATION side by side; OCR puts the value between the two words,
# on the line above the labels: 'ORIGINAL Secret NEW' / 'CLASSIFICATION: : CLASSIFICATION:'
_FBI_CLASSIFICATION = re.compile(r"^\W*ORIGINAL\s+(?P<value>\S.*?)\s+NEW\W*$")
# The FBI form's second column ('Secret CLASSIFICATION:', '09/24/1997 UPDATE DATE: 02/12/2001') runs into values
_TRAILING_LABEL = re.compile(r"\s+\W?\s*(?:NEW\s+)?(?:CLASSIFICATION|UPDATE\s+DATE|REVIEW\s*_?\s*DATE)\s*:.*$")
_CIA = re.compile(r"[cC][lI1|][aA]")
_MARGIN_STAMP = re.compile(r"\s*\*\w{0,3}\*?")
_AS_DIGIT = dict(zip("OoQD@lI|!i{}Ss$§", "0000011111115555", strict=True))
_INSIDE = re.compile(r"(?<=[\d-])[OoQD@lI|!i{}Ss$§]+(?=[\d-])")
_AT_ENDS = re.compile(r"(?<=[\d-])[OoQD@lI|!i{}Ss$§](?!\w)|(?<!\w)[OoQD@lI|!i{}Ss$§](?=[\d-])")
_RECORD_NUMBER = re.compile(r"(\d{3})\s*-\s*(\d{5})\s*-\s*(\d{5})(?!\d)")
# What values look like, for telling a value from its neighbours when OCR has put them out of place
FORM_DATE = re.compile(r"(?P<m>\d{1,2})\s?/\s?(?P<d>\d{1,2})\s?/\s?(?P<y>\d{2}(?:\d{2})?)?")
PAGES = re.compile(r"^\W*(?P<n>\d{1,4})\W*$")
DOCUMENT_TYPE_VALUE = re.compile(
    r"PAPER|TEXTUAL\s+DOCUMENT|^\W*(?:CABLE|MEMORAND(?:UM|A)|LETTER|REPORT|TRANSCRIPT|DEPOSITION|TELEGRAM|"
    r"AIRGRAM|DISPATCH|NOTES?|LIST|MAP|PHOTOGRAPH|CARD)\W*$", re.I)
CLASSIFICATION_VALUE = re.compile(
    r"^\W*(?:TOP\s+SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|DECLASSIFIED|RESTRICTED|[SUCT])\b", re.I)
MAX_LINES = 320  # the form is the first page; never look further for it


@dataclass
class IdForm:
    """The fields of one identification form, as written; and where the form stands in the text."""

    fields: dict[str, str] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)
    layout: str = "rows"  # 'rows', 'columns' or 'mixed': how OCR laid it out
    start: int = 0  # first line of the form
    end: int = 0  # first line after it
    used: set[int] = field(default_factory=set)  # lines read as values beside or under their labels

    @property
    def is_form(self) -> bool:
        """Enough labels, and enough of them specific to the form, to be sure it is one."""
        return _is_form(self.labels)


@dataclass
class Label:
    line: int
    name: str
    value: str


def clean_value(value: str) -> str:
    """A value without the separators, margin stamps and specks of dirt OCR leaves around it."""
    value = _MARGIN_STAMP.sub(" ", value)
    value = _TRAILING_LABEL.sub("", value)
    value = re.sub(r"^[\s:;=+¢«»—–_~|.'\"”’‘“,*>©{}-]+", "", value)
    value = re.sub(r"[\s:;=+¢«»—–_~|'\"”’‘“,*(\\-]+$", "", value)
    words = value.split()
    # 'DOS j', 'S awe', 'JMWAVE ;': lower-case crumbs after a value in capitals
    while len(words) > 1 and re.fullmatch(r"[a-z]{1,3}|\W+", words[-1]) and any(c.isupper() for c in value):
        words.pop()
    return " ".join(words).strip()


def _label_of(line: str) -> Label | None:
    m = _LABEL_LINE.match(line)
    if not m:
        return None
    name = next(n for n, _ in LABELS if m.group(n))
    sep, value = m.group("sep"), m.group("value")
    # 'TO DAPCEVIC, ...' is running text; 'AGENCY CIA', 'RECORD NUMBER 104-...' and 'TO :' are labels
    if value and value[0].isalnum() and not sep:
        return None
    if not re.search(r"[:;=+¢«—_|]", sep) and value.strip() and name not in _MULTIWORD | {"agency", "restrictions"}:
        return None
    return Label(0, name, clean_value(value))


def is_noise(line: str) -> bool:
    """A line with nothing to read: margin stamps ('*R*', 'kaEK'), specks, separators."""
    stripped = _MARGIN_STAMP.sub(" ", line).strip()
    if sum(c.isalnum() for c in stripped) < 2:
        return not any(c.isdigit() or c.isupper() for c in stripped)  # '1' is a page count, 'S' a classification
    word = stripped.strip(" .,:;-_'‘’|")
    # a short word not in capitals is a speck ('kaEK', 'ws'), unless it is OCR's CIA ('cIA', 'ClA')
    return bool(re.fullmatch(r"[\W_]*[A-Za-z]{1,5}[\W_]*", stripped)) and not word.isupper() and not _CIA.fullmatch(word)


def find_labels(lines: list[str]) -> list[Label]:
    """The form's label lines: the first cluster of them near the top of the text that makes a form."""
    found: list[Label] = []
    for i, line in enumerate(lines[:MAX_LINES]):
        if (label := _label_of(line.strip())) is not None:
            label.line = i
            found.append(label)
    clusters: list[list[Label]] = []
    for label in found:
        names = {x.name for x in clusters[-1]} if clusters else set()
        # a label read again after COMMENTS starts what follows the form: a routing slip, a second form
        repeated = label.name in names and "comments" in names
        if clusters and label.line - clusters[-1][-1].line <= 40 and not repeated:
            clusters[-1].append(label)
        else:
            clusters.append([label])
    # the record's own form is the first; later ones describe attachments or are reprints
    return next((c for c in clusters if _is_form({x.name for x in c})), [])


def _is_form(names: set[str]) -> bool:
    return len(names) >= 6 and len(names & DISTINCTIVE) >= 2


def read_form(lines: list[str]) -> IdForm:
    """The identification form at the top of ``lines``; ``is_form`` is False when there is none."""
    from cablegram.extract.fields.idform_columns import read_agency, read_columns  # it builds on this module

    labels = find_labels(lines)
    form = IdForm(labels={x.name for x in labels})
    if not form.is_form:
        return form
    form.start, form.end = labels[0].line, labels[-1].line + 1
    inline = sum(1 for x in labels if x.value)
    if inline >= 0.5 * len(labels):
        _read_rows(lines, labels, form)
        read_agency(lines, labels, form)  # some row-wise forms still print agency and number as a column
    else:
        # values beside a label, or on the lines right under it, are still its own; the rest is a column
        _read_rows(lines, labels, form, adjacent_only=True)
        form.layout = "columns" if inline <= 2 else "mixed"
        read_columns(lines, labels, form)
    _drop_misread(form)
    form.end = _page_end(lines, form.end)
    return form


def _drop_misread(form: IdForm) -> None:
    """Values that cannot be what their label says: a label's neighbour taken for its value."""
    checks: dict[str, Callable[[str], bool]] = {
        "record_number": lambda v: record_number_in(v) is not None,
        "agency": lambda v: not re.search(r"\d{3}-|^[A-Z ]+:", v),
        "date": lambda v: FORM_DATE.search(v) is not None,
        "last_review": lambda v: FORM_DATE.search(v) is not None,
        "pages": lambda v: v.strip(" .").isdigit(),
        "classification": lambda v: CLASSIFICATION_VALUE.match(v) is not None and len(v) <= 20,
        "title": _has_words,
        "from": _has_words,
        "to": _has_words,
        "originator": _has_words,
    }
    for name, ok in checks.items():
        if name in form.fields and not ok(form.fields[name]):
            del form.fields[name]


def _has_words(value: str) -> bool:
    """Not a date, a number or a speck: what a title or a party must at least be ('6/30/1961' is not)."""
    return len(re.findall(r"[A-Za-z]", value)) >= 2 and not FORM_DATE.match(value.strip(" .:;'"))


def _read_rows(lines: list[str], labels: list[Label], form: IdForm, adjacent_only: bool = False) -> None:
    """Values beside their labels, and the lines that continue them down to the next label.

    ``adjacent_only``: continuation lines must follow the label with no blank line between, as they do when
    a column-wise form still prints a wrapped value under its label.
    """
    for k, label in enumerate(labels):
        above = lines[label.line - 1].strip() if label.line else ""
        if label.name == "classification" and (m := _FBI_CLASSIFICATION.match(above)):
            form.fields.setdefault("classification", clean_value(m.group("value")))
        if label.name in form.fields:  # a label read twice ('ORIGINAL' and 'NEW' CLASSIFICATION): the first
            continue
        values = [label.value] if label.value and not is_noise(label.value) else []
        stop = labels[k + 1].line if k + 1 < len(labels) else min(len(lines), label.line + 8)
        if label.name in MULTI_LINE or not values:
            last = k + 1 == len(labels)
            gap = False  # a blank line since the label
            for j in range(label.line + 1, stop):
                line = lines[j].strip()
                if HEADING.search(line) or (not line and last and values):
                    break
                if not line or is_noise(line):
                    if values and label.name == "title":
                        break  # a title wraps onto the next line, never across a blank one
                    gap = gap or not line
                    continue
                if adjacent_only and not values and line.startswith((":", ";")):
                    _give_to_next_label(label.name, clean_value(line), labels, form)
                    form.used.add(j)
                    break
                if adjacent_only and gap:
                    break
                values.append(clean_value(line))
                form.used.add(j)
                form.end = max(form.end, j + 1)
                if label.name not in MULTI_LINE:
                    break
        if values:
            form.fields[label.name] = " ".join(values) if label.name != "subjects" else "; ".join(values)


def _give_to_next_label(name: str, value: str, labels: list[Label], form: IdForm) -> None:
    """': ACTING GENERAL COUNSEL' under 'FROM :' on a column-wise form is the value of TO, the label after it.

    OCR reads the column of labels a little out of line with the values, so a value that starts with the
    separator belongs to the next label of the form, whose own line (if OCR kept it) has no value.
    """
    after = FORM_ORDER[FORM_ORDER.index(name) + 1:] if name in FORM_ORDER else []
    inline = {x.name for x in labels if x.value}
    if after and after[0] not in form.fields and after[0] not in inline:
        form.fields[after[0]] = value


def record_number_in(text: str) -> str | None:
    """'104-10004-10143' out of OCR such as '104-10004~-10143', '124-{0332-10018', '104-1018 1-10099|'.

    Letters that OCR reads for digits ('O' for 0, 'l' or '{' for 1, 'S' for 5) count as digits inside a number
    first, then also at its ends ('124-10158-1006!'); spaces inside a group ('104-1018 1-10099') are closed last.
    """
    text = re.sub(r"\s*[-~_]+\s*", "-", text)
    inside = _INSIDE.sub(_digits, text)
    at_ends = _AT_ENDS.sub(_digits, inside)
    for candidate in (inside, at_ends):
        for joined in (candidate, re.sub(r"(?<=\d)\s+(?=\d)", "", candidate)):
            if m := _RECORD_NUMBER.search(joined):
                return "-".join(m.groups())
    return None


def _digits(m: re.Match[str]) -> str:
    return "".join(_AS_DIGIT[c] for c in m.group(0))


def _page_end(lines: list[str], end: int) -> int:
    """Where the form's page ends: at the page break just after its last field, when there is one."""
    seen = 0
    for j in range(end, min(len(lines), end + 40)):
        line = lines[j].strip()
        if line == "[page break]":
            return j + 1
        if line and not is_noise(line) and not HEADING.search(line):
            seen += 1
            if seen > 6:
                break
    return end
