"""Calendar details: floating times and X-WR-TIMEZONE, UNTIL, line ends, attendees."""

from __future__ import annotations

import pandas as pd
import pytest
from sample_exports import write

from refgraph.importers import read_calendar

ANN = "ATTENDEE;CN=Ann Smith:mailto:ann@example.com\n"


def calendar(*events, header=""):
    body = "".join(f"BEGIN:VEVENT\nUID:{i}\n{e}{ANN}END:VEVENT\n" for i, e in enumerate(events))
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\n" \
           f"{header}{body}END:VCALENDAR\n"


def dates(tmp_path, text, name="cal.ics", **kwargs):
    kwargs.setdefault("as_of", "2024-12-31")
    result = read_calendar(write(tmp_path, name, text), me=["me@example.com"], **kwargs)
    return sorted(result.interactions["date"]), result.skipped


def test_floating_times_are_read_in_the_calendars_x_wr_timezone(tmp_path):
    # Google and Apple Calendar write the calendar's zone and mean floating times in it.
    text = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n",
                    "DTSTART:20240710T093000\nSUMMARY:Summer coffee\n",
                    "DTSTART:20240306T093000Z\nSUMMARY:In UTC\n",
                    "DTSTART;TZID=Europe/London:20240307T093000\nSUMMARY:In London\n",
                    header="X-WR-TIMEZONE:America/New_York\n")
    found, skipped = dates(tmp_path, text)
    assert found == ["2024-03-05T14:30:00+00:00",  # 09:30 in New York, winter
                     "2024-03-06T09:30:00+00:00",  # Z stays UTC
                     "2024-03-07T09:30:00+00:00",  # TZID wins over X-WR-TIMEZONE
                     "2024-07-10T13:30:00+00:00"]  # 09:30 in New York, summer
    assert skipped == []


def test_floating_times_without_x_wr_timezone_are_read_in_utc(tmp_path):
    text = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n",
                    "DTSTART:20240710T233000\nSUMMARY:Late call\n")
    found, skipped = dates(tmp_path, text)
    assert found == ["2024-03-05T09:30:00+00:00", "2024-07-10T23:30:00+00:00"]
    assert skipped == []


def test_x_wr_timezone_decides_the_as_of_window(tmp_path):
    # 20:00 on 31 March in New York is 00:00 UTC on 1 April: after --as-of 2024-03-31.
    text = calendar("DTSTART:20240331T200000\nSUMMARY:Late\n",
                    "DTSTART:20240331T180000\nSUMMARY:Early\n",
                    header="X-WR-TIMEZONE:America/New_York\n")
    found, _ = dates(tmp_path, text, as_of="2024-03-31")
    assert found == ["2024-03-31T22:00:00+00:00"]


@pytest.mark.parametrize("value", ["Mars/Olympus", "Europe", "W. Europe Time",
                                   "../../etc/passwd"])
def test_an_invalid_x_wr_timezone_is_reported_and_floating_times_read_in_utc(tmp_path, value):
    text = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n",
                    "DTSTART:20240306T093000Z\nSUMMARY:In UTC\n",
                    header=f"X-WR-CALNAME:Work\nX-WR-TIMEZONE:{value}\n")
    found, skipped = dates(tmp_path, text)
    assert found == ["2024-03-05T09:30:00+00:00", "2024-03-06T09:30:00+00:00"]
    assert len(skipped) == 1
    problem = skipped[0]
    assert (problem.file.endswith("cal.ics"), problem.line, problem.column) == (
        True, 5, "X-WR-TIMEZONE")
    assert value in problem.message and "Europe/London" in problem.message
    assert "read in UTC" in problem.message


def test_x_wr_timezone_forgives_spaces_and_quotes_and_an_empty_one_is_none(tmp_path):
    text = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n",
                    header='X-WR-TIMEZONE: "Europe/Berlin" \n')
    assert dates(tmp_path, text) == (["2024-03-05T08:30:00+00:00"], [])
    text = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n", header="X-WR-TIMEZONE:\n")
    assert dates(tmp_path, text) == (["2024-03-05T09:30:00+00:00"], [])
    # Outlook's Windows zone names, as in TZID.
    text = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n",
                    header="X-WR-TIMEZONE:Pacific Standard Time\n")
    assert dates(tmp_path, text) == (["2024-03-05T17:30:00+00:00"], [])


def test_each_calendar_of_a_file_has_its_own_zone_and_lines(tmp_path):
    first = calendar("DTSTART:20240305T093000\nSUMMARY:Coffee\n",
                     header="X-WR-TIMEZONE:Asia/Tokyo\n")
    second = calendar("DTSTART:20240306T093000\nSUMMARY:Lunch\n",
                      header="X-WR-TIMEZONE:Nowhere/Land\n")
    found, skipped = dates(tmp_path, first + second)
    assert found == ["2024-03-05T00:30:00+00:00", "2024-03-06T09:30:00+00:00"]
    assert [(p.line, p.column) for p in skipped] == [(15, "X-WR-TIMEZONE")]


def test_a_floating_until_keeps_the_last_meeting_of_a_series(tmp_path):
    # UNTIL without Z is in the start's zone: the 2 April meeting is the last one, not
    # cut off by reading 09:30 as UTC (05:30 in New York).
    text = calendar("DTSTART:20240305T093000\nRRULE:FREQ=WEEKLY;UNTIL=20240402T093000\n"
                    "EXDATE:20240312T093000\nSUMMARY:Weekly\n",
                    header="X-WR-TIMEZONE:America/New_York\n")
    found, _ = dates(tmp_path, text)
    assert found == ["2024-03-05T14:30:00+00:00", "2024-03-19T13:30:00+00:00",
                     "2024-03-26T13:30:00+00:00", "2024-04-02T13:30:00+00:00"]


def test_a_date_until_includes_its_day_in_the_events_zone(tmp_path):
    text = calendar("DTSTART;TZID=America/Los_Angeles:20240305T170000\n"
                    "RRULE:FREQ=WEEKLY;UNTIL=20240319\nSUMMARY:Weekly\n")
    found, _ = dates(tmp_path, text)
    assert found == ["2024-03-06T01:00:00+00:00", "2024-03-13T00:00:00+00:00",
                     "2024-03-20T00:00:00+00:00"]


def test_hourly_sessions_in_an_x_wr_timezone_calendar(tmp_path):
    text = calendar("DTSTART:20240305T093000\nRRULE:FREQ=HOURLY;UNTIL=20240305T123000\n"
                    "SUMMARY:Sessions\n", header="X-WR-TIMEZONE:America/New_York\n")
    found, skipped = dates(tmp_path, text)
    assert found == [f"2024-03-05T{h}:30:00+00:00" for h in (14, 15, 16, 17)]
    assert skipped == []


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\r\r\n"],
                         ids=["LF", "CRLF", "CR (old Mac)", "CRCRLF (converted twice)"])
def test_any_line_ends_keep_events_folding_and_lines(tmp_path, end):
    text = calendar("DTSTART:20240305T093000Z\nSUMMARY:Coffee with a very long title th\n"
                    " at is folded\n",
                    header="X-WR-TIMEZONE:Not/AZone\n")
    found, skipped = dates(tmp_path, text.replace("\n", end))
    assert found == ["2024-03-05T09:30:00+00:00"]
    assert [(p.line, p.column) for p in skipped] == [(4, "X-WR-TIMEZONE")]
    result = read_calendar(write(tmp_path, "cal.ics", text.replace("\n", end)),
                           as_of="2024-12-31", me=["me@example.com"])
    assert result.interactions["notes"].tolist() == ["Coffee with a very long title that is folded"]


def test_an_attendee_with_a_name_and_no_address_is_matched_by_name(tmp_path):
    # Outlook writes attendees it has no address for as CN=...:invalid:nomail.
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nSUMMARY:Catch-up\n"
            "DTSTART:20240305T093000Z\nATTENDEE;CN=Marta García;RSVP=TRUE:invalid:nomail\n"
            "ATTENDEE;CN=Bob Jones;PARTSTAT=DECLINED:invalid:nomail\n"
            "ATTENDEE;CN=Sam Carter:mailto:me@example.com\nEND:VEVENT\nEND:VCALENDAR\n")
    contacts = pd.DataFrame({"id": ["me", "marta", "bob"],
                             "name": ["Sam Carter", "Marta García", "Bob Jones"],
                             "email": ["me@example.com", "", ""]})
    result = read_calendar(write(tmp_path, "cal.ics", text), as_of="2024-12-31",
                           contacts=contacts, owner="me")
    assert result.interactions[["source", "target", "kind"]].values.tolist() == [
        ["me", "marta", "one_to_one"]]
    assert result.skipped == []


def test_an_event_that_ends_before_it_starts_is_dated_by_its_start(tmp_path):
    # A mistyped end date: the meeting happened on the 5th, not on the 4th.
    text = calendar("DTSTART:20240305T093000Z\nDTEND:20240304T103000Z\nSUMMARY:Coffee\n",
                    "DTSTART:20240306T093000\nDTEND:20240306T083000\nSUMMARY:Floating\n",
                    "DTSTART:20240307T093000Z\nDTEND:20240307T103000Z\nSUMMARY:Fine\n")
    found, skipped = dates(tmp_path, text)
    assert found == ["2024-03-05T09:30:00+00:00", "2024-03-06T09:30:00+00:00",
                     "2024-03-07T09:30:00+00:00"]
    assert [(p.line, p.column) for p in skipped] == [(1, "DTEND"), (2, "DTEND")]
    assert "'Coffee' ends (2024-03-04T10:30:00+00:00) before it starts" in skipped[0].message
    assert skipped[0].message.endswith("it is read by its start")
