"""Everyday phrasings where the networker's first thought is not the obvious word.

A parent's dementia wants the care and the power of attorney, whoever
writes it; a remark of praise wants nobody; a headache wants a doctor
first and then the trades people refer for headaches; a fire wants the fire
brigade, and only then the insurer and the repair.
"""

from __future__ import annotations

import pytest
from toys import make_network, meetings

from refgraph.judge.refer import refer
from refgraph.show import to_text

AS_OF = "2024-12-31"


def _ids(network, trigger, n=10):
    return [c["id"] for c in refer(network, trigger, as_of=AS_OF, top=n).to_dict()["candidates"]]


def _professions(network, trigger, n=5):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


@pytest.fixture(scope="module")
def elder_network():
    people = [
        "me",
        {"id": "sol", "profession": "Solicitor", "services": "private client; wills"},
        {"id": "care", "profession": "Care adviser", "services": "care home placement"},
        {"id": "home", "profession": "Care home manager"},
        {"id": "wills", "profession": "Will writer", "services": "wills; powers of attorney"},
        {"id": "coach", "profession": "Career coach"},
        {"id": "conv", "profession": "Solicitor", "services": "conveyancing; leases"},
    ]
    rows = [row for other in ("sol", "care", "home", "wills", "coach", "conv")
            for row in meetings("me", other, 3)]
    return make_network(people, rows)


@pytest.mark.parametrize("trigger", [
    "my mum has dementia", "my dad has alzheimers", "my mother was diagnosed with dementia",
])
def test_a_parents_dementia_finds_care_and_the_power_of_attorney(elder_network, trigger):
    # The care adviser, the care home, the private client solicitor and the
    # will writer whose list says "powers of attorney": not the coach, nor the
    # conveyancing solicitor.
    found = set(_ids(elder_network, trigger))
    assert {"sol", "care", "home", "wills"} <= found
    assert not {"coach", "conv"} & found


@pytest.mark.parametrize("trigger", [
    "my nan is getting forgetful", "my dad keeps getting lost", "my mum keeps forgetting things",
])
def test_a_relative_getting_forgetful_sees_a_gp_first_then_the_power_of_attorney(
        elder_network, trigger):
    # Not diagnosed: the GP's memory assessment first; meanwhile the power of
    # attorney and a care adviser, not yet a care home.
    result = refer(elder_network, trigger)
    assert result.warnings[0].startswith("see a GP first")
    found = set(_ids(elder_network, trigger))
    assert {"sol", "care", "wills"} <= found
    assert not {"home", "coach", "conv"} & found


def test_a_parcel_that_keeps_getting_lost_is_no_memory_worry(elder_network):
    result = refer(elder_network, "our parcels keep getting lost")
    assert not any(warning.startswith("see a GP") for warning in result.warnings)
    assert not set(_ids(elder_network, "our parcels keep getting lost"))


def test_powers_of_attorney_on_a_will_writers_list_serve_dementia(chapter):
    # The chapter's will writer lists "powers of attorney": before, nobody.
    for trigger in ("my mum has dementia", "my dad has alzheimers"):
        assert _professions(chapter, trigger) == ["Will writer"]


@pytest.mark.parametrize("trigger", [
    "our new manager is a breath of fresh air", "our new manager is brilliant",
    "my accountant is great", "the new bookkeeper has been a godsend",
    "our web designer did a fantastic job",
    "the builder is doing a great job on our extension",
    "our new receptionist is lovely", "I love my new kitchen", "the wedding was perfect",
    "we had a great holiday in Spain", "great to see you at the breakfast meeting",
    "thanks for the referral to Priya, she was fantastic",
])
def test_praise_is_no_trigger(consultant, chapter, trigger):
    # Something good said of someone: nobody needs anything, so nobody is
    # offered, however much "new manager" sounds like coaching.
    for network in (consultant, chapter):
        assert _professions(network, trigger) == []


def test_praise_beside_a_need_keeps_the_need(consultant, chapter):
    # The need told after the praise, or in another clause, is still served.
    assert "Will writer" in _professions(chapter, "my mum has dementia but her carer is brilliant")
    assert {"Career coach", "Business coach"} & set(_professions(
        consultant, "our new manager is great but struggling to lead the team"))
    assert "Accountant" in _professions(chapter, "we need a great accountant")
    assert "Marketing consultant" in _professions(consultant,
                                                  "is there anyone great at marketing")
    # Praise said first mutes what it praises, not a need told after it.
    assert _professions(chapter, "I love my new kitchen but the tap is leaking")[0] == "Plumber"
    assert _professions(chapter, "thanks for the intro, can you recommend a plumber")[0] == (
        "Plumber")
    assert _professions(chapter, "we had a great year so we need an accountant")[0] == (
        "Accountant")
    assert _professions(chapter, "thanks for any recommendations for a good plumber")[0] == (
        "Plumber")
    assert _professions(chapter, "had a lovely catch up with Sarah whose dad has dementia") == [
        "Will writer"]


def _warnings(network, trigger):
    return refer(network, trigger, top=5).warnings


@pytest.mark.parametrize(("trigger", "call"), [
    ("the kitchen is on fire", "fire brigade"),
    ("the kitchen's on fire!", "fire brigade"),
    ("our office is on fire", "fire brigade"),
    ("I can smell gas in the hall", "gas emergency"),
    ("my dad is having a heart attack", "ambulance"),
    ("someone is breaking in downstairs", "police"),
])
def test_an_emergency_is_no_referral(consultant, chapter, trigger, call):
    # Whom to call now comes first; nobody is offered for the emergency itself.
    for network in (consultant, chapter):
        first = _warnings(network, trigger)[0]
        assert first.startswith("an emergency, not a referral") and call in first


@pytest.mark.parametrize("trigger", ["the kitchen is on fire", "our office is on fire"])
def test_a_fire_leaves_the_claim_and_no_safety_course(consultant, chapter, trigger):
    # After the fire brigade: the insurance broker for the claim, not the
    # health and safety consultant whose own words hold "fire".
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top[0] == "Insurance broker"
        assert "Health and safety consultant" not in top
        assert "for afterwards" in _warnings(network, trigger)[0]


@pytest.mark.parametrize("trigger", [
    "sales are on fire this month", "they get on like a house on fire",
    "our new salesman is on fire", "my back is on fire",
    "the kitchen was on fire last week", "we had a kitchen fire", "I'm burnt out",
])
def test_no_emergency_in_a_figure_of_speech_or_the_past(consultant, trigger):
    assert not any("emergency" in w for w in _warnings(consultant, trigger))


def test_a_past_fire_is_still_a_claim(consultant, chapter):
    for network in (consultant, chapter):
        assert _professions(network, "the kitchen was on fire last week")[0] == "Insurance broker"
    assert "Insurance broker" not in _professions(consultant, "I'm burnt out")


@pytest.mark.parametrize("trigger", [
    "I get terrible headaches", "my wife suffers from migraines",
    "my son keeps getting headaches", "she has a pounding headache every day",
])
def test_headaches_want_a_gp_first_then_who_networkers_refer(consultant, chapter, trigger):
    allowed = {"Osteopath", "Chiropractor", "Physiotherapist", "Optician"}
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top and set(top) <= allowed
        assert any(w.startswith("see a GP first") for w in _warnings(network, trigger))
    assert "Optician" in _professions(chapter, trigger)


@pytest.mark.parametrize("trigger", [
    "payroll is a real headache", "the VAT return has been a massive headache",
])
def test_a_job_that_is_a_headache_is_no_symptom(consultant, trigger):
    top = _professions(consultant, trigger)
    assert not {"Osteopath", "Chiropractor", "Physiotherapist"} & set(top)
    assert not any("GP" in w for w in _warnings(consultant, trigger))


def test_a_trade_named_is_no_headache(chapter):
    # "We need an osteopath" is the physio situation's, with no doctor first.
    assert not any("GP" in w for w in _warnings(chapter, "we need an osteopath"))


@pytest.mark.parametrize("trigger", [
    "my mum is in hospital after a fall", "my nan broke her hip",
    "dad hasn't been the same since his fall",
])
def test_a_fall_wants_the_physiotherapist_not_the_back_trades(consultant, chapter, trigger):
    # Strength and balance after a fall: the physiotherapist, not the
    # osteopath or chiropractor who treat backs.
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top and set(top) == {"Physiotherapist"}


def test_a_fall_in_sales_is_no_fall(consultant):
    assert "Physiotherapist" not in _professions(consultant, "after a fall in sales we need "
                                                            "more customers")


@pytest.mark.parametrize("trigger", [
    "water is pouring through the ceiling", "water is dripping through the ceiling",
])
def test_water_through_the_ceiling_is_a_plumbers(consultant, chapter, trigger):
    for network in (consultant, chapter):
        assert _professions(network, trigger)[0] == "Plumber"


@pytest.mark.parametrize("trigger", ["our biggest client went bust owing us money",
                                     "a client has gone bust owing us 20k"])
def test_a_client_gone_bust_is_a_debt_to_claim(consultant, chapter, trigger):
    # As for a customer gone bust: the accountant (or insolvency practitioner)
    # to claim it, not only the finance broker for the cash.
    for network in (consultant, chapter):
        assert "ccountant" in _professions(network, trigger)[0]


def test_the_small_everyday_troubles_find_their_trade(consultant, chapter):
    assert _professions(consultant, "my ankle is swollen")[0] in {"Osteopath", "Physiotherapist"}
    assert set(_professions(chapter, "the neighbours' tree is damaging our wall")) == {
        "Landscape gardener"}
    assert _professions(chapter, "my kids need their jabs") == []


def test_a_pets_jabs_are_the_vets():
    network = make_network(["me", {"id": "vet", "profession": "Vet"},
                            {"id": "gp", "profession": "Private GP"}],
                           [*meetings("me", "vet", 2), *meetings("me", "gp", 2)])
    for trigger in ("our cat needs her jabs", "the puppy needs his jabs"):
        assert _ids(network, trigger) == ["vet"]


@pytest.mark.parametrize("trigger", [
    "my landlord wants to evict us", "the landlord is trying to evict me",
    "our landlord has served notice on us",
])
def test_a_tenant_being_evicted_wants_a_solicitor_not_the_landlords_agent(consultant, chapter,
                                                                         trigger):
    # The tenant's side: the solicitor who does disputes, never the letting
    # agent who works for the landlord.
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top and all("olicitor" in p for p in top)


def test_a_landlord_evicting_still_finds_the_eviction(consultant):
    names = {m.name for m in refer(consultant, "I'm a landlord and want to evict my tenant").needs}
    assert "eviction" in names and "renting problems" not in names


@pytest.mark.parametrize("trigger", ["my driving licence is at risk",
                                     "I'm facing a totting up ban"])
def test_a_licence_at_risk_is_a_motoring_solicitors(trigger):
    network = make_network(["me", {"id": "mot", "profession": "Motoring solicitor"},
                            {"id": "hs", "profession": "Health and safety consultant",
                             "services": "risk assessments"}],
                           [*meetings("me", "mot", 2), *meetings("me", "hs", 2)])
    assert _ids(network, trigger) == ["mot"]


def test_a_dog_to_train_is_the_trainers():
    network = make_network(["me", {"id": "trainer", "profession": "Dog trainer"},
                            {"id": "groomer", "profession": "Dog groomer"}],
                           [*meetings("me", "trainer", 2), *meetings("me", "groomer", 2)])
    for trigger in ("we need to get our dog trained", "how do I train my dog"):
        assert _ids(network, trigger) == ["trainer"]


@pytest.mark.parametrize("trigger", [
    "our toddler swallowed a battery", "my dad is having a heart attack",
    "she can't breathe",
])
def test_an_ambulance_leaves_nobody_to_refer(consultant, chapter, trigger):
    # The call is the whole answer: no nursery for the toddler, no other warning.
    for network in (consultant, chapter):
        answer = refer(network, trigger, top=5)
        assert answer.candidates.empty and answer.needs == []
        assert len(answer.warnings) == 1 and "ambulance" in answer.warnings[0]


@pytest.mark.parametrize("trigger", ["my neighbour's dog attacked my cat",
                                     "our dog was attacked in the park"])
def test_a_pet_attacked_is_the_vets_not_the_groomers(trigger):
    network = make_network(["me", {"id": "vet", "profession": "Vet"},
                            {"id": "groomer", "profession": "Dog groomer"},
                            {"id": "trainer", "profession": "Dog trainer"}],
                           [*meetings("me", "vet", 2), *meetings("me", "groomer", 5),
                            *meetings("me", "trainer", 5)])
    assert _ids(network, trigger) == ["vet"]


@pytest.mark.parametrize("trigger", ["my boss is bullying me", "my manager keeps bullying me"])
def test_a_bullying_boss_is_the_employees_lawyer(consultant, trigger):
    assert set(_professions(consultant, trigger)) == {"Employment lawyer"}


def test_on_fire_said_of_a_person_or_a_body_is_no_fire(consultant, chapter):
    # Good news finds nobody; a back "on fire" is pain, for the back trades,
    # never the insurance broker or the health and safety consultant.
    for network in (consultant, chapter):
        assert _professions(network, "our new salesman is on fire") == []
        top = set(_professions(network, "my back is on fire"))
        assert top and top <= {"Osteopath", "Chiropractor", "Physiotherapist"}
    assert _professions(chapter, "the car is on fire")[0] == "Insurance broker"


@pytest.mark.parametrize(("trigger", "never"), [
    ("we need unconscious bias training", "ambulance"),
    ("my eyes are burning", "fire brigade"),
    ("the deal went down in flames", "fire brigade"),
    ("is there a fire risk assessor you'd recommend", "fire brigade"),
    ("our website is being attacked", "police"),
    ("my laptop won't wake up", "ambulance"),
])
def test_words_of_an_emergency_said_of_something_else_call_nobody(consultant, trigger, never):
    assert not any(never in w for w in _warnings(consultant, trigger))


def test_things_burning_or_in_flames_are_a_fire_and_a_claim(consultant):
    for trigger in ("the house is burning", "the shed is in flames",
                    "there's a fire in the kitchen"):
        assert "fire brigade" in _warnings(consultant, trigger)[0]
        assert _professions(consultant, trigger)[0] == "Insurance broker"


def test_a_laptop_that_wont_wake_is_no_funeral(consultant, chapter):
    # "Wake up" is no wake; a wake held is still the funeral's caterer.
    for network in (consultant, chapter):
        top = _professions(network, "my laptop won't wake up")
        assert top and not {"Caterer", "Florist"} & set(top)
    assert "Caterer" in _professions(chapter, "we're holding a wake for dad on Friday")
    assert _professions(consultant, "our website is being attacked")[0] == (
        "Cybersecurity consultant")


@pytest.mark.parametrize("trigger", ["my friend has been left money by her aunt",
                                     "my gran left me some money"])
def test_money_left_in_a_will_is_money_to_invest(consultant, chapter, trigger):
    for network in (consultant, chapter):
        top = _professions(network, trigger)
        assert top and set(top) <= {"Independent financial adviser", "Financial planner",
                                    "Financial adviser"}


def test_money_left_on_the_table_is_no_inheritance(consultant):
    assert _professions(consultant, "we left money on the table with that client") == []


@pytest.mark.parametrize(("region", "number"), [("GB", "999"), ("US", "911"), ("de", "112"),
                                                ("AU", "000"), ("BR", "the emergency number")])
def test_the_emergency_number_is_the_networks_regions(region, number):
    net = make_network(["me", {"id": "ins", "profession": "Insurance broker"}],
                       [("2024-01-05", "me", "ins", "one_to_one")],
                       settings={"imports": {"default_region": region}})
    fire = refer(net, "the garage is on fire")
    assert fire.warnings[0].startswith(f"an emergency, not a referral: call {number} for the "
                                       "fire brigade now")
    ambulance = refer(net, "my dad is having a heart attack")
    assert ambulance.emergency and ambulance.candidates.empty
    assert f"call {number} for an ambulance" in ambulance.warnings[0]
    assert ambulance.to_dict()["emergency"] is True and fire.to_dict()["emergency"] is False
    gas = refer(net, "I can smell gas in the hall").warnings[0]
    assert ("0800 111 999" in gas) == (region == "GB")


def test_an_emergency_alone_is_not_answered_as_a_gap_in_the_network():
    net = make_network(["me", "ann"], [("2024-01-05", "me", "ann", "call")])
    text = to_text(refer(net, "our toddler swallowed a battery"))
    assert "call 999 for an ambulance" in text
    assert "the call above is the whole answer" in text
    assert "No one in the network fits" not in text and "[needs]" not in text


@pytest.mark.parametrize("trigger", ["our cat is not eating", "my dog won't eat",
                                     "the cat has stopped eating", "our dog isn't eating"])
def test_a_pet_that_will_not_eat_finds_the_vet_not_the_groomer(trigger):
    contacts = ["me", {"id": "vet", "profession": "Veterinary surgeon"},
                {"id": "groom", "profession": "Dog groomer"},
                {"id": "chef", "profession": "Private chef"}]
    rows = [row for other in ("vet", "groom", "chef") for row in meetings("me", other, 3)]
    result = refer(make_network(contacts, rows), trigger)
    assert [need.name for need in result.needs] == ["vet"]
    assert result.candidates["id"].tolist() == ["vet"]


@pytest.mark.parametrize("trigger", ["our new manager is a breath of fresh air",
                                     "thanks for the intro to Sarah, she is brilliant"])
def test_praise_alone_is_answered_as_praise_not_as_a_gap_in_the_network(trigger):
    contacts = ["me", {"id": "coach", "profession": "Management coach"}]
    result = refer(make_network(contacts, meetings("me", "coach", 3)), trigger)
    assert result.remark and result.candidates.empty and result.to_dict()["remark"] is True
    text = to_text(result)
    assert "reads as praise or thanks, not a need" in text and "[needs]" not in text


def test_a_need_beside_the_praise_is_no_remark():
    contacts = ["me", {"id": "coach", "profession": "Management coach"}]
    result = refer(make_network(contacts, meetings("me", "coach", 3)),
                   "our new manager is great but struggling to lead the team")
    assert not result.remark and result.candidates["id"].tolist() == ["coach"]
