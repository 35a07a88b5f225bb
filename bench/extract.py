"""Extraction speed: documents per second and MB per second through ``extract_file``, in one process.

    .venv/bin/python bench/extract.py [--frus DIR] [--nara DIR] [--warmup N] [--profile [--top N]]

Each corpus is read once after a warm-up (the first N files, untimed: imports, compiled patterns, the authority
file), then timed over every file. ``--profile`` runs the timed pass under cProfile and prints the functions that
took the most time of their own. This is a measurement to run by hand; nothing in the tests is timed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from dataclasses import dataclass
from pathlib import Path

from cablegram.errors import CablegramError
from cablegram.pipeline import extract_file

FRUS = Path("/work/shared/corpora/frus/frus1961-63v06")
NARA = Path("/work/shared/corpora/jfk-ocr/nara-ocr")


@dataclass
class Run:
    name: str
    files: int
    megabytes: float
    seconds: float
    failed: int

    @property
    def docs_per_second(self) -> float:
        return self.files / self.seconds

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds


def timed_pass(name: str, files: list[Path], warmup: int, profile: cProfile.Profile | None) -> Run:
    for path in files[:warmup]:
        _extract(path)
    failed = 0
    start = time.perf_counter()
    if profile:
        profile.enable()
    for path in files:
        failed += not _extract(path)
    if profile:
        profile.disable()
    seconds = time.perf_counter() - start
    return Run(name, len(files), sum(p.stat().st_size for p in files) / 1e6, seconds, failed)


def _extract(path: Path) -> bool:
    try:
        extract_file(path)
    except CablegramError:  # an empty file is an answer, not a crash; it still counts in the time
        return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--frus", type=Path, default=FRUS, help="folder of FRUS plain-text renditions (*.txt)")
    ap.add_argument("--nara", type=Path, default=NARA, help="folder of NARA OCR markdown (*.md)")
    ap.add_argument("--warmup", type=int, default=10, help="files read untimed before each timed pass")
    ap.add_argument("--profile", action="store_true", help="show the functions that take the time (cProfile)")
    ap.add_argument("--top", type=int, default=20, help="how many functions --profile shows")
    args = ap.parse_args()
    corpora = [("FRUS 1961-63 v06 (text)", sorted(args.frus.glob("*.txt"))),
               ("NARA JFK OCR (markdown)", sorted(args.nara.glob("*.md")))]
    runs = []
    for name, files in corpora:
        if not files:
            print(f"{name}: no files, skipped")
            continue
        profile = cProfile.Profile() if args.profile else None
        runs.append(timed_pass(name, files, args.warmup, profile))
        if profile:
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
            print(f"== {name}: top {args.top} functions by own time")
            print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    print(f"| {'corpus':26} | {'files':>5} | {'MB':>6} | {'seconds':>7} | {'docs/s':>7} | {'MB/s':>5} | {'no text':>7} |")
    print(f"|{'-' * 28}|{'-' * 7}|{'-' * 8}|{'-' * 9}|{'-' * 9}|{'-' * 7}|{'-' * 9}|")
    for run in runs:
        print(f"| {run.name:26} | {run.files:5} | {run.megabytes:6.2f} | {run.seconds:7.2f} | "
              f"{run.docs_per_second:7.1f} | {run.mb_per_second:5.2f} | {run.failed:7} |")


if __name__ == "__main__":
    main()
