"""The parts of a referral score besides fit: relationship, credibility, good will, recency.

Each part is in [0, 1] and is built from the owner's tie, the flows between
the owner and each contact, and the owner's ratings:

**Relationship.** The owner's tie: ``(1 - relationship_stage_share) * trust +
relationship_stage_share * stage`` with stage 0 (visibility or no tie), 0.5
(credibility), 1 (profitability).

**Credibility**, in the order people weigh it: character, competency (the
owner's 1-5 ratings as ``(rating - 1) / 4``; a missing rating is neutral,
0.5), having used their service (decayed business the owner gave them), and
success (decayed referrals they received from anyone, and their weighted
degree percentile in the network, the owner's ties left out).

**Good will.** What they have given the owner: the decayed weight of their
referrals, business and introductions to the owner.

**Recency.** ``0.5 ** (days since last contact / recency_half_life_days)``,
weighted lightly: the toolkit corrects "first to come to mind", it does not
reward it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from refgraph.io.settings import STAGES, ReferSettings
from refgraph.model.focus import flows_touching, tie_positions
from refgraph.model.network import Network
from refgraph.model.people import network_person_codes
from refgraph.model.ties import decayed_interactions


def mixing_share(value: float) -> float:
    """A mixing share from the settings, kept in [0, 1] so every part stays in [0, 1].

    Examples
    --------
    >>> mixing_share(0.3), mixing_share(1.7), mixing_share(-2)
    (0.3, 1.0, 0.0)
    """
    return min(max(float(value), 0.0), 1.0)


def half_saturation(amount: np.ndarray, half: float) -> np.ndarray:
    """``1 - 0.5 ** (amount / half)``: 0 for nothing, 0.5 at ``half``, towards 1.

    Parameters
    ----------
    amount : array_like
        Non-negative amounts (decayed referrals, jobs, weights).
    half : float
        The amount that scores 0.5; at or below 0, any amount scores 1.

    Returns
    -------
    ndarray
        Values in [0, 1).

    Examples
    --------
    >>> half_saturation(np.array([0.0, 2.0, 4.0]), 2.0).tolist()
    [0.0, 0.5, 0.75]
    """
    if half <= 0:
        return (np.asarray(amount) > 0).astype(float)
    return -np.expm1(-np.log(2.0) * np.asarray(amount, dtype=float) / half)


def _rating(values: pd.Series) -> np.ndarray:
    """A 1-5 rating as (rating - 1) / 4; missing ratings are neutral (0.5, as 3/5)."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    return np.where(np.isnan(numbers), 0.5, (numbers - 1.0) / 4.0)


def _decayed_count(network: Network, stamp: pd.Timestamp, kind: str, by: str,
                   source: str | None = None) -> pd.Series:
    """Decayed count of interactions of one kind per ``by`` person (optionally from one source).

    Summed over the people codes the loader keeps (one ``bincount``), not
    grouped by id strings.
    """
    everyone, sources, targets = network_person_codes(network)
    wanted = (network.interactions["kind"] == kind).to_numpy(dtype=bool)  # categorical: cheap
    if source is not None:
        code = pd.Index(everyone).get_indexer([source])[0]
        wanted = wanted & (sources == code)
    rows = np.flatnonzero(wanted)
    if not len(rows):
        return pd.Series(dtype=float)
    columns = network.interactions[["date", "kind"]].iloc[rows].reset_index(drop=True)
    picked = columns.assign(person=(targets if by == "target" else sources)[rows])
    decayed = decayed_interactions(picked, network.settings, stamp)
    totals = np.bincount(decayed["person"].to_numpy(), weights=decayed["decay"].to_numpy(),
                         minlength=len(everyone))
    return pd.Series(totals, index=pd.Index(everyone, dtype=object))


def _standing(network: Network, stamp: pd.Timestamp) -> pd.DataFrame:
    """Per contact: decayed referrals received and weighted degree (cached per moment)."""
    def compute() -> pd.DataFrame:
        ids = pd.Index(network.contacts["id"])
        received = _decayed_count(network, stamp, "referral", "target").reindex(ids).fillna(0.0)
        ties = network.ties(stamp)
        strength = ties["strength"].to_numpy(dtype=float)
        degree = np.zeros(len(ids))
        for codes in tie_positions(network, stamp):
            known = codes >= 0
            degree += np.bincount(codes[known], weights=strength[known], minlength=len(ids))
        return pd.DataFrame({"referrals_received": received.to_numpy(), "degree": degree},
                            index=ids)

    return network.cached(("refer", "standing", stamp), compute)


def _spread(ids: pd.Index, keys: np.ndarray, values: np.ndarray, fill: Any) -> np.ndarray:
    """Values given for some ids, laid out in ``ids`` order with ``fill`` elsewhere."""
    out = np.full(len(ids), fill, dtype=object if isinstance(fill, str) else float)
    positions = ids.get_indexer(keys)
    known = positions >= 0
    out[positions[known]] = np.asarray(values)[known]
    return out


def _owner_frame(network: Network, owner: str, stamp: pd.Timestamp) -> pd.DataFrame:
    """Per contact: the owner's tie, what they gave the owner, what the owner gave them."""
    ids = pd.Index(network.contacts["id"], name="id")
    ties = network.ties(stamp)
    # Compared as pandas columns (Arrow kernels for Arrow strings), not as Python objects.
    is_u = (ties["u"] == owner).to_numpy(dtype=bool)
    is_v = (ties["v"] == owner).to_numpy(dtype=bool)
    mine = ties[is_u | is_v]
    other = np.where(is_u[is_u | is_v], mine["v"].to_numpy(dtype=object),
                     mine["u"].to_numpy(dtype=object))
    at = _Layout(ids, other)
    # Columns gathered first and framed once: one insertion per column costs more.
    columns: dict[str, Any] = {}
    for column in ("trust", "strength", "n_one_to_one", "interactions"):
        columns[column] = at.spread(mine[column].to_numpy(dtype=float), 0.0)
    for column in ("stage", "earned_stage"):
        columns[column] = at.spread(mine[column].to_numpy(dtype=object), "none")
    for column in ("first_contact", "last_contact"):
        micros = at.spread(mine[column].astype("datetime64[us, UTC]").to_numpy(
            dtype="datetime64[us]").astype(np.int64).astype(float), np.nan)
        columns[column] = pd.to_datetime(micros, unit="us", utc=True)

    flows = flows_touching(network, [owner], stamp)
    given = flows[(flows["target"] == owner).to_numpy(dtype=bool)]
    from_them = _Layout(ids, given["source"].to_numpy(dtype=object))
    for column in ("weight", "referrals", "business", "introductions", "value"):
        columns[f"gave_{column}"] = from_them.spread(given[column].to_numpy(dtype=float), 0.0)
    jobs = flows[(flows["source"] == owner).to_numpy(dtype=bool)]
    columns["owner_business"] = _spread(ids, jobs["target"].to_numpy(dtype=object),
                                        jobs["business"].to_numpy(dtype=float), 0.0)
    decayed = _decayed_count(network, stamp, "business", "target", source=owner)
    columns["owner_business_decayed"] = _spread(ids, decayed.index.to_numpy(dtype=object),
                                                decayed.to_numpy(dtype=float), 0.0)
    standing = _standing(network, stamp)
    columns["referrals_received"] = standing["referrals_received"].to_numpy()
    # Standing in the network beyond the owner: the owner's own tie is relationship.
    degree = pd.Series(standing["degree"].to_numpy() - columns["strength"], index=ids)
    degree = degree.where(degree > 1e-9, 0.0)
    columns["centrality"] = degree.rank(pct=True, method="max").where(degree > 0, 0.0).to_numpy()
    return pd.DataFrame(columns, index=ids)


class _Layout:
    """Where some ids sit among all contacts: :func:`_spread` with the lookup done once."""

    def __init__(self, ids: pd.Index, keys: np.ndarray) -> None:
        self.size = len(ids)
        positions = ids.get_indexer(keys)
        self.known = positions >= 0
        self.positions = positions[self.known]

    def spread(self, values: np.ndarray, fill: Any) -> np.ndarray:
        out = np.full(self.size, fill, dtype=object if isinstance(fill, str) else float)
        out[self.positions] = np.asarray(values)[self.known]
        return out


def score_parts(network: Network, owner: str, stamp: pd.Timestamp, options: ReferSettings
                ) -> pd.DataFrame:
    """Relationship, credibility (with its four parts), good will and recency per contact.

    Parameters
    ----------
    network : Network
        The network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (already resolved).
    options : ReferSettings
        Weights and half-lives of the parts.

    Returns
    -------
    DataFrame
        One row per contact, indexed by id in ``network.contacts`` order: the
        parts, the credibility parts, and the numbers the reasons are built
        from (the owner's tie, what they gave the owner, ratings, last contact).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"],
    ...                          "character": [None, 5]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...                              "target": ["me"], "kind": ["referral"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> parts = score_parts(net, "me", net.resolve_as_of(), net.settings.refer)
    >>> parts.loc["ann", ["character", "recency"]].tolist()
    [1.0, 1.0]
    """
    # The owner's tie table depends only on the network, the owner and the
    # moment: kept, so every question after the first skips it (a copy, as the
    # parts are added to it below).
    frame = network.cached(("refer", "owner_frame", owner, stamp),
                           lambda: _owner_frame(network, owner, stamp)).copy()
    # Stages in VCP order, evenly spaced: visibility 0, credibility 0.5, profitability 1.
    ladder = {stage: rank / (len(STAGES) - 1) for rank, stage in enumerate(STAGES)}
    stage_value = frame["stage"].map(ladder).fillna(0.0).to_numpy(dtype=float)
    share = mixing_share(options.relationship_stage_share)
    frame["relationship"] = (1 - share) * frame["trust"].to_numpy() + share * stage_value

    contacts = network.contacts.set_index("id")
    frame["character"] = _rating(contacts["character"])
    frame["competency"] = _rating(contacts["competency"])
    frame["used_service"] = half_saturation(frame["owner_business_decayed"].to_numpy(),
                                             options.used_service_half_jobs)
    centrality_share = mixing_share(options.success_centrality_share)
    frame["success"] = ((1 - centrality_share)
                        * half_saturation(frame["referrals_received"].to_numpy(),
                                           options.success_half_referrals)
                        + centrality_share * frame["centrality"].to_numpy())
    weights = np.array([options.credibility_character, options.credibility_competency,
                        options.credibility_used_service, options.credibility_success])
    values = frame[["character", "competency", "used_service", "success"]].to_numpy()
    frame["credibility"] = values @ weights / weights.sum() if weights.sum() > 0 else 0.0

    frame["goodwill"] = half_saturation(frame["gave_weight"].to_numpy(dtype=float),
                                         options.goodwill_half_weight)
    last = frame["last_contact"]
    days = ((stamp - last).dt.total_seconds() / 86400.0).clip(lower=0).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero half-life: only today counts
        decay = np.exp2(-np.nan_to_num(days) / options.recency_half_life_days)
    frame["recency"] = np.where(np.isnan(days), 0.0, np.nan_to_num(decay, nan=1.0))
    frame["days_since_contact"] = days
    return frame
