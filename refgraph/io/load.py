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

import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError, RefgraphWarning
from refgraph.io.appended import load_appended
from refgraph.io.cache import (
    CachedNetwork,
    cache_key,
    keep_in_background,
    read_appended,
    read_cached,
    worth_caching,
)
from refgraph.io.chapter import read_chapter, with_chapter_rows
from refgraph.io.columns import Table, frame_to_table
from refgraph.io.files import file_label
from refgraph.io.parquet import network_file, read_parquet_table
from refgraph.io.progress import Progress, Steps, steps
from refgraph.io.reconcile import reconcile
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
    outside_refgraph,
    validate_contacts,
    validate_interactions,
    warn_extra_columns,
)
from refgraph.model.network import CHAPTER, Network
from refgraph.model.people import network_person_codes, remember_person_codes


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
    options = {"strict": strict, "encoding": encoding,
               "declared": list(resolved.contacts.extra_columns)}
    key = cache_key(folder, options)
    kept = read_cached(folder, key)
    if kept is not None:
        for message in kept.warnings:
            warnings.warn(message, RefgraphWarning, stacklevel=outside_refgraph())
    elif encoding is None and (appended := read_appended(folder, options)) is not None:
        # Only rows were appended since the network was kept (refgraph log): read those.
        bar.skip_to("reconciling")
        kept = load_appended(folder, appended, file_label(network_file(folder, "contacts")),
                             strict, tuple(resolved.contacts.extra_columns))
        if kept is not None and appended.worth_keeping:
            keep_in_background(folder, key, kept, options, appended.record)
    if kept is not None:
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
        # Kept while the caller goes on (only if the files are still as loaded).
        keep_in_background(folder, key, CachedNetwork(network.contacts, network.interactions,
                                                      network_person_codes(network), messages),
                           options, appendable=encoding is None)
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
    contacts, interactions, codes = reconcile(
        contacts, checked, contacts_table.label, interactions_table, strict
    )
    resolved = toml_settings or Settings()
    _check_owner(resolved, contacts, contacts_table.label)
    chapter_source = source_path if source_path is not None else (
        path_or_frames if isinstance(path_or_frames, Mapping) else {})
    contact_ids = set(contacts["id"])
    chapter = read_chapter(chapter_source, contact_ids)
    if chapter is not None:
        # Slips and shared meetings are contact too (docs/chapter.md).
        interactions = with_chapter_rows(interactions, chapter,
                                         resolved.scorecard.attendance_contact_days,
                                         contact_ids)
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
