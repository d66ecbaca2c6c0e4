"""Text columns from files, frames and Arrow arrays: the same values whichever way they come."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.io import columns as columns_module
from refgraph.io.columns import (
    Column,
    arrow_column,
    arrow_columns,
    datetime_texts,
    typed_column,
)

pyarrow = pytest.importorskip("pyarrow")

# Microseconds from 1677 to 2262 (what pandas reads back in nanoseconds), midnights
# from year 1 to 9999.
moments = st.integers(min_value=-9_214_646_400_000_000, max_value=9_214_646_400_000_000)
midnights = st.integers(min_value=-719_162, max_value=2_932_896).map(
    lambda day: day * 86_400_000_000)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(moments, midnights), max_size=30), st.sampled_from(["", "+00:00"]))
def test_datetime_texts_are_the_same_from_arrow_and_numpy(micros, zone):
    stamps = np.array(micros, dtype="int64").astype("datetime64[us]")
    fast = datetime_texts(stamps, zone)
    assert fast.tolist() == datetime_texts(stamps, zone, fast=False).tolist()
    # Each text reads back as its moment (the day alone only without a zone, at midnight).
    readable = (stamps > np.datetime64("1677-09-22")) & (stamps < np.datetime64("2262-04-11"))
    if readable.all() and len(stamps):
        back = pd.to_datetime(pd.Series(fast), format="ISO8601", utc=bool(zone))
        back = back.dt.tz_localize(None) if zone else back
        assert np.array_equal(back.to_numpy().astype("datetime64[us]"), stamps)
    for text, stamp in zip(fast, stamps, strict=True):
        at_midnight = stamp.astype("datetime64[D]") == stamp
        assert (len(text) == 10) == (at_midnight and not zone)


cells = st.one_of(st.none(), st.text(alphabet="ab ,\"\u00e9", max_size=3))


def _padded(chunk: pyarrow.Array) -> pyarrow.DictionaryArray:
    """A chunk encoded with a dictionary that holds a value twice and one no row uses."""
    encoded = chunk.dictionary_encode()
    dictionary = pyarrow.concat_arrays([encoded.dictionary, pyarrow.array(["unused"]),
                                        encoded.dictionary[:1]])
    return pyarrow.DictionaryArray.from_arrays(encoded.indices, dictionary)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.lists(cells, max_size=5), max_size=4),
       st.sampled_from(["text", "dictionary", "padded dictionary"]))
def test_arrow_text_columns_equal_factorised_ones(chunks, encoding):
    array = pyarrow.chunked_array(chunks, type=pyarrow.string())
    if encoding != "text":
        encode = _padded if encoding == "padded dictionary" else pyarrow.Array.dictionary_encode
        array = pyarrow.chunked_array([encode(chunk) for chunk in array.chunks],
                                      type=pyarrow.dictionary(pyarrow.int32(), pyarrow.string()))
    values = [cell for chunk in chunks for cell in chunk]
    column = arrow_column(array)
    expected = Column.from_values(np.array(values, dtype=object))
    assert column.values().tolist() == expected.values().tolist()
    assert len(set(column.uniques.tolist())) == len(column.uniques)  # each value once
    assert set(column.uniques.tolist()) == set(column.values().tolist())  # each one used
    assert all(isinstance(unique, str) for unique in column.uniques)


@pytest.mark.parametrize("indices", [[0, 1, 0, 1, 0, 1], [0, 1, 3, 1, 3, 1]])
def test_dictionary_columns_with_unused_or_repeated_values_are_encoded_again(indices):
    # A Parquet writer may keep a value no row uses, or the same value twice.
    dictionary = pyarrow.array(["a", "b", "unused", "a"])
    array = pyarrow.DictionaryArray.from_arrays(pyarrow.array(indices, pyarrow.int32()),
                                                dictionary)
    column = arrow_column(pyarrow.chunked_array([array]))
    assert column.uniques.tolist() == ["a", "b"]
    assert column.values().tolist() == ["a", "b", "a", "b", "a", "b"]


def test_arrow_datetime_columns_stay_typed_and_read_like_frames():
    stamps = pd.Series(pd.to_datetime(["2024-01-05T09:30", None, "2024-01-05T09:30"], utc=True))
    column = arrow_column(pyarrow.chunked_array([pyarrow.array(stamps)]))
    from_frame = typed_column(stamps)
    assert column.values().tolist() == from_frame.values().tolist() == [
        "2024-01-05T09:30:00.000000+00:00", "", "2024-01-05T09:30:00.000000+00:00"]
    assert np.array_equal(column.typed[column.codes], from_frame.typed[from_frame.codes],
                          equal_nan=True)


amounts = st.one_of(st.none(), st.sampled_from([0.0, -0.0, 2.5, 1e9, float("nan")]))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(amounts, max_size=5), max_size=4),
       st.lists(st.one_of(st.none(), moments), max_size=12),
       st.lists(st.one_of(st.none(), st.integers(-3, 3)), max_size=12))
def test_typed_arrow_columns_read_like_the_same_frame_columns(chunks, micros, whole):
    # Parquet's typed columns are encoded by pyarrow; a DataFrame's by pandas:
    # the same cells must give the same texts, the same rows equal, the same moments.
    typed = [
        pyarrow.chunked_array(chunks, type=pyarrow.float64()),
        pyarrow.chunked_array([pyarrow.array(micros, pyarrow.timestamp("us", tz="UTC"))]),
        pyarrow.chunked_array([pyarrow.array(micros, pyarrow.timestamp("us"))]),
        pyarrow.chunked_array([pyarrow.array(whole, pyarrow.int64())]),
    ]
    for array in typed:
        column = arrow_column(array)
        expected = typed_column(array.to_pandas())
        assert column.values().tolist() == expected.values().tolist()
        same = column.codes[:, None] == column.codes[None, :]
        assert np.array_equal(same, expected.codes[:, None] == expected.codes[None, :])
        if expected.typed is not None:
            assert np.array_equal(column.typed[column.codes], expected.typed[expected.codes],
                                  equal_nan=True)


def test_the_csv_readers_own_dictionaries_are_used_as_they_are():
    import pyarrow.csv

    data = b"id,kind\n" + b"".join(b"c%d,call\n" % (i % 7) for i in range(5000))
    table = pyarrow.csv.read_csv(
        pyarrow.py_buffer(data),
        read_options=pyarrow.csv.ReadOptions(block_size=1 << 10),  # many chunks
        convert_options=pyarrow.csv.ConvertOptions(column_types={
            "id": pyarrow.dictionary(pyarrow.int32(), pyarrow.string()),
            "kind": pyarrow.dictionary(pyarrow.int32(), pyarrow.string())}))
    assert table.column(0).num_chunks > 1
    trusted = arrow_columns(table, ["id", "kind"], own_dictionaries=True)
    checked = arrow_columns(table, ["id", "kind"])
    for name in ("id", "kind"):
        assert trusted[name].values().tolist() == checked[name].values().tolist()
        assert sorted(trusted[name].uniques.tolist()) == sorted(set(trusted[name].uniques))
    assert sorted(trusted["id"].uniques.tolist()) == [f"c{i}" for i in range(7)]


@pytest.mark.parametrize("parallel_rows", [0, 10**12])
def test_columns_encoded_in_threads_equal_one_at_a_time(monkeypatch, parallel_rows):
    # parallel_rows=0 sends even this small table through the threads.
    monkeypatch.setattr(columns_module, "PARALLEL_ROWS", parallel_rows)
    monkeypatch.setattr(pyarrow, "cpu_count", lambda: 2)
    table = pyarrow.table({
        "id": ["c1", "c2", None, "c1"] * 50,
        "date": pyarrow.array(pd.to_datetime(["2024-01-05", None, "2024-02-01", "2024-01-05"]
                                             * 50, utc=True)),
        "kind": ["call", "call", "email", "referral"] * 50,
    })
    encoded = arrow_columns(table, ["id", "date", "kind"])
    assert list(encoded) == ["id", "date", "kind"]
    for position, name in enumerate(encoded):
        alone = arrow_column(table.column(position))
        assert encoded[name].values().tolist() == alone.values().tolist()
        assert encoded[name].codes.tolist() == alone.codes.tolist()
    assert encoded["date"].typed is not None  # datetimes stay typed in a thread too
