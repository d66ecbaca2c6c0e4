"""The refgraph process runs without transparent huge pages and reuses what it frees."""

from __future__ import annotations

import os
import platform
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


REUSE_PROBE = ("import numpy, refgraph\n"
               "def resident():\n"
               "    with open('/proc/self/status') as status:\n"
               "        line = next(line for line in status if line.startswith('VmRSS:'))\n"
               "    return int(line.split()[1]) // 1024\n"
               "print(refgraph.reuse_freed_memory())\n"
               "array = numpy.ones(200_000_000 // 8)\n"
               "with_array = resident()\n"
               "del array\n"
               "print(with_array - resident())\n")


def freed_mb(**environment: str) -> tuple[str, int]:
    """Whether the probe's process kept freed memory, and how many MB of 200 it gave back."""
    done = subprocess.run([sys.executable, "-c", REUSE_PROBE], capture_output=True, text=True,
                          check=True, env={**os.environ, **environment})
    agreed, given_back = done.stdout.split()
    return agreed, int(given_back)


glibc = pytest.mark.skipif(not sys.platform.startswith("linux")
                           or platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")


@glibc
def test_a_process_keeps_a_freed_array_for_its_next_one():
    agreed, given_back = freed_mb(REFGRAPH_RETURN_MEMORY="0")
    assert agreed == "True"
    assert given_back < 20


@glibc
def test_freed_memory_goes_back_to_the_system_on_request():
    agreed, given_back = freed_mb(REFGRAPH_RETURN_MEMORY="1")
    assert agreed == "False"
    assert given_back > 180


def test_the_refgraph_program_sets_up_memory_before_it_runs_a_command(monkeypatch, capsys):
    monkeypatch.setattr(cache, "_HELD", threading.Event())  # run() holds keeps: not here
    calls = []
    monkeypatch.setattr(refgraph, "prefer_small_pages", lambda: calls.append("pages"))
    monkeypatch.setattr(refgraph, "reuse_freed_memory", lambda: calls.append("reuse"))
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 0)
    assert cli.run() == 0
    assert calls == ["pages", "reuse", "main"]
