"""Parquet network files: reading them as tables to validate, writing them atomically.

A network folder may hold ``contacts.parquet`` and ``interactions.parquet``
instead of (or as well as) the CSV files; ``refgraph convert NETWORK --to
parquet`` writes them (see :mod:`refgraph.io.convert`). Parquet is read with
pyarrow and validated exactly like a CSV file, through the same
:class:`~refgraph.io.columns.Table`; problems name the file, the **row** (1-based,
as the data has no lines) and the column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError
from refgraph.io.columns import Table, check_header, normalise_header, typed_column
from refgraph.io.files import write_atomic


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
        frame = pyarrow.parquet.read_table(path).to_pandas()
    except (OSError, pyarrow.ArrowException) as exc:
        problem = Problem(path.name, None, None, f"cannot be read as Parquet ({exc}); "
                          "expected a Parquet file such as refgraph convert writes")
        raise DataValidationError([problem]) from None
    names = normalise_header([str(c) for c in frame.columns], known)
    problems = check_header(names, path.name, required, line=None, unit="row")
    if problems:
        raise DataValidationError(problems)
    columns = {name: typed_column(frame.iloc[:, position])
               for position, name in enumerate(names)}
    return Table(path.name, names, columns, np.arange(1, len(frame) + 1, dtype=np.int64),
                 unit="row")


def write_parquet(frame: pd.DataFrame, path: str | Path, *, overwrite: bool = True) -> Path:
    """Write a DataFrame to a Parquet file atomically (the index is not kept).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
    >>> pd.read_parquet(write_parquet(pd.DataFrame({"a": [1]}), target))["a"].tolist()
    [1]
    """
    pyarrow = _require_pyarrow()
    table = pyarrow.Table.from_pandas(frame, preserve_index=False)
    sink = pyarrow.BufferOutputStream()
    pyarrow.parquet.write_table(table, sink, compression="zstd")
    return write_atomic(path, sink.getvalue().to_pybytes(), overwrite=overwrite)


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
