"""Everyday use of the command line: names for ids, one count option, "now", bad paths."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pytest
from cli_runner import run_cli as _run


@pytest.fixture
def fresh(tmp_path):
    """A network of contacts without any interactions yet (a fresh address-book import)."""
    folder = tmp_path / "fresh"
    folder.mkdir()
    (folder / "contacts.csv").write_text(
        "id,name,profession,services\nme,Sam Carter,consultant,\n"
        "cw,Catherine Wells,web designer,web design\nal,Ann Lee,accountant,bookkeeping\n")
    (folder / "interactions.csv").write_text("date,source,target,kind\n")
    (folder / "network.toml").write_text('owner = "me"\n')
    return folder


def test_names_work_wherever_an_id_is_expected(consultant_path, capsys):
    by_id = _run(["path", consultant_path, "me", "c0043", "--format", "json"], capsys)
    by_name = _run(["path", consultant_path, "me", "catherine wells", "--format", "json"], capsys)
    typo = _run(["path", consultant_path, "Sam Carter", "Catherine Wels", "--format", "json"],
                capsys)
    assert by_id[0] == by_name[0] == typo[0] == 0
    assert json.loads(by_id[1]) == json.loads(by_name[1]) == json.loads(typo[1])
    code, out, _ = _run(["ask", consultant_path, "Tom Nguyen", "Catherine Wells",
                         "--format", "json"], capsys)
    assert code == 0
    assert (json.loads(out)["asker"], json.loads(out)["target"]) == ("c0042", "c0043")


def test_an_ambiguous_or_unknown_name_is_a_clear_error(consultant_path, capsys):
    code, out, err = _run(["path", consultant_path, "me", "Anna"], capsys)
    assert code == 2 and out == ""
    assert "target 'Anna' matches several contacts" in err and "c0110 (Anna Ward)" in err
    assert "Traceback" not in err
    code, _, err = _run(["ask", consultant_path, "Nobody Atall", "me"], capsys)
    assert code == 2 and "asker 'Nobody Atall' is not a contact id or name" in err


@pytest.mark.parametrize(("command", "old", "field"), [
    (["nurture"], "--n", "contacts"),
    (["path", "me", "c0044"], "--k", "paths"),
    (["refer", "a client asked me for a good web designer"], None, "candidates"),
])
def test_top_is_the_one_count_option_and_old_spellings_still_work(
        consultant_path, capsys, command, old, field):
    argv = [command[0], consultant_path, *command[1:], "--format", "json"]
    code, out, _ = _run([*argv, "--top", "2"], capsys)
    assert code == 0 and len(json.loads(out)[field]) <= 2
    if old:
        assert _run([*argv, old, "2"], capsys)[1] == out


def test_viz_top_is_max_nodes(consultant_path, tmp_path, capsys):
    for option in ("--top", "--max-nodes"):
        code, _, err = _run(["viz", consultant_path, "-o", tmp_path / f"{option}.html",
                             option, "20", "--ego", "Catherine Wells"], capsys)
        assert code == 0, err
    assert (tmp_path / "--top.html").read_bytes() == (tmp_path / "--max-nodes.html").read_bytes()


def test_an_unknown_option_points_at_the_sub_command_help(consultant_path, capsys):
    code, _, err = _run(["nurture", consultant_path, "--bogus"], capsys)
    assert code == 2
    assert err.strip() == ("refgraph nurture: error: unrecognized arguments: --bogus "
                           "(see refgraph nurture --help)")


def test_now_is_today_and_later_interactions_are_left_out_with_one_warning(fresh, capsys):
    (fresh / "interactions.csv").write_text(
        "date,source,target,kind\n"
        f"{dt.date.today() - dt.timedelta(days=3)},me,cw,one_to_one\n"
        "2099-01-01,me,al,one_to_one\n"
        f"{dt.date.today() + dt.timedelta(days=30)},me,al,meeting\n")
    code, out, err = _run(["nurture", fresh, "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["as_of"] == dt.date.today().isoformat()
    assert err.count("warning") == 1
    assert "2 interaction(s) dated after" in err and "(today)" in err and "lines 3, 4" in err
    code, out, err = _run(["stats", fresh, "--format", "json"], capsys)
    assert json.loads(out)["size"]["ties"] == 1


def test_a_month_that_has_not_ended_is_refused(fresh, tmp_path, capsys):
    # next month, as this month may end today
    this_month = (dt.date.today().replace(day=1) + dt.timedelta(days=32)).strftime("%Y-%m")
    code, _, err = _run(["report", fresh, "--month", this_month, "-o", tmp_path / "r.html"],
                        capsys)
    assert code == 2
    assert f"month {this_month} has not ended yet" in err
    assert not (tmp_path / "r.html").exists()


def test_a_network_without_interactions_works_with_every_command(fresh, tmp_path, capsys):
    for argv in (["refer", fresh, "a client asked me for a good web designer"],
                 ["path", fresh, "me", "Catherine Wells"], ["ask", fresh, "al", "cw"],
                 ["nurture", fresh], ["stats", fresh],
                 ["viz", fresh, "-o", tmp_path / "v.html"],
                 ["report", fresh, "--month", "2025-01", "-o", tmp_path / "r.html"]):
        code, _, err = _run(argv, capsys)
        assert code == 0, (argv, err)
        assert "Traceback" not in err
    code, out, err = _run(["refer", fresh, "a client needs a web designer", "--format", "json"],
                          capsys)
    assert code == 0 and "no interactions yet" in err and "ranked by fit alone" in err
    assert json.loads(out)["candidates"][0]["id"] == "cw"
    assert (tmp_path / "v.html").stat().st_size > 0
    assert (tmp_path / "r.html").stat().st_size > 0


def _writers(network, target):
    return {
        "viz": ["viz", network, "-o", target],
        "report": ["report", network, "--month", "2025-01", "-o", target],
        "import": ["import", "vcard", network / "card.vcf", "--into", target],
        "log": ["log", target, "--with", "cw", "--kind", "call"],
        "add": ["add", target, "--name", "Zed Zee"],
    }


@pytest.mark.parametrize("writer", ["viz", "report", "import", "log", "add"])
@pytest.mark.parametrize("problem", ["parent is a file", "missing folder", "read-only"])
def test_an_unwritable_output_is_one_line_naming_the_path(fresh, tmp_path, capsys, writer,
                                                          problem):
    (fresh / "card.vcf").write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoe Moss\r\nEND:VCARD\r\n")
    if problem == "parent is a file":
        (tmp_path / "afile").write_text("x")
        target = tmp_path / "afile" / "out"
    elif problem == "missing folder":
        target = tmp_path / "missing" / "deeper" / "out"
    else:
        if os.geteuid() == 0:
            pytest.skip("the superuser may write anywhere")
        locked = tmp_path / "locked"
        shutil.copytree(fresh, locked)
        locked.chmod(0o555)
        target = locked / "out.html" if writer in ("viz", "report") else locked
    if writer == "import" and problem == "missing folder":
        target = tmp_path / "afile-missing" / "x"
        (tmp_path / "afile-missing").write_text("x")  # a missing network is created: use a file
    if writer in ("log", "add") and problem != "read-only":
        target = target.parent  # these write into a network folder
    argv = _writers(fresh, target)[writer]
    if writer in ("viz", "report"):
        argv[-1] = target if str(target).endswith(".html") else f"{target}.html"
    code, _, err = _run(argv, capsys)
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("refgraph: error: ")
    assert str(tmp_path) in err


@pytest.mark.parametrize("writer", ["viz", "report"])
@pytest.mark.parametrize("name", ["contacts.csv", "interactions.csv", "network.toml"])
def test_force_never_writes_a_page_over_the_network_files(fresh, capsys, writer, name):
    before = (fresh / name).read_bytes()
    argv = _writers(fresh, fresh / name)[writer]
    code, _, err = _run([*argv, "--force"], capsys)
    assert code == 2 and "is a file of the network" in err and "Traceback" not in err
    assert (fresh / name).read_bytes() == before


def test_refer_honours_gender_and_place_from_the_command_line(consultant_path, capsys):
    code, out, _ = _run(["refer", consultant_path, "I need a female speaker for our conference",
                         "--top", "3"], capsys)
    assert code == 0
    assert "Warning: asked for a female person: left out" in out
    assert "Dr Amara Okafor (c0014)" in out and "Ben Harlow" not in out
    code, out, _ = _run(["refer", consultant_path,
                         "a client needs an accountant, someone in London", "--format", "json"],
                        capsys)
    answer = json.loads(out)
    assert code == 0 and answer["candidates"][0]["id"] == "c0001"
    assert "c0030" not in [c["id"] for c in answer["candidates"]]  # recorded in Bristol
    assert any(w.startswith("asked for someone in London") for w in answer["warnings"])
    code, out, _ = _run(["refer", consultant_path, "a client asked me for a good web designer",
                         "--format", "json"], capsys)
    assert code == 0 and not any(w.startswith("asked for") for w in json.loads(out)["warnings"])
