"""Run the command line: ``python -m refgraph``."""

import sys

from refgraph.cli import run

sys.exit(run())
