"""Someone the owner introduced was not met by way of an introduction."""

from __future__ import annotations

import pandas as pd
from toys import make_network

from refgraph.judge.nurture import nurture

AS_OF = pd.Timestamp("2024-07-01", tz="UTC")


def _reason(result, contact):
    frame = result.to_frame()
    return frame.loc[frame["id"] == contact, "reason"].iloc[0]


def test_a_contact_the_owner_introduced_reads_you_introduced_them():
    rows = [("2024-06-10", "me", "new", "introduction"),
            ("2024-02-01", "me", "old", "introduction"),
            ("2024-02-01", "pal", "me", "introduction"),
            ("2024-02-01", "me", "mix", "introduction"), ("2024-02-01", "me", "mix", "card")]
    result = nurture(make_network(["me", "new", "old", "pal", "mix"], rows), as_of=AS_OF)
    assert _reason(result, "new") == ("new contact, you introduced them 3 weeks ago; "
                                      "no follow-up yet")
    assert _reason(result, "old") == "you introduced them 5 months ago; no follow-up yet"
    # An introduction they made to the owner, or one beside other contact, keeps its wording.
    pal = _reason(result, "pal")
    assert "(an introduction)" in pal and "you introduced them" not in pal
    assert _reason(result, "mix") == ("met once, 5 months ago (a card and an introduction); "
                                      "no follow-up yet")


def test_the_chapter_visitors_the_owner_introduced(chapter):
    reason = _reason(nurture(chapter, n=200), "v02")
    assert reason.startswith("new contact, you introduced them 3 months ago")
    assert "(an introduction)" not in reason
