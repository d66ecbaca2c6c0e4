"""Trust paths: the strongest chains of real relationships from one person to another.

"How do I get introduced to X?" is answered by the chains of ties that lead
from the source to X. Each hop is a tie with a trust in [0, 1] (see
:mod:`refgraph.model.ties`), and a chain is scored in one of two ways:

``product`` (default)
    A path's trust is the **product of its hops' trust**: every introduction
    along the way may fail, independently. It is computed as a shortest path on
    the edge distance ``-ln(trust)``, so the strongest path has the smallest
    summed distance. Each go-between is a favour asked: paths are ranked by
    their trust times ``path.go_between_factor`` per go-between (every hop's
    distance grows by ``-ln(go_between_factor)``), so in a dense group a strong
    direct tie beats a chain of near-certain hops, while three strong hops
    (0.9 each, 0.73 together, 0.18 ranked) still beat one slight tie (0.1) to
    a famous connector.
``weakest-link``
    A path is as strong as its **weakest hop** (the max-min, or widest, path);
    among paths with the same weakest hop the one with the larger product wins.

Either way a path's trust never exceeds its weakest hop, and the weakest hop is
named. A path through a go-between whose character the owner doubts is listed
below the paths around them, when one exists that is no weaker an introduction
(see :func:`_doubted_last`). Paths are simple (nobody appears twice) and have at most
``path.max_hops`` hops: a referral rarely survives a longer chain of favours.

The search itself (exact, vectorised, meet in the middle) is in
:mod:`refgraph.judge.path_search`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.chapter import members_since
from refgraph.io.settings import PATH_METHODS as METHODS
from refgraph.io.settings import STAGES
from refgraph.judge.do_not_contact import barred_contacts
from refgraph.judge.path_notes import (
    doubted_contacts,
    doubted_go_betweens,
    go_between_note,
    source_note,
    summary,
    target_note,
)
from refgraph.judge.path_results import Hop, PathResult, TrustPath
from refgraph.judge.path_search import FoundPath, TrustIndex, k_best_paths, trust_index
from refgraph.judge.phrases import ago
from refgraph.judge.tie_words import describe_tie
from refgraph.model.network import CHAPTER, Network, require_network
from refgraph.results import format_trust

_DAY = pd.Timedelta(days=1)

# --------------------------------------------------------------------------- public


def _check_count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise RefgraphError(f"{name} must be a whole number >= 1, got {value!r}")
    return int(value)


def trust_paths(
    network: Network,
    source: str,
    target: str,
    *,
    k: int | None = None,
    method: str | None = None,
    as_of: object = None,
    max_hops: int | None = None,
    avoid: Iterable[str] = (),
) -> PathResult:
    """The ``k`` strongest chains of relationships from ``source`` to ``target``.

    Parameters
    ----------
    network : Network
        A loaded network.
    source, target : str
        Contact ids.
    k : int, optional
        How many paths to return (default ``settings.path.k``).
    method : {"product", "weakest-link"}, optional
        How a path is scored (default ``settings.path.method``): the product of
        its hops' trust, or its weakest hop (ties broken by the product).
    as_of : str, date or Timestamp, optional
        Evaluate the network as of this moment (default: latest interaction).
    max_hops : int, optional
        Longest path considered (default ``settings.path.max_hops``).
    avoid : iterable of str
        Contact ids the paths must not pass through.

    Returns
    -------
    PathResult
        Paths strongest first, each hop with its trust, stage and strength and
        the weakest hop named. No path, or ``source == target``, gives an empty
        list and a ``message`` saying so.

    Raises
    ------
    ContactNotFoundError
        When ``source``, ``target`` or an ``avoid`` id is not a contact.
    RefgraphError
        For an unknown method or a ``k`` / ``max_hops`` below 1.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({
    ...     "date": ["2024-01-05", "2024-02-01", "2024-03-01"],
    ...     "source": ["me", "ann", "ann"], "target": ["ann", "bob", "bob"],
    ...     "kind": ["one_to_one", "one_to_one", "call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> result = trust_paths(net, "me", "bob")
    >>> result.best.nodes, round(result.best.trust, 3)
    (['me', 'ann', 'bob'], 0.083)
    >>> result.best.weakest_hop.target
    'ann'
    >>> trust_paths(net, "bob", "bob").message
    'source and target are the same person'
    """
    network = require_network(network)
    settings = network.settings.path
    k = _check_count(settings.k if k is None else k, "k")
    max_hops = _check_count(settings.max_hops if max_hops is None else max_hops, "max_hops")
    method = settings.method if method is None else method
    if method not in METHODS:
        raise RefgraphError(f"unknown path method {method!r}; expected one of: "
                            f"{', '.join(METHODS)}")
    network.require(source, role="source")
    network.require(target, role="target")
    avoided = [network.require(contact, role="contact to avoid") for contact in avoid]
    stamp = network.resolve_as_of(as_of)
    result = PathResult(source=source, target=target, source_name=network.name_of(source),
                        target_name=network.name_of(target), as_of=stamp, method=method,
                        max_hops=max_hops)
    if source == target:
        result.message = "source and target are the same person"
        return result
    blocked = {source, target} & set(avoided)
    if blocked:
        raise RefgraphError(f"cannot avoid {sorted(blocked)[0]!r}: it is an end of the path")

    # Nobody is asked a favour who has died or asked not to be contacted.
    barred = barred_contacts(network)
    gone = [contact for contact in barred if contact not in (source, target)]

    def search(count: int, around: list[str]) -> list[TrustPath]:
        return _search(network, source, target, stamp, k=count, max_hops=max_hops,
                       method=method, avoid=[*avoided, *gone, *around])

    min_trust = network.settings.ask.min_path_trust
    # Nobody asks a favour of someone whose character they doubt when a way around exists.
    result.paths, passed_over = _doubted_last(network, search(k, []), search, k=k,
                                              ends=(source, target), min_trust=min_trust)
    weak = bool(result.paths) and result.paths[0].trust < min_trust
    # Reviving or building a tie to someone whose character you doubt is no advice to give,
    # nor getting in touch with someone who has died or asked not to be contacted.
    doubt = target_note(network, result)
    reach = target not in barred
    vouch = source_note(network, result)
    faded = None
    if weak and source == network.owner:  # "you": the owner's own faded tie
        faded = (faded_tie_facts(network, source, target, as_of=stamp) if doubt or not reach
                 else faded_tie(network, source, target, as_of=stamp))
    tie = find_tie(network, source, target, as_of=stamp)
    # Listed first, the direct tie is what the summary speaks of; listed below a chain,
    # or first but too weak while a chain carries and you have met them (nobody is
    # asked then), it still needs saying what it is and what to do.
    rank = next((rank for rank, path in enumerate(result.paths, start=1)
                 if len(path.hops) == 1), None)
    carried = any(path.trust >= min_trust for path in result.paths)
    direct = tie if rank is None or rank > 1 or (weak and carried and have_met(tie)) else None
    members = reach and same_chapter(network, source, target, stamp)
    # Whom to ask, unless a tie of your own (one that carries, or was built once and
    # can be revived) or a weekly chapter meeting makes the introduction unnecessary.
    built = tie is not None and (
        float(tie["trust"]) >= min_trust
        or STAGES.index(str(tie["earned_stage"]))
        >= STAGES.index(network.settings.ask.min_asker_stage)
        # Met them 1-to-1 or spoken to them: reconnect yourself, no introduction to ask.
        or have_met(tie))
    # A faded tie of your own comes with its own advice: reconnect, not "strengthen".
    result.message = summary(network, result, k, min_trust,
                             advise=not (doubt or vouch) and faded is None and reach,
                             mine=source == network.owner,
                             introduce=not (doubt or members or built) and reach,
                             members=members, reach=reach)
    if direct is not None and result.paths:
        # Ranked below chains through trusted go-betweens, a tie of your own is still
        # worth knowing about: "how do I meet X" should never hide that you know X.
        # Not to be contacted: as for a fellow member, no "get in touch" after it.
        note = _direct_note(network, result, direct, weak=weak, advise=not doubt and reach,
                            rank=rank, members=members or not reach)
        if note:
            result.message += f"; {note}"
    if faded is not None:
        result.message += f"; {faded}"
    for note in (vouch, doubt, go_between_note(network, result,
                                        lambda ids: next(iter(search(1, ids)), None),
                                        min_trust, passed_over=passed_over)):
        if note:
            result.message += f"; {note}"
    if target in barred:
        result.message += (f"; you tagged {result.target_name} {barred[target]!r}: not "
                           "someone to get in touch with")
    best = result.best
    known = best is not None and len(best.hops) == 1 and not weak
    if not known and members:
        # Fellow members meet every week: a 1-to-1 asks nobody a favour.
        if source == network.owner:
            result.message += (f"; {result.target_name} is in your chapter: book a 1-to-1 "
                               "with them rather than ask for an introduction")
        else:
            result.message += (f"; {result.source_name} and {result.target_name} are in the "
                               "same chapter: a 1-to-1 needs no introduction")
    return result


def _doubted_last(network: Network, found: list[TrustPath],
                  search: Callable[[int, list[str]], list[TrustPath]], *, k: int,
                  ends: tuple[str, str], min_trust: float,
                  ) -> tuple[list[TrustPath], list[TrustPath]]:
    """Rank the paths through a go-between whose character you doubt below the ways around.

    A networker never asks someone they doubt to vouch for them when a comparable
    path exists: the best paths around every doubted go-between come first, then
    the paths through one (as many as were found, room left for one way around),
    each group in its own order. The ranking stays as
    found when no path goes around them, and when a path through them carries an
    introduction (``ask.min_path_trust``) while none around them does: as
    :func:`refgraph.ask` then names the path that carries, with the doubt.

    Parameters
    ----------
    network : Network
        A loaded network (for the owner's character ratings).
    found : list of TrustPath
        The ``k`` best-ranked paths, whoever they run through.
    search : callable
        Given a count and contact ids to avoid, the best-ranked paths around them.
    k : int
        How many paths to return.
    ends : tuple of str
        Source and target: never go-betweens, so never avoided.
    min_trust : float
        The trust an introduction needs.

    Returns
    -------
    tuple of (list of TrustPath, list of TrustPath)
        The paths in their new order, and the path through a doubted go-between
        that would have ranked first but was moved below a way around (empty
        when none was).
    """
    through = [path for path in found if doubted_go_betweens(network, path)]
    if not through:
        return found, []
    around = search(k, [contact for contact in doubted_contacts(network) if contact not in ends])
    if not around:  # the only paths there are: listed as found, with the note
        return found, []
    if (any(path.trust >= min_trust for path in through)
            and not any(path.trust >= min_trust for path in around)):
        return found, []
    # The ways around first; the paths through them stay listed below, for the note.
    ranked = (around[:max(k - len(through), 1)] + through)[:k]
    passed_over = [found[0]] if found[0] is through[0] and ranked[0] is not found[0] else []
    return ranked, passed_over


def _search(network: Network, source: str, target: str, stamp: pd.Timestamp, *, k: int,
            max_hops: int, method: str, avoid: list[str]) -> list[TrustPath]:
    """The ``k`` best-ranked paths from ``source`` to ``target`` that avoid ``avoid``."""
    index = trust_index(network, stamp)
    ends = (index.code(source), index.code(target))
    if not (index.degree(ends[0]) and index.degree(ends[1])):
        return []
    mask = np.zeros(len(index.ids), dtype=bool)
    mask[[index.code(contact) for contact in avoid]] = True
    factor = network.settings.path.go_between_factor
    found: list[FoundPath] = k_best_paths(index, ends, k=k, max_hops=max_hops,
                                          weakest_link=method == "weakest-link", avoid=mask,
                                          hop_cost=-np.log(factor))
    return [_materialise(network, index, codes, method=method, go_between_factor=factor)
            for *_, codes in found]


def same_chapter(network: Network, a: str, b: str, stamp: pd.Timestamp) -> bool:
    """Whether both are members of the network's chapter at ``stamp`` (not left, not yet).

    Parameters
    ----------
    network : Network
        A loaded network (only one with a chapter's members file has members).
    a, b : str
        Contact ids.
    stamp : Timestamp
        The evaluation moment.

    Returns
    -------
    bool
        ``False`` for a network without a chapter.
    """
    chapter = network.kept(CHAPTER)
    return chapter is not None and {a, b} <= set(members_since(chapter, stamp).index)


def have_met(tie: pd.Series) -> bool:
    """Whether the two of a tie have met 1-to-1, in a meeting or on a call.

    Someone you have met or spoken to you reconnect with yourself: nobody
    introduces you to them.

    Parameters
    ----------
    tie : Series
        A row of :meth:`Network.ties` (its ``n_<kind>`` counts).

    Returns
    -------
    bool
    """
    return any(float(tie.get(f"n_{kind}", 0) or 0) > 0
               for kind in ("one_to_one", "meeting", "call"))


def _direct_note(network: Network, result: PathResult, tie: pd.Series, *, weak: bool,
                 advise: bool = True, rank: int | None = None, members: bool = False) -> str:
    """Say what the source's own tie to the target is, when the summary does not.

    A tie that can carry an introduction (``ask.min_path_trust``) is "a direct
    tie too". A weaker one is named for what it is, never offered as a tie: one
    built up once and faded since (reconnect rather than be introduced; left to
    :func:`faded_tie` when the paths are too weak as well), or the contacts it
    holds, faded when the last was more than ``ask.stale_days`` ago. ``rank``
    is the tie's place among the listed paths (``None``: not listed); with
    ``members``, the chapter's 1-to-1 is said after it, so no "get in touch".
    """
    settings = network.settings.ask
    name, stamp = result.target_name, result.as_of
    owner = result.source == network.owner
    trust, stage = float(tie["trust"]), str(tie["stage"])
    said = f"trust {format_trust(trust)}"
    if trust >= settings.min_path_trust:
        who = "you have" if owner else f"{result.source_name} has"
        where = "ranked below these" if rank is None else f"path {rank}"
        yourself = (f": get in touch with {name} yourself"
                    if owner and rank is not None and not members else "")
        return f"{who} a direct tie to {name} too ({said}, {stage}), {where}{yourself}"
    earned = str(tie["earned_stage"])
    built = STAGES.index(earned) >= STAGES.index(settings.min_asker_stage)
    if built and STAGES.index(earned) > STAGES.index(stage) and not pd.isna(tie["silent_days"]):
        if weak and owner:
            return ""  # faded_tie says it, with its advice
        who = "you" if owner else result.source_name
        silent = ago(float(np.floor(tie["silent_days"])))
        facts = (f"{who} built {'your' if owner else 'a'} tie to {name} up to {earned} once, "
                 f"but the last substantive contact was {silent} and it has faded to {stage} "
                 f"({said})")
        if not advise:  # a tie to someone whose character you doubt: the facts alone
            return facts
        return (f"{facts}: {who} may reconnect with {name} "
                f"{'yourself' if owner else 'directly'} rather than be introduced")
    who = "you have" if owner else f"{result.source_name} has"
    contacts = describe_tie(tie, name, stamp, network=network)
    # Met 1-to-1, in a meeting or on a call: one reconnects oneself, nobody introduces.
    met = advise and have_met(tie)
    faded = (stamp - tie["last_contact"]) / pd.Timedelta(days=1) > settings.stale_days
    step = "reconnect" if faded else "follow up"
    yourself = "" if not met else (
        f", but you have met: {step} with {name} yourself rather than be introduced" if owner
        else f", but {result.source_name} has met {name}: {result.source_name} may {step} "
        "directly rather than be introduced")
    if faded:
        return (f"{who} had {contacts}; that tie has faded ({said}) and cannot carry an "
                f"introduction{yourself}")
    return (f"{who} had {contacts}; a slight tie ({said}, {stage}), too slight to carry an "
            f"introduction yet{yourself}")


def find_tie(network: Network, a: str, b: str, *, as_of: object = None) -> pd.Series | None:
    """The tie-table row of two people (see :meth:`Network.ties`), or ``None``.

    A quick lookup through the cached trust index, for callers that ask about
    single pairs.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["ann"],
    ...                              "target": ["me"], "kind": ["call"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> int(find_tie(net, "me", "ann")["n_call"]), find_tie(net, "me", "bob")
    (1, None)
    """
    network.require(a)
    network.require(b)
    index = trust_index(network, network.resolve_as_of(as_of))
    row = index.tie_between(index.code(a), index.code(b))
    return None if row is None else index.ties.iloc[row]


def faded_tie(network: Network, a: str, b: str, *, as_of: object = None) -> str | None:
    """Say when ``a``'s tie to ``b`` was built once and has only faded with silence.

    A contact who referred you or bought from you and then went quiet is not a
    weak link the way a near-stranger is: one call brings the tie back, and
    then it can carry an introduction. "Built" means its earned stage reaches
    ``ask.min_asker_stage``; "faded" that silence has stepped its stage down.

    Returns
    -------
    str or None
        The advice, or ``None`` when there is no such tie.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({
    ...     "date": [f"2023-01-{day:02d}" for day in range(1, 13)] + ["2023-01-20"],
    ...     "source": ["me"] * 12 + ["ann"], "target": ["ann"] * 12 + ["me"],
    ...     "kind": ["one_to_one"] * 12 + ["referral"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> print(faded_tie(net, "me", "ann", as_of="2024-06-30"))  # doctest: +NORMALIZE_WHITESPACE
    you built your tie to Ann up to profitability once, but the last substantive contact was
    17 months ago and it has faded to visibility: reconnect with Ann first
    >>> faded_tie(net, "me", "ann", as_of="2023-02-01") is None
    True
    """
    facts = faded_tie_facts(network, a, b, as_of=as_of)
    return None if facts is None else f"{facts}: reconnect with {network.name_of(b)} first"


def faded_tie_facts(network: Network, a: str, b: str, *, as_of: object = None) -> str | None:
    """What :func:`faded_tie` says of the tie, without its advice (``None`` when not faded)."""
    tie = find_tie(network, a, b, as_of=as_of)
    if tie is None or pd.isna(tie["silent_days"]):
        return None
    earned, stage = str(tie["earned_stage"]), str(tie["stage"])
    built, now = STAGES.index(earned), STAGES.index(stage)
    if built < STAGES.index(network.settings.ask.min_asker_stage) or built <= now:
        return None
    return (f"you built your tie to {network.name_of(b)} up to {earned} once, but the last "
            f"substantive contact was {ago(float(np.floor(tie['silent_days'])))} and it has "
            f"faded to {stage}")


def _materialise(network: Network, index: TrustIndex, codes: tuple[int, ...], *,
                 method: str = "product", go_between_factor: float = 1.0) -> TrustPath:
    """Turn node codes into a :class:`TrustPath` with each tie's trust, stage and score."""
    nodes = [str(index.ids[code]) for code in codes]
    names = [network.name_of(node) for node in nodes]
    rows = [index.tie_between(codes[position], codes[position + 1])
            for position in range(len(codes) - 1)]
    # Only the path's rows of each column: selecting the columns first would copy
    # them whole (and convert a text column) on every query.
    picked = [index.ties[column].iloc[rows].tolist() for column in ("trust", "stage", "strength")]
    hops = []
    for position, (trust, stage, strength) in enumerate(zip(*picked, strict=True)):
        hops.append(Hop(source=nodes[position], target=nodes[position + 1],
                        source_name=names[position], target_name=names[position + 1],
                        trust=float(trust), stage=str(stage), strength=float(strength)))
    trust = 1.0
    for hop in hops:  # multiply trusts, not exp(-sum): exact, and never above the weakest
        trust *= hop.trust
    score = (min(hop.trust for hop in hops) if method == "weakest-link"
             else trust * go_between_factor ** (len(hops) - 1))
    return TrustPath(nodes=nodes, names=names, hops=hops, trust=trust, score=score)
