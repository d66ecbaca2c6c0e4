"""Settings of the nurture hit list: what a relationship is worth and when it is overdue.

See :mod:`refgraph.judge.nurture` for how the list is built from them; every
field can be set under ``[nurture]`` in ``network.toml``::

    [nurture]
    n = 30
    max_cadence_days = 120
"""

from __future__ import annotations

from dataclasses import dataclass

from refgraph.errors import SettingsError


@dataclass(frozen=True)
class NurtureSettings:
    """How the reconnect hit list weighs value against overdue contact."""

    #: Length of the hit list.
    n: int = 50
    #: Shortest rhythm assumed for any relationship, in days.
    min_cadence_days: float = 14.0
    #: Longest rhythm assumed: nobody worth keeping should wait longer.
    max_cadence_days: float = 180.0
    #: Contacts last seen longer ago than this who were only ever one-off
    #: acquaintances are not listed: the relationship never existed.
    one_off_forget_days: float = 365.0
    #: New contacts met within this many days are "promising, follow up".
    new_contact_days: float = 90.0
    #: Rhythm for anyone met only once: follow up within two weeks, before they
    #: forget the conversation; after that the follow-up is overdue.
    follow_up_days: float = 14.0
    #: Overdue is counted in missed rhythms and capped here: past three missed
    #: rhythms a relationship is simply cold, and its value decides the order.
    max_overdue: float = 3.0
    #: Value of someone who referred you or introduced you (saturating in their
    #: count): those who have sent business once are the likeliest to again.
    weight_referral_source: float = 1.0
    #: Value of a past client (gave you business): a good source, not the only one.
    weight_client: float = 0.8
    #: Value of a tie at the profitability stage (referrals or business exchanged
    #: either way): a working partnership is worth keeping warm.
    weight_partner: float = 0.6
    #: Value from the tie's trust: any relationship is worth what it carries.
    weight_trust: float = 0.5
    #: Added for a new contact not yet past visibility: small, so it never
    #: outranks an overdue referral source, but the follow-up is not forgotten.
    new_contact_bonus: float = 0.3
    #: Share of the list kept for promising new contacts who need a follow-up,
    #: so this month's prospects are not crowded out by overdue old ties (the
    #: hit list includes "prospects you've connected with recently").
    new_contact_share: float = 0.2
    #: Value of a connector (saturating in how many people in the network they
    #: referred or introduced anyone to): brokers are worth knowing even when
    #: you met them once.
    weight_connector: float = 0.8
    #: People a connector has referred or introduced, beyond what people in your
    #: network typically do (the median), for that value to reach half; the scale
    #: is never below that median, and connectors this busy are never dropped.
    connector_half_people: float = 3.0
    #: A character rating (1-5) at or below this damps the priority: time is
    #: better spent on people you would refer; a missing rating is neutral.
    character_gate: float = 2.0
    #: Priority kept by someone rated at or below ``character_gate``: they stay
    #: on the list, below people you trust.
    low_character_factor: float = 0.25
    #: Priority kept by someone who has left the owner's chapter (a network with
    #: a members file): still worth a call if they sent business, but no longer
    #: in the room each week, so the current members come first.
    former_member_factor: float = 0.5
    #: A birthday within this many days from ``as_of`` is a reason to call: the
    #: month ahead.
    birthday_window_days: float = 31.0
    #: Priority added for a birthday in the window: a good reason to be in touch,
    #: but not above an overdue referral source.
    birthday_bonus: float = 0.5
    #: Priority added when their referral, introduction or business was your
    #: last contact (within ``new_contact_days``): thank them, or report back on how
    #: it went, before anything else.
    thank_bonus: float = 0.5
    #: A thank-you is due within days of a referral, introduction or business:
    #: up to this many days later the action is "thank them"; after it a bare
    #: thank-you comes late, and the action is "report back" (how it went).
    thank_days: float = 14.0
    #: Silent longer than this, someone who helped you gets a personal call to
    #: reconnect before a referral is sent their way out of the blue.
    reconnect_days: float = 365.0
    #: When fewer than this many relationships need attention (a freshly
    #: imported network: LinkedIn connections, one old meeting), the forgotten
    #: one-offs fill the list up to this many, most recent first.
    fresh_list_min: int = 5

    def __post_init__(self) -> None:
        # Rhythms divide: a zero-day rhythm would make everyone infinitely overdue.
        for key in ("min_cadence_days", "max_cadence_days"):
            if not getattr(self, key) > 0:
                raise SettingsError(f"nurture.{key}: expected a number above 0, "
                                    f"got {getattr(self, key)!r}")
