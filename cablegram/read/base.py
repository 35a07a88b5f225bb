"""What a reader returns, and how a file finds its reader."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cablegram.errors import UnreadableFile, UnsupportedFormat


@dataclass
class Text:
    """A document's text as read from a file, before any layout is recognised."""

    text: str
    path: Path
    format: str
    encoding: str = "utf-8"
    sha256: str = ""
    meta: dict[str, str] = field(default_factory=dict)


class Reader(Protocol):
    def read(self, path: Path, data: bytes) -> Text: ...


def sniff_format(path: Path, data: bytes) -> str:
    """'html', 'tei', 'ocr_markdown' or 'text', by extension first and by content when the extension says little."""
    suffix = path.suffix.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    if suffix in {".xml", ".tei"} or head.startswith(b"<?xml"):
        return "tei" if b"<tei" in data[:20000].lower() else "xml"
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "html"
    if suffix in {".pdf"} or head.startswith(b"%pdf"):
        return "pdf"
    from cablegram.read.ocr_markdown import is_ocr_markdown

    return "ocr_markdown" if is_ocr_markdown(head) else "text"


def read_file(path: Path) -> Text:
    """Read ``path`` with the reader for its format; raise UnreadableFile/UnsupportedFormat."""
    import hashlib

    from cablegram.read.html import HTMLReader
    from cablegram.read.ocr_markdown import OCRMarkdownReader
    from cablegram.read.plain import PlainTextReader
    from cablegram.read.tei import TEIReader

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror or exc}") from exc
    fmt = sniff_format(path, data)
    readers: dict[str, Reader] = {"text": PlainTextReader(), "html": HTMLReader(), "tei": TEIReader(),
                                 "ocr_markdown": OCRMarkdownReader()}
    reader = readers.get(fmt)
    if reader is None:
        raise UnsupportedFormat(f"{path.name}: {fmt.upper()} files are not read yet")
    text = reader.read(path, data)
    text.text = text.text.replace("\xa0", " ").replace("\u200b", "")
    text.sha256 = hashlib.sha256(data).hexdigest()
    return text
