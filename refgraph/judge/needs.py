"""The needs taxonomy, and recognising the situations a trigger describes.

A *need* is a situation ("redundancy", "web design") with the keywords that
signal it in a trigger and the professions of the people who serve it. The
built-in situations live in ``refgraph/judge/needs.toml``; ``[needs.NAME]``
tables of ``network.toml`` add or change them (see :func:`needs_taxonomy`).
:func:`match_needs` finds the situations of a trigger, whole words in order,
plurals and misspellings of long words forgiven (see
:mod:`refgraph.judge.text_match`).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from refgraph.errors import RefgraphError, SettingsError
from refgraph.io.collector import collector_paused
from refgraph.io.settings import ReferSettings, Settings
from refgraph.io.settings_load import NEED_LISTS
from refgraph.judge.disputes import possession_first, work_after_dispute
from refgraph.judge.occasions import (
    SAME_TRADE,
    as_occasion,
    background_demoted,
    cause_demoted,
    context_demoted,
    occasions_demoted,
    speciality_homes,
    steps_demoted,
    upcoming_demoted,
)
from refgraph.judge.particular import particular_first
from refgraph.judge.story import StoryMarks, Trigger, mark_story, read_trigger
from refgraph.judge.taxonomy import Need, NeedMatch, Taxonomy
from refgraph.judge.text_match import (
    GENERIC_HEADS,
    STOPWORDS,
    TokenTable,
    phrase_words,
    word_stem,
)


def _check_phrases(name: str, key: str, phrases: Any, where: str) -> list[str]:
    problems = []
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        return [f"{where}.{name}.{key}: expected a list of strings"]
    for phrase in phrases:
        words = phrase_words(phrase)
        if any(mark in phrase for mark in ".;!?,|"):  # cleaning keeps these marks
            problems.append(f"{where}.{name}.{key}: {phrase!r} contains punctuation that "
                            "splits it; write one phrase per string")
        elif not words:
            problems.append(f"{where}.{name}.{key}: {phrase!r} has no words")
        elif all(w in STOPWORDS for w in words):
            problems.append(f"{where}.{name}.{key}: {phrase!r} is made only of common words "
                            "and would match almost any text; use a more specific phrase")
    return problems


@functools.lru_cache(maxsize=1)
def _builtin_needs() -> dict[str, dict[str, list[str]]]:
    source = resources.files("refgraph.judge").joinpath("needs.toml")
    with source.open("rb") as handle:
        return tomllib.load(handle)


def needs_taxonomy(settings: Settings | None = None) -> dict[str, Need]:
    """The needs taxonomy: the built-in situations merged with ``settings.needs``.

    A ``[needs.NAME]`` table of ``network.toml`` adds the situation NAME, or,
    when NAME is built in, replaces the lists it gives (``keywords``,
    ``professions``, ``context``) and keeps the others.

    Parameters
    ----------
    settings : Settings, optional
        Settings whose ``needs`` extend the built-in taxonomy.

    Returns
    -------
    dict of str to Need
        Situations by name, built-in ones first.

    Raises
    ------
    SettingsError
        When a phrase is made only of common words, has no words, or holds
        punctuation that splits it; every such phrase is listed.

    Examples
    --------
    >>> taxonomy = needs_taxonomy()
    >>> "career coach" in taxonomy["redundancy"].professions
    True
    >>> extra = Settings(needs={"succession": {"keywords": ["retiring"],
    ...                                        "professions": ["business broker"]}})
    >>> needs_taxonomy(extra)["succession"].professions
    ('business broker',)
    """
    return dict(compiled_taxonomy(settings).needs)


def compiled_taxonomy(settings: Settings | None = None) -> Taxonomy:
    """The needs taxonomy of :func:`needs_taxonomy`, compiled for matching (cached).

    Parameters
    ----------
    settings : Settings, optional
        Settings whose ``needs`` extend the built-in taxonomy.

    Returns
    -------
    Taxonomy
        The situations with their phrase words and conflicting trades.

    Examples
    --------
    >>> compiled_taxonomy().words["career coach"]
    ('career', 'coach')
    """
    return _taxonomy_for(_needs_key(settings))


def _needs_key(settings: Settings | None) -> tuple:
    """``settings.needs`` as a hashable key (lists given, or None for a list left out)."""
    user = settings.needs if settings is not None else {}
    return tuple(
        (name, *(tuple(entry[key]) if isinstance(entry.get(key), list) else entry.get(key)
                 for key in NEED_LISTS))
        for name, entry in user.items()
    )


@functools.lru_cache(maxsize=16)
def _taxonomy_for(user_needs: tuple) -> Taxonomy:
    """The built-in taxonomy merged with user needs, checked and compiled (cached)."""
    with collector_paused():  # see refgraph.io.collector
        merged: dict[str, dict[str, list[str]]] = {
            name: {key: list(entry.get(key, [])) for key in NEED_LISTS}
            for name, entry in _builtin_needs().items()
        }
        # The built-in phrases are checked by the test suite, not on every run.
        problems: list[str] = []
        for name, *lists in user_needs:
            base = merged.setdefault(name, {key: [] for key in NEED_LISTS})
            for key, phrases in zip(NEED_LISTS, lists, strict=True):
                if phrases is not None:
                    phrases = list(phrases) if isinstance(phrases, tuple) else phrases
                    problems += _check_phrases(name, key, phrases, "network.toml: needs")
                    base[key] = phrases
        if problems:
            raise SettingsError("the needs taxonomy has unusable phrases:\n  "
                                + "\n  ".join(problems))
        return Taxonomy.build({
            name: Need(name, *(tuple(dict.fromkeys(entry[key])) for key in NEED_LISTS))
            for name, entry in merged.items()
        })


def _as_taxonomy(taxonomy: Mapping[str, Any] | None, settings: Settings) -> Taxonomy:
    if taxonomy is None:
        return compiled_taxonomy(settings)
    out: dict[str, Need] = {}
    problems: list[str] = []
    for name, entry in taxonomy.items():
        if isinstance(entry, Need):
            out[name] = entry
            continue
        if not isinstance(entry, Mapping):
            raise RefgraphError(f"taxonomy[{name!r}]: expected a Need or a mapping with "
                                "'keywords' and 'professions'")
        for key in NEED_LISTS:
            problems += _check_phrases(name, key, list(entry.get(key, [])), "taxonomy")
        out[name] = Need(name, *(tuple(entry.get(key, [])) for key in NEED_LISTS))
    if problems:
        raise SettingsError("the needs taxonomy has unusable phrases:\n  " + "\n  ".join(problems))
    return Taxonomy.build(out)


def _phrase_quality(words: tuple[str, ...], tokens: TokenTable) -> float:
    """Mean similarity (0-1) of a matched phrase's words to their best trigger word."""
    vocab = list(tokens.vocab)
    scores = [1.0 if w in tokens.index else
              (process.extractOne(w, vocab, scorer=fuzz.ratio) or (None, 0.0))[1] / 100.0
              for w in words]
    return float(np.mean(scores))


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs as consecutive words inside the longer phrase."""
    size = len(shorter)
    return size < len(longer) and any(longer[i:i + size] == shorter
                                      for i in range(len(longer) - size + 1))


def _inside(span: tuple[int, int, bool], spans: list[tuple[int, int, bool]]) -> bool:
    """Whether the token rows of ``span`` lie inside a longer span of ``spans``."""
    start, end, _ = span
    return any(other_start <= start and end <= other_end
               and other_end - other_start > end - start
               for other_start, other_end, _ in spans)


def _drop_contained(matches: list[NeedMatch], taxonomy: Taxonomy,
                    spans: dict[str, list[tuple[int, int, bool]]]) -> list[NeedMatch]:
    """Needs whose every matched phrase is part of a longer phrase of another match.

    "R&D tax credits" names R&D tax relief; the "tax" inside it does not also
    describe general accounting. The same holds where the words lie in the
    trigger: the "electric" of "lease an electric car" is the car's, not a
    word for the electrics.
    """
    kept = []
    for match in matches:
        others = [taxonomy.words[p] for m in matches if m is not match for p in m.matched]
        elsewhere = [span for m in matches if m is not match for span in spans.get(m.name, [])]
        own = spans.get(match.name, [])
        if own and all(_inside(span, elsewhere) for span in own):
            continue
        if not all(any(_contains(longer, taxonomy.words[p]) for longer in others)
                   for p in match.matched):
            kept.append(match)
    # A trade named outright that a described situation already lists is that
    # situation's: "photographer" (photography) does not also bring in the
    # caterers and venues of a wedding that "wedding photographer" names.
    described = [m for m in kept if m.matched_by == "keywords"]
    return [m for m in kept if m.matched_by == "keywords" or not all(
        any(p in other.professions for other in described) for p in m.matched)]


#: Words that name a role or a kind of firm, not a trade: "mortgage *adviser*"
#: and "financial *adviser*" are different trades, "*mortgage* adviser" and
#: "*mortgage* broker" one, as are a "*payroll* bureau" and a "*payroll* specialist".
_ROLE_WORDS = frozenset({"adviser", "advisor", "and", "agency", "bureau"}) | GENERIC_HEADS


def _telling_words(phrase: str, need: Need, taxonomy: Taxonomy) -> set[str]:
    """The words of a trade named that tell its kin apart.

    A role word ("adviser", "consultant", "agency") tells nothing: "mortgage
    adviser" is told by "mortgage". In a situation whose trades each serve a
    part of it (one with ``leads``: a wedding's planner, florist and
    caterer), the situation's own word tells no trade either: a "*wedding*
    planner" is a planner, kin to the event planner, not to everyone whose
    services say "weddings". Elsewhere the service a trade is named for
    tells its kin: a "*letting* agent" is kin to the estate agent who does
    lettings, a "*financial* planner" to the financial adviser.
    """
    words = set(taxonomy.words[phrase]) - _ROLE_WORDS - STOPWORDS
    head = taxonomy.words[phrase][-1]
    if head not in words or not need.leads:
        return words
    situation = {taxonomy.words[k][0] for k in need.keywords if len(taxonomy.words[k]) == 1}
    return words - (situation - {head})


def _kindred(named: tuple[str, ...], need: Need, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The trades named, and the need's trades that share a telling word with one.

    "A mortgage advisor" asks for the mortgage brokers too; "an accountant"
    for chartered accountants but not bookkeepers; "a wedding planner" for
    event planners but not the florists whose services say "weddings".
    """
    telling = {w for phrase in named for w in _telling_words(phrase, need, taxonomy)}
    telling |= {other for word in telling for other in SAME_TRADE.get(word, ())}
    kin = [p for p in need.professions if telling & set(taxonomy.words[p])]
    return tuple(dict.fromkeys((*named, *kin)))


def _one_per_trade(matches: list[NeedMatch], taxonomy: Taxonomy) -> list[NeedMatch]:
    """One situation per trade named alone: the trade's home.

    "We need a bookkeeper" names a trade that accounting, admin, starting a
    business and debt all list; each would ask for the same bookkeepers, so
    only the trade's home is kept: a situation whose keywords hold the
    trade's word ("bookkeeping" for a bookkeeper), then the one listing the
    trade earliest, then the first in taxonomy order.
    """
    def rank(match: NeedMatch, phrase: str) -> tuple[int, int]:
        need = taxonomy.needs[match.name]
        head = word_stem(taxonomy.words[phrase][-1])
        spoken = any(word_stem(w) == head for k in need.keywords for w in taxonomy.words[k])
        return (not spoken, need.professions.index(phrase))

    # Each trade named has one home; a situation stays when it is the home of
    # one of its trades ("an accountant and a bookkeeper" keeps accounting once).
    home: dict[str, NeedMatch] = {}
    for match in matches:
        if match.matched_by != "professions":
            continue
        for phrase in match.matched:
            if phrase not in taxonomy.needs[match.name].professions:
                continue
            other = home.get(phrase)
            if other is None or rank(match, phrase) < rank(other, phrase):
                home[phrase] = match
    homes = {id(match) for match in home.values()}
    return [m for m in matches if m.matched_by != "professions" or id(m) in homes]


#: Endings and words of a trade that names a person ("lawyer", "florist",
#: "electrician", "accountant") or a firm ("a removal firm", "an IT company"),
#: not a service ("tax", "hair", "payroll").
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
_PERSON_WORDS = frozenset("coach mechanic architect osteopath vet nanny chef surgeon physio "
                          "nurse midwife dj firm company".split())


def _names_a_person(word: str) -> bool:
    """Whether a trade's last word names a person, as a trade asked for by name does.

    Examples
    --------
    >>> [_names_a_person(w) for w in ("lawyer", "electrician", "coach", "hair", "tax")]
    [True, True, True, False, False]
    """
    return word in _PERSON_WORDS or (len(word) > 4 and word.endswith(_PERSON_ENDINGS))


def _departure_told(words: tuple[str, ...], wanted: np.ndarray, trigger: Trigger) -> np.ndarray:
    """Rows where a phrase that names the departed trade itself may end on its departure.

    "Retired" after a trade is no retirement to plan for, so a situation's
    keyword never ends on a departure word; but a keyword that names the trade
    before it ("*chef has quit*": a role to fill) tells that very departure.
    """
    told = np.zeros(len(wanted), dtype=bool)
    if len(words) < 2 or not wanted.any():
        return told
    surface = [str(word) for word in trigger.tokens.surface]
    firsts = {row for row in np.flatnonzero(wanted).tolist()
              if word_stem(surface[row]) == word_stem(words[0])}
    for first in firsts:
        told[first + 1:first + 2 * len(words)] = True
    return told


def _in_context(need: Need, trigger: Trigger, taxonomy: Taxonomy,
                settings: ReferSettings) -> bool:
    """Whether the trigger holds one of the need's context phrases (True without any)."""
    return not need.context or any(
        trigger.tokens.phrase_ends(taxonomy.words[phrase], settings).any()
        for phrase in need.context)


#: Wrongs a trader does, told right after them: "the builder *took* our deposit".
_WRONGS_DONE = frozenset("took kept stole pocketed vanished disappeared overcharged ripped "
                         "conned scammed cheated botched bodged abandoned owes".split())
#: Words between the trader and the wrong: "the builder *has just* taken".
_BEFORE_WRONG = frozenset("has had have just then".split())


def _wrongdoers(surface: list[str]) -> np.ndarray:
    """Rows just before a wrong done ("builder" in "the builder took our deposit")."""
    rows = np.zeros(len(surface), dtype=bool)
    for row, word in enumerate(surface):
        if word in _WRONGS_DONE:
            before = row - 1
            while before >= 0 and surface[before] in _BEFORE_WRONG:
                before -= 1
            if before >= 0:
                rows[before] = True
    return rows


def _other_side_demoted(matches: list[NeedMatch], spans: dict[str, list[tuple[int, int, bool]]],
                        party: np.ndarray, taxonomy: Taxonomy,
                        settings: ReferSettings) -> list[NeedMatch]:
    """A situation told only by a trade the story names as a party is its occasion.

    "*My builder* won't finish the job and wants more money" tells a dispute
    with the builder: the builder is the other side, so the building work
    weighs as an occasion (another builder may finish the job, after the
    solicitor). Only a trade naming a person counts ("our brochure needs
    *proofreading*" tells the need), and only when another situation is told
    in words of its own: "my builder is useless" still asks for a builder.
    ``party`` also holds whoever did a wrong told right after them: in "*the
    builder* took our deposit" the builder is the other side too, and so is
    a trade only named, not described: "*the plumber* overcharged us" is no
    plumbing job.
    """
    def other_side(match: NeedMatch) -> bool:
        need = taxonomy.needs[match.name]
        return (bool(spans.get(match.name))
                and all(p in need.professions and _names_a_person(taxonomy.words[p][-1])
                        for p in match.matched)
                and all(party[start:end + 1].all() for start, end, _ in spans[match.name]))

    sides = [other_side(m) for m in matches]
    if all(sides) or not any(sides):
        return matches
    told = any(m.matched_by == "keywords" and not side
               for m, side in zip(matches, sides, strict=True))
    return [as_occasion(m, settings) if side and told else m
            for m, side in zip(matches, sides, strict=True)]


def recognise_needs(trigger: Trigger, taxonomy: Taxonomy, settings: ReferSettings,
                    marks: StoryMarks | None = None) -> list[NeedMatch]:
    """The situations of ``taxonomy`` that a read trigger describes (see :func:`match_needs`).

    Parameters
    ----------
    trigger : Trigger
        The trigger, as :func:`read_trigger` returns it.
    taxonomy : Taxonomy
        The compiled taxonomy.
    settings : ReferSettings
        Matching thresholds.

    Returns
    -------
    list of NeedMatch
        As :func:`match_needs`.

    Examples
    --------
    >>> options = ReferSettings()
    >>> found = recognise_needs(read_trigger("two friends were just made redundant", options),
    ...                         compiled_taxonomy(), options)
    >>> [(m.name, m.matched_by, m.matched) for m in found]
    [('redundancy', 'keywords', ('made redundant', 'redundant'))]
    """
    if marks is None:
        marks = mark_story(trigger, taxonomy.needs_of_profession, taxonomy.vocabulary, settings)
    present, inside_trade, wanted, gone = (marks.present, marks.inside_trade, marks.wanted,
                                           marks.gone)
    matches = []
    # Where each need's phrases lie: (start, end, found by a keyword).
    spans: dict[str, list[tuple[int, int, bool]]] = {}
    for need in taxonomy.needs.values():
        found: dict[str, dict[str, float]] = {"keywords": {}, "professions": {}}
        # Without its context ("team", "staff") a situation's keywords describe
        # another one ("burnt out" is a friend's, not a workplace's).
        keywords = need.keywords if _in_context(need, trigger, taxonomy, settings) else ()
        for key, phrases in (("keywords", keywords), ("professions", need.professions)):
            for phrase in phrases:
                words = taxonomy.words[phrase]
                if not present.issuperset(words):
                    continue  # a word of the phrase is not in the trigger at all
                # Inside a longer trade's name, a word names neither a situation
                # nor a trade of its own ("wedding" in "wedding photographer").
                ends = trigger.tokens.phrase_ends(words, settings) & ~inside_trade
                ends &= ~trigger.muted  # "Fiona Grant" asks for no grant
                if key == "professions":
                    # "Their accountant" is not a need for one, unless they left.
                    ends &= ~(trigger.party & ~wanted)
                else:
                    ends &= ~gone | _departure_told(words, wanted, trigger)
                if ends.any():
                    found[key][phrase] = _phrase_quality(words, trigger.tokens)
                    spans.setdefault(need.name, []).extend(
                        (max(end - len(words) + 1, 0), end, key == "keywords")
                        for end in np.flatnonzero(ends).tolist())
        phrases_found = tuple(dict.fromkeys((*found["keywords"], *found["professions"])))
        if found["keywords"]:
            # A trade named besides the situation ("an employment lawyer for a
            # tribunal") is the trade wanted: not the HR consultant the situation
            # also lists. Only a word naming a person names a trade ("tax" in
            # "tax return" does not), and a trade that is itself one of the
            # situation's keywords ("a good hairdresser", "speakers or
            # trainers") describes the situation: all its trades stay.
            named = tuple(phrase for phrase in found["professions"]
                          if _names_a_person(taxonomy.words[phrase][-1]))
            if any(phrase in found["keywords"] for phrase in named):
                named = ()
            matches.append(NeedMatch(need.name, max(found["keywords"].values()), phrases_found,
                                     _kindred(named, need, taxonomy) if named
                                     else need.professions, "keywords"))
        elif found["professions"]:
            # Only a trade was named ("we need an accountant"): the situation is
            # served by that trade, not by every other trade it lists (a
            # solicitor also helps start a business).
            score = max(found["professions"].values()) * settings.need_named_trade
            matches.append(NeedMatch(need.name, score, phrases_found,
                                     _kindred(tuple(found["professions"]), need, taxonomy),
                                     "professions"))
    matches = _drop_contained(matches, taxonomy, spans)
    wrongdoers = _wrongdoers([str(word) for word in trigger.tokens.surface])
    matches = _other_side_demoted(matches, spans, (trigger.party | wrongdoers) & ~wanted,
                                  taxonomy, settings)
    matches = _one_per_trade(matches, taxonomy)
    matches = steps_demoted(matches, settings)
    matches = particular_first(matches, settings)
    matches = occasions_demoted(matches, spans, trigger, taxonomy, settings)
    matches = background_demoted(matches, spans, trigger, settings)
    matches = upcoming_demoted(matches, spans, trigger, settings)
    matches = cause_demoted(matches, spans, trigger, settings)
    matches = context_demoted(matches, spans, trigger, taxonomy, settings)
    matches = context_demoted(matches, spans, trigger, taxonomy, settings)
    matches = speciality_homes(matches, taxonomy)
    matches = possession_first(work_after_dispute(matches, settings), settings)
    matches.sort(key=lambda m: (m.matched_by != "keywords", -m.score, -len(m.matched), m.name))
    return matches


def phrase_rows(trigger: Trigger, matches: list[NeedMatch], taxonomy: Taxonomy,
                settings: ReferSettings) -> np.ndarray:
    """The trigger's words inside a matched phrase of one of ``matches``.

    With the occasions ("before the *wedding*") these are the words that
    name no trade wanted and tell nobody apart; with the trades named
    outright ("a *criminal lawyer*") the words the taxonomy alone judges, so
    the word "lawyer" finds no employment lawyer by chance.

    Parameters
    ----------
    trigger : Trigger
        The trigger, as :func:`read_trigger` returns it.
    matches : list of NeedMatch
        The recognised needs (:func:`recognise_needs`) whose phrases to mark.
    taxonomy : Taxonomy
        The compiled taxonomy the matches come from.
    settings : ReferSettings
        Matching thresholds.

    Returns
    -------
    ndarray of bool
        One flag per trigger token.

    Examples
    --------
    >>> options = ReferSettings()
    >>> parsed = read_trigger("she wants to lose weight before the wedding", options)
    >>> found = recognise_needs(parsed, compiled_taxonomy(), options)
    >>> [(m.name, m.occasion) for m in found]
    [('fitness', False), ('nutrition', False), ('wedding', True)]
    >>> rows = phrase_rows(parsed, [m for m in found if m.occasion], compiled_taxonomy(),
    ...                    options)
    >>> [str(w) for w in parsed.tokens.surface[rows]]
    ['wedding']
    """
    rows = np.zeros(len(trigger.tokens.code), dtype=bool)
    for match in matches:
        for phrase in match.matched:
            words = taxonomy.words[phrase]
            for end in np.flatnonzero(trigger.tokens.phrase_ends(words, settings)).tolist():
                rows[max(end - len(words) + 1, 0):end + 1] = True
    return rows


def match_needs(trigger: str, taxonomy: Mapping[str, Any] | None = None, *,
                settings: Settings | None = None) -> list[NeedMatch]:
    """Recognise the situations a trigger describes.

    A situation matches when one of its keywords, or one of its professions,
    appears in the trigger (whole words, in order, plurals and misspellings of
    long words forgiven). A situation recognised only by a profession scores
    ``refer.need_named_trade`` (a trade or tool often serves several
    situations), and a profession that names a party in the story
    ("*their* accountant") does not count; keywords always do.

    Parameters
    ----------
    trigger : str
        Free text ("two friends were just made redundant").
    taxonomy : mapping, optional
        ``{name: Need or {"keywords": [...], "professions": [...]}}``; by
        default the built-in taxonomy extended by ``settings.needs``.
    settings : Settings, optional
        Matching thresholds (``settings.refer``) and extra needs.

    Returns
    -------
    list of NeedMatch
        Needs described by the trigger's keywords first, then those it only
        names a trade of; each group by score, then number of phrases found.

    Raises
    ------
    RefgraphError
        When the trigger is empty.

    Examples
    --------
    >>> [m.name for m in match_needs("Two friends were just made redundant")]
    ['redundancy']
    >>> match_needs("my loudspeaker is broken", {"speaker": {"keywords": ["speaker"]}})
    []
    """
    settings = settings or Settings()
    compiled = _as_taxonomy(taxonomy, settings)
    parsed = read_trigger(trigger, settings.refer, compiled.lexicon)
    return recognise_needs(parsed, compiled, settings.refer)
