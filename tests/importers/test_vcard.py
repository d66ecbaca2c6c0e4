"""vCard exports: versions, folding, broken cards."""

from __future__ import annotations

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
