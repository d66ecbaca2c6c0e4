"""The tables ``scripts/benchmark.py`` prints: refgraph and the bare pipeline side by side."""

from __future__ import annotations

from dataclasses import dataclass

from benchmark_data import PARQUET_SCALES, SCALES

# (seconds, megabytes) for load+validate+build (issue 11 tightened L from 45 s, 6 GB).
BUILD_TARGETS = {"M": (2.5, 1024.0), "L": (20.0, 4096.0)}
# (seconds, megabytes) for stages at scale L.
L_TARGETS = {"stats": (90.0, 8192.0)}
# (seconds, megabytes) for the tie table by DuckDB at XL.
XL_TARGETS = {"ties": (600.0, 8192.0)}
# Query targets at scale M, in seconds (issues 4, 10 and 11 and the report issue).
QUERY_TARGETS = {
    "refer": 0.5,
    "ask": 0.2,
    "trust_paths": 0.05,
    "nurture": 1.0,
    "stats": 8.0,
    "monthly_report": 10.0,
    "identity": 60.0,  # 30k incoming records against 300k contacts
}
STAGES = ("load", "load_cached", "log", "load_after_log", "graph", "refer", "ask",
          "trust_paths", "nurture", "stats", "monthly_report", "identity")
#: The stages of the Parquet scales.
XL_STAGES = ("load", "ties")
#: Stages the bare pipeline has an equivalent for.
BARE_STAGES = ("load", "graph", "refer", "ask", "trust_paths", "nurture", "stats", "ties")



@dataclass
class Row:
    """One line of a scale's table: refgraph and the bare pipeline on one stage."""

    scale: str
    stage: str
    seconds: float | None
    peak_mb: float | None
    bare_seconds: float | None
    bare_peak_mb: float | None
    ratio: float | None
    target: str
    result: str
    note: str = ""


def _verdict(seconds: float | None, limit_s: float | None, peak: float | None = None,
             limit_mb: float | None = None, note: str = "") -> str:
    if seconds is None:
        if note.startswith("error"):
            return "ERROR"
        if (note.startswith("timed out") or note.startswith("exit status")) and (
                limit_s is not None):
            return "FAIL"
        return "SKIP"
    if limit_s is None:
        return ""
    ok = seconds <= limit_s and (limit_mb is None or (peak is not None and peak <= limit_mb))
    return "PASS" if ok else "FAIL"


def _limits(scale: str, stage: str) -> tuple[float | None, float | None, str]:
    """The stage's time and memory limits at ``scale`` and how the table shows them."""
    if scale in PARQUET_SCALES and stage in XL_TARGETS:
        limit_s, limit_mb = XL_TARGETS[stage]
    elif scale in BUILD_TARGETS and stage == "load+graph":
        limit_s, limit_mb = BUILD_TARGETS[scale]
    elif scale == "L" and stage in L_TARGETS:
        limit_s, limit_mb = L_TARGETS[stage]
    elif scale == "M" and stage in QUERY_TARGETS:
        return QUERY_TARGETS[stage], None, f"<= {QUERY_TARGETS[stage]:g} s"
    else:
        return None, None, ""
    return limit_s, limit_mb, f"<= {limit_s:g} s, <= {limit_mb / 1024:g} GB"


def _note(stage: str, entry: dict, stages: dict) -> str:
    note = entry.get("note", "")
    if stage == "graph" and "ties_seconds" in entry:
        note = (f"ties {entry['ties_seconds']:.2f} s + nx {entry['nx_seconds']:.2f} s; "
                f"{entry['edges']} edges")
    if stage == "load" and entry.get("seconds") is not None:
        baseline = stages.get("baseline", {}).get("peak_mb")
        note = f"interpreter + libraries before loading: {baseline:.0f} MB"
        if entry.get("warnings"):
            note += f"; {entry['warnings']} data warning(s)"
        if entry.get("kept_in_cache"):
            note += ("; the checked tables were kept in the cache after the graph, as the "
                     f"command keeps them after its answer: done "
                     f"{entry.get('kept_after_seconds', 0):.1f} s after the load")
    if stage == "load_cached" and entry.get("seconds") is not None:
        note = "the same files again, from the cache of checked networks"
    if stage == "ask" and "verdict" in entry:
        note = f"{entry['asker']} asks for {entry['target']}: {entry['verdict']}"
    if stage == "ties" and "ties" in entry:
        note = f"{entry['ties']} ties; DuckDB memory limit {entry['duckdb_memory_limit']}"
    if stage == "monthly_report" and "month" in entry:
        note = f"{entry['network']}, {entry['month']}"
    if stage == "trust_paths" and entry.get("per_path_seconds"):
        note = f"slowest of {len(entry['per_path_seconds'])} paths"
    if entry.get("worker_peak_mb"):
        note = "; ".join(filter(None, [note, f"worker process peak "
                                             f"{entry['worker_peak_mb']:.0f} MB"]))
    return note


def rows_for(scale: str, measured: dict) -> list[Row]:
    """Table rows for one scale: every stage side by side, and the build total."""
    mine, bare = measured.get("refgraph", {}), measured.get("bare", {})
    rows: list[Row] = []
    if "error" in mine:
        rows.append(Row(scale, "-", None, None, None, None, None, "", "ERROR", mine["error"]))
    order = XL_STAGES if scale in PARQUET_SCALES else STAGES
    for stage in order:
        if stage not in mine and stage not in bare:
            continue
        entry = mine.get(stage, {"seconds": None, "peak_mb": None, "note": "not run"})
        other = bare.get(stage, {})
        limit_s, limit_mb, target = _limits(scale, stage)
        note = _note(stage, entry, mine)
        if other.get("seconds") is None and other.get("note"):
            note = "; ".join(filter(None, [note, f"bare: {other['note']}"]))
        rows.append(_row(scale, stage, entry, other, target,
                         _verdict(entry["seconds"], limit_s, entry.get("peak_mb"), limit_mb,
                                  note=entry.get("note", "")), note))
    if scale not in PARQUET_SCALES and ("load" in mine or "load" in bare) and (
            "graph" in mine or "graph" in bare):
        limit_s, limit_mb, target = _limits(scale, "load+graph")
        # The first load checks the files; every later one, while they are
        # unchanged, reads the cache: both totals are shown against the target.
        loads = (("load", "load_cached")
                 if mine.get("load_cached", {}).get("seconds") is not None else ("load",))
        for load in loads:
            both = [_sum_stages(stages, (load, "graph")) for stages in (mine, bare)]
            if load == "load_cached":
                both[1] = {"seconds": None, "peak_mb": None}
            verdict = (_verdict(both[0]["seconds"], limit_s, both[0]["peak_mb"], limit_mb)
                       if both[0]["seconds"] is not None
                       else ("FAIL" if limit_s is not None else "SKIP"))
            label = "load+graph" if load == "load" else "load+graph (cached)"
            rows.append(_row(scale, label, both[0], both[1], target, verdict,
                             _build_note(mine, load) if both[0]["seconds"] is not None
                             else "did not finish"))
    return rows


def _build_note(mine: dict, load_stage: str = "load") -> str:
    """What refer, ask, nurture and stats wait for: the ties; only pictures need nx."""
    load, graph = mine.get(load_stage, {}), mine.get("graph", {})
    if load.get("seconds") is None or "ties_seconds" not in graph:
        return ""
    return (f"load + ties {load['seconds'] + graph['ties_seconds']:.1f} s "
            "(refer, ask, nurture and stats need no nx graph)")


def _sum_stages(stages: dict, names: tuple[str, ...]) -> dict:
    entries = [stages.get(name, {}) for name in names]
    if any(entry.get("seconds") is None for entry in entries):
        return {"seconds": None, "peak_mb": None}
    return {"seconds": sum(entry["seconds"] for entry in entries),
            "peak_mb": max(entry["peak_mb"] for entry in entries)}


def _row(scale: str, stage: str, entry: dict, other: dict, target: str, verdict: str,
         note: str) -> Row:
    seconds, bare_seconds = entry.get("seconds"), other.get("seconds")
    ratio = (bare_seconds / seconds if seconds and bare_seconds is not None else None)
    return Row(scale, stage, seconds, entry.get("peak_mb"), bare_seconds,
               other.get("peak_mb"), ratio, target, verdict, note)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _megabytes(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _ratio(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}x" if value >= 1 else f"{value:.2f}x"


def format_table(rows: list[Row]) -> str:
    """One table per scale: stage, refgraph and bare seconds and MB, ratio, target, ok."""
    header = ("stage", "refgraph s", "refgraph MB", "bare s", "bare MB", "ratio", "target",
              "ok", "note")
    tables = []
    for scale in dict.fromkeys(row.scale for row in rows):
        body = [(r.stage, _seconds(r.seconds), _megabytes(r.peak_mb), _seconds(r.bare_seconds),
                 _megabytes(r.bare_peak_mb), _ratio(r.ratio),
                 r.target, r.result, r.note)
                for r in rows if r.scale == scale]
        widths = [max(len(str(line[i])) for line in [header, *body])
                  for i in range(len(header))]
        lines = ["  ".join(str(cell).ljust(width)
                           for cell, width in zip(line, widths, strict=True)).rstrip()
                 for line in [header, *body]]
        lines.insert(1, "  ".join("-" * width for width in widths))
        n_contacts, n_interactions = SCALES[scale]
        tables.append(f"scale {scale}: {n_contacts:,} contacts, {n_interactions:,} interactions"
                      "\n" + "\n".join(lines))
    return "\n\n".join(tables)


