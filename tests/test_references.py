"""References to other documents, with sender, addressee and date resolved from context."""

from __future__ import annotations

from cablegram.extract.fields.references import find_references
from cablegram.record import Party

KENNEDY, KHRUSHCHEV = Party(name="Kennedy"), Party(name="Khrushchev")


def test_a_day_without_a_year_takes_the_year_before_when_it_would_be_later_than_the_document() -> None:
    [ref] = find_references("I have your message of December 19 about the test ban.", "1963-04-11", [KENNEDY], [KHRUSHCHEV])
    assert ref.date == "1962-12-19"
    assert [p.name for p in ref.from_] == ["Khrushchev"] and [p.name for p in ref.to] == ["Kennedy"]


def test_our_message_is_from_the_documents_sender() -> None:
    [ref] = find_references("as we said in our 28 October message", "1962-10-30", [KHRUSHCHEV], [KENNEDY])
    assert ref.date == "1962-10-28" and [p.name for p in ref.from_] == ["Khrushchev"]


def test_a_bare_mention_of_a_letter_is_no_reference() -> None:
    assert find_references("The letter was long.", "1962-10-30", [KHRUSHCHEV], [KENNEDY]) == []
