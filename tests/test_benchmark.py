"""Smoke test of scripts/benchmark.py at scale S (shape of the output, not timings)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import refgraph

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "benchmark.py"


def run_worker(kind: str, folder: Path, only: str) -> dict:
    """Run one measured worker on ``folder``; its stage lines by stage."""
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--worker", kind, "--network", str(folder),
         "--only", only],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return {entry.pop("stage"): entry for entry in map(json.loads, done.stdout.splitlines())}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("benchmark_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.mark.slow
def test_generator_is_deterministic_and_realistic(bench, tmp_path):
    first = bench.write_network(tmp_path / "a", 200, 3000, seed=3)
    second = bench.write_network(tmp_path / "b", 200, 3000, seed=3)
    other = bench.write_network(tmp_path / "c", 200, 3000, seed=4)
    for name in ("contacts.csv", "interactions.csv", "network.toml"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / "interactions.csv").read_bytes() != (other / "interactions.csv").read_bytes()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", refgraph.RefgraphWarning)  # rare exact repeats
        net = refgraph.load_network(first)
    rows = net.interactions
    assert len(net.contacts) == 200 and len(rows) >= 2950
    assert set(rows["kind"]) == set(refgraph.io.settings.KINDS)
    span = rows["date"].max() - rows["date"].min()
    assert pd.Timedelta(days=2 * 365) < span <= pd.Timedelta(days=3 * 365)
    owner_share = ((rows["source"] == "me") | (rows["target"] == "me")).mean()
    assert 0.2 < owner_share < 0.9  # owner-centred, with contact-to-contact ties too
    degree = net.graph().degree()
    degrees = sorted((d for n, d in degree if n != "me"), reverse=True)
    assert degrees[0] >= 4 * max(degrees[len(degrees) // 2], 1)  # heavy-tailed
    assert rows["value"].notna().sum() == (rows["kind"] == "business").sum()
    assert '"' in (first / "interactions.csv").read_text(encoding="utf-8")  # quoted notes


@pytest.mark.slow
def test_benchmark_runs_scale_s(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--scales", "S", "--only", "load,graph",
         "--json", str(out), "--data", str(tmp_path / "data"), "--warm-gb", "0.5"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    table = done.stdout
    lines = table.splitlines()
    assert lines[0].startswith("scale S: 500 contacts")
    header = lines[1].split()
    assert header[:4] == ["stage", "refgraph", "s", "refgraph"]
    assert {"bare", "ratio", "target", "ok"} <= set(header)
    for stage in ("load", "graph", "load+graph"):
        row = next(line.split() for line in lines if line.split()[:1] == [stage])
        assert row[5].endswith("x"), row  # refgraph s, MB, bare s, MB, ratio

    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]["cpus"] >= 1
    # The machine's own speed, so that runs on different machines can be compared.
    probes = ("python_loop_10m_s", "new_memory_s_per_gb", "random_reads_10m_s")
    for when in ("speed_before", "speed_after"):
        assert all(report["machine"][when][probe] > 0 for probe in probes)
    assert any(line.startswith("machine speed before / after the run: a 10-million-step")
               for line in lines)
    # Memory is touched once before the stages, and the run says how long that took.
    assert report["machine"]["warmed"]["gigabytes"] == 0.5
    assert "touched 0.5 GB of memory once before the stages" in done.stderr
    assert report["stages"] == ["load", "graph"]
    scale = report["scales"]["S"]
    assert (scale["contacts"], scale["interactions"]) == (500, 10_000)
    for implementation in ("refgraph", "bare"):
        for stage in ("load", "graph"):
            entry = scale[implementation][stage]
            assert entry["seconds"] > 0 and entry["peak_mb"] > 0
    graph = scale["refgraph"]["graph"]
    assert graph["nodes"] == 500 and graph["edges"] == scale["bare"]["graph"]["edges"]
    assert graph["ties_seconds"] + graph["nx_seconds"] <= graph["seconds"] + 1e-6
    assert [row["stage"] for row in report["rows"]] == ["load", "graph", "load+graph"]
    assert all(row["ratio"] > 0 for row in report["rows"])
    # The build row also says what the commands that need no nx graph wait for.
    load_and_ties = scale["refgraph"]["load"]["seconds"] + graph["ties_seconds"]
    assert report["rows"][2]["note"] == (f"load + ties {load_and_ties:.1f} s (refer, ask, "
                                         "nurture and stats need no nx graph)")
    # The generated network is kept with --data and reused by the next run.
    assert (tmp_path / "data" / "S-seed0" / ".complete").exists()


@pytest.mark.slow
def test_query_stages_are_timed(bench, tmp_path):
    folder = bench.write_network(tmp_path / "net", 120, 1500, seed=1)
    stages = run_worker("refgraph", folder, "load,graph,nurture,trust_paths")
    assert list(stages) == ["baseline", "load", "graph", "trust_paths", "nurture"]
    for stage in ("trust_paths", "nurture"):
        entry = stages[stage]
        assert entry["seconds"] is not None and entry["seconds"] > 0, entry.get("note")
        assert "note" not in entry, entry["note"]
    assert len(stages["trust_paths"]["per_path_seconds"]) >= 1


def test_a_failing_stage_is_an_error_not_a_skip(bench, capsys):
    results = bench.Results(bench.PeakMemory())

    def broken(trust_paths):
        raise RuntimeError("no path today")

    results.query("trust_paths", "refgraph", "trust_paths", broken)
    entry = results.stages["trust_paths"]
    assert entry["seconds"] is None
    assert entry["note"] == "error: RuntimeError: no path today"
    assert "RuntimeError: no path today" in capsys.readouterr().err  # the traceback
    results.query("nurture", "refgraph", "no_such_query", lambda func: (func(), {}))
    assert results.stages["nurture"]["note"].startswith("skipped: ")

    rows = bench.rows_for("M", {"refgraph": results.stages})
    verdicts = {row.stage: row.result for row in rows}
    assert verdicts["trust_paths"] == "ERROR" and verdicts["nurture"] == "SKIP"


def test_bad_arguments(bench):
    with pytest.raises(SystemExit):
        bench.parse_args(["--scales", "XXL"])
    with pytest.raises(SystemExit):
        bench.parse_args(["--only", "load,teleport"])
    args = bench.parse_args(["--scales", "s", "--large", "--only", "graph"])
    assert args.scale_list == ["S", "L"] and args.stage_list == ["load", "graph"]
    args = bench.parse_args(["--scale", "XL", "--only", "ties"])
    assert args.scale_list == ["XL"] and args.stage_list == ["load", "ties"]
    assert bench.stages_at("XL", bench.parse_args([]).stage_list) == ["load", "ties"]
    assert bench.stages_at("M", ["load", "ask"]) == ["load", "graph", "ask"]
    # As much memory is touched before the stages as the scales' targets allow them.
    assert bench.parse_args(["--scales", "S,M"]).warm_gb == 2
    assert bench.parse_args(["--scales", "M", "--large"]).warm_gb == 8
    assert bench.parse_args(["--warm-gb", "0"]).warm_gb == 0
    with pytest.raises(SystemExit):
        bench.parse_args(["--warm-gb", "-1"])


@pytest.mark.slow
def test_bare_pipeline_times_every_stage(bench, tmp_path):
    folder = bench.write_network(tmp_path / "net", 120, 1500, seed=1)
    stages = run_worker("bare", folder, "load,graph,refer,ask,trust_paths,nurture,stats")
    assert list(stages) == ["baseline", "load", "graph", "refer", "ask", "trust_paths",
                            "nurture", "stats"]
    for stage in list(stages)[1:]:
        assert stages[stage]["seconds"] is not None, stages[stage].get("note")


@pytest.mark.slow
def test_parquet_scale_ties(bench, tmp_path):
    data = importlib.import_module("benchmark_data")
    folder = data.write_parquet_network(tmp_path / "xl", 300, 20_000, seed=2, chunk=6_000)
    assert bench.is_parquet_network(folder)
    network = bench.load_parquet_network(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", refgraph.RefgraphWarning)
        checked = refgraph.load_network(folder)  # the validating loader, for comparison
    fast = refgraph.ties(network, engine="duckdb")
    slow = refgraph.ties(checked, engine="pandas")
    assert len(fast) == len(slow)
    assert fast["strength"].sum() == pytest.approx(slow["strength"].sum(), rel=1e-9)
    counts = {}
    for kind in ("refgraph", "bare"):
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--worker", kind, "--network", str(folder),
             "--only", "load,ties"], capture_output=True, text=True, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        counts[kind] = next(line["ties"] for line in lines if "ties" in line)
    assert counts["refgraph"] == counts["bare"] == len(slow)


def test_a_worker_process_peak_is_reported_beside_the_stage(bench, monkeypatch):
    memory = bench.PeakMemory()
    # The largest child so far, as getrusage gives it: 300 MB before, 900 MB after.
    peaks = iter([300.0, 900.0, 900.0, 900.0])
    monkeypatch.setattr(memory, "workers_peak_mb", lambda: next(peaks))
    results = bench.Results(memory)
    results.measure("stats", lambda: (None, {}))  # a worker peaked during the stage
    results.measure("nurture", lambda: (None, {}))  # no new peak: nothing to report
    assert results.stages["stats"]["worker_peak_mb"] == 900.0
    assert "worker_peak_mb" not in results.stages["nurture"]
    notes = {row.stage: row.note for row in bench.rows_for("M", {"refgraph": results.stages})}
    assert "worker process peak 900 MB" in notes["stats"]
    assert "worker" not in notes["nurture"]


def test_a_big_network_is_timed_again_from_the_cache(bench, tmp_path):
    # A network over engine.cache_min_bytes (here: every one) is loaded twice:
    # checked from its files, then read back from the cache the first load kept.
    folder = bench.write_network(tmp_path / "net", 120, 1500, seed=1)
    with open(folder / "network.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[engine]\ncache_min_bytes = 0\n")
    stages = run_worker("refgraph", folder, "load,load_cached,graph")
    # The graph is built while the first load's tables are kept in the background.
    assert list(stages) == ["baseline", "load", "graph", "load_cached"]
    assert stages["load"]["kept_in_cache"] and stages["load_cached"]["seconds"] > 0
    assert stages["load"]["kept_after_seconds"] >= stages["graph"]["seconds"]
    assert stages["load_cached"]["warnings"] == stages["load"]["warnings"]
    rows = {row.stage: row for row in bench.rows_for("L", {"refgraph": stages})}
    cached = rows["load+graph (cached)"]
    assert cached.seconds == pytest.approx(stages["load_cached"]["seconds"]
                                           + stages["graph"]["seconds"])
    assert cached.target == rows["load+graph"].target == "<= 20 s, <= 4 GB"
    assert cached.result == "PASS"
    assert not list(tmp_path.glob("refgraph-cache-*"))  # the worker's own cache is removed


def test_a_small_network_has_no_cached_load(bench):
    measured = {"baseline": {"peak_mb": 100.0}, "load": {"seconds": 1.0, "peak_mb": 600.0},
                "load_cached": {"seconds": None, "peak_mb": None,
                                "note": "below engine.cache_min_bytes: every load reads the files"},
                "graph": {"seconds": 1.0, "peak_mb": 650.0, "ties_seconds": 0.2,
                          "nx_seconds": 0.8, "edges": 10}}
    rows = {row.stage: row.result for row in bench.rows_for("M", {"refgraph": measured})}
    assert rows == {"load": "", "load_cached": "SKIP", "graph": "", "load+graph": "PASS"}


def test_log_and_the_load_after_it_are_timed_on_a_copy(bench, tmp_path):
    folder = bench.write_network(tmp_path / "net", 120, 1500, seed=2)
    with open(folder / "network.toml", "a", encoding="utf-8") as handle:
        handle.write("\n[engine]\ncache_min_bytes = 0\n")
    before = (folder / "interactions.csv").read_bytes()
    stages = run_worker("refgraph", folder, "load,log,load_after_log")
    assert list(stages) == ["baseline", "load", "log", "load_after_log"]
    assert stages["log"]["seconds"] > 0 and stages["log"]["line"] > 1500
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = len(refgraph.load_network(folder, cache=False).interactions)
    assert stages["load_after_log"]["interactions"] == loaded + 1
    assert (folder / "interactions.csv").read_bytes() == before  # the data is left alone
    assert not list(tmp_path.glob("refgraph-log-*"))
