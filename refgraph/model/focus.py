"""Tables for a few people, and tie ends as contact positions.

A question about one person (the owner's referral sources, what their
trusted contacts say of a candidate) needs only the flows that touch them,
and every array kernel over the tie table needs each tie's ends as
positions among the contacts. Both come from the network's cache when it
already holds the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from refgraph.model.network import Network
from refgraph.model.people import network_person_codes
from refgraph.model.ties import flow_table


def flows_touching(network: Network, people: Iterable[str], as_of: pd.Timestamp
                   ) -> pd.DataFrame:
    """The rows of :meth:`Network.flows` whose source or target is one of ``people``.

    Unless the whole table is already kept, only the interactions touching
    them are summed, which gives the same rows as the whole table.

    Parameters
    ----------
    network : Network
        The network.
    people : iterable of str
        Contact ids.
    as_of : Timestamp
        The moment (already resolved).

    Returns
    -------
    DataFrame
        Flow table rows (columns as :func:`~refgraph.model.ties.flow_table`),
        in the whole table's order.

    Examples
    --------
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"] * 2, utc=True),
    ...     "source": ["a", "c"], "target": ["b", "d"], "kind": ["referral"] * 2})
    >>> flows_touching(Network(pd.DataFrame(), rows), ["b"], parse_as_of("2024-01-01")
    ...                )[["source", "target"]].values.tolist()
    [['a', 'b']]
    """
    wanted = pd.Index(list(people), dtype=object)
    whole = network.kept(("flows", as_of))
    if whole is not None:
        touching = whole["source"].isin(wanted) | whole["target"].isin(wanted)
        return whole[touching.to_numpy(dtype=bool)]
    everyone, source, target = network_person_codes(network)
    codes = pd.Index(everyone).get_indexer(wanted)
    codes = codes[codes >= 0]
    # "table": a lookup over the people codes, not a sort of a million rows.
    rows = np.flatnonzero(np.isin(source, codes, kind="table")
                          | np.isin(target, codes, kind="table"))
    # Only the columns a flow table reads: the notes would be copied for nothing.
    columns = [c for c in ("date", "kind", "value") if c in network.interactions]
    return flow_table(network.interactions[columns].iloc[rows], network.settings, as_of,
                      codes=(everyone, source[rows], target[rows]))


def tie_positions(network: Network, as_of: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """Where each tie's two people sit in ``network.contacts`` (-1 if not listed), cached.

    Parameters
    ----------
    network : Network
        The network.
    as_of : Timestamp
        The moment (already resolved).

    Returns
    -------
    (ndarray, ndarray) of int64
        Row positions of ``u`` and of ``v``, one per row of
        ``network.ties(as_of)``.

    Examples
    --------
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> net = Network(pd.DataFrame({"id": ["b", "a"], "name": ["B", "A"]}), rows)
    >>> [ends.tolist() for ends in tie_positions(net, parse_as_of("2024-01-01"))]
    [[1], [0]]
    """
    def compute() -> tuple[np.ndarray, np.ndarray]:
        ties = network.ties(as_of)
        ids = pd.Index(network.contacts["id"])
        ends = []
        for side in ("u", "v"):
            # Each distinct id is looked up once (Arrow columns factorise in C).
            codes, distinct = pd.factorize(ties[side])
            ends.append(ids.get_indexer(distinct).astype(np.int64)[codes]
                        if len(codes) else np.zeros(0, dtype=np.int64))
        return ends[0], ends[1]

    return network.cached(("tie_positions", as_of), compute)


__all__ = ["flows_touching", "tie_positions"]
