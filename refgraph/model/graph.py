"""Building networkx graphs from the tie and flow tables."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from refgraph.io.collector import collector_paused

if TYPE_CHECKING:
    from refgraph.model.network import Network


class _Missing:
    """Marks a cell with no value, so it does not become an attribute."""


_MISSING = _Missing()


def _python_values(series: pd.Series) -> tuple[list, bool]:
    """A column as plain Python values, and whether any cell is missing.

    Missing cells become :data:`_MISSING`; datetimes become one
    :class:`pandas.Timestamp` per distinct moment (boxing is the slow part).
    """
    if isinstance(series.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(series):
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        boxed = np.empty(len(uniques) + 1, dtype=object)
        boxed[:-1] = list(uniques)
        boxed[-1] = _MISSING
        return boxed[codes].tolist(), bool((codes < 0).any())
    missing = series.isna().to_numpy()
    if pd.api.types.is_integer_dtype(series) or pd.api.types.is_bool_dtype(series):
        values = series.to_numpy(dtype=object) if missing.any() else series.to_numpy()
    elif pd.api.types.is_float_dtype(series):
        values = series.to_numpy(dtype=float, na_value=np.nan)
    else:
        values = series.to_numpy(dtype=object)
    if missing.any():
        values = np.where(missing, _MISSING, values.astype(object))
        return values.tolist(), True
    return values.tolist(), False


def _records(frame: pd.DataFrame) -> Iterator[dict]:
    """Rows as attribute dicts, leaving out missing cells (vectorised per column).

    The dicts are made one at a time: networkx copies each into its own, so
    a list of them all would only double the peak memory.
    """
    keys = list(frame.columns)
    converted = [_python_values(frame[key]) for key in keys]
    columns = [values for values, _ in converted]
    # map() keeps the per-row work in C: about 10% faster than a comprehension.
    records = map(dict, map(zip, itertools.repeat(keys), zip(*columns, strict=True)))
    if any(has_missing for _, has_missing in converted):
        return ({k: v for k, v in record.items() if v is not _MISSING} for record in records)
    return records


def _node_attributes(contacts: pd.DataFrame) -> list[tuple[str, dict]]:
    attributes = contacts.drop(columns=["id", "line"], errors="ignore")
    return list(zip(contacts["id"].tolist(), _records(attributes), strict=True))


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
        :func:`tie_table` as attributes. ``G.graph`` holds ``owner`` and
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
    graph = nx.Graph(owner=network.owner, as_of=stamp)
    with collector_paused():
        graph.add_nodes_from(_node_attributes(network.contacts))
        attributes = _records(ties.drop(columns=["u", "v"]))
        graph.add_edges_from(zip(ties["u"].tolist(), ties["v"].tolist(), attributes,
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
        graph.add_edges_from(zip(flows["source"].tolist(), flows["target"].tolist(),
                                 attributes, strict=True))
    return graph
