"""The social-capital ledger: referrals, introductions and business given and received.

Per contact: referrals, introductions and business given and received
(counts), business value given and received (a ``business`` interaction's
``value``, from the one who gave the business to the one who received it) and
*reciprocity*, ``(given - received) / (given + received)`` over those counts:
+1 for someone who only gives, -1 for someone who only receives, 0 for a
balanced exchange.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from refgraph.model.network import Network, require_network

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


def contact_names(network: Network, ids: Iterable) -> np.ndarray:
    """Display names of ``ids``; an id that is not a contact stands for itself.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> contact_names(refgraph.load_network((contacts, interactions)), ["ann", "zed"]).tolist()
    ['Ann', 'zed']
    """
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
    network = require_network(network)
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
    frame["name"] = contact_names(network, people)
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


