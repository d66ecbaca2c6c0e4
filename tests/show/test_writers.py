"""The HTML writers (picture, monthly report, chapter report) check their path first."""

from __future__ import annotations

import pandas as pd
import pytest
from toys import make_network

import refgraph
from refgraph.errors import OutputExistsError, RefgraphError
from refgraph.show.page import html_target


@pytest.fixture(scope="module")
def chapter() -> refgraph.Network:
    """Me and Ann in a chapter, one referral in March 2024."""
    net = make_network(["me", "ann"], [("2024-03-05", "me", "ann", "referral")])
    return refgraph.load_network({
        "contacts": net.contacts.drop(columns="line"),
        "interactions": net.interactions.drop(columns="line"),
        "members": pd.DataFrame({"member": ["me", "ann"], "joined": ["2024-01-01"] * 2}),
        "settings": {"owner": "me"}})


WRITERS = {
    "write_html": lambda net, path, **kw: refgraph.show.write_html(net, path, **kw),
    "write_report": lambda net, path, **kw: refgraph.show.write_report(net, "2024-03", path,
                                                                       **kw),
    "write_chapter_report": lambda net, path, **kw: refgraph.show.write_chapter_report(
        net, "2024-03", path, **kw),
}
NOT_PATHS = [None, 3, 2.5, b"picture.html", "", "   ", ["picture.html"], object()]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("path", NOT_PATHS, ids=lambda value: type(value).__name__)
def test_a_writer_given_no_path_says_it_wants_an_html_file(writer, path, chapter):
    with pytest.raises(RefgraphError, match=r"expected a path to an \.html file") as raised:
        WRITERS[writer](chapter, path)
    assert type(path).__name__ in str(raised.value)
    assert not isinstance(raised.value, TypeError)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_writer_takes_text_and_path_like_paths(writer, tmp_path, chapter):
    target = tmp_path / "page.html"
    written = WRITERS[writer](chapter, str(target))
    assert written == target and written.read_text().startswith("<!")
    # The existing file is refused before anything is drawn, whatever the path's type.
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        WRITERS[writer](chapter, target)


def test_html_target_names_what_it_got():
    with pytest.raises(RefgraphError, match=r"^path: expected a path to an \.html file "
                                            r"\(str or os\.PathLike\), got NoneType None$"):
        html_target(None)
    with pytest.raises(RefgraphError, match="got int 7"):
        html_target(7, force=True)


def test_html_target_refuses_an_existing_file_unless_forced(tmp_path):
    target = tmp_path / "page.html"
    assert html_target(target) == target
    target.write_text("old")
    with pytest.raises(OutputExistsError, match=r"page\.html already exists"):
        html_target(target)
    assert html_target(str(target), force=True) == target
