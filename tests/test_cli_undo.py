"""refgraph undo: the last row log or add appended comes off again, exactly, or nothing changes."""

from __future__ import annotations

import json

import pytest
from cli_runner import run_cli as _run

CONTACTS = "id,name,company\nme,Sam Carter,\nann,Ann Smith,Acme\n"
INTERACTIONS = "date,source,target,kind,value,notes\n2024-01-05,me,ann,call,,\n"


@pytest.fixture
def net(tmp_path):
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "contacts.csv").write_text(CONTACTS)
    (folder / "interactions.csv").write_text(INTERACTIONS)
    (folder / "network.toml").write_text('owner = "me"\n')
    return folder


def _files(folder) -> tuple[bytes, bytes]:
    return (folder / "contacts.csv").read_bytes(), (folder / "interactions.csv").read_bytes()


def _journal(folder) -> str:
    return (folder / ".backup" / "appends.csv").read_text()


def _log(folder, capsys, date="2024-02-01", *extra):
    code, _, err = _run(["log", folder, "--with", "ann", "--kind", "one_to_one", "--date", date,
                         *extra], capsys)
    assert code == 0, err


def _add(folder, capsys, name="Cara Diaz"):
    code, _, err = _run(["add", folder, "--name", name, "--company", "Initech"], capsys)
    assert code == 0, err


def test_log_then_undo_restores_the_exact_bytes(net, capsys):
    before = _files(net)
    _log(net, capsys, "2024-02-01", "--notes", "Xero, Sage")
    code, out, err = _run(["undo", net], capsys)
    assert code == 0, err
    assert out == 'removed from interactions.csv: 2024-02-01, me → ann, one_to_one, Xero, Sage\n'
    assert _files(net) == before
    assert _journal(net) == "time,file,size_before,size_after\n"  # nothing left to undo


def test_add_then_undo_restores_the_exact_bytes(net, capsys):
    before = _files(net)
    _add(net, capsys)
    code, out, _ = _run(["undo", net], capsys)
    assert code == 0
    assert out == "removed from contacts.csv: cara-diaz, Cara Diaz, Initech\n"
    assert _files(net) == before


def test_undo_twice_takes_back_two_appends_newest_first(net, capsys):
    start = _files(net)
    _log(net, capsys)
    after_log = _files(net)
    _add(net, capsys)
    code, out, _ = _run(["undo", net], capsys)
    assert code == 0 and out.startswith("removed from contacts.csv: cara-diaz")
    assert _files(net) == after_log
    code, out, _ = _run(["undo", net], capsys)
    assert code == 0 and out.startswith("removed from interactions.csv: 2024-02-01")
    assert _files(net) == start


def test_two_logs_come_off_in_reverse_order(net, capsys):
    _log(net, capsys, "2024-02-01")
    _log(net, capsys, "2024-02-02")
    assert "2024-02-02" in _run(["undo", net], capsys)[1]
    assert "2024-02-01" in _run(["undo", net], capsys)[1]
    assert (net / "interactions.csv").read_text() == INTERACTIONS


def test_file_chooses_which_file_to_take_back_from(net, capsys):
    _log(net, capsys)
    _add(net, capsys)
    code, out, _ = _run(["undo", net, "--file", "interactions"], capsys)
    assert code == 0 and out.startswith("removed from interactions.csv")
    assert (net / "interactions.csv").read_text() == INTERACTIONS
    assert "Cara Diaz" in (net / "contacts.csv").read_text()  # the newer append stays
    code, _, err = _run(["undo", net, "--file", "interactions"], capsys)
    assert code == 2 and "interactions.csv: no appended row is recorded" in err
    assert _run(["undo", net], capsys)[1].startswith("removed from contacts.csv")


def test_undo_with_nothing_recorded_is_a_clear_error(net, capsys):
    before = _files(net)
    code, out, err = _run(["undo", net], capsys)
    assert code == 2 and out == ""
    assert err.startswith("refgraph: error: ") and "nothing to undo" in err
    assert "appends.csv" in err and "Traceback" not in err
    assert _files(net) == before
    code, _, err = _run(["undo", net.parent / "missing"], capsys)
    assert code == 2 and "not a network folder" in err


def test_undo_refuses_a_file_edited_by_hand_and_leaves_it(net, capsys):
    _log(net, capsys)
    with open(net / "interactions.csv", "a", encoding="utf-8") as handle:
        handle.write("2024-02-03,me,ann,call,,typed by hand\n")
    edited, journal = _files(net), _journal(net)
    code, out, err = _run(["undo", net], capsys)
    assert code == 2 and out == ""
    assert "changed after its last appended row" in err and ".backup" in err
    assert _files(net) == edited and _journal(net) == journal


def test_dry_run_shows_the_row_and_writes_nothing(net, capsys):
    _log(net, capsys)
    logged, journal = _files(net), _journal(net)
    code, out, _ = _run(["undo", net, "--dry-run"], capsys)
    assert code == 0
    assert out == ("would remove from interactions.csv: 2024-02-01, me → ann, one_to_one "
                   "(dry run, nothing written)\n")
    assert _files(net) == logged and _journal(net) == journal


def test_json_names_the_file_and_the_row(net, capsys):
    _add(net, capsys)
    code, out, _ = _run(["undo", net, "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out) == {
        "network": str(net), "file": "contacts.csv",
        "row": {"id": "cara-diaz", "name": "Cara Diaz", "company": "Initech"},
        "text": "cara-diaz,Cara Diaz,Initech", "dry_run": False}


@pytest.mark.parametrize("ending", ["no final line end", "windows line ends"])
def test_the_files_own_line_ends_come_back(net, capsys, ending):
    text = (INTERACTIONS.rstrip("\n") if ending == "no final line end"
            else INTERACTIONS.replace("\n", "\r\n"))
    (net / "interactions.csv").write_bytes(text.encode())
    _log(net, capsys)
    code, out, _ = _run(["undo", net], capsys)
    assert code == 0 and out.startswith("removed from interactions.csv: 2024-02-01, me → ann")
    assert (net / "interactions.csv").read_bytes() == text.encode()
