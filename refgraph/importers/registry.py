"""The name → reader registry behind ``refgraph import SOURCE FILE``.

Every reader takes the same keyword arguments here, so callers (the command
line, scripts, notebooks) choose an importer by name instead of repeating
which reader needs which options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refgraph.errors import RefgraphError
from refgraph.importers.common import ImportResult, own_addresses, read_bytes
from refgraph.importers.google import read_google_contacts
from refgraph.importers.ical import read_calendar
from refgraph.importers.invitations import is_invitations_header, read_invitations
from refgraph.importers.linkedin import read_connections, read_messages
from refgraph.importers.outlook import read_outlook_contacts
from refgraph.importers.vcard import read_vcards


@dataclass(frozen=True)
class Reader:
    """One importer: what it reads and how to call it with the shared options."""

    name: str
    describes: str
    needs_owner: bool
    read: Callable[..., ImportResult]


def _linkedin(path, *, owner, me, as_of, network, settings, encoding):
    return read_connections(path, owner=owner, encoding=encoding)


def _linkedin_messages(path, *, owner, me, as_of, network, settings, encoding):
    first = next(iter(me), None)
    return read_messages(path, owner=owner, me=first, encoding=encoding)


def _linkedin_invitations(path, *, owner, me, as_of, network, settings, encoding):
    return read_invitations(path, owner=owner, encoding=encoding)


def _google(path, *, owner, me, as_of, network, settings, encoding):
    return read_google_contacts(path, encoding=encoding)


def _vcard(path, *, owner, me, as_of, network, settings, encoding):
    return read_vcards(path, encoding=encoding)


def _ical(path, *, owner, me, as_of, network, settings, encoding):
    return read_calendar(path, as_of=as_of, contacts=network, owner=owner, me=tuple(me),
                         settings=settings, encoding=encoding)


def _outlook(path, *, owner, me, as_of, network, settings, encoding):
    return read_outlook_contacts(path, as_of=as_of, owner=owner, contacts=network,
                                 encoding=encoding)


#: Every importer by the name ``refgraph import`` takes, in the order they are documented.
READERS: dict[str, Reader] = {
    reader.name: reader
    for reader in (
        Reader("linkedin", "LinkedIn Connections.csv", True, _linkedin),
        Reader("linkedin-messages", "LinkedIn messages.csv", True, _linkedin_messages),
        Reader("linkedin-invitations", "LinkedIn Invitations.csv", True,
               _linkedin_invitations),
        Reader("google", "Google Contacts CSV", False, _google),
        Reader("vcard", "vCard .vcf", False, _vcard),
        Reader("ical", "iCalendar .ics", True, _ical),
        Reader("outlook", "Outlook contacts CSV", True, _outlook),
    )
}

#: Source names accepted by ``refgraph import``.
SOURCES: tuple[str, ...] = tuple(READERS)

#: Sources whose interactions involve the owner (so an owner id is needed).
OWNER_SOURCES: tuple[str, ...] = tuple(name for name, r in READERS.items() if r.needs_owner)


def read_export(
    source: str | None,
    path: str | Path,
    *,
    owner: str | None = None,
    me: Iterable[str] = (),
    as_of: Any = None,
    network: Any = None,
    settings: Any = None,
    encoding: str | None = None,
) -> ImportResult:
    """Read an exported file with the importer named ``source``.

    Parameters
    ----------
    source : str or None
        One of :data:`SOURCES` (``"linkedin"``, ``"google"``, ``"vcard"`` ...);
        None detects it from the file (:func:`detect_source`).
    path : str or Path
        The exported file.
    owner : str, optional
        The owner's contact id; needed by the sources in :data:`OWNER_SOURCES`.
    me : iterable of str, optional
        How the owner appears in the file (LinkedIn profile URL or name, calendar e-mail).
    as_of : date-like, optional
        Calendars: read events up to this moment; Outlook: date of "Referred By" referrals.
    network : Network, optional
        The network imported into (calendars and Outlook match people against it).
    settings : Settings, optional
        The network's settings.
    encoding : str, optional
        Text encoding of the file (detected when omitted).

    Returns
    -------
    ImportResult
        Contacts and interactions in refgraph's columns.

    Examples
    --------
    >>> read_export("fax", "contacts.csv")
    Traceback (most recent call last):
    ...
    refgraph.errors.RefgraphError: unknown import source 'fax': expected one of linkedin, \
linkedin-messages, linkedin-invitations, google, vcard, ical, outlook
    """
    me = own_addresses(me)
    if source is None:
        source = detect_source(path)
    reader = READERS.get(source)
    if reader is None:
        raise RefgraphError(f"unknown import source {source!r}: expected one of "
                            f"{', '.join(SOURCES)}")
    if reader.needs_owner and owner is None:
        raise RefgraphError(
            f"{source} imports record your interactions, so they need your contact id: "
            "pass --owner ID (or set owner in network.toml)")
    return reader.read(path, owner=owner, me=me, as_of=as_of, network=network,
                       settings=settings, encoding=encoding)


# --------------------------------------------------------------------------- detection

#: How many lines are searched for a CSV header (LinkedIn puts a preamble first).
_HEADER_LINES = 20


def _csv_sources(cells: list[str]) -> list[str]:
    """The CSV sources whose header ``cells`` could be."""
    folded = {cell.strip().casefold() for cell in cells}
    first_last = cells[:2] and [c.strip().casefold() for c in cells[:2]] == [
        "first name", "last name"]
    found = []
    if first_last and "connected on" in folded:
        found.append("linkedin")
    if {"from", "date"} <= folded and ({"conversation id", "to"} & folded):
        found.append("linkedin-messages")
    if is_invitations_header(cells):
        found.append("linkedin-invitations")
    google_current = {"first name", "last name"} <= folded and bool(
        {"labels", "e-mail 1 - value", "organization name"} & folded)
    google_legacy = {"given name", "family name"} <= folded or {
        "name", "group membership"} <= folded
    if (google_current or google_legacy) and "connected on" not in folded:
        found.append("google")
    if {"first name", "last name"} <= folded and bool(
            {"e-mail address", "job title", "referred by"} & folded) and not (
            {"connected on", "labels"} & folded):
        found.append("outlook")
    return found


def detect_source(path: str | Path) -> str:
    r"""Tell which export a file is from its content (and extension).

    vCard and iCalendar files are known by ``BEGIN:VCARD`` / ``BEGIN:VCALENDAR``
    (or a ``.vcf`` / ``.ics`` name); CSV exports by their header among the
    first lines.

    Raises
    ------
    RefgraphError
        When no source, or more than one, fits; the message lists the choices.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = path.write_text("Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,"
    ...                     "Position,Connected On\n")
    >>> detect_source(path)
    'linkedin'
    >>> _ = path.write_text("id,name\n")
    >>> detect_source(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    refgraph.errors.RefgraphError: ...: cannot tell which export this is; name it: ...
    """
    import csv

    raw, label = read_bytes(path)
    head = raw[:65536]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            text = head.decode(codec, errors="replace")
            break
    else:
        text = head.decode("utf-8", errors="replace")
    upper = text.lstrip().upper()
    suffix = Path(path).suffix.casefold()
    if upper.startswith("BEGIN:VCARD") or suffix in (".vcf", ".vcard"):
        return "vcard"
    if upper.startswith("BEGIN:VCALENDAR") or suffix in (".ics", ".ical"):
        return "ical"
    lines = text.splitlines()[:_HEADER_LINES]
    found: list[str] = []
    for cells in csv.reader(lines):
        found = _csv_sources(cells)
        if found:
            break
    if len(found) == 1:
        return found[0]
    choices = found or list(SOURCES)
    what = ("could be any of" if found else "cannot tell which export this is; name it: "
            "refgraph import SOURCE FILE, with SOURCE one of")
    raise RefgraphError(f"{label}: {what} {', '.join(choices)}"
                        + ("; name it: refgraph import SOURCE FILE" if found else ""))
