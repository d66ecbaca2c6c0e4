"""Normalising contact details for comparison: e-mails, phones, names, companies, URLs.

Identity resolution (:mod:`refgraph.importers.identity`) and every importer
compare people through these functions, so "Dr. Zoë O'Brien" and "zoe
obrien" are one name, ``07700 900123`` and ``+44 7700 900123`` one phone.
Phone numbers are read by ``phonenumbers``; names and companies are folded
to ASCII words without titles, degrees or legal suffixes. New contact ids are
made here too, from the same folded words (``ann-smith``, ``ann-smith-2``).

The normalised forms are part of the incoming keys stored in
``identity_map.csv`` (``linkedin:name:ann smith|acme``), so they must stay
stable from one version to the next.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse

from refgraph.errors import RefgraphError
from refgraph.io.text import clean_identifier, fold_name

_EMAIL = re.compile(r"^[^@\s;,<>()\[\]\"']+@[^@\s;,<>()\[\]\"']+\.[^@\s;,<>()\[\]\"'.]+$")
_EMAIL_SPLIT = re.compile(r"\s*(?::::|[;,\s])\s*")
_PHONE_SPLIT = re.compile(r"\s*(?::::|;)\s*")
#: Titles :func:`normalise_name` drops from the front of a name (lower case).
NAME_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "rev"})
#: Degrees and suffixes it drops from the end.
NAME_SUFFIXES = frozenset({"phd", "mba", "jr", "sr", "ii", "iii", "esq", "obe", "mbe", "cpa",
                           "aca", "fca", "acca", "md", "msc", "bsc", "ba", "ma"})
_LEGAL = {"ltd", "limited", "llc", "llp", "inc", "incorporated", "plc", "gmbh", "ag", "sa",
          "sarl", "bv", "nv", "co", "corp", "corporation", "company", "pty", "lp", "the"}


# --------------------------------------------------------------------------- normalising


def normalise_email(value: str) -> str:
    """Lower-case and strip an e-mail address; ``""`` if it is not one.

    Examples
    --------
    >>> normalise_email(" mailto:Ann.Smith@Example.COM ")
    'ann.smith@example.com'
    >>> normalise_email("n/a")
    ''
    """
    text = clean_identifier(str(value)).strip().strip("<>").lower()
    if text.startswith("mailto:"):
        text = text[len("mailto:"):]
    return text if _EMAIL.match(text) else ""


def split_emails(cell: str) -> list[str]:
    """All e-mail addresses in a cell (``;``, ``,``, spaces or `` ::: `` between them).

    Examples
    --------
    >>> split_emails("Ann@x.com ::: ann@x.com; bob@y.org, junk")
    ['ann@x.com', 'bob@y.org']
    """
    found: dict[str, None] = {}
    for part in _EMAIL_SPLIT.split(str(cell)):
        email = normalise_email(part)
        if email:
            found[email] = None
    return list(found)


#: What exports write in an e-mail field for "no address": not reported.
_NO_EMAIL = {"n/a", "na", "none", "-", "--", "?", "unknown", "nil", "no email", "no e-mail"}


def rejected_emails(cell: str) -> list[str]:
    """The values of an e-mail cell meant as addresses that are not addresses.

    A part with an ``@`` that is no address (``ann@home``), or the whole cell
    when it holds no address at all (``ann.example.com``); placeholders
    (``n/a``, ``none``, ``-``) say there is none and are not rejected.

    Parameters
    ----------
    cell : str
        One e-mail cell as exported.

    Returns
    -------
    list of str
        The values left out, as written.

    Examples
    --------
    >>> rejected_emails("ann@x.com; ann@home"), rejected_emails("ann.example.com")
    (['ann@home'], ['ann.example.com'])
    >>> rejected_emails("n/a"), rejected_emails(""), rejected_emails("Ann <ann@x.com>")
    ([], [], [])
    """
    text = clean_identifier(str(cell)).strip()
    parts = [part for part in _EMAIL_SPLIT.split(text) if part]
    bad = [part for part in parts if "@" in part and not normalise_email(part)]
    if not bad and text and not split_emails(text) and text.casefold() not in _NO_EMAIL:
        bad = [text]
    return bad


def split_phones(cell: str) -> list[str]:
    """The phone numbers in a cell, as written (``;`` or `` ::: `` between them).

    Examples
    --------
    >>> split_phones("+44 7700 900123 ::: 020 7946 0958;")
    ['+44 7700 900123', '020 7946 0958']
    """
    return [part.strip() for part in _PHONE_SPLIT.split(str(cell)) if part.strip()]


def phone_digits(value: str) -> str:
    """The digits of a phone number, with a leading ``+`` kept.

    Examples
    --------
    >>> phone_digits("tel:+44 (0)20-7946 0958")
    '+4402079460958'
    """
    text = str(value).strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    return ("+" if text.lstrip().startswith("+") else "") + digits


def check_region(region: str) -> str:
    """Check a phone region code (``GB``, ``US``, ...) and return it upper-cased.

    Raises
    ------
    RefgraphError
        When phonenumbers does not know the region.

    Examples
    --------
    >>> check_region("gb")
    'GB'
    """
    import phonenumbers

    code = str(region).strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise RefgraphError(
            f"phone region {region!r} is not known; expected a two-letter country code "
            "such as GB, US, DE"
        )
    return code


def normalise_phone(value: str, region: str = "GB") -> str:
    """A phone number as E.164, or its digits when it cannot be read as one.

    National numbers are read as numbers of ``region``. Returns ``""`` for
    text with fewer than six digits (an extension, a typo).

    Examples
    --------
    >>> normalise_phone("07700 900123")
    '+447700900123'
    >>> normalise_phone("tel:+44-20-7946-0958", "US")
    '+442079460958'
    >>> normalise_phone("ext 12")
    ''
    """
    import phonenumbers

    digits = phone_digits(value)
    if len(digits.lstrip("+")) < 6:
        return ""
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return digits
    if not phonenumbers.is_possible_number(number):
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _ascii_words(value: str) -> list[str]:
    # Apostrophes join (O'Brien is obrien); other punctuation separates words.
    text = re.sub(r"['\u2019`]", "", clean_identifier(str(value)))
    return re.sub(r"[^\w]+", " ", fold_name(text)).split()


def normalise_name(value: str) -> str:
    """A name for comparison: no accents, case, punctuation, titles or degrees.

    Examples
    --------
    >>> normalise_name("Dr. Zoë  O'Brien-Smith, PhD")
    'zoe obrien smith'
    """
    words = _ascii_words(value)
    while words and words[0] in NAME_TITLES:
        words = words[1:]
    while words and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


#: Suffixes that are part of a person's name (not degrees or honours).
_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def person_name(value: str, *, ordered: bool = False) -> str:
    """A person's display name without honorifics or degrees, parsed by nameparser.

    Titles (``Mr``, ``Dr.``, ``Prof``) and degrees or honours (``PhD``, ``MBE``)
    are dropped, particles kept (``van``, ``de la``) and a generational suffix
    kept (``Jr.``). Free text written ``Family, Given`` is put in reading
    order unless ``ordered`` says the parts already come given name first (a
    vCard ``N``, LinkedIn's first and last name). A name with nothing to drop
    is returned as written (nicknames and punctuation included), and so is
    text that is nothing but a title.

    Examples
    --------
    >>> person_name("Mr Paul Whitaker")
    'Paul Whitaker'
    >>> person_name("Dr. Zoë  O'Brien-Smith, PhD"), person_name("Ludwig van Beethoven")
    ("Zoë O'Brien-Smith", 'Ludwig van Beethoven')
    >>> person_name("Whitaker, Paul"), person_name("Sam Davis Jr."), person_name("Dr")
    ('Paul Whitaker', 'Sam Davis Jr.', 'Dr')
    >>> person_name("Sam Carter (work)"), person_name("Ann, B", ordered=True)
    ('Sam Carter (work)', 'Ann, B')
    """
    from nameparser import HumanName

    text = " ".join(clean_identifier(str(value)).split())
    if not text:
        return ""
    parsed = HumanName(text)
    kept = [part for part in parsed.suffix_list if part.strip(".").casefold() in _GENERATIONS]
    dropped = bool(parsed.title) or len(kept) < len(parsed.suffix_list)
    reordered = (not ordered and "," in text and bool(parsed.first) and bool(parsed.last)
                 and not text.startswith(parsed.first))
    if not (dropped or reordered):
        return text
    words = [parsed.first, parsed.middle, parsed.last, *kept]
    return " ".join(" ".join(w for w in words if w).split()) or text


def normalise_company(value: str) -> str:
    """A company name for comparison, without legal suffixes.

    Examples
    --------
    >>> normalise_company("The Cheese, Wine & Co. Ltd")
    'cheese wine'
    """
    return " ".join(word for word in _ascii_words(value) if word not in _LEGAL)


def normalise_url(value: str) -> str:
    """A profile URL without scheme, ``www.``, query or trailing slash, lower-cased.

    Examples
    --------
    >>> normalise_url("https://www.linkedin.com/in/Zo%C3%AB-Brandt/?trk=x")
    'linkedin.com/in/zoë-brandt'
    """
    text = clean_identifier(str(value)).strip()
    if not text:
        return ""
    text = urllib.parse.unquote(text).lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    return text.rstrip("/")


# --------------------------------------------------------------------------- new ids


def slugify(name: str) -> str:
    """An id-friendly form of a name: ASCII letters and digits joined by ``-``.

    Examples
    --------
    >>> slugify("Zoë Ångström-Lee")
    'zoe-angstrom-lee'
    >>> slugify("李雷")
    ''
    """
    ascii_only = " ".join(_ascii_words(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only)[:40].strip("-")


def make_contact_id(name: str, taken: set[str], *, key: str = "") -> str:
    """A new contact id from a name that is not in ``taken`` (which it joins).

    The name's slug is used (``ann-smith``), then ``ann-smith-2``, ... Names
    without Latin letters get ``c-`` and a short stable hash of ``key`` (by
    default, of the name).

    Examples
    --------
    >>> taken = {"ann-smith"}
    >>> make_contact_id("Ann Smith", taken), make_contact_id("Ann Smith", taken)
    ('ann-smith-2', 'ann-smith-3')
    >>> make_contact_id("李雷", set(), key="vcard:uid:1")
    'c-3a20ff0d'
    >>> make_contact_id("李雷", set()) != make_contact_id("王芳", set())
    True
    """
    base = slugify(name) or "c-" + hashlib.sha1((key or name).encode("utf-8")).hexdigest()[:8]
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    taken.add(candidate)
    return candidate
