"""Every importer names its malformed records (with lines) and imports what is valid."""

from __future__ import annotations

import json

import pytest
from sample_exports import write

from refgraph.cli import main

CASES = {
    "linkedin": ("Connections.csv",
                 "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                 "Ann,Smith,https://www.linkedin.com/in/ann,,Acme,CEO,12 Mar 2021\n"
                 "Bo,Li,https://www.linkedin.com/in/bo,,Globex,CTO,12 Mar 2021,extra\n"
                 "Cy,Ng,https://www.linkedin.com/in/cy,,Initech,CFO,yesterday\n",
                 {3, 4}, 2),
    "google": ("contacts.csv",
               "First Name,Middle Name,Last Name,Birthday,E-mail 1 - Value\n"
               "Ann,,Smith,1985-04-12,ann@x.example\n"
               ",,,,\n"
               ",,,not a date,\n"
               "Bo,,Li,1985-02-30,bo@x.example\n",
               {4, 5}, 2),
    "vcard": ("contacts.vcf",
              "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Smith\nEND:VCARD\n"
              "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Li\n"
              "BEGIN:VCARD\nVERSION:3.0\nFN:Cy Ng\nBDAY:someday\nEND:VCARD\n",
              {5, 11}, 2),
    "outlook": ("outlook.csv",
                '"First Name","Last Name","Company","E-mail Address","Birthday"\n'
                '"Ann","Smith","Acme","ann@x.example","4/12/1985"\n'
                '"Bo","Li","Globex","bo@x.example","13/45/1985"\n',
                {3}, 2),
}


@pytest.mark.parametrize("source", sorted(CASES))
def test_malformed_records_are_named_and_the_rest_imported(tmp_path, capsys, source):
    name, text, lines, imported = CASES[source]
    path = write(tmp_path, name, text)
    folder = tmp_path / "net"
    assert main(["import", source, str(path), "--into", str(folder), "--owner", "me",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {s["line"] for s in out["skipped"]} == lines
    assert all(s["file"] == str(path) and s["reason"] for s in out["skipped"])
    assert len(out["contacts"]["new"]) == imported
    assert main(["import", source, str(path), "--into", str(folder), "--dry-run"]) == 0
    table = capsys.readouterr().out
    assert f"skipped:       {len(lines)} record(s)" in table
    for line in lines:
        assert f"line {line}" in table


# --------------------------------------------------------------------------- e-mails

BAD_EMAILS = {
    "linkedin": ("Connections.csv",
                 "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                 "Ann,Smith,https://www.linkedin.com/in/ann,ann@acme,Acme,CEO,12 Mar 2021\n"
                 "Bo,Li,https://www.linkedin.com/in/bo,,Globex,CTO,12 Mar 2021\n",
                 [(2, "Email Address", "ann@acme")]),
    "google": ("contacts.csv",
               "First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,"
               "E-mail 2 - Value\n"
               "Ann,Smith,* Work,ann@acme.example ::: ann@@acme.example,Home,n/a\n"
               "Bo,Li,Work,bo.li.example,,\n",
               [(2, "E-mail 1 - Value", "ann@@acme.example"),
                (3, "E-mail 1 - Value", "bo.li.example")]),
    "vcard": ("contacts.vcf",
              "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Smith\nitem1.EMAIL;type=INTERNET:ann@acme.example\n"
              "EMAIL;type=HOME:ann@home\nEND:VCARD\n",
              [(5, "EMAIL", "ann@home")]),
    "outlook": ("outlook.csv",
                '"First Name","Last Name","Company","E-mail Address","E-mail 2 Address"\n'
                '"Ann","Smith","Acme","ann@acme.example","ann at home"\n',
                [(2, "E-mail 2 Address", "ann at home")]),
}


@pytest.mark.parametrize("source", sorted(BAD_EMAILS))
def test_an_e_mail_that_is_no_address_is_named_not_dropped_silently(tmp_path, capsys, source):
    name, text, expected = BAD_EMAILS[source]
    path = write(tmp_path, name, text)
    assert main(["import", source, str(path), "--into", str(tmp_path / "net"), "--owner", "me",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    found = [(s["line"], s["field"], s["reason"]) for s in out["skipped"]]
    assert [(line, field) for line, field, _ in found] == [(n, f) for n, f, _ in expected]
    for (_, _, reason), (_, _, value) in zip(found, expected, strict=True):
        assert f"{value!r} is not an e-mail address" in reason
        assert "imported without it" in reason
    assert out["contacts"]["new"]  # the people are still imported
