"""Tests for refgraph.io.cache: big network folders load from a cache while unchanged."""

from __future__ import annotations

import os
import shutil
import string
import threading
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import refgraph
from refgraph.errors import DataValidationError, RefgraphError, RefgraphWarning, SettingsError
from refgraph.io import cache as cache_module
from refgraph.io import load as load_module
from refgraph.io.cache import cache_folder, wait_until_kept, worth_caching
from refgraph.io.settings import Settings

pytest.importorskip("pyarrow")

CONTACTS = ("id,name,profession,character,notes\n"
            "me,Sam Carter,Consultant,5,\n"
            "ann,Ann Lee,Web designer,4,\"met at the expo, \"\"great\"\"\"\n"
            "bob,Bob Ng,,,\n")
INTERACTIONS = ("date,source,target,kind,value,notes\n"
                "2026-01-05,me,ann,one_to_one,,coffee\n"
                "2026-02-01,ann,me,referral,1200,\n"
                "2026-02-01,ann,me,referral,1200,\n"        # a duplicate: warned about
                "2026-03-01,me,zed,call,,\n")               # zed: added, warned about


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    monkeypatch.setenv("REFGRAPH_CACHE_DIR", str(home))
    return home


@pytest.fixture
def folder(tmp_path):
    where = tmp_path / "net"
    where.mkdir()
    (where / "contacts.csv").write_text(CONTACTS, encoding="utf-8")
    (where / "interactions.csv").write_text(INTERACTIONS, encoding="utf-8")
    (where / "network.toml").write_text('owner = "me"\n', encoding="utf-8")
    return where


def load(folder, **options):
    """Load ``folder``, then wait until what the load keeps in the background is written."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        network = refgraph.load_network(folder, **options)
    wait_until_kept()
    return network, [str(w.message) for w in caught if issubclass(w.category, RefgraphWarning)]


def no_reading(monkeypatch):
    """Make reading a network file fail: a load that succeeds came from the cache."""
    def refuse(*args, **kwargs):
        raise AssertionError("the files were read")
    monkeypatch.setattr(load_module, "_read_file", refuse)


def same(first, second):
    pd.testing.assert_frame_equal(first.contacts, second.contacts)
    pd.testing.assert_frame_equal(first.interactions, second.interactions)
    pd.testing.assert_frame_equal(first.ties(), second.ties())


def test_an_unchanged_folder_loads_from_the_cache_with_the_same_tables_and_warnings(
        folder, cache_home, monkeypatch):
    fresh, fresh_warnings = load(folder, cache=True)
    assert len(fresh_warnings) == 2  # the duplicate row and the unknown id
    no_reading(monkeypatch)
    kept, kept_warnings = load(folder, cache=True)
    same(fresh, kept)
    assert kept_warnings == fresh_warnings
    assert kept.interactions["notes"].map(type).eq(str).all()
    assert kept.contacts.loc[1, "notes"] == 'met at the expo, "great"'
    assert kept.owner == "me" and kept.path == folder


def test_an_edited_file_is_read_and_checked_again(folder, cache_home):
    load(folder, cache=True)
    with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
        handle.write("2026-04-01,me,bob,call,,\n")
    network, _ = load(folder, cache=True)
    assert "bob" in set(network.interactions["target"])
    again, _ = load(folder, cache=True)
    same(network, again)


def test_a_same_size_edit_with_its_old_modification_time_is_still_seen(folder, cache_home):
    load(folder, cache=True)
    path = folder / "contacts.csv"
    before = path.stat()
    path.write_text(CONTACTS.replace("Ann Lee", "Ann Kim"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a sync tool might
    network, _ = load(folder, cache=True)
    assert network.name_of("ann") == "Ann Kim"


def test_other_load_options_do_not_use_another_loads_entry(folder, cache_home):
    load(folder, cache=True)
    with pytest.raises(DataValidationError, match="'zed'"):
        refgraph.load_network(folder, cache=True, strict=True)


def test_warnings_before_an_error_are_still_given(folder, cache_home):
    (folder / "interactions.csv").write_text(
        INTERACTIONS + "\u200b2026-05-01,me,ann,call,,\nnot a date,me,ann,call,,\n",
        encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(DataValidationError, match="not a date"):
            refgraph.load_network(folder, cache=True)
    assert any("zero-width" in str(w.message) for w in caught)


def test_a_damaged_entry_only_means_a_fresh_load(folder, cache_home):
    fresh, _ = load(folder, cache=True)
    for kept in cache_home.rglob("interactions.arrow"):
        kept.write_bytes(b"not arrow")
    network, found = load(folder, cache=True)
    same(fresh, network)
    assert len(found) == 2


def test_a_cache_folder_that_cannot_be_written_is_passed_over(folder, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("REFGRAPH_CACHE_DIR", str(blocked))
    first, _ = load(folder, cache=True)
    second, _ = load(folder, cache=True)
    same(first, second)


def test_only_big_folders_are_cached_by_default(folder, cache_home):
    load(folder)
    assert not cache_home.exists()  # a few hundred bytes: far below engine.cache_min_bytes
    (folder / "network.toml").write_text('owner = "me"\n[engine]\ncache_min_bytes = 0\n',
                                         encoding="utf-8")
    load(folder)
    assert len(list((cache_home / "networks").iterdir())) == 1
    engine = Settings().engine
    assert not worth_caching(folder, engine.cache, engine.cache_min_bytes)


def test_the_cache_can_be_turned_off_or_always_on_in_network_toml(folder, cache_home):
    (folder / "network.toml").write_text('owner = "me"\n[engine]\ncache = "never"\n'
                                         'cache_min_bytes = 0\n', encoding="utf-8")
    load(folder)
    assert not cache_home.exists()
    (folder / "network.toml").write_text('owner = "me"\n[engine]\ncache = "always"\n',
                                         encoding="utf-8")
    load(folder)
    assert len(list((cache_home / "networks").iterdir())) == 1
    (folder / "network.toml").write_text('owner = "me"\n[engine]\ncache = "sometimes"\n',
                                         encoding="utf-8")
    with pytest.raises(SettingsError, match=r"network\.toml, line 3: engine\.cache: expected "
                                            "one of auto, always, never, got 'sometimes'"):
        refgraph.load_network(folder)


def test_one_entry_per_folder_is_kept(folder, cache_home):
    load(folder, cache=True)
    (folder / "contacts.csv").write_text(CONTACTS + "cy,Cy Doe,,,\n", encoding="utf-8")
    load(folder, cache=True)
    entries = list(next((cache_home / "networks").iterdir()).iterdir())
    assert len(entries) == 1


def test_a_write_left_unfinished_long_ago_is_cleared_by_the_next_write(folder, cache_home):
    load(folder, cache=True)
    home = next((cache_home / "networks").iterdir())
    killed, running = home / ".new-killed", home / ".new-running"
    for scratch in (killed, running):
        scratch.mkdir()
        (scratch / "contacts.arrow").write_bytes(b"half written")
    long_ago = killed.stat().st_mtime - cache_module.ABANDONED_SECONDS - 60
    os.utime(killed, (long_ago, long_ago))
    edited = CONTACTS.replace("Bob Ng", "Bob Ngo")  # not an append: a fresh load and entry
    (folder / "contacts.csv").write_text(edited, encoding="utf-8")
    load(folder, cache=True)
    assert not killed.exists()
    assert running.exists()  # another process may still be writing it
    assert len([entry for entry in home.iterdir() if entry != running]) == 1


def test_a_chapter_folder_is_never_cached(chapter_path, tmp_path, cache_home):
    copy = tmp_path / "chapter"
    shutil.copytree(chapter_path, copy)
    assert not worth_caching(copy, "always", 0)
    refgraph.load_network(copy, cache=True)
    assert not cache_home.exists()


def test_an_owner_missing_from_the_contacts_is_an_error_from_the_cache_too(folder, cache_home):
    load(folder, cache=True)
    (folder / "network.toml").write_text('owner = "nobody"\n', encoding="utf-8")
    with pytest.raises(RefgraphError, match=r"'nobody' .* not a contact id in .*contacts\.csv$"
                       ) as from_cache:
        load(folder, cache=True)
    with pytest.raises(RefgraphError) as from_files:
        load(folder, cache=False)
    assert str(from_cache.value) == str(from_files.value)


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("REFGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "refgraph"


def test_the_threshold_is_checked(folder):
    (folder / "network.toml").write_text("[engine]\ncache_min_bytes = -1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"line 2: engine\.cache_min_bytes: expected a "
                                            "whole number from 0"):
        refgraph.load_network(folder)


text = st.text(alphabet=string.ascii_letters + " ,\"'é€😀\n", max_size=12)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(text.filter(str.strip), min_size=1, max_size=6),
       notes=st.lists(text, min_size=1, max_size=6))
def test_any_text_comes_back_from_the_cache_as_it_was_checked(names, notes, tmp_path_factory,
                                                             monkeypatch):
    home = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("REFGRAPH_CACHE_DIR", str(home))
    where = tmp_path_factory.mktemp("net")
    ids = [f"p{i}" for i in range(len(names))]
    contacts = pd.DataFrame({"id": ids, "name": names})
    rows = pd.DataFrame({"date": "2026-01-05", "source": ids[0],
                         "target": [ids[-1]] * len(notes), "kind": "call", "notes": notes})
    contacts.to_csv(where / "contacts.csv", index=False)
    rows.to_csv(where / "interactions.csv", index=False)
    fresh, _ = load(where, cache=True)
    kept, _ = load(where, cache=True)
    same(fresh, kept)


@pytest.fixture
def held_keeping(monkeypatch):
    """Hold every background keep at its first step until the returned event is set."""
    release = threading.Event()
    record = cache_module.appendable_record

    def held(*args, **kwargs):
        release.wait(timeout=30)
        return record(*args, **kwargs)

    monkeypatch.setattr(cache_module, "appendable_record", held)
    yield release
    release.set()
    wait_until_kept()


def load_now(folder):
    """Load ``folder`` without waiting for what the load keeps."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RefgraphWarning)
        return refgraph.load_network(folder, cache=True)


def entries(cache_home):
    return list(cache_home.rglob("meta.json"))


def test_a_load_gives_the_network_before_its_entry_is_written(folder, cache_home, held_keeping):
    network = load_now(folder)
    assert network.name_of("ann") == "Ann Lee" and not entries(cache_home)
    held_keeping.set()
    wait_until_kept(folder)
    assert len(entries(cache_home)) == 1


def test_a_later_load_waits_for_the_entry_being_written(folder, cache_home, held_keeping,
                                                        monkeypatch):
    fresh = load_now(folder)
    threading.Timer(0.2, held_keeping.set).start()
    no_reading(monkeypatch)
    same(fresh, load_now(folder))


def test_edits_to_the_loaded_tables_are_not_kept(folder, cache_home, held_keeping, monkeypatch):
    network = load_now(folder)
    network.contacts.loc[network.contacts["id"] == "ann", "name"] = "Edited in a notebook"
    network.interactions.loc[0, "notes"] = "edited too"
    held_keeping.set()
    no_reading(monkeypatch)
    kept, _ = load(folder, cache=True)
    assert kept.name_of("ann") == "Ann Lee"
    assert kept.interactions.loc[0, "notes"] == "coffee"


def test_a_file_changed_while_its_entry_is_written_is_not_kept(folder, cache_home,
                                                               held_keeping):
    load_now(folder)
    with open(folder / "interactions.csv", "a", encoding="utf-8") as handle:
        handle.write("2026-04-01,me,bob,call,,\n")
    held_keeping.set()
    wait_until_kept()
    assert not entries(cache_home)
    network, _ = load(folder, cache=True)
    assert "bob" in set(network.interactions["target"])


@pytest.fixture
def hold(monkeypatch):
    """Keeps held as the refgraph command holds them, for this test only."""
    monkeypatch.setattr(cache_module, "_HELD", threading.Event())
    cache_module.hold_keeping()


def test_a_held_keep_is_written_only_when_waited_for(folder, cache_home, hold):
    network = load_now(folder)
    threading.Event().wait(0.3)  # time enough for a keep that had started to finish
    assert network.name_of("ann") == "Ann Lee" and not entries(cache_home)
    wait_until_kept(folder)
    assert len(entries(cache_home)) == 1


def test_a_held_keep_is_waited_for_by_a_later_load(folder, cache_home, hold, monkeypatch):
    fresh = load_now(folder)
    no_reading(monkeypatch)
    same(fresh, load_now(folder))  # read from the entry the wait wrote


def test_two_held_keeps_of_a_folder_are_written_in_order(folder, cache_home, hold):
    load_now(folder)
    (folder / "network.toml").write_text('owner = "me"\nas_of = "2026-06-30"\n',
                                         encoding="utf-8")
    later = load_now(folder)  # waits for the first keep; the second is held in turn
    wait_until_kept()
    assert len(entries(cache_home)) == 1
    assert later.settings.as_of == "2026-06-30"


def test_the_refgraph_program_answers_before_it_keeps(folder, cache_home, monkeypatch, capsys):
    from refgraph import cli

    monkeypatch.setattr(cache_module, "_HELD", threading.Event())
    monkeypatch.setattr(refgraph, "prefer_small_pages", lambda: False)
    seen = {}

    def command():
        load_now(folder)
        seen["entries while answering"] = len(entries(cache_home))
        return 0

    monkeypatch.setattr(cli, "main", command)
    assert cli.run() == 0
    assert seen == {"entries while answering": 0}
    assert len(entries(cache_home)) == 1  # written before the program returns
