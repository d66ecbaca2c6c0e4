"""Nurture's thank-you and its wording: what was owed, and what the reason says."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from toys import make_network

from refgraph.judge.nurture import nurture

AS_OF = "2024-06-30"


def every(start: str, days: int, count: int, a: str, b: str, kind: str) -> list[tuple]:
    """``count`` interactions ``days`` apart from ``start``."""
    first = dt.date.fromisoformat(start)
    return [((first + dt.timedelta(days=days * i)).isoformat(), a, b, kind)
            for i in range(count)]


def _row(result, contact: str) -> pd.Series:
    return result.contacts.set_index("id").loc[contact]


def _rhythm(person: str) -> list[tuple]:
    return every("2023-07-01", 30, 11, "me", person, "one_to_one")


def test_a_call_or_meeting_the_day_their_business_came_is_the_thanks():
    rows = [*_rhythm("called"), ("2024-06-25", "called", "me", "business", 1100),
            ("2024-06-25", "me", "called", "call"),
            *_rhythm("met"), ("2024-06-25", "met", "me", "business", 1100),
            ("2024-06-25", "met", "me", "meeting"),
            *_rhythm("mailed"), ("2024-06-25", "me", "mailed", "email"),
            ("2024-06-25", "mailed", "me", "referral"),
            # Their own email the day they sent it is how it came, not your thanks.
            *_rhythm("owed"), ("2024-06-25", "owed", "me", "referral"),
            ("2024-06-25", "owed", "me", "email")]
    result = nurture(make_network(["me", "called", "met", "mailed", "owed"], rows),
                     as_of=AS_OF, n=50)
    actions = result.contacts.set_index("id")["action"]
    for person in ("called", "met", "mailed"):
        assert actions.get(person) != "thank them", person
        if person in actions:
            assert "not yet thanked" not in _row(result, person)["reason"]
    assert actions["owed"] == "thank them"
    assert "not yet thanked: no contact since their last referral" in _row(result,
                                                                           "owed")["reason"]


def test_the_consultant_is_not_told_to_thank_a_client_seen_that_day(consultant):
    # Andrew Gordon's retainer came the day of a quarterly review with him; Tom
    # Nguyen's the day of a follow-up call; Anna Mills's the day of a meeting.
    contacts = nurture(consultant, n=400).contacts.set_index("id")
    for person in ("c0242", "c0042", "c0160"):
        if person in contacts.index:
            assert contacts.loc[person, "action"] not in ("thank them", "report back")
            assert "not yet" not in contacts.loc[person, "reason"], person
    # A retainer with nothing since is still thanked for.
    assert contacts.loc["c0284", "action"] == "thank them"


def test_people_they_connected_are_no_also_when_nothing_comes_before(consultant, chapter):
    for network in (consultant, chapter):
        for reason in nurture(network, n=400).contacts["reason"]:
            assert not reason.startswith("also "), reason
    rows = [*every("2023-07-01", 30, 6, "me", "hub", "email"),
            ("2023-08-01", "hub", "x", "introduction"), ("2023-08-02", "hub", "y", "referral"),
            ("2023-08-01", "x", "me", "email"), ("2023-08-01", "y", "me", "email"),
            *every("2023-07-01", 30, 6, "me", "ref", "one_to_one"),
            ("2023-09-01", "ref", "me", "referral"), ("2023-09-02", "ref", "x", "referral")]
    result = nurture(make_network(["me", "hub", "x", "y", "ref"], rows), as_of=AS_OF)
    assert _row(result, "hub")["reason"].startswith(
        "referred or introduced 2 people in your network")
    assert _row(result, "ref")["reason"].startswith(
        "referred you once; also referred or introduced one person in your network")


def test_nobody_whose_work_you_rate_2_is_told_to_be_sent_a_referral(consultant):
    # A referral vouches for the work too: Toby Hall gave Sam business 16 times,
    # but Sam rated his competency 2/5. A call keeps the client; no referral.
    rows = []
    for name in ("weak", "able"):
        rows += [*every("2023-07-01", 42, 6, "me", name, "one_to_one"),
                 ("2023-08-12", name, "me", "referral"), ("2023-11-04", name, "me", "referral")]
    people = ["me", {"id": "weak", "character": 4, "competency": 2},
              {"id": "able", "character": 4, "competency": 4}]
    result = nurture(make_network(people, rows), as_of=AS_OF)
    weak, able = _row(result, "weak"), _row(result, "able")
    assert able["action"] == "send them a referral"
    assert weak["action"] == "call"
    assert "competency rated 2/5, so no referral suggested" in weak["reason"]
    assert weak["priority"] == able["priority"]  # still worth the call
    toby = nurture(consultant, n=400).contacts.set_index("id").loc["c0108"]
    assert toby["action"] == "call"
    assert "competency rated 2/5, so no referral suggested" in toby["reason"]


def test_weeks_after_a_clients_business_call_to_ask_how_the_work_went():
    # A client's own business has nothing to "report back" on: they know how it
    # went for them. Weeks later, a call to ask, and whether you can help further.
    rows = [*_rhythm("cli"), ("2024-06-02", "cli", "me", "business", 3000),
            *_rhythm("ref"), ("2024-06-02", "ref", "me", "referral")]
    result = nurture(make_network(["me", "cli", "ref"], rows), as_of=AS_OF)
    cli, ref = _row(result, "cli"), _row(result, "ref")
    assert cli["action"] == "call"
    assert ("not yet followed up: no contact since their last business; ask how the work went "
            "for them and whether you can help further") in cli["reason"]
    assert "tell them how it went" not in cli["reason"]
    assert ref["action"] == "report back" and "tell them how it went" in ref["reason"]
    # Within the first days it is still a thank-you.
    assert _row(nurture(make_network(["me", "cli"], rows[:12]), as_of="2024-06-06"),
                "cli")["action"] == "thank them"


def test_left_out_says_you_introduced_them_not_met_them(chapter):
    # Bogdan Scott's only contact is the introduction Aoife made for him: the
    # list would say "you introduced them", and so does the reason he is left out.
    excluded = nurture(chapter, explain=True).excluded.set_index("id")
    assert excluded.loc["v05", "reason"].startswith(
        "you introduced them 22 months ago, never referred you or gave you business")
    # Enough people needing attention that the forgotten one-off does not fill the list.
    others = [f"p{i}" for i in range(6)]
    rows = [("2023-01-10", "me", "liked", "social"),
            *(row for other in others for row in every("2023-07-01", 30, 4, "me", other,
                                                       "one_to_one"))]
    left = nurture(make_network(["me", "liked", *others], rows), as_of=AS_OF,
                   explain=True).excluded.set_index("id")
    assert left.loc["liked", "reason"].startswith("in touch once, 18 months ago, never")
