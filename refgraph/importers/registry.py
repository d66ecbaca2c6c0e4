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
from refgraph.importers.common import ImportResult
from refgraph.importers.google import read_google_contacts
from refgraph.importers.ical import read_calendar
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
    source: str,
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
    source : str
        One of :data:`SOURCES` (``"linkedin"``, ``"google"``, ``"vcard"`` ...).
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
linkedin-messages, google, vcard, ical, outlook
    """
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
