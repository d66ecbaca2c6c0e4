"""Vouched second-degree people and the cautions a candidate carries.

When nobody the owner trusts fits, a networker does not send a stranger: they
ask a trusted contact who has referred, used or worked with someone who
fits. :func:`vouchers` finds, for each weakly tied candidate, the owner's
trusted contacts (relationship at least ``refer.voucher_relationship``) with
a flow or a working tie to them, and the trust of the route::

    route_trust = relationship(owner, voucher) * trust(voucher, candidate)

:func:`cautions` lists what a networker would say before referring someone:
silent too long, character or competency rated low, only met once, no
relationship yet.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from refgraph.io.settings import ReferSettings
from refgraph.judge.phrases import span_phrase, times
from refgraph.model.focus import flows_touching
from refgraph.model.network import Network


def _how(row: Any, voucher_name: str, silent_days: float) -> str:
    """"referred by Dan Robinson 2 times; gave Dan Robinson business twice"."""
    said = []
    if row.referred_them:
        said.append(f"referred by {voucher_name} {times(int(row.referred_them))}")
    if row.used_them:
        said.append(f"{voucher_name} used their service {times(int(row.used_them))}")
    if row.introduced_them:
        said.append(f"introduced by {voucher_name} {times(int(row.introduced_them))}")
    if row.referred_voucher or row.gave_voucher:
        said.append(f"passed {voucher_name} referrals or business "
                    f"{times(int(row.referred_voucher + row.gave_voucher))}")
    if not said and row.n_one_to_one:
        said.append(f"met {voucher_name} one-to-one {times(int(row.n_one_to_one))}")
    if row.silent_days >= silent_days:
        # A vouch years old is a memory: the networker should know before leaning on it.
        said.append(f"no contact between them for {span_phrase(row.silent_days)}")
    return "; ".join(said)


def vouchers(network: Network, stamp: pd.Timestamp, relationship: pd.Series,
             candidates: pd.Index, options: ReferSettings) -> pd.DataFrame:
    """Who among the owner's trusted contacts vouches for each candidate, and how.

    Parameters
    ----------
    network : Network
        The network.
    stamp : Timestamp
        The evaluation moment.
    relationship : Series
        The owner's relationship with every contact, indexed by id.
    candidates : Index
        Ids of the weakly tied candidates to look up.
    options : ReferSettings
        ``voucher_relationship``.

    Returns
    -------
    DataFrame
        One row per (candidate, voucher), best route first: ``candidate``,
        ``voucher``, ``route_trust`` and ``how``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "dan", "jo"], "name": ["Me", "Dan", "Jo"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-01-06", "2024-01-07",
    ...                                        "2024-02-01", "2024-02-01"],
    ...     "source": ["me", "dan", "me", "dan", "dan"], "target": ["dan", "me", "dan", "jo", "jo"],
    ...     "kind": ["one_to_one", "referral", "one_to_one", "referral", "one_to_one"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> table = vouchers(net, net.resolve_as_of(), pd.Series({"me": 0.0, "dan": 0.9, "jo": 0.0}),
    ...                  pd.Index(["jo"]), net.settings.refer)
    >>> table[["candidate", "voucher", "how"]].to_dict("records")
    [{'candidate': 'jo', 'voucher': 'dan', 'how': 'referred by Dan once'}]
    """
    columns = ["candidate", "voucher", "route_trust", "how"]
    trusted = relationship[relationship >= options.voucher_relationship]
    if trusted.empty or not len(candidates):
        return pd.DataFrame(columns=columns)
    ties = network.ties(stamp)
    u, v = ties["u"].to_numpy(dtype=object), ties["v"].to_numpy(dtype=object)
    both = pd.DataFrame({"voucher": np.concatenate([u, v]), "candidate": np.concatenate([v, u]),
                         "trust": np.tile(ties["trust"].to_numpy(dtype=float), 2),
                         "n_one_to_one": np.tile(ties["n_one_to_one"].to_numpy(dtype=float), 2),
                         "substantive": np.tile(ties["stage"].to_numpy(dtype=object), 2),
                         "silent_days": np.tile(ties["silent_days"].to_numpy(dtype=float), 2)})
    pairs = both[both["voucher"].isin(trusted.index) & both["candidate"].isin(candidates)]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    flows = flows_touching(network, trusted.index, stamp).set_index(["source", "target"])
    counts = {}
    for name, (source, target, column) in {
        "referred_them": ("voucher", "candidate", "referrals"),
        "used_them": ("voucher", "candidate", "business"),
        "introduced_them": ("voucher", "candidate", "introductions"),
        "referred_voucher": ("candidate", "voucher", "referrals"),
        "gave_voucher": ("candidate", "voucher", "business"),
    }.items():
        keys = pd.MultiIndex.from_arrays([pairs[source], pairs[target]])
        counts[name] = flows[column].reindex(keys).fillna(0.0).to_numpy()
    pairs = pairs.assign(**counts)
    flowed = sum(counts.values()) > 0
    # A working tie without flows vouches too: repeated one-to-ones (credibility or more).
    working = pairs["substantive"].isin(["credibility", "profitability"]).to_numpy()
    pairs = pairs[flowed | working]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    pairs = pairs.assign(route_trust=trusted.reindex(pairs["voucher"]).to_numpy()
                         * pairs["trust"].to_numpy())
    names = network.contacts.set_index("id")["name"]
    pairs = pairs.assign(how=[_how(row, str(names.get(row.voucher, row.voucher)),
                                   options.caution_silent_days)
                              for row in pairs.itertuples(index=False)])
    return (pairs.sort_values(["candidate", "route_trust", "voucher"],
                              ascending=[True, False, True], kind="stable")[columns]
            .reset_index(drop=True))


def cautions(row: pd.Series, options: ReferSettings) -> list[str]:
    """What to say before referring a candidate, from the numbers of their row.

    Examples
    --------
    >>> row = pd.Series({"stage": "credibility", "interactions": 1, "days_since_contact": 430.0,
    ...                  "character_rating": 2.0, "competency_rating": float("nan")})
    >>> cautions(row, ReferSettings())
    ['silent for 14 months \u2014 reconnect first', 'character rated 2/5', 'only met once']
    """
    said = []
    if row["stage"] == "none" or row["interactions"] == 0:
        said.append("no relationship with you yet \u2014 a stranger to you")
    elif row["days_since_contact"] >= options.caution_silent_days:
        said.append(f"silent for {span_phrase(row['days_since_contact'])} \u2014 reconnect first")
    elif row["stage"] == "visibility":
        said.append("visibility only \u2014 you barely know them yet")
    for rating in ("character", "competency"):
        value = row[f"{rating}_rating"]
        if not pd.isna(value) and value <= options.character_gate:
            said.append(f"{rating} rated {int(value)}/5")
    if row["interactions"] == 1:
        said.append("only met once")
    return said


__all__ = ["cautions", "vouchers"]
