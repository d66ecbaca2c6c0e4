"""The decayed relationship model: the network, its ties and flows, its graphs.

Importing the package wires the builders behind :meth:`Network.ties`,
:meth:`Network.flows`, :meth:`Network.graph` and :meth:`Network.flow_graph`
into :data:`refgraph.model.network.BUILDERS`, so that the network module need
not import the modules that compute from it.
"""

from refgraph.model.engines import engine_flows, engine_ties
from refgraph.model.engines import ties as ties
from refgraph.model.engines import with_engine as with_engine
from refgraph.model.graph import build_flow_graph as build_flow_graph
from refgraph.model.graph import build_graph as build_graph
from refgraph.model.network import BUILDERS
from refgraph.model.network import ContactMatch as ContactMatch
from refgraph.model.network import Network as Network
from refgraph.model.ties import flow_table as flow_table
from refgraph.model.ties import tie_table as tie_table
from refgraph.model.ties import trust_from_strength as trust_from_strength
from refgraph.model.ties_files import ties_from_files as ties_from_files

BUILDERS.update(
    ties=engine_ties, flows=engine_flows, graph=build_graph, flow_graph=build_flow_graph
)
