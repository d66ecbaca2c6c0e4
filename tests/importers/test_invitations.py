"""LinkedIn Invitations.csv, and telling the source from the file."""

from __future__ import annotations

import json

import pytest
from sample_exports import write

import refgraph
from refgraph import RefgraphError
from refgraph.cli import main
from refgraph.importers import detect_source, read_connections, read_invitations

CONNECTIONS = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
               "Ann,Smith,https://www.linkedin.com/in/ann-smith,,Acme,CEO,12 Mar 2021\n")
INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Sam Carter,Ann Smith,"1/15/24, 3:04 PM",Great to meet you,OUTGOING,'
    "https://www.linkedin.com/in/sam,https://www.linkedin.com/in/ann-smith\n"
    'Bo Li,Sam Carter,"2/01/24, 9:00 AM",,INCOMING,https://www.linkedin.com/in/bo,'
    "https://www.linkedin.com/in/sam\n"
    'Cy Ng,Sam Carter,"someday",,INCOMING,https://www.linkedin.com/in/cy,'
    "https://www.linkedin.com/in/sam\n"
    'Di Fox,Sam Carter,"2/01/24, 9:00 AM",,SIDEWAYS,,\n'
)


def test_invitations_become_interactions_and_bad_rows_are_named(tmp_path):
    result = read_invitations(write(tmp_path, "Invitations.csv", INVITATIONS), owner="me")
    rows = result.interactions
    assert rows[["target", "kind"]].values.tolist() == [
        ["linkedin:url:linkedin.com/in/ann-smith", "message"],
        ["linkedin:url:linkedin.com/in/bo", "social"]]
    assert [(p.line, p.column) for p in result.skipped] == [(4, "Sent At"), (5, "Direction")]


def test_invitations_match_connections_and_name_the_rest(tmp_path):
    folder = tmp_path / "net"
    refgraph.import_into(folder, read_connections(write(tmp_path, "c.csv", CONNECTIONS)),
                         owner="me")
    report = refgraph.import_into(folder, read_invitations(
        write(tmp_path, "Invitations.csv", INVITATIONS), owner="me"))
    assert report.new_interactions == 1 and report.new_contacts == []
    assert [p["name"] for p in report.not_contacts] == ["Bo Li"]


@pytest.mark.parametrize(("name", "text", "source"), [
    ("Connections.csv", 'Notes:\n"x"\n\n' + CONNECTIONS, "linkedin"),
    ("Invitations.csv", INVITATIONS, "linkedin-invitations"),
    ("messages.csv", "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE\n",
     "linkedin-messages"),
    ("contacts.csv", "First Name,Middle Name,Last Name,Labels,E-mail 1 - Value\n", "google"),
    ("contacts.csv", "Name,Given Name,Additional Name,Family Name,Group Membership\n", "google"),
    ("outlook.csv", '"First Name","Middle Name","Last Name","Company","Job Title",'
                    '"E-mail Address"\n', "outlook"),
    ("x.txt", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n", "vcard"),
    ("cal.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "ical"),
])
def test_the_source_is_told_from_the_file(tmp_path, name, text, source):
    assert detect_source(write(tmp_path, name, text)) == source


def test_an_unknown_file_lists_the_choices(tmp_path):
    with pytest.raises(RefgraphError, match=r"cannot tell which export.*linkedin, "
                                            r"linkedin-messages"):
        detect_source(write(tmp_path, "x.csv", "id,name\nann,Ann\n"))


def test_cli_import_without_source(tmp_path, capsys):
    folder = tmp_path / "net"
    path = write(tmp_path, "Connections.csv", CONNECTIONS)
    assert main(["import", str(path), "--into", str(folder), "--owner", "me",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == "linkedin" and out["contacts"]["new"] == ["ann-smith"]
    invitations = write(tmp_path, "Invitations.csv", INVITATIONS)
    assert main(["import", str(invitations), "--into", str(folder), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == "linkedin-invitations" and out["interactions"]["new"] == 1
    assert [s["line"] for s in out["skipped"]] == [4, 5]
    assert main(["import", str(write(tmp_path, "x.csv", "id,name\n")), "--into",
                 str(folder)]) == 2
    assert "cannot tell which export" in capsys.readouterr().err
