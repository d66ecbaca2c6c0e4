"""How the network picture looks: colours, tooltips and the legend.

Colours: a person is coloured by community (the seeded Louvain communities of
:func:`refgraph.stats`) or by the VCP stage of their tie with the owner; ties
are coloured by stage, and referral flows by one colour of their own.

Tooltips are plain text. vis-network 9 shows string tooltips with
``innerText``, but pyvis switches every tooltip to ``innerHTML`` when one
title contains ``href``, so :func:`plain_title` keeps that word out of every
title. Only names, professions and tie figures reach a tooltip: e-mail
addresses, phones and notes do not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from refgraph.insight.communities import network_communities
from refgraph.io.settings import STAGES
from refgraph.results import format_date

if TYPE_CHECKING:
    import networkx as nx

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
#: What a person's colour can stand for.
COLOR_BY: tuple[str, ...] = ("community", "stage")


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


def count_noun(count: int, noun: str) -> str:
    """A count with its noun, plural unless the count is one.

    Examples
    --------
    >>> count_noun(1, "tie"), count_noun(1200, "contact")
    ('1 tie', '1,200 contacts')
    """
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _number(value: float) -> str:
    return f"{value:,.2f}"


def community_colours(graph: nx.Graph, network: Network) -> dict[str, tuple[str, str]]:
    """Colour and name of each person's community (as listed by :func:`refgraph.stats`).

    Communities come from :func:`refgraph.insight.stats.communities` (Louvain,
    seeded, the owner left out), largest first; the first ones get the
    palette's colours, the rest and communities too small to be listed share
    :data:`OTHER_COLOUR`.

    Parameters
    ----------
    graph : networkx.Graph
        The tie graph of the whole network (not just the part drawn): its
        ``as_of`` is the moment whose communities are coloured, those
        :func:`refgraph.stats` lists (see
        :func:`~refgraph.insight.communities.network_communities`).
    network : Network
        The network, for its settings.

    Returns
    -------
    dict
        ``{person: (colour, community name)}`` for everyone in a community.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> community_colours(net.graph(), net)  # two people make no community
    {}
    """
    groups = network_communities(network, graph.graph.get("as_of"))
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


def node_title(graph: nx.Graph, node: str, network: Network, stage: str | None,
               strength: float | None, community: str | None) -> str:
    """Tooltip of a person: name, profession, company, tie with the owner, community.

    Parameters
    ----------
    graph : networkx.Graph
        The tie graph (for the person's name, profession and company).
    node : str
        The person.
    network : Network
        The network (for the owner and names).
    stage, strength : str and float, or None
        Their tie with the owner (``None`` without a direct tie); without an
        owner, ``stage`` is the stage of their strongest tie.
    community : str or None
        The name of their community.

    Returns
    -------
    str
        Plain text, one fact per line.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> print(node_title(net.graph(), "ann", net, "visibility", 1.5, None))
    Ann
    Tie with Me: visibility, strength 1.50
    """
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


def edge_title(network: Network, u: str, v: str, data: dict) -> str:
    """Tooltip of a tie: who, stage, strength and trust, interactions and last contact.

    Parameters
    ----------
    network : Network
        The network (for names).
    u, v : str
        The two people.
    data : dict
        The tie's attributes in the tie graph.

    Returns
    -------
    str
        Plain text, one fact per line.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> edge_title(net, "me", "ann", net.graph()["me"]["ann"]).splitlines()[:2]
    ['Me – Ann', 'Stage: visibility']
    """
    lines = [
        f"{network.name_of(u)} – {network.name_of(v)}",
        f"Stage: {data['stage']}",
        f"Strength {_number(data['strength'])} (trust {data['trust']:.2f})",
        f"{count_noun(int(data['interactions']), 'interaction')}, "
        f"last {format_date(data['last_contact'])}",
    ]
    return plain_title("\n".join(lines))


def flow_title(network: Network, u: str, v: str, data: dict) -> str:
    """Tooltip of a referral-flow arrow: what ``u`` gave ``v``.

    Parameters
    ----------
    network : Network
        The network (for names).
    u, v : str
        Giver and receiver.
    data : dict
        The arrow's counts (``referrals``, ``business``, ``introductions``)
        and business ``value``.

    Returns
    -------
    str
        One line of plain text.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> flow_title(net, "me", "ann", {"referrals": 2, "value": 1500.0})
    'Me → Ann: 2 referrals, value 1,500'
    """
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


def legend_entries(network: Network, colours: dict[str, str],
                   membership: dict[str, tuple[str, str]], color_by: str) -> list[dict[str, str]]:
    """The picture's legend: the node colours actually drawn, then ties, flows and sizes.

    Parameters
    ----------
    network : Network
        The network (for the owner's name).
    colours : dict
        The colour given to each person drawn.
    membership : dict
        From :func:`community_colours`.
    color_by : {"community", "stage"}
        What the node colours stand for.

    Returns
    -------
    list of dict
        ``{"kind": "node"|"edge"|"flow"|"size", "colour": ..., "label": ...}``,
        in a stable order.

    Examples
    --------
    >>> import pandas as pd, refgraph
    >>> net = refgraph.load_network((
    ...     pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
    ...                   "kind": ["call"]})), settings={"owner": "me"})
    >>> legend = legend_entries(net, {"me": FOCUS_COLOUR, "ann": STAGE_COLOURS["visibility"]},
    ...                         {}, "stage")
    >>> [entry["label"] for entry in legend[:2]]
    ['Me (the owner)', 'tie with the owner: visibility']
    """
    legend = _node_legend(network, colours, membership, color_by)
    for stage in STAGES:
        legend.append({"kind": "edge", "colour": STAGE_COLOURS[stage],
                       "label": f"tie at the {stage} stage"})
    legend.append({"kind": "flow", "colour": FLOW_COLOUR,
                   "label": "referrals, business or introductions given (arrow: giver → receiver)"})
    legend.append({"kind": "size", "colour": OTHER_COLOUR,
                   "label": "node size: total strength of a person's ties; "
                            "line width: trust of the tie"})
    return legend


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
