"""``studytrack optimize`` on 10,000 reviews, reported with the machine it ran on.

A synthetic learner (``tests/synthetic_learner.py``: a known forgetting curve far from FSRS's
defaults) makes 10,000 reviews over about 830 items, logged in a temporary database. Timed,
median of 5 (1–3), median (min–max) of 7 interleaved pairs (4):

1. reading the review log (``store.fitting.logged_reviews``);
2. the fit alone (fsrs-rs-python's ``compute_parameters``);
3. the whole of ``fit_to_history``: the fit and scoring the default and the fitted parameters;
4. ``studytrack optimize --json --yes`` as a command, start to exit, as a ratio to
   ``python -c 'import sqlite_utils'`` measured in the same run.

Run: python benchmarks/optimize.py  (prints a table; the README shows the latest figures).
"""

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _timing import command_time, environment, load_line, paired_ratio
from synthetic_learner import synthetic_reviews

from studytrack.clock import to_iso
from studytrack.domain.planning.fitting import fit_parameters, fit_to_history, review_histories, training_items
from studytrack.store.database import immediate, open_database
from studytrack.store.fitting import logged_reviews

REVIEWS = 10_000


def cpu_model() -> str:
    """The processor's name, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def timed(action) -> float:
    """Seconds one call of ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    """Build the database, time each step and print the table."""
    reviews = synthetic_reviews(REVIEWS, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "studytrack.db"
        db = open_database(db_path)
        with immediate(db):
            db.conn.executemany(
                "INSERT INTO review_logs (kind, item_id, topic_id, rating, outcome, created_at) "
                "VALUES ('review', ?, 'loss.purpose', ?, ?, ?)",
                [(r.item_id, r.rating, "correct" if r.rating > 1 else "incorrect", to_iso(r.at)) for r in reviews],
            )
        items = training_items(review_histories(reviews))
        steps = {"read": lambda: logged_reviews(db), "fit": lambda: fit_parameters(items),
                 "whole": lambda: fit_to_history(reviews)}
        for action in steps.values():  # warm-up
            action()
        best = {name: statistics.median(timed(action) for _ in range(5)) for name, action in steps.items()}
        fit = fit_to_history(reviews)
        db.close()
        env = environment(os.path.join(folder, "pycache"), STUDYTRACK_NOW="2027-01-01T09:00:00+00:00")
        command = [sys.executable, "-m", "studytrack", "--db", str(db_path), "optimize", "--json", "--yes"]
        baseline = [sys.executable, "-c", "import sqlite_utils"]
        walls = paired_ratio(command_time(baseline, env), command_time(command, env))

    print(f"machine: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}, "
          f"Python {platform.python_version()}")
    print(f"{len(reviews)} reviews, {len({r.item_id for r in reviews})} items, {len(items)} training items")
    print(f"default log loss {fit.default.log_loss:.4f} RMSE {fit.default.rmse:.4f}; "
          f"fitted log loss {fit.fitted.log_loss:.4f} RMSE {fit.fitted.rmse:.4f}")
    print(f"{'read the review log':<42} {best['read'] * 1000:8.1f} ms")
    print(f"{'fit (compute_parameters)':<42} {best['fit'] * 1000:8.1f} ms")
    print(f"{'fit + score default and fitted':<42} {best['whole'] * 1000:8.1f} ms")
    print(f"{'studytrack optimize --json --yes (wall)':<42} {walls.candidate_seconds * 1000:8.1f} ms (median)")
    print(f"{'python -c import sqlite_utils (wall)':<42} {walls.baseline_seconds * 1000:8.1f} ms (median)")
    print(f"{'ratio command / baseline':<42} {walls!s:>20}  (median (min–max) of {walls.pairs} pairs; {load_line()})")


if __name__ == "__main__":
    main()
