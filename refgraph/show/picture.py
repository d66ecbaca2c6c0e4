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

Safety. The page is written from refgraph's own template, not pyvis's: all
JavaScript and CSS are inlined (nothing is fetched when it is opened), the
node and edge data are embedded as JSON with ``<``, ``>`` and ``&`` escaped
(so ``</script>`` in a name cannot end the script), every text around the
picture is HTML-escaped, and a Content-Security-Policy allows only the page's
own two scripts. vis-network 9 shows string tooltips with ``innerText``; pyvis
switches to ``innerHTML`` tooltips when a title contains ``href``, so titles
never contain that text (a word joiner is inserted). Only names, professions
and tie figures reach the page: e-mail addresses, phones and notes do not.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from refgraph.errors import RefgraphError
from refgraph.io.files import write_atomic
from refgraph.io.settings import STAGES
from refgraph.results import format_date

if TYPE_CHECKING:
    import pyvis.network

    from refgraph.model.network import Network

#: Colours given to communities, largest community first (Tableau 10 plus two):
#: distinguishable for most colour-blind readers in this order.
COMMUNITY_COLOURS: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#8cd17d", "#d37295",
)
#: Colour of people in communities beyond the palette, and of the unknown.
OTHER_COLOUR = "#bab0ac"
#: Stage colours: grey for "they know of each other", blue for trust earned,
#: green for money and referrals changing hands.
STAGE_COLOURS: dict[str, str] = {
    "visibility": "#a0a0a0",
    "credibility": "#3b75af",
    "profitability": "#2e9e44",
}
#: Node colour, in stage mode, of people without a direct tie to the owner.
NO_TIE_COLOUR = "#e3e3e3"
#: Node colour of the owner in stage mode, and border colour of the focus.
FOCUS_COLOUR = "#222222"
#: Colour of the dashed referral-flow arrows.
FLOW_COLOUR = "#b5541c"
COLOR_BY: tuple[str, ...] = ("community", "stage")

_PYVIS_LIB = "templates/lib/vis-9.1.2"


# --------------------------------------------------------------------------- the picture


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


def plain_title(text: str) -> str:
    """Make text safe as a vis-network tooltip: plain text that pyvis cannot turn into HTML.

    pyvis renders every tooltip as HTML (``innerHTML``) as soon as one title
    contains ``href``; a word joiner (U+2060) inside the word keeps it
    readable while taking that switch away.

    Examples
    --------
    >>> plain_title('<a href="x">') == '<a hre\u2060f="x">'
    True
    >>> "href" in plain_title("HREF href").lower()
    False
    """
    return re.sub(r"(?i)(hre)(f)", "\\1\u2060\\2", str(text))


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


def _communities(graph: nx.Graph, network: Network) -> dict[str, tuple[str, str]]:
    """Colour and name of each person's community (as listed by :func:`refgraph.stats`).

    Communities come from :func:`refgraph.insight.stats.communities` (Louvain,
    seeded, the owner left out), largest first; the first ones get the
    palette's colours, the rest and communities too small to be listed share
    :data:`OTHER_COLOUR`.
    """
    from refgraph.insight.stats import communities

    groups = communities(graph, settings=network.settings)
    if groups.empty:
        return {}
    groups = groups[groups["size"] >= network.settings.stats.min_community_size]
    found: dict[str, tuple[str, str]] = {}
    for position, (name, members) in enumerate(zip(groups["name"], groups["members"],
                                                    strict=True)):
        colour = COMMUNITY_COLOURS[position] if position < len(COMMUNITY_COLOURS) \
            else OTHER_COLOUR
        for member in members:
            found[member] = (colour, name)
    return found


def _stage_rank(stage: str) -> int:
    return STAGES.index(stage)


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
        shown = nx.ego_graph(shown, ego, radius=radius)
        hops = "hop" if radius == 1 else "hops"
        notes.append(f"The network of {network.name_of(ego)} within {radius} {hops}.")
    with_ties = {n for n in shown if shown.degree(n) > 0}
    if focus is not None and focus in shown:
        with_ties.add(focus)
    if ego is None:
        alone = sum(1 for n in graph if graph.degree(n) == 0)
        if alone:
            notes.append(f"{_count(alone, 'contact')} without any tie yet "
                         f"{'is' if alone == 1 else 'are'} not drawn.")
    shown = shown.subgraph(with_ties)

    if shown.number_of_nodes() > max_nodes:
        total_nodes, total_edges = shown.number_of_nodes(), shown.number_of_edges()
        if focus is not None and focus in shown:
            reach = nx.single_source_dijkstra_path_length(shown, focus, weight="distance")
            ranked = sorted(reach, key=lambda n: (reach[n], str(n)))
            keep = set(ranked[:max_nodes])
            how = (f"the {len(keep):,} contacts closest to {network.name_of(focus)} "
                   "by trust (strongest chain of ties)")
        else:
            edges = sorted(shown.edges(data="strength"),
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


def _layout(graph: nx.Graph, settings) -> dict[str, tuple[float, float]]:
    """Seeded spring layout in pixels; deterministic for the same graph."""
    if graph.number_of_nodes() == 0:
        return {}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph, key=str))
    ordered.add_edges_from(
        sorted(((u, v, {"trust": t}) for u, v, t in graph.edges(data="trust")),
               key=lambda e: (str(e[0]), str(e[1])))
    )
    viz = settings.viz
    iterations = viz.layout_iterations
    if len(ordered) > viz.layout_full_max_nodes:
        iterations = max(viz.layout_min_iterations,
                         iterations * viz.layout_full_max_nodes // len(ordered))
    positions = nx.spring_layout(ordered, weight="trust", seed=viz.layout_seed,
                                 iterations=iterations, method="force")
    # Spread grows with the square root of the count so density stays readable.
    scale = 50.0 * math.sqrt(max(graph.number_of_nodes(), 1))
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1))
            for n, (x, y) in positions.items()}


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _number(value: float) -> str:
    return f"{value:,.2f}"


def _node_title(graph: nx.Graph, node: str, network: Network, stage: str | None,
                strength: float | None, community: str | None) -> str:
    data = graph.nodes[node]
    lines = [str(data.get("name") or node)]
    for key in ("profession", "company"):
        if data.get(key):
            lines.append(str(data[key]))
    owner = network.owner
    if owner is not None and node == owner:
        lines.append("(the owner of this network)")
    elif owner is not None:
        if stage is None:
            lines.append(f"No direct tie with {network.name_of(owner)}")
        else:
            lines.append(f"Tie with {network.name_of(owner)}: {stage}, "
                         f"strength {_number(strength)}")
    elif stage is not None:
        lines.append(f"Strongest tie stage: {stage}")
    if community:
        lines.append(f"Community: {community}")
    return plain_title("\n".join(lines))


def _edge_title(network: Network, u: str, v: str, data: dict) -> str:
    lines = [
        f"{network.name_of(u)} – {network.name_of(v)}",
        f"Stage: {data['stage']}",
        f"Strength {_number(data['strength'])} (trust {data['trust']:.2f})",
        f"{_count(int(data['interactions']), 'interaction')}, "
        f"last {format_date(data['last_contact'])}",
    ]
    return plain_title("\n".join(lines))


def _flow_title(network: Network, u: str, v: str, data: dict) -> str:
    parts = []
    for key, one, many in (("referrals", "referral", "referrals"),
                           ("business", "business deal", "business deals"),
                           ("introductions", "introduction", "introductions")):
        count = int(data.get(key, 0) or 0)
        if count:
            parts.append(f"{count:,} {one if count == 1 else many}")
    value = float(data.get("value", 0.0) or 0.0)
    if value:
        parts.append(f"value {value:,.0f}")
    return plain_title(f"{network.name_of(u)} → {network.name_of(v)}: " + ", ".join(parts))


def _node_legend(network: Network, colours: dict[str, str],
                 membership: dict[str, tuple[str, str]], color_by: str) -> list[dict[str, str]]:
    """Legend entries for the node colours actually drawn, in a stable order."""
    owner = network.owner
    shown = set(colours.values())
    legend: list[dict[str, str]] = []
    if owner is not None and owner in colours:
        legend.append({"kind": "node", "colour": FOCUS_COLOUR,
                       "label": f"{network.name_of(owner)} (the owner)"})
    if color_by == "community":
        named: dict[str, str] = {}
        for colour, name in membership.values():
            if colour != OTHER_COLOUR:
                named.setdefault(colour, name)
        for colour in COMMUNITY_COLOURS:
            if colour in shown and colour in named:
                legend.append({"kind": "node", "colour": colour,
                               "label": f"community: {named[colour]}"})
        if OTHER_COLOUR in shown:
            legend.append({"kind": "node", "colour": OTHER_COLOUR,
                           "label": "other or no community"})
        return legend
    who = "tie with the owner" if owner is not None else "strongest tie"
    for stage in STAGES:
        if STAGE_COLOURS[stage] in shown:
            legend.append({"kind": "node", "colour": STAGE_COLOURS[stage],
                           "label": f"{who}: {stage}"})
    if NO_TIE_COLOUR in shown:
        legend.append({"kind": "node", "colour": NO_TIE_COLOUR,
                       "label": "no direct tie with the owner"})
    return legend


def build_picture(
    network: Network,
    *,
    as_of: object = None,
    ego: str | None = None,
    radius: int | None = None,
    min_stage: str | None = None,
    color_by: str = "community",
    max_nodes: int | None = None,
) -> Picture:
    """Prepare a picture: choose, place and style the nodes and edges.

    Parameters are those of :func:`to_pyvis`.

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
    from pyvis.network import Network as PyvisNetwork

    settings = network.settings
    radius = settings.viz.ego_radius if radius is None else radius
    max_nodes = settings.viz.max_nodes if max_nodes is None else max_nodes
    _check_options(network, ego, radius, min_stage, color_by, max_nodes)
    stamp = network.resolve_as_of(as_of)
    graph = network.graph(stamp)
    owner = network.owner

    shown, notes = _select(graph, network, ego=ego, radius=radius, min_stage=min_stage,
                           max_nodes=max_nodes)
    nodes = sorted(shown, key=str)
    positions = _layout(shown, settings)

    # Size by weighted degree in the whole network, not just the part shown;
    # log-scaled because the owner's total dwarfs everyone else's.
    weighted = {n: float(graph.degree(n, weight="strength")) for n in nodes}
    top = max(weighted.values(), default=0.0) or 1.0
    viz = settings.viz

    # Communities of the whole network, so colours match refgraph.stats.
    membership = _communities(graph, network)

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
            title=_node_title(graph, node, network, stage, strength, community),
            x=x, y=y, size=round(size, 1),
            color={"background": colour, "border": FOCUS_COLOUR if is_focus else colour,
                   "highlight": {"background": colour, "border": FOCUS_COLOUR}},
            borderWidth=4 if is_focus else 1,
            font={"size": 16 if is_focus else 12},
        )

    edges = sorted(shown.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    for u, v, data in edges:
        a, b = sorted((str(u), str(v)))
        colour = STAGE_COLOURS[data["stage"]]
        net.add_edge(
            a, b, arrows={"to": {"enabled": False}},
            width=round(viz.edge_width_min
                        + (viz.edge_width_max - viz.edge_width_min) * float(data["trust"]), 2),
            color={"color": colour, "highlight": colour, "hover": colour, "opacity": 0.7},
            title=_edge_title(network, u, v, data),
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
            title=_flow_title(network, u, v, data),
        )

    net.options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": len(edges) > 2000,
                        "multiselect": False},
        "edges": {"smooth": False, "selectionWidth": 2},
        "nodes": {"shape": "dot", "font": {"face": "sans-serif"}},
    }

    legend = _node_legend(network, colours, membership, color_by)
    for stage in STAGES:
        legend.append({"kind": "edge", "colour": STAGE_COLOURS[stage],
                       "label": f"tie at the {stage} stage"})
    legend.append({"kind": "flow", "colour": FLOW_COLOUR,
                   "label": "referrals, business or introductions given (arrow: giver → receiver)"})
    legend.append({"kind": "size", "colour": OTHER_COLOUR,
                   "label": "node size: total strength of a person's ties; "
                            "line width: trust of the tie"})

    who = network.name_of(focus) if focus is not None else "the network"
    title = f"Referral network of {who}" if focus is not None else "Referral network"
    subtitle = (f"As of {format_date(stamp)} · {len(nodes):,} contacts · {len(edges):,} ties · "
                f"{len(flows):,} referral flows")
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

    Returns
    -------
    pyvis.network.Network
        Positions fixed (physics off), plain-text titles, no heading. Write it
        with :func:`write_html` or :func:`picture_html`, which add the legend
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
                         color_by=color_by, max_nodes=max_nodes).net


# --------------------------------------------------------------------------- HTML


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, as shipped inside pyvis."""
    import pyvis

    folder = Path(pyvis.__file__).resolve().parent / _PYVIS_LIB
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # Inlined text must not be able to close its own element.
    if "</script" in script.lower() or "</style" in style.lower():
        raise RefgraphError("the vis-network files shipped with pyvis cannot be inlined safely")
    return script, style


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("refgraph.show"),
                       autoescape=select_autoescape(["html"]))


def script_json(value: Any) -> str:
    """JSON for a ``<script>`` block: ``<``, ``>``, ``&`` and line separators escaped.

    The result cannot close the script (``</script>``) or open a comment
    (``<!--``), whatever the data holds.

    Examples
    --------
    >>> script_json({"name": "</script><!--"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def picture_script_hashes() -> list[str]:
    """CSP source expressions (``'sha256-…'``) of the picture page's two scripts.

    A page that embeds the picture in an ``<iframe srcdoc>`` must allow these
    too: a srcdoc frame inherits its parent's Content-Security-Policy.
    """
    script, _ = _vis_assets()
    return [_csp_hash(script), _csp_hash(_INIT_SCRIPT.strip())]


def _content_security_policy() -> str:
    """Allow only the page's own scripts and styles; no network, no inline handlers."""
    return ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            f"script-src {' '.join(picture_script_hashes())}; base-uri 'none'; "
            "form-action 'none'")


_INIT_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("refgraph-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("picture");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.refgraphPicture = {network: network, nodes: nodes, edges: edges};
})();
"""


def render_picture(picture: Picture) -> str:
    """Render a :class:`Picture` as one self-contained, offline HTML page.

    Parameters
    ----------
    picture : Picture
        From :func:`build_picture`.

    Returns
    -------
    str
        The page.
    """
    script, style = _vis_assets()
    net = picture.net
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options}
    template = _environment().get_template("picture.html")
    return template.render(
        picture=picture,
        data_json=script_json(data),
        vis_script=script,
        vis_style=style,
        init_script=_INIT_SCRIPT.strip(),
        csp=_content_security_policy(),
        height=f"{network_height(net)}px",
    )


def network_height(net) -> int:
    """Height in pixels of the picture area of a pyvis network."""
    digits = re.match(r"^\s*(\d+)", str(net.height))
    return int(digits.group(1)) if digits else 750


def picture_html(network: Network, **options: Any) -> str:
    """The picture as one self-contained, offline HTML page.

    Parameters
    ----------
    network : Network
        A loaded network.
    **options
        Those of :func:`to_pyvis` (``as_of``, ``ego``, ``radius``,
        ``min_stage``, ``color_by``, ``max_nodes``).

    Returns
    -------
    str
        HTML with vis-network inlined: it fetches nothing when opened.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "x"], "name": ["Me", "<img src=x onerror=alert(1)>"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["x"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> page = picture_html(net)
    >>> "<img src=x" in page
    False
    """
    return render_picture(build_picture(network, **options))


def write_html(network: Network, path: str | Path, *, force: bool = False,
               **options: Any) -> Path:
    """Write the picture to an HTML file, atomically.

    Parameters
    ----------
    network : Network
        A loaded network.
    path : str or Path
        The file to write.
    force : bool
        Replace ``path`` if it exists; otherwise :class:`OutputExistsError`.
    **options
        Those of :func:`to_pyvis`.

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    OutputExistsError
        When ``path`` exists and ``force`` is False.

    Examples
    --------
    >>> import pandas as pd, refgraph, tempfile, pathlib
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "network.html"
    >>> write_html(net, target).name
    'network.html'
    """
    path = Path(path)
    if path.exists() and not force:
        from refgraph.errors import OutputExistsError

        raise OutputExistsError(f"{path} already exists; use --force to replace it")
    return write_atomic(path, picture_html(network, **options), overwrite=True)


# --------------------------------------------------------------------------- Jupyter


def iframe_srcdoc(page: str, *, height: int, title: str = "refgraph picture") -> str:
    """Wrap a whole HTML page in a sandboxed ``<iframe srcdoc>`` (escaped).

    The frame may run the page's scripts but gets an opaque origin, so it
    cannot touch the surrounding notebook or report.

    Examples
    --------
    >>> iframe_srcdoc('<p title="a">x</p>', height=100)[:60]
    '<iframe sandbox="allow-scripts" title="refgraph picture" loa'
    """
    return (f'<iframe sandbox="allow-scripts" title="{html.escape(title)}" loading="lazy" '
            f'style="width:100%;height:{int(height)}px;border:0" '
            f'srcdoc="{html.escape(page, quote=True)}"></iframe>')


@dataclass
class NotebookPicture:
    """A picture that Jupyter shows inline (inside an ``<iframe srcdoc>``).

    Attributes
    ----------
    html : str
        The whole standalone page.
    height : int
        Frame height in pixels.
    """

    html: str
    height: int

    def _repr_html_(self) -> str:
        return iframe_srcdoc(self.html, height=self.height)

    def __repr__(self) -> str:
        return f"<NotebookPicture: {len(self.html):,} characters of HTML>"


def show_notebook(network: Network, **options: Any) -> NotebookPicture:
    """Show the picture inline in Jupyter (VS Code, JupyterLab, Colab included).

    pyvis's own notebook output is blank in several front ends; an iframe
    with the page in ``srcdoc`` works in all of them and needs no files.

    Parameters
    ----------
    network : Network
        A loaded network.
    **options
        Those of :func:`to_pyvis`.

    Returns
    -------
    NotebookPicture
        An object whose ``_repr_html_`` Jupyter displays.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> show_notebook(net)._repr_html_().startswith("<iframe")
    True
    """
    picture = build_picture(network, **options)
    return NotebookPicture(render_picture(picture), network_height(picture.net) + 260)
