"""Benchmark refgraph against bare pandas + networkx on synthetic networks.

Four scales, generated deterministically by ``scripts/benchmark_data.py``:

====  =========  ============  ==============================================================
name   contacts  interactions  targets (2 cores)
====  =========  ============  ==============================================================
S           500        10 000  (smoke test size)
M        20 000     1 000 000  load+validate+build <= 2.5 s, <= 1 GB; query targets
L       300 000    10 000 000  load+validate+build <= 20 s, <= 4 GB; stats <= 90 s, <= 8 GB
XL    1 000 000   100 000 000  ties with DuckDB <= 10 min, <= 8 GB (Parquet)
====  =========  ============  ==============================================================

L and XL are opt-in (``--large``, ``--scale XL``). S, M and L are CSV files
and every stage runs: load, load_cached (read back from the cache, for
networks big enough to be kept), log and load_after_log (``refgraph log``
appending one call to a copy of the network, and the load after it), graph,
refer, ask, trust_paths, nurture, stats, monthly_report (on the bundled
consultant sample) and identity (when ``scripts/bench_identity.py`` is
there). XL is written straight to Parquet and
measures ``load`` (reading it into a Network) and ``ties``
(``refgraph.ties_from_files``: DuckDB reads the Parquet file itself).

Method
------
Each measured run is a fresh Python subprocess, so one run's memory never
inflates the next. Inside it, every stage is timed with ``time.perf_counter``;
its peak memory is the process's peak resident set size (``VmHWM`` from
``/proc/self/status``), which is reset to the current size before each stage
by writing ``5`` to ``/proc/self/clear_refs``. Where that reset is unavailable
the peak is ``resource.getrusage(RUSAGE_SELF).ru_maxrss``, a high-water mark
since process start. RSS counts everything NumPy and pandas allocate, unlike
``tracemalloc``. The bare pandas + networkx pipeline
(``scripts/benchmark_baseline.py``) runs the same stages in its own subprocess
in the same run; the table shows both times and their ratio. Every worker
runs as the ``refgraph`` command sets itself up (``refgraph.cli.run``):
transparent huge pages off (``refgraph.prefer_small_pages``, which the
workers inherit from this process; ``REFGRAPH_HUGE_PAGES=1`` keeps them).

Usage::

    python scripts/benchmark.py                      # S and M
    python scripts/benchmark.py --scales S --only load,graph
    python scripts/benchmark.py --large --json out.json
    python scripts/benchmark.py --scale XL --data /tmp/bench
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the helper modules next to this script
    sys.path.insert(0, str(HERE))

# The helpers' names below are part of this script's interface (the tests use them).
from benchmark_data import (  # noqa: E402
    PARQUET_SCALES,
    SCALES,
    ask_pair,
    ensure_network,
    path_targets,
    write_network,  # noqa: F401
)
from benchmark_measure import (  # noqa: E402
    STAGE_TIMEOUT,
    PeakMemory,
    Results,
    machine_speed,
    warm_memory,
)
from benchmark_report import (  # noqa: E402
    BARE_STAGES,
    STAGES,
    XL_STAGES,
    Row,
    format_table,
    rows_for,
)

SAMPLE_REPORT_NETWORK = HERE.parent / "sample_networks" / "consultant"
#: The identity-matching benchmark (30 000 incoming vs 300 000 existing contacts). It
#: provides ``run() -> dict``: it times one matching and returns extra fields for the
#: stage's result line (sizes, matches found).
IDENTITY_MODULE = "bench_identity"
TRIGGER = "a client asked me for a good web designer"


# --------------------------------------------------------------------------- workers


def worker_refgraph(folder: Path, stages: list[str]) -> None:
    """Load, build and query a network with refgraph; one result line per stage."""
    import warnings

    import refgraph
    from refgraph.io.cache import hold_keeping, wait_until_kept
    hold_keeping()  # as the refgraph command does (refgraph.cli.run)
    results = Results(PeakMemory())
    # An empty cache of its own: the first load checks the files (and, as for
    # a command, a big folder keeps what it checked); the second (load_cached)
    # reads back what the first kept.
    cache = Path(tempfile.mkdtemp(prefix="refgraph-cache-", dir=folder.parent))
    os.environ["REFGRAPH_CACHE_DIR"] = str(cache)

    def load():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            network = refgraph.load_network(folder)
        return network, {"warnings": len(caught)}

    def build():
        started = time.perf_counter()
        network.ties()
        ties_done = time.perf_counter()
        graph = network.graph()
        return graph, {"ties_seconds": ties_done - started,
                       "nx_seconds": time.perf_counter() - ties_done,
                       "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}

    building = bool(set(stages) - {"load", "load_cached", "log", "load_after_log"})
    try:
        network = results.measure("load", load)
        returned = time.perf_counter()
        # A big folder's checked tables are kept in the cache once the command's
        # answer is out: here, once the graph is built. The keeping's end is
        # noted (not timed as a stage).
        graph = results.measure("graph", build) if building else None
        wait_until_kept()
        cached = any(cache.rglob("meta.json"))
        # The load's line again, with the keeping's end (the later line counts).
        results.record("load", {**results.stages["load"], "kept_in_cache": cached,
                                "kept_after_seconds": time.perf_counter() - returned})
        if "load_cached" in stages and cached:
            del network, graph
            gc.collect()
            network = results.measure("load_cached", load)
            # The queries below use the network read back (untimed: as measured above).
            graph = network.graph() if building else None
        elif "load_cached" in stages:
            results.skip("load_cached", "below engine.cache_min_bytes: every load reads "
                                        "the files")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if "log" in stages:
        log_stages(results, folder, stages)
    if not building:
        return

    owner = network.owner
    if "refer" in stages:
        results.query("refer", "refgraph", "refer", lambda refer: (refer(network, TRIGGER), {}))
    if "ask" in stages:
        pair = ask_pair(graph, owner)
        if pair is None:
            results.skip("ask", "skipped: no contact two hops from the owner")
        else:
            results.query("ask", "refgraph", "ask", lambda ask: (
                None, {"asker": pair[0], "target": pair[1],
                       "verdict": ask(network, *pair).verdict}))
    if "trust_paths" in stages:
        targets = path_targets(graph, owner, 5)

        def paths(trust_paths):
            if not targets:
                raise RuntimeError("no contact two hops from the owner to find a path to")
            times = []
            for target in targets:
                started = time.perf_counter()
                trust_paths(network, owner, target)
                times.append(time.perf_counter() - started)
            return None, {"per_path_seconds": times}

        results.query("trust_paths", "refgraph", "trust_paths", paths)
        results.slowest_path("trust_paths")
    if "nurture" in stages:
        results.query("nurture", "refgraph", "nurture",
                      lambda nurture: (nurture(network), {}))
    if "stats" in stages:
        results.query("stats", "refgraph", "stats", lambda stats: (stats(network), {}))
    if "monthly_report" in stages:
        # The report's target is for the bundled consultant sample (a real
        # network's size), not for the synthetic scale.
        sample = refgraph.load_network(SAMPLE_REPORT_NETWORK)
        month = sample.latest.strftime("%Y-%m")
        results.query("monthly_report", "refgraph.show", "monthly_report",
                      lambda monthly_report: (monthly_report(sample, month),
                                              {"month": month, "network": "consultant sample"}))
    if "identity" in stages:
        identity_stage(results)


def log_stages(results: Results, folder: Path, stages: list[str]) -> None:
    """Time ``refgraph log`` on a copy of the network, and the load after it.

    As a user meets it: the network was checked and kept by an earlier command
    (untimed here), ``log`` appends one call (``log``), and the next command
    loads the network again (``load_after_log``, when asked for: it reads
    only the appended row). The copy and its cache are removed afterwards.
    """
    import datetime as dt
    import warnings

    import refgraph

    scratch = Path(tempfile.mkdtemp(prefix="refgraph-log-", dir=folder.parent))
    previous = os.environ.get("REFGRAPH_CACHE_DIR")
    os.environ["REFGRAPH_CACHE_DIR"] = str(scratch / "cache")
    copy = scratch / "network"
    try:
        shutil.copytree(folder, copy)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            network = refgraph.load_network(copy)
        contact = next(c for c in network.contacts["id"] if c != network.owner)
        day = network.latest.date() + dt.timedelta(days=1)
        del network
        gc.collect()

        def log():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                done = refgraph.log_interaction(copy, with_id=contact, kind="call", date=day,
                                                today=day)
            return None, {"line": done.line}

        def load_after_log():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                network = refgraph.load_network(copy)
            return None, {"interactions": len(network.interactions)}

        results.run("log", log)
        if "load_after_log" in stages and results.stages["log"].get("seconds") is not None:
            results.run("load_after_log", load_after_log)
    finally:
        if previous is None:
            os.environ.pop("REFGRAPH_CACHE_DIR", None)
        else:
            os.environ["REFGRAPH_CACHE_DIR"] = previous
        shutil.rmtree(scratch, ignore_errors=True)


def identity_stage(results: Results) -> None:
    """Time identity matching with ``scripts/bench_identity.py``, or say it is not there.

    The module's optional ``prepare()`` (untimed) makes the data; ``run(data)``
    (or ``run()`` without ``prepare``) is timed and returns extra fields.
    """
    if not (HERE / f"{IDENTITY_MODULE}.py").exists():
        results.skip("identity", f"skipped: scripts/{IDENTITY_MODULE}.py is not there "
                                 "(30k incoming vs 300k existing contacts)")
        return
    module = importlib.import_module(IDENTITY_MODULE)
    data = module.prepare() if hasattr(module, "prepare") else None

    def run():
        extra = module.run(data) if data is not None else module.run()
        return None, dict(extra or {})

    results.run("identity", run)


def load_parquet_network(folder: Path):
    """The XL network read into a :class:`refgraph.Network` with compact columns.

    ``refgraph.load_network`` validates every cell as text, which at 100
    million rows needs tens of GB; the generated Parquet file is already clean
    (typed as ``refgraph convert`` writes), so it is read as it is: UTC
    timestamps, ids and kinds as categoricals, and the people codes handed over
    as the loader does (:func:`refgraph.model.people.remember_person_codes`).
    """
    import pyarrow.parquet as pq

    import refgraph
    from refgraph.model.people import remember_person_codes

    contacts = pd.read_parquet(folder / "contacts.parquet")
    interactions = pq.read_table(folder / "interactions.parquet",
                                 columns=["date", "source", "target", "kind", "value"]
                                 ).to_pandas()
    interactions["kind"] = interactions["kind"].cat.set_categories(refgraph.KINDS)
    ids = np.asarray(interactions["source"].cat.categories, dtype=object)
    target = interactions["target"].cat.set_categories(ids)
    source_codes = interactions["source"].cat.codes.to_numpy()
    target_codes = target.cat.codes.to_numpy()
    # Sorted distinct people and each row's positions among them, as person_codes gives.
    used = (np.bincount(source_codes, minlength=len(ids))
            + np.bincount(target_codes, minlength=len(ids))) > 0
    kept = np.flatnonzero(used)
    order = kept[np.argsort(ids[kept])]
    position = np.full(len(ids), -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    network = refgraph.Network(contacts, interactions,
                               refgraph.load_settings(folder / "network.toml"), folder)
    remember_person_codes(network, (ids[order], position[source_codes],
                                    position[target_codes]))
    return network


def worker_refgraph_xl(folder: Path, stages: list[str]) -> None:
    """Compute the XL tie table with DuckDB reading the Parquet file, then load it.

    ``ties`` runs first, on the file itself (:func:`refgraph.ties_from_files`),
    so its peak memory is the engine's own, not the loaded network's.
    """
    import refgraph

    results = Results(PeakMemory())
    if "ties" in stages:
        settings = refgraph.load_settings(folder / "network.toml")

        def ties():
            table = refgraph.ties_from_files(folder / "interactions.parquet", settings=settings)
            return None, {"ties": len(table),
                          "duckdb_memory_limit": settings.engine.duckdb_memory_limit}

        results.run("ties", ties)
    results.measure("load", lambda: (load_parquet_network(folder), {}))


def worker_bare(folder: Path, stages: list[str]) -> None:
    """The bare pandas + networkx pipeline (``scripts/benchmark_baseline.py``)."""
    import benchmark_baseline

    results = Results(PeakMemory())
    if is_parquet_network(folder):
        benchmark_baseline.worker_bare_xl(folder, stages, results)
    else:
        benchmark_baseline.worker_bare(folder, stages, results)


def is_parquet_network(folder: Path) -> bool:
    """Whether ``folder`` holds a generated Parquet network (XL) rather than CSV files."""
    return (folder / "interactions.parquet").exists() and not (
        folder / "interactions.csv").exists()


def run_worker(kind: str, folder: Path, stages: list[str], timeout: float | None) -> dict:
    """Run one measured worker in a fresh interpreter and collect its stage lines."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind,
               "--network", str(folder), "--only", ",".join(stages),
               "--stage-timeout", str(STAGE_TIMEOUT[0])]
    problem = None
    try:
        # DuckDB spills to .tmp in the working directory: keep that next to the data.
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False, cwd=folder.parent)
        output = done.stdout
        if done.returncode != 0:
            last = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
            problem = last[0]
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        problem = f"timed out after {timeout:g} s"
    results: dict = {}
    for line in output.splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            results[entry.pop("stage")] = entry
    if problem:
        unfinished = [stage for stage in stages if stage not in results]
        if unfinished:
            results[unfinished[0]] = {"seconds": None, "peak_mb": None, "note": problem}
        else:
            results["error"] = problem
    return results


def machine() -> dict:
    import networkx as nx

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "networkx": nx.__version__,
        "memory_method": ("VmHWM after clear_refs" if PeakMemory().resettable
                          else "getrusage ru_maxrss (high-water mark since start)"),
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", "--scale", default="S,M",
                        help="comma-separated scales to run: S, M, L, XL (default: S,M)")
    parser.add_argument("--large", action="store_true", help="also run the L scale")
    known = (*STAGES, *[s for s in XL_STAGES if s not in STAGES])
    parser.add_argument("--only", default=",".join(known),
                        help=f"comma-separated stages (default: all): {', '.join(known)}; "
                             "ties is the XL scale's")
    parser.add_argument("--no-baseline", action="store_true",
                        help="do not run the bare pandas + networkx pipeline")
    parser.add_argument("--baseline-large", action="store_true",
                        help="run the bare pipeline at scales L and XL too (long, GBs)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    parser.add_argument("--data", metavar="DIR",
                        help="keep generated networks here and reuse them (default: a "
                             "temporary folder, removed afterwards)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: 0)")
    parser.add_argument("--warm-gb", type=float, default=None, metavar="GB",
                        help="touch this much memory once before the stages, so that a "
                             "virtual machine's first touch of its memory is not timed "
                             "(default: 8 with L or XL, else 2; 0 for none)")
    parser.add_argument("--timeout", type=float, default=3600.0,
                        help="seconds before a measured run is abandoned (default: 3600)")
    parser.add_argument("--stage-timeout", type=float, default=600.0,
                        help="seconds before one stage is abandoned (default: 600)")
    parser.add_argument("--worker", choices=("refgraph", "bare", "naive"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--network", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.stage_list = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in args.stage_list if s not in known]
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; expected {', '.join(known)}")
    if "load" not in args.stage_list:
        args.stage_list.insert(0, "load")  # every other stage needs the network loaded
    args.scale_list = [s.strip().upper() for s in args.scales.split(",") if s.strip()]
    if args.large and "L" not in args.scale_list:
        args.scale_list.append("L")
    unknown = [s for s in args.scale_list if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale(s) {', '.join(unknown)}; expected {', '.join(SCALES)}")
    if args.warm_gb is None:
        args.warm_gb = 8.0 if {"L", "XL"} & set(args.scale_list) else 2.0
    elif args.warm_gb < 0:
        parser.error(f"--warm-gb must be 0 or more, not {args.warm_gb:g}")
    return args


def stages_at(scale: str, requested: list[str]) -> list[str]:
    """The requested stages that exist at ``scale`` (the graph is built for any query)."""
    if scale in PARQUET_SCALES:
        wanted = set(requested) | ({"ties"} if "graph" in requested else set())
        return [s for s in XL_STAGES if s in wanted]
    # Identity matching has its own fixed size (30k against 300k): timed once, with M.
    stages = [s for s in STAGES if s in requested and (s != "identity" or scale == "M")]
    if len(stages) > 1 and "graph" not in stages:
        stages.insert(1, "graph")  # the queries run on the built graph
    return stages


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    STAGE_TIMEOUT[0] = args.stage_timeout
    if args.worker:
        folder = Path(args.network)
        if args.worker in ("bare", "naive"):
            worker_bare(folder, args.stage_list)
        elif is_parquet_network(folder):
            worker_refgraph_xl(folder, args.stage_list)
        else:
            worker_refgraph(folder, args.stage_list)
        return 0

    # Every worker runs as the refgraph command does (refgraph.cli.run): without
    # transparent huge pages, which workers inherit from this process. The bare
    # pipeline too, so that the ratio compares the code.
    from refgraph import prefer_small_pages
    small_pages = prefer_small_pages()
    report: dict = {"machine": machine() | {"speed_before": machine_speed(),
                                            "transparent_huge_pages": not small_pages},
                    "stages": args.stage_list, "scales": {}}
    if args.warm_gb > 0:
        warmed = warm_memory(args.warm_gb)
        report["machine"]["warmed"] = {"gigabytes": args.warm_gb, "seconds": round(warmed, 1)}
        print(f"touched {args.warm_gb:g} GB of memory once before the stages "
              f"({warmed:.1f} s)", file=sys.stderr)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="refgraph-bench-") as scratch:
        root = Path(args.data) if args.data else Path(scratch)
        for scale in args.scale_list:
            folder, generated = ensure_network(root, scale, args.seed)
            n_contacts, n_interactions = SCALES[scale]
            print(f"scale {scale}: {n_contacts} contacts, {n_interactions} interactions "
                  f"(generated in {generated:.1f} s)", file=sys.stderr)
            stages = stages_at(scale, args.stage_list)
            measured: dict = {"contacts": n_contacts, "interactions": n_interactions,
                              "generate_seconds": generated, "stages": stages}
            measured["refgraph"] = run_worker("refgraph", folder, stages, args.timeout)
            if not args.no_baseline and (scale in ("S", "M") or args.baseline_large):
                bare = [s for s in stages if s in BARE_STAGES]
                measured["bare"] = run_worker("bare", folder, bare, args.timeout)
            else:
                measured["bare_note"] = "bare pipeline not run at this scale"
            report["scales"][scale] = measured
            rows += rows_for(scale, measured)
    report["machine"]["speed_after"] = machine_speed()
    report["rows"] = [vars(row) for row in rows]
    print(format_table(rows))
    print(f"\nratio = bare s / refgraph s (above 1: refgraph is faster). {os.cpu_count()} "
          f"CPUs; peak memory: {report['machine']['memory_method']}; times are wall-clock "
          "seconds in a fresh interpreter per implementation, "
          + ("with transparent huge pages as the system has them."
             if report["machine"]["transparent_huge_pages"] else
             "set up as the refgraph command sets itself up (transparent huge pages off)."))
    before, after = report["machine"]["speed_before"], report["machine"]["speed_after"]

    def both(probe: str) -> str:
        return f"{before[probe]} / {after[probe]} s"

    print(f"machine speed before / after the run: a 10-million-step Python loop "
          f"{both('python_loop_10m_s')}; 1 GB of new memory {both('new_memory_s_per_gb')}; "
          f"10 million random reads {both('random_reads_10m_s')} (compare runs only where "
          "these agree).")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if any(row.result in ("FAIL", "ERROR") for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
