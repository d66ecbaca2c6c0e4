"""Where each person sits in the network picture, computed in Python.

The positions come from a seeded spring layout, so a picture looks the same
every time and the browser has nothing to simulate (physics stays off, and
even large pictures open at once).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from refgraph.io.settings import Settings


def spring_positions(graph: nx.Graph, settings: Settings) -> dict[str, tuple[float, float]]:
    """Seeded spring layout in pixels; deterministic for the same graph.

    Ties pull with their trust. Nodes and edges are fed to the layout in a
    sorted order, so the positions do not depend on the order the graph was
    built in. Above ``settings.viz.layout_full_max_nodes`` people the number
    of iterations shrinks (never below ``layout_min_iterations``) to keep
    large pictures quick.

    Parameters
    ----------
    graph : networkx.Graph
        The part of the tie graph drawn, with a ``trust`` on every tie.
    settings : Settings
        The network's settings (``settings.viz`` holds the seed and iterations).

    Returns
    -------
    dict
        ``{person: (x, y)}`` in pixels, rounded to a tenth.

    Examples
    --------
    >>> import refgraph
    >>> graph = nx.Graph([("a", "b", {"trust": 0.5}), ("b", "c", {"trust": 0.9})])
    >>> positions = spring_positions(graph, refgraph.Settings())
    >>> sorted(positions), positions == spring_positions(graph, refgraph.Settings())
    (['a', 'b', 'c'], True)
    """
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
