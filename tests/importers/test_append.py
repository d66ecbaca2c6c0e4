"""log and add append their row: earlier bytes untouched, journalled, undoable."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from refgraph import RefgraphError, load_network, undo_last_append
from refgraph.importers.edit import add_contact, log_interaction
from refgraph.io import files as files_module
from refgraph.io.backups import APPEND_JOURNAL, BACKUP_FOLDER, cut_last_append, undo_append

TODAY = dt.date(2024, 4, 3)
CONTACTS = ("id,name,company,notes\nme,Sam Carter,,\nann,Ann Smith,Acme,met 2019\n"
            "bob,Bob Jones,,\"likes \"\"long\"\" notes\"\n")
INTERACTIONS = "date,source,target,kind,value,notes\n2024-01-05,me,ann,call,,\n"


@pytest.fixture
def folder(tmp_path):
    net = tmp_path / "net"
    net.mkdir()
    (net / "contacts.csv").write_text(CONTACTS)
    (net / "interactions.csv").write_text(INTERACTIONS)
    (net / "network.toml").write_text('owner = "me"\n')
    return net


def _log(folder, **kwargs):
    return log_interaction(folder, **{"with_id": "ann", "kind": "call", "date": "2024-02-01",
                                      "today": TODAY, **kwargs})


def test_log_keeps_every_earlier_byte(folder):
    before = (folder / "interactions.csv").read_bytes()
    done = _log(folder, notes="a, with comma")
    after = (folder / "interactions.csv").read_bytes()
    assert after.startswith(before)
    assert after[len(before):] == b'2024-02-01,me,ann,call,,"a, with comma"\n'
    assert done.line == 3
    second = _log(folder, date="2024-02-02")
    assert second.line == 4 and second.backups == []  # one copy a day, made by the first
    assert len(done.backups) == 1
    assert load_network(folder).interactions["line"].tolist() == [2, 3, 4]


def test_add_keeps_the_users_quoting(folder):
    before = (folder / "contacts.csv").read_bytes()
    done = add_contact(folder, name="Cara Diaz", company="Initech")
    after = (folder / "contacts.csv").read_bytes()
    assert after.startswith(before)
    assert after[len(before):] == b"cara-diaz,Cara Diaz,Initech,\n"
    assert done.line == 5 and done.row["id"] == "cara-diaz"


def test_a_file_without_a_final_line_end_gets_one(folder):
    (folder / "interactions.csv").write_text(INTERACTIONS.rstrip("\n"))
    done = _log(folder)
    text = (folder / "interactions.csv").read_text()
    assert text == INTERACTIONS + "2024-02-01,me,ann,call,,\n"
    assert done.line == 3


def test_windows_line_ends_are_kept(folder):
    (folder / "interactions.csv").write_bytes(INTERACTIONS.replace("\n", "\r\n").encode())
    _log(folder)
    assert (folder / "interactions.csv").read_bytes().endswith(
        b"call,,\r\n2024-02-01,me,ann,call,,\r\n")


def test_a_new_column_or_another_encoding_rewrites_the_file(folder):
    (folder / "interactions.csv").write_text("date,source,target,kind\n2024-01-05,me,ann,call\n")
    _log(folder, notes="first notes")
    assert (folder / "interactions.csv").read_text().splitlines()[0] == (
        "date,source,target,kind,value,notes")
    (folder / "contacts.csv").write_bytes(CONTACTS.replace("Ann", "Zoë").encode("utf-16"))
    add_contact(folder, name="Cara Diaz")
    text = (folder / "contacts.csv").read_bytes().decode("utf-8")  # now UTF-8 throughout
    assert "Zoë Smith" in text and text.endswith("Cara Diaz,,\n")
    assert not (folder / BACKUP_FOLDER / APPEND_JOURNAL).exists()  # nothing was appended
    assert len(list((folder / BACKUP_FOLDER).iterdir())) == 2  # each file copied, then replaced


def test_a_failed_write_leaves_the_file_intact(folder, monkeypatch):
    before = (folder / "interactions.csv").read_bytes()
    real_write = os.write

    def half_then_fail(fd, data):
        real_write(fd, bytes(data[:5]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "write", half_then_fail)
    with pytest.raises(RefgraphError, match=r"No space left on device.*previous version is "
                                            r"intact"):
        _log(folder)
    monkeypatch.undo()
    assert (folder / "interactions.csv").read_bytes() == before


def test_a_file_changed_since_it_was_read_is_not_appended_to(folder, monkeypatch):
    from refgraph.importers import store

    real_read = store.read_network_files

    def read_then_someone_writes(*args, **kwargs):
        files = real_read(*args, **kwargs)
        with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
            handle.write("2024-01-06,me,ann,call,,\n")
        return files

    monkeypatch.setattr("refgraph.importers.edit.read_network_files", read_then_someone_writes)
    with pytest.raises(RefgraphError, match="changed while refgraph was using it"):
        _log(folder)
    assert (folder / "interactions.csv").read_text() == (
        INTERACTIONS + "2024-01-06,me,ann,call,,\n")


def test_undo_append_takes_the_last_row_off(folder):
    before = (folder / "interactions.csv").read_bytes()
    _log(folder)
    middle = (folder / "interactions.csv").read_bytes()
    _log(folder, date="2024-02-02")
    assert undo_append(folder / "interactions.csv") == len(middle)
    assert (folder / "interactions.csv").read_bytes() == middle
    undo_append(folder / "interactions.csv")
    assert (folder / "interactions.csv").read_bytes() == before
    with pytest.raises(RefgraphError, match="no appended row is recorded"):
        undo_append(folder / "interactions.csv")


def test_undo_refuses_when_the_file_changed_after_the_append(folder):
    _log(folder)
    with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
        handle.write("2024-01-06,me,ann,call,,\n")
    with pytest.raises(RefgraphError, match="changed after its last appended row"):
        undo_append(folder / "interactions.csv")


def test_undo_refuses_a_file_of_the_same_size_that_no_longer_ends_with_the_row(folder):
    _log(folder)
    path = folder / "interactions.csv"
    logged = path.read_bytes()
    path.write_bytes(b"x" + logged[:-1])  # replaced since: the same size, shifted by a byte
    with pytest.raises(RefgraphError, match="changed after its last appended row .bytes "
                                            r"\d+ to \d+ are no longer whole lines"):
        cut_last_append(path)
    assert path.read_bytes() == b"x" + logged[:-1]


def test_undo_last_append_reads_the_row_with_the_files_header(folder):
    done = _log(folder, notes='say "hi", twice')
    result = undo_last_append(folder, file="interactions.csv", dry_run=True)
    assert result.row == done.row and result.file == "interactions.csv" and result.dry_run
    assert result.text == '2024-02-01,me,ann,call,,"say ""hi"", twice"'
    assert undo_last_append(folder).row == done.row
    assert (folder / "interactions.csv").read_text() == INTERACTIONS
    with pytest.raises(RefgraphError, match="file 'notes': expected one of interactions, "
                                            "contacts"):
        undo_last_append(folder, file="notes")


def test_the_days_backup_restores_the_file_as_it_was(folder):
    before = (folder / "interactions.csv").read_bytes()
    done = _log(folder)
    _log(folder, date="2024-02-02")
    (copy,) = done.backups
    assert Path(copy).read_bytes() == before  # copying it back restores the morning's file


def test_log_and_add_never_read_the_other_rows_as_cells(folder, monkeypatch):
    # On a network of ten million interactions, reading every row as cells took
    # minutes and gigabytes just to append one line.
    from refgraph.importers import store

    def no_cells(path, known):
        raise AssertionError(f"{path.name} was read as cells")

    monkeypatch.setattr(store, "_read_cells", no_cells)
    logged = _log(folder, notes="new")
    added = add_contact(folder, name="Cara Diaz", company="Initech")
    assert (logged.line, added.line) == (3, 5)
    net = load_network(folder)
    assert net.interactions["notes"].tolist() == ["", "new"]
    assert "cara-diaz" in set(net.contacts["id"])


def test_a_bad_row_is_refused_before_anything_is_written(folder):
    before = (folder / "contacts.csv").read_bytes()
    with pytest.raises(RefgraphError, match="already taken"):
        add_contact(folder, name="Someone", contact_id="ann")
    with pytest.raises(RefgraphError, match="not a contact id"):
        _log(folder, with_id="nobody")
    assert (folder / "contacts.csv").read_bytes() == before
    assert (folder / "interactions.csv").read_text() == INTERACTIONS


def test_a_header_behind_blank_lines_and_a_bom_still_takes_an_append(folder):
    (folder / "interactions.csv").write_bytes(b"\xef\xbb\xbf\n\n" + INTERACTIONS.encode())
    done = _log(folder)
    assert done.line == 5 and done.backups  # appended (a daily copy), not rewritten
    assert (folder / "interactions.csv").read_bytes().startswith(b"\xef\xbb\xbf\n\n")
    assert load_network(folder).interactions["line"].tolist() == [4, 5]


def test_a_row_filling_a_column_the_file_lacks_rewrites_it_with_that_column(folder):
    (folder / "contacts.csv").write_text("id,name\nme,Sam Carter\nann,Ann Smith\n")
    add_contact(folder, name="Cara Diaz", profession="architect")
    assert (folder / "contacts.csv").read_text().splitlines()[0] == "id,name,profession"
    add_contact(folder, name="Dev Patel")  # nothing new to hold: appended
    assert (folder / "contacts.csv").read_text().endswith("dev-patel,Dev Patel,\n")
