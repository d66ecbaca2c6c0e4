"""Silence: how a tie fades and steps down its stages without substantive contact.

The rules are documented in :mod:`refgraph.model.ties` and ``docs/model.md``.
"""

from __future__ import annotations

import numpy as np

from refgraph.io.settings import STAGES, Settings


def silence_fade(silent_days, settings: Settings):
    """How much of what substantive contact built is left after a silence.

    ``0.5 ** (max(0, silent_days - trust.silence_grace_days) /
    trust.silence_half_life_days)``; 1 for no silence or an unknown one (NaN:
    the pair never had substantive contact, so nothing was built to fade).

    Parameters
    ----------
    silent_days : float or array-like
        Days since the last substantive contact.
    settings : Settings
        The ``trust`` section's grace period and half-life.

    Returns
    -------
    float or ndarray
        Factors in (0, 1].

    Examples
    --------
    >>> [round(float(silence_fade(days, Settings())), 3) for days in (30, 90, 180, 365)]
    [1.0, 1.0, 0.5, 0.12]
    """
    days = np.asarray(silent_days, dtype=float)
    beyond = np.clip(np.nan_to_num(days, nan=0.0) - settings.trust.silence_grace_days, 0, None)
    return np.exp2(-beyond / settings.trust.silence_half_life_days)


def step_down_codes(stage: np.ndarray, silent_days: np.ndarray, settings: Settings) -> np.ndarray:
    """The earned stages, stepped down by silence (see the module notes).

    Stages are positions in ``STAGES``: 0 visibility, 1 credibility, 2 profitability.

    Examples
    --------
    >>> step_down_codes(np.array([2, 2, 2]), np.array([30.0, 200.0, 400.0]), Settings()).tolist()
    [2, 1, 0]
    """
    days = np.nan_to_num(np.asarray(silent_days, dtype=float), nan=0.0)
    stage = np.array(stage, dtype=np.int8)
    profitable = STAGES.index("profitability")
    stage[(days > settings.stages.profitability_silent_days) & (stage == profitable)] = (
        STAGES.index("credibility"))
    stage[days > settings.stages.credibility_silent_days] = STAGES.index("visibility")
    return stage

