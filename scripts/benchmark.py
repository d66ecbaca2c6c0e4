"""Benchmark refgraph's loader, graph build and queries on synthetic networks.

Three scales, generated deterministically (seeded NumPy) and written as CSV to a
temporary folder:

====  ========  ============  =======================================
name  contacts  interactions  targets (2 cores)
====  ========  ============  =======================================
S          500        10 000  (smoke test size)
M       20 000     1 000 000  load+validate+build <= 2.5 s, <= 1 GB
L      300 000    10 000 000  load+validate+build <= 45 s, <= 6 GB
====  ========  ============  =======================================

L is opt-in (``--large``). The networks look like real ones: one owner with
ties to most contacts, contacts who know each other mostly within their own
circle, heavy-tailed activity (a few people interact a lot, most rarely),
relationships that start and go cold at different times over three years,
every interaction kind, business amounts, date-times in several time zones and
free-text notes with quoted commas.

Method
------
Each measured run is a fresh Python subprocess, so one run's memory never
inflates the next. Inside it, every stage is timed with ``time.perf_counter``;
its peak memory is the process's peak resident set size (``VmHWM`` from
``/proc/self/status``), which is reset to the current size before each stage
by writing ``5`` to ``/proc/self/clear_refs``. Where that reset is unavailable
the peak is ``resource.getrusage(RUSAGE_SELF).ru_maxrss``, a high-water mark
since process start. RSS counts everything NumPy and pandas allocate, unlike
``tracemalloc``. The naive baseline (``pandas.read_csv`` + ``groupby().apply``
per pair + ``nx.from_pandas_edgelist``) runs in its own subprocess in the same
run, so the ratio is visible.

Usage::

    python scripts/benchmark.py                      # S and M
    python scripts/benchmark.py --scales S --only load,graph
    python scripts/benchmark.py --large --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

try:
    import resource
except ImportError:  # Windows: no getrusage
    resource = None

KINDS = (
    "one_to_one", "meeting", "call", "email", "message", "social", "event", "card",
    "referral", "business", "introduction",
)
# How common each kind is in a busy networker's log: messages and likes are
# frequent, referrals and business rare.
KIND_SHARE = np.array([0.08, 0.10, 0.12, 0.20, 0.18, 0.15, 0.06, 0.03, 0.04, 0.02, 0.02])

FIRST = ("Ann", "Bob", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo",
         "Kemal", "Lena", "Mia", "Nils", "Olu", "Pia", "Quinn", "Rosa", "Sam", "Tara",
         "Uma", "Vik", "Wen", "Xavi", "Yara", "Zoë")
LAST = ("Adams", "Berg", "Costa", "Diaz", "Evans", "Fischer", "García", "Hughes", "Ito",
        "Jones", "Khan", "López", "Müller", "Novak", "O'Neil", "Patel", "Quist", "Rossi",
        "Smith", "Tanaka", "Urban", "Varga", "Wong", "Young", "Zhang")
PROFESSIONS = (
    "accountant", "bookkeeper", "web designer", "graphic designer", "copywriter",
    "photographer", "lawyer", "notary", "financial planner", "insurance broker",
    "mortgage broker", "real estate agent", "architect", "interior designer",
    "builder", "electrician", "plumber", "IT consultant", "cloud engineer",
    "software developer", "data analyst", "marketing consultant", "SEO specialist",
    "business coach", "life coach", "speaker", "trainer", "HR consultant",
    "recruiter", "printer", "caterer", "event planner", "florist", "dentist",
    "physiotherapist", "chiropractor", "personal trainer", "nutritionist",
    "travel agent", "car dealer", "bike shop owner", "restaurant owner",
    "translator", "video producer", "sign maker", "locksmith", "cleaner",
    "security consultant", "office supplier", "payroll specialist",
)
NOTES = (
    "", "", "", "", "", "", "", "", "", "",
    "coffee, then a walk",
    'asked about "the cloud move"',
    "follow up next month",
    "intro via chapter meeting",
    "discussed Xero, Sage and payroll",
    "thank-you note sent",
)

SCALES = {
    "S": (500, 10_000),
    "M": (20_000, 1_000_000),
    "L": (300_000, 10_000_000),
}
# (seconds, megabytes) for load+validate+build.
BUILD_TARGETS = {"M": (2.5, 1024.0), "L": (45.0, 6144.0)}
# Query targets at scale M, in seconds (issue 4 and the report issue).
QUERY_TARGETS = {
    "refer": 0.5,
    "trust_paths": 0.05,
    "nurture": 1.0,
    "stats": 8.0,
    "monthly_report": 10.0,
}
STAGES = ("load", "graph", "refer", "trust_paths", "nurture", "stats", "monthly_report")
SAMPLE_REPORT_NETWORK = Path(__file__).resolve().parents[1] / "sample_networks" / "consultant"
START = np.datetime64("2022-01-01T00:00:00", "s")
SPAN_SECONDS = 3 * 365 * 86_400


# --------------------------------------------------------------------------- generation


def _heavy_tail(rng: np.random.Generator, size: int, shape: float = 1.3) -> np.ndarray:
    """Pareto activity levels: most people rarely active, a few very active."""
    return rng.pareto(shape, size) + 1.0


def make_contacts(n_contacts: int, rng: np.random.Generator) -> pd.DataFrame:
    """Contacts with professions, services, tags and some ratings."""
    ids = np.array(["me"] + [f"c{i:06d}" for i in range(1, n_contacts)], dtype=object)
    first = np.asarray(FIRST, dtype=object)[rng.integers(0, len(FIRST), n_contacts)]
    last = np.asarray(LAST, dtype=object)[rng.integers(0, len(LAST), n_contacts)]
    names = first + " " + last
    profession = np.asarray(PROFESSIONS, dtype=object)[
        rng.integers(0, len(PROFESSIONS), n_contacts)
    ]
    rated = rng.random(n_contacts) < 0.25
    character = np.where(rated, rng.integers(2, 6, n_contacts).astype(str), "")
    competency = np.where(rated, rng.integers(2, 6, n_contacts).astype(str), "")
    number = np.arange(n_contacts).astype(str)
    return pd.DataFrame(
        {
            "id": ids,
            "name": names,
            "company": "Firm " + pd.Series(rng.integers(0, n_contacts // 3 + 1, n_contacts))
            .astype(str),
            "profession": profession,
            "services": profession + "; consulting",
            "tags": np.where(rng.random(n_contacts) < 0.3, "chapter; client", "linkedin"),
            "email": "person" + pd.Series(number) + "@example.com",
            "phone": "+44 20 7946 " + pd.Series(number).str.zfill(4).str[-4:],
            "character": character,
            "competency": competency,
            "notes": np.where(rng.random(n_contacts) < 0.05, "met at a conference, 2022", ""),
        }
    )


def make_interactions(n_contacts: int, n_interactions: int, rng: np.random.Generator):
    """Interactions drawn from relationships with heavy-tailed intensity.

    About a quarter of the relationships are the owner's; the rest join
    contacts, mostly inside their own circle of about 50 people. Each
    relationship has a start and an end inside the three years (many go cold
    early); its interactions fall between them.
    """
    n_pairs = max(n_interactions // 4, 10)
    activity = _heavy_tail(rng, n_contacts)
    activity[0] = 0.0  # the owner's ties are drawn separately
    circle_size = 50
    circle = np.arange(n_contacts) // circle_size
    cumulative = np.cumsum(activity)
    total = cumulative[-1]

    n_owner = min(n_pairs // 4, n_contacts - 1)
    owner_others = rng.choice(np.arange(1, n_contacts), size=n_owner, replace=False)
    n_peer = n_pairs - n_owner
    peer_a = np.searchsorted(cumulative, rng.random(n_peer) * total, side="right")
    peer_a = np.clip(peer_a, 1, n_contacts - 1)
    # Partner inside the same circle with probability 0.8, anywhere otherwise.
    inside = rng.random(n_peer) < 0.8
    lo = circle[peer_a] * circle_size
    hi = np.minimum(lo + circle_size, n_contacts)
    low_cum = np.where(lo > 0, cumulative[np.maximum(lo - 1, 0)], 0.0)
    high_cum = cumulative[hi - 1]
    pick = np.where(inside, low_cum + rng.random(n_peer) * (high_cum - low_cum),
                    rng.random(n_peer) * total)
    peer_b = np.clip(np.searchsorted(cumulative, pick, side="right"), 1, n_contacts - 1)
    peer_b = np.where(peer_b == peer_a, np.where(peer_a + 1 < n_contacts, peer_a + 1, 1), peer_b)

    pair_a = np.concatenate([np.zeros(n_owner, dtype=np.int64), peer_a])
    pair_b = np.concatenate([owner_others, peer_b])
    # Heavy-tailed but bounded: the busiest relationship is a near-daily one.
    intensity = np.minimum(_heavy_tail(rng, n_pairs, shape=1.5), 60.0)
    intensity[:n_owner] *= 3.0  # the owner works on their own relationships
    starts = rng.random(n_pairs) * 0.9
    ends = np.minimum(starts + rng.exponential(0.5, n_pairs) + 0.02, 1.0)

    chosen = np.searchsorted(np.cumsum(intensity), rng.random(n_interactions) * intensity.sum())
    chosen = np.minimum(chosen, n_pairs - 1)
    when = starts[chosen] + rng.random(n_interactions) * (ends[chosen] - starts[chosen])
    seconds = START + (when * SPAN_SECONDS).astype("timedelta64[s]")
    kind_codes = rng.choice(len(KINDS), size=n_interactions, p=KIND_SHARE / KIND_SHARE.sum())
    swap = rng.random(n_interactions) < 0.5
    source = np.where(swap, pair_b[chosen], pair_a[chosen])
    target = np.where(swap, pair_a[chosen], pair_b[chosen])

    ids = np.array(["me"] + [f"c{i:06d}" for i in range(1, n_contacts)], dtype=object)
    # Most dates are plain days; calendar-derived ones carry a time and a zone.
    style = rng.random(n_interactions)
    day_text = pd.Series(seconds.astype("datetime64[D]").astype(str), dtype=object)
    stamp = pd.Series(seconds.astype(str), dtype=object)
    dates = np.where(style < 0.75, day_text, np.where(style < 0.9, stamp + "Z", stamp + "+01:00"))
    kinds = np.asarray(KINDS, dtype=object)[kind_codes]
    business = kinds == "business"
    value = np.where(business, np.round(rng.lognormal(7.0, 1.0, n_interactions), 2).astype(str),
                     "")
    notes = np.asarray(NOTES, dtype=object)[rng.integers(0, len(NOTES), n_interactions)]
    return pd.DataFrame(
        {
            "date": dates,
            "source": ids[source],
            "target": ids[target],
            "kind": kinds,
            "value": value,
            "notes": notes,
        }
    )


def write_network(folder: Path, n_contacts: int, n_interactions: int, seed: int = 0) -> Path:
    """Generate one synthetic network into ``folder`` and return it."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    make_contacts(n_contacts, rng).to_csv(folder / "contacts.csv", index=False)
    interactions = make_interactions(n_contacts, n_interactions, rng)
    chunk = 1_000_000  # bounded memory for the large scale
    with (folder / "interactions.csv").open("w", encoding="utf-8", newline="") as handle:
        for start in range(0, len(interactions), chunk):
            interactions.iloc[start:start + chunk].to_csv(
                handle, index=False, header=start == 0, lineterminator="\n"
            )
    (folder / "network.toml").write_text('owner = "me"\n', encoding="utf-8")
    return folder


def ensure_network(root: Path, scale: str, seed: int) -> tuple[Path, float]:
    """The network of ``scale`` under ``root``, generated unless already there."""
    n_contacts, n_interactions = SCALES[scale]
    folder = root / f"{scale}-seed{seed}"
    marker = folder / ".complete"
    if marker.exists():
        return folder, 0.0
    started = time.perf_counter()
    write_network(folder, n_contacts, n_interactions, seed=seed)
    marker.write_text("ok\n", encoding="utf-8")
    return folder, time.perf_counter() - started


# --------------------------------------------------------------------------- measuring


class PeakMemory:
    """Peak resident memory of this process, per stage.

    ``reset()`` sets the high-water mark to the current size (Linux
    ``/proc/self/clear_refs``); ``peak_mb()`` reads it back. Without that
    file, the peak is the process-wide maximum from ``getrusage``.
    """

    def __init__(self) -> None:
        self.resettable = self._try_reset()

    @staticmethod
    def _try_reset() -> bool:
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
                handle.write("5")
            return True
        except OSError:
            return False

    def reset(self) -> None:
        if self.resettable:
            self._try_reset()

    def peak_mb(self) -> float:
        if self.resettable:
            with open("/proc/self/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        if resource is None:
            return float("nan")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1024 / (1024 if sys.platform == "darwin" else 1)

    @staticmethod
    def current_mb() -> float:
        try:
            with open("/proc/self/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")


class StageTimeout(Exception):
    """A measured stage ran longer than ``--stage-timeout``."""


def _alarm(signum, frame):
    raise StageTimeout


#: Seconds one stage may take before it is abandoned (``--stage-timeout``).
STAGE_TIMEOUT = [600.0]


class Results:
    """Stage results of one worker, streamed to stdout as JSON lines as they finish.

    The parent keeps whatever was printed, so a stage that hangs or crashes
    the interpreter does not lose the numbers of the stages before it.
    """

    def __init__(self, memory: PeakMemory):
        self.memory = memory
        self.stages: dict[str, dict] = {}
        self.record("baseline", {"seconds": None, "peak_mb": memory.current_mb()})

    def record(self, stage: str, entry: dict) -> None:
        self.stages[stage] = entry
        print(json.dumps({"stage": stage, **entry}), flush=True)

    def measure(self, stage: str, func, *args):
        """Run ``func(*args)`` as one stage; it may return ``(value, extra fields)``."""
        self.memory.reset()
        use_alarm = hasattr(signal, "SIGALRM")
        if use_alarm:
            previous = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, STAGE_TIMEOUT[0])
        started = time.perf_counter()
        try:
            value, extra = func(*args)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        seconds = time.perf_counter() - started
        self.record(stage, {"seconds": seconds, "peak_mb": self.memory.peak_mb(), **extra})
        return value

    def skip(self, stage: str, why: str) -> None:
        self.record(stage, {"seconds": None, "peak_mb": None, "note": why})

    def query(self, stage: str, module: str, name: str, call) -> None:
        """Time one query function if its module can be imported."""
        try:
            func = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError) as exc:
            self.skip(stage, f"skipped: {module}.{name} not available ({exc})")
            return
        try:
            self.measure(stage, call, func)
        except StageTimeout:
            self.skip(stage, f"timed out after {STAGE_TIMEOUT[0]:g} s")
        except Exception as exc:  # a broken query must not hide the other numbers
            traceback.print_exc(file=sys.stderr)  # the note is one line; this says where
            self.skip(stage, f"error: {type(exc).__name__}: {exc}")


def _path_targets(graph, owner: str, count: int) -> list[str]:
    """Contacts two hops from the owner (not direct ties), strongest friends first."""
    direct = set(graph[owner])
    targets: list[str] = []
    for friend in sorted(direct, key=lambda f: -graph[owner][f]["strength"]):
        for other in sorted(graph[friend]):
            if other != owner and other not in direct and other not in targets:
                targets.append(other)
                break
        if len(targets) == count:
            break
    return targets


def worker_refgraph(folder: Path, stages: list[str]) -> None:
    """Load, build and query a network with refgraph; one result line per stage."""
    import warnings

    import refgraph

    results = Results(PeakMemory())

    def load():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            network = refgraph.load_network(folder)
        return network, {"warnings": len(caught)}

    network = results.measure("load", load)
    if stages == ["load"]:
        return

    def build():
        started = time.perf_counter()
        network.ties()
        ties_done = time.perf_counter()
        graph = network.graph()
        return graph, {"ties_seconds": ties_done - started,
                       "nx_seconds": time.perf_counter() - ties_done,
                       "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}

    graph = results.measure("graph", build)
    owner = network.owner
    if "refer" in stages:
        results.query("refer", "refgraph", "refer", lambda refer: (
            refer(network, "a client asked me for a good web designer"), {}))
    if "trust_paths" in stages:
        targets = _path_targets(graph, owner, 5)

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
        entry = results.stages["trust_paths"]
        if entry.get("per_path_seconds"):
            # The target is per path: the slowest of the five is the measurement.
            results.record("trust_paths", {**entry, "seconds": max(entry["per_path_seconds"])})
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


NAIVE_KIND_WEIGHTS = {
    "one_to_one": 3.0, "meeting": 2.0, "call": 1.5, "email": 0.5, "message": 0.3,
    "social": 0.1, "event": 0.5, "card": 0.2, "referral": 4.0, "business": 5.0,
    "introduction": 2.0,
}
NAIVE_HALF_LIVES = {
    "one_to_one": 365.0, "meeting": 270.0, "call": 180.0, "email": 120.0, "message": 90.0,
    "social": 60.0, "event": 180.0, "card": 365.0, "referral": 730.0, "business": 730.0,
    "introduction": 540.0,
}


def worker_naive(folder: Path, stages: list[str]) -> None:
    """The straightforward pandas + networkx version, for comparison.

    No validation beyond what ``read_csv`` and ``to_datetime`` do; one Python
    call per pair in ``groupby().apply``.
    """
    import networkx as nx

    results = Results(PeakMemory())

    def load():
        contacts = pd.read_csv(folder / "contacts.csv")
        interactions = pd.read_csv(folder / "interactions.csv")
        interactions["date"] = pd.to_datetime(interactions["date"], utc=True, format="ISO8601")
        return (contacts, interactions), {}

    contacts, interactions = results.measure("load", load)
    if "graph" not in stages:
        return

    def build():
        as_of = interactions["date"].max()
        frame = interactions.assign(
            u=interactions[["source", "target"]].min(axis=1),
            v=interactions[["source", "target"]].max(axis=1),
        )

        def summarise(group: pd.DataFrame) -> pd.Series:
            age = (as_of - group["date"]).dt.total_seconds() / 86_400
            weight = group["kind"].map(NAIVE_KIND_WEIGHTS) * 0.5 ** (
                age / group["kind"].map(NAIVE_HALF_LIVES))
            return pd.Series({
                "strength": weight.sum(),
                "interactions": len(group),
                "first_contact": group["date"].min(),
                "last_contact": group["date"].max(),
            })

        ties = frame.groupby(["u", "v"])[["date", "kind"]].apply(summarise).reset_index()
        graph = nx.from_pandas_edgelist(ties, "u", "v", edge_attr=True)
        graph.add_nodes_from(contacts.set_index("id").to_dict("index").items())
        return graph, {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}

    try:
        results.measure("graph", build)
    except StageTimeout:
        results.skip("graph", f"timed out after {STAGE_TIMEOUT[0]:g} s")


def run_worker(kind: str, folder: Path, stages: list[str], timeout: float | None) -> dict:
    """Run one measured worker in a fresh interpreter and collect its stage lines."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind,
               "--network", str(folder), "--only", ",".join(stages),
               "--stage-timeout", str(STAGE_TIMEOUT[0])]
    problem = None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False)
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


# --------------------------------------------------------------------------- reporting


@dataclass
class Row:
    scale: str
    implementation: str
    stage: str
    seconds: float | None
    peak_mb: float | None
    target: str
    result: str
    note: str = ""


def _verdict(seconds: float | None, limit_s: float | None, peak: float | None = None,
             limit_mb: float | None = None, note: str = "") -> str:
    if seconds is None:
        if note.startswith("error"):
            return "ERROR"
        if note.startswith("timed out") and limit_s is not None:
            return "FAIL"
        return "SKIP"
    if limit_s is None:
        return ""
    ok = seconds <= limit_s and (limit_mb is None or (peak is not None and peak <= limit_mb))
    return "PASS" if ok else "FAIL"


def rows_for(scale: str, measured: dict) -> list[Row]:
    """Table rows for one scale: every stage, the build total and the ratio."""
    rows: list[Row] = []
    for implementation in ("refgraph", "naive"):
        stages = measured.get(implementation)
        if stages is None:
            continue
        if "error" in stages:
            rows.append(Row(scale, implementation, "-", None, None, "", "ERROR", stages["error"]))
        for stage in STAGES:
            if stage not in stages:
                continue
            entry = stages[stage]
            target, limit = "", None
            if implementation == "refgraph" and scale == "M" and stage in QUERY_TARGETS:
                limit = QUERY_TARGETS[stage]
                target = f"<= {limit:g} s"
            note = entry.get("note", "")
            if stage == "graph" and "ties_seconds" in entry:
                note = (f"ties {entry['ties_seconds']:.2f} s + nx {entry['nx_seconds']:.2f} s; "
                        f"{entry['edges']} edges")
            if stage == "load" and entry["seconds"] is not None:
                baseline = stages.get("baseline", {}).get("peak_mb")
                note = f"interpreter + libraries before loading: {baseline:.0f} MB"
                if entry.get("warnings"):
                    note += f"; {entry['warnings']} data warning(s)"
            rows.append(Row(scale, implementation, stage, entry["seconds"], entry["peak_mb"],
                            target, _verdict(entry["seconds"], limit, note=note), note))
        if implementation == "refgraph" and scale in BUILD_TARGETS and not all(
                stages.get(s, {}).get("seconds") is not None for s in ("load", "graph")):
            limit_s, limit_mb = BUILD_TARGETS[scale]
            rows.append(Row(scale, implementation, "load+graph", None, None,
                            f"<= {limit_s:g} s, <= {limit_mb / 1024:g} GB", "FAIL",
                            "did not finish"))
        if all(stages.get(s, {}).get("seconds") is not None for s in ("load", "graph")):
            seconds = stages["load"]["seconds"] + stages["graph"]["seconds"]
            peak = max(stages["load"]["peak_mb"], stages["graph"]["peak_mb"])
            target, limit_s, limit_mb = "", None, None
            if implementation == "refgraph" and scale in BUILD_TARGETS:
                limit_s, limit_mb = BUILD_TARGETS[scale]
                target = f"<= {limit_s:g} s, <= {limit_mb / 1024:g} GB"
            note = ""
            naive = measured.get("naive", {})
            if implementation == "refgraph" and all(
                    naive.get(s, {}).get("seconds") is not None for s in ("load", "graph")):
                ratio = (naive["load"]["seconds"] + naive["graph"]["seconds"]) / seconds
                note = f"{ratio:.1f}x faster than naive"
            rows.append(Row(scale, implementation, "load+graph", seconds, peak, target,
                            _verdict(seconds, limit_s, peak, limit_mb), note))
    return rows


def format_table(rows: list[Row]) -> str:
    header = ("scale", "impl", "stage", "seconds", "peak MB", "target", "result", "note")
    body = [
        (r.scale, r.implementation, r.stage,
         "-" if r.seconds is None else f"{r.seconds:.3f}",
         "-" if r.peak_mb is None else f"{r.peak_mb:.0f}",
         r.target, r.result, r.note)
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True))
             .rstrip() for line in [header, *body]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


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
    parser.add_argument("--scales", default="S,M",
                        help="comma-separated scales to run: S, M, L (default: S,M)")
    parser.add_argument("--large", action="store_true", help="also run the L scale")
    parser.add_argument("--only", default=",".join(STAGES),
                        help=f"comma-separated stages (default: all): {', '.join(STAGES)}")
    parser.add_argument("--no-baseline", action="store_true",
                        help="do not run the naive baseline")
    parser.add_argument("--baseline-large", action="store_true",
                        help="run the naive baseline at scale L too (it takes very long)")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    parser.add_argument("--data", metavar="DIR",
                        help="keep generated networks here and reuse them (default: a "
                             "temporary folder, removed afterwards)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: 0)")
    parser.add_argument("--timeout", type=float, default=3600.0,
                        help="seconds before a measured run is abandoned (default: 3600)")
    parser.add_argument("--stage-timeout", type=float, default=600.0,
                        help="seconds before one stage is abandoned (default: 600)")
    parser.add_argument("--worker", choices=("refgraph", "naive"), help=argparse.SUPPRESS)
    parser.add_argument("--network", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.stage_list = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in args.stage_list if s not in STAGES]
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}; expected {', '.join(STAGES)}")
    if "load" not in args.stage_list:
        args.stage_list.insert(0, "load")  # every other stage needs the network loaded
    args.scale_list = [s.strip().upper() for s in args.scales.split(",") if s.strip()]
    if args.large and "L" not in args.scale_list:
        args.scale_list.append("L")
    unknown = [s for s in args.scale_list if s not in SCALES]
    if unknown:
        parser.error(f"unknown scale(s) {', '.join(unknown)}; expected S, M, L")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    STAGE_TIMEOUT[0] = args.stage_timeout
    if args.worker:
        work = worker_refgraph if args.worker == "refgraph" else worker_naive
        work(Path(args.network), args.stage_list)
        return 0

    report: dict = {"machine": machine(), "stages": args.stage_list, "scales": {}}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="refgraph-bench-") as scratch:
        root = Path(args.data) if args.data else Path(scratch)
        for scale in args.scale_list:
            folder, generated = ensure_network(root, scale, args.seed)
            n_contacts, n_interactions = SCALES[scale]
            print(f"scale {scale}: {n_contacts} contacts, {n_interactions} interactions "
                  f"(generated in {generated:.1f} s)", file=sys.stderr)
            measured: dict = {"contacts": n_contacts, "interactions": n_interactions,
                              "generate_seconds": generated}
            measured["refgraph"] = run_worker("refgraph", folder, args.stage_list, args.timeout)
            baseline = not args.no_baseline and (scale != "L" or args.baseline_large)
            if baseline:
                naive_stages = [s for s in args.stage_list if s in ("load", "graph")]
                measured["naive"] = run_worker("naive", folder, naive_stages, args.timeout)
            else:
                measured["naive_note"] = "naive baseline not run at this scale"
            report["scales"][scale] = measured
            rows += rows_for(scale, measured)
    report["rows"] = [vars(row) for row in rows]
    print(format_table(rows))
    print(f"\n{os.cpu_count()} CPUs; peak memory: {report['machine']['memory_method']}; "
          "times are wall-clock seconds in a fresh interpreter per implementation.")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if any(row.result in ("FAIL", "ERROR") for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
