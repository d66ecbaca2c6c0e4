"""The identity map: ``identity_map.csv``, the user's word on who an incoming record is.

Each line maps an incoming key (``linkedin:url:linkedin.com/in/ann``) to a
contact id, to ``new`` (always a new contact) or to ``skip`` (never import
it). :func:`refgraph.importers.identity.resolve_identities` follows it before
any other rule, and every import records its decisions in it, so a re-import
finds the same contacts even after their names were edited. Ambiguous
records are written with an empty ``contact_id`` and their candidates, for
the user to decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem
from refgraph.importers.common import decode, read_csv_records
from refgraph.importers.formulas import safe_entry
from refgraph.importers.identity import MAP_NEW, MAP_SKIP
from refgraph.io.text import clean_identifier

#: The identity map in a network folder.
IDENTITY_MAP = "identity_map.csv"
#: Columns of the identity map; only the first two are required.
IDENTITY_MAP_COLUMNS: tuple[str, ...] = ("incoming_key", "contact_id", "name", "rule",
                                         "candidates")


def empty_identity_map() -> pd.DataFrame:
    """An identity map without lines.

    Examples
    --------
    >>> list(empty_identity_map().columns)
    ['incoming_key', 'contact_id', 'name', 'rule', 'candidates']
    """
    return pd.DataFrame({c: pd.Series(dtype=object) for c in IDENTITY_MAP_COLUMNS})


def read_identity_map(path: Path) -> pd.DataFrame:
    """Read ``identity_map.csv`` (an empty map when the file does not exist).

    Parameters
    ----------
    path : Path
        The file.

    Returns
    -------
    DataFrame
        The :data:`IDENTITY_MAP_COLUMNS` (missing optional ones empty), then
        any extra columns; identifiers cleaned, lines without a key dropped.

    Raises
    ------
    DataValidationError
        When ``incoming_key`` or ``contact_id`` is missing from the header, or
        a key is mapped on more than one line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / IDENTITY_MAP
    >>> _ = path.write_text("incoming_key,contact_id\\nvcard:uid:1,ann\\n")
    >>> read_identity_map(path)[["incoming_key", "contact_id"]].values.tolist()
    [['vcard:uid:1', 'ann']]
    """
    if not path.exists():
        return empty_identity_map()
    label = str(path)
    records = read_csv_records(decode(path.read_bytes(), label), label,
                               expected_header="incoming_key,contact_id")
    header = [name.casefold() for name in records.header]
    missing = [c for c in IDENTITY_MAP_COLUMNS[:2] if c not in header]
    if missing:
        raise DataValidationError([Problem(
            label, 1, ", ".join(missing),
            "required column missing; the header must be incoming_key,contact_id")])
    frame = pd.DataFrame(records.rows, columns=header, dtype=object)
    for column in IDENTITY_MAP_COLUMNS:
        if column not in frame:
            frame[column] = ""
    frame["incoming_key"] = frame["incoming_key"].map(clean_identifier)
    frame["contact_id"] = frame["contact_id"].map(clean_identifier)
    lines = pd.Series(records.lines, dtype=np.int64)
    repeated = frame["incoming_key"].duplicated(keep=False) & (frame["incoming_key"] != "")
    if repeated.any():
        problems = []
        for key, group in lines[repeated.to_numpy()].groupby(
                frame.loc[repeated, "incoming_key"].to_numpy()):
            problems.append(Problem(label, int(group.iloc[-1]), "incoming_key",
                                    f"{key!r} is mapped twice (lines "
                                    f"{', '.join(str(n) for n in group)}); keep one line"))
        raise DataValidationError(problems)
    frame = frame[frame["incoming_key"] != ""]
    return frame[[*IDENTITY_MAP_COLUMNS, *[c for c in frame if c not in IDENTITY_MAP_COLUMNS]]
                 ].reset_index(drop=True)

def identity_mapping(table: pd.DataFrame, contact_ids: Iterable[str], *, label: str
                     ) -> tuple[dict[str, str], list[Problem]]:
    """Identity-map values to use, and notes about lines pointing at no contact.

    Parameters
    ----------
    table : DataFrame
        The identity map (:func:`read_identity_map`).
    contact_ids : iterable of str
        The network's contact ids.
    label : str
        The map's file, as notes name it.

    Returns
    -------
    tuple of (dict, list of Problem)
        Incoming key to contact id, ``new`` or ``skip``; and one note per line
        naming an id that is not a contact (that key is matched again).

    Examples
    --------
    >>> table = pd.DataFrame({"incoming_key": ["a", "b", "c"],
    ...                       "contact_id": ["ann", "new", "gone"]})
    >>> mapping, notes = identity_mapping(table, ["ann"], label=IDENTITY_MAP)
    >>> mapping, notes[0].line
    ({'a': 'ann', 'b': 'new'}, 4)
    """
    known = set(contact_ids)
    mapping, notes = {}, []
    for position, (key, value) in enumerate(zip(table["incoming_key"], table["contact_id"],
                                                strict=True)):
        if not value:
            continue
        if value in (MAP_NEW, MAP_SKIP) or value in known:
            mapping[key] = value
        else:
            notes.append(Problem(label, position + 2, "contact_id",
                                 f"{value!r} is not a contact id; {key!r} was matched again"))
    return mapping, notes


def _candidates_text(candidates: list[dict]) -> str:
    return "; ".join(f"{c['id']} ({c['name']}{', ' + c['company'] if c['company'] else ''}; "
                     f"{c['reason']})" for c in candidates)


def record_decisions(table: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """The identity map with every decision of an import recorded.

    A line the user (or an earlier import) settled on a contact id stands;
    other decided and ambiguous records are added or updated.

    Parameters
    ----------
    table : DataFrame
        The identity map before the import.
    matches : DataFrame
        :attr:`refgraph.importers.identity.IdentityMatches.matches` of the import.

    Returns
    -------
    DataFrame
        The new identity map.

    Examples
    --------
    >>> matches = pd.DataFrame({"key": ["k"], "name": ["Ann"], "status": ["new"],
    ...                         "contact_id": ["ann"], "rule": ["new"], "candidates": [[]]})
    >>> record_decisions(empty_identity_map(), matches).values.tolist()
    [['k', 'ann', 'Ann', 'new', '']]
    """
    table = table.copy().fillna("").astype(object)
    where = {key: i for i, key in enumerate(table["incoming_key"])}
    rows = []
    for row in matches.itertuples(index=False):
        if row.status in ("unmatched", "skip"):
            continue
        if row.status == "ambiguous":
            values = {"contact_id": "", "rule": "review",
                      "candidates": _candidates_text(row.candidates)}
        else:
            values = {"contact_id": row.contact_id, "rule": row.rule, "candidates": ""}
        values = {"incoming_key": row.key, "name": safe_entry(row.name), **values}
        values = {k: safe_entry(v) if k == "candidates" else v for k, v in values.items()}
        if row.key in where:
            i = where[row.key]
            if table.at[i, "contact_id"] and table.at[i, "contact_id"] != MAP_NEW and (
                    row.status == "matched" and row.rule == "map"):
                continue  # the user's (or an earlier import's) decision stands
            for column, value in values.items():
                table.at[i, column] = value
        else:
            where[row.key] = len(table) + len(rows)
            rows.append(values)
    if rows:
        table = pd.concat([table, pd.DataFrame(rows, columns=table.columns).fillna("")],
                          ignore_index=True)
    return table
