"""The :class:`Network`: validated contacts, interactions and settings, and a cache.

The network holds data and remembers what has been computed from it; it does
not compute ties or graphs itself. Those are functions of
:mod:`refgraph.model.ties` and :mod:`refgraph.model.graph`, which depend on the
network, never the other way round. The convenience methods
:meth:`Network.ties`, :meth:`Network.flows`, :meth:`Network.graph` and
:meth:`Network.flow_graph` look their builder up by name in :data:`BUILDERS`,
which :mod:`refgraph.model` fills in when the package is imported (importing
this module always imports the package first), and keep the result in the
cache, one per moment.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import pandas as pd

from refgraph.errors import ContactNotFoundError, RefgraphError
from refgraph.io.dates import parse_as_of
from refgraph.io.settings import Settings

_T = TypeVar("_T")

#: What is derived from a network as of a moment, by name: ``builder(network,
#: as_of) -> value``. Filled in by :mod:`refgraph.model` with ``"ties"``,
#: ``"flows"``, ``"graph"`` and ``"flow_graph"``.
BUILDERS: dict[str, Callable[[Network, pd.Timestamp], Any]] = {}

#: Cache key of the interactions' people as integer codes. They depend on the
#: interactions only, so a network seen from another owner keeps them.
PERSON_CODES = "person_codes"

#: Cache key of a chapter's records (:class:`refgraph.io.chapter.ChapterData`),
#: kept by the loader; like the people codes, they do not depend on the owner.
CHAPTER = "chapter"


@dataclass
class Network:
    """A loaded, validated network. Create it with :func:`refgraph.load_network`.

    Attributes
    ----------
    contacts : DataFrame
        One row per person: ``id``, ``name``, the documented columns (empty
        text as ``""``, missing ratings as ``<NA>``), extra columns, and
        ``line`` (the line in ``contacts.csv``, or the 1-based row of a
        DataFrame; ``<NA>`` for contacts added because an interaction named
        them). Text columns hold ``str`` objects (object dtype).
    interactions : DataFrame
        ``date`` (UTC), ``source``, ``target``, ``kind`` (categorical),
        ``value`` (float, NaN when absent), ``notes``, extra columns, ``line``
        (where the row starts in ``interactions.csv``). Self-loops and exact
        duplicate rows are not included (the loader warns about them).
    settings : Settings
        Weights, half-lives and thresholds.
    path : Path or None
        The folder it was read from, if any.
    """

    contacts: pd.DataFrame
    interactions: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    path: Path | None = None
    _cache: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False,
                                        compare=False)

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path else ""
        return (
            f"<Network{where}: {len(self.contacts)} contacts, "
            f"{len(self.interactions)} interactions, owner={self.owner!r}>"
        )

    @property
    def owner(self) -> str | None:
        """The id of "me", from the settings (``None`` if not set)."""
        return self.settings.owner

    @property
    def latest(self) -> pd.Timestamp | None:
        """Date of the latest interaction (the default ``as_of``)."""
        if self.interactions.empty:
            return None
        return self.interactions["date"].max()

    def resolve_as_of(self, as_of: object = None) -> pd.Timestamp:
        """Return ``as_of`` as a UTC timestamp, defaulting to the latest interaction.

        Examples
        --------
        >>> Network(pd.DataFrame(), pd.DataFrame({"date": []})).resolve_as_of("2024-01-31")
        Timestamp('2024-01-31 23:59:59.999999+0000', tz='UTC')
        """
        return parse_as_of(as_of, self.latest)

    def with_owner(self, owner: str | None) -> Network:
        """Return the same network seen from another owner (``--owner``).

        Raises
        ------
        ContactNotFoundError
            If ``owner`` is not a contact id.
        """
        if owner is None:
            return self
        self.require(owner, role="owner")
        moved = Network(self.contacts, self.interactions, self.settings.replace(owner=owner),
                        self.path)
        for key in (PERSON_CODES, CHAPTER):
            if key in self._cache:
                moved.remember(key, self._cache[key])
        return moved

    def require_owner(self, owner: str | None = None) -> str:
        """Return the owner id to use, or raise a clear error when there is none."""
        resolved = owner if owner is not None else self.owner
        if resolved is None:
            raise RefgraphError(
                "no owner set: add owner = \"<your contact id>\" to network.toml or pass --owner"
            )
        self.require(resolved, role="owner")
        return resolved

    def require(self, contact_id: str, *, role: str = "contact") -> str:
        """Check that ``contact_id`` is a contact; raise :class:`ContactNotFoundError` if not."""
        if contact_id not in self._ids:
            raise ContactNotFoundError(
                f"{role} {contact_id!r} is not a contact id of this network"
            )
        return contact_id

    @property
    def _ids(self) -> set[str]:
        return self.cached("ids", lambda: set(self.contacts["id"]))

    def name_of(self, contact_id: str) -> str:
        """Display name of a contact (the id itself if unknown)."""
        names = self.cached("names", lambda: dict(zip(self.contacts["id"],
                                                      self.contacts["name"], strict=True)))
        return names.get(contact_id, contact_id)

    # ----------------------------------------------------------------- cache

    def cached(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """The value kept under ``key``, computed by ``compute()`` the first time.

        Anything derived from the network (tie tables, graphs, indexes) is kept
        here so that many questions about one moment share the work. Keys are
        tuples naming what is kept and the moment, such as ``("ties", as_of)``.

        Examples
        --------
        >>> net = Network(pd.DataFrame({"id": ["me"], "name": ["Me"]}), pd.DataFrame())
        >>> net.cached(("answer",), lambda: 42), net.cached(("answer",), lambda: 0)
        (42, 42)
        """
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def remember(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key``, replacing what was kept before.

        For values computed elsewhere, such as the people codes the loader
        already has (see :func:`refgraph.model.ties.remember_person_codes`).

        Examples
        --------
        >>> net = Network(pd.DataFrame(), pd.DataFrame())
        >>> net.remember(("answer",), 42)
        >>> net.cached(("answer",), lambda: 0)
        42
        """
        self._cache[key] = value

    def derived(self, name: str, as_of: object = None) -> Any:
        """What the builder ``name`` of :data:`BUILDERS` makes as of a moment (cached).

        Parameters
        ----------
        name : str
            ``"ties"``, ``"flows"``, ``"graph"`` or ``"flow_graph"``.
        as_of : str, date or Timestamp, optional
            The moment; defaults to the latest interaction.

        Raises
        ------
        KeyError
            When no builder has that name.
        """
        stamp = self.resolve_as_of(as_of)
        builder = BUILDERS[name]
        return self.cached((name, stamp), lambda: builder(self, stamp))

    def ties(self, as_of: object = None) -> pd.DataFrame:
        """Per-pair tie table as of a moment; see :func:`refgraph.model.ties.tie_table`."""
        return self.derived("ties", as_of)

    def flows(self, as_of: object = None) -> pd.DataFrame:
        """Directed flow table as of a moment; see :func:`refgraph.model.ties.flow_table`."""
        return self.derived("flows", as_of)

    def graph(self, as_of: object = None) -> nx.Graph:
        """The undirected decayed-strength graph; see :func:`refgraph.model.graph.build_graph`."""
        return self.derived("graph", as_of)

    def flow_graph(self, as_of: object = None) -> nx.DiGraph:
        """The directed flow graph; see :func:`refgraph.model.graph.build_flow_graph`."""
        return self.derived("flow_graph", as_of)
