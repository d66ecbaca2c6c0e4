"""Tests for refgraph.show.charts: Figures with the expected bars and lines, safe labels."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure
from toys import make_network

from refgraph.errors import ContactNotFoundError
from refgraph.io.settings import STAGES
from refgraph.show import charts

ODD = "$x$ <b>"  # mathtext and HTML in a name must come out as typed


@pytest.fixture(scope="module")
def busy():
    contacts = [{"id": "me", "name": "Me $1"}, {"id": "ann", "name": ODD},
                {"id": "bob", "name": "Bob {\\alpha}"}, {"id": "cat", "name": "Cat"}]
    rows = [
        ("2024-01-10", "ann", "me", "referral"),
        ("2024-02-10", "me", "ann", "one_to_one"),
        ("2024-02-12", "me", "bob", "referral"),
        ("2024-03-01", "bob", "me", "business", 800),
        ("2024-03-05", "me", "ann", "business", 120),
        ("2024-03-08", "ann", "cat", "introduction"),
        ("2024-03-09", "cat", "bob", "referral"),
        ("2023-06-01", "me", "cat", "one_to_one"),
    ]
    return make_network(contacts, rows)


def rendered(figure: Figure) -> str:
    """Draw the figure to SVG (text kept as text) and return the SVG."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg")
    figure.savefig(io.BytesIO(), format="png")
    return buffer.getvalue()


def test_referrals_per_month_has_a_pair_of_bars_per_month(busy):
    figure = charts.referrals_per_month(busy, as_of="2024-03-31", months=4)
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    given, received = ax.containers
    assert [b.get_height() for b in given] == [0, 0, 1, 0]
    assert [b.get_height() for b in received] == [0, 1, 0, 0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023-12", "2024-01", "2024-02",
                                                           "2024-03"]
    assert "Me \\$1" in ax.get_title(loc="left")
    svg = rendered(figure)
    assert "Me $1" in svg


def test_business_value_per_month(busy):
    figure = charts.business_value_per_month(busy, as_of="2024-03-31", months=3)
    given, received = figure.axes[0].containers
    assert [b.get_height() for b in given] == [0, 0, 120]
    assert [b.get_height() for b in received] == [0, 0, 800]


def test_without_an_owner_one_bar_counts_the_network(busy):
    anyone = make_network(list(busy.contacts["id"]), [
        ("2024-01-10", "ann", "bob", "referral"), ("2024-01-11", "bob", "cat", "referral")],
        owner=None)
    (bars,) = charts.referrals_per_month(anyone, months=2).axes[0].containers
    assert [b.get_height() for b in bars] == [0, 2]


def test_stages_over_time_draws_one_line_per_stage(busy):
    figure = charts.stages_over_time(busy, as_of="2024-03-31", months=12)
    (ax,) = figure.axes
    assert [line.get_label() for line in ax.lines] == list(STAGES)
    totals = sum(line.get_ydata()[-1] for line in ax.lines)
    assert totals == 3  # the owner's ties with ann, bob and cat
    assert len(ax.lines[0].get_xdata()) == 12
    # Labels thin out so that at most a dozen months are named, the latest always.
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert len(labels) <= charts.MAX_MONTH_LABELS and labels[-1] == "2024-03"


def test_top_givers_receivers_leave_out_the_owner_and_survive_odd_names(busy):
    figure = charts.top_givers_receivers(busy, top=5)
    givers, receivers = figure.axes
    names = [t.get_text() for t in givers.get_yticklabels()]
    assert names[0] == charts.safe_label(ODD)  # ann gave most: a referral and an introduction
    assert "Me \\$1" not in names
    # Three stacked kinds per person.
    assert len(givers.containers) == 3
    assert all(len(c) == len(names) for c in givers.containers)
    svg = rendered(figure)
    assert "$x$ &lt;b&gt;" in svg  # literal text, escaped in the SVG itself
    assert "<b>" not in svg.replace("&lt;b&gt;", "")
    receiver_names = [t.get_text() for t in receivers.get_yticklabels()]
    assert set(receiver_names) == {charts.safe_label(n) for n in (ODD, "Bob {\\alpha}", "Cat")}


def test_fading_relationships_bars_then_and_now(busy):
    figure = charts.fading_relationships(busy, as_of="2024-12-31", months=6, top=2)
    (ax,) = figure.axes
    before, now = ax.containers
    assert len(before) == len(now) == 2
    assert all(b.get_width() > n.get_width() for b, n in zip(before, now, strict=True))
    rendered(figure)


def test_fading_chart_of_one_month_says_one_month(busy):
    (ax,) = charts.fading_relationships(busy, as_of="2024-12-31", months=1, top=2).axes
    assert ax.get_title(loc="left").endswith("now and 1 month ago")
    assert ax.get_legend().get_texts()[0].get_text() == "1 month ago"


def test_charts_with_nothing_to_show_say_so(busy):
    quiet = make_network(["me", "ann"], [("2024-01-01", "me", "ann", "call")])
    figure = charts.top_givers_receivers(quiet)
    assert all("Nothing" in " ".join(t.get_text() for t in ax.texts) for ax in figure.axes)
    fading = charts.fading_relationships(quiet, as_of="2024-01-02")
    assert "No relationship" in fading.axes[0].texts[0].get_text()
    rendered(figure)
    rendered(fading)


def test_charts_leave_pyplot_alone_and_show_in_jupyter(busy):
    before = plt.get_fignums()
    for make in (charts.referrals_per_month, charts.business_value_per_month,
                 charts.stages_over_time, charts.top_givers_receivers,
                 charts.fading_relationships):
        figure = make(busy)
        assert figure._repr_png_().startswith(b"\x89PNG")
    assert plt.get_fignums() == before


def test_charts_check_the_owner(busy):
    with pytest.raises(ContactNotFoundError):
        charts.referrals_per_month(busy, owner="nobody")
    with pytest.raises(ContactNotFoundError):
        charts.top_givers_receivers(busy, owner="nobody")


def test_safe_label():
    assert charts.safe_label("a $5 fee") == "a \\$5 fee"
    assert charts.safe_label("two\nlines") == "two lines"
    assert len(charts.safe_label("x" * 100)) == charts.LABEL_WIDTH


def test_charts_on_the_consultant_sample(consultant):
    figure = charts.referrals_per_month(consultant)
    assert [len(c) for c in figure.axes[0].containers] == [24, 24]
    assert sum(b.get_height() for b in figure.axes[0].containers[0]) > 0
    rendered(charts.stages_over_time(consultant))
