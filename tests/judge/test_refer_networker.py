"""Answers a seasoned networker would not be embarrassed by.

Each test reads a family of everyday phrasings on the sample networks (or
a toy network holding the trade the sample lacks) and checks what a BNI
member would say first: the money worry behind "start a family", the
employment lawyer behind a maternity worry, the GP before any trade for a
lump, the bank before the solicitor for a scam.
"""

from __future__ import annotations

import pytest

from refgraph.io.settings import ReferSettings
from refgraph.judge.first_calls import first_calls
from refgraph.judge.needs import match_needs
from refgraph.judge.refer import refer
from refgraph.judge.story import read_trigger


def _professions(network, trigger, n=5):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


def _needs(trigger):
    return [m.name for m in match_needs(trigger)]


@pytest.mark.parametrize("trigger", [
    "we can't afford to start a family", "we need help with our household budget",
])
def test_money_worries_are_a_financial_advisers_budget(consultant, chapter, trigger):
    # No hardship told: the budget and the family's cover are an adviser's to
    # plan, never the family solicitor the word "family" used to find (money
    # too tight to live on is free debt advice first: test_refer_round4).
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


@pytest.mark.parametrize("trigger", [
    "my friend is pregnant and worried about maternity leave",
    "my employer won't pay my maternity pay", "I'm pregnant and haven't told my boss",
    "I'm being made redundant and I'm pregnant", "my husband wants to take paternity leave",
])
def test_a_maternity_worry_at_work_is_the_employment_lawyers(consultant, trigger):
    # Her rights at work are the question: her own employment lawyer, never
    # the nursery the pregnancy used to find, nor credit control's "won't pay".
    assert _needs(trigger)[0] == "maternity at work"
    professions = _professions(consultant, trigger)
    assert professions and set(professions) == {"Employment lawyer"}


def test_a_member_of_staff_on_maternity_leave_is_the_employers_hr(consultant):
    professions = _professions(consultant, "one of our staff is going on maternity leave")
    assert professions[0] == "HR consultant" and "Nursery owner" not in professions


def test_a_nursery_asked_for_after_maternity_leave_is_found(consultant):
    # A pregnancy alone is the midwife's first (test_refer_round4); a nursery
    # asked for is a nursery.
    trigger = "I'm going back to work after maternity leave and need a nursery"
    assert "Nursery owner" in _professions(consultant, trigger)


@pytest.mark.parametrize("trigger", [
    "I've got a lump on my neck", "I've found a lump", "there's blood in my pee",
    "I can't stop coughing", "my mole has changed shape", "I've been feeling dizzy",
    "I've got a rash that won't go away", "I keep getting heartburn",
])
def test_a_symptom_is_a_gp_first_and_no_trade(consultant, chapter, trigger):
    # A networker says "see your GP" before anything; nobody in a business
    # network treats a lump.
    assert _needs(trigger) == ["medical symptoms"]
    for network in (consultant, chapter):
        answer = refer(network, trigger)
        assert answer.warnings[0].startswith("see a GP first, and soon")
        assert answer.candidates.empty


@pytest.mark.parametrize(("trigger", "need"), [
    ("I want to take a lump sum from my pension", "financial planning"),
    ("I had a lump in my throat at the wedding", "wedding"),
])
def test_a_lump_sum_or_a_lump_in_the_throat_is_no_symptom(consultant, trigger, need):
    assert _needs(trigger)[0] == need
    assert not any(w.startswith("see a GP") for w in refer(consultant, trigger).warnings)


@pytest.mark.parametrize("trigger", [
    "my husband's drinking is getting worse", "my brother is drinking too much",
    "my dad drinks every night", "my wife is a heavy drinker",
])
def test_a_drinking_problem_is_a_gp_first(consultant, trigger):
    # Stopping suddenly can be dangerous: the GP, then a counsellor if known.
    assert "problem drinking" in _needs(trigger)
    answer = refer(consultant, trigger)
    assert answer.warnings[0].startswith("see a GP first: stopping heavy drinking")
    assert answer.candidates.empty  # the sample knows no counsellor


def test_self_harm_is_a_gp_today_or_the_emergency_number(consultant):
    answer = refer(consultant, "our teenager is self harming")
    assert answer.warnings[0].startswith("see a GP today, or call 999 if they are in danger")
    assert answer.candidates.empty


@pytest.mark.parametrize("trigger", ["my daughter is being bullied online",
                                     "my son is being bullied"])
def test_a_child_bullied_is_support_not_nobody(trigger):
    assert _needs(trigger) == ["counselling"]


@pytest.mark.parametrize("trigger", [
    "my dad died and left a mess of paperwork",
    "my mum passed away and there is so much paperwork",
])
def test_the_paperwork_a_death_leaves_is_probate_first(consultant, chapter, trigger):
    # The estate comes first: the will writer who does probate, never the
    # virtual assistant or the bookkeeper ahead of them.
    for network in (consultant, chapter):
        assert _professions(network, trigger)[0] == "Will writer"


def test_paperwork_without_a_death_is_still_the_virtual_assistants(consultant):
    assert _professions(consultant, "I'm drowning in paperwork")[0] == "Virtual assistant"


@pytest.mark.parametrize("trigger", [
    "I think I'm being scammed", "my mum was scammed by a rogue trader",
    "my identity has been stolen",
])
def test_a_scam_is_the_bank_first(consultant, trigger):
    warnings = refer(consultant, trigger).warnings
    assert warnings[0].startswith("call your bank first")
    assert "Action Fraud" in warnings[0]
    assert sum(w.startswith("call your bank") for w in warnings) == 1


def test_identity_stolen_is_no_insurance_claim():
    assert "insurance" not in _needs("my identity has been stolen")


@pytest.mark.parametrize("trigger", [
    "someone keyed my car", "our house was burgled", "my bike was stolen from outside work",
    "someone broke into the shed", "someone smashed my car window",
])
def test_a_crime_done_is_reported_to_the_police_before_the_claim(consultant, trigger):
    answer = refer(consultant, trigger)
    assert answer.warnings[0].startswith("report it to the police (101) first")
    assert "Insurance broker" in set(answer.candidates["profession"])


@pytest.mark.parametrize("trigger", ["we broke into the US market this year",
                                     "we want to break into the retail sector"])
def test_a_market_broken_into_is_no_burglary(consultant, trigger):
    answer = refer(consultant, trigger)
    assert not {"insurance", "locks"} & {m.name for m in answer.needs}
    assert not any(w.startswith("report it to the police") for w in answer.warnings)


@pytest.mark.parametrize("trigger", ["our staff keep leaving", "we keep losing staff",
                                     "people keep leaving and we don't know why"])
def test_staff_who_keep_leaving_are_hr_and_recruitment_not_a_lawyer(consultant, chapter,
                                                                    trigger):
    # Turnover is culture and engagement (the HR consultant) and the roles to
    # fill; an employment lawyer is for a dispute.
    for network in (consultant, chapter):
        professions = _professions(network, trigger)
        assert professions[0] == "HR consultant"
        assert "Employment lawyer" not in professions


def test_low_morale_is_hr_alone(consultant):
    assert set(_professions(consultant, "our staff morale is really low")) == {"HR consultant"}


@pytest.mark.parametrize("trigger", ["my mum needs a care home", "my dad has dementia"])
def test_a_care_home_says_who_to_ask_about_the_fees(consultant, chapter, trigger):
    # Neither sample knows a care fees specialist: the power of attorney is
    # listed, and the fees, the family's biggest worry, are not left unsaid.
    for network in (consultant, chapter):
        answer = refer(network, trigger)
        assert "nobody you know plans paying for care" in " ".join(answer.warnings)
        assert set(answer.candidates["profession"]) == {"Will writer"}


@pytest.mark.parametrize("trigger", ["I clicked a link in a dodgy email",
                                     "I think I fell for a phishing email"])
def test_a_link_clicked_is_security_and_the_bank_if_details_went(consultant, trigger):
    # Not the marketing consultants whose services say "email".
    answer = refer(consultant, trigger)
    assert answer.warnings[0].startswith("if money or bank details went, call your bank")
    assert set(answer.candidates["profession"]) == {"Cybersecurity consultant"}


@pytest.mark.parametrize("trigger", ["my dog ate chocolate", "the puppy swallowed a sock",
                                     "I think the cat ate a lily"])
def test_a_pet_poisoned_is_a_vet_now(trigger):
    assert _needs(trigger) == ["pet poisoning"]
    notes = first_calls(read_trigger(trigger, ReferSettings()), _needs(trigger))
    assert notes[0].startswith("ring a vet now")


@pytest.mark.parametrize("trigger", ["I keep getting chest pain when I climb stairs",
                                     "I get chest pains when I walk the dog"])
def test_chest_pain_that_keeps_coming_is_the_gp_urgently_not_999_now(consultant, trigger):
    answer = refer(consultant, trigger)
    assert not answer.emergency
    assert answer.warnings[0].startswith("see a GP first, and soon")
    assert answer.warnings[0].endswith("if it comes on suddenly and badly, call 999")


@pytest.mark.parametrize("trigger", ["chest pains", "my dad is getting chest pains",
                                     "my husband has chest pain"])
def test_chest_pain_now_is_still_999(consultant, trigger):
    assert refer(consultant, trigger).emergency


@pytest.mark.parametrize("trigger", ["I'm on maternity leave and bored",
                                     "my friend is on maternity leave and wants to go freelance"])
def test_being_on_maternity_leave_asks_nothing_of_a_lawyer_or_a_nursery(consultant, trigger):
    professions = set(_professions(consultant, trigger))
    assert not {"Employment lawyer", "Nursery owner"} & professions


@pytest.mark.parametrize(("trigger", "first"), [
    ("we're sorting out dad's estate", "Will writer"),
    ("my team keeps handing in their notice", "HR consultant"),
])
def test_more_ways_of_telling_the_estate_or_the_turnover(consultant, trigger, first):
    assert _professions(consultant, trigger)[0] == first


def test_a_blood_in_the_toilet_is_a_gp_first(consultant):
    warnings = refer(consultant, "I noticed blood when I go to the toilet").warnings
    assert warnings[0].startswith("see a GP first, and soon")


def test_a_caller_pretending_to_be_the_bank_is_a_scam(consultant):
    trigger = "my dad got a call from someone pretending to be his bank"
    warnings = refer(consultant, trigger).warnings
    assert warnings[0].startswith("call your bank first")


@pytest.mark.parametrize("trigger", ["my mum keeps getting scam calls",
                                     "we keep getting scam calls"])
def test_scam_calls_with_nothing_lost_say_nothing_of_the_bank(consultant, trigger):
    # Calls to block are the telecoms' and IT's; the bank is for money or
    # details gone, or a caller posing as the bank.
    answer = refer(consultant, trigger)
    assert not any("call your bank" in w for w in answer.warnings)


def test_money_to_sort_after_a_death_finds_the_adviser_too(consultant):
    trigger = "my friend lost her husband and doesn't know what to do about money"
    professions = _professions(consultant, trigger)
    assert professions[0] == "Independent financial adviser" and "Will writer" in professions


def test_every_call_first_is_said_and_the_bank_once():
    trigger = read_trigger("I was scammed online and then the dog ate chocolate", ReferSettings())
    notes = first_calls(trigger, ["online scams", "scams and fraud", "pet poisoning"])
    assert [note.split(",")[0] for note in notes] == ["call your bank first", "ring a vet now"]
