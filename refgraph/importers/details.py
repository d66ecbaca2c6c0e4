"""Optional contact details imports keep: birthdays, profile URLs, addresses.

A birthday is stored as ISO ``YYYY-MM-DD``, or ``--MM-DD`` when the year is
unknown (the vCard convention); a value that is not a date is reported with
its line and the contact imported without it. Outlook writes birthdays in the
computer's locale: ``3/15/1980`` in the US, ``15/03/1980`` in Britain. A file
is read day first when one of its birthdays can only be read so (``15/03``)
and none only month first (``03/15``); otherwise month first.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from refgraph.errors import Problem
from refgraph.io.text import map_unique

_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
#: Birthday spellings with a year: ISO and basic ISO (vCard), US (Outlook).
BIRTHDAY_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y", "%d %B %Y", "%d %b %Y")
#: Apple writes a birthday without a year with this placeholder year.
_APPLE_NO_YEAR = 1604
#: What exporters write for "no birthday" (Outlook's empty date).
_EMPTY = {"", "0/0/00", "0/0/0000", "00/00/0000"}
#: A date with slashes (Outlook): two numbers, day and month in the locale's order.
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(?:\d{2}|\d{4})$")


def day_first(values: pd.Series) -> bool:
    """Whether the slashed dates of a column put the day first (``15/03/1980``).

    True when some date can only be read day first and none only month first.

    Examples
    --------
    >>> day_first(pd.Series(["03/04/1980", "25/12/1990"]))
    True
    >>> day_first(pd.Series(["03/04/1980", "12/25/1990"])), day_first(pd.Series(["3/4/1980"]))
    (False, False)
    """
    pairs = values.fillna("").astype(str).str.strip().str.extract(_SLASHED).dropna().astype(int)
    if pairs.empty:
        return False
    return bool((pairs[0] > 12).any() and not (pairs[1] > 12).any())


def normalise_birthday(value: str, *, days_first: bool = False) -> str | None:
    """A birthday as ``YYYY-MM-DD`` or ``--MM-DD``; ``""`` when empty, None when not a date.

    Parameters
    ----------
    value : str
        The birthday as exported.
    days_first : bool
        Read a slashed date day first (``15/03/1980``) rather than month first.

    Returns
    -------
    str or None
        The normalised birthday, ``""`` or None.

    Examples
    --------
    >>> normalise_birthday("19850412"), normalise_birthday("--0412")
    ('1985-04-12', '--04-12')
    >>> normalise_birthday("1604-04-12"), normalise_birthday("4/12/1985")
    ('--04-12', '1985-04-12')
    >>> normalise_birthday("0/0/00"), normalise_birthday("--02-30"), normalise_birthday("soon")
    ('', None, None)
    >>> normalise_birthday("4/12/1985", days_first=True)
    '1985-12-04'
    """
    text = " ".join(str(value).split())
    if text in _EMPTY:
        return ""
    no_year = _NO_YEAR.match(text)
    if no_year:
        month, day = int(no_year[1]), int(no_year[2])
        try:
            dt.date(2000, month, day)  # a leap year: 29 February is a birthday
        except ValueError:
            return None
        return f"--{month:02d}-{day:02d}"
    text = re.split(r"[T ]\d", text, maxsplit=1)[0] if re.match(r"^\d{4}-?\d{2}", text) else text
    formats = [("%d/%m/%Y" if days_first and fmt == "%m/%d/%Y" else fmt)
               for fmt in BIRTHDAY_FORMATS]
    for fmt in formats:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day.year == _APPLE_NO_YEAR:
            return f"--{day.month:02d}-{day.day:02d}"
        return day.isoformat()
    return None


def birthdays(values: pd.Series, lines: pd.Series, label: str, field: str
              ) -> tuple[pd.Series, list[Problem]]:
    """A column of birthdays normalised, and one problem per value that is not a date.

    Parameters
    ----------
    values : Series
        Birthdays as the export writes them.
    lines : Series
        Each record's line (aligned with ``values``).
    label : str
        The file, as problems name it.
    field : str
        The export's field, as problems name it (``Birthday``, ``BDAY``).

    Returns
    -------
    tuple of (Series, list of Problem)
        ``YYYY-MM-DD``, ``--MM-DD`` or ``""``; and the values left out.

    Examples
    --------
    >>> days, problems = birthdays(pd.Series(["1985-04-12", "someday"]), pd.Series([2, 3]),
    ...                            "c.csv", "Birthday")
    >>> days.tolist(), [(p.line, p.column) for p in problems]
    (['1985-04-12', ''], [(3, 'Birthday')])
    """
    days_first = day_first(values)
    parsed = map_unique(values.fillna("").astype(object),
                        lambda text: normalise_birthday(text, days_first=days_first))
    bad = parsed.isna().to_numpy()
    slashed = "DD/MM/YYYY" if days_first else "MM/DD/YYYY"
    problems = [Problem(label, int(line), field,
                        f"{text!r} is not a date; expected YYYY-MM-DD, --MM-DD or {slashed}; "
                        "the contact is imported without a birthday")
                for text, line in zip(values[bad], lines[bad], strict=True)]
    return parsed.fillna("").astype(object), problems


def join_address(*parts: str) -> str:
    """Address parts joined with ``", "``, empty ones and repeated spaces left out.

    Examples
    --------
    >>> join_address("1 High St", "", "Leeds", "LS1 4AP", "UK")
    '1 High St, Leeds, LS1 4AP, UK'
    """
    return ", ".join(" ".join(str(p).split()) for p in parts if str(p).strip())
