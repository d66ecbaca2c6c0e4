"""LinkedIn ``Invitations.csv``: the connection requests you sent and received.

Comes in the same data export as ``Connections.csv`` (Settings & Privacy, Data
privacy, Get a copy of your data). Its header is
``From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl``;
columns are matched by name. Each invitation becomes an interaction between
the owner and the other person (the invitee of an ``OUTGOING`` one, the
inviter of an ``INCOMING`` one): a ``message`` when it carried a note, else
``social`` (a bare request keeps people visible, nothing more). People are
matched, never created: import ``Connections.csv`` first; who is left out is
named in the import report.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import Problem
from refgraph.importers.common import (
    ImportResult,
    column_text,
    contacts_frame,
    decode,
    interactions_frame,
    parse_dates,
    read_bytes,
    read_csv_records,
)
from refgraph.importers.normalise import normalise_name, normalise_url, person_name
from refgraph.io.text import map_unique

#: ``Sent At`` spellings: ``1/15/24, 3:04 PM`` (current), ISO with ``UTC`` (older).
SENT_AT_FORMATS: tuple[str, ...] = (
    "%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"


def is_invitations_header(cells: list[str]) -> bool:
    """Whether a CSV row is the header of ``Invitations.csv``.

    Examples
    --------
    >>> is_invitations_header(INVITATIONS_HEADER.split(","))
    True
    """
    folded = {cell.strip().casefold() for cell in cells}
    return {"from", "to", "sent at", "direction"} <= folded


def read_invitations(path: str | Path, *, owner: str = "me",
                     encoding: str | None = None) -> ImportResult:
    """Read LinkedIn's ``Invitations.csv`` as interactions with the owner.

    Parameters
    ----------
    path : str or Path
        The file from the LinkedIn data export.
    owner : str
        Contact id of the network's owner.
    encoding : str, optional
        Text encoding; UTF-8 with or without BOM is recognised.

    Returns
    -------
    ImportResult
        One interaction per invitation, dated on ``Sent At``; the other
        person keyed like ``Connections.csv`` keys them (profile URL, else
        name). Rows without a direction, a person or a readable date are
        listed in ``skipped`` with their line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "Invitations.csv"
    >>> _ = path.write_text(INVITATIONS_HEADER + "\\n"
    ...     "Sam Carter,Ann Smith,\\"1/15/24, 3:04 PM\\",Hi Ann,OUTGOING,"
    ...     "https://www.linkedin.com/in/sam,https://www.linkedin.com/in/ann-smith\\n")
    >>> read_invitations(path).interactions[["date", "target", "kind"]].values.tolist()
    [['2024-01-15T15:04:00+00:00', 'linkedin:url:linkedin.com/in/ann-smith', 'message']]
    """
    raw, label = read_bytes(path)
    records = read_csv_records(decode(raw, label, encoding), label,
                               is_header=is_invitations_header,
                               expected_header=INVITATIONS_HEADER)
    frame = records.frame()

    def text(*names: str) -> pd.Series:
        return column_text(records, frame, *names)

    direction = text("Direction").str.upper()
    outgoing = (direction == "OUTGOING").to_numpy()
    rows = pd.DataFrame({
        "name": np.where(outgoing, text("To"), text("From")),
        "url": np.where(outgoing, text("inviteeProfileUrl"), text("inviterProfileUrl")),
        "message": text("Message"),
        "sent": text("Sent At"),
        "direction": direction,
        "line": frame["_line"],
    })
    rows["name"] = map_unique(rows["name"].astype(object), person_name)
    skipped = list(records.skipped)
    unknown = ~rows["direction"].isin(["OUTGOING", "INCOMING"]).to_numpy()
    skipped += [Problem(label, int(r.line), "Direction",
                        f"{r.direction!r} is not a direction; expected OUTGOING or INCOMING; "
                        "the invitation is skipped") for r in rows[unknown].itertuples()]
    rows = rows[~unknown]
    urls = map_unique(rows["url"].astype(object), normalise_url)
    names = map_unique(rows["name"].astype(object), normalise_name)
    rows["id"] = np.where(urls != "", "linkedin:url:" + urls,
                          np.where(names != "", "linkedin:name:" + names + "|", ""))
    nobody = (rows["id"] == "").to_numpy()
    skipped += [Problem(label, int(r.line), "From, To",
                        "no name or profile URL for the other person; the invitation is "
                        "skipped") for r in rows[nobody].itertuples()]
    rows = rows[~nobody].copy()
    rows["date"] = parse_dates(rows["sent"], SENT_AT_FORMATS, with_time=True)
    undated = (rows["date"] == "").to_numpy()
    skipped += [Problem(label, int(r.line), "Sent At",
                        f"{r.sent!r} is not a date; expected e.g. 1/15/24, 3:04 PM; the "
                        "invitation is skipped") for r in rows[undated].itertuples()]
    rows = rows[~undated]
    people = rows.drop_duplicates("id")
    contacts = contacts_frame(pd.DataFrame({"id": people["id"], "name": people["name"],
                                            "url": people["url"]}))
    contacts["name"] = contacts["name"].where(contacts["name"] != "", contacts["id"])
    interactions = interactions_frame(pd.DataFrame({
        "date": rows["date"],
        "source": owner,
        "target": rows["id"],
        "kind": np.where(rows["message"] != "", "message", "social"),
        "value": "",
        "notes": np.where(rows["direction"] == "OUTGOING", "LinkedIn invitation sent",
                          "LinkedIn invitation received"),
    })).drop_duplicates(ignore_index=True)
    return ImportResult(
        source="linkedin-invitations",
        file=label,
        contacts=contacts,
        interactions=interactions,
        skipped=sorted(skipped, key=lambda p: p.line or 0),
        create_contacts=False,
        owner=owner,
    )
