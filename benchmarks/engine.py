"""Engine speed: the MSE descent step and the learning-rate sweep, as ratios to same-run baselines.

Run: python benchmarks/engine.py [PAIRS]  (prints two tables; the README shows the latest figures).
Each row is a function in ``ROWS`` returning a ``Row``; add a row by appending a function. Every
figure is the median (min–max) of interleaved pairs (``_timing.paired_ratio``).

The table is made twice, each time in a fresh child process: with BLAS pinned to one thread
(``OPENBLAS_NUM_THREADS=1`` and its kin, set before numpy loads; threadpoolctl is not a dependency),
which is what the targets are checked on, and with the library's default threads, for
information: on a loaded 2-core machine extra BLAS threads mostly wait for each other.
"""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

import numpy as np
from _timing import PAIRS, Ratio, command_time, load_line, paired_ratio, timed

from studytrack.engine import (
    descend,
    max_stable_learning_rate,
    mse_hessian,
    mse_objective,
    mse_step,
    sweep_linear_regression,
)

ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                     "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}
"""The environment that pins every common BLAS to one thread (read when numpy loads)."""


@dataclass(frozen=True)
class Row:
    """One line of the table: what was timed, the baseline it is divided by, and the target."""

    measured: str
    baseline: str
    ratio: Ratio
    target: float

    @property
    def met(self) -> bool:
        """True when the median ratio is at or under its target."""
        return self.ratio.meets(self.target)


def regression_data(samples: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """A fixed linear-regression data set (float64, C order) with noise."""
    rng = np.random.default_rng(20261128)
    x = rng.standard_normal((samples, features))
    return x, x @ rng.standard_normal(features) + 0.5 + 0.1 * rng.standard_normal(samples)


def mse_step_versus_blas(pairs: int = PAIRS) -> Row:
    """One full-batch MSE step (n = 1e6, d = 10) ÷ the two BLAS passes X @ w and Xᵀ @ r alone."""
    x, y = regression_data(1_000_000, 10)
    w = np.full(10, 0.1)

    def blas_passes() -> None:
        x.T @ (x @ w)

    ratio = paired_ratio(timed(blas_passes), timed(lambda: mse_step(x, y, w, 0.2, 0.01)), pairs=pairs)
    return Row("mse_step, n=1e6, d=10", "X@w and Xᵀ@r", ratio, 1.3)


def sweep_versus_single_run(pairs: int = PAIRS) -> Row:
    """64 learning rates swept together ÷ one ``descend`` run (n = 1000, d = 10, 200 steps)."""
    x, y = regression_data(1000, 10)
    limit = max_stable_learning_rate(mse_hessian(x))
    rates = np.geomspace(1e-3, 0.99, 64) * limit  # all stable: every rate runs all 200 steps
    objective = mse_objective(x, y)
    start = np.zeros(11)

    def sweep() -> None:
        result = sweep_linear_regression(x, y, rates, 200)
        assert set(result.statuses) == {"max_steps"}

    def single_run() -> None:
        descend(objective.gradient, start, float(rates[32]), 200, loss=objective.value)

    ratio = paired_ratio(timed(single_run), timed(sweep), pairs=pairs)
    return Row("sweep of 64 rates, n=1000, d=10, 200 steps", "one descend run, same problem", ratio, target=8.0)


def _bundled_exercises():
    """The bundled course's exercises."""
    from studytrack.domain.content.course import load_course
    from studytrack.domain.exercises.model import load_exercises
    from studytrack.paths import bundled_content_dir

    course = load_course(bundled_content_dir())
    return load_exercises(course.root, course.topic_ids)


def code_check_versus_numpy_import(pairs: int = PAIRS) -> Row:
    """A whole code-exercise check (reference implement-mse-gradient) ÷ ``python -I -c "import numpy"``.

    Both child processes get the sandbox's environment (one BLAS thread), so the ratio is what the
    check adds to starting Python with numpy: the harness, the learner's file, the comparison.
    """
    from studytrack.domain.exercises.model import find_exercise
    from studytrack.sandbox.code_check import check_code
    from studytrack.sandbox.runner import CHILD_ENVIRONMENT

    item = find_exercise(_bundled_exercises(), "implement-mse-gradient")

    def check() -> None:
        assert check_code(item, item.code.solution, 1).correct

    numpy_import = command_time([sys.executable, "-I", "-c", "import numpy"], dict(CHILD_ENVIRONMENT))
    ratio = paired_ratio(numpy_import, timed(check), pairs=pairs)
    return Row("code check, reference mse_gradient", "python -I -c 'import numpy'", ratio, target=1.5)


INSTANT_SECONDS = 0.1
"""A response within 100 ms feels instant: the budget numeric checks are measured against."""


def numeric_check_median(pairs: int = PAIRS, seeds: int = 15) -> Row:
    """The median in-process time to generate one problem and check an answer, over the numeric
    exercises (each the median over fresh seeds, so no cached descent run helps), ÷ 100 ms; the
    range is over the exercises (a fixed budget needs no pairs: ``pairs`` is not used)."""
    from studytrack.domain.exercises.model import check_answers, generate

    medians = []
    for item in _bundled_exercises():
        if item.is_code:
            continue
        times = []
        for seed in range(1000, 1000 + seeds):
            start = time.perf_counter()
            instance = generate(item, seed)
            check_answers(instance, {name: str(value) for name, value in instance.expected.items()})
            times.append(time.perf_counter() - start)
        medians.append(float(np.median(times)))
    ratios = [median / INSTANT_SECONDS for median in medians]  # min–max: over the exercises
    ratio = Ratio(statistics.median(ratios), min(ratios), max(ratios), len(ratios), statistics.median(medians),
                  INSTANT_SECONDS)
    return Row(f"numeric check, median of {len(medians)} exercises", "100 ms (instant)", ratio, target=0.5)


ROWS: list[Callable[[int], Row]] = [
    mse_step_versus_blas,
    sweep_versus_single_run,
    code_check_versus_numpy_import,
    numeric_check_median,
]
"""The benchmark rows, in the order they are printed."""


def print_table(pairs: int) -> None:
    """Run every row in this process and print its ratio, its target and whether it is met."""
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(f"BLAS threads: {threads}; {pairs} interleaved pairs; {load_line()}")
    print(f"{'measured':<44}{'ms':>9}  {'baseline':<30}{'ms':>9}  {'median (min–max)':>22}{'target':>8}  met")
    for row_function in ROWS:
        row = row_function(pairs)
        print(
            f"{row.measured:<44}{row.ratio.candidate_seconds * 1e3:>9.2f}  {row.baseline:<30}"
            f"{row.ratio.baseline_seconds * 1e3:>9.2f}  {row.ratio!s:>22}{row.target:>8.2f}  "
            f"{'yes' if row.met else 'NO'}"
        )


def main(pairs: int = PAIRS) -> None:
    """The table with one BLAS thread (targets), then with the default threads (information),
    each in a fresh child so the setting is read when numpy loads."""
    for label, overrides in (("one BLAS thread (targets)", ONE_THREAD), ("default BLAS threads", {})):
        env = {name: value for name, value in os.environ.items() if name not in ONE_THREAD} | overrides
        print(f"── {label}")
        sys.stdout.flush()
        subprocess.run([sys.executable, __file__, "--table", str(pairs)], env=env, check=True)
        print()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--table"]:
        print_table(int(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else PAIRS)
