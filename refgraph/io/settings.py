"""Settings: every weight, half-life and threshold refgraph uses, with its default.

All settings live in one :class:`Settings` dataclass. A network folder may hold a
``network.toml`` that overrides any of them; unknown keys are errors, so a typo
never passes silently (:mod:`refgraph.io.settings_load` reads and checks it).
The README's defaults table is checked against this module by the test suite.

Example ``network.toml``::

    owner = "me"

    [half_life_days]
    one_to_one = 540

    [kind_weights]
    social = 0.05

    [stages]
    credibility_min = 3.0
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from refgraph.errors import SettingsError
from refgraph.io.settings_contacts import ContactSettings
from refgraph.io.settings_nurture import NurtureSettings
from refgraph.io.settings_scorecard import ScorecardSettings

#: Interaction kinds, in the order they are documented.
KINDS: tuple[str, ...] = (
    "one_to_one",
    "meeting",
    "call",
    "email",
    "message",
    "social",
    "event",
    "card",
    "referral",
    "business",
    "introduction",
)

#: Kinds that keep their direction (source gave something to target).
DIRECTED_KINDS: tuple[str, ...] = ("referral", "business", "introduction")

#: Kinds that count as substantive contact towards credibility.
SUBSTANTIVE_KINDS: tuple[str, ...] = (
    "one_to_one",
    "meeting",
    "call",
    "referral",
    "business",
    "introduction",
)

#: Kinds whose exchange makes a tie profitable.
PROFITABLE_KINDS: tuple[str, ...] = ("referral", "business")

#: VCP stages, weakest first.
STAGES: tuple[str, ...] = ("visibility", "credibility", "profitability")

# How much one interaction of each kind adds to a tie's strength when it is fresh.
# A dedicated 1-to-1 is the unit of relationship building; passing a referral or
# giving business is rarer and says more; a like on social media says little.
DEFAULT_KIND_WEIGHTS: dict[str, float] = {
    "one_to_one": 3.0,
    "meeting": 2.0,
    "call": 1.5,
    "email": 0.5,
    "message": 0.3,
    "social": 0.1,
    "event": 0.5,
    "card": 0.2,
    "referral": 4.0,
    "business": 5.0,
    "introduction": 2.0,
}

# Days after which one interaction of each kind counts half as much. Deep contact
# (1-to-1s, referrals, business) is remembered for years; likes fade in weeks.
DEFAULT_HALF_LIFE_DAYS: dict[str, float] = {
    "one_to_one": 365.0,
    "meeting": 270.0,
    "call": 180.0,
    "email": 120.0,
    "message": 90.0,
    "social": 60.0,
    "event": 180.0,
    "card": 365.0,
    "referral": 730.0,
    "business": 730.0,
    "introduction": 540.0,
}


def _kind_weights() -> dict[str, float]:
    return dict(DEFAULT_KIND_WEIGHTS)


def _half_lives() -> dict[str, float]:
    return dict(DEFAULT_HALF_LIFE_DAYS)


@dataclass(frozen=True)
class TrustSettings:
    """How tie strength maps to trust: ``trust = 1 - exp(-strength / scale)``."""

    #: Strength at which trust reaches 1 - 1/e (about 0.63): three or four fresh
    #: 1-to-1s; one meeting alone gives about 0.26, so trust must be earned.
    scale: float = 10.0
    #: Days without substantive contact (1-to-1, meeting, call, referral,
    #: business, introduction) before a tie starts to fade: a quarter is a
    #: normal rhythm between busy people.
    silence_grace_days: float = 90.0
    #: After the grace period, what substantive contact built halves every this
    #: many days of silence: a partner not seen for a year is no longer trusted.
    silence_half_life_days: float = 90.0

    def __post_init__(self) -> None:
        for key in ("scale", "silence_half_life_days"):
            if not getattr(self, key) > 0:
                raise SettingsError(f"trust.{key}: expected a number above 0, "
                                    f"got {getattr(self, key)!r}")


@dataclass(frozen=True)
class StageSettings:
    """Rules that place each tie at a VCP stage (see :mod:`refgraph.model.ties`)."""

    #: Decayed count of substantive contacts (1-to-1, meeting, call, referral,
    #: business, introduction) needed for credibility: "repeated" means two
    #: recent ones (or three spread over the last year or so).
    credibility_min: float = 1.5
    #: Decayed count of referrals or business exchanged (either direction) needed
    #: for profitability (on top of credibility): one recent one; it fades with
    #: the kinds' half-lives.
    profitability_min: float = 0.5
    #: Days without substantive contact after which a profitable tie steps down
    #: to credibility: half a year without seeing a referral partner.
    profitability_silent_days: float = 180.0
    #: Days without substantive contact after which a tie steps down to
    #: visibility: after a year of silence the two only know of each other.
    credibility_silent_days: float = 365.0


@dataclass(frozen=True)
class ReferSettings:
    """Weights and thresholds of the referral score (see :mod:`refgraph.judge.refer`).

    ``score = weight_fit * fit + weight_relationship * relationship
    + weight_credibility * credibility + weight_goodwill * goodwill
    + weight_recency * recency``; every part is in [0, 1].
    """

    #: How well the candidate fits the trigger: the referral fails without it.
    weight_fit: float = 0.35
    #: The owner's tie to the candidate (trust from decayed strength and stage).
    weight_relationship: float = 0.25
    #: Credibility: character, competency, used their service, success.
    weight_credibility: float = 0.25
    #: Good will: what the candidate has given the owner, decayed.
    weight_goodwill: float = 0.10
    #: Recency of contact: small, so "first to come to mind" cannot dominate.
    weight_recency: float = 0.05
    #: Character weighs most when people decide whom to refer (survey, seeds).
    credibility_character: float = 0.40
    #: Competency comes second.
    credibility_competency: float = 0.30
    #: Having used their service yourself ranks only third.
    credibility_used_service: float = 0.20
    #: Success (referrals received, standing in the network) ranks last.
    credibility_success: float = 0.10
    #: Decayed jobs the owner gave them for "used their service" to reach 0.5.
    used_service_half_jobs: float = 1.0
    #: Decayed referrals received (from anyone) for the referral half of success to reach 0.5.
    success_half_referrals: float = 2.0
    #: Share of success that is centrality (weighted-degree percentile) rather than referrals.
    success_centrality_share: float = 0.5
    #: Decayed flow weight given to the owner for good will to reach 0.5: one fresh referral.
    goodwill_half_weight: float = 4.0
    #: Share of relationship that is the VCP stage (earned) rather than trust (volume).
    relationship_stage_share: float = 0.25
    #: Days after which recency counts half.
    recency_half_life_days: float = 90.0
    #: Candidates whose fit is below this are not listed, however close.
    min_fit: float = 0.35
    #: Share of fit that rewards serving every need the trigger names, not just one.
    fit_breadth: float = 0.4
    #: Share of fit that is the BM25 relevance of the contact's own words to the
    #: trigger's ("roof", "xero"): within a trade, the specialist beats the generalist.
    fit_specificity: float = 0.3
    #: Score of a need recognised only by a trade named in the trigger: "xero" serves several.
    need_named_trade: float = 0.5
    #: Score of a situation named only as the occasion of another need ("her hair done
    #: for the wedding"): the hair is wanted, the wedding's caterer is not.
    need_occasion: float = 0.5
    #: Evidence of a trade that serves one part of a situation whose lead trades
    #: (``leads`` in ``needs.toml``) the trigger does not name: someone you trust who
    #: plans weddings or runs a venue comes before the florist you know as well.
    need_supporting_trade: float = 0.65
    #: Fit when the trigger names their trade but not their speciality ("taxidermist").
    fit_trade_only: float = 0.8
    #: Evidence found in the profession field: what they say they are.
    fit_field_profession: float = 1.0
    #: Evidence found in the services they list.
    fit_field_services: float = 1.0
    #: Evidence found in tags: labels the owner chose, a little less specific.
    fit_field_tags: float = 0.8
    #: Evidence found only in free-text notes: may describe someone else.
    fit_field_notes: float = 0.5
    #: Evidence found only in a tag naming a team ("marketing team", a chapter's
    #: power team): it says whom they work with, not what they do, so the printer
    #: of the marketing team is not a PR consultant while anyone else fits.
    fit_field_team: float = 0.3
    #: Word similarity (rapidfuzz ratio, 0-100) for a misspelling to match: one slip in 9.
    word_similarity: float = 88.0
    #: Words shorter than this match exactly only ("xero" is not "zero").
    fuzzy_min_length: int = 5
    #: Other words allowed between two words of a phrase ("lost their job").
    phrase_gap_words: int = 1
    #: Words after "my"/"their"/"is a" that name a party in the story, not the need.
    party_window_words: int = 3
    #: How many candidates to list.
    top: int = 10
    #: Text relevance that lists a contact no taxonomy need found: their own
    #: services name the problem.
    min_text_fit: float = 0.6
    #: Fit of a contact found by text alone, at full relevance: below a taxonomy match.
    text_only_fit: float = 0.7
    #: Trigger words held by more than this share of contacts tell nobody apart.
    text_max_share: float = 0.05
    #: Weight of trigger words that name a party in the story ("their accountant").
    text_party_weight: float = 0.5
    #: Character rated at or below this keeps a contact out of the top 3 while
    #: anyone else fits: character weighs most when people refer (seeds).
    character_gate: int = 2
    #: Competency rated at or below this gates like character: you would not send a
    #: friend's car to a garage you rate 2/5, however well you know the owner.
    competency_gate: int = 2
    #: Places at the top kept for contacts past the character and competency gates.
    gate_places: int = 3
    #: Contacts whose fit is below this share of the best fit rank after everyone
    #: within it: a networker sends the plumber, not the architect they know better.
    fit_band: float = 0.6
    #: Days without contact after which a candidate carries "reconnect first".
    caution_silent_days: float = 365.0
    #: Relationship below which "nobody you know well does this" is warned, and ties
    #: that earned credibility before going quiet and vouched second-degree people
    #: lead the fitting: a tie this weak cannot carry a referral.
    trusted_relationship: float = 0.35
    #: The owner's relationship with a contact for them to vouch for someone.
    voucher_relationship: float = 0.5
    #: Score factor when the trigger asks for a gender or place the data does not record.
    unknown_constraint_factor: float = 0.8


#: Ways of scoring a trust path (see :mod:`refgraph.judge.paths`).
PATH_METHODS: tuple[str, ...] = ("product", "weakest-link")


@dataclass(frozen=True)
class PathSettings:
    """How trust paths are searched and scored (``refgraph path``)."""

    #: Paths listed: the best, plus two alternatives in case it falls through.
    k: int = 3
    #: Longest chain considered: each hop is a favour asked, and an introduction
    #: rarely survives more than three go-betweens.
    max_hops: int = 4
    #: "product": every hop may fail, so trusts multiply; "weakest-link": a
    #: chain is as strong as its weakest tie.
    method: str = "product"
    #: Each go-between is a favour asked and a hand-over that dilutes the vouching:
    #: product paths are ranked by their trust times this per go-between, so
    #: nobody asks a friend to reach someone they have met properly themselves.
    go_between_factor: float = 0.5

    def __post_init__(self) -> None:
        if self.method not in PATH_METHODS:
            raise SettingsError(f"path.method: expected one of {', '.join(PATH_METHODS)}, "
                                f"got {self.method!r}")
        if self.k < 1 or self.max_hops < 1:
            raise SettingsError("path.k and path.max_hops must be at least 1")
        if not 0 < self.go_between_factor <= 1:
            raise SettingsError("path.go_between_factor must be above 0 and at most 1, got "
                                f"{self.go_between_factor!r}")


@dataclass(frozen=True)
class AskSettings:
    """Thresholds for judging an introduction request (``refgraph ask``)."""

    #: The asker's tie to the owner must reach this trust, else ``premature``.
    min_asker_trust: float = 0.45
    #: The asker's tie to the owner must be at least at this stage.
    min_asker_stage: str = "credibility"
    #: The owner's best path to the target must reach this trust, else ``weak_link``.
    min_path_trust: float = 0.35
    #: Go-betweens an introduction may pass through: beyond one, you are asking
    #: a friend of a friend to vouch for a stranger, and each hand-over dilutes it.
    max_go_betweens: int = 1
    #: Days without substantive contact after which the owner should reconnect
    #: with the asker before vouching for them: half a year, when a partner's
    #: tie steps down from profitability.
    stale_days: float = 180.0
    #: A character rating (1-5) at or below this is never vouched for: people
    #: weigh character first when they refer; a missing rating is neutral.
    character_gate: float = 2.0


@dataclass(frozen=True)
class StatsSettings:
    """Network metrics settings (see :mod:`refgraph.insight.stats`)."""

    #: Above this many nodes betweenness is estimated from a sample of sources.
    betweenness_exact_max_nodes: int = 2000
    #: Number of sample sources for estimated betweenness: the estimate's error
    #: depends on this, not on the network's size. At 20,000 people, 200 sources
    #: correlate 0.997 with a 1,200-source estimate and find 9 of its top 10.
    betweenness_sample: int = 200
    #: Seed for sampling and community detection, so results repeat.
    seed: int = 42
    #: Louvain resolution (higher gives more, smaller communities).
    louvain_resolution: float = 1.0
    #: How many leaders to list per measure.
    top: int = 10
    #: PageRank damping: the usual 0.85, a walker follows a tie 85% of the time.
    pagerank_alpha: float = 0.85
    #: Communities smaller than this are not listed: a pair is a tie, not a group.
    min_community_size: int = 3
    #: Labels (professions, tags) in a community's name: two say "what they are".
    community_name_labels: int = 2
    #: Tags that only say where a contact came from or where they stand with
    #: you, not what they do or which group they belong to: they name a
    #: community only when no profession or other tag does, and half its
    #: members carry them ("linkedin / plumber" says less than "plumber").
    #: Compared ignoring case; a trailing ``*`` matches the start of a tag, as
    #: Google's "Imported on 3/4/21".
    community_status_tags: tuple[str, ...] = (
        "linkedin", "google", "outlook", "imported*", "starred", "new", "lead", "prospect",
        "client", "past client", "former client", "trusted", "member", "former member",
        "visitor", "guest")
    #: A broker has ties into at least this many communities: bridging needs two.
    broker_min_communities: int = 2
    #: Ties compared against this many months ago for "fading": half a year is
    #: long enough to see a tie go cold and short enough to still rescue it.
    fading_months: int = 6
    #: How many fading ties to list.
    fading_top: int = 15

    def __post_init__(self) -> None:
        if not 0 < self.pagerank_alpha < 1:
            raise SettingsError("stats.pagerank_alpha: expected a number above 0 and below 1, "
                                f"got {self.pagerank_alpha!r}")
        if self.fading_months > 1200:
            raise SettingsError("stats.fading_months: expected at most 1200 (a century), "
                                f"got {self.fading_months!r}")


@dataclass(frozen=True)
class VizSettings:
    """Interactive picture settings (see :mod:`refgraph.show.picture`)."""

    #: Above this many nodes the picture shows the owner's ego network or the
    #: strongest ties, and says what it left out.
    max_nodes: int = 300
    #: Hops around ``--ego`` shown by default: friends of friends, who can be
    #: introduced through one person.
    ego_radius: int = 2
    #: Seed of the spring layout, so the same network always looks the same.
    layout_seed: int = 42
    #: Spring-layout iterations: enough to untangle a few hundred nodes in
    #: well under a second.
    layout_iterations: int = 100
    #: Above this many nodes the layout runs proportionally fewer iterations
    #: (each one costs n squared), so a big picture still takes seconds.
    layout_full_max_nodes: int = 500
    #: Fewest layout iterations, however big the picture: enough to separate
    #: communities.
    layout_min_iterations: int = 30
    #: Smallest node radius in pixels: still easy to hover on a phone.
    node_size_min: float = 8.0
    #: Largest node radius in pixels: big hubs must not hide their neighbours.
    node_size_max: float = 40.0
    #: Width of the weakest tie in pixels: visible but faint.
    edge_width_min: float = 0.5
    #: Width of a tie at full trust in pixels.
    edge_width_max: float = 6.0
    #: Height of the picture area in pixels: fills a laptop screen.
    height_px: int = 750


@dataclass(frozen=True)
class ReportSettings:
    """The monthly report (see :mod:`refgraph.show.report`)."""

    #: Rows in each table of the report: a page, not a spreadsheet.
    top: int = 10
    #: People on this month's nurture list: as many calls as fit in a month.
    nurture_n: int = 10
    #: Months of history in the per-month charts: a year shows the seasons.
    chart_months: int = 12
    #: Most people in the report's small network picture: readable on a phone.
    picture_max_nodes: int = 60
    #: Hops around the owner in the report's picture: the owner's own ties.
    picture_radius: int = 1
    #: Height of the report's picture in pixels.
    picture_height_px: int = 520


@dataclass(frozen=True)
class ImportSettings:
    """How imports match people across sources and turn calendars into interactions.

    See :mod:`refgraph.importers.identity` and :mod:`refgraph.importers`.
    """

    #: Region assumed for phone numbers written without a country code (ISO
    #: 3166 code, as phonenumbers expects); most address books are national.
    default_region: str = "GB"
    #: rapidfuzz ``token_sort_ratio`` (0-100) at which two names are the same
    #: person's: forgives a typo, an accent or swapped order, not another name.
    name_threshold: float = 92.0
    #: rapidfuzz ``token_set_ratio`` (0-100) at which two companies agree, after
    #: legal suffixes are dropped: "Acme" and "Acme Holdings Ltd" agree.
    company_threshold: float = 80.0
    #: Names this close at an agreeing company are listed for review rather
    #: than added as new people ("Jon Smith" / "John Smith", both at Acme).
    review_threshold: float = 85.0
    #: Calendar events with more people than this (owner included) are group
    #: events: one ``event`` row per contact with the owner, not a meeting
    #: between everyone (a 40-seat chapter meeting is not 780 one-to-ones).
    meeting_max_people: int = 8
    #: A recurring group event adds at most one ``event`` row per contact in
    #: this many days: sitting in the same weekly room keeps people visible,
    #: it is not 52 contacts a year. 0 keeps every occurrence.
    event_min_gap_days: float = 28.0
    #: Backups kept per network file in ``.backup/``: a month of daily logging.
    backups_kept: int = 30


#: Engines that compute the tie and flow tables (see :mod:`refgraph.model.engines`).
ENGINES: tuple[str, ...] = ("auto", "pandas", "duckdb", "spark")


#: When network folders are kept in the cache of checked networks (``engine.cache``).
CACHE_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class EngineSettings:
    """Which engine computes tie and flow tables (see :mod:`refgraph.model.engines`)."""

    #: ``auto`` uses pandas for networks that fit in memory with room to spare
    #: and DuckDB above ``duckdb_min_interactions``; or name one of ENGINES.
    name: str = "auto"
    #: From this many interactions on, ``auto`` aggregates in DuckDB, whose
    #: memory limit bounds the aggregation: below it pandas is faster with the
    #: same peak memory (10 million interactions: 3.3 s against 5.2 s, 1.5 GB
    #: more at the peak either way) and needs no database.
    duckdb_min_interactions: int = 20_000_000
    #: DuckDB's memory limit: it spills to disk beyond it, leaving room for
    #: the graph on an 8 GB machine.
    duckdb_memory_limit: str = "2GB"
    #: Threads for DuckDB; 0 lets it use every core.
    threads: int = 0
    #: Spark master for ``--engine spark`` when no session is running
    #: (``spark-submit`` sets its own): every local core.
    spark_master: str = "local[*]"
    #: Keep checked networks in the cache folder and load them from there
    #: while their files are unchanged: ``auto`` (folders of at least
    #: ``cache_min_bytes``), ``always`` or ``never``.
    cache: str = "auto"
    #: ``auto`` caches a folder whose files hold at least this many bytes (10
    #: million interactions: seconds instead of a quarter of a minute); smaller
    #: ones load faster than the cache pays back.
    cache_min_bytes: int = 100_000_000

    def __post_init__(self) -> None:
        if self.name not in ENGINES:
            raise SettingsError(f"engine.name: expected one of {', '.join(ENGINES)}, "
                                f"got {self.name!r}")
        if self.cache not in CACHE_MODES:
            raise SettingsError(f"engine.cache: expected one of {', '.join(CACHE_MODES)}, "
                                f"got {self.cache!r}")
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?\s*[KMGT]i?B", self.duckdb_memory_limit):
            raise SettingsError("engine.duckdb_memory_limit: expected a size such as '2GB' or "
                                f"'512MiB', got {self.duckdb_memory_limit!r}")

    def replace(self, **changes: Any) -> EngineSettings:
        """Return a copy with some fields changed.

        Examples
        --------
        >>> EngineSettings().replace(name="duckdb").name
        'duckdb'
        """
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Settings:
    """All of refgraph's settings, with documented defaults.

    Parameters
    ----------
    owner : str or None
        The id of "me", the person whose network this is.
    as_of : str or None
        The moment answers are given at when none is asked for (``YYYY-MM-DD``
        or an ISO 8601 date-time); ``None`` means today.
    kind_weights : dict
        Strength one fresh interaction of each kind adds to a tie.
    half_life_days : dict
        Days after which an interaction of each kind counts half.
    trust, stages, refer, path, ask, nurture, stats, viz, report, imports, contacts, engine,
    scorecard
        Section settings; see each class.
    needs : dict
        Extra situations for the needs taxonomy, ``{name: {"keywords": [...],
        "professions": [...]}}``, merged over the built-in taxonomy.

    Examples
    --------
    >>> s = Settings(owner="me")
    >>> s.kind_weights["one_to_one"], s.half_life_days["one_to_one"]
    (3.0, 365.0)
    """

    owner: str | None = None
    as_of: str | None = None
    kind_weights: dict[str, float] = field(default_factory=_kind_weights)
    half_life_days: dict[str, float] = field(default_factory=_half_lives)
    trust: TrustSettings = field(default_factory=TrustSettings)
    stages: StageSettings = field(default_factory=StageSettings)
    refer: ReferSettings = field(default_factory=ReferSettings)
    ask: AskSettings = field(default_factory=AskSettings)
    path: PathSettings = field(default_factory=PathSettings)
    nurture: NurtureSettings = field(default_factory=NurtureSettings)
    stats: StatsSettings = field(default_factory=StatsSettings)
    viz: VizSettings = field(default_factory=VizSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    imports: ImportSettings = field(default_factory=ImportSettings)
    contacts: ContactSettings = field(default_factory=ContactSettings)
    engine: EngineSettings = field(default_factory=EngineSettings)
    scorecard: ScorecardSettings = field(default_factory=ScorecardSettings)
    needs: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some top-level fields changed.

        Examples
        --------
        >>> Settings().replace(owner="c1").owner
        'c1'
        """
        return dataclasses.replace(self, **changes)
