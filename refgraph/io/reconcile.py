"""Reconciling checked interactions with the contacts: self-loops, unknown ids, duplicates.

Each is loaded with a warning naming the lines (or raised with ``strict=True``):
an interaction of someone with themself is ignored, an id only interactions
name becomes a contact named by its id, and a row repeating an earlier one
exactly is counted once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph.io.columns import Table
from refgraph.io.validate import Interactions, interaction_frame, line_list, report


def reconcile(
    contacts: pd.DataFrame,
    checked: Interactions,
    contacts_label: str,
    table: Table,
    strict: bool,
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Report self-loops, unknown ids and duplicate rows of checked interactions.

    Parameters
    ----------
    contacts : DataFrame
        The checked contacts.
    checked : Interactions
        The checked interactions (:func:`refgraph.io.validate.validate_interactions`).
    contacts_label : str
        The contacts file's name, for messages.
    table : Table
        The interactions as read, for their lines.
    strict : bool
        Raise instead of warning.

    Returns
    -------
    tuple
        The usable contacts (ids that only interactions name added, named by
        their id) and interactions, and the people codes of the interactions
        (see :func:`refgraph.model.people.person_codes`): every id sorted, and
        each kept row's source and target as positions in it.
    """
    contact_ids = pd.Index(contacts["id"].to_numpy(dtype=object))
    # People as integer codes: contacts first, then ids only interactions name.
    source_map = contact_ids.get_indexer(checked.source.uniques)
    target_map = contact_ids.get_indexer(checked.target.uniques)
    unknown_source = source_map < 0
    unknown_target = target_map < 0
    added = np.empty(0, dtype=object)
    if unknown_source.any() or unknown_target.any():
        added = pd.unique(np.concatenate([
            checked.source.uniques[unknown_source], checked.target.uniques[unknown_target]
        ]))
        added_index = pd.Index(added)
        source_map = np.where(unknown_source, len(contact_ids)
                              + added_index.get_indexer(checked.source.uniques), source_map)
        target_map = np.where(unknown_target, len(contact_ids)
                              + added_index.get_indexer(checked.target.uniques), target_map)
    source_person = source_map[checked.source.codes]
    target_person = target_map[checked.target.codes]

    keep = np.ones(len(table), dtype=bool)
    self_loop = source_person == target_person
    if self_loop.any():
        rows = np.flatnonzero(self_loop)
        report([table.problem(None, "source, target",
                               f"{len(rows)} interaction(s) name the same person as source and "
                               f"target ({table.unit}s {line_list(table, rows)}); they are "
                               "ignored; expected two different people")],
                strict=strict, error=False)
        keep &= ~self_loop

    if len(added):
        unknown_rows = np.flatnonzero(keep & (unknown_source[checked.source.codes]
                                              | unknown_target[checked.target.codes]))
        # Only ids that occur in kept rows become contacts.
        used = np.zeros(len(contact_ids) + len(added), dtype=bool)
        used[source_person[unknown_rows]] = True
        used[target_person[unknown_rows]] = True
        used_added = used[len(contact_ids):]
        if len(unknown_rows):
            # List (and add) them in the order the kept rows first name them, a
            # row's source before its target (not by rows dropped above).
            first_seen = np.full(len(used), np.iinfo(np.int64).max)
            np.minimum.at(first_seen, source_person[unknown_rows], 2 * unknown_rows)
            np.minimum.at(first_seen, target_person[unknown_rows], 2 * unknown_rows + 1)
            order = np.argsort(first_seen[len(contact_ids):][used_added], kind="stable")
            missing = added[used_added][order]
            shown = ", ".join(repr(m) for m in missing[:10])
            more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
            report([table.problem(None, "source, target",
                                   f"{len(unknown_rows)} interaction(s) ({table.unit}s "
                                   f"{line_list(table, unknown_rows)}) name {len(missing)} "
                                   f"id(s) not in {contacts_label}: {shown}{more}; they "
                                   "were added as contacts named by their id")],
                    strict=strict, error=False)
            contacts = _add_contacts(contacts, missing)

    # Exact duplicates: every validated field equal (dates and values compared
    # as parsed). Only rows whose date, people and kind hash to a repeated
    # number can be duplicates; those few are compared field by field.
    # Equal dates are equal moments, however written: the moment itself (every
    # date parsed by now), when the texts may repeat one.
    date_key = checked.date_codes if checked.distinct_dates else (
        checked.date_uniques.astype("datetime64[us]").view(np.int64).take(checked.date_codes))
    kept_rows = np.flatnonzero(keep)
    every_row = len(kept_rows) == len(table)
    digest = np.zeros(len(kept_rows), dtype=np.uint64)
    for codes in (date_key, source_person, target_person, checked.kind_codes):
        # Mixed in place, as unsigned bits (a view where the codes are 64-bit already).
        codes = codes if every_row else codes[kept_rows]
        np.bitwise_xor(digest, codes.view(np.uint64) if codes.dtype.itemsize == 8
                       else codes.astype(np.uint64), out=digest)
        digest *= np.uint64(0x100000001B3)  # FNV prime: wraps around, as a hash should
    candidates = kept_rows[_repeated(digest)]
    duplicate = np.zeros(len(table), dtype=bool)
    if len(candidates):
        fields = {
            "date": date_key[candidates],
            "source": source_person[candidates],
            "target": target_person[candidates],
            "kind": checked.kind_codes[candidates],
            "value": _recode(checked.value_codes[candidates], checked.value_uniques),
            **{column: values.codes[candidates] for column, values in checked.text.items()},
        }
        duplicate[candidates] = pd.DataFrame(fields).duplicated(keep="first").to_numpy()
    if duplicate.any():
        rows = np.flatnonzero(duplicate)
        report([table.problem(None, None,
                               f"{len(rows)} row(s) repeat an earlier row exactly "
                               f"({table.unit}s {line_list(table, rows)}); each is counted once")],
                strict=strict, error=False)
        keep &= ~duplicate
    kept_rows = np.flatnonzero(keep)
    interactions = interaction_frame(checked, table, kept_rows)
    # Everyone's id, sorted, and each kept row's people as codes into it: the
    # graph build needs exactly this and would otherwise hash every id again.
    people = np.concatenate([contact_ids.to_numpy(dtype=object), added])
    order = np.argsort(people, kind="stable")
    rank = np.empty(len(people), dtype=np.int64)
    rank[order] = np.arange(len(people))
    codes = (people[order], rank[source_person[kept_rows]], rank[target_person[kept_rows]])
    return contacts, interactions, codes


def _repeated(numbers: np.ndarray) -> np.ndarray:
    """Which numbers occur more than once (a sort finds them faster than a hash table)."""
    ordered = np.sort(numbers)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(twice):
        return np.zeros(len(numbers), dtype=bool)
    return pd.Series(numbers, copy=False).isin(np.unique(twice)).to_numpy()


def _recode(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """Codes that are equal exactly when the parsed values are (NaN equals NaN)."""
    return pd.factorize(uniques, use_na_sentinel=False)[0].take(codes)


def _add_contacts(contacts: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """Append contacts named by their id, every other field empty."""
    added = {}
    for column in contacts.columns:
        if column in ("id", "name"):
            added[column] = pd.Series(ids, dtype=object)
        elif column in ("character", "competency"):
            added[column] = pd.Series(pd.NA, index=range(len(ids)), dtype="Int64")
        elif column == "line":
            added[column] = pd.Series(pd.NA, index=range(len(ids)), dtype="Int64")
        else:
            added[column] = pd.Series("", index=range(len(ids)), dtype=object)
    frame = pd.concat([contacts, pd.DataFrame(added)], ignore_index=True)
    frame["line"] = frame["line"].astype("Int64")
    return frame
