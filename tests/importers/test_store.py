"""Writing a network folder: formula safety, backups, atomic and interrupted writes."""

from __future__ import annotations

import os

import pandas as pd
import pytest
import sample_exports
from sample_exports import contacts_of, snapshot

import refgraph
from refgraph import RefgraphError
from refgraph.importers import read_calendar, read_google_contacts
from refgraph.importers.formulas import safe_entry
from refgraph.importers.importing import import_into
from refgraph.importers.store import read_network_files, write_network_files
from refgraph.io.backups import backup_file

# Fixtures shared with the other import tests; pytest finds them by name here.
exports = sample_exports.exports
linkedin_network = sample_exports.linkedin_network


# --------------------------------------------------------------------------- safety


def test_imported_formulas_are_neutralised_and_stored_data_round_trips(linkedin_network,
                                                                       exports):
    folder = linkedin_network
    rows = contacts_of(folder).set_index("id")
    assert rows.loc["bob-jones", "company"] == "'=HYPERLINK(\"http://x\")"
    net = refgraph.load_network(folder)
    assert net.contacts.set_index("id").loc["bob-jones", "company"] == "'=HYPERLINK(\"http://x\")"
    # The user's own cells are never rewritten, formula-like or not.
    cells = contacts_of(folder)
    cells.loc[cells["id"] == "li-wei", "services"] = "=SUM(1;2)"
    cells.to_csv(folder / "contacts.csv", index=False)
    import_into(folder, read_google_contacts(exports["google"]))
    rows = contacts_of(folder).set_index("id")
    assert rows.loc["li-wei", "services"] == "=SUM(1;2)"
    assert rows.loc["priya-shah", "phone"].startswith("+44")  # a number, not a formula
    # Load, write, load: nothing changes.
    files = read_network_files(folder)
    before = refgraph.load_network(folder).contacts

    write_network_files(files, contacts=files.contacts, interactions=files.interactions)
    pd.testing.assert_frame_equal(refgraph.load_network(folder).contacts, before)


def test_safe_entry_rules():
    assert safe_entry("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert safe_entry("@SUM(A1)") == "'@SUM(A1)"
    assert safe_entry("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0"
    assert safe_entry("+44 20 7946 0958") == "+44 20 7946 0958"
    assert safe_entry("- 12.50") == "- 12.50"
    assert safe_entry("'=already") == "'=already"


def test_each_write_keeps_a_backup(linkedin_network, exports):
    before = (linkedin_network / "contacts.csv").read_bytes()
    report = import_into(linkedin_network, read_google_contacts(exports["google"]))
    names = sorted(p.name for p in (linkedin_network / ".backup").iterdir())
    assert len(report.backups) == 3  # contacts.csv, identity_map.csv and imported.csv
    assert [name.split("-")[0] for name in names] == ["contacts", "identity_map", "imported"]
    backup = next(p for p in (linkedin_network / ".backup").iterdir()
                  if p.name.startswith("contacts-"))
    assert backup.read_bytes() == before


def test_backups_are_pruned(tmp_path):
    target = tmp_path / "contacts.csv"
    for version in range(5):
        target.write_text(f"id,name\nv{version},V\n")
        backup_file(target, keep=3)
    kept = sorted((tmp_path / ".backup").iterdir())
    assert len(kept) == 3
    assert [p.read_text().split("\n")[1] for p in kept] == ["v2,V", "v3,V", "v4,V"]


def test_interrupted_write_leaves_the_old_file(linkedin_network, exports, monkeypatch):
    folder = linkedin_network
    before = snapshot(folder)
    real_replace = os.replace

    def failing(source, target):
        if str(target).endswith("contacts.csv") and ".backup" not in str(target):
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(RefgraphError, match=r"contacts\.csv: could not write.*previous version "
                                            r"is intact"):
        import_into(folder, read_google_contacts(exports["google"]))
    after = snapshot(folder)
    assert after["contacts.csv"] == before["contacts.csv"]
    assert after["interactions.csv"] == before["interactions.csv"]
    assert not [name for name in after if name.endswith(".tmp")]
    refgraph.load_network(folder)


def test_interruption_between_files_loads_and_completes(linkedin_network, exports,
                                                        monkeypatch):
    folder = linkedin_network
    calendar = read_calendar(exports["ical"], as_of="2024-03-31",
                             contacts=refgraph.load_network(folder), owner="me",
                             me=["sam@carter.example"])
    google = read_google_contacts(exports["google"])
    real_replace = os.replace

    def failing(source, target):
        if str(target).endswith(os.sep + "interactions.csv"):
            raise KeyboardInterrupt
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing)
    import_into(folder, google)  # contacts only: unaffected
    with pytest.raises(KeyboardInterrupt):
        import_into(folder, calendar)
    monkeypatch.setattr(os, "replace", real_replace)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    refgraph.load_network(folder)
    report = import_into(folder, calendar)
    assert report.new_interactions > 0
