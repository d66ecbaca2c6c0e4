"""What each contact gave the owner, and the thanks the owner already gave for it.

The numbers behind :mod:`refgraph.judge.nurture`'s value and its ``thank them``
and ``report back``: referrals, introductions and business each way, who
connects people in the owner's network, when each contact last sent the owner
something and what it was, and the TYFCBs the owner handed in: a thank-you for
closed business read out in a chapter's meeting is the owner's thanks and report
back for it, whether it is kept as a slip or as a ``business`` row whose note
says so (:func:`is_tyfcb_note`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from refgraph.io.chapter import from_attendance
from refgraph.io.settings import DIRECTED_KINDS
from refgraph.model.network import CHAPTER, Network
from refgraph.model.people import codes_of, network_person_codes

__all__ = [
    "TYFCB_NOTE",
    "is_tyfcb_note",
    "last_given_dates",
    "last_sent_kinds",
    "last_spoken_dates",
    "owner_flows",
    "owner_rows",
    "people_connected",
    "thanked_in_the_room",
]


#: A note that records a thank-you for closed business: "TYFCB" or "thank you for
#: closed business", any case, whole words (see :func:`is_tyfcb_note`).
TYFCB_NOTE = re.compile(r"\b(?:tyfcb|thank[\s-]+you\s+for\s+closed\s+business)\b",
                        re.IGNORECASE)


def owner_flows(network: Network, owner: str,
                stamp: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What each contact gave the owner, and what the owner gave each contact.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (nothing after it counts).

    Returns
    -------
    tuple of DataFrame
        Received (indexed by giver) and given (indexed by receiver), each with
        ``referrals``, ``business``, ``introductions`` and ``value``.
    """
    flows = network.flows(stamp)
    columns = ["referrals", "business", "introductions", "value"]
    received = flows.loc[flows["target"] == owner].set_index("source")[columns]
    given = flows.loc[flows["source"] == owner].set_index("target")[columns]
    return received, given


def people_connected(network: Network, owner: str, stamp: pd.Timestamp) -> pd.Series:
    """Per contact: how many people other than the owner they referred or introduced.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (nothing after it counts).

    Returns
    -------
    Series
        Counts by contact id; contacts who connected nobody are left out.
    """
    flows = network.flows(stamp)
    passed = flows[((flows["referrals"] + flows["introductions"]) > 0).to_numpy()
                   & (flows["target"] != owner).to_numpy()]
    return passed.groupby("source")["target"].nunique().astype(float)


def last_given_dates(network: Network, owner: str, stamp: pd.Timestamp) -> pd.Series:
    """Per contact: when they last referred, introduced or gave business to the owner.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (nothing after it counts).

    Returns
    -------
    Series
        Timestamps by contact id.
    """
    flows = network.flows(stamp)
    return flows.loc[(flows["target"] == owner).to_numpy()].set_index("source")["last"]


def owner_rows(network: Network, owner: str) -> pd.DataFrame:
    """The interactions the owner took part in, found once per network and owner.

    Nurture reads the owner's rows several times (rhythm, thanks, what was
    sent); the ids of every row are compared once, not once per reading.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "a", "b"], "name": ["Me", "A", "B"]})
    >>> interactions = pd.DataFrame({"date": ["2024-06-20", "2024-06-21"],
    ...     "source": ["a", "a"], "target": ["me", "b"], "kind": ["call", "call"]})
    >>> owner_rows(refgraph.load_network((contacts, interactions)), "me")["target"].tolist()
    ['me']
    """
    def compute() -> pd.DataFrame:
        rows = network.interactions
        # The people as integer codes (kept by the loader, as the tie table uses them):
        # comparing a million integers is many times faster than a million ids twice.
        people, source, target = network_person_codes(network)
        code = codes_of(people, [owner])[0]  # -1 (no rows) for an owner in none
        return rows.iloc[np.flatnonzero((source == code) | (target == code))]
    return network.cached(("owner rows", owner), compute)


#: Kinds of contact in which two people spoke, whoever logged it: a thank-you said
#: there needs no other record.
CONVERSATION_KINDS = ("one_to_one", "meeting", "call", "event")


def last_spoken_dates(network: Network, owner: str, stamp: pd.Timestamp) -> pd.Series:
    """Per contact: when the owner last spoke with them, or wrote to them.

    A 1-to-1, meeting, call or event together (either way), or an email,
    message, card or like the owner sent them; sitting in the same chapter
    meeting is none, and so is a referral or business the owner gave them. On the day a
    referral or business came, such a contact is where the owner thanked them
    (a row's date rarely says which came first); their own email that day is
    only how it came.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (nothing after it counts).

    Returns
    -------
    Series
        Timestamps by contact id; contacts never spoken with are left out.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "a", "b"], "name": ["Me", "A", "B"]})
    >>> interactions = pd.DataFrame({"date": ["2024-06-20", "2024-06-20", "2024-06-21"],
    ...     "source": ["a", "b", "b"], "target": ["me", "me", "me"],
    ...     "kind": ["call", "email", "referral"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> last_spoken_dates(net, "me", net.resolve_as_of()).index.tolist()
    ['a']
    """
    rows = owner_rows(network, owner)
    source = rows["source"].to_numpy(dtype=object)
    target = rows["target"].to_numpy(dtype=object)
    talked = rows["kind"].isin(CONVERSATION_KINDS).to_numpy(dtype=bool)
    wrote = (source == owner) & ~rows["kind"].isin(DIRECTED_KINDS).to_numpy(dtype=bool)
    spoke = (talked | wrote) & (
        (rows["date"] <= stamp).to_numpy(dtype=bool) & ~from_attendance(rows))
    other = np.where(source[spoke] == owner, target[spoke], source[spoke])
    return rows["date"][spoke].groupby(other).max()


def last_sent_kinds(network: Network, owner: str, stamp: pd.Timestamp) -> pd.Series:
    """Per contact: what they sent the owner on the last day they sent anything.

    "referral", "business", "referral or business" ... in the order referral,
    introduction, business: the object of a thank-you.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (nothing after it counts).

    Returns
    -------
    Series
        Words by contact id; contacts who never sent anything are left out.
    """
    rows = owner_rows(network, owner)
    sent = rows.loc[(rows["kind"].isin(DIRECTED_KINDS) & (rows["target"] == owner)
                     & (rows["date"] <= stamp)).to_numpy(dtype=bool), ["source", "date", "kind"]]
    if sent.empty:
        return pd.Series(dtype=object)
    latest = sent.loc[(sent["date"] == sent.groupby("source")["date"].transform("max"))
                      .to_numpy(dtype=bool)]
    senders, people = pd.factorize(latest["source"].to_numpy(dtype=object), sort=True)
    kinds = latest["kind"].astype(str).to_numpy(dtype=object)
    words = pd.Series("", index=pd.Index(people, name="source"), dtype=object)
    for kind in ("referral", "introduction", "business"):  # three passes, not one per sender
        sent_it = np.zeros(len(people), dtype=bool)
        sent_it[senders[kinds == kind]] = True
        words = words.where(~sent_it, words.where(words == "", words + " or ") + kind)
    return words


def is_tyfcb_note(notes: pd.Series) -> np.ndarray:
    """Whether each note records a thank-you for closed business (a TYFCB).

    A chapter's TYFCB may be kept in ``interactions.csv`` as a ``business`` row
    rather than in the slips file: its note says so, with the word ``TYFCB`` or
    the words ``thank you for closed business``, in any case and as whole words
    ("tyfcbs" or "thank you for closed business-like" do not count).

    Parameters
    ----------
    notes : Series
        Free-text notes; missing ones are no TYFCB.

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> is_tyfcb_note(pd.Series(["Thank you for closed business: banners", "TYFCB",
    ...     "tyfcb slip", "tyfcbs", "thanks for the referral", None])).tolist()
    [True, True, True, False, False, False]
    """
    return notes.astype("string").str.contains(TYFCB_NOTE, na=False).to_numpy(dtype=bool)


def thanked_in_the_room(network: Network, owner: str, stamp: pd.Timestamp) -> pd.Series:
    """Per contact: the last TYFCB the owner handed in for business from their referral.

    A TYFCB is written by the member who received the business, thanking the one
    who gave it: a ``tyfcb`` slip ``source -> owner``, or a ``business`` row
    ``source -> owner`` whose note is a TYFCB (:func:`is_tyfcb_note`), says the
    owner closed business thanks to ``source`` and thanked them in the room. One
    the owner received (``owner -> target``) thanks the owner, and owes nothing.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    stamp : Timestamp
        The evaluation moment (nothing after it counts).

    Returns
    -------
    Series
        The date of the last such TYFCB by the giver's contact id.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "pal"], "name": ["Me", "Pal"]})
    >>> interactions = pd.DataFrame({"date": ["2024-06-20", "2024-06-21"],
    ...     "source": ["pal", "me"], "target": ["me", "pal"], "kind": ["business"] * 2,
    ...     "notes": ["TYFCB: payroll", "thank you for closed business"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> thanked_in_the_room(net, "me", net.resolve_as_of()).index.tolist()
    ['pal']
    """
    rows = network.interactions
    given = rows.loc[((rows["kind"] == "business") & (rows["target"] == owner)
                      & (rows["date"] <= stamp)).to_numpy(dtype=bool)]
    noted = given.loc[is_tyfcb_note(given["notes"])].groupby("source")["date"].max()
    chapter = network.kept(CHAPTER)
    if chapter is None or chapter.slips.empty:
        return noted
    slips = chapter.slips
    mine = slips.loc[((slips["kind"] == "tyfcb") & (slips["target"] == owner)
                      & (slips["date"] <= stamp)).to_numpy(dtype=bool)]
    both = pd.concat([noted, mine.groupby("source")["date"].max()])
    return both.groupby(level=0).max()
