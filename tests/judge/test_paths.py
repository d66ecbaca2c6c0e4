"""Tests for refgraph.judge.paths: the k strongest trust paths between two people."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from toys import make_network

import refgraph
from refgraph.cli import main
from refgraph.errors import ContactNotFoundError, RefgraphError, SettingsError
from refgraph.judge.ask import ask
from refgraph.judge.paths import trust_paths
from refgraph.show import to_text

DAY = "2024-06-01"
#: A fixed trust scale, so the hand-built trust levels below do not move when
#: the default is tuned: ``trust = 1 - exp(-strength / 10)``; a fresh 1-to-1 adds 3.
FIXED = {"trust": {"scale": 10.0}, "kind_weights": {"one_to_one": 3.0, "event": 0.5}}


def one_to_ones(a: str, b: str, count: int, date: str = DAY) -> list[tuple]:
    """``count`` one-to-ones between two people on one day."""
    return [(date, a, b, "one_to_one")] * count if count == 1 else [
        (f"{date}T{hour:02d}:00:00", a, b, "one_to_one") for hour in range(count)]


def chain_network(*links: tuple[str, str, int], contacts=(), settings=FIXED, owner="me"):
    """A network whose ties are ``(a, b, number of one-to-ones)``."""
    people = sorted({p for a, b, _ in links for p in (a, b)} | set(contacts))
    rows = [row for a, b, count in links for row in one_to_ones(a, b, count)]
    return make_network(people, rows, owner=owner, settings=settings)


# --------------------------------------------------------------------------- principles


def test_several_strong_hops_beat_one_weak_hop_to_a_famous_connector():
    # Met the famous connector once at an event; three solid relationships lead there too.
    rows = [(DAY, "me", "famous", "event"),
            *one_to_ones("me", "ann", 6), *one_to_ones("ann", "bob", 6),
            *one_to_ones("bob", "famous", 6)]
    people = ["me", "ann", "bob", "famous", *[f"fan{i}" for i in range(20)]]
    rows += [(DAY, "famous", f"fan{i}", "event") for i in range(20)]  # famous: many ties
    net = make_network(people, rows, settings=FIXED)
    result = trust_paths(net, "me", "famous")
    best = result.best
    assert best.nodes == ["me", "ann", "bob", "famous"]
    direct = [path for path in result.paths if path.nodes == ["me", "famous"]]
    assert direct and direct[0].trust < best.trust
    assert result.paths.index(direct[0]) > 0


def test_a_strong_direct_tie_beats_chains_of_near_certain_hops_in_a_dense_group():
    # A chapter: everyone has met everyone many times, so every tie is near 1, and
    # a chain of three 0.999s multiplies to more than one 0.99.
    group = ["me", "a", "b", "c", "zoe"]
    links = [(x, y, 12) for x, y in itertools.combinations(group, 2) if {x, y} != {"me", "zoe"}]
    net = chain_network(*links, ("me", "zoe", 8))
    result = trust_paths(net, "me", "zoe", k=3)
    assert result.best.nodes == ["me", "zoe"]
    assert max(path.trust for path in result.paths[1:]) > result.best.trust
    assert [path.score for path in result.paths] == sorted(
        (path.score for path in result.paths), reverse=True)
    assert "through 1 go-between, ranked at" in to_text(result)


def test_small_hop_trusts_read_below_one_thousandth_not_zero():
    net = chain_network(("me", "ann", 6), ("ann", "zoe", 1),
                        settings={**FIXED, "kind_weights": {"one_to_one": 0.003}})
    text = to_text(trust_paths(net, "me", "zoe"))
    assert "0.000" not in text and text.count("<0.001") >= 3


def test_product_is_the_product_of_hop_trust_and_names_the_weakest_hop():
    net = chain_network(("me", "ann", 8), ("ann", "zoe", 3))
    best = trust_paths(net, "me", "zoe").best
    hops = [hop.trust for hop in best.hops]
    assert best.trust == pytest.approx(hops[0] * hops[1])
    assert best.weakest_hop.source == "ann" and best.weakest_hop.target == "zoe"
    assert best.weakest_hop.trust == min(hops)
    assert [hop.stage for hop in best.hops] == ["credibility", "credibility"]


def test_weakest_link_prefers_an_even_chain_to_one_with_a_weak_hop():
    # A: me-a1 very strong, a1-zoe weak (product 0.24, weakest 0.26).
    # B: three middling hops (product 0.21, weakest 0.59).
    net = chain_network(("me", "a1", 8), ("a1", "zoe", 1),
                        ("me", "b1", 3), ("b1", "b2", 3), ("b2", "zoe", 3))
    product = trust_paths(net, "me", "zoe", method="product")
    weakest = trust_paths(net, "me", "zoe", method="weakest-link")
    assert product.best.nodes == ["me", "a1", "zoe"]
    assert weakest.best.nodes == ["me", "b1", "b2", "zoe"]
    assert weakest.best.weakest_hop.trust > product.best.weakest_hop.trust
    assert product.best.trust > weakest.best.trust
    assert [p.weakest_hop.trust for p in weakest.paths] == sorted(
        (p.weakest_hop.trust for p in weakest.paths), reverse=True)


def test_paths_are_strongest_first_and_distinct():
    net = chain_network(("me", "a", 5), ("a", "zoe", 5), ("me", "b", 3), ("b", "zoe", 4),
                        ("me", "zoe", 1), ("a", "b", 2))
    result = trust_paths(net, "me", "zoe", k=10)
    scores = [path.score for path in result.paths]  # trust, less for each go-between
    assert scores == sorted(scores, reverse=True)
    assert len({tuple(path.nodes) for path in result.paths}) == len(result.paths)
    # Every simple path of <= 4 hops: direct, via a, via b, a-b, b-a.
    assert len(result.paths) == 5
    assert result.message.startswith("only 5 paths")


def test_no_path_gives_an_empty_list_and_a_message():
    net = chain_network(("me", "ann", 3), ("bob", "zoe", 3), contacts=["lonely"])
    result = trust_paths(net, "me", "zoe")
    assert result.paths == [] and result.best is None
    assert "no chain of at most 4 hops" in result.message
    assert trust_paths(net, "me", "lonely").paths == []
    assert result.to_dict()["paths"] == []


def test_max_hops_caps_the_chain():
    net = chain_network(("me", "p1", 3), ("p1", "p2", 3), ("p2", "p3", 3), ("p3", "p4", 3),
                        ("p4", "zoe", 3))
    assert trust_paths(net, "me", "zoe").paths == []
    assert len(trust_paths(net, "me", "zoe", max_hops=5).best.hops) == 5
    capped = make_network(["me", "p1", "p2"], one_to_ones("me", "p1", 2) + one_to_ones(
        "p1", "p2", 2), settings={**FIXED, "path": {"max_hops": 1}})
    assert trust_paths(capped, "me", "p2").paths == []


def test_source_equal_to_target_is_answered_not_raised():
    net = chain_network(("me", "ann", 3))
    result = trust_paths(net, "ann", "ann")
    assert result.paths == []
    assert result.message == "source and target are the same person"


def test_avoid_routes_around_a_person():
    net = chain_network(("me", "ann", 6), ("ann", "zoe", 6), ("me", "bob", 2), ("bob", "zoe", 2))
    assert trust_paths(net, "me", "zoe").best.via == ["ann"]
    assert trust_paths(net, "me", "zoe", avoid=["ann"]).best.via == ["bob"]
    with pytest.raises(RefgraphError, match="end of the path"):
        trust_paths(net, "me", "zoe", avoid=["zoe"])


def test_as_of_ignores_later_ties():
    rows = one_to_ones("me", "ann", 3, "2024-01-01") + one_to_ones("ann", "zoe", 3, "2024-03-01")
    net = make_network(["me", "ann", "zoe"], rows, settings=FIXED)
    assert trust_paths(net, "me", "zoe", as_of="2024-02-01").paths == []
    assert trust_paths(net, "me", "zoe", as_of="2024-03-01").best.nodes == ["me", "ann", "zoe"]


def test_bad_arguments_raise_clear_errors():
    net = chain_network(("me", "ann", 3))
    with pytest.raises(ContactNotFoundError, match="target 'nobody' is not a contact"):
        trust_paths(net, "me", "nobody")
    with pytest.raises(ContactNotFoundError, match="source 'ghost'"):
        trust_paths(net, "ghost", "me")
    with pytest.raises(RefgraphError, match="unknown path method 'longest'"):
        trust_paths(net, "me", "ann", method="longest")
    with pytest.raises(RefgraphError, match="k must be a whole number >= 1"):
        trust_paths(net, "me", "ann", k=0)
    with pytest.raises(RefgraphError, match="max_hops"):
        trust_paths(net, "me", "ann", max_hops=0)
    with pytest.raises(SettingsError, match=r"path\.method"):
        make_network(["me"], [], settings={"path": {"method": "shortest"}})


def test_json_contract():
    net = chain_network(("me", "ann", 4), ("ann", "zoe", 3))
    data = json.loads(trust_paths(net, "me", "zoe", as_of=DAY).to_json())
    assert set(data) == {"source", "target", "as_of", "method", "max_hops", "paths", "message"}
    assert (data["source"], data["target"], data["method"]) == ("me", "zoe", "product")
    assert data["as_of"] == DAY
    path = data["paths"][0]
    assert set(path) == {"nodes", "names", "trust", "score", "weakest_hop", "hops"}
    assert path["score"] == pytest.approx(path["trust"] * 0.5)  # one go-between
    assert path["nodes"] == ["me", "ann", "zoe"]
    assert set(path["weakest_hop"]) == {"source", "target", "trust"}
    assert [set(hop) for hop in path["hops"]] == [
        {"source", "target", "trust", "stage", "strength"}] * 2
    assert [(h["source"], h["target"]) for h in path["hops"]] == [("me", "ann"), ("ann", "zoe")]


def test_views_fit_a_terminal_and_escape_html():
    net = make_network([{"id": "me", "name": "Me"}, {"id": "x", "name": "<b>X</b>"}, "zoe"],
                       one_to_ones("me", "x", 3) + one_to_ones("x", "zoe", 3), settings=FIXED)
    result = trust_paths(net, "me", "zoe")
    assert all(len(line) <= 80 for line in to_text(result).splitlines())
    assert "<b>X</b>" not in result._repr_html_()
    frame = result.to_frame()
    assert list(frame["hop"]) == [1, 2] and frame["weakest"].sum() == 1


# --------------------------------------------------------------------------- properties

people = st.sampled_from([f"p{i}" for i in range(7)])
link = st.tuples(people, people, st.integers(1, 6), st.sampled_from(["one_to_one", "email",
                                                                     "event", "referral"]))


def build(links):
    rows = [(f"2024-03-{1 + number:02d}T{repeat:02d}:00:00", a, b, kind)
            for number, (a, b, count, kind) in enumerate(links) if a != b
            for repeat in range(count)]
    return make_network([f"p{i}" for i in range(7)], rows, owner="p0", settings=FIXED)


def brute_force(net, source, target, max_hops, method):
    graph = net.graph()
    hop_cost = -math.log(net.settings.path.go_between_factor)
    found = []
    for nodes in nx.all_simple_paths(graph, source, target, cutoff=max_hops):
        hops = list(itertools.pairwise(nodes))
        distance = [graph[a][b]["distance"] for a, b in hops]
        key = ((max(distance), sum(distance)) if method == "weakest-link"
               else (sum(distance) + hop_cost * len(hops),))
        found.append((key, math.prod(graph[a][b]["trust"] for a, b in hops),
                      min(graph[a][b]["trust"] for a, b in hops)))
    return sorted(found, key=lambda item: item[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(link, min_size=1, max_size=18), st.integers(1, 5), st.integers(1, 4),
       st.sampled_from(["product", "weakest-link"]), st.sampled_from([1.0, 0.8, 0.3]))
def test_path_trust_never_exceeds_its_weakest_hop_and_matches_brute_force(
        links, k, max_hops, method, go_between_factor):
    assume(any(a != b for a, b, *_ in links))
    net = build(links)
    net = net.with_settings(dataclasses.replace(
        net.settings, path=dataclasses.replace(net.settings.path,
                                               go_between_factor=go_between_factor)))
    result = trust_paths(net, "p0", "p6", k=k, max_hops=max_hops, method=method)
    for path in result.paths:
        assert 0.0 <= path.trust <= path.weakest_hop.trust <= 1.0
        assert path.weakest_hop.trust == min(hop.trust for hop in path.hops)
        assert len(set(path.nodes)) == len(path.nodes) <= max_hops + 1
        assert [hop.source for hop in path.hops] == path.nodes[:-1]
        assert [hop.target for hop in path.hops] == path.nodes[1:]
    expected = brute_force(net, "p0", "p6", max_hops, method)[:k]
    assert len(result.paths) == len(expected)
    for path, (_, product, weakest) in zip(result.paths, expected, strict=True):
        if method == "product":
            assert path.trust == pytest.approx(product, rel=1e-9)
        else:
            assert path.weakest_hop.trust == pytest.approx(weakest, rel=1e-9)


# --------------------------------------------------------------------------- command line


def test_cli_unknown_id_exits_2_with_one_line(consultant_path, capsys):
    assert main(["path", str(consultant_path), "me", "no-such-person"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("refgraph: error: target 'no-such-person'")


def test_cli_json_on_the_consultant_network(consultant, consultant_path, capsys):
    far = _farthest_contact(consultant)
    assert main(["path", str(consultant_path), "me", far, "--format", "json", "--k", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "me" and data["target"] == far
    assert 1 <= len(data["paths"]) <= 2
    for path in data["paths"]:
        assert path["nodes"][0] == "me" and path["nodes"][-1] == far
        assert path["trust"] <= path["weakest_hop"]["trust"] <= 1
        assert len(path["names"]) == len(path["nodes"]) == len(path["hops"]) + 1
    assert [p["trust"] for p in data["paths"]] == sorted(
        (p["trust"] for p in data["paths"]), reverse=True)


def test_cli_table_and_csv_on_the_chapter(chapter, chapter_path, capsys):
    members = sorted(set(chapter.contacts["id"]) - {"m01"})
    assert main(["path", str(chapter_path), "m01", members[-1], "--method", "weakest-link"]) == 0
    text = capsys.readouterr().out
    assert "weakest-link" in text and "1. trust" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert main(["path", str(chapter_path), "m01", members[-1], "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("path,path_trust,hop,source")


def _farthest_contact(network: refgraph.Network) -> str:
    """A contact the owner has no direct tie to, but reaches through others."""
    graph = network.graph()
    hops = nx.single_source_shortest_path_length(graph, "me", cutoff=4)
    two_or_more = sorted(node for node, length in hops.items() if length >= 2)
    return two_or_more[0] if two_or_more else sorted(graph["me"])[0]


def test_a_weak_path_to_someone_you_once_built_up_says_to_reconnect(consultant):
    # Kate Kelly gave Sam business three times, then 16 months of silence: the
    # message says the direct tie is one to revive, not a stranger's.
    result = trust_paths(consultant, "me", "c0309")
    assert result.paths[0].trust < 0.35
    assert "you built your tie to Kate Kelly up to profitability once" in result.message
    assert result.message.endswith("reconnect with Kate Kelly first")
    # Only the owner is "you": another source's path says nothing of the kind.
    assert "you built" not in trust_paths(consultant, "c0002", "c0309").message


def test_a_weak_direct_tie_ranked_first_points_to_the_listed_path_that_carries():
    # Direct: a 1-to-1 and an event (trust 0.30); through ann: 4 1-to-1s and an
    # event a hop (0.71 each, 0.51 together, ranked at 0.25 for the go-between).
    hop = [*one_to_ones("x", "y", 4), (DAY, "x", "y", "event")]
    rows = [(DAY, "me", "zoe", "one_to_one"), (DAY, "me", "zoe", "event")]
    rows += [(day, {"x": a, "y": b}[s], {"x": a, "y": b}[t], kind) for a, b in
             (("me", "ann"), ("ann", "zoe")) for day, s, t, kind in hop]
    net = make_network(["me", "ann", "zoe"], rows, settings=FIXED)
    result = trust_paths(net, "me", "zoe")
    assert [path.nodes for path in result.paths] == [["me", "zoe"], ["me", "ann", "zoe"]]
    assert "too weak to carry an introduction" in result.message
    assert "path 2, through ann, can (trust 0." in result.message
    # You have met zoe 1-to-1 yourself: nobody need introduce you.
    assert "to introduce you" not in result.message
    # Only seen at events: ann, who knows zoe well, is the one to ask.
    rows = [(f"{DAY}T{hour:02d}:00:00", "me", "zoe", "event") for hour in range(7)]
    rows += [(day, {"x": a, "y": b}[s], {"x": a, "y": b}[t], kind) for a, b in
             (("me", "ann"), ("ann", "zoe")) for day, s, t, kind in hop]
    seen = trust_paths(make_network(["me", "ann", "zoe"], rows, settings=FIXED), "me", "zoe")
    assert [len(path.hops) for path in seen.paths] == [1, 2]
    assert seen.message.endswith("path 2, through ann, can (trust 0.509): ask ann to "
                                 "introduce you")


def test_a_direct_tie_ranked_below_the_chains_is_still_named(chapter):
    # Aoife has sat in 34 chapter meetings with Jack Scott, but never met him
    # one-to-one: chains through members she trusts rank higher, and the answer
    # to "how do I meet Jack" must still say that she knows him already.
    result = trust_paths(chapter, "m01", "m34")
    assert all(len(path.hops) > 1 for path in result.paths)
    assert ("; you have a direct tie to Jack Scott too (trust 0.437, visibility), ranked below "
            "these; Jack Scott is in your chapter: book a 1-to-1") in result.message
    # Listed among the paths, it is not repeated.
    assert "direct tie too" not in trust_paths(chapter, "m01", "m03").message


def test_a_direct_tie_of_someone_else_is_named_as_theirs():
    net = chain_network(("ann", "zoe", 1), ("ann", "yan", 9), ("yan", "zoe", 9), ("me", "ann", 3))
    result = trust_paths(net, "ann", "zoe", k=1, as_of=DAY)
    assert result.paths[0].nodes == ["ann", "yan", "zoe"]
    assert result.message.endswith("; ann has had one contact with zoe, today: a one-to-one; a "
                                   "slight tie (trust 0.259, visibility), too slight to carry "
                                   "an introduction yet, but ann has met zoe: ann may follow up "
                                   "directly rather than be introduced")
    strong = chain_network(("ann", "zoe", 2), ("ann", "yan", 9), ("yan", "zoe", 9),
                           ("me", "ann", 3), settings={**FIXED, "path": {"go_between_factor": 1}})
    assert "; ann has a direct tie to zoe too (trust 0.451, credibility), ranked below these" in \
        trust_paths(strong, "ann", "zoe", k=1, as_of=DAY).message


def test_a_faint_direct_tie_is_named_for_what_it_is_not_offered_as_a_tie(consultant, chapter):
    # "You have a direct tie to Victoria Sterling too (trust <0.001)" oversells one
    # social-media touch two years ago: say what it was, and that it has faded.
    result = trust_paths(consultant, "me", "c0038")
    assert "direct tie" not in result.message
    assert result.message.endswith("; you have had one contact with Victoria Sterling, 2 years "
                                   "ago: a social-media touch; that tie has faded (trust "
                                   "<0.001) and cannot carry an introduction")
    george = trust_paths(chapter, "m01", "v10").message
    assert "direct tie" not in george
    assert "; you have had one contact with George Jackson, 23 months ago: an introduction; " \
           "that tie has faded" in george
    # A tie built up once and faded since: you know them, so reconnect rather than be introduced.
    eleanor = trust_paths(consultant, "me", "c0292").message
    assert "direct tie" not in eleanor
    assert eleanor.endswith("; you built your tie to Eleanor Stewart up to profitability once, "
                            "but the last substantive contact was 14 months ago and it has "
                            "faded to visibility (trust 0.050): you may reconnect with Eleanor "
                            "Stewart yourself rather than be introduced")


def test_a_fellow_chapter_member_needs_a_one_to_one_not_an_introduction(chapter):
    # Sarah Lawson joined Aoife's chapter in July: she sits in the same room every
    # week, so the networker's answer is to book a 1-to-1, not to ask Dan Powell.
    sarah = trust_paths(chapter, "m01", "m43").message
    assert sarah.endswith("; Sarah Lawson is in your chapter: book a 1-to-1 with them rather "
                          "than ask for an introduction")
    # Not for a former member, nor a visitor.
    assert "is in your chapter" not in trust_paths(chapter, "m01", "m02").message
    assert "is in your chapter" not in trust_paths(chapter, "m01", "v10").message
    # Between two other members, the same holds for them.
    assert trust_paths(chapter, "m46", "m43").message.endswith(
        "; Rachel Thompson and Sarah Lawson are in the same chapter: a 1-to-1 needs no "
        "introduction")


# --------------------------------------------------------------------------- character on the path


def rated_network(ratings: dict[str, int], *links: tuple[str, str, int]):
    """``chain_network`` with the owner's character ratings of some contacts."""
    people = sorted({p for a, b, _ in links for p in (a, b)})
    contacts = [{"id": p, **({"character": ratings[p]} if p in ratings else {})}
                for p in people]
    rows = [row for a, b, count in links for row in one_to_ones(a, b, count)]
    return make_network(contacts, rows, settings=FIXED)


def test_a_target_whose_character_you_doubt_is_named_and_never_worth_reviving():
    # As `ask` does: a 2/5 target is someone to be sure of before anyone spends a favour.
    net = rated_network({"zoe": 2}, ("me", "ann", 6), ("ann", "zoe", 6), ("me", "zoe", 1))
    message = trust_paths(net, "me", "zoe").message
    assert ("you rated zoe's character 2/5: be sure you want to deal with zoe before asking "
            "anyone to introduce you") in message
    # Someone else's route to them: you would be helping them reach someone you doubt.
    other = trust_paths(net, "ann", "zoe").message
    assert "think twice before helping ann reach someone whose character you doubt" in other
    unrated = rated_network({}, ("me", "ann", 6), ("ann", "zoe", 6))
    assert "character" not in trust_paths(unrated, "me", "zoe").message
    # Your own tie carries: nobody is asked for an introduction, but the doubt stands.
    known = rated_network({"zoe": 2}, ("me", "zoe", 9))
    assert trust_paths(known, "me", "zoe").message.endswith(
        "get in touch with zoe yourself; you rated zoe's character 2/5: be sure you want to "
        "deal with zoe again")
    # A weak tie to a doubted target: no advice to strengthen or revive it.
    weak = rated_network({"zoe": 1}, ("me", "zoe", 1))
    said = trust_paths(weak, "me", "zoe").message
    assert "too weak to carry an introduction" in said and "strengthen" not in said
    assert "character 1/5" in said


def test_a_go_between_whose_character_you_doubt_is_ranked_below_the_way_around():
    # bob is the strongest route to zoe, but you rated bob 2/5: never ask him the favour
    # when cat, whom you trust, can carry the introduction too.
    net = rated_network({"bob": 2}, ("me", "bob", 9), ("bob", "zoe", 9),
                        ("me", "cat", 6), ("cat", "zoe", 6))
    result = trust_paths(net, "me", "zoe", k=2)
    assert result.paths[0].via == ["cat"] and result.paths[1].via == ["bob"]
    assert result.paths[1].trust > result.paths[0].trust
    assert "ranked at 0.435, listed below the ways around a go-between you doubt" in " ".join(
        to_text(result).split())
    assert ": ask cat to introduce you; you rated bob's character 2/5 (a go-between on path 2): " \
           "never ask a favour of someone whose character you doubt, nor let their word " \
           "carry you; path 2, through bob, would rank first (trust 0.870), but is ranked " \
           "below the ways around them" in result.message
    # As `ask` does: the path it names for the introduction is the one listed first.
    with_asker = rated_network({"bob": 2}, ("me", "bob", 9), ("bob", "zoe", 9),
                               ("me", "cat", 6), ("cat", "zoe", 6), ("me", "ann", 9))
    assert ask(with_asker, "ann", "zoe").path.via == trust_paths(with_asker, "me",
                                                                 "zoe").best.via == ["cat"]
    # A list too short for both: the way around is listed, the doubt still named.
    only = trust_paths(net, "me", "zoe", k=1)
    assert [path.via for path in only.paths] == [["cat"]]
    assert only.message.endswith("you rated bob's character 2/5: never ask a favour of someone "
                                 "whose character you doubt, nor let their word carry you; the "
                                 "chain through bob would rank first (trust 0.870), but is left "
                                 "out for the ways around them")
    # The only path there is stays listed, with the doubt and no way round.
    alone = rated_network({"bob": 2}, ("me", "bob", 9), ("bob", "zoe", 9))
    message = trust_paths(alone, "me", "zoe").message
    assert "(a go-between on path 1)" in message
    assert message.endswith("no chain of at most 4 hops goes around them")
    # A way round too weak to carry, where the path through bob carries: as `ask`, the
    # path that carries is listed first, and the note says the way round is too weak.
    weak_way = rated_network({"bob": 2}, ("me", "bob", 9), ("bob", "zoe", 9),
                             ("me", "cat", 1), ("cat", "zoe", 1))
    ranked = trust_paths(weak_way, "me", "zoe", k=2)
    assert [path.via for path in ranked.paths] == [["bob"], ["cat"]]
    assert ranked.message.endswith("path 2 goes around them, but is too weak to carry an "
                                   "introduction (trust 0.067)")


def test_a_weak_path_says_whose_tie_to_strengthen():
    # Your own slight tie is yours to build; a go-between's slight tie is not.
    own = trust_paths(chain_network(("me", "zoe", 1)), "me", "zoe").message
    assert own.endswith("ask.min_path_trust): strengthen your own tie to zoe first")
    theirs = trust_paths(chain_network(("me", "ann", 9), ("ann", "zoe", 1)), "me", "zoe")
    assert theirs.message.endswith(
        "its weakest hop is ann's own tie to zoe (0.259): ann barely knows zoe, so look "
        "for someone closer to zoe")
    # Every tie holds, but four hand-overs do not.
    long = chain_network(("me", "a", 2), ("a", "b", 2), ("b", "c", 2), ("c", "zoe", 2))
    said = trust_paths(long, "me", "zoe").message
    assert said.endswith("each of its ties could carry an introduction, but not the chain of "
                         "them: look for a shorter route to zoe")


def test_a_direct_tie_that_carries_needs_no_introduction():
    # "How do I get introduced to zoe?" when you know zoe well: you don't, you call her.
    net = chain_network(("me", "zoe", 6), ("me", "ann", 9), ("ann", "zoe", 9))
    result = trust_paths(net, "me", "zoe")
    assert len(result.best.hops) == 1
    assert result.message.endswith(", a direct tie: no introduction is needed, get in touch "
                                   "with zoe yourself")
    assert trust_paths(net, "ann", "zoe").message.endswith(
        ", a direct tie: ann needs no introduction to zoe")
    # A slight direct tie is no such thing.
    slight = trust_paths(chain_network(("me", "zoe", 1)), "me", "zoe").message
    assert "no introduction is needed" not in slight


def test_no_advice_to_build_a_tie_to_a_doubted_go_between_and_no_weak_way_round():
    # Your slight tie to bob (2/5) is the weakest hop: never advise building it to use
    # him; and a way round that cannot carry an introduction is said to be too weak.
    net = rated_network({"bob": 2}, ("me", "bob", 1), ("bob", "zoe", 9),
                        ("me", "cat", 1), ("cat", "zoe", 1))
    result = trust_paths(net, "me", "zoe", k=2)
    # Neither carries: the way around is the one to build, listed first.
    assert [path.via for path in result.paths] == [["cat"], ["bob"]]
    assert "strengthen your own tie to bob" not in result.message
    assert "(a go-between on path 2)" in result.message


def test_you_are_you_on_someone_elses_path():
    # On ann's route to zoe you are the go-between: "your own tie", "you barely know",
    # never your name in the third person.
    through_you = trust_paths(chain_network(("ann", "me", 9), ("me", "zoe", 1)), "ann", "zoe")
    assert through_you.message.endswith("its weakest hop is your own tie to zoe (0.259): you "
                                        "barely know zoe, so look for someone closer to zoe")
    to_you = trust_paths(chain_network(("ann", "me", 1), ("me", "zoe", 9)), "ann", "zoe")
    assert to_you.message.endswith("strengthen ann's tie to you first")


def test_a_doubted_source_reaching_through_you_is_never_vouched_for():
    # As `ask` says do_not_vouch: you would be the go-between for someone you rated 2/5.
    net = rated_network({"ann": 2}, ("ann", "me", 1), ("me", "zoe", 9))
    message = trust_paths(net, "ann", "zoe").message
    assert message.endswith("you rated ann's character 2/5 and the best path runs through you: "
                            "never vouch for someone whose character you doubt")
    assert "strengthen" not in message
    # Not through you: nothing to vouch.
    around = rated_network({"ann": 2}, ("ann", "bob", 9), ("bob", "zoe", 9), ("me", "zoe", 9))
    assert "never vouch" not in trust_paths(around, "ann", "zoe").message


def test_a_path_described_in_one_line_never_reads_a_false_zero():
    # One social touch long ago: the trust is tiny, not nothing.
    rows = [("2021-01-05", "me", "zoe", "social"), ("2024-06-01", "me", "ann", "call")]
    best = trust_paths(make_network(["me", "zoe", "ann"], rows), "me", "zoe").best
    assert best.trust < 0.005
    assert best.describe() == "me → zoe (direct tie, trust <0.01)"


def test_a_path_that_carries_says_whom_to_ask_for_the_introduction():
    # "How do I get introduced to zoe?": ask ann, who knows her well.
    one = trust_paths(chain_network(("me", "ann", 9), ("ann", "zoe", 9)), "me", "zoe")
    assert one.message.endswith("the best has trust 0.870: ask ann to introduce you")
    two = trust_paths(chain_network(("me", "ann", 20), ("ann", "bob", 20), ("bob", "zoe", 20)),
                      "me", "zoe")
    assert two.message.endswith(": ask ann to introduce you to bob, who can take you on to zoe")
    # Not through someone whose character you doubt, and not someone else's route.
    doubted = rated_network({"ann": 2}, ("me", "ann", 9), ("ann", "zoe", 9))
    assert "to introduce you" not in trust_paths(doubted, "me", "zoe").message
    other = chain_network(("yan", "ann", 9), ("ann", "zoe", 9), ("me", "yan", 1))
    assert "to introduce" not in trust_paths(other, "yan", "zoe").message
    # A tie of your own that carries, ranked below the chain: no favour to ask.
    own = chain_network(("me", "ann", 20), ("ann", "zoe", 20), ("me", "zoe", 2))
    ranked = trust_paths(own, "me", "zoe")
    assert [len(path.hops) for path in ranked.paths] == [2, 1]
    assert "to introduce you" not in ranked.message


def test_nobody_is_asked_a_favour_on_a_tie_they_would_not_vouch_on():
    # ann and you only ever met at events: a tie at visibility, however often. Asking
    # her to vouch for you is premature solicitation: build the tie first.
    rows = [(f"2024-0{month}-0{day}", "me", "ann", "event") for month in range(1, 7)
            for day in range(1, 8)]
    rows += one_to_ones("ann", "zoe", 8)
    net = make_network(["me", "ann", "zoe"], rows, settings=FIXED)
    result = trust_paths(net, "me", "zoe")
    assert result.best.via == ["ann"] and result.best.trust >= 0.35
    assert result.best.hops[0].stage == "visibility"
    assert "ask ann to introduce you" not in result.message
    assert result.message.endswith(": it runs through ann, but your own tie to ann is only at "
                                   "visibility (trust 0.794): build it before asking ann a "
                                   "favour")
    # cat, whom you meet 1-to-1, carries it too, if ranked lower: cat is the one to ask.
    both = make_network(["me", "ann", "cat", "zoe"], rows + one_to_ones("me", "cat", 8)
                        + one_to_ones("cat", "zoe", 4), settings=FIXED)
    ranked = trust_paths(both, "me", "zoe")
    assert [path.via for path in ranked.paths] == [["ann"], ["cat"]]
    assert ranked.message.endswith("build it before asking ann a favour; path 2, through cat, "
                                   "can (trust 0.630): ask cat to introduce you")
    # A tie at credibility is one to ask on.
    known = make_network(["me", "ann", "zoe"], one_to_ones("me", "ann", 8)
                         + one_to_ones("ann", "zoe", 8), settings=FIXED)
    assert trust_paths(known, "me", "zoe").message.endswith(": ask ann to introduce you")


def test_a_listed_tie_of_your_own_says_what_to_do_when_nobody_is_asked():
    # Ranked below a strong chain, your own tie is listed as path 2: no favour is asked
    # of ann, so the answer says to get in touch yourself rather than say nothing.
    carries = trust_paths(chain_network(("me", "ann", 20), ("ann", "zoe", 20), ("me", "zoe", 2)),
                          "me", "zoe")
    assert [len(path.hops) for path in carries.paths] == [2, 1]
    assert carries.message.endswith("; you have a direct tie to zoe too (trust 0.451, "
                                    "credibility), path 2: get in touch with zoe yourself")
    slight = trust_paths(chain_network(("me", "ann", 20), ("ann", "zoe", 20), ("me", "zoe", 1)),
                         "me", "zoe")
    assert slight.message.endswith("too slight to carry an introduction yet, but you have met: "
                                   "follow up with zoe yourself rather than be introduced")


def test_a_weak_first_tie_you_met_says_follow_up_when_a_chain_carries(consultant):
    # Sam had a first 1-to-1 with Ingrid Sutton 5 weeks ago: his own tie (0.258) is listed
    # first, Kate Carr's chain can carry; nobody is to be asked, so follow up yourself.
    result = trust_paths(consultant, "me", "c0250", k=2)
    assert len(result.paths[0].hops) == 1 and result.paths[1].via == ["Kate Carr"]
    assert "path 2, through Kate Carr, can (trust 0.442)" in result.message
    assert result.message.endswith("but you have met: follow up with Ingrid Sutton yourself "
                                   "rather than be introduced")


def test_a_fellow_member_listed_below_a_chain_is_met_at_a_one_to_one_only(chapter):
    # Julia Reid is in Aoife's chapter: one piece of advice, the 1-to-1, not also
    # "get in touch with Julia Reid yourself".
    message = trust_paths(chapter, "m01", "m37", k=2).message
    assert "you have a direct tie to Julia Reid too (trust 0.484, visibility), path 2; " \
           "Julia Reid is in your chapter: book a 1-to-1 with them" in message
    assert "get in touch" not in message


def test_a_fellow_member_you_know_directly_is_met_at_a_one_to_one(chapter):
    # Tessa Fletcher is in Aoife's chapter and Aoife's own tie carries: no introduction,
    # and the way a member gets in touch with another is a 1-to-1.
    result = trust_paths(chapter, "m01", "m44")
    assert len(result.best.hops) == 1
    assert result.message.endswith(", a direct tie: no introduction is needed, Tessa Fletcher "
                                   "is in your chapter: book a 1-to-1 with them")


def test_no_introduction_to_ask_for_to_someone_you_have_met_yourself():
    # One 1-to-1 long ago: the tie has faded, but you have met; you call them yourself,
    # nobody introduces you to someone you already know.
    rows = [("2022-03-01", "me", "zoe", "one_to_one"), *one_to_ones("me", "ann", 9),
            *one_to_ones("ann", "zoe", 9)]
    result = trust_paths(make_network(["me", "ann", "zoe"], rows, settings=FIXED), "me", "zoe",
                         k=1)
    assert result.best.via == ["ann"]
    assert "to introduce you" not in result.message
    assert result.message.endswith("that tie has faded (trust <0.001) and cannot carry an "
                                   "introduction, but you have met: reconnect with zoe "
                                   "yourself rather than be introduced")
