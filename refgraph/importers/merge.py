"""Merging imported records into a network's cells: the user's text kept, only additions made.

An import only adds: an empty cell is filled, e-mails, phones and tags are
added to their lists, and nothing the user typed is changed or removed. A
value an earlier import already offered (:mod:`refgraph.importers.contributed`)
is not offered again, so what the user deleted or emptied stays deleted.
Interactions already in the network (the same day, people and kind) are not
added again, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from refgraph.importers.common import LIST_SEPARATOR
from refgraph.importers.contributed import Contribution, by_contact
from refgraph.importers.formulas import safe_entry
from refgraph.importers.normalise import normalise_phone, split_emails, split_phones
from refgraph.importers.store import NetworkFiles
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.settings import DIRECTED_KINDS
from refgraph.io.text import clean_identifier, clean_text, split_list

_LIST_COLUMNS = ("email", "phone", "tags", "services")
_FILL_COLUMNS = ("company", "profession", "notes", "birthday", "url", "address", "city")


def _phone_norm(region: str) -> Callable[[str], str]:
    return lambda value: normalise_phone(value, region) or value.strip()


def _items(column: str, cell: str, region: str) -> list[tuple[str, str]]:
    """(comparison key, text) of each item of a list cell."""
    if column == "email":
        return [(e, e) for e in split_emails(cell)] or [
            (v.casefold(), v) for v in split_list(cell)]
    if column == "phone":
        norm = _phone_norm(region)
        return [(norm(p), p) for p in split_phones(cell)]
    return [(v.casefold(), v) for v in split_list(cell)]


def value_keys(column: str, cell: str, *, region: str = "GB") -> list[str]:
    """The comparison keys of a cell's values: one per list item, one for other text.

    Examples
    --------
    >>> value_keys("phone", "07700 900123; +44 20 7946 0958")
    ['+447700900123', '+442079460958']
    >>> value_keys("company", " Acme  Ltd "), value_keys("notes", "")
    (['acme ltd'], [])
    """
    if column in _LIST_COLUMNS:
        return [key for key, _ in _items(column, cell, region)]
    text = " ".join(str(cell).split()).casefold()
    return [text] if text else []


def merge_cell(column: str, old: str, new: str, *, region: str = "GB",
               offered: set[str] | frozenset[str] = frozenset()) -> str:
    """The cell after an import: the user's text kept, only additions made.

    Lists (``email``, ``phone``, ``tags``, ``services``) gain the new items
    they lack; other cells are filled only when empty. Values whose key is
    in ``offered`` (an earlier import brought them; the user has removed
    them since) are not added again.

    Examples
    --------
    >>> merge_cell("tags", "client; BNI", "bni; Downtown")
    'client; BNI; Downtown'
    >>> merge_cell("phone", "07700 900123", "+447700900123")
    '07700 900123'
    >>> merge_cell("company", "Acme", "Globex"), merge_cell("company", " ", "Globex")
    ('Acme', 'Globex')
    >>> merge_cell("email", "a@x.com", "old@x.com; new@x.com", offered={"old@x.com"})
    'a@x.com; new@x.com'
    >>> merge_cell("company", "", "Globex", offered={"globex"})
    ''
    """
    if column in _LIST_COLUMNS:
        have = {key for key, _ in _items(column, old, region)} | set(offered)
        added = [text for key, text in _items(column, new, region) if key not in have]
        added = list(dict.fromkeys(added))
        if not added:
            return old
        return LIST_SEPARATOR.join([old.strip().rstrip(";").strip(), *added]) if old.strip() \
            else LIST_SEPARATOR.join(added)
    if old.strip() or set(value_keys(column, new)) <= set(offered):
        return old
    return new


def incoming_by_contact(matches: pd.DataFrame, incoming: pd.DataFrame,
                         region: str) -> dict[str, dict[str, str]]:
    """The imported values of each matched or new contact, safe for the files."""
    decided = matches[matches["status"].isin(["matched", "new"])]
    values = incoming.set_index("id")
    out: dict[str, dict[str, str]] = {}
    for key, contact_id in zip(decided["key"], decided["contact_id"], strict=True):
        row = values.loc[key]
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        entry = out.setdefault(contact_id, {})
        for column in ("name", *_FILL_COLUMNS, *_LIST_COLUMNS):
            value = clean_text(str(row.get(column, "") or ""))
            if column == "phone":
                value = LIST_SEPARATOR.join(_phone_norm(region)(p) for p in split_phones(value))
            elif column == "name":
                value = " ".join(clean_identifier(value).split())
            if column in _LIST_COLUMNS:
                value = LIST_SEPARATOR.join(safe_entry(v) for v in (
                    split_phones(value) if column == "phone" else split_list(value)))
            else:
                value = safe_entry(value)
            entry[column] = merge_cell(column, entry.get(column, ""), value, region=region)
    return out


def merge_contacts(files: NetworkFiles, incoming: dict[str, dict[str, str]],
                    new_ids: list[str] | set[str], region: str
                    ) -> tuple[pd.DataFrame, list[str], list[str], set[Contribution]]:
    """Contacts cells after the import; the updated and unchanged ids; what was offered.

    The last item is :attr:`NetworkFiles.contributed` with every value this
    import offered added, to be written back to ``imported.csv``.
    """
    cells = files.contacts.copy()
    original_columns = list(cells.columns)
    for column in CONTACT_COLUMNS:
        if column not in cells:
            cells[column] = ""
    cells = cells.fillna("").astype(object)
    new_ids = set(new_ids)
    ids = cells["id"].map(clean_identifier)
    position = {cid: i for i, cid in enumerate(ids) if cid}
    updated, unchanged = [], []
    added_rows = []
    loaded_names = dict(zip(files.network.contacts["id"], files.network.contacts["name"],
                            strict=True))
    earlier = by_contact(files.contributed)
    contributed = set(files.contributed)
    for contact_id, values in incoming.items():
        for column in (*_FILL_COLUMNS, *_LIST_COLUMNS):
            contributed.update((contact_id, column, key) for key in
                               value_keys(column, values.get(column, ""), region=region))
        if contact_id in new_ids:
            row = dict.fromkeys(cells.columns, "")
            row.update({column: values.get(column, "") for column in
                        ("name", *_FILL_COLUMNS, *_LIST_COLUMNS)})
            row["id"] = contact_id
            added_rows.append(row)
            continue
        if contact_id not in position:
            # Known only from interactions.csv: give it a row of its own.
            row = dict.fromkeys(cells.columns, "")
            row.update(id=contact_id, name=loaded_names.get(contact_id, contact_id))
            cells.loc[len(cells)] = row
            position[contact_id] = len(cells) - 1
        i = position[contact_id]
        changed = False
        for column in (*_FILL_COLUMNS, *_LIST_COLUMNS):
            old = str(cells.at[i, column])
            new = merge_cell(column, old, values.get(column, ""), region=region,
                             offered=earlier.get((contact_id, column), frozenset()))
            if new != old:
                cells.at[i, column] = new
                changed = True
        (updated if changed else unchanged).append(contact_id)
    if added_rows:
        cells = pd.concat([cells, pd.DataFrame(added_rows, columns=cells.columns)],
                          ignore_index=True)
    # A column the file lacked is added only when the import has values for it.
    unused = [c for c in cells.columns if c not in original_columns and not (cells[c] != "").any()]
    return cells.drop(columns=unused), updated, unchanged, contributed


def _pair_keys(day: pd.Series, source: pd.Series, target: pd.Series, kind: pd.Series,
               extra: pd.Series | None = None) -> pd.Series:
    """A key per interaction: the day, the pair (unordered for mutual kinds), the kind."""
    source = source.astype(str).to_numpy()
    target = target.astype(str).to_numpy()
    kind = kind.astype(str).to_numpy()
    directed = np.isin(kind, DIRECTED_KINDS)
    low = np.where(directed | (source <= target), source, target)
    high = np.where(directed | (source <= target), target, source)
    others = [pd.Series(low), pd.Series(high), pd.Series(kind)]
    if extra is not None:
        others.append(pd.Series(extra.astype(str).to_numpy()))
    first = pd.Series(pd.Series(day).astype(str).to_numpy(), dtype=object)
    return first.str.cat([o.astype(object) for o in others], sep="\x1f").astype(object)


def new_interactions(files: NetworkFiles, rows: pd.DataFrame, *, undated: bool
                      ) -> tuple[pd.DataFrame, int]:
    """Rows not yet in the network (by day, people and kind); and how many were."""
    if rows.empty:
        return rows, 0
    rows = rows.copy()
    rows["notes"] = rows["notes"].map(lambda v: safe_entry(clean_text(v)))
    stamps = pd.to_datetime(rows["date"], format="ISO8601", utc=True)
    existing = files.network.interactions
    if undated:
        incoming_keys = _pair_keys(pd.Series([""] * len(rows)), rows["source"], rows["target"],
                                   rows["kind"], rows["notes"])
        existing_keys = _pair_keys(pd.Series([""] * len(existing)), existing["source"],
                                   existing["target"], existing["kind"], existing["notes"])
    else:
        incoming_keys = _pair_keys(stamps.dt.strftime("%Y-%m-%d"), rows["source"],
                                   rows["target"], rows["kind"])
        existing_keys = _pair_keys(existing["date"].dt.strftime("%Y-%m-%d"), existing["source"],
                                   existing["target"], existing["kind"])
    fresh = ~incoming_keys.isin(set(existing_keys)).to_numpy() & ~incoming_keys.duplicated(
    ).to_numpy()
    order = np.argsort(stamps.to_numpy()[fresh], kind="stable")
    new_rows = rows[fresh].iloc[order].reset_index(drop=True)
    return new_rows[list(INTERACTION_COLUMNS)], int(len(rows) - fresh.sum())
