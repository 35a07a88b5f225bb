"""The reading room's pages and JSON API, through the real app and a real archive."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.ingest import ingest
from cablegram.store import Archive
from cablegram.web.app import create_app
from tests.conftest import SEEDS

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HOSTILE = """Cuban Missile Crisis, Document 99

28 October 1962 / Letter from <script>alert('title')</script> to Khrushchev

TOP SECRET

The text says <img src=x onerror="alert('body')"> and <b>bold</b> words about Havana.
"""


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hostile.txt").write_text(HOSTILE)
    with Archive(tmp_path / "archive") as archive:
        ingest([SEEDS, tmp_path / "docs"], archive)
        yield TestClient(create_app(archive))


def test_home_lists_the_archive(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "3 documents in the archive" in page.text


def test_search_page_shows_hits_with_highlights(client: TestClient) -> None:
    page = client.get("/", params={"q": "Dorticos"})
    assert "1 found" in page.text
    assert "<mark>Dorticos</mark>" in page.text


def test_document_page_shows_metadata_text_and_notes(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "Zaemsky OR Dorticos"}).json()["hits"][0]
    page = client.get(f"/documents/{hit['id']}").text
    for expected in ["Cable from USSR Ambassador to Cuba Alekseev", "1962-10-28", "telegram",
                     "USSR Ambassador to Cuba", "Soviet Ministry of Foreign Affairs", "Vladimir Zaemsky",
                     "Archive of Foreign Policy, Russian Federation (AVP RF), Moscow", "provided to CWIHP",
                     "Due to F. Castro", "Presumably a reference to Khrushchev"]:
        assert expected.replace("'", "&#39;") in page, expected


def test_document_text_is_escaped_never_rendered(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "bold"}).json()["hits"][0]
    assert "<b>" not in hit["snippet"].replace("<mark>", "").replace("</mark>", "")
    page = client.get(f"/documents/{hit['id']}").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold</b>" not in page
    assert "&lt;img src=x onerror=" in page
    assert "&lt;script&gt;alert(" in page


def test_api_search_shape(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": '"special folder"'}).json()
    assert data["total"] == 1
    assert set(data["hits"][0]) >= {"id", "title", "date", "doc_type", "score", "snippet"}
    assert "facets" in data


def test_api_document_is_the_record(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "Gromyko"}).json()["hits"][0]
    record = client.get(f"/api/documents/{hit['id']}").json()
    assert record["id"] == hit["id"] and record["series_title"] == "Cuban Missile Crisis, Document 29"


def test_errors_have_one_json_shape(client: TestClient) -> None:
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    bad = client.get("/api/search", params={"q": "("})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_query"


def test_a_bad_query_in_the_page_is_a_message(client: TestClient) -> None:
    page = client.get("/", params={"q": '"unclosed ('})
    assert page.status_code == 200
    assert "Traceback" not in page.text


def test_a_persons_page_lists_their_documents_under_every_spelling(client: TestClient) -> None:
    page = client.get("/entities/alekseev-aleksandr").text
    assert "Aleksandr I. Alekseev" in page and "Soviet Ambassador to Cuba" in page
    assert "Cable from USSR Ambassador to Cuba Alekseev" in page  # signed A. Alekseev
    assert "Extract from Protocol No. 63" in page  # addressed to the SOVIET AMBASSADOR in HAVANA
    assert "SOVIET AMBASSADOR" in page


def test_entity_search_in_any_script(client: TestClient) -> None:
    for query in ("Alexeyev", "Алексеев"):
        assert [e["id"] for e in client.get("/api/entities", params={"q": query}).json()] == ["alekseev-aleksandr"]
    assert "Aleksandr I. Alekseev" in client.get("/entities", params={"q": "Алексеев"}).text
    assert client.get("/api/entities/nobody").status_code == 404


def test_document_page_links_the_people_it_names(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "Zaemsky OR Dorticos"}).json()["hits"][0]
    page = client.get(f"/documents/{hit['id']}").text
    assert 'href="/entities/dorticos-osvaldo"' in page and 'href="/entities/alekseev-aleksandr"' in page
