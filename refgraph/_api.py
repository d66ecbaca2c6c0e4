"""The public API, one import per line."""

from refgraph._errors import ContactNotFoundError as ContactNotFoundError
from refgraph._errors import DataValidationError as DataValidationError
from refgraph._errors import OutputExistsError as OutputExistsError
from refgraph._errors import RefgraphError as RefgraphError
from refgraph._errors import RefgraphWarning as RefgraphWarning
from refgraph._errors import SettingsError as SettingsError
from refgraph.graph import build_flow_graph as build_flow_graph
from refgraph.graph import build_graph as build_graph
from refgraph.graph import flow_table as flow_table
from refgraph.graph import tie_table as tie_table
from refgraph.graph import trust_from_strength as trust_from_strength
from refgraph.load import load_network as load_network
from refgraph.network import Network as Network
from refgraph.settings import Settings as Settings
from refgraph.settings import load_settings as load_settings

__all__ = [
    "ContactNotFoundError",
    "DataValidationError",
    "Network",
    "OutputExistsError",
    "RefgraphError",
    "RefgraphWarning",
    "Settings",
    "SettingsError",
    "build_flow_graph",
    "build_graph",
    "flow_table",
    "load_network",
    "load_settings",
    "tie_table",
    "trust_from_strength",
]
