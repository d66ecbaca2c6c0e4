"""Model properties (PRODUCT.md, "Properties the model must have"), checked with hypothesis.

* More interactions never make a tie weaker; an interaction counts less the
  older it is; nothing after ``as_of`` counts.
* Tie strength is symmetric for mutual kinds; referral and business flows keep
  their direction.
* Trust is a number in [0, 1] that grows with strength.
* Every weight and half-life is configurable, and changing one changes the
  result as the formula says.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph import Settings
from refgraph.io.settings import DIRECTED_KINDS, KINDS, STAGES, SUBSTANTIVE_KINDS
from refgraph.io.settings_load import settings_from_dict
from refgraph.model.ties import flow_table, tie_table, trust_from_strength

AS_OF = pd.Timestamp("2025-01-01", tz="UTC")
PEOPLE = ("a", "b", "c", "d")
MUTUAL_KINDS = tuple(k for k in KINDS if k not in DIRECTED_KINDS)
DEFAULTS = Settings()
EXAMPLES = settings(max_examples=50, deadline=None)

# (hours before AS_OF, source, target, kind); never a self-loop.
interaction = st.tuples(
    st.integers(min_value=0, max_value=4 * 365 * 24),
    st.sampled_from(PEOPLE),
    st.sampled_from(PEOPLE),
    st.sampled_from(KINDS),
).filter(lambda row: row[1] != row[2])
interactions = st.lists(interaction, max_size=25)


def frame(rows) -> pd.DataFrame:
    hours = [row[0] for row in rows]
    return pd.DataFrame({
        "date": pd.Series(AS_OF - pd.to_timedelta(hours, unit="h"), dtype="datetime64[us, UTC]"),
        "source": pd.Series([row[1] for row in rows], dtype=object),
        "target": pd.Series([row[2] for row in rows], dtype=object),
        "kind": pd.Categorical([row[3] for row in rows], categories=KINDS),
        "value": np.full(len(rows), np.nan),
    })


def ties(rows, config: Settings = DEFAULTS, as_of=AS_OF) -> dict[tuple[str, str], dict]:
    table = tie_table(frame(rows), config, as_of)
    return {(row["u"], row["v"]): row for row in table.to_dict("records")}


def strengths(rows, config: Settings = DEFAULTS) -> dict[tuple[str, str], float]:
    return {pair: row["strength"] for pair, row in ties(rows, config).items()}


def pair(row) -> tuple[str, str]:
    return tuple(sorted(row[1:3]))


# --------------------------------------------------------------------------- more, older, later


@EXAMPLES
@given(interactions, interaction)
def test_more_interactions_never_weaken_a_tie(rows, extra):
    before = ties(rows)
    after = ties([*rows, extra])
    for key, row in before.items():
        assert after[key]["strength"] >= row["strength"]
        assert after[key]["trust"] >= row["trust"]
        assert STAGES.index(after[key]["stage"]) >= STAGES.index(row["stage"])
    grown = after[pair(extra)]["strength"] - before.get(pair(extra), {"strength": 0})["strength"]
    assert grown > 0  # every kind weighs something by default


@EXAMPLES
@given(interactions, st.sampled_from(KINDS), st.integers(0, 3000), st.integers(1, 3000))
def test_an_interaction_counts_less_the_older_it_is(rows, kind, hours, extra_hours):
    recent = strengths([*rows, (hours, "a", "b", kind)])
    older = strengths([*rows, (hours + extra_hours, "a", "b", kind)])
    assert older[("a", "b")] < recent[("a", "b")]
    assert {k: v for k, v in older.items() if k != ("a", "b")} == pytest.approx(
        {k: v for k, v in recent.items() if k != ("a", "b")})


@EXAMPLES
@given(interactions, st.lists(interaction, min_size=1, max_size=10))
def test_nothing_after_as_of_counts(rows, future):
    later = [(-1 - hours, source, target, kind) for hours, source, target, kind in future]
    as_of = AS_OF
    expected = tie_table(frame(rows), DEFAULTS, as_of)
    got = tie_table(frame([*rows, *later]), DEFAULTS, as_of)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    directed = flow_table(frame([*rows, *later]), DEFAULTS, as_of)
    pd.testing.assert_frame_equal(directed, flow_table(frame(rows), DEFAULTS, as_of))


# --------------------------------------------------------------------------- trust


@EXAMPLES
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=30),
       st.floats(0.01, 1e3))
def test_trust_is_in_0_1_and_grows_with_strength(values, scale):
    strength = np.sort(np.asarray(values))
    trust = trust_from_strength(strength, scale)
    assert np.all((trust >= 0) & (trust <= 1))
    assert np.all(np.diff(trust) >= 0)
    assert trust_from_strength(0.0, scale) == 0.0


@EXAMPLES
@given(interactions)
def test_trust_in_the_tie_table_follows_strength(rows):
    table = tie_table(frame(rows), DEFAULTS, AS_OF)
    if len(table) == 0:
        return
    ordered = table.sort_values("strength")
    assert ordered["trust"].between(0, 1).all()
    assert np.all(np.diff(ordered["trust"].to_numpy()) >= 0)
    assert np.allclose(ordered["distance"], -np.log(ordered["trust"]))


# --------------------------------------------------------------------------- direction


@EXAMPLES
@given(interactions)
def test_ties_are_symmetric(rows):
    swapped = [(hours, target, source, kind) for hours, source, target, kind in rows]
    pd.testing.assert_frame_equal(tie_table(frame(swapped), DEFAULTS, AS_OF),
                                  tie_table(frame(rows), DEFAULTS, AS_OF))


@EXAMPLES
@given(interactions)
def test_mutual_kinds_never_make_a_flow(rows):
    mutual = [row for row in rows if row[3] in MUTUAL_KINDS]
    assert len(flow_table(frame(mutual), DEFAULTS, AS_OF)) == 0


@EXAMPLES
@given(interactions)
def test_flows_keep_their_direction(rows):
    flows = flow_table(frame(rows), DEFAULTS, AS_OF)
    counted = {(r["source"], r["target"]): r for r in flows.to_dict("records")}
    column = {"referral": "referrals", "business": "business", "introduction": "introductions"}
    expected: dict[tuple[str, str], dict[str, int]] = {}
    for _, source, target, kind in rows:
        if kind in column:
            entry = expected.setdefault((source, target), dict.fromkeys(column.values(), 0))
            entry[column[kind]] += 1
    assert set(counted) == set(expected)
    for key, entry in expected.items():
        assert {name: counted[key][name] for name in entry} == entry
    swapped = [(hours, target, source, kind) for hours, source, target, kind in rows]
    reverse = flow_table(frame(swapped), DEFAULTS, AS_OF)
    assert {(r["target"], r["source"]) for r in reverse.to_dict("records")} == set(expected)


# --------------------------------------------------------------------------- configuration


@EXAMPLES
@given(interactions, st.sampled_from(KINDS), st.floats(0.0, 20.0))
def test_each_kind_weight_scales_its_own_contribution(rows, kind, weight):
    base = strengths(rows)
    changed = strengths(rows, settings_from_dict({"kind_weights": {kind: weight}}))
    expected = dict.fromkeys(base, 0.0)
    factor = weight / DEFAULTS.kind_weights[kind] - 1
    fades = {key: row["fade"] for key, row in ties(rows).items()}  # weights do not move it
    for hours, source, target, row_kind in rows:
        if row_kind == kind:
            age = hours / 24
            contribution = DEFAULTS.kind_weights[kind] * 0.5 ** (
                age / DEFAULTS.half_life_days[kind])
            key = pair((hours, source, target))
            faded = fades[key] if kind in SUBSTANTIVE_KINDS else 1.0
            expected[key] += factor * contribution * faded
    for key, value in base.items():
        assert changed[key] == pytest.approx(value + expected[key], rel=1e-9, abs=1e-12)


@EXAMPLES
@given(interactions, st.sampled_from(KINDS), st.floats(1.0, 5000.0))
def test_each_half_life_changes_only_its_kind(rows, kind, half_life):
    base = strengths(rows)
    changed = strengths(rows, settings_from_dict({"half_life_days": {kind: half_life}}))
    longer = half_life > DEFAULTS.half_life_days[kind]
    for key, value in base.items():
        touched = any(pair(row) == key and row[3] == kind and row[0] > 0 for row in rows)
        if not touched:
            assert changed[key] == pytest.approx(value, rel=1e-12)
        elif half_life != DEFAULTS.half_life_days[kind]:
            # A longer half-life keeps old interactions stronger; a shorter fades them.
            assert (changed[key] > value) == longer or math.isclose(changed[key], value)


@EXAMPLES
@given(interactions, st.floats(0.1, 100.0), st.floats(0.1, 100.0))
def test_trust_scale_is_configurable(rows, first, second):
    low, high = sorted((first, second))
    loose = ties(rows, settings_from_dict({"trust": {"scale": low}}))
    tight = ties(rows, settings_from_dict({"trust": {"scale": high}}))
    for key, row in loose.items():
        assert row["trust"] == pytest.approx(1 - math.exp(-row["strength"] / low))
        assert tight[key]["trust"] <= row["trust"] + 1e-15


@EXAMPLES
@given(interactions, st.floats(0.0, 5.0), st.floats(0.0, 5.0))
def test_stage_thresholds_are_configurable(rows, first, second):
    easy, hard = sorted((first, second))
    lenient = ties(rows, settings_from_dict({"stages": {"credibility_min": easy,
                                                        "profitability_min": easy}}))
    demanding = ties(rows, settings_from_dict({"stages": {"credibility_min": hard,
                                                          "profitability_min": hard}}))
    for key, row in lenient.items():
        assert STAGES.index(demanding[key]["stage"]) <= STAGES.index(row["stage"])
        profitable = row["profitable"] >= easy
        credible = row["substantive"] >= easy
        assert row["earned_stage"] == ("profitability" if profitable else
                                       "credibility" if credible else "visibility")
        assert STAGES.index(row["stage"]) <= STAGES.index(row["earned_stage"])


# --------------------------------------------------------------------------- silence


@EXAMPLES
@given(interactions)
def test_silence_steps_the_stage_down_after_the_documented_periods(rows):
    stages = DEFAULTS.stages
    for row in ties(rows).values():
        assert 0 < row["fade"] <= 1
        silent = row["silent_days"]
        earned, stage = STAGES.index(row["earned_stage"]), STAGES.index(row["stage"])
        if math.isnan(silent) or silent <= stages.profitability_silent_days:
            assert stage == earned
        elif silent <= stages.credibility_silent_days:
            assert stage == min(earned, STAGES.index("credibility"))
        else:
            assert row["stage"] == "visibility"


@EXAMPLES
@given(interactions, st.floats(0.0, 400.0), st.floats(1.0, 400.0))
def test_silence_settings_are_configurable(rows, grace, half_life):
    changed = ties(rows, settings_from_dict({"trust": {"silence_grace_days": grace,
                                                       "silence_half_life_days": half_life}}))
    for row in changed.values():
        silent = 0.0 if math.isnan(row["silent_days"]) else row["silent_days"]
        assert row["fade"] == pytest.approx(0.5 ** (max(0.0, silent - grace) / half_life))
