"""Tests of refgraph.judge.fit: how well each contact serves a trigger's need."""

from __future__ import annotations

import pytest
from toys import make_network

from refgraph.io.settings import ReferSettings
from refgraph.judge.fit import fit_frame


def _fit(contacts, trigger, column="need_fit", **settings):
    """Fit per contact; by default the need-based fit, before specificity re-ranks."""
    network = make_network(["me", *contacts], [("2024-01-01", "me", contacts[0]["id"], "call")],
                           settings=settings)
    frame, _ = fit_frame(network, trigger)
    return dict(zip(frame["id"], frame[column], strict=True))


def test_the_specialist_in_the_triggers_words_fits_better_than_the_generalist():
    contacts = [{"id": "general", "profession": "Accountant", "services": "tax returns"},
                {"id": "xero", "profession": "Bookkeeper", "services": "Xero; cloud accounting"}]
    trigger = "their accountant moved them off Xero onto Sage Desktop"
    need = _fit(contacts, trigger)
    fit = _fit(contacts, trigger, column="fit")
    assert need["general"] == pytest.approx(need["xero"])  # both serve the need
    assert fit["xero"] == pytest.approx(need["xero"])  # holds the trigger's word: full fit
    assert fit["general"] == pytest.approx(0.7 * need["general"])  # fit_specificity = 0.3
    # Words nobody offers tell nobody apart: fit is the need fit.
    plain = _fit(contacts, "we need someone to do our tax returns", column="fit")
    assert plain["general"] >= plain["xero"]


def test_designer_words_do_not_cross_specialities():
    fits = _fit([{"id": "web", "profession": "Web designer"},
                 {"id": "interior", "profession": "Interior designer"},
                 {"id": "kitchen", "profession": "Kitchen designer"},
                 {"id": "plain", "profession": "Designer"}],
                "a client asked me for a good web designer")
    assert fits["web"] == 1.0
    assert fits["interior"] == 0.0 and fits["kitchen"] == 0.0
    assert 0.35 <= fits["plain"] < fits["web"]


def test_speaker_is_not_loudspeaker_and_trainer_is_not_personal_trainer():
    fits = _fit([{"id": "keynote", "profession": "Keynote speaker"},
                 {"id": "hifi", "profession": "Hi-fi shop", "services": "loudspeakers; amps"},
                 {"id": "pt", "profession": "Personal trainer"},
                 {"id": "trainer", "profession": "Corporate trainer"}],
                "looking for speakers or trainers for our team away day")
    # Speakers or trainers: the trainer serves both, the keynote speaker one.
    assert fits["trainer"] == 1.0 and fits["keynote"] >= ReferSettings().fit_band
    assert fits["hifi"] == 0.0 and fits["pt"] == 0.0


def test_parties_in_the_story_are_not_the_need():
    fits = _fit([{"id": "bike", "profession": "Bike shop owner", "services": "bike repairs"},
                 {"id": "ned", "profession": "NED"},
                 {"id": "books", "profession": "Bookkeeper"}],
                "My local bike shop says he is an NED and their accountant moved them to Sage")
    assert fits["bike"] == 0.0 and fits["ned"] == 0.0
    assert fits["books"] == 1.0


def test_trade_outside_the_taxonomy_is_found_by_its_own_words():
    fits = _fit([{"id": "t1", "profession": "Taxidermist"},
                 {"id": "t2", "profession": "Freelance taxidermist"},
                 {"id": "other", "profession": "Florist"}],
                "a friend needs a taxidermist")
    assert fits["t1"] == 1.0
    assert fits["t2"] == pytest.approx(ReferSettings().fit_trade_only)
    assert fits["other"] == 0.0


def test_fields_are_weighted_and_misspellings_forgiven():
    fits = _fit([{"id": "prof", "profession": "Career coach"},
                 {"id": "tag", "tags": "recruiter"},
                 {"id": "note", "notes": "Used to be a recruiter."},
                 {"id": "typo", "profession": "Carreer coach"}],
                "two friends were just made redundant")
    options = ReferSettings()
    assert fits["prof"] == 1.0
    assert fits["tag"] == pytest.approx(options.fit_field_tags)
    assert fits["note"] == pytest.approx(options.fit_field_notes)
    assert fits["typo"] == 1.0


def test_specialist_in_every_need_beats_one_who_serves_part():
    fits = _fit([{"id": "both", "profession": "Speaker", "services": "emotional intelligence"},
                 {"id": "one", "profession": "Speaker"}],
                "a client wants a speaker on emotional intelligence")
    options = ReferSettings()
    assert fits["both"] == 1.0
    assert fits["one"] == pytest.approx(1 - options.fit_breadth / 2)


def test_a_service_the_story_only_mentions_names_no_trade():
    contacts = [{"id": "solicitor", "profession": "Commercial solicitor", "services": "contracts"},
                {"id": "translator", "profession": "Translator"},
                {"id": "vet", "services": "animal care"}]
    fits = _fit(contacts, "we need a contract translated into Spanish")
    assert fits["translator"] == 1.0 and fits["solicitor"] == 0.0
    # With no situation described, a named service is still the trade wanted...
    assert _fit(contacts, "who does contracts")["solicitor"] > 0
    # ...and so is a service that is the situation's own phrase.
    assert _fit(contacts, "my dog needs animal care")["vet"] > 0


def test_a_team_tag_says_whom_someone_works_with_not_what_they_do():
    # "marketing team" is a chapter's power team: the printer in it is weaker
    # evidence of marketing than a tag saying marketing, and far below the trade.
    options = ReferSettings()
    fits = _fit([{"id": "printer", "profession": "Printer", "tags": "member; marketing team"},
                 {"id": "tagged", "profession": "Printer", "tags": "marketing"},
                 {"id": "marketer", "profession": "Marketing consultant"}],
                "a client's restaurant needs more customers", column="best")
    assert fits["marketer"] == 1.0
    # Neither printer offers a trade that leads marketing (a marketing plan).
    supporting = options.need_supporting_trade
    assert fits["tagged"] == pytest.approx(options.fit_field_tags * supporting)
    assert fits["printer"] == pytest.approx(options.fit_field_team * supporting)
    assert options.fit_field_team < options.fit_field_notes


def test_a_service_that_specialises_the_contacts_own_trade_is_that_trade():
    # A photographer's "events" are event photography, not events organised;
    # a photographer's "weddings" do serve a wedding (wedding photographer).
    contacts = [{"id": "photo", "profession": "Photographer", "services": "headshots; events"},
                {"id": "planner", "profession": "Event planner"},
                {"id": "caterer", "profession": "Caterer", "services": "events; weddings"},
                {"id": "wedding", "profession": "Photographer", "services": "weddings"}]
    fits = _fit(contacts, "we are organising a charity ball")
    assert fits["photo"] == 0.0
    assert fits["planner"] > 0 and fits["caterer"] > 0
    assert _fit(contacts, "my sister is getting married")["wedding"] > 0


def test_a_named_persons_name_asks_for_nothing():
    # "Grant" in "Fiona Grant" is a surname, not a grant to apply for.
    contacts = [{"id": "fiona", "name": "Fiona Grant", "profession": "Financial adviser"},
                {"id": "grants", "profession": "Grant writer"},
                {"id": "wills", "profession": "Will writer"}]
    network = make_network(["me", *contacts], [("2024-01-01", "me", "fiona", "call")])
    frame, needs = fit_frame(network, "Fiona Grant's client needs a will")
    assert [m.name for m in needs] == ["will writing"]
    fits = dict(zip(frame["id"], frame["fit"], strict=True))
    assert fits["grants"] == 0.0 and fits["wills"] > 0.5


def test_recall_by_text_alone_reads_only_the_words_about_the_need():
    # "a friend's restaurant": the restaurant is the party, its owner is no answer;
    # "rain through the roof": the roof is the problem, the roofer's repairs answer it.
    contacts = [{"id": "owner", "profession": "Restaurant owner", "services": "restaurant"},
                {"id": "roofer", "services": "roof repairs"}]
    assert _fit(contacts, "a friend's restaurant got a bad review online",
                column="fit")["owner"] == 0.0
    assert _fit(contacts, "rain through the roof", column="fit")["roofer"] > 0.35


def test_settings_given_to_fit_frame_spell_the_words_of_their_own_taxonomy():
    # "potting" is no misspelt "plotting" once the given taxonomy knows both words,
    # even though the network's own settings do not.
    contacts = [{"id": "me"}, {"id": "ann", "profession": "Cartographer", "services": "plotting"},
                {"id": "bob", "profession": "Gardener", "services": "potting"}]
    rows = [("2024-01-01", "me", "ann", "call"), ("2024-01-01", "me", "bob", "call")]
    net = make_network(contacts, rows)
    extended = net.settings.replace(needs={
        "maps": {"keywords": ["plotting"], "professions": ["cartographer", "plotting"]},
        "pots": {"keywords": ["repotting"], "professions": ["potting"]}})
    fit_frame(net, "we need help with plotting")  # the network's own taxonomy first
    frame, _ = fit_frame(net, "we need help with plotting", settings=extended)
    assert frame.set_index("id")["fit"].to_dict() == {"me": 0.0, "ann": 1.0, "bob": 0.0}
