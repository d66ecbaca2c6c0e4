"""The Arrow IPC tables of a cache entry (see :mod:`refgraph.io.cache`).

An entry keeps a checked network's tables as Arrow files. Text columns are
written as Arrow strings and read back as the loader makes them (one ``str``
object per distinct value); categorical columns keep their categories and
order, which Arrow would drop when unused.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def text_columns(frame: pd.DataFrame) -> list[str] | None:
    """The object columns, or None when one holds something other than text."""
    columns = [name for name in frame.columns if frame[name].dtype == object]
    for name in columns:
        if pd.api.types.infer_dtype(frame[name], skipna=False) not in ("string", "empty"):
            return None
    return columns


def categories_of(frame: pd.DataFrame) -> dict[str, list]:
    """Each categorical column's categories and order: Arrow drops unused ones."""
    return {name: [frame[name].cat.categories.tolist(), bool(frame[name].cat.ordered)]
            for name in frame.columns if isinstance(frame[name].dtype, pd.CategoricalDtype)}


def write_arrow_table(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` (without its index) as an Arrow IPC file at ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.arrow"
    >>> frame = pd.DataFrame({"id": ["ann", "bob"], "kind": pd.Categorical(["a", "a"], ["a", "b"])})
    >>> write_arrow_table(frame, path)
    >>> back = read_arrow_table(path, text_columns(frame), categories_of(frame))
    >>> back["id"].tolist(), back["kind"].cat.categories.tolist()
    (['ann', 'bob'], ['a', 'b'])
    """
    import pyarrow as pa
    import pyarrow.ipc

    table = pa.Table.from_pandas(frame, preserve_index=False)
    with pa.OSFile(str(path), "wb") as sink, pyarrow.ipc.new_file(sink, table.schema) as out:
        out.write_table(table)


def read_arrow_table(path: Path, text: list[str], categories: dict[str, list]
                     ) -> pd.DataFrame:
    """Read an Arrow IPC file written by :func:`write_arrow_table` back as the loader made it.

    ``text`` names the columns that were text (:func:`text_columns`), read
    back as ``str`` objects; ``categories`` is :func:`categories_of` the
    frame written. See :func:`write_arrow_table` for an example.
    """
    import pyarrow as pa
    import pyarrow.ipc

    with pa.memory_map(str(path)) as source:
        table = pyarrow.ipc.open_file(source).read_all()
    # Text comes as categoricals (Arrow hashes it in C++), so each distinct
    # value is made a str object once; blocks stay apart, as nothing gains
    # from copying them together.
    frame = table.to_pandas(strings_to_categorical=True, split_blocks=True)
    columns = {}
    for name in table.column_names:
        column = frame[name]
        if name in text and isinstance(column.dtype, pd.CategoricalDtype):
            distinct = np.asarray(column.cat.categories, dtype=object)
            column = as_text(distinct[column.cat.codes.to_numpy()])
        elif name in text:  # no rows: Arrow gives no categories to an empty column
            column = as_text(column.to_numpy(dtype=object))
        elif name in categories:
            values, ordered = categories[name]
            column = column.astype(pd.CategoricalDtype(values, ordered))
        columns[name] = column
    return pd.DataFrame(columns, copy=False)


def as_text(values: np.ndarray) -> pd.Series:
    """Text as the loader keeps it: str objects (pandas 3 would make Arrow strings)."""
    return pd.Series(values, dtype=object, copy=False)
