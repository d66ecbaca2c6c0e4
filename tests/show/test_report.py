"""Tests for refgraph.show.report and scripts/monthly_report.py."""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from toys import make_network

import refgraph
from refgraph.cli import main
from refgraph.errors import OutputExistsError, RefgraphError
from refgraph.show import report, report_data
from refgraph.show.page import picture_script_hashes
from refgraph.show.text import to_text

EVIL_IMG = "<img src=x onerror=\"document.title='pwned'\">"
EVIL_SCRIPT = "</script><script>window.pwned=1</script>"
EXTERNAL = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE)


def small_network(extra=(), **kwargs):
    """Me, Ann (referral partner), Bob (new in February), Cat (fading)."""
    contacts = [
        {"id": "me", "name": "Me", "profession": "consultant"},
        {"id": "ann", "name": "Ann", "profession": "accountant"},
        {"id": "bob", "name": "Bob", "profession": "lawyer"},
        {"id": "cat", "name": "Cat", "profession": "designer"},
    ]
    interactions = [
        ("2023-06-01", "me", "cat", "one_to_one"),
        ("2023-06-15", "me", "cat", "one_to_one"),
        ("2023-07-01", "cat", "me", "referral"),
        ("2024-01-05", "me", "ann", "one_to_one"),
        ("2024-01-20", "me", "ann", "call"),
        ("2024-01-25", "ann", "me", "meeting"),
        ("2024-02-03", "ann", "me", "referral"),
        ("2024-02-10", "ann", "me", "business", 900),
        ("2024-02-12", "me", "ann", "referral"),
        ("2024-02-14", "me", "bob", "card"),
        ("2024-02-20", "me", "ann", "introduction"),
        *extra,
    ]
    return make_network(contacts, interactions, **kwargs)


def evil_network():
    contacts = [
        {"id": "me", "name": "Me", "profession": "consultant"},
        {"id": "x1", "name": EVIL_IMG, "profession": "<b>web</b>"},
        {"id": "x2", "name": EVIL_SCRIPT, "profession": "accountant"},
    ]
    interactions = [
        ("2024-01-05", "me", "x1", "one_to_one"),
        ("2024-02-06", "x1", "me", "referral"),
        ("2024-02-07", "me", "x2", "one_to_one"),
        ("2024-02-08", "x2", "me", "business", 900),
        ("2024-02-09", "x1", "x2", "introduction"),
    ]
    return make_network(contacts, interactions)


@pytest.fixture(scope="module")
def february():
    """The February 2024 report of :func:`small_network`, computed once."""
    return report.build_report(small_network(), "2024-02")


@pytest.fixture(scope="module")
def february_page(february):
    return report.render_report(february)


@pytest.fixture(scope="module")
def evil_page():
    return report.monthly_report(evil_network(), "2024-02")


# --------------------------------------------------------------------------- months


def test_parse_month():
    start, end = report_data.parse_month("2024-02")
    assert start == pd.Timestamp("2024-02-01", tz="UTC")
    assert end == pd.Timestamp("2024-02-29 23:59:59.999999", tz="UTC")
    assert report_data.parse_month(" 2023-12 ")[1].day == 31


@pytest.mark.parametrize("bad", ["2024-13", "2024-00", "2024-3", "March 2024", "2024-03-01",
                                 "", None, "24-03"])
def test_bad_months_are_clear_errors(bad):
    with pytest.raises(RefgraphError, match="expected YYYY-MM"):
        report_data.parse_month(bad)


def test_history_months_cover_the_data():
    months = report_data.history_months(small_network())
    assert months[0] == "2023-06" and months[-1] == "2024-02" and len(months) == 9


def test_month_before_any_data_is_an_error():
    with pytest.raises(RefgraphError, match="no interactions up to the end of 2022-01"):
        report.monthly_report(small_network(), "2022-01")


# --------------------------------------------------------------------------- cut-off


def test_later_interactions_never_change_a_report(february_page):
    before = february_page
    later = small_network(extra=[
        ("2024-03-01", "me", "bob", "one_to_one"),
        ("2024-03-02", "bob", "me", "referral"),
        ("2024-06-01", "cat", "me", "business", 5000),
    ])
    assert report.monthly_report(later, "2024-02") == before


def test_the_last_moment_of_the_month_counts():
    edge = small_network(extra=[("2024-02-29T23:59:59", "bob", "me", "referral")])
    sections = report.build_report(edge, "2024-02").sections
    received = next(r for r in sections["headline"] if r["label"] == "Referrals you received")
    assert received["value"] == "2"
    after = small_network(extra=[("2024-03-01T00:00:00", "bob", "me", "referral")])
    sections = report.build_report(after, "2024-02").sections
    received = next(r for r in sections["headline"] if r["label"] == "Referrals you received")
    assert received["value"] == "1"


def test_report_is_deterministic(february_page):
    assert report.monthly_report(small_network(), "2024-02") == february_page


# --------------------------------------------------------------------------- sections


def test_headline_against_previous_month(february):
    rows = {r["label"]: r for r in february.sections["headline"]}
    assert rows["Referrals you received"]["value"] == "1"
    assert rows["Referrals you received"]["previous"] == "0"
    assert rows["Referrals you received"]["change"] == "+1"
    assert rows["Business you received (value)"]["value"] == "900"
    assert rows["Referrals you gave"]["value"] == "1"
    assert rows["Introductions you made"]["value"] == "1"
    assert rows["New contacts"]["value"] == "1"  # Bob; Ann was new in January
    assert rows["New contacts"]["previous"] == "1"
    assert rows["Your interactions logged"]["previous"] == "3"


def test_headline_says_its_numbers_are_the_owners(february):
    # refgraph stats counts the whole network's interactions and ties; the
    # report's own numbers must not read as the same measure.
    labels = [row["label"] for row in february.sections["headline"]]
    assert {"Your interactions logged", "Your ties at credibility",
            "Your ties at profitability"} <= set(labels)
    assert not {"Interactions logged", "Ties at credibility"} & set(labels)
    whole = report_data.gather_month(small_network(owner=None), "2024-02")
    assert "Ties at credibility" in {row["label"] for row in whole.sections["headline"]}


def test_flows_given_and_received(february):
    flows = february.sections["flows"]
    by_direction = {(row["who"], row["direction"]): row for row in flows}
    received = by_direction[("Ann", "gave you")]
    assert (received["referrals"], received["business"], received["value"]) == (1, 1, "900")
    given = by_direction[("Ann", "you gave")]
    assert (given["referrals"], given["introductions"]) == (1, 1)


def busy_month():
    """February 2024: five thank-yous for business received, one referral, one given."""
    people = [f"p{i}" for i in range(5)]
    rows = [("2024-01-05", "me", person, "one_to_one") for person in [*people, "zoe", "sam"]]
    rows += [(f"2024-02-{10 + i:02d}", person, "me", "business", 1000 * (i + 1))
             for i, person in enumerate(people)]
    rows += [("2024-02-06", "zoe", "me", "referral"), ("2024-02-27", "me", "sam", "business", 150)]
    return make_network(["me", *people, "zoe", "sam"], rows, settings={"report": {"top": 3}})


def test_flows_keep_referrals_and_what_you_gave_and_say_what_is_cut():
    built = report.build_report(busy_month(), "2024-02")
    sections = built.sections
    assert len(sections["flows"]) == 7  # the plain data keeps every pair
    received, given = sections["flow_tables"]
    assert received["title"] == "Given to you" and given["title"] == "You gave"
    # A referral has no value: it comes first, not after every thank-you.
    assert (received["rows"][0]["who"], received["rows"][0]["referrals"]) == ("zoe", 1)
    assert [row["value"] for row in received["rows"][1:]] == ["5,000", "4,000"]
    assert received["more"] == 3
    assert [(row["who"], row["value"]) for row in given["rows"]] == [("sam", "150")]
    assert given["more"] == 0
    page = report.render_report(built)
    assert "and 3 more." in page
    assert ">Given to you</h3>" in page and ">You gave</h3>" in page


def test_new_contacts_and_stage_changes(february):
    changes = february.sections["changes"]
    assert [row["name"] for row in changes["new"]] == ["Bob"]
    moved = {row["name"]: row for row in changes["changed"]}
    assert moved["Ann"]["before"] == "credibility"
    assert moved["Ann"]["after"] == "profitability"
    assert moved["Ann"]["direction"] == "up"
    assert changes["changed_up"] >= 1


def test_nurture_and_fading_sections_use_the_month_end(february):
    sections = february.sections
    assert all({"name", "why"} <= set(row) for row in sections["nurture"])
    assert {row["name"] for row in sections["fading"]} >= {"Cat"}


def test_every_section_is_in_the_page(february_page):
    page = february_page
    for section in ("headline", "flows", "changes", "connectors", "nurture", "picture"):
        assert f'<section id="{section}"' in page
    assert "Monthly report: February 2024" in page
    assert page.count("data:image/svg+xml;base64,") == 5
    assert "@media print" in page and "@media (max-width" in page


def test_whole_network_report_without_owner():
    page = report.monthly_report(small_network(owner=None), "2024-02")
    assert "The whole network" in page
    assert "Referrals passed" in page
    assert "Referrals you received" not in page


def test_unknown_owner_is_a_clear_error():
    with pytest.raises(RefgraphError, match="owner 'nobody'"):
        report.monthly_report(small_network(), "2024-02", owner="nobody")


# --------------------------------------------------------------------------- safety


def test_report_escapes_names_everywhere(evil_page):
    page = evil_page
    assert "<script" not in page  # the report runs no script of its own
    assert "<img src=x" not in page and "<b>web</b>" not in page
    assert html.escape(EVIL_SCRIPT, quote=False) in page
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
    assert EVIL_SCRIPT not in srcdoc and "<img src=x" not in srcdoc


def test_report_links_nothing_external(evil_page):
    page = evil_page
    assert not EXTERNAL.search(page)
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
    assert not EXTERNAL.search(srcdoc)
    for uri in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page):
        svg = base64.b64decode(uri).decode("utf-8")
        assert not EXTERNAL.search(svg) and "<script" not in svg


def test_report_policy_lets_the_embedded_picture_run(evil_page):
    page = evil_page
    policy = html.unescape(re.search(
        r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert "default-src 'none'" in policy
    for expression in picture_script_hashes():
        assert expression in policy
    srcdoc = html.unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))
    for script in re.findall(r"<script>(.*?)</script>", srcdoc, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_figure_data_uri_is_deterministic_and_closes_the_figure():
    import matplotlib.pyplot as plt

    def make():
        figure, axes = plt.subplots(figsize=(2, 1))
        axes.bar(["a", "b"], [1, 2])
        axes.set_title("</svg><script>x</script>")
        return figure

    first, second = make(), make()
    assert report.figure_data_uri(first) == report.figure_data_uri(second)
    assert not plt.fignum_exists(first.number) and not plt.fignum_exists(second.number)
    svg = base64.b64decode(report.figure_data_uri(make()).split(",", 1)[1]).decode()
    assert svg.startswith("<svg") and "<script" not in svg and "<!--" not in svg


# --------------------------------------------------------------------------- files


def test_write_report_is_atomic_and_needs_force(tmp_path):
    target = tmp_path / "report.html"
    report.write_report(short_network(), "2024-02", target)
    first = target.read_bytes()
    target.write_text("old")
    with pytest.raises(OutputExistsError, match="--force"):
        report.write_report(short_network(), "2024-02", target)
    assert target.read_text() == "old"
    report.write_report(short_network(), "2024-02", target, force=True)
    assert target.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize("sample", ["consultant", "chapter"])
def test_cli_report_for_every_sample(sample, tmp_path, request, capsys):
    network = request.getfixturevalue(sample)
    month = report_data.month_of(network.latest)
    out = tmp_path / f"{sample}.html"
    path = request.getfixturevalue(f"{sample}_path")
    assert main(["report", str(path), "--month", month, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert network.name_of(network.owner) in page
    assert not EXTERNAL.search(page)
    assert main(["report", str(path), "--month", month, "-o", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err


def test_cli_bad_month(consultant_path, tmp_path, capsys):
    assert main(["report", str(consultant_path), "--month", "2024-13",
                 "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "expected YYYY-MM" in err and err.count("\n") == 1


# --------------------------------------------------------------------------- the script


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location(
        "monthly_report_script", ROOT / "scripts" / "monthly_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_folder(network, folder: Path) -> Path:
    folder.mkdir()
    network.contacts.drop(columns=["line"]).to_csv(folder / "contacts.csv", index=False)
    rows = network.interactions.drop(columns=["line"]).copy()
    rows["date"] = rows["date"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    rows.to_csv(folder / "interactions.csv", index=False)
    (folder / "network.toml").write_text('owner = "me"\n')
    return folder


def short_network():
    """Three months of history: December 2023 to February 2024."""
    return make_network(["me", "ann", "bob"], [
        ("2023-12-05", "me", "ann", "one_to_one"),
        ("2024-01-20", "ann", "me", "referral"),
        ("2024-02-14", "me", "bob", "card"),
    ])


def test_script_writes_every_month_idempotently(script, tmp_path, capsys):
    folder = write_folder(short_network(), tmp_path / "net")
    out = tmp_path / "reports"
    assert script.main([str(folder), "--all", "-o", str(out)]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == ["report-2023-12.html", "report-2024-01.html", "report-2024-02.html"]
    stamps = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()}
    capsys.readouterr()
    assert script.main([str(folder), "--all", "-o", str(out)]) == 0
    assert "unchanged" in capsys.readouterr().err
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir()} == stamps
    assert script.main([str(folder), "--month", "2024-02", "-o", str(out),
                        "--skip-existing"]) == 0
    assert "skipped" in capsys.readouterr().err


def test_script_fails_with_one_line(script, tmp_path, capsys):
    folder = write_folder(short_network(), tmp_path / "net")
    assert script.main([str(folder), "--month", "2024-13", "-o", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("monthly_report.py: error:") and err.count("\n") == 1
    assert script.main([str(tmp_path / "missing"), "--month", "2024-02",
                        "-o", str(tmp_path / "r")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert script.main([str(folder), "--month", "2020-01", "-o", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert "2020-01: no interactions" in err and err.count("\n") == 1
    a_file = tmp_path / "afile"
    a_file.write_text("")
    assert script.main([str(folder), "--month", "2024-02", "-o", str(a_file)]) == 2
    err = capsys.readouterr().err
    assert "is a file; -o takes the folder" in err and err.count("\n") == 1


def test_script_previous_month_helper(script):
    import datetime as dt

    assert script.previous_month(dt.date(2024, 3, 1)) == "2024-02"
    assert script.previous_month(dt.date(2024, 1, 31)) == "2023-12"


def test_script_on_a_sample(script, chapter_path, chapter, tmp_path):
    month = report_data.month_of(chapter.latest)
    assert script.main([str(chapter_path), "--month", month, "-o", str(tmp_path),
                        "--quiet"]) == 0
    assert (tmp_path / f"report-{month}.html").stat().st_size > 10_000


def test_headline_counts_logged_interactions_and_meeting_contacts_apart():
    import refgraph

    chapter = refgraph.load_network({
        "contacts": pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]}),
        "interactions": pd.DataFrame({"date": ["2024-03-04", "2024-03-12"],
                                      "source": ["me", "ann"], "target": ["ann", "me"],
                                      "kind": ["one_to_one", "referral"]}),
        "members": pd.DataFrame({"member": ["me", "ann", "bob"], "joined": ["2024-01-01"] * 3}),
        "attendance": pd.DataFrame({"date": ["2024-03-07"] * 3, "member": ["me", "ann", "bob"],
                                    "status": ["P"] * 3}),
        "settings": {"owner": "me"}})
    rows = {row["label"]: row["value"]
            for row in report_data.gather_month(chapter, "2024-03").sections["headline"]}
    assert rows["Your interactions logged"] == "2"
    assert rows["Your contacts from chapter meetings"] == "2"
    plain = report_data.gather_month(small_network(), "2024-02").sections["headline"]
    assert "Your contacts from chapter meetings" not in {row["label"] for row in plain}


def test_fading_table_says_what_it_compares_with(february, february_page):
    # The stage changes above it are against last month; the fading table is
    # against stats.fading_months earlier, and says so with the date.
    assert february.sections["fading_then"] == "6 months ago"
    assert february.sections["fading_since"] == "2023-08-31"
    assert "<th>Stage 6 months ago</th>" in february_page
    assert "Losing strength since 2023-08-31" in february_page
    assert "Stage then" not in february_page


def hub_network(owner="me"):
    """Hub knows everyone well; you have only swapped a card with them and doubt them."""
    contacts = [{"id": "me", "name": "Me"}, {"id": "hub", "name": "Hub", "character": 2},
                *({"id": p, "name": p.title()} for p in ("ann", "bob", "cat", "dan"))]
    rows = [("2024-03-01", "me", "hub", "card"),
            *((f"2024-03-{day:02d}", "me", p, "one_to_one")
              for day, p in ((2, "ann"), (3, "bob"), (4, "ann"), (5, "bob"))),
            *((f"2024-03-{day:02d}", "hub", p, "one_to_one")
              for day in (6, 8, 10) for p in ("ann", "bob", "cat", "dan"))]
    return make_network(contacts, rows, owner=owner)


def test_connectors_say_where_you_stand_with_them():
    sections = report_data.gather_month(hub_network(), "2024-03").sections
    rows = {row["name"]: row for board in sections["leaders"] for row in board["rows"]}
    assert rows["Hub"]["note"] == ("your tie is only at visibility; "
                                   "you rated their character 2/5")
    assert rows["Ann"]["note"] == ""  # a tie at credibility, nothing doubted
    assert rows["Cat"]["note"] == "no tie of yours yet"
    assert sections["connectors_noted"]
    page = report.monthly_report(hub_network(), "2024-03")
    assert "you rated their character 2/5" in page
    assert "get to know the connector over a 1-to-1 before you ask" in page
    # Without an owner nobody's tie is "yours", and nothing is said.
    whole = report_data.gather_month(hub_network(owner=None), "2024-03")
    assert not any(row["note"] for board in whole.sections["leaders"]
                   for row in board["rows"] if row["name"] != "Hub")


def test_someone_new_to_a_leader_list_is_new_as_in_stats():
    # Dan was fourth in January, below a list of two; in February he leads it.
    people = ["me", "ann", "bob", "cat", "dan"]
    rows = [("2024-01-05", "me", "ann", "one_to_one"), ("2024-01-06", "me", "ann", "one_to_one"),
            ("2024-01-07", "me", "bob", "one_to_one"), ("2024-01-08", "ann", "bob", "call"),
            ("2024-01-09", "me", "cat", "call"), ("2024-01-10", "cat", "dan", "card"),
            *((f"2024-02-{day:02d}", "dan", p, "one_to_one")
              for day in (5, 12, 19) for p in ("ann", "bob", "cat"))]
    net = make_network(people, rows, settings={"stats": {"top": 2}})
    strength = report_data.gather_month(net, "2024-02").sections["leaders"][0]
    assert strength["rows"][0]["name"] == "dan"
    assert strength["rows"][0]["move"] == "new"
    stats_view = to_text(refgraph.stats(net, as_of="2024-02-29"))
    assert "dan (new)" in stats_view


def test_the_givers_chart_says_it_counts_all_months(february_page):
    # The tables around it are this month's; the chart is the whole ledger.
    assert ("Top givers and receivers in the whole network, all months so far (you left out)"
            in february_page)
    whole = report.build_report(small_network(owner=None), "2024-02")
    assert whole.sections["charts"]["givers"].title.endswith("all months so far")


def test_leader_boards_have_titles_in_plain_english(february):
    titles = [board["title"] for board in february.sections["leaders"]]
    assert titles == ["Most relationship strength", "Best connected",
                      "On the most trusted paths"]


def test_the_first_month_on_record_is_compared_with_nothing():
    # The data starts in June 2023: "last month 0 · +2" would read as growth.
    first = report_data.gather_month(small_network(), "2023-06").sections["headline"]
    assert all(row["previous"] is None and row["change"] == "first month on record"
               for row in first)
    page = report.monthly_report(small_network(), "2023-06")
    assert "last month 0" not in page and "first month on record" in page
    later = report_data.gather_month(small_network(), "2024-02").sections["headline"]
    assert all(row["previous"] is not None for row in later)
    boards = report_data.gather_month(small_network(), "2023-06").sections["leaders"]
    assert all(row["move"] == "" for board in boards for row in board["rows"])


def test_a_network_cut_at_a_months_end_has_the_ties_of_its_own_rows():
    # The cut keeps the network's people codes for its rows: its tie table
    # must be the one its rows give when every id is hashed afresh.
    from refgraph.model.ties import tie_table

    net = refgraph.load_network(ROOT / "sample_networks" / "consultant")
    cut = report_data.cut_at(net, pd.Timestamp("2025-06-30 23:59:59.999999", tz="UTC"))
    assert len(cut.interactions) < len(net.interactions)
    fresh = tie_table(cut.interactions.copy(), cut.settings, cut.resolve_as_of(None))
    pd.testing.assert_frame_equal(cut.ties().reset_index(drop=True),
                                  fresh.reset_index(drop=True))
