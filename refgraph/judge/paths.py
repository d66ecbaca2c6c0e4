"""Trust paths: the strongest chains of real relationships from one person to another.

"How do I get introduced to X?" is answered by the chains of ties that lead
from the source to X. Each hop is a tie with a trust in [0, 1] (see
:mod:`refgraph.model.ties`), and a chain is scored in one of two ways:

``product`` (default)
    A path's trust is the **product of its hops' trust**: every introduction
    along the way may fail, independently. It is computed as a shortest path on
    the edge distance ``-ln(trust)``, so the strongest path has the smallest
    summed distance. Three strong hops (0.9 each, 0.73 together) beat one weak
    hop (0.5) to a famous connector.
``weakest-link``
    A path is as strong as its **weakest hop** (the max-min, or widest, path);
    among paths with the same weakest hop the one with the larger product wins.

Either way a path's trust never exceeds its weakest hop, and the weakest hop is
named. Paths are simple (nobody appears twice) and have at most
``path.max_hops`` hops: a referral rarely survives a longer chain of favours.

The search
----------
networkx's Yen-based ``shortest_simple_paths`` cannot cap the number of hops,
and on a 20,000-person network with a hub tied to most contacts it takes a few
hundred milliseconds per query. refgraph instead searches from both ends at
once (meet in the middle) over a compact index of each person's ties sorted by
distance (built once per ``as_of`` and cached on the network):

1. Paths are found in order of their number of hops, ``L = 1 .. max_hops``.
   A path of ``L`` hops is a half-path of ``a`` hops from the source joined to
   a half-path of ``b = L - a`` hops from the target at a shared person. Each
   step grows whichever side is cheaper to grow (like bidirectional BFS), so a
   hub with thousands of ties is looked at once, not once per path.
2. Once ``k`` paths are known, the ``k``-th best score is a budget: a
   half-path is only grown along ties that can still finish within it (each
   remaining hop costs at least the strongest tie of the people at its ends).
   Ties are sorted per person, so growing a half-path reads only the ties
   within budget.
3. All of this is vectorised with NumPy over arrays of half-paths.

The result is exact: the same ``k`` paths as enumerating every simple path of
at most ``max_hops`` hops (the test suite checks it against networkx).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.settings import PATH_METHODS as METHODS
from refgraph.judge.phrases import wrap
from refgraph.model.network import Network
from refgraph.results import Result, format_date
from refgraph.show.tables import text_table

#: Relative slack when comparing float scores with the budget.
_TOLERANCE = 1e-12


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Hop:
    """One tie on a path, oriented from ``source`` to ``target``."""

    source: str
    target: str
    source_name: str
    target_name: str
    trust: float
    stage: str
    strength: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the hop."""
        return {"source": self.source, "target": self.target, "trust": self.trust,
                "stage": self.stage, "strength": self.strength}


@dataclass(frozen=True)
class TrustPath:
    """A chain of ties from a source to a target.

    Attributes
    ----------
    nodes : list of str
        Contact ids from source to target.
    names : list of str
        Their display names.
    hops : list of Hop
        The ties, in order.
    trust : float
        The product of the hops' trust.
    """

    nodes: list[str]
    names: list[str]
    hops: list[Hop]
    trust: float

    @property
    def weakest_hop(self) -> Hop:
        """The hop with the lowest trust (the first of equals)."""
        return min(self.hops, key=lambda hop: hop.trust)

    @property
    def via(self) -> list[str]:
        """Names of the people between source and target."""
        return self.names[1:-1]

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the path."""
        weakest = self.weakest_hop
        return {
            "nodes": list(self.nodes),
            "names": list(self.names),
            "trust": self.trust,
            "weakest_hop": {"source": weakest.source, "target": weakest.target,
                            "trust": weakest.trust},
            "hops": [hop.to_dict() for hop in self.hops],
        }

    def describe(self) -> str:
        """One line: who the chain runs through and its trust.

        Examples
        --------
        >>> hop = Hop("me", "ann", "Me", "Ann", 0.5, "credibility", 6.9)
        >>> TrustPath(["me", "ann"], ["Me", "Ann"], [hop], 0.5).describe()
        'Me → Ann (direct tie, trust 0.50)'
        """
        chain = " → ".join(self.names)
        if len(self.hops) == 1:
            return f"{chain} (direct tie, trust {self.trust:.2f})"
        weakest = self.weakest_hop
        return (f"{chain} (trust {self.trust:.2f}; weakest hop {weakest.source_name} → "
                f"{weakest.target_name}, {weakest.trust:.2f})")


@dataclass(repr=False)
class PathResult(Result):
    """The strongest trust paths between two people, strongest first.

    ``paths`` is empty when there is no path (or source and target are the same
    person); ``message`` then says why.
    """

    source: str
    target: str
    source_name: str
    target_name: str
    as_of: pd.Timestamp
    method: str
    max_hops: int
    paths: list[TrustPath] = field(default_factory=list)
    message: str = ""

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the text and HTML views."""
        return (f"Trust paths from {self.source_name} to {self.target_name} as of "
                f"{format_date(self.as_of)} ({self.method}, at most {self.max_hops} hops)")

    @property
    def best(self) -> TrustPath | None:
        """The strongest path, or ``None``."""
        return self.paths[0] if self.paths else None

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph path``."""
        return {
            "source": self.source,
            "target": self.target,
            "as_of": self.as_of,
            "method": self.method,
            "max_hops": self.max_hops,
            "paths": [path.to_dict() for path in self.paths],
            "message": self.message,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per hop: ``path`` (rank), ``path_trust``, ``hop`` and the tie."""
        rows = [
            {"path": rank, "path_trust": path.trust, "hop": number,
             "source": hop.source, "source_name": hop.source_name,
             "target": hop.target, "target_name": hop.target_name,
             "trust": hop.trust, "stage": hop.stage, "strength": hop.strength,
             "weakest": hop is path.weakest_hop}
            for rank, path in enumerate(self.paths, start=1)
            for number, hop in enumerate(path.hops, start=1)
        ]
        columns = ["path", "path_trust", "hop", "source", "source_name", "target",
                   "target_name", "trust", "stage", "strength", "weakest"]
        return pd.DataFrame(rows, columns=columns)

    def summary_lines(self) -> list[str]:
        """Heading and message."""
        return [self.title, self.message]

    def to_text(self, *, width: int = 80) -> str:
        """Each path with its trust, weakest hop and a table of hops."""
        lines = [wrapped for line in self.summary_lines() for wrapped in wrap(line, width)]
        for rank, path in enumerate(self.paths, start=1):
            weakest = path.weakest_hop
            lines += ["", *wrap(f"{rank}. trust {path.trust:.3f}; weakest hop "
                                f"{weakest.source_name} → {weakest.target_name} "
                                f"({weakest.trust:.3f})", width, rest="   ")]
            hops = pd.DataFrame(
                [(n, hop.source_name, hop.target_name, hop.trust, hop.stage)
                 for n, hop in enumerate(path.hops, start=1)],
                columns=["hop", "from", "to", "trust", "stage"])
            lines += ["   " + line for line in text_table(hops, width=width - 3).splitlines()]
        return "\n".join(lines)


# --------------------------------------------------------------------------- index


@dataclass(frozen=True)
class _TrustIndex:
    """Every person's ties as flat arrays, sorted by distance within each person.

    ``neighbour[indptr[i]:indptr[i + 1]]`` are person ``i``'s tie partners,
    strongest first; ``keys`` (``i * span + distance``) is sorted overall, so
    one ``searchsorted`` finds, for many people at once, how many of their ties
    lie within a distance.
    """

    ids: np.ndarray
    lookup: pd.Index
    indptr: np.ndarray
    neighbour: np.ndarray
    distance: np.ndarray
    tie_row: np.ndarray
    keys: np.ndarray
    span: float
    slack: float
    strongest: np.ndarray
    floor: float
    ties: pd.DataFrame
    pair_keys: np.ndarray
    pair_rows: np.ndarray

    def code(self, contact_id: str) -> int:
        """Array position of a contact id."""
        return int(self.lookup.get_loc(contact_id))

    def degree(self, code: int) -> int:
        """Number of usable ties of a person."""
        return int(self.indptr[code + 1] - self.indptr[code])

    def tie_between(self, a: int, b: int) -> int | None:
        """Row of the tie table for the tie between two people, or ``None``.

        Every tie is found, also one whose trust is 0 and is not a usable hop.
        """
        key = min(a, b) * len(self.ids) + max(a, b)
        position = int(np.searchsorted(self.pair_keys, key))
        if position < len(self.pair_keys) and self.pair_keys[position] == key:
            return int(self.pair_rows[position])
        return None

    def within(self, ends: np.ndarray, limit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each person in ``ends``, the slice of ties with distance <= ``limit``.

        Returns the start and stop positions. A small slack absorbs rounding in
        ``keys``; callers filter on the exact distance afterwards.
        """
        start = self.indptr[ends]
        stop_all = self.indptr[ends + 1]
        limit = np.minimum(limit, self.span - 0.5)
        probe = ends * self.span + limit + self.slack
        order = np.argsort(probe)  # sorted needles search about twice as fast
        stop = np.empty(len(probe), dtype=np.int64)
        stop[order] = np.searchsorted(self.keys, probe[order], side="right")
        stop = np.clip(stop, start, stop_all)
        stop = np.where(limit < 0, start, stop)
        return start, stop


def _build_index(network: Network, stamp: pd.Timestamp) -> _TrustIndex:
    ties = network.ties(stamp)
    ids = network.contacts["id"].to_numpy(dtype=object)
    lookup = pd.Index(ids)
    n = len(ids)
    distance = ties["distance"].to_numpy(dtype=float) if len(ties) else np.zeros(0)
    all_u = lookup.get_indexer(ties["u"].to_numpy(dtype=object)).astype(np.int64)
    all_v = lookup.get_indexer(ties["v"].to_numpy(dtype=object)).astype(np.int64)
    pair_keys = np.minimum(all_u, all_v) * n + np.maximum(all_u, all_v)
    pair_order = np.argsort(pair_keys)
    rows = np.flatnonzero(np.isfinite(distance))  # trust 0 (a kind weighted 0) is no hop
    u, v = all_u[rows], all_v[rows]
    d = np.maximum(distance[rows], 0.0)  # -ln(1.0) is -0.0
    source = np.concatenate([u, v])
    both = np.concatenate([d, d])
    span = float(both.max()) + 1.0 if len(both) else 1.0
    # One float key per (person, distance): a single sort groups each person's ties,
    # strongest first (distances are below span, so people never interleave).
    keys = source * span + both
    order = np.argsort(keys)
    keys, source, both = keys[order], source[order], both[order]
    neighbour = np.concatenate([v, u])[order]
    tie_row = np.concatenate([rows, rows])[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.bincount(source, minlength=n))
    # Keys are rounded to float64: read a little past the limit, never short of it.
    slack = max(1e-9, 16 * float(np.spacing(keys[-1]))) if len(keys) else 1e-9
    strongest = np.full(n, np.inf)
    has_ties = indptr[1:] > indptr[:-1]
    if has_ties.any():  # exact minimum, whatever the rounding of the keys
        strongest[has_ties] = np.minimum.reduceat(both, indptr[:-1][has_ties])
    return _TrustIndex(
        ids=ids, lookup=lookup, indptr=indptr, neighbour=neighbour, distance=both,
        tie_row=tie_row, keys=keys, span=span, slack=slack, strongest=strongest,
        floor=float(both.min()) if len(both) else 0.0, ties=ties,
        pair_keys=pair_keys[pair_order], pair_rows=pair_order,
    )


def _trust_index(network: Network, stamp: pd.Timestamp) -> _TrustIndex:
    """The index for ``stamp``, built once and kept in the network's cache."""
    key = ("trust_index", stamp)
    cache = network._cache
    if key not in cache:
        cache[key] = _build_index(network, stamp)
    return cache[key]


# --------------------------------------------------------------------------- search


@dataclass
class _Level:
    """Half-paths of one length from one end: node codes, summed and worst distance."""

    paths: np.ndarray
    total: np.ndarray
    worst: np.ndarray

    def __len__(self) -> int:
        return len(self.total)


def _ranges(start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row number and flat position for every element of the slices ``start:stop``."""
    counts = stop - start
    rows = np.repeat(np.arange(len(start)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return rows, np.repeat(start, counts) + offsets


class _Search:
    """Meet-in-the-middle search for the k best simple paths with a hop cap."""

    def __init__(self, index: _TrustIndex, ends: tuple[int, int], *, k: int, max_hops: int,
                 weakest_link: bool, avoid: np.ndarray):
        self.index = index
        self.ends = ends
        self.k = k
        self.max_hops = max_hops
        self.weakest_link = weakest_link
        self.avoid = avoid
        self.levels: tuple[list[_Level], list[_Level]] = tuple(
            [_Level(np.array([[end]], dtype=np.int64), np.zeros(1), np.zeros(1))]
            for end in ends)
        self.best: list[tuple[float, float, int, tuple[int, ...]]] = []

    @property
    def budget(self) -> float:
        """Score of the k-th best path so far (infinite until k are known)."""
        if len(self.best) < self.k:
            return np.inf
        value = self.best[-1][0]
        return value + _TOLERANCE * max(1.0, abs(value))

    def _rest_bound(self, remaining: int, ends: np.ndarray, far: int) -> np.ndarray:
        """Least possible score of ``remaining`` more hops from ``ends`` to ``far``."""
        strongest = self.index.strongest
        if remaining == 0:
            return np.zeros(len(ends))
        if self.weakest_link or remaining == 1:
            return np.maximum(strongest[ends], strongest[far])
        return strongest[ends] + strongest[far] + (remaining - 2) * self.index.floor

    def _grow_plan(self, side: int, remaining: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Which rows of the side's last level to grow and which tie slices to read."""
        level = self.levels[side][-1]
        far = self.ends[1 - side]
        growable = np.flatnonzero(level.paths[:, -1] != far)  # a finished path stops
        ends = level.paths[growable, -1]
        budget = self.budget
        if self.weakest_link:
            limit = np.full(len(ends), budget)
        else:
            after = 0.0 if remaining == 0 else (self.index.strongest[far]
                                                + (remaining - 1) * self.index.floor)
            limit = budget - level.total[growable] - after
        start, stop = self.index.within(ends, limit)
        return growable, start, stop

    def _grow(self, side: int, remaining: int, plan) -> _Level:
        """Extend every half-path of the side's last level by one tie."""
        level = self.levels[side][-1]
        growable, start, stop = plan
        rows, positions = _ranges(start, stop)
        rows = growable[rows]
        nxt = self.index.neighbour[positions]
        step = self.index.distance[positions]
        total = level.total[rows] + step
        worst = np.maximum(level.worst[rows], step)
        keep = ~self.avoid[nxt]
        for column in range(level.paths.shape[1]):
            keep &= level.paths[rows, column] != nxt
        far = self.ends[1 - side]
        bound = self._rest_bound(remaining, nxt, far)
        budget = self.budget
        if self.weakest_link:
            keep &= np.maximum(worst, bound) <= budget
        else:
            keep &= total + bound <= budget
        rows, nxt = rows[keep], nxt[keep]
        paths = np.column_stack([level.paths[rows], nxt])
        return _Level(paths, total[keep], worst[keep])

    def _join(self, forward: _Level, backward: _Level) -> None:
        """Join half-paths that meet at the same person; keep the k best paths."""
        f_order = np.argsort(forward.paths[:, -1], kind="stable")
        meet_f = forward.paths[f_order, -1]
        order = np.argsort(backward.paths[:, -1], kind="stable")
        meet_b = backward.paths[order, -1]
        start = np.searchsorted(meet_b, meet_f, side="left")
        stop = np.searchsorted(meet_b, meet_f, side="right")
        f_rows, positions = _ranges(start, stop)
        f_rows = f_order[f_rows]
        b_rows = order[positions]
        total = forward.total[f_rows] + backward.total[b_rows]
        worst = np.maximum(forward.worst[f_rows], backward.worst[b_rows])
        primary, secondary = (worst, total) if self.weakest_link else (total, worst)
        keep = primary <= self.budget
        a, b = forward.paths.shape[1] - 1, backward.paths.shape[1] - 1
        for i in range(a):
            for j in range(b):
                keep &= forward.paths[f_rows, i] != backward.paths[b_rows, j]
        if not keep.any():
            return
        f_rows, b_rows = f_rows[keep], b_rows[keep]
        primary, secondary = primary[keep], secondary[keep]
        full = np.column_stack([forward.paths[f_rows], backward.paths[b_rows, ::-1][:, 1:]])
        # Keys for np.lexsort: last is most significant; node codes break ties.
        order = np.lexsort((*full.T[::-1], secondary, primary))[: self.k]
        hops = full.shape[1] - 1
        found = [(float(primary[i]), float(secondary[i]), hops, tuple(int(c) for c in full[i]))
                 for i in order]
        self.best = sorted(self.best + found)[: self.k]

    def _no_longer_path_can_win(self, hops: int) -> bool:
        if len(self.best) < self.k:
            return False
        source, target = self.ends
        strongest = self.index.strongest
        if self.weakest_link:
            bound = max(strongest[source], strongest[target])
        else:
            bound = strongest[source] + strongest[target] + (hops - 2) * self.index.floor
        return bound > self.budget

    def _cheaper_side(self, sizes: list[int]) -> tuple[int, tuple]:
        """The side whose growth reads fewer ties, and its plan.

        Reading every tie of a side's ends bounds its work; when one side's bound
        is far below the other's, the other's exact (budgeted) plan is not needed.
        """
        ends = [self.levels[side][-1].paths[:, -1] for side in (0, 1)]
        bound = [int((self.index.indptr[e + 1] - self.index.indptr[e]).sum()) for e in ends]
        small = 0 if bound[0] <= bound[1] else 1
        plan = self._grow_plan(small, sizes[1 - small])
        work = int((plan[2] - plan[1]).sum())
        if work * 4 <= bound[1 - small]:
            return small, plan
        other = self._grow_plan(1 - small, sizes[small])
        if int((other[2] - other[1]).sum()) < work:
            return 1 - small, other
        return small, plan

    def run(self) -> list[tuple[float, float, int, tuple[int, ...]]]:
        """Find the k best paths; each is (score, tie-break score, hops, node codes)."""
        for hops in range(1, self.max_hops + 1):
            if hops > 1 and self._no_longer_path_can_win(hops):
                break
            sizes = [len(self.levels[0]) - 1, len(self.levels[1]) - 1]  # hops per side
            side, plan = self._cheaper_side(sizes)
            grown = self._grow(side, sizes[1 - side], plan)
            if len(grown) == 0:
                break  # no half-path of this length fits: no longer path can either
            self.levels[side].append(grown)
            forward, backward = self.levels[0][-1], self.levels[1][-1]
            self._join(forward, backward)
        return self.best


# --------------------------------------------------------------------------- public


def _check_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise RefgraphError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(value)


def trust_paths(
    network: Network,
    source: str,
    target: str,
    *,
    k: int | None = None,
    method: str | None = None,
    as_of: object = None,
    max_hops: int | None = None,
    avoid: Iterable[str] = (),
) -> PathResult:
    """The ``k`` strongest chains of relationships from ``source`` to ``target``.

    Parameters
    ----------
    network : Network
        A loaded network.
    source, target : str
        Contact ids.
    k : int, optional
        How many paths to return (default ``settings.path.k``).
    method : {"product", "weakest-link"}, optional
        How a path is scored (default ``settings.path.method``): the product of
        its hops' trust, or its weakest hop (ties broken by the product).
    as_of : str, date or Timestamp, optional
        Evaluate the network as of this moment (default: latest interaction).
    max_hops : int, optional
        Longest path considered (default ``settings.path.max_hops``).
    avoid : iterable of str
        Contact ids the paths must not pass through.

    Returns
    -------
    PathResult
        Paths strongest first, each hop with its trust, stage and strength and
        the weakest hop named. No path, or ``source == target``, gives an empty
        list and a ``message`` saying so.

    Raises
    ------
    ContactNotFoundError
        When ``source``, ``target`` or an ``avoid`` id is not a contact.
    RefgraphError
        For an unknown method or a ``k`` / ``max_hops`` below 1.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({
    ...     "date": ["2024-01-05", "2024-02-01", "2024-03-01"],
    ...     "source": ["me", "ann", "ann"], "target": ["ann", "bob", "bob"],
    ...     "kind": ["one_to_one", "one_to_one", "call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> result = trust_paths(net, "me", "bob")
    >>> result.best.nodes, round(result.best.trust, 3)
    (['me', 'ann', 'bob'], 0.083)
    >>> result.best.weakest_hop.target
    'ann'
    >>> trust_paths(net, "bob", "bob").message
    'source and target are the same person'
    """
    settings = network.settings.path
    k = _check_count(settings.k if k is None else k, "k")
    max_hops = _check_count(settings.max_hops if max_hops is None else max_hops, "max_hops")
    method = settings.method if method is None else method
    if method not in METHODS:
        raise RefgraphError(f"unknown path method {method!r}; expected one of: "
                            f"{', '.join(METHODS)}")
    network.require(source, role="source")
    network.require(target, role="target")
    avoided = [network.require(contact, role="contact to avoid") for contact in avoid]
    stamp = network.resolve_as_of(as_of)
    result = PathResult(source=source, target=target, source_name=network.name_of(source),
                        target_name=network.name_of(target), as_of=stamp, method=method,
                        max_hops=max_hops)
    if source == target:
        result.message = "source and target are the same person"
        return result
    blocked = {source, target} & set(avoided)
    if blocked:
        raise RefgraphError(f"cannot avoid {sorted(blocked)[0]!r}: it is an end of the path")

    index = _trust_index(network, stamp)
    ends = (index.code(source), index.code(target))
    mask = np.zeros(len(index.ids), dtype=bool)
    mask[[index.code(contact) for contact in avoided]] = True
    found: list[tuple[float, float, int, tuple[int, ...]]] = []
    if index.degree(ends[0]) and index.degree(ends[1]):
        found = _Search(index, ends, k=k, max_hops=max_hops,
                        weakest_link=method == "weakest-link", avoid=mask).run()
    result.paths = [_materialise(network, index, codes) for *_, codes in found]
    result.message = _message(result, k)
    return result


def find_tie(network: Network, a: str, b: str, *, as_of: object = None) -> pd.Series | None:
    """The tie-table row of two people (see :meth:`Network.ties`), or ``None``.

    A quick lookup through the cached trust index, for callers that ask about
    single pairs.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...                              "target": ["me"], "kind": ["call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> int(find_tie(net, "me", "ann")["n_call"]), find_tie(net, "me", "bob")
    (1, None)
    """
    network.require(a)
    network.require(b)
    index = _trust_index(network, network.resolve_as_of(as_of))
    row = index.tie_between(index.code(a), index.code(b))
    return None if row is None else index.ties.iloc[row]


def _materialise(network: Network, index: _TrustIndex, codes: tuple[int, ...]) -> TrustPath:
    """Turn node codes into a :class:`TrustPath` with each tie's trust and stage."""
    nodes = [str(index.ids[code]) for code in codes]
    names = [network.name_of(node) for node in nodes]
    trust_column = index.ties["trust"].to_numpy(dtype=float)
    stage_column = index.ties["stage"].to_numpy(dtype=object)
    strength_column = index.ties["strength"].to_numpy(dtype=float)
    hops = []
    for position in range(len(codes) - 1):
        row = index.tie_between(codes[position], codes[position + 1])
        hops.append(Hop(source=nodes[position], target=nodes[position + 1],
                        source_name=names[position], target_name=names[position + 1],
                        trust=float(trust_column[row]), stage=str(stage_column[row]),
                        strength=float(strength_column[row])))
    trust = 1.0
    for hop in hops:  # multiply trusts, not exp(-sum): exact, and never above the weakest
        trust *= hop.trust
    return TrustPath(nodes=nodes, names=names, hops=hops, trust=trust)


def _message(result: PathResult, k: int) -> str:
    hops = f"at most {result.max_hops} hop{'s' if result.max_hops != 1 else ''}"
    if not result.paths:
        return (f"no chain of {hops} links {result.source_name} to {result.target_name} "
                f"as of {format_date(result.as_of)}")
    count = len(result.paths)
    found = f"{count} path{'s' if count != 1 else ''}"
    if count < k:
        found = f"only {found}"
    return f"{found} of {hops}; the strongest has trust {result.paths[0].trust:.3f}"
