"""Shared fixtures: small networks built in code, and the sample networks."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import refgraph

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_networks"


def make_network(contacts, interactions, *, owner="me", settings=None, **kwargs):
    """Build a Network from plain rows.

    ``contacts`` is a list of dicts (at least ``id``; ``name`` defaults to the
    id) or of ids; ``interactions`` a list of ``(date, source, target, kind)``
    tuples, optionally with a fifth ``value`` item, or of dicts.
    """
    contact_rows = [{"id": c, "name": c} if isinstance(c, str) else {"name": c["id"], **c}
                    for c in contacts]
    rows = []
    for item in interactions:
        if isinstance(item, dict):
            rows.append(item)
        else:
            date, source, target, kind, *rest = item
            rows.append({"date": date, "source": source, "target": target, "kind": kind,
                         "value": rest[0] if rest else ""})
    contact_frame = pd.DataFrame(contact_rows)
    interaction_frame = pd.DataFrame(
        rows, columns=None if rows else ["date", "source", "target", "kind"]
    )
    merged = {"owner": owner} if owner else {}
    merged.update(settings or {})
    return refgraph.load_network((contact_frame, interaction_frame), settings=merged, **kwargs)


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
