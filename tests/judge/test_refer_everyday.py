"""Everyday phrasings a seasoned networker answers without a second thought."""

from __future__ import annotations

import pytest

from refgraph.judge.refer import refer


def _professions(network, trigger, n=3):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


@pytest.mark.parametrize("trigger", [
    "our company website got hacked", "our website was hacked", "someone hacked our website",
])
def test_a_hacked_website_is_a_security_job_first(consultant, chapter, trigger):
    # The security specialist leads, however well the web designer is known;
    # with no specialist known the web designer who can rebuild the site is asked.
    assert _professions(consultant, trigger)[0] == "Cybersecurity consultant"
    assert "Web designer" in _professions(chapter, trigger)


@pytest.mark.parametrize("trigger", [
    "we need wine glasses for the wedding", "glasses of champagne for our launch",
    "a glass of wine after work", "we need new wine glasses for the party",
])
def test_drinking_glasses_are_no_eyewear(consultant, chapter, trigger):
    for network in (consultant, chapter):
        assert "Optician" not in _professions(network, trigger, n=10)


def test_spectacles_still_find_the_optician(chapter):
    # The glass of wine is muted, the glasses dropped in it are not.
    assert _professions(chapter, "I broke my glasses at the party")[0] == "Optician"
    assert "Optician" in _professions(chapter, "she dropped her glasses in a glass of wine "
                                               "and needs new glasses")


@pytest.mark.parametrize("trigger", ["wine glasses for the party", "a party"])
def test_a_party_is_no_party_wall(consultant, trigger):
    # The surveyors' "party wall" shares only a word with the trigger.
    assert "Chartered surveyor" not in _professions(consultant, trigger, n=10)


def test_a_party_at_home_is_an_event(consultant, chapter):
    assert {"Caterer", "Event venue manager"} & set(_professions(consultant,
                                                                 "we're having a party"))
    assert "Event planner" in _professions(chapter, "we are hosting a garden party")
