"""Particular situations first: a situation told inside a more particular one is its occasion.

"We're moving our office to Leeds" tells an office move (the lease, the
phones and IT), not a family's relocation with its estate agents; "my dad
died and left a mess of paperwork" tells the estate's probate, not a
virtual assistant's filing. :func:`particular_first` marks the general
situation an occasion (it weighs ``refer.need_occasion``) when the more
particular one is recognised by its own keywords beside it;
:mod:`refgraph.judge.needs` applies it when it recognises a trigger's needs.
"""

from __future__ import annotations

from refgraph.io.settings import ReferSettings
from refgraph.judge.occasions import as_occasion
from refgraph.judge.taxonomy import NeedMatch

#: Situations told inside a more particular one: a business moving or
#: relocating is an office move (the lease, the phones and IT), not a
#: family's house move or relocation with its estate agents.
_TOLD_BY_MORE_PARTICULAR: dict[str, frozenset[str]] = {
    "relocation": frozenset(("office move",)),
    "moving house": frozenset(("office move",)),
    # A pregnancy told beside work is a matter of rights at work, and a baby told
    # beside the money or the home it brings (the finances, the cover, a will, a
    # bigger house or car) is why those are wanted: no nursery yet.
    # A daughter still at school who is pregnant, or a pregnancy that makes her
    # sick all the time, wants the GP (or the midwife), no nursery.
    # Stalked or harassed "on Instagram" says where: the police, no social media job.
    "social media": frozenset(("harassment",)),
    # An ex who harasses is the family solicitor's (a non-molestation order).
    "harassment": frozenset(("separation and divorce",)),
    # Knotweed in the garden is the specialist's: "in the garden" says where.
    "gardening": frozenset(("invasive weeds",)),
    # Someone struggling after a death wants support first: the estate waits.
    "bereavement": frozenset(("grief",)),
    # A will fought over goes to court: the litigators, not a will writer.
    "will writing": frozenset(("grief", "will dispute")),
    # A business owed money by its customers chases invoices (credit control
    # is told only beside them); a director's death is the business's to plan.
    "money owed": frozenset(("credit control",)),
    "grief": frozenset(("death of a director",)),
    # A business struggling with its cash flow or its debts says what with: the
    # accountant's (or the insolvency adviser's), not a coach's in general.
    "business struggling": frozenset(("accounting", "debt")),
    # A pregnancy told beside what it brings (the money, the cover, a bigger
    # home, rights at work) is why those are wanted: no midwife's note then.
    "pregnancy": frozenset(("maternity at work", "financial planning", "insurance",
                            "will writing", "mortgage", "property", "vehicles",
                            "teenage pregnancy", "moving house", "childcare", "fertility")),
    # A child who will not sleep is the health visitor's, not insomnia's therapy.
    "counselling": frozenset(("child sleep",)),
    # A return to work after years away is a CV's and a coach's ("back to work
    # after" is also a baby's), no nursery.
    "new baby": frozenset(("maternity at work", "financial planning", "insurance",
                           "will writing", "mortgage", "property", "vehicles",
                           "teenage pregnancy", "medical symptoms", "child sleep",
                           "cv and interviews")),
    # Sacked unfairly is a claim with a short time limit: the employment
    # lawyer first, the next job after.
    "redundancy": frozenset(("treated unfairly at work",)),
    # Staff off sick are the employer's to manage (HR), not a GP's to see.
    "medical symptoms": frozenset(("hr",)),
    "illness": frozenset(("hr",)),
    # A physical pain told beside the sport that caused it is the physio's:
    # the marathon says how, not a personal trainer to hire.
    "fitness": frozenset(("physio",)),
    # The paperwork a death leaves is the estate's: probate first, then perhaps
    # a virtual assistant or a bookkeeper for what is left.
    "admin and paperwork": frozenset(("bereavement",)),
}


#: A country or its language named beside a trip is where the trip goes:
#: "going to Japan for our honeymoon" asks for no translator.
_DESTINATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "translation": (frozenset(("travel",)), frozenset(
        "germany german france french spain spanish italy italian china chinese japan "
        "japanese".split())),
}


def particular_first(matches: list[NeedMatch], settings: ReferSettings) -> list[NeedMatch]:
    """Situations a more particular one recognised beside them tells: occasions.

    So is a situation named only by a place the trip recognised beside it goes to:

    >>> from refgraph.judge.needs import match_needs
    >>> [(m.name, m.occasion) for m in match_needs("we're moving our office to Leeds")]
    [('office move', False), ('relocation', True)]
    >>> [(m.name, m.occasion) for m in match_needs("we're going to Spain on holiday")]
    [('travel', False), ('translation', True)]
    """
    told = {m.name for m in matches if m.matched_by == "keywords" and not m.occasion}

    def destination(m: NeedMatch) -> bool:
        trips, places = _DESTINATIONS.get(m.name, (frozenset(), frozenset()))
        return bool(trips & {n for n in told if n != m.name}) and set(m.matched) <= places

    return [as_occasion(m, settings) if not m.occasion and (
                _TOLD_BY_MORE_PARTICULAR.get(m.name, frozenset()) & told or destination(m))
            else m for m in matches]


__all__ = ["particular_first"]
