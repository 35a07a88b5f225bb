"""TEI XML files: the parsed tree for layouts that read the markup, and the text as a printed page shows it.

A TEI file can hold a whole volume (a FRUS volume holds 120 documents), so the reader does not cut it into
documents: it keeps the tree on the Text (``TEIText.root``) for a layout that knows the edition's markup
(``extract/frus_tei.py``), and renders the whole ``<text>`` as plain text for any other layout to read.

``render`` is the one place where TEI becomes text: blocks (``p``, ``item``, ``closer`` ...) separated by a blank
line, ``<lb/>`` a line break, whitespace folded as a printed page folds it, footnotes as ``[n]`` markers right
after the word they annotate, page breaks and ``frus:`` elements dropped. It records where tracked elements
(``persName`` ...) landed in the text, so mentions get exact offsets without searching for names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from cablegram.errors import EmptyDocument, UnreadableFile
from cablegram.read.base import Text

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI, "frus": "http://history.state.gov/frus/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FRUS = "{http://history.state.gov/frus/ns/1.0}"

BLOCKS = {"p", "head", "item", "list", "quote", "closer", "signed", "dateline", "div", "opener", "salute",
          "postscript", "trailer", "byline", "docImprint", "docTitle", "titlePart", "titlePage", "row", "lg", "l",
          "table", "listBibl", "bibl", "castList", "sp", "argument", "epigraph"}
DROPPED = {"pb", "cb", "milestone", "figure", "graphic", "fw", "teiHeader", "include"}
# a name glued to the word before it: 'Mr.<persName>Kuznetsov</persName>', 'Source:<hi>...', 'Editor:<persName>'
_GLUED = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Messrs|Dr)\.|:)$")
_SPACE = re.compile(r"\s+")


def local(el: Any) -> str:
    """The element's name without its namespace; '' for comments and processing instructions."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def tei_text_of(el: Any) -> str:
    """All the text under ``el`` (notes included), whitespace folded: for titles, names and attribute-like bits."""
    return _SPACE.sub(" ", "".join(el.itertext())).strip()


@dataclass
class Rendered:
    """Text rendered from TEI, where tracked elements landed in it, and the notes met on the way."""

    text: str
    spans: list[tuple[Any, int, int]] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)


class _Writer:
    """Builds folded text while keeping offsets exact: trailing spaces wait until more text comes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.tail = ""
        self.space = False  # a space is owed before the next text
        self.fresh = True  # at the start of a block or line: owed spaces are dropped
        self.prefix = ""  # a list label waiting for its item's first text

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)
        self.tail = (self.tail + s)[-12:]

    def _settle(self) -> None:
        if self.prefix:
            self._put(self.prefix + " ")
            self.prefix, self.space, self.fresh = "", False, False
        elif self.space and not self.fresh:
            self._put(" ")
        self.space = False

    def text(self, s: str | None) -> None:
        if not s:
            return
        s = _SPACE.sub(" ", s)
        if s.startswith(" "):
            self.space, s = True, s[1:]
        if not s:
            return
        trailing = s.endswith(" ")
        self._settle()
        self._put(s.rstrip(" "))
        self.fresh, self.space = False, trailing

    def unglue(self) -> None:
        """An inline element right after 'Mr.' or a colon gets the space a printed page shows."""
        if not self.space and not self.fresh and not self.prefix and _GLUED.search(self.tail):
            self.space = True

    def start_inline(self) -> int:
        """Where an inline element's text will start (any space owed before it written first)."""
        self._settle()
        return self.length

    def marker(self, label: str) -> None:
        """A footnote marker, glued to the word before it."""
        self.space = False
        self._settle()
        self._put(f"[{label}]")
        self.fresh = False

    def line_break(self) -> None:
        if not self.fresh:
            self._put("\n")
        self.fresh, self.space = True, False

    def block(self) -> None:
        if self.length and not self.tail.endswith("\n\n"):
            if self.tail.endswith("\n"):
                self._put("\n")
            else:
                self._put("\n\n")
        self.fresh, self.space = True, False

    def result(self) -> str:
        return "".join(self.parts).rstrip()


class _Renderer:
    def __init__(self, track: frozenset[str], skip: Callable[[Any], bool] | None) -> None:
        self.out = _Writer()
        self.track, self.skip = track, skip
        self.rendered = Rendered(text="")

    def walk(self, el: Any) -> None:
        name, out = local(el), self.out
        if not name or name in DROPPED or el.tag.startswith(FRUS) or (self.skip and self.skip(el)):
            return
        if name == "note":
            self.rendered.notes.append(el)
            if el.get("type") != "source" and el.get("n"):
                out.marker(el.get("n"))
            return
        if name == "lb":
            out.line_break()
            return
        if name == "label":
            out.block()
            out.prefix = tei_text_of(el)
            return
        block = name in BLOCKS or (name == "quote" and "block" in (el.get("rend") or ""))
        if block and not (name == "item" and out.prefix):
            out.block()
        elif not block:
            out.unglue()
        start = out.start_inline() if name in self.track else -1
        self.content(el)
        if start >= 0:
            self.rendered.spans.append((el, start, out.length))
        if block:
            out.block()

    def content(self, el: Any) -> None:
        self.out.text(el.text)
        for child in el:
            self.walk(child)
            self.out.text(child.tail)

    def result(self) -> Rendered:
        text = self.out.result()
        spans = []
        for el, start, end in self.rendered.spans:  # a name that begins or ends with a space or a line break
            end = min(end, len(text))
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((el, start, end))
        self.rendered.text, self.rendered.spans = text, spans
        return self.rendered


def render(elements: list[Any], track: frozenset[str] = frozenset({"persName"}),
           skip: Callable[[Any], bool] | None = None) -> Rendered:
    """Render ``elements`` (siblings, in order) as text; notes become ``[n]`` markers and are listed, not printed.

    ``track`` names the elements whose offsets are recorded; ``skip`` drops elements (with their content).
    """
    renderer = _Renderer(track, skip)
    for element in elements:
        renderer.walk(element)
    return renderer.result()


def render_content(element: Any, track: frozenset[str] = frozenset({"persName"}),
                   skip: Callable[[Any], bool] | None = None) -> Rendered:
    """Render what is inside ``element``: a note's text, a document's body."""
    renderer = _Renderer(track, skip)
    renderer.content(element)
    return renderer.result()


def parse_tei(path: Path, data: bytes) -> Any:
    """The root of a TEI file, parsed without fetching anything (no DTDs, no entities, no network)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(f"{path.name}: not well-formed XML ({exc})") from exc
    if local(root) not in {"TEI", "teiCorpus"}:
        raise UnreadableFile(f"{path.name}: an XML file, but not TEI (its root is <{local(root)}>)")
    return root


def note_text(note: Any) -> str:
    """A note's text on one line per paragraph."""
    return render_content(note).text.replace("\n\n", "\n")


def note_line(note: Any) -> str:
    """A note as printed under a document: '[n] text', the source note as it reads ('Source: ...')."""
    text = note_text(note)
    return text if note.get("type") == "source" or not note.get("n") else f"[{note.get('n')}] {text}"


@dataclass
class TEIText(Text):
    """A Text that keeps its TEI tree, for layouts that read the markup rather than the rendered text."""

    root: Any = None


class TEIReader:
    formats = ("tei",)

    def read(self, path: Path, data: bytes) -> TEIText:
        root = parse_tei(path, data)
        texts = root.xpath("//tei:text[not(ancestor::tei:text)]", namespaces=NS)  # one per TEI in a teiCorpus
        if not texts:
            raise EmptyDocument(f"{path.name}: a TEI file without a <text>")
        rendered = render(texts)
        notes = [note_line(n) for n in rendered.notes]
        text = rendered.text + ("\n\n" + "_" * 20 + "\n" + "\n".join(notes) if notes else "") + "\n"
        meta = {"tei_id": root.get(XML_ID) or ""}
        title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS)
        if title is not None:
            meta["tei_title"] = tei_text_of(title)
        return TEIText(text=text, path=path, format="tei", meta=meta, root=root)
