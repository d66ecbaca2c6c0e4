"""Chapter records: CSV and xlsx spreadsheets, errors naming file, row and column."""

from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest

import refgraph
from refgraph.errors import DataValidationError, RefgraphError
from refgraph.io.chapter import read_sheet


def network_folder(tmp_path):
    folder = tmp_path / "chapter"
    folder.mkdir()
    pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]}).to_csv(
        folder / "contacts.csv", index=False)
    pd.DataFrame({"date": ["2024-01-04"], "source": ["me"], "target": ["ann"],
                  "kind": ["call"]}).to_csv(folder / "interactions.csv", index=False)
    (folder / "network.toml").write_text('owner = "me"\n')
    return folder


def workbook(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def test_xlsx_roster_and_attendance_load(tmp_path):
    import datetime as dt

    folder = network_folder(tmp_path)
    workbook(folder / "members.xlsx", [["Member", "Joined", "Left", "Category"],
                                       ["me", dt.datetime(2023, 1, 1), None, "Coach"],
                                       ["ann", "2023-02-01", None, None],
                                       ["bob", "2023-02-01", None, None]])
    workbook(folder / "attendance.xlsx", [["date", "member", "status"],
                                          [dt.date(2024, 1, 4), "me", "P"],
                                          [dt.date(2024, 1, 4), "ann", "late"],
                                          [dt.date(2024, 1, 4), "bob", "M"]])
    pd.DataFrame({"date": ["2024-01-05"], "kind": ["TYFCB"], "source": ["ann"],
                  "target": ["me"], "value": ["1,200"], "notes": ["kitchen"]}).to_csv(
        folder / "slips.csv", index=False)
    net = refgraph.load_network(folder)
    rows = net.interactions
    # The TYFCB slip is business; me and ann shared a meeting, bob was away.
    business = rows[rows["kind"] == "business"]
    assert business[["source", "target", "value"]].values.tolist() == [["ann", "me", 1200.0]]
    events = rows[(rows["kind"] == "event") & (rows["notes"] == "chapter meeting")]
    assert events[["source", "target"]].values.tolist() == [["ann", "me"]]
    assert refgraph.scorecard(net, as_of="2024-01-31", months=1).members.set_index(
        "member").loc["bob", "medical"] == 1


def test_xlsx_errors_name_file_row_and_column(tmp_path):
    folder = network_folder(tmp_path)
    workbook(folder / "members.xlsx", [["member", "joined"], ["me", "2023-01-01"],
                                       ["zed", "2023-01-01"], ["ann", "soon"]])
    workbook(folder / "attendance.xlsx", [["date", "member", "status"],
                                          ["2024-01-04", "me", "P"],
                                          ["2024-01-04", "ann", "X"]])
    with pytest.raises(DataValidationError) as caught:
        refgraph.load_network(folder)
    message = str(caught.value)
    assert "members.xlsx, row 3, column 'member': 'zed' is not a contact id" in message
    assert "members.xlsx, row 4, column 'joined': 'soon' is not a date" in message
    assert "attendance.xlsx, row 3, column 'status': 'X' is not a PALMS status" in message


def test_csv_slip_errors(tmp_path):
    folder = network_folder(tmp_path)
    (folder / "members.csv").write_text("member,joined\nme,2023-01-01\n")
    (folder / "slips.csv").write_text(
        "date,kind,source,target,value\n2024-01-04,tyfcb,me,ann,\n2024-01-05,gift,me,ann,\n"
        "2024-01-06,referral,me,,\n2024-01-07,tyfcb,me,ann,-5\n")
    with pytest.raises(DataValidationError) as caught:
        refgraph.load_network(folder)
    message = str(caught.value)
    assert "slips.csv, line 2, column 'value': empty; a tyfcb slip needs the amount" in message
    assert "slips.csv, line 3, column 'kind': 'gift' is not a slip kind" in message
    assert "slips.csv, line 4, column 'target': empty; expected a contact id" in message
    assert "slips.csv, line 5, column 'value': '-5' is not an amount" in message


def test_missing_column_and_missing_roster(tmp_path):
    folder = network_folder(tmp_path)
    (folder / "attendance.csv").write_text("date,member\n2024-01-04,me\n")
    with pytest.raises(RefgraphError, match="needs its members file"):
        refgraph.load_network(folder)
    (folder / "members.csv").write_text("member,joined\nme,2023-01-01\n")
    with pytest.raises(DataValidationError, match="column 'status': missing column"):
        refgraph.load_network(folder)


def test_unreadable_workbook(tmp_path):
    path = tmp_path / "members.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(RefgraphError, match=r"not a readable \.xlsx workbook"):
        read_sheet(path)


def test_attendance_counts_as_contact_for_ties_but_not_for_nurture(chapter_path, tmp_path):
    # Without its attendance file the chapter's regular attenders look neglected.
    with_attendance = refgraph.load_network(chapter_path)
    copy = tmp_path / "copy"
    shutil.copytree(chapter_path, copy)
    (copy / "attendance.csv").unlink()
    without = refgraph.load_network(copy)
    as_of = "2026-10-31"
    ties = with_attendance.ties(as_of)
    bare = without.ties(as_of)
    members = pd.read_csv(chapter_path / "members.csv")
    current = set(members.loc[members["left"].isna(), "member"]) - {"m01"}

    def last_contact(table):
        mine = table[(table["u"] == "m01") | (table["v"] == "m01")]
        other = mine["v"].where(mine["u"] == "m01", mine["u"])
        return dict(zip(other, mine["last_contact"], strict=True))

    seen, bare_seen = last_contact(ties), last_contact(bare)
    cut = pd.Timestamp(as_of, tz="UTC") - pd.Timedelta(days=35)
    # Every current member the president sat with is seen within five weeks.
    assert all(seen[m] >= cut for m in current if m in seen)
    assert sum(bare_seen.get(m, cut) < cut for m in current) > 0
    # Sitting in the same weekly meeting is not keeping in touch: a member seen
    # there lately whose last 1-to-1 or referral is months old is still listed,
    # their days counted from that contact.
    listed = refgraph.nurture(with_attendance, as_of=as_of).to_dict()["contacts"]
    lapsed = [row for row in listed
              if row["id"] in current and seen.get(row["id"], cut) >= cut]
    assert any(row["days_since"] is None or row["days_since"] > 35 for row in lapsed)


def test_a_visitor_you_brought_is_someone_you_introduced(tmp_path):
    # Bringing a visitor into the room introduces them to the chapter: the member
    # and the visitor know each other. A visitor written as free text stays a slip.
    folder = network_folder(tmp_path)
    (folder / "members.csv").write_text("member,joined\nme,2023-01-01\nann,2023-01-01\n")
    (folder / "slips.csv").write_text(
        "date,kind,source,target,value\n2024-02-01,visitor,ann,bob,\n"
        "2024-02-08,visitor,me,Jane from the bakery,\n2024-02-15,visitor,me,,\n")
    net = refgraph.load_network(folder)
    added = net.interactions[net.interactions["line"].isna()]
    assert added[["source", "target", "kind"]].astype(str).values.tolist() == [
        ["ann", "bob", "introduction"]]
    assert net.ties().set_index(["u", "v"]).loc[("ann", "bob"), "n_introduction"] == 1
