"""Search snippets carry their highlights as control characters (STX ... ETX) until they are shown."""

from __future__ import annotations

from markupsafe import Markup, escape

START, END = "\x02", "\x03"


def snippet_html(snippet: str | None) -> Markup:
    """Escaped text with the highlights as <mark>: the document's text never becomes markup."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(START, "<mark>").replace(END, "</mark>"))


def snippet_text(snippet: str | None) -> str:
    return (snippet or "").replace(START, "[").replace(END, "]")
