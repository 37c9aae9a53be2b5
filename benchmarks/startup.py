"""App start-up as the learner waits for it: the time to a **usable** Home (every panel filled,
keys 1–3 accepted) as a ratio to a bare Textual app's first frame, measured in the same run, on a
learner's database after 60 days of daily study and on one with 1,000,000 review logs (target
≤ 1.3 for both; the launches run with ``TZ=UTC``). For information: the same learner with a named
time zone (``TZ=Asia/Seoul``: Home then imports ``zoneinfo``, 7-9 ms, where UTC and the system's
own zone need none), Home's first frame (usually the usable one: Home waits briefly for its data
before it is first drawn; else the check-in line and the footer) and peak memory.

Run: python benchmarks/startup.py [PAIRS]  (prints a table; the README shows the latest figures).

Every launch is a fresh interpreter started by ``_startup_launcher.py`` (it prints the first
frame and the usable frame, and exits once the app's workers are done, so the child's peak
memory covers the whole start). Each figure is the median (min–max) of PAIRS interleaved pairs
(``_timing.paired_ratios``): a studytrack launch next to a bare-app launch.

The learner comes from ``benchmarks/review.py``'s ``build_learner`` (today's plan answered every
day for 60 days through the store: ``plan_today``, ``record_answer``); the 1M database is
``benchmarks/scaling.py``'s, built once into ``$STUDYTRACK_BENCH_DIR`` and reused (copied here).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

from _timing import PAIRS, copy_settled, environment, load_line, paired_ratios, ratio_row

HERE = Path(__file__).resolve().parent
"""The benchmarks folder."""

LAUNCHER = HERE / "_startup_launcher.py"
"""Starts one app headless and reports its first and usable frames."""

TARGET = 1.3
"""Usable Home ÷ a bare Textual app's first frame."""

LARGE_LOGS = 1_000_000
"""Review logs (and quiz attempts) of the large database."""


def launch(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds from starting ``args`` to its first frame and to its usable frame, and its peak
    memory in KiB."""
    start = time.time()
    process = subprocess.Popen([sys.executable, str(LAUNCHER), *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or "USABLE" not in output:
        raise RuntimeError(f"{args} failed ({process.returncode}): {output!r}")
    first_frame = float(output.split("FIRST_FRAME", 1)[1].split()[0])
    usable = float(output.split("USABLE", 1)[1].split()[0])
    return first_frame - start, usable - start, usage.ru_maxrss


def build(folder: Path) -> dict[str, Path]:
    """The two databases, built in a child (this process must stay small: a child's ``ru_maxrss``
    starts from the memory of the process that spawned it)."""
    paths = {"60-day learner": folder / "learner.db", "1M review logs": folder / "large.db"}
    subprocess.run([sys.executable, __file__, "--build", str(paths["60-day learner"]),
                    str(paths["1M review logs"])], check=True)
    return paths


def build_databases(learner: Path, large: Path) -> None:
    """Build the learner and copy the shared 1M database (run in the child)."""
    from review import build_learner
    from scaling import bench_folder, database

    build_learner(learner)
    copy_settled(database(bench_folder(), LARGE_LOGS), large)  # on disk before any launch


def main(pairs: int = PAIRS) -> None:
    """Launch bare and studytrack apps in interleaved pairs and print the ratios."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        started = time.perf_counter()
        databases = build(folder)
        built = time.perf_counter() - started
        # Compiled modules cached as an installed package has them (in the temporary folder, so
        # the checkout stays clean); the warm-up pairs fill the cache for every launch alike.
        env = environment(pycache=str(folder / "pycache"), TZ="UTC", STUDYTRACK_LANG="en")
        memory: dict[str, list[int]] = {}

        def measure(args: list[str], label: str, usable: bool, **overrides: str):
            """A timing function: seconds to the usable (or the first) frame of launch ``args``
            (with the variables ``overrides`` set)."""
            def run() -> float:
                first, ready, peak = launch(args, env | overrides)
                memory.setdefault(label, []).append(peak)
                return ready if usable else first

            return run

        candidates = {}
        for label, path in databases.items():
            candidates[f"usable Home, {label}"] = measure(["studytrack", str(path)], label, usable=True)
        targeted = set(candidates)
        candidates["usable Home, 60-day learner, TZ=Asia/Seoul"] = measure(
            ["studytrack", str(databases["60-day learner"])], "named zone", usable=True, TZ="Asia/Seoul")
        candidates["Home's first frame, 60-day learner"] = measure(
            ["studytrack", str(databases["60-day learner"])], "first frame", usable=False)
        candidates["bare Textual app + numpy, first frame"] = measure(["bare-numpy"], "bare + numpy", usable=False)
        found = paired_ratios(measure(["bare"], "bare", usable=False), candidates, pairs=pairs)
    print(f"Start-up ÷ a bare Textual app's first frame; {pairs} interleaved pairs; {load_line()}; "
          f"databases built in {built:.0f} s")
    for label, ratio in found.items():
        print(ratio_row(label, ratio, TARGET if label in targeted else None))
    print()
    print("peak memory (median MiB): " + ", ".join(
        f"{label} {statistics.median(values) / 1024:.0f}" for label, values in memory.items()))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_databases(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
