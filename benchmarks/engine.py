"""Engine speed: the MSE descent step and the learning-rate sweep, as ratios to same-run baselines.

Run: python benchmarks/engine.py  (prints a table; the README shows the latest figures).
Each row is a function in ``ROWS`` returning a ``Row``; add a row by appending a function.
"""

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # this checkout, installed or not

import numpy as np
from _timing import best_of, wall_time

from studytrack.engine import (
    descend,
    max_stable_learning_rate,
    mse_hessian,
    mse_objective,
    mse_step,
    sweep_linear_regression,
)


@dataclass(frozen=True)
class Row:
    """One line of the table: what was timed, the baseline it is divided by, and the target."""

    measured: str
    baseline: str
    measured_seconds: float
    baseline_seconds: float
    target: float

    @property
    def ratio(self) -> float:
        """Measured time ÷ baseline time, both the best of several runs."""
        return self.measured_seconds / self.baseline_seconds

    @property
    def met(self) -> bool:
        """True when the ratio is at or under its target."""
        return self.ratio <= self.target


def seconds(work: Callable[[], object]) -> Callable[[], float]:
    """A measurement for ``best_of``: the wall time of one call of ``work``."""

    def measure() -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    return measure


def regression_data(samples: int, features: int) -> tuple[np.ndarray, np.ndarray]:
    """A fixed linear-regression data set (float64, C order) with noise."""
    rng = np.random.default_rng(20261128)
    x = rng.standard_normal((samples, features))
    return x, x @ rng.standard_normal(features) + 0.5 + 0.1 * rng.standard_normal(samples)


def mse_step_versus_blas(runs: int = 15) -> Row:
    """One full-batch MSE step (n = 1e6, d = 10) ÷ the two BLAS passes X @ w and Xᵀ @ r alone."""
    x, y = regression_data(1_000_000, 10)
    w = np.full(10, 0.1)

    def blas_passes() -> None:
        x.T @ (x @ w)

    timings = best_of(
        runs,
        {
            "blas": seconds(blas_passes),
            "step": seconds(lambda: mse_step(x, y, w, 0.2, 0.01)),
        },
    )
    return Row("mse_step, n=1e6, d=10", "X@w and Xᵀ@r", timings["step"], timings["blas"], 1.3)


def sweep_versus_single_run(runs: int = 7) -> Row:
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

    timings = best_of(runs, {"single": seconds(single_run), "sweep": seconds(sweep)})
    return Row(
        "sweep of 64 rates, n=1000, d=10, 200 steps",
        "one descend run, same problem",
        timings["sweep"],
        timings["single"],
        target=8.0,
    )


def _bundled_exercises():
    """The bundled course's exercises."""
    from studytrack.domain.content.course import load_course
    from studytrack.domain.exercises.model import load_exercises
    from studytrack.paths import bundled_content_dir

    course = load_course(bundled_content_dir())
    return load_exercises(course.root, course.topic_ids)


def code_check_versus_numpy_import(runs: int = 9) -> Row:
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

    timings = best_of(
        runs,
        {
            "numpy": lambda: wall_time([sys.executable, "-I", "-c", "import numpy"], env=dict(CHILD_ENVIRONMENT)),
            "check": seconds(check),
        },
    )
    return Row("code check, reference mse_gradient", "python -I -c 'import numpy'", timings["check"],
               timings["numpy"], target=1.5)


INSTANT_SECONDS = 0.1
"""A response within 100 ms feels instant: the budget numeric checks are measured against."""


def numeric_check_median(seeds: int = 15) -> Row:
    """The median in-process time to generate one problem and check an answer, over the numeric
    exercises (each the median over fresh seeds, so no cached descent run helps), ÷ 100 ms."""
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
    return Row(f"numeric check, median of {len(medians)} (slowest {max(medians) * 1e3:.0f} ms)", "100 ms (instant)",
               float(np.median(medians)), INSTANT_SECONDS, target=0.5)


ROWS: list[Callable[[], Row]] = [
    mse_step_versus_blas,
    sweep_versus_single_run,
    code_check_versus_numpy_import,
    numeric_check_median,
]
"""The benchmark rows, in the order they are printed."""


def main() -> None:
    """Run every row and print its ratio, its target and whether the target is met."""
    print(f"{'measured':<44}{'ms':>8}  {'baseline':<30}{'ms':>8}{'ratio':>7}{'target':>8}  met")
    for row_function in ROWS:
        row = row_function()
        print(
            f"{row.measured:<44}{row.measured_seconds * 1e3:>8.2f}  {row.baseline:<30}"
            f"{row.baseline_seconds * 1e3:>8.2f}{row.ratio:>7.2f}{row.target:>8.2f}  "
            f"{'yes' if row.met else 'NO'}"
        )


if __name__ == "__main__":
    main()
