"""Terminal views of the chapter scorecard and the chapter view.

Importing this module registers both views with :func:`refgraph.show.text.to_text`.
"""

from __future__ import annotations

import pandas as pd

from refgraph.insight.chapter import ChapterView
from refgraph.insight.scorecard import ScorecardResult
from refgraph.results import format_date
from refgraph.show.tables import text_table
from refgraph.show.text import to_text

#: Columns of the terminal table: the traffic light first, then the measures.
TABLE_COLUMNS: dict[str, str] = {
    "name": "member", "colour": "light", "total": "points", "change": "change",
    "absent": "absent", "late": "late", "referrals_given": "refs given",
    "referrals_received": "refs recvd", "one_to_ones": "1-2-1s", "visitors": "visitors",
    "tyfcb_given": "TYFCB given",
}


def points_change(change: object) -> str:
    """How a member's points moved since the period before, as a table shows it.

    A member new in this period has no change to show; unchanged points read
    ``=``, since a ``+0`` reads as a gain of nothing.

    Parameters
    ----------
    change : float or None
        Points now minus points in the period before (``None`` or NaN when the
        member is new).

    Returns
    -------
    str
        ``new``, ``=``, or the signed change (``+15``, ``-5``).

    Examples
    --------
    >>> [points_change(v) for v in (None, float("nan"), 0.0, 15.0, -5.0)]
    ['new', 'new', '=', '+15', '-5']
    """
    if change is None or pd.isna(change):
        return "new"
    return "=" if change == 0 else f"{change:+g}"


def scorecard_table(result: ScorecardResult) -> pd.DataFrame:
    """The short table of a scorecard, as printed.

    A member who has left has no traffic light: the light column says
    ``left`` (the terminal view gives the date under the table).

    Examples
    --------
    >>> members = pd.DataFrame({"name": ["Ann"], "colour": ["green"], "total": [75.0],
    ...     "change": [None], "absent": [0], "late": [0], "referrals_given": [30],
    ...     "referrals_received": [2], "one_to_ones": [4], "visitors": [1],
    ...     "tyfcb_given": [1200.0]})
    >>> stamp = pd.Timestamp("2024-01-01", tz="UTC")
    >>> scorecard_table(ScorecardResult(stamp, stamp, stamp, stamp, members))["points"].tolist()
    ['75']
    """
    frame = result.members[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS)
    gone = result.has_left().to_numpy()
    if gone.any():
        # The date is on the line under the table: "left 2026-05-18" in the
        # light column would push the referrals received out of 80 characters.
        frame.loc[gone, "light"] = "left"
    frame["points"] = [f"{v:g}" for v in frame["points"]]
    frame["change"] = [points_change(v) for v in frame["change"]]
    frame["TYFCB given"] = [f"{v:,.0f}" for v in frame["TYFCB given"]]
    return frame


@to_text.register
def _(result: ScorecardResult, *, width: int = 80) -> str:
    gone = result.has_left().to_numpy()
    counts = result.members.loc[~gone, "colour"].value_counts()
    lights = ", ".join(f"{counts.get(c, 0)} {c}" for c in ("green", "amber", "red", "grey"))
    if gone.any():
        lights += f"; {int(gone.sum())} left the chapter"
    lines = [result.title, lights, "",
             text_table(scorecard_table(result), width=width,
                        left_out_hint="--format csv or json has every column")]
    if gone.any():
        departed = result.members[gone].sort_values(["left", "member"])
        lines += ["", "Left the chapter: " + ", ".join(
            f"{name} ({format_date(day)})"
            for name, day in zip(departed["name"], departed["left"], strict=True))]
    return "\n".join(lines)


@to_text.register
def _(result: ChapterView, *, width: int = 80) -> str:
    lines = [result.title, ""]
    lines.append("Referral flows between members:")
    flows = result.flows.head(15)[["giver_name", "receiver_name", "referrals", "tyfcb"]]
    lines.append(text_table(flows.rename(columns={"giver_name": "from",
                                                  "receiver_name": "to"}), width=width))
    if len(result.flows) > len(flows):
        lines.append(f"and {len(result.flows) - len(flows)} more")
    lines += ["", "Members nobody referred: " + (", ".join(
        m["name"] for m in result.unreferred) or "none")]
    lines += ["Missing categories: " + (", ".join(
        m["profession"] for m in result.missing_categories) or "none")]
    lines += ["", "Members at risk:"]
    lines += [f"  {r['name']} ({r['colour']}, {r['total']:g}): {'; '.join(r['reasons'])}"
              for r in result.at_risk] or ["  none"]
    if result.departed:
        lines += ["", "Left the chapter: " + ", ".join(
            f"{m['name']} ({format_date(m['left'])})" for m in result.departed)]
    lines += ["", "Groups that work together:"]
    lines += [f"  {c['name']} ({c['size']})" for c in result.communities] or ["  none"]
    return "\n".join(lines)
