"""Ingest: files and folders into an archive. Every input ends in the report as ingested, unchanged,
skipped or failed with a reason; one bad file never stops the batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cablegram.errors import CablegramError
from cablegram.pipeline import extract_file
from cablegram.store import Archive

DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".xml", ".tei"}
NOT_DOCUMENTS = {"readme", "provenance", "license", "licence", "changelog"}


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def find_inputs(paths: Iterable[Path], report: IngestReport) -> Iterator[Path]:
    """Files named, and document files in folders named (recursively); the rest is reported as skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() not in DOCUMENT_SUFFIXES or child.stem.lower() in NOT_DOCUMENTS:
                    report.skipped.append((str(child), "not a document format cablegram reads"))
                else:
                    yield child
        else:
            yield path


def ingest(paths: Iterable[Path], archive: Archive,
           progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None) -> IngestReport:
    """Read every input into ``archive``; a file already held with the same content is left unchanged."""
    report = IngestReport()
    inputs = list(find_inputs(paths, report))
    for path in progress(inputs) if progress else inputs:
        key = str(path.resolve())
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if archive.source_sha(key) == sha:
                report.unchanged.append(str(path))
                continue
            records = extract_file(path)
            archive.replace_source(key, sha, records)
        except CablegramError as exc:
            report.failed.append((str(path), str(exc)))
        except OSError as exc:
            report.failed.append((str(path), f"cannot read: {exc.strerror or exc}"))
        except Exception as exc:  # a bug must not lose the rest of the batch; the report names it
            report.failed.append((str(path), f"internal error: {type(exc).__name__}: {exc}"))
        else:
            report.ingested.append(str(path))
            report.records += len(records)
    archive.flush()
    return report
