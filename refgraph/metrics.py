"""Network metrics: size, stages, leaders, brokers, communities, the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from refgraph.network import Network
from refgraph.results import Result
from refgraph.settings import STAGES


@dataclass
class StatsResult(Result):
    """Summary statistics of a network as of a moment."""

    owner: str | None
    as_of: pd.Timestamp
    contacts: int
    interactions: int
    ties: int
    stages: dict[str, int] = field(default_factory=dict)
    title: str = "Network statistics"

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph stats``."""
        return {
            "owner": self.owner,
            "as_of": self.as_of,
            "size": {"contacts": self.contacts, "interactions": self.interactions,
                     "ties": self.ties},
            "stages": self.stages,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per measure."""
        rows = [("contacts", self.contacts), ("interactions", self.interactions),
                ("ties", self.ties)]
        rows += [(f"ties at {stage}", count) for stage, count in self.stages.items()]
        return pd.DataFrame(rows, columns=["measure", "value"])


def stats(network: Network, *, as_of: object = None) -> StatsResult:
    """Size and VCP stages of a network as of a moment.

    Examples
    --------
    >>> import refgraph
    >>> contacts = pd.DataFrame({"id": ["me", "ann"], "name": ["Me", "Ann"]})
    >>> interactions = pd.DataFrame({"date": ["2024-01-05"], "source": ["me"],
    ...     "target": ["ann"], "kind": ["card"]})
    >>> stats(refgraph.load_network((contacts, interactions))).stages
    {'visibility': 1, 'credibility': 0, 'profitability': 0}
    """
    stamp = network.resolve_as_of(as_of)
    ties = network.ties(stamp)
    counted = ties["stage"].value_counts() if len(ties) else pd.Series(dtype=int)
    return StatsResult(
        owner=network.owner,
        as_of=stamp,
        contacts=len(network.contacts),
        interactions=int((network.interactions["date"] <= stamp).sum()),
        ties=len(ties),
        stages={stage: int(counted.get(stage, 0)) for stage in STAGES},
    )
