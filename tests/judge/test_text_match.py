"""Tests of refgraph.judge.text_match: plural folding, tokens and the phrase matcher."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.io.settings import ReferSettings
from refgraph.judge.text_match import (
    TokenTable,
    fold_plural,
    party_mask,
    phrase_words,
    possessor_rows,
    prepare_text,
    prepare_texts,
)


def test_fold_plural_folds_plurals_only():
    assert fold_plural("designers") == "designer"
    assert fold_plural("accountancies") == "accountancy"
    assert fold_plural("businesses") == "business"
    # trades stay apart: no suffix stripping beyond plurals
    assert fold_plural("accounting") == "accounting"
    assert fold_plural("designer") != fold_plural("design")
    assert fold_plural("analysis") == "analysis"


def test_phrase_words_normalise_like_the_text():
    assert phrase_words("E-Commerce & Web Designers") == ("ecommerce", "and", "web", "designer")
    assert phrase_words("Café owner's") == ("cafe", "owner")


def _brute_force_ends(segments, phrase, gap):
    """Reference matcher: rows where an in-order, gap-limited occurrence ends."""
    ends = []
    for words in segments:
        flags = []
        for end in range(len(words)):
            positions = {end} if words[end] == phrase[-1] else set()
            for word in reversed(phrase[:-1]):
                positions = {p for p in range(len(words)) if words[p] == word
                             and any(0 < q - p <= gap + 1 for q in positions)}
            flags.append(bool(positions))
        ends += flags
    return ends


@settings(max_examples=60, deadline=None)
@given(
    segments=st.lists(st.lists(st.sampled_from(["ab", "cd", "ef", "gh"]), min_size=1,
                               max_size=7), min_size=1, max_size=4),
    phrase=st.lists(st.sampled_from(["ab", "cd", "ef"]), min_size=1, max_size=3),
    gap=st.integers(0, 2),
)
def test_vectorised_phrase_matcher_agrees_with_brute_force(segments, phrase, gap):
    tokens = TokenTable.from_texts([". ".join(" ".join(words) for words in segments)])
    options = ReferSettings(phrase_gap_words=gap)
    got = tokens.phrase_ends(tuple(phrase), options).tolist()
    assert got == _brute_force_ends(segments, phrase, gap)


def test_phrases_never_cross_texts_or_items():
    tokens = TokenTable.from_texts(["web", "designer", "web; designer", "web designer"])
    ends = tokens.phrase_ends(("web", "designer"), ReferSettings())
    assert tokens.piece[ends].tolist() == [3]


#: Texts that repeat, as contact fields do (professions, tags, empty notes).
_FIELD_TEXTS = st.sampled_from(["Web designer; SEO", "", "roof repairs. Flat roofs",
                                "Zoë's e-commerce & SEO", "web designer", "a; b; c", "!"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_FIELD_TEXTS, max_size=12))
def test_repeated_texts_give_the_table_of_reading_each_text(texts):
    table = TokenTable.from_texts(texts)
    pieces, words, boundaries = [], [], []
    for position, text in enumerate(texts):
        alone = TokenTable.from_texts([text])
        pieces += [position] * len(alone.code)
        words += list(alone.vocab[alone.code])
        boundaries += list(np.diff(alone.segment) != 0)
        if len(alone.code):
            boundaries.append(True)  # a text always ends its segment
    assert table.piece.tolist() == pieces
    assert list(table.vocab[table.code]) == words
    # Segments are sorted and start afresh exactly where each text's own do.
    assert (np.diff(table.segment) >= 0).all()
    ends = np.append(np.diff(table.segment) != 0, len(table.code) > 0)[: len(table.code)]
    assert ends.tolist() == [bool(b) for b in boundaries]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(_FIELD_TEXTS, st.none()), max_size=12))
def test_prepare_texts_is_prepare_text_of_each(texts):
    assert prepare_texts(texts) == [prepare_text(t) if isinstance(t, str) else "" for t in texts]


def test_a_possessive_noun_makes_the_next_words_a_party():
    # "a client's restaurant": the restaurant is the client's, not a trade wanted.
    text = "a client\u2019s restaurant needs more customers; my friend's shop"
    tokens = TokenTable.from_texts([text])
    owners = possessor_rows(text, tokens)
    assert list(tokens.surface[owners]) == ["client", "friend"]
    masked = party_mask(tokens, 3, owners)
    # Up to the function word "more"; "my" masks the friend as before.
    assert list(tokens.surface[masked]) == ["restaurant", "needs", "friend", "shop"]


@given(st.lists(st.sampled_from(["a", "client's", "shop", "x's", "'s", "its", "rose's"]),
                max_size=8))
def test_possessors_always_line_up_with_the_tokens(words):
    text = " ".join(words)
    tokens = TokenTable.from_texts([text])
    owners = possessor_rows(text, tokens)
    assert owners.shape == (len(tokens.code),)
    # Only a word written with "'s" owns the next words.
    expected = [w.endswith("'s") and len(w) > 2 for w in words]
    assert owners.tolist() == [flag for flag, w in zip(expected, words, strict=True)
                               if w != "'s"]


def test_two_words_spelled_right_are_no_misspelling_of_one_another():
    lexicon = {"filing", "filling", "divorce", "divorced", "german", "germany", "accountant"}
    options = ReferSettings()

    def matched(word, text, known):
        table = TokenTable.from_texts([text], known)
        return sorted(table.vocab[table.word_tables([word], options)[0]].tolist())

    # Without a lexicon every close word is a possible misspelling.
    assert matched("filling", "behind on my filing", set()) == ["filing"]
    assert matched("filling", "behind on my filing", lexicon) == []
    # A misspelling is still read, and forms of one word still match.
    assert matched("accountant", "need an acountant", lexicon) == ["acountant"]
    assert matched("divorce", "she divorced him", lexicon) == ["divorced"]
    assert matched("germany", "sell in german", lexicon) == ["german"]


def test_an_agent_noun_is_no_misspelling_of_its_thing():
    table = TokenTable.from_texts(["community programmes", "a programer", "photographs"])
    tables = table.word_tables(["programmer", "photographer"], ReferSettings())
    assert sorted(table.vocab[tables[0]].tolist()) == ["programer"]
    assert table.vocab[tables[1]].tolist() == []
