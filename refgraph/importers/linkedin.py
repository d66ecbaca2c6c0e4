"""LinkedIn data export: ``Connections.csv`` and ``messages.csv``.

Get them from LinkedIn: Settings & Privacy, Data privacy, Get a copy of your
data, then "Connections" (and "Messages"). The archive arrives by e-mail.

``Connections.csv`` starts with a few ``Notes:`` lines before its header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``;
very old exports have no preamble and no ``URL`` column. Columns are matched by
name. Each connection becomes a contact (keyed by profile URL, else e-mail,
else name and company) and its ``Connected On`` date a ``card`` interaction
with the owner. ``messages.csv`` becomes ``message`` interactions between the
owner and the people they wrote with: one per person per day, however many
messages were exchanged that day.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from refgraph.errors import DataValidationError, Problem, RefgraphError
from refgraph.importers.common import (
    ImportResult,
    column_text,
    contacts_frame,
    decode,
    drop_nameless,
    email_list,
    email_problems,
    interactions_frame,
    join_names,
    merge_duplicate_keys,
    parse_dates,
    read_bytes,
    read_csv_records,
    record_keys,
)
from refgraph.importers.details import day_first
from refgraph.importers.normalise import normalise_name, normalise_url
from refgraph.io.text import clean_identifier

#: ``Connected On`` spellings seen across the years: ``12 Mar 2021`` (current),
#: ``7-Feb-22`` (old, and files re-saved by Excel), ``03/15/2024`` (US locale;
#: ``15/03/2024`` when the file shows it was re-saved in a day-first locale).
CONNECTED_ON_FORMATS: tuple[str, ...] = (
    "%d %b %Y", "%d-%b-%y", "%m/%d/%Y", "%d %B %Y", "%d-%b-%Y", "%Y-%m-%d", "%m/%d/%y",
)
#: ``DATE`` spellings in ``messages.csv`` (``2023-05-01 14:22:10 UTC``).
MESSAGE_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S UTC",
    "%Y-%m-%d %H:%M UTC", "%Y-%m-%d",
)
_CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _is_connections_header(cells: list[str]) -> bool:
    return [cell.casefold() for cell in cells[:2]] == ["first name", "last name"]


def read_connections(
    path: str | Path, *, owner: str = "me", encoding: str | None = None
) -> ImportResult:
    """Read LinkedIn's ``Connections.csv``.

    Parameters
    ----------
    path : str or Path
        The file from the LinkedIn data export.
    owner : str
        Contact id of the network's owner, the other side of each ``card``.
    encoding : str, optional
        Text encoding; UTF-8 with or without BOM is recognised.

    Returns
    -------
    ImportResult
        One contact per connection (``company``, ``profession`` from
        ``Position``, ``email`` when shared) and one ``card`` interaction per
        ``Connected On`` date. Rows without a name (hidden or closed profiles)
        and unreadable dates are listed in ``skipped``.

    Raises
    ------
    DataValidationError
        When no ``First Name,Last Name`` header is found, the bytes cannot be
        decoded or the CSV is malformed; the message names file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "Connections.csv"
    >>> _ = path.write_text('Notes:\\n"Some e-mails are missing."\\n\\n'
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Ann,Smith,https://www.linkedin.com/in/ann-smith,,Acme,Designer,12 Mar 2021\\n")
    >>> result = read_connections(path)
    >>> result.contacts[["id", "name", "profession"]].values.tolist()
    [['linkedin:url:linkedin.com/in/ann-smith', 'Ann Smith', 'Designer']]
    >>> result.interactions[["date", "source", "kind"]].values.tolist()
    [['2021-03-12', 'me', 'card']]
    """
    raw, label = read_bytes(path)
    records = read_csv_records(decode(raw, label, encoding), label,
                               is_header=_is_connections_header,
                               expected_header=_CONNECTIONS_HEADER)
    frame = records.frame()

    def text(*names: str) -> pd.Series:
        return column_text(records, frame, *names)

    people = pd.DataFrame({
        "name": join_names(text("First Name"), text("Last Name")),
        "url": text("URL", "Profile URL"),
        "email": email_list(text("Email Address", "E-mail Address", "Email")),
        "company": text("Company", "Company Name"),
        "profession": text("Position", "Title"),
        "connected": text("Connected On"),
        "line": frame["_line"],
    })
    people, nameless = drop_nameless(people, label, "First Name, Last Name",
                                     "no name (a hidden or closed profile); the row is skipped")
    skipped = list(records.skipped) + nameless
    email_column = records.column("Email Address", "E-mail Address", "Email")
    if email_column:
        kept = frame["_line"].isin(people["line"])
        skipped += email_problems(frame.loc[kept, email_column], frame.loc[kept, "_line"],
                                  label, email_column)
    people["id"] = record_keys("linkedin", people, ["url", "email"])

    formats = CONNECTED_ON_FORMATS
    if day_first(people["connected"]):  # re-saved by Excel in a day-first locale
        formats = tuple(f.replace("%m/%d/", "%d/%m/") for f in formats)
    people["date"] = parse_dates(people["connected"], formats)
    bad_date = ((people["date"] == "") & (people["connected"] != "")).to_numpy()
    skipped += [Problem(label, int(row.line), "Connected On",
                        f"{row.connected!r} is not a date; expected e.g. 12 Mar 2021, 7-Feb-22 "
                        "or 03/15/2024; the contact is imported without its card")
                for row in people[bad_date].itertuples()]
    dated = people[people["date"] != ""]
    interactions = interactions_frame(pd.DataFrame({
        "date": dated["date"],
        "source": owner,
        "target": dated["id"],
        "kind": "card",
        "value": "",
        "notes": "Connected on LinkedIn",
    })).drop_duplicates(ignore_index=True)
    return ImportResult(
        source="linkedin",
        file=label,
        contacts=merge_duplicate_keys(contacts_frame(people)),
        interactions=interactions,
        skipped=sorted(skipped, key=lambda p: p.line or 0),
        owner=owner,
    )


# --------------------------------------------------------------------------- messages


def _is_messages_header(cells: list[str]) -> bool:
    folded = {cell.casefold() for cell in cells}
    return {"from", "date"} <= folded and ("conversation id" in folded or "to" in folded)


def _participant(urls: pd.Series, names: pd.Series) -> pd.Series:
    """A participant token: ``url:...`` when there is a profile URL, else ``name:...``."""
    by_url = urls.map(normalise_url)
    by_name = names.map(normalise_name)
    return pd.Series(np.where(by_url != "", "url:" + by_url,
                              np.where(by_name != "", "name:" + by_name, "")),
                     index=urls.index, dtype=object)


def _names_to_urls(participants: pd.DataFrame) -> pd.Series:
    """Replace name tokens by the profile URL the same name has elsewhere in the file.

    Older exports give recipients by name only; senders come with their URL.
    A name seen with exactly one URL is that person.
    """
    tokens = participants["token"]
    with_url = participants[tokens.str.startswith("url:")]
    names = with_url["name"].map(normalise_name)
    urls_of_name = with_url.assign(norm=names)[names != ""].groupby("norm")["token"].unique()
    unique = {name: urls[0] for name, urls in urls_of_name.items() if len(urls) == 1}
    by_name = tokens.str.removeprefix("name:").map(unique)
    return tokens.where(~tokens.str.startswith("name:") | by_name.isna(), by_name)


def _owner_token(participants: pd.DataFrame, me: str | None, label: str) -> str:
    """The owner's token: given by ``me``, else whoever is in the most conversations."""
    if me:
        url = normalise_url(me)
        token = ("url:" + url) if ("linkedin.com" in url or "/" in url) else (
            "name:" + normalise_name(me))
        if token not in set(participants["token"]):
            raise RefgraphError(f"{label}: {me!r} does not appear in any message")
        return token
    counts = participants.drop_duplicates(["conversation", "token"])["token"].value_counts()
    counts = counts[counts.index != ""]
    if counts.empty:
        raise DataValidationError([Problem(label, None, "FROM", "no senders found")])
    if len(counts) > 1 and counts.iloc[0] == counts.iloc[1]:
        raise RefgraphError(
            f"{label}: cannot tell which participant is you ({counts.index[0]} and "
            f"{counts.index[1]} are in as many conversations); pass your profile URL or "
            "name (--me)"
        )
    return str(counts.index[0])


def read_messages(
    path: str | Path,
    *,
    owner: str = "me",
    me: str | None = None,
    encoding: str | None = None,
) -> ImportResult:
    """Read LinkedIn's ``messages.csv`` as ``message`` interactions.

    Parameters
    ----------
    path : str or Path
        The file from the LinkedIn data export.
    owner : str
        Contact id of the network's owner.
    me : str, optional
        The owner's profile URL or name as it appears in the file. By default
        the participant present in the most conversations.
    encoding : str, optional
        Text encoding; UTF-8 with or without BOM is recognised.

    Returns
    -------
    ImportResult
        One ``message`` interaction per person and day, between the owner and
        whoever they wrote to or heard from. Spam, drafts and messages the
        owner is not part of are skipped. Contacts are only matched, never
        created: import ``Connections.csv`` first.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "messages.csv"
    >>> _ = path.write_text(
    ...     "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
    ...     "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\\n"
    ...     "c1,,Me Myself,https://www.linkedin.com/in/me,Ann Smith,"
    ...     "https://www.linkedin.com/in/ann-smith,2023-05-01 14:22:10 UTC,,Hi,INBOX\\n"
    ...     "c1,,Ann Smith,https://www.linkedin.com/in/ann-smith,Me Myself,"
    ...     "https://www.linkedin.com/in/me,2023-05-01 15:01:00 UTC,,Hello,INBOX\\n"
    ...     "c2,,Me Myself,https://www.linkedin.com/in/me,Bo Li,"
    ...     "https://www.linkedin.com/in/bo,2023-05-02 09:00:00 UTC,,Hey,INBOX\\n")
    >>> for row in read_messages(path).interactions[["date", "target"]].values.tolist():
    ...     print(row)
    ['2023-05-01', 'linkedin:url:linkedin.com/in/ann-smith']
    ['2023-05-02', 'linkedin:url:linkedin.com/in/bo']
    """
    raw, label = read_bytes(path)
    records = read_csv_records(decode(raw, label, encoding), label,
                               is_header=_is_messages_header,
                               expected_header="CONVERSATION ID,...,FROM,...,TO,...,DATE")
    frame = records.frame()

    def text(*names: str) -> pd.Series:
        return column_text(records, frame, *names)

    messages = pd.DataFrame({
        "conversation": text("CONVERSATION ID"),
        "from": text("FROM").map(clean_identifier),
        "sender_url": text("SENDER PROFILE URL"),
        "to": text("TO"),
        "recipient_urls": text("RECIPIENT PROFILE URLS"),
        "date_text": text("DATE"),
        "folder": text("FOLDER").str.upper(),
        "draft": text("IS MESSAGE DRAFT").str.casefold(),
        "line": frame["_line"],
    })
    skipped = list(records.skipped)
    dropped = (messages["folder"] == "SPAM") | messages["draft"].isin(["yes", "true"])
    messages = messages[~dropped.to_numpy()].reset_index(drop=True)
    messages["conversation"] = messages["conversation"].where(
        messages["conversation"] != "", "line " + messages["line"].astype(str))

    # One row per (message, participant): the sender, then each recipient.
    has_urls = records.column("RECIPIENT PROFILE URLS") is not None
    sender = pd.DataFrame({
        "message": messages.index, "conversation": messages["conversation"],
        "role": "sender", "name": messages["from"],
        "token": _participant(messages["sender_url"], messages["from"]),
    })
    to_names = messages["to"].str.split(", ")
    if has_urls:
        to_urls = messages["recipient_urls"].str.split(r"[,\s]+", regex=True).map(
            lambda urls: [u for u in urls if u])
        same_count = to_names.str.len() == to_urls.str.len()
        to_names = to_names.where(same_count, to_urls.map(lambda urls: [""] * len(urls)))
        lists = pd.DataFrame({"url": to_urls, "name": to_names})
    else:
        lists = pd.DataFrame({"url": to_names.map(lambda names: [""] * len(names)),
                              "name": to_names})
    lists["message"] = messages.index
    recipients = lists.explode(["url", "name"]).dropna(subset=["name"])
    recipients["name"] = recipients["name"].fillna("").map(clean_identifier)
    recipients = pd.DataFrame({
        "message": recipients["message"].to_numpy(),
        "conversation": messages["conversation"].to_numpy()[recipients["message"].to_numpy(
            dtype=np.int64)],
        "role": "recipient",
        "name": recipients["name"].to_numpy(),
        "token": _participant(recipients["url"].fillna("").reset_index(drop=True),
                              recipients["name"].reset_index(drop=True)).to_numpy(),
    })
    participants = pd.concat([sender, recipients], ignore_index=True)
    participants = participants[participants["token"] != ""]
    participants["token"] = _names_to_urls(participants)
    me_token = _owner_token(participants, me, label)

    # The owner's counterpart in each message: the recipients when the owner
    # wrote, the sender when the owner was written to.
    owner_sent = set(participants.loc[(participants["role"] == "sender")
                                      & (participants["token"] == me_token), "message"])
    owner_in = set(participants.loc[participants["token"] == me_token, "message"])
    others = participants[participants["token"] != me_token]
    wrote = others["message"].isin(owner_sent) & (others["role"] == "recipient")
    heard = ~others["message"].isin(owner_sent) & others["message"].isin(owner_in) & (
        others["role"] == "sender")
    counterparts = others[(wrote | heard).to_numpy()].copy()
    not_involved = messages.index.difference(pd.Index(sorted(owner_in)))
    skipped += [Problem(label, int(messages.at[i, "line"]), "FROM, TO",
                        "you are neither the sender nor a recipient; the message is skipped")
                for i in not_involved]

    positions = counterparts["message"].to_numpy(dtype=np.int64)
    date_text = pd.Series(messages["date_text"].to_numpy()[positions],
                          index=counterparts.index, dtype=object)
    counterparts["date"] = parse_dates(date_text, MESSAGE_DATE_FORMATS)
    counterparts["line"] = messages["line"].to_numpy()[positions]
    bad = counterparts[counterparts["date"] == ""].drop_duplicates("message")
    skipped += [Problem(label, int(row.line), "DATE",
                        f"{messages.at[row.message, 'date_text']!r} is not a date; expected "
                        "e.g. 2023-05-01 14:22:10 UTC")
                for row in bad.itertuples()]
    counterparts = counterparts[counterparts["date"] != ""]

    # Keys as Connections.csv makes them, so both files name a person alike.
    kind = counterparts["token"].str.split(":", n=1).str[0]
    counterparts["key"] = ("linkedin:" + counterparts["token"]
                           + np.where(kind == "name", "|", ""))
    people = counterparts.drop_duplicates("key")
    contacts = contacts_frame(pd.DataFrame({"id": people["key"], "name": people["name"]}))
    contacts["name"] = contacts["name"].where(contacts["name"] != "", contacts["id"])
    interactions = interactions_frame(pd.DataFrame({
        "date": counterparts["date"],
        "source": owner,
        "target": counterparts["key"],
        "kind": "message",
        "value": "",
        "notes": "LinkedIn messages",
    })).drop_duplicates(["date", "target"], ignore_index=True)
    interactions = interactions.sort_values(["date", "target"], ignore_index=True)
    return ImportResult(
        source="linkedin-messages",
        file=label,
        contacts=contacts,
        interactions=interactions,
        skipped=sorted(skipped, key=lambda p: p.line or 0),
        create_contacts=False,
        owner=owner,
    )
