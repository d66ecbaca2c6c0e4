"""LinkedIn exports: Connections.csv and messages.csv."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sample_exports import GOOGLE, LINKEDIN, LINKEDIN_2020, MESSAGES, MESSAGES_2021, write

from refgraph import DataValidationError, RefgraphError
from refgraph.importers import read_connections, read_messages
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS

# --------------------------------------------------------------------------- LinkedIn


def test_connections_read_past_preamble_with_bom_and_crlf(tmp_path):
    result = read_connections(write(tmp_path, "Connections.csv", LINKEDIN), owner="me")
    contacts = result.contacts.set_index("name")
    assert list(result.contacts.columns) == list(CONTACT_COLUMNS)
    assert list(result.interactions.columns) == list(INTERACTION_COLUMNS)
    assert list(contacts.index) == ["Priya Shah", "Zoë Müller", "José O'Brien", "Li Wei",
                                    "Bob Jones"]
    assert contacts.loc["Priya Shah", "company"] == "Shah, Webb & Co"
    assert contacts.loc["Priya Shah", "profession"] == "Chartered Accountant"
    assert contacts.loc["Priya Shah", "email"] == ""
    assert contacts.loc["Zoë Müller", "email"] == "zoe@example.com"
    # Keys come from the profile URL, normalised (scheme, www, slash, escapes).
    assert contacts.loc["Zoë Müller", "id"] == "linkedin:url:linkedin.com/in/zoë-muller"
    assert contacts.loc["José O'Brien", "id"] == "linkedin:url:linkedin.com/in/jose-obrien"
    # Text is kept as typed here; making it spreadsheet-safe is the store's job.
    assert contacts.loc["Bob Jones", "company"] == '=HYPERLINK("http://x")'


def test_connections_dates_in_every_format_become_cards(tmp_path):
    result = read_connections(write(tmp_path, "Connections.csv", LINKEDIN), owner="sam")
    cards = result.interactions.set_index("target")
    assert set(result.interactions["kind"]) == {"card"}
    assert set(result.interactions["source"]) == {"sam"}
    assert cards.loc["linkedin:url:linkedin.com/in/priya-shah", "date"] == "2021-03-12"
    assert cards.loc["linkedin:url:linkedin.com/in/zoë-muller", "date"] == "2022-02-07"
    assert cards.loc["linkedin:url:linkedin.com/in/jose-obrien", "date"] == "2024-03-15"
    assert "linkedin:url:linkedin.com/in/liwei" not in cards.index  # "someday"


def test_connections_re_saved_day_first_are_not_read_month_first(tmp_path):
    # Excel in a British locale re-saves "3 Apr 2021" as 03/04/2021; 25/12/2021 shows it.
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ann,Smith,https://www.linkedin.com/in/ann,,Acme,CEO,03/04/2021\n"
            "Bo,Li,https://www.linkedin.com/in/bo,,Globex,CTO,25/12/2021\n")
    result = read_connections(write(tmp_path, "Connections.csv", text))
    assert result.interactions["date"].tolist() == ["2021-04-03", "2021-12-25"]
    assert result.skipped == []
    us = text.replace("25/12/2021", "12/25/2021")
    result = read_connections(write(tmp_path, "Connections.csv", us))
    assert result.interactions["date"].tolist() == ["2021-03-04", "2021-12-25"]


def test_connections_report_skipped_rows_with_line_and_field(tmp_path):
    result = read_connections(write(tmp_path, "Connections.csv", LINKEDIN))
    skipped = {(p.line, p.column): p.message for p in result.skipped}
    assert set(skipped) == {(9, "First Name, Last Name"), (10, "Connected On")}
    assert "hidden or closed profile" in skipped[(9, "First Name, Last Name")]
    assert "'someday' is not a date" in skipped[(10, "Connected On")]
    assert all(p.file.endswith("Connections.csv") for p in result.skipped)
    assert result.to_dict()["skipped"][0]["line"] == 9


def test_connections_2020_export_without_preamble_or_url(tmp_path):
    result = read_connections(write(tmp_path, "Connections.csv", LINKEDIN_2020))
    assert result.contacts["id"].tolist() == ["linkedin:name:ann smith|acme",
                                              "linkedin:email:bo@li.example"]
    assert result.interactions["date"].tolist() == ["2021-04-04", "2020-01-15"]


def test_connections_quoted_notes_line_is_preamble(tmp_path):
    text = '"Notes:"\n"Some addresses are missing."\n\n' + LINKEDIN_2020
    assert len(read_connections(write(tmp_path, "c.csv", text)).contacts) == 2


def test_connections_without_header_is_an_error_naming_the_file(tmp_path):
    path = write(tmp_path, "contacts.csv", GOOGLE)
    with pytest.raises(DataValidationError, match=r"contacts\.csv.*First Name,Last Name"):
        read_connections(path)


def test_connections_undecodable_bytes_name_line_and_byte(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(LINKEDIN_2020.encode("cp1252").replace(b"Ann", b"Ren\xe9e"))
    with pytest.raises(DataValidationError, match=r"Connections\.csv, line 2: byte \d+ \(0xe9\)"):
        read_connections(path)
    assert read_connections(path, encoding="cp1252").contacts["name"].iloc[0] == "Renée Smith"


def test_connections_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(RefgraphError, match="file not found"):
        read_connections(tmp_path / "nope.csv")


def test_connections_row_with_too_many_fields_is_skipped(tmp_path):
    text = LINKEDIN_2020 + "\nCara,Diaz,,Acme,Ltd,CEO,01 Jan 2021\n"
    result = read_connections(write(tmp_path, "c.csv", text))
    assert [p.line for p in result.skipped] == [4]
    assert result.skipped[0].message == (
        "expected 6 fields, found 7, one per header column (a value with a comma needs "
        "quotes around it); the row is skipped")
    assert len(result.contacts) == 2


def test_connections_unclosed_quote_is_an_error_with_line(tmp_path):
    text = LINKEDIN_2020 + '\n"Cara,Diaz,,Acme,CEO,01 Jan 2021\n'
    with pytest.raises(DataValidationError, match=r"c\.csv, line 4: malformed CSV"):
        read_connections(write(tmp_path, "c.csv", text))


def test_connections_text_is_nfc_and_loses_control_characters(tmp_path):
    text = ("First Name,Last Name,Email Address,Company,Position,Connected On\n"
            "Zoe\u0308,Lee\u200b\u202e,,Acme\x07 Ltd,CEO,01 Jan 2021\n")
    row = read_connections(write(tmp_path, "c.csv", text)).contacts.iloc[0]
    assert row["name"] == "Zoë Lee"
    assert row["company"] == "Acme Ltd"


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(
    st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), min_size=1, max_size=12),
    st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), max_size=12),
    st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P", "S")), max_size=20),
), min_size=1, max_size=8))
def test_connections_round_trip_any_names(tmp_path, people):
    """Whatever the names and companies, a written export reads back the same people."""
    buffer = io.StringIO()
    buffer.write('Notes:\n"Missing e-mails."\n\n')
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])
    for i, (first, last, company) in enumerate(people):
        writer.writerow([first, last, f"https://www.linkedin.com/in/p{i}", "", company, "",
                         "12 Mar 2021"])
    result = read_connections(write(tmp_path, "Connections.csv", buffer.getvalue()))
    from refgraph.importers.normalise import person_name
    from refgraph.io.text import clean_identifier, clean_text

    # Honorifics and degrees are dropped (a first name "Mr" is a title).
    expected = [person_name(" ".join(f"{clean_identifier(a)} {clean_identifier(b)}".split()),
                            ordered=True) for a, b, _ in people]
    named = [name for name in expected if name]
    assert result.contacts["name"].tolist() == named
    kept = [clean_text(c) for (a, b, c), n in zip(people, expected, strict=True) if n]
    assert result.contacts["company"].tolist() == kept
    assert len(result.interactions) == len(named)


def test_messages_one_per_person_per_day_with_the_owner(tmp_path):
    result = read_messages(write(tmp_path, "messages.csv", MESSAGES), owner="me")
    rows = result.interactions[["date", "source", "target", "kind"]].values.tolist()
    assert rows == [
        ["2023-05-01", "me", "linkedin:url:linkedin.com/in/priya-shah", "message"],
        ["2023-05-03", "me", "linkedin:url:linkedin.com/in/priya-shah", "message"],
        ["2023-06-10", "me", "linkedin:url:linkedin.com/in/bob-jones", "message"],
        ["2023-06-10", "me", "linkedin:url:linkedin.com/in/liwei", "message"],
    ]
    assert not result.create_contacts  # messages never add people
    names = dict(zip(result.contacts["id"], result.contacts["name"], strict=True))
    assert names["linkedin:url:linkedin.com/in/liwei"] == "Li Wei"
    # Spam is dropped without a word; an unreadable date is reported with its line.
    assert [(p.line, p.column) for p in result.skipped] == [(8, "DATE")]


def test_messages_owner_can_be_named(tmp_path):
    path = write(tmp_path, "messages.csv", MESSAGES)
    as_priya = read_messages(path, owner="priya", me="https://linkedin.com/in/priya-shah/")
    assert as_priya.interactions["target"].tolist() == [
        "linkedin:url:linkedin.com/in/sam", "linkedin:url:linkedin.com/in/sam"]
    assert {p.message for p in as_priya.skipped if p.column == "FROM, TO"} == {
        "you are neither the sender nor a recipient; the message is skipped"}
    with pytest.raises(RefgraphError, match="does not appear"):
        read_messages(path, me="Nobody Here")


def test_messages_old_export_uses_names(tmp_path):
    result = read_messages(write(tmp_path, "messages.csv", MESSAGES_2021), owner="me")
    # Ann is a recipient by name and a sender with her URL: one person.
    assert result.interactions[["date", "target"]].values.tolist() == [
        ["2021-02-01", "linkedin:url:linkedin.com/in/ann"],
        ["2021-02-02", "linkedin:url:linkedin.com/in/ann"],
        ["2021-03-01", "linkedin:name:bo li|"],
    ]


def test_messages_owner_cannot_be_guessed_from_one_conversation(tmp_path):
    text = MESSAGES.splitlines()[0] + "\n" + MESSAGES.splitlines()[1] + "\n"
    with pytest.raises(RefgraphError, match="cannot tell which participant is you"):
        read_messages(write(tmp_path, "messages.csv", text))


def test_messages_fully_quoted_2026_export(tmp_path):
    rows = [line.split(",") for line in MESSAGES_2021.splitlines()]
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\n"
    result = read_messages(write(tmp_path, "messages.csv", text), owner="me")
    assert len(result.interactions) == 3
