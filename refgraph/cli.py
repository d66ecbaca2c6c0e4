"""The ``refgraph`` command line: a thin layer over the Python API.

Every sub-command takes a network folder and prints a readable table, or JSON
or CSV with ``--format``. User errors go to stderr as ``refgraph: error: ...``
with exit status 2; warnings go to stderr as ``refgraph: warning: ...``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import refgraph
from refgraph import RefgraphError, RefgraphWarning, show
from refgraph.io.cache import hold_keeping, wait_until_kept

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def _network_arguments(parser: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """Options every network sub-command shares."""
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="evaluate the network as it stood on DATE (default: as_of in "
                             "network.toml, else today)")
    parser.add_argument("--owner", metavar="ID",
                        help="the id or name of 'me' (overrides network.toml)")
    parser.add_argument("--strict", action="store_true",
                        help="treat recoverable data oddities as errors")
    if formats:
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                            help="output format (default: table)")
    _scale_arguments(parser)


def _scale_arguments(parser: argparse.ArgumentParser, *, engine: bool = True) -> None:
    """``--engine``: how big networks are computed."""
    if engine:
        parser.add_argument("--engine", choices=refgraph.ENGINES, default=None,
                            help="what computes the tie and flow tables (default: "
                                 "engine.name in network.toml, auto)")


#: Help of ``--quiet``, which every command (and ``refgraph`` itself) takes.
QUIET_HELP = "no progress bars (they are drawn on standard error only when it is a terminal)"


def _load(args: argparse.Namespace) -> refgraph.Network:
    """The network, seen from ``--owner``, with "now" pinned in network.toml or today."""
    network = refgraph.load_network(args.network, strict=args.strict)
    network = refgraph.with_engine(network, getattr(args, "engine", None))
    if args.owner is not None:
        network = network.with_owner(show.answers.typed_contact(network, args.owner, "owner"))
    # Only the command line reads the clock: the Python API's "now" is the
    # network's latest interaction unless network.toml pins it.
    return network.with_as_of(network.settings.as_of or "today")


def _top_argument(parser: argparse.ArgumentParser, *aliases: str, default: str) -> None:
    """The one count option of a listing command, ``--top``, with its older spellings."""
    parser.add_argument("--top", *aliases, dest="top", type=_positive_int, metavar="N",
                        help=f"how many to list (default: {default})"
                             + (f"; {' and '.join(aliases)} mean the same" if aliases else ""))


# --------------------------------------------------------------------------- convert


def _add_convert(subparsers) -> None:
    parser = subparsers.add_parser(
        "convert", help="write a network's files as Parquet",
        description="Validate a network and write contacts.parquet and interactions.parquet "
                    "next to its CSV files (atomically). Every command then reads the Parquet "
                    "files, which load several times faster.")
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--to", choices=refgraph.CONVERT_FORMATS, required=True,
                        help="the format to write")
    parser.add_argument("--strict", action="store_true",
                        help="treat recoverable data oddities as errors")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    _scale_arguments(parser, engine=False)
    parser.set_defaults(handler=_run_convert)


def _run_convert(args: argparse.Namespace) -> int:
    emit(refgraph.convert_network(args.network, args.to, strict=args.strict), args.format)
    return EXIT_OK


def emit(result, fmt: str, stream=None) -> None:
    """Print a result in the chosen format (see :func:`refgraph.show.render`)."""
    (stream or sys.stdout).write(show.render(result, fmt))


# --------------------------------------------------------------------------- stats


def _add_stats(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats", help="size, stages, centrality leaders, brokers, communities",
        description="Where does my business come from, and who are the connectors?")
    _network_arguments(parser)
    parser.set_defaults(handler=_run_stats)


def _run_stats(args: argparse.Namespace) -> int:
    network = _load(args)
    emit(refgraph.stats(network, as_of=args.as_of), args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- viz


def _add_viz(subparsers) -> None:
    parser = subparsers.add_parser(
        "viz", help="interactive HTML network picture",
        description="Write an interactive picture of the network: one HTML file that works "
                    "offline. Hover for names, professions, stages and strengths.")
    _network_arguments(parser, formats=False)
    parser.add_argument("-o", "--output", required=True, metavar="FILE.html",
                        help="the HTML file to write")
    parser.add_argument("--ego", metavar="ID",
                        help="draw only this person's network (an id or a name)")
    parser.add_argument("--radius", type=int, metavar="R",
                        help="hops around --ego (default: viz.ego_radius, 2)")
    parser.add_argument("--min-stage", choices=refgraph.STAGES,
                        help="draw only ties at this stage or above")
    parser.add_argument("--color-by", choices=show.COLOR_BY, default="community",
                        help="colour people by community or by the stage of their tie "
                             "with the owner (default: community)")
    _top_argument(parser, "--max-nodes", default="viz.max_nodes, 300 people drawn")
    parser.add_argument("--force", action="store_true", help="replace FILE.html if it exists")
    parser.set_defaults(handler=_run_viz)


def _not_the_network(args: argparse.Namespace) -> None:
    """Refuse an output that is one of the network's own files, even with --force."""
    output = Path(args.output)
    if (output.is_file() and output.suffix.lower() not in (".html", ".htm")
            and output.resolve().parent == Path(args.network).resolve()):
        raise RefgraphError(f"{output}: is a file of the network {args.network}, not a page; "
                            "expected a new .html file name")


def _run_viz(args: argparse.Namespace) -> int:
    _not_the_network(args)
    network = _load(args)
    ego = None if args.ego is None else show.answers.typed_contact(network, args.ego, "ego")
    path = show.write_html(network, args.output, force=args.force, as_of=args.as_of, ego=ego,
                      radius=args.radius, min_stage=args.min_stage, color_by=args.color_by,
                      max_nodes=args.top)
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------- report


def _add_report(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="the monthly report as one HTML file",
        description="Write the monthly report: headline numbers against the previous month, "
                    "referrals and business, new contacts and stage changes, connectors, "
                    "fading relationships and the nurture list, and a small picture. "
                    "Only data up to the end of the month is used.")
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help="the month to report")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.html",
                        help="the HTML file to write")
    parser.add_argument("--owner", metavar="ID", help="the id of 'me' (overrides network.toml)")
    parser.add_argument("--strict", action="store_true",
                        help="treat recoverable data oddities as errors")
    parser.add_argument("--force", action="store_true", help="replace FILE.html if it exists")
    parser.add_argument("--chapter", action="store_true",
                        help="the chapter's leadership report: traffic lights, trends, "
                             "flows between members, gaps and risks")
    _scale_arguments(parser)
    parser.set_defaults(handler=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    show.parse_month(args.month)  # a malformed month fails before the network is read
    _not_the_network(args)
    network = _load(args)
    _, month_end = show.parse_month(args.month)
    now = network.resolve_as_of()
    if month_end > now:
        raise RefgraphError(
            f"month {args.month} has not ended yet (now is {now:%Y-%m-%d}); a monthly report "
            "covers a whole month: ask for an earlier month")
    if args.chapter:
        path = show.write_chapter_report(network, args.month, args.output, force=args.force)
        print(f"wrote {path}", file=sys.stderr)
        return EXIT_OK
    path = show.write_report(network, args.month, args.output, force=args.force)
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


# --------------------------------------------------------------------------- scorecard


def _add_scorecard(subparsers) -> None:
    parser = subparsers.add_parser(
        "scorecard", help="a chapter's member traffic lights over the last completed months",
        description="Per member of a chapter, over the last completed period: PALMS "
                    "attendance, referrals given and received, TYFCB, 1-to-1s, visitors, "
                    "testimonials and education; points per section from the points table, "
                    "the total, its colour and the change from the period before.")
    _network_arguments(parser)
    parser.add_argument("--months", type=_positive_int, metavar="N",
                        help="months per period (default: scorecard.months, 6)")
    parser.set_defaults(handler=_run_scorecard)


def _run_scorecard(args: argparse.Namespace) -> int:
    network = _load(args)
    emit(refgraph.scorecard(network, months=args.months, as_of=args.as_of), args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- refer


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _add_refer(subparsers) -> None:
    parser = subparsers.add_parser(
        "refer", help="whom to refer for a trigger situation, with score parts and reasons",
        description="Who would I actually refer for this? Ranks your contacts for a trigger "
                    "situation by fit, relationship, credibility (character first), good will "
                    "and recency, and says why.")
    _network_arguments(parser)
    parser.add_argument("trigger", metavar="TRIGGER",
                        help='the situation, e.g. "two friends were just made redundant"')
    _top_argument(parser, default="refer.top, 10 candidates")
    parser.set_defaults(handler=_run_refer)


def _run_refer(args: argparse.Namespace) -> int:
    network = _load(args)
    if network.interactions.empty:
        warnings.warn(f"{args.network}: no interactions yet, so no relationship, credibility "
                      "or good will counts: candidates are ranked by fit alone; log meetings "
                      "(refgraph log) or import a calendar", RefgraphWarning, stacklevel=1)
    emit(refgraph.refer(network, args.trigger, as_of=args.as_of, top=args.top), args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- path, ask


def _add_path(subparsers) -> None:
    parser = subparsers.add_parser(
        "path", help="the k strongest trust paths from SOURCE to TARGET, hop by hop",
        description="How do I get introduced to X? Lists the strongest chains of real "
                    "relationships, each hop with its trust and stage, the weakest hop named. "
                    "A path's trust is the product of its hops' trust (or, with "
                    "--method weakest-link, its weakest hop).")
    _network_arguments(parser)
    parser.add_argument("source", metavar="SOURCE", help="contact id or name to start from")
    parser.add_argument("target", metavar="TARGET", help="contact id or name to reach")
    _top_argument(parser, "--k", default="path.k, 3 paths")
    parser.add_argument("--method", choices=("product", "weakest-link"),
                        help="how a path is scored (default: path.method, product)")
    parser.add_argument("--max-hops", type=_positive_int, metavar="N",
                        help="longest path considered (default: path.max_hops, 4)")
    parser.set_defaults(handler=_run_path)


def _run_path(args: argparse.Namespace) -> int:
    network = _load(args)
    source = show.answers.typed_contact(network, args.source, "source")
    target = show.answers.typed_contact(network, args.target, "target")
    emit(refgraph.trust_paths(network, source, target, k=args.top, method=args.method,
                     as_of=args.as_of, max_hops=args.max_hops), args.format)
    return EXIT_OK


def _add_ask(subparsers) -> None:
    parser = subparsers.add_parser(
        "ask", help="is a request for an introduction ready, premature or a weak link?",
        description="ASKER asks you to introduce them to TARGET. The verdict is 'not_needed' "
                    "(the asker already works with the target, or both are in your chapter: "
                    "they can simply get in touch), 'ready', "
                    "'do_not_vouch' (you rated the asker's character 2/5 or lower), "
                    "'premature' (you have no established relationship with the asker), "
                    "'reconnect_first' (you had one, but it has gone silent) or "
                    "'weak_link' (your own best path to the target is too weak), with "
                    "reasons and your best path.")
    _network_arguments(parser)
    parser.add_argument("asker", metavar="ASKER", help="contact id or name of the person asking")
    parser.add_argument("target", metavar="TARGET",
                        help="contact id or name of the person to meet")
    parser.set_defaults(handler=_run_ask)


def _run_ask(args: argparse.Namespace) -> int:
    network = _load(args)
    asker = show.answers.typed_contact(network, args.asker, "asker")
    target = show.answers.typed_contact(network, args.target, "target")
    emit(refgraph.ask(network, asker, target, as_of=args.as_of), args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- nurture


def _add_nurture(subparsers) -> None:
    parser = subparsers.add_parser(
        "nurture", help="whom to reconnect with this month, with reasons",
        description="Who should I reconnect with this month? Weighs what each relationship "
                    "is worth (referral sources, clients, partners, connectors, new contacts) "
                    "against how overdue contact is for its usual rhythm, and suggests what "
                    "to do.")
    _network_arguments(parser)
    _top_argument(parser, "--n", default="nurture.n, 50 people")
    parser.add_argument("--explain", action="store_true",
                        help="also list every relationship left out, and why")
    parser.set_defaults(handler=_run_nurture)


def _run_nurture(args: argparse.Namespace) -> int:
    network = _load(args)
    emit(refgraph.nurture(network, as_of=args.as_of, n=args.top, explain=args.explain),
         args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- import, log, add, undo

def _add_import(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="bring in LinkedIn, Google, vCard, iCalendar or Outlook data",
        description="Merge an export into a network folder (created if missing). People are "
                    "matched by e-mail, phone, then name and company; ambiguous ones are not "
                    "merged but listed (--review) and resolved in identity_map.csv. Fields "
                    "you filled in are never overwritten; importing the same file again "
                    "changes nothing. Every write is atomic and keeps a backup in .backup/.")
    parser.usage = "%(prog)s [SOURCE] FILE --into NETWORK [options]"
    parser.add_argument("source", metavar="SOURCE",
                        help=f"what FILE is: {', '.join(refgraph.importers.SOURCES)}; "
                             "detected from the file when omitted")
    parser.add_argument("file", metavar="FILE", nargs="?", help="the exported file")
    parser.add_argument("--into", required=True, metavar="NETWORK",
                        help="network folder to import into (created if it does not exist)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would change and write nothing")
    parser.add_argument("--review", action="store_true",
                        help="list the ambiguous records and their candidates")
    parser.add_argument("--owner", metavar="ID",
                        help="your contact id (overrides network.toml; names the owner of a "
                             "new network)")
    parser.add_argument("--owner-name", metavar="NAME",
                        help="your display name, for a new network (default: the id)")
    parser.add_argument("--region", metavar="CC",
                        help="country of phone numbers written without +country code "
                             "(default: imports.default_region, GB)")
    parser.add_argument("--as-of", metavar="DATE",
                        help="ical: read events up to DATE; outlook: date of 'Referred By' "
                             "referrals (default: today)")
    parser.add_argument("--me", action="append", metavar="VALUE",
                        help="how you appear in FILE: your LinkedIn profile URL or name "
                             "(linkedin-messages) or e-mail (ical; repeatable); detected if "
                             "omitted")
    parser.add_argument("--encoding", metavar="ENC",
                        help="text encoding of FILE (default: detected)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    parser.set_defaults(handler=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    # Today is the natural end of a calendar and the date of an undated referral;
    # like `log`, only the command line reads the clock.
    as_of = args.as_of or dt.date.today().isoformat()
    # `refgraph import FILE --into NET`: the one positional is the file.
    source, file = (None, args.source) if args.file is None else (args.source, args.file)
    emit(refgraph.import_file(file, args.into, source, owner=args.owner,
                              owner_name=args.owner_name, me=args.me or (), as_of=as_of,
                              encoding=args.encoding, dry_run=args.dry_run, region=args.region,
                              review=args.review), args.format)
    return EXIT_OK


def _add_log(subparsers) -> None:
    parser = subparsers.add_parser(
        "log", help="record an interaction between you and a contact",
        description="Append one interaction between you (the owner) and a contact to "
                    "interactions.csv, validated like the loader. The rows already there are "
                    "left byte for byte; the first change of a day copies the file to "
                    ".backup/ and every append is noted in .backup/appends.csv.")
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--with", dest="with_id", required=True, metavar="ID",
                        help="the contact's id or name")
    parser.add_argument("--kind", required=True, metavar="KIND",
                        help=f"one of: {', '.join(refgraph.KINDS)}")
    parser.add_argument("--date", metavar="DATE",
                        help="ISO 8601 date or date-time (default: today's date)")
    parser.add_argument("--notes", default="", metavar="TEXT", help="free text")
    parser.add_argument("--value", metavar="V", help="amount, for business (>= 0)")
    parser.add_argument("--direction", choices=("to", "from"),
                        help="referral, business, introduction: 'to' when you gave it to the "
                             "contact, 'from' when they gave it to you")
    parser.add_argument("--owner", metavar="ID", help="the id of 'me' (overrides network.toml)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    parser.set_defaults(handler=_run_log)


def _run_log(args: argparse.Namespace) -> int:
    result = refgraph.log_interaction(
        args.network, with_id=args.with_id, kind=args.kind, date=args.date, notes=args.notes,
        value=args.value, direction=args.direction, owner=args.owner)
    emit(result, args.format)
    return EXIT_OK


def _add_add(subparsers) -> None:
    parser = subparsers.add_parser(
        "add", help="add a contact (refused if they look like someone already there)",
        description="Append a contact to contacts.csv. Refused when the identity rules say "
                    "the person is already a contact (same e-mail, phone, or name and "
                    "company), unless --force.")
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--name", required=True, metavar="NAME", help="display name")
    parser.add_argument("--id", dest="contact_id", metavar="ID",
                        help="the new id (default: made from the name, e.g. ann-smith)")
    for option, meaning in (("company", "company"), ("profession", "profession"),
                            ("email", "e-mail address(es), ';'-separated"),
                            ("phone", "phone number(s), ';'-separated"),
                            ("services", "what they offer, ';'-separated"),
                            ("tags", "labels, ';'-separated"), ("notes", "free text")):
        parser.add_argument(f"--{option}", default="", metavar="TEXT", help=meaning)
    parser.add_argument("--region", metavar="CC",
                        help="country of a phone number without +country code "
                             "(default: imports.default_region, GB)")
    parser.add_argument("--force", action="store_true",
                        help="add even if the person looks like an existing contact")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    parser.set_defaults(handler=_run_add)


def _run_add(args: argparse.Namespace) -> int:
    emit(refgraph.add_contact(args.network, name=args.name, contact_id=args.contact_id,
                     company=args.company, profession=args.profession, email=args.email,
                     phone=args.phone, services=args.services, tags=args.tags, notes=args.notes,
                     force=args.force, region=args.region), args.format)
    return EXIT_OK


def _add_undo(subparsers) -> None:
    parser = subparsers.add_parser(
        "undo", help="take back the last row that log or add appended",
        description="Remove the last row that refgraph log or refgraph add appended (to "
                    "the file appended to most recently, or to --file) and print it; run it "
                    "again to take back the row before. Refused, and nothing is changed, when "
                    "no append is recorded in .backup/appends.csv or the file changed after "
                    "it (then copy a backup from .backup/ back instead).")
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    parser.add_argument("--file", choices=refgraph.UNDO_FILES,
                        help="take the row back from this file (default: the one appended to "
                             "most recently)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show the row that would be removed and write nothing")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")
    parser.set_defaults(handler=_run_undo)


def _run_undo(args: argparse.Namespace) -> int:
    emit(refgraph.undo_last_append(args.network, file=args.file, dry_run=args.dry_run),
         args.format)
    return EXIT_OK


# --------------------------------------------------------------------------- main

#: Functions that add one sub-command each, in the order shown by ``--help``.
COMMANDS: list[Callable] = [_add_refer, _add_path, _add_ask, _add_nurture, _add_stats,
                            _add_viz, _add_report, _add_scorecard, _add_import, _add_log,
                            _add_add, _add_undo, _add_convert]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit status 2)."""

    #: The sub-command named on the command line, if any (set by :func:`main`).
    command: str | None = None

    def error(self, message: str):
        # The full usage block buries the one thing that went wrong; --help shows it.
        prog = self.prog
        if message.startswith("unrecognized arguments") and self.command:
            prog = f"{prog} {self.command}"  # its own options are listed in its help
        self.exit(EXIT_USER_ERROR, f"{prog}: error: {message} (see {prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = _Parser(
        prog="refgraph",
        description="Referral-network analytics: who to refer, how to get introduced, "
                    "whom to reconnect with.",
    )
    parser.add_argument("--version", action="version", version=f"refgraph {refgraph.__version__}")
    # Its own dest: a sub-command's --quiet default would overwrite this one's value.
    parser.add_argument("--quiet", dest="quiet_everywhere", action="store_true", help=QUIET_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(subparsers)
    for command in subparsers.choices.values():
        command.add_argument("--quiet", action="store_true", help=QUIET_HELP)
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
    argv = list(sys.argv[1:] if argv is None else argv)
    # An unknown option is reported by the main parser; point at the sub-command's help.
    parser.command = next((a for a in argv if not a.startswith("-")), None)
    args = parser.parse_args(argv)
    # Bars are automatic (standard error a terminal) unless --quiet; work that
    # reads a network as a detail (log, add) is covered too.
    quiet = args.quiet or args.quiet_everywhere
    with warnings.catch_warnings(), refgraph.auto_progress(False if quiet else None):
        warnings.simplefilter("default", RefgraphWarning)
        warnings.showwarning = _show_warning
        try:
            return args.handler(args)
        except RefgraphError as exc:
            print(f"refgraph: error: {exc}", file=sys.stderr)
            return EXIT_USER_ERROR
        except BrokenPipeError:  # e.g. piped into `head`
            return EXIT_OK
        except OSError as exc:  # a file that cannot be read or written
            where = f"{exc.filename}: " if exc.filename else ""
            print(f"refgraph: error: {where}{exc.strerror or exc}", file=sys.stderr)
            return EXIT_USER_ERROR
        except Exception as exc:  # the last line of defence: one line, never a traceback
            print(f"refgraph: error: unexpected {type(exc).__name__}: {exc} (please report "
                  "this with the command that caused it)", file=sys.stderr)
            return EXIT_INTERNAL_ERROR


def run() -> int:
    """The ``refgraph`` program: :func:`main` in a process set up for big networks.

    Transparent huge pages are turned off first
    (:func:`refgraph.prefer_small_pages`): a big load waits far less on the
    kernel without them. A big network's checked tables are kept in the
    cache once the answer is out, not beside the work that makes it, which
    they would slow (:func:`refgraph.io.cache.hold_keeping`).
    """
    refgraph.prefer_small_pages()
    hold_keeping()
    status = main()
    with contextlib.suppress(OSError):  # the answer first, even when piped
        sys.stdout.flush()
        sys.stderr.flush()
    with contextlib.suppress(KeyboardInterrupt):  # an entry left unwritten loses nothing
        wait_until_kept()
    return status
