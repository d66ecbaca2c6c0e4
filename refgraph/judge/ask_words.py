"""What ``ask`` says of the owner's route to the target, and what to do about it.

The route reasons of :func:`refgraph.ask`: how the owner's best path reaches
the target, why it is too weak, what to tell an asker whose introduction it
cannot carry, and the one thing to do when it is ready.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from refgraph.io.settings import STAGES, AskSettings
from refgraph.judge.path_notes import can_be_asked
from refgraph.judge.path_results import TrustPath
from refgraph.judge.phrases import ago, count_noun, join_words, kinds_phrase, span_phrase
from refgraph.judge.tie_words import describe_tie
from refgraph.model.network import Network
from refgraph.model.people import codes_of, network_person_codes
from refgraph.results import format_trust

_DAY = pd.Timedelta(days=1)


def asker_target_reason(network: Network, tie: pd.Series, asker_name: str, target_name: str,
                        stamp: pd.Timestamp, *, works: bool, advise: bool = True) -> str:
    """Say what the asker's own tie to the target is: close, faded, or slight.

    ``works``: the tie meets the bar the owner's tie to the asker must meet, so
    no introduction is needed. Without ``advise`` (a target not to be
    contacted) the facts are told without telling anyone to get in touch.
    """
    trust, stage, earned = float(tie["trust"]), str(tie["stage"]), str(tie["earned_stage"])
    contacts = describe_tie(tie, target_name, stamp, network=network)
    held = f"trust {format_trust(trust, 2)}, {stage}"
    if works and not advise:
        return f"{asker_name} works with {target_name}: {contacts} ({held})"
    if works:
        return (f"{asker_name} already works with {target_name}, no introduction is needed: "
                f"{contacts} ({held}); they can simply get in touch")
    if STAGES.index(earned) > STAGES.index(stage) and not pd.isna(tie["silent_days"]):
        silent = ago(float(np.floor(tie["silent_days"])))
        facts = (f"{asker_name} built a tie to {target_name} up to {earned} once, but the last "
                 f"substantive contact was {silent} and it has faded to {stage} (trust "
                 f"{format_trust(trust, 2)}): {contacts}")
        return f"{facts}; {asker_name} may reconnect directly rather than through you" \
            if advise else facts
    # Say what the tie is made of: "trust 0.00" alone reads as no tie at all.
    return (f"{asker_name} already has a tie to {target_name}, short of a working "
            f"relationship ({held}): {contacts}")


def path_reason(path: TrustPath, target_name: str) -> str:
    """Say how the owner's best path reaches the target."""
    if len(path.hops) == 1:
        return (f"you know {target_name} directly (trust {format_trust(path.trust, 2)}, "
                f"{path.hops[0].stage})")
    weakest = path.weakest_hop
    # You are "you": the weakest tie may be your own to the go-between.
    link = (f"yours to {weakest.target_name}" if weakest.source == path.nodes[0]
            else f"{weakest.source_name} → {weakest.target_name}")
    return (f"your best path to {target_name} runs through {join_words(path.via)} "
            f"(trust {format_trust(path.trust, 2)}; weakest tie {link}, "
            f"{format_trust(weakest.trust, 2)}), so the introduction needs "
            f"{count_noun(len(path.hops) - 1, 'go-between')}")


def weak_path_reason(path: TrustPath, target_name: str, minimum: float) -> str:
    """Say why the owner's best path is too weak, naming the weakest tie."""
    below = f"below the {minimum:.2f} an introduction needs"
    if len(path.hops) == 1:
        hop = path.hops[0]
        return (f"your own tie to {target_name} is weak (trust {format_trust(hop.trust, 2)}, "
                f"{hop.stage}), {below}")
    weakest = path.weakest_hop
    if weakest.target_name == target_name:
        link = f"whose tie to {target_name} is weak (trust {format_trust(weakest.trust, 2)})"
    elif weakest.source == path.nodes[0]:
        link = (f"and your own tie to {weakest.target_name} is weak "
                f"(trust {format_trust(weakest.trust, 2)})")
    else:
        link = (f"and the tie {weakest.source_name} → {weakest.target_name} is weak "
                f"(trust {format_trust(weakest.trust, 2)})")
    return (f"your best path to {target_name} runs through {join_words(path.via)}, {link}; "
            f"the whole path has trust {format_trust(path.trust, 2)}, {below}")


def honest_answer(path: TrustPath | None, asker_name: str, target_name: str,
                   settings: AskSettings) -> str:
    """What to tell an asker whose introduction the owner's ties cannot carry.

    Vouching for someone you barely know spends your credibility and theirs:
    say how well you know the target, build the tie first, or check whether
    the go-between knows them well enough to make the introduction. A
    go-between the owner does not know well enough to vouch on is not asked
    either: asking them the favour would itself be premature.
    """
    if path is None:
        return (f"tell {asker_name} honestly that you know nobody close to {target_name}, "
                "rather than pass the request to people who barely know them")
    if len(path.hops) == 1:
        return (f"tell {asker_name} honestly how slightly you know {target_name}: build your "
                f"own relationship with {target_name} first (a 1-to-1), or make no more than "
                "a light introduction that says so")
    first = path.hops[0]
    if not can_be_asked(path, settings):
        # The weak-path reason names your tie when it is the weakest: not twice.
        tie = ("" if path.weakest_hop.source == path.nodes[0]
               else f" (your tie is at {first.stage}, trust {format_trust(first.trust, 2)})")
        return (f"you do not know {first.target_name} well enough to ask them a favour "
                f"either{tie}: tell {asker_name} honestly that you "
                f"cannot carry this introduction to {target_name}, rather than pass it "
                f"to someone who barely knows you")
    return (f"ask {first.target_name} whether they know {target_name} well enough to "
            f"introduce {asker_name}; if not, tell {asker_name} honestly that you cannot "
            "carry it")


def next_step(path: TrustPath, asker_name: str, target_name: str) -> str:
    """What to do when the introduction is ready: make it, or ask the go-between to.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> next_step(SimpleNamespace(hops=[1], via=[]), "Ann", "Zoe")
    'introduce Ann yourself'
    >>> next_step(SimpleNamespace(hops=[1, 2], via=["Bob"]), "Ann", "Zoe")
    'ask Bob to introduce Ann to Zoe'
    >>> next_step(SimpleNamespace(hops=[1, 2, 3], via=["Bob", "Cy"]), "Ann", "Zoe")
    'ask Bob to introduce Ann to Cy, who can take them on to Zoe'
    """
    via = path.via
    if len(path.hops) == 1:
        return f"introduce {asker_name} yourself"
    if len(via) == 1:
        return f"ask {via[0]} to introduce {asker_name} to {target_name}"
    onward = f" through {join_words(via[2:])}" if len(via) > 2 else ""
    return (f"ask {via[0]} to introduce {asker_name} to {via[1]}, who can take them on"
            f"{onward} to {target_name}")


#: Kinds of contact in which two people met or spoke: after one of them they are
#: no strangers, though not yet a relationship.
_MET_KINDS = ("one_to_one", "meeting", "event")


def _count(tie: pd.Series, kind: str) -> int:
    """How many interactions of ``kind`` a tie holds (0 when the column is absent)."""
    value = tie.get(f"n_{kind}", 0)
    return 0 if pd.isna(value) else int(value)


def premature_step(tie: pd.Series | None, name: str, passed: int = 0,
                   stale_days: float = 180.0) -> tuple[str, str, str]:
    """What a tie too slight to vouch on lacks, and the one thing to do about it.

    A networker does not say "build the relationship"; they say the next rung
    of it, from what the two have done together: people who have never met
    meet first (a coffee or a 1-to-1); people who have met but never had a
    1-to-1 book one to learn each other's business, and one 1-to-1 is not yet
    repeated contact; people who know each other but have no evidence of how
    the other works pass a small referral first, or see their work.

    Parameters
    ----------
    tie : Series or None
        The owner's tie to the asker (a row of :meth:`Network.ties`), ``None``
        when they have never been in touch.
    name : str
        The asker's display name.
    passed : int
        Referrals the owner passed the asker: one not yet seen through to
        business is followed up, not repeated.
    stale_days : float
        Silence after which 1-to-1s had are long ago (``ask.stale_days``): the
        next one catches up on their business.

    Returns
    -------
    tuple of str
        What the tie lacks, the step as said after it (``them``), and the
        step on its own (naming the asker): the ``next_step`` of the JSON.

    Examples
    --------
    >>> tie = pd.Series({"n_event": 1, "n_email": 2, "stage": "visibility"})
    >>> premature_step(tie, "Ann")
    ('you have met Ann but never had a 1-to-1', 'book one to learn their business', \
'book a 1-to-1 with Ann to learn their business')
    >>> premature_step(None, "Ann")[2]
    'meet Ann first (a coffee or a 1-to-1)'
    """
    first = ("meet them first (a coffee or a 1-to-1)", f"meet {name} first (a coffee or a 1-to-1)")
    if tie is None:
        return "", *first
    met = any(_count(tie, kind) for kind in _MET_KINDS)
    # A referral, business or an introduction between you is dealing, not never meeting.
    dealt = {kind: _count(tie, kind) for kind in ("referral", "business", "introduction")
             if _count(tie, kind)}
    if not (met or _count(tie, "call") or dealt):
        return f"you have never met {name}", *first
    one_to_ones = _count(tie, "one_to_one")
    if str(tie["stage"]) == "visibility":
        if not one_to_ones:
            how = (f"you have met {name} but" if met else
                   f"you have spoken with {name} but" if _count(tie, "call") else
                   f"you know {name} only through {kinds_phrase(dealt)} and")
            return (f"{how} never had a 1-to-1", "book one to learn their business",
                    f"book a 1-to-1 with {name} to learn their business")
        silent = tie.get("silent_days", np.nan)
        if not pd.isna(silent) and silent > stale_days:
            # Met properly once, long ago: what they do now is the thing to learn.
            return (f"you have had {count_noun(one_to_ones, 'one-to-one')} with {name}, but "
                    f"no substantive contact for {span_phrase(float(silent))}",
                    "book a 1-to-1 to catch up on their business",
                    f"book a 1-to-1 with {name} to catch up on their business")
        # Credibility comes with repeated substantive contact: one 1-to-1 (or a few,
        # long ago) is not yet it.
        had = (f"you have had only one 1-to-1 with {name}" if one_to_ones == 1 else
               f"your {one_to_ones} one-to-ones with {name} have not yet made it a working "
               "relationship")
        return (had, "book another to learn their business",
                f"book another 1-to-1 with {name} to learn their business")
    business = _count(tie, "business")
    if not (business or passed):
        # Referrals they sent you are good will, not evidence of their work.
        return (f"you know {name} but have no evidence yet of how they work",
                "pass them a small referral first, or see their work",
                f"pass {name} a small referral first, or see their work")
    if not business:
        # A referral not yet seen through is followed up, not repeated.
        if passed == 1:
            lack = f"you passed {name} a referral but have not seen it through to business yet"
            which, went = "the referral", "it"
        else:
            lack = (f"you passed {name} {passed} referrals but have seen none through to "
                    "business yet")
            which, went = "the referrals", "they"
        return (lack, f"ask them how {went} went, or see their work",
                f"ask {name} how {which} you passed them went, or see their work")
    # Business has changed hands, yet the tie is light: it wants more of the same.
    return (f"you have worked with {name}, but not enough lately to vouch on",
            "book a 1-to-1 to bring the relationship up to date",
            f"book a 1-to-1 with {name} to bring the relationship up to date")


def longer_path_reason(path: TrustPath, target_name: str, max_go_betweens: int) -> str:
    """Say that a longer chain is stronger, and why ask does not use it."""
    return (f"`refgraph path` finds a stronger chain to {target_name} through "
            f"{join_words(path.via)} (trust {format_trust(path.trust, 2)}), but it needs "
            f"{count_noun(len(path.hops) - 1, 'go-between')}, more than the "
            f"{max_go_betweens} an introduction can carry (ask.max_go_betweens): each "
            "hand-over dilutes the vouching, so build a closer route first")


def introduced_before(network: Network, owner: str, asker: str, target: str,
                      stamp: pd.Timestamp) -> pd.Timestamp | None:
    """When the owner last introduced the asker to the target, if the data says so.

    An ``introduction`` row names whom its target was introduced to only in its
    notes ("introduced to Fiona Grant"): a row from the owner to one of the two
    whose notes name the other is that introduction.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner, asker, target : str
        Contact ids.
    stamp : Timestamp
        The as-of moment: later rows do not count.

    Returns
    -------
    Timestamp or None
        The date of the latest such introduction, or ``None``.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "zoe"], "name": ["Me", "Ann", "Zoe"]})
    >>> interactions = pd.DataFrame({"date": ["2024-03-01"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["introduction"], "notes": ["introduced to Zoe"]})
    >>> net = refgraph.load_network((contacts, interactions))
    >>> introduced_before(net, "me", "ann", "zoe", net.resolve_as_of(None)).date()
    datetime.date(2024, 3, 1)
    >>> introduced_before(net, "me", "zoe", "ann", net.resolve_as_of(None)) is None
    False
    """
    rows = network.interactions
    if "notes" not in rows or rows.empty:
        return None
    # Read as integer codes (kept by the loader, as the tie table uses them): the
    # owner's introductions of either of the two are a handful of a million rows.
    people, sources, targets = network_person_codes(network)
    # -1, never a code, for someone in no interaction: only named in a note, or nowhere.
    codes = codes_of(people, [owner, asker, target])
    kinds = rows["kind"]
    if isinstance(kinds.dtype, pd.CategoricalDtype):  # compare the small codes
        known = kinds.cat.categories.get_indexer(["introduction"])[0]
        if known < 0:
            return None
        introductions = kinds.cat.codes.to_numpy() == known
    else:
        introductions = (kinds == "introduction").to_numpy(dtype=bool)
    mine = introductions & (sources == codes[0]) & ((targets == codes[1])
                                                     | (targets == codes[2]))
    made = rows.iloc[np.flatnonzero(mine)]
    made = made.loc[(made["date"] <= stamp).to_numpy(dtype=bool)]
    if made.empty:
        return None
    notes = made["notes"].fillna("").astype(str)

    def names(contact: str) -> pd.Series:
        # The whole name, so "introduced to Anna Smith" does not name Ann.
        whole = rf"(?<!\w){re.escape(network.name_of(contact))}(?!\w)"
        return notes.str.contains(whole, case=False, regex=True)

    found = made.loc[(((made["target"] == asker) & names(target))
                      | ((made["target"] == target) & names(asker))).to_numpy(dtype=bool)]
    return None if found.empty else found["date"].max()


def introduced_reason(asker_name: str, target_name: str, when: pd.Timestamp,
                      stamp: pd.Timestamp, in_touch: bool) -> str:
    """Say that the owner made this introduction already, and what to do now.

    Examples
    --------
    >>> day = pd.Timestamp("2024-06-30", tz="UTC")
    >>> print(introduced_reason("Ann", "Zoe", day - pd.Timedelta(days=90), day, False))
    ... # doctest: +NORMALIZE_WHITESPACE
    you already introduced Ann to Zoe, 3 months ago, and they have had no contact since
    that you know of: ask Ann how it went before introducing them again
    """
    since = ago(float(np.floor((stamp - when) / _DAY)))
    said = f"you already introduced {asker_name} to {target_name}, {since}"
    step = introduced_step(asker_name, target_name, in_touch)
    if in_touch:
        return f"{said}, and they have been in touch since: {step}"
    return f"{said}, and they have had no contact since that you know of: {step}"


def introduced_step(asker_name: str, target_name: str, in_touch: bool) -> str:
    """The one thing to do about an introduction made already (see :func:`introduced_reason`).

    Examples
    --------
    >>> introduced_step("Ann", "Zoe", True)
    'Ann can follow up with Zoe directly'
    """
    if in_touch:
        return f"{asker_name} can follow up with {target_name} directly"
    return f"ask {asker_name} how it went before introducing them again"
