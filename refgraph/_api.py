"""The public API, one import per line."""

from refgraph import importers as importers
from refgraph.errors import ContactNotFoundError as ContactNotFoundError
from refgraph.errors import DataValidationError as DataValidationError
from refgraph.errors import OutputExistsError as OutputExistsError
from refgraph.errors import RefgraphError as RefgraphError
from refgraph.errors import RefgraphWarning as RefgraphWarning
from refgraph.errors import SettingsError as SettingsError
from refgraph.judge.ask import AskResult as AskResult
from refgraph.judge.ask import ask as ask
from refgraph.show.charts import business_value_per_month as business_value_per_month
from refgraph.show.charts import fading_relationships as fading_relationships
from refgraph.show.charts import referrals_per_month as referrals_per_month
from refgraph.show.charts import stages_over_time as stages_over_time
from refgraph.show.charts import top_givers_receivers as top_givers_receivers
from refgraph.model.graph import build_flow_graph as build_flow_graph
from refgraph.model.graph import build_graph as build_graph
from refgraph.model.graph import flow_table as flow_table
from refgraph.model.graph import tie_table as tie_table
from refgraph.model.graph import trust_from_strength as trust_from_strength
from refgraph.importers.identity import IdentityMatches as IdentityMatches
from refgraph.importers.identity import resolve_identities as resolve_identities
from refgraph.importers import ImportResult as ImportResult
from refgraph.io.load import load_network as load_network
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
from refgraph.model.network import Network as Network
from refgraph.judge.nurture import NurtureResult as NurtureResult
from refgraph.judge.nurture import nurture as nurture
from refgraph.judge.paths import PathResult as PathResult
from refgraph.judge.paths import TrustPath as TrustPath
from refgraph.judge.paths import find_tie as find_tie
from refgraph.judge.paths import trust_paths as trust_paths
from refgraph.show.report import monthly_report as monthly_report
from refgraph.show.report import write_report as write_report
from refgraph.judge.refer import ReferResult as ReferResult
from refgraph.judge.refer import match_needs as match_needs
from refgraph.judge.refer import needs_taxonomy as needs_taxonomy
from refgraph.judge.refer import refer as refer
from refgraph.io.settings import Settings as Settings
from refgraph.io.settings import load_settings as load_settings
from refgraph.importers.store import ImportReport as ImportReport
from refgraph.importers.store import add_contact as add_contact
from refgraph.importers.store import import_into as import_into
from refgraph.importers.store import log_interaction as log_interaction
from refgraph.show.picture import picture_html as picture_html
from refgraph.show.picture import show_notebook as show_notebook
from refgraph.show.picture import to_pyvis as to_pyvis
from refgraph.show.picture import write_html as write_html

__all__ = [
    "AskResult",
    "ContactNotFoundError",
    "DataValidationError",
    "IdentityMatches",
    "ImportReport",
    "ImportResult",
    "Network",
    "NurtureResult",
    "OutputExistsError",
    "PathResult",
    "ReferResult",
    "RefgraphError",
    "RefgraphWarning",
    "Settings",
    "SettingsError",
    "StatsResult",
    "TrustPath",
    "add_contact",
    "ask",
    "betweenness",
    "brokers",
    "build_flow_graph",
    "build_graph",
    "business_value_per_month",
    "centrality",
    "communities",
    "fading_relationships",
    "fading_ties",
    "find_tie",
    "flow_table",
    "import_into",
    "importers",
    "leaders",
    "ledger",
    "load_network",
    "load_settings",
    "log_interaction",
    "match_needs",
    "monthly_activity",
    "monthly_report",
    "needs_taxonomy",
    "nurture",
    "picture_html",
    "refer",
    "referrals_per_month",
    "resolve_identities",
    "show_notebook",
    "stages_over_time",
    "stats",
    "tie_table",
    "to_pyvis",
    "top_givers_receivers",
    "trust_from_strength",
    "trust_paths",
    "write_html",
    "write_report",
]
