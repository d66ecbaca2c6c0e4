"""Network statistics: size, stages, leaders, brokers, communities and the ledger.

"Where does my business come from, and who are the connectors?" :func:`stats`
gathers, as of one moment, the measures of :mod:`refgraph.insight.centrality`
(weighted degree, PageRank, betweenness), :mod:`refgraph.insight.communities`
(Louvain communities without the owner, brokers) and
:mod:`refgraph.insight.ledger` (the social-capital ledger), and compares them
with the same numbers one calendar month earlier
(:mod:`refgraph.insight.changes`). The result is plain data; its terminal and
HTML views are in :mod:`refgraph.show.stats`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.insight.centrality import MEASURES, ranked
from refgraph.insight.changes import (
    leaders_then_and_now,
    listed_communities,
    month_changes,
    snapshots,
)
from refgraph.insight.communities import communities as communities
from refgraph.insight.ledger import ledger
from refgraph.insight.monthly import fading_ties as fading_ties
from refgraph.insight.monthly import monthly_activity as monthly_activity
from refgraph.insight.monthly import previous_month
from refgraph.insight.standing import owner_standing
from refgraph.io.progress import Progress, steps
from refgraph.model.network import Network, require_network
from refgraph.results import Result, format_date, json_ready

# communities, fading_ties, ledger and monthly_activity are importable from here
# too, where the report, charts and pictures have always found them.
__all__ = ["STATS_STEPS", "StatsResult", "communities", "fading_ties", "ledger",
           "monthly_activity", "stats"]

#: The steps of :func:`stats`'s progress bar.
STATS_STEPS: tuple[str, ...] = (
    "ties, centrality, communities, brokers, ledger (now and a month before)", "leaders",
    "changes")


@dataclass(eq=False)
class StatsResult(Result):
    """Network statistics as of a moment, with changes against the previous month.

    Attributes
    ----------
    owner, as_of, previous_as_of
        Whose network, the moment, and the moment compared with.
    contacts, contacts_with_ties, interactions, ties
        Size: every contact, those with at least one tie, interactions logged
        up to ``as_of`` (in ``interactions.csv`` or as a chapter's slips),
        ties (pairs who interacted).
    meeting_contacts : int
        The ``event`` contacts a chapter's attendance adds between members in
        the room together (0 for a network that is not a chapter).
    stages : dict
        Ties per VCP stage.
    flows : dict
        Referrals, introductions, business (counts) and business value given
        in the whole network up to ``as_of``.
    leaders : DataFrame
        :func:`~refgraph.insight.centrality.leaders` plus ``previous_rank`` and
        ``previous_value`` and, with an owner, ``owner_stage`` (the stage of
        the owner's tie with them, or ``no tie``) and
        ``owner_doubted_character`` (the owner's character rating when at or
        below ``ask.character_gate``; see
        :func:`~refgraph.insight.standing.owner_standing`).
    betweenness_sample : int or None
        Sources sampled to estimate betweenness; ``None`` when exact.
    brokers, communities, ledger : DataFrame
        See :func:`~refgraph.insight.communities.brokers` (plus the owner's
        ``owner_stage`` and ``owner_doubted_character``, as the leaders),
        :func:`~refgraph.insight.communities.communities` (only those of at least
        ``stats.min_community_size`` members) and
        :func:`~refgraph.insight.ledger.ledger`.
    owner_centrality : dict
        The owner's value and rank (among everyone, owner included) per measure.
    changes : dict
        Headline numbers now minus a month earlier (see :meth:`to_dict`).
    owner_name : str or None
        The owner's display name.
    member_names : dict
        Names of the communities' core members, for the text view.
    """

    owner: str | None
    as_of: pd.Timestamp
    contacts: int
    interactions: int
    ties: int
    stages: dict[str, int] = field(default_factory=dict)
    contacts_with_ties: int = 0
    previous_as_of: pd.Timestamp | None = None
    flows: dict[str, float] = field(default_factory=dict)
    leaders: pd.DataFrame = field(default_factory=pd.DataFrame)
    betweenness_sample: int | None = None
    brokers: pd.DataFrame = field(default_factory=pd.DataFrame)
    communities: pd.DataFrame = field(default_factory=pd.DataFrame)
    ledger: pd.DataFrame = field(default_factory=pd.DataFrame)
    owner_centrality: dict[str, dict[str, float]] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    owner_name: str | None = None
    member_names: dict[str, str] = field(default_factory=dict, repr=False)
    title: str = "Network statistics"
    meeting_contacts: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph stats`` (documented in the README).

        ``changes`` holds ``previous_as_of``; ``size``, ``stages`` and
        ``flows`` as differences (now minus then); ``communities`` (change in
        the number listed); for ``leaders`` (per measure) and ``brokers``
        the ids that ``entered`` or ``left`` the list; and ``ledger``, one row
        per contact whose ledger moved, with the change of each count and
        value (and of ``reciprocity``, ``None`` for someone new to the ledger).
        """
        leaders_out: dict[str, list] = {}
        for measure in MEASURES:
            part = self.leaders[self.leaders["measure"] == measure] if len(self.leaders) \
                else self.leaders
            leaders_out[measure] = [
                {"id": row.id, "name": row.name, "value": row.value, "rank": row.rank,
                 "previous_rank": row.previous_rank, "previous_value": row.previous_value,
                 "owner_stage": getattr(row, "owner_stage", None),
                 "owner_doubted_character": _rating(getattr(row, "owner_doubted_character",
                                                            None))}
                for row in part.itertuples(index=False)
            ]
        return {
            "owner": self.owner,
            "as_of": self.as_of,
            "previous_as_of": self.previous_as_of,
            "size": self.size,
            "stages": dict(self.stages),
            "flows": dict(self.flows),
            "leaders": leaders_out,
            "owner_centrality": self.owner_centrality or None,
            "betweenness_sample": self.betweenness_sample,
            "brokers": [{**record, "owner_doubted_character": _rating(
                record.get("owner_doubted_character"))} if "owner_doubted_character" in record
                else record for record in self.brokers.to_dict("records")],
            "communities": self.communities.to_dict("records"),
            "ledger": self.ledger.to_dict("records"),
            "changes": self.changes,
        }

    @property
    def size(self) -> dict[str, int]:
        """The size part of the JSON contract.

        ``contacts``, ``contacts_with_ties``, ``interactions`` (logged),
        ``meeting_contacts`` (from a chapter's attendance), ``ties``,
        ``communities``.
        """
        return {"contacts": self.contacts, "contacts_with_ties": self.contacts_with_ties,
                "interactions": self.interactions, "meeting_contacts": self.meeting_contacts,
                "ties": self.ties,
                "communities": len(self.communities)}

    def to_frame(self) -> pd.DataFrame:
        """The connectors, one row per measure and rank (the CSV view).

        Columns ``measure`` (``degree``, ``pagerank``, ``betweenness`` or
        ``broker``), ``rank``, ``id``, ``name``, ``value`` (a broker's score)
        and ``previous_rank`` (rank a month earlier; empty for brokers).
        """
        columns = ["measure", "rank", "id", "name", "value", "previous_rank"]
        parts = [self.leaders[columns]] if len(self.leaders) else []
        if len(self.brokers):
            parts.append(pd.DataFrame({
                "measure": "broker", "rank": np.arange(1, len(self.brokers) + 1),
                "id": self.brokers["id"], "name": self.brokers["name"],
                "value": self.brokers["score"], "previous_rank": pd.NA}))
        if not parts:
            return pd.DataFrame(columns=columns)
        out = pd.concat(parts, ignore_index=True)
        out["previous_rank"] = out["previous_rank"].astype("Int64")
        return out

    def _repr_html_(self) -> str:
        # Jupyter: the moment and the connectors table. The full view with every
        # section is refgraph.show.stats.to_html (rendering lives in show).
        heading = html.escape(f"{self.title} as of {format_date(self.as_of)}")
        return f"<h4>{heading}</h4>\n" + self.to_frame().to_html(index=False, escape=True,
                                                                 na_rep="")


def stats(network: Network, *, as_of: object = None, progress: Progress = None) -> StatsResult:
    """Size, stages, leaders, brokers, communities and the ledger, vs the previous month.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        Evaluate as of this moment; defaults to the latest interaction. The
        comparison is with one calendar month earlier (see
        :func:`previous_month`).
    progress : bool, optional
        Show a progress bar over :data:`STATS_STEPS` on standard error; by
        default only when standard error is a terminal.

    Returns
    -------
    StatsResult
        ``to_dict()`` is the JSON contract of ``refgraph stats``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> result = stats(refgraph.load_network((contacts, interactions)))
    >>> result.stages, result.changes["stages"]["visibility"]
    ({'visibility': 1, 'credibility': 0, 'profitability': 0}, 1)
    """
    network = require_network(network)
    with steps(STATS_STEPS, "stats", enabled=progress) as bar:
        return _stats(network, network.resolve_as_of(as_of), bar)


def _rating(value: Any) -> int | None:
    """A 1-5 rating as a plain int, None when there is none (NaN is not JSON)."""
    return None if value is None or pd.isna(value) else int(value)


def _with_standing(frame: pd.DataFrame, standing: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (leaders or brokers) with the owner's ``owner_stage`` and doubt per ``id``."""
    if frame.empty:
        return frame.assign(owner_stage=pd.Series(dtype=object),
                            owner_doubted_character=pd.Series(dtype=float))
    ids = frame["id"].to_numpy(dtype=object)
    return frame.assign(
        owner_stage=standing["stage"].reindex(ids).to_numpy(dtype=object),
        owner_doubted_character=standing["doubted_character"].reindex(ids).to_numpy())


def _stats(network: Network, stamp: pd.Timestamp, bar) -> StatsResult:
    """:func:`stats`'s work, one step of ``bar`` at a time."""
    earlier = previous_month(stamp)
    options = network.settings.stats
    owner = network.owner
    # Both moments at once: their betweenness is counted side by side.
    now, then = snapshots(network, [stamp, earlier])
    bar.step()
    top = leaders_then_and_now(now, then, owner, options.top)
    if len(top):
        # Betweenness 0 means nobody's shortest paths pass through them: ranking
        # such people (alphabetically, on a tie) would name brokers who are not.
        top = top[~((top["measure"] == "betweenness") & (top["value"] <= 0))]
        top = top.reset_index(drop=True)
    bar.step()
    brokers_now = now.brokers
    if owner is not None:
        # A connector is worth to you what your own tie with them is: each
        # leader and broker carries its stage and a character you doubt.
        standing = owner_standing(network, [*top.get("id", []), *brokers_now.get("id", [])],
                                  as_of=stamp)
        top = _with_standing(top, standing)
        brokers_now = _with_standing(brokers_now, standing)
    ledger_now = now.ledger
    changes = month_changes(now, then, leaders_now=top, ledgers=(ledger_now, then.ledger),
                            owner=owner, limit=options.top,
                            min_community_size=options.min_community_size)

    owner_centrality: dict[str, dict[str, float]] = {}
    if owner is not None and owner in now.table.index:
        for measure in MEASURES:
            order = ranked(now.table, measure).index
            owner_centrality[measure] = {"value": float(now.table.at[owner, measure]),
                                         "rank": int(order.get_loc(owner)) + 1}

    groups_now = listed_communities(now.groups, options.min_community_size)
    member_names: dict[str, str] = {}
    if len(groups_now):
        names = now.table["name"]
        member_names = {m: str(names.get(m, m))
                        for members in groups_now["members"] for m in members[:3]}
    result = StatsResult(
        owner=owner,
        as_of=stamp,
        contacts=len(network.contacts),
        interactions=now.interactions,
        meeting_contacts=now.meeting_contacts,
        ties=now.ties,
        stages=now.stages,
        contacts_with_ties=now.contacts_with_ties,
        previous_as_of=earlier,
        flows=now.flows,
        leaders=top,
        betweenness_sample=now.table.attrs.get("betweenness_sample"),
        brokers=brokers_now,
        communities=groups_now.reset_index(drop=True),
        ledger=ledger_now,
        owner_centrality=owner_centrality,
        changes=json_ready(changes),
        owner_name=network.name_of(owner) if owner is not None else None,
        member_names=member_names,
    )
    bar.step()
    return result
