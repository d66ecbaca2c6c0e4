"""Dates: ISO 8601 shapes and the ``as_of`` moment a network is evaluated at."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError

#: ISO 8601 calendar date, optionally with a time and a UTC offset.
ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The plainest ISO 8601 spellings, by shape (every ASCII digit written as 9),
# and what turns each into a UTC date-time pyarrow reads: pyarrow reads them as
# pandas does, and refuses an out-of-range field (a 13th month, 2023-02-29).
_PLAIN_DATE = re.compile(r"9999-99-99")
_PLAIN_TIME = re.compile(r"9999-99-99[T ]99:99(?::99(?:\.9{1,6})?)?")
_PLAIN_ZONED = re.compile(r"9999-99-99[T ]99:99(?::99(?:\.9{1,6})?)?(?:Z|[+-]99(?::?99)?)")


#: The earliest year an as-of date may have: nobody's network is older, and
#: what looks back from it (a month, a year of charts) must stay a real date.
EARLIEST_AS_OF_YEAR = 1900


def parse_plain_iso(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Parse the texts in the plainest ISO 8601 spellings, in C++ with pyarrow.

    Millions of distinct date-times parse in a fraction of a second this
    way, without the interpreter. A text is parsed when, ASCII spaces
    around it aside, it is a date, optionally with a time (``T`` or a space,
    minutes, seconds, up to six decimals) and a UTC offset (``Z``, ``+01``,
    ``+0100``, ``+01:00``). Anything else (a decimal comma, nanoseconds,
    other digits) is left for pandas, and so is every text when one of the
    plain ones is impossible (2023-02-29): pandas' parse then names it.

    Parameters
    ----------
    texts : ndarray of str, or pyarrow string array
        Distinct date texts.

    Returns
    -------
    tuple of ndarray, or None
        Which texts were parsed, and the moments (``datetime64[us]``, in UTC;
        NaT where not parsed). None without pyarrow.

    Examples
    --------
    >>> done, stamps = parse_plain_iso(np.array(
    ...     ["2024-01-05", " 2024-01-05T09:30+01:00", "05/01/2024"], dtype=object))
    >>> done.tolist(), str(stamps[1])
    ([True, True, False], '2024-01-05T08:30:00.000000')
    >>> parse_plain_iso(np.array(["2024-01-05", "2023-02-29"], dtype=object))[0].tolist()
    [False, False]
    """
    try:
        import pyarrow
        import pyarrow.compute
    except ImportError:
        return None
    done = np.zeros(len(texts), dtype=bool)
    stamps = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[us]")
    if not isinstance(texts, pyarrow.Array):
        texts = pyarrow.array(texts, type=pyarrow.string())
    trimmed = pyarrow.compute.ascii_trim_whitespace(texts.cast(pyarrow.string()))
    if not len(texts) or trimmed.null_count:
        return done, stamps
    # Each text's shape, made from its bytes in one numpy pass; then each
    # distinct shape is looked at once.
    offsets, data = trimmed.buffers()[1:3]
    nines = np.frombuffer(data, dtype=np.uint8) if data else np.zeros(0, np.uint8)
    nines = np.where(nines - np.uint8(48) < 10, np.uint8(57), nines)  # "0".."9" wrap below 10
    shapes = pyarrow.StringArray.from_buffers(len(trimmed), offsets, pyarrow.py_buffer(nines),
                                              offset=trimmed.offset).dictionary_encode()
    suffixes = [_utc_suffix(shape) for shape in shapes.dictionary.to_pylist()]
    plain = np.array([suffix is not None for suffix in suffixes])[
        shapes.indices.to_numpy(zero_copy_only=False)]
    if not plain.any():
        return done, stamps
    written = pyarrow.array([suffix or "" for suffix in suffixes]).take(shapes.indices)
    utc = pyarrow.compute.if_else(
        pyarrow.array(plain), pyarrow.compute.binary_join_element_wise(trimmed, written, ""),
        "2000-01-01T00:00Z")  # a stand-in for the others, never kept
    try:
        parsed = pyarrow.compute.cast(utc, pyarrow.timestamp("us", tz="UTC"))
    except pyarrow.ArrowInvalid:
        return done, stamps  # an impossible day or time: pandas names it
    stamps[plain] = parsed.view(pyarrow.int64()).to_numpy(zero_copy_only=False)[plain]
    done[plain] = True
    return done, stamps


def _utc_suffix(shape: str) -> str | None:
    """What makes a text of this shape a UTC date-time for pyarrow; None when not plain."""
    if _PLAIN_ZONED.fullmatch(shape):
        return ""
    if _PLAIN_TIME.fullmatch(shape):
        return "Z"  # a time without an offset is UTC, as for pandas with utc=True
    if _PLAIN_DATE.fullmatch(shape):
        return "T00:00Z"
    return None


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
