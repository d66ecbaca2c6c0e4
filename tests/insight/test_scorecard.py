"""The chapter scorecard, recomputed by hand on small hand-built chapters."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import refgraph
from refgraph.errors import RefgraphError
from refgraph.insight.scorecard import ScorecardResult, scoring_period
from refgraph.io.settings_scorecard import SCORED_SECTIONS, ScorecardSettings, band_points

# Thursdays 2024-01-04 .. 2024-06-27: the 26 meetings of the period Jan-Jun 2024.
MEETINGS = [str(d.date()) for d in pd.date_range("2024-01-04", "2024-06-27", freq="7D")]


def hand_chapter(settings: dict | None = None, *,
                 rejoined: tuple[str, str] | None = None) -> refgraph.Network:
    """Four people: a (all period), b (joined 1 April), c (left 29 February), d (left 2023).

    ``rejoined``, ``(member, date)``: that member also rejoins on that date.
    """
    contacts = pd.DataFrame({"id": list("abcdv"), "name": ["Ann", "Bob", "Cat", "Dan", "Vic"],
                             "profession": ["Plumber", "Accountant", "Florist", "Baker", ""]})
    rows = []
    # a gives 13 referrals in the period (0.5 a week: exactly the 5-point edge),
    # plus one just before and one just after the period, which do not count.
    rows += [(f"2024-0{1 + i % 6}-{10 + i:02d}", "a", "b", "referral", None) for i in range(13)]
    rows += [("2023-12-31T23:59:00Z", "a", "b", "referral", None),
             ("2024-07-01", "a", "b", "referral", None)]
    # b gives 13 referrals in its 13 weeks: 1.0 a week, the 15-point edge.
    rows += [(f"2024-0{4 + i % 3}-{2 + i:02d}", "b", "a", "referral", None) for i in range(13)]
    # 13 one-to-ones between a and b: 0.5 a week for a, 1.0 a week for b.
    rows += [(f"2024-0{4 + i % 3}-{3 + i:02d}", "a", "b", "one_to_one", None) for i in range(13)]
    # a's referrals closed 10,000 of business for b: the 10-point edge.
    rows += [("2024-05-20", "a", "b", "business", 6000), ("2024-06-20", "a", "b", "business",
                                                            4000)]
    interactions = pd.DataFrame(rows, columns=["date", "source", "target", "kind", "value"])
    members = pd.DataFrame({"member": ["a", "b", "c", "d"],
                            "joined": ["2023-01-01", "2024-04-01", "2022-05-01", "2022-01-01"],
                            "left": ["", "", "2024-02-29", "2023-06-30"],
                            "category": ["Plumbing", "", "", ""]})
    if rejoined is not None:
        members.loc[len(members)] = [rejoined[0], rejoined[1], "", ""]
    attendance = []
    for number, date in enumerate(MEETINGS):
        attendance.append((date, "a", "A" if number == 3 else "L" if number == 5 else "P"))
        if date >= "2024-04-01":
            attendance.append((date, "b", "P"))
        else:  # recorded before b joined: ignored
            attendance.append((date, "b", "A"))
        if date <= "2024-02-29":
            attendance.append((date, "c", "A" if number < 3 else "S"))
    attendance = pd.DataFrame(attendance, columns=["date", "member", "status"])
    slips = pd.DataFrame(
        [("2024-02-01", "visitor", "a", "v", "")] * 1 + [("2024-03-01", "visitor", "a", "", "")]
        + [("2024-06-30", "visitor", "a", "", "")]
        + [("2024-03-05", "testimonial", "a", "b", ""), ("2024-03-06", "testimonial", "a", "c",
                                                          "")]
        + [(f"2024-0{1 + i % 6}-15", "education", "a", "", "") for i in range(7)]
        + [("2024-07-01", "education", "a", "", "")],
        columns=["date", "kind", "source", "target", "notes"])
    return refgraph.load_network({"contacts": contacts, "interactions": interactions,
                                  "members": members, "attendance": attendance, "slips": slips,
                                  "settings": settings or {}})


def row(card, member: str) -> dict:
    return card.members.set_index("member").loc[member].to_dict()


def test_points_recomputed_by_hand():
    card = refgraph.scorecard(hand_chapter(), as_of="2024-06-30")
    assert (card.start, card.end.date()) == (pd.Timestamp("2024-01-01", tz="UTC"),
                                              pd.Timestamp("2024-06-30").date())
    assert set(card.members["member"]) == {"a", "b", "c"}  # d left before the period
    a = row(card, "a")
    assert a["weeks"] == pytest.approx(26.0)
    assert (a["meetings"], a["present"], a["absent"], a["late"]) == (26, 24, 1, 1)
    assert (a["referrals_given"], a["referrals_received"]) == (13, 13)
    assert a["referrals_given_per_week"] == pytest.approx(0.5)
    assert (a["one_to_ones"], a["tyfcb_given"], a["visitors"]) == (13, 10000.0, 3)
    assert (a["testimonials_given"], a["education"]) == (2, 7)
    points = {section: a[f"points_{section}"] for section, _ in SCORED_SECTIONS}
    # absences 1 -> 10; late once -> 0; 0.5 referrals/week -> 5; 3/26 visitors -> 5;
    # 0.5 one-to-ones/week -> 10; 10,000 TYFCB -> 10; 2 testimonials -> 10;
    # 7/26 education/week -> 5.
    assert points == {"absences_at_most": 10, "late_at_most": 0, "referrals_per_week": 5,
                      "visitors_per_week": 5, "one_to_ones_per_week": 10, "tyfcb_given": 10,
                      "testimonials": 10, "education_per_week": 5}
    assert a["total"] == 55 and a["colour"] == "amber"
    assert a["category"] == "Plumbing" and a["balance"] == 0


def test_member_who_joined_mid_period_is_scored_over_their_own_weeks():
    b = row(refgraph.scorecard(hand_chapter(), as_of="2024-06-30"), "b")
    assert b["weeks"] == pytest.approx(13.0)  # 1 April to 30 June
    assert (b["meetings"], b["absent"]) == (13, 0)  # rows before joining are ignored
    assert b["referrals_given_per_week"] == pytest.approx(1.0)
    assert b["one_to_ones_per_week"] == pytest.approx(1.0)
    # absences 15 + on time 5 + referrals 15 + one-to-ones 10 = 45
    assert b["total"] == 45 and b["colour"] == "red"
    assert math.isnan(b["change"]) and b["previous_colour"] is None
    assert b["category"] == "Accountant"  # no seat given: the profession


def test_member_who_left_mid_period():
    c = row(refgraph.scorecard(hand_chapter(), as_of="2024-06-30"), "c")
    assert c["weeks"] == pytest.approx(59 / 7)  # 1 January to 29 February (midnight)
    assert (c["absent"], c["substitute"]) == (3, 6)  # substitutes are not absences
    assert c["total"] == 5 and c["colour"] == "grey"  # only the on-time points


def test_period_boundaries_and_previous_period():
    net = hand_chapter()
    before = refgraph.scorecard(net, as_of="2024-06-29")  # June not completed yet
    assert before.end.month == 5
    card = refgraph.scorecard(net, as_of="2024-06-30")
    a = row(card, "a")
    # The previous period (July-December 2023) holds only the referral of 31 December.
    assert card.previous_start == pd.Timestamp("2023-07-01", tz="UTC")
    assert a["previous_total"] == 15 + 5  # no absence recorded, never late
    assert a["change"] == a["total"] - 20


def test_colour_edges_are_inclusive():
    settings = {"scorecard": {"green_min": 55, "amber_min": 45, "red_min": 5}}
    card = refgraph.scorecard(hand_chapter(settings), as_of="2024-06-30")
    assert dict(zip(card.members["member"], card.members["colour"], strict=True)) == {
        "a": "green", "b": "amber", "c": "red"}


@pytest.mark.parametrize("section", [name for name, _ in SCORED_SECTIONS])
def test_every_band_edge(section):
    bands = getattr(ScorecardSettings(), section)
    at_most = section.endswith("_at_most")
    previous = 0.0 if not at_most else None
    for threshold, points in bands:
        assert band_points(threshold, bands, at_most=at_most) == points
        if not at_most:
            assert band_points(threshold - 1e-6, bands, at_most=False) == previous
            previous = points
    beyond = bands[-1][0] + 1
    assert band_points(beyond, bands, at_most=at_most) == (0.0 if at_most else bands[-1][1])


def test_points_table_replaced_in_settings():
    settings = {"scorecard": {"referrals_per_week": [[0.25, 20]]}}
    a = row(refgraph.scorecard(hand_chapter(settings), as_of="2024-06-30"), "a")
    assert a["points_referrals_per_week"] == 20 and a["total"] == 70


def test_json_and_csv(tmp_path):
    card = refgraph.scorecard(hand_chapter(), as_of="2024-06-30")
    data = card.to_dict()
    assert data["period"]["start"] == pd.Timestamp("2024-01-01", tz="UTC")
    first = data["members"][0]
    assert first["member"] == "a" and first["points"]["tyfcb_given"] == 10
    text = refgraph.show.render(card, "json")
    assert '"colour": "amber"' in text and '"previous_period"' in text
    csv = refgraph.show.render(card, "csv")
    assert csv.splitlines()[0].startswith("member,name,joined,left,category,weeks")
    assert len(csv.splitlines()) == 4


def test_not_a_chapter():
    net = refgraph.load_network((pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"]}),
                                 pd.DataFrame({"date": ["2024-01-01"], "source": ["a"],
                                               "target": ["b"], "kind": ["call"]})))
    with pytest.raises(RefgraphError, match="no chapter records"):
        refgraph.scorecard(net)


def test_scoring_period_months():
    start, end = scoring_period(pd.Timestamp("2024-03-15", tz="UTC"), 3)
    assert (start.date().isoformat(), end.date().isoformat()) == ("2023-12-01", "2024-02-29")


def test_members_who_left_are_marked_and_listed_last():
    card = refgraph.scorecard(hand_chapter(), as_of="2024-06-30")
    assert card.members["member"].tolist()[-1] == "c"  # left 29 February
    assert card.has_left().tolist() == [False, False, True]
    assert "(2 members, as of 2024-06-30)" in card.title
    text = refgraph.show.to_text(card)
    assert "Left the chapter: Cat (2024-02-29)" in text and "1 left the chapter" in text
    # Before c left, c was a member like any other.
    assert not refgraph.scorecard(hand_chapter(), as_of="2024-02-15").has_left().any()


def test_who_left_is_decided_as_of_the_day():
    # c left on 29 February and rejoins in September: as of 30 June, c has left.
    net = hand_chapter(rejoined=("c", "2024-09-01"))
    card = refgraph.scorecard(net, as_of="2024-06-30")
    assert card.left_ids == {"c", "d"}  # d left in 2023 and is not scored
    assert card.has_left().tolist() == [False, False, True]
    assert row(card, "c")["left"] == pd.Timestamp("2024-02-29", tz="UTC")
    # Back in September, c is a member again; leaving on the as-of day is leaving.
    assert not refgraph.scorecard(net, as_of="2024-10-15").has_left().any()
    assert refgraph.scorecard(hand_chapter(), as_of="2024-02-29").left_ids == {"c", "d"}


def test_a_chapter_of_one_member_is_one_member_not_one_members():
    stamp = pd.Timestamp("2024-03-31", tz="UTC")
    members = pd.DataFrame({"member": ["a"], "name": ["Ann"], "left": [pd.NaT]})
    title = ScorecardResult(stamp, stamp, stamp, stamp, members).title
    assert "(1 member)" in title


def test_terminal_scorecard_names_the_columns_it_leaves_out(chapter):
    # 80 characters cannot hold every measure; the reader is told which are
    # missing, and the light of someone who left stays short so that the
    # referrals received still fit.
    text = refgraph.show.to_text(refgraph.scorecard(chapter, as_of="2026-10-31"))
    assert all(len(line) <= 80 for line in text.splitlines())
    header = next(line for line in text.splitlines() if line.startswith("member"))
    assert "refs recvd" in header and "TYFCB given" not in header
    assert "(left out to fit 80 characters: 1-2-1s, visitors, TYFCB given;" in text
    assert "Left the chapter: Tariq McDonald (2026-05-18)" in text
