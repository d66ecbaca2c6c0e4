"""Court work first: a trader's wrong before the work, a possession before the letting.

"The plumber overcharged us and the boiler still leaks", "the builder
botched our extension": someone let the customer down, and two things are
wanted, in order. First the solicitor who does disputes (the money back, the
cost of the remedy), then a trade to put the work right. The work told
beside the dispute is a step after it: still a need, so its trades are
listed, but weighed as ``refer.need_occasion``, so however well a builder is
known, the dispute leads.

A landlord evicting ("I'm a landlord and want to evict my tenant") needs
possession proceedings, a solicitor's: the tenancy and its letting are the
eviction's occasion, as in "we need to evict a tenant", however well the
letting agent is known.
"""

from __future__ import annotations

from dataclasses import replace

from refgraph.io.settings import ReferSettings
from refgraph.judge.occasions import as_occasion
from refgraph.judge.taxonomy import NeedMatch

__all__ = ["DISPUTE", "EVICTION", "possession_first", "work_after_dispute"]

#: The situation of a consumer let down by a trader (see ``needs.toml``).
DISPUTE = "consumer dispute"
#: A tenant or lodger to be made to leave: a court matter.
EVICTION = "eviction"
#: The landlord's side of a tenancy, an eviction's occasion when one is told.
_TENANCY = frozenset(("tenant problems", "letting"))


def work_after_dispute(matches: list[NeedMatch], settings: ReferSettings) -> list[NeedMatch]:
    """Needs told beside a consumer dispute, weighed as its steps.

    Parameters
    ----------
    matches : list of NeedMatch
        The situations recognised in a trigger.
    settings : ReferSettings
        ``need_occasion`` is the weight of a step.

    Returns
    -------
    list of NeedMatch
        The same, the other needs' scores times ``need_occasion`` when the
        trigger tells a consumer dispute in words of its own.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> [(m.name, m.score) for m in match_needs("the builder botched our extension")]
    [('consumer dispute', 1.0), ('extension or conversion', 0.5)]
    """
    if not _told(matches, DISPUTE):
        return matches
    return [m if m.name == DISPUTE or m.occasion
            else replace(m, score=m.score * settings.need_occasion) for m in matches]


def possession_first(matches: list[NeedMatch], settings: ReferSettings) -> list[NeedMatch]:
    """A landlord's tenancy and letting, occasions of an eviction told beside them.

    Parameters
    ----------
    matches : list of NeedMatch
        The situations recognised in a trigger.
    settings : ReferSettings
        ``need_occasion`` is the weight of an occasion.

    Returns
    -------
    list of NeedMatch
        The same, the tenancy's situations marked occasions (:func:`as_occasion`)
        when the trigger tells an eviction in words of its own.

    Examples
    --------
    >>> from refgraph.judge.needs import match_needs
    >>> [(m.name, m.occasion) for m in match_needs("I'm a landlord and want to evict my tenant")]
    [('eviction', False), ('tenant problems', True), ('letting', True)]
    """
    if not _told(matches, EVICTION):
        return matches
    return [as_occasion(m, settings) if m.name in _TENANCY and not m.occasion else m
            for m in matches]


def _told(matches: list[NeedMatch], name: str) -> bool:
    """Whether the trigger tells the situation ``name`` in words of its own (not an occasion)."""
    return any(m.name == name and m.matched_by == "keywords" and not m.occasion
               for m in matches)
