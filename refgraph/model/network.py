"""The :class:`Network`: validated contacts, interactions and settings together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from refgraph.errors import ContactNotFoundError, RefgraphError
from refgraph.io.settings import Settings


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
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

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
        from refgraph.io.dates import parse_as_of

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
        if "person_codes" in self._cache:
            moved._cache["person_codes"] = self._cache["person_codes"]
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
        if "ids" not in self._cache:
            self._cache["ids"] = set(self.contacts["id"])
        return self._cache["ids"]

    def name_of(self, contact_id: str) -> str:
        """Display name of a contact (the id itself if unknown)."""
        if "names" not in self._cache:
            self._cache["names"] = dict(zip(self.contacts["id"], self.contacts["name"],
                                            strict=True))
        return self._cache["names"].get(contact_id, contact_id)

    def _person_codes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Everyone's id (sorted) and each interaction's source and target as codes.

        Computed once per interactions frame (the loader hands over the codes
        it already has), so tie and flow tables for many moments do not hash
        every id again.
        """
        cached = self._cache.get("person_codes")
        if cached is None or cached[0] is not self.interactions:
            from refgraph.model.ties import person_codes

            cached = (self.interactions, person_codes(self.interactions))
            self._cache["person_codes"] = cached
        return cached[1]

    def _remember_person_codes(self, codes: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
        self._cache["person_codes"] = (self.interactions, codes)

    def ties(self, as_of: object = None) -> pd.DataFrame:
        """Per-pair tie table as of a moment; see :func:`refgraph.model.ties.tie_table`."""
        from refgraph.model.ties import _tie_table

        stamp = self.resolve_as_of(as_of)
        key = ("ties", stamp)
        if key not in self._cache:
            self._cache[key] = _tie_table(self.interactions, self.settings, stamp,
                                          self._person_codes())
        return self._cache[key]

    def flows(self, as_of: object = None) -> pd.DataFrame:
        """Directed flow table as of a moment; see :func:`refgraph.model.ties.flow_table`."""
        from refgraph.model.ties import _flow_table

        stamp = self.resolve_as_of(as_of)
        key = ("flows", stamp)
        if key not in self._cache:
            self._cache[key] = _flow_table(self.interactions, self.settings, stamp,
                                           self._person_codes())
        return self._cache[key]

    def graph(self, as_of: object = None) -> nx.Graph:
        """The undirected decayed-strength graph; see :func:`refgraph.model.graph.build_graph`."""
        from refgraph.model.graph import build_graph

        stamp = self.resolve_as_of(as_of)
        key = ("graph", stamp)
        if key not in self._cache:
            self._cache[key] = build_graph(self, stamp)
        return self._cache[key]

    def flow_graph(self, as_of: object = None) -> nx.DiGraph:
        """The directed flow graph; see :func:`refgraph.model.graph.build_flow_graph`."""
        from refgraph.model.graph import build_flow_graph

        stamp = self.resolve_as_of(as_of)
        key = ("flow_graph", stamp)
        if key not in self._cache:
            self._cache[key] = build_flow_graph(self, stamp)
        return self._cache[key]
