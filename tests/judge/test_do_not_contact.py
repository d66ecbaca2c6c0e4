"""The tags that bar contact are a setting: ``[contacts] do_not_contact_tags`` in network.toml."""

from __future__ import annotations

import json

import pandas as pd
from cli_runner import run_cli

import refgraph

AS_OF = "2024-06-30"


def _referral_source(person: str) -> list[dict]:
    """Monthly 1-to-1s and two referrals to the owner, then silent since April: overdue."""
    rows = [{"date": f"2024-0{month}-10", "source": "me", "target": person,
             "kind": "one_to_one"} for month in range(1, 5)]
    return rows + [{"date": day, "source": person, "target": "me", "kind": "referral"}
                   for day in ("2024-02-01", "2024-04-01")]


def _folder(tmp_path, toml: str):
    """A network folder: yan (moved abroad) knows zoe best, bea knows her too; cy
    (tagged 'dnc') and yan are overdue referral sources, as is bea."""
    contacts = pd.DataFrame({
        "id": ["me", "yan", "bea", "zoe", "cy"],
        "name": ["Me", "Yan Li", "Bea Cole", "Zoe Hart", "Cy Dunn"],
        "tags": ["", "client; Gone-Abroad", "", "", "dnc"]})
    rows = [*_referral_source("yan"), *_referral_source("bea"), *_referral_source("cy")]
    rows += [{"date": f"2024-06-{day:02d}", "source": a, "target": "zoe", "kind": "one_to_one"}
             for a, count in (("yan", 9), ("bea", 6)) for day in range(1, count + 1)]
    folder = tmp_path / "net"
    folder.mkdir()
    contacts.to_csv(folder / "contacts.csv", index=False)
    pd.DataFrame(rows).to_csv(folder / "interactions.csv", index=False)
    (folder / "network.toml").write_text(f'owner = "me"\nas_of = "{AS_OF}"\n{toml}',
                                         encoding="utf-8")
    return folder


CUSTOM = '[contacts]\ndo_not_contact_tags = ["deceased", "do not contact", "gone abroad"]\n'


def test_a_custom_tag_keeps_a_contact_off_nurture_and_out_of_paths(tmp_path):
    net = refgraph.load_network(_folder(tmp_path, CUSTOM))
    listed = refgraph.nurture(net, explain=True)
    assert "yan" not in set(listed.contacts["id"])
    reasons = listed.excluded.set_index("id")["reason"]
    assert reasons["yan"] == "tagged 'Gone-Abroad': not someone to get in touch with"
    # Yan knows zoe best, but has moved abroad: the route goes through bea.
    assert refgraph.trust_paths(net, "me", "zoe").best.via == ["Bea Cole"]
    said = "you tagged Yan Li 'Gone-Abroad': not someone to introduce anyone to"
    assert said in refgraph.ask(net, "bea", "yan").reasons
    # The list replaces the default one: 'dnc' is not on it, so cy is listed again.
    assert "cy" in set(listed.contacts["id"])


def test_without_the_setting_the_default_tags_apply(tmp_path):
    net = refgraph.load_network(_folder(tmp_path, ""))
    ids = set(refgraph.nurture(net).contacts["id"])
    assert "yan" in ids and "cy" not in ids  # 'Gone-Abroad' is no default tag, 'dnc' is
    assert refgraph.trust_paths(net, "me", "zoe").best.via == ["Yan Li"]


def test_the_command_line_reads_the_setting(tmp_path, capsys):
    folder = _folder(tmp_path, CUSTOM)
    code, out, err = run_cli(["nurture", folder, "--format", "json"], capsys)
    assert code == 0, err
    assert "yan" not in {row["id"] for row in json.loads(out)["contacts"]}
    code, out, err = run_cli(["path", folder, "me", "zoe", "--format", "json"], capsys)
    assert code == 0, err
    assert all("yan" not in path["nodes"] for path in json.loads(out)["paths"])


def test_a_bad_tag_list_is_a_clear_error(tmp_path, capsys):
    folder = _folder(tmp_path, '[contacts]\ndo_not_contact_tags = "gone abroad"\n')
    code, out, err = run_cli(["nurture", folder], capsys)
    assert code == 2 and out == ""
    assert err == (f"refgraph: error: {folder / 'network.toml'}, line 4: "
                   "contacts.do_not_contact_tags: expected a list of strings, got "
                   "'gone abroad'\n")
