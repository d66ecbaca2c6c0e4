"""Loading and validating a network: ``contacts.csv``, ``interactions.csv``, ``network.toml``.

One pass per file gathers every problem with its file, 1-based line and column;
problems that make the data unusable raise one :class:`DataValidationError`
listing them, oddities that can be recovered from load with a
:class:`RefgraphWarning` (or raise, with ``strict=True``).

How a file is read
------------------
Interaction files run to millions of rows, so the loader never touches a row in
Python on the normal path:

1. The bytes are decoded once to check them (UTF-8 with or without BOM, UTF-16
   with a BOM, or the ``encoding=`` given) and handed to pandas' C parser as
   UTF-8, every cell read as text (``007`` stays ``007``, ``NA`` stays ``NA``).
2. The structure is checked with NumPy over the raw bytes: the newline and
   comma positions give each record's line and its number of separators
   (commas inside quoted cells are known from the parsed cells), which must be
   ``columns - 1`` for every record; the C parser pads short rows and drops a
   trailing empty field without a word. Blank lines and quoted multi-line
   notes are accounted for.
3. Every column is factorised once; cleaning (NFC, invisible characters),
   date parsing and the kind, rating and value checks run on the distinct
   values only and are mapped back to the rows with integer codes.

Whenever step 1 or 2 is in doubt (a row with too many or too few fields, an
unclosed quote, odd line endings) the file is read again with the ``csv``
module, record by record, which names every bad line exactly. Text after a
closing quote (``"a"b``) is read as spreadsheets read it (``ab``) when the
file is otherwise sound, and named as malformed when it is not.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError, RefgraphWarning
from refgraph.io.dates import ISO_DATE
from refgraph.io.schema import (
    CONTACT_COLUMNS,
    CONTACT_REQUIRED,
    INTERACTION_COLUMNS,
    INTERACTION_REQUIRED,
)
from refgraph.io.settings import KINDS, Settings, load_settings, settings_from_dict
from refgraph.io.text import clean_identifier, clean_text
from refgraph.model.network import Network
from refgraph.model.ties import remember_person_codes

_DATE_EXPECTED = (
    "expected an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][+HH:MM])"
)
_DATE_DTYPE = "datetime64[us, UTC]"
# Bytes that are blank in a line: space, tab, carriage return.
_BLANK_BYTES = b" \t\r"


# --------------------------------------------------------------------------- columns


@dataclass
class _Column:
    """A text column as integer codes into its distinct values.

    Parameters
    ----------
    codes : ndarray of int
        One code per row, indexing ``uniques``.
    uniques : ndarray of object
        The distinct values, all ``str``.
    """

    codes: np.ndarray
    uniques: np.ndarray

    @classmethod
    def from_values(cls, values: Any) -> _Column:
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

    def cleaned(self, func: Callable[[str], str]) -> _Column:
        """Clean the distinct values and merge those that became equal."""
        cleaned = self.map(func)
        codes, uniques = pd.factorize(cleaned)
        return _Column(codes.take(self.codes), np.asarray(uniques, dtype=object))


class _Table:
    """A file's (or frame's) columns, with the 1-based line each row starts on."""

    def __init__(
        self,
        label: str,
        names: list[str],
        columns: dict[str, _Column],
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

    def __getitem__(self, name: str) -> _Column:
        return self.columns[name]

    def problem(self, position: int | None, column: str | None, message: str) -> Problem:
        line = None if position is None else int(self.lines[position])
        return Problem(self.label, line, column, message, unit=self.unit)


# --------------------------------------------------------------------------- decoding


def _decode_error(raw: bytes, label: str, encoding: str, exc: UnicodeDecodeError, skipped: int):
    offset = exc.start + skipped
    line = raw.count(b"\n", 0, offset) + 1
    problem = Problem(
        label,
        line,
        None,
        f"byte {offset} (0x{raw[offset]:02x}) cannot be decoded as {encoding}; "
        "expected UTF-8 or UTF-16 with a BOM (or pass encoding=...)",
    )
    return DataValidationError([problem])


def _to_utf8(raw: bytes, label: str, encoding: str | None) -> bytes:
    """Check that the file decodes; return its text as UTF-8 bytes without a BOM.

    By default UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised;
    ``encoding`` overrides.
    """
    if encoding is None:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            encoding = "utf-8"
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise RefgraphError(f"{label}: unknown encoding {encoding!r}") from None
    if codec == "utf-8":
        skipped = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        data = raw[skipped:]
        if not data.isascii():
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _decode_error(raw, label, encoding, exc, skipped) from None
        return data
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(raw, label, encoding, exc, 0) from None
    return text.removeprefix("\ufeff").encode("utf-8")


# --------------------------------------------------------------------------- CSV structure


def _normalise_header(header: list[str], known: tuple[str, ...]) -> list[str]:
    names = []
    for raw_name in header:
        name = clean_identifier(raw_name)
        names.append(name.lower() if name.lower() in known else name)
    return names


def _check_header(
    names: list[str], label: str, required: tuple[str, ...], line: int = 1, unit: str = "line"
) -> list[Problem]:
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
        problems.append(
            Problem(
                label,
                line,
                ", ".join(missing),
                f"required column missing; the header must include {', '.join(required)}",
                unit=unit,
            )
        )
    return problems


def _find_header(data: bytes) -> tuple[int, int, int] | None:
    """Locate the first non-blank line: ``(start, end, line number)``, or None."""
    start, line = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        if data[start:end].strip(_BLANK_BYTES):
            return start, end, line
        start, line = end + 1, line + 1
    return None


def _is_blank_row(row: list[str]) -> bool:
    """A csv row that came from an empty or whitespace-only line."""
    return not row or (len(row) == 1 and row[0] != "" and not row[0].strip())


def _read_slow(
    text: str, label: str, names: list[str], first_line: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """Parse with the csv module, naming every bad record by the line it starts on.

    ``text`` starts at the header line, which is line ``first_line`` of the file.
    """
    width = len(names)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + first_line
            previous_end = reader.line_num
            if start == first_line or _is_blank_row(row):
                continue  # the header (already checked), or a blank line
            if len(row) != width:
                problems.append(
                    Problem(label, start, None, f"expected {width} fields (as in the header), "
                            f"found {len(row)}")
                )
                continue
            rows.append(row)
            lines.append(start)
    except csv.Error as exc:
        problems.append(
            Problem(label, previous_end + first_line, None,
                    f"malformed CSV ({exc}); expected quotes to open and close around a whole "
                    "field (check for an unclosed quote)")
        )
    if problems:
        raise DataValidationError(problems)
    frame = pd.DataFrame(rows, columns=names, dtype=object) if rows else pd.DataFrame(
        {name: pd.Series(dtype=object) for name in names}
    )
    return frame, np.asarray(lines, dtype=np.int64)


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


def _read_fast(
    data: bytes, names: list[str], header: tuple[int, int, int]
) -> tuple[dict[str, _Column], np.ndarray] | None:
    """Parse with pandas' C parser; None when the structure needs the slow path."""
    header_start, header_end, header_line = header
    width = len(names)
    try:
        with warnings.catch_warnings():
            # A first row longer than the header makes pandas warn and drop data.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.BytesIO(data[header_start:]),
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
    rows = len(frame)
    columns = {name: _Column.from_values(frame[name].to_numpy()) for name in names}
    del frame
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None  # a lone carriage return may end a record for pandas
    body = np.frombuffer(data, dtype=np.uint8)[min(header_end + 1, len(data)):]
    newlines = np.flatnonzero(body == ord("\n"))
    physical = len(newlines) + (1 if len(body) and body[-1] != ord("\n") else 0)
    # Every physical line is a record unless there are blank lines or quoted
    # newlines; either makes more lines than rows.
    starts, stops, newlines_before = _records(data, body, newlines, physical == rows)
    if len(starts) != rows:
        return None
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
    return columns, header_line + 1 + newlines_before


def _read_csv_bytes(
    raw: bytes,
    label: str,
    known: tuple[str, ...],
    required: tuple[str, ...],
    encoding: str | None,
) -> _Table:
    """Decode, check the header and parse a CSV file into a :class:`_Table`."""
    data = _to_utf8(raw, label, encoding)
    if b"\r" in data and b"\n" not in data:
        data = data.replace(b"\r", b"\n")  # classic Mac line endings
    header = _find_header(data)
    if header is None:
        raise DataValidationError(
            [Problem(label, None, None,
                     f"file is empty; expected a header with {', '.join(required)}")]
        )
    header_start, header_end, header_line = header
    header_text = data[header_start:header_end].decode("utf-8")
    try:
        fields = next(csv.reader([header_text.rstrip("\r")]))
    except (csv.Error, StopIteration):
        fields = []
    names = _normalise_header(fields, known)
    problems = _check_header(names, label, required, line=header_line)
    if problems:
        raise DataValidationError(problems)

    parsed = _read_fast(data, names, header)
    if parsed is None:
        frame, lines = _read_slow(data[header_start:].decode("utf-8"), label, names, header_line)
        parsed = {name: _Column.from_values(frame[name].to_numpy()) for name in names}, lines
    columns, lines = parsed
    return _Table(label, names, columns, lines)


def _read_csv_file(
    path: Path, known: tuple[str, ...], required: tuple[str, ...], encoding: str | None
) -> _Table:
    label = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RefgraphError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise RefgraphError(f"{label}: is a folder, expected a CSV file") from None
    return _read_csv_bytes(raw, label, known, required, encoding)


def _cell_text(value: Any) -> str:
    """A user's DataFrame cell as the text it would have in a CSV file."""
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


def _frame_to_table(
    frame: pd.DataFrame, label: str, known: tuple[str, ...], required: tuple[str, ...]
) -> _Table:
    """Turn a user's DataFrame into text columns so it is validated like a file."""
    if not isinstance(frame, pd.DataFrame):
        raise RefgraphError(f"{label}: expected a pandas DataFrame, got {type(frame).__name__}")
    names = _normalise_header([str(c) for c in frame.columns], known)
    problems = _check_header(names, label, required, line=None, unit="row")
    if problems:
        raise DataValidationError(problems)
    columns = {}
    for position, name in enumerate(names):
        codes, uniques = pd.factorize(frame.iloc[:, position], use_na_sentinel=True)
        text = np.empty(len(uniques) + 1, dtype=object)
        text[:-1] = [_cell_text(value) for value in uniques]
        text[-1] = ""  # missing cells
        column = _Column(np.where(codes < 0, len(uniques), codes).astype(np.intp), text)
        columns[name] = column
    # Row numbers are 1-based positions in the frame.
    return _Table(label, names, columns, np.arange(1, len(frame) + 1, dtype=np.int64), unit="row")


# --------------------------------------------------------------------------- validation


def _report(problems: list[Problem], *, strict: bool, error: bool) -> None:
    if not problems:
        return
    if error or strict:
        raise DataValidationError(problems)
    warnings.warn(str(DataValidationError(problems)), RefgraphWarning,
                  stacklevel=_outside_refgraph())


def _outside_refgraph() -> int:
    """Stack level of the caller's first frame outside refgraph.

    Warnings then point at the user's ``load_network`` call (or the CLI), whatever
    depth inside the loader found the problem.
    """
    package = str(Path(__file__).resolve().parent.parent)
    frame = sys._getframe(1)  # the frame that calls warnings.warn: stack level 1
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(package):
        frame = frame.f_back
        level += 1
    return level


def _line_list(table: _Table, rows: np.ndarray, limit: int = 10) -> str:
    lines = table.lines[rows]
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (f" and {len(lines) - limit} more" if len(lines) > limit else "")


def _extra_columns(table: _Table, known: tuple[str, ...]) -> list[str]:
    return [name for name in table.names if name not in known]


def _warn_extra_columns(table: _Table, known: tuple[str, ...], what: str, strict: bool) -> None:
    extra = _extra_columns(table, known)
    if extra:
        line = 1 if table.unit == "line" else None
        message = (
            f"unknown column(s) {', '.join(extra)} kept as {what} attributes; expected only "
            f"{', '.join(known)}"
        )
        _report([Problem(table.label, line, None, message, unit=table.unit)],
                strict=strict, error=False)


def _ids(table: _Table, column: str, problems: list[Problem]) -> _Column:
    ids = table[column].cleaned(clean_identifier)
    for position in ids.rows(ids.uniques == ""):
        problems.append(table.problem(position, column, "empty id; expected a contact id"))
    return ids


def _numbers(texts: np.ndarray) -> np.ndarray:
    """Parse numbers from distinct texts; NaN for empty or non-numeric ones."""
    as_text = pd.Series(np.where(texts == "", "nan", texts), dtype=object)
    return pd.to_numeric(as_text, errors="coerce").to_numpy(dtype=float)


def _ratings(table: _Table, column: str, problems: list[Problem]) -> np.ndarray:
    """Ratings 1-5 as float codes per distinct value (NaN when empty)."""
    raw = table[column]
    stripped = raw.map(str.strip)
    numbers = _numbers(stripped)
    given = stripped != ""
    valid = np.isin(numbers, [1, 2, 3, 4, 5])
    for position in raw.rows(given & ~valid):
        problems.append(
            table.problem(position, column, f"{raw.uniques[raw.codes[position]]!r} is not a "
                          "rating; expected a whole number from 1 to 5 or an empty cell")
        )
    return np.where(valid, numbers, np.nan)[raw.codes]


def _text_values(table: _Table, column: str) -> np.ndarray:
    return table[column].cleaned(clean_text).values()


def validate_contacts(table: _Table, *, strict: bool = False) -> pd.DataFrame:
    """Validate the contacts table and return the clean contacts frame."""
    problems: list[Problem] = []
    ids = _ids(table, "id", problems)
    names = table["name"].cleaned(clean_identifier)
    empty_name = (names.uniques == "")[names.codes] & (ids.uniques != "")[ids.codes]
    for position in np.flatnonzero(empty_name):
        problems.append(table.problem(position, "name", "empty name; expected a display name"))

    counts = np.bincount(ids.codes, minlength=len(ids.uniques))
    repeated = (counts > 1) & (ids.uniques != "")
    if repeated.any():
        first_line: dict[int, int] = {}
        for position in ids.rows(repeated):
            code = int(ids.codes[position])
            if code in first_line:
                problems.append(
                    table.problem(position, "id", f"duplicate id {ids.uniques[code]!r}: already "
                                  f"used on line {first_line[code]}; expected unique ids")
                )
            else:
                first_line[code] = int(table.lines[position])

    clean: dict[str, Any] = {"id": ids.values(), "name": names.values()}
    ratings: dict[str, np.ndarray] = {}
    for column in CONTACT_COLUMNS[2:]:
        if column in ("character", "competency"):
            if column in table:
                ratings[column] = _ratings(table, column, problems)
        elif column in table:
            clean[column] = _text_values(table, column)
        else:
            clean[column] = np.full(len(table), "", dtype=object)
    for column in _extra_columns(table, CONTACT_COLUMNS):
        clean[column] = _text_values(table, column)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: p.line or 0))
    _warn_extra_columns(table, CONTACT_COLUMNS, "contact", strict)

    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in clean.items()})
    for column in ("character", "competency"):
        values = ratings.get(column, np.full(len(table), np.nan))
        position = list(CONTACT_COLUMNS).index(column)
        frame.insert(position, column, pd.array(values, dtype="Float64").astype("Int64"))
    frame["line"] = table.lines
    return frame


_ASCII_DIGITS_TO_NINE = bytes.maketrans(b"012345678", b"999999999")


def _iso_shaped(texts: np.ndarray) -> np.ndarray:
    """Which texts match :data:`ISO_DATE`, checking each distinct *shape* once.

    A date's shape has every ASCII digit replaced by ``9`` (``9999-99-99``);
    files hold millions of dates but only a handful of shapes.
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds the separator itself
        return np.fromiter((ISO_DATE.match(t) is not None for t in texts), dtype=bool,
                           count=len(texts))
    # Other bytes, UTF-8 sequences for non-ASCII digits included, are kept, so a
    # shape matches exactly when its texts do.
    shapes = joined.encode("utf-8").translate(_ASCII_DIGITS_TO_NINE).split(b"\x00")
    codes, distinct = pd.factorize(np.asarray(shapes, dtype=object))
    matches = np.fromiter((ISO_DATE.match(shape.decode("utf-8")) is not None
                           for shape in distinct), dtype=bool, count=len(distinct))
    return matches.take(codes)


def _parse_dates(table: _Table, problems: list[Problem]) -> tuple[np.ndarray, np.ndarray]:
    """Parse the date column per distinct value; return ``(codes, parsed uniques)``."""
    raw = table["date"]
    stripped = raw.map(str.strip)
    well_formed = _iso_shaped(stripped) if len(stripped) else np.zeros(0, dtype=bool)
    parsed = np.full(len(stripped), np.datetime64("NaT"), dtype="datetime64[us]")
    if well_formed.any():
        texts = stripped[well_formed]
        if any("," in text for text in texts):  # ISO 8601 allows a decimal comma
            texts = np.array([text.replace(",", ".") for text in texts], dtype=object)
        # Z, offsets and a space separator are ISO 8601 spellings pandas reads too;
        # an impossible date (2021-02-30) comes back as NaT.
        stamps = pd.to_datetime(pd.Index(texts, dtype=object), format="ISO8601", utc=True,
                                errors="coerce")
        parsed[well_formed] = stamps.tz_localize(None).as_unit("us").to_numpy()
    bad = np.isnat(parsed)
    for position in raw.rows(bad):
        value = raw.uniques[raw.codes[position]]
        text = value.strip()
        if not text:
            message = f"empty date; {_DATE_EXPECTED}"
        elif ISO_DATE.match(text):
            message = f"{value!r} is not a real date or time; {_DATE_EXPECTED}"
        else:
            message = f"{value!r} is not ISO 8601; {_DATE_EXPECTED}"
        problems.append(table.problem(position, "date", message))
    return raw.codes, parsed


def _normalise_kind(value: str) -> str:
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def _values(table: _Table, problems: list[Problem]) -> tuple[np.ndarray, np.ndarray]:
    """The ``value`` column as ``(codes, float per distinct value)``, NaN when empty."""
    raw = table["value"]
    stripped = raw.map(str.strip)
    numbers = _numbers(stripped)
    given = stripped != ""
    finite = np.isfinite(numbers)
    for position in raw.rows(given & ~finite):
        problems.append(table.problem(position, "value", f"{raw.uniques[raw.codes[position]]!r} "
                                      "is not a number; expected a finite amount >= 0"))
    for position in raw.rows(given & finite & (numbers < 0)):
        problems.append(table.problem(position, "value", f"{raw.uniques[raw.codes[position]]!r} "
                                      "is negative; expected an amount >= 0"))
    return raw.codes, np.where(finite, numbers, np.nan)


@dataclass
class _Interactions:
    """Validated interaction columns, before reconciling with the contacts."""

    date_codes: np.ndarray
    date_uniques: np.ndarray
    source: _Column
    target: _Column
    kind_codes: np.ndarray
    value_codes: np.ndarray
    value_uniques: np.ndarray
    text: dict[str, _Column]


def _validate_interaction_table(table: _Table) -> _Interactions:
    problems: list[Problem] = []
    date_codes, date_uniques = _parse_dates(table, problems)
    source = _ids(table, "source", problems)
    target = _ids(table, "target", problems)

    kind = table["kind"]
    normalised = kind.map(_normalise_kind)
    kind_index = pd.Index(KINDS).get_indexer(normalised)
    for position in kind.rows(kind_index < 0):
        problems.append(
            table.problem(position, "kind", f"{kind.uniques[kind.codes[position]]!r} is not a "
                          f"kind; expected one of: {', '.join(KINDS)}")
        )
    if "value" in table:
        value_codes, value_uniques = _values(table, problems)
    else:
        value_codes, value_uniques = np.zeros(len(table), dtype=np.intp), np.array([np.nan])
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: p.line or 0))

    text = {}
    for column in ["notes", *_extra_columns(table, INTERACTION_COLUMNS)]:
        if column in table:
            text[column] = table[column].cleaned(clean_text)
    return _Interactions(
        date_codes=date_codes,
        date_uniques=date_uniques,
        source=source,
        target=target,
        kind_codes=kind_index.astype(np.int8)[kind.codes],
        value_codes=value_codes,
        value_uniques=value_uniques,
        text=text,
    )


def _interaction_frame(checked: _Interactions, table: _Table, rows: np.ndarray) -> pd.DataFrame:
    """The public interactions frame for the kept ``rows``."""
    dates = pd.DatetimeIndex(checked.date_uniques).tz_localize("UTC").take(
        checked.date_codes[rows]
    )
    frame = pd.DataFrame(
        {
            "date": pd.Series(dates, dtype=_DATE_DTYPE),
            "source": pd.Series(checked.source.uniques.take(checked.source.codes[rows]),
                                dtype=object),
            "target": pd.Series(checked.target.uniques.take(checked.target.codes[rows]),
                                dtype=object),
            "kind": pd.Categorical.from_codes(checked.kind_codes[rows], categories=KINDS),
            "value": checked.value_uniques.take(checked.value_codes[rows]),
        }
    )
    notes = checked.text.get("notes")
    frame["notes"] = pd.Series(
        notes.uniques.take(notes.codes[rows]) if notes else np.full(len(rows), "", dtype=object),
        dtype=object,
    )
    for column, values in checked.text.items():
        if column != "notes":
            frame[column] = pd.Series(values.uniques.take(values.codes[rows]), dtype=object)
    frame["line"] = table.lines[rows]
    return frame


def _reconcile(
    contacts: pd.DataFrame,
    checked: _Interactions,
    contacts_table: _Table,
    table: _Table,
    strict: bool,
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Report self-loops, unknown ids and duplicate rows.

    Returns the usable contacts and interactions, and the people codes of the
    interactions (see :func:`refgraph.model.ties.person_codes`).
    """
    contact_ids = pd.Index(contacts["id"].to_numpy(dtype=object))
    # People as integer codes: contacts first, then ids only interactions name.
    source_map = contact_ids.get_indexer(checked.source.uniques)
    target_map = contact_ids.get_indexer(checked.target.uniques)
    unknown_source = source_map < 0
    unknown_target = target_map < 0
    added = np.empty(0, dtype=object)
    if unknown_source.any() or unknown_target.any():
        added = pd.unique(np.concatenate([
            checked.source.uniques[unknown_source], checked.target.uniques[unknown_target]
        ]))
        added_index = pd.Index(added)
        source_map = np.where(unknown_source, len(contact_ids)
                              + added_index.get_indexer(checked.source.uniques), source_map)
        target_map = np.where(unknown_target, len(contact_ids)
                              + added_index.get_indexer(checked.target.uniques), target_map)
    source_person = source_map[checked.source.codes]
    target_person = target_map[checked.target.codes]

    keep = np.ones(len(table), dtype=bool)
    self_loop = source_person == target_person
    if self_loop.any():
        rows = np.flatnonzero(self_loop)
        _report([table.problem(None, "source, target",
                               f"{len(rows)} interaction(s) name the same person as source and "
                               f"target ({table.unit}s {_line_list(table, rows)}); they are "
                               "ignored; expected two different people")],
                strict=strict, error=False)
        keep &= ~self_loop

    if len(added):
        unknown_rows = np.flatnonzero(keep & (unknown_source[checked.source.codes]
                                              | unknown_target[checked.target.codes]))
        # Only ids that occur in kept rows become contacts.
        used = np.zeros(len(contact_ids) + len(added), dtype=bool)
        used[source_person[unknown_rows]] = True
        used[target_person[unknown_rows]] = True
        used_added = used[len(contact_ids):]
        if len(unknown_rows):
            # List (and add) them in the order the file first names them.
            first_seen = np.full(len(used), np.iinfo(np.int64).max)
            np.minimum.at(first_seen, source_person[unknown_rows], unknown_rows)
            np.minimum.at(first_seen, target_person[unknown_rows], unknown_rows)
            order = np.argsort(first_seen[len(contact_ids):][used_added], kind="stable")
            missing = added[used_added][order]
            shown = ", ".join(repr(m) for m in missing[:10])
            more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
            _report([table.problem(None, "source, target",
                                   f"{len(unknown_rows)} interaction(s) ({table.unit}s "
                                   f"{_line_list(table, unknown_rows)}) name {len(missing)} "
                                   f"id(s) not in {contacts_table.label}: {shown}{more}; they "
                                   "were added as contacts named by their id")],
                    strict=strict, error=False)
            contacts = _add_contacts(contacts, missing)

    # Exact duplicates: every validated field equal (dates and values compared
    # as parsed). Only rows whose date, people and kind hash to a repeated
    # number can be duplicates; those few are compared field by field.
    date_key = _recode(checked.date_codes, checked.date_uniques)
    kept_rows = np.flatnonzero(keep)
    every_row = len(kept_rows) == len(table)
    digest = np.zeros(len(kept_rows), dtype=np.uint64)
    for codes in (date_key, source_person, target_person, checked.kind_codes):
        digest ^= (codes if every_row else codes[kept_rows]).astype(np.uint64)
        digest *= np.uint64(0x100000001B3)  # FNV prime: wraps around, as a hash should
    candidates = kept_rows[pd.Series(digest).duplicated(keep=False).to_numpy()]
    duplicate = np.zeros(len(table), dtype=bool)
    if len(candidates):
        fields = {
            "date": date_key[candidates],
            "source": source_person[candidates],
            "target": target_person[candidates],
            "kind": checked.kind_codes[candidates],
            "value": _recode(checked.value_codes[candidates], checked.value_uniques),
            **{column: values.codes[candidates] for column, values in checked.text.items()},
        }
        duplicate[candidates] = pd.DataFrame(fields).duplicated(keep="first").to_numpy()
    if duplicate.any():
        rows = np.flatnonzero(duplicate)
        _report([table.problem(None, None,
                               f"{len(rows)} row(s) repeat an earlier row exactly "
                               f"({table.unit}s {_line_list(table, rows)}); each is counted once")],
                strict=strict, error=False)
        keep &= ~duplicate
    kept_rows = np.flatnonzero(keep)
    interactions = _interaction_frame(checked, table, kept_rows)
    # Everyone's id, sorted, and each kept row's people as codes into it: the
    # graph build needs exactly this and would otherwise hash every id again.
    people = np.concatenate([contact_ids.to_numpy(dtype=object), added])
    order = np.argsort(people, kind="stable")
    rank = np.empty(len(people), dtype=np.int64)
    rank[order] = np.arange(len(people))
    codes = (people[order], rank[source_person[kept_rows]], rank[target_person[kept_rows]])
    return contacts, interactions, codes


def _recode(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """Codes that are equal exactly when the parsed values are (NaN equals NaN)."""
    return pd.factorize(uniques, use_na_sentinel=False)[0].take(codes)


def _add_contacts(contacts: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """Append contacts named by their id, every other field empty."""
    added = {}
    for column in contacts.columns:
        if column in ("id", "name"):
            added[column] = pd.Series(ids, dtype=object)
        elif column in ("character", "competency"):
            added[column] = pd.Series(pd.NA, index=range(len(ids)), dtype="Int64")
        elif column == "line":
            added[column] = pd.Series(pd.NA, index=range(len(ids)), dtype="Int64")
        else:
            added[column] = pd.Series("", index=range(len(ids)), dtype=object)
    frame = pd.concat([contacts, pd.DataFrame(added)], ignore_index=True)
    frame["line"] = frame["line"].astype("Int64")
    return frame


# --------------------------------------------------------------------------- public


def load_network(
    path_or_frames: str | Path | Mapping[str, Any] | tuple,
    *,
    strict: bool = False,
    encoding: str | None = None,
    settings: Settings | Mapping[str, Any] | None = None,
) -> Network:
    """Load and validate a network.

    Parameters
    ----------
    path_or_frames : str, Path, mapping or tuple
        A network folder holding ``contacts.csv``, ``interactions.csv`` and an
        optional ``network.toml``; or a mapping with ``"contacts"`` and
        ``"interactions"`` DataFrames (and optional ``"settings"``, a mapping
        laid out like ``network.toml``); or a ``(contacts, interactions)`` tuple.
        Problems in frames are reported by 1-based row position.
    strict : bool
        Turn recoverable oddities (self-loops, unknown ids, duplicate rows,
        unknown columns) into errors instead of warnings.
    encoding : str, optional
        Text encoding of the CSV files. By default UTF-8 (with or without BOM)
        and UTF-16 with a BOM are recognised.
    settings : Settings or mapping, optional
        Settings to use instead of ``network.toml``.

    Returns
    -------
    Network
        The validated network.

    Raises
    ------
    DataValidationError
        When a file cannot be used; the message names file, line and column.
    SettingsError
        When ``network.toml`` has an unknown key or a bad value.

    Examples
    --------
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...                              "target": ["ann"], "kind": ["One_To_One "]})
    >>> net = load_network((contacts, interactions), settings={"owner": "me"})
    >>> net.interactions["kind"].tolist()
    ['one_to_one']
    """
    problems: list[Problem] = []

    def gather(check, *args, **kwargs):
        """Run one file's check, keeping its problems to report with the others."""
        try:
            return check(*args, **kwargs)
        except DataValidationError as exc:
            problems.extend(exc.problems)
            return None

    toml_settings: Settings | None = None
    if isinstance(path_or_frames, str | Path):
        folder = Path(path_or_frames)
        if not folder.is_dir():
            raise RefgraphError(
                f"{folder}: not a network folder; expected a folder holding contacts.csv and "
                "interactions.csv"
            )
        contacts_table = gather(
            _read_csv_file, folder / "contacts.csv", CONTACT_COLUMNS, CONTACT_REQUIRED, encoding
        )
        interactions_table = gather(
            _read_csv_file,
            folder / "interactions.csv", INTERACTION_COLUMNS, INTERACTION_REQUIRED, encoding,
        )
        if (folder / "network.toml").exists():
            toml_settings = load_settings(folder / "network.toml")
        source_path: Path | None = folder
    else:
        if isinstance(path_or_frames, Mapping):
            contacts_frame = path_or_frames.get("contacts")
            interactions_frame = path_or_frames.get("interactions")
            if path_or_frames.get("settings") is not None:
                toml_settings = settings_from_dict(dict(path_or_frames["settings"]))
        elif isinstance(path_or_frames, tuple) and len(path_or_frames) == 2:
            contacts_frame, interactions_frame = path_or_frames
        else:
            raise RefgraphError(
                "load_network expects a folder path, a (contacts, interactions) tuple of "
                f"DataFrames or a mapping with those keys, got {type(path_or_frames).__name__}"
            )
        contacts_table = gather(
            _frame_to_table, contacts_frame, "contacts frame", CONTACT_COLUMNS, CONTACT_REQUIRED
        )
        interactions_table = gather(
            _frame_to_table,
            interactions_frame, "interactions frame", INTERACTION_COLUMNS, INTERACTION_REQUIRED,
        )
        source_path = None

    if isinstance(settings, Settings):
        toml_settings = settings
    elif settings is not None:
        toml_settings = settings_from_dict(dict(settings))

    contacts = None if contacts_table is None else gather(
        validate_contacts, contacts_table, strict=strict)
    checked = None if interactions_table is None else gather(
        _validate_interaction_table, interactions_table)
    if problems:
        # Both files are checked before giving up, so one run shows every file's problems.
        raise DataValidationError(problems)
    _warn_extra_columns(interactions_table, INTERACTION_COLUMNS, "interaction", strict)
    contacts, interactions, codes = _reconcile(
        contacts, checked, contacts_table, interactions_table, strict
    )
    resolved = toml_settings or Settings()
    if resolved.owner is not None and resolved.owner not in set(contacts["id"]):
        raise RefgraphError(
            f"owner {resolved.owner!r} (from network.toml) is not a contact id in "
            f"{contacts_table.label}"
        )
    network = Network(contacts=contacts, interactions=interactions, settings=resolved,
                      path=source_path)
    remember_person_codes(network, codes)
    return network
