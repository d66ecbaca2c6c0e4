"""Realistic export files shared by the importer tests, and fixtures built from them.

Import what a test module needs (``from sample_exports import LINKEDIN, write``);
fixtures are imported by name so pytest finds them in the test module.
"""

from __future__ import annotations

import pandas as pd
import pytest

from refgraph.importers import read_connections
from refgraph.importers.importing import import_into

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


def snapshot(folder):
    """Every file under ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def contacts_of(folder):
    return pd.read_csv(folder / "contacts.csv", dtype=str, keep_default_na=False)


def interactions_of(folder):
    return pd.read_csv(folder / "interactions.csv", dtype=str, keep_default_na=False)


@pytest.fixture
def exports(tmp_path):
    source = tmp_path / "exports"
    source.mkdir()
    return {
        "linkedin": write(source, "Connections.csv", LINKEDIN),
        "messages": write(source, "messages.csv", MESSAGES),
        "google": write(source, "contacts.csv", GOOGLE),
        "vcard": write(source, "contacts.vcf", VCARDS),
        "ical": write(source, "calendar.ics", ICS),
    }


@pytest.fixture
def linkedin_network(tmp_path, exports):
    folder = tmp_path / "net"
    import_into(folder, read_connections(exports["linkedin"], owner="me"), owner="me",
                owner_name="Sam Carter")
    return folder
