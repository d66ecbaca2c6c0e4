"""Backups of network files: a dated copy in ``.backup/`` before each replacement.

Every write to a network folder copies the file it replaces to
``.backup/<name>-<YYYYmmddTHHMMSS>.csv`` first and keeps only the newest
copies (``imports.backups_kept``), so a bad import can be undone by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from refgraph.io.files import write_atomic

#: Folder (inside the network folder) holding backups of replaced files.
BACKUP_FOLDER = ".backup"


def _backup_name(stem: str, stamp: str, counter: int) -> str:
    """The name of the ``counter``-th copy of ``stem`` made in the second ``stamp``.

    Examples
    --------
    >>> stamp = "20240305T101500"
    >>> _backup_name("contacts", stamp, 1), _backup_name("contacts", stamp, 2)
    ('contacts-20240305T101500.csv', 'contacts-20240305T101500_2.csv')
    """
    return f"{stem}-{stamp}{'' if counter == 1 else f'_{counter}'}.csv"


def backup_file(path: Path, *, keep: int) -> Path | None:
    """Copy ``path`` into ``.backup/`` next to it, keeping the newest ``keep`` copies.

    The copy is named ``<stem>-<YYYYmmddTHHMMSS>.csv`` after the local time
    (``_2``, ``_3``, ... when several are made in one second).

    Parameters
    ----------
    path : Path
        The file about to be replaced.
    keep : int
        How many copies of this file to keep (at least one is kept).

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

