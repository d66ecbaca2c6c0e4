"""The decayed relationship model: the network, its ties and flows, its graphs."""

from refgraph.model.graph import build_flow_graph as build_flow_graph
from refgraph.model.graph import build_graph as build_graph
from refgraph.model.network import Network as Network
from refgraph.model.ties import flow_table as flow_table
from refgraph.model.ties import tie_table as tie_table
from refgraph.model.ties import trust_from_strength as trust_from_strength
