"""Safe writing: atomic replacement and spreadsheet-safe CSV cells."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from refgraph.errors import OutputExistsError, RefgraphError

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_label(path: str | Path) -> str:
    """How messages name a network file: a CSV file by its path, Parquet by its name.

    Examples
    --------
    >>> file_label("net/contacts.csv"), file_label("net/contacts.parquet")
    ('net/contacts.csv', 'contacts.parquet')
    """
    path = Path(path)
    return path.name if path.suffix == ".parquet" else str(path)


def neutralise_formula(value: object) -> object:
    """Make a text cell that a spreadsheet would run as a formula inert.

    A leading ``'`` makes Excel, LibreOffice and Google Sheets show the text
    as typed. Numbers are left alone, so ``-3`` stays a number.

    Examples
    --------
    >>> neutralise_formula("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_formula(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells cannot become formulas.

    Text columns (object, string and categorical ones) and the column names
    are neutralised; numbers, dates and booleans are left as they are.

    Examples
    --------
    >>> safe_csv_frame(pd.DataFrame({"name": ["@cmd", "Ann"]}))["name"].tolist()
    ["'@cmd", 'Ann']
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out.isetitem(position, column.map(neutralise_formula))
    out.columns = [neutralise_formula(name) for name in out.columns]
    return out


def _target_mode(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """Open a file for writing so that readers see the old version or the new, never half.

    What is written goes to a temporary file in the same folder; when the
    ``with`` block ends normally it is flushed to disk and renamed over
    ``path``. When the block raises, the temporary file is removed and
    ``path`` is left as it was. Use it for output written in pieces (a
    Parquet file chunk by chunk); :func:`write_atomic` writes one string.

    Parameters
    ----------
    path : str or Path
        Where to write.
    overwrite : bool
        When False and ``path`` exists, raise :class:`OutputExistsError`.

    Yields
    ------
    BinaryIO
        The temporary file, open for binary writing.

    Raises
    ------
    RefgraphError
        When the folder is missing or not writable, or writing fails; the
        previous version of ``path`` is then intact.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_writer(target) as handle:
    ...     _ = handle.write(b"hello, ")
    ...     _ = handle.write(b"world")
    >>> target.read_text()
    'hello, world'
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise OutputExistsError(f"{path} already exists; use --force to replace it")
    if not path.parent.exists():
        raise RefgraphError(f"{path}: folder {path.parent} does not exist")
    if not path.parent.is_dir():
        raise RefgraphError(f"{path}: {path.parent} is a file, not a folder")
    if path.is_dir():
        raise RefgraphError(f"{path}: is a folder; expected a file name")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a read-only folder, a full disk, ...
        raise RefgraphError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open()
        # would, or keep the mode of the file it replaces.
        os.fchmod(fd, _target_mode(path))
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            intact = "; the previous version is intact" if path.exists() else ""
            raise RefgraphError(
                f"{path}: could not write ({exc.strerror or exc}){intact}") from None
        raise


def write_atomic(path: str | Path, data: str | bytes, *, overwrite: bool = True) -> Path:
    """Write a file so that readers see the old version or the new, never half.

    The data goes to a temporary file in the same folder, is flushed to disk and
    renamed over the target (see :func:`atomic_writer`).

    Parameters
    ----------
    path : str or Path
        Where to write.
    data : str or bytes
        Content; text is written as UTF-8.
    overwrite : bool
        When False and ``path`` exists, raise :class:`OutputExistsError`.

    Returns
    -------
    Path
        The written path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(target, "hello").read_text()
    'hello'
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, overwrite=overwrite) as handle:
        handle.write(payload)
    return Path(path)


def append_bytes(path: str | Path, data: bytes, *, expected_size: int) -> int:
    """Append ``data`` to an existing file; on any failure the file is cut back.

    The file is locked (``flock``, where the system has it) while the bytes
    are written, flushed and synced to disk. If the file is not
    ``expected_size`` bytes long when opened (another program changed it
    since it was read), nothing is written.

    Parameters
    ----------
    path : str or Path
        The file; it must exist.
    data : bytes
        What to add at its end.
    expected_size : int
        The file's size when it was read.

    Returns
    -------
    int
        The file's size before the append (``expected_size``).

    Raises
    ------
    RefgraphError
        When the file changed since it was read, or cannot be written; the
        file then holds exactly its previous bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "log.csv"
    >>> _ = target.write_bytes(b"a,b\\n")
    >>> append_bytes(target, b"1,2\\n", expected_size=4), target.read_bytes()
    (4, b'a,b\\n1,2\\n')
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND)
    except OSError as exc:
        raise RefgraphError(f"{path}: cannot write here: {exc.strerror or exc}") from None
    try:
        with contextlib.suppress(ImportError, OSError):
            import fcntl  # not on Windows

            fcntl.flock(fd, fcntl.LOCK_EX)
        size = os.fstat(fd).st_size
        if size != expected_size:
            raise RefgraphError(f"{path} changed while refgraph was using it; nothing was "
                                "written, run the command again")
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException as exc:
            # Cut back whatever part of the row reached the file.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
                os.fsync(fd)
            if isinstance(exc, OSError):
                raise RefgraphError(f"{path}: could not write ({exc.strerror or exc}); the "
                                    "previous version is intact") from None
            raise
    finally:
        os.close(fd)
    return size


#: Bytes :func:`count_byte` compares at a time (a few MB of scratch memory).
_COUNT_BLOCK = 1 << 22


def count_byte(data: bytes | memoryview, byte: int, start: int = 0) -> int:
    """How many times ``byte`` occurs in ``data[start:]``.

    NumPy compares a block at a time, without copying ``data``: about three
    times faster than ``bytes.count`` over the hundreds of megabytes of a big
    network file, which the reader scans for line ends and quotes.

    Examples
    --------
    >>> count_byte(b'a,"b"\\nc\\n', ord("\\n")), count_byte(b'a,"b"\\nc\\n', ord('"'), 3)
    (2, 1)
    """
    view = np.frombuffer(data, dtype=np.uint8)[start:]
    return sum(int(np.count_nonzero(view[at:at + _COUNT_BLOCK] == byte))
               for at in range(0, len(view), _COUNT_BLOCK))


#: How files people mistake for CSV begin: a spreadsheet saved in its own format.
_NOT_CSV_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive, such as an Excel .xlsx or LibreOffice .ods workbook",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old Excel .xls workbook",
    b"%PDF": "a PDF document",
}


def not_csv(raw: bytes) -> str | None:
    """What a file is, when its first bytes say it is not text at all.

    Examples
    --------
    >>> not_csv(b"PK\\x03\\x04...")
    'a ZIP archive, such as an Excel .xlsx or LibreOffice .ods workbook'
    >>> not_csv(b"id,name\\n") is None
    True
    """
    return next((kind for signature, kind in _NOT_CSV_SIGNATURES.items()
                 if raw.startswith(signature)), None)
