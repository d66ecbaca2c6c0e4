"""Taking back a row that ``refgraph log`` or ``refgraph add`` appended: ``refgraph undo``.

Every append is journalled in ``.backup/appends.csv``
(:mod:`refgraph.io.backups`). :func:`undo_last_append` picks the newest
append of the network (or of one file), has
:func:`refgraph.io.backups.cut_last_append` check it and cut it off, and
returns the row it removed, read with the file's own header.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from refgraph.errors import DataValidationError, RefgraphError
from refgraph.io.backups import cut_last_append, last_append
from refgraph.io.cache import wait_until_kept
from refgraph.io.columns import normalise_header
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.tables import find_header, read_records
from refgraph.results import Result

#: The files an undo can take a row back from, as ``--file`` names them.
UNDO_FILES: tuple[str, ...] = ("interactions", "contacts")
_KNOWN_COLUMNS = {"interactions.csv": INTERACTION_COLUMNS, "contacts.csv": CONTACT_COLUMNS}
#: How much of a file's start is read to find its header (it is the first line).
_HEADER_BYTES = 1 << 16


@dataclass
class UndoResult(Result):
    """The row ``refgraph undo`` removed (or, in a dry run, would remove).

    Attributes
    ----------
    network : str
        The network folder.
    file : str
        The file it was in: ``interactions.csv`` or ``contacts.csv``.
    row : dict
        The row by column, read with the file's header (empty in the unlikely
        case that the text does not read as one row).
    text : str
        The row exactly as it was in the file, without its line end.
    dry_run : bool
        True when nothing was written.
    """

    network: str
    file: str
    row: dict[str, str]
    text: str
    dry_run: bool = False
    title = "Undo"

    def to_dict(self) -> dict[str, Any]:
        """The file, the row removed, and whether this was a dry run."""
        return {"network": self.network, "file": self.file, "row": self.row,
                "text": self.text, "dry_run": self.dry_run}

    def to_frame(self) -> pd.DataFrame:
        """The row removed."""
        return pd.DataFrame([self.row or {"text": self.text}])


def _file_name(file: str) -> str:
    """``interactions`` (or ``interactions.csv``) as the file's name."""
    name = str(file).strip().lower().removesuffix(".csv")
    if name not in UNDO_FILES:
        raise RefgraphError(f"file {file!r}: expected one of {', '.join(UNDO_FILES)}")
    return f"{name}.csv"


def _read_row(path: Path, removed: bytes) -> tuple[dict[str, str], str]:
    """The removed bytes as a row by the file's column names, and as text."""
    # Appends go only to UTF-8 files (others are rewritten whole), so no
    # decoding guesswork is needed; the header is the file's first line.
    text = removed.decode("utf-8", errors="replace")
    with open(path, "rb") as handle:
        head = handle.read(_HEADER_BYTES).removeprefix(codecs.BOM_UTF8)
    header = find_header(head)
    if header is None:
        return {}, text.strip("\r\n")
    header_text = head[header.start:header.end].decode("utf-8", errors="replace")
    try:
        records = read_records(header_text + "\n" + text, str(path))
    except DataValidationError:  # not CSV after all: show the text as it is
        return {}, text.strip("\r\n")
    if len(records.rows) != 1:
        return {}, text.strip("\r\n")
    names = normalise_header(records.header, _KNOWN_COLUMNS.get(path.name, ()))
    return dict(zip(names, records.rows[0], strict=True)), text.strip("\r\n")


def undo_last_append(network: str | Path, *, file: str | None = None,
                     dry_run: bool = False) -> UndoResult:
    """Remove the last row ``log`` or ``add`` appended to a network's files.

    The newest append in ``.backup/appends.csv`` is taken back: the file it
    went to is cut back to its size before it, provided the file still ends
    with that row (see :func:`refgraph.io.backups.cut_last_append`; a file
    edited or replaced since is refused and left as it is). Each call takes
    back one more row, newest first.

    Parameters
    ----------
    network : str or Path
        The network folder.
    file : {"interactions", "contacts"}, optional
        Take back the last row appended to this file; by default the file
        appended to most recently.
    dry_run : bool
        Return the row that would be removed, and write nothing.

    Returns
    -------
    UndoResult
        The file and the row removed.

    Raises
    ------
    RefgraphError
        When the folder is not a network, no append is recorded (for
        ``file``), or the file changed after that append.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refgraph.importers.edit import add_contact
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nann,Ann Smith\\n")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> _ = add_contact(folder, name="Bob Jones")
    >>> undo_last_append(folder).row
    {'id': 'bob-jones', 'name': 'Bob Jones'}
    >>> (folder / "contacts.csv").read_text()
    'id,name\\nann,Ann Smith\\n'
    """
    folder = Path(network)
    if not folder.is_dir():
        raise RefgraphError(f"{folder}: not a network folder; expected a folder holding "
                            "contacts.csv and interactions.csv")
    entry = last_append(folder, None if file is None else _file_name(file))
    path = folder / entry.file
    if not dry_run:
        wait_until_kept(folder)  # a load's cache entry first, as it read the file
    removed = cut_last_append(path, dry_run=dry_run)
    row, text = _read_row(path, removed)
    return UndoResult(str(folder), entry.file, row, text, dry_run)
