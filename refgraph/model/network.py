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

import datetime as dt
import html
import os
import warnings
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from refgraph.errors import ContactNotFoundError, RefgraphError, RefgraphWarning
from refgraph.io.dates import parse_as_of
from refgraph.io.settings import Settings
from refgraph.io.text import fold_name

_T = TypeVar("_T")

#: What is derived from a network as of a moment, by name: ``builder(network,
#: as_of) -> value``. Filled in by :mod:`refgraph.model` with ``"ties"``,
#: ``"flows"``, ``"graph"`` and ``"flow_graph"``.
BUILDERS: dict[str, Callable[[Network, pd.Timestamp], Any]] = {}

#: rapidfuzz ``WRatio`` (0-100) at which a typed name is a close match of a
#: contact's name: forgives a typo or a missing letter, not another name.
_CLOSE_NAME = 85.0
#: What people type for themselves where a contact is asked for.
_OWNER_WORDS = frozenset({"me", "myself"})

#: Cache key of the interactions' people as integer codes. They depend on the
#: interactions only, so a network seen from another owner keeps them.
PERSON_CODES = "person_codes"

#: Cache key of a chapter's records (:class:`refgraph.io.chapter.ChapterData`),
#: kept by the loader; like the people codes, they do not depend on the owner.
CHAPTER = "chapter"


@dataclass(frozen=True)
class ContactMatch:
    """The contact a typed id or name was taken as, and how (:meth:`Network.match_contact`).

    Examples
    --------
    >>> ContactMatch(id="c012", typed="Mark Elison", name="Mark Ellison", how="close").note
    'taking "Mark Elison" as Mark Ellison (c012)'
    """

    #: The contact id.
    id: str
    #: What was typed.
    typed: str
    #: The contact's display name.
    name: str
    #: How it matched: "id", "id case", "name", "owner", "folded name" or "close".
    how: str

    @property
    def close(self) -> bool:
        """Whether only a close match of a name found it: a guess worth saying."""
        return self.how == "close"

    @property
    def note(self) -> str:
        """What to tell the user who typed it: ``taking "Mark Elison" as Mark Ellison (c012)``."""
        return f'taking "{self.typed.strip()}" as {self.name} ({self.id})'


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

    def _repr_html_(self) -> str:
        """A summary for Jupyter: size, owner, "now", and how to ask questions."""
        where = f" from <code>{html.escape(str(self.path))}</code>" if self.path else ""
        owner = (f"{html.escape(self.name_of(self.owner))} (<code>{html.escape(self.owner)}"
                 "</code>)" if self.owner else "not set")
        dates = self.interactions["date"] if len(self.interactions) else None
        span = (f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if dates is not None
                else "none yet")
        now = (f"{html.escape(self.settings.as_of)} (pinned)" if self.settings.as_of
               else "the latest interaction")
        rows = [("contacts", f"{len(self.contacts):,}"),
                ("interactions", f"{len(self.interactions):,}"), ("dates", span),
                ("owner", owner), ("now", now)]
        body = "".join(f"<tr><th style='text-align:left'>{k}</th><td style='text-align:left'>"
                       f"{v}</td></tr>" for k, v in rows)
        return (f"<p><b>Network</b>{where}</p><table>{body}</table>"
                "<p>Ask it with <code>refgraph.refer</code>, <code>trust_paths</code>, "
                "<code>ask</code>, <code>nurture</code>, <code>stats</code>.</p>")

    @property
    def owner(self) -> str | None:
        """The id of "me", from the settings (``None`` if not set)."""
        return self.settings.owner

    @property
    def latest(self) -> pd.Timestamp | None:
        """Date of the latest interaction (``None`` when there are none)."""
        if self.interactions.empty:
            return None
        return self.interactions["date"].max()

    def resolve_as_of(self, as_of: object = None) -> pd.Timestamp:
        """Return ``as_of`` as a UTC timestamp; ``None`` means the network's "now".

        "Now" is ``as_of`` from the settings when set (pinned in
        ``network.toml``, or today: the command line sets it with
        :meth:`with_as_of`); otherwise the latest interaction, or the end of
        today for a network without interactions. Interactions dated after a
        set "now" (scheduled meetings, a year typed wrong) are left out of
        every answer, with one warning naming how many and their first lines.
        An ``as_of`` asked for explicitly looks at the past on purpose and does
        not warn.

        Examples
        --------
        >>> Network(pd.DataFrame(), pd.DataFrame({"date": []})).resolve_as_of("2024-01-31")
        Timestamp('2024-01-31 23:59:59.999999+0000', tz='UTC')
        """
        if as_of is not None:
            return parse_as_of(as_of)
        if self.settings.as_of is None:
            return parse_as_of(None, self.latest if self.latest is not None
                               else parse_as_of(dt.date.today()))
        stamp = parse_as_of(self.settings.as_of)
        self.cached(("future warning", stamp), lambda: self._warn_future(stamp))
        return stamp

    def with_as_of(self, as_of: object) -> Network:
        """Return the same network with its "now" set to ``as_of`` (a date or ``"today"``).

        Examples
        --------
        >>> net = Network(pd.DataFrame({"id": ["me"], "name": ["Me"]}), pd.DataFrame())
        >>> net.with_as_of("2025-01-31").resolve_as_of()
        Timestamp('2025-01-31 23:59:59.999999+0000', tz='UTC')
        """
        text = dt.date.today().isoformat() if as_of == "today" else str(as_of)
        parse_as_of(text)  # a bad date fails here, naming itself
        return self.with_settings(self.settings.replace(as_of=text))

    def _warn_future(self, stamp: pd.Timestamp) -> int:
        """Warn once about interactions dated after ``stamp``; return how many there are."""
        if self.interactions.empty:
            return 0
        later = (self.interactions["date"] > stamp).to_numpy()
        count = int(later.sum())
        if count:
            where = (f"{self.path / 'interactions.csv'}" if self.path is not None
                     else "interactions")
            lines = [str(int(v)) for v in self.interactions["line"].to_numpy()[later][:5]
                     if not pd.isna(v)] if "line" in self.interactions else []
            shown = f" (lines {', '.join(lines)}{', ...' if count > len(lines) else ''})" \
                if lines else ""
            pinned = ("today" if self.settings.as_of == dt.date.today().isoformat()
                      else f"as_of {self.settings.as_of}")
            warnings.warn(
                f"{where}: {count} interaction(s) dated after {stamp:%Y-%m-%d} ({pinned}){shown} "
                "are left out; pass --as-of to look at a later date",
                RefgraphWarning, stacklevel=4)
        return count

    def with_settings(self, settings: Settings) -> Network:
        """The same data under other settings, keeping what the loader handed over.

        Examples
        --------
        >>> net = Network(pd.DataFrame({"id": ["me"], "name": ["Me"]}), pd.DataFrame())
        >>> net.with_settings(net.settings.replace(owner="me")).owner
        'me'
        """
        moved = Network(self.contacts, self.interactions, settings, self.path)
        for key in (PERSON_CODES, CHAPTER):
            if key in self._cache:
                moved.remember(key, self._cache[key])
        return moved

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
        return self.with_settings(self.settings.replace(owner=owner))

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

    def resolve_contact(self, text: str, *, role: str = "contact") -> str:
        """The contact id ``text`` means: an id, a name, or a unique close match of a name.

        :meth:`match_contact` says, besides, how the name was found.

        Tried in order: the exact id; the id ignoring case, when only one id
        folds to it ("C0001" for "c0001"); the exact name, ignoring case;
        "me" or "myself" for the owner; the name ignoring case and accents
        ("zoe bronte" for "Zoë Brontë", as people type it); a name that is a
        unique close match, accents ignored (rapidfuzz ``WRatio`` of at least
        85, so "catherine wels" finds "Catherine Wells" and "Zoe Bronte" "Zoë
        Brontë").

        Parameters
        ----------
        text : str
            What the user typed.
        role : str
            What the contact is for, named in errors ("source", "asker", ...).

        Returns
        -------
        str
            The contact id.

        Raises
        ------
        ContactNotFoundError
            When nothing matches, or when several people do (the message lists
            them as ``id (name)``).

        Examples
        --------
        >>> net = Network(pd.DataFrame({"id": ["cw", "cw2", "al"], "name": [
        ...     "Catherine Wells", "Catherine Walsh", "Ann Lee"]}), pd.DataFrame())
        >>> net.resolve_contact("al"), net.resolve_contact("ANN LEE"), net.resolve_contact("Ann Le")
        ('al', 'al', 'al')
        >>> net.resolve_contact("CW2"), net.resolve_contact("Catherine Wélls")
        ('cw2', 'cw')
        """
        return self.match_contact(text, role=role).id

    def match_contact(self, text: str, *, role: str = "contact") -> ContactMatch:
        """The contact ``text`` means, and how it was found (see :meth:`resolve_contact`).

        A name found only by a close match ("Mark Elison" for Mark Ellison) is
        a guess the user should hear about: the command line says so on
        standard error (``match.close`` and ``match.note``).

        Parameters
        ----------
        text : str
            What the user typed.
        role : str
            What the contact is for, named in errors ("source", "asker", ...).

        Returns
        -------
        ContactMatch
            The id, what was typed and how it matched: ``"id"``, ``"id case"``,
            ``"name"`` (ignoring case), ``"owner"`` ("me"), ``"folded name"``
            (accents ignored too) or ``"close"``.

        Raises
        ------
        ContactNotFoundError
            As :meth:`resolve_contact`.

        Examples
        --------
        >>> net = Network(pd.DataFrame({"id": ["c012", "al"], "name": [
        ...     "Mark Ellison", "Ann Lee"]}), pd.DataFrame())
        >>> match = net.match_contact("Mark Elison")
        >>> match.id, match.close, match.note
        ('c012', True, 'taking "Mark Elison" as Mark Ellison (c012)')
        >>> net.match_contact("ann lee").close
        False
        """
        typed = str(text)
        text = typed.strip()

        def found(contact: str, how: str) -> ContactMatch:
            return ContactMatch(id=contact, typed=typed, name=self.name_of(contact), how=how)

        if text in self._ids:
            return found(text, "id")
        ids = self.contacts["id"].to_numpy(dtype=object)
        names = self.contacts["name"].astype(str).to_numpy(dtype=object)
        folded = text.casefold()
        same_id = [i for i in ids if str(i).casefold() == folded]
        if len(same_id) == 1:
            return found(same_id[0], "id case")
        exact = [i for i, name in zip(ids, names, strict=True) if name.casefold() == folded]
        if len(exact) == 1:
            return found(exact[0], "name")
        if not exact and folded in _OWNER_WORDS and self.owner in self._ids:
            return found(self.owner, "owner")  # "me" typed where the owner's id is another (m01)
        plain = fold_name(text)
        plain_names = [fold_name(name) for name in names]
        if not exact:
            exact = [i for i, name in zip(ids, plain_names, strict=True) if name == plain]
            if len(exact) == 1:
                return found(exact[0], "folded name")
        if not exact:
            scores = process.cdist([plain], plain_names, scorer=fuzz.WRatio)[0]
            close = np.flatnonzero(scores >= _CLOSE_NAME)
            if len(close) == 1:
                return found(ids[close[0]], "close")
            if not len(close):
                raise ContactNotFoundError(
                    f"{role} {text!r} is not a contact id or name of this network")
            exact = list(ids[close[np.argsort(-scores[close], kind="stable")]])
        shown = ", ".join(f"{i} ({self.name_of(i)})" for i in exact[:8])
        more = f" and {len(exact) - 8} more" if len(exact) > 8 else ""
        raise ContactNotFoundError(
            f"{role} {text!r} matches several contacts: {shown}{more}; give the id")

    @property
    def _ids(self) -> set[str]:
        return self.cached("ids", lambda: set(self.contacts["id"]))

    def name_of(self, contact_id: str) -> str:
        """Display name of a contact (the id itself if unknown)."""
        names = self.cached("names", lambda: dict(zip(self.contacts["id"].tolist(),
                                                      self.contacts["name"].tolist(),
                                                      strict=True)))
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

    def kept(self, key: Hashable, default: Any = None) -> Any:
        """The value kept under ``key``, or ``default`` when nothing is (computes nothing).

        Examples
        --------
        >>> net = Network(pd.DataFrame(), pd.DataFrame())
        >>> net.kept(("answer",)), net.cached(("answer",), lambda: 42), net.kept(("answer",))
        (None, 42, 42)
        """
        return self._cache.get(key, default)

    def remember(self, key: Hashable, value: Any) -> None:
        """Keep ``value`` under ``key``, replacing what was kept before.

        For values computed elsewhere, such as the people codes the loader
        already has (see :func:`refgraph.model.people.remember_person_codes`).

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
            The moment; defaults to the network's "now" (see :meth:`resolve_as_of`).

        Raises
        ------
        KeyError
            When no builder has that name.
        """
        stamp = self.resolve_as_of(as_of)
        builder = BUILDERS[name]
        return self.cached((name, stamp), lambda: builder(self, stamp))

    def ties(self, as_of: object = None, *, names: bool = False) -> pd.DataFrame:
        """Per-pair tie table as of a moment; see :func:`refgraph.model.ties.tie_table`.

        With ``names=True`` the display names ``u_name`` and ``v_name`` stand
        beside the ids ``u`` and ``v`` (a copy; the cached table is unchanged).

        Examples
        --------
        >>> net = Network(pd.DataFrame({"id": ["a", "b"], "name": ["Ann", "Bob"]}),
        ...     pd.DataFrame({"date": pd.to_datetime(["2024-01-05"], utc=True),
        ...                   "source": ["a"], "target": ["b"], "kind": ["call"]}))
        >>> net.ties(names=True)[["u", "u_name", "v", "v_name"]].values.tolist()
        [['a', 'Ann', 'b', 'Bob']]
        """
        table = self.derived("ties", as_of)
        if not names:
            return table
        out = table.copy()
        lookup = pd.Series(self.contacts["name"].to_numpy(dtype=object),
                           index=self.contacts["id"].to_numpy(dtype=object))
        for side in ("v", "u"):
            named = out[side].map(lookup)
            out.insert(out.columns.get_loc(side) + 1, f"{side}_name",
                       named.where(named.notna(), out[side]))
        return out

    def flows(self, as_of: object = None) -> pd.DataFrame:
        """Directed flow table as of a moment; see :func:`refgraph.model.ties.flow_table`."""
        return self.derived("flows", as_of)

    def graph(self, as_of: object = None) -> nx.Graph:
        """The undirected decayed-strength graph; see :func:`refgraph.model.graph.build_graph`."""
        return self.derived("graph", as_of)

    def flow_graph(self, as_of: object = None) -> nx.DiGraph:
        """The directed flow graph; see :func:`refgraph.model.graph.build_flow_graph`."""
        return self.derived("flow_graph", as_of)


def require_network(value: Any) -> Network:
    """``value`` itself when it is a :class:`Network`, else a clear error saying how to get one.

    Examples
    --------
    >>> require_network(3)
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: expected a Network, got int 3
    """
    if isinstance(value, Network):
        return value
    hint = ""
    if isinstance(value, str | os.PathLike):
        hint = f"; read the folder first: network = refgraph.load_network({str(value)!r})"
    raise RefgraphError(f"expected a Network, got {type(value).__name__} {value!r}{hint}")
