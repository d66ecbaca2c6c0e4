"""The tie table straight from an interactions file, without loading the network.

For networks whose interactions do not fit in memory as a loaded
:class:`~refgraph.model.network.Network` (the benchmark's XL scale: 100
million rows), DuckDB reads the Parquet (or CSV) file itself, aggregates the
per-pair sums out of core under ``engine.duckdb_memory_limit``, and only the
sums, one row per pair, come back to pandas, a chunk at a time
(:func:`refgraph.model.engines.duckdb_table`), for
:func:`refgraph.model.ties.ties_from_sums`: besides DuckDB's share, memory
holds the finished tie table and one chunk. The file must hold validated data,
as ``refgraph convert`` writes it. Only the file's interactions count: a
chapter's attendance records (``attendance.csv``) are not read here.
:func:`refgraph.model.ties_spark.spark_ties_from_files`
is the same for a Spark cluster.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.dates import parse_as_of
from refgraph.io.settings import KINDS, Settings
from refgraph.model.engines import duckdb_connection, duckdb_table
from refgraph.model.ties import ties_from_sums
from refgraph.model.ties_sql import as_of_microseconds, kind_frame, sums_with_dates, tie_sums_sql


def _reader(path: Path) -> str:
    """The DuckDB table function reading ``path`` (quoted for SQL)."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    if path.suffix == ".parquet":
        return f"read_parquet({quoted})"
    if path.suffix == ".csv":
        return f"read_csv({quoted}, header = true, all_varchar = true)"
    raise RefgraphError(f"{path}: expected an interactions .parquet or .csv file")


def ties_from_files(
    interactions: str | Path,
    *,
    as_of: object = None,
    settings: Settings | None = None,
    output: str | Path | None = None,
) -> pd.DataFrame:
    """The tie table of an interactions file, aggregated by DuckDB from the file itself.

    Parameters
    ----------
    interactions : str or Path
        ``interactions.parquet`` (as ``refgraph convert`` writes it) or a
        validated ``interactions.csv``. Rows of unknown kinds and self-loops
        are ignored, as the loader would have them.
    as_of : str, date or Timestamp, optional
        The moment; defaults to the latest interaction in the file.
    settings : Settings, optional
        Weights, half-lives and the engine's memory limit (default: built-in).
    output : str or Path, optional
        Also write the tie table to this Parquet file, chunk by chunk; the
        file appears (atomically) once complete.

    Returns
    -------
    DataFrame
        The same table as :func:`refgraph.ties` gives for the loaded network.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "interactions.csv").write_text(
    ...     "date,source,target,kind\\n2024-01-01,b,a,call\\n2024-02-01,a,b,email\\n")
    >>> table = ties_from_files(folder / "interactions.csv")
    >>> table[["u", "v", "n_call", "n_email"]].to_dict("records")
    [{'u': 'a', 'v': 'b', 'n_call': 1, 'n_email': 1}]
    """
    path = Path(interactions)
    if not path.is_file():
        raise RefgraphError(f"{path}: no such interactions file")
    settings = settings if settings is not None else Settings()
    con = duckdb_connection(settings)
    import duckdb  # an optional engine: duckdb_connection said how to install it

    try:
        columns = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {_reader(path)}")
                   .fetchall()}
        missing = [name for name in ("date", "source", "target", "kind") if name not in columns]
        if missing:
            raise RefgraphError(f"{path}: missing column(s) {', '.join(missing)}; expected "
                                "date, source, target and kind")
        value = "TRY_CAST(value AS DOUBLE)" if "value" in columns else "CAST(NULL AS DOUBLE)"
        names = ", ".join(f"'{kind}'" for kind in KINDS)
        con.execute(f"""
            CREATE VIEW interactions AS
            SELECT epoch_us(CAST(date AS TIMESTAMPTZ)) AS stamp,
                   list_position([{names}], CAST(kind AS VARCHAR)) - 1 AS kind,
                   CAST(source AS VARCHAR) AS a, CAST(target AS VARCHAR) AS b,
                   {value} AS value
            FROM {_reader(path)}
            WHERE CAST(source AS VARCHAR) <> CAST(target AS VARCHAR)
        """)
        con.register("kinds", kind_frame(settings))
        as_of = as_of if as_of is not None else settings.as_of
        if as_of is None:  # as for a loaded network: the latest interaction
            latest = con.execute("SELECT MAX(stamp) FROM interactions").fetchone()[0]
            if latest is None:
                raise RefgraphError(f"{path}: no interactions to compute ties from")
            stamp = pd.Timestamp(latest, unit="us", tz="UTC")
        else:
            stamp = parse_as_of(as_of)
        # Chunk by chunk: at XL the 11 million pairs' sums and their pandas
        # intermediates at once were most of the peak memory.
        return duckdb_table(con, tie_sums_sql(as_of_microseconds(stamp)),
                            lambda sums: ties_from_sums(sums_with_dates(sums), settings),
                            output=output)
    except duckdb.Error as error:  # name the file and what it should hold
        raise RefgraphError(f"{path}: could not read it as validated interactions "
                            f"(date, source, target, kind): {error}") from None
    finally:
        con.close()
