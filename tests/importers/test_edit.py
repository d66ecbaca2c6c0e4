"""Changing a network by hand: refgraph log and refgraph add."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sample_exports
from sample_exports import interactions_of, snapshot

import refgraph
from refgraph import ContactNotFoundError, RefgraphError
from refgraph.cli import main
from refgraph.importers import read_google_contacts
from refgraph.importers.edit import add_contact, log_interaction
from refgraph.importers.importing import import_into

# Fixtures shared with the other import tests; pytest finds them by name here.
exports = sample_exports.exports
linkedin_network = sample_exports.linkedin_network


# --------------------------------------------------------------------------- log and add


def test_log_appends_with_validation(linkedin_network):
    folder = linkedin_network
    done = log_interaction(folder, with_id="priya-shah", kind="One-To-One", date="2024-04-02",
                           notes="=talked Xero", today=dt.date(2024, 4, 3))
    assert done.row == {"date": "2024-04-02", "source": "me", "target": "priya-shah",
                        "kind": "one_to_one", "value": "", "notes": "'=talked Xero"}
    assert done.line == 6
    last = interactions_of(folder).iloc[-1]
    assert last["kind"] == "one_to_one" and last["date"] == "2024-04-02"
    today = log_interaction(folder, with_id="Li Wei", kind="call", today=dt.date(2024, 4, 3))
    assert today.row["target"] == "li-wei"  # a name is read as the CLI reads it
    assert today.row["date"] == "2024-04-03"
    business = log_interaction(folder, with_id="bob-jones", kind="business", value="1200",
                               direction="from", date="2024-04-01", today=dt.date(2024, 4, 3))
    assert (business.row["source"], business.row["target"], business.row["value"]) == (
        "bob-jones", "me", "1200")
    net = refgraph.load_network(folder)
    assert net.interactions["value"].max() == 1200.0


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"with_id": "nobody", "kind": "call"}, ContactNotFoundError, "'nobody' is not a contact"),
    ({"with_id": "Zed Zimmer", "kind": "call"}, ContactNotFoundError, "'Zed Zimmer' is not a"),
    ({"with_id": "li-wei", "kind": "lunch"}, RefgraphError, "'lunch' is not a kind"),
    ({"with_id": "li-wei", "kind": "referral"}, RefgraphError, "pass --direction"),
    ({"with_id": "li-wei", "kind": "call", "direction": "to"}, RefgraphError, "only applies"),
    ({"with_id": "li-wei", "kind": "call", "date": "03/04/2024"}, RefgraphError, "not ISO 8601"),
    ({"with_id": "li-wei", "kind": "call", "date": "2024-02-30"}, RefgraphError, "not a real"),
    ({"with_id": "li-wei", "kind": "call", "date": "0000-01-01"}, RefgraphError, "not a real"),
    ({"with_id": "li-wei", "kind": "call", "date": "2030-01-01"}, RefgraphError, "future"),
    ({"with_id": "li-wei", "kind": "business", "direction": "to", "value": "-5"},
     RefgraphError, "amount >= 0"),
    ({"with_id": "me", "kind": "call"}, RefgraphError, "that is the owner"),
])
def test_log_rejects_bad_input(linkedin_network, kwargs, error, message):
    before = snapshot(linkedin_network)
    with pytest.raises(error, match=message):
        log_interaction(linkedin_network, today=dt.date(2024, 4, 3), **kwargs)
    assert snapshot(linkedin_network) == before


def test_log_refuses_a_repeat(linkedin_network):
    log_interaction(linkedin_network, with_id="li-wei", kind="call", date="2024-04-01",
                    today=dt.date(2024, 4, 3))
    with pytest.raises(RefgraphError, match=r"already in interactions\.csv \(line 6\)"):
        log_interaction(linkedin_network, with_id="li-wei", kind="call", date="2024-04-01",
                        today=dt.date(2024, 4, 3))


def test_add_uses_the_identity_rules(linkedin_network):
    folder = linkedin_network
    added = add_contact(folder, name="Cara Diaz", profession="web designer",
                        email="Cara@Diaz.example", phone="07700 900999",
                        services="web design; wordpress", tags="bni")
    assert added.row["id"] == "cara-diaz"
    assert added.row["email"] == "cara@diaz.example"
    assert added.row["phone"] == "+447700900999"
    with pytest.raises(RefgraphError, match=r"looks like cara-diaz \(Cara Diaz\): the same phone"):
        add_contact(folder, name="C. Diaz", phone="+44 7700 900999")
    with pytest.raises(RefgraphError, match="may already be a contact: li-wei"):
        add_contact(folder, name="Li Wei", company="Initech")
    forced = add_contact(folder, name="Li Wei", company="Initech", force=True)
    assert forced.row["id"] == "li-wei-2"
    with pytest.raises(RefgraphError, match="'me' is already taken by Sam Carter"):
        add_contact(folder, name="Someone", contact_id="me")
    with pytest.raises(RefgraphError, match="not an e-mail address"):
        add_contact(folder, name="Someone", email="nope")
    with pytest.raises(RefgraphError, match="'ask Bob' is not a phone number"):
        add_contact(folder, name="Someone", phone="07700 900111; ask Bob")
    net = refgraph.load_network(folder)
    assert net.contacts.set_index("id").loc["cara-diaz", "services"] == "web design; wordpress"


@pytest.mark.parametrize("wanted", ["=1+1", "@me", "-x", "+cmd"])
def test_add_refuses_an_id_that_is_a_spreadsheet_formula(linkedin_network, wanted):
    before = snapshot(linkedin_network)
    with pytest.raises(RefgraphError, match="would run as a spreadsheet formula"):
        add_contact(linkedin_network, name="Eve Formula", contact_id=wanted)
    assert snapshot(linkedin_network) == before
    assert add_contact(linkedin_network, name="Pat Plus", contact_id="+44").row["id"] == "+44"


@pytest.mark.parametrize(("change", "kwargs", "message"), [
    (log_interaction, {"with_id": 5, "kind": "call"}, "--with: expected text, got int 5"),
    (log_interaction, {"with_id": "li-wei", "kind": "call", "notes": None},
     "--notes: expected text, got NoneType None"),
    (log_interaction, {"with_id": "li-wei", "kind": "business", "direction": "to",
                       "value": [1]}, r"value \[1\] is not a number"),
    (add_contact, {"name": None}, "--name: expected text, got NoneType None"),
    (add_contact, {"name": "Zed", "contact_id": 7}, "--id: expected text, got int 7"),
    (add_contact, {"name": "Zed", "tags": ["a", "b"]}, "--tags: expected text, got list"),
])
def test_python_arguments_of_the_wrong_type_are_named(linkedin_network, change, kwargs,
                                                      message):
    before = snapshot(linkedin_network)
    with pytest.raises(RefgraphError, match=message):
        change(linkedin_network, **kwargs)
    assert snapshot(linkedin_network) == before


def test_cli_log_and_add(linkedin_network, capsys):
    folder = str(linkedin_network)
    assert main(["add", folder, "--name", "Cara Diaz", "--profession", "web designer",
                 "--email", "cara@diaz.example"]) == 0
    assert "Added cara-diaz (Cara Diaz)" in capsys.readouterr().out
    assert main(["add", folder, "--name", "Cara D", "--email", "CARA@diaz.example"]) == 2
    assert "use --force" in capsys.readouterr().err
    assert main(["log", folder, "--with", "cara-diaz", "--kind", "one_to_one",
                 "--date", "2024-04-02", "--notes", "coffee"]) == 0
    assert "Logged one_to_one me -> cara-diaz on 2024-04-02" in capsys.readouterr().out
    assert main(["log", folder, "--with", "cara-diaz", "--kind", "referral",
                 "--direction", "from", "--date", "2024-04-02", "--format", "json"]) == 0
    row = json.loads(capsys.readouterr().out)["row"]
    assert (row["source"], row["target"]) == ("cara-diaz", "me")
    assert main(["log", folder, "--with", "ghost", "--kind", "call"]) == 2
    assert "'ghost' is not a contact" in capsys.readouterr().err
    # Without --date the computer's date is used (the one place the clock is read).
    assert main(["log", folder, "--with", "li-wei", "--kind", "call"]) == 0
    assert dt.date.today().isoformat() in capsys.readouterr().out


def test_a_parquet_only_network_is_not_mistaken_for_a_new_one(linkedin_network, exports,
                                                              capsys):
    pytest.importorskip("pyarrow")
    folder = linkedin_network
    refgraph.convert_network(folder)
    for name in ("contacts.csv", "interactions.csv"):
        (folder / name).unlink()
    before = sorted(path.name for path in folder.iterdir())
    changes = [
        lambda: log_interaction(folder, with_id="priya-shah", kind="call", date="2024-04-02"),
        lambda: add_contact(folder, name="Zed Newman"),
        lambda: import_into(folder, read_google_contacts(exports["google"])),
    ]
    for change in changes:
        with pytest.raises(RefgraphError, match=r"Parquet only .*convert .* --to parquet again"):
            change()
    assert main(["log", str(folder), "--with", "priya-shah", "--kind", "call"]) == 2
    assert "holds its network as Parquet only" in capsys.readouterr().err
    # Nothing was written: no new CSV network started beside the Parquet files.
    assert sorted(path.name for path in folder.iterdir()) == before
    assert len(refgraph.load_network(folder).contacts) > 1
