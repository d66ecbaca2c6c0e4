"""What a trigger asks of the person, and who in it is the party in need.

"An expert on emotional intelligence, ideally a *female* speaker", "someone
*in Leeds*": :func:`read_constraints` finds the gender and place a trigger
asks for and checks them against the optional ``gender`` and ``location``
contact columns. A contact whose recorded value differs is left out; one
with nothing recorded stays, down-ranked, with a caution saying it could
not be checked. "*Hannah's* husband needs a lawyer": contacts named in the
trigger are the party in need, never candidates (:func:`named_parties`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from refgraph.judge.needs import compiled_taxonomy
from refgraph.judge.story import language_rows
from refgraph.judge.text_match import TokenTable, prepare_text, prepare_texts
from refgraph.model.network import Network

#: Trigger words asking for a gender, and the gender they ask for.
GENDER_WORDS: dict[str, str] = {
    **dict.fromkeys(("female", "woman", "women", "lady", "ladies"), "female"),
    **dict.fromkeys(("male", "man", "men", "gentleman", "gentlemen"), "male"),
}
_RECORDED_GENDER = {"f": "female", "w": "female", "m": "male"}
#: Words before a gender word that make it the wanted person's: "ideally a woman".
_PREFERENCE = frozenset("prefer prefers preferred preferably ideally rather only".split())
#: Words after a gender word that name the person wanted, besides the contacts' trades.
_PERSON = frozenset("person someone somebody professional expert practitioner".split())
_WORD = re.compile(r"[^\W_]+")
_PLACE_ASKED = re.compile(
    r"\b(?:someone|somebody|anyone|anybody|based|located|local to|near|around)\s+"
    r"(?:in\s+)?([A-Z][\w-]+)")


def _words(text: str) -> list[str]:
    return _WORD.findall(prepare_text(text))


def _recorded(contacts: pd.DataFrame, column: str) -> bool:
    """Whether any contact has a value in an optional column (the loader adds it empty)."""
    if column not in contacts:
        return False
    values = contacts[column]
    return bool((values.notna() & (values.astype(str).str.strip() != "")).any())


def recorded_gender(value: object) -> str | None:
    """A recorded gender, read as "female" or "male" when it says so.

    Examples
    --------
    >>> [recorded_gender(v) for v in ["F", "Woman", "male", None, "non-binary"]]
    ['female', 'female', 'male', None, 'non-binary']
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().lower()
    return GENDER_WORDS.get(text) or _RECORDED_GENDER.get(text) or text


@dataclass
class Constraints:
    """Which contacts the trigger's own requirements leave out or leave unchecked.

    Attributes
    ----------
    asked : dict of str to str
        What the trigger asks for: ``{"gender": "female", "location": "leeds"}``.
    excluded : ndarray of bool
        Per contact: the data says they do not meet a requirement.
    unknown : dict of int to list of str
        By contact row: the requirements the data cannot tell ("gender").
    warnings : list of str
        Requirements the data cannot check at all.
    by_requirement : dict of str to ndarray of bool
        Per requirement the data could check ("gender"), the contacts it alone
        leaves out.
    """

    asked: dict[str, str] = field(default_factory=dict)
    excluded: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    unknown: dict[int, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    by_requirement: dict[str, np.ndarray] = field(default_factory=dict)

    def summary(self, fitting: np.ndarray) -> list[str]:
        """Say what the requirements did to the people who fit the need.

        Parameters
        ----------
        fitting : ndarray of bool
            Per contact: fits the need (before the requirements are applied).

        Returns
        -------
        list of str
            One sentence per requirement asked, for the answer's warnings.

        Examples
        --------
        >>> found = Constraints({"gender": "female"}, np.array([True, False, False]),
        ...                     {2: ["gender"]},
        ...                     by_requirement={"gender": np.array([True, False, False])})
        >>> found.summary(np.array([True, True, True]))
        ['asked for a female person: left out 1 who fits but is recorded otherwise; 1 with \
no gender recorded is ranked lower']
        """
        said = []
        # Only requirements the data could check: the others were warned "not checked".
        for what, left_out in self.by_requirement.items():
            wanted = self.asked[what]
            label = f"a {wanted} person" if what == "gender" else f"someone in {wanted.title()}"
            out = int((left_out & fitting).sum())
            unsure = sum(1 for i, items in self.unknown.items() if fitting[i] and what in items)
            parts = [f"left out {out} who {'fits' if out == 1 else 'fit'} but "
                     f"{'is' if out == 1 else 'are'} recorded otherwise"]
            if unsure:
                parts.append(f"{unsure} with no {what} recorded "
                             f"{'is' if unsure == 1 else 'are'} ranked lower")
            said.append(f"asked for {label}: " + "; ".join(parts))
        return said


def read_constraints(network: Network, trigger: str) -> Constraints:
    """The gender and place a trigger asks for, checked against the contacts.

    Parameters
    ----------
    network : Network
        The network (optional ``gender`` and ``location`` columns).
    trigger : str
        The situation.

    Returns
    -------
    Constraints
        Per contact, whether they are left out and what could not be checked.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["a", "b", "c"], "name": ["A", "B", "C"],
    ...     "gender": ["F", "M", None], "location": ["Leeds", "York", "Leeds"]})
    >>> net = refgraph.load_network((contacts, pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["a"], "target": ["b"], "kind": ["call"]})))
    >>> found = read_constraints(net, "a female speaker, someone in Leeds")
    >>> found.asked, found.excluded.tolist(), found.unknown
    ({'gender': 'female', 'location': 'leeds'}, [False, True, False], {2: ['gender']})
    """
    contacts = network.contacts
    n = len(contacts)
    found = Constraints(excluded=np.zeros(n, dtype=bool))
    words = _words(trigger)
    genders = _genders_asked(words, network)
    if len(genders) == 1:
        wanted = genders.pop()
        found.asked["gender"] = wanted
        if not _recorded(contacts, "gender"):
            found.warnings.append(f"the trigger asks for a {wanted} person, but the contacts' "
                                  "gender is not recorded: not checked")
        else:
            recorded = [recorded_gender(v) for v in contacts["gender"].tolist()]
            differs = np.array([v is not None and v != wanted for v in recorded], dtype=bool)
            for i in np.flatnonzero([v is None for v in recorded]):
                found.unknown.setdefault(int(i), []).append("gender")
            found.excluded |= differs
            found.by_requirement["gender"] = differs

    joined = " " + " ".join(words) + " "
    if _recorded(contacts, "location"):
        places = pd.Series(contacts["location"]).dropna().astype(str)
        folded = {" ".join(_words(p)): p for p in places.unique() if _words(p)}
        asked = [key for key in folded if f" in {key} " in joined or f" near {key} " in joined
                 or f" around {key} " in joined or f" from {key} " in joined]
        if asked:
            place = max(asked, key=len)
            found.asked["location"] = place
            elsewhere = np.zeros(n, dtype=bool)
            for i, value in enumerate(contacts["location"].tolist()):
                if not isinstance(value, str) or not value.strip():
                    found.unknown.setdefault(i, []).append("location")
                elif " ".join(_words(value)) != place:
                    elsewhere[i] = True
            found.excluded |= elsewhere
            found.by_requirement["location"] = elsewhere
        else:
            match = _PLACE_ASKED.search(trigger)
            if match:
                found.warnings.append(f"the trigger may ask for someone in {match.group(1)}, "
                                      "but no contact's location is recorded as that: "
                                      "not checked")
    else:
        match = _PLACE_ASKED.search(trigger)
        if match:
            found.warnings.append(f"the trigger may ask for someone in {match.group(1)}, but the "
                                  "contacts' location is not recorded: not checked")
    # "A Polish speaking solicitor": the story reader mutes these words; say why.
    tokens = TokenTable.from_texts([trigger])
    spoken = [str(word).capitalize() for word, said in zip(tokens.surface, language_rows(tokens),
                                                           strict=True)
              if said and str(word) != "speaking"]
    for language in dict.fromkeys(spoken):
        found.warnings.append(f"the trigger asks for someone who speaks {language}, but "
                              "languages are not recorded: not checked, ask them")
    return found


def _trade_phrases(network: Network) -> set[tuple[str, ...]]:
    """The trades a wanted gender may qualify: the taxonomy's and the contacts' own."""
    phrases = set(compiled_taxonomy(network.settings).needs_of_profession)
    contacts = network.contacts
    if "profession" in contacts:
        texts = pd.Series(contacts["profession"]).dropna().astype(str).unique()
        phrases |= {tuple(_WORD.findall(text)) for text in prepare_texts(list(texts))}
    return phrases | {(word,) for word in _PERSON}


def _genders_asked(words: list[str], network: Network) -> set[str]:
    """The genders the trigger asks for, not those of the people it is about.

    A gender word asks when a trade (or "person") follows it, "a *female*
    keynote speaker", or after a preference, "ideally a *woman*"; "the man
    next door needs a plumber", "a woman I know" and "a best man's speech"
    ask nothing.
    """
    rows = [row for row, word in enumerate(words) if word in GENDER_WORDS]
    if not rows:
        return set()
    trades = _trade_phrases(network)
    longest = max(map(len, trades), default=1)
    asked = set()
    for row in rows:
        after = words[row + 1:row + 1 + longest]
        # The trade may be plural: "female speakers".
        names_trade = any((*after[:width - 1], after[width - 1].removesuffix("s")) in trades
                          or tuple(after[:width]) in trades
                          for width in range(1, len(after) + 1))
        if names_trade or _PREFERENCE & set(words[max(row - 3, 0):row]):
            asked.add(GENDER_WORDS[words[row]])
    return asked


def named_parties(network: Network, trigger: str) -> np.ndarray:
    """Contacts the trigger names: the party in need, never a candidate.

    A contact is named by their full name, or by a first name followed by
    "'s" ("Hannah's husband").

    Parameters
    ----------
    network : Network
        The network.
    trigger : str
        The situation.

    Returns
    -------
    ndarray of bool
        One flag per contact.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["a", "b"], "name": ["Hannah Lee", "Tom Bell"]})
    >>> net = refgraph.load_network((contacts, pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["a"], "target": ["b"], "kind": ["call"]})))
    >>> named_parties(net, "Hannah's husband needs a lawyer").tolist()
    [True, False]
    """
    return _named(network, trigger)[0]


def named_words(network: Network, trigger: str) -> list[tuple[str, ...]]:
    """The names by which the trigger names contacts, as folded words.

    A full name gives all its words, a first name before "'s" that word alone
    (see :func:`named_parties`).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["a", "b"], "name": ["Fiona Grant", "Tom Bell"]})
    >>> net = refgraph.load_network((contacts, pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["a"], "target": ["b"], "kind": ["call"]})))
    >>> named_words(net, "Fiona Grant's client needs a will, and so does Tom's wife")
    [('fiona', 'grant'), ('tom',)]
    """
    named, folded, first, words, spans = _named(network, trigger)
    if not named.any():
        return []
    found = {tuple(full.split()) if full in spans else (given,)
             for full, given in zip(folded[named].tolist(), first[named].tolist(), strict=True)}
    return sorted(found, key=lambda name: words.index(name[0]) if name[0] in words else 0)


def _named(network: Network, trigger: str
           ) -> tuple[np.ndarray, pd.Series, pd.Series, list[str], set[str]]:
    """Which contacts the trigger names, with the names, the words and the spans compared."""
    folded, first = _folded_names(network)
    words = _words(trigger)
    spans = _spans(words)
    possessive = {w.lower() for w in re.findall(r"\b([^\W\d_]+)['\u2019]s\b", trigger)}
    named = (folded.isin(spans) | (first.isin(possessive) & (folded != ""))).to_numpy()
    return named, folded, first, words, spans


def _spans(words: list[str]) -> set[str]:
    """Runs of two to five consecutive words, as a full name would appear."""
    return {" ".join(words[i:j]) for i in range(len(words))
            for j in range(i + 2, min(i + 5, len(words)) + 1)}


def _folded_names(network: Network) -> tuple[pd.Series, pd.Series]:
    """Every contact's name folded as triggers are, and its first word (cached)."""
    def fold() -> tuple[pd.Series, pd.Series]:
        # Each distinct name once (first names and whole names repeat in big networks).
        codes, distinct = pd.factorize(pd.Series(network.contacts["name"].tolist(),
                                                 dtype=object))
        words = [_WORD.findall(name) for name in prepare_texts(list(distinct))]
        folded = np.array([" ".join(w) for w in words], dtype=object)
        first = np.array([w[0] if w else "" for w in words], dtype=object)
        return pd.Series(folded[codes], dtype=object), pd.Series(first[codes], dtype=object)

    return network.cached(("refer", "folded_names"), fold)


__all__ = ["GENDER_WORDS", "Constraints", "named_parties", "named_words", "read_constraints",
           "recorded_gender"]
