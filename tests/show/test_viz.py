"""Tests for refgraph.show.picture: the interactive pyvis picture."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import markupsafe
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from toys import make_network

import refgraph
from refgraph.cli import main
from refgraph.errors import ContactNotFoundError, OutputExistsError, RefgraphError
from refgraph.io.text import clean_identifier
from refgraph.show import page as picture_page
from refgraph.show import picture as viz
from refgraph.show import picture_style as style

EVIL_IMG = "<img src=x onerror=\"document.title='pwned'\">"
EVIL_SCRIPT = "</script><script>window.pwned=1</script>"
EVIL_COMMENT = "<!--<script>"
EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE)


def data_of(page: str) -> dict:
    """The node/edge JSON embedded in a picture page."""
    match = re.search(r'<script type="application/json" id="refgraph-data">(.*?)</script>',
                      page, re.DOTALL)
    assert match, "data block missing"
    return json.loads(match.group(1))


def executed_scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.DOTALL)


def script_tags(page: str) -> int:
    """Script elements in the page, not counting text inside vis-network's own code."""
    vis_script, _ = picture_page.vis_assets()
    return page.replace(vis_script, "").count("<script")


def evil_network(**kwargs):
    contacts = [
        {"id": "me", "name": "Me", "profession": "consultant"},
        {"id": "x1", "name": EVIL_IMG, "profession": "<b>web</b> design & more"},
        {"id": "x2", "name": EVIL_SCRIPT, "profession": EVIL_COMMENT},
        {"id": "x3", "name": 'Link <a href="http://evil.example">here</a>',
         "profession": "href tester"},
        {"id": "ok", "name": "Ann Lee", "profession": "accountant", "email": "ann@example.com",
         "notes": "secret note"},
    ]
    interactions = [
        ("2024-01-05", "me", "x1", "one_to_one"),
        ("2024-01-06", "x1", "me", "referral"),
        ("2024-01-07", "me", "x2", "call"),
        ("2024-01-08", "x2", "x3", "business", 1200),
        ("2024-01-09", "me", "ok", "one_to_one"),
        ("2024-01-10", "ok", "x3", "meeting"),
    ]
    return make_network(contacts, interactions, **kwargs)


def chain_network():
    """me - a - b - c - d in a line, plus an isolated contact z."""
    contacts = ["me", "a", "b", "c", "d", "z"]
    interactions = [
        ("2024-01-01", "me", "a", "one_to_one"),
        ("2024-01-02", "a", "b", "call"),
        ("2024-01-02", "b", "c", "one_to_one"),
        ("2024-01-03", "b", "c", "one_to_one"),
        ("2024-01-04", "b", "c", "one_to_one"),
        ("2024-01-04", "c", "d", "email"),
    ]
    return make_network(contacts, interactions)


def star_network(n: int = 30, owner: str | None = "me"):
    """The owner with n contacts; contact k has k calls, so higher k is closer."""
    contacts = ["me"] + [f"p{k:02d}" for k in range(1, n + 1)]
    interactions = [(f"2024-01-{day:02d}", "me", f"p{k:02d}", "call")
                    for k in range(1, n + 1) for day in range(1, k + 1)]
    return make_network(contacts, interactions, owner=owner)


# --------------------------------------------------------------------------- escaping


def test_every_place_data_appears_is_escaped():
    net = evil_network()
    page = picture_page.picture_html(net, ego="x1", radius=2)
    # Raw markup from the data never reaches the page.
    for raw in (EVIL_IMG, EVIL_SCRIPT, "<b>web</b>", EVIL_COMMENT, '<a href="http'):
        assert raw not in page
    # Exactly the page's own three script elements exist; none was injected.
    assert script_tags(page) == 3
    assert len(executed_scripts(page)) == 2
    # The heading and the notes escape the ego's name.
    assert str(markupsafe.escape(EVIL_IMG)) in page


def test_legend_escapes_community_names():
    evil, plain = "<b>web</b> & co", "plumber"
    contacts = [{"id": "me"}] + [{"id": c, "profession": evil} for c in "abc"] + [
        {"id": c, "profession": plain} for c in "def"]
    pairs = ["ab", "bc", "ca", "de", "ef", "fd", "cd"]
    net = make_network(contacts, [("2024-01-01", u, v, "one_to_one") for u, v in pairs]
                       + [("2024-01-01", "me", "a", "call")])
    page = picture_page.picture_html(net)
    legend = page[page.index('<ul class="legend">'):page.index("</ul>")]
    assert "&lt;b&gt;web&lt;/b&gt; &amp; co" in legend
    assert "<b>" not in legend


def test_data_block_round_trips_names_as_text():
    page = picture_page.picture_html(evil_network())
    data = data_of(page)
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert labels["x1"] == EVIL_IMG
    assert labels["x2"] == EVIL_SCRIPT
    block = page[page.index('id="refgraph-data">'):]
    block = block[:block.index("</script>")]
    assert "<" not in block.split(">", 1)[1] and "&" not in block


def test_titles_never_contain_href_so_pyvis_keeps_text_tooltips():
    net = viz.to_pyvis(evil_network())
    titles = [item["title"] for item in net.nodes + net.edges]
    assert titles and not any("href" in title.lower() for title in titles)
    assert any("hre\u2060f" in title for title in titles)
    # pyvis's own template would switch to innerHTML tooltips if it saw href.
    assert "popup.innerHTML" not in net.generate_html()


def test_private_fields_do_not_reach_the_page():
    page = picture_page.picture_html(evil_network())
    assert "ann@example.com" not in page
    assert "secret note" not in page


def test_heading_is_empty_and_no_menus():
    net = viz.to_pyvis(evil_network())
    assert net.heading == ""
    assert not net.select_menu and not net.filter_menu


@pytest.mark.filterwarnings("ignore:.*control, bidi-override or zero-width")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=40).filter(clean_identifier))
def test_any_name_survives_as_text(name):
    net = make_network([{"id": "me", "name": "Me"}, {"id": "x", "name": name}],
                       [("2024-01-01", "me", "x", "call")])
    page = picture_page.picture_html(net)
    expected = net.name_of("x")
    labels = {node["id"]: node["label"] for node in data_of(page)["nodes"]}
    assert labels["x"] == expected
    assert script_tags(page) == 3


# --------------------------------------------------------------------------- offline


def test_page_links_nothing_external():
    page = picture_page.picture_html(evil_network())
    assert not EXTERNAL.search(page)
    assert "cdn" not in page.lower() or "cdnjs" not in page.lower()
    assert "bootstrap" not in page.lower()


def test_content_security_policy_allows_exactly_the_page_scripts():
    page = picture_page.picture_html(evil_network())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    policy = html.unescape(policy)
    assert "default-src 'none'" in policy
    for script in executed_scripts(page):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert sorted(picture_page.picture_script_hashes()) == sorted(
        re.findall(r"'sha256-[^']+'", policy))


def test_physics_off_and_positions_given():
    net = viz.to_pyvis(chain_network())
    assert net.options["physics"]["enabled"] is False
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float)
               for node in net.nodes)


def test_picture_is_deterministic():
    net = evil_network()
    assert picture_page.picture_html(net) == picture_page.picture_html(evil_network())


# --------------------------------------------------------------------------- content


def test_flows_are_arrows_from_giver_to_receiver():
    net = viz.to_pyvis(evil_network())
    arrows = [(e["from"], e["to"]) for e in net.edges if e["arrows"]["to"]["enabled"]]
    assert sorted(arrows) == [("x1", "me"), ("x2", "x3")]
    ties = [e for e in net.edges if not e["arrows"]["to"]["enabled"]]
    assert len(ties) == 5
    flow = next(e for e in net.edges if e["from"] == "x2" and e["arrows"]["to"]["enabled"])
    assert "1 business deal" in flow["title"] and "1,200" in flow["title"]


def test_hover_shows_name_profession_stage_and_strength():
    net = viz.to_pyvis(evil_network())
    node = next(n for n in net.nodes if n["id"] == "ok")
    assert node["title"].splitlines()[:2] == ["Ann Lee", "accountant"]
    assert "Tie with Me: visibility, strength 2.99" in node["title"]
    edge = next(e for e in net.edges if {e["from"], e["to"]} == {"me", "ok"})
    assert "Stage: visibility" in edge["title"] and "Strength 2.99" in edge["title"]


def test_edge_width_grows_with_trust_and_colour_follows_stage():
    net = make_network(["me", "weak", "strong"], [
        ("2024-01-01", "me", "weak", "email"),
        ("2024-01-01", "me", "strong", "one_to_one"),
        ("2024-01-02", "me", "strong", "one_to_one"),
        ("2024-01-03", "strong", "me", "referral"),
    ])
    edges = {e["to"] if e["from"] == "me" else e["from"]: e
             for e in viz.to_pyvis(net).edges if not e["arrows"]["to"]["enabled"]}
    assert edges["strong"]["width"] > edges["weak"]["width"]
    assert edges["strong"]["color"]["color"] == style.STAGE_COLOURS["profitability"]
    assert edges["weak"]["color"]["color"] == style.STAGE_COLOURS["visibility"]


def test_node_size_grows_with_weighted_degree():
    net = viz.to_pyvis(star_network(5))
    sizes = {n["id"]: n["size"] for n in net.nodes}
    assert sizes["me"] == pytest.approx(refgraph.Settings().viz.node_size_max)
    assert sizes["p05"] > sizes["p04"] > sizes["p01"]


def test_color_by_stage_uses_the_tie_with_the_owner():
    net = viz.to_pyvis(chain_network(), color_by="stage")
    colours = {n["id"]: n["color"]["background"] for n in net.nodes}
    assert colours["me"] == style.FOCUS_COLOUR
    assert colours["a"] == style.STAGE_COLOURS["visibility"]
    assert colours["c"] == style.NO_TIE_COLOUR


def test_color_by_community_gives_a_legend_entry_per_colour():
    picture = viz.build_picture(chain_network())
    node_colours = {n["color"]["background"] for n in picture.net.nodes}
    legend_colours = {item["colour"] for item in picture.legend if item["kind"] == "node"}
    assert node_colours == legend_colours


def test_legend_is_in_the_page():
    page = picture_page.picture_html(chain_network(), color_by="stage")
    assert 'class="legend"' in page
    assert "tie at the profitability stage" in page
    assert "arrow: giver → receiver" in page


# --------------------------------------------------------------------------- filters


def test_ego_and_radius():
    net = chain_network()
    ids = lambda **kw: sorted(n["id"] for n in viz.to_pyvis(net, **kw).nodes)  # noqa: E731
    assert ids(ego="b", radius=1) == ["a", "b", "c"]
    assert ids(ego="b", radius=0) == ["b"]
    assert ids(ego="b") == ["a", "b", "c", "d", "me"]
    assert "within 1 hop" in " ".join(viz.build_picture(net, ego="b", radius=1).notes)


def test_isolated_contacts_are_left_out_and_counted():
    picture = viz.build_picture(chain_network())
    assert "z" not in {n["id"] for n in picture.net.nodes}
    assert "1 contact without any tie yet is not drawn." in picture.notes


def test_min_stage_keeps_only_strong_ties():
    net = chain_network()
    picture = viz.build_picture(net, min_stage="credibility")
    kept = {(e["from"], e["to"]) for e in picture.net.edges}
    assert kept == {("b", "c")}
    assert {n["id"] for n in picture.net.nodes} == {"b", "c", "me"}  # the owner stays
    assert "credibility stage or above" in " ".join(picture.notes)


def test_as_of_ignores_later_interactions():
    net = chain_network()
    ids = {n["id"] for n in viz.to_pyvis(net, as_of="2024-01-01").nodes}
    assert ids == {"me", "a"}


def test_cap_keeps_the_contacts_closest_to_the_owner_and_says_so():
    picture = viz.build_picture(star_network(30), max_nodes=10)
    ids = {n["id"] for n in picture.net.nodes}
    assert ids == {"me"} | {f"p{k:02d}" for k in range(22, 31)}
    note = " ".join(picture.notes)
    assert "Left out: 21 contacts and 21 ties" in note
    assert "the limit is 10" in note


def test_cap_counts_the_ties_left_out_among_people_with_ties_only():
    # Contacts without a tie are never drawn; the ties left out are the graph's.
    contacts = ["me"] + [f"p{k:02d}" for k in range(1, 13)] + ["loner1", "loner2"]
    interactions = [(f"2024-01-{k:02d}", "me", f"p{k:02d}", "call") for k in range(1, 13)]
    interactions += [("2024-02-01", "p01", "p02", "call"), ("2024-02-02", "p03", "p04", "call")]
    net = make_network(contacts, interactions, owner="me")
    picture = viz.build_picture(net, max_nodes=5)
    shown = {n["id"] for n in picture.net.nodes}
    graph = net.graph()
    drawn_ties = graph.subgraph(shown).number_of_edges()
    note = " ".join(picture.notes)
    assert f"({len(contacts) - 2:,} contacts, {graph.number_of_edges()} ties;" in note
    assert f"{graph.number_of_edges() - drawn_ties} ties." in note
    assert "2 contacts without any tie yet are not drawn" in note


def test_cap_from_settings(network_factory):
    net = star_network(30)
    capped = net.with_owner("me")
    capped.settings = capped.settings.replace(
        viz=type(capped.settings.viz)(max_nodes=5))
    assert viz.build_picture(capped).shown_nodes == 5


def test_cap_without_owner_keeps_the_strongest_ties():
    picture = viz.build_picture(star_network(30, owner=None), max_nodes=4)
    ids = {n["id"] for n in picture.net.nodes}
    assert ids == {"me", "p30", "p29", "p28"}
    assert "strongest ties" in " ".join(picture.notes)


@pytest.mark.parametrize(("options", "message"), [
    ({"color_by": "rainbow"}, "color_by"),
    ({"min_stage": "friendship"}, "min_stage"),
    ({"radius": -1}, "radius"),
    ({"max_nodes": 0}, "max_nodes"),
])
def test_bad_options_are_clear_errors(options, message):
    with pytest.raises(RefgraphError, match=message):
        viz.to_pyvis(chain_network(), **options)


def test_unknown_ego_is_contact_not_found():
    with pytest.raises(ContactNotFoundError, match="ego 'nobody'"):
        viz.to_pyvis(chain_network(), ego="nobody")


# --------------------------------------------------------------------------- files


def test_write_is_atomic_and_needs_force(tmp_path):
    net = chain_network()
    target = tmp_path / "picture.html"
    picture_page.write_html(net, target)
    first = target.read_text(encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="--force"):
        picture_page.write_html(net, target)
    assert target.read_text(encoding="utf-8") == "old"
    picture_page.write_html(net, target, force=True)
    assert target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["picture.html"]


def test_write_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(RefgraphError, match="does not exist"):
        picture_page.write_html(chain_network(), tmp_path / "nope" / "picture.html")


def test_show_notebook_wraps_the_page_in_an_escaped_srcdoc():
    shown = picture_page.show_notebook(evil_network())
    frame = shown._repr_html_()
    assert frame.startswith('<iframe sandbox="allow-scripts"')
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and ">" not in srcdoc
    assert html.unescape(srcdoc) == shown.html
    assert "NotebookPicture" in repr(shown)


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("sample", ["consultant", "chapter"])
def test_cli_writes_a_picture_for_every_sample(sample, tmp_path, capsys, request):
    path = request.getfixturevalue(f"{sample}_path")
    out = tmp_path / f"{sample}.html"
    assert main(["viz", str(path), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert data_of(page)["nodes"]
    assert not EXTERNAL.search(page)
    assert "wrote" in capsys.readouterr().err


def test_cli_options_and_force(consultant_path, consultant, tmp_path, capsys):
    out = tmp_path / "ego.html"
    args = ["viz", str(consultant_path), "-o", str(out), "--ego", consultant.owner,
            "--radius", "1", "--min-stage", "credibility", "--color-by", "stage",
            "--as-of", "2025-06-30"]
    assert main(args) == 0
    nodes = data_of(out.read_text(encoding="utf-8"))["nodes"]
    assert consultant.owner in {n["id"] for n in nodes}
    assert main(args) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_cli_unknown_ego_fails_cleanly(consultant_path, tmp_path, capsys):
    assert main(["viz", str(consultant_path), "-o", str(tmp_path / "x.html"),
                 "--ego", "nobody"]) == 2
    assert "ego 'nobody'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_sample_picture_is_capped_with_a_note(consultant):
    picture = viz.build_picture(consultant, max_nodes=50)
    assert picture.shown_nodes == 50
    assert any("Left out" in note for note in picture.notes)


def test_the_same_picture_whatever_the_hash_seed(tmp_path):
    # A cut-out picture (ego, trimming) comes from a subgraph whose node order
    # follows a set, which changes with Python's hash seed; the page must not.
    program = ("import sys; from toys import chain; from refgraph.show.page import picture_html; "
               "sys.stdout.write(picture_html(chain(12), ego='p6', radius=1))")
    tests = str(Path(__file__).resolve().parents[1])
    pages = set()
    for seed in ("1", "2", "3", "4"):
        environment = {**os.environ, "PYTHONHASHSEED": seed,
                       "PYTHONPATH": os.pathsep.join([tests, os.environ.get("PYTHONPATH", "")])}
        pages.add(subprocess.run([sys.executable, "-c", program], env=environment, cwd=tmp_path,
                                 check=True, capture_output=True, text=True).stdout)
    assert len(pages) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9),
                          st.sampled_from([0.5, 1.0, 1.5, 2.0])), max_size=30),
       st.integers(1, 12))
def test_nearest_is_the_first_of_a_full_dijkstra(edges, count):
    # Stopping early must keep exactly the people a full search ranks first,
    # equal distances broken by name.
    graph = nx.Graph()
    graph.add_node(0)
    graph.add_edges_from((u, v, {"distance": d}) for u, v, d in edges if u != v)
    reach = nx.single_source_dijkstra_path_length(graph, 0, weight="distance")
    assert viz.nearest(graph, 0, count) == sorted(reach, key=lambda n: (reach[n], str(n)))[:count]
