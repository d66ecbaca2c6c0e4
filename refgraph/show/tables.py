"""Plain-text tables for the terminal."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd

from refgraph.results import format_date, json_ready

#: Decimals of a number in CSV output: scores are shown to 3 places, like the tables.
CSV_DECIMALS = 3


def tidy_frame(frame: pd.DataFrame, *, decimals: int = CSV_DECIMALS) -> pd.DataFrame:
    """A copy of ``frame`` fit for CSV: rounded numbers and ISO dates.

    Floats are rounded to ``decimals`` places (no ``0.35000000000000003``);
    dates at midnight become ``YYYY-MM-DD`` and other moments ISO 8601, as
    in JSON.

    Examples
    --------
    >>> frame = pd.DataFrame({"score": [0.35000000000000003, 7.582300346301354],
    ...     "last": pd.to_datetime(["2025-09-20", "2025-09-21"], utc=True)})
    >>> tidy_frame(frame).to_csv(index=False).split()
    ['score,last', '0.35,2025-09-20', '7.582,2025-09-21']
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if pd.api.types.is_float_dtype(column):
            out.isetitem(position, column.round(decimals))
        elif pd.api.types.is_datetime64_any_dtype(column):
            out.isetitem(position, pd.Series([json_ready(v) for v in column],
                                             index=column.index, dtype=object))
        elif column.dtype == object:
            out.isetitem(position, column.map(_tidy_cell, na_action="ignore")
                         .map(lambda v: round(v, decimals) if isinstance(v, float) else v))
    return out


def _tidy_cell(value: Any) -> Any:
    """One cell of an object column: dates and NumPy numbers as plain values."""
    if isinstance(value, pd.Timestamp | np.floating | np.integer):
        return json_ready(value)
    return value


def text_table(frame: pd.DataFrame, *, width: int = 80, max_col: int = 28,
               left_out_hint: str | None = None) -> str:
    """Render a frame as a plain-text table that fits ``width`` columns.

    Long cells are shortened with an ellipsis; columns are dropped from the
    right if the table still does not fit.

    Parameters
    ----------
    frame : DataFrame
        The rows to show.
    width : int, default 80
        Widest line.
    max_col : int, default 28
        Widest cell.
    left_out_hint : str, optional
        Where the columns dropped to fit can be found (``"--format json has
        every column"``). When given, the table ends with a line naming the
        dropped columns and this hint, so a reader never takes a missing
        column (a scorecard's TYFCB) for one the data does not have.

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
    if left_out_hint is not None and keep < len(columns):
        left_out = ", ".join(str(c) for c in columns[keep:])
        lines += textwrap.wrap(f"(left out to fit {width} characters: {left_out}; "
                               f"{left_out_hint})", width)
    return "\n".join(line.rstrip() for line in lines)
