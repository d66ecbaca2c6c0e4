"""The one CSV and text reader shared by the loader, the store and the importers."""

from __future__ import annotations

import pytest

from refgraph import DataValidationError
from refgraph.importers.common import decode, read_csv_records
from refgraph.io.schema import INTERACTION_COLUMNS, INTERACTION_REQUIRED
from refgraph.io.tables import (
    decode_bytes,
    decode_text,
    find_header,
    read_records,
    read_table_bytes,
)

TRICKY = ('\r\ndate,source,target,kind,notes\r\n2024-01-05,me,ann,call,"a,\r\nb"\r\n'
          '  \r\n2024-01-06,me,ann,call,""""\r\n2024-01-07,me,ann,call,\r\n\r\n'
          '2024-01-08,me,ann,call,"x ""y"", z"')


def test_loader_and_importers_number_lines_alike():
    table = read_table_bytes(TRICKY.encode("utf-8"), "f.csv", INTERACTION_COLUMNS,
                             INTERACTION_REQUIRED)
    records = read_csv_records(decode(TRICKY.encode("utf-8"), "f.csv"), "f.csv")
    assert table.lines.tolist() == records.lines == [3, 6, 7, 9]
    assert table["notes"].values().tolist() == [row[4] for row in records.rows]


def test_an_importer_preamble_keeps_file_line_numbers():
    text = "Exported by X\n\nFirst,Last\nAnn,Lee\n\"Bo\nb\",Ray\nCy\n"
    records = read_records(text, "x.csv", is_header=lambda cells: cells[0] == "First")
    assert records.lines == [4, 5, 7]
    assert records.rows[-1] == ["Cy", ""]  # short rows are padded for importers
    assert find_header(text.encode(), lambda cells: cells[0] == "First").line == 3


def test_one_decoder_names_the_byte_and_its_line():
    raw = "id,name\nme,Zoë\n".encode("latin-1")
    with pytest.raises(DataValidationError, match=r"x\.csv, line 2: byte 13 \(0xeb\) cannot "
                       r"be decoded as utf-8; expected UTF-8 or UTF-16 with a BOM"):
        decode_bytes(raw, "x.csv")
    with pytest.raises(DataValidationError, match="expected UTF-8, UTF-16 with a BOM or cp1252"):
        decode_bytes(b"\x81", "x.csv", fallback="cp1252")  # 0x81 is undefined in cp1252
    assert decode_text(raw, "x.csv", fallback="cp1252").endswith("Zoë\n")
    assert decode_text("\ufeffid".encode("utf-16"), "x.csv") == "id"
    assert decode_text(b"\xef\xbb\xbfid", "x.csv", encoding="utf-8") == "id"


def test_malformed_csv_is_named_the_same_everywhere():
    text = 'a,b\n1,"2\n'
    with pytest.raises(DataValidationError, match=r"x\.csv, line 2: malformed CSV") as caught:
        read_records(text, "x.csv")
    with pytest.raises(DataValidationError, match=r"x\.csv, line 2: malformed CSV") as loaded:
        read_table_bytes(text.encode(), "x.csv", ("a", "b"), ("a",))
    assert str(caught.value) == str(loaded.value)


@pytest.mark.parametrize(("separator", "named"), [(";", "semicolons"), ("\t", "tabs"),
                                                   ("|", "vertical bars")])
def test_a_file_separated_by_something_else_than_commas_is_told_so(separator, named):
    # A spreadsheet set to a European locale saves "CSV" with semicolons.
    raw = separator.join(["Date", "Source", "Target", "Kind", "Notes"]) + "\n"
    raw += separator.join(["2024-01-05", "me", "ann", "call", "met"]) + "\n"
    with pytest.raises(DataValidationError) as caught:
        read_table_bytes(raw.encode("utf-8"), "interactions.csv", INTERACTION_COLUMNS,
                         INTERACTION_REQUIRED)
    message = str(caught.value)
    assert "interactions.csv, line 1" in message
    assert f"the file looks separated by {named}; expected comma-separated values" in message
    assert repr(raw.split("\n")[0]) in message


def test_a_header_merely_missing_a_column_is_not_blamed_on_its_separator():
    with pytest.raises(DataValidationError) as caught:
        read_table_bytes(b"date;source\n2024-01-05;me\n", "interactions.csv",
                         INTERACTION_COLUMNS, INTERACTION_REQUIRED)
    assert "required column missing; the header must include date, source, target, kind" \
        in str(caught.value)


@pytest.mark.parametrize(("start", "named"), [
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa0\xff", "Excel .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00\x00\x00\xff", "old Excel .xls"),
])
def test_a_workbook_saved_as_is_is_named_not_its_first_bad_byte(start, named):
    with pytest.raises(DataValidationError) as caught:
        read_table_bytes(start + bytes(range(128, 256)), "contacts.csv", ("id",), ("id",))
    message = str(caught.value)
    assert "contacts.csv, line 1: this is a" in message and named in message
    assert "not a CSV file; save it as CSV UTF-8" in message
    assert "cannot be decoded" not in message
