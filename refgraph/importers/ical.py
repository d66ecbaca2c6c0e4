"""iCalendar files (``.ics``): meetings from Google Calendar, Outlook, Apple Calendar.

Get one from Google Calendar (Settings, Import & export, Export), Outlook
(File, Save Calendar, or Share, Publish) or Apple Calendar (File, Export).

Events become interactions with the people in them: the attendees (by e-mail)
and contacts named in the title ("Coffee with Ann Smith"). The owner is
assumed to be at every event in their calendar. How many people were there
decides the kind:

* two people (the owner and one other): ``one_to_one`` (``call`` when the
  title says call or phone);
* up to ``imports.meeting_max_people`` (8): ``meeting``, one row for every
  pair of people there, since they all met;
* more: a group event, one ``event`` row between the owner and each person,
  and for a recurring group event at most one per person every
  ``imports.event_min_gap_days`` (28) days. A weekly 40-seat chapter meeting
  is visibility, not 780 one-to-ones.

Recurring events are expanded (``recurring-ical-events``) up to ``as_of``;
nothing after it is read, so planned meetings do not count before they happen.
The window is in UTC, as ``as_of`` is everywhere in refgraph: a date means
the end of that day in UTC, whatever the calendar's time zone, and an all-day
event counts from its date's midnight in UTC.
Times without a zone (no ``TZID``, no ``Z``: *floating*) are read in the
calendar's ``X-WR-TIMEZONE``, the zone Google Calendar and Apple Calendar
write and mean them in, and in UTC in a calendar without one; an
``X-WR-TIMEZONE`` that is no time zone name is reported with its line, and
floating times are then read in UTC (:mod:`refgraph.importers.ical_times`).
Lines may end in ``\r\n``, ``\n``, a lone ``\r`` or ``\r\r\n``.
A series repeating more than once a day (hourly sessions) is read only when
its ``COUNT``, or its ``UNTIL`` or ``as_of`` if sooner, holds it to
``MAX_SUB_DAILY_OCCURRENCES`` (500) occurrences; others are skipped, and said so.
Cancelled events, events the owner declined and declined attendees are left
out; rooms and resources are not people. Times are stored in UTC, all-day
events as dates. Calendars only add interactions: attendees who are not
contacts are not added to the network.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError
from refgraph.importers.common import (
    ImportResult,
    contacts_frame,
    decode,
    interactions_frame,
    own_addresses,
    read_bytes,
)
from refgraph.importers.ical_times import (
    anchor_until,
    calendar_lines,
    calendar_zone,
    drop_backward_ends,
)
from refgraph.importers.normalise import normalise_email, normalise_name, split_emails
from refgraph.io.dates import EARLIEST_AS_OF_YEAR, parse_as_of
from refgraph.io.settings import Settings
from refgraph.io.text import clean_identifier, clean_text

_CALL_WORDS = re.compile(r"\b(call|phone|phoned|ring)\b", re.IGNORECASE)
_NOT_PEOPLE = {"ROOM", "RESOURCE", "UNKNOWN"}
#: Recurrence frequencies, and rule parts, that repeat an event within a day.
_SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
_WITHIN_A_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
#: Seconds between the periods of a sub-daily frequency (before ``INTERVAL``), and
#: the rule parts that can give several occurrences within one period.
_PERIOD_SECONDS = {"HOURLY": 3600, "MINUTELY": 60, "SECONDLY": 1}
_WITHIN_A_PERIOD = {"HOURLY": ("BYMINUTE", "BYSECOND"), "MINUTELY": ("BYSECOND",),
                    "SECONDLY": ()}
#: Most occurrences a series repeating more than once a day may have to be read.
#: A day of sessions every few minutes, or a week of hourly ones, stays under it;
#: a series without COUNT or UNTIL, or with thousands of occurrences, is a reminder
#: or a mistake, not meetings, and expanding one costs about a millisecond an
#: occurrence (one repeating every second took 10 minutes and 2.4 GB).
MAX_SUB_DAILY_OCCURRENCES = 500
#: Attendee addresses named when the owner cannot be told among them.
CANDIDATES_LISTED = 5


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _address(value: Any) -> tuple[str, str, dict]:
    """(e-mail, display name, params) of an ATTENDEE or ORGANIZER."""
    params = dict(getattr(value, "params", {}) or {})
    email = normalise_email(str(value))
    name = clean_identifier(str(params.get("CN", "") or "")).strip("'\"")
    return email, name, params


def _stamp(value: Any) -> tuple[pd.Timestamp, str] | None:
    """UTC timestamp and ISO text of a DTSTART (date or date-time)."""
    moment = getattr(value, "dt", value)
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            # Floating, in a calendar without X-WR-TIMEZONE (recurring-ical-events
            # gives the others its zone): read in UTC.
            moment = moment.replace(tzinfo=dt.UTC)
        utc = moment.astimezone(dt.UTC).replace(microsecond=0)
        return pd.Timestamp(utc), utc.isoformat()
    if isinstance(moment, dt.date):
        return pd.Timestamp(moment.isoformat(), tz="UTC"), moment.isoformat()
    return None


def _contact_table(contacts: Any) -> pd.DataFrame:
    if contacts is None:
        return pd.DataFrame({"id": [], "name": [], "email": []}, dtype=object)
    frame = getattr(contacts, "contacts", contacts)
    if not isinstance(frame, pd.DataFrame) or not {"id", "name"} <= set(frame.columns):
        raise RefgraphError("contacts must be a Network or a DataFrame with id and name columns")
    out = frame[["id", "name"]].astype(str).copy()
    out["email"] = frame["email"].fillna("").astype(str) if "email" in frame else ""
    return out.reset_index(drop=True)


def _title_matcher(contacts: pd.DataFrame, owner: str):
    """A function from event title to the contact ids it names.

    A contact's full name anywhere in the title counts; failing that, a
    capitalised word that is the first name of exactly one contact ("Coffee
    with Ana"). Names two contacts share say nobody.
    """
    names = contacts.assign(norm=contacts["name"].map(normalise_name))
    names = names[(names["id"] != owner) & (names["norm"] != "")]
    full = names[names["norm"].str.count(" ") >= 1]
    unique = full.drop_duplicates("norm", keep=False)  # two Ann Smiths: the title cannot tell
    by_name = dict(zip(unique["norm"], unique["id"], strict=True))
    firsts = names.assign(first=names["norm"].str.split(" ").str[0])
    firsts = firsts[firsts["first"].str.len() >= 2].drop_duplicates("first", keep=False)
    by_first = dict(zip(firsts["first"], firsts["id"], strict=True))
    pattern = re.compile(r"(?<!\w)(" + "|".join(
        re.escape(n) for n in sorted(by_name, key=len, reverse=True)) + r")(?!\w)"
                         ) if by_name else None
    cache: dict[str, list[str]] = {}

    def match(title: str) -> list[str]:
        if title not in cache:
            found = pattern.findall(normalise_name(title)) if pattern else []
            ids = [by_name[m] for m in found]
            if not ids:
                capitalised = re.findall(r"(?<![\w'])[^\W\d_][\w'’-]*", title)
                ids = [by_first[word] for word in map(normalise_name, (
                    w for w in capitalised if w[0].isupper())) if word in by_first]
            cache[title] = list(dict.fromkeys(ids))
        return cache[title]

    return match


def _owner_emails(calendars: list, contacts: pd.DataFrame, owner: str, me: Iterable[str],
                  occurrences: list[dict], label: str) -> set[str]:
    emails = {normalise_email(m) for m in me} - {""}
    for cell in contacts.loc[contacts["id"] == owner, "email"]:
        emails.update(split_emails(cell))
    for calendar in calendars:
        emails.update({normalise_email(str(calendar.get("X-WR-CALNAME", "")))} - {""})
    if emails:
        return emails
    # Nobody said. Guessing (the most frequent attendee) goes wrong when a close
    # collaborator is at more events than the owner, and a wrong guess turns
    # 1-to-1s into meetings: when events list two or more people, ask.
    if any(len(set(o["addresses"])) >= 2 for o in occurrences):
        # Name the likeliest candidates: addresses at the most events first.
        seen = pd.Series([a for o in occurrences for a in set(o["addresses"])],
                         dtype=object).value_counts()
        listed = ", ".join(f"{address} ({count} event{'' if count == 1 else 's'})"
                           for address, count in seen.head(CANDIDATES_LISTED).items())
        more = f" and {len(seen) - CANDIDATES_LISTED} more" if len(
            seen) > CANDIDATES_LISTED else ""
        raise RefgraphError(
            f"{label}: cannot tell which attendee is you; pass your e-mail address (--me, "
            "or me=...) or put it in your row of contacts.csv. Addresses seen: "
            f"{listed}{more}"
        )
    return set()


def read_calendar(
    path: str | Path,
    *,
    as_of: Any,
    contacts: Any = None,
    owner: str = "me",
    me: Iterable[str] = (),
    settings: Settings | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Read an iCalendar file as meetings with the people in them.

    Parameters
    ----------
    path : str or Path
        The ``.ics`` file.
    as_of : str, date or datetime
        Read events starting up to the end of this day in UTC (or up to this
        moment); recurring events are expanded up to it.
    contacts : Network or DataFrame, optional
        The network's contacts (``id``, ``name``, ``email``): their full names
        are looked for in event titles, and the owner's e-mails recognised.
    owner : str
        Contact id of the network's owner.
    me : iterable of str
        The owner's e-mail addresses in the calendar, if not in ``contacts``
        (the calendar's name is used too when it is an address, as Google
        names the main calendar).
    settings : Settings, optional
        ``imports.meeting_max_people`` and ``imports.event_min_gap_days``.
    encoding : str, optional
        Text encoding; UTF-8 is the iCalendar standard.

    Returns
    -------
    ImportResult
        Interactions between the owner, the attendees (incoming keys
        ``ical:email:...``) and contacts named in titles (their ids); the
        attendees as contact records, which are matched to the network's
        contacts but never added. ``undated`` is False.

    Raises
    ------
    DataValidationError
        When the file is not iCalendar.
    RefgraphError
        When the owner's e-mail is not known and cannot be told from the
        events.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cal.ics"
    >>> _ = path.write_text("BEGIN:VCALENDAR\\nVERSION:2.0\\nBEGIN:VEVENT\\nUID:1\\n"
    ...     "DTSTART:20240305T093000Z\\nSUMMARY:Coffee\\n"
    ...     "ATTENDEE;CN=Ann Smith:mailto:ann@example.com\\nEND:VEVENT\\nEND:VCALENDAR\\n")
    >>> result = read_calendar(path, as_of="2024-12-31")
    >>> result.interactions[["date", "source", "target", "kind"]].values.tolist()
    [['2024-03-05T09:30:00+00:00', 'me', 'ical:email:ann@example.com', 'one_to_one']]
    """
    import icalendar
    import recurring_ical_events

    me = own_addresses(me)
    config = (settings or Settings()).imports
    end = parse_as_of(as_of)
    raw, label = read_bytes(path)
    text = calendar_lines(decode(raw, label, encoding))
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise DataValidationError([Problem(
            label, None, None, f"not a valid iCalendar file ({exc}); expected BEGIN:VCALENDAR"
        )]) from None
    if not calendars:
        raise DataValidationError([Problem(label, None, None,
                                           "no BEGIN:VCALENDAR found; expected an .ics file")])
    table = _contact_table(contacts)
    titles = _title_matcher(table, owner)
    window_start, window_end = _window(end)

    numbers: dict[str, int] = {}
    occurrences: list[dict[str, Any]] = []
    skipped: list[Problem] = []
    for calendar_number, calendar in enumerate(calendars, start=1):
        for event in calendar.walk("VEVENT"):
            numbers.setdefault(str(event.get("UID", "")), len(numbers) + 1)
        zone, problems = calendar_zone(calendar, calendar_number, text, label)
        skipped += problems
        anchor_until(calendar, zone)
        skipped += drop_backward_ends(calendar, zone, numbers, label)
        skipped += _drop_broken_events(calendar, numbers, label,
                                       window_end.replace(tzinfo=None), zone)
        try:
            expanded = recurring_ical_events.of(calendar).between(window_start, window_end)
        except Exception as exc:  # malformed RRULE/EXDATE: the library's own errors vary
            raise DataValidationError([Problem(
                label, None, "RRULE", f"cannot expand recurring events ({exc})")]) from None
        for event in expanded:
            uid = str(event.get("UID", ""))
            when = _stamp(event.get("DTSTART"))
            summary = clean_text(str(event.get("SUMMARY", "") or ""))
            number = numbers.get(uid, 0)
            if when is None:
                skipped.append(Problem(label, number, "DTSTART",
                                       f"event {summary!r} has no start; it is skipped",
                                       unit="event"))
                continue
            # The expansion also returns events still going on at the window's
            # start; an event is read by when it starts.
            if not window_start <= when[0] <= end:
                continue
            people = []
            for value in _as_list(event.get("ATTENDEE")):
                email, name, params = _address(value)
                if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _NOT_PEOPLE:
                    continue
                people.append((email, name, str(params.get("PARTSTAT", "")).upper()))
            organizer = event.get("ORGANIZER")
            if organizer is not None:
                email, name, _ = _address(organizer)
                people.append((email, name, "ORGANIZER"))
            occurrences.append({
                "uid": uid, "number": number, "summary": summary, "stamp": when[0],
                "date": when[1], "status": str(event.get("STATUS", "")).upper(),
                "people": people, "addresses": [p[0] for p in people if p[0]],
            })

    mine = _owner_emails(calendars, table, owner, me, occurrences, label)
    contact_emails = {row.id: set(split_emails(row.email)) for row in table.itertuples()}
    rows: list[dict[str, Any]] = []
    attendees: dict[str, str] = {}
    lonely: set[int] = set()
    declined: set[int] = set()
    for occurrence in occurrences:
        if occurrence["status"] == "CANCELLED":
            continue
        if any(e in mine and part == "DECLINED" for e, _, part in occurrence["people"]):
            declined.add(occurrence["number"])
            continue
        present = {}
        for email, name, part in occurrence["people"]:
            if email and email not in mine and part != "DECLINED":
                present.setdefault(email, name)
        # Contacts named in the title, or attendees with a name and no address
        # (Outlook writes ``CN=Ann Smith:invalid:nomail``), by the same rule.
        texts = [occurrence["summary"]] + [name for email, name, part in occurrence["people"]
                                           if not email and name and part != "DECLINED"]
        named = [cid for cid in dict.fromkeys(c for t in texts for c in titles(t))
                 if not contact_emails.get(cid, set()) & set(present)]
        participants = ["ical:email:" + e for e in present] + named
        for email, name in present.items():
            attendees.setdefault("ical:email:" + email, name or email)
        if not participants:
            lonely.add(occurrence["number"])
            continue
        size = len(participants) + 1
        if size == 2:
            kind = "call" if _CALL_WORDS.search(occurrence["summary"]) else "one_to_one"
        elif size <= config.meeting_max_people:
            kind = "meeting"
        else:
            kind = "event"
        rows.append({**occurrence, "kind": kind, "participants": participants})

    interactions = _pairs(rows, owner, config.event_min_gap_days)
    if lonely:
        skipped.append(Problem(label, None, None,
                               f"{len(lonely)} event(s) have no other attendee and no contact "
                               "named in the title; they are skipped", unit="event"))
    if declined:
        skipped.append(Problem(label, None, "ATTENDEE",
                               f"{len(declined)} event(s) you declined are skipped",
                               unit="event"))
    people = pd.DataFrame({"id": list(attendees), "name": list(attendees.values())},
                          dtype=object)
    people["email"] = people["id"].str.removeprefix("ical:email:")
    return ImportResult(
        source="ical",
        file=label,
        contacts=contacts_frame(people),
        interactions=interactions,
        skipped=skipped,
        create_contacts=False,
        owner=owner,
    )


def _window(end: pd.Timestamp) -> tuple[dt.datetime, dt.datetime]:
    """The import window in UTC: its first moment and the moment it stops before.

    Bounds given to recurring-ical-events as dates are taken as midnight in
    each event's own time zone, which ends the window hours early in a zone
    ahead of UTC (an event at 23:00 UTC on the ``as_of`` day is midnight in
    London in summer) and starts it late in one behind. UTC date-times keep
    it to the rule :func:`refgraph.io.dates.parse_as_of` gives ``as_of``:
    from the start of :data:`~refgraph.io.dates.EARLIEST_AS_OF_YEAR` to
    ``end`` included, all in UTC; all-day events are compared at their
    date's midnight in UTC, as they are stored.

    Parameters
    ----------
    end : Timestamp
        The last moment read (UTC), from ``parse_as_of``.

    Returns
    -------
    tuple of datetime
        ``(first, stop)``, timezone-aware (UTC); ``stop`` is just after ``end``.

    Examples
    --------
    >>> first, stop = _window(parse_as_of("2024-06-30"))
    >>> first.isoformat(), stop.isoformat()
    ('1900-01-01T00:00:00+00:00', '2024-07-01T00:00:00+00:00')
    """
    first = dt.datetime(EARLIEST_AS_OF_YEAR, 1, 1, tzinfo=dt.UTC)
    stop = end.tz_convert("UTC").to_pydatetime() + dt.timedelta(microseconds=1)
    return first, stop.astimezone(dt.UTC)


def _frequency(rule: Any) -> str:
    return str((rule.get("FREQ") or [""])[0]).upper()


def _per_day(rule: Any) -> int:
    """At most how many times a daily (or rarer) rule repeats on one day."""
    return math.prod(len(rule.get(part) or ()) or 1 for part in _WITHIN_A_DAY)


def _floating_utc(moment: dt.date, *, end_of_day: bool = False,
                  zone: dt.tzinfo | None = None) -> dt.datetime:
    """A date or date-time as a naive UTC date-time (floating times read in ``zone``).

    A plain date is its midnight, or the next one with ``end_of_day``; a
    floating time is in ``zone``, or UTC without one.
    """
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:
            if zone is None:
                return moment
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(moment + dt.timedelta(days=int(end_of_day)), dt.time())


def _occurrence_bound(start: dt.date, rule: Any, window_end: dt.datetime,
                      zone: dt.tzinfo | None = None) -> int | None:
    """At most how many occurrences a recurrence rule gives up to ``window_end``.

    ``COUNT`` says it; ``UNTIL`` (or the end of the window, when sooner) does
    through the time it leaves: the number of periods of the frequency in it,
    times the occurrences one period can hold (``BYMINUTE=0,30`` twice an
    hour; ``BYHOUR=9,14`` twice a day). It is an upper bound, found without
    expanding the rule, so it costs nothing however large it is.

    Parameters
    ----------
    start : date or datetime
        The event's ``DTSTART``.
    rule : icalendar.vRecur
        One ``RRULE``.
    window_end : datetime
        Naive UTC end of the import window; occurrences after it are not read.
    zone : tzinfo, optional
        The zone of floating times (``X-WR-TIMEZONE``); UTC when None.

    Returns
    -------
    int or None
        None when the rule has neither ``COUNT`` nor ``UNTIL``.

    Examples
    --------
    >>> from icalendar import vRecur
    >>> start, window_end = dt.datetime(2024, 1, 5, 9), dt.datetime(2024, 4, 1)
    >>> _occurrence_bound(start, vRecur.from_ical("FREQ=HOURLY;COUNT=5"), window_end)
    5
    >>> _occurrence_bound(start, vRecur.from_ical("FREQ=MINUTELY;INTERVAL=15;"
    ...                                           "UNTIL=20240105T120000"), window_end)
    13
    >>> _occurrence_bound(start, vRecur.from_ical("FREQ=SECONDLY"), window_end) is None
    True
    """
    bounds = [int(count) for count in rule.get("COUNT") or ()]
    for until in rule.get("UNTIL") or ():
        first = _floating_utc(start, zone=zone)
        last = min(_floating_utc(until, end_of_day=True, zone=zone), window_end)
        if last < first:
            bounds.append(0)
            continue
        frequency = _frequency(rule)
        interval = max(int((rule.get("INTERVAL") or [1])[0]), 1)
        if frequency in _PERIOD_SECONDS:
            step = dt.timedelta(seconds=_PERIOD_SECONDS[frequency] * interval)
            per_period = math.prod(len(rule.get(part) or ()) or 1
                                   for part in _WITHIN_A_PERIOD[frequency])
            bounds.append(((last - first) // step + 1) * per_period)
        else:  # at most one day of occurrences on each day the window touches
            days = math.ceil((last - first) / dt.timedelta(days=1)) + 1
            bounds.append(days * _per_day(rule))
    return min(bounds) if bounds else None


def _unreadable(event: Any, window_end: dt.datetime,
                zone: dt.tzinfo | None) -> tuple[str, str] | None:
    """``(field, reason)`` when an event cannot be expanded, else None."""
    errors = getattr(event, "errors", None)
    if errors:
        field, reason = errors[0]
        return str(field), str(reason)
    if event.get("DTSTART") is None:
        return "DTSTART", "has no start"
    often = [rule for rule in _as_list(event.get("RRULE"))
             if _frequency(rule) in _SUB_DAILY or _per_day(rule) > 1]
    if not often:
        return None
    bounds = [_occurrence_bound(event.get("DTSTART").dt, rule, window_end, zone)
              for rule in often]
    most = None if None in bounds else sum(bounds)
    if most is not None and most <= MAX_SUB_DAILY_OCCURRENCES:
        return None  # a short series (a day of sessions): cheap to read
    rules = ", ".join(rule.to_ical().decode() for rule in often)
    extent = " with no COUNT or UNTIL" if most is None else f", up to {most} times"
    return "RRULE", (f"repeats more than once a day ({rules}){extent}; expected a meeting "
                     "series repeating daily at most, or ending within "
                     f"{MAX_SUB_DAILY_OCCURRENCES} occurrences")


def _drop_broken_events(calendar: Any, numbers: dict[str, int], label: str,
                        window_end: dt.datetime, zone: dt.tzinfo | None) -> list[Problem]:
    """Remove the events that cannot be expanded, one skipped record each.

    An event icalendar could not parse (a bad date), one without a start and
    one repeating more than once a day with no end or more than
    ``MAX_SUB_DAILY_OCCURRENCES`` occurrences by ``window_end`` (millions, for
    one repeating every second: not a meeting) would otherwise stop, or
    swamp, the expansion of the whole calendar.
    """
    problems = []
    for component in list(calendar.subcomponents):
        problem = (_unreadable(component, window_end, zone) if component.name == "VEVENT"
                   else None)
        if problem is None:
            continue
        field, reason = problem
        summary = clean_text(str(component.get("SUMMARY", "") or ""))
        problems.append(Problem(
            label, numbers.get(str(component.get("UID", "")), 0), field,
            f"event {summary!r}: {reason}; it is skipped", unit="event"))
        calendar.subcomponents.remove(component)
    return problems


def _pairs(rows: list[dict[str, Any]], owner: str, gap_days: float) -> pd.DataFrame:
    """Interaction rows for each event: pairs for meetings, owner-person for the rest."""
    if not rows:
        return interactions_frame()
    events = pd.DataFrame(rows)
    events["everyone"] = [[owner, *p] for p in events["participants"]]
    events["pairs"] = [
        [(a, b) for i, a in enumerate(people) for b in people[i + 1:]] if kind == "meeting"
        else [(owner, b) for b in people[1:]]
        for kind, people in zip(events["kind"], events["everyone"], strict=True)
    ]
    pairs = events.explode("pairs")
    pairs["source"] = pairs["pairs"].str[0]
    pairs["target"] = pairs["pairs"].str[1]
    group = pairs["kind"] == "event"
    if gap_days > 0 and group.any():
        # One row per person per gap-long window of each series (events without
        # a UID are told apart by their title).
        pairs["series"] = pairs["uid"].where(pairs["uid"] != "", "#" + pairs["summary"])
        days = (pairs["stamp"] - pd.Timestamp("1970-01-01", tz="UTC")).dt.days
        pairs["bucket"] = np.floor(days / gap_days)
        repeat = pairs.duplicated(["series", "source", "target", "bucket"])
        pairs = pairs[~(group & repeat).to_numpy()]
    out = pd.DataFrame({
        "date": pairs["date"], "source": pairs["source"], "target": pairs["target"],
        "kind": pairs["kind"], "value": "", "notes": pairs["summary"], "stamp": pairs["stamp"],
    })
    out = out.sort_values(["stamp", "source", "target"], kind="stable")
    return interactions_frame(out.drop_duplicates(["date", "source", "target", "kind"]))
