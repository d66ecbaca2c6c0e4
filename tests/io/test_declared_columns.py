"""Extra contact columns declared in network.toml are kept without a warning."""

from __future__ import annotations

import warnings

import pytest

import refgraph
from refgraph import RefgraphWarning, SettingsError
from refgraph.cli import main


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "contacts.csv").write_text(
        "id,name,Linkedin URL,hobby\nme,Sam,,\nann,Ann,https://www.linkedin.com/in/ann,golf\n")
    (tmp_path / "interactions.csv").write_text(
        "date,source,target,kind\n2024-01-05,me,ann,call\n")
    return tmp_path


def test_undeclared_columns_still_warn(folder):
    (folder / "network.toml").write_text('owner = "me"\n')
    with pytest.warns(RefgraphWarning, match="Linkedin URL, hobby"):
        refgraph.load_network(folder)


def test_declared_columns_are_kept_quietly(folder):
    (folder / "network.toml").write_text(
        'owner = "me"\n[contacts]\nextra_columns = ["linkedin url", "hobby"]\n')
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net = refgraph.load_network(folder)
    assert net.contacts.set_index("id").loc["ann", "Linkedin URL"] == (
        "https://www.linkedin.com/in/ann")


def test_only_the_declared_ones_are_quiet(folder):
    (folder / "network.toml").write_text(
        'owner = "me"\n[contacts]\nextra_columns = ["Linkedin URL"]\n')
    with pytest.warns(RefgraphWarning, match=r"unknown column\(s\) hobby kept"):
        refgraph.load_network(folder)


def test_a_bad_declaration_is_named(folder):
    (folder / "network.toml").write_text('[contacts]\nextra_columns = "Linkedin URL"\n')
    with pytest.raises(SettingsError, match=r"contacts\.extra_columns: expected a list"):
        refgraph.load_network(folder)


def test_cli_is_quiet_with_declared_columns(folder, capsys):
    (folder / "network.toml").write_text(
        'owner = "me"\n[contacts]\nextra_columns = ["Linkedin URL", "hobby"]\n')
    assert main(["stats", str(folder)]) == 0
    assert "unknown column" not in capsys.readouterr().err
