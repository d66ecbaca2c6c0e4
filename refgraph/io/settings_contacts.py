"""Settings of ``contacts.csv``: the columns kept on purpose and the tags that bar contact.

Every field can be set under ``[contacts]`` in ``network.toml``::

    [contacts]
    extra_columns = ["Linkedin URL"]
    do_not_contact_tags = ["deceased", "do not contact", "gone abroad"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refgraph.errors import SettingsError

#: The tags that say a contact is not to be contacted when ``network.toml`` names none.
DEFAULT_DO_NOT_CONTACT_TAGS: tuple[str, ...] = (
    "deceased", "died", "passed away", "do not contact", "dnc", "no contact",
    "unsubscribed", "opted out", "opt out",
)


def spoken_tag(tag: str) -> str:
    """A tag as it is compared: any case, hyphens and underscores read as spaces.

    Examples
    --------
    >>> spoken_tag("  Do-Not_Contact "), spoken_tag("passed   away")
    ('do not contact', 'passed away')
    """
    return " ".join(re.sub(r"[-_]", " ", tag).lower().split())


@dataclass(frozen=True)
class ContactSettings:
    """What ``contacts.csv`` may hold beyond the documented columns, and which tags bar contact."""

    #: Extra columns you keep on purpose (``["Linkedin URL"]``): kept quietly as
    #: attributes, where any other unknown column is kept with a warning.
    extra_columns: tuple[str, ...] = ()
    #: Tags that say someone has died or asked not to be contacted: nurture never
    #: lists them and no introduction is routed through or made to them. Compared
    #: whole, any case, hyphens and underscores read as spaces ("Do-Not-Contact").
    #: The list replaces this one: keep the defaults you want beside your own
    #: (``"gone abroad"``); ``[]`` bars nobody.
    do_not_contact_tags: tuple[str, ...] = DEFAULT_DO_NOT_CONTACT_TAGS

    def __post_init__(self) -> None:
        for tag in self.do_not_contact_tags:
            # A tag is one of the ;-separated labels of the tags column: an empty one,
            # or one holding ';', could never match a contact's tag.
            if not isinstance(tag, str) or not spoken_tag(tag) or ";" in tag:
                raise SettingsError(
                    "contacts.do_not_contact_tags: expected a list of tags such as "
                    f"\"deceased\" or \"do not contact\" (words, without ';'), got {tag!r}")
