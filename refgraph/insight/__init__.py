"""Insight: centrality, communities and brokers, the ledger, monthly series, stats."""

from refgraph.insight.centrality import betweenness as betweenness
from refgraph.insight.centrality import centrality as centrality
from refgraph.insight.centrality import leaders as leaders
from refgraph.insight.chapter import ChapterView as ChapterView
from refgraph.insight.chapter import chapter_view as chapter_view
from refgraph.insight.communities import brokers as brokers
from refgraph.insight.communities import communities as communities
from refgraph.insight.ledger import ledger as ledger
from refgraph.insight.monthly import fading_ties as fading_ties
from refgraph.insight.monthly import monthly_activity as monthly_activity
from refgraph.insight.scorecard import ScorecardResult as ScorecardResult
from refgraph.insight.scorecard import scorecard as scorecard
from refgraph.insight.stats import StatsResult as StatsResult
from refgraph.insight.stats import stats as stats
