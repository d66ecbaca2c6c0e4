"""The k strongest simple paths with a hop cap: the search behind :func:`trust_paths`.

Each tie is an edge with distance ``-ln(trust)`` (see :mod:`refgraph.model.ties`):
the path with the smallest summed distance has the largest product of trusts,
and the path with the smallest largest distance has the strongest weakest hop.

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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from refgraph.model.focus import tie_positions
from refgraph.model.network import Network

#: Relative slack when comparing float scores with the budget.
_TOLERANCE = 1e-12

#: A found path: (score, tie-break score, hops, node codes from source to target).
FoundPath = tuple[float, float, int, tuple[int, ...]]


@dataclass(frozen=True)
class TrustIndex:
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


def _build_index(network: Network, stamp: pd.Timestamp) -> TrustIndex:
    ties = network.ties(stamp)
    ids = network.contacts["id"].to_numpy(dtype=object)
    lookup = pd.Index(ids)
    n = len(ids)
    distance = ties["distance"].to_numpy(dtype=float) if len(ties) else np.zeros(0)
    all_u, all_v = tie_positions(network, stamp)
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
    return TrustIndex(
        ids=ids, lookup=lookup, indptr=indptr, neighbour=neighbour, distance=both,
        tie_row=tie_row, keys=keys, span=span, slack=slack, strongest=strongest,
        floor=float(both.min()) if len(both) else 0.0, ties=ties,
        pair_keys=pair_keys[pair_order], pair_rows=pair_order,
    )


def trust_index(network: Network, stamp: pd.Timestamp) -> TrustIndex:
    """The trust index of a network as of ``stamp``, built once and kept in its cache.

    Parameters
    ----------
    network : Network
        A loaded network.
    stamp : Timestamp
        The evaluation moment (already resolved).

    Returns
    -------
    TrustIndex
        Every person's usable ties, strongest first.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...                              "target": ["me"], "kind": ["call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> index = trust_index(net, net.resolve_as_of())
    >>> index.degree(index.code("me")), index.degree(index.code("bob"))
    (1, 0)
    """
    return network.cached(("trust_index", stamp), lambda: _build_index(network, stamp))


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

    def __init__(self, index: TrustIndex, ends: tuple[int, int], *, k: int, max_hops: int,
                 weakest_link: bool, avoid: np.ndarray, hop_cost: float = 0.0):
        self.index = index
        # Added to every hop's distance (product only): each hop is a favour asked.
        self.cost = 0.0 if weakest_link else float(hop_cost)
        self.ends = ends
        self.k = k
        self.max_hops = max_hops
        self.weakest_link = weakest_link
        self.avoid = avoid
        self.levels: tuple[list[_Level], list[_Level]] = tuple(
            [_Level(np.array([[end]], dtype=np.int64), np.zeros(1), np.zeros(1))]
            for end in ends)
        self.best: list[FoundPath] = []

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
        if self.weakest_link:
            return np.maximum(strongest[ends], strongest[far])
        if remaining == 1:
            return np.maximum(strongest[ends], strongest[far]) + self.cost
        return (strongest[ends] + strongest[far] + (remaining - 2) * self.index.floor
                + remaining * self.cost)

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
                                                + (remaining - 1) * self.index.floor
                                                + remaining * self.cost)
            limit = budget - level.total[growable] - after - self.cost
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
        total = level.total[rows] + step + self.cost
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
            bound = (strongest[source] + strongest[target] + (hops - 2) * self.index.floor
                     + hops * self.cost)
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

    def run(self) -> list[FoundPath]:
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


def k_best_paths(index: TrustIndex, ends: tuple[int, int], *, k: int, max_hops: int,
                 weakest_link: bool = False, avoid: np.ndarray | None = None,
                 hop_cost: float = 0.0) -> list[FoundPath]:
    """The ``k`` best simple paths of at most ``max_hops`` hops between two people.

    Parameters
    ----------
    index : TrustIndex
        The network's trust index (see :func:`trust_index`).
    ends : (int, int)
        Index codes of the source and the target (see :meth:`TrustIndex.code`).
    k : int
        How many paths to find.
    max_hops : int
        Longest path considered.
    weakest_link : bool, default False
        Score a path by its weakest hop (ties broken by the product) instead of
        the product of its hops' trust.
    avoid : ndarray of bool, optional
        One flag per person of the index: the paths never pass through them.
    hop_cost : float, default 0.0
        Added to the distance of every hop of a ``product`` path (``-ln`` of
        ``path.go_between_factor``): each hop is a favour asked, so a strong
        direct tie beats a chain of near-certain hops. Ignored by weakest link.

    Returns
    -------
    list of FoundPath
        Best first: (score, tie-break score, hops, node codes). The score is the
        summed distance with the hop costs (product) or the largest distance
        (weakest link).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-01-06"],
    ...     "source": ["me", "ann"], "target": ["ann", "bob"], "kind": ["call", "call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> index = trust_index(net, net.resolve_as_of())
    >>> found = k_best_paths(index, (index.code("me"), index.code("bob")), k=2, max_hops=3)
    >>> [index.ids[list(codes)].tolist() for *_, codes in found]
    [['me', 'ann', 'bob']]
    """
    if avoid is None:
        avoid = np.zeros(len(index.ids), dtype=bool)
    return _Search(index, ends, k=k, max_hops=max_hops, weakest_link=weakest_link,
                   avoid=avoid, hop_cost=hop_cost).run()
