"""Loading a network: ``contacts.csv``, ``interactions.csv`` and ``network.toml``.

:func:`load_network` reads each file with :mod:`refgraph.io.tables` (or turns
DataFrames into the same tables), validates both with
:mod:`refgraph.io.validate` before giving up, so one run shows every file's
problems, and reconciles them: self-loops, ids that only interactions name
and exact duplicate rows load with a warning (or raise, with ``strict=True``).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError, RefgraphWarning
from refgraph.io.cache import CachedNetwork, cache_key, read_cached, worth_caching, write_cached
from refgraph.io.chapter import read_chapter, with_chapter_rows
from refgraph.io.columns import Table, frame_to_table
from refgraph.io.files import file_label
from refgraph.io.parquet import network_file, read_parquet_table
from refgraph.io.progress import Progress, Steps, steps
from refgraph.io.schema import (
    CONTACT_COLUMNS,
    CONTACT_REQUIRED,
    INTERACTION_COLUMNS,
    INTERACTION_REQUIRED,
)
from refgraph.io.settings import Settings
from refgraph.io.settings_load import load_settings, settings_from_dict
from refgraph.io.tables import read_table
from refgraph.io.validate import (
    Interactions,
    interaction_frame,
    line_list,
    outside_refgraph,
    report,
    validate_contacts,
    validate_interactions,
    warn_extra_columns,
)
from refgraph.model.network import CHAPTER, Network
from refgraph.model.people import network_person_codes, remember_person_codes


def _reconcile(
    contacts: pd.DataFrame,
    checked: Interactions,
    contacts_table: Table,
    table: Table,
    strict: bool,
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Report self-loops, unknown ids and duplicate rows.

    Returns the usable contacts and interactions, and the people codes of the
    interactions (see :func:`refgraph.model.people.person_codes`).
    """
    contact_ids = pd.Index(contacts["id"].to_numpy(dtype=object))
    # People as integer codes: contacts first, then ids only interactions name.
    source_map = contact_ids.get_indexer(checked.source.uniques)
    target_map = contact_ids.get_indexer(checked.target.uniques)
    unknown_source = source_map < 0
    unknown_target = target_map < 0
    added = np.empty(0, dtype=object)
    if unknown_source.any() or unknown_target.any():
        added = pd.unique(np.concatenate([
            checked.source.uniques[unknown_source], checked.target.uniques[unknown_target]
        ]))
        added_index = pd.Index(added)
        source_map = np.where(unknown_source, len(contact_ids)
                              + added_index.get_indexer(checked.source.uniques), source_map)
        target_map = np.where(unknown_target, len(contact_ids)
                              + added_index.get_indexer(checked.target.uniques), target_map)
    source_person = source_map[checked.source.codes]
    target_person = target_map[checked.target.codes]

    keep = np.ones(len(table), dtype=bool)
    self_loop = source_person == target_person
    if self_loop.any():
        rows = np.flatnonzero(self_loop)
        report([table.problem(None, "source, target",
                               f"{len(rows)} interaction(s) name the same person as source and "
                               f"target ({table.unit}s {line_list(table, rows)}); they are "
                               "ignored; expected two different people")],
                strict=strict, error=False)
        keep &= ~self_loop

    if len(added):
        unknown_rows = np.flatnonzero(keep & (unknown_source[checked.source.codes]
                                              | unknown_target[checked.target.codes]))
        # Only ids that occur in kept rows become contacts.
        used = np.zeros(len(contact_ids) + len(added), dtype=bool)
        used[source_person[unknown_rows]] = True
        used[target_person[unknown_rows]] = True
        used_added = used[len(contact_ids):]
        if len(unknown_rows):
            # List (and add) them in the order the file first names them.
            first_seen = np.full(len(used), np.iinfo(np.int64).max)
            np.minimum.at(first_seen, source_person[unknown_rows], unknown_rows)
            np.minimum.at(first_seen, target_person[unknown_rows], unknown_rows)
            order = np.argsort(first_seen[len(contact_ids):][used_added], kind="stable")
            missing = added[used_added][order]
            shown = ", ".join(repr(m) for m in missing[:10])
            more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
            report([table.problem(None, "source, target",
                                   f"{len(unknown_rows)} interaction(s) ({table.unit}s "
                                   f"{line_list(table, unknown_rows)}) name {len(missing)} "
                                   f"id(s) not in {contacts_table.label}: {shown}{more}; they "
                                   "were added as contacts named by their id")],
                    strict=strict, error=False)
            contacts = _add_contacts(contacts, missing)

    # Exact duplicates: every validated field equal (dates and values compared
    # as parsed). Only rows whose date, people and kind hash to a repeated
    # number can be duplicates; those few are compared field by field.
    date_key = _recode(checked.date_codes, checked.date_uniques)
    kept_rows = np.flatnonzero(keep)
    every_row = len(kept_rows) == len(table)
    digest = np.zeros(len(kept_rows), dtype=np.uint64)
    for codes in (date_key, source_person, target_person, checked.kind_codes):
        digest ^= (codes if every_row else codes[kept_rows]).astype(np.uint64)
        digest *= np.uint64(0x100000001B3)  # FNV prime: wraps around, as a hash should
    candidates = kept_rows[_repeated(digest)]
    duplicate = np.zeros(len(table), dtype=bool)
    if len(candidates):
        fields = {
            "date": date_key[candidates],
            "source": source_person[candidates],
            "target": target_person[candidates],
            "kind": checked.kind_codes[candidates],
            "value": _recode(checked.value_codes[candidates], checked.value_uniques),
            **{column: values.codes[candidates] for column, values in checked.text.items()},
        }
        duplicate[candidates] = pd.DataFrame(fields).duplicated(keep="first").to_numpy()
    if duplicate.any():
        rows = np.flatnonzero(duplicate)
        report([table.problem(None, None,
                               f"{len(rows)} row(s) repeat an earlier row exactly "
                               f"({table.unit}s {line_list(table, rows)}); each is counted once")],
                strict=strict, error=False)
        keep &= ~duplicate
    kept_rows = np.flatnonzero(keep)
    interactions = interaction_frame(checked, table, kept_rows)
    # Everyone's id, sorted, and each kept row's people as codes into it: the
    # graph build needs exactly this and would otherwise hash every id again.
    people = np.concatenate([contact_ids.to_numpy(dtype=object), added])
    order = np.argsort(people, kind="stable")
    rank = np.empty(len(people), dtype=np.int64)
    rank[order] = np.arange(len(people))
    codes = (people[order], rank[source_person[kept_rows]], rank[target_person[kept_rows]])
    return contacts, interactions, codes


def _repeated(numbers: np.ndarray) -> np.ndarray:
    """Which numbers occur more than once (a sort finds them faster than a hash table)."""
    ordered = np.sort(numbers)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(twice):
        return np.zeros(len(numbers), dtype=bool)
    return pd.Series(numbers).isin(np.unique(twice)).to_numpy()


def _recode(codes: np.ndarray, uniques: np.ndarray) -> np.ndarray:
    """Codes that are equal exactly when the parsed values are (NaN equals NaN)."""
    return pd.factorize(uniques, use_na_sentinel=False)[0].take(codes)


def _add_contacts(contacts: pd.DataFrame, ids: np.ndarray) -> pd.DataFrame:
    """Append contacts named by their id, every other field empty."""
    added = {}
    for column in contacts.columns:
        if column in ("id", "name"):
            added[column] = pd.Series(ids, dtype=object)
        elif column in ("character", "competency"):
            added[column] = pd.Series(pd.NA, index=range(len(ids)), dtype="Int64")
        elif column == "line":
            added[column] = pd.Series(pd.NA, index=range(len(ids)), dtype="Int64")
        else:
            added[column] = pd.Series("", index=range(len(ids)), dtype=object)
    frame = pd.concat([contacts, pd.DataFrame(added)], ignore_index=True)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def _read_file(path: Path, known: tuple[str, ...], required: tuple[str, ...],
               encoding: str | None, bar: Steps) -> Table:
    """A network file as a table: Parquet by pyarrow, CSV by the shared reader.

    Under a shown loading bar, a big CSV file's bytes are counted as they are read.
    """
    if path.suffix == ".parquet":
        return read_parquet_table(path, known, required)
    return read_table(path, known, required, encoding, progress=bar)


# --------------------------------------------------------------------------- public

#: The steps of :func:`load_network`'s progress bar.
LOAD_STEPS: tuple[str, ...] = ("contacts", "interactions", "checking", "reconciling")



def load_network(
    path_or_frames: str | Path | Mapping[str, Any] | tuple,
    *,
    strict: bool = False,
    encoding: str | None = None,
    settings: Settings | Mapping[str, Any] | None = None,
    progress: Progress = None,
    cache: bool | None = None,
) -> Network:
    """Load and validate a network.

    Parameters
    ----------
    path_or_frames : str, Path, mapping or tuple
        A network folder holding ``contacts.csv``, ``interactions.csv`` (or
        ``contacts.parquet``, ``interactions.parquet``, see
        :func:`refgraph.io.parquet.network_file`) and an optional
        ``network.toml``; or a mapping with ``"contacts"`` and
        ``"interactions"`` DataFrames (and optional ``"settings"``, a mapping
        laid out like ``network.toml``, and a chapter's ``"members"``,
        ``"attendance"`` and ``"slips"``, see :mod:`refgraph.io.chapter`); or a
        ``(contacts, interactions)`` tuple.
        Problems in frames are reported by 1-based row position.
    strict : bool
        Turn recoverable oddities (self-loops, unknown ids, duplicate rows,
        unknown columns) into errors instead of warnings.
    encoding : str, optional
        Text encoding of the CSV files. By default UTF-8 (with or without BOM)
        and UTF-16 with a BOM are recognised.
    settings : Settings or mapping, optional
        Settings to use instead of ``network.toml``.
    progress : bool, optional
        Show a progress bar on standard error while loading; by default only
        when standard error is a terminal (see :mod:`refgraph.io.progress`).
        The steps are :data:`LOAD_STEPS`.
    cache : bool, optional
        Load a folder from the cache of checked networks while its files are
        unchanged, and keep it there after checking it (see
        :mod:`refgraph.io.cache`). By default as ``engine.cache`` says (only
        folders whose network files hold at least ``engine.cache_min_bytes``);
        ``False`` never, ``True`` always.

    Returns
    -------
    Network
        The validated network.

    Raises
    ------
    DataValidationError
        When a file cannot be used; the message names file, line and column.
    SettingsError
        When ``network.toml`` has an unknown key or a bad value.

    Examples
    --------
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...                              "target": ["ann"], "kind": ["One_To_One "]})
    >>> net = load_network((contacts, interactions), settings={"owner": "me"})
    >>> net.interactions["kind"].tolist()
    ['one_to_one']
    """
    problems: list[Problem] = []

    def gather(check, *args, **kwargs):
        """Run one file's check, keeping its problems to report with the others."""
        try:
            return check(*args, **kwargs)
        except DataValidationError as exc:
            problems.extend(exc.problems)
            return None

    with steps(LOAD_STEPS, "loading", enabled=progress) as bar:
        if not isinstance(path_or_frames, str | Path):
            return _load(path_or_frames, strict, encoding, settings, gather, problems, bar)
        return _load_folder(Path(path_or_frames), strict, encoding, settings, cache, gather,
                            problems, bar)


def _resolved_settings(folder: Path | None, settings: Settings | Mapping | None
                       ) -> Settings | None:
    """The settings given, else the folder's ``network.toml``, else None."""
    if isinstance(settings, Settings):
        return settings
    if settings is not None:
        return settings_from_dict(dict(settings))
    if folder is not None and (folder / "network.toml").exists():
        return load_settings(folder / "network.toml")
    return None


def _load_folder(folder: Path, strict, encoding, settings, cache, gather, problems,
                 bar) -> Network:
    """Load a network folder, through the cache of checked networks when it is worth it."""
    if not folder.is_dir():
        raise RefgraphError(
            f"{folder}: not a network folder; expected a folder holding contacts.csv and "
            "interactions.csv"
        )
    resolved = _resolved_settings(folder, settings) or Settings()
    mode = {True: "always", False: "never"}.get(cache, resolved.engine.cache)
    if not worth_caching(folder, mode, resolved.engine.cache_min_bytes):
        return _load(folder, strict, encoding, resolved, gather, problems, bar)
    key = cache_key(folder, {"strict": strict, "encoding": encoding,
                             "declared": list(resolved.contacts.extra_columns)})
    kept = read_cached(folder, key)
    if kept is not None:
        for message in kept.warnings:
            warnings.warn(message, RefgraphWarning, stacklevel=outside_refgraph())
        bar.skip_to("reconciling")
        _check_owner(resolved, kept.contacts, file_label(network_file(folder, "contacts")))
        network = Network(contacts=kept.contacts, interactions=kept.interactions,
                          settings=resolved, path=folder)
        remember_person_codes(network, kept.codes)
        bar.step()
        return network
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            network = _load(folder, strict, encoding, resolved, gather, problems, bar)
    finally:
        for warning in caught:  # given as they came (before an error too), as filtered
            warnings.warn_explicit(warning.message, warning.category, warning.filename,
                                   warning.lineno, source=warning.source)
    if not network.kept(CHAPTER):
        messages = tuple(str(warning.message) for warning in caught
                         if issubclass(warning.category, RefgraphWarning))
        write_cached(folder, key, CachedNetwork(network.contacts, network.interactions,
                                                network_person_codes(network), messages))
    return network


def _load(path_or_frames, strict, encoding, settings, gather, problems, bar) -> Network:
    """:func:`load_network`'s work, one step of ``bar`` at a time."""
    toml_settings: Settings | None = None
    if isinstance(path_or_frames, str | Path):
        folder = Path(path_or_frames)
        contacts_table = gather(
            _read_file, network_file(folder, "contacts"), CONTACT_COLUMNS, CONTACT_REQUIRED,
            encoding, bar)
        bar.step()
        interactions_table = gather(
            _read_file, network_file(folder, "interactions"), INTERACTION_COLUMNS,
            INTERACTION_REQUIRED, encoding, bar)
        source_path: Path | None = folder
    else:
        if isinstance(path_or_frames, Mapping):
            contacts_frame = path_or_frames.get("contacts")
            interactions_frame = path_or_frames.get("interactions")
            if path_or_frames.get("settings") is not None:
                toml_settings = settings_from_dict(dict(path_or_frames["settings"]))
        elif isinstance(path_or_frames, tuple) and len(path_or_frames) == 2:
            contacts_frame, interactions_frame = path_or_frames
        else:
            raise RefgraphError(
                "load_network expects a folder path, a (contacts, interactions) tuple of "
                f"DataFrames or a mapping with those keys, got {type(path_or_frames).__name__}"
            )
        contacts_table = gather(
            frame_to_table, contacts_frame, "contacts frame", CONTACT_COLUMNS, CONTACT_REQUIRED
        )
        interactions_table = gather(
            frame_to_table,
            interactions_frame, "interactions frame", INTERACTION_COLUMNS, INTERACTION_REQUIRED,
        )
        source_path = None

    toml_settings = _resolved_settings(None, settings) or toml_settings
    declared = toml_settings.contacts.extra_columns if toml_settings is not None else ()
    bar.skip_to("checking")  # frames have no reading steps
    # Rows of bare commas are skipped and stripped characters named, each with a warning.
    for table in (contacts_table, interactions_table):
        if table is not None:
            table.warn_invisible()
    if contacts_table is not None:
        contacts_table = contacts_table.without_empty_rows()
    if interactions_table is not None:
        interactions_table = interactions_table.without_empty_rows()
    contacts = None if contacts_table is None else gather(
        validate_contacts, contacts_table, strict=strict, declared=declared)
    checked = None if interactions_table is None else gather(
        validate_interactions, interactions_table)
    if problems:
        # Both files are checked before giving up, so one run shows every file's problems.
        raise DataValidationError(problems)
    bar.step()
    warn_extra_columns(interactions_table, INTERACTION_COLUMNS, "interaction", strict)
    contacts, interactions, codes = _reconcile(
        contacts, checked, contacts_table, interactions_table, strict
    )
    resolved = toml_settings or Settings()
    _check_owner(resolved, contacts, contacts_table.label)
    chapter_source = source_path if source_path is not None else (
        path_or_frames if isinstance(path_or_frames, Mapping) else {})
    chapter = read_chapter(chapter_source, set(contacts["id"]))
    if chapter is not None:
        # Slips and shared meetings are contact too (docs/chapter.md).
        interactions = with_chapter_rows(interactions, chapter,
                                         resolved.scorecard.attendance_contact_days)
    network = Network(contacts=contacts, interactions=interactions, settings=resolved,
                      path=source_path)
    if chapter is None:
        remember_person_codes(network, codes)
    else:
        network.remember(CHAPTER, chapter)
    bar.step()
    return network


def _check_owner(settings: Settings, contacts: pd.DataFrame, label: str) -> None:
    if settings.owner is not None and settings.owner not in set(contacts["id"]):
        raise RefgraphError(
            f"owner {settings.owner!r} (from network.toml) is not a contact id in {label}")
