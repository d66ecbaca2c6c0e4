"""The monthly report: one self-contained HTML page per month.

The report for a month is computed from the network **cut at the end of that
month**: interactions after the last moment of the month are removed before
anything is computed, so a report never changes when later data arrives, and
re-running it gives the same file byte for byte.

Sections:

1. headline numbers against the previous month;
2. referrals and business given and received during the month;
3. new contacts and ties whose VCP stage changed during the month;
4. the connectors (leaders and brokers, from :func:`refgraph.stats`);
5. fading relationships and this month's nurture list;
6. a small picture of the owner's closest ties.

Charts are matplotlib figures embedded as SVG images (``data:`` URIs, made
deterministic with a fixed ``svg.hashsalt`` and no date); the picture is the
interactive page of :mod:`refgraph.show.picture` inside a sandboxed ``<iframe
srcdoc>``. The page has inline CSS only, fetches nothing, fits a phone screen
and prints cleanly. Without an owner the report describes the whole network.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from refgraph.errors import OutputExistsError, RefgraphError
from refgraph.io.files import write_atomic
from refgraph.io.settings import STAGES
from refgraph.model.network import Network
from refgraph.results import format_date

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
    kept = network.interactions[network.interactions["date"] <= end]
    return Network(network.contacts, kept.reset_index(drop=True), network.settings, network.path)


# --------------------------------------------------------------------------- sections


def _owner_ties(ties: pd.DataFrame, owner: str | None) -> pd.DataFrame:
    """The owner's ties with ``other`` naming the other person (all ties without owner)."""
    if owner is None:
        return ties.assign(other=ties["v"])
    mine = ties[(ties["u"] == owner) | (ties["v"] == owner)]
    return mine.assign(other=np.where(mine["u"] == owner, mine["v"], mine["u"]))


#: Headline rows: (label with an owner, label without, column of monthly_activity).
_HEADLINE: tuple[tuple[str, str | None, str], ...] = (
    ("Interactions logged", "Interactions logged", "interactions"),
    ("New contacts", "New people", "new_contacts"),
    ("Referrals you gave", "Referrals passed", "referrals_given"),
    ("Referrals you received", None, "referrals_received"),
    ("Introductions you made", "Introductions made", "introductions_given"),
    ("Introductions made for you", None, "introductions_received"),
    ("Business you gave (value)", "Business closed (value)", "business_value_given"),
    ("Business you received (value)", None, "business_value_received"),
    ("Ties at credibility", "Ties at credibility", "credibility"),
    ("Ties at profitability", "Ties at profitability", "profitability"),
)


def _headline(cut: Network, owner: str | None, end) -> list[dict[str, str]]:
    """The month's headline numbers against the previous month's (:func:`monthly_activity`)."""
    from refgraph.insight.stats import monthly_activity

    activity = monthly_activity(cut, owner=owner, as_of=end, months=2)
    before, now = activity.iloc[0], activity.iloc[1]
    rows = []
    for with_owner, without_owner, column in _HEADLINE:
        label = with_owner if owner is not None else without_owner
        if label is None:  # without an owner every flow is both given and received
            continue
        value, previous = float(now[column]), float(before[column])
        delta = value - previous
        rows.append({
            "label": label, "value": f"{value:,.0f}", "previous": f"{previous:,.0f}",
            "change": "no change" if delta == 0 else f"{'+' if delta > 0 else '−'}"
                                                      f"{abs(delta):,.0f}",
            "trend": "up" if delta > 0 else ("down" if delta < 0 else "same"),
        })
    return rows


def _flows_in_month(cut: Network, owner: str | None, start, end, top: int) -> list[dict]:
    """Referrals, business and introductions passed during the month, per pair."""
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
    grouped["total"] = grouped["referrals"] + grouped["business"] + grouped["introductions"]
    grouped = grouped.sort_values(["value", "total", "source", "target"],
                                  ascending=[False, False, True, True]).head(top)
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
    # As integers: an empty frame's mapped columns would otherwise keep the text dtype.
    changed["step"] = (changed["stage"].map(rank).astype("int64")
                       - changed["stage_before"].map(rank).astype("int64"))
    changed = changed.sort_values(["step", "strength", "other"], ascending=[False, False, True])
    changed_rows = [{"name": pair_name(row), "before": row.stage_before, "after": row.stage,
                     "direction": "up" if row.step > 0 else "down"}
                    for row in changed.head(top).itertuples(index=False)]
    return {"new": new_rows, "new_total": len(new), "changed": changed_rows,
            "changed_total": len(changed),
            "changed_up": int((changed["step"] > 0).sum()),
            "changed_down": int((changed["step"] < 0).sum())}


# --------------------------------------------------------------------------- charts


def figure_data_uri(figure: Figure) -> str:
    """Render a figure as a deterministic SVG ``data:`` URI and close it.

    A fixed ``svg.hashsalt`` and no metadata make the same figure give the
    same bytes on every run.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> def chart():
    ...     figure = Figure(figsize=(2, 1))
    ...     figure.subplots().plot([0, 1])
    ...     return figure
    >>> uri = figure_data_uri(chart())
    >>> uri.startswith("data:image/svg+xml;base64,"), uri == figure_data_uri(chart())
    (True, True)
    """
    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    try:
        with matplotlib.rc_context({"svg.hashsalt": "refgraph", "svg.fonttype": "path"}):
            figure.savefig(buffer, format="svg", bbox_inches="tight",
                           metadata={"Date": None, "Creator": None, "Format": None,
                                     "Type": None})
    finally:
        plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@dataclass
class _Chart:
    title: str
    uri: str
    alt: str


def _charts(cut: Network, owner: str | None, end, settings) -> dict[str, _Chart]:
    from refgraph.show import charts

    months = settings.report.chart_months
    made = {
        "referrals": ("Referrals given and received per month", charts.referrals_per_month,
                      "Bar chart of referrals given and received in each of the last months"),
        "business": ("Business value per month", charts.business_value_per_month,
                     "Bar chart of business value given and received per month"),
        "stages": ("Ties per stage over time", charts.stages_over_time,
                   "Chart of the number of ties at each stage over time"),
        "givers": ("Top givers and receivers", charts.top_givers_receivers,
                   "Bar chart of the people who gave and received most"),
        "fading": ("Fading relationships", charts.fading_relationships,
                   "Chart of the relationships that lost most strength"),
    }
    out = {}
    for key, (title, function, alt) in made.items():
        options: dict[str, Any] = {"owner": owner, "as_of": end}
        if key in ("referrals", "business", "stages"):
            options["months"] = months
        else:  # the givers and the fading ties: as many as the report's tables list
            options["top"] = settings.report.top
        out[key] = _Chart(title, figure_data_uri(function(cut, **options)), alt)
    return out


# --------------------------------------------------------------------------- the report


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
        The computed sections (plain values, ready for the template).
    """

    month: str
    owner: str | None
    owner_name: str | None
    start: pd.Timestamp
    end: pd.Timestamp
    sections: dict[str, Any] = field(default_factory=dict)


def build_report(network: Network, month: str, *, owner: str | None = None) -> MonthlyReport:
    """Compute the sections of one month's report from data up to its end.

    Parameters
    ----------
    network : Network
        A loaded network.
    month : str
        ``YYYY-MM``.
    owner : str, optional
        Whose report (default: the network's owner; none gives a whole-network
        report).

    Returns
    -------
    MonthlyReport
        The computed sections.

    Raises
    ------
    RefgraphError
        For a malformed month, an unknown owner, or a month before any data.
    """
    start, end = parse_month(month)
    network = network.with_owner(owner)
    owner = network.owner
    if owner is not None:
        network.require_owner(owner)
    cut = cut_at(network, end)
    if cut.interactions.empty:
        first = network.interactions["date"].min() if len(network.interactions) else None
        since = f"; the data starts in {month_of(first)}" if first is not None else ""
        raise RefgraphError(f"no interactions up to the end of {month}{since}")
    settings = network.settings
    top = settings.report.top
    sections: dict[str, Any] = {
        "month_label": start.strftime("%B %Y"),
        "headline": _headline(cut, owner, end),
        "flows": _flows_in_month(cut, owner, start, end, top),
        "changes": _new_and_changed(cut, owner, start, end, top),
    }
    sections.update(_connectors(cut, end, top))
    sections["fading"] = _fading(cut, owner, end, top)
    sections["nurture"] = _nurture_list(cut, owner, end, settings.report.nurture_n)
    sections["charts"] = _charts(cut, owner, end, settings)
    sections["picture"] = _picture(cut, owner, end, settings)
    return MonthlyReport(month=month_of(start), owner=owner,
                         owner_name=network.name_of(owner) if owner else None,
                         start=start, end=end, sections=sections)


def _connectors(cut: Network, end, top: int) -> dict[str, Any]:
    """Leaders per centrality measure and brokers, from :func:`refgraph.stats`."""
    from refgraph.insight.stats import stats

    data = stats(cut, as_of=end).to_dict()
    boards = []
    for measure, title, heading, digits in (
            ("degree", "Most relationship", "strength", 1),
            ("pagerank", "Best connected", "PageRank", 3),
            ("betweenness", "On the most trusted paths", "betweenness", 3)):
        rows = []
        for row in data["leaders"].get(measure, [])[:top]:
            before = row.get("previous_rank")
            if before is None or pd.isna(before):
                move = "new"
            elif before == row["rank"]:
                move = "="
            else:
                move = f"{'▲' if before > row['rank'] else '▼'}{abs(before - row['rank'])}"
            rows.append({"name": row["name"], "value": f"{row['value']:,.{digits}f}",
                         "move": move})
        boards.append({"title": title, "measure": heading, "rows": rows})
    # The communities a broker is most tied into; the rest add little but length.
    brokers = [{"name": row["name"], "bridges": "; ".join((row.get("bridges") or [])[:3])}
               for row in data["brokers"][:top]]
    return {"leaders": boards, "brokers": brokers}


def _fading(cut: Network, owner: str | None, end, top: int) -> list[dict]:
    """Ties that lost most strength (see :func:`refgraph.insight.stats.fading_ties`)."""
    from refgraph.insight.stats import fading_ties

    frame = fading_ties(cut, owner=owner, as_of=end, top=top)
    return [{"name": row.name, "before": row.stage_before, "now": row.stage_now,
             "drop": f"{row.drop:,.1f}", "last": format_date(row.last_contact)}
            for row in frame.itertuples(index=False)]


def _nurture_list(cut: Network, owner: str | None, end, n: int) -> list[dict]:
    """The reconnect list at the end of the month (see :func:`refgraph.judge.nurture`)."""
    if owner is None:
        return []
    from refgraph.judge.nurture import nurture

    contacts = nurture(cut, owner=owner, as_of=end, n=n).to_dict()["contacts"]
    return [{"name": row["name"], "why": row["reason"]} for row in contacts]


def _picture(cut: Network, owner: str | None, end, settings) -> dict[str, Any]:
    from refgraph.show.picture import build_picture, iframe_srcdoc, render_picture

    report = settings.report
    picture = build_picture(cut, as_of=end, ego=owner, radius=report.picture_radius,
                            max_nodes=report.picture_max_nodes, color_by="stage")
    picture.net.height = f"{report.picture_height_px}px"
    page = render_picture(picture)
    frame_height = report.picture_height_px + 380  # heading, notes and legend around it
    return {"frame": iframe_srcdoc(page, height=frame_height, title=picture.title),
            "shown": picture.shown_nodes}


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    environment = Environment(loader=PackageLoader("refgraph.show"),
                              autoescape=select_autoescape(["html"]))
    environment.filters["date"] = format_date
    return environment


def render_report(report: MonthlyReport) -> str:
    """Render a computed report as one self-contained HTML page.

    Parameters
    ----------
    report : MonthlyReport
        From :func:`build_report`.

    Returns
    -------
    str
        The page.
    """
    from markupsafe import Markup

    # The picture's iframe srcdoc inherits the page's policy, so the report
    # uses the picture page's own policy, which allows exactly its scripts.
    from refgraph.show.picture import _content_security_policy

    template = _environment().get_template("report.html")
    return template.render(report=report, s=report.sections, csp=_content_security_policy(),
                           picture=Markup(report.sections["picture"]["frame"]))


def monthly_report(network: Network, month: str, *, owner: str | None = None) -> str:
    """The monthly report of a network as one self-contained HTML page.

    Only data up to the last moment of ``month`` is used: an interaction
    logged later never changes the report.

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
    str
        HTML: inline CSS, charts as embedded SVG, the picture in an iframe;
        nothing is fetched when it is opened.

    Raises
    ------
    RefgraphError
        For a malformed month, an unknown owner or a month before any data.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann <b>"]}),
    ...     pd.DataFrame({"date": ["2024-01-05", "2024-02-01"], "source": ["me", "ann"],
    ...                   "target": ["ann", "me"], "kind": ["one_to_one", "referral"]})),
    ...     settings={"owner": "me"})
    >>> page = monthly_report(net, "2024-02")
    >>> "Ann &lt;b&gt;" in page, "Ann <b>" in page
    (True, False)
    """
    return render_report(build_report(network, month, owner=owner))


def write_report(network: Network, month: str, path: str | Path, *, force: bool = False,
                 owner: str | None = None) -> Path:
    """Write one month's report to an HTML file, atomically.

    Parameters
    ----------
    network : Network
        A loaded network.
    month : str
        ``YYYY-MM``.
    path : str or Path
        The file to write.
    force : bool
        Replace ``path`` if it exists; otherwise :class:`OutputExistsError`.
    owner : str, optional
        Whose report (default: the network's owner).

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    OutputExistsError
        When ``path`` exists and ``force`` is False.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; use --force to replace it")
    return write_atomic(path, monthly_report(network, month, owner=owner), overwrite=True)
