"""Judgement: whom to refer, how to be introduced, whether an ask is ready, whom to tend."""

from refgraph.judge.ask import AskResult as AskResult
from refgraph.judge.ask import ask as ask
from refgraph.judge.needs import match_needs as match_needs
from refgraph.judge.needs import needs_taxonomy as needs_taxonomy
from refgraph.judge.nurture import NurtureResult as NurtureResult
from refgraph.judge.nurture import nurture as nurture
from refgraph.judge.paths import PathResult as PathResult
from refgraph.judge.paths import TrustPath as TrustPath
from refgraph.judge.paths import find_tie as find_tie
from refgraph.judge.paths import trust_paths as trust_paths
from refgraph.judge.refer import ReferResult as ReferResult
from refgraph.judge.refer import refer as refer
