"""Who has left a chapter by a given moment: one rule for nurture and the scorecard.

The rule: only membership periods begun by ``as_of`` count; someone with one of
them still open at ``as_of`` is a member; anyone else with such a period left on
the latest ``left`` among them. A period ending at ``as_of`` itself has ended.
"""

from __future__ import annotations

import pandas as pd

from refgraph.io.chapter import ChapterData, left_members, read_chapter

AS_OF = pd.Timestamp("2024-06-30", tz="UTC")
END_OF_DAY = pd.Timestamp("2024-06-30T23:59:59.999999", tz="UTC")


def chapter(*periods: tuple[str, str, str | None]) -> ChapterData:
    """A chapter whose members file holds ``(member, joined, left)`` periods."""
    members = pd.DataFrame(periods, columns=["member", "joined", "left"])
    ids = set(members["member"])
    return read_chapter({"members": members.fillna("")}, ids)


def left(data: ChapterData, as_of=AS_OF) -> dict[str, str]:
    return {member: f"{day:%Y-%m-%d}" for member, day in left_members(data, as_of).items()}


def test_latest_membership_ended_before_as_of_has_left():
    data = chapter(("a", "2023-01-01", "2024-02-29"))
    assert left(data) == {"a": "2024-02-29"}


def test_left_and_rejoined_is_a_member():
    data = chapter(("a", "2022-01-01", "2023-03-31"), ("a", "2023-09-01", None))
    assert left(data) == {}


def test_left_twice_is_dated_by_the_latest_departure():
    data = chapter(("a", "2022-01-01", "2022-12-31"), ("a", "2023-06-01", "2024-01-31"))
    assert left(data) == {"a": "2024-01-31"}


def test_membership_ending_after_as_of_is_still_a_member():
    data = chapter(("a", "2023-01-01", "2024-07-01"), ("b", "2023-01-01", None))
    assert left(data) == {}


def test_membership_ending_on_as_of_has_left():
    data = chapter(("a", "2023-01-01", "2024-06-30"))
    # Ending exactly at the moment counts as left (left <= as_of) ...
    assert left(data, AS_OF) == {"a": "2024-06-30"}
    # ... and so on the as-of day, which the commands pass as its last moment.
    assert left(data, END_OF_DAY) == {"a": "2024-06-30"}
    assert left(data, AS_OF - pd.Timedelta(1, "ns")) == {}


def test_a_rejoining_after_as_of_is_not_yet_known():
    data = chapter(("a", "2023-01-01", "2024-02-29"), ("a", "2024-09-01", None))
    assert left(data) == {"a": "2024-02-29"}
    assert left(data, "2024-09-01") == {}


def test_someone_who_joins_after_as_of_has_not_left():
    data = chapter(("a", "2024-09-01", "2024-12-31"))
    assert left(data) == {}


def test_as_of_as_text_and_ids_in_order():
    data = chapter(("b", "2023-01-01", "2024-03-31"), ("a", "2023-01-01", "2024-01-31"),
                   ("c", "2023-01-01", None))
    gone = left_members(data, "2024-06-30")
    assert gone.index.tolist() == ["a", "b"]
    assert str(gone.dtype) == "datetime64[ns, UTC]"


def test_no_members_means_nobody_left():
    empty = ChapterData(pd.DataFrame(), pd.DataFrame(), pd.DataFrame())
    gone = left_members(empty, AS_OF)
    assert gone.empty and str(gone.dtype) == "datetime64[ns, UTC]"
