"""Every script in scripts/ runs: its --help, and a smoke run on the sample networks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Modules a script imports (helpers without a ``__main__``) are not scripts themselves.
SCRIPTS = sorted(path.name for path in (ROOT / "scripts").glob("*.py")
                 if "__main__" in path.read_text(encoding="utf-8"))
CONSULTANT = ROOT / "sample_networks" / "consultant"


def _run(name: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args],
                          capture_output=True, text=True, check=False, cwd=ROOT,
                          timeout=timeout)


def test_there_are_scripts():
    assert {"benchmark.py", "defaults_table.py", "make_sample_networks.py",
            "monthly_report.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_help(name):
    done = _run(name, "--help", timeout=60)
    assert done.returncode == 0, done.stderr
    usage, description, *options = done.stdout.split("\n\n")
    assert usage.startswith(f"usage: {name} ")
    assert description.strip() and not description.startswith(("options:", "positional"))
    assert "-h, --help" in "\n\n".join(options)


# --------------------------------------------------------------------------- smoke runs


def _check_benchmark(done: subprocess.CompletedProcess, folder: Path) -> None:
    stages = {entry.pop("stage"): entry for entry in map(json.loads, done.stdout.splitlines())}
    assert list(stages) == ["baseline", "load", "graph"]
    assert stages["load"]["seconds"] > 0 and stages["load"]["warnings"] == 0
    assert stages["graph"]["nodes"] > 300 and stages["graph"]["edges"] > 800


def _check_bench_identity(done: subprocess.CompletedProcess, folder: Path) -> None:
    numbers = json.loads(done.stdout)
    assert numbers["existing"] == 2000 and numbers["incoming"] == 200
    assert numbers["matched"] + numbers["new"] + numbers["ambiguous"] == 200
    assert 0 < numbers["name_pairs"] < 2000 * 200 / 10 and numbers["seconds"] > 0


def _check_defaults_table(done: subprocess.CompletedProcess, folder: Path) -> None:
    assert done.stdout.startswith("**Top level**")
    assert "| `owner` | not set |" in done.stdout and "**`[nurture]`**" in done.stdout


def _check_fading_table(done: subprocess.CompletedProcess, folder: Path) -> None:
    assert done.stdout.startswith("| months silent |") and "| visibility |" in done.stdout


def _check_sample_networks(done: subprocess.CompletedProcess, folder: Path) -> None:
    for sample in ("consultant", "chapter"):
        for name in ("contacts.csv", "interactions.csv", "network.toml") + (
                ("members.csv", "attendance.csv", "slips.csv") if sample == "chapter" else ()):
            written = folder / sample / name
            assert written.read_bytes() == (ROOT / "sample_networks" / sample / name).read_bytes()


def _check_sample_people(done: subprocess.CompletedProcess, folder: Path) -> None:
    # Rewriting the shipped file gives the shipped file: the columns are stable.
    assert (folder / "contacts.csv").read_bytes() == (CONSULTANT / "contacts.csv").read_bytes()
    assert "gender recorded for" in done.stderr


@pytest.mark.slow
def test_monthly_report_script_writes_the_chapter_report(tmp_path):
    done = _run("monthly_report.py", str(ROOT / "sample_networks" / "chapter"), "--month",
                "2026-09", "--chapter", "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["chapter-2026-09.html"]
    again = _run("monthly_report.py", str(ROOT / "sample_networks" / "chapter"), "--month",
                 "2026-09", "--chapter", "-o", str(tmp_path))
    assert "unchanged" in again.stderr


def _check_monthly_report(done: subprocess.CompletedProcess, folder: Path) -> None:
    page = (folder / "report-2026-10.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Sam Carter" in page
    assert [path.name for path in folder.iterdir()] == ["report-2026-10.html"]


#: One real run of each script: its arguments (``{out}`` is a fresh folder) and a check of
#: what it printed or wrote.
SMOKE: dict[str, tuple[list[str], Callable, bool]] = {
    "benchmark.py": (["--worker", "refgraph", "--network", str(CONSULTANT),
                      "--only", "load,graph"], _check_benchmark, False),
    "bench_identity.py": (["--existing", "2000", "--incoming", "200"], _check_bench_identity,
                          False),
    "defaults_table.py": ([], _check_defaults_table, False),
    "fading_table.py": ([], _check_fading_table, False),
    "make_sample_networks.py": (["--out", "{out}"], _check_sample_networks, True),
    "sample_people.py": ([str(CONSULTANT / "contacts.csv"), "--out", "{out}/contacts.csv"],
                         _check_sample_people, False),
    "monthly_report.py": ([str(CONSULTANT), "--month", "2026-10", "-o", "{out}"],
                          _check_monthly_report, True),
}


def test_every_script_has_a_smoke_run():
    assert set(SMOKE) == set(SCRIPTS), "add a smoke run of each new script to SMOKE"


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=[pytest.mark.slow] if SMOKE[name][2] else [])
    for name in sorted(SMOKE)])
def test_script_smoke_run(name, tmp_path):
    args, check, _ = SMOKE[name]
    done = _run(name, *(arg.replace("{out}", str(tmp_path)) for arg in args))
    assert done.returncode == 0, done.stdout + done.stderr
    check(done, tmp_path)
