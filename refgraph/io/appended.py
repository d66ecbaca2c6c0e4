"""Extending a kept network by the rows appended to its CSV files since.

``refgraph log`` appends one row to ``interactions.csv``, ``refgraph add`` one
to ``contacts.csv``; on a network of ten million interactions, checking the
whole files again took longer than anything a query does. When the cache
(:mod:`refgraph.io.cache`) holds the network as it was before the appends, and
each file's first bytes are exactly those it was loaded from, only the
appended bytes are read and checked, with the same checks as a full load, and
joined to the kept tables. The result is the network a full load gives: the
same tables, row for row, and people codes that name the same person for
every row. Warnings about the appended rows name only them (an id the kept
rows already named, and so already added as a contact, is not named again).
"""
from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, RefgraphWarning
from refgraph.io.cache import AppendedRows, CachedNetwork
from refgraph.io.columns import Table
from refgraph.io.files import file_label
from refgraph.io.reconcile import reconcile
from refgraph.io.schema import (
    CONTACT_COLUMNS,
    CONTACT_REQUIRED,
    INTERACTION_COLUMNS,
    INTERACTION_REQUIRED,
)
from refgraph.io.tables import head_bytes, read_table_bytes
from refgraph.io.validate import (
    line_list,
    outside_refgraph,
    report,
    validate_contacts,
    validate_interactions,
)


def load_appended(folder: str | Path, appended: AppendedRows, contacts_label: str,
                  strict: bool, declared: tuple[str, ...] = ()) -> CachedNetwork | None:
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
    declared : tuple of str
        The contacts' declared extra columns (``[contacts] extra_columns``).

    Returns
    -------
    CachedNetwork or None
        The whole network; its ``warnings`` are the kept ones followed by
        those the appended rows gave (all given here, in that order). None
        when a full load must decide: a file's header can no longer be read
        on its own, or an appended contact's id is already a contact's (a
        duplicate, or an id only interactions named so far).

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
    contacts, interactions, added_codes = kept.contacts, kept.interactions, None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line_ends, tail = appended.tails.get("contacts.csv", (0, b""))
        if tail:
            table = _tail_table(Path(folder) / "contacts.csv", line_ends, tail,
                                CONTACT_COLUMNS, CONTACT_REQUIRED)
            if table is None:
                return None
            added = validate_contacts(table, strict=strict, declared=declared)
            if set(added["id"]) & set(contacts["id"]) or list(added.columns) != list(
                    contacts.columns):
                return None
            # A full load lists the file's contacts, then those only interactions name.
            named_only = contacts["line"].isna().to_numpy()
            contacts = pd.concat([contacts[~named_only], added, contacts[named_only]],
                                 ignore_index=True)
            contacts["line"] = contacts["line"].astype(kept.contacts["line"].dtype)
        line_ends, tail = appended.tails.get("interactions.csv", (0, b""))
        if tail:
            table = _tail_table(Path(folder) / "interactions.csv", line_ends, tail,
                                INTERACTION_COLUMNS, INTERACTION_REQUIRED)
            if table is None:
                return None
            contacts, rows, added_codes = reconcile(contacts, validate_interactions(table),
                                                    contacts_label, table, strict)
            rows, added_codes = _without_kept_rows(interactions, rows, added_codes, table,
                                                   strict)
            if list(rows.columns) != list(interactions.columns):
                return None
            interactions = pd.concat([interactions, rows], ignore_index=True)
    # Given once each, after the kept ones (a message the kept load gave, such as an
    # extra column's, is not given twice).
    new = [warning for warning in caught if str(warning.message) not in kept.warnings]
    for message in kept.warnings:
        warnings.warn(message, RefgraphWarning, stacklevel=outside_refgraph())
    for warning in new:
        warnings.warn_explicit(warning.message, warning.category, warning.filename,
                               warning.lineno, source=warning.source)
    messages = tuple(str(warning.message) for warning in new
                     if issubclass(warning.category, RefgraphWarning))
    return CachedNetwork(contacts, interactions,
                         _joined_codes(kept.codes, added_codes, contacts),
                         kept.warnings + messages)


def _tail_table(path: Path, line_ends: int, tail: bytes, known: tuple[str, ...],
                required: tuple[str, ...]) -> Table | None:
    """The appended bytes of a file as a table, each row with its line in the file."""
    found = head_bytes(path)
    if found is None:
        return None
    head, header = found
    # Read under the file's header; the lines then move down past the kept rows.
    shift = line_ends - header.line
    try:
        table = read_table_bytes(head + tail, file_label(path), known, required)
    except DataValidationError as error:
        raise DataValidationError([
            dataclasses.replace(problem, line=problem.line + shift)
            if problem.line is not None and problem.line > header.line else problem
            for problem in error.problems]) from None
    table = Table(table.label, table.names, table.columns, table.lines + shift)
    table.warn_invisible()
    return table.without_empty_rows()


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


def _joined_codes(kept: tuple, added: tuple | None, contacts: pd.DataFrame
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The people codes of kept and appended rows together, over everyone's sorted ids.

    A few new people among hundreds of thousands: they are put in their sorted
    places and only the codes after them move, without sorting everyone again.
    """
    kept_people, source, target = kept
    known = set(kept_people.tolist())
    named = contacts["id"].tolist() + ([] if added is None else added[0].tolist())
    new = np.array(sorted({person for person in named if person not in known}), dtype=object)
    people = kept_people
    if len(new):
        # Each kept person moves down by the number of new ids sorting before them.
        moved = np.arange(len(kept_people)) + np.searchsorted(new, kept_people)
        people = np.empty(len(kept_people) + len(new), dtype=object)
        people[moved] = kept_people
        people[np.searchsorted(kept_people, new) + np.arange(len(new))] = new
        source, target = moved[source], moved[target]
    if added is not None:
        added_people, added_source, added_target = added
        used = np.unique(np.concatenate([added_source, added_target]))
        position = np.full(len(added_people), -1, dtype=np.int64)
        position[used] = np.searchsorted(people, added_people[used])
        source = np.concatenate([source, position[added_source]])
        target = np.concatenate([target, position[added_target]])
    return people, np.asarray(source, dtype=np.int64), np.asarray(target, dtype=np.int64)
