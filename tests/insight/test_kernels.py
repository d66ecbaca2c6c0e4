"""Tests for refgraph.insight.kernels: igraph kernels cross-checked against networkx."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.insight import kernels
from refgraph.insight.centrality import betweenness_of_each, centrality, tie_graph
from refgraph.insight.changes import snapshot, snapshots
from refgraph.insight.communities import communities, communities_of
from refgraph.insight.kernels import (
    graph_arrays,
    louvain,
    network_arrays,
    pagerank,
)
from refgraph.io.settings import EngineSettings, Settings
from refgraph.model.network import Network


def strengths(graph: nx.Graph, seed: int = 3) -> nx.Graph:
    """Random strengths (some zero) and the matching distances."""
    rng = random.Random(seed)
    for u, v in graph.edges:
        strength = rng.choice([0.0, 0.1, 0.5, 1.0, 2.5, 7.0])
        graph[u][v]["strength"] = strength
        graph[u][v]["distance"] = rng.uniform(0.05, 3.0)
    return graph


GRAPHS = {
    "karate": lambda: strengths(nx.karate_club_graph()),
    "les miserables": lambda: strengths(nx.les_miserables_graph(), seed=5),
    "two parts": lambda: strengths(nx.disjoint_union(nx.path_graph(4), nx.cycle_graph(5))),
    "random": lambda: strengths(nx.gnm_random_graph(120, 400, seed=2), seed=9),
}


def positive(graph: nx.Graph) -> nx.Graph:
    """The same graph without zero strengths (networkx's Louvain needs no isolated weight)."""
    for u, v in graph.edges:
        graph[u][v]["strength"] = max(graph[u][v]["strength"], 0.05)
    return graph


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_pagerank_matches_networkx(name):
    graph = GRAPHS[name]()
    ours = pagerank(graph_arrays(graph), alpha=0.85)
    theirs = nx.pagerank(graph, alpha=0.85, weight="strength", tol=1e-13, max_iter=10_000)
    assert ours == pytest.approx([theirs[node] for node in graph], abs=1e-6)


def test_pagerank_repeats_to_the_last_digit():
    arrays = graph_arrays(GRAPHS["les miserables"]())
    first = pagerank(arrays)
    random.random()  # whatever state the random module is in
    assert np.array_equal(first, pagerank(arrays))


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_exact_betweenness_matches_networkx(name):
    graph = GRAPHS[name]()
    table = centrality(graph, settings=Settings())
    theirs = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    assert table["betweenness"].to_numpy() == pytest.approx(
        [theirs[node] for node in graph], abs=1e-12)


@pytest.mark.parametrize("name", ["karate", "les miserables", "random"])
def test_louvain_modularity_is_as_good_as_networkx(name):
    graph = positive(GRAPHS[name]())
    arrays = graph_arrays(graph)
    found = louvain(arrays, np.ones(len(arrays.tails), dtype=bool), seed=42)
    ours = [set(arrays.nodes[found == c]) for c in np.unique(found)]
    assert set().union(*ours) == set(graph)
    theirs = nx.community.louvain_communities(graph, weight="strength", seed=42)
    quality = nx.community.modularity(graph, ours, weight="strength")
    assert quality >= nx.community.modularity(graph, theirs, weight="strength") - 0.02


def test_louvain_is_seeded_and_leaves_the_random_module_alone():
    graph = GRAPHS["les miserables"]()
    random.seed(7)
    expected_next = random.random()
    random.seed(7)
    first = communities(graph)
    assert random.random() == expected_next
    again = communities(graph)
    pd.testing.assert_frame_equal(first, again)


def test_network_arrays_match_the_tie_graph(consultant):
    stamp = consultant.resolve_as_of()
    ours, theirs = network_arrays(consultant, stamp), graph_arrays(tie_graph(consultant, stamp))
    assert ours.nodes.tolist() == theirs.nodes.tolist()
    assert ours.owner == theirs.owner
    pd.testing.assert_frame_equal(ours.people, theirs.people)

    def edges(arrays):
        ends = np.sort(np.column_stack([arrays.tails, arrays.heads]), axis=1)
        return sorted(zip(ends[:, 0].tolist(), ends[:, 1].tolist(),
                          arrays.strength.tolist(), arrays.distance.tolist(), strict=True))

    assert edges(ours) == edges(theirs)


def test_communities_from_arrays_equal_those_from_the_graph(consultant):
    graph = tie_graph(consultant)
    from_graph = communities(graph, settings=consultant.settings)
    from_arrays = communities_of(network_arrays(consultant), settings=consultant.settings)
    pd.testing.assert_frame_equal(from_graph, from_arrays)
    assert len(from_graph) > 1


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_snapshots_side_by_side_equal_one_at_a_time(consultant, monkeypatch, engine):
    # Force the parallel path (on a machine with spare CPUs) for a small network:
    # the month before is measured whole in a forked worker, its ties included.
    monkeypatch.setattr(kernels, "PARALLEL_MIN_WORK", 0)
    settings = consultant.settings.replace(engine=EngineSettings(name=engine))
    network = Network(consultant.contacts, consultant.interactions, settings)
    stamp = network.resolve_as_of()
    earlier = stamp - pd.Timedelta(days=60)
    together = snapshots(network, [stamp, earlier])
    for moment, alone in zip(together, (snapshot(consultant, stamp),
                                        snapshot(consultant, earlier)), strict=True):
        pd.testing.assert_frame_equal(moment.table, alone.table)
        pd.testing.assert_frame_equal(moment.groups, alone.groups)
        pd.testing.assert_frame_equal(moment.brokers, alone.brokers)
        assert (moment.as_of, moment.ties, moment.stages, moment.interactions,
                moment.contacts_with_ties) == (alone.as_of, alone.ties, alone.stages,
                                               alone.interactions, alone.contacts_with_ties)
        assert moment.flows == pytest.approx(alone.flows, abs=1e-9)
    assert together[0].ties > together[1].ties  # two different moments


def test_sampled_betweenness_is_the_same_in_parallel(monkeypatch):
    graphs = [graph_arrays(GRAPHS["random"]()), graph_arrays(GRAPHS["les miserables"]())]
    serial = betweenness_of_each(graphs, samples=[30, None], seed=4)
    monkeypatch.setattr(kernels, "PARALLEL_MIN_WORK", 0)
    parallel = betweenness_of_each(graphs, samples=[30, None], seed=4)
    for a, b in zip(serial, parallel, strict=True):
        assert np.array_equal(a, b)
    theirs = nx.betweenness_centrality(GRAPHS["random"](), k=30, seed=4, weight="distance")
    assert serial[0] == pytest.approx(list(theirs.values()), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=3, max_value=12).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                       st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 0.25])),
             min_size=2, max_size=30))))
def test_edges_a_two_hop_path_beats_carry_no_shortest_path(case):
    # Lengths from a small set, so equal-length paths (ties) are common: an edge
    # that only ties a two-hop path must stay, or the path counts would change.
    n, rows = case
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for u, v, length in rows:
        if u != v:
            graph.add_edge(u, v, distance=length, strength=1.0)
    arrays = graph_arrays(graph)
    keep = kernels.shortcut_free(n, arrays.tails, arrays.heads, arrays.distance)
    for tail, head, length, kept in zip(arrays.tails, arrays.heads, arrays.distance, keep,
                                        strict=True):
        shortest = nx.dijkstra_path_length(graph, arrays.nodes[tail], arrays.nodes[head],
                                           weight="distance")
        # Dropped: something strictly shorter exists. Kept when the edge is itself a
        # shortest path (some kept edges may be beaten by a longer detour: allowed).
        assert kept or shortest < length
        if shortest == length:
            assert kept
    ours = kernels.betweenness_raw(arrays, None)
    theirs = nx.betweenness_centrality(graph, weight="distance", normalized=False)
    assert np.allclose(ours, [theirs[node] for node in arrays.nodes], atol=1e-9)


def test_too_many_triangles_keeps_every_edge(monkeypatch):
    graph = strengths(nx.complete_graph(8))
    arrays = graph_arrays(graph)
    assert not kernels.shortcut_free(8, arrays.tails, arrays.heads, arrays.distance).all()
    monkeypatch.setattr(kernels, "MAX_TRIANGLES", 10)
    assert kernels.shortcut_free(8, arrays.tails, arrays.heads, arrays.distance).all()
