"""What semantic search costs on this machine: model load, embedding rate, query latency (docs/search.md, "Semantic
search (optional)"). Needs the semantic extra.

    .venv/bin/python bench/semantic.py                 # the demo's FRUS volume, then scans at 10k/100k/1M records
    .venv/bin/python bench/semantic.py --sizes 10000   # fewer scan sizes

Part 1 ingests the FRUS 1961-63 v06 volume the demo ships (120 documents) with the semantic index switched off, then
embeds every record as ``Archive.flush`` does, and times queries against that archive. Part 2 times the brute-force
scan alone over random unit vectors, at as many rows per record as part 1 found, since the scan does not depend on
what the vectors say.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

QUERIES = ["Documents about the withdrawal of missiles under UN inspection",
           "neutrality of Laos", "on-site inspection of underground nuclear tests", "Bolshakov",
           "letters between Kennedy and Khrushchev about Berlin"]


def timed(fn: object, runs: int = 7) -> float:
    """Median wall time in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_import() -> float:
    code = ("import time; t = time.perf_counter(); from sentence_transformers import SentenceTransformer; "
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def real_archive() -> float:
    from cablegram.ingest import ingest
    from cablegram.search import semantic
    from cablegram.store import Archive

    volume = Path(str(resources.files("cablegram.examples").joinpath("documents/frus1961-63v06.xml")))
    print(f"import sentence_transformers, cold process: {cold_import():.1f} s")
    import sentence_transformers  # noqa: F401  (timed above)

    start = time.perf_counter()
    semantic.model()
    print(f"model load (after the import): {time.perf_counter() - start:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CABLEGRAM_SEMANTIC"] = "off"
        archive = Archive(tmp)
        start = time.perf_counter()
        ingest([volume], archive)
        plain = time.perf_counter() - start
        del os.environ["CABLEGRAM_SEMANTIC"]
        start = time.perf_counter()
        embedded = semantic.sync(archive, set(), catch_up=True)
        took = time.perf_counter() - start
        rows = len(semantic.semantic_index(archive).load().rows)
        words = statistics.median(len(r.body.split()) for r in archive.records())
        print(f"ingest without the semantic index: {archive.count()} records in {plain:.1f} s")
        print(f"embedding: {embedded} records (median body {words:.0f} words), {rows} chunks, in {took:.1f} s: "
              f"{embedded / took:.1f} records/s, {rows / took:.1f} chunks/s")
        for query in QUERIES:
            sem = timed(lambda q=query: semantic.semantic_search(archive, q, 20))
            hyb = timed(lambda q=query: semantic.hybrid_search(archive, q, 20))
            kw = timed(lambda q=query: archive.search(q, 20))
            print(f"  {query[:50]!r:54} semantic {sem:6.1f} ms  hybrid {hyb:6.1f} ms  (keyword alone {kw:5.1f} ms)")
        archive.close()
        return rows / embedded


def scans(sizes: list[int], rows_per_record: float) -> None:
    import numpy as np

    from cablegram.search import semantic

    rng = np.random.default_rng(0)
    for records in sizes:
        rows = round(records * rows_per_record)
        with tempfile.TemporaryDirectory() as tmp:
            index = semantic.SemanticIndex(Path(tmp))
            vectors = np.empty((rows, semantic.DIM), dtype=np.float32)
            for first in range(0, rows, 100_000):
                block = rng.standard_normal((min(100_000, rows - first), semantic.DIM), dtype=np.float32)
                vectors[first:first + len(block)] = block / np.linalg.norm(block, axis=1, keepdims=True)
            per = max(1, round(rows_per_record))
            index.write(vectors, [f"{i // per:016x}" for i in range(rows)])
            del vectors
            start = time.perf_counter()
            loaded = index.load()
            load = time.perf_counter() - start
            query = semantic.embed(["withdrawal of missiles under UN inspection"])[0]

            def scan(loaded: semantic._Loaded = loaded, query: Any = query) -> None:
                row_scores = np.asarray(loaded.vectors @ query, dtype=np.float32)
                scores = np.maximum.reduceat(row_scores, loaded.starts)
                np.argpartition(-scores, 400)[:400]

            size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
            print(f"{records:>9,} records, {rows:>9,} rows: {size:7.0f} MB on disk, first load {load:5.1f} s, "
                  f"scan {timed(scan, 5):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    rows_per_record = real_archive()
    scans(args.sizes, rows_per_record)


if __name__ == "__main__":
    main()
