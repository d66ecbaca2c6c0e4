"""The chapter scorecard: member traffic lights over the last completed period.

For each member, over the last completed ``scorecard.months`` months (six by
default) before ``as_of``: PALMS attendance counts, referrals given and
received (and per week of membership in the period), thank-you-for-closed-
business given and received, 1-to-1s, visitors brought, testimonials and
education credits; the points of each section from the points table
(:mod:`refgraph.io.settings_scorecard`), the total and its colour, and the
change from the period before. Referrals, TYFCB and 1-to-1s are the
network's ``referral``, ``business`` and ``one_to_one`` interactions (slips
included); visitors, testimonials and education come from the slips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.chapter import ChapterData, left_members
from refgraph.io.settings_scorecard import SCORED_SECTIONS, ScorecardSettings, band_points
from refgraph.model.network import CHAPTER, Network, require_network
from refgraph.results import Result, format_date

#: Columns of the scorecard table, in order.
MEASURES: tuple[str, ...] = (
    "meetings", "present", "absent", "late", "medical", "substitute",
    "referrals_given", "referrals_received", "referrals_given_per_week",
    "referrals_received_per_week", "tyfcb_given", "tyfcb_received", "one_to_ones",
    "one_to_ones_per_week", "visitors", "visitors_per_week", "testimonials_given",
    "testimonials_received", "education", "education_per_week", "balance",
)


def chapter_data(network: Network) -> ChapterData:
    """The chapter records the loader found next to the network's files.

    Raises
    ------
    RefgraphError
        When the network has no members file (it is not a chapter).

    Examples
    --------
    >>> try:
    ...     chapter_data(Network(pd.DataFrame(), pd.DataFrame()))
    ... except RefgraphError as error:
    ...     print(str(error)[:47])
    this network has no chapter records: expected m
    """
    chapter = network.cached(CHAPTER, lambda: None)
    if chapter is None:
        network.remember(CHAPTER, None)
        raise RefgraphError("this network has no chapter records: expected members.csv (or "
                            ".xlsx) and attendance.csv next to contacts.csv; see docs/chapter.md")
    return chapter


def scoring_period(as_of: pd.Timestamp, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last moment of the last ``months`` completed months at ``as_of``.

    A month is completed once its last moment has passed (``as_of`` at the
    end of its last day counts).

    Examples
    --------
    >>> [str(t) for t in scoring_period(pd.Timestamp("2026-10-15", tz="UTC"), 6)]
    ['2026-04-01 00:00:00+00:00', '2026-09-30 23:59:59.999999999+00:00']
    >>> scoring_period(pd.Timestamp("2026-09-30 23:59:59.999999", tz="UTC"), 6)[1].month
    9
    """
    after = as_of + pd.Timedelta(microseconds=1)
    month_start = as_of.normalize().replace(day=1)
    end_month = after.normalize() if after == after.normalize() and after.day == 1 \
        else month_start
    start = end_month - pd.DateOffset(months=months)
    return pd.Timestamp(start), end_month - pd.Timedelta(1, "ns")


def _membership_days(members: pd.DataFrame, start, end) -> pd.Series:
    """Days of membership inside [start, end] per member (several periods add up)."""
    left = members["left"].astype("datetime64[ns, UTC]")
    left = left.where(left.notna() & (left <= end), end)
    joined = members["joined"].astype("datetime64[ns, UTC]")
    joined = joined.where(joined >= start, start)
    span = ((left - joined) / pd.Timedelta(days=1)).clip(lower=0)
    span = span.where(left >= joined, 0.0)
    return span.groupby(members["member"]).sum()


def score_members(network: Network, chapter: ChapterData, start: pd.Timestamp,
                  end: pd.Timestamp, settings: ScorecardSettings) -> pd.DataFrame:
    """Measures, section points, total and colour of every member in [start, end].

    Parameters
    ----------
    network : Network
        The network (its referral, business and one_to_one interactions).
    chapter : ChapterData
        Members, attendance and slips.
    start, end : Timestamp
        The period.
    settings : ScorecardSettings
        The points table.

    Returns
    -------
    DataFrame
        Indexed by member id: ``weeks``, :data:`MEASURES`, ``points_<section>``
        for each section, ``total`` and ``colour``.

    Examples
    --------
    >>> contacts = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"]})
    >>> chapter = ChapterData(
    ...     pd.DataFrame({"member": ["a"], "joined": pd.to_datetime(["2024-01-01"], utc=True),
    ...                   "left": pd.to_datetime([None], utc=True), "category": [""]}),
    ...     pd.DataFrame({"date": pd.to_datetime([], utc=True), "member": [], "status": []}),
    ...     pd.DataFrame({"date": pd.to_datetime([], utc=True), "kind": [], "source": [],
    ...                   "target": [], "value": [], "notes": []}))
    >>> net = Network(contacts, pd.DataFrame({"date": pd.to_datetime([], utc=True),
    ...     "source": [], "target": [], "kind": [], "value": []}))
    >>> start, end = scoring_period(pd.Timestamp("2024-07-01", tz="UTC"), 6)
    >>> row = score_members(net, chapter, start, end, ScorecardSettings()).loc["a"]
    >>> float(row["weeks"]), float(row["points_absences_at_most"]), float(row["total"])
    (26.0, 15.0, 20.0)
    >>> row["colour"]
    'grey'
    """
    days = _membership_days(chapter.members, start, end)
    days = days[days > 0]
    index = pd.Index(days.index, name="member")
    weeks = days / 7.0
    frame = pd.DataFrame({"weeks": weeks}, index=index)

    spans = chapter.members[["member", "joined", "left"]]
    attendance = chapter.attendance[chapter.attendance["date"].between(start, end)]
    attendance = attendance.merge(spans, on="member")
    attendance = attendance[(attendance["date"] >= attendance["joined"])
                            & (attendance["left"].isna()
                               | (attendance["date"] <= attendance["left"]))]
    attendance = attendance.drop_duplicates(["date", "member"])
    counts = pd.crosstab(attendance["member"], attendance["status"])
    for status in ("present", "absent", "late", "medical", "substitute"):
        frame[status] = counts[status].reindex(index, fill_value=0) if status in counts \
            else 0
    frame["meetings"] = frame[["present", "absent", "late", "medical", "substitute"]].sum(axis=1)

    rows = network.interactions
    rows = rows[rows["date"].between(start, end)] if len(rows) else rows

    def counted(kind: str, column: str, value: bool = False) -> pd.Series:
        part = rows[rows["kind"] == kind] if len(rows) else rows
        if value:
            return part.groupby(column)["value"].sum().reindex(index, fill_value=0.0)
        return part.groupby(column).size().reindex(index, fill_value=0)

    frame["referrals_given"] = counted("referral", "source")
    frame["referrals_received"] = counted("referral", "target")
    frame["tyfcb_given"] = counted("business", "source", value=True)
    frame["tyfcb_received"] = counted("business", "target", value=True)
    frame["one_to_ones"] = counted("one_to_one", "source") + counted("one_to_one", "target")

    slips = chapter.slips[chapter.slips["date"].between(start, end)]

    def slipped(kind: str, column: str) -> pd.Series:
        return slips[slips["kind"] == kind].groupby(column).size().reindex(index, fill_value=0)

    frame["visitors"] = slipped("visitor", "source")
    frame["testimonials_given"] = slipped("testimonial", "source")
    frame["testimonials_received"] = slipped("testimonial", "target")
    frame["education"] = slipped("education", "source")
    for measure, count in (("referrals_given", "referrals_given"),
                           ("referrals_received", "referrals_received"),
                           ("one_to_ones", "one_to_ones"), ("visitors", "visitors"),
                           ("education", "education")):
        frame[f"{measure}_per_week"] = frame[count] / frame["weeks"]
    frame["balance"] = frame["referrals_given"] - frame["referrals_received"]

    total = pd.Series(0.0, index=index)
    for section, measure in SCORED_SECTIONS:
        bands = getattr(settings, section)
        at_most = section.endswith("_at_most")
        points = frame[measure].map(lambda v, b=bands, m=at_most: band_points(v, b, at_most=m))
        frame[f"points_{section}"] = points.astype(float)
        total += points
    frame["total"] = total
    frame["colour"] = np.select(
        [total >= settings.green_min - 1e-9, total >= settings.amber_min - 1e-9,
         total >= settings.red_min - 1e-9], ["green", "amber", "red"], "grey")
    return frame


@dataclass
class ScorecardResult(Result):
    """The scorecard of a chapter: one row per member, with the period it covers.

    Attributes
    ----------
    start, end : Timestamp
        The scored period (the last completed months).
    previous_start, previous_end : Timestamp
        The period before, for the change.
    members : DataFrame
        One row per member, best total first (see :func:`scorecard`).
    as_of : Timestamp or None
        The moment the scorecard was asked for.
    left_ids : frozenset of str
        The members who had left the chapter by ``as_of``
        (:func:`refgraph.io.chapter.left_members`); empty when none had.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    previous_start: pd.Timestamp
    previous_end: pd.Timestamp
    members: pd.DataFrame = field(default_factory=pd.DataFrame)
    as_of: pd.Timestamp | None = None
    left_ids: frozenset[str] = frozenset()

    @property
    def title(self) -> str:  # type: ignore[override]
        """The heading: the period, the number of members and the moment."""
        when = f", as of {format_date(self.as_of)}" if self.as_of is not None else ""
        # Those who have left are scored too, but are members no more.
        members = len(self.members) - int(self.has_left().sum())
        return (f"Chapter scorecard {format_date(self.start)} to {format_date(self.end)} "
                f"({members} member{'' if members == 1 else 's'}{when})")

    def has_left(self) -> pd.Series:
        """Which members had left the chapter by ``as_of`` (those in :attr:`left_ids`).

        They are scored over their weeks in the period like everyone, but are
        no longer members: nobody's traffic light, risk or seat.

        Examples
        --------
        >>> stamp = pd.Timestamp("2024-06-30", tz="UTC")
        >>> members = pd.DataFrame({"member": ["a", "b"],
        ...     "left": pd.to_datetime([None, "2024-02-29"], utc=True)})
        >>> card = ScorecardResult(stamp, stamp, stamp, stamp, members, as_of=stamp,
        ...                        left_ids=frozenset({"b"}))
        >>> card.has_left().tolist()
        [False, True]
        """
        if "member" not in self.members:
            return pd.Series(False, index=self.members.index)
        return self.members["member"].isin(self.left_ids).astype(bool)

    def to_dict(self) -> dict[str, Any]:
        """JSON contract: ``period``, ``previous_period`` and ``members`` (see docs/chapter.md)."""
        members = []
        for row in self.members.to_dict("records"):
            entry = {key: value for key, value in row.items() if not key.startswith("points_")}
            entry["points"] = {key.removeprefix("points_"): value for key, value in row.items()
                               if key.startswith("points_")}
            members.append(entry)
        return {"as_of": self.as_of, "period": {"start": self.start, "end": self.end},
                "previous_period": {"start": self.previous_start, "end": self.previous_end},
                "members": members}

    def to_frame(self) -> pd.DataFrame:
        """One row per member, every measure and section's points."""
        return self.members.copy()


def scorecard(network: Network, *, months: int | None = None,
              as_of: object = None) -> ScorecardResult:
    """Member traffic lights of a chapter over the last completed period.

    Parameters
    ----------
    network : Network
        A chapter network (a folder with members and attendance files).
    months : int, optional
        Months per period (default ``scorecard.months``, 6).
    as_of : str, date or Timestamp, optional
        The moment; the period is the ``months`` completed months before it
        (default: the latest interaction).

    Returns
    -------
    ScorecardResult
        Per member, best total first, then those who have left by ``as_of``
        (:meth:`ScorecardResult.has_left`): ``member``, ``name``,
        ``category``, ``joined``, ``left``, ``weeks``
        (of membership in the period), the measures, ``points_<section>``,
        ``total``, ``colour``, ``previous_total``, ``previous_colour`` and
        ``change`` (``None`` when not a member in the period before).

    Raises
    ------
    RefgraphError
        When the network has no chapter records or ``months`` is below 1.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network({
    ...     "contacts": pd.DataFrame({"id": ["a", "b"], "name": ["Ann", "Bob"]}),
    ...     "interactions": pd.DataFrame({"date": ["2024-03-01"], "source": ["a"],
    ...                                   "target": ["b"], "kind": ["referral"]}),
    ...     "members": pd.DataFrame({"member": ["a", "b"], "joined": ["2023-01-01"] * 2})})
    >>> card = scorecard(net, months=1, as_of="2024-03-31")
    >>> card.members[["member", "referrals_given", "referrals_received"]].values.tolist()
    [['a', 1, 0], ['b', 0, 1]]
    """
    network = require_network(network)
    settings = network.settings.scorecard
    months = settings.months if months is None else int(months)
    if months < 1:
        raise RefgraphError(f"--months: expected a whole number of at least 1, got {months}")
    chapter = chapter_data(network)
    stamp = network.resolve_as_of(as_of)
    start, end = scoring_period(stamp, months)
    previous_start = start - pd.DateOffset(months=months)
    current = score_members(network, chapter, start, end, settings)
    previous = score_members(network, chapter, pd.Timestamp(previous_start),
                             start - pd.Timedelta(1, "ns"), settings)
    current["previous_total"] = previous["total"].reindex(current.index)
    current["previous_colour"] = previous["colour"].reindex(current.index)
    current["change"] = current["total"] - current["previous_total"]
    # The latest membership period says whether someone is a member now.
    categories = chapter.members.sort_values("joined", kind="stable").drop_duplicates(
        "member", keep="last").set_index("member")
    professions = network.contacts.set_index("id")["profession"] \
        if "profession" in network.contacts else pd.Series(dtype=object)
    category = categories["category"].reindex(current.index).fillna("")
    category = category.where(category != "", professions.reindex(current.index).fillna(""))
    current.insert(0, "category", category)
    # Who had left by as_of, and when; the others show their latest period's end.
    gone = left_members(chapter, stamp)
    left = categories["left"].reindex(current.index)
    current.insert(0, "left", left.where(~left.index.isin(gone.index),
                                         gone.reindex(current.index)))
    current.insert(0, "joined", chapter.members.groupby("member")["joined"].min()
                   .reindex(current.index))
    current.insert(0, "name", [network.name_of(m) for m in current.index])
    current = current.reset_index()
    current["previous_colour"] = current["previous_colour"].astype(object).where(
        current["previous_colour"].notna(), None)
    result = ScorecardResult(start, end, pd.Timestamp(previous_start),
                             start - pd.Timedelta(1, "ns"), current, as_of=stamp,
                             left_ids=frozenset(gone.index))
    # Members first, best total first; those who have left after them.
    current["gone"] = result.has_left().to_numpy()
    result.members = current.sort_values(["gone", "total", "member"],
                                         ascending=[True, False, True], kind="stable"
                                         ).drop(columns="gone").reset_index(drop=True)
    return result
