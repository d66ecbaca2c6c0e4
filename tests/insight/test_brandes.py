"""Tests for refgraph.insight.brandes: SciPy + NumPy betweenness against networkx and igraph."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.insight import brandes, kernels
from refgraph.insight.centrality import betweenness_of_each
from refgraph.insight.kernels import graph_arrays


def weighted_edges(n: int, rows: list[tuple[int, int, float]]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    for u, v, length in rows:
        if u != v:
            graph.add_edge(u, v, distance=length)
    return graph


def ours(graph: nx.Graph, sources: list[int]) -> np.ndarray:
    arrays = graph_arrays(graph)
    return brandes.dependencies(len(arrays), arrays.tails, arrays.heads, arrays.distance,
                                sources)


def networkx_dependencies(graph: nx.Graph, sources: list[int]) -> np.ndarray:
    """Sum over the sources of networkx's per-source Brandes dependencies."""
    total = np.zeros(graph.number_of_nodes())
    for source in sources:
        # Betweenness from one source: networkx's subset betweenness with every
        # node a target counts each path once, as a single source does.
        one = nx.betweenness_centrality_subset(graph, [source], list(graph), normalized=False,
                                               weight="distance")
        total += np.array([one[node] for node in graph])
    return total * 2  # networkx halves undirected subset counts


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=2, max_value=14).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                       st.sampled_from([0.5, 1.0, 1.5, 2.0, 0.25])),
             min_size=1, max_size=35),
    st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))))
def test_dependencies_match_networkx_with_equally_short_paths(case):
    # Lengths from a small set, so many pairs have several shortest paths, and
    # some graphs fall apart: unreachable nodes add nothing.
    n, rows, sources = case
    graph = weighted_edges(n, rows)
    assert ours(graph, sources) == pytest.approx(networkx_dependencies(graph, sources),
                                                 abs=1e-9)


def test_paths_equal_to_the_tolerance_count_as_equal():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point, 0.15 + 0.15 is 0.3: both
    # routes from 0 to 3 are shortest (as igraph counts them), so each carries half.
    graph = weighted_edges(4, [(0, 1, 0.1), (1, 3, 0.2), (0, 2, 0.15), (2, 3, 0.15)])
    result = ours(graph, [0])
    assert result[1] == pytest.approx(0.5) and result[2] == pytest.approx(0.5)


def test_listing_a_source_twice_counts_it_once():
    graph = nx.path_graph(4)
    nx.set_edge_attributes(graph, 1.0, "distance")
    assert np.array_equal(ours(graph, [0, 0]), ours(graph, [0]))


def test_big_graph_kernel_gives_the_same_sampled_betweenness(monkeypatch):
    rng = random.Random(7)
    graph = nx.gnm_random_graph(300, 1200, seed=3)
    for u, v in graph.edges:
        # Sums of quarters are exact, so networkx's exact comparison sees the same
        # equally short paths as the kernels' tolerance.
        graph[u][v]["distance"] = rng.choice([0.25, 0.5, 0.75, 1.0, rng.uniform(0.1, 2.0)])
    arrays = graph_arrays(graph)
    small = betweenness_of_each([arrays], samples=[40], seed=5)[0]
    monkeypatch.setattr(brandes, "MIN_EDGES", 0)
    big = betweenness_of_each([arrays], samples=[40], seed=5)[0]
    assert big == pytest.approx(small, abs=1e-12)
    theirs = nx.betweenness_centrality(graph, k=40, seed=5, weight="distance")
    assert big == pytest.approx([theirs[node] for node in graph], abs=1e-12)


def test_exact_betweenness_stays_with_igraph(monkeypatch):
    # All sources: one SciPy search per node would cost more than igraph's count.
    graph = nx.karate_club_graph()
    nx.set_edge_attributes(graph, 1.0, "distance")
    monkeypatch.setattr(brandes, "MIN_EDGES", 0)
    calls = []
    monkeypatch.setattr(brandes, "dependencies", lambda *args: calls.append(args))
    kernels.betweenness_raw(graph_arrays(graph), None)
    assert not calls


def test_a_tie_too_short_to_tell_its_ends_apart_ends(monkeypatch):
    # Far from the source, a tie of length 1e-9 joins two nodes whose distances
    # agree to the tolerance: neither may count as the other's way in.
    graph = weighted_edges(4, [(0, 1, 100.0), (1, 2, 1e-9), (0, 3, 100.0), (3, 2, 100.0)])
    result = ours(graph, [0])
    assert np.isfinite(result).all()
    assert result[1] == pytest.approx(1.0)
