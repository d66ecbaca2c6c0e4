"""How a typical tie fades with silence: the curve published in ``docs/model.md``.

The typical tie is a working referral partnership: a 1-to-1 every month for
two years and a referral each way every quarter, then silence. The curve
evaluates its tie (see :mod:`refgraph.model.ties`) after so many months
without contact, so the published table is the code's own answer and a test
checks that it stays so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from refgraph.io.settings import KINDS, Settings
from refgraph.model.ties import tie_table

#: Months of silence in the published curve.
CURVE_MONTHS: tuple[int, ...] = (0, 3, 6, 9, 12, 15, 18, 24)

#: The moment the typical tie is evaluated at (any date would do).
CURVE_AS_OF = pd.Timestamp("2026-01-01", tz="UTC")

_MONTH_DAYS = 365.25 / 12


def typical_partnership(silent_months: float, *, as_of: pd.Timestamp = CURVE_AS_OF,
                        owner: str = "me", partner: str = "partner") -> pd.DataFrame:
    """Interactions of a typical referral partnership that fell silent ``silent_months`` ago.

    Two years of a monthly 1-to-1, with a referral each way every quarter (on
    the day after the 1-to-1), the last contact ``silent_months`` before
    ``as_of``.

    Parameters
    ----------
    silent_months : float
        Months of silence since the last 1-to-1.
    as_of : Timestamp
        The evaluation moment.
    owner, partner : str
        The two ids.

    Returns
    -------
    DataFrame
        ``date``, ``source``, ``target``, ``kind`` rows, oldest first.

    Examples
    --------
    >>> rows = typical_partnership(6)
    >>> len(rows), int((rows["kind"] == "referral").sum())
    (40, 16)
    """
    months = np.arange(24)[::-1]
    meetings = as_of - pd.to_timedelta((silent_months + months) * _MONTH_DAYS, unit="D")
    quarterly = months % 3 == 0
    referrals = meetings[quarterly] - pd.Timedelta(days=1)
    dates = np.concatenate([meetings.to_numpy(), referrals.to_numpy(), referrals.to_numpy()])
    n_referrals = int(quarterly.sum())
    frame = pd.DataFrame({
        "date": pd.to_datetime(dates, utc=True),
        "source": [owner] * len(meetings) + [owner] * n_referrals + [partner] * n_referrals,
        "target": [partner] * len(meetings) + [partner] * n_referrals + [owner] * n_referrals,
        "kind": pd.Categorical(["one_to_one"] * len(meetings) + ["referral"] * 2 * n_referrals,
                               categories=KINDS),
    })
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def fading_curve(settings: Settings | None = None,
                 months: tuple[int, ...] = CURVE_MONTHS) -> pd.DataFrame:
    """Strength, trust and stage of the typical partnership after months of silence.

    Parameters
    ----------
    settings : Settings, optional
        The model settings (default: the documented defaults).
    months : tuple of int
        Months of silence to evaluate.

    Returns
    -------
    DataFrame
        One row per entry of ``months``: ``months_silent``, ``strength``,
        ``trust``, ``fade``, ``stage`` and ``earned_stage``.

    Examples
    --------
    >>> curve = fading_curve(months=(0, 12))
    >>> curve[["months_silent", "stage"]].to_dict("records")
    [{'months_silent': 0, 'stage': 'profitability'}, {'months_silent': 12, 'stage': 'visibility'}]
    >>> bool(curve["trust"].iloc[1] < 0.5 < curve["trust"].iloc[0])
    True
    """
    settings = settings or Settings()
    rows = []
    for month in months:
        tie = tie_table(typical_partnership(month), settings, CURVE_AS_OF).iloc[0]
        rows.append({"months_silent": int(month), "strength": float(tie["strength"]),
                     "trust": float(tie["trust"]), "fade": float(tie["fade"]),
                     "stage": tie["stage"], "earned_stage": tie["earned_stage"]})
    return pd.DataFrame(rows)
