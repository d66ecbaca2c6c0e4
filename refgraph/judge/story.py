"""How a trigger tells its story: which words name a party, a trade or a departure.

A trigger is a short story ("their accountant moved them off Xero", "my
accountant retired", "our wedding photographer cancelled"). Beyond the words
that match the needs taxonomy, the story decides what they mean:
:func:`read_trigger` marks the words that name a party in it, a word inside a
trade's name names no situation of its own (:func:`inside_trade_names`), and
a trade the story says has left is the trade wanted (:func:`departed_trades`).
:mod:`refgraph.judge.needs` recognises the situations with these rules; the
functions here take the taxonomy's trades as plain word tuples.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from refgraph.errors import RefgraphError
from refgraph.io.settings import ReferSettings
from refgraph.judge.idioms import idiom_rows
from refgraph.judge.remarks import praise_rows
from refgraph.judge.text_match import (
    STOPWORDS,
    TokenTable,
    owned_business_rows,
    party_mask,
    possessor_rows,
)


@dataclass
class Trigger:
    """A trigger read for matching: its text, tokens and the words naming a party.

    ``muted`` marks the words that describe no situation and name no trade
    wanted: a contact's name ("Fiona *Grant*" asks for no grant) and what the
    trigger says it does not want ("not a *web designer*"). They count as a
    party too. ``unwanted`` marks only the latter: a trade named there is left
    out of the answer.
    """

    text: str
    tokens: TokenTable
    party: np.ndarray
    muted: np.ndarray
    unwanted: np.ndarray


def read_trigger(trigger: Any, settings: ReferSettings,
                 lexicon: Collection[str] = frozenset()) -> Trigger:
    """Tokenise a trigger and mark the words that name a party in the story.

    Parameters
    ----------
    trigger : str
        The situation, in free text.
    settings : ReferSettings
        Matching settings (``party_window_words``).
    lexicon : collection of str, optional
        Words known to be spelled right (the taxonomy's
        :attr:`~refgraph.judge.taxonomy.Taxonomy.lexicon`): none of them is read
        as a misspelling of another word of it.

    Returns
    -------
    Trigger
        The stripped text, its token table, its party mask and its muted words.

    Raises
    ------
    RefgraphError
        When the trigger is not text, is empty or has no words.

    Examples
    --------
    >>> read_trigger("  their accountant left ", ReferSettings()).text
    'their accountant left'
    """
    if not isinstance(trigger, str):
        raise RefgraphError(f"the trigger must be text describing the situation, got "
                            f"{type(trigger).__name__} {trigger!r}")
    if not trigger.strip():
        raise RefgraphError("the trigger is empty; describe the situation, e.g. "
                            "\"a client asked me for a good web designer\"")
    tokens = TokenTable.from_texts([trigger], lexicon)
    if not len(tokens.code):
        raise RefgraphError(f"the trigger {trigger!r} has no words; describe the situation")
    unwanted = unwanted_rows(tokens)
    # What someone runs ("runs a bakery") and the language asked for name no need.
    # Who gave advice ("the HR consultant *said*") is no need either, nor a
    # figure of speech ("a *stroke of luck*"), nor praise ("our new manager *is
    # a breath of fresh air*").
    muted = (unwanted | language_rows(tokens) | pronoun_rows(trigger, tokens)
             | adviser_rows(tokens) | idiom_rows(tokens) | praise_rows(tokens)
             | owned_business_rows(tokens, settings.party_window_words))
    party = party_mask(tokens, settings.party_window_words, possessor_rows(trigger, tokens))
    return Trigger(trigger.strip(), tokens, party | muted, muted, unwanted)


def with_names(trigger: Trigger, names: Collection[tuple[str, ...]]) -> Trigger:
    """The trigger with the words of these people's names muted and marked as a party.

    ``names`` are folded words, as :func:`refgraph.judge.constraints.named_words` gives.

    Examples
    --------
    >>> trigger = with_names(read_trigger("Fiona Grant's client needs a grant",
    ...                                   ReferSettings()), [("fiona", "grant")])
    >>> trigger.muted.tolist()
    [True, True, False, False, False, False]
    """
    return with_muted(trigger, name_rows(trigger.tokens, names))


def with_muted(trigger: Trigger, rows: np.ndarray) -> Trigger:
    """The trigger with these token rows muted and marked as a party.

    Muted words describe no situation, name no trade wanted and tell nobody
    apart: a contact's name, or an occasion ("before the *wedding*").

    Examples
    --------
    >>> trigger = read_trigger("a plumber before the wedding", ReferSettings())
    >>> with_muted(trigger, np.array([False, False, False, False, True])).muted.tolist()
    [False, False, False, False, True]
    """
    return replace(trigger, party=trigger.party | rows, muted=trigger.muted | rows)


#: Word pairs after which the next words name what is *not* wanted ("not looking
#: for an accountant", "rather than a designer"). "We don't have an accountant"
#: is not among them: lacking one is needing one.
_NOT_WANTED = frozenset({
    ("not", "looking"), ("not", "after"), ("not", "a"), ("not", "an"), ("not", "want"),
    ("dont", "want"), ("doesnt", "want"), ("didnt", "want"), ("rather", "than"),
    ("instead", "of"), ("other", "than"), ("dont", "need"), ("doesnt", "need"),
    ("didnt", "need"), ("no", "need"), ("not", "needing"),
    # Having one already: "she already has an accountant but needs a bookkeeper".
    ("already", "has"), ("already", "have"), ("already", "got"), ("already", "uses"),
    ("already", "use"),
})
#: What someone was tricked *out of* is lost, not wanted: "scammed out of his
#: savings" asks for no savings adviser.
_TRICKED = frozenset("scammed conned cheated swindled defrauded tricked fleeced diddled "
                     "robbed".split())
#: Words that end what is not wanted and start what is: "not an accountant, *just* a bookkeeper".
_BUT = frozenset({"but", "just", "only", "more", "rather", "instead"})
#: How many words after the pair can name what is not wanted, not counting the
#: common words before them: "no need for a brand new *website*" refuses the
#: website. A common word after them ends what is refused: "no need for a
#: solicitor *for* the divorce" still has a divorce.
_NOT_WANTED_REACH = 3


def unwanted_rows(tokens: TokenTable) -> np.ndarray:
    """Rows naming what the trigger says it does not want.

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["not looking for an accountant, just a bookkeeper"])
    >>> [str(w) for w, bad in zip(tokens.surface, unwanted_rows(tokens)) if bad]
    ['for', 'an', 'accountant']
    >>> tokens = TokenTable.from_texts(["she was conned out of her savings"])
    >>> [str(w) for w, bad in zip(tokens.surface, unwanted_rows(tokens)) if bad]
    ['her', 'savings']
    >>> tokens = TokenTable.from_texts(["no need for a new website, just better SEO"])
    >>> [str(w) for w, bad in zip(tokens.surface, unwanted_rows(tokens)) if bad]
    ['for', 'a', 'new', 'website']
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    for cue in range(len(surface) - 1):
        pair = (surface[cue], surface[cue + 1])
        tricked_out_of = pair == ("out", "of") and cue > 0 and surface[cue - 1] in _TRICKED
        if pair not in _NOT_WANTED and not tricked_out_of:
            continue
        reach = _NOT_WANTED_REACH
        for row in range(cue + 2, len(surface)):
            common = surface[row] in STOPWORDS
            if (reach == 0 or surface[row] in _BUT or (common and reach < _NOT_WANTED_REACH)
                    or tokens.segment[row] != tokens.segment[cue]):
                break
            rows[row] = True
            reach -= not common
    return rows


#: Words after which a lower-case "it" is the trade, not the pronoun: "our it guy".
_IT_HEADS = frozenset(
    "support guy guys bloke person people department dept team company firm provider "
    "providers contractor consultant consultancy manager director helpdesk help service "
    "services system systems issue issues problem problems equipment kit setup "
    "infrastructure security network networks budget training trainer technician engineer "
    "apprentice apprenticeship side".split())
#: "it" as written, with its capitals.
_IT_WRITTEN = re.compile(r"(?<![^\W_])[Ii][Tt](?![^\W_])")


def pronoun_rows(text: str, tokens: TokenTable) -> np.ndarray:
    """Rows of an "it" that is the pronoun ("a chip in it"), not the trade ("our IT guy").

    "IT" in capitals is the trade; a lower-case "it" is the trade only right
    before a word such as "support", "guy" or "department". The pronoun names
    nobody's trade, so the contacts whose services say "IT" are not found by it.
    When the words cannot be lined up with the text, no row is marked.

    Examples
    --------
    >>> text = "my windscreen has a chip in it, can our IT guy help"
    >>> tokens = TokenTable.from_texts([text])
    >>> [str(w) for w, it in zip(tokens.surface, pronoun_rows(text, tokens)) if it]
    ['it']
    >>> text = "our it support is useless"
    >>> pronoun_rows(text, TokenTable.from_texts([text])).any()
    np.False_
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    its = [row for row, word in enumerate(surface) if word == "it"]
    written = _IT_WRITTEN.findall(text)
    if not its or len(written) != len(its):
        return rows
    for row, spelled in zip(its, written, strict=True):
        following = row + 1 < len(surface) and tokens.segment[row + 1] == tokens.segment[row]
        if spelled != "IT" and not (following and surface[row + 1] in _IT_HEADS):
            rows[row] = True
    return rows


#: Words of advice given: the trade just before one gave it ("the HR consultant
#: *said*"), it is not the trade asked for.
_ADVISED = frozenset("said says suggested suggests recommended recommends reckons thinks "
                     "advised advises told tells".split())
#: How many words before the advice can name the one who gave it.
_ADVISER_REACH = 3


def adviser_rows(tokens: TokenTable) -> np.ndarray:
    """Rows naming who gave advice: "the *HR consultant* said we need a lawyer".

    The adviser describes no situation and is not the trade asked for: the
    trade the advice names is.

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["the HR consultant said we need a lawyer"])
    >>> [str(w) for w, by in zip(tokens.surface, adviser_rows(tokens)) if by]
    ['hr', 'consultant']
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    for said in range(1, len(surface)):
        if surface[said] not in _ADVISED:
            continue
        for row in range(said - 1, max(said - 1 - _ADVISER_REACH, -1), -1):
            if surface[row] in STOPWORDS or tokens.segment[row] != tokens.segment[said]:
                break
            rows[row] = True
    return rows


#: Languages a trade may be asked to speak: "a *Polish speaking* solicitor".
LANGUAGES = frozenset(
    "english welsh irish gaelic scottish french spanish portuguese italian german dutch "
    "polish czech slovak hungarian romanian bulgarian greek turkish russian ukrainian "
    "lithuanian latvian estonian finnish swedish norwegian danish icelandic croatian "
    "serbian albanian arabic hebrew farsi persian urdu hindi punjabi bengali gujarati "
    "tamil telugu malayalam sinhala nepali chinese mandarin cantonese japanese korean "
    "vietnamese thai tagalog malay indonesian swahili somali amharic yoruba igbo "
    "hausa".split())


def language_rows(tokens: TokenTable) -> np.ndarray:
    """Rows of a language asked for with "speaking": they name no trade or situation.

    "A Polish speaking solicitor" asks for a solicitor who speaks Polish, not
    for the keynote speaker whose services say "keynote speaking".

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["a Polish speaking solicitor"])
    >>> language_rows(tokens).tolist()
    [False, True, True, False]
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    for row in range(1, len(surface)):
        if (surface[row] == "speaking" and surface[row - 1] in LANGUAGES
                and tokens.segment[row] == tokens.segment[row - 1]):
            rows[row - 1:row + 1] = True
    return rows


def name_rows(tokens: TokenTable, names: Collection[tuple[str, ...]]) -> np.ndarray:
    """Rows of a token table that spell one of ``names`` (each a tuple of folded words).

    The reader drops apostrophes, so a possessive "s" may follow the last word.

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["Fiona Grant's client needs a grant"])
    >>> name_rows(tokens, [("fiona", "grant")]).tolist()
    [True, True, False, False, False, False]
    """
    rows = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    for name in {tuple(name) for name in names if name}:
        width = len(name)
        for start in range(len(surface) - width + 1):
            window = surface[start:start + width]
            if (window[:-1] == list(name[:-1]) and window[-1] in (name[-1], name[-1] + "s")
                    and tokens.segment[start] == tokens.segment[start + width - 1]):
                rows[start:start + width] = True
    return rows


def present_words(trigger: Trigger, vocabulary: Sequence[str],
                  settings: ReferSettings) -> set[str]:
    """The words of ``vocabulary`` that occur in the trigger (misspellings forgiven).

    Examples
    --------
    >>> options = ReferSettings()
    >>> sorted(present_words(read_trigger("a plumbr", options), ["plumber", "roof"], options))
    ['plumber']
    """
    tables = trigger.tokens.word_tables(list(vocabulary), settings)
    return {word for word, table in zip(vocabulary, tables, strict=True) if table.any()}


def inside_trade_names(trigger: Trigger, trades: Iterable[tuple[str, ...]],
                       settings: ReferSettings, present: set[str]) -> np.ndarray:
    """Token rows that are a leading word of a trade the trigger names.

    "Wedding" in "my wedding photographer cancelled" is part of the trade's
    name: it describes no wedding, so it is neither a keyword of one nor the
    trade "weddings". ``trades`` are the taxonomy's trades as word tuples and
    ``present`` the taxonomy's words found in the trigger
    (:func:`present_words`).

    Examples
    --------
    >>> options = ReferSettings()
    >>> trigger = read_trigger("our wedding photographer cancelled", options)
    >>> trades = [("wedding", "photographer"), ("photographer",)]
    >>> present = {"wedding", "photographer"}
    >>> inside_trade_names(trigger, trades, options, present).tolist()
    [False, True, False, False]
    """
    tokens = trigger.tokens
    inside = np.zeros(len(tokens.code), dtype=bool)
    for words in trades:
        if len(words) < 2 or not present.issuperset(words):
            continue
        for end in np.flatnonzero(tokens.phrase_ends(words, settings)).tolist():
            for row in range(max(end - len(words) + 1, 0), end):
                if tokens.segment[row] == tokens.segment[end]:
                    inside[row] = True
    return inside


#: Words saying that someone has left a role, or failed in it so that another is
#: wanted: "my accountant retired", "our cleaner quit", "their accountant keeps
#: making mistakes", "our accountant keeps missing deadlines", "our accountant
#: is too expensive", "our bookkeeper keeps overcharging". A bill already
#: overcharged is a wrong done, not a habit: "the plumber *overcharged* us" is a
#: dispute with the plumber (see refgraph.judge.needs), not a plumber wanted.
DEPARTURES = frozenset(
    "retired retiring retire retires left leaving quit quits quitting emigrated emigrating "
    "cancelled canceled died bust useless hopeless rubbish terrible awful unreliable "
    "incompetent mistakes errors overcharging missing missed ignoring ignores "
    "unresponsive dreadful expensive pricey overpriced slow rude lazy disorganised "
    "disorganized".split())
#: Words that may stand between a trade and its departure: "has just retired",
#: "keeps making mistakes".
_BEFORE_DEPARTURE = frozenset("has have had is was are were just finally suddenly recently "
                              "gone went keeps keep kept making made makes so really very "
                              "always completely totally too".split())
#: Words that say a trade left, or is to be replaced, when they come first: "we
#: *lost* our accountant", "*let go* of our bookkeeper", "*unhappy* with their
#: web designer".
DEPARTED_BEFORE = frozenset("lost fired sacked dismissed go unhappy dissatisfied disappointed "
                            "replace replacing fed".split())
#: Words that may stand between such a word and the trade: "let go *of our*
#: bookkeeper", "fed *up with their* accountant".
_AFTER_DEPARTURE = frozenset("of our my their his her the with up".split())


def departed_trades(trigger: Trigger, trades: Iterable[tuple[str, ...]],
                    settings: ReferSettings, present: set[str]
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Token rows of trades the trigger says have left, and of the words saying so.

    "My accountant retired" asks for an accountant: the accountant is no party
    in the story but the trade wanted, and "retired" describes no retirement
    to plan for. ``trades`` are the taxonomy's trades as word tuples and
    ``present`` the taxonomy's words found in the trigger (:func:`present_words`).

    Returns
    -------
    (ndarray of bool, ndarray of bool)
        The rows of the trades named before a departure word, and the rows of
        those departure words.

    Examples
    --------
    >>> options = ReferSettings()
    >>> trigger = read_trigger("my accountant has retired", options)
    >>> found = departed_trades(trigger, [("accountant",)], options, {"accountant"})
    >>> [rows.tolist() for rows in found]
    [[False, True, False, False], [False, False, False, True]]
    """
    tokens = trigger.tokens
    wanted = np.zeros(len(tokens.code), dtype=bool)
    gone = np.zeros(len(tokens.code), dtype=bool)
    surface = [str(word) for word in tokens.surface]
    if not (DEPARTURES | DEPARTED_BEFORE) & set(surface):
        return wanted, gone
    named_ends = []
    for words in trades:
        if not present.issuperset(words):
            continue
        for end in np.flatnonzero(tokens.phrase_ends(words, settings)).tolist():
            named_ends.append(end)
            start = max(end - len(words) + 1, 0)
            after = end + 1
            while (after < len(surface) and after - end <= 3
                   and surface[after] in _BEFORE_DEPARTURE):
                after += 1
            if (after < len(surface) and surface[after] in DEPARTURES
                    and tokens.segment[after] == tokens.segment[end]):
                gone[after] = True
                wanted[start:end + 1] = True
            before = start - 1
            while before >= 0 and start - before <= 3 and surface[before] in _AFTER_DEPARTURE:
                before -= 1
            if (before >= 0 and tokens.segment[before] == tokens.segment[start]
                    and _departs_first(surface, before)):
                gone[before] = True
                wanted[start:end + 1] = True
    # A pronoun standing for the trade named before it: "a good dentist, *mine*
    # retired" tells why a dentist is wanted, no retirement to plan for.
    for row in np.flatnonzero(np.isin(tokens.surface, list(_STANDING_FOR))).tolist():
        # The trade may close the clause before: "a good dentist, mine retired".
        if not any(end < row and tokens.segment[row] - tokens.segment[end] <= 1
                   for end in named_ends):
            continue
        after = row + 1
        while after < len(surface) and after - row <= 3 and surface[after] in _BEFORE_DEPARTURE:
            after += 1
        if (after < len(surface) and surface[after] in DEPARTURES
                and tokens.segment[after] == tokens.segment[row]):
            gone[after] = True
    return wanted, gone


#: Pronouns that stand for a trade named before them ("mine retired").
_STANDING_FOR = frozenset("mine ours theirs hers".split())


#: Departure words that count only with their partner: "*let* go", "fed *up*"
#: (the offset and the word there).
_PAIRED_DEPARTURES = {"go": (-1, "let"), "fed": (+1, "up")}


def _departs_first(surface: list[str], row: int) -> bool:
    """Whether the word at ``row`` says the trade after it left ("lost", "let go")."""
    word = surface[row]
    if word in _PAIRED_DEPARTURES:
        offset, partner = _PAIRED_DEPARTURES[word]
        return 0 <= row + offset < len(surface) and surface[row + offset] == partner
    return word in DEPARTED_BEFORE


@dataclass
class StoryMarks:
    """What the story makes of a trigger's words, against one taxonomy's trades.

    Attributes
    ----------
    present : set of str
        The taxonomy's words found in the trigger.
    inside_trade : ndarray of bool
        Rows that are a leading word of a trade the trigger names.
    wanted, gone : ndarray of bool
        Rows of trades the trigger says have left, and of the words saying so.
    """

    present: set[str]
    inside_trade: np.ndarray
    wanted: np.ndarray
    gone: np.ndarray


def mark_story(trigger: Trigger, trades: Collection[tuple[str, ...]],
               vocabulary: Sequence[str], settings: ReferSettings) -> StoryMarks:
    """Read the story once: the words present, the trades inside names, the trades that left.

    Examples
    --------
    >>> options = ReferSettings()
    >>> marks = mark_story(read_trigger("my accountant retired", options), [("accountant",)],
    ...                    ["accountant", "retire"], options)
    >>> sorted(marks.present), marks.wanted.tolist(), marks.gone.tolist()
    (['accountant', 'retire'], [False, True, False], [False, False, True])
    """
    present = present_words(trigger, vocabulary, settings)
    wanted, gone = departed_trades(trigger, trades, settings, present)
    return StoryMarks(present, inside_trade_names(trigger, trades, settings, present),
                      wanted, gone)
