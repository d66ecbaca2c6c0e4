"""Shared fixtures: small networks built in code, and the sample networks."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from toys import make_network

import refgraph

matplotlib.use("Agg")

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
