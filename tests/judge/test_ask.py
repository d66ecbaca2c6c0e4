"""Tests for refgraph.judge.ask: is an introduction request ready, premature or a weak link?"""

from __future__ import annotations

import json

import pytest
from toys import make_network

from refgraph.cli import main
from refgraph.errors import ContactNotFoundError, RefgraphError
from refgraph.judge.ask import ask
from refgraph.show import to_text

AS_OF = "2024-06-30"
#: Fixed trust model so the hand-built relationships keep their meaning.
FIXED = {"trust": {"scale": 10.0}}


def meetings(a: str, b: str, count: int, kind: str = "one_to_one", month: int = 6) -> list:
    """``count`` interactions of one kind between two people, on different days."""
    return [(f"2024-{month:02d}-{day + 1:02d}", a, b, kind) for day in range(count)]


def network(*rows_lists, people=("me", "ann", "zoe", "yan"), settings=None):
    rows = [row for rows in rows_lists for row in rows]
    return make_network(list(people), rows, settings={**FIXED, **(settings or {})})


def test_a_stranger_asking_for_your_famous_contact_is_premature():
    # Premature Solicitation: "someone I don't know ... to Sir Richard, whom I've met a few times".
    net = network(meetings("me", "zoe", 3, "event"), meetings("ann", "yan", 1, "card"))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    assert "no recorded contact with ann" in result.reasons[0]
    assert "premature solicitation" in result.reasons[0]
    # Both relationships fail; the reasons say so, premature comes first.
    assert any("weak" in reason for reason in result.reasons[1:])


def test_met_once_is_premature_and_the_reason_says_what_the_tie_is():
    net = network([("2024-03-28", "ann", "me", "card"), ("2024-03-29", "me", "ann", "email")],
                  meetings("me", "zoe", 6), meetings("me", "zoe", 2, "referral", month=5))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    assert result.reasons[0] == ("you have had 2 contacts with ann over 1 day, the last "
                                 "3 months ago: an email and a card")
    assert "not yet an established relationship" in result.reasons[1]
    assert "below the 0.45 needed" in result.reasons[1]
    assert "visibility stage, not yet credibility" in result.reasons[1]
    assert result.asker_stage == "visibility"
    assert result.path is not None and result.path.nodes == ["me", "zoe"]


# The next rung of the relationship, from what the two have done together: never the
# generic "build it", and never advice that does not fit (a 1-to-1 already had).
@pytest.mark.parametrize(("rows", "said", "step"), [
    ([("2024-03-28", "ann", "me", "card"), ("2024-04-02", "me", "ann", "email")],
     "you have never met ann: meet them first (a coffee or a 1-to-1)",
     "meet ann first (a coffee or a 1-to-1)"),
    (meetings("me", "ann", 2, "event"),
     "you have met ann but never had a 1-to-1: book one to learn their business",
     "book a 1-to-1 with ann to learn their business"),
    (meetings("me", "ann", 1, "call"),
     "you have spoken with ann but never had a 1-to-1: book one to learn their business",
     "book a 1-to-1 with ann to learn their business"),
    ([("2024-06-10", "me", "ann", "one_to_one"), ("2024-06-12", "ann", "me", "email")],
     "you have had only one 1-to-1 with ann: book another to learn their business",
     "book another 1-to-1 with ann to learn their business"),
    (meetings("me", "ann", 2, "meeting"),
     "you know ann but have no evidence yet of how they work: pass them a small referral "
     "first, or see their work", "pass ann a small referral first, or see their work"),
    ([("2024-03-10", "me", "ann", "meeting"), ("2024-03-12", "me", "ann", "referral")],
     "you passed ann a referral but have not seen it through to business yet: ask them how "
     "it went, or see their work",
     "ask ann how the referral you passed them went, or see their work"),
])
def test_a_premature_request_names_the_one_next_step_the_tie_lacks(rows, said, step):
    result = ask(network(rows, meetings("me", "zoe", 6)), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    shortfall = next(r for r in result.reasons if r.startswith("not yet an established"))
    assert shortfall.endswith(f"; {said}")
    assert result.next_step == step
    assert json.loads(result.to_json())["next_step"] == step


def test_a_stranger_is_told_to_meet_first_and_a_doubted_asker_gets_no_step():
    stranger = ask(network(meetings("me", "zoe", 6)), "ann", "zoe", as_of=AS_OF)
    assert stranger.reasons[0] == (
        "you have no recorded contact with ann: asking a stranger for an introduction is "
        "premature solicitation; meet them first (a coffee or a 1-to-1)")
    assert stranger.next_step == "meet ann first (a coffee or a 1-to-1)"
    doubted = make_network([{"id": "me"}, {"id": "ann", "character": 2}, {"id": "zoe"}],
                           meetings("me", "zoe", 6), settings=FIXED)
    result = ask(doubted, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "do_not_vouch" and result.next_step is None
    assert not any("meet them first" in reason for reason in result.reasons)


def test_strong_asker_but_weak_own_tie_is_a_weak_link():
    net = network(meetings("me", "ann", 5), meetings("me", "zoe", 1, "event"))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert any(reason.startswith("an established relationship") for reason in result.reasons)
    assert any("your own tie to zoe is weak" in reason for reason in result.reasons)


def test_weak_link_names_the_weak_hop_on_the_way():
    net = network(meetings("me", "ann", 5), meetings("me", "yan", 6),
                  meetings("yan", "zoe", 1, "card"))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    weak = next(reason for reason in result.reasons if "runs through" in reason)
    assert "runs through yan, whose tie to zoe is weak" in weak
    assert result.path.nodes == ["me", "yan", "zoe"]
    assert result.path.weakest_hop.target == "zoe"


def test_a_weak_link_ends_with_what_to_tell_the_asker():
    # Vouching on a tie you barely have spends your credibility: say so, or build it.
    direct = ask(network(meetings("me", "ann", 5), meetings("me", "zoe", 1, "event")),
                 "ann", "zoe", as_of=AS_OF)
    assert direct.reasons[-1] == (
        "tell ann honestly how slightly you know zoe: build your own relationship with zoe "
        "first (a 1-to-1), or make no more than a light introduction that says so")
    through = ask(network(meetings("me", "ann", 5), meetings("me", "yan", 6),
                          meetings("yan", "zoe", 1, "card")), "ann", "zoe", as_of=AS_OF)
    assert through.reasons[-1] == ("ask yan whether they know zoe well enough to introduce "
                                   "ann; if not, tell ann honestly that you cannot carry it")
    nobody = ask(network(meetings("me", "ann", 5), meetings("yan", "zoe", 3)), "ann", "zoe",
                 as_of=AS_OF)
    assert nobody.verdict == "weak_link" and nobody.reasons[-1].startswith(
        "tell ann honestly that you know nobody close to zoe")


def test_an_asker_you_cannot_vouch_for_is_not_offered_a_light_introduction():
    net = network([("2024-03-28", "ann", "me", "card")], meetings("me", "zoe", 1, "event"))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "premature"
    assert not any("honestly" in reason or "light introduction" in reason
                   for reason in result.reasons)


def test_ready_when_both_relationships_carry_it():
    net = network(meetings("me", "ann", 5), meetings("me", "zoe", 6),
                  meetings("zoe", "me", 1, "referral", month=5))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready"
    assert result.asker_stage in ("credibility", "profitability")
    assert result.asker_trust >= 0.45
    assert any(reason.startswith("you know zoe directly") for reason in result.reasons)
    assert result.path.trust >= 0.35


def test_the_owner_path_never_runs_through_the_asker():
    # The owner reaches zoe only through ann herself: no introduction of the owner's to give.
    net = network(meetings("me", "ann", 6), meetings("ann", "zoe", 1))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert result.path is None
    assert any("no chain of at most 2 relationships to zoe" in r for r in result.reasons)
    assert any("ann already has a tie to zoe" in r for r in result.reasons)


def test_thresholds_are_configurable():
    rows = [meetings("me", "ann", 1, "call"), meetings("me", "zoe", 6)]
    assert ask(network(*rows), "ann", "zoe", as_of=AS_OF).verdict == "premature"
    lenient = {"ask": {"min_asker_trust": 0.05, "min_asker_stage": "visibility"}}
    assert ask(network(*rows, settings=lenient), "ann", "zoe", as_of=AS_OF).verdict == "ready"
    strict = {"ask": {"min_asker_trust": 0.05, "min_asker_stage": "visibility",
                      "min_path_trust": 0.99}}
    assert ask(network(*rows, settings=strict), "ann", "zoe", as_of=AS_OF).verdict == "weak_link"


def test_as_of_judges_the_relationship_as_it_stood():
    net = network(meetings("me", "ann", 5, month=5), meetings("me", "zoe", 6, month=2))
    assert ask(net, "ann", "zoe", as_of="2024-04-30").verdict == "premature"
    assert ask(net, "ann", "zoe", as_of="2024-05-31").verdict == "ready"


def test_nonsense_requests_raise_clear_errors():
    net = network(meetings("me", "ann", 2))
    with pytest.raises(RefgraphError, match="same person"):
        ask(net, "ann", "ann")
    with pytest.raises(RefgraphError, match="is the owner: the asker can speak to you"):
        ask(net, "ann", "me")
    with pytest.raises(RefgraphError, match="asker 'me' is the owner"):
        ask(net, "me", "ann")
    with pytest.raises(ContactNotFoundError, match="asker 'who' is not a contact"):
        ask(net, "who", "ann")
    no_owner = make_network(["a", "b", "c"], meetings("a", "b", 1), owner=None)
    with pytest.raises(RefgraphError, match="no owner set"):
        ask(no_owner, "a", "c")


def test_json_contract_and_views():
    net = network(meetings("me", "ann", 5), meetings("me", "yan", 6), meetings("yan", "zoe", 6))
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    data = json.loads(result.to_json())
    assert set(data) == {"asker", "target", "owner", "as_of", "verdict", "reasons",
                         "asker_tie", "asker_character", "target_character", "path",
                         "longer_path", "next_step"}
    assert set(data["asker_tie"]) == {"trust", "stage", "silent_days"}
    assert data["longer_path"] is None and data["asker_character"] is None
    assert data["target_character"] is None
    assert (data["asker"], data["target"], data["owner"]) == ("ann", "zoe", "me")
    assert data["as_of"] == AS_OF and data["verdict"] == "ready"
    assert data["path"]["nodes"] == ["me", "yan", "zoe"]
    assert data["next_step"] == "ask yan to introduce ann to zoe"
    assert set(data["path"]) == {"nodes", "names", "trust", "score", "weakest_hop", "hops"}
    assert all(isinstance(reason, str) for reason in data["reasons"])
    assert all(len(line) <= 80 for line in to_text(result).splitlines())
    assert list(result.to_frame()["verdict"]) == ["ready"]
    assert list(result.to_frame()["next_step"]) == ["ask yan to introduce ann to zoe"]


# --------------------------------------------------------------------------- command line


def test_cli_on_the_consultant_network(consultant, consultant_path, capsys):
    ties = consultant.ties()
    mine = ties[(ties["u"] == "me") | (ties["v"] == "me")]
    weakest = mine.sort_values("trust").iloc[0]
    stranger = weakest["v"] if weakest["u"] == "me" else weakest["u"]
    strongest = mine.sort_values("trust").iloc[-1]
    target = strongest["v"] if strongest["u"] == "me" else strongest["u"]
    assert main(["ask", str(consultant_path), stranger, target, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "premature"
    assert data["owner"] == "me" and data["path"]["nodes"][-1] == target
    assert main(["ask", str(consultant_path), stranger, target]) == 0
    text = capsys.readouterr().out
    assert "Verdict: premature" in text


def test_cli_on_the_chapter_with_errors(chapter_path, capsys):
    assert main(["ask", str(chapter_path), "m02", "m03", "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("asker,asker_name,target,target_name,owner,verdict")
    assert main(["ask", str(chapter_path), "m02", "nobody"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "target 'nobody' is not a contact" in err


def test_an_introduction_passes_through_one_go_between_at_most():
    # Strong ties all the way, but me -> bob -> cat -> zoe needs two go-betweens.
    chain = [meetings("me", "ann", 6), meetings("me", "bob", 6), meetings("bob", "cat", 6),
             meetings("cat", "zoe", 6)]
    people = ("me", "ann", "bob", "cat", "zoe")
    result = ask(network(*chain, people=people), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert any("no chain of at most 2 relationships to zoe" in r for r in result.reasons)
    longer = network(*chain, people=people, settings={"ask": {"max_go_betweens": 2}})
    assert ask(longer, "ann", "zoe", as_of=AS_OF).verdict == "ready"

    chained = ask(network(*chain, people=people), "ann", "zoe", as_of=AS_OF)
    assert chained.longer_path is not None
    assert chained.longer_path.nodes == ["me", "bob", "cat", "zoe"]
    assert any("`refgraph path` finds a stronger chain to zoe through bob and cat" in r
               and "2 go-betweens" in r for r in chained.reasons)
    data = json.loads(chained.to_json())
    assert data["longer_path"]["nodes"] == ["me", "bob", "cat", "zoe"]


def test_a_near_zero_path_is_explained_by_the_stronger_longer_one():
    # The only one-go-between route is a single old card; a strong chain is one hop longer.
    rows = [meetings("me", "ann", 6), meetings("me", "bob", 6), meetings("bob", "cat", 6),
            meetings("cat", "zoe", 6), [("2020-01-01", "me", "vic", "card"),
                                        ("2020-01-01", "vic", "zoe", "card")]]
    people = ("me", "ann", "bob", "cat", "zoe", "vic")
    result = ask(network(*rows, people=people), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert result.path is not None and result.path.via == ["vic"] and result.path.trust < 0.05
    assert result.longer_path is not None and result.longer_path.trust > 0.5
    assert "stronger chain" in to_text(result)


def test_a_longer_chain_too_weak_to_carry_an_introduction_is_not_offered():
    # The only route to zoe is two go-betweens of single old cards: no better route.
    rows = [meetings("me", "ann", 6), [("2020-01-01", "me", "vic", "card"),
                                       ("2020-01-01", "vic", "una", "card"),
                                       ("2020-01-01", "una", "zoe", "card")]]
    people = ("me", "ann", "vic", "una", "zoe")
    result = ask(network(*rows, people=people), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "weak_link"
    assert result.longer_path is None
    assert "stronger chain" not in to_text(result)


# --------------------------------------------------------------------------- character and silence


def test_never_ready_for_an_asker_rated_character_2():
    rows = [meetings("me", "ann", 6), meetings("me", "zoe", 6)]
    rated = [{"id": "me"}, {"id": "ann", "character": 2, "competency": 5}, {"id": "zoe"}]
    result = ask(make_network(rated, [r for rs in rows for r in rs], settings=FIXED),
                 "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "do_not_vouch" and result.asker_character == 2
    assert "character 2/5" in result.reasons[0]
    fine = [{"id": "me"}, {"id": "ann", "character": 3}, {"id": "zoe"}]
    assert ask(make_network(fine, [r for rs in rows for r in rs], settings=FIXED),
               "ann", "zoe", as_of=AS_OF).verdict == "ready"
    unrated = network(*rows)  # a missing rating is neutral
    assert ask(unrated, "ann", "zoe", as_of=AS_OF).verdict == "ready"
    stricter = make_network(fine, [r for rs in rows for r in rs],
                            settings={**FIXED, "ask": {"character_gate": 3}})
    assert ask(stricter, "ann", "zoe", as_of=AS_OF).verdict == "do_not_vouch"


def test_an_asker_whose_work_is_rated_low_is_vouched_for_with_a_word_of_caution():
    # Character decides the verdict; the introduction is still heard as a word for
    # the asker's work, so a competency of 2/5 is said, and where it falls.
    rows = [r for rs in (meetings("me", "ann", 6), meetings("me", "zoe", 6)) for r in rs]
    low = [{"id": "me"}, {"id": "ann", "character": 4, "competency": 2}, {"id": "zoe"}]
    result = ask(make_network(low, rows, settings=FIXED), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready"
    caution = [r for r in result.reasons if "competency 2/5" in r]
    assert caution == ["you rated ann's competency 2/5: zoe will take the introduction as a "
                       "word for ann's work, so say what you can vouch for and what you cannot"]
    assert result.reasons.index(caution[0]) == 2  # after the tie, before the route
    for fine in ({"character": 4, "competency": 3}, {"character": 4}):
        rated = [{"id": "me"}, {"id": "ann", **fine}, {"id": "zoe"}]
        answer = ask(make_network(rated, rows, settings=FIXED), "ann", "zoe", as_of=AS_OF)
        assert not any("competency" in r for r in answer.reasons)
    # Character closes the door first: no second word on their work.
    both = [{"id": "me"}, {"id": "ann", "character": 2, "competency": 1}, {"id": "zoe"}]
    gated = ask(make_network(both, rows, settings=FIXED), "ann", "zoe", as_of=AS_OF)
    assert gated.verdict == "do_not_vouch"
    assert not any("competency" in r for r in gated.reasons)


def test_a_stale_asker_means_reconnect_first():
    built = [*meetings("me", "ann", 12, month=1), ("2024-01-20", "ann", "me", "referral")]
    rows = [built, meetings("me", "zoe", 6, month=1), meetings("me", "zoe", 3, month=9)]
    months_later = "2024-09-30"  # about eight months of silence with ann
    result = ask(network(*rows), "ann", "zoe", as_of=months_later)
    assert result.verdict == "reconnect_first"
    assert result.asker_silent_days > 180
    assert any("reconnect before vouching" in r and "8 months" in r for r in result.reasons)
    assert result.next_step == "reconnect with ann before vouching for them"
    # The same relationship, still in touch, is ready; stale_days is configurable.
    assert ask(network(*rows), "ann", "zoe", as_of="2024-02-15").verdict == "ready"
    patient = network(*rows, settings={"ask": {"stale_days": 365}})
    assert ask(patient, "ann", "zoe", as_of=months_later).verdict != "reconnect_first"


def test_a_stale_asker_still_emailing_says_when_the_last_contact_was():
    # Emails and chapter meetings since do not revive a relationship, but "the last
    # 10 days ago" then "no contact for 8 months" must not read as a contradiction.
    built = [*meetings("me", "ann", 12, month=1), ("2024-01-20", "ann", "me", "referral"),
             ("2024-09-20", "ann", "me", "email")]
    rows = [built, meetings("me", "zoe", 6, month=9)]
    result = ask(network(*rows), "ann", "zoe", as_of="2024-09-30")
    assert result.verdict == "reconnect_first"
    assert "the last 10 days ago: " in result.reasons[0]
    assert result.reasons[1].startswith("the relationship was built (profitability) and your "
                                        "last contact was 10 days ago, but you have had no "
                                        "substantive contact")


def test_a_relationship_never_built_is_premature_not_stale():
    rows = [[("2023-01-05", "me", "ann", "call")], meetings("me", "zoe", 6)]
    assert ask(network(*rows), "ann", "zoe", as_of=AS_OF).verdict == "premature"


def test_consultant_asker_rated_2_and_silent_16_months_is_not_ready(consultant):
    result = ask(consultant, "c0209", "c0001")
    assert result.verdict == "do_not_vouch"
    # The silence is stated, but reviving the relationship would not lead to vouching.
    assert any("no substantive contact" in r and r.endswith("it has faded too")
               for r in result.reasons)
    assert not any("before vouching" in r for r in result.reasons)


@pytest.mark.parametrize(("asker", "target", "said"), [
    ("c0201", "c0144", "nor is it an established relationship: trust 0.42"),  # rated 2, cooled
    ("c0305", "c0007", "nor is it an established relationship: trust 0.24"),  # rated 2, barely met
    ("c0259", "c0002", "it has faded too"),  # rated 2, built once, silent 14 months
])
def test_a_doubted_asker_is_never_advised_to_build_or_revive_the_relationship(
        consultant, asker, target, said):
    # "Never vouch for them" followed by "build it before vouching for them" is
    # two answers at once: with the character gate shut, only the facts remain.
    result = ask(consultant, asker, target)
    assert result.verdict == "do_not_vouch"
    assert any(said in reason for reason in result.reasons)
    assert not any("before vouching" in reason for reason in result.reasons)


def test_a_faded_target_who_once_gave_you_business_means_reconnect_with_them_first():
    # Zoe referred you and bought from you, then went quiet: your tie to her has
    # faded, but one call revives it. A near-stranger gets no such advice.
    built = [*meetings("me", "zoe", 12, month=1), ("2024-01-20", "zoe", "me", "referral"),
             ("2024-01-25", "zoe", "me", "business")]
    ann = [(f"2025-05-{day:02d}", "me", "ann", "one_to_one") for day in range(1, 9)]
    result = ask(network(built, ann), "ann", "zoe", as_of="2025-05-31")
    assert result.verdict == "weak_link"
    faded = [r for r in result.reasons if r.startswith("you built your tie to zoe up to")]
    assert len(faded) == 1
    assert "faded to" in faded[0] and "reconnect with zoe first" in faded[0]
    assert "16 months ago" in faded[0]
    stranger = network(ann, [("2024-01-05", "me", "zoe", "event")])
    weak = ask(stranger, "ann", "zoe", as_of="2025-05-31")
    assert weak.verdict == "weak_link"
    assert not any("reconnect with zoe" in r for r in weak.reasons)


def test_a_faded_go_between_is_named_when_the_target_is_not_yours(consultant):
    # Kate Kelly gave Sam business three times and has been silent 16 months;
    # the best path runs through someone else, but reviving Kate is the way.
    result = ask(consultant, "c0002", "c0309")
    assert result.verdict == "weak_link"
    assert any(r.startswith("you built your tie to Kate Kelly up to profitability once")
               for r in result.reasons)


def test_an_asker_who_already_works_with_the_target_needs_no_introduction():
    rows = [meetings("me", "ann", 6), meetings("me", "zoe", 6), meetings("ann", "zoe", 6),
            [("2024-06-10", "ann", "zoe", "referral")]]
    result = ask(network(*rows), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "not_needed"
    assert result.reasons[0].startswith("ann already works with zoe, no introduction is "
                                        "needed: 7 contacts with zoe over")
    assert json.loads(result.to_json())["verdict"] == "not_needed"
    assert "Verdict: not_needed" in to_text(result)
    # Character or no, there is nothing to vouch for.
    rated = [{"id": "me"}, {"id": "ann", "character": 1}, {"id": "zoe"}, {"id": "yan"}]
    flat = [row for rows_list in rows for row in rows_list]
    assert ask(make_network(rated, flat, settings=FIXED), "ann", "zoe",
               as_of=AS_OF).verdict == "not_needed"
    # A slight acquaintance between them does not make the introduction moot.
    slight = [meetings("me", "ann", 6), meetings("me", "zoe", 6), [("2024-06-03", "ann", "zoe",
                                                                     "email")]]
    assert ask(network(*slight), "ann", "zoe", as_of=AS_OF).verdict == "ready"


def test_no_introduction_needed_says_nothing_of_your_route_to_the_target(consultant):
    # Niamh Williams already works with Mei Lawson (a referral and business in two
    # months): telling Sam his path to Mei is weak, or to reconnect with a go-between
    # "then make the introduction", contradicts "no introduction is needed".
    result = ask(consultant, "c0288", "c0092")
    assert result.verdict == "not_needed"
    assert result.reasons[0].startswith("Niamh Williams already works with Mei Lawson")
    assert not any("make the introduction" in reason or "your best path" in reason
                   for reason in result.reasons)
    assert result.path is not None  # still there for a caller who wants it
    assert "Best path" not in to_text(result)
    assert "Best path" in to_text(ask(consultant, "c0002", "c0309"))


def test_a_faded_tie_between_asker_and_target_is_described_as_built_and_faded():
    built = [*meetings("ann", "zoe", 12, month=1), ("2024-01-20", "ann", "zoe", "referral")]
    rows = [built, meetings("me", "ann", 6, month=12), meetings("me", "zoe", 6, month=12)]
    result = ask(network(*rows), "ann", "zoe", as_of="2024-12-31")
    assert result.verdict == "ready"
    assert any(reason.startswith("ann built a tie to zoe up to profitability once, but the "
                                 "last substantive contact was 11 months ago and it has "
                                 "faded to credibility (trust 0.25)")
               for reason in result.reasons)


def test_a_doubted_character_is_never_told_you_can_vouch_for_them():
    rows = [*meetings("me", "ann", 6), *meetings("me", "zoe", 6)]
    rated = [{"id": "me"}, {"id": "ann", "character": 2}, {"id": "zoe"}]
    result = ask(make_network(rated, rows, settings=FIXED), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "do_not_vouch"
    assert not any("you can vouch" in reason for reason in result.reasons)
    assert any("does not outweigh your doubts about their character" in reason
               for reason in result.reasons)


@pytest.mark.parametrize(("date", "said"), [("2024-06-30T09:00", "today"),
                                            ("2024-06-29", "yesterday"),
                                            ("2024-06-27", "3 days ago")])
def test_days_ago_count_whole_days_and_silent_days_is_whole(date, said):
    rows = [meetings("me", "ann", 6, month=5), meetings("me", "zoe", 6),
            [(date, "ann", "me", "card")]]
    result = ask(network(*rows), "ann", "zoe", as_of=AS_OF)
    assert f"the last {said}: " in result.reasons[0]
    assert result.asker_silent_days == int(result.asker_silent_days)


def test_a_direct_tie_too_weak_to_carry_it_gives_way_to_a_go_between_who_can():
    rows = [meetings("me", "ann", 6), [("2024-06-02", "me", "zoe", "email")],
            meetings("me", "yan", 6), meetings("yan", "zoe", 6)]
    result = ask(network(*rows), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready"
    assert result.path.nodes == ["me", "yan", "zoe"]


def test_a_target_whose_character_you_doubt_is_named_and_no_revival_is_advised(consultant):
    # Toby Hall, a client Sam trusts, asks to meet David Reid, whom Sam rated 2/5
    # and has not spoken to in 16 months: the introduction would put Sam's name
    # behind David too, so say so, and never advise reviving that tie to use it.
    result = ask(consultant, "c0108", "c0209")
    assert result.verdict == "weak_link" and result.target_character == 2
    assert ("you rated David Reid's character 2/5: an introduction puts your name behind "
            "David Reid too, so think twice before introducing Toby Hall to someone whose "
            "character you doubt") in result.reasons
    assert not any("reconnect with David Reid" in reason for reason in result.reasons)
    assert json.loads(result.to_json())["target_character"] == 2
    # A target rated above the gate, or not rated, gets no such caution.
    assert ask(consultant, "c0007", "c0319").target_character == 4
    assert not any("think twice" in r for r in ask(consultant, "c0007", "c0319").reasons)


def test_a_slight_tie_between_asker_and_target_says_what_it_is_never_trust_0_00(consultant):
    # Catherine Wells, a stranger to Sam, once knew Victoria Sterling: eleven
    # contacts, two years ago. "trust 0.00" alone would read as no tie at all.
    result = ask(consultant, "c0043", "c0038")
    assert result.verdict == "premature"
    said = [r for r in result.reasons if r.startswith("Catherine Wells already has a tie")]
    assert said == ["Catherine Wells already has a tie to Victoria Sterling, short of a working "
                    "relationship (trust <0.01, visibility): 11 contacts with Victoria Sterling "
                    "over 8 months, the last 2 years ago: 4 one-to-ones, 3 calls and 4 emails"]
    assert not any("0.00" in reason for reason in result.reasons)


def test_a_former_member_is_named_as_such_asking_or_asked_for(chapter):
    # Niamh Foster (m02) left the chapter on 2025-08-05: what you know of her is
    # from before, and you will not see her at meetings.
    asking = ask(chapter, "m02", "m03")
    assert "Niamh Foster left the chapter in August 2025" in asking.reasons
    asked_for = ask(chapter, "m03", "m02")
    assert "Niamh Foster left the chapter in August 2025" in asked_for.reasons
    # Before she left, she was a member like any other.
    before = ask(chapter, "m02", "m03", as_of="2025-08-04")
    assert not any("left the chapter" in reason for reason in before.reasons)
    # A member who never left is not described so.
    assert not any("left the chapter" in reason for reason in ask(chapter, "m03", "m04").reasons)


def test_a_ready_path_through_a_go_between_names_your_own_faded_tie_to_the_target(consultant):
    # Sam did business with Eleanor Stewart, then 14 months of silence: Toby Hall can
    # introduce Mark, but a networker who knows Eleanor revives that tie and
    # introduces Mark directly, rather than ask a favour of Toby.
    result = ask(consultant, "c0002", "c0292")
    assert result.verdict == "ready"
    assert result.path.via == ["Toby Hall"]
    assert ("you built your tie to Eleanor Stewart up to profitability once, but the last "
            "substantive contact was 14 months ago and it has faded to visibility: reconnect "
            "with Eleanor Stewart and you can introduce Mark Ellison yourself, rather than "
            "through Toby Hall") in result.reasons


def test_chapter_meetings_sat_in_together_are_not_counted_as_contacts(chapter):
    # Grace Kaur and Aoife sat in 26 chapter meetings together: that keeps a tie
    # visible, but "34 contacts, the last 3 weeks ago" oversells it (nurture says
    # her last contact was 4 months ago).
    result = ask(chapter, "m38", "m07")
    assert ("you have had 8 contacts with Grace Kaur over 19 months, the last 4 months ago: 2 "
            "social-media touches, 5 events together and a referral, besides 26 chapter "
            "meetings sat in together") in result.reasons
    # The asker's own tie to the target is told the same way.
    assert ("21 contacts with Renée Dubois over 23 months, the last today: a call, a social-media "
            "touch, 10 events together, 7 referrals and 2 pieces of business, besides 26 chapter "
            "meetings sat in together") in result.reasons[0]


def test_a_near_zero_asker_trust_is_never_written_as_zero(chapter):
    # One introduction 20 months ago: the trust is tiny, not nothing.
    asker = chapter.resolve_contact("Ethan Armstrong")
    answer = ask(chapter, asker, chapter.resolve_contact("Jenny Johnson"))
    assert answer.verdict == "premature"
    shortfall = next(reason for reason in answer.reasons if "is below the" in reason)
    assert "trust <0.01 is below the 0.45 needed" in shortfall
    assert "0.00" not in shortfall


def test_an_introduction_goes_around_a_go_between_whose_character_you_doubt():
    # You know zoe only through bob (strongest) and cat; you rated bob 2/5: a favour asked
    # of him, and his word carrying the asker, is no introduction to make.
    people = [{"id": "me"}, {"id": "ann"}, {"id": "zoe"}, {"id": "bob", "character": 2},
              {"id": "cat"}]
    rows = [*meetings("me", "ann", 6), *meetings("me", "bob", 9), *meetings("bob", "zoe", 9),
            *meetings("me", "cat", 6), *meetings("cat", "zoe", 6)]
    result = ask(make_network(people, rows, settings=FIXED), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready" and result.path.via == ["cat"]
    assert not any("bob" in reason for reason in result.reasons)
    # Only through bob: the path is there, but it is a weak link all the same.
    rows = [*meetings("me", "ann", 6), *meetings("me", "bob", 9), *meetings("bob", "zoe", 9)]
    alone = ask(make_network(people, rows, settings=FIXED), "ann", "zoe", as_of=AS_OF)
    assert alone.verdict == "weak_link" and alone.path.via == ["bob"]
    assert ("you rated bob's character 2/5: never ask a favour of someone whose character you "
            "doubt, nor let their word carry the introduction") in alone.reasons


@pytest.mark.parametrize(("asker", "target"), [("m30", "m19"), ("m37", "v02")])
def test_a_faded_asker_last_contact_is_the_one_described_not_a_chapter_meeting(chapter,
                                                                              asker, target):
    # "the last 9 months ago" then "your last contact was 7 months ago" contradicts
    # itself: the 7 months was a chapter meeting sat in together, which is no contact.
    result = ask(chapter, asker, target)
    described = next(reason for reason in result.reasons if reason.startswith("you have had"))
    last = described.split(", the last ")[1].split(":")[0]
    stale = next(reason for reason in result.reasons if "was built" in reason)
    if "your last contact was" in stale:
        assert f"your last contact was {last}," in stale
    else:  # no contact of your own since the substantive one
        assert f"for {last.removesuffix(' ago')}," in stale


def test_a_fellow_member_heard_every_week_is_vouched_for_while_the_tie_holds(chapter):
    # Yasmin Foster is in Aoife's chapter; no 1-to-1 or referral for 9 months, but the
    # weekly meeting keeps the tie at credibility (0.56): as nurture would still send
    # her a referral, ask vouches for her; the weak link is Aoife's tie to the visitor.
    result = ask(chapter, "m26", "v02")
    assert result.verdict == "weak_link"
    assert ("an established relationship (trust 0.56, credibility): you can vouch for Yasmin "
            "Foster, a fellow member of your chapter whose business you hear about every "
            "week, though you have had no one-to-one, call, referral, introduction or business "
            "with them for 9 months") in result.reasons
    # A member whose tie has faded below the bar is still to be reconnected with first.
    assert ask(chapter, "m37", "v02").verdict == "reconnect_first"
    # A former member is no longer heard every week.
    assert ask(chapter, "m30", "v02").verdict == "reconnect_first"


def test_a_target_you_have_met_is_followed_up_not_reached_through_a_go_between(consultant):
    # Sam had a first 1-to-1 with Ingrid Sutton 5 weeks ago; Kate Carr's tie carries the
    # introduction, but as `path` says, nobody introduces you to someone you have met.
    result = ask(consultant, "c0005", "c0250")
    assert result.verdict == "ready" and result.path.via == ["Kate Carr"]
    assert result.reasons[-1] == (
        "you have met Ingrid Sutton yourself (2 contacts with Ingrid Sutton over 2 weeks, the "
        "last 5 weeks ago: a one-to-one and a card): follow up with Ingrid Sutton and you can "
        "introduce Zoë Brontë yourself, rather than through Kate Carr")


def test_no_favour_asked_of_a_go_between_on_a_tie_short_of_vouching():
    # As `path` says: ann and you only ever met at events (visibility), so she is not
    # asked to carry bob's introduction to zoe, however strong the path's trust.
    rows = [(f"2024-0{month}-0{day}", "me", "ann", "event") for month in range(1, 7)
            for day in range(1, 8)]
    rows += [*meetings("ann", "zoe", 8), *meetings("me", "bob", 8)]
    net = make_network(["me", "ann", "bob", "zoe"], rows, settings=FIXED)
    result = ask(net, "bob", "zoe")
    assert result.path.via == ["ann"] and result.path.trust >= 0.35
    assert result.verdict == "weak_link"
    assert ("but your own tie to ann is only at visibility (trust 0.79): build it before "
            "asking ann a favour") in result.reasons
    # cat, whom you meet 1-to-1, carries it too, if less strongly: cat is asked instead.
    rows += [*meetings("me", "cat", 8), *meetings("cat", "zoe", 4)]
    other = ask(make_network(["me", "ann", "bob", "cat", "zoe"], rows, settings=FIXED),
                "bob", "zoe")
    assert other.verdict == "ready" and other.path.via == ["cat"]


def test_fellow_chapter_members_need_no_introduction_they_book_a_one_to_one(chapter):
    # Maria Bishop (a member since February 2026) asks to be introduced to Alice Dale,
    # a member too: in BNI practice she books a 1-to-1 with Alice herself.
    result = ask(chapter, "m42", "m11")
    assert result.verdict == "not_needed"
    assert result.reasons[0] == ("Maria Bishop and Alice Dale are in the same chapter, no "
                                 "introduction is needed: Maria Bishop can book a 1-to-1 with "
                                 "Alice Dale directly")
    # Before she joined, or once one of them has left, it is an introduction again.
    before = ask(chapter, "m42", "m11", as_of="2026-01-15")
    assert before.verdict != "not_needed"
    assert not any("same chapter" in reason for reason in before.reasons)
    left = ask(chapter, "m11", "m02")  # Niamh Foster left in August 2025
    assert not any("same chapter" in reason for reason in left.reasons)


def test_your_own_weakest_tie_on_a_ready_path_is_yours_not_your_name():
    # "weakest tie Me → bob" speaks of you in the third person: it is yours to bob.
    rows = [*meetings("me", "ann", 6), *meetings("me", "bob", 5), *meetings("bob", "zoe", 9)]
    result = ask(network(rows, people=("me", "ann", "bob", "zoe")), "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "ready" and result.path.via == ["bob"]
    assert any(reason.startswith("your best path to zoe runs through bob (trust ")
               and "; weakest tie yours to bob, " in reason for reason in result.reasons)


def test_a_premature_asker_is_not_promised_an_introduction_by_you(consultant):
    # Gillian Ross (one 1-to-1, emails) asks for Philippa Stevens, whom Sam met
    # himself: reconnecting would let Sam introduce her, but only once he can vouch.
    result = ask(consultant, "c0009", "c0240")
    assert result.verdict == "premature"
    assert not any("you can introduce" in reason for reason in result.reasons)
    assert result.reasons[-1].endswith(
        "reconnect with Philippa Stevens and once you can vouch for Gillian Ross, you could "
        "introduce them yourself, rather than through James Ellis")


def test_a_doubted_asker_gets_no_advice_on_introducing_them_yourself():
    # ann's character is rated 2/5: however close you are to zoe, no route is offered.
    rows = meetings("me", "ann", 8) + meetings("me", "yan", 8) + meetings("yan", "zoe", 8)
    rows += [("2023-01-05", "me", "zoe", "one_to_one")]
    net = network(rows)
    net.contacts.loc[net.contacts["id"] == "ann", "character"] = 2
    result = ask(net, "ann", "zoe", as_of=AS_OF)
    assert result.verdict == "do_not_vouch"
    assert not any("yourself" in reason for reason in result.reasons)
