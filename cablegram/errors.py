"""One family of errors, each with a code and a hint for the user."""

from __future__ import annotations


class CablegramError(Exception):
    """Base of every error cablegram reports to a user: a code, a one-line message, a hint."""

    code = "error"
    hint = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": str(self), "hint": self.hint}


class UnreadableFile(CablegramError):
    code = "unreadable_file"
    hint = "Check that the path exists and that the file is a document cablegram reads (text, HTML, TEI)."


class UnsupportedFormat(CablegramError):
    code = "unsupported_format"
    hint = "cablegram reads plain text, HTML and TEI XML."


class EmptyDocument(CablegramError):
    code = "empty_document"
    hint = "The file holds no text once its markup and page furniture are removed."


class NotFound(CablegramError):
    code = "not_found"
    hint = "List what the archive holds with `cablegram list`."


class BadQuery(CablegramError):
    code = "bad_query"
    hint = "See docs/search.md for the query language."
