"""Importers: realistic export files written here, read back into canonical frames."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refgraph import DataValidationError, RefgraphError, Settings
from refgraph.importers import (
    SOURCES,
    read_calendar,
    read_connections,
    read_google_contacts,
    read_messages,
    read_outlook_contacts,
    read_vcards,
)
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS

# --------------------------------------------------------------------------- fixtures

# The 2023+ export: UTF-8 with BOM, CRLF, the Notes preamble, a URL column,
# empty e-mails, a quoted comma, non-ASCII names, a fully empty row, a hidden
# profile (date only), every date format seen over the years, a bad date.
LINKEDIN = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. This is because of the privacy settings members have chosen."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Priya,Shah,https://www.linkedin.com/in/priya-shah,,\"Shah, Webb & Co\","
    "Chartered Accountant,12 Mar 2021\r\n"                                          # line 5
    "Zoë,Müller,https://www.linkedin.com/in/zo%C3%AB-muller,Zoe@Example.com,"
    "Müller GmbH,Designer,7-Feb-22\r\n"                                             # line 6
    ",,,,,,\r\n"                                                                    # line 7
    "José,O'Brien,https://www.linkedin.com/in/jose-obrien/,,Acme,CEO,03/15/2024\r\n"  # line 8
    ",,https://www.linkedin.com/in/hidden,,,,07 Jun 2022\r\n"                      # line 9
    "Li,Wei,https://www.linkedin.com/in/liwei,,Globex,Engineer,someday\r\n"         # line 10
    "Bob,Jones,https://www.linkedin.com/in/bob-jones,,=HYPERLINK(\"http://x\"),"
    "Plumber,01 Jan 2020\r\n"                                                       # line 11
)
LINKEDIN_2020 = (  # no preamble, no URL column, no newline at the end
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Ann,Smith,,Acme Ltd,Web designer,4-Apr-21\n"
    "Bo,Li,bo@li.example,,Coach,15 Jan 2020"
)

MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Sam Carter,https://www.linkedin.com/in/sam,Priya Shah,"
    "https://www.linkedin.com/in/priya-shah,2023-05-01 09:00:00 UTC,,Hi Priya,INBOX\n"
    "c1,,Priya Shah,https://www.linkedin.com/in/priya-shah,Sam Carter,"
    "https://www.linkedin.com/in/sam,2023-05-01 17:30:00 UTC,,Hello!,INBOX\n"
    "c1,,Priya Shah,https://www.linkedin.com/in/priya-shah,Sam Carter,"
    "https://www.linkedin.com/in/sam,2023-05-03 08:00:00 UTC,,\"Lunch, then?\nSay Friday\","
    "INBOX\n"
    "c2,,Sam Carter,https://www.linkedin.com/in/sam,\"Bob Jones, Li Wei\","
    "\"https://www.linkedin.com/in/bob-jones,https://www.linkedin.com/in/liwei\","
    "2023-06-10 10:00:00 UTC,,Intro,INBOX\n"
    "c3,,Spammer,https://www.linkedin.com/in/spam,Sam Carter,https://www.linkedin.com/in/sam,"
    "2023-06-11 10:00:00 UTC,,Buy now,SPAM\n"
    "c4,,Li Wei,https://www.linkedin.com/in/liwei,Sam Carter,https://www.linkedin.com/in/sam,"
    "yesterday,,Hi,INBOX\n"
)
MESSAGES_2021 = (  # 9 columns: no RECIPIENT PROFILE URLS, names only in TO
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Sam Carter,https://www.linkedin.com/in/sam,Ann Smith,2021-02-01 10:00:00 UTC,,Hi,INBOX\n"
    "c1,,Ann Smith,https://www.linkedin.com/in/ann,Sam Carter,2021-02-02 10:00:00 UTC,,Yo,INBOX\n"
    "c2,,Sam Carter,https://www.linkedin.com/in/sam,Bo Li,2021-03-01 10:00:00 UTC,,Hey,INBOX\n"
)

GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n"
    "Priya,,Shah,,,,,,,,\"Shah, Webb & Co\",Partner,,,Xero expert,"
    "https://lh3.googleusercontent.com/photo.jpg,* myContacts ::: BNI Downtown ::: Clients,"
    "* Work,priya@shahwebb.example ::: PRIYA@home.example,,,Mobile,07700 900080,"
    "Work,+44 20 7946 0958\n"
    "Marta,Ana,García,,,,,,,,,,,,,,* myContacts ::: * starred,,marta@garcia.example,,,,,,\n"
    ",,,,,,,,,,,,,,,,* myContacts,,,,,,,,\n"
    ",,,,,,,,,,,,,,,,* myContacts,,only@email.example,,,,,,\n"
    "Priya,,Shah,,,,,,,,,,,,,,* myContacts ::: Friends,,priya@shahwebb.example,,,,,,\n"
)
GOOGLE_LEGACY = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Nickname,Birthday,Occupation,"
    "Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Type,Organization 1 - Name,Organization 1 - Title\n"
    "Tom Baker,Tom,,Baker,,,,Printer,,* My Contacts ::: Suppliers,* Work,tom@print.example,"
    "Mobile,07700 900333,,Baker Print,Owner\n"
    ",Ada,,Lovelace,,,,,,* My Contacts,,,,,,,\n"
)

VCARDS = (
    # Apple 3.0: grouped e-mail, folded line, escaped comma in ORG, categories, a photo.
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
    "N:Shah;Priya;;;\r\nFN:Priya Shah\r\nORG:Shah\\, Webb & Co;Tax;\r\n"
    "TITLE:Chartered Accountant\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:priya@shahwebb.ex\r\n ample\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:07700 900080\r\n"
    "CATEGORIES:BNI Downtown,Referral partners\r\n"
    "NOTE:Met at the chamber\\nlunch\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
    " DAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwL\r\n"
    "END:VCARD\r\n"                                                                 # 1-16
    # Android 2.1 with quoted-printable UTF-8.
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85ngstr=C3=B6m;Anders;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Anders =C3=85ngstr=C3=B6m\r\n"
    "TEL;CELL:+46 70 123 45 67\r\n"
    "END:VCARD\r\n"                                                                 # 17-22
    # A broken card: a property line without a colon.
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Person\r\n"
    "EMAIL;TYPE=INTERNET this line has no colon\r\n"                               # line 26
    "END:VCARD\r\n"                                                                 # 23-27
    # Nextcloud 4.0 with UID and a tel: URI.
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
    "FN:Marta García\r\nN:García;Marta;;;\r\nEMAIL;TYPE=work:marta@garcia.example\r\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+34-600-123-456\r\nORG:García Legal\r\n"
    "END:VCARD\r\n"                                                                 # 28-36
    # No name at all, only an organisation.
    "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Baker Print;\r\nTEL:01632 960123\r\nEND:VCARD\r\n"
    # Never closed (line 42).
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half A. Card\r\n"
)

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
X-WR-CALNAME:sam@carter.example
X-WR-TIMEZONE:Europe/London
BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:STANDARD
DTSTART:19701025T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T010000
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:weekly-mastermind@example.com
DTSTART;TZID=Europe/London:20240102T073000
DTEND;TZID=Europe/London:20240102T090000
RRULE:FREQ=WEEKLY;BYDAY=TU
EXDATE;TZID=Europe/London:20240109T073000
SUMMARY:Mastermind
ORGANIZER;CN=Sam Carter:mailto:sam@carter.example
ATTENDEE;CN=Sam Carter;PARTSTAT=ACCEPTED:mailto:sam@carter.example
ATTENDEE;CN=Priya Shah;PARTSTAT=ACCEPTED:mailto:Priya@ShahWebb.example
ATTENDEE;CN=Bob Jones;PARTSTAT=ACCEPTED:mailto:bob@jones.example
ATTENDEE;CN=Board room;CUTYPE=ROOM:mailto:room-1@carter.example
END:VEVENT
BEGIN:VEVENT
UID:coffee-1@example.com
DTSTART:20240305T093000Z
DTEND:20240305T103000Z
SUMMARY:Coffee
ATTENDEE;CN=Sam Carter:mailto:sam@carter.example
ATTENDEE;CN=Priya Shah;PARTSTAT=ACCEPTED:mailto:priya@shahwebb.example
END:VEVENT
BEGIN:VEVENT
UID:lunch-1@example.com
DTSTART;VALUE=DATE:20240115
DTEND;VALUE=DATE:20240116
SUMMARY:Lunch – Marta García
END:VEVENT
BEGIN:VEVENT
UID:call-1@example.com
DTSTART:20240120T150000Z
SUMMARY:Call with Bob Jones
END:VEVENT
BEGIN:VEVENT
UID:chapter@example.com
DTSTART;TZID=Europe/London:20240104T063000
RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=8
SUMMARY:BNI Downtown chapter meeting
ORGANIZER:mailto:president@bni.example
{attendees}
END:VEVENT
BEGIN:VEVENT
UID:cancelled@example.com
DTSTART:20240210T100000Z
STATUS:CANCELLED
SUMMARY:Coffee with Priya Shah
END:VEVENT
BEGIN:VEVENT
UID:declined@example.com
DTSTART:20240211T100000Z
SUMMARY:Pitch
ATTENDEE;PARTSTAT=DECLINED:mailto:sam@carter.example
ATTENDEE:mailto:bob@jones.example
END:VEVENT
BEGIN:VEVENT
UID:dentist@example.com
DTSTART:20240212T100000Z
SUMMARY:Dentist
END:VEVENT
BEGIN:VEVENT
UID:future@example.com
DTSTART:20990101T100000Z
SUMMARY:Future 1-to-1
ATTENDEE:mailto:priya@shahwebb.example
END:VEVENT
END:VCALENDAR
""".replace("{attendees}", "\n".join(
    f"ATTENDEE;CN=Member {i}:mailto:member{i}@bni.example" for i in range(1, 13)
) + "\nATTENDEE;CN=Priya Shah:mailto:priya@shahwebb.example")

CALENDAR_CONTACTS = pd.DataFrame({
    "id": ["me", "priya", "bob", "marta", "marta2"],
    "name": ["Sam Carter", "Priya Shah", "Bob Jones", "Marta García", "Marta Lopez"],
    "email": ["sam@carter.example", "priya@shahwebb.example", "", "", ""],
})

OUTLOOK = (
    '"First Name","Middle Name","Last Name","Title","Suffix","E-mail Address",'
    '"E-mail 2 Address","Mobile Phone","Business Phone","Company","Job Title","Categories",'
    '"Notes","Birthday","Referred By"\r\n'
    '"Renée","","Dubois","Mrs.","","renee@dubois.example","","07700 900444","",'
    '"Dubois Café","Owner","Clients;Local","","0/0/00",""\r\n'
    '"Tom","","Baker","","","tom@print.example","","","01632 960123","Baker Print",'
    '"Printer","Suppliers","","0/0/00","Renée Dubois"\r\n'
    '"Ann","","Other","","","","","","","","","","","0/0/00","Priya Shah"\r\n'
    '"Zed","","Unknown","","","","","","","","","","","0/0/00","Somebody Else"\r\n'
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_sources_are_listed():
    assert SOURCES == ("linkedin", "linkedin-messages", "google", "vcard", "ical", "outlook")


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
    assert [(p.line, p.message) for p in result.skipped] == [(4, "expected 6 fields, found 7")]
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
    from refgraph.io.text import clean_identifier, clean_text

    expected = [" ".join(f"{clean_identifier(a)} {clean_identifier(b)}".split())
                for a, b, _ in people]
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


# --------------------------------------------------------------------------- vCard


def test_vcards_versions_folding_quoted_printable(tmp_path):
    result = read_vcards(write(tmp_path, "contacts.vcf", VCARDS))
    rows = result.contacts.set_index("name")
    assert list(rows.index) == ["Priya Shah", "Anders Ångström", "Marta García", "Baker Print"]
    priya = rows.loc["Priya Shah"]
    assert priya["company"] == "Shah, Webb & Co"
    assert priya["profession"] == "Chartered Accountant"
    assert priya["email"] == "priya@shahwebb.example"  # folded across two lines
    assert priya["phone"] == "07700 900080"
    assert priya["tags"] == "BNI Downtown; Referral partners"
    assert priya["notes"] == "Met at the chamber\nlunch"
    assert "9j" not in "".join(result.contacts.astype(str).sum())  # the photo is ignored
    assert rows.loc["Anders Ångström", "phone"] == "+46 70 123 45 67"
    marta = rows.loc["Marta García"]
    assert marta["id"] == "vcard:uid:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert marta["phone"] == "+34-600-123-456"
    assert rows.loc["Baker Print", "company"] == "Baker Print"


def test_vcards_broken_card_is_skipped_and_the_rest_read(tmp_path):
    result = read_vcards(write(tmp_path, "contacts.vcf", VCARDS))
    problems = [(p.line, p.column) for p in result.skipped]
    assert problems == [(26, "EMAIL"), (42, "END")]
    assert "broken card" in result.skipped[0].message
    assert "no END:VCARD" in result.skipped[1].message


def test_vcards_soft_line_breaks_and_bare_commas_keep_the_whole_text(tmp_path):
    # Android 2.1: a quoted-printable note wrapped with '=' and commas left bare.
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zo=C3=AB Lind\r\n"
            "TITLE:Owner, founder\r\nORG:Lind, Berg & Co\r\n"
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 owner, met at =\r\n"
            "the BNI breakfast\r\nEND:VCARD\r\n")
    result = read_vcards(write(tmp_path, "android.vcf", card))
    assert result.skipped == []
    row = result.contacts.iloc[0]
    assert row["notes"] == "Café owner, met at the BNI breakfast"
    assert row["profession"] == "Owner, founder"
    assert row["company"] == "Lind, Berg & Co"


def test_vcards_need_a_card(tmp_path):
    with pytest.raises(DataValidationError, match="no BEGIN:VCARD"):
        read_vcards(write(tmp_path, "x.vcf", "hello\n"))


# --------------------------------------------------------------------------- iCalendar


def read_ics(tmp_path, **kwargs):
    kwargs.setdefault("as_of", "2024-03-31")
    kwargs.setdefault("contacts", CALENDAR_CONTACTS)
    return read_calendar(write(tmp_path, "cal.ics", ICS), **kwargs)


def test_calendar_one_to_one_by_attendee(tmp_path):
    rows = read_ics(tmp_path).interactions
    coffee = rows[rows["notes"] == "Coffee"]
    assert coffee[["date", "source", "target", "kind"]].values.tolist() == [
        ["2024-03-05T09:30:00+00:00", "me", "ical:email:priya@shahwebb.example", "one_to_one"]]


def test_calendar_weekly_meeting_expanded_to_as_of_in_utc(tmp_path):
    rows = read_ics(tmp_path).interactions
    mastermind = rows[rows["notes"] == "Mastermind"]
    # Three people (the room is not a person): a meeting, every pair of them.
    assert set(mastermind["kind"]) == {"meeting"}
    pairs = mastermind.drop_duplicates(["source", "target"])[["source", "target"]]
    assert sorted(map(tuple, pairs.values.tolist())) == sorted([
        ("me", "ical:email:priya@shahwebb.example"), ("me", "ical:email:bob@jones.example"),
        ("ical:email:priya@shahwebb.example", "ical:email:bob@jones.example")])
    dates = sorted(set(mastermind["date"]))
    # Tuesdays of January to March 2024 without the 9 January exception; 07:30 London
    # is 07:30 UTC in winter and 06:30 UTC after the clocks change on 31 March.
    assert dates[0] == "2024-01-02T07:30:00+00:00"
    assert "2024-01-09T07:30:00+00:00" not in dates
    assert dates[-1] == "2024-03-26T07:30:00+00:00"
    assert len(dates) == 12


def test_calendar_titles_name_contacts_all_day_and_call(tmp_path):
    rows = read_ics(tmp_path).interactions.set_index("notes")
    assert rows.loc["Lunch – Marta García", ["date", "target", "kind"]].tolist() == [
        "2024-01-15", "marta", "one_to_one"]
    assert rows.loc["Call with Bob Jones", ["target", "kind"]].tolist() == ["bob", "call"]


def test_calendar_big_group_event_is_not_pairs(tmp_path):
    rows = read_ics(tmp_path, settings=Settings()).interactions
    chapter = rows[rows["notes"] == "BNI Downtown chapter meeting"]
    assert set(chapter["kind"]) == {"event"}
    assert set(chapter["source"]) == {"me"}  # owner to each member, no member pairs
    # 8 weekly occurrences, at most one row per person per 28 days.
    per_person = chapter.groupby("target").size()
    assert per_person.max() <= 3
    assert len(per_person) == 14  # 12 members, Priya, the organiser
    everyone = read_ics(tmp_path, settings=Settings().replace(
        imports=Settings().imports.__class__(event_min_gap_days=0))).interactions
    assert (everyone["notes"] == "BNI Downtown chapter meeting").sum() == 8 * 14


def test_calendar_leaves_out_cancelled_declined_future_and_lonely(tmp_path):
    result = read_ics(tmp_path)
    notes = set(result.interactions["notes"])
    assert {"Coffee with Priya Shah", "Pitch", "Dentist", "Future 1-to-1"}.isdisjoint(notes)
    messages = " ".join(p.message for p in result.skipped)
    assert "1 event(s) you declined" in messages
    assert "1 event(s) have no other attendee" in messages
    assert not result.create_contacts


def test_calendar_owner_from_me_or_the_calendar_name(tmp_path):
    text = ICS.replace("X-WR-CALNAME:sam@carter.example\n", "")
    path = write(tmp_path, "cal.ics", text)
    contacts = CALENDAR_CONTACTS.assign(email="")
    # Priya is at more events than the owner here: no guessing, a question.
    with pytest.raises(RefgraphError, match=r"cannot tell which attendee is you.*--me"):
        read_calendar(path, as_of="2024-03-31", contacts=contacts)
    result = read_calendar(path, as_of="2024-03-31", contacts=contacts,
                           me=["Sam@Carter.example"])
    assert "ical:email:sam@carter.example" not in set(result.interactions["target"])
    coffee = result.interactions[result.interactions["notes"] == "Coffee"]
    assert coffee["kind"].tolist() == ["one_to_one"]
    # A calendar whose events list at most one other person needs no --me.
    solo = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nDTSTART:20240305T093000Z\n"
            "SUMMARY:Coffee\nATTENDEE:mailto:priya@shahwebb.example\nEND:VEVENT\n"
            "END:VCALENDAR\n")
    result = read_calendar(write(tmp_path, "solo.ics", solo), as_of="2024-03-31",
                           contacts=contacts)
    assert result.interactions["kind"].tolist() == ["one_to_one"]


def test_calendar_title_match_does_not_double_count_an_attendee(tmp_path):
    text = ICS.replace("SUMMARY:Coffee\n", "SUMMARY:Coffee with Priya Shah\n", 1)
    rows = read_calendar(write(tmp_path, "cal.ics", text), as_of="2024-03-31",
                         contacts=CALENDAR_CONTACTS).interactions
    coffee = rows[rows["notes"] == "Coffee with Priya Shah"]
    assert coffee["kind"].tolist() == ["one_to_one"]


def test_calendar_broken_event_is_skipped_and_the_rest_read(tmp_path):
    broken = ("BEGIN:VEVENT\nUID:bad-1\nDTSTART:2024-13-05\nSUMMARY:Broken\n"
              "ATTENDEE:mailto:priya@shahwebb.example\nEND:VEVENT\n"
              "BEGIN:VEVENT\nUID:bad-2\nDTSTART:20240105T090000Z\nRRULE:FREQ=SOMETIMES\n"
              "SUMMARY:Bad rule\nATTENDEE:mailto:priya@shahwebb.example\nEND:VEVENT\n")
    text = ICS.replace("END:VCALENDAR", broken + "END:VCALENDAR")
    result = read_calendar(write(tmp_path, "cal.ics", text), as_of="2024-03-31",
                           contacts=CALENDAR_CONTACTS)
    problems = {(p.unit, p.column): p.message for p in result.skipped}
    assert "'Broken'" in problems[("event", "DTSTART")]
    assert "'Bad rule'" in problems[("event", "RRULE")]
    assert "Coffee" in set(result.interactions["notes"])  # the good events are read


def test_calendar_not_ics_is_an_error(tmp_path):
    with pytest.raises(DataValidationError, match="not a valid iCalendar"):
        read_calendar(write(tmp_path, "x.ics", "hello"), as_of="2024-01-01")


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
