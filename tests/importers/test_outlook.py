"""Outlook contacts CSV exports."""

from __future__ import annotations

import pandas as pd
from sample_exports import OUTLOOK, write

from refgraph.importers import read_outlook_contacts

# --------------------------------------------------------------------------- Outlook


def test_outlook_cp1252_and_referred_by(tmp_path):
    path = write(tmp_path, "outlook.csv", OUTLOOK, encoding="cp1252")
    contacts = pd.DataFrame({"id": ["priya"], "name": ["Priya Shah"]})
    result = read_outlook_contacts(path, as_of="2024-06-30", owner="me", contacts=contacts)
    rows = result.contacts.set_index("name")
    assert rows.loc["Renée Dubois", "company"] == "Dubois Café"
    assert rows.loc["Renée Dubois", "profession"] == "Owner"  # not the "Mrs." title
    assert rows.loc["Renée Dubois", "tags"] == "Clients; Local"
    assert rows.loc["Tom Baker", "phone"] == "01632 960123"
    referrals = result.interactions[["date", "source", "target", "kind"]].values.tolist()
    assert referrals == [["2024-06-30", "outlook:email:renee@dubois.example", "me", "referral"],
                         ["2024-06-30", "priya", "me", "referral"]]
    assert result.undated
    assert [(p.line, p.column) for p in result.skipped] == [(5, "Referred By")]


def test_outlook_export_with_a_header_and_no_contacts(tmp_path):
    path = write(tmp_path, "outlook.csv", OUTLOOK.splitlines()[0] + "\n")
    result = read_outlook_contacts(path, as_of="2024-06-30", owner="me")
    assert result.contacts.empty and result.interactions.empty and not result.skipped
