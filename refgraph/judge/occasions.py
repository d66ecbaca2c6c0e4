"""Occasions and specialities: what a trigger's situation is for, or which trade it names.

"Her hair done *for the wedding*" asks for the hair, not the wedding's
caterer: a situation named only as the occasion of another need weighs
``refer.need_occasion`` (:func:`occasions_demoted`). "A solicitor *for her
divorce*" names the divorce's own trade, no occasion, and the solicitor's
general home (business legal work) gives way to it (:func:`speciality_homes`).
:mod:`refgraph.judge.needs` applies both when it recognises a trigger's needs.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from refgraph.io.settings import ReferSettings
from refgraph.judge.story import LANGUAGES, Trigger
from refgraph.judge.taxonomy import NeedMatch, Taxonomy

#: Words for one trade: in Britain a lawyer is a solicitor, a mechanic works
#: at a garage, a sparky is an electrician, a PA an assistant, and a chef for
#: a dinner is hired from a caterer.
SAME_TRADE: dict[str, tuple[str, ...]] = {
    "lawyer": ("solicitor",), "solicitor": ("lawyer",), "attorney": ("lawyer", "solicitor"),
    "mechanic": ("garage",), "garage": ("mechanic",), "sparky": ("electrician",),
    "sparkie": ("electrician",), "painter": ("decorator",), "decorator": ("painter",),
    "pa": ("assistant",), "chef": ("caterer",),
    # A fractional FD or CFO is a part-time finance director.
    "fd": ("finance",), "cfo": ("finance",),
    # An IFA is an independent financial adviser.
    "ifa": ("financial",),
}


#: Words that introduce an occasion: "flowers *for* our launch", "lose weight
#: *before* the wedding", "update our wills *after* the baby", "childcare *over*
#: the summer holidays", "look after the dog *when* we go on holiday", "life
#: insurance *now* the baby's here", "lonely *since* dad died", "better Wi-Fi
#: *in* the garden office", "someone to sing *at* the funeral". Not "on" or
#: "about": "a speaker *on* wellbeing" asks for that speciality.
_OCCASION_MARKERS = frozenset(("for", "before", "after", "over", "during", "when", "while",
                               "now", "since", "in", "at"))
#: A verb's particle between a need and the marker: "fell *over* in the garden",
#: "broke *down* on the way": the need still ends just before the marker.
_PARTICLES = frozenset("over down off out up".split())
#: Markers that open a clause, whose verb may come before the occasion.
_CLAUSE_MARKERS = frozenset(("when", "while", "since"))
#: Words between the marker and the occasion: "for the wedding", "for our launch",
#: "before I travel", "over the summer holidays".
_OCCASION_LEADS = frozenset(
    "the a an our my their his her your this next i we they he she you".split())
#: Words of a need that act on the thing named next: "*proofread* our brochure",
#: "*translate* the website", "someone *hacked* our website". The brochure is
#: what is proofread, not a print job.
_ACTS_ON_NEXT = frozenset("proofread translate photograph film insure hacked".split())
#: The same acts told after the thing: "our brochure *translated*", "the
#: brochure needs *proofreading*", "our website got *hacked*".
_ACTS_ON_BEFORE = frozenset(
    "proofread proofreading translated translating photographed filmed insured "
    "hacked".split())
#: Acts that leave the thing to be put right: a hack is a security job first,
#: but the web designer who rebuilds a hacked website is still wanted, after
#: the security specialist. The thing weighs as an occasion and stays a need,
#: so its trade is still found where no security specialist is known.
_ACTS_LEAVING_REPAIRS = frozenset(("hacked",))
#: Words between a thing and what is done to it: "needs to be translated".
_ACT_AUXILIARIES = frozenset("needs need needing to be is are was were got get getting "
                             "being been has have".split())


def _of_heads(surface: list[str], segment: np.ndarray, row: int) -> tuple[int, ...]:
    """The word before an "of" phrase that ends just before ``row``, if any.

    "Photos *of our team* for the website": the photos are what the website
    is the occasion of, though "team" stands before "for".
    """
    for back in range(2, 5):
        of = row - back
        if of < 1 or segment[of - 1] != segment[row]:
            break
        if surface[of] == "of":
            return (of - 1,)
    return ()


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
        elif word == "in" and surface[row + 1:row + 2] and surface[row + 1] in LANGUAGES:
            continue  # "a contract *in Spanish*" asks for the Spanish
        elif word in _OCCASION_MARKERS:
            anchor = (row - 1, *_of_heads(surface, segment, row))
            if row >= 2 and surface[row - 1] in _PARTICLES:
                anchor = (*anchor, row - 2)
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
            for form in (head, *SAME_TRADE.get(head, ())):
                # "Power of attorney" + solicitor, or the head alone: "his will" + solicitor.
                keys = {key for p in match.matched
                        for key in ((*taxonomy.words[p], form), (taxonomy.words[p][-1], form))}
                found.extend((other, key) for key in sorted(keys & trades))
    return found


def speciality_homes(matches: list[NeedMatch], taxonomy: Taxonomy) -> list[NeedMatch]:
    """A trade named for a situation that has its own such trade lives there.

    In "a solicitor for his will" the solicitor asked for is a wills solicitor,
    which will writing lists and business legal work does not: the named
    trade's general home would rank commercial solicitors for a will. A home
    that lists the speciality itself stays ("wedding photographer" is a
    photographer's trade as much as a wedding's).

    Parameters
    ----------
    matches : list of NeedMatch
        The situations recognised in a trigger.
    taxonomy : Taxonomy
        The compiled taxonomy they come from.

    Returns
    -------
    list of NeedMatch
        ``matches`` without the general homes of trades named for a speciality.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> [m.name for m in match_needs("a solicitor for power of attorney")]
    ['will writing']
    >>> [m.name for m in match_needs("a photographer for our wedding")]
    ['photography', 'wedding']
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


def as_occasion(match: NeedMatch, settings: ReferSettings) -> NeedMatch:
    """The match marked an occasion, its score times ``need_occasion``."""
    return replace(match, score=match.score * settings.need_occasion, occasion=True)


def occasions_demoted(matches: list[NeedMatch],
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
    A clause after "when" or "while" is the occasion of a need named anywhere
    before it in its sentence ("look after our dog when we go on holiday").

    Parameters
    ----------
    matches : list of NeedMatch
        The situations recognised in the trigger.
    spans : dict
        For each situation, where its phrases lie: ``(start, end, by_keyword)``
        token rows.
    trigger : Trigger
        The trigger, as :func:`refgraph.judge.story.read_trigger` returns it.
    taxonomy : Taxonomy
        The compiled taxonomy the matches come from.
    settings : ReferSettings
        ``need_occasion``, the weight of an occasion.

    Returns
    -------
    list of NeedMatch
        ``matches``, the occasions marked ``occasion=True`` and scored down.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> [(m.name, m.occasion) for m in match_needs("look after our dog when we go on holiday")]
    [('pet care', False), ('travel', True)]
    """
    surface = [str(word) for word in trigger.tokens.surface]
    starts, ends = _setting_anchors(surface, trigger.tokens.segment)
    if not starts and not ends:
        return matches
    # An occasion has none of its own: "going to Japan for our honeymoon",
    # Japan only where the trip goes, makes the honeymoon no occasion of it.
    names = {m.name for m in matches if not m.occasion}
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
        anchors = [others.intersection(starts.get(start, ()) + ends.get(end, ()))
                   for start, end in own]
        if own and all(anchors) and not _specialities(match, matches, taxonomy):
            repairs = all(surface[row] in _ACTS_LEAVING_REPAIRS for rows in anchors
                          for row in rows)
            match = (replace(match, score=match.score * settings.need_occasion,
                             follows=True) if repairs else as_occasion(match, settings))
        demoted.append(match)
    return demoted


#: Words that ask for something: what follows is the need, what a sentence
#: described before it is the background ("she is getting married and *needs*
#: a photographer").
_ASKS = frozenset("need needs needing want wants wanting".split())
#: Asking words that ask for nothing when "to" follows: "the landlord *wants to*
#: put the rent up" tells what someone else means to do.
_WANTS = frozenset("want wants wanting".split())
#: How far after an asking word the need asked for may start: "needs *a really
#: good wedding* photographer".
_ASK_REACH = 6


def background_demoted(matches: list[NeedMatch],
                       spans: dict[str, list[tuple[int, int, bool]]],
                       trigger: Trigger, settings: ReferSettings) -> list[NeedMatch]:
    """Situations told before a need asked for are its background.

    In "my friend's daughter is getting married and they need a venue" the
    venue is asked for; the wedding says why. Its florist and caterer should
    not rank with the venues, as in "a venue for the wedding". A situation
    counts as background only when every one of its phrases ends before the
    first asking word ("need", "wants") after which another situation's phrase
    starts; the asked-for need keeps its score.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> found = match_needs("my sister is getting married and needs a photographer")
    >>> [(m.name, m.occasion) for m in found]
    [('photography', False), ('wedding', True)]
    """
    surface = [str(word) for word in trigger.tokens.surface]
    segment = trigger.tokens.segment
    asks = [row for row, word in enumerate(surface) if word in _ASKS
            and not (word in _WANTS and surface[row + 1:row + 2] == ["to"])]
    if not asks or len(matches) < 2:
        return matches

    def asked_after(row: int) -> set[str]:
        return {m.name for m in matches if any(
            row < start <= row + _ASK_REACH and segment[start] == segment[row]
            for start, _, _ in spans.get(m.name, []))}

    first_ask = next((row for row in asks if asked_after(row)), None)
    if first_ask is None:
        return matches
    asked = asked_after(first_ask)
    return [as_occasion(m, settings) if (
                m.name not in asked and not m.occasion and spans.get(m.name)
                and all(end < first_ask for _, end, _ in spans[m.name])) else m
            for m in matches]


#: Situations that are steps of another and named only by its words: a house
#: move sells the home left and buys the next, so its estate agent and its
#: conveyancing; a home bought is its mortgage and its conveyancing first.
_STEPS_OF: dict[str, frozenset[str]] = {
    "moving house": frozenset(("conveyancing", "selling property")),
    # A home bought is its mortgage and its conveyancing first: the surveyor
    # and the agents follow.
    "mortgage": frozenset(("property",)),
    "conveyancing": frozenset(("property",)),
}


def steps_demoted(matches: list[NeedMatch], settings: ReferSettings) -> list[NeedMatch]:
    """Situations that are steps of another and are named only by its words.

    "We're moving house" asks for the move, the removals, and then the sale
    of the home left and its legal side, the estate agent and the
    conveyancer: named by the move's own words, they weigh as much as an
    occasion (``refer.need_occasion``) but are still needs, so the removals
    lead and the agents and conveyancers follow. A move with a
    date ("next month") still has its legal side to finish, and where no
    removals firm is known the conveyancer is the one to refer. A situation
    the trigger names in words of its own ("buying a house and moving in
    March") keeps its weight.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> [(m.name, m.score) for m in match_needs("we're moving house in March")]
    [('moving house', 1.0), ('conveyancing', 0.5), ('selling property', 0.5)]
    >>> [(m.name, m.score) for m in match_needs("we're buying a house and moving in March")][0]
    ('conveyancing', 1.0)
    """
    steps_of = [m for m in matches if m.name in _STEPS_OF and m.matched_by == "keywords"]
    if not steps_of:
        return matches
    told = {name: set(m.matched) for m in steps_of for name in _STEPS_OF[m.name]}
    steps = {m.name for m in matches if m.name in told and set(m.matched) <= told[m.name]}
    return [replace(m, score=m.score * settings.need_occasion) if m.name in steps else m
            for m in matches]


#: Words that open a clause telling what a thing does: "an extension *that*
#: blocks our light".
_CAUSE_LEADS = frozenset(("that", "which"))
#: How far after that word the other need may start: "that *will* block the light".
_CAUSE_REACH = 3
#: Words telling that a thing harms what another need treats: "office chairs
#: *killing* my back", "a laptop all day is *hurting* my back".
_HARMS = frozenset(("killing", "hurting", "ruining", "wrecking", "playing", "causing",
                    "giving", "blocking", "blocks"))
#: How far after the thing the harm may be told: "a laptop *all day is* hurting".
_HARM_REACH = 4
#: The word naming who did what another need is about: "scammed *by* a builder".
_AGENT_LEAD = "by"
#: How far before the thing that word may be: "by *a fake* plumber".
_AGENT_REACH = 3
#: A wrong done, told just before that word: "*scammed* by", "ripped *off* by".
#: Not any deed: whoever is "sued by a former employee" still wants the HR
#: help, and "an extension built by a cowboy builder" names the builder as the trouble.
_WRONGED = frozenset(("scammed", "conned", "cheated", "defrauded", "swindled", "duped",
                      "tricked", "overcharged", "off"))


def cause_demoted(matches: list[NeedMatch],
                  spans: dict[str, list[tuple[int, int, bool]]],
                  trigger: Trigger, settings: ReferSettings) -> list[NeedMatch]:
    """A thing told only as the cause of another need is that need's occasion.

    In "my neighbour is building an extension that blocks our light" the need
    is the light (a right-to-light objection, a solicitor's), and the
    extension is what takes it: the architect who draws extensions should not
    rank with the solicitor. A situation recognised by its keywords is
    demoted when every one of its phrases is followed by "that" or "which"
    and, within three words, a phrase of another recognised situation starts
    in the same sentence. So is a thing told as harming what another need
    treats: in "sitting at a laptop all day is hurting my back" the back is
    the need and the laptop no IT job (a harm word such as "killing" or
    "hurting" within four words of it, the other phrase starting at most
    three words after that). So is the one who did it: in "my mum was
    scammed by a builder" the scam is the need (a solicitor's) and the
    builder who did it no builder's job (the other phrase ending in a wrong
    such as "scammed" or "ripped off" just before "by", at most three words
    before the thing), even when the trigger names its trade outright: in
    "my mum was conned by a roofer" the roofer is no roofer wanted. A thing
    asked for is what is wanted, however it is described: "we need an app
    that tracks our invoices" asks for the app.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> found = match_needs("my neighbour is building an extension that blocks our light")
    >>> [(m.name, m.occasion) for m in found]
    [('legal', False), ('extension or conversion', True)]
    """
    if len(matches) < 2:
        return matches
    surface = [str(word) for word in trigger.tokens.surface]
    segment = trigger.tokens.segment
    asks = [row for row, word in enumerate(surface) if word in _ASKS]

    def others_at(name: str, first: int, last: int, row: int, edge: int = 0) -> bool:
        # Another situation's phrase starts (edge 0) or ends (1) in first..last,
        # in the sentence of row.
        return any(first <= place[edge] <= last and segment[place[edge]] == segment[row]
                   for other, places in spans.items() if other != name for place in places)

    def causes(name: str, start: int, end: int, agent_only: bool = False) -> bool:
        if any(row < start <= row + _ASK_REACH and segment[row] == segment[start]
               for row in asks):
            return False
        agents = [row for row in range(max(start - 1 - _AGENT_REACH, 1), start)
                  if surface[row] == _AGENT_LEAD and surface[row - 1] in _WRONGED
                  and segment[row] == segment[start]]
        # The wrong's phrase ends at the wrong ("conned") or takes in "by" ("cheated by").
        if any(others_at(name, row - 1, row, start, edge=1) for row in agents):
            return True
        if agent_only:
            return False
        lead = end + 1
        if lead < len(surface) and surface[lead] in _CAUSE_LEADS:
            return others_at(name, lead + 1, lead + _CAUSE_REACH, end)
        harms = [row for row in range(lead, min(lead + _HARM_REACH, len(surface)))
                 if surface[row] in _HARMS and segment[row] == segment[end]]
        return any(others_at(name, row, row + _CAUSE_REACH, end) for row in harms)

    names = {m.name for m in matches}
    spans = {name: places for name, places in spans.items() if name in names}
    # A trade named outright is wanted whatever it does ("a builder that does
    # lofts"), unless it is the one who did the wrong ("conned by a roofer").
    return [as_occasion(m, settings) if (
                not m.occasion and spans.get(m.name)
                and all(causes(m.name, start, end, m.matched_by != "keywords")
                        for start, end, _ in spans[m.name])) else m
            for m in matches]


#: Words after a situation that make it an event ahead: "a wedding *coming up*".
_UPCOMING = ("coming", "up")


def upcoming_demoted(matches: list[NeedMatch],
                     spans: dict[str, list[tuple[int, int, bool]]],
                     trigger: Trigger, settings: ReferSettings) -> list[NeedMatch]:
    """A situation "coming up" beside another need is that need's occasion.

    In "my teeth are yellow and I have a wedding coming up" the teeth are the
    need and the wedding is when it must be done: the wedding's caterer and
    florist should not rank with the dentist. Only when another situation is
    recognised, and only when every phrase of the situation is followed by
    "coming up".

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> found = match_needs("my teeth are yellow and I have a wedding coming up")
    >>> [(m.name, m.occasion) for m in found]
    [('dental', False), ('wedding', True)]
    """
    if len(matches) < 2:
        return matches
    surface = [str(word) for word in trigger.tokens.surface]
    segment = trigger.tokens.segment
    size = len(_UPCOMING)

    def upcoming(end: int) -> bool:
        after = end + 1 + (surface[end + 1:end + 2] in (["is"], ["s"]))  # "wedding's coming up"
        return (tuple(surface[after:after + size]) == _UPCOMING
                and segment[min(after + size - 1, len(surface) - 1)] == segment[end])

    ahead = {m.name for m in matches if spans.get(m.name)
             and all(upcoming(end) for _, end, _ in spans[m.name])}
    if not ahead or len(ahead) == len(matches):
        return matches
    return [as_occasion(m, settings) if m.name in ahead and not m.occasion else m
            for m in matches]


def context_demoted(matches: list[NeedMatch],
                    spans: dict[str, list[tuple[int, int, bool]]],
                    trigger: Trigger, taxonomy: Taxonomy,
                    settings: ReferSettings) -> list[NeedMatch]:
    """A situation named only by another's context words is that one's occasion.

    "Just got engaged and doesn't know where to start" asks for help to
    start: wedding planning, whose keywords count only beside a wedding word
    (its ``context``). The engagement says why the planner is wanted, as "for
    the wedding" would, so the wedding's caterer and florist should not rank
    with the wedding planners. A situation is demoted only when every one of
    its phrases ends where a context phrase of another situation, recognised
    by its own keywords, ends.

    Parameters
    ----------
    matches : list of NeedMatch
        The situations recognised in the trigger.
    spans : dict
        For each situation, where its phrases lie: ``(start, end, by_keyword)``
        token rows.
    trigger : Trigger
        The trigger, as :func:`refgraph.judge.story.read_trigger` returns it.
    taxonomy : Taxonomy
        The compiled taxonomy the matches come from.
    settings : ReferSettings
        ``need_occasion``, the weight of an occasion.

    Returns
    -------
    list of NeedMatch
        ``matches``, the situations named only as context marked occasions.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> found = match_needs("my niece just got engaged and doesn't know where to start")
    >>> [(m.name, m.occasion) for m in found]
    [('wedding planning', False), ('wedding', True)]
    """
    context_ends: set[int] = set()
    for match in matches:
        context = taxonomy.needs[match.name].context
        if match.occasion or match.matched_by != "keywords" or not context:
            continue
        for phrase in context:
            ends = trigger.tokens.phrase_ends(taxonomy.words[phrase], settings)
            context_ends.update(np.flatnonzero(ends).tolist())
    if not context_ends:
        return matches
    # A situation with context of its own is told by its keywords, not its context.
    return [as_occasion(m, settings) if (
                not m.occasion and not taxonomy.needs[m.name].context and spans.get(m.name)
                and all(end in context_ends for _, end, _ in spans[m.name])) else m
            for m in matches]
