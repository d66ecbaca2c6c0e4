"""Figures of speech name no situation: a stroke of luck is no stroke."""

from __future__ import annotations

import pytest

from refgraph.judge.idioms import idiom_rows
from refgraph.judge.needs import match_needs
from refgraph.judge.refer import refer
from refgraph.judge.text_match import TokenTable


def _professions(network, trigger):
    return [c["profession"] for c in refer(network, trigger, top=5).to_dict()["candidates"]]


@pytest.mark.parametrize(("idiom", "literal", "need"), [
    ("I had a stroke of luck", "my mum had a stroke", "stroke recovery"),
    ("what a stroke of genius", "my dad had a stroke last week", "stroke recovery"),
    ("my back is against the wall", "my back is killing me", "physio"),
    ("prices have gone through the roof", "rain is coming through the roof", "roofing"),
    ("we're struggling to keep a roof over our heads", "our roof is leaking", "roofing"),
    ("he's long in the tooth", "my tooth is killing me", "dental"),
    ("we passed by the skin of our teeth", "my teeth hurt", "dental"),
    ("we've been flooded with orders", "our kitchen flooded", "insurance"),
    ("that's the icing on the cake", "we need a cake for the party", "catering"),
])
def test_an_idiom_names_no_situation_but_the_literal_story_does(idiom, literal, need):
    assert need not in {m.name for m in match_needs(idiom)}
    assert need in {m.name for m in match_needs(literal)}


def test_a_stroke_of_luck_finds_no_physiotherapist(consultant, chapter):
    for network in (consultant, chapter):
        for trigger in ("I had a stroke of luck", "what a stroke of genius",
                        "my back is against the wall", "break a leg tonight"):
            professions = _professions(network, trigger)
            assert not {"Physiotherapist", "Osteopath", "Chiropractor"} & set(professions), \
                (trigger, professions)
        assert "Physiotherapist" in _professions(network, "my mum had a stroke")
    assert _professions(consultant, "prices have gone through the roof") == []
    assert _professions(consultant, "rain coming through the roof")[0] == "Roofer"


def test_idiom_rows_mark_the_idiom_word_for_word():
    tokens = TokenTable.from_texts(["prices went through the roof, so fix the roof"])
    marked = [str(w) for w, idiom in zip(tokens.surface, idiom_rows(tokens), strict=True)
              if idiom]
    assert marked == ["went", "through", "the", "roof"]
    # Not word for word: "a pain in my neck" is a neck that hurts.
    assert not idiom_rows(TokenTable.from_texts(["I have a pain in my neck"])).any()
    assert idiom_rows(TokenTable.from_texts(["he is a pain in the neck"])).sum() == 4
