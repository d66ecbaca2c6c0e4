"""Terminal views of importing and editing: what was read, matched, merged or written.

Registers :func:`refgraph.show.text.to_text` for :class:`ImportResult` (what an
importer read), :class:`IdentityMatches` (the review list), :class:`ImportReport`
(what an import changed), :class:`ChangeResult` (a row added by ``log`` or
``add``) and :class:`UndoResult` (the row ``undo`` took back).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd

from refgraph.importers.common import ImportResult
from refgraph.importers.edit import ChangeResult
from refgraph.importers.identity import IdentityMatches
from refgraph.importers.identity_map import IDENTITY_MAP
from refgraph.importers.importing import ImportReport
from refgraph.importers.undo import UndoResult
from refgraph.show.tables import text_table
from refgraph.show.text import to_text

#: Contacts listed in a summary (new ids, records read); the rest are counted.
CONTACTS_LISTED = 20
#: Skipped records listed in an import's summary (``--format json`` lists all).
SKIPPED_LISTED = 10


def review_text(ambiguous: pd.DataFrame, *, map_file: str = IDENTITY_MAP,
                width: int = 80) -> str:
    """The ambiguous records as text, with how to resolve them.

    Parameters
    ----------
    ambiguous : DataFrame
        :attr:`refgraph.importers.identity.IdentityMatches.ambiguous`.
    map_file : str
        The identity map the user edits, as the instructions name it.
    width : int, default 80
        Terminal width; each candidate's line is wrapped to fit it.

    Returns
    -------
    str
        The instructions, then each record and its candidates.

    Examples
    --------
    >>> frame = pd.DataFrame({"key": ["vcard:name:ann smith|"], "name": ["Ann Smith"],
    ...     "company": [""], "email": [""], "phone": [""],
    ...     "candidates": [[{"id": "ann", "name": "Ann Smith", "company": "Acme",
    ...                      "score": 100.0, "reason": "same name, no company to confirm"}]]})
    >>> print(review_text(frame))  # doctest: +NORMALIZE_WHITESPACE
    1 record(s) need a decision. Add a line per record to identity_map.csv:
    incoming_key,contact_id (a contact id, or new, or skip), then import again.
    <BLANKLINE>
    vcard:name:ann smith|  Ann Smith
      - ann (Ann Smith, Acme): score 100, same name, no company to confirm
    """
    if ambiguous.empty:
        return "No ambiguous records."
    lines = [
        f"{len(ambiguous)} record(s) need a decision. Add a line per record to {map_file}:",
        "incoming_key,contact_id (a contact id, or new, or skip), then import again.",
    ]
    for row in ambiguous.itertuples(index=False):
        details = ", ".join(v for v in (row.name, row.company, row.email, row.phone) if v)
        lines += ["", f"{row.key}  {details}"]
        # One wrapped line per candidate rather than a table: long ids and
        # companies must not push the reason off the terminal.
        for c in row.candidates:
            who = ", ".join(v for v in (c["name"], c["company"]) if v)
            lines += textwrap.wrap(f"- {c['id']} ({who}): score {c['score']:.0f}, {c['reason']}",
                                   width=width - 2, initial_indent="  ",
                                   subsequent_indent="    ")
    return "\n".join(lines)


@to_text.register
def _(result: ImportResult, *, width: int = 80) -> str:
    """A short summary of what an importer read, and the first contact records."""
    lines = [
        f"{result.source} {result.file}: {len(result.contacts)} contact record(s), "
        f"{len(result.interactions)} interaction(s), {len(result.skipped)} skipped"
    ]
    if len(result.contacts):
        lines.append(text_table(result.contacts[["id", "name", "company"]].head(
            CONTACTS_LISTED), width=width))
    return "\n".join(lines)


@to_text.register
def _(result: IdentityMatches, *, width: int = 80) -> str:
    """The review list: each ambiguous record and its candidates."""
    return review_text(result.ambiguous, width=width)


@to_text.register
def _(result: ImportReport, *, width: int = 80) -> str:
    """The summary for the terminal (and the review list when ``result.review``)."""
    mode = "dry run, nothing written" if result.dry_run else (
        "written" if result.changed else "nothing to change")
    lines = [
        f"Import {result.source} {result.file} into {result.network} ({mode})",
        f"  contacts:      {len(result.new_contacts)} new, {len(result.updated_contacts)} "
        f"updated, {len(result.unchanged_contacts)} unchanged",
        f"  interactions:  {result.new_interactions} new, {result.present_interactions} already "
        f"there, {result.held_interactions} waiting for review, {result.dropped_interactions} "
        "with people who are not contacts",
    ]
    if len(result.ambiguous):
        hint = "listed below" if result.review else "add --review to list them"
        lines.append(f"  ambiguous:     {len(result.ambiguous)} record(s) need a decision "
                     f"({hint})")
    if result.skipped:
        lines.append(f"  skipped:       {len(result.skipped)} record(s)")
        lines += [f"    {p}" for p in result.skipped[:SKIPPED_LISTED]]
        if len(result.skipped) > SKIPPED_LISTED:
            lines.append(f"    ... and {len(result.skipped) - SKIPPED_LISTED} more "
                         "(--format json lists all)")
    for backup in result.backups:
        lines.append(f"  backup:        {backup}")
    if result.review and len(result.ambiguous):
        lines += ["", review_text(result.ambiguous,
                                  map_file=str(Path(result.network) / IDENTITY_MAP), width=width)]
    elif result.review:
        lines += ["", "No ambiguous records."]
    if result.not_contacts:
        people = result.not_contacts
        if result.review:
            lines += ["", f"Not contacts ({len(people)}; add the ones you know with "
                      "`refgraph add`, then import again):",
                      text_table(pd.DataFrame(people[:CONTACTS_LISTED]).drop(
                          columns=["incoming_key"]), width=width)]
            if len(people) > CONTACTS_LISTED:
                lines.append(f"... and {len(people) - CONTACTS_LISTED} more "
                             "(--format json lists all)")
        else:
            shown = ", ".join(p["name"] or p["email"] for p in people[:5])
            more = f" and {len(people) - 5} more" if len(people) > 5 else ""
            lines.append(f"  not contacts:  {shown}{more} (add --review to list them)")
    if result.new_contacts:
        new = pd.DataFrame({"id": result.new_contacts})
        lines += ["", "New contacts:", text_table(new.head(CONTACTS_LISTED), width=width)]
        if len(result.new_contacts) > CONTACTS_LISTED:
            lines.append(f"... and {len(result.new_contacts) - CONTACTS_LISTED} more")
    return "\n".join(lines)


@to_text.register
def _(result: ChangeResult, *, width: int = 80) -> str:
    """One line saying what was written where."""
    file = "interactions.csv" if result.action == "logged" else "contacts.csv"
    if result.action == "logged":
        row = result.row
        what = f"{row['kind']} {row['source']} -> {row['target']} on {row['date']}"
    else:
        what = f"{result.row['id']} ({result.row['name']})"
    return f"{result.action.capitalize()} {what}: {Path(result.network) / file} line {result.line}"


def undone_row_text(file: str, row: dict[str, str], text: str = "") -> str:
    """A removed row in a few words: who, when and what; a contact by id and name.

    Parameters
    ----------
    file : str
        ``interactions.csv`` or ``contacts.csv``.
    row : dict
        The row by column; when empty, ``text`` is shown as it is.
    text : str
        The row as it was in the file.

    Returns
    -------
    str
        The row's cells that say what it was, ``, ``-separated.

    Examples
    --------
    >>> undone_row_text("interactions.csv", {"date": "2026-11-30", "source": "me",
    ...                 "target": "c0012", "kind": "one_to_one", "value": "", "notes": ""})
    '2026-11-30, me → c0012, one_to_one'
    >>> undone_row_text("contacts.csv", {"id": "cara-diaz", "name": "Cara Diaz", "company": ""})
    'cara-diaz, Cara Diaz'
    """
    if not row:
        return text
    if file == "interactions.csv":
        people = f"{row.get('source', '')} → {row.get('target', '')}"
        cells = [row.get("date", ""), people, *(row.get(c, "") for c in ("kind", "value", "notes"))]
    else:
        cells = [row.get(c, "") for c in ("id", "name", "company", "profession")]
    return ", ".join(cell for cell in cells if cell)


@to_text.register
def _(result: UndoResult, *, width: int = 80) -> str:
    """One line: the file and the row taken back (or that a dry run would take back)."""
    what = undone_row_text(result.file, result.row, result.text)
    if result.dry_run:
        return f"would remove from {result.file}: {what} (dry run, nothing written)"
    return f"removed from {result.file}: {what}"
