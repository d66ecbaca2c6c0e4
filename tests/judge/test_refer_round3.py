"""Answers a seasoned networker would give a friend: no trade where none is needed.

A parking fine is appealed or paid, not taken to a commercial solicitor; a
chef who quit is a role to fill, not a caterer to book; a mother struggling
since her husband died wants support before anyone sorts the estate; money
owed to a person is a letter, the small claims court or a litigator, not a
bookkeeper's credit control; a fence on your land is a surveyor's and a
property litigator's; knotweed is a specialist's, never a gardener's; a
pregnant teenager sees her GP first, and no nursery.
"""

from __future__ import annotations

import pytest
from toys import meetings, needs_told, refer_answer, refer_professions

from refgraph.judge.refer import refer
from refgraph.show import to_text


@pytest.mark.parametrize("trigger", [
    "I got a parking fine", "we got a parking ticket outside the school",
    "I got a speeding ticket", "my husband got a PCN in a bus lane",
])
def test_a_fine_is_appealed_or_paid_not_referred(consultant, chapter, trigger):
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["candidates"] == [], trigger
        assert answer["warnings"][0].startswith("nothing to refer: appeal it yourself")
        assert answer["first_step_only"]


def test_a_licence_at_risk_is_still_a_motoring_solicitors():
    assert "criminal defence" in needs_told("got caught speeding again and might lose my licence")


@pytest.mark.parametrize("trigger", [
    "Our chef has quit", "our head chef has walked out", "our chef just quit on us",
    "our manager has quit",
])
def test_a_chef_who_quit_is_a_role_to_fill(consultant, chapter, trigger):
    assert needs_told(trigger) == ["hiring"]
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and "Caterer" not in professions
        assert set(professions) <= {"HR consultant", "Recruitment consultant", "Recruiter"}


def test_a_trade_who_retired_is_still_the_trade_wanted():
    # A keyword naming a departed trade tells a role to fill; a supplier who
    # retired is replaced by another of the trade.
    assert needs_told("our bookkeeper has retired") == ["accounting"]
    assert needs_told("my accountant has retired") == ["accounting"]


@pytest.mark.parametrize("trigger", [
    "My mum is struggling since dad died", "dad is not coping since mum passed away",
    "my nan has been grieving since grandad died",
    "my granddad died and my nan is really struggling",
    "my mum died last month and I can't stop crying",
])
def test_a_bereaved_parent_struggling_wants_support_before_the_estate(consultant, chapter,
                                                                      trigger):
    assert needs_told(trigger)[0] == "grief"
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith("support first: a GP")
        assert "Will writer" not in {c["profession"] for c in answer["candidates"]}


def test_a_death_told_without_grief_still_finds_the_estates_help(consultant):
    assert "Will writer" in refer_professions(consultant, "my dad died and left no will")


def test_after_a_gp_first_nobody_is_asked_about_a_missing_trade(consultant):
    result = refer(consultant, "I keep getting dizzy spells")
    assert result.first_step_only and result.candidates.empty
    text = to_text(result)
    assert "see a GP first" in text
    assert "ask a contact you trust" not in text.lower()
    assert "Nobody to refer: the first step above is the answer" in text


def test_after_the_police_a_missing_insurer_is_still_said(network_factory):
    # A theft is the police's first, then the insurer's: a broker the network
    # lacks is worth asking a contact about.
    contacts = [{"id": "me", "name": "Me"}, {"id": "ann", "name": "Ann", "profession": "Florist"}]
    result = refer(network_factory(contacts, meetings("me", "ann", 3)), "my purse was stolen")
    assert result.warnings[0].startswith("report it to the police")
    assert result.candidates.empty and not result.first_step_only
    assert "No one in the network serves insurance" in to_text(result)


def test_a_trade_missing_after_a_gp_first_is_still_said(chapter):
    # Headaches are the GP's first, then an optician's or an osteopath's: a
    # trade the network lacks is worth asking a contact about.
    result = refer(chapter, "I get terrible headaches")
    assert not result.first_step_only


@pytest.mark.parametrize("trigger", [
    "Someone owes me five grand", "a friend owes me money and won't pay me back",
    "I lent my brother-in-law money and he won't pay it back",
])
def test_money_owed_to_a_person_is_no_credit_control(consultant, chapter, trigger):
    assert "money owed" in needs_told(trigger) and "credit control" not in needs_told(trigger)
    professions = refer_professions(consultant, trigger)
    assert professions and set(professions) <= {"Solicitor"}
    answer = refer_answer(chapter, trigger)
    assert not {"Accountant", "Bookkeeper"} & {c["profession"] for c in answer["candidates"]}
    assert any("small claims court" in w for w in answer["warnings"])


def test_a_business_chasing_invoices_is_still_credit_control(consultant):
    assert "credit control" in needs_told("a customer owes us 20 grand on an overdue invoice")
    assert "credit control" not in needs_told("our tenant hasn't paid rent for three months")


@pytest.mark.parametrize("trigger", [
    "The neighbour's fence is on our land", "the neighbours moved the fence",
    "my neighbour's extension is over our boundary",
])
def test_a_boundary_dispute_is_a_surveyors_and_a_property_litigators(consultant, chapter,
                                                                    trigger):
    assert needs_told(trigger) == ["boundary dispute"]
    professions = refer_professions(consultant, trigger)
    assert professions and set(professions) <= {"Chartered surveyor", "Solicitor"}
    assert "Commercial solicitor" not in refer_professions(chapter, trigger)


@pytest.mark.parametrize("trigger", [
    "We found Japanese knotweed in the garden", "there's knotweed next to the patio",
])
def test_knotweed_is_a_specialists_never_a_gardeners(consultant, chapter, trigger):
    assert needs_told(trigger) == ["invasive weeds"]
    for network in (consultant, chapter):
        result = refer(network, trigger)
        assert result.candidates.empty and not result.first_step_only
        assert "No one in the network serves invasive weeds" in to_text(result)


@pytest.mark.parametrize("trigger", [
    "My teenage daughter is pregnant", "our 15 year old daughter is pregnant",
    "my daughter is 16 and pregnant", "my teenage son got his girlfriend pregnant",
])
def test_a_pregnant_teenager_sees_her_gp_first_and_no_nursery(consultant, trigger):
    assert needs_told(trigger) == ["teenage pregnancy"]
    answer = refer_answer(consultant, trigger)
    assert answer["warnings"][0].startswith("see a GP or a sexual health clinic first")
    assert "Nursery owner" not in {c["profession"] for c in answer["candidates"]}


def test_an_expected_baby_is_the_midwifes_first_not_a_nurserys(consultant):
    answer = refer_answer(consultant, "we're expecting our first baby")
    assert answer["warnings"][0].startswith("see a GP or a midwife first")
    assert "Nursery owner" not in {c["profession"] for c in answer["candidates"]}


#: (trigger, the need a networker hears in it), everyday phrasings the
#: taxonomy missed or gave to the wrong trade.
HEARD = [
    ("a client is suing us", "legal"),
    ("the loo keeps running", "plumbing and heating"),
    ("there's a funny smell from the drains", "plumbing and heating"),
    ("I'm always tired", "medical symptoms"),
    ("I've been feeling really down", "counselling"),
    ("my wife has been diagnosed with MS", "serious illness"),
    ("my husband wants a prenup", "separation and divorce"),
    ("there's a crack in the windscreen", "car repairs"),
    ("one of our drivers had an accident", "insurance"),
    ("I've got three credit cards maxed out", "personal debt"),
    ("our house is being repossessed", "personal debt"),
    ("I got a county court judgment", "personal debt"),
    ("I'm being stalked on Instagram", "harassment"),
    ("my neighbour is harassing us", "harassment"),
    ("my bike got nicked", "insurance"),
    ("our manager is a bully", "hr"),
    ("my boss is a bully", "treated unfairly at work"),
    ("need contracts for our staff", "hr"),
    ("the baby has a rash", "medical symptoms"),
    ("need a chippy to fit some doors", "home improvement"),
    ("know a good brickie", "home improvement"),
    ("someone is fly tipping on our land", "waste and clearance"),
    ("the misus wants a conservatory", "extension or conversion"),
    ("we want to appeal a planning decision", "extension or conversion"),
    ("need a new commercial unit", "property"),
    ("dad's will is being contested", "will dispute"),
    ("my husband has been drinking again", "problem drinking"),
    ("I think my teenager is on drugs", "counselling"),
    ("my co-founder is leaving", "buying or selling a business"),
    ("we can't pay our suppliers", "debt"),
    ("our van needs signwriting", "printing"),
    ("my eyes are really dry", "eye care"),
    ("setting up a new email", "it support"),
    ("need a tree cutting down", "gardening"),
    ("our neighbour's fence fell into our garden", "gardening"),
    ("my husband left me and I can't afford the mortgage", "mortgage"),
]


@pytest.mark.parametrize(("trigger", "need"), HEARD)
def test_everyday_troubles_are_heard(trigger, need):
    assert needs_told(trigger)[0] == need


def test_skint_till_payday_is_no_shop_till(consultant):
    # "Till" as "until" is no point-of-sale till for IT support.
    assert refer_professions(consultant, "skint till payday") == []
    assert "it support" in needs_told("our till keeps crashing")


@pytest.mark.parametrize(("trigger", "trade"), [
    ("I need a private scan", "Restaurant owner"),
    ("want to get a tattoo removed", "Removals company owner"),
    ("I've got three credit cards maxed out", "Printer"),
])
def test_a_word_shared_by_chance_lists_no_stranger_trade(consultant, trigger, trade):
    # "Private" dining, "removals" and "business cards" share a word, not a trade.
    assert trade not in refer_professions(consultant, trigger)


def test_stalking_is_the_polices_first_not_a_social_media_job(consultant, chapter):
    for network in (consultant, chapter):
        answer = refer_answer(network, "I'm being stalked on Instagram")
        assert answer["warnings"][0].startswith("tell the police first (999 if anyone")
        assert "Social media manager" not in {c["profession"] for c in answer["candidates"]}
    assert refer_answer(chapter, "I'm being stalked on Instagram")["first_step_only"]


def test_sickness_in_pregnancy_is_the_gps_not_a_nurserys(consultant):
    answer = refer_answer(consultant, "pregnant and feeling sick all the time")
    assert answer["warnings"][0].startswith("see a GP first")
    assert answer["candidates"] == []


def test_sacked_for_no_reason_puts_an_employment_lawyer_near_the_top(consultant):
    # A need served only by someone rated low is served by the next who does
    # it, not left for the rated-low to be moved out of the top places.
    top = refer_professions(consultant, "got sacked for no reason", 3)
    assert "Employment lawyer" in top


def test_a_bike_nicked_is_the_polices_first_and_a_son_nicked_is_no_theft():
    from refgraph.io.settings import ReferSettings
    from refgraph.judge.first_calls import first_calls
    from refgraph.judge.story import read_trigger

    said = first_calls(read_trigger("my bike got nicked", ReferSettings()), ["insurance"])
    assert said and said[0].startswith("report it to the police")
    assert not first_calls(read_trigger("my son got nicked", ReferSettings()), [])


def test_fly_tipping_on_our_land_is_no_boundary_dispute():
    assert "boundary dispute" not in needs_told("someone is fly tipping on our land")


def test_an_ifa_asked_for_is_an_independent_financial_adviser(consultant):
    assert "Independent financial adviser" in refer_professions(consultant, "need an IFA")


@pytest.mark.parametrize(("trigger", "not_wanted"), [
    ("the people next door are building without permission", "HR consultant"),
    ("need a new commercial unit", "Commercial cleaner"),
    ("we want to appeal a planning decision", "Business coach"),
])
def test_a_shared_word_is_no_trade(consultant, chapter, trigger, not_wanted):
    # "People", "commercial" and "planning" are words many services share.
    for network in (consultant, chapter):
        assert not_wanted not in refer_professions(network, trigger)


def test_a_contested_will_is_no_will_writers(consultant):
    professions = refer_professions(consultant, "dad's will is being contested")
    assert professions and "Will writer" not in professions


def test_a_house_to_clear_after_a_death_finds_the_clearance_too():
    assert "waste and clearance" in needs_told("my mum died and the house needs clearing")


def test_a_fence_that_fell_is_no_neighbours_fall():
    assert "care at home" not in needs_told("our neighbour's fence fell into our garden")


def test_a_spouse_who_left_brings_the_family_solicitor(consultant):
    trigger = "my husband left me and I can't afford the mortgage"
    assert "separation and divorce" in needs_told(trigger)
    assert "Family solicitor" in refer_professions(consultant, trigger, 3)


def test_a_builder_who_owes_a_refund_is_the_other_side(consultant):
    # The builder owes: the solicitor recovers it, no other builder is wanted.
    trigger = "a builder owes us a refund"
    assert needs_told(trigger) == ["money owed"]
    professions = refer_professions(consultant, trigger)
    assert professions and "Builder" not in professions


@pytest.mark.parametrize("trigger", [
    "we lost a big client and I am really struggling", "she passed her exams but is struggling",
])
def test_struggling_without_a_death_is_no_grief(trigger):
    assert "grief" not in needs_told(trigger)


@pytest.mark.parametrize(("trigger", "not_heard"), [
    ("I lent my car to a friend and he crashed it", "money owed"),
    ("work is encroaching on family time", "boundary dispute"),
    ("my landlord is threatening me with eviction", "harassment"),
])
def test_a_new_situation_is_not_heard_in_words_that_mean_something_else(trigger, not_heard):
    assert not_heard not in needs_told(trigger)


def test_a_business_owed_by_its_customer_chases_the_invoice_first():
    # Credit control leads; recovering a person's money is only its occasion.
    assert needs_told("a customer owes us 20 grand") == ["credit control"]


@pytest.mark.parametrize("trigger", ["there was a fire in our kitchen",
                                     "we had a fire in our house last night"])
def test_a_fire_told_with_our_or_my_is_a_claim_for_the_broker(consultant, trigger):
    assert needs_told(trigger) == ["insurance"]
    assert refer_professions(consultant, trigger, 1) == ["Insurance broker"]


@pytest.mark.parametrize("trigger", ["the taxman sent me a letter",
                                     "I got a letter from the tax man"])
def test_a_letter_from_the_taxman_is_the_accountants(consultant, trigger):
    assert needs_told(trigger) == ["accounting"]
    assert set(refer_professions(consultant, trigger, 2)) <= {"Chartered accountant", "Tax adviser",
                                                          "Accountant", "Bookkeeper"}
