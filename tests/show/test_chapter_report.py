"""The chapter's leadership report: self-contained, escaped, deterministic."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

import refgraph
from refgraph.errors import OutputExistsError
from refgraph.show.chapter_report import build_chapter_report, chapter_report

EVIL = "<script>window.pwned=1</script>"


def evil_chapter():
    contacts = pd.DataFrame({"id": ["a", "b", "c"], "name": [EVIL, "Bob", "Cat & Co"],
                             "profession": ["Plumber", "<b>Accountant</b>", "Florist"]})
    rows = pd.DataFrame({"date": ["2024-02-01", "2024-02-02", "2024-03-03"],
                         "source": ["a", "b", "c"], "target": ["b", "c", "a"],
                         "kind": ["referral", "referral", "one_to_one"]})
    members = pd.DataFrame({"member": ["a", "b", "c"], "joined": ["2023-01-01"] * 3})
    attendance = pd.DataFrame({"date": ["2024-03-07"] * 3, "member": ["a", "b", "c"],
                               "status": ["P", "A", "L"]})
    return refgraph.load_network({"contacts": contacts, "interactions": rows,
                                  "members": members, "attendance": attendance})


def test_page_is_offline_and_escaped():
    page = chapter_report(evil_chapter(), "2024-03")
    assert page.startswith("<!DOCTYPE html>")
    assert EVIL not in page and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "&lt;b&gt;Accountant&lt;/b&gt;" in page and "Cat &amp; Co" in page
    assert "Content-Security-Policy" in page and "default-src &#39;none&#39;" in page
    # Nothing is fetched: no external sources or links; images are data: URIs.
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert all(src.startswith("data:image/svg+xml;base64,")
               for src in re.findall(r'<img[^>]* src="([^"]+)"', page))
    assert len(re.findall(r"<img ", page)) == 2
    assert "<script" not in page.replace("&lt;script", "")


def test_page_is_deterministic_and_uses_only_data_up_to_the_month():
    net = evil_chapter()
    assert chapter_report(net, "2024-03") == chapter_report(net, "2024-03")
    sections = build_chapter_report(net, "2024-02")
    assert sections["view"].card.end.strftime("%Y-%m-%d") == "2024-02-29"
    assert sum(sections["lights"].values()) == 3
    assert [row["month"] for row in sections["trend"]] == [
        "2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02"]


def test_write_refuses_to_overwrite(tmp_path):
    net = evil_chapter()
    path = refgraph.show.write_chapter_report(net, "2024-03", tmp_path / "c.html")
    with pytest.raises(OutputExistsError):
        refgraph.show.write_chapter_report(net, "2024-03", path)
    refgraph.show.write_chapter_report(net, "2024-03", path, force=True)


def test_sample_report_has_something_to_say(chapter):
    sections = build_chapter_report(chapter, "2026-09")
    assert all(sections["lights"][c] > 0 for c in ("green", "amber", "red", "grey"))
    assert sections["view"].at_risk and sections["view"].missing_categories


def test_a_member_who_left_is_marked_not_at_risk():
    contacts = pd.DataFrame({"id": ["a", "b", "c"], "name": ["Ann", "Bob", "Cat"]})
    rows = pd.DataFrame({"date": ["2023-12-01", "2024-01-10", "2024-02-02"],
                         "source": ["c", "c", "a"], "target": ["a", "b", "b"],
                         "kind": ["referral", "referral", "one_to_one"]})
    members = pd.DataFrame({"member": ["a", "b", "c"], "joined": ["2023-01-01"] * 3,
                            "left": ["", "", "2024-01-20"]})
    net = refgraph.load_network({"contacts": contacts, "interactions": rows,
                                 "members": members, "settings": {"scorecard": {"months": 2}}})
    sections = build_chapter_report(net, "2024-02")
    assert "c" not in {r["member"] for r in sections["view"].at_risk}
    assert sum(sections["lights"].values()) == 2  # Cat is nobody's traffic light now
    page = chapter_report(net, "2024-02")
    assert 'class="light left">left 2024-01-20</span>' in page
    assert "Left the chapter: Cat (2024-01-20)" in page


def test_counts_are_written_with_proper_plurals():
    from refgraph.show.page import template_environment

    counted = template_environment().from_string(
        '{{ 1|count_noun("situation") }}, {{ 4|count_noun("situation") }}')
    assert counted.render() == "1 situation, 4 situations"
    page = chapter_report(evil_chapter(), "2024-03")
    assert "(s)" not in page
    assert re.search(r"named in \d+ situations? such as", page)


def test_unchanged_points_read_as_unchanged_not_plus_zero(chapter):
    from refgraph.show.scorecard import scorecard_table

    sections = build_chapter_report(chapter, "2026-10")
    unchanged = [m for m in sections["members"] if m["change"] == 0]
    assert unchanged, "the sample has members whose points did not move"
    assert all(m["change_text"] == "=" for m in unchanged)
    page = chapter_report(chapter, "2026-10")
    assert "<td>+0</td>" not in page and "<td>=</td>" in page
    table = scorecard_table(sections["view"].card)
    assert "+0" not in set(table["change"]) and "=" in set(table["change"])
    assert set(table["change"]) >= {"new", "="}


def test_the_trend_heading_counts_the_months_it_shows():
    net = evil_chapter()
    three = net.with_settings(net.settings.replace(
        scorecard=dataclasses.replace(net.settings.scorecard, months=3)))
    page = chapter_report(three, "2024-03")
    assert "<h2>3 months of traffic lights</h2>" in page and "Six months" not in page
    assert "<h2>6 months of traffic lights</h2>" in chapter_report(net, "2024-03")
