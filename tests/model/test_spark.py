"""The Spark engine in local mode gives the other engines' tie and flow tables."""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

pytest.importorskip("pyspark", reason="the Spark engine needs the spark extra: "
                    'pip install -e ".[spark]"')

import refgraph
from refgraph.model.engines import with_engine
from refgraph.model.ties_spark import read_tie_sums, spark_ties_from_files

pytestmark = pytest.mark.slow


def assert_same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-9, atol=1e-12)


def test_spark_matches_pandas_and_duckdb_on_the_sample(consultant):
    pandas = with_engine(consultant, "pandas")
    spark = with_engine(consultant, "spark")
    duckdb = with_engine(consultant, "duckdb")
    for as_of in (None, "2025-06-30"):
        assert_same(spark.ties(as_of), pandas.ties(as_of))
        assert_same(spark.ties(as_of), duckdb.ties(as_of))
        assert_same(spark.flows(as_of), pandas.flows(as_of))


def test_spark_reads_parquet_files_and_writes_the_tie_sums(tmp_path, consultant_path, consultant):
    folder = tmp_path / "net"
    shutil.copytree(consultant_path, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refgraph.convert_network(folder)
    as_of = consultant.resolve_as_of()
    out = str(tmp_path / "ties_sums")
    spark_ties_from_files(str(folder / "interactions.parquet"), out, consultant.settings, as_of)
    assert_same(read_tie_sums(out, consultant.settings), consultant.ties(as_of))
