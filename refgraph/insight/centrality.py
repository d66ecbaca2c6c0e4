"""Centrality on the tie graph: weighted degree, PageRank, betweenness and the leaders.

Everything here is computed on the time-decayed tie graph (see
:mod:`refgraph.model.ties`) as it stood at one moment.

The measures
------------
**Weighted degree** (``degree``)
    The sum of a person's tie strengths: how much relationship they have.
**PageRank** (``pagerank``)
    A random walk that follows ties in proportion to their strength: high for
    people tied strongly to people who are themselves well tied.
**Betweenness** (``betweenness``)
    The share of strongest-trust paths between two other people that run
    through a person. Paths use the distance ``-ln(trust)`` of each tie, so a
    path's length is minus the log of the product of its trusts and the
    shortest path is the most trusted chain of introductions. Exact up to
    ``stats.betweenness_exact_max_nodes`` people; above that it is estimated
    from ``stats.betweenness_sample`` randomly chosen (seeded) sources, and the
    sample size is reported. Values equal
    :func:`networkx.betweenness_centrality` with ``normalized=True``; the
    shortest paths are counted by igraph's compiled Brandes kernel.

The owner is left out of the leader lists (they are at the centre of their own
network by construction); their own position is reported apart.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.insight.kernels import (
    TieArrays,
    betweenness_raw_each,
    excluded,
    graph_arrays,
    pagerank,
)
from refgraph.io.settings import Settings
from refgraph.model.network import Network

#: Centrality measures, in the order they are listed.
MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")


# --------------------------------------------------------------------------- graph


def tie_graph(network: Network, as_of: object = None) -> nx.Graph:
    """The graph of the ties as of a moment, for the metrics.

    :meth:`Network.graph` (cached, so the stats and the report build it once)
    restricted to the people who have at least one tie: contacts nobody has
    met would only add isolated nodes to every measure.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        Evaluate as of this moment; defaults to the latest interaction.

    Returns
    -------
    networkx.Graph
        A read-only view; ``G.graph`` holds ``owner`` and ``as_of``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["one_to_one"]})
    >>> G = tie_graph(refgraph.load_network((contacts, interactions)))
    >>> sorted(G), G["ann"]["me"]["stage"]
    (['ann', 'me'], 'visibility')
    """
    full = network.graph(as_of)
    return full.subgraph([node for node, degree in full.degree if degree])



def display_name(graph: nx.Graph, node: Hashable) -> str:
    """A person's ``name`` node attribute, or their id when they have none.

    Examples
    --------
    >>> G = nx.Graph(); G.add_node("ann", name="Ann"); G.add_node("bob")
    >>> display_name(G, "ann"), display_name(G, "bob")
    ('Ann', 'bob')
    """
    name = graph.nodes[node].get("name") if node in graph else None
    return str(name) if isinstance(name, str) and name else str(node)


# --------------------------------------------------------------------------- centrality


def sampled_betweenness(arrays: TieArrays, *, k: int | None = None,
                        seed: int | None = None) -> np.ndarray:
    """Normalised betweenness over ``arrays.distance``, exact or from ``k`` sources.

    The numbers of :func:`betweenness`, on :class:`~refgraph.insight.kernels.TieArrays`.

    Examples
    --------
    >>> G = nx.star_graph(3); nx.set_edge_attributes(G, 1.0, "distance")
    >>> sampled_betweenness(graph_arrays(G)).tolist()
    [1.0, 0.0, 0.0, 0.0]
    """
    return betweenness_of_each([arrays], samples=[k], seed=seed)[0]


def betweenness_of_each(graphs: Sequence[TieArrays], *, samples: Sequence[int | None],
                        seed: int | None = None) -> list[np.ndarray]:
    """:func:`sampled_betweenness` of several graphs, side by side on several CPUs.

    Parameters
    ----------
    graphs : sequence of TieArrays
        The graphs (for the stats, the network now and a month earlier).
    samples : sequence of int or None
        Sources sampled in each graph (``None``: exact).
    seed : int, optional
        Seed of every source sample.

    Returns
    -------
    list of ndarray
        Normalised betweenness per node of each graph; the same numbers
        whether computed in turn or at once (see
        :func:`~refgraph.insight.kernels.betweenness_raw_each`).

    Examples
    --------
    >>> G = nx.star_graph(3); nx.set_edge_attributes(G, 1.0, "distance")
    >>> [v.tolist() for v in betweenness_of_each([graph_arrays(G)] * 2, samples=[None, 2],
    ...                                          seed=1)]
    [[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]]
    """
    jobs, chosen = [], []
    for arrays, k in zip(graphs, samples, strict=True):
        if np.any(arrays.distance < 0):
            raise RefgraphError("betweenness: edge length (distance) is negative")
        nodes = list(arrays.nodes)
        sources = None
        if k is not None and k < len(nodes) and len(nodes) >= 3:
            # The same sources networkx samples for this seed, so the estimates agree.
            position = {node: i for i, node in enumerate(nodes)}
            sources = [position[node]
                       for node in random.Random(seed).sample(nodes, max(2, int(k)))]
        chosen.append(sources)
        jobs.append((arrays, sources))
    results = []
    for arrays, sources, raw in zip(graphs, chosen, betweenness_raw_each(jobs), strict=True):
        n = len(arrays)
        if n < 3:
            results.append(np.zeros(n))
            continue
        # igraph counts each unordered pair once; networkx normalises by the ordered
        # (source, target) pairs that could route through each node, endpoints
        # excluded: a sampled source lies only on the other sources' paths.
        others = n - 1
        if sources is None:
            results.append(raw * (2.0 / (others * (others - 1))))
            continue
        count = len(sources)
        is_source = np.zeros(n, dtype=bool)
        is_source[sources] = True
        results.append(raw * (2.0 / np.where(is_source, (count - 1) * (others - 1),
                                             count * (others - 1))))
    return results


def betweenness(
    graph: nx.Graph, *, weight: str = "distance", k: int | None = None, seed: int | None = None
) -> pd.Series:
    """Normalised shortest-path betweenness of every node, exact or sampled.

    Returns the same numbers as ``networkx.betweenness_centrality(graph, k=k,
    normalized=True, weight=weight, seed=seed)`` (the same sources are
    sampled for the same seed), counted by igraph's compiled Brandes kernel:
    tens of times faster than networkx on large graphs. Paths whose lengths
    agree to 10 significant digits count as equally short, and lengths below
    ``1e-6`` (a tie of trust 1.0) count as ``1e-6``.

    Parameters
    ----------
    graph : networkx.Graph
        Undirected graph; edges without ``weight`` have length 1, edges of
        infinite length are no path at all.
    weight : str
        Edge attribute holding the length (for refgraph ties, ``distance`` =
        ``-ln trust``).
    k : int, optional
        Estimate from ``k`` sampled sources (at least 2); ``None`` or
        ``k >= n`` computes it exactly.
    seed : int, optional
        Seed of the source sample.

    Returns
    -------
    Series
        Betweenness per node, indexed by node, in graph order.

    Raises
    ------
    RefgraphError
        For a directed graph, a multigraph or a negative length.

    Examples
    --------
    >>> betweenness(nx.star_graph(4)).round(3).to_dict()
    {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    >>> betweenness(nx.path_graph(3), k=2, seed=1).round(3).to_dict()
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if graph.is_directed() or graph.is_multigraph():
        raise RefgraphError("betweenness needs an undirected simple graph (like network.graph())")
    arrays = graph_arrays(graph, distance=weight)
    try:
        values = sampled_betweenness(arrays, k=k, seed=seed)
    except RefgraphError:
        raise RefgraphError(
            f"betweenness: edge attribute {weight!r} has a negative length") from None
    return pd.Series(values, index=pd.Index(arrays.nodes, dtype=object), name="betweenness")


def centrality(graph: nx.Graph, *, settings: Settings | None = None) -> pd.DataFrame:
    """Weighted degree, PageRank and betweenness of every node.

    Parameters
    ----------
    graph : networkx.Graph
        A tie graph (:meth:`Network.graph` or :func:`tie_graph`) with
        ``strength`` and ``distance`` edge attributes.
    settings : Settings, optional
        ``stats.pagerank_alpha``, ``stats.betweenness_exact_max_nodes``,
        ``stats.betweenness_sample`` and ``stats.seed``.

    Returns
    -------
    DataFrame
        Indexed by node id: ``name``, ``degree`` (sum of strengths),
        ``pagerank`` (weighted by strength) and ``betweenness`` (distance =
        ``-ln trust``). ``frame.attrs["betweenness_sample"]`` is the number
        of sampled sources, or ``None`` when betweenness is exact.

    Examples
    --------
    >>> G = nx.star_graph(3)
    >>> nx.set_edge_attributes(G, 1.0, "strength"); nx.set_edge_attributes(G, 0.5, "distance")
    >>> table = centrality(G)
    >>> table["degree"].tolist(), table["betweenness"].tolist()
    ([3.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 0.0])
    """
    return centrality_of(graph_arrays(graph), settings=settings)


def centrality_of(arrays: TieArrays, *, settings: Settings | None = None) -> pd.DataFrame:
    """:func:`centrality` of a graph given as :class:`~refgraph.insight.kernels.TieArrays`.

    Several graphs share the CPUs through
    :func:`~refgraph.insight.changes.graph_measures`, one graph per process.

    Examples
    --------
    >>> G = nx.path_graph(3); nx.set_edge_attributes(G, 1.0, "strength")
    >>> centrality_of(graph_arrays(G))["degree"].tolist()
    [1.0, 2.0, 1.0]
    """
    options = (settings or Settings()).stats
    frame = pd.DataFrame(index=pd.Index(arrays.nodes, dtype=object, name="id"))
    frame["name"] = arrays.people["name"].to_numpy(dtype=object)
    frame["degree"] = arrays.degree()
    frame["pagerank"] = pagerank(arrays, alpha=options.pagerank_alpha)
    sample = betweenness_sample(arrays, settings)
    frame["betweenness"] = sampled_betweenness(arrays, k=sample, seed=options.seed)
    frame.attrs["betweenness_sample"] = sample
    return frame


def betweenness_sample(arrays: TieArrays | int, settings: Settings | None = None) -> int | None:
    """Sources sampled for betweenness: ``None`` (exact) up to ``betweenness_exact_max_nodes``.

    ``arrays`` is a tie graph's arrays, or its number of nodes.

    Examples
    --------
    >>> betweenness_sample(graph_arrays(nx.path_graph(3))) is None
    True
    >>> betweenness_sample(300_000)
    200
    """
    options = (settings or Settings()).stats
    nodes = arrays if isinstance(arrays, int) else len(arrays)
    if nodes > options.betweenness_exact_max_nodes:
        return min(nodes, max(2, options.betweenness_sample))
    return None


def leaders(
    graph: nx.Graph,
    *,
    settings: Settings | None = None,
    top: int | None = None,
    exclude: object = None,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The people who lead on each centrality measure.

    Parameters
    ----------
    graph : networkx.Graph
        A tie graph.
    settings : Settings, optional
        ``stats.top`` and the centrality settings.
    top : int, optional
        Leaders per measure (default ``stats.top``).
    exclude : id or collection of ids, optional
        People not listed; by default the graph's owner (``G.graph["owner"]``).
    table : DataFrame, optional
        A :func:`centrality` table of this graph, to avoid computing it again.

    Returns
    -------
    DataFrame
        Long format, one row per measure and rank: ``measure`` (``degree``,
        ``pagerank``, ``betweenness``), ``rank`` (1 = highest), ``id``,
        ``name``, ``value``. Ties in value are ranked by id.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 1)
    >>> nx.set_edge_attributes(G, 1.0, "strength"); nx.set_edge_attributes(G, 1.0, "distance")
    >>> leaders(G, top=1).set_index("measure").loc[["degree", "betweenness"], "id"].to_dict()
    {'degree': 2, 'betweenness': 3}
    """
    options = (settings or Settings()).stats
    limit = options.top if top is None else top
    table = centrality(graph, settings=settings) if table is None else table
    return top_per_measure(table, left_out(graph, exclude), limit)


def top_per_measure(table: pd.DataFrame, leave_out: set, limit: int) -> pd.DataFrame:
    """The top ``limit`` rows of a :func:`centrality` table per measure, long format.

    Parameters
    ----------
    table : DataFrame
        A :func:`centrality` table.
    leave_out : set
        Ids not listed.
    limit : int
        Rows per measure.

    Returns
    -------
    DataFrame
        ``measure``, ``rank`` (1 = highest), ``id``, ``name``, ``value``.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["A", "B"], "degree": [1.0, 2.0], "pagerank": [0.5, 0.5],
    ...                       "betweenness": [0.0, 0.0]}, index=["a", "b"])
    >>> top_per_measure(table, {"b"}, 1)[["measure", "id"]].to_dict("list")
    {'measure': ['degree', 'pagerank', 'betweenness'], 'id': ['a', 'a', 'a']}
    """
    table = table.drop(index=list(leave_out), errors="ignore")
    rows = []
    for measure in MEASURES:
        best = ranked(table, measure).head(limit)
        rows.append(pd.DataFrame({
            "measure": measure,
            "rank": np.arange(1, len(best) + 1),
            "id": best.index.to_numpy(dtype=object),
            "name": best["name"].to_numpy(dtype=object),
            "value": best[measure].to_numpy(dtype=float),
        }))
    return pd.concat(rows, ignore_index=True)


def ranked(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Rows sorted by ``measure`` (highest first), ties broken by id.

    Examples
    --------
    >>> ranked(pd.DataFrame({"degree": [1.0, 2.0, 2.0]}, index=["c", "b", "a"]),
    ...        "degree").index.tolist()
    ['a', 'b', 'c']
    """
    if table.empty:
        return table
    values = table[measure].to_numpy(dtype=float)
    order = np.lexsort((table.index.astype(str).to_numpy(), -values))
    return table.iloc[order]


def left_out(graph: nx.Graph, exclude: object) -> set:
    """The people a listing leaves out: ``exclude``, or by default the graph's owner.

    Examples
    --------
    >>> G = nx.Graph(owner="me")
    >>> left_out(G, None), left_out(G, "ann"), left_out(G, [])
    ({'me'}, {'ann'}, set())
    """
    return excluded(graph.graph.get("owner"), exclude)
