"""What to do about each relationship on the nurture list, and why, in words.

Each listed person gets one suggested **action**, the first that applies:

1. ``wish a happy birthday`` — their birthday falls within
   ``nurture.birthday_window_days`` of ``as_of``;
   ``call`` — they have left the owner's chapter and there has been no
   contact of the owner's own since (chapter meetings are none): out of the
   room their business may have changed, so catch up on what they do now
   before sending a referral or booking a 1-to-1 (``thank them`` or ``report
   back`` still come first when their referral was the last contact);
2. ``book a 1-to-1`` — a fellow chapter member only ever seen at meetings,
   or a current member (a network with a members file) you have had no 1-to-1
   with, whose tie is still at visibility and who has not helped you yet: a
   contact logged at a meeting is no 1-to-1, and every new member is offered one;
3. ``follow up a new contact`` — met once, recently, and not yet followed up,
   or a new contact who has had a 1-to-1: follow up and book the next meeting;
   ``book a 1-to-1`` — any other new contact still at visibility, or a
   connector you barely know who has not helped you yet: the unit of
   relationship building;
4. ``call`` — they helped you but have been silent longer than
   ``nurture.reconnect_days``: reconnect with a personal call first;
5. ``thank them`` — their referral, introduction or business was your last
   contact with them, within ``nurture.thank_days`` (the reason names what
   they sent: "not yet thanked: no contact since their last referral");
   ``report back`` — the same, but it came longer ago than that (up to
   ``nurture.new_contact_days``): a bare thank-you weeks later comes late, so
   tell them how their referral went and thank them then (close the loop);
   after a client's own business, a ``call`` instead: ask how the work went
   for them (there is nothing of theirs to report on);
6. ``send them a referral`` — they have given you more referrals and business
   than you gave them: good will goes both ways; never for someone whose
   character you rated at or below ``nurture.character_gate``, or whose
   competency at or below ``refer.competency_gate``: a referral puts your
   name behind them and their work (a call instead); nor, outside your chapter, after
   more than ``ask.stale_days`` without a 1-to-1, call, referral or business
   between you (``ask`` would say reconnect before vouching): a ``call``
   first, to catch up on what they do now (a current member of your chapter,
   whose business you hear about every week, is still sent one); nor on a tie
   short of what ``ask`` vouches on (``ask.min_asker_trust`` and
   ``ask.min_asker_stage``): ``book a 1-to-1`` to get to know their business
   first;
7. ``call`` — past clients and referral sources: a personal call, not an ask;
8. ``book a 1-to-1`` — any other credible or profitable tie gone quiet;
9. ``call`` — anyone else.

The reasons and the exclusions (``refgraph nurture --explain``) are built from
the same numbers as the priority.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from refgraph.io.settings import KINDS, NurtureSettings
from refgraph.judge.phrases import ago, count_noun, every, kinds_phrase, span_phrase, times
from refgraph.results import format_trust

#: The suggested actions, in the order they are considered.
ACTIONS: tuple[str, ...] = ("wish a happy birthday", "follow up a new contact", "book a 1-to-1",
                            "thank them", "report back", "send them a referral", "call")

_BIRTHDAY = re.compile(r"^\s*(?:\d{4}|-)-(\d{1,2})-(\d{1,2})\s*$")


def days_to_birthday(birthdays: pd.Series, as_of: pd.Timestamp) -> np.ndarray:
    """Days from ``as_of`` to each next birthday (NaN when unknown or unreadable).

    ``birthdays`` are ISO dates (``1980-11-14``) or dates without a year
    (``--11-14``, as vCard writes them). A birthday on 29 February falls on
    1 March in other years.

    Examples
    --------
    >>> days_to_birthday(pd.Series(["1980-11-14", "--10-30", "", None, "soon"]),
    ...                  pd.Timestamp("2026-10-31", tz="UTC")).tolist()
    [14.0, 364.0, nan, nan, nan]
    """
    out = np.full(len(birthdays), np.nan)
    known = birthdays.dropna()
    known = known[known.astype(str).str.strip() != ""]
    if known.empty:  # most networks have no birthdays: nothing to parse
        return out
    day = pd.Timestamp(as_of).tz_localize(None).normalize() if pd.Timestamp(as_of).tzinfo \
        else pd.Timestamp(as_of).normalize()
    parts = birthdays.fillna("").astype(str).str.extract(_BIRTHDAY)
    month = pd.to_numeric(parts[0], errors="coerce")
    dom = pd.to_numeric(parts[1], errors="coerce")
    valid = month.between(1, 12) & dom.between(1, 31)
    for year_offset in (1, 0):  # this year's date if still ahead, else next year's
        year = day.year + year_offset
        dates = pd.to_datetime(pd.DataFrame({"year": year, "month": month.where(valid, 1),
                                             "day": dom.where(valid, 1)}), errors="coerce")
        leap_day = valid & (month == 2) & (dom == 29) & dates.isna()
        dates = dates.where(~leap_day, pd.Timestamp(year=year, month=3, day=1))
        days = ((dates - day) / pd.Timedelta(days=1)).to_numpy(dtype=float)
        take = valid.to_numpy() & (days >= 0) & ~np.isnan(days)
        out = np.where(take, days, out)
    return out


def suggest_action(row: pd.Series, reconnect_days: float = 365.0) -> str:
    """The suggested action for one row of the nurture table (see the module notes).

    Examples
    --------
    >>> suggest_action(pd.Series({"birthday_soon": False, "needs_follow_up": False,
    ...     "contact_days": 9, "connector": False, "thank": False, "owes": 2,
    ...     "received_referrals": 2, "received_introductions": 0,
    ...     "received_business": 0, "stage": "profitability"}))
    'send them a referral'
    """
    if row["birthday_soon"]:
        return "wish a happy birthday"
    if quiet_since_leaving(row):
        # What they do now is unknown: hear it before referring them or booking a 1-to-1.
        if row.get("thank", False):
            return _thanks(row)
        return "call"
    if row.get("contact_days", 1) == 0:
        return "book a 1-to-1"  # only ever sat in the same meeting: the first real contact
    if _member_to_meet(row):
        return "book a 1-to-1"
    if row["needs_follow_up"]:
        # After a first 1-to-1 the next step is a follow-up, not another first meeting.
        met_properly = row["contact_days"] == 1 or row.get("n_one_to_one", 0) > 0
        return "follow up a new contact" if met_properly else "book a 1-to-1"
    given = row["received_referrals"] + row["received_introductions"] + row["received_business"]
    if row["connector"] and row["stage"] == "visibility" and not given:
        return "book a 1-to-1"
    if given > 0 and row.get("days_since", 0.0) > reconnect_days:
        return "call"  # after a year of silence, a referral out of the blue is odd
    if row["thank"]:
        return _thanks(row)
    if row["owes"] > 0 and not _no_referral(row):
        # A referral puts your name behind them: after months without a real
        # conversation, hear what they do now first (as `ask` would reconnect first).
        if row.get("stale", False):
            return "call"
        # Nor on a tie `ask` would not vouch on: learn their business first.
        return "send them a referral" if row.get("vouchable", True) else "book a 1-to-1"
    if given > 0:
        return "call"
    if row["stage"] in ("credibility", "profitability"):
        return "book a 1-to-1"
    return "call"


def quiet_since_leaving(row: pd.Series) -> bool:
    """Whether someone has left the owner's chapter with no contact of the owner's own since.

    Parameters
    ----------
    row : Series
        A row of the nurture table (``left_chapter``, ``last_contact``: the
        last contact outside chapter meetings).

    Returns
    -------
    bool
        ``False`` for someone who has not left (or a network without a chapter).

    Examples
    --------
    >>> left = pd.Timestamp("2026-04-15", tz="UTC")
    >>> quiet_since_leaving(pd.Series({"left_chapter": left,
    ...     "last_contact": pd.Timestamp("2026-01-20", tz="UTC")}))
    True
    >>> quiet_since_leaving(pd.Series({"left_chapter": left,
    ...     "last_contact": pd.Timestamp("2026-06-02", tz="UTC")}))
    False
    """
    left = row.get("left_chapter")
    if left is None or pd.isna(left):
        return False
    last = row.get("last_contact")
    return last is None or pd.isna(last) or pd.Timestamp(last) <= pd.Timestamp(left)


def _faded_referral(row: pd.Series) -> bool:
    """A call instead of the referral owed: no substantive contact for ``ask.stale_days``.

    Read from the row's ``action`` when it has one (else suggested again).
    """
    if not (row.get("stale", False) and row.get("owes", 0) > 0 and not _no_referral(row)):
        return False
    return (row["action"] if "action" in row else suggest_action(row)) == "call"


def _client_follow_up(row: pd.Series) -> bool:
    """Weeks after a client's business, with nothing since: a call on how the work went."""
    return bool(row.get("thank_late", False)) and row.get("last_sent") == "business"


def _thanks(row: pd.Series) -> str:
    """``thank them``, or weeks later ``report back`` (``call`` after a client's business)."""
    if not row.get("thank_late", False):
        return "thank them"
    return "call" if _client_follow_up(row) else "report back"


def _no_referral(row: pd.Series) -> bool:
    """Whether you rated their character, or their work, too low to vouch for."""
    return bool(row.get("low_character", False) or row.get("low_competency", False))


def _referral_too_soon(row: pd.Series) -> bool:
    """A 1-to-1 instead of the referral owed: a tie short of what ``ask`` vouches on.

    Read from the row's ``action`` when it has one (else suggested again).
    """
    if (row.get("vouchable", True) or row.get("stale", False) or row.get("owes", 0) <= 0
            or _no_referral(row)):
        return False
    return (row["action"] if "action" in row else suggest_action(row)) == "book a 1-to-1"


def _member_to_meet(row: pd.Series) -> bool:
    """A current chapter member at visibility, never met 1-to-1, who has not helped you yet.

    Examples
    --------
    >>> _member_to_meet(pd.Series({"member_since": pd.Timestamp("2026-07-04"),
    ...     "n_one_to_one": 0, "stage": "visibility", "received_referrals": 0,
    ...     "received_introductions": 0, "received_business": 0}))
    True
    """
    since = row.get("member_since")
    given = (row.get("received_referrals", 0) + row.get("received_introductions", 0)
             + row.get("received_business", 0))
    return (since is not None and not pd.isna(since) and row.get("n_one_to_one", 0) == 0
            and row["stage"] == "visibility" and not given)


def _own_kinds(row: pd.Series) -> str:
    """The kinds of the owner's own contacts with this person, chapter meetings left out.

    Falls back on the tie's counts when the row has no own counts (a row built
    by hand).

    Examples
    --------
    >>> _own_kinds(pd.Series({"n_event": 5, "own_n_event": 1.0}))
    'an event together'
    >>> _own_kinds(pd.Series({"n_card": 1}))
    'a card'
    """
    own = {kind: row.get(f"own_n_{kind}") for kind in KINDS}
    if all(value is None or pd.isna(value) for value in own.values()):
        own = {kind: row.get(f"n_{kind}", 0) for kind in KINDS}
    return kinds_phrase({kind: int(0 if value is None or pd.isna(value) else value)
                         for kind, value in own.items()})


def _introduced_by_you(row: pd.Series) -> bool:
    """Whether every own contact with them was an introduction the owner made.

    Examples
    --------
    >>> _introduced_by_you(pd.Series({"own_n_introduction": 1.0, "introduced_by_you": 1}))
    True
    >>> _introduced_by_you(pd.Series({"own_n_introduction": 1.0, "own_n_card": 1.0,
    ...                               "introduced_by_you": 1}))
    False
    """
    made = row.get("introduced_by_you", 0)
    if made is None or pd.isna(made) or made <= 0:
        return False
    own = {kind: row.get(f"own_n_{kind}") for kind in KINDS}
    counts = {kind: int(v) for kind, v in own.items() if v is not None and not pd.isna(v) and v}
    return counts == {"introduction": int(made)}


#: Kinds of contact that happen at a distance: someone only messaged was never met.
_REMOTE = frozenset({"email", "message", "social"})


def _met(row: pd.Series) -> str:
    """"met", or "in touch" when every own contact was an email, message or like.

    Examples
    --------
    >>> _met(pd.Series({"own_n_message": 1.0, "own_n_social": 2.0})), _met(pd.Series({"n_card": 1}))
    ('in touch', 'met')
    """
    own = {kind: row.get(f"own_n_{kind}") for kind in KINDS}
    if all(value is None or pd.isna(value) for value in own.values()):
        own = {kind: row.get(f"n_{kind}", 0) for kind in KINDS}
    kinds = {kind for kind, value in own.items() if value is not None and not pd.isna(value)
             and value > 0}
    return "in touch" if kinds and kinds <= _REMOTE else "met"


def _spell(row: pd.Series) -> str | None:
    """Several contact days with no gap of ``min_cadence_days``: no rhythm to quote.

    Examples
    --------
    >>> _spell(pd.Series({"contact_days": 3, "median_gap": np.nan, "days_since": 120.0,
    ...     "personal_first": pd.Timestamp("2026-06-01"),
    ...     "personal_last": pd.Timestamp("2026-06-08")}))
    '3 days in contact within 8 days, the last 4 months ago'
    """
    gap = row.get("median_gap", np.nan)
    first, last = row.get("personal_first"), row.get("personal_last")
    if row["contact_days"] <= 1 or not pd.isna(gap) or first is None or pd.isna(first):
        return None
    within = span_phrase((last - first) / pd.Timedelta(days=1) + 1)  # both days count
    return (f"{row['contact_days']} days in contact within {within}, the last "
            f"{ago(row['days_since'])}")


def nurture_reason(row: pd.Series) -> str:
    """Why this person is on the list, from the numbers that put them there.

    A fellow chapter member with no 1-to-1 yet (the ``book a 1-to-1`` of
    :func:`suggest_action`) is said to be one first: whatever else you logged
    with them, a member needs a 1-to-1.

    Examples
    --------
    >>> row = pd.Series({"received_referrals": 2, "received_introductions": 0,
    ...     "received_business": 0, "received_value": 0.0, "stage": "credibility",
    ...     "needs_follow_up": False, "contact_days": 5, "days_since": 200.0,
    ...     "cadence_days": 30.0, "connects": 0, "character": np.nan,
    ...     "birthday_soon": False, "birthday_days": np.nan, "one_off": False})
    >>> nurture_reason(row)
    'referred you twice; last contact 7 months ago, usually every 4 weeks'
    """
    said = _reason(row)
    if row.get("contact_days", 0) > 0 and _member_to_meet(row):
        since = pd.Timestamp(row["member_since"])
        return f"in your chapter since {since:%B %Y}, no 1-to-1 with you yet; {said}"
    return said


def _reason(row: pd.Series) -> str:
    """The reason of :func:`nurture_reason`, but for the chapter member's first 1-to-1."""
    parts = []
    if row["birthday_soon"]:
        days = int(row["birthday_days"])
        when = "today" if days < 1 else f"in {count_noun(days, 'day')}"
        parts.append(f"birthday {when}")
    referrals, introductions = int(row["received_referrals"]), int(row["received_introductions"])
    business, worth = int(row["received_business"]), float(row["received_value"])
    if referrals:
        parts.append(f"referred you {times(referrals)}")
    if introductions:
        parts.append(f"introduced you {times(introductions)}")
    if business:
        parts.append(f"gave you business {times(business)}"
                     + (f" (worth {worth:,.0f})" if worth > 0 else ""))
    given_referrals = int(row.get("given_referrals", 0))
    given_business = int(row.get("given_business", 0))
    if (referrals or business) and (given_referrals or given_business):
        # The balance decides between "send them a referral" and "call": show it.
        back = [f"referred them {times(given_referrals)}" if given_referrals else "",
                f"gave them business {times(given_business)}" if given_business else ""]
        parts.append("you " + " and ".join(part for part in back if part))
    typical = float(row.get("typical_connects", 0.0))
    if row["connects"] > typical:  # what adds to the value; a connector stands out
        usual = f" (typically {typical:g})" if typical else ""
        people = count_noun(int(row["connects"]), "person", "people")
        if row.get("connector", False):
            parts.append(f"a connector: referred or introduced {people} in your network{usual}")
        else:  # "also" only after what they sent you
            also = "also " if referrals or introductions or business else ""
            parts.append(f"{also}referred or introduced {people} in your network{usual}")
    if row["stage"] == "profitability" and not (referrals or business):
        given = given_referrals + given_business
        parts.append("a profitable partnership"
                     + (f": you sent them business {times(given)}" if given else ""))
    if row.get("thank", False):
        # "Thank them" needs its object: what they sent, with nothing since.
        sent = [word for word, count in (("referral", referrals), ("introduction", introductions),
                                         ("business", business)) if count]
        last = row.get("last_sent")
        # What came that day: "their last referral", not every kind they ever sent.
        what = last if isinstance(last, str) and last else " or ".join(sent or ["referral"])
        if _client_follow_up(row):  # their own work: ask them, there is nothing to report
            parts.append("not yet followed up: no contact since their last business; ask how "
                         "the work went for them and whether you can help further")
        elif row.get("thank_late", False):  # weeks later, a thank-you alone comes late
            parts.append(f"not yet followed up: no contact since their last {what}; "
                         "tell them how it went")
        else:
            parts.append(f"not yet thanked: no contact since their last {what}")
    if not np.isnan(row["character"]) and row.get("low_character", False):
        # Owing them a referral is no reason to vouch for them: say why none is suggested.
        owed = " and no referral suggested" if row.get("owes", 0) > 0 else ""
        parts.append(f"character rated {row['character']:g}/5, so listed lower{owed}")
    elif row.get("low_competency", False) and row.get("owes", 0) > 0:
        # Owed a referral, but it would vouch for work you rate low.
        parts.append(f"competency rated {row['competency']:g}/5, so no referral suggested")
    left = row.get("left_chapter")
    if _referral_too_soon(row):
        # Good will says send one; a referral vouches, and you barely know their business.
        trust = format_trust(float(row["trust"]), 2)
        # Say the shortfall `ask` would name: the stage first, else the trust.
        tie = (f"your tie is only at {row['stage']} (trust {trust}), too little to vouch on"
               if row.get("below_vouching_stage", False) else
               f"your tie is too weak to vouch on (trust {trust}, {row['stage']})")
        parts.append(f"{tie}: get to know their business at a 1-to-1 before sending them a "
                     "referral")
    if (row.get("faded_built", False) and not _faded_referral(row)
            and not quiet_since_leaving(row)):
        # Why someone in touch lately is overdue: the contact since was no substance.
        silent = span_phrase(float(np.floor(row["silent_days"])))
        # Its stage may hold while its trust falls below what `ask` vouches on: then
        # "built up to credibility ... faded to credibility" would say nothing.
        faded = (f"faded to {row['stage']}" if row["stage"] != row["earned_stage"] else
                 f"faded to trust {format_trust(float(row['trust']), 2)}, too little to "
                 "vouch on")
        parts.append(f"built up to {row['earned_stage']} once, but no 1-to-1, call, referral "
                     f"or business between you for {silent}: {faded}")
    if _faded_referral(row) and not quiet_since_leaving(row):
        silent = span_phrase(float(np.floor(row["silent_days"])))
        # Said when the last contact (an email, a like) is more recent than the last real one.
        real = ("" if silent == span_phrase(float(row["days_since"])) else
                f"no 1-to-1, call, referral or business between you for {silent}: ")
        parts.append(f"{real}catch up on what they do now before sending them a referral")
    if left is not None and not pd.isna(left):
        gone = f"left the chapter in {pd.Timestamp(left):%B %Y}"
        if quiet_since_leaving(row) and not row.get("thank", False):
            # Out of the room, their business may have changed: catch up before anything else.
            before = (" before sending them a referral"
                      if row.get("owes", 0) > 0 and not _no_referral(row) else "")
            parts.append(f"{gone} and no contact since, so listed lower: catch up on "
                         f"what they do now{before}")
        else:
            parts.append(f"{gone}, so listed lower")
    if row["one_off"]:
        once = (f"you introduced them {ago(row['days_since'])}" if _introduced_by_you(row)
                else f"{_met(row)} once, {ago(row['days_since'])} ({_own_kinds(row)})")
        parts.append(f"{once}; the list has room: follow up or let it go")
        return "; ".join(parts)
    if row["contact_days"] == 0:
        # Sitting in the same chapter meeting is no contact of your own.
        parts.append(f"seen only at chapter meetings, first {ago(row['known_for'])}: "
                     "no 1-to-1 or other contact of your own yet")
        return "; ".join(parts)
    if row["needs_follow_up"]:
        if row["contact_days"] <= 1:
            if _introduced_by_you(row):  # the owner made the introduction, met nobody by it
                first = f"you introduced them {ago(row['known_for'])}"
            else:
                met = "met" if _met(row) == "met" else "first in touch"
                first = f"{met} {ago(row['known_for'])} ({_own_kinds(row)})"
            parts.append(f"new contact, {first}; no follow-up yet")
            return "; ".join(parts)
        one_to_ones = int(row.get("n_one_to_one", 0))
        if one_to_ones:
            had = kinds_phrase({"one_to_one": one_to_ones})
            parts.append(f"new contact, first met {ago(row['known_for'])}; had {had}, last "
                         f"contact {ago(row['days_since'])}: follow up and book the next "
                         "meeting")
            return "; ".join(parts)
        # Only messaged or liked: never met, as "first in touch" says above.
        met = "met" if _met(row) == "met" else "first in touch"
        parts.append(f"new contact, {met} {ago(row['known_for'])}, still at visibility")
    if row["contact_days"] == 1 and not parts:
        once = (f"you introduced them {ago(row['days_since'])}" if _introduced_by_you(row)
                else f"{_met(row)} once, {ago(row['days_since'])} ({_own_kinds(row)})")
        parts.append(f"{once}; no follow-up yet")
        return "; ".join(parts)
    if not parts:
        trust = format_trust(float(row["trust"]), 2)
        one_to_ones = row.get("n_one_to_one", 0)
        if row["stage"] == "visibility" and not pd.isna(one_to_ones) and one_to_ones > 0:
            # Met 1-to-1 and let it cool: a start never followed up, not just a slight tie.
            had = kinds_phrase({"one_to_one": int(one_to_ones)})
            parts.append(f"had {had}, but the tie never grew past visibility (trust {trust})")
        else:
            parts.append(f"{row['stage']} tie, trust {trust}")
    spell = _spell(row)
    if spell is not None:  # "usually every 2 weeks" would be a rhythm never kept
        parts.append(spell)
    elif row["contact_days"] == 2 and not pd.isna(row.get("median_gap", np.nan)):
        # One gap is no rhythm: "usually every 3 weeks" for two contacts would invent one.
        parts.append(f"2 days in contact, {span_phrase(row['median_gap'])} apart, the last "
                     f"{ago(row['days_since'])}")
    elif row["contact_days"] > 1:
        parts.append(f"last contact {ago(row['days_since'])}, usually "
                     f"{every(row['cadence_days'])}")
    else:
        # What that one contact was: a like two years ago is no acquaintance to build on.
        parts.append(f"only contact {ago(row['days_since'])} ({_own_kinds(row)})")
    return "; ".join(parts)


def exclusion_reason(row: pd.Series, settings: NurtureSettings, n: int) -> str:
    """Why a relationship is not on the list (``refgraph nurture --explain``).

    Examples
    --------
    >>> row = pd.Series({"forgotten": False, "priority": 0.0, "days_since": 10.0,
    ...                  "cadence_days": 30.0, "contact_days": 4})
    >>> exclusion_reason(row, NurtureSettings(), 50)
    'in touch on rhythm: last contact 10 days ago, usually every 4 weeks'
    """
    tag = row.get("not_to_contact")
    if isinstance(tag, str):
        return f"tagged {tag!r}: not someone to get in touch with"
    # Said as the list says it: someone you only introduced, or only emailed, was not met.
    once = (f"you introduced them {ago(row['days_since'])}" if _introduced_by_you(row)
            else f"{_met(row)} once, {ago(row['days_since'])}")
    if row["forgotten"]:
        return (f"{once}, never referred you or gave you business: "
                f"a relationship that never started (older than "
                f"{settings.one_off_forget_days:g} days, nurture.one_off_forget_days)")
    if row.get("contact_days", 1) == 0 and (row["forgotten"] or row["priority"] <= 0):
        return (f"seen only at chapter meetings, first {ago(row['days_since'])}: no 1-to-1 "
                "or other contact of your own, and sitting in the same room is not keeping "
                "in touch")
    if row["priority"] <= 0:
        if row["contact_days"] <= 1:
            return f"{once}: not yet due a follow-up"
        return (f"in touch on rhythm: last contact {ago(row['days_since'])}, usually "
                f"{every(row['cadence_days'])}")
    return f"less urgent than the {n} listed (priority {row['priority']:.3f})"
