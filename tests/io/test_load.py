"""Loading and validating networks: every bad-input rule of the data contract."""

from __future__ import annotations

import codecs
import re
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import refgraph
from refgraph import DataValidationError, RefgraphError, RefgraphWarning, SettingsError
from refgraph.io.dates import parse_as_of
from refgraph.io.load import load_network
from refgraph.io.schema import (
    CONTACT_COLUMNS,
    CONTACT_REQUIRED,
    INTERACTION_COLUMNS,
    INTERACTION_REQUIRED,
)
from refgraph.io.settings import KINDS
from refgraph.io.tables import read_slow, read_table_bytes

CONTACTS = "id,name\nme,Me\nann,Ann\nbob,Bob\n"
INTERACTIONS = "date,source,target,kind\n2024-01-05,me,ann,call\n2024-02-01,ann,bob,email\n"


def write(folder, contacts=CONTACTS, interactions=INTERACTIONS, toml=None, *, encoding="utf-8"):
    """Write a network folder; text is encoded with ``encoding``, bytes are written as is."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (("contacts.csv", contacts), ("interactions.csv", interactions)):
        data = content if isinstance(content, bytes) else content.encode(encoding)
        (folder / name).write_bytes(data)
    if toml is not None:
        (folder / "network.toml").write_text(toml, encoding="utf-8")
    return folder


def load(folder, **kwargs):
    return load_network(folder, **kwargs)


def error_of(folder, **kwargs) -> str:
    with pytest.raises(DataValidationError) as caught:
        load_network(folder, **kwargs)
    return str(caught.value)


def warning_of(folder, **kwargs) -> tuple[refgraph.Network, str]:
    with pytest.warns(RefgraphWarning) as record:
        network = load_network(folder, **kwargs)
    return network, "\n".join(str(w.message) for w in record)


def test_loads_a_small_network(tmp_path):
    net = load(write(tmp_path))
    assert net.contacts["id"].tolist() == ["me", "ann", "bob"]
    assert list(net.contacts.columns) == [*CONTACT_COLUMNS, "line"]
    assert net.contacts["line"].tolist() == [2, 3, 4]
    assert list(net.interactions.columns) == [*INTERACTION_COLUMNS, "line"]
    assert net.interactions["kind"].tolist() == ["call", "email"]
    assert str(net.interactions["date"].dtype) == "datetime64[us, UTC]"
    assert net.interactions["value"].isna().all()
    assert net.contacts["character"].isna().all()
    assert net.path == tmp_path
    assert "3 contacts, 2 interactions" in repr(net)


def test_missing_folder_and_files(tmp_path):
    with pytest.raises(RefgraphError, match="not a network folder"):
        load(tmp_path / "nowhere")
    (tmp_path / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    with pytest.raises(RefgraphError, match=r"interactions\.csv: file not found"):
        load(tmp_path)


# --------------------------------------------------------------------------- ids


def test_ids_are_kept_as_written(tmp_path):
    contacts = "id,name\n007,NA\nNA,null\nnull,None\nNone,nan\nnan,N/A\n1.0,TRUE\n"
    interactions = ("date,source,target,kind\n2024-01-05,007,NA,call\n"
                    "2024-01-06,null,None,call\n2024-01-07,nan,1.0,call\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net = load(write(tmp_path, contacts, interactions))
    assert net.contacts["id"].tolist() == ["007", "NA", "null", "None", "nan", "1.0"]
    assert net.contacts["name"].tolist() == ["NA", "null", "None", "nan", "N/A", "TRUE"]
    assert net.interactions[["source", "target"]].values.tolist() == [
        ["007", "NA"], ["null", "None"], ["nan", "1.0"]]
    assert net.graph().has_edge("007", "NA")


def test_duplicate_contact_ids_name_both_lines(tmp_path):
    message = error_of(write(tmp_path, "id,name\nme,Me\nann,Ann\n ann,Ann again\n"))
    assert (f"{tmp_path / 'contacts.csv'}, line 4, column 'id': duplicate id 'ann': already "
            "used on line 3") in message
    assert "expected unique ids" in message


def test_empty_ids_and_names(tmp_path):
    message = error_of(write(tmp_path, "id,name\nme,Me\n,Nobody\nann,\n"))
    contacts = tmp_path / "contacts.csv"
    assert f"{contacts}, line 3, column 'id': empty id; expected a contact id" in message
    assert f"{contacts}, line 4, column 'name': empty name; expected a display name" in message
    message = error_of(write(tmp_path / "b", interactions="date,source,target,kind\n"
                             "2024-01-05,me, ,call\n"))
    assert f"{tmp_path / 'b' / 'interactions.csv'}, line 2, column 'target': empty id" in message


def test_owner_must_be_a_contact(tmp_path):
    with pytest.raises(RefgraphError, match=r"owner 'zed'.*not a contact id"):
        load(write(tmp_path, toml='owner = "zed"\n'))
    assert load(write(tmp_path / "ok", toml='owner = "ann"\n')).owner == "ann"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("03/15/2024", "'03/15/2024' is not ISO 8601"),
        ("15.03.2024", "'15.03.2024' is not ISO 8601"),
        ("2024-3-5", "'2024-3-5' is not ISO 8601"),
        ("20240315", "'20240315' is not ISO 8601"),
        ("2024-03", "'2024-03' is not ISO 8601"),
        ("12 Mar 2021", "'12 Mar 2021' is not ISO 8601"),
        ("2021-02-30", "'2021-02-30' is not a real date or time"),
        ("2024-13-01", "'2024-13-01' is not a real date or time"),
        ("2024-03-15T25:00", "'2024-03-15T25:00' is not a real date or time"),
        ("0000-01-01", "'0000-01-01' is not a real date or time"),
        ("", "empty date"),
        ("   ", "empty date"),
    ],
)
def test_bad_dates(tmp_path, cell, expected):
    interactions = f"date,source,target,kind\n2024-01-05,me,ann,call\n{cell},me,bob,call\n"
    message = error_of(write(tmp_path, interactions=interactions))
    assert f"{tmp_path / 'interactions.csv'}, line 3, column 'date': {expected}" in message
    assert "expected an ISO 8601 date (YYYY-MM-DD)" in message


def test_time_zones_are_converted_to_utc(tmp_path):
    interactions = (
        "date,source,target,kind\n"
        "2024-03-15T10:00:00+02:00,me,ann,call\n"
        "2024-03-15T10:00Z,me,ann,email\n"
        "2024-03-15 10:00:00,me,ann,message\n"
        "2024-03-15T10:00:00.5-05:30,me,ann,social\n"
        '"2024-03-15T10:00:00,25+0100",me,ann,card\n'  # ISO 8601 allows a decimal comma
        "2024-03-15,me,ann,event\n"
    )
    net = load(write(tmp_path, interactions=interactions))
    got = [str(t) for t in net.interactions["date"]]
    assert got == [
        "2024-03-15 08:00:00+00:00",
        "2024-03-15 10:00:00+00:00",
        "2024-03-15 10:00:00+00:00",
        "2024-03-15 15:30:00.500000+00:00",
        "2024-03-15 09:00:00.250000+00:00",
        "2024-03-15 00:00:00+00:00",
    ]


# --------------------------------------------------------------------------- kinds, ratings, values


def test_kinds_forgive_case_and_spaces(tmp_path):
    rows = "".join(f"2024-01-0{i + 1},me,ann,{kind}\n" for i, kind in
                   enumerate([" CALL ", "One_To_One", "one to one", "one-to-one", "\tEmail"]))
    net = load(write(tmp_path, interactions="date,source,target,kind\n" + rows))
    assert net.interactions["kind"].tolist() == [
        "call", "one_to_one", "one_to_one", "one_to_one", "email"]
    assert list(net.interactions["kind"].cat.categories) == list(KINDS)


def test_unknown_kind_lists_the_kinds(tmp_path):
    interactions = "date,source,target,kind\n2024-01-05,me,ann,lunch\n2024-01-06,me,ann,E-Mail\n"
    message = error_of(write(tmp_path, interactions=interactions))
    file = tmp_path / "interactions.csv"
    assert f"{file}, line 2, column 'kind': 'lunch' is not a kind; expected one of: " in message
    assert ", ".join(KINDS) in message
    assert f"{file}, line 3, column 'kind': 'E-Mail' is not a kind" in message


def test_ratings_must_be_1_to_5(tmp_path):
    contacts = ("id,name,character,competency\nme,Me,,\nann,Ann,5,1\nbob,Bob,6,3.0\n"
                "cy,Cy,0,x\ndi,Di,3.5, 4 \n")
    message = error_of(write(tmp_path, contacts))
    for line, column, cell in [(4, "character", "6"), (5, "character", "0"),
                               (5, "competency", "x"), (6, "character", "3.5")]:
        assert (f"{tmp_path / 'contacts.csv'}, line {line}, column '{column}': '{cell}' is not "
                "a rating; expected a whole number from 1 to 5") in message
    assert "4 problems" in message
    good = "id,name,character,competency\nme,Me,,\nann,Ann,5,1\nbob,Bob,2,3.0\n"
    net = load(write(tmp_path / "ok", good))
    assert str(net.contacts["character"].dtype) == "Int64"
    assert net.contacts["character"].tolist()[1:] == [5, 2]
    assert net.contacts["competency"].tolist()[1:] == [1, 3]
    assert net.contacts["character"].isna().tolist() == [True, False, False]


def test_unreadable_birthdays_warn_and_load_without_them(tmp_path):
    contacts = ("id,name,birthday\nme,Me,1980-11-14\nann,Ann,--02-29\nbob,Bob,14/11/1980\n"
                "cy,Cy,1981-02-29\ndi,Di,\n")
    net, message = warning_of(write(tmp_path, contacts))
    for line, cell in [(4, "14/11/1980"), (5, "1981-02-29")]:
        assert (f"{tmp_path / 'contacts.csv'}, line {line}, column 'birthday': '{cell}' is not "
                "a birthday; expected YYYY-MM-DD, or --MM-DD") in message
    assert "line 3" not in message  # 29 February without a year is a real birthday
    assert net.contacts["birthday"].tolist() == ["1980-11-14", "--02-29", "", "", ""]
    with pytest.raises(DataValidationError, match="line 4, column 'birthday'"):
        load(write(tmp_path / "strict", contacts), strict=True)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("-5", "'-5' is negative; expected an amount >= 0"),
     ("abc", "'abc' is not a number; expected a finite amount >= 0"),
     ("inf", "'inf' is not a number"),
     ("nan", "'nan' is not a number"),
     ("1,000", "'1,000' is not a number")],
)
def test_bad_values(tmp_path, cell, expected):
    interactions = f'date,source,target,kind,value\n2024-01-05,me,ann,business,"{cell}"\n'
    message = error_of(write(tmp_path, interactions=interactions))
    assert f"{tmp_path / 'interactions.csv'}, line 2, column 'value': {expected}" in message


def test_values_parse(tmp_path):
    interactions = ("date,source,target,kind,value\n2024-01-05,me,ann,business,1e3\n"
                    "2024-01-06,me,ann,business, 250.5 \n2024-01-07,me,ann,call,\n"
                    "2024-01-08,me,ann,business,0\n")
    net = load(write(tmp_path, interactions=interactions))
    assert net.interactions["value"].tolist()[:2] == [1000.0, 250.5]
    assert np.isnan(net.interactions["value"].iloc[2])
    assert net.interactions["value"].iloc[3] == 0.0


# --------------------------------------------------------------------------- recoverable oddities


def test_self_loops_warn_and_are_ignored(tmp_path):
    interactions = ("date,source,target,kind\n2024-01-05,me,ann,call\n2024-01-06,ann,ann,call\n"
                    "2024-01-07,bob, bob,email\n")
    net, message = warning_of(write(tmp_path, interactions=interactions))
    assert (f"{tmp_path / 'interactions.csv'}, column 'source, target': 2 interaction(s) name "
            "the same person as source and target (lines 3, 4)") in message
    assert len(net.interactions) == 1
    with pytest.raises(DataValidationError, match=r"lines 3, 4"):
        load(tmp_path, strict=True)


def test_unknown_ids_become_contacts(tmp_path):
    interactions = ("date,source,target,kind\n2024-01-05,me,zed,call\n2024-01-06,yan,ann,call\n"
                    "2024-01-07,me,zed,email\n2024-01-08,me,ann,call\n")
    net, message = warning_of(write(tmp_path, interactions=interactions))
    assert (f"{tmp_path / 'interactions.csv'}, column 'source, target': 3 interaction(s) "
            f"(lines 2, 3, 4) name 2 id(s) not in {tmp_path / 'contacts.csv'}") in message
    assert "'zed', 'yan'" in message
    assert "added as contacts named by their id" in message
    added = net.contacts.set_index("id").loc[["zed", "yan"]]
    assert added["name"].tolist() == ["zed", "yan"]
    assert added["line"].isna().all()
    assert added["company"].tolist() == ["", ""]
    assert len(net.interactions) == 4  # nothing dropped
    assert net.graph().nodes["zed"]["name"] == "zed"
    with pytest.raises(DataValidationError, match="name 2 id"):
        load(tmp_path, strict=True)


def test_exact_duplicate_rows_count_once(tmp_path):
    interactions = ("date,source,target,kind,value,notes\n2024-01-05,me,ann,business,100,x\n"
                    "2024-01-05,me,ann,business,100.0,x\n2024-01-05,me,ann,business,100,y\n"
                    "2024-01-05T00:00:00Z,me,ann,business,100,x\n2024-01-05,ann,me,business,100,x\n")
    net, message = warning_of(write(tmp_path, interactions=interactions))
    assert (f"{tmp_path / 'interactions.csv'}: 2 row(s) repeat an earlier row exactly "
            "(lines 3, 5); each is counted once") in message
    assert net.interactions["line"].tolist() == [2, 4, 6]
    assert net.ties()["n_business"].tolist() == [3]
    with pytest.raises(DataValidationError, match="repeat an earlier row"):
        load(tmp_path, strict=True)


def test_extra_columns_are_kept_with_a_warning(tmp_path):
    contacts = "id,name,Linkedin URL,town\nme,Me,https://x.example/me,Leeds\nann,Ann,,York\n"
    interactions = "date,source,target,kind,channel\n2024-01-05,me,ann,call,zoom\n"
    net, message = warning_of(write(tmp_path, contacts, interactions))
    assert "unknown column(s) Linkedin URL, town kept as contact attributes" in message
    assert "unknown column(s) channel kept as interaction attributes" in message
    assert f"{tmp_path / 'contacts.csv'}, line 1" in message
    assert net.contacts["town"].tolist() == ["Leeds", "York"]
    assert net.contacts["Linkedin URL"].tolist() == ["https://x.example/me", ""]
    assert net.interactions["channel"].tolist() == ["zoom"]
    graph = net.graph()
    assert graph.nodes["me"]["Linkedin URL"] == "https://x.example/me"
    assert graph.nodes["ann"]["town"] == "York"
    with pytest.raises(DataValidationError, match="unknown column"):
        load(tmp_path, strict=True)


def test_warnings_point_at_the_callers_line(tmp_path):
    # Each oddity is found at a different depth inside the loader; the warning must
    # still name the user's own call, as it does in a notebook.
    contacts = "id,name,town\nme,Me,Leeds\nann,Ann,York\n"
    interactions = ("date,source,target,kind\n2024-01-05,me,ann,call\n2024-01-05,me,ann,call\n"
                    "2024-01-06,ann,ann,call\n2024-01-07,me,zed,call\n")
    write(tmp_path, contacts, interactions)
    with pytest.warns(RefgraphWarning) as record:
        load_network(tmp_path)
    assert len(record) == 4
    assert {w.filename for w in record} == {__file__}


def test_header_names_forgive_case(tmp_path):
    net = load(write(tmp_path, "ID,Name, Profession \nme,Me,coach\nann,Ann,\n",
                     "Date,Source,Target,KIND\n2024-01-05,me,ann,call\n"))
    assert net.contacts["profession"].tolist() == ["coach", ""]
    assert net.interactions["kind"].tolist() == ["call"]


# --------------------------------------------------------------------------- encodings


def test_utf8_with_and_without_bom(tmp_path):
    contacts = "id,name\nme,Zoë\nann,Ann\nbob,Bob\n"
    plain = load(write(tmp_path / "plain", contacts))
    bom = load(write(tmp_path / "bom", contacts, encoding="utf-8-sig"))
    assert plain.contacts["name"].tolist() == bom.contacts["name"].tolist() == ["Zoë", "Ann", "Bob"]
    assert bom.contacts["id"].tolist() == ["me", "ann", "bob"]  # the BOM is not part of the id


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    contacts = bom[codec] + "id,name\r\nme,Zoë\r\nann,Ann\r\nbob,Bob\r\n".encode(codec)
    interactions = bom[codec] + INTERACTIONS.encode(codec)
    net = load(write(tmp_path, contacts, interactions))
    assert net.contacts["name"].tolist()[:2] == ["Zoë", "Ann"]
    assert len(net.interactions) == 2


def test_undecodable_bytes_name_file_and_offset(tmp_path):
    raw = "id,name\nme,Me\nann,Zoë Müller\n".encode("cp1252")
    write(tmp_path, raw)
    message = error_of(tmp_path)
    offset = raw.index(b"\xeb")
    assert f"{tmp_path / 'contacts.csv'}, line 3: byte {offset} (0xeb) cannot be decoded" in message
    assert "expected UTF-8 or UTF-16 with a BOM (or pass encoding=...)" in message
    # With a BOM the offset still counts from the start of the file.
    write(tmp_path / "bom", codecs.BOM_UTF8 + raw)
    assert f"byte {offset + 3} (0xeb)" in error_of(tmp_path / "bom")


def test_encoding_override(tmp_path):
    raw = "id,name\nme,Me\nann,Zoë Müller\nbob,Bob\n".encode("cp1252")
    net = load(write(tmp_path, raw), encoding="cp1252")
    assert net.contacts["name"].tolist() == ["Me", "Zoë Müller", "Bob"]
    with pytest.raises(RefgraphError, match="unknown encoding 'klingon'"):
        load(tmp_path, encoding="klingon")


def test_text_is_normalised_and_invisible_characters_removed(tmp_path):
    contacts = ("id,name,notes\n"
                "me,Me,\n"
                "a\u200bnn,\u202eAnn\u202c Lee,\"line one\nline\u200b two\"\n"
                "zoe,Zoe\u0308 \u2066Ng\u2069,tab\there\n"
                "c\u00010,Ctrl\u0007 Char,\n")
    interactions = "date,source,target,kind\n2024-01-05,me,\ufeffann,call\n2024-01-06,me,c0,call\n"
    # The user is told where their data was changed (NFC alone changes nothing they see).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        net = load(write(tmp_path, contacts, interactions))
    messages = sorted(str(w.message).split("csv: ")[1] for w in caught)
    assert messages == [
        "control, bidi-override or zero-width characters removed from 1 cell(s); line 2 "
        "column 'target'",
        "control, bidi-override or zero-width characters removed from 6 cell(s); line 3 "
        "column 'id', line 3 column 'name', line 3 column 'notes', line 5 column 'name', "
        "line 6 column 'id', ..."]
    people = net.contacts.set_index("id")
    assert people.index.tolist() == ["me", "ann", "zoe", "c0"]
    assert people.loc["ann", "name"] == "Ann Lee"
    assert people.loc["zoe", "name"] == "Zo\u00eb Ng"  # NFC: one code point
    assert people.loc["c0", "name"] == "Ctrl Char"
    assert people.loc["ann", "notes"] == "line one\nline two"  # newlines kept in free text
    assert people.loc["zoe", "notes"] == "tab\there"
    assert net.graph().has_edge("me", "ann")


# --------------------------------------------------------------------------- CSV structure


def test_unclosed_quote(tmp_path):
    interactions = ('date,source,target,kind,notes\n2024-01-05,me,ann,call,fine\n'
                    '2024-01-06,me,ann,call,"never closed\n2024-01-07,me,ann,call,x\n')
    message = error_of(write(tmp_path, interactions=interactions))
    assert f"{tmp_path / 'interactions.csv'}, line 3: malformed CSV" in message
    assert "unclosed quote" in message


def test_text_after_a_closing_quote(tmp_path):
    # Tolerated when the file is otherwise fine (the cell reads ab, as spreadsheets do) ...
    ok = 'date,source,target,kind,notes\n2024-01-05,me,ann,call,"a"b\n'
    assert load(write(tmp_path / "ok", interactions=ok)).interactions["notes"].tolist() == ["ab"]
    # ... and named when the file has to be read record by record.
    bad = ok + "2024-01-06,me,ann,call\n"
    message = error_of(write(tmp_path / "bad", interactions=bad))
    assert (f"{tmp_path / 'bad' / 'interactions.csv'}, line 2: malformed CSV "
            "(',' expected after '\"')") in message


@pytest.mark.parametrize(
    ("row", "found"), [("2024-01-06,me,ann,call,extra", 5), ("2024-01-06,me,ann", 3),
                       ("2024-01-06", 1)]
)
def test_wrong_field_count(tmp_path, row, found):
    interactions = (f"date,source,target,kind\n2024-01-05,me,ann,call\n{row}\n"
                    "2024-01-07,me,ann,call\n")
    message = error_of(write(tmp_path, interactions=interactions))
    assert (f"{tmp_path / 'interactions.csv'}, line 3: expected 4 fields (as in the header), "
            f"found {found}") in message


def test_wrong_field_count_in_the_first_row(tmp_path):
    # pandas would take an extra first-row field for an index column; refgraph does not.
    message = error_of(write(tmp_path, interactions="date,source,target,kind\n"
                             "2024-01-05,me,ann,call,oops\n"))
    assert (f"{tmp_path / 'interactions.csv'}, line 2: expected 4 fields (as in the header), "
            "found 5") in message


def test_wrong_field_count_with_quotes_elsewhere(tmp_path):
    interactions = ('date,source,target,kind,notes\n2024-01-05,me,ann,call,"a, b"\n'
                    '2024-01-06,me,ann,call\n2024-01-07,me,ann,call,"c\nd",x\n')
    message = error_of(write(tmp_path, interactions=interactions))
    assert "line 3: expected 5 fields (as in the header), found 4" in message
    assert "line 4: expected 5 fields (as in the header), found 6" in message


def test_a_long_row_cannot_hide_a_short_one(tmp_path):
    # pandas silently drops one trailing empty field; the field counts still add up
    # over the file, so every row is counted on its own.
    interactions = ("date,source,target,kind\n2024-01-05,me,ann,call,\n2024-01-06,me,ann\n"
                    "2024-01-07,me,ann,call\n")
    message = error_of(write(tmp_path, interactions=interactions))
    assert "line 2: expected 4 fields (as in the header), found 5" in message
    assert "line 3: expected 4 fields (as in the header), found 3" in message


def test_missing_required_column(tmp_path):
    message = error_of(write(tmp_path, interactions="date,source,kind\n2024-01-05,me,call\n"))
    assert (f"{tmp_path / 'interactions.csv'}, line 1, column 'target': required column "
            "missing; the header must include date, source, target, kind") in message
    message = error_of(write(tmp_path / "c", contacts="id,full name\nme,Me\n"))
    assert "column 'name': required column missing" in message


@pytest.mark.parametrize("content", ["", "\n\n", "   \r\n\t\n", "\ufeff"])
def test_empty_file(tmp_path, content):
    message = error_of(write(tmp_path, contacts=content))
    assert f"{tmp_path / 'contacts.csv'}: file is empty; expected a header with id, name" in message


def test_duplicate_and_empty_header(tmp_path):
    message = error_of(write(tmp_path, contacts="id,name,Name,,tags\nme,Me,Me,,x\n"))
    contacts = tmp_path / "contacts.csv"
    assert f"{contacts}, line 1, column 'name': column appears twice in the header" in message
    assert f"{contacts}, line 1: header field 4 is empty" in message


def test_header_only_files(tmp_path):
    net = load(write(tmp_path, interactions="date,source,target,kind\n"))
    assert len(net.interactions) == 0
    assert len(net.ties("2024-01-01")) == 0
    assert net.graph("2024-01-01").number_of_nodes() == 3
    # Without interactions "now" is today: everyone is there, with no ties.
    assert net.graph().number_of_nodes() == 3
    assert net.graph().number_of_edges() == 0
    net = load(write(tmp_path / "no-newline", interactions="date,source,target,kind"))
    assert len(net.interactions) == 0


def test_crlf_blank_lines_and_missing_final_newline(tmp_path):
    contacts = "id,name\r\nme,Me\r\n\r\nann,Ann\r\n   \r\nbob,Bob"
    interactions = ("\r\ndate,source,target,kind\r\n2024-01-05,me,ann,call\r\n\r\n\t\r\n"
                    "2024-02-01,ann,bob,email")
    net = load(write(tmp_path, contacts, interactions))
    assert net.contacts["id"].tolist() == ["me", "ann", "bob"]
    assert net.contacts["name"].tolist() == ["Me", "Ann", "Bob"]  # no stray \r
    assert net.contacts["line"].tolist() == [2, 4, 6]
    assert net.interactions["line"].tolist() == [3, 6]
    assert net.interactions["kind"].tolist() == ["call", "email"]


def test_classic_mac_line_endings(tmp_path):
    net = load(write(tmp_path, "id,name\rme,Me\rann,Ann\r", "date,source,target,kind\r"
                     "2024-01-05,me,ann,call\r"))
    assert net.contacts["line"].tolist() == [2, 3]
    assert net.interactions["kind"].tolist() == ["call"]


def test_quoted_multiline_notes_keep_line_numbers(tmp_path):
    interactions = ('date,source,target,kind,notes\n'
                    '2024-01-05,me,ann,call,"first line\nsecond, with comma\n""quoted"""\n'
                    '\n'
                    '2024-01-06,me,ann,call,plain\n'
                    '2024-01-07,me,ann,calll,"x"\n')
    message = error_of(write(tmp_path, interactions=interactions))
    assert (f"{tmp_path / 'interactions.csv'}, line 7, column 'kind': 'calll' is not "
            "a kind") in message
    good = interactions.replace("calll", "call")
    net = load(write(tmp_path / "ok", interactions=good))
    assert net.interactions["line"].tolist() == [2, 6, 7]
    assert net.interactions["notes"].iloc[0] == 'first line\nsecond, with comma\n"quoted"'


def test_many_bad_rows_give_one_error(tmp_path):
    rows = "".join(f"2024-01-{day:02d},me,ann,lunch\n" for day in range(1, 26))
    with pytest.raises(DataValidationError) as caught:
        load(write(tmp_path, interactions="date,source,target,kind\n" + rows))
    message = str(caught.value)
    assert message.startswith(f"25 problems in {tmp_path / 'interactions.csv'}:")
    assert message.count("is not a kind") == 10
    assert "line 2," in message and "line 11," in message and "line 12," not in message
    assert message.rstrip().endswith(f"... and 15 more in {tmp_path / 'interactions.csv'}")
    assert len(caught.value.problems) == 25
    assert [p.line for p in caught.value.problems] == list(range(2, 27))


def test_problems_from_several_columns_are_sorted_by_line(tmp_path):
    interactions = ("date,source,target,kind\n2024-01-05,me,ann,lunch\n03/01/2024,me,ann,call\n"
                    "2024-01-07,me,ann,dinner\n")
    with pytest.raises(DataValidationError) as caught:
        load(write(tmp_path, interactions=interactions))
    assert [(p.line, p.column) for p in caught.value.problems] == [
        (2, "kind"), (3, "date"), (4, "kind")]


# --------------------------------------------------------------------------- fast and slow parsers


FAST_READERS = ["pyarrow", "pandas"]


def use_reader(reader: str, monkeypatch) -> None:
    """Make the loader's fast path use ``reader``: pandas is what runs without pyarrow."""
    if reader == "pyarrow":
        pytest.importorskip("pyarrow.csv")
    else:
        monkeypatch.setitem(sys.modules, "pyarrow.csv", None)  # import fails as if absent


def parse_both_ways(text: str, known=INTERACTION_COLUMNS, required=INTERACTION_REQUIRED):
    """Parse with the full reader (fast path when possible) and the csv-module reader.

    Each result is ``(cells per column, lines)``, or the problems it raised.
    """
    try:
        table = read_table_bytes(text.encode("utf-8"), "f.csv", known, required, None)
    except DataValidationError as exc:
        return exc.problems, None
    fast = ({name: table[name].values().tolist() for name in table.names}, table.lines.tolist())
    start = text.index(text.lstrip(" \t\r\n")[:1]) if text.strip() else 0
    header_line = text[:start].count("\n") + 1
    try:
        frame, lines = read_slow(text[start:], "f.csv", table.names, header_line)
    except DataValidationError as exc:
        return fast, exc.problems
    return fast, ({name: frame[name].tolist() for name in table.names}, lines.tolist())


@pytest.mark.parametrize("reader", FAST_READERS)
def test_fast_and_slow_parsers_agree_on_a_tricky_file(reader, monkeypatch):
    use_reader(reader, monkeypatch)
    text = ('\r\ndate,source,target,kind,notes\r\n2024-01-05,me,ann,call,"a,\r\nb"\r\n'
            '  \r\n2024-01-06,me,ann,call,""""\r\n2024-01-07,me,ann,call,\r\n\r\n'
            '2024-01-08,me,ann,call,"x ""y"", z"')
    fast, slow = parse_both_ways(text)
    assert fast == slow
    assert fast[1] == [3, 6, 7, 9]


@pytest.mark.parametrize("reader", FAST_READERS)
@pytest.mark.parametrize(("text", "line", "found"), [
    ("id,name\nme,Me\nann\n", 3, "found 1"),                 # a short row is not padded
    ("id,name\nme,Me,\nann,Ann\n", 2, "found 3"),            # a trailing field is not dropped
    ("id,name\nme,Me\nann,Ann,x,y\n", 3, "found 4"),
    ('id,name\nme,"Me\nann,Ann\n', 2, "unclosed quote"),    # open at the end of the file
])
def test_fast_readers_send_uneven_rows_to_the_line_naming_reader(reader, monkeypatch, text,
                                                                 line, found):
    use_reader(reader, monkeypatch)
    with pytest.raises(DataValidationError) as caught:
        read_table_bytes(text.encode(), "c.csv", CONTACT_COLUMNS, CONTACT_REQUIRED)
    assert [problem.line for problem in caught.value.problems] == [line]
    assert found in str(caught.value)


cell_text = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t')), max_size=6)


def quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n\r') else cell


@pytest.mark.parametrize("reader", FAST_READERS)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.tuples(cell_text, cell_text), min_size=0, max_size=6),
    blank_after=st.lists(st.sampled_from(["", "\n", "  \n", "\r\n"]), min_size=6, max_size=6),
    newline=st.sampled_from(["\n", "\r\n"]),
    final_newline=st.booleans(),
)
def test_fast_and_slow_parsers_agree(reader, monkeypatch, rows, blank_after, newline,
                                     final_newline):
    use_reader(reader, monkeypatch)
    lines = [f"id,name,notes{newline}"]
    for position, (first, second) in enumerate(rows):
        lines.append(f"c{position},{quote(first)},{quote(second)}{newline}"
                     f"{blank_after[position]}")
    text = "".join(lines)
    if not final_newline:
        text = text.rstrip("\r\n \t") if rows else text
    fast, slow = parse_both_ways(text, CONTACT_COLUMNS, CONTACT_REQUIRED)
    assert fast == slow


@pytest.mark.parametrize("reader", FAST_READERS)
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=4), min_size=1, max_size=5),
       raw_quote=st.booleans())
def test_uneven_rows_give_the_problems_the_slow_reader_names(reader, monkeypatch, rows,
                                                             raw_quote):
    # Rows of any width (and perhaps a stray quote): a fast reader either reads
    # what the csv module reads or leaves the file to the reader naming its lines.
    use_reader(reader, monkeypatch)
    body = "".join(",".join(quote(cell) for cell in row) + "\n" for row in rows)
    text = "id,name,notes\n" + body + ('"' if raw_quote else "")
    fast, slow = parse_both_ways(text, CONTACT_COLUMNS, CONTACT_REQUIRED)
    if slow is None:  # the full reader refused the file: the slow reader's problems
        start_problems = fast
        with pytest.raises(DataValidationError) as caught:
            read_slow(text, "f.csv", ["id", "name", "notes"], 1)
        assert start_problems == caught.value.problems
    else:
        assert fast == slow


# --------------------------------------------------------------------------- frames


def frames():
    contacts = pd.DataFrame({"id": ["me", "ann", "007"], "name": ["Me", "Ann", "Bond"],
                             "character": [None, 4, 5]})
    interactions = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-05", "2024-02-01T10:00"], format="ISO8601"),
        "source": ["me", "ann"], "target": ["ann", "007"], "kind": ["call", "One_to_one"],
        "value": [np.nan, 2.0],
    })
    return contacts, interactions


def test_tuple_and_mapping_of_frames():
    contacts, interactions = frames()
    from_tuple = load_network((contacts, interactions))
    from_mapping = load_network({"contacts": contacts, "interactions": interactions,
                                 "settings": {"owner": "me"}})
    for net in (from_tuple, from_mapping):
        assert net.contacts["id"].tolist() == ["me", "ann", "007"]
        assert net.contacts["character"].tolist()[1:] == [4, 5]
        assert net.interactions["kind"].tolist() == ["call", "one_to_one"]
        assert str(net.interactions["date"].iloc[1]) == "2024-02-01 10:00:00+00:00"
        assert net.interactions["line"].tolist() == [1, 2]
        assert net.path is None
    assert from_mapping.owner == "me"
    assert from_tuple.owner is None


def test_frames_with_pandas_string_dtypes():
    contacts = pd.DataFrame({"id": pd.array(["me", "NA"], dtype="string"),
                             "name": pd.Series(["Me", None], dtype="str").fillna("Nobody")})
    interactions = pd.DataFrame({
        "date": pd.array(["2024-01-05", "2024-01-06"], dtype="string"),
        "source": pd.Series(["me", "me"], dtype="str"),
        "target": pd.Series(["NA", "NA"], dtype="category"),
        "kind": ["call", "email"],
        "value": pd.array([None, 3], dtype="Int64"),
    })
    net = load_network((contacts, interactions))
    assert net.contacts["id"].tolist() == ["me", "NA"]
    assert net.interactions["target"].tolist() == ["NA", "NA"]
    assert net.interactions["value"].iloc[1] == 3.0
    assert net.contacts["id"].dtype == object


def test_frame_errors_report_row_positions():
    contacts, interactions = frames()
    interactions.loc[1, "kind"] = "lunch"
    interactions.loc[0, "date"] = pd.NaT
    with pytest.raises(DataValidationError) as caught:
        load_network((contacts, interactions))
    message = str(caught.value)
    assert "interactions frame, row 1, column 'date': empty date" in message
    assert "interactions frame, row 2, column 'kind': 'lunch' is not a kind" in message
    contacts.loc[2, "character"] = 9
    with pytest.raises(DataValidationError, match=r"contacts frame, row 3, column 'character'"):
        load_network((contacts, frames()[1]))


def test_frame_warnings_name_rows():
    contacts, interactions = frames()
    interactions.loc[1, "target"] = "ann"
    interactions.loc[1, "source"] = "ann"
    with pytest.warns(RefgraphWarning, match=r"interactions frame, column 'source, target': "
                      r"1 interaction\(s\) name the same person .*\(rows 2\)"):
        load_network((contacts, interactions))


def test_frame_header_problems():
    contacts, interactions = frames()
    with pytest.raises(DataValidationError, match="contacts frame, column 'name': required"):
        load_network((contacts.drop(columns="name"), interactions))
    with pytest.raises(RefgraphError, match="expected a pandas DataFrame, got list"):
        load_network(([], interactions))
    with pytest.raises(RefgraphError, match="expects a folder path"):
        load_network(42)


def test_settings_argument_overrides_network_toml(tmp_path):
    write(tmp_path, toml='owner = "me"\n[trust]\nscale = 3.0\n')
    assert load(tmp_path).settings.trust.scale == 3.0
    net = load(tmp_path, settings={"owner": "ann"})
    assert net.owner == "ann"
    assert net.settings.trust.scale == refgraph.Settings().trust.scale != 3.0
    assert load(tmp_path, settings=refgraph.Settings(owner="bob")).owner == "bob"


def test_bad_network_toml_is_a_settings_error(tmp_path):
    with pytest.raises(SettingsError, match=r"network\.toml, line 1: unknown key 'ower'"):
        load(write(tmp_path, toml='ower = "me"\n'))


def test_sample_networks_load_without_warnings(consultant_path, chapter_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for path in (consultant_path, chapter_path):
            net = load_network(path)
            assert net.owner in set(net.contacts["id"])
            assert net.graph().number_of_edges() > 0
            # Rows from interactions.csv carry their line; rows made from the
            # chapter's slips and attendance come after them, without one.
            from_file = net.interactions["line"].notna()
            assert re.fullmatch(r"\d+", str(net.interactions["line"][from_file].iloc[-1]))
            assert from_file.sum() == len(pd.read_csv(path / "interactions.csv"))


# --------------------------------------------------------------------------- robustness


csv_bytes = st.lists(
    st.sampled_from([b"a", b"me", b"ann", b",", b'"', b"\n", b"\r\n", b"\r", b" ", b"\t",
                     b"2024-01-05", b"call", b"\x00", b"\xff", b"\xc3\xa9", b"\xef\xbb\xbf",
                     b"\xe2\x80\xae", b"NA"]),
    max_size=30,
).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(body=csv_bytes, header=st.sampled_from([b"date,source,target,kind\n",
                                               b"date,source,target,kind,notes\r\n", b""]))
def test_any_bytes_load_or_raise_a_refgraph_error(tmp_path_factory, body, header):
    folder = tmp_path_factory.mktemp("fuzz")
    write(folder, interactions=header + body)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefgraphWarning)
        try:
            net = load_network(folder)
        except RefgraphError as exc:
            assert str(exc).strip()
            return
    assert len(net.interactions) <= body.count(b"\n") + body.count(b"\r") + 1
    assert set(net.interactions["kind"]) <= set(KINDS)


def test_problems_in_both_files_are_reported_in_one_error(tmp_path):
    write(tmp_path, contacts="id,name,character\nme,Me,9\nann,Ann,\n",
          interactions="date,source,target,kind\n2024-13-01,me,ann,call\n")
    with pytest.raises(DataValidationError) as caught:
        load(tmp_path)
    files = {problem.file for problem in caught.value.problems}
    assert files == {str(tmp_path / "contacts.csv"), str(tmp_path / "interactions.csv")}
    message = str(caught.value)
    assert "contacts.csv, line 2, column 'character'" in message
    assert "interactions.csv, line 2, column 'date'" in message


def test_rows_of_bare_commas_are_skipped_with_a_warning(tmp_path):
    folder = write(tmp_path, contacts="id,name\nme,Me\n,\n,,\nann,Ann\n",
                   interactions="date,source,target,kind\n2024-01-01,me,ann,call\n,,,\n \t, ,,\n")
    with pytest.warns(RefgraphWarning) as caught:
        net = load(folder)
    messages = [str(w.message) for w in caught]
    assert any("contacts.csv: 2 row(s) with no values (line 3, 4) skipped" in m
               for m in messages)
    assert any("interactions.csv: 2 row(s) with no values (line 3, 4) skipped" in m
               for m in messages)
    assert net.contacts["id"].tolist() == ["me", "ann"]
    assert len(net.interactions) == 1
    with pytest.warns(RefgraphWarning, match="contacts frame: 1 row"):
        framed = load_network((pd.DataFrame({"id": ["me", ""], "name": ["Me", " "]}),
                               pd.DataFrame({"date": [], "source": [], "target": [],
                                             "kind": []})))
    assert framed.contacts["id"].tolist() == ["me"]


def test_control_characters_are_stripped_with_a_warning_naming_the_line(tmp_path):
    folder = write(tmp_path, contacts="id,name,notes\nme,Me,\nann,A\u202enn,zero\u200bwidth\n"
                                      "bob,Bo\x00b,\"two\nlines\"\n")
    with pytest.warns(RefgraphWarning, match=r"contacts.csv: control, bidi-override or "
                      r"zero-width characters removed from 3 cell\(s\); line 3 column 'name', "
                      r"line 3 column 'notes', line 4 column 'name'"):
        net = load(folder)
    assert net.name_of("ann") == "Ann" and net.name_of("bob") == "Bob"
    assert net.contacts.set_index("id").at["bob", "notes"] == "two\nlines"


def test_frames_with_datetime_dates_load_without_parsing_and_name_a_missing_one():
    contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    dates = pd.Series(pd.to_datetime(["2024-03-01 09:30", "2024-07-02 18:00"]))
    interactions = pd.DataFrame({"date": dates.dt.tz_localize("Europe/London"),
                                 "source": ["me", "ann"], "target": ["ann", "me"],
                                 "kind": ["call", "email"]})
    loaded = load_network((contacts, interactions)).interactions["date"]
    # London is UTC in March and UTC+1 in July.
    assert loaded.dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2024-03-01 09:30",
                                                              "2024-07-02 17:00"]
    interactions.loc[1, "date"] = pd.NaT
    with pytest.raises(DataValidationError, match=r"row 2.*date.*empty date"):
        load_network((contacts, interactions))


def test_a_datetime_birthday_column_in_a_frame_is_read_as_days():
    contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"],
                             "birthday": pd.to_datetime(["1980-05-01", None])})
    interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"], "target": ["ann"],
                                 "kind": ["call"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "is not a birthday" warning
        loaded = load_network((contacts, interactions)).contacts
    assert loaded.set_index("id")["birthday"].to_dict() == {"me": "1980-05-01", "ann": ""}


@pytest.mark.parametrize("as_of", ["0000-01-01", "0001-01-01", "1899-12-31"])
def test_an_as_of_before_1900_is_refused(as_of):
    with pytest.raises(RefgraphError, match=r"too early; expected a date from 1900 on"):
        parse_as_of(as_of)
