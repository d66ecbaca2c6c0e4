"""A kept network extended by the rows appended since gives exactly what a full load gives."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import threading
import warnings
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import refgraph
from refgraph.errors import DataValidationError
from refgraph.importers.edit import log_interaction
from refgraph.io import load as load_module
from refgraph.io.cache import wait_until_kept
from refgraph.model.people import network_person_codes

pytest.importorskip("pyarrow")  # the cache keeps its tables as Arrow files

CONTACTS = "id,name\nme,Sam Carter\nann,Ann Smith\nbob,Bob Jones\ncy,Cy Twombly\n"
HEADER = ["date", "source", "target", "kind", "value", "notes"]

DATES = st.sampled_from(["2024-01-05", "2024-01-05T00:00:00Z", "2024-02-01T09:30:00+01:00",
                         "2023-12-31", "2024-03-10"])
PEOPLE = st.sampled_from(["me", "ann", "bob", "cy", "zed", "yo"])  # zed and yo: no contact
KINDS = st.sampled_from(["call", "one_to_one", "referral", "email"])
NOTES = st.sampled_from(["", "hi", "a, comma", 'say "hi"', "two\nlines", " spaced "])
ROWS = st.lists(st.tuples(DATES, PEOPLE, PEOPLE, KINDS, st.just(""), NOTES),
                min_size=1, max_size=12)


def _csv(rows, header=True) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def _network(folder: Path, rows) -> Path:
    folder.mkdir(parents=True)
    (folder / "contacts.csv").write_text(CONTACTS)
    (folder / "interactions.csv").write_text(_csv(rows))
    (folder / "network.toml").write_text('owner = "me"\n')
    return folder


def _load(folder: Path, **kwargs):
    """Load ``folder`` and wait for its cache entry: the tests then edit the files by hand."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        network = refgraph.load_network(folder, **kwargs)
    wait_until_kept()
    return network


def _assert_same(extended, full) -> None:
    pd.testing.assert_frame_equal(extended.contacts, full.contacts)
    pd.testing.assert_frame_equal(extended.interactions, full.interactions)
    # The people codes name the same person for every row. (A full load's list
    # of people may also hold an id only a dropped row named.)
    ours, theirs = network_person_codes(extended), network_person_codes(full)
    assert set(ours[0]) <= set(theirs[0]) and set(full.contacts["id"]) <= set(ours[0])
    for column in (1, 2):
        assert np.array_equal(ours[0][ours[column]], theirs[0][theirs[column]])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kept=ROWS, appended=ROWS, repeats=st.lists(st.integers(0, 11), max_size=3),
       new_contacts=st.lists(st.sampled_from(["nu", "aa", "mid"]), max_size=2, unique=True))
# zed is first named by a self-loop, which is dropped: the added contacts follow
# the kept rows (yo, then zed), in the kept file and in the appended rows alike.
@example(kept=[("2024-01-05", "me", "me", "call", "", ""),
               ("2024-01-05", "zed", "zed", "call", "", "")],
         appended=[("2024-01-05", "yo", "zed", "call", "", "")], repeats=[], new_contacts=[])
def test_appended_rows_load_as_a_full_load_would(kept, appended, repeats, new_contacts):
    # Repeats of kept rows, unknown ids, self-loops, quoted line ends and dates
    # written two ways are all among the appended rows; new contacts (as add
    # appends them) sort before, between and after the others.
    appended = appended + [kept[i % len(kept)] for i in repeats]
    appended += [("2024-03-01", "me", person, "call", "", "") for person in new_contacts]
    with tempfile.TemporaryDirectory() as tmp:
        folder = _network(Path(tmp) / "net", kept)
        _load(folder, cache=True)
        with open(folder / "contacts.csv", "a", encoding="utf-8") as handle:
            handle.writelines(f"{person},New {person}\n" for person in new_contacts)
        with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
            handle.write(_csv(appended, header=False))
        with mock.patch.object(load_module, "load_appended",
                               wraps=load_module.load_appended) as extend:
            extended = _load(folder, cache=True)
        assert extend.call_count == 1
        _assert_same(extended, _load(folder, cache=False))


def test_the_appended_rows_warn_with_their_own_lines(tmp_path):
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "")])
    _load(folder, cache=True)
    with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
        handle.write(_csv([("2024-01-06", "me", "ann", "call", "", "two\nlines"),
                           ("2024-01-05", "me", "ann", "call", "", ""),
                           ("2024-01-07", "me", "me", "call", "", "")], header=False))
    with pytest.warns(refgraph.RefgraphWarning) as caught:
        refgraph.load_network(folder, cache=True)
    messages = " ".join(str(w.message) for w in caught)
    assert "repeat an earlier row exactly (lines 5)" in messages
    assert "same person as source and target (lines 6)" in messages


def test_a_bad_appended_row_is_named_by_its_line_in_the_file(tmp_path):
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "a\nb")])
    _load(folder, cache=True)
    with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
        handle.write("2024-01-06,me,ann,call,,\nsoon,me,ann,call,,\n")
    with pytest.raises(DataValidationError, match=r"interactions.csv, line 5, column 'date'"):
        refgraph.load_network(folder, cache=True)


def test_an_edit_before_the_appended_rows_means_a_full_load(tmp_path):
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "Ann")])
    _load(folder, cache=True)
    text = (folder / "interactions.csv").read_text()
    # Same length, then a row appended: only the digest of the kept bytes can tell.
    (folder / "interactions.csv").write_text(text.replace("Ann", "Bob")
                                             + "2024-01-06,me,bob,call,,\n")
    with mock.patch.object(load_module, "load_appended") as extend:
        network = _load(folder, cache=True)
    assert extend.call_count == 0
    assert network.interactions["notes"].tolist() == ["Bob", ""]


def test_log_then_load_reads_only_the_logged_row_and_then_nothing(tmp_path):
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "")])
    _load(folder, cache=True)
    log_interaction(folder, with_id="bob", kind="call", date="2024-02-01",
                    today=dt.date(2024, 4, 3))
    with mock.patch.object(load_module, "_load") as full:
        logged = _load(folder, cache=True)
        again = _load(folder, cache=True)
    assert full.call_count == 0  # extended, each time (or kept as extended, for big tails)
    assert logged.interactions["target"].tolist() == ["ann", "bob"]
    _assert_same(again, _load(folder, cache=False))


def test_windows_line_ends_and_a_byte_order_mark(tmp_path):
    folder = _network(tmp_path / "net", [])
    rows = [("2024-01-05", "me", "ann", "call", "", "two\nlines"), ("2024-01-06", "me", "zed",
                                                                   "call", "", "")]
    (folder / "interactions.csv").write_bytes(
        b"\xef\xbb\xbf\r\n" + _csv(rows).replace("\n", "\r\n").encode())
    _load(folder, cache=True)
    with open(folder / "interactions.csv", "ab") as handle:
        handle.write(b"2024-01-07,ann,yo,call,,\"a\r\nb\"\r\n2024-01-08,me,bob,call,,\r\n")
    with mock.patch.object(load_module, "load_appended",
                           wraps=load_module.load_appended) as extend:
        extended = _load(folder, cache=True)
    assert extend.call_count == 1
    _assert_same(extended, _load(folder, cache=False))
    assert extended.interactions["line"].tolist() == [3, 5, 6, 8]


def test_a_few_appended_rows_leave_the_kept_network_in_place(tmp_path):
    rows = [("2024-01-05", "me", "ann", "call", "", f"row {i}") for i in range(40)]
    folder = _network(tmp_path / "net", rows)
    _load(folder, cache=True)
    with mock.patch.object(load_module, "keep_in_background",
                           wraps=load_module.keep_in_background) as keep:
        for day in range(1, 6):  # a week of log: each load reads the appended rows alone
            with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
                handle.write(f"2024-02-0{day},me,bob,call,,\n")
            network = _load(folder, cache=True)
        assert keep.call_count == 0
        with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
            handle.write(_csv(rows[:10], header=False).replace("2024-01-05", "2024-03-01"))
        _load(folder, cache=True)  # now a tenth of the kept bytes: kept again
        assert keep.call_count == 1
    assert len(network.interactions) == 45


def test_a_row_logged_then_undone_loads_from_the_kept_network(tmp_path):
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "")])
    _load(folder, cache=True)
    log_interaction(folder, with_id="bob", kind="call", date="2024-02-01",
                    today=dt.date(2024, 4, 3))
    refgraph.undo_last_append(folder)
    with mock.patch.object(load_module, "_load") as full:
        network = _load(folder, cache=True)
    assert full.call_count == 0
    _assert_same(network, _load(folder, cache=False))
    assert network.interactions["target"].tolist() == ["ann"]



def test_an_added_contact_an_interaction_already_named_means_a_full_load(tmp_path):
    # 'zed' was a contact named by its id only; now the file names them: a full
    # load puts them in their place with their name, and drops the warning.
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "zed", "call", "", "")])
    _load(folder, cache=True)
    with open(folder / "contacts.csv", "a", encoding="utf-8") as handle:
        handle.write("zed,Zed Zimmer\n")
    network = _load(folder, cache=True)
    _assert_same(network, _load(folder, cache=False))
    assert network.name_of("zed") == "Zed Zimmer"


def test_an_added_contact_with_a_taken_id_is_refused_by_its_line(tmp_path):
    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "")])
    _load(folder, cache=True)
    with open(folder / "contacts.csv", "a", encoding="utf-8") as handle:
        handle.write("ann,Another Ann\n")
    with pytest.raises(DataValidationError, match=r"contacts.csv, line 6, column 'id': "
                                                  r"duplicate id 'ann'"):
        refgraph.load_network(folder, cache=True)


def test_add_then_load_reads_only_the_added_contact(tmp_path):
    from refgraph.importers.edit import add_contact

    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "")])
    _load(folder, cache=True)
    add_contact(folder, name="Dev Patel")
    with mock.patch.object(load_module, "_load") as full:
        network = _load(folder, cache=True)
    assert full.call_count == 0
    _assert_same(network, _load(folder, cache=False))
    assert network.name_of("dev-patel") == "Dev Patel"


def test_a_row_logged_while_the_load_is_kept_extends_the_kept_network(tmp_path, monkeypatch):
    from refgraph.io import cache as cache_module

    folder = _network(tmp_path / "net", [("2024-01-05", "me", "ann", "call", "", "")])
    release, record = threading.Event(), cache_module.appendable_record

    def held(*args, **kwargs):
        release.wait(timeout=30)
        return record(*args, **kwargs)

    monkeypatch.setattr(cache_module, "appendable_record", held)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refgraph.load_network(folder, cache=True)  # its entry is still being written
    threading.Timer(0.2, release.set).start()
    log_interaction(folder, with_id="bob", kind="call", date="2024-02-01",
                    today=dt.date(2024, 4, 3))
    with mock.patch.object(load_module, "load_appended",
                           wraps=load_module.load_appended) as extend:
        network = _load(folder, cache=True)
    assert extend.call_count == 1
    assert network.interactions["target"].tolist() == ["ann", "bob"]
