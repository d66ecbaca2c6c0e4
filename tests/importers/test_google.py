"""Google Contacts CSV exports, current and legacy layouts."""

from __future__ import annotations

import pytest
from sample_exports import GOOGLE, GOOGLE_LEGACY, LINKEDIN_2020, write

from refgraph import DataValidationError
from refgraph.importers import read_google_contacts

# --------------------------------------------------------------------------- Google


def test_google_current_layout(tmp_path):
    result = read_google_contacts(write(tmp_path, "contacts.csv", "\ufeff" + GOOGLE))
    rows = result.contacts.set_index("name")
    assert list(rows.index) == ["Priya Shah", "Marta Ana García", "only@email.example"]
    priya = rows.loc["Priya Shah"]
    assert priya["company"] == "Shah, Webb & Co"
    assert priya["profession"] == "Partner"
    # Two records with the same e-mail are one person; ::: lists are split.
    assert priya["email"] == "priya@shahwebb.example; priya@home.example"
    assert priya["phone"] == "07700 900080; +44 20 7946 0958"
    assert priya["tags"] == "BNI Downtown; Clients; Friends"
    assert priya["notes"] == "Xero expert"
    assert priya["id"] == "google:email:priya@shahwebb.example"
    assert rows.loc["Marta Ana García", "tags"] == "starred"
    assert [(p.line, p.column) for p in result.skipped] == [(4, "Name")]
    assert result.interactions.empty


def test_google_legacy_layout(tmp_path):
    result = read_google_contacts(write(tmp_path, "google.csv", GOOGLE_LEGACY))
    rows = result.contacts.set_index("name")
    assert list(rows.index) == ["Tom Baker", "Ada Lovelace"]
    assert rows.loc["Tom Baker", "company"] == "Baker Print"
    assert rows.loc["Tom Baker", "profession"] == "Owner"
    assert rows.loc["Tom Baker", "tags"] == "My Contacts; Suppliers"
    assert rows.loc["Ada Lovelace", "id"] == "google:name:ada lovelace|"


def test_google_rejects_a_linkedin_file(tmp_path):
    with pytest.raises(DataValidationError, match="not a Google Contacts CSV"):
        read_google_contacts(write(tmp_path, "c.csv", LINKEDIN_2020))


@pytest.mark.parametrize("text", [GOOGLE, GOOGLE_LEGACY], ids=["current", "legacy"])
def test_google_export_with_a_header_and_no_contacts(tmp_path, text):
    header = text.splitlines()[0] + "\n"
    result = read_google_contacts(write(tmp_path, "contacts.csv", header))
    assert result.contacts.empty and result.interactions.empty and not result.skipped
