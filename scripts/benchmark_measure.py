"""Timing and peak memory of one benchmark stage, for ``scripts/benchmark.py``.

Each stage's result is printed as one JSON line as soon as it finishes, so
the parent process keeps the numbers of the stages before one that hangs or
crashes the interpreter.
"""

from __future__ import annotations

import json
import signal
import sys
import time
import traceback

try:
    import resource
except ImportError:  # Windows: no getrusage
    resource = None


class PeakMemory:
    """Peak resident memory of this process, per stage.

    ``reset()`` sets the high-water mark to the current size (Linux
    ``/proc/self/clear_refs``); ``peak_mb()`` reads it back. Without that
    file, the peak is the process-wide maximum from ``getrusage``.
    """

    def __init__(self) -> None:
        self.resettable = self._try_reset()

    @staticmethod
    def _try_reset() -> bool:
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
                handle.write("5")
            return True
        except OSError:
            return False

    def reset(self) -> None:
        if self.resettable:
            self._try_reset()

    def peak_mb(self) -> float:
        if self.resettable:
            with open("/proc/self/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        if resource is None:
            return float("nan")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1024 / (1024 if sys.platform == "darwin" else 1)

    @staticmethod
    def workers_peak_mb() -> float | None:
        """Peak resident memory of the largest worker process so far (``None``: none).

        ``stats`` counts the month before in a forked worker; its memory is
        not in this process's high-water mark, so it is reported beside it.
        """
        if resource is None:
            return None
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return peak / 1024 / (1024 if sys.platform == "darwin" else 1) if peak else None

    @staticmethod
    def current_mb() -> float:
        try:
            with open("/proc/self/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")


class StageTimeout(Exception):
    """A measured stage ran longer than ``--stage-timeout``."""


def _alarm(signum, frame):
    raise StageTimeout


#: Seconds one stage may take before it is abandoned (``--stage-timeout``).
STAGE_TIMEOUT = [600.0]


class Results:
    """Stage results of one worker, streamed to stdout as JSON lines as they finish.

    The parent keeps whatever was printed, so a stage that hangs or crashes
    the interpreter does not lose the numbers of the stages before it.
    """

    def __init__(self, memory: PeakMemory):
        self.memory = memory
        self.stages: dict[str, dict] = {}
        self.record("baseline", {"seconds": None, "peak_mb": memory.current_mb()})

    def record(self, stage: str, entry: dict) -> None:
        self.stages[stage] = entry
        print(json.dumps({"stage": stage, **entry}), flush=True)

    def measure(self, stage: str, func, *args):
        """Run ``func(*args)`` as one stage; it may return ``(value, extra fields)``."""
        self.memory.reset()
        use_alarm = hasattr(signal, "SIGALRM")
        if use_alarm:
            previous = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, STAGE_TIMEOUT[0])
        workers_before = self.memory.workers_peak_mb()
        started = time.perf_counter()
        try:
            value, extra = func(*args)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
        seconds = time.perf_counter() - started
        workers_after = self.memory.workers_peak_mb()
        if workers_after is not None and workers_after != workers_before:
            extra = {**extra, "worker_peak_mb": workers_after}
        # What the stage leaves in memory (the loaded network, say) is part of every later
        # stage's peak; the end size tells the two apart.
        self.record(stage, {"seconds": seconds, "peak_mb": self.memory.peak_mb(),
                            "end_mb": self.memory.current_mb(), **extra})
        return value

    def skip(self, stage: str, why: str) -> None:
        self.record(stage, {"seconds": None, "peak_mb": None, "note": why})

    def run(self, stage: str, call, *args):
        """Time ``call(*args)`` as one stage; a timeout or an error is noted, not raised.

        Returns the stage's value, or ``None`` when it did not finish.
        """
        try:
            return self.measure(stage, call, *args)
        except StageTimeout:
            self.skip(stage, f"timed out after {STAGE_TIMEOUT[0]:g} s")
        except Exception as exc:  # a broken stage must not hide the other numbers
            traceback.print_exc(file=sys.stderr)  # the note is one line; this says where
            self.skip(stage, f"error: {type(exc).__name__}: {exc}")
        return None

    def query(self, stage: str, module: str, name: str, call) -> None:
        """Time one query function if its module can be imported."""
        try:
            func = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError) as exc:
            self.skip(stage, f"skipped: {module}.{name} not available ({exc})")
            return
        self.run(stage, call, func)

    def slowest_path(self, stage: str) -> None:
        """The target is per path: make the slowest of the timed paths the stage's time."""
        entry = self.stages.get(stage, {})
        if entry.get("per_path_seconds"):
            self.record(stage, {**entry, "seconds": max(entry["per_path_seconds"])})




def warm_memory(gigabytes: float) -> float:
    """Touch ``gigabytes`` of new memory once, then free it; returns the seconds taken.

    On a virtual machine the host backs the guest's memory only when it is
    first touched, which can cost seven times what touching it later does
    (2.8 s per GB against 0.4 s on the development machine). Without this,
    whichever stage first grows past what the machine has used since it
    booted pays for it: that is the host's cost, not refgraph's. Every
    worker, refgraph's and the bare pipeline's alike, then starts on memory
    the guest already has.
    """
    import numpy as np

    started = time.perf_counter()
    held = [np.ones(64_000_000) for _ in range(max(0, round(gigabytes * 2)))]  # 512 MB each
    del held
    return time.perf_counter() - started


def machine_speed() -> dict:
    """Three quick probes that tell one machine's speed from another's.

    Machines sold as the same size differ by two times or more on this
    benchmark, mostly in memory: a Python loop (the interpreter), first
    touches of new memory (what loading and building big frames and graphs
    pay) and random reads from a table larger than the caches (what every
    shortest-path search pays). Runs are comparable when these agree.
    """
    import numpy as np

    started = time.perf_counter()
    for _ in range(10_000_000):
        pass
    loop = time.perf_counter() - started

    started = time.perf_counter()
    fresh = np.ones(64_000_000)  # 512 MB, every page touched
    touch = (time.perf_counter() - started) * 2
    del fresh

    table = np.arange(25_000_000, dtype=np.int64)  # 200 MB
    places = np.random.default_rng(0).integers(0, len(table), 10_000_000)
    started = time.perf_counter()
    int(table[places].sum())
    gather = time.perf_counter() - started
    return {"python_loop_10m_s": round(loop, 3), "new_memory_s_per_gb": round(touch, 3),
            "random_reads_10m_s": round(gather, 3)}
