"""Semantic search: placeholder until the semantic extra lands (see docs/search.md)."""

from __future__ import annotations

from cablegram.errors import CablegramError
from cablegram.search.index import SearchResult
from cablegram.store import Archive


class SemanticUnavailable(CablegramError):
    code = "semantic_unavailable"
    hint = "Install the semantic extra: pip install -e '.[semantic]'."


def hybrid_search(archive: Archive, query: str, limit: int = 20, offset: int = 0) -> SearchResult:
    raise SemanticUnavailable("semantic search is not installed")
