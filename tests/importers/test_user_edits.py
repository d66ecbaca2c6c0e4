"""Re-imports respect the user's edits: what the user removed or emptied stays so."""

from __future__ import annotations

import json

import pandas as pd
from sample_exports import contacts_of, write

from refgraph.cli import main
from refgraph.importers import read_google_contacts
from refgraph.importers.contributed import CONTRIBUTED
from refgraph.importers.importing import import_into

HEADER = ("First Name,Middle Name,Last Name,Organization Name,Organization Title,Notes,"
          "Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n")
ANN = ("Ann,,Smith,Acme,Designer,,* myContacts ::: BNI ::: Golf,* Work,"
       "ann@acme.example ::: ann@old.example,Mobile,07700 900123\n")


def _edit(folder, **cells):
    rows = contacts_of(folder)
    at = rows.index[rows["id"] == "ann-smith"][0]
    for column, value in cells.items():
        rows.loc[at, column] = value
    rows.to_csv(folder / "contacts.csv", index=False)


def test_removed_values_do_not_come_back(tmp_path):
    export = write(tmp_path, "google.csv", HEADER + ANN)
    folder = tmp_path / "net"
    first = import_into(folder, read_google_contacts(export), owner="me")
    assert first.new_contacts == ["ann-smith"]
    assert (folder / CONTRIBUTED).exists()
    # The user removes an e-mail, the phone and a tag, empties the company and
    # rewrites the profession.
    _edit(folder, email="ann@acme.example", phone="", tags="BNI", company="",
          profession="Brand designer")
    again = import_into(folder, read_google_contacts(export))
    assert again.updated_contacts == [] and again.unchanged_contacts == ["ann-smith"]
    ann = contacts_of(folder).set_index("id").loc["ann-smith"]
    assert ann["email"] == "ann@acme.example"
    assert ann["phone"] == "" and ann["tags"] == "BNI" and ann["company"] == ""
    assert ann["profession"] == "Brand designer"


def test_values_new_in_the_export_are_still_added(tmp_path):
    folder = tmp_path / "net"
    import_into(folder, read_google_contacts(write(tmp_path, "g1.csv", HEADER + ANN)),
                owner="me")
    _edit(folder, email="ann@acme.example", tags="BNI")
    newer = ANN.replace("ann@old.example", "ann@old.example ::: ann@new.example").replace(
        "Golf", "Golf ::: Chess")
    report = import_into(folder, read_google_contacts(write(tmp_path, "g2.csv",
                                                            HEADER + newer)))
    assert report.updated_contacts == ["ann-smith"]
    ann = contacts_of(folder).set_index("id").loc["ann-smith"]
    assert ann["email"] == "ann@acme.example; ann@new.example"
    assert ann["tags"] == "BNI; Chess"


def test_the_record_of_imported_values_is_not_rewritten_when_nothing_is_new(tmp_path):
    export = write(tmp_path, "google.csv", HEADER + ANN)
    folder = tmp_path / "net"
    import_into(folder, read_google_contacts(export), owner="me")
    recorded = pd.read_csv(folder / CONTRIBUTED, dtype=str)
    assert {"email", "phone", "tags", "company", "profession"} <= set(recorded["field"])
    assert ("ann-smith", "phone", "+447700900123") in set(recorded.itertuples(index=False,
                                                                              name=None))
    before = (folder / CONTRIBUTED).read_bytes()
    report = import_into(folder, read_google_contacts(export))
    assert not report.changed and report.backups == []
    assert (folder / CONTRIBUTED).read_bytes() == before


def test_cli_reimport_keeps_the_deletion(tmp_path, capsys):
    export = write(tmp_path, "google.csv", HEADER + ANN)
    folder = tmp_path / "net"
    assert main(["import", "google", str(export), "--into", str(folder), "--owner", "me"]) == 0
    _edit(folder, email="ann@acme.example")
    capsys.readouterr()
    assert main(["import", "google", str(export), "--into", str(folder),
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["contacts"]["updated"] == [] and out["contacts"]["unchanged"] == 1
    assert contacts_of(folder).set_index("id").loc["ann-smith", "email"] == "ann@acme.example"
