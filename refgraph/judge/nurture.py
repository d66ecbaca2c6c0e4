"""Whom to reconnect with this month: the nurture hit list.

A short list of people to call beats a thousand business cards. Each of the
owner's relationships gets a **value** (what it is worth keeping) and an
**overdue** measure (how far contact has slipped behind that relationship's
own rhythm); the list is ordered by::

    priority = value * overdue + new_contact_bonus * needs_follow_up

**Value** adds up, with the weights of ``Settings.nurture``:

* ``weight_referral_source * (1 - 0.5 ** n)`` for someone who referred or
  introduced the owner ``n`` times (each further referral adds half as much);
* ``weight_client * (1 - 0.5 ** n)`` for a past client who gave the owner
  business ``n`` times;
* ``weight_partner`` for a tie at the profitability stage (referrals or
  business exchanged either way);
* ``weight_trust * trust`` for the tie itself.

**Overdue** compares the days since the last contact (any kind of interaction
resets it, except sitting in the same chapter meeting:
:func:`refgraph.io.chapter.from_attendance`)
with the relationship's **cadence**: the median gap between the
days the two were in contact, clamped to ``[min_cadence_days,
max_cadence_days]``. Gaps shorter than ``min_cadence_days`` are one episode of
contact (the email that confirms a meeting, the call after it), not a rhythm,
and are left out; a relationship with no longer gap is in touch every
``min_cadence_days``. Someone met only once is due a follow-up after
``follow_up_days``, however long ago that was::

    overdue = clip((days_since - cadence) / cadence, 0, max_overdue)

so it is 0 while contact is on rhythm and counts missed rhythms after that. A
relationship built once that has faded below what ``ask`` vouches on, with no
substantive contact for ``ask.stale_days``, counts its days from the last
substantive contact instead: a message or a like keeps it visible, not credible.

A **new contact** (first met within ``new_contact_days``) whose tie is still at
the visibility stage needs a follow-up and gets ``new_contact_bonus``. People
met only once, longer than ``one_off_forget_days`` ago, who never referred or
gave business, are left out: that relationship never started.

A **connector** (someone who referred or introduced more people in the
owner's network than is usual there: ``beyond = connects - typical``, with
``typical`` the network's median) adds ``weight_connector * (1 - 0.5 **
(beyond / scale))``, ``scale = max(connector_half_people, typical)``, and is
never forgotten once ``beyond`` reaches ``scale``: brokers are worth knowing
even when met once, but in a chapter where every member refers many others,
that alone makes nobody a broker. Someone who has left the owner's chapter
(:func:`refgraph.io.chapter.left_members`) keeps ``former_member_factor`` of
their priority.
A **birthday** within ``birthday_window_days`` adds ``birthday_bonus``; a
referral, introduction or business that was the last contact, within
``new_contact_days``, adds ``thank_bonus``: thank them, or, when it came more
than ``thank_days`` ago, report back on how it went (close the loop). Business a
TYFCB the owner handed in acknowledges (a chapter slip, or a ``business`` row
noted as one: :func:`is_tyfcb_note`) needs neither: read out in the room, the
TYFCB was the thanks.
Someone whose character the owner rated at or below ``character_gate`` keeps
only ``low_character_factor`` of their priority: they stay on the list, below
the people the owner would refer.

Only people with a priority above zero are listed, most urgent first, each
with a suggested action (see :mod:`refgraph.judge.nurture_reasons`) and a
reason built from the same numbers. When fewer than ``fresh_list_min`` need
attention (a freshly imported network: LinkedIn connections, one old
meeting), the forgotten one-offs fill the list up to that many, most recent
first, so there is always a first list; ``explain=True`` lists every relationship left out and
why. Up to ``new_contact_share`` of the
list is kept for new contacts who need a follow-up, so overdue old ties cannot
crowd this month's prospects out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from refgraph.errors import RefgraphError
from refgraph.io.chapter import from_attendance, left_members, members_since
from refgraph.io.collector import collector_paused
from refgraph.io.settings import STAGES
from refgraph.judge.do_not_contact import barred_contacts
from refgraph.judge.nurture_flows import (
    last_given_dates,
    last_sent_kinds,
    last_spoken_dates,
    owner_flows,
    owner_rows,
    people_connected,
    thanked_in_the_room,
)
from refgraph.judge.nurture_reasons import (
    days_to_birthday,
    exclusion_reason,
    nurture_reason,
    suggest_action,
)
from refgraph.model.network import CHAPTER, Network, require_network
from refgraph.results import Result, format_date

_DAY = pd.Timedelta(days=1)


#: Columns of the hit list, in the order of the JSON records and the CSV.
COLUMNS: tuple[str, ...] = (
    "id", "name", "priority", "action", "reason", "value_kind", "stage", "trust", "value",
    "overdue", "last_contact", "days_since", "cadence_days", "contact_days", "first_contact",
    "referrals_received", "introductions_received", "business_received", "business_value",
    "connects", "character", "birthday_in_days", "needs_follow_up",
)

#: Columns of the relationships left out (``explain=True``).
EXCLUDED_COLUMNS: tuple[str, ...] = ("id", "name", "stage", "days_since", "reason")


@dataclass(repr=False)
class NurtureResult(Result):
    """The owner's reconnect hit list, most urgent first.

    Attributes
    ----------
    contacts : DataFrame
        One row per listed person with the columns of :data:`COLUMNS`.
    considered : int
        How many of the owner's relationships were weighed.
    needing : int, optional
        How many of them need attention (priority above 0); the list holds
        at most ``n`` of them.
    excluded : DataFrame, optional
        With ``explain=True``: every relationship weighed but not listed, with
        the columns of :data:`EXCLUDED_COLUMNS`.
    """

    owner: str
    owner_name: str
    as_of: pd.Timestamp
    contacts: pd.DataFrame
    considered: int
    needing: int | None = None
    excluded: pd.DataFrame | None = None

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the text and HTML views."""
        return f"Whom {self.owner_name} should reconnect with, as of {format_date(self.as_of)}"

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph nurture``."""
        out = {"owner": self.owner, "as_of": self.as_of,
               "contacts": self.contacts.to_dict("records")}
        if self.excluded is not None:
            out["excluded"] = self.excluded.to_dict("records")
        return out

    def to_frame(self) -> pd.DataFrame:
        """The hit list as a frame (a copy)."""
        return self.contacts.copy()


def _rhythm(network: Network, owner: str, stamp: pd.Timestamp) -> pd.DataFrame:
    """Per contact of the owner: days in contact, the median gap between episodes, first and last.

    Gaps shorter than ``nurture.min_cadence_days`` fall inside one episode of
    contact and are ignored (NaN median when there is no longer gap). Sitting
    in the same chapter meeting is not contact here
    (:func:`refgraph.io.chapter.from_attendance`).
    """
    interactions = owner_rows(network, owner)
    source = interactions["source"].to_numpy(dtype=object)
    target = interactions["target"].to_numpy(dtype=object)
    mine = (interactions["date"] <= stamp).to_numpy() & ~from_attendance(interactions)
    other = np.where(source[mine] == owner, target[mine], source[mine])
    dates = interactions["date"][mine]
    days = (dates.dt.tz_localize(None).to_numpy()
            .astype("datetime64[D]").astype(np.int64))
    codes, people = pd.factorize(other)
    if len(people) == 0:
        return pd.DataFrame({"contact_days": pd.Series(dtype=np.int64),
                             "median_gap": pd.Series(dtype=float),
                             "personal_first": pd.Series(dtype=dates.dtype),
                             "personal_last": pd.Series(dtype=dates.dtype)})
    span = int(days.max() - days.min()) + 1
    # One key per (person, day): unique keys come back sorted by person, then day.
    keys = np.unique(codes.astype(np.int64) * span + (days - days.min()))
    person, day = keys // span, keys % span
    gap = np.diff(day, prepend=0).astype(float)
    gap[np.r_[True, person[1:] != person[:-1]]] = np.nan  # first day of each person
    gap[gap < network.settings.nurture.min_cadence_days] = np.nan  # same episode
    per_person = pd.DataFrame({"person": person, "gap": gap}).groupby("person")["gap"]
    when = pd.Series(dates.array, index=codes).groupby(level=0)  # no Timestamp per row
    result = pd.DataFrame({"contact_days": per_person.size(),
                           "median_gap": per_person.median(),
                           "personal_first": when.min(), "personal_last": when.max()})
    # What those contacts were, chapter meetings left out: "met once (an event
    # together)" must not count the meetings that were no contact of their own.
    # Counted with one bincount (pandas' crosstab aggregates group by group in Python).
    kind_codes, kind_names = pd.factorize(interactions["kind"].array[mine], sort=True)
    counts = np.bincount(codes * len(kind_names) + kind_codes,
                         minlength=len(people) * len(kind_names))
    kinds = pd.DataFrame(counts.reshape(len(people), len(kind_names)),
                         columns=[f"own_n_{kind}" for kind in kind_names])
    result = result.join(kinds)
    # Introductions the owner made of them: "you introduced them", not "met (an introduction)".
    made = (interactions["kind"].to_numpy(dtype=object)[mine] == "introduction") & (
        source[mine] == owner)
    result["introduced_by_you"] = np.bincount(codes[made], minlength=len(people))[
        result.index.to_numpy()]
    result.index = pd.Index(people[result.index.to_numpy()], name="id")
    return result


def nurture_table(network: Network, *, owner: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """Value, cadence, overdue and priority for every relationship of the owner.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str
        The owner's contact id.
    as_of : Timestamp
        Evaluation moment (already resolved).

    Returns
    -------
    DataFrame
        One row per person the owner has interacted with, indexed by id, with
        the numbers behind :func:`nurture` (``priority`` 0 for people not to list).
    """
    settings = network.settings.nurture
    ties = network.ties(as_of)
    u = ties["u"].to_numpy(dtype=object)
    v = ties["v"].to_numpy(dtype=object)
    mine = (u == owner) | (v == owner)
    table = ties.loc[mine].copy()
    table.index = pd.Index(np.where(u[mine] == owner, v[mine], u[mine]), name="id")
    received, given = owner_flows(network, owner, as_of)
    # The owner's rhythm of contact depends only on the data and the moment: kept
    # on the network, so a second question does not sort a million day keys again.
    rhythm = network.cached(
        ("nurture", "rhythm", owner, as_of, network.settings.nurture.min_cadence_days),
        lambda: _rhythm(network, owner, as_of))
    table = table.join(rhythm)
    table = table.join(received.add_prefix("received_")).join(given.add_prefix("given_"))
    flow_columns = [c for c in table.columns if c.startswith(("received_", "given_"))]
    table[flow_columns] = table[flow_columns].fillna(0)
    # Only seen at chapter meetings: no contact day of their own, no last contact.
    table["contact_days"] = table["contact_days"].fillna(0).astype(np.int64)
    table["last_contact"] = table["personal_last"]

    known_for = ((as_of - table["first_contact"]) / _DAY).to_numpy(dtype=float)
    days_since = ((as_of - table["last_contact"]) / _DAY).to_numpy(dtype=float)
    days_since = np.where(np.isnan(days_since), known_for, days_since)
    stage = table["stage"].to_numpy(dtype=object)
    met_once = table["contact_days"].to_numpy() <= 1
    is_new = known_for <= settings.new_contact_days
    needs_follow_up = is_new & (stage == "visibility")

    median_gap = table["median_gap"].to_numpy(dtype=float)
    cadence = np.clip(np.nan_to_num(median_gap, nan=settings.min_cadence_days),
                      settings.min_cadence_days, settings.max_cadence_days)
    # Met once, however long ago: a follow-up was due after follow_up_days, and
    # stays due until the contact is forgotten (one_off_forget_days).
    cadence = np.where(met_once, settings.follow_up_days, cadence)
    overdue = np.clip((days_since - cadence) / cadence, 0.0, settings.max_overdue)
    # A referral vouches for them: only on a tie `ask` would vouch on (its trust and
    # stage bar); short of it, get to know their business first.
    ask = network.settings.ask
    table["below_vouching_stage"] = ~table["stage"].isin(
        STAGES[STAGES.index(ask.min_asker_stage):]).to_numpy(dtype=bool)
    table["vouchable"] = ((table["trust"] >= ask.min_asker_trust).to_numpy(dtype=bool)
                          & ~table["below_vouching_stage"].to_numpy(dtype=bool))
    # Built once, faded below that bar, and no substantive contact for ask.stale_days:
    # overdue by that silence, as `ask` says reconnect first. A message or a like
    # since keeps the tie visible, not credible.
    silent = table["silent_days"].to_numpy(dtype=float)
    built = table["earned_stage"].isin(STAGES[STAGES.index(ask.min_asker_stage):])
    faded_built = (built.to_numpy(dtype=bool) & ~table["vouchable"].to_numpy(dtype=bool)
                   & (silent > ask.stale_days))
    overdue = np.where(faded_built, np.clip((silent - cadence) / cadence, 0.0,
                                            settings.max_overdue), overdue)
    table["faded_built"] = faded_built

    referred = (table["received_referrals"] + table["received_introductions"]).to_numpy()
    clients = table["received_business"].to_numpy()
    partner = stage == "profitability"
    value = (settings.weight_referral_source * (1 - 0.5 ** referred)
             + settings.weight_client * (1 - 0.5 ** clients)
             + settings.weight_partner * partner
             + settings.weight_trust * table["trust"].to_numpy(dtype=float))
    everyone = people_connected(network, owner, as_of)
    connects = everyone.reindex(table.index).fillna(0).to_numpy()
    # A connector connects more people than the people in your network usually do:
    # in a chapter every member refers 10-30 others, and that makes nobody a broker.
    others = network.contacts["id"].loc[network.contacts["id"] != owner]
    typical = float(np.median(everyone.reindex(others).fillna(0))) if len(others) else 0.0
    scale = max(settings.connector_half_people, typical, 1e-9)
    beyond = np.clip(connects - typical, 0.0, None)
    value = value + settings.weight_connector * (1 - 0.5 ** (beyond / scale))
    connector = beyond >= scale
    forgotten = (met_once & (referred == 0) & (clients == 0) & ~connector
                 & (days_since > settings.one_off_forget_days))
    contacts = network.contacts.set_index("id")
    character = _column(contacts, "character", table.index)
    low_character = character <= settings.character_gate  # NaN (not rated) is neutral
    # A referral vouches for the work too: none for work rated as refer would not refer.
    competency = _column(contacts, "competency", table.index)
    birthday_days = days_to_birthday(
        pd.Series(_column(contacts, "birthday", table.index, numeric=False)), as_of)
    birthday_soon = birthday_days <= settings.birthday_window_days
    # Good will both ways: thank who helped last (nothing since, lately); repay who gave more.
    last_given = pd.to_datetime(last_given_dates(network, owner, as_of).reindex(table.index),
                                utc=True)
    given_days = ((as_of - last_given) / _DAY).to_numpy(dtype=float)
    recent = given_days <= settings.new_contact_days
    # A TYFCB you handed in for their referral (a slip, or a business row noted as one)
    # is your thanks and your report back, read out in the room: nothing is owed for
    # what it acknowledges.
    slip_thanks = pd.to_datetime(thanked_in_the_room(network, owner, as_of)
                                 .reindex(table.index), utc=True)
    acknowledged = (slip_thanks >= last_given).to_numpy(dtype=bool)
    # A call or meeting the day it came is where you thanked them: dates rarely say
    # which came first that day.
    spoken = pd.to_datetime(last_spoken_dates(network, owner, as_of).reindex(table.index),
                            utc=True)
    same_day = (spoken.dt.floor("D") >= last_given.dt.floor("D")).to_numpy(dtype=bool)
    acknowledged = acknowledged | same_day
    thank = (last_given >= table["last_contact"]).to_numpy(dtype=bool) & recent & ~acknowledged
    # What the thanks are for: what they sent that day, not all they ever sent.
    table["last_sent"] = last_sent_kinds(network, owner, as_of).reindex(table.index)
    priority = (value * overdue + settings.new_contact_bonus * needs_follow_up
                + settings.birthday_bonus * birthday_soon + settings.thank_bonus * thank)
    priority = np.where(low_character, settings.low_character_factor * priority, priority)
    # Who has left the owner's chapter (only a network with a members file knows).
    chapter = network.kept(CHAPTER)
    left_chapter = (pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns, UTC]")
                    if chapter is None else left_members(chapter, as_of).reindex(table.index))
    priority = np.where(left_chapter.notna().to_numpy(),
                        settings.former_member_factor * priority, priority)
    member_since = (pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns, UTC]")
                    if chapter is None else members_since(chapter, as_of).reindex(table.index))
    # Tagged as not to be contacted (they died, or asked you not to): never listed,
    # not even as a one-off to fill a fresh list.
    off_limits = table.index.to_series().map(barred_contacts(network))
    barred = off_limits.notna().to_numpy()
    forgotten = forgotten & ~barred
    priority = np.where(forgotten | barred, 0.0, priority)
    table["not_to_contact"] = off_limits

    table["days_since"] = days_since
    table["known_for"] = known_for
    table["cadence_days"] = cadence
    table["overdue"] = overdue
    table["value"] = value
    table["priority"] = priority
    table["needs_follow_up"] = needs_follow_up
    table["connects"] = connects.astype(np.int64)
    table["connector"] = connector
    table["typical_connects"] = typical
    table["left_chapter"] = left_chapter.to_numpy()
    table["member_since"] = member_since.to_numpy()
    table["character"] = character
    table["low_character"] = low_character
    table["competency"] = competency
    table["low_competency"] = competency <= network.settings.refer.competency_gate
    table["birthday_days"] = birthday_days
    table["birthday_soon"] = birthday_soon
    table["forgotten"] = forgotten
    table["one_off"] = False
    table["thank"] = thank
    # No substantive contact for longer than ask.stale_days: the tie has faded, and
    # `ask` would say reconnect before vouching. A referral vouches: call first. Not
    # for a current member of your chapter, whose business you hear about every week.
    table["stale"] = ((table["silent_days"] > network.settings.ask.stale_days)
                      .to_numpy(dtype=bool)
                      & member_since.isna().to_numpy(dtype=bool))
    # Thanks are due within days; weeks later the loop is closed by reporting back.
    table["thank_late"] = thank & (np.floor(given_days) > settings.thank_days)  # whole days
    given_back = (table["given_referrals"] + table["given_business"]).to_numpy()
    table["owes"] = (referred + clients - given_back).clip(min=0)
    table["value_kind"] = np.select(
        [referred > 0, clients > 0, partner, connector, needs_follow_up],
        ["referral source", "client", "partner", "connector", "new contact"], default="contact")
    return table


def _column(contacts: pd.DataFrame, column: str, ids: pd.Index, *,
            numeric: bool = True) -> np.ndarray:
    """A contacts column laid out for ``ids`` (NaN, or None for text, where missing)."""
    if column not in contacts:
        return np.full(len(ids), np.nan) if numeric else np.full(len(ids), None, dtype=object)
    values = contacts[column].reindex(ids)
    if numeric:
        return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    return values.astype(object).where(values.notna(), None).to_numpy(dtype=object)


def _with_follow_ups(ranked: pd.DataFrame, n: int, share: float) -> pd.DataFrame:
    """Take the ``n`` most urgent rows, keeping ``share`` of them for follow-ups.

    Overdue referral sources can fill any list; the slots kept for new contacts
    who need a follow-up make sure this month's prospects are on it too. The
    result stays in priority order.

    Examples
    --------
    >>> ranked = pd.DataFrame({"priority": [0.9, 0.8, 0.7, 0.2],
    ...                        "needs_follow_up": [False, False, False, True]})
    >>> _with_follow_ups(ranked, 3, 0.34)["priority"].tolist()
    [0.9, 0.8, 0.2]
    """
    follow_ups = ranked["needs_follow_up"].to_numpy(dtype=bool)
    reserved = min(int(follow_ups.sum()), int(np.floor(n * min(max(share, 0.0), 1.0))))
    kept_new = ranked[follow_ups].head(reserved)
    others = ranked.drop(index=kept_new.index).head(n - reserved)
    return ranked.loc[ranked.index.isin(kept_new.index.union(others.index))]


def nurture(
    network: Network,
    *,
    owner: str | None = None,
    as_of: object = None,
    n: int | None = None,
    explain: bool = False,
) -> NurtureResult:
    """The hit list of relationships to tend now, most urgent first.

    Parameters
    ----------
    network : Network
        A loaded network.
    owner : str, optional
        Whose relationships (default: the network's owner).
    as_of : str, date or Timestamp, optional
        Evaluate the network as of this moment (default: latest interaction).
    n : int, optional
        Longest list (default ``settings.nurture.n``).
    explain : bool
        Also list every relationship left out, with the reason
        (``NurtureResult.excluded``).

    Returns
    -------
    NurtureResult
        One row per person to reconnect with: ``id``, ``name``, ``priority``,
        ``action`` (one of :data:`refgraph.judge.nurture_reasons.ACTIONS`),
        ``reason``, ``value_kind``, ``stage``, ``last_contact``,
        ``days_since``, ``cadence_days`` and the numbers behind them.

    Raises
    ------
    RefgraphError
        When there is no owner or ``n`` is below 1.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann", "bob"], "name": ["Me", "Ann", "Bob"]})
    >>> interactions = pd.DataFrame({
    ...     "date": ["2023-01-10", "2023-02-10", "2023-03-10", "2023-03-12", "2023-09-01"],
    ...     "source": ["ann", "me", "ann", "me", "me"],
    ...     "target": ["me", "ann", "me", "bob", "bob"],
    ...     "kind": ["referral", "one_to_one", "referral", "call", "call"]})
    >>> net = refgraph.load_network((contacts, interactions), settings={"owner": "me"})
    >>> hit_list = nurture(net)
    >>> hit_list.contacts[["id", "value_kind"]].to_dict("records")
    [{'id': 'ann', 'value_kind': 'referral source'}]
    >>> print(hit_list.contacts["action"].iloc[0] + ": " + hit_list.contacts["reason"].iloc[0])
    ... # doctest: +NORMALIZE_WHITESPACE
    book a 1-to-1: referred you twice; your tie is too weak to vouch on (trust 0.36,
    profitability): get to know their business at a 1-to-1 before sending them a referral;
    last contact 6 months ago, usually every 4 weeks
    """
    network = require_network(network)
    with collector_paused():  # see refgraph.io.collector
        owner = network.require_owner(owner)
        settings = network.settings.nurture
        n = settings.n if n is None else n
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise RefgraphError(f"n must be a whole number >= 1, got {n!r}")
        stamp = network.resolve_as_of(as_of)
        table = nurture_table(network, owner=owner, as_of=stamp)
        listed = table.loc[table["priority"] > 0].reset_index()
        listed = listed.sort_values(["priority", "value", "id"], ascending=[False, False, True])
        listed = _with_follow_ups(listed, int(n), settings.new_contact_share)
        room = min(int(n), settings.fresh_list_min) - len(listed)
        if room > 0:  # a fresh network: offer the forgotten one-offs, most recent first
            one_offs = table.loc[table["forgotten"]].reset_index()
            one_offs = one_offs.sort_values(["days_since", "id"]).head(room)
            listed = pd.concat([listed, one_offs.assign(one_off=True, value_kind="one-off")],
                               ignore_index=True)
        listed["name"] = [network.name_of(contact) for contact in listed["id"]]
        # Whole days, as people count them: a contact yesterday is 1 day ago, whatever
        # the hour of as_of; the reasons say the same number as days_since.
        listed["days_since"] = np.floor(listed["days_since"])
        listed["known_for"] = np.floor(listed["known_for"])
        listed["action"] = [suggest_action(row, settings.reconnect_days) if not row["one_off"] else
                            ("wish a happy birthday" if row["birthday_soon"] else "call")
                            for _, row in listed.iterrows()]
        listed["reason"] = [nurture_reason(row) for _, row in listed.iterrows()]
        listed = listed.rename(columns={"received_referrals": "referrals_received",
                                        "received_introductions": "introductions_received",
                                        "received_business": "business_received",
                                        "received_value": "business_value",
                                        "birthday_days": "birthday_in_days"})
        listed["days_since"] = listed["days_since"].astype(np.int64)
        for column in ("last_contact", "first_contact"):  # dates: nurture counts whole days
            listed[column] = [None if pd.isna(when) else format_date(when)
                              for when in listed[column]]
        listed["cadence_days"] = listed["cadence_days"].round(1)
        for column in ("referrals_received", "introductions_received", "business_received"):
            listed[column] = listed[column].astype(np.int64)
        contacts = listed.loc[:, list(COLUMNS)].reset_index(drop=True)
        excluded = None
        if explain:
            left_out = table.loc[~table.index.isin(contacts["id"])].reset_index()
            left_out["days_since"] = np.floor(left_out["days_since"])
            left_out = left_out.sort_values(["forgotten", "priority", "id"],
                                            ascending=[True, False, True])
            excluded = pd.DataFrame({
                "id": left_out["id"].to_numpy(dtype=object),
                "name": [network.name_of(contact) for contact in left_out["id"]],
                "stage": left_out["stage"].to_numpy(dtype=object),
                "days_since": np.floor(left_out["days_since"].to_numpy(dtype=float))
                .astype(np.int64),
                "reason": [exclusion_reason(row, settings, len(contacts))
                           for _, row in left_out.iterrows()],
            }, columns=list(EXCLUDED_COLUMNS))
        return NurtureResult(owner=owner, owner_name=network.name_of(owner), as_of=stamp,
                             contacts=contacts, considered=len(table),
                             needing=int((table["priority"] > 0).sum()), excluded=excluded)
