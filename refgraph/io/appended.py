"""Extending a kept network by the rows appended to its interactions file since.

``refgraph log`` appends one row to ``interactions.csv``; on a network of ten
million interactions, checking the whole file again took longer than anything
a query does. When the cache (:mod:`refgraph.io.cache`) holds the network as it
was before the append, and the file's first bytes are exactly those it was
loaded from, only the appended bytes are read and checked, with the same
checks as a full load, and joined to the kept tables. The result is the
network a full load gives: the same tables, row for row, the same people
codes. Warnings about the appended rows name only them (an id the kept rows
already named, and so already added as a contact, is not named again).
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, RefgraphWarning
from refgraph.io.cache import APPENDABLE, AppendedRows, CachedNetwork
from refgraph.io.columns import Table
from refgraph.io.files import file_label
from refgraph.io.reconcile import reconcile
from refgraph.io.schema import INTERACTION_COLUMNS, INTERACTION_REQUIRED
from refgraph.io.tables import head_bytes, read_table_bytes
from refgraph.io.validate import line_list, outside_refgraph, report, validate_interactions


def load_appended(folder: str | Path, appended: AppendedRows, contacts_label: str,
                  strict: bool) -> CachedNetwork | None:
    """The kept network with the rows appended since it was kept, checked as a load would.

    Parameters
    ----------
    folder : str or Path
        The network folder.
    appended : AppendedRows
        From :func:`refgraph.io.cache.read_appended`.
    contacts_label : str
        The contacts file's name, for messages.
    strict : bool
        Raise on what a load only warns about.

    Returns
    -------
    CachedNetwork or None
        The whole network; its ``warnings`` are the kept ones followed by
        those the appended rows gave (all given here, in that order). None
        when the file's header can no longer be read on its own.

    Raises
    ------
    DataValidationError
        When an appended row is bad, naming its line in the file.

    Examples
    --------
    >>> import os, tempfile, pathlib, refgraph
    >>> from unittest import mock
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nme,Me\\nann,Ann\\n")
    >>> _ = (folder / "interactions.csv").write_text(
    ...     "date,source,target,kind\\n2024-01-05,me,ann,call\\n")
    >>> with mock.patch.dict(os.environ, {"REFGRAPH_CACHE_DIR": tempfile.mkdtemp()}):
    ...     _ = refgraph.load_network(folder, cache=True)  # checked and kept
    ...     with open(folder / "interactions.csv", "a") as file:
    ...         _ = file.write("2024-02-01,ann,me,call\\n")
    ...     network = refgraph.load_network(folder, cache=True)  # the new row read alone
    >>> network.interactions["line"].tolist()
    [2, 3]
    """
    kept = appended.kept
    if not appended.tail:  # the file holds exactly what was kept
        for message in kept.warnings:
            warnings.warn(message, RefgraphWarning, stacklevel=outside_refgraph())
        return kept
    path = Path(folder) / APPENDABLE
    found = head_bytes(path)
    if found is None:
        return None
    head, header = found
    for message in kept.warnings:
        warnings.warn(message, RefgraphWarning, stacklevel=outside_refgraph())
    # The appended bytes are read under the file's header; their lines then move
    # down past the kept rows, so every line a message names is its line in the file.
    shift = appended.line_ends - header.line
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            table = read_table_bytes(head + appended.tail, file_label(path),
                                     INTERACTION_COLUMNS, INTERACTION_REQUIRED)
        except DataValidationError as error:
            raise DataValidationError([
                dataclasses.replace(problem, line=problem.line + shift)
                if problem.line is not None and problem.line > header.line else problem
                for problem in error.problems]) from None
        table = Table(table.label, table.names, table.columns, table.lines + shift)
        table.warn_invisible()
        table = table.without_empty_rows()
        contacts, added, codes = reconcile(kept.contacts, validate_interactions(table),
                                           contacts_label, table, strict)
        added, codes = _without_kept_rows(kept.interactions, added, codes, table, strict)
    for warning in caught:  # given as they came, as filtered
        warnings.warn_explicit(warning.message, warning.category, warning.filename,
                               warning.lineno, source=warning.source)
    if list(added.columns) != list(kept.interactions.columns):
        return None  # another header than the kept rows had: a full load says what changed
    interactions = pd.concat([kept.interactions, added], ignore_index=True)
    messages = tuple(str(warning.message) for warning in caught
                     if issubclass(warning.category, RefgraphWarning))
    return CachedNetwork(contacts, interactions, _joined_codes(kept.codes, codes),
                         kept.warnings + messages)


def _without_kept_rows(kept: pd.DataFrame, added: pd.DataFrame, codes: tuple,
                       table: Table, strict: bool) -> tuple[pd.DataFrame, tuple]:
    """Drop appended rows that repeat a kept row exactly, as a load counts them once."""
    fields = [column for column in added.columns if column != "line"]
    same_day = kept[kept["date"].isin(added["date"])]
    if not len(same_day) or not len(added):
        return added, codes
    both = pd.concat([same_day[fields], added[fields]], ignore_index=True)
    repeated = both.duplicated(keep="first").to_numpy()[len(same_day):]
    if not repeated.any():
        return added, codes
    rows = np.searchsorted(table.lines, added["line"].to_numpy()[repeated])
    report([table.problem(None, None,
                           f"{len(rows)} row(s) repeat an earlier row exactly "
                           f"({table.unit}s {line_list(table, rows)}); each is counted once")],
           strict=strict, error=False)
    people, source, target = codes
    return (added[~repeated].reset_index(drop=True),
            (people, source[~repeated], target[~repeated]))


def _joined_codes(kept: tuple, added: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The people codes of kept and appended rows together, over everyone's sorted ids."""
    kept_people, kept_source, kept_target = kept
    people, source, target = added
    if len(people) != len(kept_people):  # the appended rows named new people
        moved = np.searchsorted(people, kept_people)
        kept_source, kept_target = moved[kept_source], moved[kept_target]
    return (people, np.concatenate([kept_source, source]).astype(np.int64, copy=False),
            np.concatenate([kept_target, target]).astype(np.int64, copy=False))
