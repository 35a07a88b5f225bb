"""Search: an embedded tantivy index built from the archive, a query language historians can type, facets."""

from cablegram.search.index import SearchIndex, SearchResult

__all__ = ["SearchIndex", "SearchResult"]
