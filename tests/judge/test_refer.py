"""Tests of refgraph.judge.refer: ranking by the score parts, reasons, the contract and the CLI."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from toys import make_network

import refgraph
from refgraph.cli import main
from refgraph.judge.refer import PARTS, refer
from refgraph.show import to_text

AS_OF = "2024-06-30"


def monthly(source, target, kind, start="2023-01-10", months=12):
    """``months`` interactions of one kind, one a month from ``start``."""
    dates = pd.date_range(start, periods=months, freq="MS") + pd.Timedelta(days=9)
    return [(d.strftime("%Y-%m-%d"), source, target, kind) for d in dates]


def ranked(result):
    return [c["id"] for c in result.to_dict()["candidates"]]


def by_id(result):
    return {c["id"]: c for c in result.to_dict()["candidates"]}


# --------------------------------------------------------------------------- refer principles


def test_trusted_fit_beats_recent_acquaintance():
    contacts = ["me", {"id": "partner", "profession": "Web designer"},
                {"id": "newbie", "profession": "Web designer"}]
    interactions = monthly("me", "partner", "one_to_one", start="2022-12-01", months=18)
    interactions += [("2024-06-25", "me", "newbie", "one_to_one")]
    result = refer(make_network(contacts, interactions), "who is a good web designer?",
                   as_of=AS_OF)
    candidates = by_id(result)
    assert ranked(result) == ["partner", "newbie"]
    # the newcomer came to mind first, and still loses
    assert candidates["newbie"]["parts"]["recency"] > candidates["partner"]["parts"]["recency"]
    assert candidates["partner"]["parts"]["relationship"] > \
        candidates["newbie"]["parts"]["relationship"]
    assert candidates["partner"]["reasons"][0].startswith("18 one-to-ones over")


def test_better_fit_beats_closer_partial_fit():
    contacts = ["me", {"id": "close", "profession": "Designer"},
                {"id": "exact", "profession": "Web designer"}]
    interactions = monthly("me", "close", "one_to_one", months=6)
    interactions += monthly("me", "exact", "one_to_one", months=6)
    result = refer(make_network(contacts, interactions), "a good web designer", as_of=AS_OF)
    assert ranked(result) == ["exact", "close"]


def test_situation_without_profession_words_finds_career_help():
    contacts = ["me", {"id": "coach", "profession": "Career coach"},
                {"id": "recruiter", "profession": "Recruitment consultant"},
                {"id": "plumber", "profession": "Plumber"}]
    interactions = [("2024-01-05", "me", c, "one_to_one") for c in ("coach", "recruiter",
                                                                     "plumber")]
    result = refer(make_network(contacts, interactions), "two friends were just made redundant")
    assert sorted(ranked(result)) == ["coach", "recruiter"]
    assert result.to_dict()["needs"][0]["name"] == "redundancy"


def test_good_will_breaks_a_tie():
    contacts = ["me", {"id": "giver", "profession": "Bookkeeper"},
                {"id": "taker", "profession": "Bookkeeper"}]
    interactions = monthly("me", "giver", "one_to_one", months=6)
    interactions += monthly("me", "taker", "one_to_one", months=6)
    # the same introduction, in opposite directions: equal tie strength and stage
    interactions += [("2024-03-01", "giver", "me", "introduction"),
                     ("2024-03-01", "me", "taker", "introduction")]
    result = refer(make_network(contacts, interactions), "we need a bookkeeper", as_of=AS_OF)
    giver, taker = by_id(result)["giver"], by_id(result)["taker"]
    for part in ("fit", "relationship", "credibility", "recency"):
        assert giver["parts"][part] == pytest.approx(taker["parts"][part])
    assert giver["parts"]["goodwill"] > taker["parts"]["goodwill"] == 0.0
    assert ranked(result) == ["giver", "taker"]
    assert "made one introduction for you" in giver["reasons"]


def test_character_weighs_more_than_success():
    contacts = ["me", {"id": "kind", "profession": "Solicitor", "character": 5},
                {"id": "star", "profession": "Solicitor", "character": 2},
                *[f"x{i}" for i in range(6)]]
    interactions = [("2024-01-10", "me", "kind", "one_to_one"),
                    ("2024-01-10", "me", "star", "one_to_one")]
    for i in range(6):  # the star is well connected and receives referrals from everyone
        interactions += [("2024-02-01", f"x{i}", "star", "referral"),
                         ("2024-02-02", f"x{i}", "star", "one_to_one")]
    result = refer(make_network(contacts, interactions), "a contract dispute needs a lawyer")
    kind, star = by_id(result)["kind"], by_id(result)["star"]
    assert star["credibility_parts"]["success"] > kind["credibility_parts"]["success"]
    assert kind["parts"]["credibility"] > star["parts"]["credibility"]
    assert ranked(result)[0] == "kind"
    assert "character 5/5" in kind["reasons"]


def test_no_fit_candidate_is_not_listed_however_close():
    contacts = ["me", {"id": "friend", "profession": "Plumber", "character": 5,
                       "competency": 5},
                {"id": "stranger", "profession": "Web designer"}]
    interactions = monthly("me", "friend", "one_to_one", months=12)
    interactions += [("2023-05-01", "friend", "me", "referral"),
                     ("2023-06-01", "friend", "me", "business", 5000)]
    result = refer(make_network(contacts, interactions), "a client needs a web designer")
    assert ranked(result) == ["stranger"]
    assert by_id(result)["stranger"]["stage"] == "none"
    assert "no contact with you yet" in by_id(result)["stranger"]["reasons"]


def test_missing_ratings_are_neutral():
    contacts = ["me", {"id": "unrated", "profession": "Plumber"},
                {"id": "middling", "profession": "Plumber", "character": 3, "competency": 3},
                {"id": "poor", "profession": "Plumber", "character": 1, "competency": 1}]
    interactions = [("2024-01-05", "me", c, "call") for c in ("unrated", "middling", "poor")]
    result = refer(make_network(contacts, interactions), "a leaking boiler needs a plumber")
    parts = {c: v["credibility_parts"] for c, v in by_id(result).items()}
    assert parts["unrated"]["character"] == parts["middling"]["character"] == 0.5
    assert parts["unrated"]["competency"] == 0.5
    assert parts["poor"]["character"] == 0.0
    scores = {c: v["score"] for c, v in by_id(result).items()}
    assert scores["unrated"] == pytest.approx(scores["middling"])
    assert scores["middling"] > scores["poor"]
    assert "character not rated (counted as neutral)" in by_id(result)["unrated"]["reasons"]


def test_used_service_flows_from_owner_and_good_will_towards_owner():
    contacts = ["me", {"id": "supplier", "profession": "Printer"},
                {"id": "source", "profession": "Printer"}]
    interactions = [("2024-01-05", "me", "supplier", "business", 800),
                    ("2024-01-05", "source", "me", "business", 800)]
    result = refer(make_network(contacts, interactions), "we need flyers printed")
    supplier, source = by_id(result)["supplier"], by_id(result)["source"]
    assert supplier["credibility_parts"]["used_service"] > 0 == \
        source["credibility_parts"]["used_service"]
    assert source["parts"]["goodwill"] > 0 == supplier["parts"]["goodwill"]
    assert "you used their service (one job)" in supplier["reasons"]
    assert "gave you business once (worth 800)" in source["reasons"]


def test_owner_override_and_owner_never_listed():
    contacts = ["me", {"id": "ann", "profession": "Web designer"},
                {"id": "bob", "profession": "Web designer"}]
    interactions = monthly("ann", "bob", "one_to_one", months=6)
    network = make_network(contacts, interactions)
    as_me = refer(network, "a web designer")
    as_ann = refer(network, "a web designer", owner="ann")
    assert set(ranked(as_me)) == {"ann", "bob"}
    assert ranked(as_ann) == ["bob"] and as_ann.owner == "ann"
    assert by_id(as_ann)["bob"]["stage"] != "none"
    assert by_id(as_me)["bob"]["stage"] == "none"


def test_unknown_or_missing_owner_is_a_clear_error():
    network = make_network(["me", {"id": "ann", "profession": "Plumber"}],
                           [("2024-01-05", "me", "ann", "call")])
    with pytest.raises(refgraph.ContactNotFoundError, match="owner 'nobody' is not a contact"):
        refer(network, "a plumber", owner="nobody")
    ownerless = make_network(["me", "ann"], [("2024-01-05", "me", "ann", "call")], owner=None)
    with pytest.raises(refgraph.RefgraphError, match="no owner set"):
        refer(ownerless, "a plumber")


@pytest.mark.parametrize("top", [0, -1, 2.5, True])
def test_top_must_be_a_positive_whole_number(top):
    network = make_network(["me", "ann"], [("2024-01-05", "me", "ann", "call")])
    with pytest.raises(refgraph.RefgraphError, match="top must be"):
        refer(network, "a plumber", top=top)


def test_top_limits_and_defaults_to_settings():
    contacts = ["me", *[{"id": f"p{i}", "profession": "Plumber"} for i in range(5)]]
    interactions = [("2024-01-05", "me", f"p{i}", "call") for i in range(5)]
    network = make_network(contacts, interactions, settings={"refer": {"top": 3}})
    assert len(ranked(refer(network, "a plumber"))) == 3
    assert len(ranked(refer(network, "a plumber", top=4))) == 4


def test_as_of_is_respected():
    contacts = ["me", {"id": "ann", "profession": "Bookkeeper"}]
    interactions = monthly("me", "ann", "one_to_one", months=6)
    interactions += [("2024-05-01", "ann", "me", "referral")]
    network = make_network(contacts, interactions)
    before = by_id(refer(network, "a bookkeeper", as_of="2024-04-30"))["ann"]
    after = by_id(refer(network, "a bookkeeper", as_of=AS_OF))["ann"]
    assert before["parts"]["goodwill"] == 0.0 < after["parts"]["goodwill"]
    assert "referred you once" in after["reasons"] and "referred you once" not in \
        before["reasons"]
    early = by_id(refer(network, "a bookkeeper", as_of="2023-03-31"))["ann"]
    assert early["reasons"][0].startswith("2 one-to-ones")


def test_empty_trigger_is_an_error():
    network = make_network(["me", "ann"], [("2024-01-05", "me", "ann", "call")])
    with pytest.raises(refgraph.RefgraphError, match="trigger is empty"):
        refer(network, "")


def test_nobody_fits_gives_an_empty_result_that_says_so():
    network = make_network(["me", {"id": "ann", "profession": "Plumber"}],
                           [("2024-01-05", "me", "ann", "call")])
    result = refer(network, "a taxidermist")
    assert result.to_dict()["candidates"] == []
    assert list(result.to_frame().columns)[:5] == ["id", "name", "score", "stage", "profession"]
    assert "No one in the network fits" in to_text(result)


_PROFESSIONS = ["Web designer", "Interior designer", "Career coach", "Plumber", "Designer",
                "Recruitment consultant", ""]
_KINDS = ["one_to_one", "call", "email", "referral", "business", "introduction", "social"]


@st.composite
def small_networks(draw):
    n = draw(st.integers(2, 6))
    ids = ["me", *[f"c{i}" for i in range(n)]]
    contacts = [{"id": "me"}]
    for contact in ids[1:]:
        contacts.append({
            "id": contact,
            "profession": draw(st.sampled_from(_PROFESSIONS)),
            "character": draw(st.one_of(st.none(), st.integers(1, 5))),
            "competency": draw(st.one_of(st.none(), st.integers(1, 5))),
        })
    interactions = {}
    for _ in range(draw(st.integers(1, 15))):
        source, target = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2,
                                       unique=True))
        day = draw(st.integers(0, 900))
        date = (pd.Timestamp("2022-01-01") + pd.Timedelta(days=day)).strftime("%Y-%m-%d")
        row = (date, source, target, draw(st.sampled_from(_KINDS)), 100)
        interactions[row] = row  # an exact repeat would load with a warning
    return make_network(contacts, list(interactions))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(network=small_networks(),
       trigger=st.sampled_from(["a good web designer", "two friends were made redundant",
                                "my boiler is leaking"]))
def test_every_score_is_the_weighted_sum_of_its_parts(network, trigger):
    result = refer(network, trigger, top=20)
    payload = result.to_dict()
    options = network.settings.refer
    scores = []
    for candidate in payload["candidates"]:
        parts = candidate["parts"]
        assert set(parts) == set(PARTS)
        assert all(0.0 <= value <= 1.0 for value in parts.values())
        total = sum(payload["weights"][p] * parts[p] for p in PARTS)
        assert candidate["score"] == pytest.approx(total, abs=1e-12)
        assert parts["fit"] >= options.min_fit
        assert candidate["id"] != "me"
        assert candidate["reasons"] and all(isinstance(r, str) for r in candidate["reasons"])
        scores.append(candidate["score"])
    # Best first, except that the specialist band (fit near the best) comes
    # before the neighbouring trades, vouched people before strangers, and the
    # character and competency gates
    # move low-rated contacts below the first places; within each group the
    # order is by score.
    gate = (options.character_gate - 1) / 4
    skill_gate = (options.competency_gate - 1) / 4
    fits = [c["parts"]["fit"] for c in payload["candidates"]]
    groups = [(c["credibility_parts"]["character"] <= gate + 1e-12
               or c["credibility_parts"]["competency"] <= skill_gate + 1e-12,
               c["parts"]["fit"] >= options.fit_band * max(fits), c["degree"])
              for c in payload["candidates"]]
    for flag in set(groups):
        group = [s for s, g in zip(scores, groups, strict=True) if g == flag]
        assert group == sorted(group, reverse=True)
    frame = result.to_frame()
    assert np.allclose(frame["score"], sum(frame[p] * payload["weights"][p] for p in PARTS))


# --------------------------------------------------------------------------- sample networks

#: The seven trigger situations of the referral article in the seeds, and the
#: professions a seasoned networker would expect at the top.
SEED_TRIGGERS = [
    ("2 trusted members of my network recently found themselves without a job.",
     {"career coach", "recruitment consultant", "outplacement consultant", "cv writer",
      "independent financial adviser", "financial planner", "employment lawyer"}),
    ("An important client to me and good friend was asking for recommendations to female "
     "speakers/trainers who were authorities and experts on emotional intelligence.",
     {"keynote speaker", "motivational speaker", "corporate trainer", "leadership trainer",
      "emotional intelligence coach"}),
    ("A client asked for a recommendation to a good web designer.",
     {"web designer", "web developer"}),
    ("A client mentioned they were too busy and stuck in the day job to get on and grow "
     "their firm.",
     {"business coach", "virtual assistant", "operations consultant", "business mentor",
      "outsourced finance director", "marketing agency director"}),
    ("My local bike shop mentioned they were frustrated that their accountant had taken them "
     "off Xero and put them on Sage Desktop.",
     {"chartered accountant", "cloud accountant", "accountant", "bookkeeper", "xero advisor"}),
    ("A supplier of mine was using an outdated billing system which got us talking about "
     "their accountancy needs.",
     {"chartered accountant", "cloud accountant", "accountant", "bookkeeper", "xero advisor",
      "billing systems consultant", "erp consultant"}),
    ("A colleague of mine was talking about the company he is an NED for starting to get "
     "their business onto the cloud and xero.",
     {"chartered accountant", "cloud accountant", "xero advisor", "bookkeeper", "accountant",
      "cloud migration consultant", "it consultant", "it support engineer"}),
]

#: Professions that must never be suggested for the seed triggers.
WRONG = {"bike shop owner", "non-executive director", "personal trainer", "interior designer"}


@pytest.mark.parametrize(("trigger", "expected"), SEED_TRIGGERS)
def test_seed_triggers_find_sensible_people(consultant, trigger, expected):
    result = refer(consultant, trigger, top=10)
    professions = [c["profession"].lower() for c in result.to_dict()["candidates"]]
    assert len(professions) >= 3
    assert set(professions[:3]) <= expected, professions
    assert not set(professions) & WRONG, professions
    assert result.needs


#: Everyday triggers outside the seed article, and the trades that must (and
#: must not) be suggested: a broken boiler is a plumber's job, not an
#: architect's or a gardener's; "relocation" is not "public relations".
EVERYDAY_TRIGGERS = [
    ("my neighbour's boiler broke down", {"plumber"}, {"architect", "landscape gardener"}),
    ("a client's office needs rewiring", {"electrician"}, {"architect", "plumber"}),
    # Next month the mortgage and the survey are done: the move is the removals',
    # and the agents' and the conveyancer's who see the home left sold or let.
    ("we are moving house next month", {"removals company owner", "estate agent",
                                        "letting agent", "solicitor"},
     {"pr consultant", "mortgage broker", "chartered surveyor"}),
    ("my client needs to hire staff", {"hr consultant", "recruitment consultant"},
     {"event venue manager"}),
    ("a friend is going through a divorce", {"family solicitor"}, set()),
    ("our office IT keeps crashing",
     {"it support engineer", "telecoms consultant", "cybersecurity consultant",
      "it consultant", "cloud migration consultant", "network engineer"}, {"web designer"}),
    # A seller needs an estate agent (and a conveyancer), not a buyer's surveyor.
    ("my client wants to sell their house", {"estate agent", "solicitor", "property solicitor"},
     {"pr consultant", "letting agent", "commercial solicitor", "chartered surveyor",
      "mortgage broker"}),
    ("we are selling our house", {"estate agent", "solicitor", "property solicitor"},
     {"mortgage broker", "chartered surveyor", "removals company owner"}),
    ("my friend wants to rent out her flat", {"letting agent", "estate agent"},
     {"mortgage broker", "removals company owner"}),
    # A toothache is a dentist's (the sample has several), not "nobody does this".
    ("my tooth is killing me", {"dentist"}, set()),
    ("my wife broke a tooth", {"dentist"}, set()),
    # A kitchen is fitted by fitters and builders (and plumbers who list kitchen or
    # bathroom fitting): the builder brings the electrician; never a gardener.
    ("I need a new kitchen fitted", {"builder", "plumber"},
     {"architect", "landscape gardener", "electrician"}),
    # An extension is the architect's and the builder's, not the removals firm's.
    ("we want to extend the house", {"architect", "builder"},
     {"removals company owner", "plumber", "electrician"}),
    # The leak is the roof's: a roofer, not a plumber.
    ("our roof is leaking", {"roofer"}, {"plumber"}),
    # A laptop that died is no bereavement.
    ("my laptop died", {"it support engineer", "telecoms consultant", "it consultant",
                        "cloud migration consultant"}, {"will writer"}),
    ("my car failed its MOT", {"garage owner"}, set()),
    # The restaurant is the client's: it needs marketing, not another restaurant.
    ("a client's restaurant needs more customers",
     {"pr consultant", "marketing consultant", "marketing agency director",
      "social media manager", "seo consultant", "copywriter"}, {"restaurant owner"}),
    # "Business" alone names no trade: "terms of business" is no answer to cash flow.
    ("a friend's business is struggling with cash flow",
     {"chartered accountant", "accountant", "tax adviser", "bookkeeper", "cloud accountant",
      "payroll specialist", "outsourced finance director"}, {"commercial solicitor"}),
    ("our staff keep leaving", {"hr consultant", "employment lawyer", "recruitment consultant"},
     set()),
    ("my business partner wants out", {"commercial solicitor", "solicitor"}, set()),
    ("a client wants to sell his business", {"commercial solicitor", "chartered accountant",
                                             "cloud accountant", "tax adviser"},
     {"estate agent"}),
    ("a client is selling the family home", {"estate agent", "solicitor"},
     {"mortgage broker"}),
    # A trade named outright is that trade: no solicitor because solicitors also
    # help start a business, no bookkeeper for an accountant.
    ("we need an accountant", {"chartered accountant", "accountant", "cloud accountant"},
     {"commercial solicitor", "bookkeeper"}),
    # Business cards are printed (and designed); "new business" starts nothing here.
    ("we need new business cards", {"printer", "graphic designer", "web designer"},
     {"commercial solicitor", "chartered accountant"}),
    # The office printer that broke is IT's, not the print shop's.
    ("our printer is broken", {"it support engineer", "telecoms consultant", "it consultant"},
     {"printer"}),
    # A trade that left is the trade wanted: "retired" plans no retirement here.
    ("my sister's accountant retired", {"chartered accountant", "accountant",
                                        "cloud accountant"},
     {"independent financial adviser", "financial planner", "commercial solicitor"}),
    ("my client's IT guy retired", {"it support engineer", "telecoms consultant",
                                    "it consultant"}, {"independent financial adviser"}),
    # "Data cleaning" is no cleaner.
    ("our cleaner quit", {"commercial cleaner"}, {"data analyst"}),
    ("my hairdresser emigrated", {"salon owner"}, set()),
    # A shop is where the sign goes, not a trade: the printer, not the retailers.
    ("we need a sign for the shop", {"printer"}, {"retailer"}),
    # A career coach's LinkedIn profile reviews are no social-media work.
    ("my client needs help with social media", {"social media manager", "marketing consultant",
                                                "pr consultant", "seo consultant"},
     {"career coach"}),
    # Flowers for the launch: the florist, not the launch's caterer.
    ("we need flowers for the launch", {"florist"}, {"caterer"}),
    # A team's burnout is the workplace's: the HR adviser for the workloads,
    # then the resilience keynote and the workplace wellbeing talks.
    ("our team is completely burnt out", {"hr consultant", "keynote speaker", "personal trainer",
                                          "nutritionist", "motivational speaker"}, set()),
    # A promotion is a coach's and a pay rise a financial planner's, not the
    # videographer's "promotional videos".
    ("my friend got a promotion and a big pay rise",
     {"career coach", "business coach", "independent financial adviser", "financial planner",
      "executive coach", "leadership coach", "emotional intelligence coach"}, {"videographer"}),
    # A customer who won't pay is chased (credit control), not financed.
    ("a customer hasn't paid an invoice for six months",
     {"chartered accountant", "bookkeeper", "accountant", "cloud accountant"},
     {"commercial finance broker"}),
    ("a client needs health and safety training", {"health and safety consultant"},
     {"leadership trainer", "corporate trainer"}),
    ("my neighbour's tree is overhanging our drive", {"landscape gardener"}, set()),
    # An adoption order is a family solicitor's.
    ("a friend wants to adopt a child", {"family solicitor"}, set()),
    # A trade that costs too much is one to replace.
    ("our accountant is too expensive", {"chartered accountant", "cloud accountant",
                                         "accountant", "bookkeeper"}, set()),
    # Photos of the team are the need; the website is what they are for.
    ("we need photos of our team for the website", {"photographer"}, {"web designer"}),
    # A director's death leaves a company to run: the solicitor and the
    # accountant, and IT support for the passwords; no will writer.
    ("my client's director died suddenly and nobody knows the passwords",
     {"commercial solicitor", "chartered accountant", "it support engineer", "cloud accountant",
      "accountant", "insurance broker", "it consultant", "bookkeeper"}, {"will writer"}),
    ("a client's staff need fire marshal training", {"health and safety consultant"},
     {"corporate trainer", "leadership trainer"}),
    ("my neighbour wants to build a granny annex", {"architect", "builder"}, set()),
    # A PA is an assistant; a PA system is sound for an event.
    ("a client needs a PA for three days a week", {"virtual assistant"}, {"bookkeeper"}),
    ("we need a PA system for the conference",
     {"event venue manager", "caterer", "event planner", "hotel manager", "restaurant owner"},
     {"virtual assistant"}),
    # Planning for flats is the architect's, not the business coach's "business planning".
    ("a client wants to apply for planning to build flats", {"architect", "builder"}, set()),
    # A rogue builder's victim needs an honest builder and a solicitor, not a
    # cybersecurity consultant; a phishing e-mail is the cybersecurity consultant's.
    ("my friend's mum has been scammed by a builder", {"builder", "solicitor"},
     {"cybersecurity consultant"}),
    ("a client got scammed by a phishing email", {"cybersecurity consultant", "solicitor"},
     set()),
    ("my neighbour got scammed out of his savings", {"solicitor"},
     {"independent financial adviser", "financial planner"}),
    # A door or window that sticks or rots is the builder's; a garage door is no
    # car garage's, and a window that won't close is no window cleaner's.
    ("the garage door is broken", {"builder"}, {"garage owner"}),
    ("the window won't close", {"builder"}, {"commercial cleaner"}),
    ("our back door is rotten", {"builder"}, set()),
    # The pronoun "it" is no IT: a chip in a windscreen is nobody's here.
    ("a client's customers pay on 90 days and it's killing them",
     {"commercial finance broker"}, {"it support engineer", "it consultant"}),
    ("my laptop keeps crashing and I can't fix it", {"it support engineer", "it consultant"},
     set()),
    ("my teeth are yellow and I have a wedding coming up", {"dentist"},
     {"caterer", "florist", "event venue manager"}),
    ("my bike needs a service", {"bike shop owner"}, {"garage owner"}),
    ("we need a sales director", {"recruitment consultant", "hr consultant"},
     {"bike shop owner", "estate agent"}),
    ("I need someone to put up some shelves", {"builder"}, {"business mentor"}),
    # A service ending in a function word ("scaling up") is not named by it.
    ("we need a mailing list set up", {"pr consultant", "social media manager",
                                       "marketing consultant", "marketing agency director",
                                       "copywriter", "seo consultant"},
     {"business mentor"}),
    # Who gave the advice is not the trade asked for.
    ("the HR consultant said we need an employment lawyer", {"employment lawyer"},
     {"hr consultant"}),
    ("our IT guy says we should move everything to the cloud",
     {"cloud migration consultant", "it support engineer", "erp consultant", "it consultant"},
     {"chartered accountant", "cloud accountant"}),
    ("the recruiter said our job ads are badly written", {"copywriter"},
     {"recruitment consultant"}),
    # An employee sacked for a pregnancy needs her own lawyer, not the
    # employer's HR consultant or a career coach.
    ("my friend was sacked while on maternity leave", {"employment lawyer"},
     {"hr consultant", "career coach"}),
    # A will is a will writer's, even when a solicitor is asked for.
    ("I need a solicitor for his will", {"will writer", "solicitor"},
     {"commercial solicitor"}),
    # The wedding is why; the venue is what is asked for.
    ("my friend's daughter is getting married and they need a venue",
     {"event venue manager", "hotel manager", "restaurant owner", "event planner",
      "wedding planner"},
     {"florist", "photographer"}),
    # "Taking" is no misspelling of damp-proofing's "tanking".
    ("my client is taking on new staff", {"hr consultant", "recruitment consultant"},
     {"builder"}),
    # First aid training is health and safety, not a keynote speaker.
    ("my client's staff need first aid training", {"health and safety consultant"},
     {"keynote speaker", "corporate trainer", "leadership trainer"}),
    # A grant or a van loan is business finance; commercial mortgages buy premises.
    ("a client wants to apply for a grant", {"commercial finance broker", "angel investor"},
     {"mortgage broker"}),
    ("our heating is broken", {"plumber"}, set()),
    ("my neighbour wants solar panels", {"electrician"}, set()),
    # A wedding venue is a venue first (a restaurant that hires out its rooms is one).
    ("we need a wedding venue", {"event venue manager", "caterer", "hotel manager",
                                 "wedding planner", "restaurant owner"}, {"florist"}),
    ("we want to redo the garden", {"landscape gardener"}, {"builder", "architect"}),
    # "Buying their first house": the money, the survey and the agent, not removals
    # first, and no commercial solicitor for a home.
    ("a client is buying their first house",
     {"independent financial adviser", "mortgage broker", "chartered surveyor", "estate agent",
      "solicitor"}, {"commercial solicitor", "removals company owner"}),
    # The photographer cancelled: another photographer, not the wedding's caterer or venue.
    ("a friend's wedding photographer cancelled", {"photographer"},
     {"caterer", "florist", "event venue manager"}),
    ("need an event photographer for our launch", {"photographer"},
     {"brewery owner", "networking host"}),
    # Small firms' books include the payroll, so a payroll specialist is a fair fifth.
    ("need someone to do the books",
     {"chartered accountant", "accountant", "tax adviser", "bookkeeper", "cloud accountant",
      "payroll specialist"},
     set()),
    # The IFA's "investments" is not raising investment for a business.
    ("a client needs to raise investment",
     {"commercial finance broker", "angel investor", "accountant", "chartered accountant"},
     {"independent financial adviser", "financial planner"}),
    # The contract is what is translated: translators, not the solicitor who drafts contracts.
    ("we need a contract translated into Spanish", {"translator"},
     {"commercial solicitor", "hr consultant"}),
    # A payroll firm's "auto-enrolment pensions" is no pension advice.
    ("a friend's pension is a mess",
     {"independent financial adviser", "financial planner", "chartered financial planner"},
     {"payroll specialist"}),
    ("a client's van was stolen", {"insurance broker"}, set()),
    # An office move is the lease, the phones and IT, and the removals: no
    # residential estate agent.
    ("a client wants to move offices", {"removals company owner", "it support engineer",
                                        "telecoms consultant", "solicitor"}, {"estate agent"}),
    # "New", "online" and "shop" say where or when, not what is wrong: nobody who
    # sells "new homes", runs an "online shop" or a coffee shop answers these.
    ("my friend needs a new job",
     {"career coach", "independent financial adviser", "recruitment consultant",
      "financial planner", "employment lawyer"}, {"architect", "estate agent"}),
    ("a client wants to sell more online", {"web designer", "web developer"}, {"retailer"}),
    ("a friend's shop was flooded", {"insurance broker"},
     {"retailer", "café owner", "bike shop owner"}),
    # Opening a café is starting a business: its accountant and solicitor, not rival cafés.
    ("my friend is opening a cafe",
     {"commercial solicitor", "chartered accountant", "business coach", "accountant",
      "bookkeeper"}, {"café owner"}),
    ("we need to fire someone", {"hr consultant", "employment lawyer"},
     {"health and safety consultant"}),
    # What the trigger says it does not want is not listed.
    ("not looking for an accountant, just a bookkeeper", {"bookkeeper"},
     {"chartered accountant", "accountant", "cloud accountant"}),
    ("we don't want a web designer but a developer", {"software developer", "web developer"},
     {"web designer"}),
    # Speaking at a conference and dreading it: a coach or trainer, not the venues.
    ("I need to speak at a conference and I'm terrified", {"corporate trainer"},
     {"event venue manager"}),
    # The restaurant is the friend's, not the trade wanted: its owners are no answer.
    ("a friend's restaurant failed its hygiene inspection", {"health and safety consultant"},
     {"restaurant owner"}),
    # HMRC also audits payroll, so the payroll specialist is a fair fourth.
    ("a client is being audited", {"chartered accountant", "tax adviser", "bookkeeper",
                                   "accountant", "cloud accountant", "payroll specialist"},
     {"seo consultant"}),
    ("my client wants to get on the radio", {"pr consultant", "social media manager",
                                             "marketing agency director", "copywriter"}, set()),
    # "Review" alone names no trade: a bad review is the PR people's, not the CV writer's.
    ("a client got a bad review online",
     {"pr consultant", "social media manager", "marketing agency director", "copywriter"},
     {"career coach", "erp consultant", "cv writer"}),
    ("my friend's car was written off", {"insurance broker"}, set()),
    # A CV to review needs no financial adviser, unlike losing the job.
    ("I need someone to review my CV",
     {"career coach", "recruitment consultant", "cv writer", "interview coach"},
     {"independent financial adviser", "financial planner"}),
    # The MD retiring with nobody to take over is the business's succession.
    ("a client's MD is retiring and nobody can take over",
     {"independent financial adviser", "commercial solicitor", "financial planner",
      "business broker", "accountant", "chartered accountant", "cloud accountant",
      "tax adviser"}, set()),
]

#: Situations the consultant sample has nobody for: the honest answer is an empty list,
#: never a trade that shares a word with the trigger.
UNSERVED_TRIGGERS = [
    ("my son is struggling with maths", "tutoring"),
    ("a friend's dog is ill", "vet"),
    ("my friend's marriage is falling apart", "counselling"),
    # A fall at home is care, not the will writer's powers of attorney nor the
    # interior designer's "home staging"; worry is no keynote speaker's.
    ("my mum fell and needs help at home", "care at home"),
    ("my mum had a fall and can't manage the stairs any more", "care at home"),
    ("my friend can't sleep with worry", "counselling"),
    # Fostering goes through an agency, not the family solicitors whose
    # services mention children; a business moving abroad is no translation job.
    ("my sister wants to foster a child", "fostering"),
    ("a client wants to move his business to Spain", "exporting"),
    # A person's stress is no keynote on resilience for leadership teams.
    ("I'm so stressed", "wellbeing"),
    ("my friend is burnt out", "wellbeing"),
    # Wasps are no builder's, though the builder does lofts.
    ("there's a wasp nest in the loft", "pest control"),
]


@pytest.mark.parametrize(("trigger", "expected", "wrong"), EVERYDAY_TRIGGERS)
def test_everyday_triggers_find_the_right_trade(consultant, trigger, expected, wrong):
    professions = {c["profession"].lower()
                   for c in refer(consultant, trigger, top=5).to_dict()["candidates"]}
    assert professions and professions <= expected, professions
    assert not professions & wrong


def test_a_trigger_asking_for_three_things_gets_one_of_each_first(consultant):
    # "Logo" names branding and graphic design: one thing asked for, not two, so
    # the graphic designers do not outweigh the accountant the books need.
    top = {c["profession"] for c in refer(
        consultant, "my friend's new cafe needs a logo, a website and someone to do the books",
    ).to_dict()["candidates"][:3]}
    assert top == {"Web designer", "Chartered accountant", "Graphic designer"}, top


def test_a_persons_debt_is_no_chartered_accountants(consultant):
    # A gambling debt is a debt adviser's and a counsellor's: neither sample has
    # one, and the accountants who serve a business's debts are not offered.
    result = refer(consultant, "my brother is getting into debt gambling").to_dict()
    assert {m["name"] for m in result["needs"]} == {"personal debt", "counselling"}
    assert result["candidates"] == []
    business = refer(consultant, "my client is drowning in debt").to_dict()["candidates"]
    assert business and business[0]["profession"] == "Chartered accountant"


@pytest.mark.parametrize(("trigger", "need"), UNSERVED_TRIGGERS)
def test_a_situation_nobody_serves_gets_an_honest_empty_answer(consultant, trigger, need):
    result = refer(consultant, trigger).to_dict()
    assert [m["name"] for m in result["needs"]] == [need]
    assert result["candidates"] == []


def test_in_the_chapter_the_need_asked_for_leads_and_its_background_follows(chapter):
    # The restaurant is new, but it asks for a logo: not the solicitor and the
    # accountant a new business needs; the wedding's florist is no venue.
    logo = {c["profession"] for c in refer(chapter, "a new restaurant needs a logo")
            .to_dict()["candidates"][:3]}
    assert logo == {"Graphic designer"}, logo
    venue = {c["profession"] for c in refer(
        chapter, "my friend's daughter is getting married and they need a venue")
        .to_dict()["candidates"][:3]}
    assert venue and "Florist" not in venue, venue


def test_the_chapters_marketers_answer_a_call_for_customers(chapter):
    # The power team's printer is trusted, but the SEO and social media members
    # do what a restaurant short of customers needs: both are in the top three.
    top = [c["profession"] for c in refer(chapter, "a client's restaurant needs more customers")
           .to_dict()["candidates"][:3]]
    assert {"SEO consultant", "Social media manager"} <= set(top), top
    # Press coverage is PR: the printer's power-team tag does not make him a
    # publicist. The chapter has no PR member: its copywriter writes the release.
    press = [c["profession"] for c in refer(
        chapter, "my client is launching a new product and wants press coverage")
        .to_dict()["candidates"][:3]]
    assert press == ["Copywriter"], press


def test_the_chapter_asks_its_event_planner_for_a_venue(chapter):
    # No member runs a venue: the planner who knows them comes first, never the
    # photographer and videographer whose services say "events".
    result = refer(chapter, "we need a venue for our Christmas party").to_dict()
    professions = [c["profession"] for c in result["candidates"]]
    assert professions[0] == "Event planner", professions
    assert not {"Photographer", "Videographer"} & set(professions)
    assert {m["name"]: m["occasion"] for m in result["needs"]} == {"venue": False,
                                                                  "events": True}
    assert refer(chapter, "we need a new van").to_dict()["candidates"][0][
        "profession"] == "Vehicle leasing"


@pytest.mark.parametrize("trigger", [None, 42, "   ", "!!!"])
def test_a_trigger_that_is_no_text_is_refused_clearly(consultant, trigger):
    with pytest.raises(refgraph.RefgraphError, match="trigger"):
        refer(consultant, trigger)


def test_a_contacts_name_is_no_situation(consultant):
    # "Grant" in Fiona Grant's name once sent her client's will to finance brokers.
    result = refer(consultant, "Fiona Grant's client needs a will").to_dict()
    assert [m["name"] for m in result["needs"]] == ["will writing"]
    assert {c["profession"] for c in result["candidates"]} == {"Will writer"}


@pytest.mark.parametrize(("trigger", "trade"), [
    ("my kid is failing at school", "tutor"),
    ("we're locked out of the office", "locksmith"),
    ("I need new glasses", "optician"),
    ("we need to hire a sales manager", "recruiter"),
    ("our phones keep dropping calls", "telecoms"),
    ("a friend's dog is matted and smelly", "dog groomer"),
    ("we want to redesign the living room", "interior designer"),
    ("there are cracks in the wall", "surveyor"),
    ("my client's kitchen is falling apart", "kitchen fitter"),
    ("a client is moving to Spain", "financial adviser"),
    ("I can't read the small print any more", "optician"),
    ("I need some keys cut", "locksmith"),
    ("our van needs replacing", "vehicle leasing"),
    ("my cat needs her nails clipped", "dog groomer"),
    ("my doctor told me to get fitter", "personal trainer"),
    ("nobody can find us on Google", "seo consultant"),
    ("which secondary school should we pick", "tutor"),
    ("solictor for the house sale", "conveyancing solicitor"),
    ("our web sight is down", "web designer"),
    ("a customer slipped in our shop and is claiming", "insurance broker"),
])
def test_the_chapter_has_a_member_for_everyday_trouble(chapter, trigger, trade):
    professions = {c["profession"].lower() for c in refer(chapter, trigger).to_dict()["candidates"]}
    assert trade in professions, professions
    assert "bookkeeper" not in professions


@pytest.mark.parametrize(("trigger", "wrong"), [
    # A word shared with a trade is not its need: a fitter body is no kitchen
    # fitter's, small print no printer's, an office printer that jams IT's.
    ("my doctor told me to get fitter", "Kitchen fitter"),
    ("I can't read the small print any more", "Printer"),
    ("our printer at work keeps jamming", "Printer"),
    ("my landlord won't give me my deposit back", "Chiropractor"),
    ("someone scraped my car in the car park", "Vehicle leasing"),
    # A contractor is no misspelt "contracts": the mortgage brokers, not the solicitor.
    ("any recommendations for a mortgage broker for a contractor", "Commercial solicitor"),
])
def test_the_chapter_offers_no_trade_that_only_shares_a_word(chapter, trigger, wrong):
    professions = {c["profession"] for c in refer(chapter, trigger).to_dict()["candidates"]}
    assert wrong not in professions, professions


def test_the_chapter_sends_a_sick_dog_to_no_groomer(chapter):
    # The chapter's dog groomers walk and groom; an ill dog needs a vet, which it lacks.
    assert refer(chapter, "a friend's dog is ill").to_dict()["candidates"] == []
    groomers = {c["profession"] for c in refer(chapter, "we just got a new puppy")
                .to_dict()["candidates"]}
    assert groomers == {"Dog groomer"}


def test_someone_known_well_but_rated_low_is_named_in_the_warning():
    # The only plumber you know well is rated 2/5 on competency: the answer says
    # so, instead of claiming that nobody you know well does this.
    contacts = ["me", {"id": "toby", "name": "Toby Hall", "profession": "Plumber",
                       "competency": 2},
                {"id": "sam", "profession": "Plumber"}, {"id": "kim", "profession": "Plumber"}]
    interactions = monthly("me", "toby", "one_to_one", start="2023-07-01")
    interactions += [("2024-05-01", "me", "sam", "email"), ("2024-05-02", "me", "kim", "card")]
    answer = refer(make_network(contacts, interactions), "my boiler broke down",
                   as_of=AS_OF).to_dict()
    warned = answer["warnings"]
    assert any(w.startswith("you know Toby Hall well but rate them low") for w in warned)
    assert not any(w.startswith("nobody you know well") for w in warned)
    assert [c["name"] for c in answer["candidates"]][-1] == "Toby Hall"  # listed, but last


def test_a_relationship_gone_quiet_ranks_with_introductions_before_strangers():
    # Two years of one-to-ones and referrals with a builder, then eighteen
    # months' silence: the tie has decayed below "known well", but reconnecting
    # with someone who knows you is a route, like an introduction through a
    # friend who vouches; a stranger rated 5/5 comes after both.
    contacts = ["me", {"id": "aoife", "name": "Aoife", "profession": "Builder"},
                {"id": "dan", "name": "Dan", "profession": "Accountant"},
                {"id": "jen", "name": "Jen", "profession": "Builder"},
                {"id": "new", "profession": "Builder", "character": 5, "competency": 5}]
    interactions = monthly("me", "aoife", "one_to_one", start="2021-01-01", months=24)
    interactions += monthly("aoife", "me", "referral", start="2021-06-01", months=5)
    interactions += monthly("me", "dan", "one_to_one", start="2023-07-01", months=12)
    interactions += monthly("dan", "jen", "referral", start="2023-09-01", months=6)
    interactions += [("2024-06-20", "me", "jen", "card"), ("2024-06-25", "me", "new", "email")]
    result = refer(make_network(contacts, interactions), "we need a builder", as_of=AS_OF)
    answer = by_id(result)
    assert answer["aoife"]["parts"]["relationship"] < 0.35  # not known well any more
    assert answer["jen"]["degree"] == 2  # Dan vouches for Jen
    assert ranked(result) == ["jen", "aoife", "new"]
    assert answer["new"]["score"] > answer["aoife"]["score"]  # and still after her
    assert any(c.startswith("silent for") for c in answer["aoife"]["cautions"])
    assert any(w.startswith("you knew Aoife well, but the tie has gone quiet")
               for w in result.warnings)
    assert not any(w.startswith("nobody you know well") for w in result.warnings)


def test_a_situation_nobody_serves_lists_nobody_rather_than_a_near_trade(consultant):
    # Exporting to the US needs trade advice or shipping, not a translator;
    # the sample has neither, so the answer is honest about it.
    result = refer(consultant, "a client wants to export to the US")
    assert [need.name for need in result.needs] == ["exporting"]
    assert result.candidates.empty
    # A market with another language still brings in the translator.
    german = refer(consultant, "a client wants to export to Germany")
    assert {"exporting", "translation"} <= {need.name for need in german.needs}
    assert set(german.candidates["profession"]) == {"Translator"}


def test_a_word_inside_a_named_trade_describes_no_situation(consultant):
    # "Wedding" names the photographer's speciality here, not a wedding to supply.
    answer = refer(consultant, "our wedding photographer let us down").to_dict()
    assert [need["name"] for need in answer["needs"]] == ["photography"]
    assert {c["profession"] for c in answer["candidates"]} == {"Photographer"}
    # Said as a situation, the wedding is one, and its suppliers are listed.
    married = refer(consultant, "my daughter is getting married and needs a photographer")
    assert {"photography", "wedding"} <= {need.name for need in married.needs}


def test_a_generic_word_of_a_service_does_not_name_the_trade(consultant):
    # "chiropractic care", "new homes": a care home is neither trade; elder
    # care is, and the sample's only fit is the will writer for powers of attorney.
    found = refer(consultant, "a friend's dad needs a care home").candidates
    assert set(found["profession"]) == {"Will writer"}
    network = make_network(["me", {"id": "chiro", "services": "chiropractic care"},
                            {"id": "vet", "services": "animal care"}], [])
    assert refer(network, "my dog needs animal care", as_of=AS_OF).to_dict()[
        "candidates"][0]["id"] == "vet"
    assert refer(network, "a care home", as_of=AS_OF).candidates.empty


@pytest.mark.parametrize(("trigger", "wrong"), [
    ("our office was hacked", "Commercial cleaner"),  # "office cleaning"
    ("my car failed its MOT", "Vehicle leasing"),  # "car leasing"
    ("a member's van broke down", "Vehicle leasing"),  # "van leasing"
])
def test_a_known_situation_nobody_serves_borrows_no_word_shared_by_chance(chapter, trigger,
                                                                          wrong):
    # The chapter has no security specialist and no garage: the answer says so,
    # rather than listing whoever's services share a word with the trigger.
    result = refer(chapter, trigger)
    assert result.needs and result.needs[0].matched_by == "keywords"
    assert wrong not in set(result.candidates["profession"])


def test_refer_on_the_chapter(chapter):
    result = refer(chapter, "a client asked me for a good web designer", top=5)
    assert result.owner == "m01"
    assert all(c["id"] != "m01" for c in result.to_dict()["candidates"])


def _run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_follows_the_contract(consultant_path, capsys):
    code, out, err = _run(["refer", str(consultant_path), SEED_TRIGGERS[2][0], "--top", "3",
                           "--format", "json"], capsys)
    assert code == 0, err
    payload = json.loads(out)
    assert {"trigger", "owner", "as_of", "needs", "candidates"} <= set(payload)
    assert payload["owner"] == "me" and payload["trigger"] == SEED_TRIGGERS[2][0]
    assert payload["needs"][0]["name"] == "web design"
    assert len(payload["candidates"]) == 3
    ids = set(pd.read_csv(consultant_path / "contacts.csv", dtype=str)["id"])
    scores = [c["score"] for c in payload["candidates"]]
    assert scores == sorted(scores, reverse=True)
    for candidate in payload["candidates"]:
        assert {"id", "name", "score", "stage", "parts", "reasons"} <= set(candidate)
        assert candidate["id"] in ids
        assert candidate["stage"] in {"none", "visibility", "credibility", "profitability"}
        assert set(candidate["parts"]) == set(PARTS)
        total = sum(payload["weights"][p] * v for p, v in candidate["parts"].items())
        assert candidate["score"] == pytest.approx(total)
        assert all(isinstance(r, str) and r for r in candidate["reasons"])


def test_cli_csv_and_table(consultant_path, capsys):
    code, out, _ = _run(["refer", str(consultant_path), "two friends were made redundant",
                         "--format", "csv", "--top", "4"], capsys)
    assert code == 0
    frame = pd.read_csv(io.StringIO(out), dtype={"id": str})
    assert list(frame.columns) == ["id", "name", "score", "stage", "profession", *PARTS,
                                   "reasons"]
    assert len(frame) == 4 and frame["score"].is_monotonic_decreasing
    code, out, _ = _run(["refer", str(consultant_path), "two friends were made redundant"],
                        capsys)
    assert code == 0
    assert all(len(line) <= 80 for line in out.splitlines())
    assert " 1. " in out and "redundancy" in out


def test_cli_user_errors_exit_2(consultant_path, capsys):
    code, out, err = _run(["refer", str(consultant_path), "a plumber", "--owner", "nobody"],
                          capsys)
    assert code == 2 and out == ""
    assert err.startswith("refgraph: error: ") and "nobody" in err
    code, _, err = _run(["refer", str(consultant_path), "   "], capsys)
    assert code == 2 and "trigger is empty" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["refer", str(consultant_path), "a plumber", "--top", "0"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("refgraph refer: error: ")
    assert "--top" in err and "usage:" not in err


def test_network_without_interactions_and_html_view_escapes():
    network = make_network(["me", {"id": "x", "name": "<b>Ann</b>", "profession": "Plumber"}],
                           [])
    result = refer(network, "a leaking boiler needs a plumber", as_of="2024-01-01")
    candidate = by_id(result)["x"]
    assert candidate["stage"] == "none" and candidate["parts"]["relationship"] == 0.0
    page = result._repr_html_()
    assert "&lt;b&gt;Ann&lt;/b&gt;" in page and "<b>Ann" not in page


def test_the_need_comes_before_the_occasion_it_is_for(consultant):
    # Her hair is the need; the wedding is what it is for.
    result = refer(consultant, "my daughter needs her hair done for the wedding")
    assert result.candidates["profession"].iloc[0] == "Salon owner"


def test_a_barking_dog_is_no_groomers_job(chapter):
    # The chapter has dog groomers but no trainer: the honest answer is nobody.
    result = refer(chapter, "a friend's dog keeps barking at night and the neighbours "
                            "complained").to_dict()
    assert [need["name"] for need in result["needs"]] == ["dog behaviour"]
    assert "Dog groomer" not in {c["profession"] for c in result["candidates"]}
