"""The collector pause: queries on a big network skip needless collections."""

from __future__ import annotations

import gc

import pytest

import refgraph
from refgraph.io.collector import collector_paused


def test_nested_pauses_and_errors_leave_the_collector_as_they_found_it():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            with collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # only the outermost pause re-enables
            raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()


def test_queries_restore_the_collector(consultant):
    refgraph.refer(consultant, "a client needs a web designer")
    refgraph.nurture(consultant)
    assert gc.isenabled()
