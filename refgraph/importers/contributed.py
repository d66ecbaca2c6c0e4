"""What imports have contributed to each contact: ``imported.csv``, so deletions stay deleted.

An import only adds values that are new *in the export*. Every value an
import offers a contact (an e-mail, a phone, a tag, a company, a birthday, ...)
is remembered here as ``contact_id,field,value`` (the value in the form it is
compared in: e-mails lower-cased, phones as E.164, text case-folded). A later
import offers the same value again and finds it here: if the user has since
removed it from ``contacts.csv``, or emptied or changed the field, it is not
put back. A value the export did not have before is still added.

The file is written atomically with the network's other files
(:mod:`refgraph.importers.store`); deleting it makes the next import treat
every value as new again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from refgraph.errors import DataValidationError, Problem
from refgraph.importers.common import decode, read_csv_records
from refgraph.io.text import clean_identifier

#: The record of imported values in a network folder.
CONTRIBUTED = "imported.csv"
#: Its columns.
CONTRIBUTED_COLUMNS: tuple[str, ...] = ("contact_id", "field", "value")

#: One remembered value: (contact id, contacts.csv column, comparison key).
Contribution = tuple[str, str, str]


def read_contributed(path: Path) -> set[Contribution]:
    """Read ``imported.csv`` (an empty set when the file does not exist).

    Raises
    ------
    DataValidationError
        When the header lacks ``contact_id``, ``field`` or ``value``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / CONTRIBUTED
    >>> read_contributed(path)
    set()
    >>> _ = path.write_text("contact_id,field,value\\nann,email,ann@x.com\\n")
    >>> read_contributed(path)
    {('ann', 'email', 'ann@x.com')}
    """
    if not path.exists():
        return set()
    label = str(path)
    records = read_csv_records(decode(path.read_bytes(), label), label,
                               expected_header=",".join(CONTRIBUTED_COLUMNS))
    header = [name.casefold() for name in records.header]
    missing = [c for c in CONTRIBUTED_COLUMNS if c not in header]
    if missing:
        raise DataValidationError([Problem(
            label, 1, ", ".join(missing),
            f"required column missing; the header must be {','.join(CONTRIBUTED_COLUMNS)} "
            "(or delete the file: the next import then treats every value as new)")])
    frame = pd.DataFrame(records.rows, columns=header, dtype=object)
    ids = frame["contact_id"].map(clean_identifier)
    return set(zip(ids, frame["field"].str.strip(), frame["value"], strict=True))


def contributed_frame(values: Iterable[Contribution]) -> pd.DataFrame:
    """The remembered values as the file's rows, sorted so the file diffs well.

    Examples
    --------
    >>> contributed_frame({("bo", "tags", "x"), ("ann", "email", "a@x.com")}).values.tolist()
    [['ann', 'email', 'a@x.com'], ['bo', 'tags', 'x']]
    """
    rows = sorted(values)
    return pd.DataFrame(rows or None, columns=list(CONTRIBUTED_COLUMNS), dtype=object)


def by_contact(values: Iterable[Contribution]) -> dict[tuple[str, str], set[str]]:
    """The remembered values grouped by (contact id, field).

    Examples
    --------
    >>> by_contact({("ann", "tags", "x"), ("ann", "tags", "y")})[("ann", "tags")] == {"x", "y"}
    True
    """
    grouped: dict[tuple[str, str], set[str]] = {}
    for contact_id, field, value in values:
        grouped.setdefault((contact_id, field), set()).add(value)
    return grouped
