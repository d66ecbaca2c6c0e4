"""Synthetic networks for ``scripts/benchmark.py``: S, M and L as CSV, XL as Parquet.

Generated deterministically (seeded NumPy). The networks look like real ones:
one owner with ties to most contacts, contacts who know each other mostly
within their own circle, heavy-tailed activity (a few people interact a lot,
most rarely), relationships that start and go cold at different times over
three years, every interaction kind, business amounts, date-times in several
time zones and free-text notes with quoted commas.

XL (1 million contacts, 100 million interactions) is written straight to
Parquet in chunks with ``pyarrow.parquet.ParquetWriter``: only the
relationships (25 million pairs of integers) and one chunk of interactions are
ever in memory, never 100 million rows of Python objects.
"""

from __future__ import annotations

import os
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
    "XL": (1_000_000, 100_000_000),
}
#: Scales generated as Parquet (the others as CSV).
PARQUET_SCALES = ("XL",)
START = np.datetime64("2022-01-01T00:00:00", "s")
SPAN_SECONDS = 3 * 365 * 86_400


# --------------------------------------------------------------------------- generation


def _heavy_tail(rng: np.random.Generator, size: int, shape: float = 1.3) -> np.ndarray:
    """Pareto activity levels: most people rarely active, a few very active."""
    return rng.pareto(shape, size) + 1.0


def make_contacts(n_contacts: int, rng: np.random.Generator) -> pd.DataFrame:
    """Contacts with professions, services, tags and some ratings."""
    ids = contact_ids(n_contacts)
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


@dataclass
class Pairs:
    """The relationships interactions are drawn from (see :func:`make_pairs`)."""

    a: np.ndarray
    b: np.ndarray
    cumulative_intensity: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


def make_pairs(n_contacts: int, n_interactions: int, rng: np.random.Generator) -> Pairs:
    """Relationships with heavy-tailed intensity, a start and an end.

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
    return Pairs(pair_a, pair_b, np.cumsum(intensity), starts, ends)


def draw_interactions(pairs: Pairs, count: int, rng: np.random.Generator):
    """``count`` interactions of ``pairs``: seconds, kind codes, source and target codes."""
    total = pairs.cumulative_intensity[-1]
    chosen = np.searchsorted(pairs.cumulative_intensity, rng.random(count) * total)
    chosen = np.minimum(chosen, len(pairs.a) - 1)
    starts, ends = pairs.starts[chosen], pairs.ends[chosen]
    when = starts + rng.random(count) * (ends - starts)
    seconds = START + (when * SPAN_SECONDS).astype("timedelta64[s]")
    kind_codes = rng.choice(len(KINDS), size=count, p=KIND_SHARE / KIND_SHARE.sum())
    swap = rng.random(count) < 0.5
    source = np.where(swap, pairs.b[chosen], pairs.a[chosen])
    target = np.where(swap, pairs.a[chosen], pairs.b[chosen])
    return seconds, kind_codes, source, target


def contact_ids(n_contacts: int) -> np.ndarray:
    """``me`` and ``c000001``, ``c000002``, ...: the generated contacts' ids."""
    return np.array(["me"] + [f"c{i:06d}" for i in range(1, n_contacts)], dtype=object)


def make_interactions(n_contacts: int, n_interactions: int, rng: np.random.Generator):
    """Interactions drawn from :func:`make_pairs`, as the text a CSV file holds."""
    pairs = make_pairs(n_contacts, n_interactions, rng)
    seconds, kind_codes, source, target = draw_interactions(pairs, n_interactions, rng)
    ids = contact_ids(n_contacts)
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


#: Interactions per Parquet row group (and per generated chunk) at XL.
XL_CHUNK = 2_000_000


def write_parquet_network(folder: Path, n_contacts: int, n_interactions: int, seed: int = 0,
                          chunk: int = XL_CHUNK) -> Path:
    """Generate one network as ``contacts.parquet`` and ``interactions.parquet``.

    The same relationships and kinds as :func:`write_network`, typed as
    ``refgraph convert`` would store them: UTC timestamps, ids and kinds as
    dictionary-encoded strings, values as numbers (null when absent). The
    interactions are drawn and written ``chunk`` rows at a time.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    contacts = make_contacts(n_contacts, rng)
    pq.write_table(pa.Table.from_pandas(contacts, preserve_index=False),
                   folder / "contacts.parquet", compression="zstd")
    del contacts
    pairs = make_pairs(n_contacts, n_interactions, rng)
    ids = pa.array(contact_ids(n_contacts), pa.string())
    kinds = pa.array(KINDS, pa.string())
    notes = pa.array(NOTES, pa.string())
    business = KINDS.index("business")
    schema = pa.schema([
        ("date", pa.timestamp("us", tz="UTC")),
        ("source", pa.dictionary(pa.int32(), pa.string())),
        ("target", pa.dictionary(pa.int32(), pa.string())),
        ("kind", pa.dictionary(pa.int8(), pa.string())),
        ("value", pa.float64()),
        ("notes", pa.dictionary(pa.int8(), pa.string())),
    ])
    partial = folder / "interactions.parquet.partial"
    with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
        for start in range(0, n_interactions, chunk):
            count = min(chunk, n_interactions - start)
            seconds, kind_codes, source, target = draw_interactions(pairs, count, rng)
            value = np.where(kind_codes == business,
                             np.round(rng.lognormal(7.0, 1.0, count), 2), np.nan)
            note_codes = rng.integers(0, len(NOTES), count).astype(np.int8)
            columns = [
                pa.array(seconds.astype("datetime64[us]"), pa.timestamp("us", tz="UTC")),
                pa.DictionaryArray.from_arrays(pa.array(source.astype(np.int32)), ids),
                pa.DictionaryArray.from_arrays(pa.array(target.astype(np.int32)), ids),
                pa.DictionaryArray.from_arrays(pa.array(kind_codes.astype(np.int8)), kinds),
                pa.array(value, pa.float64(), mask=np.isnan(value)),
                pa.DictionaryArray.from_arrays(pa.array(note_codes), notes),
            ]
            writer.write_table(pa.Table.from_arrays(columns, schema=schema),
                               row_group_size=chunk)
    os.replace(partial, folder / "interactions.parquet")
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
    if scale in PARQUET_SCALES:
        write_parquet_network(folder, n_contacts, n_interactions, seed=seed)
    else:
        write_network(folder, n_contacts, n_interactions, seed=seed)
    marker.write_text("ok\n", encoding="utf-8")
    return folder, time.perf_counter() - started


def path_targets(graph, owner: str, count: int) -> list[str]:
    """Contacts two hops from the owner (not direct ties), one per friend.

    Friends are taken busiest first (degree, then id), so refgraph's graph and
    the bare one, which have the same pairs, give the same people.
    """
    direct = set(graph[owner])
    targets: list[str] = []
    for friend in sorted(direct, key=lambda f: (-graph.degree(f), f)):
        for other in sorted(graph[friend]):
            if other != owner and other not in direct and other not in targets:
                targets.append(other)
                break
        if len(targets) == count:
            break
    return targets


def ask_pair(graph, owner: str) -> tuple[str, str] | None:
    """An asker (a friend of the owner) and a target two hops away through someone else."""
    targets = path_targets(graph, owner, 1)
    if not targets:
        return None
    target = targets[0]
    between = set(graph[target])
    for friend in sorted(graph[owner], key=lambda f: (-graph.degree(f), f)):
        if friend not in between and friend != target:
            return friend, target
    return None
