"""The network over time: calendar months, monthly activity series and fading ties."""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.insight.ledger import contact_names
from refgraph.io.chapter import from_attendance
from refgraph.io.settings import STAGES
from refgraph.model.network import Network
from refgraph.model.people import codes_of, network_person_codes
from refgraph.model.ties import tie_table


def previous_month(as_of: pd.Timestamp, months: int = 1) -> pd.Timestamp:
    """The same moment ``months`` calendar months earlier.

    The end of a month maps to the end of the earlier month (30 April to 31
    March, not 30 March; 30 September six months back to 31 March); other
    days move back, clipped to the month's length (31 March to 29 February in
    a leap year).

    Parameters
    ----------
    as_of : Timestamp
        The moment to move back from.
    months : int, default 1
        How many calendar months back.

    Returns
    -------
    Timestamp
        The earlier moment, in ``as_of``'s time zone.

    Examples
    --------
    >>> previous_month(pd.Timestamp("2024-04-30 23:59:59.999999", tz="UTC"))
    Timestamp('2024-03-31 23:59:59.999999+0000', tz='UTC')
    >>> previous_month(pd.Timestamp("2024-03-31 12:00", tz="UTC"))
    Timestamp('2024-02-29 12:00:00+0000', tz='UTC')
    >>> previous_month(pd.Timestamp("2026-09-30 23:59:59.999999", tz="UTC"), 6)
    Timestamp('2026-03-31 23:59:59.999999+0000', tz='UTC')
    """
    stamp = pd.Timestamp(as_of)
    end_of_day = stamp.normalize() + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    if stamp == end_of_day and stamp.is_month_end:
        first_of_month = stamp.replace(day=1).normalize()
        return first_of_month - pd.DateOffset(months=months - 1) - pd.Timedelta(microseconds=1)
    return stamp - pd.DateOffset(months=months)


def _month_index(dates: pd.Series) -> np.ndarray:
    """Months since year 0 (year * 12 + month - 1) of UTC timestamps."""
    return (dates.dt.year * 12 + dates.dt.month - 1).to_numpy(dtype=np.int64)


def _month_end(index: int) -> pd.Timestamp:
    year, month = divmod(int(index), 12)
    start = pd.Timestamp(year=year, month=month + 1, day=1, tz="UTC")
    return start + pd.offsets.MonthBegin(1) - pd.Timedelta(microseconds=1)


def monthly_activity(
    network: Network,
    *,
    owner: str | None = None,
    as_of: object = None,
    months: int | None = None,
) -> pd.DataFrame:
    """Month by month: referrals and business given and received, new contacts, stages.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Whose activity to count; defaults to the network's owner. Without any
        owner the whole network is counted, so each flow is both given and
        received (the ``_given`` and ``_received`` columns are equal).
    as_of : str, date or Timestamp, optional
        The last month is the month of ``as_of`` (default: latest
        interaction), counted up to ``as_of``.
    months : int, optional
        Exactly this many months ending with the month of ``as_of`` (months
        before the first interaction are zeros); by default every month from
        the first interaction on.

    Returns
    -------
    DataFrame
        One row per month, oldest first: ``month`` (``YYYY-MM``),
        ``month_end`` (UTC; ``as_of`` for the last month), ``interactions``
        (the owner's, or all, as logged: in ``interactions.csv`` or as
        slips), ``meeting_contacts`` (the contacts a chapter's attendance
        adds, see :func:`from_attendance`), ``new_contacts`` (people whose first
        interaction with the owner, or with anyone, falls in the month),
        ``referrals_given``, ``referrals_received``, ``introductions_given``,
        ``introductions_received``, ``business_given``, ``business_received``,
        ``business_value_given``, ``business_value_received`` and, at the
        month's end, the owner's ties (or all ties) per VCP stage
        (``visibility``, ``credibility``, ``profitability``) and in all
        (``ties``).

    Raises
    ------
    RefgraphError
        When ``months`` is not a whole number >= 1.
    ContactNotFoundError
        When ``owner`` is not a contact.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-03-01"],
    ...     "source": ["ann", "me"], "target": ["me", "ann"], "kind": ["referral", "call"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> activity = monthly_activity(net)
    >>> activity[["month", "referrals_received", "new_contacts", "ties"]].to_dict("list")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'month': ['2024-01', '2024-02', '2024-03'], 'referrals_received': [1, 0, 0],
     'new_contacts': [1, 0, 0], 'ties': [1, 1, 1]}
    """
    if months is not None and (isinstance(months, bool) or not isinstance(months, int)
                               or months < 1):
        raise RefgraphError(f"months {months!r}: expected a whole number >= 1")
    stamp = network.resolve_as_of(as_of)
    who = network.owner if owner is None else owner
    if who is not None:
        network.require(who, role="owner")

    return network.cached(("monthly_activity", who, stamp, months),
                          lambda: _monthly_activity(network, who, stamp, months)).copy()


def _monthly_activity(network: Network, who: str | None, stamp: pd.Timestamp,
                      months: int | None) -> pd.DataFrame:
    """:func:`monthly_activity` for a resolved owner and moment."""
    # The people as codes (the loader's, kept on the network): picking the
    # owner's rows and a tie table per month then hash no id again.
    people, sources, targets = network_person_codes(network)
    keep = (network.interactions["date"] <= stamp).to_numpy()
    code = -1  # the owner's code; -1 matches nobody (no owner, or no interactions)
    if who is not None:
        code = codes_of(people, [who])[0]
        keep = keep & ((sources == code) | (targets == code))
    positions = np.flatnonzero(keep)
    rows = network.interactions.iloc[positions]
    codes = (people, sources[positions], targets[positions])
    _, row_sources, row_targets = codes
    last = int(stamp.year * 12 + stamp.month - 1)
    if months is not None:
        first = last - months + 1
    elif rows.empty:
        first = last
    else:
        first = int(_month_index(rows["date"]).min())
    count = last - first + 1

    def per_month(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        index = month[mask] - first
        keep = (index >= 0) & (index < count)
        w = None if weights is None else weights[mask][keep]
        return np.bincount(index[keep], weights=w, minlength=count)[:count]

    month = _month_index(rows["date"])
    kind = rows["kind"].astype(str).to_numpy()
    value = np.nan_to_num(rows["value"].to_numpy(dtype=float)) if "value" in rows \
        else np.zeros(len(rows))
    if who is None:
        gives = takes = np.ones(len(rows), dtype=bool)
    else:
        gives, takes = row_sources == code, row_targets == code

    labels = [f"{divmod(i, 12)[0]:04d}-{divmod(i, 12)[1] + 1:02d}"
              for i in range(first, last + 1)]
    ends = [min(_month_end(i), stamp) for i in range(first, last + 1)]
    frame = pd.DataFrame({"month": labels, "month_end": pd.DatetimeIndex(ends)})
    meeting = from_attendance(rows)
    frame["interactions"] = per_month(~meeting).astype(np.int64)
    frame["meeting_contacts"] = per_month(meeting).astype(np.int64)

    others = np.concatenate([row_sources, row_targets])
    seen = np.concatenate([month, month])
    others, seen = others[others != code], seen[others != code]
    firsts = pd.Series(seen).groupby(others).min().to_numpy(dtype=np.int64) \
        if len(others) else np.empty(0, dtype=np.int64)
    index = firsts - first
    index = index[(index >= 0) & (index < count)]
    frame["new_contacts"] = np.bincount(index, minlength=count)[:count].astype(np.int64)

    for name, flow_kind in (("referrals", "referral"), ("introductions", "introduction"),
                            ("business", "business")):
        frame[f"{name}_given"] = per_month((kind == flow_kind) & gives).astype(np.int64)
        frame[f"{name}_received"] = per_month((kind == flow_kind) & takes).astype(np.int64)
    frame["business_value_given"] = per_month((kind == "business") & gives, value)
    frame["business_value_received"] = per_month((kind == "business") & takes, value)

    stage_counts = np.zeros((count, len(STAGES)), dtype=np.int64)
    for position, end in enumerate(ends):
        if rows.empty:
            break
        ties = tie_table(rows, network.settings, end, codes=codes)
        if len(ties):
            tally = ties["stage"].value_counts()
            stage_counts[position] = [int(tally.get(stage, 0)) for stage in STAGES]
    for position, stage in enumerate(STAGES):
        frame[stage] = stage_counts[:, position]
    frame["ties"] = stage_counts.sum(axis=1)
    return frame


def fading_ties(
    network: Network,
    *,
    owner: str | None = None,
    as_of: object = None,
    months: int | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Ties whose strength dropped most since some months ago.

    Strength decays without contact (:mod:`refgraph.model.ties`), so a tie that
    was strong and has not been tended loses the most. Ties that started
    after the earlier moment cannot have faded and are not listed.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Only ties of this person (default: the network's owner; without one,
        every tie).
    as_of : str, date or Timestamp, optional
        Now; defaults to the latest interaction.
    months : int, optional
        Compare with this many calendar months earlier (default
        ``stats.fading_months``; see :func:`previous_month`).
    top : int, optional
        How many to list (default ``stats.fading_top``).

    Returns
    -------
    DataFrame
        Biggest drop first: ``u``, ``v`` (the pair; ``u`` is the owner when
        there is one), ``name`` (the other person's name, or both names),
        ``strength_before``, ``strength_now``, ``drop``, ``stage_before``,
        ``stage_now``, ``last_contact``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-01-05", "2024-06-20"],
    ...     "source": ["me", "me", "me"], "target": ["ann", "bob", "bob"],
    ...     "kind": ["one_to_one", "one_to_one", "one_to_one"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> fading_ties(net, as_of="2024-07-01", months=3)[["v", "name"]].to_dict("records")
    [{'v': 'ann', 'name': 'Ann'}]
    """
    options = network.settings.stats
    months = options.fading_months if months is None else months
    top = options.fading_top if top is None else top
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise RefgraphError(f"months {months!r}: expected a whole number >= 1")
    stamp = network.resolve_as_of(as_of)
    # The end of a month compares with the end of a month (30 September with
    # 31 March), as the report's months do, so no day falls between the two.
    before = previous_month(stamp, months)
    who = network.owner if owner is None else owner
    if who is not None:
        network.require(who, role="owner")
    columns = ["u", "v", "name", "strength_before", "strength_now", "drop", "stage_before",
               "stage_now", "last_contact"]
    now, then = network.ties(stamp), network.ties(before)
    if then.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    if who is not None:
        now = now[(now["u"] == who) | (now["v"] == who)]
        then = then[(then["u"] == who) | (then["v"] == who)]
    merged = then[["u", "v", "strength", "stage"]].merge(
        now[["u", "v", "strength", "stage", "last_contact"]], on=["u", "v"],
        suffixes=("_before", "_now"))
    merged["drop"] = merged["strength_before"] - merged["strength_now"]
    merged = merged[merged["drop"] > 0]
    if who is not None:
        swap = (merged["v"] == who).to_numpy()
        u, v = merged["u"].to_numpy(dtype=object), merged["v"].to_numpy(dtype=object)
        merged["u"], merged["v"] = np.where(swap, v, u), np.where(swap, u, v)
        merged["name"] = contact_names(network, merged["v"])
    else:
        merged["name"] = [f"{a} & {b}" for a, b in zip(contact_names(network, merged["u"]),
                                                       contact_names(network, merged["v"]),
                                                       strict=True)]
    merged["sort_id"] = merged["v"].astype(str)
    merged = merged.sort_values(["drop", "sort_id"], ascending=[False, True]).head(top)
    return merged[columns].reset_index(drop=True)


