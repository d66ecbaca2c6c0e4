"""Charts of a network's activity: matplotlib Figures for Jupyter and the report.

Every function takes a network and returns a new
:class:`matplotlib.figure.Figure` (built without pyplot, so no global state is
touched and nothing needs closing; it displays itself in Jupyter). Save one
with ``figure.savefig("chart.svg")``.

Text from the data (names) is shown literally: a ``$`` is escaped so that
matplotlib's mathtext never interprets it, and figures are built with
``text.usetex`` off, so ``$x$ <b>`` appears as typed.

matplotlib is imported inside the functions, so ``import refgraph`` stays fast
and the Agg backend (or any other) can be chosen before the first chart.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from refgraph.insight.stats import fading_ties, ledger, monthly_activity
from refgraph.io.settings import STAGES
from refgraph.model.network import Network
from refgraph.show.picture_style import STAGE_COLOURS  # the same colours as the network pictures

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colour of what was given (out) and received (in).
GIVEN_COLOUR = "#4e79a7"
RECEIVED_COLOUR = "#f28e2b"
#: Colours of the three kinds of gift in the givers and receivers chart.
FLOW_COLOURS: dict[str, str] = {
    "referrals": "#4e79a7",
    "introductions": "#76b7b2",
    "business": "#59a14f",
}
#: Characters of a name shown on an axis; longer names end with an ellipsis.
LABEL_WIDTH = 28
#: Month labels shown on a time axis at most; others are skipped evenly.
MAX_MONTH_LABELS = 12


def safe_label(text: object, width: int | None = LABEL_WIDTH) -> str:
    """Make data text safe to show in matplotlib: literal ``$``, one line, shortened.

    Parameters
    ----------
    text : object
        A name or other text from the data.
    width : int or None
        Longest result, an ellipsis marking the cut; ``None`` keeps it whole.

    Returns
    -------
    str
        Text that matplotlib shows as typed (``$`` escaped as ``\\$``).

    Examples
    --------
    >>> safe_label("$x$ <b>")
    '\\\\$x\\\\$ <b>'
    >>> safe_label("A very long name that goes on and on", 12)
    'A very long…'
    """
    flat = " ".join(str(text).split())
    if width is not None and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return flat.replace("$", r"\$")


def _new_figure(width: float, height: float, *, columns: int = 1) -> tuple[Figure, list[Axes]]:
    """A new figure (no pyplot) with ``columns`` axes side by side."""
    import matplotlib

    from refgraph.show.figure import ChartFigure

    with matplotlib.rc_context({"text.usetex": False}):
        figure = ChartFigure(figsize=(width, height), layout="constrained")
        axes = figure.subplots(1, columns, squeeze=False)[0]
    return figure, list(axes)


def _owner_name(network: Network, owner: str | None) -> str | None:
    who = network.owner if owner is None else owner
    if who is None:
        return None
    network.require(who, role="owner")
    return network.name_of(who)


def _month_axis(ax: Axes, months: pd.Series) -> None:
    """Label a bar or line axis whose positions are 0..n-1 with the months."""
    count = len(months)
    step = max(1, math.ceil(count / MAX_MONTH_LABELS))
    positions = np.arange(count - 1, -1, -step)[::-1]  # the latest month always labelled
    ax.set_xticks(positions, labels=[months.iloc[i] for i in positions], rotation=45,
                  ha="right")
    ax.set_xlim(-0.6, count - 0.4)


def _thousands(ax: Axes) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def _monthly_figure(network: Network, owner: str | None, as_of: object,
                    months: int) -> tuple[pd.DataFrame, str | None, Figure, Axes]:
    """The owner's monthly activity, their name and a new one-axes figure to chart it."""
    activity = monthly_activity(network, owner=owner, as_of=as_of, months=months)
    name = _owner_name(network, owner)
    figure, (ax,) = _new_figure(8.0, 3.6)
    return activity, name, figure, ax


def _finish_monthly_axes(ax: Axes, months: pd.Series, ylabel: str) -> None:
    """Month labels, whole-number y ticks, legend and open frame of a monthly chart."""
    _month_axis(ax, months)
    _thousands(ax)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)


def _nothing(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, safe_label(message, None), ha="center", va="center",
            transform=ax.transAxes, color="#666666")
    ax.set_axis_off()


def _given_received(network: Network, column: str, ylabel: str, title: str, *,
                    owner: str | None, as_of: object, months: int) -> Figure:
    """Bars of what the owner gave and received per month (or the network's total)."""
    activity, name, figure, ax = _monthly_figure(network, owner, as_of, months)
    positions = np.arange(len(activity))
    given = activity[f"{column}_given"].to_numpy(dtype=float)
    received = activity[f"{column}_received"].to_numpy(dtype=float)
    if name is None:
        # Without an owner every flow is both given and received: one bar.
        ax.bar(positions, given, 0.8, color=GIVEN_COLOUR, label="in the network")
        ax.set_title(safe_label(title, None), loc="left")
    else:
        ax.bar(positions - 0.2, given, 0.4, color=GIVEN_COLOUR, label="given")
        ax.bar(positions + 0.2, received, 0.4, color=RECEIVED_COLOUR, label="received")
        ax.set_title(safe_label(f"{title}: {name}", 70), loc="left")
    _finish_monthly_axes(ax, activity["month"], ylabel)
    return figure


def referrals_per_month(
    network: Network, *, owner: str | None = None, as_of: object = None, months: int = 24
) -> Figure:
    """Bar chart of referrals given and received in each of the last months.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Whose referrals (default: the network's owner). Without any owner, one
        bar per month counts every referral in the network.
    as_of : str, date or Timestamp, optional
        The last month shown is the month of ``as_of`` (default: latest
        interaction).
    months : int
        How many months to show (earlier months without data show as zero).

    Returns
    -------
    matplotlib.figure.Figure
        One axes; a pair of bars (given, received) per month.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...     "target": ["me"], "kind": ["referral"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> figure = referrals_per_month(net, months=6)
    >>> [len(bars) for bars in figure.axes[0].containers]
    [6, 6]
    """
    return _given_received(network, "referrals", "referrals",
                           "Referrals given and received per month",
                           owner=owner, as_of=as_of, months=months)


def business_value_per_month(
    network: Network, *, owner: str | None = None, as_of: object = None, months: int = 24
) -> Figure:
    """Bar chart of the value of business given and received in each of the last months.

    "Given" is business the owner passed to others (a ``business`` interaction
    from the owner); "received" is business others gave the owner.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Whose business (default: the network's owner; without one, the whole
        network's business per month).
    as_of : str, date or Timestamp, optional
        The last month shown is the month of ``as_of``.
    months : int
        How many months to show.

    Returns
    -------
    matplotlib.figure.Figure
        One axes; a pair of bars (given, received) per month.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...     "target": ["me"], "kind": ["business"], "value": ["1500"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> figure = business_value_per_month(net, months=3)
    >>> [float(bar.get_height()) for bar in figure.axes[0].containers[1]]
    [0.0, 0.0, 1500.0]
    """
    return _given_received(network, "business_value", "business value",
                           "Business value given and received per month",
                           owner=owner, as_of=as_of, months=months)


def stages_over_time(
    network: Network, *, owner: str | None = None, as_of: object = None, months: int = 24
) -> Figure:
    """Line chart of ties per VCP stage at the end of each month: the funnel over time.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Whose ties (default: the network's owner; without one, every tie).
    as_of : str, date or Timestamp, optional
        The last month shown is the month of ``as_of``.
    months : int
        How many months to show.

    Returns
    -------
    matplotlib.figure.Figure
        One axes with one line per stage (visibility, credibility,
        profitability).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...     "target": ["me"], "kind": ["card"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> [line.get_label() for line in stages_over_time(net, months=2).axes[0].lines]
    ['visibility', 'credibility', 'profitability']
    """
    activity, name, figure, ax = _monthly_figure(network, owner, as_of, months)
    positions = np.arange(len(activity))
    for stage in STAGES:
        ax.plot(positions, activity[stage].to_numpy(), color=STAGE_COLOURS[stage],
                marker="o", markersize=3, linewidth=2, label=stage)
    title = "Ties per stage at the end of each month"
    ax.set_title(safe_label(f"{title}: {name}" if name else title, 70), loc="left")
    ax.set_ylim(bottom=0)
    _finish_monthly_axes(ax, activity["month"], "ties")
    return figure


def top_givers_receivers(
    network: Network, *, owner: str | None = None, as_of: object = None, top: int = 10
) -> Figure:
    """Who gave and who received the most referrals, introductions and business.

    Counts come from :func:`refgraph.insight.stats.ledger` (the whole network up to
    ``as_of``). The owner is left out, as they would dwarf everyone in their
    own network: the chart is about the people around them.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Left out of the chart (default: the network's owner).
    as_of : str, date or Timestamp, optional
        Count up to this moment (default: latest interaction).
    top : int
        People per side.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes, "Top givers" and "Top receivers"; each person's bar is
        stacked by kind (referrals, introductions, business).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-01-09"],
    ...     "source": ["ann", "bob"], "target": ["bob", "me"], "kind": ["referral"] * 2})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> givers, receivers = top_givers_receivers(net).axes
    >>> [t.get_text() for t in givers.get_yticklabels()], len(receivers.patches)
    (['Ann', 'Bob'], 3)
    """
    who = network.owner if owner is None else owner
    if who is not None:
        network.require(who, role="owner")
    table = ledger(network, as_of)
    if who is not None:
        table = table[table["id"] != who]
    figure, axes = _new_figure(10.0, max(3.0, 0.32 * top + 1.2), columns=2)
    drawn = []
    for ax, side, title in ((axes[0], "given", "Top givers"),
                            (axes[1], "received", "Top receivers")):
        parts = [f"{kind}_{side}" for kind in FLOW_COLOURS]
        totals = table[parts].sum(axis=1) if len(table) else pd.Series(dtype=float)
        chosen = table.assign(total=totals, sort_id=table["id"].astype(str))
        chosen = chosen[chosen["total"] > 0].sort_values(
            ["total", "sort_id"], ascending=[False, True]).head(top)
        ax.set_title(title, loc="left")
        if chosen.empty:
            _nothing(ax, "Nothing given or received yet")
            continue
        positions = np.arange(len(chosen))
        left = np.zeros(len(chosen))
        for kind, colour in FLOW_COLOURS.items():
            values = chosen[f"{kind}_{side}"].to_numpy(dtype=float)
            ax.barh(positions, values, left=left, color=colour, label=kind)
            left += values
        ax.set_yticks(positions, labels=[safe_label(n) for n in chosen["name"]])
        ax.invert_yaxis()  # the biggest first, at the top
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(f"count {side}")
        ax.spines[["top", "right"]].set_visible(False)
        drawn.append(ax)
    if drawn:
        drawn[-1].legend(loc="lower right", frameon=False)
    return figure


def fading_relationships(
    network: Network,
    *,
    owner: str | None = None,
    as_of: object = None,
    months: int | None = None,
    top: int | None = None,
) -> Figure:
    """The ties that lost most strength: strength then and now, side by side.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Only this person's ties (default: the network's owner; without one,
        every tie).
    as_of : str, date or Timestamp, optional
        Now (default: latest interaction).
    months : int, optional
        Compare with this many months earlier (default ``stats.fading_months``).
    top : int, optional
        How many ties (default ``stats.fading_top``).

    Returns
    -------
    matplotlib.figure.Figure
        One axes with two horizontal bars per tie: the strength then (pale)
        and now (dark); see :func:`refgraph.insight.stats.fading_ties`.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["one_to_one"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> figure = fading_relationships(net, as_of="2024-09-30", months=3)
    >>> [len(bars) for bars in figure.axes[0].containers]
    [1, 1]
    """
    months = network.settings.stats.fading_months if months is None else months
    frame = fading_ties(network, owner=owner, as_of=as_of, months=months, top=top)
    height = max(3.0, 0.32 * len(frame) + 1.2)
    figure, (ax,) = _new_figure(8.0, height)
    ago = f"{months} month{'' if months == 1 else 's'} ago"
    ax.set_title(f"Fading relationships: tie strength now and {ago}", loc="left")
    if frame.empty:
        _nothing(ax, "No relationship has faded")
        return figure
    positions = np.arange(len(frame))
    ax.barh(positions, frame["strength_before"].to_numpy(dtype=float), 0.8,
            color="#c9d6e8", label=ago)
    ax.barh(positions, frame["strength_now"].to_numpy(dtype=float), 0.45,
            color=GIVEN_COLOUR, label="now")
    ax.set_yticks(positions, labels=[safe_label(n) for n in frame["name"]])
    ax.invert_yaxis()
    ax.set_xlabel("tie strength")
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure
