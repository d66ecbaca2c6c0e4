"""What every importer shares: the result type, decoding, CSV records, dates, keys.

An importer reads one export file and returns an :class:`ImportResult`: a
contacts frame and an interactions frame in the canonical schema of
:mod:`refgraph.io.load`, plus the records it skipped and why. The contacts' ``id``
column holds each record's *incoming key* (``linkedin:url:linkedin.com/in/ann``,
``google:email:ann@example.com``, ...): a stable name for the record that
:mod:`refgraph.importers.identity` maps to a contact id of the network.

Which reader reads which source, and with which options, is known to
:mod:`refgraph.importers.registry` alone (:func:`refgraph.importers.read_export`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import Problem, RefgraphError
from refgraph.importers.normalise import (
    normalise_company,
    normalise_name,
    normalise_url,
    person_name,
    phone_digits,
    rejected_emails,
    split_emails,
)
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.tables import decode_text, read_records
from refgraph.io.text import clean_identifier, clean_text, map_unique
from refgraph.results import Result

#: Separator of several values (e-mails, phones, tags) in one cell.
LIST_SEPARATOR = "; "


@dataclass
class ImportResult(Result):
    """What an importer read from one file.

    Attributes
    ----------
    source : str
        The importer (``linkedin``, ``google``, ``vcard``, ``ical``, ...).
    file : str
        The file read.
    contacts : DataFrame
        :data:`refgraph.io.load.CONTACT_COLUMNS`; ``id`` is the incoming key.
    interactions : DataFrame
        :data:`refgraph.io.load.INTERACTION_COLUMNS`; ``date`` is ISO 8601 text,
        ``source`` and ``target`` are incoming keys, the owner's id, or (for a
        calendar title naming a contact) a contact id.
    skipped : list of Problem
        Records left out, each with file, line or record number, field and
        reason.
    create_contacts : bool
        Whether records that match nobody become new contacts. Calendars and
        message histories only add interactions with people already in the
        network.
    undated : bool
        True when the file carries no dates for its interactions and they
        were dated on import; they are then added once per pair and kind.
    owner : str or None
        The owner id the interactions use.
    """

    source: str
    file: str
    contacts: pd.DataFrame
    interactions: pd.DataFrame
    skipped: list[Problem] = field(default_factory=list)
    create_contacts: bool = True
    undated: bool = False
    owner: str | None = None

    title = "Import"

    def to_dict(self) -> dict[str, Any]:
        """Counts, and every skipped record with its reason."""
        return {
            "source": self.source,
            "file": self.file,
            "contacts": len(self.contacts),
            "interactions": len(self.interactions),
            "skipped": [problem_dict(p) for p in self.skipped],
        }

    def to_frame(self) -> pd.DataFrame:
        """The contacts read, one row per record."""
        return self.contacts.copy()


def problem_dict(problem: Problem) -> dict[str, Any]:
    """A skipped record as plain JSON values.

    Examples
    --------
    >>> problem_dict(Problem("c.csv", 7, "Connected On", "not a date"))["line"]
    7
    """
    return {
        "file": problem.file,
        problem.unit: problem.line,
        "field": problem.column,
        "reason": problem.message,
    }


# --------------------------------------------------------------------------- reading


def as_path(value: Any, role: str) -> Path:
    """``value`` as a Path, or a clear error when it is no path at all.

    Examples
    --------
    >>> as_path(None, "file")
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: file: expected a path, got NoneType None
    """
    if not isinstance(value, str | os.PathLike):
        raise RefgraphError(f"{role}: expected a path, got {type(value).__name__} {value!r}")
    return Path(value)


def own_addresses(me: str | Iterable[str]) -> tuple[str, ...]:
    """The owner's own addresses as a tuple: one text is one address, not its letters.

    Examples
    --------
    >>> own_addresses("me@example.com"), own_addresses(["a@x.com", "b@x.com"])
    (('me@example.com',), ('a@x.com', 'b@x.com'))
    """
    return (me,) if isinstance(me, str) else tuple(me)


def read_bytes(path: str | Path) -> tuple[bytes, str]:
    """Read a file, turning a missing file or a folder into a clear error.

    Examples
    --------
    >>> read_bytes("no-such-export.csv")
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: no-such-export.csv: file not found
    """
    path = as_path(path, "file")
    label = str(path)
    try:
        return path.read_bytes(), label
    except FileNotFoundError:
        raise RefgraphError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise RefgraphError(f"{label}: is a folder, expected a file") from None


def decode(raw: bytes, label: str, encoding: str | None = None,
           fallback: str | None = None) -> str:
    """Decode an export: UTF-8 (BOM optional), UTF-16 with BOM, or ``encoding``.

    Parameters
    ----------
    raw : bytes
        File content.
    label : str
        File name for messages.
    encoding : str, optional
        Encoding to use instead of detecting one.
    fallback : str, optional
        Encoding tried when the bytes are not UTF-8 (``cp1252`` for Outlook).

    Raises
    ------
    DataValidationError
        Naming the line and byte that cannot be decoded.

    Examples
    --------
    >>> decode(b"\\xef\\xbb\\xbfName", "x.csv")
    'Name'
    >>> decode(b"Caf\\xe9", "x.csv", fallback="cp1252")
    'Café'
    """
    return decode_text(raw, label, encoding, fallback)


def physical_lines(text: str) -> list[str]:
    r"""Split text into lines at ``\n`` only, keeping the line ends.

    Examples
    --------
    >>> physical_lines("a\r\nb\u2028c\nd")
    ['a\r\n', 'b\u2028c\n', 'd']
    """
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


@dataclass
class CsvRecords:
    """Rows of a CSV export below its header, each with its 1-based line."""

    label: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    skipped: list[Problem]

    def column(self, *names: str) -> str | None:
        """The header name matching one of ``names`` (case-insensitive), if any."""
        folded = {name.casefold(): name for name in self.header}
        for name in names:
            if name.casefold() in folded:
                return folded[name.casefold()]
        return None

    def frame(self) -> pd.DataFrame:
        """The rows as a frame of strings, with a ``_line`` column."""
        frame = pd.DataFrame(self.rows, columns=self.header, dtype=object)
        frame["_line"] = np.asarray(self.lines, dtype=np.int64)
        return frame


def read_csv_records(
    text: str,
    label: str,
    *,
    is_header=None,
    expected_header: str = "",
) -> CsvRecords:
    """Find the header row and read the records below it.

    Parameters
    ----------
    text : str
        The decoded file.
    label : str
        File name for messages.
    is_header : callable, optional
        ``is_header(cells) -> bool`` picks the header among the first lines (a
        preamble may come first); by default the first non-blank line.
    expected_header : str
        What the header looks like, for the error when none is found.

    Returns
    -------
    CsvRecords
        Blank and fully empty rows are dropped; short rows are padded; rows
        with more fields than the header are skipped with a reason.

    Raises
    ------
    DataValidationError
        When no header is found, or the CSV is malformed (an unclosed quote).

    Examples
    --------
    >>> records = read_csv_records("Notes:\\n\\na,b\\n1,2\\n,\\n", "x.csv",
    ...                            is_header=lambda cells: cells[:1] == ["a"])
    >>> records.header, records.rows, records.lines
    (['a', 'b'], [['1', '2']], [4])
    """
    found = read_records(text, label, is_header=is_header, expected_header=expected_header)
    # A row wider than the header: a value with an unquoted comma, most often.
    skipped = [replace(problem, message=(
        f"{problem.message}, one per header column (a value with a comma needs quotes "
        "around it); the row is skipped")) for problem in found.skipped]
    return CsvRecords(label, found.header, found.rows, found.lines, skipped)


# --------------------------------------------------------------------------- values


def parse_date(value: str, formats: Sequence[str]) -> dt.date | dt.datetime | None:
    """Parse ``value`` with the first of ``formats`` that fits, or return None.

    Examples
    --------
    >>> parse_date("7-Feb-22", ["%d %b %Y", "%d-%b-%y"])
    datetime.datetime(2022, 2, 7, 0, 0)
    >>> parse_date("soon", ["%d %b %Y"]) is None
    True
    """
    text = " ".join(value.split())
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def parse_dates(values: pd.Series, formats: Sequence[str], *, with_time: bool = False
                ) -> pd.Series:
    """Parse a column of dates to ISO 8601 text ("" where it does not parse).

    Each distinct value is parsed once. Times without an offset are UTC.

    Examples
    --------
    >>> parse_dates(pd.Series(["12 Mar 2021", "x", "12 Mar 2021"]), ["%d %b %Y"]).tolist()
    ['2021-03-12', '', '2021-03-12']
    """

    def one(value: str) -> str:
        parsed = parse_date(value, formats) if value.strip() else None
        if parsed is None:
            return ""
        if not with_time:
            return parsed.date().isoformat() if isinstance(parsed, dt.datetime) else (
                parsed.isoformat())
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return parsed.astimezone(dt.UTC).isoformat()

    return map_unique(values.fillna(""), one)


def cleaned(series: pd.Series, *, identifier: bool = False) -> pd.Series:
    """NFC-normalise a text column and drop control characters.

    Examples
    --------
    >>> cleaned(pd.Series([" Zoe\\u0308 ", None]), identifier=True).tolist()
    ['Zoë', '']
    """
    func = clean_identifier if identifier else clean_text
    return map_unique(series.fillna("").astype(object), func)


def column_text(records: CsvRecords, frame: pd.DataFrame, *names: str,
                identifier: bool = False) -> pd.Series:
    """The cleaned text of the first of ``names`` in the header; empty strings if none is.

    Examples
    --------
    >>> records = CsvRecords("x.csv", ["Name"], [[" Ann "]], [2], [])
    >>> frame = records.frame()
    >>> column_text(records, frame, "Full Name", "name").tolist()
    ['Ann']
    >>> column_text(records, frame, "Company").tolist()
    ['']
    """
    name = records.column(*names)
    if name is None:
        return pd.Series("", index=frame.index, dtype=object)
    return cleaned(frame[name], identifier=identifier)


def drop_nameless(people: pd.DataFrame, label: str, column: str,
                  reason: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop the records whose ``name`` is empty, each reported as a skipped line.

    Parameters
    ----------
    people : DataFrame
        Records with ``name`` and ``line`` columns.
    label : str
        The file, as problems name it.
    column : str
        The export's column(s) the name comes from, as problems name them.
    reason : str
        Why the record has no name and what happens to it.

    Returns
    -------
    tuple of (DataFrame, list of Problem)
        The named records (index reset) and one problem per dropped record.

    Examples
    --------
    >>> people = pd.DataFrame({"name": ["Ann", ""], "line": [2, 3]})
    >>> named, problems = drop_nameless(people, "x.csv", "Name", "no name; skipped")
    >>> named["name"].tolist(), [problem.line for problem in problems]
    (['Ann'], [3])
    """
    nameless = (people["name"] == "").to_numpy()
    problems = [Problem(label, int(line), column, reason)
                for line in people.loc[nameless, "line"]]
    return people[~nameless].reset_index(drop=True), problems


def join_names(*parts: pd.Series) -> pd.Series:
    """Join name parts with single spaces, skipping empty ones; honorifics dropped.

    Examples
    --------
    >>> first, middle = pd.Series(["Ann", ""]), pd.Series(["", "Lee"])
    >>> join_names(first, middle, pd.Series(["Smith", "Ng"])).tolist()
    ['Ann Smith', 'Lee Ng']
    >>> join_names(pd.Series(["Mr Paul"]), pd.Series(["Whitaker"])).tolist()
    ['Paul Whitaker']
    """
    frame = pd.concat([cleaned(p, identifier=True) for p in parts], axis=1)
    joined = frame.agg(" ".join, axis=1) if len(frame) else pd.Series([], dtype=object)
    joined = joined.str.split().str.join(" ").fillna("").astype(object)
    return map_unique(joined, lambda name: person_name(name, ordered=True))


def join_values(values: Iterable[str]) -> str:
    """Join distinct non-empty values with ``"; "``, keeping their order.

    Examples
    --------
    >>> join_values(["a@x.com", "", "a@x.com", "b@x.com"])
    'a@x.com; b@x.com'
    """
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value and value.casefold() not in {v.casefold() for v in seen}:
            seen[value] = None
    return LIST_SEPARATOR.join(seen)


def email_list(series: pd.Series) -> pd.Series:
    """Lower-case and strip e-mail cells; drop values that are not e-mails.

    Examples
    --------
    >>> email_list(pd.Series([" Ann@Example.COM ", "n/a", "a@x.com; b@y.org"])).tolist()
    ['ann@example.com', '', 'a@x.com; b@y.org']
    """
    return map_unique(series.fillna("").astype(object),
                      lambda cell: LIST_SEPARATOR.join(split_emails(clean_text(cell))))


def email_problems(cells: pd.Series, lines: pd.Series, label: str,
                   field: str) -> list[Problem]:
    """One problem per e-mail value :func:`email_list` would drop without a word.

    Parameters
    ----------
    cells : Series
        E-mail cells as exported.
    lines : Series
        Each record's line (aligned with ``cells``).
    label : str
        The file, as problems name it.
    field : str
        The export's field (``E-mail 1 - Value``, ``EMAIL``).

    Returns
    -------
    list of Problem
        What was not an address and what was expected; the contact is still
        imported.

    Examples
    --------
    >>> problems = email_problems(pd.Series(["ann@x.com", "bob@home", "n/a"]),
    ...                           pd.Series([2, 3, 4]), "c.csv", "E-mail")
    >>> [(p.line, p.column, p.message.split(";")[0]) for p in problems]
    [(3, 'E-mail', "'bob@home' is not an e-mail address")]
    """
    bad = map_unique(cells.fillna("").astype(object), rejected_emails)
    return [Problem(label, int(line), field,
                    f"{value!r} is not an e-mail address; expected name@domain.tld; the "
                    "contact is imported without it")
            for values, line in zip(bad, lines, strict=True) for value in values]


def record_keys(source: str, frame: pd.DataFrame, order: Sequence[str]) -> pd.Series:
    """Incoming key of each record: ``source:kind:value`` from the first identifier present.

    Parameters
    ----------
    source : str
        Importer name, the key's prefix.
    frame : DataFrame
        Must hold the columns named in ``order`` plus ``name`` and ``company``.
    order : sequence of str
        Identifier columns to try first (``url``, ``uid``, ``email``, ``phone``);
        the first value of a ``;``-list is used. The fallback is the
        normalised name and company.

    Examples
    --------
    >>> frame = pd.DataFrame({"url": ["", "https://www.LinkedIn.com/in/ann/"],
    ...                       "email": ["", ""], "name": ["Zoë Lee", "Ann"],
    ...                       "company": ["Acme Ltd", ""]})
    >>> record_keys("linkedin", frame, ["url", "email"]).tolist()
    ['linkedin:name:zoe lee|acme', 'linkedin:url:linkedin.com/in/ann']
    """
    normalisers = {
        "url": normalise_url,
        "uid": lambda v: v.strip(),
        "email": lambda v: v.split(";")[0].strip().lower(),
        "phone": lambda v: phone_digits(v.split(";")[0]),
    }
    keys = pd.Series("", index=frame.index, dtype=object)
    for column in order:
        values = map_unique(frame[column].fillna("").astype(object), normalisers[column])
        fill = (keys == "") & (values != "")
        keys[fill] = source + ":" + column + ":" + values[fill]
    rest = keys == ""
    if rest.any():
        names = map_unique(frame.loc[rest, "name"], normalise_name)
        companies = map_unique(frame.loc[rest, "company"], normalise_company)
        keys[rest] = source + ":name:" + names + "|" + companies
    return keys


def contacts_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Select the canonical contact columns, filling missing ones with ``""``.

    Examples
    --------
    >>> list(contacts_frame(pd.DataFrame({"id": ["k"], "name": ["Ann"]})).columns)[:3]
    ['id', 'name', 'company']
    """
    out = pd.DataFrame(index=frame.index)
    for column in CONTACT_COLUMNS:
        out[column] = frame[column].astype(object) if column in frame else ""
    return out.reset_index(drop=True)


def interactions_frame(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Select the canonical interaction columns (an empty frame when None).

    Examples
    --------
    >>> list(interactions_frame().columns)
    ['date', 'source', 'target', 'kind', 'value', 'notes']
    """
    if frame is None:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in INTERACTION_COLUMNS})
    out = pd.DataFrame(index=frame.index)
    for column in INTERACTION_COLUMNS:
        out[column] = frame[column].astype(object) if column in frame else ""
    return out.reset_index(drop=True)


def merge_duplicate_keys(contacts: pd.DataFrame) -> pd.DataFrame:
    """Merge records that share an incoming key into one (lists are joined).

    Two records with the same key (the same e-mail, or the same name and
    company and nothing else) are the same incoming person.

    Examples
    --------
    >>> frame = contacts_frame(pd.DataFrame({"id": ["k", "k"], "name": ["Ann", "Ann"],
    ...                                      "email": ["", "a@x.com"], "tags": ["x", "y"]}))
    >>> merge_duplicate_keys(frame)[["id", "email", "tags"]].values.tolist()
    [['k', 'a@x.com', 'x; y']]
    """
    if not contacts["id"].duplicated().any():
        return contacts

    def first_non_empty(values: pd.Series) -> str:
        for value in values:
            if value:
                return value
        return ""

    def joined(values: pd.Series) -> str:
        return join_values(item for cell in values for item in cell.split(";"))

    rules = {column: (joined if column in ("email", "phone", "tags", "services")
                      else first_non_empty) for column in contacts.columns if column != "id"}
    merged = contacts.groupby("id", sort=False, as_index=False).agg(rules)
    return merged[list(contacts.columns)]
