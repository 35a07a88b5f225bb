"""The `cablegram` command as a user runs it: a real process, a real archive on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS

SEED_000 = SEEDS / "000_95bb0fc191ff6699.txt"
SEED_003 = SEEDS / "003_17656c3dbdfa3f82.txt"


def cablegram(
    *args: str, archive: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "cablegram", *(["--archive", str(archive)] if archive else []), *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_extract_prints_one_record_and_touches_no_archive(tmp_path: Path) -> None:
    done = cablegram("extract", str(SEED_000), "--json", env={"CABLEGRAM_ARCHIVE": str(tmp_path / "a")})
    record = as_json(done)
    assert record["title"] == "Cable from USSR Ambassador to Cuba Alekseev to Soviet Ministry of Foreign Affairs"
    assert not (tmp_path / "a").exists()


def test_extract_jsonl_prints_one_line_per_record() -> None:
    done = cablegram("extract", str(SEED_003), "--jsonl")
    lines = done.stdout.strip().split("\n")
    assert done.returncode == 0 and len(lines) == 1
    assert json.loads(lines[0])["doc_type"] == "protocol"


def test_extract_of_a_missing_file_fails_with_one_line(tmp_path: Path) -> None:
    done = cablegram("extract", str(tmp_path / "missing.txt"), "--json")
    assert done.returncode != 0
    assert done.stdout == ""
    assert len(done.stderr.strip().split("\n")) == 1 and "missing.txt" in done.stderr


def test_ingest_twice_keeps_one_record_and_reports_unchanged(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    first = cablegram("ingest", str(SEEDS), archive=archive)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "ingested: 2 files" in first.stdout
    second = cablegram("ingest", str(SEED_000), str(SEED_003), archive=archive)
    assert second.returncode == 0
    assert "unchanged: 2" in second.stdout
    assert len(as_json(cablegram("list", "--json", archive=archive))) == 2


def test_a_changed_file_replaces_its_record(tmp_path: Path) -> None:
    archive, doc = tmp_path / "archive", tmp_path / "doc.txt"
    shutil.copy(SEED_000, doc)
    cablegram("ingest", str(doc), archive=archive)
    doc.write_text(SEED_000.read_text().replace("Vladimir Zaemsky", "Svetlana Savranskaya"))
    assert "ingested: 1" in cablegram("ingest", str(doc), archive=archive).stdout
    rows = as_json(cablegram("list", "--json", archive=archive))
    assert len(rows) == 1
    assert as_json(cablegram("show", rows[0]["id"], "--json", archive=archive))["translator"] == "Svetlana Savranskaya"


def test_one_bad_file_never_stops_an_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "good.txt")
    (folder / "empty.txt").write_text("")
    (folder / "broken.html").write_text("<html><body><script>x</script></body></html>")
    done = cablegram("ingest", str(folder), str(tmp_path / "nowhere.txt"), archive=tmp_path / "archive")
    assert done.returncode == 1
    assert "ingested: 1 files" in done.stdout
    assert "failed: 3" in done.stdout
    for name in ("empty.txt", "broken.html", "nowhere.txt"):
        assert any(name in line and ": " in line for line in done.stdout.splitlines() if line.startswith("  ")), name


def test_archive_location_from_the_environment(tmp_path: Path) -> None:
    env = {"CABLEGRAM_ARCHIVE": str(tmp_path / "env-archive")}
    assert cablegram("ingest", str(SEED_003), env=env).returncode == 0
    assert (tmp_path / "env-archive" / "archive.sqlite").exists()
    assert len(as_json(cablegram("list", "--json", env=env))) == 1


def test_list_show_and_search(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    cablegram("ingest", str(SEEDS), archive=archive)
    rows = as_json(cablegram("list", "--json", archive=archive))
    assert {tuple(sorted(r)) for r in rows} == {("date", "doc_type", "id", "title")}
    cable = next(r for r in rows if r["doc_type"] == "telegram")
    shown = as_json(cablegram("show", cable["id"], "--json", archive=archive))
    assert shown["translator"] == "Vladimir Zaemsky"
    assert "Alekseev" in cablegram("show", cable["id"], archive=archive).stdout
    found = as_json(cablegram("search", '"special folder"', "--json", archive=archive))
    assert found["total"] == 1 and found["hits"][0]["doc_type"] == "protocol"
    assert "special folder" in found["hits"][0]["snippet"].lower()
    assert as_json(cablegram("search", "Dorticos OR Gromyko", "--json", archive=archive))["total"] == 2
    assert as_json(cablegram("search", "Dorticos NOT Gromyko", "--json", archive=archive))["total"] == 1


@pytest.mark.parametrize("query", ['"unclosed', "(", "AND"])
def test_a_query_the_parser_cannot_read_gets_a_message(query: str, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    cablegram("ingest", str(SEED_000), archive=archive)
    done = cablegram("search", query, "--json", archive=archive)
    assert done.returncode != 0 or json.loads(done.stdout)["total"] >= 0
    assert "Traceback" not in done.stderr


def test_show_unknown_id(tmp_path: Path) -> None:
    done = cablegram("show", "nope", archive=tmp_path / "archive")
    assert done.returncode == 1 and "no record" in done.stderr and "Traceback" not in done.stderr


def test_entities_in_any_spelling_and_a_persons_page(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    cablegram("ingest", str(SEEDS), archive=archive)
    for query in ("Alexeyev", "Алексеев", "Alekseev"):
        found = as_json(cablegram("entities", query, "--json", archive=archive))
        assert [e["id"] for e in found] == ["alekseev-aleksandr"], query
        assert set(found[0]) == {"id", "name", "kind", "variants"}
    page = as_json(cablegram("entity", "alekseev-aleksandr", "--json", archive=archive))
    assert len(page["documents"]) == 2  # the cable he signed, and the instructions addressed to his post
    assert {"Alekseev", "A. Alekseev", "SOVIET AMBASSADOR"} <= set(page["spellings"])
    assert page["posts"][0]["title"] == "Soviet Ambassador to Cuba"
    assert any(c["id"] == "dorticos-osvaldo" for c in page["co_mentioned"])


def test_merge_and_split_survive_reingest(tmp_path: Path) -> None:
    archive, doc = tmp_path / "archive", tmp_path / "cable.txt"
    shutil.copy(SEED_000, doc)
    cablegram("ingest", str(doc), archive=archive)
    assert cablegram("entities", "merge", "castro-fidel", "dorticos-osvaldo", archive=archive).returncode == 0
    split = cablegram("entities", "split", "alekseev-aleksandr", "A. Alekseev", "--as", "signatory", archive=archive)
    assert split.returncode == 0, split.stderr
    doc.write_text(doc.read_text() + "\n")  # changed: re-ingested
    assert "ingested: 1" in cablegram("ingest", str(doc), archive=archive).stdout
    castro = as_json(cablegram("entity", "castro-fidel", "--json", archive=archive))
    assert "Dorticos" in castro["spellings"]
    assert as_json(cablegram("entity", "signatory", "--json", archive=archive))["spellings"] == ["A. Alekseev"]
    assert "A. Alekseev" not in as_json(cablegram("entity", "alekseev-aleksandr", "--json", archive=archive))["spellings"]
    assert not as_json(cablegram("entities", "Dorticos", "--json", archive=archive)) or all(
        e["id"] != "dorticos-osvaldo" for e in as_json(cablegram("entities", "Dorticos", "--json", archive=archive)))
    record = as_json(cablegram("show", as_json(cablegram("list", "--json", archive=archive))[0]["id"], "--json",
                               archive=archive))
    assert {m["entity_id"] for m in record["mentions"] if m["text"] == "Dorticos"} == {"castro-fidel"}


def test_merging_an_unknown_entity_is_refused(tmp_path: Path) -> None:
    done = cablegram("entities", "merge", "castro-fidel", "nobody-at-all", archive=tmp_path / "archive")
    assert done.returncode == 1 and "no entity" in done.stderr
