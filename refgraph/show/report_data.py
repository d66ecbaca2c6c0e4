"""The numbers of one month's report, gathered from refgraph's results.

A month's numbers are computed from the network **cut at the end of that
month**: interactions after the last moment of the month are removed before
anything is computed, so a report never changes when later data arrives.

What is gathered (rendered by :mod:`refgraph.show.report`):

1. headline numbers against the previous month (:func:`monthly_activity`);
2. referrals and business given and received during the month (every pair,
   referrals and introductions first; the page shows the first of each
   direction);
3. new contacts and ties whose VCP stage changed during the month;
4. the connectors: leaders and brokers, from the :class:`StatsResult` of
   :func:`refgraph.stats`;
5. fading relationships (:func:`fading_ties`) and this month's nurture list
   (the rows of the :class:`NurtureResult` of :func:`refgraph.nurture`).

Every section is plain values (text already formatted), ready for the
template. Without an owner the numbers describe the whole network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.insight.monthly import previous_month
from refgraph.insight.standing import owner_standing
from refgraph.insight.stats import fading_ties, monthly_activity, stats
from refgraph.io.chapter import from_attendance
from refgraph.io.progress import Progress, steps
from refgraph.io.settings import STAGES
from refgraph.judge.nurture import nurture
from refgraph.model.network import Network
from refgraph.model.people import network_person_codes, remember_person_codes
from refgraph.results import format_date

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


# --------------------------------------------------------------------------- months


def parse_month(month: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and the last moment (UTC) of a ``YYYY-MM`` month.

    Parameters
    ----------
    month : str
        A month such as ``"2024-03"``.

    Returns
    -------
    (Timestamp, Timestamp)
        Midnight on the 1st, and the last microsecond of the month.

    Raises
    ------
    RefgraphError
        When ``month`` is not ``YYYY-MM``.

    Examples
    --------
    >>> start, end = parse_month("2024-02")
    >>> start.isoformat(), end.isoformat()
    ('2024-02-01T00:00:00+00:00', '2024-02-29T23:59:59.999999+00:00')
    """
    text = str(month).strip() if month is not None else ""
    if not _MONTH.match(text):
        raise RefgraphError(f"month {month!r} is not a month; expected YYYY-MM, e.g. 2024-03")
    start = pd.Timestamp(f"{text}-01", tz="UTC")
    end = start + pd.offsets.MonthBegin(1) - pd.Timedelta(microseconds=1)
    return start, end


def month_of(stamp: pd.Timestamp) -> str:
    """``YYYY-MM`` of a timestamp.

    Examples
    --------
    >>> month_of(pd.Timestamp("2024-03-09", tz="UTC"))
    '2024-03'
    """
    return f"{stamp.year:04d}-{stamp.month:02d}"


def history_months(network: Network) -> list[str]:
    """Every month from the first to the last interaction, oldest first.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"]}),
    ...     pd.DataFrame({"date": ["2024-01-31", "2024-03-01"], "source": ["a", "a"],
    ...                   "target": ["b", "b"], "kind": ["call", "call"]})))
    >>> history_months(net)
    ['2024-01', '2024-02', '2024-03']
    """
    dates = network.interactions["date"]
    if dates.empty:
        return []
    first, last = dates.min(), dates.max()
    periods = pd.period_range(month_of(first), month_of(last), freq="M")
    return [str(period) for period in periods]


def cut_at(network: Network, end: pd.Timestamp) -> Network:
    """The network with every interaction after ``end`` removed.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"]}),
    ...     pd.DataFrame({"date": ["2024-01-31", "2024-03-01"], "source": ["a", "a"],
    ...                   "target": ["b", "b"], "kind": ["call", "call"]})))
    >>> len(cut_at(net, parse_month("2024-02")[1]).interactions)
    1
    """
    keep = (network.interactions["date"] <= end).to_numpy()
    if keep.all():  # nothing to cut: keep the caches too
        return network
    cut = Network(network.contacts, network.interactions[keep].reset_index(drop=True),
                  network.settings, network.path)
    # The kept rows' people codes are the network's: no id is hashed again.
    people, sources, targets = network_person_codes(network)
    remember_person_codes(cut, (people, sources[keep], targets[keep]))
    return cut


# --------------------------------------------------------------------------- sections


def _owner_ties(ties: pd.DataFrame, owner: str | None) -> pd.DataFrame:
    """The owner's ties with ``other`` naming the other person (all ties without owner)."""
    if owner is None:
        return ties.assign(other=ties["v"])
    mine = ties[(ties["u"] == owner) | (ties["v"] == owner)]
    return mine.assign(other=np.where(mine["u"] == owner, mine["v"], mine["u"]))


#: Headline rows: (label with an owner, label without, column of monthly_activity).
#: With an owner every number is the owner's own, and says so: ``refgraph stats``
#: counts the whole network's interactions and ties, and "Ties at credibility
#: 18" beside its "credibility 72" would read as a contradiction.
_HEADLINE: tuple[tuple[str, str | None, str], ...] = (
    ("Your interactions logged", "Interactions logged", "interactions"),
    ("Your contacts from chapter meetings", "Contacts from chapter meetings",
     "meeting_contacts"),
    ("New contacts", "New people", "new_contacts"),
    ("Referrals you gave", "Referrals passed", "referrals_given"),
    ("Referrals you received", None, "referrals_received"),
    ("Introductions you made", "Introductions made", "introductions_given"),
    ("Introductions made for you", None, "introductions_received"),
    ("Business you gave (value)", "Business closed (value)", "business_value_given"),
    ("Business you received (value)", None, "business_value_received"),
    ("Your ties at credibility", "Ties at credibility", "credibility"),
    ("Your ties at profitability", "Ties at profitability", "profitability"),
)


def _first_month_on_record(cut: Network, start: pd.Timestamp) -> bool:
    """Whether nothing was recorded before ``start``: no previous month to compare with."""
    dates = cut.interactions["date"]
    return dates.empty or bool(dates.min() >= start)


def _headline(cut: Network, owner: str | None, start, end) -> list[dict[str, str]]:
    """The month's headline numbers against the previous month's (:func:`monthly_activity`).

    In the first month of the records there is no previous month to compare
    with: "last month 0 · +22" would read as growth, so the card says it is
    the first month on record instead.
    """
    activity = monthly_activity(cut, owner=owner, as_of=end, months=2)
    before, now = activity.iloc[0], activity.iloc[1]
    first_month = _first_month_on_record(cut, start)
    # A chapter's attendance adds contact between members in the room together;
    # it is shown apart from what was logged, and only for a chapter.
    chapter = bool(from_attendance(cut.interactions).any())
    rows = []
    for with_owner, without_owner, column in _HEADLINE:
        label = with_owner if owner is not None else without_owner
        if label is None:  # without an owner every flow is both given and received
            continue
        if column == "meeting_contacts" and not chapter:
            continue
        value, previous = float(now[column]), float(before[column])
        if first_month:
            rows.append({"label": label, "value": f"{value:,.0f}", "previous": None,
                         "change": "first month on record", "trend": "same"})
            continue
        delta = value - previous
        rows.append({
            "label": label, "value": f"{value:,.0f}", "previous": f"{previous:,.0f}",
            "change": "no change" if delta == 0 else f"{'+' if delta > 0 else '−'}"
                                                      f"{abs(delta):,.0f}",
            "trend": "up" if delta > 0 else ("down" if delta < 0 else "same"),
        })
    return rows


def _flows_in_month(cut: Network, owner: str | None, start, end) -> list[dict]:
    """Referrals, business and introductions passed during the month, one row per pair.

    Every pair is kept (the page lists the first :func:`_flow_tables` rows of
    each direction). Pairs that passed a referral or an introduction come
    first: they carry no value, and ordering by value alone would push the
    month's referrals below any number of thank-yous for business.
    """
    rows = cut.interactions[(cut.interactions["date"] >= start)
                            & (cut.interactions["date"] <= end)]
    rows = rows[rows["kind"].isin(["referral", "business", "introduction"])]
    if owner is not None:
        rows = rows[(rows["source"] == owner) | (rows["target"] == owner)]
    if rows.empty:
        return []
    kind = rows["kind"].astype(str)
    frame = pd.DataFrame({
        "source": rows["source"].to_numpy(dtype=object),
        "target": rows["target"].to_numpy(dtype=object),
        "referrals": (kind == "referral").to_numpy(dtype=np.int64),
        "business": (kind == "business").to_numpy(dtype=np.int64),
        "introductions": (kind == "introduction").to_numpy(dtype=np.int64),
        "value": np.where(kind == "business", rows["value"].fillna(0.0).to_numpy(), 0.0),
    })
    grouped = frame.groupby(["source", "target"], sort=True).sum().reset_index()
    grouped["passed"] = grouped["referrals"] + grouped["introductions"]
    grouped = grouped.sort_values(["passed", "value", "business", "source", "target"],
                                  ascending=[False, False, False, True, True])
    out = []
    for row in grouped.itertuples(index=False):
        if owner is not None:
            direction = "you gave" if row.source == owner else "gave you"
            person = row.target if row.source == owner else row.source
            who = cut.name_of(person)
        else:
            direction = "gave"
            who = f"{cut.name_of(row.source)} → {cut.name_of(row.target)}"
        out.append({"who": who, "direction": direction, "referrals": int(row.referrals),
                    "business": int(row.business), "introductions": int(row.introductions),
                    "value": f"{row.value:,.0f}" if row.value else ""})
    return out


#: The flow tables of a report with an owner: (title, direction of its rows).
_FLOW_TABLES: tuple[tuple[str, str], ...] = (("Given to you", "gave you"),
                                             ("You gave", "you gave"))


def _flow_tables(flows: list[dict], owner: str | None, top: int) -> list[dict]:
    """The flow rows as the page shows them: per direction, the first ``top`` of each.

    What the owner gave is listed apart from what they received, so a month
    of many thank-yous received never hides what they gave. Each table keeps
    ``more``, the rows left out, for its "and N more" line.

    Examples
    --------
    >>> rows = [{"direction": "gave you", "who": f"P{i}"} for i in range(3)]
    >>> rows.append({"direction": "you gave", "who": "Q"})
    >>> [(t["title"], len(t["rows"]), t["more"]) for t in _flow_tables(rows, "me", 2)]
    [('Given to you', 2, 1), ('You gave', 1, 0)]
    """
    groups = _FLOW_TABLES if owner is not None else (("", "gave"),)
    tables = []
    for title, direction in groups:
        rows = [row for row in flows if row["direction"] == direction]
        if rows:
            tables.append({"title": title, "rows": rows[:top],
                           "more": max(len(rows) - top, 0)})
    return tables


def _new_and_changed(cut: Network, owner: str | None, start, end, top: int):
    """New contacts of the month, and ties whose stage changed during it."""
    previous_end = start - pd.Timedelta(microseconds=1)
    ties_now = _owner_ties(cut.ties(end), owner)
    new = ties_now[(ties_now["first_contact"] >= start) & (ties_now["first_contact"] <= end)]
    new = new.sort_values(["strength", "other"], ascending=[False, True])

    def pair_name(row) -> str:
        if owner is not None:
            return cut.name_of(row.other)
        return f"{cut.name_of(row.u)} – {cut.name_of(row.v)}"

    shown = new.head(top)
    professions = cut.contacts.set_index("id")["profession"].reindex(shown["other"]) \
        if "profession" in cut.contacts and owner is not None else None
    new_rows = [{"name": pair_name(row),
                 "profession": "" if professions is None or pd.isna(professions.iloc[i])
                 else str(professions.iloc[i]),
                 "stage": row.stage, "interactions": int(row.interactions)}
                for i, row in enumerate(shown.itertuples(index=False))]

    before = _owner_ties(cut.ties(previous_end), owner)
    merged = ties_now.merge(before[["u", "v", "stage"]], on=["u", "v"], how="inner",
                            suffixes=("", "_before"))
    changed = merged[merged["stage"] != merged["stage_before"]].copy()
    rank = {stage: position for position, stage in enumerate(STAGES)}
    # Numbers even when no stage changed: an empty text column would stay text
    # (with pyarrow, pandas' Arrow strings), and text cannot be subtracted.
    changed["step"] = (changed["stage"].map(rank).astype("float64")
                       - changed["stage_before"].map(rank).astype("float64"))
    changed = changed.sort_values(["step", "strength", "other"], ascending=[False, False, True])
    changed_rows = [{"name": pair_name(row), "before": row.stage_before, "after": row.stage,
                     "direction": "up" if row.step > 0 else "down"}
                    for row in changed.head(top).itertuples(index=False)]
    return {"new": new_rows, "new_total": len(new), "changed": changed_rows,
            "changed_total": len(changed),
            "changed_up": int((changed["step"] > 0).sum()),
            "changed_down": int((changed["step"] < 0).sum())}


def _connectors(cut: Network, end, top: int, *, compared: bool = True) -> dict[str, Any]:
    """Leaders per centrality measure and brokers, from the :class:`StatsResult` of the cut.

    Each connector carries where the owner stands with them
    (:func:`refgraph.insight.standing.owner_standing`): the region's best
    connected person whose tie with you is only at visibility, or whose character you
    rated low, is no star to lean on, and the page says so beside the name.
    """
    result = stats(cut, as_of=end, progress=False)  # one step of the report's bar
    leaders = result.leaders
    shown_brokers = result.brokers.head(top)
    people = [*(leaders["id"] if len(leaders) else []), *shown_brokers.get("id", [])]
    standing = owner_standing(cut, people, as_of=end)
    # The length of the leader lists, as refgraph stats counts it for "(new)".
    listed = int(leaders["rank"].max()) if len(leaders) else 0
    boards = []
    for measure, title, heading, digits in (
            ("degree", "Most relationship strength", "strength", 1),
            ("pagerank", "Best connected", "PageRank", 3),
            ("betweenness", "On the most trusted paths", "betweenness", 3)):
        board = leaders[leaders["measure"] == measure] if len(leaders) else leaders
        rows = []
        for row in board.head(top).itertuples(index=False):
            before = row.previous_rank
            # As refgraph stats marks them: someone who was not on last month's
            # list is new to it, not "▲128" from a rank nobody saw; in the first
            # month on record there was no list, and nobody is marked.
            if not compared:
                move = ""
            elif before is None or pd.isna(before) or before > listed:
                move = "new"
            elif before == row.rank:
                move = "="
            else:
                move = f"{'▲' if before > row.rank else '▼'}{abs(before - row.rank)}"
            rows.append({"name": row.name, "value": f"{row.value:,.{digits}f}", "move": move,
                         "note": standing.at[row.id, "note"]})
        boards.append({"title": title, "measure": heading, "rows": rows})
    # The communities a broker is most tied into; the rest add little but length.
    brokers = [{"name": row.name, "bridges": "; ".join((row.bridges or [])[:3]),
                "stage": standing.at[row.id, "stage"], "doubt": standing.at[row.id, "doubt"],
                "note": standing.at[row.id, "note"]}
               for row in shown_brokers.itertuples(index=False)]
    noted = any(row["note"] for board in boards for row in board["rows"]) \
        or any(row["note"] for row in brokers)
    return {"leaders": boards, "brokers": brokers, "connectors_noted": noted,
            "brokers_more": max(len(result.brokers) - top, 0)}


def _fading(cut: Network, owner: str | None, end, top: int) -> dict[str, Any]:
    """Ties that lost most strength (see :func:`refgraph.insight.stats.fading_ties`).

    The ``top`` that lost most, how many others lost strength too, and the
    moment they are compared with: "stage then" means nothing to a reader who
    has just read last month's stage changes above it.
    """
    months = cut.settings.stats.fading_months
    frame = fading_ties(cut, owner=owner, as_of=end, months=months,
                        top=len(cut.interactions) + 1)
    rows = [{"name": row.name, "before": row.stage_before, "now": row.stage_now,
             "drop": f"{row.drop:,.1f}", "last": format_date(row.last_contact)}
            for row in frame.head(top).itertuples(index=False)]
    return {"rows": rows, "more": max(len(frame) - top, 0),
            "then": f"{months} month{'' if months == 1 else 's'} ago",
            "since": format_date(previous_month(end, months))}


def _nurture_list(cut: Network, owner: str | None, end, n: int) -> list[dict]:
    """The reconnect list at the end of the month (the rows of a :class:`NurtureResult`)."""
    if owner is None:
        return []
    listed = nurture(cut, owner=owner, as_of=end, n=n).contacts
    return [{"name": name, "why": reason}
            for name, reason in zip(listed["name"], listed["reason"], strict=True)]


@dataclass
class MonthlyReport:
    """Everything one monthly report shows, before it is rendered.

    Attributes
    ----------
    month : str
        ``YYYY-MM``.
    owner, owner_name : str or None
        Whose report it is (``None`` for a whole-network report).
    start, end : Timestamp
        First and last moment of the month; nothing after ``end`` was used.
    sections : dict
        The computed sections (plain values, ready for the template):
        :func:`gather_month` fills the numbers, and
        :func:`refgraph.show.report.build_report` adds the charts and the
        picture.
    """

    month: str
    owner: str | None
    owner_name: str | None
    start: pd.Timestamp
    end: pd.Timestamp
    sections: dict[str, Any] = field(default_factory=dict)


def month_network(network: Network, month: str, *, owner: str | None = None) -> Network:
    """The network a month's report is computed from: cut at the month's end.

    Parameters
    ----------
    network : Network
        A loaded network.
    month : str
        ``YYYY-MM``.
    owner : str, optional
        Whose report (default: the network's owner).

    Returns
    -------
    Network
        Seen from ``owner``, with every interaction after the month removed.
        Cutting it again at the same month gives the same object back.

    Raises
    ------
    RefgraphError
        For a malformed month, an unknown owner, or a month before any data.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"]}),
    ...     pd.DataFrame({"date": ["2024-01-31", "2024-03-01"], "source": ["a", "a"],
    ...                   "target": ["b", "b"], "kind": ["call", "call"]})))
    >>> cut = month_network(net, "2024-02")
    >>> len(cut.interactions), month_network(cut, "2024-02") is cut
    (1, True)
    """
    _, end = parse_month(month)
    network = network.with_owner(owner)
    if network.owner is not None:
        network.require_owner(network.owner)
    cut = cut_at(network, end)
    if cut.interactions.empty and len(network.interactions):
        # A month before the data starts is a mistake; a network without any
        # interactions yet (a fresh address-book import) gets its empty report.
        first = network.interactions["date"].min()
        raise RefgraphError(f"no interactions up to the end of {month}; the data starts in "
                            f"{month_of(first)}")
    return cut


#: The steps of :func:`gather_month`'s progress bar.
MONTH_STEPS: tuple[str, ...] = ("cutting the month", "headline numbers",
                                "referrals and business", "new contacts and stage changes",
                                "connectors", "fading relationships", "nurture list")


def gather_month(network: Network, month: str, *, owner: str | None = None,
                 progress: Progress = None) -> MonthlyReport:
    """Compute the numbers of one month's report from data up to its end.

    Parameters
    ----------
    network : Network
        A loaded network (or the :func:`month_network` of this month).
    month : str
        ``YYYY-MM``.
    owner : str, optional
        Whose report (default: the network's owner; none gives a whole-network
        report).
    progress : bool, optional
        Show a progress bar over :data:`MONTH_STEPS` on standard error (by
        default only when it is a terminal), or continue a caller's bar.

    Returns
    -------
    MonthlyReport
        Every section but the charts and the picture, which
        :func:`refgraph.show.report.build_report` adds.

    Raises
    ------
    RefgraphError
        For a malformed month, an unknown owner, or a month before any data.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05", "2024-02-01"], "source": ["me", "ann"],
    ...                   "target": ["ann", "me"], "kind": ["one_to_one", "referral"]})),
    ...     settings={"owner": "me"})
    >>> numbers = gather_month(net, "2024-02")
    >>> numbers.sections["flows"][0]["who"], numbers.sections["flows"][0]["direction"]
    ('Ann', 'gave you')
    """
    start, end = parse_month(month)
    with steps(MONTH_STEPS, "report", enabled=progress) as bar:
        cut = month_network(network, month, owner=owner)
        bar.step()
        owner = cut.owner
        top = cut.settings.report.top
        sections: dict[str, Any] = {"month_label": start.strftime("%B %Y"),
                                    "headline": _headline(cut, owner, start, end)}
        bar.step()
        sections["flows"] = _flows_in_month(cut, owner, start, end)
        sections["flow_tables"] = _flow_tables(sections["flows"], owner, top)
        bar.step()
        sections["changes"] = _new_and_changed(cut, owner, start, end, top)
        bar.step()
        sections.update(_connectors(cut, end, top,
                                    compared=not _first_month_on_record(cut, start)))
        bar.step()
        faded = _fading(cut, owner, end, top)
        sections["fading"], sections["fading_more"] = faded["rows"], faded["more"]
        sections["fading_then"], sections["fading_since"] = faded["then"], faded["since"]
        bar.step()
        sections["nurture"] = _nurture_list(cut, owner, end, cut.settings.report.nurture_n)
        bar.step()
    return MonthlyReport(month=month_of(start), owner=owner,
                         owner_name=cut.name_of(owner) if owner else None,
                         start=start, end=end, sections=sections)
