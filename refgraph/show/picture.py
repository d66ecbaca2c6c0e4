"""Interactive HTML pictures of a network, drawn with pyvis (vis-network).

What the picture shows:

* **nodes** are contacts; their size grows with weighted degree (the sum of
  the strengths of their ties, log-scaled so the owner does not swallow the
  page); their colour is their community (the seeded Louvain communities
  of :func:`refgraph.stats`, which leave the owner out: the owner is drawn
  dark, with a thick border) or the VCP stage of their tie with the owner;
* **ties** are drawn as straight lines whose width grows with trust (tie
  strength mapped into [0, 1]) and whose colour is the tie's stage;
* **referral flow** is drawn as separate dashed, curved arrows from giver to
  receiver for every pair that passed referrals, business or introductions;
* hovering shows, as plain text, a person's name, profession, the stage and
  strength of their tie with the owner, and for a tie its stage, strength,
  trust and last contact.

The layout is computed in Python (a seeded spring layout) and physics is off,
so even large pictures open at once and look the same every time. Above
``settings.viz.max_nodes`` contacts the picture keeps the ones closest to the
owner (or ``ego``) by trust, or without an owner the strongest ties, and says
in the page what it left out.

The picture is built here as plain data (:class:`Picture`); the colours and
tooltips come from :mod:`refgraph.show.picture_style`, the positions from
:mod:`refgraph.show.layout`, and :mod:`refgraph.show.page` renders it as a
safe, offline HTML page (``picture_html``, ``write_html``, ``show_notebook``).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from refgraph.errors import RefgraphError
from refgraph.io.progress import Progress, Steps, steps
from refgraph.io.settings import STAGES
from refgraph.results import format_date
from refgraph.show.layout import spring_positions
from refgraph.show.picture_style import (
    COLOR_BY,
    FLOW_COLOUR,
    FOCUS_COLOUR,
    NO_TIE_COLOUR,
    OTHER_COLOUR,
    STAGE_COLOURS,
    community_colours,
    count_noun,
    edge_title,
    flow_title,
    legend_entries,
    node_title,
)

if TYPE_CHECKING:
    import pyvis.network

    from refgraph.model.network import Network


#: The steps of :func:`build_picture`'s progress bar.
PICTURE_STEPS: tuple[str, ...] = ("graph", "choosing people", "layout", "communities",
                                  "drawing")


@dataclass
class Picture:
    """A prepared picture: the pyvis network plus the text around it.

    Attributes
    ----------
    net : pyvis.network.Network
        Nodes and edges with positions, sizes, colours and plain-text titles.
    title : str
        Page heading (plain text; escaped when rendered).
    subtitle : str
        One line under the heading: date and counts.
    notes : list of str
        What was filtered or left out, in words.
    legend : list of dict
        ``{"kind": "node"|"edge"|"flow"|"size", "colour": ..., "label": ...}``.
    shown_nodes, shown_edges, shown_flows : int
        What the picture draws.
    """

    net: pyvis.network.Network
    title: str
    subtitle: str
    notes: list[str] = field(default_factory=list)
    legend: list[dict[str, str]] = field(default_factory=list)
    shown_nodes: int = 0
    shown_edges: int = 0
    shown_flows: int = 0


def _check_options(network: Network, ego, radius, min_stage, color_by, max_nodes) -> None:
    if color_by not in COLOR_BY:
        raise RefgraphError(f"color_by {color_by!r}: expected one of {', '.join(COLOR_BY)}")
    if min_stage is not None and min_stage not in STAGES:
        raise RefgraphError(f"min_stage {min_stage!r}: expected one of {', '.join(STAGES)}")
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 0:
        raise RefgraphError(f"radius {radius!r}: expected a whole number of hops >= 0")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise RefgraphError(f"max_nodes {max_nodes!r}: expected a whole number >= 1")
    if ego is not None:
        network.require(ego, role="ego")


def _stage_rank(stage: str) -> int:
    return STAGES.index(stage)


def _oriented_ties(shown: nx.Graph, graph: nx.Graph, data: str | bool = True) -> list[tuple]:
    """The ties of ``shown``, each pair named in the order of ``graph``'s nodes.

    A subgraph lists a tie either way round depending on the order of the set
    it was cut with, which changes from run to run; naming every pair as the
    whole graph does keeps tooltips, trimming and the page the same each time.
    """
    order = {node: position for position, node in enumerate(graph)}
    return [(u, v, value) if order[u] < order[v] else (v, u, value)
            for u, v, value in shown.edges(data=data)]


def nearest(graph: nx.Graph, source: Hashable, count: int, weight: str = "distance") -> list:
    """The ``count`` people nearest ``source`` by summed ``weight``, nearest first.

    Ties in distance are broken by name (``str``). This is Dijkstra's search
    stopped once ``count`` people are settled and nobody as near is left: a
    picture of 60 people around someone tied to half a million settles about
    60, where a full search would settle everyone.

    Examples
    --------
    >>> G = nx.Graph([("me", "b", {"distance": 2.0}), ("me", "a", {"distance": 1.0}),
    ...               ("a", "c", {"distance": 0.5}), ("b", "d", {"distance": 1.0})])
    >>> nearest(G, "me", 3)
    ['me', 'a', 'c']
    """
    settled: dict[Hashable, float] = {}  # in order of distance
    best = {source: 0.0}
    queue = [(0.0, 0, source)]
    pushed = itertools.count(1)  # orders equal distances without comparing nodes
    while queue:
        distance, _, node = heapq.heappop(queue)
        if node in settled:
            continue
        if len(settled) >= count and distance > settled[next(reversed(settled))]:
            break
        settled[node] = distance
        for other, data in graph[node].items():
            reached = distance + data.get(weight, 1)
            if other not in settled and reached < best.get(other, math.inf):
                best[other] = reached
                heapq.heappush(queue, (reached, next(pushed), other))
    return sorted(settled, key=lambda n: (settled[n], str(n)))[:count]


def _select(graph: nx.Graph, network: Network, *, ego, radius, min_stage, max_nodes):
    """Choose the nodes to draw; return them with notes on what was left out."""
    notes: list[str] = []
    shown = graph
    if min_stage is not None:
        floor = _stage_rank(min_stage)
        shown = nx.subgraph_view(
            graph, filter_edge=lambda u, v: _stage_rank(graph[u][v]["stage"]) >= floor)
        notes.append(f"Only ties at the {min_stage} stage or above are drawn.")
    focus = ego if ego is not None else network.owner
    if ego is not None:
        # A view of the people within reach, as nx.ego_graph would copy them:
        # each has a tie to whoever reached them, so none is alone.
        reach = nx.single_source_shortest_path_length(shown, ego, cutoff=radius)
        shown = shown.subgraph(reach)
        hops = "hop" if radius == 1 else "hops"
        notes.append(f"The network of {network.name_of(ego)} within {radius} {hops}.")
        with_ties = set(reach) if len(reach) > 1 else set()
    else:
        with_ties = {n for n in shown if shown.degree(n) > 0}
    if focus is not None and focus in shown:
        with_ties.add(focus)
    if ego is None:
        alone = sum(1 for n in graph if graph.degree(n) == 0)
        if alone:
            notes.append(f"{count_noun(alone, 'contact')} without any tie yet "
                         f"{'is' if alone == 1 else 'are'} not drawn.")
    # Leaving out people without a tie leaves out no tie: with no other filter the
    # graph's own count holds (counting a view's edges walks every neighbour dict).
    edges_left = graph.number_of_edges() if min_stage is None and ego is None else None
    shown = shown.subgraph(with_ties)

    if shown.number_of_nodes() > max_nodes:
        total_nodes = shown.number_of_nodes()
        total_edges = shown.number_of_edges() if edges_left is None else edges_left
        if focus is not None and focus in shown:
            keep = set(nearest(shown, focus, max_nodes))
            how = (f"the {len(keep):,} contacts closest to {network.name_of(focus)} "
                   "by trust (strongest chain of ties)")
        else:
            edges = sorted(_oriented_ties(shown, graph, data="strength"),
                           key=lambda e: (-e[2], str(e[0]), str(e[1])))
            keep: set = set()
            for u, v, _ in edges:
                new = {u, v} - keep
                if len(keep) + len(new) > max_nodes:
                    continue
                keep |= new
                if len(keep) == max_nodes:
                    break
            how = f"the {len(keep):,} contacts joined by the strongest ties"
        shown = shown.subgraph(keep)
        notes.append(
            f"Too many to draw at once ({total_nodes:,} contacts, {total_edges:,} ties; "
            f"the limit is {max_nodes:,}): showing {how}. Left out: "
            f"{total_nodes - shown.number_of_nodes():,} contacts and "
            f"{total_edges - shown.number_of_edges():,} ties. To see them, centre the picture on "
            "someone else (ego, --ego ID) or allow more people (max_nodes, --max-nodes N)."
        )
    return shown, notes


def build_picture(
    network: Network,
    *,
    as_of: object = None,
    ego: str | None = None,
    radius: int | None = None,
    min_stage: str | None = None,
    color_by: str = "community",
    max_nodes: int | None = None,
    progress: Progress = None,
) -> Picture:
    """Prepare a picture: choose, place and style the nodes and edges.

    Parameters are those of :func:`to_pyvis`; ``progress`` may also be the bar
    of a caller whose steps include :data:`PICTURE_STEPS`.

    Returns
    -------
    Picture
        The pyvis network and the title, notes and legend around it.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["one_to_one"]})), settings={"owner": "me"})
    >>> picture = build_picture(net)
    >>> picture.shown_nodes, picture.shown_edges
    (2, 1)
    """
    settings = network.settings
    radius = settings.viz.ego_radius if radius is None else radius
    max_nodes = settings.viz.max_nodes if max_nodes is None else max_nodes
    _check_options(network, ego, radius, min_stage, color_by, max_nodes)
    stamp = network.resolve_as_of(as_of)
    with steps(PICTURE_STEPS, "picture", enabled=progress) as bar:
        return _build(network, stamp, ego=ego, radius=radius, min_stage=min_stage,
                      color_by=color_by, max_nodes=max_nodes, bar=bar)


def _build(network: Network, stamp, *, ego, radius, min_stage, color_by, max_nodes,
           bar: Steps) -> Picture:
    """:func:`build_picture`'s work, one step of ``bar`` at a time."""
    from pyvis.network import Network as PyvisNetwork

    settings = network.settings
    graph = network.graph(stamp)
    owner = network.owner
    bar.step()

    shown, notes = _select(graph, network, ego=ego, radius=radius, min_stage=min_stage,
                           max_nodes=max_nodes)
    nodes = sorted(shown, key=str)
    bar.step()
    positions = spring_positions(shown, settings)
    bar.step()

    # Size by weighted degree in the whole network, not just the part shown;
    # log-scaled because the owner's total dwarfs everyone else's.
    weighted = {n: float(graph.degree(n, weight="strength")) for n in nodes}
    top = max(weighted.values(), default=0.0) or 1.0
    viz = settings.viz

    # Communities of the whole network, so colours match refgraph.stats.
    membership = community_colours(graph, network)
    bar.step()

    def tie_to_owner(node: str) -> tuple[str | None, float | None]:
        if owner is not None:
            if node != owner and graph.has_edge(owner, node):
                edge = graph[owner][node]
                return edge["stage"], float(edge["strength"])
            return None, None
        stages = [s for _, _, s in graph.edges(node, data="stage")]
        return (max(stages, key=_stage_rank) if stages else None), None

    net = PyvisNetwork(height=f"{viz.height_px}px", width="100%", directed=True,
                       heading="", cdn_resources="in_line")
    focus = ego if ego is not None else owner
    colours: dict[str, str] = {}
    for node in nodes:
        stage, strength = tie_to_owner(node)
        community = membership.get(node, (OTHER_COLOUR, None))[1]
        if owner is not None and node == owner:
            colour = FOCUS_COLOUR
        elif color_by == "community":
            colour = membership.get(node, (OTHER_COLOUR, None))[0]
        else:
            colour = STAGE_COLOURS.get(stage, NO_TIE_COLOUR)
        colours[node] = colour
        size = viz.node_size_min + (viz.node_size_max - viz.node_size_min) * (
            math.log1p(weighted[node]) / math.log1p(top))
        x, y = positions[node]
        is_focus = node == focus
        net.add_node(
            str(node),
            label=str(graph.nodes[node].get("name") or node),
            title=node_title(graph, node, network, stage, strength, community),
            x=x, y=y, size=round(size, 1),
            color={"background": colour, "border": FOCUS_COLOUR if is_focus else colour,
                   "highlight": {"background": colour, "border": FOCUS_COLOUR}},
            borderWidth=4 if is_focus else 1,
            font={"size": 16 if is_focus else 12},
        )

    edges = sorted(_oriented_ties(shown, graph), key=lambda e: (str(e[0]), str(e[1])))
    for u, v, data in edges:
        a, b = sorted((str(u), str(v)))
        colour = STAGE_COLOURS[data["stage"]]
        net.add_edge(
            a, b, arrows={"to": {"enabled": False}},
            width=round(viz.edge_width_min
                        + (viz.edge_width_max - viz.edge_width_min) * float(data["trust"]), 2),
            color={"color": colour, "highlight": colour, "hover": colour, "opacity": 0.7},
            title=edge_title(network, u, v, data),
        )

    flow_graph = network.flow_graph(stamp)
    kept = set(nodes)
    flows = sorted(((u, v, d) for u, v, d in flow_graph.edges(data=True)
                    if u in kept and v in kept and u != v),
                   key=lambda e: (str(e[0]), str(e[1])))
    for u, v, data in flows:
        count = int(data.get("referrals", 0)) + int(data.get("business", 0)) + int(
            data.get("introductions", 0))
        net.add_edge(
            str(u), str(v), arrows={"to": {"enabled": True, "scaleFactor": 0.6}},
            dashes=True, width=round(1.0 + math.log1p(count), 2),
            color={"color": FLOW_COLOUR, "highlight": FLOW_COLOUR, "hover": FLOW_COLOUR,
                   "opacity": 0.9},
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.25},
            title=flow_title(network, u, v, data),
        )

    net.options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": len(edges) > 2000,
                        "multiselect": False},
        "edges": {"smooth": False, "selectionWidth": 2},
        "nodes": {"shape": "dot", "font": {"face": "sans-serif"}},
    }

    legend = legend_entries(network, colours, membership, color_by)

    who = network.name_of(focus) if focus is not None else "the network"
    title = f"Referral network of {who}" if focus is not None else "Referral network"
    subtitle = (f"As of {format_date(stamp)} · {len(nodes):,} contacts · {len(edges):,} ties · "
                f"{len(flows):,} referral flows")
    bar.step()
    return Picture(net=net, title=title, subtitle=subtitle, notes=notes, legend=legend,
                   shown_nodes=len(nodes), shown_edges=len(edges), shown_flows=len(flows))


def to_pyvis(
    network: Network,
    *,
    as_of: object = None,
    ego: str | None = None,
    radius: int | None = None,
    min_stage: str | None = None,
    color_by: str = "community",
    max_nodes: int | None = None,
    progress: bool | None = None,
) -> pyvis.network.Network:
    """Build an interactive picture of the network as a pyvis ``Network``.

    Parameters
    ----------
    network : Network
        A loaded network.
    as_of : str, date or Timestamp, optional
        Draw the network as it stood then (default: the latest interaction).
    ego : str, optional
        Draw only this person's network, ``radius`` hops around them.
    radius : int, optional
        Hops around ``ego`` (default ``settings.viz.ego_radius``, 2).
    min_stage : {"visibility", "credibility", "profitability"}, optional
        Draw only ties at this stage or above.
    color_by : {"community", "stage"}
        Colour people by community or by the stage of their tie with the owner.
    max_nodes : int, optional
        Most contacts drawn (default ``settings.viz.max_nodes``); beyond it the
        people closest to the owner (or ``ego``) by trust are kept.
    progress : bool, optional
        Show a progress bar over :data:`PICTURE_STEPS` on standard error; by
        default only when standard error is a terminal.

    Returns
    -------
    pyvis.network.Network
        Positions fixed (physics off), plain-text titles, no heading. Write it
        with :func:`~refgraph.show.page.write_html` or
        :func:`~refgraph.show.page.picture_html`, which add the legend
        and notes and keep the page offline; pyvis's own ``generate_html``
        template links bootstrap from a CDN.

    Raises
    ------
    RefgraphError
        For an unknown ``ego``, stage or colour mode, or a bad radius.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]}),
    ...     pd.DataFrame({"date": ["2024-01-05", "2024-02-01"], "source": ["me", "ann"],
    ...                   "target": ["ann", "bob"], "kind": ["one_to_one", "referral"]})),
    ...     settings={"owner": "me"})
    >>> picture = to_pyvis(net, ego="ann", radius=1)
    >>> sorted(node["id"] for node in picture.nodes)
    ['ann', 'bob', 'me']
    >>> sum(1 for edge in picture.edges if edge["arrows"]["to"]["enabled"])  # ann -> bob
    1
    """
    return build_picture(network, as_of=as_of, ego=ego, radius=radius, min_stage=min_stage,
                         color_by=color_by, max_nodes=max_nodes, progress=progress).net
