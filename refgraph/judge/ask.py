"""Ask: is a request for an introduction ready, premature or a weak link.

Someone (the *asker*) asks the owner to introduce them to one of the owner's
contacts (the *target*). Two relationships must carry that introduction:

1. **The owner's tie to the asker.** The owner vouches for the asker, so they
   must already know, like and trust them. If the tie's trust is below
   ``ask.min_asker_trust`` or its VCP stage is below ``ask.min_asker_stage``
   (or there is no tie at all) the verdict is ``premature``: a stranger asking
   for an introduction to your famous contact is premature solicitation.
2. **The owner's path to the target.** An introduction is only as good as the
   relationships it travels along. The owner's strongest trust path to the
   target (see :func:`refgraph.trust_paths`; it never runs through the asker)
   must reach ``ask.min_path_trust`` within ``ask.max_go_betweens``
   go-betweens (one by default: you, a friend who knows them, the target),
   else the verdict is ``weak_link``.

Two gates come before both:

* **Character.** The owner never vouches for someone whose character they
  rated at or below ``ask.character_gate`` (2 of 5 by default; a missing
  rating is neutral): the verdict is ``do_not_vouch``.
* **Silence.** A relationship that was built (its ``earned_stage`` reaches
  ``ask.min_asker_stage``) but has had no substantive contact for more than
  ``ask.stale_days`` is not one to vouch on today: the verdict is
  ``reconnect_first``. Not for a current fellow member of the owner's chapter
  whose tie still meets the bar: the weekly meeting keeps it current (as
  ``nurture`` still suggests sending them a referral). A relationship that was
  never built is ``premature``.
  With the character gate shut, the reasons state the relationship's facts
  without advising to build or revive it: that would not lead to vouching.

When a go-between carries the introduction but the owner's own tie to the
target was built once and has faded, the reasons say so: reviving it lets the
owner make the introduction without asking a favour. So do they for a slighter
tie to a target the owner has met 1-to-1, in a meeting or on a call: following
up with them asks nobody a favour either.

An introduction vouches both ways, so a target whose character the owner rated
at or below ``ask.character_gate`` is named in the reasons, and no revival of
a faded tie is advised to reach them; the verdict stays about the two
relationships.

When the owner's best path within the go-between limit is missing or weak but
a longer chain (up to ``path.max_hops``) is stronger and strong enough to
carry an introduction (``ask.min_path_trust``), the reasons name it:
``refgraph path`` finds it, and the introduction would pass through more
hands than ``ask`` allows; ``longer_path`` holds it.

When every check holds the verdict is ``ready``. The order is
``do_not_vouch``, ``premature``, ``reconnect_first``, ``weak_link``: the
relationship with the asker comes first. Every verdict comes with reasons
built from the same numbers.

Before all of them: when the asker already works with the target (their own
tie meets the bar the owner's tie to the asker must meet, ``ask.min_asker_trust``
and ``ask.min_asker_stage``), nobody needs introducing: the verdict is
``not_needed`` and the first reason says so, and nothing is said of the owner's
own route to the target (``path`` still holds it). A tie between them that was built
once and has faded is described as such: they may reconnect themselves. So is
a request between two members of the owner's chapter (a network with a members
file): fellow members book a 1-to-1 with each other, nobody introduces them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.chapter import left_members
from refgraph.io.collector import collector_paused
from refgraph.io.settings import STAGES
from refgraph.judge.ask_words import (
    asker_target_reason,
    honest_answer,
    introduced_before,
    introduced_reason,
    introduced_step,
    longer_path_reason,
    next_step,
    path_reason,
    premature_step,
    weak_path_reason,
)
from refgraph.judge.do_not_contact import barred_contacts
from refgraph.judge.path_notes import (
    built_and_faded,
    can_be_asked,
    doubted_go_betweens,
    is_detour,
    meets_ask_bar,
)
from refgraph.judge.paths import (
    TrustPath,
    faded_tie,
    faded_tie_facts,
    find_tie,
    have_met,
    same_chapter,
    trust_paths,
)
from refgraph.judge.phrases import ago, join_words, span_phrase
from refgraph.judge.tie_words import describe_tie, own_last_contact
from refgraph.model.network import CHAPTER, Network, require_network
from refgraph.results import Result, format_date, format_trust

_DAY = pd.Timedelta(days=1)


@dataclass(repr=False)
class AskResult(Result):
    """Verdict on a request to be introduced, with reasons and the best path."""

    asker: str
    target: str
    owner: str
    asker_name: str
    target_name: str
    as_of: pd.Timestamp
    verdict: str
    reasons: list[str] = field(default_factory=list)
    path: TrustPath | None = None
    next_step: str | None = None
    asker_trust: float = 0.0
    asker_stage: str | None = None
    asker_silent_days: float | None = None
    asker_character: float | None = None
    longer_path: TrustPath | None = None
    target_character: float | None = None

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the text and HTML views."""
        return (f"{self.asker_name} asks to be introduced to {self.target_name} "
                f"(as of {format_date(self.as_of)})")

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph ask``."""
        return {
            "asker": self.asker,
            "target": self.target,
            "owner": self.owner,
            "as_of": self.as_of,
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "next_step": self.next_step,
            "asker_tie": {"trust": self.asker_trust, "stage": self.asker_stage,
                          "silent_days": self.asker_silent_days},
            "asker_character": self.asker_character,
            "target_character": self.target_character,
            "path": self.path.to_dict() if self.path is not None else None,
            "longer_path": self.longer_path.to_dict() if self.longer_path is not None else None,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row: the verdict, both relationships and the reasons."""
        path = self.path
        return pd.DataFrame([{
            "asker": self.asker, "asker_name": self.asker_name,
            "target": self.target, "target_name": self.target_name,
            "owner": self.owner, "verdict": self.verdict,
            "asker_trust": self.asker_trust, "asker_stage": self.asker_stage or "",
            "path_trust": path.trust if path is not None else None,
            "path": " → ".join(path.names) if path is not None else "",
            "longer_path": " → ".join(self.longer_path.names) if self.longer_path else "",
            "reasons": "; ".join(self.reasons),
            "next_step": self.next_step or "",
        }])


def _rating(network: Network, contact: str, column: str) -> float | None:
    """The owner's 1-5 rating of a contact, or None when not rated."""
    if column not in network.contacts:
        return None
    # Each contact's row, found once per network: comparing every id per rating read
    # costs milliseconds on a big network.
    rows = network.cached(("contact rows",), lambda: dict(zip(
        network.contacts["id"].tolist(), range(len(network.contacts)), strict=True)))
    if contact not in rows:
        return None
    value = pd.to_numeric(network.contacts[column].iloc[rows[contact]], errors="coerce")
    return None if pd.isna(value) else float(value)


def _longer_path(network: Network, owner: str, target: str, asker: str,
                 stamp: pd.Timestamp, best: TrustPath | None) -> TrustPath | None:
    """The strongest chain ``refgraph path`` finds, when it is longer and stronger than ``best``.

    Only a chain strong enough to carry an introduction (``ask.min_path_trust``)
    is worth naming: a longer chain of near-strangers is no better route.
    """
    limit = network.settings.path.max_hops
    if best is not None and len(best.hops) >= limit:
        return None
    found = trust_paths(network, owner, target, k=1, as_of=stamp, avoid=[asker],
                        max_hops=limit).best
    if found is None or found.trust < network.settings.ask.min_path_trust:
        return None
    # Reaching someone you could ask yourself through someone else is no better route.
    if is_detour(network, found, stamp):
        return None
    if best is not None and (len(found.hops) <= len(best.hops) or found.trust <= best.trust):
        return None
    return found


def _passed(network: Network, owner: str, asker: str, tie: pd.Series,
            stamp: pd.Timestamp) -> int:
    """Referrals the owner passed the asker, read only when the tie holds a referral."""
    if not int(tie.get("n_referral", 0) or 0):
        return 0
    flows = network.flows(stamp)
    mine = flows.loc[((flows["source"] == owner) & (flows["target"] == asker)).to_numpy()]
    return int(mine["referrals"].sum())


def ask(
    network: Network,
    asker: str,
    target: str,
    *,
    owner: str | None = None,
    as_of: object = None,
) -> AskResult:
    """Judge a request by ``asker`` to be introduced by the owner to ``target``.

    Parameters
    ----------
    network : Network
        A loaded network.
    asker : str
        Contact id of the person asking for the introduction.
    target : str
        Contact id of the person they want to meet.
    owner : str, optional
        The person asked (default: the network's owner).
    as_of : str, date or Timestamp, optional
        Evaluate the network as of this moment (default: latest interaction).

    Returns
    -------
    AskResult
        ``verdict`` is ``"not_needed"`` (the asker already works with the
        target, or both are members of the owner's chapter), ``"ready"``,
        ``"do_not_vouch"`` (the asker's character is rated at or below
        ``ask.character_gate``), ``"premature"`` (no
        established relationship between owner and asker),
        ``"reconnect_first"`` (it was established but has gone silent for more
        than ``ask.stale_days``) or ``"weak_link"`` (the owner's best path to
        the target is too weak), with ``reasons``, the owner's best ``path``
        and, when a chain longer than the go-between limit is stronger and
        reaches ``ask.min_path_trust``, ``longer_path``.

    Raises
    ------
    ContactNotFoundError
        When an id is not a contact.
    RefgraphError
        When there is no owner, or asker, target and owner are not three
        different people.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "zoe"], "name": ["Me", "Ann", "Zoe"]})
    >>> interactions = pd.DataFrame({
    ...     "date": ["2024-01-05", "2024-02-01", "2024-03-01", "2024-03-02"],
    ...     "source": ["me", "me", "me", "ann"], "target": ["zoe", "zoe", "zoe", "me"],
    ...     "kind": ["one_to_one", "one_to_one", "referral", "card"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> result = ask(net, "ann", "zoe")
    >>> result.verdict
    'premature'
    >>> result.reasons[0]
    'you have had one contact with Ann, today: a card'
    """
    network = require_network(network)
    with collector_paused():  # see refgraph.io.collector
        owner = network.require_owner(owner)
        network.require(asker, role="asker")
        network.require(target, role="target")
        if asker == target:
            raise RefgraphError("asker and target are the same person: no introduction is needed")
        if target == owner:
            raise RefgraphError(f"the target {target!r} is the owner: the asker can speak to you "
                                "directly, no introduction is needed")
        if asker == owner:
            raise RefgraphError(f"the asker {asker!r} is the owner: use `refgraph path` for your "
                                "own routes to the target")
        settings = network.settings.ask
        stamp = network.resolve_as_of(as_of)
        asker_name, target_name = network.name_of(asker), network.name_of(target)
        reasons: list[str] = []

        # 0. Character first: the owner's name goes behind the asker's.
        character = _rating(network, asker, "character")
        gated = character is not None and character <= settings.character_gate
        if gated:
            reasons.append(f"you rated {asker_name}'s character {character:g}/5: never vouch for "
                           "someone whose character you doubt, however well you know them")

        # 1. The owner's relationship with the asker.
        tie = find_tie(network, owner, asker, as_of=stamp)
        premature, stale = True, False
        asker_trust, asker_stage, silent = 0.0, None, None
        step = None  # the one thing to do next, when there is one
        if tie is None:
            said = (f"you have no recorded contact with {asker_name}: asking a stranger for an "
                    "introduction is premature solicitation")
            if not gated:
                _, then, step = premature_step(None, asker_name)
                said += f"; {then}"
            reasons.append(said)
        else:
            asker_trust, asker_stage = float(tie["trust"]), str(tie["stage"])
            # Whole days, as "N days ago" says them.
            silent = None if pd.isna(tie["silent_days"]) else float(np.floor(tie["silent_days"]))
            reasons.append("you have had " + describe_tie(tie, asker_name, stamp,
                                                          network=network))
            built = STAGES.index(str(tie["earned_stage"])) >= STAGES.index(settings.min_asker_stage)
            stale = built and silent is not None and silent > settings.stale_days
            shortfalls = []
            if asker_trust < settings.min_asker_trust:
                shortfalls.append(f"trust {format_trust(asker_trust, 2)} is below the "
                                  f"{format_trust(settings.min_asker_trust, 2)} needed")
            if STAGES.index(asker_stage) < STAGES.index(settings.min_asker_stage):
                shortfalls.append(f"the tie is at the {asker_stage} stage, not yet "
                                  f"{settings.min_asker_stage}")
            # A fellow member sits in the room every week: while the tie still meets the
            # bar, that keeps it current, as nurture still sends them a referral.
            fellow = (stale and not shortfalls
                      and same_chapter(network, owner, asker, stamp))
            stale = stale and not fellow
            premature = bool(shortfalls) and not stale
            # With the character gate shut, reviving or building the relationship
            # would not lead to vouching: state the facts without that advice.
            if stale:
                limit = span_phrase(settings.stale_days)
                advice = ("; it has faded too" if gated
                          else ": reconnect before vouching for them")
                step = None if gated else f"reconnect with {asker_name} before vouching for them"
                # Events and emails since do not revive it; say so, or "the last 3 weeks
                # ago" above reads as a contradiction of "no contact for 7 months".
                # The last contact said above: chapter meetings sat in together are none.
                last = own_last_contact(network, tie, stamp)
                since = np.inf if last is None else float(np.floor((stamp - last) / _DAY))
                lately = f" and your last contact was {ago(since)}," if since < silent else ""
                reasons.append(f"the relationship was built ({tie['earned_stage']}){lately} but "
                               f"you have had no substantive contact (a one-to-one, call, "
                               f"referral, introduction or business) with {asker_name} for "
                               f"{span_phrase(silent)}, more than the {limit} after which it "
                               f"fades (now trust {format_trust(asker_trust, 2)}, "
                               f"{asker_stage}){advice}")
            elif premature and gated:
                reasons.append("nor is it an established relationship: "
                               + join_words(shortfalls))
            elif premature:
                # The next rung of the relationship, from what the two have done together.
                lack, then, step = premature_step(tie, asker_name,
                                                  _passed(network, owner, asker, tie, stamp),
                                                  settings.stale_days)
                reasons.append("not yet an established relationship: " + join_words(shortfalls)
                               + f"; {lack}: {then}")
            elif gated:  # the relationship is there, but character comes first
                reasons.append("an established relationship (trust "
                               f"{format_trust(asker_trust, 2)}, {asker_stage}), but knowing "
                               f"{asker_name} well does not outweigh your doubts about their "
                               "character")
            elif fellow:
                reasons.append("an established relationship (trust "
                               f"{format_trust(asker_trust, 2)}, {asker_stage}): you can vouch "
                               f"for {asker_name}, a fellow member of your chapter whose "
                               "business you hear about every week, though you have had no "
                               "one-to-one, call, referral, introduction or business with them "
                               f"for {span_phrase(silent)}")
            else:
                reasons.append("an established relationship (trust "
                               f"{format_trust(asker_trust, 2)}, {asker_stage}): you can vouch "
                               f"for {asker_name}")

        # Character opens the door; an introduction is still heard as a word for the
        # asker's work, so a low rating of it is said (the verdict stays character's).
        competency = _rating(network, asker, "competency")
        # The asker may already know the target: then no introduction is needed (see 3),
        # and nothing is said of how the target would take one.
        direct = find_tie(network, asker, target, as_of=stamp)
        # Nobody is introduced to, or told to get in touch with, someone who has died or
        # asked not to be contacted: the asker's tie to them is told as facts alone.
        barred = barred_contacts(network).get(target)
        works = direct is not None and meets_ask_bar(direct["trust"], direct["stage"], settings)
        works_with = works and barred is None
        # Fellow members of a chapter meet every week: they book a 1-to-1, nobody introduces.
        members = (not works and barred is None
                   and same_chapter(network, asker, target, stamp))
        # A tie the asker built with the target once and let fade is theirs to revive.
        revives = (direct is not None and not works and barred is None
                   and built_and_faded(str(direct["earned_stage"]), str(direct["stage"]),
                                       settings))
        if (not gated and not (works_with or members) and competency is not None
                and competency <= network.settings.refer.competency_gate):
            reasons.append(f"you rated {asker_name}'s competency {competency:g}/5: "
                           f"{target_name} will take the introduction as a word for "
                           f"{asker_name}'s work, so say what you can vouch for and what "
                           "you cannot")

        # A chapter's former member: what the owner knows of them is from before.
        chapter = network.kept(CHAPTER)
        gone = left_members(chapter, stamp) if chapter is not None else pd.Series(dtype=object)
        if asker in gone.index:
            reasons.append(f"{asker_name} left the chapter in {gone[asker]:%B %Y}")

        # 2. The owner's own path to the target, never through the asker. Said only
        # when an introduction is needed (see 3).
        route: list[str] = []
        paths = trust_paths(network, owner, target, k=5, as_of=stamp, avoid=[asker],
                            max_hops=settings.max_go_betweens + 1)
        # Paths are ranked with a cost per go-between: a direct tie too weak to carry
        # the introduction gives way to the best-ranked path that can, and a go-between
        # whose character you doubt to one you trust.
        carrying = [path for path in paths.paths if path.trust >= settings.min_path_trust]
        trusted = [path for path in carrying if not doubted_go_betweens(network, path)]
        # ... and a go-between who knows you well enough to be asked, to one who does not.
        askable = [path for path in trusted if can_be_asked(path, settings)]
        # A fellow member of your chapter you can carry it to yourself: you sit with them
        # every week, and asking someone else to introduce them is a favour for nothing.
        if same_chapter(network, owner, target, stamp):
            own = trust_paths(network, owner, target, k=1, as_of=stamp, max_hops=1).best
            if own is not None and own.trust >= settings.min_path_trust:
                askable = [own]
        best = next(iter(askable or trusted or carrying), paths.best)
        doubted_via = {} if best is None else doubted_go_betweens(network, best)
        weak = True
        if best is None:
            route.append(f"you have no chain of at most {paths.max_hops} relationships to "
                           f"{target_name}: you cannot carry this introduction")
        elif best.trust < settings.min_path_trust:
            route.append(weak_path_reason(best, target_name, settings.min_path_trust))
        else:
            weak = bool(doubted_via)  # an introduction carried on a doubted name is weak too
            route.append(path_reason(best, target_name))
            first = best.hops[0]
            if not can_be_asked(best, settings):
                # Asking the go-between a favour is itself a solicitation, as `path` says.
                weak = True
                route.append(f"but your own tie to {first.target_name} is only at "
                               f"{first.stage} (trust {format_trust(first.trust, 2)}): build it "
                               f"before asking {first.target_name} a favour")
        if doubted_via:
            rated = join_words([f"{network.name_of(contact)}'s character {rating:g}/5"
                                for contact, rating in doubted_via.items()])
            route.append(f"you rated {rated}: never ask a favour of someone whose character "
                           "you doubt, nor let their word carry the introduction")
        if target in gone.index:
            route.append(f"{target_name} left the chapter in {gone[target]:%B %Y}")
        # An introduction vouches both ways: the asker trusts your judgement of the target.
        target_character = _rating(network, target, "character")
        doubted = target_character is not None and target_character <= settings.character_gate
        if doubted:
            route.append(f"you rated {target_name}'s character {target_character:g}/5: an "
                           f"introduction puts your name behind {target_name} too, so think "
                           f"twice before introducing {asker_name} to someone whose character "
                           "you doubt")
        # Nobody is introduced to someone who has died or asked not to be contacted, and
        # no tie to them is to be revived: say so first, and no advice follows.
        if barred is not None:
            weak, doubted = True, True
            route.insert(0, f"you tagged {target_name} {barred!r}: not someone to introduce "
                            "anyone to")
        # Made once already: a second introduction is not the next step, asking how the
        # first went is (or, when they have been in touch since, nothing of yours).
        before = introduced_before(network, owner, asker, target, stamp)
        if revives and not (weak or premature or stale or gated or doubted):
            # They worked together once: a call from them needs nobody's introduction.
            step = f"{asker_name} may reconnect with {target_name} directly rather than through you"
        elif not (weak or premature or stale or gated or doubted or before is not None) \
                and best is not None:
            # Ready: say the one thing to do, as `path` names whom to ask.
            step = next_step(best, asker_name, target_name)
            route[0] += ": " + step
        honest = False
        if weak and not doubted:  # never advise reviving a tie to someone you doubt, to use it
            # The target first: reviving your own tie is the shortest route.
            first_hops = [target] + ([best.nodes[1]] if best is not None
                                     and best.nodes[1] not in doubted_via else [])
            for contact in dict.fromkeys(first_hops):
                faded = faded_tie(network, owner, contact, as_of=stamp)
                if faded is not None:
                    route.append(f"{faded}, then make the introduction")
                    break
            else:  # nothing to revive: unless a longer chain can carry it, say so honestly
                # (to an asker you can vouch for: the others hear about that first)
                honest = (best is None or best.trust < settings.min_path_trust) and not (
                    premature or stale or gated)
        elif not weak and best is not None and len(best.hops) > 1 and not (doubted or gated):
            # A go-between can carry it, but a tie of your own to revive needs no favour.
            # Said as for later while the asker is not yet someone to vouch for.
            yourself = (f"you can introduce {asker_name} yourself" if not (premature or stale)
                        else f"once you can vouch for {asker_name}, you could introduce them "
                             "yourself")
            faded = faded_tie_facts(network, owner, target, as_of=stamp)
            own = find_tie(network, owner, target, as_of=stamp)
            if faded is not None:
                route.append(f"{faded}: reconnect with {target_name} and {yourself}, rather "
                               f"than through {join_words(best.via)}")
            elif own is not None and have_met(own):
                # As `path` says: nobody introduces you to someone you have met yourself.
                late = (stamp - own["last_contact"]) / _DAY > settings.stale_days
                route.append(f"you have met {target_name} yourself ("
                               + describe_tie(own, target_name, stamp, network=network)
                               + f"): {'reconnect' if late else 'follow up'} with {target_name} "
                               f"and {yourself}, rather than through {join_words(best.via)}")
        longer = (_longer_path(network, owner, target, asker, stamp, best)
                  if weak and barred is None else None)
        if longer is not None:
            route.append(longer_path_reason(longer, target_name, settings.max_go_betweens))
        elif honest:
            route.append(honest_answer(best, asker_name, target_name, settings))

        # 3. The asker may already know the target: then no introduction is needed.
        said = None if direct is None else asker_target_reason(
            network, direct, asker_name, target_name, stamp, works=works,
            advise=barred is None)
        # A tie the asker built with the target once is their shortest way back, and
        # comes before any route of yours: "you knew her yourself; call her".
        theirs = said is not None and not works_with and STAGES.index(
            str(direct["earned_stage"])) >= STAGES.index(settings.min_asker_stage)
        if before is not None and not (works_with or members):
            # Later than the day of the introduction: cards swapped as it was made are
            # part of it, not being in touch since.
            in_touch = direct is not None and (direct["last_contact"].floor("D")
                                               > before.floor("D"))
            reasons.append(introduced_reason(asker_name, target_name, before, stamp, in_touch))
            if not (weak or premature or stale or gated or doubted):
                step = introduced_step(asker_name, target_name, in_touch)
        if theirs:
            reasons.append(said)
        if not (works_with or members):  # the owner's route matters only to an introduction
            reasons.extend(route)
        if works_with:
            reasons.insert(0, said)
        elif said is not None and not theirs:
            reasons.append(said)
        # Someone tagged as not to be contacted who asks anyway: the tag may be wrong.
        tag = barred_contacts(network).get(asker)
        if tag is not None:
            reasons.insert(1 if works_with else 0,
                           f"you tagged {asker_name} {tag!r}, not someone to get in touch "
                           "with: check that tag before you answer them")
        if members:
            reasons.insert(0, f"{asker_name} and {target_name} are in the same chapter, no "
                              f"introduction is needed: {asker_name} can book a 1-to-1 with "
                              f"{target_name} directly")

        verdict = ("not_needed" if works_with or members else "do_not_vouch" if gated
                   else "premature" if premature else "reconnect_first" if stale
                   else "weak_link" if weak else "ready")
        if works_with or members:
            step = (f"{asker_name} can book a 1-to-1 with {target_name} directly" if members
                    else f"{asker_name} can get in touch with {target_name} directly")
        elif verdict not in ("ready", "premature", "reconnect_first"):
            step = None  # the reasons weigh what can be done: no one step to name
        return AskResult(asker=asker, target=target, owner=owner, asker_name=asker_name,
                         target_name=target_name, as_of=stamp, verdict=verdict, reasons=reasons,
                         path=best, next_step=step, asker_trust=asker_trust,
                         asker_stage=asker_stage, asker_silent_days=silent,
                         asker_character=character, longer_path=longer,
                         target_character=target_character)
