"""Terminal and HTML views of :class:`~refgraph.insight.stats.StatsResult`.

Importing this module registers the terminal view with :func:`refgraph.show.text.to_text`.
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd

from refgraph.insight.standing import NO_TIE
from refgraph.insight.stats import StatsResult
from refgraph.io.settings import STAGES
from refgraph.results import format_date
from refgraph.show.tables import text_table
from refgraph.show.text import to_text

#: What each centrality measure is called on the page: "degree" is the sum of
#: tie strengths, so a networker reads it as strength.
MEASURE_NAMES: dict[str, str] = {"degree": "strength", "pagerank": "PageRank",
                                 "betweenness": "betweenness"}


def short_community(name: object, width: int) -> str:
    """A community's name shortened to ``width``, keeping its size at the end.

    The size says how big the group is; cutting it off ("café owner / charity
    chief executive (1…") leaves a reader guessing between 1 and 19.

    Examples
    --------
    >>> short_community("café owner / charity chief executive (10)", 30)
    'café owner / charity chi… (10)'
    >>> short_community("bni (23)", 30)
    'bni (23)'
    """
    text = " ".join(str(name).split())
    if len(text) <= width:
        return text
    label, paren, size = text.rpartition(" (")
    if not paren or not size.endswith(")"):
        return _short(text, width)
    suffix = f" ({size}"
    return _short(label, max(width - len(suffix), 1)) + suffix


def _short(text: object, width: int) -> str:
    """Shorten text to ``width`` characters with an ellipsis, keeping its end if it fits."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _delta(result: StatsResult, section: str, key: str) -> str:
    """`` (+n)``: how ``changes[section][key]`` moved since the previous month.

    A number that did not move says `` (no change)``: a ``+0`` reads as a gain.
    """
    value = result.changes.get(section, {}).get(key) if result.changes else None
    if value is None or not compared_with_records(result):
        return ""
    if round(float(value)) == 0:
        return " (no change)"
    if isinstance(value, float) and not value.is_integer():
        return f" ({value:+,.0f})"
    return f" ({int(value):+,})"


def compared_with_records(result: StatsResult) -> bool:
    """Whether a month earlier there were records to compare with.

    In the first month of the records every number would show as a rise from
    nothing ("17 ties (+17)"), which says nothing about the month.

    Examples
    --------
    >>> stamp = pd.Timestamp("2024-01-31", tz="UTC")
    >>> first = StatsResult(owner=None, as_of=stamp, contacts=3, interactions=2, ties=1,
    ...                     changes={"size": {"interactions": 2}})
    >>> compared_with_records(first)
    False
    """
    if not result.changes:
        return False
    logged_since = result.changes.get("size", {}).get("interactions")
    return not (result.interactions and logged_since == result.interactions)


def _counted(count: int, noun: str) -> str:
    """``1 referral``, ``837 referrals``.

    Examples
    --------
    >>> _counted(1, "referral"), _counted(1234, "introduction")
    ('1 referral', '1,234 introductions')
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def summary_lines(result: StatsResult) -> list[str]:
    """Headline lines of a stats result: who, when, size, stages, flows.

    Parameters
    ----------
    result : StatsResult
        A :func:`refgraph.stats` result.

    Returns
    -------
    list of str
        The title line, a blank line, then one line per headline.

    Examples
    --------
    >>> result = StatsResult(owner=None, as_of=pd.Timestamp("2024-01-31", tz="UTC"),
    ...                      contacts=3, interactions=2, ties=1)
    >>> summary_lines(result)[2]
    'Size: 3 contacts, 0 with ties; 2 interactions logged'
    """
    who = f" of {result.owner_name} ({result.owner})" if result.owner else ""
    versus = f", vs {format_date(result.previous_as_of)}" if result.previous_as_of else ""
    if result.previous_as_of is not None and not compared_with_records(result):
        versus = (f" (nothing was recorded by {format_date(result.previous_as_of)}, "
                  "so no changes are shown)")
    lines = [f"{result.title}{who} as of {format_date(result.as_of)}{versus}", ""]
    lines.append(
        f"Size: {_counted(result.contacts, 'contact')}, {result.contacts_with_ties:,} with ties"
        f"{_delta(result, 'size', 'contacts_with_ties')}; "
        f"{_counted(result.interactions, 'interaction')} logged"
        f"{_delta(result, 'size', 'interactions')}"
    )
    if result.meeting_contacts:
        lines.append(f"      {_counted(result.meeting_contacts, 'contact')} from chapter meetings "
                     f"attended together{_delta(result, 'size', 'meeting_contacts')}")
    count = len(result.communities)
    lines.append(f"      {_counted(result.ties, 'tie')}{_delta(result, 'size', 'ties')}; "
                 f"{count:,} communit{'y' if count == 1 else 'ies'}"
                 f"{_delta(result, 'size', 'communities')}")
    lines.append("Stages: " + ", ".join(
        f"{stage} {result.stages.get(stage, 0):,}{_delta(result, 'stages', stage)}"
        for stage in STAGES))
    flows = result.flows or {}
    business = int(flows.get("business", 0))
    lines.append(
        f"Flows: {_counted(int(flows.get('referrals', 0)), 'referral')}"
        f"{_delta(result, 'flows', 'referrals')}, "
        f"{_counted(int(flows.get('introductions', 0)), 'introduction')}"
        f"{_delta(result, 'flows', 'introductions')}"
    )
    # "561 business" reads as a count of firms: each is business passed on,
    # and its value belongs beside it.
    lines.append(f"       {business:,} piece{'' if business == 1 else 's'} of business"
                 f"{_delta(result, 'flows', 'business')}, worth "
                 f"{flows.get('business_value', 0.0):,.0f}"
                 f"{_delta(result, 'flows', 'business_value')}")
    if result.owner_centrality:
        # The measures go by the names the Leaders table gives them.
        lines.append("Owner: " + ", ".join(
            f"#{part['rank']} by {MEASURE_NAMES.get(measure, measure)}" for measure, part
            in result.owner_centrality.items()))
    return lines


def _leaders_view(result: StatsResult) -> pd.DataFrame:
    """One row per rank, one column per measure; ``(new)`` marks a newcomer to the list."""
    side = pd.DataFrame()
    if not len(result.leaders):
        return side
    leaders = result.leaders
    limit = int(leaders["rank"].max())
    ranks = list(range(1, limit + 1))
    side["#"] = ranks
    for measure, name in MEASURE_NAMES.items():
        heading = f"by {name}"
        part = leaders[leaders["measure"] == measure].set_index("rank")
        new = part["previous_rank"].isna() | (part["previous_rank"] > limit)
        new &= compared_with_records(result)  # in the first month, all would be new
        side[heading] = [
            "" if r not in part.index
            else part.at[r, "name"] + (" (new)" if bool(new.get(r)) else "")
            for r in ranks]
    return side


def _sections(result: StatsResult) -> list[tuple[str, pd.DataFrame, int]]:
    """Titled tables for the text and HTML views, with their widest cell."""
    sample = (f" (betweenness estimated from {result.betweenness_sample:,} sampled"
              " sources)" if result.betweenness_sample else "")
    broker_view = pd.DataFrame()
    if len(result.brokers):
        brokers = result.brokers
        broker_view = pd.DataFrame({
            "name": [_short(n, 24) for n in brokers["name"]],
            "score": brokers["score"],
            "groups": brokers["communities"]})
        if "owner_stage" in brokers:
            broker_view["your tie"] = brokers["owner_stage"].to_numpy(dtype=object)
        broker_view["own community"] = [short_community(c, 30)
                                        for c in brokers["community"].fillna("")]
    community_view = pd.DataFrame()
    if len(result.communities):
        shown = result.communities.head(10)
        community_view = pd.DataFrame({
            "community": [short_community(n, 40) for n in shown["name"]],
            "core members": [
                _short(", ".join(result.member_names.get(m, str(m)) for m in ids[:3]), 36)
                for ids in shown["members"]]})
    ledger_view = pd.DataFrame()
    if len(result.ledger):
        head = result.ledger.head(10)
        ledger_view = pd.DataFrame({
            "name": head["name"],
            "ref out": head["referrals_given"], "ref in": head["referrals_received"],
            "intro out": head["introductions_given"],
            "intro in": head["introductions_received"],
            "value out": [f"{v:,.0f}" for v in head["business_value_given"]],
            "value in": [f"{v:,.0f}" for v in head["business_value_received"]],
            "recip": head["reciprocity"]})
    count = len(result.communities)
    largest = f", the 10 largest of {count}" if count > 10 else ""
    no_brokers = ""
    if len(result.leaders) and not (result.leaders["measure"] == "betweenness").any():
        no_brokers = ("; no brokers yet: nobody lies on the paths between others, so "
                      "betweenness names no one")
    return [
        (f"Leaders{sample}{no_brokers}", _leaders_view(result), 24),
        # The score scales betweenness by the highest among contacts (the owner
        # left out), so the heading names that ratio, not raw betweenness.
        ("Brokers: who bridges communities (score = participation x betweenness / "
         "highest betweenness among contacts)", broker_view, 36),
        (f"Communities (Louvain{', owner left out' if result.owner else ''}{largest})",
         community_view, 40),
        ("Ledger: referrals, introductions and business value (out = given, in = "
         "received)", ledger_view, 20),
    ]


def standing_lines(result: StatsResult) -> list[str]:
    """What to know before leaning on a leader or broker: a weak tie, a doubted character.

    Parameters
    ----------
    result : StatsResult
        A :func:`refgraph.stats` result with an owner.

    Returns
    -------
    list of str
        A line naming the connectors your tie with is only at visibility (or
        none), and one naming those whose character you rated at or below
        ``ask.character_gate``; none when there is nothing to say.

    Examples
    --------
    >>> leaders = pd.DataFrame({"id": ["v", "p"], "name": ["Vic", "Pat"],
    ...     "owner_stage": ["visibility", "profitability"],
    ...     "owner_doubted_character": [float("nan"), 2.0]})
    >>> result = StatsResult(owner="me", as_of=pd.Timestamp("2024-01-31", tz="UTC"),
    ...                      contacts=3, interactions=2, ties=1, leaders=leaders)
    >>> weak, doubted = standing_lines(result)
    >>> weak.startswith("Your tie is only at visibility, or there is none, with Vic:")
    True
    >>> doubted
    'You rated the character of Pat at 2/5: do not ask to be introduced through them.'
    """
    parts = [frame for frame in (result.leaders, result.brokers)
             if len(frame) and "owner_stage" in frame]
    if not parts:
        return []
    people = pd.concat([p[["id", "name", "owner_stage", "owner_doubted_character"]]
                        for p in parts]).drop_duplicates("id")
    lines = []
    weak = people[people["owner_stage"].isin(["visibility", NO_TIE])]
    if len(weak):
        lines.append(f"Your tie is only at visibility, or there is none, with "
                     f"{join_names(weak['name'])}: get to know them over a 1-to-1 before "
                     "you ask them for an introduction.")
    doubted = people[people["owner_doubted_character"].notna()]
    if len(doubted):
        rated = [f"{name} at {rating:g}/5" for name, rating
                 in zip(doubted["name"], doubted["owner_doubted_character"], strict=True)]
        lines.append(f"You rated the character of {join_names(rated)}: do not ask to be "
                     "introduced through them.")
    return lines


def join_names(names) -> str:
    """``A``, ``A and B``, ``A, B and C``.

    Examples
    --------
    >>> join_names(["Ann", "Bob", "Cat"])
    'Ann, Bob and Cat'
    """
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@to_text.register
def _(result: StatsResult, *, width: int = 80) -> str:
    """Headline numbers, then leaders, brokers, communities and the ledger."""
    lines = []
    for line in summary_lines(result):
        # A long headline ("Stages: ... (no change), ...") continues under its
        # first number, not under its label.
        if line.startswith(" "):
            indent = " " * (len(line) - len(line.lstrip()))
        else:
            indent = " " * (line.find(": ") + 2 if ": " in line else 0)
        lines += textwrap.wrap(line, width, subsequent_indent=indent,
                               break_on_hyphens=False) or [line]
    for heading, frame, widest in _sections(result):
        lines += ["", *textwrap.wrap(heading, width),
                  text_table(frame, width=width, max_col=widest,
                             left_out_hint="--format json has every column")]
        if heading.startswith("Brokers"):
            for line in standing_lines(result):
                lines += ["", *textwrap.wrap(line, width)]
    return "\n".join(lines)


def to_html(result: StatsResult) -> str:
    """The headline lines and every section's table as an HTML fragment, escaped.

    Parameters
    ----------
    result : StatsResult
        A :func:`refgraph.stats` result.

    Returns
    -------
    str
        HTML for a notebook cell or a page.

    Examples
    --------
    >>> result = StatsResult(owner=None, as_of=pd.Timestamp("2024-01-31", tz="UTC"),
    ...                      contacts=3, interactions=2, ties=1)
    >>> to_html(result).splitlines()[0]
    '<p>Network statistics as of 2024-01-31</p>'
    """
    parts = [f"<p>{html.escape(line)}</p>" for line in summary_lines(result) if line]
    for heading, frame, _ in _sections(result):
        parts.append(f"<h4>{html.escape(heading)}</h4>")
        parts.append(frame.to_html(index=False, escape=True, na_rep="")
                     if len(frame) else "<p>(nothing to show)</p>")
        if heading.startswith("Brokers"):
            parts += [f"<p>{html.escape(line)}</p>" for line in standing_lines(result)]
    return "\n".join(parts)
