"""CSV and JSON output a user can read: rounded numbers, ISO dates, one type for as_of."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from toys import make_network

import refgraph
from refgraph.show import render
from refgraph.show.tables import tidy_frame

ISO_DATE_OR_MOMENT = r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+00:00)?"


def test_csv_numbers_are_rounded_and_dates_are_iso(consultant):
    text = render(refgraph.nurture(consultant, n=10), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        for column in ("priority", "trust", "value"):
            assert re.fullmatch(r"-?\d+(\.\d{1,3})?", row[column]), row[column]
        # a day, or a full ISO 8601 moment when the interaction carried a time of day
        for column in ("last_contact", "first_contact"):
            assert re.fullmatch(ISO_DATE_OR_MOMENT, row[column]), row[column]


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_tidy_numbers_have_at_most_three_decimals(number):
    cell = tidy_frame(pd.DataFrame({"x": [number]})).to_csv(index=False).split()[1]
    assert len(cell.split(".")[1]) <= 3 if "." in cell and "e" not in cell else True
    assert abs(float(cell) - number) <= 0.0005 + 1e-9 * abs(number)


def test_json_as_of_is_a_calendar_day_even_after_timed_interactions():
    net = make_network(["me", "ann"], [("2024-01-05T14:30Z", "me", "ann", "one_to_one")])
    for result in (refgraph.nurture(net), refgraph.stats(net),
                   refgraph.trust_paths(net, "me", "ann"),
                   refgraph.nurture(net, as_of="2024-02-01T10:00Z")):
        out = json.loads(result.to_json())
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", out["as_of"]), out["as_of"]
    assert json.loads(refgraph.nurture(net).to_json())["as_of"] == "2024-01-05"
