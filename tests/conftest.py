"""Shared fixtures: small networks built in code, and the sample networks."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from toys import make_network

import refgraph
from refgraph.io.cache import wait_until_kept

matplotlib.use("Agg")

if os.environ.get("REFGRAPH_TEST_OBJECT_STRINGS"):
    # .ci/run: text in object columns, as pandas stores it without its string dtype.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the option is deprecated in pandas 3
        pd.set_option("future.infer_string", False)

# Big test networks keep their checked tables in a cache of their own, never the user's.
# The process that makes it (the xdist controller, whose workers inherit the variable)
# removes it at exit, so test runs leave nothing behind in the temporary folder.
if "REFGRAPH_CACHE_DIR" not in os.environ:
    _TEST_CACHE = tempfile.mkdtemp(prefix="refgraph-test-cache-")
    os.environ["REFGRAPH_CACHE_DIR"] = _TEST_CACHE
    atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)



@pytest.fixture(autouse=True)
def _kept_before_the_next_test():
    """Let a load's background cache write finish inside its own test's folders."""
    yield
    wait_until_kept()


ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_networks"


@pytest.fixture
def network_factory():
    """The :func:`make_network` builder as a fixture."""
    return make_network


@pytest.fixture(scope="session")
def consultant_path() -> Path:
    return SAMPLES / "consultant"


@pytest.fixture(scope="session")
def chapter_path() -> Path:
    return SAMPLES / "chapter"


@pytest.fixture(scope="session")
def consultant(consultant_path):
    return refgraph.load_network(consultant_path)


@pytest.fixture(scope="session")
def chapter(chapter_path):
    return refgraph.load_network(chapter_path)
