"""Names without honorifics, and the optional details imports keep (birthday, url, address)."""

from __future__ import annotations

import json

from sample_exports import contacts_of, write

import refgraph
from refgraph.cli import main
from refgraph.importers import read_connections, read_google_contacts, read_vcards
from refgraph.importers.details import normalise_birthday

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Whitaker;Paul;;Mr;\r\nFN:Mr Paul Whitaker\r\n"
    "BDAY:--0412\r\nURL:https://www.linkedin.com/in/paulw\r\n"
    "ADR;TYPE=WORK:;;1 High St;Leeds;;LS1 4AP;UK\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dr. Ana María de la Cruz, PhD\r\n"
    "BDAY:1985-04-12\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nBDAY:1985-13-45\r\nEND:VCARD\r\n"
)


def test_vcard_honorifics_are_not_part_of_the_name_or_id(tmp_path):
    result = read_vcards(write(tmp_path, "c.vcf", VCARD))
    assert result.contacts["name"].tolist() == ["Paul Whitaker", "Ana María de la Cruz",
                                                "Bo Li"]
    folder = tmp_path / "net"
    report = refgraph.import_into(folder, result, owner="me")
    assert report.new_contacts == ["paul-whitaker", "ana-maria-de-la-cruz", "bo-li"]


def test_vcard_keeps_birthday_url_and_address(tmp_path):
    result = read_vcards(write(tmp_path, "c.vcf", VCARD))
    paul, ana, bo = result.contacts.to_dict("records")
    assert (paul["birthday"], ana["birthday"], bo["birthday"]) == ("--04-12", "1985-04-12", "")
    assert paul["url"] == "https://www.linkedin.com/in/paulw"
    assert (paul["address"], paul["city"]) == ("1 High St, Leeds, LS1 4AP, UK", "Leeds")
    (bad,) = result.skipped  # the contact is kept, its bad birthday reported
    assert (bad.line, bad.column) == (17, "BDAY") and "1985-13-45" in bad.message


def test_google_birthday_website_and_address(tmp_path):
    text = ("First Name,Middle Name,Last Name,Name Prefix,Birthday,Organization Name,Labels,"
            "E-mail 1 - Value,Address 1 - Formatted,Address 1 - City,Website 1 - Value\n"
            'Paul,,Whitaker,Mr,1970-01-31,Acme,,p@x.example,"1 High St\nLeeds",Leeds,'
            "https://paul.example\n")
    row = read_google_contacts(write(tmp_path, "g.csv", text)).contacts.iloc[0]
    assert (row["name"], row["birthday"], row["url"]) == (
        "Paul Whitaker", "1970-01-31", "https://paul.example")
    assert (row["address"], row["city"]) == ("1 High St, Leeds", "Leeds")


def test_linkedin_profile_url_is_kept_in_the_contact(tmp_path):
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Mr Paul,Whitaker,https://www.linkedin.com/in/paulw,,Acme,CEO,12 Mar 2021\n")
    folder = tmp_path / "net"
    refgraph.import_into(folder, read_connections(write(tmp_path, "c.csv", text)), owner="me")
    net = refgraph.load_network(folder)
    assert net.contacts.set_index("id").loc["paul-whitaker", "url"] == (
        "https://www.linkedin.com/in/paulw")


def test_birthday_forms():
    assert normalise_birthday("1604-02-29") == "--02-29"  # Apple's "no year"
    assert normalise_birthday("1985-04-12T00:00:00Z") == "1985-04-12"
    assert normalise_birthday("") == "" and normalise_birthday("02/30/1985") is None


def test_cli_vcard_import_keeps_details(tmp_path, capsys):
    export = write(tmp_path, "c.vcf", VCARD)
    folder = tmp_path / "net"
    assert main(["import", "vcard", str(export), "--into", str(folder), "--owner", "me",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "paul-whitaker" in out["contacts"]["new"]
    assert [(s["line"], s["field"]) for s in out["skipped"]] == [(17, "BDAY")]
    paul = contacts_of(folder).set_index("id").loc["paul-whitaker"]
    assert (paul["birthday"], paul["city"]) == ("--04-12", "Leeds")
