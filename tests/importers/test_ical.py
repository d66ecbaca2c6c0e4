"""iCalendar exports: meetings, recurrences, titles naming contacts."""

from __future__ import annotations

import pytest
from sample_exports import CALENDAR_CONTACTS, ICS, write

from refgraph import DataValidationError, RefgraphError, Settings
from refgraph.importers import ical, read_calendar
from refgraph.importers.ical import MAX_SUB_DAILY_OCCURRENCES

# --------------------------------------------------------------------------- iCalendar


def read_ics(tmp_path, **kwargs):
    kwargs.setdefault("as_of", "2024-03-31")
    kwargs.setdefault("contacts", CALENDAR_CONTACTS)
    return read_calendar(write(tmp_path, "cal.ics", ICS), **kwargs)


def test_calendar_one_to_one_by_attendee(tmp_path):
    rows = read_ics(tmp_path).interactions
    coffee = rows[rows["notes"] == "Coffee"]
    assert coffee[["date", "source", "target", "kind"]].values.tolist() == [
        ["2024-03-05T09:30:00+00:00", "me", "ical:email:priya@shahwebb.example", "one_to_one"]]


def test_calendar_weekly_meeting_expanded_to_as_of_in_utc(tmp_path):
    rows = read_ics(tmp_path).interactions
    mastermind = rows[rows["notes"] == "Mastermind"]
    # Three people (the room is not a person): a meeting, every pair of them.
    assert set(mastermind["kind"]) == {"meeting"}
    pairs = mastermind.drop_duplicates(["source", "target"])[["source", "target"]]
    assert sorted(map(tuple, pairs.values.tolist())) == sorted([
        ("me", "ical:email:priya@shahwebb.example"), ("me", "ical:email:bob@jones.example"),
        ("ical:email:priya@shahwebb.example", "ical:email:bob@jones.example")])
    dates = sorted(set(mastermind["date"]))
    # Tuesdays of January to March 2024 without the 9 January exception; 07:30 London
    # is 07:30 UTC in winter and 06:30 UTC after the clocks change on 31 March.
    assert dates[0] == "2024-01-02T07:30:00+00:00"
    assert "2024-01-09T07:30:00+00:00" not in dates
    assert dates[-1] == "2024-03-26T07:30:00+00:00"
    assert len(dates) == 12


def test_calendar_titles_name_contacts_all_day_and_call(tmp_path):
    rows = read_ics(tmp_path).interactions.set_index("notes")
    assert rows.loc["Lunch – Marta García", ["date", "target", "kind"]].tolist() == [
        "2024-01-15", "marta", "one_to_one"]
    assert rows.loc["Call with Bob Jones", ["target", "kind"]].tolist() == ["bob", "call"]


def test_calendar_big_group_event_is_not_pairs(tmp_path):
    rows = read_ics(tmp_path, settings=Settings()).interactions
    chapter = rows[rows["notes"] == "BNI Downtown chapter meeting"]
    assert set(chapter["kind"]) == {"event"}
    assert set(chapter["source"]) == {"me"}  # owner to each member, no member pairs
    # 8 weekly occurrences, at most one row per person per 28 days.
    per_person = chapter.groupby("target").size()
    assert per_person.max() <= 3
    assert len(per_person) == 14  # 12 members, Priya, the organiser
    everyone = read_ics(tmp_path, settings=Settings().replace(
        imports=Settings().imports.__class__(event_min_gap_days=0))).interactions
    assert (everyone["notes"] == "BNI Downtown chapter meeting").sum() == 8 * 14


def test_calendar_leaves_out_cancelled_declined_future_and_lonely(tmp_path):
    result = read_ics(tmp_path)
    notes = set(result.interactions["notes"])
    assert {"Coffee with Priya Shah", "Pitch", "Dentist", "Future 1-to-1"}.isdisjoint(notes)
    messages = " ".join(p.message for p in result.skipped)
    assert "1 event(s) you declined" in messages
    assert "1 event(s) have no other attendee" in messages
    assert not result.create_contacts


def test_calendar_owner_from_me_or_the_calendar_name(tmp_path):
    text = ICS.replace("X-WR-CALNAME:sam@carter.example\n", "")
    path = write(tmp_path, "cal.ics", text)
    contacts = CALENDAR_CONTACTS.assign(email="")
    # Priya is at more events than the owner here: no guessing, a question.
    with pytest.raises(RefgraphError, match=r"cannot tell which attendee is you.*--me"):
        read_calendar(path, as_of="2024-03-31", contacts=contacts)
    result = read_calendar(path, as_of="2024-03-31", contacts=contacts,
                           me=["Sam@Carter.example"])
    assert "ical:email:sam@carter.example" not in set(result.interactions["target"])
    coffee = result.interactions[result.interactions["notes"] == "Coffee"]
    assert coffee["kind"].tolist() == ["one_to_one"]
    # A calendar whose events list at most one other person needs no --me.
    solo = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nDTSTART:20240305T093000Z\n"
            "SUMMARY:Coffee\nATTENDEE:mailto:priya@shahwebb.example\nEND:VEVENT\n"
            "END:VCALENDAR\n")
    result = read_calendar(write(tmp_path, "solo.ics", solo), as_of="2024-03-31",
                           contacts=contacts)
    assert result.interactions["kind"].tolist() == ["one_to_one"]


def test_calendar_title_match_does_not_double_count_an_attendee(tmp_path):
    text = ICS.replace("SUMMARY:Coffee\n", "SUMMARY:Coffee with Priya Shah\n", 1)
    rows = read_calendar(write(tmp_path, "cal.ics", text), as_of="2024-03-31",
                         contacts=CALENDAR_CONTACTS).interactions
    coffee = rows[rows["notes"] == "Coffee with Priya Shah"]
    assert coffee["kind"].tolist() == ["one_to_one"]


def test_calendar_broken_event_is_skipped_and_the_rest_read(tmp_path):
    broken = ("BEGIN:VEVENT\nUID:bad-1\nDTSTART:2024-13-05\nSUMMARY:Broken\n"
              "ATTENDEE:mailto:priya@shahwebb.example\nEND:VEVENT\n"
              "BEGIN:VEVENT\nUID:bad-2\nDTSTART:20240105T090000Z\nRRULE:FREQ=SOMETIMES\n"
              "SUMMARY:Bad rule\nATTENDEE:mailto:priya@shahwebb.example\nEND:VEVENT\n")
    text = ICS.replace("END:VCALENDAR", broken + "END:VCALENDAR")
    result = read_calendar(write(tmp_path, "cal.ics", text), as_of="2024-03-31",
                           contacts=CALENDAR_CONTACTS)
    problems = {(p.unit, p.column): p.message for p in result.skipped}
    assert "'Broken'" in problems[("event", "DTSTART")]
    assert "'Bad rule'" in problems[("event", "RRULE")]
    assert "Coffee" in set(result.interactions["notes"])  # the good events are read


@pytest.mark.parametrize(("lines", "field", "reason"), [
    ("DTEND:20240105T100000Z\n", "DTSTART", "has no start"),
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=SECONDLY\n", "RRULE",
     "repeats more than once a day (FREQ=SECONDLY) with no COUNT or UNTIL"),
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,10,11\n", "RRULE",
     "repeats more than once a day (FREQ=DAILY;BYHOUR=9,10,11) with no COUNT or UNTIL"),
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=SECONDLY;COUNT=100000000\n", "RRULE",
     "repeats more than once a day (FREQ=SECONDLY;COUNT=100000000), up to 100000000 times"),
    # UNTIL is far off, but nothing after as_of (31 March) is read: 86 days of minutes.
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=MINUTELY;UNTIL=20991231T000000Z\n", "RRULE",
     "repeats more than once a day (FREQ=MINUTELY;UNTIL=20991231T000000Z), up to 124741 "
     "times"),
], ids=["no start", "every second", "hourly slots", "huge count", "until far off"])
def test_calendar_event_that_cannot_be_a_meeting_is_skipped(tmp_path, lines, field, reason):
    # An event without a start stopped the expansion of every event; one
    # repeating every second ran for minutes and filled the memory.
    odd = f"BEGIN:VEVENT\nUID:odd\n{lines}SUMMARY:Odd\nATTENDEE:mailto:bob@jones.example\n"
    text = ICS.replace("END:VCALENDAR", odd + "END:VEVENT\nEND:VCALENDAR")
    result = read_calendar(write(tmp_path, "cal.ics", text), as_of="2024-03-31",
                           contacts=CALENDAR_CONTACTS)
    problems = {(p.unit, p.column): p.message for p in result.skipped}
    assert problems[("event", field)] == f"event 'Odd': {reason}" + (
        "; expected a meeting series repeating daily at most, or ending within "
        f"{MAX_SUB_DAILY_OCCURRENCES} occurrences" if field == "RRULE" else ""
    ) + "; it is skipped"
    assert "Odd" not in set(result.interactions["notes"])
    assert "Coffee" in set(result.interactions["notes"])  # the good events are read


def read_series(tmp_path, lines, as_of="2024-03-31"):
    """The rows and problems of one series with Bob added to the sample calendar."""
    series = (f"BEGIN:VEVENT\nUID:series\n{lines}SUMMARY:Sessions\n"
              "ATTENDEE:mailto:bob@jones.example\nEND:VEVENT\n")
    text = ICS.replace("END:VCALENDAR", series + "END:VCALENDAR")
    result = read_calendar(write(tmp_path, "cal.ics", text), as_of=as_of,
                           contacts=CALENDAR_CONTACTS)
    rows = result.interactions[result.interactions["notes"] == "Sessions"]
    return rows["date"].tolist(), [p for p in result.skipped if p.column == "RRULE"]


@pytest.mark.parametrize(("lines", "dates"), [
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=HOURLY;COUNT=5\n",
     [f"2024-01-05T{hour}:00:00+00:00" for hour in ("09", "10", "11", "12", "13")]),
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=MINUTELY;INTERVAL=30;UNTIL=20240105T103000Z\n",
     ["2024-01-05T09:00:00+00:00", "2024-01-05T09:30:00+00:00",
      "2024-01-05T10:00:00+00:00", "2024-01-05T10:30:00+00:00"]),
    ("DTSTART:20240105T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,14;COUNT=4\n",
     ["2024-01-05T09:00:00+00:00", "2024-01-05T14:00:00+00:00",
      "2024-01-06T09:00:00+00:00", "2024-01-06T14:00:00+00:00"]),
], ids=["hourly count", "half-hourly until", "twice a day count"])
def test_calendar_short_series_repeating_within_a_day_is_read(tmp_path, lines, dates):
    # A day of sessions is a handful of meetings, not a runaway series.
    read, problems = read_series(tmp_path, lines)
    assert problems == []
    assert read == dates


def test_calendar_series_ending_after_as_of_is_bounded_by_as_of(tmp_path):
    # Hourly until 2099, but only the few hours up to the end of as_of are read.
    read, problems = read_series(
        tmp_path, "DTSTART:20240331T200000Z\nRRULE:FREQ=HOURLY;UNTIL=20991231T000000Z\n")
    assert problems == []
    assert read[:3] == [f"2024-03-31T{hour}:00:00+00:00" for hour in (20, 21, 22)]
    assert all(date.startswith("2024-03-31") for date in read)


def test_calendar_series_bound_is_the_module_constant(tmp_path, monkeypatch):
    monkeypatch.setattr(ical, "MAX_SUB_DAILY_OCCURRENCES", 6)
    start = "DTSTART:20240105T090000Z\n"
    dates, problems = read_series(tmp_path, start + "RRULE:FREQ=HOURLY;COUNT=6\n")
    assert (len(dates), problems) == (6, [])
    dates, problems = read_series(tmp_path, start + "RRULE:FREQ=HOURLY;COUNT=7\n")
    assert dates == []
    assert "up to 7 times" in problems[0].message
    assert "ending within 6 occurrences" in problems[0].message
    # UNTIL 09:00 to 14:00 with two occurrences an hour is at most 12.
    dates, problems = read_series(
        tmp_path, start + "RRULE:FREQ=HOURLY;BYMINUTE=0,30;UNTIL=20240105T140000Z\n")
    assert dates == [] and "up to 12 times" in problems[0].message
    # Two rules each under the bound expand together past it.
    dates, problems = read_series(
        tmp_path, start + "RRULE:FREQ=HOURLY;COUNT=4\nRRULE:FREQ=MINUTELY;COUNT=4\n")
    assert dates == []
    assert "(FREQ=HOURLY;COUNT=4, FREQ=MINUTELY;COUNT=4), up to 8 times" in problems[0].message


def test_calendar_not_ics_is_an_error(tmp_path):
    with pytest.raises(DataValidationError, match="not a valid iCalendar"):
        read_calendar(write(tmp_path, "x.ics", "hello"), as_of="2024-01-01")


# ------------------------------------------------------------- the window's edges in UTC

#: Zones ahead of UTC (London in summer only), behind it, and UTC itself.
ZONES = ["Europe/London", "Asia/Tokyo", "America/New_York", "UTC"]

#: Events around the end of as_of (30 June 2024) and the dates read of each.
END_EDGE = [
    ("DTSTART:20240630T230000Z\n", ["2024-06-30T23:00:00+00:00"]),
    ("DTSTART:20240630T235959Z\n", ["2024-06-30T23:59:59+00:00"]),
    ("DTSTART:20240701T000000Z\n", []),
    ("DTSTART;TZID=Asia/Tokyo:20240701T083000\n", ["2024-06-30T23:30:00+00:00"]),
    ("DTSTART;TZID=America/New_York:20240630T200000\n", []),
    ("DTSTART:20240628T233000Z\nRRULE:FREQ=DAILY\n",
     [f"2024-06-{day}T23:30:00+00:00" for day in (28, 29, 30)]),
    ("DTSTART;VALUE=DATE:20240630\n", ["2024-06-30"]),
    ("DTSTART;VALUE=DATE:20240701\n", []),
    ("DTSTART;VALUE=DATE:20240629\nRRULE:FREQ=DAILY\n", ["2024-06-29", "2024-06-30"]),
]

#: Events around the start of the window (1 January 1900) and the dates read of each.
START_EDGE = [
    ("DTSTART:18991231T233000Z\n", []),
    ("DTSTART:19000101T000000Z\n", ["1900-01-01T00:00:00+00:00"]),
    ("DTSTART:18991231T230000Z\nDTEND:19000101T010000Z\n", []),  # still going on at it
    ("DTSTART;TZID=Asia/Tokyo:19000101T083000\n", []),
    ("DTSTART;TZID=America/New_York:18991231T200000\n", ["1900-01-01T01:00:00+00:00"]),
    ("DTSTART:18991231T223000Z\nRRULE:FREQ=HOURLY;COUNT=4\n",
     ["1900-01-01T00:30:00+00:00", "1900-01-01T01:30:00+00:00"]),
    ("DTSTART:18991230T233000Z\nRRULE:FREQ=DAILY;COUNT=3\n", ["1900-01-01T23:30:00+00:00"]),
    ("DTSTART;VALUE=DATE:18991231\n", []),
    ("DTSTART;VALUE=DATE:19000101\n", ["1900-01-01"]),
]


def read_edge(tmp_path, zone, events, as_of):
    """The dates read of each event (by title) in a calendar kept in ``zone``."""
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nX-WR-TIMEZONE:{zone}\n" + "".join(
        f"BEGIN:VEVENT\nUID:{n}\n{lines}SUMMARY:Event {n}\n"
        f"ATTENDEE:mailto:person{n}@example.com\nEND:VEVENT\n"
        for n, (lines, _) in enumerate(events)) + "END:VCALENDAR\n"
    rows = read_calendar(write(tmp_path, "edge.ics", text), as_of=as_of).interactions
    return {notes: sorted(dates["date"]) for notes, dates in rows.groupby("notes")}


@pytest.mark.parametrize("zone", ZONES)
def test_calendar_reads_to_the_end_of_as_of_in_utc_in_any_zone(tmp_path, zone):
    # as_of is a UTC day, as everywhere in refgraph: an event at 23:00 UTC on it
    # was lost in a zone ahead of UTC (midnight in London in summer).
    assert read_edge(tmp_path, zone, END_EDGE, "2024-06-30") == {
        f"Event {n}": dates for n, (_, dates) in enumerate(END_EDGE) if dates}


@pytest.mark.parametrize("zone", ZONES)
def test_calendar_window_starts_at_midnight_utc_in_any_zone(tmp_path, zone):
    # The first day is a UTC day too, and an event is read by when it starts.
    assert read_edge(tmp_path, zone, START_EDGE, "1900-01-31") == {
        f"Event {n}": dates for n, (_, dates) in enumerate(START_EDGE) if dates}
