"""Terminal views of the answers to the networker's questions: refer, path, ask, nurture.

Each view is registered with :func:`refgraph.show.text.to_text`, so
``refgraph.show.to_text(result)`` and ``refgraph.show.render(result)`` print
it. The views only lay out numbers and reasons the results already hold.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

import pandas as pd

from refgraph.judge.ask import AskResult
from refgraph.judge.nurture import NurtureResult
from refgraph.judge.paths import PathResult
from refgraph.judge.refer import PARTS, ReferResult
from refgraph.model.network import Network
from refgraph.results import format_date, format_trust
from refgraph.show.tables import text_table
from refgraph.show.text import to_text

#: Said when no contact fits a trigger.
NO_FIT = ("No one in the network fits this trigger: no contact's profession, services, "
          "tags or notes match it. Add the situation to [needs] in network.toml, or "
          "the trade to the right contacts.")
#: Said instead when the trigger is an emergency that leaves nothing to refer for.
EMERGENCY_ONLY = ("Nobody to refer: the call above is the whole answer. Your network can "
                  "help later, when everyone is safe.")
#: Said instead when the first warnings (a GP to see, the police to tell, a fine
#: to appeal) are the whole answer.
FIRST_STEP_ONLY = ("Nobody to refer: the first step above is the answer, and no trade "
                   "comes before it. Your network can help later, if anything is left to do.")
#: Said instead when the trigger is praise or thanks with no need told beside it.
REMARK_ONLY = ("Nobody to refer: this reads as praise or thanks, not a need. Tell the "
               "situation someone is in (\u201ca client needs a web designer\u201d) to "
               "find whom to refer.")


def _nobody_serves(result: ReferResult) -> str:
    """Why nobody is listed for needs that were recognised, and what to do; "" without."""
    needs = [need for need in result.needs if not need.occasion]
    if not needs:
        return ""
    trades = list(dict.fromkeys(trade for need in needs for trade in need.professions))
    shown = ", ".join(trades[:4]) + (", ..." if len(trades) > 4 else "")
    names = " or ".join(need.name for need in needs)
    return (f"No one in the network serves {names}: no contact's profession, services, tags "
            f"or notes name a trade for it ({shown}). Ask a contact you trust whom they "
            "would use, or add the trade to the right contacts.")


def wrap(text: str, width: int = 80, *, first: str = "", rest: str = "  ") -> list[str]:
    """Wrap text for a terminal, never splitting hyphenated words ("weakest-link").

    Parameters
    ----------
    text : str
        One paragraph.
    width : int, default 80
        Terminal width in characters.
    first, rest : str
        Indent of the first line and of the lines after it.

    Returns
    -------
    list of str
        The wrapped lines.

    Examples
    --------
    >>> wrap("scored by weakest-link", 16)
    ['scored by', '  weakest-link']
    """
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False)


def typed_contact(network: Network, text: str, role: str, stream: TextIO | None = None) -> str:
    """The contact id a typed id or name means, saying once when it was only a guess.

    Exact ids and names, ignoring case or accents, are taken quietly; a name
    found only by a close match ("Mark Elison") is said on ``stream`` (standard
    error: the answer on standard output stays clean JSON or CSV), as
    ``refgraph: taking "Mark Elison" as Mark Ellison (c012)``.

    Parameters
    ----------
    network : Network
        The network the contact is in.
    text : str
        What the user typed.
    role : str
        What the contact is for, named in errors ("source", "asker", ...).
    stream : file, optional
        Where the note goes (default: standard error).

    Returns
    -------
    str
        The contact id (see :meth:`Network.match_contact`).

    Examples
    --------
    >>> net = Network(pd.DataFrame({"id": ["c012"], "name": ["Mark Ellison"]}), pd.DataFrame())
    >>> typed_contact(net, "Mark Elison", "target", stream=sys.stdout)
    refgraph: taking "Mark Elison" as Mark Ellison (c012)
    'c012'
    >>> typed_contact(net, "mark ellison", "target", stream=sys.stdout)  # no guess: quiet
    'c012'
    """
    match = network.match_contact(text, role=role)
    if match.close:
        print(f"refgraph: {match.note}", file=stream or sys.stderr)
    return match.id


# --------------------------------------------------------------------------- refer


def refer_heading(result: ReferResult) -> list[str]:
    """The trigger, owner, date, needs and the score formula of a refer result.

    Examples
    --------
    >>> result = ReferResult("a plumber", "me", pd.Timestamp("2024-05-01", tz="UTC"), [],
    ...                      pd.DataFrame(), dict.fromkeys(PARTS, 0.2))
    >>> refer_heading(result)[1]
    'owner me, as of 2024-05-01; needs: none recognised'
    """
    needs = ", ".join(f"{n.name} (the occasion)" if n.occasion else n.name
                      for n in result.needs) or "none recognised"
    weights = ", ".join(f"{p} {result.weights[p]:.2f}" for p in PARTS)
    return [
        f"{result.title}: \u201c{result.trigger}\u201d",
        f"owner {result.owner}, as of {format_date(result.as_of)}; needs: {needs}",
        f"score = sum of parts x weights: {weights}",
    ]


@to_text.register
def _(result: ReferResult, *, width: int = 80) -> str:
    """Numbered candidates with their parts and reasons, wrapped to ``width``."""
    lines: list[str] = []
    for line in refer_heading(result):
        lines += textwrap.wrap(line, width, subsequent_indent="  ") or [""]
    for warning in result.warnings:
        lines += wrap(f"Warning: {warning}", width, rest="  ")
    lines.append("")
    if result.candidates.empty:
        nobody = (EMERGENCY_ONLY if result.emergency else REMARK_ONLY if result.remark
                  else FIRST_STEP_ONLY if result.first_step_only
                  else _nobody_serves(result) or NO_FIT)
        lines += textwrap.wrap(nobody, width)
        return "\n".join(lines)
    indent = "    "
    for rank, row in enumerate(result.candidates.itertuples(index=False), start=1):
        record = row._asdict()
        score = f"{record['score']:.3f}  {record['stage']}"
        head = f"{rank:>2}. {record['name']} ({record['id']})"
        room = width - len(score) - 2
        if len(head) > room:
            head = head[: max(room - 1, 8)] + "\u2026"
        lines.append(f"{head.ljust(room)}  {score}")
        if record["profession"]:
            lines += textwrap.wrap(record["profession"], width, initial_indent=indent,
                                   subsequent_indent=indent)
        parts = "  ".join(f"{p} {record[p]:.2f}" for p in PARTS)
        lines += textwrap.wrap(parts, width, initial_indent=indent, subsequent_indent=indent)
        lines += textwrap.wrap("; ".join(record["reasons"]), width, initial_indent=indent,
                               subsequent_indent=indent)
        for voucher in record.get("vouched_by") or []:
            lines += wrap(f"vouched for by {voucher['name']} ({voucher['id']}): "
                          f"{voucher['how']}", width, first=indent, rest=indent + "  ")
        for caution in record.get("cautions") or []:
            lines += wrap(f"! {caution}", width, first=indent, rest=indent + "  ")
    return "\n".join(lines)


# --------------------------------------------------------------------------- path


@to_text.register
def _(result: PathResult, *, width: int = 80) -> str:
    """Each path with its trust, weakest hop and a table of hops."""
    lines = [wrapped for line in (result.title, result.message) for wrapped in wrap(line, width)]
    for rank, path in enumerate(result.paths, start=1):
        weakest = path.weakest_hop
        go_betweens = len(path.hops) - 1
        # Paths are ranked by score, not trust: say why a chain comes after a direct tie.
        ranked = ("" if not go_betweens or result.method != "product" or path.score is None
                  else f" through {go_betweens} go-between{'s' if go_betweens > 1 else ''}, "
                  f"ranked at {format_trust(path.score)}")
        above = result.paths[rank - 2] if rank > 1 else None
        if (go_betweens and above is not None and path.score is not None
                and above.score is not None and path.score > above.score):
            # Only a go-between whose character you doubt puts a path below weaker ones.
            ranked += ", listed below the ways around a go-between you doubt"
        lines += ["", *wrap(f"{rank}. trust {format_trust(path.trust)}{ranked}; weakest hop "
                            f"{weakest.source_name} → {weakest.target_name} "
                            f"({format_trust(weakest.trust)})", width, rest="   ")]
        hops = pd.DataFrame(
            [(n, hop.source_name, hop.target_name, format_trust(hop.trust), hop.stage)
             for n, hop in enumerate(path.hops, start=1)],
            columns=["hop", "from", "to", "trust", "stage"])
        lines += ["   " + line for line in text_table(hops, width=width - 3).splitlines()]
    return "\n".join(lines)


# --------------------------------------------------------------------------- ask


@to_text.register
def _(result: AskResult, *, width: int = 80) -> str:
    """The verdict, each reason as a wrapped bullet, and the best path."""
    heading = [result.title, f"Verdict: {result.verdict}"]
    lines = [wrapped for line in heading for wrapped in wrap(line, width)]
    lines.append("")
    for reason in result.reasons:
        lines += wrap(reason, width, first="- ")
    # No introduction needed: the route is no advice (the JSON keeps it as ``path``).
    if result.path is not None and result.verdict != "not_needed":
        lines += ["", *wrap(f"Best path: {result.path.describe()}", width)]
    if result.longer_path is not None:
        lines += wrap(f"Stronger but longer (refgraph path): {result.longer_path.describe()}",
                      width)
    return "\n".join(lines)


# --------------------------------------------------------------------------- nurture


def nurture_heading(result: NurtureResult) -> list[str]:
    """The title of a nurture result and how many relationships need attention.

    Examples
    --------
    >>> listed = pd.DataFrame({"id": ["ann"]})
    >>> result = NurtureResult("me", "Me", pd.Timestamp("2024-05-01", tz="UTC"), listed,
    ...                        considered=4, needing=3)
    >>> nurture_heading(result)[1]
    'the 1 most urgent of 3 that need attention (4 relationships weighed)'
    """
    needing = len(result.contacts) if result.needing is None else result.needing
    weighed = f"{result.considered} relationship{'' if result.considered == 1 else 's'}"
    if needing > len(result.contacts):
        # Capped by n: say so, rather than suggest the rest are fine.
        count = (f"the {len(result.contacts)} most urgent of {needing} that need "
                 f"attention ({weighed} weighed)")
    else:
        count = f"{needing} of {weighed} need{'s' if needing == 1 else ''} attention"
    return [result.title, count]


@to_text.register
def _(result: NurtureResult, *, width: int = 80) -> str:
    """Each person on one line, with the action and reason wrapped underneath."""
    if result.contacts.empty and result.excluded is None:
        return "\n".join([*nurture_heading(result), "", text_table(result.contacts)])
    lines = [wrapped for line in nurture_heading(result) for wrapped in wrap(line, width)]
    for rank, row in enumerate(result.contacts.itertuples(index=False), start=1):
        who = textwrap.shorten(f"{row.name} ({row.id})", width - 36, placeholder="…")
        lines += ["", f"{rank:>2}. {who}".ljust(width - 32)
                  + f"{row.priority:>8.3f}  {row.value_kind}".rstrip()]
        action = str(getattr(row, "action", "") or "")
        said = f"{action[:1].upper()}{action[1:]}: {row.reason}" if action else row.reason
        lines += wrap(said, width, first="    ", rest="    ")
    excluded = result.excluded
    if excluded is not None:
        lines += ["", f"Left out ({len(excluded)}):"]
        for row in excluded.itertuples(index=False):
            lines += wrap(f"{row.name} ({row.id}): {row.reason}", width, first="  - ",
                          rest="    ")
    return "\n".join(lines)
