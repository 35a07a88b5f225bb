"""The reading room in a real browser: Debian's Chromium driven by Playwright against a live server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from playwright.sync_api import Page, sync_playwright

from cablegram.ingest import ingest
from cablegram.store import Archive
from cablegram.web.app import create_app
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    archive = Archive(tmp_path_factory.mktemp("archive"))
    ingest([SEEDS], archive)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(archive), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    archive.close()


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is not installed: scripts/test installs Debian's chromium package"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


def test_search_then_open_a_document(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#q", "Dorticos")
    page.click("#go")
    assert "1 found" in page.inner_text("#total")
    page.click("#hits a")
    assert page.inner_text("#title") == "Cable from USSR Ambassador to Cuba Alekseev to Soviet Ministry of Foreign Affairs"
    assert "Vladimir Zaemsky" in page.inner_text("#translator")
    assert "Due to F. Castro's absence from Havana" in page.inner_text("#body")
    assert "Presumably a reference" in page.inner_text("#notes")


def test_phrase_search_finds_the_protocol(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#q", '"special folder"')
    page.click("#go")
    page.click("#hits a")
    assert "TOP SECRET" in page.inner_text("#markings")
    assert "Khrushchev" in page.inner_text("#to")


def test_a_broken_query_shows_a_message(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#q", "(")
    page.click("#go")
    assert page.locator("[role=alert]").count() == 1


def test_a_facet_narrows_the_search_and_a_name_leads_to_the_persons_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#q", "Castro")
    page.click("#go")
    assert "2 found" in page.inner_text("#total")
    page.click("#facets >> text=protocol")
    assert "1 found" in page.inner_text("#total")
    page.click("#hits a")
    page.click("#named >> text=Pavlov")
    assert page.inner_text("#title") == "Issa A. Pliyev"
    assert "Pavlov" in page.inner_text("#aliases")
    assert "Extract from Protocol No. 63" in page.inner_text("#documents")


def test_finding_a_person_in_another_script(page: Page, base_url: str) -> None:
    page.goto(base_url + "/entities")
    page.fill("#entity-q", "Алексеев")
    page.click("#entity-go")
    page.click("#entities a")
    assert page.inner_text("#title") == "Aleksandr I. Alekseev"
    assert page.locator("#documents li").count() == 2
