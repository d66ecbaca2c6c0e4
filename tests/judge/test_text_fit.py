"""Tests of refgraph.judge.text_fit: the BM25 index of the contacts' trade text."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import refgraph
from refgraph.io.settings import ReferSettings
from refgraph.judge.story import read_trigger
from refgraph.judge.text_fit import stem_words, text_index, text_relevance

#: Trades repeat across contacts, as in any real network.
_TRADES = st.sampled_from([
    ("Roofer", "roof repairs; flat roofs"), ("Builder", "extensions"), ("", ""),
    ("Web designer", "websites; SEO"), ("Roofer", "roof repairs; flat roofs"),
])


def _network(trades, notes=None):
    n = len(trades)
    contacts = pd.DataFrame({"id": [f"c{i}" for i in range(n)],
                             "name": [f"Person {i}" for i in range(n)],
                             "profession": [t[0] for t in trades],
                             "services": [t[1] for t in trades],
                             "notes": notes if notes is not None else [""] * n})
    interactions = pd.DataFrame({"date": ["2024-01-01"], "source": ["c0"], "target": ["c1"],
                                 "kind": ["call"]})
    return refgraph.load_network((contacts, interactions))


@settings(max_examples=30, deadline=None)
@given(st.lists(_TRADES, min_size=2, max_size=10))
def test_each_contact_row_counts_the_stems_of_its_own_trade(trades):
    index = text_index(_network(trades))
    stems = {column: stem for stem, column in index.vocabulary.items()}
    rows = index.counts.tocsr()
    for position, (profession, services) in enumerate(trades):
        row = rows[position]
        counted = Counter({stems[c]: int(v) for c, v in zip(row.indices, row.data, strict=True)})
        assert counted == Counter(stem_words(f"{profession} ; {services}"))
    lengths = [len(stem_words(f"{p} ; {s}")) for p, s in trades]
    mean = sum(lengths) / len(lengths) or 1.0
    assert index.length_ratio.tolist() == [length / mean for length in lengths]
    for stem, column in index.vocabulary.items():
        holders = sum(stem in stem_words(f"{p} ; {s}") for p, s in trades)
        assert index.doc_freq[column] == holders


def test_notes_are_read_only_for_contacts_without_a_trade():
    net = _network([("Roofer", ""), ("", "")], notes=["does gardening too", "gardening"])
    options = ReferSettings()
    scores, words = text_relevance(net, read_trigger("overgrown gardening", options), options)
    assert scores.tolist() == [0.0, 1.0] and words == ["garden"]


def test_words_of_place_and_time_find_nobody():
    # "new homes", "online shop": a trigger's "new" or "online" says nothing of the trade.
    network = _network([("Estate agent", "new homes"), ("Retailer", "online shop"),
                        ("Roofer", "roof repairs")])
    options = ReferSettings()
    for trigger in ("my friend needs a new job", "a client wants to sell more online",
                    "a friend's shop was flooded"):
        relevance, counted = text_relevance(network, read_trigger(trigger, options), options)
        assert relevance.max() == 0.0 and not counted, (trigger, counted)
    relevance, counted = text_relevance(network, read_trigger("rain through the new roof",
                                                              options), options)
    assert counted == ["roof"] and relevance.argmax() == 2
