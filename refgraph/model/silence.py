"""Silence: how a tie fades and steps down its stages without substantive contact.

The rules are documented in :mod:`refgraph.model.ties` and ``docs/model.md``.
"""

from __future__ import annotations

import numpy as np

from refgraph.io.settings import Settings


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


def step_down(stage: np.ndarray, silent_days: np.ndarray, settings: Settings) -> np.ndarray:
    """The earned stage, stepped down by silence (see the module notes).

    Examples
    --------
    >>> step_down(np.array(["profitability"] * 3, dtype=object),
    ...           np.array([30.0, 200.0, 400.0]), Settings()).tolist()
    ['profitability', 'credibility', 'visibility']
    """
    days = np.nan_to_num(np.asarray(silent_days, dtype=float), nan=0.0)
    stage = np.asarray(stage, dtype=object)
    stage = np.where((days > settings.stages.profitability_silent_days)
                     & (stage == "profitability"), "credibility", stage)
    return np.where(days > settings.stages.credibility_silent_days, "visibility",
                    stage).astype(object)
