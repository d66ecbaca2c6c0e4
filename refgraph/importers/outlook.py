"""Outlook contacts CSV export.

Get it from Outlook: File, Open & Export, Import/Export, Export to a file,
Comma Separated Values, then the Contacts folder (outlook.com: People,
Manage, Export contacts).

Columns are matched by name: ``First Name``, ``Middle Name``, ``Last Name``,
``Company``, ``Job Title`` (``Title`` is the honorific), ``E-mail Address``,
``E-mail 2 Address``, ``E-mail 3 Address``, every ``... Phone`` column,
``Categories`` (``;``-separated, become tags), ``Notes`` and ``Referred By``.
Files are often Windows-1252 rather than UTF-8; both are read.

``Referred By`` names the person who sent you this contact: when that name is
a contact (in this file, or in the network's contacts given), it becomes a
``referral`` from them to you. Outlook keeps no date for it, so it is dated on
the day of the import and added once per referred person (a re-import on
another day adds nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from refgraph.errors import Problem
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
from refgraph.importers.normalise import normalise_name, split_phones
from refgraph.io.text import map_unique


def _is_outlook_header(cells: list[str]) -> bool:
    folded = {cell.casefold() for cell in cells}
    return {"first name", "last name"} <= folded and bool(
        folded & {"e-mail address", "job title", "company", "referred by"})


def _addresses(text) -> pd.Series:
    """The business address on one line, else the home address."""
    def one(kind: str) -> pd.Series:
        parts = [text(f"{kind} {part}") for part in
                 ("Street", "Street 2", "City", "State", "Postal Code", "Country/Region")]
        return pd.Series([join_address(*cells) for cells in zip(*parts, strict=True)],
                         index=parts[0].index, dtype=object)

    business = one("Business")
    return business.where(business != "", one("Home"))


def read_outlook_contacts(
    path: str | Path,
    *,
    as_of: Any,
    owner: str = "me",
    contacts: Any = None,
    encoding: str | None = None,
) -> ImportResult:
    """Read an Outlook contacts CSV export.

    Parameters
    ----------
    path : str or Path
        The exported CSV.
    as_of : str or date
        Date given to ``Referred By`` referrals (Outlook keeps none).
    owner : str
        Contact id of the network's owner, who received the referrals.
    contacts : Network or DataFrame, optional
        The network's contacts, where ``Referred By`` names are also looked up
        (an exact, unique name).
    encoding : str, optional
        Text encoding; UTF-8 (BOM optional), UTF-16 with a BOM and, failing
        those, Windows-1252 are read.

    Returns
    -------
    ImportResult
        One contact per row and one ``referral`` per resolvable ``Referred
        By``; ``undated`` is True.

    Raises
    ------
    DataValidationError
        When no Outlook contacts header is found.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "outlook.csv"
    >>> _ = path.write_bytes('"First Name","Last Name","Company","Job Title",'
    ...     '"E-mail Address","Categories","Referred By"\\r\\n'
    ...     '"Ann","Smith","Acme","Designer","ann@acme.com","BNI;Clients",""\\r\\n'
    ...     '"Bob","Café","","","","","Ann Smith"\\r\\n'.encode("cp1252"))
    >>> result = read_outlook_contacts(path, as_of="2024-06-30")
    >>> result.contacts[["name", "tags"]].values.tolist()
    [['Ann Smith', 'BNI; Clients'], ['Bob Café', '']]
    >>> result.interactions[["date", "source", "target", "kind"]].values.tolist()
    [['2024-06-30', 'outlook:email:ann@acme.com', 'me', 'referral']]
    """
    from refgraph.io.dates import parse_as_of

    day = parse_as_of(as_of).date().isoformat()
    raw, label = read_bytes(path)
    records = read_csv_records(decode(raw, label, encoding, fallback="cp1252"), label,
                               is_header=_is_outlook_header,
                               expected_header='"First Name","Middle Name","Last Name",...,'
                                               '"E-mail Address",...')
    frame = records.frame()
    column = records.column
    empty = pd.Series("", index=frame.index, dtype=object)

    def text(*names: str) -> pd.Series:
        return column_text(records, frame, *names)

    def gathered(names: list[str]) -> pd.Series:
        present = [n for n in names if n in frame]
        if not present:
            return empty
        parts = pd.concat([cleaned(frame[n]) for n in present], axis=1)
        return parts.agg(" ::: ".join, axis=1) if len(parts) else empty  # a header alone

    phone_columns = [h for h in records.header if h.casefold().endswith(("phone", "phone 2"))]
    people = pd.DataFrame({
        "name": join_names(text("First Name"), text("Middle Name"), text("Last Name")),
        "company": text("Company"),
        "profession": text("Job Title"),
        "email": email_list(gathered([column(n) or n for n in (
            "E-mail Address", "E-mail 2 Address", "E-mail 3 Address")])),
        "phone": map_unique(gathered(phone_columns),
                            lambda cell: LIST_SEPARATOR.join(dict.fromkeys(split_phones(cell)))),
        "tags": map_unique(text("Categories"), lambda cell: LIST_SEPARATOR.join(
            dict.fromkeys(t.strip() for t in cell.split(";") if t.strip()))),
        "notes": text("Notes"),
        "referred_by": text("Referred By"),
        "birthday": text("Birthday"),
        "url": text("Web Page"),
        "address": _addresses(text),
        "city": text("Business City").where(text("Business City") != "", text("Home City")),
        "line": frame["_line"],
    })
    people["birthday"], bad_days = birthdays(people["birthday"], people["line"], label,
                                             "Birthday")
    people["name"] = people["name"].where(people["name"] != "", people["company"])
    people["name"] = people["name"].where(people["name"] != "",
                                          people["email"].str.split(";").str[0].fillna(""))
    people, nameless = drop_nameless(people, label, "First Name, Last Name",
                                     "no name, company or e-mail; the row is skipped")
    skipped = list(records.skipped) + nameless + bad_days
    kept = frame["_line"].isin(people["line"])
    for name in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address"):
        if column(name):
            skipped += email_problems(frame.loc[kept, column(name)], frame.loc[kept, "_line"],
                                      label, column(name))
    skipped.sort(key=lambda p: p.line or 0)
    people["id"] = record_keys("outlook", people, ["email", "phone"])

    # Referred By: a person in this file first, then a contact of the network.
    by_name: dict[str, str] = {}
    for table in (people, getattr(contacts, "contacts", contacts)):
        if isinstance(table, pd.DataFrame) and len(table):
            norms = table["name"].astype(str).map(normalise_name)
            unique = norms[~norms.duplicated(keep=False) & (norms != "")]
            for norm, key in zip(unique, table.loc[unique.index, "id"], strict=True):
                by_name.setdefault(norm, str(key))
    referrals = people[people["referred_by"] != ""].copy()
    referrals["referrer"] = referrals["referred_by"].map(normalise_name).map(by_name)
    unresolved = referrals[referrals["referrer"].isna()]
    skipped += [Problem(label, int(row.line), "Referred By",
                        f"{row.referred_by!r} is not a contact (no one by exactly that name); "
                        "the referral is skipped") for row in unresolved.itertuples()]
    referrals = referrals.dropna(subset=["referrer"])
    referrals = referrals[referrals["referrer"] != owner]
    interactions = interactions_frame(pd.DataFrame({
        "date": day,
        "source": referrals["referrer"],
        "target": owner,
        "kind": "referral",
        "value": "",
        "notes": "Referred " + referrals["name"] + " (Outlook 'Referred By'; date unknown)",
    })).drop_duplicates(["source", "target", "notes"], ignore_index=True)
    return ImportResult(
        source="outlook",
        file=label,
        contacts=merge_duplicate_keys(contacts_frame(people)),
        interactions=interactions,
        skipped=sorted(skipped, key=lambda p: p.line or 0),
        undated=True,
        owner=owner,
    )
