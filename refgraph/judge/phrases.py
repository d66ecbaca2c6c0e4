"""Plain-English phrases for reasons: durations, rhythms, counts and kinds.

Reasons are read by people deciding whom to call, so numbers are rounded to
what a person would say ("5 months ago", "usually every 6 weeks").
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from refgraph.io.settings import KINDS

#: Average days per month, for turning day counts into months.
_DAYS_PER_MONTH = 365.25 / 12

#: Singular and plural nouns for one interaction of each kind.
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "one_to_one": ("one-to-one", "one-to-ones"),
    "meeting": ("meeting", "meetings"),
    "call": ("call", "calls"),
    "email": ("email", "emails"),
    "message": ("message", "messages"),
    "social": ("social-media touch", "social-media touches"),
    "event": ("event together", "events together"),
    "card": ("card", "cards"),
    "referral": ("referral", "referrals"),
    "business": ("piece of business", "pieces of business"),
    "introduction": ("introduction", "introductions"),
}


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """Say a count with its noun: ``one call``, ``3 calls``.

    Examples
    --------
    >>> count_noun(1, "call"), count_noun(3, "call"), count_noun(2, "piece", "pieces")
    ('one call', '3 calls', '2 pieces')
    """
    if count == 1:
        return f"one {singular}"
    return f"{count} {plural or singular + 's'}"


def a_noun(singular: str) -> str:
    """The noun with its indefinite article: ``a call``, ``an email``, ``a one-to-one``.

    Examples
    --------
    >>> a_noun("email"), a_noun("one-to-one"), a_noun("card")
    ('an email', 'a one-to-one', 'a card')
    """
    vowel_sound = singular[:1].lower() in "aeiou" and not singular.lower().startswith("one")
    return f"{'an' if vowel_sound else 'a'} {singular}"


def times(count: int) -> str:
    """Say how often: ``once``, ``twice``, ``3 times``.

    Examples
    --------
    >>> times(1), times(2), times(5)
    ('once', 'twice', '5 times')
    """
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def join_words(items: list[str]) -> str:
    """Join phrases as English: ``a``, ``a and b``, ``a, b and c``.

    Examples
    --------
    >>> join_words(["a card", "one email"]), join_words(["x", "y", "z"])
    ('a card and one email', 'x, y and z')
    """
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def kinds_phrase(counts: Mapping[str, int]) -> str:
    """Describe interaction counts per kind, deepest kinds first.

    Parameters
    ----------
    counts : mapping
        Kind name to count; zero counts are left out.

    Returns
    -------
    str
        For example ``"3 one-to-ones, a call and 2 emails"``.

    Examples
    --------
    >>> kinds_phrase({"email": 2, "one_to_one": 3, "call": 1, "card": 0})
    '3 one-to-ones, a call and 2 emails'
    >>> kinds_phrase({"event": 1})
    'an event together'
    """
    parts = []
    for kind in KINDS:
        count = int(counts.get(kind, 0) or 0)
        singular, plural = KIND_NOUNS[kind]
        if count == 1:
            parts.append(a_noun(singular))
        elif count > 1:
            parts.append(f"{count} {plural}")
    return join_words(parts)


def span_phrase(days: float) -> str:
    """Say a length of time the way a person would: ``6 weeks``, ``5 months``.

    Examples
    --------
    >>> span_phrase(1), span_phrase(10), span_phrase(45), span_phrase(150), span_phrase(800)
    ('1 day', '10 days', '6 weeks', '5 months', '2 years')
    """
    days = max(float(days), 0.0)
    if days < 13.5:
        whole = round(days)
        return "1 day" if whole == 1 else f"{whole} days"
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 700:
        months = round(days / _DAYS_PER_MONTH)
        return "1 month" if months == 1 else f"{months} months"
    return f"{round(days / 365.25)} years"


def ago(days: float) -> str:
    """Say how long ago something happened: ``today``, ``3 weeks ago``.

    Examples
    --------
    Whole days count, as ``days_since`` does: 1.7 days ago was yesterday.

    >>> ago(0.2), ago(1), ago(1.7), ago(100)
    ('today', 'yesterday', 'yesterday', '3 months ago')
    """
    days = math.floor(days)
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    return f"{span_phrase(days)} ago"


def every(days: float) -> str:
    """Say a rhythm: ``every day``, ``every 6 weeks``.

    Examples
    --------
    >>> every(1), every(42), every(91)
    ('every day', 'every 6 weeks', 'every 3 months')
    """
    phrase = span_phrase(days)
    if phrase.startswith("1 "):
        return "every " + phrase[2:]
    return f"every {phrase}"
