"""The refgraph process runs without transparent huge pages (refgraph.io.pages)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

import refgraph
from refgraph import cli
from refgraph.io import cache

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux prctl")

PROBE = ("import refgraph\n"
         "from refgraph.io.pages import small_pages_preferred\n"
         "before = small_pages_preferred()\n"
         "print(before, refgraph.prefer_small_pages(), small_pages_preferred())\n")


def probe(**environment: str) -> list[str]:
    # A process of its own: the setting lasts for the whole process.
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=True, env={**os.environ, **environment})
    return done.stdout.split()


@linux
def test_a_process_asks_for_small_pages_and_keeps_them():
    assert probe(REFGRAPH_HUGE_PAGES="0") == ["False", "True", "True"]


@linux
def test_huge_pages_kept_on_request():
    assert probe(REFGRAPH_HUGE_PAGES="1") == ["False", "False", "False"]


def test_the_refgraph_program_asks_before_it_runs_a_command(monkeypatch, capsys):
    monkeypatch.setattr(cache, "_HELD", threading.Event())  # run() holds keeps: not here
    calls = []
    monkeypatch.setattr(refgraph, "prefer_small_pages", lambda: calls.append("pages"))
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 0)
    assert cli.run() == 0
    assert calls == ["pages", "main"]
