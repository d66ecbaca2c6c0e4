"""Answers a seasoned networker would give, round four: first steps and everyday words.

A widowed mother who cannot cope wants support and care before any will; an
ex who harasses is the police's to hear first; a business whose MD died is a
business to steady, not a grief to counsel; a pregnancy is the midwife's and
a toddler who will not sleep the health visitor's, never a nursery's; a
plasterer is the builder's trade; woodworm, a car's odd noise and being skint
are heard, and being broke is free debt advice, not an investment adviser.
"""

from __future__ import annotations

import pytest
from toys import needs_told, refer_answer, refer_professions

from refgraph.judge.refer import refer


def test_a_parent_alone_after_a_death_wants_support_and_care_first(consultant, chapter):
    trigger = "Dad passed away and mum can't cope on her own"
    assert "grief" in needs_told(trigger) and "will writing" not in needs_told(trigger)
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith("support first: a GP")
        assert "Will writer" not in {c["profession"] for c in answer["candidates"]}


@pytest.mark.parametrize("trigger", [
    "My ex is harassing me", "my ex keeps harassing me", "I'm being harassed by my ex",
])
def test_an_ex_who_harasses_is_the_polices_first(consultant, chapter, trigger):
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith("tell the police first"), trigger
    assert set(refer_professions(consultant, trigger)) == {"Family solicitor"}


def test_a_business_whose_leader_died_is_steadied_not_counselled(consultant, chapter):
    trigger = "Since our MD died the business is struggling"
    assert "grief" not in needs_told(trigger)
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert not answer["first_step_only"]
        assert not any(w.startswith("support first") for w in answer["warnings"])
        professions = {c["profession"] for c in answer["candidates"]}
        assert professions & {"Accountant", "Chartered accountant", "Business coach"}
        assert "Will writer" not in professions


def test_a_struggling_business_is_a_coach_and_the_numbers(consultant):
    professions = refer_professions(consultant, "our business is struggling")
    assert professions and set(professions[:3]) <= {
        "Chartered accountant", "Accountant", "Business coach", "Business mentor",
        "Outsourced finance director", "Business growth consultant"}


@pytest.mark.parametrize("trigger", [
    "I'm pregnant", "my wife is pregnant", "we're expecting a baby", "pregnant with twins!",
])
def test_a_pregnancy_is_the_midwifes_first_and_no_nursery(consultant, chapter, trigger):
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith("see a GP or a midwife first"), trigger
        assert "Nursery owner" not in {c["profession"] for c in answer["candidates"]}


def test_a_pregnancy_alone_says_the_midwife_first_beside_a_bigger_home_the_home(consultant):
    assert refer_answer(consultant, "I'm pregnant")["first_step_only"]
    answer = refer_answer(consultant, "we're expecting a baby and need a bigger house")
    assert not answer["warnings"] or not answer["warnings"][0].startswith("see a GP")
    assert answer["candidates"]


@pytest.mark.parametrize("trigger", [
    "my toddler won't sleep", "our baby keeps waking up every hour",
    "my little one is not sleeping through the night",
])
def test_a_child_who_wont_sleep_is_the_health_visitors_first(consultant, chapter, trigger):
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith("talk to your health visitor or GP first")
        assert not {"Nursery owner", "Counsellor"} & {c["profession"]
                                                      for c in answer["candidates"]}


def test_a_sleep_consultant_is_found_when_the_network_has_one(network_factory):
    from toys import meetings
    contacts = [{"id": "me", "name": "Me"},
                {"id": "s", "name": "Sam", "profession": "Sleep consultant"},
                {"id": "n", "name": "Nia", "profession": "Nursery owner"}]
    interactions = meetings("me", "s", 3) + meetings("me", "n", 5)
    names = [c["name"] for c in refer(network_factory(contacts, interactions),
                                      "my toddler won't sleep").to_dict()["candidates"]]
    assert names == ["Sam"]
    # An adult who cannot sleep is still no health visitor's.
    assert "child sleep" not in needs_told("I can't sleep with worry")


@pytest.mark.parametrize("trigger", ["Need a plasterer", "we need a good plasterer asap"])
def test_a_plasterer_is_the_builders_trade(consultant, chapter, trigger):
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and set(professions) <= {"Builder", "Interior designer"}, professions
        assert professions[0] == "Builder"


@pytest.mark.parametrize("trigger", [
    "we have woodworm in the stairs", "I think there's dry rot under the floor",
])
def test_woodworm_is_a_timber_specialists_or_surveyors_and_a_builders(consultant, chapter,
                                                                      trigger):
    assert needs_told(trigger) == ["timber and damp"]
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and set(professions) <= {"Chartered surveyor", "Surveyor", "Builder"}


@pytest.mark.parametrize("trigger", [
    "there's a weird noise from my car", "a weird knocking noise coming from my car",
])
def test_a_noise_from_the_car_is_a_garages(consultant, trigger):
    assert needs_told(trigger) == ["car repairs"]
    professions = refer_professions(consultant, trigger)
    assert professions and set(professions) == {"Garage owner"}


@pytest.mark.parametrize("trigger", [
    "we're skint", "I'm broke until payday", "we can't make ends meet",
    "money is really tight at the moment", "we're struggling to make ends meet",
    "the cost of living is really hurting us", "we want to start a family but money is tight",
])
def test_being_broke_is_free_debt_advice_first_not_a_trade(consultant, chapter, trigger):
    assert "personal debt" in needs_told(trigger)
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith("free debt and money advice first")
        assert not {"Independent financial adviser", "Financial planner", "Financial adviser",
                    "Mortgage broker"} & {c["profession"] for c in answer["candidates"]}


# --- everyday phrasings read on both samples -------------------------------------


@pytest.mark.parametrize("trigger", ["need someone to paint the living room",
                                     "Need a decorator"])
def test_a_room_to_paint_is_the_decorators_or_builders_not_an_interior_designers(
        consultant, chapter, trigger):
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and "Interior designer" not in professions
        assert professions[0] == "Builder"


@pytest.mark.parametrize("trigger", ["my knee's been killing me since the marathon",
                                     "I want to get fit but my back is killing me"])
def test_a_pain_from_sport_is_the_physios_not_a_personal_trainers(consultant, chapter,
                                                                   trigger):
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger, 3)
        assert professions and "Personal trainer" not in professions
        assert set(professions) <= {"Osteopath", "Physiotherapist", "Chiropractor"}


def test_eyes_getting_worse_is_the_opticians(chapter):
    assert set(refer_professions(chapter, "my eyes are getting worse")) == {"Optician"}


@pytest.mark.parametrize("trigger, first", [
    ("I'm always knackered", "see a GP first"),
    ("I need to stop smoking", "the free stop smoking service first"),
    ("neighbour's music is so loud every night", "talk to them first"),
    ("my credit score is terrible", "free debt and money advice first"),
    ("i owe the council tax", "free debt and money advice first"),
])
def test_a_first_step_no_trade_takes_is_the_whole_answer(consultant, chapter, trigger, first):
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert answer["warnings"][0].startswith(first), trigger
        assert answer["candidates"] == [] and answer["first_step_only"]


@pytest.mark.parametrize("trigger", ["my parents are getting old and need help",
                                     "my teenager is out of control"])
def test_a_family_worry_is_heard_and_finds_no_finance_manager(consultant, trigger):
    assert needs_told(trigger)
    assert "Finance manager" not in refer_professions(consultant, trigger)


def test_money_to_invest_is_a_financial_advisers_not_an_angel_investors(consultant):
    professions = refer_professions(consultant, "how do I invest 50k")
    assert professions and "Angel investor" not in professions
    assert professions[0] in {"Independent financial adviser", "Financial planner"}


def test_curtains_and_a_shop_fit_are_an_interior_designers(consultant, chapter):
    assert set(refer_professions(consultant, "we want new curtains and blinds")) == {
        "Interior designer"}
    assert set(refer_professions(chapter, "need a shop fitter")) == {"Interior designer"}


def test_a_pay_rise_to_ask_for_is_a_career_coachs(consultant):
    professions = refer_professions(consultant, "i want a pay rise")
    assert professions[0] == "Career coach"
    assert "Independent financial adviser" not in professions


def test_back_to_work_after_years_off_is_no_nursery(consultant):
    professions = refer_professions(consultant, "going back to work after 10 years off")
    assert professions and "Nursery owner" not in professions
    assert professions[0] == "Career coach"


def test_sacked_unfairly_is_the_employment_lawyers_first(consultant, chapter):
    assert refer_professions(consultant, "I've been sacked unfairly")[0] == "Employment lawyer"
    # No employment lawyer in the chapter: no financial adviser in their place.
    assert "Financial adviser" not in refer_professions(chapter, "I've been sacked unfairly")


def test_an_employee_off_sick_is_hrs_not_a_gp_first(consultant, chapter):
    for network in (consultant, chapter):
        answer = refer_answer(network, "an employee is off sick all the time")
        assert not any(w.startswith("see a GP") for w in answer["warnings"])
        assert answer["candidates"][0]["profession"] == "HR consultant"


@pytest.mark.parametrize("trigger", ["printer keeps jamming", "printer not working"])
def test_an_office_printer_that_jams_is_it_not_the_print_shop(consultant, chapter, trigger):
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and "Printer" not in professions


@pytest.mark.parametrize("trigger", ["car's been making a clunking sound", "car's knackered"])
def test_a_car_in_slang_is_the_garages_never_a_lease(consultant, chapter, trigger):
    assert set(refer_professions(consultant, trigger)) == {"Garage owner"}
    assert "Vehicle leasing" not in refer_professions(chapter, trigger)


def test_a_misspelt_solicitor_is_still_a_solicitor(consultant, chapter):
    for network in (consultant, chapter):
        professions = refer_professions(network, "need a good solicter")
        assert professions and all("olicitor" in p for p in professions)


def test_a_team_party_is_an_event_not_a_leadership_trainers(consultant, chapter):
    trigger = "new year's eve party for the team"
    assert needs_told(trigger) == ["events"]
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and "Leadership trainer" not in professions


def test_a_better_energy_deal_is_heard():
    assert needs_told("we need a better deal on energy") == ["energy"]


def test_a_boiler_that_died_is_no_bereavement(consultant, chapter):
    trigger = "my boiler died and I've got no hot water, not a heating engineer, a plumber"
    assert needs_told(trigger) == ["plumbing and heating"]
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and set(professions) == {"Plumber"}


def test_an_owner_retiring_to_sell_is_a_business_sale_not_a_pension(consultant):
    trigger = "the owner of the bakery next door is retiring and wants to sell"
    assert "buying or selling a business" in needs_told(trigger)
    assert "Independent financial adviser" not in refer_professions(consultant, trigger)


def test_a_company_van_crashed_is_the_insurers_and_the_garages_not_a_lease(consultant, chapter):
    trigger = "my client's van driver crashed the company van"
    assert {"insurance", "car repairs"} <= set(needs_told(trigger))
    assert "Vehicle leasing" not in refer_professions(chapter, trigger)
    assert {"Insurance broker", "Garage owner"} <= set(refer_professions(consultant, trigger))


def test_a_widow_new_to_money_finds_a_financial_adviser(consultant):
    trigger = "my friend's husband died suddenly and she has no idea about money"
    assert refer_professions(consultant, trigger)[0] == "Independent financial adviser"


@pytest.mark.parametrize("trigger", ["we're having twins", "we're having a baby"])
def test_a_baby_on_the_way_is_the_midwifes_first(consultant, trigger):
    answer = refer_answer(consultant, trigger)
    assert answer["warnings"][0].startswith("see a GP or a midwife first")
    assert answer["candidates"] == []


def test_a_trader_who_vanished_with_the_deposit_is_a_dispute_not_a_job(consultant, chapter):
    trigger = "builder took a deposit and vanished"
    for network in (consultant, chapter):
        professions = refer_professions(network, trigger)
        assert professions and "Builder" not in professions
        assert all("olicitor" in p for p in professions)


def test_a_room_to_decorate_and_carpet_is_no_architects(consultant):
    trigger = "the extension is finished, now we need it decorated and carpeted"
    assert "Architect" not in refer_professions(consultant, trigger)


def test_wanting_to_foster_and_growing_on_linkedin_are_heard(consultant):
    assert needs_told("we want to foster") == ["fostering"]
    professions = refer_professions(consultant, "one of my members wants to grow on linkedin")
    assert professions and set(professions) == {"Social media manager"}


def test_a_trade_that_retired_told_by_a_pronoun_is_no_retirement(consultant):
    trigger = "looking for a good dentist, mine retired"
    assert needs_told(trigger) == ["dental"]
    assert set(refer_professions(consultant, trigger)) == {"Dentist"}


def test_a_child_taken_into_care_is_a_family_solicitors_not_a_care_homes(consultant):
    trigger = "the council wants to take our son into care"
    assert needs_told(trigger) == ["care proceedings"]
    assert set(refer_professions(consultant, trigger)) == {"Family solicitor"}


def test_a_dog_to_adopt_is_the_vets_first_not_a_groomers(chapter):
    assert needs_told("we want to adopt a dog") == ["vet"]
    assert "Dog groomer" not in refer_professions(chapter, "we want to adopt a dog")


@pytest.mark.parametrize("trigger", [
    "my mum needs a carer", "my parents are getting old and need help",
    "Dad passed away and mum can't cope on her own",
])
def test_care_at_home_starts_with_the_councils_free_assessment(consultant, chapter, trigger):
    for network in (consultant, chapter):
        answer = refer_answer(network, trigger)
        assert any(w.startswith("ask the council's adult social care team for a care needs "
                                "assessment first") for w in answer["warnings"]), trigger
        # Nobody in either sample offers care: the assessment is the whole answer.
        assert answer["first_step_only"] and not answer["candidates"], trigger
