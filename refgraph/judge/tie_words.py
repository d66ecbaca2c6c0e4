"""A tie in words: what its contacts were, and the last contact of one's own.

In a chapter (a network with a chapter's records), the meetings two members
sat in together keep a tie visible but are no contact of their own
(:func:`refgraph.io.chapter.from_attendance`): they are counted apart, and the
last contact is the last of the rest, as nurture counts it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph.io.chapter import from_attendance
from refgraph.io.settings import KINDS
from refgraph.judge.phrases import ago, count_noun, kinds_phrase, span_phrase
from refgraph.model.network import CHAPTER, Network

_DAY = pd.Timedelta(days=1)

__all__ = ["describe_tie", "own_last_contact"]


def describe_tie(tie: pd.Series, name: str, stamp: pd.Timestamp, *,
                 network: Network | None = None) -> str:
    """Say what a tie consists of: how many contacts, over how long, of which kinds.

    Given the ``network``, the chapter meetings two members sat in together
    (the events a chapter's attendance adds) are told apart: they are no
    contact of their own, so the count, span and last contact are those of the
    rest, and the meetings are named after them.

    Parameters
    ----------
    tie : Series
        A row of :meth:`Network.ties`.
    name : str
        The other person's display name.
    stamp : Timestamp
        The evaluation moment.
    network : Network, optional
        The network, to tell chapter meetings apart.

    Returns
    -------
    str
        For example ``"one contact with Ann, 3 months ago: a card"``, or ``"2
        contacts with Ann over 3 weeks, the last 2 months ago: a one-to-one and
        a referral, besides 30 chapter meetings sat in together"``.

    Examples
    --------
    >>> row = pd.Series({"interactions": 2, "n_card": 1, "n_email": 1,
    ...     "first_contact": pd.Timestamp("2024-01-01", tz="UTC"),
    ...     "last_contact": pd.Timestamp("2024-01-03", tz="UTC")})
    >>> describe_tie(row, "Ann", pd.Timestamp("2024-04-01", tz="UTC"))
    '2 contacts with Ann over 2 days, the last 3 months ago: an email and a card'
    """
    counts = {kind: int(tie.get(f"n_{kind}", 0) or 0) for kind in KINDS}
    count = int(tie["interactions"])
    first, last = tie["first_contact"], tie["last_contact"]
    meetings = (0, None) if network is None else _chapter_meetings(network, tie, stamp)
    besides = ""
    if meetings[0]:  # sitting in the same chapter meeting is no contact of one's own
        sat = count_noun(meetings[0], "chapter meeting")
        own = meetings[1]
        if own is None or own.empty:
            days = float(np.floor((stamp - last) / _DAY))
            return f"no contact with {name} outside {sat} sat in together, the last {ago(days)}"
        counts["event"] -= meetings[0]
        count, first, last = len(own), own.min(), own.max()
        besides = f", besides {sat} sat in together"
    kinds = kinds_phrase(counts) + besides
    since_last = float(np.floor((stamp - last) / _DAY))  # whole days, as days_since counts
    if count == 1:
        return f"one contact with {name}, {ago(since_last)}: {kinds}"
    length = (last - first) / _DAY
    if length < 1:
        return f"{count} contacts with {name}, all {ago(since_last)}: {kinds}"
    return (f"{count} contacts with {name} over {span_phrase(length)}, the last "
            f"{ago(since_last)}: {kinds}")


def own_last_contact(network: Network, tie: pd.Series, stamp: pd.Timestamp) -> pd.Timestamp | None:
    """The last contact of a tie besides chapter meetings sat in together (``None``: none).

    The last contact :func:`describe_tie` names: in a chapter, sitting in the
    same meeting keeps a tie visible but is no contact of one's own.

    Parameters
    ----------
    network : Network
        The network (to tell chapter meetings apart).
    tie : Series
        A row of :meth:`Network.ties`.
    stamp : Timestamp
        The evaluation moment.

    Returns
    -------
    Timestamp or None
        ``None`` when the two only ever sat in the same meetings.
    """
    meetings, own = _chapter_meetings(network, tie, stamp)
    if not meetings:
        return tie["last_contact"]
    return None if own is None or own.empty else own.max()


def _chapter_meetings(network: Network, tie: pd.Series,
                      stamp: pd.Timestamp) -> tuple[int, pd.Series | None]:
    """How many of a tie's events are chapter meetings sat in together, and the other dates.

    Only a network with a chapter's records has such meetings
    (:func:`refgraph.io.chapter.from_attendance`).
    """
    if network.kept(CHAPTER) is None:
        return 0, None
    rows = network.interactions
    source = rows["source"].to_numpy(dtype=object)
    target = rows["target"].to_numpy(dtype=object)
    a, b = tie["u"], tie["v"]
    pair = (((source == a) & (target == b)) | ((source == b) & (target == a)))
    pair &= (rows["date"] <= stamp).to_numpy(dtype=bool)
    mine = rows.loc[pair]
    sat = from_attendance(mine)
    return int(sat.sum()), mine["date"].loc[~sat]
