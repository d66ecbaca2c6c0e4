"""Run the command line: ``python -m refgraph``."""

import sys

from refgraph.cli import main

sys.exit(main())
