"""Every script in scripts/ has a smoke test that runs it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(path.name for path in (ROOT / "scripts").glob("*.py"))


def _mentions(name: str) -> list[str]:
    """Test files that refer to ``scripts/<name>`` (as a path string or path parts)."""
    pattern = re.compile(rf"""scripts["']?\s*(?:/|,)\s*["']?{re.escape(name)}""")
    return [test.name for test in sorted((ROOT / "tests").rglob("test_*.py"))
            if test.name != Path(__file__).name
            and pattern.search(test.read_text(encoding="utf-8"))]


def test_there_are_scripts():
    assert "benchmark.py" in SCRIPTS and "defaults_table.py" in SCRIPTS


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_has_a_smoke_test(name):
    assert _mentions(name), (
        f"scripts/{name} is not run by any test; add a smoke test that runs it "
        "(see tests/test_benchmark.py)")
