"""Answers a seasoned networker would not be embarrassed by.

Each test reads a family of everyday phrasings on the sample networks (or
a toy network holding the trade the sample lacks) and checks what a BNI
member would say first: the money worry behind "start a family", the
employment lawyer behind a maternity worry, the GP before any trade for a
lump, the bank before the solicitor for a scam.
"""

from __future__ import annotations

import pytest

from refgraph.judge.needs import match_needs
from refgraph.judge.refer import refer


def _professions(network, trigger, n=5):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


def _needs(trigger):
    return [m.name for m in match_needs(trigger)]


@pytest.mark.parametrize("trigger", [
    "we want to start a family but money is tight", "money is really tight at the moment",
    "we're struggling to make ends meet", "we can't afford to start a family",
    "the cost of living is really hurting us", "we need help with our household budget",
])
def test_money_worries_are_a_financial_advisers_budget(consultant, chapter, trigger):
    # No debt told: the budget and the family's cover are an adviser's to
    # plan, never the family solicitor the word "family" used to find.
    assert _needs(trigger)[0] == "financial planning"
    for network in (consultant, chapter):
        professions = _professions(network, trigger)
        assert professions and set(professions) <= {
            "Independent financial adviser", "Financial planner", "Financial adviser"}


@pytest.mark.parametrize("trigger", [
    "we want to start a family", "we run a family business", "my family are driving me mad",
    "we're off on a family day out", "the family car needs cleaning",
])
def test_a_family_is_no_job_for_a_family_solicitor(consultant, trigger):
    # "Family" says whose life it is; a separation is told in its own words.
    assert "Family solicitor" not in _professions(consultant, trigger, n=10)


def test_a_divorce_is_still_the_family_solicitors(consultant):
    assert _professions(consultant, "my sister is getting divorced")[0] == "Family solicitor"
