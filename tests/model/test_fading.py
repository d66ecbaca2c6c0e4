"""The published fading curve matches the code, and behaves as docs/model.md says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from refgraph import Settings
from refgraph.io.settings import STAGES
from refgraph.model.fading import CURVE_MONTHS, fading_curve

ROOT = Path(__file__).resolve().parents[2]


def test_the_published_curve_is_the_code_s():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "fading_table.py"), "--check"],
                          capture_output=True, text=True, check=False, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_curve_falls_and_steps_down():
    curve = fading_curve()
    assert curve["months_silent"].tolist() == list(CURVE_MONTHS)
    assert (curve["trust"].diff().dropna() <= 0).all()
    ranks = curve["stage"].map(STAGES.index)
    assert (ranks.diff().dropna() <= 0).all()
    assert set(curve["earned_stage"]) == {"profitability"}  # the counts alone never fall
    assert curve["stage"].tolist()[:2] == ["profitability"] * 2
    assert curve.set_index("months_silent").loc[12, "stage"] == "visibility"
    assert curve.set_index("months_silent").loc[12, "trust"] < 0.5


def test_a_longer_grace_keeps_the_tie_longer():
    patient = fading_curve(Settings().replace(
        trust=Settings().trust.__class__(silence_grace_days=365.0)))
    assert (patient["trust"] >= fading_curve()["trust"] - 1e-12).all()


# --------------------------------------------------------------------------- the consultant sample


def test_a_partner_silent_for_14_months_is_no_longer_trusted(consultant):
    from refgraph.judge.parts import score_parts

    stamp = consultant.resolve_as_of()
    parts = score_parts(consultant, "me", stamp, consultant.settings.refer)
    ella = parts.loc["c0021"]  # Ella Turner: two years of 1-to-1s, silent since 2025-09
    assert ella["days_since_contact"] > 400
    assert ella["stage"] == "visibility" and ella["relationship"] < 0.3
    assert ella["goodwill"] > 0.3  # her past referrals still count as good will
    assert parts.loc["c0005", "relationship"] > 0.95  # a partner seen last month keeps it


def test_the_fading_relationships_show_stage_drops(consultant):
    from refgraph import fading_ties

    fading = fading_ties(consultant)
    dropped = fading[fading["stage_before"] != fading["stage_now"]]
    assert len(dropped) >= 5
    assert "c0021" in set(fading["v"]) | set(fading["u"])
    assert set(zip(dropped["stage_before"], dropped["stage_now"], strict=True)) <= {
        ("profitability", "credibility"), ("profitability", "visibility"),
        ("credibility", "visibility")}
