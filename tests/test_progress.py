"""Progress bars: on a terminal only, forced with progress=True, silenced by --quiet."""

from __future__ import annotations

import io
import shutil
import sys
import warnings

import pytest
from conftest import SAMPLES

import refgraph
from refgraph.cli import main
from refgraph.io import progress as progress_module
from refgraph.io.progress import Steps, auto_progress, read_file_bytes, show_progress, steps

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ann,Smith,https://www.linkedin.com/in/ann,,Acme,Designer,12 Mar 2021\n"
    "Bo,Li,https://www.linkedin.com/in/bo,bo@li.example,,Coach,15 Jan 2020\n"
)


class Terminal(io.StringIO):
    """Standard error as a terminal: what the automatic choice looks for."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch):
    """Make standard error a terminal; call it in the test (capture resets it before)."""
    def install() -> Terminal:
        stream = Terminal()
        monkeypatch.setattr(sys, "stderr", stream)
        return stream
    return install


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the helpers


def test_automatic_choice_follows_the_stream_and_auto_progress():
    assert show_progress(None, stream=io.StringIO()) is False
    assert show_progress(None, stream=Terminal()) is True
    assert show_progress(True, stream=io.StringIO()) is True
    assert show_progress(False, stream=Terminal()) is False
    with auto_progress(False):
        assert show_progress(None, stream=Terminal()) is False
        assert show_progress(True) is True  # an explicit choice wins
    with auto_progress(True):
        assert show_progress(None, stream=io.StringIO()) is True
    assert show_progress(None, stream=io.StringIO()) is False


def test_a_bar_names_each_step_and_is_removed(terminal):
    terminal = terminal()
    with steps(["reading", "checking"], "work", enabled=True) as bar:
        assert bar.shown
        bar.step()
        bar.step()
    text = terminal.getvalue()
    assert "work: reading" in text and "work: checking" in text
    assert not bar.shown  # closed


def test_work_inside_a_bar_draws_no_second_bar(terminal):
    terminal = terminal()
    with steps(["outer"], "outer", enabled=True):
        with steps(["inner"], "inner") as inner:
            assert not inner.shown
        with steps(["inner"], "again", enabled=True) as forced:
            assert forced.shown  # an explicit True still draws
    assert "inner: inner" not in terminal.getvalue() and "again: inner" in terminal.getvalue()


def test_a_caller_bar_is_continued_not_closed():
    outer = Steps(["a", "b", "c"], "outer", enabled=False)
    with steps(["b", "c"], "inner", enabled=outer) as same:
        assert same is outer
        same.step()
    assert outer.done == 1


def test_warnings_still_show_while_a_bar_is_drawn(terminal):
    terminal()
    shown = []
    before = warnings.showwarning
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = lambda message, *args, **kwargs: shown.append(str(message))
        with steps(["one"], "work", enabled=True):
            warnings.warn("odd row", UserWarning, stacklevel=1)
        assert shown == ["odd row"]
    assert warnings.showwarning is before


@pytest.fixture
def small_files_count(monkeypatch):
    """Show the byte bar for any file, moving every 64 kB: the samples stand in for big files."""
    monkeypatch.setattr(progress_module, "BYTE_BAR_MIN_BYTES", 1)
    monkeypatch.setattr(progress_module, "READ_BLOCK_BYTES", 64 * 1024)


def _size(n: int) -> str:
    """How the byte bar writes a size."""
    from tqdm import tqdm

    return tqdm.format_sizeof(n, divisor=1024) + "B"


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 4097])
def test_read_file_bytes_reads_every_byte_with_or_without_a_bar(tmp_path, monkeypatch, capsys,
                                                                size):
    monkeypatch.setattr(progress_module, "BYTE_BAR_MIN_BYTES", 0)
    monkeypatch.setattr(progress_module, "READ_BLOCK_BYTES", 100)  # not a divisor of the sizes
    path = tmp_path / "interactions.csv"
    content = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    path.write_bytes(content)
    assert read_file_bytes(path, enabled=True) == content
    assert read_file_bytes(path, enabled=False) == content
    assert read_file_bytes(path, enabled=Steps(["a"], "work", enabled=False)) == content
    if size:
        assert f"{_size(size)}/{_size(size)}" in capsys.readouterr().err


# --------------------------------------------------------------------------- the API


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(capsys, tmp_path, export):
    net = refgraph.load_network(SAMPLES / "consultant")
    refgraph.stats(net)
    refgraph.picture_html(net, max_nodes=30)
    refgraph.monthly_report(net, "2026-09")
    refgraph.import_file(export, tmp_path / "net", owner="me")
    assert capsys.readouterr().err == ""


def test_forced_bars_name_their_steps(capsys, tmp_path, export):
    net = refgraph.load_network(SAMPLES / "consultant", progress=True)
    assert "loading: contacts" in capsys.readouterr().err
    refgraph.stats(net, progress=True)
    err = capsys.readouterr().err
    assert "stats: ties" in err and "stats: changes" in err
    refgraph.picture_html(net, max_nodes=30, progress=True)
    err = capsys.readouterr().err
    assert "picture: layout" in err and "picture: rendering" in err
    refgraph.import_file(export, tmp_path / "net", owner="me", progress=True)
    err = capsys.readouterr().err
    assert "import: reading Connections.csv" in err and "import: writing" in err


def test_a_big_csv_file_counts_its_bytes_while_it_is_loaded(capsys, small_files_count):
    size = (SAMPLES / "consultant" / "interactions.csv").stat().st_size
    net = refgraph.load_network(SAMPLES / "consultant", progress=True)
    err = capsys.readouterr().err
    assert "loading: interactions" in err and "reading interactions.csv" in err
    assert f"{_size(64 * 1024)}/{_size(size)}" in err  # it moves block by block
    assert f"{_size(size)}/{_size(size)}" in err  # up to the file's size
    quiet = refgraph.load_network(SAMPLES / "consultant", progress=False)
    assert capsys.readouterr().err == ""  # progress off: nothing at all
    assert net.interactions.equals(quiet.interactions) and net.contacts.equals(quiet.contacts)


def test_a_small_csv_file_is_read_without_a_byte_bar(capsys):
    refgraph.load_network(SAMPLES / "consultant", progress=True)
    err = capsys.readouterr().err
    assert "loading: interactions" in err and "reading interactions.csv" not in err


def test_a_report_draws_one_bar_over_its_sections(capsys):
    net = refgraph.load_network(SAMPLES / "consultant")
    refgraph.monthly_report(net, "2026-09", progress=True)
    err = capsys.readouterr().err
    for step in ("report: headline numbers", "report: connectors", "report: picture",
                 "report: rendering"):
        assert step in err
    assert "stats:" not in err and "picture: layout" not in err  # no bar inside the bar


def test_results_are_the_same_with_and_without_progress(capsys, tmp_path, export):
    net = refgraph.load_network(SAMPLES / "consultant")
    again = refgraph.load_network(SAMPLES / "consultant", progress=True)
    assert net.interactions.equals(again.interactions) and net.contacts.equals(again.contacts)
    assert refgraph.stats(net, progress=True).to_dict() == refgraph.stats(
        net, progress=False).to_dict()
    assert refgraph.picture_html(net, max_nodes=40, progress=True) == refgraph.picture_html(
        net, max_nodes=40, progress=False)
    assert refgraph.monthly_report(net, "2026-09", progress=True) == refgraph.monthly_report(
        net, "2026-09", progress=False)
    reports = [refgraph.import_file(export, tmp_path / name, owner="me", progress=shown)
               for name, shown in (("quiet", False), ("shown", True))]
    first, second = (report.to_dict() for report in reports)
    assert {**first, "network": ""} == {**second, "network": ""}
    assert (tmp_path / "quiet" / "contacts.csv").read_text() == (
        tmp_path / "shown" / "contacts.csv").read_text()


def test_chapter_report_and_convert_take_progress(capsys, tmp_path):
    chapter = refgraph.load_network(SAMPLES / "chapter")
    page = refgraph.show.chapter_report(chapter, "2026-09", progress=True)
    assert "chapter report: colour trend" in capsys.readouterr().err
    assert page == refgraph.show.chapter_report(chapter, "2026-09", progress=False)
    pytest.importorskip("pyarrow")
    copy = tmp_path / "net"
    shutil.copytree(SAMPLES / "consultant", copy)
    refgraph.convert_network(copy, progress=True)
    err = capsys.readouterr().err
    assert "convert: contacts" in err and "convert: writing" in err


# --------------------------------------------------------------------------- the CLI


def test_cli_draws_bars_on_a_terminal(terminal, capsys):
    terminal = terminal()
    assert main(["stats", str(SAMPLES / "consultant"), "--format", "json"]) == 0
    text = terminal.getvalue()
    assert "loading: contacts" in text and "stats: ties" in text
    assert "stats:" not in capsys.readouterr().out  # results stay clean


@pytest.mark.parametrize("argv", [
    ["stats", str(SAMPLES / "consultant"), "--quiet"],
    ["--quiet", "stats", str(SAMPLES / "consultant")],
])
def test_cli_quiet_silences_the_bars(terminal, argv):
    terminal = terminal()
    assert main(argv) == 0
    assert terminal.getvalue() == ""


def test_cli_counts_bytes_on_a_terminal_unless_quiet(terminal, small_files_count):
    network = str(SAMPLES / "consultant")
    terminal = terminal()
    assert main(["ask", network, "c0300", "c0005", "--quiet"]) == 0
    assert terminal.getvalue() == ""
    assert main(["ask", network, "c0300", "c0005"]) == 0
    assert "reading interactions.csv" in terminal.getvalue()


def test_every_command_takes_quiet(terminal, tmp_path, export):
    terminal = terminal()
    target = tmp_path / "net"
    assert main(["import", str(export), "--into", str(target), "--owner", "me",
                 "--quiet"]) == 0
    assert main(["log", str(target), "--with", "ann-smith", "--kind", "call", "--quiet"]) == 0
    assert main(["add", str(target), "--name", "Cy Young", "--quiet"]) == 0
    assert main(["viz", str(target), "-o", str(tmp_path / "n.html"), "--quiet"]) == 0
    assert "wrote" in terminal.getvalue()
    assert "|" not in terminal.getvalue()  # no bar
    assert main(["import", str(export), "--into", str(target)]) == 0
    assert "import: " in terminal.getvalue()


def test_work_inside_a_quiet_block_stays_quiet(terminal):
    terminal = terminal()
    with steps(["outer"], "outer", enabled=False):
        with steps(["inner"], "inner") as inner:
            assert not inner.shown
    with steps(["alone"], "alone") as alone:  # a terminal: the automatic choice draws
        assert alone.shown
    assert "inner" not in terminal.getvalue()
