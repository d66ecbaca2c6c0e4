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


@pytest.mark.parametrize("trigger", ["we're buying our first house", "we are buying a house",
                                     "buying a flat"])
def test_a_home_buyer_gets_the_conveyancer_and_the_mortgage(consultant, chapter, trigger):
    # Two mortgage advisers answer half of it: the conveyancer is in the top 3,
    # and no estate agent comes before them.
    for network, conveyancer in ((consultant, "Solicitor"), (chapter, "Conveyancing solicitor")):
        top = _professions(network, trigger)
        assert conveyancer in top
        assert {"Mortgage broker", "Independent financial adviser", "Financial adviser"} & set(
            top[:2])
        assert "Estate agent" not in top[:2]


def test_a_seller_gets_the_agent_then_the_conveyancer(consultant, chapter):
    for network, conveyancer in ((consultant, "Solicitor"), (chapter, "Conveyancing solicitor")):
        top = _professions(network, "we're selling our house")
        assert top[:2] == ["Estate agent", conveyancer]


def test_a_house_move_has_its_conveyancer_among_the_agents(consultant):
    top = _professions(consultant, "we're moving house")
    assert "Solicitor" in top and "Estate agent" in top


@pytest.mark.parametrize("trigger", ["we've sold our house", "we sold our flat"])
def test_a_home_sold_has_its_sale_to_complete(consultant, chapter, trigger):
    # The agent's work is done; the conveyancer's is not.
    assert set(_professions(consultant, trigger)) == {"Solicitor"}
    assert _professions(chapter, trigger) == ["Conveyancing solicitor"]


def test_several_needs_a_contact_serves_count_once(consultant):
    # The accountant who also serves the billing system covers both: no weaker
    # tax adviser is pushed up to cover accounting again.
    top = _professions(consultant, "A supplier of mine was using an outdated billing system "
                                   "which got us talking about their accountancy needs.")
    assert top[0] == "Chartered accountant" and "Tax adviser" not in top


@pytest.mark.parametrize("trigger", ["my landlord won't return my deposit",
                                     "my landlord is refusing to give back my deposit",
                                     "the landlord kept our deposit"])
def test_a_deposit_kept_is_a_dispute_for_a_solicitor(consultant, chapter, trigger):
    # As with a refund refused, the solicitor who lists disputes is worth
    # asking, commercial or not; never the landlord's letting agent.
    assert set(_professions(consultant, trigger)) == {"Solicitor"}
    assert _professions(chapter, trigger) == ["Commercial solicitor"]


@pytest.mark.parametrize("trigger", ["it's raining cats and dogs", "it has been raining all week"])
def test_rain_is_no_misspelt_training(consultant, trigger):
    assert _professions(consultant, trigger) == []


@pytest.mark.parametrize("trigger", ["we're going to Japan for our honeymoon",
                                     "we're going to Spain on holiday"])
def test_a_country_visited_asks_for_no_translator(consultant, chapter, trigger):
    # The country is where the trip goes; a honeymoon is a trip to book, not a
    # wedding's caterer.
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top[0] == "Travel agent"
        assert not {"Translator", "Caterer", "Event venue manager", "Florist"} & set(top)


def test_a_translator_asked_for_a_trip_is_still_wanted(consultant):
    assert _professions(consultant, "we need a translator for our trip to Japan")[0] == (
        "Translator")


def test_an_airline_that_will_not_pay_is_no_credit_control(consultant, chapter):
    trigger = "our flight was cancelled and the airline won't pay"
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert not {"Chartered accountant", "Accountant", "Bookkeeper"} & set(top)
    assert "Solicitor" in _professions(consultant, trigger)


@pytest.mark.parametrize("trigger", ["the builder took my deposit and never came back",
                                     "a builder took our deposit and disappeared"])
def test_the_trader_who_did_the_wrong_is_the_other_side(consultant, chapter, trigger):
    assert "Builder" not in _professions(consultant, trigger)
    assert _professions(chapter, trigger) == ["Commercial solicitor"]
    assert "Builder" in _professions(consultant, "we need a builder")


@pytest.mark.parametrize(("trigger", "trade"), [
    ("the roofer took our money and vanished", "Roofer"),
    ("my plumber overcharged me", "Plumber"),
    ("our gardener disappeared with our money", "Landscape gardener"),
])
def test_a_trader_gone_with_the_money_is_a_dispute_first(consultant, chapter, trigger, trade):
    # The solicitor who does disputes leads; the trade told is the other side,
    # asked after them only for the work still to be done.
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top and "olicitor" in top[0] and top[0] != trade


def test_money_taken_is_no_dispute_without_a_trader_gone(consultant):
    # "Took my money" alone is how people speak of tax and fees.
    for trigger in ("the taxman took my money", "the bank took our money in fees"):
        assert not {"Solicitor", "Commercial solicitor"} & set(_professions(consultant, trigger))


@pytest.mark.parametrize(("trigger", "never"), [
    ("a supplier has sent us the wrong stock and won't take it back",
     {"Osteopath", "Physiotherapist", "Chiropractor"}),
    ("he's the black sheep of the family", {"Family solicitor"}),
    ("let's touch base next week", {"Letting agent", "Estate agent"}),
    ("we need to think outside the box", {"R&D tax specialist"}),
])
def test_figures_of_speech_find_no_trade(consultant, chapter, trigger, never):
    for network in (consultant, chapter):
        assert not never & set(_professions(network, trigger, n=10))


def test_a_back_that_comes_back_is_still_a_back(consultant):
    assert {"Osteopath", "Physiotherapist"} & set(_professions(consultant,
                                                               "my back pain came back"))


def test_travel_insurance_is_the_insurance_brokers(consultant, chapter):
    trigger = "I need travel insurance for my mum who has cancer"
    assert _professions(consultant, trigger)[0] == "Insurance broker"
    assert "Travel agent" not in _professions(chapter, trigger)


def test_a_bees_nest_is_no_loft_conversion(consultant):
    # No pest controller known: nobody, rather than the builders who do lofts.
    assert _professions(consultant, "a client has a bees nest in the loft") == []


def test_sales_on_fire_are_good_news(consultant, chapter):
    for network in (consultant, chapter):
        assert _professions(network, "sales are on fire this month") == []


@pytest.mark.parametrize(("trigger", "trade"), [
    ("the plumber overcharged us", "Plumber"),
    ("my plumber overcharged me", "Plumber"),
    ("the electrician overcharged us and left the job half done", "Electrician"),
    ("our roofer overcharged us", "Roofer"),
])
def test_a_trade_that_overcharged_is_the_other_side_not_a_hire(consultant, chapter, trigger,
                                                               trade):
    # Whether the trade is only named ("the plumber") or the word is a person's
    # ("my plumber"), the bill already overcharged is a dispute: the solicitor,
    # and no other plumber offered as if one were wanted.
    for network in (consultant, chapter):
        top = _professions(network, trigger, n=10)
        assert top and "olicitor" in top[0]
        assert trade not in top


def test_overcharging_still_asks_for_a_replacement_or_the_work(consultant, chapter):
    # An accountant who keeps overcharging is one to replace; a plumber who
    # overcharged and left the boiler leaking still leaves a boiler to mend.
    assert _professions(chapter, "our accountant keeps overcharging us")[0] == "Accountant"
    for network in (consultant, chapter):
        top = _professions(network, "the plumber overcharged us and the boiler still leaks")
        assert "olicitor" in top[0] and "Plumber" in top
