"""Approximate nearest chunks: an HNSW graph over the rows of the semantic index, for archives too large to compare
every row with the query (docs/search.md, "Semantic search (optional)").

Below ``MIN_ROWS`` rows the brute-force product over all rows is exact and takes a few milliseconds, so no graph is
made. From there on the index keeps ``ann.G.usearch`` beside ``vectors.G.npy``: a usearch HNSW graph whose keys are
row numbers, its vectors quantised to 8 bits (a quarter of the float32 size). A search asks the graph for candidate
rows, and the candidates are then scored exactly against the float32 vectors, so scores and the ranking among the
candidates are the same as brute force gives; what the graph can miss is a row it does not return.

usearch ships in the ``semantic`` extra; without it every search stays brute force.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MIN_ROWS = 60_000  # rows from which a graph is made: ~25 ms brute force on 2 cores, below that exact is as quick
CONNECTIVITY = 16  # edges per node (HNSW's M)
EXPANSION_ADD = 64  # search depth while inserting (efConstruction): half usearch's default, twice as fast to build
EXPANSION_SEARCH = 64  # least search depth while querying (ef), raised to the number of rows asked for
BLOCK = 100_000  # rows added per call, to keep the float32 copy of a block small


def available() -> bool:
    try:
        return importlib.util.find_spec("usearch") is not None
    except (ImportError, ValueError):
        return False


def _new(dim: int) -> Any:
    from usearch.index import Index

    return Index(ndim=dim, metric="ip", dtype="i8", connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD,
                 expansion_search=EXPANSION_SEARCH)


def build(vectors: npt.NDArray[np.float32], path: Path, extend: Path | None = None) -> None:
    """Write the graph of ``vectors`` (row i has key i) to ``path``. With ``extend``, the graph there holds the first
    rows already: it is loaded and only the rows after them are added."""
    import numpy as np
    from usearch.index import Index

    graph = Index.restore(str(extend), view=False) if extend is not None else None
    if graph is None:
        graph = _new(vectors.shape[1])
    first = len(graph)
    for lo in range(first, len(vectors), BLOCK):
        block = np.ascontiguousarray(vectors[lo:lo + BLOCK], dtype=np.float32)
        graph.add(np.arange(lo, lo + len(block), dtype=np.uint64), block, threads=0)
    tmp = path.with_suffix(".tmp")
    graph.save(str(tmp))
    tmp.replace(path)


def open_graph(path: Path) -> Any:
    """The graph at ``path`` mapped from disk (not read into memory), or None when there is none."""
    from usearch.index import Index

    if not path.exists():
        return None
    return Index.restore(str(path), view=True)


def nearest_rows(graph: Any, query: npt.NDArray[np.float32], k: int) -> npt.NDArray[np.intp]:
    """The rows the graph finds nearest to ``query``: at most ``k``, in row order."""
    import numpy as np

    k = min(k, len(graph))
    if k <= 0:
        return np.zeros(0, dtype=np.intp)
    graph.expansion_search = max(EXPANSION_SEARCH, k)
    found = graph.search(query, k)
    return np.sort(np.asarray(found.keys, dtype=np.intp))
