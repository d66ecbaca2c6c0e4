"""vCard files (``.vcf``): iPhone, macOS, Android and Nextcloud address books.

Get one from iPhone/macOS Contacts (select the contacts, File, Export, Export
vCard) or Android/Google Contacts (Export, vCard).

Versions 2.1, 3.0 and 4.0 are read with ``vobject``: folded lines,
quoted-printable text and Apple's grouped properties (``item1.EMAIL``) are
handled there. Base64 text (``ORG;ENCODING=b:...``) is decoded here, in its
``CHARSET``, for every property but the binary ones. Lines may end in
``\r\n``, ``\n``, a lone ``\r`` (old Mac files) or ``\r\r\n`` (a file converted
to Windows line ends twice), each one line end. Each card is parsed on its
own, so one broken card is listed in ``skipped`` and the rest of the file is
read. Photos are ignored.
"""

from __future__ import annotations

import base64
import codecs
import re
from pathlib import Path
from typing import Any

import pandas as pd

from refgraph.errors import DataValidationError, Problem
from refgraph.importers.common import (
    LIST_SEPARATOR,
    ImportResult,
    contacts_frame,
    decode,
    email_list,
    email_problems,
    interactions_frame,
    join_values,
    merge_duplicate_keys,
    read_bytes,
    record_keys,
)
from refgraph.importers.details import birthdays, join_address
from refgraph.importers.normalise import person_name
from refgraph.io.text import clean_text

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_BAD_LINE = re.compile(r"Failed to parse line: (?P<line>.*)$")
_QUOTED_PRINTABLE = re.compile(r"^[^:]*;(ENCODING=)?QUOTED-PRINTABLE[;:]", re.IGNORECASE)
#: Single-text properties whose unescaped commas vobject would cut the value at.
_FREE_TEXT = {"FN", "NOTE", "TITLE", "ROLE", "ORG"}
_BARE_COMMA = re.compile(r"(?<!\\),")
_BDAY = re.compile(r"^([\w-]+\.)?BDAY[;:]", re.IGNORECASE)
_EMAIL = re.compile(r"^([\w-]+\.)?EMAIL[;:]", re.IGNORECASE)
#: A line and its end: ``\r\n``, ``\n``, a lone ``\r`` (Mac OS 9 and older), or
#: ``\r\r\n`` (a file converted to Windows line ends twice) and longer runs of
#: ``\r`` before a ``\n``, which are one line end, not a blank line each.
_LINE = re.compile(r"[^\r\n]*(?:\r*\n|\r)|[^\r\n]+$")
#: Properties whose base64 value is binary data (a picture, a sound, a key), not text.
_BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
#: Parameters that say a value is base64 (3.0 ``ENCODING=b``; 2.1 ``ENCODING=BASE64``
#: or a bare ``BASE64``), as :func:`_param_key` spells them.
_BASE64_PARAMS = {"ENCODING=B", "ENCODING=BASE64", "BASE64"}
#: 2.1 parameters saying a value is plain text; vobject would take them for base64.
_PLAIN_PARAMS = {"ENCODING=7BIT", "ENCODING=8BIT", "7BIT", "8BIT"}
#: A property line: the name and parameters (quoted values may hold colons), the value.
_PROPERTY = re.compile(r'^(?P<head>(?:[^:"]|"[^"]*")*):(?P<value>.*)$', re.DOTALL)


def _lines(text: str) -> list[str]:
    r"""Split text into lines at ``\r\n``, ``\n`` or a lone ``\r``; each ends ``\r\n``.

    Old Mac exports end lines with a lone ``\r``, and files edited on two
    systems mix endings. A file that went through a Windows tool twice ends
    its lines ``\r\r\n``: that is one line end (so line numbers count as
    ``grep -n`` does, and folded lines stay folded), while two lone ``\r`` are a
    blank line. Other line separators (``\u2028``) stay inside values.

    Examples
    --------
    >>> _lines("BEGIN:VCARD\rFN:Ann\u2028Lee\r\nNOTE:x\nEND:VCARD")
    ['BEGIN:VCARD\r\n', 'FN:Ann\u2028Lee\r\n', 'NOTE:x\r\n', 'END:VCARD\r\n']
    >>> _lines("FN:Ann\r\r\nNOTE:x\r\rEND:VCARD")
    ['FN:Ann\r\n', 'NOTE:x\r\n', '\r\n', 'END:VCARD\r\n']
    """
    return [line.rstrip("\r\n") + "\r\n" for line in _LINE.findall(text)]


def _cards(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    """Split a file into (first line, card text) chunks; also unterminated card lines."""
    cards: list[tuple[int, str]] = []
    unterminated: list[int] = []
    start: int | None = None
    chunk: list[str] = []
    for number, line in enumerate(_lines(text), start=1):
        bare = line.rstrip("\r\n")
        if _BEGIN.match(bare):
            if start is not None:
                unterminated.append(start)
            start, chunk = number, [line]
        elif start is not None:
            chunk.append(line)
            if _END.match(bare):
                cards.append((start, "".join(chunk)))
                start, chunk = None, []
    if start is not None:
        unterminated.append(start)
    return cards, unterminated


def _base64_text(value: str, charset: str) -> str:
    """The text a base64 value holds in ``charset``; ValueError saying why when none.

    Writers that drop the ``=`` padding are forgiven; anything else that is
    not base64, or bytes that are not text in ``charset``, are not.

    Examples
    --------
    >>> _base64_text("Q2Fmw6kgTHRk", "UTF-8")
    'Café Ltd'
    >>> _base64_text("Q2Fm6SBMdGQ", "ISO-8859-1")
    'Café Ltd'
    >>> _base64_text("Café", "UTF-8")
    Traceback (most recent call last):
    ValueError: 'Café' is not base64
    """
    data = re.sub(r"\s+", "", value)
    padding = "=" * (-len(data) % 4 if len(data) % 4 != 1 else 0)
    try:
        raw = base64.b64decode(data + padding, validate=True)
    except ValueError:  # binascii.Error, or non-ASCII text
        shown = data if len(data) <= 24 else data[:21] + "..."
        raise ValueError(f"{shown!r} is not base64") from None
    try:
        codecs.lookup(charset)
    except LookupError:
        raise ValueError(f"CHARSET={charset} is not a character set") from None
    try:
        return raw.decode(charset)
    except UnicodeDecodeError as exc:
        raise ValueError(f"byte {exc.start} (0x{raw[exc.start]:02x}) of the decoded "
                         f"base64 is not {charset} text") from None


def _param_key(param: str) -> str:
    """A parameter as compared: upper case, without spaces or quotes (``ENCODING=B``)."""
    return re.sub(r'[\s"]', "", param).upper()


def _decode_base64_text(chunk: str, start: int, label: str) -> tuple[str, list[Problem]]:
    r"""Decode every base64 text value of a card (``ORG;ENCODING=b:...``) in place.

    vCard 2.1 writers (old Nokia and Sony Ericsson phones, some CRMs) may
    base64-encode any text property; vobject decodes only some of them (not
    ``ORG`` or ``N``) and ignores ``CHARSET``. Decoding here, before parsing,
    treats every text property alike: the value becomes escaped text in UTF-8
    and the encoding parameters go (``ENCODING=8BIT``, which says the value
    is plain text, goes too). Binary properties (``PHOTO``) and extensions,
    which may be binary too (Outlook's ``X-MS-CARDPICTURE``) and are not
    read, are left as they are. A value that is not base64, or not text in
    its ``CHARSET`` (UTF-8 when absent), is dropped with a problem naming its
    line and property; the rest of the card is read.

    Parameters
    ----------
    chunk : str
        One card, lines ending ``\r\n``.
    start : int
        The file line the card starts on, for problems.
    label : str
        The file, for problems.

    Returns
    -------
    tuple of (str, list of Problem)
        The card with its text decoded, and the values left out.

    Examples
    --------
    >>> card = ("BEGIN:VCARD\r\nORG;CHARSET=ISO-8859-1;ENCODING=BASE64:Q2Fm6SBMdGQ=\r\n"
    ...         "TITLE;ENCODING=b:%%\r\nEND:VCARD\r\n")
    >>> text, problems = _decode_base64_text(card, 10, "contacts.vcf")
    >>> text
    'BEGIN:VCARD\r\nORG:Café Ltd\r\nEND:VCARD\r\n'
    >>> print(problems[0])
    contacts.vcf, line 12, column 'TITLE': '%%' is not base64; the card is read without it
    """
    lines = _lines(chunk)
    out: list[str] = []
    problems: list[Problem] = []
    offset = 0
    while offset < len(lines):
        line, line_number = lines[offset], start + offset
        offset += 1
        found = _PROPERTY.match(line.rstrip("\r\n"))
        if found is None or line[:1] in (" ", "\t"):
            out.append(line)
            continue
        name, *params = found["head"].split(";")
        bare_name = name.rsplit(".", 1)[-1].strip().upper()
        markers = {_param_key(p) for p in params}
        if (bare_name in _BINARY or bare_name.startswith("X-")
                or not markers & (_BASE64_PARAMS | _PLAIN_PARAMS)):
            out.append(line)
            continue
        if not markers & _BASE64_PARAMS:
            kept = [p for p in params if _param_key(p) not in _PLAIN_PARAMS]
            out.append(";".join([name, *kept]) + ":" + found["value"] + "\r\n")
            continue
        value = found["value"]
        while offset < len(lines) and lines[offset][:1] in (" ", "\t"):  # folded on
            value += lines[offset]
            offset += 1
        charset = next((_param_key(p).split("=", 1)[1] for p in params
                        if _param_key(p).startswith("CHARSET=")), "") or "UTF-8"
        try:
            text = _base64_text(value, charset)
        except ValueError as exc:
            problems.append(Problem(label, line_number, bare_name,
                                    f"{exc}; the card is read without it"))
            continue
        kept = [p for p in params if _param_key(p) not in _BASE64_PARAMS
                and not _param_key(p).startswith("CHARSET=")]
        escaped = re.sub(r"\r\n|\r|\n", r"\\n", text)  # a line break in a value is \n
        out.append(";".join([name, *kept]) + ":" + escaped + "\r\n")
    return "".join(out), problems


def _join_soft_breaks(chunk: str) -> str:
    r"""Join quoted-printable soft line breaks (a value line ending in ``=``).

    Android and older Outlook write long 2.1 values this way; the next line
    has no leading space, so vCard unfolding does not join it.

    Examples
    --------
    >>> _join_soft_breaks("NOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 at =\r\nnoon\r\nEND:VCARD\r\n")
    'NOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 at noon\r\nEND:VCARD\r\n'
    """
    out: list[str] = []
    joining = False
    for line in _lines(chunk):
        if joining:
            out[-1] = out[-1].rstrip("\r\n")[:-1] + line
        else:
            out.append(line)
        joining = (bool(_QUOTED_PRINTABLE.match(out[-1]))
                   and out[-1].rstrip("\r\n").endswith("="))
    return "".join(out)


def _escape_commas(chunk: str) -> str:
    r"""Escape the bare commas of free-text properties (``NOTE:Owner, founder``).

    vCard 2.1 (Android) never escapes commas and some 3.0 writers forget to;
    vobject then keeps only the text before the first comma.

    Examples
    --------
    >>> _escape_commas("TITLE:Owner, founder\r\nCATEGORIES:a,b\r\n")
    'TITLE:Owner\\, founder\r\nCATEGORIES:a,b\r\n'
    """
    out: list[str] = []
    free_text = False
    for line in _lines(chunk):
        if line[:1] in (" ", "\t"):  # a folded continuation of the property above
            out.append(_BARE_COMMA.sub(r"\\,", line) if free_text else line)
            continue
        head, colon, value = line.partition(":")
        name = re.split(r"[;]", head, maxsplit=1)[0].rsplit(".", 1)[-1].strip().upper()
        free_text = bool(colon) and name in _FREE_TEXT
        out.append(head + colon + _BARE_COMMA.sub(r"\\,", value) if free_text else line)
    return "".join(out)


def _values(card: Any, name: str) -> list[Any]:
    return [item.value for item in card.contents.get(name, [])]


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = " ".join(_text(v) for v in value if v)
    return clean_text(str(value)) if value is not None else ""


def _name_of(card: Any) -> str:
    """The person's name: ``N`` (given, additional, family, suffix), else ``FN``.

    ``N`` names its parts, so the prefix (``Mr``) is left out for certain;
    ``FN`` is free text and parsed by nameparser.
    """
    for structured in _values(card, "n"):
        parts = [getattr(structured, part, "") for part in ("given", "additional", "family",
                                                               "suffix")]
        name = person_name(" ".join(_text(p) for p in parts), ordered=True)
        if name:
            return name
    for full in _values(card, "fn"):
        name = person_name(_text(full))
        if name:
            return name
    return ""


def _first_org(card: Any) -> str:
    for org in _values(card, "org"):
        units = org if isinstance(org, list | tuple) else [org]
        for unit in units:
            if _text(unit):
                return _text(unit)
    return ""


def _categories(card: Any) -> str:
    tags: list[str] = []
    for value in _values(card, "categories"):
        items = value if isinstance(value, list | tuple) else str(value).split(",")
        tags += [_text(item).replace(";", ",") for item in items]
    return join_values(tags)


def _phone(value: Any) -> str:
    text = _text(value)
    return text[4:] if text.lower().startswith("tel:") else text


def _record(card: Any) -> dict[str, str]:
    return {
        "name": _name_of(card),
        "company": _first_org(card),
        "profession": next((_text(v) for k in ("title", "role") for v in _values(card, k)
                            if _text(v)), ""),
        "email": LIST_SEPARATOR.join(_text(v) for v in _values(card, "email")),
        "phone": join_values(_phone(v) for v in _values(card, "tel")),
        "tags": _categories(card),
        "notes": "\n".join(_text(v) for v in _values(card, "note") if _text(v)),
        "uid": next((_text(v) for v in _values(card, "uid") if _text(v)), ""),
        "birthday": next((_text(v) for v in _values(card, "bday") if _text(v)), ""),
        "url": next((_text(v) for v in _values(card, "url") if _text(v)), ""),
        **_address_of(card),
    }


def _address_of(card: Any) -> dict[str, str]:
    """The first ``ADR`` as one line, and its city."""
    for adr in _values(card, "adr"):
        parts = [_text(getattr(adr, part, "")) for part in
                 ("box", "extended", "street", "city", "region", "code", "country")]
        if any(parts):
            return {"address": join_address(*parts), "city": parts[3]}
    return {"address": "", "city": ""}


def read_vcards(path: str | Path, *, encoding: str | None = None) -> ImportResult:
    """Read a vCard file with one or many cards.

    Parameters
    ----------
    path : str or Path
        The ``.vcf`` file.
    encoding : str, optional
        Text encoding; UTF-8 (BOM optional) and UTF-16 with a BOM are recognised.

    Returns
    -------
    ImportResult
        One contact per card: name (``FN``, else ``N``), company (first
        ``ORG`` unit), profession (``TITLE``), every ``EMAIL`` and ``TEL``,
        ``CATEGORIES`` as tags, ``NOTE``, ``BDAY`` (as ``birthday``), the
        first ``URL`` and the first ``ADR`` (``address``, and its ``city``).
        Base64 text (``ENCODING=b``, ``ENCODING=BASE64`` or ``BASE64``) is
        decoded in its ``CHARSET`` (UTF-8 when absent). Cards keyed by
        ``UID`` when they have one. Broken and nameless cards, and values
        that are not valid base64 text, are listed in ``skipped``.

    Raises
    ------
    DataValidationError
        When the file holds no ``BEGIN:VCARD`` at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "contacts.vcf"
    >>> _ = path.write_text("BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Zoë Müller\\r\\n"
    ...     "ORG:Cheese\\\\, Wine & Co;Sales\\r\\nEMAIL;type=INTERNET:zoe@exam\\r\\n ple.com\\r\\n"
    ...     "END:VCARD\\r\\n")
    >>> read_vcards(path).contacts[["name", "company", "email"]].values.tolist()
    [['Zoë Müller', 'Cheese, Wine & Co', 'zoe@example.com']]
    """
    import vobject

    raw, label = read_bytes(path)
    text = decode(raw, label, encoding)
    cards, unterminated = _cards(text)
    if not cards and not unterminated:
        raise DataValidationError([Problem(
            label, None, None, "no BEGIN:VCARD found; expected a vCard (.vcf) file"
        )])
    skipped = [Problem(label, line, "END", "card has no END:VCARD; it is skipped")
               for line in unterminated]
    rows: list[dict[str, Any]] = []
    for start, chunk in cards:
        decoded, bad_values = _decode_base64_text(chunk, start, label)
        try:
            card = vobject.readOne(_escape_commas(_join_soft_breaks(decoded)))
        except Exception as exc:  # vobject raises assorted errors on malformed cards
            message = str(exc)
            line, field = start, None
            bad = _BAD_LINE.search(message)
            if bad:
                for offset, card_line in enumerate(_lines(chunk)):
                    if card_line.strip() and card_line.strip() == bad["line"].strip():
                        line = start + offset
                        field = re.split(r"[;:]", card_line.strip(), maxsplit=1)[0]
                        break
            reason = re.sub(r"^At line \d+: ", "", message).strip() or type(exc).__name__
            skipped.append(Problem(label, line, field,
                                   f"broken card ({reason}); the card is skipped"))
            continue
        skipped += bad_values
        record = _record(card)
        if not record["name"]:
            fallback = record["company"] or record["email"].split(";")[0] or (
                record["phone"].split(";")[0])
            if not fallback:
                skipped.append(Problem(label, start, "FN",
                                       "card has no name, e-mail or phone; it is skipped"))
                continue
            record["name"] = fallback.strip()
        record["line"] = start
        record["bday_line"] = start + next(
            (i for i, text in enumerate(_lines(chunk)) if _BDAY.match(text)), 0)
        email_lines = [start + i for i, text in enumerate(_lines(chunk)) if _EMAIL.match(text)]
        values = [_text(v) for v in _values(card, "email")]
        if len(values) == len(email_lines):  # each on its line, in order
            skipped += email_problems(pd.Series(values, dtype=object),
                                      pd.Series(email_lines), label, "EMAIL")
        rows.append(record)

    people = pd.DataFrame(rows, columns=["name", "company", "profession", "email", "phone",
                                         "tags", "notes", "uid", "birthday", "url", "address",
                                         "city", "line", "bday_line"])
    people["email"] = email_list(people["email"])
    people["birthday"], bad_days = birthdays(people["birthday"], people["bday_line"], label,
                                             "BDAY")
    skipped += bad_days
    people["id"] = record_keys("vcard", people, ["uid", "email", "phone"])
    return ImportResult(
        source="vcard",
        file=label,
        contacts=merge_duplicate_keys(contacts_frame(people)),
        interactions=interactions_frame(),
        skipped=sorted(skipped, key=lambda p: p.line or 0),
    )
