"""Timing helpers shared by the benchmark scripts: ratios of interleaved pairs, told as the median
with the smallest and largest pair.

On a loaded machine an absolute time means little and the fastest of N runs flatters whoever was
lucky. Each pair runs a candidate right next to its baseline (which goes first alternates), so
both see the same load; the ratio of each pair is kept, and a figure is the median of those
ratios with their min–max.
"""

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

PAIRS = 7
"""The fewest interleaved pairs a figure is made of."""


@dataclass(frozen=True)
class Ratio:
    """A candidate's time ÷ its baseline's, over interleaved pairs."""

    median: float
    """The median of the per-pair ratios: the figure a target is checked against."""
    low: float
    """The smallest per-pair ratio."""
    high: float
    """The largest per-pair ratio."""
    pairs: int
    """How many pairs were measured."""
    candidate_seconds: float
    """The median time of the candidate (for information: absolute times drift with the load)."""
    baseline_seconds: float
    """The median time of the baseline."""

    def __str__(self) -> str:
        """``median (min–max)``, as the README shows it."""
        return f"{self.median:.2f} ({self.low:.2f}–{self.high:.2f})"

    def meets(self, target: float) -> bool:
        """Whether the median is within ``target``."""
        return self.median <= target


def paired_ratio(
    baseline: Callable[[], float], candidate: Callable[[], float], pairs: int = PAIRS, warmup: int = 1
) -> Ratio:
    """Time ``candidate`` and ``baseline`` (each returns seconds) in ``pairs`` adjacent pairs,
    taking turns at going first, after ``warmup`` unmeasured pairs; the ratios' median and range."""
    for _ in range(warmup):
        baseline()
        candidate()
    ratios, candidates, baselines = [], [], []
    for number in range(pairs):
        if number % 2:
            seconds = candidate()
            base = baseline()
        else:
            base = baseline()
            seconds = candidate()
        ratios.append(seconds / base)
        candidates.append(seconds)
        baselines.append(base)
    return Ratio(statistics.median(ratios), min(ratios), max(ratios), pairs,
                 statistics.median(candidates), statistics.median(baselines))


def paired_ratios(
    baseline: Callable[[], float], candidates: dict[str, Callable[[], float]], pairs: int = PAIRS,
    warmup: int = 1,
) -> dict[str, Ratio]:
    """``paired_ratio`` of each candidate against the one baseline, the candidates taking turns
    round by round (each round: one pair per candidate) so drifting load hits all alike."""
    for _ in range(warmup):
        baseline()
        for measure in candidates.values():
            measure()
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in candidates}
    for number in range(pairs):
        for name, measure in candidates.items():
            if number % 2:
                seconds = measure()
                base = baseline()
            else:
                base = baseline()
                seconds = measure()
            found[name].append((seconds, base))
    results = {}
    for name, timings in found.items():
        ratios = [seconds / base for seconds, base in timings]
        results[name] = Ratio(statistics.median(ratios), min(ratios), max(ratios), pairs,
                              statistics.median(s for s, _ in timings), statistics.median(b for _, b in timings))
    return results


def timed(work: Callable[[], object]) -> Callable[[], float]:
    """A measurement for ``paired_ratio``: the wall time of one call of ``work``."""
    def measure() -> float:
        """Seconds one call of ``work`` takes."""
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    return measure


def wall_time(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Seconds one run of ``command`` takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    return time.perf_counter() - start


def command_time(command: Sequence[str], env: dict[str, str] | None = None) -> Callable[[], float]:
    """A measurement for ``paired_ratio``: the wall time of one run of ``command``."""
    return lambda: wall_time(command, env)


def copy_settled(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
    """Copy ``source`` to ``target`` and wait until the copy is on disk, as a learner's database
    has long been. A fresh copy of the 1M database leaves ~1 GB of dirty pages that the kernel
    writes back during the next minutes, right when the keys that sync an answer are timed: every
    sync then waits behind that writeback (a review answer's wall time at 1M went from ~20 to
    ~29 ms, its CPU time unchanged), and so does the fresh database measured meanwhile."""
    shutil.copyfile(source, target)
    with open(target, "rb+") as copied:
        os.fsync(copied.fileno())
    os.sync()  # whatever else is dirty too (the folder's entry, an earlier copy)


def ratio_row(label: str, ratio: Ratio, target: float | None = None) -> str:
    """One line of a benchmark's table: label, median (min–max), the target and whether it is met."""
    verdict = "" if target is None else f"  ≤ {target:<5} {'met' if ratio.meets(target) else 'MISSED'}"
    return (f"{label:<52}{ratio!s:>20}  [{ratio.candidate_seconds * 1000:8.1f} ms ÷ "
            f"{ratio.baseline_seconds * 1000:7.1f} ms]{verdict}")


def load_line() -> str:
    """The machine as a README figure needs it: cores, CPU model and the load average now."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    one, five, fifteen = os.getloadavg()
    return f"nproc {os.cpu_count()}, {model}, load {one:.2f} {five:.2f} {fifteen:.2f}"


def environment(pycache: str | None = None, **overrides: str) -> dict[str, str]:
    """The current environment with ``overrides`` set.

    With ``pycache`` (a folder), children cache their bytecode there as an installed package
    would, even where the environment sets ``PYTHONDONTWRITEBYTECODE``; every command of a
    benchmark, baselines included, then runs under the same rules.
    """
    env = dict(os.environ)
    env.update(overrides)
    if pycache is not None:
        env["PYTHONPYCACHEPREFIX"] = pycache
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
