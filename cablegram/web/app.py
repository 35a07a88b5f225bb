"""The reading room: a search page, document pages, and the JSON API they share with scripts.

Document text is untrusted: templates escape everything (Jinja2 autoescape); nothing from a document
is ever rendered as HTML.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from cablegram.errors import BadQuery, CablegramError, NotFound
from cablegram.record import Record
from cablegram.search.index import SearchResult
from cablegram.search.run import run_search
from cablegram.store import Archive
from cablegram.web.snippets import snippet_html

PAGE_SIZE = 20


def create_app(archive: Archive) -> FastAPI:
    app = FastAPI(title="cablegram reading room", version="0.1.0")
    templates = Environment(loader=PackageLoader("cablegram.web", "templates"),
                            autoescape=select_autoescape(default=True, default_for_string=True))
    templates.filters["highlight"] = snippet_html
    static = resources.files("cablegram.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    @app.exception_handler(CablegramError)
    async def cablegram_error(request: Request, exc: CablegramError) -> JSONResponse | HTMLResponse:
        status = 404 if isinstance(exc, NotFound) else 400
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.to_dict()}, status_code=status)
        return page("error.html", status=status, error=exc)

    def search_results(q: str, offset: int, limit: int = PAGE_SIZE, sort: str = "relevance",
                       semantic: bool = False) -> SearchResult:
        if not q.strip():
            rows = archive.summaries(limit=limit, offset=offset)
            return SearchResult(total=archive.count(), hits=[{**r, "score": None, "snippet": None} for r in rows])
        return run_search(archive, q, limit=limit, offset=offset, sort=sort, semantic=semantic)

    @app.get("/", response_class=HTMLResponse)
    def home(q: str = "", offset: int = 0, sort: str = "relevance", semantic: bool = False) -> HTMLResponse:
        context: dict[str, Any] = {"q": q, "offset": offset, "page_size": PAGE_SIZE, "sort": sort, "semantic": semantic}
        try:
            results = search_results(q, offset, sort=sort, semantic=semantic)
        except BadQuery as exc:
            return page("search.html", results=None, error=exc, **context)
        return page("search.html", results=results, error=None, **context)

    @app.get("/documents/{record_id}", response_class=HTMLResponse)
    def document(record_id: str) -> HTMLResponse:
        record = archive.get(record_id)
        return page("document.html", record=record, named=named_in(record))

    @app.get("/entities", response_class=HTMLResponse)
    def entities_page(q: str = "") -> HTMLResponse:
        return page("entities.html", q=q, entities=archive.entities.listing(q or None))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: str) -> HTMLResponse:
        return page("entity.html", entity=_entity(entity_id))

    @app.get("/api/entities")
    def api_entities(q: str = "") -> list[dict[str, Any]]:
        return [{k: e[k] for k in ("id", "name", "kind", "variants")} for e in archive.entities.listing(q or None)]

    @app.get("/api/entities/{entity_id}")
    def api_entity(entity_id: str) -> dict[str, Any]:
        return _entity(entity_id)

    def _entity(entity_id: str) -> dict[str, Any]:
        described = archive.entities.describe(entity_id)
        if described is None:
            raise NotFound(f"no entity with id {entity_id!r}", "Find entities at /entities?q=NAME.")
        return described

    @app.get("/api/search")
    def api_search(q: str = "", offset: int = 0, limit: int = PAGE_SIZE, sort: str = "relevance",
                   semantic: bool = False) -> dict[str, Any]:
        """{"total", "hits": [{"id", "title", "date", "doc_type", "score", "snippet"}], "facets": {name: {value: n}}};
        snippets are escaped HTML with the matched words in <mark>."""
        return search_results(q, offset, limit=min(limit, 200), sort=sort, semantic=semantic).to_dict()

    @app.get("/api/documents")
    def api_documents(limit: int = 100, offset: int = 0) -> list[dict[str, str | None]]:
        return archive.summaries(limit=limit, offset=offset)

    @app.get("/api/documents/{record_id}")
    def api_document(record_id: str) -> dict[str, Any]:
        return archive.get(record_id).to_dict()

    return app


def named_in(record: Record) -> list[dict[str, Any]]:
    """Who and what a record names, one line each, with the spellings it uses: for the document page."""
    named: dict[str, dict[str, Any]] = {}
    for m in record.mentions:
        key = m.entity_id or f"?{m.text}"
        entry = named.setdefault(key, {"id": m.entity_id, "type": m.type, "as": []})
        if m.text not in entry["as"]:
            entry["as"].append(m.text)
    return sorted(named.values(), key=lambda e: (e["type"], e["as"][0]))


def run(archive: Archive, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    print(f"reading room: http://{host}:{port}  (Ctrl-C stops it)", flush=True)
    uvicorn.run(create_app(archive), host=host, port=port, log_level="warning")
