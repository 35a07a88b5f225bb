"""How well the FRUS TEI layout reads a whole volume, against the gold metadata beside it.

    .venv/bin/python bench/frus_tei_score.py [../shared/corpora/frus/frus1961-63v06.xml] [--show FIELD ...]

The volume is read once (one Record per document); each document's gold JSON (``<volume>/<volume>_dN.json``) is
matched by the Record's ``frus`` identifier. The first block scores with the team's own rules
(``tests/tools/score_records.py``: title, doc_type, date, from, to, classification, handling); the second with
stricter ones this layout should meet too:

- ``date+time``: the date to the day, and to the minute where the dateline gives a time (gold ``date_time_local``)
- ``from/to exact``: the parties written out (role, name, 'at' place) name the same words as the gold's head text
- ``precedence``, ``place``, ``signed`` (first signer), ``footnotes`` (count)
- ``body``: the body equals the gold rendition's (the ``.txt`` between dateline and source note)
- ``persons``: the persons tagged in the body are the gold's persons in zones ``body`` and ``closer``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "tools"))
from score_records import field_ok, gold_expectations

from cablegram.pipeline import extract_file

VOLUME = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "frus" / "frus1961-63v06.xml"
TEAM_FIELDS = ["title", "doc_type", "date", "from", "to", "classification", "handling"]
SEPARATOR = "\n" + "_" * 20 + "\n"


def words(text: str | None) -> set[str]:
    """Words of a party as written, without articles, brackets or the plural of a shared office."""
    tokens = re.findall(r"[\w’'-]+", (text or "").lower())
    return {re.sub(r"men$", "man", t) for t in tokens if t not in {"the", "and"}}


def written(parties: list[dict[str, Any]]) -> str:
    return " and ".join(" ".join(x for x in (p.get("role"), p["name"], p.get("place") and "at " + p["place"]) if x)
                        for p in parties)


def gold_body(gold: dict[str, Any], folder: Path) -> str:
    text = (folder / gold["source"]).read_text("utf-8").split(SEPARATOR)[0]
    blocks = text.split("\n\n")
    skip = 2 if gold.get("dateline_date_text") or gold.get("place") else 1  # the head, and the dateline
    return "\n\n".join(blocks[skip:]).strip()


def strict_checks(folder: Path) -> dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]]:
    def date_time(g: dict[str, Any], r: dict[str, Any]) -> bool:
        want = g["date_time_local"][:16] if g.get("date_time_local") else g["date"]
        return r.get("date") == want

    def persons(g: dict[str, Any], r: dict[str, Any]) -> bool:
        want = {p["id"] for p in g["persons"] if {"body", "closer"} & set(p["zones"])}
        got = {m["entity_id"].split(":", 1)[1] for m in r["mentions"]
               if (m.get("entity_id") or "").startswith(g["volume"] + ":")}
        return want == got

    return {
        "date+time": date_time,
        "from exact": lambda g, r: words(g["from"]) == words(written(r["from"])),
        "to exact": lambda g, r: words(g["to"]) == words(written(r["to"])),
        "precedence": lambda g, r: g["markings"]["precedence"] == r["markings"]["precedence"],
        "place": lambda g, r: g["place"] == r.get("place"),
        "signed": lambda g, r: (g["signed"][:1] or [None])[0] == (r.get("signed") or {}).get("name"),
        "footnotes": lambda g, r: g["footnote_count"] == sum(n["kind"] == "footnote" for n in r["notes"]),
        "body": lambda g, r: gold_body(g, folder) == r["body"],
        "persons": persons,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("volume", type=Path, nargs="?", default=VOLUME)
    ap.add_argument("--show", action="append", default=[], help="print every miss of this field")
    args = ap.parse_args()
    folder = args.volume.with_suffix("")
    started = time.perf_counter()
    records = extract_file(args.volume)
    seconds = time.perf_counter() - started
    by_doc = {i.value.split("/")[-1]: r.to_dict() for r in records for i in r.identifiers if i.scheme == "frus"}
    golds = [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*_d*.json"))]
    print(f"{args.volume.name}: {len(records)} records in {seconds:.2f} s; {len(golds)} gold documents")
    checks = strict_checks(folder)
    tally: dict[str, list[int]] = {f: [0, 0] for f in [*TEAM_FIELDS, *checks]}
    for gold in sorted(golds, key=lambda g: int(g["n"])):
        record = by_doc.get(gold["id"])
        expect = gold_expectations(gold)
        results = {f: record is not None and field_ok(f, expect[f], record) for f in TEAM_FIELDS if f in expect}
        results |= {f: record is not None and check(gold, record) for f, check in checks.items()}
        for field, ok in results.items():
            tally[field][0] += ok
            tally[field][1] += 1
            if not ok and field in args.show:
                got = record and (record.get(field) or record["markings"].get(field))
                print(f"  {gold['id']}: {field} want {json.dumps(expect.get(field, gold.get(field)))[:150]} "
                      f"got {json.dumps(got, ensure_ascii=False)[:150]}")
    for i, (field, (ok, n)) in enumerate(tally.items()):
        if i == len(TEAM_FIELDS):
            print("-- stricter")
        print(f"{field:16} {ok:4}/{n:<4} {ok / n:6.1%}" if n else f"{field:16} -")
    return 0


if __name__ == "__main__":
    sys.exit(main())
