"""The README's promises: its commands exist and CI runs the test command it shows."""

from __future__ import annotations

import re
import shlex

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


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
    for word in shlex.split(main_job):
        if word.startswith("sample_networks/"):
            assert (ROOT / word / "contacts.csv").is_file(), word
