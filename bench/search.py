"""The search benchmark: cablegram's index against the bare engine (tantivy-py) and SQLite FTS5, at N documents.

    .venv/bin/python bench/search.py --docs 100000
    .venv/bin/python bench/search.py --docs 1000000

Every phase runs in a process of its own, so each peak memory figure (ru_maxrss) is that phase's alone:

  generate        synthetic Records (bench/synthetic.py, from a seed) written to a stream on disk, and the queries
  build-cablegram SearchIndex(path): fields.to_document for each Record, add_documents, commit
  build-bare      the same documents with plain tantivy: a dict per Record, index.writer() with its defaults, commit
                  (the index is deleted after: the bare queries run on cablegram's index, the same segments)
  build-fts5      stdlib sqlite3: a table with the same text and filter columns, an external-content FTS5 index
                  (porter stemming, the same field weights in bm25), indexes on the filters, 'optimize'
                  (then the stream of Records is deleted, unless --keep)
  semantic        cablegram's semantic_search when it works in this venv (random vectors in its index format, the
                  query embedded by the real model), and the stand-in: numpy brute-force cosine over N vectors
  search          four kinds of query, interleaved query by query over the engines, after a warm-up

Builds read the Records from the stream written by ``generate``: the time spent reading them (unpickling) is
measured and reported apart (see BuildMeter.report for how it is taken off).

Query kinds, each the same question to every engine, and each answered as a result page (the top 10 with their
stored fields and a body snippet, and the total):
  word      one word from the generator's vocabulary (half among the 2,000 commonest, half rarer)
  phrase    two or three consecutive words of the corpora
  facet     type:<kind> date:<a month of 1961-63, or a year of 1945-91>, with the counts of all nine facets
  name      a person in a spelling of the authority file (Alexeyev), which cablegram finds by the person's entity
            id as well as by the words; the bare engine and FTS5 get the entity id looked up beforehand
  semantic  see the semantic phase
For word, phrase and name there is also a "+ facets" row: the same query with the facet counts the reading room shows
(the archive's search asks for facets by default).

The table is printed, and written with every measurement to bench/results/search-<N>.json. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import pickle
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

RESULTS = Path(__file__).with_name("results")
KINDS = ["word", "phrase", "facet", "name"]
FACET_SIZE = 20
STOPWORDS = set("""a about after all also an and any are as at be been but by can could did do for from had has have
he her him his i if in into is it its may more no not of on one or our out so some such than that the their them then
there these they this those to upon was we were what when which who will with would you your shall should must been
other only very being any""".split())


# Small tools ---------------------------------------------------------------------------------------------------------

def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def dir_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def read_batches(path: Path) -> Iterator[list[Any]]:
    with path.open("rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def timed_batches(path: Path, clock: dict[str, float]) -> Iterator[list[Any]]:
    """The stream's batches, adding the time spent unpickling them to clock['read']."""
    it = read_batches(path)
    while True:
        t = time.perf_counter()
        batch = next(it, None)
        clock["read"] += time.perf_counter() - t
        if batch is None:
            return
        yield batch


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# Phase: generate -----------------------------------------------------------------------------------------------------

def phase_generate(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from synthetic import Generator, parse_mix

    t0 = time.perf_counter()
    gen = Generator(args.seed, parse_mix(args.mix))
    model_s = time.perf_counter() - t0
    chars = mentions = 0
    doc_types: dict[str, int] = {}
    lengths: list[int] = []
    t1 = time.perf_counter()
    gen_s = 0.0
    chunks = semantic_chunks()
    with (work / "records.pkl").open("wb") as f, (work / "chunks.txt").open("w") as chunk_file:
        start = 0
        batch_no = 0
        while start < args.docs:
            t = time.perf_counter()
            batch = gen.batch(batch_no)[: args.docs - start]
            gen_s += time.perf_counter() - t
            pickle.dump(batch, f, protocol=pickle.HIGHEST_PROTOCOL)
            chunk_file.writelines(f"{r.id} {chunks(r)}\n" for r in batch)
            for r in batch:
                chars += len(r.body)
                lengths.append(len(r.body))
                mentions += len(r.mentions)
                if r.doc_type:
                    doc_types[r.doc_type] = doc_types.get(r.doc_type, 0) + 1
            start += len(batch)
            batch_no += 1
    wall = time.perf_counter() - t1
    queries = make_queries(gen, args, doc_types)
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False, indent=1))
    lengths.sort()
    return {"docs": args.docs, "model_s": round(model_s, 2), "generate_s": round(gen_s, 2), "wall_s": round(wall, 2),
            "records_per_s": round(args.docs / gen_s), "body_mb": round(chars / 2**20, 1),
            "body_chars_mean": round(chars / args.docs), "body_chars_p50": lengths[len(lengths) // 2],
            "body_chars_p90": lengths[int(len(lengths) * 0.9)], "body_chars_max": lengths[-1],
            "mentions": mentions, "doc_types": dict(sorted(doc_types.items(), key=lambda kv: -kv[1])),
            "stream_mb": round(dir_mb(work / "records.pkl")), "peak_rss_mb": round(peak_rss_mb())}


def semantic_chunks() -> Callable[[Any], int]:
    """How many rows a Record takes in cablegram's semantic index (its chunks), for the semantic phase."""
    try:
        from cablegram.search.semantic import record_chunks
    except ImportError:
        return lambda record: 1
    return lambda record: len(record_chunks(record))


def make_queries(gen: Any, args: argparse.Namespace, doc_types: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """The queries of each kind, from the generator's vocabulary; what each means spelled out for the bare engine
    and FTS5 (the entity a word or name resolves to, looked up once with cablegram's resolver, untimed)."""
    import numpy as np
    from synthetic import SLOT

    from cablegram.entities.mentions import resolve_name

    rng = random.Random(args.seed + 1)
    n = args.queries + args.warmup
    vocab = sorted(((w, c) for w, c in gen.model.words.items() if len(w) >= 4 and w not in STOPWORDS and w.isalpha()),
                   key=lambda wc: -wc[1])
    common = [w for w, _ in vocab[:2000]]
    rarer = [w for w, c in vocab[2000:30000] if c >= 5]
    surnames = {s.lower() for forms in gen.model.spellings.values() for s in forms}
    queries: dict[str, list[dict[str, Any]]] = {k: [] for k in KINDS}
    while len(queries["word"]) < n:
        word = rng.choice(common if len(queries["word"]) % 2 == 0 else rarer)
        if word in surnames:
            continue
        queries["word"].append({"q": word, "text": word, "entity": resolve_name(word)})
    # phrases: consecutive words at a random place of a corpus (the mix's weights)
    names = list(gen.model.chains)
    weights = [args_mix_weight(args, s) for s in names]
    while len(queries["phrase"]) < n:
        chain = gen.model.chains[rng.choices(names, weights)[0]]
        size = rng.choice((2, 2, 3))
        at = rng.randrange(1, chain.tokens - size - 1)
        words = [chain.text[chain.start[i]:chain.start[i + 1]].tobytes().decode("utf-8", "replace").strip()
                 for i in range(at, at + size)]
        words[-1] = words[-1].rstrip(".,;:")
        if not all(w.isalpha() and w.isascii() and SLOT not in w for w in words):
            continue
        if all(w.lower() in STOPWORDS for w in words) or any(len(w) < 2 for w in words):
            continue
        phrase = " ".join(w.lower() for w in words)
        queries["phrase"].append({"q": f'"{phrase}"', "text": phrase, "entity": None})
    kinds = [k for k in doc_types if k]
    kind_weights = [doc_types[k] for k in kinds]
    while len(queries["facet"]) < n:
        kind = rng.choices(kinds, kind_weights)[0]
        if rng.random() < 0.75:
            year, month = rng.randint(1961, 1963), rng.randint(1, 12)
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            lo, hi = f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}"
        else:
            year = rng.randint(1945, 1991)
            lo, hi = f"{year}-01-01", f"{year}-12-31"
        typed = kind.replace("_", " ")
        typed = f'"{typed}"' if " " in typed else typed
        queries["facet"].append({"q": f"type:{typed} date:{lo}..{hi}", "doc_type": kind, "from": lo, "to": hi})
    people = [p for p in gen.model.people if len(gen.model.spellings[p]) > 1]
    pw = np.array([gen.model.people_weights[gen.person_index[p]] for p in people])
    while len(queries["name"]) < n:
        person = people[int(np.searchsorted(np.cumsum(pw), rng.random() * pw.sum()))]
        spelling = rng.choice(gen.model.spellings[person][1:])  # not the usual spelling
        queries["name"].append({"q": spelling, "text": spelling, "entity": resolve_name(spelling), "person": person})
    return queries


def args_mix_weight(args: argparse.Namespace, source: str) -> float:
    from synthetic import parse_mix

    return parse_mix(args.mix).get(source, 0.0)


# Phase: builds -------------------------------------------------------------------------------------------------------

def phase_build_cablegram(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from cablegram.search.fields import to_document
    from cablegram.search.index import SearchIndex

    path = work / "cablegram"
    shutil.rmtree(path, ignore_errors=True)
    meter = BuildMeter()
    clock = meter.clock
    index = SearchIndex(path)
    n = 0
    for batch in timed_batches(work / "records.pkl", clock):
        t = time.perf_counter()
        docs = [to_document(r) for r in batch]
        t1 = time.perf_counter()
        n += index.add_documents(docs)
        t2 = time.perf_counter()
        clock["to_document"] += t1 - t
        clock["add"] += t2 - t1
    t = time.perf_counter()
    index.commit()
    clock["commit"] = time.perf_counter() - t
    meter.done()
    return meter.report(n, path, {"segments": index.index.searcher().num_segments, "count": index.count()})


def bare_document(record: Any) -> Any:
    """A tantivy Document for a Record without cablegram: the same fields, filled the plain way."""
    import tantivy

    from cablegram.search.fields import to_datetime

    parties = [*record.from_, *record.to, *record.distribution]
    ids = sorted({m.entity_id for m in record.mentions if m.entity_id} | {p.entity_id for p in parties if p.entity_id})
    doc = {"id": record.id, "title": record.title or "", "body": record.body, "summary": record.summary or "",
           "notes": " ".join(n.text for n in record.notes), "parties": " ; ".join(p.name for p in parties),
           "names": " ; ".join(sorted({m.text for m in record.mentions if m.entity_id})),
           "from_text": " ; ".join(p.name for p in record.from_), "to_text": " ; ".join(p.name for p in record.to),
           "provenance": " ; ".join(x for x in (record.provenance.archive, record.provenance.publisher) if x),
           "entities": ids, "from_entities": [p.entity_id for p in record.from_ if p.entity_id],
           "to_entities": [p.entity_id for p in record.to if p.entity_id], "handling": list(record.markings.handling),
           "doc_type": record.doc_type or "none", "classification": record.markings.classification or "none",
           "language": record.language or "none", "original_language": record.original_language or "none",
           "archive": record.provenance.archive or record.provenance.publisher or "none",
           "persons": sorted({m.entity_id for m in record.mentions if m.entity_id and m.type == "person"}),
           "places": sorted({m.entity_id for m in record.mentions if m.entity_id and m.type == "place"}),
           "organizations": sorted({m.entity_id for m in record.mentions if m.entity_id and m.type == "organization"}),
           "date_text": record.date or "", "year": record.date[:4] if record.date else "none",
           "month": record.date[:7] if record.date and len(record.date) >= 7 else "none"}
    if record.date:
        doc["date"] = to_datetime(record.date)
    return tantivy.Document(**doc)


def phase_build_bare(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    import tantivy

    from cablegram.search.fields import build_schema

    path = work / "bare"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    meter = BuildMeter()
    clock = meter.clock
    index = tantivy.Index(build_schema(), path=str(path))
    writer = index.writer()  # the defaults: 128 MB heap, as many indexing threads as cores
    n = 0
    for batch in timed_batches(work / "records.pkl", clock):
        t = time.perf_counter()
        docs = [bare_document(r) for r in batch]
        t1 = time.perf_counter()
        for doc in docs:
            writer.add_document(doc)
        n += len(docs)
        t2 = time.perf_counter()
        clock["to_document"] += t1 - t
        clock["add"] += t2 - t1
    t = time.perf_counter()
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    clock["commit"] = time.perf_counter() - t
    meter.done()
    return meter.report(n, path, {"segments": index.searcher().num_segments})


class MemorySampler(threading.Thread):
    """The process's resident memory every 0.2 s: all of it (RSS, which counts the pages of the index files tantivy
    maps while it merges; the kernel may drop those) and the anonymous part alone (what the process allocated)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_anon = self.peak_rss = 0.0
        self.running = True
        self.start()

    def run(self) -> None:
        while self.running:
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith(("RssAnon:", "VmRSS:")):
                        mb = int(line.split()[1]) / 1024
                        if line.startswith("RssAnon:"):
                            self.peak_anon = max(self.peak_anon, mb)
                        else:
                            self.peak_rss = max(self.peak_rss, mb)
            time.sleep(0.2)

    def stop(self) -> dict[str, int]:
        self.running = False
        return {"peak_anon_mb": round(self.peak_anon)}


class BuildMeter:
    """What every build phase measures from its start to ``done``: wall and CPU time, the clocks of its steps (the
    phase adds to ``clock``), resident memory before, and peak memory (MemorySampler)."""

    def __init__(self) -> None:
        gc.collect()
        self.base = rss_mb()
        self.memory = MemorySampler()
        self.clock = {"read": 0.0, "to_document": 0.0, "add": 0.0, "commit": 0.0}
        self.cpu0, self.main0 = cpu_s(), time.thread_time()
        self.t0 = time.perf_counter()
        self.wall = 0.0

    def done(self) -> None:
        self.wall = time.perf_counter() - self.t0

    def report(self, n: int, path: Path, extra: dict[str, Any], background: bool = True) -> dict[str, Any]:
        """``build_s``: the build without reading the Records. Reading is main-thread work; where the engine indexes
        in background threads (tantivy), time the main thread spent blocked in add_documents waiting for them is
        time the reading may have hidden in, so only the reading beyond that is taken off (an upper bound of the
        build time: conservative). SQLite works in the main thread alone: all the reading is taken off."""
        clock, wall = self.clock, self.wall
        cpu = cpu_s() - self.cpu0
        main = time.thread_time() - self.main0
        build = wall - (max(0.0, clock["read"] - clock["add"]) if background else clock["read"])
        return {"docs": n, "wall_s": round(wall, 2), "read_s": round(clock["read"], 2), "build_s": round(build, 2),
                "docs_per_s": round(n / build), "docs_per_s_with_read": round(n / wall),
                "to_document_s": round(clock["to_document"], 2), "add_s": round(clock["add"], 2),
                "commit_s": round(clock["commit"], 2), "cpu_s": round(cpu, 1), "main_thread_cpu_s": round(main, 1),
                "other_threads_cpu_s": round(cpu - main, 1), "size_mb": round(dir_mb(path)),
                "rss_before_mb": round(self.base), "peak_rss_mb": round(peak_rss_mb()), "loadavg": loadavg(), **extra,
                **self.memory.stop()}


FTS_COLUMNS = ["title", "body", "summary", "notes", "parties", "names"]
FACET_COLUMNS = ["doc_type", "year", "month", "classification", "language", "original_language", "archive"]


def phase_build_fts5(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from cablegram.search.fields import TEXT_FIELDS

    path = work / "fts5.sqlite"
    path.unlink(missing_ok=True)
    meter = BuildMeter()
    clock = meter.clock
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(f"""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = FILE;
        CREATE TABLE docs (rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, summary TEXT, notes TEXT,
            parties TEXT, names TEXT, doc_type TEXT, year TEXT, month TEXT, classification TEXT, language TEXT,
            original_language TEXT, archive TEXT, date TEXT, date_text TEXT);
        CREATE TABLE doc_entities (doc INTEGER, kind TEXT, entity_id TEXT);
        CREATE VIRTUAL TABLE fts USING fts5({", ".join(FTS_COLUMNS)}, content='docs', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2');
        INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25({", ".join(str(TEXT_FIELDS[c]) for c in FTS_COLUMNS)})');
    """)
    n = 0
    conn.execute("BEGIN")
    for batch in timed_batches(work / "records.pkl", clock):
        t = time.perf_counter()
        rows, ents = [], []
        for r in batch:
            n += 1
            rows.append(fts_row(n, r))
            ents += fts_entities(n, r)
        t1 = time.perf_counter()
        conn.executemany(f"INSERT INTO docs VALUES ({', '.join('?' * 17)})", rows)
        conn.executemany("INSERT INTO doc_entities VALUES (?, ?, ?)", ents)
        conn.executemany(f"INSERT INTO fts(rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(row[0], *row[2:8]) for row in rows])
        t2 = time.perf_counter()
        clock["to_document"] += t1 - t
        clock["add"] += t2 - t1
    conn.execute("COMMIT")
    t = time.perf_counter()
    conn.executescript("""
        CREATE INDEX docs_type_date ON docs (doc_type, date);
        CREATE INDEX docs_date ON docs (date);
        CREATE INDEX entities_id ON doc_entities (entity_id, kind, doc);
        CREATE INDEX entities_doc ON doc_entities (doc, kind);
        ANALYZE;
    """)
    indexes_s = time.perf_counter() - t
    t = time.perf_counter()
    conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    optimize_s = time.perf_counter() - t
    clock["commit"] = indexes_s + optimize_s
    conn.close()
    meter.done()
    return meter.report(n, path, {"indexes_s": round(indexes_s, 2), "optimize_s": round(optimize_s, 2)},
                        background=False)


def fts_row(rowid: int, r: Any) -> tuple[Any, ...]:
    from cablegram.search.fields import to_datetime

    parties = [*r.from_, *r.to, *r.distribution]
    start = to_datetime(r.date) if r.date else None
    return (rowid, r.id, r.title or "", r.body, r.summary or "", " ".join(n.text for n in r.notes),
            " ; ".join(p.name for p in parties), " ; ".join(sorted({m.text for m in r.mentions if m.entity_id})),
            r.doc_type or "none", r.date[:4] if r.date else "none",
            r.date[:7] if r.date and len(r.date) >= 7 else "none", r.markings.classification or "none",
            r.language or "none", r.original_language or "none",
            r.provenance.archive or r.provenance.publisher or "none",
            start.strftime("%Y-%m-%d") if start else None, r.date or "")


def fts_entities(rowid: int, r: Any) -> list[tuple[int, str, str]]:
    parties = [*r.from_, *r.to, *r.distribution]
    ids = {m.entity_id for m in r.mentions if m.entity_id} | {p.entity_id for p in parties if p.entity_id}
    out = [(rowid, "entity", i) for i in sorted(ids)]
    out += [(rowid, "person", i) for i in sorted({m.entity_id for m in r.mentions if m.entity_id and m.type == "person"})]
    out += [(rowid, "place", i) for i in sorted({m.entity_id for m in r.mentions if m.entity_id and m.type == "place"})]
    return out


# Phase: search -------------------------------------------------------------------------------------------------------

class Cablegram:
    name = "cablegram"

    def __init__(self, work: Path) -> None:
        from cablegram.search.index import SearchIndex

        self.index = SearchIndex(work / "cablegram")

    def run(self, kind: str, q: dict[str, Any], facets: bool) -> int:
        result = self.index.search(q["q"], limit=10, facets=facets or kind == "facet")
        return result.total


class Bare:
    """The same questions through tantivy-py directly, on cablegram's index: the query built by hand, search, the
    stored documents of the top 10, their snippets (none for a filter without words), and searcher.aggregate for
    the facets."""

    name = "bare"

    def __init__(self, work: Path) -> None:
        import tantivy

        from cablegram.search.fields import TEXT_FIELDS
        from cablegram.search.index import FACETS

        self.t = tantivy
        self.index = tantivy.Index.open(str(work / "cablegram"))
        self.schema = self.index.schema
        self.fields = list(TEXT_FIELDS)
        self.boosts = dict(TEXT_FIELDS)
        self.spec = {name: {"terms": {"field": field, "size": FACET_SIZE}} for name, field in FACETS.items()}

    def query(self, kind: str, q: dict[str, Any]) -> Any:
        t = self.t
        if kind == "facet":
            start = dt.datetime.fromisoformat(q["from"]).replace(tzinfo=dt.UTC)
            end = dt.datetime.fromisoformat(q["to"]).replace(hour=23, minute=59, second=59, tzinfo=dt.UTC)
            return t.Query.boolean_query([
                (t.Occur.Must, t.Query.term_query(self.schema, "doc_type", q["doc_type"])),
                (t.Occur.Must, t.Query.range_query(self.schema, "date", t.FieldType.Date, start, end))])
        text = self.index.parse_query(f'"{q["text"]}"', self.fields, field_boosts=self.boosts)
        if not q.get("entity"):
            return text
        return t.Query.boolean_query([(t.Occur.Should, text),
                                      (t.Occur.Should, t.Query.term_query(self.schema, "entities", q["entity"]))])

    def run(self, kind: str, q: dict[str, Any], facets: bool) -> int:
        query = self.query(kind, q)
        searcher = self.index.searcher()
        found = searcher.search(query, 10, count=True)
        snippets = None
        if kind != "facet":  # a filter has no words to show in a snippet
            snippets = self.t.SnippetGenerator.create(searcher, query, self.schema, "body")
            snippets.set_max_num_chars(240)
        for _, address in found.hits:
            doc = searcher.doc(address)
            if snippets is not None:
                snippet = snippets.snippet_from_doc(doc)
                snippet.fragment(), snippet.highlighted()
            doc.get_first("id"), doc.get_first("title"), doc.get_first("date_text"), doc.get_first("doc_type")
        if facets or kind == "facet":
            searcher.aggregate(query, self.spec)
        return int(found.count or 0)


class Core(Bare):
    """tantivy's search alone: the top 10 addresses and the count (no stored fields, no snippets)."""

    name = "core"

    def run(self, kind: str, q: dict[str, Any], facets: bool) -> int:
        query = self.query(kind, q)
        searcher = self.index.searcher()
        found = searcher.search(query, 10, count=True)
        if kind == "facet":
            searcher.aggregate(query, self.spec)
        return int(found.count or 0)


class Fts5:
    """The same questions in SQLite FTS5: bm25 (same weights) for the top 10 with snippets, count(*), GROUP BY for
    the facets (persons and places through the doc_entities table)."""

    name = "fts5"

    def __init__(self, work: Path) -> None:
        self.conn = sqlite3.connect(work / "fts5.sqlite")
        self.conn.execute("PRAGMA cache_size = -262144")
        self.conn.execute("PRAGMA query_only = 1")

    def run(self, kind: str, q: dict[str, Any], facets: bool) -> int:
        c = self.conn
        snippet = "snippet(fts, 1, char(2), char(3), '…', 40)"
        if kind in {"word", "phrase"}:
            match = f'"{q["text"]}"'
            c.execute(f"SELECT d.id, d.title, d.date_text, d.doc_type, {snippet} FROM fts JOIN docs d "
                      "ON d.rowid = fts.rowid WHERE fts MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()
            return int(c.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0])
        if kind == "name":
            match = f'"{q["text"]}"'
            entity = q.get("entity") or ""
            top = c.execute(
                "WITH m AS (SELECT rowid AS r, rank AS s FROM fts WHERE fts MATCH ?), "
                "e AS (SELECT doc AS r FROM doc_entities WHERE entity_id = ? AND kind = 'entity') "
                "SELECT d.rowid, d.id, d.title, d.date_text, d.doc_type FROM "
                "(SELECT r, min(s) AS s FROM (SELECT r, s FROM m UNION ALL SELECT r, NULL FROM e) GROUP BY r "
                " ORDER BY s IS NULL, s LIMIT 10) h JOIN docs d ON d.rowid = h.r", (match, entity)).fetchall()
            ids = ",".join(str(row[0]) for row in top) or "0"
            c.execute(f"SELECT rowid, {snippet} FROM fts WHERE fts MATCH ? AND rowid IN ({ids})", (match,)).fetchall()
            return int(c.execute("SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? UNION "
                                 "SELECT doc FROM doc_entities WHERE entity_id = ? AND kind = 'entity')",
                                 (match, entity)).fetchone()[0])
        where = "d.doc_type = ? AND d.date BETWEEN ? AND ?"
        params = (q["doc_type"], q["from"], q["to"])
        c.execute(f"SELECT d.id, d.title, d.date_text, d.doc_type FROM docs d WHERE {where} LIMIT 10", params).fetchall()
        total = int(c.execute(f"SELECT count(*) FROM docs d WHERE {where}", params).fetchone()[0])
        for column in FACET_COLUMNS:
            c.execute(f"SELECT d.{column}, count(*) AS n FROM docs d WHERE {where} GROUP BY d.{column} "
                      f"ORDER BY n DESC LIMIT {FACET_SIZE}", params).fetchall()
        for entity_kind in ("person", "place"):
            c.execute(f"SELECT e.entity_id, count(*) AS n FROM docs d JOIN doc_entities e ON e.doc = d.rowid AND "
                      f"e.kind = ? WHERE {where} GROUP BY e.entity_id ORDER BY n DESC LIMIT {FACET_SIZE}",
                      (entity_kind, *params)).fetchall()
        return total


def phase_search(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    queries = json.loads((work / "queries.json").read_text())
    t = time.perf_counter()
    engines: list[Any] = [Cablegram(work), Bare(work), Core(work)]
    if (work / "fts5.sqlite").exists() and not args.no_fts5_queries:
        engines.append(Fts5(work))
    open_s = time.perf_counter() - t
    # (engine, kind, facets?) -> latencies in ms, totals
    plan: list[tuple[str, bool]] = [(k, False) for k in KINDS] + [(k, True) for k in ("word", "phrase", "name")]
    skip = {("fts5", k, True) for k in KINDS} | {("core", k, True) for k in KINDS}
    lat: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    spent: dict[str, float] = {}
    t_all = time.perf_counter()
    for kind, facets in plan:
        qs = queries[kind]
        for i, q in enumerate(qs):
            warm = i < args.warmup
            if warm and i >= 5 and len(engines) > 3:
                order_all = engines[:3]  # FTS5 warms up on 5 queries: at 1M documents each may take seconds
            else:
                order_all = engines
            order = order_all[i % len(order_all):] + order_all[: i % len(order_all)]  # who goes first rotates
            for engine in order:
                key = f"{engine.name}|{kind}{'+facets' if facets else ''}"
                if (engine.name, kind, facets) in skip:
                    continue
                if not warm and engine.name == "fts5" and spent.get(key, 0.0) > args.fts5_budget \
                        and len(lat.get(key, [])) >= 30:
                    continue  # FTS5 is slow at large N: stop after its time budget (at least 30 queries measured)
                t0 = time.perf_counter_ns()
                total = engine.run(kind, q, facets)
                ms = (time.perf_counter_ns() - t0) / 1e6
                if warm:
                    continue
                lat.setdefault(key, []).append(ms)
                totals.setdefault(key, []).append(total)
                spent[key] = spent.get(key, 0.0) + ms / 1000
    stats = {}
    for key, values in lat.items():
        stats[key] = {"n": len(values), "p50_ms": round(pct(values, 0.5), 3), "p99_ms": round(pct(values, 0.99), 3),
                      "mean_ms": round(statistics.fmean(values), 3), "max_ms": round(max(values), 3),
                      "hits_p50": int(pct([float(x) for x in totals[key]], 0.5)),
                      "hits_max": max(totals[key])}
    # the name queries: how many more documents the entity finds than the spelling alone
    return {"open_s": round(open_s, 2), "wall_s": round(time.perf_counter() - t_all, 1), "stats": stats,
            "peak_rss_mb": round(peak_rss_mb()), "loadavg": loadavg()}


# Phase: semantic -----------------------------------------------------------------------------------------------------

def phase_semantic(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """cablegram's semantic_search when it works in this venv, else the stand-in (numpy brute-force cosine over N
    random vectors). Embedding N real documents is out of reach on 2 cores (about 200 chunks a second), so
    cablegram's index is written in its own format with random unit vectors, as many rows per record as
    ``record_chunks`` gives, and the query is embedded by the real model: the time measured is semantic_search's."""
    import numpy as np

    rng = np.random.default_rng(args.seed)
    dim = 384
    queries = json.loads((work / "queries.json").read_text())
    texts = [q["text"] for q in queries["phrase"]] + [q["text"] for q in queries["word"]]
    out: dict[str, Any] = {}
    why = ""
    try:
        from cablegram.search import semantic

        if not hasattr(semantic, "semantic_search"):
            why = "cablegram.search.semantic has no semantic_search"
        elif not semantic.available():
            why = "the semantic extra (torch, sentence-transformers, the model package) is not installed in this venv"
        else:
            out["cablegram"] = semantic_cablegram(args, work, semantic, texts, rng)
    except Exception as exc:  # whatever state the other helper's work is in: fall back, and say why
        why = f"cablegram's semantic_search failed here: {type(exc).__name__}: {exc}"
    if why:
        out["why"] = why
    t = time.perf_counter()
    vectors = np.empty((args.docs, dim), dtype=np.float32)
    for lo in range(0, args.docs, 100_000):
        block = rng.standard_normal((min(100_000, args.docs - lo), dim), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors[lo:lo + len(block)] = block
    make_s = time.perf_counter() - t
    times = []
    for i in range(args.queries + args.warmup):
        q = rng.standard_normal(dim, dtype=np.float32)
        q /= np.linalg.norm(q)
        t0 = time.perf_counter_ns()
        scores = vectors @ q
        top = np.argpartition(-scores, 10)[:10]
        top = top[np.argsort(-scores[top])]
        took = (time.perf_counter_ns() - t0) / 1e6
        if i >= args.warmup:
            times.append(took)
    out["stand_in"] = {"vectors": args.docs, "dim": dim, "make_s": round(make_s, 1), **latency(times)}
    out["peak_rss_mb"] = round(peak_rss_mb())
    out["loadavg"] = loadavg()
    return out


def semantic_cablegram(args: argparse.Namespace, work: Path, semantic: Any, texts: list[str],
                       rng: Any) -> dict[str, Any]:
    import numpy as np

    from cablegram.store import Archive

    root = work / "semantic-archive"
    shutil.rmtree(root, ignore_errors=True)
    archive = Archive(root)
    rows: list[str] = []
    with (work / "chunks.txt").open() as f:  # the chunks of each record, counted by the generate phase
        for line in f:
            record_id, count = line.split()
            rows += [record_id] * int(count)
    t = time.perf_counter()
    vectors = rng.standard_normal((len(rows), semantic.DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    semantic.SemanticIndex(root / "semantic").write(vectors, rows)
    del vectors
    make_s = time.perf_counter() - t
    # the archive must hold the records for the index to be in step with it (a semantic search compares them);
    # their JSON is not needed: semantic_search returns ids and scores
    with archive.conn:
        archive.conn.execute("INSERT INTO sources (path, sha256, ingested_at) VALUES ('bench', '', '')")
        archive.conn.executemany("INSERT INTO records (id, source_path, json) VALUES (?, 'bench', '{}')",
                                 ((r,) for r in dict.fromkeys(rows)))
    times = []
    t = time.perf_counter()
    semantic.semantic_search(archive, texts[0], limit=10)  # loads the model and the index
    first_s = time.perf_counter() - t
    for i, text in enumerate(texts[: args.queries + args.warmup]):
        t0 = time.perf_counter_ns()
        semantic.semantic_search(archive, text, limit=10)
        took = (time.perf_counter_ns() - t0) / 1e6
        if i >= args.warmup:
            times.append(took)
    t = time.perf_counter()
    for text in texts[:50]:
        semantic.embed([text])
    embed_ms = (time.perf_counter() - t) / 50 * 1000
    size = dir_mb(root / "semantic")
    graph_mb = sum(p.stat().st_size for p in (root / "semantic").glob("ann.*.usearch")) / 2**20
    shutil.rmtree(root, ignore_errors=True)
    return {"rows": len(rows), "records": args.docs, "index_mb": round(size), "graph_mb": round(graph_mb),
            "make_s": round(make_s, 1),
            "first_query_s": round(first_s, 1), "embed_query_ms": round(embed_ms, 1), **latency(times)}


def latency(times: list[float]) -> dict[str, Any]:
    return {"n": len(times), "p50_ms": round(pct(times, 0.5), 3), "p99_ms": round(pct(times, 0.99), 3),
            "mean_ms": round(statistics.fmean(times), 3)}


PHASES: dict[str, Callable[[argparse.Namespace, Path], dict[str, Any]]] = {
    "generate": phase_generate, "build-cablegram": phase_build_cablegram, "build-bare": phase_build_bare,
    "build-fts5": phase_build_fts5, "semantic": phase_semantic, "search": phase_search}


# The parent: runs the phases, prints and writes the table --------------------------------------------------------

def run_phase(name: str, argv: list[str]) -> dict[str, Any]:
    print(f"[{time.strftime('%H:%M:%S')}] {name} ...", file=sys.stderr, flush=True)
    done = subprocess.run([sys.executable, __file__, *argv, "--phase", name], stdout=subprocess.PIPE, text=True,
                          check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"[{time.strftime('%H:%M:%S')}] {name}: {json.dumps({k: v for k, v in result.items() if k != 'stats'})}",
          file=sys.stderr, flush=True)
    return result


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "-"


def ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def table(report: dict[str, Any]) -> str:
    n = report["docs"]
    g = report["phases"]["generate"]
    builds = report["phases"]
    lines = [f"Search benchmark, {n:,} documents ({g['body_mb']:,} MB of body text; body length p50 "
             f"{g['body_chars_p50']:,} / mean {g['body_chars_mean']:,} / max {g['body_chars_max']:,} characters)", ""]
    lines += ["| build | seconds | docs/s | MB/s | index MB | peak RSS MB | peak anon MB | CPU s | wall s with reading "
              "| reading s | to_document s | add s | commit s |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key, label in (("build-cablegram", "cablegram (SearchIndex)"), ("build-bare", "bare tantivy-py, defaults"),
                       ("build-fts5", "SQLite FTS5")):
        b = builds.get(key)
        if not b:
            continue
        lines.append(f"| {label} | {b['build_s']:,.1f} | {b['docs_per_s']:,} | {g['body_mb'] / b['build_s']:,.1f} | "
                     f"{b['size_mb']:,} | {b['peak_rss_mb']:,} | {b.get('peak_anon_mb', 0):,} | {b['cpu_s']:,.0f} | "
                     f"{b['wall_s']:,.1f} | {b['read_s']:,.1f} | {b['to_document_s']:,.1f} | {b['add_s']:,.1f} | "
                     f"{b['commit_s']:,.1f} |")
    c, bare, f = (builds.get(k, {}) for k in ("build-cablegram", "build-bare", "build-fts5"))
    lines += ["", f"Build time ratio: cablegram / bare {ratio(c.get('build_s'), bare.get('build_s'))}, "
              f"cablegram / FTS5 {ratio(c.get('build_s'), f.get('build_s'))}. seconds = the build without reading the "
              "Records from the stream (see BuildMeter.report); MB/s = body text indexed per second; peak RSS counts the "
              "index files tantivy maps while merging, peak anon is the memory the process allocated.", ""]
    s = builds.get("search", {}).get("stats", {})
    lines += ["| query | cablegram p50 | p99 | bare p50 | p99 | ratio p50 | ratio p99 | core p50 | FTS5 p50 | p99 | "
              "cablegram/FTS5 p50 | p99 | hits p50 | n (FTS5 n) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for kind in [*KINDS, "word+facets", "phrase+facets", "name+facets"]:
        cg, br, co, ft = (s.get(f"{e}|{kind}", {}) for e in ("cablegram", "bare", "core", "fts5"))
        if not cg:
            continue
        lines.append(
            f"| {kind} | {ms(cg['p50_ms'])} | {ms(cg['p99_ms'])} | {ms(br.get('p50_ms'))} | {ms(br.get('p99_ms'))} | "
            f"{ratio(cg['p50_ms'], br.get('p50_ms'))} | {ratio(cg['p99_ms'], br.get('p99_ms'))} | "
            f"{ms(co.get('p50_ms'))} | {ms(ft.get('p50_ms'))} | {ms(ft.get('p99_ms'))} | "
            f"{ratio(cg['p50_ms'], ft.get('p50_ms'))} | {ratio(cg['p99_ms'], ft.get('p99_ms'))} | "
            f"{cg['hits_p50']:,} | {cg['n']} ({ft.get('n', '-')}) |")
    sem = builds.get("semantic")
    if sem and sem.get("cablegram"):
        st = sem["cablegram"]
        how = "through its HNSW graph" if st.get("graph_mb") else "brute force"
        lines.append(f"| semantic: cablegram semantic_search {how} ({st['rows']:,} chunk rows of random vectors) | "
                     f"{ms(st['p50_ms'])} | {ms(st['p99_ms'])} | | | | | | | | | | | {st['n']} |")
    if sem:
        st = sem["stand_in"]
        lines.append(f"| semantic STAND-IN: numpy brute-force cosine, N random 384-d vectors | {ms(st['p50_ms'])} | "
                     f"{ms(st['p99_ms'])} | | | | | | | | | | | {st['n']} |")
        if sem.get("why"):
            lines += ["", f"Semantic: only the stand-in was measured, because {sem['why']}."]
    lines += ["", "Milliseconds per query. bare = the same result page through tantivy-py directly (query built by hand, "
              "search, stored fields and snippets of the top 10, aggregate for facets) on the same index; core = "
              "tantivy's search alone (top 10 and count; with the aggregation for facet); FTS5 = the same page in "
              "SQLite FTS5."]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mix", default="frus=0.5,nara=0.3,ru=0.2", help="the corpora's shares of the documents")
    ap.add_argument("--queries", type=int, default=300, help="measured queries of each kind")
    ap.add_argument("--warmup", type=int, default=30, help="queries of each kind run first, not measured")
    ap.add_argument("--fts5-budget", type=float, default=120.0,
                    help="seconds of FTS5 time per query kind, after which its remaining queries are skipped")
    ap.add_argument("--work", type=Path, help="where the indexes go (default /tmp/cablegram-bench/search-N)")
    ap.add_argument("--skip", default="", help="phases not to run, comma-separated (e.g. build-fts5,build-bare)")
    ap.add_argument("--keep", action="store_true", help="keep the indexes and the record stream")
    ap.add_argument("--reuse", action="store_true",
                    help="carry on a run that stopped: the phases done (and their files in --work) are kept")
    ap.add_argument("--no-fts5-queries", action="store_true",
                    help="leave FTS5 out of the query phase (at 1M its 22 GB and the tantivy index do not both fit in "
                         "memory: interleaved, every engine reads from disk); results go to search-N-tantivy.json")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    args = ap.parse_args()
    work = args.work or Path(f"/tmp/cablegram-bench/search-{args.docs}")
    if args.phase:
        print(json.dumps(PHASES[args.phase](args, work)))
        return
    argv = [a for a in sys.argv[1:]]
    if not args.reuse:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    partial = work / "report.json"  # the phases done so far: --reuse carries on from there
    report: dict[str, Any] = {
        "docs": args.docs, "seed": args.seed, "mix": args.mix, "queries": args.queries, "warmup": args.warmup,
        "command": " ".join([".venv/bin/python", "bench/search.py", *argv]),
        "machine": {"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
                                                               / 2**30, 1),
                    "python": platform.python_version(), "platform": platform.platform()},
        "versions": versions(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "phases": {}}
    if args.reuse and partial.exists():
        earlier = json.loads(partial.read_text())
        report["phases"] = earlier["phases"]
        report["resumed"] = f"phases {', '.join(earlier['phases'])} from the run started {earlier['started']}"
        report["command"], report["started"] = earlier["command"], earlier["started"]
    try:
        for name in PHASES:
            if name in skip or name in report["phases"]:
                continue
            report["phases"][name] = run_phase(name, argv)
            partial.write_text(json.dumps(report, ensure_ascii=False, indent=1))
            if name == "build-bare" and not args.keep:
                shutil.rmtree(work / "bare", ignore_errors=True)  # the bare queries run on cablegram's index
            if name == "build-fts5" and not args.keep:
                (work / "records.pkl").unlink(missing_ok=True)  # the builds are done: disk for the next phases
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    text = table(report)
    report["table"] = text
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{args.docs}{'-tantivy' if args.no_fts5_queries else ''}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    print(text)
    print(f"\nwritten to {out}", file=sys.stderr)


def versions() -> dict[str, str]:
    from importlib.metadata import version

    import numpy

    out = {"sqlite": sqlite3.sqlite_version, "numpy": numpy.__version__}
    for package in ("tantivy", "cablegram"):
        out[package] = version(package)
    try:
        git = ["git", "-C", str(Path(__file__).resolve().parent.parent)]
        out["cablegram_commit"] = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                                                 text=True).stdout.strip()
        changed = subprocess.run([*git, "status", "--porcelain", "--", "cablegram"], capture_output=True,
                                 text=True).stdout.split("\n")
        out["uncommitted"] = " ".join(line[3:] for line in changed if line.strip())
    except OSError:
        pass
    return out


if __name__ == "__main__":
    main()
