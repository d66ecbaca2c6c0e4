"""Tests for refgraph.insight.stats: centrality, communities, brokers, the ledger, stats."""

from __future__ import annotations

import io
import json
import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from toys import make_network

from refgraph.cli import main
from refgraph.errors import ContactNotFoundError, RefgraphError
from refgraph.insight.stats import (
    LEDGER_COLUMNS,
    StatsResult,
    betweenness,
    brokers,
    centrality,
    communities,
    fading_ties,
    leaders,
    ledger,
    membership,
    monthly_activity,
    previous_month,
    stats,
    tie_graph,
)
from refgraph.io.settings import STAGES, Settings

# --------------------------------------------------------------------------- helpers


def weighted(graph: nx.Graph, strength: float = 1.0, distance: float = 1.0) -> nx.Graph:
    nx.set_edge_attributes(graph, strength, "strength")
    nx.set_edge_attributes(graph, distance, "distance")
    return graph


def assert_same(ours: pd.Series, theirs: dict) -> None:
    assert set(ours.index) == set(theirs)
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=1e-12), node


# --------------------------------------------------------------------------- betweenness


def test_star_centre_carries_every_path():
    values = betweenness(nx.star_graph(6), weight="none")
    assert values[0] == pytest.approx(1.0)
    assert values.drop(index=0).eq(0.0).all()


def test_barbell_bridge_has_the_highest_betweenness():
    graph = nx.barbell_graph(5, 1)  # two 5-cliques joined through node 5
    values = betweenness(graph)
    assert values.idxmax() == 5
    assert_same(values, nx.betweenness_centrality(graph))


@pytest.mark.parametrize("make", [nx.karate_club_graph, nx.les_miserables_graph,
                                  nx.florentine_families_graph, lambda: nx.grid_2d_graph(6, 5),
                                  lambda: nx.path_graph(40), nx.petersen_graph])
def test_exact_betweenness_equals_networkx(make):
    graph = make()
    attribute = "weight" if any("weight" in d for *_, d in graph.edges(data=True)) else "w"
    assert_same(betweenness(graph, weight=attribute),
                nx.betweenness_centrality(graph, weight=attribute))


def test_sampled_betweenness_equals_networkx_with_the_same_seed():
    graph = nx.les_miserables_graph()
    for k, seed in ((5, 1), (20, 42), (2, 7)):
        assert_same(betweenness(graph, weight="weight", k=k, seed=seed),
                    nx.betweenness_centrality(graph, k=k, weight="weight", seed=seed))


@settings(max_examples=40, deadline=None)
@given(st.integers(4, 24), st.floats(0.1, 0.6), st.integers(0, 10_000),
       st.sampled_from([None, 3]))
def test_weighted_betweenness_matches_networkx(n, p, seed, k):
    graph = nx.gnp_random_graph(n, p, seed=seed)
    rng = random.Random(seed)
    for u, v in graph.edges:
        # Small whole numbers make equally short paths common: path counting matters.
        graph[u][v]["distance"] = rng.choice([1.0, 2.0, 3.0])
    assert_same(betweenness(graph, k=k, seed=seed),
                nx.betweenness_centrality(graph, k=k, weight="distance", seed=seed))


def test_betweenness_ignores_ties_without_trust_and_handles_isolates():
    graph = nx.Graph()
    graph.add_edge("a", "b", distance=1.0)
    graph.add_edge("b", "c", distance=1.0)
    graph.add_edge("a", "c", distance=math.inf)  # trust 0: no path at all
    graph.add_node("alone")
    values = betweenness(graph)
    # b is on the only a-c path; 4 nodes -> 3 * 2 ordered pairs of others.
    assert values["b"] == pytest.approx(2 / 6)
    assert values["alone"] == 0.0


def test_betweenness_rejects_what_it_cannot_measure():
    with pytest.raises(RefgraphError, match="undirected"):
        betweenness(nx.DiGraph([(1, 2)]))
    graph = nx.path_graph(3)
    graph[0][1]["distance"] = -1.0
    with pytest.raises(RefgraphError, match="negative"):
        betweenness(graph)


def test_betweenness_of_tiny_graphs_is_zero():
    assert betweenness(nx.Graph()).empty
    assert betweenness(nx.path_graph(2)).tolist() == [0.0, 0.0]


# --------------------------------------------------------------------------- centrality, leaders


def test_centrality_samples_above_the_threshold():
    graph = weighted(nx.karate_club_graph())
    exact = centrality(graph)
    assert exact.attrs["betweenness_sample"] is None
    small = Settings(stats=Settings().stats.__class__(betweenness_exact_max_nodes=10,
                                                       betweenness_sample=8, seed=3))
    sampled = centrality(graph, settings=small)
    assert sampled.attrs["betweenness_sample"] == 8
    assert sampled["betweenness"].to_numpy() == pytest.approx(
        [nx.betweenness_centrality(graph, k=8, weight="distance", seed=3)[n] for n in graph])
    # Degree is the sum of strengths; PageRank sums to one.
    assert exact.loc[0, "degree"] == graph.degree(0)
    assert exact["pagerank"].sum() == pytest.approx(1.0)


def test_leaders_leave_out_the_owner_and_rank_highest_first():
    graph = weighted(nx.star_graph(4))
    graph.graph["owner"] = 0
    graph.add_edge(1, 2, strength=5.0, distance=0.1)
    table = leaders(graph, top=3)
    assert 0 not in set(table["id"])
    degree = table[table["measure"] == "degree"]
    assert degree["id"].tolist() == [1, 2, 3]  # 1 and 2 share the strong tie; 3 before 4 by id
    assert degree["rank"].tolist() == [1, 2, 3]
    assert degree["value"].tolist() == [6.0, 6.0, 1.0]
    assert set(table["measure"]) == {"degree", "pagerank", "betweenness"}
    everyone = leaders(graph, top=1, exclude=[])
    assert everyone.set_index("measure").loc["betweenness", "id"] == 0


# --------------------------------------------------------------------------- communities


def labelled_barbell() -> nx.Graph:
    graph = weighted(nx.barbell_graph(5, 0))
    for node in graph:
        graph.nodes[node].update(
            name=f"P{node}",
            profession="Accountant" if node < 5 else "Web designer",
            tags="member; finance" if node < 5 else "member; marketing")
    return graph


def test_communities_are_named_from_over_represented_labels():
    groups = communities(labelled_barbell())
    assert groups["size"].tolist() == [5, 5]
    names = set(groups["name"])
    # "member" is everywhere, so it names nothing; profession and tag do.
    assert names == {"accountant / finance (5)", "web designer / marketing (5)"}
    first = groups.iloc[0]
    assert first["top_professions"][0]["count"] == 5
    assert first["top_tags"] == [{"tag": "finance", "count": 5}, {"tag": "member", "count": 5}]
    assert sorted(membership(groups).index) == list(range(10))


def test_communities_leave_out_the_owner_and_people_left_alone():
    graph = labelled_barbell()
    graph.add_edge("me", 0, strength=50.0)
    graph.add_edge("me", "only-me", strength=50.0)
    graph.graph["owner"] = "me"
    members = set(membership(communities(graph)).index)
    assert "me" not in members and "only-me" not in members
    assert len(members) == 10


def test_karate_club_communities_are_plausible_and_repeatable():
    graph = weighted(nx.karate_club_graph())
    first, again = communities(graph, exclude=[]), communities(graph, exclude=[])
    assert 2 <= len(first) <= 6  # Louvain finds 3 to 4 on Zachary's club
    assert first["members"].tolist() == again["members"].tolist()
    assert first["size"].sum() == 34
    # The instructor (0) and the administrator (33) lead different groups.
    member_of = membership(first)
    assert member_of[0] != member_of[33]
    assert first["name"].str.startswith("community (").all()  # no labels to name them


def test_communities_of_an_empty_graph():
    assert communities(nx.Graph()).empty


def test_duplicate_community_names_are_told_apart():
    graph = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    weighted(graph)
    names = communities(graph, exclude=[])["name"].tolist()
    assert names == ["community (4)", "community (4) #2"]


# --------------------------------------------------------------------------- brokers


def test_barbell_bridge_is_the_broker():
    graph = labelled_barbell()
    graph.remove_edge(4, 5)
    graph.add_edge(4, "bridge", strength=1.0, distance=1.0)
    graph.add_edge("bridge", 5, strength=1.0, distance=1.0)
    graph.nodes["bridge"]["name"] = "The Bridge"
    found = brokers(graph)
    top = found.iloc[0]
    assert top["id"] == "bridge" and top["name"] == "The Bridge"
    assert top["communities"] == 2
    assert top["participation"] == pytest.approx(0.5)
    assert top["score"] == pytest.approx(0.5)  # the highest betweenness, half-half ties
    assert len(top["bridges"]) == 2
    assert found["score"].is_monotonic_decreasing


def test_people_inside_one_community_are_not_brokers():
    graph = weighted(nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4)))
    assert brokers(graph, exclude=[]).empty


def test_owner_is_not_listed_as_a_broker():
    graph = labelled_barbell()
    for node in (0, 9):
        graph.add_edge("me", node, strength=9.0, distance=0.01)
    graph.graph["owner"] = "me"
    assert "me" not in set(brokers(graph)["id"])


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


# --------------------------------------------------------------------------- stats


@pytest.fixture(scope="module")
def growing():
    """A network where April brings new ties, a referral and business."""
    rows = [
        ("2024-01-10", "me", "ann", "one_to_one"),
        ("2024-02-10", "me", "ann", "one_to_one"),
        ("2024-02-15", "ann", "bob", "meeting"),
        ("2024-03-10", "ann", "me", "referral"),
        ("2024-04-02", "me", "cat", "card"),
        ("2024-04-05", "me", "ann", "business", 300),
        ("2024-04-09", "bob", "cat", "call"),
        ("2024-04-20", "ann", "cat", "introduction"),
    ]
    contacts = [{"id": "me", "name": "Me"},
                {"id": "ann", "name": "Ann <b>", "profession": "Lawyer"},
                {"id": "bob", "name": "Bob", "profession": "Lawyer"},
                {"id": "cat", "name": "Cat", "profession": "Baker"}, {"id": "dan"}]
    return make_network(contacts, rows)


def test_stats_headline_and_changes_against_the_previous_month(growing):
    result = stats(growing, as_of="2024-04-30")
    assert isinstance(result, StatsResult)
    # me-ann, ann-bob, then in April me-cat, bob-cat and ann-cat (the introduction).
    assert (result.contacts, result.contacts_with_ties, result.ties) == (5, 4, 5)
    assert result.interactions == 8
    assert result.previous_as_of == pd.Timestamp("2024-03-31 23:59:59.999999", tz="UTC")
    changes = result.changes
    assert changes["previous_as_of"] == "2024-03-31"
    assert changes["size"]["interactions"] == 4
    assert changes["size"]["ties"] == 3
    assert changes["size"]["contacts_with_ties"] == 1
    assert changes["flows"] == {"referrals": 0, "introductions": 1, "business": 1,
                                "business_value": 300.0}
    assert sum(changes["stages"].values()) == 3
    assert set(result.flows) == {"referrals", "introductions", "business", "business_value"}
    assert "me" not in set(result.leaders["id"])
    assert result.betweenness_sample is None
    # Ranks a month earlier are reported per leader; cat had no tie then.
    cat = result.leaders[result.leaders["id"] == "cat"]
    assert cat["previous_rank"].isna().all()
    # Ann exchanged more than anyone, the owner included.
    assert result.leaders.set_index("measure").loc["degree"].iloc[0]["id"] == "ann"
    assert result.owner_centrality["degree"]["rank"] == 2


def test_stats_reports_how_the_ledger_moved_against_the_previous_month(growing):
    moved = {row["id"]: row for row in stats(growing, as_of="2024-04-30").changes["ledger"]}
    # April: me gave ann business worth 300; ann introduced cat; bob and cat only talked.
    assert set(moved) == {"me", "ann", "cat"}
    assert moved["me"]["business_given"] == 1 and moved["me"]["business_value_given"] == 300.0
    assert moved["ann"]["business_received"] == 1 and moved["ann"]["introductions_given"] == 1
    assert moved["ann"]["received_from_owner"] == 1 and moved["ann"]["referrals_given"] == 0
    # ann only gave in March (reciprocity 1); now gave 2, received 1: 1/3.
    assert moved["ann"]["reciprocity"] == pytest.approx(1 / 3 - 1)
    assert moved["cat"]["introductions_received"] == 1 and moved["cat"]["reciprocity"] is None
    assert json.loads(stats(growing, as_of="2024-04-30").to_json())["changes"]["ledger"]


def test_stats_reports_the_betweenness_sample(growing):
    small = make_network(list(growing.contacts["id"]),
                         growing.interactions.assign(date=growing.interactions["date"]
                                                     .dt.strftime("%Y-%m-%d"))
                         [["date", "source", "target", "kind"]].to_dict("records"),
                         settings={"stats": {"betweenness_exact_max_nodes": 2,
                                             "betweenness_sample": 3}})
    result = stats(small)
    assert result.betweenness_sample == 3
    assert result.to_dict()["betweenness_sample"] == 3
    assert "sampled" in result.to_text()


def test_stats_json_contract(growing):
    data = json.loads(stats(growing, as_of="2024-04-30").to_json())
    assert set(data) >= {"owner", "as_of", "size", "stages", "leaders", "betweenness_sample",
                         "brokers", "communities", "ledger", "changes"}
    assert data["owner"] == "me" and data["as_of"] == "2024-04-30"
    assert set(data["size"]) >= {"contacts", "interactions", "ties"}
    assert list(data["stages"]) == list(STAGES)
    assert set(data["leaders"]) == {"degree", "pagerank", "betweenness"}
    for rows in data["leaders"].values():
        for row in rows:
            assert {"id", "name", "value"} <= set(row)
    for community in data["communities"]:
        assert {"id", "name", "size", "members", "top_professions"} <= set(community)
    assert data["ledger"][0].keys() == set(LEDGER_COLUMNS)
    assert set(data["changes"]) >= {"size", "stages", "flows", "leaders", "brokers", "ledger"}


def test_stats_views_fit_and_escape(growing):
    result = stats(growing, as_of="2024-04-30")
    text = result.to_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    for section in ("Leaders", "Brokers", "Communities", "Ledger"):
        assert section in text
    assert "<b>" not in result._repr_html_() and "Ann &lt;b&gt;" in result._repr_html_()
    frame = result.to_frame()
    assert list(frame.columns) == ["measure", "rank", "id", "name", "value", "previous_rank"]


def test_stats_of_a_network_before_its_first_interaction(growing):
    result = stats(growing, as_of="2023-06-30")
    assert (result.ties, result.contacts_with_ties) == (0, 0)
    assert result.leaders.empty and result.communities.empty and result.ledger.empty
    assert "nothing to show" in result.to_text()
    json.loads(result.to_json())


def test_stats_without_an_owner_lists_everyone():
    net = make_network(["a", "b", "c"], [("2024-01-05", "a", "b", "referral"),
                                         ("2024-01-06", "b", "c", "one_to_one")], owner=None)
    result = stats(net)
    data = result.to_dict()
    assert data["owner"] is None and data["owner_centrality"] is None
    assert set(result.leaders["id"]) == {"a", "b", "c"}
    assert result.leaders.set_index("measure").loc["betweenness"].iloc[0]["id"] == "b"
    assert {r["id"]: r["reciprocity"] for r in data["ledger"]} == {"a": 1.0, "b": -1.0}
    assert "1 community " in result.to_text() and "owner left out" not in result.to_text()


def test_tie_graph_matches_the_full_graph(growing):
    light, full = tie_graph(growing), growing.graph()
    assert {frozenset(e) for e in light.edges} == {frozenset(e) for e in full.edges}
    assert "dan" not in light  # no tie, not in the metrics graph
    for u, v, data in light.edges(data=True):
        assert data["strength"] == pytest.approx(full[u][v]["strength"])
        assert data["distance"] == pytest.approx(full[u][v]["distance"])


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(("name", "owner"), [("consultant", "me"), ("chapter", "m01")])
def test_cli_stats_json_on_sample_networks(name, owner, capsys, request):
    path = request.getfixturevalue(f"{name}_path")
    assert main(["stats", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["owner"] == owner
    assert data["size"]["contacts"] > 30 and data["size"]["ties"] > 0
    assert sum(data["stages"].values()) == data["size"]["ties"]
    for measure in ("degree", "pagerank", "betweenness"):
        rows = data["leaders"][measure]
        assert len(rows) == 10 and owner not in {r["id"] for r in rows}
        values = [r["value"] for r in rows]
        assert values == sorted(values, reverse=True)
    assert data["communities"] and all(c["size"] >= 3 for c in data["communities"])
    members = [m for c in data["communities"] for m in c["members"]]
    assert len(members) == len(set(members)) and owner not in members
    assert data["brokers"] and data["brokers"][0]["communities"] >= 2
    ledger_rows = data["ledger"]
    assert sum(r["referrals_given"] for r in ledger_rows) == \
        sum(r["referrals_received"] for r in ledger_rows)
    assert data["changes"]["previous_as_of"] < data["as_of"]


def test_cli_stats_table_csv_and_as_of(consultant_path, capsys):
    assert main(["stats", str(consultant_path), "--as-of", "2025-06-30"]) == 0
    text = capsys.readouterr().out
    assert "as of 2025-06-30, vs 2025-05-31" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert main(["stats", str(consultant_path), "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(frame["measure"]) == {"degree", "pagerank", "betweenness", "broker"}


def test_cli_stats_unknown_owner(consultant_path, capsys):
    assert main(["stats", str(consultant_path), "--owner", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_consultant_connectors_make_sense(consultant):
    """Referral partners and the networking host lead; the host is the first broker."""
    result = stats(consultant)
    tags = consultant.contacts.set_index("id")["tags"]
    top_degree = result.leaders[result.leaders["measure"] == "degree"]["id"].head(6)
    assert tags[top_degree].str.contains("referral partner|connector").all()
    assert "connector" in tags[result.brokers["id"].iloc[0]]
    assert (result.brokers["communities"] >= 2).all()
    assert np.isfinite(result.brokers["score"]).all()
