"""Text clean-up: what the loader may leave as it is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.io.text import any_invisible, clean_identifier, clean_text, has_invisible, plain_texts

# Mostly ASCII, with the characters cleaning cares about mixed in.
pieces = st.sampled_from([*"ab1- ,\n\t\r", "\u200b", "\u202e", "e\u0301", "é", "\x00"])
texts = st.lists(st.lists(pieces, max_size=6).map("".join), max_size=6)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_plain_texts_are_left_as_they_are_by_cleaning(values):
    if plain_texts(values):
        assert [clean_identifier(v) for v in values] == values
        assert [clean_text(v) for v in values] == values


def test_texts_that_cleaning_would_change_are_not_plain():
    assert plain_texts([]) and plain_texts(["", "c01", "2024-01-05T09:30:00+01:00"])
    for value in (" c01", "c01 ", "two\nlines", "tab\there", "Zoë", "c\u200b01", "a\r"):
        assert not plain_texts(["c02", value, "c03"]), value


ascii_pieces = st.sampled_from([*"ab1- ,\n\t\r", "\x00", "\x07", "\x0b", "\x1f", "\x7f"])
ascii_texts = st.lists(st.lists(ascii_pieces, max_size=6).map("".join), max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, ascii_texts))
def test_a_warning_is_due_for_many_texts_exactly_when_due_for_one_of_them(values):
    assert any_invisible(values) == any(has_invisible(value) for value in values)
