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
