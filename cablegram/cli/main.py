"""`cablegram` commands. Each is a lookup or a call into the library, and printing."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from cablegram.errors import CablegramError
from cablegram.store import Archive

DEFAULT_ARCHIVE = Path.home() / ".local" / "share" / "cablegram" / "archive"


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"cablegram: {message}", err=True)
    sys.exit(code)


class Context:
    def __init__(self, archive_path: Path) -> None:
        self.archive_path = archive_path
        self._archive: Archive | None = None

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            self._archive = Archive(self.archive_path)
        return self._archive


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--archive", "archive_path", type=click.Path(path_type=Path), envvar="CABLEGRAM_ARCHIVE",
              default=DEFAULT_ARCHIVE, show_default=True,
              help="Folder of the archive (also CABLEGRAM_ARCHIVE).")
@click.version_option(package_name="cablegram")
@click.pass_context
def cli(ctx: click.Context, archive_path: Path) -> None:
    """cablegram: a linked, searchable archive of declassified diplomatic documents."""
    ctx.obj = Context(archive_path)
    if (archive_path / "authority").is_dir() and "CABLEGRAM_AUTHORITY" not in os.environ:
        os.environ["CABLEGRAM_AUTHORITY"] = str(archive_path / "authority")  # the user's own authority entries


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the Record as JSON (the default).")
@click.option("--jsonl", is_flag=True, help="Print one Record per line, for files that hold many documents.")
def extract(file: Path, as_json: bool, jsonl: bool) -> None:
    """Read FILE and print its Record, without touching any archive."""
    from cablegram.pipeline import extract_file

    try:
        records = extract_file(file)
    except CablegramError as exc:
        _fail(str(exc))
    if jsonl:
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
    elif len(records) == 1:
        _dump(records[0].to_dict())
    else:
        _fail(f"{file} holds {len(records)} documents: use --jsonl")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def ingest(obj: Context, paths: tuple[Path, ...]) -> None:
    """Read files and folders (recursively) into the archive."""
    from cablegram.cli.report import print_report, progress_bar
    from cablegram.ingest import ingest as run_ingest

    report = run_ingest(paths, obj.archive, progress=progress_bar)
    print_report(report)
    sys.exit(0 if report.ok else 1)


@cli.command(name="list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_records(obj: Context, as_json: bool) -> None:
    """List the records in the archive."""
    rows = obj.archive.summaries()
    if as_json:
        _dump(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['date'] or '—':<16}  {row['doc_type'] or '':<12}  {row['title'] or ''}")


@cli.command()
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show(obj: Context, record_id: str, as_json: bool) -> None:
    """Show one record."""
    from cablegram.cli.report import format_record

    try:
        record = obj.archive.get(record_id)
    except CablegramError as exc:
        _fail(str(exc))
    if as_json:
        _dump(record.to_dict())
    else:
        click.echo(format_record(record))


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print {total, hits, facets} as JSON.")
@click.option("--facets", "show_facets", is_flag=True, help="Show facet counts (always in --json).")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date", "date-desc"]), default="relevance", show_default=True)
@click.option("--semantic", is_flag=True, help="Rank by meaning too (needs the 'semantic' extra).")
@click.pass_obj
def search(obj: Context, query: tuple[str, ...], as_json: bool, show_facets: bool, limit: int, offset: int, sort: str,
           semantic: bool) -> None:
    """Search the archive: words, "phrases", field:value, date ranges, AND/OR/NOT, prefix*, fuzzy~ (docs/search.md)."""
    from cablegram.cli.report import print_search
    from cablegram.search.run import run_search

    try:
        result = run_search(obj.archive, " ".join(query), limit=limit, offset=offset, sort=sort, semantic=semantic)
    except CablegramError as exc:
        _fail(f"{exc} ({exc.hint})" if exc.hint else str(exc), code=2)
    if as_json:
        _dump(result.to_dict(text_snippets=True))
    else:
        print_search(result, show_facets)


@cli.command(context_settings={"ignore_unknown_options": False})
@click.argument("words", nargs=-1)
@click.option("--json", "as_json", is_flag=True)
@click.option("--as", "new_id", default=None, help="With split: the id of the new entity.")
@click.pass_obj
def entities(obj: Context, words: tuple[str, ...], as_json: bool, new_id: str | None) -> None:
    """List entities, or those matching QUERY in any spelling or script.

    \b
    cablegram entities [QUERY] [--json]
    cablegram entities merge KEEP OTHER          OTHER is the same entity as KEEP
    cablegram entities split ID VARIANT [--as NEW]  mentions of ID written VARIANT are another entity
    Decisions are kept in the archive and survive re-ingest.
    """
    store = obj.archive.entities
    try:
        if words[:1] == ("merge",) and len(words) == 3:
            obj.archive.merge_entities(words[1], words[2])
            click.echo(f"merged {words[2]} into {words[1]}")
            return
        if words[:1] == ("split",) and len(words) == 3:
            click.echo(f"split {words[2]!r} out of {words[1]} as {obj.archive.split_entity(words[1], words[2], new_id)}")
            return
    except CablegramError as exc:
        _fail(f"{exc} ({exc.hint})")
    if words[:1] in {("merge",), ("split",)}:
        _fail(f"usage: cablegram entities {words[0]} ID {'OTHER' if words[0] == 'merge' else 'VARIANT'}", code=2)
    found = store.listing(" ".join(words) or None)
    if as_json:
        _dump([{k: e[k] for k in ("id", "name", "kind", "variants")} for e in found])
        return
    for e in found:
        click.echo(f"{e['id']:<36} {e['kind']:<12} {e['name']}")


@cli.command()
@click.argument("entity_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def entity(obj: Context, entity_id: str, as_json: bool) -> None:
    """One entity: variants, aliases, posts over time, documents under every spelling, who is named beside it."""
    from cablegram.cli.report import format_entity

    described = obj.archive.entities.describe(entity_id)
    if described is None:
        _fail(f"no entity with id {entity_id!r} (find ids with `cablegram entities QUERY`)")
    if as_json:
        _dump(described)
    else:
        click.echo(format_entity(described or {}))


@cli.command()
@click.pass_obj
def reindex(obj: Context) -> None:
    """Rebuild the search index from the records the archive keeps."""
    click.echo(f"reindexed {obj.archive.reindex()} records")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.pass_obj
def serve(obj: Context, host: str, port: int) -> None:
    """Serve the reading room over the archive."""
    from cablegram.web.app import run

    run(obj.archive, host, port)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.pass_context
def demo(ctx: click.Context, host: str, port: int) -> None:
    """Ingest the bundled examples and open the reading room on them."""
    from cablegram.cli.report import print_report
    from cablegram.examples import example_paths
    from cablegram.ingest import ingest as run_ingest
    from cablegram.web.app import run

    obj: Context = ctx.obj
    if ctx.find_root().params.get("archive_path") == DEFAULT_ARCHIVE and "CABLEGRAM_ARCHIVE" not in os.environ:
        obj.archive_path = DEFAULT_ARCHIVE.parent / "demo"
    click.echo(f"archive: {obj.archive_path}")
    print_report(run_ingest(example_paths(), obj.archive))
    run(obj.archive, host, port)


def main() -> None:
    cli(prog_name="cablegram")


if __name__ == "__main__":
    main()
