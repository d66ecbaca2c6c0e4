"""Backups of network files: a dated copy in ``.backup/``, and a journal of appends.

Every replacement of a network file copies the file it replaces to
``.backup/<name>-<YYYYmmddTHHMMSS>.csv`` first and keeps only the newest
copies (``imports.backups_kept``), so a bad import can be undone by hand.

A row *appended* by ``refgraph log`` or ``refgraph add`` does not copy the
whole file: the first append of a day makes that day's copy
(:func:`backup_file` with ``daily=True``), and every append is written to
``.backup/appends.csv`` (file, size before, size after), so
:func:`cut_last_append` (and :func:`undo_append`) can cut the last appended
row off again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from refgraph.errors import RefgraphError
from refgraph.io.files import write_atomic

#: Folder (inside the network folder) holding backups of replaced files.
BACKUP_FOLDER = ".backup"
#: The journal of appended rows, inside :data:`BACKUP_FOLDER`.
APPEND_JOURNAL = "appends.csv"
_JOURNAL_HEADER = "time,file,size_before,size_after\n"


def _backup_name(stem: str, stamp: str, counter: int) -> str:
    """The name of the ``counter``-th copy of ``stem`` made in the second ``stamp``.

    Examples
    --------
    >>> stamp = "20240305T101500"
    >>> _backup_name("contacts", stamp, 1), _backup_name("contacts", stamp, 2)
    ('contacts-20240305T101500.csv', 'contacts-20240305T101500_2.csv')
    """
    return f"{stem}-{stamp}{'' if counter == 1 else f'_{counter}'}.csv"


def backup_file(path: Path, *, keep: int, daily: bool = False) -> Path | None:
    """Copy ``path`` into ``.backup/`` next to it, keeping the newest ``keep`` copies.

    The copy is named ``<stem>-<YYYYmmddTHHMMSS>.csv`` after the local time
    (``_2``, ``_3``, ... when several are made in one second).

    Parameters
    ----------
    path : Path
        The file about to be replaced.
    keep : int
        How many copies of this file to keep (at least one is kept).
    daily : bool
        Copy only when there is no copy from today yet (before an append).

    Returns
    -------
    Path or None
        The copy, or None when ``path`` does not exist or (``daily``) today's
        copy exists.

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

    if daily and any(when[:8] == stamp[:8] for (when, _), _ in ours()):
        return None
    # After any earlier copy of the same second, even one pruned since.
    counter = max([number for (when, number), _ in ours() if when == stamp], default=0) + 1
    copy = write_atomic(folder / _backup_name(stem, stamp, counter), path.read_bytes())
    existing = ours()
    for _, old in existing[: max(len(existing) - max(keep, 1), 0)]:
        old.unlink()
    return copy


def record_append(path: Path, size_before: int, size_after: int) -> None:
    """Note in ``.backup/appends.csv`` that ``path`` grew from one size to another.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "interactions.csv"
    >>> record_append(target, 40, 75)
    >>> (target.parent / BACKUP_FOLDER / APPEND_JOURNAL).read_text().splitlines()[1].split(",")[1:]
    ['interactions.csv', '40', '75']
    """
    folder = path.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    journal = folder / APPEND_JOURNAL
    stamp = dt.datetime.now().isoformat(timespec="seconds")  # for the reader, not analysis
    line = f"{stamp},{path.name},{size_before},{size_after}\n"
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        if os.fstat(fd).st_size == 0:
            line = _JOURNAL_HEADER + line
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Append:
    """One line of ``.backup/appends.csv``: a row appended to a network file.

    Attributes
    ----------
    time : str
        When, in local time (ISO 8601, to the second).
    file : str
        The file's name in the network folder (``interactions.csv``).
    size_before, size_after : int
        The file's size in bytes before and after the row was appended.
    """

    time: str
    file: str
    size_before: int
    size_after: int


def _journal_lines(folder: Path) -> list[str]:
    """The journal's lines, header first (none when nothing was ever appended)."""
    journal = folder / BACKUP_FOLDER / APPEND_JOURNAL
    return journal.read_text(encoding="utf-8").splitlines() if journal.exists() else []


def _parse(line: str) -> Append | None:
    """A journal line as an :class:`Append`; None for a line that is not one (a blank line)."""
    fields = line.split(",")
    if len(fields) != 4 or not (fields[2].isdigit() and fields[3].isdigit()):
        return None
    entry = Append(fields[0], fields[1], int(fields[2]), int(fields[3]))
    return entry if entry.size_after > entry.size_before else None


def _last_line(lines: list[str], name: str | None) -> int | None:
    """Index in ``lines`` of the newest append (of file ``name``, if given)."""
    for index in range(len(lines) - 1, 0, -1):
        entry = _parse(lines[index])
        if entry is not None and (name is None or entry.file == name):
            return index
    return None


def last_append(folder: str | Path, name: str | None = None) -> Append:
    """The newest append recorded in a network folder's journal.

    Parameters
    ----------
    folder : str or Path
        The network folder.
    name : str, optional
        Only appends to this file (``contacts.csv``); by default to any file.

    Returns
    -------
    Append
        The journal's newest line (for ``name``).

    Raises
    ------
    RefgraphError
        When no such append is recorded.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> record_append(folder / "interactions.csv", 40, 75)
    >>> record_append(folder / "contacts.csv", 30, 52)
    >>> last_append(folder).file, last_append(folder, "interactions.csv").size_before
    ('contacts.csv', 40)
    """
    folder = Path(folder)
    lines = _journal_lines(folder)
    found = _last_line(lines, name)
    if found is None:
        where = folder / name if name else folder
        raise RefgraphError(f"{where}: no appended row is recorded in "
                            f"{folder / BACKUP_FOLDER / APPEND_JOURNAL}: nothing to undo "
                            "(only rows appended by log and add are; to undo another change, "
                            f"copy its backup back from {folder / BACKUP_FOLDER})")
    entry = _parse(lines[found])
    assert entry is not None  # _last_line only finds lines that parse
    return entry


def cut_last_append(path: str | Path, *, dry_run: bool = False) -> bytes:
    """Cut the last row appended to ``path`` off again; return the bytes removed.

    This is where an undo is checked. The file must still have the size the
    append left, and the bytes to cut must be whole lines (so nothing written
    since is lost, and a file replaced since is not cut in the middle of a
    row). The file is locked (``flock``, as appends lock it) while it is
    checked and cut back to its size before the append in one truncation;
    the journal line is then dropped (the journal is replaced atomically).

    Parameters
    ----------
    path : str or Path
        The network file (``interactions.csv`` or ``contacts.csv``).
    dry_run : bool
        Check and return the bytes, but change nothing.

    Returns
    -------
    bytes
        The bytes removed (or, with ``dry_run``, that would be): the
        appended row with its line end, after the line end that was added
        first when the file lacked one.

    Raises
    ------
    RefgraphError
        When no append of this file is recorded, the file changed since, or
        it cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "interactions.csv"
    >>> _ = target.write_bytes(b"a,b\\n1,2\\n")
    >>> record_append(target, 4, 8)
    >>> cut_last_append(target, dry_run=True), target.read_bytes()
    (b'1,2\\n', b'a,b\\n1,2\\n')
    >>> cut_last_append(target), target.read_bytes()
    (b'1,2\\n', b'a,b\\n')
    """
    path = Path(path)
    folder = path.parent / BACKUP_FOLDER
    entry = last_append(path.parent, path.name)
    before, after = entry.size_before, entry.size_after
    try:
        fd = os.open(path, os.O_RDONLY if dry_run else os.O_RDWR)
    except OSError as exc:
        raise RefgraphError(f"{path}: cannot {'read' if dry_run else 'write'} it: "
                            f"{exc.strerror or exc}") from None
    try:
        with contextlib.suppress(ImportError, OSError):
            import fcntl  # not on Windows

            fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        # The byte before the row too (os.pread is not on every system).
        start = max(before - 1, 0)
        os.lseek(fd, start, os.SEEK_SET)
        tail = os.read(fd, after - start) if size == after else b""
        removed, previous = tail[before - start:], tail[:before - start]
        # An appended row starts a line (after a line end, or after the one it
        # added) and ends one; a file of the right size by chance fails this.
        line_ends = (b"\n", b"\r")
        whole = removed.endswith(b"\n") and (
            removed[:1] in line_ends or before == 0 or previous in line_ends)
        if size != after or not whole:
            why = (f"{size} bytes, not {after}" if size != after
                   else f"bytes {before} to {after} are no longer whole lines")
            raise RefgraphError(f"{path} changed after its last appended row ({why}); "
                                f"restore a copy from {folder} instead")
        if dry_run:
            return removed
        try:
            os.ftruncate(fd, before)
        except OSError as exc:
            raise RefgraphError(f"{path}: could not cut the row off ({exc.strerror or exc}); "
                                "the file is unchanged") from None
        os.fsync(fd)
    finally:
        os.close(fd)
    lines = _journal_lines(path.parent)
    last = _last_line(lines, path.name)
    if last is not None:
        try:
            write_atomic(folder / APPEND_JOURNAL,
                         "\n".join(lines[:last] + lines[last + 1:]) + "\n")
        except RefgraphError as exc:
            raise RefgraphError(f"{path}: the row was removed, but {exc}; delete the last "
                                f"{path.name} line of {folder / APPEND_JOURNAL} by hand") from None
    return removed


def undo_append(path: str | Path) -> int:
    """Remove the last row appended to ``path`` (by ``refgraph log`` or ``add``).

    The checks and the cut are those of :func:`cut_last_append`.

    Parameters
    ----------
    path : str or Path
        The network file (``interactions.csv`` or ``contacts.csv``).

    Returns
    -------
    int
        The file's size now.

    Raises
    ------
    RefgraphError
        When no append of this file is recorded, or the file changed since.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "interactions.csv"
    >>> _ = target.write_bytes(b"a,b\\n1,2\\n")
    >>> record_append(target, 4, 8)
    >>> undo_append(target), target.read_bytes()
    (4, b'a,b\\n')
    """
    path = Path(path)
    cut_last_append(path)
    return path.stat().st_size
