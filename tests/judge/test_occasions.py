"""Tests of refgraph.judge.occasions: what a situation is for, and which trade it names."""

from __future__ import annotations

import pytest

from refgraph.io.settings import ReferSettings
from refgraph.judge.needs import match_needs


def test_a_situation_named_as_the_occasion_of_another_need_weighs_less():
    found = {m.name: m for m in match_needs("my daughter needs her hair done for the wedding")}
    assert found["hair and beauty"].score == 1.0
    assert found["wedding"].score == pytest.approx(ReferSettings().need_occasion)
    assert found["wedding"].occasion and not found["hair and beauty"].occasion
    # "Before", "over" and "during" introduce an occasion too, after a pronoun or
    # with a word before the occasion's phrase.
    for trigger, need, occasion in [
            ("I need to make a will before I travel", "will writing", "travel"),
            ("the kids need childcare over the summer holidays", "childcare", "travel")]:
        read = {m.name: m for m in match_needs(trigger)}
        assert not read[need].occasion and read[occasion].occasion, trigger
    # "Before" introduces an occasion too.
    before = {m.name: m for m in match_needs("she wants to lose weight before the wedding")}
    assert before["fitness"].score == 1.0 and before["wedding"].occasion
    # A clause after "when" or "while" says when, after a need named anywhere
    # before it; a trigger that opens with "when" has no need before it.
    for trigger, need, occasion in [
            ("who can look after our dog when we go on holiday", "pet care", "travel"),
            ("our Wi-Fi drops out when everyone is on video calls", "it support", "video"),
            ("we need a cleaner while we're renovating the kitchen", "cleaning",
             "home improvement")]:
        read = {m.name: m for m in match_needs(trigger)}
        assert not read[need].occasion and read[occasion].occasion, trigger
    opening = match_needs("when we go on holiday the dog needs walking")
    assert not any(m.occasion for m in opening)
    # "Looking for" names the need itself, not an occasion.
    assert [(m.name, m.score) for m in match_needs("a client is looking for a web designer")
            ] == [("web design", 1.0)]
    # Said on its own, the wedding is the situation.
    assert {m.name: m.score for m in match_needs("a friend is getting married")}[
        "wedding"] == 1.0


@pytest.mark.parametrize(("trigger", "need", "thing"), [
    # The suit is the need; the wedding only says what for.
    ("I need a suit for a wedding", "clothes and styling", "wedding"),
    ("can someone proofread our brochure", "proofreading", "printing"),
    ("our brochure needs proofreading", "proofreading", "printing"),
    ("we need our brochure translated into French", "translation", "printing"),
    ("translate our website into German", "translation", "web design"),
    ("photograph our wedding", "photography", "wedding"),
])
def test_the_thing_another_need_acts_on_is_its_occasion(trigger, need, thing):
    # The brochure is what is proofread, not a print job: the printer waits.
    found = {m.name: m for m in match_needs(trigger)}
    assert not found[need].occasion and found[need].score > found[thing].score
    assert found[thing].occasion
    assert found[thing].score == pytest.approx(ReferSettings().need_occasion)


@pytest.mark.parametrize("trigger", [
    "my friend needs a solicitor for her divorce",
    "we need a lawyer for the divorce",
])
def test_a_trade_named_for_a_situation_it_serves_is_no_occasion(trigger):
    # A solicitor for a divorce is a divorce lawyer: the divorce says which.
    found = {m.name: m for m in match_needs(trigger)}
    assert not found["separation and divorce"].occasion
    assert found["separation and divorce"].score == 1.0


@pytest.mark.parametrize(("trigger", "home", "general"), [
    ("my friend needs a solicitor for her divorce", "separation and divorce", "legal"),
    ("my mum needs a solicitor for power of attorney", "will writing", "legal"),
    ("a lawyer for the inheritance", "will writing", "legal"),
])
def test_a_trade_named_for_a_situation_with_its_own_such_trade_lives_there(trigger, home,
                                                                          general):
    # A solicitor for a power of attorney is a wills solicitor: business legal
    # work (contracts, disputes) would rank commercial solicitors for it.
    names = [m.name for m in match_needs(trigger)]
    assert home in names and general not in names


def test_a_trade_that_lists_the_speciality_itself_keeps_its_home():
    # A wedding photographer is a photographer's trade as much as a wedding's.
    names = [m.name for m in match_needs("a photographer for our wedding")]
    assert names[0] == "photography" and "wedding" in names


def test_a_thing_named_alone_or_hacked_is_still_the_need():
    # Printing a brochure is a print job; a hacked website wants the security
    # specialist first, and its web designer after (still a need, no occasion).
    assert not {m.name: m for m in match_needs("print our brochure")}["printing"].occasion
    hacked = {m.name: m for m in match_needs("our website got hacked")}
    assert not hacked["web design"].occasion and not hacked["cyber security"].occasion
    assert hacked["web design"].follows and not hacked["cyber security"].follows
    assert hacked["web design"].score < hacked["cyber security"].score


@pytest.mark.parametrize(("trigger", "asked", "background"), [
    ("my friend's daughter is getting married and they need a venue", "venue", "wedding"),
    ("my sister is getting married. She needs a photographer", "photography", "wedding"),
    ("a new restaurant needs a logo", "branding", "starting a business"),
    ("our apprentice needs mentoring", "coaching", "hiring"),
])
def test_a_situation_told_before_a_need_asked_for_is_its_background(trigger, asked,
                                                                     background):
    read = {m.name: m for m in match_needs(trigger)}
    assert not read[asked].occasion and read[asked].score == 1.0
    assert read[background].occasion
    assert read[background].score == pytest.approx(ReferSettings().need_occasion)


@pytest.mark.parametrize("trigger", [
    # Someone else's wish asks for nothing.
    "the landlord wants to put the rent up",
    # Everything asked for is asked for.
    "we need a new website and a logo",
    # Nothing asked for after the asking word: the story is the need.
    "two friends were just made redundant and need help",
])
def test_nothing_is_background_without_a_need_asked_for_after_it(trigger):
    assert not any(m.occasion for m in match_needs(trigger))
