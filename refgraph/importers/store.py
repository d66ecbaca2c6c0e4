"""Writing to a network folder: imports, logged interactions and new contacts.

Every change follows the same path:

1. the folder is loaded and validated (:func:`refgraph.load_network`);
2. the change is merged into the files' own cells, so everything the user
   wrote stays exactly as written (extra columns, ratings, notes);
3. the merged result is validated again, as the loader would;
4. each changed file is copied to ``.backup/<name>-<YYYYmmddTHHMMSS>.csv``
   (the newest ``imports.backups_kept`` copies are kept), then replaced
   atomically (:func:`refgraph.io.files.write_atomic`): readers see the old file or
   the new one, never half of one. ``contacts.csv`` is written before
   ``interactions.csv`` and ``identity_map.csv``, so an interruption between
   files leaves a network that loads, and importing again completes it.
   Files are written as UTF-8 with Unix line ends.

Imports only add: an empty cell is filled, e-mails, phones and tags are added
to their lists, and nothing the user typed is changed or removed.

**Formula cells.** The network's own files are data that refgraph reads back,
so they are written exactly as they load: a load-write-load round trip
changes nothing, and ``+447700900123`` stays a phone number. Text that enters
the files from outside (an import, ``add``, ``log``) is made safe once, on
the way in: a value that starts like a spreadsheet formula (``=``, ``+``,
``-``, ``@``) and is not just a number gets a leading ``'`` (a company typed
as ``=HYPERLINK(...)`` on LinkedIn is stored as ``'=HYPERLINK(...)``, and
shown so). Stored values are never rewritten, so the files stay stable.
Exports meant for spreadsheets (``--format csv``) neutralise every cell.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import ContactNotFoundError, DataValidationError, Problem, RefgraphError
from refgraph.importers.common import LIST_SEPARATOR, ImportResult, problem_dict
from refgraph.importers.identity import (
    MAP_NEW,
    MAP_SKIP,
    IdentityMatches,
    check_region,
    make_contact_id,
    normalise_name,
    normalise_phone,
    resolve_identities,
    review_dict,
    review_text,
    split_emails,
    split_phones,
)
from refgraph.io.columns import normalise_header
from refgraph.io.files import write_atomic
from refgraph.io.load import load_network
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.settings import DIRECTED_KINDS, KINDS, Settings
from refgraph.io.tables import decode_text, read_records
from refgraph.io.text import clean_identifier, clean_text, split_list
from refgraph.model.network import Network
from refgraph.results import Result
from refgraph.show.tables import text_table

#: The identity map in a network folder (see :mod:`refgraph.importers.identity`).
IDENTITY_MAP = "identity_map.csv"
#: Columns of the identity map; only the first two are required.
IDENTITY_MAP_COLUMNS: tuple[str, ...] = ("incoming_key", "contact_id", "name", "rule",
                                         "candidates")
#: Folder (inside the network folder) holding backups of replaced files.
BACKUP_FOLDER = ".backup"

_FORMULA_START = ("=", "+", "-", "@")
_JUST_A_NUMBER = re.compile(r"^[+\-]?[\d\s().,/\-]*$")
_LIST_COLUMNS = ("email", "phone", "tags", "services")
_FILL_COLUMNS = ("company", "profession", "notes")


def safe_entry(value: str) -> str:
    """Make text entering a network file safe to open in a spreadsheet.

    A value starting like a formula gets a leading ``'``, unless it is only a
    number (a phone number like ``+44 20 7946 0958``, an amount like ``-3``).

    Examples
    --------
    >>> safe_entry("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_entry("+44 (0)20 7946 0958"), safe_entry("Ann"), safe_entry("@ann")
    ('+44 (0)20 7946 0958', 'Ann', "'@ann")
    """
    if value.startswith(_FORMULA_START) and not _JUST_A_NUMBER.match(value):
        return "'" + value
    return value


# --------------------------------------------------------------------------- folder state


@dataclass
class NetworkFiles:
    """A network folder as its cells (strings), plus the validated network.

    Attributes
    ----------
    folder : Path
        The network folder.
    exists : bool
        False when the folder is to be created by the write.
    network : Network
        The validated network, as the loader sees it.
    contacts, interactions : DataFrame
        The files' cells as written (header names normalised as the loader
        does); new rows are appended to these.
    identity_map : DataFrame
        ``identity_map.csv`` (empty when the file does not exist).
    """

    folder: Path
    exists: bool
    network: Network
    contacts: pd.DataFrame
    interactions: pd.DataFrame
    identity_map: pd.DataFrame

    @property
    def settings(self) -> Settings:
        """The network's settings."""
        return self.network.settings


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _read_cells(path: Path, known: tuple[str, ...]) -> pd.DataFrame:
    """A network file's cells as written (after the loader has accepted it).

    Header names are normalised as the loader does (known names lower-cased).
    """
    label = str(path)
    records = read_records(decode_text(path.read_bytes(), label), label)
    return pd.DataFrame(records.rows, columns=normalise_header(records.header, known),
                        dtype=object)


def _read_identity_map(path: Path) -> pd.DataFrame:
    from refgraph.importers.common import decode, read_csv_records

    if not path.exists():
        return _empty(IDENTITY_MAP_COLUMNS)
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


def read_network_files(folder: str | Path, *, owner: str | None = None,
                       owner_name: str | None = None) -> NetworkFiles:
    """Read a network folder for changing it, or describe a new one.

    Parameters
    ----------
    folder : str or Path
        The network folder. When it does not exist (or holds neither
        ``contacts.csv`` nor ``interactions.csv``), an empty network (with the
        owner as its only contact, if given) is described; it is created by
        the first write.
    owner : str, optional
        The owner id (overrides ``network.toml``).
    owner_name : str, optional
        The owner's display name for a new network (default: the id).

    Returns
    -------
    NetworkFiles
        Cells, validated network and identity map.

    Raises
    ------
    DataValidationError, RefgraphError
        As :func:`refgraph.load_network` when the folder holds bad data.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> files = read_network_files(pathlib.Path(tempfile.mkdtemp()) / "new", owner="me")
    >>> files.exists, files.contacts["id"].tolist(), files.network.owner
    (False, ['me'], 'me')
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise RefgraphError(f"{folder}: is a file, expected a network folder")
    has_files = any((folder / name).exists() for name in ("contacts.csv", "interactions.csv"))
    if has_files:
        network = load_network(folder)
        if owner is not None:
            network = network.with_owner(clean_identifier(owner))
        contacts = _read_cells(folder / "contacts.csv", CONTACT_COLUMNS)
        interactions = _read_cells(folder / "interactions.csv", INTERACTION_COLUMNS)
        return NetworkFiles(folder, True, network, contacts, interactions,
                            _read_identity_map(folder / IDENTITY_MAP))
    contacts = _empty(CONTACT_COLUMNS)
    settings = Settings()
    if owner is not None:
        owner = clean_identifier(owner)
        if not owner:
            raise RefgraphError("--owner: expected a contact id (a non-empty string)")
        contacts.loc[0] = [owner, safe_entry(clean_identifier(owner_name or owner))] + [""] * (
            len(CONTACT_COLUMNS) - 2)
        settings = settings.replace(owner=owner)
    interactions = _empty(INTERACTION_COLUMNS)
    network = load_network((contacts, interactions), settings=settings)
    return NetworkFiles(folder, False, network, contacts, interactions,
                        _empty(IDENTITY_MAP_COLUMNS))


# --------------------------------------------------------------------------- writing


def _backup_name(stem: str, stamp: str, counter: int) -> str:
    return f"{stem}-{stamp}{'' if counter == 1 else f'_{counter}'}.csv"


def backup_file(path: Path, *, keep: int) -> Path | None:
    """Copy ``path`` into ``.backup/`` next to it, keeping the newest ``keep`` copies.

    The copy is named ``<stem>-<YYYYmmddTHHMMSS>.csv`` after the local time
    (``_2``, ``_3``, ... when several are made in one second).

    Returns
    -------
    Path or None
        The copy, or None when ``path`` does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "contacts.csv"
    >>> _ = target.write_text("id,name\\n")
    >>> backup_file(target, keep=5).parent.name
    '.backup'
    """
    if not path.exists():
        return None
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    stem = path.stem
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")  # a file name, not an analysis input
    pattern = re.compile(rf"^{re.escape(stem)}-(\d{{8}}T\d{{6}})(?:_(\d+))?\.csv$")

    def ours() -> list[tuple[tuple[str, int], Path]]:
        found = []
        for candidate in folder.iterdir():
            match = pattern.match(candidate.name)
            if match:
                found.append(((match[1], int(match[2] or 1)), candidate))
        return sorted(found)

    # After any earlier copy of the same second, even one pruned since.
    counter = max([number for (when, number), _ in ours() if when == stamp], default=0) + 1
    copy = write_atomic(folder / _backup_name(stem, stamp, counter), path.read_bytes())
    existing = ours()
    for _, old in existing[: max(len(existing) - max(keep, 1), 0)]:
        old.unlink()
    return copy


def _csv_text(frame: pd.DataFrame) -> str:
    # No formula neutralisation here: the network's files are written exactly as
    # they load (see the module docstring); new text was made safe on entry.
    return frame.to_csv(index=False, lineterminator="\n")


def _write(path: Path, text: str, *, keep: int, backups: list[str]) -> None:
    try:
        copy = backup_file(path, keep=keep)
        write_atomic(path, text)
    except OSError as exc:
        raise RefgraphError(
            f"{path}: could not write ({exc.strerror or exc}); the previous version is intact"
        ) from None
    if copy is not None:
        backups.append(str(copy))


def validate_frames(files: NetworkFiles, contacts: pd.DataFrame,
                    interactions: pd.DataFrame) -> Network:
    """Validate merged cells exactly as the loader validates files.

    Oddities the loader only warns about were already reported when the
    folder was loaded; new rows never add any, so warnings are not repeated.

    Raises
    ------
    DataValidationError
        When the merged data would not load.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> files = read_network_files(pathlib.Path(tempfile.mkdtemp()) / "new", owner="me")
    >>> bad = pd.DataFrame({"date": ["soon"], "source": ["me"], "target": ["me"],
    ...                     "kind": ["call"]})
    >>> validate_frames(files, files.contacts, bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    refgraph.errors.DataValidationError: 1 problem in interactions frame:
      interactions frame, row 1, column 'date': 'soon' is not ISO 8601; ...
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_network((contacts, interactions), settings=files.settings)


def write_network_files(
    files: NetworkFiles,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    identity_map: pd.DataFrame | None = None,
) -> list[str]:
    """Validate and write the changed files of a network folder, with backups.

    Parameters
    ----------
    files : NetworkFiles
        The folder as read by :func:`read_network_files`.
    contacts, interactions, identity_map : DataFrame, optional
        New cells of each file; None leaves the file alone.

    Returns
    -------
    list of str
        The backups made.

    Raises
    ------
    DataValidationError
        When the new cells would not load; nothing is written.
    RefgraphError
        When a file cannot be written; that file and the ones after it keep
        their previous version.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "net"
    >>> files = read_network_files(folder, owner="me", owner_name="Sam")
    >>> write_network_files(files)  # a new folder: no backups yet
    []
    >>> sorted(p.name for p in folder.iterdir())
    ['contacts.csv', 'interactions.csv', 'network.toml']
    """
    merged_contacts = files.contacts if contacts is None else contacts
    merged_interactions = files.interactions if interactions is None else interactions
    validate_frames(files, merged_contacts, merged_interactions)
    keep = files.settings.imports.backups_kept
    backups: list[str] = []
    folder = files.folder
    if not files.exists:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RefgraphError(f"{folder}: cannot create the network folder ({exc})") from None
        contacts, interactions = merged_contacts, merged_interactions
        owner = files.settings.owner
        if owner is not None and not (folder / "network.toml").exists():
            import json

            write_atomic(folder / "network.toml", f"owner = {json.dumps(owner)}\n")
    if contacts is not None:
        _write(folder / "contacts.csv", _csv_text(contacts), keep=keep, backups=backups)
    if interactions is not None:
        _write(folder / "interactions.csv", _csv_text(interactions), keep=keep, backups=backups)
    if identity_map is not None:
        _write(folder / IDENTITY_MAP, _csv_text(identity_map), keep=keep, backups=backups)
    return backups


# --------------------------------------------------------------------------- merging


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


def merge_cell(column: str, old: str, new: str, *, region: str = "GB") -> str:
    """The cell after an import: the user's text kept, only additions made.

    Lists (``email``, ``phone``, ``tags``, ``services``) gain the new items
    they lack; other cells are filled only when empty.

    Examples
    --------
    >>> merge_cell("tags", "client; BNI", "bni; Downtown")
    'client; BNI; Downtown'
    >>> merge_cell("phone", "07700 900123", "+447700900123")
    '07700 900123'
    >>> merge_cell("company", "Acme", "Globex"), merge_cell("company", " ", "Globex")
    ('Acme', 'Globex')
    """
    if column in _LIST_COLUMNS:
        have = {key for key, _ in _items(column, old, region)}
        added = [text for key, text in _items(column, new, region) if key not in have]
        added = list(dict.fromkeys(added))
        if not added:
            return old
        return LIST_SEPARATOR.join([old.strip().rstrip(";").strip(), *added]) if old.strip() \
            else LIST_SEPARATOR.join(added)
    return old if old.strip() else new


def _incoming_by_contact(matches: pd.DataFrame, incoming: pd.DataFrame,
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


def _merge_contacts(files: NetworkFiles, incoming: dict[str, dict[str, str]],
                    new_ids: list[str] | set[str], region: str
                    ) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Contacts cells after the import; also the updated and unchanged ids."""
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
    for contact_id, values in incoming.items():
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
            new = merge_cell(column, old, values.get(column, ""), region=region)
            if new != old:
                cells.at[i, column] = new
                changed = True
        (updated if changed else unchanged).append(contact_id)
    if added_rows:
        cells = pd.concat([cells, pd.DataFrame(added_rows, columns=cells.columns)],
                          ignore_index=True)
    # A column the file lacked is added only when the import has values for it.
    unused = [c for c in cells.columns if c not in original_columns and not (cells[c] != "").any()]
    return cells.drop(columns=unused), updated, unchanged


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


# --------------------------------------------------------------------------- import


@dataclass
class ImportReport(Result):
    """What an import changed (or, in a dry run, would change).

    Attributes
    ----------
    network : str
        The network folder.
    source, file : str
        The importer and the file read.
    dry_run : bool
        True when nothing was written.
    new_contacts, updated_contacts, unchanged_contacts : list of str
        Contact ids added, given new details, and matched without change.
    new_interactions : int
        Interactions added.
    present_interactions : int
        Imported interactions already in ``interactions.csv`` (same day,
        people and kind) or repeated in the file.
    held_interactions : int
        Interactions waiting for an ambiguous record to be resolved.
    dropped_interactions : int
        Interactions with people who are not (and are not made) contacts.
    ambiguous : DataFrame
        One row per ambiguous incoming person, with its candidates.
    skipped : list of Problem
        Records the importer left out, and notes about the identity map.
    backups : list of str
        Backups made of the replaced files.
    matches : IdentityMatches
        The decision for every incoming record.
    review : bool
        Whether :meth:`to_text` lists the ambiguous records in full.
    """

    network: str
    source: str
    file: str
    dry_run: bool
    new_contacts: list[str]
    updated_contacts: list[str]
    unchanged_contacts: list[str]
    new_interactions: int
    present_interactions: int
    held_interactions: int
    dropped_interactions: int
    ambiguous: pd.DataFrame
    skipped: list[Problem]
    backups: list[str]
    matches: IdentityMatches
    review: bool = False
    title = "Import"

    @property
    def changed(self) -> bool:
        """Whether the import changes the network's contacts or interactions."""
        return bool(self.new_contacts or self.updated_contacts or self.new_interactions)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``refgraph import --format json``."""
        return {
            "network": self.network,
            "source": self.source,
            "file": self.file,
            "dry_run": self.dry_run,
            "contacts": {"new": self.new_contacts, "updated": self.updated_contacts,
                         "unchanged": len(self.unchanged_contacts)},
            "interactions": {"new": self.new_interactions,
                             "already_present": self.present_interactions,
                             "waiting_for_review": self.held_interactions,
                             "not_contacts": self.dropped_interactions},
            "ambiguous": [review_dict(row) for row in self.ambiguous.itertuples(index=False)],
            "skipped": [problem_dict(p) for p in self.skipped],
            "backups": self.backups,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per incoming record: its key, decision and contact id."""
        return self.matches.to_frame()

    def to_text(self) -> str:
        """The summary for the terminal (and the review list with ``review``)."""
        mode = "dry run, nothing written" if self.dry_run else (
            "written" if self.changed else "nothing to change")
        lines = [
            f"Import {self.source} {self.file} into {self.network} ({mode})",
            f"  contacts:      {len(self.new_contacts)} new, {len(self.updated_contacts)} "
            f"updated, {len(self.unchanged_contacts)} unchanged",
            f"  interactions:  {self.new_interactions} new, {self.present_interactions} already "
            f"there, {self.held_interactions} waiting for review, {self.dropped_interactions} "
            "with people who are not contacts",
        ]
        if len(self.ambiguous):
            hint = "listed below" if self.review else "add --review to list them"
            lines.append(f"  ambiguous:     {len(self.ambiguous)} record(s) need a decision "
                         f"({hint})")
        if self.skipped:
            lines.append(f"  skipped:       {len(self.skipped)} record(s)")
            lines += [f"    {p}" for p in self.skipped[:10]]
            if len(self.skipped) > 10:
                lines.append(f"    ... and {len(self.skipped) - 10} more (--format json lists all)")
        for backup in self.backups:
            lines.append(f"  backup:        {backup}")
        if self.review and len(self.ambiguous):
            lines += ["", review_text(self.ambiguous,
                                      map_file=str(Path(self.network) / IDENTITY_MAP))]
        elif self.review:
            lines += ["", "No ambiguous records."]
        if self.new_contacts:
            lines += ["", "New contacts:", text_table(pd.DataFrame({"id": self.new_contacts}).head(
                20))]
            if len(self.new_contacts) > 20:
                lines.append(f"... and {len(self.new_contacts) - 20} more")
        return "\n".join(lines)


def _mapping(files: NetworkFiles) -> tuple[dict[str, str], list[Problem]]:
    """Identity-map values to use, and notes about lines pointing at no contact."""
    known = set(files.network.contacts["id"])
    mapping, notes = {}, []
    label = str(files.folder / IDENTITY_MAP)
    for position, (key, value) in enumerate(zip(files.identity_map["incoming_key"],
                                                files.identity_map["contact_id"], strict=True)):
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


def _updated_map(files: NetworkFiles, matches: pd.DataFrame) -> pd.DataFrame:
    """The identity map with every decision of this import recorded."""
    table = files.identity_map.copy().fillna("").astype(object)
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


def import_into(
    network: str | Path | NetworkFiles,
    result: ImportResult,
    *,
    dry_run: bool = False,
    owner: str | None = None,
    owner_name: str | None = None,
    region: str | None = None,
    review: bool = False,
) -> ImportReport:
    """Merge an importer's result into a network folder.

    Records are matched to contacts by :func:`refgraph.importers.identity.resolve_identities`
    (the identity map first); matched contacts gain only what they lack, new
    people become contacts (unless the importer says not to), ambiguous ones
    wait for review. Interactions already present (same day, people and kind)
    are not added again, so importing the same file twice changes nothing.

    Parameters
    ----------
    network : str, Path or NetworkFiles
        The network folder; created (with ``owner`` as its first contact and
        in ``network.toml``) when it does not exist. A folder already read by
        :func:`read_network_files` is used as read (``owner`` is then ignored).
    result : ImportResult
        What an importer read.
    dry_run : bool
        Work out the changes but write nothing.
    owner : str, optional
        The owner id (overrides ``network.toml``); needed for a new folder
        when the import has interactions.
    owner_name : str, optional
        Display name of the owner in a new folder.
    region : str, optional
        Phone region for national numbers (default ``imports.default_region``).
    review : bool
        List the ambiguous records in full in :meth:`ImportReport.to_text`.

    Returns
    -------
    ImportReport
        What changed (or would change).

    Raises
    ------
    DataValidationError
        When the network's files, the identity map or the merged result
        would not load.
    RefgraphError
        When an interaction names an owner or contact id the network lacks,
        or a file cannot be written (the previous version is then intact).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refgraph.importers import read_connections
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text(
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Ann,Smith,https://www.linkedin.com/in/ann,,Acme,Designer,12 Mar 2021\\n")
    >>> result = read_connections(folder / "Connections.csv", owner="me")
    >>> report = import_into(folder / "net", result, owner="me")
    >>> report.new_contacts, report.new_interactions
    (['ann-smith'], 1)
    >>> import_into(folder / "net", result).changed  # the same file again
    False
    """
    files = network if isinstance(network, NetworkFiles) else read_network_files(
        network, owner=owner, owner_name=owner_name)
    config = files.settings.imports
    region = check_region(region or config.default_region)
    mapping, notes = _mapping(files)
    incoming = result.contacts.fillna("").astype(str).astype(object)
    matches = resolve_identities(
        incoming, files.network.contacts, mapping=mapping, settings=files.settings,
        region=region, create=result.create_contacts,
        reserved=[v for v in files.identity_map["contact_id"] if v not in ("", MAP_NEW, MAP_SKIP)],
    )
    frame = matches.matches
    new_ids = list(dict.fromkeys(frame.loc[frame["status"] == "new", "contact_id"]))
    by_contact = _incoming_by_contact(frame, incoming, region)
    contacts, updated, unchanged = _merge_contacts(files, by_contact, new_ids, region)
    known = set(contacts["id"].map(clean_identifier)) | set(files.network.contacts["id"])

    # Interactions: incoming keys to contact ids; hold or drop the undecided.
    rows = result.interactions.fillna("").astype(str).astype(object).copy()
    status = dict(zip(frame["key"], frame["status"], strict=True))
    contact_of = matches.contact_of()
    held = dropped = 0
    if len(rows):
        for column in ("source", "target"):
            state = rows[column].map(status)
            held_mask = (state == "ambiguous").to_numpy()
            drop_mask = state.isin(["skip", "unmatched"]).to_numpy()
            rows["_held"] = (rows["_held"] if "_held" in rows else False) | held_mask
            rows["_drop"] = (rows["_drop"] if "_drop" in rows else False) | drop_mask
            rows[column] = rows[column].map(lambda v: contact_of.get(v, v))
        held = int((rows["_held"] & ~rows["_drop"]).sum())
        dropped = int(rows["_drop"].sum())
        rows = rows[~(rows["_held"] | rows["_drop"]).to_numpy()].drop(columns=["_held", "_drop"])
        unknown = sorted((set(rows["source"]) | set(rows["target"])) - known)
        if unknown:
            raise RefgraphError(
                f"{result.file}: the import names {', '.join(repr(u) for u in unknown[:5])}, "
                "which is not a contact of the network; pass --owner with your contact id"
                if set(unknown) <= {result.owner} else
                f"{result.file}: the import names ids that are not contacts: "
                f"{', '.join(repr(u) for u in unknown[:5])}"
            )
        rows = rows[(rows["source"] != rows["target"]).to_numpy()].reset_index(drop=True)
    new_rows, present = _new_interactions(files, rows, undated=result.undated)
    interactions = files.interactions
    if len(new_rows):
        cells = files.interactions.fillna("").astype(object)
        for column in INTERACTION_COLUMNS:
            if column not in cells:
                cells[column] = ""
        interactions = pd.concat([cells, new_rows.reindex(columns=cells.columns, fill_value="")],
                                 ignore_index=True)

    identity_map = _updated_map(files, frame)
    report = ImportReport(
        network=str(files.folder), source=result.source, file=result.file, dry_run=dry_run,
        new_contacts=new_ids, updated_contacts=updated, unchanged_contacts=unchanged,
        new_interactions=len(new_rows), present_interactions=present, held_interactions=held,
        dropped_interactions=dropped, ambiguous=matches.ambiguous,
        skipped=[*result.skipped, *notes], backups=[], matches=matches, review=review,
    )
    contacts_changed = bool(new_ids or updated) or not files.exists or len(contacts) != len(
        files.contacts)
    map_changed = not identity_map.equals(files.identity_map.fillna("").astype(object))
    validate_frames(files, contacts, interactions)
    if dry_run:
        return report
    report.backups = write_network_files(
        files,
        contacts=contacts if contacts_changed else None,
        interactions=interactions if (len(new_rows) or not files.exists) else None,
        identity_map=identity_map if map_changed else None,
    )
    return report


def _new_interactions(files: NetworkFiles, rows: pd.DataFrame, *, undated: bool
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


# --------------------------------------------------------------------------- log and add


@dataclass
class ChangeResult(Result):
    """One row added to a network file by ``refgraph log`` or ``refgraph add``.

    Attributes
    ----------
    action : str
        ``logged`` or ``added``.
    network : str
        The network folder.
    row : dict
        The row as written.
    line : int
        Its line in the file.
    backups : list of str
        Backups made.
    """

    action: str
    network: str
    row: dict[str, str]
    line: int
    backups: list[str] = field(default_factory=list)
    title = "Change"

    def to_dict(self) -> dict[str, Any]:
        """The row written, where, and the backups."""
        return {"action": self.action, "network": self.network, "row": self.row,
                "line": self.line, "backups": self.backups}

    def to_frame(self) -> pd.DataFrame:
        """The row written."""
        return pd.DataFrame([self.row])

    def to_text(self) -> str:
        """One line saying what was written where."""
        file = "interactions.csv" if self.action == "logged" else "contacts.csv"
        if self.action == "logged":
            what = (f"{self.row['kind']} {self.row['source']} -> {self.row['target']} on "
                    f"{self.row['date']}")
        else:
            what = f"{self.row['id']} ({self.row['name']})"
        return f"{self.action.capitalize()} {what}: {Path(self.network) / file} line {self.line}"


def _last_line(cells: pd.DataFrame) -> int:
    """The line the last row starts on once written (cells may hold line breaks)."""
    return _csv_text(cells.iloc[:-1]).count("\n") + 1


def _contact_for(net: Network, given: str) -> str:
    """The contact id ``given``, or a not-found error naming contacts called so."""
    if given in set(net.contacts["id"]):
        return given
    wanted = normalise_name(given)
    names = net.contacts["name"].fillna("").astype(str).map(normalise_name)
    alike = net.contacts[(names != "") & (names.str.contains(wanted, regex=False)
                                          if wanted else False)]
    hint = ""
    if len(alike):
        listed = ", ".join(f"{cid} ({name})" for cid, name in
                           zip(alike["id"].head(5), alike["name"].head(5), strict=True))
        hint = f"; did you mean {listed}? --with takes the id"
    raise ContactNotFoundError(f"contact {given!r} is not a contact id of this network{hint}")


def log_interaction(
    network: str | Path,
    *,
    with_id: str,
    kind: str,
    date: str | dt.date | None = None,
    notes: str = "",
    value: float | str | None = None,
    direction: str | None = None,
    owner: str | None = None,
    today: dt.date | None = None,
) -> ChangeResult:
    """Append an interaction between the owner and a contact.

    Parameters
    ----------
    network : str or Path
        The network folder.
    with_id : str
        The contact the owner met, called, referred, ...
    kind : str
        One of the interaction kinds (``one_to_one``, ``call``, ``referral``, ...).
    date : str or date, optional
        ISO 8601 date or date-time; default ``today``.
    notes : str
        Free text.
    value : float or str, optional
        Amount (for ``business``), at least 0.
    direction : {"to", "from"}, optional
        For ``referral``, ``business`` and ``introduction`` (required there):
        ``to`` when the owner gave it to the contact, ``from`` when the
        contact gave it to the owner.
    owner : str, optional
        The owner id (overrides ``network.toml``).
    today : date, optional
        The default date. The command line passes the computer's date: the
        one place refgraph reads the clock for data.

    Returns
    -------
    ChangeResult
        The row written and its line.

    Raises
    ------
    ContactNotFoundError
        When ``with_id`` (or the owner) is not a contact.
    RefgraphError
        For a bad kind, date, value or direction, a date in the future, or
        an interaction already logged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nme,Me\\nann,Ann\\n")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> log_interaction(folder, with_id="ann", kind="one_to_one", date="2024-03-05",
    ...                 owner="me").to_text().split(":")[0]
    'Logged one_to_one me -> ann on 2024-03-05'
    """
    files = read_network_files(network, owner=owner)
    if not files.exists:
        raise RefgraphError(f"{network}: not a network folder; expected a folder holding "
                            "contacts.csv and interactions.csv")
    net = files.network
    me = net.require_owner()
    other = _contact_for(net, clean_identifier(with_id))
    if other == me:
        raise RefgraphError("--with: that is the owner; an interaction needs two people")
    kind_name = re.sub(r"[\s\-]+", "_", str(kind).strip().lower())
    if kind_name not in KINDS:
        raise RefgraphError(f"kind {kind!r} is not a kind; expected one of: {', '.join(KINDS)}")
    if kind_name in DIRECTED_KINDS:
        if direction not in ("to", "from"):
            raise RefgraphError(
                f"a {kind_name} has a direction: pass --direction to (you gave it to {other}) "
                f"or --direction from ({other} gave it to you)")
    elif direction is not None:
        raise RefgraphError(f"--direction only applies to {', '.join(DIRECTED_KINDS)}; "
                            f"a {kind_name} is mutual")
    source, target = (other, me) if direction == "from" else (me, other)

    when = today or dt.date.today()
    text = (date.isoformat() if isinstance(date, dt.date) else str(date).strip()) if (
        date is not None) else when.isoformat()
    from refgraph.io.dates import ISO_DATE

    if not ISO_DATE.match(text):
        raise RefgraphError(f"date {text!r} is not ISO 8601; expected YYYY-MM-DD or "
                            "YYYY-MM-DDTHH:MM[:SS][+HH:MM]")
    try:
        stamp = pd.Timestamp(text)
    except ValueError:
        raise RefgraphError(f"date {text!r} is not a real date") from None
    if stamp.date() > when:
        raise RefgraphError(f"date {text} is in the future (today is {when.isoformat()}); "
                            "log what has happened")
    amount = ""
    if value is not None and str(value).strip():
        try:
            number = float(value)
        except ValueError:
            raise RefgraphError(f"value {value!r} is not a number") from None
        if not np.isfinite(number) or number < 0:
            raise RefgraphError(f"value {value!r}: expected an amount >= 0")
        amount = str(value).strip()

    row = {"date": text, "source": source, "target": target, "kind": kind_name,
           "value": amount, "notes": safe_entry(clean_text(notes))}
    existing = net.interactions
    stamp_utc = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    same = existing[(existing["date"] == stamp_utc) & (existing["source"] == source)
                    & (existing["target"] == target) & (existing["kind"] == kind_name)
                    & (existing["notes"] == row["notes"])
                    & ((existing["value"] == (float(amount) if amount else np.nan))
                       | (existing["value"].isna() & (amount == "")))]
    if len(same):
        line = same["line"].iloc[0]
        raise RefgraphError(f"this {kind_name} is already in interactions.csv (line {line})")
    cells = files.interactions.fillna("").astype(object)
    for column in INTERACTION_COLUMNS:
        if column not in cells:
            cells[column] = ""
    cells = pd.concat([cells, pd.DataFrame([row]).reindex(columns=cells.columns,
                                                          fill_value="")], ignore_index=True)
    backups = write_network_files(files, interactions=cells)
    return ChangeResult("logged", str(files.folder), row, _last_line(cells), backups)


def add_contact(
    network: str | Path,
    *,
    name: str,
    contact_id: str | None = None,
    company: str = "",
    profession: str = "",
    email: str = "",
    phone: str = "",
    services: str = "",
    tags: str = "",
    notes: str = "",
    force: bool = False,
    region: str | None = None,
) -> ChangeResult:
    """Append a contact, refusing one that looks like an existing contact.

    Parameters
    ----------
    network : str or Path
        The network folder.
    name : str
        Display name.
    contact_id : str, optional
        The id; by default made from the name (``ann-smith``, ``ann-smith-2``).
    company, profession, email, phone, services, tags, notes : str
        Details; ``services`` and ``tags`` are ``;``-separated.
    force : bool
        Add even when the identity rules say this person is already a contact.
    region : str, optional
        Phone region for national numbers (default ``imports.default_region``).

    Returns
    -------
    ChangeResult
        The row written and its line.

    Raises
    ------
    RefgraphError
        When the id is taken, the name is empty, or (without ``force``) the
        person matches an existing contact by e-mail, phone or name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name,email\\nann,Ann Smith,ann@x.com\\n")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> add_contact(folder, name="Bob Jones", profession="plumber").row["id"]
    'bob-jones'
    >>> add_contact(folder, name="Annie", email="ANN@x.com")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: Annie looks like ann (Ann Smith): the same e-mail; ...
    """
    files = read_network_files(network)
    if not files.exists:
        raise RefgraphError(f"{network}: not a network folder; expected a folder holding "
                            "contacts.csv and interactions.csv")
    config = files.settings.imports
    region = check_region(region or config.default_region)
    clean_name = " ".join(clean_identifier(name).split())
    if not clean_name:
        raise RefgraphError("--name: expected a display name")
    emails = split_emails(email)
    if email.strip() and not emails:
        raise RefgraphError(f"--email {email!r} is not an e-mail address")
    for number in split_phones(clean_text(phone)):
        if not re.search(r"\d", number):
            raise RefgraphError(f"--phone {number!r} is not a phone number; expected digits, "
                                "e.g. +44 7700 900123")
    incoming = pd.DataFrame([{"id": "add:new", "name": clean_name, "company": clean_text(company),
                              "email": LIST_SEPARATOR.join(emails), "phone": phone}])
    taken = set(files.network.contacts["id"]) | set(files.contacts["id"].map(clean_identifier))
    if contact_id is not None:
        wanted = clean_identifier(contact_id)
        if not wanted:
            raise RefgraphError("--id: expected a non-empty id")
        if wanted in taken:
            raise RefgraphError(f"id {wanted!r} is already taken by "
                                f"{files.network.name_of(wanted)}")
    if not force:
        decision = resolve_identities(incoming, files.network.contacts, settings=files.settings,
                                      region=region).matches.iloc[0]
        reasons = {"email": "the same e-mail", "phone": "the same phone",
                   "name+company": "the same name and company", "name": "the same name"}
        if decision["status"] == "matched":
            other = decision["contact_id"]
            raise RefgraphError(
                f"{clean_name} looks like {other} ({files.network.name_of(other)}): "
                f"{reasons.get(decision['rule'], decision['rule'])}; use --force to add anyway")
        if decision["status"] == "ambiguous":
            listed = ", ".join(f"{c['id']} ({c['name']}: {c['reason']})"
                               for c in decision["candidates"][:3])
            raise RefgraphError(f"{clean_name} may already be a contact: {listed}; use --force "
                                "to add anyway")
    new_id = clean_identifier(contact_id) if contact_id is not None else make_contact_id(
        clean_name, taken)
    phones = [normalise_phone(p, region) or p for p in split_phones(clean_text(phone))]
    row = {
        "id": new_id,
        "name": safe_entry(clean_name),
        "company": safe_entry(clean_text(company)),
        "profession": safe_entry(clean_text(profession)),
        "services": LIST_SEPARATOR.join(safe_entry(s) for s in split_list(clean_text(services))),
        "tags": LIST_SEPARATOR.join(safe_entry(t) for t in split_list(clean_text(tags))),
        "email": LIST_SEPARATOR.join(emails),
        "phone": LIST_SEPARATOR.join(safe_entry(p) for p in phones),
        "notes": safe_entry(clean_text(notes)),
    }
    cells = files.contacts.fillna("").astype(object)
    for column in CONTACT_COLUMNS:
        if column not in cells and row.get(column):
            cells[column] = ""
    cells = pd.concat([cells, pd.DataFrame([row]).reindex(columns=cells.columns,
                                                          fill_value="")], ignore_index=True)
    backups = write_network_files(files, contacts=cells)
    written = {k: v for k, v in row.items() if k in cells.columns}
    return ChangeResult("added", str(files.folder), written, _last_line(cells), backups)


__all__ = [
    "BACKUP_FOLDER",
    "IDENTITY_MAP",
    "ChangeResult",
    "ImportReport",
    "NetworkFiles",
    "add_contact",
    "backup_file",
    "import_into",
    "log_interaction",
    "merge_cell",
    "read_network_files",
    "safe_entry",
    "validate_frames",
    "write_network_files",
]
