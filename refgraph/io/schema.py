"""The columns of a network's two tables, as documented in the data format."""

CONTACT_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "company",
    "profession",
    "services",
    "tags",
    "email",
    "phone",
    "character",
    "competency",
    "notes",
    # Optional details imports keep: ISO birthday (``--MM-DD`` without a year),
    # a profile URL, a postal address and its city.
    "birthday",
    "url",
    "address",
    "city",
    "gender",
    "location",
)
CONTACT_REQUIRED: tuple[str, ...] = ("id", "name")
INTERACTION_COLUMNS: tuple[str, ...] = ("date", "source", "target", "kind", "value", "notes")
INTERACTION_REQUIRED: tuple[str, ...] = ("date", "source", "target", "kind")
