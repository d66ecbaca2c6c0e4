"""The contacts a few incoming records can possibly match, found without reading them all.

Adding one contact to a network of 300 000 needs the identity rules
(:mod:`refgraph.importers.identity`) to look at the few contacts that share
an e-mail, a phone's last digits or a name's block key
(:mod:`refgraph.importers.blocking`) with it, not to normalise everyone's
company, e-mails and phones. The names and e-mails of all contacts are put in
their compared forms here column-wise, in C (pyarrow): plain ASCII text goes
through regular expressions that give exactly what
:func:`~refgraph.importers.normalise.normalise_name` and
:func:`~refgraph.importers.normalise.split_emails` give, and only other text is
handed to those functions, once per different value. :func:`possible_contacts`
then keeps the contacts that can share something with the incoming records; a
superset of them, so that the decisions made on the kept contacts are those
made on all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from refgraph.importers.normalise import (
    NAME_SUFFIXES,
    NAME_TITLES,
    normalise_name,
    split_emails,
)

# One plain address and nothing else: split_emails gives it back lower-cased.
_SIMPLE_EMAIL = r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z0-9\-]+$"
# What normalise_name drops or turns into a space in ASCII text: control characters
# and apostrophes go (clean_identifier, then the apostrophes that join O'Brien),
# every other run of non-word characters separates words.
_ASCII_DROPPED = r"[\x00-\x1f\x7f'`]"
_ASCII_NON_WORD = r"[^a-z0-9_]+"
_LEADING_TITLES = r"^(?:(?:" + "|".join(sorted(NAME_TITLES)) + r")(?: |$))+"
_TRAILING_SUFFIXES = r"(?:(?:^| )(?:" + "|".join(sorted(NAME_SUFFIXES)) + r"))+$"


def _strings(values: pd.Series) -> pa.Array:
    # pandas' Arrow-backed text is handed over as it is; other text is copied once.
    column = pa.array(values, from_pandas=True)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    return column.cast(pa.string()) if len(column) else pa.array([], type=pa.string())


def _unique_apply(values: np.ndarray, function) -> list:
    """``[function(v) for v in values]``, calling ``function`` once per different value."""
    done = {value: function(value) for value in dict.fromkeys(values.tolist())}
    return [done[value] for value in values.tolist()]


def name_column(names: pd.Series) -> pa.Array:
    """Every name as :func:`~refgraph.importers.normalise.normalise_name` gives it, in Arrow.

    ASCII names are normalised by a few passes over the whole column; other
    names by ``normalise_name`` itself, once per different name.

    Parameters
    ----------
    names : Series of str
        Names as written (no missing values).

    Returns
    -------
    pyarrow.Array of str
        The normalised names, in the order of ``names``.

    Examples
    --------
    >>> name_column(pd.Series(["Dr. Ann  O'Brien, PhD", "Zoë Smith", "Mr"])).to_pylist()
    ['ann obrien', 'zoe smith', '']
    """
    text = _strings(names)
    plain = pc.replace_substring_regex(text, _ASCII_DROPPED, "")
    plain = pc.replace_substring_regex(pc.ascii_lower(plain), _ASCII_NON_WORD, " ")
    plain = pc.ascii_trim(plain, " ")
    plain = pc.replace_substring_regex(plain, _LEADING_TITLES, "")
    plain = pc.replace_substring_regex(plain, _TRAILING_SUFFIXES, "")
    other = pc.invert(pc.string_is_ascii(text))
    rows = np.flatnonzero(other.to_numpy(zero_copy_only=False))
    if not len(rows):
        return plain
    values = _unique_apply(names.to_numpy(dtype=object)[rows], normalise_name)
    return pc.replace_with_mask(plain, other, pa.array(values, type=pa.string()))


def normalised_names(names: pd.Series) -> np.ndarray:
    """Every name as :func:`~refgraph.importers.normalise.normalise_name` gives it.

    The values of :func:`name_column`, as Python strings.

    Parameters
    ----------
    names : Series of str
        Names as written (no missing values).

    Returns
    -------
    ndarray of object
        The normalised names, in the order of ``names``.

    Examples
    --------
    >>> normalised_names(pd.Series(["Dr. Ann  O'Brien, PhD", "Zoë Smith", "Mr"])).tolist()
    ['ann obrien', 'zoe smith', '']
    """
    return name_column(names).to_numpy(zero_copy_only=False).astype(object)


def email_pairs(cells: pd.Series) -> pd.DataFrame:
    """Every address of every e-mail cell, as ``split_emails`` gives them.

    A cell holding one plain ASCII address is lower-cased in one pass over the
    column; other cells go through ``split_emails``, once per different cell.

    Parameters
    ----------
    cells : Series of str
        E-mail cells as written (no missing values).

    Returns
    -------
    DataFrame
        ``row`` (position of the cell) and ``value``, in the order of the
        cells and, within a cell, of ``split_emails``.

    Examples
    --------
    >>> email_pairs(pd.Series(["Ann@X.com", "", "b@y.org; B@Y.org, c@z.org"])).values.tolist()
    [[0, 'ann@x.com'], [2, 'b@y.org'], [2, 'c@z.org']]
    """
    text = _strings(cells)
    simple = pc.match_substring_regex(text, _SIMPLE_EMAIL).to_numpy(zero_copy_only=False)
    empty = pc.equal(text, "").to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(simple)
    lowered = pc.ascii_lower(pc.take(text, pa.array(rows))).to_numpy(zero_copy_only=False)
    parts = [pd.DataFrame({"row": rows, "value": lowered.astype(object)})]
    other = np.flatnonzero(~simple & ~empty)
    if len(other):
        lists = pd.Series(_unique_apply(cells.to_numpy(dtype=object)[other], split_emails),
                          index=other, dtype=object).explode().dropna()
        parts.append(pd.DataFrame({"row": lists.index.to_numpy(np.int64),
                                   "value": lists.to_numpy(dtype=object)}))
    pairs = pd.concat(parts, ignore_index=True)
    # A plain cell gives one address, so ordering by cell keeps split_emails' order.
    return pairs.sort_values("row", kind="stable").reset_index(drop=True)


def _either(patterns: Iterable[str]) -> str:
    return "|".join(dict.fromkeys(patterns))


def _whole_words(words: Iterable[str]) -> str:
    return r"(?:^| )(?:" + _either(re.escape(w) for w in words) + r")(?: |$)"


def _filled(text: pa.Array) -> np.ndarray:
    return pc.greater(pc.binary_length(text), 0).to_numpy(zero_copy_only=False)


def _matching(text: pa.Array, pattern: str) -> np.ndarray:
    if not pattern:
        return np.zeros(len(text), dtype=bool)
    return pc.match_substring_regex(text, pattern).to_numpy(zero_copy_only=False)


def _word_start(affix: str) -> list[str]:
    """Words that can begin a name whose sorted, joined words begin with ``affix``.

    The first word in order begins with the affix, or is shorter than it and
    the joined words continue into the next word: then the word is the
    affix's beginning.
    """
    escaped = [re.escape(affix[:size]) for size in range(1, len(affix))]
    return [r"(?:^| )" + re.escape(affix)] + [r"(?:^| )" + e + r"(?: |$)" for e in escaped]


def _word_end(affix: str) -> list[str]:
    """Like :func:`_word_start`, for the end of the sorted, joined words."""
    escaped = [re.escape(affix[-size:]) for size in range(1, len(affix))]
    return [re.escape(affix) + r"(?: |$)"] + [r"(?:^| )" + e + r"(?: |$)" for e in escaped]


def possible_contacts(incoming_keys: Iterable[str], addresses: Iterable[str],
                      phone_tails: Iterable[str], *, names: pa.Array,
                      emails: pd.Series, phones: pd.Series) -> np.ndarray:
    """Positions of the contacts that may share a block key, an e-mail or a phone tail.

    Parameters
    ----------
    incoming_keys : iterable of str
        The incoming names' block keys (``name_block_keys(..., side="incoming")``).
    addresses : iterable of str
        The incoming records' addresses, as :func:`email_pairs` gives them.
    phone_tails : iterable of str
        The last digits of the incoming phones.
    names : pyarrow.Array of str
        The contacts' names as :func:`name_column` gives them.
    emails, phones : Series of str
        The contacts' e-mail and phone cells as written.
        The contacts' phone cells as written.

    Returns
    -------
    ndarray of int
        Positions of the contacts, ascending. Every contact sharing a key, an
        address or a phone tail is among them; a few others may be.

    Examples
    --------
    >>> names = name_column(pd.Series(["Ann Smith", "Bob Jones", "Anna Lee", "Cy"]))
    >>> emails = pd.Series(["", "Bob@X.org", "", ""])
    >>> phones = pd.Series(["", "", "", "+44 7700 900123"])
    >>> possible_contacts(["ann|s", "smith|a"], ["bob@x.org"], ["900123"], names=names,
    ...                   emails=emails, phones=phones).tolist()
    [0, 1, 3]
    """
    keep = np.zeros(len(names), dtype=bool)
    wanted = set(addresses)
    if wanted:
        cells = _strings(emails)
        simple = _matching(cells, _SIMPLE_EMAIL)
        found = pc.is_in(pc.ascii_lower(cells), pa.array(sorted(wanted), type=pa.string()))
        keep |= simple & found.to_numpy(zero_copy_only=False)
        other = np.flatnonzero(~simple & _filled(cells))
        keep[other] = [not wanted.isdisjoint(found) for found in _unique_apply(
            emails.to_numpy(dtype=object)[other], split_emails)]
    tails = sorted({tail.lstrip("+") for tail in phone_tails} - {""})
    if tails:
        # An incoming tail is the end of one number's digits: in the cell, its
        # digits come in order with anything but digits between them. A cell
        # that is not ASCII is kept whatever it holds: other scripts have digits.
        cells = _strings(phones)
        spread = _either(r"[^0-9]*".join(tail) for tail in tails)
        keep |= ~pc.string_is_ascii(cells).to_numpy(zero_copy_only=False)
        keep |= _matching(cells, spread)
    initials: dict[str, list[str]] = {}
    anywhere: list[str] = []
    one_word: list[str] = []
    for key in dict.fromkeys(incoming_keys):
        if "|" in key:
            word, initial = key.split("|", 1)
            initials.setdefault(initial, []).append(word)
        else:
            # "1" affixes meet any contact's name, "n" affixes one-word names only.
            target = anywhere if key[0] == "1" else one_word
            target += _word_start(key[2:]) if key[1] == "^" else _word_end(key[2:])
    text = names
    if initials:
        # A word key needs the word and a word with the initial: the few names
        # holding any of the words are searched again for each initial.
        every = [word for words in initials.values() for word in words]
        rows = np.flatnonzero(_matching(text, _whole_words(every)))
        some = pc.take(text, pa.array(rows, type=pa.int64()))
        both = np.zeros(len(rows), dtype=bool)
        for initial, words in initials.items():
            both |= (_matching(some, _whole_words(words))
                     & _matching(some, r"(?:^| )" + re.escape(initial)))
        keep[rows[both]] = True
    keep |= _matching(text, _either(anywhere))
    if one_word:
        single = _filled(text) & ~pc.match_substring(text, " ").to_numpy(zero_copy_only=False)
        keep |= single & _matching(text, _either(one_word))
    return np.flatnonzero(keep)
