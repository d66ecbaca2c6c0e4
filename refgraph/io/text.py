"""Text clean-up shared by the loader and the importers.

Data from exports carries invisible characters that make two equal-looking ids
differ, or make a name render backwards (bidi overrides). Everything text is
NFC-normalised; ids and names additionally lose control, bidi-override and
zero-width characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable

import pandas as pd

# C0/C1 controls, bidi embeddings/overrides/isolates, zero-width characters, BOM.
_INVISIBLE = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# In free text, keep tab and newline; drop the rest of the above.
_INVISIBLE_IN_TEXT = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


# What is worth telling the user about: the above without tab, newline and carriage return
# (ordinary in free text and in multi-line cells).
_WORTH_A_WARNING = re.compile(
    "[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)


def has_invisible(value: str) -> bool:
    """Whether cleaning removes a control, bidi-override or zero-width character.

    Examples
    --------
    >>> has_invisible("Ann\u200b"), has_invisible("two\\nlines")
    (True, False)
    """
    return bool(_WORTH_A_WARNING.search(value))


def any_invisible(values: Iterable[str]) -> bool:
    """Whether :func:`has_invisible` holds for any of many texts (one search over all).

    Examples
    --------
    >>> any_invisible(["Ann", "two\\nlines"]), any_invisible(["Ann", "Bob\u202e"])
    (False, True)
    >>> any_invisible(["Ann", "tab\\there", "bell\\a"]), any_invisible(["A\\x7f"])
    (True, True)
    """
    # Joined by a newline, which is not worth a warning, so no match spans two texts.
    joined = "\n".join(values)
    if joined.isascii():
        # Only an ASCII control can be there: what deleting the rest leaves, in C
        # and four times as fast as the search over millions of texts.
        return bool(joined.encode("ascii").translate(None, _QUIET_ASCII))
    return bool(_WORTH_A_WARNING.search(joined))


#: The ASCII characters :data:`_WORTH_A_WARNING` does not match.
_QUIET_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


# Printable ASCII and the newline that joins texts: deleted, nothing may be left.
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"


def plain_texts(values: Collection[str]) -> bool:
    """Whether every text is printable ASCII with no space at either end.

    :func:`clean_identifier` and :func:`clean_text` leave such texts as they
    are, so a column of them (ids, dates and kinds, as most files have) needs
    no cleaning: a few passes over all the texts joined, in C, instead of one
    call each.

    Examples
    --------
    >>> plain_texts(["c01", "2024-01-05", ""]), plain_texts(["c01 "]), plain_texts(["Zoë"])
    (True, False, False)
    """
    joined = "\n".join(values)
    # A newline inside a text would pass for a joint.
    if not joined.isascii() or joined.count("\n") != max(len(values) - 1, 0):
        return False
    raw = joined.encode("ascii")
    return not (raw.translate(None, _PLAIN_BYTES) or raw.startswith(b" ")
                or raw.endswith(b" ") or b" \n" in raw or b"\n " in raw)


def clean_identifier(value: str) -> str:
    """NFC-normalise, drop invisible characters and strip surrounding spaces.

    Parameters
    ----------
    value : str
        An id or a name.

    Returns
    -------
    str
        The cleaned text.

    Examples
    --------
    >>> clean_identifier(" c\u200b01 ")
    'c01'
    >>> clean_identifier("Zoe\u0308")  # combining diaeresis becomes one character
    'Zoë'
    """
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", value)).strip()


def clean_text(value: str) -> str:
    """NFC-normalise free text and drop invisible characters, keeping newlines.

    Examples
    --------
    >>> clean_text("line one\\nline\u202e two")
    'line one\\nline two'
    """
    return _INVISIBLE_IN_TEXT.sub("", unicodedata.normalize("NFC", value)).strip()


def fold_name(value: str) -> str:
    """A name as people type it when they look it up: no case, no accents.

    Examples
    --------
    >>> fold_name("Zoë Brontë"), fold_name("ŁUKASZ Nowak"), fold_name("Aoife Ní Dhomhnaill")
    ('zoe bronte', 'łukasz nowak', 'aoife ni dhomhnaill')
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def map_unique(series: pd.Series, func) -> pd.Series:
    """Apply ``func`` once per distinct value of a string series.

    Interaction files repeat the same ids and dates many times, so cleaning the
    distinct values and mapping back is much faster than cleaning every cell.

    Examples
    --------
    >>> map_unique(pd.Series(["a ", "a ", "b"]), str.strip).tolist()
    ['a', 'a', 'b']
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    cleaned = pd.Index([func(u) for u in uniques], dtype=object)
    values = cleaned.take(codes, allow_fill=True, fill_value="")
    return pd.Series(values, index=series.index, dtype=object)


def split_list(value: object) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped items.

    Examples
    --------
    >>> split_list("web design; wordpress;;")
    ['web design', 'wordpress']
    >>> split_list(None)
    []
    """
    if not isinstance(value, str):
        return []
    return [item.strip() for item in value.split(";") if item.strip()]
