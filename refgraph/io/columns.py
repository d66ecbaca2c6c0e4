"""A table as text columns: each column factorised once, each row with its line.

The loader validates files and DataFrames alike by first turning them into a
:class:`Table` of :class:`Column` objects: every check then runs on a column's
distinct values and is mapped back to the rows with integer codes.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError, RefgraphWarning
from refgraph.io.text import any_invisible, clean_identifier, has_invisible


@dataclass
class Column:
    """A text column as integer codes into its distinct values.

    Parameters
    ----------
    codes : ndarray of int
        One code per row, indexing ``uniques``.
    uniques : ndarray of object
        The distinct values, all ``str``.
    typed : ndarray, optional
        The same distinct values already typed, when the source was typed
        (a Parquet or DataFrame column of datetimes: ``datetime64[us]`` in
        UTC, NaT where missing). Checks use them instead of parsing the text.
    arrow : pyarrow.Array, optional
        The same distinct values as a pyarrow string array, when pyarrow
        read them: checks that run in C++ take them as they are.

    Examples
    --------
    >>> column = Column.from_values(np.array(["b", None, "b"], dtype=object))
    >>> column.values().tolist(), column.cleaned(str.upper).uniques.tolist()
    (['b', '', 'b'], ['B', ''])
    """

    codes: np.ndarray
    uniques: np.ndarray
    typed: np.ndarray | None = None
    arrow: Any = None

    @classmethod
    def from_values(cls, values: Any) -> Column:
        """Factorise strings (missing values become ``""``)."""
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        uniques = np.asarray(uniques, dtype=object)
        if len(codes) and codes.min() < 0:
            uniques = np.append(uniques, np.array([""], dtype=object))
            codes = np.where(codes < 0, len(uniques) - 1, codes)
        return cls(codes.astype(np.intp, copy=False), uniques)

    def map(self, func: Callable[[str], Any]) -> np.ndarray:
        """``func`` applied to each distinct value (an object array)."""
        out = np.empty(len(self.uniques), dtype=object)
        out[:] = [func(value) for value in self.uniques]
        return out

    def rows(self, unique_mask: np.ndarray) -> np.ndarray:
        """Row positions whose value is flagged in ``unique_mask``."""
        if not unique_mask.any():
            return np.empty(0, dtype=np.intp)
        return np.flatnonzero(unique_mask[self.codes])

    def values(self) -> np.ndarray:
        """The column as an object array of strings, one per row."""
        return self.uniques.take(self.codes)

    def cleaned(self, func: Callable[[str], str]) -> Column:
        """Clean the distinct values and merge those that became equal."""
        cleaned = self.map(func)
        codes, uniques = pd.factorize(cleaned)
        return Column(codes.take(self.codes), np.asarray(uniques, dtype=object))


class Table:
    """A file's (or frame's) columns, with the 1-based line each row starts on.

    Parameters
    ----------
    label : str
        The file name (or "contacts frame") used in messages.
    names : list of str
        Column names, in order.
    columns : dict
        :class:`Column` per name.
    lines : array-like of int
        Where each row starts: a line of the file, or a 1-based row of a frame.
    unit : str
        ``"line"`` or ``"row"``, as messages should say.
    """

    def __init__(
        self,
        label: str,
        names: list[str],
        columns: dict[str, Column],
        lines: np.ndarray,
        unit: str = "line",
    ):
        self.label = label
        self.names = names
        self.columns = columns
        self.lines = np.asarray(lines, dtype=np.int64)
        self.unit = unit

    def __len__(self) -> int:
        return len(self.lines)

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def __getitem__(self, name: str) -> Column:
        return self.columns[name]

    def without_empty_rows(self) -> Table:
        """The table without rows whose every field is blank, with one warning naming them.

        A row of bare commas (``,,,``) is what a spreadsheet leaves after a
        deleted row: it holds nothing to load, so it is skipped, not refused.

        Examples
        --------
        >>> import warnings
        >>> column = Column.from_values(np.array(["a", " ", "b"], dtype=object))
        >>> table = Table("c.csv", ["id"], {"id": column}, [2, 3, 4])
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     table.without_empty_rows().lines.tolist()
        [2, 4]
        >>> str(caught[0].message)
        'c.csv: 1 row(s) with no values (line 3) skipped'
        """
        if not len(self) or not self.names:
            return self
        empty = np.ones(len(self), dtype=bool)
        # Columns with few distinct values first: once every row has a value
        # somewhere, the long columns (dates, notes) need not be looked at.
        for column in sorted(self.columns.values(), key=lambda column: len(column.uniques)):
            if not empty.any():
                break
            if column.typed is not None:
                blank = pd.isna(column.typed)
            else:
                blank = np.fromiter((not u.strip() for u in column.uniques), dtype=bool,
                                    count=len(column.uniques))
            empty &= blank[column.codes]
        if not empty.any():
            return self
        rows = np.flatnonzero(empty)
        shown = ", ".join(str(v) for v in self.lines[rows[:5]])
        more = ", ..." if len(rows) > 5 else ""
        warnings.warn(f"{self.label}: {len(rows)} row(s) with no values ({self.unit} "
                      f"{shown}{more}) skipped", RefgraphWarning, stacklevel=2)
        keep = np.flatnonzero(~empty)
        columns = {name: Column(column.codes[keep], column.uniques, column.typed, column.arrow)
                   for name, column in self.columns.items()}
        return Table(self.label, self.names, columns, self.lines[keep], self.unit)

    def warn_invisible(self) -> None:
        """Warn, naming lines and columns, when cells hold characters that will be stripped.

        Control characters (NUL, ...), bidi overrides and zero-width characters
        are removed from text on loading (:mod:`refgraph.io.text`); the user is
        told where, so they know their data was changed.

        Examples
        --------
        >>> import warnings
        >>> column = Column.from_values(np.array(["A\u202eB"], dtype=object))
        >>> table = Table("c.csv", ["name"], {"name": column}, [2])
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     table.warn_invisible()
        >>> str(caught[0].message).split(";")[0]
        'c.csv: control, bidi-override or zero-width characters removed from 1 cell(s)'
        """
        places: list[tuple[int, str]] = []
        for name, column in self.columns.items():
            if column.typed is not None:  # datetimes written as text hold no such characters
                continue
            if not any_invisible(column.uniques):  # the usual case: one search, no loop
                continue
            odd = np.fromiter((has_invisible(u) for u in column.uniques), dtype=bool,
                              count=len(column.uniques))
            if odd.any():
                places += [(int(self.lines[row]), name) for row in column.rows(odd)]
        if places:
            places.sort()
            shown = ", ".join(f"{self.unit} {line} column '{name}'" for line, name in places[:5])
            more = ", ..." if len(places) > 5 else ""
            warnings.warn(f"{self.label}: control, bidi-override or zero-width characters "
                          f"removed from {len(places)} cell(s); {shown}{more}",
                          RefgraphWarning, stacklevel=2)

    def problem(self, position: int | None, column: str | None, message: str) -> Problem:
        """A :class:`Problem` at row ``position`` (None: about the whole table)."""
        line = None if position is None else int(self.lines[position])
        return Problem(self.label, line, column, message, unit=self.unit)


def normalise_header(header: list[str], known: tuple[str, ...]) -> list[str]:
    """Clean header names; documented names are matched case-insensitively.

    Examples
    --------
    >>> normalise_header([" ID", "Name\\u200b", "Colour"], ("id", "name"))
    ['id', 'name', 'Colour']
    """
    names = []
    for raw_name in header:
        name = clean_identifier(raw_name)
        names.append(name.lower() if name.lower() in known else name)
    return names


def check_header(
    names: list[str], label: str, required: tuple[str, ...], line: int | None = 1,
    unit: str = "line", raw: list[str] | None = None,
) -> list[Problem]:
    """Problems of a header: empty or repeated names, required columns missing.

    ``raw``, the header's fields as read, lets a file separated by semicolons,
    tabs or vertical bars be told so (``names`` have lost their tabs).

    Examples
    --------
    >>> [p.message for p in check_header(["id", "id"], "c.csv", ("id", "name"))]
    ['column appears twice in the header; expected unique names', \
'required column missing; the header must include id, name']
    """
    problems = []
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(
                Problem(label, line, None, f"header field {position} is empty; expected a "
                        "column name", unit=unit)
            )
        elif name in seen:
            problems.append(
                Problem(label, line, name, "column appears twice in the header; expected "
                        "unique names", unit=unit)
            )
        seen.add(name)
    missing = [column for column in required if column not in seen]
    if missing:
        fields = names if raw is None else raw
        separator = _other_separator(fields, required)
        message = f"required column missing; the header must include {', '.join(required)}"
        if separator is not None:
            # A spreadsheet in many European locales saves "CSV" with semicolons.
            message = (f"the header is one field, {fields[0]!r}: the file looks separated by "
                       f"{_SEPARATOR_NAMES[separator]}; expected comma-separated values (in "
                       "a spreadsheet, save as CSV UTF-8 with commas as the separator)")
        problems.append(Problem(label, line, ", ".join(missing), message, unit=unit))
    return problems


_SEPARATOR_NAMES = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _other_separator(fields: list[str], required: tuple[str, ...]) -> str | None:
    """The separator a one-field header splits into the required columns by, if any.

    Examples
    --------
    >>> _other_separator(["id;name;email"], ("id",)), _other_separator(["id"], ("id", "name"))
    (';', None)
    """
    if len(fields) != 1:
        return None
    for separator in _SEPARATOR_NAMES:
        split = {field.strip().strip('"').lower() for field in fields[0].split(separator)}
        if len(split) > 1 and split.issuperset(required):
            return separator
    return None


def cell_text(value: Any) -> str:
    """A user's DataFrame cell as the text it would have in a CSV file.

    Examples
    --------
    >>> cell_text(3.0), cell_text(None), cell_text("007")
    ('3', '', '007')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 3.0 from a float column is the rating 3
    return str(value)


def frame_to_table(
    frame: pd.DataFrame, label: str, known: tuple[str, ...], required: tuple[str, ...]
) -> Table:
    """Turn a user's DataFrame into text columns so it is validated like a file.

    Rows are numbered from 1, as messages about a frame name them.

    Examples
    --------
    >>> table = frame_to_table(pd.DataFrame({"ID": [1], "name": ["Ann"]}), "contacts frame",
    ...                        ("id", "name"), ("id", "name"))
    >>> table.names, table["id"].values().tolist(), table.lines.tolist()
    (['id', 'name'], ['1'], [1])
    """
    if not isinstance(frame, pd.DataFrame):
        raise RefgraphError(f"{label}: expected a pandas DataFrame, got {type(frame).__name__}")
    names = normalise_header([str(c) for c in frame.columns], known)
    problems = check_header(names, label, required, line=None, unit="row")
    if problems:
        raise DataValidationError(problems)
    columns = {name: typed_column(frame.iloc[:, position])
               for position, name in enumerate(names)}
    return Table(label, names, columns, np.arange(1, len(frame) + 1, dtype=np.int64), unit="row")


def datetime_texts(stamps: np.ndarray, zone: str = "", *, fast: bool = True) -> np.ndarray:
    """Moments as the ISO 8601 text a CSV file would hold (an object array).

    ``stamps`` are ``datetime64[us]`` without NaT; ``zone`` (``"+00:00"``
    or ``""``) is appended. Without a zone, a moment at midnight is written
    as its day (a birthday column, say). pyarrow writes the text in C++ when
    it is there and ``fast`` is true (millions of distinct moments at scale);
    NumPy otherwise, with the same result.

    Examples
    --------
    >>> stamps = np.array(["2024-01-05T09:30", "1980-05-01"], dtype="datetime64[us]")
    >>> datetime_texts(stamps).tolist()
    ['2024-01-05T09:30:00.000000', '1980-05-01']
    >>> datetime_texts(stamps, "+00:00", fast=False).tolist()[0]
    '2024-01-05T09:30:00.000000+00:00'
    """
    stamps = np.asarray(stamps, dtype="datetime64[us]")
    if fast:
        try:
            import pyarrow
            import pyarrow.compute
        except ImportError:
            fast = False
    if not fast:
        written = np.char.add(np.datetime_as_string(stamps, unit="us"), zone).astype(object)
    else:
        # Arrow writes "YYYY-MM-DD HH:MM:SS.ffffff" for microseconds.
        spaced = pyarrow.compute.cast(pyarrow.array(stamps), pyarrow.string())
        iso = pyarrow.compute.replace_substring(spaced, " ", "T", max_replacements=1)
        if zone:
            iso = pyarrow.compute.binary_join_element_wise(iso, zone, "")
        written = iso.to_numpy(zero_copy_only=False).astype(object)
    if not zone:
        midnight = stamps.astype("datetime64[D]") == stamps
        if midnight.any():
            written[midnight] = np.datetime_as_string(stamps[midnight], unit="D").astype(object)
    return written


def arrow_column(values: Any, *, own_dictionary: bool = False) -> Column:
    """A pyarrow array or chunked array (a Parquet or CSV column) as a :class:`Column`.

    Text is dictionary-encoded by pyarrow in C++, missing cells as ``""``;
    other types go through :func:`typed_column`, so datetimes stay typed.
    ``own_dictionary`` says that a dictionary-encoded column was encoded by
    pyarrow's CSV reader (see :func:`_clean_dictionary`), so it is used as it is.

    Examples
    --------
    >>> import pyarrow
    >>> column = arrow_column(pyarrow.chunked_array([["b", None], ["b", "a"]]))
    >>> column.codes.tolist(), column.uniques.tolist()
    ([0, 1, 0, 2], ['b', '', 'a'])
    """
    import pyarrow
    import pyarrow.compute

    kind = values.type
    if pyarrow.types.is_dictionary(kind):
        if isinstance(values, pyarrow.ChunkedArray):
            values = values.combine_chunks()  # unifies the chunks' dictionaries
        column = _clean_dictionary(values, checked=not own_dictionary)
        if column is not None:
            return column
        values, kind = values.cast(kind.value_type), kind.value_type
    if pyarrow.types.is_timestamp(kind) or pyarrow.types.is_floating(kind) or (
            pyarrow.types.is_integer(kind)):
        return _encoded_typed_column(values)
    if not (pyarrow.types.is_string(kind) or pyarrow.types.is_large_string(kind)):
        return typed_column(values.to_pandas())
    values = pyarrow.compute.fill_null(values, "")
    if isinstance(values, pyarrow.ChunkedArray):
        values = values.combine_chunks()  # one dictionary for the whole column
    encoded = values.dictionary_encode()
    return Column(encoded.indices.to_numpy(zero_copy_only=False).astype(np.intp),
                  encoded.dictionary.to_numpy(zero_copy_only=False).astype(object))


def _encoded_typed_column(values: Any) -> Column:
    """:func:`typed_column` of a typed pyarrow column, its distinct values found by pyarrow.

    pyarrow encodes ten million datetimes or amounts in C++, in a thread of
    its own, while the interpreter is busy with the other columns; only the
    distinct values are then written as text.
    """
    import pyarrow

    if isinstance(values, pyarrow.ChunkedArray):
        values = values.combine_chunks()  # one dictionary for the whole column
    encoded = values.dictionary_encode()
    distinct = typed_column(encoded.dictionary.to_pandas())
    # distinct.codes places each dictionary value (a NaN among them too) among
    # the column's texts; a missing cell (null index) is the "" at the end.
    positions = np.append(distinct.codes, len(distinct.uniques) - 1)
    indices = encoded.indices.fill_null(len(encoded.dictionary))
    codes = positions.take(indices.to_numpy(zero_copy_only=False).astype(np.intp))
    return Column(codes, distinct.uniques, distinct.typed)


def _clean_dictionary(values: Any, *, checked: bool = True) -> Column | None:
    """A dictionary-encoded text array as it is, or None when it must be encoded again.

    The CSV reader encodes text columns as it parses (cheaper than encoding
    the strings afterwards), and the chunks' dictionaries, once unified,
    are exactly the distinct values. A dictionary from elsewhere (Parquet)
    may hold missing cells, values no row uses (a check would report them
    with no line) or a value twice (rows that are equal would look
    different): those are encoded again from the text. ``checked=False``
    skips looking for those in a dictionary the CSV reader made.
    """
    import pyarrow

    if values.null_count or not (pyarrow.types.is_string(values.type.value_type)
                                 or pyarrow.types.is_large_string(values.type.value_type)):
        return None
    # The reader's 32-bit codes as they are: no copy of ten million 64-bit ones.
    codes = values.indices.to_numpy(zero_copy_only=False)
    uniques = values.dictionary.to_numpy(zero_copy_only=False).astype(object)
    if not checked:
        return Column(codes, uniques, arrow=values.dictionary)
    if values.dictionary.null_count or len(uniques) > len(codes):
        return None
    used = np.bincount(codes, minlength=len(uniques)) if len(codes) else codes
    if len(uniques) and (not used.all() or len(pd.unique(uniques)) != len(uniques)):
        return None
    return Column(codes, uniques)


#: Rows from which :func:`arrow_columns` encodes columns in threads (below, the
#: threads cost more than they save).
PARALLEL_ROWS = 100_000


def arrow_columns(table: Any, names: list[str], *, own_dictionaries: bool = False
                  ) -> dict[str, Column]:
    """Every column of a pyarrow table as a :class:`Column`, named by ``names``.

    The columns are encoded side by side, one per pyarrow CPU thread
    (``pyarrow.cpu_count()``): dictionary encoding runs in C++ without the
    interpreter lock, and at ten million rows the id and date columns take
    seconds each. ``own_dictionaries``: the text columns were dictionary-encoded
    by pyarrow's CSV reader (see :func:`arrow_column`).

    Examples
    --------
    >>> import pyarrow
    >>> table = pyarrow.table({"a": ["x", "y", "x"], "b": ["1", "1", None]})
    >>> {name: column.codes.tolist() for name, column in arrow_columns(table, ["a", "b"]).items()}
    {'a': [0, 1, 0], 'b': [0, 0, 1]}
    """
    import pyarrow

    chunks = [table.column(position) for position in range(len(names))]
    encode = functools.partial(arrow_column, own_dictionary=own_dictionaries)
    threads = min(len(chunks), pyarrow.cpu_count())
    if threads < 2 or table.num_rows < PARALLEL_ROWS:
        return dict(zip(names, map(encode, chunks), strict=True))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return dict(zip(names, pool.map(encode, chunks), strict=True))


def typed_column(values: pd.Series) -> Column:
    """A typed column (from a DataFrame or a Parquet file) as a :class:`Column`.

    Each distinct value is written as in a CSV file. Datetimes are written
    in one vectorised pass (ISO 8601, UTC when they carry a time zone) and
    also kept typed, so the date check does not parse them back.

    Examples
    --------
    >>> column = typed_column(pd.Series(pd.to_datetime(["2024-01-05", None], utc=True)))
    >>> column.values().tolist(), column.typed.tolist()[:1]
    (['2024-01-05T00:00:00.000000+00:00', ''], [datetime.datetime(2024, 1, 5, 0, 0)])
    >>> typed_column(pd.Series(pd.to_datetime(["1980-05-01", "2024-01-05T09:30"],
    ...                                       format="ISO8601"))).uniques
    array(['1980-05-01', '2024-01-05T09:30:00.000000', ''], dtype=object)
    >>> typed_column(pd.Series([3.0, None, 3.0])).values().tolist()
    ['3', '', '3']
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    codes = codes.astype(np.intp, copy=False)
    codes[codes < 0] = len(uniques)  # missing cells: the "" after the values
    text = np.empty(len(uniques) + 1, dtype=object)
    text[-1] = ""  # missing cells
    if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(values):
        index = pd.DatetimeIndex(uniques)
        zone = ""
        if index.tz is not None:
            index, zone = index.tz_convert("UTC").tz_localize(None), "+00:00"
        stamps = index.as_unit("us").to_numpy()
        text[:-1] = datetime_texts(stamps, zone)
        typed = np.append(stamps, np.datetime64("NaT", "us"))
        return Column(codes, text, typed)
    if isinstance(values.dtype, pd.StringDtype):  # text already, each value a str
        text[:-1] = np.asarray(uniques, dtype=object)
    else:
        text[:-1] = [cell_text(value) for value in uniques]
    return Column(codes, text)
