"""How the memory of a ``refgraph`` process is paged: transparent huge pages off.

Loading a big network asks the system for gigabytes of fresh memory in
arrays of tens of megabytes. NumPy and pyarrow mark such arrays for
transparent huge pages, and where Linux is set to make those at the moment
they are needed (``/sys/kernel/mm/transparent_hugepage/defrag`` at
``madvise``, the default of many distributions), the process waits while
the kernel compacts memory to find two contiguous megabytes, again and
again. Measured on a two-core virtual machine, the first load of ten million
interactions spent 9 to 13 s in the kernel with them and 3 s without, and
took 5 to 9 s less; the rest of the work was as fast either way. Databases
that allocate the same way (Redis, MongoDB) turn them off for their process
for the same reason.

The ``refgraph`` command does so when it starts (:func:`prefer_small_pages`);
a notebook or script may call it too. ``REFGRAPH_HUGE_PAGES=1`` in the
environment keeps them.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: ``prctl`` options of ``<linux/prctl.h>``.
_PR_SET_THP_DISABLE = 41
_PR_GET_THP_DISABLE = 42


def _prctl(option: int, value: int = 0) -> int:
    libc = ctypes.CDLL(None, use_errno=True)
    zero = ctypes.c_ulong(0)
    return libc.prctl(ctypes.c_int(option), ctypes.c_ulong(value), zero, zero, zero)


def prefer_small_pages() -> bool:
    """Ask Linux not to give this process transparent huge pages; True when it agreed.

    It applies to the whole process from now on, and to processes it starts.
    Elsewhere than Linux, and with ``REFGRAPH_HUGE_PAGES=1`` in the
    environment, nothing changes and the answer is False.

    Returns
    -------
    bool
        Whether the process now runs without transparent huge pages.

    Examples
    --------
    >>> prefer_small_pages() in (True, False)
    True
    """
    if not sys.platform.startswith("linux") or os.environ.get("REFGRAPH_HUGE_PAGES") == "1":
        return False
    try:
        return _prctl(_PR_SET_THP_DISABLE, 1) == 0
    except (OSError, AttributeError):  # no C library to ask, or no prctl in it
        return False


def small_pages_preferred() -> bool:
    """Whether :func:`prefer_small_pages` is in effect for this process.

    Examples
    --------
    >>> small_pages_preferred() in (True, False)
    True
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        return _prctl(_PR_GET_THP_DISABLE) == 1
    except (OSError, AttributeError):
        return False
