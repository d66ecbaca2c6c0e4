"""The importer registry: every source by name."""

from __future__ import annotations

from refgraph.importers import SOURCES


def test_sources_are_listed():
    assert SOURCES == ("linkedin", "linkedin-messages", "linkedin-invitations",
                       "google", "vcard", "ical", "outlook")
