"""Importing into a network folder: matching, merging, the identity map, the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pandas as pd
import pytest
import sample_exports
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_exports import contacts_of, interactions_of, snapshot, write

import refgraph
from refgraph import DataValidationError, RefgraphError, RefgraphWarning
from refgraph.cli import main
from refgraph.importers import (
    read_calendar,
    read_connections,
    read_google_contacts,
    read_messages,
    read_vcards,
)
from refgraph.importers.edit import log_interaction
from refgraph.importers.importing import import_into
from refgraph.show import to_text

# Fixtures shared with the other import tests; pytest finds them by name here.
exports = sample_exports.exports
linkedin_network = sample_exports.linkedin_network


# --------------------------------------------------------------------------- import


def test_import_creates_the_network_and_it_loads(linkedin_network):
    folder = linkedin_network
    assert sorted(p.name for p in folder.iterdir()) == [
        "contacts.csv", "identity_map.csv", "imported.csv", "interactions.csv", "network.toml"]
    net = refgraph.load_network(folder)
    assert net.owner == "me"
    assert net.name_of("me") == "Sam Carter"
    assert set(net.contacts["id"]) == {"me", "priya-shah", "zoe-muller", "jose-obrien",
                                       "li-wei", "bob-jones"}
    assert net.contacts.set_index("id").loc["priya-shah", "company"] == "Shah, Webb & Co"
    assert len(net.interactions) == 4 and set(net.interactions["kind"]) == {"card"}
    graph = net.graph()
    assert graph.has_edge("me", "priya-shah")
    assert graph.edges["me", "priya-shah"]["stage"] == "visibility"


def test_round_trip_import_load_refer(linkedin_network, exports):
    folder = linkedin_network
    import_into(folder, read_google_contacts(exports["google"]))
    calendar = read_calendar(exports["ical"], as_of="2024-03-31",
                             contacts=refgraph.load_network(folder), owner="me",
                             me=["sam@carter.example"])
    import_into(folder, calendar)
    net = refgraph.load_network(folder)
    result = refgraph.refer(net, "a client needs a new accountant to move them onto Xero",
                            as_of="2024-03-31")
    ranked = [row["id"] for row in result.to_dict()["candidates"]]
    assert ranked[0] == "priya-shah"


def test_reimport_is_idempotent(linkedin_network, exports):
    before = snapshot(linkedin_network)
    report = import_into(linkedin_network, read_connections(exports["linkedin"], owner="me"))
    assert not report.changed
    assert report.present_interactions == 4
    assert len(report.unchanged_contacts) == 5
    assert report.backups == []
    assert snapshot(linkedin_network) == before


def test_same_people_across_sources_become_one_contact(linkedin_network, exports):
    folder = linkedin_network
    google = import_into(folder, read_google_contacts(exports["google"]))
    # Priya (same name and company as on LinkedIn) gains e-mails, phones and labels.
    assert "priya-shah" in google.updated_contacts
    assert google.new_contacts == ["marta-ana-garcia", "only-email-example"]
    vcard = import_into(folder, read_vcards(exports["vcard"]))
    assert "priya-shah" in vcard.unchanged_contacts + vcard.updated_contacts  # by e-mail
    rows = contacts_of(folder).set_index("id")
    priya = rows.loc["priya-shah"]
    assert priya["email"] == "priya@shahwebb.example; priya@home.example"
    assert priya["phone"] == "+447700900080; +442079460958"
    assert priya["tags"] == "BNI Downtown; Clients; Friends; Referral partners"
    assert priya["notes"] == "Xero expert"  # filled once, never replaced
    assert (rows["name"] == "Priya Shah").sum() == 1
    # Marta comes from Google and, by e-mail, from the 4.0 vCard: one contact.
    assert (rows["name"].str.contains("Marta")).sum() == 1
    messages = import_into(folder, read_messages(exports["messages"], owner="me",
                                                 me="https://www.linkedin.com/in/sam"))
    assert messages.new_contacts == []
    assert messages.new_interactions == 4
    links = interactions_of(folder)
    assert set(links.loc[links["kind"] == "message", "target"]) == {
        "priya-shah", "bob-jones", "li-wei"}


def test_user_edits_win_over_imports(linkedin_network, exports):
    folder = linkedin_network
    rows = contacts_of(folder)
    at = rows.index[rows["id"] == "priya-shah"][0]
    rows.loc[at, ["company", "character", "competency", "services", "tags", "notes"]] = [
        "Shah Webb", "5", "4", "Xero accounting", "client", "My accountant"]
    rows["hobby"] = ""
    rows.to_csv(folder / "contacts.csv", index=False)
    with pytest.warns(RefgraphWarning, match="unknown column.*hobby"):
        report = import_into(folder, read_google_contacts(exports["google"]))
    assert report.updated_contacts == ["priya-shah"]
    priya = contacts_of(folder).set_index("id").loc["priya-shah"]
    assert priya["company"] == "Shah Webb"
    assert (priya["character"], priya["competency"]) == ("5", "4")
    assert priya["services"] == "Xero accounting"
    assert priya["notes"] == "My accountant"
    assert priya["tags"] == "client; BNI Downtown; Clients; Friends"
    assert priya["email"] == "priya@shahwebb.example; priya@home.example"
    assert "hobby" in contacts_of(folder).columns  # the user's extra column stays


def test_a_renamed_contact_is_not_duplicated(linkedin_network, exports):
    folder = linkedin_network
    rows = contacts_of(folder)
    rows.loc[rows["id"] == "priya-shah", "name"] = "Priya Shah-Webb"
    rows.to_csv(folder / "contacts.csv", index=False)
    # The same export again: the identity map knows the record.
    assert not import_into(folder, read_connections(exports["linkedin"], owner="me")).changed
    # Another source with the old name: held for review, not added twice.
    report = import_into(folder, read_google_contacts(exports["google"]))
    assert "priya-shah" not in report.updated_contacts
    assert report.ambiguous["name"].tolist() == ["Priya Shah"]
    assert [c["id"] for c in report.ambiguous["candidates"].iloc[0]] == ["priya-shah"]
    assert contacts_of(folder)["name"].str.startswith("Priya").sum() == 1


def test_ambiguous_records_wait_for_the_identity_map(tmp_path, exports):
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "contacts.csv").write_text(
        "id,name,company\nme,Sam Carter,\nann,Ann Smith,Acme\nann2,Ann Smith,Globex\n")
    (folder / "interactions.csv").write_text("date,source,target,kind\n")
    (folder / "network.toml").write_text('owner = "me"\n')
    connections = write(tmp_path, "c.csv", "First Name,Last Name,Email Address,Company,"
                        "Position,Connected On\nAnn,Smith,,,Designer,12 Mar 2021\n")
    result = read_connections(connections, owner="me")
    report = import_into(folder, result, dry_run=True, review=True)
    text = to_text(report)
    assert "1 record(s) need a decision" in text
    assert "linkedin:name:ann smith|" in text and "ann2" in text
    assert report.held_interactions == 1 and report.new_interactions == 0

    report = import_into(folder, result)
    assert report.new_contacts == [] and report.held_interactions == 1
    table = pd.read_csv(folder / "identity_map.csv", dtype=str, keep_default_na=False)
    assert table[["incoming_key", "contact_id", "rule"]].values.tolist() == [
        ["linkedin:name:ann smith|", "", "review"]]
    assert "ann2 (Ann Smith, Globex" in table["candidates"].iloc[0]

    # The user decides; the next import follows.
    table.loc[0, "contact_id"] = "ann2"
    table.to_csv(folder / "identity_map.csv", index=False)
    report = import_into(folder, result)
    assert report.updated_contacts == ["ann2"] and report.new_interactions == 1
    assert interactions_of(folder)["target"].tolist() == ["ann2"]
    assert contacts_of(folder).set_index("id").loc["ann2", "profession"] == "Designer"
    # Only the column that got a value was added to the user's file.
    assert list(contacts_of(folder).columns) == ["id", "name", "company", "profession"]


def test_identity_map_new_and_skip(tmp_path):
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "contacts.csv").write_text("id,name\nme,Me\nann,Ann Smith\n")
    (folder / "interactions.csv").write_text("date,source,target,kind\n")
    (folder / "identity_map.csv").write_text(
        "incoming_key,contact_id\nlinkedin:name:ann smith|,new\nlinkedin:name:bo li|,skip\n")
    connections = write(tmp_path, "c.csv", "First Name,Last Name,Email Address,Company,"
                        "Position,Connected On\nAnn,Smith,,,,12 Mar 2021\nBo,Li,,,,1 Jan 2020\n")
    result = read_connections(connections, owner="me")
    report = import_into(folder, result, owner="me")
    assert report.new_contacts == ["ann-smith"]
    assert report.dropped_interactions == 1
    table = pd.read_csv(folder / "identity_map.csv", dtype=str, keep_default_na=False)
    # "new" became the id it created, so the next import finds the same contact.
    assert table["contact_id"].tolist() == ["ann-smith", "skip"]
    assert not import_into(folder, result, owner="me").changed


def test_a_broken_identity_map_is_named(linkedin_network, exports):
    (linkedin_network / "identity_map.csv").write_text(
        "incoming_key,contact_id\nk1,me\nk2,me\nk1,li-wei\n")
    with pytest.raises(DataValidationError, match=r"identity_map\.csv, line 4.*mapped twice"):
        import_into(linkedin_network, read_connections(exports["linkedin"], owner="me"))
    (linkedin_network / "identity_map.csv").write_text("key,id\n")
    with pytest.raises(DataValidationError, match="incoming_key,contact_id"):
        import_into(linkedin_network, read_connections(exports["linkedin"], owner="me"))


def test_a_stale_identity_map_line_is_reported(linkedin_network, exports):
    table = pd.read_csv(linkedin_network / "identity_map.csv", dtype=str, keep_default_na=False)
    table.loc[table["contact_id"] == "li-wei", "contact_id"] = "deleted-id"
    table.to_csv(linkedin_network / "identity_map.csv", index=False)
    report = import_into(linkedin_network, read_connections(exports["linkedin"], owner="me"),
                         dry_run=True)
    assert any("'deleted-id' is not a contact id" in p.message for p in report.skipped)
    assert report.new_contacts == []  # Li Wei is found again by name and company


def test_dry_run_writes_nothing(tmp_path, linkedin_network, exports):
    before = snapshot(linkedin_network)
    report = import_into(linkedin_network, read_google_contacts(exports["google"]), dry_run=True)
    assert report.dry_run and report.changed
    assert snapshot(linkedin_network) == before
    missing = tmp_path / "not-yet"
    report = import_into(missing, read_connections(exports["linkedin"], owner="me"),
                         owner="me", dry_run=True)
    assert len(report.new_contacts) == 5
    assert not missing.exists()


def test_calendar_people_must_already_be_contacts(linkedin_network, exports):
    calendar = read_calendar(exports["ical"], as_of="2024-03-31",
                             contacts=refgraph.load_network(linkedin_network), owner="me",
                             me=["sam@carter.example"])
    report = import_into(linkedin_network, calendar)
    assert report.new_contacts == []
    assert report.dropped_interactions > 0  # the chapter members are not contacts
    links = interactions_of(linkedin_network)
    assert set(links["kind"]) == {"card", "one_to_one", "meeting", "call", "event"}
    assert set(links["source"]) | set(links["target"]) <= set(contacts_of(linkedin_network)["id"])
    # Priya and Bob (no e-mail in the network) are found by their names on the invitations.
    assert set(links.loc[links["kind"] == "meeting", "target"]) == {"priya-shah", "bob-jones"}
    assert links.loc[links["kind"] == "event", "target"].unique().tolist() == ["priya-shah"]


def test_owner_is_needed_for_interactions(tmp_path, exports):
    result = read_connections(exports["linkedin"], owner="me")
    with pytest.raises(RefgraphError, match="not a contact of the network; pass --owner"):
        import_into(tmp_path / "new", result)


def test_an_empty_folder_is_a_new_network_and_a_file_is_not(tmp_path, exports):
    (tmp_path / "empty").mkdir()
    report = import_into(tmp_path / "empty", read_google_contacts(exports["google"]))
    assert len(report.new_contacts) == 3
    assert refgraph.load_network(tmp_path / "empty").owner is None
    (tmp_path / "afile").write_text("x")
    with pytest.raises(RefgraphError, match="is a file, expected a network folder"):
        import_into(tmp_path / "afile", read_google_contacts(exports["google"]))
    with pytest.raises(RefgraphError, match="not a network folder"):
        log_interaction(tmp_path / "nowhere", with_id="x", kind="call")


@pytest.mark.parametrize(("file", "into", "role"), [
    (None, "net", "file"), (42, "net", "file"), ("Connections.csv", None, "network folder"),
])
def test_import_file_wants_paths(tmp_path, exports, file, into, role):
    file = exports["linkedin"] if file == "Connections.csv" else file
    with pytest.raises(RefgraphError, match=f"^{role}: expected a path, got "):
        refgraph.import_file(file, into if into is None else tmp_path / into, owner="me")


# --------------------------------------------------------------------------- command line


def test_cli_import_dry_run_review_and_write(tmp_path, exports, capsys):
    folder = tmp_path / "net"
    args = ["import", "linkedin", str(exports["linkedin"]), "--into", str(folder)]
    assert main(args) == 2
    assert "need your contact id: pass --owner" in capsys.readouterr().err
    assert main([*args, "--owner", "me", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run, nothing written" in out and "5 new" in out
    assert not folder.exists()
    assert main([*args, "--owner", "me", "--owner-name", "Sam Carter"]) == 0
    assert (folder / "contacts.csv").exists()
    capsys.readouterr()
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["contacts"] == {"new": [], "updated": [], "unchanged": 5}
    assert data["interactions"]["already_present"] == 4
    assert data["skipped"][0] == {"file": str(exports["linkedin"]), "line": 9,
                                  "field": "First Name, Last Name",
                                  "reason": "no name (a hidden or closed profile); the row is "
                                            "skipped"}
    assert main(["import", "vcard", str(exports["vcard"]), "--into", str(folder),
                 "--review"]) == 0
    out = capsys.readouterr().out
    assert "No ambiguous records." in out and "broken card" in out


def test_cli_import_calendar_and_errors(linkedin_network, exports, capsys):
    folder = str(linkedin_network)
    assert main(["import", "ical", str(exports["ical"]), "--into", folder,
                 "--as-of", "2024-03-31", "--me", "sam@carter.example"]) == 0
    assert "with people who are not contacts" in capsys.readouterr().out
    assert main(["import", "google", str(exports["linkedin"]), "--into", folder]) == 2
    assert "not a Google Contacts CSV" in capsys.readouterr().err
    assert main(["import", "vcard", str(exports["vcard"]) + ".missing", "--into", folder]) == 2
    assert "file not found" in capsys.readouterr().err
    assert main(["import", "google", str(exports["google"]), "--into", folder,
                 "--region", "ZZ"]) == 2
    assert "phone region 'ZZ' is not known" in capsys.readouterr().err
    assert main(["import", "myspace", str(exports["google"]), "--into", folder]) == 2
    assert "unknown import source 'myspace'" in capsys.readouterr().err


def test_import_into_a_copy_of_the_sample_network(tmp_path, exports):
    folder = tmp_path / "consultant"
    shutil.copytree(SAMPLES / "consultant", folder)
    net = refgraph.load_network(folder)
    priya = net.contacts[net.contacts["name"] == "Priya Shah"]
    vcard = write(tmp_path, "phone.vcf", (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Shah\r\nTEL;type=CELL:"
        + priya["phone"].iloc[0] + "\r\nEMAIL:priya.new@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Quentin Newcomer\r\nORG:Newco\r\n"
        "TITLE:Web designer\r\nEND:VCARD\r\n"))
    report = import_into(folder, read_vcards(vcard))
    assert report.updated_contacts == [priya["id"].iloc[0]]
    assert report.new_contacts == ["quentin-newcomer"]
    after = refgraph.load_network(folder)
    assert len(after.contacts) == len(net.contacts) + 1
    assert after.contacts.set_index("id").loc[priya["id"].iloc[0], "email"].endswith(
        "priya.new@example.com")
    pd.testing.assert_frame_equal(after.interactions, net.interactions)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["Ann", "Bo", "Zoë", "José", "Li"]),
                          st.sampled_from(["Smith", "Ng", "Müller", "O'Brien"]),
                          st.sampled_from(["", "Acme", "Acme Ltd", "=Evil()", "Globex"]),
                          st.sampled_from(["", "a@x.example", "b@y.example"]),
                          st.sampled_from(["12 Mar 2021", "7-Feb-22", "", "bad"])),
                min_size=1, max_size=8))
def test_any_export_imported_twice_changes_nothing_the_second_time(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("prop")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["First Name", "Last Name", "Email Address", "Company", "Position",
                     "Connected On"])
    writer.writerows([first, last, email, company, "", date]
                     for first, last, company, email, date in rows)
    export = write(folder, "c.csv", buffer.getvalue())
    net = folder / "net"
    first_report = import_into(net, read_connections(export, owner="me"), owner="me")
    refgraph.load_network(net)
    before = snapshot(net)
    again = import_into(net, read_connections(export, owner="me"))
    assert not again.changed
    assert snapshot(net) == before
    # Into a network holding only its owner, every incoming person is new, once.
    groups = first_report.matches.matches["group"].nunique()
    assert len(first_report.new_contacts) == groups
    assert len(refgraph.load_network(net).contacts) == groups + 1
