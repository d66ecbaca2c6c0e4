"""The ``refgraph`` command line: a thin layer over the Python API.

Every sub-command takes a network folder and prints a readable table, or JSON
or CSV with ``--format``. User errors go to stderr as ``refgraph: error: ...``
with exit status 2; warnings go to stderr as ``refgraph: warning: ...``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence

from refgraph._errors import RefgraphError, RefgraphWarning
from refgraph._io import safe_csv_frame
from refgraph.results import Result

EXIT_OK = 0
EXIT_USER_ERROR = 2


def _network_arguments(parser: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """Options every network sub-command shares."""
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="evaluate the network as it stood on DATE (default: latest "
                             "interaction)")
    parser.add_argument("--owner", metavar="ID", help="the id of 'me' (overrides network.toml)")
    parser.add_argument("--strict", action="store_true",
                        help="treat recoverable data oddities as errors")
    if formats:
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                            help="output format (default: table)")


def _load(args: argparse.Namespace):
    from refgraph.load import load_network

    network = load_network(args.network, strict=args.strict)
    return network.with_owner(args.owner)


def emit(result: Result, fmt: str, stream=None) -> None:
    """Print a result in the chosen format."""
    stream = stream or sys.stdout
    if fmt == "json":
        stream.write(result.to_json() + "\n")
    elif fmt == "csv":
        stream.write(safe_csv_frame(result.to_frame()).to_csv(index=False, lineterminator="\n"))
    else:
        stream.write(result.to_text() + "\n")


# --------------------------------------------------------------------------- stats


def _add_stats(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats", help="size, stages, centrality leaders, brokers, communities",
        description="Where does my business come from, and who are the connectors?")
    _network_arguments(parser)
    parser.set_defaults(handler=_run_stats)


def _run_stats(args: argparse.Namespace) -> int:
    from refgraph.metrics import stats

    network = _load(args)
    emit(stats(network, as_of=args.as_of), args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- main

#: Functions that add one sub-command each, in the order shown by ``--help``.
COMMANDS: list[Callable] = [_add_stats]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="refgraph",
        description="Referral-network analytics: who to refer, how to get introduced, "
                    "whom to reconnect with.",
    )
    from refgraph import __version__

    parser.add_argument("--version", action="version", version=f"refgraph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(subparsers)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    prefix = "refgraph: warning: " if issubclass(category, RefgraphWarning) else "warning: "
    print(prefix + str(message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 on a user error (bad input, unknown id, ...).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    with warnings.catch_warnings():
        warnings.simplefilter("default", RefgraphWarning)
        warnings.showwarning = _show_warning
        try:
            return args.handler(args)
        except RefgraphError as exc:
            print(f"refgraph: error: {exc}", file=sys.stderr)
            return EXIT_USER_ERROR
        except BrokenPipeError:  # e.g. piped into `head`
            return EXIT_OK
