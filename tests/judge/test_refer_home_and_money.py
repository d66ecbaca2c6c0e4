"""More everyday phrasings: the home, the family, the website, the taxman."""

from __future__ import annotations

import pytest

from refgraph.judge.needs import match_needs
from refgraph.judge.refer import refer
from refgraph.show import to_text


def _professions(network, trigger, n=5):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


def _needs(trigger):
    return [m.name for m in match_needs(trigger)]


@pytest.mark.parametrize("trigger", [
    "our website hardly gets any visitors", "nobody visits our website",
    "we need more visitors to our website", "our website gets no traffic",
])
def test_a_website_nobody_visits_is_the_seo_consultants(consultant, chapter, trigger):
    # Being found comes before a rebuild: the SEO consultant, not the web designer.
    assert _needs(trigger) == ["seo"]
    for network in (consultant, chapter):
        assert _professions(network, trigger)[0] == "SEO consultant"


def test_a_dated_website_is_still_the_web_designers():
    assert _needs("our website looks dated") == ["web design"]


@pytest.mark.parametrize("trigger", [
    "I've inherited my aunt's house and want to sell it", "we inherited mum's house",
    "my wife inherited a flat",
])
def test_a_house_inherited_from_a_relative_is_the_estate_agents(consultant, chapter, trigger):
    assert "selling property" in _needs(trigger)
    for network in (consultant, chapter):
        assert _professions(network, trigger)[0] == "Estate agent"


def test_a_washing_machine_flooding_the_kitchen_is_the_plumbers_first(consultant, chapter):
    # Water on the floor now: the plumber, not the insurance broker.
    for network in (consultant, chapter):
        assert _professions(network, "the washing machine is flooding the kitchen")[0] == (
            "Plumber")


def test_sheltered_housing_is_later_life(chapter):
    assert _needs("my mum is moving into sheltered housing") == ["elder care"]
    assert _professions(chapter, "my mum is moving into sheltered housing") == ["Will writer"]


@pytest.mark.parametrize("trigger", [
    "my partner snores so badly I can't sleep", "my husband snores", "his snoring keeps me awake",
])
def test_snoring_is_a_gp_first_and_a_dentist_not_a_counsellor(consultant, trigger):
    assert _needs(trigger) == ["snoring"]
    answer = refer(consultant, trigger, top=5)
    assert answer.warnings[0].startswith("see a GP first: loud snoring can be sleep apnoea")
    assert set(answer.candidates["profession"]) == {"Dentist"}


def test_worry_that_keeps_someone_awake_is_still_a_counsellors():
    assert _needs("I can't sleep with worry") == ["counselling"]


@pytest.mark.parametrize("trigger", [
    "we've had a letter from HMRC about an investigation", "a client is under a tax investigation",
])
def test_an_hmrc_investigation_is_a_tax_adviser_or_accountant_not_a_bookkeeper(
        consultant, chapter, trigger):
    for network in (consultant, chapter):
        professions = _professions(network, trigger, n=8)
        assert professions, trigger
        assert not {"Bookkeeper", "Payroll specialist"} & set(professions), professions
    assert {"Tax adviser", "Chartered accountant"} <= set(_professions(consultant, trigger))


@pytest.mark.parametrize("trigger", [
    "we've got a huge VAT bill", "we can't pay our VAT", "the business is behind with its VAT",
    "we owe HMRC and need a time to pay arrangement",
])
def test_a_tax_bill_the_business_cannot_pay_is_an_accountants_not_a_bookkeepers(
        consultant, chapter, trigger):
    # Time to pay is negotiated with HMRC by an accountant or tax adviser; the
    # bookkeeper who files the returns is not who a networker sends them to.
    assert "tax debt" in _needs(trigger)
    for network in (consultant, chapter):
        professions = _professions(network, trigger, n=8)
        assert professions and "ccountant" in professions[0], professions
        assert "Bookkeeper" not in professions, professions


def test_a_vat_return_due_is_still_the_bookkeepers_too(chapter):
    assert _needs("our VAT return is due") == ["accounting"]
    assert "Bookkeeper" in _professions(chapter, "our VAT return is due")


def test_a_tax_return_is_still_the_accountants_and_bookkeepers(consultant):
    assert _needs("we need help with our tax return") == ["accounting"]


def test_a_cancer_diagnosis_is_met_with_support_not_a_request_to_edit_the_taxonomy(consultant):
    # A parent's diagnosis is no situation to "add to [needs] in network.toml":
    # it is recognised, and with no cancer support known the answer says whom to ask.
    answer = refer(consultant, "my dad has just been told he has prostate cancer")
    assert [m.name for m in answer.needs] == ["serious illness"]
    assert answer.candidates.empty
    text = to_text(answer)
    assert "network.toml" not in text and "Ask a contact you trust" in text
    # Travel insurance for someone ill is still the insurance broker's alone.
    assert set(_professions(consultant, "I need travel insurance for my mum who has cancer")) == {
        "Insurance broker"}


@pytest.mark.parametrize("trigger", [
    "my daughter has just passed her driving test", "my son passed his test yesterday",
])
def test_a_driving_test_passed_is_a_new_driver_to_insure_not_lessons(consultant, trigger):
    assert _needs(trigger) == ["insurance"]
    assert _professions(consultant, trigger)[0] == "Insurance broker"
    # One still to pass is the driving instructor's.
    assert _needs("my son needs to pass his driving test") == ["driving lessons"]


@pytest.mark.parametrize("trigger", [
    "my knee has been playing up since I started running", "my back is playing up again",
])
def test_a_joint_playing_up_is_the_physios(consultant, chapter, trigger):
    assert _needs(trigger) == ["physio"]
    for network in (consultant, chapter):
        assert _professions(network, trigger)[0] in {"Osteopath", "Physiotherapist",
                                                     "Chiropractor"}
    assert _needs("the kids are playing up") == []


@pytest.mark.parametrize("trigger", [
    "my business partner wants to retire", "my co-founder wants to retire",
    "we want to buy out my partner",
])
def test_a_business_partner_retiring_is_a_buy_out_not_their_pension(consultant, chapter, trigger):
    # The partner's share is to buy: the accountant who values it and the
    # solicitor who does the deal, not three financial planners for a pension
    # that is the partner's own business.
    assert _needs(trigger) == ["buying or selling a business"]
    for network in (consultant, chapter):
        professions = _professions(network, trigger, n=3)
        assert professions[0] in {"Commercial solicitor", "Accountant"}, professions
        assert not {"Independent financial adviser", "Financial planner",
                    "Financial adviser"} & set(professions)
    # A partner at home retiring is their own pension.
    assert _needs("my partner is retiring next year") == ["financial planning"]
