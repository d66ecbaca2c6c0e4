"""Without pyarrow, Parquet work stops with a message saying what to install."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

import refgraph
from refgraph import RefgraphError

pytestmark = pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None,
                                reason="pyarrow is installed")


def test_convert_says_to_install_pyarrow(tmp_path, chapter_path):
    folder = tmp_path / "chapter"
    shutil.copytree(chapter_path, folder)
    with pytest.raises(RefgraphError, match="needs pyarrow; install it with pip install pyarrow"):
        refgraph.convert_network(folder)
    assert not list(folder.glob("*.parquet"))  # nothing half-written is left behind
