"""Tests for refgraph.insight.monthly: calendar months, monthly activity, fading ties."""

from __future__ import annotations

import pandas as pd
import pytest
from toys import make_network

from refgraph.errors import ContactNotFoundError, RefgraphError
from refgraph.insight.monthly import fading_ties, monthly_activity, previous_month
from refgraph.io.settings import STAGES


@pytest.fixture(scope="module")
def exchange():
    rows = [
        ("2024-01-10", "ann", "me", "referral"),
        ("2024-01-20", "ann", "me", "referral"),
        ("2024-02-01", "me", "ann", "business", 1000),
        ("2024-02-05", "ann", "bob", "introduction"),
        ("2024-03-01", "bob", "me", "business", 250.5),
        ("2024-03-02", "me", "bob", "referral"),
        ("2024-03-03", "me", "cat", "one_to_one"),
        ("2024-04-01", "ann", "bob", "business", 40),
    ]
    return make_network(["me", "ann", "bob", "cat", "dan"], rows)


# --------------------------------------------------------------------------- time


@pytest.mark.parametrize(("now", "then"), [
    ("2024-04-30 23:59:59.999999", "2024-03-31 23:59:59.999999"),
    ("2024-03-31 23:59:59.999999", "2024-02-29 23:59:59.999999"),
    ("2024-03-15 10:00", "2024-02-15 10:00"),
    ("2024-01-31 08:00", "2023-12-31 08:00"),
    ("2024-03-31 00:00", "2024-02-29 00:00"),
])
def test_previous_month(now, then):
    assert previous_month(pd.Timestamp(now, tz="UTC")) == pd.Timestamp(then, tz="UTC")


def test_monthly_activity_counts_per_month(exchange):
    activity = monthly_activity(exchange).set_index("month")
    assert list(activity.index) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert activity.loc["2024-01", "referrals_received"] == 2
    assert activity.loc["2024-02", "business_value_given"] == 1000
    assert activity.loc["2024-03", "business_value_received"] == pytest.approx(250.5)
    assert activity.loc["2024-03", "referrals_given"] == 1
    assert activity["new_contacts"].tolist() == [1, 0, 2, 0]  # ann; then bob and cat
    # ann's introduction and business to bob are not the owner's.
    assert activity["introductions_given"].sum() == 0
    assert activity["interactions"].tolist() == [2, 1, 3, 0]
    # At the last month's end the stages are the owner's ties as of then.
    ties = exchange.ties()
    mine = ties[(ties["u"] == "me") | (ties["v"] == "me")]["stage"].value_counts()
    last = activity.iloc[-1]
    assert [last[s] for s in STAGES] == [int(mine.get(s, 0)) for s in STAGES]
    assert last["ties"] == 3
    assert activity["month_end"].iloc[-1] == exchange.resolve_as_of(None)


def test_monthly_activity_window_and_whole_network(exchange):
    window = monthly_activity(exchange, as_of="2024-03-31", months=6)
    assert window["month"].tolist() == ["2023-10", "2023-11", "2023-12", "2024-01", "2024-02",
                                        "2024-03"]
    assert window["ties"].tolist()[:3] == [0, 0, 0]
    ann = monthly_activity(exchange, owner="ann")
    assert ann["referrals_given"].sum() == 2 and ann["introductions_given"].sum() == 1
    assert ann["business_value_received"].sum() == 1000
    without = monthly_activity(make_network(
        ["a", "b"], [("2024-01-05", "a", "b", "referral")], owner=None))
    assert without["referrals_given"].tolist() == without["referrals_received"].tolist() == [1]


def test_monthly_activity_rejects_bad_arguments(exchange):
    with pytest.raises(RefgraphError, match="months"):
        monthly_activity(exchange, months=0)
    with pytest.raises(ContactNotFoundError):
        monthly_activity(exchange, owner="nobody")


@pytest.mark.parametrize(("now", "months", "then"), [
    ("2026-09-30 23:59:59.999999", 6, "2026-03-31 23:59:59.999999"),
    ("2024-08-31 23:59:59.999999", 6, "2024-02-29 23:59:59.999999"),
    ("2024-08-15 10:00", 6, "2024-02-15 10:00"),
])
def test_months_earlier_keeps_the_end_of_a_month(now, months, then):
    assert previous_month(pd.Timestamp(now, tz="UTC"), months) == pd.Timestamp(then, tz="UTC")


def test_fading_compares_the_end_of_a_month_with_the_end_of_a_month():
    # Met on the last day of March: as of the end of September that tie was
    # there six months ago, and has faded since.
    net = make_network(["me", "ann"], [("2026-03-31", "me", "ann", "one_to_one")])
    fading = fading_ties(net, as_of="2026-09-30", months=6)
    assert fading["v"].tolist() == ["ann"]


def test_fading_ties_lists_neglected_ties_only():
    rows = [("2024-01-05", "me", "old", "one_to_one"), ("2024-01-05", "me", "kept", "one_to_one"),
            ("2024-06-25", "me", "kept", "one_to_one"), ("2024-06-01", "me", "new", "call"),
            ("2024-01-05", "x", "y", "one_to_one")]
    net = make_network(["me", "old", "kept", "new", "x", "y"], rows)
    fading = fading_ties(net, as_of="2024-06-30", months=3)
    assert fading["v"].tolist() == ["old"] and fading["u"].tolist() == ["me"]
    row = fading.iloc[0]
    assert row["drop"] == pytest.approx(row["strength_before"] - row["strength_now"])
    assert row["drop"] > 0
    everyone = fading_ties(make_network(["me", "old", "kept", "new", "x", "y"], rows, owner=None),
                           as_of="2024-06-30", months=3)
    assert set(everyone["name"]) == {"me & old", "x & y"}
    with pytest.raises(RefgraphError, match="months"):
        fading_ties(net, months=0)


# --------------------------------------------------------------------------- chapter meetings


def meeting_room(owner="me"):
    """A chapter of three: two logged interactions, two meetings everyone attended."""
    import refgraph

    contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    rows = pd.DataFrame({"date": ["2024-03-04", "2024-03-12"], "source": ["me", "ann"],
                         "target": ["ann", "me"], "kind": ["one_to_one", "referral"],
                         "notes": ["", "chapter meeting"]})
    attendance = pd.DataFrame([(day, who, "P") for day in ("2024-03-07", "2024-04-11")
                               for who in ("me", "ann", "bob")],
                              columns=["date", "member", "status"])
    members = pd.DataFrame({"member": ["me", "ann", "bob"], "joined": ["2024-01-01"] * 3})
    return refgraph.load_network({"contacts": contacts, "interactions": rows,
                                  "members": members, "attendance": attendance,
                                  "settings": {"owner": owner} if owner else {}})


def test_meeting_contacts_are_counted_apart_from_logged_interactions():
    from refgraph.io.chapter import from_attendance

    network = meeting_room()
    # Each meeting gives every pair in the room an event: three pairs, two meetings.
    assert int(from_attendance(network.interactions).sum()) == 6
    activity = monthly_activity(network, as_of="2024-04-30", months=2).set_index("month")
    # A logged row whose note happens to read "chapter meeting" is still logged.
    assert activity.loc["2024-03", "interactions"] == 2
    assert activity.loc["2024-03", "meeting_contacts"] == 2  # me-ann and me-bob
    assert activity.loc["2024-04", "interactions"] == 0
    assert activity.loc["2024-04", "meeting_contacts"] == 2
    whole = monthly_activity(meeting_room(owner=None), as_of="2024-04-30")
    assert whole["meeting_contacts"].sum() == 6 and whole["interactions"].sum() == 2


def test_monthly_stages_are_each_month_ends_tie_table(exchange):
    # The stages come from the network's people codes; computed from the
    # rows alone at each month's end they must be the same.
    from refgraph.model.ties import tie_table

    activity = monthly_activity(exchange, owner="bob")
    rows = exchange.interactions
    for _, month in activity.iterrows():
        ties = tie_table(rows[rows["date"] <= month["month_end"]], exchange.settings,
                         month["month_end"])
        mine = ties[(ties["u"] == "bob") | (ties["v"] == "bob")]["stage"].value_counts()
        assert [month[s] for s in STAGES] == [int(mine.get(s, 0)) for s in STAGES]


def test_monthly_activity_of_someone_without_interactions_is_zeros(exchange):
    activity = monthly_activity(exchange, owner="dan", months=3)
    assert activity["month"].tolist() == ["2024-02", "2024-03", "2024-04"]
    assert activity.drop(columns=["month", "month_end"]).to_numpy().sum() == 0


def test_monthly_activity_is_computed_once_and_handed_out_as_a_copy(exchange):
    first = monthly_activity(exchange, months=2)
    first.loc[:, "referrals_given"] = 99
    again = monthly_activity(exchange, months=2)
    assert again["referrals_given"].tolist() == [1, 0]  # March (the referral to bob), April
