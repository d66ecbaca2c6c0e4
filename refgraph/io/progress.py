"""Progress bars for long work: loading big files, stats, imports, pictures, reports.

The Python API takes ``progress=True/False`` (off by default, so scripts and
notebooks stay quiet unless asked); the command line turns it on when its
standard error is a terminal and ``--quiet`` is not given. Bars are drawn by
tqdm on standard error, so they never mix with the output on standard out.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any


class Steps:
    """A bar over named steps; :meth:`step` finishes one and names the next.

    With ``enabled=False`` it does nothing, so callers need not check.

    Examples
    --------
    >>> with steps(["read", "check"], "loading", enabled=False) as bar:
    ...     bar.step()
    ...     bar.step()
    >>> bar.done
    2
    """

    def __init__(self, names: list[str], description: str, enabled: bool):
        self.names = names
        self.done = 0
        self.bar: Any = None
        if enabled:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=len(names), desc=description, unit="step", leave=False,
                            file=sys.stderr, dynamic_ncols=True)
            self.bar.set_postfix_str(names[0] if names else "")

    def step(self) -> None:
        """Mark the current step done."""
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            if self.done < len(self.names):
                self.bar.set_postfix_str(self.names[self.done])

    def close(self) -> None:
        """Remove the bar from the terminal."""
        if self.bar is not None:
            self.bar.close()


@contextmanager
def steps(names: list[str], description: str, *, enabled: bool = False):
    """A :class:`Steps` bar that is closed however the block ends.

    Parameters
    ----------
    names : list of str
        The steps, in order (shown next to the bar as each starts).
    description : str
        What is being done ("loading", "stats").
    enabled : bool
        Draw the bar; ``False`` does nothing.

    Examples
    --------
    >>> with steps(["one"], "work") as bar:
    ...     bar.step()
    """
    bar = Steps(names, description, enabled)
    try:
        yield bar
    finally:
        bar.close()


def wants_progress(quiet: bool = False, stream: Any = None) -> bool:
    """Whether the command line should draw bars: a terminal, and not ``--quiet``.

    Examples
    --------
    >>> import io
    >>> wants_progress(stream=io.StringIO())
    False
    """
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return not quiet and bool(isatty and isatty())
