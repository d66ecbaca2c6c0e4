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


def _birthdays(tmp_path, *days):
    rows = "".join(f'"P{i}","Lee","p{i}@x.example","{day}"\n' for i, day in enumerate(days))
    path = write(tmp_path, "outlook.csv",
                 '"First Name","Last Name","E-mail Address","Birthday"\n' + rows)
    result = read_outlook_contacts(path, as_of="2024-06-30", owner="me")
    return result.contacts["birthday"].tolist(), result.skipped


def test_outlook_birthdays_in_a_day_first_locale_are_not_read_month_first(tmp_path):
    # A British Outlook writes 03/04/1980 for 3 April; 25/12/1990 shows the order.
    days, skipped = _birthdays(tmp_path, "03/04/1980", "25/12/1990", "0/0/00")
    assert days == ["1980-04-03", "1990-12-25", ""]
    assert skipped == []


def test_outlook_birthdays_month_first_by_default_and_a_mixture_is_reported(tmp_path):
    assert _birthdays(tmp_path, "3/4/1980", "12/25/1990") == (["1980-03-04", "1990-12-25"], [])
    days, skipped = _birthdays(tmp_path, "3/4/1980", "12/25/1990", "25/12/1990")
    assert days == ["1980-03-04", "1990-12-25", ""]
    assert [(p.line, p.column) for p in skipped] == [(4, "Birthday")]
    assert "expected YYYY-MM-DD, --MM-DD or MM/DD/YYYY" in skipped[0].message
