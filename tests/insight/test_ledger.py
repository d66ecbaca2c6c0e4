"""Tests for refgraph.insight.ledger: the social-capital ledger."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from toys import make_network

from refgraph.insight.ledger import LEDGER_COLUMNS, ledger

# --------------------------------------------------------------------------- ledger


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


def test_ledger_counts_what_each_gave_and_received(exchange):
    table = ledger(exchange).set_index("id")
    assert list(table.reset_index().columns) == list(LEDGER_COLUMNS)
    ann, me, bob = table.loc["ann"], table.loc["me"], table.loc["bob"]
    assert (ann.referrals_given, ann.introductions_given, ann.business_given) == (2, 1, 1)
    assert (ann.business_received, ann.business_value_received) == (1, 1000.0)
    assert ann.business_value_given == 40.0
    assert (ann.given_to_owner, ann.received_from_owner) == (2, 1)
    assert ann.reciprocity == pytest.approx((4 - 1) / (4 + 1))
    assert me.business_value_received == pytest.approx(250.5)
    assert (me.referrals_received, me.referrals_given) == (2, 1)
    assert (bob.introductions_received, bob.business_value_received) == (1, 40.0)
    # Only people who exchanged something; most exchanged first.
    assert set(table.index) == {"me", "ann", "bob"}
    assert list(table.index[:1]) == ["ann"]


def test_ledger_totals_balance(exchange):
    table = ledger(exchange)
    for kind in ("referrals", "introductions", "business", "business_value"):
        assert table[f"{kind}_given"].sum() == pytest.approx(table[f"{kind}_received"].sum())


def test_ledger_as_of_and_empty(exchange):
    early = ledger(exchange, "2024-01-31")
    assert early.set_index("id").loc["ann", "referrals_given"] == 2
    assert early["business_value_given"].sum() == 0
    quiet = make_network(["me", "ann"], [("2024-01-01", "me", "ann", "call")])
    assert ledger(quiet).empty and list(ledger(quiet).columns) == list(LEDGER_COLUMNS)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["me", "a", "b", "c"]),
                          st.sampled_from(["me", "a", "b", "c"]),
                          st.sampled_from(["referral", "introduction", "business", "call"])),
                min_size=1, max_size=25))
def test_ledger_counts_every_gift_once(events):
    first = pd.Timestamp("2024-01-01")
    rows = [((first + pd.Timedelta(days=i)).strftime("%Y-%m-%d"), s, t, kind,
             10 if kind == "business" else "")
            for i, (s, t, kind) in enumerate(events) if s != t]
    if not rows:
        return
    table = ledger(make_network(["me", "a", "b", "c"], rows))
    gifts = sum(1 for *_, kind, _ in rows if kind != "call")
    given_total = table[["referrals_given", "introductions_given", "business_given"]].to_numpy()
    assert given_total.sum() == gifts
    assert table["reciprocity"].between(-1, 1).all()
    assert table["business_value_given"].sum() == 10 * sum(1 for r in rows if r[3] == "business")
