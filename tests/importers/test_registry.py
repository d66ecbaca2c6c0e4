"""The importer registry: every source by name."""

from __future__ import annotations

import pytest
from sample_exports import MESSAGES, write

from refgraph.importers import SOURCES, read_export


def test_sources_are_listed():
    assert SOURCES == ("linkedin", "linkedin-messages", "linkedin-invitations",
                       "google", "vcard", "ical", "outlook")


def test_me_may_be_one_text_rather_than_a_list(tmp_path):
    # A single string was read letter by letter ('h' does not appear in any message).
    path = write(tmp_path, "messages.csv", MESSAGES)
    one = read_export("linkedin-messages", path, owner="me", me="https://www.linkedin.com/in/sam")
    listed = read_export("linkedin-messages", path, owner="me",
                         me=["https://www.linkedin.com/in/sam"])
    assert len(one.interactions) == len(listed.interactions) > 0


@pytest.mark.parametrize("me", ["sam@carter.example", ["sam@carter.example"]])
def test_me_of_a_calendar_may_be_one_text(tmp_path, me):
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nDTSTART:20240305T093000Z\n"
            "SUMMARY:Coffee\nATTENDEE:mailto:sam@carter.example\n"
            "ATTENDEE:mailto:ann@example.com\nEND:VEVENT\nEND:VCALENDAR\n")
    result = read_export("ical", write(tmp_path, "cal.ics", text), owner="me", me=me,
                         as_of="2024-12-31")
    assert result.interactions[["source", "target", "kind"]].values.tolist() == [
        ["me", "ical:email:ann@example.com", "one_to_one"]]
