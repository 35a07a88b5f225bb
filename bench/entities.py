"""Entity quality and cost on the FRUS volume's plain-text renditions, against the volume's own markup.

    .venv/bin/python bench/entities.py [../shared/corpora/frus/frus1961-63v06]

The gold is the TEI's persName/@corresp (kept in each document's gold JSON as `persons`, with where each person
is named and how): for every document and every person the markup tags in its text (zones body and closer),
  - recall: cablegram finds a mention of that person in the text (any of the ways the markup writes them);
  - resolution accuracy: of those found, the mention resolves to the authority entity whose xrefs hold the
    person's FRUS id.
Also: extraction time with and without entity work, to measure what entities cost.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from cablegram.entities.authority import load_authority
from cablegram.pipeline import extract_file

FOLDER = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/frus/frus1961-63v06")
PREFIX = "frus1961-63v06:"


def main() -> None:
    authority = load_authority()
    found = resolved = total = 0
    misses: list[str] = []
    for gold_path in sorted(FOLDER.glob("*_d*.json")):
        gold = json.loads(gold_path.read_text())
        record = extract_file(FOLDER / gold["source"])[0]
        for person in gold["persons"]:
            if not {"body", "closer"} & set(person["zones"]):
                continue
            total += 1
            forms = set(person["mentions"])
            hits = [m for m in record.mentions if m.text in forms or any(m.text in f or f in m.text for f in forms)]
            if not hits:
                misses.append(f"{gold['id']}: missed {person['name']} ({', '.join(sorted(forms))})")
                continue
            found += 1
            want = authority.canonical_id(PREFIX + person["id"])
            if any(m.entity_id == want for m in hits):
                resolved += 1
            else:
                misses.append(f"{gold['id']}: {person['name']} resolved to {[m.entity_id for m in hits]}, want {want}")
    print(f"persons tagged in the text: {total}")
    print(f"mention recall:       {found}/{total} = {found / total:.3f}")
    print(f"resolution accuracy:  {resolved}/{found} = {resolved / found:.3f}")
    for line in misses[:40]:
        print("  " + line)
    timing()


def timing() -> None:
    import cablegram.extract.base as base
    import cablegram.extract.generic as generic

    files = sorted(FOLDER.glob("*_d*.txt"))
    for f in files[:5]:
        extract_file(f)  # warm up: the automaton, the authority file
    start = time.perf_counter()
    for f in files:
        extract_file(f)
    with_entities = time.perf_counter() - start
    saved = (base.find_mentions, base.resolve_entities, generic.resolve_entities)
    base.find_mentions = lambda *a, **k: []  # type: ignore[assignment]
    base.resolve_entities = generic.resolve_entities = lambda r: r  # type: ignore[assignment]
    start = time.perf_counter()
    for f in files:
        extract_file(f)
    without = time.perf_counter() - start
    base.find_mentions, base.resolve_entities, generic.resolve_entities = saved  # type: ignore[assignment]
    print(f"extraction of {len(files)} documents: {without:.2f} s without entities, {with_entities:.2f} s with "
          f"(+{(with_entities - without) / without:.0%})")


if __name__ == "__main__":
    main()
