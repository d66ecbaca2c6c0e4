"""Gaps: a part of a situation a networker always raises, left unserved.

"My mum needs a care home" is the care and the power of attorney, and
paying for the home: the fees are what families worry about most, and a
specialist (a later-life or care fees adviser) plans them. A network whose
only answer is the will writer's power of attorney leaves that part out,
and a networker would say so rather than leave it unsaid: "nobody you know
plans paying for care: ask a financial adviser you trust to introduce a
later-life specialist". :func:`missing_parts` finds such gaps among the
people listed; :func:`refgraph.judge.refer.refer` adds them to its warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from refgraph.judge.taxonomy import NeedMatch

#: Situations with a part that must not go unsaid: the words of the trades
#: that serve it (as a fit's phrase holds them), and what to say when nobody
#: listed does.
KEY_PARTS: dict[str, tuple[tuple[str, ...], str]] = {
    "elder care": (("care fees", "care funding", "later life"),
                   "nobody you know plans paying for care: ask a financial adviser you trust "
                   "to introduce a later-life (care fees) specialist"),
}


def missing_parts(needs: Iterable[NeedMatch],
                  listed_fits: Iterable[Iterable[Mapping[str, Any]]]) -> list[str]:
    """What to say of each key part (:data:`KEY_PARTS`) nobody listed serves.

    Parameters
    ----------
    needs : iterable of NeedMatch
        The situations recognised in the trigger; only those told by their
        own keywords, not as an occasion, are judged.
    listed_fits : iterable of iterables of mappings
        For each person listed, their fits (each with a ``phrase``), as
        :func:`refgraph.judge.fit.fit_frame` gives them.

    Returns
    -------
    list of str
        One warning per key part left unserved, in the needs' order.

    Examples
    --------
    >>> care = NeedMatch("elder care", 1.0, ("care home",), ("care home",), "keywords")
    >>> missing_parts([care], [[{"phrase": "powers of attorney"}]])[0][:38]
    'nobody you know plans paying for care:'
    >>> missing_parts([care], [[{"phrase": "care fees adviser"}]])
    []
    """
    phrases = {str(item.get("phrase") or "") for fits in listed_fits for item in fits}
    said = []
    for need in needs:
        if need.name not in KEY_PARTS or need.occasion or need.matched_by != "keywords":
            continue
        words, warning = KEY_PARTS[need.name]
        if not any(word in phrase for phrase in phrases for word in words):
            said.append(warning)
    return list(dict.fromkeys(said))


__all__ = ["KEY_PARTS", "missing_parts"]
