"""The time-decayed graph: strength, trust, stages, counts, dates, flows and as_of."""

from __future__ import annotations

import datetime as dt
import gc
import math
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from toys import make_network

from refgraph import Network, RefgraphError, RefgraphWarning, Settings, load_network
from refgraph.io.dates import parse_as_of
from refgraph.io.settings import KINDS, SUBSTANTIVE_KINDS
from refgraph.model.graph import build_flow_graph, build_graph
from refgraph.model.ties import (
    COUNT_COLUMNS,
    decayed_interactions,
    flow_table,
    tie_table,
    trust_from_strength,
)

DEFAULTS = Settings()
W = DEFAULTS.kind_weights
H = DEFAULTS.half_life_days
AS_OF = "2024-07-01T00:00:00Z"


def day(offset: float) -> str:
    """The date ``offset`` days before AS_OF, as an ISO date-time."""
    stamp = pd.Timestamp(AS_OF) - pd.Timedelta(days=offset)
    return stamp.isoformat()


def tie(net, a="me", b="ann", as_of=AS_OF) -> dict:
    return dict(net.graph(as_of)[a][b])


# --------------------------------------------------------------------------- strength and trust


def test_strength_is_kind_weight_times_half_life_decay():
    net = make_network(["me", "ann"], [(day(90), "me", "ann", "call")])
    expected = W["call"] * 0.5 ** (90 / H["call"])
    assert tie(net)["strength"] == pytest.approx(expected, rel=1e-12)


def test_strength_sums_over_interactions_and_kinds():
    net = make_network(["me", "ann"], [
        (day(0), "me", "ann", "email"),
        (day(365), "ann", "me", "one_to_one"),
        (day(730), "me", "ann", "referral"),
        (day(10.5), "ann", "me", "social"),
    ])
    # Substantive contact (the 1-to-1, the referral) fades with the year of
    # silence since the 1-to-1; light contact (email, social) does not.
    fade = 0.5 ** ((365 - DEFAULTS.trust.silence_grace_days)
                   / DEFAULTS.trust.silence_half_life_days)
    expected = (W["email"] + W["social"] * 0.5 ** (10.5 / H["social"])
                + fade * (W["one_to_one"] * 0.5 ** (365 / H["one_to_one"])
                          + W["referral"] * 0.5 ** (730 / H["referral"])))
    edge = tie(net)
    assert edge["strength"] == pytest.approx(expected, rel=1e-12)
    assert edge["fade"] == pytest.approx(fade) and edge["silent_days"] == pytest.approx(365)


def test_trust_and_distance_formulas():
    net = make_network(["me", "ann"], [(day(30), "me", "ann", "one_to_one"),
                                       (day(5), "me", "ann", "call")])
    edge = tie(net)
    scale = DEFAULTS.trust.scale
    assert edge["trust"] == pytest.approx(1 - math.exp(-edge["strength"] / scale), rel=1e-12)
    assert edge["distance"] == pytest.approx(-math.log(edge["trust"]), rel=1e-12)
    assert 0 < edge["trust"] < 1


def test_trust_from_strength():
    assert trust_from_strength(0.0) == 0.0
    assert float(trust_from_strength(6.0, 6.0)) == pytest.approx(1 - math.exp(-1))
    values = trust_from_strength(np.array([0.0, 1.0, 10.0, 1e6]), 3.0)
    assert np.all(np.diff(values) > 0) and values[-1] == 1.0


def test_trust_scale_is_configurable():
    rows = [(day(0), "me", "ann", "one_to_one")]
    low = tie(make_network(["me", "ann"], rows, settings={"trust": {"scale": 1.0}}))
    high = tie(make_network(["me", "ann"], rows, settings={"trust": {"scale": 100.0}}))
    assert low["strength"] == high["strength"]
    assert low["trust"] == pytest.approx(1 - math.exp(-W["one_to_one"]))
    assert high["trust"] < low["trust"]


def test_decayed_interactions_columns():
    net = make_network(["me", "ann"], [(day(180), "me", "ann", "call"),
                                       (day(-1), "me", "ann", "call")])
    rows = decayed_interactions(net.interactions, net.settings, parse_as_of(AS_OF))
    assert len(rows) == 1
    assert rows["age_days"].iloc[0] == pytest.approx(180)
    assert rows["decay"].iloc[0] == pytest.approx(0.5)
    assert rows["weight"].iloc[0] == pytest.approx(W["call"] * 0.5)


# --------------------------------------------------------------------------- stages


@pytest.mark.parametrize(
    ("rows", "stage"),
    [
        ([(1, "email")], "visibility"),
        ([(1, "one_to_one")], "visibility"),  # one meeting is not "repeated"
        ([(60, "one_to_one"), (1, "one_to_one")], "credibility"),
        ([(40, "call"), (20, "meeting")], "credibility"),
        ([(1, "email")] * 1 + [(d, "email") for d in range(2, 30)], "visibility"),
        ([(10, "referral")], "visibility"),  # stages build: not credible yet
        ([(10, "referral"), (30, "one_to_one")], "profitability"),
        ([(10, "business"), (200, "business")], "profitability"),
        ([(60, "one_to_one"), (1, "one_to_one"), (3 * 365, "referral")], "credibility"),
        ([(10, "introduction"), (5, "call")], "credibility"),  # substantive, not profitable
        ([(3 * 365, "referral")], "visibility"),  # a referral three years ago has faded
    ],
)
def test_stage_rules(rows, stage):
    interactions = [(day(age), "me", "ann", kind) for age, kind in rows]
    assert tie(make_network(["me", "ann"], interactions))["stage"] == stage


def test_stages_decay_over_time():
    net = make_network(["me", "ann"], [
        ("2022-01-10", "me", "ann", "one_to_one"),
        ("2022-02-10", "ann", "me", "one_to_one"),
        ("2022-03-01", "ann", "me", "referral"),
        ("2023-10-01", "ann", "me", "one_to_one"),
        ("2023-11-01", "ann", "me", "one_to_one"),
    ])
    assert tie(net, as_of="2022-01-10")["stage"] == "visibility"
    assert tie(net, as_of="2022-02-10")["stage"] == "credibility"
    assert tie(net, as_of="2022-03-01")["stage"] == "profitability"
    # Two years on the referral has faded below one recent one, the 1-to-1s have not.
    assert tie(net, as_of="2024-04-01")["stage"] == "credibility"
    assert tie(net, as_of="2027-01-01")["stage"] == "visibility"


def test_substantive_and_profitable_counts():
    net = make_network(["me", "ann"], [(day(365), "me", "ann", "one_to_one"),
                                       (day(0), "ann", "me", "business", 100),
                                       (day(0), "ann", "me", "email")])
    edge = tie(net)
    assert edge["substantive"] == pytest.approx(0.5 + 1.0)
    assert edge["profitable"] == pytest.approx(1.0)


def test_stage_thresholds_are_configurable():
    rows = [(day(1), "me", "ann", "one_to_one")]
    assert tie(make_network(["me", "ann"], rows))["stage"] == "visibility"
    lenient = make_network(["me", "ann"], rows, settings={"stages": {"credibility_min": 0.9}})
    assert tie(lenient)["stage"] == "credibility"
    strict = make_network(["me", "ann"], [(day(1), "me", "ann", "referral")],
                          settings={"stages": {"profitability_min": 2.0}})
    assert tie(strict)["stage"] == "visibility"


# --------------------------------------------------------------------------- counts and dates


def test_counts_per_kind_and_dates():
    net = make_network(["me", "ann", "bob"], [
        ("2024-01-05", "me", "ann", "call"),
        ("2024-03-01T09:30:00+01:00", "ann", "me", "call"),
        ("2024-02-01", "me", "ann", "email"),
        ("2024-02-02", "me", "bob", "card"),
    ])
    ties = net.ties()
    assert ties[["u", "v"]].values.tolist() == [["ann", "me"], ["bob", "me"]]
    first = ties.iloc[0]
    assert first["interactions"] == 3
    assert first["n_call"] == 2 and first["n_email"] == 1 and first["n_card"] == 0
    assert sum(first[c] for c in COUNT_COLUMNS) == 3
    assert first["first_contact"] == pd.Timestamp("2024-01-05", tz="UTC")
    assert first["last_contact"] == pd.Timestamp("2024-03-01T08:30", tz="UTC")
    edge = net.graph()["me"]["ann"]
    assert edge["n_call"] == 2 and isinstance(edge["n_call"], int)
    assert edge["first_contact"] == pd.Timestamp("2024-01-05", tz="UTC")
    # Standard-library datetimes in UTC: plain values, which the collector need not track.
    assert type(edge["last_contact"]) is dt.datetime
    assert edge["last_contact"].utcoffset() == dt.timedelta(0)
    assert not gc.is_tracked(edge)
    assert edge["stage"] in ("visibility", "credibility", "profitability")
    expected_keys = {"strength", "trust", "distance", "stage", "earned_stage", "substantive",
                     "profitable", "silent_days", "fade", "interactions", *COUNT_COLUMNS,
                     "first_contact", "last_contact", "last_substantive"}
    assert set(edge) == expected_keys


def test_pairs_are_unordered_for_mutual_kinds():
    net = make_network(["b", "a"], [("2024-01-05", "b", "a", "meeting"),
                                    ("2024-01-06", "a", "b", "meeting")], owner=None)
    ties = net.ties()
    assert len(ties) == 1 and (ties["u"].iloc[0], ties["v"].iloc[0]) == ("a", "b")
    assert ties["n_meeting"].iloc[0] == 2


def test_tie_table_matches_a_straightforward_computation():
    rng = np.random.default_rng(7)
    people = [f"p{i}" for i in range(12)]
    n = 400
    source = rng.choice(people, n)
    target = rng.choice(people, n)
    keep = source != target
    frame = pd.DataFrame({
        "date": (pd.Timestamp("2023-01-01", tz="UTC")
                 + pd.to_timedelta(rng.integers(0, 900 * 24, n), unit="h"))[keep],
        "source": source[keep], "target": target[keep],
        "kind": pd.Categorical(rng.choice(KINDS, n)[keep], categories=KINDS),
    }).reset_index(drop=True)
    as_of = parse_as_of("2024-12-31")
    got = tie_table(frame, DEFAULTS, as_of).set_index(["u", "v"])

    kept = frame[frame["date"] <= as_of]
    expected = {}
    for row in kept.itertuples():
        key = tuple(sorted((row.source, row.target)))
        age = (as_of - row.date).total_seconds() / 86400
        entry = expected.setdefault(key, {"light": 0.0, "built": 0.0, "silent": math.inf,
                                          "count": 0, "first": row.date, "last": row.date})
        contribution = W[row.kind] * 0.5 ** (age / H[row.kind])
        if row.kind in SUBSTANTIVE_KINDS:
            entry["built"] += contribution
            entry["silent"] = min(entry["silent"], age)
        else:
            entry["light"] += contribution
        entry["count"] += 1
        entry["first"] = min(entry["first"], row.date)
        entry["last"] = max(entry["last"], row.date)
    assert set(got.index) == set(expected)
    grace = DEFAULTS.trust.silence_grace_days
    for key, entry in expected.items():
        fade = (0.5 ** (max(0.0, entry["silent"] - grace) / DEFAULTS.trust.silence_half_life_days)
                if entry["built"] else 1.0)
        strength = entry["light"] + fade * entry["built"]
        assert got.loc[key, "strength"] == pytest.approx(strength, rel=1e-9)
        assert got.loc[key, "interactions"] == entry["count"]
        assert got.loc[key, "first_contact"] == entry["first"]
        assert got.loc[key, "last_contact"] == entry["last"]


def test_tie_table_accepts_plain_columns():
    frame = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                          "source": ["a", "b"], "target": ["b", "c"],
                          "kind": ["call", "Nonsense"]})
    ties = tie_table(frame, DEFAULTS, parse_as_of("2024-02-01"))
    assert ties[["u", "v", "n_call"]].values.tolist() == [["a", "b", 1]]


def test_empty_tables_have_the_columns():
    net = make_network(["me", "ann"], [("2024-05-01", "me", "ann", "referral")])
    ties = net.ties("2024-01-01")
    assert len(ties) == 0 and {"u", "v", "strength", "stage", "n_call"} <= set(ties.columns)
    flows = net.flows("2024-01-01")
    assert len(flows) == 0 and {"source", "target", "referrals", "value"} <= set(flows.columns)
    graph = net.graph("2024-01-01")
    assert graph.number_of_nodes() == 2 and graph.number_of_edges() == 0


# --------------------------------------------------------------------------- nodes


def test_contact_attributes_become_node_attributes():
    with pytest.warns(RefgraphWarning, match="unknown column.*town"):
        net = make_network(
            [{"id": "me", "name": "Me", "profession": "coach", "character": 5, "competency": 4},
             {"id": "ann", "name": "Ann Lee", "services": "web design; wordpress",
              "town": "Leeds"}],
            [("2024-01-05", "me", "ann", "call")],
        )
    graph = net.graph()
    assert graph.nodes["me"]["profession"] == "coach"
    assert graph.nodes["me"]["character"] == 5 and isinstance(graph.nodes["me"]["character"], int)
    assert "character" not in graph.nodes["ann"]  # missing ratings are left out
    assert graph.nodes["ann"]["name"] == "Ann Lee"
    assert graph.nodes["ann"]["services"] == "web design; wordpress"
    assert graph.nodes["ann"]["town"] == "Leeds"
    assert graph.nodes["me"]["town"] == ""
    assert "line" not in graph.nodes["me"] and "id" not in graph.nodes["me"]
    assert graph.graph["owner"] == "me"


def test_contacts_without_interactions_are_nodes():
    net = make_network(["me", "ann", "loner"], [("2024-01-05", "me", "ann", "call")])
    assert set(net.graph().nodes) == {"me", "ann", "loner"}
    assert net.graph().degree("loner") == 0


def test_graph_equals_one_built_edge_by_edge():
    net = make_network(["me", "ann", "bob", "cy"], [
        ("2024-01-05", "me", "ann", "call"), ("2024-01-06", "bob", "ann", "referral"),
        ("2024-01-08", "me", "cy", "email"),
    ])
    built = net.graph()
    ties = net.ties()
    slow = nx.Graph(owner=net.owner, as_of=net.resolve_as_of())
    slow.add_nodes_from(built.nodes(data=True))
    for row in ties.to_dict("records"):
        u, v = row.pop("u"), row.pop("v")
        slow.add_edge(u, v, **{k: value for k, value in row.items() if not pd.isna(value)})
    assert nx.utils.graphs_equal(built, slow)
    assert built["me"]["ann"] is built["ann"]["me"]
    assert type(built) is nx.Graph


def test_the_built_graph_behaves_as_any_networkx_graph():
    # It is made from prepared dicts (refgraph.model.graph), so check it is
    # an ordinary graph afterwards: it changes, copies and pickles as one.
    import pickle

    net = make_network(["me", "ann", "bob"], [("2024-01-05", "me", "ann", "call")])
    graph = net.graph()
    copy, unpickled = graph.copy(), pickle.loads(pickle.dumps(graph))
    graph.add_edge("bob", "ann", strength=1.0)
    graph.remove_node("me")
    assert sorted(graph.edges) == [("ann", "bob")]
    assert graph["ann"]["bob"] is graph["bob"]["ann"]
    for other in (copy, unpickled):
        assert type(other) is nx.Graph
        assert sorted(other.edges) == [("me", "ann")] and "bob" in other
    assert type(nx.Graph()) is nx.Graph and nx.Graph().number_of_nodes() == 0


def test_each_edges_attributes_change_alone():
    # The attribute dicts share one table of keys (refgraph.model.graph): a
    # key set, added or removed on one edge must stay on that edge.
    net = make_network(["me", "ann", "bob", "cy"], [
        ("2024-01-05", "me", "ann", "call"), ("2024-01-06", "me", "bob", "referral"),
        ("2024-01-08", "me", "cy", "email")])
    graph = net.graph()
    before = {(u, v): dict(data) for u, v, data in graph.edges(data=True)}
    graph["me"]["ann"]["colour"] = "red"
    graph["me"]["ann"]["strength"] = 99.0
    del graph["me"]["bob"]["trust"]
    graph["me"]["cy"].clear()
    assert graph["me"]["ann"] == {**before[("me", "ann")], "strength": 99.0, "colour": "red"}
    assert list(graph["me"]["ann"])[-1] == "colour"
    assert graph["me"]["bob"] == {k: v for k, v in before[("me", "bob")].items() if k != "trust"}
    assert graph["me"]["cy"] == {}
    assert type(graph["me"]["ann"]) is dict and graph.nodes["ann"]["name"] == "ann"
    fresh = net.graph(as_of="2024-02-01")
    assert dict(fresh["me"]["bob"]) == {k: v for k, v in fresh["me"]["bob"].items()}
    assert "colour" not in fresh["me"]["bob"] and "trust" in fresh["me"]["bob"]


# --------------------------------------------------------------------------- flows


def flow_network():
    return make_network(["me", "ann", "bob"], [
        ("2024-01-05", "ann", "me", "referral"),
        ("2024-02-05", "ann", "me", "referral"),
        ("2024-03-01", "me", "ann", "business", 100),
        ("2024-03-05", "me", "ann", "business", 50.5),
        ("2024-03-06", "me", "ann", "business"),
        ("2024-03-07", "bob", "me", "introduction"),
        ("2024-03-08", "me", "bob", "call"),
    ])


def test_flows_keep_direction_counts_and_value():
    flows = flow_network().flows().set_index(["source", "target"])
    assert sorted(flows.index) == [("ann", "me"), ("bob", "me"), ("me", "ann")]
    assert flows.loc[("ann", "me"), ["referrals", "business", "introductions"]].tolist() == [
        2, 0, 0]
    assert flows.loc[("ann", "me"), "value"] == 0.0
    assert flows.loc[("me", "ann"), "business"] == 3
    assert flows.loc[("me", "ann"), "value"] == pytest.approx(150.5)
    assert flows.loc[("bob", "me"), "introductions"] == 1
    assert flows.loc[("me", "ann"), "first"] == pd.Timestamp("2024-03-01", tz="UTC")
    assert flows.loc[("me", "ann"), "last"] == pd.Timestamp("2024-03-06", tz="UTC")
    as_of = parse_as_of("2024-03-08")
    age = (as_of - pd.Timestamp("2024-01-05", tz="UTC")).total_seconds() / 86400
    first = W["referral"] * 0.5 ** (age / H["referral"])
    assert flows.loc[("ann", "me"), "weight"] > first


def test_flow_graph_is_directed():
    graph = flow_network().flow_graph()
    assert isinstance(graph, nx.DiGraph)
    assert graph.has_edge("ann", "me") and not graph.has_edge("me", "bob")
    assert graph["ann"]["me"]["referrals"] == 2
    assert graph["me"]["ann"]["value"] == pytest.approx(150.5)
    assert set(graph.nodes) == {"me", "ann", "bob"}
    assert graph.nodes["ann"]["name"] == "ann"


def test_flow_table_doctest_shape_with_plain_frame():
    rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"] * 2, utc=True),
                         "source": ["a", "a"], "target": ["b", "b"],
                         "kind": pd.Categorical(["referral", "business"], categories=KINDS)})
    out = flow_table(rows, DEFAULTS, parse_as_of("2024-01-01"))
    assert out[["referrals", "business", "value"]].values.tolist() == [[1, 1, 0.0]]


# --------------------------------------------------------------------------- as_of


def test_as_of_defaults_to_the_latest_interaction(monkeypatch):
    net = make_network(["me", "ann"], [("2021-05-01", "me", "ann", "call"),
                                       ("2021-06-01T12:00:00Z", "me", "ann", "email")])
    assert net.resolve_as_of() == pd.Timestamp("2021-06-01T12:00", tz="UTC")
    graph = build_graph(net)
    assert graph.graph["as_of"] == pd.Timestamp("2021-06-01T12:00", tz="UTC")
    # The latest interaction is fresh: no decay, whatever today's date is.
    expected = W["email"] + W["call"] * 0.5 ** (31.5 / H["call"])
    assert graph["me"]["ann"]["strength"] == pytest.approx(expected)


def test_interactions_after_as_of_never_count():
    net = make_network(["me", "ann"], [("2024-01-05", "me", "ann", "call"),
                                       ("2024-01-06", "me", "ann", "referral"),
                                       ("2024-03-01", "me", "ann", "business", 900)])
    early = net.graph("2024-01-05")["me"]["ann"]
    assert early["interactions"] == 1 and early["n_referral"] == 0
    assert early["last_contact"] == pd.Timestamp("2024-01-05", tz="UTC")
    assert early["strength"] == pytest.approx(W["call"] * 0.5 ** ((1 - 1e-6 / 86400) / H["call"]))
    assert len(net.flows("2024-01-05")) == 0
    assert net.flows("2024-01-06")["referrals"].tolist() == [1]
    assert net.flows("2024-02-01")["value"].tolist() == [0.0]


def test_parse_as_of():
    assert parse_as_of("2024-03-31") == pd.Timestamp("2024-03-31T23:59:59.999999", tz="UTC")
    assert parse_as_of(dt.date(2024, 3, 31)) == parse_as_of("2024-03-31")
    assert parse_as_of(dt.datetime(2024, 3, 31, 10)) == pd.Timestamp("2024-03-31T10:00", tz="UTC")
    assert parse_as_of("2024-03-31T10:00-05:00") == pd.Timestamp("2024-03-31T15:00", tz="UTC")
    assert parse_as_of(pd.Timestamp("2024-01-01", tz="Europe/Paris")).tz is not None
    default = pd.Timestamp("2020-01-01", tz="UTC")
    assert parse_as_of(None, default) is default
    for bad in ("yesterday", "31/03/2024", "2024-02-30", ""):
        with pytest.raises(RefgraphError, match="is not a date; expected YYYY-MM-DD"):
            parse_as_of(bad)
    with pytest.raises(RefgraphError, match="no interactions"):
        parse_as_of(None)


def test_graph_is_cached_per_as_of():
    net = flow_network()
    assert net.graph() is net.graph()
    assert net.graph("2024-02-01") is not net.graph()
    assert net.ties() is net.ties(net.latest)
    assert build_flow_graph(net).number_of_edges() == 3


def test_cached_people_codes_give_the_same_tables(tmp_path):
    (tmp_path / "contacts.csv").write_text("id,name\nzed,Zed\nme,Me\nann,Ann\n",
                                           encoding="utf-8")
    (tmp_path / "interactions.csv").write_text(
        "date,source,target,kind,value\n2024-01-05,me,ann,call,\n2024-01-06,zed,bob,referral,\n"
        "2024-01-07,bob,me,business,40\n2024-01-08,ann,ann,call,\n2024-01-08,me,zed,email,\n",
        encoding="utf-8")
    with pytest.warns(RefgraphWarning):
        net = load_network(tmp_path)
    stamp = net.resolve_as_of()
    plain_ties = tie_table(net.interactions, net.settings, stamp)
    plain_flows = flow_table(net.interactions, net.settings, stamp)
    pd.testing.assert_frame_equal(net.ties(), plain_ties)
    pd.testing.assert_frame_equal(net.flows(), plain_flows)
    fresh = Network(net.contacts, net.interactions, net.settings)  # codes computed lazily
    pd.testing.assert_frame_equal(fresh.ties(), plain_ties)
    pd.testing.assert_frame_equal(net.with_owner("ann").flows("2024-01-07"),
                                  flow_table(net.interactions, net.settings,
                                             parse_as_of("2024-01-07")))
    # Replacing the interactions frame never reuses codes of the old one.
    fresh.interactions = net.interactions.iloc[:2].reset_index(drop=True)
    assert fresh.ties("2024-01-08")[["u", "v"]].values.tolist() == [["ann", "me"],
                                                                     ["bob", "zed"]]


# --------------------------------------------------------------------------- silence


def _partners(silence_days: float) -> list[tuple]:
    """Two years of monthly 1-to-1s and quarterly referrals, then ``silence_days`` of quiet."""
    rows = []
    for month in range(24):
        offset = silence_days + 30.0 * month
        rows.append((day(offset), "me", "ann", "one_to_one"))
        if month % 3 == 0:
            rows.append((day(offset + 1), "ann", "me", "referral"))
    return rows


def test_a_silent_tie_fades_while_an_active_one_keeps_its_trust():
    active = tie(make_network(["me", "ann"], _partners(10)))
    silent = tie(make_network(["me", "ann"], _partners(420)))
    assert active["stage"] == "profitability" and active["trust"] > 0.99
    assert silent["earned_stage"] == "profitability"  # the counts alone still say so
    assert silent["stage"] == "visibility" and silent["trust"] < 0.5
    assert silent["silent_days"] == pytest.approx(420)


def test_the_stage_steps_down_after_the_documented_periods():
    stages = DEFAULTS.stages
    seen = {days: tie(make_network(["me", "ann"], _partners(days)))["stage"]
            for days in (stages.profitability_silent_days - 1,
                         stages.profitability_silent_days + 1,
                         stages.credibility_silent_days + 1)}
    assert list(seen.values()) == ["profitability", "credibility", "visibility"]


def test_light_contact_keeps_a_tie_visible_not_trusted():
    rows = [*_partners(420), *[(day(d), "me", "ann", "social") for d in range(0, 400, 7)]]
    liked = tie(make_network(["me", "ann"], rows))
    assert liked["stage"] == "visibility" and liked["trust"] < 0.5
    assert liked["silent_days"] == pytest.approx(420)


def test_past_referrals_still_count_as_good_will():
    net = make_network(["me", "ann"], _partners(420))
    flows = net.flows(AS_OF).set_index(["source", "target"])
    assert flows.loc[("ann", "me"), "referrals"] == 8
    assert flows.loc[("ann", "me"), "weight"] > 0



@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 800), st.sampled_from(["a", "b", "c", "d"]),
                          st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(KINDS)),
                min_size=1, max_size=15).map(lambda rows: [r for r in rows if r[1] != r[2]])
       .filter(bool))
def test_edges_carry_every_present_cell_of_the_tie_table_in_order(rows):
    # Ties without substantive contact have no last_substantive: the edge leaves it out.
    contacts = pd.DataFrame({"id": list("cadb"), "name": list("CADB")})
    interactions = pd.DataFrame({
        "date": [(dt.date(2024, 1, 1) + dt.timedelta(days=r[0])).isoformat() for r in rows],
        "source": [r[1] for r in rows], "target": [r[2] for r in rows],
        "kind": [r[3] for r in rows]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net = load_network((contacts, interactions))
    ties = net.ties()
    graph = build_graph(net)
    pairs = zip(ties["u"], ties["v"], strict=True)
    assert {frozenset(edge) for edge in graph.edges} == set(map(frozenset, pairs))
    one_by_one = nx.Graph()
    one_by_one.add_nodes_from(graph.nodes(data=True))
    for row in ties.to_dict("records"):
        expected = {key: value for key, value in row.items()
                    if key not in ("u", "v") and not pd.isna(value)}
        assert graph.edges[row["u"], row["v"]] == expected
        one_by_one.add_edge(row["u"], row["v"], **expected)
    # Nodes and each node's neighbours in the order networkx itself gives them.
    assert list(graph) == list("cadb") == list(one_by_one)
    assert list(graph.edges) == list(one_by_one.edges)
    for node in graph:
        assert list(graph[node]) == list(one_by_one[node])
        assert all(graph[node][other] is graph[other][node] for other in graph[node])


def test_attributes_are_the_same_made_a_few_rows_at_a_time(monkeypatch):
    # Blocks of 2 rows: ties with and without substantive contact fall in
    # the same block and in blocks of their own.
    import refgraph.model.graph as graph_module

    net = make_network(["me", "ann", "bob", "cy", "di"], [
        (day(10), "me", "ann", "one_to_one"), (day(20), "me", "bob", "email"),
        (day(30), "ann", "bob", "email"), (day(40), "cy", "me", "call"),
        (day(50), "di", "ann", "social"), (day(60), "di", "cy", "meeting"),
        (day(70), "bob", "cy", "email")])
    whole = build_graph(net, AS_OF)
    monkeypatch.setattr(graph_module, "RECORD_BLOCK", 2)
    in_blocks = build_graph(net, AS_OF)
    assert nx.utils.graphs_equal(whole, in_blocks)
    assert [dict(whole.edges[edge]) for edge in whole.edges] == [
        dict(in_blocks.edges[edge]) for edge in whole.edges]
    assert "last_substantive" not in in_blocks.edges["me", "bob"]
    assert "last_substantive" in in_blocks.edges["me", "ann"]


def test_a_network_built_by_hand_may_name_people_its_contacts_lack():
    contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    interactions = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-01", "2024-02-01"], utc=True),
        "source": ["me", "ann"], "target": ["zed", "me"],
        "kind": pd.Categorical(["call", "email"], categories=KINDS)})
    graph = Network(contacts=contacts, interactions=interactions, settings=DEFAULTS).graph()
    assert list(graph.nodes) == ["me", "ann", "zed"]
    assert sorted(map(sorted, graph.edges)) == [["ann", "me"], ["me", "zed"]]
    assert type(graph) is nx.Graph


def test_a_graph_before_any_interaction_has_every_contact_and_no_edge():
    net = make_network(["me", "ann"], [(day(10), "me", "ann", "call")])
    graph = build_graph(net, "2020-01-01")
    assert list(graph.nodes) == ["me", "ann"] and graph.number_of_edges() == 0
    assert type(graph) is nx.Graph and dict(graph.adj) == {"me": {}, "ann": {}}


def test_the_graph_is_built_edge_by_edge_if_networkx_ignores_the_prepared_dicts(monkeypatch):
    # Should networkx stop making its dicts through the factories, the
    # prepared graph would come out empty: the builder notices and falls back.
    import refgraph.model.graph as graph_module

    class Ignoring(nx.Graph):
        def __init__(self, nodes, adjacency, **attr):
            super().__init__(**attr)

    net = make_network(["me", "ann", "bob"], [(day(10), "me", "ann", "call"),
                                              (day(20), "ann", "bob", "email")])
    expected = build_graph(net, AS_OF)
    monkeypatch.setattr(graph_module, "_PreparedGraph", Ignoring)
    fallback = build_graph(net, AS_OF)
    assert type(fallback) is nx.Graph
    assert nx.utils.graphs_equal(expected, fallback)
    assert fallback.number_of_edges() == 2
