"""A network folder's files as cells: reading them for a change, and writing them safely.

Every change to a network folder (an import, ``refgraph log``, ``refgraph add``)
follows the same path:

1. the folder is loaded and validated (:func:`refgraph.load_network`) and its
   files are read as cells (:func:`read_network_files`);
2. the change is merged into the files' own cells, so everything the user
   wrote stays exactly as written (extra columns, ratings, notes);
3. the merged result is validated again, as the loader would
   (:func:`validate_frames`);
4. each changed file is copied to ``.backup/<name>-<YYYYmmddTHHMMSS>.csv``
   (:func:`refgraph.io.backups.backup_file`; the newest
   ``imports.backups_kept`` copies are kept), then replaced atomically
   (:func:`refgraph.io.files.write_atomic`): readers see the old file or the
   new one, never half of one. ``contacts.csv`` is written before
   ``interactions.csv`` and ``identity_map.csv``, so an interruption between
   files leaves a network that loads, and importing again completes it.
   Files are written as UTF-8 with Unix line ends, exactly as they load
   (text from outside was made safe on entry, :mod:`refgraph.importers.formulas`).

Imports live in :mod:`refgraph.importers.importing`, ``log`` and ``add`` in
:mod:`refgraph.importers.edit`.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.importers.common import as_path
from refgraph.importers.contributed import (
    CONTRIBUTED,
    Contribution,
    contributed_frame,
    read_contributed,
)
from refgraph.importers.formulas import safe_entry
from refgraph.importers.identity_map import (
    IDENTITY_MAP,
    empty_identity_map,
    read_identity_map,
)
from refgraph.io.backups import backup_file, record_append
from refgraph.io.cache import wait_until_kept
from refgraph.io.columns import normalise_header
from refgraph.io.files import append_bytes, count_byte, write_atomic
from refgraph.io.load import load_network
from refgraph.io.progress import Progress
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.settings import Settings
from refgraph.io.tables import decode_text, head_bytes, read_records
from refgraph.io.text import clean_identifier
from refgraph.model.network import Network


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
        does); new rows are appended to these. Each file is read as cells
        when first asked for, so ``log`` and ``add``, which append one row,
        never read a big interactions file cell by cell.
    identity_map : DataFrame
        ``identity_map.csv`` (empty when the file does not exist).
    contributed : set of (str, str, str)
        ``imported.csv``: the values imports have offered each contact
        (:mod:`refgraph.importers.contributed`).
    sizes : dict of str to int
        Size in bytes of ``contacts.csv`` and ``interactions.csv`` when they
        were read, so an append can tell the file has not changed since.
    """

    folder: Path
    exists: bool
    network: Network
    identity_map: pd.DataFrame
    contributed: set[Contribution] = field(default_factory=set)
    sizes: dict[str, int] = field(default_factory=dict)
    #: Cells already read (or made, for a new folder), by file name.
    cells: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def settings(self) -> Settings:
        """The network's settings."""
        return self.network.settings

    @property
    def contacts(self) -> pd.DataFrame:
        """``contacts.csv`` as cells."""
        return self._cells("contacts.csv", CONTACT_COLUMNS)

    @property
    def interactions(self) -> pd.DataFrame:
        """``interactions.csv`` as cells."""
        return self._cells("interactions.csv", INTERACTION_COLUMNS)

    def _cells(self, name: str, known: tuple[str, ...]) -> pd.DataFrame:
        if name not in self.cells:
            self.cells[name] = _read_cells(self.folder / name, known)
        return self.cells[name]

    def columns(self, name: str) -> list[str] | None:
        """A file's column names as the loader reads them, from its header alone.

        None when the header cannot be read without reading the whole file
        (UTF-16, or no line end at all).
        """
        if name in self.cells:
            return list(self.cells[name].columns)
        known = CONTACT_COLUMNS if name == "contacts.csv" else INTERACTION_COLUMNS
        return _header_names(self.folder / name, known)


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


def _header_names(path: Path, known: tuple[str, ...]) -> list[str] | None:
    """The column names of a UTF-8 network file, from its header line alone."""
    found = head_bytes(path)
    return None if found is None else normalise_header(found[1].cells, known)


def read_network_files(folder: str | Path, *, owner: str | None = None,
                       owner_name: str | None = None,
                       progress: Progress = None) -> NetworkFiles:
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
    progress : bool, optional
        Show a progress bar while loading the folder (see
        :func:`refgraph.load_network`); by default only on a terminal.

    Returns
    -------
    NetworkFiles
        Cells, validated network and identity map.

    Raises
    ------
    DataValidationError, RefgraphError
        As :func:`refgraph.load_network` when the folder holds bad data;
        RefgraphError also when it holds Parquet network files without the
        CSV files they were converted from (changes are made to the CSV files).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> files = read_network_files(pathlib.Path(tempfile.mkdtemp()) / "new", owner="me")
    >>> files.exists, files.contacts["id"].tolist(), files.network.owner
    (False, ['me'], 'me')
    """
    folder = as_path(folder, "network folder")
    if folder.exists() and not folder.is_dir():
        raise RefgraphError(f"{folder}: is a file, expected a network folder")
    has_files = any((folder / name).exists() for name in ("contacts.csv", "interactions.csv"))
    parquet = [name for name in ("contacts.parquet", "interactions.parquet")
               if (folder / name).exists()]
    if parquet and not has_files:
        # Not a new network: starting one here would match imports against
        # nobody and leave CSV files the loader then refuses as newer.
        raise RefgraphError(
            f"{folder}: holds its network as Parquet only ({', '.join(parquet)}); "
            "import, log and add change contacts.csv and interactions.csv, which Parquet "
            "files are converted from; expected the CSV files beside them (refgraph convert "
            "leaves them in place): put them back, make the change, then run refgraph "
            f"convert {folder} --to parquet again")
    if has_files:
        sizes = {name: (folder / name).stat().st_size
                 for name in ("contacts.csv", "interactions.csv") if (folder / name).exists()}
        network = load_network(folder, progress=progress)
        if owner is not None:
            network = network.with_owner(clean_identifier(owner))
        return NetworkFiles(folder, True, network, read_identity_map(folder / IDENTITY_MAP),
                            read_contributed(folder / CONTRIBUTED), sizes)
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
    network = load_network((contacts, interactions), settings=settings, progress=False)
    return NetworkFiles(folder, False, network, empty_identity_map(),
                        cells={"contacts.csv": contacts, "interactions.csv": interactions})


# --------------------------------------------------------------------------- writing


def csv_text(frame: pd.DataFrame) -> str:
    """A network file's text: the cells as they are, UTF-8 with Unix line ends.

    No formula neutralisation here: the network's own files are written exactly
    as they load; new text was made safe on entry (:mod:`refgraph.importers.formulas`).

    Examples
    --------
    >>> csv_text(pd.DataFrame({"id": ["ann"], "phone": ["+447700900123"]}))
    'id,phone\\nann,+447700900123\\n'
    """
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
        return load_network((contacts, interactions), settings=files.settings, progress=False)


def write_network_files(
    files: NetworkFiles,
    contacts: pd.DataFrame | None = None,
    interactions: pd.DataFrame | None = None,
    identity_map: pd.DataFrame | None = None,
    contributed: set[Contribution] | None = None,
) -> list[str]:
    """Validate and write the changed files of a network folder, with backups.

    Parameters
    ----------
    files : NetworkFiles
        The folder as read by :func:`read_network_files`.
    contacts, interactions, identity_map : DataFrame, optional
        New cells of each file; None leaves the file alone.
    contributed : set of (str, str, str), optional
        The values imports have offered (``imported.csv``); None leaves it alone.

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
    wait_until_kept(files.folder)  # a load's cache entry first, as it read the files
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
            write_atomic(folder / "network.toml", f"owner = {json.dumps(owner)}\n")
    if contacts is not None:
        _write(folder / "contacts.csv", csv_text(contacts), keep=keep, backups=backups)
    if interactions is not None:
        _write(folder / "interactions.csv", csv_text(interactions), keep=keep, backups=backups)
    if identity_map is not None:
        _write(folder / IDENTITY_MAP, csv_text(identity_map), keep=keep, backups=backups)
    if contributed is not None:
        _write(folder / CONTRIBUTED, csv_text(contributed_frame(contributed)), keep=keep,
               backups=backups)
    return backups


def append_network_row(files: NetworkFiles, name: str, row: Mapping[str, str]
                       ) -> tuple[list[str], int] | None:
    """Append one row to a network file, without reading or rewriting the file.

    The row is validated as the loader would validate it in the file (its
    fields, and that the people it names are contacts), then appended only
    when that is safe: the file exists, is UTF-8, has not changed since it
    was read, and has a column for every non-empty field of the row (empty
    fields the file has no column for are left out). It is written with the
    file's line ends (a missing final line end is added first), flushed to
    disk, and recorded in ``.backup/appends.csv``; the first append of a day
    copies the file to ``.backup/`` as a replacement would. Only the header
    is read (and the file's line ends counted), so appending to a file of
    ten million rows takes a fraction of a second.

    Parameters
    ----------
    files : NetworkFiles
        The folder as read by :func:`read_network_files`.
    name : {"contacts.csv", "interactions.csv"}
        The file.
    row : mapping of str to str
        The new row's cells by column name.

    Returns
    -------
    tuple of (list of str, int) or None
        The backups made and the line the row starts on; None when the row
        cannot be appended safely (then write the file whole with
        :func:`write_network_files`; nothing was written).

    Raises
    ------
    DataValidationError
        When the row would not load; nothing is written.
    RefgraphError
        When the file changed while it was in use or cannot be written; it
        keeps its previous bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nme,Me\\nann,Ann")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> files = read_network_files(folder, owner="me")
    >>> append_network_row(files, "contacts.csv", {"id": "bo", "name": "Bo", "notes": ""})[1]
    4
    >>> (folder / "contacts.csv").read_text()
    'id,name\\nme,Me\\nann,Ann\\nbo,Bo\\n'
    """
    wait_until_kept(files.folder)  # a load's cache entry first: the next load extends it
    path = files.folder / name
    if not files.exists or name not in files.sizes:
        return None
    columns = files.columns(name)
    if columns is None or any(value and key not in columns for key, value in row.items()):
        return None
    cells = pd.DataFrame([{column: row.get(column, "") for column in columns}], dtype=object)
    _validate_row(files, name, cells)
    if not os.access(path, os.W_OK):
        return None  # a read-only file can still be replaced, as before
    size = path.stat().st_size
    if size != files.sizes[name]:
        raise RefgraphError(f"{path} changed while refgraph was using it; nothing was "
                            "written, run the command again")
    if not size:
        return None
    eol, line_ends, last_byte = _line_ends(path)
    text = cells.to_csv(index=False, header=False, lineterminator=eol)
    if last_byte not in (b"\n", b"\r"):
        text = eol + text
    line = line_ends + (0 if last_byte == b"\n" else 1) + 1
    backups: list[str] = []
    try:
        copy = backup_file(path, keep=files.settings.imports.backups_kept, daily=True)
    except OSError as exc:
        raise RefgraphError(f"{path}: could not back up ({exc.strerror or exc}); nothing was "
                            "written") from None
    if copy is not None:
        backups.append(str(copy))
    payload = text.encode("utf-8")
    before = append_bytes(path, payload, expected_size=size)
    try:
        record_append(path, before, before + len(payload))
    except OSError as exc:  # the row is written; only undo_append will not know it
        warnings.warn(f"{path}: the row was appended but not recorded in "
                      f".backup/appends.csv ({exc.strerror or exc})", stacklevel=2)
    return backups, line


def _validate_row(files: NetworkFiles, name: str, cells: pd.DataFrame) -> None:
    """Validate a new row as the loader would, beside only the contacts it needs.

    The rest of the file was validated when the folder was loaded; what a new
    row could clash with (a taken id, an interaction already logged) the
    callers check against the loaded network.
    """
    owner = files.settings.owner
    if name == "contacts.csv":
        people = [] if owner is None or owner == cells["id"].iloc[0] else [owner]
        contacts = pd.concat([pd.DataFrame({"id": people, "name": people}, dtype=object),
                              cells], ignore_index=True).fillna("")
        validate_frames(files, contacts, pd.DataFrame(columns=["date", "source", "target",
                                                               "kind"], dtype=object))
        return
    people = list(dict.fromkeys(
        [p for p in (owner, cells["source"].iloc[0], cells["target"].iloc[0]) if p]))
    validate_frames(files, pd.DataFrame({"id": people, "name": people}, dtype=object), cells)


def _line_ends(path: Path) -> tuple[str, int, bytes]:
    """A file's line end, its count of line feeds and its last byte.

    The line end is ``\\r\\n`` when the first line ends so, else ``\\n``. The
    file is read a block at a time, never held whole.
    """
    eol, count, last, seen_first = "\n", 0, b"", False
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            if not seen_first and (found := block.find(b"\n")) >= 0:
                seen_first = True
                eol = "\r\n" if (block[found - 1:found] if found else last) == b"\r" else "\n"
            count += count_byte(block, ord("\n"))
            last = block[-1:]
    return eol, count, last
