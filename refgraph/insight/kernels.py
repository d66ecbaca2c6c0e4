"""Compiled kernels for the stats: the tie graph as arrays, PageRank, betweenness, Louvain.

The measures of :mod:`refgraph.insight.centrality` and
:mod:`refgraph.insight.communities` are defined on the networkx tie graph, but
computed here on plain arrays (both ends of every tie as positions, its
strength and its distance) by python-igraph's C kernels. The arrays come
either from a networkx graph (:func:`graph_arrays`, one pass over its edges)
or straight from the tie table (:func:`network_arrays`, no graph at all: the
stats compare two moments and need not build the graph of the earlier one).

Why igraph
----------
Measured at scale M (20 000 contacts, 1 000 000 interactions: 20 000 people
with ties, 130 703 ties) on the 2-core development machine, per moment, CPU
seconds (other work was running: wall-clock times were two to five times
longer):

==================  ======================  ====================================
kernel              networkx                igraph
==================  ======================  ====================================
Louvain             ~10 s                   ~0.4 s (``community_multilevel``)
PageRank            ~2.6 s (wall)           ~0.03 s (``pagerank``, PRPACK;
                                            ARPACK ~0.1 s)
betweenness (300)   not run (pure Python)   ~3.7 s (``betweenness``)
==================  ======================  ====================================

networkit's ``EstimateBetweenness`` took as long as igraph for 300 weighted
sources on one thread, picks its sources itself (so the estimate no longer
equals networkx's for the same seed) and, in parallel, draws them per thread,
so the result is not reproducible; it would also be a new dependency, where
igraph is one already. Weighted betweenness is the one kernel left that costs
seconds (a Dijkstra per sampled source: its cost is the
``stats.betweenness_sample`` setting), so :func:`betweenness_raw_each` counts
several graphs side by side in worker processes, and each Dijkstra runs over
fewer edges: :func:`shortcut_free` drops every tie that a two-hop path beats
(42 % of the ties at L, half at M), which no shortest path can use, so the
counts are unchanged. On big graphs igraph's search is the slow half of its
count, and SciPy's Dijkstra with path counts in NumPy
(:mod:`refgraph.insight.brandes`) gives the same numbers in 0.55 s of CPU per
source at L against igraph's 0.9 s.

Determinism: igraph's Louvain visits nodes in random order, so it runs with a
seeded ``random.Random`` as igraph's generator (the :mod:`random` module is
restored afterwards); PRPACK's PageRank uses no random start. The same input
gives the same numbers to the last digit.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import multiprocessing
import os
import random
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import igraph
import networkx as nx
import numpy as np
import pandas as pd

from refgraph.insight import brandes
from refgraph.io.cache import wait_until_kept
from refgraph.model.network import Network

_T = TypeVar("_T")

# A tie of trust 1.0 has length 0. igraph compares path lengths with a relative
# tolerance of 1e-10 and warns about shorter edges, so such a tie is measured as
# trust 0.999999: still the shortest hop, and never mistaken for a second,
# equally short path.
MIN_DISTANCE = 1e-6

#: Below this many edge visits (edges x sources, summed over the graphs),
#: :func:`betweenness_raw_each` counts in this process: starting a worker
#: costs more than it saves.
PARALLEL_MIN_WORK = 5_000_000

#: Node attributes the communities are named from.
LABEL_ATTRIBUTES: tuple[str, ...] = ("profession", "tags")


@dataclass(frozen=True)
class TieArrays:
    """A tie graph as arrays: nodes, both ends of each edge, strength and distance.

    Attributes
    ----------
    nodes : ndarray of object
        Node ids, in graph order (the order sampled betweenness sources are
        drawn from).
    tails, heads : ndarray of int64
        Positions in ``nodes`` of both ends of each edge (self-loops included).
    strength, distance : ndarray of float
        Edge attributes; 1.0 where an edge has none.
    people : DataFrame
        Indexed like ``nodes``: ``name`` (display name: the ``name``
        attribute, or the id) and the :data:`LABEL_ATTRIBUTES` (``None`` where
        unknown).
    owner : str or None
        The graph's owner.
    """

    nodes: np.ndarray
    tails: np.ndarray
    heads: np.ndarray
    strength: np.ndarray
    distance: np.ndarray
    people: pd.DataFrame
    owner: str | None = None

    def __len__(self) -> int:
        return len(self.nodes)

    def degree(self) -> np.ndarray:
        """Weighted degree (sum of strengths) per node; a self-loop counts twice.

        Examples
        --------
        >>> G = nx.path_graph(3); nx.set_edge_attributes(G, 2.0, "strength")
        >>> graph_arrays(G).degree().tolist()
        [2.0, 4.0, 2.0]
        """
        n = len(self.nodes)
        return (np.bincount(self.tails, weights=self.strength, minlength=n)
                + np.bincount(self.heads, weights=self.strength, minlength=n))


def _people(nodes: np.ndarray, names: list, labels: dict[str, list]) -> pd.DataFrame:
    index = pd.Index(nodes, dtype=object)
    shown = [name if isinstance(name, str) and name else str(node)
             for node, name in zip(nodes, names, strict=True)]
    frame = pd.DataFrame({"name": np.asarray(shown, dtype=object)}, index=index)
    for attribute in LABEL_ATTRIBUTES:
        frame[attribute] = np.asarray(labels[attribute], dtype=object)
    return frame


def graph_arrays(graph: nx.Graph, *, distance: str = "distance") -> TieArrays:
    """The arrays of a networkx tie graph (one pass over its nodes and edges).

    Parameters
    ----------
    graph : networkx.Graph
        Undirected simple graph; ``strength`` and ``distance`` edge
        attributes (1.0 when missing), ``name``, ``profession`` and ``tags``
        node attributes when known.
    distance : str
        The edge attribute read as the length of a tie.

    Returns
    -------
    TieArrays

    Examples
    --------
    >>> G = nx.Graph(owner="a"); G.add_edge("a", "b", strength=2.0, distance=0.5)
    >>> arrays = graph_arrays(G)
    >>> arrays.nodes.tolist(), arrays.tails.tolist(), arrays.heads.tolist(), arrays.owner
    (['a', 'b'], [0], [1], 'a')
    """
    nodes = np.empty(graph.number_of_nodes(), dtype=object)
    nodes[:] = list(graph)
    names, labels = [], {attribute: [] for attribute in LABEL_ATTRIBUTES}
    for _, data in graph.nodes(data=True):
        names.append(data.get("name"))
        for attribute in LABEL_ATTRIBUTES:
            labels[attribute].append(data.get(attribute))
    edges = [(u, v, data.get("strength", 1.0), data.get(distance, 1.0))
             for u, v, data in graph.edges(data=True)]
    index = pd.Index(nodes, dtype=object)
    if edges:
        u, v, strength, distance = zip(*edges, strict=True)
        tails = index.get_indexer(pd.Index(u, dtype=object)).astype(np.int64)
        heads = index.get_indexer(pd.Index(v, dtype=object)).astype(np.int64)
    else:
        tails = heads = np.zeros(0, dtype=np.int64)
        strength = distance = ()
    return TieArrays(nodes=nodes, tails=tails, heads=heads,
                     strength=np.asarray(strength, dtype=float),
                     distance=np.asarray(distance, dtype=float),
                     people=_people(nodes, names, labels), owner=graph.graph.get("owner"))


def network_arrays(network: Network, as_of: object = None) -> TieArrays:
    """The arrays of the tie graph as of a moment, straight from the tie table.

    The same nodes, in the same order, and the same edges as
    :func:`graph_arrays` of :func:`~refgraph.insight.centrality.tie_graph`,
    without building the graph.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["one_to_one"]})
    >>> network_arrays(refgraph.load_network((contacts, interactions))).nodes.tolist()
    ['me', 'ann']
    """
    stamp = network.resolve_as_of(as_of)
    ties = network.ties(stamp)
    contacts = network.contacts
    u = ties["u"].to_numpy(dtype=object)
    v = ties["v"].to_numpy(dtype=object)
    # One factorisation of both ends, in the order the graph builder meets them.
    codes, uniques = pd.factorize(np.column_stack([u, v]).ravel() if len(u)
                                  else np.zeros(0, dtype=object))
    codes = codes.reshape(-1, 2)
    uniques = np.asarray(uniques, dtype=object)
    ids = contacts["id"].to_numpy(dtype=object)
    known = pd.Index(ids, dtype=object).get_indexer(uniques)
    # Graph order: contacts as listed, then anyone else as the ties first name them.
    order = np.argsort(np.where(known >= 0, known, len(ids) + np.arange(len(uniques))),
                       kind="stable")
    place = np.empty(len(uniques), dtype=np.int64)
    place[order] = np.arange(len(uniques))
    nodes, known = uniques[order], known[order]
    row = np.where(known >= 0, known, 0)

    def column(name: str) -> list:
        if name not in contacts.columns or not len(contacts):
            return [None] * len(nodes)
        values = contacts[name].to_numpy(dtype=object)[row]
        missing = pd.isna(values) | (known < 0)
        return np.where(missing, None, values).tolist()

    labels = {attribute: column(attribute) for attribute in LABEL_ATTRIBUTES}
    return TieArrays(
        nodes=nodes,
        tails=place[codes[:, 0]],
        heads=place[codes[:, 1]],
        strength=ties["strength"].to_numpy(dtype=float, na_value=1.0),
        distance=ties["distance"].to_numpy(dtype=float, na_value=1.0),
        people=_people(nodes, column("name"), labels),
        owner=network.owner,
    )


def excluded(owner: object, exclude: object) -> set:
    """The people a listing leaves out: ``exclude``, or by default the owner.

    Examples
    --------
    >>> excluded("me", None), excluded("me", "ann"), excluded("me", []), excluded(None, None)
    ({'me'}, {'ann'}, set(), set())
    """
    if exclude is None:
        return set() if owner is None else {owner}
    if isinstance(exclude, str) or not hasattr(exclude, "__iter__"):
        return {exclude}
    return set(exclude)


def _kernel(n: int, tails: np.ndarray, heads: np.ndarray) -> igraph.Graph:
    # Weights go to igraph as lists: its PageRank reads a NumPy array as an
    # attribute name. Edges are added as one (m, 2) array: about twice as fast
    # as the constructor's list of pairs, in the same order.
    kernel = igraph.Graph(n=n, directed=False)
    if len(tails):
        kernel.add_edges(np.column_stack([tails, heads]).astype(np.int64, copy=False))
    return kernel


def pagerank(arrays: TieArrays, *, alpha: float = 0.85) -> np.ndarray:
    """PageRank weighted by strength, per node, as :func:`networkx.pagerank` defines it.

    Self-loops are left out (tie graphs have none). A node whose ties all
    have strength 0 jumps anywhere, as in networkx.

    Examples
    --------
    >>> G = nx.star_graph(2); nx.set_edge_attributes(G, 1.0, "strength")
    >>> pagerank(graph_arrays(G)).round(3).tolist()
    [0.486, 0.257, 0.257]
    """
    n = len(arrays)
    if n == 0:
        return np.zeros(0)
    keep = (arrays.tails != arrays.heads) & (arrays.strength > 0)
    if not keep.any():
        return np.full(n, 1.0 / n)
    kernel = _kernel(n, arrays.tails[keep], arrays.heads[keep])
    # PRPACK: the same vector as ARPACK (to 1e-13 at scale L), four times faster
    # at M and six times at L (igraph 1.0), and it starts from no random vector.
    ranks = kernel.pagerank(weights=arrays.strength[keep].tolist(), damping=alpha,
                            directed=False, implementation="prpack")
    return np.asarray(ranks, dtype=float)


def _betweenness_kernel(n: int, tails: np.ndarray, heads: np.ndarray, lengths: np.ndarray,
                        sources: list[int] | None) -> np.ndarray:
    # Module level, with plain arrays: what a worker process is handed.
    if not len(tails):
        return np.zeros(n)
    if sources is not None and len(tails) >= brandes.MIN_EDGES:
        # Each unordered pair once, as igraph counts it.
        return brandes.dependencies(n, tails, heads, lengths, sources) / 2.0
    kernel = _kernel(n, tails, heads)
    return np.asarray(kernel.betweenness(directed=False, weights=lengths.tolist(),
                                         sources=sources), dtype=float)


#: Most triangles :func:`shortcut_free` lists (three positions of 8 bytes each);
#: beyond that bound every edge is kept.
MAX_TRIANGLES = 20_000_000


def shortcut_free(n: int, tails: np.ndarray, heads: np.ndarray,
                  lengths: np.ndarray) -> np.ndarray:
    """The edges no two-hop path beats: only these can lie on a shortest path.

    An edge ``u - v`` is dropped when some ``w`` makes ``u - w - v`` shorter
    by more than any rounding could hide (``4e-10 x n x`` the longest edge, a
    bound on igraph's tolerance over the longest simple path). No shortest
    path can use a dropped edge, so shortest paths, their counts and
    betweenness are the same without it; each Dijkstra relaxes fewer edges.
    Found from the graph's triangles (igraph's ``list_triangles``); when
    there could be more than :data:`MAX_TRIANGLES`, every edge is kept.

    Parameters
    ----------
    n : int
        Number of nodes.
    tails, heads : ndarray of int
        Both ends of each edge (a simple graph: no loops, no repeated pairs).
    lengths : ndarray of float
        Positive length of each edge.

    Returns
    -------
    ndarray of bool
        One flag per edge: True to keep it.

    Examples
    --------
    >>> tails, heads = np.array([0, 0, 1]), np.array([1, 2, 2])
    >>> shortcut_free(3, tails, heads, np.array([1.0, 5.0, 1.0])).tolist()
    [True, False, True]
    >>> shortcut_free(3, tails, heads, np.array([1.0, 2.0, 1.0])).tolist()  # a tie stays
    [True, True, True]
    """
    keep = np.ones(len(tails), dtype=bool)
    if len(tails) < 3:
        return keep
    # Each triangle is found from its corner of lowest degree rank, so the
    # pairs of higher-ranked neighbours bound how many there can be.
    degree = np.bincount(np.concatenate([tails, heads]), minlength=n)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(degree, kind="stable")] = np.arange(n)
    higher = np.bincount(np.where(rank[tails] < rank[heads], tails, heads), minlength=n)
    if int((higher * (higher - 1) // 2).sum()) > MAX_TRIANGLES:
        return keep
    triangles = np.asarray(_kernel(n, tails, heads).list_triangles(), dtype=np.int64)
    if not len(triangles):
        return keep
    # Edge number of each pair, by binary search over the sorted pair keys.
    keys = np.minimum(tails, heads).astype(np.int64) * n + np.maximum(tails, heads)
    order = np.argsort(keys)

    def edge(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return order[np.searchsorted(keys[order], np.minimum(a, b) * n + np.maximum(a, b))]

    first, second, third = triangles.T
    sides = (edge(first, second), edge(second, third), edge(third, first))
    margin = 4e-10 * max(n - 1, 1) * float(lengths.max())
    for side in range(3):
        this, one, two = sides[side], sides[(side + 1) % 3], sides[(side + 2) % 3]
        beaten = lengths[one] + lengths[two] < lengths[this] - margin
        keep[this[beaten]] = False
    return keep


def _betweenness_job(arrays: TieArrays, sources: list[int] | None) -> tuple:
    usable = np.isfinite(arrays.distance) & (arrays.tails != arrays.heads)
    tails, heads = arrays.tails[usable], arrays.heads[usable]
    lengths = np.maximum(arrays.distance[usable], MIN_DISTANCE)
    # Edges a two-hop path beats carry no shortest path: fewer edges per Dijkstra.
    keep = shortcut_free(len(arrays), tails, heads, lengths)
    return len(arrays), tails[keep], heads[keep], lengths[keep], sources


def betweenness_raw(arrays: TieArrays, sources: list[int] | None) -> np.ndarray:
    """Unnormalised betweenness (each unordered pair once) over the distances, by igraph.

    Self-loops and ties of infinite length are left out; lengths below
    :data:`MIN_DISTANCE` count as :data:`MIN_DISTANCE`.

    Examples
    --------
    >>> G = nx.path_graph(3); nx.set_edge_attributes(G, 1.0, "distance")
    >>> betweenness_raw(graph_arrays(G), None).tolist()
    [0.0, 1.0, 0.0]
    """
    return _betweenness_kernel(*_betweenness_job(arrays, sources))


def _spare_cpus() -> int:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 1
    return usable - 1


#: Values jobs reach by key instead of by pickling (see :func:`inherited`).
_INHERITED: dict[int, object] = {}


@contextlib.contextmanager
def inherited(value: object) -> Iterator[int]:
    """A key by which :func:`side_by_side` jobs reach ``value`` without pickling it.

    A worker is forked, so it inherits ``value`` as the parent holds it: a
    loaded network of millions of interactions is not copied through a pipe.
    Jobs name the key; :func:`inherited_value` gives the value back.

    Examples
    --------
    >>> with inherited(["big"]) as key:
    ...     inherited_value(key)
    ['big']
    """
    key = id(value)
    _INHERITED[key] = value
    try:
        yield key
    finally:
        _INHERITED.pop(key, None)


def inherited_value(key: int) -> object:
    """The value :func:`inherited` registered under ``key``."""
    return _INHERITED[key]


def side_by_side(function: Callable[..., _T], jobs: Sequence[tuple], *, work: int) -> list[_T]:
    """``function(*job)`` for every job, in worker processes when it pays.

    The C kernels hold the interpreter lock, so threads would take turns:
    when there are spare CPUs, the start method ``fork`` is available (Linux:
    a worker inherits the loaded libraries instead of importing them again)
    and ``work`` is at least :data:`PARALLEL_MIN_WORK` (edge visits), every
    job but the first runs in a worker process while this one runs the
    first. Each job is one call either way, so the results are the same.

    Parameters
    ----------
    function : callable
        A module-level function (workers are handed it by name).
    jobs : sequence of tuple
        The arguments of each call (handed to a worker by pickling).
    work : int
        How much work all the jobs are, in edge visits.

    Returns
    -------
    list
        One result per job, in order.

    Examples
    --------
    >>> side_by_side(pow, [(2, 3), (3, 2)], work=0)
    [8, 9]
    """
    workers = min(len(jobs) - 1, _spare_cpus())
    if (workers < 1 or work < PARALLEL_MIN_WORK
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [function(*job) for job in jobs]
    # A load may still be keeping its network in the cache: no thread is to be
    # writing (and holding Arrow's locks) while this process forks.
    wait_until_kept()
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers,
                                                mp_context=context) as pool:
        with warnings.catch_warnings():
            # Python 3.12+ warns when forking a process with threads (NumPy's
            # BLAS pool): a worker only unpickles its arguments and runs NumPy,
            # pandas and igraph code, which takes no lock another thread holds.
            warnings.filterwarnings("ignore", message=".*multi-threaded.*fork",
                                    category=DeprecationWarning)
            futures = [pool.submit(function, *job) for job in jobs[1:]]
        first = function(*jobs[0])
        return [first] + [future.result() for future in futures]


def betweenness_raw_each(jobs: Sequence[tuple[TieArrays, list[int] | None]]) -> list[np.ndarray]:
    """:func:`betweenness_raw` of several graphs, side by side (see :func:`side_by_side`).

    Examples
    --------
    >>> G = nx.path_graph(3); nx.set_edge_attributes(G, 1.0, "distance")
    >>> [raw.tolist() for raw in betweenness_raw_each([(graph_arrays(G), None)] * 2)]
    [[0.0, 1.0, 0.0], [0.0, 1.0, 0.0]]
    """
    prepared = [_betweenness_job(arrays, sources) for arrays, sources in jobs]
    return side_by_side(_betweenness_kernel, prepared, work=sum(
        betweenness_work(n, len(tails), None if sources is None else len(sources))
        for n, tails, _, _, sources in prepared))


def betweenness_work(n: int, edges: int, sources: int | None) -> int:
    """Edge visits of one betweenness count: edges times sources (every node if exact).

    Examples
    --------
    >>> betweenness_work(1000, 5000, None), betweenness_work(1000, 5000, 2)
    (5000000, 10000)
    """
    return edges * (n if sources is None else sources)


@contextlib.contextmanager
def _igraph_seeded(seed: int | None) -> Iterator[None]:
    """Seed igraph's generator with ``random.Random(seed)``; :mod:`random` again after."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def louvain(arrays: TieArrays, keep: np.ndarray, *, seed: int | None = None,
            resolution: float = 1.0) -> np.ndarray:
    """Louvain communities (weighted by strength) of the edges ``keep`` selects.

    Parameters
    ----------
    arrays : TieArrays
        The graph.
    keep : ndarray of bool
        The edges taken into account.
    seed : int, optional
        Seed of the node order (the same seed gives the same communities).
    resolution : float
        Modularity resolution (above 1: smaller communities).

    Returns
    -------
    ndarray of int64
        Community number per node (0, 1, ...); -1 for a node no kept edge touches.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0); nx.set_edge_attributes(G, 1.0, "strength")
    >>> arrays = graph_arrays(G)
    >>> louvain(arrays, np.ones(len(arrays.tails), dtype=bool), seed=1).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    n = len(arrays)
    found = np.full(n, -1, dtype=np.int64)
    keep = keep & (arrays.tails != arrays.heads)
    if not keep.any():
        return found
    tails, heads = arrays.tails[keep], arrays.heads[keep]
    touched = np.unique(np.concatenate([tails, heads]))
    # Only the people with a kept tie: the others would each be a community.
    local = np.searchsorted(touched, np.concatenate([tails, heads]))
    kernel = _kernel(len(touched), local[:len(tails)], local[len(tails):])
    with _igraph_seeded(seed):
        clustering = kernel.community_multilevel(weights=arrays.strength[keep].tolist(),
                                                 resolution=resolution)
    found[touched] = np.asarray(clustering.membership, dtype=np.int64)
    return found
