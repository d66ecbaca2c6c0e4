"""Importers: LinkedIn, Google Contacts, vCard, iCalendar and Outlook exports.

Each importer reads one file and returns an :class:`ImportResult` whose
contacts and interactions frames use the canonical columns of
:mod:`refgraph.io.load`; :func:`refgraph.importers.store.import_into` matches them to the
network's contacts (:mod:`refgraph.importers.identity`) and writes them safely.

=====================  ===========================================  =====================
source                 function                                     file
=====================  ===========================================  =====================
``linkedin``           :func:`read_connections`                     ``Connections.csv``
``linkedin-messages``  :func:`read_messages`                        ``messages.csv``
``google``             :func:`read_google_contacts`                 Google CSV
``vcard``              :func:`read_vcards`                          ``.vcf``
``ical``               :func:`read_calendar`                        ``.ics``
``outlook``            :func:`read_outlook_contacts`                Outlook CSV
=====================  ===========================================  =====================
"""

from refgraph.importers.common import ImportResult as ImportResult
from refgraph.importers.google import read_google_contacts as read_google_contacts
from refgraph.importers.ical import read_calendar as read_calendar
from refgraph.importers.linkedin import read_connections as read_connections
from refgraph.importers.linkedin import read_messages as read_messages
from refgraph.importers.outlook import read_outlook_contacts as read_outlook_contacts
from refgraph.importers.vcard import read_vcards as read_vcards

#: Source names accepted by ``refgraph import``, in the order they are documented.
SOURCES: tuple[str, ...] = ("linkedin", "linkedin-messages", "google", "vcard", "ical", "outlook")

__all__ = [
    "SOURCES",
    "ImportResult",
    "read_calendar",
    "read_connections",
    "read_google_contacts",
    "read_messages",
    "read_outlook_contacts",
    "read_vcards",
]
