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
    "gender",
    "location",
)
CONTACT_REQUIRED: tuple[str, ...] = ("id", "name")
INTERACTION_COLUMNS: tuple[str, ...] = ("date", "source", "target", "kind", "value", "notes")
INTERACTION_REQUIRED: tuple[str, ...] = ("date", "source", "target", "kind")
