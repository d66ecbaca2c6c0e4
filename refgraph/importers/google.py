"""Google Contacts CSV export (both the current and the legacy layout).

Get it from Google Contacts: Export, then "Google CSV".

The current layout starts ``First Name,Middle Name,Last Name,...`` and has
``Organization Name``, ``Organization Title``, ``Labels`` and numbered
``E-mail N - Label``/``E-mail N - Value`` and ``Phone N - ...`` groups; the
legacy layout starts ``Name,Given Name,Additional Name,Family Name,...`` with
``Group Membership`` and ``Organization N - Name``/``- Title``. The layout is
detected from the header; the number of groups varies. Several values in one
cell are joined by `` ::: ``. Labels become tags (``BNI Downtown``); Google's
own ``myContacts`` label is dropped and the ``*`` of system labels removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from refgraph.errors import DataValidationError, Problem
from refgraph.importers.common import (
    LIST_SEPARATOR,
    ImportResult,
    cleaned,
    column_text,
    contacts_frame,
    decode,
    drop_nameless,
    email_list,
    email_problems,
    interactions_frame,
    join_names,
    merge_duplicate_keys,
    read_bytes,
    read_csv_records,
    record_keys,
)
from refgraph.importers.details import birthdays, join_address
from refgraph.importers.normalise import person_name, split_phones
from refgraph.io.text import map_unique

_GROUP = re.compile(r"^(?P<field>[A-Za-z -]+?) (?P<number>\d+) - (?P<part>.+)$")
_MULTI = " ::: "


def _layout(header: list[str], label: str) -> str:
    names = {name.casefold() for name in header}
    if {"first name", "last name"} <= names and "connected on" not in names:
        return "current"
    if {"given name", "family name"} <= names or {"name", "group membership"} <= names:
        return "legacy"
    raise DataValidationError([Problem(
        label, 1, None,
        "not a Google Contacts CSV; expected a header starting 'First Name,Middle Name,"
        "Last Name,...' (Google CSV) or 'Name,Given Name,Additional Name,Family Name,...' "
        "(legacy export)",
    )])


def _numbered(header: list[str], field: str, part: str) -> list[str]:
    """Columns of a numbered group, e.g. all ``E-mail N - Value`` in order of N."""
    found = []
    for name in header:
        match = _GROUP.match(name)
        if match and match["field"].casefold() == field.casefold() and (
                match["part"].casefold() == part.casefold()):
            found.append((int(match["number"]), name))
    return [name for _, name in sorted(found)]


def _labels_to_tags(cell: str) -> str:
    """Google labels as refgraph tags.

    Examples
    --------
    >>> _labels_to_tags("* myContacts ::: BNI Downtown ::: * starred ::: a;b")
    'BNI Downtown; starred; a,b'
    """
    tags: dict[str, None] = {}
    for label in cell.split(_MULTI):
        label = label.strip().removeprefix("*").strip().replace(";", ",")
        if label and label.casefold() != "mycontacts":
            tags.setdefault(label, None)
    return LIST_SEPARATOR.join(tags)


def read_google_contacts(path: str | Path, *, encoding: str | None = None) -> ImportResult:
    """Read a Google Contacts CSV export.

    Parameters
    ----------
    path : str or Path
        The exported ``contacts.csv`` (Google CSV or the legacy layout).
    encoding : str, optional
        Text encoding; UTF-8 (BOM optional) and UTF-16 with a BOM are recognised.

    Returns
    -------
    ImportResult
        One contact per row: name, company and title from the first
        organisation, every e-mail and phone, labels as tags, notes, the
        birthday, the first website (``url``) and the first address
        (``address`` formatted on one line, and its ``city``). Records
        with no name, e-mail or phone are skipped. No interactions: an address
        book says who people are, not when you met.

    Raises
    ------
    DataValidationError
        When the header is not a Google Contacts header, or the file cannot be
        decoded or parsed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "contacts.csv"
    >>> _ = path.write_text("First Name,Middle Name,Last Name,Organization Name,"
    ...     "Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    ...     "Phone 1 - Label,Phone 1 - Value\\n"
    ...     "Ann,,Smith,Acme,Designer,,* myContacts ::: BNI Downtown,* Work,"
    ...     "ann@acme.com ::: ann@home.org,Mobile,07700 900123\\n")
    >>> row = read_google_contacts(path).contacts.iloc[0]
    >>> row["name"], row["email"], row["tags"], row["phone"]
    ('Ann Smith', 'ann@acme.com; ann@home.org', 'BNI Downtown', '07700 900123')
    """
    raw, label = read_bytes(path)
    records = read_csv_records(decode(raw, label, encoding), label,
                               expected_header="First Name,Middle Name,Last Name,...")
    layout = _layout(records.header, label)
    frame = records.frame()
    header = records.header
    empty = pd.Series("", index=frame.index, dtype=object)

    def text(*names: str, identifier: bool = False) -> pd.Series:
        return column_text(records, frame, *names, identifier=identifier)

    def first_of(*series: pd.Series) -> pd.Series:
        out = empty.copy()
        for values in series:
            out = out.where(out != "", values)
        return out

    def gathered(columns: list[str]) -> pd.Series:
        if not columns:
            return empty
        parts = pd.concat([cleaned(frame[c]) for c in columns], axis=1)
        return parts.agg(_MULTI.join, axis=1) if len(parts) else empty  # a header alone

    def first_column(columns: list[str]) -> pd.Series:
        """The first value of a numbered group (``Website 1 - Value ::: ...``)."""
        values = first_of(*(text(c) for c in columns)) if columns else empty
        return values.str.split(_MULTI).str[0].fillna("").str.strip().astype(object)

    emails = email_list(gathered(_numbered(header, "E-mail", "Value")))
    phones = map_unique(gathered(_numbered(header, "Phone", "Value")),
                        lambda cell: LIST_SEPARATOR.join(dict.fromkeys(split_phones(cell))))
    org_names = _numbered(header, "Organization", "Name")
    org_titles = _numbered(header, "Organization", "Title")
    company = first_of(text("Organization Name"), text(*org_names[:1]) if org_names else empty)
    profession = first_of(text("Organization Title"),
                          text(*org_titles[:1]) if org_titles else empty, text("Occupation"))
    if layout == "current":
        person = join_names(text("First Name"), text("Middle Name"), text("Last Name"))
        tags = text("Labels")
    else:
        person = first_of(map_unique(text("Name", identifier=True), person_name),
                          join_names(text("Given Name"), text("Additional Name"),
                                     text("Family Name")))
        tags = text("Group Membership")
    name = first_of(person, text("File As", identifier=True), text("Nickname", identifier=True),
                    company, emails.str.split(";").str[0].fillna(""),
                    phones.str.split(";").str[0].fillna(""))

    people = pd.DataFrame({
        "name": name,
        "company": company,
        "profession": profession,
        "email": emails,
        "phone": phones,
        "tags": map_unique(tags, _labels_to_tags),
        "notes": text("Notes"),
        "birthday": text("Birthday"),
        "url": first_column(_numbered(header, "Website", "Value")),
        "address": map_unique(first_column(_numbered(header, "Address", "Formatted")),
                              lambda cell: join_address(*cell.splitlines())),
        "city": first_column(_numbered(header, "Address", "City")),
        "line": frame["_line"],
    })
    people, nameless = drop_nameless(people, label, "Name",
                                     "no name, e-mail or phone; the row is skipped")
    people["birthday"], bad_days = birthdays(people["birthday"], people["line"], label,
                                             "Birthday")
    skipped = list(records.skipped) + nameless + bad_days
    kept = frame["_line"].isin(people["line"])
    for name in _numbered(header, "E-mail", "Value"):
        skipped += email_problems(frame.loc[kept, name], frame.loc[kept, "_line"], label, name)
    people["id"] = record_keys("google", people, ["email", "phone"])
    return ImportResult(
        source="google",
        file=label,
        contacts=merge_duplicate_keys(contacts_frame(people)),
        interactions=interactions_frame(),
        skipped=sorted(skipped, key=lambda p: p.line or 0),
    )
