"""Score extraction against a folder of gold JSON, in one process (fast), with the team's own matching rules.

    .venv/bin/python bench/score_inprocess.py ../shared/corpora/frus/frus1961-63v06 [--show FIELD]

The numbers are the same as `shared/tools/score_records.py` prints (it runs one process per file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "tools"))
from score_records import FIELDS, field_ok, gold_expectations

from cablegram.pipeline import extract_file


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--show", action="append", default=[], help="print every miss of this field")
    args = ap.parse_args()
    tally = {f: [0, 0] for f in FIELDS}
    for gold_path in sorted(args.folder.glob("*.json")):
        gold = json.loads(gold_path.read_text())
        expect = gold_expectations(gold) if isinstance(gold, dict) else {}
        if not expect:
            continue
        source = args.folder / gold.get("source", gold_path.stem + ".txt")
        record = extract_file(source)[0].to_dict()
        for field, value in expect.items():
            tally[field][1] += 1
            if field_ok(field, value, record):
                tally[field][0] += 1
            elif field in args.show:
                got = record.get(field, (record.get("markings") or {}).get(field))
                print(f"  {source.name}: {field} want {json.dumps(value)[:100]} got {json.dumps(got)[:100]}")
    ratios = []
    for field, (ok, n) in tally.items():
        if n:
            ratios.append(ok / n)
            print(f"{field:18} {ok:5}/{n:<5} {ok / n:6.1%}")
    print(f"score: {sum(ratios) / len(ratios):.3f}")


if __name__ == "__main__":
    main()
