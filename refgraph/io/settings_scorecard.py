"""Settings of the chapter scorecard: the points table, the period and the colours.

The default points table follows the published legacy BNI member traffic-light
point table, as quoted in the chapter-scorecard issue: sections of 0-20
points summed to at most 100, with absences in six months scored "fewer than
1 -> 15, 1 -> 10, 2 -> 5, more -> 0" and referrals given per week scored
"< 0.5 -> 0, < 0.75 -> 5, < 1 -> 10, < 1.2 -> 15, >= 1.2 -> 20". Visitors,
1-to-1s, TYFCB, testimonials, on-time arrival and education are scored on
bands of the same shape; every band can be replaced in ``network.toml``::

    [scorecard]
    referrals_per_week = [[0.5, 5], [1.0, 10], [1.5, 20]]

A band is ``[threshold, points]``. Sections named ``..._at_most`` give the
points of the first band whose threshold the count does not exceed (fewer
absences is better); every other section gives the points of the highest
threshold the measure reaches.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A points band: ``(threshold, points)``.
Bands = tuple[tuple[float, float], ...]

#: Scored sections in the order they are shown: (settings field, measure name).
SCORED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("absences_at_most", "absent"),
    ("late_at_most", "late"),
    ("referrals_per_week", "referrals_given_per_week"),
    ("visitors_per_week", "visitors_per_week"),
    ("one_to_ones_per_week", "one_to_ones_per_week"),
    ("tyfcb_given", "tyfcb_given"),
    ("testimonials", "testimonials_given"),
    ("education_per_week", "education_per_week"),
)

#: Traffic-light colours, best first.
COLOURS: tuple[str, ...] = ("green", "amber", "red", "grey")


@dataclass(frozen=True)
class ScorecardSettings:
    """The chapter scorecard (see :mod:`refgraph.insight.scorecard`) and attendance as contact."""

    #: Months in a scoring period: traffic lights look back over six completed months.
    months: int = 6
    #: Total points for green: the legacy table's "green 70-100".
    green_min: float = 70.0
    #: Total points for amber (below green).
    amber_min: float = 50.0
    #: Total points for red (below amber); anything lower is grey.
    red_min: float = 30.0
    #: Absences in the period: none 15, one 10, two 5, more 0 (legacy table).
    absences_at_most: Bands = ((0.0, 15.0), (1.0, 10.0), (2.0, 5.0))
    #: Late arrivals in the period: on time every week earns the on-time points.
    late_at_most: Bands = ((0.0, 5.0),)
    #: Referrals given per week of membership: 0.5 5, 0.75 10, 1 15, 1.2 20 (legacy table).
    referrals_per_week: Bands = ((0.5, 5.0), (0.75, 10.0), (1.0, 15.0), (1.2, 20.0))
    #: Visitors brought per week: one every ten weeks starts to count, one a
    #: month and more is a growing chapter.
    visitors_per_week: Bands = ((0.1, 5.0), (0.25, 10.0), (0.5, 15.0), (0.75, 20.0))
    #: 1-to-1s per week: one a month starts to count, one a fortnight earns all.
    one_to_ones_per_week: Bands = ((0.25, 5.0), (0.5, 10.0))
    #: Thank-you-for-closed-business given in the period (the money a member's
    #: referrals brought others): any closed business counts, 10,000 earns all.
    tyfcb_given: Bands = ((1.0, 5.0), (10000.0, 10.0))
    #: Testimonials given in the period: one counts, two earn all.
    testimonials: Bands = ((1.0, 5.0), (2.0, 10.0))
    #: Education credits per week: one a month counts, one a fortnight earns all.
    education_per_week: Bands = ((0.25, 5.0), (0.5, 10.0))
    #: A fall of this many points from the previous period puts a member at risk.
    risk_drop: float = 15.0
    #: This many absences in a period puts a member at risk, whatever the points.
    risk_absences: int = 3
    #: Members who attend the same meeting get one ``event`` contact per pair
    #: in this many days: the same weekly room keeps people visible, it is not
    #: 52 contacts a year (the calendar import's rule).
    attendance_contact_days: float = 28.0
    #: Professions the needs taxonomy names most often that the chapter lacks: how many to list.
    missing_top: int = 10

    def __post_init__(self) -> None:
        from refgraph.errors import SettingsError

        if not self.green_min >= self.amber_min >= self.red_min >= 0:
            raise SettingsError("scorecard: expected green_min >= amber_min >= red_min >= 0")
        if self.months < 1:
            raise SettingsError("scorecard.months: expected a whole number of at least 1")
        for name, _ in SCORED_SECTIONS:
            bands = getattr(self, name)
            thresholds = [threshold for threshold, _ in bands]
            if thresholds != sorted(thresholds) or len(set(thresholds)) != len(thresholds):
                raise SettingsError(f"scorecard.{name}: expected bands in increasing order "
                                    "of threshold, each threshold once")


def band_points(value: float, bands: Bands, *, at_most: bool) -> float:
    """The points a measure earns from one section's bands.

    Parameters
    ----------
    value : float
        The measure (a count, a rate per week or an amount).
    bands : tuple of (threshold, points)
        The section's bands, thresholds increasing.
    at_most : bool
        True when a lower measure is better: the first band whose threshold
        ``value`` does not exceed; otherwise the last band whose threshold
        ``value`` reaches. No band gives 0 points.

    Returns
    -------
    float
        The points.

    Examples
    --------
    >>> refs = ScorecardSettings().referrals_per_week
    >>> [band_points(v, refs, at_most=False) for v in (0.49, 0.5, 0.99, 1.2)]
    [0.0, 5.0, 10.0, 20.0]
    >>> [band_points(n, ScorecardSettings().absences_at_most, at_most=True) for n in range(4)]
    [15.0, 10.0, 5.0, 0.0]
    """
    if at_most:
        for threshold, points in bands:
            if value <= threshold + 1e-9:  # a rate of exactly the threshold is in
                return float(points)
        return 0.0
    earned = 0.0
    for threshold, points in bands:
        if value >= threshold - 1e-9:
            earned = float(points)
    return earned
