"""Tests for refgraph.judge.ask and path read as a networker reads them.

Each test pins an answer a seasoned networker would find wrong: asking a
favour of someone you barely know, hiding that the asker knew the target
once, a word about an introduction nobody needs, a faded working tie called
"barely knows".
"""

from __future__ import annotations

from toys import built_in_2023, days, make_network

from refgraph.judge.ask import ask
from refgraph.judge.paths import trust_paths

AS_OF = "2024-06-30"


def test_a_go_between_you_barely_know_is_not_asked_the_favour():
    # Your only way to zoe runs through yan, whom you met once at an event: asking
    # yan a favour is itself premature solicitation, so the honest answer is no.
    net = make_network(["me", "ann", "yan", "zoe"],
                       [*days("me", "ann", 8), ("2024-06-10", "me", "yan", "event"),
                        *days("yan", "zoe", 8)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert result.path is not None and result.path.nodes == ["me", "yan", "zoe"]
    assert not any(reason.startswith("ask yan") for reason in result.reasons)
    assert result.reasons[-1].startswith(
        "you do not know yan well enough to ask them a favour either: tell ann honestly "
        "that you cannot carry this introduction to zoe")


def test_a_go_between_you_know_well_is_still_asked_whether_they_know_the_target():
    net = make_network(["me", "ann", "yan", "zoe"],
                       [*days("me", "ann", 8), *days("me", "yan", 8),
                        ("2024-06-10", "yan", "zoe", "card")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.reasons[-1] == ("ask yan whether they know zoe well enough to introduce "
                                  "ann; if not, tell ann honestly that you cannot carry it")


def test_an_asker_who_once_worked_with_the_target_hears_that_before_your_route():
    # Ann did business with zoe in 2023; your own way to zoe is weak. "You knew her
    # yourself: call her" comes before anything about your route.
    net = make_network(["me", "ann", "yan", "zoe"],
                       [*days("me", "ann", 8), ("2024-06-10", "me", "zoe", "event"),
                        *built_in_2023("ann", "zoe")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    theirs = next(index for index, reason in enumerate(result.reasons)
                  if reason.startswith("ann built a tie to zoe up to profitability once"))
    route = next(index for index, reason in enumerate(result.reasons)
                 if reason.startswith("your own tie to zoe"))
    assert theirs < route
    assert "ann may reconnect directly rather than through you" in result.reasons[theirs]


def test_a_slight_tie_between_asker_and_target_is_still_said_after_the_route():
    net = make_network(["me", "ann", "zoe"],
                       [*days("me", "ann", 8), *days("me", "zoe", 8),
                        ("2024-06-10", "ann", "zoe", "card")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready"
    assert result.reasons[-1].startswith("ann already has a tie to zoe, short of a working")


def test_no_word_about_how_the_target_takes_an_introduction_nobody_needs():
    # Ann already works with zoe: there is no introduction, so nothing about zoe
    # taking one as a word for ann's work.
    contacts = ["me", {"id": "ann", "competency": 2}, "zoe"]
    net = make_network(contacts, [*days("me", "ann", 8), *days("ann", "zoe", 8),
                                  *days("me", "zoe", 8)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "not_needed"
    assert not any("competency" in reason for reason in result.reasons)
    # An introduction that is needed still says it.
    needed = make_network(contacts, [*days("me", "ann", 8), *days("me", "zoe", 8)])
    assert any("competency 2/5" in reason
               for reason in ask(needed, "ann", "zoe", as_of=AS_OF).reasons)


def test_a_go_betweens_faded_working_tie_is_not_called_barely_knowing():
    # Yan worked with zoe in 2023 and went quiet: ask yan whether they are still in
    # touch, rather than call them near-strangers.
    net = make_network(["me", "yan", "zoe"], [*days("me", "yan", 8),
                                              *built_in_2023("yan", "zoe")])
    message = trust_paths(net, "me", "zoe", as_of=AS_OF).message
    assert "barely knows" not in message
    assert ("its weakest hop is yan's own tie to zoe" in message
            and "built up to profitability once but faded to visibility: ask yan whether "
                "they are still in touch with zoe" in message)


def test_your_own_faded_working_tie_on_someone_elses_path_says_reconnect():
    net = make_network(["me", "ann", "zoe"], [*days("ann", "me", 8),
                                              *built_in_2023("me", "zoe")])
    message = trust_paths(net, "ann", "zoe", as_of=AS_OF).message
    assert "you barely know" not in message
    assert message.endswith("built up to profitability once but faded to visibility: "
                            "reconnect with zoe first")


def test_a_near_stranger_go_between_is_still_said_to_barely_know_the_target():
    net = make_network(["me", "yan", "zoe"], [*days("me", "yan", 8),
                                              ("2024-06-10", "yan", "zoe", "card")])
    message = trust_paths(net, "me", "zoe", as_of=AS_OF).message
    assert "yan barely knows zoe, so look for someone closer to zoe" in message


# --------------------------------------------------------------------------- samples


def test_consultant_never_asks_a_favour_of_a_networking_host_met_once(consultant):
    # Sam Carter's only route to Richard Stone runs through Victoria Sterling, one
    # social-media touch two years ago.
    result = ask(consultant, "c0001", "c0044")
    assert result.path is not None and result.path.via == ["Victoria Sterling"]
    assert not any(reason.startswith("ask Victoria Sterling") for reason in result.reasons)
    assert result.reasons[-1].startswith("you do not know Victoria Sterling well enough")


def test_consultant_paul_hears_he_knew_catherine_himself_first(consultant):
    result = ask(consultant, "c0036", "c0043")
    assert result.reasons[2].startswith(
        "Paul Whitaker built a tie to Catherine Wells up to profitability once")
    message = trust_paths(consultant, "me", "c0043").message
    assert "Paul Whitaker barely knows" not in message
    assert "ask Paul Whitaker whether they are still in touch with Catherine Wells" in message


def test_chapter_members_booking_a_one_to_one_hear_nothing_of_an_introduction(chapter):
    # Tessa Fletcher (competency 2/5) and Olivia Mensah share the chapter.
    result = ask(chapter, "m44", "m41")
    assert result.verdict == "not_needed"
    assert not any("introduction as a word" in reason for reason in result.reasons)


def test_a_ready_introduction_says_the_one_thing_to_do():
    # Ready through a friend: ask the friend. Ready directly: make it yourself.
    through = ask(make_network(["me", "ann", "yan", "zoe"],
                               [*days("me", "ann", 8), *days("me", "yan", 8),
                                *days("yan", "zoe", 8)]), "ann", "zoe", as_of=AS_OF)
    assert through.verdict == "ready"
    assert through.reasons[-1].endswith(": ask yan to introduce ann to zoe")
    direct = ask(make_network(["me", "ann", "zoe"], [*days("me", "ann", 8),
                                                     *days("me", "zoe", 8)]),
                 "ann", "zoe", as_of=AS_OF)
    assert direct.verdict == "ready"
    assert direct.reasons[-1].startswith("you know zoe directly (trust ")
    assert direct.reasons[-1].endswith(": introduce ann yourself")


def test_no_next_step_while_the_asker_is_not_yet_someone_to_vouch_for():
    net = make_network(["me", "ann", "zoe"], [("2024-06-10", "me", "ann", "card"),
                                              *days("me", "zoe", 8)])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    assert not any("introduce ann yourself" in reason for reason in result.reasons)


def test_consultant_ready_through_hannah_lee_says_to_ask_her(consultant):
    result = ask(consultant, "c0024", "c0061")
    assert result.verdict == "ready"
    assert result.reasons[-1].endswith(
        ": ask Hannah Lee to introduce Natalie Young to Julia Porter")


def test_no_introduction_to_someone_tagged_as_not_to_be_contacted():
    # Zoe has died: no introduction, no advice to reconnect with her.
    contacts = ["me", "ann", {"id": "zoe", "tags": "client; deceased"}]
    net = make_network(contacts, [*days("me", "ann", 8), *built_in_2023("me", "zoe")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert "you tagged zoe 'deceased': not someone to introduce anyone to" in result.reasons
    assert not any("reconnect" in reason or "honestly" in reason for reason in result.reasons)
    message = trust_paths(net, "me", "zoe", as_of=AS_OF).message
    assert message.endswith("; you tagged zoe 'deceased': not someone to get in touch with")


def test_no_route_runs_through_someone_who_asked_not_to_be_contacted():
    # Yan knows zoe best, but asked you to stop getting in touch: go through bea.
    contacts = ["me", "ann", {"id": "yan", "tags": "Do Not Contact"}, "bea", "zoe"]
    net = make_network(contacts, [*days("me", "ann", 8), *days("me", "yan", 9),
                                  *days("yan", "zoe", 9), *days("me", "bea", 6),
                                  *days("bea", "zoe", 6)])
    assert trust_paths(net, "me", "zoe", as_of=AS_OF).best.via == ["bea"]
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.path.via == ["bea"]
    assert not any("yan" in reason for reason in result.reasons)


def _introduced(asker: str, target: str, date: str = "2024-03-01") -> tuple:
    """An introduction the owner made, logged as the data does: its notes name whom to."""
    return {"date": date, "source": "me", "target": asker, "kind": "introduction",
            "notes": f"introduced to {target}"}


def _rows(rows: list[tuple]) -> list[dict]:
    return [{"date": d, "source": s, "target": t, "kind": k} for d, s, t, k in rows]


def test_an_introduction_you_already_made_is_not_offered_again():
    # You introduced ann to zoe in March; nothing between them since.
    net = make_network(["me", "ann", "zoe"],
                       [*_rows([*days("me", "ann", 8), *days("me", "zoe", 8)]),
                        _introduced("ann", "zoe")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert ("you already introduced ann to zoe, 4 months ago, and they have had no contact "
            "since that you know of: ask ann how it went before introducing them again"
            in result.reasons)
    assert not any("introduce ann yourself" in reason for reason in result.reasons)
    # The one thing to do is to ask how it went, not to introduce them again.
    assert result.next_step == "ask ann how it went before introducing them again"


def test_an_introduction_that_led_to_a_meeting_says_they_can_follow_up_themselves():
    net = make_network(["me", "ann", "zoe"],
                       [*_rows([*days("me", "ann", 8), *days("me", "zoe", 8),
                                ("2024-03-10", "ann", "zoe", "one_to_one")]),
                        _introduced("zoe", "ann")])  # logged the other way round
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert any(reason.startswith("you already introduced ann to zoe, 4 months ago, and they "
                                 "have been in touch since: ann can follow up with zoe "
                                 "directly") for reason in result.reasons)


def test_consultant_oliver_was_introduced_to_rosie_in_february(consultant):
    result = ask(consultant, "c0319", "c0188")
    assert any(reason.startswith("you already introduced Oliver Henderson to Rosie Spencer, "
                                 "8 months ago") for reason in result.reasons)
    assert not any("introduce Oliver Henderson yourself" in reason
                   for reason in result.reasons)


def test_cards_swapped_as_you_made_the_introduction_are_not_being_in_touch_since():
    net = make_network(["me", "ann", "zoe"],
                       [*_rows([*days("me", "ann", 8), *days("me", "zoe", 8),
                                ("2024-03-01", "ann", "zoe", "card")]),
                        _introduced("ann", "zoe")])
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert any("they have had no contact since that you know of" in reason
               for reason in result.reasons)


def test_chapter_a_fellow_member_you_can_reach_is_introduced_by_you_not_a_go_between(
        chapter):
    # Grace Kaur sits in Aoife's chapter every week (a tie of 0.39): no favour of
    # Renée Dubois is needed to introduce a visitor to her, however strong theirs.
    result = ask(chapter, "v10", "m38")
    assert result.path is not None and result.path.nodes == ["m01", "m38"]
    assert not any("Renée Dubois" in reason for reason in result.reasons)
    assert any("you already introduced George Jackson to Grace Kaur, 23 months ago, and "
               "they have had no contact since" in reason for reason in result.reasons)


def test_an_introduction_to_someone_else_with_a_longer_name_is_not_this_one():
    # "introduced to Anna Smith" is no introduction to Ann.
    net = make_network(["me", {"id": "bob", "name": "Bob"}, {"id": "ann", "name": "Ann"},
                        {"id": "anna", "name": "Anna Smith"}],
                       [*_rows([*days("me", "bob", 8), *days("me", "ann", 8)]),
                        _introduced("bob", "Anna Smith")])
    result = ask(net, "bob", "ann", as_of=AS_OF)
    assert not any("already introduced" in reason for reason in result.reasons)
    assert result.reasons[-1].endswith(": introduce Bob yourself")


def test_no_path_asks_a_friend_to_reach_someone_you_know_well_yourself():
    # You know ann (three 1-to-1s); jo knows ann better. The chain through jo to ann
    # looks stronger, but the hop that decides it, ann's to zoe, is the same: asking
    # jo to introduce you to ann is a favour for nothing.
    fixed = {"trust": {"scale": 10.0}, "kind_weights": {"one_to_one": 3.0}}
    net = make_network(["me", "ann", "jo", "zoe"],
                       [*days("me", "ann", 3), *days("me", "jo", 10), *days("jo", "ann", 8),
                        *days("ann", "zoe", 2)], settings=fixed)
    result = trust_paths(net, "me", "zoe", as_of=AS_OF)
    assert [path.nodes for path in result.paths] == [["me", "ann", "zoe"],
                                                     ["me", "jo", "ann", "zoe"]]
    assert result.paths[1].trust >= 0.35 > result.paths[0].trust
    assert "ask jo" not in result.message and "path 2" not in result.message


def test_chapter_aoife_is_not_told_to_ask_juergen_to_introduce_her_to_rosie_wood(chapter):
    # Rosie Wood is a fellow member Aoife knows well (trust 0.90).
    message = trust_paths(chapter, "m01", "v02").message
    assert "introduce you to Rosie Wood" not in message
