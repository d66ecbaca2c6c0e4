"""The tie and flow tables on Spark, through pyspark (the optional ``spark`` extra).

The same SQL as the DuckDB engine (:mod:`refgraph.model.ties_sql`) runs as
Spark SQL, so a cluster computes exactly the per-pair sums the other engines
do; :func:`refgraph.model.ties.ties_from_sums` derives trust and stages from
them. :func:`spark_ties_from_files` reads the interactions from any path Spark
can read (Parquet or CSV, local, HDFS, S3, ...) and writes the tie table as
Parquet; ``--engine spark`` runs on a network already loaded.

Without a running Spark session one is started with ``engine.spark_master``
(``local[*]`` by default); under ``spark-submit`` the session it made is used.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager

import pandas as pd
from pyspark.sql import SparkSession

from refgraph.io.settings import KINDS, Settings
from refgraph.model.network import Network
from refgraph.model.ties import ties_from_sums
from refgraph.model.ties_sql import (
    as_of_microseconds,
    flow_sums_sql,
    flows_from_code_sums,
    interaction_rows,
    kind_frame,
    sums_with_dates,
    tie_sums_sql,
    ties_from_code_sums,
)


def spark_session(settings: Settings) -> SparkSession:
    """The active Spark session, or a new one on ``settings.engine.spark_master``."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    return (SparkSession.builder.master(settings.engine.spark_master).appName("refgraph")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate())


@contextmanager
def _pandas3_notices_muted():
    """Mute pyspark's notices about pandas 3 (its copy keyword, its support statement).

    The results are checked against the other engines by the tests; the
    notices would only alarm users of a working engine.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        warnings.filterwarnings("ignore", message="The copy keyword is deprecated")
        yield


def _query(spark: SparkSession, rows: pd.DataFrame, settings: Settings, sql: str) -> pd.DataFrame:
    """Run ``sql`` over ``rows`` and the kinds table, on Spark."""
    with _pandas3_notices_muted():
        spark.createDataFrame(rows).createOrReplaceTempView("interactions")
        spark.createDataFrame(kind_frame(settings)).createOrReplaceTempView("kinds")
        return spark.sql(sql).toPandas()


def spark_ties(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The tie table computed by Spark (same numbers as the pandas engine)."""
    spark = spark_session(network.settings)
    sums = _query(spark, interaction_rows(network), network.settings,
                  tie_sums_sql(as_of_microseconds(as_of)))
    return ties_from_code_sums(sums, network, as_of)


def spark_flows(network: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """The flow table computed by Spark (same numbers as the pandas engine)."""
    spark = spark_session(network.settings)
    sums = _query(spark, interaction_rows(network), network.settings,
                  flow_sums_sql(as_of_microseconds(as_of)))
    return flows_from_code_sums(sums, network, as_of)


def spark_ties_from_files(
    interactions: str, output: str, settings: Settings, as_of: object
) -> None:
    """Aggregate an interactions file (Parquet or CSV, any Spark path) into tie sums.

    The file must hold validated data, as ``refgraph convert`` writes it
    (``date``, ``source``, ``target``, ``kind`` in its documented spelling);
    rows of other kinds are ignored, as the other engines ignore them. The
    per-pair sums (:data:`refgraph.model.ties.SUM_COLUMNS`, with the contact
    dates as ``first_stamp``/``last_stamp`` microseconds) are computed on the
    cluster and written as Parquet to ``output`` (a folder, as Spark writes
    it); :func:`read_tie_sums` turns them into the tie table.
    """
    spark = spark_session(settings)
    frame = (spark.read.parquet(interactions) if interactions.endswith(".parquet")
             else spark.read.option("header", "true").csv(interactions))
    frame.createOrReplaceTempView("raw")
    names = ", ".join(f"'{kind}'" for kind in KINDS)
    rows = spark.sql(f"""
        SELECT unix_micros(to_timestamp(date)) AS stamp,
               array_position(array({names}), kind) - 1 AS kind,
               source AS a, target AS b, CAST(NULL AS DOUBLE) AS value
        FROM raw WHERE source <> target
    """)
    rows.createOrReplaceTempView("interactions")
    with _pandas3_notices_muted():
        spark.createDataFrame(kind_frame(settings)).createOrReplaceTempView("kinds")
    spark.sql(tie_sums_sql(as_of_microseconds(pd.Timestamp(as_of)))).write.mode(
        "overwrite").parquet(output)


def read_tie_sums(path: str, settings: Settings) -> pd.DataFrame:
    """The tie table from sums :func:`spark_ties_from_files` wrote."""
    sums = pd.read_parquet(path).sort_values(["u", "v"], ignore_index=True)
    return ties_from_sums(sums_with_dates(sums), settings)
