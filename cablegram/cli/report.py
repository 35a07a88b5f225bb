"""How the CLI prints an ingest report, a progress bar and a record."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from cablegram.ingest import IngestReport
from cablegram.record import Record
from cablegram.search.index import SearchResult


def progress_bar(items: Iterable[Path]) -> Iterator[Path]:
    """A progress bar on a terminal, for runs long enough to want one; plain iteration otherwise."""
    items = list(items)
    if not sys.stderr.isatty() or len(items) < 20:
        yield from items
        return
    with click.progressbar(items, label="ingesting", file=sys.stderr) as bar:
        yield from bar


def print_report(report: IngestReport) -> None:
    click.echo(f"ingested: {len(report.ingested)} files ({report.records} records)")
    click.echo(f"unchanged: {len(report.unchanged)}")
    if report.skipped:
        click.echo(f"skipped: {len(report.skipped)} (not documents)")
    click.echo(f"failed: {len(report.failed)}")
    for path, reason in report.failed:
        click.echo(f"  {path}: {reason}")


def format_record(record: Record) -> str:
    def names(parties: list) -> str:  # type: ignore[type-arg]
        return "; ".join(p.name + (f" ({p.role})" if p.role else "") for p in parties)

    lines = [record.title or "(untitled)", ""]
    for label, value in [("id", record.id), ("date", record.date), ("type", record.doc_type),
                         ("from", names(record.from_)), ("to", names(record.to)),
                         ("markings", ", ".join(record.markings.as_written)), ("language", record.language),
                         ("original", record.original_language), ("translator", record.translator),
                         ("archive", record.provenance.archive), ("publisher", record.provenance.publisher),
                         ("url", record.provenance.source_url)]:
        if value:
            lines.append(f"{label:>10}: {value}")
    lines += ["", record.body]
    if record.notes:
        lines += ["", "Notes:"] + [f"  [{n.label or n.kind}] {n.text}" for n in record.notes]
    return "\n".join(lines)


def format_entity(entity: dict[str, Any]) -> str:
    lines = [f"{entity['name']}  ({entity['kind']}, {entity['id']})"]
    if entity.get("variants"):
        lines.append("  also: " + ", ".join(entity["variants"][:30]))
    for alias in entity.get("aliases", []):
        period = f"{alias.get('start') or '…'}–{alias.get('end') or '…'}"
        lines.append(f"  alias {alias['name']} {period} {alias.get('note') or ''}")
    for post in entity.get("posts", []):
        lines.append(f"  {post.get('start') or '…'}–{post.get('end') or '…'}  {post['title']}")
    if entity.get("documents"):
        lines.append(f"  {len(entity['documents'])} documents:")
        for doc in entity["documents"]:
            lines.append(f"    {doc['date'] or 'undated':<16} {doc['title'] or '(untitled)'}  [as {', '.join(doc['as'])}]")
    if entity.get("co_mentioned"):
        lines.append("  named beside: " + ", ".join(f"{c['name']} ({c['documents']})" for c in entity["co_mentioned"][:10]))
    return "\n".join(lines)


def print_search(result: SearchResult, show_facets: bool) -> None:
    from cablegram.web.snippets import snippet_text

    click.echo(f"{result.total} found")
    for hit in result.hits:
        click.echo(f"{hit['id']}  {hit['date'] or '—':<16}  {hit['title'] or ''}")
        if hit.get("snippet"):
            click.echo(f"    {snippet_text(hit['snippet'])}")
    if show_facets:
        for name, values in result.facets.items():
            if values:
                click.echo(f"{name}: " + ", ".join(f"{k} ({v})" for k, v in list(values.items())[:10]))
