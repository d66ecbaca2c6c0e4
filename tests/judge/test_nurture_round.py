"""Tests for refgraph.judge.nurture read as a networker reads the list."""

from __future__ import annotations

from toys import make_network

from refgraph.judge.nurture import nurture

AS_OF = "2024-06-30"


def test_a_new_contact_only_messaged_and_liked_is_not_said_to_have_been_met():
    # Ten days of LinkedIn messages and likes over six weeks: in touch, never met.
    days = ["2024-05-20", "2024-05-21", "2024-05-27", "2024-06-05", "2024-06-10",
            "2024-06-18", "2024-06-20", "2024-06-24", "2024-06-27", "2024-06-29"]
    kinds = ["message", "social"] * 5
    net = make_network(["me", "ben"], [(day, "ben", "me", kind)
                                       for day, kind in zip(days, kinds, strict=True)])
    row = nurture(net, as_of=AS_OF).contacts.set_index("id").loc["ben"]
    assert row["action"] == "book a 1-to-1"
    assert row["reason"].startswith("new contact, first in touch 6 weeks ago, still at "
                                    "visibility")
    assert "met" not in row["reason"]


def test_a_new_contact_met_at_events_is_still_said_to_have_been_met():
    net = make_network(["me", "eve"], [("2024-05-20", "me", "eve", "event"),
                                       ("2024-06-20", "me", "eve", "event")])
    row = nurture(net, as_of=AS_OF).contacts.set_index("id").loc["eve"]
    assert row["reason"].startswith("new contact, met 6 weeks ago, still at visibility")


def test_consultant_ben_harlow_is_first_in_touch_not_met(consultant):
    row = nurture(consultant, n=400).contacts.set_index("id").loc["c0016"]
    assert row["reason"].startswith("new contact, first in touch 6 weeks ago")


def _referral_source(person: str) -> list[tuple]:
    """A referral source gone quiet: 1-to-1s and referrals in 2023, nothing since."""
    return [*[(f"2023-0{month}-10", "me", person, "one_to_one") for month in range(1, 7)],
            ("2023-03-01", person, "me", "referral"), ("2023-05-01", person, "me", "referral")]


def test_nobody_tagged_as_not_to_be_contacted_is_ever_listed():
    # A referral source who has died, one who asked you to stop, one still in business.
    contacts = ["me", {"id": "ann", "tags": "referral partner; Deceased"},
                {"id": "bob", "tags": "Do-Not-Contact"}, {"id": "cy", "tags": "bni"}]
    rows = [*_referral_source("ann"), *_referral_source("bob"), *_referral_source("cy")]
    net = make_network(contacts, rows)
    result = nurture(net, as_of=AS_OF, explain=True)
    assert result.contacts["id"].tolist() == ["cy"]
    reasons = result.excluded.set_index("id")["reason"]
    assert reasons["ann"] == "tagged 'Deceased': not someone to get in touch with"
    assert reasons["bob"] == "tagged 'Do-Not-Contact': not someone to get in touch with"


def test_a_fresh_list_is_not_filled_with_someone_not_to_be_contacted():
    # Met once, long ago: forgotten one-offs fill a fresh list, but not this one.
    contacts = ["me", {"id": "ann", "tags": "unsubscribed"}, "bob"]
    rows = [("2022-01-10", "me", "ann", "event"), ("2022-02-10", "me", "bob", "event")]
    result = nurture(make_network(contacts, rows), as_of=AS_OF)
    assert result.contacts["id"].tolist() == ["bob"]


def test_a_faded_tie_whose_stage_held_says_its_trust_fell_not_the_same_stage():
    # Four 1-to-1s last summer, then nothing: the stage held at credibility while the
    # trust fell below what you vouch on; "faded to credibility" would say nothing.
    rows = [(f"2025-07-{day:02d}", "me", "vis", "one_to_one") for day in range(10, 14)]
    found = nurture(make_network(["me", "vis"], rows), as_of="2026-04-30").contacts
    found = found.set_index("id")
    assert "vis" in found.index
    reason = found.loc["vis", "reason"]
    assert found.loc["vis", "stage"] == "credibility"
    assert "faded to credibility" not in reason
    assert "built up to credibility once" in reason and "faded to trust 0." in reason
    assert "too little to vouch on" in reason


def test_chapter_scott_hunt_is_said_to_have_faded_in_trust(chapter):
    row = nurture(chapter, as_of="2026-04-30", n=60).contacts.set_index("id").loc["v20"]
    assert "faded to credibility" not in row["reason"]
    assert "faded to trust" in row["reason"]


def test_a_contact_met_one_to_one_who_cooled_says_so_not_just_a_slight_tie():
    # A 1-to-1 last autumn, a few emails since: a start never followed up.
    rows = [("2023-09-10", "me", "pro", "one_to_one"), ("2023-10-20", "me", "pro", "email"),
            ("2024-01-15", "pro", "me", "email"), ("2024-03-01", "me", "pro", "email")]
    found = nurture(make_network(["me", "pro"], rows), as_of=AS_OF).contacts.set_index("id")
    assert found.loc["pro", "reason"].startswith(
        "had a one-to-one, but the tie never grew past visibility (trust ")


def test_consultant_charlotte_hill_met_one_to_one_and_cooled(consultant):
    row = nurture(consultant, n=400).contacts.set_index("id").loc["c0231"]
    assert row["reason"].startswith("had a one-to-one, but the tie never grew past visibility")
