"""Named toy networks that many tests share, each built in a line or two.

``make_network`` builds a :class:`refgraph.Network` from plain rows; the named
networks below are the shapes tests keep needing (a lone owner, a chain, a star,
two islands). All dates are in 2024 and every toy pins ``as_of`` implicitly to
its latest interaction unless a test passes one.
"""

from __future__ import annotations

import itertools

import pandas as pd

import refgraph

#: Trust settings that keep toy numbers stable whatever the defaults become.
FIXED = {"trust": {"scale": 10.0}}


def make_network(contacts, interactions, *, owner="me", settings=None, **kwargs):
    """Build a Network from plain rows.

    ``contacts`` is a list of dicts (at least ``id``; ``name`` defaults to the
    id) or of ids; ``interactions`` a list of ``(date, source, target, kind)``
    tuples, optionally with a fifth ``value`` item, or of dicts.
    """
    contact_rows = [{"id": c, "name": c} if isinstance(c, str) else {"name": c["id"], **c}
                    for c in contacts]
    rows = []
    for item in interactions:
        if isinstance(item, dict):
            rows.append(item)
        else:
            date, source, target, kind, *rest = item
            rows.append({"date": date, "source": source, "target": target, "kind": kind,
                         "value": rest[0] if rest else ""})
    contact_frame = pd.DataFrame(contact_rows)
    interaction_frame = pd.DataFrame(
        rows, columns=None if rows else ["date", "source", "target", "kind"]
    )
    merged = {"owner": owner} if owner else {}
    merged.update(settings or {})
    return refgraph.load_network((contact_frame, interaction_frame), settings=merged, **kwargs)


def meetings(a: str, b: str, count: int, *, kind: str = "one_to_one", month: int = 6) -> list:
    """``count`` interactions of ``kind`` between ``a`` and ``b``, a week apart in 2024."""
    return [(f"2024-{month:02d}-{1 + 7 * i:02d}", a, b, kind) for i in range(count)]


def days(a: str, b: str, count: int, kind: str = "one_to_one", *, year: int = 2024,
         month: int = 6) -> list[tuple]:
    """``count`` interactions of one kind between two people, a day apart."""
    return [(f"{year}-{month:02d}-{day + 1:02d}", a, b, kind) for day in range(count)]


def built_in_2023(a: str, b: str) -> list[tuple]:
    """A working relationship built early in 2023 (a dozen 1-to-1s and a referral), then silence."""
    return [*days(a, b, 12, year=2023, month=1), ("2023-01-20", b, a, "referral")]


def refer_answer(network, trigger: str, n: int = 5) -> dict:
    """``refer``'s answer as JSON-ready data, its top ``n`` candidates."""
    from refgraph.judge.refer import refer

    return refer(network, trigger, top=n).to_dict()


def refer_professions(network, trigger: str, n: int = 5) -> list:
    """The professions of ``refer``'s top ``n`` candidates, best first."""
    return [c["profession"] for c in refer_answer(network, trigger, n)["candidates"]]


def needs_told(trigger: str) -> list[str]:
    """The needs a trigger names itself (not those it is only the occasion of)."""
    from refgraph.judge.needs import match_needs

    return [m.name for m in match_needs(trigger) if not m.occasion]


def lone_owner():
    """The owner and one contact, never in touch."""
    return make_network(["me", "ann"], [], settings=FIXED)


def chain(length: int = 3, *, count: int = 3):
    """``me - p1 - p2 ... p<length>``: each hop ``count`` 1-to-1s."""
    people = ["me", *[f"p{i}" for i in range(1, length + 1)]]
    rows = [row for a, b in itertools.pairwise(people) for row in meetings(a, b, count)]
    return make_network(people, rows, settings=FIXED)


def star(leaves: int = 4, *, count: int = 3):
    """The owner at the centre of ``leaves`` contacts, ``count`` 1-to-1s with each."""
    people = ["me", *[f"s{i}" for i in range(1, leaves + 1)]]
    rows = [row for leaf in people[1:] for row in meetings("me", leaf, count)]
    return make_network(people, rows, settings=FIXED)


def two_islands():
    """``me - ann`` and ``bob - cy``: no path between the two pairs."""
    rows = meetings("me", "ann", 3) + meetings("bob", "cy", 3)
    return make_network(["me", "ann", "bob", "cy"], rows, settings=FIXED)
