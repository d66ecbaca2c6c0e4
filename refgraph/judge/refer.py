"""Referral scoring: whom would I actually refer for this trigger situation.

A referral needs a trigger, a fit, credibility and good will. A *trigger* is
free text ("two friends were just made redundant"); :func:`refer` ranks the
owner's contacts for it with five parts, each in [0, 1]::

    score = weight_fit          * fit
          + weight_relationship * relationship
          + weight_credibility  * credibility
          + weight_goodwill     * goodwill
          + weight_recency      * recency

(weights in :class:`refgraph.io.settings.ReferSettings`; they sum to 1 by
default, so the score is in [0, 1]).

**Fit.** The trigger is matched against the needs taxonomy
(``refgraph/data/needs.toml`` plus ``[needs.NAME]`` tables of
``network.toml``): each situation whose keywords or professions appear in the
trigger is a matched *need* with a match score (see :func:`match_needs`). A
contact's *evidence* for a need is the best field (profession, services, tags,
notes, each with its weight) in which one of the need's professions appears;
notes are read only for contacts with no profession and no services, because
notes mostly record a contact's own situation ("his accountant moved him off
Xero"), not what they offer.
The trigger's own words count too: a contact whose profession or service is
named in the trigger ("a good web designer") has direct evidence. Then::

    best     = max(max over needs of need score x evidence, direct evidence)
    coverage = sum(need score x evidence) / sum(need score)
               over the needs described by keywords (best if there are none)
    need_fit = (1 - fit_breadth) * best + fit_breadth * coverage
    fit      = (1 - fit_specificity) * need_fit + fit_specificity * specificity

so a specialist in every need of the trigger beats one who serves only part
of it. ``specificity`` is how many of the trigger's own distinctive words
("xero", "billing") a contact's profession and services hold, relative to the
best candidate: among the accountants who serve an accounting-software
problem, the one who works with Xero fits best. Contacts with
``need_fit < min_fit`` are never listed, however close.

Words are compared whole, after folding case, accents and plurals, with
rapidfuzz for misspellings of long words; "speaker" never matches
"loudspeaker". A profession the taxonomy files under another need is a
different trade ("personal trainer" is not a "trainer" for a conference), and
a specialisation named in the trigger ("web designer") rules out other
specialists ("interior designer"). Words that name a party in the story
rather than the need ("*my* local bike shop", "*their* accountant", "he *is
an* NED") do not count as direct evidence.

**Relationship.** The owner's tie: ``(1 - relationship_stage_share) * trust +
relationship_stage_share * stage`` with stage 0 (visibility or no tie), 0.5
(credibility), 1 (profitability).

**Credibility**, in the order people weigh it: character, competency (the
owner's 1-5 ratings as ``(rating - 1) / 4``; a missing rating is neutral,
0.5), having used their service (decayed business the owner gave them), and
success (decayed referrals they received from anyone, and their weighted
degree percentile in the network, the owner's ties left out).

**Good will.** What they have given the owner: the decayed weight of their
referrals, business and introductions to the owner.

**Recency.** ``0.5 ** (days since last contact / recency_half_life_days)``,
weighted lightly: the toolkit corrects "first to come to mind", it does not
reward it.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from refgraph.errors import RefgraphError, SettingsError
from refgraph.io.settings import STAGES, ReferSettings, Settings
from refgraph.judge.phrases import KIND_NOUNS, ago, count_noun, join_words, span_phrase, times
from refgraph.model.network import Network
from refgraph.model.ties import decayed_interactions
from refgraph.results import Result, format_date

# --------------------------------------------------------------------------- text

#: Function words: a phrase made only of these would match any trigger, and they
#: end a run of modifiers in front of a profession. "it" is missing on purpose:
#: in a profession it means IT ("IT support").
_STOPWORDS_SURFACE = frozenset(
    """a an the and or nor of to in on at for with by from as into onto off out up down
    over under about than then so too very just also not no yes if but because while
    is are was were be been being am do does did doing have has had having will would
    shall should can could may might must i me my mine we us our ours you your yours
    he him his she her hers they them their theirs its this that these those who whom
    which what where when how why there here some any all each every other own such
    same both more most much many get got""".split()
)
#: Last words of a service that name no trade by themselves ("chiropractic
#: care", "venue hire", "new homes"): a trigger holding one ("a care home",
#: "hire staff") does not name that trade.
_GENERIC_HEADS_SURFACE = frozenset(
    """care hire home homes service services support solutions work help advice
    assessment assessments""".split()
)
#: Words that make the next few words a party in the story: "my bike shop".
_POSSESSIVES = frozenset("my our their his her your its".split())
#: "is a lawyer", "was an NED": the words after describe someone, not the need.
_COPULAS = frozenset("is are was were am".split())
#: ...except after these: "someone who is a good speaker" is the need.
_SEEKERS = frozenset("someone somebody anyone anybody".split())
#: "a supplier of mine": the words before name a party.
_OWNED = frozenset("mine ours theirs his hers yours".split())

#: Words whose matches a token table remembers before it starts afresh.
_MAX_CACHED_WORDS = 20_000
#: Ends a text in a joined token table (a control character no cleaned text holds).
_PIECE_BREAK = "\x1e"
_SEPARATORS = frozenset(".;!?,|\n" + _PIECE_BREAK)
_TOKEN = re.compile(r"[^\W_]+|[.;!?,|\n\x1e]")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_HYPHEN_JOIN = re.compile(r"(?<=[^\W_])[-\u2010\u2011](?=[^\W_])")
_APOSTROPHE_S = re.compile(r"['\u2019]s\b")
_APOSTROPHE = re.compile(r"['\u2019]")


def fold_plural(word: str) -> str:
    """Fold an English plural onto its singular (a light "S-stemmer").

    Only plural endings are removed, so trades stay apart: "accounting" is not
    folded onto "account", nor "designer" onto "design".

    Parameters
    ----------
    word : str
        A lower-case word.

    Returns
    -------
    str
        The folded word.

    Examples
    --------
    >>> [fold_plural(w) for w in ["designers", "coaches", "companies", "services", "business"]]
    ['designer', 'coach', 'company', 'service', 'business']
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


_STOPWORDS = frozenset(fold_plural(w) for w in _STOPWORDS_SURFACE)
_GENERIC_HEADS = frozenset(fold_plural(w) for w in _GENERIC_HEADS_SURFACE)


def _prepare(text: str) -> str:
    """Lower-case, drop accents and apostrophes, join hyphenated words, '&' -> 'and'."""
    text = unicodedata.normalize("NFKD", text)
    text = _COMBINING.sub("", text).lower()
    text = _APOSTROPHE.sub("", _APOSTROPHE_S.sub("", text))
    return _HYPHEN_JOIN.sub("", text).replace("&", " and ")


@functools.lru_cache(maxsize=8192)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase, as the matcher compares them.

    Examples
    --------
    >>> phrase_words("Web Designers & E-commerce")
    ('web', 'designer', 'and', 'ecommerce')
    """
    return tuple(
        fold_plural(token) for token in _TOKEN.findall(_prepare(phrase))
        if token not in _SEPARATORS
    )


@dataclass
class _Tokens:
    """Texts as one flat token table: the unit every phrase is matched on.

    Tokens of all texts sit end to end; ``piece`` says which text a token came
    from and ``segment`` which sentence or ``;``-item (phrases never cross
    segments). Consecutive rows of one segment are consecutive words.
    """

    piece: np.ndarray
    segment: np.ndarray
    code: np.ndarray
    surface: np.ndarray
    vocab: np.ndarray
    index: dict[str, int]
    #: Vocabulary codes each (word, similarity, min length) matches.
    _luts: dict[tuple[str, float, int], np.ndarray] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> _Tokens:
        """Tokenise texts in one regular-expression pass over their concatenation."""
        joined = _PIECE_BREAK.join(t.replace(_PIECE_BREAK, " ") for t in texts)
        found = np.array(_TOKEN.findall(_prepare(joined)), dtype=object)
        if found.size:
            # pandas, not numpy, compares: numpy string scalars drop control characters.
            found_series = pd.Series(found, dtype=object)
            breaks = found_series.isin(_SEPARATORS).to_numpy()
            piece = np.cumsum((found_series == _PIECE_BREAK).to_numpy())
        else:
            breaks = piece = np.zeros(0, dtype=np.int64)
        segment = np.cumsum(breaks)
        keep = ~breaks.astype(bool)
        surface = found[keep]
        surface_codes, surface_words = pd.factorize(surface)
        folded = np.array([fold_plural(w) for w in surface_words], dtype=object)
        folded_codes, vocab = pd.factorize(folded)
        vocab = np.asarray(vocab, dtype=object)
        return cls(
            piece=np.asarray(piece[keep], dtype=np.int64),
            segment=np.asarray(segment[keep], dtype=np.int64),
            code=np.asarray(folded_codes, dtype=np.int64)[surface_codes]
            if surface.size else np.zeros(0, dtype=np.int64),
            surface=surface,
            vocab=vocab,
            index={word: i for i, word in enumerate(vocab)},
        )

    def subset(self, rows: np.ndarray) -> _Tokens:
        """The same table restricted to some rows (whole segments keep adjacency)."""
        return _Tokens(self.piece[rows], self.segment[rows], self.code[rows],
                       self.surface[rows], self.vocab, self.index, self._luts)

    def word_tables(self, words: Sequence[str], settings: ReferSettings) -> list[np.ndarray]:
        """For each word, a boolean table over the vocabulary of the tokens it matches.

        A word matches itself and, if both are at least ``fuzzy_min_length``
        long, any word within ``word_similarity`` (rapidfuzz ``ratio``).
        """
        similarity, min_length = settings.word_similarity, settings.fuzzy_min_length
        missing = sorted({w for w in words if (w, similarity, min_length) not in self._luts})
        if len(self._luts) + len(missing) > _MAX_CACHED_WORDS:
            self._luts.clear()  # triggers keep adding words; keep memory bounded
            missing = sorted(set(words))
        if missing:
            lengths = np.fromiter((len(v) for v in self.vocab), dtype=np.int64,
                                  count=len(self.vocab))
            long_codes = np.flatnonzero(lengths >= min_length)
            fuzzy = [w for w in missing if len(w) >= min_length]
            scores = None
            if fuzzy and long_codes.size and similarity <= 100:
                scores = process.cdist(fuzzy, list(self.vocab[long_codes]), scorer=fuzz.ratio,
                                       score_cutoff=similarity, dtype=np.uint8, workers=1)
            rows = {w: i for i, w in enumerate(fuzzy)}
            for word in missing:
                codes = [self.index[word]] if word in self.index else []
                if scores is not None and word in rows:
                    codes += long_codes[np.flatnonzero(scores[rows[word]])].tolist()
                # Cached as vocabulary codes: a dense table per word would cost
                # one byte per vocabulary word for every word ever asked about.
                self._luts[(word, similarity, min_length)] = np.unique(
                    np.asarray(codes, dtype=np.int64))
        tables = []
        for word in words:
            table = np.zeros(len(self.vocab), dtype=bool)
            table[self._luts[(word, similarity, min_length)]] = True
            tables.append(table)
        return tables

    def phrase_ends(self, words: Sequence[str], settings: ReferSettings) -> np.ndarray:
        """Rows where an occurrence of the phrase ends (its last word).

        Every word must match, in order, with at most ``phrase_gap_words``
        other words between two of them, inside one segment.
        """
        tables = self.word_tables(words, settings)
        code, segment = self.code, self.segment
        state = tables[0][code]
        for table in tables[1:]:
            here = table[code]
            following = np.zeros_like(state)
            for step in range(1, settings.phrase_gap_words + 2):
                if step >= len(code):
                    break
                same_segment = segment[step:] == segment[:-step]
                following[step:] |= state[:-step] & here[step:] & same_segment
            state = following
        return state

    def span_text(self, end: int, length: int) -> str:
        """The surface words of the ``length`` rows ending at row ``end``."""
        start = max(end - length + 1, 0)
        rows = [r for r in range(start, end + 1) if self.segment[r] == self.segment[end]]
        return " ".join(self.surface[rows])


def _party_mask(tokens: _Tokens, window: int) -> np.ndarray:
    """Rows naming a party in the story: "my local bike shop", "he is an NED".

    After a possessive ("my", "their", ...) or a copula ("is", "was", ... with an
    optional article) the next ``window`` words are masked, stopping at a
    function word or the end of the segment; before "of mine" / "of theirs" the
    previous ``window`` words are masked the same way.
    """
    words = [tokens.vocab[c] for c in tokens.code]
    surface = list(tokens.surface)
    segment = tokens.segment
    mask = np.zeros(len(words), dtype=bool)

    def mark(start: int, direction: int, anchor: int) -> None:
        position, count = start, 0
        while 0 <= position < len(words) and count < window:
            if segment[position] != segment[anchor] or words[position] in _STOPWORDS:
                break
            mask[position] = True
            position += direction
            count += 1

    for i, word in enumerate(surface):
        if word in _POSSESSIVES:
            mark(i + 1, +1, i)
        elif word in _COPULAS and not (i > 0 and surface[i - 1] in _SEEKERS
                                       and segment[i - 1] == segment[i]):
            j = i + 1
            if j < len(words) and surface[j] in ("a", "an", "the") and segment[j] == segment[i]:
                j += 1
            mark(j, +1, i)
        elif word in _OWNED and i >= 1 and surface[i - 1] == "of" and segment[i - 1] == segment[i]:
            mark(i - 2, -1, i)
    return mask


# --------------------------------------------------------------------------- needs taxonomy


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
    """

    name: str
    keywords: tuple[str, ...]
    professions: tuple[str, ...]


def _check_phrases(name: str, key: str, phrases: Any, where: str) -> list[str]:
    problems = []
    if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
        return [f"{where}.{name}.{key}: expected a list of strings"]
    for phrase in phrases:
        words = phrase_words(phrase)
        if any(mark in _prepare(phrase) for mark in ".;!?,|"):
            problems.append(f"{where}.{name}.{key}: {phrase!r} contains punctuation that "
                            "splits it; write one phrase per string")
        elif not words:
            problems.append(f"{where}.{name}.{key}: {phrase!r} has no words")
        elif all(w in _STOPWORDS for w in words):
            problems.append(f"{where}.{name}.{key}: {phrase!r} is made only of common words "
                            "and would match almost any text; use a more specific phrase")
    return problems


@functools.lru_cache(maxsize=1)
def _builtin_needs() -> dict[str, dict[str, list[str]]]:
    source = resources.files("refgraph").joinpath("data", "needs.toml")
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
    return dict(_taxonomy_for(_needs_key(settings)).needs)


def _needs_key(settings: Settings | None) -> tuple:
    """``settings.needs`` as a hashable key (lists given, or None for a list left out)."""
    user = settings.needs if settings is not None else {}
    return tuple(
        (name, *(tuple(entry[key]) if isinstance(entry.get(key), list) else entry.get(key)
                 for key in ("keywords", "professions")))
        for name, entry in user.items()
    )


@functools.lru_cache(maxsize=16)
def _taxonomy_for(user_needs: tuple) -> _Taxonomy:
    """The built-in taxonomy merged with user needs, checked and compiled (cached)."""
    merged: dict[str, dict[str, list[str]]] = {
        name: {"keywords": list(entry.get("keywords", [])),
               "professions": list(entry.get("professions", []))}
        for name, entry in _builtin_needs().items()
    }
    problems: list[str] = []
    for name, entry in merged.items():
        for key in ("keywords", "professions"):
            problems += _check_phrases(name, key, entry[key], "needs.toml")
    for name, *lists in user_needs:
        base = merged.setdefault(name, {"keywords": [], "professions": []})
        for key, phrases in zip(("keywords", "professions"), lists, strict=True):
            if phrases is not None:
                phrases = list(phrases) if isinstance(phrases, tuple) else phrases
                problems += _check_phrases(name, key, phrases, "network.toml: needs")
                base[key] = phrases
    if problems:
        raise SettingsError("the needs taxonomy has unusable phrases:\n  " + "\n  ".join(problems))
    return _Taxonomy.build({
        name: Need(name, tuple(dict.fromkeys(entry["keywords"])),
                   tuple(dict.fromkeys(entry["professions"])))
        for name, entry in merged.items()
    })


def _as_taxonomy(taxonomy: Mapping[str, Any] | None, settings: Settings) -> _Taxonomy:
    if taxonomy is None:
        return _taxonomy_for(_needs_key(settings))
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
    return _Taxonomy.build(out)


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
        The professions that serve it.
    matched_by : str
        ``"keywords"`` when the trigger describes the situation itself,
        ``"professions"`` when it only names a trade that serves it.
    """

    name: str
    score: float
    matched: tuple[str, ...]
    professions: tuple[str, ...]
    matched_by: str = "keywords"

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON."""
        return {"name": self.name, "score": round(self.score, 4),
                "matched_by": self.matched_by, "matched": list(self.matched),
                "professions": list(self.professions)}


@dataclass
class _Trigger:
    text: str
    tokens: _Tokens
    party: np.ndarray


def _read_trigger(trigger: Any, settings: ReferSettings) -> _Trigger:
    if not isinstance(trigger, str) or not trigger.strip():
        raise RefgraphError("the trigger is empty; describe the situation, e.g. "
                            "\"a client asked me for a good web designer\"")
    tokens = _Tokens.from_texts([trigger])
    if not len(tokens.code):
        raise RefgraphError(f"the trigger {trigger!r} has no words; describe the situation")
    return _Trigger(trigger.strip(), tokens, _party_mask(tokens, settings.party_window_words))


def _phrase_quality(words: tuple[str, ...], tokens: _Tokens) -> float:
    """Mean similarity (0-1) of a matched phrase's words to their best trigger word."""
    vocab = list(tokens.vocab)
    scores = [1.0 if w in tokens.index else
              (process.extractOne(w, vocab, scorer=fuzz.ratio) or (None, 0.0))[1] / 100.0
              for w in words]
    return float(np.mean(scores))


def _match_needs(trigger: _Trigger, taxonomy: _Taxonomy,
                 settings: ReferSettings) -> list[NeedMatch]:
    vocabulary = sorted({w for words in taxonomy.words.values() for w in words})
    tables = trigger.tokens.word_tables(vocabulary, settings)
    present = {word for word, table in zip(vocabulary, tables, strict=True) if table.any()}
    matches = []
    for need in taxonomy.needs.values():
        found: dict[str, dict[str, float]] = {"keywords": {}, "professions": {}}
        for key, phrases in (("keywords", need.keywords), ("professions", need.professions)):
            for phrase in phrases:
                words = taxonomy.words[phrase]
                if not present.issuperset(words):
                    continue  # a word of the phrase is not in the trigger at all
                ends = trigger.tokens.phrase_ends(words, settings)
                if key == "professions":
                    ends &= ~trigger.party  # "their accountant" is not a need for one
                if ends.any():
                    found[key][phrase] = _phrase_quality(words, trigger.tokens)
        phrases_found = tuple(dict.fromkeys((*found["keywords"], *found["professions"])))
        if found["keywords"]:
            matches.append(NeedMatch(need.name, max(found["keywords"].values()), phrases_found,
                                     need.professions, "keywords"))
        elif found["professions"]:
            score = max(found["professions"].values()) * settings.need_named_trade
            matches.append(NeedMatch(need.name, score, phrases_found, need.professions,
                                     "professions"))
    matches.sort(key=lambda m: (m.matched_by != "keywords", -m.score, -len(m.matched), m.name))
    return matches


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
    parsed = _read_trigger(trigger, settings.refer)
    return _match_needs(parsed, _as_taxonomy(taxonomy, settings), settings.refer)


# --------------------------------------------------------------------------- fit

#: Contact fields searched for evidence; each weighs ``refer.fit_field_<name>``.
_FIELDS: tuple[str, ...] = ("profession", "services", "tags", "notes")
#: Fields whose items are the contact's own trades, matched directly against the trigger.
_TRADE_FIELDS: tuple[str, ...] = ("profession", "services")


def _profiles(network: Network) -> _Tokens:
    """The contacts' profession, services, tags and notes as one token table (cached).

    Piece ``f * n + i`` is field ``_FIELDS[f]`` of contact row ``i``.
    """
    key = ("refer", "profiles")
    if key not in network._cache:
        contacts = network.contacts
        texts: list[str] = []
        for name in _FIELDS:
            column = contacts[name] if name in contacts else pd.Series("", index=contacts.index)
            texts += ["" if not isinstance(v, str) else v for v in column.tolist()]
        network._cache[key] = _Tokens.from_texts(texts)
    return network._cache[key]


@dataclass
class _Taxonomy:
    """Phrase words of a taxonomy, and which longer professions are different trades."""

    needs: dict[str, Need]
    words: dict[str, tuple[str, ...]]
    needs_of_profession: dict[tuple[str, ...], set[str]]
    conflicts: dict[tuple[str, ...], list[tuple[str, ...]]]

    @classmethod
    def build(cls, needs: dict[str, Need]) -> _Taxonomy:
        words = {p: phrase_words(p) for n in needs.values() for p in (*n.keywords, *n.professions)}
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


def _need_evidence(profiles: _Tokens, n: int, matches: list[NeedMatch], taxonomy: _Taxonomy,
                   settings: ReferSettings, has_trade: np.ndarray
                   ) -> tuple[np.ndarray, list[dict[int, tuple]]]:
    """Evidence matrix (contacts x matched needs) and where each piece was found.

    Notes are read only for contacts whose profession and services are empty:
    for everyone else notes mostly record their own situation ("his
    accountant moved him off Xero"), not what they offer.
    """
    weights = np.array([getattr(settings, f"fit_field_{name}") for name in _FIELDS])
    evidence = np.zeros((n, len(matches)))
    where: list[dict[int, tuple]] = [{} for _ in matches]
    if not matches or not len(profiles.code):
        return evidence, where
    # Only segments holding a word of some profession can match: work on those.
    phrases = {taxonomy.words[p] for m in matches for p in m.professions}
    phrases |= {c for key in phrases for c in taxonomy.conflicts.get(key, [])}
    tables = profiles.word_tables(sorted({w for key in phrases for w in key}), settings)
    useful = np.logical_or.reduce(tables)[profiles.code]
    notes = profiles.piece // n == _FIELDS.index("notes")
    useful &= ~(notes & has_trade[profiles.piece % n])
    sub = profiles.subset(np.flatnonzero(np.isin(profiles.segment, profiles.segment[useful])))
    for column, match in enumerate(matches):
        best = evidence[:, column]
        for phrase in match.professions:
            key = taxonomy.words[phrase]
            ends = sub.phrase_ends(key, settings)
            for longer in taxonomy.conflicts.get(key, []):
                ends &= ~sub.phrase_ends(longer, settings)
            rows = np.flatnonzero(ends)
            if not rows.size:
                continue
            contact = sub.piece[rows] % n
            field_code = sub.piece[rows] // n
            found = pd.DataFrame({"contact": contact, "weight": weights[field_code],
                                  "field": field_code, "row": rows})
            found = found.sort_values(["weight", "row"], ascending=[False, True],
                                      kind="stable").drop_duplicates("contact")
            people = found["contact"].to_numpy()
            better = found["weight"].to_numpy() > best[people]
            for person, _weight, field_code_, row in found[better].itertuples(index=False):
                where[column][int(person)] = (phrase, _FIELDS[field_code_],
                                              sub.span_text(int(row), len(key)))
            best[people[better]] = found["weight"].to_numpy()[better]
    return evidence, where


def _direct_evidence(profiles: _Tokens, n: int, trigger: _Trigger, matches: list[NeedMatch],
                     taxonomy: _Taxonomy, settings: ReferSettings
                     ) -> tuple[np.ndarray, dict[int, tuple]]:
    """Evidence from the trigger naming a contact's own trade ("a good web designer")."""
    direct = np.zeros(n)
    where: dict[int, tuple] = {}
    tokens = trigger.tokens
    if not len(profiles.code):
        return direct, where
    # Segments of the trade fields whose last word (the trade's head noun) is in the trigger.
    field_code = profiles.piece // n
    trade = np.isin(field_code, [_FIELDS.index(f) for f in _TRADE_FIELDS])
    last = np.append(profiles.segment[1:] != profiles.segment[:-1], True)
    trigger_words = sorted(set(tokens.vocab))
    in_trigger = np.logical_or.reduce(profiles.word_tables(trigger_words, settings))
    heads = np.flatnonzero(last & trade & in_trigger[profiles.code])
    if not heads.size:
        return direct, where
    first = np.searchsorted(profiles.segment, profiles.segment[heads], side="left")
    phrases: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
    for start, end in zip(first.tolist(), heads.tolist(), strict=True):
        key = tuple(profiles.vocab[profiles.code[start:end + 1]])
        if len(key) == 1 and (key[0] in _STOPWORDS or len(key[0]) < 3):
            continue  # "IT", "HR", "and" alone would match too much
        phrases.setdefault(key, []).append((start, end, int(profiles.piece[end])))

    matched_needs = {m.name for m in matches}
    # Positions where the trigger names a specialisation ("web designer"): a
    # known multi-word trade ends there.
    known = [k for k in phrases if len(k) > 1]
    known += [k for k in taxonomy.needs_of_profession if len(k) > 1 and k[-1] in tokens.index]
    specialised = np.zeros(len(tokens.code), dtype=bool)
    full_ends: dict[tuple[str, ...], np.ndarray] = {}
    for key in dict.fromkeys(known):
        full_ends[key] = tokens.phrase_ends(key, settings)
        specialised |= full_ends[key]

    for key, places in phrases.items():
        ends = full_ends.get(key)
        if ends is None:
            ends = tokens.phrase_ends(key, settings)
        heads_at = tokens.word_tables([key[-1]], settings)[0][tokens.code] & ~trigger.party
        if (ends & heads_at).any():
            score = 1.0
        else:
            owners = taxonomy.needs_of_profession.get(key)
            other_trade = owners is not None and not owners & matched_needs
            open_heads = heads_at & ~specialised
            named = open_heads.any() and not other_trade and key[-1] not in _GENERIC_HEADS
            score = settings.fit_trade_only if named else 0.0
        if score <= 0:
            continue
        for start, end, piece in places:
            contact, field_name = piece % n, _FIELDS[piece // n]
            value = score * getattr(settings, f"fit_field_{field_name}")
            if value > direct[contact]:
                direct[contact] = value
                where[contact] = (None, field_name,
                                  " ".join(profiles.surface[start:end + 1]), score)
    return direct, where


def _specificity(profiles: _Tokens, n: int, trigger: _Trigger, settings: ReferSettings
                 ) -> np.ndarray:
    """How many of the trigger's distinctive words each contact's trade fields hold.

    Words naming a party in the story ("their accountant") and function words
    do not count.
    """
    tokens = trigger.tokens
    words = sorted({w for w in tokens.vocab[tokens.code[~trigger.party]]
                    if w not in _STOPWORDS and len(w) >= 3})
    counts = np.zeros(n)
    if not words or not len(profiles.code):
        return counts
    trade = np.isin(profiles.piece // n, [_FIELDS.index(f) for f in _TRADE_FIELDS])
    for table in profiles.word_tables(words, settings):
        people = np.unique(profiles.piece[table[profiles.code] & trade] % n)
        counts[people] += 1
    return counts


def fit_frame(network: Network, trigger: str, *, settings: Settings | None = None
              ) -> tuple[pd.DataFrame, list[NeedMatch]]:
    """How well each contact fits a trigger, with the evidence.

    Parameters
    ----------
    network : Network
        The network; its settings supply the taxonomy and thresholds unless
        ``settings`` is given.
    trigger : str
        The situation.
    settings : Settings, optional
        Overrides ``network.settings``.

    Returns
    -------
    (DataFrame, list of NeedMatch)
        One row per contact (in ``network.contacts`` order): ``id``, ``fit``,
        ``best``, ``coverage`` and ``fits`` (a list of dicts ``need``,
        ``phrase``, ``field``, ``found``); and the matched needs.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"],
    ...     "profession": ["", "Career coach", "Loudspeaker repairs"]})
    >>> net = refgraph.load_network((contacts, pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["me"], "target": ["ann"], "kind": ["call"]})))
    >>> frame, needs = fit_frame(net, "a friend was made redundant")
    >>> frame[["id", "fit"]].to_dict("records")
    [{'id': 'me', 'fit': 0.0}, {'id': 'ann', 'fit': 1.0}, {'id': 'bob', 'fit': 0.0}]
    """
    settings = settings or network.settings
    options = settings.refer
    parsed = _read_trigger(trigger, options)
    taxonomy = _taxonomy_for(_needs_key(settings))
    matches = _match_needs(parsed, taxonomy, options)
    profiles = _profiles(network)
    n = len(network.contacts)

    has_trade = np.zeros(n, dtype=bool)
    trade_pieces = profiles.piece[np.isin(profiles.piece // n,
                                          [_FIELDS.index(f) for f in _TRADE_FIELDS])]
    has_trade[trade_pieces % n] = True  # a profession or service with at least one word
    evidence, need_where = _need_evidence(profiles, n, matches, taxonomy, options, has_trade)
    direct, direct_where = _direct_evidence(profiles, n, parsed, matches, taxonomy, options)
    need_scores = np.array([m.score for m in matches])
    served = evidence * need_scores if matches else np.zeros((n, 0))
    best = np.maximum(served.max(axis=1) if matches else 0.0, direct)
    # Breadth is judged over the situations the trigger describes (keywords);
    # needs it only names a trade of count towards the best match alone.
    described = np.array([m.matched_by == "keywords" for m in matches], dtype=bool)
    if described.any():
        coverage = served[:, described].sum(axis=1) / need_scores[described].sum()
    else:
        coverage = best
    breadth = _share(options.fit_breadth)
    need_fit = np.clip((1 - breadth) * best + breadth * coverage, 0.0, 1.0)  # weights > 1 cap
    # Among those who serve the need, the specialist in what the trigger names
    # ("xero", "billing") fits better than the generalist.
    specific = _specificity(profiles, n, parsed, options)
    candidates = need_fit >= options.min_fit
    most = specific[candidates].max() if candidates.any() else 0.0
    # When no candidate holds any of the words, they tell nobody apart.
    specificity = specific / most if most > 0 else np.ones(n)
    share = _share(options.fit_specificity)
    fit = np.where(need_fit > 0, (1 - share) * need_fit + share * specificity, 0.0)

    fits: list[list[dict[str, Any]]] = [[] for _ in range(n)]
    for column, match in enumerate(matches):
        for person, (phrase, field_name, found) in need_where[column].items():
            fits[person].append({"need": match.name, "phrase": phrase, "field": field_name,
                                 "found": found, "evidence": float(evidence[person, column])})
    for person, (_, field_name, found, _score) in direct_where.items():
        if any(item["found"] == found and item["field"] == field_name for item in fits[person]):
            continue  # already explained by a need it serves
        fits[person].append({"need": None, "phrase": found, "field": field_name,
                             "found": found, "evidence": float(direct[person])})
    frame = pd.DataFrame({"id": network.contacts["id"].to_numpy(dtype=object), "fit": fit,
                          "need_fit": need_fit, "specificity": specificity,
                          "best": best, "coverage": coverage, "fits": fits})
    return frame, matches


# --------------------------------------------------------------------------- the other parts


def _share(value: float) -> float:
    """A mixing share from the settings, kept in [0, 1] so every part stays in [0, 1]."""
    return min(max(float(value), 0.0), 1.0)


def _half_saturation(amount: np.ndarray, half: float) -> np.ndarray:
    """``1 - 0.5 ** (amount / half)``: 0 for nothing, 0.5 at ``half``, towards 1."""
    if half <= 0:
        return (np.asarray(amount) > 0).astype(float)
    return -np.expm1(-np.log(2.0) * np.asarray(amount, dtype=float) / half)


def _rating(values: pd.Series) -> np.ndarray:
    """A 1-5 rating as (rating - 1) / 4; missing ratings are neutral (0.5, as 3/5)."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    return np.where(np.isnan(numbers), 0.5, (numbers - 1.0) / 4.0)


def _decayed_count(network: Network, stamp: pd.Timestamp, kind: str, by: str,
                   source: str | None = None) -> pd.Series:
    """Decayed count of interactions of one kind per ``by`` column (optionally from one source)."""
    rows = network.interactions
    rows = rows[(rows["kind"] == kind).to_numpy()]  # categorical: cheap, and few rows remain
    if source is not None:
        rows = rows[(rows["source"] == source).to_numpy()]
    if rows.empty:
        return pd.Series(dtype=float)
    decayed = decayed_interactions(rows, network.settings, stamp)
    return decayed.groupby(by, sort=False)["decay"].sum()


def _standing(network: Network, stamp: pd.Timestamp) -> pd.DataFrame:
    """Per contact: decayed referrals received and weighted degree (cached per moment)."""
    key = ("refer", "standing", stamp)
    if key not in network._cache:
        ids = pd.Index(network.contacts["id"])
        received = _decayed_count(network, stamp, "referral", "target").reindex(ids).fillna(0.0)
        ties = network.ties(stamp)
        ends = np.concatenate([ties["u"].to_numpy(dtype=object), ties["v"].to_numpy(dtype=object)])
        strength = np.tile(ties["strength"].to_numpy(dtype=float), 2)
        codes = ids.get_indexer(ends)
        known = codes >= 0
        degree = np.bincount(codes[known], weights=strength[known], minlength=len(ids))
        network._cache[key] = pd.DataFrame({"referrals_received": received.to_numpy(),
                                            "degree": degree}, index=ids)
    return network._cache[key]


def _spread(ids: pd.Index, keys: np.ndarray, values: np.ndarray, fill: Any) -> np.ndarray:
    """Values given for some ids, laid out in ``ids`` order with ``fill`` elsewhere."""
    out = np.full(len(ids), fill, dtype=object if isinstance(fill, str) else float)
    positions = ids.get_indexer(keys)
    known = positions >= 0
    out[positions[known]] = np.asarray(values)[known]
    return out


def _owner_frame(network: Network, owner: str, stamp: pd.Timestamp) -> pd.DataFrame:
    """Per contact: the owner's tie, what they gave the owner, what the owner gave them."""
    ids = pd.Index(network.contacts["id"], name="id")
    ties = network.ties(stamp)
    u, v = ties["u"].to_numpy(dtype=object), ties["v"].to_numpy(dtype=object)
    is_u, is_v = u == owner, v == owner
    mine = ties[is_u | is_v]
    other = np.where(is_u[is_u | is_v], mine["v"].to_numpy(dtype=object),
                     mine["u"].to_numpy(dtype=object))
    frame = pd.DataFrame(index=ids)
    for column in ("trust", "strength", "n_one_to_one", "interactions"):
        frame[column] = _spread(ids, other, mine[column].to_numpy(dtype=float), 0.0)
    frame["stage"] = _spread(ids, other, mine["stage"].to_numpy(dtype=object), "none")
    for column in ("first_contact", "last_contact"):
        micros = _spread(ids, other, mine[column].astype("datetime64[us, UTC]").to_numpy(
            dtype="datetime64[us]").astype(np.int64).astype(float), np.nan)
        frame[column] = pd.to_datetime(micros, unit="us", utc=True)

    flows = network.flows(stamp)
    given = flows[(flows["target"] == owner).to_numpy()]
    for column in ("weight", "referrals", "business", "introductions", "value"):
        frame[f"gave_{column}"] = _spread(ids, given["source"].to_numpy(dtype=object),
                                          given[column].to_numpy(dtype=float), 0.0)
    jobs = flows[(flows["source"] == owner).to_numpy()]
    frame["owner_business"] = _spread(ids, jobs["target"].to_numpy(dtype=object),
                                      jobs["business"].to_numpy(dtype=float), 0.0)
    decayed = _decayed_count(network, stamp, "business", "target", source=owner)
    frame["owner_business_decayed"] = _spread(ids, decayed.index.to_numpy(dtype=object),
                                              decayed.to_numpy(dtype=float), 0.0)
    standing = _standing(network, stamp)
    frame["referrals_received"] = standing["referrals_received"].to_numpy()
    # Standing in the network beyond the owner: the owner's own tie is relationship.
    degree = pd.Series(standing["degree"].to_numpy() - frame["strength"].to_numpy(), index=ids)
    degree = degree.where(degree > 1e-9, 0.0)
    frame["centrality"] = degree.rank(pct=True, method="max").where(degree > 0, 0.0).to_numpy()
    return frame


def _parts(network: Network, owner: str, stamp: pd.Timestamp, options: ReferSettings
           ) -> pd.DataFrame:
    """Relationship, credibility (with its four parts), good will and recency per contact."""
    frame = _owner_frame(network, owner, stamp)
    # Stages in VCP order, evenly spaced: visibility 0, credibility 0.5, profitability 1.
    ladder = {stage: rank / (len(STAGES) - 1) for rank, stage in enumerate(STAGES)}
    stage_value = frame["stage"].map(ladder).fillna(0.0).to_numpy(dtype=float)
    share = _share(options.relationship_stage_share)
    frame["relationship"] = (1 - share) * frame["trust"].to_numpy() + share * stage_value

    contacts = network.contacts.set_index("id")
    frame["character"] = _rating(contacts["character"])
    frame["competency"] = _rating(contacts["competency"])
    frame["used_service"] = _half_saturation(frame["owner_business_decayed"].to_numpy(),
                                             options.used_service_half_jobs)
    centrality_share = _share(options.success_centrality_share)
    frame["success"] = ((1 - centrality_share)
                        * _half_saturation(frame["referrals_received"].to_numpy(),
                                           options.success_half_referrals)
                        + centrality_share * frame["centrality"].to_numpy())
    weights = np.array([options.credibility_character, options.credibility_competency,
                        options.credibility_used_service, options.credibility_success])
    values = frame[["character", "competency", "used_service", "success"]].to_numpy()
    frame["credibility"] = values @ weights / weights.sum() if weights.sum() > 0 else 0.0

    frame["goodwill"] = _half_saturation(frame["gave_weight"].to_numpy(dtype=float),
                                         options.goodwill_half_weight)
    last = frame["last_contact"]
    days = ((stamp - last).dt.total_seconds() / 86400.0).clip(lower=0).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):  # a zero half-life: only today counts
        decay = np.exp2(-np.nan_to_num(days) / options.recency_half_life_days)
    frame["recency"] = np.where(np.isnan(days), 0.0, np.nan_to_num(decay, nan=1.0))
    frame["days_since_contact"] = days
    return frame


# --------------------------------------------------------------------------- reasons

#: The parts of the score, in the order shown.
PARTS: tuple[str, ...] = ("fit", "relationship", "credibility", "goodwill", "recency")
#: The parts of credibility, in the order people weigh them.
CREDIBILITY_PARTS: tuple[str, ...] = ("character", "competency", "used_service", "success")


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    days = (last - first).total_seconds() / 86400.0
    return f" over {span_phrase(days)}" if days >= 60 else ""


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _reasons(row: pd.Series) -> list[str]:
    """Human-readable reasons, built from the same numbers as the score."""
    reasons = []
    if row["stage"] == "none":
        reasons.append("no contact with you yet")
    else:
        one_to_ones, total = int(row["n_one_to_one"]), int(row["interactions"])
        counted = count_noun(total, "interaction")
        if one_to_ones:  # the unit of relationship building comes first
            counted = count_noun(one_to_ones, *KIND_NOUNS["one_to_one"]) + (
                f" ({counted})" if total > one_to_ones else "")
        span = _span(row["first_contact"], row["last_contact"]) if total > 1 else ""
        reasons.append(f"{counted}{span}, last {ago(row['days_since_contact'])}")
    gifts = []
    if row["gave_referrals"]:
        gifts.append(f"referred you {times(int(row['gave_referrals']))}")
    if row["gave_business"]:
        worth = f" (worth {_money(row['gave_value'])})" if row["gave_value"] > 0 else ""
        gifts.append(f"gave you business {times(int(row['gave_business']))}{worth}")
    if row["gave_introductions"]:
        made = count_noun(int(row["gave_introductions"]), "introduction")
        gifts.append(f"made {made} for you")
    reasons += gifts
    if row["owner_business"]:
        jobs = count_noun(int(row["owner_business"]), "job")
        reasons.append(f"you used their service ({jobs})")
    for rating in ("character", "competency"):
        raw = row[f"{rating}_rating"]
        reasons.append(f"{rating} {int(raw)}/5" if not pd.isna(raw)
                       else f"{rating} not rated (counted as neutral)")
    received = round(row["referrals_received"])
    if received >= 1:
        reasons.append(f"received about {count_noun(received, 'recent referral')} in the network")
    if row["centrality"] >= 0.9:
        reasons.append(f"well connected (top {max(1, round(100 * (1 - row['centrality'])))}%)")
    served: dict[tuple[str, str], list[str]] = {}  # the same words may serve several needs
    for item in row["fits"]:
        if item["need"] is not None:
            served.setdefault((item["found"], item["field"]), []).append(item["need"])
    for (found, field_name), needs in served.items():
        where = "" if field_name == "profession" else f", in {field_name}"
        reasons.append(f"fits: {join_words(needs)} ({found}{where})")
    for item in row["fits"]:
        if item["need"] is None:
            where = "" if item["field"] == "profession" else f", in {item['field']}"
            reasons.append(f"named in the trigger: {item['found']}{where}")
    return reasons


# --------------------------------------------------------------------------- result


@dataclass
class ReferResult(Result):
    """Ranked referral candidates for a trigger, each with its score parts and reasons.

    Attributes
    ----------
    trigger : str
        The situation.
    owner : str
        Whose network was searched.
    as_of : Timestamp
        The moment the network was evaluated at.
    needs : list of NeedMatch
        Situations recognised in the trigger.
    candidates : DataFrame
        One row per candidate, best first: ``id``, ``name``, ``score``,
        ``stage``, ``profession``, the parts, the credibility parts,
        ``fits`` and ``reasons``.
    weights : dict
        The weight of each part: ``score == sum(weights[p] * part[p])``.
    """

    trigger: str
    owner: str
    as_of: pd.Timestamp
    needs: list[NeedMatch]
    candidates: pd.DataFrame
    weights: dict[str, float]
    title: str = "Who to refer"

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph refer``."""
        candidates = []
        for row in self.candidates.itertuples(index=False):
            record = row._asdict()
            candidates.append({
                "id": record["id"],
                "name": record["name"],
                "score": record["score"],
                "stage": record["stage"],
                "profession": record["profession"],
                "parts": {part: record[part] for part in PARTS},
                "credibility_parts": {part: record[part] for part in CREDIBILITY_PARTS},
                "fits": [dict(item) for item in record["fits"]],
                "reasons": list(record["reasons"]),
            })
        return {
            "trigger": self.trigger,
            "owner": self.owner,
            "as_of": self.as_of,
            "weights": dict(self.weights),
            "needs": [need.to_dict() for need in self.needs],
            "candidates": candidates,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate: id, name, score, stage, profession, parts, reasons."""
        columns = ["id", "name", "score", "stage", "profession", *PARTS]
        frame = self.candidates.reindex(columns=columns).copy()
        frame["reasons"] = [
            "; ".join(r) for r in self.candidates.get("reasons", pd.Series(dtype=object))
        ]
        return frame.reset_index(drop=True)

    def summary_lines(self) -> list[str]:
        """Heading: the trigger, owner, date, needs and the score formula."""
        needs = ", ".join(n.name for n in self.needs) or "none recognised"
        weights = ", ".join(f"{p} {self.weights[p]:.2f}" for p in PARTS)
        return [
            f"{self.title}: \u201c{self.trigger}\u201d",
            f"owner {self.owner}, as of {format_date(self.as_of)}; needs: {needs}",
            f"score = sum of parts x weights: {weights}",
        ]

    def to_text(self, *, width: int = 80) -> str:
        """Numbered candidates with their parts and reasons, wrapped to ``width``."""
        import textwrap

        lines: list[str] = []
        for line in self.summary_lines():
            lines += textwrap.wrap(line, width, subsequent_indent="  ") or [""]
        lines.append("")
        if self.candidates.empty:
            lines += textwrap.wrap(
                "No one in the network fits this trigger: no contact's profession, services, "
                "tags or notes match it. Add the situation to [needs] in network.toml, or "
                "the trade to the right contacts.", width)
            return "\n".join(lines)
        indent = "    "
        for rank, row in enumerate(self.candidates.itertuples(index=False), start=1):
            record = row._asdict()
            score = f"{record['score']:.3f}  {record['stage']}"
            head = f"{rank:>2}. {record['name']} ({record['id']})"
            room = width - len(score) - 2
            if len(head) > room:
                head = head[: max(room - 1, 8)] + "\u2026"
            lines.append(f"{head.ljust(room)}  {score}")
            if record["profession"]:
                lines += textwrap.wrap(record["profession"], width, initial_indent=indent,
                                       subsequent_indent=indent)
            parts = "  ".join(f"{p} {record[p]:.2f}" for p in PARTS)
            lines += textwrap.wrap(parts, width, initial_indent=indent, subsequent_indent=indent)
            lines += textwrap.wrap("; ".join(record["reasons"]), width, initial_indent=indent,
                                   subsequent_indent=indent)
        return "\n".join(lines)


def refer(network: Network, trigger: str, *, owner: str | None = None, as_of: object = None,
          top: int | None = None) -> ReferResult:
    """Rank the people the owner could refer for a trigger situation.

    Ranks the owner's contacts by fit, relationship, credibility, good will and
    recency (see the module documentation for every formula). Contacts whose
    fit is below ``settings.refer.min_fit`` are never listed; the owner never
    is.

    Parameters
    ----------
    network : Network
        The network.
    trigger : str
        The situation, in free text ("two friends were just made redundant",
        "a client asked me for a good web designer").
    owner : str, optional
        Whose network to search; defaults to ``network.owner``.
    as_of : str, date or Timestamp, optional
        Evaluate as of this moment (later interactions do not count); defaults
        to the latest interaction.
    top : int, optional
        How many candidates to list; defaults to ``settings.refer.top``.

    Returns
    -------
    ReferResult
        Candidates best first, each with its parts and reasons, and the needs
        recognised in the trigger.

    Raises
    ------
    RefgraphError
        When no owner is set, the owner is not a contact, the trigger is empty,
        ``top`` is below 1 or ``as_of`` is not a date.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"],
    ...     "profession": ["Consultant", "Web designer", "Interior designer"],
    ...     "character": [None, 5, 4]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-03-01", "2024-03-02"],
    ...     "source": ["me", "ann", "me"], "target": ["ann", "me", "bob"],
    ...     "kind": ["one_to_one", "referral", "one_to_one"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> result = refer(net, "a client asked me for a good web designer")
    >>> [(c["id"], c["stage"]) for c in result.to_dict()["candidates"]]
    [('ann', 'profitability')]
    >>> result.to_dict()["candidates"][0]["reasons"][:2]
    ['one one-to-one (2 interactions), last yesterday', 'referred you once']
    """
    settings = network.settings
    options = settings.refer
    owner_id = network.require_owner(owner)
    stamp = network.resolve_as_of(as_of)
    limit = options.top if top is None else top
    if isinstance(limit, bool) or not isinstance(limit, int | np.integer) or limit < 1:
        raise RefgraphError(f"top must be a whole number of at least 1, got {limit!r}")

    fits, matches = fit_frame(network, trigger, settings=settings)
    parts = _parts(network, owner_id, stamp, options)
    contacts = network.contacts
    frame = parts.reset_index(drop=True)
    frame.insert(0, "id", contacts["id"].to_numpy(dtype=object))
    frame.insert(1, "name", contacts["name"].to_numpy(dtype=object))
    frame["profession"] = (contacts["profession"].to_numpy(dtype=object)
                           if "profession" in contacts else "")
    frame["character_rating"] = contacts["character"].astype("Float64").to_numpy(
        dtype=float, na_value=np.nan)
    frame["competency_rating"] = contacts["competency"].astype("Float64").to_numpy(
        dtype=float, na_value=np.nan)
    frame["fit"] = fits["fit"].to_numpy()
    frame["fits"] = fits["fits"].to_numpy()

    weights = {part: float(getattr(options, f"weight_{part}")) for part in PARTS}
    frame["score"] = sum(weights[part] * frame[part].to_numpy() for part in PARTS)
    eligible = ((fits["need_fit"].to_numpy() >= options.min_fit)
                & (frame["id"] != owner_id).to_numpy())
    chosen = (frame[eligible]
              .sort_values(["score", "fit", "id"], ascending=[False, False, True], kind="stable")
              .head(int(limit)))
    chosen = chosen.assign(reasons=[_reasons(row) for _, row in chosen.iterrows()])
    columns = ["id", "name", "score", "stage", "profession", *PARTS, *CREDIBILITY_PARTS,
               "fits", "reasons"]
    return ReferResult(
        trigger=trigger.strip(),
        owner=owner_id,
        as_of=stamp,
        needs=matches,
        candidates=chosen[columns].reset_index(drop=True),
        weights=weights,
    )


__all__ = [
    "CREDIBILITY_PARTS",
    "PARTS",
    "Need",
    "NeedMatch",
    "ReferResult",
    "fit_frame",
    "fold_plural",
    "match_needs",
    "needs_taxonomy",
    "phrase_words",
    "refer",
]
