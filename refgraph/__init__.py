"""refgraph: referral-network analytics on a time-decayed relationship graph."""

from importlib.metadata import PackageNotFoundError, version

from refgraph._api import *  # noqa: F403
from refgraph._api import __all__  # noqa: F401

try:
    __version__ = version("refgraph")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
