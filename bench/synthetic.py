"""Synthetic Records for benchmarks, drawn from the real corpora: as many as wanted, streamed, the same for a seed.

    .venv/bin/python bench/synthetic.py --docs 5 --show        # print a few Records
    .venv/bin/python bench/synthetic.py --docs 100000          # generate and time them
    .venv/bin/python bench/synthetic.py --profile              # re-measure bench/synthetic_profile.json (75 s)

What is real and what is drawn:

- **Text**: an order-2 word Markov chain per corpus (FRUS 1961-63 v06 plain texts, the NARA JFK OCR markdown, the
  translated Russian pages in ``/work/shared/corpora``), so the vocabulary, the OCR noise, punctuation and paragraph
  breaks are the corpora's. Each document draws its style (``--mix``, by default FRUS 50%, NARA 30%, Russian 20%)
  and its length in words from that corpus's real lengths (as cablegram extracts the bodies: FRUS median 600 words,
  NARA median 500 with a tail to 200,000, Russian pages median 340). Long documents are several chains run together.
- **People**: every surname of an authority person (``entities/data/authority.json`` and the FRUS persons list) in
  the training text is a slot; each document has a cast of people (how many, from the corpus; who, weighted by how
  often cablegram finds them in the corpora) and writes each of them in one spelling of the authority's variants
  (Alekseev, Alekseyev, Alexeyev, Alexeev ...; Khrushchev, Krushchev, Khruschev ...). Their ``mentions`` carry the
  ``entity_id``, with offsets. Places and organisations of the authority file that the text names become mentions
  too (without offsets).
- **Titles**: FRUS heads (with their senders and addressees as parties), their people swapped for the cast; NARA
  identification-form titles for NARA-style documents.
- **Metadata**: doc types, classifications, handling, languages, original languages, archives, publishers, note
  counts and how many documents are dated, with the frequencies cablegram's extraction finds in each corpus
  (``bench/synthetic_profile.json``). Dates run from 1945 to 1991: a real date of the corpora moved by up to a
  month (70%; they cluster in 1961-1963), or any day of the period (30%).

The text model is built from the corpora on first use (about 30 s) and kept in ``/tmp/cablegram-bench/`` (set
``CABLEGRAM_BENCH_CACHE``). Generation is vectorised with numpy: the chain jumps over the stretches where the corpus
allows only one continuation and the bytes are gathered in one go, so a million documents take minutes, not hours.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import pickle
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cablegram.entities.authority import load_authority
from cablegram.record import Markings, Mention, Note, Party, Provenance, Record

CORPORA = Path(os.environ.get("CABLEGRAM_CORPORA", "/work/shared/corpora"))
PROFILE = Path(__file__).with_name("synthetic_profile.json")
CACHE = Path(os.environ.get("CABLEGRAM_BENCH_CACHE", "/tmp/cablegram-bench"))
SOURCES = ("frus", "nara", "ru")
DEFAULT_MIX = {"frus": 0.5, "nara": 0.3, "ru": 0.2}
BATCH = 1000
SEGMENT = 500  # words per chain run; longer documents are several runs
SLOT = "\x01"  # a person's surname in the training text; "\x01\x03" when written in capitals


def corpus_files(source: str) -> list[Path]:
    if source == "frus":
        return sorted((CORPORA / "frus" / "frus1961-63v06").glob("*.txt"))
    if source == "nara":
        return sorted((CORPORA / "jfk-ocr" / "nara-ocr").glob("*.md"), key=lambda p: int(re.sub(r"\D", "", p.stem)))
    return sorted((CORPORA / "jfk-ocr" / "russia-translated").glob("*.txt"))


# The profile: what cablegram's extraction finds in the real corpora ------------------------------------------------

def measure_profile() -> dict[str, Any]:
    """Run cablegram's extraction over the three corpora and keep the frequencies the generator draws from."""
    from cablegram.pipeline import extract_file

    authority = load_authority()
    out: dict[str, Any] = {"made_by": "bench/synthetic.py --profile (cablegram's extract_file over the corpora)",
                           "sources": {}, "person_weights": {}, "dates": []}
    persons: collections.Counter[str] = collections.Counter()
    dates: list[str] = []
    for source in SOURCES:
        records: list[Record] = []
        for path in corpus_files(source):
            try:
                records += extract_file(path)
            except Exception as exc:  # one empty NARA file; counted as the reader reports it
                print(f"{path.name}: {type(exc).__name__}", file=sys.stderr)
        def freq(values: list[Any]) -> dict[str, int]:
            return dict(collections.Counter("" if v is None else str(v) for v in values).most_common())

        def archive_ok(value: str | None) -> bool:  # OCR misreads in the archive field, kept out of the profile
            return value is None or bool(re.match(r"(RGANI|AVP|TsA|GARF|RGASPI|APRF|Department of State|Kennedy "
                                                  r"Library|National Archives|American Foreign Policy)", value))

        src: dict[str, Any] = {
            "records": len(records),
            "words": sorted(len(r.body.split()) for r in records if r.body.strip()),
            "doc_type": freq([r.doc_type for r in records]),
            "classification": freq([r.markings.classification for r in records]),
            "handling": freq([",".join(r.markings.handling) for r in records]),
            "language": freq([r.language for r in records]),
            "original_language": freq([r.original_language for r in records]),
            "archive": freq([r.provenance.archive for r in records if archive_ok(r.provenance.archive)]),
            "publisher": freq([r.provenance.publisher for r in records]),
            "dated": round(sum(1 for r in records if r.date) / len(records), 4),
            "date_form": freq(["time" if "T" in r.date else {4: "year", 7: "month"}.get(len(r.date), "day")
                               for r in records if r.date]),
            "notes": freq([len(r.notes) for r in records]),
            "note_words": sorted(len(n.text.split()) for r in records for n in r.notes)[::1],
            "persons": freq([len({m.entity_id for m in r.mentions if m.entity_id and m.type == "person"})
                             for r in records]),
            "titled": round(sum(1 for r in records if r.title) / len(records), 4),
            "to": freq([p.name for r in records for p in r.to if not p.entity_id]),
            "addressed": round(sum(1 for r in records if r.to) / len(records), 4),
        }
        src["to"] = {k: v for k, v in src["to"].items() if v >= 3 and len(k) < 40}
        if source == "frus":
            src["heads"] = [{"title": r.title, "doc_type": r.doc_type,
                             "from": [p.to_dict() for p in r.from_], "to": [p.to_dict() for p in r.to]}
                            for r in records if r.title]
        out["sources"][source] = src
        for r in records:
            persons.update({m.entity_id for m in r.mentions if m.entity_id and m.type == "person"})
            if r.date and len(r.date) >= 10 and "1945" <= r.date[:4] <= "1991":
                dates.append(r.date[:10])
    out["person_weights"] = {authority.canonical_id(k): v for k, v in persons.most_common()}
    out["dates"] = sorted(dates)
    forms = [json.loads(line) for line in (CORPORA / "jfk-ocr" / "nara-ocr-forms.jsonl").read_text().splitlines()]
    out["nara_titles"] = sorted({f["title"].strip() for f in forms if f.get("title", "").strip()})
    return out


def load_profile() -> dict[str, Any]:
    profile: dict[str, Any] = json.loads(PROFILE.read_text())
    return profile


# The text model ---------------------------------------------------------------------------------------------------

@dataclass
class Chain:
    """An order-2 word chain over one corpus, kept as arrays over the corpus's token positions.

    The state is a token position p; the next token is the successor of a random occurrence of the bigram that ends
    at p (so each continuation is as likely as the corpus makes it). ``run[p]`` is how far the continuation is
    forced (the bigram occurs once), so a step copies a whole stretch of the corpus."""

    text: np.ndarray  # the corpus as UTF-8 bytes (uint8), slots for surnames
    start: np.ndarray  # byte offset of each token, plus one past the end
    first: np.ndarray  # per position: where the occurrences of its bigram begin in ``occ``
    count: np.ndarray  # per position: occurrences of its bigram that have a successor
    occ: np.ndarray  # positions, grouped by bigram
    run_end: np.ndarray  # per position: the last position the chain reaches from it without a choice
    sentence: np.ndarray  # positions that begin a sentence: where documents start
    entity: np.ndarray  # per position: index into Model.entities of a place or organisation named there, else -1
    named: np.ndarray  # the positions where ``entity`` is not -1

    @property
    def tokens(self) -> int:
        return len(self.start) - 1


@dataclass
class Model:
    chains: dict[str, Chain]
    entities: list[str]  # ids of places and organisations (Chain.entity indexes this)
    entity_kinds: list[str]
    words: dict[str, int]  # lower-cased alphabetic words and their frequency, for queries
    people: list[str]  # person ids that can fill a slot
    spellings: dict[str, list[str]]  # person id -> surname spellings (the first is the usual one)
    people_weights: np.ndarray
    profile: dict[str, Any] = field(default_factory=dict)


def _training_text(source: str) -> str:
    parts = []
    for path in corpus_files(source):
        text = path.read_text("utf-8", errors="replace")
        if source == "nara":  # the markdown wrapper: '# Document', '## Page N', fences
            text = "\n".join(line for line in text.splitlines() if not line.startswith(("#", "```")))
        parts.append(text.strip())
    return "\n\n".join(p for p in parts if p)


def _person_spellings() -> dict[str, list[str]]:
    """Surname spellings of every person in the authority file, Latin script only: 'Alekseev', 'Alexeyev' ..."""
    authority = load_authority()
    out: dict[str, list[str]] = {}
    for entity in authority.entities.values():
        if entity.kind != "person":
            continue
        usual = entity.name.split()[-1] if entity.name.split() else entity.name
        forms = [usual]
        for name in entity.all_names():
            if re.search(r"[А-Яа-яЁё]", name) or "," in name:
                continue
            last = name.split()[-1]
            if re.fullmatch(r"[A-Z][a-z'\-]+[a-z]", last) and last not in forms:
                forms.append(last)
        if re.fullmatch(r"[A-Z][a-z'\-]+[a-z]", usual):
            out[entity.id] = forms
    return out


def _build_chain(text: str, slots: re.Pattern[str], places: re.Pattern[bytes], place_ids: dict[str, int],
                 words: collections.Counter[str]) -> Chain:
    words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
    text = slots.sub(lambda m: SLOT + "\x03" if m.group(0).isupper() else SLOT, text)
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    space = np.isin(data, np.frombuffer(b" \t\n\r\x0b\x0c", dtype=np.uint8))
    starts = np.flatnonzero(~space & np.concatenate(([True], space[:-1]))).astype(np.int64)
    n = len(starts)
    ends = np.flatnonzero(~space & np.concatenate((space[1:], [True]))).astype(np.int64) + 1
    # token ids by content
    vocab: dict[bytes, int] = {}
    raw = data.tobytes()
    tid = np.fromiter((vocab.setdefault(raw[s:e], len(vocab)) for s, e in zip(starts.tolist(), ends.tolist(),
                                                                              strict=True)), dtype=np.int64, count=n)
    pair = np.empty(n, dtype=np.int64)
    pair[0] = -1
    pair[1:] = tid[:-1] * len(vocab) + tid[1:]
    _, bigram = np.unique(pair, return_inverse=True)
    bigram = bigram.astype(np.int32)
    nb = int(bigram.max()) + 1
    has_next = np.arange(n) < n - 1
    positions = np.flatnonzero(has_next & (np.arange(n) > 0))
    order = positions[np.argsort(bigram[positions], kind="stable")]
    count = np.bincount(bigram[positions], minlength=nb).astype(np.int32)
    first = np.concatenate(([0], np.cumsum(count)[:-1])).astype(np.int64)
    forced = (count[bigram] == 1) & has_next  # the only occurrence of its bigram: the next token is p + 1
    forced[0] = True
    # run_end[p]: the first position q >= p that is not forced
    not_forced = np.flatnonzero(~forced)
    run_end = not_forced[np.searchsorted(not_forced, np.arange(n))]
    ends_sentence = np.isin(data[ends - 1], np.frombuffer(b".?!:", dtype=np.uint8))
    sentence = np.flatnonzero(np.concatenate(([False], ends_sentence[:-1])) & has_next & (np.arange(n) > 0))
    entity = np.full(n, -1, dtype=np.int16)
    found = [(m.start(), place_ids[m.group(0).decode("utf-8")]) for m in places.finditer(raw)]
    if found:
        token = np.searchsorted(starts, np.array([b for b, _ in found], dtype=np.int64), side="right") - 1
        entity[token] = np.array([i for _, i in found], dtype=np.int16)
    return Chain(text=data, start=np.concatenate((starts, [len(data)])), first=first[bigram], count=count[bigram],
                 occ=order.astype(np.int64), run_end=run_end.astype(np.int64), sentence=sentence.astype(np.int64),
                 entity=entity, named=np.flatnonzero(entity >= 0))


def _cache_key() -> str:
    h = hashlib.sha1(Path(__file__).read_bytes())
    h.update(PROFILE.read_bytes())
    for source in SOURCES:
        for path in corpus_files(source):
            st = path.stat()
            h.update(f"{path}:{st.st_size}:{int(st.st_mtime)}".encode())
    for path in sorted(Path(load_authority.__code__.co_filename).parent.joinpath("data").glob("*.json")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_model() -> Model:
    """The text model, from the cache when the corpora, the authority file and this file are unchanged."""
    path = CACHE / f"synthetic-model-{_cache_key()}.pkl"
    if path.exists():  # kept as plain values: the classes may live in __main__ or in bench.synthetic
        with path.open("rb") as f:
            plain = pickle.load(f)
        plain["chains"] = {k: Chain(**v) for k, v in plain["chains"].items()}
        return Model(**plain)
    profile = load_profile()
    authority = load_authority()
    spellings = _person_spellings()
    lower: collections.Counter[str] = collections.Counter()
    for source in SOURCES:
        lower.update(re.findall(r"\b[a-z][a-z'\-]+\b", _training_text(source)))
    # a surname that is also a common word ('Home', 'Ball', 'Long') stays a word
    surnames = {s for forms in spellings.values() for s in forms if lower[s.lower()] < 5}
    spellings = {k: [s for s in v if s in surnames] for k, v in spellings.items()}
    spellings = {k: v for k, v in spellings.items() if v}
    alternation = "|".join(sorted({re.escape(s) for s in surnames} | {re.escape(s.upper()) for s in surnames},
                                  key=len, reverse=True))
    slots = re.compile(rf"(?<![\w\x01\x03])(?:{alternation})(?!\w)")
    entities = [e for e in authority.entities.values() if e.kind in {"place", "organization"}]
    place_ids: dict[str, int] = {}
    for i, entity in enumerate(entities):
        for name in entity.all_names():
            if not re.search(r"[А-Яа-яЁё]", name) and len(name) >= 3:
                place_ids.setdefault(name, i)
    places = re.compile(rb"(?<![\w\x80-\xff])(?:" + b"|".join(re.escape(n.encode("utf-8"))
                        for n in sorted(place_ids, key=len, reverse=True)) + rb")(?![\w\x80-\xff])")
    words: collections.Counter[str] = collections.Counter()
    chains = {source: _build_chain(_training_text(source), slots, places, place_ids, words) for source in SOURCES}
    weights = profile["person_weights"]
    people = sorted(spellings)
    model = Model(chains=chains, entities=[e.id for e in entities], entity_kinds=[e.kind for e in entities],
                  words=dict(words), people=people, spellings=spellings,
                  people_weights=np.array([weights.get(p, 0) + 5.0 for p in people]), profile=profile)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump({**model.__dict__, "chains": {k: v.__dict__ for k, v in model.chains.items()}}, f,
                    protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    for old in CACHE.glob("synthetic-model-*.pkl"):  # models of earlier corpora or code
        if old != path:
            old.unlink(missing_ok=True)
    return model


# Generating -------------------------------------------------------------------------------------------------------

def generate_texts(chain: Chain, rng: np.random.Generator, lengths: np.ndarray) -> tuple[list[bytes], list[set[int]]]:
    """Texts of the given lengths in words, and the places and organisations each names (indexes of
    Model.entities). All texts are generated together: one numpy step moves every chain one stretch on."""
    ndocs = len(lengths)
    lengths = np.maximum(lengths.astype(np.int64), 1)
    per_doc = -(-lengths // SEGMENT)
    seg_doc = np.repeat(np.arange(ndocs), per_doc)
    first_seg = np.concatenate(([0], np.cumsum(per_doc)[:-1]))
    rank = np.arange(len(seg_doc)) - first_seg[seg_doc]
    seg_len = lengths[seg_doc] // per_doc[seg_doc] + (rank < lengths[seg_doc] % per_doc[seg_doc])
    remaining = seg_len.copy()
    pos = chain.sentence[rng.integers(len(chain.sentence), size=len(seg_doc))]
    active = np.arange(len(seg_doc))
    spans: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    last_occ = len(chain.occ) - 1
    while active.size:
        reach = chain.run_end[pos]
        take = np.minimum(reach - pos + 1, remaining[active])
        spans.append((active, pos, take))
        remaining[active] -= take
        going = remaining[active] > 0
        active, reach = active[going], reach[going]
        if not active.size:
            break
        choices = chain.count[reach]
        pick = chain.first[reach] + (rng.random(active.size) * choices).astype(np.int64)
        pos = chain.occ[np.minimum(pick, last_occ)] + 1
        dead = choices == 0  # the corpus ends there: start a new sentence elsewhere
        if dead.any():
            pos[dead] = chain.sentence[rng.integers(len(chain.sentence), size=int(dead.sum()))]
    seg = np.concatenate([s[0] for s in spans])
    at = np.concatenate([s[1] for s in spans])
    take = np.concatenate([s[2] for s in spans])
    order = np.argsort(seg, kind="stable")
    seg, at, take = seg[order], at[order], take[order]
    byte_from = chain.start[at]
    size = (chain.start[at + take] - byte_from).astype(np.int32)
    total = int(size.sum())
    gather = np.repeat((byte_from - (np.cumsum(size, dtype=np.int64) - size)).astype(np.int32), size)
    gather += np.arange(total, dtype=np.int32)
    data = chain.text[gather].tobytes()
    doc_bytes = np.bincount(seg_doc[seg], weights=size, minlength=ndocs).astype(np.int64)
    bounds = np.concatenate(([0], np.cumsum(doc_bytes)))
    texts = [data[bounds[i]:bounds[i + 1]] for i in range(ndocs)]
    # the places and organisations named: only the stretches that hold one are looked at
    lo = np.searchsorted(chain.named, at)
    hi = np.searchsorted(chain.named, at + take)
    pairs: set[tuple[int, int]] = set()
    for k in np.flatnonzero(hi > lo).tolist():
        doc = int(seg_doc[seg[k]])
        pairs.update((doc, int(chain.entity[p])) for p in chain.named[lo[k]:hi[k]].tolist())
    entities: list[set[int]] = [set() for _ in range(ndocs)]
    for doc, entity in pairs:
        entities[doc].add(entity)
    return texts, entities


class _Choice:
    """Values with their frequencies, drawn many at a time."""

    def __init__(self, freq: dict[str, int]) -> None:
        self.values = list(freq)
        weights = np.array(list(freq.values()), dtype=float)
        self.p = weights / weights.sum()

    def draw(self, rng: np.random.Generator, n: int) -> list[str]:
        return [self.values[i] for i in rng.choice(len(self.values), size=n, p=self.p).tolist()]


@dataclass
class _Source:
    name: str
    profile: dict[str, Any]
    words: np.ndarray
    note_words: np.ndarray
    choices: dict[str, _Choice]
    heads: list[dict[str, Any]]


class Generator:
    """Records deterministic from a seed: the i-th Record is the same whatever the number asked for."""

    def __init__(self, seed: int = 0, mix: dict[str, float] | None = None) -> None:
        self.seed = seed
        self.model = load_model()
        self.profile = self.model.profile
        mix = mix or DEFAULT_MIX
        self.mix_names = [s for s in SOURCES if mix.get(s)]
        weights = np.array([mix[s] for s in self.mix_names], dtype=float)
        self.mix_p = weights / weights.sum()
        authority = load_authority()
        self.names = {e.id: e.name for e in authority.entities.values()}
        self.kinds = {e.id: e.kind for e in authority.entities.values()}
        frus_heads = self.profile["sources"]["frus"]["heads"]
        self.sources: dict[str, _Source] = {}
        for name in SOURCES:
            prof = self.profile["sources"][name]
            keys = ("doc_type", "classification", "handling", "language", "original_language", "archive", "publisher",
                    "date_form", "notes", "persons")
            choices = {k: _Choice(prof[k]) for k in keys if prof.get(k)}
            if prof.get("to"):
                choices["to"] = _Choice(prof["to"])
            self.sources[name] = _Source(name, prof, np.array(prof["words"]), np.array(prof["note_words"] or [20]),
                                         choices, frus_heads)
        self.heads_by_type: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
        for head in frus_heads:
            self.heads_by_type[head["doc_type"] or ""].append(head)
        self.nara_titles = self.profile["nara_titles"]
        self.real_dates = np.array(self.profile["dates"], dtype="datetime64[D]")
        self.people = self.model.people
        self.people_p = self.model.people_weights / self.model.people_weights.sum()
        self.person_index = {p: i for i, p in enumerate(self.people)}

    # one Record ------------------------------------------------------------------------------------------------

    def records(self, n: int, start: int = 0) -> Iterator[Record]:
        """Records ``start`` to ``start + n - 1``, generated a batch at a time."""
        batch = start // BATCH
        skip = start - batch * BATCH
        made = 0
        while made < n:
            for record in self.batch(batch)[skip:]:
                if made == n:
                    return
                yield record
                made += 1
            batch, skip = batch + 1, 0

    def batch(self, number: int) -> list[Record]:
        rng = np.random.default_rng([self.seed, number])
        kinds = rng.choice(len(self.mix_names), size=BATCH, p=self.mix_p)
        out: list[Record | None] = [None] * BATCH
        dates = self._dates(rng, BATCH)
        for k, name in enumerate(self.mix_names):
            which = np.flatnonzero(kinds == k)
            if not which.size:
                continue
            src = self.sources[name]
            chain = self.model.chains[name]
            lengths = src.words[rng.integers(len(src.words), size=which.size)]
            texts, named = generate_texts(chain, rng, lengths)
            note_counts = [int(x) for x in src.choices["notes"].draw(rng, which.size)]
            note_lengths = src.note_words[rng.integers(len(src.note_words), size=sum(note_counts))]
            note_texts = generate_texts(chain, rng, note_lengths)[0] if note_lengths.size else []
            drawn = {key: choice.draw(rng, which.size) for key, choice in src.choices.items()}
            dated = rng.random(which.size) < src.profile["dated"]
            titled = rng.random(which.size) < src.profile["titled"]
            addressed = rng.random(which.size) < src.profile["addressed"]
            notes_at = 0
            for j, slot in enumerate(which.tolist()):
                index = number * BATCH + slot
                notes = note_texts[notes_at:notes_at + note_counts[j]]
                notes_at += note_counts[j]
                date = _date_form(dates[slot], drawn["date_form"][j]) if dated[j] else None
                out[slot] = self._record(rng, src, index, texts[j], named[j], notes, date,
                                         {k: v[j] for k, v in drawn.items()}, bool(titled[j]), bool(addressed[j]))
        return [r for r in out if r is not None]

    def _dates(self, rng: np.random.Generator, n: int) -> np.ndarray:
        real = self.real_dates[rng.integers(len(self.real_dates), size=n)] + rng.integers(-30, 31, size=n)
        anyday = np.datetime64("1945-01-01") + rng.integers(0, 17166, size=n)  # to 1991-12-31
        return np.where(rng.random(n) < 0.7, real, anyday)

    def _cast(self, rng: np.random.Generator, size: int) -> list[tuple[str, str]]:
        """People and the spelling this document writes each of them in."""
        drawn = rng.choice(len(self.people), size=3 * size + 5, p=self.people_p).tolist()
        ids = list(dict.fromkeys(drawn))[:size]  # the first distinct ones: people weighted by how often named
        cast = []
        for i in ids:
            person = self.people[i]
            forms = self.model.spellings[person]
            spelling = forms[0] if len(forms) == 1 or rng.random() < 0.6 else forms[1 + int(rng.integers(len(forms) - 1))]
            cast.append((person, spelling))
        return cast

    def _record(self, rng: np.random.Generator, src: _Source, index: int, text: bytes, named: set[int],
                notes: list[bytes], date: str | None, drawn: dict[str, str], titled: bool, addressed: bool) -> Record:
        body = text.decode("utf-8", errors="replace").strip()
        pieces = body.split(SLOT)
        slots = len(pieces) - 1
        head = None
        doc_type = drawn.get("doc_type") or None
        if src.name == "frus" and titled:
            head = src.heads[int(rng.integers(len(src.heads)))]
            doc_type = head["doc_type"]
        elif src.name == "ru" and titled and self.heads_by_type.get(doc_type or ""):
            options = self.heads_by_type[doc_type or ""]
            head = options[int(rng.integers(len(options)))]
        head_people = [p for p in (head["from"] + head["to"] if head else [])
                       if p.get("entity_id") and self.kinds.get(p["entity_id"]) == "person"]
        size = int(drawn.get("persons") or 0)
        size = max(size, len(head_people), 1 if slots else 0)
        cast = self._cast(rng, size) if size else []
        # fill the slots: the first of the cast is named most, as in the corpora
        mentions: list[Mention] = []
        if slots:
            weights = 1.0 / np.arange(1, len(cast) + 1)
            who = rng.choice(len(cast), size=slots, p=weights / weights.sum()).tolist()
            out = [pieces[0]]
            at = len(pieces[0])
            for k, piece in enumerate(pieces[1:]):
                person, spelling = cast[who[k]]
                if piece.startswith("\x03"):
                    spelling, piece = spelling.upper(), piece[1:]
                mentions.append(Mention.model_construct(text=spelling, type="person", entity_id=person, start=at,
                                                        end=at + len(spelling)))
                out += (spelling, piece)
                at += len(spelling) + len(piece)
            body = "".join(out)
        for i in sorted(named):
            entity_id = self.model.entities[i]
            mentions.append(Mention.model_construct(text=self.names[entity_id], type=self.model.entity_kinds[i],
                                                    entity_id=entity_id, start=None, end=None))
        title = None
        senders: list[Party] = []
        addressees: list[Party] = []
        if head:
            title = head["title"]
            swaps = iter(cast)
            swapped: list[str] = []
            for group, parties in ((senders, head["from"]), (addressees, head["to"])):
                for party in parties:
                    if party.get("entity_id") and self.kinds.get(party["entity_id"]) == "person":
                        person, spelling = next(swaps)
                        title = title.replace(party["name"], f"\x00{len(swapped)}\x00", 1)
                        swapped.append(spelling)
                        group.append(Party(name=spelling, role=party.get("role"), entity_id=person))
                    else:
                        group.append(Party(**{k: v for k, v in party.items() if v is not None}))
            title = re.sub("\x00(\\d+)\x00", lambda m: swapped[int(m.group(1))], title)
        elif src.name == "nara" and titled:
            title = self.nara_titles[int(rng.integers(len(self.nara_titles)))]
        if not addressees and addressed and "to" in src.choices:
            addressees = [Party(name=src.choices["to"].draw(rng, 1)[0])]
        handling = [h for h in drawn.get("handling", "").split(",") if h]
        return Record(
            id=hashlib.blake2b(f"{self.seed}:{index}".encode(), digest_size=8).hexdigest(),
            title=title, doc_type=doc_type, date=date, language=drawn.get("language") or None,  # type: ignore[arg-type]
            original_language=drawn.get("original_language") or None,
            markings=Markings(classification=drawn.get("classification") or None, handling=handling),  # type: ignore[arg-type]
            provenance=Provenance(archive=drawn.get("archive") or None, publisher=drawn.get("publisher") or None),
            body=body, notes=[Note(kind="footnote", text=n.decode("utf-8", errors="replace").strip().replace(
                SLOT + "\x03", "").replace(SLOT, "")) for n in notes],
            mentions=mentions, layout=f"synthetic-{src.name}", **{"from": senders, "to": addressees})


def _date_form(day: np.datetime64, form: str) -> str:
    iso = str(day)
    if form == "year":
        return iso[:4]
    if form == "month":
        return iso[:7]
    if form == "time":
        minutes = int.from_bytes(hashlib.blake2b(iso.encode(), digest_size=2).digest(), "big") % 1440
        return f"{iso}T{minutes // 60:02d}:{minutes % 60:02d}"
    return iso


def records(n: int, seed: int = 0, mix: dict[str, float] | None = None, start: int = 0) -> Iterator[Record]:
    """``n`` synthetic Records, streamed (a batch of 1,000 at a time in memory)."""
    return Generator(seed, mix).records(n, start)


def parse_mix(text: str) -> dict[str, float]:
    """'frus=0.5,nara=0.3,ru=0.2'"""
    mix = {k.strip(): float(v) for k, v in (part.split("=") for part in text.split(",") if part.strip())}
    unknown = set(mix) - set(SOURCES)
    if unknown:
        raise SystemExit(f"unknown sources in --mix: {', '.join(sorted(unknown))} (known: {', '.join(SOURCES)})")
    return mix


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mix", default=",".join(f"{k}={v}" for k, v in DEFAULT_MIX.items()))
    ap.add_argument("--show", action="store_true", help="print the Records as JSON")
    ap.add_argument("--profile", action="store_true", help="re-measure bench/synthetic_profile.json from the corpora")
    args = ap.parse_args()
    if args.profile:
        PROFILE.write_text(json.dumps(measure_profile(), ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {PROFILE}")
        return
    t0 = time.perf_counter()
    gen = Generator(args.seed, parse_mix(args.mix))
    t1 = time.perf_counter()
    chars = words = mentions = 0
    for record in gen.records(args.docs):
        chars += len(record.body)
        words += len(record.body.split()) if args.docs <= 20000 else 0
        mentions += len(record.mentions)
        if args.show:
            print(json.dumps(record.to_dict(), ensure_ascii=False, indent=1))
    t2 = time.perf_counter()
    print(f"model {t1 - t0:.1f} s; {args.docs} records in {t2 - t1:.1f} s ({args.docs / (t2 - t1):,.0f}/s), "
          f"{chars / 1e6:,.1f} M characters ({chars / max(args.docs, 1):,.0f} per record), {mentions:,} mentions",
          file=sys.stderr)


if __name__ == "__main__":
    main()
