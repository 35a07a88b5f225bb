"""One search over an archive, as the CLI and the reading room run it: words and fields through the index,
and, when asked, meaning through the semantic index, ranked together."""

from __future__ import annotations

from cablegram.search.index import SearchResult
from cablegram.store import Archive


def run_search(archive: Archive, query: str, limit: int = 20, offset: int = 0, sort: str = "relevance",
               semantic: bool = False) -> SearchResult:
    if semantic:
        from cablegram.search.semantic import hybrid_search

        result: SearchResult = hybrid_search(archive, query, limit=limit, offset=offset)
        return result
    return archive.search(query, limit=limit, offset=offset, sort=sort)
