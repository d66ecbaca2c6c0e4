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
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

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
    "stats": 60.0,
    "monthly_report": 10.0,
}
STAGES = ("load", "graph", "refer", "trust_paths", "nurture", "stats", "monthly_report")
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
    intensity = _heavy_tail(rng, n_pairs, shape=1.1)
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
