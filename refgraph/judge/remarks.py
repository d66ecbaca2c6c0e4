"""Remarks: praise told of someone is no trigger.

"Our new manager is a breath of fresh air" says something good about a
manager; nobody needs anything, so a networker refers nobody, however much
"new manager" sounds like a coaching job. :func:`praise_rows` finds a clause
that ends its sentence with praise ("... *is brilliant*", "... *is doing a
great job*") and the reader mutes its words (see
:func:`refgraph.judge.story.read_trigger`). Praise followed by a need keeps
the need: in "our new manager is great but struggling to lead the team" the
praise does not end the sentence, and "my mum has dementia but her carer is
brilliant" mutes only the carer's clause. Praise said first mutes what it
praises, to the clause's end or a need told: "I *love our new kitchen*",
"*thanks for the intro*, can you recommend a plumber".
"""

from __future__ import annotations

import numpy as np

from refgraph.judge.idioms import said_word_for_word
from refgraph.judge.text_match import TokenTable, phrases_words

#: Words of praise that say so only after a copula ("is *brilliant*"): "a great
#: accountant" asks for one.
_PRAISE_WORDS: tuple[str, ...] = (
    "brilliant", "fantastic", "amazing", "excellent", "great", "superb", "wonderful",
    "outstanding", "terrific", "fabulous", "marvellous", "lovely", "perfect", "a star",
    "a superstar", "a legend",
    "a gem", "a treasure", "a godsend", "a real asset", "an asset", "a natural",
    "a joy to work with", "a pleasure to work with", "a delight", "so good", "really good",
    "very good", "first class", "top notch", "spot on", "on top of things",
)
#: How the praise is joined to whom it praises.
_COPULAS: tuple[str, ...] = ("is", "are", "was", "were", "been", "is really", "is just",
                             "is absolutely", "has been", "have been", "is such")
#: Praise said whole, with or without a copula.
_PRAISE_PHRASES: tuple[str, ...] = (
    "breath of fresh air", "a breath of fresh air", "doing a great job", "doing a brilliant job",
    "doing a fantastic job", "doing an amazing job", "doing a good job", "done a great job",
    "done a brilliant job", "done a fantastic job", "did a great job", "did a brilliant job",
    "did a fantastic job", "doing brilliantly", "doing really well", "doing so well",
    "going from strength to strength", "worth their weight in gold",
    "worth her weight in gold", "worth his weight in gold", "cannot fault", "cant fault",
    "couldnt be happier", "could not be happier",
)
#: Things whose being "on fire" is a fire (see refgraph.judge.first_calls): "our
#: new salesman *is on fire*" is praise, and "my back is on fire" pain (a body's
#: words, :data:`_BODY`, keep the pain told).
BURNING_THINGS: tuple[str, ...] = (
    "kitchen", "house", "home", "flat", "office", "shop", "building", "car", "van", "garage",
    "shed", "roof", "chimney", "pan", "chip pan", "oven", "cooker", "toaster", "dryer",
    "tumble dryer", "warehouse", "factory", "restaurant", "barn", "caravan", "loft", "bedroom",
    "lounge", "living room", "next door", "bin", "fryer", "hedge", "tree", "boat", "lorry",
)
_BODY = frozenset("back neck knee knees feet foot leg legs hand hands chest throat skin eye "
                  "eyes head shoulder shoulders muscle muscles arm arms hip hips stomach joint "
                  "joints wrist ankle face mouth tongue".split())
#: How far before "on fire" what burns is told: "the *kitchen* is now on fire".
_FIRE_REACH = 3
#: Praise said before what it praises, up to the clause's end: "I *love our
#: new* kitchen", "we *had a great* holiday in Spain", "*great to see you* at
#: the breakfast meeting", "*thanks for* the referral".
_PRAISE_OPENERS: tuple[str, ...] = (
    "love my new", "love our new", "loving my new", "loving our new", "love the new",
    "delighted with", "thrilled with", "really pleased with", "so pleased with",
    "very pleased with", "happy with our new", "happy with my new",
    "had a great", "had a lovely", "had a wonderful", "had a fantastic", "had an amazing",
    "had a brilliant",
    "great to see you", "lovely to see you", "good to see you", "nice to see you",
    "great to meet you", "lovely to meet you", "nice to meet you", "good to meet you",
    "great catching up", "lovely catching up", "thanks for", "thank you for",
)
#: The openers as folded word tuples, longest first.
OPENERS: tuple[tuple[str, ...], ...] = tuple(sorted(
    dict.fromkeys(phrases_words(list(_PRAISE_OPENERS))), key=len, reverse=True))
#: Words that end what an opener praises: a need told after it is still one
#: ("thanks for the intro, can you recommend a plumber", "thanks for *any*
#: recommendations", "a lovely catch up with Sarah *whose* dad has dementia").
_NEED_WORDS = frozenset("need needs needed want wants wanted looking recommend recommendation "
                        "recommendations suggestion suggestions know anyone anybody someone any "
                        "can could would should help who whose whom which that where".split())
#: Every praise, as folded word tuples, longest first.
PRAISE: tuple[tuple[str, ...], ...] = tuple(sorted(dict.fromkeys(phrases_words([
    *_PRAISE_PHRASES,
    *(f"{copula} {word}" for copula in _COPULAS for word in _PRAISE_WORDS),
])), key=len, reverse=True))
#: Words that start a new clause: what comes before them is not the praised one.
_CLAUSE_BREAKS = frozenset("but and although though while whereas because so".split())
#: Words after which the praise says what it is for, up to the clause's end:
#: "doing a great job *on our extension*", "brilliant *with the kids*".
_PRAISED_AT = frozenset("on with at for since".split())
#: Words that may follow the praise and still end the remark: "is great *so far*".
_AFTERWORDS = frozenset("so far this month week year really honestly too already now "
                        "lately".split())


def praise_rows(tokens: TokenTable) -> np.ndarray:
    """Rows of a trigger in a clause of praise that ends its sentence.

    Parameters
    ----------
    tokens : TokenTable
        The trigger's tokens.

    Returns
    -------
    ndarray of bool
        One flag per token row: True inside a clause of praise.

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["our new manager is a breath of fresh air"])
    >>> bool(praise_rows(tokens).all())
    True
    >>> tokens = TokenTable.from_texts(["my mum has dementia but her carer is brilliant"])
    >>> [str(w) for w, praised in zip(tokens.surface, praise_rows(tokens)) if praised]
    ['her', 'carer', 'is', 'brilliant']
    >>> praise_rows(TokenTable.from_texts(["our manager is great but struggling"])).any()
    np.False_
    >>> bool(praise_rows(TokenTable.from_texts(["our new salesman is on fire"])).all())
    True
    >>> praise_rows(TokenTable.from_texts(["the kitchen is on fire"])).any()
    np.False_
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    for start, size in said_word_for_word(tokens, PRAISE):
        end = start + size
        after = end
        while (after < len(surface) and tokens.segment[after] == tokens.segment[start]
               and surface[after] in _AFTERWORDS):
            after += 1
        if after < len(surface) and surface[after] in _PRAISED_AT:
            # "doing a great job *on our extension*": what the praise is for.
            while (after < len(surface) and tokens.segment[after] == tokens.segment[start]
                   and surface[after] not in _CLAUSE_BREAKS):
                after += 1
        if after < len(surface) and tokens.segment[after] == tokens.segment[start]:
            continue  # more is told after the praise: the need may be there
        rows[_clause_start(tokens, surface, start):after] = True
    rows |= _figurative_fire(tokens, surface)
    for start, size in said_word_for_word(tokens, OPENERS):
        end = start + size
        while (end < len(surface) and tokens.segment[end] == tokens.segment[start]
               and surface[end] not in _CLAUSE_BREAKS and surface[end] not in _NEED_WORDS):
            end += 1
        rows[start:end] = True
    return rows


def _clause_start(tokens: TokenTable, surface: list[str], start: int) -> int:
    """The first row of the clause holding row ``start``: back to a break or the segment's start."""
    first = start
    while (first > 0 and tokens.segment[first - 1] == tokens.segment[start]
           and surface[first - 1] not in _CLAUSE_BREAKS):
        first -= 1
    return first


def _figurative_fire(tokens: TokenTable, surface: list[str]) -> np.ndarray:
    """The clause of an "on fire" said of no thing that burns, nor of a body."""
    rows = np.zeros(len(surface), dtype=bool)
    folded = [str(word) for word in tokens.vocab[tokens.code]] if len(tokens.code) else []
    burning = {words[-1] for words in phrases_words(list(BURNING_THINGS))}
    for start, _size in said_word_for_word(tokens, (("on", "fire"),)):
        before = range(max(start - _FIRE_REACH, 0), start)
        near = [row for row in before if tokens.segment[row] == tokens.segment[start]]
        if any(folded[row] in burning or folded[row] in _BODY for row in near):
            continue  # a kitchen on fire, or a back
        rows[_clause_start(tokens, surface, start):start + 2] = True
    return rows


__all__ = ["BURNING_THINGS", "PRAISE", "praise_rows"]
