"""A chapter's own records: membership periods, PALMS attendance and slips.

A network folder of a networking group may hold, next to ``contacts.csv``
and ``interactions.csv``, the spreadsheets a chapter keeps, each as ``.csv``
or ``.xlsx`` (the first sheet, read with openpyxl):

``members``     ``member`` (contact id), ``joined``, ``left`` (empty while a
                member), ``category`` (the seat; the profession when empty)
``attendance``  ``date`` (a meeting), ``member``, ``status``: one PALMS letter
                or word (present, absent, late, medical, substitute)
``slips``       ``date``, ``kind``, ``source``, ``target``, ``value``,
                ``notes``; kinds ``referral``, ``tyfcb`` (with the amount),
                ``one_to_one``, ``visitor`` (target: the visitor, optional),
                ``testimonial`` and ``education`` (no target)

Every file is checked in one pass and every problem names the file, the row
and the column. Referral, TYFCB and 1-to-1 slips become interactions
(``referral``, ``business``, ``one_to_one``), and members who attended the
same meeting get a weak ``event`` contact (:func:`attendance_contacts`).
Who has left the chapter by a given day is decided in one place,
:func:`left_members`.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError
from refgraph.io.dates import as_utc

#: The note of the ``event`` rows :func:`attendance_contacts` derives from
#: attendance: what tells them apart from the interactions a user logged.
ATTENDANCE_NOTE = "chapter meeting"
#: PALMS statuses, by letter.
PALMS: dict[str, str] = {"P": "present", "A": "absent", "L": "late", "M": "medical",
                         "S": "substitute"}
#: Statuses at which the member was in the room.
IN_THE_ROOM: tuple[str, ...] = ("present", "late")
#: Slip kinds, and the interaction kind each becomes (``None``: a slip only).
SLIP_KINDS: dict[str, str | None] = {"referral": "referral", "tyfcb": "business",
                                     "one_to_one": "one_to_one", "visitor": None,
                                     "testimonial": None, "education": None}
#: Slip kinds that name no second member.
SOLO_SLIPS: tuple[str, ...] = ("visitor", "education")

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # file: (every column, required columns)
    "members": (("member", "joined", "left", "category"), ("member", "joined")),
    "attendance": (("date", "member", "status"), ("date", "member", "status")),
    "slips": (("date", "kind", "source", "target", "value", "notes"), ("date", "kind", "source")),
}


@dataclass
class ChapterData:
    """A chapter's records, validated.

    Attributes
    ----------
    members : DataFrame
        ``member``, ``joined`` and ``left`` (UTC, ``NaT`` while a member),
        ``category``; one row per membership period.
    attendance : DataFrame
        ``date`` (UTC), ``member``, ``status`` (a PALMS word).
    slips : DataFrame
        ``date`` (UTC), ``kind``, ``source``, ``target`` (``""`` when none),
        ``value`` (NaN when none), ``notes``.
    """

    members: pd.DataFrame
    attendance: pd.DataFrame
    slips: pd.DataFrame


# --------------------------------------------------------------------------- reading


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet(path: str | Path) -> tuple[pd.DataFrame, str]:
    """Read a ``.csv`` or ``.xlsx`` file as text cells, with the header lower-cased.

    Parameters
    ----------
    path : str or Path
        The file; for ``.xlsx`` the first sheet is read.

    Returns
    -------
    (DataFrame, str)
        Text cells (``""`` when empty) with a ``row`` column (the row number a
        spreadsheet shows, the header being row 1), and the unit of ``row``
        (``"line"`` for CSV, ``"row"`` for a workbook).

    Raises
    ------
    RefgraphError
        When the file cannot be read.

    Examples
    --------
    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "a.csv")
    >>> with open(path, "w") as handle:
    ...     _ = handle.write("Date,Member\\n2024-01-04,m1\\n")
    >>> read_sheet(path)[0].to_dict("records")
    [{'date': '2024-01-04', 'member': 'm1', 'row': 2}]
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        try:
            import openpyxl

            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = [[_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(
                values_only=True)]
            book.close()
        except (OSError, ValueError, KeyError, IndexError, zipfile.BadZipFile) as exc:
            raise RefgraphError(f"{path}: not a readable .xlsx workbook ({exc})") from None
        unit = "row"
    else:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                skip_blank_lines=False)
        except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise RefgraphError(f"{path}: not a readable CSV file ({exc})") from None
        rows = [list(frame.columns), *frame.to_numpy().tolist()]
        unit = "line"
    if not rows:
        raise RefgraphError(f"{path}: the file is empty; expected a header row")
    header = [str(h).strip().lower().replace(" ", "_").replace("-", "_") for h in rows[0]]
    body = [r + [""] * (len(header) - len(r)) for r in rows[1:]]
    frame = pd.DataFrame([r[:len(header)] for r in body], columns=header, dtype=object)
    frame = frame.map(lambda v: str(v).strip())
    frame["row"] = np.arange(2, len(frame) + 2)
    blank = (frame.drop(columns="row") == "").all(axis=1)
    return frame[~blank].reset_index(drop=True), unit


def _dates(frame: pd.DataFrame, column: str, problem, *, required: bool) -> pd.Series:
    text = frame[column] if column in frame else pd.Series("", index=frame.index)
    parsed = pd.to_datetime(text.where(text != ""), errors="coerce", utc=True,
                            format="ISO8601").astype("datetime64[ns, UTC]")
    bad = parsed.isna() & (text != "")
    for row in frame.loc[bad, "row"]:
        problem(row, column, f"{frame.loc[frame['row'] == row, column].iloc[0]!r} is not a "
                             "date; expected YYYY-MM-DD")
    if required:
        for row in frame.loc[text == "", "row"]:
            problem(row, column, "empty; expected a date (YYYY-MM-DD)")
    return parsed


def _ids(frame: pd.DataFrame, column: str, known: set[str], problem, *,
         required: bool = True) -> None:
    values = frame[column] if column in frame else pd.Series("", index=frame.index)
    for row, value in zip(frame["row"], values, strict=True):
        if value == "":
            if required:
                problem(row, column, "empty; expected a contact id")
        elif value not in known:
            problem(row, column, f"{value!r} is not a contact id in contacts.csv")


def check_sheet(frame: pd.DataFrame, unit: str, label: str, what: str,
                known_ids: set[str]) -> pd.DataFrame:
    """Validate one chapter file read by :func:`read_sheet`.

    Parameters
    ----------
    frame : DataFrame
        Text cells and ``row``.
    unit : str
        ``"line"`` or ``"row"``.
    label : str
        The file's name in messages.
    what : {"members", "attendance", "slips"}
        Which file it is.
    known_ids : set of str
        The network's contact ids.

    Returns
    -------
    DataFrame
        The typed table (see :class:`ChapterData`).

    Raises
    ------
    DataValidationError
        Listing every problem with file, row and column.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": ["2024-01-04"], "member": ["m1"], "status": ["x"],
    ...                      "row": [2]})
    >>> try:
    ...     check_sheet(rows, "row", "attendance.xlsx", "attendance", {"m1"})
    ... except DataValidationError as error:
    ...     print(str(error.problems[0])[:72])
    attendance.xlsx, row 2, column 'status': 'x' is not a PALMS status; expe
    """
    problems: list[Problem] = []

    def problem(row, column, message):
        problems.append(Problem(label, None if row is None else int(row), column, message, unit))

    columns, required = COLUMNS[what]
    for column in required:
        if column not in frame:
            problem(None, column, f"missing column; expected the columns {', '.join(columns)}")
    if problems:
        raise DataValidationError(problems)
    for column in columns:
        if column not in frame:
            frame[column] = ""
    if what == "members":
        _ids(frame, "member", known_ids, problem)
        joined = _dates(frame, "joined", problem, required=True)
        left = _dates(frame, "left", problem, required=False)
        for row in frame.loc[(left < joined).fillna(False), "row"]:
            problem(row, "left", "before 'joined'; expected the date the member left")
        out = pd.DataFrame({"member": frame["member"], "joined": joined, "left": left,
                            "category": frame["category"]})
    elif what == "attendance":
        _ids(frame, "member", known_ids, problem)
        date = _dates(frame, "date", problem, required=True)
        status = frame["status"].str.strip().str.lower()
        letters = status.str.upper().map(PALMS)
        words = status.where(status.isin(list(PALMS.values())))
        status = letters.fillna(words)
        for row, value in zip(frame.loc[status.isna(), "row"],
                              frame.loc[status.isna(), "status"], strict=True):
            problem(row, "status", f"{value!r} is not a PALMS status; expected P, A, L, M or S "
                                   "(present, absent, late, medical, substitute)")
        out = pd.DataFrame({"date": date, "member": frame["member"], "status": status})
    else:
        date = _dates(frame, "date", problem, required=True)
        kind = frame["kind"].str.strip().str.lower().str.replace(r"[\s-]+", "_", regex=True)
        kind = kind.replace({"1_to_1": "one_to_one", "121": "one_to_one", "ceu": "education",
                             "business": "tyfcb"})
        for row, value in zip(frame.loc[~kind.isin(list(SLIP_KINDS)), "row"],
                              frame.loc[~kind.isin(list(SLIP_KINDS)), "kind"], strict=True):
            problem(row, "kind", f"{value!r} is not a slip kind; expected one of "
                                 f"{', '.join(SLIP_KINDS)}")
        _ids(frame, "source", known_ids, problem)
        paired = ~kind.isin(SOLO_SLIPS)
        _ids(frame[paired], "target", known_ids, problem)
        value = pd.to_numeric(frame["value"].str.replace(",", ""), errors="coerce")
        for row, text in zip(frame["row"], frame["value"], strict=True):
            number = pd.to_numeric(text.replace(",", ""), errors="coerce") if text else 0.0
            if text and (pd.isna(number) or number < 0):
                problem(row, "value", f"{text!r} is not an amount; expected a number >= 0")
        for row in frame.loc[(kind == "tyfcb") & (frame["value"] == ""), "row"]:
            problem(row, "value", "empty; a tyfcb slip needs the amount of closed business")
        out = pd.DataFrame({"date": date, "kind": kind, "source": frame["source"],
                            "target": frame["target"], "value": value.astype(float),
                            "notes": frame["notes"]})
    if problems:
        raise DataValidationError(problems)
    return out.reset_index(drop=True)


def _find(folder: Path, stem: str) -> Path | None:
    found = [folder / f"{stem}{suffix}" for suffix in (".csv", ".xlsx")
             if (folder / f"{stem}{suffix}").exists()]
    if len(found) > 1:
        raise RefgraphError(f"{folder}: both {stem}.csv and {stem}.xlsx exist; keep one")
    return found[0] if found else None


def read_chapter(source: Path | dict[str, Any], known_ids: set[str]) -> ChapterData | None:
    """Read a chapter's records from a network folder or from DataFrames.

    Parameters
    ----------
    source : Path or dict
        A network folder (``members``, ``attendance`` and ``slips`` as
        ``.csv`` or ``.xlsx``), or a mapping with those keys holding
        DataFrames (problems are then reported by 1-based row).
    known_ids : set of str
        The network's contact ids.

    Returns
    -------
    ChapterData or None
        ``None`` when there is no members file: not a chapter.

    Raises
    ------
    DataValidationError
        Every problem of every file, each with file, row and column.

    Examples
    --------
    >>> data = read_chapter({"members": pd.DataFrame({"member": ["a"], "joined": ["2024-01-01"]}),
    ...                      "attendance": pd.DataFrame({"date": ["2024-01-04"], "member": ["a"],
    ...                                                  "status": ["L"]})}, {"a"})
    >>> data.attendance["status"].tolist()
    ['late']
    """
    sheets: dict[str, tuple[pd.DataFrame, str, str]] = {}
    for what in COLUMNS:
        if isinstance(source, Path):
            path = _find(source, what)
            if path is not None:
                frame, unit = read_sheet(path)
                sheets[what] = (frame, unit, str(path))
        elif source.get(what) is not None:
            frame = pd.DataFrame(source[what]).astype(str).replace({"nan": "", "None": "",
                                                                    "NaT": ""})
            frame.columns = [str(c).strip().lower() for c in frame.columns]
            frame["row"] = np.arange(1, len(frame) + 1)
            sheets[what] = (frame, "row", f"{what} frame")
    if "members" not in sheets:
        if sheets:
            raise RefgraphError(f"{', '.join(label for _, _, label in sheets.values())}: a "
                                "chapter needs its members file too (member, joined, left, "
                                "category)")
        return None
    problems: list[Problem] = []
    checked: dict[str, pd.DataFrame] = {}
    for what in COLUMNS:
        if what not in sheets:
            checked[what] = check_sheet(pd.DataFrame({"row": []}).assign(
                **{c: pd.Series(dtype=object) for c in COLUMNS[what][0]}), "row", what, what,
                known_ids)
            continue
        frame, unit, label = sheets[what]
        try:
            checked[what] = check_sheet(frame, unit, label, what, known_ids)
        except DataValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataValidationError(problems)
    return ChapterData(**checked)


# --------------------------------------------------------------------------- membership


def _no_members(name: str) -> pd.Series:
    """An empty date per member, for a chapter without a roster."""
    return pd.Series([], index=pd.Index([], dtype=object, name="member"),
                     dtype="datetime64[ns, UTC]", name=name)


def left_members(chapter: ChapterData, as_of: pd.Timestamp | str) -> pd.Series:
    """When each person who had left the chapter by ``as_of`` left it.

    Only membership periods begun by ``as_of`` count. Someone with one of them
    still open at ``as_of`` (no ``left``, or a ``left`` after it) is a member,
    however often they left before: who left and rejoined has not left. Anyone
    else with a period begun by then has left, on the latest ``left`` of those
    periods. A period that ends at ``as_of`` itself has ended (``left <= as_of``;
    the commands pass the end of the as-of day, so a member whose ``left`` is
    that day has left). Someone who joins only after ``as_of`` is neither.

    Parameters
    ----------
    chapter : ChapterData
        The chapter's records; their ``members`` periods are read.
    as_of : Timestamp or str
        The moment (UTC when it has no time zone).

    Returns
    -------
    Series
        The date each one left (UTC), indexed by member id in id order; empty
        when nobody had left.

    Examples
    --------
    >>> day = lambda *days: pd.to_datetime(list(days), utc=True)
    >>> members = pd.DataFrame({"member": ["a", "b", "b", "c"],
    ...     "joined": day("2023-01-01", "2023-01-01", "2024-03-01", "2023-01-01"),
    ...     "left": day("2024-02-29", "2023-06-30", None, "2024-09-30"), "category": ""})
    >>> chapter = ChapterData(members, pd.DataFrame(), pd.DataFrame())
    >>> {m: f"{d:%Y-%m-%d}" for m, d in left_members(chapter, "2024-06-30").items()}
    {'a': '2024-02-29'}
    """
    stamp = as_utc(as_of)
    members = chapter.members
    if members.empty:
        return _no_members("left")
    periods = members.loc[(members["joined"] <= stamp).to_numpy(dtype=bool)]
    ended = (periods["left"].notna() & (periods["left"] <= stamp)).to_numpy(dtype=bool)
    members_now = set(periods.loc[~ended, "member"])
    last_left = periods.loc[ended].groupby("member")["left"].max()
    return last_left.loc[~last_left.index.isin(members_now)].rename("left")


def members_since(chapter: ChapterData, as_of: pd.Timestamp | str) -> pd.Series:
    """When each member of the chapter at ``as_of`` joined (the period open then).

    A period is open from its ``joined`` until its ``left`` (not included), as
    :func:`left_members` reads them.

    Examples
    --------
    >>> day = lambda *days: pd.to_datetime(list(days), utc=True)
    >>> members = pd.DataFrame({"member": ["a", "b", "b"],
    ...     "joined": day("2023-01-01", "2023-01-01", "2024-03-01"),
    ...     "left": day("2024-02-29", "2023-06-30", None), "category": ""})
    >>> chapter = ChapterData(members, pd.DataFrame(), pd.DataFrame())
    >>> {m: f"{d:%Y-%m-%d}" for m, d in members_since(chapter, "2024-06-30").items()}
    {'b': '2024-03-01'}
    """
    stamp = as_utc(as_of)
    members = chapter.members
    if members.empty:
        return _no_members("joined")
    open_now = ((members["joined"] <= stamp)
                & (members["left"].isna() | (members["left"] > stamp))).to_numpy(dtype=bool)
    return members.loc[open_now].groupby("member")["joined"].max()


# --------------------------------------------------------------------------- as interactions


def slip_interactions(chapter: ChapterData,
                      contact_ids: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """Referral, TYFCB and 1-to-1 slips as interaction rows.

    A visitor slip whose visitor is a contact (``contact_ids``) becomes an
    ``introduction`` from the member who brought them: inviting someone into
    the room introduces them to the chapter, and the two know each other.

    Examples
    --------
    >>> slips = pd.DataFrame({"date": pd.to_datetime(["2024-01-04"], utc=True),
    ...     "kind": ["tyfcb"], "source": ["a"], "target": ["b"], "value": [500.0],
    ...     "notes": [""]})
    >>> chapter = ChapterData(pd.DataFrame(), pd.DataFrame(), slips)
    >>> slip_interactions(chapter)[["source", "target", "kind", "value"]].values.tolist()
    [['a', 'b', 'business', 500.0]]
    """
    slips = chapter.slips
    kinds = slips["kind"].map(SLIP_KINDS)
    kinds = kinds.mask((slips["kind"] == "visitor") & slips["target"].isin(contact_ids),
                       "introduction")
    paired = slips[kinds.notna()]
    return pd.DataFrame({"date": paired["date"], "source": paired["source"],
                         "target": paired["target"], "kind": kinds[kinds.notna()],
                         "value": paired["value"],
                         "notes": (paired["kind"] + " slip " + paired["notes"]).str.strip()})


def attendance_contacts(chapter: ChapterData, every_days: float) -> pd.DataFrame:
    """``event`` rows between members who were in the room at the same meeting.

    Each pair gets at most one row per ``every_days`` window (counted from the
    first meeting), on the first meeting of the window they shared: a weekly
    room keeps people visible without counting as 52 contacts a year.

    Parameters
    ----------
    chapter : ChapterData
        The chapter's records.
    every_days : float
        Window length in days (0: every shared meeting).

    Returns
    -------
    DataFrame
        ``date``, ``source``, ``target``, ``kind`` (``"event"``), ``value``, ``notes``.

    Examples
    --------
    >>> att = pd.DataFrame({"date": pd.to_datetime(["2024-01-04"] * 3 + ["2024-01-11"] * 2,
    ...                                          utc=True),
    ...                     "member": ["a", "b", "c", "a", "b"],
    ...                     "status": ["present", "late", "absent", "present", "present"]})
    >>> rows = attendance_contacts(ChapterData(pd.DataFrame(), att, pd.DataFrame()), 28)
    >>> rows[["source", "target"]].values.tolist()
    [['a', 'b']]
    """
    room = chapter.attendance[chapter.attendance["status"].isin(IN_THE_ROOM)]
    room = room.drop_duplicates(["date", "member"])
    pairs = room.merge(room, on="date", suffixes=("_a", "_b"))
    pairs = pairs[pairs["member_a"] < pairs["member_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=["date", "source", "target", "kind", "value", "notes"])
    first = room["date"].min()
    elapsed = (pairs["date"] - first) / pd.Timedelta(days=1)
    window = (elapsed // every_days) if every_days > 0 else elapsed
    pairs = pairs.assign(window=window.to_numpy()).sort_values("date", kind="stable")
    pairs = pairs.drop_duplicates(["member_a", "member_b", "window"])
    return pd.DataFrame({"date": pairs["date"].to_numpy(), "source": pairs["member_a"].to_numpy(),
                         "target": pairs["member_b"].to_numpy(), "kind": "event",
                         "value": np.nan, "notes": ATTENDANCE_NOTE})


def from_attendance(rows: pd.DataFrame) -> np.ndarray:
    """Which interaction rows the loader derived from chapter attendance.

    Members in the room at the same meeting get an ``event`` with each other
    (:func:`attendance_contacts`, docs/chapter.md). Those rows are in no file
    the user keeps, so counts a user checks against ``interactions.csv`` and
    the slips leave them out, and nurture does not count them as being in touch.
    They are the ``event`` rows with the loader's note and no line of a file;
    a row logged in ``interactions.csv`` always has its line.

    Parameters
    ----------
    rows : DataFrame
        Interactions as :attr:`Network.interactions` holds them.

    Returns
    -------
    ndarray of bool
        True for a row derived from attendance.

    Examples
    --------
    >>> rows = pd.DataFrame({"kind": ["event", "event", "call"],
    ...                      "notes": ["chapter meeting"] * 3, "line": [pd.NA, 7, pd.NA]})
    >>> from_attendance(rows).tolist()
    [True, False, False]
    """
    if "line" not in rows or "notes" not in rows:
        return np.zeros(len(rows), dtype=bool)
    derived = rows["line"].isna().to_numpy(dtype=bool, copy=True)
    if not derived.any():  # no chapter: spare millions of text comparisons
        return derived
    added = rows[derived]
    derived[derived] = ((added["kind"].astype(str) == "event")
                        & (added["notes"] == ATTENDANCE_NOTE)).to_numpy(dtype=bool)
    return derived


def with_chapter_rows(interactions: pd.DataFrame, chapter: ChapterData,
                      every_days: float,
                      contact_ids: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """The interactions with the chapter's slips and attendance contacts appended.

    Parameters
    ----------
    interactions : DataFrame
        The validated interactions (as :class:`refgraph.Network` holds them).
    chapter : ChapterData
        The chapter's records.
    every_days : float
        See :func:`attendance_contacts`.
    contact_ids : set of str
        The network's contact ids (see :func:`slip_interactions`).

    Returns
    -------
    DataFrame
        The same columns; added rows have ``line`` ``<NA>``.

    Examples
    --------
    >>> net_rows = pd.DataFrame({"date": pd.to_datetime([], utc=True), "source": [],
    ...     "target": [], "kind": pd.Categorical([], categories=["referral", "event"]), "value": [],
    ...     "notes": [], "line": pd.array([], dtype="Int64")})
    >>> slips = pd.DataFrame({"date": pd.to_datetime(["2024-01-04"], utc=True),
    ...     "kind": ["referral"], "source": ["a"], "target": ["b"], "value": [np.nan],
    ...     "notes": [""]})
    >>> empty = pd.DataFrame({"date": pd.to_datetime([], utc=True), "member": [], "status": []})
    >>> len(with_chapter_rows(net_rows, ChapterData(pd.DataFrame(), empty, slips), 28))
    1
    """
    added = pd.concat([slip_interactions(chapter, contact_ids),
                       attendance_contacts(chapter, every_days)], ignore_index=True)
    if added.empty:
        return interactions
    added["date"] = pd.to_datetime(added["date"], utc=True).astype(interactions["date"].dtype)
    added["value"] = added["value"].astype(float)
    for column in interactions.columns:
        if column not in added:
            added[column] = pd.NA if column == "line" else ""
    added = added[list(interactions.columns)]
    categories = interactions["kind"].cat.categories
    kinds = pd.Categorical(np.concatenate([interactions["kind"].astype(object).to_numpy(),
                                           added["kind"].astype(object).to_numpy()]),
                           categories=categories)
    merged = pd.concat([interactions.assign(kind=interactions["kind"].astype(object)), added],
                       ignore_index=True)
    merged["kind"] = kinds
    merged["line"] = merged["line"].astype("Int64")
    return merged
