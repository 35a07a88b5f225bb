"""cablegram: a linked, searchable, citable archive of declassified diplomatic documents."""

from cablegram.ingest import IngestReport, ingest
from cablegram.pipeline import extract_file
from cablegram.record import Record
from cablegram.store import Archive

__version__ = "0.1.0"
__all__ = ["Archive", "IngestReport", "Record", "__version__", "extract_file", "ingest"]
