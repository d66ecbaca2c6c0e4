"""The terminal views of refer, path, ask and nurture results are registered with ``to_text``."""

from __future__ import annotations

import pytest
from toys import FIXED, make_network, meetings

import refgraph
from refgraph.results import Result
from refgraph.show import render, to_text
from refgraph.show.answers import wrap


@pytest.mark.parametrize("result_type", [refgraph.ReferResult, refgraph.PathResult,
                                         refgraph.AskResult, refgraph.NurtureResult])
def test_each_judge_result_has_its_own_view(result_type):
    assert to_text.dispatch(result_type) is not to_text.dispatch(Result)
    assert not hasattr(result_type, "to_text") and not hasattr(result_type, "summary_lines")


def test_views_render_through_the_public_api():
    network = make_network(["me", {"id": "ann", "name": "Ann", "profession": "Plumber"}, "bob"],
                           meetings("me", "ann", 3) + meetings("ann", "bob", 3),
                           settings=FIXED)
    results = [refgraph.refer(network, "a leaking boiler needs a plumber"),
               refgraph.trust_paths(network, "me", "bob"),
               refgraph.ask(network, "ann", "bob"),
               refgraph.nurture(network)]
    for result in results:
        text = to_text(result, width=60)
        assert render(result) == to_text(result) + "\n"
        assert all(len(line) <= 60 for line in text.splitlines())
    heading = to_text(results[0]).splitlines()[0]
    assert heading == "Who to refer: \u201ca leaking boiler needs a plumber\u201d"
    assert "Verdict: " in to_text(results[2])


def test_wrap_keeps_hyphenated_words_whole():
    assert wrap("scored by weakest-link", 16) == ["scored by", "  weakest-link"]


def test_the_refer_heading_says_which_need_is_only_the_occasion():
    network = make_network(["me", {"id": "ann", "name": "Ann", "profession": "Personal trainer"}],
                           meetings("me", "ann", 3), settings=FIXED)
    text = to_text(refgraph.refer(network, "she wants to lose weight before the wedding"))
    assert "needs: fitness, nutrition, wedding (the occasion)" in text


def test_a_path_too_weak_for_an_introduction_says_so_and_shows_no_false_zero():
    faint = [("2020-01-01", "ann", "bob", "card"), ("2020-01-01", "bob", "cat", "card")]
    network = make_network(["me", "ann", "bob", "cat"], [*meetings("me", "ann", 3), *faint],
                           settings=FIXED)
    result = refgraph.trust_paths(network, "me", "cat")
    assert result.best.trust < 0.0005
    assert "too weak to carry an introduction" in result.message
    text = to_text(result)
    assert "<0.001" in text and "trust 0.000" not in text
    strong = refgraph.trust_paths(network, "me", "ann")
    assert "too weak" not in strong.message


@pytest.mark.parametrize("trigger", ["I've found a lump on my neck", "I got a parking fine"])
def test_nobody_after_a_first_step_that_is_the_whole_answer_asks_no_contact(trigger):
    # A GP to see or a fine to appeal is the answer: no trade is missing.
    network = make_network(["me", {"id": "ann", "profession": "Plumber"}],
                           meetings("me", "ann", 3))
    result = refgraph.refer(network, trigger)
    text = " ".join(to_text(result).split())
    assert result.first_step_only and result.to_dict()["first_step_only"] is True
    assert "Nobody to refer: the first step above is the answer" in text
    assert "Ask a contact you trust" not in text and "[needs]" not in text


def test_nobody_for_a_known_situation_names_the_trades_to_look_for():
    # The situation is known, so the answer says which trades serve it and
    # suggests asking a trusted contact, not editing the taxonomy.
    network = make_network(["me", {"id": "ann", "profession": "Employment lawyer"}],
                           meetings("me", "ann", 3))
    text = " ".join(to_text(refgraph.refer(network, "a friend needs a criminal lawyer")).split())
    assert "No one in the network serves criminal defence" in text
    assert "criminal solicitor" in text and "Ask a contact you trust" in text
    assert "[needs]" not in text
