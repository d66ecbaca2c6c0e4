"""Text relevance: how closely a contact's own words match the trigger's words.

The needs taxonomy knows situations and trades; it does not know that the
roofer whose services say "roof repairs" is the one for "rain coming through
the roof", nor every service a network holds. This module ranks every
contact's profession and services (notes too, for contacts with no trade;
tags are left out, they mostly say how the owner knows someone) against the
trigger's own words with BM25 (Okapi BM25 with the Lucene idf, over one
sparse contacts x stems matrix) on Snowball-stemmed words (the
``snowballstemmer`` package), so "repairs", "repairing" and "repair" are one
word.

Per trigger word ``t`` the BM25 scores of all contacts come from one sparse
column; each word's scores are scaled by that word's best score and
weighted by its inverse document frequency, so::

    text = sum_t idf_t * bm25_t / max(bm25_t) / sum_t idf_t

over the trigger's distinctive words: words no contact holds say nothing and
are left out, and words that many contacts hold (more than
``refer.text_max_share`` of them: "business" in a business network) are too
common to tell anyone apart. Words naming a party in the story ("*their*
accountant") count ``refer.text_party_weight``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from refgraph.io.settings import ReferSettings
from refgraph.judge.story import Trigger
from refgraph.judge.text_match import (
    GENERIC_HEADS,
    STOPWORDS,
    contact_texts,
    prepare_text,
    prepare_texts,
    word_stem,
)
from refgraph.model.network import Network

_WORD = re.compile(r"[^\W_]+")


#: Stems that say where or when, not what is wrong ("a *new* job", "sell *online*",
#: "the *shop* was flooded", "migraines all the *time*"), whom a service is for
#: ("*corporate* gifts", a *family* solicitor), and the service heads and job
#: titles that name no trade: alone they would find whoever sells "new homes",
#: runs an "online shop", offers "corporate catering" or coaches "time
#: management". "A *family* holiday", "the *family* business" and "start a
#: *family*" say whose life it is, not a separation to bring to a family
#: solicitor: that is told in words of its own ("divorce", "custody"); and
#: "*plan* the money" asks for no architect's "planning applications", "we
#: *paid* upfront" for no "paid social" ads.
UNTELLING_STEMS = frozenset(word_stem(word) for word in (
    *GENERIC_HEADS, "new", "online", "local", "corporate", "family", "families", "plan",
    "plans", "planning", "paid", "time", "times", "day", "days", "week", "weeks", "month",
    "months", "year", "years",
    # "A *private* scan" wants no restaurant's private dining, "a tattoo
    # *removed*" no removals firm: whom a service is for, or what is done to
    # a thing, names no trade.
    "private", "remove", "removed", "removing",
    # "The *people* next door" is no HR consultant's "people" services.
    "people"))


def stem_words(text: str) -> list[str]:
    """The Snowball stems of a text's words, function words left out.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        One stem per content word, in order.

    Examples
    --------
    >>> stem_words("Roof repairs; the flat roofs")
    ['roof', 'repair', 'flat', 'roof']
    """
    return [word_stem(w) for w in _WORD.findall(prepare_text(text))
            if w not in STOPWORDS and (len(w) >= 2 or w.isdigit())]


@dataclass
class TextIndex:
    """A BM25 index over the contacts' trade text, in ``network.contacts`` order.

    Attributes
    ----------
    counts : scipy.sparse.csc_matrix
        Contacts x stems: how often each stem occurs in each contact's text.
    vocabulary : dict of str to int
        Stem -> column of ``counts``.
    doc_freq : ndarray
        How many contacts hold each stem.
    length_ratio : ndarray
        Each contact's text length over the mean length (BM25's ``dl / avgdl``).
    n : int
        Number of contacts.
    """

    counts: sparse.csc_matrix
    vocabulary: dict[str, int]
    doc_freq: np.ndarray
    length_ratio: np.ndarray
    n: int

    def word_scores(self, stem: str, *, k1: float = 1.5, b: float = 0.75) -> np.ndarray:
        """BM25 term score of every contact for one stem (zeros when no contact holds it).

        ``idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))`` with the
        Lucene idf ``log(1 + (N - df + 0.5) / (df + 0.5))``, for the contacts
        holding the stem (one sparse column).
        """
        column = self.vocabulary.get(stem)
        out = np.zeros(self.n)
        if column is None:
            return out
        start, stop = self.counts.indptr[column], self.counts.indptr[column + 1]
        rows = self.counts.indices[start:stop]
        tf = self.counts.data[start:stop].astype(float)
        df = float(self.doc_freq[column])
        idf = np.log1p((self.n - df + 0.5) / (df + 0.5))
        out[rows] = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * self.length_ratio[rows]))
        return out


def text_index(network: Network) -> TextIndex:
    """The BM25 index of a network's contacts (built once per network).

    Each contact's document is their profession and services; notes only for
    contacts with neither (notes mostly describe a contact's own situation).
    Words are split, folded and stemmed once per distinct word.

    Parameters
    ----------
    network : Network
        The network.

    Returns
    -------
    TextIndex
        The index, one document per contact.

    Examples
    --------
    >>> import refgraph
    >>> net = refgraph.load_network((pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"],
    ...     "services": ["roof repairs", "gardening"]}), pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["a"], "target": ["b"], "kind": ["call"]})))
    >>> int(text_index(net).doc_freq[text_index(net).vocabulary["roof"]])
    1
    """

    def build() -> TextIndex:
        contacts = network.contacts
        n = len(contacts)
        trade = pd.Series(contact_texts(contacts, "profession") + " ; "
                          + contact_texts(contacts, "services"), dtype=object)
        has_trade = trade.str.contains(r"[^\W_]", regex=True).to_numpy()
        text = np.where(has_trade, trade.to_numpy(dtype=object),
                        contact_texts(contacts, "notes"))
        # Trades repeat: each distinct document is read once, then given to its contacts.
        documents, distinct = pd.factorize(pd.Series(text, dtype=object))
        words = (pd.Series(prepare_texts(list(distinct)), dtype=object)
                 .str.findall(_WORD.pattern).explode().dropna())
        rows = words.index.to_numpy(dtype=np.int64)
        codes, uniques = pd.factorize(words.to_numpy(dtype=object))
        stems = np.array([word_stem(w) if (w not in STOPWORDS and (len(w) >= 2 or w.isdigit()))
                          else "" for w in uniques], dtype=object)
        keep = stems[codes] != ""
        stem_codes, vocab = pd.factorize(stems[codes][keep])
        rows = rows[keep]
        per_document = sparse.csr_matrix((np.ones(len(rows)), (rows, stem_codes)),
                                         shape=(len(distinct), len(vocab)))
        per_document.sum_duplicates()
        counts = per_document[documents].tocsc()
        counts.sort_indices()
        lengths = np.bincount(rows, minlength=len(distinct)).astype(float)[documents]
        mean = lengths.mean() if n and lengths.mean() > 0 else 1.0
        return TextIndex(counts, {str(w): i for i, w in enumerate(vocab)},
                         np.diff(counts.indptr), lengths / mean, n)

    return network.cached(("refer", "text_index"), build)


def text_relevance(network: Network, trigger: Trigger, settings: ReferSettings, *,
                   party_weight: float | None = None) -> tuple[np.ndarray, list[str]]:
    """How closely each contact's trade text matches the trigger's own words, in [0, 1].

    Parameters
    ----------
    network : Network
        The network.
    trigger : Trigger
        The trigger, as :func:`refgraph.judge.needs.read_trigger` returns it.
    settings : ReferSettings
        ``text_max_share`` and ``text_party_weight``.
    party_weight : float, optional
        Weight of words naming a party, instead of ``text_party_weight``
        (0 counts only the words about the need).

    Returns
    -------
    (ndarray, list of str)
        One relevance per contact (``network.contacts`` order), and the
        trigger's stems that were counted.

    Examples
    --------
    >>> import refgraph
    >>> from refgraph.judge.story import read_trigger
    >>> contacts = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...     "profession": ["Roofer", "Builder", "Gardener"],
    ...     "services": ["roof repairs", "extensions", "lawns"]})
    >>> net = refgraph.load_network((contacts, pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["a"], "target": ["b"], "kind": ["call"]})))
    >>> options = ReferSettings()
    >>> scores, words = text_relevance(net, read_trigger("rain through the roof", options),
    ...                                options)
    >>> scores.round(2).tolist(), words
    ([1.0, 0.0, 0.0], ['roof'])
    """
    index = text_index(network)
    tokens = trigger.tokens
    surface = [str(w) for w in tokens.surface]
    weight_of: dict[str, float] = {}
    for word, party, muted in zip(surface, trigger.party.tolist(), trigger.muted.tolist(),
                                  strict=True):
        stems = stem_words(word)
        if not stems or muted:  # "Fiona Grant" names a person, not a grant
            continue
        if party:
            weight = settings.text_party_weight if party_weight is None else party_weight
        else:
            weight = 1.0
        weight_of[stems[0]] = max(weight_of.get(stems[0], 0.0), weight)
    limit = max(settings.text_max_share * index.n, 1.0)
    total = np.zeros(index.n)
    mass = 0.0
    counted = []
    for stem, weight in weight_of.items():
        column = index.vocabulary.get(stem)
        if column is None or weight <= 0 or stem in UNTELLING_STEMS:
            continue
        freq = int(index.doc_freq[column])
        if freq == 0 or freq > limit:
            continue
        scores = index.word_scores(stem)
        best = scores.max()
        if best <= 0:
            continue
        idf = weight * float(np.log1p(index.n / freq))
        total += idf * scores / best
        mass += idf
        counted.append(stem)
    if mass <= 0:
        return np.zeros(index.n), counted
    return np.clip(total / mass, 0.0, 1.0), counted


__all__ = ["TextIndex", "stem_words", "text_index", "text_relevance"]
