"""Parquet network files: reading them as tables to validate, writing them atomically.

A network folder may hold ``contacts.parquet`` and ``interactions.parquet``
instead of (or as well as) the CSV files; ``refgraph convert NETWORK --to
parquet`` writes them (see :mod:`refgraph.io.convert`). Parquet is read with
pyarrow and validated exactly like a CSV file, through the same
:class:`~refgraph.io.columns.Table`; problems name the file, the **row** (1-based,
as the data has no lines) and the column.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError
from refgraph.io.columns import Table, arrow_columns, check_header, normalise_header
from refgraph.io.files import atomic_writer, file_label


def _require_pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        raise RefgraphError("reading and writing Parquet needs pyarrow; install it with "
                            "pip install pyarrow") from None
    return pyarrow


def read_parquet_table(
    path: str | Path, known: tuple[str, ...], required: tuple[str, ...]
) -> Table:
    """Read a Parquet file as a :class:`Table` of text columns, rows numbered from 1.

    Parameters
    ----------
    path : str or Path
        The Parquet file.
    known, required : tuple of str
        Documented and required column names (matched case-insensitively).

    Raises
    ------
    DataValidationError
        When the file is not Parquet or a required column is missing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "contacts.parquet"
    >>> _ = write_parquet(pd.DataFrame({"id": ["a"], "name": ["Ann"]}), target)
    >>> table = read_parquet_table(target, ("id", "name"), ("id", "name"))
    >>> table.label, table.unit, table["name"].values().tolist()
    ('contacts.parquet', 'row', ['Ann'])
    """
    pyarrow = _require_pyarrow()
    path = Path(path)
    try:
        table = pyarrow.parquet.read_table(path)
    except (OSError, pyarrow.ArrowException) as exc:
        problem = Problem(path.name, None, None, f"cannot be read as Parquet ({exc}); "
                          "expected a Parquet file such as refgraph convert writes")
        raise DataValidationError([problem]) from None
    names = normalise_header([str(c) for c in table.column_names], known)
    problems = check_header(names, path.name, required, line=None, unit="row")
    if problems:
        raise DataValidationError(problems)
    # Column by column from Arrow: text is encoded in C++, never boxed row by row.
    columns = arrow_columns(table, names)
    return Table(file_label(path), names, columns, np.arange(1, table.num_rows + 1, dtype=np.int64),
                 unit="row")


@contextlib.contextmanager
def parquet_writer(path: str | Path, *, overwrite: bool = True
                   ) -> Iterator[Callable[[pd.DataFrame], None]]:
    """Write DataFrames one after another into one Parquet file, atomically.

    Yields a function that appends a frame's rows (the index is not kept);
    every frame must have the first one's columns and types. The file
    appears at ``path`` only when the ``with`` block ends normally (see
    :func:`refgraph.io.files.atomic_writer`), so a table too big to hold
    twice in memory can be written chunk by chunk.

    Parameters
    ----------
    path : str or Path
        The Parquet file to write.
    overwrite : bool
        When False and ``path`` exists, raise
        :class:`~refgraph.errors.OutputExistsError`.

    Yields
    ------
    callable
        ``write(frame)``; at least one frame must be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> with parquet_writer(target) as write:
    ...     write(pd.DataFrame({"a": [1, 2]}))
    ...     write(pd.DataFrame({"a": [3]}))
    >>> pd.read_parquet(target)["a"].tolist()
    [1, 2, 3]
    """
    pyarrow = _require_pyarrow()
    with atomic_writer(path, overwrite=overwrite) as handle:
        writer = None

        def write(frame: pd.DataFrame) -> None:
            nonlocal writer
            table = pyarrow.Table.from_pandas(frame, preserve_index=False)
            if writer is None:  # the first frame's columns are the file's
                writer = pyarrow.parquet.ParquetWriter(handle, table.schema,
                                                       compression="zstd")
            writer.write_table(table)

        try:
            yield write
        except BaseException:
            if writer is not None:  # the file is discarded: only release the writer
                with contextlib.suppress(Exception):
                    writer.close()
            raise
        if writer is None:
            raise RefgraphError(f"{path}: no table was written")
        writer.close()


def write_parquet(frame: pd.DataFrame, path: str | Path, *, overwrite: bool = True) -> Path:
    """Write a DataFrame to a Parquet file atomically (the index is not kept).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> pd.read_parquet(write_parquet(pd.DataFrame({"a": [1]}), target))["a"].tolist()
    [1]
    """
    with parquet_writer(path, overwrite=overwrite) as write:
        write(frame)
    return Path(path)


def network_file(folder: str | Path, name: str) -> Path:
    """The file holding ``name`` (``contacts`` or ``interactions``) in a network folder.

    ``NAME.parquet`` when it exists, else ``NAME.csv``. When both exist the
    Parquet file must be at least as new as the CSV file: a CSV edited after
    conversion would otherwise be ignored without a word.

    Raises
    ------
    RefgraphError
        When the CSV file changed after the Parquet file was written.

    Examples
    --------
    >>> import tempfile
    >>> network_file(tempfile.mkdtemp(), "contacts").name
    'contacts.csv'
    """
    folder = Path(folder)
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if not parquet.exists():
        return csv
    if csv.exists() and csv.stat().st_mtime > parquet.stat().st_mtime:
        raise RefgraphError(
            f"{csv} changed after {parquet.name} was written from it; run refgraph convert "
            f"{folder} --to parquet again, or delete one of the two files"
        )
    return parquet
