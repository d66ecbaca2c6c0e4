"""A cache of checked networks: big network folders load in seconds while unchanged.

Reading and checking ten million interactions takes longer than anything a
query does afterwards, and every command starts by loading. So after a folder
whose network files together hold at least ``engine.cache_min_bytes`` is loaded
(``engine.cache``: ``auto``; or ``always``, ``never``),
the checked tables are kept in the cache folder as Arrow IPC files, and the
next load reads them instead, for as long as every network file is unchanged.

A file counts as unchanged when its size, modification time, change time and
inode are the same. Any write changes the change time, which no tool can set
back, so an edited, replaced, added or removed file (``contacts``,
``interactions``, a chapter's ``members``, ``attendance`` or ``slips``) means
a fresh load, as do other load options (``strict``, ``encoding``, the
declared extra columns) and another refgraph version. The warnings of the
checking load are kept and given again on every load from the cache.

The cache folder is ``$REFGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/refgraph``,
else ``~/.cache/refgraph``: one entry per network folder, written atomically
(a new entry is complete before it is renamed into place). A cache that
cannot be read or written is passed over without a word: it only ever saves
time, and deleting the folder loses nothing.

A load keeps what it checked in a thread of its own
(:func:`keep_in_background`), off the load's path; the interpreter waits for
the write before it exits, and a later load of the same folder in the same
process waits for it first. The ``refgraph`` command holds the write until
its answer is out (:func:`hold_keeping`).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.io.cache_tables import (
    as_text,
    categories_of,
    read_arrow_table,
    text_columns,
    write_arrow_table,
)
from refgraph.io.files import count_byte

#: Bump when what an entry holds changes.
CACHE_FORMAT = 2
#: A chapter's records (see docs/chapter.md).
CHAPTER_STEMS = ("members", "attendance", "slips")
#: The files whose state decides whether an entry still holds: the network's
#: two tables in either format and a chapter's three.
WATCHED = tuple(f"{stem}.{suffix}" for stem in ("contacts", "interactions")
                for suffix in ("csv", "parquet")) + tuple(
    f"{stem}.{suffix}" for stem in CHAPTER_STEMS for suffix in ("csv", "xlsx"))
_LOADER = Path(__file__).resolve().parent  # refgraph/io: the code whose output is kept


@dataclass(frozen=True)
class CachedNetwork:
    """What a load from the cache gives back.

    Attributes
    ----------
    contacts, interactions : DataFrame
        The checked tables, exactly as the load that kept them made them.
    codes : tuple of ndarray
        The people codes of the interactions (see
        :func:`refgraph.model.people.person_codes`).
    warnings : tuple of str
        The messages of the data warnings that load gave.
    """

    contacts: pd.DataFrame
    interactions: pd.DataFrame
    codes: tuple[np.ndarray, np.ndarray, np.ndarray]
    warnings: tuple[str, ...]


def cache_folder() -> Path:
    """Where checked networks are kept.

    Examples
    --------
    >>> import os
    >>> os.environ["REFGRAPH_CACHE_DIR"] = "/tmp/refgraph-cache"
    >>> str(cache_folder())
    '/tmp/refgraph-cache'
    >>> del os.environ["REFGRAPH_CACHE_DIR"]
    """
    if os.environ.get("REFGRAPH_CACHE_DIR"):
        return Path(os.environ["REFGRAPH_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "refgraph"


def _states(folder: Path) -> dict[str, list[int]]:
    states = {}
    for name in WATCHED:
        with contextlib.suppress(OSError):
            found = (folder / name).stat()
            states[name] = [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]
    return states


def worth_caching(folder: str | Path, mode: str, min_bytes: int) -> bool:
    """Whether ``folder`` loads through the cache (``engine.cache`` is ``mode``).

    Never a chapter's folder (its records are small and read with the
    network); else as ``mode`` says: ``always``, ``never``, or ``auto`` when
    the network files hold at least ``min_bytes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\n")
    >>> worth_caching(folder, "auto", 8), worth_caching(folder, "auto", 9)
    (True, False)
    >>> worth_caching(folder, "always", 9), worth_caching(folder, "never", 0)
    (True, False)
    """
    states = _states(Path(folder))
    if mode == "never" or any(name.split(".")[0] in CHAPTER_STEMS for name in states):
        return False
    return mode == "always" or sum(state[0] for state in states.values()) >= min_bytes


def cache_key(folder: str | Path, options: dict, *, leave_out: tuple[str, ...] = ()) -> str:
    """The key of ``folder``'s network as its files stand now, loaded with ``options``.

    ``leave_out`` names files whose state does not count (see :func:`read_appended`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\n")
    >>> before = cache_key(folder, {"strict": False})
    >>> same, strict = cache_key(folder, {"strict": False}), cache_key(folder, {"strict": True})
    >>> before == same, before == strict
    (True, False)
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nann,Ann\\n")
    >>> before == cache_key(folder, {"strict": False})
    False
    """
    from refgraph import __version__

    folder = Path(folder).resolve()
    # In a checkout the version stays put while the loader changes: its files count too.
    loader = sorted([path.name, path.stat().st_size, path.stat().st_mtime_ns]
                    for path in _LOADER.glob("*.py"))
    described = {"format": CACHE_FORMAT, "version": __version__, "loader": loader,
                 "folder": str(folder), "options": options,
                 "files": {name: state for name, state in _states(folder).items()
                           if name not in leave_out}}
    return hashlib.sha256(json.dumps(described, sort_keys=True, default=str).encode()).hexdigest()


def _entry_folder(folder: Path) -> Path:
    named = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]
    return cache_folder() / "networks" / named


#: A scratch folder untouched for this long was left by a write that never
#: finished (the process was killed): a running write touches its folder
#: within seconds.
ABANDONED_SECONDS = 6 * 3600


def _abandoned(scratch: Path) -> bool:
    try:
        return time.time() - scratch.stat().st_mtime > ABANDONED_SECONDS
    except OSError:
        return False


def _write_entry(home: Path, folder: str | Path, key: str, network: CachedNetwork,
                 appendable: dict | None) -> bool:
    """Keep a checked network under ``key`` in the entry folder ``home``; False when not kept.

    Replaces the folder's older entries. Another process writing the same
    entry at the same time is harmless: the first complete one is kept.
    ``appendable`` is :func:`appendable_record` of the interactions file the
    network was loaded from, so a later load can read only the rows appended
    to it since.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    people, source, target = network.codes
    interactions = network.interactions.drop(columns=["source", "target"]).assign(
        source=source.astype(np.int64), target=target.astype(np.int64))
    contacts_text = text_columns(network.contacts)
    interactions_text = text_columns(interactions)
    if contacts_text is None or interactions_text is None:
        return False
    scratch = home / f".new-{uuid.uuid4().hex}"
    try:
        scratch.mkdir(parents=True)
        write_arrow_table(network.contacts, scratch / "contacts.arrow")
        write_arrow_table(interactions, scratch / "interactions.arrow")
        write_arrow_table(pd.DataFrame({"id": pd.Series(people, dtype=object)}),
                          scratch / "people.arrow")
        meta = {"format": CACHE_FORMAT, "folder": str(Path(folder).resolve()),
                "interaction_columns": list(network.interactions.columns),
                "contacts_text": contacts_text, "interactions_text": interactions_text,
                "contacts_categories": categories_of(network.contacts),
                "interactions_categories": categories_of(interactions),
                "warnings": list(network.warnings), "appendable": appendable}
        (scratch / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        with contextlib.suppress(OSError):  # another process kept the same entry first
            scratch.rename(home / key)
        for old in home.iterdir():
            if old.name != key and (not old.name.startswith(".new-") or _abandoned(old)):
                shutil.rmtree(old, ignore_errors=True)
        return (home / key / "meta.json").exists()
    except (OSError, ValueError, TypeError, ImportError):
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def read_cached(folder: str | Path, key: str) -> CachedNetwork | None:
    """The network kept under ``key`` for ``folder``, or None when there is none to use."""
    wait_until_kept(folder)
    entry = _entry_folder(Path(folder)) / key
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != CACHE_FORMAT:
            return None
        contacts = read_arrow_table(entry / "contacts.arrow", meta["contacts_text"],
                               meta["contacts_categories"])
        interactions = read_arrow_table(entry / "interactions.arrow", meta["interactions_text"],
                                   meta["interactions_categories"])
        people = read_arrow_table(entry / "people.arrow", ["id"], {})["id"].to_numpy(dtype=object)
        source = interactions["source"].to_numpy(dtype=np.int64)
        target = interactions["target"].to_numpy(dtype=np.int64)
        interactions = interactions.assign(source=as_text(people[source]),
                                           target=as_text(people[target]))
        interactions = interactions[meta["interaction_columns"]]
        return CachedNetwork(contacts, interactions, (people, source, target),
                             tuple(meta["warnings"]))
    except Exception:  # a damaged entry of any kind only means a fresh load
        return None


# --------------------------------------------------------------------------- appended rows

#: The files whose appended rows a kept network can be extended by (``refgraph log``
#: and ``refgraph add`` append to them; see :func:`read_appended`).
APPENDABLE = ("contacts.csv", "interactions.csv")
_BLOCK = 1 << 22


def _digest():
    return hashlib.blake2b(digest_size=32)


def appendable_record(folder: str | Path, options: dict) -> dict | None:
    """What a later load needs to tell that the network's CSV files only grew at their end.

    Per file (:data:`APPENDABLE`), its size, a digest of its bytes and its
    count of line feeds, with the key of everything else the entry depends on
    (:func:`cache_key` leaving the two files out). None when the files cannot
    be extended that way: one is missing, Parquet stands beside it, or it does
    not end with a line end. Reads both files once (under a second for 500 MB).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nme,Me\\n")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> record = appendable_record(folder, {})
    >>> record["files"]["interactions.csv"]["size"], record["files"]["contacts.csv"]["line_ends"]
    (24, 2)
    """
    files = {}
    for name in APPENDABLE:
        if (Path(folder) / name.replace(".csv", ".parquet")).exists():
            return None
        digest, line_ends, size, last = _digest(), 0, 0, b""
        try:
            with (Path(folder) / name).open("rb") as handle:
                while block := handle.read(_BLOCK):
                    digest.update(block)
                    line_ends += count_byte(block, ord("\n"))
                    size, last = size + len(block), block[-1:]
        except OSError:
            return None
        if last != b"\n":
            return None
        files[name] = {"size": size, "digest": digest.hexdigest(), "line_ends": line_ends}
    return {"files": files, "base": cache_key(folder, options, leave_out=APPENDABLE)}


@dataclass(frozen=True)
class AppendedRows:
    """A kept network and the bytes appended to its CSV files since.

    Attributes
    ----------
    kept : CachedNetwork
        The network as kept, before the appended rows.
    tails : dict of str to (int, bytes)
        Per file (:data:`APPENDABLE`): the line feeds before the first
        appended byte (the appended rows start on the next line) and the
        appended bytes (empty when none).
    record : dict or None
        :func:`appendable_record` of the files as they are now (None when one
        no longer ends with a line end).
    kept_size : int
        The files' bytes when the network was kept.
    """

    kept: CachedNetwork
    tails: dict[str, tuple[int, bytes]]
    record: dict | None
    kept_size: int

    @property
    def worth_keeping(self) -> bool:
        """Whether to keep the extended network in place of the kept one.

        Keeping a network of ten million interactions takes seconds, reading
        the few rows ``log`` appends a moment; so it is kept again only once
        the appended bytes reach a tenth of the kept ones.
        """
        appended = sum(len(tail) for _, tail in self.tails.values())
        return self.record is not None and appended * 10 >= self.kept_size


def read_appended(folder: str | Path, options: dict) -> AppendedRows | None:
    """A kept network whose CSV files have only grown at their end since.

    Found when every other file, the options and the loader are as they were,
    and each file's first bytes are exactly the bytes the network was loaded
    from (compared by digest, so an edit anywhere in them means a fresh load),
    followed by any appended bytes. With none (a row appended, then taken
    back by ``refgraph undo``) the kept network is the files'. None otherwise.
    """
    wait_until_kept(folder)
    folder = Path(folder)
    base = cache_key(folder, options, leave_out=APPENDABLE)
    try:
        entries = [entry for entry in _entry_folder(folder).iterdir()
                   if not entry.name.startswith(".new-")]
    except OSError:
        return None
    for entry in entries:
        try:
            meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        record = meta.get("appendable") if isinstance(meta, dict) else None
        if not isinstance(record, dict) or record.get("base") != base:
            continue
        tails, files = {}, {}
        for name, kept_file in record["files"].items():
            found = _appended_bytes(folder / name, kept_file)
            if found is None:
                return None
            tail, digest = found
            tails[name] = (kept_file["line_ends"], tail)
            files[name] = {"size": kept_file["size"] + len(tail),
                           "digest": digest.hexdigest(),
                           "line_ends": kept_file["line_ends"] + tail.count(b"\n")}
        kept = read_cached(folder, entry.name)
        if kept is None:
            return None
        whole = all(not tail or tail.endswith(b"\n") for _, tail in tails.values())
        return AppendedRows(kept, tails, {"files": files, "base": base} if whole else None,
                            sum(kept_file["size"] for kept_file in record["files"].values()))
    return None


def _appended_bytes(path: Path, record: dict):
    """The bytes after the first ``record["size"]``, when those match its digest."""
    kept_size = record["size"]
    try:
        size = path.stat().st_size
        if size < kept_size:  # the same size: unchanged bytes (say, after undo) or an edit
            return None
        digest = _digest()
        with path.open("rb") as handle:
            left = kept_size
            while left:
                block = handle.read(min(_BLOCK, left))
                if not block:
                    return None
                digest.update(block)
                left -= len(block)
            if digest.hexdigest() != record["digest"]:
                return None
            tail = handle.read(size - kept_size)  # up to the size seen, not a later append
    except OSError:
        return None
    digest.update(tail)
    return tail, digest


# --------------------------------------------------------------------------- in the background

#: Network folder (resolved) -> the thread keeping its checked network.
_KEEPING: dict[Path, threading.Thread] = {}
_KEEPING_LOCK = threading.Lock()
_STARTING_LOCK = threading.Lock()
#: Set by :func:`hold_keeping`: keeps start only when waited for.
_HELD = threading.Event()


def keep_in_background(folder: str | Path, key: str, network: CachedNetwork, options: dict,
                       appendable: dict | bool | None = None) -> None:
    """Keep a checked network under ``key`` while the caller goes on.

    Writing ten million checked interactions, and reading the files again for
    :func:`appendable_record`, take seconds a command can spend on its answer
    instead. The entry is written in a thread of its own, into the cache
    folder of the moment of the call, and only when the files are still as
    they were loaded (``key`` with ``options``) after they were read for the
    record. The interpreter waits for the thread before it exits; a later
    read or write of the same folder's entry waits for it first
    (:func:`wait_until_kept`). Under :func:`hold_keeping` the thread starts
    only then.

    Parameters
    ----------
    folder : str or Path
        The network folder.
    key : str
        :func:`cache_key` of the folder as loaded.
    network : CachedNetwork
        What to keep. Its frames are copied first (shallowly under pandas'
        copy-on-write), so later edits of the caller's frames are not kept.
    options : dict
        The load options ``key`` was made with.
    appendable : dict, bool or None
        :func:`appendable_record` of the files as loaded; True to make it in
        the thread; None or False for none.

    Examples
    --------
    >>> import os, tempfile, pathlib
    >>> os.environ["REFGRAPH_CACHE_DIR"] = tempfile.mkdtemp()
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nme,Me\\n")
    >>> none = pd.Series([], dtype=object)
    >>> kept = CachedNetwork(pd.DataFrame({"id": ["me"], "name": ["Me"]}),
    ...                      pd.DataFrame({"source": none, "target": none, "kind": none}),
    ...                      (np.array(["me"], dtype=object), np.zeros(0, dtype=np.int64),
    ...                       np.zeros(0, dtype=np.int64)), ())
    >>> key = cache_key(folder, {})
    >>> keep_in_background(folder, key, kept, {})
    >>> read_cached(folder, key).contacts["name"].tolist()  # waits for the write
    ['Me']
    >>> del os.environ["REFGRAPH_CACHE_DIR"]
    """
    snapshot = CachedNetwork(_snapshot(network.contacts), _snapshot(network.interactions),
                             network.codes, network.warnings)
    home = _entry_folder(Path(folder))

    def keep() -> None:
        try:
            record = appendable_record(folder, options) if appendable is True else (
                appendable or None)
            if cache_key(folder, options) == key:  # unchanged while loaded and read again
                _write_entry(home, folder, key, snapshot, record)
        except Exception:  # a cache only ever saves time: it is passed over
            pass

    resolved = Path(folder).resolve()
    with _KEEPING_LOCK:
        earlier = _KEEPING.get(resolved)
        thread = threading.Thread(target=_after(earlier, keep), name="refgraph-cache",
                                  daemon=True)
        _KEEPING[resolved] = thread
    if not _HELD.is_set():
        _start(thread)


def hold_keeping() -> None:
    """Start no keep of :func:`keep_in_background` until something waits for it.

    The ``refgraph`` command's choice (``refgraph.cli.run``). Written beside
    the command's own work, a big network's entry slowed that work by more
    than the writing takes alone: the two threads share the interpreter and
    the memory system (the tie table of ten million interactions took 7 s
    instead of 2.7 s, the writing 7 s instead of 2 s). Held, the command
    answers first and the entry is written as it exits
    (:func:`wait_until_kept`), or when a later load, ``log`` or ``add`` of the
    folder waits for it.

    Examples
    --------
    >>> hold_keeping(); _HELD.clear()
    """
    _HELD.set()


def _start(thread: threading.Thread) -> None:
    """Start ``thread`` unless it has been started (by a wait, or a later keep)."""
    with _STARTING_LOCK:
        if thread.ident is None:
            thread.start()


def _after(earlier: threading.Thread | None, work):
    """``work``, run once ``earlier`` (the folder's previous write) is done."""
    def run() -> None:
        if earlier is not None:
            _start(earlier)
            earlier.join()
        work()
    return run


def wait_until_kept(folder: str | Path | None = None) -> None:
    """Wait until the networks kept in the background (of ``folder``, else all) are written.

    Examples
    --------
    >>> wait_until_kept()
    """
    with _KEEPING_LOCK:
        if folder is None:
            threads = list(_KEEPING.values())
        else:
            found = _KEEPING.get(Path(folder).resolve())
            threads = [found] if found is not None else []
    for thread in threads:
        if thread is not threading.current_thread():
            _start(thread)  # a held keep starts now that it is waited for
            thread.join()
    with _KEEPING_LOCK:
        for resolved, thread in list(_KEEPING.items()):
            if not thread.is_alive():
                del _KEEPING[resolved]


def _snapshot(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy no later edit of ``frame`` reaches: shallow under copy-on-write (pandas 3)."""
    lazy = int(pd.__version__.split(".")[0]) >= 3 or pd.get_option("mode.copy_on_write") is True
    return frame.copy(deep=not lazy)


@atexit.register
def _finish_keeping() -> None:
    # The threads are daemons so that an interrupt at exit is not held up: an
    # entry left unwritten loses nothing. Otherwise the exit waits for them.
    with contextlib.suppress(KeyboardInterrupt):
        wait_until_kept()
