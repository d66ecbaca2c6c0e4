"""The public API, one import per line."""

from refgraph import importers as importers
from refgraph._errors import ContactNotFoundError as ContactNotFoundError
from refgraph._errors import DataValidationError as DataValidationError
from refgraph._errors import OutputExistsError as OutputExistsError
from refgraph._errors import RefgraphError as RefgraphError
from refgraph._errors import RefgraphWarning as RefgraphWarning
from refgraph._errors import SettingsError as SettingsError
from refgraph.ask import AskResult as AskResult
from refgraph.ask import ask as ask
from refgraph.charts import business_value_per_month as business_value_per_month
from refgraph.charts import fading_relationships as fading_relationships
from refgraph.charts import referrals_per_month as referrals_per_month
from refgraph.charts import stages_over_time as stages_over_time
from refgraph.charts import top_givers_receivers as top_givers_receivers
from refgraph.graph import build_flow_graph as build_flow_graph
from refgraph.graph import build_graph as build_graph
from refgraph.graph import flow_table as flow_table
from refgraph.graph import tie_table as tie_table
from refgraph.graph import trust_from_strength as trust_from_strength
from refgraph.identity import IdentityMatches as IdentityMatches
from refgraph.identity import resolve_identities as resolve_identities
from refgraph.importers import ImportResult as ImportResult
from refgraph.load import load_network as load_network
from refgraph.metrics import StatsResult as StatsResult
from refgraph.metrics import betweenness as betweenness
from refgraph.metrics import brokers as brokers
from refgraph.metrics import centrality as centrality
from refgraph.metrics import communities as communities
from refgraph.metrics import fading_ties as fading_ties
from refgraph.metrics import leaders as leaders
from refgraph.metrics import ledger as ledger
from refgraph.metrics import monthly_activity as monthly_activity
from refgraph.metrics import stats as stats
from refgraph.network import Network as Network
from refgraph.nurture import NurtureResult as NurtureResult
from refgraph.nurture import nurture as nurture
from refgraph.paths import PathResult as PathResult
from refgraph.paths import TrustPath as TrustPath
from refgraph.paths import find_tie as find_tie
from refgraph.paths import trust_paths as trust_paths
from refgraph.report import monthly_report as monthly_report
from refgraph.report import write_report as write_report
from refgraph.scoring import ReferResult as ReferResult
from refgraph.scoring import match_needs as match_needs
from refgraph.scoring import needs_taxonomy as needs_taxonomy
from refgraph.scoring import refer as refer
from refgraph.settings import Settings as Settings
from refgraph.settings import load_settings as load_settings
from refgraph.store import ImportReport as ImportReport
from refgraph.store import add_contact as add_contact
from refgraph.store import import_into as import_into
from refgraph.store import log_interaction as log_interaction
from refgraph.viz import picture_html as picture_html
from refgraph.viz import show_notebook as show_notebook
from refgraph.viz import to_pyvis as to_pyvis
from refgraph.viz import write_html as write_html

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
