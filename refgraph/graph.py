"""The time-decayed relationship graph.

Each interaction adds to the strength of the tie between its two people::

    contribution = kind_weight[kind] * 0.5 ** (age_days / half_life_days[kind])

where ``age_days`` is the time from the interaction to ``as_of``; interactions
after ``as_of`` do not count. A tie's **strength** is the sum of its
contributions over every kind, directed kinds included (passing a referral is
also contact). **Trust** maps strength into [0, 1]::

    trust = 1 - exp(-strength / trust.scale)

so it rises with strength, is 0 for no contact and approaches 1 for a long,
dense relationship. Each tie sits at one **VCP stage**:

* ``profitability`` when the decayed count of referrals and business exchanged
  (either direction) reaches ``stages.profitability_min``;
* ``credibility`` when the decayed count of substantive contacts (1-to-1,
  meeting, call, referral, business, introduction) reaches
  ``stages.credibility_min``;
* ``visibility`` otherwise: the two know of each other.

Decayed counts use each kind's half-life, so stages fade without contact.

Directed flows (``referral``, ``business``, ``introduction``) are also kept
with their direction in a separate :class:`networkx.DiGraph` (see
:func:`flow_table` and :func:`build_flow_graph`).

All of this is computed with NumPy and pandas group-bys over the whole
interaction table; networkx only receives the finished per-pair rows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from refgraph._errors import RefgraphError
from refgraph.settings import (
    DIRECTED_KINDS,
    KINDS,
    PROFITABLE_KINDS,
    SUBSTANTIVE_KINDS,
    Settings,
)

if TYPE_CHECKING:
    from refgraph.network import Network

_DAY = np.timedelta64(1, "D")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Per-kind count columns in the tie table, in :data:`KINDS` order.
COUNT_COLUMNS: tuple[str, ...] = tuple(f"n_{kind}" for kind in KINDS)


def parse_as_of(value: object, default: pd.Timestamp | None = None) -> pd.Timestamp:
    """Turn an ``as_of`` argument into a UTC timestamp.

    A plain date means the end of that day, so interactions on that date count.

    Parameters
    ----------
    value : str, date, datetime, Timestamp or None
        The moment to evaluate the network at.
    default : Timestamp, optional
        Returned when ``value`` is None.

    Returns
    -------
    Timestamp
        Timezone-aware (UTC).

    Raises
    ------
    RefgraphError
        When the value is not an ISO 8601 date or date-time.

    Examples
    --------
    >>> parse_as_of("2024-03-31")
    Timestamp('2024-03-31 23:59:59.999999+0000', tz='UTC')
    >>> parse_as_of("2024-03-31T10:00+02:00")
    Timestamp('2024-03-31 08:00:00+0000', tz='UTC')
    """
    if value is None:
        if default is None:
            raise RefgraphError("as_of is required: the network has no interactions")
        return default
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value).strip()
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        stamp = None
    if stamp is None or pd.isna(stamp) or not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        raise RefgraphError(
            f"as_of {value!r} is not a date; expected YYYY-MM-DD or an ISO 8601 date-time"
        )
    if _DATE_ONLY.match(text):
        stamp = stamp + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def trust_from_strength(strength, scale: float = 6.0):
    """Map tie strength (>= 0) to trust in [0, 1].

    ``trust = 1 - exp(-strength / scale)``: zero without contact, rising
    steeply with the first substantial contacts and flattening towards 1.

    Parameters
    ----------
    strength : float or array-like
        Decayed tie strength.
    scale : float
        Strength at which trust is 1 - 1/e (about 0.63).

    Returns
    -------
    float or ndarray
        Trust.

    Examples
    --------
    >>> round(float(trust_from_strength(6.0)), 3)
    0.632
    >>> float(trust_from_strength(0.0))
    0.0
    """
    return -np.expm1(-np.asarray(strength, dtype=float) / scale)


def decayed_interactions(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Interactions up to ``as_of`` with their age, decay factor and weight.

    Parameters
    ----------
    interactions : DataFrame
        Validated interactions (``date``, ``source``, ``target``, ``kind``, ...).
    settings : Settings
        Kind weights and half-lives.
    as_of : Timestamp
        Interactions after this moment are dropped.

    Returns
    -------
    DataFrame
        The kept rows plus ``age_days``, ``decay`` (0.5 ** (age / half-life))
        and ``weight`` (kind weight x decay).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2025-01-01"], utc=True),
    ...                      "source": ["a", "a"], "target": ["b", "b"],
    ...                      "kind": pd.Categorical(["one_to_one"] * 2, categories=KINDS)})
    >>> out = decayed_interactions(rows, Settings(), parse_as_of("2024-12-31T00:00Z"))
    >>> len(out), round(float(out["decay"].iloc[0]), 3)
    (1, 0.501)
    """
    kept = interactions[interactions["date"] <= as_of]
    kind_codes = kept["kind"].cat.codes.to_numpy()
    weights = np.array([settings.kind_weights[k] for k in KINDS], dtype=float)
    half_lives = np.array([settings.half_life_days[k] for k in KINDS], dtype=float)
    age = ((as_of - kept["date"]).to_numpy() / _DAY).astype(float)
    age = np.maximum(age, 0.0)
    decay = np.exp2(-age / half_lives[kind_codes])
    return kept.assign(age_days=age, decay=decay, weight=weights[kind_codes] * decay)


def _stage(substantive: np.ndarray, profitable: np.ndarray, settings: Settings) -> np.ndarray:
    return np.where(
        profitable >= settings.stages.profitability_min,
        "profitability",
        np.where(substantive >= settings.stages.credibility_min, "credibility", "visibility"),
    )


def tie_table(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp
) -> pd.DataFrame:
    """One row per pair of people who interacted up to ``as_of``.

    Parameters
    ----------
    interactions : DataFrame
        Validated interactions.
    settings : Settings
        Weights, half-lives, trust scale and stage rules.
    as_of : Timestamp
        Evaluation moment.

    Returns
    -------
    DataFrame
        Columns ``u``, ``v`` (the pair, ``u < v``), ``strength``, ``trust``,
        ``distance`` (``-ln trust``, for shortest-path algorithms), ``stage``,
        ``substantive`` and ``profitable`` (decayed counts behind the stage),
        ``interactions`` (count), ``n_<kind>`` per kind, ``first_contact`` and
        ``last_contact``.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"] * 2, utc=True),
    ...                      "source": ["a", "b"], "target": ["b", "a"],
    ...                      "kind": pd.Categorical(["one_to_one", "call"], categories=KINDS)})
    >>> ties = tie_table(rows, Settings(), parse_as_of("2024-01-01"))
    >>> ties[["u", "v", "interactions", "n_one_to_one", "stage"]].to_dict("records")
    [{'u': 'a', 'v': 'b', 'interactions': 2, 'n_one_to_one': 1, 'stage': 'credibility'}]
    """
    rows = decayed_interactions(interactions, settings, as_of)
    columns = ["u", "v", "strength", "trust", "distance", "stage", "substantive",
               "profitable", "interactions", *COUNT_COLUMNS, "first_contact", "last_contact"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})

    # Integer codes for people make the pair key a cheap int64.
    ends = [rows["source"].to_numpy(dtype=object), rows["target"].to_numpy(dtype=object)]
    people, codes = np.unique(np.concatenate(ends), return_inverse=True)
    n = len(rows)
    a, b = codes[:n].astype(np.int64), codes[n:].astype(np.int64)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pair_codes, pair_index = np.unique(lo * len(people) + hi, return_inverse=True)
    n_pairs = len(pair_codes)

    kind_codes = rows["kind"].cat.codes.to_numpy().astype(np.int64)
    decay = rows["decay"].to_numpy()
    strength = np.bincount(pair_index, weights=rows["weight"].to_numpy(), minlength=n_pairs)
    substantive_kind = np.isin(np.asarray(KINDS), SUBSTANTIVE_KINDS)[kind_codes]
    profitable_kind = np.isin(np.asarray(KINDS), PROFITABLE_KINDS)[kind_codes]
    substantive = np.bincount(pair_index, weights=decay * substantive_kind, minlength=n_pairs)
    profitable = np.bincount(pair_index, weights=decay * profitable_kind, minlength=n_pairs)
    counts = np.bincount(
        pair_index * len(KINDS) + kind_codes, minlength=n_pairs * len(KINDS)
    ).reshape(n_pairs, len(KINDS))
    stamps = rows["date"].dt.tz_localize(None).to_numpy().astype("datetime64[us]").astype(np.int64)
    span = pd.Series(stamps).groupby(pair_index).agg(["min", "max"])

    trust = trust_from_strength(strength, settings.trust.scale)
    with np.errstate(divide="ignore"):
        distance = -np.log(trust)
    table = pd.DataFrame(
        {
            "u": people[pair_codes // len(people)],
            "v": people[pair_codes % len(people)],
            "strength": strength,
            "trust": trust,
            "distance": distance,
            "stage": _stage(substantive, profitable, settings),
            "substantive": substantive,
            "profitable": profitable,
            "interactions": counts.sum(axis=1),
        }
    )
    for position, column in enumerate(COUNT_COLUMNS):
        table[column] = counts[:, position]
    table["first_contact"] = pd.to_datetime(span["min"].to_numpy(), unit="us", utc=True)
    table["last_contact"] = pd.to_datetime(span["max"].to_numpy(), unit="us", utc=True)
    return table


def flow_table(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Directed flows (referrals, business, introductions) per ordered pair.

    Parameters
    ----------
    interactions : DataFrame
        Validated interactions.
    settings : Settings
        Weights and half-lives.
    as_of : Timestamp
        Evaluation moment.

    Returns
    -------
    DataFrame
        Columns ``source``, ``target`` (the giver and the receiver),
        ``referrals``, ``business``, ``introductions`` (counts), ``value``
        (summed business value), ``weight`` (decayed kind-weighted sum, the
        good will the giver has shown), ``first`` and ``last`` (dates).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"] * 2, utc=True),
    ...                      "source": ["a", "a"], "target": ["b", "b"],
    ...                      "kind": pd.Categorical(["referral", "business"], categories=KINDS),
    ...                      "value": [float("nan"), 900.0]})
    >>> flow_table(rows, Settings(), parse_as_of("2024-01-01"))[
    ...     ["source", "target", "referrals", "business", "value"]].to_dict("records")
    [{'source': 'a', 'target': 'b', 'referrals': 1, 'business': 1, 'value': 900.0}]
    """
    rows = decayed_interactions(interactions, settings, as_of)
    rows = rows[rows["kind"].isin(DIRECTED_KINDS)]
    columns = ["source", "target", "referrals", "business", "introductions", "value",
               "weight", "first", "last"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    kind = rows["kind"].astype(str)
    value = rows["value"].where(kind == "business", 0.0) if "value" in rows else 0.0
    frame = pd.DataFrame(
        {
            "source": rows["source"].to_numpy(dtype=object),
            "target": rows["target"].to_numpy(dtype=object),
            "referrals": (kind == "referral").to_numpy(dtype=np.int64),
            "business": (kind == "business").to_numpy(dtype=np.int64),
            "introductions": (kind == "introduction").to_numpy(dtype=np.int64),
            "value": np.nan_to_num(np.asarray(value, dtype=float)),
            "weight": rows["weight"].to_numpy(),
            "first": rows["date"].to_numpy(),
            "last": rows["date"].to_numpy(),
        }
    )
    grouped = frame.groupby(["source", "target"], sort=True).agg(
        referrals=("referrals", "sum"),
        business=("business", "sum"),
        introductions=("introductions", "sum"),
        value=("value", "sum"),
        weight=("weight", "sum"),
        first=("first", "min"),
        last=("last", "max"),
    )
    out = grouped.reset_index()
    out["first"] = pd.to_datetime(out["first"], utc=True)
    out["last"] = pd.to_datetime(out["last"], utc=True)
    return out


def _node_attributes(contacts: pd.DataFrame) -> list[tuple[str, dict]]:
    records = contacts.drop(columns=["line"], errors="ignore").to_dict("records")
    nodes = []
    for record in records:
        attributes = {
            key: value for key, value in record.items()
            if key != "id" and value is not None and value is not pd.NA
            and not (isinstance(value, float) and np.isnan(value))
        }
        for key in ("character", "competency"):
            if key in attributes:
                attributes[key] = int(attributes[key])
        nodes.append((record["id"], attributes))
    return nodes


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
        One node per contact (contact columns as attributes) and one edge per
        pair that interacted, with the columns of :func:`tie_table` as
        attributes. ``G.graph`` holds ``owner`` and ``as_of``.

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
    graph = nx.Graph(owner=network.owner, as_of=stamp)
    graph.add_nodes_from(_node_attributes(network.contacts))
    ties = network.ties(stamp)
    attributes = ties.drop(columns=["u", "v"]).to_dict("records")
    graph.add_edges_from(zip(ties["u"], ties["v"], attributes, strict=True))
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
    graph = nx.DiGraph(owner=network.owner, as_of=stamp)
    graph.add_nodes_from(_node_attributes(network.contacts))
    flows = network.flows(stamp)
    attributes = flows.drop(columns=["source", "target"]).to_dict("records")
    graph.add_edges_from(zip(flows["source"], flows["target"], attributes, strict=True))
    return graph
