"""The search index: tantivy, in the archive's ``index/`` folder, built from the Records the archive keeps and
kept in step with it (ingest, re-ingest, entity merges). It can always be rebuilt from the archive.

Why tantivy: a real engine (BM25, phrases, fuzzy and prefix terms, fast fields for facets and date ranges) that is
embedded, needs no server, installs from PyPI and answers in well under a millisecond at 10,000 documents; see
docs/search.md and docs/performance.md for the comparison with SQLite FTS5.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tantivy

from cablegram.entities.authority import load_authority
from cablegram.errors import BadQuery
from cablegram.record import Record
from cablegram.search.fields import build_schema, to_document
from cablegram.search.query import Compiler, parse

FACETS = {"type": "doc_type", "year": "year", "month": "month", "classification": "classification",
          "language": "language", "original_language": "original_language", "archive": "archive",
          "persons": "persons", "places": "places"}
NAMED_FACETS = {"persons", "places"}  # values are entity ids: shown by name
SCHEMA_VERSION = "2"


@dataclass
class SearchResult:
    total: int
    hits: list[dict[str, Any]] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self, text_snippets: bool = False) -> dict[str, Any]:
        """As JSON: snippets as text with [highlights], or (for HTML clients) escaped with <mark>."""
        from cablegram.web.snippets import snippet_html, snippet_text

        show = snippet_text if text_snippets else (lambda s: str(snippet_html(s)))
        hits = [{**hit, "snippet": show(hit.get("snippet"))} for hit in self.hits]
        return {"total": self.total, "hits": hits, "facets": self.facets}


HEAP_PER_THREAD = 384_000_000  # bytes of indexing memory per writer thread


class SearchIndex:
    """A tantivy index over Records. Writes are buffered until ``commit``; searches see the last commit."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.schema = build_schema()
        self.created = False
        if path is not None:
            version_file = path / "VERSION"
            if path.exists() and (not version_file.exists() or version_file.read_text().strip() != SCHEMA_VERSION):
                shutil.rmtree(path)  # an index of an older layout: rebuilt from the archive
            if not path.exists():
                path.mkdir(parents=True)
                version_file.write_text(SCHEMA_VERSION)
                self.created = True
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        else:
            self.index = tantivy.Index(self.schema)
            self.created = True
        self._writer: tantivy.IndexWriter | None = None

    # writing ---------------------------------------------------------------------------------------------------

    @property
    def writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            # tantivy indexes in its own threads while Python makes the next documents; one thread per core (up to
            # 4): on 2 cores a build runs about 1.5 times as fast as with one. 384 MB each (taken as segments fill,
            # not up front) makes fewer, larger segments and so fewer merges: ~1.2x the rate of tantivy's 128 MB
            # on long documents (docs/performance.md)
            threads = max(1, min(4, os.cpu_count() or 1))
            self._writer = self.index.writer(heap_size=HEAP_PER_THREAD * threads, num_threads=threads)
        return self._writer

    def delete(self, record_ids: Iterable[str]) -> None:
        for record_id in record_ids:
            self.writer.delete_documents_by_term("id", record_id)

    def add(self, records: Iterable[Record]) -> None:
        for record in records:
            self.writer.delete_documents_by_term("id", record.id)
            self.writer.add_document(to_document(record))

    def add_documents(self, documents: Iterable[tantivy.Document]) -> int:
        """Add prepared documents (see ``fields.to_document``); for bulk builds."""
        n = 0
        for doc in documents:
            self.writer.add_document(doc)
            n += 1
        return n

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self.index.reload()

    # searching -------------------------------------------------------------------------------------------------

    def compile(self, query: str, expand_entity: Callable[[str], list[str]] | None = None) -> tantivy.Query:
        return Compiler(self.index, self.schema, expand_entity=expand_entity).compile(parse(query))

    def search(self, query: str, limit: int = 20, offset: int = 0, sort: str = "relevance", facets: bool = True,
               expand_entity: Callable[[str], list[str]] | None = None) -> SearchResult:
        """Hits for a query in the query language (docs/search.md), with snippets and facet counts."""
        compiled = self.compile(query, expand_entity)
        searcher = self.index.searcher()
        found: Any
        try:
            if sort == "relevance":
                found = searcher.search(compiled, limit, count=True, offset=offset)
            elif sort in {"date", "date-desc"}:
                order = tantivy.Order.Asc if sort == "date" else tantivy.Order.Desc
                found = searcher.search(compiled, limit, count=True, offset=offset, order_by_field="date", order=order)
            else:
                raise BadQuery(f"cannot sort by {sort!r}", "Sort by relevance, date or date-desc.")
        except ValueError as exc:
            raise BadQuery(f"cannot run the query {query!r}: {exc}") from exc
        snippets = _Snippets(searcher, compiled, self.schema)
        hits = []
        for key, address in found.hits:
            doc = searcher.doc(address)
            hits.append({"id": doc.get_first("id"), "title": doc.get_first("title") or None,
                         "date": doc.get_first("date_text") or None,
                         "doc_type": _none(doc.get_first("doc_type")),
                         "score": round(float(key), 4) if sort == "relevance" and key is not None else None,
                         "snippet": snippets.of(doc)})
        result = SearchResult(total=found.count or 0, hits=hits)
        if facets:
            result.facets = self.facets(searcher, compiled)
        return result

    def facets(self, searcher: tantivy.Searcher, query: tantivy.Query, size: int = 20) -> dict[str, dict[str, int]]:
        spec = {name: {"terms": {"field": fname, "size": size}} for name, fname in FACETS.items()}
        raw = searcher.aggregate(query, spec)
        authority = load_authority()
        out: dict[str, dict[str, int]] = {}
        for name in FACETS:
            buckets = raw.get(name, {}).get("buckets", [])
            values: dict[str, int] = {}
            for bucket in buckets:
                key = str(bucket["key"])
                if key == "none":
                    continue
                if name in NAMED_FACETS:
                    entity = authority.get(key)
                    key = entity.name if entity else key
                values[key] = values.get(key, 0) + int(bucket["doc_count"])
            out[name] = dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))) if name not in {"year", "month"} \
                else dict(sorted(values.items()))
        return out

    def count(self) -> int:
        return int(self.index.searcher().num_docs)


class _Snippets:
    """The body's snippet for each hit, the query's words highlighted. tantivy tokenizes all the text it is given,
    which for a long OCR document (a 690-page report is 1.3 MB) takes tens of milliseconds a hit; so a body longer
    than LONG_BODY is given to it only in a window around the first place one of the query's words stands (found by
    a plain search for the stems the query looks for in the body, read from the query). A filter without words has
    no snippets to make, and tantivy is not asked."""

    LONG_BODY = 8_000  # characters
    TRIES = 4  # windows tried before the whole body is given to tantivy after all
    _term = re.compile(r'Term\(field=(\d+), type=Str, "((?:[^"\\]|\\.)*)"\)')

    def __init__(self, searcher: tantivy.Searcher, query: tantivy.Query, schema: tantivy.Schema) -> None:
        body = re.search(r"field=(\d+)", repr(tantivy.Query.term_query(schema, "body", "x")))
        described = repr(query)
        readable = body is not None and described.startswith("Query(")
        stems = {m.group(2) for m in self._term.finditer(described) if m.group(1) == body.group(1)} \
            if body is not None and readable else set()
        # a stem's words begin with the stem less its last letter ('happi': happy, happiness), after a character that
        # is not a letter or digit; a stem with an escaped character in the description is not worth reading back
        self.keys: list[str] | None = None  # None: every body goes to tantivy whole
        if stems and not any("\\" in s for s in stems):
            self.keys = sorted({s[:-1] if len(s) >= 4 else s for s in stems})
        self.generator: tantivy.SnippetGenerator | None = None
        if stems or not readable:  # a query read whole with no word for the body (type:, date:) has no snippets
            self.generator = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
            self.generator.set_max_num_chars(240)

    def of(self, doc: tantivy.Document) -> str:
        if self.generator is None:
            return ""
        body = doc.get_first("body") or ""
        if self.keys is None or len(body) <= self.LONG_BODY:
            return _marked(self.generator.snippet_from_doc(doc))
        lower = body.lower()
        start = 0
        for _ in range(self.TRIES):
            at = min((p for p in (self._word_at(lower, key, start) for key in self.keys) if p >= 0), default=-1)
            if at < 0:
                return ""  # none of the words stands in the body (the hit is for its title, names, entities)
            lo = body.rfind(" ", 0, max(0, at - 150)) + 1
            hi = body.find(" ", at + 400)
            snippet = self.generator.snippet_from_doc(tantivy.Document(body=body[lo:hi if hi > 0 else len(body)]))
            if snippet.highlighted():
                return _marked(snippet)
            start = at + 1
        return _marked(self.generator.snippet_from_doc(doc))

    @staticmethod
    def _word_at(text: str, key: str, start: int) -> int:
        """Where a word beginning with ``key`` first stands in ``text`` from ``start``, or -1: a plain search (a
        regular expression with the word boundary takes 18 ms, not 1, to find a word absent from 770 KB of OCR)."""
        at = text.find(key, start)
        while at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_"):
            at = text.find(key, at + 1)
        return at


def _none(value: Any) -> Any:
    return None if value in {"none", ""} else value


def _marked(snippet: tantivy.Snippet) -> str:
    """The snippet's text with its highlights between STX and ETX (see web/snippets.py)."""
    text = snippet.fragment().encode("utf-8")  # the ranges count bytes
    spans: list[list[int]] = []
    for r in sorted(snippet.highlighted(), key=lambda r: r.start):
        if spans and not text[spans[-1][1]:r.start].strip():
            spans[-1][1] = r.end  # 'special folder' is one highlight, not two
        else:
            spans.append([r.start, r.end])
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], b"\x02", text[start:end], b"\x03"]
        last = end
    out.append(text[last:])
    return b"".join(out).decode("utf-8", errors="replace")
