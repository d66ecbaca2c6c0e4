"""The chapter's leadership report: one self-contained HTML page per month.

The report for a month scores the completed months up to the end of that
month (:func:`refgraph.scorecard` as of its last moment), so nothing logged
later changes it. It shows the traffic-light table, ``scorecard.months`` months of trends
(how many members were at each colour, month by month), the flows of
referrals between members as a picture, and the gaps and risks of
:func:`refgraph.insight.chapter.chapter_view`. Charts are SVG images
embedded as ``data:`` URIs (:func:`refgraph.show.report.figure_data_uri`),
the page carries the monthly report's Content-Security-Policy
(:func:`refgraph.show.page.content_security_policy`) and style sheet, and
fetches nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from refgraph.insight.chapter import ChapterView, chapter_view
from refgraph.insight.scorecard import scorecard
from refgraph.io.files import write_atomic
from refgraph.io.progress import Progress, steps
from refgraph.io.settings_scorecard import COLOURS
from refgraph.show.charts import safe_label
from refgraph.show.page import content_security_policy, html_target, template_environment
from refgraph.show.report import figure_data_uri
from refgraph.show.report_data import parse_month
from refgraph.show.scorecard import points_change

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from refgraph.model.network import Network

#: Chart colour of each traffic light.
LIGHT_COLOURS: dict[str, str] = {"green": "#59a14f", "amber": "#f1a340", "red": "#e15759",
                                 "grey": "#9d9d9d"}


def colour_trend(network: Network, month: str, *, months: int = 6) -> pd.DataFrame:
    """How many members were at each colour at the end of each of the last months.

    Those who had left by a month's end are not counted in it.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network({
    ...     "contacts": pd.DataFrame({"id": ["a", "b"], "name": ["Ann", "Bob"]}),
    ...     "interactions": pd.DataFrame({"date": ["2024-03-01"], "source": ["a"],
    ...                                   "target": ["b"], "kind": ["call"]}),
    ...     "members": pd.DataFrame({"member": ["a"], "joined": ["2023-01-01"]})})
    >>> colour_trend(net, "2024-03", months=2)[["month", "grey"]].to_dict("records")
    [{'month': '2024-02', 'grey': 1}, {'month': '2024-03', 'grey': 1}]
    """
    rows = []
    for period in pd.period_range(end=pd.Period(month, "M"), periods=months, freq="M"):
        card = scorecard(network, as_of=period.end_time.tz_localize("UTC"))
        counts = card.members.loc[~card.has_left().to_numpy(), "colour"].value_counts()
        rows.append({"month": str(period), **{c: int(counts.get(c, 0)) for c in COLOURS}})
    return pd.DataFrame(rows)


def trend_figure(trend: pd.DataFrame) -> Figure:
    """Stacked bars: members at each colour, month by month."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 3))
    ax = figure.subplots()
    bottom = pd.Series(0, index=trend.index)
    for colour in COLOURS:
        ax.bar(trend["month"], trend[colour], bottom=bottom, color=LIGHT_COLOURS[colour],
               label=colour)
        bottom = bottom + trend[colour]
    ax.set_ylabel("members")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure


def flows_figure(view: ChapterView, *, seed: int = 42) -> Figure:
    """The referral flows between members as a picture (arrow width: referrals)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 8))
    ax = figure.subplots()
    ax.set_axis_off()
    graph = nx.DiGraph()
    colours = dict(zip(view.card.members["member"], view.card.members["colour"], strict=True))
    graph.add_nodes_from(sorted(colours))
    for row in view.flows.itertuples(index=False):
        if row.referrals > 0:
            graph.add_edge(row.giver, row.receiver, weight=float(row.referrals))
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no members in the period", ha="center", va="center")
        return figure
    layout = nx.circular_layout(graph) if graph.number_of_edges() == 0 else \
        nx.spring_layout(graph, weight="weight", seed=seed)
    widths = [0.4 + 0.6 * graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(graph, layout, ax=ax, width=widths, alpha=0.35, arrowsize=8,
                           edge_color="#4e79a7", node_size=300)
    nx.draw_networkx_nodes(graph, layout, ax=ax, node_size=300,
                           node_color=[LIGHT_COLOURS[colours[n]] for n in graph.nodes])
    names = dict(zip(view.card.members["member"], view.card.members["name"], strict=True))
    nx.draw_networkx_labels(graph, layout, ax=ax, font_size=7,
                            labels={n: safe_label(names[n], 18) for n in graph.nodes})
    return figure


#: The steps of the leadership report's progress bar.
CHAPTER_REPORT_STEPS: tuple[str, ...] = ("scorecard and flows", "colour trend", "charts",
                                         "rendering")


def build_chapter_report(network: Network, month: str, *,
                         progress: Progress = None) -> dict[str, Any]:
    """Compute everything the leadership report of one month shows.

    Parameters
    ----------
    network : Network
        A chapter network.
    month : str
        ``YYYY-MM``.
    progress : bool, optional
        Show a progress bar over :data:`CHAPTER_REPORT_STEPS` (without
        rendering) on standard error (by default only when it is a terminal),
        or continue a caller's bar.

    Returns
    -------
    dict
        ``month``, ``month_label``, ``view`` (the :class:`ChapterView`),
        ``members`` (table rows; ``has_left`` marks those who left, listed
        last), ``lights`` (count per colour, of those still members), ``trend``
        (rows of :func:`colour_trend`) and the charts' ``data:`` URIs.
    """
    start, end = parse_month(month)
    with steps(CHAPTER_REPORT_STEPS[:-1], "chapter report", enabled=progress) as bar:
        view = chapter_view(network, as_of=end)
        bar.step()
        trend = colour_trend(network, month, months=network.settings.scorecard.months)
        bar.step()
        gone = view.card.has_left().to_numpy()
        counts = view.card.members.loc[~gone, "colour"].value_counts()
        members = view.card.members.assign(
            has_left=gone, change_text=[points_change(v) for v in view.card.members["change"]])
        sections = {
            "month": month, "month_label": start.strftime("%B %Y"), "end": end, "view": view,
            "members": members.to_dict("records"),
            "lights": {c: int(counts.get(c, 0)) for c in COLOURS},
            "trend": trend.to_dict("records"),
            "trend_chart": figure_data_uri(trend_figure(trend)),
            "flows_chart": figure_data_uri(flows_figure(view, seed=network.settings.stats.seed)),
        }
        bar.step()
    return sections


def chapter_report(network: Network, month: str, *, progress: bool | None = None) -> str:
    """The leadership report of a chapter as one self-contained HTML page.

    Parameters
    ----------
    network : Network
        A chapter network.
    month : str
        ``YYYY-MM``; the scored period ends with this month.
    progress : bool, optional
        Show a progress bar over :data:`CHAPTER_REPORT_STEPS` on standard
        error; by default only when standard error is a terminal.

    Returns
    -------
    str
        HTML with inline CSS and SVG charts; nothing is fetched when opened.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network({
    ...     "contacts": pd.DataFrame({"id": ["a", "b"], "name": ["Ann <b>", "Bob"]}),
    ...     "interactions": pd.DataFrame({"date": ["2024-03-01"], "source": ["a"],
    ...                                   "target": ["b"], "kind": ["referral"]}),
    ...     "members": pd.DataFrame({"member": ["a", "b"], "joined": ["2023-01-01"] * 2})})
    >>> page = chapter_report(net, "2024-03")
    >>> "Ann &lt;b&gt;" in page, "Ann <b>" in page
    (True, False)
    """
    with steps(CHAPTER_REPORT_STEPS, "chapter report", enabled=progress) as bar:
        sections = build_chapter_report(network, month, progress=bar)
        template = template_environment().get_template("chapter_report.html")
        page = template.render(s=sections, csp=content_security_policy())
        bar.step()
    return page


def write_chapter_report(network: Network, month: str, path: str | Path, *,
                         force: bool = False, progress: bool | None = None) -> Path:
    """Write one month's leadership report to an HTML file, atomically.

    ``progress`` is as for :func:`chapter_report`.

    Raises
    ------
    RefgraphError
        When ``path`` is not a path to a file
        (:func:`~refgraph.show.page.html_target`).
    OutputExistsError
        When ``path`` exists and ``force`` is False.
    """
    path = html_target(path, force=force)
    return write_atomic(path, chapter_report(network, month, progress=progress),
                        overwrite=True)
