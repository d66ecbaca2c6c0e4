"""Result objects: one shape for the CLI, JSON, CSV and Jupyter.

Every query returns a :class:`Result`. ``to_dict()`` is the documented JSON
contract, ``to_frame()`` the tabular view (CSV and Jupyter), ``to_text()`` the
terminal table. They are all built from the same numbers.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import textwrap
from typing import Any

import numpy as np
import pandas as pd


def json_ready(value: Any) -> Any:
    """Convert numpy, pandas and datetime values into plain JSON values.

    Timestamps at midnight UTC become ``YYYY-MM-DD``; others full ISO 8601.
    NaN and missing values become ``None``.

    Examples
    --------
    >>> json_ready({"a": np.int64(3), "b": pd.Timestamp("2024-01-02", tz="UTC"), "c": np.nan})
    {'a': 3, 'b': '2024-01-02', 'c': None}
    """
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
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


def format_date(value: Any) -> str:
    """Short date for tables (``YYYY-MM-DD``, empty when missing)."""
    out = json_ready(value)
    return "" if out is None else str(out)[:10]


def text_table(frame: pd.DataFrame, *, width: int = 80, max_col: int = 28) -> str:
    """Render a frame as a plain-text table that fits ``width`` columns.

    Long cells are shortened with an ellipsis; columns are dropped from the
    right if the table still does not fit.

    Examples
    --------
    >>> print(text_table(pd.DataFrame({"id": ["a"], "score": [0.5]})))
    id  score
    --  -----
    a   0.500
    """
    if frame.empty:
        return "(nothing to show)"

    def cell(value: Any) -> str:
        if isinstance(value, float | np.floating):
            return "" if np.isnan(value) else f"{value:.3f}"
        if isinstance(value, pd.Timestamp):
            return format_date(value)
        if isinstance(value, list | tuple):
            value = "; ".join(str(v) for v in value)
        text = " ".join(str(value).split()) if value is not None else ""
        return textwrap.shorten(text, max_col, placeholder="…") if len(text) > max_col else text

    columns = list(frame.columns)
    body = [[cell(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [max([len(str(c))] + [len(r[i]) for r in body]) for i, c in enumerate(columns)]
    keep = len(columns)
    while keep > 1 and sum(widths[:keep]) + 2 * (keep - 1) > width:
        keep -= 1
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(columns[:keep], widths, strict=False))]
    lines.append("  ".join("-" * w for w in widths[:keep]))
    lines += ["  ".join(r[i].ljust(widths[i]) for i in range(keep)) for r in body]
    return "\n".join(line.rstrip() for line in lines)


class Result:
    """Base of every query result: JSON, frame, text and Jupyter views."""

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

    def summary_lines(self) -> list[str]:
        """Lines printed above the table in the terminal view."""
        return [self.title] if self.title else []

    def to_text(self, *, width: int = 80) -> str:
        """A readable table for an ``width``-column terminal."""
        return "\n".join([*self.summary_lines(), "", text_table(self.to_frame(), width=width)])

    def __repr__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        heading = "".join(f"<p>{html.escape(line)}</p>" for line in self.summary_lines())
        table = self.to_frame().to_html(index=False, escape=True, na_rep="")
        return heading + table
