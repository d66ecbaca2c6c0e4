"""Month-on-month: every stats number at two moments, and what changed between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.insight.centrality import (
    MEASURES,
    betweenness_sample,
    centrality_of,
    ranked,
    top_per_measure,
)
from refgraph.insight.communities import brokers_of, communities_of, remember_communities
from refgraph.insight.kernels import (
    TieArrays,
    betweenness_work,
    inherited,
    inherited_value,
    network_arrays,
    side_by_side,
)
from refgraph.insight.ledger import LEDGER_COLUMNS, flow_totals, ledger
from refgraph.io.chapter import from_attendance
from refgraph.io.settings import STAGES, Settings
from refgraph.model.network import Network

#: Ledger columns whose change over the month is reported (now minus then).
LEDGER_CHANGE_COLUMNS: tuple[str, ...] = tuple(
    c for c in LEDGER_COLUMNS if c not in ("id", "name", "reciprocity"))


@dataclass
class Snapshot:
    """Every stats number at one moment (see :func:`snapshot`)."""

    as_of: pd.Timestamp
    contacts_with_ties: int
    interactions: int
    ties: int
    stages: dict[str, int]
    flows: dict[str, float]
    table: pd.DataFrame
    groups: pd.DataFrame
    brokers: pd.DataFrame
    ledger: pd.DataFrame = field(default_factory=pd.DataFrame)
    meeting_contacts: int = 0


def snapshot(network: Network, stamp: pd.Timestamp) -> Snapshot:
    """Size, stages, flows, centrality, communities, brokers and ledger as of ``stamp``.

    Parameters
    ----------
    network : Network
        A loaded network.
    stamp : Timestamp
        The moment (UTC), as returned by :meth:`Network.resolve_as_of`.

    Returns
    -------
    Snapshot
        ``table`` is the :func:`centrality` table, ``groups`` every community.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> now = snapshot(net, net.resolve_as_of())
    >>> now.ties, now.stages["visibility"], now.contacts_with_ties
    (1, 1, 2)
    """
    return snapshots(network, [stamp])[0]


def snapshots(network: Network, stamps: list[pd.Timestamp]) -> list[Snapshot]:
    """:func:`snapshot` at each of several moments, measured side by side.

    Betweenness is the costly measure: with spare CPUs, each moment's graph
    measures (:func:`graph_measures`) are taken in its own process (see
    :func:`~refgraph.insight.kernels.side_by_side`), with the same numbers.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> [moment.ties for moment in snapshots(net, [net.resolve_as_of(), net.resolve_as_of()])]
    [1, 1]
    """
    if not stamps:
        return []
    # Every moment is measured whole where it runs, its tie table included: a
    # worker computes the month before's while this process computes today's.
    # There are at most as many ties as interactions, which bounds the work.
    sample = betweenness_sample(len(network.contacts), network.settings)
    work = len(stamps) * betweenness_work(len(network.contacts), len(network.interactions),
                                          sample)
    with inherited(network) as key:
        measured = side_by_side(_snapshot_job, [(key, stamp) for stamp in stamps], work=work)
    for snapshot in measured:  # a picture of the same moment colours by these
        remember_communities(network, snapshot.as_of, snapshot.groups)
    return measured


def _snapshot_job(key: int, stamp: pd.Timestamp) -> Snapshot:
    # Module level, naming the network by key: what a forked worker is handed.
    network = inherited_value(key)
    arrays = network_arrays(network, stamp)
    table, groups, found = graph_measures(arrays, network.settings)
    ties = network.ties(stamp)
    counted = ties["stage"].value_counts() if len(ties) else pd.Series(dtype=int)
    until = (network.interactions["date"] <= stamp).to_numpy()
    # Logged interactions apart from the contacts a chapter's attendance adds:
    # the first is what a user can count in their files.
    meeting = from_attendance(network.interactions) & until
    return Snapshot(
        as_of=stamp,
        contacts_with_ties=len(arrays),
        interactions=int(until.sum() - meeting.sum()),
        meeting_contacts=int(meeting.sum()),
        ties=len(ties),
        stages={stage: int(counted.get(stage, 0)) for stage in STAGES},
        flows=flow_totals(network, stamp),
        table=table,
        groups=groups,
        brokers=found,
        ledger=ledger(network, stamp),
    )


def graph_measures(arrays: TieArrays, settings: Settings
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The centrality table, communities and brokers of one moment's tie graph.

    Everything a :class:`Snapshot` keeps that depends on the graph alone, so
    that :func:`snapshots` can measure several moments side by side.

    Examples
    --------
    >>> import refgraph
    >>> from refgraph.insight.kernels import network_arrays
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> table, groups, brokers = graph_measures(network_arrays(net), net.settings)
    >>> table["degree"].tolist()
    [0.2, 0.2]
    """
    table = centrality_of(arrays, settings=settings)
    groups = communities_of(arrays, settings=settings)
    return table, groups, brokers_of(arrays, settings=settings, groups=groups, table=table)


def listed_communities(groups: pd.DataFrame, minimum: int) -> pd.DataFrame:
    """The communities of at least ``minimum`` members (the ones stats lists).

    Examples
    --------
    >>> listed_communities(pd.DataFrame({"id": [1, 2], "size": [5, 2]}), 3)["id"].tolist()
    [1]
    """
    return groups[groups["size"] >= minimum] if len(groups) else groups


def leaders_then_and_now(now: Snapshot, then: Snapshot, owner: str | None,
                         limit: int) -> pd.DataFrame:
    """The leaders now, each with their rank and value a month earlier.

    Parameters
    ----------
    now, then : Snapshot
        The two moments compared.
    owner : str or None
        Left out of the lists and of the ranks.
    limit : int
        Leaders per measure.

    Returns
    -------
    DataFrame
        :func:`~refgraph.insight.centrality.top_per_measure` of ``now`` plus
        ``previous_rank`` (Int64) and ``previous_value`` (Float64), missing
        for someone who had no tie then.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["A"], "degree": [1.0], "pagerank": [1.0],
    ...                       "betweenness": [0.0]}, index=["a"])
    >>> moment = Snapshot(pd.Timestamp("2024-01-31", tz="UTC"), 1, 1, 1, {}, {}, table,
    ...                   pd.DataFrame(), pd.DataFrame())
    >>> leaders_then_and_now(moment, moment, None, 3)["previous_rank"].tolist()
    [1, 1, 1]
    """
    top = top_per_measure(now.table, set() if owner is None else {owner}, limit)
    before = ranks(then.table, owner)
    previous_rank, previous_value = [], []
    for measure, person in zip(top["measure"], top["id"], strict=True):
        rank = before[measure].get(person)
        previous_rank.append(None if rank is None else int(rank))
        previous_value.append(float(then.table.at[person, measure])
                              if person in then.table.index else None)
    top["previous_rank"] = pd.array(previous_rank, dtype="Int64")
    top["previous_value"] = pd.array(previous_value, dtype="Float64")
    return top


def ranks(table: pd.DataFrame, owner: str | None) -> dict[str, pd.Series]:
    """Rank (1 = highest) of every contact on each measure, owner excluded.

    Examples
    --------
    >>> table = pd.DataFrame({"degree": [1.0, 3.0], "pagerank": [0.5, 0.5],
    ...                       "betweenness": [0.0, 0.0]}, index=["a", "b"])
    >>> ranks(table, None)["degree"].to_dict()
    {'b': 1, 'a': 2}
    """
    table = table.drop(index=[owner], errors="ignore") if owner is not None else table
    return {measure: pd.Series(np.arange(1, len(table) + 1),
                               index=ranked(table, measure).index)
            for measure in MEASURES}


def entered_left(now: list, before: list) -> dict[str, list]:
    """Who ``entered`` a list since ``before`` and who ``left`` it.

    Examples
    --------
    >>> entered_left(["a", "c"], ["a", "b"])
    {'entered': ['c'], 'left': ['b']}
    """
    return {"entered": [x for x in now if x not in set(before)],
            "left": [x for x in before if x not in set(now)]}


def ledger_changes(now: pd.DataFrame, then: pd.DataFrame) -> list[dict[str, Any]]:
    """Per contact, how their ledger moved since ``then``: only those whose ledger changed.

    Counts and values are differences (now minus then; someone absent then
    counts from zero). ``reciprocity`` is the change in reciprocity, ``None``
    for someone who had exchanged nothing before. Ordered like ``now``.

    Parameters
    ----------
    now, then : DataFrame
        :func:`~refgraph.insight.ledger.ledger` at the two moments.

    Returns
    -------
    list of dict
        One dict per contact whose ledger moved.

    Examples
    --------
    >>> from refgraph.insight.ledger import LEDGER_COLUMNS
    >>> row = {c: 0 for c in LEDGER_COLUMNS} | {"id": "a", "name": "A", "reciprocity": 1.0}
    >>> then = pd.DataFrame([row])
    >>> now = pd.DataFrame([row | {"referrals_given": 2}])
    >>> [(c["id"], c["referrals_given"], c["reciprocity"]) for c in ledger_changes(now, then)]
    [('a', 2, 0.0)]
    """
    if now.empty:
        return []
    columns = list(LEDGER_CHANGE_COLUMNS)
    before = then.set_index("id").reindex(now["id"])
    deltas = now.set_index("id")[columns] - before[columns].fillna(0)
    moved = (deltas != 0).any(axis=1).to_numpy()
    reciprocity = (now["reciprocity"].to_numpy()
                   - before["reciprocity"].to_numpy(dtype=float, na_value=np.nan))
    picked = deltas[moved]
    out = pd.DataFrame({"id": now["id"].to_numpy(dtype=object)[moved],
                        "name": now["name"].to_numpy(dtype=object)[moved]})
    for column in columns:
        values = picked[column].to_numpy()
        out[column] = (values.astype(float) if column.startswith("business_value")
                       else values.astype(np.int64))
    change = reciprocity[moved].astype(object)
    change[np.isnan(reciprocity[moved])] = None
    out["reciprocity"] = change
    # to_dict gives Python ints and floats, as the JSON contract expects.
    return out.to_dict("records")


def month_changes(
    now: Snapshot,
    then: Snapshot,
    *,
    leaders_now: pd.DataFrame,
    ledgers: tuple[pd.DataFrame, pd.DataFrame],
    owner: str | None,
    limit: int,
    min_community_size: int,
) -> dict[str, Any]:
    """Headline numbers now minus then: the ``changes`` part of the stats JSON contract.

    Parameters
    ----------
    now, then : Snapshot
        The two moments compared.
    leaders_now : DataFrame
        The leaders listed now (:func:`leaders_then_and_now`).
    ledgers : (DataFrame, DataFrame)
        The ledger now and then.
    owner : str or None
        Left out of the leader lists.
    limit : int
        Leaders per measure.
    min_community_size : int
        Communities smaller than this are not listed, nor counted.

    Returns
    -------
    dict
        ``previous_as_of``; ``size``, ``stages`` and ``flows`` as differences;
        ``leaders`` (per measure) and ``brokers``, the ids that ``entered`` or
        ``left``; ``ledger``, see :func:`ledger_changes`.

    Examples
    --------
    >>> empty = pd.DataFrame(columns=["measure", "id", "size"])
    >>> def moment(day, ties):
    ...     return Snapshot(pd.Timestamp(day, tz="UTC"), 2, ties, ties, {"visibility": ties},
    ...                     {"referrals": 0}, pd.DataFrame(columns=["name", *MEASURES]),
    ...                     empty, pd.DataFrame({"id": []}))
    >>> changed = month_changes(moment("2024-02-29", 3), moment("2024-01-31", 1),
    ...     leaders_now=empty, ledgers=(pd.DataFrame(), pd.DataFrame()), owner=None,
    ...     limit=10, min_community_size=3)
    >>> changed["size"]["ties"], changed["stages"], changed["brokers"]
    (2, {'visibility': 2}, {'entered': [], 'left': []})
    """
    ledger_now, ledger_then = ledgers
    communities_now = listed_communities(now.groups, min_community_size)
    communities_then = listed_communities(then.groups, min_community_size)
    before = ranks(then.table, owner)
    return {
        "previous_as_of": then.as_of,
        "size": {"contacts_with_ties": now.contacts_with_ties - then.contacts_with_ties,
                 "interactions": now.interactions - then.interactions,
                 "meeting_contacts": now.meeting_contacts - then.meeting_contacts,
                 "ties": now.ties - then.ties,
                 "communities": len(communities_now) - len(communities_then)},
        "stages": {stage: now.stages[stage] - then.stages[stage] for stage in now.stages},
        "flows": {key: now.flows[key] - then.flows[key] for key in now.flows},
        "leaders": {measure: entered_left(
            list(leaders_now.loc[leaders_now["measure"] == measure, "id"]),
            list(before[measure].index[:limit])) for measure in MEASURES},
        "brokers": entered_left(list(now.brokers["id"]), list(then.brokers["id"])),
        "ledger": ledger_changes(ledger_now, ledger_then),
    }
