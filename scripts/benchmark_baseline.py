"""The bare pandas + networkx pipeline ``scripts/benchmark.py`` measures refgraph against.

What someone fluent in pandas and networkx would write for the same questions,
without refgraph: vectorised where pandas makes that easy, networkx for
anything on the graph, no validation, no explanations. Each stage computes
the core of refgraph's stage of the same name on the same network:

* ``load``: ``pd.read_csv`` of both files and ``pd.to_datetime`` (XL:
  ``pd.read_parquet``, ids as categoricals).
* ``graph``: decayed weight per interaction (kind weight times
  ``0.5 ** (age / half-life)``), ``groupby(["u", "v"]).agg`` per pair, and
  ``nx.from_pandas_edgelist`` plus every contact as a node with attributes.
* ``refer``: contacts whose profession or services contain a word of the
  trigger, scored by the owner's decayed tie weight and their own total.
* ``ask``: the owner's tie to the asker and the best one-go-between path to
  the target (the strongest weakest link over common neighbours).
* ``trust_paths``: ``nx.shortest_path`` with ``1 / strength`` as the length.
* ``nurture``: the owner's last contact per person (``groupby().max()``),
  weighted by tie strength and sorted by strength times days of silence.
* ``stats``: Louvain communities, betweenness (sampled like refgraph above
  ``stats.betweenness_exact_max_nodes`` people) and PageRank in networkx.
* ``ties`` (XL): the per-pair ``groupby`` on the Parquet file's id codes.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from benchmark_data import ask_pair, path_targets

KIND_WEIGHTS = {
    "one_to_one": 3.0, "meeting": 2.0, "call": 1.5, "email": 0.5, "message": 0.3,
    "social": 0.1, "event": 0.5, "card": 0.2, "referral": 4.0, "business": 5.0,
    "introduction": 2.0,
}
HALF_LIVES = {
    "one_to_one": 365.0, "meeting": 270.0, "call": 180.0, "email": 120.0, "message": 90.0,
    "social": 60.0, "event": 180.0, "card": 365.0, "referral": 730.0, "business": 730.0,
    "introduction": 540.0,
}
TRIGGER = "a client asked me for a good web designer"
#: Words of a trigger that say nothing about the service wanted.
STOP_WORDS = frozenset("a an the me my i for good asked client someone need needs who".split())
#: Above this many people, betweenness is estimated from this many sources (as refgraph does).
BETWEENNESS_EXACT_MAX_NODES, BETWEENNESS_SAMPLE = 2000, 200


def decayed_weight(kind: pd.Series, date: pd.Series, as_of: pd.Timestamp) -> np.ndarray:
    """Kind weight times ``0.5 ** (age in days / half-life)``, one value per interaction."""
    age = (as_of - date).dt.total_seconds().to_numpy() / 86_400
    weight = kind.map(KIND_WEIGHTS).astype(float).to_numpy()
    half_life = kind.map(HALF_LIVES).astype(float).to_numpy()
    return weight * 0.5 ** (age / half_life)


def tie_frame(interactions: pd.DataFrame) -> pd.DataFrame:
    """Per pair: decayed strength, count, first and last contact, and ``1 / strength``."""
    source = interactions["source"].to_numpy(dtype=object)
    target = interactions["target"].to_numpy(dtype=object)
    frame = pd.DataFrame({
        "u": np.where(source < target, source, target),
        "v": np.where(source < target, target, source),
        "weight": decayed_weight(interactions["kind"], interactions["date"],
                                 interactions["date"].max()),
        "date": interactions["date"],
    })
    ties = frame.groupby(["u", "v"], sort=False).agg(
        strength=("weight", "sum"), interactions=("weight", "size"),
        first_contact=("date", "min"), last_contact=("date", "max")).reset_index()
    ties["distance"] = 1.0 / ties["strength"]
    return ties


def worker_bare(folder: Path, stages: list[str], results) -> None:
    """Run the bare pipeline's stages on the CSV network in ``folder``."""
    import networkx as nx

    def load():
        contacts = pd.read_csv(folder / "contacts.csv", dtype=str, keep_default_na=False)
        interactions = pd.read_csv(folder / "interactions.csv")
        interactions["date"] = pd.to_datetime(interactions["date"], utc=True, format="ISO8601")
        return (contacts, interactions), {}

    contacts, interactions = results.measure("load", load)
    if "graph" not in stages:
        return
    owner = "me"  # the generated networks' network.toml says so

    def build():
        ties = tie_frame(interactions)
        graph = nx.from_pandas_edgelist(ties, "u", "v", edge_attr=True)
        graph.add_nodes_from(contacts.set_index("id").to_dict("index").items())
        return (graph, ties), {"nodes": graph.number_of_nodes(),
                               "edges": graph.number_of_edges()}

    built = results.run("graph", build)
    if built is None:
        return
    graph, ties = built
    if "refer" in stages:
        results.run("refer", lambda: (bare_refer(contacts, ties, owner, TRIGGER), {}))
    if "ask" in stages:
        pair = ask_pair(graph, owner)
        if pair is None:
            results.skip("ask", "skipped: no contact two hops from the owner")
        else:
            results.run("ask", lambda: (bare_ask(graph, owner, *pair),
                                        {"asker": pair[0], "target": pair[1]}))
    if "trust_paths" in stages:
        targets = path_targets(graph, owner, 5)

        def paths():
            times = []
            for target in targets:
                started = time.perf_counter()
                nx.shortest_path(graph, owner, target, weight="distance")
                times.append(time.perf_counter() - started)
            return None, {"per_path_seconds": times}

        results.run("trust_paths", paths)
        results.slowest_path("trust_paths")
    if "nurture" in stages:
        results.run("nurture", lambda: (bare_nurture(interactions, ties, owner), {}))
    if "stats" in stages:
        results.run("stats", lambda: (bare_stats(graph), {}))


def bare_refer(contacts: pd.DataFrame, ties: pd.DataFrame, owner: str,
               trigger: str) -> pd.DataFrame:
    """The ten contacts who fit the trigger best, by keyword hits and decayed tie weight."""
    words = [w for w in trigger.lower().split() if w not in STOP_WORDS]
    text = (contacts["profession"] + " " + contacts["services"]).str.lower()
    hits = sum(text.str.contains(word, regex=False).astype(int) for word in words)
    total = pd.concat([ties[["u", "strength"]].rename(columns={"u": "id"}),
                       ties[["v", "strength"]].rename(columns={"v": "id"})]
                      ).groupby("id")["strength"].sum()
    mine = ties[(ties["u"] == owner) | (ties["v"] == owner)]
    direct = pd.Series(mine["strength"].to_numpy(),
                       index=np.where(mine["u"] == owner, mine["v"], mine["u"]))
    scored = contacts.assign(
        hits=hits, owner_strength=contacts["id"].map(direct).fillna(0.0),
        total_strength=contacts["id"].map(total).fillna(0.0))
    scored = scored[(scored["hits"] > 0) & (scored["id"] != owner)]
    scored = scored.assign(score=scored["hits"] * (1 + scored["owner_strength"])
                           * np.log1p(scored["total_strength"]))
    return scored.nlargest(10, "score")


def bare_ask(graph, owner: str, asker: str, target: str) -> dict:
    """The owner's tie to the asker and the strongest owner - friend - target chain."""
    asker_strength = graph[owner][asker]["strength"] if graph.has_edge(owner, asker) else 0.0
    best, via = 0.0, None
    for friend in set(graph[owner]) & set(graph[target]):
        if friend == asker:
            continue
        link = min(graph[owner][friend]["strength"], graph[friend][target]["strength"])
        if link > best:
            best, via = link, friend
    return {"asker_strength": asker_strength, "path_strength": best, "via": via}


def bare_nurture(interactions: pd.DataFrame, ties: pd.DataFrame, owner: str) -> pd.DataFrame:
    """The owner's relationships, most valuable and longest silent first."""
    mine = interactions[(interactions["source"] == owner) | (interactions["target"] == owner)]
    other = np.where(mine["source"] == owner, mine["target"], mine["source"])
    last = mine.groupby(other)["date"].max()
    owned = ties[(ties["u"] == owner) | (ties["v"] == owner)]
    strength = pd.Series(owned["strength"].to_numpy(),
                         index=np.where(owned["u"] == owner, owned["v"], owned["u"]))
    table = pd.DataFrame({"last_contact": last, "strength": strength.reindex(last.index)})
    silent = (interactions["date"].max() - table["last_contact"]).dt.days
    table["priority"] = table["strength"] * silent
    return table.sort_values("priority", ascending=False).head(20)


def bare_stats(graph) -> pd.DataFrame:
    """Louvain communities, betweenness and PageRank of every person."""
    import networkx as nx

    communities = nx.community.louvain_communities(graph, weight="strength", seed=0)
    sample = (BETWEENNESS_SAMPLE if graph.number_of_nodes() > BETWEENNESS_EXACT_MAX_NODES
              else None)
    between = nx.betweenness_centrality(graph, k=sample, weight="distance", seed=0)
    rank = nx.pagerank(graph, weight="strength")
    frame = pd.DataFrame({"betweenness": between, "pagerank": rank})
    frame["community"] = pd.Series({node: number for number, members in enumerate(communities)
                                    for node in members})
    return frame


def worker_bare_xl(folder: Path, stages: list[str], results) -> None:
    """The bare per-pair ``groupby`` on the XL network's Parquet file."""

    def load():
        interactions = pd.read_parquet(folder / "interactions.parquet",
                                       columns=["date", "source", "target", "kind"])
        return interactions, {}

    interactions = results.measure("load", load)
    if "ties" not in stages:
        return

    def ties():
        # Ids stay categorical: object strings for 100 million rows would not fit.
        source = interactions["source"].cat.codes.to_numpy()
        target = interactions["target"].cat.codes.to_numpy()
        frame = pd.DataFrame({
            "u": np.minimum(source, target), "v": np.maximum(source, target),
            "weight": decayed_weight(interactions["kind"], interactions["date"],
                                     interactions["date"].max()),
            "date": interactions["date"],
        })
        table = frame.groupby(["u", "v"], sort=False).agg(
            strength=("weight", "sum"), interactions=("weight", "size"),
            first_contact=("date", "min"), last_contact=("date", "max"))
        return table, {"ties": len(table)}

    results.run("ties", ties)
