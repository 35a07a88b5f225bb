"""Every NARA OCR file (and every translated Russian page) through ``extract_file``: counts, errors, slow files.

    .venv/bin/python bench/nara_robustness.py [/work/shared/corpora/jfk-ocr] [--limit SECONDS] [--slowest N]

A file that raises is printed with its exception; a file that takes longer than ``--limit`` seconds is stopped
(SIGALRM) and printed as a timeout, since a regex that backtracks on OCR noise would otherwise hang the run.
``EmptyDocument`` is counted apart: it is the right answer for a file with no text, and the script says whether
the file really has none. A body that still holds the OCR markdown wrapper (fences, '# Document', '## Page N') or
a page-break marker counts as a failure too.
"""

from __future__ import annotations

import argparse
import collections
import re
import signal
import time
import traceback
from pathlib import Path
from types import FrameType

from cablegram.errors import EmptyDocument
from cablegram.pipeline import extract_file
from cablegram.read import read_file

CORPUS = Path("/work/shared/corpora/jfk-ocr")


_WRAPPER = re.compile(r"```|^#{1,2} (?:Document|Page \d+)\s*$|^\[page break\]$", re.M)


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


def run(files: list[Path], limit: float, slowest: int) -> bool:
    """Extract every file; print what went wrong. True when nothing did."""
    layouts: collections.Counter[str] = collections.Counter()
    errors: list[tuple[Path, str]] = []
    empty: list[tuple[Path, bool]] = []
    times: list[tuple[float, Path]] = []
    leaks: list[Path] = []
    signal.signal(signal.SIGALRM, _alarm)
    for path in files:
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            records = extract_file(path)
        except EmptyDocument:
            # really empty when the text, once read (an OCR file's markdown wrapper gone), has no letter or digit
            empty.append((path, not any(c.isalnum() for c in read_file(path).text)))
        except Timeout:
            errors.append((path, f"timeout: more than {limit:g} s"))
        except Exception as exc:
            errors.append((path, "".join(traceback.format_exception_only(exc)).strip()))
        else:
            layouts.update(r.layout or "?" for r in records)
            leaks += [path for r in records if _WRAPPER.search(r.body)]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append((time.perf_counter() - start, path))
    total = sum(t for t, _ in times)
    print(f"{len(files)} files in {total:.1f} s: {len(files) - len(errors) - len(empty)} extracted, "
          f"{len(empty)} empty, {len(errors)} errors")
    print("layouts: " + ", ".join(f"{name} {n}" for name, n in layouts.most_common()))
    print(f"bodies with the markdown wrapper or page-break markers left in them: {len(leaks)}")
    for path in leaks:
        print(f"  LEAK {path.name}")
    for path, really in empty:
        print(f"  empty: {path.name}" + (" (no text at all: right)" if really else "  (BUT THE FILE HAS TEXT)"))
    for path, error in errors:
        print(f"  ERROR {path.name}: {error}")
    print(f"slowest {slowest}:")
    for seconds, path in sorted(times, reverse=True)[:slowest]:
        print(f"  {seconds:7.2f} s  {path.stat().st_size / 1e6:6.2f} MB  {path.name}")
    return not errors and not leaks and all(really for _, really in empty)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, nargs="?", default=CORPUS)
    ap.add_argument("--limit", type=float, default=60.0, help="seconds before a file counts as hung")
    ap.add_argument("--slowest", type=int, default=5)
    args = ap.parse_args()
    ok = True
    for folder, pattern in [("nara-ocr", "*.md"), ("russia-translated", "*.txt")]:
        files = sorted((args.corpus / folder).glob(pattern), key=lambda p: (len(p.name), p.name))
        print(f"== {folder}")
        ok = run(files, args.limit, args.slowest) and ok
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
