"""The per-pair sums behind the tie and flow tables, as SQL for DuckDB and Spark.

:mod:`refgraph.model.ties` computes the tie table with NumPy. For networks too
big for that, the same per-pair sums are computed by a SQL engine (DuckDB on
one machine, Spark on a cluster) and handed to
:func:`refgraph.model.ties.ties_from_sums`, so trust, distance and stages are
derived in one place whatever computed the sums.

Both engines read a relation ``interactions`` with the columns

* ``stamp``: the date as microseconds since the epoch (UTC), ``BIGINT``;
* ``kind``: the kind's position in :data:`~refgraph.io.settings.KINDS`;
* ``a``, ``b``: source and target (integer codes or ids: anything ordered);
* ``value``: the money value (``NULL`` or ``NaN`` when absent);

and a relation ``kinds`` made by :func:`kind_frame`. The formulas are those of
:mod:`refgraph.model.ties`: ``weight * 2 ** (-age_days / half_life)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph.io.settings import (
    DIRECTED_KINDS,
    KINDS,
    PROFITABLE_KINDS,
    SUBSTANTIVE_KINDS,
    Settings,
)
from refgraph.model.network import Network
from refgraph.model.people import (
    network_person_codes,
    network_person_texts,
    text_column,
    text_values,
)
from refgraph.model.ties import COUNT_COLUMNS, flow_table, tie_table, ties_from_sums

#: Microseconds in a day: ages are in days, stamps in microseconds.
MICROSECONDS_PER_DAY = 86_400e6


def kind_frame(settings: Settings) -> pd.DataFrame:
    """One row per kind: its code, name, weight, half-life and what it counts towards.

    Examples
    --------
    >>> kinds = kind_frame(Settings())
    >>> kinds["name"].iloc[0], float(kinds["weight"].iloc[0]), float(kinds["substantive"].iloc[0])
    ('one_to_one', 3.0, 1.0)
    """
    return pd.DataFrame({
        "code": np.arange(len(KINDS), dtype=np.int64),
        "name": list(KINDS),
        "weight": [float(settings.kind_weights[k]) for k in KINDS],
        "half_life": [float(settings.half_life_days[k]) for k in KINDS],
        "substantive": [float(k in SUBSTANTIVE_KINDS) for k in KINDS],
        "profitable": [float(k in PROFITABLE_KINDS) for k in KINDS],
        "directed": [k in DIRECTED_KINDS for k in KINDS],
    })


def as_of_microseconds(as_of: pd.Timestamp) -> int:
    """``as_of`` as microseconds since the epoch, UTC (naive means UTC).

    Examples
    --------
    >>> as_of_microseconds(pd.Timestamp("1970-01-02", tz="UTC"))
    86400000000
    """
    stamp = pd.Timestamp(as_of)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return int(np.datetime64(stamp, "us").astype(np.int64))


def _decayed(limit: int) -> str:
    """Interactions up to ``limit`` joined with their kind, with decay and weight."""
    return f"""
        SELECT i.a, i.b, i.kind, i.stamp, i.value, k.weight, k.substantive,
               k.profitable, k.directed,
               pow(2.0, -(({limit} - i.stamp) / {MICROSECONDS_PER_DAY!r}) / k.half_life)
                   AS decay
        FROM interactions AS i JOIN kinds AS k ON i.kind = k.code
        WHERE i.stamp <= {limit}
    """


def tie_sums_sql(limit: int) -> str:
    """SQL for the per-pair sums of :data:`refgraph.model.ties.SUM_COLUMNS`.

    Pairs are ``u = least(a, b)``, ``v = greatest(a, b)``; stamps stay in
    microseconds (``first_stamp``, ``last_stamp``) for the caller to convert.

    Examples
    --------
    >>> "GROUP BY" in tie_sums_sql(0)
    True
    """
    counts = ",\n".join(
        f"SUM(CASE WHEN kind = {code} THEN 1 ELSE 0 END) AS {column}"
        for code, column in enumerate(COUNT_COLUMNS)
    )
    return f"""
        SELECT LEAST(a, b) AS u, GREATEST(a, b) AS v,
               SUM(weight * decay) AS strength,
               SUM(weight * decay * substantive) AS built,
               SUM(decay * substantive) AS substantive,
               SUM(decay * profitable) AS profitable,
               ({limit} - MAX(CASE WHEN substantive > 0 THEN stamp END))
                   / {MICROSECONDS_PER_DAY!r} AS silent_days,
               {counts},
               MIN(stamp) AS first_stamp, MAX(stamp) AS last_stamp,
               MAX(CASE WHEN substantive > 0 THEN stamp END) AS last_substantive_stamp
        FROM ({_decayed(limit)}) AS d
        GROUP BY LEAST(a, b), GREATEST(a, b)
        ORDER BY u, v
    """


def flow_sums_sql(limit: int) -> str:
    """SQL for the flow table's columns per ordered pair (directed kinds only).

    Examples
    --------
    >>> "directed" in flow_sums_sql(0)
    True
    """
    business = KINDS.index("business")
    return f"""
        SELECT a AS source, b AS target,
               SUM(CASE WHEN kind = {KINDS.index("referral")} THEN 1 ELSE 0 END) AS referrals,
               SUM(CASE WHEN kind = {business} THEN 1 ELSE 0 END) AS business,
               SUM(CASE WHEN kind = {KINDS.index("introduction")} THEN 1 ELSE 0 END)
                   AS introductions,
               SUM(CASE WHEN kind = {business} AND value IS NOT NULL AND NOT isnan(value)
                        THEN value ELSE 0.0 END) AS value,
               SUM(weight * decay) AS weight,
               MIN(stamp) AS first_stamp, MAX(stamp) AS last_stamp
        FROM ({_decayed(limit)}) AS d
        WHERE directed
        GROUP BY a, b
        ORDER BY source, target
    """


def finish_flows(sums: pd.DataFrame) -> pd.DataFrame:
    """The flow table from :func:`flow_sums_sql`'s result (ids already in place).

    Examples
    --------
    >>> flows = finish_flows(pd.DataFrame({"source": ["a"], "target": ["b"],
    ...     "referrals": [1], "business": [0], "introductions": [0], "value": [0.0],
    ...     "weight": [4.0], "first_stamp": [0], "last_stamp": [0]}))
    >>> flows["first"].iloc[0]
    Timestamp('1970-01-01 00:00:00+0000', tz='UTC')
    """
    out = {"source": text_column(sums["source"]), "target": text_column(sums["target"])}
    for column in ("referrals", "business", "introductions"):
        out[column] = sums[column].to_numpy(dtype=np.int64)
    out["value"] = sums["value"].to_numpy(dtype=float)
    out["weight"] = sums["weight"].to_numpy(dtype=float)
    out["first"] = stamps_to_dates(sums["first_stamp"])
    out["last"] = stamps_to_dates(sums["last_stamp"])
    return pd.DataFrame(out)


def stamps_to_dates(stamps: pd.Series) -> pd.DatetimeIndex:
    """Microseconds since the epoch as UTC datetimes.

    Examples
    --------
    >>> stamps_to_dates(pd.Series([0]))[0]
    Timestamp('1970-01-01 00:00:00+0000', tz='UTC')
    """
    return pd.to_datetime(stamps.to_numpy(dtype=np.int64), unit="us", utc=True)


def sums_with_dates(sums: pd.DataFrame) -> pd.DataFrame:
    """:func:`tie_sums_sql`'s result with the stamps turned into contact dates.

    Examples
    --------
    >>> sums = pd.DataFrame({"first_stamp": [0], "last_stamp": [0],
    ...                      "last_substantive_stamp": [None], "silent_days": [None],
    ...                      **{column: [0] for column in COUNT_COLUMNS}})
    >>> out = sums_with_dates(sums)
    >>> out["first_contact"].dt.year.tolist(), out["last_substantive"].isna().tolist()
    ([1970], [True])
    """
    out = sums.drop(columns=["first_stamp", "last_stamp", "last_substantive_stamp"])
    out["first_contact"] = stamps_to_dates(sums["first_stamp"])
    out["last_contact"] = stamps_to_dates(sums["last_stamp"])
    # Pairs with no substantive contact have no such stamp (SQL NULL).
    substantive_stamps = pd.to_numeric(sums["last_substantive_stamp"], errors="coerce")
    out["last_substantive"] = pd.to_datetime(substantive_stamps.to_numpy(dtype=float),
                                             unit="us", utc=True)
    out["silent_days"] = pd.to_numeric(sums["silent_days"], errors="coerce").astype(float)
    for column in COUNT_COLUMNS:
        out[column] = out[column].to_numpy(dtype=np.int64)
    return out.reset_index(drop=True)


def interaction_rows(network: Network) -> pd.DataFrame:
    """A network's interactions as the integer columns the SQL engines read.

    ``stamp`` (microseconds, UTC), ``kind`` (code), ``a`` and ``b`` (people
    codes, see :func:`refgraph.model.people.network_person_codes`) and ``value``.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["1970-01-02"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> interaction_rows(Network(pd.DataFrame(), rows)).iloc[0].tolist()
    [86400000000.0, 2.0, 1.0, 0.0, nan]
    """
    interactions = network.interactions
    _, source, target = network_person_codes(network)
    dates = pd.DatetimeIndex(pd.to_datetime(interactions["date"], utc=True)).as_unit("us")
    kinds = interactions["kind"]
    if isinstance(kinds.dtype, pd.CategoricalDtype) and tuple(kinds.cat.categories) == KINDS:
        kind = kinds.cat.codes.to_numpy().astype(np.int64)
    else:
        kind = pd.Index(KINDS).get_indexer(kinds.astype(object)).astype(np.int64)
    if "value" in interactions:
        value = pd.to_numeric(interactions["value"], errors="coerce").to_numpy(dtype=float)
    else:
        value = np.full(len(interactions), np.nan)
    return pd.DataFrame({"stamp": dates.asi8, "kind": kind, "a": source, "b": target,
                         "value": value})


def _with_ids(sums: pd.DataFrame, network: Network, columns: tuple[str, str]) -> pd.DataFrame:
    """Sums whose people are :func:`interaction_rows` codes, with the ids put back."""
    people = network_person_texts(network)
    for column in columns:
        sums[column] = text_values(people, sums[column].to_numpy(dtype=np.int64))
    return sums


def ties_from_code_sums(sums: pd.DataFrame, network: Network, as_of: pd.Timestamp
                        ) -> pd.DataFrame:
    """The tie table from :func:`tie_sums_sql` run over :func:`interaction_rows`.

    What every SQL engine does with its result: people codes back to ids,
    then :func:`refgraph.model.ties.ties_from_sums`. No sums (nothing before
    ``as_of``) give the pandas engine's empty table, columns and types alike.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> len(ties_from_code_sums(pd.DataFrame(), net, net.resolve_as_of()))
    0
    """
    if sums.empty:
        return tie_table(network.interactions.iloc[:0], network.settings, as_of)
    return ties_from_sums(sums_with_dates(_with_ids(sums, network, ("u", "v"))),
                          network.settings)


def flows_from_code_sums(sums: pd.DataFrame, network: Network, as_of: pd.Timestamp
                         ) -> pd.DataFrame:
    """The flow table from :func:`flow_sums_sql` run over :func:`interaction_rows`.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["referral"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> len(flows_from_code_sums(pd.DataFrame(), net, net.resolve_as_of()))
    0
    """
    if sums.empty:
        return flow_table(network.interactions.iloc[:0], network.settings, as_of)
    return finish_flows(_with_ids(sums, network, ("source", "target")))
