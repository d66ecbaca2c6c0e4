"""Contacts the owner's data says are not to be contacted.

A tag such as ``deceased`` or ``do not contact`` in ``contacts.csv`` says the
person has died or asked not to be contacted: ``nurture`` never lists them, and
no introduction is routed through them or made to them. Which tags say so is
the ``[contacts] do_not_contact_tags`` setting of ``network.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from refgraph.io.settings_contacts import spoken_tag
from refgraph.model.network import Network

__all__ = ["barred_contacts"]


def _first_barring(text: object, barring: frozenset[str]) -> str | None:
    """The first ``;``-separated tag of ``text`` that bars contact, as written."""
    if not isinstance(text, str):
        return None
    return next((tag.strip() for tag in text.split(";") if spoken_tag(tag) in barring), None)


def _barring(texts: np.ndarray, tags: Iterable[str]) -> np.ndarray:
    """The first tag of each text that bars contact, as written, else ``None``."""
    barring = frozenset(map(spoken_tag, tags))
    # A big network's contacts share a few tag texts: each distinct text is read once.
    codes, distinct = pd.factorize(texts)
    said = np.array([_first_barring(text, barring) for text in distinct] + [None],
                    dtype=object)
    return said[codes]  # code -1 (no tags) picks the final None


def barred_contacts(network: Network) -> dict[str, str]:
    """Every contact tagged as not to be contacted, with the tag, kept on the network.

    The tags are the network's ``contacts.do_not_contact_tags`` setting.

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
        tags = network.settings.contacts.do_not_contact_tags
        if "tags" not in contacts or not tags:
            return {}
        found = _barring(contacts["tags"].to_numpy(), tags)
        hit = np.flatnonzero(pd.notna(found))
        ids = contacts["id"].to_numpy()[hit]
        return dict(zip(ids.tolist(), found[hit].tolist(), strict=True))

    return network.cached(("not_to_contact",), compute)
