from __future__ import annotations

import pytest

from cablegram.values.dates import find_dates, is_date_line, parse_date, parse_partial_date


@pytest.mark.parametrize(("written", "iso"), [
    ("28 October 1962", "1962-10-28"),
    ("October 28, 1962", "1962-10-28"),
    ("Oct. 28, 1962", "1962-10-28"),
    ("October 28, 1962, 5 p.m.", "1962-10-28T17:00"),
    ("Moscow, October 28, 1962, 11:30 a.m.", "1962-10-28T11:30"),
    ("28/X/62", "1962-10-28"),
    ("27/X/1962", "1962-10-27"),
    ("6.XI.62", "1962-11-06"),
    ("28 октября 1962 г.", "1962-10-28"),
    ("1 ноября 1962 года", "1962-11-01"),
    ("1962-10-27T06:40", "1962-10-27T06:40"),
    ("October 1962", "1962-10"),
])
def test_forms_parse_at_the_precision_written(written: str, iso: str) -> None:
    parsed = parse_date(written)
    assert parsed is not None and parsed.iso == iso


def test_as_written_is_kept() -> None:
    parsed = parse_date("signed 28/X/62 A. Alekseev")
    assert parsed is not None and parsed.as_written == "28/X/62" and parsed.precision == "day"


@pytest.mark.parametrize("text", ["No. P63/IV", "Copy No. 12", "the 28th division", "32/XIV/62", "February 30th"])
def test_non_dates_give_nothing(text: str) -> None:
    assert parse_date(text) is None


def test_impossible_month_is_refused() -> None:
    assert parse_date("1962-13-01") is None


def test_day_and_month_take_the_year_from_context() -> None:
    parsed = parse_partial_date("a message to President Kennedy on 28 October", 1962)
    assert parsed is not None and parsed.iso == "1962-10-28"


def test_several_dates_in_order() -> None:
    assert [d.iso for d in find_dates("sent 27/X/62, received October 28, 1962")] == ["1962-10-27", "1962-10-28"]


def test_date_lines() -> None:
    assert is_date_line("October 28, 1962")
    assert is_date_line("28 October 1962.")
    assert not is_date_line("Due to F. Castro's absence on 28 October 1962 I gave both letters")
