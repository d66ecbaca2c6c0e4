"""What a trust-path answer says: its summary, and the people on it the owner doubts.

:func:`summary` says what was found and, when the best path is too weak to
carry an introduction, what to do: strengthen your own tie, or look for
someone closer to the target when the weak tie is a go-between's.

An introduction is carried by people's names. A go-between vouches for you to
the target, and you owe them the favour; someone whose character you rated at
or below ``ask.character_gate`` (2 of 5 by default) is not someone to ask, nor
someone whose word should carry you. A target you rated that low is someone
to be sure of before anyone spends a favour on reaching them. These notes say
so, from the owner's ratings (the ``character`` column of ``contacts.csv``; a
missing rating is neutral), and name a route around a doubted go-between.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from refgraph.io.settings import STAGES, AskSettings
from refgraph.judge.path_results import PathResult, TrustPath
from refgraph.judge.path_search import trust_index
from refgraph.judge.phrases import join_words
from refgraph.model.network import Network
from refgraph.results import format_date, format_trust


def doubted(network: Network, contacts: Iterable[str]) -> dict[str, float]:
    """The owner's character ratings at or below ``ask.character_gate``, by contact id.

    Parameters
    ----------
    network : Network
        A loaded network.
    contacts : iterable of str
        Contact ids to look up.

    Returns
    -------
    dict
        ``{id: rating}`` for the contacts rated at or below the gate, in the
        order given; unrated contacts are left out.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"],
    ...                          "character": [None, 2, 4]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...                              "target": ["ann"], "kind": ["call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> doubted(net, ["ann", "bob", "me"])
    {'ann': 2.0}
    """
    low = doubted_contacts(network)
    return {contact: low[contact] for contact in dict.fromkeys(contacts) if contact in low}


def doubted_contacts(network: Network) -> dict[str, float]:
    """Everyone whose character the owner rated at or below ``ask.character_gate``.

    Read once per network (every path search asks about each go-between).

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"],
    ...                          "character": [None, 2, 1]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...                              "target": ["ann"], "kind": ["call"]})
    >>> doubted_contacts(refgraph.load_network((contacts, interactions)))
    {'ann': 2.0, 'bob': 1.0}
    """
    gate = network.settings.ask.character_gate

    def low_ratings() -> dict[str, float]:
        if "character" not in network.contacts:
            return {}
        rating = pd.to_numeric(network.contacts["character"], errors="coerce")
        low = (rating <= gate).to_numpy(dtype=bool, na_value=False)
        return dict(zip(network.contacts["id"][low].tolist(),
                        rating[low].astype(float).tolist(), strict=True))

    return network.cached(("doubted_contacts", gate), low_ratings)


def doubted_go_betweens(network: Network, path: TrustPath) -> dict[str, float]:
    """The go-betweens of ``path`` whose character the owner rated at or below the gate.

    Parameters
    ----------
    network : Network
        A loaded network.
    path : TrustPath
        A path; its two ends are not go-betweens.

    Returns
    -------
    dict
        ``{id: rating}``, as :func:`doubted`.
    """
    return doubted(network, path.nodes[1:-1])


def target_note(network: Network, result: PathResult) -> str:
    """Say that the owner doubts the target's character ("" when not).

    Parameters
    ----------
    network : Network
        A loaded network.
    result : PathResult
        The paths found.

    Returns
    -------
    str
        The note, worded for the owner's own search, one whose own tie carries
        (``"… again"``), or someone else's.

    Examples
    --------
    >>> import refgraph
    >>> from refgraph.judge.paths import trust_paths
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"],
    ...                          "character": [None, 2]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...                              "target": ["ann"], "kind": ["call"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> print(target_note(net, trust_paths(net, "me", "ann")))  # doctest: +NORMALIZE_WHITESPACE
    you rated Ann's character 2/5: be sure you want to deal with Ann before asking anyone to
    introduce you
    """
    rating = doubted(network, [result.target]).get(result.target)
    if rating is None:
        return ""
    said = f"you rated {result.target_name}'s character {rating:g}/5"
    best = result.best
    if result.source == network.owner:
        if (best is not None and len(best.hops) == 1
                and best.trust >= network.settings.ask.min_path_trust):
            # Your own tie carries: nobody is asked, but the doubt stands.
            return f"{said}: be sure you want to deal with {result.target_name} again"
        return (f"{said}: be sure you want to deal with {result.target_name} before asking "
                "anyone to introduce you")
    return (f"{said}: think twice before helping {result.source_name} reach someone whose "
            "character you doubt")


def source_note(network: Network, result: PathResult) -> str:
    """Say that the best path runs through you from someone whose character you doubt.

    You would be the go-between, vouching for them: ``ask`` never does
    (``do_not_vouch``).

    Parameters
    ----------
    network : Network
        A loaded network.
    result : PathResult
        The paths found.

    Returns
    -------
    str
        The note; "" when the source is you, is not doubted, or you are not on
        the best path.
    """
    best = result.best
    owner = network.owner
    if best is None or result.source == owner or owner not in best.nodes[1:-1]:
        return ""
    rating = doubted(network, [result.source]).get(result.source)
    if rating is None:
        return ""
    return (f"you rated {result.source_name}'s character {rating:g}/5 and the best path runs "
            "through you: never vouch for someone whose character you doubt")


def go_between_note(network: Network, result: PathResult,
                    around: Callable[[list[str]], TrustPath | None],
                    weak_below: float = 0.0, *,
                    passed_over: Sequence[TrustPath] = ()) -> str:
    """Name the doubted go-betweens on the listed paths, and a route around them.

    Parameters
    ----------
    network : Network
        A loaded network.
    result : PathResult
        The paths found.
    around : callable
        Given contact ids, the best path that avoids them (or ``None``).
    weak_below : float
        The trust an introduction needs (``ask.min_path_trust``): a way around
        them below it is said to be too weak.
    passed_over : sequence of TrustPath
        The path through a doubted go-between that would have ranked first,
        when it was ranked below the ways around them: the note says so, listed
        or not.

    Returns
    -------
    str
        "" when nobody on the paths is doubted; else, for example, ``"you rated
        Bob's character 2/5 (a go-between on path 1): never ask a favour of
        someone whose character you doubt, nor let their word carry you; path
        2 goes around them (trust 0.412)"``, or, the path through Bob ranked
        below the ways around him, ``"...; path 3, through Bob, would rank
        first (trust 0.512), but is ranked below the ways around them"``.
    """
    on_paths: dict[str, list[int]] = {}
    ratings: dict[str, float] = {}
    for rank, path in enumerate(result.paths, start=1):
        for contact, rating in doubted_go_betweens(network, path).items():
            on_paths.setdefault(contact, []).append(rank)
            ratings[contact] = rating
    for path in passed_over:  # left out of a short list, it is still the reason for the order
        for contact, rating in doubted_go_betweens(network, path).items():
            on_paths.setdefault(contact, [])
            ratings[contact] = rating
    if not on_paths:
        return ""
    people = []
    for contact, ranks in on_paths.items():
        where = join_words([str(rank) for rank in ranks])
        people.append(f"{network.name_of(contact)}'s character {ratings[contact]:g}/5"
                      + (f" (a go-between on path{'s' if len(ranks) > 1 else ''} {where})"
                         if ranks else ""))
    them = "them" if len(people) == 1 else "any of them"
    said = (f"you rated {join_words(people)}: never ask a favour of someone whose character "
            f"you doubt, nor let their word carry you")
    for strongest in passed_over[:1]:
        ranks = [rank for rank, path in enumerate(result.paths, start=1) if path is strongest]
        chain = f"through {join_words(strongest.via)}"
        said += (f"; path {ranks[0]}, {chain}, would rank first (trust "
                 f"{format_trust(strongest.trust)}), but is ranked below the ways around {them}"
                 if ranks else
                 f"; the chain {chain} would rank first (trust {format_trust(strongest.trust)}), "
                 f"but is left out for the ways around {them}")
    if 1 not in {rank for ranks in on_paths.values() for rank in ranks}:
        return said
    clean = [rank for rank, path in enumerate(result.paths, start=1)
             if not doubted_go_betweens(network, path)]
    if clean:
        way, route = result.paths[clean[0] - 1], f"path {clean[0]} goes around {them}"
    else:
        way = around(list(on_paths))
        if way is None:
            return f"{said}; no chain of at most {result.max_hops} hops goes around {them}"
        route = (f"the direct tie goes around {them}" if len(way.hops) == 1 else
                 f"the best chain around {them} runs through {join_words(way.via)}")
    if way.trust < weak_below:  # a way round that cannot carry one is no way round
        return f"{said}; {route}, but is too weak to carry an introduction " \
               f"(trust {format_trust(way.trust)})"
    return f"{said}; {route} (trust {format_trust(way.trust)})"


def summary(network: Network, result: PathResult, k: int, weak_below: float, *,
            advise: bool = True, mine: bool = True, introduce: bool = True,
            members: bool = False, reach: bool = True) -> str:
    """What was found, and what to do when the best path cannot carry an introduction.

    Parameters
    ----------
    network : Network
        A loaded network (for the owner's character ratings).
    result : PathResult
        The paths found.
    k : int
        How many were asked for.
    weak_below : float
        The trust an introduction needs (``ask.min_path_trust``).
    advise : bool
        Whether to advise strengthening a weak tie (not for a target whose
        character the owner doubts).
    mine : bool
        Whether the source is the owner ("your own tie").
    introduce : bool
        Whether to say whom to ask for the introduction when the best path
        carries one (not when a tie of your own or a chapter makes it
        unnecessary, nor for a target whose character you doubt).
    members : bool
        Whether source and target are both members of the owner's chapter
        (the way to get in touch is a 1-to-1).
    reach : bool
        Whether the target may be contacted at all (not when tagged as having
        died or asked not to be: a direct tie is then told, never to be used).

    Returns
    -------
    str
        For example ``"3 paths of at most 4 hops; the best has trust 0.190, too
        weak to carry an introduction (below 0.35, ask.min_path_trust): its
        weakest hop is Paul's own tie to Cat (0.204): Paul barely knows Cat, so
        look for someone closer to Cat"``.
    """
    hops = f"at most {result.max_hops} hop{'s' if result.max_hops != 1 else ''}"
    if not result.paths:
        return (f"no chain of {hops} links {result.source_name} to {result.target_name} "
                f"as of {format_date(result.as_of)}")
    count = len(result.paths)
    found = f"{count} path{'s' if count != 1 else ''}"
    if count < k:
        found = f"only {found}"
    best = result.paths[0]
    said = f"{found} of {hops}; the best has trust {format_trust(best.trust)}"
    if best.trust >= weak_below and len(best.hops) == 1:
        if not reach:
            return f"{said}, a direct tie"
        # "How do I get introduced to X?" when you know X: you don't; get in touch.
        if mine and members:  # a fellow member: the way to get in touch is a 1-to-1
            return (f"{said}, a direct tie: no introduction is needed, {result.target_name} is "
                    "in your chapter: book a 1-to-1 with them")
        if mine:
            return (f"{said}, a direct tie: no introduction is needed, get in touch with "
                    f"{result.target_name} yourself")
        return (f"{said}, a direct tie: {result.source_name} needs no introduction to "
                f"{result.target_name}")
    if best.trust >= weak_below:
        if not (introduce and mine) or doubted_go_betweens(network, best):
            return said
        # The answer to "how do I get introduced?": whom to ask, hop by hop.
        said += f": {_whom_to_ask(best, result.target_name, network)}"
        if can_be_asked(best, network.settings.ask):
            return said
        # Too soon to ask its go-between: a listed path through one who can be asked.
        other = next(((rank, path) for rank, path in enumerate(result.paths, start=1)
                      if rank > 1 and len(path.hops) > 1 and path.trust >= weak_below
                      and can_be_asked(path, network.settings.ask)
                      and not doubted_go_betweens(network, path)
                      and not is_detour(network, path, result.as_of)),
                     None)
        if other is not None:
            said += (f"; path {other[0]}, through {join_words(other[1].via)}, can (trust "
                     f"{format_trust(other[1].trust)}): "
                     f"{_whom_to_ask(other[1], result.target_name, network)}")
        return said
    said += f", too weak to carry an introduction (below {weak_below:g}, ask.min_path_trust)"
    # Ranked lower for its go-betweens, a longer path may still carry one.
    # A chain that reaches someone you could ask yourself through someone else only
    # looks stronger: the hop that decides it is the same, and the detour is a favour.
    carrying = [rank for rank, path in enumerate(result.paths, start=1)
                if path.trust >= weak_below and not is_detour(network, path, result.as_of)]
    if carrying:
        other = result.paths[carrying[0] - 1]
        said += (f"; path {carrying[0]}, through {join_words(other.via)}, can "
                 f"(trust {format_trust(other.trust)})")
        if introduce and mine and not doubted_go_betweens(network, other):
            said += f": {_whom_to_ask(other, result.target_name, network)}"
        return said
    if not advise:
        return said
    weakest = best.weakest_hop
    if weakest.trust >= weak_below:  # every tie holds; the hand-overs are what dilute it
        return (f"{said}: each of its ties could carry an introduction, but not the chain of "
                f"them: look for a shorter route to {result.target_name}")
    owner = network.owner
    to = "you" if weakest.target == owner else weakest.target_name  # "you", not your name
    if weakest.source == result.source:  # a tie of the source's own: theirs to build
        if weakest.target != result.target and doubted(network, [weakest.target]):
            return said  # never advise building a tie to someone you doubt, to use it
        whose = "your own" if mine else f"{result.source_name}'s"
        built = _built_once(network, weakest.source, weakest.target, result.as_of)
        if built is not None:
            # Worked together once and went quiet: a call revives it, as ask says.
            who = "" if mine else f"{result.source_name} may "
            return (f"{said}: {whose} tie to {to} was built up to {built[0]} once but has "
                    f"faded to {built[1]} ({format_trust(weakest.trust)}): {who}reconnect "
                    f"with {to} first")
        return f"{said}: strengthen {whose} tie to {to} first"
    # Someone else's tie: a go-between who barely knows the next person cannot vouch.
    if weakest.source == owner:
        who, whose, knows = "you", "your own", "you barely know"
    else:
        who, whose = weakest.source_name, f"{weakest.source_name}'s own"
        knows = f"{who} barely knows"
    hop = f"{said}: its weakest hop is {whose} tie to {to} ({format_trust(weakest.trust)})"
    built = _built_once(network, weakest.source, weakest.target, result.as_of)
    if built is not None:
        # Worked together once and went quiet: not a near-stranger, and "barely knows"
        # would be untrue; whether they are still in touch is the question to ask.
        faded = f"{hop}, built up to {built[0]} once but faded to {built[1]}"
        if weakest.source == owner:
            return f"{faded}: reconnect with {to} first"
        return (f"{faded}: ask {who} whether they are still in touch with {to}, or look for "
                f"someone closer to {result.target_name}")
    return f"{hop}: {knows} {to}, so look for someone closer to {result.target_name}"


def is_detour(network: Network, path: TrustPath, stamp: pd.Timestamp) -> bool:
    """Whether a path reaches, through someone else, a go-between the source could ask.

    "Ask Jürgen to introduce you to Rosie" is no advice when your own tie to Rosie
    meets what ``ask`` vouches on (``ask.min_asker_trust`` and
    ``ask.min_asker_stage``): nobody asks a friend to reach someone they know well.

    Parameters
    ----------
    network : Network
        A loaded network.
    path : TrustPath
        The path, source first.
    stamp : Timestamp
        The as-of moment.

    Returns
    -------
    bool
        True when a go-between after the first has such a tie to the source.
    """
    if len(path.nodes) < 4:
        return False
    index = trust_index(network, stamp)
    source = index.code(path.nodes[0])
    for contact in path.nodes[2:-1]:
        row = index.tie_between(source, index.code(contact))
        if row is not None and meets_ask_bar(index.ties["trust"].iat[row],
                                             index.ties["stage"].iat[row], network.settings.ask):
            return True
    return False


def _built_once(network: Network, a: str, b: str,
                stamp: pd.Timestamp) -> tuple[str, str] | None:
    """The earned and current stage of a tie built once and faded, else ``None``.

    "Built" means its earned stage reaches ``ask.min_asker_stage``; "faded" that
    silence has stepped its stage down since.

    Parameters
    ----------
    network : Network
        A loaded network.
    a, b : str
        The two people's ids.
    stamp : Timestamp
        The as-of moment.

    Returns
    -------
    tuple of str or None
        ``(earned_stage, stage)``, or ``None`` when the tie was never built or
        has not faded.
    """
    index = trust_index(network, stamp)
    row = index.tie_between(index.code(a), index.code(b))
    if row is None:
        return None
    tie = index.ties.iloc[row]
    earned, stage = str(tie["earned_stage"]), str(tie["stage"])
    return (earned, stage) if built_and_faded(earned, stage, network.settings.ask) else None


def built_and_faded(earned: str, stage: str, bar: AskSettings) -> bool:
    """Whether a tie was built up to what ``ask`` vouches on once and silence has stepped it down.

    Such a tie is revived by a call between the two, not by anyone's introduction.

    Examples
    --------
    >>> built_and_faded("credibility", "visibility", AskSettings())
    True
    >>> built_and_faded("credibility", "credibility", AskSettings())
    False
    """
    reached = STAGES.index(earned)
    return reached >= STAGES.index(bar.min_asker_stage) and reached > STAGES.index(stage)


def meets_ask_bar(trust: float, stage: str, bar: AskSettings) -> bool:
    """Whether a tie meets what ``ask`` vouches on (``min_asker_trust``, ``min_asker_stage``).

    The one bar for an asker's tie, a go-between's tie to you and a detour's.

    Examples
    --------
    >>> meets_ask_bar(0.6, "credibility", AskSettings()), meets_ask_bar(0.9, "visibility",
    ...                                                                 AskSettings())
    (True, False)
    """
    return (float(trust) >= bar.min_asker_trust
            and STAGES.index(str(stage)) >= STAGES.index(bar.min_asker_stage))


def can_be_asked(path: TrustPath, bar: AskSettings) -> bool:
    """Whether the first go-between knows the source well enough to be asked the favour.

    A direct tie asks nobody.
    """
    first = path.hops[0]
    return len(path.hops) == 1 or meets_ask_bar(first.trust, first.stage, bar)


def _whom_to_ask(path: TrustPath, target_name: str, network: Network | None = None) -> str:
    """Whom to ask for the introduction along a path of go-betweens, hop by hop.

    Asking a favour is itself a solicitation: given the ``network``, a first
    go-between whose tie to you falls short of what ``ask`` vouches on
    (``ask.min_asker_trust`` and ``ask.min_asker_stage``) is not asked yet; the
    answer says to build that tie first.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> _whom_to_ask(SimpleNamespace(via=["Ann"]), "Zoe")
    'ask Ann to introduce you'
    >>> _whom_to_ask(SimpleNamespace(via=["Ann", "Bob", "Cy"]), "Zoe")
    'ask Ann to introduce you to Bob, who can take you on through Cy to Zoe'
    """
    via = path.via
    if network is not None and not can_be_asked(path, network.settings.ask):
        # Too soon to ask them a favour: they do not know you well enough to vouch.
        first = path.hops[0]
        return (f"it runs through {via[0]}, but your own tie to {via[0]} is only at "
                f"{first.stage} (trust {format_trust(first.trust)}): build it before "
                f"asking {via[0]} a favour")
    if len(via) == 1:
        return f"ask {via[0]} to introduce you"
    onward = f" through {join_words(via[2:])}" if len(via) > 2 else ""
    return (f"ask {via[0]} to introduce you to {via[1]}, who can take you on{onward} to "
            f"{target_name}")
