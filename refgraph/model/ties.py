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

* ``profitability`` when the tie is credible (below) and the decayed count of
  referrals and business exchanged (either direction) reaches
  ``stages.profitability_min``: stages build on each other;
* ``credibility`` when the decayed count of substantive contacts (1-to-1,
  meeting, call, referral, business, introduction) reaches
  ``stages.credibility_min``;
* ``visibility`` otherwise: the two know of each other.

Decayed counts use each kind's half-life, so stages fade without contact.

**Silence.** A relationship is kept alive by substantive contact (1-to-1,
meeting, call, referral, business, introduction). ``silent_days`` counts the
days since the pair's last substantive contact. After
``trust.silence_grace_days`` of silence, what substantive contact built fades
faster, halving every ``trust.silence_half_life_days``::

    fade     = 0.5 ** (max(0, silent_days - silence_grace_days) / silence_half_life_days)
    strength = light + fade * substantive_strength

where ``light`` is the decayed weight of emails, messages, likes, events and
cards (they keep a tie visible, not trusted). The stage steps down with
silence too: past ``stages.profitability_silent_days`` a profitable tie is at
most credible, past ``stages.credibility_silent_days`` it is at visibility;
``earned_stage`` keeps the stage the counts alone give. Referrals given and
received stay in the flow table, so past help still counts as good will.
Adding an interaction never lowers ``fade`` and an older one never raises it,
so more contact never weakens a tie.

Directed flows (``referral``, ``business``, ``introduction``) are also kept
with their direction in a separate :class:`networkx.DiGraph` (see
:func:`flow_table` and :func:`build_flow_graph`).

All of this is computed with NumPy and pandas group-bys over the whole
interaction table; networkx only receives the finished per-pair rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph.io.settings import (
    DIRECTED_KINDS,
    KINDS,
    PROFITABLE_KINDS,
    STAGES,
    SUBSTANTIVE_KINDS,
    Settings,
)
from refgraph.model.network import Network
from refgraph.model.people import kept_person_codes, network_person_codes, text_column, text_values
from refgraph.model.silence import silence_fade, step_down_codes

#: Per-kind count columns in the tie table, in :data:`KINDS` order.
COUNT_COLUMNS: tuple[str, ...] = tuple(f"n_{kind}" for kind in KINDS)


def trust_from_strength(strength, scale: float = 10.0):
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
    >>> round(float(trust_from_strength(10.0)), 3)
    0.632
    >>> float(trust_from_strength(0.0))
    0.0
    """
    return -np.expm1(-np.asarray(strength, dtype=float) / scale)


def _utc_microseconds(dates: pd.Series) -> np.ndarray:
    """Dates as int64 microseconds since the epoch, in UTC (naive means UTC)."""
    if not isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = pd.to_datetime(dates, utc=True)
    # A zone-aware column converts to NumPy as UTC moments: no copy in another zone first.
    return dates.to_numpy(dtype="datetime64[us]").astype(np.int64, copy=False)


def _kind_codes(kinds: pd.Series) -> np.ndarray:
    """Positions of the kinds in :data:`KINDS` (-1 for anything else)."""
    if isinstance(kinds.dtype, pd.CategoricalDtype) and tuple(kinds.cat.categories) == KINDS:
        return kinds.cat.codes.to_numpy()  # int8: an eighth of the memory of int64 codes
    return pd.Index(KINDS).get_indexer(kinds.astype(object)).astype(np.int8)


class _Decayed:
    """Interactions up to ``as_of`` as NumPy arrays, with their decay.

    Attributes
    ----------
    rows : ndarray of int
        Positions of the kept interactions in the input frame.
    stamps : ndarray of int64
        Their dates, microseconds since the epoch (UTC).
    kind : ndarray of int
        Kind codes (positions in :data:`KINDS`).
    limit : int
        ``as_of`` in microseconds since the epoch (UTC).
    age_days, decay, weight : ndarray of float
        Age at ``as_of``, ``0.5 ** (age / half-life)`` and kind weight x decay.
    """

    def __init__(self, interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp):
        stamps = _utc_microseconds(interactions["date"])
        # Timestamp.value is always nanoseconds, whatever the unit: convert explicitly.
        limit = int(np.datetime64(pd.Timestamp(as_of).tz_convert("UTC").tz_localize(None), "us")
                    .astype(np.int64))
        kind = _kind_codes(interactions["kind"])
        self.limit = limit
        kept = (stamps <= limit) & (kind >= 0)
        self.rows = np.flatnonzero(kept)
        # Usually every row counts: then the arrays are used as they are, not copied.
        every = len(self.rows) == len(kept)
        self.stamps = stamps if every else stamps[self.rows]
        self.kind = kind if every else kind[self.rows]
        weights = np.array([settings.kind_weights[k] for k in KINDS], dtype=float)
        half_lives = np.array([settings.half_life_days[k] for k in KINDS], dtype=float)
        # In place where possible: each temporary is another 80 MB per ten million
        # interactions for the system to hand over. Microsecond stamps are exact
        # in float64, and so is their difference.
        self.age_days = np.subtract(limit, self.stamps, dtype=float)
        self.age_days /= 86_400e6
        self.decay = half_lives[self.kind]
        np.divide(self.age_days, self.decay, out=self.decay)
        np.negative(self.decay, out=self.decay)
        np.exp2(self.decay, out=self.decay)
        self.weight = weights[self.kind]
        self.weight *= self.decay


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
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01", "2025-01-01"], utc=True),
    ...                      "source": ["a", "a"], "target": ["b", "b"],
    ...                      "kind": pd.Categorical(["one_to_one"] * 2, categories=KINDS)})
    >>> out = decayed_interactions(rows, Settings(), parse_as_of("2024-12-31T00:00Z"))
    >>> len(out), round(float(out["decay"].iloc[0]), 3)  # 2024 is a leap year: 365 days
    (1, 0.5)
    """
    decayed = _Decayed(interactions, settings, as_of)
    return interactions.iloc[decayed.rows].assign(
        age_days=decayed.age_days, decay=decayed.decay, weight=decayed.weight
    )


def _stage(substantive: np.ndarray, profitable: np.ndarray, settings: Settings) -> np.ndarray:
    """The earned stage of each tie, as positions in ``STAGES``."""
    # Stages build on each other: a referral from someone never met in earnest
    # does not make a profitable relationship. Referrals and business count as
    # substantive contact too, so a steady exchange earns both.
    credible = substantive >= settings.stages.credibility_min
    earned = credible.astype(np.int8)  # visibility 0, credibility 1
    earned[credible & (profitable >= settings.stages.profitability_min)] = 2
    return earned


def _span(groups: np.ndarray, n_groups: int, stamps: np.ndarray) -> tuple[pd.Series, pd.Series]:
    """First and last date per group, as UTC datetimes."""
    first = np.full(n_groups, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(n_groups, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(first, groups, stamps)
    np.maximum.at(last, groups, stamps)
    return (pd.to_datetime(first, unit="us", utc=True), pd.to_datetime(last, unit="us", utc=True))


def tie_table(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp, *,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
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
    codes : (people, source, target), optional
        :func:`~refgraph.model.people.person_codes` of ``interactions`` when
        already known, so that tables for many moments hash every id once.

    Returns
    -------
    DataFrame
        Columns ``u``, ``v`` (the pair, ``u < v``), ``strength``, ``trust``,
        ``distance`` (``-ln trust``, for shortest-path algorithms), ``stage``,
        ``earned_stage`` (before silence stepped it down), ``substantive`` and
        ``profitable`` (decayed counts behind the earned stage), ``silent_days``
        (since the last substantive contact, NaN if none) and ``fade`` (see
        :func:`silence_fade`), ``interactions`` (count), ``n_<kind>`` per kind,
        ``first_contact``, ``last_contact`` and ``last_substantive``. Rows are
        sorted by ``u``, then ``v``.

    Examples
    --------
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"] * 2, utc=True),
    ...                      "source": ["a", "b"], "target": ["b", "a"],
    ...                      "kind": pd.Categorical(["one_to_one", "call"], categories=KINDS)})
    >>> ties = tie_table(rows, Settings(), parse_as_of("2024-01-01"))
    >>> ties[["u", "v", "interactions", "n_one_to_one", "stage"]].to_dict("records")
    [{'u': 'a', 'v': 'b', 'interactions': 2, 'n_one_to_one': 1, 'stage': 'credibility'}]
    """
    return _tie_table(interactions, settings, as_of, codes)


def _tie_table(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp,
    codes: tuple | None = None,
) -> pd.DataFrame:
    """:func:`tie_table`, reusing :func:`person_codes` of the frame when given."""
    decayed = _Decayed(interactions, settings, as_of)
    if len(decayed.rows) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TIE_COLUMNS})

    # Integer codes for people (sorted, so u < v) make the pair key a cheap int64.
    people, a, b = kept_person_codes(interactions, decayed.rows, codes)
    n_people = len(people)
    people_text = pd.Series(people).array  # each id converted to text once
    # In place where possible, as in _Decayed: each temporary is another 80 MB
    # per ten million interactions for the system to hand over.
    key = np.minimum(a, b)
    key *= n_people
    key += np.maximum(a, b)
    pair_index, pair_codes = pd.factorize(key, sort=True)
    del key
    n_pairs = len(pair_codes)

    kind = decayed.kind
    substantive_kind = np.isin(np.asarray(KINDS), SUBSTANTIVE_KINDS)[kind]
    profitable_kind = np.isin(np.asarray(KINDS), PROFITABLE_KINDS)[kind]
    last_substantive = np.full(n_pairs, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last_substantive, pair_index[substantive_kind],
                  decayed.stamps[substantive_kind])
    never = last_substantive == np.iinfo(np.int64).min
    cells = pair_index * len(KINDS)
    cells += kind
    counts = np.bincount(cells, minlength=n_pairs * len(KINDS)).reshape(n_pairs, len(KINDS))
    del cells
    first, last = _span(pair_index, n_pairs, decayed.stamps)

    def weighted_sum(weights: np.ndarray, part: np.ndarray, into: np.ndarray) -> np.ndarray:
        """Per pair, the sum of ``weights`` over the rows in ``part``; ``into`` is scratch."""
        return np.bincount(pair_index, weights=np.multiply(weights, part, out=into),
                           minlength=n_pairs)

    scratch = np.empty(len(pair_index), dtype=float)
    sums = {
        "u": text_values(people_text, pair_codes // n_people),
        "v": text_values(people_text, pair_codes % n_people),
        "strength": np.bincount(pair_index, weights=decayed.weight, minlength=n_pairs),
        "built": weighted_sum(decayed.weight, substantive_kind, scratch),
        "substantive": weighted_sum(decayed.decay, substantive_kind, scratch),
        "profitable": weighted_sum(decayed.decay, profitable_kind, scratch),
        "silent_days": np.where(never, np.nan,
                                (decayed.limit - last_substantive) / 86_400e6),
    }
    for position, column in enumerate(COUNT_COLUMNS):
        sums[column] = counts[:, position]
    sums["first_contact"] = first
    sums["last_contact"] = last
    sums["last_substantive"] = pd.to_datetime(
        np.where(never, np.nan, last_substantive.astype(float)), unit="us", utc=True)
    return ties_from_sums(pd.DataFrame(sums, copy=False), settings)


#: Columns of the tie table (see :func:`tie_table`).
TIE_COLUMNS: tuple[str, ...] = (
    "u", "v", "strength", "trust", "distance", "stage", "earned_stage", "substantive",
    "profitable", "silent_days", "fade", "interactions", *COUNT_COLUMNS, "first_contact",
    "last_contact", "last_substantive")

#: Columns of the per-pair sums every engine computes (see :func:`ties_from_sums`).
SUM_COLUMNS: tuple[str, ...] = ("u", "v", "strength", "built", "substantive", "profitable",
                                "silent_days", *COUNT_COLUMNS, "first_contact",
                                "last_contact", "last_substantive")


def ties_from_sums(sums: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """The tie table from per-pair sums: silence, trust, distance, stage and counts.

    Every engine (pandas here, DuckDB and Spark in :mod:`refgraph.model.engines`)
    aggregates the interactions into the same sums and hands them to this
    function, so what is derived from them is computed in one place.

    Parameters
    ----------
    sums : DataFrame
        One row per pair, sorted by ``u`` then ``v`` (``u < v``), with the
        columns of :data:`SUM_COLUMNS`: the decayed ``strength`` of every
        interaction and the part of it ``built`` by substantive contact, the
        decayed ``substantive`` and ``profitable`` counts, ``silent_days`` since
        the last substantive contact (NaN when there was none), the ``n_<kind>``
        counts and the UTC ``first_contact``, ``last_contact`` and
        ``last_substantive``.
    settings : Settings
        Trust scale, silence and stage rules.

    Returns
    -------
    DataFrame
        The tie table (see :func:`tie_table`).

    Examples
    --------
    >>> day = pd.to_datetime(["2024-01-01"], utc=True)
    >>> sums = pd.DataFrame({"u": ["a"], "v": ["b"], "strength": [3.0], "built": [3.0],
    ...     "substantive": [1.0], "profitable": [0.0], "silent_days": [0.0],
    ...     **{c: [int(c == "n_one_to_one")] for c in COUNT_COLUMNS},
    ...     "first_contact": day, "last_contact": day, "last_substantive": day})
    >>> ties_from_sums(sums, Settings())[["interactions", "stage"]].to_dict("records")
    [{'interactions': 1, 'stage': 'visibility'}]
    """
    built = sums["built"].to_numpy(dtype=float)
    silent_days = sums["silent_days"].to_numpy(dtype=float, na_value=np.nan)
    # Silence since the last substantive contact fades what such contact built.
    fade = silence_fade(silent_days, settings)
    strength = (sums["strength"].to_numpy(dtype=float) - built) + fade * built
    substantive = sums["substantive"].to_numpy(dtype=float)
    profitable = sums["profitable"].to_numpy(dtype=float)
    counts = sums[list(COUNT_COLUMNS)].to_numpy(dtype=np.int64)
    earned = _stage(substantive, profitable, settings)
    stage_names = np.asarray(STAGES, dtype=object)
    trust = trust_from_strength(strength, settings.trust.scale)
    with np.errstate(divide="ignore"):
        distance = -np.log(trust)
    table = {
        "u": text_column(sums["u"]),
        "v": text_column(sums["v"]),
        "strength": strength,
        "trust": trust,
        "distance": distance,
        "stage": text_values(stage_names, step_down_codes(earned, silent_days, settings)),
        "earned_stage": text_values(stage_names, earned),
        "substantive": substantive,
        "profitable": profitable,
        "silent_days": silent_days,
        "fade": fade,
        "interactions": counts.sum(axis=1),
    }
    for position, column in enumerate(COUNT_COLUMNS):
        table[column] = counts[:, position]
    for column in ("first_contact", "last_contact", "last_substantive"):
        table[column] = sums[column].array
    return pd.DataFrame(table, copy=False)  # blocks apart: consolidating copies 1.4 M rows × 20


def network_ties(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """:func:`tie_table` of a network's interactions and settings (not cached).

    :meth:`Network.ties` keeps the result per moment; call that instead.

    Examples
    --------
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["a"], "target": ["b"], "kind": ["call"]})
    >>> network_ties(Network(pd.DataFrame(), rows), parse_as_of("2024-01-01"))["v"].tolist()
    ['b']
    """
    return _tie_table(network.interactions, network.settings, as_of,
                      network_person_codes(network))


def flow_table(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp,
    codes: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
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
    codes : (people, source, target), optional
        :func:`person_codes` of ``interactions`` when already known (the
        ``source`` and ``target`` columns are then not read).

    Returns
    -------
    DataFrame
        Columns ``source``, ``target`` (the giver and the receiver),
        ``referrals``, ``business``, ``introductions`` (counts), ``value``
        (summed business value), ``weight`` (decayed kind-weighted sum, the
        good will the giver has shown), ``first`` and ``last`` (dates). Rows
        are sorted by ``source``, then ``target``.

    Examples
    --------
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"] * 2, utc=True),
    ...                      "source": ["a", "a"], "target": ["b", "b"],
    ...                      "kind": pd.Categorical(["referral", "business"], categories=KINDS),
    ...                      "value": [float("nan"), 900.0]})
    >>> flow_table(rows, Settings(), parse_as_of("2024-01-01"))[
    ...     ["source", "target", "referrals", "business", "value"]].to_dict("records")
    [{'source': 'a', 'target': 'b', 'referrals': 1, 'business': 1, 'value': 900.0}]
    """
    return _flow_table(interactions, settings, as_of, codes)


def _flow_table(
    interactions: pd.DataFrame, settings: Settings, as_of: pd.Timestamp,
    codes: tuple | None = None,
) -> pd.DataFrame:
    """:func:`flow_table`, reusing :func:`person_codes` of the frame when given."""
    decayed = _Decayed(interactions, settings, as_of)
    directed = np.isin(np.asarray(KINDS), DIRECTED_KINDS)[decayed.kind]
    rows = decayed.rows[directed]
    columns = ["source", "target", "referrals", "business", "introductions", "value",
               "weight", "first", "last"]
    if len(rows) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    kind = decayed.kind[directed]
    people, a, b = kept_person_codes(interactions, rows, codes)
    n_people = len(people)
    people_text = pd.Series(people).array
    pair_index, pair_codes = pd.factorize(a * n_people + b, sort=True)
    n_pairs = len(pair_codes)
    if "value" in interactions:
        value = pd.to_numeric(interactions["value"], errors="coerce").to_numpy(dtype=float)[rows]
    else:
        value = np.zeros(len(rows))
    business = kind == KINDS.index("business")
    value = np.where(business & np.isfinite(value), value, 0.0)

    def count(kind_name: str) -> np.ndarray:
        return np.bincount(pair_index[kind == KINDS.index(kind_name)], minlength=n_pairs)

    first, last = _span(pair_index, n_pairs, decayed.stamps[directed])
    return pd.DataFrame(
        {
            "source": text_values(people_text, pair_codes // n_people),
            "target": text_values(people_text, pair_codes % n_people),
            "referrals": count("referral"),
            "business": count("business"),
            "introductions": count("introduction"),
            "value": np.bincount(pair_index, weights=value, minlength=n_pairs),
            "weight": np.bincount(pair_index, weights=decayed.weight[directed],
                                  minlength=n_pairs),
            "first": first,
            "last": last,
        }
    )


def network_flows(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """:func:`flow_table` of a network's interactions and settings (not cached).

    :meth:`Network.flows` keeps the result per moment; call that instead.

    Examples
    --------
    >>> from refgraph.io.dates import parse_as_of
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["a"], "target": ["b"], "kind": ["referral"]})
    >>> flows = network_flows(Network(pd.DataFrame(), rows), parse_as_of("2024-01-01"))
    >>> flows["referrals"].tolist()
    [1]
    """
    return _flow_table(network.interactions, network.settings, as_of,
                       network_person_codes(network))
