"""The needs taxonomy's data: situations, the compiled taxonomy and a situation found.

:class:`Need` is one situation of ``refgraph/judge/needs.toml`` (or of a
``[needs.NAME]`` table of ``network.toml``), :class:`Taxonomy` all of them
compiled for matching, and :class:`NeedMatch` a situation recognised in a
trigger. Plain data: loading and matching are in :mod:`refgraph.judge.needs`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from refgraph.judge.text_match import phrases_words


@dataclass(frozen=True)
class Need:
    """One situation of the needs taxonomy.

    Attributes
    ----------
    name : str
        The situation ("redundancy", "web design").
    keywords : tuple of str
        Phrases that signal the situation in a trigger.
    professions : tuple of str
        Professions and services of the people who serve it.
    context : tuple of str
        Phrases of which one must also be in the trigger for the keywords to
        count; empty when any trigger will do. A team's burnout is workplace
        wellbeing, a friend's is not: the keywords are the same, the context
        ("team", "staff") tells them apart. A trade named outright needs no
        context.
    leads : tuple of str
        The trades that lead the situation, found in a contact's profession
        or services: a wedding's planner or venue, before the florist and
        the caterer who each serve one part of it. Empty when every trade
        serves it alike. Set in the built-in ``needs.toml``; a
        ``[needs.NAME]`` table in ``network.toml`` keeps them, or replaces them
        with its own ``leads`` list.
    """

    name: str
    keywords: tuple[str, ...]
    professions: tuple[str, ...]
    context: tuple[str, ...] = ()
    leads: tuple[str, ...] = ()


@dataclass
class Taxonomy:
    """A needs taxonomy compiled for matching.

    Attributes
    ----------
    needs : dict of str to Need
        The situations by name.
    words : dict of str to tuple of str
        The folded words of every keyword and profession phrase.
    needs_of_profession : dict
        For the words of each profession, the needs that list it.
    conflicts : dict
        For the words of each profession, the longer professions ending in it
        that are different trades ("personal trainer" for "trainer").
    """

    needs: dict[str, Need]
    words: dict[str, tuple[str, ...]]
    needs_of_profession: dict[tuple[str, ...], set[str]]
    conflicts: dict[tuple[str, ...], list[tuple[str, ...]]]

    @functools.cached_property
    def vocabulary(self) -> list[str]:
        """Every word of every phrase, sorted."""
        return sorted({w for words in self.words.values() for w in words})

    @functools.cached_property
    def lexicon(self) -> frozenset[str]:
        """Every word of every phrase: words known to be spelled right.

        Two of them with different stems are different words ("filing" and
        "filling", "carer" and "career"), so neither is read as a misspelling
        of the other; two forms of one word ("divorce", "divorced") still match
        (see :meth:`refgraph.judge.text_match.TokenTable.word_tables`).
        """
        return frozenset(self.vocabulary)

    @functools.cached_property
    def specialities(self) -> dict[tuple[str, ...], list[tuple[str, frozenset[str]]]]:
        """For the words of a profession, the trades it specialises: ``(head, needs)`` pairs.

        "event photographer" is a profession of photography, so
        ``specialities[("event",)]`` holds ``("photographer", {"photography"})``:
        a photographer's "events" are event photography.
        """
        out: dict[tuple[str, ...], list[tuple[str, frozenset[str]]]] = {}
        for words, owners in self.needs_of_profession.items():
            if len(words) > 1:
                out.setdefault(words[:-1], []).append((words[-1], frozenset(owners)))
        return out

    @classmethod
    def build(cls, needs: dict[str, Need]) -> Taxonomy:
        """Compile situations by name into a taxonomy."""
        phrases = list(dict.fromkeys(p for n in needs.values()
                                     for p in (*n.keywords, *n.professions, *n.context,
                                               *n.leads)))
        words = dict(zip(phrases, phrases_words(phrases), strict=True))
        owners: dict[tuple[str, ...], set[str]] = {}
        for need in needs.values():
            for phrase in need.professions:
                owners.setdefault(words[phrase], set()).add(need.name)
        by_head: dict[str, list[tuple[str, ...]]] = {}
        for key in owners:
            by_head.setdefault(key[-1], []).append(key)
        conflicts: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for key in owners:
            # A longer profession ending in this one ("personal trainer" for
            # "trainer") is a different trade unless some need lists both.
            conflicts[key] = [
                longer for longer in by_head.get(key[-1], [])
                if len(longer) > len(key) and longer[-len(key):] == key
                and not owners[key] & owners[longer]
            ]
        return cls(needs, words, owners, conflicts)


@dataclass(frozen=True)
class NeedMatch:
    """A situation recognised in a trigger.

    Attributes
    ----------
    name : str
        The situation.
    score : float
        How clearly the trigger names it, in (0, 1]: the mean similarity of
        the best matched phrase's words (1 when word for word), times
        ``refer.need_named_trade`` when only a profession matched.
    matched : tuple of str
        The taxonomy phrases found in the trigger.
    professions : tuple of str
        The professions that serve it: all the situation lists, or, when the
        trigger only names a trade of it, the trades it names.
    matched_by : str
        ``"keywords"`` when the trigger describes the situation itself,
        ``"professions"`` when it only names a trade that serves it.
    occasion : bool
        True when the trigger names the situation only as the occasion of
        another need ("lose weight *before the wedding*"); its score is then
        multiplied by ``refer.need_occasion``.
    follows : bool
        True when the situation is wanted only after another is dealt with
        (the web designer who rebuilds a website *hacked*, after the
        security specialist): its score is multiplied by
        ``refer.need_occasion`` and its words tell nobody apart, but unlike an
        occasion its trade is still wanted.
    """

    name: str
    score: float
    matched: tuple[str, ...]
    professions: tuple[str, ...]
    matched_by: str = "keywords"
    occasion: bool = False
    follows: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON."""
        return {"name": self.name, "score": round(self.score, 4),
                "matched_by": self.matched_by, "matched": list(self.matched),
                "professions": list(self.professions), "occasion": self.occasion}
