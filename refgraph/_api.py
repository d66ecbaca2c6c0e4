"""The public API, one import per line."""

from refgraph import importers as importers
from refgraph import show as show
from refgraph.errors import ContactNotFoundError as ContactNotFoundError
from refgraph.errors import DataValidationError as DataValidationError
from refgraph.errors import OutputExistsError as OutputExistsError
from refgraph.errors import RefgraphError as RefgraphError
from refgraph.errors import RefgraphWarning as RefgraphWarning
from refgraph.errors import SettingsError as SettingsError
from refgraph.importers import UNDO_FILES as UNDO_FILES
from refgraph.importers import IdentityMatches as IdentityMatches
from refgraph.importers import ImportReport as ImportReport
from refgraph.importers import ImportResult as ImportResult
from refgraph.importers import NetworkFiles as NetworkFiles
from refgraph.importers import UndoResult as UndoResult
from refgraph.importers import add_contact as add_contact
from refgraph.importers import import_file as import_file
from refgraph.importers import import_into as import_into
from refgraph.importers import log_interaction as log_interaction
from refgraph.importers import read_network_files as read_network_files
from refgraph.importers import resolve_identities as resolve_identities
from refgraph.importers import undo_last_append as undo_last_append
from refgraph.insight import ChapterView as ChapterView
from refgraph.insight import ScorecardResult as ScorecardResult
from refgraph.insight import StatsResult as StatsResult
from refgraph.insight import betweenness as betweenness
from refgraph.insight import brokers as brokers
from refgraph.insight import centrality as centrality
from refgraph.insight import chapter_view as chapter_view
from refgraph.insight import communities as communities
from refgraph.insight import fading_ties as fading_ties
from refgraph.insight import leaders as leaders
from refgraph.insight import ledger as ledger
from refgraph.insight import monthly_activity as monthly_activity
from refgraph.insight import scorecard as scorecard
from refgraph.insight import stats as stats
from refgraph.io import CONVERT_FORMATS as CONVERT_FORMATS
from refgraph.io import ENGINES as ENGINES
from refgraph.io import KINDS as KINDS
from refgraph.io import STAGES as STAGES
from refgraph.io import ConvertResult as ConvertResult
from refgraph.io import Settings as Settings
from refgraph.io import auto_progress as auto_progress
from refgraph.io import convert_network as convert_network
from refgraph.io import load_network as load_network
from refgraph.io import load_settings as load_settings
from refgraph.io import prefer_small_pages as prefer_small_pages
from refgraph.judge import AskResult as AskResult
from refgraph.judge import NurtureResult as NurtureResult
from refgraph.judge import PathResult as PathResult
from refgraph.judge import ReferResult as ReferResult
from refgraph.judge import TrustPath as TrustPath
from refgraph.judge import ask as ask
from refgraph.judge import find_tie as find_tie
from refgraph.judge import match_needs as match_needs
from refgraph.judge import needs_taxonomy as needs_taxonomy
from refgraph.judge import nurture as nurture
from refgraph.judge import refer as refer
from refgraph.judge import trust_paths as trust_paths
from refgraph.model import ContactMatch as ContactMatch
from refgraph.model import Network as Network
from refgraph.model import build_flow_graph as build_flow_graph
from refgraph.model import build_graph as build_graph
from refgraph.model import flow_table as flow_table
from refgraph.model import tie_table as tie_table
from refgraph.model import ties as ties
from refgraph.model import ties_from_files as ties_from_files
from refgraph.model import trust_from_strength as trust_from_strength
from refgraph.model import with_engine as with_engine
from refgraph.show import business_value_per_month as business_value_per_month
from refgraph.show import fading_relationships as fading_relationships
from refgraph.show import monthly_report as monthly_report
from refgraph.show import picture_html as picture_html
from refgraph.show import referrals_per_month as referrals_per_month
from refgraph.show import show_notebook as show_notebook
from refgraph.show import stages_over_time as stages_over_time
from refgraph.show import to_pyvis as to_pyvis
from refgraph.show import top_givers_receivers as top_givers_receivers
from refgraph.show import write_html as write_html
from refgraph.show import write_report as write_report

__all__ = [
    "CONVERT_FORMATS",
    "ENGINES",
    "KINDS",
    "STAGES",
    "UNDO_FILES",
    "AskResult",
    "ChapterView",
    "ContactMatch",
    "ContactNotFoundError",
    "ConvertResult",
    "DataValidationError",
    "IdentityMatches",
    "ImportReport",
    "ImportResult",
    "Network",
    "NetworkFiles",
    "NurtureResult",
    "OutputExistsError",
    "PathResult",
    "ReferResult",
    "RefgraphError",
    "RefgraphWarning",
    "ScorecardResult",
    "Settings",
    "SettingsError",
    "StatsResult",
    "TrustPath",
    "UndoResult",
    "add_contact",
    "ask",
    "auto_progress",
    "betweenness",
    "brokers",
    "build_flow_graph",
    "build_graph",
    "business_value_per_month",
    "centrality",
    "chapter_view",
    "communities",
    "convert_network",
    "fading_relationships",
    "fading_ties",
    "find_tie",
    "flow_table",
    "import_file",
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
    "prefer_small_pages",
    "read_network_files",
    "refer",
    "referrals_per_month",
    "resolve_identities",
    "scorecard",
    "show_notebook",
    "stages_over_time",
    "stats",
    "tie_table",
    "ties",
    "ties_from_files",
    "to_pyvis",
    "top_givers_receivers",
    "trust_from_strength",
    "trust_paths",
    "undo_last_append",
    "with_engine",
    "write_html",
    "write_report",
]
