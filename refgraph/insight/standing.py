"""Where the owner stands with the network's connectors.

A connector is only worth something to you through your own relationship
with them. Someone who bridges every group in the region but with whom you
have only swapped a comment (a tie at the visibility stage) is a person to
get to know, over a 1-to-1, before you ask them for anything: asking first is
premature solicitation. Someone whose character you
rated low is no one to be introduced through, however central. Leaders and
brokers are therefore shown with the stage of your tie to them and, when you
doubt them, your rating.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from refgraph.model.network import Network

#: The stage shown for a connector the owner has no tie with.
NO_TIE = "no tie"


def owner_standing(network: Network, people: Iterable[str], *,
                   as_of: object = None) -> pd.DataFrame:
    """The owner's tie stage with each person, and the character rating they doubt.

    Parameters
    ----------
    network : Network
        A loaded network with an owner (without one, every stage is empty).
    people : iterable of str
        Contact ids, such as the leaders and brokers of :func:`refgraph.stats`.
    as_of : str, date or Timestamp, optional
        The moment of the ties (default: the latest interaction).

    Returns
    -------
    DataFrame
        One row per person, in the order given, indexed by id:
        ``stage`` (the owner's tie stage, :data:`NO_TIE` without a tie, or
        ``None`` without an owner), ``doubted_character`` (the owner's
        character rating when at or below ``ask.character_gate``, else NaN),
        ``doubt`` (``you rated their character 2/5``, or ``""``) and
        ``note``: what a networker should know before leaning on them
        (``your tie is only at visibility``, ``no tie of yours yet``, the
        doubt, joined by ``; ``), empty when the tie is at credibility or
        better and nothing is doubted.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob", "cat"],
    ...     "name": ["Me", "Ann", "Bob", "Cat"], "character": [None, 2, 4, None]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"] * 3,
    ...     "source": ["me", "me", "bob"], "target": ["ann", "bob", "cat"],
    ...     "kind": ["card", "one_to_one", "call"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> owner_standing(net, ["ann", "cat"])["note"].tolist()
    ['your tie is only at visibility; you rated their character 2/5', 'no tie of yours yet']
    """
    ids = list(dict.fromkeys(people))
    frame = pd.DataFrame(index=pd.Index(ids, dtype=object, name="id"))
    owner = network.owner
    if owner is None:
        frame["stage"] = None
    else:
        ties = network.ties(as_of)
        mine = ties[(ties["u"] == owner) | (ties["v"] == owner)]
        other = np.where(mine["u"] == owner, mine["v"], mine["u"])
        stages = pd.Series(mine["stage"].to_numpy(dtype=object), index=other)
        frame["stage"] = stages.reindex(ids).fillna(NO_TIE).to_numpy(dtype=object)
    frame["doubted_character"] = _doubted_character(network, ids)

    doubt = pd.Series("", index=frame.index, dtype=object)
    rated = frame["doubted_character"].notna()
    doubt[rated] = [f"you rated their character {rating:g}/5"
                    for rating in frame.loc[rated, "doubted_character"]]
    frame["doubt"] = doubt
    notes = pd.Series("", index=frame.index, dtype=object)
    notes[frame["stage"] == "visibility"] = "your tie is only at visibility"
    notes[frame["stage"] == NO_TIE] = "no tie of yours yet"
    both = (notes != "") & rated
    frame["note"] = (notes + "; ").where(both, notes) + doubt
    return frame


def _doubted_character(network: Network, ids: list[str]) -> np.ndarray:
    """The owner's character ratings at or below ``ask.character_gate``; NaN otherwise."""
    if "character" not in network.contacts or not ids:
        return np.full(len(ids), np.nan)
    ratings = pd.to_numeric(
        network.contacts.set_index("id")["character"].reindex(ids), errors="coerce")
    # The same gate as ask and path: someone at or below it is never vouched for.
    gate = network.settings.ask.character_gate
    return ratings.where(ratings <= gate).to_numpy(dtype=float)
