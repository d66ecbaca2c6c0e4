"""Sampled weighted betweenness for big graphs: SciPy's Dijkstra, counted in NumPy.

Brandes' algorithm runs one single-source shortest-path search per source and
then walks the shortest-path DAG backwards, adding up each node's dependency.
igraph does both in C, but on big graphs its search is the slow half: at
scale L (300 000 people, 835 000 ties after
:func:`~refgraph.insight.kernels.shortcut_free`), one igraph betweenness
source took 0.9 s on the 2-core development machine, while SciPy's
:func:`scipy.sparse.csgraph.dijkstra` found the same distances in 0.4 s. So
for big sampled counts (see :data:`MIN_EDGES`), SciPy finds the distances
and this module counts the paths, one vectorised pass per DAG level:

1. The DAG: every arc ``u -> v`` with ``dist[u] + length == dist[v]``, to
   igraph's relative tolerance (:data:`EPSILON`), so equally short paths are
   counted alike.
2. Levels: a node's level is the most arcs on any of its shortest paths, so
   every arc climbs at least one level and a level depends only on lower ones.
3. Path counts ``sigma`` level by level upwards, dependencies ``delta``
   level by level downwards, each level with one :func:`numpy.bincount`.

A level is a few thousand nodes and a graph has tens of levels, so the counts
cost a fraction of the search (0.1 to 0.15 s per source at L). The numbers
equal igraph's to the last digit on the benchmark's networks, and the tests
cross-check both against networkx.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse
from scipy.sparse.csgraph import dijkstra

#: Relative tolerance under which two path lengths are equal: igraph's
#: (``IGRAPH_SHORTEST_PATH_EPSILON``), so both kernels count the same paths.
EPSILON = 1e-10

#: From this many edges (after the shortcut filter) sampled betweenness is
#: counted here rather than by igraph. Below it SciPy's per-call overhead and
#: the NumPy passes cost as much as igraph's whole count: at scale M (65 000
#: edges) both took about 0.03 s per source.
MIN_EDGES = 200_000

# a <= b * _WITHIN is a - b <= EPSILON * (a + b), for a, b >= 0.
_WITHIN = (1.0 + EPSILON) / (1.0 - EPSILON)


def dependencies(n: int, tails: np.ndarray, heads: np.ndarray, lengths: np.ndarray,
                 sources: list[int]) -> np.ndarray:
    """Brandes dependencies summed over ``sources``, on an undirected weighted graph.

    Parameters
    ----------
    n : int
        Number of nodes.
    tails, heads : ndarray of int
        Both ends of each edge: a simple graph, no self-loops.
    lengths : ndarray of float
        Length of each edge, positive and finite.
    sources : list of int
        The sources; each counts once, however often it is listed.

    Returns
    -------
    ndarray of float
        Per node, the number of shortest paths from the sources through it,
        each path weighted by one over the number of equally short paths
        between its ends. Each unordered pair of sources counts twice (once
        from either end), as in ordered-pair betweenness.

    Examples
    --------
    >>> dependencies(3, np.array([0, 1]), np.array([1, 2]), np.array([1.0, 1.0]), [0, 2])
    array([0., 2., 0.])
    """
    arc_tails = np.concatenate([tails, heads]).astype(np.int64, copy=False)
    arc_heads = np.concatenate([heads, tails]).astype(np.int64, copy=False)
    arc_lengths = np.concatenate([lengths, lengths]).astype(float, copy=False)
    graph = scipy.sparse.csr_array((arc_lengths, (arc_tails, arc_heads)), shape=(n, n))
    total = np.zeros(n)
    for source in dict.fromkeys(int(s) for s in sources):
        distance = dijkstra(graph, directed=True, indices=source)
        total += _one_source(n, source, distance, arc_tails, arc_heads, arc_lengths)
    return total


def _one_source(n: int, start: int, distance: np.ndarray, tails: np.ndarray,
                heads: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Dependency of every node on one source, given its distances."""
    start_distance = distance[tails]
    through = start_distance + lengths
    reached = distance[heads]
    # igraph's test |a - b| <= EPSILON * (|a| + |b|) with a = through >= b =
    # reached (SciPy's distance is the least of the same sums), in fewer passes.
    # An arc must also climb, which no arc from an unreached node does (inf < inf
    # is false): two nodes whose distances the tolerance cannot tell apart would
    # otherwise each lie on the other's path, a cycle no level order resolves.
    with np.errstate(invalid="ignore"):
        on_path = (through <= reached * _WITHIN) & (start_distance < reached)
    tails, heads = tails[on_path], heads[on_path]
    source = np.zeros(n, dtype=bool)
    source[start] = True

    level = np.zeros(n, dtype=np.int64)
    frontier_arcs = source[tails]
    levels = 0
    while frontier_arcs.any():
        levels += 1
        frontier = np.zeros(n, dtype=bool)
        frontier[heads[frontier_arcs]] = True
        level[frontier] = levels
        frontier_arcs = frontier[tails]
    order = np.argsort(level[heads], kind="stable")
    tails, heads = tails[order], heads[order]
    bounds = np.searchsorted(level[heads], np.arange(1, levels + 2))

    paths = source.astype(float)
    for step in range(levels):
        arcs = slice(bounds[step], bounds[step + 1])
        paths += np.bincount(heads[arcs], weights=paths[tails[arcs]], minlength=n)
    dependency = np.zeros(n)
    for step in range(levels - 1, -1, -1):
        arcs = slice(bounds[step], bounds[step + 1])
        upper, lower = tails[arcs], heads[arcs]
        share = paths[upper] / paths[lower] * (1.0 + dependency[lower])
        dependency += np.bincount(upper, weights=share, minlength=n)
    dependency[source] = 0.0
    return dependency
