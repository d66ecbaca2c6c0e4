"""DuckDB reading an interactions file itself gives the loaded network's tie table."""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

import refgraph
from refgraph import RefgraphError

pytest.importorskip("duckdb")


def assert_same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True),
                                  check_exact=False, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("as_of", [None, "2025-06-30"])
def test_a_csv_file_gives_the_loaded_tie_table(consultant, consultant_path, as_of):
    expected = refgraph.ties(consultant, as_of, engine="pandas")
    table = refgraph.ties_from_files(consultant_path / "interactions.csv", as_of=as_of,
                                     settings=consultant.settings)
    assert_same(table, expected)


def test_a_converted_parquet_file_gives_the_same_table(tmp_path, consultant_path):
    pytest.importorskip("pyarrow")
    folder = tmp_path / "consultant"
    shutil.copytree(consultant_path, folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refgraph.convert_network(folder)
        network = refgraph.load_network(folder)
    output = tmp_path / "ties.parquet"
    table = refgraph.ties_from_files(folder / "interactions.parquet", settings=network.settings,
                                     output=output)
    assert_same(table, refgraph.ties(network, engine="pandas"))
    assert_same(pd.read_parquet(output), table)


def test_bad_files_are_named(tmp_path):
    with pytest.raises(RefgraphError, match="no such interactions file"):
        refgraph.ties_from_files(tmp_path / "missing.parquet")
    odd = tmp_path / "interactions.csv"
    odd.write_text("when,who\n2024-01-01,a\n")
    with pytest.raises(RefgraphError, match=r"missing column\(s\) date, source, target, kind"):
        refgraph.ties_from_files(odd)
    bad = tmp_path / "bad" / "interactions.csv"
    bad.parent.mkdir()
    bad.write_text("date,source,target,kind\nsoon,a,b,call\n")
    with pytest.raises(RefgraphError, match=f"{bad}: could not read it as validated"):
        refgraph.ties_from_files(bad)
