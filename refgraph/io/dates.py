"""Dates: ISO 8601 shapes and the ``as_of`` moment a network is evaluated at."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from refgraph.errors import RefgraphError

#: ISO 8601 calendar date, optionally with a time and a UTC offset.
ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: The earliest year an as-of date may have: nobody's network is older, and
#: what looks back from it (a month, a year of charts) must stay a real date.
EARLIEST_AS_OF_YEAR = 1900


def as_utc(moment: object) -> pd.Timestamp:
    """A moment as a UTC timestamp: a naive one is taken to be UTC already.

    Examples
    --------
    >>> as_utc("2024-03-31")
    Timestamp('2024-03-31 00:00:00+0000', tz='UTC')
    >>> as_utc(pd.Timestamp("2024-03-31T10:00+02:00"))
    Timestamp('2024-03-31 08:00:00+0000', tz='UTC')
    """
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def parse_as_of(value: object, default: pd.Timestamp | None = None) -> pd.Timestamp:
    """Turn an ``as_of`` argument into a UTC timestamp.

    A plain date means the end of that day, so interactions on that date count.

    Parameters
    ----------
    value : str, date, datetime, Timestamp or None
        The moment to evaluate the network at.
    default : Timestamp, optional
        Returned when ``value`` is None.

    Returns
    -------
    Timestamp
        Timezone-aware (UTC).

    Raises
    ------
    RefgraphError
        When the value is not an ISO 8601 date or date-time.

    Examples
    --------
    >>> parse_as_of("2024-03-31")
    Timestamp('2024-03-31 23:59:59.999999+0000', tz='UTC')
    >>> parse_as_of("2024-03-31T10:00+02:00")
    Timestamp('2024-03-31 08:00:00+0000', tz='UTC')
    """
    if value is None:
        if default is None:
            raise RefgraphError("as_of is required: the network has no interactions")
        return default
    if isinstance(value, pd.Timestamp | dt.datetime):
        return as_utc(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    text = str(value).strip()
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        stamp = None
    if stamp is None or pd.isna(stamp) or not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        raise RefgraphError(
            f"as_of {value!r} is not a date; expected YYYY-MM-DD or an ISO 8601 date-time"
        )
    if stamp.year < EARLIEST_AS_OF_YEAR:  # the stats look a month back, the charts years
        raise RefgraphError(f"as_of {value!r} is too early; expected a date from "
                            f"{EARLIEST_AS_OF_YEAR} on")
    if _DATE_ONLY.match(text):
        stamp = stamp + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    return as_utc(stamp)
