"""Communities and the brokers who bridge them.

**Communities**
    Louvain communities (igraph's ``Graph.community_multilevel``, weighted by
    strength, seeded; see :mod:`refgraph.insight.kernels` for why igraph rather
    than :func:`networkx.community.louvain_communities`, which finds
    partitions of the same modularity about fifty times slower) of the people
    who have ties, **without the owner**: the owner is tied to everyone, so
    with them in the graph one giant community swallows the rest. Each community is named from the
    professions and tags over-represented among its members; tags that only say
    where people came from or where they stand ("linkedin", "prospect") only
    when nothing else describes the group.
**Brokers**
    People who bridge communities. A broker's score is their *participation
    coefficient* (Guimerà and Amaral): ``1 - sum_c (s_c / s)^2`` where ``s_c``
    is the strength of their ties into community ``c`` and ``s`` the total
    over all communities (0 when all ties stay in one community, near 1 when
    spread evenly over many), multiplied by their betweenness relative to the
    highest betweenness among contacts (so someone merely touching two groups
    with weak ties, which no trusted path uses, scores low). Only people with
    ties into at least ``stats.broker_min_communities`` communities are brokers.

The owner is left out of the broker list (they are at the centre of their own
network by construction).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from refgraph.insight.centrality import centrality_of
from refgraph.insight.kernels import (
    LABEL_ATTRIBUTES,
    TieArrays,
    excluded,
    graph_arrays,
    louvain,
    network_arrays,
)
from refgraph.io.settings import Settings
from refgraph.io.text import split_list
from refgraph.model.network import Network


def _labels_of(value: object) -> list[str]:
    if isinstance(value, list | tuple | set):
        return [str(v).strip() for v in value if str(v).strip()]
    return split_list(value)


def _member_labels(people: pd.DataFrame, nodes: pd.Index) -> pd.DataFrame:
    """One row per person and label (profession or tag), compared case-insensitively.

    Returns
    -------
    DataFrame
        ``person``, ``attribute`` (``profession`` or ``tags``), ``key`` (the
        label case-folded) and ``label`` (as written); professions first.
    """
    parts = []
    for attribute in LABEL_ATTRIBUTES:
        values = people[attribute].reindex(nodes).to_numpy(dtype=object)
        is_text = np.fromiter((isinstance(v, str) for v in values), dtype=bool,
                              count=len(values))
        # Each distinct ";"-separated cell is split once (professions and tags repeat);
        # lists (set on a graph by hand) one by one.
        text_rows = np.flatnonzero(is_text)
        codes, distinct = pd.factorize(values[text_rows])
        cells = [_distinct_labels(split_list(cell)) for cell in distinct]
        counts = np.array([len(cell) for cell in cells], dtype=np.int64)
        per_row = counts[codes]
        # Row r of the result is item take[r] of the distinct cells' items, end to end.
        take = (np.repeat((np.cumsum(counts) - counts)[codes] - (np.cumsum(per_row) - per_row),
                          per_row) + np.arange(int(per_row.sum())))
        rows = [np.repeat(text_rows, per_row)]
        labels = [np.array([label for cell in cells for label, _ in cell], dtype=object)[take]]
        keys = [np.array([key for cell in cells for _, key in cell], dtype=object)[take]]
        for row in np.flatnonzero(~is_text & pd.notna(values)):
            listed = _distinct_labels(_labels_of(values[row]))
            rows.append(np.full(len(listed), row, dtype=np.int64))
            labels.append(np.array([label for label, _ in listed], dtype=object))
            keys.append(np.array([key for _, key in listed], dtype=object))
        position = np.concatenate(rows)
        order = np.argsort(position, kind="stable")  # people in order, labels as written
        parts.append(pd.DataFrame({
            "person": nodes[position[order]], "attribute": attribute,
            "key": pd.Series(np.concatenate(keys)[order], dtype=object),
            "label": pd.Series(np.concatenate(labels)[order], dtype=object)}))
    return pd.concat(parts, ignore_index=True)[["person", "attribute", "key", "label"]]


def _distinct_labels(labels: list[str]) -> list[tuple[str, str]]:
    """``(label, key)`` pairs of one cell, the first spelling of each case-folded key."""
    seen: dict[str, str] = {}
    for label in labels:
        seen.setdefault(label.casefold(), label)
    return [(label, key) for key, label in seen.items()]


#: A label names a community only if at least this share of its members carry
#: it: three garage owners among 47 people say nothing about the 47.
NAME_MIN_SHARE = 0.1
#: ...and it is at least this many times as common there as in the network: a
#: chapter's "member" tag, on half its people, does not tell one group apart.
NAME_MIN_LIFT = 1.5
#: A label fewer than this share of the members carry must be
#: :data:`NAME_MINORITY_LIFT` times as common there as in the network: five
#: "bni" tags among 47 people (a tenth, where 7 % of the network has one) do not
#: make the 47 a BNI group, while a group of plumbers is one however many
#: plumbers the network has.
NAME_STRONG_SHARE = 0.2
NAME_MINORITY_LIFT = 2.0
#: A tag of ``stats.community_status_tags`` (where people came from, where they
#: stand: "linkedin", "prospect", "visitor") names a community only when no
#: other label does, and at least this share of its members carry it: two
#: prospects among five make no group of prospects, four visitors among six do.
NAME_STATUS_SHARE = 0.5


def _is_status_tag(keys: pd.Series, status_tags: tuple[str, ...]) -> np.ndarray:
    """Which case-folded labels are status tags; a trailing ``*`` matches a label's start.

    Examples
    --------
    >>> keys = pd.Series(["linkedin", "imported on 3/4/21", "plumber", "new forest club"])
    >>> _is_status_tag(keys, ("LinkedIn", "imported*", "new")).tolist()
    [True, True, False, False]
    """
    wanted = [tag.strip().casefold() for tag in status_tags if tag.strip()]
    exact = [tag for tag in wanted if not tag.endswith("*")]
    starts = tuple(tag.rstrip("*") for tag in wanted if tag.endswith("*"))
    found = keys.isin(exact).to_numpy(dtype=bool)
    if starts:
        found = found | keys.astype(str).str.startswith(starts).to_numpy(dtype=bool)
    return found


def _community_names(labels: pd.DataFrame, sizes: pd.Series, how_many: int,
                     status_tags: tuple[str, ...] = ()) -> dict:
    """The labels most over-represented in each community, most distinctive first.

    A label's *excess* in a community is how many more members carry it than
    chance would give: ``count - count_in_network * size / network_size``. A
    label every community shares ("member") has no excess; a label
    concentrated in one community ("property team") has a large one. A label
    must be carried by two members (one in communities of three or fewer), by
    :data:`NAME_MIN_SHARE` of them, and be :data:`NAME_MIN_LIFT` times as
    common as in the network (:data:`NAME_MINORITY_LIFT` times when fewer than
    :data:`NAME_STRONG_SHARE` of them carry it); a label after the first
    must be carried by :data:`NAME_STRONG_SHARE` of them. A tag that only says where
    people came from or where they stand (``status_tags``: "linkedin",
    "prospect") names a community only when no other label does and
    :data:`NAME_STATUS_SHARE` of its members carry it. On a tie, professions
    come before tags, then alphabetical order.

    Parameters
    ----------
    labels : DataFrame
        :func:`_member_labels` rows with a ``community`` column.
    sizes : Series
        Members per community id.
    how_many : int
        Labels per name.
    status_tags : tuple of str, optional
        ``stats.community_status_tags``.

    Returns
    -------
    dict
        Community id to its list of labels (lower case).

    Examples
    --------
    >>> labels = pd.DataFrame({
    ...     "person": ["a", "b", "c", "a", "b", "c", "d", "e"],
    ...     "attribute": ["profession"] * 2 + ["tags"] * 6,
    ...     "key": ["plumber", "plumber", "linkedin", "linkedin", "linkedin", "prospect",
    ...             "prospect", "bni"],
    ...     "community": [1, 1, 1, 1, 1, 2, 2, 3]})
    >>> labels["label"] = labels["key"]
    >>> sizes = pd.Series({1: 4, 2: 4, 3: 2})
    >>> _community_names(labels, sizes, 2, ("linkedin", "prospect"))
    {1: ['plumber'], 2: ['prospect'], 3: ['bni']}
    """
    if labels.empty:
        return {}
    carried = labels.drop_duplicates(["person", "key"])
    spelling = carried.groupby(["key", "label"]).size().reset_index(name="n")
    spelling = spelling.sort_values(["key", "n", "label"], ascending=[True, False, True])
    usual = spelling.drop_duplicates("key").set_index("key")["label"].str.casefold()
    in_network = carried.groupby("key").size()
    scored = carried.groupby(["community", "key"]).size().reset_index(name="count")
    size = sizes.reindex(scored["community"]).to_numpy(dtype=float)
    expected = in_network.reindex(scored["key"]).to_numpy(dtype=float) * size / sizes.sum()
    scored["excess"] = scored["count"].to_numpy() - expected
    minimum = np.where(size >= 4, 2, 1)
    count = scored["count"].to_numpy()
    scored = scored[(scored["excess"] > 0) & (count >= minimum)
                    & (count >= NAME_MIN_SHARE * size) & (count >= NAME_MIN_LIFT * expected)
                    & ((count >= NAME_STRONG_SHARE * size)
                       | (count >= NAME_MINORITY_LIFT * expected))]
    # On a tie a profession names a group better than a tag.
    professions = carried.loc[carried["attribute"] == "profession", "key"].unique()
    scored = scored.assign(tag_only=~scored["key"].isin(professions))
    # "linkedin" or "prospect" says how someone reached you, not who the group
    # is: such a tag gives way to any other label, and alone must describe most.
    status = scored["tag_only"].to_numpy() & _is_status_tag(scored["key"], status_tags)
    others = pd.Series(~status, index=scored.index).groupby(scored["community"]).transform("any")
    most = scored["count"].to_numpy() >= NAME_STATUS_SHARE * sizes.reindex(
        scored["community"]).to_numpy(dtype=float)
    scored = scored[~status | (~others.to_numpy(dtype=bool) & most)]
    scored = scored.sort_values(["community", "excess", "count", "tag_only", "key"],
                                ascending=[True, False, False, True, True])
    # The lead label may be a telling minority (five plumbers among 40); a label
    # beside it must describe a good share of the group itself.
    rank = scored.groupby("community").cumcount().to_numpy()
    strong = scored["count"].to_numpy() >= NAME_STRONG_SHARE * sizes.reindex(
        scored["community"]).to_numpy(dtype=float)
    best = scored[(rank == 0) | strong].groupby("community").head(how_many)
    return {community: [usual[key] for key in keys]
            for community, keys in best.groupby("community")["key"]}


def _top_labels(labels: pd.DataFrame, attribute: str, field: str) -> dict:
    """Most common labels of one attribute per community, as ``{field, count}`` lists."""
    part = labels[labels["attribute"] == attribute]
    if part.empty:
        return {}
    spelling = part.groupby(["key", "label"]).size().reset_index(name="n")
    spelling = spelling.sort_values(["key", "n", "label"], ascending=[True, False, True])
    usual = spelling.drop_duplicates("key").set_index("key")["label"]
    counted = part.groupby(["community", "key"]).size().reset_index(name="count")
    counted = counted.sort_values(["community", "count", "key"],
                                  ascending=[True, False, True])
    counted = counted.groupby("community").head(5)
    return {community: [{field: usual[key], "count": int(count)}
                        for key, count in zip(group["key"], group["count"], strict=True)]
            for community, group in counted.groupby("community")}


def communities(
    graph: nx.Graph, *, settings: Settings | None = None, exclude: object = None
) -> pd.DataFrame:
    """Louvain communities of the tie graph, each named from its professions and tags.

    Parameters
    ----------
    graph : networkx.Graph
        A tie graph with a ``strength`` edge attribute and ``name``,
        ``profession`` and ``tags`` node attributes (when known).
    settings : Settings, optional
        ``stats.seed``, ``stats.louvain_resolution``,
        ``stats.community_name_labels`` and ``stats.community_status_tags``.
    exclude : id or collection of ids, optional
        People left out of the detection; by default the graph's owner, whose
        ties to everyone would blur every boundary. People left without any
        tie are not in any community.

    Returns
    -------
    DataFrame
        One row per community, largest first: ``id`` (1, 2, ...), ``name``
        (e.g. ``"accountant / bookkeeper (23)"``, the labels most
        over-represented among members), ``size``, ``members`` (list of ids,
        highest weighted degree inside the community first),
        ``top_professions`` and ``top_tags`` (lists of ``{"profession"|"tag",
        "count"}``, most common first).

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> nx.set_edge_attributes(G, 1.0, "strength")
    >>> for node in G:
    ...     G.nodes[node]["profession"] = "plumber" if node < 4 else "lawyer"
    >>> communities(G)[["id", "name", "size"]].to_dict("records")
    [{'id': 1, 'name': 'plumber (4)', 'size': 4}, {'id': 2, 'name': 'lawyer (4)', 'size': 4}]
    """
    return communities_of(graph_arrays(graph), settings=settings, exclude=exclude)


#: What :func:`network_communities` keeps on a network, with the moment.
_KEPT = "communities"


def network_communities(network: Network, as_of: object = None) -> pd.DataFrame:
    """:func:`communities` of a network's tie graph as of a moment, computed once.

    The same table :func:`refgraph.stats` lists (it measures the moment with
    :func:`communities_of` and keeps it here too, see
    :func:`remember_communities`), so a picture drawn after the statistics
    colours everyone as they list them without detecting communities again.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((pd.DataFrame({"id": list("abc"), "name": list("ABC")}),
    ...     pd.DataFrame({"date": ["2024-01-05"] * 2, "source": ["a", "b"],
    ...                   "target": ["b", "c"], "kind": ["call"] * 2})))
    >>> network_communities(net)["members"].tolist()
    [['b', 'a', 'c']]
    """
    stamp = network.resolve_as_of(as_of)
    return network.cached((_KEPT, stamp), lambda: communities_of(
        network_arrays(network, stamp), settings=network.settings))


def remember_communities(network: Network, as_of: pd.Timestamp, groups: pd.DataFrame) -> None:
    """Keep the :func:`communities_of` of ``network_arrays(network, as_of)`` computed elsewhere.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"]}),
    ...     pd.DataFrame({"date": ["2024-01-05"], "source": ["a"], "target": ["b"],
    ...                   "kind": ["call"]})))
    >>> remember_communities(net, net.resolve_as_of(), pd.DataFrame({"id": [7]}))
    >>> network_communities(net)["id"].tolist()
    [7]
    """
    network.remember((_KEPT, as_of), groups)


def communities_of(
    arrays: TieArrays, *, settings: Settings | None = None, exclude: object = None
) -> pd.DataFrame:
    """:func:`communities` of a graph given as :class:`~refgraph.insight.kernels.TieArrays`.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0); nx.set_edge_attributes(G, 1.0, "strength")
    >>> communities_of(graph_arrays(G))["members"].tolist()
    [[2, 0, 1], [3, 4, 5]]
    """
    options = (settings or Settings()).stats
    columns = ["id", "name", "size", "members", "top_professions", "top_tags"]
    nodes = pd.Index(arrays.nodes, dtype=object)
    outside = nodes.isin(list(excluded(arrays.owner, exclude)))
    tails, heads = arrays.tails, arrays.heads
    keep = ~outside[tails] & ~outside[heads] & (tails != heads)
    found = louvain(arrays, keep, seed=options.seed, resolution=options.louvain_resolution)
    placed = np.flatnonzero(found >= 0)
    if not len(placed):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    # Weighted degree among the people detected (the owner's ties left out).
    inside = (np.bincount(tails[keep], weights=arrays.strength[keep], minlength=len(nodes))
              + np.bincount(heads[keep], weights=arrays.strength[keep], minlength=len(nodes)))
    people = pd.DataFrame({"id": arrays.nodes[placed], "group": found[placed],
                           "inside": inside[placed]})
    people["key"] = people["id"].astype(str)
    # Largest community first, then by its smallest id: stable numbers.
    order = people.groupby("group").agg(size=("key", "size"), first=("key", "min"))
    order = order.sort_values(["size", "first"], ascending=[False, True])
    number = pd.Series(np.arange(1, len(order) + 1), index=order.index)
    people["community"] = number.reindex(people["group"]).to_numpy()
    people = people.sort_values(["community", "inside", "key"],
                                ascending=[True, False, True], kind="stable")
    grouped = people.groupby("community", sort=True)["id"].agg(list)

    labels = _member_labels(arrays.people, pd.Index(people["id"], dtype=object))
    member_of = pd.Series(people["community"].to_numpy(),
                          index=pd.Index(people["id"], dtype=object))
    labels["community"] = member_of.reindex(labels["person"].to_numpy()).to_numpy()
    sizes = grouped.map(len)
    names = _community_names(labels, sizes, options.community_name_labels,
                             options.community_status_tags)
    professions = _top_labels(labels, "profession", "profession")
    tags = _top_labels(labels, "tags", "tag")

    rows = []
    used: dict[str, int] = {}
    shown = arrays.people["name"]
    for number_, members in grouped.items():
        picked = names.get(number_, [])
        # A group no label describes is named after its most connected member.
        label = " / ".join(picked) if picked else f"around {shown.loc[members[0]]}"
        name = f"{label} ({len(members)})"
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:  # keep names unique: they label chart legends and colours
            name = f"{name} #{used[name]}"
        rows.append({"id": int(number_), "name": name, "size": len(members),
                     "members": members, "top_professions": professions.get(number_, []),
                     "top_tags": tags.get(number_, [])})
    return pd.DataFrame(rows, columns=columns)


def membership(groups: pd.DataFrame) -> pd.Series:
    """Community id of each member, from a :func:`communities` frame.

    Examples
    --------
    >>> membership(pd.DataFrame({"id": [1, 2], "members": [["a", "b"], ["c"]]})).to_dict()
    {'a': 1, 'b': 1, 'c': 2}
    """
    if groups.empty:
        return pd.Series(dtype=np.int64, name="community")
    exploded = groups[["id", "members"]].explode("members")
    return pd.Series(exploded["id"].to_numpy(dtype=np.int64),
                     index=pd.Index(exploded["members"].to_numpy(dtype=object)),
                     name="community")


def brokers(
    graph: nx.Graph,
    *,
    settings: Settings | None = None,
    groups: pd.DataFrame | None = None,
    table: pd.DataFrame | None = None,
    top: int | None = None,
    exclude: object = None,
) -> pd.DataFrame:
    """People who bridge communities: participation coefficient x relative betweenness.

    Parameters
    ----------
    graph : networkx.Graph
        A tie graph.
    settings : Settings, optional
        ``stats.broker_min_communities``, ``stats.top`` and the community and
        centrality settings.
    groups : DataFrame, optional
        :func:`communities` of this graph (computed if not given).
    table : DataFrame, optional
        :func:`centrality` of this graph (computed if not given).
    top : int, optional
        How many brokers to list (default ``stats.top``).
    exclude : id or collection of ids, optional
        People not listed; by default the graph's owner.

    Returns
    -------
    DataFrame
        Best broker first: ``id``, ``name``, ``score`` (participation x
        betweenness / highest betweenness among contacts, ``exclude`` left
        out; in [0, 1]),
        ``participation`` (``1 - sum_c (s_c / s)^2`` over the strength ``s_c``
        of ties into each community), ``betweenness``, ``communities`` (how
        many communities they have ties into), ``community`` (the name of
        their own, ``None`` when it is too small to be listed) and
        ``bridges`` (names of the communities they are tied into, strongest
        first). Only communities of at least ``stats.min_community_size``
        members count: ties into smaller ones bridge nothing.

    Examples
    --------
    The bridge node of a barbell graph joins its two bells:

    >>> G = nx.barbell_graph(4, 1)
    >>> nx.set_edge_attributes(G, 1.0, "strength"); nx.set_edge_attributes(G, 1.0, "distance")
    >>> brokers(G)[["id", "communities"]].head(1).to_dict("records")
    [{'id': 4, 'communities': 2}]
    """
    return brokers_of(graph_arrays(graph), settings=settings, groups=groups, table=table,
                      top=top, exclude=exclude)


def brokers_of(
    arrays: TieArrays,
    *,
    settings: Settings | None = None,
    groups: pd.DataFrame | None = None,
    table: pd.DataFrame | None = None,
    top: int | None = None,
    exclude: object = None,
) -> pd.DataFrame:
    """:func:`brokers` of a graph given as :class:`~refgraph.insight.kernels.TieArrays`.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 1)
    >>> nx.set_edge_attributes(G, 1.0, "strength"); nx.set_edge_attributes(G, 1.0, "distance")
    >>> brokers_of(graph_arrays(G))["id"].head(1).tolist()
    [4]
    """
    options = (settings or Settings()).stats
    limit = options.top if top is None else top
    columns = ["id", "name", "score", "participation", "betweenness", "communities",
               "community", "bridges"]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    if groups is None:
        groups = communities_of(arrays, settings=settings, exclude=exclude)
    # A pair is a tie, not a group: ties into a community too small to be listed
    # bridge nothing, so a contact tied to two pairs is no broker between
    # "plumber / builder (2)" and "builder / interior designer (2)".
    if len(groups):
        groups = groups[groups["size"] >= options.min_community_size]
    loops = arrays.tails == arrays.heads
    if groups.empty or not (~loops).any():
        return empty
    table = centrality_of(arrays, settings=settings) if table is None else table
    member_of = membership(groups)
    names = dict(zip(groups["id"], groups["name"], strict=True))

    # Each tie seen from both ends: whose it is, and the community it reaches.
    nodes = pd.Index(arrays.nodes, dtype=object)
    community = member_of.reindex(nodes).to_numpy(dtype=float)
    tails, heads = arrays.tails[~loops], arrays.heads[~loops]
    person = np.concatenate([tails, heads])
    reached = community[np.concatenate([heads, tails])]
    strength = np.concatenate([arrays.strength[~loops]] * 2)
    leave_out = excluded(arrays.owner, exclude)
    usable = ~np.isnan(reached) & ~nodes.isin(list(leave_out))[person]
    if not usable.any():
        return empty
    both = pd.DataFrame({"person": person[usable], "community": reached[usable].astype(np.int64),
                         "strength": strength[usable]})
    per = both.groupby(["person", "community"], sort=False)["strength"].sum().reset_index()
    total = per.groupby("person")["strength"].transform("sum")
    per["share"] = per["strength"] / total
    per = per.sort_values(["person", "strength", "community"], ascending=[True, False, True],
                          kind="stable")
    participation = 1.0 - (per["share"] ** 2).groupby(per["person"]).sum()
    touched = per.groupby("person").size()

    frame = pd.DataFrame({"participation": participation, "communities": touched})
    frame = frame[frame["communities"] >= options.broker_min_communities]
    candidates = table.drop(index=list(leave_out), errors="ignore")["betweenness"]
    top_betweenness = float(candidates.max()) if len(candidates) else 0.0
    ids = pd.Index(arrays.nodes[frame.index.to_numpy()], dtype=object)
    frame["betweenness"] = candidates.reindex(ids).fillna(0.0).to_numpy()
    scale = top_betweenness if top_betweenness > 0 else 1.0
    frame["score"] = frame["participation"] * frame["betweenness"] / scale
    frame = frame[frame["score"] > 0]
    if frame.empty:
        return empty
    positions = frame.index.to_numpy()
    frame["id"] = arrays.nodes[positions]
    frame["name"] = arrays.people["name"].to_numpy(dtype=object)[positions]
    own = community[positions]
    frame["community"] = [names.get(int(c)) if not np.isnan(c) else None for c in own]
    frame["sort_id"] = frame["id"].astype(str)
    frame = frame.sort_values(["score", "sort_id"], ascending=[False, True]).head(limit)
    listed = per[per["person"].isin(frame.index)]
    bridged = listed.groupby("person", sort=False)["community"].agg(list)
    frame["bridges"] = [[names[int(c)] for c in bridged[person]] for person in frame.index]
    return frame[columns].reset_index(drop=True).astype(
        {"communities": np.int64, "score": float, "participation": float,
         "betweenness": float})
