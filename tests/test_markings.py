from __future__ import annotations

import pytest

from cablegram.values.markings import MarkingSet, classification_of, handling_of, is_marking_line, precedence_of


@pytest.mark.parametrize(("marking", "level"), [
    ("TOP SECRET", "top_secret"), ("Top Secret", "top_secret"), ("СОВЕРШЕННО СЕКРЕТНО", "top_secret"),
    ("Secret; Priority", "secret"), ("СЕКРЕТНО", "secret"), ("Confidential", "confidential"),
    ("Limited Official Use", "limited_official_use"), ("Unclassified", "unclassified"),
    ("SECRETARY of the TsK", None), ("SPECIAL FOLDER", None),
])
def test_classification(marking: str, level: str | None) -> None:
    assert classification_of(marking) == level


def test_handling_and_precedence() -> None:
    assert handling_of("ОСОБАЯ ПАПКА") == ["special_folder"]
    assert handling_of("Secret; Eyes Only") == ["eyes_only"]
    assert handling_of("Making Copies Prohibited") == ["copying_prohibited"]
    assert precedence_of("Secret; Niact") == "niact"
    assert precedence_of("Top Priority") == "top_priority"


def test_marking_lines() -> None:
    for line in ["TOP SECRET", "SPECIAL FOLDER", "Secret; Priority", "Copy No. 12", "Экз. № 2", "СОВЕРШЕННО СЕКРЕТНО"]:
        assert is_marking_line(line), line
    for line in ["HAVANA", "SOVIET AMBASSADOR", "The secret talks went on.", ""]:
        assert not is_marking_line(line), line


def test_highest_level_wins_and_as_written_is_kept() -> None:
    markings = MarkingSet()
    for line in ["SECRET", "TOP SECRET", "SPECIAL FOLDER", "Copy No. 3"]:
        markings.add(line)
    result = markings.to_dict()
    assert result["classification"] == "top_secret"
    assert result["as_written"] == ["SECRET", "TOP SECRET", "SPECIAL FOLDER", "Copy No. 3"]
    assert result["handling"] == ["special_folder"]
    assert result["copy_number"] == "3"
