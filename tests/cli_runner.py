"""Running the command line in-process, as the CLI tests do."""

from __future__ import annotations

from refgraph.cli import main


def run_cli(argv, capsys) -> tuple[int, str, str]:
    """Run ``refgraph ARGV``; return the exit status and what went to stdout and stderr."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_info:  # argparse usage errors
        code = exit_info.code
    out, err = capsys.readouterr()
    return code, out, err
