"""Exception and warning types raised by refgraph.

Every error a user can cause is a :class:`RefgraphError`; its message names the
file, the 1-based line and the column, and says what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How many problems one error message lists before summarising the rest.
MAX_LISTED_PROBLEMS = 10


class RefgraphError(Exception):
    """Base class of every error refgraph raises on purpose."""


class RefgraphWarning(UserWarning):
    """A recoverable oddity in the data (duplicate row, unknown column, ...)."""


@dataclass(frozen=True)
class Problem:
    """One problem found while validating a file.

    Parameters
    ----------
    file : str
        The file (or frame) the problem is in.
    line : int or None
        1-based line number in the file, or ``None`` when the problem concerns
        the whole file.
    column : str or None
        The column concerned, if any.
    message : str
        What is wrong and what was expected.
    unit : str
        ``"line"`` for files, ``"row"`` for DataFrames (1-based position).
    """

    file: str
    line: int | None
    column: str | None
    message: str
    unit: str = "line"

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"{self.unit} {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


def format_problems(problems: list[Problem], headline: str) -> str:
    """Render problems as one readable message, listing the first few of each file.

    Parameters
    ----------
    problems : list of Problem
        The problems, in file order.
    headline : str
        The first line of the message.

    Returns
    -------
    str
        The message.

    Examples
    --------
    >>> many = [Problem("a.csv", n, "date", "bad date") for n in range(2, 14)]
    >>> print(format_problems(many + [Problem("b.csv", 3, "kind", "bad kind")], "Problems:"))
    Problems:
      a.csv, line 2, column 'date': bad date
      a.csv, line 3, column 'date': bad date
      a.csv, line 4, column 'date': bad date
      a.csv, line 5, column 'date': bad date
      a.csv, line 6, column 'date': bad date
      a.csv, line 7, column 'date': bad date
      a.csv, line 8, column 'date': bad date
      a.csv, line 9, column 'date': bad date
      a.csv, line 10, column 'date': bad date
      a.csv, line 11, column 'date': bad date
      ... and 2 more in a.csv
      b.csv, line 3, column 'kind': bad kind
    """
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    lines = [headline]
    for file, listed in by_file.items():
        lines += [f"  {problem}" for problem in listed[:MAX_LISTED_PROBLEMS]]
        if len(listed) > MAX_LISTED_PROBLEMS:
            lines.append(f"  ... and {len(listed) - MAX_LISTED_PROBLEMS} more in {file}")
    return "\n".join(lines)


class DataValidationError(RefgraphError):
    """A network file holds data refgraph cannot use.

    Attributes
    ----------
    problems : list of Problem
        Every problem found (the message lists the first few).
    """

    def __init__(self, problems: list[Problem], headline: str | None = None):
        self.problems = list(problems)
        if headline is None:
            files = sorted({p.file for p in self.problems})
            count = len(self.problems)
            noun = "problem" if count == 1 else "problems"
            headline = f"{count} {noun} in {', '.join(files)}:"
        super().__init__(format_problems(self.problems, headline))


class SettingsError(RefgraphError):
    """``network.toml`` (or a settings override) is not valid."""


class ContactNotFoundError(RefgraphError, KeyError):
    """An id given by the user is not a contact of the network."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


class OutputExistsError(RefgraphError):
    """Refusing to overwrite an existing file without being told to."""
