"""Validating a network's two tables: one pass per file gathering every problem.

Each check runs on a column's distinct values (see :class:`refgraph.io.columns.Column`)
and names the rows that fail by their line. Problems that make the data
unusable raise one :class:`DataValidationError` listing them; oddities that can
be recovered from are reported by :func:`report` as a :class:`RefgraphWarning`
pointing at the caller's code (or raised, with ``strict=True``).
"""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphWarning
from refgraph.io.columns import Column, Table
from refgraph.io.dates import ISO_DATE, parse_plain_iso
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.settings import KINDS
from refgraph.io.text import clean_identifier, clean_text, plain_texts

_DATE_EXPECTED = (
    "expected an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][+HH:MM])"
)
_DATE_DTYPE = "datetime64[us, UTC]"


def report(problems: list[Problem], *, strict: bool, error: bool) -> None:
    """Raise ``problems`` as one error, or warn about them when they can be recovered from.

    Parameters
    ----------
    problems : list of Problem
        Nothing happens when empty.
    strict : bool
        Raise even recoverable problems.
    error : bool
        The problems make the data unusable.
    """
    if not problems:
        return
    if error or strict:
        raise DataValidationError(problems)
    warnings.warn(str(DataValidationError(problems)), RefgraphWarning,
                  stacklevel=outside_refgraph())


def outside_refgraph() -> int:
    """Stack level of the caller's first frame outside refgraph.

    Warnings then point at the user's ``load_network`` call (or the CLI), whatever
    depth inside the loader found the problem.
    """
    package = str(Path(__file__).resolve().parent.parent)
    frame = inspect.currentframe().f_back  # the frame that calls warnings.warn: level 1
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(package):
        frame = frame.f_back
        level += 1
    return level


def line_list(table: Table, rows: np.ndarray, limit: int = 10) -> str:
    """The lines of ``rows``, the first ``limit`` of them, for a message.

    Examples
    --------
    >>> from refgraph.io.columns import frame_to_table
    >>> table = frame_to_table(pd.DataFrame({"id": list("abc")}), "f", ("id",), ("id",))
    >>> line_list(table, np.array([0, 2]), limit=1)
    '1 and 1 more'
    """
    lines = table.lines[rows]
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (f" and {len(lines) - limit} more" if len(lines) > limit else "")


def extra_columns(table: Table, known: tuple[str, ...]) -> list[str]:
    """Columns of ``table`` that are not documented ones, in order."""
    return [name for name in table.names if name not in known]


def warn_extra_columns(table: Table, known: tuple[str, ...], what: str, strict: bool,
                       declared: tuple[str, ...] = ()) -> None:
    """Report columns that are not documented (nor ``declared``): kept as ``what`` attributes."""
    quiet = {name.casefold() for name in declared}
    extra = [name for name in extra_columns(table, known) if name.casefold() not in quiet]
    if extra:
        line = 1 if table.unit == "line" else None
        message = (
            f"unknown column(s) {', '.join(extra)} kept as {what} attributes; expected only "
            f"{', '.join(known)}"
        )
        report([Problem(table.label, line, None, message, unit=table.unit)],
                strict=strict, error=False)


def _cleaned(column: Column, clean: Callable[[str], str]) -> Column:
    """``column`` cleaned with ``clean``, as it is when every value is plain ASCII."""
    return column if plain_texts(column.uniques) else column.cleaned(clean)


def _ids(table: Table, column: str, problems: list[Problem]) -> Column:
    ids = _cleaned(table[column], clean_identifier)
    for position in ids.rows(ids.uniques == ""):
        problems.append(table.problem(position, column, "empty id; expected a contact id"))
    return ids


def _numbers(texts: np.ndarray) -> np.ndarray:
    """Parse numbers from distinct texts; NaN for empty or non-numeric ones."""
    as_text = pd.Series(np.where(texts == "", "nan", texts), dtype=object)
    return pd.to_numeric(as_text, errors="coerce").to_numpy(dtype=float)


def _ratings(table: Table, column: str, problems: list[Problem]) -> np.ndarray:
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


def _text_values(table: Table, column: str) -> np.ndarray:
    return _cleaned(table[column], clean_text).values()


def _birthdays(table: Table) -> tuple[np.ndarray, list[Problem]]:
    """Birthdays per row, blank where the cell is not a real day of the year.

    The data format takes ``YYYY-MM-DD`` or ``--MM-DD``. A hand-typed
    ``14/11/1980`` or ``1980-02-30`` is a recoverable problem: the contact
    loads without a birthday and the warning names the line.
    """
    texts = _cleaned(table["birthday"], clean_text)
    uniques = pd.Series(texts.uniques, dtype=object)
    # A birthday without a year is checked against 2000, a leap year, so --02-29 stands.
    dated = uniques.str.replace(r"^--", "2000-", regex=True)
    days = pd.to_datetime(dated.where(dated.str.fullmatch(r"\d{4}-\d{2}-\d{2}"), None),
                          format="%Y-%m-%d", errors="coerce")
    good = (uniques == "").to_numpy() | days.notna().to_numpy()
    problems = [table.problem(position, "birthday",
                              f"{texts.uniques[texts.codes[position]]!r} is not a birthday; "
                              "expected YYYY-MM-DD, or --MM-DD when the year is unknown; "
                              "loaded without it")
                for position in texts.rows(~good)]
    return np.where(good, texts.uniques, "")[texts.codes].astype(object), problems


def validate_contacts(table: Table, *, strict: bool = False,
                      declared: tuple[str, ...] = ()) -> pd.DataFrame:
    """Validate the contacts table and return the clean contacts frame.

    Extra columns named in ``declared`` (``[contacts] extra_columns``) are
    kept without a warning.
    """
    problems: list[Problem] = []
    ids = _ids(table, "id", problems)
    names = _cleaned(table["name"], clean_identifier)
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
    unreadable: list[Problem] = []
    for column in CONTACT_COLUMNS[2:]:
        if column in ("character", "competency"):
            if column in table:
                ratings[column] = _ratings(table, column, problems)
        elif column == "birthday" and column in table:
            clean[column], unreadable = _birthdays(table)
        elif column in table:
            clean[column] = _text_values(table, column)
        else:
            clean[column] = np.full(len(table), "", dtype=object)
    for column in extra_columns(table, CONTACT_COLUMNS):
        clean[column] = _text_values(table, column)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: p.line or 0))
    report(unreadable, strict=strict, error=False)
    warn_extra_columns(table, CONTACT_COLUMNS, "contact", strict, declared)

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


def _parse_texts(texts: np.ndarray) -> np.ndarray:
    """Date texts as ``datetime64[us]`` in UTC with pandas, NaT where not ISO 8601."""
    stripped = np.array([text.strip() for text in texts], dtype=object)
    well_formed = _iso_shaped(stripped) if len(stripped) else np.zeros(0, dtype=bool)
    parsed = np.full(len(stripped), np.datetime64("NaT"), dtype="datetime64[us]")
    if well_formed.any():
        texts = stripped[well_formed]
        if "," in "\x00".join(texts):  # ISO 8601 allows a decimal comma
            texts = np.array([text.replace(",", ".") for text in texts], dtype=object)
        # Z, offsets and a space separator are ISO 8601 spellings pandas reads too;
        # an impossible date (2021-02-30) comes back as NaT.
        stamps = pd.to_datetime(pd.Index(texts, dtype=object), format="ISO8601", utc=True,
                                errors="coerce")
        parsed[well_formed] = stamps.tz_localize(None).as_unit("us").to_numpy()
    return parsed


def _parse_dates(table: Table, problems: list[Problem]) -> tuple[np.ndarray, np.ndarray]:
    """Parse the date column per distinct value; return ``(codes, parsed uniques)``."""
    raw = table["date"]
    if raw.typed is not None:  # already datetimes: only missing ones are a problem
        for position in raw.rows(np.isnat(raw.typed)):
            problems.append(table.problem(position, "date", f"empty date; {_DATE_EXPECTED}"))
        return raw.codes, raw.typed
    # The plainest spellings are parsed in C++; pandas parses the rest (a file's
    # odd ones, or all of them without pyarrow), each distinct value once.
    plain = parse_plain_iso(raw.uniques if raw.arrow is None else raw.arrow)
    if plain is None:
        parsed = _parse_texts(raw.uniques)
    else:
        done, parsed = plain
        rest = np.flatnonzero(~done)
        if len(rest):
            parsed[rest] = _parse_texts(raw.uniques[rest])
    # Year 0 parses, but no calendar a user keeps has it (and Python's dates stop at 1).
    parsed[parsed < np.datetime64("0001-01-01", "us")] = np.datetime64("NaT")
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


def _values(table: Table, problems: list[Problem]) -> tuple[np.ndarray, np.ndarray]:
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
class Interactions:
    """Validated interaction columns, before reconciling with the contacts."""

    date_codes: np.ndarray
    date_uniques: np.ndarray
    source: Column
    target: Column
    kind_codes: np.ndarray
    value_codes: np.ndarray
    value_uniques: np.ndarray
    text: dict[str, Column]
    #: Whether ``date_uniques`` are distinct moments already (a typed column's
    #: are; texts such as ``2024-01-05`` and ``2024-01-05T00:00`` may be equal).
    distinct_dates: bool = False


def validate_interactions(table: Table) -> Interactions:
    """Check dates, ids, kinds and values of the interactions table.

    Raises
    ------
    DataValidationError
        Listing every bad cell by its line and column.
    """
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
    for column in ["notes", *extra_columns(table, INTERACTION_COLUMNS)]:
        if column in table:
            text[column] = _cleaned(table[column], clean_text)
    return Interactions(
        date_codes=date_codes,
        date_uniques=date_uniques,
        source=source,
        target=target,
        kind_codes=kind_index.astype(np.int8)[kind.codes],
        value_codes=value_codes,
        value_uniques=value_uniques,
        text=text,
        distinct_dates=table["date"].typed is not None,
    )


def interaction_frame(checked: Interactions, table: Table, rows: np.ndarray) -> pd.DataFrame:
    """The public interactions frame for the kept ``rows``."""

    def text(column: Column | None) -> pd.Series:
        values = np.full(len(rows), "", dtype=object) if column is None else (
            column.uniques.take(column.codes[rows]))
        return pd.Series(values, dtype=object, copy=False)

    dates = pd.DatetimeIndex(checked.date_uniques).tz_localize("UTC").take(
        checked.date_codes[rows]
    )
    columns = {
        "date": pd.Series(dates, dtype=_DATE_DTYPE, copy=False),
        "source": text(checked.source),
        "target": text(checked.target),
        "kind": pd.Categorical.from_codes(checked.kind_codes[rows], categories=KINDS),
        "value": checked.value_uniques.take(checked.value_codes[rows]),
        "notes": text(checked.text.get("notes")),
        **{column: text(values) for column, values in checked.text.items() if column != "notes"},
        "line": table.lines[rows],
    }
    # Every column is a new array already: made into the frame as it is, not
    # copied again (each copy is another 80 MB per ten million rows).
    return pd.DataFrame(columns, copy=False)
