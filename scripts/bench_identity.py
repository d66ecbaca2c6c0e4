"""Benchmark identity matching: imported records against a large contact list.

Generates (seeded NumPy) ``existing`` contacts and ``incoming`` records and
times :func:`refgraph.resolve_identities` on them, with its peak memory.
Names are drawn from heavy-tailed lists (the commonest first name is about
3 % of all, the commonest surname 1 %, as in real address books), most
contacts have a company, many an e-mail or a phone. About 40 % of the
incoming records are existing contacts again: some with their e-mail, some
with a phone in another format, some with a misspelt name; the rest are new
people.

Peak memory is the process's peak resident set size (``VmHWM`` from
``/proc/self/status``, reset by writing ``5`` to ``/proc/self/clear_refs``
just before the call), falling back to ``tracemalloc`` where ``/proc`` is
missing. Target on 2 cores: 300 000 existing and 30 000 incoming in at most
60 s and 2 GB.

Usage::

    python scripts/bench_identity.py                           # 300 000 x 30 000
    python scripts/bench_identity.py --existing 20000 --incoming 2000

Another script can call :func:`run_identity_benchmark` and get the numbers as
a dict.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc

import numpy as np
import pandas as pd
from benchmark_measure import PeakMemory  # scripts/ is on the path beside this file

_SYLLABLES = ("an", "bel", "cor", "da", "el", "fin", "ga", "ha", "is", "jo", "ka", "li", "mar",
              "na", "ol", "pe", "qui", "ra", "sa", "ti", "ur", "va", "wen", "xa", "yo", "zel",
              "ber", "chr", "ste", "tho", "mi", "ro", "lu", "den", "son", "ley", "ton", "ford")


def _words(rng: np.random.Generator, count: int, syllables: tuple[int, int]) -> np.ndarray:
    """``count`` different made-up words of a few syllables each."""
    words: dict[str, None] = {}
    while len(words) < count:
        size = int(rng.integers(syllables[0], syllables[1] + 1))
        words["".join(rng.choice(_SYLLABLES, size)).capitalize()] = None
    return np.array(list(words), dtype=object)


def _zipf_pick(rng: np.random.Generator, words: np.ndarray, size: int, power: float = 1.0
               ) -> np.ndarray:
    """``size`` words drawn with weights 1/rank**power (a heavy-tailed choice)."""
    weights = 1.0 / np.arange(1, len(words) + 1) ** power
    return words[rng.choice(len(words), size, p=weights / weights.sum())]


def _misspelt(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """Each name with one letter of one word doubled or dropped."""
    out = []
    for name in names:
        words = name.split()
        which = int(rng.integers(len(words)))
        word = words[which]
        at = int(rng.integers(1, max(len(word), 2)))
        words[which] = (word[:at] + word[at - 1:] if rng.random() < 0.5
                        else word[:at - 1] + word[at:]) or word
        out.append(" ".join(words))
    return np.array(out, dtype=object)


def make_contacts(existing: int, incoming: int, *, seed: int = 0
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic contacts and incoming records (see the module docstring).

    Parameters
    ----------
    existing, incoming : int
        How many contacts and incoming records.
    seed : int
        Seed of the generator; the same seed gives the same tables.

    Returns
    -------
    tuple of DataFrame
        The contacts (``id``, ``name``, ``company``, ``email``, ``phone``) and
        the incoming records (the same columns, ``id`` the incoming key).

    Examples
    --------
    >>> contacts, records = make_contacts(50, 10, seed=1)
    >>> len(contacts), len(records), list(records.columns)
    (50, 10, ['id', 'name', 'company', 'email', 'phone'])
    """
    rng = np.random.default_rng(seed)
    firsts = _words(rng, 600, (1, 3))
    lasts = _words(rng, 12_000, (2, 4))
    companies = _words(rng, 30_000, (1, 3))
    suffix = np.array(["", " Ltd", " Inc", " & Co", " Group", " LLP"], dtype=object)

    def people(count: int, start: int) -> pd.DataFrame:
        name = (_zipf_pick(rng, firsts, count, 0.6) + " "
                + _zipf_pick(rng, lasts, count, 0.6))
        company = _zipf_pick(rng, companies, count, 0.7) + rng.choice(suffix, count)
        company[rng.random(count) < 0.25] = ""
        number = np.arange(start, start + count)
        email = np.where(rng.random(count) < 0.6,
                         [f"p{n}@mail{n % 97}.example" for n in number], "")
        phone = np.where(rng.random(count) < 0.4,
                         [f"+44 7700 {n:06d}" for n in number], "")
        return pd.DataFrame({"name": name, "company": company, "email": email, "phone": phone})

    contacts = people(existing, 0)
    contacts.insert(0, "id", [f"c{n}" for n in range(existing)])

    again = min(int(incoming * 0.4), existing)
    known = contacts.iloc[rng.choice(existing, again, replace=False)].drop(columns="id")
    known = known.reset_index(drop=True)
    kind = rng.integers(0, 4, again)  # 0 as is, 1 no e-mail, 2 phone reformatted, 3 misspelt
    known.loc[kind >= 1, "email"] = ""
    known.loc[kind == 2, "phone"] = known.loc[kind == 2, "phone"].str.replace(
        "+44 ", "0", regex=False)
    known.loc[kind == 3, "phone"] = ""
    known.loc[kind == 3, "name"] = _misspelt(rng, known.loc[kind == 3, "name"].to_numpy())
    records = pd.concat([known, people(incoming - again, existing)], ignore_index=True)
    records = records.iloc[rng.permutation(len(records))].reset_index(drop=True)
    records.insert(0, "id", [f"bench:{n}" for n in range(len(records))])
    return contacts, records


def run_identity_benchmark(existing: int = 300_000, incoming: int = 30_000, *, seed: int = 0
                           ) -> dict[str, float | int | str]:
    """Time identity matching of ``incoming`` records against ``existing`` contacts.

    Parameters
    ----------
    existing, incoming : int
        Sizes of the two lists (:func:`make_contacts`).
    seed : int
        Seed of the synthetic data.

    Returns
    -------
    dict
        ``existing``, ``incoming``, ``seconds`` (the matching alone),
        ``peak_mb`` and ``memory_method``, the ``name_pairs`` compared, and
        how many records were ``matched``, ``new`` and ``ambiguous``.

    Examples
    --------
    >>> numbers = run_identity_benchmark(200, 20)
    >>> numbers["matched"] + numbers["new"] + numbers["ambiguous"]
    20
    """
    from refgraph.importers.blocking import name_pairs
    from refgraph.importers.normalise import normalise_name

    contacts, records = prepare(existing, incoming, seed=seed)
    memory = PeakMemory()  # the benchmark's own meter: VmHWM after clear_refs
    rss = memory.resettable
    memory.reset()
    if not rss:
        tracemalloc.start()
    start = time.perf_counter()
    counts = run((contacts, records))
    seconds = time.perf_counter() - start
    if rss:
        peak = memory.peak_mb()
    else:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    # An upper bound on the pairs scored: every incoming name, not only the
    # ones no e-mail or phone decided.
    rows, _, _ = name_pairs(records["name"].map(normalise_name),
                            contacts["name"].map(normalise_name))
    return {
        **counts, "seconds": round(seconds, 2), "peak_mb": round(peak, 1),
        "memory_method": "VmHWM after clear_refs" if rss else "tracemalloc",
        "name_pairs": len(rows),
    }


def prepare(existing: int = 300_000, incoming: int = 30_000, *, seed: int = 0):
    """The data :func:`run` matches (for ``scripts/benchmark.py``, untimed)."""
    return make_contacts(existing, incoming, seed=seed)


def run(data) -> dict[str, int]:
    """Match the records of :func:`prepare` (the part ``scripts/benchmark.py`` times)."""
    from refgraph import resolve_identities

    contacts, records = data
    status = resolve_identities(records, contacts).matches["status"].value_counts()
    return {"existing": len(contacts), "incoming": len(records),
            **{name: int(status.get(name, 0)) for name in ("matched", "new", "ambiguous")}}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its numbers as one JSON line."""
    parser = argparse.ArgumentParser(
        prog="bench_identity.py",
        description="Time identity matching of imported records against many contacts.")
    parser.add_argument("--existing", type=int, default=300_000, help="contacts (300000)")
    parser.add_argument("--incoming", type=int, default=30_000, help="incoming records (30000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic data")
    args = parser.parse_args(argv)
    print(json.dumps(run_identity_benchmark(args.existing, args.incoming, seed=args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
