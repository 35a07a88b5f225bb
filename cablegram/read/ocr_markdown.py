"""OCR output saved as markdown: ``# Document``, ``## Page N`` and a fenced ``text`` block per page.

OCR pipelines such as the one that read the 2025 NARA JFK release wrap the recognised text in that markdown.
The wrapper is not the document, so it goes: headings and fences are dropped and each page heading after the
first becomes a page break. Scans of archive pages also carry the archive's stamp at the foot of every page
('NW 50953 DocId:32112623 Page 3', which OCR reads as 'HW 50953 Docld:...' and worse); that stamp is where a
page ends, so it becomes a page break as well. The page break is the line ``[page break]``, which the layouts
already understand (``extract.fields.notes.PAGE_BREAK``) and never keep in a body.
"""

from __future__ import annotations

import re
from pathlib import Path

from cablegram.read.base import Text
from cablegram.read.encoding import decode

PAGE_BREAK_LINE = "[page break]"

_WRAPPER_HEAD = re.compile(rb"^#[^\n]*\n\s*##\s*page\s+\d+\s*\n\s*```", re.I)
_PAGE_HEADING = re.compile(r"^##\s*Page\s+\d+\s*$", re.I)
_FENCE = re.compile(r"^\s*```[\w-]*\s*$")
_TITLE_HEADING = re.compile(r"^#\s+\S")

# The archive's stamp at the foot of a scanned page, as OCR leaves it. Three shapes: stamp number and DocId
# ('HW 50955 Docld:32204971 Page 5'), the stamp number alone on its line ('HW 50955' / 'HW 50955 Docld'),
# and the DocId alone ('Docld:32106269 Page 3'). The DocId word must look like one ('Docld', 'Bocld', 'pocta',
# 'nocra' ...) and be followed by its number, so that 'DIR 12345, Karen' or '12345 source: AMPAL' stay text.
# One pass over the whole text (re.M), so nothing here may cross a line: [^\w\n] and [^\S\n], not \W and \s.
_W = r"[^\w\n]"
_S = r"[^\S\n]"
_DOCID = r"[\"“‘]?[DBdpvnbos]{1,2}[oaecOé0@][\w@€¢É]{0,5}"
_STAMP_NUMBER = r"4?[\dS§s$]\d{3,4}"
PAGE_STAMP = re.compile(
    rf"^{_S}*(?:{_W}{{0,4}}(?:[A-Za-z]{{0,3}}{_W}{{0,2}}{_S}*)?{_STAMP_NUMBER}{_W}{{0,3}}{_S}*{_DOCID}{_W}{{0,2}}{_S}*"
    rf"[:;!?]{_S}*[^\s]?[\dsS$]"
    rf"|{_W}{{0,4}}[A-Za-z]{{0,2}}[WwY¥][.,)_>°'’‘-]?{_S}*{_STAMP_NUMBER}{_W}{{0,3}}(?:{_S}*{_DOCID}[^\s]*)?{_W}{{0,3}}$"
    rf"|{_W}{{0,4}}(?:\d{{1,6}}{_W}{{0,3}}{_S}*|[A-Za-z]{{1,3}}{_S}+)?[\"“‘]?[DB][oa][a-zA-Z]{{1,4}}{_S}*[:;!]{_S}*\d{{5,}})"
    r"[^\n]*$", re.M)


def is_ocr_markdown(head: bytes) -> bool:
    """True when a file starts as OCR markdown does: a heading, a page heading, then a fence."""
    return bool(_WRAPPER_HEAD.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")))


def unwrap(markdown: str) -> tuple[str, int]:
    """The text without its markdown wrapper and page stamps, pages apart; and how many pages it has."""
    lines: list[str] = []
    first_content = True
    for line in PAGE_STAMP.sub(PAGE_BREAK_LINE, markdown).split("\n"):
        stripped = line.strip()
        if stripped.startswith("#"):  # headings are rare: test the patterns only on lines that may be one
            if first_content and _TITLE_HEADING.match(line):
                first_content = False
                continue
            if _PAGE_HEADING.match(stripped):
                lines.append(PAGE_BREAK_LINE)
                continue
        elif stripped.startswith("```") and _FENCE.match(line):
            continue
        first_content = first_content and not stripped
        lines.append(PAGE_BREAK_LINE if stripped == PAGE_BREAK_LINE else line)
    # a page break only between pages: none at either end, never two in a row
    kept: list[str] = []
    previous: str | None = None  # the last line kept that is not blank
    for line in lines:
        if line == PAGE_BREAK_LINE and previous in (None, PAGE_BREAK_LINE):
            continue
        kept.append(line)
        if line.strip():
            previous = line
    while kept and (kept[-1] == PAGE_BREAK_LINE or not kept[-1].strip()):
        kept.pop()
    return "\n".join(kept).strip("\n"), kept.count(PAGE_BREAK_LINE) + 1


class OCRMarkdownReader:
    formats = ("ocr_markdown",)

    def read(self, path: Path, data: bytes) -> Text:
        raw, encoding = decode(data)
        raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
        text, pages = unwrap(raw)
        return Text(text=text, path=path, format="ocr_markdown", encoding=encoding, meta={"pages": str(pages)})
