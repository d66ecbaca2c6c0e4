"""Tests of refgraph.model.focus: tables for a few people and tie ends as positions."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from test_engines import AS_OF, PEOPLE, frame, row

from refgraph import Network
from refgraph.model.focus import flows_touching, tie_positions


@settings(max_examples=40, deadline=None)
@given(st.lists(row, max_size=40), st.sets(st.sampled_from((*PEOPLE, "stranger")), max_size=3))
def test_flows_touching_are_the_rows_of_the_whole_table(rows, people):
    contacts = pd.DataFrame({"id": list(PEOPLE), "name": list(PEOPLE)})
    network = Network(contacts, frame(rows))
    alone = flows_touching(network, sorted(people), AS_OF)
    whole = network.flows(AS_OF)
    expected = whole[(whole["source"].isin(people) | whole["target"].isin(people)).to_numpy()]
    # Also once the whole table is kept: then it is filtered, not recomputed.
    kept = flows_touching(network, sorted(people), AS_OF)
    for table in (alone, kept):
        pd.testing.assert_frame_equal(table.reset_index(drop=True),
                                      expected.reset_index(drop=True), check_dtype=False)


@settings(max_examples=30, deadline=None)
@given(st.lists(row, max_size=30), st.permutations(PEOPLE[1:]))
def test_tie_positions_are_where_each_end_is_listed(rows, listed):
    # One person is missing from the contacts: their ends are -1.
    contacts = pd.DataFrame({"id": list(listed), "name": list(listed)})
    network = Network(contacts, frame(rows))
    ties = network.ties(AS_OF)
    u, v = tie_positions(network, AS_OF)
    where = {person: position for position, person in enumerate(listed)}
    assert u.tolist() == [where.get(p, -1) for p in ties["u"]]
    assert v.tolist() == [where.get(p, -1) for p in ties["v"]]
