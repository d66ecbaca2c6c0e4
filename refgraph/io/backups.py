"""Backups of network files: a dated copy in ``.backup/``, and a journal of appends.

Every replacement of a network file copies the file it replaces to
``.backup/<name>-<YYYYmmddTHHMMSS>.csv`` first and keeps only the newest
copies (``imports.backups_kept``), so a bad import can be undone by hand.

A row *appended* by ``refgraph log`` or ``refgraph add`` does not copy the
whole file: the first append of a day makes that day's copy
(:func:`backup_file` with ``daily=True``), and every append is written to
``.backup/appends.csv`` (file, size before, size after), so
:func:`undo_append` can cut the last appended row off again.
"""

from __future__ import annotations

import datetime as dt
import re
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
    import os

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


def undo_append(path: str | Path) -> int:
    """Remove the last row appended to ``path`` (by ``refgraph log`` or ``add``).

    The file is cut back to its size before that append, after checking that
    it still has the size the append left (so nothing written since is
    lost); the journal line is then dropped.

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
    import os

    path = Path(path)
    journal = path.parent / BACKUP_FOLDER / APPEND_JOURNAL
    lines = journal.read_text(encoding="utf-8").splitlines() if journal.exists() else []
    mine = [i for i, line in enumerate(lines[1:], start=1)
            if line.split(",")[1:2] == [path.name]]
    if not mine:
        raise RefgraphError(f"{path}: no appended row is recorded in {journal}")
    last = mine[-1]
    _, _, before, after = lines[last].rsplit(",", 3)
    size = path.stat().st_size
    if size != int(after):
        raise RefgraphError(
            f"{path} changed after its last appended row ({size} bytes, not {after}); "
            f"restore a copy from {path.parent / BACKUP_FOLDER} instead")
    os.truncate(path, int(before))
    write_atomic(journal, "\n".join(lines[:last] + lines[last + 1:]) + "\n")
    return int(before)
