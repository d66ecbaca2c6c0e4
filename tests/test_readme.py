"""The README's and the docs' promises.

Every shell command shown in a ``bash`` block of the README or a page of
``docs/`` is checked: its program or script exists and its options parse, and
the commands on a bundled sample network run. Links resolve, every docs page is
linked from the README, the settings tables agree with the defaults, and CI
runs the test command the README shows.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import shlex
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT

import refgraph
from refgraph.cli import main as refgraph_main

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

#: Options whose value is a file or folder the command writes: redirected to a
#: temporary folder when a documented command is run.
OUTPUT_OPTIONS = {"-o", "--output", "--json", "--data"}


# --------------------------------------------------------------------------- reading the pages


def _name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def _split_commands(block: str) -> list[list[str]]:
    """The simple commands of a shell block: continuations joined, comments dropped,
    split at ``&&``, ``;`` and newlines."""
    commands: list[list[str]] = []
    for line in block.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        current: list[str] = []
        for token in lexer:
            if token in ("&&", ";"):
                commands.append(current)
                current = []
            else:
                assert token not in ("|", "||", "&"), f"unsupported shell syntax in {line!r}"
                current.append(token)
        commands.append(current)
    return [command for command in commands if command]


def _documented_commands() -> list[tuple[str, list[str]]]:
    """Each distinct command once, with the first page that shows it."""
    found: dict[tuple[str, ...], str] = {}
    for page in PAGES:
        for block in _bash_blocks(page.read_text(encoding="utf-8")):
            for command in _split_commands(block):
                found.setdefault(tuple(command), _name(page))
    return [(page, list(command)) for command, page in found.items()]


COMMANDS = _documented_commands()
COMMAND_PARAMS = [pytest.param(page, command, id=f"{page}: {shlex.join(command)[:60]}")
                  for page, command in COMMANDS]


def _names_a_sample(command: list[str]) -> bool:
    return any(word.startswith("sample_networks/") for word in command)


def test_the_pages_show_commands():
    assert len(DOCS) >= 8
    pages = {page for page, _ in COMMANDS}
    assert "README.md" in pages and len(pages) >= 8
    assert sum(_names_a_sample(command) for _, command in COMMANDS) >= 10


# --------------------------------------------------------------------------- programs


class _Parsed(Exception):
    """Raised instead of running a program once its arguments have parsed."""

    def __init__(self, namespace: argparse.Namespace):
        super().__init__()
        self.namespace = namespace


def _parse_only(main: Callable[[list[str]], object], argv: list[str],
                monkeypatch: pytest.MonkeyPatch) -> argparse.Namespace:
    """The namespace ``main(argv)`` parses its arguments into, without running it."""
    real_parse = argparse.ArgumentParser.parse_args

    def parse_and_stop(self, args=None, namespace=None):
        raise _Parsed(real_parse(self, args, namespace))

    stderr = io.StringIO()
    with monkeypatch.context() as patch, contextlib.redirect_stderr(stderr):
        patch.setattr(argparse.ArgumentParser, "parse_args", parse_and_stop)
        try:
            main(argv)
        except _Parsed as parsed:
            return parsed.namespace
        except SystemExit as exit_info:
            pytest.fail(f"options do not parse (exit {exit_info.code}): {stderr.getvalue()}")
    pytest.fail(f"{main.__module__}.main ran without parsing its arguments")


def _load_script(path: Path):
    spec = importlib.util.spec_from_file_location(f"documented_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def _program(command: list[str]) -> tuple[str, list[str]]:
    """What runs: ``"refgraph"``, ``"scripts/NAME.py"`` or ``"setup"``, and its arguments."""
    word, *rest = command
    if word == "refgraph":
        return "refgraph", rest
    if word in ("python", "python3") and rest[:2] == ["-m", "refgraph"]:
        return "refgraph", rest[2:]
    if word in ("python", "python3") and rest and rest[0].startswith("scripts/"):
        return rest[0], rest[1:]
    return "setup", command


def _main(program: str) -> Callable[[list[str]], object]:
    """The ``main(argv)`` function of ``refgraph`` or of a script."""
    if program == "refgraph":
        return refgraph_main
    script = ROOT / program
    assert script.is_file(), f"{program} does not exist"
    return _load_script(script).main


def _check_setup_command(command: list[str]) -> None:
    """Installing and testing commands: what they name exists in pyproject.toml."""
    word, *rest = command
    if word == "python3" and rest[:2] == ["-m", "venv"]:
        assert len(rest) == 3, command
    elif word in (".", "source"):
        assert rest[0].endswith("/bin/activate"), command
    elif word == "pip" and rest[:2] == ["install", "-e"]:
        target = rest[2]
        assert target == "." or target.startswith(".["), command
        extras = re.findall(r"\w+", target.removeprefix(".").strip("[]"))
        for extra in extras:
            assert extra in PYPROJECT["project"]["optional-dependencies"], extra
    elif word in ("python", "python3") and rest[:2] == ["-m", "pytest"]:
        options = rest[2:]
        if "-n" in options:
            assert any(dep.startswith("pytest-xdist")
                       for dep in PYPROJECT["project"]["optional-dependencies"]["dev"])
        if "-m" in options:
            expression = options[options.index("-m") + 1]
            markers = {entry.split(":")[0].strip()
                       for entry in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]}
            for name in re.findall(r"\w+", expression):
                assert name in {"and", "or", "not"} | markers, f"unknown marker {name!r}"
    elif word == "ruff":
        assert rest[0] == "check" and "ruff" in PYPROJECT["tool"], command
    else:
        pytest.fail(f"unknown program {word!r}: a documented command must be refgraph, "
                    "a script in scripts/ or an install/test step")


@pytest.mark.parametrize(("page", "command"), COMMAND_PARAMS)
def test_documented_command_exists_and_its_options_parse(page, command, monkeypatch):
    program, argv = _program(command)
    if program == "setup":
        _check_setup_command(command)
        return
    namespace = _parse_only(_main(program), argv, monkeypatch)
    if program == "refgraph":
        assert namespace.command == argv[0]
    for word in command:
        if word.startswith("sample_networks/"):
            assert (ROOT / word / "contacts.csv").is_file(), f"{word} is not a bundled network"


def _redirect_outputs(argv: list[str], folder: Path) -> list[str]:
    redirected = list(argv)
    for index, word in enumerate(argv[:-1]):
        if word in OUTPUT_OPTIONS:
            redirected[index + 1] = str(folder / Path(argv[index + 1]).name)
    return redirected


def _same_run(command: list[str]) -> tuple[str, ...]:
    """What a run computes: the command without where it writes and without ``--force``."""
    key = [("OUTPUT" if index and command[index - 1] in OUTPUT_OPTIONS else word)
           for index, word in enumerate(command)]
    return tuple(word for word in key if word != "--force")


def _sample_commands() -> list:
    """Commands on a bundled network, each computation once (they take seconds)."""
    seen: set[tuple[str, ...]] = set()
    params = []
    for param, (_, command) in zip(COMMAND_PARAMS, COMMANDS, strict=True):
        if _names_a_sample(command) and _program(command)[0] != "setup":
            if _same_run(command) not in seen:
                seen.add(_same_run(command))
                params.append(param)
    return params


SAMPLE_COMMANDS = _sample_commands()


@pytest.mark.slow
@pytest.mark.parametrize(("page", "command"), SAMPLE_COMMANDS)
def test_documented_command_on_a_sample_network_runs(page, command, tmp_path, monkeypatch):
    program, argv = _program(command)
    main = _main(program)
    argv = _redirect_outputs(argv, tmp_path)
    monkeypatch.chdir(ROOT)  # the pages name sample networks relative to the repository
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code == 0, err.getvalue()
    assert "error" not in err.getvalue()
    written = [path for path in tmp_path.iterdir() if path.stat().st_size > 0]
    assert out.getvalue().strip() or written, "the command printed and wrote nothing"
    if "--format" in argv and argv[argv.index("--format") + 1] == "json":
        assert isinstance(json.loads(out.getvalue()), dict)


# --------------------------------------------------------------------------- the two commands


def _two_commands() -> list[str]:
    section = README.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_readme_has_the_two_commands():
    main_job, tests = _two_commands()
    assert "pip install -e ." in main_job and "refgraph refer sample_networks/" in main_job
    assert "refgraph report sample_networks/" in main_job
    assert 'pip install -e ".[dev]"' in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command_step_by_step():
    _, tests = _two_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [line.strip() for line in ci.splitlines()]
    for step in tests.split(" && "):
        assert step.strip() in ci_lines, f"{step!r} is not a line of .ci/run"


def test_the_main_job_names_a_bundled_network():
    main_job, _ = _two_commands()
    samples = [word for word in shlex.split(main_job) if word.startswith("sample_networks/")]
    assert samples
    for word in samples:
        assert (ROOT / word / "contacts.csv").is_file(), word


# --------------------------------------------------------------------------- links


def _slug(heading: str) -> str:
    """The anchor a Markdown renderer gives a heading (GitHub's rule)."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(match) for match in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def _links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [target for target in re.findall(r"\]\(([^)\s]+)\)", text)
            if not re.match(r"[a-z]+:", target)]


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_links_resolve(page):
    for target in _links(page):
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{_name(page)} links to missing {target}"
        if anchor:
            assert anchor in _anchors(linked), f"{_name(page)} links to missing {target}"


def test_every_docs_page_is_linked_from_the_readme():
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in _links(ROOT / "README.md")}
    missing = [_name(page) for page in DOCS if page.resolve() not in linked]
    assert not missing, f"not linked from README.md: {missing}"


# --------------------------------------------------------------------------- settings tables


def _settings_tables() -> list[tuple[str, str, list[list[str]]]]:
    """Hand-written tables headed ``| setting (`[section]`) | default | why |``."""
    tables = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for section, body in re.findall(
                r"^\| setting \(`\[(\w+)\]`\) \| default \| why \|\n\|[- |]+\|\n((?:\|.*\n)+)",
                text, flags=re.M):
            rows = [[cell.strip() for cell in row.strip().strip("|").split(" | ")]
                    for row in body.splitlines()]
            tables.append((_name(page), section, rows))
    return tables


def test_settings_tables_show_the_defaults():
    tables = _settings_tables()
    assert {section for _, section, _ in tables} >= {"ask", "nurture"}
    defaults = refgraph.Settings()
    for page, section, rows in tables:
        group = getattr(defaults, section)
        for key, shown, *_ in rows:
            key, shown = key.strip("`"), shown.strip("`\"")
            assert hasattr(group, key), f"{page}: [{section}] has no setting {key!r}"
            value = getattr(group, key)
            if isinstance(value, str):
                assert shown == value, f"{page}: [{section}] {key} is {value!r}, not {shown}"
            else:
                assert float(shown) == pytest.approx(value), (
                    f"{page}: [{section}] {key} is {value!r}, not {shown}")
