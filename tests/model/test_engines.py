"""The DuckDB (and Spark) engines give the pandas engine's tie and flow tables to 1e-9."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import refgraph
from refgraph import Network, RefgraphError, Settings
from refgraph.io.settings import KINDS, EngineSettings, SettingsError
from refgraph.model.engines import choose_engine, require_module, with_engine

AS_OF = pd.Timestamp("2025-01-01", tz="UTC")
PEOPLE = ("a", "b", "c", "d", "e")


def assert_same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-9, atol=1e-12)


def both(network: Network, what: str, as_of=None):
    return (with_engine(network, "pandas").derived(what, as_of),
            with_engine(network, "duckdb").derived(what, as_of))


@pytest.mark.parametrize("what", ["ties", "flows"])
@pytest.mark.parametrize("sample", ["consultant", "chapter"])
def test_duckdb_matches_pandas_on_the_samples(request, sample, what):
    network = request.getfixturevalue(sample)
    for as_of in (None, "2025-06-30", "2000-01-01"):
        assert_same(*both(network, what, as_of))


row = st.tuples(
    st.integers(min_value=-30 * 24, max_value=5 * 365 * 24),  # hours before AS_OF (< 0: after)
    st.sampled_from(PEOPLE), st.sampled_from(PEOPLE), st.sampled_from(KINDS),
    st.one_of(st.none(), st.floats(min_value=0, max_value=1e6)),
).filter(lambda r: r[1] != r[2])


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.Series(AS_OF - pd.to_timedelta([r[0] for r in rows], unit="h"),
                          dtype="datetime64[us, UTC]"),
        "source": pd.Series([r[1] for r in rows], dtype=object),
        "target": pd.Series([r[2] for r in rows], dtype=object),
        "kind": pd.Categorical([r[3] for r in rows], categories=KINDS),
        "value": np.array([np.nan if r[4] is None else r[4] for r in rows], dtype=float),
    })


weights = st.fixed_dictionaries({k: st.floats(min_value=0.01, max_value=10) for k in KINDS})
half_lives = st.fixed_dictionaries({k: st.floats(min_value=1, max_value=2000) for k in KINDS})


@settings(max_examples=40, deadline=None)
@given(st.lists(row, max_size=40), weights, half_lives)
def test_duckdb_matches_pandas_on_random_networks(rows, kind_weights, half_life_days):
    config = Settings(kind_weights=kind_weights, half_life_days=half_life_days)
    network = Network(pd.DataFrame({"id": list(PEOPLE), "name": list(PEOPLE)}), frame(rows),
                      config)
    for what in ("ties", "flows"):
        assert_same(*both(network, what, AS_OF))


def test_auto_picks_duckdb_for_big_networks(chapter):
    small = chapter.settings.replace(engine=EngineSettings(duckdb_min_interactions=10**9))
    big = chapter.settings.replace(engine=EngineSettings(duckdb_min_interactions=1))
    assert choose_engine(Network(chapter.contacts, chapter.interactions, small)) == "pandas"
    assert choose_engine(Network(chapter.contacts, chapter.interactions, big)) == "duckdb"
    assert choose_engine(chapter, "spark") == "spark"


def test_engine_settings_are_checked():
    with pytest.raises(SettingsError, match=r"engine\.name"):
        EngineSettings(name="polars")
    with pytest.raises(SettingsError, match="duckdb_memory_limit"):
        EngineSettings(duckdb_memory_limit="2GB'; DROP TABLE x")
    with pytest.raises(RefgraphError, match="unknown engine"):
        with_engine(Network(pd.DataFrame(), pd.DataFrame({"date": []})), "polars")


def test_a_missing_engine_says_how_to_install():
    with pytest.raises(RefgraphError, match=r'pip install "refgraph\[spark\]"'):
        require_module("no_such_module_for_refgraph", "spark", "the Spark engine")


def test_ties_writes_parquet(tmp_path, consultant):
    pytest.importorskip("pyarrow")
    target = tmp_path / "ties.parquet"
    table = refgraph.ties(consultant, engine="duckdb", output=target)
    assert_same(pd.read_parquet(target), table)


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_text_columns_keep_the_text_type_pandas_infers(consultant, engine):
    # Ids and stages are taken from their distinct values, not converted row by
    # row: the columns must still be what pandas itself makes of text.
    text = pd.Series(["a"]).dtype
    network = with_engine(consultant, engine)
    ties = network.derived("ties", None)
    flows = network.derived("flows", None)
    for column in (ties["u"], ties["v"], ties["stage"], ties["earned_stage"],
                   flows["source"], flows["target"]):
        assert column.dtype == text, column.name
    assert set(ties["stage"]) <= {"visibility", "credibility", "profitability"}
    assert (ties["u"] < ties["v"]).all()
