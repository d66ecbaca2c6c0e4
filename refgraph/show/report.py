"""The monthly report: one self-contained HTML page per month.

The report for a month is computed from the network **cut at the end of that
month**: interactions after the last moment of the month are removed before
anything is computed, so a report never changes when later data arrives, and
re-running it gives the same file byte for byte.

Sections (their numbers gathered by :mod:`refgraph.show.report_data`):

1. headline numbers against the previous month;
2. referrals and business given and received during the month;
3. new contacts and ties whose VCP stage changed during the month;
4. the connectors (leaders and brokers, from :func:`refgraph.stats`);
5. fading relationships and this month's nurture list;
6. a small picture of the owner's closest ties.

Charts are matplotlib figures embedded as SVG images (``data:`` URIs, made
deterministic with a fixed ``svg.hashsalt`` and no date); the picture is the
interactive page of :mod:`refgraph.show.page` inside a sandboxed ``<iframe
srcdoc>``. The page has inline CSS only, fetches nothing, fits a phone screen
and prints cleanly. Without an owner the report describes the whole network.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refgraph.io.files import write_atomic
from refgraph.io.progress import Progress, steps
from refgraph.show.charts import (
    business_value_per_month,
    fading_relationships,
    referrals_per_month,
    stages_over_time,
    top_givers_receivers,
)
from refgraph.show.page import (
    content_security_policy,
    html_target,
    iframe_srcdoc,
    render_picture,
    template_environment,
)
from refgraph.show.picture import build_picture
from refgraph.show.report_data import MONTH_STEPS, MonthlyReport, gather_month, month_network

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from refgraph.io.settings import Settings
    from refgraph.model.network import Network


#: The steps of the monthly report's progress bar: its sections, then drawing.
REPORT_STEPS: tuple[str, ...] = (*MONTH_STEPS, "charts", "picture", "rendering")


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


def _charts(cut: Network, owner: str | None, end, settings: Settings) -> dict[str, _Chart]:
    months = settings.report.chart_months
    made = {
        "referrals": ("Referrals given and received per month", referrals_per_month,
                      "Bar chart of referrals given and received in each of the last months"),
        "business": ("Business value per month", business_value_per_month,
                     "Bar chart of business value given and received per month"),
        "stages": ("Ties per stage over time", stages_over_time,
                   "Chart of the number of ties at each stage over time"),
        # Unlike the tables beside it, this chart counts every month so far and
        # the whole network: its caption says so, lest it read as this month's.
        "givers": ("Top givers and receivers in the whole network, all months so far"
                   + (" (you left out)" if owner is not None else ""), top_givers_receivers,
                   "Bar chart of the people who gave and received most"),
        "fading": ("Fading relationships", fading_relationships,
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


def _picture(cut: Network, owner: str | None, end, settings: Settings) -> dict[str, Any]:
    report = settings.report
    picture = build_picture(cut, as_of=end, ego=owner, radius=report.picture_radius,
                            max_nodes=report.picture_max_nodes, color_by="stage",
                            progress=False)  # one step of the report's bar
    picture.net.height = f"{report.picture_height_px}px"
    page = render_picture(picture)
    frame_height = report.picture_height_px + 380  # heading, notes and legend around it
    return {"frame": iframe_srcdoc(page, height=frame_height, title=picture.title),
            "shown": picture.shown_nodes}


# --------------------------------------------------------------------------- the report


def build_report(network: Network, month: str, *, owner: str | None = None,
                 progress: Progress = None) -> MonthlyReport:
    """Compute the sections of one month's report from data up to its end.

    The numbers come from :func:`refgraph.show.report_data.gather_month`;
    the charts and the picture are drawn from the same network, cut at the
    end of the month.

    Parameters
    ----------
    network : Network
        A loaded network.
    month : str
        ``YYYY-MM``.
    owner : str, optional
        Whose report (default: the network's owner; none gives a whole-network
        report).
    progress : bool, optional
        Show a progress bar over :data:`REPORT_STEPS` (without rendering) on
        standard error (by default only when it is a terminal), or continue a
        caller's bar.

    Returns
    -------
    MonthlyReport
        The computed sections.

    Raises
    ------
    RefgraphError
        For a malformed month, an unknown owner, or a month before any data.
    """
    # One cut network for numbers, charts and picture, so they share its caches.
    with steps(REPORT_STEPS[:-1], "report", enabled=progress) as bar:
        cut = month_network(network, month, owner=owner)
        report = gather_month(cut, month, progress=bar)
        settings = cut.settings
        report.sections["charts"] = _charts(cut, report.owner, report.end, settings)
        bar.step()
        report.sections["picture"] = _picture(cut, report.owner, report.end, settings)
        bar.step()
    return report

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
    template = template_environment().get_template("report.html")
    return template.render(report=report, s=report.sections, csp=content_security_policy(),
                           picture=Markup(report.sections["picture"]["frame"]))

def monthly_report(network: Network, month: str, *, owner: str | None = None,
                   progress: bool | None = None) -> str:
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
    progress : bool, optional
        Show a progress bar over :data:`REPORT_STEPS` on standard error; by
        default only when standard error is a terminal.

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
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann <b>"]}),
    ...     pd.DataFrame({"date": ["2024-01-05", "2024-02-01"], "source": ["me", "ann"],
    ...                   "target": ["ann", "me"], "kind": ["one_to_one", "referral"]})),
    ...     settings={"owner": "me"})
    >>> page = monthly_report(net, "2024-02")
    >>> "Ann &lt;b&gt;" in page, "Ann <b>" in page
    (True, False)
    """
    with steps(REPORT_STEPS, "report", enabled=progress) as bar:
        page = render_report(build_report(network, month, owner=owner, progress=bar))
        bar.step()
    return page


def write_report(network: Network, month: str, path: str | Path, *, force: bool = False,
                 owner: str | None = None, progress: bool | None = None) -> Path:
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
    progress : bool, optional
        Show a progress bar, as :func:`monthly_report`.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    RefgraphError
        When ``path`` is not a path to a file
        (:func:`~refgraph.show.page.html_target`).
    OutputExistsError
        When ``path`` exists and ``force`` is False.
    """
    path = html_target(path, force=force)
    return write_atomic(path, monthly_report(network, month, owner=owner, progress=progress),
                        overwrite=True)
