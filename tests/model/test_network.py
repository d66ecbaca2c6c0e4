"""The Network object: owner handling, id checks, names, as_of and caching."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest
from toys import make_network

import refgraph
from refgraph import (
    ContactNotFoundError,
    Network,
    RefgraphError,
    RefgraphWarning,
    SettingsError,
    load_network,
)


def small(owner="me"):
    return make_network([{"id": "me", "name": "Sam"}, {"id": "ann", "name": "Ann Lee"}, "bob"],
                        [("2024-01-05", "me", "ann", "call"),
                         ("2024-02-01T10:00Z", "ann", "bob", "referral")], owner=owner)


def test_owner_and_names():
    net = small()
    assert net.owner == "me"
    assert net.require_owner() == "me"
    assert net.name_of("ann") == "Ann Lee"
    assert net.name_of("stranger") == "stranger"
    assert net.require("bob") == "bob"
    assert repr(net) == "<Network: 3 contacts, 2 interactions, owner='me'>"


def test_unknown_ids_are_clear_errors():
    net = small()
    with pytest.raises(ContactNotFoundError, match="contact 'zed' is not a contact id") as caught:
        net.require("zed")
    assert isinstance(caught.value, RefgraphError) and isinstance(caught.value, KeyError)
    assert str(caught.value) == "contact 'zed' is not a contact id of this network"
    with pytest.raises(ContactNotFoundError, match="owner 'zed'"):
        net.with_owner("zed")


def test_a_contact_is_found_by_id_in_any_case_when_only_one_id_folds_to_it():
    net = make_network([{"id": "C01", "name": "Ann"}, {"id": "c02", "name": "Bob"},
                        {"id": "x", "name": "X1"}, {"id": "X", "name": "X2"}],
                       [("2024-01-05", "C01", "c02", "call")], owner="C01")
    assert net.resolve_contact("c01") == "C01"
    assert net.resolve_contact("C02") == "c02"
    assert net.resolve_contact("X") == "X"  # an exact id wins over a folded one
    with pytest.raises(ContactNotFoundError):
        net.resolve_contact("zz")


def test_a_name_is_found_as_people_type_it_without_accents():
    net = make_network([{"id": "z", "name": "Zoë Brontë"},
                        {"id": "a", "name": "Aoife Ní Dhomhnaill"},
                        {"id": "j1", "name": "José Álvarez"}, {"id": "j2", "name": "Jose Alvarez"},
                        {"id": "m", "name": "Me"}],
                       [("2024-01-05", "m", "z", "call")], owner="m")
    assert net.resolve_contact("Zoe Bronte") == "z"
    assert net.resolve_contact("zoe") == "z"  # a close match, accents aside
    assert net.resolve_contact("aoife ni dhomhnaill") == "a"
    # The name as written wins; two people who differ only by accents stay apart.
    assert net.resolve_contact("José Álvarez") == "j1"
    assert net.resolve_contact("Jose Alvarez") == "j2"
    assert net.resolve_contact("JOSE ALVAREZ") == "j2"
    with pytest.raises(ContactNotFoundError, match="matches several contacts: j1"):
        net.resolve_contact("Jose Álvarez")  # as close to either


def test_me_means_the_owner_where_no_contact_has_that_id_or_name():
    people = [{"id": "m01", "name": "Sam Carter"}, {"id": "m02", "name": "James Mensah"},
              {"id": "m03", "name": "Amelie Hume"}]
    net = make_network(people, [("2024-01-05", "m01", "m02", "call")], owner="m01")
    assert net.resolve_contact("me") == net.resolve_contact("Myself") == "m01"
    # An id or a name that is "me" is that contact, whoever the owner is.
    named = make_network([*people, {"id": "x", "name": "Me"}],
                         [("2024-01-05", "m01", "m02", "call")], owner="m01")
    assert named.resolve_contact("me") == "x"
    with pytest.raises(ContactNotFoundError, match="matches several contacts"):
        make_network(people, [("2024-01-05", "m01", "m02", "call")],
                     owner=None).resolve_contact("me")  # no owner: names containing "me"


def test_with_owner_and_missing_owner():
    net = small(owner=None)
    assert net.owner is None
    with pytest.raises(RefgraphError, match="no owner set: add owner"):
        net.require_owner()
    assert net.require_owner("ann") == "ann"
    moved = net.with_owner("ann")
    assert moved.owner == "ann" and net.owner is None
    assert moved.contacts is net.contacts
    assert net.with_owner(None) is net


def test_latest_and_as_of():
    net = small()
    assert net.latest == pd.Timestamp("2024-02-01T10:00", tz="UTC")
    assert net.resolve_as_of() == net.latest
    assert net.resolve_as_of("2024-01-31") == pd.Timestamp("2024-01-31T23:59:59.999999",
                                                           tz="UTC")
    empty = Network(net.contacts, net.interactions.iloc[:0])
    assert empty.latest is None
    # Without interactions, "now" is the end of today.
    assert empty.resolve_as_of() == pd.Timestamp(dt.date.today()).tz_localize("UTC") + \
        pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)


def test_a_set_now_leaves_later_interactions_out_with_one_warning():
    net = make_network(["me", "ann", "bob"],
                       [("2024-01-05", "me", "ann", "call"),
                        ("2099-01-01", "me", "bob", "call"),
                        ("2098-05-01", "ann", "bob", "call")], owner="me")
    pinned = net.with_as_of("2024-06-30")
    with pytest.warns(RefgraphWarning) as caught:
        stamp = pinned.resolve_as_of()
        pinned.graph()
        pinned.ties()
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "2 interaction(s) dated after 2024-06-30" in message
    assert "lines 2, 3" in message
    assert stamp == pd.Timestamp("2024-06-30T23:59:59.999999", tz="UTC")
    assert list(pinned.graph().edges()) == [("me", "ann")]
    # an as_of asked for explicitly looks at the past on purpose: no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pinned.resolve_as_of("2024-03-01")
    today = net.with_as_of("today")
    assert today.settings.as_of == dt.date.today().isoformat()
    with pytest.raises(RefgraphError, match="not a date"):
        net.with_as_of("soon")


def test_as_of_pinned_in_network_toml(tmp_path):
    (tmp_path / "contacts.csv").write_text("id,name\nme,Me\nann,Ann\n")
    (tmp_path / "interactions.csv").write_text("date,source,target,kind\n2024-01-05,me,ann,call\n")
    (tmp_path / "network.toml").write_text('owner = "me"\nas_of = 2024-02-01\n')
    net = load_network(tmp_path)
    assert net.settings.as_of == "2024-02-01"
    assert net.resolve_as_of() == pd.Timestamp("2024-02-01T23:59:59.999999", tz="UTC")
    (tmp_path / "network.toml").write_text('as_of = "next week"\n')
    with pytest.raises(SettingsError, match="as_of: expected a date"):
        load_network(tmp_path)


def test_results_are_cached_per_moment():
    net = small()
    assert net.ties() is net.ties()
    assert net.flows() is net.flows()
    assert net.flow_graph() is net.flow_graph()
    assert net.ties("2024-01-10") is not net.ties()
    assert len(net.ties("2024-01-10")) == 1 and len(net.ties()) == 2


def test_the_cache_is_public_and_keyed_by_moment():
    net = small()
    calls = []
    assert net.cached(("demo",), lambda: calls.append(1) or "value") == "value"
    assert net.cached(("demo",), lambda: calls.append(1) or "other") == "value"
    assert calls == [1]
    net.remember(("demo",), "replaced")
    assert net.cached(("demo",), lambda: "unused") == "replaced"
    assert net.derived("ties") is net.ties()
    assert net.derived("graph", "2024-01-10") is net.graph("2024-01-10")
    with pytest.raises(KeyError):
        net.derived("no such builder")


def test_the_network_module_does_not_import_what_computes_from_it():
    import ast
    from pathlib import Path

    import refgraph.model.network as module

    imported = set()
    for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    assert not imported & {"refgraph.model.ties", "refgraph.model.graph", "refgraph.model"}
    assert set(module.BUILDERS) == {"ties", "flows", "graph", "flow_graph"}


def test_jupyter_summary_and_ties_with_names():
    net = small()
    page = net._repr_html_()
    assert "<table>" in page and "Sam (<code>me</code>)" in page
    assert "2024-01-05 to 2024-02-01" in page
    named = net.ties(names=True)
    assert list(named.columns[:4]) == ["u", "u_name", "v", "v_name"]
    assert set(zip(named["u"], named["u_name"], strict=True)) | set(
        zip(named["v"], named["v_name"], strict=True)) == {
        ("me", "Sam"), ("ann", "Ann Lee"), ("bob", "bob")}
    assert "u_name" not in net.ties().columns  # the cached table is left as it is
    hostile = make_network([{"id": "me", "name": "<b>Me</b>"}], [], owner="me")
    assert "<b>Me</b>" not in hostile._repr_html_() and "none yet" in hostile._repr_html_()


@pytest.mark.parametrize("call", [
    lambda net: refgraph.refer(net, "a plumber"),
    lambda net: refgraph.ask(net, "ann", "bob"),
    lambda net: refgraph.trust_paths(net, "me", "bob"),
    lambda net: refgraph.nurture(net),
    lambda net: refgraph.stats(net),
    lambda net: refgraph.ledger(net),
])
def test_a_folder_given_where_a_network_is_expected_says_how_to_load_it(call):
    with pytest.raises(RefgraphError, match=r"expected a Network, got str 'my-net'; read the "
                                            r"folder first: network = refgraph\.load_network"):
        call("my-net")


def test_a_trigger_that_is_not_text_is_named():
    with pytest.raises(RefgraphError, match="the trigger must be text describing the situation, "
                                            "got int 5"):
        refgraph.refer(small(), 5)
