"""Editing a network by hand: ``refgraph log`` appends an interaction, ``refgraph add`` a contact.

Both validate like the loader and write through :mod:`refgraph.importers.store`:
the new row is appended to the file (its bytes so far untouched, the append
journalled in ``.backup/appends.csv``), or, when the file cannot take a plain
append, the file is replaced atomically with a backup. ``add`` refuses a
person the identity rules (:mod:`refgraph.importers.identity`) say is
already a contact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.importers.common import LIST_SEPARATOR
from refgraph.importers.formulas import safe_entry
from refgraph.importers.identity import resolve_identities
from refgraph.importers.normalise import (
    check_region,
    make_contact_id,
    normalise_phone,
    split_emails,
    split_phones,
)
from refgraph.importers.store import (
    NetworkFiles,
    append_network_row,
    csv_text,
    read_network_files,
    write_network_files,
)
from refgraph.io.dates import ISO_DATE, as_utc
from refgraph.io.schema import CONTACT_COLUMNS, INTERACTION_COLUMNS
from refgraph.io.settings import DIRECTED_KINDS, KINDS
from refgraph.io.text import clean_identifier, clean_text, split_list
from refgraph.results import Result


@dataclass
class ChangeResult(Result):
    """One row added to a network file by ``refgraph log`` or ``refgraph add``.

    Attributes
    ----------
    action : str
        ``logged`` or ``added``.
    network : str
        The network folder.
    row : dict
        The row as written.
    line : int
        Its line in the file.
    backups : list of str
        Backups made: when the row was appended, the day's copy of the file
        made by the first append of the day (else none); when the file was
        replaced, its copy.
    """

    action: str
    network: str
    row: dict[str, str]
    line: int
    backups: list[str] = field(default_factory=list)
    title = "Change"

    def to_dict(self) -> dict[str, Any]:
        """The row written, where, and the backups."""
        return {"action": self.action, "network": self.network, "row": self.row,
                "line": self.line, "backups": self.backups}

    def to_frame(self) -> pd.DataFrame:
        """The row written."""
        return pd.DataFrame([self.row])


def _last_line(cells: pd.DataFrame) -> int:
    """The line the last row starts on once written (cells may hold line breaks)."""
    return csv_text(cells.iloc[:-1]).count("\n") + 1


def _append_or_write(files: NetworkFiles, name: str, row: dict[str, str]
                     ) -> tuple[list[str], int, list[str]]:
    """Append a new row to a file, or write the file whole when that is not safe.

    Appending reads neither the file's cells nor its bytes (only its header
    and line ends), keeps every byte already in it and copies it to
    ``.backup/`` once a day, not on every row; see
    :func:`refgraph.importers.store.append_network_row`. Writing whole adds
    the documented columns the row fills (all of them for an interaction).

    Returns the backups made, the row's line and the file's columns.
    """
    appended = append_network_row(files, name, row)
    if appended is not None:
        return *appended, files.columns(name) or list(row)
    contacts = name == "contacts.csv"
    cells = (files.contacts if contacts else files.interactions).fillna("").astype(object)
    for column in CONTACT_COLUMNS if contacts else INTERACTION_COLUMNS:
        if column not in cells and (row.get(column) or not contacts):
            cells[column] = ""
    cells = pd.concat([cells, pd.DataFrame([row]).reindex(columns=cells.columns,
                                                          fill_value="")], ignore_index=True)
    backups = write_network_files(files, **{"contacts" if contacts else "interactions": cells})
    return backups, _last_line(cells), list(cells.columns)


def _texts(**options: Any) -> None:
    """Refuse an option of ``log`` or ``add`` that is not text (``name=None`` in Python)."""
    for option, value in options.items():
        if not isinstance(value, str):
            raise RefgraphError(f"--{option.replace('_', '-')}: expected text, got "
                                f"{type(value).__name__} {value!r}")


def log_interaction(
    network: str | Path,
    *,
    with_id: str,
    kind: str,
    date: str | dt.date | None = None,
    notes: str = "",
    value: float | str | None = None,
    direction: str | None = None,
    owner: str | None = None,
    today: dt.date | None = None,
) -> ChangeResult:
    """Append an interaction between the owner and a contact.

    Parameters
    ----------
    network : str or Path
        The network folder.
    with_id : str
        The contact the owner met, called, referred, ...: an id or a name, as
        :meth:`refgraph.Network.resolve_contact` reads it.
    kind : str
        One of the interaction kinds (``one_to_one``, ``call``, ``referral``, ...).
    date : str or date, optional
        ISO 8601 date or date-time; default ``today``.
    notes : str
        Free text.
    value : float or str, optional
        Amount (for ``business``), at least 0.
    direction : {"to", "from"}, optional
        For ``referral``, ``business`` and ``introduction`` (required there):
        ``to`` when the owner gave it to the contact, ``from`` when the
        contact gave it to the owner.
    owner : str, optional
        The owner id (overrides ``network.toml``).
    today : date, optional
        The default date. The command line passes the computer's date: the
        one place refgraph reads the clock for data.

    Returns
    -------
    ChangeResult
        The row written and its line.

    Raises
    ------
    ContactNotFoundError
        When ``with_id`` (or the owner) is not a contact.
    RefgraphError
        For a bad kind, date, value or direction, a date in the future, or
        an interaction already logged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name\\nme,Me\\nann,Ann\\n")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> change = log_interaction(folder, with_id="ann", kind="one_to_one", date="2024-03-05",
    ...                          owner="me")
    >>> change.row["source"], change.row["target"], change.line
    ('me', 'ann', 2)
    """
    _texts(**{"with": with_id, "notes": notes})
    files = read_network_files(network, owner=owner)
    if not files.exists:
        raise RefgraphError(f"{network}: not a network folder; expected a folder holding "
                            "contacts.csv and interactions.csv")
    net = files.network
    me = net.require_owner()
    other = net.resolve_contact(clean_identifier(with_id))
    if other == me:
        raise RefgraphError("--with: that is the owner; an interaction needs two people")
    kind_name = re.sub(r"[\s\-]+", "_", str(kind).strip().lower())
    if kind_name not in KINDS:
        raise RefgraphError(f"kind {kind!r} is not a kind; expected one of: {', '.join(KINDS)}")
    if kind_name in DIRECTED_KINDS:
        if direction not in ("to", "from"):
            raise RefgraphError(
                f"a {kind_name} has a direction: pass --direction to (you gave it to {other}) "
                f"or --direction from ({other} gave it to you)")
    elif direction is not None:
        raise RefgraphError(f"--direction only applies to {', '.join(DIRECTED_KINDS)}; "
                            f"a {kind_name} is mutual")
    source, target = (other, me) if direction == "from" else (me, other)

    when = today or dt.date.today()
    text = (date.isoformat() if isinstance(date, dt.date) else str(date).strip()) if (
        date is not None) else when.isoformat()
    if not ISO_DATE.match(text):
        raise RefgraphError(f"date {text!r} is not ISO 8601; expected YYYY-MM-DD or "
                            "YYYY-MM-DDTHH:MM[:SS][+HH:MM]")
    try:
        stamp = pd.Timestamp(text)
        day = stamp.date()
    except (ValueError, NotImplementedError):  # 2024-02-30; year 0, which Python lacks
        raise RefgraphError(f"date {text!r} is not a real date") from None
    if day > when:
        raise RefgraphError(f"date {text} is in the future (today is {when.isoformat()}); "
                            "log what has happened")
    amount = ""
    if value is not None and str(value).strip():
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise RefgraphError(f"value {value!r} is not a number") from None
        if not np.isfinite(number) or number < 0:
            raise RefgraphError(f"value {value!r}: expected an amount >= 0")
        amount = str(value).strip()

    row = {"date": text, "source": source, "target": target, "kind": kind_name,
           "value": amount, "notes": safe_entry(clean_text(notes))}
    existing = net.interactions
    stamp_utc = as_utc(stamp)
    # Dates first: comparing text over ten million rows takes seconds, dates a moment.
    same = existing[existing["date"] == stamp_utc]
    same = same[(same["source"] == source) & (same["target"] == target)
                & (same["kind"] == kind_name) & (same["notes"] == row["notes"])
                & ((same["value"] == (float(amount) if amount else np.nan))
                   | (same["value"].isna() & (amount == "")))]
    if len(same):
        line = same["line"].iloc[0]
        raise RefgraphError(f"this {kind_name} is already in interactions.csv (line {line})")
    backups, line, _ = _append_or_write(files, "interactions.csv", row)
    return ChangeResult("logged", str(files.folder), row, line, backups)


def add_contact(
    network: str | Path,
    *,
    name: str,
    contact_id: str | None = None,
    company: str = "",
    profession: str = "",
    email: str = "",
    phone: str = "",
    services: str = "",
    tags: str = "",
    notes: str = "",
    force: bool = False,
    region: str | None = None,
) -> ChangeResult:
    """Append a contact, refusing one that looks like an existing contact.

    Parameters
    ----------
    network : str or Path
        The network folder.
    name : str
        Display name.
    contact_id : str, optional
        The id; by default made from the name (``ann-smith``, ``ann-smith-2``).
    company, profession, email, phone, services, tags, notes : str
        Details; ``services`` and ``tags`` are ``;``-separated.
    force : bool
        Add even when the identity rules say this person is already a contact.
    region : str, optional
        Phone region for national numbers (default ``imports.default_region``).

    Returns
    -------
    ChangeResult
        The row written and its line.

    Raises
    ------
    RefgraphError
        When the id is taken, the name is empty, or (without ``force``) the
        person matches an existing contact by e-mail, phone or name.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "contacts.csv").write_text("id,name,email\\nann,Ann Smith,ann@x.com\\n")
    >>> _ = (folder / "interactions.csv").write_text("date,source,target,kind\\n")
    >>> add_contact(folder, name="Bob Jones", profession="plumber").row["id"]
    'bob-jones'
    >>> add_contact(folder, name="Annie", email="ANN@x.com")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: Annie looks like ann (Ann Smith): the same e-mail; ...
    """
    _texts(name=name, company=company, profession=profession, email=email, phone=phone,
           services=services, tags=tags, notes=notes,
           **({} if contact_id is None else {"id": contact_id}))
    files = read_network_files(network)
    if not files.exists:
        raise RefgraphError(f"{network}: not a network folder; expected a folder holding "
                            "contacts.csv and interactions.csv")
    config = files.settings.imports
    region = check_region(region or config.default_region)
    clean_name = " ".join(clean_identifier(name).split())
    if not clean_name:
        raise RefgraphError("--name: expected a display name")
    emails = split_emails(email)
    if email.strip() and not emails:
        raise RefgraphError(f"--email {email!r} is not an e-mail address")
    for number in split_phones(clean_text(phone)):
        if not re.search(r"\d", number):
            raise RefgraphError(f"--phone {number!r} is not a phone number; expected digits, "
                                "e.g. +44 7700 900123")
    incoming = pd.DataFrame([{"id": "add:new", "name": clean_name, "company": clean_text(company),
                              "email": LIST_SEPARATOR.join(emails), "phone": phone}])
    # The loader cleans every id as clean_identifier does and refuses duplicates, so
    # the loaded network holds every id of the file (and those only interactions name).
    taken = set(files.network.contacts["id"])
    if contact_id is not None:
        wanted = clean_identifier(contact_id)
        if not wanted:
            raise RefgraphError("--id: expected a non-empty id")
        if safe_entry(wanted) != wanted:  # an id is kept as written, never given a '
            raise RefgraphError(f"--id {wanted!r} would run as a spreadsheet formula; "
                                "expected an id starting with a letter or a digit")
        if wanted in taken:
            raise RefgraphError(f"id {wanted!r} is already taken by "
                                f"{files.network.name_of(wanted)}")
    if not force:
        decision = resolve_identities(incoming, files.network.contacts, settings=files.settings,
                                      region=region).matches.iloc[0]
        reasons = {"email": "the same e-mail", "phone": "the same phone",
                   "name+company": "the same name and company", "name": "the same name"}
        if decision["status"] == "matched":
            other = decision["contact_id"]
            raise RefgraphError(
                f"{clean_name} looks like {other} ({files.network.name_of(other)}): "
                f"{reasons.get(decision['rule'], decision['rule'])}; use --force to add anyway")
        if decision["status"] == "ambiguous":
            listed = ", ".join(f"{c['id']} ({c['name']}: {c['reason']})"
                               for c in decision["candidates"][:3])
            raise RefgraphError(f"{clean_name} may already be a contact: {listed}; use --force "
                                "to add anyway")
    new_id = clean_identifier(contact_id) if contact_id is not None else make_contact_id(
        clean_name, taken)
    phones = [normalise_phone(p, region) or p for p in split_phones(clean_text(phone))]
    row = {
        "id": new_id,
        "name": safe_entry(clean_name),
        "company": safe_entry(clean_text(company)),
        "profession": safe_entry(clean_text(profession)),
        "services": LIST_SEPARATOR.join(safe_entry(s) for s in split_list(clean_text(services))),
        "tags": LIST_SEPARATOR.join(safe_entry(t) for t in split_list(clean_text(tags))),
        "email": LIST_SEPARATOR.join(emails),
        "phone": LIST_SEPARATOR.join(safe_entry(p) for p in phones),
        "notes": safe_entry(clean_text(notes)),
    }
    backups, line, columns = _append_or_write(files, "contacts.csv", row)
    written = {k: v for k, v in row.items() if k in columns}
    return ChangeResult("added", str(files.folder), written, line, backups)
