"""Tests for refgraph.insight.centrality: betweenness (against networkx), centrality, leaders."""

from __future__ import annotations

import math
import random

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.errors import RefgraphError
from refgraph.insight.centrality import betweenness, centrality, leaders
from refgraph.io.settings import Settings

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


def test_a_tie_of_full_trust_counts_as_a_very_short_hop():
    # Length 0 (trust 1.0) is measured as 1e-6: no warning, same paths as networkx.
    graph = nx.cycle_graph(6)
    nx.set_edge_attributes(graph, 1.0, "distance")
    graph[0][1]["distance"] = 0.0
    floored = graph.copy()
    floored[0][1]["distance"] = 1e-6
    assert_same(betweenness(graph), nx.betweenness_centrality(floored, weight="distance"))
