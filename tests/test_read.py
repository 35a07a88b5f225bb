"""Readers: encodings that nobody wrote down, and HTML pages with their chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.errors import EmptyDocument, UnreadableFile
from cablegram.pipeline import extract_file
from cablegram.read import read_file
from cablegram.read.encoding import decode
from tests.conftest import DOCUMENTS

RUSSIAN = (DOCUMENTS / "encodings" / "cable_ru.txt").read_text("utf-8")


@pytest.mark.parametrize("codec", ["utf-8", "cp1251", "koi8_r", "cp866"])
def test_russian_text_reads_back_in_every_common_encoding(codec: str, tmp_path: Path) -> None:
    # KOI8-R has no '№': typists wrote 'N'
    text = RUSSIAN if codec != "koi8_r" else RUSSIAN.replace("№", "N")
    path = tmp_path / f"cable.{codec}.txt"
    path.write_bytes(text.encode(codec))
    assert read_file(path).text == text


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_a_single_short_line_still_decodes(codec: str) -> None:
    line = "Совершенно секретно. Особая папка."
    assert decode(line.encode(codec))[0] == line


def test_western_text_with_accents_is_not_taken_for_cyrillic() -> None:
    text = "President Dorticós and Carlos Rafael Rodríguez met in Havana."
    assert decode(text.encode("cp1252"))[0] == text


def test_russian_cable_markings_and_date(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    record = extract_file(path)[0]
    assert record.language == "ru"
    assert record.date == "1962-10-28"
    assert record.markings.classification == "top_secret"
    assert record.markings.copy_number == "2"
    assert "СОВЕРШЕННО СЕКРЕТНО" in record.markings.as_written


def test_html_page_chrome_is_removed_and_the_document_kept() -> None:
    record = extract_file(DOCUMENTS / "html" / "cuban-missile-crisis-document-29.html")[0]
    assert record.title is not None and record.title.startswith("Extract from Protocol No. 63")
    assert record.series_title == "Cuban Missile Crisis, Document 29"
    assert "You are to immediately meet with Fidel Castro" in record.body
    assert "Report when it has been carried out." in record.body
    for chrome in ["Leave a Reply", "Share this", "Twitter", "Skip to content", "WordPress.com", "Related",
                   "Professional RU-EN translator", "window._wpemojiSettings", "Home"]:
        assert chrome not in record.body, chrome
    assert record.markings.classification == "top_secret"
    assert record.provenance.source_url is not None and "wordpress.com" in record.provenance.source_url


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="cannot read"):
        read_file(tmp_path / "nope.txt")


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    with pytest.raises(EmptyDocument):
        extract_file(path)


def test_html_without_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><nav>Menu</nav><script>var a;</script></body></html>")
    with pytest.raises(EmptyDocument):
        extract_file(path)


@pytest.mark.parametrize(("text", "lang"), [
    ("La reunión del Consejo de Ministros se celebró en La Habana con la presencia de los ministros.", "es"),
    ("Die Sitzung des Ministerrates fand in Havanna statt, und die Minister waren anwesend.", "de"),
    ("Le conseil des ministres s'est réuni à La Havane avec les ministres et le président.", "fr"),
    ("The meeting of the Council of Ministers was held in Havana in the presence of the ministers.", "en"),
    ("Заседание Совета Министров состоялось в Гаване в присутствии министров.", "ru"),
])
def test_language_of_a_text(text: str, lang: str) -> None:
    from cablegram.values.languages import detect_language

    assert detect_language(text) == lang


def test_english_text_of_a_document_in_a_russian_archive_is_a_translation() -> None:
    record = extract_file(DOCUMENTS / "soviet-cables" / "no13_page_0077.txt")[0]
    assert record.language == "en" and record.original_language == "ru"
