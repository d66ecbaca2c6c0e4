"""Engines that compute the tie and flow tables: pandas, DuckDB or Spark.

* ``pandas`` (:mod:`refgraph.model.ties`): NumPy over the loaded interactions.
  The fastest for anything that fits in memory comfortably.
* ``duckdb``: the same per-pair sums in DuckDB (:mod:`refgraph.model.ties_sql`),
  with a memory limit and spilling to disk, so the aggregation itself is
  bounded however many interactions there are; its result comes back to
  pandas a chunk at a time (:func:`duckdb_table`).
* ``spark``: the same SQL on a Spark cluster through pyspark
  (:mod:`refgraph.model.ties_spark`), for networks beyond one machine.
* ``auto`` (the default): DuckDB from ``engine.duckdb_min_interactions``
  interactions on, pandas below.

Every engine hands its sums to :func:`refgraph.model.ties.ties_from_sums`, so
trust and stages are derived once, and the tests check that the tables agree
to 1e-9.
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.parquet import parquet_writer, write_parquet
from refgraph.io.settings import ENGINES, Settings
from refgraph.model.network import Network
from refgraph.model.people import network_person_codes
from refgraph.model.ties import network_flows, network_ties
from refgraph.model.ties_sql import (
    as_of_microseconds,
    flow_sums_sql,
    flows_from_code_sums,
    interaction_rows,
    kind_frame,
    tie_sums_sql,
    ties_from_code_sums,
)


def require_module(module: str, extra: str, what: str) -> None:
    """Raise a :class:`RefgraphError` saying how to install ``module`` when it is missing.

    Examples
    --------
    >>> require_module("numpy", "duckdb", "the DuckDB engine")
    """
    if importlib.util.find_spec(module) is None:
        raise RefgraphError(
            f"{what} needs the {module} package, which is not installed; install it with "
            f"pip install \"refgraph[{extra}]\" (or pip install -e \".[{extra}]\" in a checkout)"
        )


def choose_engine(network: Network, engine: str | None = None) -> str:
    """The engine to use for a network: ``engine`` if given, else its settings' choice.

    ``auto`` picks DuckDB from ``engine.duckdb_min_interactions`` interactions
    on (when DuckDB is installed) and pandas below.

    Examples
    --------
    >>> choose_engine(Network(pd.DataFrame(), pd.DataFrame({"date": []})))
    'pandas'
    """
    name = engine or network.settings.engine.name
    if name not in ENGINES:
        raise RefgraphError(f"unknown engine {name!r}; expected one of {', '.join(ENGINES)}")
    if name != "auto":
        return name
    big = len(network.interactions) >= network.settings.engine.duckdb_min_interactions
    return "duckdb" if big and importlib.util.find_spec("duckdb") is not None else "pandas"


# --------------------------------------------------------------------------- DuckDB


def duckdb_connection(settings: Settings):
    """A DuckDB connection with the memory limit and threads of ``settings.engine``.

    Examples
    --------
    >>> con = duckdb_connection(Settings())
    >>> con.execute("SELECT 1").fetchone()
    (1,)
    """
    require_module("duckdb", "duckdb", "the DuckDB engine")
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{settings.engine.duckdb_memory_limit}'")
    if settings.engine.threads:
        con.execute(f"SET threads = {int(settings.engine.threads)}")
    return con


#: Rows of a DuckDB result turned into table rows at a time (see :func:`duckdb_table`).
#: A quarter of a million: at XL (11 million ties) chunks of a million rows
#: raised the peak by 0.2 GB for no time saved (docs/benchmark.md).
CHUNK_ROWS = 1 << 18

#: Rows in a DuckDB vector; ``fetch_df_chunk`` counts vectors.
_VECTOR_ROWS = 2048


def duckdb_table(
    con,
    sql: str,
    finish: Callable[[pd.DataFrame], pd.DataFrame],
    *,
    output: str | Path | None = None,
) -> pd.DataFrame:
    """Run ``sql`` on a DuckDB connection and make its result a table, chunk by chunk.

    ``finish`` turns result rows into table rows; it must be row-wise (each
    output row depends on its input row only) and keep the order, as
    :func:`~refgraph.model.ties_sql.ties_from_code_sums` does. The result is
    fetched :data:`CHUNK_ROWS` rows at a time, so only one chunk's
    intermediate frames are in memory next to the finished columns; the
    table is the one ``finish`` would give for the whole result at once.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        The connection, with whatever ``sql`` reads registered.
    sql : str
        The query.
    finish : callable
        Result chunk (a DataFrame) to table chunk. It also receives the
        empty result when there are no rows, and gives the empty table.
    output : str or Path, optional
        Also write the table to this Parquet file, chunk by chunk (the file
        appears atomically when the last chunk is written).

    Returns
    -------
    DataFrame
        The table, with a fresh ``RangeIndex``.

    Examples
    --------
    >>> con = duckdb_connection(Settings())
    >>> table = duckdb_table(con, "SELECT range AS n FROM range(3)",
    ...                      lambda rows: rows.assign(twice=rows["n"] * 2))
    >>> table["twice"].tolist()
    [0, 2, 4]
    >>> con.close()
    """
    con.execute(sql)
    vectors = max(1, CHUNK_ROWS // _VECTOR_ROWS)
    parts: list[dict[str, pd.Series]] = []
    writing = parquet_writer(output) if output is not None else contextlib.nullcontext()
    with writing as write:
        while True:
            rows = con.fetch_df_chunk(vectors)
            if parts and rows.empty:
                break
            table = finish(rows)
            if write is not None:
                write(table)
            # Copies free the chunk's frames now (pandas keeps the columns of a
            # frame in shared 2-D blocks), and let _joined free them column by column.
            parts.append({name: table[name].copy() for name in table.columns})
            del table
            if rows.empty:  # no rows at all: the empty table
                break
    return _joined(parts)


def _joined(parts: list[dict[str, pd.Series]]) -> pd.DataFrame:
    """The chunks' columns end to end as one frame.

    Each column's pieces are released as soon as they are joined, and the
    frame takes the joined columns as they are (no consolidating copy), so
    the table is never in memory twice.
    """
    columns = {}
    for name in list(parts[0]):
        columns[name] = pd.concat([part.pop(name) for part in parts], ignore_index=True)
    return pd.DataFrame(columns, copy=False)


def _duckdb_query(rows, settings: Settings, sql: str,
                  finish: Callable[[pd.DataFrame], pd.DataFrame]) -> pd.DataFrame:
    """:func:`duckdb_table` of ``sql`` over the interaction ``rows`` and the kinds."""
    con = duckdb_connection(settings)
    try:
        con.register("interactions", rows)
        con.register("kinds", kind_frame(settings))
        return duckdb_table(con, sql, finish)
    finally:
        con.close()


def duckdb_ties(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The tie table computed by DuckDB (same numbers as :func:`~refgraph.model.ties.tie_table`).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> duckdb_ties(net, net.resolve_as_of())[["u", "v", "n_call"]].to_dict("records")
    [{'u': 'a', 'v': 'b', 'n_call': 1}]
    """
    return _duckdb_query(interaction_rows(network), network.settings,
                         tie_sums_sql(as_of_microseconds(as_of)),
                         lambda sums: ties_from_code_sums(sums, network, as_of))


def duckdb_flows(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The flow table computed by DuckDB (same as :func:`~refgraph.model.ties.flow_table`).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["referral"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> duckdb_flows(net, net.resolve_as_of())[["source", "referrals"]].to_dict("records")
    [{'source': 'b', 'referrals': 1}]
    """
    return _duckdb_query(interaction_rows(network), network.settings,
                         flow_sums_sql(as_of_microseconds(as_of)),
                         lambda sums: flows_from_code_sums(sums, network, as_of))


# --------------------------------------------------------------------------- dispatch


def _spark(name: str) -> Callable[[Network, pd.Timestamp], pd.DataFrame]:
    def run(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
        require_module("pyspark", "spark", "the Spark engine")
        from refgraph.model import ties_spark

        return getattr(ties_spark, f"spark_{name}")(network, as_of)

    return run


_BUILDERS: dict[str, dict[str, Callable[[Network, pd.Timestamp], pd.DataFrame]]] = {
    "pandas": {"ties": network_ties, "flows": network_flows},
    "duckdb": {"ties": duckdb_ties, "flows": duckdb_flows},
    "spark": {"ties": _spark("ties"), "flows": _spark("flows")},
}


def engine_ties(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The tie table by the network's engine (see :func:`choose_engine`); not cached.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> engine_ties(net, net.resolve_as_of())["interactions"].tolist()
    [1]
    """
    return _BUILDERS[choose_engine(network)]["ties"](network, as_of)


def engine_flows(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The flow table by the network's engine (see :func:`choose_engine`); not cached.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> len(engine_flows(net, net.resolve_as_of()))
    0
    """
    return _BUILDERS[choose_engine(network)]["flows"](network, as_of)


def with_engine(network: Network, engine: str | None) -> Network:
    """The same network computing its ties with ``engine`` (``None``: unchanged).

    Examples
    --------
    >>> net = Network(pd.DataFrame(), pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> with_engine(net, "duckdb").settings.engine.name
    'duckdb'
    """
    if engine is None or engine == network.settings.engine.name:
        return network
    if engine not in ENGINES:
        raise RefgraphError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    changed = network.settings.replace(
        engine=network.settings.engine.replace(name=engine))
    network_person_codes(network)  # computed once, kept by both networks
    return network.with_settings(changed)


def ties(
    network: Network,
    as_of: object = None,
    *,
    engine: str | None = None,
    output: str | Path | None = None,
) -> pd.DataFrame:
    """The tie table of a network by a chosen engine, optionally written as Parquet.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        The moment; defaults to the latest interaction.
    engine : {"auto", "pandas", "duckdb", "spark"}, optional
        Defaults to the network's ``engine.name`` setting.
    output : str or Path, optional
        Also write the table to this Parquet file (atomically).

    Returns
    -------
    DataFrame
        The tie table (see :func:`refgraph.model.ties.tie_table`).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"], utc=True),
    ...     "source": ["b"], "target": ["a"], "kind": ["call"]})
    >>> ties(Network(pd.DataFrame(), rows), engine="duckdb")["v"].tolist()
    ['b']
    """
    table = with_engine(network, engine).ties(as_of)
    if output is not None:
        write_parquet(table, output)
    return table
