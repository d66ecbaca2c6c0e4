"""refgraph: referral-network analytics on a time-decayed relationship graph."""

from refgraph._api import *  # noqa: F403
from refgraph._api import __all__  # noqa: F401

__version__ = "0.1.0"
