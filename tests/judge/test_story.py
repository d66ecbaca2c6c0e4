"""Tests of refgraph.judge.story: parties, trades inside trade names, trades that left."""

from __future__ import annotations

import pytest

from refgraph.errors import RefgraphError
from refgraph.io.settings import ReferSettings
from refgraph.judge.needs import compiled_taxonomy
from refgraph.judge.story import (
    departed_trades,
    inside_trade_names,
    mark_story,
    name_rows,
    present_words,
    read_trigger,
    unwanted_rows,
    with_names,
)

OPTIONS = ReferSettings()


def _read(text):
    trigger = read_trigger(text, OPTIONS)
    taxonomy = compiled_taxonomy()
    present = present_words(trigger, taxonomy.vocabulary, OPTIONS)
    return trigger, taxonomy.needs_of_profession, present


def _words(trigger, rows):
    return [str(word) for word in trigger.tokens.surface[rows]]


@pytest.mark.parametrize(("text", "trade", "said"), [
    ("my accountant retired", ["accountant"], ["retired"]),
    ("our web designer has just gone bust", ["web", "designer"], ["bust"]),
    ("their cleaner quit last week", ["cleaner"], ["quit"]),
    # The departure may come first, with "of" and a possessive between.
    ("we had to let go of our bookkeeper", ["bookkeeper"], ["go"]),
    ("we lost our accountant", ["accountant"], ["lost"]),
    ("we fired our web designer", ["web", "designer"], ["fired"]),
])
def test_a_trade_that_left_is_wanted_and_its_departure_is_marked(text, trade, said):
    trigger, trades, present = _read(text)
    wanted, gone = departed_trades(trigger, trades, OPTIONS, present)
    assert _words(trigger, wanted) == trade
    assert _words(trigger, gone) == said


@pytest.mark.parametrize("text", [
    "my friend retired",  # a person, not a trade
    "my accountant is great. She retired the old system",  # another sentence
    "my accountant moved them off Xero",  # no departure
    "we lost our biggest client",  # not a trade
    "we need to fire someone",  # no trade at all
    "go to our accountant",  # "go" departs only in "let go"
])
def test_no_departure_without_a_trade_just_before_it(text):
    trigger, trades, present = _read(text)
    wanted, gone = departed_trades(trigger, trades, OPTIONS, present)
    assert not wanted.any() and not gone.any()


def test_a_word_inside_a_named_trade_is_marked():
    trigger, trades, present = _read("the wedding photographer and the wedding")
    assert _words(trigger, inside_trade_names(trigger, trades, OPTIONS, present)) == ["wedding"]


def test_an_empty_trigger_is_refused_with_an_example():
    with pytest.raises(RefgraphError, match="describe the situation"):
        read_trigger("   ", OPTIONS)


def test_one_reading_of_the_story_gives_what_each_rule_gives():
    trigger, trades, present = _read("our wedding photographer quit")
    marks = mark_story(trigger, trades, compiled_taxonomy().vocabulary, OPTIONS)
    wanted, gone = departed_trades(trigger, trades, OPTIONS, present)
    assert marks.present == present
    assert marks.inside_trade.tolist() == inside_trade_names(trigger, trades, OPTIONS,
                                                             present).tolist()
    assert (marks.wanted.tolist(), marks.gone.tolist()) == (wanted.tolist(), gone.tolist())
    assert _words(trigger, marks.wanted) == ["wedding", "photographer"]


def test_the_words_of_a_name_are_a_party_and_describe_nothing():
    options = ReferSettings()
    trigger = with_names(read_trigger("Fiona Grant's client needs a grant", options),
                         [("fiona", "grant")])
    assert trigger.muted.tolist() == [True, True, False, False, False, False]
    assert trigger.party[:2].all()
    # The second "grant" is the need: only the name's words are marked.
    assert name_rows(trigger.tokens, [("grant",)]).tolist() == [
        False, True, False, False, False, True]
    assert not with_names(read_trigger("a grant for Fiona", options),
                          [("fiona", "grant")]).muted.any()


@pytest.mark.parametrize(("text", "unwanted"), [
    ("not looking for an accountant, just a bookkeeper", ["for", "an", "accountant"]),
    ("we don't want a web designer but a developer", ["a", "web", "designer"]),
    ("a bookkeeper rather than an accountant", ["an", "accountant"]),
    # Lacking a trade is needing it.
    ("we don't have an accountant", []),
    ("my accountant is not answering", []),
])
def test_what_the_trigger_does_not_want_is_muted(text, unwanted):
    tokens = read_trigger(text, OPTIONS).tokens
    assert [str(w) for w, bad in zip(tokens.surface, unwanted_rows(tokens), strict=True)
            if bad] == unwanted
    assert read_trigger(text, OPTIONS).muted.sum() == len(unwanted)


def test_what_someone_runs_or_owns_is_muted_but_not_what_is_sought_or_done():
    from refgraph.io.settings import ReferSettings
    from refgraph.judge.story import read_trigger

    def muted(text):
        trigger = read_trigger(text, ReferSettings())
        return [str(w) for w, m in zip(trigger.tokens.surface, trigger.muted, strict=True) if m]

    assert muted("my client runs a restaurant and needs a bookkeeper") == ["restaurant"]
    assert muted("someone who runs a payroll bureau") == []
    assert muted("we need to run a workshop") == []
    assert muted("a Polish speaking solicitor") == ["polish", "speaking"]
