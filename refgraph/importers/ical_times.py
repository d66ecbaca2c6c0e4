r"""Calendar text and times: line ends, the zone of floating times, ``UNTIL``.

iCalendar times come in three forms: UTC (``20240305T093000Z``), in a named
zone (``DTSTART;TZID=Europe/London:...``) and *floating*, with neither. Google
Calendar and Apple Calendar write the calendar's zone in ``X-WR-TIMEZONE`` and
mean floating times in it, so they are read in that zone; a calendar without
``X-WR-TIMEZONE`` has its floating times read in UTC. Windows zone names
(``Pacific Standard Time``) are understood, as in ``TZID``; an
``X-WR-TIMEZONE`` that is no time zone name is reported (file, line,
property) and floating times are then read in UTC.

An event whose ``DTEND`` comes before its ``DTSTART`` is read by its start
and reported: recurring-ical-events would swap the two and date the meeting
by its end.

A recurrence rule's ``UNTIL`` is taken in the zone of the event's start when
it has no ``Z`` (as a floating start is), and a date ``UNTIL`` includes that
whole day, as RFC 5545 says; recurring-ical-events would read both in UTC and
drop the last meeting of a series in a zone behind UTC.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from refgraph.errors import Problem
from refgraph.io.text import clean_text

try:  # Windows zone names ("W. Europe Standard Time"), as icalendar reads them in TZID
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
except ImportError:  # pragma: no cover - icalendar before 6
    WINDOWS_TO_OLSON = {}

#: The property Google and Apple Calendar name the calendar's time zone with.
X_WR_TIMEZONE = "X-WR-TIMEZONE"
#: One line end: ``\r\n``, ``\n``, a lone ``\r`` (old Mac), or ``\r\r\n`` (a file
#: converted to Windows line ends twice).
_LINE_END = re.compile(r"\r*\n|\r")
_BEGIN_CALENDAR = re.compile(r"BEGIN\s*:\s*VCALENDAR\s*$", re.IGNORECASE)


def calendar_lines(text: str) -> str:
    r"""The text with every line end ``\r\n``, as the iCalendar parser expects.

    icalendar splits lines at ``\n`` alone: a lone ``\r`` would run the whole
    file into one line, and ``\r\r\n`` would leave a ``\r`` at the end of
    every value (``20240305T093000Z\r`` is no date).

    Parameters
    ----------
    text : str
        The decoded file.

    Returns
    -------
    str
        The same lines, each ending ``\r\n``.

    Examples
    --------
    >>> calendar_lines("BEGIN:VCALENDAR\rVERSION:2.0\r\r\nEND:VCALENDAR\n")
    'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'
    """
    return _LINE_END.sub("\r\n", text)


def _property_line(text: str, name: str, calendar_number: int) -> int | None:
    """The line of the first ``name`` property of the n-th (1-based) calendar."""
    pattern = re.compile(rf"\s*{re.escape(name)}\s*[;:]", re.IGNORECASE)
    calendars = 0
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if _BEGIN_CALENDAR.match(line.strip()):
            calendars += 1
        elif calendars == calendar_number and pattern.match(line):
            return number
    return None


def calendar_zone(calendar: Any, calendar_number: int, text: str,
                  label: str) -> tuple[dt.tzinfo | None, list[Problem]]:
    """The zone floating times of a calendar are read in, and any problem with it.

    The zone is the calendar's ``X-WR-TIMEZONE``: a tz database name, or a
    Windows one (``W. Europe Standard Time``) as Outlook writes them
    (surrounding spaces and quotes forgiven; an empty one is as none). When
    that is no time zone name, the property is removed from ``calendar``, so
    floating times are read in UTC, and a problem names the file, line and
    property.

    Parameters
    ----------
    calendar : icalendar.Calendar
        One calendar of the file; changed in place when its zone is unusable.
    calendar_number : int
        Which calendar of the file it is (1-based), to find its line.
    text : str
        The file's text, line ends ``\\r\\n`` (:func:`calendar_lines`).
    label : str
        The file, for problems.

    Returns
    -------
    tuple of (tzinfo or None, list of Problem)
        None when floating times are read in UTC.

    Examples
    --------
    >>> import icalendar
    >>> text = "BEGIN:VCALENDAR\\r\\nX-WR-TIMEZONE:Mars/Olympus\\r\\nEND:VCALENDAR\\r\\n"
    >>> zone, problems = calendar_zone(icalendar.Calendar.from_ical(text), 1, text, "c.ics")
    >>> zone is None, problems[0].line, problems[0].column
    (True, 2, 'X-WR-TIMEZONE')
    """
    value = calendar.get(X_WR_TIMEZONE)
    if value is None:
        return None, []
    key = str(value).strip().strip("'\"").strip()
    key = WINDOWS_TO_OLSON.get(key, key)
    if not key:  # says nothing: as if absent
        del calendar[X_WR_TIMEZONE]
        return None, []
    try:
        zone = zoneinfo.ZoneInfo(key)
    except (KeyError, ValueError, OSError):  # unknown, malformed, a folder ("Europe")
        del calendar[X_WR_TIMEZONE]
        shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
        return None, [Problem(
            label, _property_line(text, X_WR_TIMEZONE, calendar_number), X_WR_TIMEZONE,
            f"{shown!r} is not a time zone; expected a tz database name such as "
            "Europe/London or America/New_York; times without a zone (no TZID, no Z) "
            "in this calendar are read in UTC")]
    calendar[X_WR_TIMEZONE] = key  # as recurring-ical-events will look it up
    return zone, []


def anchor_until(calendar: Any, zone: dt.tzinfo | None) -> None:
    """Give every ``UNTIL`` of a timed series the zone of its start, in UTC.

    A ``UNTIL`` without ``Z`` is read in the start's zone (its ``TZID``, or
    ``zone`` for a floating start; a floating start without ``zone`` keeps a
    floating ``UNTIL``, both read in UTC), and a date ``UNTIL`` ends at the
    end of its day there. Rules are changed in place.

    Parameters
    ----------
    calendar : icalendar.Calendar
        One calendar of the file.
    zone : tzinfo or None
        The zone of its floating times (:func:`calendar_zone`).

    Examples
    --------
    >>> import icalendar
    >>> text = ("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nDTSTART:20240305T093000\\r\\n"
    ...         "RRULE:FREQ=WEEKLY;UNTIL=20240402T093000\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> calendar = icalendar.Calendar.from_ical(text)
    >>> anchor_until(calendar, zoneinfo.ZoneInfo("America/New_York"))
    >>> calendar.walk("VEVENT")[0]["RRULE"]["UNTIL"][0].isoformat()
    '2024-04-02T13:30:00+00:00'
    """
    for event in calendar.walk("VEVENT"):
        try:
            start = getattr(event.get("DTSTART"), "dt", None)
        except ValueError:  # a broken start: the event is reported and skipped later
            continue
        if not isinstance(start, dt.datetime):
            continue  # all-day series: dates throughout
        start_zone = start.tzinfo or zone
        if start_zone is None:
            continue
        rules = event.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules]:
            try:
                untils = rule.get("UNTIL") if isinstance(rule, dict) else None
            except ValueError:  # a broken rule: the event is reported and skipped later
                continue
            if untils:
                rule["UNTIL"] = [_utc_until(until, start_zone) for until in untils]


def _utc_until(until: Any, zone: dt.tzinfo) -> Any:
    if isinstance(until, dt.datetime):
        if until.tzinfo is not None:
            return until
        return until.replace(tzinfo=zone).astimezone(dt.UTC)
    if isinstance(until, dt.date):
        last = dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=zone)
        return last.astimezone(dt.UTC)
    return until


def _moment(value: Any, zone: dt.tzinfo | None) -> dt.datetime | None:
    """A DTSTART or DTEND value as an aware datetime (floating ones in ``zone``)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone or dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=zone or dt.UTC)
    return None


def drop_backward_ends(calendar: Any, zone: dt.tzinfo | None, numbers: dict[str, int],
                       label: str) -> list[Problem]:
    """Remove each ``DTEND`` that comes before its event's ``DTSTART``; a problem each.

    recurring-ical-events swaps such an end and start, so the meeting would be
    dated by its end (the day before, when the end's date was mistyped).
    Without the end, the event is read by its start.

    Parameters
    ----------
    calendar : icalendar.Calendar
        One calendar of the file; its events are changed in place.
    zone : tzinfo or None
        The zone floating times are read in (:func:`calendar_zone`).
    numbers : dict
        Each event's number in the file, by UID, for problems.
    label : str
        The file, for problems.

    Examples
    --------
    >>> import icalendar
    >>> text = ("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\nSUMMARY:Coffee\\r\\n"
    ...         "DTSTART:20240305T093000Z\\r\\nDTEND:20240304T103000Z\\r\\n"
    ...         "END:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> calendar = icalendar.Calendar.from_ical(text)
    >>> problems = drop_backward_ends(calendar, None, {"1": 1}, "c.ics")
    >>> problems[0].line, problems[0].column, "DTEND" in calendar.walk("VEVENT")[0]
    (1, 'DTEND', False)
    """
    problems = []
    for event in calendar.walk("VEVENT"):
        start, end = event.get("DTSTART"), event.get("DTEND")
        if start is None or end is None:
            continue
        begins, ends = _moment(start.dt, zone), _moment(end.dt, zone)
        if begins is None or ends is None or ends >= begins:
            continue
        del event["DTEND"]
        summary = clean_text(str(event.get("SUMMARY", "") or ""))
        problems.append(Problem(
            label, numbers.get(str(event.get("UID", "")), 0), "DTEND",
            f"event {summary!r} ends ({end.dt.isoformat()}) before it starts "
            f"({start.dt.isoformat()}); it is read by its start", unit="event"))
    return problems
