"""Progress bars for long work: loading big files, stats, imports, pictures, reports.

Long work is a bar over named steps (:func:`steps`): the bar advances as each
step ends and shows the name of the one under way. Bars are drawn by tqdm on
standard error, so they never mix with results on standard output. Reading a
big file is one step, but can take a while on a slow disk: under a shown bar,
:func:`read_file_bytes` adds a second line that counts the file's bytes.

Every public function that can take long has ``progress: bool | None = None``:
``True`` draws the bar, ``False`` never does, and ``None`` (the default) draws
it only when standard error is a terminal, so piped output, log files and
tests stay clean. :func:`auto_progress` changes what ``None`` means for a
block (the command line's ``--quiet`` turns it off), and the work inside a
:func:`steps` block draws no second bar of its own: the outer bar names it as
one of its steps, or no bar was wanted.

This module is the lowest layer: it imports nothing from refgraph, so every
subpackage may use it.
"""

from __future__ import annotations

import io
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

#: What ``progress=None`` means here and now: None is "standard error is a
#: terminal"; True or False is set by :func:`auto_progress` (and False while a
#: bar is already shown, so nested work does not draw a second one).
_AUTO: ContextVar[bool | None] = ContextVar("refgraph_auto_progress", default=None)


def show_progress(progress: bool | None = None, stream: Any = None) -> bool:
    """Whether to draw a bar: ``progress`` itself, or for None the automatic choice.

    Parameters
    ----------
    progress : bool or None
        ``True`` or ``False`` decide; ``None`` means: what :func:`auto_progress`
        set, else whether ``stream`` is a terminal.
    stream : file, optional
        Where bars go (default: standard error).

    Examples
    --------
    >>> import io
    >>> show_progress(None, stream=io.StringIO()), show_progress(True), show_progress(False)
    (False, True, False)
    """
    if progress is not None:
        return bool(progress)
    chosen = _AUTO.get()
    if chosen is not None:
        return chosen
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


@contextmanager
def auto_progress(enabled: bool | None) -> Iterator[None]:
    """Within the block, ``progress=None`` means ``enabled`` (None: the terminal decides).

    The command line runs every command inside ``auto_progress(False)`` when
    given ``--quiet``, so even work that reads a network as a detail stays
    silent.

    Examples
    --------
    >>> with auto_progress(False):
    ...     show_progress(None)
    False
    """
    token = _AUTO.set(enabled)
    try:
        yield
    finally:
        _AUTO.reset(token)


@cache  # a missing ipywidgets would be searched for again on every bar
def _tqdm_class() -> Any:
    """The notebook widget of tqdm when it can be drawn, else the terminal bar."""
    try:
        # tqdm.auto picks the widget in Jupyter, which needs ipywidgets; without
        # it the widget would fail, and the text bar works everywhere.
        import ipywidgets  # noqa: F401
        from tqdm.auto import tqdm
    except ImportError:
        from tqdm import tqdm
    return tqdm


class Steps:
    """A bar over named steps; :meth:`step` finishes one and names the next.

    Disabled, it only counts, so callers need not check whether it is shown.

    Attributes
    ----------
    names : list of str
        The steps, in order.
    done : int
        Steps finished.
    shown : bool
        Whether a bar is drawn.

    Examples
    --------
    >>> with steps(["read", "check"], "loading", enabled=False) as bar:
    ...     bar.step()
    ...     bar.step()
    >>> bar.done, bar.shown
    (2, False)
    """

    def __init__(self, names: Sequence[str], description: str, enabled: bool):
        self.names = list(names)
        self.description = description
        self.done = 0
        self.bar: Any = None
        if enabled:
            self.bar = _tqdm_class()(
                total=len(self.names), desc=self._label(), unit="step", leave=False,
                file=sys.stderr, dynamic_ncols=True,
                # Steps are few: draw every one, so each name is seen as it starts.
                mininterval=0, miniters=1,
                bar_format="{desc:<42.42} {n_fmt}/{total_fmt} |{bar:24}| {elapsed}")

    @property
    def shown(self) -> bool:
        """Whether a bar is drawn."""
        return self.bar is not None

    @property
    def current(self) -> str:
        """The name of the step under way ("" when all are done)."""
        return self.names[self.done] if self.done < len(self.names) else ""

    def _label(self) -> str:
        return f"{self.description}: {self.current}" if self.current else self.description

    def step(self) -> None:
        """Mark the step under way done; the bar then names the next."""
        self.done += 1
        if self.bar is not None:
            self.bar.set_description_str(self._label(), refresh=False)
            self.bar.update(1)

    def skip_to(self, name: str) -> None:
        """Finish every step before ``name`` (work that had nothing to do).

        Examples
        --------
        >>> bar = Steps(["a", "b", "c"], "work", enabled=False)
        >>> bar.skip_to("c"); bar.done
        2
        """
        while self.current and self.current != name:
            self.step()

    def clear(self) -> None:
        """Take the bar off the line for a moment (a warning is about to be printed)."""
        if self.bar is not None:
            self.bar.clear()

    def refresh(self) -> None:
        """Draw the bar again after :meth:`clear`."""
        if self.bar is not None:
            self.bar.refresh()

    def close(self) -> None:
        """Remove the bar from the terminal."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


#: What a ``progress=`` parameter takes: ``True``, ``False``, ``None`` (automatic) or
#: the :class:`Steps` bar of a caller that does this work as part of its own.
Progress = bool | None | Steps


@contextmanager
def steps(names: Sequence[str], description: str, *,
          enabled: Progress = None) -> Iterator[Steps]:
    """A :class:`Steps` bar that is closed however the block ends.

    Parameters
    ----------
    names : list of str
        The steps, in order (each is named next to the description while it runs).
    description : str
        What is being done ("loading", "stats").
    enabled : bool, None or Steps
        ``True`` draws the bar, ``False`` does nothing, ``None`` decides as
        :func:`show_progress`. A :class:`Steps` already shown is used as it
        is (not closed here): a caller that does this work as part of its own
        includes ``names`` in its bar's steps.

    Examples
    --------
    >>> with steps(["one"], "work", enabled=False) as bar:
    ...     bar.step()
    >>> with steps(["two"], "more", enabled=bar) as same:
    ...     same is bar
    True
    """
    if isinstance(enabled, Steps):
        yield enabled
        return
    bar = Steps(names, description, show_progress(enabled))
    # Work inside draws no bar of its own: this one names it, or none was wanted.
    token = _AUTO.set(False)
    try:
        if not bar.shown:
            yield bar
            return
        shown_before = warnings.showwarning

        def show_warning(*args: Any, **kwargs: Any) -> None:
            # A warning printed over the bar would share its line; lift the bar first.
            bar.clear()
            shown_before(*args, **kwargs)
            bar.refresh()

        warnings.showwarning = show_warning
        try:
            yield bar
        finally:
            if warnings.showwarning is show_warning:
                warnings.showwarning = shown_before
            bar.close()
    finally:
        _AUTO.reset(token)


#: Files smaller than this are read without a byte bar: even a slow disk reads
#: them in well under a second, before a bar could tell anything.
BYTE_BAR_MIN_BYTES = 32 * 2**20
#: Bytes read between two moves of the byte bar: few moves, each costing nothing
#: next to reading its 8 MB.
READ_BLOCK_BYTES = 8 * 2**20


def read_file_bytes(path: str | Path, *, enabled: Progress = None) -> bytes:
    """A file's bytes, counted on a byte bar while a big file is read.

    The bar is drawn only when progress is on (``enabled`` as in
    :func:`steps`; a :class:`Steps` bar of the caller means "when it is
    shown") and the file has at least :data:`BYTE_BAR_MIN_BYTES`; otherwise
    the file is read in one go, as :meth:`pathlib.Path.read_bytes` reads it.
    The bytes are the same either way.

    Parameters
    ----------
    path : str or Path
        The file.
    enabled : bool, None or Steps
        Whether progress is on.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    OSError
        As :func:`open` raises it (a missing file, a folder).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "interactions.csv"
    >>> _ = target.write_bytes(b"date,source,target,kind\\n")
    >>> read_file_bytes(target, enabled=False)
    b'date,source,target,kind\\n'
    """
    shown = enabled.shown if isinstance(enabled, Steps) else show_progress(enabled)
    with open(path, "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        if not shown or size < max(BYTE_BAR_MIN_BYTES, 1):
            return handle.readall()
        bar = _tqdm_class()(
            total=size, desc=f"reading {Path(path).name}", unit="B", unit_scale=True,
            unit_divisor=1024, leave=False, file=sys.stderr, dynamic_ncols=True,
            mininterval=0, miniters=1,  # one move per block: few, and each worth seeing
            bar_format="{desc:<42.42} {n_fmt}B/{total_fmt}B |{bar:24}| {elapsed} {rate_fmt}")
        try:
            # Read into one buffer of the file's size, which getvalue() hands over
            # as bytes without copying it: joining blocks would copy the whole
            # file again and hold it twice for a moment.
            buffer = io.BytesIO()
            buffer.seek(size - 1)
            buffer.write(b"\0")
            done = 0
            with buffer.getbuffer() as view:
                while done < size:
                    count = handle.readinto(view[done:done + READ_BLOCK_BYTES])
                    if not count:  # the file shrank since its size was taken
                        break
                    done += count
                    bar.update(count)
            buffer.truncate(done)
            buffer.seek(done)
            buffer.write(handle.readall())  # whatever was added since the size was taken
            return buffer.getvalue()
        finally:
            bar.close()
