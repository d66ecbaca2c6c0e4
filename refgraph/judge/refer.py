"""Referral scoring: whom would I actually refer for this trigger situation.

A referral needs a trigger, a fit, credibility and good will. A *trigger* is
free text ("two friends were just made redundant"); :func:`refer` ranks the
owner's contacts for it with five parts, each in [0, 1]::

    score = weight_fit          * fit
          + weight_relationship * relationship
          + weight_credibility  * credibility
          + weight_goodwill     * goodwill
          + weight_recency      * recency

(weights in :class:`refgraph.io.settings.ReferSettings`; they sum to 1 by
default, so the score is in [0, 1]).

How each part is computed:

* **fit**: the needs the trigger describes and each contact's evidence for
  them, :mod:`refgraph.judge.fit` (needs in :mod:`refgraph.judge.needs`, word
  matching in :mod:`refgraph.judge.text_match`);
* **relationship**, **credibility**, **goodwill** and **recency**:
  :mod:`refgraph.judge.parts`.

Every candidate comes with reasons built from the same numbers as the score.

The order is the score's within three rules a networker keeps: those who
really do this (the fit band) come before those who partly do; when nobody
known well fits, someone whose tie once earned credibility and has only gone
quiet (reconnect) and people a trusted contact vouches for (an introduction)
come before strangers; and someone rated low on character or
competency is never in the top places while anyone else fits.

An emergency is no referral: whom to call now, or a doctor to see first,
leads the warnings (:mod:`refgraph.judge.first_calls`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.collector import collector_paused
from refgraph.io.settings import ReferSettings
from refgraph.judge.constraints import named_parties, read_constraints
from refgraph.judge.first_calls import STILL_FIRST, first_calls, first_step_only, referral_after
from refgraph.judge.fit import fit_frame
from refgraph.judge.gaps import missing_parts
from refgraph.judge.needs import NeedMatch, compiled_taxonomy
from refgraph.judge.parts import mixing_share, score_parts
from refgraph.judge.phrases import KIND_NOUNS, ago, count_noun, join_words, span_phrase, times
from refgraph.judge.remarks import praise_rows
from refgraph.judge.story import read_trigger
from refgraph.judge.vouch import cautions, vouchers
from refgraph.model.network import Network, require_network
from refgraph.results import Result

#: The parts of the score, in the order shown.
PARTS: tuple[str, ...] = ("fit", "relationship", "credibility", "goodwill", "recency")
#: The parts of credibility, in the order people weigh them.
CREDIBILITY_PARTS: tuple[str, ...] = ("character", "competency", "used_service", "success")
#: Earned stages of a tie that once carried trust, however quiet it is now.
EARNED_TRUST: tuple[str, ...] = ("credibility", "profitability")


def _span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    days = (last - first).total_seconds() / 86400.0
    return f" over {span_phrase(days)}" if days >= 60 else ""


def _money(value: float) -> str:
    return f"{value:,.0f}"


def _mixed(ranked: pd.DataFrame, serves: pd.Series, matches: list[NeedMatch],
           low: np.ndarray | None = None) -> pd.DataFrame:
    """The ranking with every need of the trigger served before any is served twice.

    "We're buying our first house" wants a mortgage *and* a conveyancer: two
    mortgage brokers before any conveyancer answer half of it. Group by
    group (in the band or not, reachable or not), the best-ranked contact
    who serves a need nobody placed yet serves comes next, the needs the
    trigger names most clearly first, until every need is served; the rest
    keep their rank. Someone who serves several needs serves them all.
    ``serves`` is by contact row, as :func:`refgraph.judge.fit.fit_frame`
    gives it. A need is served by someone not rated ``low`` (by contact row:
    character or competency at the gate) when anyone is: the rated-low are
    kept out of the top places afterwards, and the need they alone served
    would go unanswered there ("sacked for no reason" wants an employment
    lawyer beside the career coach).
    """
    needs_of = serves.to_numpy(dtype=object)[ranked.index.to_numpy()]
    low_of = (np.zeros(len(ranked), dtype=bool) if low is None
              else np.asarray(low, dtype=bool)[ranked.index.to_numpy()])
    if not any(needs_of):
        return ranked
    clearly = {position: match.score for position, match in enumerate(matches)}
    covered: set[int] = set()
    order: list[int] = []
    groups = (ranked["in_band"].astype(int) * 2 + ranked["reachable"].astype(int)).to_numpy()
    for group in dict.fromkeys(groups.tolist()):
        rows = [row for row in range(len(ranked)) if groups[row] == group]
        while True:
            open_needs = {p for row in rows for p in needs_of[row]} - covered
            if not open_needs:
                break
            clearest = max(clearly[p] for p in open_needs)
            wanted = {p for p in open_needs if clearly[p] == clearest}
            serving = [row for row in rows if wanted & set(needs_of[row])]
            row = next((row for row in serving if not low_of[row]), serving[0])
            order.append(row)
            rows.remove(row)
            covered |= set(needs_of[row])
        order += rows
    return ranked.iloc[order]


def _reasons(row: pd.Series) -> list[str]:
    """Human-readable reasons, built from the same numbers as the score."""
    reasons = []
    if row["stage"] == "none":
        reasons.append("no contact with you yet")
    else:
        one_to_ones, total = int(row["n_one_to_one"]), int(row["interactions"])
        counted = count_noun(total, "interaction")
        if one_to_ones:  # the unit of relationship building comes first
            counted = count_noun(one_to_ones, *KIND_NOUNS["one_to_one"]) + (
                f" ({counted})" if total > one_to_ones else "")
        span = _span(row["first_contact"], row["last_contact"]) if total > 1 else ""
        reasons.append(f"{counted}{span}, last {ago(row['days_since_contact'])}")
    gifts = []
    if row["gave_referrals"]:
        gifts.append(f"referred you {times(int(row['gave_referrals']))}")
    if row["gave_business"]:
        worth = f" (worth {_money(row['gave_value'])})" if row["gave_value"] > 0 else ""
        gifts.append(f"gave you business {times(int(row['gave_business']))}{worth}")
    if row["gave_introductions"]:
        made = count_noun(int(row["gave_introductions"]), "introduction")
        gifts.append(f"made {made} for you")
    reasons += gifts
    if row["owner_business"]:
        jobs = count_noun(int(row["owner_business"]), "job")
        reasons.append(f"you used their service ({jobs})")
    for rating in ("character", "competency"):
        raw = row[f"{rating}_rating"]
        reasons.append(f"{rating} {int(raw)}/5" if not pd.isna(raw)
                       else f"{rating} not rated (counted as neutral)")
    received = round(row["referrals_received"])
    if received >= 1:
        reasons.append(f"received about {count_noun(received, 'recent referral')} in the network")
    if row["centrality"] >= 0.9:
        reasons.append(f"well connected (top {max(1, round(100 * (1 - row['centrality'])))}%)")
    served: dict[tuple[str, str], list[str]] = {}  # the same words may serve several needs
    for item in row["fits"]:
        if item["need"] is not None:
            served.setdefault((item["found"], item["field"]), []).append(item["need"])
    for (found, field_name), needs in served.items():
        where = "" if field_name == "profession" else f", in {field_name}"
        reasons.append(f"fits: {join_words(needs)} ({found}{where})")
    for item in row["fits"]:
        if item["need"] is None and item["field"] == "words":
            reasons.append(f"their own words match the trigger's: {item['found']}")
        elif item["need"] is None:
            where = "" if item["field"] == "profession" else f", in {item['field']}"
            reasons.append(f"named in the trigger: {item['found']}{where}")
    return reasons


def _cautions(row: pd.Series, unknown: list[str], options: ReferSettings) -> list[str]:
    said = cautions(row, options)
    if row["degree"] == 2:
        said = [c for c in said if not c.startswith("no relationship")]
        said.insert(0, "you do not know them well: ask for an introduction through "
                    + join_words([v["name"] for v in row["vouched_by"]]))
    said += [f"{what} not recorded — could not check" for what in unknown]
    return said


def _second_degree(network: Network, stamp: pd.Timestamp, frame: pd.DataFrame,
                   eligible: np.ndarray, options: ReferSettings, warnings: list[str]) -> None:
    """Route weakly tied candidates through the owner's trusted contacts who vouch for them.

    A vouched candidate's relationship part becomes the route's trust when
    that is higher than their own tie; ``degree`` becomes 2 and
    ``vouched_by`` lists who vouches and how.
    """
    ids = pd.Index(frame["id"])
    relationship = pd.Series(frame["relationship"].to_numpy(), index=ids)
    weak = eligible & (frame["relationship"].to_numpy() < options.trusted_relationship)
    table = vouchers(network, stamp, relationship, ids[weak], options)
    if table.empty:
        return
    names = pd.Series(frame["name"].to_numpy(), index=ids)
    best = table.drop_duplicates("candidate")
    best = best[best["route_trust"].to_numpy()
                > relationship.reindex(best["candidate"]).to_numpy()]
    for candidate, group in table[table["candidate"].isin(best["candidate"])].groupby(
            "candidate", sort=False):
        row = ids.get_loc(candidate)
        frame.at[row, "relationship"] = float(group["route_trust"].iloc[0])
        frame.at[row, "degree"] = 2
        frame.at[row, "vouched_by"] = [
            {"id": v, "name": str(names[v]), "how": how}
            for v, how in zip(group["voucher"], group["how"], strict=True)]
    if not best.empty:
        top = best.sort_values("route_trust", ascending=False, kind="stable").iloc[0]
        warnings.append(f"best route: {names[top['voucher']]} vouches for "
                        f"{names[top['candidate']]} ({top['how']})")


# --------------------------------------------------------------------------- result


@dataclass
class ReferResult(Result):
    """Ranked referral candidates for a trigger, each with its score parts and reasons.

    Attributes
    ----------
    trigger : str
        The situation.
    owner : str
        Whose network was searched.
    as_of : Timestamp
        The moment the network was evaluated at.
    needs : list of NeedMatch
        Situations recognised in the trigger.
    candidates : DataFrame
        One row per candidate, best first: ``id``, ``name``, ``score``,
        ``stage``, ``profession``, the parts, the credibility parts,
        ``fits``, ``reasons``, ``degree`` (1, or 2 for someone reached through
        a voucher), ``cautions`` and ``vouched_by``.
    weights : dict
        The weight of each part: ``score == sum(weights[p] * part[p])``, times
        ``refer.unknown_constraint_factor`` when the data cannot tell whether
        the candidate meets what the trigger asks (gender, place).
    warnings : list of str
        What the answer as a whole should be read with ("nobody you know well
        does this").
    emergency : bool
        The trigger tells an emergency under way that leaves nothing to refer
        for ("my dad is having a heart attack"): the first warning says whom
        to call, and nobody is listed.
    remark : bool
        The trigger is praise or thanks with no need told beside it ("our new
        manager is a breath of fresh air"): nobody is listed, and nothing is
        missing from the network.
    first_step_only : bool
        Nobody is listed and the first warnings are the whole answer: the
        trigger wants a first step no trade takes (a GP to see for a lump,
        the police to tell of a theft, a parking fine to appeal or pay), so
        nothing is missing from the network.
    """

    trigger: str
    owner: str
    as_of: pd.Timestamp
    needs: list[NeedMatch]
    candidates: pd.DataFrame
    weights: dict[str, float]
    title: str = "Who to refer"
    warnings: list[str] = field(default_factory=list)
    emergency: bool = False
    remark: bool = False
    first_step_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph refer``."""
        candidates = []
        for row in self.candidates.itertuples(index=False):
            record = row._asdict()
            candidates.append({
                "id": record["id"],
                "name": record["name"],
                "score": record["score"],
                "stage": record["stage"],
                "profession": record["profession"],
                "parts": {part: record[part] for part in PARTS},
                "credibility_parts": {part: record[part] for part in CREDIBILITY_PARTS},
                "fits": [dict(item) for item in record["fits"]],
                "reasons": list(record["reasons"]),
                "degree": int(record["degree"]),
                "cautions": list(record["cautions"]),
                "vouched_by": [dict(item) for item in record["vouched_by"]],
            })
        return {
            "trigger": self.trigger,
            "owner": self.owner,
            "as_of": self.as_of,
            "weights": dict(self.weights),
            "needs": [need.to_dict() for need in self.needs],
            "warnings": list(self.warnings),
            "emergency": bool(self.emergency),
            "remark": bool(self.remark),
            "first_step_only": bool(self.first_step_only),
            "candidates": candidates,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate: id, name, score, stage, profession, parts, reasons."""
        columns = ["id", "name", "score", "stage", "profession", *PARTS]
        frame = self.candidates.reindex(columns=columns).copy()
        frame["reasons"] = [
            "; ".join(r) for r in self.candidates.get("reasons", pd.Series(dtype=object))
        ]
        return frame.reset_index(drop=True)



def refer(network: Network, trigger: str, *, owner: str | None = None, as_of: object = None,
          top: int | None = None) -> ReferResult:
    """Rank the people the owner could refer for a trigger situation.

    Ranks the owner's contacts by fit, relationship, credibility, good will and
    recency (see :mod:`refgraph.judge.fit` and :mod:`refgraph.judge.parts` for
    every formula). Contacts whose fit is below ``settings.refer.min_fit`` are
    never listed; the owner never is.

    Parameters
    ----------
    network : Network
        The network.
    trigger : str
        The situation, in free text ("two friends were just made redundant",
        "a client asked me for a good web designer").
    owner : str, optional
        Whose network to search; defaults to ``network.owner``.
    as_of : str, date or Timestamp, optional
        Evaluate as of this moment (later interactions do not count); defaults
        to the latest interaction.
    top : int, optional
        How many candidates to list; defaults to ``settings.refer.top``.

    Returns
    -------
    ReferResult
        Candidates best first, each with its parts and reasons, and the needs
        recognised in the trigger.

    Raises
    ------
    RefgraphError
        When no owner is set, the owner is not a contact, the trigger is empty,
        ``top`` is below 1 or ``as_of`` is not a date.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"],
    ...     "profession": ["Consultant", "Web designer", "Interior designer"],
    ...     "character": [None, 5, 4]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05", "2024-03-01", "2024-03-02"],
    ...     "source": ["me", "ann", "me"], "target": ["ann", "me", "bob"],
    ...     "kind": ["one_to_one", "referral", "one_to_one"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> result = refer(net, "a client asked me for a good web designer")
    >>> [(c["id"], c["stage"]) for c in result.to_dict()["candidates"]]
    [('ann', 'profitability')]
    >>> result.to_dict()["candidates"][0]["reasons"][:2]
    ['one one-to-one (2 interactions), last yesterday', 'referred you once']
    """
    network = require_network(network)
    with collector_paused():  # see refgraph.io.collector
        settings = network.settings
        options = settings.refer
        owner_id = network.require_owner(owner)
        stamp = network.resolve_as_of(as_of)
        limit = options.top if top is None else top
        if isinstance(limit, bool) or not isinstance(limit, int | np.integer) or limit < 1:
            raise RefgraphError(f"top must be a whole number of at least 1, got {limit!r}")

        fits, matches = fit_frame(network, trigger, settings=settings)
        parts = score_parts(network, owner_id, stamp, options)
        contacts = network.contacts
        frame = parts.reset_index(drop=True)
        frame.insert(0, "id", contacts["id"].to_numpy(dtype=object))
        frame.insert(1, "name", contacts["name"].to_numpy(dtype=object))
        frame["profession"] = (contacts["profession"].to_numpy(dtype=object)
                               if "profession" in contacts else "")
        frame["character_rating"] = contacts["character"].astype("Float64").to_numpy(
            dtype=float, na_value=np.nan)
        frame["competency_rating"] = contacts["competency"].astype("Float64").to_numpy(
            dtype=float, na_value=np.nan)
        frame["fit"] = fits["fit"].to_numpy()
        frame["fits"] = fits["fits"].to_numpy()

        weights = {part: float(getattr(options, f"weight_{part}")) for part in PARTS}
        constraints = read_constraints(network, trigger)
        party = named_parties(network, trigger)
        fitting = fits["listed"].to_numpy() & (frame["id"] != owner_id).to_numpy() & ~party
        # The specialist band: those who really do this, judged before gender or
        # place leave anyone out, so "a plumber in Leeds" never becomes "a
        # gardener in Leeds".
        fit = frame["fit"].to_numpy()
        band = fitting & (fit >= options.fit_band * (fit[fitting].max() if fitting.any() else 0.0))
        eligible = fitting & ~constraints.excluded
        warnings = list(constraints.warnings) + constraints.summary(band)
        if constraints.by_requirement:  # asked, and checked against the data
            if fitting.any() and not (eligible & band).any():
                warnings.append("nobody who does this meets what the trigger asks for")
            eligible &= band
        names = frame["name"].astype(str).to_numpy()
        refused = fits["refused"].to_numpy()
        # The owner is never a candidate, but doing it yourself is no gap in the network.
        yours = fits["listed"].to_numpy() & (frame["id"] == owner_id).to_numpy()
        if yours.any():
            trade = str(frame["profession"].to_numpy()[yours][0] or "").strip()
            others = "others who do are listed" if fitting.any() else "nobody else you know does"
            warnings.insert(0, f"you offer this yourself{f' ({trade})' if trade else ''}: "
                            f"{others}")
        for trade in dict.fromkeys(t for t in refused if t):
            count = int((refused == trade).sum())
            article = "an" if trade[0] in "aeiou" else "a"
            warnings.append(f"the trigger does not want {article} {trade}: left out {count} who "
                            f"{'is' if count == 1 else 'are'} one")
        if party.any():
            warnings.append(f"{join_words(list(names[party]))}: named in the trigger, so the "
                            "party in need, not a candidate")
        # Missing ratings are neutral: NaN never passes a gate.
        gated = ((np.nan_to_num(frame["character_rating"].to_numpy(), nan=99)
                  <= options.character_gate)
                 | (np.nan_to_num(frame["competency_rating"].to_numpy(), nan=99)
                    <= options.competency_gate))
        frame["degree"] = 1
        frame["vouched_by"] = [()] * len(frame)  # filled for vouched candidates only
        trusted_fit = eligible & band & ~gated & (frame["relationship"].to_numpy()
                                                  >= options.trusted_relationship)
        # A tie that earned credibility and only went quiet is still a
        # relationship: reconnecting with someone who knows you beats an
        # introduction to a stranger (farming, not hunting).
        gone_quiet = np.zeros(len(frame), dtype=bool)
        if eligible.any() and not trusted_fit.any():
            gone_quiet = eligible & band & ~gated & np.isin(
                frame["earned_stage"].to_numpy(dtype=object), EARNED_TRUST)
            known_but_rated_low = eligible & band & gated & (
                frame["relationship"].to_numpy() >= options.trusted_relationship)
            if gone_quiet.any():
                warnings.append(
                    f"you knew {join_words(list(names[gone_quiet][:3]))} well, but the tie "
                    "has gone quiet: reconnect before you refer")
            elif known_but_rated_low.any():
                warnings.append(
                    f"you know {join_words(list(names[known_but_rated_low][:3]))} well but "
                    "rate them low on character or competency: ask a trusted contact for an "
                    "introduction rather than referring them")
            else:
                warnings.append("nobody you know well does this: ask a trusted contact for "
                                "an introduction rather than referring a stranger")
            _second_degree(network, stamp, frame, eligible & band, options, warnings)
        unknown = np.zeros(len(frame), dtype=bool)
        unknown[list(constraints.unknown)] = True
        factor = np.where(unknown, mixing_share(options.unknown_constraint_factor), 1.0)
        frame["score"] = factor * sum(weights[part] * frame[part].to_numpy() for part in PARTS)
        frame["in_band"] = band
        # When nobody you know well does this, a tie to reconnect with or an
        # introduction through someone who vouches beats a stranger: those
        # lead the band, by score.
        frame["reachable"] = gone_quiet | (frame["degree"].to_numpy() == 2)
        ranked = frame[eligible].sort_values(["in_band", "reachable", "score", "fit", "id"],
                                             ascending=[False, False, False, False, True],
                                             kind="stable")
        ranked = _mixed(ranked, fits["serves"], matches, gated)
        # Character first (and competency): someone rated low on either is never in
        # the top places while anyone else fits.
        low = gated[ranked.index.to_numpy()]
        keep_up = np.zeros(len(ranked), dtype=bool)
        keep_up[np.flatnonzero(~low)[:max(int(options.gate_places), 0)]] = True
        chosen = ranked.iloc[np.argsort(~keep_up, kind="stable")].head(int(limit))
        chosen = chosen.assign(
            reasons=[_reasons(row) for _, row in chosen.iterrows()],
            cautions=[_cautions(row, constraints.unknown.get(i, []), options)
                      for i, row in chosen.iterrows()])
        # A part of the situation nobody listed serves (a care home's fees) is said.
        if not chosen.empty:
            warnings += missing_parts(matches, chosen["fits"])
        # An emergency is no referral, and a doctor comes before some: said
        # first. An emergency that leaves nothing to refer for lists nobody.
        parsed = read_trigger(trigger, options, compiled_taxonomy(settings).lexicon)
        after = referral_after(parsed)
        calls = first_calls(
            parsed, [m.name for m in matches if m.matched_by == "keywords"
                     and (not m.occasion or m.name in STILL_FIRST)],
            listed=not chosen.empty and after, region=settings.imports.default_region)
        warnings[:0] = calls
        emergency = not after
        if emergency:
            # The call is the whole answer: no situation to serve, nobody listed.
            chosen, warnings, matches = chosen.iloc[:0], warnings[:1], []
        # Praise or thanks with no need beside it: nothing was asked, so nothing is missing.
        remark = (not emergency and chosen.empty and not matches
                  and bool(praise_rows(parsed.tokens).any()))
        # A GP to see, the police to tell, a fine to appeal: nothing missing to ask about.
        step_only = (not emergency and not remark and chosen.empty
                     and first_step_only(calls, [m.name for m in matches if not m.occasion]))
        columns = ["id", "name", "score", "stage", "profession", *PARTS, *CREDIBILITY_PARTS,
                   "fits", "reasons", "degree", "cautions", "vouched_by"]
        return ReferResult(
            trigger=trigger.strip(),
            owner=owner_id,
            as_of=stamp,
            needs=matches,
            candidates=chosen[columns].reset_index(drop=True),
            weights=weights,
            warnings=warnings,
            emergency=emergency,
            remark=remark,
            first_step_only=step_only,
        )


__all__ = [
    "CREDIBILITY_PARTS",
    "PARTS",
    "ReferResult",
    "refer",
]
