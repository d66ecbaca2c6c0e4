"""Reading ``network.toml``: every key checked, every error naming file, line and key.

``tomllib`` parses the file (its syntax errors carry their own line and
column); :func:`settings_from_dict` checks each key and value against the
:class:`~refgraph.io.settings.Settings` dataclasses and their defaults, and
:func:`load_settings` adds the line of the file that sets the offending key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from refgraph.errors import RefgraphError, SettingsError
from refgraph.io.dates import parse_as_of
from refgraph.io.settings import (
    DEFAULT_HALF_LIFE_DAYS,
    DEFAULT_KIND_WEIGHTS,
    KINDS,
    STAGES,
    AskSettings,
    ContactSettings,
    EngineSettings,
    ImportSettings,
    NurtureSettings,
    PathSettings,
    ReferSettings,
    ReportSettings,
    Settings,
    StageSettings,
    StatsSettings,
    TrustSettings,
    VizSettings,
)
from refgraph.io.settings_scorecard import ScorecardSettings

_SECTIONS = {
    "trust": TrustSettings,
    "stages": StageSettings,
    "refer": ReferSettings,
    "ask": AskSettings,
    "path": PathSettings,
    "nurture": NurtureSettings,
    "stats": StatsSettings,
    "viz": VizSettings,
    "report": ReportSettings,
    "imports": ImportSettings,
    "contacts": ContactSettings,
    "engine": EngineSettings,
    "scorecard": ScorecardSettings,
}


#: Largest whole number a setting takes: a count, a seed, a number of months or
#: of layout steps beyond it is a typo (and would overflow or run for ever).
MAX_WHOLE_NUMBER = 2**31 - 1


def _check_number(value: Any, where: str, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SettingsError(f"{where}: expected a finite number, got {value!r}")
    if positive and value <= 0:
        raise SettingsError(f"{where}: expected a number > 0, got {value!r}")
    if not positive and value < 0:
        raise SettingsError(f"{where}: expected a number >= 0, got {value!r}")
    return float(value)


def _unknown_key(where: str, key: str, known: Sequence[str]) -> SettingsError:
    """The error for a key no setting has, suggesting the closest one (a typo, mostly).

    Examples
    --------
    >>> str(_unknown_key("network.toml", "halflife", ["owner", "half_life_days"]))
    "network.toml: unknown key 'halflife'; did you mean 'half_life_days'? expected one of: \
owner, half_life_days"
    """
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return SettingsError(f"{where}: unknown key '{key}'; {guess}expected one of: "
                         f"{', '.join(known)}")


def _per_kind(table: Any, where: str, defaults: dict[str, float], *, positive: bool):
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: expected a table of kind = number")
    merged = dict(defaults)
    for key, value in table.items():
        if key not in KINDS:
            raise _unknown_key(where, key, KINDS)
        merged[key] = _check_number(value, f"{where}.{key}", positive=positive)
    return merged


def _section(cls: type, table: Any, where: str):
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: expected a table")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in fields:
            raise _unknown_key(where, key, list(fields))
        default = getattr(cls(), key)
        if isinstance(default, tuple) and default and isinstance(default[0], tuple):
            values[key] = _bands(value, f"{where}.{key}")  # a points table
        elif isinstance(default, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"{where}.{key}: expected a list of strings, got {value!r}")
            values[key] = tuple(value)
        elif isinstance(default, str):
            if key.endswith("stage"):
                if value not in STAGES:
                    raise SettingsError(
                        f"{where}.{key}: expected one of {', '.join(STAGES)}, got {value!r}"
                    )
            elif not isinstance(value, str):
                raise SettingsError(f"{where}.{key}: expected a string, got {value!r}")
            values[key] = value
        elif isinstance(default, int) and not isinstance(default, bool):
            if (isinstance(value, bool) or not isinstance(value, int) or value < 0
                    or value > MAX_WHOLE_NUMBER):
                raise SettingsError(f"{where}.{key}: expected a whole number from 0 to "
                                    f"{MAX_WHOLE_NUMBER:,}, got {value!r}")
            values[key] = value
        else:
            values[key] = _check_number(value, f"{where}.{key}", positive=False)
    return cls(**values)


def _bands(value: Any, where: str) -> tuple[tuple[float, float], ...]:
    """A points table: a list of ``[threshold, points]`` pairs."""
    if not isinstance(value, list) or not all(isinstance(b, list) and len(b) == 2
                                              for b in value):
        raise SettingsError(f"{where}: expected a list of [threshold, points] pairs, "
                            f"got {value!r}")
    return tuple((_check_number(threshold, where, positive=False),
                  _check_number(points, where, positive=False)) for threshold, points in value)


#: The phrase lists of a ``[needs.NAME]`` situation, in the order of
#: :class:`refgraph.judge.taxonomy.Need`'s fields.
NEED_LISTS: tuple[str, ...] = ("keywords", "professions", "context", "leads")


def _needs(table: Any, where: str) -> dict[str, dict[str, list[str]]]:
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: expected a table of situations")
    needs: dict[str, dict[str, list[str]]] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict):
            raise SettingsError(f"{where}.{name}: expected a table with keywords and professions")
        clean: dict[str, list[str]] = {}
        for key, words in entry.items():
            if key not in NEED_LISTS:
                raise _unknown_key(f"{where}.{name}", key, NEED_LISTS)
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise SettingsError(f"{where}.{name}.{key}: expected a list of strings")
            clean[key] = list(words)
        needs[name] = clean
    return needs


def settings_from_dict(data: dict[str, Any], *, source: str = "settings") -> Settings:
    """Build :class:`Settings` from a parsed ``network.toml`` mapping.

    Parameters
    ----------
    data : dict
        Keys as in ``network.toml``.
    source : str
        Name used in error messages (usually the file path).

    Returns
    -------
    Settings
        Defaults overridden by ``data``.

    Raises
    ------
    SettingsError
        For an unknown key or a value of the wrong type, naming the key.

    Examples
    --------
    >>> settings_from_dict({"owner": "me", "kind_weights": {"call": 2}}).kind_weights["call"]
    2.0
    """
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{source}: {key}"
        if key == "owner":
            if not isinstance(value, str) or not value.strip():
                raise SettingsError(f"{where}: expected a contact id (a non-empty string)")
            values["owner"] = value.strip()
        elif key == "as_of":
            values["as_of"] = _as_of(value, where)
        elif key == "kind_weights":
            values[key] = _per_kind(value, where, DEFAULT_KIND_WEIGHTS, positive=False)
        elif key == "half_life_days":
            values[key] = _per_kind(value, where, DEFAULT_HALF_LIFE_DAYS, positive=True)
        elif key in _SECTIONS:
            try:
                values[key] = _section(_SECTIONS[key], value, where)
            except SettingsError as exc:
                # A section's own checks (__post_init__) do not know the file.
                if str(exc).startswith(source):
                    raise
                raise SettingsError(f"{source}: {exc}") from None
        elif key == "needs":
            values[key] = _needs(value, where)
        else:
            known = ["owner", "as_of", "kind_weights", "half_life_days", *_SECTIONS, "needs"]
            raise _unknown_key(source, key, known)
    return Settings(**values)


def _as_of(value: Any, where: str) -> str:
    """A pinned ``as_of``: a TOML date or date-time, or a string holding one."""
    if isinstance(value, dt.date):  # TOML dates and date-times arrive parsed
        value = value.isoformat()
    if isinstance(value, str):
        try:
            parse_as_of(value)
            return value.strip()
        except RefgraphError:
            pass
    raise SettingsError(f"{where}: expected a date such as \"2025-09-30\" (YYYY-MM-DD) or an "
                        f"ISO 8601 date-time, got {value!r}")


def load_settings(path: str | Path) -> Settings:
    """Read a ``network.toml`` file.

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    Settings
        The settings, defaults filled in.

    Raises
    ------
    SettingsError
        When the file is not valid TOML or holds an unknown key or a bad value.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    try:
        return settings_from_dict(data, source=str(path))
    except SettingsError as exc:
        prefix = f"{path}: "
        message = str(exc)
        if not message.startswith(prefix):
            raise
        rest = message[len(prefix):]
        line = _toml_line(raw.decode("utf-8"), _key_named_in(rest))
        if line is None:
            raise
        raise SettingsError(f"{path}, line {line}: {rest}") from None


def _key_named_in(message: str) -> list[str]:
    """The dotted key a settings error message is about, as a list of parts."""
    unknown = re.match(r"(?:([\w.-]+): )?unknown key '([^']*)'", message)
    if unknown:
        table = unknown.group(1).split(".") if unknown.group(1) else []
        return [*table, unknown.group(2)]
    named = re.match(r"([\w.-]+):", message)
    return named.group(1).split(".") if named else []


def _toml_line(text: str, key: list[str]) -> int | None:
    r"""1-based line of ``network.toml`` that sets ``key`` (or its nearest enclosing table).

    Examples
    --------
    >>> _toml_line('owner = "me"\n[trust]\nscael = 1\n', ["trust", "scael"])
    3
    >>> _toml_line('[trust]\n', ["trust", "scale"])
    1
    """
    if not key:
        return None
    table: list[str] = []
    best: tuple[int, int] | None = None  # (parts matched, line)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([^\[\]]+?)\s*\]\s*(#.*)?", stripped)
        if header:
            table = [part.strip().strip("\"'") for part in header.group(1).split(".")]
            full = table
        else:
            assignment = re.match(r"([\w\s.\"'-]+?)\s*=", stripped)
            if not assignment:
                continue
            full = table + [part.strip().strip("\"'")
                            for part in assignment.group(1).split(".")]
        matched = len(full) if full == key[: len(full)] else 0
        if matched == len(key):
            return number
        if matched and (best is None or matched > best[0]):
            best = (matched, number)
    return best[1] if best else None
