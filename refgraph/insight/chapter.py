"""The chapter view of a network: flows between members, gaps and risks.

Seen as a chapter's leadership team sees it, over the scorecard's period:

* **flows**: who refers whom between members (referrals and TYFCB);
* **members nobody refers**: no referral received in the period;
* **missing categories**: professions that no current member's category,
  profession or services covers, ranked by the situations of the needs
  taxonomy they serve that no member serves (then by all they serve);
* **members at risk**: points fallen by ``scorecard.risk_drop`` or more,
  ``scorecard.risk_absences`` absences or more, or no 1-to-1 in the period;
* **members who left**: those whose membership ended by ``as_of``, with the
  date. They are no longer members, so none of the lists above names them;
* **communities** of members who work together (referrals and 1-to-1s both
  ways), named by the professions at their centre, e.g. "Estate agent,
  Mortgage broker and Conveyancing solicitor".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from refgraph.insight.communities import communities
from refgraph.insight.scorecard import ScorecardResult, chapter_data, scorecard
from refgraph.judge.needs import needs_taxonomy
from refgraph.model.network import Network, require_network
from refgraph.results import Result, format_date

#: Professions named in a community's name: three say "what this group does".
NAME_PROFESSIONS = 3


def readable_list(words: list[str]) -> str:
    """Words joined as a person writes them.

    Examples
    --------
    >>> readable_list(["Estate agent", "Mortgage broker", "Conveyancing solicitor"])
    'Estate agent, Mortgage broker and Conveyancing solicitor'
    >>> readable_list(["Florist"])
    'Florist'
    """
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


@dataclass
class ChapterView(Result):
    """Flows, gaps and risks of a chapter (see :func:`chapter_view`).

    Attributes
    ----------
    card : ScorecardResult
        The scorecard the view is built on.
    flows : DataFrame
        ``giver``, ``giver_name``, ``receiver``, ``receiver_name``,
        ``referrals``, ``tyfcb``: between members, in the period.
    unreferred, missing_categories, at_risk, communities : list of dict
        See the module documentation.
    departed : list of dict
        ``member``, ``name``, ``left`` (the date): members scored in the
        period who have left the chapter since.
    """

    card: ScorecardResult
    flows: pd.DataFrame = field(default_factory=pd.DataFrame)
    unreferred: list[dict[str, Any]] = field(default_factory=list)
    missing_categories: list[dict[str, Any]] = field(default_factory=list)
    at_risk: list[dict[str, Any]] = field(default_factory=list)
    communities: list[dict[str, Any]] = field(default_factory=list)
    departed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:  # type: ignore[override]
        """The heading: the period the view covers."""
        return (f"Chapter view {format_date(self.card.start)} to "
                f"{format_date(self.card.end)}")

    def to_dict(self) -> dict[str, Any]:
        """JSON contract (see docs/chapter.md)."""
        return {"period": {"start": self.card.start, "end": self.card.end},
                "flows": self.flows.to_dict("records"), "unreferred": self.unreferred,
                "missing_categories": self.missing_categories, "at_risk": self.at_risk,
                "communities": self.communities, "departed": self.departed}

    def to_frame(self) -> pd.DataFrame:
        """The flows between members."""
        return self.flows.copy()


def _flows(network: Network, members: set[str], start, end) -> pd.DataFrame:
    rows = network.interactions
    rows = rows[rows["date"].between(start, end) & rows["source"].isin(members)
                & rows["target"].isin(members) & rows["kind"].isin(["referral", "business"])]
    table = rows.assign(referral=(rows["kind"] == "referral").astype(int),
                        tyfcb=rows["value"].where(rows["kind"] == "business", 0.0).fillna(0.0))
    flows = table.groupby(["source", "target"], as_index=False).agg(
        referrals=("referral", "sum"), tyfcb=("tyfcb", "sum"))
    flows = flows.rename(columns={"source": "giver", "target": "receiver"})
    flows.insert(1, "giver_name", [network.name_of(m) for m in flows["giver"]])
    flows.insert(3, "receiver_name", [network.name_of(m) for m in flows["receiver"]])
    return flows.sort_values(["referrals", "tyfcb", "giver", "receiver"],
                             ascending=[False, False, True, True]).reset_index(drop=True)


def _missing(network: Network, card: ScorecardResult, top: int) -> list[dict[str, Any]]:
    # A seat whose member has left is empty again.
    seated = card.members[~card.has_left().to_numpy()]
    members = seated["member"].tolist()
    contacts = network.contacts.set_index("id").reindex(members)
    covered = " | ".join(
        " ".join(str(contacts[c].fillna("").iloc[i]) for c in ("profession", "services")
                 if c in contacts) + " " + str(seated["category"].iloc[i])
        for i in range(len(members))).lower()
    named: dict[str, list[str]] = {}
    served: set[str] = set()
    for need in needs_taxonomy(network.settings).values():
        for profession in need.professions:
            named.setdefault(profession.lower(), []).append(need.name)
            if profession.lower() in covered:
                served.add(need.name)
    # A seat is worth filling for the situations no member serves: a chapter
    # with an accountant lacks no "chartered accountant", one with no
    # employment lawyer and no HR consultant does.
    seats = [(profession, needs, {need for need in needs if need not in served})
             for profession, needs in named.items() if profession not in covered]
    seats.sort(key=lambda seat: (-len(seat[2]), -len(seat[1]), seat[0]))
    # One seat per gap: "asset finance" fills no gap that "commercial finance
    # broker", listed before it, leaves open.
    kept: list[dict[str, Any]] = []
    gaps: list[set[str]] = []
    for profession, needs, gap in seats:
        if gap and not any(gap <= other for other in gaps):
            kept.append({"profession": profession, "situations": len(needs),
                         "unserved": len(gap),
                         "examples": sorted(needs, key=lambda n: (n in served, n))[:3]})
            gaps.append(gap)
    return kept[:top]


def _communities(network: Network, card: ScorecardResult, members: set[str]) -> list[dict]:
    rows = network.interactions
    rows = rows[rows["date"].between(card.previous_start, card.end)
                & rows["kind"].isin(["referral", "business", "one_to_one"])
                & rows["source"].isin(members) & rows["target"].isin(members)]
    pairs = rows.assign(a=rows[["source", "target"]].min(axis=1),
                        b=rows[["source", "target"]].max(axis=1)).groupby(["a", "b"]).size()
    graph = nx.Graph()
    graph.add_weighted_edges_from(((a, b, float(n)) for (a, b), n in pairs.items()),
                                  weight="strength")
    found = communities(graph, settings=network.settings, exclude=[])
    professions = card.members.set_index("member")["category"]
    out = []
    for group in found["members"]:
        if len(group) < network.settings.stats.min_community_size:
            continue
        named = [professions.get(m) or network.name_of(m) for m in group[:NAME_PROFESSIONS]]
        out.append({"name": readable_list(named), "size": len(group),
                    "members": list(group)})
    return out


def chapter_view(network: Network, *, months: int | None = None,
                 as_of: object = None) -> ChapterView:
    """Flows between members, members nobody refers, missing categories and risks.

    Parameters
    ----------
    network : Network
        A chapter network.
    months : int, optional
        Months per period (default ``scorecard.months``).
    as_of : str, date or Timestamp, optional
        As for :func:`refgraph.scorecard`.

    Returns
    -------
    ChapterView
        The view, with the scorecard it was built on.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network({
    ...     "contacts": pd.DataFrame({"id": ["a", "b"], "name": ["Ann", "Bob"],
    ...                               "profession": ["Plumber", "Accountant"]}),
    ...     "interactions": pd.DataFrame({"date": ["2024-03-01"], "source": ["a"],
    ...                                   "target": ["b"], "kind": ["referral"]}),
    ...     "members": pd.DataFrame({"member": ["a", "b"], "joined": ["2023-01-01"] * 2})})
    >>> view = chapter_view(net, months=1, as_of="2024-03-31")
    >>> [m["name"] for m in view.unreferred]
    ['Ann']
    """
    network = require_network(network)
    card = scorecard(network, months=months, as_of=as_of)
    settings = network.settings.scorecard
    chapter_data(network)
    members = set(card.members["member"])
    gone = card.has_left().to_numpy()
    # Someone who has left is at no risk and waits for no referral: the
    # leadership team can do nothing for them, and listing them misleads.
    staying = card.members[~gone]
    unreferred = staying[staying["referrals_received"] == 0]
    departed = [{"member": row["member"], "name": row["name"], "left": row["left"]}
                for row in card.members[gone].sort_values(["left", "member"])
                .to_dict("records")]
    at_risk = []
    for row in staying.to_dict("records"):
        reasons = []
        if pd.notna(row["change"]) and row["change"] <= -settings.risk_drop:
            reasons.append(f"points fell by {-row['change']:g} to {row['total']:g}")
        if row["absent"] >= settings.risk_absences:
            absent = int(row["absent"])  # risk_absences may be set as low as 1
            reasons.append(f"{absent} absence{'' if absent == 1 else 's'}")
        if row["one_to_ones"] == 0:
            reasons.append("no 1-to-1s")
        if reasons:
            at_risk.append({"member": row["member"], "name": row["name"],
                            "colour": row["colour"], "total": row["total"],
                            "reasons": reasons})
    at_risk.sort(key=lambda r: (-len(r["reasons"]), r["total"], r["member"]))
    return ChapterView(
        card=card, flows=_flows(network, members, card.start, card.end),
        unreferred=[{"member": m, "name": n, "category": c} for m, n, c in zip(
            unreferred["member"], unreferred["name"], unreferred["category"], strict=True)],
        missing_categories=_missing(network, card, settings.missing_top),
        at_risk=at_risk, communities=_communities(network, card, members),
        departed=departed)
