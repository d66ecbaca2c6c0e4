"""One place that turns any result into terminal text, JSON or CSV.

:func:`to_text` is a :func:`functools.singledispatch` function: each ``show``
module registers the terminal view of the results it renders, and results
without a view of their own get their title above their table.
"""

from __future__ import annotations

import functools

from refgraph.io.files import safe_csv_frame
from refgraph.results import Result
from refgraph.show.tables import text_table, tidy_frame

#: Output formats every listing command offers.
FORMATS: tuple[str, ...] = ("table", "json", "csv")


@functools.singledispatch
def to_text(result: Result, *, width: int = 80) -> str:
    """A readable terminal view of ``result`` that fits ``width`` columns.

    Parameters
    ----------
    result : Result
        Any query result (refer, path, ask, nurture, stats, imports ...).
    width : int, default 80
        Terminal width in characters.

    Returns
    -------
    str
        The title, a blank line and the result's table.

    Examples
    --------
    >>> import pandas as pd
    >>> class Tiny(Result):
    ...     title = "Tiny"
    ...     def to_frame(self):
    ...         return pd.DataFrame({"id": ["a"]})
    >>> print(to_text(Tiny()))
    Tiny
    <BLANKLINE>
    id
    --
    a
    """
    lines = [result.title] if result.title else []
    return "\n".join([*lines, "", text_table(result.to_frame(), width=width)])


def render(result: Result, fmt: str = "table", *, width: int = 80) -> str:
    """``result`` as ``"table"`` (terminal text), ``"json"`` or ``"csv"``.

    CSV numbers are rounded to 3 decimals and dates written as ISO
    ``YYYY-MM-DD`` (:func:`refgraph.show.tables.tidy_frame`); cells that a
    spreadsheet would run as a formula are neutralised.

    Parameters
    ----------
    result : Result
        Any query result.
    fmt : {"table", "json", "csv"}, default "table"
        The output format.
    width : int, default 80
        Terminal width for ``"table"``.

    Returns
    -------
    str
        The rendered result, ending in a newline.

    Examples
    --------
    >>> import pandas as pd
    >>> class Tiny(Result):
    ...     def to_dict(self):
    ...         return {"formula": "=1+1"}
    ...     def to_frame(self):
    ...         return pd.DataFrame([self.to_dict()])
    >>> print(render(Tiny(), "csv"), end="")
    formula
    '=1+1
    """
    if fmt == "json":
        return result.to_json() + "\n"
    if fmt == "csv":
        return safe_csv_frame(tidy_frame(result.to_frame())).to_csv(
            index=False, lineterminator="\n")
    if fmt == "table":
        return to_text(result, width=width) + "\n"
    raise ValueError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
