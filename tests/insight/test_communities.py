"""Tests for refgraph.insight.communities: Louvain communities, their names, brokers."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pandas as pd
import pytest

import refgraph
from refgraph.insight.communities import brokers, communities, membership
from refgraph.io.settings import Settings


def weighted(graph: nx.Graph, strength: float = 1.0, distance: float = 1.0) -> nx.Graph:
    nx.set_edge_attributes(graph, strength, "strength")
    nx.set_edge_attributes(graph, distance, "distance")
    return graph


# --------------------------------------------------------------------------- communities


def labelled_barbell() -> nx.Graph:
    graph = weighted(nx.barbell_graph(5, 0))
    for node in graph:
        graph.nodes[node].update(
            name=f"P{node}",
            profession="Accountant" if node < 5 else "Web designer",
            tags="member; finance" if node < 5 else "member; marketing")
    return graph


def test_communities_are_named_from_over_represented_labels():
    groups = communities(labelled_barbell())
    assert groups["size"].tolist() == [5, 5]
    names = set(groups["name"])
    # "member" is everywhere, so it names nothing; profession and tag do.
    assert names == {"accountant / finance (5)", "web designer / marketing (5)"}
    first = groups.iloc[0]
    assert first["top_professions"][0]["count"] == 5
    assert first["top_tags"] == [{"tag": "finance", "count": 5}, {"tag": "member", "count": 5}]
    assert sorted(membership(groups).index) == list(range(10))


def test_communities_leave_out_the_owner_and_people_left_alone():
    graph = labelled_barbell()
    graph.add_edge("me", 0, strength=50.0)
    graph.add_edge("me", "only-me", strength=50.0)
    graph.graph["owner"] = "me"
    members = set(membership(communities(graph)).index)
    assert "me" not in members and "only-me" not in members
    assert len(members) == 10


def test_karate_club_communities_are_plausible_and_repeatable():
    graph = weighted(nx.karate_club_graph())
    first, again = communities(graph, exclude=[]), communities(graph, exclude=[])
    assert 2 <= len(first) <= 6  # Louvain finds 3 to 4 on Zachary's club
    assert first["members"].tolist() == again["members"].tolist()
    assert first["size"].sum() == 34
    # The instructor (0) and the administrator (33) lead different groups.
    member_of = membership(first)
    assert member_of[0] != member_of[33]
    # No labels to name them: each is named after its most connected member.
    assert first["name"].str.startswith("around ").all()
    cores = [f"around {members[0]} ({len(members)})" for members in first["members"]]
    assert first["name"].tolist() == cores


def test_communities_of_an_empty_graph():
    assert communities(nx.Graph()).empty


def test_duplicate_community_names_are_told_apart():
    graph = weighted(nx.disjoint_union_all([nx.complete_graph(4)] * 3))
    for node in graph:
        graph.nodes[node]["profession"] = "plumber" if node < 8 else "lawyer"
    names = communities(graph, exclude=[])["name"].tolist()
    assert sorted(names) == ["lawyer (4)", "plumber (4)", "plumber (4) #2"]


def test_a_label_few_members_carry_or_most_people_share_names_nothing():
    # Twenty people, two of them garage owners, most of everyone "member": no
    # label describes the group, so it is named after its best-connected person.
    graph = weighted(nx.disjoint_union(nx.complete_graph(20), nx.complete_graph(4)))
    graph.add_edges_from(((0, n) for n in range(1, 20)), strength=5.0)
    for node in graph:
        graph.nodes[node].update(name=f"P{node}", tags="visitor" if node % 4 == 0 else "member")
    for node in (3, 5):
        graph.nodes[node]["profession"] = "garage owner"
    for node in range(20, 24):
        graph.nodes[node].update(profession="florist", tags="member")
    names = communities(graph, exclude=[])["name"].tolist()
    assert names == ["around P0 (20)", "florist (4)"]


def test_a_tag_only_slightly_commoner_in_a_group_does_not_name_it():
    # Four "bni" tags among forty people (a tenth) where the network has four in
    # sixty: 1.5 times the network's share, not enough to call the forty a BNI group.
    graph = weighted(nx.disjoint_union(nx.complete_graph(40), nx.complete_graph(20)))
    graph.add_edges_from(((0, n) for n in range(1, 40)), strength=5.0)
    graph.add_edge(0, 40, strength=0.1, distance=10.0)
    for node in graph:
        graph.nodes[node]["name"] = f"P{node}"
    for node in (3, 5, 7, 9):
        graph.nodes[node]["tags"] = "bni"
    for node in range(40, 60):
        graph.nodes[node]["profession"] = "florist"
    names = communities(graph, exclude=[])["name"].tolist()
    assert names == ["around P0 (40)", "florist (20)"]


def test_a_label_beside_the_first_must_describe_a_fifth_of_the_group():
    # Twenty in the business team, three of them visiting tutors (3 in 20,
    # twice the network's share): the team's name, not "business team / tutor".
    # Five accountants in the same twenty would be a fair second label.
    graph = weighted(nx.disjoint_union(nx.complete_graph(20), nx.complete_graph(20)))
    for node in graph:
        graph.nodes[node].update(name=f"P{node}", profession=f"trade {node}",
                                 tags="business team" if node < 20 else "events team")
    for node in (1, 2, 3, 21, 22, 23):
        graph.nodes[node]["profession"] = "tutor" if node < 20 else "caterer"
    assert communities(graph, exclude=[])["name"].tolist() == [
        "business team (20)", "events team (20)"]
    for node in (24, 25):
        graph.nodes[node]["profession"] = "caterer"
    assert communities(graph, exclude=[])["name"].tolist() == [
        "business team (20)", "events team / caterer (20)"]


def two_cliques(tag: str) -> nx.Graph:
    """Five people, three of them plumbers, all with ``tag``; five lawyers untagged."""
    graph = weighted(nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5)))
    for node in graph:
        graph.nodes[node].update(name=f"P{node}", profession="lawyer" if node >= 5 else None)
    for node in range(5):
        graph.nodes[node]["tags"] = tag
    for node in (0, 1, 2):
        graph.nodes[node]["profession"] = "Plumber"
    return graph


@pytest.mark.parametrize("tag", ["linkedin", "LinkedIn", "prospect", "past client",
                                 "Imported on 3/4/21"])
def test_where_someone_came_from_or_stands_gives_way_to_their_trade(tag):
    # Every one of the five carries the tag (more excess than the three
    # plumbers), yet "linkedin / plumber" says less than "plumber".
    names = communities(two_cliques(tag), exclude=[])["name"].tolist()
    assert names == ["plumber (5)", "lawyer (5)"]


def test_a_trade_group_tag_still_names_a_group():
    names = communities(two_cliques("property team"), exclude=[])["name"].tolist()
    assert names == ["property team / plumber (5)", "lawyer (5)"]


def test_status_tags_name_a_group_only_when_nothing_else_does_and_most_carry_it():
    # Three groups of six, every profession different: four visitors in the
    # first (a group of visitors), two prospects in the second (not a group of
    # prospects), florists in the third.
    graph = weighted(nx.disjoint_union_all([nx.complete_graph(6)] * 3))
    for node in graph:
        graph.nodes[node].update(name=f"P{node}", profession=f"trade {node}")
    for node in (0, 1, 2, 3):
        graph.nodes[node]["tags"] = "visitor"
    for node in (6, 7):
        graph.nodes[node]["tags"] = "prospect"
    for node in range(12, 18):
        graph.nodes[node]["profession"] = "florist"
    found = communities(graph, exclude=[])
    visitors, prospects, florists = (found[found["members"].map(lambda m, n=n: n in m)].iloc[0]
                                     for n in (0, 6, 12))
    assert visitors["name"] == "visitor (6)"
    assert prospects["name"] == f"around P{prospects['members'][0]} (6)"
    assert florists["name"] == "florist (6)"


def test_which_tags_only_say_origin_or_status_is_a_setting():
    graph = two_cliques("met at expo")
    assert communities(graph, exclude=[])["name"].tolist()[0] == "met at expo / plumber (5)"
    mine = Settings(stats=dataclasses.replace(Settings().stats,
                                              community_status_tags=("Met at *",)))
    assert communities(graph, exclude=[], settings=mine)["name"].tolist()[0] == "plumber (5)"
    none = Settings(stats=dataclasses.replace(Settings().stats, community_status_tags=()))
    names = communities(two_cliques("linkedin"), exclude=[], settings=none)["name"].tolist()
    assert names[0] == "linkedin / plumber (5)"


@pytest.mark.parametrize("sample", ["consultant", "chapter"])
def test_no_sample_community_is_named_after_where_people_came_from(sample, request):
    network = request.getfixturevalue(sample)
    names = refgraph.stats(network).communities["name"]
    status = {t.casefold() for t in Settings().stats.community_status_tags}
    parts = {part for name in names for part in name.rsplit(" (", 1)[0].split(" / ")}
    assert parts and not parts & status
    if sample == "chapter":  # each group is one of the chapter's teams
        assert all(" team" in name for name in names)


# --------------------------------------------------------------------------- brokers


def test_barbell_bridge_is_the_broker():
    graph = labelled_barbell()
    graph.remove_edge(4, 5)
    graph.add_edge(4, "bridge", strength=1.0, distance=1.0)
    graph.add_edge("bridge", 5, strength=1.0, distance=1.0)
    graph.nodes["bridge"]["name"] = "The Bridge"
    found = brokers(graph)
    top = found.iloc[0]
    assert top["id"] == "bridge" and top["name"] == "The Bridge"
    assert top["communities"] == 2
    assert top["participation"] == pytest.approx(0.5)
    assert top["score"] == pytest.approx(0.5)  # the highest betweenness, half-half ties
    assert len(top["bridges"]) == 2
    assert found["score"].is_monotonic_decreasing


def test_people_inside_one_community_are_not_brokers():
    graph = weighted(nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4)))
    assert brokers(graph, exclude=[]).empty


def test_owner_is_not_listed_as_a_broker():
    graph = labelled_barbell()
    for node in (0, 9):
        graph.add_edge("me", node, strength=9.0, distance=0.01)
    graph.graph["owner"] = "me"
    assert "me" not in set(brokers(graph)["id"])


def test_labels_count_once_per_person_whatever_their_spelling_or_form():
    # Two cliques; labels as ";"-text (with repeats and empty items) or as lists.
    G = nx.barbell_graph(4, 0)
    nx.set_edge_attributes(G, 1.0, "strength")
    cells = {0: "Plumber; plumber;;", 1: ["Plumber", "PLUMBER", " "], 2: "plumber; Gas",
             3: None, 4: "Lawyer", 5: "lawyer; ", 6: ["Lawyer"], 7: ""}
    for node, cell in cells.items():
        G.nodes[node]["profession"] = cell
        G.nodes[node]["tags"] = "client; Client" if node < 4 else ["member"]
    found = communities(G).set_index("id")
    plumbers = found.loc[1, "top_professions"]
    # One per person, in the spelling most of them use.
    assert plumbers[0] == {"profession": "Plumber", "count": 3}
    assert {"profession": "Gas", "count": 1} in plumbers
    assert found.loc[1, "top_tags"] == [{"tag": "client", "count": 4}]
    assert found.loc[2, "top_professions"] == [{"profession": "Lawyer", "count": 3}]
    assert found.loc[2, "top_tags"] == [{"tag": "member", "count": 4}]
    # "client" and "member" say where they stand with the owner: the trade names them.
    assert found.loc[1, "name"] == "plumber (4)"
    assert found.loc[2, "name"] == "lawyer (4)"


def test_ties_into_pairs_too_small_to_list_bridge_nothing():
    # x sits in a listed trio and is tied to two pairs: a pair is a tie, not a
    # group (stats.min_community_size), so x bridges no communities.
    graph = weighted(nx.Graph([("x", "y"), ("y", "z"), ("x", "z"), ("x", "p1"), ("p1", "p2"),
                               ("x", "q1"), ("q1", "q2")]))
    for node in graph:
        graph.nodes[node]["name"] = node.upper()
    groups = pd.DataFrame({"id": [0, 1, 2], "name": ["trio (3)", "pair (2)", "pair (2) #2"],
                           "size": [3, 2, 2],
                           "members": [["x", "y", "z"], ["p1", "p2"], ["q1", "q2"]]})
    assert brokers(graph, groups=groups, exclude=[]).empty
    listed = groups.assign(size=[3, 3, 3])  # the same people, as groups worth listing
    found = brokers(graph, groups=listed, exclude=[])
    assert found.iloc[0]["id"] == "x" and found.iloc[0]["communities"] == 3
