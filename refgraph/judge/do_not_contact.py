"""Contacts the owner's data says are not to be contacted.

A tag such as ``deceased`` or ``do not contact`` in ``contacts.csv`` says the
person has died or asked not to be contacted: ``nurture`` never lists them, and
no introduction is routed through them or made to them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from refgraph.model.network import Network

__all__ = ["NOT_TO_CONTACT_TAGS", "barred_contacts", "not_to_contact"]

#: Tags that say a contact is not to be contacted: they have died, or asked you not
#: to get in touch. Compared whole, any case, with hyphens and underscores read as
#: spaces ("Do-Not-Contact" is "do not contact").
NOT_TO_CONTACT_TAGS: frozenset[str] = frozenset({
    "deceased", "died", "passed away", "do not contact", "dnc", "no contact",
    "unsubscribed", "opted out", "opt out",
})
#: A quick test for text that may hold one of those tags (checked whole afterwards).
_HINT = re.compile(r"(?i)deceased|died|passed|contact|dnc|unsubscribed|opt")


def not_to_contact(contacts: pd.DataFrame, ids: pd.Index) -> np.ndarray:
    """The tag that says each contact is not to be contacted, else ``None``.

    A hit list that says "call" to someone who has died, or who asked you to
    stop getting in touch, is worse than no list: the tags in
    :data:`NOT_TO_CONTACT_TAGS` keep them off it.

    Parameters
    ----------
    contacts : DataFrame
        The contacts, indexed by id (``tags`` is ``;``-separated text).
    ids : Index
        The contact ids to look up, in order.

    Returns
    -------
    ndarray of object
        The first such tag as written, or ``None``, one per id.

    Examples
    --------
    >>> contacts = pd.DataFrame({"tags": ["client; Deceased", "bni", None]},
    ...                         index=pd.Index(["ann", "bob", "cy"], name="id"))
    >>> not_to_contact(contacts, pd.Index(["ann", "bob", "cy", "zed"])).tolist()
    ['Deceased', None, None, None]
    """
    found = np.full(len(ids), None, dtype=object)
    if "tags" not in contacts:
        return found
    tags = contacts["tags"].reindex(ids)
    # One pass over the column finds the few rows worth splitting (a big network's
    # contacts nearly all carry tags, and nearly none of these).
    maybe = tags.astype("string").str.contains(_HINT, na=False).to_numpy(dtype=bool)
    for position in np.flatnonzero(maybe):
        text = tags.iloc[position]
        for tag in text.split(";"):
            spoken = " ".join(re.sub(r"[-_]", " ", tag).lower().split())
            if spoken in NOT_TO_CONTACT_TAGS:
                found[position] = tag.strip()
                break
    return found


def barred_contacts(network: Network) -> dict[str, str]:
    """Every contact tagged as not to be contacted, with the tag, kept on the network.

    Parameters
    ----------
    network : Network
        A loaded network.

    Returns
    -------
    dict
        Contact id to the tag as written (empty when nobody is tagged so).

    Examples
    --------
    >>> net = Network(pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"],
    ...                             "tags": ["", "passed away"]}), pd.DataFrame())
    >>> barred_contacts(net)
    {'ann': 'passed away'}
    """
    def compute() -> dict[str, str]:
        contacts = network.contacts
        if "tags" not in contacts:
            return {}
        tagged = contacts.loc[contacts["tags"].notna()]
        ids = pd.Index(tagged["id"])
        found = not_to_contact(tagged.set_index("id"), ids)
        return {contact: tag for contact, tag in zip(ids, found, strict=True)
                if tag is not None}

    return network.cached(("not_to_contact",), compute)
