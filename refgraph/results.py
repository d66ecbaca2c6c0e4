"""Result objects: one shape for the CLI, JSON, CSV and Jupyter.

Every query returns a :class:`Result`: plain data, with ``to_dict()`` (the
documented JSON contract) and ``to_frame()`` (the tabular view for CSV and
Jupyter), both built from the same numbers. Terminal and HTML renderings live in
:mod:`refgraph.show`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from typing import Any

import numpy as np
import pandas as pd


def json_ready(value: Any) -> Any:
    """Convert numpy, pandas and datetime values into plain JSON values.

    Timestamps at midnight UTC become ``YYYY-MM-DD``; others full ISO 8601.
    The moments an answer is given at (keys ``as_of`` and ``previous_as_of``)
    are always the calendar day ``YYYY-MM-DD``, whatever the time of day, so
    they have one type everywhere. NaN and missing values become ``None``.

    Examples
    --------
    >>> json_ready({"a": np.int64(3), "b": pd.Timestamp("2024-01-02", tz="UTC"), "c": np.nan})
    {'a': 3, 'b': '2024-01-02', 'c': None}
    >>> json_ready({"as_of": pd.Timestamp("2024-01-02T15:30", tz="UTC")})
    {'as_of': '2024-01-02'}
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool:  # already plain: the common case, first
        return value
    if kind is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): _day(v) if k in AS_OF_KEYS else json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | np.ndarray | pd.Series | pd.Index):
        return [json_ready(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC")
        if (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (0, 0, 0, 0):
            return stamp.strftime("%Y-%m-%d")
        if (stamp.hour, stamp.minute, stamp.second, stamp.microsecond) == (23, 59, 59, 999999):
            return stamp.strftime("%Y-%m-%d")  # an as-of date means the end of that day
        return stamp.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    return value


#: Keys whose value is the moment an answer is given at: always a calendar day in JSON.
AS_OF_KEYS = frozenset({"as_of", "previous_as_of"})


def _day(value: Any) -> Any:
    """A moment as its calendar day (UTC), ``YYYY-MM-DD``; other values as :func:`json_ready`."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        stamp = stamp.tz_convert("UTC") if stamp.tzinfo is not None else stamp
        return stamp.strftime("%Y-%m-%d")
    out = json_ready(value)
    return out[:10] if isinstance(out, str) and len(out) > 10 and out[4:5] == "-" else out


def format_date(value: Any) -> str:
    """Short date for tables (``YYYY-MM-DD``, empty when missing)."""
    out = json_ready(value)
    return "" if out is None else str(out)[:10]


def format_trust(value: float, places: int = 3) -> str:
    """A trust for reading: ``places`` decimals, and "<0.001" rather than a false 0.000.

    Examples
    --------
    >>> format_trust(0.8312), format_trust(0.0004), format_trust(0.0)
    ('0.831', '<0.001', '0.000')
    >>> format_trust(0.4567, 2), format_trust(0.004, 2)
    ('0.46', '<0.01')
    """
    smallest = 10.0 ** -places
    if 0 < value < smallest / 2:
        return f"<{smallest:.{places}f}"
    return f"{value:.{places}f}"


class Result:
    """Base of every query result: plain data with JSON and frame views."""

    #: Heading shown above the table in text and HTML views.
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of this result (plain Python values)."""
        raise NotImplementedError

    def to_frame(self) -> pd.DataFrame:
        """The tabular view of this result."""
        raise NotImplementedError

    def to_json(self, *, indent: int | None = 2) -> str:
        """Serialise :meth:`to_dict` as JSON text."""
        return json.dumps(json_ready(self.to_dict()), indent=indent, ensure_ascii=False)

    def _repr_html_(self) -> str:
        # Jupyter shows the title and the frame; richer views are in refgraph.show.
        heading = f"<p><b>{html.escape(self.title)}</b></p>" if self.title else ""
        return heading + self.to_frame().to_html(index=False, escape=True, na_rep="")
