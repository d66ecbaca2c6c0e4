"""End-to-end tests of the refer, path, ask and nurture sub-commands as a user runs them."""

from __future__ import annotations

import importlib.metadata
import io
import json
import shutil

import pandas as pd
import pytest
from cli_runner import run_cli as _run

import refgraph
from refgraph.cli import main

#: One sensible invocation of each sub-command per sample network (after the folder).
COMMANDS = {
    "consultant": [
        ["refer", "two friends were just made redundant", "--top", "5"],
        ["path", "me", "c0044", "--k", "3"],
        ["ask", "c0020", "c0001"],
        ["nurture", "--n", "15"],
    ],
    "chapter": [
        ["refer", "a client asked me for a good web designer"],
        ["path", "m01", "m20"],
        ["ask", "m02", "m03"],
        ["nurture", "--n", "10"],
        ["scorecard", "--months", "6"],
    ],
}
#: Top-level JSON fields each sub-command promises (the README lists them all).
CONTRACT = {
    "refer": {"trigger", "owner", "as_of", "needs", "candidates"},
    "path": {"source", "target", "as_of", "paths"},
    "ask": {"asker", "target", "as_of", "verdict", "reasons", "path"},
    "nurture": {"owner", "as_of", "contacts"},
    "scorecard": {"as_of", "period", "previous_period", "members"},
}


def _case_params():
    for sample, commands in COMMANDS.items():
        for command in commands:
            yield pytest.param(sample, command, id=f"{sample}-{command[0]}")


CASES = list(_case_params())


def _argv(request, sample, command):
    folder = str(request.getfixturevalue(f"{sample}_path"))
    return [command[0], folder, *command[1:]]


@pytest.mark.parametrize(("sample", "command"), CASES)
def test_every_format_as_of_and_owner(request, sample, command, capsys):
    argv = _argv(request, sample, command)
    owner = "me" if sample == "consultant" else "m01"
    code, table, err = _run([*argv, "--as-of", "2026-06-30", "--owner", owner], capsys)
    assert code == 0, err
    assert table.strip() and all(len(line) <= 80 for line in table.splitlines())
    assert "2026-06-30" in table

    code, out, err = _run([*argv, "--as-of", "2026-06-30", "--format", "json"], capsys)
    assert code == 0, err
    payload = json.loads(out)
    assert CONTRACT[command[0]] <= set(payload)
    assert payload["as_of"].startswith("2026-06-30")

    code, out, err = _run([*argv, "--format", "csv"], capsys)
    assert code == 0, err
    pd.read_csv(io.StringIO(out))  # parses as CSV (an empty result still has a header)


@pytest.mark.parametrize(("sample", "command"), CASES)
@pytest.mark.parametrize("extra", [["--as-of", "2026-13-45"], ["--as-of", "soon"],
                                   ["--owner", "nobody"]])
def test_user_errors_are_one_line_with_status_2(request, sample, command, extra, capsys):
    argv = _argv(request, sample, command)
    code, out, err = _run([*argv, *extra], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "error: " in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ["refer", "x", "--top", "0"], ["refer", "x", "--top", "many"],
    ["path", "me", "c0044", "--k", "0"], ["path", "me", "c0044", "--k", "-2"],
    ["path", "me", "c0044", "--method", "shortest"],
    ["nurture", "--n", "0"], ["nurture", "--n", "1.5"],
    ["path", "me", "nobody"], ["path", "nobody", "me"],
    ["ask", "nobody", "c0001"], ["ask", "c0020", "nobody"], ["ask", "c0020", "c0020"],
    ["ask", "me", "c0001"],
])
def test_bad_values_and_unknown_ids(consultant_path, argv, capsys):
    code, out, err = _run([argv[0], str(consultant_path), *argv[1:]], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("refgraph") and "usage:" not in err


@pytest.mark.parametrize("argv", [["refer", "a plumber"], ["ask", "c0020", "c0001"],
                                  ["nurture"]])
def test_missing_owner_is_a_clear_error(consultant_path, tmp_path, argv, capsys):
    folder = tmp_path / "no-owner"
    folder.mkdir()
    for name in ("contacts.csv", "interactions.csv"):
        shutil.copy(consultant_path / name, folder / name)
    code, out, err = _run([argv[0], str(folder), *argv[1:]], capsys)
    assert code == 2 and out == ""
    assert err == ('refgraph: error: no owner set: add owner = "<your contact id>" to '
                   "network.toml or pass --owner\n")


def test_version_comes_from_the_installed_metadata(capsys):
    installed = importlib.metadata.version("refgraph")
    assert refgraph.__version__ == installed
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"refgraph {installed}\n"


def test_chapter_report_and_scorecard_months(chapter_path, tmp_path, capsys):
    out = tmp_path / "chapter.html"
    code, _, err = _run(["report", str(chapter_path), "--chapter", "--month", "2026-09",
                         "-o", str(out)], capsys)
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "Chapter report: September 2026" in page and "Members at risk" in page
    code, _, err = _run(["report", str(chapter_path), "--chapter", "--month", "2026-09",
                         "-o", str(out)], capsys)
    assert code == 2 and "already exists" in err
    code, text, err = _run(["scorecard", str(chapter_path), "--months", "3", "--as-of",
                            "2026-09-30", "--format", "json"], capsys)
    payload = json.loads(text)
    assert payload["period"] == {"start": "2026-07-01", "end": "2026-09-30"}
    code, _, err = _run(["scorecard", str(chapter_path), "--months", "0"], capsys)
    assert code == 2 and "at least 1" in err


def test_scorecard_on_a_network_without_chapter_records(consultant_path, capsys):
    code, out, err = _run(["scorecard", str(consultant_path)], capsys)
    assert code == 2 and out == "" and "no chapter records" in err


def test_a_name_taken_by_a_close_match_is_said_on_stderr(consultant_path, capsys):
    # "Mark Elison" is a guess at Mark Ellison: the user hears it, and JSON stays JSON.
    code, out, err = _run(["path", consultant_path, "me", "Mark Elison", "--format", "json"],
                          capsys)
    assert code == 0, err
    assert json.loads(out)["target"] == "c0002"
    assert err == 'refgraph: taking "Mark Elison" as Mark Ellison (c0002)\n'
    code, out, err = _run(["ask", consultant_path, "catherine wels", "Mark Elison"], capsys)
    assert code == 0 and out.startswith("Catherine Wells asks to be introduced to Mark Ellison")
    assert err.splitlines() == ['refgraph: taking "catherine wels" as Catherine Wells (c0043)',
                                'refgraph: taking "Mark Elison" as Mark Ellison (c0002)']


@pytest.mark.parametrize("typed", ["c0002", "C0002", "Mark Ellison", "mark ellison"])
def test_an_exact_id_or_name_is_taken_quietly(consultant_path, typed, capsys):
    code, out, err = _run(["path", consultant_path, "me", typed, "--format", "json"], capsys)
    assert code == 0 and err == ""
    assert json.loads(out)["target"] == "c0002"


def test_an_accent_folded_name_and_me_are_taken_quietly(consultant_path, capsys):
    code, out, err = _run(["ask", consultant_path, "zoe bronte", "c0002", "--owner", "me"],
                          capsys)
    assert code == 0 and err == ""
    assert out.startswith("Zoë Brontë asks to be introduced to Mark Ellison")
