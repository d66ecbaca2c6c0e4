#!/usr/bin/env python
"""Write refgraph monthly reports into a folder, unattended (for cron).

    python scripts/monthly_report.py NETWORK --month 2024-03 -o reports/
    python scripts/monthly_report.py NETWORK --previous -o reports/   # cron, on the 1st
    python scripts/monthly_report.py NETWORK --all -o reports/        # every month

Each month becomes ``OUTDIR/report-YYYY-MM.html``. A report only uses data up
to the end of its month, so it is a pure function of the data: running the
script again rewrites nothing unless the data for that month changed (a file
whose content would be identical is left untouched, so its date does not
change either). ``--skip-existing`` does not even compute months whose file
exists, which makes a daily ``--all`` cheap.

Exit status: 0 when every requested report was written or already up to date;
2 on bad arguments or unreadable data; 1 when a month failed (the others are
still written). Every failure is one line on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

PROG = "monthly_report.py"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Write refgraph monthly reports into a folder.")
    parser.add_argument("network", help="network folder (contacts.csv, interactions.csv)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--month", metavar="YYYY-MM", help="one month")
    which.add_argument("--all", action="store_true",
                       help="every month from the first to the last interaction")
    which.add_argument("--previous", action="store_true",
                       help="the calendar month before today (UTC): the cron choice")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                        help="folder for report-YYYY-MM.html files (created if missing)")
    parser.add_argument("--owner", metavar="ID", help="whose report (overrides network.toml)")
    parser.add_argument("--skip-existing", action="store_true",
                        help="do not recompute months whose report file exists")
    parser.add_argument("--strict", action="store_true",
                        help="treat recoverable data oddities as errors")
    parser.add_argument("-q", "--quiet", action="store_true", help="only report failures")
    return parser


def previous_month(today: dt.date) -> str:
    """``YYYY-MM`` of the calendar month before ``today``."""
    first = today.replace(day=1)
    last_of_previous = first - dt.timedelta(days=1)
    return f"{last_of_previous.year:04d}-{last_of_previous.month:02d}"


def fail(message: str) -> None:
    print(f"{PROG}: error: {' '.join(str(message).split())}", file=sys.stderr)


def write_month(network, month: str, folder: Path, *, skip_existing: bool) -> str:
    """Write one report; return what happened ("wrote", "unchanged", "skipped")."""
    from refgraph import monthly_report
    from refgraph.io.files import write_atomic

    path = folder / f"report-{month}.html"
    if skip_existing and path.exists():
        return "skipped"
    page = monthly_report(network, month).encode("utf-8")
    if path.exists() and path.read_bytes() == page:
        return "unchanged"
    write_atomic(path, page)
    return "wrote"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    import warnings

    from refgraph import RefgraphError, RefgraphWarning, load_network
    from refgraph.show.report_data import history_months, parse_month

    try:
        if args.month is not None:
            parse_month(args.month)
        folder = Path(args.output)
        if folder.exists() and not folder.is_dir():
            raise RefgraphError(f"{folder} is a file; -o takes the folder to write reports into")
        folder.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore" if args.quiet else "default", RefgraphWarning)
            network = load_network(args.network, strict=args.strict).with_owner(args.owner)
    except (RefgraphError, OSError) as exc:
        fail(exc)
        return 2

    if args.all:
        months = history_months(network)
        if not months:
            fail(f"{args.network}: no interactions, so no months to report")
            return 2
    elif args.previous:
        months = [previous_month(dt.datetime.now(dt.UTC).date())]
    else:
        months = [args.month]

    failed = 0
    for month in months:
        started = time.perf_counter()
        try:
            outcome = write_month(network, month, folder, skip_existing=args.skip_existing)
        except (RefgraphError, OSError) as exc:
            fail(f"{month}: {exc}")
            failed += 1
            continue
        except Exception as exc:  # unattended: one line, then the next month
            fail(f"{month}: unexpected {type(exc).__name__}: {exc}")
            failed += 1
            continue
        if not args.quiet:
            seconds = time.perf_counter() - started
            print(f"{month}: {outcome} {folder / f'report-{month}.html'} ({seconds:.1f} s)",
                  file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
