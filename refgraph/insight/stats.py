"""Network metrics: size, stages, leaders, brokers, communities, the ledger.

"Where does my business come from, and who are the connectors?" Everything here
is computed on the time-decayed tie graph (see :mod:`refgraph.model.ties`) as it
stood at one moment, ``as_of``, and compared with the same numbers one
calendar month earlier.

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
    :func:`networkx.betweenness_centrality` with ``normalized=True``.
**Communities**
    Louvain communities (:func:`networkx.community.louvain_communities`,
    weighted by strength, seeded) of the people who have ties, **without the
    owner**: the owner is tied to everyone, so with them in the graph one
    giant community swallows the rest. Each community is named from the
    professions and tags over-represented among its members.
**Brokers**
    People who bridge communities. A broker's score is their *participation
    coefficient* (Guimerà and Amaral): ``1 - sum_c (s_c / s)^2`` where ``s_c``
    is the strength of their ties into community ``c`` and ``s`` the total
    over all communities (0 when all ties stay in one community, near 1 when
    spread evenly over many), multiplied by their betweenness relative to the
    highest betweenness among contacts (so someone merely touching two groups
    with weak ties, which no trusted path uses, scores low). Only people with
    ties into at least ``stats.broker_min_communities`` communities are brokers.
**The ledger**
    Social capital per contact: referrals, introductions and business given
    and received (counts), business value given and received (a ``business``
    interaction's ``value``, from the one who gave the business to the one who
    received it) and *reciprocity*, ``(given - received) / (given + received)``
    over those counts: +1 for someone who only gives, -1 for someone who only
    receives, 0 for a balanced exchange.

The owner is left out of the leader and broker lists (they are at the centre of
their own network by construction); their own position is reported apart.
"""

from __future__ import annotations

import html
import random
import textwrap
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.settings import STAGES, Settings, StatsSettings
from refgraph.io.text import split_list
from refgraph.model.network import Network
from refgraph.results import Result, format_date, json_ready
from refgraph.show.tables import text_table

#: Centrality measures, in the order they are listed.
MEASURES: tuple[str, ...] = ("degree", "pagerank", "betweenness")

#: Ledger columns, in the order of the JSON contract.
LEDGER_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "referrals_given",
    "referrals_received",
    "introductions_given",
    "introductions_received",
    "business_given",
    "business_received",
    "business_value_given",
    "business_value_received",
    "reciprocity",
    "given_to_owner",
    "received_from_owner",
)

# Two shortest-path lengths closer than this (relative) are treated as equal, so
# rounding in long sums does not hide a tie between two equally trusted paths.
_EQUAL_PATHS = 1e-12
# Distances are floored here: a tie of trust 1.0 (after rounding) still has a
# length, so that sparse matrices do not drop it as "no edge".
_MIN_DISTANCE = 1e-12
# Elements (sources x directed edges) compared at once in betweenness: about
# 64 MB per float array, which keeps memory flat at any network size.
_BATCH_ELEMENTS = 8_000_000


def _stats_settings(settings: Settings | None) -> StatsSettings:
    return (settings or Settings()).stats


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


def _name(graph: nx.Graph, node: Any) -> str:
    name = graph.nodes[node].get("name") if node in graph else None
    return str(name) if isinstance(name, str) and name else str(node)


# --------------------------------------------------------------------------- centrality


def _expand_ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenate ``range(start, start + count)`` for each pair, vectorised."""
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    return np.repeat(starts - offsets, counts) + np.arange(total, dtype=np.int64)


def _dependencies(matrix, tails, heads, lengths, batch, n_nodes) -> np.ndarray:
    """Brandes' pair dependencies summed over a batch of sources.

    For every source in ``batch``: Dijkstra distances (SciPy, compiled), the
    shortest-path DAG (edges ``u -> v`` with ``d(u) + w = d(v)``), path counts
    ``sigma`` pushed forward and dependencies ``delta`` pulled back through
    that DAG in Kahn order, one vectorised step per layer for all sources of
    the batch at once.
    """
    from scipy.sparse.csgraph import dijkstra

    size = len(batch) * n_nodes
    # One row per node, one column per source: gathering rows by edge end is
    # cache-friendly. Unreachable is NaN, so every comparison with it is False.
    dist = dijkstra(matrix, directed=True, indices=batch).T.copy()
    dist[np.isinf(dist)] = np.nan
    via = dist[tails]
    via += lengths[:, None]
    reach = dist[heads]
    reach *= 1.0 + _EQUAL_PATHS
    edges, rows = np.nonzero(via <= reach)
    del dist, via, reach
    pu = rows.astype(np.int64) * n_nodes + tails[edges]
    pv = rows.astype(np.int64) * n_nodes + heads[edges]
    order = np.argsort(pu, kind="stable")
    pu, pv = pu[order], pv[order]
    out_start = np.searchsorted(pu, np.arange(size + 1, dtype=np.int64))
    out_count = np.diff(out_start)
    waiting = np.bincount(pv, minlength=size)

    sigma = np.zeros(size)
    roots = np.arange(len(batch), dtype=np.int64) * n_nodes + batch
    sigma[roots] = 1.0
    layers = []
    frontier = roots
    while frontier.size:
        index = _expand_ranges(out_start[frontier], out_count[frontier])
        if index.size == 0:
            break
        tail, head = pu[index], pv[index]
        np.add.at(sigma, head, sigma[tail])
        np.subtract.at(waiting, head, 1)
        layers.append((tail, head))
        frontier = np.unique(head[waiting[head] == 0])

    delta = np.zeros(size)
    for tail, head in reversed(layers):
        np.add.at(delta, tail, sigma[tail] / sigma[head] * (1.0 + delta[head]))
    delta[roots] = 0.0
    return delta.reshape(len(batch), n_nodes).sum(axis=0)


def betweenness(
    graph: nx.Graph, *, weight: str = "distance", k: int | None = None, seed: int | None = None
) -> pd.Series:
    """Normalised shortest-path betweenness of every node, exact or sampled.

    Returns the same numbers as ``networkx.betweenness_centrality(graph, k=k,
    normalized=True, weight=weight, seed=seed)`` (the same sources are
    sampled for the same seed), computed with SciPy's compiled Dijkstra and
    vectorised dependency accumulation: tens of times faster on large graphs.
    Paths whose lengths agree to 12 significant digits count as equally short.

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
    from scipy.sparse import csr_array

    if graph.is_directed() or graph.is_multigraph():
        raise RefgraphError("betweenness needs an undirected simple graph (like network.graph())")
    nodes = list(graph)
    n = len(nodes)
    result = pd.Series(np.zeros(n), index=pd.Index(nodes, dtype=object), name="betweenness")
    if n < 3:
        return result
    sources: list | None = None
    if k is not None and k < n:
        sources = random.Random(seed).sample(nodes, max(2, int(k)))

    position = {node: i for i, node in enumerate(nodes)}
    edges = [(position[u], position[v], length)
             for u, v, length in graph.edges(data=weight, default=1.0) if u != v]
    if not edges:
        return result
    u, v, length = (np.asarray(column) for column in zip(*edges, strict=True))
    length = length.astype(float)
    if np.any(length < 0):
        raise RefgraphError(f"betweenness: edge attribute {weight!r} has a negative length")
    usable = np.isfinite(length)
    u, v = u[usable].astype(np.int64), v[usable].astype(np.int64)
    length = np.maximum(length[usable], _MIN_DISTANCE)
    tails, heads = np.concatenate([u, v]), np.concatenate([v, u])
    lengths = np.concatenate([length, length])
    matrix = csr_array((lengths, (tails, heads)), shape=(n, n))

    chosen = (np.arange(n, dtype=np.int64) if sources is None
              else np.array([position[s] for s in sources], dtype=np.int64))
    per_batch = max(1, _BATCH_ELEMENTS // max(1, len(tails)))
    raw = np.zeros(n)
    for start in range(0, len(chosen), per_batch):
        raw += _dependencies(matrix, tails, heads, lengths, chosen[start:start + per_batch], n)

    # Normalise as networkx does (endpoints excluded): divide by the number of
    # ordered (source, target) pairs that could route through each node.
    others = n - 1
    if sources is None:
        raw /= others * (others - 1)
    else:
        sampled = np.zeros(n, dtype=bool)
        sampled[chosen] = True
        count = len(chosen)
        raw /= np.where(sampled, (count - 1) * (others - 1), count * (others - 1))
    result[:] = raw
    return result


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
    options = _stats_settings(settings)
    nodes = list(graph)
    frame = pd.DataFrame(index=pd.Index(nodes, dtype=object, name="id"))
    frame["name"] = [_name(graph, node) for node in nodes]
    degree = dict(graph.degree(weight="strength"))
    frame["degree"] = np.array([float(degree[node]) for node in nodes], dtype=float)
    if nodes:
        ranks = nx.pagerank(graph, alpha=options.pagerank_alpha, weight="strength")
        frame["pagerank"] = np.array([ranks[node] for node in nodes], dtype=float)
    else:
        frame["pagerank"] = np.array([], dtype=float)
    sample = None
    if len(nodes) > options.betweenness_exact_max_nodes:
        sample = min(len(nodes), max(2, options.betweenness_sample))
    frame["betweenness"] = betweenness(graph, weight="distance", k=sample,
                                       seed=options.seed).to_numpy()
    frame.attrs["betweenness_sample"] = sample
    return frame


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
    options = _stats_settings(settings)
    limit = options.top if top is None else top
    table = centrality(graph, settings=settings) if table is None else table
    return _leaders_from_table(table, _excluded(graph, exclude), limit)


def _leaders_from_table(table: pd.DataFrame, left_out: set, limit: int) -> pd.DataFrame:
    """The top ``limit`` rows of a centrality table per measure, long format."""
    table = table.drop(index=list(left_out), errors="ignore")
    rows = []
    for measure in MEASURES:
        ranked = _ranked(table, measure).head(limit)
        rows.append(pd.DataFrame({
            "measure": measure,
            "rank": np.arange(1, len(ranked) + 1),
            "id": ranked.index.to_numpy(dtype=object),
            "name": ranked["name"].to_numpy(dtype=object),
            "value": ranked[measure].to_numpy(dtype=float),
        }))
    return pd.concat(rows, ignore_index=True)


def _ranked(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Rows sorted by ``measure`` (highest first), ties broken by id."""
    if table.empty:
        return table
    values = table[measure].to_numpy(dtype=float)
    order = np.lexsort((table.index.astype(str).to_numpy(), -values))
    return table.iloc[order]


def _excluded(graph: nx.Graph, exclude: object) -> set:
    if exclude is None:
        owner = graph.graph.get("owner")
        return set() if owner is None else {owner}
    if isinstance(exclude, str) or not hasattr(exclude, "__iter__"):
        return {exclude}
    return set(exclude)


# --------------------------------------------------------------------------- communities


def _labels_of(value: object) -> list[str]:
    if isinstance(value, list | tuple | set):
        return [str(v).strip() for v in value if str(v).strip()]
    return split_list(value)


def _member_labels(graph: nx.Graph, nodes) -> pd.DataFrame:
    """One row per person and label (profession or tag), compared case-insensitively.

    Returns
    -------
    DataFrame
        ``person``, ``attribute`` (``profession`` or ``tags``), ``key`` (the
        label case-folded) and ``label`` (as written).
    """
    rows = []
    for node in nodes:
        data = graph.nodes[node]
        for attribute in ("profession", "tags"):
            seen = set()
            for label in _labels_of(data.get(attribute)):
                key = label.casefold()
                if key not in seen:
                    seen.add(key)
                    rows.append((node, attribute, key, label))
    return pd.DataFrame(rows, columns=["person", "attribute", "key", "label"])


def _community_names(labels: pd.DataFrame, sizes: pd.Series, how_many: int) -> dict:
    """The labels most over-represented in each community, most distinctive first.

    A label's *excess* in a community is how many more members carry it than
    chance would give: ``count - count_in_network * size / network_size``. A
    label every community shares ("member") has no excess; a label
    concentrated in one community ("property team") has a large one. A label
    must be carried by two members (one in communities of three or fewer). On a
    tie, professions come before tags, then alphabetical order.

    Parameters
    ----------
    labels : DataFrame
        :func:`_member_labels` rows with a ``community`` column.
    sizes : Series
        Members per community id.
    how_many : int
        Labels per name.

    Returns
    -------
    dict
        Community id to its list of labels (lower case).
    """
    if labels.empty:
        return {}
    carried = labels.drop_duplicates(["person", "key"])
    spelling = carried.groupby(["key", "label"]).size().reset_index(name="n")
    spelling = spelling.sort_values(["key", "n", "label"], ascending=[True, False, True])
    usual = spelling.drop_duplicates("key").set_index("key")["label"].str.casefold()
    in_network = carried.groupby("key").size()
    scored = carried.groupby(["community", "key"]).size().reset_index(name="count")
    size = sizes.reindex(scored["community"]).to_numpy(dtype=float)
    expected = in_network.reindex(scored["key"]).to_numpy(dtype=float) * size / sizes.sum()
    scored["excess"] = scored["count"].to_numpy() - expected
    minimum = np.where(size >= 4, 2, 1)
    scored = scored[(scored["excess"] > 0) & (scored["count"].to_numpy() >= minimum)]
    # On a tie a profession names a group better than a tag.
    professions = carried.loc[carried["attribute"] == "profession", "key"].unique()
    scored = scored.assign(tag_only=~scored["key"].isin(professions))
    scored = scored.sort_values(["community", "excess", "count", "tag_only", "key"],
                                ascending=[True, False, False, True, True])
    best = scored.groupby("community").head(how_many)
    return {community: [usual[key] for key in keys]
            for community, keys in best.groupby("community")["key"]}


def _top_labels(labels: pd.DataFrame, attribute: str, field: str) -> dict:
    """Most common labels of one attribute per community, as ``{field, count}`` lists."""
    part = labels[labels["attribute"] == attribute]
    if part.empty:
        return {}
    spelling = part.groupby(["key", "label"]).size().reset_index(name="n")
    spelling = spelling.sort_values(["key", "n", "label"], ascending=[True, False, True])
    usual = spelling.drop_duplicates("key").set_index("key")["label"]
    counted = part.groupby(["community", "key"]).size().reset_index(name="count")
    counted = counted.sort_values(["community", "count", "key"],
                                  ascending=[True, False, True])
    counted = counted.groupby("community").head(5)
    return {community: [{field: usual[key], "count": int(count)}
                        for key, count in zip(group["key"], group["count"], strict=True)]
            for community, group in counted.groupby("community")}


def communities(
    graph: nx.Graph, *, settings: Settings | None = None, exclude: object = None
) -> pd.DataFrame:
    """Louvain communities of the tie graph, each named from its professions and tags.

    Parameters
    ----------
    graph : networkx.Graph
        A tie graph with a ``strength`` edge attribute and ``name``,
        ``profession`` and ``tags`` node attributes (when known).
    settings : Settings, optional
        ``stats.seed``, ``stats.louvain_resolution`` and
        ``stats.community_name_labels``.
    exclude : id or collection of ids, optional
        People left out of the detection; by default the graph's owner, whose
        ties to everyone would blur every boundary. People left without any
        tie are not in any community.

    Returns
    -------
    DataFrame
        One row per community, largest first: ``id`` (1, 2, ...), ``name``
        (e.g. ``"accountant / bookkeeper (23)"``, the labels most
        over-represented among members), ``size``, ``members`` (list of ids,
        highest weighted degree inside the community first),
        ``top_professions`` and ``top_tags`` (lists of ``{"profession"|"tag",
        "count"}``, most common first).

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> nx.set_edge_attributes(G, 1.0, "strength")
    >>> for node in G:
    ...     G.nodes[node]["profession"] = "plumber" if node < 4 else "lawyer"
    >>> communities(G)[["id", "name", "size"]].to_dict("records")
    [{'id': 1, 'name': 'plumber (4)', 'size': 4}, {'id': 2, 'name': 'lawyer (4)', 'size': 4}]
    """
    options = _stats_settings(settings)
    columns = ["id", "name", "size", "members", "top_professions", "top_tags"]
    left_out = _excluded(graph, exclude)
    core = nx.Graph()
    core.add_weighted_edges_from(
        ((u, v, w) for u, v, w in graph.edges(data="strength", default=1.0)
         if u not in left_out and v not in left_out and u != v),
        weight="strength",
    )
    if core.number_of_nodes() == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    found = nx.community.louvain_communities(core, weight="strength", seed=options.seed,
                                             resolution=options.louvain_resolution)
    inside = dict(core.degree(weight="strength"))
    found = sorted(found, key=lambda group: (-len(group), min(str(m) for m in group)))

    ids = pd.Series(np.arange(1, len(found) + 1), name="community")
    member_of = pd.Series(np.repeat(ids.to_numpy(), [len(g) for g in found]),
                          index=pd.Index([m for g in found for m in g], dtype=object))
    labels = _member_labels(graph, member_of.index)
    labels["community"] = member_of.reindex(labels["person"].to_numpy()).to_numpy()
    sizes = pd.Series([len(g) for g in found], index=ids.to_numpy())
    names = _community_names(labels, sizes, options.community_name_labels)
    professions = _top_labels(labels, "profession", "profession")
    tags = _top_labels(labels, "tags", "tag")

    rows = []
    used: dict[str, int] = {}
    for number, group in zip(ids, found, strict=True):
        members = sorted(group, key=lambda m: (-inside[m], str(m)))
        picked = names.get(number, [])
        name = f"{' / '.join(picked) if picked else 'community'} ({len(members)})"
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:  # keep names unique: they label chart legends and colours
            name = f"{name} #{used[name]}"
        rows.append({"id": int(number), "name": name, "size": len(members),
                     "members": members, "top_professions": professions.get(number, []),
                     "top_tags": tags.get(number, [])})
    return pd.DataFrame(rows, columns=columns)


def membership(groups: pd.DataFrame) -> pd.Series:
    """Community id of each member, from a :func:`communities` frame.

    Examples
    --------
    >>> membership(pd.DataFrame({"id": [1, 2], "members": [["a", "b"], ["c"]]})).to_dict()
    {'a': 1, 'b': 1, 'c': 2}
    """
    if groups.empty:
        return pd.Series(dtype=np.int64, name="community")
    exploded = groups[["id", "members"]].explode("members")
    return pd.Series(exploded["id"].to_numpy(dtype=np.int64),
                     index=pd.Index(exploded["members"].to_numpy(dtype=object)),
                     name="community")


def brokers(
    graph: nx.Graph,
    *,
    settings: Settings | None = None,
    groups: pd.DataFrame | None = None,
    table: pd.DataFrame | None = None,
    top: int | None = None,
    exclude: object = None,
) -> pd.DataFrame:
    """People who bridge communities: participation coefficient x relative betweenness.

    Parameters
    ----------
    graph : networkx.Graph
        A tie graph.
    settings : Settings, optional
        ``stats.broker_min_communities``, ``stats.top`` and the community and
        centrality settings.
    groups : DataFrame, optional
        :func:`communities` of this graph (computed if not given).
    table : DataFrame, optional
        :func:`centrality` of this graph (computed if not given).
    top : int, optional
        How many brokers to list (default ``stats.top``).
    exclude : id or collection of ids, optional
        People not listed; by default the graph's owner.

    Returns
    -------
    DataFrame
        Best broker first: ``id``, ``name``, ``score`` (participation x
        betweenness / highest betweenness among listed candidates, in [0, 1]),
        ``participation`` (``1 - sum_c (s_c / s)^2`` over the strength ``s_c``
        of ties into each community), ``betweenness``, ``communities`` (how
        many communities they have ties into), ``community`` (the name of
        their own) and ``bridges`` (names of the communities they are tied
        into, strongest first).

    Examples
    --------
    The bridge node of a barbell graph joins its two bells:

    >>> G = nx.barbell_graph(4, 1)
    >>> nx.set_edge_attributes(G, 1.0, "strength"); nx.set_edge_attributes(G, 1.0, "distance")
    >>> brokers(G)[["id", "communities"]].head(1).to_dict("records")
    [{'id': 4, 'communities': 2}]
    """
    options = _stats_settings(settings)
    limit = options.top if top is None else top
    columns = ["id", "name", "score", "participation", "betweenness", "communities",
               "community", "bridges"]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    groups = communities(graph, settings=settings, exclude=exclude) if groups is None else groups
    if groups.empty or graph.number_of_edges() == 0:
        return empty
    table = centrality(graph, settings=settings) if table is None else table
    member_of = membership(groups)
    names = dict(zip(groups["id"], groups["name"], strict=True))

    ends = [(u, v, w) for u, v, w in graph.edges(data="strength", default=1.0) if u != v]
    u, v, w = (np.asarray(column, dtype=object) for column in zip(*ends, strict=True))
    both = pd.DataFrame({"person": np.concatenate([u, v]),
                         "other": np.concatenate([v, u]),
                         "strength": np.concatenate([w, w]).astype(float)})
    both["community"] = member_of.reindex(both["other"].to_numpy()).to_numpy()
    both = both.dropna(subset=["community"])
    left_out = _excluded(graph, exclude)
    both = both[~both["person"].isin(left_out)]
    if both.empty:
        return empty
    per = both.groupby(["person", "community"], sort=False)["strength"].sum().reset_index()
    total = per.groupby("person")["strength"].transform("sum")
    per["share"] = per["strength"] / total
    per = per.sort_values(["person", "strength"], ascending=[True, False])
    participation = 1.0 - (per["share"] ** 2).groupby(per["person"]).sum()
    touched = per.groupby("person").size()

    frame = pd.DataFrame({"participation": participation, "communities": touched})
    frame = frame[frame["communities"] >= options.broker_min_communities]
    candidates = table.drop(index=list(left_out), errors="ignore")["betweenness"]
    top_betweenness = float(candidates.max()) if len(candidates) else 0.0
    frame["betweenness"] = candidates.reindex(frame.index).fillna(0.0).to_numpy()
    scale = top_betweenness if top_betweenness > 0 else 1.0
    frame["score"] = frame["participation"] * frame["betweenness"] / scale
    frame = frame[frame["score"] > 0]
    if frame.empty:
        return empty
    frame["id"] = frame.index.to_numpy(dtype=object)
    frame["name"] = [_name(graph, person) for person in frame.index]
    frame["community"] = [names.get(int(c)) if pd.notna(c) else None
                          for c in member_of.reindex(frame.index).to_numpy()]
    frame["sort_id"] = frame.index.astype(str)
    frame = frame.sort_values(["score", "sort_id"], ascending=[False, True]).head(limit)
    listed = per[per["person"].isin(frame.index)]
    bridged = listed.groupby("person", sort=False)["community"].agg(list)
    frame["bridges"] = [[names[int(c)] for c in bridged[person]] for person in frame.index]
    return frame[columns].reset_index(drop=True).astype(
        {"communities": np.int64, "score": float, "participation": float,
         "betweenness": float})


# --------------------------------------------------------------------------- ledger


def _names(network: Network, ids) -> np.ndarray:
    lookup = network.contacts.set_index("id")["name"]
    ids = pd.Index(ids, dtype=object)
    found = lookup.reindex(ids)
    return np.where(found.notna(), found.to_numpy(dtype=object), ids.to_numpy(dtype=object))


def ledger(network: Network, as_of: object = None) -> pd.DataFrame:
    """The social-capital ledger: what each contact gave and received, as of a moment.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        Count flows up to this moment; defaults to the latest interaction.

    Returns
    -------
    DataFrame
        One row per contact who gave or received anything, most exchanged
        first: ``id``, ``name``, ``referrals_given``, ``referrals_received``,
        ``introductions_given``, ``introductions_received``,
        ``business_given``, ``business_received`` (counts of thank-yous for
        business), ``business_value_given``, ``business_value_received``
        (sums of ``value``), ``reciprocity`` (``(given - received) / (given +
        received)`` over all these counts, in [-1, 1]), ``given_to_owner`` and
        ``received_from_owner`` (counts exchanged with the owner; 0 without
        an owner).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-02-01"],
    ...     "source": ["ann", "me"], "target": ["me", "ann"],
    ...     "kind": ["referral", "business"], "value": ["", "1200"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> ledger(net)[["id", "referrals_given", "business_value_given", "reciprocity",
    ...              "given_to_owner"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'ann', 'referrals_given': 1, 'business_value_given': 0.0, 'reciprocity': 0.0,
      'given_to_owner': 1},
     {'id': 'me', 'referrals_given': 0, 'business_value_given': 1200.0, 'reciprocity': 0.0,
      'given_to_owner': 0}]
    """
    stamp = network.resolve_as_of(as_of)
    flows = network.flows(stamp)
    counts = ["referrals", "introductions", "business", "value"]
    if flows.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=np.int64) for c in LEDGER_COLUMNS})
        return frame.astype({"id": object, "name": object, "business_value_given": float,
                             "business_value_received": float, "reciprocity": float})
    flows = flows.astype({"referrals": np.int64, "introductions": np.int64,
                          "business": np.int64, "value": float})
    given = flows.groupby("source")[counts].sum()
    received = flows.groupby("target")[counts].sum()
    people = given.index.union(received.index)
    given = given.reindex(people, fill_value=0)
    received = received.reindex(people, fill_value=0)
    frame = pd.DataFrame(index=people)
    for kind in ("referrals", "introductions", "business"):
        frame[f"{kind}_given"] = given[kind].astype(np.int64)
        frame[f"{kind}_received"] = received[kind].astype(np.int64)
    frame["business_value_given"] = given["value"].astype(float)
    frame["business_value_received"] = received["value"].astype(float)
    gave = given[["referrals", "introductions", "business"]].sum(axis=1)
    got = received[["referrals", "introductions", "business"]].sum(axis=1)
    frame["reciprocity"] = ((gave - got) / (gave + got)).astype(float)

    owner = network.owner
    exchanged = flows["referrals"] + flows["introductions"] + flows["business"]
    if owner is not None:
        to_owner = exchanged[flows["target"] == owner].groupby(
            flows.loc[flows["target"] == owner, "source"]).sum()
        from_owner = exchanged[flows["source"] == owner].groupby(
            flows.loc[flows["source"] == owner, "target"]).sum()
        frame["given_to_owner"] = to_owner.reindex(people, fill_value=0).astype(np.int64)
        frame["received_from_owner"] = from_owner.reindex(people, fill_value=0).astype(np.int64)
    else:
        frame["given_to_owner"] = np.int64(0)
        frame["received_from_owner"] = np.int64(0)

    frame["id"] = people.to_numpy(dtype=object)
    frame["name"] = _names(network, people)
    frame["total"] = (gave + got).to_numpy()
    frame["sort_id"] = frame["id"].astype(str)
    frame = frame.sort_values(["total", "sort_id"], ascending=[False, True])
    return frame[list(LEDGER_COLUMNS)].reset_index(drop=True)


def flow_totals(network: Network, as_of: object = None) -> dict[str, float]:
    """Referrals, introductions and business given in the whole network up to ``as_of``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...     "target": ["me"], "kind": ["business"], "value": ["250"]})
    >>> flow_totals(refgraph.load_network((contacts, interactions)))
    {'referrals': 0, 'introductions': 0, 'business': 1, 'business_value': 250.0}
    """
    flows = network.flows(network.resolve_as_of(as_of))
    if flows.empty:
        return {"referrals": 0, "introductions": 0, "business": 0, "business_value": 0.0}
    return {
        "referrals": int(flows["referrals"].sum()),
        "introductions": int(flows["introductions"].sum()),
        "business": int(flows["business"].sum()),
        "business_value": float(flows["value"].astype(float).sum()),
    }


# --------------------------------------------------------------------------- time


def previous_month(as_of: pd.Timestamp) -> pd.Timestamp:
    """The same moment one calendar month earlier.

    The end of a month maps to the end of the previous month (30 April to 31
    March, not 30 March); other days move back one month, clipped to the
    month's length (31 March to 29 February in a leap year).

    Examples
    --------
    >>> previous_month(pd.Timestamp("2024-04-30 23:59:59.999999", tz="UTC"))
    Timestamp('2024-03-31 23:59:59.999999+0000', tz='UTC')
    >>> previous_month(pd.Timestamp("2024-03-31 12:00", tz="UTC"))
    Timestamp('2024-02-29 12:00:00+0000', tz='UTC')
    """
    stamp = pd.Timestamp(as_of)
    end_of_day = stamp.normalize() + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    if stamp == end_of_day and stamp.is_month_end:
        return stamp.replace(day=1).normalize() - pd.Timedelta(microseconds=1)
    return stamp - pd.DateOffset(months=1)


def _month_index(dates: pd.Series) -> np.ndarray:
    """Months since year 0 (year * 12 + month - 1) of UTC timestamps."""
    return (dates.dt.year * 12 + dates.dt.month - 1).to_numpy(dtype=np.int64)


def _month_end(index: int) -> pd.Timestamp:
    year, month = divmod(int(index), 12)
    start = pd.Timestamp(year=year, month=month + 1, day=1, tz="UTC")
    return start + pd.offsets.MonthBegin(1) - pd.Timedelta(microseconds=1)


def monthly_activity(
    network: Network,
    *,
    owner: str | None = None,
    as_of: object = None,
    months: int | None = None,
) -> pd.DataFrame:
    """Month by month: referrals and business given and received, new contacts, stages.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Whose activity to count; defaults to the network's owner. Without any
        owner the whole network is counted, so each flow is both given and
        received (the ``_given`` and ``_received`` columns are equal).
    as_of : str, date or Timestamp, optional
        The last month is the month of ``as_of`` (default: latest
        interaction), counted up to ``as_of``.
    months : int, optional
        Exactly this many months ending with the month of ``as_of`` (months
        before the first interaction are zeros); by default every month from
        the first interaction on.

    Returns
    -------
    DataFrame
        One row per month, oldest first: ``month`` (``YYYY-MM``),
        ``month_end`` (UTC; ``as_of`` for the last month), ``interactions``
        (the owner's, or all), ``new_contacts`` (people whose first
        interaction with the owner, or with anyone, falls in the month),
        ``referrals_given``, ``referrals_received``, ``introductions_given``,
        ``introductions_received``, ``business_given``, ``business_received``,
        ``business_value_given``, ``business_value_received`` and, at the
        month's end, the owner's ties (or all ties) per VCP stage
        (``visibility``, ``credibility``, ``profitability``) and in all
        (``ties``).

    Raises
    ------
    RefgraphError
        When ``months`` is not a whole number >= 1.
    ContactNotFoundError
        When ``owner`` is not a contact.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-03-01"],
    ...     "source": ["ann", "me"], "target": ["me", "ann"], "kind": ["referral", "call"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> activity = monthly_activity(net)
    >>> activity[["month", "referrals_received", "new_contacts", "ties"]].to_dict("list")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'month': ['2024-01', '2024-02', '2024-03'], 'referrals_received': [1, 0, 0],
     'new_contacts': [1, 0, 0], 'ties': [1, 1, 1]}
    """
    from refgraph.model.ties import tie_table

    if months is not None and (isinstance(months, bool) or not isinstance(months, int)
                               or months < 1):
        raise RefgraphError(f"months {months!r}: expected a whole number >= 1")
    stamp = network.resolve_as_of(as_of)
    who = network.owner if owner is None else owner
    if who is not None:
        network.require(who, role="owner")

    rows = network.interactions
    rows = rows[rows["date"] <= stamp]
    if who is not None:
        rows = rows[(rows["source"] == who) | (rows["target"] == who)]
    last = int(stamp.year * 12 + stamp.month - 1)
    if months is not None:
        first = last - months + 1
    elif rows.empty:
        first = last
    else:
        first = int(_month_index(rows["date"]).min())
    count = last - first + 1

    def per_month(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        index = month[mask] - first
        keep = (index >= 0) & (index < count)
        w = None if weights is None else weights[mask][keep]
        return np.bincount(index[keep], weights=w, minlength=count)[:count]

    month = _month_index(rows["date"])
    kind = rows["kind"].astype(str).to_numpy()
    value = np.nan_to_num(rows["value"].to_numpy(dtype=float)) if "value" in rows \
        else np.zeros(len(rows))
    if who is None:
        gives = takes = np.ones(len(rows), dtype=bool)
    else:
        gives = (rows["source"] == who).to_numpy()
        takes = (rows["target"] == who).to_numpy()

    labels = [f"{divmod(i, 12)[0]:04d}-{divmod(i, 12)[1] + 1:02d}"
              for i in range(first, last + 1)]
    ends = [min(_month_end(i), stamp) for i in range(first, last + 1)]
    frame = pd.DataFrame({"month": labels, "month_end": pd.DatetimeIndex(ends)})
    frame["interactions"] = per_month(np.ones(len(rows), dtype=bool)).astype(np.int64)

    people = np.concatenate([rows["source"].to_numpy(dtype=object),
                             rows["target"].to_numpy(dtype=object)])
    seen = np.concatenate([month, month])
    if who is not None:
        keep = people != who
        people, seen = people[keep], seen[keep]
    firsts = pd.Series(seen).groupby(people).min().to_numpy(dtype=np.int64) \
        if len(people) else np.empty(0, dtype=np.int64)
    index = firsts - first
    index = index[(index >= 0) & (index < count)]
    frame["new_contacts"] = np.bincount(index, minlength=count)[:count].astype(np.int64)

    for name, flow_kind in (("referrals", "referral"), ("introductions", "introduction"),
                            ("business", "business")):
        frame[f"{name}_given"] = per_month((kind == flow_kind) & gives).astype(np.int64)
        frame[f"{name}_received"] = per_month((kind == flow_kind) & takes).astype(np.int64)
    frame["business_value_given"] = per_month((kind == "business") & gives, value)
    frame["business_value_received"] = per_month((kind == "business") & takes, value)

    stage_counts = np.zeros((count, len(STAGES)), dtype=np.int64)
    for position, end in enumerate(ends):
        if rows.empty:
            break
        ties = tie_table(rows, network.settings, end)
        if len(ties):
            tally = ties["stage"].value_counts()
            stage_counts[position] = [int(tally.get(stage, 0)) for stage in STAGES]
    for position, stage in enumerate(STAGES):
        frame[stage] = stage_counts[:, position]
    frame["ties"] = stage_counts.sum(axis=1)
    return frame


def fading_ties(
    network: Network,
    *,
    owner: str | None = None,
    as_of: object = None,
    months: int | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Ties whose strength dropped most since some months ago.

    Strength decays without contact (:mod:`refgraph.model.ties`), so a tie that
    was strong and has not been tended loses the most. Ties that started
    after the earlier moment cannot have faded and are not listed.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Only ties of this person (default: the network's owner; without one,
        every tie).
    as_of : str, date or Timestamp, optional
        Now; defaults to the latest interaction.
    months : int, optional
        Compare with this many calendar months earlier (default
        ``stats.fading_months``).
    top : int, optional
        How many to list (default ``stats.fading_top``).

    Returns
    -------
    DataFrame
        Biggest drop first: ``u``, ``v`` (the pair; ``u`` is the owner when
        there is one), ``name`` (the other person's name, or both names),
        ``strength_before``, ``strength_now``, ``drop``, ``stage_before``,
        ``stage_now``, ``last_contact``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-01-05", "2024-06-20"],
    ...     "source": ["me", "me", "me"], "target": ["ann", "bob", "bob"],
    ...     "kind": ["one_to_one", "one_to_one", "one_to_one"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> fading_ties(net, as_of="2024-07-01", months=3)[["v", "name"]].to_dict("records")
    [{'v': 'ann', 'name': 'Ann'}]
    """
    options = network.settings.stats
    months = options.fading_months if months is None else months
    top = options.fading_top if top is None else top
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise RefgraphError(f"months {months!r}: expected a whole number >= 1")
    stamp = network.resolve_as_of(as_of)
    before = stamp - pd.DateOffset(months=months)
    who = network.owner if owner is None else owner
    if who is not None:
        network.require(who, role="owner")
    columns = ["u", "v", "name", "strength_before", "strength_now", "drop", "stage_before",
               "stage_now", "last_contact"]
    now, then = network.ties(stamp), network.ties(before)
    if then.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    if who is not None:
        now = now[(now["u"] == who) | (now["v"] == who)]
        then = then[(then["u"] == who) | (then["v"] == who)]
    merged = then[["u", "v", "strength", "stage"]].merge(
        now[["u", "v", "strength", "stage", "last_contact"]], on=["u", "v"],
        suffixes=("_before", "_now"))
    merged["drop"] = merged["strength_before"] - merged["strength_now"]
    merged = merged[merged["drop"] > 0]
    if who is not None:
        swap = (merged["v"] == who).to_numpy()
        u, v = merged["u"].to_numpy(dtype=object), merged["v"].to_numpy(dtype=object)
        merged["u"], merged["v"] = np.where(swap, v, u), np.where(swap, u, v)
        merged["name"] = _names(network, merged["v"])
    else:
        merged["name"] = [f"{a} & {b}" for a, b in zip(_names(network, merged["u"]),
                                                       _names(network, merged["v"]),
                                                       strict=True)]
    merged["sort_id"] = merged["v"].astype(str)
    merged = merged.sort_values(["drop", "sort_id"], ascending=[False, True]).head(top)
    return merged[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- stats


@dataclass
class _Snapshot:
    """Every stats number at one moment."""

    as_of: pd.Timestamp
    contacts_with_ties: int
    interactions: int
    ties: int
    stages: dict[str, int]
    flows: dict[str, float]
    table: pd.DataFrame
    groups: pd.DataFrame
    brokers: pd.DataFrame


def _snapshot(network: Network, stamp: pd.Timestamp) -> _Snapshot:
    settings = network.settings
    ties = network.ties(stamp)
    counted = ties["stage"].value_counts() if len(ties) else pd.Series(dtype=int)
    graph = tie_graph(network, stamp)
    table = centrality(graph, settings=settings)
    groups = communities(graph, settings=settings)
    found = brokers(graph, settings=settings, groups=groups, table=table)
    return _Snapshot(
        as_of=stamp,
        contacts_with_ties=graph.number_of_nodes(),
        interactions=int((network.interactions["date"] <= stamp).sum()),
        ties=len(ties),
        stages={stage: int(counted.get(stage, 0)) for stage in STAGES},
        flows=flow_totals(network, stamp),
        table=table,
        groups=groups,
        brokers=found,
    )


def _rank_of(table: pd.DataFrame, owner: str | None) -> dict[str, pd.Series]:
    """Rank (1 = highest) of every contact on each measure, owner excluded."""
    table = table.drop(index=[owner], errors="ignore") if owner is not None else table
    return {measure: pd.Series(np.arange(1, len(table) + 1),
                               index=_ranked(table, measure).index)
            for measure in MEASURES}


def _listed(groups: pd.DataFrame, minimum: int) -> pd.DataFrame:
    return groups[groups["size"] >= minimum] if len(groups) else groups


def _entered_left(now: list, before: list) -> dict[str, list]:
    return {"entered": [x for x in now if x not in set(before)],
            "left": [x for x in before if x not in set(now)]}


#: Ledger columns whose change over the month is reported (now minus then).
_LEDGER_CHANGE_COLUMNS: tuple[str, ...] = tuple(
    c for c in LEDGER_COLUMNS if c not in ("id", "name", "reciprocity"))


def _ledger_changes(now: pd.DataFrame, then: pd.DataFrame) -> list[dict[str, Any]]:
    """Per contact, how their ledger moved since ``then``: only those whose ledger changed.

    Counts and values are differences (now minus then; someone absent then
    counts from zero). ``reciprocity`` is the change in reciprocity, ``None``
    for someone who had exchanged nothing before. Ordered like ``now``.
    """
    if now.empty:
        return []
    before = then.set_index("id").reindex(now["id"])
    deltas = (now.set_index("id")[list(_LEDGER_CHANGE_COLUMNS)]
              - before[list(_LEDGER_CHANGE_COLUMNS)].fillna(0))
    moved = (deltas != 0).any(axis=1).to_numpy()
    reciprocity = (now["reciprocity"].to_numpy()
                   - before["reciprocity"].to_numpy(dtype=float, na_value=np.nan))
    out = []
    for position in np.flatnonzero(moved):
        row = deltas.iloc[position]
        change = float(reciprocity[position])
        out.append({"id": now["id"].iloc[position], "name": now["name"].iloc[position],
                    **{column: (float(row[column]) if column.startswith("business_value")
                                else int(row[column])) for column in _LEDGER_CHANGE_COLUMNS},
                    "reciprocity": None if np.isnan(change) else change})
    return out


@dataclass(eq=False)
class StatsResult(Result):
    """Network statistics as of a moment, with changes against the previous month.

    Attributes
    ----------
    owner, as_of, previous_as_of
        Whose network, the moment, and the moment compared with.
    contacts, contacts_with_ties, interactions, ties
        Size: every contact, those with at least one tie, interactions up to
        ``as_of``, ties (pairs who interacted).
    stages : dict
        Ties per VCP stage.
    flows : dict
        Referrals, introductions, business (counts) and business value given
        in the whole network up to ``as_of``.
    leaders : DataFrame
        :func:`leaders` plus ``previous_rank`` and ``previous_value``.
    betweenness_sample : int or None
        Sources sampled to estimate betweenness; ``None`` when exact.
    brokers, communities, ledger : DataFrame
        See :func:`brokers`, :func:`communities` (only those of at least
        ``stats.min_community_size`` members) and :func:`ledger`.
    owner_centrality : dict
        The owner's value and rank (among everyone, owner included) per measure.
    changes : dict
        Headline numbers now minus a month earlier (see :meth:`to_dict`).
    owner_name : str or None
        The owner's display name.
    member_names : dict
        Names of the communities' core members, for the text view.
    """

    owner: str | None
    as_of: pd.Timestamp
    contacts: int
    interactions: int
    ties: int
    stages: dict[str, int] = field(default_factory=dict)
    contacts_with_ties: int = 0
    previous_as_of: pd.Timestamp | None = None
    flows: dict[str, float] = field(default_factory=dict)
    leaders: pd.DataFrame = field(default_factory=pd.DataFrame)
    betweenness_sample: int | None = None
    brokers: pd.DataFrame = field(default_factory=pd.DataFrame)
    communities: pd.DataFrame = field(default_factory=pd.DataFrame)
    ledger: pd.DataFrame = field(default_factory=pd.DataFrame)
    owner_centrality: dict[str, dict[str, float]] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    owner_name: str | None = None
    member_names: dict[str, str] = field(default_factory=dict, repr=False)
    title: str = "Network statistics"

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph stats`` (documented in the README).

        ``changes`` holds ``previous_as_of``; ``size``, ``stages`` and
        ``flows`` as differences (now minus then); ``communities`` (change in
        the number listed); for ``leaders`` (per measure) and ``brokers``
        the ids that ``entered`` or ``left`` the list; and ``ledger``, one row
        per contact whose ledger moved, with the change of each count and
        value (and of ``reciprocity``, ``None`` for someone new to the ledger).
        """
        leaders_out: dict[str, list] = {}
        for measure in MEASURES:
            part = self.leaders[self.leaders["measure"] == measure] if len(self.leaders) \
                else self.leaders
            leaders_out[measure] = [
                {"id": row.id, "name": row.name, "value": row.value, "rank": row.rank,
                 "previous_rank": row.previous_rank, "previous_value": row.previous_value}
                for row in part.itertuples(index=False)
            ]
        return {
            "owner": self.owner,
            "as_of": self.as_of,
            "previous_as_of": self.previous_as_of,
            "size": self.size,
            "stages": dict(self.stages),
            "flows": dict(self.flows),
            "leaders": leaders_out,
            "owner_centrality": self.owner_centrality or None,
            "betweenness_sample": self.betweenness_sample,
            "brokers": self.brokers.to_dict("records"),
            "communities": self.communities.to_dict("records"),
            "ledger": self.ledger.to_dict("records"),
            "changes": self.changes,
        }

    @property
    def size(self) -> dict[str, int]:
        """``contacts``, ``contacts_with_ties``, ``interactions``, ``ties``, ``communities``."""
        return {"contacts": self.contacts, "contacts_with_ties": self.contacts_with_ties,
                "interactions": self.interactions, "ties": self.ties,
                "communities": len(self.communities)}

    def to_frame(self) -> pd.DataFrame:
        """The connectors, one row per measure and rank (the CSV view).

        Columns ``measure`` (``degree``, ``pagerank``, ``betweenness`` or
        ``broker``), ``rank``, ``id``, ``name``, ``value`` (a broker's score)
        and ``previous_rank`` (rank a month earlier; empty for brokers).
        """
        columns = ["measure", "rank", "id", "name", "value", "previous_rank"]
        parts = [self.leaders[columns]] if len(self.leaders) else []
        if len(self.brokers):
            parts.append(pd.DataFrame({
                "measure": "broker", "rank": np.arange(1, len(self.brokers) + 1),
                "id": self.brokers["id"], "name": self.brokers["name"],
                "value": self.brokers["score"], "previous_rank": pd.NA}))
        if not parts:
            return pd.DataFrame(columns=columns)
        out = pd.concat(parts, ignore_index=True)
        out["previous_rank"] = out["previous_rank"].astype("Int64")
        return out

    # ------------------------------------------------------------------ text

    def _delta(self, section: str, key: str) -> str:
        value = self.changes.get(section, {}).get(key) if self.changes else None
        if value is None:
            return ""
        if isinstance(value, float) and not value.is_integer():
            return f" ({value:+,.0f})"
        return f" ({int(value):+,})"

    def summary_lines(self) -> list[str]:
        """Headline lines: who, when, size, stages, flows."""
        who = f" of {self.owner_name} ({self.owner})" if self.owner else ""
        versus = f", vs {format_date(self.previous_as_of)}" if self.previous_as_of else ""
        lines = [f"{self.title}{who} as of {format_date(self.as_of)}{versus}", ""]
        lines.append(
            f"Size: {self.contacts:,} contacts, {self.contacts_with_ties:,} with ties"
            f"{self._delta('size', 'contacts_with_ties')}; "
            f"{self.interactions:,} interactions{self._delta('size', 'interactions')}"
        )
        lines.append(f"      {self.ties:,} ties{self._delta('size', 'ties')}; "
                     f"{len(self.communities):,} "
                     f"communit{'y' if len(self.communities) == 1 else 'ies'}"
                     f"{self._delta('size', 'communities')}")
        lines.append("Stages: " + ", ".join(
            f"{stage} {self.stages.get(stage, 0):,}{self._delta('stages', stage)}"
            for stage in STAGES))
        flows = self.flows or {}
        lines.append(
            f"Flows: {int(flows.get('referrals', 0)):,} referrals"
            f"{self._delta('flows', 'referrals')}, "
            f"{int(flows.get('introductions', 0)):,} introductions"
            f"{self._delta('flows', 'introductions')}, "
            f"{int(flows.get('business', 0)):,} business"
            f"{self._delta('flows', 'business')}"
        )
        lines.append(f"       business value {flows.get('business_value', 0.0):,.0f}"
                     f"{self._delta('flows', 'business_value')}")
        if self.owner_centrality:
            lines.append("Owner: " + ", ".join(
                f"#{part['rank']} by {measure}" for measure, part
                in self.owner_centrality.items()))
        return lines

    def _sections(self) -> list[tuple[str, pd.DataFrame, int]]:
        """Titled tables for the text and HTML views, with their widest cell."""
        sample = (f" (betweenness estimated from {self.betweenness_sample:,} sampled"
                  " sources)" if self.betweenness_sample else "")
        side = pd.DataFrame()
        if len(self.leaders):
            limit = int(self.leaders["rank"].max())
            ranks = list(range(1, limit + 1))
            side["#"] = ranks
            for measure, heading in (("degree", "by strength"), ("pagerank", "by PageRank"),
                                     ("betweenness", "by betweenness")):
                part = self.leaders[self.leaders["measure"] == measure].set_index("rank")
                new = part["previous_rank"].isna() | (part["previous_rank"] > limit)
                side[heading] = [
                    "" if r not in part.index
                    else part.at[r, "name"] + (" (new)" if bool(new.get(r)) else "")
                    for r in ranks]
        broker_view = pd.DataFrame()
        if len(self.brokers):
            broker_view = pd.DataFrame({
                "name": [_short(n, 24) for n in self.brokers["name"]],
                "score": self.brokers["score"],
                "groups": self.brokers["communities"],
                "own community": [_short(c, 36) for c in self.brokers["community"].fillna("")]})
        community_view = pd.DataFrame()
        if len(self.communities):
            shown = self.communities.head(10)
            community_view = pd.DataFrame({
                "community": [_short(n, 40) for n in shown["name"]],
                "core members": [
                    _short(", ".join(self.member_names.get(m, str(m)) for m in ids[:3]), 36)
                    for ids in shown["members"]]})
        ledger_view = pd.DataFrame()
        if len(self.ledger):
            head = self.ledger.head(10)
            ledger_view = pd.DataFrame({
                "name": head["name"],
                "ref out": head["referrals_given"], "ref in": head["referrals_received"],
                "intro out": head["introductions_given"],
                "intro in": head["introductions_received"],
                "value out": [f"{v:,.0f}" for v in head["business_value_given"]],
                "value in": [f"{v:,.0f}" for v in head["business_value_received"]],
                "recip": head["reciprocity"]})
        count = len(self.communities)
        largest = f", the 10 largest of {count}" if count > 10 else ""
        return [
            (f"Leaders{sample}", side, 24),
            ("Brokers: who bridges communities (score = participation x betweenness)",
             broker_view, 36),
            (f"Communities (Louvain{', owner left out' if self.owner else ''}{largest})",
             community_view, 40),
            ("Ledger: referrals, introductions and business value (out = given, in = "
             "received)", ledger_view, 20),
        ]

    def to_text(self, *, width: int = 80) -> str:
        """Headline numbers, then leaders, brokers, communities and the ledger."""
        lines = self.summary_lines()
        for heading, frame, widest in self._sections():
            lines += ["", *textwrap.wrap(heading, width),
                      text_table(frame, width=width, max_col=widest)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [f"<p>{html.escape(line)}</p>" for line in self.summary_lines() if line]
        for heading, frame, _ in self._sections():
            parts.append(f"<h4>{html.escape(heading)}</h4>")
            parts.append(frame.to_html(index=False, escape=True, na_rep="")
                         if len(frame) else "<p>(nothing to show)</p>")
        return "\n".join(parts)


def _short(text: object, width: int) -> str:
    """Shorten text to ``width`` characters with an ellipsis, keeping its end if it fits."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def stats(network: Network, *, as_of: object = None) -> StatsResult:
    """Size, stages, leaders, brokers, communities and the ledger, vs the previous month.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        Evaluate as of this moment; defaults to the latest interaction. The
        comparison is with one calendar month earlier (see
        :func:`previous_month`).

    Returns
    -------
    StatsResult
        ``to_dict()`` is the JSON contract of ``refgraph stats``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> result = stats(refgraph.load_network((contacts, interactions)))
    >>> result.stages, result.changes["stages"]["visibility"]
    ({'visibility': 1, 'credibility': 0, 'profitability': 0}, 1)
    """
    stamp = network.resolve_as_of(as_of)
    earlier = previous_month(stamp)
    options = network.settings.stats
    owner = network.owner
    now, then = _snapshot(network, stamp), _snapshot(network, earlier)

    top = _leaders_from_table(now.table, set() if owner is None else {owner}, options.top)
    before = _rank_of(then.table, owner)
    previous_rank, previous_value = [], []
    for measure, person in zip(top["measure"], top["id"], strict=True):
        rank = before[measure].get(person)
        previous_rank.append(None if rank is None else int(rank))
        previous_value.append(float(then.table.at[person, measure])
                              if person in then.table.index else None)
    top["previous_rank"] = pd.array(previous_rank, dtype="Int64")
    top["previous_value"] = pd.array(previous_value, dtype="Float64")

    owner_centrality: dict[str, dict[str, float]] = {}
    if owner is not None and owner in now.table.index:
        for measure in MEASURES:
            order = _ranked(now.table, measure).index
            owner_centrality[measure] = {"value": float(now.table.at[owner, measure]),
                                         "rank": int(order.get_loc(owner)) + 1}

    groups_now = _listed(now.groups, options.min_community_size)
    groups_then = _listed(then.groups, options.min_community_size)
    changes: dict[str, Any] = {
        "previous_as_of": earlier,
        "size": {"contacts_with_ties": now.contacts_with_ties - then.contacts_with_ties,
                 "interactions": now.interactions - then.interactions,
                 "ties": now.ties - then.ties,
                 "communities": len(groups_now) - len(groups_then)},
        "stages": {stage: now.stages[stage] - then.stages[stage] for stage in STAGES},
        "flows": {key: now.flows[key] - then.flows[key] for key in now.flows},
        "leaders": {},
        "brokers": _entered_left(list(now.brokers["id"]), list(then.brokers["id"])),
    }
    ledger_now = ledger(network, stamp)
    changes["ledger"] = _ledger_changes(ledger_now, ledger(network, earlier))
    limit = options.top
    for measure in MEASURES:
        listed_then = list(before[measure].index[:limit])
        listed_now = list(top.loc[top["measure"] == measure, "id"])
        changes["leaders"][measure] = _entered_left(listed_now, listed_then)

    member_names: dict[str, str] = {}
    if len(groups_now):
        names = now.table["name"]
        member_names = {m: str(names.get(m, m))
                        for members in groups_now["members"] for m in members[:3]}
    return StatsResult(
        owner=owner,
        as_of=stamp,
        contacts=len(network.contacts),
        interactions=now.interactions,
        ties=now.ties,
        stages=now.stages,
        contacts_with_ties=now.contacts_with_ties,
        previous_as_of=earlier,
        flows=now.flows,
        leaders=top,
        betweenness_sample=now.table.attrs.get("betweenness_sample"),
        brokers=now.brokers,
        communities=groups_now.reset_index(drop=True),
        ledger=ledger_now,
        owner_centrality=owner_centrality,
        changes=json_ready(changes),
        owner_name=network.name_of(owner) if owner is not None else None,
        member_names=member_names,
    )
