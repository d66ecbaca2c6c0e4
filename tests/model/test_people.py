"""Tests of refgraph.model.people: people as codes, and ids back as text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph import Network
from refgraph.model.people import (
    kept_person_codes,
    network_person_codes,
    network_person_texts,
    person_codes,
    text_column,
    text_values,
)


def test_codes_of_kept_rows_match_the_whole_frames_codes():
    rows = pd.DataFrame({"source": ["c", "a", "b", "a"], "target": ["a", "b", "c", "c"]})
    people, source, target = person_codes(rows)
    kept = np.array([1, 3])
    again = kept_person_codes(rows, kept)
    reused = kept_person_codes(rows, kept, (people, source, target))
    # Recomputing from the kept rows alone may find fewer people; the ids agree.
    assert again[0][again[1]].tolist() == reused[0][reused[1]].tolist() == ["a", "a"]
    assert again[0][again[2]].tolist() == reused[0][reused[2]].tolist() == ["b", "c"]


def test_text_is_the_text_pandas_makes_whatever_it_came_from():
    text = pd.Series(["x"]).dtype
    made = pd.Series(text_values(np.array(["b", "a"], dtype=object), np.array([0, 1, 0])))
    assert made.tolist() == ["b", "a", "b"] and made.dtype == text
    assert pd.Series(text_column(pd.Series(["a"], dtype=object))).dtype == text
    assert pd.Series(text_column(pd.Series(["a"]))).dtype == text


def test_people_texts_follow_a_replaced_interactions_frame():
    network = Network(pd.DataFrame(), pd.DataFrame({"source": ["b"], "target": ["a"]}))
    assert list(network_person_texts(network)) == ["a", "b"]
    network.interactions = pd.DataFrame({"source": ["z"], "target": ["y"]})
    assert network_person_codes(network)[0].tolist() == ["y", "z"]
    assert list(network_person_texts(network)) == ["y", "z"]
