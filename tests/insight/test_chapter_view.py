"""The chapter view: flows, members nobody refers, missing categories, risks, communities."""

from __future__ import annotations

import pandas as pd

import refgraph
from refgraph.insight.chapter import readable_list


def small_chapter_rows():
    rows = [("2024-02-01", "a", "b", "referral", None), ("2024-02-02", "a", "b", "referral",
                                                         None),
            ("2024-02-03", "b", "c", "referral", None), ("2024-02-04", "c", "a", "referral",
                                                         None),
            ("2024-02-05", "a", "b", "business", 900), ("2024-02-06", "a", "c", "one_to_one",
                                                        None)]
    return pd.DataFrame(rows, columns=["date", "source", "target", "kind", "value"])


def small_chapter():
    contacts = pd.DataFrame({
        "id": ["a", "b", "c", "d"], "name": ["Ann", "Bob", "Cat", "Dan"],
        "profession": ["Estate agent", "Mortgage broker", "Conveyancing solicitor", "Florist"]})
    members = pd.DataFrame({"member": list("abcd"), "joined": ["2023-01-01"] * 4})
    attendance = pd.DataFrame(
        [(f"2024-0{m}-0{w}", "d", "A") for m in (1, 2, 3) for w in (1, 8)]
        + [("2024-01-01", p, "P") for p in "abc"], columns=["date", "member", "status"])
    return refgraph.load_network({
        "contacts": contacts, "members": members, "attendance": attendance,
        "interactions": small_chapter_rows(),
        "settings": {"stats": {"min_community_size": 3}}})


def test_flows_unreferred_and_risks():
    view = refgraph.chapter_view(small_chapter(), months=3, as_of="2024-03-31")
    flows = view.flows[["giver", "receiver", "referrals", "tyfcb"]].values.tolist()
    assert flows == [["a", "b", 2, 900.0], ["b", "c", 1, 0.0], ["c", "a", 1, 0.0]]
    assert [m["member"] for m in view.unreferred] == ["d"]
    risky = {r["member"]: r["reasons"] for r in view.at_risk}
    # d: 20 points before (no absence recorded, never late), 5 now.
    assert risky["d"] == ["points fell by 15 to 5", "6 absences", "no 1-to-1s"]
    assert risky["b"] == ["no 1-to-1s"] and "a" not in risky
    (group,) = view.communities
    assert group["size"] == 3
    assert group["name"].count(",") == 1 and " and " in group["name"]
    assert "Florist" not in group["name"]


def test_missing_categories_are_named_by_the_taxonomy():
    view = refgraph.chapter_view(small_chapter(), months=3, as_of="2024-03-31")
    missing = [m["profession"] for m in view.missing_categories]
    assert missing and "estate agent" not in missing and "florist" not in missing
    # Most unserved situations first, then the seat that serves most situations.
    order = [(m["unserved"], m["situations"]) for m in view.missing_categories]
    assert order == sorted(order, reverse=True)
    data = view.to_dict()
    assert set(data) == {"period", "flows", "unreferred", "missing_categories", "at_risk",
                         "communities", "departed"}


def test_missing_seats_are_the_gaps_no_member_fills():
    view = refgraph.chapter_view(small_chapter(), months=3, as_of="2024-03-31")
    missing = {m["profession"]: m for m in view.missing_categories}
    # The mortgage broker serves mortgages: "mortgage adviser" fills no gap.
    assert "mortgage adviser" not in missing
    assert all(m["unserved"] >= 1 for m in view.missing_categories)
    assert [m["unserved"] for m in view.missing_categories] == sorted(
        (m["unserved"] for m in view.missing_categories), reverse=True)
    # One seat per gap: no listed seat's unserved situations are all another's.
    taxonomy = refgraph.needs_taxonomy()
    listed = [m["profession"] for m in view.missing_categories]
    served = set()
    for need in taxonomy.values():
        if any(p in ("estate agent", "mortgage broker", "conveyancing solicitor", "florist")
               for p in need.professions):
            served.add(need.name)
    gaps = [{n for n, need in taxonomy.items() if p in need.professions and n not in served}
            for p in listed]
    assert all(not gaps[i] <= gaps[j] for i in range(len(gaps)) for j in range(i))


def test_readable_list():
    assert readable_list(["A", "B"]) == "A and B"
    assert readable_list([]) == ""


def test_sample_chapter_view(chapter):
    view = refgraph.chapter_view(chapter)
    assert len(view.flows) > 50 and view.at_risk and view.communities
    assert all("team" not in c["name"] for c in view.communities)
    colours = set(view.card.members["colour"])
    assert colours == {"green", "amber", "red", "grey"}


def dan_leaves(left: str) -> refgraph.Network:
    """:func:`small_chapter` where Dan, the florist, leaves on ``left`` ("": stays)."""
    network = small_chapter()
    members = pd.DataFrame({"member": list("abcd"), "joined": ["2023-01-01"] * 4,
                            "left": ["", "", "", left]})
    attendance = pd.DataFrame([(f"2024-0{m}-0{w}", "d", "A") for m in (1, 2) for w in (1, 8)]
                              + [("2024-01-01", p, "P") for p in "abc"],
                              columns=["date", "member", "status"])
    return refgraph.load_network({
        "contacts": network.contacts.drop(columns=["line"]), "members": members,
        "attendance": attendance, "interactions": small_chapter_rows(),
        "settings": {"stats": {"min_community_size": 3}, "scorecard": {"missing_top": 500}}})


def test_a_member_who_left_is_not_at_risk_nor_a_seat():
    view = refgraph.chapter_view(dan_leaves("2024-02-15"), months=3, as_of="2024-03-31")
    # Dan left on 15 February: his points fell and he had no 1-to-1s, but a
    # member who has gone is at no risk and waits for no referral.
    assert "d" in set(view.card.members["member"])
    assert "d" not in {r["member"] for r in view.at_risk}
    assert "d" not in {m["member"] for m in view.unreferred}
    assert [(m["member"], str(m["left"].date())) for m in view.departed] == [("d", "2024-02-15")]
    assert view.to_dict()["departed"][0]["name"] == "Dan"
    # His seat counts no more: what only a florist serves is a gap again.
    stays = refgraph.chapter_view(dan_leaves(""), months=3, as_of="2024-03-31")
    assert "d" in {r["member"] for r in stays.at_risk} and not stays.departed
    assert "florist" not in [m["profession"] for m in stays.missing_categories]
    assert "florist" in [m["profession"] for m in view.missing_categories]


def test_one_absence_is_written_in_the_singular():
    contacts = pd.DataFrame({"id": ["a", "b"], "name": ["Ann", "Bob"]})
    members = pd.DataFrame({"member": ["a", "b"], "joined": ["2023-01-01"] * 2})
    attendance = pd.DataFrame({"date": ["2024-03-07", "2024-03-07"], "member": ["a", "b"],
                               "status": ["A", "P"]})
    rows = pd.DataFrame({"date": ["2024-03-01"], "source": ["a"], "target": ["b"],
                         "kind": ["one_to_one"]})
    net = refgraph.load_network({"contacts": contacts, "members": members,
                                 "attendance": attendance, "interactions": rows,
                                 "settings": {"scorecard": {"risk_absences": 1}}})
    view = refgraph.chapter_view(net, months=1, as_of="2024-03-31")
    risky = {r["member"]: r["reasons"] for r in view.at_risk}
    assert "1 absence" in risky["a"] and "1 absences" not in risky["a"]
