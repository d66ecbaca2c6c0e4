"""Formula cells: text entering a network file is made safe once, on the way in.

The network's own files are data that refgraph reads back, so they are
written exactly as they load: a load-write-load round trip changes nothing,
and ``+447700900123`` stays a phone number. Text that enters the files from
outside (an import, ``add``, ``log``) is made safe once, on the way in: a
value that starts like a spreadsheet formula (``=``, ``+``, ``-``, ``@``) and
is not just a number gets a leading ``'`` (a company typed as
``=HYPERLINK(...)`` on LinkedIn is stored as ``'=HYPERLINK(...)``, and shown
so). Stored values are never rewritten, so the files stay stable. Exports
meant for spreadsheets (``--format csv``) neutralise every cell
(:func:`refgraph.io.files.safe_csv_frame`).
"""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@")
_JUST_A_NUMBER = re.compile(r"^[+\-]?[\d\s().,/\-]*$")


def safe_entry(value: str) -> str:
    """Make text entering a network file safe to open in a spreadsheet.

    A value starting like a formula gets a leading ``'``, unless it is only a
    number (a phone number like ``+44 20 7946 0958``, an amount like ``-3``).

    Examples
    --------
    >>> safe_entry("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> safe_entry("+44 (0)20 7946 0958"), safe_entry("Ann"), safe_entry("@ann")
    ('+44 (0)20 7946 0958', 'Ann', "'@ann")
    """
    if value.startswith(_FORMULA_START) and not _JUST_A_NUMBER.match(value):
        return "'" + value
    return value
