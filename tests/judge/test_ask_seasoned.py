"""ask and path read by a seasoned networker: answers that would embarrass them.

Each test pins one: telling two old colleagues to be introduced, advising
anyone to get in touch with someone who has died, "strengthen" for a tie
that only wants a call, "never met" for someone you introduced.
"""

from __future__ import annotations

from toys import built_in_2023, days, make_network

from refgraph.judge.ask import ask
from refgraph.judge.paths import trust_paths

AS_OF = "2024-06-30"


def test_two_who_worked_together_once_reconnect_rather_than_be_introduced():
    # ann and zoe did a dozen 1-to-1s and a referral in 2023: ann calls zoe herself.
    net = make_network(["me", "ann", "zoe"], [*days("me", "ann", 8), *days("me", "zoe", 8),
                                              *built_in_2023("ann", "zoe")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready"
    assert result.next_step == "ann may reconnect with zoe directly rather than through you"
    assert not any("introduce ann yourself" in reason for reason in result.reasons)
    assert any(reason.startswith("ann built a tie to zoe up to profitability once")
               for reason in result.reasons)


def test_consultant_priya_is_told_to_call_mark_not_to_be_introduced(consultant):
    result = ask(consultant, "c0001", "c0002")
    assert result.next_step == ("Priya Shah may reconnect with Mark Ellison directly rather "
                                "than through you")
    assert not any(reason.endswith("introduce Priya Shah yourself")
                   for reason in result.reasons)


def test_nobody_is_told_to_get_in_touch_with_someone_who_has_died():
    contacts = ["me", "ann", "bob", {"id": "zoe", "tags": "client; deceased"}]
    net = make_network(contacts, [*days("me", "ann", 8), *days("me", "bob", 8),
                                  *days("me", "zoe", 8), *built_in_2023("ann", "zoe"),
                                  *days("bob", "zoe", 9)])
    faded = ask(net, "ann", "zoe", as_of=AS_OF)
    assert not any("reconnect" in reason for reason in faded.reasons)
    assert faded.verdict == "weak_link" and faded.next_step is None
    # bob worked with zoe: still no "no introduction is needed, they can get in touch".
    works = ask(net, "bob", "zoe", as_of=AS_OF)
    assert works.verdict == "weak_link" and works.next_step is None
    assert any(reason.startswith("bob works with zoe: ") for reason in works.reasons)
    assert not any("get in touch" in reason and "tagged" not in reason
                   for reason in works.reasons)
    message = trust_paths(net, "me", "zoe", as_of=AS_OF).message
    assert "get in touch with zoe yourself" not in message
    assert message.endswith("a direct tie; you tagged zoe 'deceased': not someone to get in "
                            "touch with")


def test_an_asker_tagged_as_not_to_be_contacted_is_said_first():
    contacts = ["me", {"id": "ann", "tags": "Do-Not-Contact"}, "zoe"]
    net = make_network(contacts, [*days("me", "ann", 8), *days("me", "zoe", 8)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.reasons[0] == ("you tagged ann 'Do-Not-Contact', not someone to get in "
                                 "touch with: check that tag before you answer them")


def test_a_faded_working_tie_of_yours_to_the_go_between_wants_a_call_not_strengthening():
    # You built your tie to yan in 2023; it faded. yan knows zoe well.
    net = make_network(["me", "yan", "zoe"], [*built_in_2023("me", "yan"),
                                              *days("yan", "zoe", 9)])
    message = trust_paths(net, "me", "zoe", as_of=AS_OF).message
    assert "strengthen" not in message
    assert ("your own tie to yan was built up to profitability once but has faded to "
            "visibility") in message
    assert message.endswith("reconnect with yan first")


def test_someone_you_introduced_is_not_someone_you_never_met():
    net = make_network(["me", "ann", "zoe", "bob"],
                       [("2024-05-02", "me", "ann", "introduction"), *days("me", "zoe", 8)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    assert any(reason.endswith("you know ann only through an introduction and never had a "
                               "1-to-1: book one to learn their business")
               for reason in result.reasons)


def test_one_to_ones_long_ago_mean_catch_up_on_their_business():
    net = make_network(["me", "ann", "zoe"],
                       [*days("me", "ann", 2, year=2023, month=3),
                        ("2024-05-20", "me", "ann", "email"), *days("me", "zoe", 8)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    assert result.next_step == "book a 1-to-1 with ann to catch up on their business"


def test_no_introduction_needed_is_said_once():
    net = make_network(["me", "ann", "zoe"], [*days("me", "ann", 8), *days("me", "zoe", 8),
                                              *days("ann", "zoe", 9)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "not_needed"
    assert result.reasons[0].startswith("ann already works with zoe, no introduction is needed")
    assert len(result.reasons) == len(set(result.reasons))


def test_chapter_dan_powell_already_works_with_niamh_cole_said_once(chapter):
    result = ask(chapter, "m16", "m18")
    assert result.verdict == "not_needed"
    assert sum("already works with Niamh Cole" in reason for reason in result.reasons) == 1
