"""What a trust-path search returns: hops, paths and the result, as plain data.

:func:`refgraph.judge.paths.trust_paths` builds these; the notes of
:mod:`refgraph.judge.path_notes` read them, and :mod:`refgraph.show` renders
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from refgraph.results import Result, format_date, format_trust


@dataclass(frozen=True)
class Hop:
    """One tie on a path, oriented from ``source`` to ``target``."""

    source: str
    target: str
    source_name: str
    target_name: str
    trust: float
    stage: str
    strength: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the hop."""
        return {"source": self.source, "target": self.target, "trust": self.trust,
                "stage": self.stage, "strength": self.strength}


@dataclass(frozen=True)
class TrustPath:
    """A chain of ties from a source to a target.

    Attributes
    ----------
    nodes : list of str
        Contact ids from source to target.
    names : list of str
        Their display names.
    hops : list of Hop
        The ties, in order.
    trust : float
        The product of the hops' trust.
    score : float, optional
        What paths are ranked by: with the product method, ``trust`` times
        ``path.go_between_factor`` per go-between; with weakest link, the
        weakest hop's trust. ``None`` reads as ``trust``.
    """

    nodes: list[str]
    names: list[str]
    hops: list[Hop]
    trust: float
    score: float | None = None

    @property
    def weakest_hop(self) -> Hop:
        """The hop with the lowest trust (the first of equals)."""
        return min(self.hops, key=lambda hop: hop.trust)

    @property
    def via(self) -> list[str]:
        """Names of the people between source and target."""
        return self.names[1:-1]

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the path."""
        weakest = self.weakest_hop
        return {
            "nodes": list(self.nodes),
            "names": list(self.names),
            "trust": self.trust,
            "score": self.trust if self.score is None else self.score,
            "weakest_hop": {"source": weakest.source, "target": weakest.target,
                            "trust": weakest.trust},
            "hops": [hop.to_dict() for hop in self.hops],
        }

    def describe(self) -> str:
        """One line: who the chain runs through and its trust.

        Examples
        --------
        >>> hop = Hop("me", "ann", "Me", "Ann", 0.5, "credibility", 6.9)
        >>> TrustPath(["me", "ann"], ["Me", "Ann"], [hop], 0.5).describe()
        'Me → Ann (direct tie, trust 0.50)'
        """
        chain = " → ".join(self.names)
        if len(self.hops) == 1:  # "<0.01", never a false 0.00
            return f"{chain} (direct tie, trust {format_trust(self.trust, 2)})"
        weakest = self.weakest_hop
        return (f"{chain} (trust {format_trust(self.trust, 2)}; weakest hop "
                f"{weakest.source_name} → {weakest.target_name}, "
                f"{format_trust(weakest.trust, 2)})")


@dataclass(repr=False)
class PathResult(Result):
    """The strongest trust paths between two people, strongest first.

    ``paths`` is empty when there is no path (or source and target are the same
    person); ``message`` then says why.
    """

    source: str
    target: str
    source_name: str
    target_name: str
    as_of: pd.Timestamp
    method: str
    max_hops: int
    paths: list[TrustPath] = field(default_factory=list)
    message: str = ""

    @property
    def title(self) -> str:  # type: ignore[override]
        """Heading of the text and HTML views."""
        return (f"Trust paths from {self.source_name} to {self.target_name} as of "
                f"{format_date(self.as_of)} ({self.method}, at most {self.max_hops} hops)")

    @property
    def best(self) -> TrustPath | None:
        """The strongest path, or ``None``."""
        return self.paths[0] if self.paths else None

    def to_dict(self) -> dict[str, Any]:
        """JSON contract of ``refgraph path``."""
        return {
            "source": self.source,
            "target": self.target,
            "as_of": self.as_of,
            "method": self.method,
            "max_hops": self.max_hops,
            "paths": [path.to_dict() for path in self.paths],
            "message": self.message,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per hop: ``path`` (rank), ``path_trust``, ``hop`` and the tie."""
        rows = [
            {"path": rank, "path_trust": path.trust, "hop": number,
             "source": hop.source, "source_name": hop.source_name,
             "target": hop.target, "target_name": hop.target_name,
             "trust": hop.trust, "stage": hop.stage, "strength": hop.strength,
             "weakest": hop is path.weakest_hop}
            for rank, path in enumerate(self.paths, start=1)
            for number, hop in enumerate(path.hops, start=1)
        ]
        columns = ["path", "path_trust", "hop", "source", "source_name", "target",
                   "target_name", "trust", "stage", "strength", "weakest"]
        return pd.DataFrame(rows, columns=columns)
