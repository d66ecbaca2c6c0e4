"""Loading and validating a network: ``contacts.csv``, ``interactions.csv``, ``network.toml``.

One pass per file gathers every problem with its file, 1-based line and column;
problems that make the data unusable raise one :class:`DataValidationError`
listing them, oddities that can be recovered from load with a
:class:`RefgraphWarning` (or raise, with ``strict=True``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph._errors import DataValidationError, Problem, RefgraphError, RefgraphWarning
from refgraph._text import clean_identifier, clean_text, map_unique
from refgraph.network import Network
from refgraph.settings import KINDS, Settings, load_settings, settings_from_dict

CONTACT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "company",
    "profession",
    "services",
    "tags",
    "email",
    "phone",
    "character",
    "competency",
    "notes",
)
CONTACT_REQUIRED: tuple[str, ...] = ("id", "name")
INTERACTION_COLUMNS: tuple[str, ...] = ("date", "source", "target", "kind", "value", "notes")
INTERACTION_REQUIRED: tuple[str, ...] = ("date", "source", "target", "kind")

# ISO 8601 calendar date, optionally with a time and a UTC offset.
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_DATE_EXPECTED = (
    "expected an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][+HH:MM])"
)


class _Table:
    """A file's cells as strings, with the 1-based line each row starts on."""

    def __init__(self, label: str, frame: pd.DataFrame, lines: np.ndarray, unit: str = "line"):
        self.label = label
        self.frame = frame
        self.lines = lines
        self.unit = unit

    def problem(self, position: int | None, column: str | None, message: str) -> Problem:
        line = None if position is None else int(self.lines[position])
        return Problem(self.label, line, column, message, unit=self.unit)


# --------------------------------------------------------------------------- decoding


def _decode(raw: bytes, label: str, encoding: str | None) -> str:
    """Decode file bytes: UTF-8 (BOM optional), UTF-16 with BOM, or ``encoding``."""
    if encoding is None:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        elif raw.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        else:
            encoding = "utf-8"
    try:
        return raw.decode(encoding)
    except LookupError:
        raise RefgraphError(f"{label}: unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problem = Problem(
            label,
            line,
            None,
            f"byte {exc.start} (0x{raw[exc.start]:02x}) cannot be decoded as {encoding}; "
            "expected UTF-8 or UTF-16 with a BOM (or pass encoding=...)",
        )
        raise DataValidationError([problem]) from None


# --------------------------------------------------------------------------- CSV structure


def _normalise_header(header: list[str], known: tuple[str, ...]) -> list[str]:
    names = []
    for raw_name in header:
        name = clean_identifier(raw_name)
        names.append(name.lower() if name.lower() in known else name)
    return names


def _check_header(names: list[str], label: str, required: tuple[str, ...]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(Problem(label, 1, None, f"header field {position} is empty"))
        elif name in seen:
            problems.append(
                Problem(label, 1, name, "column appears twice in the header; expected unique names")
            )
        seen.add(name)
    missing = [column for column in required if column not in seen]
    if missing:
        problems.append(
            Problem(
                label,
                1,
                ", ".join(missing),
                f"required column missing; the header must include {', '.join(required)}",
            )
        )
    return problems


def _records_slow(text: str, label: str, width: int) -> tuple[list[list[str]], list[int]]:
    """Parse with the csv module, tracking the line each record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not row:
                continue  # blank line
            if start == 1:
                continue  # header, already checked
            if len(row) != width:
                problems.append(
                    Problem(label, start, None, f"expected {width} fields, found {len(row)}")
                )
                continue
            rows.append(row)
            lines.append(start)
    except csv.Error as exc:
        start = previous_end + 1
        problems.append(
            Problem(label, start, None, f"malformed CSV ({exc}); check for an unclosed quote")
        )
    if problems:
        raise DataValidationError(problems)
    return rows, lines


def _read_csv_text(
    text: str, label: str, known: tuple[str, ...], required: tuple[str, ...]
) -> _Table:
    if not text.strip():
        expected = ", ".join(required)
        raise DataValidationError(
            [Problem(label, None, None, f"file is empty; expected a header with {expected}")]
        )
    first_line = text.split("\n", 1)[0]
    try:
        header = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        header = []
    names = _normalise_header(header, known)
    problems = _check_header(names, label, required)
    if problems:
        raise DataValidationError(problems)
    width = len(names)

    if '"' not in text:
        # Fast path: no quoting, so one record per non-blank physical line and the
        # field count is the comma count plus one.
        physical = pd.Series(text.split("\n"), dtype=object).str.rstrip("\r")
        body = physical.iloc[1:]
        body = body[body != ""]
        counts = body.str.count(",").to_numpy() + 1
        bad = np.flatnonzero(counts != width)
        if len(bad):
            raise DataValidationError(
                [
                    Problem(label, int(body.index[i]) + 1, None,
                            f"expected {width} fields, found {counts[i]}")
                    for i in bad
                ]
            )
        lines = body.index.to_numpy() + 1
        if len(body) == 0:
            frame = pd.DataFrame({name: pd.Series(dtype=object) for name in names})
        else:
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                header=0,
                names=names,
                index_col=False,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                engine="c",
            )
            frame = frame.astype(object)
    else:
        rows, line_list = _records_slow(text, label, width)
        frame = pd.DataFrame(rows, columns=names, dtype=object)
        lines = np.asarray(line_list, dtype=np.int64)
    return _Table(label, frame.reset_index(drop=True), np.asarray(lines, dtype=np.int64))


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
    return _read_csv_text(_decode(raw, label, encoding), label, known, required)


def _frame_to_table(
    frame: pd.DataFrame, label: str, known: tuple[str, ...], required: tuple[str, ...]
) -> _Table:
    """Turn a user's DataFrame into strings so it is validated like a file."""
    if not isinstance(frame, pd.DataFrame):
        raise RefgraphError(f"{label}: expected a pandas DataFrame, got {type(frame).__name__}")
    names = _normalise_header([str(c) for c in frame.columns], known)
    problems = _check_header(names, label, required)
    if problems:
        raise DataValidationError(problems)
    columns = {}
    for name, (_, series) in zip(names, frame.items(), strict=True):
        if pd.api.types.is_datetime64_any_dtype(series):
            text = series.map(lambda t: "" if pd.isna(t) else t.isoformat())
        else:
            text = series.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                              else (v.isoformat() if hasattr(v, "isoformat") else str(v)))
        columns[name] = text.astype(object).to_numpy()
    out = pd.DataFrame(columns, columns=names)
    # Row numbers are 1-based positions in the frame.
    return _Table(label, out, np.arange(1, len(out) + 1, dtype=np.int64), unit="row")


# --------------------------------------------------------------------------- validation


def _report(problems: list[Problem], *, strict: bool, error: bool) -> None:
    if not problems:
        return
    if error or strict:
        raise DataValidationError(problems)
    warnings.warn(str(DataValidationError(problems)), RefgraphWarning, stacklevel=4)


def _line_list(table: _Table, mask: np.ndarray, limit: int = 10) -> str:
    lines = table.lines[mask]
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (f" and {len(lines) - limit} more" if len(lines) > limit else "")


def _warn_extra_columns(table: _Table, known: tuple[str, ...], strict: bool) -> None:
    extra = [c for c in table.frame.columns if c not in known]
    if extra:
        message = (
            f"unknown column(s) {', '.join(extra)} kept as contact attributes"
            if known is CONTACT_COLUMNS
            else f"unknown column(s) {', '.join(extra)} kept as interaction attributes"
        )
        _report([Problem(table.label, 1, None, message, unit=table.unit)],
                strict=strict, error=False)


def _ids(table: _Table, column: str, problems: list[Problem]) -> pd.Series:
    ids = map_unique(table.frame[column], clean_identifier)
    for position in np.flatnonzero((ids == "").to_numpy()):
        problems.append(table.problem(position, column, "empty id; expected a contact id"))
    return ids


def _ratings(table: _Table, column: str, problems: list[Problem]) -> pd.Series:
    raw = table.frame[column].map(lambda v: v.strip() if isinstance(v, str) else v)
    numbers = pd.to_numeric(raw.replace("", np.nan), errors="coerce")
    given = (raw != "").to_numpy()
    valid = numbers.isin([1, 2, 3, 4, 5]).to_numpy()
    for position in np.flatnonzero(given & ~valid):
        problems.append(
            table.problem(position, column, f"{raw.iloc[position]!r} is not a rating; expected a "
                          "whole number from 1 to 5 or an empty cell")
        )
    return numbers.where(given & valid).astype("Float64").astype("Int64")


def validate_contacts(table: _Table, *, strict: bool = False) -> pd.DataFrame:
    """Validate the contacts table and return the clean contacts frame."""
    frame = table.frame
    problems: list[Problem] = []
    ids = _ids(table, "id", problems)
    names = map_unique(frame["name"], clean_identifier)
    for position in np.flatnonzero(((names == "") & (ids != "")).to_numpy()):
        problems.append(table.problem(position, "name", "empty name; expected a display name"))

    duplicated = ids.duplicated(keep=False) & (ids != "")
    if duplicated.any():
        first_line: dict[str, int] = {}
        for position in np.flatnonzero(duplicated.to_numpy()):
            key = ids.iloc[position]
            if key in first_line:
                problems.append(
                    table.problem(position, "id", f"duplicate id {key!r}: already used on "
                                  f"line {first_line[key]}; expected unique ids")
                )
            else:
                first_line[key] = int(table.lines[position])

    clean = pd.DataFrame({"id": ids, "name": names})
    for column in CONTACT_COLUMNS[2:]:
        if column in ("character", "competency"):
            clean[column] = (
                _ratings(table, column, problems) if column in frame
                else pd.Series(pd.NA, index=frame.index, dtype="Int64")
            )
        elif column in frame:
            clean[column] = map_unique(frame[column], clean_text)
        else:
            clean[column] = ""
    for column in frame.columns:
        if column not in CONTACT_COLUMNS:
            clean[column] = map_unique(frame[column], clean_text)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.line or 0)))
    _warn_extra_columns(table, CONTACT_COLUMNS, strict)
    clean["line"] = table.lines
    return clean


def _parse_dates(table: _Table, problems: list[Problem]) -> pd.Series:
    raw = table.frame["date"]
    codes, uniques = pd.factorize(raw)
    uniques = pd.Series(uniques, dtype=object).str.strip()
    well_formed = uniques.str.match(_ISO_DATE).fillna(False).to_numpy(dtype=bool)
    parsed = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[us, UTC]")
    if well_formed.any():
        # Z and a space separator are valid ISO 8601 spellings pandas reads too.
        parsed[well_formed] = pd.to_datetime(
            uniques[well_formed], format="ISO8601", utc=True, errors="coerce"
        ).astype("datetime64[us, UTC]")
    dates = pd.Series(parsed.to_numpy()[codes], index=raw.index)
    for position in np.flatnonzero(dates.isna().to_numpy()):
        value = raw.iloc[position]
        if not str(value).strip():
            message = f"empty date; {_DATE_EXPECTED}"
        elif _ISO_DATE.match(str(value).strip()):
            message = f"{value!r} is not a real date or time; {_DATE_EXPECTED}"
        else:
            message = f"{value!r} is not ISO 8601; {_DATE_EXPECTED}"
        problems.append(table.problem(position, "date", message))
    return dates


def _normalise_kind(value: str) -> str:
    return re.sub(r"[\s\-]+", "_", value.strip().lower())


def validate_interactions(table: _Table) -> pd.DataFrame:
    """Validate the interactions table and return the clean interactions frame."""
    frame = table.frame
    problems: list[Problem] = []
    dates = _parse_dates(table, problems)
    sources = _ids(table, "source", problems)
    targets = _ids(table, "target", problems)

    kinds = map_unique(frame["kind"], _normalise_kind)
    bad_kind = ~kinds.isin(KINDS).to_numpy()
    for position in np.flatnonzero(bad_kind):
        problems.append(
            table.problem(position, "kind", f"{frame['kind'].iloc[position]!r} is not a kind; "
                          f"expected one of: {', '.join(KINDS)}")
        )

    if "value" in frame:
        raw_value = frame["value"].map(lambda v: v.strip() if isinstance(v, str) else v)
        values = pd.to_numeric(raw_value.replace("", np.nan), errors="coerce").astype(float)
        given = (raw_value != "").to_numpy()
        finite = np.isfinite(values.to_numpy())
        for position in np.flatnonzero(given & ~finite):
            problems.append(table.problem(position, "value", f"{raw_value.iloc[position]!r} is "
                                          "not a number; expected a finite amount >= 0"))
        for position in np.flatnonzero(given & finite & (values.to_numpy() < 0)):
            problems.append(table.problem(position, "value", f"{raw_value.iloc[position]!r} is "
                                          "negative; expected an amount >= 0"))
    else:
        values = pd.Series(np.nan, index=frame.index)

    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.line or 0)))

    clean = pd.DataFrame(
        {
            "date": dates,
            "source": sources,
            "target": targets,
            "kind": pd.Categorical(kinds, categories=KINDS),
            "value": values.to_numpy(dtype=float),
            "notes": map_unique(frame["notes"], clean_text) if "notes" in frame else "",
        }
    )
    for column in frame.columns:
        if column not in INTERACTION_COLUMNS:
            clean[column] = map_unique(frame[column], clean_text)
    clean["line"] = table.lines
    return clean


def _reconcile(
    contacts: pd.DataFrame,
    interactions: pd.DataFrame,
    contacts_table: _Table,
    table: _Table,
    strict: bool,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Report self-loops, unknown ids and duplicate rows; return usable frames."""
    self_loop = (interactions["source"] == interactions["target"]).to_numpy()
    if self_loop.any():
        _report([table.problem(None, "source, target",
                               f"{int(self_loop.sum())} interaction(s) name the same person as "
                               f"source and target (lines {_line_list(table, self_loop)}); "
                               "they are ignored")],
                strict=strict, error=False)
        interactions = interactions[~self_loop]

    known = pd.Index(contacts["id"])
    unknown_source = ~interactions["source"].isin(known).to_numpy()
    unknown_target = ~interactions["target"].isin(known).to_numpy()
    unknown_rows = unknown_source | unknown_target
    if unknown_rows.any():
        missing = pd.unique(
            np.concatenate([interactions["source"].to_numpy()[unknown_source],
                            interactions["target"].to_numpy()[unknown_target]])
        )
        shown = ", ".join(repr(m) for m in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        mask = np.zeros(len(table.lines), dtype=bool)
        mask[interactions.index.to_numpy()[unknown_rows]] = True
        _report([table.problem(None, "source, target",
                               f"{int(unknown_rows.sum())} interaction(s) (lines "
                               f"{_line_list(table, mask)}) name {len(missing)} id(s) not in "
                               f"{contacts_table.label}: {shown}{more}; they were added as "
                               "contacts named by their id")],
                strict=strict, error=False)
        added = pd.DataFrame({"id": missing, "name": missing})
        contacts = pd.concat([contacts, added], ignore_index=True)
        for column in ("character", "competency"):
            contacts[column] = contacts[column].astype("Int64")
        contacts = contacts.fillna({c: "" for c in contacts.columns
                                    if c not in ("character", "competency", "line")})

    key_columns = [c for c in interactions.columns if c != "line"]
    duplicate = interactions.duplicated(subset=key_columns, keep="first").to_numpy()
    if duplicate.any():
        mask = np.zeros(len(table.lines), dtype=bool)
        mask[interactions.index.to_numpy()[duplicate]] = True
        _report([table.problem(None, None,
                               f"{int(duplicate.sum())} row(s) repeat an earlier row exactly "
                               f"(lines {_line_list(table, mask)}); each is counted once")],
                strict=strict, error=False)
        interactions = interactions[~duplicate]
    return contacts, interactions.reset_index(drop=True)


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
    toml_settings: Settings | None = None
    if isinstance(path_or_frames, str | Path):
        folder = Path(path_or_frames)
        if not folder.is_dir():
            raise RefgraphError(
                f"{folder}: not a network folder; expected a folder holding contacts.csv and "
                "interactions.csv"
            )
        contacts_table = _read_csv_file(
            folder / "contacts.csv", CONTACT_COLUMNS, CONTACT_REQUIRED, encoding
        )
        interactions_table = _read_csv_file(
            folder / "interactions.csv", INTERACTION_COLUMNS, INTERACTION_REQUIRED, encoding
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
        contacts_table = _frame_to_table(
            contacts_frame, "contacts frame", CONTACT_COLUMNS, CONTACT_REQUIRED
        )
        interactions_table = _frame_to_table(
            interactions_frame, "interactions frame", INTERACTION_COLUMNS, INTERACTION_REQUIRED
        )
        source_path = None

    if isinstance(settings, Settings):
        toml_settings = settings
    elif settings is not None:
        toml_settings = settings_from_dict(dict(settings))

    contacts = validate_contacts(contacts_table, strict=strict)
    interactions = validate_interactions(interactions_table)
    _warn_extra_columns(interactions_table, INTERACTION_COLUMNS, strict)
    contacts, interactions = _reconcile(
        contacts, interactions, contacts_table, interactions_table, strict
    )
    resolved = toml_settings or Settings()
    if resolved.owner is not None and resolved.owner not in set(contacts["id"]):
        raise RefgraphError(
            f"owner {resolved.owner!r} (from network.toml) is not a contact id in "
            f"{contacts_table.label}"
        )
    return Network(contacts=contacts, interactions=interactions, settings=resolved,
                   path=source_path)
