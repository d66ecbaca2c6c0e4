"""Matching words of a trigger against phrases and contact profiles.

Words are compared whole, after folding case, accents and plurals, with
rapidfuzz for misspellings of long words; "speaker" never matches
"loudspeaker". A :class:`TokenTable` holds many texts as one flat table of
tokens, so a phrase is found in all of them with a few NumPy operations.

Words that name a party in the story rather than the need ("*my* local bike
shop", "*their* accountant", "he *is an* NED") are found by
:func:`party_mask`, so they can be left out of direct evidence.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import snowballstemmer
from rapidfuzz import fuzz, process

from refgraph.io.settings import ReferSettings

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
    same both more most much many get got please thanks thank cheers hi hello
    take takes taking took taken""".split()
)
#: Last words of a service or job title that name no trade by themselves
#: ("chiropractic care", "venue hire", "new homes", "event venue manager"): a
#: trigger holding one ("a care home", "hire staff", "promoted to manager",
#: "a letter from the DVLA" for the CV writer's "cover letters", "credit
#: cards" for the printer's "business cards") does not name that trade.
_GENERIC_HEADS_SURFACE = frozenset(
    """care hire home homes service services support solutions work help advice
    assessment assessments business businesses company companies firm firms shop shops
    store stores office offices house houses review reviews check checks
    manager managers owner owners director directors consultant consultants
    specialist specialists executive executives officer officers
    letter letters card cards""".split()
)
#: Words that make the next few words a party in the story: "my bike shop".
_POSSESSIVES = frozenset("my our their his her your its".split())
#: "is a lawyer", "was an NED": the words after describe someone, not the need.
_COPULAS = frozenset("is are was were am".split())
#: ...except after these: "someone who is a good speaker" is the need.
_SEEKERS = frozenset("someone somebody anyone anybody".split())
#: "a supplier of mine": the words before name a party.
_OWNED = frozenset("mine ours theirs his hers yours".split())
#: "My neighbour *runs a* bakery": what someone runs or owns is theirs, not a
#: need; "someone who runs a payroll bureau" is the one sought.
_RUNS = frozenset("runs owns run own".split())

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
_LET_US = re.compile(r"\blet['\u2019]s\b")


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


#: Function words, folded as the matcher compares them.
STOPWORDS = frozenset(fold_plural(w) for w in _STOPWORDS_SURFACE)
#: Service heads that name no trade by themselves, folded.
GENERIC_HEADS = frozenset(fold_plural(w) for w in _GENERIC_HEADS_SURFACE)


@functools.lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


#: Nouns of their own that Snowball would fold onto another word: a web
#: designer's "landing pages" are no plot of land, an "online booking" system
#: no book to write.
_OWN_STEMS = {"landing": "landing", "landings": "landing", "booking": "booking",
              "bookings": "booking"}


@functools.lru_cache(maxsize=65536)
def word_stem(word: str) -> str:
    """The Snowball (English) stem of one lower-case word.

    Examples
    --------
    >>> word_stem("repairs"), word_stem("filing"), word_stem("filling")
    ('repair', 'file', 'fill')
    >>> word_stem("land"), word_stem("landing")
    ('land', 'landing')
    """
    return _OWN_STEMS.get(word) or _stemmer().stemWord(word)


def prepare_text(text: str) -> str:
    """Lower-case, drop accents and apostrophes, join hyphenated words, '&' -> 'and'.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text as the tokeniser reads it.

    Examples
    --------
    >>> prepare_text("Zoë's E-commerce & SEO")
    'zoe ecommerce  and  seo'
    """
    text = unicodedata.normalize("NFKD", text)
    text = _COMBINING.sub("", text).lower()
    # "Let's" is "let us", no letting: its "'s" is no possessive to drop.
    text = _APOSTROPHE.sub("", _APOSTROPHE_S.sub("", _LET_US.sub("let us", text)))
    return _HYPHEN_JOIN.sub("", text).replace("&", " and ")


def prepare_texts(texts: Sequence[object]) -> list[str]:
    """:func:`prepare_text` over many texts in one pass (anything not text reads as "").

    Examples
    --------
    >>> prepare_texts(["Zoë's E-commerce", None, "R&D"])
    ['zoe ecommerce', '', 'r and d']
    """
    cleaned = [v.replace(_PIECE_BREAK, " ") if isinstance(v, str) else "" for v in texts]
    if not cleaned:
        return []
    # Each distinct text once: names and trades repeat.
    codes, distinct = pd.factorize(pd.Series(cleaned, dtype=object))
    prepared = np.array(prepare_text(_PIECE_BREAK.join(distinct)).split(_PIECE_BREAK),
                        dtype=object)
    return prepared[codes].tolist()


def contact_texts(contacts: pd.DataFrame, name: str) -> np.ndarray:
    """A contact text field as an object array of ``str``, ``""`` where missing or absent.

    Examples
    --------
    >>> contact_texts(pd.DataFrame({"services": ["roofs", None]}), "services").tolist()
    ['roofs', '']
    >>> contact_texts(pd.DataFrame({"id": ["a"]}), "notes").tolist()
    ['']
    """
    if name not in contacts:
        return np.full(len(contacts), "", dtype=object)
    values = contacts[name].to_numpy(dtype=object)
    return np.where(pd.notna(values), values, "").astype(str).astype(object)


def phrases_words(phrases: Sequence[str]) -> list[tuple[str, ...]]:
    """:func:`phrase_words` of many phrases, prepared in one pass.

    Examples
    --------
    >>> phrases_words(["Web Designers", "R&D tax"])
    [('web', 'designer'), ('r', 'and', 'd', 'tax')]
    """
    return [_folded_words(text) for text in prepare_texts(phrases)]


@functools.lru_cache(maxsize=65536)  # the built-in taxonomy alone has ~10,000
def phrase_words(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase, as the matcher compares them.

    Examples
    --------
    >>> phrase_words("Web Designers & E-commerce")
    ('web', 'designer', 'and', 'ecommerce')
    """
    return _folded_words(prepare_text(phrase))


def _folded_words(prepared: str) -> tuple[str, ...]:
    """The words of a prepared text (:func:`prepare_text`), plurals folded."""
    return tuple(_fold(token) for token in _TOKEN.findall(prepared) if token not in _SEPARATORS)


# Phrases repeat their words ("web", "designer"): each is folded once.
_fold = functools.lru_cache(maxsize=65536)(fold_plural)


@dataclass
class TokenTable:
    """Texts as one flat token table: the unit every phrase is matched on.

    Tokens of all texts sit end to end; ``piece`` says which text a token came
    from and ``segment`` which sentence or ``;``-item (phrases never cross
    segments). Consecutive rows of one segment are consecutive words.

    Examples
    --------
    >>> table = TokenTable.from_texts(["Web designers; SEO", "interior designer"])
    >>> table.piece.tolist(), table.segment.tolist(), list(table.vocab[table.code])
    ([0, 0, 0, 1, 1], [0, 0, 1, 2, 2], ['web', 'designer', 'seo', 'interior', 'designer'])
    >>> table.phrase_ends(["web", "designer"], ReferSettings()).tolist()
    [False, True, False, False, False]
    """

    piece: np.ndarray
    segment: np.ndarray
    code: np.ndarray
    surface: np.ndarray
    vocab: np.ndarray
    index: dict[str, int]
    #: Words known to be spelled right: two of them with different stems,
    #: neither beginning the other, are different words, never a misspelling of
    #: one another ("filing" is not "filling", "carer" not "career").
    lexicon: frozenset[str] = frozenset()
    #: Vocabulary codes each (word, similarity, min length) matches.
    _luts: dict[tuple[str, float, int], np.ndarray] = field(default_factory=dict)

    @classmethod
    def from_texts(cls, texts: Sequence[str],
                   lexicon: Collection[str] = frozenset()) -> TokenTable:
        """Tokenise texts in one regular-expression pass over their distinct values.

        Contact fields repeat a lot (professions, tags, empty notes), so each
        distinct text is read once and its tokens are copied to every text
        holding it; the table is the same as reading every text. ``lexicon``
        holds the words known to be spelled right (see :meth:`word_tables`).
        """
        codes, distinct = pd.factorize(pd.Series(list(texts), dtype=object))
        table = cls._read(list(distinct), frozenset(lexicon))
        if len(distinct) == len(codes):
            return table
        return table._repeated(np.asarray(codes, dtype=np.int64))

    @classmethod
    def _read(cls, texts: list[str], lexicon: frozenset[str]) -> TokenTable:
        joined = _PIECE_BREAK.join(t.replace(_PIECE_BREAK, " ") for t in texts)
        found = np.array(_TOKEN.findall(prepare_text(joined)), dtype=object)
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
            lexicon=lexicon,
        )

    def _repeated(self, pieces: np.ndarray) -> TokenTable:
        """The table of texts ``pieces`` (positions of this table's texts), in that order.

        Each text's segments are numbered afresh, in order, so segments stay
        sorted and never join two texts.
        """
        n_distinct = int(pieces.max()) + 1 if pieces.size else 0
        counts = np.bincount(self.piece, minlength=n_distinct)
        starts = np.cumsum(counts) - counts
        filled = counts > 0
        first_segment = np.zeros(n_distinct, dtype=np.int64)
        first_segment[filled] = self.segment[starts[filled]]
        n_segments = np.zeros(n_distinct, dtype=np.int64)
        n_segments[filled] = self.segment[starts[filled] + counts[filled] - 1] \
            - first_segment[filled] + 1
        lengths = counts[pieces]
        # Row r of the result copies token take[r] of this table.
        take = np.repeat(starts[pieces] - (np.cumsum(lengths) - lengths), lengths) \
            + np.arange(int(lengths.sum()))
        piece = np.repeat(np.arange(len(pieces), dtype=np.int64), lengths)
        segment_base = np.cumsum(n_segments[pieces]) - n_segments[pieces]
        segment = segment_base[piece] + (self.segment - first_segment[self.piece])[take]
        return TokenTable(piece, segment, self.code[take], self.surface[take], self.vocab,
                          self.index, self.lexicon)

    def subset(self, rows: np.ndarray) -> TokenTable:
        """The same table restricted to some rows (whole segments keep adjacency)."""
        return TokenTable(self.piece[rows], self.segment[rows], self.code[rows],
                       self.surface[rows], self.vocab, self.index, self.lexicon, self._luts)

    def _distinct_words(self, word: str, other: str) -> bool:
        """Whether two words that look alike are different words, not a misspelling.

        One is the other's agent noun ("programme" and "programmer",
        "photograph" and "photographer", "contract" and "contractor": a
        charity's community programmes are no programmer's, a solicitor's
        contracts no contractor's), or both are in the lexicon with different stems
        and neither begins the other ("filing" and "filling"; "divorce" and
        "divorced" or "germany" and "german" are one word's forms).
        """
        shorter, longer = sorted((word, other), key=len)
        if longer in (shorter + "r", shorter + "er", shorter + "or"):
            return True
        if other not in self.lexicon or word not in self.lexicon:
            return False
        if other.startswith(word) or word.startswith(other):
            return False
        return word_stem(other) != word_stem(word)

    def word_tables(self, words: Sequence[str], settings: ReferSettings) -> list[np.ndarray]:
        """For each word, a boolean table over the vocabulary of the tokens it matches.

        A word matches itself and, if both are at least ``fuzzy_min_length``
        long, any word within ``word_similarity`` (rapidfuzz ``ratio``), except
        its agent noun or the word it is the agent noun of ("programme",
        "programmer"), and except where both are words of the table's
        ``lexicon`` that are different words, not forms of one: two words
        spelled right are no misspelling of one another. A common word
        (:data:`STOPWORDS`: "please", "thanks") matches only itself.
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
                    close = long_codes[np.flatnonzero(scores[rows[word]])].tolist()
                    # A common word ("please") is nobody's misspelling of "lease".
                    codes += [c for c in close if self.vocab[c] not in STOPWORDS
                              and not self._distinct_words(word, self.vocab[c])]
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


#: Stands in for "'s" while possessors are found: letters only, so one token.
_POSSESSIVE_MARK = "qqpossessiveqq"
#: The "'s" of a possessive noun: it follows a word.
_OWNER_S = re.compile(r"(?<=[^\W_])['\u2019]s\b")


def possessor_rows(text: str, tokens: TokenTable) -> np.ndarray:
    """Token rows of ``text`` that own the words after them: "client" in "a client's shop".

    Parameters
    ----------
    text : str
        The text ``tokens`` was read from.
    tokens : TokenTable
        Its tokens (the "'s" is dropped when text is read).

    Returns
    -------
    ndarray of bool
        One flag per token row.

    Examples
    --------
    >>> text = "a client's restaurant needs customers"
    >>> possessor_rows(text, TokenTable.from_texts([text])).tolist()
    [False, True, False, False, False]
    """
    owners = np.zeros(len(tokens.code), dtype=bool)
    marked = TokenTable.from_texts([_OWNER_S.sub(" " + _POSSESSIVE_MARK, text)])
    is_mark = np.asarray(marked.surface == _POSSESSIVE_MARK, dtype=bool)
    if not is_mark.any() or len(is_mark) - int(is_mark.sum()) != len(owners):
        return owners
    # Each mark follows its owner; earlier marks shift the rows by one each.
    rows = np.flatnonzero(is_mark) - np.arange(1, int(is_mark.sum()) + 1)
    owners[rows[rows >= 0]] = True
    return owners


def _mark_run(rows: np.ndarray, tokens: TokenTable, start: int, direction: int, anchor: int,
              window: int) -> None:
    """Mark up to ``window`` content words from ``start`` on, in ``anchor``'s segment.

    The run stops at a function word (:data:`STOPWORDS`) or the segment's end.
    """
    position, count = start, 0
    while 0 <= position < len(rows) and count < window:
        if (tokens.segment[position] != tokens.segment[anchor]
                or tokens.vocab[tokens.code[position]] in STOPWORDS):
            break
        rows[position] = True
        position += direction
        count += 1


def owned_business_rows(tokens: TokenTable, window: int) -> np.ndarray:
    """Rows naming a business someone runs or owns: "my neighbour *runs a bakery*".

    After "runs a" or "owns an" the next ``window`` words are marked, stopping
    at a function word or the end of the segment, unless the one running it is
    sought ("someone who runs a payroll bureau").

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["she owns a hair salon and needs a website"])
    >>> [str(w) for w, owned in zip(tokens.surface, owned_business_rows(tokens, 3)) if owned]
    ['hair', 'salon']
    """
    surface = list(tokens.surface)
    segment = tokens.segment
    rows = np.zeros(len(surface), dtype=bool)
    for i, word in enumerate(surface):
        if (word not in _RUNS or i + 2 >= len(surface) or surface[i + 1] not in ("a", "an")
                or segment[i + 1] != segment[i]):
            continue
        if i >= 2 and surface[i - 1] in ("who", "that") and surface[i - 2] in _SEEKERS:
            continue
        if i >= 1 and surface[i - 1] == "to":  # "we need to run a workshop": an act
            continue
        _mark_run(rows, tokens, i + 2, +1, i, window)
    return rows


def party_mask(tokens: TokenTable, window: int, possessors: np.ndarray | None = None
               ) -> np.ndarray:
    """Rows naming a party in the story: "my local bike shop", "he is an NED".

    After a possessive ("my", "their", ... or a ``possessors`` row such as
    "client" in "a client's shop") or a copula ("is", "was", ... with an
    optional article) the next ``window`` words are masked, stopping at a
    function word or the end of the segment; before "of mine" / "of theirs" the
    previous ``window`` words are masked the same way.

    Parameters
    ----------
    tokens : TokenTable
        The trigger's tokens.
    window : int
        Most words masked after (or before) each marker.
    possessors : ndarray of bool, optional
        Rows that own the words after them (:func:`possessor_rows`).

    Returns
    -------
    ndarray of bool
        One flag per token row.

    Examples
    --------
    >>> tokens = TokenTable.from_texts(["my accountant needs a lawyer"])
    >>> party_mask(tokens, 3).tolist()
    [False, True, True, False, False]
    """
    surface = list(tokens.surface)
    segment = tokens.segment
    mask = np.zeros(len(surface), dtype=bool)
    owns = np.zeros(len(surface), dtype=bool) if possessors is None else possessors
    for i, word in enumerate(surface):
        if word in _POSSESSIVES or owns[i]:
            _mark_run(mask, tokens, i + 1, +1, i, window)
        elif word in _COPULAS and not (i > 0 and surface[i - 1] in _SEEKERS
                                       and segment[i - 1] == segment[i]):
            j = i + 1
            if j < len(surface) and surface[j] in ("a", "an", "the") and segment[j] == segment[i]:
                j += 1
            _mark_run(mask, tokens, j, +1, i, window)
        elif word in _OWNED and i >= 1 and surface[i - 1] == "of" and segment[i - 1] == segment[i]:
            _mark_run(mask, tokens, i - 2, -1, i, window)
    return mask

