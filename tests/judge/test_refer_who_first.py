"""Who comes first when one story holds two needs: the dispute, the eviction, the care."""

from __future__ import annotations

import pytest
from toys import make_network, meetings

from refgraph.judge.refer import refer

AS_OF = "2024-12-31"


def _professions(network, trigger, n=5):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


def _ids(network, trigger, n=10):
    return [c["id"] for c in refer(network, trigger, as_of=AS_OF, top=n).to_dict()["candidates"]]


@pytest.fixture(scope="module")
def care_network():
    people = [
        "me",
        {"id": "ifa", "profession": "Independent financial adviser",
         "services": "pensions; investments; retirement planning"},
        {"id": "fees", "profession": "Financial adviser",
         "services": "care fees planning; later life advice"},
        {"id": "care", "profession": "Care adviser", "services": "care home placement"},
        {"id": "wills", "profession": "Will writer", "services": "wills; powers of attorney"},
    ]
    rows = [row for other in ("ifa", "fees", "care", "wills") for row in meetings("me", other, 3)]
    return make_network(people, rows)


@pytest.mark.parametrize("trigger", [
    "my mother has been diagnosed with dementia", "my dad needs a care home",
])
def test_a_parents_dementia_finds_a_care_fees_adviser_not_any_financial_adviser(
        care_network, trigger):
    # The power of attorney and the care come first at a diagnosis; who plans
    # paying for care is a specialist, while an adviser on pensions and
    # investments is no answer to it.
    found = _ids(care_network, trigger)
    assert {"care", "wills", "fees"} <= set(found), found
    assert "ifa" not in found


def test_the_samples_dementia_still_finds_the_power_of_attorney_only(consultant, chapter):
    # Neither sample knows a care fees specialist: its financial advisers do
    # pensions and investments, so the will writer's powers of attorney it is.
    for network in (consultant, chapter):
        assert _professions(network, "my mother has been diagnosed with dementia") == [
            "Will writer"]


@pytest.mark.parametrize("trigger", [
    "the builder botched our extension", "the extension was botched",
    "a botched loft conversion", "the builders botched our extension",
])
def test_building_work_botched_is_a_dispute_first_then_the_remedial_work(consultant, chapter,
                                                                          trigger):
    # As "the plumber overcharged us and the boiler still leaks": the solicitor
    # who does disputes first, and a builder after, to put the work right.
    for network in (consultant, chapter):
        answer = refer(network, trigger, top=8).to_dict()
        assert "consumer dispute" in {need["name"] for need in answer["needs"]}, trigger
        professions = [c["profession"] for c in answer["candidates"]]
        assert professions and "olicitor" in professions[0], professions
        assert "Builder" in professions, professions


def test_a_botched_job_with_no_work_named_is_the_dispute(consultant, chapter):
    for network in (consultant, chapter):
        assert "olicitor" in _professions(network, "our builder botched the kitchen")[0]
        assert "olicitor" in _professions(network, "they botched our bathroom refit")[0]


def test_a_botch_of_ones_own_is_no_dispute(consultant):
    needs = {m.name for m in refer(consultant, "I botched my presentation to the board").needs}
    assert "consumer dispute" not in needs


@pytest.mark.parametrize("trigger", [
    "I'm a landlord and want to evict my tenant", "I'm a landlord and my tenant won't leave",
    "my tenant stopped paying rent and I want to evict him",
    "as a landlord I need to evict my tenants",
])
def test_a_landlord_evicting_asks_the_solicitor_first(consultant, chapter, trigger):
    # Possession is a court matter: the landlord-side solicitor comes first,
    # however well the letting agent is known, as for "we need to evict a tenant".
    for network in (consultant, chapter):
        professions = _professions(network, trigger)
        assert professions and "olicitor" in professions[0], (trigger, professions)
        assert "Letting agent" not in professions[:1]


def test_a_landlords_rent_arrears_alone_are_still_the_letting_agents(consultant):
    assert _professions(consultant, "I'm a landlord and my tenant stopped paying rent")[0] == (
        "Letting agent")


@pytest.mark.parametrize("trigger", [
    "my neighbour's extension is blocking our light", "my neighbour's extension blocks our light",
])
def test_a_neighbours_extension_that_takes_the_light_wants_a_solicitor_not_its_builder(
        consultant, chapter, trigger):
    # As "… building an extension that blocks our light": the extension is what
    # takes the light, its occasion; nobody wants an architect or a builder.
    for network in (consultant, chapter):
        professions = _professions(network, trigger, n=8)
        assert professions and all("olicitor" in p for p in professions), professions


def test_a_care_fees_adviser_known_leaves_no_gap(care_network):
    answer = refer(care_network, "my dad needs a care home")
    assert not any("paying for care" in warning for warning in answer.warnings)
