"""Calendar imports name what they leave out: people who are not contacts, candidate owners."""

from __future__ import annotations

import json

import pytest
from sample_exports import write

import refgraph
from refgraph import RefgraphError
from refgraph.cli import main
from refgraph.importers import read_calendar
from refgraph.show import to_text

CALENDAR = (
    "BEGIN:VCALENDAR\nVERSION:2.0\n"
    "BEGIN:VEVENT\nUID:1\nDTSTART:20240305T093000Z\nSUMMARY:Coffee with Ana\nEND:VEVENT\n"
    "BEGIN:VEVENT\nUID:2\nDTSTART:20240306T093000Z\nSUMMARY:Lunch\n"
    "ATTENDEE;CN=Zed Stranger:mailto:zed@x.example\n"
    "ATTENDEE;CN=Sam:mailto:sam@me.example\nEND:VEVENT\n"
    "BEGIN:VEVENT\nUID:3\nDTSTART:20240307T093000Z\nSUMMARY:Sync\n"
    "ATTENDEE;CN=Zed Stranger:mailto:zed@x.example\n"
    "ATTENDEE;CN=Sam:mailto:sam@me.example\nEND:VEVENT\n"
    "BEGIN:VEVENT\nUID:4\nDTSTART:20240308T093000Z\nSUMMARY:Chat with Bob\nEND:VEVENT\n"
    "END:VCALENDAR\n"
)


@pytest.fixture
def network(tmp_path):
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "contacts.csv").write_text(
        "id,name\nme,Sam Carter\nana,Ana Lima\nbob,Bob Ray\nbob2,Bob Stone\n")
    (folder / "interactions.csv").write_text("date,source,target,kind\n")
    (folder / "network.toml").write_text('owner = "me"\n')
    return folder


def test_people_who_are_not_contacts_are_named(tmp_path, network):
    result = read_calendar(write(tmp_path, "c.ics", CALENDAR), as_of="2024-12-31",
                           contacts=refgraph.load_network(network), owner="me",
                           me=["sam@me.example"])
    report = refgraph.import_into(network, result, review=True)
    assert report.dropped_interactions == 2
    assert report.not_contacts == [{"incoming_key": "ical:email:zed@x.example",
                                    "name": "Zed Stranger", "email": "zed@x.example",
                                    "interactions": 2}]
    assert "Zed Stranger" in to_text(report)


def test_a_title_names_a_contact_by_a_unique_first_name(tmp_path, network):
    result = read_calendar(write(tmp_path, "c.ics", CALENDAR), as_of="2024-12-31",
                           contacts=refgraph.load_network(network), owner="me",
                           me=["sam@me.example"])
    rows = result.interactions
    # "Coffee with Ana": one Ana. "Chat with Bob": two Bobs, so nobody.
    assert rows.loc[rows["target"] == "ana", "date"].tolist() == ["2024-03-05T09:30:00+00:00"]
    assert not rows["target"].isin(["bob", "bob2"]).any()


def test_the_owner_candidates_are_named(tmp_path, network):
    (network / "contacts.csv").write_text("id,name\nme,Sam Carter\n")
    with pytest.raises(RefgraphError, match="cannot tell which attendee is you") as caught:
        read_calendar(write(tmp_path, "c.ics", CALENDAR), as_of="2024-12-31", owner="me")
    assert "zed@x.example (2 events)" in str(caught.value)
    assert "sam@me.example (2 events)" in str(caught.value)


def test_cli_lists_not_contacts_in_json_and_review(tmp_path, network, capsys):
    path = write(tmp_path, "c.ics", CALENDAR)
    args = ["import", "ical", str(path), "--into", str(network), "--me", "sam@me.example",
            "--as-of", "2024-12-31", "--dry-run"]
    assert main([*args, "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in out["not_contacts"]] == ["Zed Stranger"]
    assert main([*args, "--review"]) == 0
    text = capsys.readouterr().out
    assert "Not contacts (1" in text and "zed@x.example" in text
    assert main(args) == 0
    assert "not contacts:  Zed Stranger" in capsys.readouterr().out
