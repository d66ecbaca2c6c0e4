"""Tests for refgraph.judge.nurture: whom to reconnect with this month."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from toys import make_network

import refgraph
from refgraph.cli import main
from refgraph.errors import RefgraphError
from refgraph.judge.ask import ask
from refgraph.judge.nurture import COLUMNS, nurture
from refgraph.judge.nurture_reasons import ACTIONS
from refgraph.show import to_text

AS_OF = "2024-06-30"
PEOPLE = ["me", "ref", "pal", "old", "newbie", "cli", "acq", "burst"]


def every(start: str, days: int, count: int, a: str, b: str, kind: str) -> list[tuple]:
    """``count`` interactions ``days`` apart from ``start``."""
    first = dt.date.fromisoformat(start)
    return [((first + dt.timedelta(days=days * i)).isoformat(), a, b, kind)
            for i in range(count)]


@pytest.fixture(scope="module")
def hit_list():
    rows = [
        # A referral source: 1-to-1s every six weeks, three referrals, silent for 5 months.
        *every("2023-07-01", 42, 6, "me", "ref", "one_to_one"),
        ("2023-08-12", "ref", "me", "referral"), ("2023-11-04", "ref", "me", "referral"),
        ("2024-01-27", "ref", "me", "referral"),
        # A close friend in touch every week, up to two days ago.
        *every("2024-01-05", 7, 26, "me", "pal", "one_to_one"),
        # Met once at an event three years ago.
        ("2021-05-05", "me", "old", "card"),
        # Met three weeks ago at an event, no follow-up yet.
        ("2024-06-09", "me", "newbie", "event"),
        # A client: business twice, monthly calls, last four months ago.
        *every("2023-09-01", 30, 7, "me", "cli", "call"),
        ("2023-10-01", "cli", "me", "business", 4000), ("2024-01-01", "cli", "me", "business",
                                                        2500),
        # An acquaintance: a few emails, monthly, last two months ago.
        *every("2024-02-01", 30, 3, "me", "acq", "email"),
        # Meetings with a follow-up email the next day, every month: a monthly rhythm.
        *every("2023-10-01", 30, 6, "me", "burst", "meeting"),
        *every("2023-10-02", 30, 6, "burst", "me", "email"),
    ]
    net = make_network(PEOPLE, rows)
    return nurture(net, as_of=AS_OF)


def listed(result) -> list[str]:
    return list(result.contacts["id"])


def row(result, contact: str):
    return result.contacts.set_index("id").loc[contact]


def test_an_overdue_referral_source_tops_the_list(hit_list):
    assert listed(hit_list)[0] == "ref"
    ref = row(hit_list, "ref")
    assert ref["value_kind"] == "referral source"
    assert ref["reason"] == ("referred you 3 times; last contact 5 months ago, usually every "
                             "6 weeks")
    assert ref["cadence_days"] == 42 and ref["days_since"] == 155


def test_a_past_client_comes_before_an_acquaintance(hit_list):
    order = listed(hit_list)
    assert order.index("cli") < order.index("acq")
    cli = row(hit_list, "cli")
    assert cli["value_kind"] == "client"
    assert cli["reason"].startswith("gave you business twice (worth 6,500)")
    assert cli["business_received"] == 2 and cli["business_value"] == 6500


def test_people_in_frequent_touch_are_not_listed(hit_list):
    assert "pal" not in listed(hit_list)


def test_a_one_off_contact_from_years_ago_is_not_listed(hit_list):
    assert "old" not in listed(hit_list)


def test_a_new_contact_needing_a_follow_up_is_listed(hit_list):
    newbie = row(hit_list, "newbie")
    assert newbie["value_kind"] == "new contact"
    assert bool(newbie["needs_follow_up"])
    assert newbie["reason"] == "new contact, met 3 weeks ago (an event together); no follow-up yet"
    assert newbie["cadence_days"] == 14
    # A small bonus: below the overdue referral source and the client.
    order = listed(hit_list)
    assert order.index("newbie") > order.index("ref")
    assert order.index("newbie") > order.index("cli")


def test_a_follow_up_email_the_next_day_is_not_a_rhythm(hit_list):
    burst = row(hit_list, "burst")
    assert burst["cadence_days"] == 29  # the gap between episodes, not the 1-day follow-ups
    assert "usually every 4 weeks" in burst["reason"]


def test_priority_is_value_times_overdue_plus_the_new_contact_bonus(hit_list):
    frame = hit_list.contacts
    bonus = 0.3 * frame["needs_follow_up"]
    assert frame["priority"].to_numpy() == pytest.approx(
        (frame["value"] * frame["overdue"] + bonus).to_numpy())
    assert (frame["overdue"] <= 3.0).all() and (frame["priority"] > 0).all()
    assert list(frame["priority"]) == sorted(frame["priority"], reverse=True)


def test_n_limits_the_list_and_must_be_positive():
    rows = [(f"2023-0{m}-01", "me", f"c{i}", "one_to_one") for i in range(6) for m in (1, 3)]
    net = make_network(["me", *[f"c{i}" for i in range(6)]], rows)
    assert len(nurture(net, as_of=AS_OF).contacts) == 6
    assert len(nurture(net, as_of=AS_OF, n=2).contacts) == 2
    capped = make_network(["me", *[f"c{i}" for i in range(6)]], rows,
                          settings={"nurture": {"n": 4}})
    assert len(nurture(capped, as_of=AS_OF).contacts) == 4
    with pytest.raises(RefgraphError, match="n must be a whole number >= 1"):
        nurture(net, n=0)


def test_as_of_and_owner_are_respected():
    rows = [*every("2024-01-01", 14, 10, "me", "ann", "one_to_one"),
            *every("2024-01-01", 14, 3, "bob", "ann", "call")]
    net = make_network(["me", "ann", "bob"], rows)
    # On rhythm as of mid-May; months overdue by the end of the year.
    assert nurture(net, as_of="2024-05-14").contacts.empty
    assert listed(nurture(net, as_of="2024-12-31")) == ["ann"]
    assert listed(nurture(net, owner="bob", as_of="2024-12-31")) == ["ann"]
    with pytest.raises(RefgraphError, match="no owner set"):
        nurture(make_network(["a", "b"], [("2024-01-01", "a", "b", "call")], owner=None))


def test_json_contract_and_views(hit_list):
    data = json.loads(hit_list.to_json())
    assert set(data) == {"owner", "as_of", "contacts"}
    assert data["owner"] == "me" and data["as_of"] == AS_OF
    first = data["contacts"][0]
    assert list(first) == list(COLUMNS)
    assert first["id"] == "ref" and first["last_contact"] == "2024-01-27"
    assert isinstance(first["days_since"], int) and isinstance(first["reason"], str)
    assert all(len(line) <= 80 for line in to_text(hit_list).splitlines())
    assert list(hit_list.to_frame().columns) == list(COLUMNS)


# --------------------------------------------------------------------------- command line


def test_cli_json_on_the_consultant_network(consultant_path, capsys):
    assert main(["nurture", str(consultant_path), "--n", "15", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["owner"] == "me"
    contacts = data["contacts"]
    assert 0 < len(contacts) <= 15
    assert [c["priority"] for c in contacts] == sorted((c["priority"] for c in contacts),
                                                       reverse=True)
    assert all(c["reason"] and c["id"] != "me" for c in contacts)
    assert {c["value_kind"] for c in contacts} <= {"referral source", "client", "partner",
                                                   "connector",
                                                   "new contact", "contact"}
    # Referral sources and clients are what a seasoned networker calls first.
    assert contacts[0]["value_kind"] in ("referral source", "client", "partner")
    newcomers = [c["reason"] for c in contacts if c["value_kind"] == "new contact"]
    assert newcomers and all("new contact, " in r for r in newcomers), newcomers
    # The action already says "book a 1-to-1": the reason does not say it again.
    assert not any("suggest a one-to-one" in c["reason"] for c in contacts)


def test_a_capped_list_says_more_need_attention(consultant_path, capsys):
    assert main(["nurture", str(consultant_path), "--n", "5"]) == 0
    count = capsys.readouterr().out.splitlines()[1]
    assert count.startswith("the 5 most urgent of ") and "relationships weighed" in count
    needing = int(count.split(" of ")[1].split()[0])
    assert main(["nurture", str(consultant_path), "--n", str(needing + 10),
                 "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["contacts"]) == needing


def test_cli_table_and_csv_on_the_chapter(chapter_path, capsys):
    assert main(["nurture", str(chapter_path), "--n", "5"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Whom ") and all(len(line) <= 80 for line in text.splitlines())
    assert main(["nurture", str(chapter_path), "--format", "csv", "--owner", "m02"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.split(",") == list(COLUMNS)
    assert main(["nurture", str(chapter_path), "--owner", "zz"]) == 2
    assert "owner 'zz' is not a contact id" in capsys.readouterr().err


def test_new_contacts_keep_their_share_of_a_short_list():
    # Five overdue referral sources would fill a list of five on priority alone.
    rows = []
    for i in range(5):
        rows += every("2023-01-01", 30, 6, "me", f"r{i}", "one_to_one")
        rows.append(("2023-03-01", f"r{i}", "me", "referral"))
    rows.append(("2024-06-20", "me", "fresh", "event"))
    people = ["me", "fresh", *(f"r{i}" for i in range(5))]
    ids = lambda result: result.contacts["id"].tolist()  # noqa: E731
    net = make_network(people, rows)
    assert "fresh" in ids(nurture(net, as_of=AS_OF, n=5))  # 20 % of 5: one slot kept
    assert ids(nurture(net, as_of=AS_OF, n=5))[:4] == ["r0", "r1", "r2", "r3"]
    crowded = make_network(people, rows, settings={"nurture": {"new_contact_share": 0.0}})
    assert "fresh" not in ids(nurture(crowded, as_of=AS_OF, n=5))


# --------------------------------------------------------------------------- actions and gates


def test_every_row_says_what_to_do(hit_list):
    actions = row(hit_list, "ref")["action"], row(hit_list, "newbie")["action"]
    assert actions == ("send them a referral", "follow up a new contact")
    assert row(hit_list, "cli")["action"] == "send them a referral"
    assert set(hit_list.contacts["action"]) <= set(ACTIONS)
    assert "Send them a referral: referred you 3 times" in to_text(hit_list)


def test_thank_them_after_a_fresh_referral_and_call_once_repaid():
    rows = [*every("2023-07-01", 42, 6, "me", "ref", "one_to_one"),
            ("2024-06-20", "ref", "me", "referral")]
    net = make_network(["me", "ref"], rows)
    assert row(nurture(net, as_of=AS_OF), "ref")["action"] == "thank them"
    repaid = make_network(["me", "ref"], [*rows, ("2024-06-21", "me", "ref", "referral"),
                                          ("2024-06-22", "me", "ref", "email")])
    called = row(nurture(repaid, as_of="2024-10-30"), "ref")
    assert called["action"] == "call"
    # The reason shows the balance, so "call" rather than "send a referral" makes sense.
    assert "referred you once; you referred them once" in called["reason"]
    assert "you referred them" not in row(nurture(net, as_of=AS_OF), "ref")["reason"]


def test_thank_them_says_what_for(chapter):
    # "Thank them" with only a tally of referrals leaves the reader asking: for what?
    rows = [*every("2023-07-01", 42, 6, "me", "ref", "one_to_one"),
            ("2024-06-20", "ref", "me", "referral")]
    ref = row(nurture(make_network(["me", "ref"], rows), as_of=AS_OF), "ref")
    assert ref["action"] == "thank them"
    assert "referred you once; not yet thanked: no contact since their last referral" in \
        ref["reason"]
    # Jürgen Müller referred Aoife 6 days ago; his business of January was thanked
    # for in the room: the thanks owed are for the referral.
    jurgen = row(nurture(chapter), "m03")
    assert jurgen["action"] == "thank them"
    assert "not yet thanked: no contact since their last referral;" in jurgen["reason"]


def test_weeks_after_a_referral_report_back_rather_than_thank(chapter):
    # A thank-you is due within days; weeks later a bare "thanks" comes late, and
    # a networker reports back on how the referral went (closes the loop).
    rows = [*every("2023-07-01", 42, 6, "me", "ref", "one_to_one"),
            ("2024-06-05", "ref", "me", "referral")]
    net = make_network(["me", "ref"], rows)
    late = row(nurture(net, as_of=AS_OF), "ref")
    assert late["action"] == "report back"
    assert late["reason"] == ("referred you once; not yet followed up: no contact since their "
                              "last referral; tell them how it went; last contact 4 weeks "
                              "ago, usually every 6 weeks")
    assert row(nurture(net, as_of="2024-06-15"), "ref")["action"] == "thank them"
    # The window is a setting.
    wide = make_network(["me", "ref"], rows, settings={"nurture": {"thank_days": 30}})
    assert row(nurture(wide, as_of=AS_OF), "ref")["action"] == "thank them"
    # Rosie Wood's referral came 16 days ago, Aoife has said nothing since.
    rosie = row(nurture(chapter), "m28")
    assert rosie["action"] == "report back"
    assert "not yet followed up: no contact since their last referral" in rosie["reason"]


def test_a_broker_met_once_is_kept_and_offered_a_one_to_one():
    rows = [("2022-03-01", "me", "vic", "social"),
            *[(f"2023-0{month}-01", "vic", f"p{month}", "referral") for month in range(1, 5)],
            ("2024-06-01", "me", "ann", "card")]
    people = ["me", "vic", "ann", "p1", "p2", "p3", "p4"]
    result = nurture(make_network(people, rows), as_of=AS_OF, n=10)
    vic = row(result, "vic")
    assert vic["value_kind"] == "connector" and vic["connects"] == 4
    assert vic["action"] == "book a 1-to-1"
    assert "referred or introduced 4 people in your network" in vic["reason"]


def test_people_rated_character_2_do_not_crowd_the_top():
    rows = []
    for name in ("shady", "good"):
        rows += [*every("2023-07-01", 42, 6, "me", name, "one_to_one"),
                 ("2023-08-12", name, "me", "referral"), ("2023-11-04", name, "me", "referral")]
    people = ["me", {"id": "shady", "character": 2}, {"id": "good", "character": 4}]
    result = nurture(make_network(people, rows), as_of=AS_OF)
    assert listed(result) == ["good", "shady"]
    shady, good = row(result, "shady"), row(result, "good")
    assert shady["priority"] == pytest.approx(0.25 * good["priority"])
    assert "character rated 2/5, so listed lower" in shady["reason"]


def test_nobody_rated_character_2_is_told_to_be_sent_a_referral(consultant):
    # A referral puts your name behind them: owing someone you doubt is no reason
    # to vouch for them. Sam rated Grace Bell 2/5; she gave Sam business twice.
    result = nurture(consultant, n=400)
    doubted = result.contacts[result.contacts["character"] <= 2]
    assert len(doubted) and not (doubted["action"] == "send them a referral").any()
    grace = row(result, "c0349")
    assert grace["action"] == "call"
    assert "character rated 2/5, so listed lower and no referral suggested" in grace["reason"]
    # Someone rated 4 who gave more than they got still gets the referral.
    assert row(result, "c0188")["action"] == "send them a referral"


def test_met_once_names_that_contact_not_the_chapter_meetings_around_it(chapter):
    # Sarah Lawson joined in July: one logged contact of her own, and four more
    # chapter meetings sat in together, which are no contact of their own.
    sarah = row(nurture(chapter, n=400), "m43")
    assert sarah["contact_days"] == 1
    assert sarah["reason"].endswith("; met once, 5 weeks ago (an event together); "
                                    "no follow-up yet")


def test_a_single_spell_of_contact_is_not_called_a_rhythm(chapter):
    # Imogen Sutton, a visitor, was in touch on three days within a week, four
    # months ago: "usually every 2 weeks" would be a rhythm never kept.
    imogen = row(nurture(chapter, n=400), "v03")
    assert imogen["contact_days"] == 3
    assert imogen["reason"].endswith("3 days in contact within 8 days, the last 4 months ago")
    assert "usually" not in imogen["reason"]


@pytest.mark.filterwarnings("ignore:(?s).*unknown column.*birthday")
def test_a_birthday_this_month_is_a_reason_to_call():
    rows = [*every("2024-01-05", 7, 26, "me", "pal", "one_to_one"),
            *every("2024-01-05", 7, 26, "me", "bud", "one_to_one")]
    people = ["me", {"id": "pal", "birthday": "--07-14"}, {"id": "bud", "birthday": "1980-03-01"}]
    result = nurture(make_network(people, rows), as_of=AS_OF)
    assert listed(result) == ["pal"]  # on rhythm, but the birthday is in two weeks
    pal = row(result, "pal")
    assert pal["action"] == "wish a happy birthday" and pal["birthday_in_days"] == 14
    assert pal["reason"].startswith("birthday in 14 days")


def test_a_fresh_import_gets_a_first_list_and_explains_every_exclusion():
    # LinkedIn-only connections years ago and one intro meeting a year ago.
    rows = [("2021-01-10", "me", "li1", "social"), ("2022-05-10", "me", "li2", "social"),
            ("2023-06-01", "me", "intro", "meeting"),
            *every("2024-01-05", 7, 26, "me", "pal", "one_to_one")]
    people = ["me", "li1", "li2", "intro", "pal"]
    result = nurture(make_network(people, rows), as_of=AS_OF, explain=True)
    assert listed(result) == ["intro", "li2", "li1"]
    assert set(result.contacts["value_kind"]) == {"one-off"}
    assert "met once, 13 months ago (a meeting); the list has room" in row(result, "intro")[
        "reason"]
    excluded = result.excluded.set_index("id")
    assert list(excluded.index) == ["pal"]
    assert excluded.loc["pal", "reason"].startswith("in touch on rhythm")
    data = json.loads(result.to_json())
    assert data["excluded"][0]["id"] == "pal"


def test_explain_names_forgotten_one_offs_and_the_ones_below_the_cut(hit_list):
    net = make_network(PEOPLE, [("2021-05-05", "me", "old", "card"),
                                *every("2023-07-01", 42, 6, "me", "ref", "one_to_one"),
                                *every("2023-07-01", 42, 6, "me", "cli", "one_to_one"),
                                *every("2023-07-01", 30, 6, "me", "acq", "call"),
                                *every("2023-07-01", 30, 6, "me", "burst", "call"),
                                *every("2023-07-01", 30, 6, "me", "pal", "call")])
    result = nurture(net, as_of=AS_OF, n=2, explain=True)
    reasons = result.excluded.set_index("id")["reason"]
    assert "a relationship that never started" in reasons["old"]
    assert sum(r.startswith("less urgent than the 2 listed") for r in reasons) == 3
    assert len(result.excluded) + len(result.contacts) == result.considered
    assert "Left out (4):" in to_text(result)


def test_cli_explain(consultant_path, capsys):
    assert main(["nurture", str(consultant_path), "--n", "3", "--explain"]) == 0
    text = capsys.readouterr().out
    assert "Left out (" in text and "a relationship that never started" in text


def test_a_referral_source_silent_over_a_year_gets_a_call_first(consultant):
    from refgraph.judge.nurture import nurture

    hit_list = nurture(consultant, n=15).to_dict()
    kate = next(r for r in hit_list["contacts"] if r["id"] == "c0309")  # silent 16 months
    assert kate["action"] == "call"


# --------------------------------------------------------------------------- a chapter

#: Thursdays of the first half of 2024: the chapter's weekly meetings.
MEETINGS = [str(day.date()) for day in pd.date_range("2024-01-04", "2024-06-27", freq="7D")]


def small_chapter(*, gone_rejoins: str = "", newcomer: list[tuple] | None = None,
                  extra: tuple[tuple, ...] = (), slips: pd.DataFrame | None = None):
    """Me and six members who all refer each other, one who left, and a partner who lapsed.

    ``gone_rejoins``: the date ``gone`` joins again (empty: never); ``extra``:
    more interactions.

    ``pal`` refers me and gives me business over monthly 1-to-1s that stopped in
    March, but sits in every meeting; ``gone`` left in February; ``m1``-``m4``
    each pass a referral to everyone else, so everyone connects about as much.
    """
    people = ["me", "pal", "gone", "m1", "m2", "m3", "m4"]
    rows = [*every("2023-09-01", 30, 7, "me", "pal", "one_to_one"),
            ("2023-10-02", "pal", "me", "referral"), ("2023-12-02", "pal", "me", "referral"),
            ("2024-02-02", "pal", "me", "business", 5000),
            *every("2023-09-10", 30, 5, "me", "gone", "one_to_one"), *extra]
    rows += [("2024-01-15", a, b, "referral") for a in people[2:] for b in people[1:]
             if a != b]
    members = pd.DataFrame({"member": people, "joined": "2023-01-01",
                            "left": ["", "", "2024-02-15", "", "", "", ""]})
    if gone_rejoins:
        members.loc[len(members)] = ["gone", gone_rejoins, ""]
    attendance = pd.DataFrame(
        [(day, member, "P") for day in MEETINGS for member in people
         if member != "gone" or day < "2024-02-15"], columns=["date", "member", "status"])
    if newcomer is not None:  # "new" joins on 1 May 2024 and meets "me" as newcomer says
        people = [*people, "new"]
        rows += newcomer
        members.loc[len(members)] = ["new", "2024-05-01", ""]
        attendance = pd.concat([attendance, pd.DataFrame(
            [(day, "new", "P") for day in MEETINGS if day >= "2024-05-01"],
            columns=["date", "member", "status"])], ignore_index=True)
    net = make_network(people, rows)
    return refgraph.load_network({"contacts": net.contacts.drop(columns="line"),
                                  "interactions": net.interactions.drop(columns="line"),
                                  "members": members, "attendance": attendance,
                                  "slips": (pd.DataFrame(columns=["date", "kind", "source"])
                                            if slips is None else slips),
                                  "settings": {"owner": "me"}})


def test_a_tyfcb_slip_you_handed_in_is_your_thanks_and_report():
    # The slip thanks pal, in the room, for business closed from pal's referral.
    slip = pd.DataFrame({"date": ["2024-06-20"], "kind": ["tyfcb"], "source": ["pal"],
                         "target": ["me"], "value": [800], "notes": [""]})
    thanked = nurture(small_chapter(slips=slip), as_of=AS_OF, explain=True)
    assert "pal" not in set(thanked.contacts["id"])  # nothing owed, in touch 10 days ago
    # The same business recorded as an interaction of its own is still thanked for.
    plain = small_chapter(extra=(("2024-06-20", "pal", "me", "business", 800),))
    assert row(nurture(plain, as_of=AS_OF), "pal")["action"] == "thank them"


def business(date: str, giver: str, receiver: str, notes: str) -> dict:
    """A ``business`` interaction of 800 with a note."""
    return {"date": date, "source": giver, "target": receiver, "kind": "business",
            "value": 800, "notes": notes}


@pytest.mark.parametrize("note", ["thank you for closed business: banners", "TYFCB",
                                  "Tyfcb read out at the meeting",
                                  "THANK YOU FOR CLOSED BUSINESS"])
def test_a_tyfcb_kept_as_a_business_row_is_your_thanks_as_a_slip_is(note):
    # The chapter's TYFCB kept in interactions.csv: you wrote it for pal's referral and
    # read it out in the room, so nothing is owed for it.
    thanked = nurture(small_chapter(extra=(business("2024-06-20", "pal", "me", note),)),
                      as_of=AS_OF)
    assert "pal" not in set(thanked.contacts["id"])


def test_only_a_word_bounded_tyfcb_you_wrote_counts_as_your_thanks():
    # Not a TYFCB: a note that only contains the letters, or says something else.
    for note in ("tyfcbs pending", "thank you for closed businesses", "closed business"):
        plain = small_chapter(extra=(business("2024-06-20", "pal", "me", note),))
        assert row(nurture(plain, as_of=AS_OF), "pal")["action"] == "thank them"
    # A TYFCB pal wrote, thanking you for business you gave, is pal's thanks, not yours:
    # the business pal gave you that day is still to be thanked for.
    theirs = small_chapter(extra=(business("2024-06-20", "pal", "me", "closed business"),
                                  business("2024-06-20", "me", "pal", "TYFCB: payroll")))
    assert row(nurture(theirs, as_of=AS_OF), "pal")["action"] == "thank them"
    # A referral after the TYFCB is still to be thanked for.
    later = small_chapter(extra=(business("2024-06-10", "pal", "me", "TYFCB"),
                                 ("2024-06-20", "pal", "me", "referral")))
    assert row(nurture(later, as_of=AS_OF), "pal")["action"] == "thank them"


def test_the_thanks_are_for_what_they_sent_last():
    # pal gave you business in February and referred you on 20 June: the thanks owed
    # are for the referral, not "their last referral or business".
    referred = small_chapter(extra=(("2024-06-20", "pal", "me", "referral"),))
    pal = row(nurture(referred, as_of=AS_OF), "pal")
    assert pal["action"] == "thank them"
    assert "not yet thanked: no contact since their last referral;" in pal["reason"]
    both = small_chapter(extra=(("2024-06-20", "pal", "me", "referral"),
                                ("2024-06-20", "pal", "me", "business", 300)))
    assert "no contact since their last referral or business;" in row(
        nurture(both, as_of=AS_OF), "pal")["reason"]


def test_no_referral_suggested_on_a_tie_ask_would_not_vouch_on(chapter):
    # Lisa Hill referred Aoife once, but one 1-to-1 in 19 months leaves a visibility
    # tie (0.43): `ask` calls her request premature, so nurture does not suggest
    # vouching for her with a referral either: a 1-to-1 to learn her business first.
    lisa = row(nurture(chapter), "m39")
    assert lisa["action"] == "book a 1-to-1"
    assert ("your tie is only at visibility (trust 0.43), too little to vouch on: get to know "
            "their business at a 1-to-1 before sending them a referral") in lisa["reason"]
    assert ask(chapter, "m39", "v19").verdict == "premature"
    # Dan Powell referred her too, on a tie ask vouches on: he is sent one.
    assert row(nurture(chapter), "m16")["action"] == "send them a referral"
    assert ask(chapter, "m16", "v03").verdict != "premature"


def test_a_partner_faded_below_vouching_is_overdue_whatever_the_messages_since(chapter):
    # Julia Reid and Aoife built a profitable partnership, but no 1-to-1, call, referral or
    # business for a year: `ask` says reconnect first. A message 3 weeks ago keeps the
    # tie visible, not credible: she is overdue, with the reason, not "on rhythm".
    julia = row(nurture(chapter), "m37")
    assert julia["action"] == "call"
    assert ("built up to profitability once, but no 1-to-1, call, referral or business "
            "between you for 12 months: faded to visibility") in julia["reason"]
    assert ask(chapter, "m37", "v02").verdict == "reconnect_first"
    # A partner whose tie still meets the bar, in touch lately, stays on rhythm.
    assert "m26" not in set(nurture(chapter).contacts["id"])


def test_the_chapter_samples_tyfcbs_are_thanks_already_given(chapter):
    # Niamh Cole's last contact is business Aoife thanked her for in the room (a
    # "thank you for closed business" row): no report back owed, but a referral.
    niamh = row(nurture(chapter), "m18")
    assert niamh["action"] == "send them a referral"
    assert "not yet" not in niamh["reason"]


def test_sitting_in_the_same_chapter_meeting_is_not_keeping_in_touch():
    result = nurture(small_chapter(), as_of=AS_OF, explain=True)
    pal = row(result, "pal")
    assert listed(result)[0] == "pal"
    assert pal["last_contact"] == "2024-02-28" and pal["days_since"] == 123
    assert "last contact 4 months ago, usually every 4 weeks" in pal["reason"]


def test_in_a_chapter_where_everyone_refers_nobody_is_a_connector_for_it():
    result = nurture(small_chapter(), as_of=AS_OF, explain=True)
    assert not (result.contacts["value_kind"] == "connector").any()
    assert not result.contacts["reason"].str.contains("a connector").any()
    m1 = row(result, "m1")
    assert m1["action"] == "book a 1-to-1" and pd.isna(m1["last_contact"])
    assert m1["reason"] == ("seen only at chapter meetings, first 6 months ago: no 1-to-1 "
                            "or other contact of your own yet")


def test_a_member_who_left_the_chapter_is_listed_below_current_members():
    result = nurture(small_chapter(), as_of=AS_OF)
    gone = row(result, "gone")
    assert listed(result).index("gone") > listed(result).index("pal")
    assert ("left the chapter in February 2024 and no contact since, so listed lower: catch "
            "up on what they do now;") in gone["reason"]


def test_a_former_member_silent_since_leaving_gets_a_catch_up_call_not_a_referral():
    # They referred you twice, then left the chapter and you have not spoken since:
    # out of the room their business may have changed, so a referral out of the blue
    # (or a first 1-to-1) is not the move; a catch-up call is.
    referred = (("2023-11-20", "gone", "me", "referral"), ("2024-01-10", "gone", "me", "referral"))
    gone = row(nurture(small_chapter(extra=referred), as_of=AS_OF), "gone")
    assert gone["action"] == "call"
    assert ("left the chapter in February 2024 and no contact since, so listed lower: catch up "
            "on what they do now before sending them a referral") in gone["reason"]
    # In touch since they left: the relationship goes on outside the chapter.
    since = (*referred, ("2024-03-20", "me", "gone", "one_to_one"))
    kept = row(nurture(small_chapter(extra=since), as_of=AS_OF), "gone")
    assert kept["action"] == "send them a referral"
    assert "left the chapter in February 2024, so listed lower" in kept["reason"]
    # A referral that was the last contact is still thanked for, or reported back on.
    late = (("2024-02-10", "gone", "me", "referral"),)
    thanked = row(nurture(small_chapter(extra=late), as_of="2024-03-01"), "gone")
    assert thanked["action"] == "report back"
    assert "left the chapter in February 2024, so listed lower" in thanked["reason"]


def test_a_member_who_rejoined_is_a_member_again_but_not_before_rejoining():
    back = row(nurture(small_chapter(gone_rejoins="2024-05-01"), as_of=AS_OF), "gone")
    assert "left the chapter" not in back["reason"]
    later = row(nurture(small_chapter(gone_rejoins="2024-09-01"), as_of=AS_OF), "gone")
    assert "left the chapter in February 2024 and no contact since" in later["reason"]


def test_a_new_contact_who_had_a_one_to_one_is_followed_up_not_offered_a_first_one():
    rows = [("2024-05-20", "me", "ivy", "one_to_one"), ("2024-05-23", "ivy", "me", "message")]
    result = nurture(make_network(["me", "ivy"], rows), as_of=AS_OF)
    ivy = row(result, "ivy")
    assert ivy["action"] == "follow up a new contact"
    assert ivy["reason"] == ("new contact, first met 6 weeks ago; had a one-to-one, last "
                             "contact 5 weeks ago: follow up and book the next meeting")


def test_everyone_met_once_is_due_a_follow_up_after_two_weeks_however_long_ago():
    rows = [("2024-04-12", "me", "new", "introduction"), ("2024-01-30", "me", "older", "event"),
            ("2024-06-25", "me", "fresh", "event")]
    result = nurture(make_network(["me", "new", "older", "fresh"], rows), as_of=AS_OF)
    assert set(listed(result)) == {"new", "older", "fresh"}
    assert row(result, "older")["overdue"] > 0 and row(result, "new")["overdue"] > 0
    assert row(result, "fresh")["overdue"] == 0  # within the two weeks, still listed
    assert row(result, "older")["reason"] == ("met once, 5 months ago (an event together); "
                                              "no follow-up yet")


@pytest.mark.parametrize(("date", "days", "said"), [
    ("2024-06-30T10:00", 0, "today"), ("2024-06-29", 1, "yesterday"),
    ("2024-06-25", 5, "5 days ago")])
def test_days_ago_agree_with_days_since(date, days, said):
    rows = [("2024-01-05", "me", "ann", "one_to_one"), ("2024-03-01", "me", "ann", "call"),
            (date, "ann", "me", "referral")]
    result = nurture(make_network(["me", "ann"], rows), as_of=AS_OF)
    ann = row(result, "ann")
    assert ann["days_since"] == days
    assert f"last contact {said}," in ann["reason"]
    assert ann["last_contact"] == date[:10] and ann["first_contact"] == "2024-01-05"


def test_a_new_chapter_member_met_once_is_offered_a_one_to_one(chapter):
    # A contact logged at a meeting is no 1-to-1: BNI practice is to book one with
    # every new member, not to "call" them.
    result = nurture(small_chapter(newcomer=[("2024-06-06", "me", "new", "event")]),
                     as_of=AS_OF)
    new = row(result, "new")
    assert new["action"] == "book a 1-to-1"
    assert new["reason"].startswith("in your chapter since May 2024, no 1-to-1 with you yet; ")
    # Once they have had one, the follow-up is the next meeting, not a first one.
    met = row(nurture(small_chapter(newcomer=[("2024-06-06", "me", "new", "one_to_one")]),
                      as_of=AS_OF), "new")
    assert met["action"] != "book a 1-to-1" and "no 1-to-1" not in met["reason"]
    # Sarah Lawson joined Aoife's chapter in July 2026; Maria Bishop in February 2026.
    listed_ = nurture(chapter)
    for member in ("m43", "m42"):
        assert row(listed_, member)["action"] == "book a 1-to-1"
    assert row(listed_, "m43")["reason"].startswith(
        "in your chapter since July 2026, no 1-to-1 with you yet")


def test_two_days_in_contact_are_no_rhythm_to_call_usual(chapter):
    # One gap between two contacts is not "usually every 3 weeks": say what happened.
    rows = [("2023-12-01", "me", "vis", "email"), ("2023-12-22", "me", "vis", "call")]
    vis = row(nurture(make_network(["me", "vis"], rows), as_of=AS_OF), "vis")
    assert vis["reason"].endswith("; 2 days in contact, 3 weeks apart, the last 6 months ago")
    # Sarah Ahmed visited twice, 22 months ago: no "trust 0.00", no rhythm.
    sarah = row(nurture(chapter), "v29")["reason"]
    assert sarah == ("visibility tie, trust <0.01; 2 days in contact, 3 weeks apart, the last "
                     "22 months ago")


def test_someone_only_messaged_is_not_said_to_have_been_met(consultant):
    # A message and a like are contact, but nobody met: "met 2 months ago" would be false.
    oliver = row(nurture(consultant), "c0321")
    assert oliver["reason"] == ("new contact, first in touch 2 months ago (a message and a "
                                "social-media touch); no follow-up yet")
    rows = [("2024-02-01", "me", "ema", "email"), ("2024-02-01", "me", "cal", "card")]
    result = nurture(make_network(["me", "ema", "cal"], rows), as_of=AS_OF)
    assert row(result, "ema")["reason"] == ("in touch once, 5 months ago (an email); "
                                            "no follow-up yet")
    assert row(result, "cal")["reason"] == "met once, 5 months ago (a card); no follow-up yet"


def test_a_connector_met_once_says_what_that_one_contact_was():
    # One like two years ago is no acquaintance: the reason says so, not just "only contact".
    people = ["me", "vic", "a", "b", "c", "d"]
    rows = [("2022-06-01", "me", "vic", "social"),
            *[("2024-03-01", "vic", other, "referral") for other in "abcd"]]
    vic = row(nurture(make_network(people, rows), as_of=AS_OF), "vic")
    assert vic["value_kind"] == "connector"
    assert vic["reason"].endswith("; only contact 2 years ago (a social-media touch)")


def test_a_referral_owed_after_half_a_year_without_a_real_conversation_waits_for_a_call():
    # They referred you and bought from you, then eight months of silence: a referral
    # vouches for them, so hear what they do now first (as `ask` would reconnect first).
    rows = [*every("2023-06-01", 30, 6, "me", "ann", "one_to_one"),
            ("2023-09-15", "ann", "me", "referral"), ("2023-10-20", "ann", "me", "business", 900)]
    ann = row(nurture(make_network(["me", "ann"], rows), as_of=AS_OF), "ann")
    assert ann["action"] == "call"
    assert ann["reason"] == ("referred you once; gave you business once (worth 900); catch up "
                             "on what they do now before sending them a referral; last contact "
                             "8 months ago, usually every 4 weeks")
    # A like since is no conversation: the reason says how long since a real one.
    liked = row(nurture(make_network(["me", "ann"], [*rows, ("2024-05-01", "ann", "me",
                                                             "social")]), as_of=AS_OF), "ann")
    assert liked["action"] == "call"
    assert ("no 1-to-1, call, referral or business between you for 8 months: catch up on what "
            "they do now before sending them a referral") in liked["reason"]
    # Five months: still warm enough to give first.
    warm = row(nurture(make_network(["me", "ann"], rows), as_of="2024-03-25"), "ann")
    assert warm["action"] == "send them a referral" and "catch up" not in warm["reason"]


def test_a_current_chapter_member_is_sent_a_referral_however_long_since_a_one_to_one():
    # You hear a fellow member's business every week: no catch-up needed before referring.
    pal = row(nurture(small_chapter(), as_of="2024-10-31"), "pal")
    assert pal["action"] == "send them a referral" and "catch up" not in pal["reason"]
