"""Timing helpers shared by the benchmark scripts: best-of-N wall times, measured interleaved."""

import os
import subprocess
import time
from collections.abc import Callable, Sequence


def wall_time(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Seconds one run of ``command`` takes, start to exit."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    return time.perf_counter() - start


def best_of(
    runs: int, candidates: dict[str, Callable[[], float]], warmup: int = 2
) -> dict[str, float]:
    """The fastest of ``runs`` timings of each candidate, taking turns so noise hits all alike."""
    for _ in range(warmup):
        for measure in candidates.values():
            measure()
    best = {name: float("inf") for name in candidates}
    for _ in range(runs):
        for name, measure in candidates.items():
            best[name] = min(best[name], measure())
    return best


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
