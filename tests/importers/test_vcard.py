"""vCard exports: versions, folding, broken cards."""

from __future__ import annotations

import base64

import pytest
from sample_exports import VCARDS, write

from refgraph import DataValidationError
from refgraph.importers import read_vcards

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


def test_vcards_base64_text_is_decoded(tmp_path):
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN;ENCODING=b:Wm/DqyBNw7xsbGVy\r\n"
            "NOTE;ENCODING=BASE64:Q2Fmw6kgb3duZXI=\r\nEND:VCARD\r\n")
    row = read_vcards(write(tmp_path, "contacts.vcf", card)).contacts.iloc[0]
    assert (row["name"], row["notes"]) == ("Zoë Müller", "Café owner")  # not "b'Zo\\xc3..."


def test_vcards_need_a_card(tmp_path):
    with pytest.raises(DataValidationError, match="no BEGIN:VCARD"):
        read_vcards(write(tmp_path, "x.vcf", "hello\n"))


# --------------------------------------------------------------------------- base64 text

CAFE_LTD = "Q2Fmw6kgTHRk"  # "Café Ltd" in UTF-8


@pytest.mark.parametrize("encoding", [
    "ENCODING=b", "ENCODING=B", "ENCODING=BASE64", "encoding=base64", "BASE64",
    'ENCODING="b"',
])
def test_vcards_base64_organisation_is_decoded_however_the_encoding_is_spelled(
        tmp_path, encoding):
    card = (f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\nORG;{encoding}:{CAFE_LTD}\r\n"
            "END:VCARD\r\n")
    result = read_vcards(write(tmp_path, "contacts.vcf", card))
    assert result.skipped == []
    assert result.contacts.iloc[0]["company"] == "Café Ltd"


def test_vcards_base64_text_is_decoded_in_every_property_and_charset(tmp_path):
    # Old phones base64-encode whatever they like, in the CHARSET they name.
    def b64(text, charset="utf-8"):
        return base64.b64encode(text.encode(charset)).decode("ascii")

    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\n"
            f"N;CHARSET=UTF-8;ENCODING=BASE64:{b64('Müller;Zoë;;;')}\r\n"
            f"FN;ENCODING=BASE64:{b64('Zoë Müller')}\r\n"
            f"item1.ORG;CHARSET=ISO-8859-1;ENCODING=BASE64:{b64('Café Ltd;Sales', 'latin-1')}\r\n"
            f"TITLE;CHARSET=windows-1252;ENCODING=BASE64:{b64('Owner – founder', 'cp1252')}\r\n"
            f"NOTE;ENCODING=BASE64:{b64('Met at lunch, twice')[:12]}\r\n"
            f" {b64('Met at lunch, twice')[12:]}\r\n"  # folded over two lines
            "CATEGORIES;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9s\r\n"
            "EMAIL;ENCODING=8BIT:zoe@example.com\r\n"
            "END:VCARD\r\n")
    result = read_vcards(write(tmp_path, "contacts.vcf", card))
    assert result.skipped == []
    row = result.contacts.iloc[0]
    assert row[["name", "company", "profession", "notes", "tags", "email"]].tolist() == [
        "Zoë Müller", "Café Ltd", "Owner – founder", "Met at lunch, twice", "Cafés",
        "zoe@example.com"]


@pytest.mark.parametrize(("value", "reason"), [
    ("Q2Fm%%w6k=", "'Q2Fm%%w6k=' is not base64"),
    ("Q2Fm6SBMdGQ=", "byte 3 (0xe9) of the decoded base64 is not UTF-8 text"),
], ids=["not base64", "not UTF-8"])
def test_vcards_bad_base64_is_reported_and_the_card_read_without_it(tmp_path, value, reason):
    cards = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo Berg\r\nTITLE:Baker\r\n"
             f"ORG;ENCODING=BASE64:{value}\r\nEND:VCARD\r\n")  # ORG is line 9
    path = write(tmp_path, "contacts.vcf", cards)
    result = read_vcards(path)
    assert [(p.file, p.line, p.column, p.message) for p in result.skipped] == [
        (str(path), 9, "ORG", f"{reason}; the card is read without it")]
    rows = result.contacts.set_index("name")
    assert list(rows.index) == ["Ann Lee", "Bo Berg"]
    assert rows.loc["Bo Berg", ["company", "profession"]].tolist() == ["", "Baker"]


def test_vcards_base64_in_an_unknown_charset_is_reported(tmp_path):
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n"
            f"NOTE;CHARSET=X-NOPE;ENCODING=BASE64:{CAFE_LTD}\r\nEND:VCARD\r\n")
    result = read_vcards(write(tmp_path, "contacts.vcf", card))
    assert [(p.line, p.column) for p in result.skipped] == [(4, "NOTE")]
    assert "CHARSET=X-NOPE is not a character set" in result.skipped[0].message
    assert result.contacts.iloc[0]["name"] == "Ann Lee"


# --------------------------------------------------------------------------- line ends


def _mixed_line_ends(text):
    """Every line end of ``text`` in turn ``\\r``, ``\\n`` and ``\\r\\n``."""
    ends = ["\r", "\n", "\r\n"]
    lines = text.split("\r\n")
    return "".join(line + ends[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]


@pytest.mark.parametrize("convert", [
    lambda text: text,
    lambda text: text.replace("\r\n", "\n"),
    lambda text: text.replace("\r\n", "\r"),
    lambda text: text.replace("\r\n", "\r\r\n"),
    _mixed_line_ends,
], ids=["CRLF", "LF", "CR (old Mac)", "CRCRLF (converted twice)", "mixed"])
def test_vcards_any_line_ends_keep_cards_and_line_numbers(tmp_path, convert):
    result = read_vcards(write(tmp_path, "contacts.vcf", convert(VCARDS)))
    assert list(result.contacts["name"]) == [
        "Priya Shah", "Anders Ångström", "Marta García", "Baker Print"]
    assert [(p.line, p.column) for p in result.skipped] == [(26, "EMAIL"), (42, "END")]
    priya = result.contacts.set_index("name").loc["Priya Shah"]
    assert priya["email"] == "priya@shahwebb.example"  # a folded line is still unfolded


def test_vcards_doubled_cr_is_one_line_end_not_a_blank_line(tmp_path):
    # A file converted to Windows line ends twice: every line ends \r\r\n.
    card = ("BEGIN:VCARD\r\r\nVERSION:2.1\r\r\nFN:Zo=C3=AB Lind\r\r\n"
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 owner, met at =\r\r\n"
            "the BNI breakfast\r\r\nEMAIL:zoe@lind.ex\r\r\n ample\r\r\n"
            "ORG;ENCODING=b:%%\r\r\nBDAY:1990-02-30\r\r\nEND:VCARD\r\r\n"
            "BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:Bo Berg\r\r\nNOT A PROPERTY\r\r\n"
            "END:VCARD\r\r\n")
    result = read_vcards(write(tmp_path, "twice.vcf", card))
    zoe = result.contacts.iloc[0]
    assert zoe["notes"] == "Café owner, met at the BNI breakfast"  # soft break joined
    assert zoe["email"] == "zoe@lind.example"  # folded line unfolded
    # Line numbers as grep -n counts them, not doubled by phantom blank lines.
    assert [(p.line, p.column) for p in result.skipped] == [
        (8, "ORG"), (9, "BDAY"), (14, "NOT A PROPERTY")]


def test_vcards_cr_line_ends_with_base64_and_soft_breaks(tmp_path):
    card = ("BEGIN:VCARD\rVERSION:2.1\rFN:Zo=C3=AB Lind\r"
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 owner, met at =\r"
            "the BNI breakfast\rORG;ENCODING=b:%%\rBDAY:1990-02-30\rEND:VCARD\r")
    result = read_vcards(write(tmp_path, "mac.vcf", card))
    assert result.contacts.iloc[0]["notes"] == "Café owner, met at the BNI breakfast"
    assert [(p.line, p.column) for p in result.skipped] == [(6, "ORG"), (7, "BDAY")]


def test_vcards_binary_base64_is_left_alone(tmp_path):
    # Outlook puts the photo in an extension; a picture is not UTF-8 text and is not read.
    picture = base64.b64encode(bytes(range(256))).decode("ascii")
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\n"
            f"X-MS-CARDPICTURE;TYPE=JPEG;ENCODING=BASE64:{picture}\r\n\r\n"
            f"PHOTO;TYPE=JPEG;ENCODING=BASE64:{picture}\r\n\r\nEND:VCARD\r\n")
    result = read_vcards(write(tmp_path, "outlook.vcf", card))
    assert result.skipped == []
    assert result.contacts["name"].tolist() == ["Ann Lee"]
