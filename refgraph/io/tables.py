"""Reading CSV and text files: the one reader of the loader, the store and the importers.

Every file refgraph reads goes through the same three steps, so a file gets the
same treatment and the same messages (file, line, what was expected) wherever
it is read:

1. :func:`decode_bytes` / :func:`decode_text`: UTF-8 with or without BOM,
   UTF-16 with a BOM, or the ``encoding=`` given (an importer may name a
   fallback such as ``cp1252``); a byte that cannot be decoded is named with
   its line.
2. :func:`find_header`: the first non-blank line, or the first one a
   predicate accepts (exports may start with a preamble).
3. :func:`csv_rows`: the records below it, with the 1-based line each starts
   on (quoted cells may span lines), read by the ``csv`` module.
   :func:`read_records` adds the importers' leniency (short rows padded, long
   rows skipped with a reason); :func:`read_table_bytes` the loader's rules.

Interaction files run to millions of rows, so the loader never touches a row in
Python on the normal path: :func:`read_table_bytes` hands the bytes to
pyarrow's multithreaded reader, or to pandas' C parser without pyarrow (every
cell as text: ``007`` stays ``007``, ``NA`` stays ``NA``), encodes every
column once and checks the structure with NumPy over the raw bytes: the
newline positions give each record's line. pyarrow refuses a record with the
wrong number of fields; the C parser pads short rows and drops a trailing
empty field without a word, so after it the comma positions are counted too
(``columns - 1`` separators per record). Whenever that is in doubt (a row
with too many or too few fields, an unclosed quote, odd line endings) the
file is read again by :func:`csv_rows`, which names every bad line exactly.
Text after a closing quote (``"a"b``) is read as spreadsheets read it
(``ab``) when the file is otherwise sound, and named as malformed when it is
not.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError
from refgraph.io.columns import Column, Table, arrow_columns, check_header, normalise_header
from refgraph.io.files import count_byte, file_label, not_csv
from refgraph.io.progress import Progress, read_file_bytes
from refgraph.io.text import clean_identifier

# Bytes that are blank in a line: space, tab, carriage return.
_BLANK_BYTES = b" \t\r"


# --------------------------------------------------------------------------- decoding


def decode_bytes(
    raw: bytes, label: str, encoding: str | None = None, fallback: str | None = None
) -> bytes:
    """Check that a file decodes; return its text as UTF-8 bytes without a BOM.

    Parameters
    ----------
    raw : bytes
        File content.
    label : str
        File name for messages.
    encoding : str, optional
        Encoding to use instead of detecting one. By default UTF-8 (with or
        without BOM) and UTF-16 with a BOM are recognised.
    fallback : str, optional
        Encoding tried when the detected one fails (``cp1252`` for Outlook).

    Raises
    ------
    RefgraphError
        For an unknown encoding name.
    DataValidationError
        Naming the line and byte that cannot be decoded.

    Examples
    --------
    >>> decode_bytes(b"\\xef\\xbb\\xbfid,name\\n", "c.csv")
    b'id,name\\n'
    >>> decode_bytes("Café".encode("cp1252"), "c.csv", fallback="cp1252").decode()
    'Café'
    """
    detected = encoding
    if detected is None:
        bom16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        detected = "utf-16" if bom16 else "utf-8"
    try:
        codec = codecs.lookup(detected).name
    except LookupError:
        raise RefgraphError(f"{label}: unknown encoding {encoding!r}") from None
    skipped = 0
    try:
        if codec == "utf-8":
            # UTF-8 needs no re-encoding: only check it (ASCII needs not even that).
            skipped = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
            data = raw[skipped:]
            if not data.isascii():
                data.decode("utf-8")
            return data
        return raw.decode(detected).removeprefix("\ufeff").encode("utf-8")
    except UnicodeDecodeError as exc:
        if encoding is None and fallback is not None:
            try:
                return raw.decode(fallback).encode("utf-8")
            except UnicodeDecodeError:
                pass
        offset = exc.start + skipped
        expected = f"UTF-8, UTF-16 with a BOM or {fallback}" if fallback else (
            "UTF-8 or UTF-16 with a BOM")
        kind = not_csv(raw)  # a workbook saved as is, not as CSV: say so, not its byte
        message = (f"this is {kind}, not a CSV file; save it as CSV UTF-8" if kind else
                   f"byte {offset} (0x{raw[offset]:02x}) cannot be decoded as {detected}; "
                   f"expected {expected} (or pass encoding=...)")
        line = 1 if kind else raw.count(b"\n", 0, offset) + 1
        raise DataValidationError([Problem(label, line, None, message)]) from None


def decode_text(
    raw: bytes, label: str, encoding: str | None = None, fallback: str | None = None
) -> str:
    """:func:`decode_bytes`, as text.

    Examples
    --------
    >>> decode_text("\\ufeffName".encode("utf-16"), "x.vcf")
    'Name'
    """
    return decode_bytes(raw, label, encoding, fallback).decode("utf-8")


# --------------------------------------------------------------------------- structure


@dataclass
class Header:
    """Where the header line is: byte offsets in the UTF-8 data, line number, cells."""

    start: int
    end: int
    line: int
    cells: list[str]


def find_header(
    data: bytes, is_header: Callable[[list[str]], bool] | None = None
) -> Header | None:
    """Locate the header: the first non-blank line, or the first ``is_header`` accepts.

    Parameters
    ----------
    data : bytes
        The file as UTF-8.
    is_header : callable, optional
        ``is_header(cells) -> bool`` on a line's cleaned cells; lines that are
        not valid CSV are passed over.

    Returns
    -------
    Header or None
        None when no line qualifies. Without ``is_header``, a first line that
        is not valid CSV is the header, with no cells.

    Examples
    --------
    >>> find_header(b"\\n\\nid,name\\nme,Me\\n")
    Header(start=2, end=9, line=3, cells=['id', 'name'])
    >>> find_header(b"Notes\\na,b\\n", lambda cells: cells == ["a", "b"]).line
    2
    """
    start, line = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        if data[start:end].strip(_BLANK_BYTES):
            text = data[start:end].decode("utf-8").rstrip("\r")
            try:
                cells: list[str] | None = next(csv.reader([text]))
            except (csv.Error, StopIteration):
                cells = None
            if is_header is None:
                return Header(start, end, line, cells or [])
            if cells is not None and is_header([clean_identifier(cell) for cell in cells]):
                return Header(start, end, line, cells)
        start, line = end + 1, line + 1
    return None


def head_bytes(path: Path) -> tuple[bytes, Header] | None:
    """A UTF-8 file's text up to the end of its header line, read a block at a time.

    Without a byte order mark; None when the file is UTF-16, is not UTF-8
    up to there, or its header line has no line end. Lets a file's columns
    be known (and rows appended or read on) without reading the whole file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = path.write_bytes(b"\\xef\\xbb\\xbf\\nid,name\\r\\nme,Me\\n")
    >>> head, header = head_bytes(path)
    >>> head, header.line, header.cells
    (b'\\nid,name\\r\\n', 2, ['id', 'name'])
    """
    data, block = b"", b"start"
    with path.open("rb") as handle:
        while block:
            block = handle.read(1 << 16)
            data += block
            if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return None
            complete = data.removeprefix(codecs.BOM_UTF8)
            try:  # the lines up to the header are decoded as they are read
                header = find_header(complete[:complete.rfind(b"\n") + 1])
            except UnicodeDecodeError:
                return None
            if header is not None:
                return complete[:header.end + 1], header
    return None


def _is_blank_row(row: list[str]) -> bool:
    """A csv row that came from an empty or whitespace-only line."""
    return not row or (len(row) == 1 and row[0] != "" and not row[0].strip())


@dataclass
class CsvRows:
    """The records of a CSV text: its header, the rows below, where each starts.

    ``error`` is the malformed-CSV problem that stopped the reading, if any;
    the rows before it are kept, so a caller can report them too.
    """

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    error: Problem | None = None


def csv_rows(text: str, label: str, first_line: int = 1) -> CsvRows:
    """Read the records of ``text``, which starts at the header, line ``first_line``.

    Blank lines are left out; rows keep the number of fields they have.

    Examples
    --------
    >>> rows = csv_rows('id,notes\\n\\nme,"two\\nlines"\\nann\\n', "c.csv")
    >>> rows.header, rows.rows, rows.lines
    (['id', 'notes'], [['me', 'two\\nlines'], ['ann']], [3, 5])
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    found = CsvRows(header=[])
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + first_line
            previous_end = reader.line_num
            if start == first_line:
                found.header = row
            elif not _is_blank_row(row):
                found.rows.append(row)
                found.lines.append(start)
    except csv.Error as exc:
        found.error = Problem(label, previous_end + first_line, None,
                              f"malformed CSV ({exc}); expected quotes to open and close "
                              "around a whole field (check for an unclosed quote)")
    return found


@dataclass
class Records:
    """An export's rows below its header, each with its 1-based line, and those skipped."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    skipped: list[Problem]


def read_records(
    text: str,
    label: str,
    *,
    is_header: Callable[[list[str]], bool] | None = None,
    expected_header: str = "",
) -> Records:
    """Find the header row and read the records below it, leniently.

    Rows of empty fields are dropped, short rows padded, and rows with more
    fields than the header skipped with a reason; header names are cleaned.

    Raises
    ------
    DataValidationError
        When no header is found, or the CSV is malformed (an unclosed quote).

    Examples
    --------
    >>> records = read_records("Notes:\\n\\na,b\\n1,2\\n,\\n3\\n", "x.csv",
    ...                        is_header=lambda cells: cells[:1] == ["a"])
    >>> records.header, records.rows, records.lines
    (['a', 'b'], [['1', '2'], ['3', '']], [4, 6])
    """
    data = text.encode("utf-8")
    header = find_header(data, is_header)
    if header is None:
        what = f" ({expected_header})" if expected_header else ""
        raise DataValidationError([Problem(
            label, None, None, f"no header row found{what}; is this the right file?"
        )])
    found = csv_rows(data[header.start:].decode("utf-8"), label, header.line)
    if found.error is not None:
        raise DataValidationError([found.error])
    names = [clean_identifier(cell) for cell in found.header]
    rows: list[list[str]] = []
    lines: list[int] = []
    skipped: list[Problem] = []
    for row, line in zip(found.rows, found.lines, strict=True):
        if not any(cell.strip() for cell in row):
            continue  # a row of empty fields
        if len(row) > len(names):
            skipped.append(Problem(label, line, None,
                                   f"expected {len(names)} fields, found {len(row)}"))
            continue
        rows.append(row + [""] * (len(names) - len(row)))
        lines.append(line)
    return Records(names, rows, lines, skipped)


# --------------------------------------------------------------------------- network files


def read_slow(
    text: str, label: str, names: list[str], first_line: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """Parse with the csv module, naming every record of the wrong width by its line.

    ``text`` starts at the header line, which is line ``first_line`` of the file.
    """
    width = len(names)
    found = csv_rows(text, label, first_line)
    problems = [Problem(label, line, None, f"expected {width} fields (as in the header), "
                        f"found {len(row)}")
                for row, line in zip(found.rows, found.lines, strict=True)
                if len(row) != width and any(cell.strip() for cell in row)]
    if found.error is not None:
        problems.append(found.error)
    if problems:
        raise DataValidationError(problems)
    # A row of bare commas of any width is kept as empty fields; the loader skips it.
    rows = [row if len(row) == width else [""] * width for row in found.rows]
    frame = pd.DataFrame(rows, columns=names, dtype=object) if rows else (
        pd.DataFrame({name: pd.Series(dtype=object) for name in names}))
    return frame, np.asarray(found.lines, dtype=np.int64)


def _records(
    data: bytes, body: np.ndarray, newlines: np.ndarray, regular: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each non-blank record after the header starts and stops.

    Parameters
    ----------
    data : bytes
        The whole file (UTF-8).
    body : ndarray of uint8
        The bytes after the header line.
    newlines : ndarray of int
        Positions of ``\\n`` in ``body``.
    regular : bool
        True when every physical line is one record (no blank lines, no
        quoted newlines), which saves the blank-line and quote checks.

    Returns
    -------
    starts, stops : ndarray of int
        Each record's byte range in ``body`` (``stops`` at its newline).
    newlines_before : ndarray of int
        How many newlines precede each record in ``body``: its line number
        is that plus the line after the header.
    """
    if regular:
        stops = newlines
        if len(body) and body[-1] != ord("\n"):  # the last line has no newline
            stops = np.append(newlines, len(body))
        starts = np.concatenate([[0], stops[:-1] + 1]).astype(np.int64)
        return starts, stops, np.arange(len(stops))
    if b'"' in body.tobytes():
        # Newlines inside quoted cells do not end a record; quote parity decides
        # which those are (a doubled quote inside a cell keeps the parity).
        quotes = np.flatnonzero(body == ord('"'))
        inside = (np.searchsorted(quotes, newlines) & 1).astype(bool)
        terminators = np.flatnonzero(~inside)
    else:
        terminators = np.arange(len(newlines))
    ends = newlines[terminators]
    starts = np.concatenate([[0], ends + 1])
    stops = np.concatenate([ends, [len(body)]])
    newlines_before = np.concatenate([[0], terminators + 1])
    # A record is blank when empty, "\\r", or only spaces and tabs.
    blank = stops - starts == 0
    first_byte = body[np.minimum(starts, max(len(body) - 1, 0))] if len(body) else starts
    maybe_blank = np.flatnonzero(~blank & np.isin(first_byte,
                                                  np.frombuffer(_BLANK_BYTES, np.uint8)))
    offset = len(data) - len(body)
    for record in maybe_blank:
        if not data[offset + starts[record]:offset + stops[record]].strip(_BLANK_BYTES):
            blank[record] = True
    return starts[~blank], stops[~blank], newlines_before[~blank]


def _arrow_columns(data: bytes, names: list[str], header: Header) -> dict[str, Column] | None:
    """Parse with pyarrow's multithreaded reader; None without pyarrow or when in doubt.

    pyarrow refuses a record with more or fewer fields than the header, so
    unlike pandas it needs no separator count. It reads the rest as pandas
    does (``"a"b`` as ``ab``), except that it accepts a quote still open at
    the end of the file (an odd number of quotes) and keeps a line of spaces
    as a row when there is one column; those files go the slow way.
    """
    try:
        import pyarrow
        import pyarrow.csv
    except ImportError:
        return None
    if len(names) < 2 or count_byte(data, ord('"'), header.start) % 2:
        return None
    quoted = b'"' in data
    try:
        table = pyarrow.csv.read_csv(
            pyarrow.py_buffer(memoryview(data)[header.start:]),
            read_options=pyarrow.csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pyarrow.csv.ParseOptions(newlines_in_values=quoted),
            convert_options=pyarrow.csv.ConvertOptions(
                # Encoded while parsing: cheaper than encoding the strings after.
                column_types={name: pyarrow.dictionary(pyarrow.int32(), pyarrow.string())
                              for name in names},
                strings_can_be_null=False, quoted_strings_can_be_null=False, null_values=[]),
        )
    except pyarrow.ArrowException:
        return None
    return arrow_columns(table, names, own_dictionaries=True)


def _pandas_columns(data: bytes, names: list[str], header: Header) -> dict[str, Column] | None:
    """Parse with pandas' C parser; None when it refuses the file."""
    try:
        with warnings.catch_warnings():
            # A first row longer than the header makes pandas warn and drop data.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(data[header.start:]),
                header=0,
                names=names,
                dtype=object,
                index_col=False,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                encoding="utf-8",
                engine="c",
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        return None
    return {name: Column.from_values(frame[name].to_numpy()) for name in names}


def _read_fast(
    data: bytes, names: list[str], header: Header
) -> tuple[dict[str, Column], np.ndarray] | None:
    """Parse with pyarrow or pandas; None when the structure needs the slow path."""
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None  # a lone carriage return may end a record for the fast readers
    width = len(names)
    columns = _arrow_columns(data, names, header)
    counted = columns is not None  # pyarrow checked every record's field count
    if columns is None:
        columns = _pandas_columns(data, names, header)
        if columns is None:
            return None
    rows = len(next(iter(columns.values())).codes)
    body_start = min(header.end + 1, len(data))
    physical = count_byte(data, ord("\n"), body_start) + (
        1 if len(data) > body_start and data[-1:] != b"\n" else 0)
    # Every physical line is a record unless there are blank lines or quoted
    # newlines; either makes more lines than rows.
    if counted and physical == rows:
        return columns, header.line + 1 + np.arange(rows, dtype=np.int64)
    body = np.frombuffer(data, dtype=np.uint8)[body_start:]
    newlines = np.flatnonzero(body == ord("\n"))
    starts, stops, newlines_before = _records(data, body, newlines, physical == rows)
    if len(starts) != rows:
        return None
    if counted:
        return columns, header.line + 1 + newlines_before
    # Field counts: the C parser pads short rows and drops one trailing empty
    # field silently, so count each record's separators: the commas in its
    # bytes minus those inside its quoted cells.
    commas = np.flatnonzero(body == ord(","))
    separators = np.searchsorted(commas, stops) - np.searchsorted(commas, starts)
    if b'"' in data:
        for column in columns.values():
            if "," in "".join(column.uniques):
                in_cell = np.fromiter((u.count(",") for u in column.uniques), dtype=np.int64,
                                      count=len(column.uniques))
                separators -= in_cell[column.codes]
    if not np.all(separators == width - 1):
        return None
    return columns, header.line + 1 + newlines_before


def read_table_bytes(
    raw: bytes,
    label: str,
    known: tuple[str, ...],
    required: tuple[str, ...],
    encoding: str | None = None,
) -> Table:
    """Decode, check the header and parse a network CSV file into a :class:`Table`.

    Parameters
    ----------
    raw : bytes
        File content.
    label : str
        File name for messages.
    known, required : tuple of str
        Documented column names (matched case-insensitively) and those that
        must be present.
    encoding : str, optional
        See :func:`decode_bytes`.

    Raises
    ------
    DataValidationError
        Naming every bad header field or record by its line.

    Examples
    --------
    >>> table = read_table_bytes(b"ID,Name\\r\\nme,Me\\r\\n\\r\\nann,Ann\\r\\n", "c.csv",
    ...                          ("id", "name"), ("id",))
    >>> table.names, table["name"].values().tolist(), table.lines.tolist()
    (['id', 'name'], ['Me', 'Ann'], [2, 4])
    """
    data = decode_bytes(raw, label, encoding)
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")  # classic Mac line endings
    header = find_header(data)
    if header is None:
        raise DataValidationError(
            [Problem(label, None, None,
                     f"file is empty; expected a header with {', '.join(required)}")]
        )
    names = normalise_header(header.cells, known)
    problems = check_header(names, label, required, line=header.line, raw=header.cells)
    if problems:
        raise DataValidationError(problems)

    parsed = _read_fast(data, names, header)
    if parsed is None:
        frame, lines = read_slow(data[header.start:].decode("utf-8"), label, names, header.line)
        parsed = {name: Column.from_values(frame[name].to_numpy()) for name in names}, lines
    columns, lines = parsed
    return Table(label, names, columns, lines)


def read_table(
    path: Path, known: tuple[str, ...], required: tuple[str, ...], encoding: str | None = None,
    *, progress: Progress = None,
) -> Table:
    """:func:`read_table_bytes` of a file, with clear errors for a missing file or a folder.

    With progress on, a big file's bytes are counted on a bar while it is
    read (:func:`refgraph.io.progress.read_file_bytes`).

    Examples
    --------
    >>> read_table(Path("no-such-folder/contacts.csv"), ("id",), ("id",))
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: no-such-folder/contacts.csv: file not found
    """
    label = file_label(path)
    try:
        raw = read_file_bytes(path, enabled=progress)
    except FileNotFoundError:
        raise RefgraphError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise RefgraphError(f"{label}: is a folder, expected a CSV file") from None
    return read_table_bytes(raw, label, known, required, encoding)
