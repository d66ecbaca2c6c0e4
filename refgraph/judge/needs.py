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
from dataclasses import replace
from importlib import resources
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from refgraph.errors import RefgraphError, SettingsError
from refgraph.io.collector import collector_paused
from refgraph.io.settings import ReferSettings, Settings
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
    ``professions``) and keeps the other.

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
                 for key in ("keywords", "professions")))
        for name, entry in user.items()
    )


@functools.lru_cache(maxsize=16)
def _taxonomy_for(user_needs: tuple) -> Taxonomy:
    """The built-in taxonomy merged with user needs, checked and compiled (cached)."""
    with collector_paused():  # see refgraph.io.collector
        merged: dict[str, dict[str, list[str]]] = {
            name: {"keywords": list(entry.get("keywords", [])),
                   "professions": list(entry.get("professions", []))}
            for name, entry in _builtin_needs().items()
        }
        # The built-in phrases are checked by the test suite, not on every run.
        problems: list[str] = []
        for name, *lists in user_needs:
            base = merged.setdefault(name, {"keywords": [], "professions": []})
            for key, phrases in zip(("keywords", "professions"), lists, strict=True):
                if phrases is not None:
                    phrases = list(phrases) if isinstance(phrases, tuple) else phrases
                    problems += _check_phrases(name, key, phrases, "network.toml: needs")
                    base[key] = phrases
        if problems:
            raise SettingsError("the needs taxonomy has unusable phrases:\n  "
                                + "\n  ".join(problems))
        return Taxonomy.build({
            name: Need(name, tuple(dict.fromkeys(entry["keywords"])),
                       tuple(dict.fromkeys(entry["professions"])))
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
        for key in ("keywords", "professions"):
            problems += _check_phrases(name, key, list(entry.get(key, [])), "taxonomy")
        out[name] = Need(name, tuple(entry.get("keywords", [])),
                         tuple(entry.get("professions", [])))
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


def _drop_contained(matches: list[NeedMatch], taxonomy: Taxonomy) -> list[NeedMatch]:
    """Needs whose every matched phrase is part of a longer phrase of another match.

    "R&D tax credits" names R&D tax relief; the "tax" inside it does not also
    describe general accounting.
    """
    kept = []
    for match in matches:
        others = [taxonomy.words[p] for m in matches if m is not match for p in m.matched]
        if not all(any(_contains(longer, taxonomy.words[p]) for longer in others)
                   for p in match.matched):
            kept.append(match)
    # A trade named outright that a described situation already lists is that
    # situation's: "photographer" (photography) does not also bring in the
    # caterers and venues of a wedding that "wedding photographer" names.
    described = [m for m in kept if m.matched_by == "keywords"]
    return [m for m in kept if m.matched_by == "keywords" or not all(
        any(p in other.professions for other in described) for p in m.matched)]


#: Words that name a role, not a trade: "mortgage *adviser*" and "financial
#: *adviser*" are different trades, "*mortgage* adviser" and "*mortgage* broker" one.
_ROLE_WORDS = frozenset({"adviser", "advisor", "and"}) | GENERIC_HEADS


#: Words for one trade: in Britain a lawyer is a solicitor, a mechanic works
#: at a garage and a sparky is an electrician.
_SAME_TRADE: dict[str, tuple[str, ...]] = {
    "lawyer": ("solicitor",), "solicitor": ("lawyer",), "attorney": ("lawyer", "solicitor"),
    "mechanic": ("garage",), "garage": ("mechanic",), "sparky": ("electrician",),
    "sparkie": ("electrician",), "painter": ("decorator",), "decorator": ("painter",),
}


def _kindred(named: tuple[str, ...], need: Need, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The trades named, and the need's trades that share a telling word with one.

    "A mortgage advisor" asks for the mortgage brokers too; "an accountant"
    for chartered accountants but not bookkeepers.
    """
    telling = {w for phrase in named for w in taxonomy.words[phrase]} - _ROLE_WORDS - STOPWORDS
    telling |= {other for word in telling for other in _SAME_TRADE.get(word, ())}
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
        for key, phrases in (("keywords", need.keywords), ("professions", need.professions)):
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
                    ends &= ~gone  # "retired" after a trade is no retirement
                if ends.any():
                    found[key][phrase] = _phrase_quality(words, trigger.tokens)
                    spans.setdefault(need.name, []).extend(
                        (max(end - len(words) + 1, 0), end, key == "keywords")
                        for end in np.flatnonzero(ends).tolist())
        phrases_found = tuple(dict.fromkeys((*found["keywords"], *found["professions"])))
        if found["keywords"]:
            matches.append(NeedMatch(need.name, max(found["keywords"].values()), phrases_found,
                                     need.professions, "keywords"))
        elif found["professions"]:
            # Only a trade was named ("we need an accountant"): the situation is
            # served by that trade, not by every other trade it lists (a
            # solicitor also helps start a business).
            score = max(found["professions"].values()) * settings.need_named_trade
            matches.append(NeedMatch(need.name, score, phrases_found,
                                     _kindred(tuple(found["professions"]), need, taxonomy),
                                     "professions"))
    matches = _drop_contained(matches, taxonomy)
    matches = _one_per_trade(matches, taxonomy)
    matches = _occasions_demoted(matches, spans, trigger, taxonomy, settings)
    matches = _speciality_homes(matches, taxonomy)
    matches.sort(key=lambda m: (m.matched_by != "keywords", -m.score, -len(m.matched), m.name))
    return matches


#: Words that introduce an occasion: "flowers *for* our launch", "lose weight
#: *before* the wedding", "childcare *over* the summer holidays", "look after
#: the dog *when* we go on holiday". Not "on" or "about": "a speaker *on*
#: wellbeing" asks for that speciality.
_OCCASION_MARKERS = frozenset(("for", "before", "over", "during", "when", "while"))
#: Markers that open a clause, whose verb may come before the occasion.
_CLAUSE_MARKERS = frozenset(("when", "while"))
#: Words between the marker and the occasion: "for the wedding", "for our launch",
#: "before I travel", "over the summer holidays".
_OCCASION_LEADS = frozenset(
    "the a an our my their his her your this next i we they he she you".split())
#: Words of a need that act on the thing named next: "*proofread* our brochure",
#: "*translate* the website". The brochure is what is proofread, not a print job.
_ACTS_ON_NEXT = frozenset("proofread translate photograph film insure".split())
#: The same acts told after the thing: "our brochure *translated*", "the
#: brochure needs *proofreading*". Not "hacked": the web designer who rebuilds
#: a hacked website is as much wanted as the security specialist.
_ACTS_ON_BEFORE = frozenset(
    "proofread proofreading translated translating photographed filmed insured".split())
#: Words between a thing and what is done to it: "needs to be translated".
_ACT_AUXILIARIES = frozenset("needs need needing to be is are was were got get getting "
                             "being been has have".split())


def _setting_anchors(surface: list[str], segment: np.ndarray) -> tuple[
        dict[int, tuple[int, ...]], dict[int, tuple[int, ...]]]:
    """Where an occasion or a thing acted on may start, or end, and its anchor rows.

    The first map takes a row where such a phrase may start to the rows of
    which one must end a phrase of another need (the word before "for", any
    word of the main clause before "when", or the act itself); the second
    takes a row where a thing acted on may end (the act told after it) to
    the act's row.
    """
    starts: dict[int, tuple[int, ...]] = {}
    ends: dict[int, tuple[int, ...]] = {}
    for row, word in enumerate(surface):
        if word in _ACTS_ON_BEFORE:
            before = row - 1
            while before >= 0 and row - before <= 3 and surface[before] in _ACT_AUXILIARIES:
                before -= 1
            if before >= 0 and segment[before] == segment[row]:
                ends.setdefault(before, (row,))
        if word in _CLAUSE_MARKERS:
            # "Our Wi-Fi drops out when ...": the need is named anywhere before.
            anchor = tuple(r for r in range(row) if segment[r] == segment[row])
        elif word in _OCCASION_MARKERS:
            anchor = (row - 1,)
        elif word in _ACTS_ON_NEXT:
            anchor = (row,)
        else:
            continue
        after = row + 1
        if after < len(surface) and surface[after] in _OCCASION_LEADS:
            after += 1
        # The occasion may carry one word before its phrase ("the *summer* holidays");
        # a clause is all occasion ("when we get back from holiday").
        reach = len(surface) - after if word in _CLAUSE_MARKERS else 2
        for start in range(after, after + reach):
            if start < len(surface) and segment[start] == segment[row]:
                starts.setdefault(start, anchor)
    return starts, ends


def _specialities(match: NeedMatch, matches: list[NeedMatch],
                  taxonomy: Taxonomy) -> list[tuple[NeedMatch, tuple[str, ...]]]:
    """The trades named alone that, after this situation's words, make its own trade.

    "A solicitor for her divorce" asks for a divorce lawyer (a lawyer is a
    solicitor) and "a photographer for our wedding" for a wedding
    photographer: the divorce and the wedding say which trade, they are no
    mere occasion. "A caterer for our wedding" names no "wedding caterer".
    Each pair is the trade's match and the words of the speciality.
    """
    trades = {taxonomy.words[p] for p in taxonomy.needs[match.name].professions}
    found = []
    for other in matches:
        if other is match or other.matched_by != "professions":
            continue
        for trade in other.matched:
            head = taxonomy.words[trade][-1]
            for form in (head, *_SAME_TRADE.get(head, ())):
                # "Power of attorney" + solicitor, or the head alone: "his will" + solicitor.
                keys = {key for p in match.matched
                        for key in ((*taxonomy.words[p], form), (taxonomy.words[p][-1], form))}
                found.extend((other, key) for key in sorted(keys & trades))
    return found


def _speciality_homes(matches: list[NeedMatch], taxonomy: Taxonomy) -> list[NeedMatch]:
    """A trade named for a situation that has its own such trade lives there.

    In "a solicitor for his will" the solicitor asked for is a wills solicitor,
    which will writing lists and business legal work does not: the named
    trade's general home would rank commercial solicitors for a will. A home
    that lists the speciality itself stays ("wedding photographer" is a
    photographer's trade as much as a wedding's).
    """
    dropped: set[int] = set()
    for match in matches:
        if match.matched_by != "keywords":
            continue
        for other, key in _specialities(match, matches, taxonomy):
            own = {taxonomy.words[p] for p in taxonomy.needs[other.name].professions}
            if key not in own:
                dropped.add(id(other))
    return [m for m in matches if id(m) not in dropped]


def _occasions_demoted(matches: list[NeedMatch],
                       spans: dict[str, list[tuple[int, int, bool]]],
                       trigger: Trigger, taxonomy: Taxonomy,
                       settings: ReferSettings) -> list[NeedMatch]:
    """Situations named only as the occasion of another need score ``need_occasion``.

    In "her hair done for the wedding", "flowers for our launch" and "lose
    weight before the wedding", what comes after "for" or "before" is the
    occasion: the need is the hair, the flowers or the weight, so the
    wedding's caterer and the launch's venue should not rank with the salon,
    the florist and the personal trainer. Only when the words just before
    the marker end a phrase of another recognised need ("looking for a
    plumber" names the need after "for" and stays). A thing another need acts
    on counts as its occasion too: in "proofread our brochure" and "our
    brochure translated into French" the brochure is what is proofread or
    translated, not a print job. A trade named with the occasion's words is
    the occasion's own trade, not an occasion ("a solicitor for her divorce").
    """
    starts, ends = _setting_anchors([str(word) for word in trigger.tokens.surface],
                                trigger.tokens.segment)
    if not starts and not ends:
        return matches
    names = {m.name for m in matches}
    demoted = []
    for match in matches:
        # A described situation is where its keywords are: "venue", a trade of
        # events too, does not make "a venue for our Christmas party" a party.
        own = [(start, end) for start, end, by_keyword in spans.get(match.name, [])
               if by_keyword or match.matched_by != "keywords"]
        # Each of its phrases must follow a marker that follows another need's
        # phrase (or an act of another need): "looking for speakers" names the
        # need itself.
        others = {end for other, places in spans.items()
                  if other != match.name and other in names for _, end, _ in places}
        if (own and all(others.intersection(starts.get(start, ()) + ends.get(end, ()))
                        for start, end in own)
                and not _specialities(match, matches, taxonomy)):
            match = replace(match, score=match.score * settings.need_occasion, occasion=True)
        demoted.append(match)
    return demoted


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
    [('fitness', False), ('wedding', True)]
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
