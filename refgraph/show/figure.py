"""A matplotlib Figure that shows itself in Jupyter, with no pyplot involved.

Charts are built on :class:`matplotlib.figure.Figure` directly, so they never
enter pyplot's global list of open figures (nothing to close in batch runs,
nothing shown twice in a notebook). A bare Figure, though, only displays as
text in Jupyter until pyplot has been imported; :class:`ChartFigure` adds the
PNG view IPython looks for. This module imports matplotlib, so it is imported
only by the chart functions, never by ``import refgraph``.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure


class ChartFigure(Figure):
    """A :class:`~matplotlib.figure.Figure` with a PNG view for Jupyter.

    Examples
    --------
    >>> figure = ChartFigure(figsize=(2, 1))
    >>> _ = figure.subplots().plot([0, 1])
    >>> figure._repr_png_()[:4]
    b'\\x89PNG'
    """

    def _repr_png_(self) -> bytes:
        """The figure as PNG bytes (IPython's rich display)."""
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()
