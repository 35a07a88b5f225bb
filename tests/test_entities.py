"""People, organisations and places: transliteration, the authority file, mentions and their resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.entities.authority import load_authority, posts_of_description
from cablegram.entities.mentions import find_mentions, resolve_name
from cablegram.entities.roles import resolve_role
from cablegram.entities.transliterate import latin_variants, spelling_key, transliterate
from cablegram.pipeline import extract_file
from tests.conftest import SEEDS


@pytest.mark.parametrize(("cyrillic", "scheme", "latin"), [
    ("Алексеев", "bgn_pcgn", "Alekseyev"), ("Алексеев", "library_of_congress", "Alekseev"),
    ("Хрущёв", "scholarly", "Xruščëv"), ("Хрущев", "bgn_pcgn", "Khrushchev"), ("Микоян", "library_of_congress", "Mikoian"),
    ("Евгений", "bgn_pcgn", "Yevgeniy"), ("Громыко", "bgn_pcgn", "Gromyko"),
])
def test_transliteration_schemes(cyrillic: str, scheme: str, latin: str) -> None:
    assert transliterate(cyrillic, scheme) == latin


def test_press_spellings_are_generated() -> None:
    variants = latin_variants("Алексеев")
    assert {"Alekseev", "Alekseyev", "Alexeyev", "Alexeev"} <= set(variants)
    assert {"Khrushchev", "Krushchev", "Khruschev"} <= set(latin_variants("Хрущев"))


@pytest.mark.parametrize("spellings", [
    ["Alekseev", "Alekseyev", "Alexeyev", "Alexeev", "Алексеев"], ["Khrushchev", "Krushchev", "Хрущёв", "Хрущев"],
    ["Mikoyan", "Mikoian", "Микоян"], ["Dorticos", "Dorticós", "Дортикос"], ["Pliyev", "Pliev", "Плиев"],
])
def test_one_spelling_key_for_every_spelling(spellings: list[str]) -> None:
    assert len({spelling_key(s) for s in spellings}) == 1


def test_different_names_keep_different_keys() -> None:
    assert len({spelling_key(n) for n in ["Alekseev", "Aleksandrov", "Gromyko", "Kosygin", "Kozlov"]}) == 5


@pytest.mark.parametrize("name", ["Alekseev", "Alexeyev", "A.I. Alekseev", "Алексеев", "Alekseiev", "Alexander Alexeyev"])
def test_every_spelling_resolves_to_alekseev(name: str) -> None:
    assert resolve_name(name, "1962-10-28") == "alekseev-aleksandr"


def test_cover_names_hold_for_their_period() -> None:
    assert resolve_name("Comrade Pavlov", "1962-10-28") == "pliyev-issa"
    assert resolve_name("Pavlov", "1975-01-01") is None


def test_posts_at_a_date() -> None:
    assert resolve_role("SOVIET AMBASSADOR", "HAVANA", "1962-10-28") == "alekseev-aleksandr"
    assert resolve_role("USSR Ambassador to USA", None, "1963-11-22") == "dobrynin-anatoly"
    assert resolve_role("Secretary of State", None, "1962-10-28") == "rusk-dean"
    # the volume's persons list: Thompson was ambassador in Moscow until July 1962, Kohler after
    assert resolve_role("US Ambassador to the Soviet Union", None, "1961-05-01") == "thompson-llewellyn"
    assert resolve_role("US Ambassador to the Soviet Union", None, "1963-05-01") == "kohler-foy"
    assert resolve_role("SOVIET AMBASSADOR", "HAVANA", "1961-10-28") is None  # before Alekseev's time
    assert resolve_role("Under Secretary of State", None, "1962-10-28") is None  # not the Secretary


def test_posts_from_a_persons_list_description() -> None:
    posts = posts_of_description("Assistant Secretary of State for European Affairs until August 1962; "
                                 "thereafter Ambassador to the Soviet Union")
    assert [(p.title, p.start, p.end) for p in posts] == [
        ("Assistant Secretary of State for European Affairs", None, "1962-08"),
        ("Ambassador to the Soviet Union", "1962-08", None)]


def test_the_frus_persons_list_seeds_the_authority() -> None:
    authority = load_authority()
    assert authority.canonical_id("frus1961-63v06:p_KNS2") == "khrushchev-nikita"
    assert authority.canonical_id("frus1961-63v06:p_AK3") == "adenauer-konrad"  # Conrad in FRUS, Konrad curated
    harriman = authority.get(authority.canonical_id("frus1961-63v06:p_HWA2"))
    assert harriman is not None and "Harriman" in harriman.variants


def test_mentions_in_english_with_offsets() -> None:
    text = "In my presence Dorticos called Castro. N.S. Khrushchev wrote to TASS and the Pentagon, not to Cuba."
    found = {(m.text, m.type, m.entity_id) for m in find_mentions(text, "1962-10-28")}
    assert {("Dorticos", "person", "dorticos-osvaldo"), ("Castro", "person", "castro-fidel"),
            ("N.S. Khrushchev", "person", "khrushchev-nikita"), ("TASS", "organization", "tass"),
            ("Pentagon", "organization", "pentagon"), ("Cuba", "place", "cuba")} <= found
    for m in find_mentions(text):
        assert text[m.start:m.end] == m.text


def test_mentions_in_russian_are_put_in_the_nominative_and_resolved() -> None:
    text = "Ознакомьте тов. Павлова с этой телеграммой. Алексееву поручено встретиться с Хрущевым в Гаване."
    found = {(m.text, m.entity_id) for m in find_mentions(text, "1962-10-28")}
    assert {("Павлова", "pliyev-issa"), ("Алексееву", "alekseev-aleksandr"), ("Хрущевым", "khrushchev-nikita"),
            ("Гаване", "havana")} <= found
    assert not any(text == "Ознакомьте" for text, _ in found)


def test_an_unknown_person_stays_an_unresolved_mention() -> None:
    [mention] = [m for m in find_mentions("Comrade Ivanchenko reported.") if m.text == "Ivanchenko"]
    assert mention.type == "person" and mention.entity_id is None


def test_lower_case_words_are_not_names() -> None:
    assert not [m for m in find_mentions("the cuba libre and a ball") if m.entity_id]


def test_seed_sender_and_the_attachments_addressee_are_one_man() -> None:
    cable = extract_file(SEEDS / "000_95bb0fc191ff6699.txt")[0]
    protocol = extract_file(SEEDS / "003_17656c3dbdfa3f82.txt")[0]
    assert cable.from_[0].entity_id == "alekseev-aleksandr"
    assert protocol.parts[0]["to"][0]["entity_id"] == "alekseev-aleksandr"
    assert [p.entity_id for p in protocol.to] == ["khrushchev-nikita", "mikoyan-anastas", "gromyko-andrei"]
    [distribute] = [d for d in protocol.directives if d.kind == "distribute"]
    assert distribute.target is not None and distribute.target.entity_id == "pliyev-issa"


def test_a_users_authority_files_are_read_beside_the_shipped_ones(tmp_path: Path) -> None:
    from cablegram.entities.authority import load_authority

    (tmp_path / "mine.json").write_text('{"entities": [{"id": "kostin-valery", "kind": "person", '
                                        '"name": "Valery V. Kostin", "variants": ["Костин"]}]}')
    mine = load_authority(tmp_path)
    kostin = mine.get("kostin-valery")
    assert kostin is not None and "Kostin" in kostin.variants
    assert [m.entity_id for m in find_mentions("We met comrade V.V. Kostin.", authority=mine)] == ["kostin-valery"]
    assert load_authority().get("kostin-valery") is None  # the shipped file alone does not know him
