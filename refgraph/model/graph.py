"""Building networkx graphs from the tie and flow tables."""

from __future__ import annotations

import collections
import itertools
import warnings
from collections.abc import Iterator
from itertools import islice, repeat
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from refgraph.io.collector import collector_paused

if TYPE_CHECKING:
    from refgraph.model.network import Network


def _object_values(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as an array whose ``tolist()`` gives plain Python values, and its missing cells.

    Datetimes become one standard-library :class:`datetime.datetime` per
    distinct moment (boxing is the slow part). Not :class:`pandas.Timestamp`:
    the garbage collector tracks every Timestamp and so every attribute dict
    holding one, and walked the 1.4 million edge dicts of a big graph again
    and again (9 s after building one at scale L, 2 s with datetimes).
    """
    if isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(series):
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        boxed = np.empty(len(uniques) + 1, dtype=object)
        with warnings.catch_warnings():  # dates are kept to the microsecond: nothing is lost
            warnings.simplefilter("ignore", UserWarning)
            boxed[:-1] = pd.DatetimeIndex(uniques).to_pydatetime()
        return boxed[codes], codes < 0
    if _is_text(series):
        # One str object per distinct value (stages, kinds, ids), not one per row:
        # a big graph's edge dicts then share a handful of strings.
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        boxed = np.empty(len(uniques) + 1, dtype=object)
        boxed[:-1] = np.asarray(uniques, dtype=object)
        return boxed[codes], codes < 0
    missing = series.isna().to_numpy()
    if pd.api.types.is_float_dtype(series):
        values = series.to_numpy(dtype=float, na_value=np.nan)
    elif missing.any() or not (pd.api.types.is_integer_dtype(series)
                               or pd.api.types.is_bool_dtype(series)):
        values = series.to_numpy(dtype=object)
    else:
        values = series.to_numpy()
    return values, missing  # tolist() gives Python scalars of any of these


def _is_text(series: pd.Series) -> bool:
    if isinstance(series.dtype, pd.StringDtype):
        return True
    return series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) == "string"


def _texts(series: pd.Series) -> list:
    """A text column as a list that repeats one str object per distinct value."""
    values, _ = _object_values(series)
    return values.tolist()


#: Rows whose attribute dicts :func:`_records` makes at a time: the Python
#: values of one block are alive at once, not of every row (about 250 MB at
#: 1.4 million edges of 24 attributes).
RECORD_BLOCK = 1 << 16


def _records(frame: pd.DataFrame) -> Iterator[dict]:
    """Rows as attribute dicts, leaving out missing cells (vectorised per column).

    Columns are converted once; their Python values are made a block of
    rows at a time (:data:`RECORD_BLOCK`). Within a block, rows are grouped
    by which cells they miss (a tie with no substantive contact has no
    ``last_substantive``); each group's dicts are made in C from the columns
    it has, and the groups are merged back in row order, also in C.
    """
    keys = list(frame.columns)
    converted = [_object_values(frame[key]) for key in keys]
    gappy = [position for position, (_, missing) in enumerate(converted) if missing.any()]
    pattern = np.zeros(len(frame), dtype=np.int64)
    for bit, position in enumerate(gappy):
        pattern |= converted[position][1].astype(np.int64) << bit
    holder = _key_sharing(keys)
    blocks = (_block_records(keys, converted, gappy, pattern, holder,
                             slice(start, start + RECORD_BLOCK))
              for start in range(0, len(frame), RECORD_BLOCK))
    return itertools.chain.from_iterable(blocks)


def _key_sharing(keys: list[str]) -> type:
    """A class whose instances' ``__dict__`` share one table of ``keys``, in that order.

    Python keeps the attribute dicts of a class's instances as key-sharing
    dictionaries (PEP 412): one table of keys for all of them, each dict
    holding only its values. Lent out as attribute dicts, they are plain
    :class:`dict` objects in every way (a key added later gives that dict a
    table of its own), at a third of the memory of a dict of two dozen keys
    built alone (264 bytes instead of 832: 0.8 GB less for the 1.4 million
    edges of a big graph), and are made in half the time.
    """
    holder = type("Attributes", (), {"__module__": __name__})
    holder().__dict__.update(zip(keys, repeat(None)))  # the shared table, in column order
    return holder


def _block_records(keys: list[str], converted: list[tuple[np.ndarray, np.ndarray]],
                   gappy: list[int], pattern: np.ndarray, holder: type,
                   block: slice) -> Iterator[dict]:
    """:func:`_records` of the rows in ``block``, as dicts lent by ``holder``'s instances."""
    block_pattern = pattern[block]
    groups: dict[int, Iterator[dict]] = {}
    codes = np.unique(block_pattern).tolist()
    for code in codes:
        rows = block if len(codes) == 1 else block.start + np.flatnonzero(block_pattern == code)
        count = len(block_pattern) if len(codes) == 1 else len(rows)
        present = [position for position in range(len(keys))
                   if position not in gappy or not (code >> gappy.index(position)) & 1]
        names = [keys[position] for position in present]
        values = [converted[position][0][rows].tolist() for position in present]
        groups[code] = _filled(names, values, count, holder)
    if len(groups) == 1:
        return next(iter(groups.values()))
    return map(next, map(groups.__getitem__, block_pattern.tolist()))


def _filled(names: list[str], values: list[list], count: int, holder: type) -> Iterator[dict]:
    """``count`` dicts, one per row of ``values`` (a list per name), keyed by ``names``.

    Each dict is the ``__dict__`` of a new ``holder`` instance (see
    :func:`_key_sharing`), filled in one call per row.
    """
    made = [holder().__dict__ for _ in range(count)]
    if names:
        rows = zip(*values, strict=True)
        collections.deque(map(dict.update, made, map(zip, itertools.repeat(names), rows)),
                          maxlen=0)
    return iter(made)


def _node_attributes(contacts: pd.DataFrame) -> list[tuple[str, dict]]:
    attributes = contacts.drop(columns=["id", "line"], errors="ignore")
    return list(zip(contacts["id"].tolist(), _records(attributes), strict=True))


class _PreparedGraph(nx.Graph):
    """An :class:`networkx.Graph` whose node and adjacency dicts are made beforehand.

    networkx lets a subclass say how its dicts are made (its ``*_factory``
    class attributes, "Subclasses (Advanced)" in the :class:`networkx.Graph`
    docs); these factories hand over dicts laid out exactly as
    ``add_nodes_from`` and ``add_edges_from`` would fill them. Adding a
    million edges one at a time costs seconds of interpreter work in all;
    building each person's neighbour dict in one C call does not. The
    built graph is then made a plain :class:`networkx.Graph` (same layout,
    no state of its own), so callers only ever see networkx's own class.
    """

    def __init__(self, nodes: dict, adjacency: dict, **attr):
        self._prepared_nodes, self._prepared_adjacency = nodes, adjacency
        try:
            super().__init__(**attr)
        finally:
            del self._prepared_nodes, self._prepared_adjacency
        self.__class__ = nx.Graph

    def node_dict_factory(self) -> dict:
        return self._prepared_nodes

    def adjlist_outer_dict_factory(self) -> dict:
        return self._prepared_adjacency


def _adjacency(nodes: list, u: np.ndarray, v: np.ndarray, data: list[dict]) -> dict:
    """``{node: {neighbour: data}}`` as ``add_edges_from(zip(u, v, data))`` would fill it.

    ``u`` and ``v`` are positions in ``nodes``. Each edge's dict is shared by
    both ends, and every node's neighbours come in the order of the edges,
    as networkx inserts them.
    """
    ends = np.empty(2 * len(u), dtype=np.int64)
    ends[0::2], ends[1::2] = u, v
    others = np.empty_like(ends)
    others[0::2], others[1::2] = v, u
    order = np.argsort(ends, kind="stable")  # per node, in edge order
    counts = np.bincount(ends, minlength=len(nodes)).tolist()
    shared = np.empty(len(data), dtype=object)
    shared[:] = data
    neighbours = iter(np.asarray(nodes, dtype=object)[others[order]].tolist())
    dicts = iter(shared[order // 2].tolist())
    inner = map(dict, map(zip, map(islice, repeat(neighbours), counts),
                          map(islice, repeat(dicts), counts)))
    return dict(zip(nodes, inner, strict=True))


def _positions(ids: pd.Index, ends: pd.Series) -> np.ndarray:
    """Each tie end's position in ``ids`` (-1 for none), looking each distinct id up once."""
    codes, uniques = pd.factorize(ends)
    return ids.get_indexer(uniques).take(codes)


def build_graph(network: Network, as_of: object = None) -> nx.Graph:
    """Build the undirected graph of decayed tie strength.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        Evaluate as of this moment; defaults to the latest interaction.

    Returns
    -------
    networkx.Graph
        One node per contact (contact columns as attributes, missing ratings
        left out) and one edge per pair that interacted, with the columns of
        :func:`tie_table` as attributes: plain Python values, dates as
        :class:`datetime.datetime` in UTC. ``G.graph`` holds ``owner`` and
        ``as_of``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-02-01"],
    ...     "source": ["me", "ann"], "target": ["ann", "me"], "kind": ["one_to_one", "call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> G = build_graph(net)
    >>> G.number_of_nodes(), G.number_of_edges(), G["me"]["ann"]["stage"]
    (3, 1, 'credibility')
    """
    stamp = network.resolve_as_of(as_of)
    ties = network.ties(stamp)
    with collector_paused():
        nodes = _node_attributes(network.contacts)
        node_list = [node for node, _ in nodes]
        ids = pd.Index(node_list, dtype=object)
        u, v = _positions(ids, ties["u"]), _positions(ids, ties["v"])
        attributes = _records(ties.drop(columns=["u", "v"]))
        if ids.is_unique and (u >= 0).all() and (v >= 0).all():
            attributes = list(attributes)
            graph = _PreparedGraph(dict(nodes), _adjacency(node_list, u, v, attributes),
                                   owner=network.owner, as_of=stamp)
            if len(graph) == len(graph.adj) == len(node_list):
                return graph
            # A networkx that no longer makes its dicts through the factories
            # would give an empty graph: build it edge by edge instead.
        # A network built by hand may name people its contacts lack: networkx adds them.
        graph = nx.Graph(owner=network.owner, as_of=stamp)
        graph.add_nodes_from(nodes)
        graph.add_edges_from(zip(_texts(ties["u"]), _texts(ties["v"]), attributes,
                                 strict=True))
    return graph


def build_flow_graph(network: Network, as_of: object = None) -> nx.DiGraph:
    """Build the directed graph of referrals, business and introductions given.

    An edge ``u -> v`` means ``u`` gave ``v`` referrals, business or
    introductions; attributes are the columns of :func:`flow_table`.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...     "target": ["me"], "kind": ["referral"]})
    >>> D = build_flow_graph(refgraph.load_network((contacts, interactions)))
    >>> list(D.edges(data="referrals"))
    [('ann', 'me', 1)]
    """
    stamp = network.resolve_as_of(as_of)
    flows = network.flows(stamp)
    graph = nx.DiGraph(owner=network.owner, as_of=stamp)
    with collector_paused():
        graph.add_nodes_from(_node_attributes(network.contacts))
        attributes = _records(flows.drop(columns=["source", "target"]))
        graph.add_edges_from(zip(_texts(flows["source"]), _texts(flows["target"]),
                                 attributes, strict=True))
    return graph
