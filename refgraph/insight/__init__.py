"""Insight: centrality, communities and brokers, the ledger, monthly series, stats."""

from refgraph.insight.stats import StatsResult as StatsResult
from refgraph.insight.stats import betweenness as betweenness
from refgraph.insight.stats import brokers as brokers
from refgraph.insight.stats import centrality as centrality
from refgraph.insight.stats import communities as communities
from refgraph.insight.stats import fading_ties as fading_ties
from refgraph.insight.stats import leaders as leaders
from refgraph.insight.stats import ledger as ledger
from refgraph.insight.stats import monthly_activity as monthly_activity
from refgraph.insight.stats import stats as stats
