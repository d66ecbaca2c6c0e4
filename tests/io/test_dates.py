"""Dates: the fast parse of plain ISO 8601 texts agrees with pandas, value by value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.io.dates import parse_plain_iso

pytest.importorskip("pyarrow")


def _pandas(text: str) -> np.datetime64:
    """How the loader read one date before the fast parse (NaT when pandas refuses it)."""
    stamps = pd.to_datetime(pd.Index([text.strip()], dtype=object), format="ISO8601",
                            utc=True, errors="coerce")
    return stamps.tz_localize(None).as_unit("us").to_numpy()[0]


def _digits(count: int, low: int = 0, high: int | None = None) -> st.SearchStrategy[str]:
    high = 10 ** count - 1 if high is None else high
    return st.integers(low, high).map(lambda n: str(n).zfill(count))


# Near the edges on purpose: day 31 of short months, 29 February, hour 24,
# second 60, year 0, seven decimals, offsets of 24 hours, a decimal comma.
_date = st.tuples(_digits(4, 0, 9999), _digits(2, 0, 13), _digits(2, 0, 32)).map("-".join)
_fraction = st.one_of(st.just(""), st.integers(1, 8).flatmap(
    lambda n: st.tuples(st.sampled_from(".,"), _digits(n)).map("".join)))
_seconds = st.one_of(st.just(""), st.tuples(_digits(2, 0, 61), _fraction).map(
    lambda parts: ":" + "".join(parts)))
_time = st.tuples(st.sampled_from("T "), _digits(2, 0, 25), _digits(2, 0, 60), _seconds).map(
    lambda p: f"{p[0]}{p[1]}:{p[2]}{p[3]}")
_zone = st.one_of(st.just(""), st.just("Z"), st.tuples(
    st.sampled_from("+-"), _digits(2, 0, 25), st.sampled_from(["", ":", "x"]),
    _digits(2, 0, 61)).map(lambda p: p[0] + p[1] + ("" if p[2] == "x" else p[2] + p[3])))
_texts = st.tuples(st.sampled_from(["", " ", "\t"]), _date, st.one_of(st.just(""), _time),
                   _zone, st.sampled_from(["", " "])).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(_texts, min_size=1, max_size=3))
def test_the_fast_parse_reads_exactly_what_pandas_reads(texts):
    done, stamps = parse_plain_iso(np.array(texts, dtype=object))
    for text, parsed, stamp in zip(texts, done, stamps, strict=True):
        if parsed:  # what it parses, pandas reads to the same moment
            assert stamp == _pandas(text), text
        else:
            assert np.isnat(stamp), text


_real = st.tuples(st.datetimes(), st.sampled_from(["%Y-%m-%d", "%Y-%m-%dT%H:%M",
                                                   "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f"]),
                  st.sampled_from(["", "Z", "+01:00", "-0530", "+14"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_real, min_size=1, max_size=8))
def test_real_moments_all_take_the_fast_parse(moments):
    texts = [moment.strftime(form).zfill(len(moment.strftime(form)) + (4 - len(str(moment.year))))
             + (zone if form != "%Y-%m-%d" else "")
             for moment, form, zone in moments]
    done, stamps = parse_plain_iso(np.array(texts, dtype=object))
    assert done.all()
    assert [stamp for stamp in stamps] == [_pandas(text) for text in texts]


@pytest.mark.parametrize("text", [
    "2024-01-05", "2024-02-29", "2024-01-05T09:30", "2024-01-05 09:30:15",
    "2024-01-05T09:30:15.123456", "2024-01-05T09:30Z", "2024-01-05T09:30:15+01:00",
    "2024-01-05T09:30:15-0530", "2024-01-05T09:30+01", "  2024-01-05\t",
])
def test_everyday_spellings_take_the_fast_parse(text):
    done, stamps = parse_plain_iso(np.array([text], dtype=object))
    assert done[0] and stamps[0] == _pandas(text)


@pytest.mark.parametrize("text", [
    "2023-02-29", "2024-04-31", "2024-13-01", "2024-01-05T24:00",
    "2024-01-05T09:30:15,5", "2024-01-05T09:30:15.1234567", "2024-01-05Z", "05/01/2024",
    "\u0662\u0660\u0662\u0664-01-05", "2024-01-05\u00a0", "",
])
def test_odd_or_impossible_dates_are_left_for_pandas_to_name(text):
    done, stamps = parse_plain_iso(np.array([text], dtype=object))
    assert not done[0] and np.isnat(stamps[0])
