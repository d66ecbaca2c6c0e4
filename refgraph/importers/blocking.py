"""Blocking: which (incoming, contact) name pairs are worth a fuzzy comparison.

Comparing every imported name with every contact's name grows with the
product of the two (30 000 records against 300 000 contacts is nine billion
comparisons). Identity resolution (:mod:`refgraph.importers.identity`)
compares only the pairs that share a **block key**; the keys are made from
the normalised names (:func:`refgraph.importers.normalise.normalise_name`):

* a name of two or more words gives one key per ordered pair of its
  different words: the whole first word and the initial of the second
  (``ann smith`` gives ``ann|s`` and ``smith|a``). Two names meet when they
  have one word in common and another word with the same initial: "Anne
  Smith" meets "Ann Smith", "Jon Smith" meets "John Smith", "Priya Shah"
  meets "Priya Shah Webb", in whichever order the words come;
* a one-word name meets another name whose words, sorted and joined, begin
  or end with the same three letters ("Madona" meets "Madonna", "Annsmith"
  meets "Ann Smith").

A pair that shares no key, two misspelt words at once ("Jonny Smithe" and
"John Smith"), is not compared. The pairs come from pandas merges on the
keys, so the work and the memory grow with the number of pairs sharing a
key, not with the product of the two lists.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Letters of a one-word name's start or end that a block key keeps.
AFFIX = 3


def _words(names: pd.Series) -> pd.DataFrame:
    """(``row``, ``word``) pairs: the different words of each name, in order."""
    words = names.reset_index(drop=True).astype(str).str.split()
    table = pd.DataFrame({"row": np.arange(len(words)), "word": words.to_numpy()})
    table = table.explode("word").dropna()
    return table[table["word"] != ""].drop_duplicates().reset_index(drop=True)


def _affixes(names: pd.Series, rows: np.ndarray, prefix: str) -> pd.DataFrame:
    """Start and end keys of the names at ``rows`` (words sorted and joined)."""
    chosen = names.reset_index(drop=True).iloc[rows].astype(str)
    joined = chosen.str.split().map(lambda words: "".join(sorted(words)))
    starts = prefix + "^" + joined.str[:AFFIX]
    ends = prefix + "$" + joined.str[-AFFIX:]
    return pd.DataFrame({"row": np.concatenate([rows, rows]),
                         "key": np.concatenate([starts.to_numpy(), ends.to_numpy()])})


def name_block_keys(names: pd.Series, *, side: str) -> pd.DataFrame:
    """The block keys of normalised names.

    Parameters
    ----------
    names : Series of str
        Normalised names (words separated by single spaces); ``""`` has no key.
    side : {"incoming", "existing"}
        Which list the names come from. A one-word incoming name meets any
        existing name by its start and end letters; an incoming name of more
        words meets one-word existing names that way.

    Returns
    -------
    DataFrame
        ``row`` (position of the name in ``names``) and ``key``, one line per
        different key of a name.

    Examples
    --------
    >>> keys = name_block_keys(pd.Series(["ann smith", "madonna", ""]), side="existing")
    >>> keys.groupby("row")["key"].agg(list).to_dict()
    {0: ['ann|s', 'smith|a', '1^ann', '1$ith'], 1: ['1^mad', '1$nna', 'n^mad', 'n$nna']}
    """
    if side not in ("incoming", "existing"):
        raise ValueError(f"side must be 'incoming' or 'existing', not {side!r}")
    words = _words(names)
    pairs = words.merge(words, on="row", suffixes=("", "_other"))
    pairs = pairs[pairs["word"] != pairs["word_other"]]
    parts = [pd.DataFrame({"row": pairs["row"].to_numpy(),
                           "key": (pairs["word"] + "|" + pairs["word_other"].str[0]).to_numpy()})]
    count = words.groupby("row").size().reindex(np.arange(len(names)), fill_value=0).to_numpy()
    single = np.flatnonzero(count == 1)
    several = np.flatnonzero(count > 1)
    # "1" keys belong to one-word incoming names, "n" keys to incoming names of
    # more words; an existing name of one word carries both, so one-word names
    # meet every name by their ends but two longer names never meet that way.
    if side == "incoming":
        parts += [_affixes(names, single, "1"), _affixes(names, several, "n")]
    else:
        parts += [_affixes(names, np.flatnonzero(count > 0), "1"), _affixes(names, single, "n")]
    keys = pd.concat(parts, ignore_index=True).drop_duplicates()
    return keys.sort_values("row", kind="stable").reset_index(drop=True)


def name_pairs(incoming: pd.Series, existing: pd.Series
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of the (incoming, existing) name pairs that share a block key.

    Parameters
    ----------
    incoming, existing : Series of str
        Normalised names.

    Returns
    -------
    tuple of ndarray
        Incoming and existing positions, one entry per pair, sorted by
        incoming then existing position, each pair once; and how many keys
        each pair shares (two names with two words in common share at least
        two).

    Examples
    --------
    >>> rows, cols, shared = name_pairs(pd.Series(["anne smith", "bo"]),
    ...                                 pd.Series(["ann smith", "bob jones", "cy"]))
    >>> rows.tolist(), cols.tolist(), shared.tolist()
    ([0], [0], [1])
    """
    left = name_block_keys(incoming, side="incoming")
    right = name_block_keys(existing, side="existing")
    joined = left.merge(right, on="key", suffixes=("_in", "_ex"))
    width = max(len(existing), 1)
    codes = joined["row_in"].to_numpy(np.int64) * width + joined["row_ex"].to_numpy(np.int64)
    codes.sort()
    first = np.flatnonzero(np.diff(codes, prepend=-1) != 0)
    shared = np.diff(np.append(first, len(codes)))
    codes = codes[first]
    return codes // width, codes % width, shared
