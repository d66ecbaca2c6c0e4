"""How a ``refgraph`` process gets its memory: small pages, and freed memory reused.

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

The same load frees arrays of tens of megabytes as it goes and asks for new
ones straight after. The C library hands arrays that big back to the system
at once and takes fresh pages for the next, each cleared by the kernel on
first touch (on a virtual machine that returns freed memory to its host,
faulted in from the host again). The command keeps freed memory for its own
later arrays instead (:func:`reuse_freed_memory`): measured on the same
machine, the first load and graph of ten million interactions touched
fresh pages 1.5 million times instead of 2.3 million, with 2 s less in the
kernel. ``REFGRAPH_RETURN_MEMORY=1`` keeps the C library's habit.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys

#: ``mallopt`` parameters of ``<malloc.h>`` (glibc).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: The largest value ``mallopt`` takes (a C ``int``): arrays below 2 GB come
#: from the heap, and freed heap memory below it is kept.
_MALLOPT_LARGEST = 2**31 - 1
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


def reuse_freed_memory() -> bool:
    """Keep the memory this process frees for its own later arrays; True when done.

    From now on the C library (glibc's ``malloc``, set with ``mallopt``)
    serves arrays up to 2 GB from its heap and keeps freed heap memory
    instead of handing it back to the system, so the next array reuses pages
    already in place. The process's memory stays at its high-water mark
    until it exits: right for a command, which :func:`refgraph.cli.run`
    sets it for; a long notebook session that loads one big network is
    better off without it. Elsewhere than Linux with glibc, and with
    ``REFGRAPH_RETURN_MEMORY=1`` in the environment, nothing changes and the
    answer is False.

    Returns
    -------
    bool
        Whether freed memory is now kept for reuse.

    Examples
    --------
    >>> reuse_freed_memory() in (True, False)
    True
    """
    if (not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc"
            or os.environ.get("REFGRAPH_RETURN_MEMORY") == "1"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
        return all(mallopt(ctypes.c_int(option), ctypes.c_int(_MALLOPT_LARGEST)) == 1
                   for option in (_M_MMAP_THRESHOLD, _M_TRIM_THRESHOLD))
    except (OSError, AttributeError):  # no C library to ask, or no mallopt in it
        return False
