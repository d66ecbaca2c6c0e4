"""Importing: an importer's records merged into a network folder, with a report.

:func:`import_into` resolves who each record is
(:func:`refgraph.importers.identity.resolve_identities`, the identity map
first), merges contacts and interactions (:mod:`refgraph.importers.merge`),
records its decisions in the identity map (:mod:`refgraph.importers.identity_map`)
and writes the folder safely (:mod:`refgraph.importers.store`). Which reader
takes which options is known to :mod:`refgraph.importers.registry` alone;
:func:`import_file` reads an export with it and imports it, under one progress bar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from refgraph.errors import Problem, RefgraphError
from refgraph.importers.common import ImportResult, as_path, problem_dict
from refgraph.importers.identity import (
    MAP_NEW,
    MAP_SKIP,
    IdentityMatches,
    resolve_identities,
    review_dict,
)
from refgraph.importers.identity_map import IDENTITY_MAP, identity_mapping, record_decisions
from refgraph.importers.merge import incoming_by_contact, merge_contacts, new_interactions
from refgraph.importers.normalise import check_region
from refgraph.importers.registry import read_export
from refgraph.importers.store import (
    NetworkFiles,
    read_network_files,
    validate_frames,
    write_network_files,
)
from refgraph.io.progress import Progress, Steps, steps
from refgraph.io.schema import INTERACTION_COLUMNS
from refgraph.io.text import clean_identifier
from refgraph.results import Result

#: The steps of :func:`import_into`'s progress bar (:func:`import_file` reads the
#: export file between the first two).
IMPORT_STEPS: tuple[str, ...] = ("reading the network", "matching identities", "merging",
                                 "checking", "writing")


@dataclass
class ImportReport(Result):
    """What an import changed (or, in a dry run, would change).

    Attributes
    ----------
    network : str
        The network folder.
    source, file : str
        The importer and the file read.
    dry_run : bool
        True when nothing was written.
    new_contacts, updated_contacts, unchanged_contacts : list of str
        Contact ids added, given new details, and matched without change.
    new_interactions : int
        Interactions added.
    present_interactions : int
        Imported interactions already in ``interactions.csv`` (same day,
        people and kind) or repeated in the file.
    held_interactions : int
        Interactions waiting for an ambiguous record to be resolved.
    dropped_interactions : int
        Interactions with people who are not (and are not made) contacts.
    ambiguous : DataFrame
        One row per ambiguous incoming person, with its candidates.
    skipped : list of Problem
        Records the importer left out, and notes about the identity map.
    backups : list of str
        Backups made of the replaced files.
    matches : IdentityMatches
        The decision for every incoming record.
    review : bool
        Whether the terminal view (:mod:`refgraph.show.importing`) lists the
        ambiguous records (and the people who are not contacts) in full.
    not_contacts : list of dict
        The people behind :attr:`dropped_interactions`: each with
        ``incoming_key``, ``name``, ``email`` and ``interactions`` (how many
        of theirs were left out), most interactions first.
    """

    network: str
    source: str
    file: str
    dry_run: bool
    new_contacts: list[str]
    updated_contacts: list[str]
    unchanged_contacts: list[str]
    new_interactions: int
    present_interactions: int
    held_interactions: int
    dropped_interactions: int
    ambiguous: pd.DataFrame
    skipped: list[Problem]
    backups: list[str]
    matches: IdentityMatches
    review: bool = False
    not_contacts: list[dict[str, Any]] = field(default_factory=list)
    title = "Import"

    @property
    def changed(self) -> bool:
        """Whether the import changes the network's contacts or interactions."""
        return bool(self.new_contacts or self.updated_contacts or self.new_interactions)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``refgraph import --format json``."""
        return {
            "network": self.network,
            "source": self.source,
            "file": self.file,
            "dry_run": self.dry_run,
            "contacts": {"new": self.new_contacts, "updated": self.updated_contacts,
                         "unchanged": len(self.unchanged_contacts)},
            "interactions": {"new": self.new_interactions,
                             "already_present": self.present_interactions,
                             "waiting_for_review": self.held_interactions,
                             "not_contacts": self.dropped_interactions},
            "ambiguous": [review_dict(row) for row in self.ambiguous.itertuples(index=False)],
            "not_contacts": self.not_contacts,
            "skipped": [problem_dict(p) for p in self.skipped],
            "backups": self.backups,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per incoming record: its key, decision and contact id."""
        return self.matches.to_frame()


def import_into(
    network: str | Path | NetworkFiles,
    result: ImportResult,
    *,
    dry_run: bool = False,
    owner: str | None = None,
    owner_name: str | None = None,
    region: str | None = None,
    review: bool = False,
    progress: Progress = None,
) -> ImportReport:
    """Merge an importer's result into a network folder.

    Records are matched to contacts by :func:`refgraph.importers.identity.resolve_identities`
    (the identity map first); matched contacts gain only what they lack, new
    people become contacts (unless the importer says not to), ambiguous ones
    wait for review. Interactions already present (same day, people and kind)
    are not added again, so importing the same file twice changes nothing.

    Parameters
    ----------
    network : str, Path or NetworkFiles
        The network folder; created (with ``owner`` as its first contact and
        in ``network.toml``) when it does not exist. A folder already read by
        :func:`read_network_files` is used as read (``owner`` is then ignored).
    result : ImportResult
        What an importer read.
    dry_run : bool
        Work out the changes but write nothing.
    owner : str, optional
        The owner id (overrides ``network.toml``); needed for a new folder
        when the import has interactions.
    owner_name : str, optional
        Display name of the owner in a new folder.
    region : str, optional
        Phone region for national numbers (default ``imports.default_region``).
    review : bool
        List the ambiguous records in full in the report's terminal view.
    progress : bool, optional
        Show a progress bar over :data:`IMPORT_STEPS` on standard error; by
        default only when standard error is a terminal.

    Returns
    -------
    ImportReport
        What changed (or would change).

    Raises
    ------
    DataValidationError
        When the network's files, the identity map or the merged result
        would not load.
    RefgraphError
        When an interaction names an owner or contact id the network lacks,
        or a file cannot be written (the previous version is then intact).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from refgraph.importers import read_connections
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text(
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Ann,Smith,https://www.linkedin.com/in/ann,,Acme,Designer,12 Mar 2021\\n")
    >>> result = read_connections(folder / "Connections.csv", owner="me")
    >>> report = import_into(folder / "net", result, owner="me")
    >>> report.new_contacts, report.new_interactions
    (['ann-smith'], 1)
    >>> import_into(folder / "net", result).changed  # the same file again
    False
    """
    with steps(IMPORT_STEPS, "import", enabled=progress) as bar:
        files = network if isinstance(network, NetworkFiles) else read_network_files(
            network, owner=owner, owner_name=owner_name, progress=False)
        bar.step()
        return _merge(files, result, dry_run=dry_run, region=region, review=review, bar=bar)


def import_file(
    file: str | Path,
    into: str | Path,
    source: str | None = None,
    *,
    owner: str | None = None,
    owner_name: str | None = None,
    me: Iterable[str] = (),
    as_of: Any = None,
    encoding: str | None = None,
    dry_run: bool = False,
    region: str | None = None,
    review: bool = False,
    progress: Progress = None,
) -> ImportReport:
    """Read an exported file and merge it into a network folder: ``refgraph import``.

    :func:`~refgraph.importers.registry.read_export` followed by
    :func:`import_into`, under one progress bar.

    Parameters
    ----------
    file : str or Path
        The exported file.
    into : str or Path
        The network folder (created when it does not exist).
    source : str, optional
        What ``file`` is (:data:`~refgraph.importers.registry.SOURCES`);
        detected from the file when omitted.
    owner, owner_name, dry_run, region, review
        As for :func:`import_into`.
    me, as_of, encoding
        As for :func:`~refgraph.importers.registry.read_export`.
    progress : bool, optional
        Show a progress bar on standard error (reading the network, reading
        the file, then the rest of :data:`IMPORT_STEPS`); by default only when
        standard error is a terminal.

    Returns
    -------
    ImportReport
        What changed (or would change).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "Connections.csv").write_text(
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Ann,Smith,https://www.linkedin.com/in/ann,,Acme,Designer,12 Mar 2021\\n")
    >>> report = import_file(folder / "Connections.csv", folder / "net", owner="me")
    >>> report.source, report.new_contacts
    ('linkedin', ['ann-smith'])
    """
    names = [IMPORT_STEPS[0], f"reading {as_path(file, 'file').name}", *IMPORT_STEPS[1:]]
    with steps(names, "import", enabled=progress) as bar:
        files = read_network_files(into, owner=owner, owner_name=owner_name, progress=False)
        bar.step()
        result = read_export(source, file, owner=files.network.owner, me=me, as_of=as_of,
                             network=files.network, settings=files.settings, encoding=encoding)
        bar.step()
        return _merge(files, result, dry_run=dry_run, region=region, review=review, bar=bar)


def _merge(files: NetworkFiles, result: ImportResult, *, dry_run: bool, region: str | None,
           review: bool, bar: Steps) -> ImportReport:
    """:func:`import_into`'s work once the folder is read, one step of ``bar`` at a time."""
    config = files.settings.imports
    region = check_region(region or config.default_region)
    mapping, notes = identity_mapping(files.identity_map, files.network.contacts["id"],
                                      label=str(files.folder / IDENTITY_MAP))
    incoming = result.contacts.fillna("").astype(str).astype(object)
    matches = resolve_identities(
        incoming, files.network.contacts, mapping=mapping, settings=files.settings,
        region=region, create=result.create_contacts,
        reserved=[v for v in files.identity_map["contact_id"] if v not in ("", MAP_NEW, MAP_SKIP)],
    )
    bar.step()
    frame = matches.matches
    new_ids = list(dict.fromkeys(frame.loc[frame["status"] == "new", "contact_id"]))
    by_contact = incoming_by_contact(frame, incoming, region)
    contacts, updated, unchanged, contributed = merge_contacts(files, by_contact, new_ids,
                                                               region)
    known = set(contacts["id"].map(clean_identifier)) | set(files.network.contacts["id"])

    # Interactions: incoming keys to contact ids; hold or drop the undecided.
    rows = result.interactions.fillna("").astype(str).astype(object).copy()
    status = dict(zip(frame["key"], frame["status"], strict=True))
    contact_of = matches.contact_of()
    held = dropped = 0
    outsiders: list[dict[str, Any]] = []
    if len(rows):
        outsiders = _not_contacts(rows, frame, incoming)
        for column in ("source", "target"):
            state = rows[column].map(status)
            held_mask = (state == "ambiguous").to_numpy()
            drop_mask = state.isin(["skip", "unmatched"]).to_numpy()
            rows["_held"] = (rows["_held"] if "_held" in rows else False) | held_mask
            rows["_drop"] = (rows["_drop"] if "_drop" in rows else False) | drop_mask
            rows[column] = rows[column].map(lambda v: contact_of.get(v, v))
        held = int((rows["_held"] & ~rows["_drop"]).sum())
        dropped = int(rows["_drop"].sum())
        rows = rows[~(rows["_held"] | rows["_drop"]).to_numpy()].drop(columns=["_held", "_drop"])
        unknown = sorted((set(rows["source"]) | set(rows["target"])) - known)
        if unknown:
            raise RefgraphError(
                f"{result.file}: the import names {', '.join(repr(u) for u in unknown[:5])}, "
                "which is not a contact of the network; pass --owner with your contact id"
                if set(unknown) <= {result.owner} else
                f"{result.file}: the import names ids that are not contacts: "
                f"{', '.join(repr(u) for u in unknown[:5])}"
            )
        rows = rows[(rows["source"] != rows["target"]).to_numpy()].reset_index(drop=True)
    new_rows, present = new_interactions(files, rows, undated=result.undated)
    interactions = files.interactions
    if len(new_rows):
        cells = files.interactions.fillna("").astype(object)
        for column in INTERACTION_COLUMNS:
            if column not in cells:
                cells[column] = ""
        interactions = pd.concat([cells, new_rows.reindex(columns=cells.columns, fill_value="")],
                                 ignore_index=True)

    identity_map = record_decisions(files.identity_map, frame)
    bar.step()
    report = ImportReport(
        network=str(files.folder), source=result.source, file=result.file, dry_run=dry_run,
        new_contacts=new_ids, updated_contacts=updated, unchanged_contacts=unchanged,
        new_interactions=len(new_rows), present_interactions=present, held_interactions=held,
        dropped_interactions=dropped, ambiguous=matches.ambiguous,
        skipped=[*result.skipped, *notes], backups=[], matches=matches, review=review,
        not_contacts=outsiders,
    )
    contacts_changed = bool(new_ids or updated) or not files.exists or len(contacts) != len(
        files.contacts)
    map_changed = not identity_map.equals(files.identity_map.fillna("").astype(object))
    validate_frames(files, contacts, interactions)
    bar.step()
    if dry_run:
        return report
    report.backups = write_network_files(
        files,
        contacts=contacts if contacts_changed else None,
        interactions=interactions if (len(new_rows) or not files.exists) else None,
        identity_map=identity_map if map_changed else None,
        contributed=contributed if contributed != files.contributed else None,
    )
    bar.step()
    return report


def _not_contacts(rows: pd.DataFrame, matches: pd.DataFrame,
                  incoming: pd.DataFrame) -> list[dict[str, Any]]:
    """The people whose interactions are left out because they are not contacts.

    Examples
    --------
    >>> rows = pd.DataFrame({"source": ["me", "me", "me"], "target": ["k1", "k1", "k2"]})
    >>> matches = pd.DataFrame({"key": ["k1", "k2"], "status": ["unmatched", "matched"]})
    >>> incoming = pd.DataFrame({"id": ["k1", "k2"], "name": ["Ann", "Bo"],
    ...                          "email": ["ann@x.com", ""]})
    >>> _not_contacts(rows, matches, incoming)
    [{'incoming_key': 'k1', 'name': 'Ann', 'email': 'ann@x.com', 'interactions': 2}]
    """
    outside = set(matches.loc[matches["status"] == "unmatched", "key"])
    if not outside:
        return []
    keys = pd.concat([rows.loc[rows["source"].isin(outside), "source"],
                      rows.loc[rows["target"].isin(outside), "target"]])
    counts = keys.value_counts()
    details = incoming.drop_duplicates("id").set_index("id")
    order = sorted(counts.index, key=lambda k: (-int(counts[k]), str(k)))
    return [{"incoming_key": key,
             "name": str(details.at[key, "name"]) if key in details.index else "",
             "email": str(details.at[key, "email"]) if key in details.index else "",
             "interactions": int(counts[key])} for key in order]
