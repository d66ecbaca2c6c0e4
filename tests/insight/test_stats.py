"""Tests for refgraph.insight.stats: the stats result, month-on-month changes, the CLI."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pandas as pd
import pytest
from toys import make_network

from refgraph.cli import main
from refgraph.insight.centrality import tie_graph
from refgraph.insight.ledger import LEDGER_COLUMNS
from refgraph.insight.stats import StatsResult, stats
from refgraph.io.settings import STAGES
from refgraph.show import to_text
from refgraph.show.stats import to_html as stats_html

# --------------------------------------------------------------------------- stats


@pytest.fixture(scope="module")
def growing():
    """A network where April brings new ties, a referral and business."""
    rows = [
        ("2024-01-10", "me", "ann", "one_to_one"),
        ("2024-02-10", "me", "ann", "one_to_one"),
        ("2024-02-15", "ann", "bob", "meeting"),
        ("2024-03-10", "ann", "me", "referral"),
        ("2024-04-02", "me", "cat", "card"),
        ("2024-04-05", "me", "ann", "business", 300),
        ("2024-04-09", "bob", "cat", "call"),
        ("2024-04-20", "ann", "cat", "introduction"),
    ]
    contacts = [{"id": "me", "name": "Me"},
                {"id": "ann", "name": "Ann <b>", "profession": "Lawyer"},
                {"id": "bob", "name": "Bob", "profession": "Lawyer"},
                {"id": "cat", "name": "Cat", "profession": "Baker"}, {"id": "dan"}]
    return make_network(contacts, rows)


def test_stats_headline_and_changes_against_the_previous_month(growing):
    result = stats(growing, as_of="2024-04-30")
    assert isinstance(result, StatsResult)
    # me-ann, ann-bob, then in April me-cat, bob-cat and ann-cat (the introduction).
    assert (result.contacts, result.contacts_with_ties, result.ties) == (5, 4, 5)
    assert result.interactions == 8
    assert result.previous_as_of == pd.Timestamp("2024-03-31 23:59:59.999999", tz="UTC")
    changes = result.changes
    assert changes["previous_as_of"] == "2024-03-31"
    assert changes["size"]["interactions"] == 4
    assert changes["size"]["ties"] == 3
    assert changes["size"]["contacts_with_ties"] == 1
    assert changes["flows"] == {"referrals": 0, "introductions": 1, "business": 1,
                                "business_value": 300.0}
    assert sum(changes["stages"].values()) == 3
    assert set(result.flows) == {"referrals", "introductions", "business", "business_value"}
    assert "me" not in set(result.leaders["id"])
    assert result.betweenness_sample is None
    # Ranks a month earlier are reported per leader; cat had no tie then.
    cat = result.leaders[result.leaders["id"] == "cat"]
    assert cat["previous_rank"].isna().all()
    # Ann exchanged more than anyone, the owner included.
    assert result.leaders.set_index("measure").loc["degree"].iloc[0]["id"] == "ann"
    assert result.owner_centrality["degree"]["rank"] == 2


def test_stats_reports_how_the_ledger_moved_against_the_previous_month(growing):
    moved = {row["id"]: row for row in stats(growing, as_of="2024-04-30").changes["ledger"]}
    # April: me gave ann business worth 300; ann introduced cat; bob and cat only talked.
    assert set(moved) == {"me", "ann", "cat"}
    assert moved["me"]["business_given"] == 1 and moved["me"]["business_value_given"] == 300.0
    assert moved["ann"]["business_received"] == 1 and moved["ann"]["introductions_given"] == 1
    assert moved["ann"]["received_from_owner"] == 1 and moved["ann"]["referrals_given"] == 0
    # ann only gave in March (reciprocity 1); now gave 2, received 1: 1/3.
    assert moved["ann"]["reciprocity"] == pytest.approx(1 / 3 - 1)
    assert moved["cat"]["introductions_received"] == 1 and moved["cat"]["reciprocity"] is None
    assert json.loads(stats(growing, as_of="2024-04-30").to_json())["changes"]["ledger"]


def test_stats_reports_the_betweenness_sample(growing):
    small = make_network(list(growing.contacts["id"]),
                         growing.interactions.assign(date=growing.interactions["date"]
                                                     .dt.strftime("%Y-%m-%d"))
                         [["date", "source", "target", "kind"]].to_dict("records"),
                         settings={"stats": {"betweenness_exact_max_nodes": 2,
                                             "betweenness_sample": 3}})
    result = stats(small)
    assert result.betweenness_sample == 3
    assert result.to_dict()["betweenness_sample"] == 3
    assert "sampled" in to_text(result)


def test_stats_json_contract(growing):
    data = json.loads(stats(growing, as_of="2024-04-30").to_json())
    assert set(data) >= {"owner", "as_of", "size", "stages", "leaders", "betweenness_sample",
                         "brokers", "communities", "ledger", "changes"}
    assert data["owner"] == "me" and data["as_of"] == "2024-04-30"
    assert set(data["size"]) >= {"contacts", "interactions", "ties"}
    assert list(data["stages"]) == list(STAGES)
    assert set(data["leaders"]) == {"degree", "pagerank", "betweenness"}
    for rows in data["leaders"].values():
        for row in rows:
            assert {"id", "name", "value"} <= set(row)
    for community in data["communities"]:
        assert {"id", "name", "size", "members", "top_professions"} <= set(community)
    assert data["ledger"][0].keys() == set(LEDGER_COLUMNS)
    assert set(data["changes"]) >= {"size", "stages", "flows", "leaders", "brokers", "ledger"}


def test_stats_views_fit_and_escape(growing):
    result = stats(growing, as_of="2024-04-30")
    text = to_text(result)
    assert all(len(line) <= 80 for line in text.splitlines())
    for section in ("Leaders", "Brokers", "Communities", "Ledger"):
        assert section in text
    assert "<b>" not in result._repr_html_() and "Ann &lt;b&gt;" in result._repr_html_()
    page = stats_html(result)
    assert "<b>" not in page and "Ann &lt;b&gt;" in page
    for section in ("Leaders", "Brokers", "Communities", "Ledger"):
        assert f"<h4>{section}" in page
    frame = result.to_frame()
    assert list(frame.columns) == ["measure", "rank", "id", "name", "value", "previous_rank"]


def test_stats_of_a_network_before_its_first_interaction(growing):
    result = stats(growing, as_of="2023-06-30")
    assert (result.ties, result.contacts_with_ties) == (0, 0)
    assert result.leaders.empty and result.communities.empty and result.ledger.empty
    assert "nothing to show" in to_text(result)
    json.loads(result.to_json())


def test_stats_without_an_owner_lists_everyone():
    net = make_network(["a", "b", "c"], [("2024-01-05", "a", "b", "referral"),
                                         ("2024-01-06", "b", "c", "one_to_one")], owner=None)
    result = stats(net)
    data = result.to_dict()
    assert data["owner"] is None and data["owner_centrality"] is None
    assert set(result.leaders["id"]) == {"a", "b", "c"}
    # b is on the only path between a and c; a and c, at 0, are no brokers
    assert result.leaders.query("measure == 'betweenness'")["id"].tolist() == ["b"]
    assert {r["id"]: r["reciprocity"] for r in data["ledger"]} == {"a": 1.0, "b": -1.0}
    assert "; 1 community" in to_text(result) and "owner left out" not in to_text(result)


def test_tie_graph_matches_the_full_graph(growing):
    light, full = tie_graph(growing), growing.graph()
    assert {frozenset(e) for e in light.edges} == {frozenset(e) for e in full.edges}
    assert "dan" not in light  # no tie, not in the metrics graph
    for u, v, data in light.edges(data=True):
        assert data["strength"] == pytest.approx(full[u][v]["strength"])
        assert data["distance"] == pytest.approx(full[u][v]["distance"])


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(("name", "owner"), [("consultant", "me"), ("chapter", "m01")])
def test_cli_stats_json_on_sample_networks(name, owner, capsys, request):
    path = request.getfixturevalue(f"{name}_path")
    assert main(["stats", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["owner"] == owner
    assert data["size"]["contacts"] > 30 and data["size"]["ties"] > 0
    assert sum(data["stages"].values()) == data["size"]["ties"]
    for measure in ("degree", "pagerank", "betweenness"):
        rows = data["leaders"][measure]
        assert len(rows) == 10 and owner not in {r["id"] for r in rows}
        values = [r["value"] for r in rows]
        assert values == sorted(values, reverse=True)
    assert data["communities"] and all(c["size"] >= 3 for c in data["communities"])
    members = [m for c in data["communities"] for m in c["members"]]
    assert len(members) == len(set(members)) and owner not in members
    assert data["brokers"] and data["brokers"][0]["communities"] >= 2
    ledger_rows = data["ledger"]
    assert sum(r["referrals_given"] for r in ledger_rows) == \
        sum(r["referrals_received"] for r in ledger_rows)
    assert data["changes"]["previous_as_of"] < data["as_of"]


def test_cli_stats_table_csv_and_as_of(consultant_path, capsys):
    assert main(["stats", str(consultant_path), "--as-of", "2025-06-30"]) == 0
    text = capsys.readouterr().out
    assert "as of 2025-06-30, vs 2025-05-31" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert main(["stats", str(consultant_path), "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(frame["measure"]) == {"degree", "pagerank", "betweenness", "broker"}


def test_cli_stats_unknown_owner(consultant_path, capsys):
    assert main(["stats", str(consultant_path), "--owner", "nobody"]) == 2
    assert "nobody" in capsys.readouterr().err


def test_consultant_connectors_make_sense(consultant):
    """Referral partners and the networking host lead; the host is among the first brokers."""
    result = stats(consultant)
    tags = consultant.contacts.set_index("id")["tags"]
    top_degree = result.leaders[result.leaders["measure"] == "degree"]["id"].head(6)
    assert tags[top_degree].str.contains("referral partner|connector").all()
    # The connector bridges the most communities; with many of her ties gone
    # quiet, a referral partner in steady contact can out-broker her.
    assert tags[result.brokers["id"].head(2)].str.contains("connector").any()
    assert (result.brokers["communities"] >= 2).all()
    assert np.isfinite(result.brokers["score"]).all()


def test_the_broker_heading_says_what_the_score_computes(consultant):
    result = stats(consultant)
    top = result.leaders.loc[result.leaders["measure"] == "betweenness", "value"].max()
    brokers = result.brokers
    assert np.allclose(brokers["score"], brokers["participation"] * brokers["betweenness"] / top)
    heading = "score = participation x betweenness / highest betweenness among contacts"
    assert heading in " ".join(to_text(result).split())


def test_a_small_network_without_brokers_says_so():
    from toys import make_network

    import refgraph

    net = make_network(["me", "ann", "bob"], [("2024-01-05", "me", "ann", "call"),
                                              ("2024-01-05", "me", "bob", "call"),
                                              ("2024-01-05", "ann", "bob", "call")])
    result = refgraph.stats(net)
    assert not (result.leaders["measure"] == "betweenness").any()
    assert set(result.leaders["measure"]) == {"degree", "pagerank"}
    assert "no brokers yet" in refgraph.show.render(result)


def test_interactions_are_those_logged_and_meeting_contacts_are_apart():
    from test_monthly import meeting_room

    result = stats(meeting_room(), as_of="2024-04-30")
    assert result.interactions == 2  # what interactions.csv and the slips hold
    assert result.meeting_contacts == 6
    assert result.to_dict()["size"]["meeting_contacts"] == 6
    assert result.changes["size"] == {**result.changes["size"], "interactions": 0,
                                      "meeting_contacts": 3}
    text = to_text(result)
    assert "2 interactions logged (no change)" in text
    assert "6 contacts from chapter meetings attended together (+3)" in text
    plain = stats(make_network(["me", "ann"], [("2024-01-05", "me", "ann", "card")]))
    assert plain.meeting_contacts == 0 and "chapter meetings" not in to_text(plain)


def test_connectors_carry_where_the_owner_stands_with_them():
    # Hub knows everyone well; you have only swapped a card with Hub, and you
    # rated Hub's character 2/5: Hub leads every list, and stats says so.
    contacts = [{"id": "me", "name": "Me"}, {"id": "hub", "name": "Hub", "character": 2},
                *({"id": p, "name": p.title()} for p in ("ann", "bob", "cat", "dan"))]
    rows = [("2024-03-01", "me", "hub", "card"),
            *((f"2024-03-{day:02d}", "me", p, "one_to_one")
              for day, p in ((2, "ann"), (3, "bob"), (4, "ann"), (5, "bob"))),
            *((f"2024-03-{day:02d}", "hub", p, "one_to_one")
              for day in (6, 8, 10) for p in ("ann", "bob", "cat", "dan"))]
    result = stats(make_network(contacts, rows), as_of="2024-03-31")
    data = json.loads(result.to_json())
    hub = data["leaders"]["degree"][0]
    assert (hub["id"], hub["owner_stage"], hub["owner_doubted_character"]) == (
        "hub", "visibility", 2.0)
    ann = next(row for row in data["leaders"]["degree"] if row["id"] == "ann")
    assert ann["owner_stage"] != "visibility" and ann["owner_doubted_character"] is None
    cat = next(row for row in data["leaders"]["degree"] if row["id"] == "cat")
    assert cat["owner_stage"] == "no tie"
    text = " ".join(to_text(result).split())
    assert ("Your tie is only at visibility, or there is none, with Hub, Cat and Dan: get "
            "to know them over a 1-to-1 before you ask them for an introduction.") in text
    assert "You rated the character of Hub at 2/5" in text
    assert "You rated the character of Hub at 2/5" in stats_html(result)
    # Without an owner there is no "your tie" to speak of.
    whole = stats(make_network(contacts, rows, owner=None), as_of="2024-03-31")
    assert "owner_stage" not in whole.leaders and "Your tie" not in to_text(whole)


def test_terminal_stats_names_the_ledger_columns_it_leaves_out(consultant):
    text = to_text(stats(consultant))
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "(left out to fit 80 characters: recip; --format json has every column)" in text


def test_headline_counts_read_in_the_right_number():
    # One referral, one piece of business, one tie, one interaction: no
    # "1 referrals"; and business is counted as pieces of business, with its worth.
    net = make_network(["me", "ann"], [("2024-02-05", "me", "ann", "email"),
                                       ("2024-03-05", "ann", "me", "referral")])
    lines = "\n".join(to_text(stats(net, as_of="2024-03-31")).splitlines()[:8])
    assert "1 referral (+1)" in lines and "1 referrals" not in lines
    assert "0 introductions (no change)" in lines
    assert "2 interactions logged (+1)" in lines and "1 tie (no change)" in lines
    deal = make_network(["me", "ann"], [("2024-02-05", "me", "ann", "email"),
                                        ("2024-03-05", "ann", "me", "business", 500)])
    lines = to_text(stats(deal, as_of="2024-03-31"))
    assert "1 piece of business (+1), worth 500 (+500)" in lines


def test_owner_line_names_measures_as_the_leaders_table_does(growing):
    text = to_text(stats(growing, as_of="2024-04-30"))
    owner = next(line for line in text.splitlines() if line.startswith("Owner:"))
    assert "by strength" in owner and "by PageRank" in owner and "by degree" not in owner
    assert "by strength" in text.split("Leaders", 1)[1].splitlines()[1]


def test_the_first_month_on_record_shows_no_changes():
    # Nothing was recorded a month earlier: "(+1)" beside every number would
    # read as growth.
    net = make_network(["me", "ann"], [("2024-03-05", "ann", "me", "referral")])
    text = to_text(stats(net, as_of="2024-03-31"))
    head = text.split("Leaders")[0]
    assert "nothing was recorded by 2024-02-29, so no changes are shown" in " ".join(
        head.split())
    assert "(+" not in head and "(no change)" not in head
    assert "(new)" not in text  # everyone would be new to a list that did not exist
    assert "1 interaction logged" in head and "1 tie;" in head
    assert all(len(line) <= 80 and not line.startswith(" 2") for line in text.splitlines())
    later = make_network(["me", "ann"], [("2024-02-05", "me", "ann", "call"),
                                         ("2024-03-05", "ann", "me", "referral")])
    assert "1 referral (+1)" in to_text(stats(later, as_of="2024-03-31"))


def test_shortened_community_names_keep_their_size(consultant):
    text = to_text(stats(consultant))
    communities = text.split("Communities", 1)[1].split("Ledger", 1)[0]
    rows = [line for line in communities.splitlines()[3:] if line.strip()]
    assert rows and all(re.match(r"^.+ \(\d+\)\s", row) for row in rows)
    assert "café owner / charity chief executi… (10)" in communities


def test_stats_dict_is_strict_json_and_the_same_twice(consultant):
    # A leader or broker the owner has not rated was NaN: not JSON, and never
    # equal to itself, so two identical runs compared unequal.
    first, second = stats(consultant).to_dict(), stats(consultant).to_dict()
    assert first == second
    json.dumps(first, default=str, allow_nan=False)
    doubts = [row["owner_doubted_character"] for row in first["brokers"]]
    assert None in doubts and all(d is None or isinstance(d, int) for d in doubts)
