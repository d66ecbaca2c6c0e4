"""DuckDB reading an interactions file itself gives the loaded network's tie table."""

from __future__ import annotations

import shutil
import warnings

import numpy as np
import pandas as pd
import pytest

import refgraph
from refgraph import RefgraphError
from refgraph.io.parquet import write_parquet
from refgraph.io.settings import KINDS
from refgraph.model import engines, ties_files, ties_sql
from refgraph.model.engines import with_engine
from refgraph.model.ties import TIE_COLUMNS

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


def many_pairs(count: int = 20_000, people: int = 300, seed: int = 0) -> pd.DataFrame:
    """Random interactions between enough people for thousands of pairs (no self-loops)."""
    rng = np.random.default_rng(seed)
    source = rng.integers(people, size=count)
    target = (source + rng.integers(1, people, size=count)) % people
    ids = np.array([f"p{n:03d}" for n in range(people)], dtype=object)
    kind = rng.integers(len(KINDS), size=count)
    value = np.where(rng.random(count) < 0.5, np.nan, rng.random(count) * 1000)
    stamps = pd.Timestamp("2025-01-01", tz="UTC") - pd.to_timedelta(
        rng.integers(0, 3 * 365 * 86_400, size=count), unit="s")
    return pd.DataFrame({
        "date": pd.Series(stamps, dtype="datetime64[us, UTC]"),
        "source": pd.Series(ids[source], dtype=object),
        "target": pd.Series(ids[target], dtype=object),
        "kind": pd.Categorical(np.asarray(KINDS, dtype=object)[kind], categories=KINDS),
        "value": value,
    })


def counting(monkeypatch, module, name: str) -> list[int]:
    """Replace ``module.name`` by a wrapper that records the rows of each call."""
    calls: list[int] = []
    original = getattr(module, name)

    def wrapper(frame, *args, **kwargs):
        calls.append(len(frame))
        return original(frame, *args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_small_chunks_give_the_one_chunk_table(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    path = tmp_path / "interactions.parquet"
    write_parquet(many_pairs(), path)
    one_chunk = refgraph.ties_from_files(path)
    assert len(one_chunk) > 5 * 2048  # enough pairs for several chunks below

    monkeypatch.setattr(engines, "CHUNK_ROWS", 2048)  # one DuckDB vector per chunk
    calls = counting(monkeypatch, ties_files, "ties_from_sums")
    output = tmp_path / "ties.parquet"
    chunked = refgraph.ties_from_files(path, output=output)
    assert len(calls) > 5 and max(calls) <= 2048
    # The same rows in the same order, with the same types, to the last bit.
    pd.testing.assert_frame_equal(chunked, one_chunk, check_exact=True)
    assert isinstance(chunked.index, pd.RangeIndex)
    assert_same(pd.read_parquet(output), one_chunk)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interactions.parquet", "ties.parquet"]


def test_small_chunks_give_the_pandas_tables_of_a_loaded_network(monkeypatch):
    network = refgraph.Network(pd.DataFrame(), many_pairs(seed=1))
    monkeypatch.setattr(engines, "CHUNK_ROWS", 2048)
    calls = counting(monkeypatch, ties_sql, "sums_with_dates")
    for what in ("ties", "flows"):
        expected = with_engine(network, "pandas").derived(what)
        assert_same(with_engine(network, "duckdb").derived(what), expected)
    assert len(calls) > 5


def test_no_pairs_give_the_empty_table_in_one_chunk(tmp_path, consultant, consultant_path,
                                                    monkeypatch):
    pytest.importorskip("pyarrow")  # the tie table is also written as Parquet
    monkeypatch.setattr(engines, "CHUNK_ROWS", 2048)
    output = tmp_path / "ties.parquet"
    table = refgraph.ties_from_files(consultant_path / "interactions.csv", as_of="2000-01-01",
                                     settings=consultant.settings, output=output)
    assert len(table) == 0 and list(table.columns) == list(TIE_COLUMNS)
    assert len(pd.read_parquet(output)) == 0


def test_a_failed_read_leaves_no_output(tmp_path, monkeypatch):
    path = tmp_path / "interactions.csv"
    rows = ["2024-01-01,a,b,call"] * 3000 + ["soon,c,d,call"]
    path.write_text("date,source,target,kind\n" + "\n".join(rows) + "\n")
    output = tmp_path / "ties.parquet"
    output.write_bytes(b"old")
    with pytest.raises(RefgraphError, match="could not read it as validated"):
        refgraph.ties_from_files(path, output=output)
    assert output.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interactions.csv", "ties.parquet"]
