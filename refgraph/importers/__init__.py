"""Importers: LinkedIn, Google Contacts, vCard, iCalendar and Outlook exports.

Each importer reads one file and returns an :class:`ImportResult` whose
contacts and interactions frames use the canonical columns of
:mod:`refgraph.io.schema`. :func:`read_export` (:mod:`refgraph.importers.registry`)
picks the reader by source name and is the one place that knows which reader
takes which options; :func:`import_into` (:mod:`refgraph.importers.importing`)
matches the records to the network's contacts (:mod:`refgraph.importers.identity`,
comparing the forms of :mod:`refgraph.importers.normalise`), merges them
(:mod:`refgraph.importers.merge`) and writes the folder safely
(:mod:`refgraph.importers.store`); :func:`import_file` does both, as
``refgraph import`` does. :func:`log_interaction` and
:func:`add_contact` (:mod:`refgraph.importers.edit`) change a folder by hand,
and :func:`undo_last_append` (:mod:`refgraph.importers.undo`) takes their
last row back.

========================  =============================  ===================
source                    function                       file
========================  =============================  ===================
``linkedin``              :func:`read_connections`       ``Connections.csv``
``linkedin-messages``     :func:`read_messages`          ``messages.csv``
``linkedin-invitations``  :func:`read_invitations`       ``Invitations.csv``
``google``                :func:`read_google_contacts`   Google CSV
``vcard``                 :func:`read_vcards`            ``.vcf``
``ical``                  :func:`read_calendar`          ``.ics``
``outlook``               :func:`read_outlook_contacts`  Outlook CSV
========================  =============================  ===================
"""

from refgraph.importers.common import ImportResult as ImportResult
from refgraph.importers.edit import ChangeResult as ChangeResult
from refgraph.importers.edit import add_contact as add_contact
from refgraph.importers.edit import log_interaction as log_interaction
from refgraph.importers.google import read_google_contacts as read_google_contacts
from refgraph.importers.ical import read_calendar as read_calendar
from refgraph.importers.identity import IdentityMatches as IdentityMatches
from refgraph.importers.identity import resolve_identities as resolve_identities
from refgraph.importers.importing import ImportReport as ImportReport
from refgraph.importers.importing import import_file as import_file
from refgraph.importers.importing import import_into as import_into
from refgraph.importers.invitations import read_invitations as read_invitations
from refgraph.importers.linkedin import read_connections as read_connections
from refgraph.importers.linkedin import read_messages as read_messages
from refgraph.importers.outlook import read_outlook_contacts as read_outlook_contacts
from refgraph.importers.registry import OWNER_SOURCES as OWNER_SOURCES
from refgraph.importers.registry import READERS as READERS
from refgraph.importers.registry import SOURCES as SOURCES
from refgraph.importers.registry import detect_source as detect_source
from refgraph.importers.registry import read_export as read_export
from refgraph.importers.store import NetworkFiles as NetworkFiles
from refgraph.importers.store import read_network_files as read_network_files
from refgraph.importers.undo import UNDO_FILES as UNDO_FILES
from refgraph.importers.undo import UndoResult as UndoResult
from refgraph.importers.undo import undo_last_append as undo_last_append
from refgraph.importers.vcard import read_vcards as read_vcards

__all__ = [
    "OWNER_SOURCES",
    "READERS",
    "SOURCES",
    "UNDO_FILES",
    "ChangeResult",
    "IdentityMatches",
    "ImportReport",
    "ImportResult",
    "NetworkFiles",
    "UndoResult",
    "add_contact",
    "detect_source",
    "import_file",
    "import_into",
    "log_interaction",
    "read_calendar",
    "read_connections",
    "read_export",
    "read_google_contacts",
    "read_invitations",
    "read_messages",
    "read_network_files",
    "read_outlook_contacts",
    "read_vcards",
    "resolve_identities",
    "undo_last_append",
]
