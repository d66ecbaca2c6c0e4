"""Everyone in the interactions as integer codes, and ids back as text.

The tie and flow tables work on people as integer codes (sorted ids, so a
pair ``u < v`` is two integers). The loader already has the codes and hands
them over (:func:`remember_person_codes`); engines that aggregate codes put
the ids back as text columns built from the distinct ids (:func:`text_values`),
because pandas 3 converts text to Arrow strings row by row otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from refgraph.model.network import PERSON_CODES, Network


def person_codes(interactions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Everyone in the interactions as integer codes.

    Parameters
    ----------
    interactions : DataFrame
        Interactions with ``source`` and ``target`` columns.

    Returns
    -------
    people : ndarray of object
        The distinct ids, sorted.
    source, target : ndarray of int64
        Each row's source and target as positions in ``people``.

    Examples
    --------
    >>> people, source, target = person_codes(
    ...     pd.DataFrame({"source": ["b", "a"], "target": ["c", "b"]}))
    >>> people.tolist(), source.tolist(), target.tolist()
    (['a', 'b', 'c'], [1, 0], [2, 1])
    """
    return kept_person_codes(interactions, np.arange(len(interactions)))


def codes_of(people: np.ndarray, ids: list[str]) -> np.ndarray:
    """Each id's position in the sorted ``people`` of :func:`person_codes`, -1 when absent.

    -1 is never a code: comparing codes with it matches no row.

    Examples
    --------
    >>> codes_of(np.array(["a", "b", "c"], dtype=object), ["b", "zed", "a"]).tolist()
    [1, -1, 0]
    """
    if not len(people):
        return np.full(len(ids), -1, dtype=np.int64)
    found = np.minimum(np.searchsorted(people, ids), len(people) - 1)
    return np.where(people[found] == np.asarray(ids, dtype=object), found, -1)


def network_person_codes(network: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`person_codes` of a network's interactions, computed once per frame.

    The loader hands over the codes it already has (see
    :func:`remember_person_codes`), so tie and flow tables for many moments do
    not hash every id again. Codes kept for another interactions frame (the
    attribute was replaced) are not reused.

    Examples
    --------
    >>> net = Network(pd.DataFrame(), pd.DataFrame({"source": ["b"], "target": ["a"]}))
    >>> [codes.tolist() for codes in network_person_codes(net)]
    [['a', 'b'], [1], [0]]
    """
    return _kept_for(network, PERSON_CODES, network.interactions, person_codes)


def network_person_texts(network: Network) -> pd.api.extensions.ExtensionArray:
    """The people of :func:`network_person_codes` as a text column, converted once per frame.

    Engines that hand back people codes put the ids back with
    :func:`text_values` over these, chunk after chunk.

    Examples
    --------
    >>> net = Network(pd.DataFrame(), pd.DataFrame({"source": ["b"], "target": ["a"]}))
    >>> list(network_person_texts(net))
    ['a', 'b']
    """
    return _kept_for(network, ("person_texts",), network_person_codes(network)[0],
                     lambda people: pd.Series(people).array)


def _kept_for(network: Network, key: tuple | str, source: object,
              compute: Callable[[Any], Any]) -> Any:
    """``compute(source)``, kept on the network while ``source`` is the same object."""
    kept = network.kept(key)
    if kept is None or kept[0] is not source:
        kept = (source, compute(source))
        network.remember(key, kept)
    return kept[1]


def remember_person_codes(
    network: Network, codes: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> None:
    """Give a network the :func:`person_codes` of its interactions, known in advance.

    Examples
    --------
    >>> rows = pd.DataFrame({"source": ["b"], "target": ["a"]})
    >>> net = Network(pd.DataFrame(), rows)
    >>> remember_person_codes(net, person_codes(rows))
    >>> network_person_codes(net)[0].tolist()
    ['a', 'b']
    """
    network.remember(PERSON_CODES, (network.interactions, codes))


def kept_person_codes(
    interactions: pd.DataFrame, rows: np.ndarray, codes: tuple | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted people and the integer codes of each kept row's source and target.

    ``codes`` are :func:`person_codes` of the whole frame when already known.

    Examples
    --------
    >>> rows = pd.DataFrame({"source": ["b", "a", "c"], "target": ["c", "b", "a"]})
    >>> people, source, target = kept_person_codes(rows, np.array([0, 2]))
    >>> people.tolist(), source.tolist(), target.tolist()
    (['a', 'b', 'c'], [1, 2], [2, 0])
    """
    if codes is not None:
        people, source_codes, target_codes = codes
        return people, source_codes[rows], target_codes[rows]
    source = interactions["source"].to_numpy(dtype=object)[rows]
    target = interactions["target"].to_numpy(dtype=object)[rows]
    source_codes, source_ids = pd.factorize(source)
    target_codes, target_ids = pd.factorize(target)
    people = np.unique(np.concatenate([np.asarray(source_ids, dtype=object),
                                       np.asarray(target_ids, dtype=object)]))
    index = pd.Index(people)
    a = index.get_indexer(source_ids).take(source_codes)
    b = index.get_indexer(target_ids).take(target_codes)
    return people, a.astype(np.int64), b.astype(np.int64)


def text_values(uniques: np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """``uniques[codes]`` as the text column pandas would make of them, each distinct value once.

    pandas 3 keeps text in Arrow strings: converting a million ids row by row
    takes most of a second, converting the distinct ids once and taking rows
    from them a few milliseconds. Where pandas keeps text as objects, so does
    this.

    Examples
    --------
    >>> values = text_values(np.array(["a", "b"], dtype=object), np.array([1, 1, 0]))
    >>> pd.Series(values).tolist(), pd.Series(values).dtype == pd.Series(["a"]).dtype
    (['b', 'b', 'a'], True)
    """
    return pd.Series(uniques).array.take(np.asarray(codes, dtype=np.intp))


def text_column(column: pd.Series) -> pd.api.extensions.ExtensionArray:
    """A column of ids as the text column pandas would infer (objects are converted once).

    Examples
    --------
    >>> text = text_column(pd.Series(["a", "b"], dtype=object))
    >>> list(text), pd.Series(text).dtype == pd.Series(["a"]).dtype
    (['a', 'b'], True)
    """
    return pd.Series(column.to_numpy()).array if column.dtype == object else column.array
