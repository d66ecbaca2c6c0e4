"""Fit: how well each contact serves the need a trigger describes.

The trigger is matched against the needs taxonomy
(``refgraph/judge/needs.toml`` plus ``[needs.NAME]`` tables of
``network.toml``): each situation whose keywords or professions appear in the
trigger is a matched *need* with a match score (see
:func:`refgraph.judge.needs.match_needs`). A contact's *evidence* for a need
is the best field (profession, services, tags, notes, each with its weight)
in which one of the need's professions appears (a tag naming a team, such as
a chapter's "marketing team", weighs ``refer.fit_field_team``, less than
notes); notes are read only for contacts with no profession and no services,
because notes mostly record a contact's own situation ("his accountant moved
him off Xero"), not what they offer. The trigger's own words count too: a
contact whose profession or service is named in the trigger ("a good web
designer") has direct evidence.
Then::

    best     = max(max over needs of need score x evidence, direct evidence)
    coverage = sum(need score x evidence) / sum(need score)
               over the needs described by keywords, occasions left out
               (best if there are none); needs found by the very same
               phrases ("logo": branding and graphic design) count once,
               with their best evidence
    need_fit = (1 - fit_breadth) * best + fit_breadth * coverage
    fit      = (1 - fit_specificity) * need_fit + fit_specificity * specificity

so a specialist in every need of the trigger beats one who serves only part
of it. ``specificity`` is the BM25 relevance of the contact's profession,
services and tags to the trigger's own words (:mod:`refgraph.judge.text_fit`),
relative to the best candidate: among the accountants who serve an
accounting-software problem, the one who works with Xero fits best, and the
roofer whose services say "roof repairs" beats the builder. Contacts with
``need_fit < min_fit`` are listed only when nobody serves a recognised need,
the trigger describes no situation of the taxonomy and names no trade it
knows, and their own words answer the trigger on their own (relevance at least
``min_text_fit``; their fit is ``text_only_fit * relevance``): recall beyond
the taxonomy.

A profession the taxonomy files under another need is a different trade
("personal trainer" is not a "trainer" for a conference), and a
specialisation named in the trigger ("web designer") rules out other
specialists ("interior designer"). Words that name a party in the story
rather than the need ("*my* local bike shop", "*their* accountant", "he *is
an* NED") do not count as direct evidence.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

from refgraph.io.settings import ReferSettings, Settings
from refgraph.judge.constraints import named_words
from refgraph.judge.needs import (
    NeedMatch,
    Taxonomy,
    compiled_taxonomy,
    phrase_rows,
    recognise_needs,
)
from refgraph.judge.occasions import SAME_TRADE
from refgraph.judge.parts import mixing_share
from refgraph.judge.story import (
    StoryMarks,
    Trigger,
    mark_story,
    read_trigger,
    with_muted,
    with_names,
)
from refgraph.judge.text_fit import text_relevance
from refgraph.judge.text_match import (
    GENERIC_HEADS,
    STOPWORDS,
    TokenTable,
    contact_texts,
    phrases_words,
    prepare_texts,
    word_stem,
)
from refgraph.model.network import Network

#: Contact fields searched for evidence; each weighs ``refer.fit_field_<name>``.
FIELDS: tuple[str, ...] = ("profession", "services", "tags", "notes")
#: Fields whose items are the contact's own trades, matched directly against the trigger.
TRADE_FIELDS: tuple[str, ...] = ("profession", "services")
#: Heads of a service that name where a contact trades, not what they offer.
_PLACES_OF_TRADE = frozenset(("shop", "store"))


def _profiles(network: Network, lexicon: frozenset[str]) -> TokenTable:
    """The contacts' profession, services, tags and notes as one token table (cached).

    Piece ``f * n + i`` is field ``FIELDS[f]`` of contact row ``i``; ``lexicon``
    is the taxonomy's (see :attr:`refgraph.judge.taxonomy.Taxonomy.lexicon`).
    """
    def compute() -> TokenTable:
        contacts = network.contacts
        texts: list[str] = []
        for name in FIELDS:
            texts += contact_texts(contacts, name).tolist()
        return TokenTable.from_texts(texts, lexicon)

    # Keyed by the lexicon: settings given to fit_frame may extend the taxonomy.
    return network.cached(("refer", "profiles", lexicon), compute)


def _need_evidence(profiles: TokenTable, n: int, matches: list[NeedMatch], taxonomy: Taxonomy,
                   settings: ReferSettings, has_trade: np.ndarray
                   ) -> tuple[np.ndarray, list[dict[int, tuple]]]:
    """Evidence matrix (contacts x matched needs) and where each piece was found.

    Notes are read only for contacts whose profession and services are empty:
    for everyone else notes mostly record their own situation ("his
    accountant moved him off Xero"), not what they offer.
    """
    weights = np.array([getattr(settings, f"fit_field_{name}") for name in FIELDS])
    evidence = np.zeros((n, len(matches)))
    where: list[dict[int, tuple]] = [{} for _ in matches]
    if not matches or not len(profiles.code):
        return evidence, where
    # Only segments holding a word of some profession can match: work on those.
    phrases = {taxonomy.words[p] for m in matches for p in m.professions}
    phrases |= {taxonomy.words[p] for m in matches for p in taxonomy.needs[m.name].leads}
    phrases |= {c for key in phrases for c in taxonomy.conflicts.get(key, [])}
    tables = profiles.word_tables(sorted({w for key in phrases for w in key}), settings)
    useful = np.logical_or.reduce(tables)[profiles.code]
    notes = profiles.piece // n == FIELDS.index("notes")
    useful &= ~(notes & has_trade[profiles.piece % n])
    sub = profiles.subset(np.flatnonzero(np.isin(profiles.segment, profiles.segment[useful])))
    # A tag naming a team ("marketing team", a chapter's power team) says whom
    # the contact works with, not what they do: it weighs less than notes.
    segment_end = np.append(sub.segment[1:] != sub.segment[:-1], True)
    tags = sub.piece // n == FIELDS.index("tags")
    team_segments = sub.segment[segment_end & tags & (sub.vocab[sub.code] == "team")]
    in_team_tag = np.isin(sub.segment, team_segments)
    heads: np.ndarray | None = None  # each contact's trade head, read when first needed
    services = FIELDS.index("services")
    for column, match in enumerate(matches):
        best = evidence[:, column]
        for phrase in match.professions:
            key = taxonomy.words[phrase]
            ends = sub.phrase_ends(key, settings)
            for longer in taxonomy.conflicts.get(key, []):
                ends &= ~sub.phrase_ends(longer, settings)
            rows = np.flatnonzero(ends)
            # A service that, put before the contact's own trade, names a trade
            # of another situation is that trade's speciality: the photographer's
            # "events" are event photography, not events organised ("weddings"
            # stay: a wedding photographer serves a wedding).
            special = _speciality_heads(key, match.name, taxonomy)
            if special and rows.size:
                heads = _profession_heads(profiles, n) if heads is None else heads
                person = sub.piece[rows] % n
                rows = rows[~((sub.piece[rows] // n == services)
                              & np.isin(heads[person], list(special)))]
            if not rows.size:
                continue
            contact = sub.piece[rows] % n
            field_code = sub.piece[rows] // n
            weight = np.where(in_team_tag[rows], settings.fit_field_team, weights[field_code])
            found = pd.DataFrame({"contact": contact, "weight": weight,
                                  "field": field_code, "row": rows})
            found = found.sort_values(["weight", "row"], ascending=[False, True],
                                      kind="stable").drop_duplicates("contact")
            people = found["contact"].to_numpy()
            better = found["weight"].to_numpy() > best[people]
            for person, _weight, field_code_, row in found[better].itertuples(index=False):
                where[column][int(person)] = (phrase, FIELDS[field_code_],
                                              sub.span_text(int(row), len(key)))
            best[people[better]] = found["weight"].to_numpy()[better]
        leads = taxonomy.needs[match.name].leads
        if leads and match.matched_by == "keywords" and (
                match.professions == taxonomy.needs[match.name].professions):
            # The situation told, no trade named: who serves one part of it
            # (a wedding's florist) comes after who leads it (its planner or venue).
            trade = np.isin(sub.piece // n, [FIELDS.index(f) for f in TRADE_FIELDS])
            leading = np.zeros(n, dtype=bool)
            for phrase in leads:
                leading[sub.piece[sub.phrase_ends(taxonomy.words[phrase], settings)
                                  & trade] % n] = True
            best[~leading] *= settings.need_supporting_trade
    return evidence, where


def _profession_heads(profiles: TokenTable, n: int) -> np.ndarray:
    """The last word of each contact's profession ("" for none), by contact row."""
    heads = np.full(n, "", dtype=object)
    rows = np.flatnonzero(profiles.piece < n)  # piece f * n + i, profession first
    if rows.size:
        last = rows[np.append(profiles.piece[rows][1:] != profiles.piece[rows][:-1], True)]
        heads[profiles.piece[last]] = profiles.vocab[profiles.code[last]]
    return heads


#: Trade names in which a word means something else than alone: a *party
#: wall* is no party, *third party* cover no third person to meet.
_OTHER_SENSE: tuple[tuple[str, ...], ...] = tuple(phrases_words([
    "party wall", "party walls", "third party", "third parties",
]))


def _held_freely(profiles: TokenTable, n: int, trigger: Trigger, words: list[str],
                 settings: ReferSettings) -> np.ndarray:
    """Contacts whose trade holds one of ``words`` (stems) outside a name of other sense.

    "A party" shares a word with the surveyor's "party wall surveys", but a
    party wall is no party (:data:`_OTHER_SENSE`): a word a contact holds
    only inside such a name, whose other words the trigger lacks, answers
    nothing about the trigger. Elsewhere the word keeps its sense: the
    plumber's "bathroom refits" are about a bathroom.
    """
    told = {word_stem(str(w)) for w in trigger.tokens.surface}
    trade = np.isin(profiles.piece // n, [FIELDS.index(f) for f in TRADE_FIELDS])
    stems = np.array([word_stem(str(w)) for w in profiles.vocab], dtype=object)
    holding = trade & np.isin(stems[profiles.code], words) if len(profiles.code) else trade
    inside = np.zeros(len(profiles.code), dtype=bool)
    for key in _OTHER_SENSE:
        key_stems = {word_stem(w) for w in key}
        if not key_stems & set(words) or key_stems <= told:
            continue
        for end in np.flatnonzero(profiles.phrase_ends(key, settings)).tolist():
            inside[max(end - len(key) + 1, 0):end + 1] = True
    free = np.zeros(n, dtype=bool)
    free[profiles.piece[holding & ~inside] % n] = True
    return free


def _speciality_heads(key: tuple[str, ...], need: str, taxonomy: Taxonomy) -> set[str]:
    """Trade heads ``h`` for which ``key + h`` is a profession of other situations only.

    "event photographer" is photography's alone, so "events" listed by a
    photographer is no evidence for organising events.
    """
    return {head for head, owners in taxonomy.specialities.get(key, ()) if need not in owners}


def refused_trades(network: Network, trigger: Trigger, taxonomy: Taxonomy,
                   settings: ReferSettings) -> np.ndarray:
    """Per contact, the trade the trigger says it does not want that is theirs, or "".

    "Not looking for an accountant", "she already has an accountant" and
    "doesn't need a solicitor" name a trade (one the taxonomy knows) that is
    not wanted: a contact whose profession ends with it ("Chartered
    accountant", "Family solicitor") is no answer.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"],
    ...     "profession": ["", "Chartered accountant", "Bookkeeper"]})
    >>> net = refgraph.load_network((contacts, pd.DataFrame(
    ...     {"date": ["2024-01-01"], "source": ["me"], "target": ["ann"], "kind": ["call"]})))
    >>> options = net.settings.refer
    >>> parsed = read_trigger("she already has an accountant but needs a bookkeeper", options)
    >>> refused_trades(net, parsed, compiled_taxonomy(), options).tolist()
    ['', 'accountant', '']
    """
    refused = np.full(len(network.contacts), "", dtype=object)
    tokens = trigger.tokens
    if not trigger.unwanted.any() or "profession" not in network.contacts:
        return refused
    trades = []
    for key in taxonomy.needs_of_profession:
        if key[-1] not in tokens.index:
            continue
        ends = np.flatnonzero(tokens.phrase_ends(key, settings) & trigger.unwanted)
        if any(trigger.unwanted[max(end - len(key) + 1, 0):end + 1].all() for end in ends):
            trades.append(key)
    if not trades:
        return refused
    # Each distinct profession once: trades repeat across contacts.
    codes, distinct = pd.factorize(network.contacts["profession"].fillna("").astype(str))
    stems = [tuple(word_stem(w) for w in text.split()) for text in prepare_texts(list(distinct))]
    trade_of = np.full(len(distinct), "", dtype=object)
    # Longest first: "chartered accountant" is named before "accountant". One
    # trade's other names are refused with it: no solicitor is no lawyer either.
    for key in sorted(trades, key=len, reverse=True):
        tails = [tuple(word_stem(w) for w in (*key[:-1], last))
                 for last in (key[-1], *SAME_TRADE.get(key[-1], ()))]
        for position, words in enumerate(stems):
            if not trade_of[position] and any(words[-len(tail):] == tail for tail in tails):
                trade_of[position] = " ".join(key)
    return trade_of[codes]


def _direct_evidence(profiles: TokenTable, n: int, trigger: Trigger, marks: StoryMarks,
                     matches: list[NeedMatch],
                     taxonomy: Taxonomy, settings: ReferSettings
                     ) -> tuple[np.ndarray, dict[int, tuple]]:
    """Evidence from the trigger naming a contact's own trade ("a good web designer")."""
    direct = np.zeros(n)
    where: dict[int, tuple] = {}
    tokens = trigger.tokens
    if not len(profiles.code):
        return direct, where
    # Segments of the trade fields whose last word (the trade's head noun) is in the trigger.
    field_code = profiles.piece // n
    trade = np.isin(field_code, [FIELDS.index(f) for f in TRADE_FIELDS])
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
        if len(key) == 1 and (key[0] in STOPWORDS or len(key[0]) < 3):
            continue  # "IT", "HR", "and" alone would match too much
        phrases.setdefault(key, []).append((start, end, int(profiles.piece[end])))

    matched_needs = {m.name for m in matches}
    described = {m.name for m in matches if m.matched_by == "keywords"}
    situation_phrases = {taxonomy.words[p] for m in matches if m.name in described
                         for p in m.matched if p in taxonomy.needs[m.name].keywords}
    # A situation narrowed to the trade named ("a builder for our extension") is
    # that trade's: another trade's service that is only its phrase (the
    # architect's "extensions") names nobody wanted.
    narrowed = situation_phrases - {
        taxonomy.words[p] for m in matches if m.name in described
        and m.professions == taxonomy.needs[m.name].professions
        for p in m.matched if p in taxonomy.needs[m.name].keywords}
    # A trade's word inside a situation's own phrase is the thing the story is
    # about, not the trade wanted: "printer" in IT support's "printer keeps
    # jamming" names no print shop, whose trade serves no situation told.
    told_words: dict[str, set[str]] = {}
    for m in matches:
        if m.name in described:
            for p in m.matched:
                if p in taxonomy.needs[m.name].keywords:
                    for word in taxonomy.words[p]:
                        told_words.setdefault(word, set()).add(m.name)
    # "Wedding" in "wedding photographer" does not name a venue's "weddings".
    inside = marks.inside_trade
    # "My accountant retired": that accountant is the trade wanted, not a party.
    party = trigger.party & ~marks.wanted
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
        holders = told_words.get(key[-1])
        owners = taxonomy.needs_of_profession.get(key)
        if holders and owners and not owners & (holders | matched_needs):
            continue
        ends = full_ends.get(key)
        if ends is None:
            ends = tokens.phrase_ends(key, settings)
        heads_at = (tokens.word_tables([key[-1]], settings)[0][tokens.code] & ~party
                    & ~inside)
        if (ends & heads_at).any():
            score = 1.0
        else:
            owners = taxonomy.needs_of_profession.get(key)
            other_trade = owners is not None and not owners & matched_needs
            open_heads = heads_at & ~specialised
            # A service ending in a function word ("scaling up") names nothing by
            # its last word: "a mailing list set up" wants no business mentor.
            named = (open_heads.any() and not other_trade and key[-1] not in GENERIC_HEADS
                     and key[-1] not in STOPWORDS)
            score = settings.fit_trade_only if named else 0.0
        if score <= 0:
            continue
        # A service the story only mentions ("a contract translated", "raise
        # investment") names no trade when the trigger describes situations it
        # does not serve; one that is the situation's own phrase, or a
        # profession named outright, still does.
        passing = bool(described) and (key in narrowed or (
            key not in situation_phrases
            and not taxonomy.needs_of_profession.get(key, set()) & described))
        # A service that is only the situation's phrase and ends in a place of
        # trade ("online shop") is what the contact runs, not offers: "we're
        # launching an online shop" wants no retailer.
        runs = bool(described) and key in situation_phrases and key[-1] in _PLACES_OF_TRADE
        for start, end, piece in places:
            contact, field_name = piece % n, FIELDS[piece // n]
            if (passing or runs) and field_name == "services":
                continue
            value = score * getattr(settings, f"fit_field_{field_name}")
            if value > direct[contact]:
                direct[contact] = value
                where[contact] = (None, field_name,
                                  " ".join(profiles.surface[start:end + 1]), score)
    return direct, where


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
        ``best``, ``coverage``, ``serves`` (the positions in the matched
        needs of those the contact serves, when the trigger describes several;
        empty otherwise) and
        ``fits`` (a list of dicts ``need``, ``phrase``, ``field``, ``found``);
        and the matched needs.

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
    taxonomy = compiled_taxonomy(settings)
    # Refuses what is not a usable trigger.
    parsed = read_trigger(trigger, options, taxonomy.lexicon)
    # Contacts the trigger names are parties, and their names no situation ("Fiona Grant").
    parsed = with_names(parsed, named_words(network, parsed.text))
    # Read once: which words name a party, sit inside a trade's name, or say a trade left.
    marks = mark_story(parsed, taxonomy.needs_of_profession, taxonomy.vocabulary, options)
    matches = recognise_needs(parsed, taxonomy, options, marks)
    # "Before the wedding" says when: its words name no trade and tell nobody
    # apart; nor does the website hacked, whose security comes first.
    parsed = with_muted(parsed, phrase_rows(parsed, [m for m in matches
                                                     if m.occasion or m.follows],
                                            taxonomy, options))
    profiles = _profiles(network, taxonomy.lexicon)
    n = len(network.contacts)

    has_trade = np.zeros(n, dtype=bool)
    trade_pieces = profiles.piece[np.isin(profiles.piece // n,
                                          [FIELDS.index(f) for f in TRADE_FIELDS])]
    has_trade[trade_pieces % n] = True  # a profession or service with at least one word
    evidence, need_where = _need_evidence(profiles, n, matches, taxonomy, options, has_trade)
    direct, direct_where = _direct_evidence(profiles, n, parsed, marks, matches, taxonomy,
                                            options)
    need_scores = np.array([m.score for m in matches])
    served = evidence * need_scores if matches else np.zeros((n, 0))
    best = np.maximum(served.max(axis=1) if matches else 0.0, direct)
    # Breadth is judged over the situations the trigger describes (keywords);
    # needs it only names a trade of, and occasions ("before the wedding"),
    # count towards the best match alone: the caterer serves no part of the weight.
    # A need wanted only after another (the hacked website's rebuild) is no
    # part to cover either: its trade is listed when nobody serves the first.
    described = np.array([m.matched_by == "keywords" and not (m.occasion or m.follows)
                          for m in matches], dtype=bool)
    serves: list[tuple[int, ...]] = [()] * n
    if described.any():
        # One part of the trigger is one part to cover, however many situations
        # its words name: "a logo, a website and someone to do the books" asks
        # for three things, not for branding and graphic design twice.
        parts: dict[frozenset[str], list[int]] = {}
        for position in np.flatnonzero(described).tolist():
            parts.setdefault(frozenset(matches[position].matched), []).append(position)
        covered = sum(served[:, positions].max(axis=1) for positions in parts.values())
        coverage = covered / sum(need_scores[positions].max() for positions in parts.values())
        # Which described needs each contact serves, for refer's mix: "our
        # first house" is one part to cover, but a mortgage and a conveyancer.
        told = np.flatnonzero(described)
        if len(told) > 1:
            rows, columns = np.nonzero(served[:, told] > 0)
            for row, column in zip(rows.tolist(), told[columns].tolist(), strict=True):
                serves[row] += (column,)
    else:
        coverage = best
    breadth = mixing_share(options.fit_breadth)
    need_fit = np.clip((1 - breadth) * best + breadth * coverage, 0.0, 1.0)  # weights > 1 cap
    # Among those who serve the need, the specialist whose own words name the
    # problem ("roof repairs", "xero") fits better than the generalist.
    relevance, counted_words = text_relevance(network, parsed, options)
    candidates = need_fit >= options.min_fit
    follows = [column for column, m in enumerate(matches) if m.follows]
    if follows and not candidates.any():
        # No security specialist known: the web designer who can rebuild the
        # hacked website is the one to ask.
        candidates = evidence[:, follows].max(axis=1) >= options.min_fit
    most = relevance[candidates].max() if candidates.any() else 0.0
    # When no candidate holds any of the words, they tell nobody apart.
    specificity = relevance / most if most > 0 else np.ones(n)
    share = mixing_share(options.fit_specificity)
    fit = np.where(need_fit > 0, (1 - share) * need_fit + share * specificity, 0.0)
    # Recall beyond the taxonomy: services that name the problem find people
    # no need lists ("back pain" for "my back is killing me").
    # Only when no need found anyone, and the trigger describes no situation
    # the taxonomy knows: otherwise a word shared by chance ("office" for "our
    # office got hacked", "car" for "my car failed its MOT") would list a
    # different trade; a known situation nobody serves gets an honest "nobody".
    # The words about the need must do it: "a friend's *restaurant* failed its
    # inspection" is not a job for the restaurant owners.
    text_only = np.zeros(n, dtype=bool)
    recall, recall_words = relevance, counted_words
    # A trade the taxonomy knows, named outright, is the taxonomy's to judge:
    # no criminal lawyer known is no reason to list employment lawyers by the
    # word "lawyer", nor a DJ unknown to list the surveyors whose "party wall"
    # shares a word with "for the party". The trigger's other words say what
    # the trade is wanted for, not whom.
    named = [m for m in matches if m.matched_by == "professions"]
    if not candidates.any() and not described.any() and not named:
        recall, recall_words = text_relevance(network, parsed, options, party_weight=0.0)
        text_only = (need_fit < options.min_fit) & (recall >= options.min_text_fit)
        if text_only.any():
            text_only &= _held_freely(profiles, n, parsed, recall_words, options)
        fit = np.where(text_only, np.maximum(fit, options.text_only_fit * recall), fit)
    listed = candidates | text_only
    # "She already has an accountant but needs a bookkeeper": no accountant.
    refused = refused_trades(network, parsed, taxonomy, options)
    fit = np.where(refused != "", 0.0, fit)
    listed &= refused == ""

    # Evidence by contact row; most contacts have none, so they share one empty tuple.
    fits: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for column, match in enumerate(matches):
        for person, (phrase, field_name, found) in need_where[column].items():
            fits[person].append({"need": match.name, "phrase": phrase, "field": field_name,
                                 "found": found, "evidence": float(evidence[person, column])})
    for person, (_, field_name, found, _score) in direct_where.items():
        if any(item["found"] == found and item["field"] == field_name for item in fits[person]):
            continue  # already explained by a need it serves
        fits[person].append({"need": None, "phrase": found, "field": field_name,
                             "found": found, "evidence": float(direct[person])})
    if recall_words:
        for person in np.flatnonzero(text_only & (need_fit <= 0)).tolist():
            fits[person].append({"need": None, "phrase": " ".join(recall_words),
                                 "field": "words", "found": " ".join(recall_words),
                                 "evidence": float(recall[person])})
    frame = pd.DataFrame({"id": network.contacts["id"].to_numpy(dtype=object), "fit": fit,
                          "need_fit": need_fit, "specificity": specificity,
                          "relevance": relevance, "listed": listed, "refused": refused,
                          "best": best, "coverage": coverage, "serves": serves,
                          "fits": [fits.get(i, ()) for i in range(n)]})
    return frame, matches
